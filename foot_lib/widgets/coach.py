"""The routine player as a hands-free coach: sound cues, spoken steps, a practice view, keys.

A learner with oily hands on a foot is not looking at the screen. :class:`Coach` is the part
of :class:`~foot_lib.widgets.player.RoutinePlayer` that speaks to them:

* **Sound** — a soft chime when a step ends, another when the routine is finished, and
  (optional) a quieter note ten seconds before a step ends. Which cue is due comes from
  :func:`foot_lib.content.cues.tick_with_cues`; the WAV data from
  :mod:`foot_lib.drawing.sound`; it is played by an ``ipywidgets.Audio`` element, which
  works in JupyterLab and Voilà alike. The Sound, Speak and Warning switches are kept for
  the kernel session (:data:`SETTINGS`), so a learner who muted one player is not startled
  by the next.
* **Spoken steps** — optional: each step's title and first instruction, read aloud when the
  step starts, if Debian's ``espeak-ng`` is installed. Rendered in the background; a line
  that is not ready yet is skipped, never waited for.
* **Practice view** — the current step in large type (what to do, where, pressure, time
  left, caution) with the picture, and nothing else, readable from arm's length.
* **Keys** — with the pointer over the picture (or the practice view): Space plays or
  pauses, ← and → go to the previous and next step (``ipyevents``, a maintained widget
  library, captures them). The buttons stay reachable with Tab, Enter and Space as before.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import ipywidgets as W
import numpy as np

from ..content.cues import Cue, spoken_line
from ..content.routines import Routine, RoutineSession, format_duration
from ..drawing import sound


class CoachedPlayer(Protocol):
    """What the coach needs from its player (the routine player is one).

    A protocol rather than an import of the player: the player creates its coach, so the
    two modules would otherwise import each other.
    """

    @property
    def routine(self) -> Routine: ...

    @property
    def session(self) -> RoutineSession: ...

    def press_key(self, key: str) -> Any: ...

    def show_practice(self, on: bool) -> Any: ...


KEY_HELP = "Keys, with the pointer over the picture: Space = play / pause, ← previous step, → next step."
_PRIORITY: dict[str, int] = {"warning": 1, "step_end": 2, "finished": 3}


@dataclass
class CoachSettings:
    """Choices that last for the kernel session, shared by every player."""

    sound: bool = True
    speech: bool = False
    warning: bool = True


SETTINGS = CoachSettings()


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


class Coach:
    """Sound, speech, practice view and keys for one player (see the module docstring)."""

    def __init__(self, player: CoachedPlayer) -> None:
        self.player = player
        self.played: list[str] = []  # what was sent to the speaker, e.g. ["step_end", "speech"]
        self._announced: int | None = None
        self._flip = 0
        self.audio = W.Audio(value=b"", format="wav", autoplay=True, loop=False, controls=False,
                             layout=W.Layout(display="none"))
        self.sound_switch = W.ToggleButton(
            value=SETTINGS.sound, description="Sound: on" if SETTINGS.sound else "Sound: off",
            tooltip="Chimes when a step ends and when the routine is finished (remembered for this session)",
            layout=W.Layout(width="auto"),
        )
        self.speech_switch = W.Checkbox(
            value=SETTINGS.speech, description="Speak each step", indent=False,
            disabled=not sound.speech_available(),
            tooltip="Read each step's title and instruction aloud when it starts"
            + ("" if sound.speech_available() else " (needs espeak-ng, which is not installed)"),
            layout=W.Layout(width="auto"),
        )
        self.warning_switch = W.Checkbox(
            value=SETTINGS.warning, description="Note 10 s before a step ends", indent=False,
            layout=W.Layout(width="auto"),
        )
        self.practice_switch = W.ToggleButton(
            value=False, description="Practice view", tooltip="Large type, the current step only (toggle back)",
            icon="", layout=W.Layout(width="auto"),
        )
        self.key_help = W.HTML(f"<small>{_esc(KEY_HELP)}</small>")
        self.controls = W.HBox(
            [self.sound_switch, self.speech_switch, self.warning_switch, self.practice_switch],
            layout=W.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.panel = W.HTML(layout=W.Layout(flex="1 1 420px", min_width="300px"))
        self.sound_switch.observe(lambda c: self._set_sound(bool(c["new"])), names="value")
        self.speech_switch.observe(lambda c: self._set_speech(bool(c["new"])), names="value")
        self.warning_switch.observe(lambda c: setattr(SETTINGS, "warning", bool(c["new"])), names="value")
        self.practice_switch.observe(lambda c: self.set_practice(bool(c["new"])), names="value")
        self.key_events: list[Any] = []
        if SETTINGS.speech:
            self._prepare_speech()

    # ------------------------------------------------------------------ settings
    def _set_sound(self, on: bool) -> None:
        SETTINGS.sound = on
        self.sound_switch.description = "Sound: on" if on else "Sound: off"

    def _set_speech(self, on: bool) -> None:
        SETTINGS.speech = on
        if on:
            self._prepare_speech()

    def _lines(self) -> list[str]:
        steps = self.player.routine.steps
        return [spoken_line(step, len(steps)) for step in steps]

    def _prepare_speech(self) -> None:
        sound.SPEECH.prepare(self._lines())

    # ------------------------------------------------------------------ cues
    def update(self, cues: Sequence[Cue] = ()) -> None:
        """Play what is due after a change: the most important cue, then the step's spoken line.

        Called once after every handler of the player (clicks, keys, clock ticks), so a step
        that starts while playing is announced exactly once, however it was reached.
        """
        session = self.player.session
        if not SETTINGS.warning:
            cues = [c for c in cues if c != "warning"]
        chime = max(cues, key=lambda c: _PRIORITY[str(c)]) if cues else None
        line = None
        if session.playing and not session.empty:
            if self._announced != session.index:
                self._announced = session.index
                if SETTINGS.speech and session.step is not None:
                    line = spoken_line(session.step, session.count)
        else:
            self._announced = None
        if not SETTINGS.sound:
            return
        spoken = sound.SPEECH.get(line) if line is not None else None
        if chime is None and spoken is None:
            return
        self._flip ^= 1
        if spoken is None:
            assert chime is not None
            self.audio.value = sound.cue_wav(chime, self._flip)  # cached: a step change stays cheap
            self.played.append(chime)
            return
        parts: list[np.ndarray] = []
        if chime is not None:
            parts.append(sound.cue_samples(chime))
            self.played.append(chime)
        parts.append(spoken)
        self.played.append("speech")
        self.audio.value = sound.wav_bytes(sound.join(*parts), pad=self._flip)

    # ------------------------------------------------------------------ keys
    def attach_keys(self, *sources: W.DOMWidget) -> None:
        """Let Space and the arrow keys drive the player while the pointer is over ``sources``."""
        try:
            from ipyevents import Event
        except ImportError:  # keys are a convenience; the buttons still work
            self.key_help.value = ""
            return
        for source in sources:
            event = Event(source=source, watched_events=["keydown"], prevent_default_action=True)
            event.on_dom_event(lambda e: self.player.press_key(str(e.get("key", ""))))
            self.key_events.append(event)

    # ------------------------------------------------------------------ practice view
    def set_practice(self, on: bool) -> None:
        """Show the current step in large type with its picture, hiding the rest of the player."""
        if self.practice_switch.value != on:
            self.practice_switch.value = on
            return
        self.player.show_practice(on)
        self.practice_switch.description = "Back to the full player" if on else "Practice view"
        self.refresh_panel()

    @property
    def practising(self) -> bool:
        return bool(self.practice_switch.value)

    def refresh_panel(self) -> None:
        """Rewrite the practice view's text (cheap: only while the practice view is on)."""
        if not self.practising:
            return
        session = self.player.session
        step = session.step
        if step is None:
            self.panel.value = "<p style='font-size:2em'>This routine has no steps yet.</p>"
            return
        where = ", ".join(r.replace("-", " ") for r in step.regions) or "the whole foot"
        caution = (
            "<div role='alert' style='font-size:1.7em;background:#fff3cd;color:#3d2a00;border-left:10px solid "
            f"#b45309;padding:8px 14px;margin:10px 0'>⚠ <b>Caution:</b> {_esc(step.caution)}</div>"
            if step.caution else ""
        )
        state = "playing" if session.playing else ("finished" if session.finished else "paused")
        self.panel.value = (
            "<div class='foot-practice' style='line-height:1.3'>"
            f"<div style='font-size:1.4em'>Step {session.number} of {session.count} · {_esc(state)}</div>"
            f"<div style='font-size:3em;font-weight:bold;margin:4px 0'>{_esc(step.title)}</div>"
            f"<div aria-live='polite' style='font-size:3.6em;font-weight:bold'>"
            f"{_esc(format_duration(session.remaining_s))} <span style='font-size:0.45em'>left</span></div>"
            f"<div style='font-size:2.1em;margin:8px 0'>{_esc(step.instruction)}</div>"
            f"<div style='font-size:1.7em'><b>Where:</b> {_esc(where)} · <b>Pressure:</b> {_esc(step.pressure)}</div>"
            f"{caution}</div>"
        )
