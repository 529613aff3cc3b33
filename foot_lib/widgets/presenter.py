"""Presenter mode: the course's live tools on one screen, readable from the back of a room.

``Presenter(course)`` is a dashboard with tabs — the reflex chart explorer, the routine
player, the safety check and the lesson quizzes — and a "Large text / high contrast" switch.
It is what ``notebooks/presenter.ipynb`` shows when served as a Voilà app
(``python3 course.py present``), so a teacher can put it on a projector without touching
code.

Why a theme switch and not just browser zoom: projectors wash out pale greys and thin
fonts, and zoom does not reach text drawn inside matplotlib figures. The switch does three
things: adds the CSS class ``foot-hc`` (larger widget fonts, black on white, thick focus
rings), raises matplotlib's font sizes, and redraws the figures of the open tools.
The switch logic lives in :meth:`Presenter.set_high_contrast` and :func:`theme_rc`, so it is
tested without a browser; the real-browser test checks the page really changes.
"""

from __future__ import annotations

import html
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..content.quiz import lessons_with_questions
from ..geometry.maps import map_menu
from .diagrams import ChartAnswers
from .quiz import Quiz
from .snapshot import esc, with_snapshot

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

HC_CLASS = "foot-hc"
ROOT_CLASS = "foot-presenter"

# matplotlib sizes for a projector; the normal theme restores whatever was set before.
LARGE_RC: dict[str, Any] = {
    "font.size": 16,
    "axes.titlesize": 20,
    "axes.labelsize": 18,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "figure.titlesize": 22,
    "lines.linewidth": 2.5,
    "axes.linewidth": 1.6,
}

# Jupyter widgets take their sizes and colours from CSS variables, so overriding the
# variables on the dashboard's root scales every control inside it.
THEME_CSS = f"""<style>
.{ROOT_CLASS} {{ padding: 6px; }}
.{ROOT_CLASS} .foot-identify-answer p, .{ROOT_CLASS} .foot-identify-answer ul {{ margin: 3px 0; }}
.{ROOT_CLASS}.{HC_CLASS} {{
  --jp-widgets-font-size: 22px;
  --jp-widgets-inline-height: 44px;
  --jp-widgets-color: #000000;
  --jp-widgets-label-color: #000000;
  --jp-widgets-readout-color: #000000;
  --jp-widgets-input-color: #000000;
  --jp-widgets-input-background-color: #ffffff;
  --jp-widgets-input-border-color: #000000;
  --jp-ui-font-size1: 22px;
  --jp-ui-font-color1: #000000;
  --jp-content-font-size1: 22px;
  --jp-widgets-horizontal-tab-width: 250px;
  --jp-widgets-horizontal-tab-height: 44px;
  font-size: 22px;
  line-height: 1.45;
  color: #000000;
  background: #ffffff;
}}
.{ROOT_CLASS}.{HC_CLASS} .widget-html-content,
.{ROOT_CLASS}.{HC_CLASS} .widget-label,
.{ROOT_CLASS}.{HC_CLASS} label {{ font-size: 22px !important; color: #000000 !important; }}
.{ROOT_CLASS}.{HC_CLASS} .lm-TabBar-tab,
.{ROOT_CLASS}.{HC_CLASS} .p-TabBar-tab {{ font-size: 22px !important; min-height: 44px; color: #000000 !important;
  border: 2px solid #000000 !important; }}
.{ROOT_CLASS}.{HC_CLASS} button {{ font-size: 22px !important; border: 2px solid #000000 !important; }}
.{ROOT_CLASS}.{HC_CLASS} :focus {{ outline: 4px solid #e69f00 !important; outline-offset: 2px; }}
.{ROOT_CLASS}.{HC_CLASS} img {{ max-width: 100%; height: auto; }}
</style>"""

PROMPT = ("<p>Click a point on the chart to hear what the charts place there, or search for a body part "
          "or a condition (type, then Enter).</p>")
TAB_TITLES = ("Reflex chart", "Routine player", "Safety check", "Quiz")


def theme_rc(large: bool) -> dict[str, Any]:
    """matplotlib settings for the large/high-contrast theme (empty for the normal theme)."""
    return dict(LARGE_RC) if large else {}


