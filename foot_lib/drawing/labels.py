"""Where a chart's numbered call-outs go: one disc per area and foot, none overlapping.

The label design: every drawn area carries a small numbered disc; a legend beside each foot
lists that foot's numbers with their names. Why call-outs and not names with leader lines:
a sole holds about twenty areas, many only a few millimetres wide (pituitary, adrenals,
gallbladder); twenty names in a column beside each foot need long leader lines that cross
the foot and each other, while a number fits inside almost every area and its name can be
as large as the figure's body text in the legend. Numbers run from the toes to the heel and
are the same on both feet, so "7" is the lungs on either sole.

Pure numpy in chart coordinates (no matplotlib): the layout is computed once, then drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..geometry.foot_shape import grid_in_polygon, points_in_polygon


@dataclass(frozen=True)
class Callout:
    """A numbered disc on one foot. ``leader``: the disc sits outside its area (too small
    for it) and a short line joins it to ``anchor``, a point inside the area."""

    number: int
    foot: str
    key: str
    text: str
    xy: tuple[float, float]
    anchor: tuple[float, float]
    leader: bool = False


@dataclass
class CalloutRequest:
    """One area on one foot asking for a call-out. ``polys``: its parts in chart
    coordinates; ``holes``: polygons of areas nested inside it (keep the number off them)."""

    key: str
    foot: str
    text: str
    polys: Sequence[np.ndarray]
    holes: Sequence[np.ndarray] = ()


def _edge_distance(points: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Distance from each point to the polygon's boundary.

    Written per coordinate (points × edges arrays, no 3-D temporaries and no ``np.roll``):
    this is the layout's inner loop. The arithmetic is the same, operation for operation, as
    the vector form, so call-outs land on exactly the same spots.
    """
    ax, ay = poly[:, 0], poly[:, 1]
    abx = np.concatenate((ax[1:], ax[:1])) - ax
    aby = np.concatenate((ay[1:], ay[:1])) - ay
    px, py = points[:, 0, None], points[:, 1, None]
    apx, apy = px - ax, py - ay
    t = np.clip((apx * abx + apy * aby) / np.maximum(abx * abx + aby * aby, 1e-12), 0, 1)
    dx = px - (ax + t * abx)
    dy = py - (ay + t * aby)
    return np.sqrt((dx * dx + dy * dy).min(axis=1))


_CANDIDATES: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = {}
_MIRROR = np.array([-1.0, 1.0])  # x -> -x: a chart's right foot is the mirror image of its left


