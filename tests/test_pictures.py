"""The pictures beyond the sole: side views, click and search, views per routine step, the leg,
and one distinct picture per technique."""

from __future__ import annotations

import hashlib
import itertools

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from foot_lib import FootShape, RoutinePlayer, draw_chart, load_course
from foot_lib.content.zone_search import placements, reminder, search_zones
from foot_lib.drawing.chart import to_chart
from foot_lib.drawing.leg_diagram import draw_leg
from foot_lib.drawing.technique_diagrams import draw_technique, routine_area_chart
from foot_lib.geometry.identify import views_showing
from foot_lib.widgets.diagrams import IdentifyExplorer, chart_pixel, chart_point


@pytest.fixture(scope="module")
def course():
    return load_course()


# -- side views ---------------------------------------------------------------------------
@pytest.mark.parametrize("view", ["medial", "lateral"])
def test_side_view_is_a_foot_not_a_boot(view: str) -> None:
    shape = FootShape()
    L = shape.length
    vs, _bottom, top = shape._side_curves(view)
    at = lambda v: float(np.interp(v, vs, top)) / L  # noqa: E731
    # a leg rises above the ankle, the top falls towards the toes, the toes are low and rounded
    assert at(0.2) > 0.45 and 0.15 < at(0.5) < 0.3 and at(0.95) < 0.1
    # the heel bulges behind the Achilles tendon: lower at the very back than at the leg
    assert at(0.01) < 0.15
    ring = shape.parts(view)["side"]
    assert ring[:, 0].min() == pytest.approx(0.0, abs=1.0) and ring[:, 0].max() == pytest.approx(L, abs=1.0)
    # inner lines: the ankle bone, and the nail (medial) or the toe tips (lateral)
    assert len(shape.side_details(view)) >= 2
    if view == "medial":  # the arch lifts the inner sole off the floor, more with a higher arch
        low, high = FootShape(arch=0.0), FootShape(arch=1.0)
        lift = lambda s: float(np.interp(0.42, *s._side_curves("medial")[:2]))  # noqa: E731
        assert lift(high) > lift(low) + 5


def test_spine_segments_follow_the_inner_rim_in_order(course) -> None:
    shape = FootShape()
    chart = draw_chart(course, shape, view="medial", feet=("left",))
    order = ["spine-sacrum-medial", "spine-lumbar-medial", "spine-thoracic-medial", "spine-cervical-medial"]
    assert set(order) <= set(chart.zone_ids)
    items = {z: [it.poly for it in chart._zone_items if it.target == z] for z in order}
    xs = [float(np.vstack(items[z])[:, 0].mean()) for z in order]
    assert xs == sorted(xs)  # heel → toes on the left foot's side view
    # each segment is its own piece (a gap between neighbours), so the four read apart
    for a, b in itertools.pairwise(order):
        assert np.vstack(items[a])[:, 0].max() < np.vstack(items[b])[:, 0].min()


# -- click: pixel -> chart coordinates -------------------------------------------------------
@pytest.mark.parametrize("dpi", [60, 80, 123])
def test_pixel_to_chart_mapping_round_trips(course, dpi: float) -> None:
    chart = draw_chart(course, labels=False, legend=False)
    png = chart.render_png(dpi=dpi)
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (w, h) == (int(chart.figure.get_figwidth() * dpi), int(chart.figure.get_figheight() * dpi))
    for x, y in [(chart.xlim[0], chart.ylim[0]), (chart.xlim[1], chart.ylim[1]), (0.0, 100.0)]:
        px, py = chart_pixel(chart, x, y)
        assert 0 <= px <= w and 0 <= py <= h
        assert chart_point(chart, px, py) == pytest.approx((x, y), abs=1e-6)
    # the image's top-left pixel is the top-left of the figure: y grows downwards in pixels
    (_, top), (_, bottom) = chart_point(chart, 0, 0), chart_point(chart, 0, h)
    assert top > bottom


def test_click_on_a_known_pixel_names_the_zone(course) -> None:
    explorer = IdentifyExplorer(course)
    shape = explorer.chart.shape
    xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), "right", "plantar", shape)[0]
    px, py = chart_pixel(explorer.chart, *xy)
    explorer._on_event({"type": "click", "dataX": px, "dataY": py})
    answer = explorer.answer.value
    assert "pelvis" in answer and "right foot" in answer
    assert "◆ tradition" in answer and "not a diagnosis" in answer and "refuted" in answer
    assert explorer.foot.value == "right" and explorer.v.value == pytest.approx(0.14, abs=0.01)
    # a click off the feet says so
    explorer.click_chart(0.0, explorer.chart.ylim[1] - 1)
    assert "Off the feet" in explorer.answer.value


def test_search_highlights_every_placement_on_both_feet(course) -> None:
    explorer = IdentifyExplorer(course)
    before = hashlib.sha256(explorer.image.value).hexdigest()
    result = explorer.search("Where is the liver?")
    assert result.body_parts == ("liver",) and len(result.zone_ids) >= 2
    lit = {it.target for it in explorer.chart._zone_items if it.target in explorer.chart.state.highlight}
    assert lit == set(result.zone_ids) & {it.target for it in explorer.chart._zone_items}
    assert hashlib.sha256(explorer.image.value).hexdigest() != before
    assert explorer.answer.value.count("<li>liver") == len(result.zone_ids)
    # a zone on both feet is lit on both feet
    explorer.search("kidneys")
    feet = {it.foot for it in explorer.chart._zone_items if it.target in explorer.chart.state.highlight}
    assert feet == {"left", "right"}
    # by condition: the zones conditions.csv links to it
    found = explorer.search("tiredness")
    assert found.conditions == ("Long-lasting tiredness",) and "adrenals-mid-arch" in found.zone_ids
    # another view: the placements not drawn there are named with the view to choose
    explorer.view.value = "medial"
    assert "choose View" in explorer.answer.value
    assert not explorer.search("xyzzy").found and "Nothing found" in explorer.answer.value


