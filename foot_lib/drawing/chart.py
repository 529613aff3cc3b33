"""Reflexology charts drawn from the course data: ``draw_chart(course) -> Chart``.

Conventions (every chart, every view):

* Both feet side by side, **left foot on the left**, big toes towards the middle — the way
  printed reflexology charts show them, as if the owner looked down through their feet at
  their own soles. The right foot is the left foot mirrored in x. Side views (medial,
  lateral) put the heels outside and the toes towards the middle.
* Zones whose ``foot`` is ``left`` appear only on the left foot, ``right`` only on the right,
  ``both`` on both.
* Colour is never the only cue: each body system also has a hatch pattern, every zone a
  text label (with a leader line), and every chart a generated text description
  (:attr:`Chart.alt_text`).
* A chart shows what a tradition teaches; it is not evidence that a spot on the foot is
  linked to an organ (see the claims table and EVIDENCE.md).

Figures are created with :class:`matplotlib.figure.Figure` (not pyplot), so a chart never
opens a window or leaks into a notebook's output by itself. Interactive changes
(:meth:`Chart.set_highlight`, :meth:`Chart.set_arrows`, :meth:`Chart.set_feet_emphasis`)
only touch a few overlay artists; :meth:`Chart.render_png` redraws just those on top of a
cached image of the static chart, which keeps sliders and routine players quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path
from matplotlib.transforms import Bbox, BboxTransform, TransformedBbox

from ..data.loading import records
from ..geometry.foot_shape import SIDE_VIEWS, TOP_VIEWS, VIEWS, FootShape
from ..geometry.placement import (
    centroid,
    from_chart,
    intern_shape,
    memo,
    placed_outline,
    polygon_area,
    row_cached,
    shape_polygons,
    to_chart,
)
from ..geometry.zone_geometry import ShapeRow, regions, zone_shapes
from .png import PngEncoder, canvas_png

FEET = ("left", "right")
FontStyle = Literal["normal", "italic", "oblique"]
VIEW_NAMES = {
    "plantar": "soles (plantar view)",
    "dorsal": "tops of the feet (dorsal view)",
    "medial": "inner edges (medial view)",
    "lateral": "outer edges (lateral view)",
}
# Styling choices (not course facts): Paul Tol's 'bright' orange for highlighted areas.
HIGHLIGHT_FILL = "#EE7733"
HIGHLIGHT_EDGE = "#000000"
SKIN = "#F7F1EA"
PRINT_COLOUR = "#E4D9CC"
OUTLINE = "#4D4D4D"
ARROW_COLOUR = "#0077BB"


def _outline(shape: FootShape, view: str, foot: str, kind: str) -> tuple[list[np.ndarray], list[Path]]:
    """The foot's outline pieces placed on ``foot`` of a chart, as arrays and paths (cached).

    ``kind``: 'skin' (outline polygons), 'print' (footprint), 'nails', or 'edges' (open
    polylines stroked as the outline). The arrays come from the geometry layer's cache; the
    paths are cached beside them, so both are emptied together.
    """

    def make() -> tuple[list[np.ndarray], list[Path]]:
        placed = placed_outline(shape, view, foot, kind)
        closed = kind != "edges"
        return placed, [_closed_path(p) if closed else Path(p) for p in placed]

    return memo(("outline paths", shape, view, foot, kind), make)


@dataclass(frozen=True)
class _Placed:
    """A row's polygons placed on one foot of a chart, ready to draw."""

    polys: tuple[np.ndarray, ...]  # chart coordinates
    paths: tuple[Path, ...]  # the same, as closed matplotlib paths
    anchor: np.ndarray  # centroid of the biggest part: where a label's leader line points


def _placed(row: ShapeRow, shape: FootShape, foot: str) -> _Placed:
    """A row's geometry on ``foot`` of a chart (cached per shape, like the outlines).

    Why: placing, closing and measuring every polygon again for each chart cost about as
    much as drawing them; a lesson or a slider redraws the same shape many times.
    """
    def make() -> _Placed:
        canon = shape_polygons(row, shape)
        polys = tuple(to_chart(p, foot, row.view, shape) for p in canon)
        biggest = max(canon, key=polygon_area)
        anchor = to_chart(centroid(biggest)[None], foot, row.view, shape)[0]
        paths = tuple(_closed_path(p) for p in polys)
        return _Placed(polys, paths, anchor)

    return row_cached(row, shape, foot, make)


def _add(target: Any, artist: Any) -> Any:
    """Put ``artist`` on the chart's figure in chart (data) coordinates.

    Why figure-level artists and not an Axes: a chart has fixed limits, no ticks and no
    frame, and building an Axes (spines, tick machinery, clip paths) cost more than drawing
    all the zones. ``target`` is a :class:`Chart` or a ``(figure, transform)`` pair.
    """
    fig, transform = (target.figure, target.transData) if isinstance(target, Chart) else target
    artist.set_transform(transform)
    fig.add_artist(artist)
    return artist


_RGBA: dict[str, tuple[float, float, float, float]] = {}


def _rgba(colours: Sequence[str]) -> np.ndarray:
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


def add_figure_line(figure: Figure, line: Line2D) -> Line2D:
    """Put ``line`` in ``figure.lines``: drawn like any figure-level artist, removable with
    ``line.remove()``.

    Why not ``figure.add_artist``: IPython's inline backend displays nothing for a figure
    with neither Axes nor lines, and charts and the technique gallery are drawn straight on
    their figures. One line in ``figure.lines`` keeps such a figure displayable when a
    learner leaves it bare as a cell's last line.
    """
    line.set_figure(figure)
    figure.lines.append(line)
    line._remove_method = figure.lines.remove  # type: ignore[attr-defined]  # what Figure.add_artist sets
    return line