def _thin(poly: np.ndarray, most: int = 48) -> np.ndarray:
    """At most ``most`` of the polygon's vertices: plenty to measure clearance to a disc."""
    step = max(1, len(poly) // most)
    return poly[::step]


def _candidates(poly: np.ndarray, holes: Sequence[np.ndarray], step: float,
                mirrored: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Grid points inside ``poly`` (and outside its holes) with their clearance to any edge.

    ``mirrored`` (areas on the right foot): the search runs on the area's mirror image and the
    spots are mirrored back. A chart places its right foot as the exact mirror of its left
    (chart x = -x), so the right foot asks for exactly the left foot's search, which is then
    done once for both, and the two feet get mirror-image call-outs.

    Cached by the polygons' coordinates: a lesson or a widget redraws the same map on the same
    foot many times, and this search is the layout's cost.
    """
    if mirrored:
        pts, clear = _candidates(poly * _MIRROR, [h * _MIRROR for h in holes], step)
        return pts * _MIRROR, clear
    key = (poly.shape, poly.tobytes(), tuple((h.shape, h.tobytes()) for h in holes), round(step, 6))
    hit = _CANDIDATES.get(key)
    if hit is not None:
        return hit
    if len(_CANDIDATES) > 4096:
        _CANDIDATES.clear()
    value = _search(poly, holes, step)
    _CANDIDATES[key] = value
    return value


def _search(poly: np.ndarray, holes: Sequence[np.ndarray], step: float) -> tuple[np.ndarray, np.ndarray]:
    (x0, y0), (x1, y1) = poly.min(axis=0), poly.max(axis=0)
    n = max(3, int((x1 - x0) / step) + 1), max(3, int((y1 - y0) / step) + 1)
    xs, ys = np.linspace(x0, x1, min(n[0], 18)), np.linspace(y0, y1, min(n[1], 26))
    inside = grid_in_polygon(xs, ys, poly)
    for hole in holes:
        inside &= ~grid_in_polygon(xs, ys, hole)
    rows, cols = np.nonzero(inside)  # row-major, as the points of a meshgrid
    pts = np.column_stack([xs[cols], ys[rows]])
    if not len(pts):
        c = poly.mean(axis=0)[None]
        return c, np.zeros(1)
    clear = _edge_distance(pts, _thin(poly))
    for hole in holes:
        clear = np.minimum(clear, _edge_distance(pts, _thin(hole)))
    return pts, clear


def _area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return float(abs(x[:-1] @ y[1:] - x[1:] @ y[:-1] + x[-1] * y[0] - x[0] * y[-1]) / 2)


def place_callouts(requests: Sequence[CalloutRequest], numbers: dict[str, int], radius: float, *,
                   avoid: Sequence[np.ndarray] = (), repeat_parts: bool = True) -> list[Callout]:
    """Discs of ``radius`` (chart units) for every request, never overlapping each other.

    Tight areas choose first. Each disc goes where it has the most room inside its area; if
    no spot inside is free, it moves just outside with a leader. ``repeat_parts``: an area
    in several separate parts (one spot per toe, say) shows its number on each part big
    enough to hold it, so no part is left unnamed. ``avoid``: extra points (chart units)
    discs must keep clear of, e.g. the feet's own labels.
    """
    arrays = tuple(a for r in requests for a in (*r.polys, *r.holes))
    key = (tuple((r.key, r.foot, r.text, numbers[r.key], len(r.polys), len(r.holes)) for r in requests),
           tuple(id(a) for a in arrays), round(radius, 9), repeat_parts,
           tuple(tuple(np.asarray(p, float).round(6)) for p in avoid))
    hit = _LAYOUTS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], arrays, strict=True)):
        return list(hit[1])
    if len(_LAYOUTS) > 256:
        _LAYOUTS.clear()
    out = _place(requests, numbers, radius, avoid, repeat_parts)
    _LAYOUTS[key] = (arrays, out)
    return list(out)


_LAYOUTS: dict[tuple[object, ...], tuple[tuple[np.ndarray, ...], list[Callout]]] = {}


def _place(requests: Sequence[CalloutRequest], numbers: dict[str, int], radius: float,
           avoid: Sequence[np.ndarray], repeat_parts: bool) -> list[Callout]:
    """The greedy layout behind :func:`place_callouts` (which caches it: the same map on the
    same feet always gets the same call-outs, so a redraw need not search again)."""
    gap = 0.25 * radius
    placed: list[np.ndarray] = [np.asarray(p, float) for p in avoid]
    out: list[Callout] = []
    prepared = []
    for req in requests:
        parts = sorted(req.polys, key=_area, reverse=True)
        cands = [_candidates(p, req.holes, radius * 0.35, mirrored=req.foot == "right") for p in parts]
        room = max(float(c[1].max()) for c in cands)
        prepared.append((room, req, parts, cands))
    prepared.sort(key=lambda item: item[0])

    def free(pts: np.ndarray) -> np.ndarray:
        if not placed:
            return np.full(len(pts), np.inf)
        other = np.array(placed)
        dx = pts[:, 0, None] - other[None, :, 0]
        dy = pts[:, 1, None] - other[None, :, 1]
        return np.sqrt((dx * dx + dy * dy).min(axis=1))

    for _room, req, parts, cands in prepared:
        number = numbers[req.key]
        for k, (poly, (pts, clear)) in enumerate(zip(parts, cands, strict=True)):
            if k and (not repeat_parts or clear.max() < 0.8 * radius):
                continue
            room_left = free(pts)
            ok = room_left >= 2 * radius + gap
            best_inside = pts[int(np.argmax(clear))]
            if ok.any():
                # most clearance from the area's edges, preferring spots well away from other discs
                score = np.minimum(clear, radius * 6) + 0.15 * np.minimum(room_left, 3 * radius)
                score[~ok] = -np.inf
                xy = pts[int(np.argmax(score))]
                leader = clear[int(np.argmax(score))] < 0.55 * radius and k == 0
                if not leader:
                    placed.append(xy)
                    spot = (float(xy[0]), float(xy[1]))
                    out.append(Callout(number, req.foot, req.key, req.text, spot, spot))
                    continue
            if k:
                continue
            xy = _outside(best_inside, poly, radius, gap, free, mirrored=req.foot == "right")
            placed.append(xy)
            out.append(Callout(number, req.foot, req.key, req.text, (float(xy[0]), float(xy[1])),
                               (float(best_inside[0]), float(best_inside[1])), leader=True))
    return sorted(out, key=lambda c: (c.foot, c.number))


def _outside(anchor: np.ndarray, poly: np.ndarray, radius: float, gap: float, free: object,
             mirrored: bool = False) -> np.ndarray:
    """The nearest free disc position around ``anchor``, as close to the area as possible.

    ``mirrored``: the rings are tried in mirror order (as for the left foot, seen in a mirror),
    so a right-foot leader is the mirror image of its left-foot twin."""
    angles = np.radians(np.arange(0, 360, 15))
    circle = np.column_stack([np.cos(angles), np.sin(angles)])
    if mirrored:
        circle = circle * _MIRROR
    for dist in radius * np.array([1.6, 2.2, 2.8, 3.6, 4.6, 6.0, 8.0]):
        ring = anchor + dist * circle
        room = free(ring)  # type: ignore[operator]
        ok = room >= 2 * radius + gap
        if ok.any():
            # prefer spots outside the area itself, then the most room
            outside = ~points_in_polygon(ring, poly)
            score = room.clip(max=4 * radius) + 10 * radius * outside
            score[~ok] = -np.inf
            return ring[int(np.argmax(score))]
    return anchor + np.array([0.0, 8.0 * radius])


def segments_cross(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    """True if two line segments cross properly (for tests of leader lines)."""
    def orient(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
        return float((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    (p1, p2), (p3, p4) = a, b
    d1, d2, d3, d4 = orient(p3, p4, p1), orient(p3, p4, p2), orient(p1, p2, p3), orient(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0
