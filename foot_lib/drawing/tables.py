"""Tables for reading: DataFrames rendered as stable, index-free pandas Stylers.

Presentation, so it lives above the content layer: content functions return plain
DataFrames, and these helpers style them for lessons and widgets. The HTML is identical
between runs (fixed uuid), which keeps the stored notebook outputs stable for nbval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..content.tables import learner_table

if TYPE_CHECKING:  # pragma: no cover
    from ..content.table_style import LearnerTable


def table(frame: pd.DataFrame, caption: str | None = None) -> Any:
    """A DataFrame as a table for people (:func:`foot_lib.content.tables.learner_table`):
    readable headers and cells, no index numbers, wrapped, left-aligned, stable HTML."""
    return learner_table(frame, caption)


def oil_table(frame: pd.DataFrame, columns: list[str] | None = None, caption: str | None = None) -> LearnerTable:
    """A scaled recipe (from :func:`scale_oil_recipe`) as a readable, stable table.

    Numbers lose trailing zeros (``2``, ``0.15``), ``capped`` reads yes/no, ``percent`` is
    headed "% of mix" (all by the learner-table helper). Used by the lesson and the calculator.
    """
    shown = frame[columns] if columns is not None else frame
    return learner_table(shown.rename(columns={"percent": "% of mix"}), caption)
