"""Zone and region shapes as data: parse, validate, and place them on any foot.

Shapes live in ``data/zone_shapes.csv`` and ``data/regions.csv`` as short text a teacher can
edit in a spreadsheet, written in foot-relative ``(u, v)`` (see :mod:`foot_lib.geometry.foot_shape`),
so one table fits every foot size and both feet. Grammar of a ``shape`` cell:

* ``ellipse u v ru rv`` — centre and half-sizes (optionally a 5th number: turn in degrees);
* ``polygon u v; u v; u v ...`` — at least three corners, edges must not cross;
* ``line u v; u v ...`` — an open line (guidelines in regions.csv only);
* several parts joined with `` | `` (e.g. one ellipse per toe). The ``anchor`` cell then holds
  one anchor for all parts or one per part, separated by ``;``.

Every number must lie in 0..1. Bad geometry is reported as a :class:`DataError` naming
file, line and column, by checks registered for the two tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from ..data.loading import Checks, records
from .foot_shape import ANCHORS, TOP_VIEWS, FootShape, next_vertex

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

KINDS = ("ellipse", "polygon", "line")
_ELLIPSE_POINTS = 32


class ShapeError(ValueError):
    """A problem with one shape cell; the caller adds file, line and column."""

    def __init__(self, message: str, column: str = "shape") -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Part:
    """One piece of a shape, in foot-relative coordinates."""

    kind: str
    anchor: str
    uv: np.ndarray  # N×2; for ellipses the sampled outline

    @property
    def closed(self) -> bool:
        return self.kind != "line"

    def to_xy(self, shape: FootShape, view: str) -> np.ndarray:
        """The part's points in canonical millimetres on ``shape``."""
        return shape.uv_to_xy(self.uv, view, self.anchor)


def _numbers(text: str, where: str) -> list[float]:
    out = []
    for token in text.split():
        try:
            value = float(token)
        except ValueError:
            raise ShapeError(f"{where}: {token!r} is not a number") from None
        if not math.isfinite(value):
            raise ShapeError(f"{where}: {token!r} is not a finite number")
        out.append(value)
    return out


def self_intersects(poly: np.ndarray) -> bool:
    """True if the closed ring ``poly`` is not simple: it crosses or touches itself.

    Caught (as shapely's validity check, the tests' reference, reports them): two edges that
    cross; the ring touching itself at a vertex (a corner listed twice, a pinched figure of
    eight); a corner lying on another edge; edges running along each other (collinear
    overlap, including a spike that doubles back). Repeated consecutive corners are allowed.

    Every pair of edges is tested at once with numpy: checking every shape at load time in a
    Python double loop cost a twentieth of a second each time a lesson started.
    """
    pts = np.asarray(poly, float)
    if len(pts) > 1:  # drop repeated consecutive corners (and a closing copy of the first)
        keep = np.any(pts != np.concatenate((pts[-1:], pts[:-1])), axis=1)  # each vertex vs the one before
        pts = pts[keep] if keep.any() else pts[:1]
    n = len(pts)
    if n < 3:
        return n > 0  # fewer than three different corners in a row is no ring at all
    a, b = pts, next_vertex(pts)  # edge k runs from a[k] to b[k]
    d = b - a
    scale = float(np.abs(pts).max()) or 1.0
    eps = 1e-12 * scale * scale

    def orient(o: np.ndarray, vec: np.ndarray, p: np.ndarray) -> np.ndarray:
        # sign of the turn from edge (o, o + vec) to point p, for every edge × every point
        raw = vec[:, None, 0] * (p[None, :, 1] - o[:, None, 1]) - vec[:, None, 1] * (p[None, :, 0] - o[:, None, 0])
        return np.where(np.abs(raw) <= eps, 0.0, np.sign(raw))

    s1, s2 = orient(a, d, a), orient(a, d, b)  # [j, i]: edge j against both ends of edge i
    i, j = np.triu_indices(n, k=1)
    e1, e2 = s1[j, i], s2[j, i]  # edge j against the ends of edge i
    e3, e4 = s1[i, j], s2[i, j]  # edge i against the ends of edge j
    collinear = (e1 == 0) & (e2 == 0)
    lo_i, hi_i = np.minimum(a[i], b[i]), np.maximum(a[i], b[i])
    lo_j, hi_j = np.minimum(a[j], b[j]), np.maximum(a[j], b[j])
    boxes_meet = np.all(np.maximum(lo_i, lo_j) <= np.minimum(hi_i, hi_j), axis=1)
    touch = np.where(collinear, boxes_meet, (e1 * e2 <= 0) & (e3 * e4 <= 0))
    adjacent = (j == i + 1) | ((i == 0) & (j == n - 1))
    # Adjacent edges always share a corner; they are wrong only when they run back along
    # each other (collinear, pointing in opposite directions).
    first = np.where(j == i + 1, i, j)  # the edge that ends at the shared corner
    second = np.where(j == i + 1, j, i)
    folds = collinear & (np.einsum("ij,ij->i", d[first], d[second]) < 0)
    return bool(np.any(np.where(adjacent, folds, touch)))