def _closed_path(poly: np.ndarray) -> Path:
    return Path(np.vstack([poly, poly[:1]]), closed=True)


def _feet_of(zone_foot: str, feet: Sequence[str]) -> list[str]:
    return [f for f in feet if zone_foot in ("both", f)]


# (text, size, weight, style, ha, va) -> (aligned glyph outlines in points, ink left, ink right)
_PATH_CACHE: dict[tuple[str, float, str, str, str, str], tuple[Any, float, float]] = {}


class _TextBatch:
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
        cached = _PATH_CACHE.get(key)
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
            cached = _PATH_CACHE[key] = (moved, x0 + dx, x1 + dx)
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
                _add((self.fig, points), PathCollection(
                    [h[0] for h in halos], offsets=[h[1] for h in halos], offset_transform=offset_transform,
                    facecolors="white", edgecolors="white", linewidths=2.2, zorder=7.1))
            _add((self.fig, points), PathCollection(
                [it[0] for it in chosen], offsets=[it[1] for it in chosen], offset_transform=offset_transform,
                facecolors=_rgba([it[2] for it in chosen]), edgecolors="none", zorder=7.2))


_CANVAS_IS_BACKGROUND = object()  # Chart._background marker: the canvas holds the clean background


@dataclass
class _Item:
    """One drawn polygon of a zone or region on one foot."""

    target: str
    foot: str
    poly: np.ndarray
    colour: str = "#999999"


@dataclass
class ChartState:
    highlight: tuple[str, ...] = ()
    arrows: tuple[dict[str, Any], ...] = ()
    emphasis: str | None = None
    marker: tuple[float, float] | None = None
    notes: list[str] = field(default_factory=list)


