"""The preparation lesson's helpers: oil calculator, checklist, session lengths, widget."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support import edit_csv_row

from foot_lib import DataError, load_course, preparation_checklist, scale_oil_recipe
from foot_lib.content.preparation import (
    ML_PER_DROP,
    ML_PER_TSP,
    TOPIC_ORDER,
    oil_summary,
    session_lengths,
)
from foot_lib.drawing.plots import plot_session_lengths


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_one_batch_is_the_recipe_as_written(course) -> None:
    frame = scale_oil_recipe(course)
    recipe = course.oil_recipe
    assert list(frame["ingredient"]) == list(recipe["ingredient"])
    assert list(frame["amount"]) == [float(a) for a in recipe["amount"]]
    assert not frame["capped"].any()


def test_about_two_teaspoons_of_oil_per_foot(course) -> None:
    for feet in (1, 2, 3, 4):
        frame = scale_oil_recipe(course, feet=feet)
        oil_tsp = frame.loc[frame["unit"] == "tsp", "amount"].sum()
        assert oil_tsp == pytest.approx(2 * feet)


def test_amounts_scale_with_feet_and_sessions(course) -> None:
    one = scale_oil_recipe(course, feet=1, sessions=1)
    week = scale_oil_recipe(course, feet=2, sessions=7)
    tsp = one["unit"] == "tsp"
    assert list(week.loc[tsp, "amount"]) == [a * 14 for a in one.loc[tsp, "amount"]]


def test_ml_follow_the_unit_conversions(course) -> None:
    frame = scale_oil_recipe(course, feet=2, sessions=3)
    for row in frame.itertuples():
        per_unit = ML_PER_TSP if row.unit == "tsp" else ML_PER_DROP
        assert row.ml == pytest.approx(row.amount * per_unit)
    assert frame.attrs["total_ml"] == pytest.approx(frame["ml"].sum())
    assert frame["percent"].sum() == pytest.approx(100, abs=0.5)


@pytest.mark.parametrize("feet", [1, 2, 3, 4])
@pytest.mark.parametrize("sessions", [1, 2, 3, 5, 14])
def test_drops_are_whole_and_stay_gently_diluted(course, feet: int, sessions: int) -> None:
    frame = scale_oil_recipe(course, feet=feet, sessions=sessions)
    oil_ml = frame.loc[frame["unit"] == "tsp", "ml"].sum()
    limits = course.oil_recipe.set_index("ingredient")["max_percent"]
    for row in frame[frame["unit"] == "drops"].itertuples():
        assert row.amount == int(row.amount) and row.amount >= 1
        assert row.ml <= oil_ml * limits[row.ingredient] / 100 + 1e-9


def test_half_drops_round_up_not_to_even(course) -> None:
    # 3 drops per two feet -> 1.5 drops for one foot; Python's round() would give 2 here
    # but 2 for 2.5 as well, so check a case that separates the two: 5 feet-sessions.
    frame = scale_oil_recipe(course, feet=1, sessions=5)
    drops = frame.loc[frame["unit"] == "drops", "amount"].iloc[0]
    assert drops == 8  # 7.5 -> 8


def test_dilution_cap_lowers_the_drops(data_copy: Path) -> None:
    edit_csv_row(data_copy / "oil_recipe.csv", "essential-oil", amount="12")
    course = load_course(data_copy)
    frame = scale_oil_recipe(course, feet=2, sessions=1)
    row = frame[frame["unit"] == "drops"].iloc[0]
    assert bool(row["capped"]) and row["amount"] == 4  # 1 % of 20 ml is 0.2 ml = 4 drops
    assert "lowered" in oil_summary(frame)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_bad_counts_are_refused(course, bad) -> None:
    with pytest.raises(ValueError):
        scale_oil_recipe(course, feet=bad)
    with pytest.raises(ValueError):
        scale_oil_recipe(course, sessions=bad)


def test_summary_reads_naturally(course) -> None:
    text = oil_summary(scale_oil_recipe(course, feet=1))
    assert text == "Makes about 10 ml (about 2 tsp): enough for 1 foot, 1 session."


def test_essential_oil_must_have_a_dilution_limit(data_copy: Path) -> None:
    edit_csv_row(data_copy / "oil_recipe.csv", "essential-oil", max_percent="")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "max_percent" and "oil_recipe.csv" in str(err.value)


def test_checklist_follows_the_session_order(course) -> None:
    checklist = preparation_checklist(course)
    assert list(checklist["step"]) == list(range(1, len(course.preparation) + 1))
    order = [TOPIC_ORDER.index(t) for t in checklist["topic"]]
    assert order == sorted(order)
    assert set(checklist["topic"]) == set(TOPIC_ORDER)
    assert all(s for s in checklist["sources"])


def test_checklist_topic_filter(course) -> None:
    only = preparation_checklist(course, topics=["hands"])
    assert set(only["topic"]) == {"hands"} and list(only["step"]) == list(range(1, len(only) + 1))
    with pytest.raises(ValueError, match="unknown topic"):
        preparation_checklist(course, topics=["kitchen"])


def test_session_lengths_show_every_source_side_by_side(course) -> None:
    lengths = session_lengths(course)
    sections = " ".join(lengths["source"])
    for sid in ("S000.5", "S002.3", "S002.26"):
        assert sid in sections
    five = lengths[lengths["source"].str.contains("S000.5")].iloc[0]
    assert (five["from_min"], five["to_min"]) == (10, 10)  # 5 minutes per foot, two feet


def test_session_chart_has_one_bar_per_source(course) -> None:
    fig = plot_session_lengths(course)
    ax = fig.axes[0]
    assert len(ax.patches) >= len(session_lengths(course))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(session_lengths(course)["source"])


def test_minutes_only_on_timing_rows(data_copy: Path) -> None:
    edit_csv_row(data_copy / "preparation.csv", "room-warm", minutes_min="5")
    with pytest.raises(DataError, match="only timing rows"):
        load_course(data_copy)


def test_backwards_range_is_reported(data_copy: Path) -> None:
    edit_csv_row(data_copy / "preparation.csv", "timing-relaxing-legs", minutes_min="25")
    with pytest.raises(DataError, match="backwards"):
        load_course(data_copy)


def test_calculator_widget_redraws_on_slider_change(course) -> None:
    from foot_lib import OilCalculator

    calc = OilCalculator(course)
    assert "2 feet, 1 session" in calc.summary.value
    calc.feet.value = 1
    calc.sessions.value = 3
    assert "1 foot, 3 sessions" in calc.summary.value
    expected = scale_oil_recipe(course, feet=1, sessions=3)
    pd.testing.assert_frame_equal(calc.frame, expected)
    assert len(calc.out.outputs) == 2  # table + notes, replaced, not appended
    calc.sessions.value = 4
    assert len(calc.out.outputs) == 2
    assert calc.feet.min == 1 and calc.sessions.min == 1


def test_readable_tables(course) -> None:
    from foot_lib.content.preparation import recipe_frame
    from foot_lib.drawing.tables import oil_table

    recipe = recipe_frame(course)
    assert "1 %" in set(recipe["dilution limit"]) and not recipe["or instead"].str.contains(r"\(").any()
    html = oil_table(scale_oil_recipe(course, feet=1), ["ingredient", "amount", "ml", "percent", "capped"]).to_html()
    assert "0.000000" not in html and "% of mix" in html and ">no<" in html


def test_recipe_shows_the_articles_range(course, data_copy: Path) -> None:
    from foot_lib.content.preparation import recipe_frame

    amounts = recipe_frame(course).set_index("ingredient")["amount"]
    assert amounts["Lavender essential oil"] == "3 (article: 3–5)"
    edit_csv_row(data_copy / "oil_recipe.csv", "essential-oil", amount="8")
    raised = recipe_frame(load_course(data_copy)).set_index("ingredient")["amount"]
    assert raised["Lavender essential oil"] == "8"
