"""The diagram widgets, driven from code as a learner's slider moves would drive them."""

from __future__ import annotations

import pytest

from foot_lib import load_course
from foot_lib.widgets.diagrams import FootShapeExplorer, IdentifyExplorer


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_shape_explorer_redraws_when_a_slider_moves(course) -> None:
    explorer = FootShapeExplorer(course)
    first_image, first_chart = bytes(explorer.image.value), explorer.chart
    assert first_image.startswith(b"\x89PNG") and "arch" in explorer.caption.value.lower()
    explorer.arch.value = 0.9
    assert explorer.chart is not first_chart and explorer.chart.shape.arch == pytest.approx(0.9)
    assert bytes(explorer.image.value) != first_image
    explorer.view.value = "dorsal"
    assert explorer.chart.view == "dorsal"
    image = bytes(explorer.image.value)
    explorer.refresh()  # same controls: same picture
    assert bytes(explorer.image.value) == image


def test_identify_explorer_names_what_is_under_the_point(course) -> None:
    explorer = IdentifyExplorer(course)
    explorer.u.value, explorer.v.value = 0.5, 0.08  # the middle of the heel
    found = explorer.identify()
    assert "heel" in " ".join(found["body_part"]).lower()
    assert "Area:" in explorer.answer.value and "refuted" in explorer.answer.value
    assert explorer.chart.state.marker is not None
