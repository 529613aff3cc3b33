"""Massage routines as data, and the state machine that walks a learner through one.

Why a separate core: the widget player (``player_gui``), the session planner and the
printable cards all need the same answers — which step comes next, how long it lasts,
which foot and which areas it touches, how much time is left. Keeping that logic here,
free of ipywidgets and matplotlib, lets it be unit-tested quickly and reused anywhere
(a Voilà app, a script, a PDF).

The routines live in ``data/routines.csv`` (one row per routine) and
``data/routine_steps.csv`` (one row per step). The generic loader checks column types,
allowed values and foreign keys; :func:`check_routine_steps` adds the rules that need
code (positive durations, consecutive step numbers, a readable stroke path, known areas).
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..data.loading import Checks, records
from .safety import routine_caution

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

FEET = ("left", "right")
STEP_FEET = ("left", "right", "both", "each")
PRESSURES = ("light", "medium", "firm")

#: Areas of the leg drawn by :mod:`foot_lib.drawing.leg_diagram` (not on the foot chart). They are
#: drawing geometry, like the foot outline, so their ids live with the drawing code.
LEG_REGIONS = ("shin", "calf", "back-of-knee", "knee", "thigh", "inner-thigh", "buttock")

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_POINT_RE = re.compile(rf"^\s*({_NUMBER})\s+({_NUMBER})\s*$")


# --------------------------------------------------------------------------- data model
@dataclass(frozen=True)
class Step:
    """One step of a routine, with everything the player and the cards show."""

    routine: str
    number: int
    title: str
    instruction: str
    technique: str
    regions: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    foot: str = "each"
    direction: str = ""
    path: tuple[tuple[float, float], ...] = ()
    duration_s: int = 30
    repetitions: int | None = None
    pressure: str = "light"
    hands: str = ""
    caution: str = ""
    source: tuple[str, ...] = ()
    caution_ids: tuple[str, ...] = ()
    caution_lines: tuple[str, ...] = ()
    technique_name: str = ""
    technique_how: str = ""
    area_names: tuple[str, ...] = ()
    """Plain-word names of ``regions`` (from regions.csv labels), for tables a learner reads."""
    zone_names: tuple[str, ...] = ()
    """The body parts of ``zones`` (from zones.csv), for the same tables."""

    @property
    def on_leg(self) -> bool:
        """True when the step works the leg rather than the foot (drawn on the leg diagram)."""
        return bool(self.regions) and all(r in LEG_REGIONS for r in self.regions)

    @property
    def areas(self) -> tuple[str, ...]:
        """Every id to light up on a diagram: regions first, then reflex zones."""
        return tuple(dict.fromkeys((*self.regions, *self.zones)))

    def dose(self) -> str:
        """Duration and repetitions in words, e.g. ``'1 min 30 s · 7 times'``."""
        text = format_duration(self.duration_s)
        if self.repetitions:
            text += f" · {self.repetitions} times"
        return text


@dataclass(frozen=True)
class Routine:
    """A named sequence of steps with its purpose, setting and sources."""

    id: str
    title: str
    purpose: str = ""
    kind: str = ""
    who: str = ""
    setup: str = ""
    source: tuple[str, ...] = ()
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def total_s(self) -> int:
        """Time for one pass through every step (for 'each' steps: on one foot)."""
        return sum(max(0, s.duration_s) for s in self.steps)

    @property
    def each_foot(self) -> bool:
        """True if the routine is done on one foot and then repeated on the other."""
        return any(s.foot == "each" for s in self.steps)

    def cautions(self) -> list[str]:
        """The distinct cautions of the routine's steps, in order: each safety rule once, then tips."""
        lines = [line for s in self.steps for line in (s.caution_lines or ((s.caution,) if s.caution else ()))]
        return list(dict.fromkeys(lines))

    def __len__(self) -> int:
        return len(self.steps)


def step_caution_lines(rules: Mapping[str, Mapping[str, Any]] | None, ids: Iterable[str], tip: str) -> tuple[str, ...]:
    """What a step's caution banner says: each linked safety rule in the table's words, then the tip.

    ``rules`` maps ``contraindications.csv`` ids to their rows (the loader has already checked
    the ids). Rules come first because they decide whether the step is done at all.
    """
    lines = [routine_caution(rules[i]) for i in ids] if rules is not None else []
    if tip.strip():
        lines.append(tip.strip())
    return tuple(lines)