def _ellipse(cu: float, cv: float, ru: float, rv: float, turn: float) -> np.ndarray:
    a = np.linspace(0, 2 * math.pi, _ELLIPSE_POINTS, endpoint=False)
    c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    x, y = ru * np.cos(a), rv * np.sin(a)
    return np.column_stack([cu + c * x - s * y, cv + s * x + c * y])


def _densify(uv: np.ndarray, closed: bool, step: float = 0.02) -> np.ndarray:
    """Add points along long edges so straight (u, v) edges follow the foot's curves."""
    pts = np.vstack([uv, uv[:1]]) if closed else uv
    out = []
    for a, b in pairwise(pts):
        n = max(1, int(np.ceil(np.abs(b - a).max() / step)))
        out.append(a + (b - a) * np.arange(n)[:, None] / n)
    if not closed:
        out.append(pts[-1:])
    return np.vstack(out)


def parse_part(text: str, anchor: str, *, allow_lines: bool = False, label: str = "shape") -> Part:
    """Parse one part (``ellipse ...``, ``polygon ...`` or ``line ...``) and validate it."""
    text = text.strip()
    kind, _, rest = text.partition(" ")
    kind = kind.lower()
    if kind not in KINDS:
        raise ShapeError(f"{label}: starts with {kind!r}; expected 'ellipse', 'polygon' or 'line'")
    if kind == "line" and not allow_lines:
        raise ShapeError(f"{label}: 'line' is only allowed for guidelines in regions.csv")
    if kind == "ellipse":
        nums = _numbers(rest, label)
        if len(nums) not in (4, 5):
            raise ShapeError(f"{label}: an ellipse needs 4 or 5 numbers (u v ru rv [turn]), got {len(nums)}")
        cu, cv, ru, rv = nums[:4]
        if ru <= 0 or rv <= 0:
            raise ShapeError(f"{label}: the ellipse's half-sizes must be above 0")
        uv = _ellipse(cu, cv, ru, rv, nums[4] if len(nums) == 5 else 0.0)
    else:
        points = [p for p in rest.split(";") if p.strip()]
        uv_list = []
        for k, point in enumerate(points, start=1):
            nums = _numbers(point, f"{label}, point {k}")
            if len(nums) != 2:
                raise ShapeError(f"{label}, point {k}: expected two numbers 'u v', got {point.strip()!r}")
            uv_list.append(nums)
        minimum = 3 if kind == "polygon" else 2
        distinct = {tuple(p) for p in uv_list}
        if len(distinct) < minimum:
            raise ShapeError(
                f"{label}: a {kind} needs at least {minimum} different points, got {len(distinct)}")
        uv = np.array(uv_list, float)
        if kind == "polygon" and self_intersects(uv):
            raise ShapeError(f"{label}: the polygon's edges cross each other (self-intersecting); "
                             "list the corners in order around the shape")
    if kind != "ellipse" and anchor == "sole":
        # (toe-anchored points are carried by the toe's frame; they are not subdivided)
        uv = _densify(uv, closed=kind == "polygon")
    if uv.min() < -1e-9 or uv.max() > 1 + 1e-9:
        bad = uv[(uv < -1e-9).any(axis=1) | (uv > 1 + 1e-9).any(axis=1)][0]
        raise ShapeError(f"{label}: point ({bad[0]:.3g}, {bad[1]:.3g}) lies outside 0..1; u and v "
                         "are fractions of the foot's width and length")
    return Part(kind=kind, anchor=anchor, uv=uv)


def parse_shape(text: str, anchors: tuple[str, ...] | list[str] | str, view: str, *,
                allow_lines: bool = False) -> tuple[Part, ...]:
    """Parse a whole ``shape`` cell with its ``anchor`` cell. Raises :class:`ShapeError`."""
    if isinstance(anchors, str):
        anchors = tuple(a.strip() for a in anchors.split(";") if a.strip())
    key = (text, tuple(anchors), view, allow_lines)
    parts = PARSED.get(key)
    if parts is None:
        if len(PARSED) > 4096:
            PARSED.clear()
        parts = PARSED[key] = _parse(*key)
    return parts


