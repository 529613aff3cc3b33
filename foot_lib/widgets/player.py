"""RoutinePlayer: an ipywidgets app that walks a learner through a routine step by step.

The logic — which step, the countdown, auto-advance, the foot — is the core
:class:`~foot_lib.content.routines.RoutineSession`; this module only shows it. Design choices:

* The diagram is an ``ipywidgets.Image`` holding PNG bytes. Changing step only recolours
  the existing chart artists and re-encodes the PNG (charts are cached per foot and view;
  finished images per step and foot), so a click updates quickly, needs no kernel thread,
  and a browser test can see the ``<img>`` change.
* Timed play uses ``ipywidgets.Play`` as a clock: the browser ticks its value once a
  second and the kernel turns each tick into ``session.tick``. No threads, so it works in
  JupyterLab, classic Notebook and Voilà alike. The clock widget is hidden; the visible
  Play/Pause control is an ordinary labelled toggle button (icon fonts are not needed).
* Keyboard: every control is a standard button, dropdown or toggle. Tab / Shift+Tab move
  between them; Enter or Space presses a button or toggles play; arrow keys change the
  dropdown and the foot switch. Every control has a text label and a tooltip. With the
  pointer over the picture, Space plays or pauses and ← / → change step (:mod:`.coach`).
* Hands-free: chimes at the end of each step, optional spoken steps and a large-type
  practice view come from :class:`~foot_lib.widgets.coach.Coach`.
* Nothing a learner clicks can put a traceback in the notebook: handlers are guarded and
  report problems in the status line instead.

This is the only routine module that imports ipywidgets (the core stays widget-free).
"""

from __future__ import annotations

import html
import math
import numbers
from typing import Any

import ipywidgets as W

from ..content.cues import Cue, tick_with_cues
from ..content.routines import (
    FEET,
    Routine,
    RoutineSession,
    Step,
    format_duration,
    load_routine,
    unknown_routine_message,
)
from ..content.tables import learner_html
from ..data.loading import Course
from ..drawing.leg_diagram import draw_leg, leg_direction
from ..drawing.png import figure_png
from .coach import Coach
from .snapshot import figure, run_note, with_snapshot

FIGSIZE = (3.75, 5.0)
DPI = 80  # 300 × 400 px, shown at exactly that size: no browser rescaling, so no blur
SECOND_FIGSIZE = {"top": (3.75, 4.4), "side": (3.75, 2.2)}  # a second view of a step, below the first
# The Play button's label while playing. Not U+23F8 (the "pause" emoji): DejaVu Sans, the font a
# minimal Linux desktop (and Debian's browsers) falls back to, has no glyph for it, so the button
# showed an empty box there. Heavy vertical bars (U+275A) are in DejaVu and read as "pause";
# tests/test_glyphs.py checks every character the course shows.
PAUSE_LABEL = "❚❚ Pause"


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