def test_search_words(course) -> None:
    assert search_zones(course, "cervical spine").body_parts == ("cervical spine",)
    assert "lumbar spine" in search_zones(course, "spine").body_parts
    assert search_zones(course, "panic attacks").conditions == ("Panic attacks and phobias",)
    assert search_zones(course, "livr").suggestions == ("liver",)
    assert not search_zones(course, "").found
    text = placements(course, search_zones(course, "liver").zone_ids)[0].sentence()
    assert "right foot only" in text and "sole" in text and "tradition" in text
    assert "refuted" in reminder(course)


# -- views per routine step ------------------------------------------------------------------
def test_views_showing_covers_a_spine_step(course) -> None:
    ids = ["medial-edge", "heel", "spine-sacrum-medial", "spine-cervical-medial"]
    views = dict(views_showing(course, ids))
    assert set(views) == {"plantar", "medial"}
    assert {"spine-sacrum-medial", "spine-cervical-medial"} <= set(views["medial"])
    assert views_showing(course, ["calf"]) == []  # leg areas have no foot view


def test_player_draws_spine_steps_where_they_are_visible(course) -> None:
    p = RoutinePlayer(course, "spine-line")
    p.go_next()  # step 2: along the inner edge, the four spine segments
    views = [v for v, _ in p.views_for(p.session.step)]
    assert views == ["plantar", "medial"]
    assert p.image2.layout.display is None and bytes(p.image2.value).startswith(b"\x89PNG")
    assert "Not visible in this view" not in p.figure_caption.value
    assert "cervical spine" in p.figure_caption.value
    p.go_next()  # step 3: one view is enough, the second picture hides
    assert p.image2.layout.display == "none"


def test_routine_area_chart_adds_the_side_view(course) -> None:
    chart = routine_area_chart(course, "spine-line")
    assert "Not visible in this view" not in chart.alt_text
    assert chart.second_view.view == "medial"
    assert "Not visible in this view" not in chart.second_view.alt_text


# -- the leg ---------------------------------------------------------------------------------
def test_leg_is_drawn_as_a_leg_with_sides_marked() -> None:
    leg = draw_leg(highlight=["calf", "inner-thigh"], arrows=[{"region": "calf", "direction": "up"}])
    FigureCanvasAgg(leg.figure).draw()
    texts = [t.get_text() for ax in leg.axes.values() for t in ax.texts]
    assert any("inner" in t for t in texts) and any("outer" in t for t in texts)
    assert {ax.get_title() for ax in leg.axes.values()} == {"from the front", "from behind"}
    # the areas sit inside the outline: the calf is wider at its bulge than at the ankle
    calf = leg.bands[("calf", "back")]
    widths = {round(y, 2): np.ptp(calf[np.isclose(calf[:, 1], y), 0]) for y in (0.15, 0.36)
              if np.isclose(calf[:, 1], y).sum() >= 2}
    if len(widths) == 2:
        assert widths[0.36] > widths[0.15]
    assert leg.highlight == ("calf", "inner-thigh") and len(leg.arrows) == 1
    assert "front" in leg.alt_text and "behind" in leg.alt_text


# -- techniques ------------------------------------------------------------------------------
def _pixels(course, technique_id: str) -> bytes:
    fig, _ = draw_technique(course, technique_id)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return bytes(canvas.buffer_rgba())


@pytest.mark.parametrize("group", [
    ["thumb-walking", "finger-walking"],
    ["friction", "rotation-on-a-point"],
    ["point-pressure", "knuckle-pressure", "elbow-pressure"],
    ["foot-gymnastics", "resisted-toe-exercises", "short-foot-exercise", "barefoot-walking"],
])
def test_techniques_sharing_a_motion_look_different(course, group: list[str]) -> None:
    # the title differs anyway; blank it out by comparing the drawing area only
    images = {}
    for t in group:
        fig, _ = draw_technique(course, t)
        for text in list(fig.texts) + [tx for ax in fig.axes for tx in ax.texts]:
            if text.get_position()[1] > 0.9 or text.get_position()[1] < 0.08:
                text.set_visible(False)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        images[t] = hashlib.sha256(bytes(canvas.buffer_rgba())).hexdigest()
    assert len(set(images.values())) == len(group)


def test_routine_cards_draw_every_view_a_routine_needs(course) -> None:
    from foot_lib.handouts.routine_cards import _boxes, _diagrams

    names = [name for _png, _side, name in _diagrams(course, load_routine_id(course, "fourteen-step"))]
    assert names == ["sole", "top", "inner side"]  # oil the top, the ankle circles, the sole
    assert [name for *_, name in _diagrams(course, load_routine_id(course, "spine-line"))] == ["sole", "inner side"]
    boxes = _boxes([False, False, True])
    assert boxes[0][1] == boxes[1][1] > boxes[2][1]  # sole and top side by side, the side view below
    assert all(x >= 0.62 and x + w <= 0.96 + 1e-9 for x, _y, w, _h in boxes)


def load_routine_id(course, rid: str):
    from foot_lib.content.routines import load_routine

    return load_routine(course, rid)