PARSED: dict[tuple[str, tuple[str, ...], str, bool], tuple[Part, ...]] = {}
"""Parsed shape cells by (text, anchors, view, allow_lines): the same cells are parsed by the
load-time check and by every drawing. A plain dict (the result depends only on the key) so
the drawing layer can keep it between processes with the label outlines
(:mod:`foot_lib.drawing.chart_store`)."""


def _parse(text: str, anchors: tuple[str, ...], view: str, allow_lines: bool) -> tuple[Part, ...]:
    pieces = [p for p in (text or "").split("|") if p.strip()]
    if not pieces:
        raise ShapeError("the shape is empty; write e.g. 'ellipse 0.5 0.5 0.1 0.05'")
    anchors = tuple(anchors) or ("sole",)
    if len(anchors) not in (1, len(pieces)):
        raise ShapeError(f"{len(anchors)} anchors for {len(pieces)} shape parts; give one anchor "
                         "for all parts or one per part", column="anchor")
    parts = []
    for k, piece in enumerate(pieces):
        anchor = anchors[0] if len(anchors) == 1 else anchors[k]
        if anchor not in ANCHORS:
            raise ShapeError(f"{anchor!r} is not an anchor; expected one of {', '.join(ANCHORS)}",
                             column="anchor")
        if anchor != "sole" and view not in TOP_VIEWS:
            raise ShapeError(f"toe anchor {anchor!r} only works in the plantar and dorsal views",
                             column="anchor")
        label = "shape" if len(pieces) == 1 else f"shape part {k + 1}"
        parts.append(parse_part(piece, anchor, allow_lines=allow_lines, label=label))
    return tuple(parts)


def _anchors(value: Any) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return tuple(a.strip() for a in str(value or "sole").split(";") if a.strip())


@dataclass(frozen=True)
class ShapeRow:
    """A parsed row of zone_shapes.csv or regions.csv."""

    row_id: str
    target: str  # the zone id (zone_shapes) or region id (regions)
    view: str
    kind: str  # 'zone', or the region's kind
    parts: tuple[Part, ...]

    def polygons(self, shape: FootShape) -> list[np.ndarray]:
        """Closed parts in canonical millimetres."""
        return [p.to_xy(shape, self.view) for p in self.parts if p.closed]

    def lines(self, shape: FootShape) -> list[np.ndarray]:
        """Open parts (guidelines) in canonical millimetres."""
        return [p.to_xy(shape, self.view) for p in self.parts if not p.closed]


def _rows(course: Course, table: str) -> list[ShapeRow]:
    frame = course[table]
    out = []
    is_regions = table == "regions"
    for pos, row in enumerate(records(frame)):
        kind = row.get("kind", "zone") if is_regions else "zone"
        try:
            parts = parse_shape(row["shape"], _anchors(row["anchor"]), row["view"],
                                allow_lines=is_regions and kind == "guideline")
        except ShapeError as exc:
            raise course.error(table, pos, exc.column, str(exc)) from None
        target = row["id"] if is_regions else row["zone"]
        out.append(ShapeRow(row_id=row["id"], target=target, view=row["view"], kind=kind, parts=parts))
    return out


def zone_shapes(course: Course, view: str | None = None) -> list[ShapeRow]:
    """Parsed zone shape rows (optionally only those drawn in ``view``)."""
    rows = _rows(course, "zone_shapes") if "zone_shapes" in course else []
    return [r for r in rows if view is None or r.view == view]


def regions(course: Course, view: str | None = None, kind: str | None = None) -> list[ShapeRow]:
    """Parsed region rows (optionally filtered by view and kind)."""
    rows = _rows(course, "regions") if "regions" in course else []
    return [r for r in rows if (view is None or r.view == view) and (kind is None or r.kind == kind)]


def zones_without_shape(course: Course) -> list[str]:
    """Ids of zones on the foot (surface other than ``leg``) that have no shape row."""
    have = {r.target for r in zone_shapes(course)}
    zones = course.zones
    return [z for z, s in zip(zones["id"], zones["surface"], strict=True) if s != "leg" and z not in have]


def check_zone_shapes(course: Course) -> None:
    """Every shape parses, stays inside 0..1 and does not cross itself; the foot they are drawn
    on (``foot_shape.json``, if the folder has one) has valid proportions."""
    FootShape.from_course(course)
    _rows(course, "zone_shapes")


def check_regions(course: Course) -> None:
    """Region shapes parse; guidelines are lines and areas are closed shapes."""
    rows = _rows(course, "regions")
    for pos, row in enumerate(rows):
        if row.kind == "guideline" and any(p.closed for p in row.parts):
            raise course.error("regions", pos, "shape", "a guideline must be drawn with 'line'")


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "zone_shapes": (check_zone_shapes,),
    "regions": (check_regions,),
}
