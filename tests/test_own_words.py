"""The course is written in its own words: no 8-word run copied from a source article."""

from __future__ import annotations

import subprocess
import sys

import pytest

from foot_lib.data.paths import REPO_DIR

TOOL = REPO_DIR.parent / "shared" / "tools" / "seed_overlap.py"


@pytest.mark.skipif(not TOOL.exists(), reason="shared/tools/seed_overlap.py is not beside the repository")
def test_no_passage_repeats_a_source_article() -> None:
    result = subprocess.run([sys.executable, str(TOOL), str(REPO_DIR)], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "", "text copied from the articles:\n" + result.stdout
