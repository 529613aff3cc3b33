"""Which areas a chart draws: one school's map, one source's placements, or chosen zones.

Why a separate step: the zone table keeps every placement every source gives (so where the
sources disagree, all of them are there). Drawn together they overlap into a muddle, so a
chart draws one *map* at a time:

* a **school** from ``schools.csv``: the common chart (``kind = areas``: its own areas in
  ``school_areas.csv``, trimmed so they tile the sole) or a chart tradition (``kind = chart``:
  every zone whose ``chart`` column names it, with the zone's own shape);
* a **source**: every placement one source section (``S003.11``), article (``art003``) or
  reference (``ingham1938``) gives, with the zones' own shapes;
* explicit **zones** (e.g. the disagreement view): those zones' own shapes.

Pure data and numpy: no matplotlib here (layers: geometry below drawing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data.loading import Checks, records
from .zone_geometry import ShapeError, ShapeRow, parse_shape, zone_shapes

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

DEFAULT_SCHOOL = "common"


@dataclass(frozen=True, eq=False)
class MapArea:
    """One drawn area of a map: its shape row and the zones it stands for.

    ``id`` is the school area's id, or the zone's id when a zone is drawn with its own
    shape. ``label`` names the zones' body parts once each ("pelvis / lower back").
    ``within``: ids of areas of the same map this one is drawn inside (declared nesting).
    """

    id: str
    zones: tuple[str, ...]
    label: str
    system: str
    foot: str
    row: ShapeRow
    within: tuple[str, ...] = ()


def schools(course: Course) -> list[tuple[str, str]]:
    """``(id, label)`` of every school, the default first (for menus)."""
    if "schools" not in course:
        return []
    rows = records(course.schools, ["id", "label"])
    return sorted(((r["id"], r["label"]) for r in rows), key=lambda r: r[0] != DEFAULT_SCHOOL)


def map_sources(course: Course, view: str = "plantar", minimum: int = 3) -> list[str]:
    """Source sections that place at least ``minimum`` zones drawn in ``view`` (for menus)."""
    drawn = {r.target for r in zone_shapes(course, view)}
    counts: dict[str, int] = {}
    for z in records(course.zones, ["id", "source", "surface"]):
        if z["id"] in drawn and z["surface"] != "leg":
            for s in z["source"]:
                if s.startswith("S") or s == "ingham1938":
                    counts[s] = counts.get(s, 0) + 1
    return sorted((s for s, n in counts.items() if n >= minimum), key=_section_key)


def map_menu(course: Course, view: str = "plantar") -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a map menu: schools first (the common chart is the default,
    ``"school:common"``), then single sources (``"source:S003.11"``)."""
    options = [(label, f"school:{sid}") for sid, label in schools(course)] or [("Common chart", "school:common")]
    options += [(f"Placements from {s}", f"source:{s}") for s in map_sources(course, view)]
    return options


def _section_key(sid: str) -> tuple[Any, ...]:
    head, _, tail = sid.partition(".")
    return (not sid.startswith("S"), head, int(tail) if tail.isdigit() else 0, sid)


def _area_rows(course: Course) -> list[dict[str, Any]]:
    return records(course.school_areas) if "school_areas" in course else []


def school_area_rows(course: Course) -> list[ShapeRow]:
    """Every row of ``school_areas.csv`` parsed (raises a located DataError on bad shapes)."""
    out = []
    for pos, row in enumerate(_area_rows(course)):
        try:
            parts = parse_shape(row["shape"], tuple(row["anchor"]), row["view"])
        except ShapeError as exc:
            raise course.error("school_areas", pos, exc.column, str(exc)) from None
        out.append(ShapeRow(row_id=row["id"], target=row["id"], view=row["view"], kind="area", parts=parts))
    return out


def _label(parts: list[str]) -> str:
    return " / ".join(dict.fromkeys(parts))


_MAPS: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[MapArea]]] = {}


def map_areas(course: Course, view: str = "plantar", *, school: str | None = None,
              source: str | None = None, zones: Any = None) -> list[MapArea]:
    """The areas to draw in ``view``, in drawing order (containers before what they nest).

    ``zones`` (ids) wins over ``source``, which wins over ``school``; with none of them the
    default school (the common chart) is drawn. Leg points are never drawn on a foot.
    Cached per course tables: a lesson draws the same map many times.
    """
    names = ("zones", "zone_shapes", "schools", "school_areas")
    tables = tuple(course[t] if t in course else None for t in names)  # noqa: SIM401 (Course is no dict)
    key = (*(id(t) for t in tables), view, school, source, None if zones is None else tuple(zones))
    hit = _MAPS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], tables, strict=True)):
        return list(hit[1])
    if len(_MAPS) > 256:
        _MAPS.clear()
    out = _map_areas(course, view, school=school, source=source, zones=zones)
    _MAPS[key] = (tables, out)
    return list(out)