def format_duration(seconds: float) -> str:
    """``95`` → ``'1 min 35 s'``; short and readable on a card or a countdown."""
    seconds = max(0, math.ceil(seconds))
    minutes, sec = divmod(seconds, 60)
    if minutes and sec:
        return f"{minutes} min {sec} s"
    if minutes:
        return f"{minutes} min"
    return f"{sec} s"


def parse_path(text: str | None) -> tuple[tuple[float, float], ...]:
    """Parse ``"0.1 0.05; 0.1 0.9"`` into ``((0.1, 0.05), (0.1, 0.9))``.

    Raises ``ValueError`` with a readable reason; the data check turns it into a located
    :class:`DataError`. Coordinates are foot coordinates: u 0 = inner edge → 1 = outer edge,
    v 0 = back of the heel → 1 = tip of the longest toe.
    """
    if text is None or not str(text).strip():
        return ()
    points = []
    for i, chunk in enumerate(str(text).split(";"), start=1):
        if not chunk.strip():
            continue
        m = _POINT_RE.match(chunk)
        if not m:
            raise ValueError(f"point {i} ({chunk.strip()!r}) should be two numbers 'u v', e.g. '0.2 0.5'")
        u, v = float(m.group(1)), float(m.group(2))
        if not (0.0 <= u <= 1.0 and 0.0 <= v <= 1.0):
            raise ValueError(f"point {i} ({chunk.strip()!r}) is outside the foot: u and v must be between 0 and 1")
        points.append((u, v))
    if len(points) == 1:
        raise ValueError("a path needs at least two points (where the stroke starts and where it ends)")
    return tuple(points)


# --------------------------------------------------------------------------- reading the course
def routine_ids(course: Course) -> list[str]:
    """Every routine id, in the order of ``routines.csv``."""
    return [str(x) for x in course["routines"]["id"].tolist()]


def _opt_int(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return int(value)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None or value is pd.NA:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value)
    text = str(value).strip()
    return tuple(t.strip() for t in text.split(";") if t.strip()) if text else ()


def unknown_routine_message(course: Course, routine_id: str) -> str:
    """A helpful message for a mistyped routine id: close matches and every valid id."""
    valid = routine_ids(course)
    hint = difflib.get_close_matches(str(routine_id), valid, n=1)
    more = f" Did you mean {hint[0]!r}?" if hint else ""
    return f"No routine called {routine_id!r}.{more} Valid routine ids: {', '.join(valid)}"


def load_routine(course: Course, routine_id: str) -> Routine:
    """Build the :class:`Routine` ``routine_id`` from the course tables.

    An unknown id raises ``KeyError`` whose message lists every valid id, so a typo in a
    notebook cell is fixed in one go.
    """
    routines = course["routines"]
    hits = routines[routines["id"] == routine_id]
    if hits.empty:
        raise KeyError(unknown_routine_message(course, routine_id))
    frame = course["routine_steps"]
    return _build_routine(routine_id, hits.iloc[0], records(frame[frame["routine"] == routine_id].sort_values("step")),
                          _RoutineWords(course))


class _RoutineWords:
    """What every routine's steps look up in the other tables (techniques, safety rules, area
    names), read once per call: whole columns at a time (records), as iterrows and ``.at``
    cost more than building the steps. Read afresh for each call, not cached on the course,
    so a learner's in-place edit of a table shows in the next routine."""

    def __init__(self, course: Course) -> None:
        self.techniques = ({str(r["id"]): r for r in records(course["techniques"], ["id", "name", "how_to"])}
                           if "techniques" in course else None)
        self.rules = ({str(r["id"]): r for r in records(course["contraindications"], ["id", "condition", "instead"])}
                      if "contraindications" in course else None)
        self.region_names, self.zone_names = _area_words(course)


