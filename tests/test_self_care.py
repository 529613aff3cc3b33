"""The self-care planner: time budget, priorities, diabetes, evidence labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit_csv_row

from foot_lib import DataError, load_course, self_care_plan
from foot_lib.content.self_care import diabetes_reason, practice_evidence, self_care_table


@pytest.fixture(scope="module")
def course():
    return load_course()


def in_plan(frame):
    return frame[frame["status"] == "in plan"]


@pytest.mark.parametrize("minutes", [0, 1, 5, 10, 15, 20, 30, 45, 60, 200])
@pytest.mark.parametrize("diabetes", [False, True])
def test_plan_fits_the_time(course, minutes: int, diabetes: bool) -> None:
    plan = self_care_plan(course, minutes, diabetes=diabetes)
    used = int(in_plan(plan)["minutes"].sum())
    assert used <= minutes and used == plan.attrs["minutes_used"]
    assert len(plan) == len(course.self_care)  # every practice appears once, in or out
    assert set(plan["status"]) <= {"in plan", "left out"}
    assert plan["why"].str.len().gt(0).all()


def test_habits_are_always_in(course) -> None:
    habits = set(course.self_care.loc[course.self_care["minutes"] == 0, "practice"])
    habits_ok_for_diabetes = set(
        course.self_care.loc[(course.self_care["minutes"] == 0) & (course.self_care["diabetes"] != "avoid"), "practice"]
    )
    assert habits <= set(in_plan(self_care_plan(course, 0))["practice"])
    assert habits_ok_for_diabetes <= set(in_plan(self_care_plan(course, 0, diabetes=True))["practice"])


def test_priority_one_comes_first(course) -> None:
    first = course.self_care.sort_values("priority").iloc[0]
    plan = self_care_plan(course, int(first["minutes"]))
    assert first["practice"] in set(in_plan(plan)["practice"])


def test_more_time_never_drops_a_practice(course) -> None:
    # Greedy in priority order: a bigger budget keeps everything a smaller one chose
    # as long as the earlier choices are the same; check the common daily budgets.
    small = set(in_plan(self_care_plan(course, 10))["practice"])
    large = set(in_plan(self_care_plan(course, 500))["practice"])
    assert small <= large
    assert large == set(course.self_care["practice"])


def test_diabetes_leaves_out_barefoot_outdoors_and_says_why(course) -> None:
    plan = self_care_plan(course, 500, diabetes=True)
    barefoot = course.row("self_care", "barefoot-outdoors")["practice"]
    row = plan[plan["practice"] == barefoot].iloc[0]
    assert row["status"] == "left out"
    assert row["why"].startswith("diabetes:") and "barefoot" in row["why"].lower()
    avoid = set(course.self_care.loc[course.self_care["diabetes"] == "avoid", "practice"])
    assert avoid.isdisjoint(in_plan(plan)["practice"])
    assert barefoot in set(in_plan(self_care_plan(course, 500))["practice"])


def test_adapted_practices_carry_their_diabetes_note(course) -> None:
    plan = in_plan(self_care_plan(course, 500, diabetes=True))
    adapt = set(course.self_care.loc[course.self_care["diabetes"] == "adapt", "practice"])
    for row in plan[plan["practice"].isin(adapt)].itertuples():
        assert "adapted for diabetes" in row.why


def test_claims_get_their_label_from_claims_csv(course) -> None:
    label, known = practice_evidence(course, "calf-pump-walk")
    claim = course.row("claims", course.row("self_care", "calf-pump-walk")["claim"])
    assert (label, known) == (claim["evidence"], claim["what_is_known"])
    assert practice_evidence(course, "short-foot")[0] == "limited"
    assert practice_evidence(course, "wash-dry") == ("", "")


def test_reading_table_lists_every_practice(course) -> None:
    table = self_care_table(course)
    assert len(table) == len(course.self_care)
    assert set(table["evidence for its claim"]) <= {"supported", "limited", "unsupported", "refuted", "tradition", "—"}


def test_diabetes_reason_picks_the_relevant_sentence() -> None:
    text = "Check the floor. With diabetes, wear slippers. Enjoy it."
    assert diabetes_reason(text) == "With diabetes, wear slippers."
    assert diabetes_reason("Go slowly.") == "Go slowly."


@pytest.mark.parametrize("bad", [-1, 2.5, True, "10"])
def test_bad_minutes_are_refused(course, bad) -> None:
    with pytest.raises(ValueError):
        self_care_plan(course, bad)


def test_avoid_rows_must_explain_themselves(data_copy: Path) -> None:
    edit_csv_row(data_copy / "self_care.csv", "spiked-mat", caution="Go gently.")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "caution"


def test_claim_and_own_label_are_exclusive(data_copy: Path) -> None:
    edit_csv_row(data_copy / "self_care.csv", "calf-pump-walk", evidence="limited", evidence_note="x")
    with pytest.raises(DataError, match="either"):
        load_course(data_copy)


def test_unknown_claim_is_located(data_copy: Path) -> None:
    edit_csv_row(data_copy / "self_care.csv", "ball-rolling", claim="no-such-claim")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "claim" and "self_care.csv" in str(err.value)


def test_evidence_frame_labels_every_claimed_or_tested_practice(course) -> None:
    from foot_lib.content.self_care import evidence_frame

    frame = evidence_frame(course)
    care = course.self_care
    expected = set(care.loc[(care["claim"] != "") | (care["evidence"] != ""), "practice"])
    assert set(frame["practice"]) == expected
    assert frame["claim"].str.len().gt(0).all() and frame["what_is_known"].str.len().gt(0).all()
    sections = [c for cell in frame["citations"] for c in cell if c.startswith("S00")]
    assert not sections  # citations are references, never article sections


def test_own_label_needs_what_was_tested(data_copy: Path) -> None:
    edit_csv_row(data_copy / "self_care.csv", "short-foot", tested_for="")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "tested_for"


@pytest.mark.parametrize("minutes", [0, 5, 10, 30])
def test_daily_foot_check_is_in_every_diabetes_plan(course, minutes: int) -> None:
    check = course.row("self_care", "daily-foot-check")["practice"]
    assert check in set(in_plan(self_care_plan(course, minutes, diabetes=True))["practice"])
