"""The course is written in its own words: no 8-word run copied from a source article.

The shared tool reads every text file under the folder it is given. Given the checkout itself it
also walks the environments and builds beside the project (``.venv``, ``.venv-site``, the
website's ``_build``: tens of thousands of files, 5–15 s), none of which is the course. So it is
given a copy of the project's own files, those git tracks or would track (``git ls-files``, which
honours ``.gitignore``): every lesson, table and document a reader sees, and any new file not yet
committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from foot_lib.data.paths import REPO_DIR

TOOL = REPO_DIR.parent / "shared" / "tools" / "seed_overlap.py"


def project_files() -> list[str] | None:
    """The project's files (relative paths), or None outside a git checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO_DIR, capture_output=True, timeout=60, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [name for name in listed.decode("utf-8").split("\0") if name and (REPO_DIR / name).is_file()]


def test_project_files_are_the_course_not_its_environments() -> None:
    files = project_files()
    if files is None:
        pytest.skip("not a git checkout: the tool reads the whole folder instead")
    assert "README.md" in files and "data/zones.csv" in files
    assert any(name.startswith("notebooks/") and name.endswith(".ipynb") for name in files)
    assert not [name for name in files if name.split("/")[0] in {".venv", ".venv-site", "_build"}]


@pytest.mark.skipif(not TOOL.exists(), reason="shared/tools/seed_overlap.py is not beside the repository")
def test_no_passage_repeats_a_source_article(tmp_path: Path) -> None:
    files = project_files()
    root = REPO_DIR
    if files is not None:
        root = tmp_path / "project"
        for name in files:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO_DIR / name, root / name)
    result = subprocess.run([sys.executable, str(TOOL), str(root)], capture_output=True, text=True, timeout=120)
    report = result.stdout.replace(f"{root}/", "")
    assert report.strip() == "", "text copied from the articles:\n" + report
    assert result.returncode == 0, result.stderr
