"""What the lessons actually teach: key facts of the article sections, the numbered point lists,
and a hands-on exercise in every hands-on lesson.

Mentioning a section's ID is not teaching it. These tests read what a learner reads (markdown
cells and the stored text outputs of code cells, HTML tags stripped) and check that the facts
a section gives (steps, counts, durations) are there, worded as the article gives them, and
that figures the course once got wrong do not come back.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from foot_lib import load_course

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
HANDS_ON = ["03-preparation", "04-techniques", "05-routines", "06-therapeutic-routines", "07-legs", "10-self-care"]
SELF_CHECK_PARTS = ("What it should feel like", "Pressure", "How long", "What to stop for")


@pytest.fixture(scope="module")
def course():
    return load_course()


def _cells(stem: str) -> list[dict]:
    path = next(NOTEBOOKS.glob(f"{stem}*.ipynb"))
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _output_text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return "".join(output.get("text", ""))
    data = output.get("data", {})
    for mime in ("text/html", "text/markdown", "text/plain"):
        if mime in data:
            text = "".join(data[mime])
            if mime == "text/html":
                text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
                text = re.sub(r"<[^>]+>", " ", text)
            return html.unescape(text)
    return ""


def lesson_text(stem: str) -> str:
    """Everything a learner reads in a lesson without running it, whitespace collapsed."""
    parts = []
    for cell in _cells(stem):
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        elif cell["cell_type"] == "code":
            parts.extend(_output_text(o) for o in cell.get("outputs", []))
    return re.sub(r"\s+", " ", " ".join(parts))


# section -> (lesson, facts that must be readable there)
KEY_FACTS = {
    "S000.5": ("03-preparation", ["five minutes on each foot", "every day or every other day"]),
    "S001.3": ("03-preparation", ["between the toes", "centre of the heel"]),
    "S002.3": (
        "05-routines",
        ["half an hour", "mustard or pepper", "age of 30", "five energy channels", "about a minute for every toe"],
    ),
    "S002.7": ("05-routines", ["fourteen steps", "12 steps", "steps 4 to 14"]),
    "S002.8": ("02-reflex-map", ["eleven points", "buttock"]),
    "S002.10": ("07-legs", ["four finger-widths"]),
    "S002.19": ("03-preparation", ["3 to 5 drops", "about 2 teaspoons", "1 %"]),
    "S002.26": ("07-legs", ["roller under the knees", "15–20 min"]),
    "S002.27": ("07-legs", ["seven passes"]),
    "S003.11": ("02-reflex-map", ["work the big toe very carefully", "About 1 cm below the eye crease"]),
    "S003.12": ("02-reflex-map", ["toes 2 and 5 = arms", '"mini"', '"insect"']),
    "S003.27": ("03-preparation", ["herbal infusion", "short classic massage"]),
    "S003.28": ("06-therapeutic-routines", ["5 to 9 presses", "7 to 12 glides", "5-9 times each", "7-12 times"]),
    "S003.29": ("06-therapeutic-routines", ["one to two minutes of circles", "about two minutes of kneading"]),
    "S003.30": ("06-therapeutic-routines", ["two to four minutes", "about 15", "hold about 3 seconds"]),
    "S003.35": ("03-preparation", ["10 to 15 minutes"]),
    "S003.37": (
        "03-preparation",
        ["at least three minutes", "at least one minute on each tender spot", "at least a minute on each tender spot"],
    ),
    "S004.5": ("06-therapeutic-routines", ["nine massage steps"]),
}

# Figures the course once taught wrongly; they must not come back.
WRONG = {
    "S003.37": ("03-preparation", ["up to a minute on any tender spot"]),
    "S003.28": ("06-therapeutic-routines", ["3 min · 7 times", "toe bases to shin 1 min · 10 times"]),
    "S003.30": ("06-therapeutic-routines", ["sideways 1 min · 10 times", "upwards 1 min · 10 times"]),
    "S002.26": ("07-legs", ["roller under the shins"]),
}


@pytest.mark.parametrize("section", sorted(KEY_FACTS))
def test_section_facts_are_taught(section: str) -> None:
    lesson, facts = KEY_FACTS[section]
    text = lesson_text(lesson)
    missing = [f for f in facts if f not in text]
    assert not missing, f"{section}: lesson {lesson} does not teach {missing}"


@pytest.mark.parametrize("section", sorted(WRONG))
def test_wrong_figures_stay_out(section: str) -> None:
    lesson, phrases = WRONG[section]
    text = lesson_text(lesson)
    found = [p for p in phrases if p in text]
    assert not found, f"{section}: lesson {lesson} still says {found}"


# ------------------------------------------------------------------ the numbered point lists
LIST_SECTIONS = {"s002-8": "S002.8", "s003-11": "S003.11"}


def test_point_lists_are_complete_and_in_order(course) -> None:
    points = course.point_lists
    for list_id in LIST_SECTIONS:
        numbers = sorted(points.loc[points["list"] == list_id, "number"])
        assert numbers == list(range(1, 12)), list_id


def test_point_rows_point_at_zones_and_claims_of_their_section(course) -> None:
    zones = course.zones.set_index("id")
    claims = course.claims.set_index("id")
    for row in course.point_lists.itertuples():
        section = LIST_SECTIONS[row.list]
        assert section in row.source, row.id
        for zone in row.zones:
            assert section in zones.loc[zone, "source"], f"{row.id}: zone {zone} is not charted by {section}"
        assert any(section in claims.loc[c, "source"] for c in row.claims), f"{row.id}: no claim made in {section}"


def test_only_the_buttock_fold_is_off_the_foot(course) -> None:
    off = course.point_lists.loc[~course.point_lists["on_foot"], "id"].tolist()
    assert off == ["s002-8-11"]


def test_lesson_02_shows_every_point_with_its_label(course) -> None:
    text = lesson_text("02-reflex-map")
    claims = course.claims.set_index("id")
    for row in course.point_lists.itertuples():
        assert row.area in text, row.id
        assert row.article_says in text, row.id
        labels = {claims.loc[c, "evidence"] for c in row.claims}
        assert any(label in text for label in labels), row.id


def test_tingling_is_not_a_name_for_pinching(course) -> None:
    aliases = course.techniques.set_index("id").loc["pinching", "aliases"]
    assert "tingling" not in aliases


# ------------------------------------------------------------------ hands-on exercises
def _practice(stem: str) -> list[tuple[str, str]]:
    """(exercise, hidden self-check) pairs: a 'With your hands/feet' cell and the details cell after it."""
    cells = [("".join(c["source"]), c["cell_type"]) for c in _cells(stem)]
    pairs = []
    for i, (text, kind) in enumerate(cells):
        if kind == "markdown" and re.search(r"\*\*(\d+ · )?With your (hands|feet)", text):
            follow = cells[i + 1][0] if i + 1 < len(cells) else ""
            pairs.append((text, follow))
    return pairs


@pytest.mark.parametrize("stem", HANDS_ON)
def test_hands_on_lesson_has_a_practice_exercise_with_a_hidden_self_check(course, stem: str) -> None:
    pain_rule = course.contraindications.set_index("id").loc["pain-during-massage", "instead"]
    pairs = _practice(stem)
    assert pairs, f"{stem}: no exercise done with the hands"
    for exercise, check in pairs:
        assert check.startswith("<details><summary>") and "self-check" in check, stem
        missing = [p for p in SELF_CHECK_PARTS if f"**{p}" not in check]
        assert not missing, f"{stem}: self-check lacks {missing}"
        assert pain_rule in check, f"{stem}: the self-check must state the safety table's pain rule word for word"
        assert "safety check" in exercise, f"{stem}: the exercise must send the learner to the safety check first"


@pytest.mark.parametrize("stem", HANDS_ON)
def test_self_checks_repeat_red_flag_advice_from_the_safety_table(course, stem: str) -> None:
    """A self-check that names a stop sign uses the safety table's own words for what to do."""
    table = course.contraindications.set_index("id")["instead"]
    for _, check in _practice(stem):
        if "same-day medical assessment" in check:
            assert table["dvt-signs"] in check, stem
        if "hot, red, swollen" in check:
            assert table["hot-swollen-joint"] in check, stem
        if "stiff toes" in check:
            assert table["stiff-toes"] in check, stem
