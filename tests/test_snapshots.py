"""Every course widget carries a static snapshot (text/html) next to its live view.

Viewers without a kernel (GitHub, the course website, JupyterLab before running) show the
snapshot; JupyterLab and Voilà still get the widget view. Snapshots must be identical between
runs (nbval compares them): no ids, memory addresses or timestamps.
"""

from __future__ import annotations

import re

import pytest

from foot_lib import load_course
from foot_lib.widgets.diagrams import FootShapeExplorer, IdentifyExplorer
from foot_lib.widgets.player import RoutineBrowser, RoutinePlayer
from foot_lib.widgets.preparation import OilCalculator
from foot_lib.widgets.presenter import Presenter
from foot_lib.widgets.quiz import Quiz
from foot_lib.widgets.safety import SafetyCheck

WIDGET = "application/vnd.jupyter.widget-view+json"
UNSTABLE = re.compile(r"\b0x[0-9a-f]{6,}\b|model_id|\b[0-9a-f]{32}\b|\d{4}-\d\d-\d\dT\d\d:")


@pytest.fixture(scope="module")
def course():
    return load_course()


def _bundle(obj) -> dict:
    data = obj._repr_mimebundle_()
    return data[0] if isinstance(data, tuple) else data


def _check(obj) -> str:
    data = _bundle(obj)
    assert WIDGET in data, "the live widget view must stay in the bundle"
    html = data["text/html"]
    assert "foot-snapshot" in html and not UNSTABLE.search(html)
    assert "children=" not in html and "children=" not in data["text/plain"]
    assert html == _bundle(obj)["text/html"]
    for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html):
        assert alt.strip()
    return html


def test_routine_player_snapshot_is_the_whole_step_table_with_a_picture(course) -> None:
    player = RoutinePlayer(course, "bedtime")
    html = _check(player)
    for header in ("step", "what to do", "technique", "time", "pressure", "caution", "source"):
        assert f">{header}</th>" in html
    for step in player.routine.steps:
        assert step.title in html or step.title.replace("'", "&#x27;") in html
    assert html.count("<img ") == 1 and "data:image/png;base64," in html


def test_routine_browser_snapshot_holds_every_routine(course) -> None:
    browser = RoutineBrowser(course, "heel-spur")
    html = _check(browser)
    for _title, routine_id in browser.picker.options:
        assert f"The steps of {course.row('routines', routine_id)['title']}".replace("'", "&#x27;") in html
    assert html.count("<details>") == len(browser.picker.options) - 1


def test_explorer_snapshots_show_the_starting_figure(course) -> None:
    for explorer in (FootShapeExplorer(course), IdentifyExplorer(course)):
        html = _check(explorer)
        assert html.count("<img ") == 1 and "Run the lesson" in html


def test_safety_check_snapshot_says_what_each_answer_leads_to(course) -> None:
    check = SafetyCheck(course)
    html = _check(check)
    assert "if yes" in html and "STOP" in html and "If every answer is No" in html
    assert "Not sure" in html


def test_quiz_snapshot_hides_answers_in_details(course) -> None:
    quiz = Quiz(course, "07-legs")
    html = _check(quiz)
    assert html.count("<details>") == len(quiz.model.questions)
    for q in quiz.model.questions:
        answer_at = html.index(f"<b>{q.answer_letter}. ")
        assert html.rfind("<details>", 0, answer_at) > html.rfind("</details>", 0, answer_at)


def test_oil_and_presenter_snapshots(course) -> None:
    assert "<table" in _check(OilCalculator(course))
    assert "course.py present" in _check(Presenter(course))
