"""The legs lesson's helpers: the four kinds of leg massage, the leg routines' steps, and
where not to press.

Data: ``leg_massage_kinds.csv`` (S002.26's four kinds, each linked to the routine that
teaches it and to the claims made for it), ``leg_cautions.csv`` (no-press areas and
conditions, each linked to its row in ``contraindications.csv``), and the routines
tables. Drawing (the no-press chart too) lives in :mod:`foot_lib.drawing.leg_diagram`; the player is
:class:`foot_lib.widgets.player.RoutinePlayer`. This module only selects and reshapes, so a
teacher who edits a CSV changes the lesson.

Why a separate cautions table: the safety table says *when* to adapt; the leg needs *where*.
Rows marked ``always`` are anatomy (large vessels just under the skin of the inner upper
thigh and behind the knee) and hold for every leg, so they are the ones drawn on the diagram.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..data.loading import Checks
from .routines import load_routine, steps_frame

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

AREA_NAMES = {
    "shin": "shin",
    "calf": "calf",
    "back-of-knee": "back of the knee",
    "knee": "knee",
    "thigh": "thigh",
    "inner-thigh": "inner upper thigh",
    "buttock": "buttock",
}
"""Readable names of the leg areas (the ids are those of the leg diagram)."""


_STEP_COLUMNS = ["step", "title", "instruction", "technique", "areas", "direction", "dose", "pressure", "caution"]


def _minutes(lo: Any, hi: Any) -> str:
    has_lo, has_hi = not pd.isna(lo), not pd.isna(hi)
    if has_lo and has_hi:
        return f"{int(lo)} min" if lo == hi else f"{int(lo)}–{int(hi)} min"
    if has_hi:
        return f"up to {int(hi)} min"
    if has_lo:
        return f"at least {int(lo)} min"
    return "—"


def leg_massage_kinds(course: Course) -> pd.DataFrame:
    """S002.26's four kinds of leg massage, side by side, with the routine that teaches each."""
    kinds = course["leg_massage_kinds"]
    titles = course["routines"].set_index("id")["title"]
    return pd.DataFrame(
        {
            "kind": kinds["kind"].tolist(),
            "who": kinds["who"].tolist(),
            "position": kinds["position"].tolist(),
            "how": kinds["how"].tolist(),
            "length": [_minutes(lo, hi) for lo, hi in zip(kinds["minutes_min"], kinds["minutes_max"], strict=True)],
            "used for (as the article says)": kinds["used_for"].tolist(),
            "routine in this course": [str(titles[r]) if r else "— (not taught)" for r in kinds["routine"]],
            "claims (see labels)": [", ".join(c) if c else "—" for c in kinds["claims"]],
        }
    )


def leg_kind_claims(course: Course) -> pd.DataFrame:
    """The claims rows (claims.csv columns) attached to the kinds of leg massage, first mention first."""
    ids: list[str] = []
    for cell in course["leg_massage_kinds"]["claims"]:
        for cid in cell:
            if cid not in ids:
                ids.append(cid)
    return course["claims"].set_index("id").loc[ids].reset_index()


def leg_routine_ids(course: Course) -> list[str]:
    """Ids of the routines of kind ``leg``, in file order."""
    routines = course["routines"]
    return routines.loc[routines["kind"] == "leg", "id"].tolist()


def leg_routine_steps(course: Course, routine_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every step of the leg routines (or of ``routine_ids``) in one table, routine by routine.

    Columns: ``routine`` (its title), ``step``, ``title``, ``technique``, ``areas``,
    ``direction``, ``dose``, ``pressure``, ``caution``.
    """
    ids = list(routine_ids) if routine_ids is not None else leg_routine_ids(course)
    frames = []
    for rid in ids:
        routine = load_routine(course, rid)
        frame = steps_frame(routine, _STEP_COLUMNS)
        frame.insert(0, "routine", routine.title)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["routine", *_STEP_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def leg_cautions(course: Course, *, always: bool | None = None) -> pd.DataFrame:
    """Where not to press and when not to massage the leg, with the safety table's severity.

    ``always=True`` keeps the anatomical rules that hold for every leg, ``False`` the ones
    that depend on a condition, ``None`` (default) all. Columns: ``where``, ``rule``, ``why``,
    ``what to do``, ``applies``, ``severity`` (from contraindications.csv), ``sources``.
    """
    cautions = course["leg_cautions"]
    if always is not None:
        cautions = cautions[cautions["always"] == always]
    severity = course["contraindications"].set_index("id")["severity"]
    return pd.DataFrame(
        {
            "where": [", ".join(AREA_NAMES[a] for a in cell) or "wherever it shows" for cell in cautions["areas"]],
            "rule": cautions["rule"].tolist(),
            "why": cautions["why"].tolist(),
            "what to do": cautions["what_to_do"].tolist(),
            "applies": ["every leg" if a else "only when present" for a in cautions["always"]],
            "severity": [str(severity[c]) for c in cautions["contraindication"]],
            "sources": ["; ".join(s) for s in cautions["source"]],
        }
    )


def no_press_areas(course: Course) -> list[str]:
    """Leg-diagram area ids where only light strokes are allowed on every leg (``always`` rows)."""
    cautions = course["leg_cautions"]
    areas: list[str] = []
    for cell in cautions.loc[cautions["always"], "areas"]:
        for a in cell:
            if a not in areas:
                areas.append(a)
    return areas


def check_leg_massage_kinds(course: Course) -> None:
    """A length range must not run backwards."""
    kinds = course["leg_massage_kinds"]
    for pos, row in enumerate(kinds.to_dict("records")):
        lo, hi = row["minutes_min"], row["minutes_max"]
        if not pd.isna(lo) and not pd.isna(hi) and lo > hi:
            raise course.error("leg_massage_kinds", pos, "minutes_max", f"the range runs backwards ({lo} > {hi})")


def check_leg_cautions(course: Course) -> None:
    """A caution linked to a stop-and-refer condition must say 'do not massage', never a softer rule."""
    cautions = course["leg_cautions"]
    severity = course["contraindications"].set_index("id")["severity"]
    for pos, row in enumerate(cautions.to_dict("records")):
        if severity.get(row["contraindication"]) == "stop_refer" and not row["rule"].lower().startswith("do not"):
            raise course.error(
                "leg_cautions",
                pos,
                "rule",
                f"{row['contraindication']!r} is a stop-and-refer condition, so the rule must start with 'do not'",
            )


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "leg_massage_kinds": (check_leg_massage_kinds,),
    "leg_cautions": (check_leg_cautions,),
}