def _map_areas(course: Course, view: str, *, school: str | None, source: str | None,
               zones: Any) -> list[MapArea]:
    by_id = {z["id"]: z for z in records(course.zones, ["id", "body_part", "body_system", "foot", "surface",
                                                        "chart", "source"])}
    if zones is not None or source is not None:
        if zones is not None:
            wanted = list(dict.fromkeys(zones))
            unknown = [z for z in wanted if z not in by_id]
            if unknown:
                raise KeyError(f"unknown zone ids: {', '.join(unknown)}")
        else:
            assert source is not None
            wanted = [zid for zid, z in by_id.items() if _from_source(course, z["source"], source)]
            if not wanted:
                raise KeyError(f"no zone cites source {source!r}")
        return _own_shapes(course, view, wanted, by_id)
    school = school or DEFAULT_SCHOOL
    kinds = {r["id"]: r["kind"] for r in records(course.schools, ["id", "kind"])} if "schools" in course else {}
    if school == "all":
        return _own_shapes(course, view, list(by_id), by_id)
    if school not in kinds:
        raise KeyError(f"unknown school {school!r}; expected one of: {', '.join(['all', *kinds])}")
    if kinds[school] == "chart":
        return _own_shapes(course, view, [zid for zid, z in by_id.items() if z["chart"] == school], by_id)
    rows = {r.row_id: r for r in school_area_rows(course)}
    out = []
    for rec in _area_rows(course):
        if rec["school"] != school or rec["view"] != view:
            continue
        zs = tuple(rec["zones"])
        first = by_id[zs[0]]
        out.append(MapArea(id=rec["id"], zones=zs, label=_label([by_id[z]["body_part"] for z in zs]),
                           system=first["body_system"], foot=first["foot"], row=rows[rec["id"]],
                           within=tuple(rec["within"] or ())))
    return _nesting_order(out)


def _from_source(course: Course, cited: Any, source: str) -> bool:
    if source in cited:
        return True
    if source.startswith("art") and "sources" in course:
        article = _articles(course)
        return any(article.get(s) == source for s in cited)
    return False


def _articles(course: Course) -> dict[str, str]:
    frame = course.sources
    if "part_of" not in frame.columns:
        return {}
    return {r["id"]: r["part_of"] for r in records(frame, ["id", "part_of"]) if r["part_of"]}


def _own_shapes(course: Course, view: str, wanted: list[str], by_id: dict[str, dict[str, Any]]) -> list[MapArea]:
    order = {z: i for i, z in enumerate(wanted)}
    rows = sorted((r for r in zone_shapes(course, view) if r.target in order), key=lambda r: order[r.target])
    out = []
    for r in rows:
        z = by_id[r.target]
        if z["surface"] == "leg":
            continue
        area_id = r.target if r.row_id == r.target else r.row_id
        out.append(MapArea(id=area_id, zones=(r.target,), label=z["body_part"], system=z["body_system"],
                           foot=z["foot"], row=r))
    return out


def _nesting_order(areas: list[MapArea]) -> list[MapArea]:
    """Containers before the areas drawn inside them (stable otherwise)."""
    ids = {a.id for a in areas}
    depth: dict[str, int] = {}

    def level(a: MapArea, seen: tuple[str, ...] = ()) -> int:
        if a.id not in depth:
            parents = [p for p in a.within if p in ids and p not in seen]
            by = {x.id: x for x in areas}
            depth[a.id] = 1 + max((level(by[p], (*seen, a.id)) for p in parents), default=-1)
        return depth[a.id]

    return sorted(areas, key=level)


def check_school_areas(course: Course) -> None:
    """Every area's shape parses; its zones share one foot; it nests only in areas of its own
    school and view; a 'chart' school has no areas of its own."""
    rows = _area_rows(course)
    school_areas = school_area_rows(course)  # raises a located error for a bad shape
    del school_areas
    by_id = {r["id"]: r for r in rows}
    kinds = {r["id"]: r["kind"] for r in records(course.schools, ["id", "kind"])} if "schools" in course else {}
    feet = dict(zip(course.zones["id"], course.zones["foot"], strict=True))
    for pos, row in enumerate(rows):
        if kinds.get(row["school"]) != "areas":
            raise course.error("school_areas", pos, "school",
                               f"school {row['school']!r} draws the zones' own shapes (kind 'chart'); "
                               "only a school of kind 'areas' has rows here")
        if len({feet[z] for z in row["zones"]}) > 1:
            raise course.error("school_areas", pos, "zones",
                               "the zones of one area must be on the same foot (left, right or both)")
        for parent in row["within"] or ():
            other = by_id[parent]
            if parent == row["id"] or other["school"] != row["school"] or other["view"] != row["view"]:
                raise course.error("school_areas", pos, "within",
                                   f"{parent!r} must be another area of the same school and view")


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {"school_areas": (check_school_areas,)}
