"""What is at this point of the foot? — the core of click-to-identify.

Given a foot shape, a view, which foot, and a point, return the zones (and optionally the
named regions) whose shapes contain it. The point can be given in foot-relative ``(u, v)``
or in canonical millimetres (see :mod:`foot_lib.geometry.foot_shape`); :meth:`foot_lib.Chart.zones_at`
accepts a point in a drawn chart's coordinates. No widgets here: the GUI
(:mod:`foot_lib.widgets.diagrams`) only feeds points in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .foot_shape import VIEWS, FootShape, points_in_polygon
from .placement import intern_shape, row_cached, shape_polygons
from .zone_geometry import regions, zone_shapes

COLUMNS = ["id", "kind", "body_part", "body_system", "foot", "chart", "source"]


def zones_at(
    course: Any,
    point: Sequence[float],
    *,
    shape: FootShape | None = None,
    view: str = "plantar",
    foot: str = "left",
    space: str = "uv",
    include_regions: bool = False,
    only: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Zones whose shape contains ``point`` on ``foot`` in ``view``.

    ``space='uv'``: the point is foot-relative ``(u, v)``; ``space='mm'``: canonical
    millimetres. Zones charted only on the other foot are left out (the heart's left-foot
    placement is not found on the right foot). Returns a DataFrame with columns ``id``,
    ``kind`` ('zone' or 'region'), ``body_part`` (the region's label for regions),
    ``body_system``, ``foot``, ``chart``, ``source`` — empty when nothing is there.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if foot not in ("left", "right"):
        raise ValueError(f"foot must be 'left' or 'right', not {foot!r}")
    if space not in ("uv", "mm"):
        raise ValueError("space must be 'uv' or 'mm'")
    shape = intern_shape(shape or FootShape.from_course(course))

    def inside(row: Any, xy: np.ndarray) -> bool:
        # a bounding-box test first: a click is answered by testing a few polygons, not all of them
        polys = shape_polygons(row, shape)
        boxes = row_cached(row, shape, "bbox", lambda: [(*p.min(axis=0), *p.max(axis=0)) for p in polys])
        x, y = xy[0]
        return any(x0 <= x <= x1 and y0 <= y <= y1 and points_in_polygon(xy, poly)[0]
                   for (x0, y0, x1, y1), poly in zip(boxes, polys, strict=True))

    p = np.asarray(point, float).reshape(1, 2)
    rows: list[dict[str, Any]] = []
    if np.isfinite(p).all():
        xy = shape.uv_to_xy(p, view) if space == "uv" else p
        wanted = set(only) if only is not None else None
        zones = _records(course.zones)
        seen: set[str] = set()
        for row in zone_shapes(course, view):
            z = zones[row.target]
            if row.target in seen or z["foot"] not in ("both", foot):
                continue
            if wanted is not None and row.target not in wanted:
                continue
            if inside(row, xy):
                seen.add(row.target)
                rows.append({"id": z["id"], "kind": "zone", "body_part": z["body_part"],
                             "body_system": z["body_system"], "foot": z["foot"], "chart": z["chart"],
                             "source": z["source"]})
        if include_regions:
            labels = {k: r["label"] for k, r in _records(course.regions).items()}
            for row in regions(course, view, "area"):
                if inside(row, xy):
                    rows.append({"id": row.target, "kind": "region", "body_part": labels[row.target],
                                 "body_system": "", "foot": "both", "chart": "", "source": ()})
    return pd.DataFrame(rows, columns=COLUMNS)


_RECORDS: dict[int, tuple[pd.DataFrame, dict[str, dict[str, Any]]]] = {}


def _records(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """A table's rows by id, built once per loaded table (the frame is kept so its id stays unique)."""
    hit = _RECORDS.get(id(frame))
    if hit is None or hit[0] is not frame:
        if len(_RECORDS) > 32:
            _RECORDS.clear()
        hit = _RECORDS[id(frame)] = (frame, {r["id"]: r for r in frame.to_dict("records")})
    return hit[1]


def describe_point(course: Any, point: Sequence[float], **kwargs: Any) -> str:
    """One sentence for learners: what the charts place at this point (and a reminder)."""
    found = zones_at(course, point, **kwargs)
    zones = found[found["kind"] == "zone"]
    if zones.empty:
        return "No charted zone here."
    parts = [f"{r.body_part} ({r.chart}; {', '.join(r.source)})" for r in zones.itertuples()]
    return ("Charts place here: " + "; ".join(parts) + ". This is what the charts teach; a tender spot "
            "here says nothing about the organ (that idea was tested and refuted).")


def area_views(course: Any) -> dict[str, tuple[str, ...]]:
    """Every zone and region id with the views it has a shape in (zones first, then regions)."""
    out: dict[str, list[str]] = {}
    for row in [*zone_shapes(course), *regions(course)]:
        views = out.setdefault(row.target, [])
        if row.view not in views:
            views.append(row.view)
    return {k: tuple(v) for k, v in out.items()}


def views_showing(course: Any, ids: Iterable[str], *, prefer: str = "plantar",
                  limit: int = 2) -> list[tuple[str, tuple[str, ...]]]:
    """The fewest views (at most ``limit``) that show the zones/regions ``ids``, each with the ids
    it shows, best first.

    Why: a routine step on the spine line names zones on the inner side *and* areas of the
    sole; drawing it only on the sole hides half of it. Views are picked greedily, the one
    showing most of what is still missing first (ties go to ``prefer``, then to the order of
    :data:`VIEWS`). Ids with no shape in any view (leg areas) are left out.
    """
    known = area_views(course)
    missing = [i for i in dict.fromkeys(ids) if i in known]
    out: list[tuple[str, tuple[str, ...]]] = []
    order = sorted(VIEWS, key=lambda v: (v != prefer, VIEWS.index(v)))
    while missing and len(out) < limit:
        best = max(order, key=lambda v: sum(v in known[i] for i in missing))
        shown = tuple(i for i in missing if best in known[i])
        if not shown:
            break
        # the chosen view also shows ids already covered by an earlier view: list them too
        covered = tuple(i for i in dict.fromkeys(ids) if i in known and best in known[i])
        out.append((best, covered))
        missing = [i for i in missing if i not in shown]
    return out
