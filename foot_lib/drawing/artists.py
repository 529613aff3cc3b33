"""What the draw pass puts on a chart besides the areas: call-out discs, the legend beside
(or under) each foot, and the body-system legend.

Everything here draws what the layout pass (:mod:`.layout`, :mod:`.labels`) decided; nothing
here measures or moves anything.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure

from .chart import Chart, _add, _closed_path, _outline, _rgba, _TextBatch
from .layout import Layout, legend_lines, wrap
from .style import UNCOLOURED


def draw_callouts(chart: Chart, texts: _TextBatch, radius: float, st: Any) -> None:
    """White numbered discs (and short leaders for discs outside small areas)."""
    if not chart.callouts:
        return
    a = np.linspace(0, 2 * np.pi, 28, endpoint=False)
    ring = radius * np.column_stack([np.cos(a), np.sin(a)])
    discs = [_closed_path(ring + np.array(c.xy)) for c in chart.callouts]
    _add(chart, PathCollection(discs, facecolors="white", edgecolors="#111111", linewidths=0.8 * st.scale,
                               zorder=7.15))
    leaders = [(c.xy, c.anchor) for c in chart.callouts if c.leader]
    if leaders:
        _add(chart, LineCollection(leaders, colors="#111111", linewidths=0.8, zorder=7.1))
    for c in chart.callouts:
        texts.add(c.xy[0], c.xy[1], str(c.number), st.size("callout"), ha="center", va="center",
                  weight="bold", color="#000000")


def foot_legends(chart: Chart, texts: _TextBatch, lay: Layout, st: Any) -> None:
    """Each foot's numbers and names, toes to heel: beside the foot, or under it in side views."""
    fig = chart.figure
    W, H = lay.figsize
    size = st.size("legend")
    line = 1.3 * size / 72 / H
    num_w = 1.9 * size / 72 / W
    box_top = lay.box[1] + lay.box[3]
    for foot in chart.feet:
        entries = chart.legend_entries(foot)
        if not entries:
            continue
        ext = np.vstack(_outline(chart.shape, chart.view, foot, "skin")[0])
        lo, hi = (chart.transData.transform(np.array([[ext[:, 0].min(), 0.0], [ext[:, 0].max(), 0.0]]))[:, 0]
                  / (W * fig.dpi))
        if lay.legend_below:
            # two sub-columns under the foot, filled top to bottom then left to right
            half = -(-legend_lines([t for _, t in entries]) // 2)
            columns = [lo, lo + max((hi - lo) / 2, lay.legend_width / W)]
            y0 = lay.box[1] - 0.2 * size / 72 / H
            col, y, used = 0, y0, 0
        else:
            n_lines = legend_lines([t for _, t in entries])
            # the column starts just outside the foot's own outline, not at the drawing box's edge
            x = lo - 0.15 / W - lay.legend_width / W if foot == "left" else hi + 0.15 / W
            y = min(box_top - 0.02, lay.box[1] + lay.box[3] / 2 + n_lines * line / 2)
        for number, text in entries:
            wrapped = wrap(text)
            if lay.legend_below:
                if used and used + len(wrapped) > half and col == 0:
                    col, y, used = 1, y0, 0
                x = columns[col]
                used += len(wrapped)
            texts.add(x + num_w * 0.45, y, str(number), size, ha="center", va="center", weight="bold",
                      figure_coords=True)
            for k, t in enumerate(wrapped):
                texts.add(x + num_w, y - k * line, t, size, ha="left", va="center", figure_coords=True)
            y -= line * len(wrapped)


def system_legend(fig: Figure, systems: dict, areas: list, color_by: Any, st: Any, texts: _TextBatch,
                   bottom: float, ncol: int, alpha: float) -> None:
    """Under the feet: a swatch (colour, and hatch when printing) and a label per body system."""
    used = list(dict.fromkeys(a.system for a in areas))
    entries = [(sid, info) for sid, info in systems.items() if sid in used]
    if not entries:
        return
    ncol = min(ncol, len(entries))
    w, h = fig.get_size_inches()
    row_h = 0.27 * st.scale / h
    sw, sh = 0.3 * st.scale / w, 0.16 * st.scale / h
    col_w = 0.95 / ncol
    swatches, colours, hatch_of = [], [], []
    for k, (_sid, info) in enumerate(entries):
        col, row = k % ncol, k // ncol
        x = 0.03 + col * col_w
        y = bottom - 0.09 / h - row * row_h
        swatches.append([(x, y - sh / 2), (x + sw, y - sh / 2), (x + sw, y + sh / 2), (x, y + sh / 2)])
        colours.append(info["colour"] if color_by else UNCOLOURED)
        hatch_of.append(info["hatch"] if (color_by and st.hatches) else "")
        texts.add(x + sw + 0.008, y, info["label"], st.size("system"), figure_coords=True)
    for hatch in dict.fromkeys(hatch_of):
        chosen = [k for k, hh in enumerate(hatch_of) if hh == hatch]
        rgba = _rgba([colours[k] for k in chosen])
        rgba[:, 3] = alpha
        coll = PolyCollection([swatches[k] for k in chosen], facecolors=rgba, edgecolors=st.area_edge,
                              linewidths=st.area_edge_width)
        if hatch:
            coll.set_hatch(hatch)
        _add((fig, fig.transFigure), coll)