def _build_routine(routine_id: str, row: Any, step_rows: list[dict[str, Any]], words: _RoutineWords) -> Routine:
    techniques, rules = words.techniques, words.rules
    region_names, zone_names = words.region_names, words.zone_names
    steps = []
    for s in step_rows:
        tech = str(s["technique"])
        name, how = tech, ""
        if techniques is not None and tech in techniques:
            name = str(techniques[tech]["name"])
            how = str(techniques[tech]["how_to"])
        ids = _tuple(s["caution_ids"]) if "caution_ids" in s else ()
        lines = step_caution_lines(rules, ids, str(s["caution"] or ""))
        steps.append(
            Step(
                routine=routine_id,
                number=int(s["step"]),
                title=str(s["title"]),
                instruction=str(s["instruction"]),
                technique=tech,
                regions=_tuple(s["regions"]),
                zones=_tuple(s["zones"]),
                foot=str(s["foot"]),
                direction=str(s["direction"] or ""),
                path=parse_path(s["path"] or None),
                duration_s=int(s["duration_s"]),
                repetitions=_opt_int(s["repetitions"]),
                pressure=str(s["pressure"]),
                hands=str(s["hands"] or ""),
                caution=" ".join(lines),
                source=_tuple(s["source"]),
                caution_ids=ids,
                caution_lines=lines,
                technique_name=name,
                technique_how=how,
                area_names=tuple(region_names.get(r, r.replace("-", " ")) for r in _tuple(s["regions"])),
                zone_names=tuple(dict.fromkeys(zone_names.get(z, z) for z in _tuple(s["zones"]))),
            )
        )
    return Routine(
        id=str(row["id"]),
        title=str(row["title"]),
        purpose=str(row["purpose"]),
        kind=str(row["kind"]),
        who=str(row["who"]),
        setup=str(row["setup"] or ""),
        source=_tuple(row["source"]),
        steps=tuple(steps),
    )


