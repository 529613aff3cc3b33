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
from ..geometry.foot_shape import TOP_VIEWS, VIEWS, FootShape
from ..geometry.maps import map_areas
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

# Everything a chart needs is imported with this module, not when the first chart is drawn:
# a lesson's import cell is where module loading belongs; its first chart cell only draws.
from . import chart_store, raster_cache
from .labels import CalloutRequest, place_callouts
from .layout import figure_width, layout, system_legend_columns
from .png import PngEncoder, canvas_png

FEET = ("left", "right")
FontStyle = Literal["normal", "italic", "oblique"]
VIEW_NAMES = {
    "plantar": "soles (plantar view)",
    "dorsal": "tops of the feet (dorsal view)",
    "medial": "inner edges (medial view)",
    "lateral": "outer edges (lateral view)",
}
from .artists import TextBatch as _TextBatch  # noqa: E402
from .artists import add_artist as _add  # noqa: E402
from .artists import closed_path as _closed_path  # noqa: E402
from .artists import draw_callouts, foot_legends, system_legend  # noqa: E402
from .artists import rgba as _rgba  # noqa: E402

# Styling choices (not course facts) live in .style; re-exported here for older callers.
from .style import (  # noqa: E402,F401
    ARROW_COLOUR,
    HIGHLIGHT_EDGE,
    HIGHLIGHT_FILL,
    OUTLINE,
    PRINT_COLOUR,
    SKIN,
    UNCOLOURED,
    chart_style,
)


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


def _tag_box(text: Any, transform: Any, dpi: float, ha: str, dy: float) -> tuple[float, float, float, float]:
    """The display box (x0, y0, x1, y1) of an arrow's tag aligned ``ha`` at its anchor, ``dy``
    display units lower, estimated from its text and font size, so that no renderer is needed:
    the text is at most about 0.72 em per bold character wide and 1.2 em tall, and the tag's
    padding (0.2 em) reaches past the anchor on every side; 0.15 em more keeps tags apart."""
    em = text.get_fontsize() * dpi / 72
    width, edge = 0.72 * len(text.get_text()) * em, 0.35 * em
    x, y = transform.transform(text.get_position())
    y -= dy
    x0, x1 = (x - edge, x + width + edge) if ha == "left" else (x - width - edge, x + edge)
    return x0, y - 1.2 * em - edge, x1, y + edge


def _keep_apart(texts: Sequence[Any], transform: Any, dpi: float, width: float, height: float) -> None:
    """Place each tag where it covers no tag placed before it, and stays inside the picture
    (``width`` × ``height`` display units): strokes that start close together (the toe row, the
    heel) would otherwise stack their numbers unreadably. Tried in turn: at its anchor on its own
    side, on the other side, then a row lower or higher on either side; if every place is
    taken, it stays at its anchor."""
    placed: list[tuple[float, float, float, float]] = []
    for text in texts:
        own = text.get_horizontalalignment()
        other = "left" if own == "right" else "right"
        row = 1.9 * text.get_fontsize() * dpi / 72
        tries = [(ha, k * row) for k in (0, 1, -1, 2, -2) for ha in (own, other)]
        for ha, dy in tries:
            box = _tag_box(text, transform, dpi, ha, dy)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                  for b in placed):
                break
        else:
            ha, dy = own, 0.0
            box = _tag_box(text, transform, dpi, ha, dy)
        if dy:
            x, y = transform.transform(text.get_position())
            text.set_position(tuple(transform.inverted().transform((x, y - dy))))
        text.set_horizontalalignment(ha)
        placed.append(box)


