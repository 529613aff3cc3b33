"""Widgets for the diagrams: shape sliders (FootShapeExplorer) and "what is here?" (IdentifyExplorer).

Thin front-ends over the core (:mod:`foot_lib.drawing.chart`, :mod:`foot_lib.geometry.identify`): they own
their state, draw into an ``ipywidgets.Image`` (PNG bytes, so it works in JupyterLab, Voilà
and headless tests alike) and write text with ``Output.append_stdout``-free HTML widgets.
Clicks on the image come from ``ipyevents`` (a maintained widget library, no hand-written
JavaScript), which reports them in the image's own pixels; :func:`chart_point` turns a pixel
into chart coordinates. Two sliders and a foot switch pick the same point from the keyboard.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..drawing.chart import draw_chart
from ..geometry.foot_shape import TOE_PATTERNS, FootShape
from ..geometry.identify import zones_at
from ..geometry.maps import map_menu
from ..geometry.placement import from_chart, to_chart
from .snapshot import esc, figure, run_note, with_snapshot

SNAPSHOT_DPI = 56  # the picture in the "What is here?" snapshot (lesson files stay under 1 MB)
IMAGE_DPI = 80  # the explorers' PNGs, shown one image pixel per CSS pixel: crisp, no browser rescaling


def _fit_image(image: widgets.Image, chart: Any) -> None:
    """Show the chart's PNG at its own pixel width (narrower screens shrink it, never stretch)."""
    width = f"{int(chart.figure.get_figwidth() * IMAGE_DPI)}px"
    if image.layout.width != width:
        image.layout = widgets.Layout(width=width, max_width="100%", height="auto")


class FootShapeExplorer(widgets.VBox):
    """Sliders for the foot's shape; the chart (zones included) is redrawn on every change."""

    def __init__(self, course: Any, shape: FootShape | None = None, *, view: str = "plantar",
                 zones: Any = None, labels: bool = False, **chart_kwargs: Any) -> None:
        self.course = course
        base = shape or FootShape.from_course(course)
        self.chart_kwargs = {"view": view, "zones": zones, "labels": labels, "legend": False, **chart_kwargs}
        style = {"description_width": "9em"}
        layout = widgets.Layout(width="26em")
        self.arch = widgets.FloatSlider(value=base.arch, min=0, max=1, step=0.05,
                                        description="Arch (flat→high)", style=style, layout=layout)
        self.width_ratio = widgets.FloatSlider(value=base.width_ratio, min=0.3, max=0.48, step=0.01,
                                               description="Width / length", style=style, layout=layout)
        self.hallux_angle = widgets.FloatSlider(value=base.hallux_angle, min=0, max=40, step=1,
                                                description="Big-toe angle (°)", style=style, layout=layout)
        self.toe_pattern = widgets.Dropdown(options=list(TOE_PATTERNS), value=base.toe_pattern,
                                            description="Toe pattern", style=style, layout=layout)
        self.view = widgets.Dropdown(options=[("Sole", "plantar"), ("Top", "dorsal"), ("Inner side", "medial"),
                                              ("Outer side", "lateral")], value=view,
                                     description="View", style=style, layout=layout)
        # which map to draw: a school or one source's placements (not offered for chosen zones)
        self.map = widgets.Dropdown(options=map_menu(course), value="school:common", description="Map",
                                    style=style, layout=layout, disabled=zones is not None)
        self.image = widgets.Image(format="png")
        self.caption = widgets.HTML()
        self._base = base
        for w in (self.arch, self.width_ratio, self.hallux_angle, self.toe_pattern, self.view, self.map):
            w.observe(self._update, names="value")
        controls = widgets.VBox([self.arch, self.width_ratio, self.hallux_angle, self.toe_pattern, self.view,
                                 self.map])
        super().__init__([controls, self.image, self.caption])
        self._update()

    @property
    def shape(self) -> FootShape:
        return self._base.replace(arch=self.arch.value, width_ratio=self.width_ratio.value,
                                  hallux_angle=self.hallux_angle.value, toe_pattern=self.toe_pattern.value)

    def refresh(self) -> None:
        """Redraw the chart from the current controls (e.g. after matplotlib's fonts changed)."""
        self._update()

    def snapshot_html(self) -> str:
        """The chart at the current (starting) values, the values, and how to change them."""
        values = (f"arch {self.arch.value:g} (0 flat, 1 high) · width {self.width_ratio.value:g} of the length · "
                  f"big-toe angle {self.hallux_angle.value:g}° · toe pattern: {self.toe_pattern.value} · "
                  f"view: {self.view.value}")
        return (figure(self.image.value, self.chart.alt_text)
                + f"<p><b>Starting values:</b> {esc(values)}</p>"
                + run_note("move the sliders to change the foot's shape; the chart is redrawn each time"))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             "Foot shape explorer (sliders for arch, width, big-toe angle, toes, view)", "explorer")

    def _update(self, _change: Any = None) -> None:
        kwargs = dict(self.chart_kwargs, view=self.view.value)
        if kwargs.get("zones") is None and "school" not in kwargs and "source" not in kwargs:
            kind, _, value = self.map.value.partition(":")
            kwargs[kind] = value
        try:
            self.chart = draw_chart(self.course, self.shape, **kwargs)
        except KeyError:  # that source places nothing in this view: show the common chart
            kwargs.pop("source", None)
            self.chart = draw_chart(self.course, self.shape, **dict(kwargs, school="common"))
        _fit_image(self.image, self.chart)
        self.image.value = self.chart.render_png(dpi=IMAGE_DPI)
        # one visible sentence; the full description is the chart's alt_text
        self.caption.value = (f"<small>{html.escape(self.chart.caption)} Foot shape: "
                              f"{html.escape(self.chart.shape.describe())}.</small>")


