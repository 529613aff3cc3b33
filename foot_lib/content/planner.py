"""Session planner: fit chosen routines into the time a learner actually has.

A plan is always warm-up → the chosen routines → finish (the ``warm-up`` and ``finish``
routines of the data). Step times are scaled together so their proportions stay as the
sources give them, but no step drops below ``min_step_s`` — a 4-second "knead the heel"
is useless. When even the minimums do not fit, whole steps are dropped, least important
first, and the plan says in plain words what was left out and why.

What counts as least important (dropped first):
1. extra warm-up steps (the last one, rubbing the feet warm, is kept),
2. extra finishing steps (the last one is kept),
3. steps of the routines chosen last (the order of ``routine_ids`` is the priority),
   shortest first, because the sources gave them the least time; the first and last
   steps of each routine are kept as long as possible, so it never loses its ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from .routines import Routine, Step, format_duration, load_routine

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

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
    weight: int = 1  # 2 when the step is done on each foot in turn and both feet are planned

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
    both_feet: bool = True
    explanation: str = ""

    @property
    def total_s(self) -> int:
        """Time of the whole session (steps done on each foot count twice)."""
        return sum(p.planned_s * p.weight for p in self.steps)

    @property
    def one_pass_s(self) -> int:
        """Time of one pass through the steps (one foot)."""
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
                    "feet": "each foot" if p.weight == 2 else "once",
                }
                for p in self.steps
            ],
            columns=["part", "routine", "step", "source time", "planned", "feet"],
        )

    def as_routine(self) -> Routine:
        """The plan as one :class:`Routine` (steps renumbered) for the player or the cards."""
        steps = tuple(
            replace(p.step, routine="plan", number=i, duration_s=p.planned_s)
            for i, p in enumerate(self.steps, start=1)
        )
        return Routine(
            id="plan",
            title=f"Planned session ({format_duration(self.one_pass_s)} per pass)",
            purpose="a session fitted to your time",
            kind="plan",
            who="yourself or a partner",
            source=tuple(dict.fromkeys(s for p in self.steps for s in p.step.source)),
            steps=steps,
        )


def _scale(durations: list[int], weights: list[int], budget: int, minimum: int) -> tuple[list[int], float]:
    """Scale ``durations`` so that ``sum(duration * weight)`` fits ``budget``, floor ``minimum``.

    ``weights`` is 2 for a step done on each foot in turn (it costs its time twice), else 1.
    Water-filling: steps that would fall below the floor are pinned to it and the rest share
    what is left in proportion; a step never grows beyond ``MAX_STRETCH`` times its source
    time. Returns whole seconds rounded down to ``ROUND_S`` (never below the floor).
    """
    if not durations or sum(durations) <= 0:
        return [max(minimum, d) for d in durations], 1.0
    pinned = [False] * len(durations)
    factor = 1.0
    for _ in range(len(durations) + 1):
        free_budget = budget - sum(minimum * w for w, p in zip(weights, pinned, strict=False) if p)
        free_total = sum(d * w for d, w, p in zip(durations, weights, pinned, strict=False) if not p)
        factor = min(MAX_STRETCH, free_budget / free_total) if free_total > 0 else 1.0
        newly = [i for i, d in enumerate(durations) if not pinned[i] and d * factor < minimum]
        if not newly:
            break
        for i in newly:
            pinned[i] = True
    planned = []
    for d, p in zip(durations, pinned, strict=False):
        value = minimum if p else d * factor
        planned.append(max(int(value // ROUND_S * ROUND_S), minimum))
    return planned, factor


def _drop_order(parts: list[tuple[str, int, int, int, int]]) -> list[int]:
    """Indices of planned steps in the order they should be dropped.

    ``parts`` holds (part, routine rank, position in the routine, steps in the routine,
    duration) for every step. The first and last step of a routine go last, so a routine
    never loses its opening or its ending before its middle.
    """
    warm = [i for i, p in enumerate(parts) if p[0] == "warm-up"]
    finish = [i for i, p in enumerate(parts) if p[0] == "finish"]
    routine_steps = [i for i, p in enumerate(parts) if p[0] == "routine"]
    routine_steps.sort(
        key=lambda i: (-parts[i][1], parts[i][2] in (0, parts[i][3] - 1), parts[i][4], -parts[i][2])
    )
    # keep the last warm-up step (rubbing the feet warm) and the last finishing step longest
    return [*warm[:-1], *finish[:-1], *routine_steps, *finish[-1:], *warm[-1:]]


def plan_session(
    course: Course,
    routine_ids: str | Sequence[str],
    minutes: float,
    *,
    min_step_s: int = 20,
    both_feet: bool = True,
    warm_up: bool = True,
    finish: bool = True,
) -> Plan:
    """Plan a session of about ``minutes`` from the routines ``routine_ids``.

    With ``both_feet`` (the default) a step done on each foot in turn counts twice
    against the budget, so "10 minutes" means ten minutes of the learner's time.
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
    budget = round(minutes * 60)
    chosen = [load_routine(course, rid) for rid in dict.fromkeys(routine_ids)]

    entries: list[tuple[str, Routine, Step]] = []
    parts: list[tuple[str, int, int, int, int]] = []
    known_ids = set(course["routines"]["id"].tolist())
    if warm_up and WARM_UP_ID in known_ids and WARM_UP_ID not in routine_ids:
        wu = load_routine(course, WARM_UP_ID)
        for pos, s in enumerate(wu.steps):
            entries.append(("warm-up", wu, s))
            parts.append(("warm-up", -1, pos, len(wu.steps), s.duration_s))
    for rank, r in enumerate(chosen):
        for pos, s in enumerate(r.steps):
            entries.append(("routine", r, s))
            parts.append(("routine", rank, pos, len(r.steps), s.duration_s))
    if finish and FINISH_ID in known_ids and FINISH_ID not in routine_ids:
        fi = load_routine(course, FINISH_ID)
        for pos, s in enumerate(fi.steps):
            entries.append(("finish", fi, s))
            parts.append(("finish", len(chosen), pos, len(fi.steps), s.duration_s))

    keep = list(range(len(entries)))
    dropped_idx: list[int] = []
    order = _drop_order(parts)
    weight = {i: 2 if both_feet and entries[i][2].foot == "each" else 1 for i in keep}
    while keep and sum(weight[i] for i in keep) * min_step_s > budget:
        victim = next(i for i in order if i in keep)
        keep.remove(victim)
        dropped_idx.append(victim)

    durations = [max(0, entries[i][2].duration_s) for i in keep]
    planned, factor = _scale(durations, [weight[i] for i in keep], budget, min_step_s)
    plan = Plan(budget_s=budget, min_step_s=min_step_s, scale=factor, both_feet=both_feet)
    for i, secs in zip(keep, planned, strict=False):
        part, r, s = entries[i]
        plan.steps.append(PlannedStep(part=part, routine_title=r.title, step=s, planned_s=secs, weight=weight[i]))
    plan.dropped = [(entries[i][1].title, entries[i][2]) for i in sorted(dropped_idx)]
    source_total = sum(max(0, e[2].duration_s) * (2 if both_feet and e[2].foot == "each" else 1) for e in entries)
    plan.explanation = _explain(plan, source_total, chosen)
    return plan


def _explain(plan: Plan, source_total: int, chosen: list[Routine]) -> str:
    names = ", ".join(r.title for r in chosen) or "no routine"
    lines = [
        f"Budget {format_duration(plan.budget_s)} for: {names}. The sources' times add up to "
        f"{format_duration(source_total)} including warm-up and finish"
        + (", counting steps done on each foot twice." if plan.both_feet else " (one foot).")
    ]
    if not plan.steps:
        lines.append(f"Nothing fits: even one step needs at least {plan.min_step_s} s.")
        return " ".join(lines)
    if all(p.planned_s <= plan.min_step_s for p in plan.steps):
        lines.append(f"Every step runs at the minimum of {plan.min_step_s} s.")
    elif plan.scale < 0.999:
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
    lines.append(f"Planned: {len(plan.steps)} steps, {format_duration(plan.total_s)} in all.")
    spare = plan.budget_s - plan.total_s
    if spare >= 30:
        lines.append(f"{format_duration(spare)} of the budget is left over for a rest.")
    return " ".join(lines)
