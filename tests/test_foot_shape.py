"""Geometry of the parametric foot and of the zone shapes placed on it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foot_lib import DataError, FootShape, load_course
from foot_lib.geometry.placement import from_chart, shape_polygons, to_chart
from foot_lib.geometry.zone_geometry import parse_shape, regions, zone_shapes, zones_without_shape

EXTREMES = [
    FootShape(),
    FootShape(arch=0.0),
    FootShape(arch=1.0),
    FootShape(width_ratio=0.3, length=150),
    FootShape(width_ratio=0.48, length=350),
    FootShape(hallux_angle=40.0),
    FootShape(toe_pattern="greek", hallux_angle=0.0),
    FootShape(toe_pattern="square", mtp1=0.79, mtp5=0.66),
    FootShape(mtp1=0.7, mtp5=0.6, heel_ratio=0.55),
]


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_default_proportions_follow_the_evidence_note() -> None:
    shape = FootShape()
    xmin, xmax, _ymin, ymax = shape.extent("plantar")
    assert ymax == pytest.approx(shape.length, abs=0.5)  # v = 1 is the tip of the longest toe
    assert 0.34 <= (xmax - xmin) / shape.length <= 0.42  # breadth about 38 % of length
    assert 0.70 <= shape.mtp1 <= 0.79
    assert shape.toes[0].joint[1] / shape.length == pytest.approx(shape.mtp1)


def test_default_json_matches_builtins(course) -> None:
    assert FootShape.from_course(course) == FootShape()


def test_bad_parameters_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="arch"):
        FootShape(arch=2)
    bad = tmp_path / "foot_shape.json"
    bad.write_text('{\n  "parameters": {\n    "length": 250,\n    "width_ratio": 0.9\n  }\n}\n')
    with pytest.raises(DataError) as info:
        FootShape.from_json(bad)
    assert info.value.line == 4 and info.value.column == "width_ratio"


@pytest.mark.parametrize("shape", EXTREMES, ids=lambda s: s.describe()[:40])
def test_every_zone_and_region_lies_on_the_foot(course, shape: FootShape) -> None:
    rows = zone_shapes(course) + regions(course, kind="area") + regions(course, kind="fitzgerald")
    for row in rows:
        for poly in shape_polygons(row, shape):
            inside = shape.contains(poly, row.view, tolerance=1.5)
            assert inside.all(), f"{row.row_id} ({row.view}) leaves the outline of {shape.describe()}"


def test_left_and_right_are_mirror_images() -> None:
    shape = FootShape(hallux_angle=30)
    for view in ("plantar", "medial"):
        poly = shape.outline(view)[0]
        left, right = to_chart(poly, "left", view, shape), to_chart(poly, "right", view, shape)
        np.testing.assert_allclose(left[:, 0], -right[:, 0])
        np.testing.assert_allclose(left[:, 1], right[:, 1])
        np.testing.assert_allclose(from_chart(left, "left", view, shape), poly)
    # on the soles the big toe points to the middle: left foot's medial edge is on its right
    body = to_chart(shape.parts()["body"], "left", "plantar", shape)
    toe1 = to_chart(shape.parts()["toe1"], "left", "plantar", shape)
    assert toe1[:, 0].mean() > body[:, 0].mean()


def test_toe_zones_sit_near_v1_and_heel_zones_near_v0(course) -> None:
    shape = FootShape()
    rows = {r.target: r for r in zone_shapes(course, "plantar")}
    for zid in ("brain-big-toe-pad", "pituitary-big-toe-centre", "sinuses-pads-toes-2-5", "head-toe-tips"):
        v = shape.xy_to_uv(np.vstack(shape_polygons(rows[zid], shape)))[:, 1]
        assert v.min() > 0.75, zid
    for zid in ("reproductive-organs-heel-centre", "pelvis-heel", "sciatic-nerve-heel-band"):
        v = shape.xy_to_uv(np.vstack(shape_polygons(rows[zid], shape)))[:, 1]
        assert v.max() < 0.27, zid


def test_toe_zones_follow_their_toe(course) -> None:
    row = next(r for r in zone_shapes(course, "plantar") if r.target == "brain-big-toe-pad")
    straight, bent = FootShape(), FootShape(hallux_angle=40)
    a = np.vstack(shape_polygons(row, straight)).mean(axis=0)
    b = np.vstack(shape_polygons(row, bent)).mean(axis=0)
    assert b[0] > a[0] + 5  # the big toe turned towards the little toes, and the zone with it
    toe1 = bent.parts()["toe1"]
    assert bent.contains(b[None], "plantar")[0]
    from foot_lib.geometry.foot_shape import points_in_polygon

    assert points_in_polygon(b[None], toe1)[0]


def test_spine_line_runs_along_the_medial_edge(course) -> None:
    shape = FootShape()
    plantar = next(r for r in zone_shapes(course, "plantar") if r.target == "spine-medial-edge")
    uv = plantar.parts[0].uv
    assert uv[:, 0].max() <= 0.1 and uv[:, 1].min() < 0.1 and uv[:, 1].max() > 0.7
    medial = [r for r in zone_shapes(course, "medial") if r.target.startswith("spine")]
    heights = {r.target: r.parts[0].uv[:, 1].mean() for r in medial}
    # sacrum at the heel, then lumbar, thoracic, cervical towards the big toe (S000.1)
    order = ["spine-sacrum-medial", "spine-lumbar-medial", "spine-thoracic-medial", "spine-cervical-medial"]
    assert [heights[z] for z in order] == sorted(heights[z] for z in order)
    assert shape.contains(np.vstack(shape_polygons(medial[0], shape)), "medial", tolerance=1.5).all()


def test_every_foot_zone_has_a_shape(course) -> None:
    assert zones_without_shape(course) == []


def test_heart_is_drawn_on_the_feet_the_sources_give(course) -> None:
    from foot_lib import draw_chart

    zones = course.zones.set_index("id")
    chart = draw_chart(course, labels=False, legend=False)
    hearts = [z for z in chart.zone_ids if zones.loc[z, "body_part"] == "heart"]
    assert hearts
    for zid in hearts:
        feet = {it.foot for it in chart._zone_items if it.target == zid}
        expected = {"left", "right"} if zones.loc[zid, "foot"] == "both" else {zones.loc[zid, "foot"]}
        assert feet == expected, zid
    assert zones.loc["heart-left-arch-front", "foot"] == "left"


def _set_cell(data: Path, table: str, row_id: str, column: str, value: str) -> int:
    path = data / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    k = next(i for i, r in enumerate(rows) if r[0] == row_id)
    rows[k][rows[0].index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return k + 1


@pytest.mark.parametrize(
    ("table", "row_id", "column", "value", "words"),
    [
        ("zone_shapes", "heart-left-arch-front", "shape", "polygon 0.1 0.1; 0.5 0.5; 0.5 0.1; 0.1 0.5", "cross"),
        ("zone_shapes", "heart-left-arch-front", "shape", "ellipse 0.9 0.5 0.2 0.05", "outside 0..1"),
        ("zone_shapes", "heart-left-arch-front", "shape", "polygon 0.1 0.1; 0.2 0.2", "at least 3"),
        ("zone_shapes", "heart-left-arch-front", "shape", "circle 0.5 0.5 0.1", "expected 'ellipse'"),
        ("zone_shapes", "heart-left-arch-front", "anchor", "toe1;toe2", "anchors"),
        ("zone_shapes", "spine-medial-edge", "anchor", "toe1", "only works"),
        ("regions", "heel", "shape", "line 0 0.2; 1 0.2", "only allowed"),
        ("regions", "waist-line", "shape", "polygon 0 0.4; 1 0.4; 1 0.45", "must be drawn"),
    ],
)
def test_invalid_geometry_names_file_line_column(data_copy: Path, table, row_id, column, value, words) -> None:
    line = _set_cell(data_copy, table, row_id, column, value)
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    err = info.value
    assert err.file.endswith(f"{table}.csv") and err.line == line and err.column == column
    assert words in str(err)


def test_parse_shape_multi_part() -> None:
    parts = parse_shape("ellipse 0.5 0.5 0.1 0.1 | polygon 0.1 0.1; 0.2 0.1; 0.2 0.2", "sole;toe1", "plantar")
    assert [p.kind for p in parts] == ["ellipse", "polygon"] and parts[1].anchor == "toe1"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=3, max_size=9))
def test_self_intersects_agrees_with_shapely(points) -> None:
    """shapely's validity check is the reference; a small grid makes touching corners,
    corners on edges and collinear overlaps common."""
    from shapely.geometry import Polygon

    from foot_lib.geometry.zone_geometry import self_intersects

    poly = np.array(points, float)
    distinct_in_a_row = np.any(poly != np.roll(poly, 1, axis=0), axis=1).sum()
    if distinct_in_a_row < 3:
        return  # not a ring (the parser asks for three different corners first)
    assert self_intersects(poly) == (not Polygon(poly).is_valid), points


def test_self_intersects_examples() -> None:
    from foot_lib.geometry.zone_geometry import self_intersects

    assert self_intersects(np.array([[0, 0], [1, 1], [1, 0], [0, 1]], float))  # a bow tie
    assert not self_intersects(np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float))  # a square
    assert not self_intersects(np.array([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]], float))  # a corner twice in a row
    # the ring touches itself at a corner (two triangles meeting at (1, 1))
    assert self_intersects(np.array([[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2]], float))
    # a corner lies on another edge
    assert self_intersects(np.array([[0, 0], [2, 0], [2, 2], [1, 0], [0, 2]], float))
    # collinear overlapping edges (a spike doubling back, and two edges along each other)
    assert self_intersects(np.array([[0, 0], [2, 0], [1, 0], [1, 1]], float))
    assert self_intersects(np.array([[0, 0], [3, 0], [3, 1], [2, 0], [1, 0], [1, 1]], float))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 10), st.floats(0, 10)), min_size=3, max_size=10),
       st.lists(st.tuples(st.floats(-1, 11), st.floats(-1, 11)), min_size=1, max_size=50))
def test_points_in_polygon_agrees_with_matplotlib(corners, points) -> None:
    """Away from the boundary the numpy version and matplotlib's Path.contains_points agree."""
    from matplotlib.path import Path as MplPath

    from foot_lib.geometry.foot_shape import points_in_polygon

    poly, pts = np.array(corners, float), np.array(points, float)
    ours = points_in_polygon(pts, poly)
    theirs = MplPath(poly, closed=False).contains_points(pts)
    a, b = poly, np.roll(poly, -1, axis=0)  # distance of every point to every edge
    ab = b - a
    t = np.clip(np.einsum("ejk,ek->ej", pts[None] - a[:, None], ab) / np.maximum((ab**2).sum(1), 1e-300)[:, None], 0, 1)
    nearest = a[:, None] + t[..., None] * ab[:, None]
    far = np.linalg.norm(pts[None] - nearest, axis=2).min(axis=0) > 1e-6
    np.testing.assert_array_equal(ours[far], theirs[far])


