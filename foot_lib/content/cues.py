"""When the routine player should make a sound, and what it should say.

A learner following a routine has oily hands on a foot and eyes off the screen, so the
player has to *tell* them when a step is nearly over and when to move on. Which cue is due
is pure timing logic, kept here beside :class:`~foot_lib.content.routines.RoutineSession`
so it is deterministic and testable with a simulated clock; the sounds themselves are made
in :mod:`foot_lib.drawing.sound` and played by the widget layer.

The rules (one cue per event, never a repeat):

* ``"warning"`` — once, when the countdown of the step that is running crosses
  ``warn_s`` seconds left (only for steps longer than ``2 * warn_s``, so a short step does
  not chirp twice in a row);
* ``"step_end"`` — once for every step the clock finishes and hands over to the next;
* ``"finished"`` — once, when the last step ends (instead of a ``"step_end"``).

Manual moves (Next, Previous, Jump) and time that passes while paused make no cue: the
learner who pressed a button knows the step changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .routines import RoutineSession, Step

Cue = Literal["warning", "step_end", "finished"]
CUES: tuple[Cue, ...] = ("warning", "step_end", "finished")
WARN_BEFORE_S = 10


@dataclass(frozen=True)
class TickResult:
    """What one clock tick did: whether the step changed, and the cues now due, in order."""

    changed: bool
    cues: tuple[Cue, ...]

    @property
    def step_started(self) -> bool:
        """True when the clock moved on to a new step (its spoken line is now due)."""
        return "step_end" in self.cues


def tick_with_cues(session: RoutineSession, seconds: float, *, warn_s: float = WARN_BEFORE_S) -> TickResult:
    """Advance ``session`` by ``seconds`` (as :meth:`RoutineSession.tick`) and report the cues due.

    Stateless on purpose: the cues follow from the session before and after the tick, so a
    pause, a jump or a restart cannot leave a stale "already warned" flag behind. Going back
    to a step and playing it again warns again, which is what a learner expects.
    """
    if not session.playing or session.empty:
        return TickResult(False, ())
    before_index = session.index
    before_remaining = session.remaining_s
    step_length = session.step.duration_s if session.step is not None else 0
    changed = session.tick(seconds)
    cues: list[Cue] = []
    if session.finished:
        cues.extend(["step_end"] * (session.index - before_index))
        cues.append("finished")
    elif session.index != before_index:
        cues.extend(["step_end"] * (session.index - before_index))
    elif warn_s > 0 and step_length > 2 * warn_s and before_remaining > warn_s >= session.remaining_s:
        cues.append("warning")
    return TickResult(changed, tuple(cues))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when there is no full stop)."""
    text = " ".join(str(text).split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def spoken_line(step: Step, count: int) -> str:
    """What the player says when ``step`` starts: its number, title and one-line instruction.

    Short by design: a learner hears it once, with hands busy, so it is the step's name and
    the first sentence of what to do; pressure and caution stay on screen in the practice view.
    """
    title = " ".join(str(step.title).split()).rstrip(".")
    line = f"Step {step.number} of {count}. {title}."
    instruction = first_sentence(step.instruction)
    if instruction:
        line += f" {instruction}"
    if step.caution:
        line += " Take care: read the caution on screen."
    return line
