"""Self-care beyond massage: choose everyday foot practices that fit the time a person has.

The practices, their minutes, their order of priority and how each suits someone with
diabetes live in ``self_care.csv``; claims attached to a practice are labelled from
``claims.csv``. The planner is deliberately simple and predictable — habits that cost no
time first, then practices in priority order while minutes remain — so a learner can
follow why each practice is in or out, and a teacher can change the plan by editing the
priority column.

Why the diabetes switch: with diabetes, feeling in the feet can fade, so a cut from a stone
or a spike may go unnoticed and become an ulcer. Practices rated ``avoid`` (barefoot walking,
spiked mats...) are then left out, with the reason taken from the row's caution.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from ..data.loading import Checks

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_DIABETES_WORDS = re.compile(r"diabet|numb", re.I)


def diabetes_reason(caution: str) -> str:
    """The sentences of a caution that speak about diabetes or numb feet (all of it if none)."""
    parts = [s for s in _SENTENCE.split(caution.strip()) if _DIABETES_WORDS.search(s)]
    return " ".join(parts) if parts else caution.strip()


def practice_evidence(course: Course, practice_id: str) -> tuple[str, str]:
    """``(label, what is known)`` for a practice, or ``("", "")`` when it makes no health claim.

    A practice linked to a claim takes the claim's label from ``claims.csv``; a practice that
    research tested directly carries its own ``evidence`` and ``evidence_note``.
    """
    row = course.row("self_care", practice_id)
    claim = row["claim"]
    if claim:
        c = course.row("claims", claim)
        return str(c["evidence"]), str(c["what_is_known"])
    if row["evidence"]:
        return str(row["evidence"]), str(row["evidence_note"])
    return "", ""


def self_care_table(course: Course, ids: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """The practices (all, or those in ``ids``, in that order) with their evidence label, for reading."""
    care = course["self_care"]
    if ids is not None:
        missing = [i for i in ids if i not in set(care["id"])]
        if missing:
            raise KeyError(f"no self_care practice {', '.join(missing)}; known: {', '.join(care['id'])}")
        care = care.set_index("id").loc[list(ids)].reset_index()
    labels = [practice_evidence(course, pid)[0] for pid in care["id"]]
    return pd.DataFrame(
        {
            "practice": care["practice"].tolist(),
            "how": care["how"].tolist(),
            "how often": care["how_often"].tolist(),
            "minutes": care["minutes"].tolist(),
            "caution": care["caution"].tolist(),
            "evidence for its claim": [lab or "—" for lab in labels],
            "sources": ["; ".join(s) for s in care["source"]],
        }
    )


def evidence_frame(course: Course) -> pd.DataFrame:
    """The practices that carry an evidence label, in the shape :func:`foot_lib.evidence_table` reads.

    Columns: ``practice``, ``claim`` (the claim's text, or what the practice is tested for),
    ``evidence``, ``what_is_known``, ``citations`` (tuple of sources.csv ids) and ``source``.
    Claims come from ``claims.csv``; practices tested directly use their own columns.
    """
    rows = []
    for rec in course["self_care"].to_dict("records"):
        if rec["claim"]:
            c = course.row("claims", rec["claim"])
            rows.append(
                {
                    "practice": rec["practice"],
                    "claim": c["claim"],
                    "evidence": c["evidence"],
                    "what_is_known": c["what_is_known"],
                    "citations": tuple(c["citations"]),
                    "source": tuple(c["source"]),
                }
            )
        elif rec["evidence"]:
            refs = tuple(s for s in rec["source"] if not re.match(r"^S00\d\.\d+$", s))
            rows.append(
                {
                    "practice": rec["practice"],
                    "claim": rec["tested_for"],
                    "evidence": rec["evidence"],
                    "what_is_known": rec["evidence_note"],
                    "citations": refs,
                    "source": tuple(rec["source"]),
                }
            )
    return pd.DataFrame(rows, columns=["practice", "claim", "evidence", "what_is_known", "citations", "source"])


def self_care_plan(course: Course, minutes_per_day: int, *, diabetes: bool = False) -> pd.DataFrame:
    """A daily self-care plan that fits ``minutes_per_day``.

    Habits that take no extra time (``minutes`` 0) are always in. Then practices are taken
    in ``priority`` order, each one only if its minutes still fit; a practice that does not
    fit is skipped and the next, shorter one may still be chosen. With ``diabetes=True``,
    practices rated ``avoid`` are left out and ``adapt`` ones keep their caution.

    Returns one row per practice: first the plan (``status`` "in plan"), then the ones left
    out ("left out") with the reason in ``why``. Columns: ``status``, ``practice``,
    ``minutes``, ``how``, ``how_often``, ``caution``, ``evidence``, ``why``, ``sources``.
    ``frame.attrs["minutes_used"]`` is the total of the plan.
    """
    if isinstance(minutes_per_day, bool) or not isinstance(minutes_per_day, int):
        raise ValueError(f"minutes_per_day must be a whole number of minutes, got {minutes_per_day!r}")
    if minutes_per_day < 0:
        raise ValueError(f"minutes_per_day cannot be negative, got {minutes_per_day}")
    care = course["self_care"].reset_index(drop=True)
    order = care.assign(_pos=range(len(care))).sort_values(["priority", "_pos"], kind="stable")

    left = minutes_per_day
    chosen: list[dict[str, object]] = []
    dropped: list[dict[str, object]] = []
    for row in order.to_dict("records"):
        label, _ = practice_evidence(course, row["id"])
        entry = {
            "practice": row["practice"],
            "minutes": int(row["minutes"]),
            "how": row["how"],
            "how_often": row["how_often"],
            "caution": row["caution"],
            "evidence": label,
            "sources": "; ".join(row["source"]),
        }
        if diabetes and row["diabetes"] == "avoid":
            dropped.append({**entry, "status": "left out", "why": "diabetes: " + diabetes_reason(row["caution"])})
            continue
        minutes = int(row["minutes"])
        if minutes > left:
            dropped.append({**entry, "status": "left out", "why": f"needs {minutes} min; {left} min left today"})
            continue
        left -= minutes
        why = "a habit: no extra time" if minutes == 0 else f"priority {int(row['priority'])}"
        if diabetes and row["diabetes"] == "adapt":
            why += "; adapted for diabetes: " + diabetes_reason(row["caution"])
        chosen.append({**entry, "status": "in plan", "why": why})

    columns = ["status", "practice", "minutes", "how", "how_often", "caution", "evidence", "why", "sources"]
    frame = pd.DataFrame(chosen + dropped, columns=columns)
    frame["minutes"] = frame["minutes"].astype("Int64")
    frame.attrs["minutes_used"] = minutes_per_day - left
    frame.attrs["minutes_per_day"] = minutes_per_day
    frame.attrs["diabetes"] = diabetes
    return frame


def check_self_care(course: Course) -> None:
    """Evidence comes from one place only, and every 'avoid' row says why for diabetes."""
    care = course["self_care"]
    for pos, row in enumerate(care.to_dict("records")):
        if row["claim"] and row["evidence"]:
            raise course.error(
                "self_care", pos, "evidence", "fill either 'claim' (its label comes from claims.csv) or 'evidence'"
            )
        if row["evidence"] and not row["evidence_note"]:
            raise course.error("self_care", pos, "evidence_note", "an evidence label needs a note on what is known")
        if row["evidence"] and not row["tested_for"]:
            raise course.error("self_care", pos, "tested_for", "an evidence label needs the claim it was tested for")
        if row["diabetes"] == "avoid" and not _DIABETES_WORDS.search(row["caution"]):
            raise course.error(
                "self_care", pos, "caution", "a practice to avoid with diabetes must say why in its caution"
            )


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "self_care": (check_self_care,),
}
