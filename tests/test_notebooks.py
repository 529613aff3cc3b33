"""Structural checks on the lessons (nbval itself re-runs them and compares outputs).

nbval silently passes a code cell that has no stored output, so a notebook saved without
outputs would test nothing: these tests make that, oversized notebooks, missing headers and
stale generated navigation fail loudly.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from foot_lib.data.paths import NOTEBOOKS_DIR, REPO_DIR

NOTEBOOKS = sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if re.match(r"\d\d-", p.name)]
# Stored outputs make a lesson readable without a kernel (figures, widget snapshots), but a
# clone and a GitHub page should stay light: 1.25 MB fits the reflex-map lesson's nine figures.
MAX_BYTES = 1_250_000


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text_of(path: Path, kind: str = "markdown") -> str:
    return "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == kind)


def test_there_are_lessons() -> None:
    assert any(p.name == "00-start-here.ipynb" for p in LESSONS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_has_stored_output(path: Path) -> None:
    silent = [
        i
        for i, c in enumerate(cells(path))
        if c["cell_type"] == "code" and "".join(c["source"]).strip() and not c.get("outputs")
    ]
    code = [c for c in cells(path) if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    with_output = [c for c in code if c.get("outputs")]
    assert code, f"{path.name} has no code"
    assert with_output, f"{path.name}: no code cell has stored output, so nbval would test nothing"
    # A cell may legitimately print nothing (an assignment); but most cells should show something.
    assert len(silent) <= len(code) // 2, f"{path.name}: cells {silent} have no stored output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_and_executed_in_order(path: Path) -> None:
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    counts = [c.get("execution_count") for c in cells(path) if c["cell_type"] == "code" and c.get("outputs")]
    numbers = [n for n in counts if n is not None]
    assert numbers == sorted(numbers), f"{path.name} was not run top to bottom in one go"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_follows_the_common_layout(path: Path) -> None:
    md = text_of(path)
    for heading in ("## Overview", "## Prerequisites", "**Time needed:**", "## Summary", "## What's next"):
        assert heading in md, f"{path.name} lacks '{heading}'"
    if path.name != "00-start-here.ipynb":
        assert "## Exercises" in md and "## Sources" in md, path.name
        assert md.count("<details>") >= 2, f"{path.name}: needs at least two exercises with hidden solutions"


def test_generated_navigation_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_DIR / "tools" / "make_nav.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_data_documentation_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_DIR / "tools" / "make_data_docs.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_course_map_section_is_taught_in_a_lesson() -> None:
    from foot_lib import coverage_report, load_course

    report = coverage_report(load_course(), NOTEBOOKS_DIR)
    untaught = report.loc[~report["taught"], "id"].tolist()
    assert not untaught, f"COURSE_MAP sections named in no notebook: {', '.join(untaught)}"
