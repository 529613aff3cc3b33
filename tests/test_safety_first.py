"""Safety comes first, and it is worded one way everywhere (issue 11, items 2 and 9).

* A learner meets the red flags and the live safety check on the start page, before lesson 03
  (the first lesson that puts hands on a foot); every hands-on lesson opens with a banner that
  points there and to lesson 08, and the contents table and the teacher's guide say the same.
* Diabetic-foot urgency has one wording, the evidence reference's: "the diabetes foot team or
  a doctor now". No table, lesson, document or library string may say "today" or "soon".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from foot_lib import load_course

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
HANDS_ON = ["03-preparation", "04-techniques", "05-routines", "06-therapeutic-routines", "07-legs"]
SECTION = "Before you touch a foot: safety first"


def cells(name: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def src(cell: dict) -> str:
    return "".join(cell["source"])


def test_start_page_has_the_required_safety_section_with_red_flags_and_the_check() -> None:
    nb = cells("00-start-here")
    heading = next(i for i, c in enumerate(nb) if c["cell_type"] == "markdown" and f"## {SECTION}" in src(c))
    after = nb[heading:]
    assert "required" in src(after[0]).lower()
    flag_cell = next(c for c in after if c["cell_type"] == "code" and '"red_flag"' in src(c))
    shown = json.dumps(flag_cell["outputs"])
    for row in load_course().contraindications.query("red_flag").itertuples():
        assert row.condition.replace("'", "&#x27;") in shown or row.condition in shown, row.id
    assert any(c["cell_type"] == "code" and "SafetyCheck(course)" in src(c) for c in after)


@pytest.mark.parametrize("name", HANDS_ON)
def test_every_hands_on_lesson_opens_with_the_safety_banner(name: str) -> None:
    nb = cells(name)
    banner = nb[1]
    assert "safety-banner" in banner["metadata"].get("tags", [])
    text = src(banner)
    assert SECTION in text and "00-start-here.ipynb" in text and "08-safety.ipynb" in text


def test_contents_table_marks_hands_on_lessons() -> None:
    contents = next(src(c) for c in cells("00-start-here") if "contents" in c["metadata"].get("tags", []))
    for name in HANDS_ON:
        row = next(line for line in contents.splitlines() if f"]({name}.ipynb)" in line)
        assert SECTION in row, name


def test_teachers_guide_puts_the_safety_check_before_pair_practice() -> None:
    guide = (REPO / "docs" / "TEACHERS_GUIDE.md").read_text(encoding="utf-8")
    assert SECTION in guide
    first_practice = guide.index("Lesson 03")
    assert guide.index(SECTION) < first_practice


def test_lesson_08_prerequisites_name_the_right_lessons() -> None:
    header = src(cells("08-safety")[1])
    assert "03 · Techniques" not in header
    assert "04 · Techniques" in header


# ---------------------------------------------------------------- one wording (item 2)
CANONICAL = "the diabetes foot team or a doctor now"
FOOT_TEAM = re.compile(r"diabetes foot team[^.;\n]*", re.I)


def _texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((REPO / "data").glob("*.csv")):
        found.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            parts = [src(cell)]
            for out in cell.get("outputs", []):
                parts.append("".join(out.get("text", "")))
                parts.extend("".join(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
            found.append((f"{path.name} cell {i}", "\n".join(parts)))
    for path in [REPO / "docs" / "TEACHERS_GUIDE.md", REPO / "README.md", *sorted((REPO / "foot_lib").rglob("*.py"))]:
        found.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
    return found


def test_diabetic_foot_urgency_has_one_wording_everywhere() -> None:
    odd = []
    for where, text in _texts():
        flat = re.sub(r"\s+", " ", text.replace("**", ""))
        for match in FOOT_TEAM.finditer(flat):
            phrase = match.group(0)
            lax = re.search(r"\b(today|soon|this week|when you can)\b", phrase, re.I)
            other = "or a doctor" in phrase and not phrase.lower().startswith("diabetes foot team or a doctor now")
            if lax or other:
                odd.append(f"{where}: {phrase!r}")
    assert not odd, "diabetic-foot urgency worded differently:\n" + "\n".join(odd)


def test_the_safety_table_carries_the_canonical_wording() -> None:
    row = load_course().row("contraindications", "diabetic-foot-problem")
    assert CANONICAL in row["instead"]
    assert row["severity"] == "stop_refer" and bool(row["red_flag"])
