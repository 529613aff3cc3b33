"""The chart's one layout pass: figure size, drawing box, limits and legend columns.

Decided before anything is drawn, from the feet's outlines and the names the legends will
hold (measured in points), so the drawing pass never has to move what it placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..geometry.foot_shape import SIDE_VIEWS, TOP_VIEWS, FootShape
from . import chart_store

_WIDTHS = chart_store.WIDTHS


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Ink width of ``text`` in points (cached, like the glyph outlines; draw_chart loads the
    widths a previous process stored before its layout pass)."""
    key = (text, size, weight)
    if key not in _WIDTHS:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextPath

        v = TextPath((0, 0), text or " ", prop=FontProperties(size=size, weight=weight)).vertices
        _WIDTHS[key] = float(v[:, 0].max() - v[:, 0].min()) if len(v) else 0.0
    return _WIDTHS[key]


@lru_cache(maxsize=2048)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    import textwrap

    if len(text) <= width:
        return (text,)
    return tuple(textwrap.wrap(text, width, break_long_words=False)) or (text,)


def wrap(text: str, width: int = 22) -> list[str]:
    """Split a long legend name at ' / ' or spaces into lines of about ``width`` characters."""
    return list(_wrapped(text, width))


@dataclass
class Layout:
    """Everything the one layout pass decides before anything is drawn."""

    figsize: tuple[float, float]
    box: tuple[float, float, float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    legend_width: float  # inches of one foot's legend column (beside the foot) or sub-column (below)
    legend_below: bool  # side views: each foot's legend under it, in two sub-columns
    bottom_legend: float  # figure fraction reserved under everything for the body-system legend


def figure_width(feet: tuple[str, ...], figsize: tuple[float, float] | None) -> float:
    """The chart's width in inches: ``figsize``'s, or the default for one foot or two."""
    return float(figsize[0]) if figsize is not None else (10.0 if len(feet) == 2 else 6.5)


def system_legend_columns(labels: list[str], style: Any, width: float, most: int) -> int:
    """How many columns of the body-system legend fit across ``width`` inches (at most ``most``).

    Each column holds a swatch, a gap and its label; the widest label decides. Why measured:
    with large text (the presenter) four fixed columns let long names ("Nervous system &
    brain") run under the next column's swatch.
    """
    if not labels:
        return most
    size = style.size("system")
    need = 0.3 * style.scale + 0.008 * width + max(text_width(t, size) for t in labels) / 72 + 0.15
    return max(1, min(most, int(0.95 * width // need)))


def legend_lines(entries: list[str]) -> int:
    return sum(len(wrap(e)) for e in entries)


def layout(shape: FootShape, view: str, feet: tuple[str, ...], *, outlines: dict[str, np.ndarray],
           names: dict[str, list[str]], figsize: tuple[float, float] | None, title: bool, legend_rows: int,
           style: Any, guidelines: bool, reserve: float = 0.0) -> Layout:
    """Figure size, drawing box and limits: feet in the middle, each foot's legend beside it
    (sole and top views) or under it (side views, whose feet are long and low).

    ``outlines``: each foot's outline points in chart coordinates (the chart's cached ones).
    """
    ext = np.vstack([outlines[f] for f in feet])
    (xmin, ymin), (xmax, ymax) = ext.min(axis=0), ext.max(axis=0)
    L = shape.length
    pad_x = 0.04 * L + (0.25 * L if guidelines and view == "plantar" and len(feet) == 1 else 0.0)
    pad_y = 0.03 * L if view in TOP_VIEWS else 0.05 * L
    xlim, ylim = (xmin - pad_x, xmax + pad_x), (ymin - pad_y - 0.05 * L, ymax + pad_y)
    size = style.size("legend")
    line_in = 1.3 * size / 72
    col_w = 0.0
    for foot in feet:
        for name in names.get(foot, []):
            for line in wrap(name):
                col_w = max(col_w, (text_width(line, size) + 2.4 * size) / 72)
    col_w = col_w + 0.1 if col_w else 0.0
    below = view in SIDE_VIEWS and bool(col_w)
    n_lines = max((legend_lines(names.get(f, [])) for f in feet), default=0)
    top_in = 0.45 * style.scale if title else 0.1
    sys_in = (legend_rows * 0.27 * style.scale + 0.3 if legend_rows else 0.1) + reserve
    below_in = ((n_lines + 1) // 2 * line_in + 0.25) if below else 0.0
    side_w = 0.0 if below else len(feet) * col_w
    data_w, data_h = xlim[1] - xlim[0], ylim[1] - ylim[0]
    if figsize is None:
        width = figure_width(feet, None)
        draw_w = width - side_w - 0.3
        # a lone foot is tall and narrow: keep it to a screen's height rather than the full width
        draw_h = min(draw_w * data_h / data_w, 7.0 if len(feet) == 1 else 9.0)
        draw_h = max(draw_h, 0.0 if below else n_lines * line_in + 0.2)
        # whole quarter inches: exact in binary, so the image is a whole number of pixels at
        # any usual dpi and pixel <-> chart mappings need no rounding guesses
        height = min(max(draw_h + top_in + sys_in + below_in, 3.5), 12.0)
        figsize = (width, float(np.ceil(height * 4) / 4))
    W, H = figsize
    avail_w = max(W - side_w - 0.3, 0.3 * W)
    avail_h = max(H - top_in - sys_in - below_in, 0.3 * H)
    # equal scale in x and y: the drawing box keeps the data's aspect, centred between the legends
    scale = min(avail_w / data_w, avail_h / data_h)
    bw, bh = data_w * scale, data_h * scale
    left_in = 0.15 + (0.0 if below or feet == ("right",) else col_w) + (avail_w - bw) / 2
    bottom_in = sys_in + below_in + (avail_h - bh) / 2
    box = (left_in / W, bottom_in / H, bw / W, bh / H)
    return Layout(figsize=(W, H), box=box, xlim=xlim, ylim=ylim, legend_width=col_w, legend_below=below,
                   bottom_legend=sys_in / H)
