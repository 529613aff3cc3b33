"""Click on the chart in a real browser: Voilà serves the chart explorer, headless Chromium clicks.

What it proves: ``ipyevents`` delivers the click from the browser (no hand-written
JavaScript), the pixel the browser reports maps to the right place on the chart, and the
answer names the zone drawn there — a known pixel over the middle of the right heel must
name the pelvis on the right foot, with the tradition-not-diagnosis reminder. The search box
works from the keyboard: typing "liver" and pressing Enter changes the picture and lists the
liver's placements.

Runs with Debian's ``/usr/bin/chromium`` and the python ``playwright`` package (never
``playwright install``); skipped locally without them, a failure under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import CHROMIUM, IN_CI, lab_open_and_run_all
from test_browser import _free_port, _stop, _wait_change, browser  # noqa: F401  (the fixture)

from foot_lib.data.paths import REPO_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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


def _known_pixel() -> tuple[float, float, int]:
    """The image pixel over the middle of the right heel, as the explorer draws it by default."""
    from foot_lib import load_course
    from foot_lib.drawing.chart import to_chart
    from foot_lib.widgets.diagrams import IMAGE_DPI, IdentifyExplorer, chart_pixel

    explorer = IdentifyExplorer(load_course())
    shape = explorer.chart.shape
    xy = to_chart(shape.uv_to_xy([(0.5, 0.14)]), "right", "plantar", shape)[0]
    px, py = chart_pixel(explorer.chart, *xy)
    return px, py, int(explorer.chart.figure.get_figwidth() * IMAGE_DPI)


def test_click_on_a_known_pixel_names_the_zone(browser, tmp_path: Path) -> None:  # noqa: F811
    if not CHROMIUM.exists() and not IN_CI:
        pytest.skip("chromium missing")
    _notebook(tmp_path / "identify.ipynb")
    px, py, natural = _known_pixel()
    port = _free_port()
    log = tmp_path / "voila.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")]))
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "voila", "identify.ipynb", "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", "--ServerApp.allow_root=True"],
            cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:  # a TCP probe: a GET on "/" would already start a kernel
            if proc.poll() is not None:
                pytest.fail(f"voila exited early:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("voila did not start in 60 s")
                time.sleep(0.3)
        page = browser.new_page(viewport={"width": 1100, "height": 1200})
        page.goto(f"http://127.0.0.1:{port}/", timeout=60_000)
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
        page.close()
    finally:
        _stop(proc)


def test_click_in_jupyterlab_names_the_zone(browser, tmp_path: Path) -> None:  # noqa: F811
    """The same click in JupyterLab: ipyevents' lab extension ships in its wheel, nothing is built."""
    root = tmp_path / "lab"
    root.mkdir()
    _notebook(root / "identify.ipynb")
    px, py, natural = _known_pixel()
    port = _free_port()
    token = "identify-test"
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True", f"--ServerApp.root_dir={root}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    from test_browser import _start

    env_path = os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")])
    os.environ["PYTHONPATH"], old = env_path, os.environ.get("PYTHONPATH")
    try:
        proc = _start(args, f"http://127.0.0.1:{port}/api/status?token={token}", tmp_path / "lab.log", cwd=root)
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    try:
        page = browser.new_page(viewport={"width": 1300, "height": 1100})
        lab_open_and_run_all(page, f"http://127.0.0.1:{port}/lab/tree/identify.ipynb?token={token}&reset")
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
        page.close()
    finally:
        _stop(proc)
