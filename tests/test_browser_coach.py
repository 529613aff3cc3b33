"""The hands-free coach in a real browser (Voilà + headless Chromium).

What it proves: pressing Play and letting a step end makes the page's audio element play
(Chromium started with autoplay allowed, as a learner's browser allows it after they press
Play), the keys move between steps and pause with the pointer over the picture, and the
practice view renders in large type (a screenshot is kept in ``test-artifacts/`` to judge
it from arm's length).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import background
import pytest
from browser_servers import free_port
from support import CHROMIUM, CHROMIUM_ARGS
from test_browser import _require_browser, _start, _stop

from foot_lib.data.paths import REPO_DIR
from foot_lib.widgets.player import PAUSE_LABEL

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO_DIR / "test-artifacts"
CELL = """\
from foot_lib import RoutinePlayer, load_course
from foot_lib.content.routines import Routine, Step

steps = tuple(
    Step(routine="demo", number=i, title=f"Demo step {i}", instruction="Stroke the sole from heel to toes.",
         technique="stroking", duration_s=3, pressure="light", caution="Stop if anything hurts." if i == 2 else "")
    for i in (1, 2, 3)
)
player = RoutinePlayer(load_course(), Routine(id="demo", title="A short demo routine", steps=steps))
player.coach.warning_switch.value = False
player
"""


def _notebook(folder: Path) -> Path:
    nb = {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": CELL}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path = folder / "coach.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def coach_in_the_browser(tmp_path: Path) -> None:
    """The whole check, run from the session's start beside the other tests (tests/background.py);
    an assertion failing here is the test's failure. Nothing in it is timed tightly."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    notebook = _notebook(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = _start(
        [sys.executable, "-m", "voila", notebook.name, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
        url, tmp_path / "voila.log", cwd=tmp_path, tcp=True,
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"]
            )
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.add_init_script(
                "window.__plays = 0; document.addEventListener('play', () => { window.__plays += 1; }, true);"
            )
            page.goto(url, timeout=60_000)
            page.wait_for_selector(".foot-routine-player .step-title", timeout=60_000)
            app = page.locator(".foot-routine-player").first
            title = app.locator(".step-title").first
            assert "Step 1 of 3" in title.inner_text()
            assert page.locator(".foot-routine-player audio").count() == 1

            # Play and let the 3-second step end: the chime plays and step 2 starts.
            app.get_by_role("button", name="▶ Play").click()
            page.wait_for_function("() => window.__plays >= 1", timeout=15_000)
            page.wait_for_function(
                "() => document.querySelector('.foot-routine-player .step-title').innerText.includes('Step 2 of 3')",
                timeout=15_000,
            )
            app.get_by_role("button", name=PAUSE_LABEL).click()

            # Keys, with the pointer over the picture.
            app.locator("img").first.hover()
            time.sleep(0.3)
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "() => document.querySelector('.foot-routine-player .step-title').innerText.includes('Step 3 of 3')",
                timeout=10_000,
            )
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(
                "() => document.querySelector('.foot-routine-player .step-title').innerText.includes('Step 2 of 3')",
                timeout=10_000,
            )
            page.keyboard.press(" ")
            app.get_by_role("button", name=PAUSE_LABEL).wait_for(timeout=10_000)
            page.keyboard.press(" ")
            app.get_by_role("button", name="▶ Play").wait_for(timeout=10_000)

            # Practice view: large type, the step's caution, the rest hidden.
            app.get_by_role("button", name="Practice view").click()
            page.wait_for_selector(".foot-practice", timeout=10_000)
            app.get_by_role("button", name="Back to the full player").wait_for(timeout=10_000)
            text = page.locator(".foot-practice").inner_text()
            assert "Demo step 2" in text and "Caution" in text
            hidden = ".foot-routine-player .jupyter-widget-Dropdown, .foot-routine-player select"
            assert page.locator(hidden).count() == 0
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "practice-view-1366x768.png"))
            browser.close()
    finally:
        _stop(proc)


@background.needs(coach_in_the_browser)
def test_audio_plays_at_step_end_and_keys_drive_the_player() -> None:
    background.result(coach_in_the_browser)
