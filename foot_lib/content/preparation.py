"""Getting ready for a massage: the preparation checklist, session lengths and the oil calculator.

Everything the lesson teaches comes from two tables: ``preparation.csv`` (advice by topic,
with each source's session length for the timing rows) and ``oil_recipe.csv`` (S002.19's
home-made oil, amounts for one *batch* = one session on two feet). This module only reshapes
them, so a teacher who edits a CSV changes the lesson.

Why a calculator: the recipe mixes teaspoons of oil with drops of essential oil. Scaling it
by hand for one foot or a week of sessions is where people go wrong, and essential oils are
the part that must not be overdosed. So drops are rounded to whole drops and capped by each
ingredient's ``max_percent`` (a gentle dilution), and every amount is also shown in ml.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from ..data.loading import Checks

if TYPE_CHECKING:  # pragma: no cover

    from ..data.loading import Course

ML_PER_TSP = 5.0
"""A level teaspoon holds about 5 ml (the usual kitchen and pharmacy convention)."""

ML_PER_DROP = 0.05
"""A drop from an essential-oil dropper is about 0.05 ml (20 drops per ml), the figure
aromatherapy dilution tables use."""

FEET_PER_BATCH = 2
"""One batch of ``oil_recipe.csv`` is one session on two feet (S002.19: about 2 tsp per foot).
This defines the table's unit, like ``ML_PER_TSP``; the amounts themselves stay in the data."""

TOPIC_ORDER = ("room", "position", "hygiene", "hands", "oil", "timing", "aftercare")
"""The order a checklist follows: set up the room, sit, wash, warm the hands, oil, massage, rest."""