def _feet_of(zone_foot: str, feet: Sequence[str]) -> list[str]:
    return [f for f in feet if zone_foot in ("both", f)]


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
        self._arrow_pool: list[tuple[Line2D, FancyArrowPatch]] = []  # reused stroke arrows (line, head)
        self._arrow_labels: list[Any] = []
        self._veiled: tuple[Any, np.ndarray] | None = None  # (background, that background under the veil)
        # "full" (every static artist) and "bottom" (those under the overlays) images, made on demand
        self._backgrounds: dict[str, np.ndarray] = {}
        self._canvas = FigureCanvasAgg(figure)
        self._encoder = PngEncoder()
        self._zones_by_id: Any = None
        self._disagreement_lines: list[str] = []
        self._text_extents: list[tuple[float, float, float]] = []
        self.style: Any = None
        self.school: str | None = None
        self.source: str | None = None
        self.areas: list[Any] = []  # MapArea drawn, in drawing order
        self.callouts: list[Any] = []  # labels.Callout, one per area part and foot
        self._area_polys: list[tuple[Any, str, np.ndarray]] = []

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
            self._backgrounds.clear()
        return self._ax

    def get_position(self) -> tuple[float, float, float, float]:
        """The drawing area as (left, bottom, width, height) in figure fractions."""
        return tuple(float(v) for v in self._box.bounds)  # type: ignore[return-value]

    def set_position(self, bounds: tuple[float, float, float, float]) -> Chart:
        """Move the drawing area (figure fractions); every chart artist follows."""
        self._box.set_points(Bbox.from_bounds(*bounds).get_points())
        if self._ax is not None:
            self._ax.set_position(bounds)
        self._backgrounds.clear()
        return self

    def refresh(self) -> Chart:
        """Forget the cached background, e.g. after adding artists to :attr:`figure` or :attr:`ax`."""
        self._backgrounds.clear()
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
        # colours as an array (converted once per name): a list of names is parsed on every call
        self._hl_zones.set_facecolor(_rgba(zcols) if zcols else "none")  # type: ignore[arg-type]
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
        "path": [(u, v), ...], "label": str | None}`` (u, v as in the zone data); an optional
        ``"label_size"`` (points, default 7.5) for a chart printed smaller than it is drawn."""
        # Lines and heads are kept and moved (making a FancyArrowPatch cost more than drawing
        # it); labels, which few arrows have, are made anew.
        for artist in self._arrow_labels:
            artist.remove()
            self._dynamic.remove(artist)
        self._arrow_labels = []
        arrows = tuple(arrows or ())
        self.state.arrows = arrows
        used = 0
        for arrow in arrows:
            path = np.asarray(arrow.get("path") or [], float).reshape(-1, 2)
            if len(path) < 2:
                continue
            foot = arrow.get("foot", "both")
            feet = self.feet if foot in ("both", "each", None) else [f for f in self.feet if f == foot]
            for f in feet:
                xy = self.place(self.shape.uv_to_xy(path, self.view, arrow.get("anchor", "sole")), f)
                if used == len(self._arrow_pool):
                    line = Line2D([], [], color=ARROW_COLOUR, lw=2.2, solid_capstyle="round", zorder=8)
                    head = FancyArrowPatch((0.0, 0.0), (1.0, 1.0), arrowstyle="-|>", mutation_scale=16,
                                           color=ARROW_COLOUR, lw=2.2, zorder=8, shrinkA=0, shrinkB=0)
                    self._arrow_pool.append((_add(self, line), _add(self, head)))
                    self._dynamic += [line, head]
                line, head = self._arrow_pool[used]
                used += 1
                line.set_data(xy[:, 0], xy[:, 1])
                head.set_positions(tuple(xy[-2]), tuple(xy[-1]))
                line.set_visible(True)
                head.set_visible(True)
                label = arrow.get("label")
                if label:
                    # On a white tag edged in the arrow's colour: the label sits where the stroke
                    # starts, usually over a highlighted area and the foot's outline, where bare
                    # small coloured text was hard to read.
                    text = self.figure.text(xy[0, 0], xy[0, 1], label, fontsize=arrow.get("label_size", 7.5),
                                            weight="bold",
                                            color=ARROW_COLOUR, zorder=9, va="top",
                                            ha="left" if f == "right" else "right", transform=self.transData,
                                            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                                  "edgecolor": ARROW_COLOUR, "linewidth": 0.6, "alpha": 0.92})
                    self._arrow_labels.append(text)
                    self._dynamic.append(text)
        _keep_apart(self._arrow_labels, self.transData, self.figure.dpi, *self.figure.bbox.size)
        for line, head in self._arrow_pool[used:]:
            line.set_visible(False)
            head.set_visible(False)
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
        """PNG bytes of the chart, redrawing only the overlay artists when possible.

        The same pixels as drawing the whole figure: the static chart is kept as an image, and
        the overlays (highlight, fade, arrows, marker) are drawn on it in z-order. When an
        overlay lies under static artists — a highlight under the call-out numbers — the image
        is of the artists beneath it, and those above (numbers, legends, foot names) are drawn
        after it, so a highlighted area never hides its number. A chart that draws exactly
        what an earlier one drew (same shape, map, size, colours …) takes that one's image
        instead of drawing it (see :mod:`.raster_cache`).
        """
        store_key, background = self._draw_layers(dpi)
        png = canvas_png(self._canvas, self._encoder)
        if store_key is not None:
            raster_cache.store(store_key, raster_cache.Raster(background, self._encoder.bands))
        return png

    def _draw_layers(self, dpi: float | None) -> tuple[Any, np.ndarray]:
        """Bring the canvas up to date (kept background + overlays in z-order); returns the
        raster-cache key to store the background under (None if it came from the cache) and it."""
        canvas = self._canvas
        if dpi is not None and dpi != self.figure.dpi:
            self.figure.set_dpi(dpi)
            self._backgrounds.clear()
        dynamic = {id(a) for a in self._dynamic}
        # an empty collection draws nothing but still costs a renderer round trip
        overlays = [a for a in self._dynamic
                    if a.get_visible() and not (hasattr(a, "get_paths") and not len(a.get_paths()))]
        lowest = min((a.get_zorder() for a in overlays), default=None)
        above = [] if lowest is None else [a for a in self.figure.get_children()
                                           if id(a) not in dynamic and a is not self.figure.patch
                                           and a.get_visible() and a.get_zorder() > lowest]
        layer = "bottom" if above else "full"
        pixels = np.asarray(canvas.get_renderer().buffer_rgba())
        background = self._backgrounds.get(layer)
        store_key = None
        if background is None:
            left_out = [*self._dynamic, *above]
            key = raster_cache.fingerprint(self.figure, left_out)
            hit = raster_cache.find(key)
            if hit is not None:
                background = hit.rgba
                pixels[...] = background
                self._encoder.seed(background.shape, hit.bands)
            else:
                shown = [(a, a.get_visible()) for a in left_out]
                for a, _ in shown:
                    a.set_visible(False)
                canvas.draw()
                for a, vis in shown:
                    a.set_visible(vis)
                pixels = np.asarray(canvas.get_renderer().buffer_rgba())
                background = pixels.copy()
                store_key = key
            self._backgrounds[layer] = background
        else:
            pixels[...] = background
        # the rest in the figure's own drawing order: by z-order, ties in the order of its children
        rest = set(map(id, (*overlays, *above)))
        order = sorted((a for a in self.figure.get_children() if id(a) in rest), key=lambda a: a.get_zorder())
        if order and order[0] is self._veil:
            # The veil (dimming everything not highlighted) covers the whole foot and changes only
            # with the background: keep the background as seen through it.
            order = order[1:]
            if self._veiled is not None and self._veiled[0] is background:
                pixels[...] = self._veiled[1]
            else:
                self.figure.draw_artist(self._veil)
                self._veiled = (background, pixels.copy())
        for artist in order:
            self.figure.draw_artist(artist)
        return store_key, background

    def render_rgba(self, dpi: float | None = None) -> np.ndarray:
        """The chart's pixels (height × width × 4, uint8, a copy): :meth:`render_png` without
        the PNG. Why: a picture placed inside another figure (a routine's second view) needs
        pixels, and encoding them only to decode them again cost more than drawing them."""
        store_key, background = self._draw_layers(dpi)
        if store_key is not None:
            raster_cache.store(store_key, raster_cache.Raster(background, []))
        return np.asarray(self._canvas.buffer_rgba()).copy()

    def _repr_png_(self) -> bytes:
        return self.render_png()

    def __repr__(self) -> str:
        return f"Chart(view={self.view!r}, feet={self.feet!r}, zones={len(self.zone_ids)})"

    @property
    def alt_text(self) -> str:
        """The long text description of what the chart shows (the image's alt text)."""
        from .captions import alt_text

        return alt_text(self)

    @property
    def caption(self) -> str:
        """One short sentence to show under the figure (the details are in :attr:`alt_text`)."""
        from .captions import caption

        return caption(self)

    def legend_entries(self, foot: str) -> list[tuple[int, str]]:
        """``(number, name)`` of the call-outs drawn on ``foot``, in number order."""
        seen: dict[int, str] = {}
        for c in self.callouts:
            if c.foot == foot:
                seen.setdefault(c.number, c.text)
        return sorted(seen.items())

    def areas_at(self, x: float, y: float) -> list[Any]:
        """The drawn areas (:class:`~foot_lib.geometry.maps.MapArea`) under chart point ``(x, y)``,
        innermost first — what a click on this map points at."""
        from ..geometry.foot_shape import points_in_polygon

        hits = []
        for area, _foot, poly in self._area_polys:
            if points_in_polygon(np.array([[x, y]]), poly)[0] and area not in hits:
                hits.append(area)
        return hits[::-1]


# -- building -------------------------------------------------------------------------------
def _systems(course: Any) -> dict[str, dict[str, str]]:
    """Each body system's label, colour and hatch, read from the table every time.

    Why not cached by the table's identity: a learner who recolours a system in place
    (``course.body_systems.loc[...] = ...``) keeps the same DataFrame, and the next chart must
    show the new colour. Ten rows cost a few microseconds.
    """
    return {r["id"]: {"label": r["label"], "colour": r["colour"], "hatch": r["hatch"] or ""}
            for r in records(course.body_systems, ["id", "label", "colour", "hatch"])}


def _regions(course: Any, view: str, kind: str | None = None) -> list[ShapeRow]:
    """The region rows of ``view`` (cached per regions table: parsed once, not per chart)."""
    table = course["regions"] if "regions" in course else None  # noqa: SIM401 (Course is no dict)
    return memo(("region rows", id(table), view, kind), lambda: (table, regions(course, view, kind)))[1]


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
    school: str | None = None,
    source: str | None = None,
    style: Any = None,
    reserve_bottom: float = 0.0,
) -> Chart:
    """Draw the foot chart and return a :class:`Chart`.

    One map at a time: ``school`` (default: the common chart; see ``schools.csv``, or
    ``"all"`` for every placement at once), or ``source`` (every placement one source section,
    article or reference gives), or explicit ``zones`` (ids, drawn with their own shapes).
    ``disagreements``: True (every body part the sources place in more than one spot), a body
    part, or a list of them — draws only those placements, each named with its sources.
    ``labels``: numbered call-outs with a legend beside each foot. ``highlight``: zone or
    region ids to emphasise. ``color_by``: 'body_system' or None (grey). ``guidelines`` /
    ``fitzgerald``: chart lines and Fitzgerald's longitudinal zones. ``arrows``: see
    :meth:`Chart.set_arrows`. ``regions_only``: a plain outline for routines, no zones (see
    :func:`draw_regions`). ``hatches``: each body system's hatch pattern too (print).
    ``style``: 'normal', 'large' (presenter: bigger text, high contrast) or a
    :class:`~foot_lib.drawing.style.ChartStyle`. ``fast_text``: labels as cached glyph
    outlines (quick on screen); exports use real text. ``reserve_bottom``: inches kept free
    at the foot of the figure (a handout's footnote).
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    feet = tuple(feet)
    if not feet or any(f not in FEET for f in feet):
        raise ValueError(f"feet must be a non-empty sequence of 'left'/'right', got {feet!r}")
    if color_by not in ("body_system", None):
        raise ValueError("color_by must be 'body_system' or None")
    st = chart_style(style, hatches=hatches or None)
    chart_store.load()  # label outlines and parsed shapes a previous process stored
    shape = intern_shape(shape or FootShape.from_course(course))
    systems = _systems(course)
    parts_disagree: list[str] = []
    if disagreements is not None and disagreements is not False:
        parts_disagree = _disagreeing_parts(course, view, disagreements)
        if zones is None:
            zf = course.zones
            zones = zf.loc[zf["body_part"].isin(parts_disagree), "id"].tolist()
    if zones is not None:
        zones = list(zones)
    areas = [] if regions_only else map_areas(course, view, school=school, source=source, zones=zones)
    own_map = not parts_disagree and (zones is not None or source is not None or school not in (None, "common"))
    if own_map and not parts_disagree:
        # placements of one source may overlap: big areas first, so small ones stay visible on top
        areas = sorted(areas, key=lambda a: -sum(polygon_area(p) for p in shape_polygons(a.row, shape)))
    zone_info = {r["id"]: r for r in records(course.zones, ["id", "source"])} if parts_disagree else {}

    # -- layout pass: which areas go on which foot, their numbers, the figure's geometry --------
    placed: list[tuple[Any, str, _Placed]] = []
    for area in areas:
        for f in _feet_of(area.foot, feet):
            placed.append((area, f, _placed(area.row, shape, f)))
    drawn_areas = list(dict.fromkeys(a for a, _, _ in placed))

    def text_of(area: Any) -> str:
        if not parts_disagree:
            return area.label
        cited = [s for s in zone_info[area.zones[0]]["source"] if s.startswith("S")]
        return f"{area.label}: {', '.join(cited or zone_info[area.zones[0]]['source'])}"

    numbers: dict[str, int] = {}
    if labels and drawn_areas:
        # numbers run from the toes (1) towards the heel: by how far along the foot (v) each
        # area reaches, in every view, then across it (u)
        key = {a.id: (-round(max(float(p.uv[:, 1].max()) for p in a.row.parts) / 0.02),
                      float(a.row.parts[0].uv[:, 0].mean())) for a in drawn_areas}
        for k, a in enumerate(sorted(drawn_areas, key=lambda a: key[a.id]), start=1):
            numbers[a.id] = k
    texts_by_id = {a.id: text_of(a) for a in drawn_areas}
    names = {f: [texts_by_id[a.id] for a, ff, _ in placed if ff == f] for f in feet} if labels else {}
    used_systems = list(dict.fromkeys(a.system for a in drawn_areas))
    shown_systems = [systems[s]["label"] for s in used_systems if s in systems]
    ncol = system_legend_columns(shown_systems, st, figure_width(feet, figsize), 4 if len(feet) == 2 else 2)
    legend_rows = -(-len(shown_systems) // ncol) if legend and shown_systems and color_by else 0
    foot_outlines = {f: np.vstack(_outline(shape, view, f, "skin")[0]) for f in feet}
    lay = layout(shape, view, feet, outlines=foot_outlines, names=names, figsize=figsize, title=title is not False,
                 legend_rows=legend_rows, style=st, guidelines=guidelines, reserve=reserve_bottom)
    fig = Figure(figsize=lay.figsize, dpi=100)
    chart = Chart(course, shape, view, feet, fig, lay.box, lay.xlim, lay.ylim)
    chart.style, chart.source = st, source
    chart.school = (school or "common") if zones is None and source is None else None
    texts = _TextBatch(fig, chart.transData, fast_text)
    chart.options = {"guidelines": guidelines, "fitzgerald": fitzgerald, "labels": labels,
                     "legend": legend, "regions_only": regions_only, "color_by": color_by,
                     "disagreements": parts_disagree, "dim": dim}
    L = shape.length
    data_per_pt = (lay.xlim[1] - lay.xlim[0]) / (lay.box[2] * lay.figsize[0] * 72)

    # -- draw pass --------------------------------------------------------------------------
    show_print = footprint if footprint is not None else view == "plantar" and not areas
    skin = [a for f in feet for a in _outline(shape, view, f, "skin")[0]]
    base = [p for f in feet for p in _outline(shape, view, f, "skin")[1]]
    colours = [st.skin] * len(base)
    if show_print:
        prints = [p for f in feet for p in _outline(shape, view, f, "print")[1]]
        base += prints
        colours += [PRINT_COLOUR] * len(prints)
    _add(chart, PathCollection(base, facecolors=_rgba(colours), edgecolors="none", zorder=1))
    if view == "dorsal":
        nails = [p for f in feet for p in _outline(shape, view, f, "nails")[1]]
        _add(chart, PathCollection(nails, facecolors="white", edgecolors=OUTLINE, lw=0.6, zorder=1.6))
    edges = [p for f in feet for p in _outline(shape, view, f, "edges")[1]]
    _add(chart, PathCollection(edges, facecolors="none", edgecolors=OUTLINE if st.name == "normal" else "#000000",
                               linewidths=st.outline_width, zorder=6))

    # areas: one collection per (nesting depth, hatch), so nested areas are drawn on top
    depth = {a.id: 0 for a in drawn_areas}
    for a in drawn_areas:  # map_areas puts containers first
        depth[a.id] = 1 + max((depth.get(p, -1) for p in a.within), default=-1)
    groups: dict[tuple[int, str], tuple[list[Path], list[str]]] = {}
    drawn_zone_ids: list[str] = []
    for area, f, pl in placed:
        info = systems.get(area.system, {"colour": UNCOLOURED, "hatch": ""})
        colour = info["colour"] if color_by else UNCOLOURED
        hatch = info["hatch"] if (color_by and st.hatches) else ""
        g = groups.setdefault((depth[area.id], hatch), ([], []))
        g[0].extend(pl.paths)
        g[1].extend([colour] * len(pl.paths))
        for poly in pl.polys:
            chart._area_polys.append((area, f, poly))
            for zid in area.zones:
                chart._zone_items.append(_Item(zid, f, poly, colour))
        drawn_zone_ids.extend(area.zones)
    chart.zone_ids = list(dict.fromkeys(drawn_zone_ids))
    chart.areas = drawn_areas
    alpha = 0.35 if parts_disagree else (0.6 if own_map else st.fill_alpha)
    for (_d, hatch), (paths, cols) in sorted(groups.items()):
        fill = _rgba(cols)
        fill[:, 3] = alpha
        coll = PathCollection(paths, facecolors=fill, edgecolors=st.area_edge, linewidths=st.area_edge_width,
                              zorder=3)
        if hatch:
            coll.set_hatch(hatch)
        _add(chart, coll)
    if parts_disagree:
        # outline each placement with its own line style so overlapping ones stay distinct
        outlines: list[Path] = []
        dashes: list[str] = []
        styles = ["-", "--", ":", "-."]
        for _area_, _f, pl in placed:
            outlines += pl.paths
            dashes += [styles[drawn_areas.index(_area_) % len(styles)]] * len(pl.paths)
        _add(chart, PathCollection(outlines, facecolors="none", edgecolors="black", linewidths=1.3,
                                   linestyles=dashes, zorder=4))

    # regions, guidelines, Fitzgerald ------------------------------------------------------
    for r in _regions(course, view):
        if r.kind == "area":
            chart._region_labels[r.target] = r.target
            for f in feet:
                chart._region_items += [_Item(r.target, f, poly) for poly in _placed(r, shape, f).polys]
    rlabels = dict(zip(course.regions["id"], course.regions["label"], strict=True)) if "regions" in course else {}
    chart._region_labels = {k: rlabels.get(k, k) for k in chart._region_labels}
    avoid: list[np.ndarray] = []
    if guidelines and view == "plantar":
        lines = []
        for r in _regions(course, view, "guideline"):
            ends = []
            for f in feet:
                for ln in r.lines(shape):
                    seg = chart.place(ln, f)
                    lines.append(seg)
                    ends.append(seg[np.argmin(np.abs(seg[:, 0]))])
            name = rlabels.get(r.target, r.target).split(" (")[0]
            crosses = any(p.uv[:, 0].min() <= 0.0 for p in r.parts)
            if crosses:
                x = 0.0 if len(feet) == 2 else ends[0][0]
                y = float(np.mean([e[1] for e in ends]))
            else:
                mid = chart.place(r.lines(shape)[0], feet[0])
                x, y = mid[len(mid) // 2]
            texts.add(x, y, name, st.size("guide"), ha="center", va="center", color="#222222", style="italic",
                      halo=True)
        _add(chart, LineCollection(lines, colors="#222222", linewidths=1.0, linestyles=(0, (5, 3)), zorder=5))
    if fitzgerald and view == "plantar":
        fpolys, nums = [], []
        for r in _regions(course, view, "fitzgerald"):
            number = r.target.rsplit("-", 1)[-1]
            for f in feet:
                polys = shape_polygons(r, shape)
                for poly in polys:
                    fpolys.append(chart.place(poly, f))
                heel_pt = chart.place(polys[0].mean(axis=0)[None], f)[0]
                nums.append((heel_pt[0], 0.03 * L, number))
        _add(chart, PolyCollection(fpolys, facecolors="none", edgecolors="#555555",
                                   linewidths=0.9, linestyles=(0, (1, 2)), zorder=5))
        for x, y, n in nums:
            texts.add(x, y, n, 8 * st.scale, ha="center", va="center", weight="bold", halo=True)

    # call-outs ---------------------------------------------------------------------------
    if labels and drawn_areas:
        radius = 0.7 * st.size("callout") * data_per_pt
        requests = []
        children: dict[tuple[str, str], list[np.ndarray]] = {}
        for area, f, pl in placed:
            for parent in area.within:
                children.setdefault((parent, f), []).extend(pl.polys)
        for area, f, pl in placed:
            requests.append(CalloutRequest(area.id, f, texts_by_id[area.id], list(pl.polys),
                                           children.get((area.id, f), [])))
        chart.callouts = place_callouts(requests, numbers, radius, avoid=avoid,
                                        repeat_parts=not parts_disagree)
        draw_callouts(chart, texts, radius, st)
        foot_legends(chart, texts, lay, st, foot_outlines)

    # legend, title ------------------------------------------------------------------------
    if legend and legend_rows:
        system_legend(fig, systems, drawn_areas, color_by, st, texts, lay.bottom_legend, ncol, alpha)
    if title is None:
        title = _default_title(course, view, feet, regions_only, parts_disagree, chart)
    if title:
        texts.add(0.5, 1 - 0.12 / lay.figsize[1], title, st.size("title"), ha="center", va="top", weight="bold",
                  figure_coords=True)
        chart.title = title
    for f in feet:
        ext = np.vstack(_outline(shape, view, f, "skin")[0])
        x = float(ext[:, 0].mean()) if view in TOP_VIEWS else float((ext[:, 0].min() + ext[:, 0].max()) / 2)
        # side views keep their legends underneath: the foot's name goes above it there
        y, va = (lay.ylim[1], "top") if lay.legend_below else (lay.ylim[0] + 0.005 * L, "bottom")
        texts.add(x, y, f"{f.upper()} FOOT", st.size("foot"), ha="center", va=va,
                  weight="bold", color="#333333" if st.name == "normal" else "#000000")

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
    chart_store.save()  # for the next process, while the caches are warmed (python -m foot_lib.warm_caches)
    return chart


def _default_title(course: Any, view: str, feet: tuple[str, ...], regions_only: bool, parts_disagree: list[str],
                   chart: Chart) -> str:
    if parts_disagree:
        return "Where the sources place the same organ"
    if regions_only:
        who = " and ".join(feet)
        return f"Foot areas — {who} {'foot' if len(feet) == 1 else 'feet'}"
    where = VIEW_NAMES[view].split(" (")[0]
    if chart.source:
        return f"Placements given by {chart.source}: {where}"
    if chart.school:
        label = dict(zip(course.schools["id"], course.schools["label"], strict=True)).get(chart.school, chart.school) \
            if "schools" in course else chart.school
        if chart.school == "all":
            label = "Every placement"
        return f"Reflexology chart of the {where}: {label.lower()}"
    return f"Reflexology chart: {where}"


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


def warm_label_cache(course: Any) -> bool:
    """Build the charts lessons draw first, so their labels' outlines, text widths and parsed
    shapes are stored for every later process (``python3 course.py`` calls this; see
    :mod:`.chart_store`). Always built, not skipped when a store exists: a changed chart may
    need strings the store lacks. Nothing is rendered, and the store is rewritten only when it
    grew, so this takes a few tenths of a second. True if a store is in place afterwards."""
    for view in VIEWS:
        draw_chart(course, view=view)
    draw_chart(course, style="large")
    draw_chart(course, style="large", figsize=(12.0, 8.0))  # the presenter's
    draw_regions(course, feet=("left",), labels=False, title=False)
    # the reflex-map lesson's families: where sources disagree, the guide lines, each source's map
    draw_chart(course, disagreements=True)
    draw_chart(course, guidelines=True)
    draw_chart(course, fitzgerald=True)
    for source in sorted({s for cell in course["zones"]["source"] for s in cell}):
        draw_chart(course, source=source)
    return chart_store.save() or chart_store.stored()


def draw_regions(course: Any, highlight: Iterable[str] = (), shape: FootShape | None = None, *,
                 feet: Sequence[str] = FEET, view: str = "plantar", **kwargs: Any) -> Chart:
    """A plain outline with named regions (regions.csv) highlighted — for routine steps."""
    kwargs.setdefault("legend", False)
    kwargs.setdefault("dim", False)
    return draw_chart(course, shape, feet=feet, view=view, highlight=highlight, regions_only=True,
                      **kwargs)
