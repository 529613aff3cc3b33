"""Presenter mode without a browser: tabs, tools, the theme switch and its matplotlib fonts."""

from __future__ import annotations

import matplotlib as mpl
import pytest

from foot_lib import Presenter, load_course
from foot_lib.widgets.presenter import HC_CLASS, LARGE_RC, TAB_TITLES, theme_rc


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_tabs_and_tools(course) -> None:
    p = Presenter(course)
    assert tuple(p.tabs.titles) == TAB_TITLES
    assert set(p.tools) == {TAB_TITLES[0]}  # the other tabs are built when first opened
    p.tabs.selected_index = 2
    assert set(p.tools) == {TAB_TITLES[0], TAB_TITLES[2]} and p.tabs.children[2].children
    assert p.tool("Routine player").routine.id == "three-stage"
    assert p.tool("Quiz").model.lesson == "09-evidence"
    assert set(p.tools) == set(TAB_TITLES)
    with pytest.raises(KeyError, match="no tab"):
        p.tool("Nope")
    p.routine_picker.value = "heel-spur"
    assert p.tools["Routine player"].routine.id == "heel-spur"
    p.lesson_picker.value = "08-safety"
    assert p.tools["Quiz"].model.lesson == "08-safety"
    assert "theme='normal'" in repr(p)


def test_theme_switch_changes_classes_and_fonts(course) -> None:
    before = {key: mpl.rcParams[key] for key in LARGE_RC}
    p = Presenter(course)
    player = p.tool("Routine player")
    player.go_next()
    player.go_next()
    p.toggle.value = True
    assert p.high_contrast and HC_CLASS in p._dom_classes
    assert mpl.rcParams["font.size"] == LARGE_RC["font.size"]
    # The player was redrawn with the new fonts but kept its place.
    assert p.tools["Routine player"] is not player
    assert p.tools["Routine player"].session.index == 2
    p.set_high_contrast(False)
    assert not p.toggle.value and not p.high_contrast
    assert {key: mpl.rcParams[key] for key in LARGE_RC} == before


def test_theme_rc() -> None:
    assert theme_rc(False) == {}
    assert theme_rc(True)["font.size"] > mpl.rcParamsDefault["font.size"]


def test_presenter_chart_is_labelled_and_large_text_reaches_inside_the_figure(course) -> None:
    """The chart tab shows the labelled common chart with its legend; the high-contrast switch
    redraws it with the large theme (bigger text in the figure, opaque fills); the map menu
    switches to one source's placements; the long description is folded under the caption."""
    from foot_lib.widgets.presenter import ChartViewer

    p = Presenter(course)
    viewer = p.tool("Reflex chart")
    assert isinstance(viewer, ChartViewer)
    assert viewer.chart.callouts and viewer.chart.school == "common"
    assert viewer.chart.style.name == "normal" and bytes(viewer.image.value).startswith(b"\x89PNG")
    assert viewer.alt_text == viewer.chart.alt_text and viewer.chart.caption in viewer.caption.value
    small = bytes(viewer.image.value)
    p.set_high_contrast(True)
    assert viewer.chart.style.name == "large" and viewer.chart.style.scale > 1.4
    assert bytes(viewer.image.value) != small
    p.set_high_contrast(False)
    assert viewer.chart.style.name == "normal"
    viewer.map.value = "source:S003.11"
    assert viewer.chart.source == "S003.11"


def _heel_pixel(viewer) -> tuple[float, float]:
    """The PNG pixel over the middle of the right heel in the chart tab's drawing."""
    from foot_lib.drawing.chart import to_chart
    from foot_lib.widgets.diagrams import chart_pixel

    shape = viewer.chart.shape
    xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), "right", viewer.chart.view, shape)[0]
    return chart_pixel(viewer.chart, *xy)


def test_presenter_chart_click_names_the_zone_and_search_highlights_both_feet(course) -> None:
    """The chart tab answers a click and a search with the lesson explorer's own code: every
    placement with its sources and evidence label, and the tradition-not-diagnosis reminder."""
    from foot_lib.widgets.diagrams import ChartAnswers

    viewer = Presenter(course).tool("Reflex chart")
    assert isinstance(viewer, ChartAnswers)
    text = viewer.click_pixel(*_heel_pixel(viewer))
    assert "pelvis" in text and "right foot" in text, text
    assert "tradition" in text and "not a diagnosis" in text
    assert "aria-live" in text
    # off the feet: a corner of the figure
    assert "Off the feet" in viewer.click_pixel(2, 2)
    # a ipyevents click event is mapped the same way (natural pixels of the PNG)
    px, py = _heel_pixel(viewer)
    viewer._on_event({"type": "click", "dataX": px, "dataY": py})
    assert "pelvis" in viewer.answer.value

    # search by body part: highlighted on both feet
    viewer.query.value = "kidneys"
    result = viewer.result
    assert result.found and "kidneys" in viewer.answer.value
    highlighted = {it.foot for it in viewer.chart._zone_items if it.target in result.zone_ids}
    assert highlighted == {"left", "right"}
    # by condition, and the search survives the large-text redraw
    result = viewer.search("tiredness")
    assert result.found and result.conditions
    viewer.large = True
    viewer.refresh()
    assert viewer.result == result and viewer.chart.style.name == "large"
    assert "tiredness" in viewer.answer.value.lower()
    # a click ends the search: the next redraw does not bring the old highlight back
    viewer.click_pixel(*_heel_pixel(viewer))
    assert viewer.result is None
    viewer.refresh()
    assert "Click a point" in viewer.answer.value
