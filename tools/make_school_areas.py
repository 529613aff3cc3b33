#!/usr/bin/env python3
"""Re-trim the common chart's areas (data/school_areas.csv) from the zones' own shapes.

Each area starts from the shape of its first zone in zone_shapes.csv (only the parts whose
anchor the area lists, e.g. toes 2-5 of a shape over all five toes) and loses whatever the
areas above it in the table already cover, in the same view and on a foot they share,
unless one of the two is declared ``within`` the other. Work is done in foot-relative
(u, v) coordinates per anchor, so the areas tile every foot shape. Run it after editing a
zone's shape or the table's order; ``--check`` only reports whether the file is current.

Needs shapely (a test-only dependency of the course; see requirements.txt).

usage: python tools/make_school_areas.py [--check]
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foot_lib import load_course  # noqa: E402
from foot_lib.geometry.zone_geometry import ShapeRow, zone_shapes  # noqa: E402

OUT = ROOT / "data" / "school_areas.csv"
KEEP = 0.15  # drop trimmed slivers smaller than this share of the part they came from


def _fmt(poly: Polygon) -> str:
    pts = np.clip(np.asarray(poly.exterior.coords)[:-1], 0, 1)
    return "polygon " + "; ".join(f"{u:.3f} {v:.3f}" for u, v in pts)


def build() -> str:
    course = load_course()
    first_shape: dict[str, ShapeRow] = {}
    for r in zone_shapes(course):
        first_shape.setdefault(r.target, r)
    feet = dict(zip(course.zones["id"], course.zones["foot"], strict=True))
    with OUT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    done: dict[str, dict[str, Any]] = {}
    for row in rows:
        zones = row["zones"].split(";")
        within = [w for w in row["within"].split(";") if w]
        anchors = set(row["anchor"].split(";"))
        start = first_shape[zones[0]]
        foot = feet[zones[0]]
        pieces = []
        for part in start.parts:
            if part.anchor not in anchors or not part.closed:
                continue
            g = Polygon(part.uv).buffer(0)
            whole = g.area
            for other_id, other in done.items():
                if other_id in within or row["id"] in other["within"] or other["view"] != row["view"]:
                    continue
                if "both" not in (foot, other["foot"]) and foot != other["foot"]:
                    continue
                for anchor, og in other["pieces"]:
                    if anchor == part.anchor:
                        g = g.difference(og)
            for gg in list(g.geoms) if isinstance(g, MultiPolygon) else [g]:
                if not gg.is_empty and gg.area >= KEEP * whole:
                    pieces.append((part.anchor, gg.simplify(0.0015)))
        done[row["id"]] = {"pieces": pieces, "within": within, "view": row["view"], "foot": foot}
        row["anchor"] = ";".join(a for a, _ in pieces) if len({a for a, _ in pieces}) > 1 else pieces[0][0]
        row["shape"] = " | ".join(_fmt(g) for _, g in pieces)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8")
        print("data/school_areas.csv is current" if current == text else "data/school_areas.csv is stale")
        return 0 if current == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
