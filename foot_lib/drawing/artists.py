"""Artists of the draw pass: figure-level collections in chart coordinates, texts drawn as
cached glyph outlines, and what a chart adds besides its areas — call-out discs, the legend
beside (or under) each foot, and the body-system legend.

Everything here draws what the layout pass (:mod:`.layout`, :mod:`.labels`) decided; nothing
here measures or moves anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from . import chart_store
from .layout import Layout, legend_lines, wrap
from .style import UNCOLOURED

FontStyle = Literal["normal", "italic", "oblique"]


def add_artist(target: Any, artist: Any) -> Any:
    """Put ``artist`` on the chart's figure in chart (data) coordinates.

    Why figure-level artists and not an Axes: a chart has fixed limits, no ticks and no
    frame, and building an Axes (spines, tick machinery, clip paths) cost more than drawing
    all the zones. ``target`` is a chart (anything with ``figure`` and ``transData``) or a
    ``(figure, transform)`` pair.
    """
    fig, transform = (target.figure, target.transData) if hasattr(target, "transData") else target
    artist.set_transform(transform)
    fig.add_artist(artist)
    return artist



class ChartPicture(Artist):
    """Another chart drawn into ``rect`` (figure fraction: left, bottom, width, height) of this
    figure, as pixels made at the output's own resolution.

    Why: a routine's picture shows a second, smaller view below the main one. As an Axes image
    it cost a PNG round trip, an Axes and a resample to the output size — most of that
    figure's cost — and it was blurred by the scaling. Here the chart (whose figure is the
    size of ``rect``) is rendered at exactly the resolution being drawn (the screen's, or a
    PDF's image resolution), so every pixel lands as drawn.
    """

    def __init__(self, chart: Any, rect: tuple[float, float, float, float]) -> None:
        super().__init__()
        self.chart, self.rect = chart, rect
        self.set_zorder(0.5)

    def get_window_extent(self, renderer: Any = None) -> Bbox:
        x, y, w, h = self.rect
        return Bbox.from_extents(x, y, x + w, y + h).transformed(self._root().transFigure)

    def _root(self) -> Any:
        figure = self.get_figure(root=True)
        if figure is None:
            raise ValueError("a ChartPicture is drawn only once it is on a figure")
        return figure

    def draw(self, renderer: Any) -> None:
        if not self.get_visible():
            return
        figure = self._root()
        rgba = self.chart.render_rgba(dpi=figure.dpi * renderer.get_image_magnification())
        box = self.get_window_extent(renderer)
        gc = renderer.new_gc()
        gc.set_clip_rectangle(figure.bbox)
        renderer.draw_image(gc, round(box.x0), round(box.y0), rgba[::-1])
        gc.restore()
        self.stale = False

_RGBA: dict[str, tuple[float, float, float, float]] = {}


def rgba(colours: Sequence[str]) -> np.ndarray:
    """Colour names as an N×4 array, converting each distinct name once per process.

    Why: matplotlib parses a list of colour strings item by item on every collection; a
    chart passes hundreds (one per zone polygon or label), which showed up in profiles.
    """
    from matplotlib.colors import to_rgba

    out = []
    for c in colours:
        rgba = _RGBA.get(c)
        if rgba is None:
            rgba = _RGBA[c] = to_rgba(c)
        out.append(rgba)
    return np.array(out, float).reshape(-1, 4)


def closed_path(poly: np.ndarray) -> Path:
    return Path(np.vstack([poly, poly[:1]]), closed=True)


# Label outlines, (text, size, weight, style, ha, va) -> (glyph outlines in points, ink left,
# ink right), live in .chart_store (read through chart_store.outline), which keeps them between
# processes; draw_chart loads the stored ones before any label.


class TextBatch:
    """Collects the chart's texts and draws them as glyph outlines in one collection.

    Why: on Agg every separate ``Text`` costs a few milliseconds to lay out and draw, and a
    chart has dozens of labels. Outlines of each distinct string are made once per process
    (like a font cache) and drawn together, which keeps a full chart within a small multiple
    of a blank figure's render time. Exports (PDF/SVG for print) use real text instead
    (``fast=False``), so handouts stay searchable.
    """

    def __init__(self, fig: Figure, transform: Any, fast: bool) -> None:
        self.fig, self.transform, self.fast = fig, transform, fast
        self.items: list[tuple[Any, tuple[float, float], str, bool, Any]] = []
        # (x, left, right) of every text placed in chart coordinates: its anchor in chart
        # units and how far its ink reaches either side of it, in points (for _fit_texts)
        self.extents: list[tuple[float, float, float]] = []

    def add(self, x: float, y: float, text: str, size: float, *, ha: str = "left", va: str = "center",
            color: str = "#111111", weight: str = "normal", style: FontStyle = "normal",
            figure_coords: bool = False, halo: bool = False) -> None:
        key = (text, size, weight, style, ha, va)
        cached = chart_store.outline(key)
        if cached is None:
            from matplotlib.font_manager import FontProperties
            from matplotlib.textpath import TextPath

            prop = FontProperties(size=size, weight=weight, style=style)
            path = TextPath((0, 0), text, prop=prop)
            x0, x1 = float(path.vertices[:, 0].min()), float(path.vertices[:, 0].max())
            dx = {"left": -x0, "right": -x1, "center": -(x0 + x1) / 2}[ha]
            asc = 0.72 * size  # cap height in points: align on the font, not on each string's ink
            dy = {"center": -asc / 2, "top": -asc, "bottom": 0.0, "baseline": 0.0}[va]
            moved = Path(path.vertices + np.array([dx, dy]), path.codes)
            cached = chart_store.PATHS[key] = (moved, x0 + dx, x1 + dx)
        moved, left, right = cached
        if not figure_coords:
            self.extents.append((x, left, right))
        if not self.fast:
            kw: dict[str, Any] = {"fontsize": size, "ha": ha, "va": va, "color": color, "weight": weight,
                                  "style": style, "zorder": 7.2}
            if not figure_coords:
                kw["transform"] = self.transform
            if halo:
                kw["bbox"] = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
            self.fig.text(x, y, text, **kw)
            return
        self.items.append((moved, (x, y), color, figure_coords, halo))

    def finish(self) -> None:
        if not self.fast or not self.items:
            return
        from matplotlib.transforms import Affine2D

        points = Affine2D().scale(1 / 72) + self.fig.dpi_scale_trans
        for figure_coords in (False, True):
            chosen = [it for it in self.items if it[3] == figure_coords]
            if not chosen:
                continue
            offset_transform = self.fig.transFigure if figure_coords else self.transform
            halos = [it for it in chosen if it[4]]
            if halos:
                add_artist((self.fig, points), PathCollection(
                    [h[0] for h in halos], offsets=[h[1] for h in halos], offset_transform=offset_transform,
                    facecolors="white", edgecolors="white", linewidths=2.2, zorder=7.1))
            add_artist((self.fig, points), PathCollection(
                [it[0] for it in chosen], offsets=[it[1] for it in chosen], offset_transform=offset_transform,
                facecolors=rgba([it[2] for it in chosen]), edgecolors="none", zorder=7.2))




_DISCS: dict[tuple[object, ...], list[Path]] = {}


def _disc_paths(centres: tuple[tuple[float, float], ...], radius: float) -> list[Path]:
    """Circle paths for the call-out discs (cached: the same map gets the same call-outs)."""
    key = (centres, round(radius, 9))
    if key not in _DISCS:
        if len(_DISCS) > 256:
            _DISCS.clear()
        a = np.linspace(0, 2 * np.pi, 28, endpoint=False)
        ring = radius * np.column_stack([np.cos(a), np.sin(a)])
        _DISCS[key] = [closed_path(ring + np.array(c)) for c in centres]
    return _DISCS[key]


def draw_callouts(chart: Any, texts: TextBatch, radius: float, st: Any) -> None:
    """White numbered discs (and short leaders for discs outside small areas)."""
    if not chart.callouts:
        return
    discs = _disc_paths(tuple(c.xy for c in chart.callouts), radius)
    add_artist(chart, PathCollection(discs, facecolors="white", edgecolors="#111111", linewidths=0.8 * st.scale,
                               zorder=7.15))
    leaders = [(c.xy, c.anchor) for c in chart.callouts if c.leader]
    if leaders:
        add_artist(chart, LineCollection(leaders, colors="#111111", linewidths=0.8, zorder=7.1))
    for c in chart.callouts:
        texts.add(c.xy[0], c.xy[1], str(c.number), st.size("callout"), ha="center", va="center",
                  weight="bold", color="#000000")


def foot_legends(chart: Any, texts: TextBatch, lay: Layout, st: Any, outlines: dict[str, np.ndarray]) -> None:
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
        ext = outlines[foot]
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


def system_legend(fig: Figure, systems: dict, areas: list, color_by: Any, st: Any, texts: TextBatch,
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
        fill = rgba([colours[k] for k in chosen])
        fill[:, 3] = alpha
        coll = PolyCollection([swatches[k] for k in chosen], facecolors=fill, edgecolors=st.area_edge,
                              linewidths=st.area_edge_width)
        if hatch:
            coll.set_hatch(hatch)
        add_artist((fig, fig.transFigure), coll)
