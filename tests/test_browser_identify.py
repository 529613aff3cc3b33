"""Click on the chart in a real browser: Voilà serves the chart explorer, headless Chromium clicks.

What it proves: ``ipyevents`` delivers the click from the browser (no hand-written
JavaScript), the pixel the browser reports maps to the right place on the chart, and the
answer names the zone drawn there — a known pixel over the middle of the right heel must
name the pelvis on the right foot, with the tradition-not-diagnosis reminder. The search box
works from the keyboard: typing "liver" and pressing Enter changes the picture and lists the
liver's placements. In both apps 20 clicks are timed in the page (click -> marker picture on
screen, click -> answer): median ≤ 100 ms; the 95th percentile is printed.

Runs with Debian's chromium (its headless shell when installed, tests/support.py) and the python
``playwright`` package (never ``playwright install``); skipped locally without them, a failure under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

import page_preload
import pytest
from browser_servers import Spec, free_port, server
from support import NODELAY_VOILA, lab_kernel_id, lab_run_all, lab_run_all_on_arrival, lab_url
from test_browser import CLICK_MEDIAN_MS, LAB, LAB_TOKEN, _wait_change, lab_root, lab_shut_down_kernels

from foot_lib.data.paths import REPO_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.quiet]

CLICKS, WARMUP_CLICKS, CLICK_PAUSE_MS = 20, 2, 100  # the player's 30 clicks are the required figure

# Timed in the page, as the player's clicks are (test_browser.CLICK_TIMER_JS): a DOM click on the
# chart image at two heels in turn (so the marker and the answer always change), then the time
# until the new picture is decoded and on screen, and until the answer has changed.
CLICK_TIMER_JS = """
async ({clicks, warmup, pause, points}) => {
  const app = document.querySelector('.foot-identify');
  const img = app.querySelector('img'), answer = app.querySelector('.foot-identify-answer');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const once = ([px, py]) => new Promise((resolve, reject) => {
    const oldSrc = img.getAttribute('src'), oldText = answer.textContent;
    let shown = null, answered = null, decoding = false;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('no new image and answer in 10 s'));
    }, 10000);
    const finish = () => {
      if (shown === null || answered === null) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve([shown, answered]);
    };
    const observer = new MutationObserver(async () => {
      if (answered === null && answer.textContent !== oldText) { answered = performance.now() - t0; finish(); }
      if (!decoding && img.getAttribute('src') !== oldSrc) {
        decoding = true;
        try { await img.decode(); } catch (e) { reject(e); return; }
        await frame();
        shown = performance.now() - t0;
        finish();
      }
    });
    observer.observe(app, {attributes: true, attributeFilter: ['src'], childList: true, subtree: true,
                           characterData: true});
    const box = img.getBoundingClientRect(), scale = box.width / img.naturalWidth;
    const t0 = performance.now();
    img.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,
                                               clientX: box.left + px * scale, clientY: box.top + py * scale}));
  });
  const times = [];
  for (let i = 0; i < warmup + clicks; i++) {
    const t = await once(points[i % 2]);
    if (i >= warmup) times.push(t);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return times;
}
"""

CELL = """\
from foot_lib import load_course
from foot_lib.widgets.diagrams import IdentifyExplorer
explorer = IdentifyExplorer(load_course())
explorer
"""


def _notebook(path: Path) -> None:
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": CELL}],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def _voila_identify(folder: Path) -> Spec:
    """The explorer's notebook in a folder of its own, served by Voilà (started when the run
    begins, tests/browser_servers.py)."""
    _notebook(folder / "identify.ipynb")
    port = free_port()
    return Spec([sys.executable, "-m", "voila", "identify.ipynb", "--no-browser", f"--port={port}",
                 "--Voila.ip=127.0.0.1", "--ServerApp.allow_root=True", NODELAY_VOILA],
                cwd=folder, url=f"http://127.0.0.1:{port}/",
                env={"PYTHONPATH": os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")])})


VOILA_IDENTIFY = server("Voilà, the chart explorer", _voila_identify)


def _known_pixel(foot: str = "right") -> tuple[float, float, int]:
    """The image pixel over the middle of the heel of ``foot``, as the explorer draws it by default."""
    from foot_lib import load_course
    from foot_lib.drawing.chart import to_chart
    from foot_lib.widgets.diagrams import IMAGE_DPI, IdentifyExplorer, chart_pixel

    explorer = IdentifyExplorer(load_course())
    shape = explorer.chart.shape
    xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), foot, "plantar", shape)[0]
    px, py = chart_pixel(explorer.chart, *xy)
    return px, py, int(explorer.chart.figure.get_figwidth() * IMAGE_DPI)


def _click_figures(page, app_name: str, last_pixel: tuple[float, float]) -> None:
    """Time click -> new picture shown and click -> answer in the page, on the two heels in turn
    (starting with the left, as the last click was on ``last_pixel``, the right); print and check."""
    points = [_known_pixel("left")[:2], last_pixel]
    start = time.perf_counter()
    times = page.evaluate(CLICK_TIMER_JS, {"clicks": CLICKS, "warmup": WARMUP_CLICKS, "pause": CLICK_PAUSE_MS,
                                           "points": points})
    assert len(times) == CLICKS
    print(f"{app_name}: {WARMUP_CLICKS + CLICKS} chart clicks in {time.perf_counter() - start:.1f} s")
    for k, what in enumerate(("new image shown", "answer changed")):
        ms = [t[k] for t in times]
        median, p95 = statistics.median(ms), statistics.quantiles(ms, n=20, method="inclusive")[-1]
        print(f"{app_name}: chart click -> {what}, {len(ms)} clicks timed in the page: median {median:.0f} ms, "
              f"p95 {p95:.0f} ms, max {max(ms):.0f} ms (median limit {CLICK_MEDIAN_MS} ms; p95 reported)")
        # Only the median is a limit here: the explorer's 800-pixel PNG is four times the player's,
        # and on a loaded two-core machine its slowest clicks vary too much for a p95 check.
        assert median <= CLICK_MEDIAN_MS, (what, ms)
    foot = ("left", "right")[(WARMUP_CLICKS + CLICKS - 1) % 2]  # where the last timed click fell
    text = page.locator(".foot-identify-answer").first.inner_text()
    assert "pelvis" in text and f"{foot} foot" in text, text


def _open_voila_identify(browser):
    page = browser.new_page(viewport={"width": 1100, "height": 1200})
    return page_preload.navigate(page, VOILA_IDENTIFY.url())


def _open_lab_identify(browser):
    _notebook(lab_root() / "identify.ipynb")
    page = browser.new_page(viewport={"width": 1300, "height": 1100})
    lab_run_all_on_arrival(page)
    return page_preload.navigate(page, lab_url(LAB.url(), "identify.ipynb", LAB_TOKEN))


VOILA_PAGE = page_preload.declare("Voilà, the chart explorer", _open_voila_identify)
LAB_PAGE = page_preload.declare("JupyterLab, the chart explorer", _open_lab_identify)


@pytest.mark.preloads(VOILA_PAGE)
def test_click_on_a_known_pixel_names_the_zone(browser) -> None:
    px, py, natural = _known_pixel()
    page, _ = page_preload.take(VOILA_PAGE, browser)
    try:
        image = page.locator(".foot-identify img").first
        image.wait_for(timeout=60_000)
        answer = page.locator(".foot-identify-answer").first
        answer.wait_for(timeout=30_000)
        page.wait_for_function("() => { const i = document.querySelector('.foot-identify img');"
                               " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
        box = image.bounding_box()
        assert box is not None
        shown = page.evaluate("() => document.querySelector('.foot-identify img').naturalWidth")
        assert shown == natural  # the PNG is the size the test computed the pixel for
        scale = box["width"] / natural  # 1.0 when the image is shown at its own size (crisp)
        before = answer.inner_text()
        t0 = time.perf_counter()
        page.mouse.click(box["x"] + px * scale, box["y"] + py * scale)
        waited = _wait_change(answer.inner_text, before, timeout=15)
        text = answer.inner_text()
        print(f"\nVoilà: click -> answer in {waited * 1000:.0f} ms (image shown at {scale:.2f}× its pixels)")
        assert "pelvis" in text and "right foot" in text, text
        assert "not a diagnosis" in text and "tradition" in text
        assert time.perf_counter() - t0 < 15
        _click_figures(page, "Voilà", (px, py))

        # the search box from the keyboard: type, Enter
        src = image.get_attribute("src") or ""
        field = page.locator(".foot-identify input[type='text']").first
        field.click()
        field.fill("liver")
        field.press("Enter")
        # Wait for the search's own answer: the click's marker image may still be arriving, so a
        # changed picture alone does not mean the search has answered yet.
        page.wait_for_function(
            "() => document.querySelector('.foot-identify-answer').innerText.includes('liver')", timeout=15_000
        )
        _wait_change(lambda: image.get_attribute("src") or "", src, timeout=15)
        assert "liver" in answer.inner_text()
    finally:
        page.close()


@pytest.mark.preloads(LAB_PAGE)
def test_click_in_jupyterlab_names_the_zone(browser) -> None:
    """The same click in JupyterLab: ipyevents' lab extension ships in its wheel, nothing is built."""
    base = LAB.url()  # shared with tests/test_browser.py's JupyterLab test
    px, py, natural = _known_pixel()
    page, _ = page_preload.take(LAB_PAGE, browser)
    kernel = None
    try:
        lab_run_all(page)
        kernel = lab_kernel_id(page)
        page.wait_for_function("() => { const i = document.querySelector('.foot-identify img');"
                               " return i && i.complete && i.naturalWidth > 0; }", timeout=60_000)
        image = page.locator(".foot-identify img").first
        answer = page.locator(".foot-identify-answer").first
        image.scroll_into_view_if_needed()
        box = image.bounding_box()
        assert box is not None
        scale = box["width"] / natural
        before = answer.inner_text()
        page.mouse.click(box["x"] + px * scale, box["y"] + py * scale)
        _wait_change(answer.inner_text, before, timeout=15)
        text = answer.inner_text()
        print(f"\nJupyterLab: click answered (image shown at {scale:.2f}× its pixels)")
        assert "pelvis" in text and "right foot" in text, text
        _click_figures(page, "JupyterLab", (px, py))
    finally:
        with contextlib.suppress(Exception):  # the page may have failed before its kernel started
            kernel = kernel or lab_kernel_id(page)
        page.close()
        if kernel:
            lab_shut_down_kernels(base, kernel)