def _as_widget(obj: Any) -> widgets.Widget:
    """Tools are widgets or wrap one in ``.widget`` (the routine player)."""
    return obj if isinstance(obj, widgets.Widget) else obj.widget


class ChartViewer(ChartAnswers, widgets.VBox):
    """The presenter's chart tab: the labelled chart at full width, with its legend.

    Pick the view, the map (the common chart, another school, or one source's placements)
    and the chart lines. ``large`` (set by the presenter's "Large text / high contrast"
    switch) draws with the large theme: bigger text inside the figure, opaque fills, black
    borders and hatches. :meth:`refresh` redraws. Under the image: a one-sentence caption,
    and the long description (what a screen reader would need) folded in a details box.

    Click and search come from :class:`ChartAnswers`, the same code as the lesson's "What is
    here?" explorer: a click on the chart (``ipyevents``) lists every placement there with its
    sources and evidence label; the search box (a body part or a condition; Enter or "Find",
    so it works from the keyboard) highlights every placement on both feet.
    """

    FIGSIZE = (12.0, 8.0)
    DPI = 110  # 1320 px wide: sharp on a 1920 px projector, scaled down on smaller screens

    def __init__(self, course: Course, *, large: bool = False) -> None:
        from ipyevents import Event

        self.course = course
        self.image_dpi = self.DPI
        self.large = large
        self.chart: Any = None
        self.alt_text = ""
        self.view = widgets.ToggleButtons(
            options=[("Sole", "plantar"), ("Top", "dorsal"), ("Inner side", "medial"), ("Outer side", "lateral")],
            value="plantar",
            description="View",
            style={"description_width": "initial"},
        )
        self.map = widgets.Dropdown(options=map_menu(course), value="school:common", description="Map",
                                    style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.guidelines = widgets.Checkbox(value=False, description="Chart lines", indent=False)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="100%",
                                                                        height="auto"))
        self.image.add_class("foot-chart-image")
        self.query = widgets.Text(placeholder="e.g. where is the liver? or: tiredness", continuous_update=False,
                                  description="Search", layout=widgets.Layout(width="26em"))
        self.find = widgets.Button(description="Find", tooltip="Highlight every placement on both feet")
        self.query.observe(lambda _c: self.search(self.query.value), names="value")
        self.find.on_click(lambda _b: self.search(self.query.value))
        # above the chart, so a click's answer is on screen; a fixed height, so the chart never moves
        # under the pointer (a long answer scrolls inside its box)
        self.answer = widgets.HTML(layout=widgets.Layout(height="12em", overflow="auto", width="100%",
                                                         border="1px solid #767676", padding="0 8px"))
        self.answer.add_class("foot-identify-answer")
        self.events = Event(source=self.image, watched_events=["click"])
        self.events.on_dom_event(self._on_event)
        self.caption = widgets.HTML()
        self.note = widgets.HTML(
            "<p>What charts teach (evidence label <b>tradition</b>): maps differ between schools, and blinded "
            "tests found that foot zones do not reveal illness (<b>refuted</b>; white2000, baerheim1998).</p>"
        )
        for control in (self.view, self.map, self.guidelines):
            control.observe(lambda _c: self.refresh(), names="value")
        super().__init__([widgets.HBox([self.view, self.map, self.guidelines],
                                       layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
                          widgets.HBox([self.query, self.find]), self.answer, self.image, self.caption,
                          self.note], layout=widgets.Layout(width="100%"))
        self.add_class("foot-chart-viewer")
        self.refresh()

    def chart_kwargs(self) -> dict[str, Any]:
        kind, _, value = self.map.value.partition(":")
        kwargs: dict[str, Any] = {"view": self.view.value, "guidelines": self.guidelines.value,
                                  "figsize": self.FIGSIZE, "style": "large" if self.large else "normal"}
        kwargs["school" if kind == "school" else "source"] = value
        return kwargs

    def refresh(self) -> None:
        from ..drawing.chart import draw_chart

        try:
            chart = draw_chart(self.course, **self.chart_kwargs())
        except KeyError:  # a source with no placement in this view
            chart = draw_chart(self.course, view=self.view.value, figsize=self.FIGSIZE,
                               style="large" if self.large else "normal")
        self.chart = chart
        if self.result is not None and self.result.found:  # keep the search on the new drawing
            self.search(self.result.query)
        else:
            self._render()
            self._say(PROMPT)
        self.alt_text = chart.alt_text
        # one visible sentence; the full description folded under it for anyone who needs it
        self.caption.value = (f"<p style='margin:2px 0'>{html.escape(chart.caption)}</p>"
                              f"<details><summary>Describe the chart</summary><p>{html.escape(self.alt_text)}"
                              "</p></details>")

    def _render(self) -> None:
        self.image.value = self.chart.render_png(dpi=self.DPI)


class Presenter(widgets.VBox):
    """The projector dashboard: ``Presenter(course)``; display it as a cell's last line.

    ``routine`` is the routine the player opens with (the dropdown above it switches);
    ``lesson`` the quiz shown first. A tab is built the first time it is opened;
    ``tool(title)`` returns the tool object in a tab (building it if needed), for tests and
    for a teacher who wants to drive a tool from code; ``tools`` holds the ones built so far.
    """

    def __init__(
        self, course: Course | None = None, *, routine: str = "three-stage", lesson: str = "09-evidence"
    ) -> None:
        if course is None:
            from ..content.loader import load_course

            course = load_course()
        self.course = course
        self._saved_rc: dict[str, Any] | None = None
        self.tools: dict[str, Any] = {}

        self.toggle = widgets.ToggleButton(
            value=False,
            description="Large text / high contrast",
            tooltip="Bigger text and stronger contrast for a projector (also enlarges figure text)",
            icon="eye",
            layout=widgets.Layout(width="auto"),
        )
        self.toggle.add_class("foot-hc-toggle")
        self.toggle.observe(lambda change: self.set_high_contrast(change["new"]), names="value")

        # Only the first tab is built now; each other tab is built the first time it is opened
        # (about half a second saved when the presenter starts, most of it the player and checks).
        self._builders = {TAB_TITLES[0]: self._chart_tab, TAB_TITLES[1]: lambda: self._routine_tab(routine),
                          TAB_TITLES[2]: self._safety_tab, TAB_TITLES[3]: lambda: self._quiz_tab(lesson)}
        self._slots = [widgets.VBox() for _ in TAB_TITLES]
        self.tabs = widgets.Tab(children=self._slots, selected_index=0)
        self.tabs.titles = TAB_TITLES
        self.tabs.observe(lambda change: self.open_tab(change["new"]), names="selected_index")
        self.open_tab(0)
        header = widgets.HTML(
            "<h2 style='margin:4px 0'>Foot massage &amp; reflexology: presenter</h2>"
            "<p style='margin:0 0 6px 0'>Pick a tab. Every health claim shown carries its evidence label.</p>"
        )
        super().__init__([widgets.HTML(THEME_CSS), widgets.HBox([header, self.toggle],
                          layout=widgets.Layout(justify_content="space-between", align_items="center",
                                                flex_flow="row wrap")), self.tabs])
        self.add_class(ROOT_CLASS)

    # -- tabs -------------------------------------------------------------------------
    def open_tab(self, tab: int | str | None) -> Any:
        """Build the tab (by index or title) if it is not built yet; return its tool."""
        if tab is None:
            return None
        title = TAB_TITLES[tab] if isinstance(tab, int) else tab
        if title not in self._builders:
            raise KeyError(f"no tab {title!r}; tabs: {', '.join(TAB_TITLES)}")
        slot = self._slots[TAB_TITLES.index(title)]
        if not slot.children:
            slot.children = [self._builders[title]()]
        return self.tools[title]

    def tool(self, title: str) -> Any:
        """The tool in the tab called ``title`` (building the tab if needed)."""
        return self.open_tab(title)

    def _chart_tab(self) -> widgets.Widget:
        # the labelled chart with its legend at full width (the shape explorer, with its
        # sliders and unlabelled chart, is for lesson 01, not for a projector)
        tool = ChartViewer(self.course, large=self.high_contrast)
        self.tools[TAB_TITLES[0]] = tool
        return _as_widget(tool)

    def _routine_tab(self, routine: str) -> widgets.Widget:
        from ..content.routines import routine_summary

        summary = routine_summary(self.course)
        options = [(f"{row.routine} ({row.minutes:g} min)", row.id) for row in summary.itertuples(index=False)]
        ids = [value for _, value in options]
        self.routine_picker = widgets.Dropdown(
            options=options, value=routine if routine in ids else ids[0], description="Routine",
            layout=widgets.Layout(width="auto"), style={"description_width": "initial"},
        )
        self._player_box = widgets.VBox()
        self.routine_picker.observe(lambda change: self._show_player(change["new"]), names="value")
        self._show_player(self.routine_picker.value)
        return widgets.VBox([self.routine_picker, self._player_box])

    def _show_player(self, routine: str, step: int = 0, foot: str = "left") -> None:
        from .player import RoutinePlayer

        player = RoutinePlayer(self.course, routine, foot=foot)
        if step:
            player.go_to(step)
        self.tools[TAB_TITLES[1]] = player
        self._player_box.children = [player.widget]

    def _safety_tab(self) -> widgets.Widget:
        from .safety import SafetyCheck

        tool = SafetyCheck(self.course)
        self.tools[TAB_TITLES[2]] = tool
        return tool

    def _quiz_tab(self, lesson: str) -> widgets.Widget:
        lessons = lessons_with_questions(self.course)
        self.lesson_picker = widgets.Dropdown(
            options=lessons, value=lesson if lesson in lessons else lessons[0], description="Lesson",
            style={"description_width": "initial"},
        )
        self._quiz_box = widgets.VBox()

        def show(name: str) -> None:
            quiz = Quiz(self.course, name)
            self.tools[TAB_TITLES[3]] = quiz
            self._quiz_box.children = [quiz]

        self.lesson_picker.observe(lambda change: show(change["new"]), names="value")
        show(self.lesson_picker.value)
        return widgets.VBox([self.lesson_picker, self._quiz_box])

    # -- theme -------------------------------------------------------------------------
    @property
    def high_contrast(self) -> bool:
        return HC_CLASS in self._dom_classes

    def set_high_contrast(self, on: bool) -> None:
        """Switch the large-text / high-contrast theme on or off and redraw the figures."""
        import matplotlib as mpl

        on = bool(on)
        if self.toggle.value != on:
            self.toggle.value = on  # fires the observer, which calls back here
            return
        if on == self.high_contrast:
            return
        if on:
            rc: MutableMapping[str, Any] = mpl.rcParams  # type: ignore[assignment]  # stubs key it by Literal names
            self._saved_rc = {key: rc[key] for key in LARGE_RC}
            rc.update(theme_rc(True))
            self.add_class(HC_CLASS)
        else:
            if self._saved_rc is not None:
                mpl.rcParams.update(self._saved_rc)  # type: ignore[arg-type]  # (same)
            self._saved_rc = None
            self.remove_class(HC_CLASS)
        self._redraw()

    def _redraw(self) -> None:
        """Redraw figures with the current fonts (the player caches images, so rebuild it)."""
        chart = self.tools.get(TAB_TITLES[0])
        if isinstance(chart, ChartViewer):
            chart.large = self.high_contrast  # large text and high-contrast fills inside the figure
        redraw = getattr(chart, "refresh", None)
        if callable(redraw):
            redraw()
        player = self.tools.get(TAB_TITLES[1])
        if player is not None:  # not built yet: it will be drawn with the current fonts
            self._show_player(self.routine_picker.value, step=player.session.index, foot=player.session.foot)

    def snapshot_html(self) -> str:
        """How to start the presenter, and what its tabs hold (it is a live app, not a page)."""
        tabs = "".join(f"<li>{esc(t)}</li>" for t in TAB_TITLES)
        return ("<p><b>Presenter for a projector.</b> It is a live app: start it with "
                "<code>python3 course.py present</code> (it opens in the browser as a Voilà app), or open "
                "<code>notebooks/presenter.ipynb</code> in JupyterLab and run all cells.</p>"
                f"<p>Its tabs:</p><ul>{tabs}</ul><p>A <b>Large text / high contrast</b> switch at the top "
                "enlarges text and figures for the back of the room.</p>")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             "Presenter (run it: python3 course.py present)", "presenter")

    def __repr__(self) -> str:
        theme = "large/high contrast" if self.high_contrast else "normal"
        return f"Presenter(tabs={list(TAB_TITLES)}, theme={html.escape(theme)!r})"