class Chart:
    """A drawn chart and the handles to change it without rebuilding.

    Attributes: ``figure`` (matplotlib Figure), ``transData`` (chart coordinates to pixels),
    ``shape``, ``view``, ``feet``, ``zone_ids`` (zones drawn), ``alt_text`` (text description,
    kept current). The chart's artists live on the figure itself; :attr:`ax` gives an
    invisible Axes over the drawing area, made on first use, for adding your own artists.
    """

    # overlay artists, made by draw_chart once the static chart is drawn (updated in place)
    _veil: PolyCollection
    _hl_zones: PolyCollection
    _hl_regions: PolyCollection
    _fade: PolyCollection
    _marker: Line2D

    def __init__(self, course: Any, shape: FootShape, view: str, feet: tuple[str, ...],
                 figure: Figure, box: tuple[float, float, float, float],
                 xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
        self.course = course
        self.shape = shape
        self.view = view
        self.feet = feet
        self.figure = figure
        self.xlim, self.ylim = (float(xlim[0]), float(xlim[1])), (float(ylim[0]), float(ylim[1]))
        # chart coordinates -> figure pixels through a mutable box, so set_position moves everything
        self._box = Bbox.from_bounds(*box)
        self._limits = Bbox.from_extents(xlim[0], ylim[0], xlim[1], ylim[1])
        self.transData = BboxTransform(self._limits, TransformedBbox(self._box, figure.transFigure))
        self._ax: Any = None
        self.zone_ids: list[str] = []
        self.title = ""
        self.options: dict[str, Any] = {}
        self.state = ChartState()
        self._zone_items: list[_Item] = []
        self._region_items: list[_Item] = []
        self._region_labels: dict[str, str] = {}
        self._dynamic: list[Any] = []
        self._arrow_artists: list[Any] = []
        self._background: Any = None
        self._canvas = FigureCanvasAgg(figure)
        # any full redraw (e.g. savefig on this canvas) may leave overlays on the canvas
        self._canvas.mpl_connect("draw_event", self._forget_canvas_background)
        self._encoder = PngEncoder()
        self._zones_by_id: Any = None
        self._disagreement_lines: list[str] = []
        self._text_extents: list[tuple[float, float, float]] = []

    # -- layout -------------------------------------------------------------------------
    @property
    def ax(self) -> Any:
        """An invisible Axes exactly over the drawing, with the chart's limits (made on first use).

        Anything added to it is drawn above the chart in the same coordinates, e.g.
        ``chart.ax.plot(x, y)``; call :meth:`refresh` before :meth:`render_png` afterwards.
        """
        if self._ax is None:
            ax = self.figure.add_axes(self._box.bounds, zorder=7.6)
            ax.set_xlim(*self.xlim)
            ax.set_ylim(*self.ylim)
            ax.set_axis_off()
            self._ax = ax
            self._background = None
        return self._ax

    def get_position(self) -> tuple[float, float, float, float]:
        """The drawing area as (left, bottom, width, height) in figure fractions."""
        return tuple(float(v) for v in self._box.bounds)  # type: ignore[return-value]

    def set_position(self, bounds: tuple[float, float, float, float]) -> Chart:
        """Move the drawing area (figure fractions); every chart artist follows."""
        self._box.set_points(Bbox.from_bounds(*bounds).get_points())
        if self._ax is not None:
            self._ax.set_position(bounds)
        self._background = None
        return self

    def refresh(self) -> Chart:
        """Forget the cached background, e.g. after adding artists to :attr:`figure` or :attr:`ax`."""
        self._background = None
        return self

    # -- geometry helpers ---------------------------------------------------------------
    def place(self, xy: np.ndarray, foot: str) -> np.ndarray:
        return to_chart(xy, foot, self.view, self.shape)

    def foot_at(self, x: float, y: float) -> str | None:
        """Which drawn foot the chart point lies on (None if on neither)."""
        for foot in self.feet:
            canon = from_chart(np.array([[x, y]]), foot, self.view, self.shape)
            if self.shape.contains(canon, self.view, tolerance=1.0)[0]:
                return foot
        return None

    def zones_at(self, x: float, y: float, *, include_regions: bool = False) -> Any:
        """Zones (DataFrame) under the chart point ``(x, y)`` in data coordinates."""
        from ..geometry.identify import zones_at

        foot = self.foot_at(x, y)
        if foot is None:
            return zones_at(self.course, (np.nan, np.nan), shape=self.shape, view=self.view,
                            foot="left", space="mm", include_regions=include_regions)
        canon = from_chart(np.array([[x, y]]), foot, self.view, self.shape)[0]
        return zones_at(self.course, canon, shape=self.shape, view=self.view, foot=foot,
                        space="mm", include_regions=include_regions, only=self.zone_ids or None)

    # -- interactive changes (overlay artists only) -------------------------------------
    def set_highlight(self, ids: Iterable[str]) -> Chart:
        """Highlight zones and/or regions by id; changes only the overlay artists.

        Ids not drawn in this view (e.g. a leg area, or a medial zone on a sole chart) are
        ignored and named in the alt text.
        """
        ids = tuple(dict.fromkeys(str(i) for i in (ids or ())))
        self.state.highlight = ids
        zone_set, region_set = set(ids), set(ids)
        zpolys = [it.poly for it in self._zone_items if it.target in zone_set]
        zcols = [it.colour for it in self._zone_items if it.target in zone_set]
        rpolys = [it.poly for it in self._region_items if it.target in region_set]
        self._hl_zones.set_verts(zpolys)
        self._hl_zones.set_facecolor(zcols or "none")
        self._hl_regions.set_verts(rpolys)
        self._veil.set_visible(bool(zpolys or rpolys) and self.options.get("dim", True))
        return self

    def set_feet_emphasis(self, foot: str | None) -> Chart:
        """Fade the other foot (``foot`` = 'left' or 'right'), or show both equally (None)."""
        if foot not in (None, *self.feet):
            raise ValueError(f"foot must be one of {self.feet} or None, not {foot!r}")
        self.state.emphasis = foot
        polys = []
        if foot is not None:
            for other in self.feet:
                if other != foot:
                    polys += _outline(self.shape, self.view, other, "skin")[0]
        self._fade.set_verts(polys)
        self._fade.set_visible(bool(polys))
        return self

    def set_arrows(self, arrows: Iterable[dict[str, Any]]) -> Chart:
        """Replace the stroke arrows. Each arrow: ``{"foot": "left"|"right"|"both",
        "path": [(u, v), ...], "label": str | None}`` (u, v as in the zone data)."""
        for artist in self._arrow_artists:
            artist.remove()
            if artist in self._dynamic:
                self._dynamic.remove(artist)
        self._arrow_artists = []
        arrows = tuple(arrows or ())
        self.state.arrows = arrows
        for arrow in arrows:
            path = np.asarray(arrow.get("path") or [], float).reshape(-1, 2)
            if len(path) < 2:
                continue
            foot = arrow.get("foot", "both")
            feet = self.feet if foot in ("both", "each", None) else [f for f in self.feet if f == foot]
            for f in feet:
                xy = self.place(self.shape.uv_to_xy(path, self.view, arrow.get("anchor", "sole")), f)
                line = Line2D(xy[:, 0], xy[:, 1],
                              color=ARROW_COLOUR, lw=2.2, solid_capstyle="round", zorder=8)
                head = FancyArrowPatch(tuple(xy[-2]), tuple(xy[-1]), arrowstyle="-|>",
                                       mutation_scale=16, color=ARROW_COLOUR, lw=2.2, zorder=8,
                                       shrinkA=0, shrinkB=0)
                new = [_add(self, line), _add(self, head)]
                label = arrow.get("label")
                if label:
                    new.append(self.figure.text(xy[0, 0], xy[0, 1], f" {label}", fontsize=7,
                                                color=ARROW_COLOUR, zorder=9, va="top",
                                                ha="left" if f == "right" else "right",
                                                transform=self.transData))
                self._arrow_artists += new
                self._dynamic += new
        return self

    def set_marker(self, x: float | None, y: float | None = None) -> Chart:
        """Show a cross-hair at chart point ``(x, y)`` (None hides it): the identify cursor."""
        if x is None or y is None:
            self.state.marker = None
            self._marker.set_visible(False)
        else:
            self.state.marker = (float(x), float(y))
            self._marker.set_data([x], [y])
            self._marker.set_visible(True)
        return self

    # -- output -------------------------------------------------------------------------
    def render_png(self, dpi: float | None = None) -> bytes:
        """PNG bytes of the chart, redrawing only the overlay artists when possible."""
        canvas = self._canvas
        if dpi is not None and dpi != self.figure.dpi:
            self.figure.set_dpi(dpi)
            self._background = None
        # an empty collection draws nothing but still costs a renderer round trip
        overlays = [a for a in self._dynamic
                    if a.get_visible() and not (hasattr(a, "get_paths") and not len(a.get_paths()))]
        if self._background is None:
            visible = [(a, a.get_visible()) for a in self._dynamic]
            for a, _ in visible:
                a.set_visible(False)
            canvas.draw()
            for a, vis in visible:
                a.set_visible(vis)
            # Copying the background costs about a millisecond: when no overlay is showing,
            # the canvas itself is the background until the next render draws over it.
            self._background = _CANVAS_IS_BACKGROUND if not overlays else canvas.copy_from_bbox(self.figure.bbox)
        elif self._background is _CANVAS_IS_BACKGROUND:
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in overlays:
            self.figure.draw_artist(artist)
        return canvas_png(canvas, self._encoder)

    def _forget_canvas_background(self, _event: Any) -> None:
        if self._background is _CANVAS_IS_BACKGROUND:
            self._background = None

    def _repr_png_(self) -> bytes:
        return self.render_png()

    def __repr__(self) -> str:
        return f"Chart(view={self.view!r}, feet={self.feet!r}, zones={len(self.zone_ids)})"

    @property
    def alt_text(self) -> str:
        """A text description of what the chart shows, generated from the data."""
        return _alt_text(self)


# -- building -------------------------------------------------------------------------------
def _zone_rows(course: Any, view: str, zones: Iterable[str] | None) -> list[tuple[ShapeRow, Any]]:
    by_id = {rec["id"]: rec for rec in records(course.zones)}
    rows = zone_shapes(course, view)
    wanted = None if zones is None else list(dict.fromkeys(zones))
    if wanted is not None:
        unknown = [z for z in wanted if z not in by_id]
        if unknown:
            raise KeyError(f"unknown zone ids: {', '.join(unknown)}")
        order = {z: i for i, z in enumerate(wanted)}
        rows = sorted((r for r in rows if r.target in order), key=lambda r: order[r.target])
    return [(r, by_id[r.target]) for r in rows if by_id[r.target]["surface"] != "leg"]


def _systems(course: Any) -> dict[str, dict[str, str]]:
    return {r["id"]: {"label": r["label"], "colour": r["colour"], "hatch": r["hatch"] or ""}
            for r in records(course.body_systems, ["id", "label", "colour", "hatch"])}


def _disagreeing_parts(course: Any, view: str, wanted: Any) -> list[str]:
    zones = course.zones
    zones = zones[zones["surface"] != "leg"]
    counts = zones.groupby("body_part", sort=False)["id"].count()
    multi = [bp for bp, n in counts.items() if n > 1]
    if wanted is True:
        drawn = {r.target for r in zone_shapes(course, view)}
        return [bp for bp in multi if set(zones.loc[zones["body_part"] == bp, "id"]) & drawn]
    parts = [wanted] if isinstance(wanted, str) else list(wanted)
    unknown = [p for p in parts if p not in set(zones["body_part"])]
    if unknown:
        raise KeyError(f"unknown body parts: {', '.join(unknown)}")
    return parts


def draw_chart(
    course: Any,
    shape: FootShape | None = None,
    *,
    feet: Sequence[str] = FEET,
    view: str = "plantar",
    zones: Iterable[str] | None = None,
    highlight: Iterable[str] = (),
    color_by: str | None = "body_system",
    labels: bool = True,
    legend: bool = True,
    guidelines: bool = False,
    fitzgerald: bool = False,
    disagreements: Any = None,
    arrows: Iterable[dict[str, Any]] = (),
    figsize: tuple[float, float] | None = None,
    title: str | Literal[False] | None = None,
    regions_only: bool = False,
    footprint: bool | None = None,
    dim: bool = True,
    hatches: bool = False,
    fast_text: bool = True,
) -> Chart:
    """Draw the foot chart and return a :class:`Chart`.

    ``zones``: ids to draw (default: every zone with a shape in ``view``, leg points excluded).
    ``highlight``: zone or region ids to emphasise. ``color_by``: 'body_system' (palette and
    hatches from body_systems.csv) or None (grey). ``guidelines`` / ``fitzgerald``: chart
    lines and Fitzgerald's longitudinal zones. ``disagreements``: True (every body part the
    sources place in more than one spot), a body part, or a list of them — draws only
    those placements, each tagged with its sources. ``arrows``: see :meth:`Chart.set_arrows`.
    ``regions_only``: a plain outline for routines, no zones (see :func:`draw_regions`).
    ``hatches``: add each body system's hatch pattern (for greyscale print; slower on
    screen). ``fast_text``: draw labels as cached glyph outlines (quick); exports use text.
    ``title``: None for the default heading, a string of your own, or False for no heading
    (the drawing then takes the room; small charts in players and cards use this).
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    feet = tuple(feet)
    if not feet or any(f not in FEET for f in feet):
        raise ValueError(f"feet must be a non-empty sequence of 'left'/'right', got {feet!r}")
    if color_by not in ("body_system", None):
        raise ValueError("color_by must be 'body_system' or None")
    shape = intern_shape(shape or FootShape.from_course(course))
    systems = _systems(course)
    parts_disagree: list[str] = []
    if disagreements is not None and disagreements is not False:
        parts_disagree = _disagreeing_parts(course, view, disagreements)
        if zones is None:
            zf = course.zones
            zones = zf.loc[zf["body_part"].isin(parts_disagree), "id"].tolist()
    rows = [] if regions_only else _zone_rows(course, view, zones)

    # figure and axes -------------------------------------------------------------------
    B, L = shape.breadth, shape.length
    ext = [np.vstack(_outline(shape, view, f, "skin")[0]) for f in feet]
    allpts = np.vstack(ext)
    xmin, xmax = allpts[:, 0].min(), allpts[:, 0].max()
    ymin, ymax = allpts[:, 1].min(), allpts[:, 1].max()
    margin = (0.95 * B if labels and not regions_only else 0.12 * B) if view in TOP_VIEWS else 0.3 * L
    if labels and not regions_only and view in SIDE_VIEWS:
        margin = 0.5 * L
    xlim = (xmin - margin, xmax + margin)
    ylim = (ymin - 0.04 * L, ymax + 0.04 * L)
    if view in SIDE_VIEWS:
        ylim = (ymin - 0.25 * L, ymax + 0.25 * L)
    if figsize is None:
        width = 10.0 if len(feet) == 2 else 6.0
        aspect = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
        figsize = (width, min(max(width * aspect + (1.6 if legend else 0.6), 4.0), 11.0))
    fig = Figure(figsize=figsize, dpi=100)
    bottom = 0.17 if legend and not regions_only else 0.03
    top = 0.93 if (title is not False) else 0.99
    box = (0.01, bottom, 0.98, top - bottom)
    # equal scale in x and y: widen whichever range is short for the axes' shape
    box_ratio = (box[3] * figsize[1]) / (box[2] * figsize[0])
    dx, dy = xlim[1] - xlim[0], ylim[1] - ylim[0]
    if dy / dx < box_ratio:
        extra = (dx * box_ratio - dy) / 2
        ylim = (ylim[0] - extra, ylim[1] + extra)
    else:
        extra = (dy / box_ratio - dx) / 2
        xlim = (xlim[0] - extra, xlim[1] + extra)
    chart = Chart(course, shape, view, feet, fig, box, xlim, ylim)
    texts = _TextBatch(fig, chart.transData, fast_text)
    chart.options = {"guidelines": guidelines, "fitzgerald": fitzgerald, "labels": labels,
                     "legend": legend, "regions_only": regions_only, "color_by": color_by,
                     "disagreements": parts_disagree, "dim": dim}

    # outline -----------------------------------------------------------------------------
    show_print = footprint if footprint is not None else view == "plantar"
    skin = [a for f in feet for a in _outline(shape, view, f, "skin")[0]]
    # skin first, then the footprint over it: one collection draws both, in that order
    base = [p for f in feet for p in _outline(shape, view, f, "skin")[1]]
    colours = [SKIN] * len(base)
    if show_print:
        prints = [p for f in feet for p in _outline(shape, view, f, "print")[1]]
        base += prints
        colours += [PRINT_COLOUR] * len(prints)
    _add(chart, PathCollection(base, facecolors=_rgba(colours), edgecolors="none", zorder=1))
    if view == "dorsal":
        nails = [p for f in feet for p in _outline(shape, view, f, "nails")[1]]
        _add(chart, PathCollection(nails, facecolors="white", edgecolors=OUTLINE, lw=0.6, zorder=1.6))
    edges = [p for f in feet for p in _outline(shape, view, f, "edges")[1]]
    _add(chart, PathCollection(edges, facecolors="none", edgecolors=OUTLINE, linewidths=1.2, zorder=6))

    # zones --------------------------------------------------------------------------------
    by_system: dict[str, list[Path]] = {}
    label_groups: dict[tuple[str, tuple[int, int]], list[str]] = {}
    label_anchor: dict[tuple[str, tuple[int, int]], np.ndarray] = {}
    counts: dict[str, set[str]] = {}
    drawn: list[str] = []
    foot_load = dict.fromkeys(feet, 0)
    for row, z in rows:
        sysid = z["body_system"]
        colour = systems.get(sysid, {}).get("colour", "#999999") if color_by else "#BBBBBB"
        on = _feet_of(z["foot"], feet)
        if not on:
            continue
        label_foot = on[0] if len(on) == 1 else min(on, key=lambda f: (foot_load[f], feet.index(f)))
        for f in on:
            placed = _placed(row, shape, f)
            by_system.setdefault(sysid if color_by else "all", []).extend(placed.paths)
            chart._zone_items += [_Item(z["id"], f, poly, colour) for poly in placed.polys]
        if z["id"] not in drawn:
            drawn.append(z["id"])
            counts.setdefault(sysid, set()).add(z["id"])
        anchor = _placed(row, shape, label_foot).anchor
        key = (label_foot, (round(anchor[0] / 2), round(anchor[1] / 2)))
        text = z["body_part"]
        if parts_disagree:
            cited = [s for s in z["source"] if s.startswith("S")] or list(z["source"])
            text = f"{z['body_part']}: {', '.join(cited)}"
        if key not in label_groups:
            label_groups[key] = []
            label_anchor[key] = anchor
            foot_load[label_foot] += 1
        if text not in label_groups[key]:
            label_groups[key].append(text)
    chart.zone_ids = drawn
    styles = ["-", "--", ":", "-."]
    # one collection per hatch pattern (a hatch belongs to a whole collection), so without
    # hatches every zone is drawn by a single collection, in body-system order
    by_hatch: dict[str, tuple[list[Path], list[str]]] = {}
    for sysid, polys in by_system.items():
        info = systems.get(sysid, {"colour": "#BBBBBB", "hatch": ""})
        colour = info["colour"] if color_by else "#BBBBBB"
        hatch = info["hatch"] if (color_by and hatches) else ""
        group = by_hatch.setdefault(hatch, ([], []))
        group[0].extend(polys)
        group[1].extend([colour] * len(polys))
    for hatch, (paths, colours) in by_hatch.items():
        rgba = _rgba(colours)
        # Outline strokes only for print (hatches on): on screen the translucent fills and
        # the labels' leader lines already separate zones, and stroking every polygon doubled
        # the time to draw them (see bench/bench_chart.py).
        coll = PathCollection(paths, facecolors=rgba, edgecolors=rgba if hatches else "none",
                              linewidths=0.8, alpha=0.42 if not parts_disagree else 0.3, zorder=3)
        if hatch:
            coll.set_hatch(hatch)
        _add(chart, coll)
    if parts_disagree:
        # outline each placement with its own line style so overlapping ones stay distinct
        outlines: list[Path] = []
        dashes: list[str] = []
        for k, (row, z) in enumerate(rows):
            for f in _feet_of(z["foot"], feet):
                placed_paths = _placed(row, shape, f).paths
                outlines += placed_paths
                dashes += [styles[k % len(styles)]] * len(placed_paths)
        _add(chart, PathCollection(outlines, facecolors="none", edgecolors="black", linewidths=1.3,
                                   linestyles=dashes, zorder=4))

    # regions, guidelines, Fitzgerald ------------------------------------------------------
    for r in regions(course, view):
        if r.kind == "area":
            chart._region_labels[r.target] = r.target
            for f in feet:
                chart._region_items += [_Item(r.target, f, poly) for poly in _placed(r, shape, f).polys]
    rlabels = dict(zip(course.regions["id"], course.regions["label"], strict=True)) if "regions" in course else {}
    chart._region_labels = {k: rlabels.get(k, k) for k in chart._region_labels}
    if guidelines and view == "plantar":
        lines = []
        for r in regions(course, view, "guideline"):
            ends = []
            for f in feet:
                for ln in r.lines(shape):
                    seg = chart.place(ln, f)
                    lines.append(seg)
                    ends.append(seg[np.argmin(np.abs(seg[:, 0]))])
            # one label per line: between the feet for lines that cross the whole sole,
            # else beside the line on the first foot
            name = rlabels.get(r.target, r.target).split(" (")[0]
            crosses = any(p.uv[:, 0].min() <= 0.0 for p in r.parts)
            if crosses:
                x = 0.0 if len(feet) == 2 else ends[0][0]
                y = float(np.mean([e[1] for e in ends]))
            else:
                mid = chart.place(r.lines(shape)[0], feet[0])
                x, y = mid[len(mid) // 2]
            texts.add(x, y, name, 6, ha="center", va="center", color="#222222", style="italic", halo=True)
        _add(chart, LineCollection(lines, colors="#222222", linewidths=1.0, linestyles=(0, (5, 3)),
                                         zorder=5))
    if fitzgerald and view == "plantar":
        fpolys, nums = [], []
        for r in regions(course, view, "fitzgerald"):
            number = r.target.rsplit("-", 1)[-1]
            for f in feet:
                fparts = shape_polygons(r, shape)
                for poly in fparts:
                    fpolys.append(chart.place(poly, f))
                heel_pt = chart.place(fparts[0][:1] * 0 + fparts[0].mean(axis=0), f)[0]
                nums.append((heel_pt[0], 0.03 * L, number))
        _add(chart, PolyCollection(fpolys, facecolors="none", edgecolors="#555555",
                                         linewidths=0.9, linestyles=(0, (1, 2)), zorder=5))
        for x, y, n in nums:
            texts.add(x, y, n, 8, ha="center", va="center", weight="bold", halo=True)

    # labels with leader lines in the outer margins ------------------------------------------
    if labels and not regions_only and label_groups:
        _place_labels(chart, label_groups, label_anchor, xlim, ylim, texts)

    # legend, title ------------------------------------------------------------------------
    if legend and not regions_only and counts:
        _legend(fig, systems, counts, color_by, hatches, texts, bottom)
    if title is None:
        who = " and ".join(feet)
        title = ("Where the sources place the same organ" if parts_disagree
                 else f"Foot areas — {who} {'foot' if len(feet) == 1 else 'feet'}" if regions_only
                 else f"Reflexology chart: {VIEW_NAMES[view]}")
    if title:
        texts.add(0.5, 0.975, title, 12, ha="center", va="top", weight="bold", figure_coords=True)
        chart.title = title
    for f in feet:
        x = chart.place(np.array([[shape.extent(view)[0] + 0.5 * (shape.extent(view)[1] - shape.extent(view)[0]),
                                   0.0]]), f)[0, 0]
        texts.add(x, ylim[0] + 0.01 * L, f"{f.upper()} FOOT", 9, ha="center", va="bottom", weight="bold",
                  color="#333333")

    texts.finish()
    _fit_texts(chart, texts.extents)
    chart._text_extents = texts.extents

    # overlay artists (updated in place) ---------------------------------------------------------
    chart._veil = PolyCollection(skin, facecolors="white", edgecolors="none", alpha=0.55, zorder=6.5,
                                 visible=False)
    chart._hl_zones = PolyCollection([], facecolors="none", edgecolors=HIGHLIGHT_EDGE, linewidths=2.0,
                                     alpha=0.9, zorder=7)
    chart._hl_regions = PolyCollection([], facecolors=HIGHLIGHT_FILL, edgecolors=HIGHLIGHT_EDGE,
                                       linewidths=2.0, alpha=0.45, zorder=7, hatch="")
    chart._fade = PolyCollection([], facecolors="white", edgecolors="none", alpha=0.6, zorder=7.5,
                                 visible=False)
    chart._marker = Line2D([], [], marker="+", markersize=18, mew=2.5, color="black", zorder=10,
                           visible=False)
    for artist in (chart._veil, chart._hl_zones, chart._hl_regions, chart._fade):
        _add(chart, artist)
    chart._marker.set_transform(chart.transData)
    add_figure_line(fig, chart._marker)
    chart._dynamic = [chart._veil, chart._hl_zones, chart._hl_regions, chart._fade, chart._marker]
    chart.set_highlight(highlight)
    chart.set_arrows(arrows)
    return chart


def _fit_texts(chart: Chart, extents: Sequence[tuple[float, float, float]], pad: float = 4.0) -> None:
    """Widen the chart's limits (keeping the scale equal in x and y) until every text placed in
    chart coordinates lies inside the drawing area.

    Why afterwards: a label's size is fixed in points, but how many chart units it spans
    depends on the scale, which depends on the limits. For a half-width ``h`` of the limits
    around their centre ``c`` and a drawing area ``W`` points wide, a text anchored at ``x``
    whose ink reaches ``left`` points (negative: to the left) stays inside when
    ``h * (1 + 2 * left / W) >= c - x``, and likewise on the right.
    """
    if not extents:
        return
    (x0, y0), (x1, y1) = chart._limits.get_points()
    c, h = (x0 + x1) / 2, (x1 - x0) / 2
    width_pt = chart._box.width * chart.figure.get_figwidth() * 72
    need = h
    for x, left, right in extents:
        a = 1 + 2 * (left - pad) / width_pt
        b = 1 - 2 * (right + pad) / width_pt
        if a > 0:
            need = max(need, (c - x) / a)
        if b > 0:
            need = max(need, (x - c) / b)
    if need <= h * (1 + 1e-9):
        return
    k = need / h
    cy, hy = (y0 + y1) / 2, (y1 - y0) / 2
    chart._limits.set_points(np.array([[c - need, cy - k * hy], [c + need, cy + k * hy]]))
    chart.xlim, chart.ylim = (c - need, c + need), (cy - k * hy, cy + k * hy)


def draw_regions(course: Any, highlight: Iterable[str] = (), shape: FootShape | None = None, *,
                 feet: Sequence[str] = FEET, view: str = "plantar", **kwargs: Any) -> Chart:
    """A plain outline with named regions (regions.csv) highlighted — for routine steps."""
    kwargs.setdefault("legend", False)
    kwargs.setdefault("dim", False)
    return draw_chart(course, shape, feet=feet, view=view, highlight=highlight, regions_only=True,
                      **kwargs)


def _place_labels(chart: Chart, groups: dict, anchors: dict, xlim: tuple, ylim: tuple,
                  texts: _TextBatch) -> None:
    """Stack labels in a column outside each foot, ordered by height, with leader lines.

    Ordering by the anchor's height keeps leader lines from crossing much; equal spacing in a
    column guarantees labels never overlap each other or the drawing.
    """
    shape, view = chart.shape, chart.view
    L = shape.length
    leaders = []
    for foot in chart.feet:
        keys = sorted((k for k in groups if k[0] == foot), key=lambda k: (-anchors[k][1], anchors[k][0]))
        if not keys:
            continue
        ext = np.vstack(_outline(shape, view, foot, "skin")[0])
        outer = ext[:, 0].min() if (foot == "left") else ext[:, 0].max()
        sign = -1 if foot == "left" else 1
        if view in SIDE_VIEWS:
            # heel is outside: labels still go to the outer side
            outer = ext[:, 0].min() if foot == "left" else ext[:, 0].max()
        col_x = outer + sign * 0.08 * shape.breadth
        top, bottom = ylim[1] - 0.04 * L, ylim[0] + 0.07 * L
        n = len(keys)
        step = (top - bottom) / max(n - 1, 1)
        step = min(step, 0.045 * L)
        ys = [float(np.clip(anchors[k][1], bottom, top)) for k in keys]
        # spread: keep the anchor height when possible, else push down with minimum spacing
        placed: list[float] = []
        for y in ys:
            if placed and y > placed[-1] - step:
                y = placed[-1] - step
            placed.append(y)
        overflow = bottom - placed[-1] if placed[-1] < bottom else 0.0
        if overflow:
            placed = [y + overflow for y in placed]
            for i in range(len(placed) - 2, -1, -1):
                if placed[i] < placed[i + 1] + step:
                    placed[i] = placed[i + 1] + step
        for key, y in zip(keys, placed, strict=True):
            text = " / ".join(groups[key])
            texts.add(col_x, y, text, 6.5, ha="right" if foot == "left" else "left", va="center")
            a = anchors[key]
            leaders.append([(col_x + sign * -0.01 * shape.breadth * 0, y), (a[0], a[1])])
    _add(chart, LineCollection(leaders, colors="#666666", linewidths=0.5, zorder=6.8))


def _legend(fig: Figure, systems: dict, counts: dict, color_by: Any, hatches: bool, texts: _TextBatch,
            bottom: float) -> None:
    """Legend below the feet: a swatch (colour, and hatch when printing) and a label per system."""
    entries = [(sid, info) for sid, info in systems.items() if sid in counts]
    ncol = min(4, len(entries))
    nrow = -(-len(entries) // ncol)
    w, h = fig.get_size_inches()
    row_h = min(0.22 / h, (bottom - 0.02) / max(nrow, 1))
    sw, sh = 0.28 / w, 0.14 / h
    col_w = 0.95 / ncol
    swatches, colours, hatch_of = [], [], []
    for k, (sid, info) in enumerate(entries):
        col, row = k % ncol, k // ncol
        x = 0.035 + col * col_w
        y = bottom - 0.035 - row * row_h
        swatches.append([(x, y - sh / 2), (x + sw, y - sh / 2), (x + sw, y + sh / 2), (x, y + sh / 2)])
        colours.append(info["colour"] if color_by else "#BBBBBB")
        hatch_of.append(info["hatch"] if (color_by and hatches) else "")
        texts.add(x + sw + 0.008, y, f"{info['label']} ({len(counts[sid])})", 7.5, figure_coords=True)
    # one collection per hatch pattern: a single one on screen, where hatches are off
    for hatch in dict.fromkeys(hatch_of):
        chosen = [k for k, h in enumerate(hatch_of) if h == hatch]
        coll = PolyCollection([swatches[k] for k in chosen], facecolors=[colours[k] for k in chosen],
                              edgecolors=[colours[k] for k in chosen], alpha=0.6)
        if hatch:
            coll.set_hatch(hatch)
        _add((fig, fig.transFigure), coll)


def _alt_text(chart: Chart) -> str:
    course, view, feet = chart.course, chart.view, chart.feet
    if chart._zones_by_id is None:  # indexed once per chart: alt text is rebuilt on every change
        chart._zones_by_id = course.zones.set_index("id", drop=False)
    zones = chart._zones_by_id
    who = "the left and right feet side by side (left foot on the left, big toes towards the middle)" \
        if len(feet) == 2 else f"the {feet[0]} foot"
    seen = VIEW_NAMES[view].split(" (")[0].replace("soles", "sole side")
    parts = [f"{chart.title}. Outline of {who}, seen from the {seen}; "
             f"foot shape: {chart.shape.describe()}."]
    if chart.options.get("regions_only"):
        parts.append("No reflex zones are drawn; the outline shows foot areas only.")
    elif chart.zone_ids:
        systems = _systems(course)
        by: dict[str, list[str]] = {}
        for zid in chart.zone_ids:
            by.setdefault(zones.loc[zid, "body_system"], []).append(zid)
        listing = "; ".join(f"{systems.get(s, {'label': s})['label']} {len(ids)}" for s, ids in
                            sorted(by.items(), key=lambda kv: list(systems).index(kv[0]) if kv[0] in systems else 99))
        parts.append(f"{len(chart.zone_ids)} zones, coloured and hatched by body system ({listing}); "
                     "each zone is labelled with its body part.")
        one_sided = [zid for zid in chart.zone_ids if zones.loc[zid, "foot"] != "both"]
        if one_sided:
            parts.append("Drawn on one foot only: " + "; ".join(
                f"{zones.loc[z, 'body_part']} ({zones.loc[z, 'foot']})" for z in one_sided) + ".")
    dis = chart.options.get("disagreements") or []
    if dis:
        lines = []
        for bp in dis:
            rows = zones[zones["body_part"] == bp]
            where = "; ".join(f"{r.location.split(';')[0].split(',')[0]} ({', '.join(r.source)})"
                              for r in rows.itertuples())
            lines.append(f"{bp}: {len(rows)} placements — {where}")
        parts.append("Sources disagree: " + " | ".join(lines) + ".")
    if chart.options.get("guidelines") and view == "plantar":
        parts.append("Dashed guidelines across each sole: shoulder line, diaphragm line, waistline, heel line "
                     "and the tendon line.")
    if chart.options.get("fitzgerald") and view == "plantar":
        parts.append("Dotted outlines show Fitzgerald's five longitudinal zones per foot, numbered 1 "
                     "(big-toe side) to 5 (little-toe side).")
    if chart.state.highlight:
        names = []
        missing = []
        zone_drawn = {it.target for it in chart._zone_items}
        region_drawn = {it.target for it in chart._region_items}
        for h in chart.state.highlight:
            if h in zone_drawn:
                names.append(f"{zones.loc[h, 'body_part']} zone")
            elif h in region_drawn:
                names.append(chart._region_labels.get(h, h).lower())
            elif h in zones.index:
                missing.append(f"{zones.loc[h, 'body_part']} zone")
            else:
                missing.append(chart._region_labels.get(h, h.replace("-", " ")).lower())
        if names:
            parts.append("Highlighted: " + ", ".join(names) + ".")
        if missing:
            parts.append("Not visible in this view: " + ", ".join(missing) + ".")
    if chart.state.emphasis:
        parts.append(f"The {chart.state.emphasis} foot is emphasised; the other is faded.")
    if chart.state.arrows:
        descr = []
        for a in chart.state.arrows:
            path = np.asarray(a.get("path") or [], float).reshape(-1, 2)
            if len(path) >= 2:
                d = "towards the toes" if path[-1, 1] > path[0, 1] else "towards the heel"
                descr.append(f"{a.get('label') or 'stroke'} on the {a.get('foot', 'both')} foot, {d}")
        if descr:
            parts.append("Arrows: " + "; ".join(descr) + ".")
    if not chart.options.get("regions_only"):
        parts.append("A chart records what a reflexology tradition teaches; it is not evidence that the "
                     "foot is linked to these organs.")
    return " ".join(parts)
