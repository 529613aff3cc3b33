"""The safety check as a form: grouped Yes / No / Not sure questions and a live verdict.

Why this shape: people think about their own situation in chunks (how they feel today, their
feet and legs, long-term conditions, medicines, pregnancy, a child), so the questions are
grouped that way. The verdict box repeats the result three ways — a word (STOP / ASK FIRST /
ADAPT / GO), an icon and a colour — so it is never colour alone. Every answer is a row of
native buttons, reachable with Tab and pressed with Enter or Space. All logic lives in
:func:`foot_lib.content.safety.screen`; this module only displays it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..content.safety import GROUPS, Verdict, prepare_rules, safety_questions, screen
from ..content.tables import learner_html
from .snapshot import esc, run_note, with_snapshot

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

STYLE: dict[str, dict[str, str]] = {
    # word, icon, background, border, text (dark text on light backgrounds: contrast ≥ 7:1)
    "stop": {"word": "STOP", "icon": "✖", "bg": "#fde2e1", "border": "#b3261e", "fg": "#410e0b"},
    "ask": {"word": "ASK FIRST", "icon": "?", "bg": "#fff4d6", "border": "#8a6100", "fg": "#3d2b00"},
    "adapt": {"word": "ADAPT", "icon": "⚠", "bg": "#e3f0fb", "border": "#1f5f99", "fg": "#0b2540"},
    "go": {"word": "GO", "icon": "✔", "bg": "#e3f4e1", "border": "#2e7d32", "fg": "#0f2e10"},
}
"""How each verdict looks (course-team choice)."""

OPTIONS = [("Yes", "yes"), ("No", "no"), ("Not sure", "not sure")]


def verdict_html(verdict: Verdict) -> str:
    """The verdict as an accessible HTML block (``role="status"`` so screen readers announce it)."""
    s = STYLE[verdict.verdict]

    def section(title: str, items: list[str]) -> str:
        if not items:
            return ""
        lis = "".join(f"<li>{html.escape(i)}</li>" for i in items)
        return f"<p style='margin:6px 0 2px'><b>{title}</b></p><ul style='margin:0'>{lis}</ul>"

    return (
        f"<div role='status' aria-live='polite' style='border:3px solid {s['border']};"
        f"background:{s['bg']};color:{s['fg']};padding:8px 12px;border-radius:6px'>"
        f"<p style='font-size:1.3em;margin:0'><span aria-hidden='true'>{s['icon']}</span> "
        f"<b>{s['word']}</b></p>"
        f"<p style='font-size:1.1em;margin:4px 0'>{html.escape(verdict.headline)}</p>"
        + section("What to do instead", [i for i in verdict.instead if i not in verdict.headline])
        + section("Keep away from", verdict.avoid_areas)
        + section("Why", verdict.reasons)
        + section("Where the source articles disagree", verdict.safer_side_notes)
        + "</div>"
    )


class SafetyCheck(widgets.VBox):
    """Grouped safety questions with a verdict that updates on every answer.

    ``toggles`` maps question id → its Yes/No/Not sure buttons (value ``None`` until
    answered); ``verdict`` is the current :class:`~foot_lib.content.safety.Verdict`; ``answer`` and
    ``set_all`` let a lesson or a test fill the form in code.
    """

    def __init__(self, course: Course | None = None) -> None:
        if course is None:
            from ..content.loader import load_course

            course = load_course()
        self._rules = prepare_rules(course)
        questions = safety_questions(course)
        self._course, self._questions = course, questions
        self.toggles: dict[str, widgets.ToggleButtons] = {}
        sections: list[widgets.Widget] = []
        for group, label in GROUPS.items():
            rows = questions[questions["group"] == group]
            if rows.empty:
                continue
            items: list[widgets.Widget] = [widgets.HTML(f"<h4 style='margin:8px 0 2px'>{html.escape(label)}</h4>")]
            for _, q in rows.iterrows():
                toggle = widgets.ToggleButtons(
                    options=OPTIONS,
                    value=None,
                    tooltips=[f"{name}: {q['question']}" for name, _ in OPTIONS],
                    style={"button_width": "80px"},
                    layout=widgets.Layout(margin="0 0 6px 0"),
                )
                toggle.observe(self._update, names="value")
                self.toggles[q["question_id"]] = toggle
                flag = " <b>(red flag)</b>" if q["red_flag"] else ""
                items.append(widgets.HTML(f"<span>{html.escape(q['question'])}{flag}</span>"))
                items.append(toggle)
            sections.append(widgets.VBox(items))
        self.reset_button = widgets.Button(description="Start again", icon="undo",
                                           tooltip="Clear every answer")
        self.reset_button.on_click(self._reset)
        self.verdict_box = widgets.HTML()
        self.verdict: Verdict = screen({}, self._rules)
        form = widgets.VBox([*sections, self.reset_button], layout=widgets.Layout(flex="1 1 60%"))
        side = widgets.VBox([self.verdict_box], layout=widgets.Layout(flex="1 1 40%", min_width="260px"))
        super().__init__([
            widgets.HTML("<p>Answer for the person who will be massaged. The result updates as you go; "
                         "questions you skip count as <i>not sure</i>.</p>"),
            widgets.Box([side, form], layout=widgets.Layout(display="flex", flex_flow="row wrap-reverse")),
        ])
        self._update()

    # -- filling the form ------------------------------------------------------------
    def answers(self) -> dict[str, str | None]:
        """Current answers: question id → "yes" / "no" / "not sure", or None if untouched."""
        return {qid: t.value for qid, t in self.toggles.items()}

    def answer(self, question_id: str, value: str | None) -> None:
        """Answer one question ("yes", "no", "not sure" or None to clear)."""
        self.toggles[question_id].value = value

    def set_all(self, value: str | None) -> None:
        """Give every question the same answer (handy for a lesson's 'what if' examples)."""
        for toggle in self.toggles.values():
            toggle.unobserve(self._update, names="value")
            toggle.value = value
            toggle.observe(self._update, names="value")
        self._update()

    # -- reading without a kernel ------------------------------------------------------
    def outcomes(self) -> dict[str, dict[str, Verdict]]:
        """For each question: the verdict when it is answered *yes* / *not sure* and every
        other question *no* — what that one answer leads to."""
        all_no = dict.fromkeys(self.toggles, "no")
        return {qid: {answer: screen({**all_no, qid: answer}, self._rules) for answer in ("yes", "not sure")}
                for qid in self.toggles}

    def snapshot_html(self) -> str:
        """Every question, grouped as in the form, with what a Yes or a Not sure leads to."""
        import pandas as pd

        def outcome(verdict: Verdict) -> str:
            todo = verdict.instead[0] if verdict.instead else verdict.headline
            return f"{STYLE[verdict.verdict]['word']}: {todo}"

        outcomes = self.outcomes()
        unsure = {outcome(o["not sure"]) for o in outcomes.values()}
        one_unsure = len(unsure) == 1  # then it is said once, not repeated on every row
        parts = ["<p>Answer for the person who will be massaged. Each row says what one answer leads to "
                 "when every other answer is <i>No</i>; with several Yes answers the strictest result counts.</p>"]
        for group, label in GROUPS.items():
            rows = self._questions[self._questions["group"] == group]
            if rows.empty:
                continue
            frame = pd.DataFrame([
                {"question": q["question"] + (" (red flag)" if q["red_flag"] else ""),
                 "if yes": outcome(outcomes[q["question_id"]]["yes"]),
                 **({} if one_unsure else {"if not sure": outcome(outcomes[q["question_id"]]["not sure"])})}
                for _, q in rows.iterrows()])
            parts.append(learner_html(frame, label, self._course))
        if one_unsure:
            parts.append(f"<p><b>If an answer is Not sure</b> (or skipped): {esc(unsure.pop())}</p>")
        go = screen(dict.fromkeys(self.toggles, "no"), self._rules)
        parts.append(f"<p><b>If every answer is No:</b> {esc(STYLE[go.verdict]['word'])}: {esc(go.headline)}</p>")
        parts.append(run_note("answer with the Yes / No / Not sure buttons; the verdict updates as you go"))
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs: object) -> object:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             f"Safety check ({len(self.toggles)} questions)", "safety")

    # -- internals ----------------------------------------------------------------------
    def _reset(self, _button: widgets.Button | None = None) -> None:
        self.set_all(None)

    def _update(self, _change: object = None) -> None:
        given = {qid: value for qid, value in self.answers().items() if value is not None}
        self.verdict = screen(given, self._rules)
        self.verdict_box.value = verdict_html(self.verdict)
