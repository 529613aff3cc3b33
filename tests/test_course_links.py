"""The students' links all come from ONE setting (``[tool.foot-course]`` in pyproject.toml).

tools/course_links.py makes the Binder and nbgitpuller links from it and writes them into
generated blocks in the README and docs/CLASS_SERVERS.md. These tests keep the blocks in step
with the setting and keep the repository address from being copied anywhere else.
"""

from __future__ import annotations

import importlib.util
import re
import urllib.parse
from pathlib import Path

from foot_lib.data.paths import REPO_DIR

_spec = importlib.util.spec_from_file_location("course_links", REPO_DIR / "tools" / "course_links.py")
assert _spec and _spec.loader
course_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(course_links)


def test_generated_blocks_match_the_setting() -> None:
    assert course_links.main(["--check"]) == 0, "run: python3 course.py links --write"


def test_the_address_appears_only_in_the_setting_and_generated_blocks() -> None:
    repo = course_links.settings()["repository"]
    path_part = urllib.parse.urlparse(repo).path.strip("/")
    block = re.compile(re.escape(course_links.START) + r".*?" + re.escape(course_links.END), re.S)
    for doc in [REPO_DIR / "README.md", *sorted((REPO_DIR / "docs").glob("*.md"))]:
        text = block.sub("", doc.read_text(encoding="utf-8"))
        stray = [line for line in text.splitlines() if path_part in line and "repository =" not in line]
        assert not stray, f"{doc.name}: write links via the generated block, not by hand: {stray}"


def test_links_for_a_published_repository(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\n\n[tool.foot-course]\nrepository = "https://github.com/school/feet/"\n'
    )
    conf = course_links.settings(pyproject)
    assert conf["repository"] == "https://github.com/school/feet" and conf["branch"] == "main"
    binder = course_links.binder_link(conf["repository"], "main", "lab/tree/notebooks/00-start-here.ipynb")
    assert binder == "https://mybinder.org/v2/gh/school/feet/main?urlpath=lab/tree/notebooks/00-start-here.ipynb"
    link = course_links.nbgitpuller_link(conf["repository"], "main", "https://hub.example.org/")
    parsed = urllib.parse.urlparse(link)
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = urllib.parse.parse_qs(parsed.query)
    assert query["repo"] == ["https://github.com/school/feet"]
    assert query["urlpath"] == ["lab/tree/feet/notebooks/00-start-here.ipynb"]  # nbgitpuller's folder name
    other = course_links.binder_link("https://gitlab.example.org/a/b", "dev", "lab")
    assert other.startswith("https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fa%2Fb/dev?")