def routine_summary(course: Course) -> pd.DataFrame:
    """One row per routine: purpose, kind, number of steps, time and sources.

    Minutes are for one pass (for routines done foot by foot: per foot), rounded to
    half minutes — the figure a learner needs to choose a routine.
    """
    rows = []
    # every routine built in one pass: the lookups once, the steps table grouped once
    words = _RoutineWords(course)
    frame = course["routine_steps"]
    by_routine: dict[str, list[dict[str, Any]]] = {}
    for step in records(frame.sort_values("step", kind="stable")):
        by_routine.setdefault(str(step["routine"]), []).append(step)
    routines = course["routines"]
    first_rows: dict[str, int] = {}
    for i, rid in enumerate(routines["id"]):
        first_rows.setdefault(str(rid), i)
    for rid in routine_ids(course):
        if rid not in first_rows:
            raise KeyError(unknown_routine_message(course, rid))
        r = _build_routine(rid, routines.iloc[first_rows[rid]], by_routine.get(rid, []), words)
        rows.append(
            {
                "id": r.id,
                "routine": r.title,
                "purpose": r.purpose,
                "kind": r.kind,
                "steps": len(r.steps),
                "minutes": round(r.total_s / 30) / 2,
                "feet": "each foot in turn" if r.each_foot else "both together",
                "source": "; ".join(r.source),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- data checks
def _known_regions(course: Course) -> set[str] | None:
    if "regions" not in course:
        return None
    return set(course["regions"]["id"].tolist()) | set(LEG_REGIONS)


SAFETY_TOPICS: dict[str, str] = {
    r"sprain|strained|fractur|surgery|operation|injur": "recent-injury-surgery",
    r"diabet|numb|neuropath": "diabetes-reduced-feeling",
    r"varicose": "varicose-veins",
    r"\bclot|thrombos|swollen|swelling": "dvt-signs",
    r"inner (upper )?thigh|back of the knee|groin|vessel": "thigh-knee-vessels",
    r"\bpain\b|\bhurts?\b|painful": "pain-during-massage",
    r"\bwound|broken skin|infect": "open-wound-burn",
    r"\bfever": "fever-acute-infection",
    r"\bgout|hot, red|red, hot": "hot-swollen-joint",
    r"blood thinner|anticoagul": "anticoagulants",
    r"pregnan|midwife": "pregnancy",
    r"cancer|tumou?r": "cancer",
    r"click|crack|older (people|toes)|stiff": "stiff-toes",
}
"""Words that mark a safety rule in a step's tip → the contraindication row to link instead."""

NEEDS_DIABETES_RULE = re.compile(r"water|bath|warming cream|spiked|barefoot|bumpy mat|massage slippers", re.I)
"""Step wording that needs the diabetes rule (no hot water, warming creams, spiked mats, bare feet)."""


def _check_caution_links(course: Course) -> None:
    frame = course["routine_steps"]
    if "caution_ids" not in frame.columns:
        return
    always: list[tuple[set[str], str]] = []
    if "leg_cautions" in course:
        legs = course["leg_cautions"]
        always = [(set(r["areas"]), str(r["contraindication"])) for r in legs.to_dict("records") if r["always"]]
    for pos, row in enumerate(frame.to_dict("records")):
        tip = str(row["caution"] or "")
        ids = tuple(row["caution_ids"] or ())
        for pattern, rule in SAFETY_TOPICS.items():
            found = re.search(pattern, tip, re.I)
            if found:
                raise course.error(
                    "routine_steps",
                    pos,
                    "caution",
                    f"the tip mentions {found.group(0)!r}, a topic of the safety table: list {rule!r} in "
                    "caution_ids instead of rewording its rule (the banner then shows the table's own words)",
                )
        regions = set(row["regions"] or ())
        for areas, rule in always:
            if regions & areas and rule not in ids:
                raise course.error(
                    "routine_steps",
                    pos,
                    "caution_ids",
                    f"the step works {', '.join(sorted(regions & areas))}, so it must list {rule!r}",
                )
        wording = f"{row['title']} {row['instruction']}"
        needs = NEEDS_DIABETES_RULE.search(wording)
        if needs and "diabetes-reduced-feeling" not in ids:
            raise course.error(
                "routine_steps",
                pos,
                "caution_ids",
                f"the step mentions {needs.group(0)!r}, so it must list 'diabetes-reduced-feeling' "
                "(no hot water, warming creams, spiked mats or bare feet with diabetes or numb feet)",
            )


def check_routine_steps(course: Course) -> None:
    """Rules the column descriptions cannot express, each reported at its cell.

    - ``duration_s`` must be more than 0 (the schema already rejects negatives): a step of
      no time cannot be played or printed sensibly.
    - step numbers of a routine run 1, 2, 3 … without gaps or repeats.
    - ``path`` parses as ``u v; u v`` pairs inside the foot (0–1).
    - every ``regions`` id is a foot region (``regions.csv``) or a leg area.
    - a step whose only areas are on the leg cannot also name reflex zones of the foot.
    - safety rules are linked, never retyped: the free-text ``caution`` (a practical tip) may
      not speak about a topic of the safety table (see :data:`SAFETY_TOPICS`); a step on an
      area that every leg keeps light (``leg_cautions.csv``, ``always``) links that area's
      rule; a step with water, a bath, warming cream, spiked mats or bare feet links
      ``diabetes-reduced-feeling``. Then the banner can never be laxer than the safety check.
    """
    frame = course["routine_steps"]
    known = _known_regions(course)
    _check_caution_links(course)
    numbers: dict[str, list[tuple[int, int]]] = {}
    for pos, row in enumerate(frame.itertuples(index=False)):
        duration = row.duration_s
        if duration is not None and duration is not pd.NA and int(duration) <= 0:
            raise course.error(
                "routine_steps",
                pos,
                "duration_s",
                f"{int(duration)} seconds: every step needs a duration of at least 1 second "
                "(write how long the step takes, e.g. 30)",
            )
        try:
            parse_path(row.path or None)
        except ValueError as exc:
            raise course.error("routine_steps", pos, "path", f"{row.path!r}: {exc}") from None
        regions = tuple(row.regions or ())
        if known is not None:
            for region in regions:
                if region not in known:
                    hint = difflib.get_close_matches(region, sorted(known), n=3)
                    more = f"; close matches: {', '.join(hint)}" if hint else ""
                    raise course.error(
                        "routine_steps",
                        pos,
                        "regions",
                        f"unknown region {region!r}: not in data/regions.csv nor a leg area "
                        f"({', '.join(LEG_REGIONS)}){more}",
                    )
        if regions and all(r in LEG_REGIONS for r in regions) and tuple(row.zones or ()):
            raise course.error(
                "routine_steps", pos, "zones", "this step works only the leg, so it cannot list foot reflex zones"
            )
        numbers.setdefault(str(row.routine), []).append((int(row.step), pos))
    for routine, items in numbers.items():
        seen: dict[int, int] = {}
        for number, pos in items:
            if number in seen:
                raise course.error(
                    "routine_steps",
                    pos,
                    "step",
                    f"routine {routine!r} already has a step {number}; numbers must differ",
                )
            seen[number] = pos
        expected = list(range(1, len(items) + 1))
        if sorted(seen) != expected:
            missing = sorted(set(expected) - set(seen))
            pos = max(seen.items())[1]
            raise course.error(
                "routine_steps",
                pos,
                "step",
                f"routine {routine!r} has {len(items)} steps, so they should be numbered 1 to {len(items)}"
                + (f"; missing: {', '.join(map(str, missing))}" if missing else ""),
            )


# --------------------------------------------------------------------------- the state machine
@dataclass(frozen=True)
class SessionState:
    """A snapshot of a session, for displays and tests."""

    index: int
    number: int
    count: int
    title: str
    foot: str
    areas: tuple[str, ...]
    remaining_s: float
    playing: bool
    finished: bool
    total_s: int
    remaining_total_s: float


def step_index(value: object) -> int:
    """``value`` as a step index, or a ValueError: whole numbers only (ints, or floats such as
    ``3.0``), never bools, text, NaN or infinity."""
    if not isinstance(value, bool):
        try:
            return operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return int(value)
    raise ValueError(f"a step number must be a whole number, not {value!r}")


class RoutineSession:
    """Where a learner is in a routine: the current step, its countdown and the foot.

    All moves are forgiving: ``next()`` on the last step, ``prev()`` on the first or a
    jump out of range clamp instead of raising, and an empty routine is a valid (idle)
    session, because in a notebook a stray click must never end in a traceback.

    Timing is driven from outside by :meth:`tick` (the widget's ``Play`` timer, or a
    test), so no threads are needed and the logic is deterministic. While playing, a step
    whose countdown reaches zero hands over to the next one; the last step ends the play.
    """

    def __init__(self, routine: Routine, foot: str = "left") -> None:
        self.routine = routine
        self._foot = self._check_foot(foot)
        self.index = 0
        self.playing = False
        self.finished = False
        self.remaining_s: float = float(self._duration(0))

    # -- basics --------------------------------------------------------------------
    @staticmethod
    def _check_foot(foot: str) -> str:
        if foot not in FEET:
            raise ValueError(f"foot must be 'left' or 'right', not {foot!r}")
        return foot

    def _duration(self, index: int) -> int:
        if not self.routine.steps:
            return 0
        return max(0, int(self.routine.steps[index].duration_s))

    @property
    def count(self) -> int:
        """Number of steps."""
        return len(self.routine.steps)

    @property
    def empty(self) -> bool:
        return self.count == 0

    @property
    def step(self) -> Step | None:
        """The current step (``None`` for an empty routine)."""
        return self.routine.steps[self.index] if self.routine.steps else None

    @property
    def number(self) -> int:
        """1-based number of the current step (0 when there are no steps)."""
        return self.index + 1 if self.routine.steps else 0

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.empty or self.index == self.count - 1

    # -- foot -------------------------------------------------------------------------
    @property
    def foot(self) -> str:
        """The foot the learner chose to work on (``'left'`` or ``'right'``)."""
        return self._foot

    @foot.setter
    def foot(self, value: str) -> None:
        self._foot = self._check_foot(value)

    def switch_foot(self) -> str:
        """Swap to the other foot and return it."""
        self._foot = "right" if self._foot == "left" else "left"
        return self._foot

    @property
    def display_foot(self) -> str:
        """The foot to draw: a step meant for one particular foot wins over the choice."""
        step = self.step
        if step is not None and step.foot in FEET:
            return step.foot
        return self._foot

    # -- moving -------------------------------------------------------------------------
    def jump(self, index: int) -> bool:
        """Go to step ``index`` (0-based). Returns True if the step changed.

        A whole number out of range is clamped to the first or last step (a stray click
        never ends in a traceback); anything that is not a whole number (``2.5``, ``nan``,
        ``inf``, ``"3"``, ``True``) raises a ValueError that says so.
        """
        index = step_index(index)
        if self.empty:
            return False
        index = min(max(index, 0), self.count - 1)
        changed = index != self.index
        self.index = index
        self.remaining_s = float(self._duration(index))
        self.finished = False
        return changed

    def next(self) -> bool:
        """Go to the next step; on the last step nothing happens. True if it moved."""
        return self.jump(self.index + 1) if not self.at_end else False

    def prev(self) -> bool:
        """Go to the previous step; on the first nothing happens. True if it moved."""
        return self.jump(self.index - 1) if not self.at_start else False

    def restart(self) -> None:
        """Back to step 1, paused, full countdown."""
        self.playing = False
        self.finished = False
        self.index = 0
        self.remaining_s = float(self._duration(0))

    # -- timing -------------------------------------------------------------------------
    def play(self) -> bool:
        """Start (or resume) the countdown. After the end, playing starts again from step 1."""
        if self.empty:
            self.playing = False
            return False
        if self.finished:
            self.restart()
        self.playing = True
        return True

    def pause(self) -> None:
        self.playing = False

    def toggle(self) -> bool:
        """Play if paused, pause if playing; returns the new playing state."""
        if self.playing:
            self.pause()
        else:
            self.play()
        return self.playing

    def tick(self, seconds: float = 1.0) -> bool:
        """Let ``seconds`` pass. Returns True if the step changed (or the routine finished).

        Only counts down while playing. Leftover time carries into the next step, so a
        late timer (a busy browser) does not stretch the session; zero-length steps are
        passed straight through.
        """
        if not self.playing or self.empty:
            return False
        try:
            seconds = float(seconds)
        except (TypeError, ValueError):
            return False
        if not math.isfinite(seconds) or seconds <= 0:
            return False
        changed = False
        self.remaining_s -= seconds
        while self.remaining_s <= 1e-9:
            if self.at_end:
                self.remaining_s = 0.0
                self.playing = False
                self.finished = True
                return True
            leftover = -self.remaining_s
            self.index += 1
            self.remaining_s = float(self._duration(self.index)) - leftover
            changed = True
        return changed

    # -- time left -------------------------------------------------------------------------
    @property
    def total_s(self) -> int:
        return self.routine.total_s

    @property
    def remaining_total_s(self) -> float:
        """The current step's countdown plus every later step."""
        if self.empty:
            return 0.0
        later = sum(self._duration(i) for i in range(self.index + 1, self.count))
        return max(0.0, self.remaining_s) + later

    @property
    def progress(self) -> float:
        """Share of the routine's time already done, 0–1."""
        total = self.total_s
        return 1.0 if total == 0 else min(1.0, max(0.0, 1 - self.remaining_total_s / total))

    def state(self) -> SessionState:
        step = self.step
        return SessionState(
            index=self.index,
            number=self.number,
            count=self.count,
            title=step.title if step else "",
            foot=self.display_foot,
            areas=step.areas if step else (),
            remaining_s=self.remaining_s,
            playing=self.playing,
            finished=self.finished,
            total_s=self.total_s,
            remaining_total_s=self.remaining_total_s,
        )


def _area_words(course: Course) -> tuple[dict[str, str], dict[str, str]]:
    """Region id -> its label in lower case, zone id -> its body part.

    Why: step tables are read by learners, who should see "inner edge of the sole", not
    ``medial-edge``. Leg regions have no row in regions.csv and read well with spaces.
    """
    regions: dict[str, str] = {}
    if "regions" in course:
        frame = course["regions"]
        for rid, label in zip(frame["id"].tolist(), frame["label"].tolist(), strict=True):
            text = str(label)
            regions[str(rid)] = text[:1].lower() + text[1:] if text[1:2].islower() else text
    zones: dict[str, str] = {}
    if "zones" in course:
        frame = course["zones"]
        zones = {str(z): str(b) for z, b in zip(frame["id"].tolist(), frame["body_part"].tolist(), strict=True)}
    return regions, zones


def _areas_text(step: Step) -> str:
    """The areas of a step in plain words: regions, then the chart zones it names."""
    regions = step.area_names or step.regions
    zones = step.zone_names or step.zones
    text = ", ".join(regions)
    if zones:
        text += ("; " if text else "") + "chart zones: " + ", ".join(zones)
    return text


def session(course: Course, routine_id: str, foot: str = "left") -> RoutineSession:
    """Convenience: a :class:`RoutineSession` for ``routine_id`` of ``course``."""
    return RoutineSession(load_routine(course, routine_id), foot=foot)


def steps_frame(routine: Routine, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A routine's steps as a table for reading (step, title, what to do, technique, areas, dose…).

    ``areas`` is in plain words ("inner edge of the sole; chart zones: sacrum"), and the
    ``instruction`` column says what to do, so a lesson read without a kernel still teaches
    the step; ask for the columns you want with ``columns``.
    """
    rows = [
        {
            "step": s.number,
            "title": s.title,
            "instruction": s.instruction,
            "technique": s.technique_name or s.technique,
            "areas": _areas_text(s),
            "foot": s.foot,
            "direction": s.direction,
            "dose": s.dose(),
            "pressure": s.pressure,
            "caution": s.caution,
        }
        for s in routine.steps
    ]
    frame = pd.DataFrame(rows)
    if columns is not None:
        frame = frame[list(columns)]
    return frame


__all__ = [
    "Routine",
    "RoutineSession",
    "SessionState",
    "Step",
    "format_duration",
    "load_routine",
    "parse_path",
    "routine_ids",
    "routine_summary",
    "session",
    "steps_frame",
]


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "routine_steps": (check_routine_steps,),
}
