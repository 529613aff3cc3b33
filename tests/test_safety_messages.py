"""What the safety check and the safety quiz tell a learner (issue 11, items 4, 6, 7 and 8).

* A STOP message says what to do, plainly: the advice once, then why, and none of the
  "where the sources disagree" notes that belong to the teaching table.
* The St John's wort row, its question and the verdict agree: the risk is the remedy taken
  with a medicine (any medicine, not only prescribed ones), so massage goes ahead, adapted.
* Quiz answers match the safety table: varicose veins mean *ask a doctor first*; a sore on a
  diabetic foot means *no massage at all* and the diabetes foot team or a doctor now.
"""

from __future__ import annotations

import pytest

from foot_lib import load_course
from foot_lib.content.safety import all_no, screen


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.mark.parametrize(
    "row", ["dvt-signs", "diabetic-foot-problem", "chest-pain-breathless", "recent-injury-surgery"]
)
def test_stop_message_says_what_to_do_and_nothing_else(course, row: str) -> None:
    verdict = screen({**all_no(course), row: True}, course)
    assert verdict.verdict == "stop"
    text = verdict.as_text()
    instead = course.row("contraindications", row)["instead"]
    assert text.startswith(f"STOP: {instead}") or text.startswith(f"STOP: Do not massage. {instead}")
    assert text.count(instead) == 1, "the advice is said once"
    assert "sources disagree" not in text.lower() and "articles" not in text.lower()
    assert verdict.safer_side_notes == []


def test_blood_clot_stop_message_is_plain(course) -> None:
    text = screen({**all_no(course), "dvt-signs": True}, course).as_text()
    assert "same-day medical assessment" in text and "emergency services" in text
    assert "None of the articles" not in text


def test_non_stop_verdicts_still_explain_the_safer_reading(course) -> None:
    verdict = screen({**all_no(course), "varicose-veins": True}, course)
    assert verdict.verdict == "ask"
    assert verdict.safer_side_notes


def test_st_johns_wort_row_question_and_verdict_agree(course) -> None:
    row = course.row("contraindications", "st-johns-wort")
    assert row["severity"] == "adapt"
    assert "prescribed" not in row["question"].lower() and "any medicine" in row["question"].lower()
    verdict = screen({**all_no(course), "st-johns-wort": True}, course)
    assert verdict.verdict == "adapt"
    assert "massage can go ahead" in row["instead"].lower()
    assert "pharmacist or doctor" in " ".join(verdict.instead)


def test_varicose_quiz_answer_asks_a_doctor_first(course) -> None:
    quiz = course.quiz_questions.set_index("id")
    answer = quiz.at["safe-varicose", "answer"]
    assert answer.lower().startswith("ask their doctor first")
    assert course.row("contraindications", "varicose-veins")["severity"] == "ask_clinician"
    explanation = quiz.at["safe-varicose", "explanation"]
    assert "Every article" not in explanation
    for section in ("S000.6", "S002.16", "S002.24", "S003.26"):
        assert section in quiz.at["safe-varicose", "source"]


def test_diabetic_blister_quiz_answer_rules_out_all_massage(course) -> None:
    quiz = course.quiz_questions.set_index("id")
    answer = quiz.at["safe-diabetes", "answer"]
    assert "no massage at all" in answer.lower()
    assert "the diabetes foot team or a doctor now" in answer
    assert screen({**all_no(course), "diabetic-foot-problem": True}, course).verdict == "stop"
