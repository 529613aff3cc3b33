"""Session planner: fit chosen routines into the time a learner actually has.

A plan is always warm-up → the chosen routines → finish (the ``warm-up`` and ``finish``
routines of the data). Step times are scaled together so their proportions stay as the
sources give them, but no step drops below ``min_step_s`` — a 4-second "knead the heel"
is useless. When even the minimums do not fit, whole steps are dropped, least important
first, and the plan says in plain words what was left out and why.

What counts as least important (dropped first):
1. extra warm-up steps (the first one is kept),
2. extra finishing steps (the last one is kept),
3. steps of the routines chosen last (the order of ``routine_ids`` is the priority),
   shortest first, because the sources gave them the least time; the first step of
   each routine is kept as long as possible so that a routine is never started mid-way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from .routines import Routine, Step, format_duration, load_routine

if TYPE_CHECKING:  # pragma: no cover
    from .loading import Course

WARM_UP_ID = "warm-up"
FINISH_ID = "finish"
#: Never stretch a step beyond this multiple of the time the source gives it.
MAX_STRETCH = 1.5
ROUND_S = 5


@dataclass(frozen=True)
class PlannedStep:
    """A step in the plan: which part of the session, the step and its scaled time."""

    part: str  # "warm-up", "routine" or "finish"
    routine_title: str
    step: Step
    planned_s: int

    @property
    def original_s(self) -> int:
        return self.step.duration_s


@dataclass
class Plan:
    """The planned session, with what was dropped and an explanation in words."""

    budget_s: int
    min_step_s: int
    steps: list[PlannedStep] = field(default_factory=list)
    dropped: list[tuple[str, Step]] = field(default_factory=list)  # (routine title, step)
    scale: float = 1.0
    explanation: str = ""

    @property
    def total_s(self) -> int:
        return sum(p.planned_s for p in self.steps)

    def table(self) -> pd.DataFrame:
        """The plan as a table: part, routine, step, original and planned time."""
        return pd.DataFrame(
            [
                {
                    "part": p.part,
                    "routine": p.routine_title,
                    "step": f"{p.step.number}. {p.step.title}",
                    "source time": format_duration(p.original_s),
                    "planned": format_duration(p.planned_s),
                }
                for p in self.steps
            ],
            columns=["part", "routine", "step", "source time", "planned"],
        )

    def as_routine(self) -> Routine:
        """The plan as one :class:`Routine` (steps renumbered) for the player or the cards."""
        steps = tuple(
            replace(p.step, routine="plan", number=i, duration_s=p.planned_s) for i, p in enumerate(self.steps, start=1)
        )
        return Routine(
            id="plan",
            title=f"Planned session ({format_duration(self.total_s)})",
            purpose="a session fitted to your time",
            kind="plan",
            who="yourself or a partner",
            source=tuple(dict.fromkeys(s for p in self.steps for s in p.step.source)),
            steps=steps,
        )


def _scale(durations: list[int], budget: int, minimum: int) -> tuple[list[int], float]:
    """Scale ``durations`` to fit ``budget`` with a floor of ``minimum`` (water-filling).

    Steps that would fall below the floor are pinned to it and the rest share what is
    left in proportion; a step never grows beyond ``MAX_STRETCH`` times its source time.
    Returns whole seconds rounded down to ``ROUND_S`` (never below the floor).
    """
    total = sum(durations)
    if not durations or total <= 0:
        return [max(minimum, d) for d in durations], 1.0
    floors = [min(minimum, d) if d < minimum else minimum for d in durations]
    pinned = [False] * len(durations)
    factor = 1.0
    for _ in range(len(durations) + 1):
        free_budget = budget - sum(f for f, p in zip(floors, pinned) if p)
        free_total = sum(d for d, p in zip(durations, pinned) if not p)
        factor = min(MAX_STRETCH, free_budget / free_total) if free_total > 0 else 1.0
        newly = [i for i, d in enumerate(durations) if not pinned[i] and d * factor < floors[i]]
        if not newly:
            break
        for i in newly:
            pinned[i] = True
    planned = []
    for d, p, f in zip(durations, pinned, floors):
        value = f if p else d * factor
        rounded = int(value // ROUND_S * ROUND_S)
        planned.append(max(rounded, f))
    return planned, factor


def _drop_order(parts: list[tuple[str, int, int]], routine_count: int) -> list[int]:
    """Indices of planned steps in the order they should be dropped.

    ``parts`` holds (part, routine rank, position in that routine) for every step.
    """
    warm = [i for i, (p, _, pos) in enumerate(parts) if p == "warm-up" and pos > 0]
    finish_idx = [i for i, (p, _, _) in enumerate(parts) if p == "finish"]
    finish = finish_idx[:-1]
    routine_steps = [i for i, (p, _, _) in enumerate(parts) if p == "routine"]
    # later routines first; inside a routine, first steps last
    routine_steps.sort(key=lambda i: (-parts[i][1], parts[i][2] == 0))
    last_warm = [i for i, (p, _, pos) in enumerate(parts) if p == "warm-up" and pos == 0]
    return [*warm, *finish, *routine_steps, *finish_idx[-1:], *last_warm]


def plan_session(
    course: Course,
    routine_ids: str | Sequence[str],
    minutes: float,
    *,
    min_step_s: int = 20,
    warm_up: bool = True,
    finish: bool = True,
) -> Plan:
    """Plan a session of about ``minutes`` from the routines ``routine_ids``.

    Returns a :class:`Plan`: the steps with scaled times, the dropped steps and a plain
    explanation. Raises ``ValueError`` for a time budget that is not a positive number
    and ``KeyError`` (listing valid ids) for an unknown routine.
    """
    if isinstance(routine_ids, str):
        routine_ids = [routine_ids]
    try:
        minutes = float(minutes)
    except (TypeError, ValueError):
        raise ValueError(f"minutes must be a number, not {minutes!r}") from None
    if not minutes > 0:
        raise ValueError("the time budget must be more than 0 minutes")
    min_step_s = max(1, int(min_step_s))
    budget = int(round(minutes * 60))
    chosen = [load_routine(course, rid) for rid in dict.fromkeys(routine_ids)]

    entries: list[tuple[str, Routine, Step]] = []
    parts: list[tuple[str, int, int]] = []
    known_ids = set(course["routines"]["id"].tolist())
    if warm_up and WARM_UP_ID in known_ids and WARM_UP_ID not in routine_ids:
        wu = load_routine(course, WARM_UP_ID)
        for pos, s in enumerate(wu.steps):
            entries.append(("warm-up", wu, s))
            parts.append(("warm-up", -1, pos))
    for rank, r in enumerate(chosen):
        for pos, s in enumerate(r.steps):
            entries.append(("routine", r, s))
            parts.append(("routine", rank, pos))
    if finish and FINISH_ID in known_ids and FINISH_ID not in routine_ids:
        fi = load_routine(course, FINISH_ID)
        for pos, s in enumerate(fi.steps):
            entries.append(("finish", fi, s))
            parts.append(("finish", len(chosen), pos))

    keep = list(range(len(entries)))
    dropped_idx: list[int] = []
    order = _drop_order(parts, len(chosen))
    while keep and len(keep) * min_step_s > budget:
        victim = next(i for i in order if i in keep)
        keep.remove(victim)
        dropped_idx.append(victim)

    durations = [max(0, entries[i][2].duration_s) for i in keep]
    planned, factor = _scale(durations, budget, min_step_s)
    plan = Plan(budget_s=budget, min_step_s=min_step_s, scale=factor)
    for i, secs in zip(keep, planned):
        part, r, s = entries[i]
        plan.steps.append(PlannedStep(part=part, routine_title=r.title, step=s, planned_s=secs))
    plan.dropped = [(entries[i][1].title, entries[i][2]) for i in sorted(dropped_idx)]
    plan.explanation = _explain(plan, sum(max(0, e[2].duration_s) for e in entries), chosen)
    return plan


def _explain(plan: Plan, source_total: int, chosen: list[Routine]) -> str:
    names = ", ".join(r.title for r in chosen) or "no routine"
    lines = [
        f"Budget {format_duration(plan.budget_s)} for: {names}. The sources' times add up to "
        f"{format_duration(source_total)} (one foot) including warm-up and finish."
    ]
    if not plan.steps:
        lines.append(f"Nothing fits: even one step needs at least {plan.min_step_s} s.")
        return " ".join(lines)
    if plan.scale < 0.999:
        lines.append(
            f"Every step is shortened to about {plan.scale:.0%} of its time, but none below "
            f"{plan.min_step_s} s."
        )
    elif plan.scale > 1.001:
        lines.append(
            f"There is spare time, so steps are lengthened by {plan.scale - 1:.0%} "
            f"(at most {MAX_STRETCH - 1:.0%} more than the sources give)."
        )
    else:
        lines.append("Everything fits at the sources' own times.")
    if plan.dropped:
        what = "; ".join(f"{t} step {s.number} ({s.title})" for t, s in plan.dropped)
        lines.append(
            f"{len(plan.dropped)} step(s) did not fit even at {plan.min_step_s} s each and were left out: {what}."
        )
    lines.append(f"Planned: {len(plan.steps)} steps, {format_duration(plan.total_s)} per foot.")
    spare = plan.budget_s - plan.total_s
    if spare >= 30:
        lines.append(f"{format_duration(spare)} of the budget is left for resting or the other foot.")
    return " ".join(lines)
