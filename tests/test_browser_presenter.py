"""The presenter app really works in a browser: served by Voilà, driven by headless Chromium.

A teacher puts this page on a projector in front of a class, so the test checks what they
rely on: the page loads without errors, the four tabs are there and switch, a figure is
drawn, and the "Large text / high contrast" switch visibly changes the page.

Needs Debian's ``chromium``. Without it the test is skipped locally (with the reason) but
fails under CI (``CI=true``), where a missing browser must not pass silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import background
import pytest
from browser_servers import free_port
from support import CHROMIUM, CHROMIUM_ARGS, wait_until_listening

from foot_lib.data.paths import NOTEBOOKS_DIR, REPO_DIR

pytestmark = pytest.mark.browser

TABS = ["Reflex chart", "Routine player", "Safety check", "Quiz"]


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing: install Debian's chromium package")
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium); this test runs in CI")


_SERVER: dict[str, str] = {}  # the one presenter server of the session: {"url": ...}
_SERVER_LOCK = threading.Lock()


def presenter_url() -> str:
    """The presenter served by Voilà, started on first use and shared by this module's and
    ``test_browser_chart``'s checks (each page load gets a kernel of its own, so they stay
    apart); stopped when the session ends."""
    _need_browser()
    with _SERVER_LOCK:
        if "url" not in _SERVER:
            _SERVER["url"] = _start_presenter(Path(tempfile.mkdtemp(prefix="foot-presenter-")))
    return _SERVER["url"]


def _start_presenter(folder: Path) -> str:
    port = free_port()
    log = folder / "voila.log"
    command = [
        sys.executable,
        "-m",
        "voila",
        str(NOTEBOOKS_DIR / "presenter.ipynb"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--ServerApp.allow_root=True",
    ]
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, cwd=REPO_DIR, stdout=sink, stderr=subprocess.STDOUT)

    def stop() -> None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)

    background.on_exit(stop)
    if not wait_until_listening(port, proc, 60):
        what = "exited early" if proc.poll() is not None else "did not start in 60 s"
        pytest.fail(f"voila {what}:\n{log.read_text(errors='replace')[-3000:]}")
    return f"http://127.0.0.1:{port}/"


HEEL_PIXEL = """
import json
from foot_lib import Presenter, load_course
from foot_lib.drawing.chart import to_chart
from foot_lib.widgets.diagrams import chart_pixel

viewer = Presenter(load_course()).tool("Reflex chart")
shape = viewer.chart.shape
xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), "right", "plantar", shape)[0]
px, py = chart_pixel(viewer.chart, *xy)
print(json.dumps([px, py, int(viewer.chart.figure.get_figwidth() * viewer.DPI)]))
"""


def _heel_pixel() -> tuple[float, float, int]:
    """The PNG pixel over the middle of the right heel in the chart tab, and the PNG's width.

    Computed in a process of its own: this runs in a background thread (tests/background.py),
    and loading the course or drawing a chart here would share this process's caches and
    matplotlib with the tests running in the main thread at the same time."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")])}
    done = background.run([sys.executable, "-c", HEEL_PIXEL], cwd=REPO_DIR, env=env, timeout=120, check=True)
    px, py, width = json.loads(done.stdout.strip().splitlines()[-1])
    return float(px), float(py), int(width)


def presenter_in_the_browser(folder: Path) -> None:
    """The whole check, run from the session's start beside the other tests (tests/background.py);
    an assertion failing here is the test's failure. Nothing in it is timed tightly."""
    voila_url = presenter_url()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(voila_url, wait_until="domcontentloaded", timeout=60_000)
            root = page.locator(".foot-presenter")
            root.wait_for(state="visible", timeout=90_000)

            # The chart tab answers a click on a known pixel (ipyevents gives the PNG's own pixels).
            px, py, natural = _heel_pixel()
            page.wait_for_function("() => { const i = document.querySelector('.foot-chart-image');"
                                   " return i && i.complete && i.naturalWidth > 0; }", timeout=60_000)
            image = page.locator(".foot-chart-image").first
            assert page.evaluate("() => document.querySelector('.foot-chart-image').naturalWidth") == natural
            answer = page.locator(".foot-chart-viewer .foot-identify-answer").first
            before = answer.inner_text()
            image.scroll_into_view_if_needed()
            box = image.bounding_box()
            assert box is not None
            scale = box["width"] / natural  # the chart is shown at full width, scaled
            page.mouse.click(box["x"] + px * scale, box["y"] + py * scale)
            page.wait_for_function("(before) => document.querySelector('.foot-chart-viewer .foot-identify-answer')"
                                   ".innerText !== before", arg=before, timeout=30_000)
            text = answer.inner_text()
            assert "pelvis" in text and "right foot" in text, text
            assert "tradition" in text and "not a diagnosis" in text
            shot = os.environ.get("FOOT_PRESENTER_SHOT")
            if shot:  # a picture of the answered click, for a person to look at
                page.set_viewport_size({"width": 1024, "height": 768})
                page.evaluate("() => document.querySelector('.foot-chart-viewer .foot-identify-answer')"
                              ".scrollIntoView({block: 'start'})")
                page.screenshot(path=shot)
                page.set_viewport_size({"width": 1280, "height": 900})

            # The four tabs render, and the routine player draws its figure.
            for title in TABS:
                page.get_by_role("tab", name=title).wait_for(timeout=30_000)
            page.get_by_role("tab", name="Routine player").click()
            player = page.locator(".foot-routine-player")
            player.wait_for(state="visible", timeout=30_000)
            page.locator(".foot-routine-player img").first.wait_for(state="visible", timeout=30_000)
            page.get_by_role("tab", name="Safety check").click()
            page.get_by_text("Start again").first.wait_for(state="visible", timeout=30_000)
            page.get_by_role("tab", name="Quiz").click()
            page.locator(".foot-quiz").wait_for(state="visible", timeout=30_000)

            # The quiz gives instant feedback in the browser too.
            first_choice = page.locator(".foot-quiz .widget-radio-box input").first
            first_choice.check()
            page.locator(".foot-quiz-feedback [role=status]").first.wait_for(state="visible", timeout=30_000)

            # High contrast: the class appears and the text really gets bigger.
            def label_size() -> float:
                return page.evaluate(
                    "() => parseFloat(getComputedStyle(document.querySelector('.foot-quiz .widget-html-content'))"
                    ".fontSize)"
                )

            before = label_size()
            toggle = page.locator(".foot-hc-toggle")
            assert "Large text" in toggle.inner_text()
            toggle.click()
            page.wait_for_selector(".foot-presenter.foot-hc", timeout=30_000)
            page.wait_for_function(
                f"() => parseFloat(getComputedStyle(document.querySelector('.foot-quiz .widget-html-content'))"
                f".fontSize) > {before}",
                timeout=30_000,
            )
            assert label_size() >= 20
            # ... and switches back.
            toggle.click()
            page.wait_for_selector(".foot-presenter:not(.foot-hc)", timeout=30_000)
            assert not errors, errors
        finally:
            browser.close()


@background.needs(presenter_in_the_browser)
def test_presenter_tabs_and_high_contrast() -> None:
    background.result(presenter_in_the_browser)
