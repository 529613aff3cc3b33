"""Quizzes without a browser: the shipped questions, answering and scoring, the widget, bad rows.

Bad-row tests assert that the DataError names file, line and column, because a teacher
editing the quiz in a spreadsheet needs to find the exact cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from foot_lib import DataError, Quiz, QuizModel, load_course
from foot_lib.content.quiz import answer_key_text, lessons_with_questions, questions_for, quiz_sheet_text

LESSONS = [
    "00-start-here",
    "01-foot-anatomy",
    "02-reflex-map",
    "03-preparation",
    "04-techniques",
    "05-routines",
    "06-therapeutic-routines",
    "07-legs",
    "08-safety",
    "09-evidence",
    "10-self-care",
    "11-teaching-a-class",
]


@pytest.fixture(scope="module")
def course():
    return load_course()


def _edit(data: Path, qid: str, column: str, value: str) -> int:
    """Set ``column`` of question ``qid`` in a data copy; return the file line of that row."""
    path = data / "quiz_questions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for number, row in enumerate(rows):
        if row[0] == qid:
            row[rows[0].index(column)] = value
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            path.write_text(buf.getvalue(), encoding="utf-8")
            return number + 1
    raise AssertionError(f"no row {qid}")


def _expect(data: Path, line: int, column: str, *words: str) -> None:
    with pytest.raises(DataError) as info:
        load_course(data)
    message = str(info.value)
    assert "quiz_questions.csv" in message and f"line {line}" in message and f"column '{column}'" in message, message
    for word in words:
        assert word in message, message


# -- the shipped questions ------------------------------------------------------------
def test_every_lesson_has_three_to_five_questions(course) -> None:
    assert lessons_with_questions(course) == LESSONS
    for lesson in LESSONS:
        assert 3 <= len(questions_for(course, lesson)) <= 5, lesson


def test_evidence_literacy_questions_are_there(course) -> None:
    """The evidence lesson asks about blinded diagnosis tests, reviews, nerve figures and origins."""
    by_id = {q.id: q for q in questions_for(course, "09-evidence")}
    assert {"white2000", "baerheim1998"} <= set(by_id["evid-diagnosis"].source)
    assert {"ernst2009", "ernst2011"} <= set(by_id["evid-reviews"].source)
    assert "corniani2020" in by_id["evid-nerves"].source
    assert "fitzgerald1917" in by_id["evid-origin"].source
    safety = {q.id: q for q in questions_for(course, "08-safety")}
    assert "same day" in safety["safe-dvt"].answer
    assert "emergency" in safety["safe-dvt-emergency"].answer


def test_linked_claims_show_their_evidence_label(course) -> None:
    model = QuizModel(course, "09-evidence")
    q = model.question("evid-diagnosis")
    feedback = model.answer(q.id, q.answer)
    assert feedback.evidence == "refuted"


def test_right_answers_are_spread_over_the_letters(course) -> None:
    letters = [q.answer_letter for q in questions_for(course)]
    assert max(letters.count(x) for x in set(letters)) < len(letters) / 2


# -- answering and scoring --------------------------------------------------------------
def test_answer_gives_feedback_and_score(course) -> None:
    model = QuizModel(course, "08-safety")
    assert model.score.total == len(model) == 5
    q = model.questions[0]
    wrong = next(c for c in q.choices if c != q.answer)
    fb = model.answer(q.id, wrong)
    assert not fb.correct and fb.answer == q.answer and fb.explanation == q.explanation
    assert fb.source == q.source and fb.message.startswith("Not quite")
    # A later right answer gets "Correct." but the first answer is what counts.
    assert model.answer(q.id, q.answer).correct
    assert model.chosen(q.id) == q.answer
    assert (model.score.correct, model.score.answered) == (0, 1)
    for other in model.questions[1:]:
        model.answer(other.id, other.answer)
    assert model.finished and model.score.correct == 4
    assert str(model.score) == "Score: 4 of 5 (answered 5)"
    model.reset()
    assert (model.score.correct, model.score.answered) == (0, 0) and model.chosen(q.id) is None


def test_bad_calls_say_what_is_valid(course) -> None:
    model = QuizModel(course, "01-foot-anatomy")
    with pytest.raises(KeyError, match="anat-bones"):
        model.answer("nope", "26")
    with pytest.raises(ValueError, match="not one of the choices"):
        model.answer("anat-bones", "27")
    with pytest.raises(KeyError, match="lessons with questions"):
        QuizModel(course, "99-nothing")


def test_all_lessons_quiz(course) -> None:
    assert len(QuizModel(course)) == len(course.quiz_questions)


# -- printed sheets -------------------------------------------------------------------
def test_quiz_sheet_has_questions_but_no_answers(course) -> None:
    text = quiz_sheet_text(course, "09-evidence")
    assert text.startswith("Quiz: 09-evidence")
    assert "5. " in text and "[ ] D." in text
    assert "Answer:" not in text and "Why:" not in text
    assert all(len(line) <= 88 for line in text.splitlines())


def test_answer_key_covers_every_question(course) -> None:
    text = answer_key_text(course)
    assert text.count("Answer: ") == len(course.quiz_questions)
    first = questions_for(course, "00-start-here")[0]
    assert f"00-start-here: 1-{first.answer_letter}" in text


# -- the widget, headless ---------------------------------------------------------------
def test_widget_instant_feedback_score_and_reset(course) -> None:
    quiz = Quiz(course, "09-evidence")
    q = quiz.model.questions[0]
    html_text = quiz.choose(q.id, q.answer)
    assert "Correct." in html_text and "✔" in html_text
    assert "refuted" in html_text and "white2000" in html_text
    assert "Score: 1 of 5" in quiz.score_label.value
    wrong = next(c for c in quiz.model.questions[1].choices if c != quiz.model.questions[1].answer)
    assert "Not quite" in quiz.choose(quiz.model.questions[1].id, wrong)
    assert "Score: 1 of 5" in quiz.score_label.value and "answered 2" in quiz.score_label.value
    quiz.reset_button.click()
    assert all(sel.value is None for sel in quiz.selectors.values())
    assert all(fb.value == "" for fb in quiz.feedback.values())
    assert "Score: 0 of 5" in quiz.score_label.value


def test_widget_toggle_buttons(course) -> None:
    quiz = Quiz(course, "01-foot-anatomy", buttons="toggle")
    q = quiz.model.question("anat-bones")
    assert "Correct." in quiz.choose(q.id, "26")
    with pytest.raises(ValueError):
        Quiz(course, "01-foot-anatomy", buttons="dropdown")


def test_widget_escapes_text(course) -> None:
    quiz = Quiz(course, "00-start-here")
    assert all("<script" not in fb.value for fb in quiz.feedback.values())


# -- bad quiz rows -> DataError ----------------------------------------------------------
def test_answer_not_among_choices(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "answer", "26 bones")
    _expect(data_copy, line, "answer", "not one of this row's choices", "did you mean '26'")


def test_single_choice(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "choices", "26")
    _edit(data_copy, "anat-bones", "answer", "26")
    _expect(data_copy, line, "choices", "at least two choices")


def test_duplicate_choice(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "choices", "19;26;26")
    _expect(data_copy, line, "choices", "appears twice")


def test_unknown_lesson(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "lesson", "01-foot-anatomyy")
    _expect(data_copy, line, "lesson", "did you mean '01-foot-anatomy'")


def test_unknown_source_and_claim(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "source", "statpearls-foot;nobody2099")
    _expect(data_copy, line, "source", "nobody2099")


def test_unknown_claim(data_copy: Path) -> None:
    line = _edit(data_copy, "evid-nerves", "claim", "nerve-endings-72")
    _expect(data_copy, line, "claim", "unknown claims id")


def test_missing_explanation(data_copy: Path) -> None:
    line = _edit(data_copy, "anat-bones", "explanation", "  ")
    _expect(data_copy, line, "explanation", "required")
