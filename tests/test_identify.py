"""What is at this point? zones_at in foot coordinates and on a drawn chart."""

from __future__ import annotations

import numpy as np
import pytest

from foot_lib import FootShape, draw_chart, load_course, zones_at
from foot_lib.geometry.placement import to_chart


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_heart_point_depends_on_the_foot(course) -> None:
    left = zones_at(course, (0.42, 0.595), foot="left")
    right = zones_at(course, (0.42, 0.595), foot="right")
    assert "heart-left-arch-front" in set(left["id"])
    assert "heart-left-arch-front" not in set(right["id"])
    assert "liver-right-arch-start" in set(right["id"])


def test_heel_and_regions(course) -> None:
    found = zones_at(course, (0.5, 0.14), include_regions=True)
    assert {"ovaries-heel-centre", "heel-centre", "heel"} <= set(found["id"])
    assert set(found["kind"]) == {"zone", "region"}
    assert zones_at(course, (0.5, 0.14), view="dorsal").empty


def test_toe_zone_follows_the_big_toe(course) -> None:
    bent = FootShape(hallux_angle=40)
    tip = bent.toes[0].to_xy(np.array([0.0]), np.array([0.7]))[0]
    found = zones_at(course, tip, shape=bent, space="mm")
    assert "brain-big-toe-pad" in set(found["id"])


def test_point_off_the_foot_finds_nothing(course) -> None:
    assert zones_at(course, (-50.0, 100.0), space="mm").empty


def test_chart_point_identifies_zone_on_each_foot(course) -> None:
    shape = FootShape()
    chart = draw_chart(course, shape, labels=False, legend=False)
    xy = shape.uv_to_xy([(0.5, 0.14)])
    for foot in ("left", "right"):
        x, y = to_chart(xy, foot, "plantar", shape)[0]
        assert chart.foot_at(x, y) == foot
        assert "pelvis-heel" in set(chart.zones_at(x, y)["id"])
    assert chart.foot_at(0.0, 5.0) is None
    assert chart.zones_at(0.0, 5.0).empty


def test_bad_arguments(course) -> None:
    with pytest.raises(ValueError):
        zones_at(course, (0.5, 0.5), foot="middle")
    with pytest.raises(ValueError):
        zones_at(course, (0.5, 0.5), view="top")


def test_click_after_the_snapshot_still_maps_the_image_pixel(course) -> None:
    """Displaying the explorer draws a smaller snapshot copy (another dpi); a click on the live
    image's pixel must still name the zone under it (the right heel: pelvis)."""
    from foot_lib.widgets.diagrams import IdentifyExplorer, chart_pixel

    explorer = IdentifyExplorer(course)
    shape = explorer.chart.shape
    xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), "right", "plantar", shape)[0]
    px, py = chart_pixel(explorer.chart, *xy)
    explorer.snapshot_html()
    text = explorer.click_pixel(px, py)
    assert "pelvis" in text and "right foot" in text, text
