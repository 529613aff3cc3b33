"""Quizzes: the questions of a lesson, checking answers, and the score (no widgets here).

The questions live in ``data/quiz_questions.csv`` so a teacher can add or reword them in a
spreadsheet. This module holds everything a quiz *does* — which questions belong to a lesson,
whether a choice is right, what to explain afterwards, the running score — so that the same
logic drives the interactive :class:`foot_lib.Quiz` widget, the printed quiz sheets and the
answer key, and can be tested without a browser.
"""

from __future__ import annotations

import difflib
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..data.loading import Checks

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

TABLE = "quiz_questions"
LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class Question:
    """One multiple-choice question, as read from the quiz table."""

    id: str
    lesson: str
    question: str
    choices: tuple[str, ...]
    answer: str
    explanation: str
    source: tuple[str, ...]
    claim: str | None = None

    @property
    def answer_letter(self) -> str:
        """The letter (A, B, ...) of the right choice, as printed on the quiz sheet."""
        return LETTERS[self.choices.index(self.answer)]


@dataclass(frozen=True)
class Feedback:
    """What a learner sees after choosing: right or not, and why.

    ``evidence`` is the label of the linked claim (``supported`` ... ``tradition``) when the
    question is about a health claim, so the widget can show it next to the explanation.
    """

    question_id: str
    choice: str
    correct: bool
    answer: str
    explanation: str
    source: tuple[str, ...]
    evidence: str | None = None

    @property
    def message(self) -> str:
        """A short plain-text verdict, the same in the widget and in tests."""
        if self.correct:
            return "Correct."
        return f"Not quite. The answer is: {self.answer}"


@dataclass(frozen=True)
class Score:
    """Running score: first answers that were right, questions answered, questions in the quiz."""

    correct: int
    answered: int
    total: int

    def __str__(self) -> str:
        return f"Score: {self.correct} of {self.total} (answered {self.answered})"


def lessons_with_questions(course: Course) -> list[str]:
    """Lessons that have at least one question, in course order (file names sort that way)."""
    return sorted(set(course[TABLE]["lesson"].tolist()))


def questions_for(course: Course, lesson: str | None = None) -> list[Question]:
    """The questions of ``lesson`` (all lessons when None), in the order of the table."""
    frame = course[TABLE]
    if lesson is not None:
        known = set(frame["lesson"].tolist())
        if lesson not in known:
            raise KeyError(f"no quiz questions for lesson {lesson!r}; lessons with questions: {sorted(known)}")
        frame = frame[frame["lesson"] == lesson]
    return [
        Question(
            id=row.id,
            lesson=row.lesson,
            question=row.question,
            choices=tuple(row.choices),
            answer=row.answer,
            explanation=row.explanation,
            source=tuple(row.source),
            claim=row.claim or None,
        )
        for row in frame.itertuples(index=False)
    ]


class QuizModel:
    """The state of one learner's quiz on one lesson.

    The score counts each question's *first* answer only: a learner may keep clicking to
    explore the other choices and read their feedback, but the score stays an honest
    record of what they knew. :meth:`reset` starts again.
    """

    def __init__(self, course: Course, lesson: str | None = None) -> None:
        self.lesson = lesson
        self.questions = questions_for(course, lesson)
        self._by_id = {q.id: q for q in self.questions}
        self._evidence: dict[str, str] = {}
        if "claims" in course.names:
            claims = course["claims"]
            self._evidence = dict(zip(claims["id"].tolist(), claims["evidence"].tolist(), strict=True))
        self._first: dict[str, bool] = {}
        self._last: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.questions)

    def question(self, qid: str) -> Question:
        """The question with id ``qid`` (KeyError naming the valid ids otherwise)."""
        try:
            return self._by_id[qid]
        except KeyError:
            raise KeyError(f"no question {qid!r} in this quiz; ids: {', '.join(self._by_id)}") from None

    def answer(self, qid: str, choice: str) -> Feedback:
        """Record ``choice`` for question ``qid`` and return the feedback to show."""
        q = self.question(qid)
        if choice not in q.choices:
            raise ValueError(f"{choice!r} is not one of the choices of question {qid!r}: {list(q.choices)}")
        correct = choice == q.answer
        self._first.setdefault(qid, correct)
        self._last[qid] = choice
        return Feedback(
            question_id=qid,
            choice=choice,
            correct=correct,
            answer=q.answer,
            explanation=q.explanation,
            source=q.source,
            evidence=self._evidence.get(q.claim) if q.claim else None,
        )

    def chosen(self, qid: str) -> str | None:
        """The latest choice made for ``qid``, or None if not answered yet."""
        self.question(qid)
        return self._last.get(qid)

    @property
    def score(self) -> Score:
        return Score(correct=sum(self._first.values()), answered=len(self._first), total=len(self.questions))

    @property
    def finished(self) -> bool:
        return len(self._first) == len(self.questions)

    def reset(self) -> None:
        """Forget every answer (the questions stay)."""
        self._first.clear()
        self._last.clear()


