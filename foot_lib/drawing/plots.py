"""Small data plots for lessons (matplotlib, drawn from content-layer DataFrames)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from ..content.preparation import session_lengths

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course


def plot_session_lengths(course: Course) -> Figure:
    """A range chart of :func:`session_lengths`: one bar per source, from its lowest to highest figure.

    "Up to" figures are drawn from zero with a hatched bar, "at least" figures as a bar with
    an arrow head; the words are printed on the bars, so the chart reads without colour.
    """
    data = session_lengths(course)
    fig = Figure(figsize=(7.5, 0.6 + 0.55 * len(data)))
    ax = fig.add_subplot()
    top = max([int(v) for v in data["to_min"].dropna()] + [int(v) for v in data["from_min"].dropna()] + [10])
    for i, row in enumerate(data.itertuples()):
        lo = None if pd.isna(row.from_min) else int(row.from_min)
        hi = None if pd.isna(row.to_min) else int(row.to_min)
        if lo is not None and hi is not None:
            width = max(hi - lo, 0.4)
            ax.barh(i, width, left=lo - (0.2 if hi == lo else 0), color="#0072B2", height=0.5)
            label = f"{lo} min" if lo == hi else f"{lo}–{hi} min"
        elif hi is not None:
            ax.barh(i, hi, left=0, color="#E69F00", hatch="//", edgecolor="#5c4500", height=0.5)
            label = f"up to {hi} min"
        else:
            assert lo is not None
            ax.barh(i, lo, left=0, color="#009E73", height=0.5)
            ax.annotate("", xy=(lo + 4, i), xytext=(lo, i), arrowprops={"arrowstyle": "->", "color": "#009E73"})
            label = f"at least {lo} min"
        ax.text(top * 1.02, i, label, va="center", fontsize=9)
    ax.set_yticks(range(len(data)), data["source"].tolist())
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("minutes for a whole session (both feet)")
    ax.set_title("How long? The sources disagree")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