def chart_point(chart: Any, px: float, py: float) -> tuple[float, float]:
    """A pixel of the chart's PNG (x from the left, y from the top, as the browser reports it
    in the image's own pixels) → the chart's data coordinates (millimetres, feet placed).

    Why from the figure and not from the displayed size: ipyevents reports clicks in the
    image's natural pixels (``dataX``/``dataY``), so the mapping holds at any display width.
    Agg flips y about the canvas's whole-pixel height, so that height is the one used here.
    """
    height = int(chart.figure.bbox.height)
    x, y = chart.transData.inverted().transform((float(px), height - float(py)))
    return float(x), float(y)


def chart_pixel(chart: Any, x: float, y: float) -> tuple[float, float]:
    """Inverse of :func:`chart_point`: chart data coordinates → PNG pixel (from the top left)."""
    height = int(chart.figure.bbox.height)
    px, py = chart.transData.transform((float(x), float(y)))
    return float(px), float(height - py)


class ChartAnswers:
    """What a click on a chart, or a search, answers: shared by the lesson's explorer and the
    presenter's chart tab, so both say the same thing in the same words.

    The widget that mixes it in provides ``course``, ``chart`` (a drawn chart), ``answer`` (an
    HTML widget; each answer goes in an aria-live region), ``image_dpi`` (the PNG's dots per
    inch) and ``_render()`` (puts the chart's PNG in the image). Clicks come from ``ipyevents``
    (:meth:`_on_event`); every answer lists each placement with its sources and evidence label
    and ends with the reminder that a chart is tradition, not diagnosis.
    """

    course: Any
    chart: Any
    answer: widgets.HTML
    image_dpi: float = IMAGE_DPI
    result: Any = None
    _known: dict[str, Any] | None = None
    _note: str = ""

    def _render(self) -> None:  # pragma: no cover - provided by the widget
        raise NotImplementedError

    def _moved_to(self, foot: str, u: float, v: float) -> None:
        """A click landed on ``foot`` at (u, v) of its outline: the explorer moves its sliders."""

    # -- pointing ------------------------------------------------------------------------------
    def _on_event(self, event: dict[str, Any]) -> None:
        if event.get("type") != "click":
            return
        px, py = event.get("dataX"), event.get("dataY")
        if px is None or py is None:  # older front ends: scale the element's own coordinates
            scale = self.chart.figure.get_figwidth() * self.image_dpi / max(float(event["boundingRectWidth"]), 1.0)
            px, py = event["relativeX"] * scale, event["relativeY"] * scale
        self.click_pixel(float(px), float(py))

    def click_pixel(self, px: float, py: float) -> str:
        """What a click on pixel (px, py) of the image answers."""
        if self.chart.figure.dpi != self.image_dpi:
            # the snapshot drew a smaller copy, which left the figure at its dpi: the pixel
            # belongs to the image's PNG, so go back to the image's dpi before mapping it
            self._render()
        x, y = chart_point(self.chart, px, py)
        return self.click_chart(x, y)

    def click_chart(self, x: float, y: float) -> str:
        """Answer for the chart point ``(x, y)`` (marks it; :meth:`_moved_to` hears where it fell on a foot)."""
        chart = self.chart
        self.result = None  # a click ends the search (a redraw does not bring it back)
        chart.set_marker(x, y)
        # The picture first: each widget change is its own message to the browser, and the
        # sliders' three would otherwise go before it (as in the routine player).
        self._render()
        foot = chart.foot_at(x, y)
        if foot is not None:
            canon = from_chart(np.array([[x, y]]), foot, chart.view, chart.shape)
            u, v = chart.shape.xy_to_uv(canon, chart.view)[0]
            self._moved_to(foot, float(np.clip(u, 0, 1)), float(np.clip(v, 0, 1)))
            found = zones_at(self.course, canon[0], shape=chart.shape, view=chart.view, foot=foot, space="mm",
                             include_regions=True)
        else:
            found = None
        return self._say(self._answer_html(found, foot))

    def _say(self, text: str) -> str:
        self.answer.value = f"<div aria-live='polite'>{text}</div>"
        return self.answer.value

    def _placements(self, ids: Any) -> list[Any]:
        """Placements by zone id, worked out once per explorer (a click should answer at once)."""
        from ..content.zone_search import placements, reminder

        if self._known is None:
            self._known = {p.zone_id: p for p in placements(self.course, self.course.zones["id"])}
            self._note = f"<p class='foot-reminder'><small>{html.escape(reminder(self.course))}</small></p>"
        return [self._known[i] for i in ids if i in self._known]

    def _answer_html(self, found: Any, foot: str | None) -> str:
        from ..content.zone_search import VIEW_WORDS

        self._placements(())
        note = self._note
        if found is None or foot is None:
            return "<p><b>Off the feet:</b> nothing charted here. Click on a foot.</p>" + note
        zones = found[found["kind"] == "zone"]
        areas = ", ".join(found.loc[found["kind"] == "region", "body_part"]) or "the foot"
        head = (f"<p><b>Area:</b> {html.escape(areas)} ({html.escape(foot)} foot, "
                f"{html.escape(VIEW_WORDS[self.chart.view])})</p>")
        if zones.empty:
            return head + "<p>No chart places a zone here.</p>" + note
        drawn = set(self.chart.zone_ids)
        items = "".join(
            f"<li>{html.escape(p.sentence())}{'' if p.zone_id in drawn else ' <i>(not on this map)</i>'}</li>"
            for p in self._placements(zones["id"]))
        return head + f"<p><b>What the charts place here</b> ({len(zones)}):</p><ul>{items}</ul>" + note

    # -- searching -----------------------------------------------------------------------------
    def search(self, query: str) -> Any:
        """Highlight every placement the query names, on both feet; returns the SearchResult."""
        from ..content.zone_search import VIEW_WORDS, search_zones

        self.result = result = search_zones(self.course, query)
        self.chart.set_marker(None)
        self.chart.set_highlight(result.zone_ids)
        self._render()
        self._placements(())
        note = self._note
        if not result.found:
            self._say(f"<p>Nothing found for <b>{html.escape(query)}</b>. Try a body part "
                      "(liver, kidneys, spine) or a condition (tiredness, obesity).</p>" + note)
            return result
        here = {it.target for it in self.chart._zone_items}
        shown = [z for z in result.zone_ids if z in here]
        elsewhere = [p for p in self._placements(result.zone_ids) if p.zone_id not in here]
        what = ", ".join([*result.body_parts, *result.conditions])
        guess = " (closest match)" if result.suggestions else ""
        lines = "".join(f"<li>{html.escape(p.sentence())}</li>" for p in self._placements(shown))
        other = ""
        if elsewhere:
            views = sorted({v for p in elsewhere for v in p.views} - {self.chart.view}, key=list(VIEW_WORDS).index)
            other = (f"<p>{len(elsewhere)} more placement(s) are not on this picture"
                     + (f" — choose View: {html.escape(', '.join(VIEW_WORDS[v] for v in views))}" if views
                        else " (other schools' maps)")
                     + f":</p><ul>{''.join(f'<li>{html.escape(p.sentence())}</li>' for p in elsewhere)}</ul>")
        self._say(f"<p><b>{html.escape(what)}</b>{guess}: {len(shown)} placement(s) highlighted on "
                  f"this picture.</p><ul>{lines}</ul>{other}{note}")
        return result


