#!/usr/bin/env python3
"""Build the course website: every lesson as a web page, from the outputs stored in it.

Run through ``python3 course.py site [DIR]``, which first creates the site's own environment
(``.venv-site``, from ``requirements-site.txt``) so the lessons' environment stays lean.

Why Jupyter Book 1: it builds offline from stored outputs (``execute_notebooks: off``) and
brings a sidebar, full-text search, a dark-mode switch, launch buttons and a notebook download
per page; Jupyter Book 2 downloads its theme at build time. Nothing here is maintained by hand:

- the page order is the lesson order of ``tools/make_nav.py`` (numbered notebooks in ``notebooks/``),
  followed by a part for teachers (teacher's guide, data documentation, presenter);
- the repository address for the Binder and JupyterHub (nbgitpuller) links is the one
  ``[tool.foot-course] repository`` setting in ``pyproject.toml``;
- ``_config.yml`` and ``_toc.yml`` are generated into a temporary source folder (a copy of the
  pages in the repository's layout, so links between them keep working) that is removed after.

Widgets show their static snapshot (``text/html``) on the site: the live widget needs a kernel.

usage: python tools/make_site.py [DIR] [--overwrite]   (run with the site environment's Python)
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_nav

ROOT = make_nav.ROOT
DEFAULT_OUT = ROOT / "_build" / "site"
MARKER = ".foot-course-site"  # marks a folder this tool built, so a rebuild may replace it
TITLE = "Foot massage and reflexology"
GUIDE = "docs/TEACHERS_GUIDE.md"
DEFAULTS = {"repository": "https://github.com/OWNER/REPO", "branch": "main",
            "binderhub": "https://mybinder.org", "jupyterhub": ""}


def settings(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    """The ``[tool.foot-course]`` table of pyproject.toml over :data:`DEFAULTS`.

    Why a table in pyproject.toml: one place for the repository address, read by every tool
    that writes a link to it. tomllib needs Python 3.11; on 3.10 simple ``key = "value"`` lines
    are read directly, which is all this table holds.
    """
    text = pyproject.read_text(encoding="utf-8")
    try:
        tomllib = importlib.import_module("tomllib")  # Python 3.11+
        table = tomllib.loads(text).get("tool", {}).get("foot-course", {})
    except ImportError:  # Python 3.10
        match = re.search(r"^\[tool\.foot-course\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
        table = dict(re.findall(r'^(\w+)\s*=\s*"([^"]*)"', match.group(1), re.M)) if match else {}
    return {**DEFAULTS, **{k: str(v) for k, v in table.items()}}


def teacher_pages() -> list[str]:
    """Pages after the lessons, for teachers: the teacher's guide, the other documents in
    ``docs/`` (which the guide links to), the data documentation and the presenter."""
    docs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))
    return [GUIDE, *[d for d in docs if d != GUIDE], "data/README.md", "notebooks/presenter.ipynb"]


def lesson_pages() -> list[str]:
    """Repository paths of the lessons, in course order."""
    return [p.relative_to(ROOT).as_posix() for p in make_nav.lessons()]


def toc(lessons: list[str]) -> dict:
    """The Jupyter Book table of contents: the start page as root, then lessons, then teachers."""
    def entry(path: str) -> dict:
        return {"file": path.rsplit(".", 1)[0]}

    return {"format": "jb-book", "root": entry(lessons[0])["file"],
            "parts": [{"caption": "Lessons", "chapters": [entry(p) for p in lessons[1:]]},
                      {"caption": "For teachers", "chapters": [entry(p) for p in teacher_pages()]}]}


def config(opts: dict[str, str]) -> dict:
    """The Jupyter Book configuration (written as JSON, which YAML reads as it is)."""
    launch = {"notebook_interface": "jupyterlab", "binderhub_url": opts["binderhub"]}
    if opts["jupyterhub"]:
        launch["jupyterhub_url"] = opts["jupyterhub"]
    return {
        "title": TITLE,
        "author": "the foot-course contributors",
        "copyright": "the foot-course contributors (text and data CC BY 4.0, code MIT)",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "repository": {"url": opts["repository"], "path_to_book": "", "branch": opts["branch"]},
        "launch_buttons": launch,
        "html": {"use_repository_button": True, "use_download_button": True,
                 "home_page_in_navbar": True, "extra_footer": ""},
        "parse": {"myst_enable_extensions": ["colon_fence", "dollarmath"]},
        "sphinx": {"local_extensions": {"site_alt_text": str(ROOT / "tools")}, "config": {
            # A widget needs a kernel: show its stored snapshot (text/html) instead.
            "nb_mime_priority_overrides": [["html", "application/vnd.jupyter.widget-view+json", None]],
            "html_show_sourcelink": False,
            # Anchors for the "#3-the-printed-handout-pack" links that also work on GitHub.
            "myst_heading_anchors": 3,
            "html_last_updated_fmt": None,
        }},
    }


def stage(src: Path, opts: dict[str, str]) -> list[str]:
    """Copy the pages into ``src`` (same layout as the repository) with the generated config."""
    lessons = lesson_pages()
    for rel in [*lessons, *teacher_pages()]:
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    (src / "_static").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "tools" / "site.css", src / "_static" / "foot-site.css")
    (src / "_config.yml").write_text(json.dumps(config(opts), indent=1), encoding="utf-8")
    (src / "_toc.yml").write_text(json.dumps(toc(lessons), indent=1), encoding="utf-8")
    return lessons


def build(out: Path, overwrite: bool = False) -> Path:
    """Build the site into ``out`` and return it; the previous site there is replaced."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists() and not overwrite:
        sys.exit(f"{out} exists and is not a course site; choose another folder or add --overwrite.")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="foot-site-") as tmp:
        src, work = Path(tmp) / "src", Path(tmp) / "work"
        stage(src, settings())
        cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
               "--path-output", str(work), "--warningiserror", "--keep-going", "--quiet"]
        done = subprocess.run(cmd, cwd=tmp, text=True, capture_output=True)
        html = work / "_build" / "html"
        if done.returncode != 0 or not (html / "index.html").exists():
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-8000:])
            sys.exit(f"The site build failed (exit {done.returncode}); see the messages above.")
        (html / MARKER).write_text("built by tools/make_site.py\n", encoding="utf-8")
        # Swap in the new site in one step, so a failed build never leaves half a site behind.
        staging = out.with_name(f".{out.name}.new")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(html, staging)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return out


def main(argv: list[str]) -> int:
    overwrite = "--overwrite" in argv
    args = [a for a in argv if a != "--overwrite"]
    out = Path(args[0]) if args else DEFAULT_OUT
    start = time.perf_counter()
    site = build(out, overwrite)
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"Course website written to {site} ({size / 1e6:.1f} MB, built in {time.perf_counter() - start:.0f} s); "
          f"open {site / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