def test_points_on_a_shared_edge_belong_to_exactly_one_polygon() -> None:
    """The boundary rule is half-open: neighbours never both (or neither) claim an edge point."""
    from foot_lib.geometry.foot_shape import points_in_polygon

    left = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float)
    right, top = left + np.array([1.0, 0.0]), left + np.array([0.0, 1.0])
    on_vertical = np.array([[1, 0.25], [1, 0.5], [1, 0.75]])
    on_horizontal = np.array([[0.25, 1], [0.5, 1], [0.75, 1]])
    assert (points_in_polygon(on_vertical, left) ^ points_in_polygon(on_vertical, right)).all()
    assert (points_in_polygon(on_horizontal, left) ^ points_in_polygon(on_horizontal, top)).all()
    assert not points_in_polygon(np.array([[5.0, 5.0]]), left)[0]  # outside the bounding box


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=3, max_size=9),
       st.integers(1, 12), st.integers(1, 12), st.booleans())
def test_grid_in_polygon_is_points_in_polygon_of_the_grid(corners, nx, ny, halves) -> None:
    """The label layout's row-at-a-time test gives the same answer as the point test, on every
    point — boundary points included: corners on whole (or half) numbers put many grid points
    exactly on edges and vertices, where only the half-open rule decides."""
    from foot_lib.geometry.foot_shape import grid_in_polygon, points_in_polygon

    poly = np.array(corners, float) / (2 if halves else 1)
    xs, ys = np.linspace(-0.5, 6.5, nx), np.linspace(-0.5, 6.5, ny)
    xs, ys = np.unique(np.concatenate([xs, poly[:, 0]])), np.unique(np.concatenate([ys, poly[:, 1]]))
    gx, gy = np.meshgrid(xs, ys)
    expected = points_in_polygon(np.column_stack([gx.ravel(), gy.ravel()]), poly).reshape(len(ys), len(xs))
    np.testing.assert_array_equal(grid_in_polygon(xs, ys, poly), expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=3, max_size=12),
       st.lists(st.integers(-1, 9), min_size=1, max_size=30))
def test_outline_slices_by_bisection_are_the_slices_of_every_edge(corners, heights) -> None:
    """The outline's left/right edges at each height (the (u, v) mapping of a new foot shape)
    are found from the few edges each height crosses; they must equal the every-edge answer,
    heights on vertices and horizontal edges included."""
    from foot_lib.geometry import foot_shape

    poly, ys = np.array(corners, float), np.sort(np.array(heights, float))
    fast, dense = foot_shape._slices(poly, ys), foot_shape._slices_dense(poly, ys)
    for a, b in zip(fast, dense, strict=True):
        np.testing.assert_array_equal(a, b)
