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
from .placement import intern_shape, shape_polygons
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
    p = np.asarray(point, float).reshape(1, 2)
    rows: list[dict[str, Any]] = []
    if np.isfinite(p).all():
        xy = shape.uv_to_xy(p, view) if space == "uv" else p
        wanted = set(only) if only is not None else None
        zones = {r["id"]: r for r in course.zones.to_dict("records")}
        seen: set[str] = set()
        for row in zone_shapes(course, view):
            z = zones[row.target]
            if row.target in seen or z["foot"] not in ("both", foot):
                continue
            if wanted is not None and row.target not in wanted:
                continue
            if any(points_in_polygon(xy, poly)[0] for poly in shape_polygons(row, shape)):
                seen.add(row.target)
                rows.append({"id": z["id"], "kind": "zone", "body_part": z["body_part"],
                             "body_system": z["body_system"], "foot": z["foot"], "chart": z["chart"],
                             "source": z["source"]})
        if include_regions:
            labels = dict(zip(course.regions["id"], course.regions["label"], strict=True))
            for row in regions(course, view, "area"):
                if any(points_in_polygon(xy, poly)[0] for poly in shape_polygons(row, shape)):
                    rows.append({"id": row.target, "kind": "region", "body_part": labels[row.target],
                                 "body_system": "", "foot": "both", "chart": "", "source": ()})
    return pd.DataFrame(rows, columns=COLUMNS)


def describe_point(course: Any, point: Sequence[float], **kwargs: Any) -> str:
    """One sentence for learners: what the charts place at this point (and a reminder)."""
    found = zones_at(course, point, **kwargs)
    zones = found[found["kind"] == "zone"]
    if zones.empty:
        return "No charted zone here."
    parts = [f"{r.body_part} ({r.chart}; {', '.join(r.source)})" for r in zones.itertuples()]
    return ("Charts place here: " + "; ".join(parts) + ". This is what the charts teach; a tender spot "
            "here says nothing about the organ (that idea was tested and refuted).")
