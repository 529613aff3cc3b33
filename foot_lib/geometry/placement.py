"""Where things go on a chart, and the caches that keep redrawing cheap (numpy only).

A chart shows both feet side by side, left foot on the left, big toes towards the middle
(side views: heels outside). :func:`to_chart` / :func:`from_chart` move canonical foot
millimetres onto one foot of a chart and back. Everything here is plain arrays, so the
point lookups (:mod:`foot_lib.geometry.identify`) and the drawing layer share one geometry
and one set of caches without the geometry layer importing matplotlib.

Why the caches: placing and measuring every polygon again for each chart cost about as
much as drawing it, and a lesson or a slider redraws the same foot shape many times.
Shapes and parsed rows are immutable, so the results can be kept; :func:`intern_shape`
gives one instance per distinct shape and empties every cache together when too many
shapes have been seen (a slider sweep), so no cache outlives the others.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import numpy as np

from .foot_shape import TOP_VIEWS, FootShape, next_vertex
from .zone_geometry import ShapeRow

T = TypeVar("T")

MAX_SHAPES = 64
"""Distinct foot shapes remembered before every cache is emptied."""

_INTERNED: dict[FootShape, FootShape] = {}
# (shape, view, foot or None, id of the parsed parts) -> (those parts, value). The parts are
# kept in the value so their id cannot be reused by another object while the entry lives.
_ROWS: dict[tuple[FootShape, str, str | None, int], tuple[object, object]] = {}
# Any other per-shape result (outlines, their drawn paths): key -> value.
_MEMO: dict[Hashable, object] = {}


def intern_shape(shape: FootShape) -> FootShape:
    """One instance per distinct shape, so its cached geometry is reused between charts."""
    if len(_INTERNED) > MAX_SHAPES:
        clear_caches()
    return _INTERNED.setdefault(shape, shape)


def clear_caches() -> None:
    """Forget every interned shape and every cached result (all caches at once)."""
    _INTERNED.clear()
    _ROWS.clear()
    _MEMO.clear()


def memo(key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, computed once per ``key`` (include the shape in the key) until the caches are cleared."""
    if key in _MEMO:
        return _MEMO[key]  # type: ignore[return-value]
    value = make()
    _MEMO[key] = value
    return value


def row_cached(row: ShapeRow, shape: FootShape, foot: str | None, make: Callable[[], T]) -> T:
    """``make()`` for one parsed row on ``shape`` (and ``foot``, or None for canonical), cached."""
    key = (shape, row.view, foot, id(row.parts))
    hit = _ROWS.get(key)
    if hit is not None and hit[0] is row.parts:
        return hit[1]  # type: ignore[return-value]
    value = make()
    _ROWS[key] = (row.parts, value)
    return value


def shape_polygons(row: ShapeRow, shape: FootShape) -> list[np.ndarray]:
    """A row's polygons on ``shape`` in canonical millimetres (cached)."""
    return row_cached(row, shape, None, lambda: row.polygons(shape))


def placement(foot: str, view: str, shape: FootShape) -> tuple[float, float]:
    """(sign, offset) such that chart x = offset + sign * canonical x."""
    gap = 0.45 * shape.breadth if view in TOP_VIEWS else 0.25 * shape.length
    if view in TOP_VIEWS:
        return (-1.0, -gap / 2) if foot == "left" else (1.0, gap / 2)
    # side views: heels outside, toes towards the middle
    return (1.0, -gap / 2 - shape.length) if foot == "left" else (-1.0, gap / 2 + shape.length)


def to_chart(xy: np.ndarray, foot: str, view: str, shape: FootShape) -> np.ndarray:
    """Canonical millimetres of ``foot`` → the chart's data coordinates."""
    sign, offset = placement(foot, view, shape)
    out = np.array(xy, float, copy=True)
    out[:, 0] = offset + sign * out[:, 0]
    return out


def from_chart(xy: np.ndarray, foot: str, view: str, shape: FootShape) -> np.ndarray:
    """Inverse of :func:`to_chart`."""
    sign, offset = placement(foot, view, shape)
    out = np.array(xy, float, copy=True)
    out[:, 0] = (out[:, 0] - offset) * sign
    return out


def placed_outline(shape: FootShape, view: str, foot: str, kind: str) -> list[np.ndarray]:
    """The foot's outline pieces placed on ``foot`` of a chart, in chart coordinates (cached).

    ``kind``: 'skin' (outline polygons), 'print' (footprint), 'nails', or 'edges' (open
    polylines stroked as the outline).
    """

    def make() -> list[np.ndarray]:
        makers: dict[str, Callable[[], list[np.ndarray]]] = {
            "skin": lambda: shape.outline(view),
            "print": shape.footprint,
            "nails": shape.nails,
            "edges": lambda: shape.edges(view),
        }
        return [to_chart(p, foot, view, shape) for p in makers[kind]()]

    return memo(("outline", shape, view, foot, kind), make)


def centroid(poly: np.ndarray) -> np.ndarray:
    """The area centroid of a closed polygon (its mean point when it has no area)."""
    x, y = poly[:, 0], poly[:, 1]
    a = x * next_vertex(y) - next_vertex(x) * y
    area = a.sum() / 2
    if abs(area) < 1e-9:
        return poly.mean(axis=0)
    cx = ((x + next_vertex(x)) * a).sum() / (6 * area)
    cy = ((y + next_vertex(y)) * a).sum() / (6 * area)
    return np.array([cx, cy])


def polygon_area(poly: np.ndarray) -> float:
    """The (unsigned) area of a closed polygon, shoelace formula."""
    x, y = poly[:, 0], poly[:, 1]
    return float(abs((x * next_vertex(y) - next_vertex(x) * y).sum()) / 2)
