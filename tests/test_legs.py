"""The legs lesson's helpers: kinds of leg massage, leg routine steps, no-press areas."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

from foot_lib import DataError, load_course
from foot_lib.content.legs import (
    AREA_NAMES,
    leg_cautions,
    leg_kind_claims,
    leg_massage_kinds,
    leg_routine_ids,
    leg_routine_steps,
    no_press_areas,
)
from foot_lib.drawing.leg_diagram import no_press_chart

matplotlib.use("Agg")


from support import edit_csv_row


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_four_kinds_side_by_side(course) -> None:
    kinds = leg_massage_kinds(course)
    assert list(kinds["kind"]) == ["Classical", "Therapeutic", "Relaxing", "Reflex"]
    lengths = dict(zip(kinds["kind"], kinds["length"], strict=True))
    assert lengths["Relaxing"] == "15–20 min" and lengths["Classical"] == "5 min"
    professional = kinds.set_index("kind").loc[["Therapeutic", "Reflex"], "routine in this course"]
    assert (professional == "— (not taught)").all()


def test_reflex_claims_are_labelled_and_not_supported(course) -> None:
    claims = leg_kind_claims(course)
    labels = claims.set_index("id")["evidence"]
    assert labels["origin-ancient-china"] == "unsupported"
    assert "supported" not in set(labels)  # nothing the article claims here is established
    assert all(c for c in claims["citations"])


def test_leg_steps_cover_every_leg_routine(course) -> None:
    steps = leg_routine_steps(course)
    ids = leg_routine_ids(course)
    assert ids and steps["routine"].nunique() == len(ids)
    expected = sum(len(course.routine_steps[course.routine_steps["routine"] == r]) for r in ids)
    assert len(steps) == expected
    assert leg_routine_steps(course, []).empty


def test_no_press_areas_are_the_anatomical_ones(course) -> None:
    assert set(no_press_areas(course)) == {"inner-thigh", "back-of-knee"}
    assert set(no_press_areas(course)) <= set(AREA_NAMES)


def test_dvt_caution_says_do_not_massage_and_same_day(course) -> None:
    cautions = leg_cautions(course, always=False)
    dvt = cautions[cautions["severity"] == "stop_refer"]
    assert len(dvt) >= 1 and dvt["rule"].str.lower().str.startswith("do not").all()
    clot = cautions[cautions["why"].str.contains("thrombosis")]
    assert clot["what to do"].str.contains("same-day", case=False).all()
    assert clot["what to do"].str.contains("emergency", case=False).all()
    assert set(leg_cautions(course, always=True)["applies"]) == {"every leg"}


def test_chart_highlights_the_no_press_areas(course) -> None:
    chart = no_press_chart(course)
    assert set(chart.highlight) == set(no_press_areas(course))
    assert "back of the knee" in chart.alt_text


def test_soft_rule_on_a_stop_condition_is_refused(data_copy: Path) -> None:
    edit_csv_row(data_copy / "leg_cautions.csv", "calf-pain-swelling", rule="gentle strokes")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "rule" and "leg_cautions.csv" in str(err.value)


def test_unknown_leg_area_is_located(data_copy: Path) -> None:
    edit_csv_row(data_copy / "leg_cautions.csv", "back-of-knee", areas="elbow")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "areas"


def test_unknown_routine_for_a_kind_is_located(data_copy: Path) -> None:
    edit_csv_row(data_copy / "leg_massage_kinds.csv", "classical", routine="no-such-routine")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "routine"