class RoutinePlayer:
    """Interactive player for one routine of the course.

    >>> player = RoutinePlayer(course, "heel-spur")   # doctest: +SKIP
    >>> player                                          # displays the app  # doctest: +SKIP

    ``routine`` may also be a :class:`~foot_lib.content.routines.Routine` (e.g. a planned session
    from ``plan_session(...).as_routine()``). An unknown id does not raise: the player
    shows a message listing the valid ids (``player.error`` holds it).
    """

    def __init__(self, course: Course, routine: str | Routine, *, foot: str = "left") -> None:
        self.course = course
        self.error: str | None = None
        if isinstance(routine, Routine):
            self.routine = routine
        else:
            try:
                self.routine = load_routine(course, routine)
            except KeyError:
                self.error = unknown_routine_message(course, routine)
                self.routine = Routine(id=str(routine), title=f"Unknown routine {routine!r}")
        self.session = RoutineSession(self.routine, foot=foot if foot in FEET else "left")
        self._charts: dict[tuple[Any, ...], Any] = {}
        self._png_cache: dict[tuple[int, str], list[tuple[bytes, str]]] = {}
        self._views_cache: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
        self._last_tick = 0
        self._updating = False
        self._pending_cues: tuple[Cue, ...] = ()
        self.render_count = 0
        self._build()
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        n = self.session.count
        self.header = W.HTML(layout=W.Layout(width="100%"))
        self.caution = W.HTML(layout=W.Layout(width="100%"))
        self.instruction = W.HTML(layout=W.Layout(width="100%"))
        self.technique = W.HTML(layout=W.Layout(width="100%"))
        width = f"{int(FIGSIZE[0] * DPI)}px"
        self.image = W.Image(format="png", layout=W.Layout(width=width, height="auto"))
        # a step whose areas lie in two views (e.g. the sole and the inner side) gets a second picture
        self.image2 = W.Image(format="png", layout=W.Layout(width=width, height="auto", display="none"))
        self.figure_caption = W.HTML(layout=W.Layout(width="300px"))
        self.progress = W.IntProgress(
            value=0, min=0, max=max(n, 1), description="Progress", bar_style="info", layout=W.Layout(width="98%")
        )
        self.countdown = W.HTML()
        self.times = W.HTML()
        self.status = W.HTML()

        self.prev_button = W.Button(
            description="◀ Previous", tooltip="Go to the previous step (Tab to focus, Enter or Space to press)",
            button_style="", layout=W.Layout(width="auto"),
        )
        self.play_button = W.ToggleButton(
            value=False, description="▶ Play", tooltip="Play: count down each step and move on by itself",
            button_style="success", layout=W.Layout(width="auto"),
        )
        self.next_button = W.Button(
            description="Next ▶", tooltip="Go to the next step", button_style="primary", layout=W.Layout(width="auto")
        )
        self.restart_button = W.Button(
            description="⟲ Restart", tooltip="Back to step 1, paused", button_style="", layout=W.Layout(width="auto")
        )
        options = [(f"{s.number}. {s.title}", i) for i, s in enumerate(self.routine.steps)] or [("(no steps)", 0)]
        self.jump = W.Dropdown(
            options=options, value=0, description="Jump to", tooltip="Choose a step (arrow keys, then Enter)",
            layout=W.Layout(width="auto"), disabled=n == 0,
        )
        self.foot_switch = W.ToggleButtons(
            options=[("Left foot", "left"), ("Right foot", "right")], value=self.session.foot,
            description="Foot", tooltips=["Show the left foot", "Show the right foot"], button_style="info",
            style={"button_width": "6.5em"},
        )
        # The clock: the browser advances `value` once a second while playing.
        self.clock = W.Play(
            value=0, min=0, max=10**7, step=1, interval=1000, show_repeat=False, description="clock",
            layout=W.Layout(display="none"),
        )
        for b in (self.prev_button, self.next_button, self.restart_button, self.play_button, self.jump):
            b.disabled = b.disabled or n == 0

        self.prev_button.on_click(lambda _b: self._guard(self.go_prev))
        self.next_button.on_click(lambda _b: self._guard(self.go_next))
        self.restart_button.on_click(lambda _b: self._guard(self.restart))
        self.play_button.observe(lambda c: self._guard(self._on_play_button, c["new"]), names="value")
        self.jump.observe(lambda c: self._guard(self._on_jump, c["new"]), names="value")
        self.foot_switch.observe(lambda c: self._guard(self._on_foot, c["new"]), names="value")
        self.clock.observe(lambda c: self._guard(self._on_clock, c["new"]), names="value")

        self.coach = Coach(self)
        controls = W.HBox(
            [self.prev_button, self.play_button, self.next_button, self.restart_button],
            layout=W.Layout(flex_flow="row wrap"),
        )
        navigation = W.HBox([self.jump, self.foot_switch], layout=W.Layout(flex_flow="row wrap"))
        text = W.VBox(
            [self.caution, self.instruction, self.technique, self.countdown],
            layout=W.Layout(flex="1 1 320px", min_width="260px"),
        )
        picture = W.VBox([self.image, self.image2, self.figure_caption], layout=W.Layout(flex="0 0 310px"))
        self.picture = picture
        self.stage = W.HBox([picture, text], layout=W.Layout(flex_flow="row wrap"))
        self.practice_stage = W.HBox(
            [picture, self.coach.panel], layout=W.Layout(flex_flow="row nowrap", align_items="flex-start")
        )
        self._normal_children = (
            self.header, self.stage, self.progress, self.times, controls, navigation,
            self.coach.controls, self.coach.key_help, self.status, self.clock, self.coach.audio,
        )
        self._practice_children = (
            self.practice_stage, W.HBox([self.prev_button, self.play_button, self.next_button]),
            self.coach.controls, self.coach.key_help, self.status, self.clock, self.coach.audio,
        )
        self.widget = W.VBox(self._normal_children, layout=W.Layout(max_width="760px"))
        self.widget.add_class("foot-routine-player")
        self.coach.attach_keys(self.stage, self.practice_stage)

    # ------------------------------------------------------------------ actions (also for tests)
    def go_next(self) -> None:
        self.session.next()
        self.refresh()

    def go_prev(self) -> None:
        self.session.prev()
        self.refresh()

    def go_to(self, index: int) -> None:
        """Show step ``index`` (0-based; out of range is clamped, a non-whole number is a ValueError)."""
        self.session.jump(index)
        self.refresh()

    def restart(self) -> None:
        self.session.restart()
        self.refresh()

    def play(self) -> None:
        self.play_button.value = True

    def pause(self) -> None:
        self.play_button.value = False

    def set_foot(self, foot: str) -> None:
        self.foot_switch.value = foot

    def tick(self, seconds: int = 1) -> None:
        """Advance the clock as the browser would (used by tests and the benchmark)."""
        if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real) or not math.isfinite(seconds):
            raise ValueError(f"seconds must be a finite number, not {seconds!r}")
        self.clock.value = self.clock.value + int(seconds)

    def press_key(self, key: str) -> None:
        """Space plays or pauses, ← and → move a step (what the keyboard handler calls)."""
        self._guard(self._on_key, key)

    def _on_key(self, key: str) -> None:
        if key in {" ", "Spacebar", "Space"}:
            self.play_button.value = not self.play_button.value
        elif key == "ArrowRight":
            self.go_next()
        elif key == "ArrowLeft":
            self.go_prev()

    def show_practice(self, on: bool) -> None:
        """Swap between the full player and the large-type practice view (see :class:`Coach`)."""
        self.widget.children = self._practice_children if on else self._normal_children
        self.image.layout.width = "360px" if on else "300px"
        self.figure_caption.layout.display = "none" if on else None
        self.picture.layout.flex = "0 0 370px" if on else "0 0 310px"
        self.widget.layout.max_width = "1100px" if on else "760px"

    # ------------------------------------------------------------------ handlers
    def _guard(self, func: Any, *args: Any) -> None:
        """Run a handler; show any problem in the status line instead of a traceback."""
        if self._updating:
            return
        try:
            func(*args)
            cues, self._pending_cues = self._pending_cues, ()
            self.coach.update(cues)
        except Exception as exc:
            self.status.value = f"<span role='alert'>Something went wrong: {_esc(exc)}</span>"

    def _on_play_button(self, playing: bool) -> None:
        if playing:
            started = self.session.play()
            if not started:
                self._set_play_button(False)
                self.status.value = "There are no steps to play."
                return
            self._last_tick = self.clock.value
            self.clock.playing = True
        else:
            self.session.pause()
            self.clock.playing = False
        self.refresh()

    def _on_clock(self, value: int) -> None:
        delta = int(value) - self._last_tick
        self._last_tick = int(value)
        if delta <= 0 or not self.session.playing:
            return
        result = tick_with_cues(self.session, delta)
        self._pending_cues = result.cues
        if not self.session.playing:
            self.clock.playing = False
        if result.changed:
            self.refresh()
        else:
            self._refresh_times()

    def _on_jump(self, index: int) -> None:
        if index is None or index == self.session.index:
            return
        self.go_to(index)

    def _on_foot(self, foot: str) -> None:
        if foot in FEET and foot != self.session.foot:
            self.session.foot = foot
            self.refresh()

    def _set_play_button(self, playing: bool) -> None:
        self._updating = True
        try:
            self.play_button.value = playing
        finally:
            self._updating = False
        self.play_button.description = PAUSE_LABEL if playing else "▶ Play"
        self.play_button.tooltip = (
            "Pause the countdown" if playing else "Play: count down each step and move on by itself"
        )
        self.play_button.button_style = "warning" if playing else "success"

    # ------------------------------------------------------------------ drawing
    def views_for(self, step: Step) -> list[tuple[str, tuple[str, ...]]]:
        """The views (at most two) that show the step's areas, each with the ids it shows.

        Why not always the sole: a spine-line step names zones on the inner side, an ankle
        step a region of the side view; drawn on the sole they would be invisible.
        """
        from ..geometry.foot_shape import SIDE_VIEWS
        from ..geometry.identify import views_showing

        key = step.areas
        if key not in self._views_cache:
            found = views_showing(self.course, step.areas) or [("plantar", ())]
            # the sole or top view first: it gets the big picture, a side view the short one below
            self._views_cache[key] = sorted(found, key=lambda item: item[0] in SIDE_VIEWS)
        return self._views_cache[key]

    def _view_for(self, step: Step) -> str:
        """The main chart view of a step (the first of :meth:`views_for`)."""
        return self.views_for(step)[0][0]

    def _chart(self, foot: str, view: str, second: bool = False, zones: tuple[str, ...] = ()) -> Any:
        """The chart of one foot in ``view`` (cached). Reflex zones a step names are drawn (and
        labelled) on a chart of their own, as a regions-only chart cannot light them up."""
        key = (foot, view, second, zones)
        if key not in self._charts:
            if view == "leg":
                self._charts[key] = draw_leg(figsize=FIGSIZE)
            else:
                from ..drawing.chart import draw_chart
                from ..geometry.foot_shape import TOP_VIEWS

                size = (SECOND_FIGSIZE["top"] if second else FIGSIZE) if view in TOP_VIEWS else SECOND_FIGSIZE["side"]
                self._charts[key] = draw_chart(
                    self.course, feet=(foot,), view=view, labels=False, legend=False, figsize=size,
                    regions_only=not zones, zones=list(zones) or None, title=False, dim=not zones,
                )
        return self._charts[key]

    def _png(self, chart: Any) -> tuple[bytes, str]:
        self.render_count += 1
        if hasattr(chart, "render_png"):  # the foot chart redraws only its overlay artists
            return chart.render_png(dpi=DPI), str(chart.alt_text)
        return figure_png(chart.figure, DPI, crop=False), str(getattr(chart, "alt_text", ""))

    def render_step_png(self, step: Step, foot: str) -> tuple[bytes, str]:
        """Draw ``step`` on ``foot``: PNG bytes and a text description of the (main) picture."""
        return self.render_step_pngs(step, foot)[0]

    def render_step_pngs(self, step: Step, foot: str) -> list[tuple[bytes, str]]:
        """Draw ``step`` on ``foot`` in each view it needs: [(PNG bytes, description), ...]."""
        if step.on_leg:
            chart = self._chart("both", "leg")
            chart.set_highlight(step.regions)
            direction = leg_direction(step.direction)
            chart.set_arrows([{"region": r, "direction": direction} for r in step.regions] if direction else [])
            return [self._png(chart)]
        out = []
        zone_ids = set(step.zones)
        for k, (view, ids) in enumerate(self.views_for(step)):
            chart = self._chart(foot, view, second=k > 0, zones=tuple(i for i in ids if i in zone_ids))
            chart.set_highlight(ids)
            # The stroke path is written in sole coordinates; no arrow label: the direction is in
            # the caption, and text is the slowest artist to draw.
            chart.set_arrows([{"foot": foot, "path": list(step.path)}] if step.path and view == "plantar" else [])
            out.append(self._png(chart))
        return out

    def _update_figure(self, step: Step, foot: str) -> None:
        key = (self.session.index, foot)
        cached = self._png_cache.get(key)
        if cached is None:
            cached = self._png_cache[key] = self.render_step_pngs(step, foot)
        png = cached[0][0]
        alt = " ".join(a for _, a in cached if a)
        if self.image.value != png:
            self.image.value = png
        if len(cached) > 1:
            if self.image2.value != cached[1][0]:
                self.image2.value = cached[1][0]
            self.image2.layout.display = None
        else:
            self.image2.layout.display = "none"
        where = ", ".join([*(a.replace("-", " ") for a in step.regions), *self._zone_names(step)]) or "whole foot"
        if step.on_leg:
            side = "both legs" if step.foot == "both" else f"{foot} leg"
        else:
            side = "both feet" if step.foot == "both" else f"{foot} foot"
        views = "" if step.on_leg else " and ".join(_VIEW_WORDS[v] for v, _ in self.views_for(step))
        self.figure_caption.value = (
            f"<small><b>Lit:</b> {_esc(where)} — {_esc(side)}"
            + (f" (seen from the {_esc(views)})" if views else "")
            + (f"; <b>direction:</b> {_esc(step.direction)}" if step.direction else "")
            + (f"<br>{_esc(alt)}" if alt else "")
            + "</small>"
        )

    def _zone_names(self, step: Step) -> list[str]:
        if not step.zones:
            return []
        names = dict(zip(self.course.zones["id"], self.course.zones["body_part"], strict=True))
        return list(dict.fromkeys(names.get(z, z) for z in step.zones))

    # ------------------------------------------------------------------ refreshing
    def _refresh_times(self) -> None:
        s = self.session
        self.countdown.value = (
            f"<div aria-live='polite' style='font-size:1.4em'><b>{_esc(format_duration(s.remaining_s))}</b> "
            f"left in this step{' (playing)' if s.playing else ''}</div>"
        )
        each = " per foot" if self.routine.each_foot else ""
        self.times.value = (
            f"Routine: {_esc(format_duration(s.remaining_total_s))} left of {_esc(format_duration(s.total_s))}{each}"
        )
        self.coach.refresh_panel()

    def refresh(self) -> None:
        """Bring every widget in line with the session (called after each change)."""
        s = self.session
        if self.error:
            self.header.value = f"<h3>{_esc(self.routine.title)}</h3>"
            self.status.value = f"<span role='alert'>{_esc(self.error)}</span>"
            self.instruction.value = ""
            return
        step = s.step
        if step is None:
            self.header.value = f"<h3>{_esc(self.routine.title)}</h3>"
            self.instruction.value = "<p>This routine has no steps yet.</p>"
            self.progress.value = 0
            self._refresh_times()
            return
        # The picture first: each widget change is its own message to the browser, and later
        # small messages can wait for the server's TCP acknowledgements (about 40 ms on Linux).
        self._update_figure(step, s.display_foot)
        self.header.value = (
            f"<h3 style='margin:0'>{_esc(self.routine.title)}</h3>"
            f"<h4 style='margin:4px 0' class='step-title'>Step {s.number} of {s.count}: {_esc(step.title)}</h4>"
        )
        if step.caution:
            # one line per safety rule (in the safety table's words), then the step's tip
            lines = step.caution_lines or (step.caution,)
            self.caution.value = (
                "<div role='alert' style='background:#fff3cd;border-left:6px solid #b45309;padding:6px 10px;"
                f"color:#3d2a00'>⚠ <b>Caution:</b> {'<br>'.join(_esc(line) for line in lines)}</div>"
            )
        else:
            self.caution.value = ""
        details = [
            f"<b>Direction:</b> {_esc(step.direction)}" if step.direction else "",
            f"<b>Time:</b> {_esc(step.dose())}",
            f"<b>Pressure:</b> {_esc(step.pressure)}",
            f"<b>Hands:</b> {_esc(step.hands)}" if step.hands else "",
            f"<b>Foot:</b> {_esc(_foot_words(step.foot))}",
        ]
        self.instruction.value = (
            f"<p class='step-instruction' style='font-size:1.1em'>{_esc(step.instruction)}</p>"
            f"<p>{' · '.join(d for d in details if d)}</p>"
        )
        self.technique.value = (
            f"<p><b>Technique: {_esc(step.technique_name or step.technique)}</b> — {_esc(step.technique_how)}</p>"
            f"<p><small>Source: {_esc('; '.join(step.source))}</small></p>"
        )
        self.progress.max = s.count
        self.progress.value = s.number
        self.progress.bar_style = "success" if s.finished else "info"
        self._updating = True
        try:
            self.jump.value = s.index
            if self.foot_switch.value != s.foot:
                self.foot_switch.value = s.foot
        finally:
            self._updating = False
        self.prev_button.disabled = s.at_start
        self.next_button.disabled = s.at_end
        self._set_play_button(s.playing)
        self._refresh_times()
        if s.finished:
            other = "right" if s.foot == "left" else "left"
            again = f" Now switch to the {other} foot and play it again." if self.routine.each_foot else ""
            self.status.value = f"<b>Routine finished.</b>{again}"
        else:
            self.status.value = ""

    # ------------------------------------------------------------------ display
    def steps_table(self) -> Any:
        """Every step for reading: step, what to do, technique, time, pressure, caution, source."""
        import pandas as pd

        return pd.DataFrame(
            [{"step": s.number, "what to do": f"{s.title}: {s.instruction}",
              "technique": s.technique_name or s.technique, "time": s.dose(), "pressure": s.pressure,
              "caution": s.caution, "source": s.source} for s in self.routine.steps],
            columns=["step", "what to do", "technique", "time", "pressure", "caution", "source"],
        )

    def first_step_picture(self) -> tuple[bytes, str]:
        """PNG and description of step 1 on the player's foot (cached, as the player draws it)."""
        key = (0, self.session.foot)
        if key not in self._png_cache:
            self._png_cache[key] = self.render_step_pngs(self.routine.steps[0], self.session.foot)
        return self._png_cache[key][0]

    def snapshot_html(self, *, picture: bool = True, heading: bool = True) -> str:
        """The whole routine as a page: title, purpose, time, the step table, step 1's picture."""
        r = self.routine
        if self.error or not r.steps:
            return f"<h4>{_esc(r.title)}</h4><p>{_esc(self.error or 'This routine has no steps yet.')}</p>"
        each = " on each foot" if r.each_foot else ""
        facts = [f"<b>Time:</b> {_esc(format_duration(r.total_s))}{each}", f"<b>Steps:</b> {len(r.steps)}"]
        if r.purpose:
            facts.insert(0, f"<b>For:</b> {_esc(r.purpose)}")
        if r.setup:
            facts.append(f"<b>Set-up:</b> {_esc(r.setup)}")
        parts = [f"<h4 style='margin:4px 0'>{_esc(r.title)}</h4>" if heading else "",
                 f"<p>{' · '.join(facts)}</p>"]
        if picture:
            png, alt = self.first_step_picture()
            alt = alt.lstrip(". ")
            parts.append(figure(png, alt, f"Step 1, {_esc(r.steps[0].title)}: {_esc(alt)}", width=300))
        parts.append(learner_html(self.steps_table(), f"The steps of {r.title}", self.course))
        parts.append(run_note("the player counts down each step, lights up the area on the foot and moves on"))
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(self.widget._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             f"Routine player: {self.routine.title} ({self.session.count} steps)", "routine")

    def __repr__(self) -> str:
        s = self.session
        return f"RoutinePlayer({self.routine.id!r}, step {s.number} of {s.count}, {s.display_foot} foot)"