def _whole_number(value: object, name: str) -> int:
    """``value`` as a positive int; a clear ValueError otherwise (bools and floats refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of 1 or more, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    return value


def _round_half_up(x: float) -> int:
    """Round to the nearest whole drop, halves upwards (Python's round() sends 2.5 to 2)."""
    return math.floor(x + 0.5 + 1e-9)


def scale_oil_recipe(course: Course, feet: int = 2, sessions: int = 1) -> pd.DataFrame:
    """S002.19's massage oil scaled to ``feet`` feet and ``sessions`` sessions.

    Oils (teaspoons) scale in proportion: the recipe gives about 2 tsp per foot. Essential
    oils (drops) scale too, are rounded to whole drops (at least one while any is called
    for) and then capped so they stay at or under the row's ``max_percent`` of the oil in
    the mix. The result has one row per ingredient: ``ingredient``, ``role``, ``amount``,
    ``unit``, ``ml``, ``percent`` (share of the mix by volume), ``alternatives``, ``capped``
    (True when the dilution limit lowered the drops) and ``note``. ``frame.attrs`` holds
    ``total_ml``, ``feet`` and ``sessions``.
    """
    feet = _whole_number(feet, "feet")
    sessions = _whole_number(sessions, "sessions")
    recipe = course["oil_recipe"]
    factor = feet * sessions / FEET_PER_BATCH

    rows = []
    for rec in recipe.to_dict("records"):
        amount = float(rec["amount"]) * factor
        rows.append({**rec, "scaled": amount})
    oil_ml = sum(r["scaled"] * ML_PER_TSP for r in rows if r["unit"] == "tsp")

    out = []
    for r in rows:
        capped = False
        if r["unit"] == "drops":
            drops = _round_half_up(r["scaled"])
            if r["scaled"] > 0:
                drops = max(drops, 1)
            limit = r.get("max_percent")
            if limit is not None and not pd.isna(limit):
                most = math.floor(oil_ml * float(limit) / 100 / ML_PER_DROP + 1e-9)
                if drops > most:
                    drops, capped = most, True
            amount = float(drops)
            ml = drops * ML_PER_DROP
        else:
            amount = round(r["scaled"], 2)
            ml = amount * ML_PER_TSP
        out.append(
            {
                "ingredient": r["ingredient"],
                "role": r["role"],
                "amount": amount,
                "unit": r["unit"],
                "ml": round(ml, 2),
                "alternatives": ", ".join(r["alternatives"] or ()),
                "capped": capped,
                "note": r["note"],
            }
        )
    frame = pd.DataFrame(out)
    total = float(frame["ml"].sum())
    frame.insert(5, "percent", [round(100 * m / total, 1) if total else 0.0 for m in frame["ml"]])
    frame.attrs.update({"total_ml": round(total, 2), "feet": feet, "sessions": sessions})
    return frame


def oil_summary(frame: pd.DataFrame) -> str:
    """One sentence about a scaled recipe: how much it makes and what it is for."""
    total = frame.attrs.get("total_ml", float(frame["ml"].sum()))
    feet, sessions = frame.attrs.get("feet"), frame.attrs.get("sessions")
    feet_words = "1 foot" if feet == 1 else f"{feet} feet"
    session_words = "1 session" if sessions == 1 else f"{sessions} sessions"
    text = f"Makes about {total:.0f} ml (about {total / ML_PER_TSP:.0f} tsp): enough for {feet_words}, {session_words}."
    if frame["capped"].any():
        names = ", ".join(frame.loc[frame["capped"], "ingredient"])
        text += f" Drops of {names} were lowered to keep the dilution gentle."
    return text


def _upper(recipe: pd.DataFrame) -> list[float | None]:
    """The ``amount_max`` column, or no upper figures for an older copy of the data without it."""
    return recipe["amount_max"].tolist() if "amount_max" in recipe.columns else [None] * len(recipe)


def _amount_words(amount: float, upper: float | None) -> str:
    """``3``, or ``3 (article: 3–5)`` when the article gives a range the course starts low in.

    An amount a teacher raised above the article's figure is shown alone: the calculator and
    its dilution limit, not this label, decide what goes into the mix.
    """
    if upper is None or pd.isna(upper) or float(upper) <= float(amount):
        return f"{amount:g}"
    return f"{amount:g} (article: {amount:g}–{float(upper):g})"


def recipe_frame(course: Course) -> pd.DataFrame:
    """``oil_recipe.csv`` for reading: lists joined, empty limits blank, the limit shown with its % sign."""
    recipe = course["oil_recipe"]
    return pd.DataFrame(
        {
            "ingredient": recipe["ingredient"].tolist(),
            "role": recipe["role"].tolist(),
            "amount": [_amount_words(a, m) for a, m in zip(recipe["amount"], _upper(recipe), strict=True)],
            "unit": recipe["unit"].tolist(),
            "per": recipe["per"].tolist(),
            "or instead": [", ".join(a or ()) for a in recipe["alternatives"]],
            "dilution limit": ["" if pd.isna(m) else f"{m:g} %" for m in recipe["max_percent"]],
            "sources": ["; ".join(x) for x in recipe["source"]],
        }
    )


def preparation_checklist(course: Course, topics: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """The preparation advice as a numbered checklist, in the order a session unfolds.

    Rows are sorted by topic (room, position, hygiene, hands, oil, timing, aftercare) and
    keep the file's order within a topic. ``topics`` keeps only those topics. Columns:
    ``step``, ``topic``, ``advice``, ``sources`` (ids joined with '; ').
    """
    prep = course["preparation"].copy()
    if topics is not None:
        unknown = sorted(set(topics) - set(TOPIC_ORDER))
        if unknown:
            raise ValueError(f"unknown topic(s) {', '.join(unknown)}; choose from {', '.join(TOPIC_ORDER)}")
        prep = prep[prep["topic"].isin(topics)]
    prep["_order"] = prep["topic"].map(TOPIC_ORDER.index)
    prep = prep.reset_index().sort_values(["_order", "index"], kind="stable")
    return pd.DataFrame(
        {
            "step": range(1, len(prep) + 1),
            "topic": prep["topic"].tolist(),
            "advice": prep["advice"].tolist(),
            "sources": ["; ".join(s) for s in prep["source"]],
        }
    )


def session_lengths(course: Course) -> pd.DataFrame:
    """The timing rows that give a session length, side by side (minutes for both feet).

    Columns: ``source``, ``advice``, ``from_min``, ``to_min``, ``how_often``. A missing
    figure stays empty (<NA>): "up to 30" has no lower bound, "at least 6" no upper one.
    """
    prep = course["preparation"]
    timed = prep[(prep["topic"] == "timing") & (prep["minutes_min"].notna() | prep["minutes_max"].notna())]
    return pd.DataFrame(
        {
            "source": ["; ".join(s) for s in timed["source"]],
            "advice": timed["advice"].tolist(),
            "from_min": timed["minutes_min"].tolist(),
            "to_min": timed["minutes_max"].tolist(),
            "how_often": ["" if v is None else v for v in timed["how_often"]],
        }
    ).astype({"from_min": "Int64", "to_min": "Int64"})


def check_oil_recipe(course: Course) -> None:
    """Essential oils are measured in drops with a dilution limit; oils in teaspoons."""
    recipe = course["oil_recipe"]
    for pos, row in enumerate(recipe.to_dict("records")):
        if row["role"] == "essential":
            if row["unit"] != "drops":
                raise course.error("oil_recipe", pos, "unit", "essential oils are measured in drops")
            if row["max_percent"] is None or pd.isna(row["max_percent"]):
                raise course.error(
                    "oil_recipe", pos, "max_percent", "an essential oil needs a dilution limit (e.g. 1 for 1 %)"
                )
        elif row["unit"] != "tsp":
            raise course.error("oil_recipe", pos, "unit", f"a {row['role']} oil is measured in tsp")
    if not (recipe["unit"] == "tsp").any():
        raise course.error("oil_recipe", 0, "unit", "the recipe needs at least one oil measured in tsp")


def check_preparation(course: Course) -> None:
    """Session lengths belong on timing rows, and a range must not run backwards."""
    prep = course["preparation"]
    for pos, row in enumerate(prep.to_dict("records")):
        lo, hi = row["minutes_min"], row["minutes_max"]
        has = [not pd.isna(v) for v in (lo, hi)]
        if any(has) and row["topic"] != "timing":
            raise course.error("preparation", pos, "minutes_min", "only timing rows give minutes")
        if all(has) and lo > hi:
            raise course.error("preparation", pos, "minutes_max", f"the range runs backwards ({lo} > {hi})")


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "oil_recipe": (check_oil_recipe,),
    "preparation": (check_preparation,),
}