class IdentifyExplorer(ChartAnswers, widgets.VBox):
    """Click the chart (or move the sliders) to hear what the charts place there; search by name.

    * Click: an ``ipyevents`` click on the image gives the pixel; it is mapped to the chart's
      coordinates (:func:`chart_point`), the foot under it, and every zone of every source
      whose shape contains it, each with its sources and evidence label.
    * Keyboard: the two sliders and the foot switch pick the same point without a mouse;
      the search box takes a body part ("where is the liver?") or a condition from
      ``conditions.csv`` and highlights every placement of it on both feet.
    * The answer always ends with the reminder that a chart is tradition, not diagnosis.
    """

    def __init__(self, course: Any, shape: FootShape | None = None, *, view: str = "plantar",
                 **chart_kwargs: Any) -> None:
        from ipyevents import Event

        self.course = course
        self._shape = shape
        self.chart_kwargs = {"labels": True, "legend": False, **chart_kwargs}
        style = {"description_width": "9em"}
        self.u = widgets.FloatSlider(value=0.42, min=0, max=1, step=0.01, style=style,
                                     description="Across (inner→outer)")
        self.v = widgets.FloatSlider(value=0.6, min=0, max=1, step=0.01, style=style,
                                     description="Along (heel→toes)")
        self.foot = widgets.ToggleButtons(options=["left", "right"], value="left", description="Foot")
        self.view = widgets.Dropdown(options=[("Sole", "plantar"), ("Top", "dorsal"), ("Inner side", "medial"),
                                              ("Outer side", "lateral")], value=view, description="View")
        self.query = widgets.Text(placeholder="e.g. where is the liver? or: tiredness", continuous_update=False,
                                  description="Search", layout=widgets.Layout(width="26em"))
        self.find = widgets.Button(description="Find", tooltip="Highlight every placement on both feet")
        self.image = widgets.Image(format="png")
        self.image.add_class("foot-identify-image")
        self.answer = widgets.HTML()  # its text is wrapped in an aria-live region: screen readers read each answer
        self.answer.add_class("foot-identify-answer")
        self.events = Event(source=self.image, watched_events=["click"])
        self.events.on_dom_event(self._on_event)
        self.result: Any = None
        self._known: dict[str, Any] | None = None
        self._note = ""
        self._syncing = False
        for w in (self.u, self.v, self.foot):
            w.observe(self._on_slider, names="value")
        self.view.observe(self._on_view, names="value")
        self.query.observe(lambda _c: self.search(self.query.value), names="value")
        self.find.on_click(lambda _b: self.search(self.query.value))
        controls = widgets.HBox([widgets.VBox([self.u, self.v]), widgets.VBox([self.foot, self.view])],
                                layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([controls, widgets.HBox([self.query, self.find]), self.image, self.answer])
        self.add_class("foot-identify")
        self._draw()
        self._on_slider()

    # -- drawing ------------------------------------------------------------------------------
    def _draw(self) -> None:
        self.chart = draw_chart(self.course, self._shape, view=self.view.value, **self.chart_kwargs)
        if tuple(self.foot.options) != self.chart.feet:
            self.foot.options = list(self.chart.feet)
        _fit_image(self.image, self.chart)
        self.image.value = self.chart.render_png(dpi=IMAGE_DPI)

    def snapshot_html(self) -> str:
        """The chart with the cross-hair at the starting point, and what the charts put there."""
        point = (f"{self.foot.value} foot, {self.u.value:g} of the way across (inner→outer edge), "
                 f"{self.v.value:g} of the way along (heel→toes)")
        # a smaller copy of the picture: the stored lesson also holds the live widget's own
        return (figure(self.chart.render_png(dpi=SNAPSHOT_DPI), self.chart.alt_text)
                + f"<p><b>Starting point:</b> {esc(point)}</p>{self.answer.value}"
                + run_note("click the picture, move the sliders or search to ask what the charts place elsewhere"))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             "What is here? explorer (click or slide to a point on the foot, or search)", "explorer")

    def _render(self) -> None:
        self.image.value = self.chart.render_png(dpi=IMAGE_DPI)

    def refresh(self) -> None:
        """Redraw the chart with the current controls (e.g. after matplotlib's fonts or colours
        changed, as the presenter's large-text switch does), keeping the point or the search."""
        self._on_view()

    def _on_view(self, _change: Any = None) -> None:
        self._draw()
        if self.result is not None and self.result.found:
            self.search(self.result.query)
        else:
            self._on_slider()

    def _moved_to(self, foot: str, u: float, v: float) -> None:
        self._syncing = True
        try:
            self.foot.value = foot
            self.u.value, self.v.value = u, v
        finally:
            self._syncing = False

    def _on_slider(self, _change: Any = None) -> None:
        if self._syncing:
            return
        shape, view = self.chart.shape, self.chart.view
        xy = to_chart(shape.uv_to_xy(np.array([[self.u.value, self.v.value]]), view), self.foot.value, view, shape)
        self.chart.set_marker(*xy[0])
        self._render()
        self._say(self._answer_html(self.identify(), self.foot.value))

    def identify(self) -> Any:
        """The zones at the sliders' point (DataFrame from :func:`foot_lib.zones_at`)."""
        return zones_at(self.course, (self.u.value, self.v.value), shape=self.chart.shape,
                        view=self.chart.view, foot=self.foot.value, include_regions=True)