# -- printed sheets ---------------------------------------------------------------------
def _wrap(text: str, width: int, indent: str = "", hang: int = 0) -> list[str]:
    """Wrap ``text``; continuation lines are indented ``hang`` more so numbers stand out."""
    more = indent + " " * hang
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=more) or [indent]


def quiz_sheet_text(course: Course, lesson: str, *, answers: bool = False, width: int = 88) -> str:
    """A printable quiz for ``lesson`` as plain text: numbered questions, lettered choices.

    With ``answers=True`` each question is followed by its answer, the explanation and the
    sources, which is what the answer key prints. Plain text keeps the sheet usable anywhere
    (a PDF page, an e-mail, a screen reader) and easy to test.
    """
    lines = [f"Quiz: {lesson}", ""]
    for number, q in enumerate(questions_for(course, lesson), start=1):
        lines += _wrap(f"{number}. {q.question}", width, hang=len(f"{number}. "))
        for letter, choice in zip(LETTERS, q.choices, strict=False):
            lines += _wrap(f"[ ] {letter}. {choice}", width, indent="    ", hang=7)
        if answers:
            lines += _wrap(f"Answer: {q.answer_letter}. {q.answer}", width, indent="    ")
            lines += _wrap(f"Why: {q.explanation}", width, indent="    ")
            lines += _wrap(f"Sources: {', '.join(q.source)}", width, indent="    ")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def answer_key_text(course: Course, *, width: int = 88) -> str:
    """The answer key for every lesson: letters first (for quick marking), then the reasons."""
    parts = ["Answer key", ""]
    for lesson in lessons_with_questions(course):
        letters = ", ".join(f"{n}-{q.answer_letter}" for n, q in enumerate(questions_for(course, lesson), start=1))
        parts += _wrap(f"{lesson}: {letters}", width)
    parts.append("")
    for lesson in lessons_with_questions(course):
        parts.append(quiz_sheet_text(course, lesson, answers=True, width=width))
    return "\n".join(parts).rstrip() + "\n"


# -- data checks the descriptor cannot express ------------------------------------------
def check_quiz_questions(course: Course) -> None:
    """Each question needs two or more distinct choices, and its answer must be one of them.

    A teacher editing a spreadsheet easily retypes an answer slightly differently from the
    choice (an extra space, a changed word); the widget would then mark every learner wrong,
    so the loader stops with the exact cell instead.
    """
    frame = course[TABLE]
    for pos, row in enumerate(frame.itertuples(index=False)):
        choices = tuple(row.choices)
        if len(choices) < 2:
            raise course.error(
                TABLE, pos, "choices", f"a question needs at least two choices separated by ';', found {len(choices)}"
            )
        seen: set[str] = set()
        for choice in choices:
            if choice.casefold() in seen:
                raise course.error(TABLE, pos, "choices", f"the choice {choice!r} appears twice")
            seen.add(choice.casefold())
        if len(choices) > len(LETTERS):
            raise course.error(TABLE, pos, "choices", f"at most {len(LETTERS)} choices are supported")
        if row.answer not in choices:
            hint = difflib.get_close_matches(row.answer, choices, n=1, cutoff=0.4)
            more = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise course.error(
                TABLE, pos, "answer", f"the answer {row.answer!r} is not one of this row's choices{more}"
            )


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    TABLE: (check_quiz_questions,),
}
