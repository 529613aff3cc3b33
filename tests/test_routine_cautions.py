"""Routine cautions come from the safety table, word for word (issue 11, items 1 and 5).

A routine step names the safety rules that apply to it by id (``caution_ids``, foreign-keyed
to ``contraindications.csv``); the banner the player, the cards and the planner show is built
from those rows, so a routine can never word a rule more loosely than the safety check. The
free-text ``caution`` column keeps only practical tips, and the loader rejects a tip that
restates a safety rule, a step on the inner thigh or the back of the knee without the vessel
rule, and a step with water, warming cream, spiked mats or bare feet without the diabetes rule.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from foot_lib import DataError, load_course
from foot_lib.content.routines import load_routine, routine_ids
from foot_lib.content.safety import routine_caution


@pytest.fixture(scope="module")
def course():
    return load_course()


def _set(data: Path, routine: str, step: int, **changes: str) -> int:
    """Change cells of one routine step in a data copy; return its line number."""
    path = data / "routine_steps.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for i, row in enumerate(rows[1:], start=1):
        if row[0] == routine and row[1] == str(step):
            for column, value in changes.items():
                row[header.index(column)] = value
            line = i + 1
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return line


def test_every_linked_rule_is_shown_word_for_word(course) -> None:
    table = course.contraindications.set_index("id")
    for rid in routine_ids(course):
        for step in load_routine(course, rid).steps:
            for cid in step.caution_ids:
                text = routine_caution(table.loc[cid])
                assert text in step.caution, (rid, step.number, cid)
                assert table.at[cid, "instead"] in text


def test_the_shin_step_follows_the_injury_rule(course) -> None:
    step = load_routine(course, "shins-and-toes").steps[6]
    assert "recent-injury-surgery" in step.caution_ids
    rule = course.row("contraindications", "recent-injury-surgery")
    assert rule["instead"] in step.caution
    assert "lightest touch" not in step.caution


def test_bedtime_warming_cream_carries_the_diabetes_rule(course) -> None:
    step = load_routine(course, "bedtime").steps[1]
    assert "warming cream" in step.instruction.lower()
    assert "diabetes-reduced-feeling" in step.caution_ids
    assert "warming creams" in step.caution


def test_no_routine_caution_is_laxer_than_the_safety_table(course) -> None:
    """A stop-and-refer rule linked to a step is shown as 'do not massage', never softened."""
    table = course.contraindications.set_index("id")
    for rid in routine_ids(course):
        for step in load_routine(course, rid).steps:
            for cid in step.caution_ids:
                if table.at[cid, "severity"] == "stop_refer":
                    assert "Do not massage" in step.caution, (rid, step.number, cid)
            assert "lightest touch" not in step.caution.lower()


def test_cards_list_each_rule_once(course) -> None:
    routine = load_routine(course, "shins-and-toes")
    lines = routine.cautions()
    assert len(lines) == len(set(lines))
    vessels = routine_caution(course.contraindications.set_index("id").loc["thigh-knee-vessels"])
    assert lines.count(vessels) == 1


@pytest.mark.parametrize(
    ("tip", "words"),
    [
        ("After a sprain or strained calf, use the lightest touch only.", "recent-injury-surgery"),
        ("With diabetes, skip this step.", "diabetes-reduced-feeling"),
        ("Stroke around varicose veins.", "varicose-veins"),
    ],
)
def test_a_tip_that_rewords_a_safety_rule_is_rejected(data_copy: Path, tip: str, words: str) -> None:
    line = _set(data_copy, "shins-and-toes", 7, caution=tip)
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    err = info.value
    assert (err.line, err.column) == (line, "caution")
    assert words in str(err) and "caution_ids" in str(err)


def test_unknown_rule_id_is_rejected(data_copy: Path) -> None:
    line = _set(data_copy, "shins-and-toes", 7, caution_ids="no-such-rule")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert (info.value.line, info.value.column) == (line, "caution_ids")


def test_vessel_areas_must_link_the_vessel_rule(data_copy: Path) -> None:
    line = _set(data_copy, "shins-and-toes", 2, caution_ids="")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert (info.value.line, info.value.column) == (line, "caution_ids")
    assert "thigh-knee-vessels" in str(info.value)


def test_water_and_warming_creams_must_link_the_diabetes_rule(data_copy: Path) -> None:
    line = _set(data_copy, "bedtime", 2, caution_ids="")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert (info.value.line, info.value.column) == (line, "caution_ids")
    assert "diabetes-reduced-feeling" in str(info.value)
