"""`python3 course.py lab` as a newcomer meets it, in a real browser (Debian's chromium).

Starts JupyterLab with exactly the arguments ``course.py lab`` uses (``lab_args()``: the
repository root as the server's root, the start page as the landing URL, ``--allow-root`` when
running as root), opens the landing URL as a browser would, and checks that the start page is
open, the file browser shows the repository root (``data/``, ``docs/``), and that lessons
opened and left alone for a few seconds — kernel started and idle — are not marked modified.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import background
import pytest
from browser_servers import free_port
from support import CHROMIUM, CHROMIUM_ARGS
from test_browser import _require_browser, _start, _stop

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _lab_args() -> list[str]:
    spec = importlib.util.spec_from_file_location("course_cli", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.lab_args()


def test_lab_args_root_dir_start_page_and_allow_root() -> None:
    args = _lab_args()
    assert f"--ServerApp.root_dir={ROOT}" in args
    assert any(a.startswith("--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb") for a in args)
    assert ("--allow-root" in args) == (os.geteuid() == 0)


def _current(page) -> dict:
    return page.evaluate("""() => { const w = window.jupyterapp.shell.currentWidget;
        return {path: w.context.path, dirty: w.context.model.dirty}; }""")


def _wait_idle(page) -> None:
    page.wait_for_function("""() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        const s = w && w.sessionContext; return s && s.session && s.session.kernel
        && s.kernelDisplayStatus === 'idle'; }""", timeout=90_000)


def lab_as_a_newcomer_meets_it(tmp_path: Path) -> None:
    """The whole check, run from the session's start beside the other tests (tests/background.py),
    with a browser of its own; an assertion failing here is the test's failure."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    port, token = free_port(), "lab-start-test"
    args = [sys.executable, *_lab_args(), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
            "--ServerApp.open_browser=False", "--LabApp.news_url=None",
            # A newcomer has no saved workspace: without a folder of its own, JupyterLab would
            # restore the one every server of this user shares (~/.jupyter/lab/workspaces),
            # with whatever another run last left open there, and that could cover the start page.
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    proc = _start(args, f"http://127.0.0.1:{port}/api/status?token={token}", tmp_path / "lab.log", cwd=ROOT)
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        page.goto(f"http://127.0.0.1:{port}/?token={token}", timeout=60_000)  # the server's landing URL
        _wait_idle(page)
        assert _current(page)["path"] == "notebooks/00-start-here.ipynb"
        page.wait_for_selector(".jp-DirListing-itemName", timeout=30_000)
        names = page.eval_on_selector_all(".jp-DirListing-itemName", "els => els.map(e => e.textContent.trim())")
        assert {"data", "docs", "notebooks"} <= set(names), names
        time.sleep(3)
        assert not _current(page)["dirty"], "the start page was marked modified although nothing was changed"
        for lesson in ("notebooks/05-routines.ipynb",):
            page.goto(f"http://127.0.0.1:{port}/lab/tree/{lesson}?token={token}", timeout=60_000)
            _wait_idle(page)
            time.sleep(3)
            state = _current(page)
            assert state == {"path": lesson, "dirty": False}, state
    finally:
        pw.stop()  # closes the browser
        _stop(proc)


@background.needs(lab_as_a_newcomer_meets_it)
def test_lab_opens_the_start_page_at_the_root_and_reading_leaves_lessons_unmodified() -> None:
    background.result(lab_as_a_newcomer_meets_it)
