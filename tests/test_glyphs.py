"""Every character the course shows has a glyph in DejaVu Sans.

Why: a learner on a minimal Linux desktop (or a class JupyterHub's default image) has no emoji
font, and the browser falls back to DejaVu Sans, the font Debian installs by default and the one
the charts are drawn in. A character DejaVu lacks is drawn as an empty box: the routine player's
countdown once began with U+23F1 (stopwatch) and its Pause button with U+23F8, both shown as boxes
in headless Chromium on this kind of machine. Symbols the course uses on purpose (arrows, ▶, ◆, ◐,
✓, ⚠ ...) are all in DejaVu; this test keeps new text to that set.

Checked: the package's source (widget labels and HTML are written there), the data tables a
teacher edits, and the lessons' cells and stored outputs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from matplotlib import ft2font
from matplotlib.font_manager import FontProperties, findfont

from foot_lib.data.paths import NOTEBOOKS_DIR, REPO_DIR, SHIPPED_DATA_DIR


@cache
def _dejavu() -> frozenset[int]:
    path = findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=False)
    assert Path(path).name == "DejaVuSans.ttf", path
    return frozenset(ft2font.FT2Font(path).get_charmap())


def _shown_files() -> list[Path]:
    package = sorted((REPO_DIR / "foot_lib").rglob("*.py"))
    tables = sorted(SHIPPED_DATA_DIR.glob("*.csv")) + sorted(SHIPPED_DATA_DIR.glob("*.md"))
    lessons = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    return package + tables + lessons


def _missing(text: str) -> dict[str, int]:
    """Characters outside ASCII that DejaVu Sans cannot draw, with the line of the first one."""
    have = _dejavu()
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if ord(char) > 127 and ord(char) not in have and not char.isspace():
                found.setdefault(char, number)
    return found


@pytest.mark.parametrize("path", _shown_files(), ids=lambda p: str(p.relative_to(REPO_DIR)))
def test_every_character_shown_has_a_glyph_in_dejavu_sans(path: Path) -> None:
    missing = _missing(path.read_text(encoding="utf-8"))
    assert not missing, f"{path.relative_to(REPO_DIR)}: no DejaVu Sans glyph for " + ", ".join(
        f"{char!r} (U+{ord(char):04X}, line {line})" for char, line in missing.items()
    )


def test_the_check_finds_an_emoji() -> None:
    """The check itself: the stopwatch emoji the countdown used to show is caught, DejaVu's own
    symbols are not."""
    assert set(_missing("\u23f1 59 s left\n")) == {"\u23f1"}
    assert not _missing("▶ Play ◀ Previous ⟲ Restart ✓ ⚠ — é ❚❚ Pause")
