"""The interactive quiz: one set of radio buttons per question, instant feedback, a score.

All the logic (which answer is right, what to explain, how to score) lives in
:mod:`foot_lib.content.quiz`; this module only lays out widgets and forwards clicks. Feedback is
written into ``HTML`` widgets (their ``value`` is replaced, never printed into), so the
stored notebook outputs stay stable under nbval and tests can read exactly what a learner
sees. Radio buttons are native form controls: Tab moves between questions, arrow keys move
between choices, so the quiz works without a mouse.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..content.quiz import LETTERS, Feedback, QuizModel
from .snapshot import esc, run_note, with_snapshot

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

_STYLE = """<style>
.foot-quiz-question { border-left: 4px solid #0072B2; padding-left: 10px; margin: 10px 0; }
.foot-quiz-question .widget-radio-box label { height: auto !important; line-height: 1.35 !important;
  white-space: normal; display: flex; align-items: baseline; gap: 6px; margin: 4px 0; }
.foot-quiz-question .widget-radio-box input { order: -1; flex: 0 0 auto; width: 1.1em; height: 1.1em; margin: 0; }
.foot-quiz-feedback .ok { color: #006400; font-weight: bold; }
.foot-quiz-feedback .no { color: #8b0000; font-weight: bold; }
</style>"""


def feedback_html(fb: Feedback) -> str:
    """The feedback block for one answer: verdict (with a symbol, not only a colour), why, sources."""
    css, mark = ("ok", "✔") if fb.correct else ("no", "✘")
    parts = [f'<div role="status" aria-live="polite"><span class="{css}">{mark} {html.escape(fb.message)}</span>']
    parts.append(f"<br>{html.escape(fb.explanation)}")
    if fb.evidence:
        parts.append(f"<br><i>Evidence label of the claim:</i> <b>{html.escape(fb.evidence)}</b>")
    parts.append(f"<br><small>Sources: {html.escape(', '.join(fb.source))}</small></div>")
    return "".join(parts)


class Quiz(widgets.VBox):
    """A lesson's quiz as a widget: ``Quiz(course, "09-evidence")``.

    ``buttons="toggle"`` shows the choices as a row of toggle buttons (handy on a
    projector); the default radio buttons suit long answers. ``model`` exposes the
    underlying :class:`~foot_lib.content.quiz.QuizModel` (score, answers).
    """

    def __init__(self, course: Course, lesson: str, *, buttons: str = "radio") -> None:
        if buttons not in {"radio", "toggle"}:
            raise ValueError("buttons must be 'radio' or 'toggle'")
        self.model = QuizModel(course, lesson)
        self.selectors: dict[str, widgets.ValueWidget] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        blocks: list[widgets.Widget] = [widgets.HTML(_STYLE)]
        for number, q in enumerate(self.model.questions, start=1):
            prompt = widgets.HTML(f"<b>{number}. {html.escape(q.question)}</b>")
            if buttons == "radio":
                selector: widgets.ValueWidget = widgets.RadioButtons(
                    options=list(q.choices), value=None, layout=widgets.Layout(width="auto")
                )
            else:
                selector = widgets.ToggleButtons(
                    options=[(f"{LETTERS[i]}", c) for i, c in enumerate(q.choices)],
                    value=None,
                    tooltips=list(q.choices),
                )
            feedback = widgets.HTML("")
            feedback.add_class("foot-quiz-feedback")
            selector.observe(self._make_handler(q.id), names="value")
            self.selectors[q.id] = selector
            self.feedback[q.id] = feedback
            parts: list[widgets.Widget] = [prompt]
            if buttons == "toggle":
                listing = "<br>".join(f"{LETTERS[i]}. {html.escape(c)}" for i, c in enumerate(q.choices))
                parts.append(widgets.HTML(listing))
            box = widgets.VBox([*parts, selector, feedback])
            box.add_class("foot-quiz-question")
            blocks.append(box)
        self.score_label = widgets.HTML()
        self.reset_button = widgets.Button(description="Start again", icon="refresh", tooltip="Clear every answer")
        self.reset_button.on_click(lambda _button: self.reset())
        blocks.append(widgets.HBox([self.score_label, self.reset_button]))
        super().__init__(blocks)
        self.add_class("foot-quiz")
        self._show_score()

    # -- behaviour ------------------------------------------------------------------
    def _make_handler(self, qid: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            choice = change["new"]
            if choice is None:  # cleared by reset
                self.feedback[qid].value = ""
                return
            self.feedback[qid].value = feedback_html(self.model.answer(qid, choice))
            self._show_score()

        return handler

    def _show_score(self) -> None:
        s = self.model.score
        done = " Well done, that is every question." if self.model.finished else ""
        self.score_label.value = (
            f'<span role="status"><b>Score: {s.correct} of {s.total}</b> (first answers count; '
            f"answered {s.answered}).{done}</span>"
        )

    def choose(self, qid: str, choice: str) -> str:
        """Pick ``choice`` for question ``qid`` as a learner would; return the feedback HTML."""
        self.model.question(qid)
        self.selectors[qid].value = choice
        return self.feedback[qid].value

    def snapshot_html(self) -> str:
        """Every question with its lettered choices; the answer and why, folded in a ``<details>``."""
        parts = []
        for number, q in enumerate(self.model.questions, start=1):
            choices = "".join(f"<li>{esc(c)}</li>" for c in q.choices)
            answer = (f"<details><summary>Show the answer</summary><p><b>{q.answer_letter}. {esc(q.answer)}</b> — "
                      f"{esc(q.explanation)}<br><small>Sources: {esc(', '.join(q.source))}</small></p></details>")
            parts.append(f"<div class='foot-quiz-question'><p><b>{number}. {esc(q.question)}</b></p>"
                         f"<ol type='A'>{choices}</ol>{answer}</div>")
        parts.append(run_note("pick an answer to get instant feedback and a score"))
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             f"Quiz: {len(self.model.questions)} questions", "quiz")

    def __repr__(self) -> str:
        s = self.model.score
        return f"Quiz({self.model.lesson!r}, {s.total} questions, score {s.correct} of {s.total})"

    def reset(self) -> None:
        """Clear every choice, every feedback text and the score."""
        self.model.reset()
        for selector in self.selectors.values():
            selector.value = None
        self._show_score()