_VIEW_WORDS = {"plantar": "sole", "dorsal": "top", "medial": "inner side", "lateral": "outer side"}


def _foot_words(foot: str) -> str:
    return {
        "each": "one foot, then repeat on the other",
        "both": "both feet together",
        "left": "left foot only",
        "right": "right foot only",
    }.get(foot, foot)


class RoutineBrowser:
    """Pick any routine from a dropdown and play it: the routines lesson's main app.

    Players are built on first choice and kept, so switching back is instant and keeps
    the learner's place.
    """

    def __init__(self, course: Course, routine_id: str | None = None, *, foot: str = "left") -> None:
        from ..content.routines import routine_ids

        self.course = course
        self.foot = foot
        frame = course["routines"]
        main = frame[~frame["kind"].isin(["warm-up", "finish"])]
        options = [(str(t), str(i)) for i, t in zip(main["id"], main["title"], strict=False)]
        shown = set(main["id"])
        options += [(str(t), str(i)) for i, t in zip(frame["id"], frame["title"], strict=False) if i not in shown]
        valid = routine_ids(course)
        first = routine_id if routine_id in valid else (options[0][1] if options else None)
        self.players: dict[str, RoutinePlayer] = {}
        self.picker = W.Dropdown(
            options=options, value=first, description="Routine", tooltip="Choose a routine (arrow keys, then Enter)",
            layout=W.Layout(width="min(100%, 520px)"), style={"description_width": "initial"},
        )
        self.holder = W.Box()
        self.message = W.HTML()
        if routine_id is not None and routine_id not in valid:
            self.message.value = f"<span role='alert'>{_esc(unknown_routine_message(course, routine_id))}</span>"
        self.widget = W.VBox([self.picker, self.message, self.holder])
        self.widget.add_class("foot-routine-browser")
        self.picker.observe(lambda c: self._show(c["new"]), names="value")
        if first is not None:
            self._show(first)

    @property
    def player(self) -> RoutinePlayer | None:
        return self.players.get(self.picker.value)

    def _show(self, routine_id: str) -> None:
        try:
            if routine_id not in self.players:
                self.players[routine_id] = RoutinePlayer(self.course, routine_id, foot=self.foot)
            for other_id, other in self.players.items():
                if other_id != routine_id and other.session.playing:
                    other.pause()
            self.holder.children = (self.players[routine_id].widget,)
        except Exception as exc:  # a choice must never end in a traceback
            self.message.value = f"<span role='alert'>Could not open this routine: {_esc(exc)}</span>"

    def snapshot_html(self) -> str:
        """The chosen routine in full (with its first picture), then every other routine's steps
        folded in a ``<details>``: all routines the browser offers read without a kernel."""
        chosen = self.player
        parts = []
        if chosen is not None:
            parts.append(chosen.snapshot_html())
        others = []
        for title, routine_id in self.picker.options:
            if chosen is not None and routine_id == self.picker.value:
                continue
            player = self.players.get(routine_id) or _ReadOnlyRoutine(self.course, routine_id)
            others.append(f"<details><summary>{_esc(title)}</summary>"
                          f"{player.snapshot_html(picture=False, heading=False)}</details>")
        if others:
            parts.append(f"<h4 style='margin:12px 0 4px'>The other routines in this browser</h4>{''.join(others)}")
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(self.widget._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             f"Routine browser: {len(self.picker.options)} routines", "routine-browser")

    def __repr__(self) -> str:
        return f"RoutineBrowser({self.picker.value!r})"


class _ReadOnlyRoutine(RoutinePlayer):
    """A routine's snapshot without building a player's widgets or pictures (for the browser)."""

    def __init__(self, course: Course, routine_id: str) -> None:
        self.course = course
        self.error = None
        self.routine = load_routine(course, routine_id)
        self.session = RoutineSession(self.routine)
