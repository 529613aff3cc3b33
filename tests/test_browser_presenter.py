"""The presenter app really works in a browser: served by Voilà, driven by headless Chromium.

A teacher puts this page on a projector in front of a class, so the test checks what they
rely on: the page loads without errors, the four tabs are there and switch, a figure is
drawn, and the "Large text / high contrast" switch visibly changes the page. The chart tab is
then checked at 1024×768 and 1920×1080: full width, labelled, and the large-text switch
changes the figure itself. Screenshots of it, normal and large, are kept for a person to look
at in ``test-artifacts/`` (git-ignored).

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import background
import pytest
from browser_servers import free_port
from support import CHROMIUM, CHROMIUM_ARGS, require_browser, wait_until_listening

from foot_lib.data.paths import NOTEBOOKS_DIR, REPO_DIR

pytestmark = pytest.mark.browser

TABS = ["Reflex chart", "Routine player", "Safety check", "Quiz"]
ARTIFACTS = REPO_DIR / "test-artifacts"


_SERVER: dict[str, str] = {}  # the one presenter server of the session: {"url": ...}
_SERVER_LOCK = threading.Lock()


def presenter_url() -> str:
    """The presenter served by Voilà, started on first use (each page load gets a kernel of its
    own); stopped when the session ends."""
    require_browser()
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


CHART_SIZES = ((1024, 768), (1920, 1080))  # a teacher's laptop, a projector
Outcome = dict[str, BaseException | None]


def _attempt(check: Callable[[], None], page_errors: list[str]) -> BaseException | None:
    """Run one part of the page's checks; its failure, or a script error the page raised during
    it, is kept for its own test to raise, so the other parts still run on the same page."""
    before = len(page_errors)
    try:
        check()
        assert not page_errors[before:], page_errors[before:]
    except (Exception, pytest.fail.Exception) as exc:
        return exc
    return None


def presenter_in_the_browser(folder: Path) -> Outcome:
    """The whole check, run from the session's start beside the other tests (tests/background.py).

    One browser and one page (so one Voilà kernel) for every part: the tabs and high contrast at
    1280×900, then the chart tab at each of ``CHART_SIZES``, the window resized as a teacher moves
    from a laptop to a projector. Each part's failure (or a script error on the page during it)
    is returned under its name and raised by its own test below. Nothing in it is timed tightly."""
    voila_url = presenter_url()
    from playwright.sync_api import sync_playwright

    outcome: Outcome = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(voila_url, wait_until="domcontentloaded", timeout=60_000)
            page.locator(".foot-presenter").wait_for(state="visible", timeout=90_000)

            outcome["tabs"] = _attempt(lambda: _tabs_and_high_contrast(page), errors)
            for width, height in CHART_SIZES:
                outcome[f"{width}x{height}"] = _attempt(lambda w=width, h=height: _chart_at(page, w, h), errors)
        finally:
            browser.close()
    return outcome


def _tabs_and_high_contrast(page: Any) -> None:
    """The chart answers a click on a known pixel; the four tabs switch and draw; the quiz gives
    feedback; the large-text switch makes the text bigger, and switches back."""
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

    before_size = label_size()
    toggle = page.locator(".foot-hc-toggle")
    assert "Large text" in toggle.inner_text()
    toggle.click()
    page.wait_for_selector(".foot-presenter.foot-hc", timeout=30_000)
    page.wait_for_function(
        f"() => parseFloat(getComputedStyle(document.querySelector('.foot-quiz .widget-html-content'))"
        f".fontSize) > {before_size}",
        timeout=30_000,
    )
    assert label_size() >= 20
    # ... and switches back.
    toggle.click()
    page.wait_for_selector(".foot-presenter:not(.foot-hc)", timeout=30_000)


def _chart_at(page: Any, width: int, height: int) -> None:
    """The chart tab at one window size: the chart uses the width, it is described in words, and
    the large-text switch redraws the figure itself (a new image), then switches back.
    Screenshots, normal and large, go to test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.get_by_role("tab", name="Reflex chart").click()
    image = page.locator(".foot-chart-viewer img").first
    try:
        image.wait_for(state="visible", timeout=30_000)
        page.wait_for_function("() => { const i = document.querySelector('.foot-chart-viewer img');"
                               " return i && i.naturalWidth > 0 && i.getBoundingClientRect().height > 100; }",
                               timeout=30_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}-failed.png"))
        raise
    page.evaluate("() => window.scrollTo(0, 0)")
    shown = image.bounding_box()
    tab = page.locator(".foot-chart-viewer").first.bounding_box()
    assert shown and tab and shown["width"] >= 0.9 * tab["width"], (shown, tab)
    assert shown["width"] >= 0.8 * width, "the chart should use the screen's width"
    described = page.locator(".foot-chart-viewer details").text_content() or ""
    assert "numbered from the toes to the heel" in described
    page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}.png"), full_page=True)
    before = image.get_attribute("src")
    page.locator(".foot-hc-toggle").click()
    page.wait_for_selector(".foot-presenter.foot-hc", timeout=30_000)
    page.wait_for_function(
        f"() => document.querySelector('.foot-chart-viewer img').src !== {before!r}", timeout=30_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}-large.png"), full_page=True)
    page.locator(".foot-hc-toggle").click()
    page.wait_for_selector(".foot-presenter:not(.foot-hc)", timeout=30_000)


def _raise_part(name: str) -> None:
    failure = background.result(presenter_in_the_browser)[name]
    if failure is not None:
        raise failure


@background.needs(presenter_in_the_browser)
def test_presenter_tabs_and_high_contrast() -> None:
    _raise_part("tabs")


@background.needs(presenter_in_the_browser)
@pytest.mark.parametrize("size", [f"{w}x{h}" for w, h in CHART_SIZES])
def test_presenter_chart_fills_the_width_and_large_text_redraws_it(size: str) -> None:
    """The presenter's chart, full width and labelled, at a laptop's and a projector's size; the
    large-text switch changes the figure itself."""
    _raise_part(size)
