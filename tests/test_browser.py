"""The routines lesson in a real browser: Voilà and JupyterLab driven by headless Chromium.

What it proves: the player renders outside Python (widgets, the PNG image), Next changes
the step text and the picture, Play ticks in the browser (``ipywidgets.Play``, no kernel
threads), and the lesson runs in JupyterLab. In both apps it times click → new image in the
page over 30 clicks (median ≤ 100 ms, 95th percentile ≤ 200 ms) and prints the figures.

Its Voilà and JupyterLab servers are started when the run begins (tests/browser_servers.py; the
JupyterLab one is shared with tests/test_browser_identify.py), and the test waits for them only
when it needs them: the clicks are timed last, on a quiet machine, but starting a server need not be,
nor opening the pages: they are opened as soon as the background jobs have ended, while the
quick tests go on (tests/page_preload.py).

Runs with Debian's chromium (its headless shell when installed, tests/support.py) and the python
``playwright`` package (never ``playwright install``). Outside CI the test is skipped, with the reason, when chromium is
missing; with ``CI=true`` a missing browser is a failure, so CI can never pass silently
without it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import page_preload
import pytest
from browser_servers import Spec, free_port, server
from support import (
    NODELAY_LAB,
    NODELAY_VOILA,
    lab_kernel_id,
    lab_run_all,
    lab_run_all_on_arrival,
    lab_url,
    require_browser,
)

from foot_lib.data.paths import REPO_DIR
from foot_lib.widgets.player import PAUSE_LABEL

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.quiet]

NOTEBOOK = "notebooks/05-routines.ipynb"
CLICK_MEDIAN_MS = 100  # the classic threshold for "instant"
CLICK_P95_MS = 200
CLICKS, WARMUP_CLICKS = 30, 4
# Between clicks the test waits for the step to settle, then this long: a learner reads before
# clicking again. Clicking while the previous step's last messages are still on their way adds
# about 40-50 ms (the server's kernel websocket does not set TCP_NODELAY, so small messages
# wait for delayed acknowledgements).
CLICK_PAUSE_MS = 100

# Timed in the page itself, so no test-driver round trip is counted: a real DOM click on the
# player's Next / Previous button, then a MutationObserver on the <img> src; the time stops when
# the new picture is decoded and the next frame starts (the learner can see it). Directions
# alternate in runs (forward to the end, then back), so every click changes the picture; a
# button the browser shows disabled is never clicked.
CLICK_TIMER_JS = """
async ({root, clicks, warmup, pause}) => {
  const app = document.querySelector(root);
  const img = app.querySelector('.foot-routine-player img');
  const title = () => app.querySelector('.step-title').textContent;
  const button = (label) => [...app.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
  const next = button('Next \u25b6'), prev = button('\u25c0 Previous');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const once = (btn) => new Promise((resolve, reject) => {
    const old = img.getAttribute('src');
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no new image in 10 s')); }, 10000);
    const observer = new MutationObserver(async () => {
      if (img.getAttribute('src') === old) return;
      observer.disconnect();
      clearTimeout(timer);
      try { await img.decode(); } catch (e) { reject(e); return; }
      await frame();
      resolve(performance.now() - t0);
    });
    observer.observe(img, {attributes: true, attributeFilter: ['src']});
    const t0 = performance.now();
    btn.click();
  });
  // Untimed: the rest of the step (title, buttons' disabled state) arrives after the picture.
  const settled = async (before) => {
    for (const end = performance.now() + 10000; performance.now() < end; await frame()) {
      const m = /Step (\\d+) of (\\d+)/.exec(title());
      if (m && title() !== before && prev.disabled === (m[1] === '1') && next.disabled === (m[1] === m[2])) return;
    }
    throw new Error('the step did not settle in 10 s');
  };
  const times = [];
  let forward = true;
  for (let i = 0; i < warmup + clicks; i++) {
    if ((forward ? next : prev).disabled) forward = !forward;
    const btn = forward ? next : prev;
    if (btn.disabled) throw new Error('both buttons are disabled');
    const before = title();
    const ms = await once(btn);
    if (i >= warmup) times.push(ms);
    await settled(before);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return times;
}
"""


_require_browser = require_browser  # the other browser modules' name for it


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 60, tcp: bool = False) -> None:
    """Wait until ``url`` answers; with ``tcp``, until its port accepts a connection (for Voilà,
    whose page would start a kernel and run the whole notebook just to answer the probe)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            if tcp:
                address = urllib.parse.urlsplit(url)
                with socket.create_connection((address.hostname, address.port), timeout=2):
                    return
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def _start(args: list[str], url: str, log: Path, cwd: Path = REPO_DIR, tcp: bool = False) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    handle = log.open("wb")
    proc = subprocess.Popen(args, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_http(url, proc, tcp=tcp)
    except Exception:
        proc.terminate()
        proc.wait(timeout=10)
        raise RuntimeError(f"could not start {args[2]}; log:\n{log.read_text(errors='replace')[-3000:]}") from None
    return proc


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# The servers, started when the run begins (tests/browser_servers.py); the browser is the
# session's one Chromium (the ``browser`` fixture, tests/conftest.py).
def _voila_routines(folder: Path) -> Spec:
    port = free_port()
    return Spec([sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                 NODELAY_VOILA], cwd=REPO_DIR, url=f"http://127.0.0.1:{port}/")


LAB_TOKEN = "click-tests"


def _lab(folder: Path) -> Spec:
    """One JupyterLab for the two click tests in JupyterLab (here and tests/test_browser_identify.py),
    serving a temporary folder (so its checkpoints never land in the repository); each test
    writes its notebook there, opens it with a kernel of its own, and shuts its kernels down."""
    root = folder / "lab"
    root.mkdir()
    port = free_port()
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={LAB_TOKEN}", "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root}", f"--LabApp.workspaces_dir={folder / 'workspaces'}",  # not the user's
        NODELAY_LAB,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return Spec(args, cwd=root, url=f"http://127.0.0.1:{port}", probe=f"http://127.0.0.1:{port}/api/status?token={LAB_TOKEN}",
                env={"PYTHONPATH": os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")])})


VOILA_ROUTINES = server("Voilà, lesson 05", _voila_routines)
LAB = server("JupyterLab, the click tests' notebooks", _lab)


def lab_root() -> Path:
    """The shared JupyterLab's folder (the server is started if it was not yet)."""
    LAB.start()
    assert LAB.spec is not None
    return LAB.spec.cwd


def lab_shut_down_kernels(base: str, kernel: str | None = None) -> None:
    """Shut down ``kernel`` (every kernel if None) of the shared JupyterLab: a test leaves it as it
    found it, without stopping the kernel of another test's page, opened early (tests/page_preload.py)."""
    def call(method: str, path: str) -> bytes:
        request = urllib.request.Request(f"{base}{path}?token={LAB_TOKEN}", method=method)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read()

    for running in json.loads(call("GET", "/api/kernels")):
        if kernel is None or running["id"] == kernel:
            call("DELETE", f"/api/kernels/{running['id']}")


def _wait_change(get, old: str, timeout: float = 10.0) -> float:
    """Poll ``get()`` until it differs from ``old``; return the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if get() != old:
            return time.perf_counter() - start
        time.sleep(0.005)
    raise AssertionError(f"nothing changed within {timeout} s (still {old[:80]!r})")


def _click_figures(page, app_name: str) -> None:
    """Time click -> new picture in the page (see ``CLICK_TIMER_JS``), print and check the figures.

    A set of clicks that misses a limit is printed and measured once more (another program's
    burst on a shared two-core machine can spoil one set); the second set must pass."""
    page.locator(".foot-routine-browser .foot-routine-player img").first.scroll_into_view_if_needed()
    for attempt in (1, 2):
        start = time.perf_counter()
        times = page.evaluate(CLICK_TIMER_JS, {"root": ".foot-routine-browser", "clicks": CLICKS,
                                               "warmup": WARMUP_CLICKS, "pause": CLICK_PAUSE_MS})
        assert len(times) == CLICKS
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
        print(f"{app_name}: click -> new image shown, {len(times)} clicks timed in the page: median {median:.0f} ms, "
              f"p95 {p95:.0f} ms, max {max(times):.0f} ms (limits {CLICK_MEDIAN_MS} / {CLICK_P95_MS} ms; "
              f"{time.perf_counter() - start:.1f} s{'' if attempt == 1 else ', second set'})")
        if median <= CLICK_MEDIAN_MS and p95 <= CLICK_P95_MS:
            return
    raise AssertionError(f"{app_name}: click -> new image median {median:.0f} ms, p95 {p95:.0f} ms in two sets; "
                         f"last set: {[round(t) for t in times]}")


def _open_voila_routines(browser):
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    return page_preload.navigate(page, VOILA_ROUTINES.url())


def _open_lab_routines(browser):
    (lab_root() / NOTEBOOK).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO_DIR / NOTEBOOK, lab_root() / NOTEBOOK)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    lab_run_all_on_arrival(page)
    return page_preload.navigate(page, lab_url(LAB.url(), NOTEBOOK, LAB_TOKEN))


VOILA_PAGE = page_preload.declare("Voilà, lesson 05", _open_voila_routines)
LAB_PAGE = page_preload.declare("JupyterLab, lesson 05", _open_lab_routines)


@pytest.mark.preloads(VOILA_PAGE)
def test_voila_app_next_play_and_click_speed(browser) -> None:
    start = time.perf_counter()
    page, early = page_preload.take(VOILA_PAGE, browser)
    try:
        page.wait_for_selector(".foot-routine-browser .foot-routine-player .step-title", timeout=60_000)
        page.wait_for_selector(".foot-routine-browser img[src^='blob:'], .foot-routine-browser img[src^='data:']",
                               timeout=30_000)
        opened = "opened before the test" if early else "after opening the page"
        print(f"\nVoilà: first player rendered {time.perf_counter() - start:.1f} s {opened}")
        app = page.locator(".foot-routine-browser").first
        title = app.locator(".step-title").first
        image = app.locator(".foot-routine-player img").first
        assert "Step 1 of 7" in title.inner_text() and "Stroke the heel" in title.inner_text()

        # Next: the step text and the picture change
        old_title, old_src = title.inner_text(), image.get_attribute("src") or ""
        app.get_by_role("button", name="Next ▶").click()
        _wait_change(title.inner_text, old_title)
        assert "Step 2 of 7" in title.inner_text()
        _wait_change(lambda: image.get_attribute("src") or "", old_src)

        # Play: the countdown ticks in the browser with no kernel thread
        countdown = app.locator("[aria-live='polite']").first
        before = countdown.inner_text()
        app.get_by_role("button", name="▶ Play").click()
        _wait_change(countdown.inner_text, before, timeout=6)  # "(playing)" appears at once
        playing = countdown.inner_text()
        waited = _wait_change(countdown.inner_text, playing, timeout=6)  # then the browser's clock ticks
        print(f"Voilà: countdown ticked {waited:.2f} s after Play showed ({playing!r} -> {countdown.inner_text()!r})")
        assert "59 s" in countdown.inner_text() or "58 s" in countdown.inner_text()
        app.get_by_role("button", name=PAUSE_LABEL).click()

        # Click speed, timed in the page
        _click_figures(page, "Voilà")
    finally:
        page.close()


@pytest.mark.preloads(LAB_PAGE)
def test_jupyterlab_runs_the_lesson_and_renders_the_player(browser) -> None:
    base = LAB.url()
    start = time.perf_counter()
    page, early = page_preload.take(LAB_PAGE, browser)
    kernel = None
    try:
        lab_run_all(page)
        kernel = lab_kernel_id(page)
        page.wait_for_selector(".foot-routine-browser .foot-routine-player .step-title", timeout=60_000)
        page.wait_for_selector(".foot-routine-browser img", timeout=30_000)
        text = page.locator(".foot-routine-browser .step-title").first.text_content() or ""
        opened = "opened before the test" if early else "after opening"
        print(f"\nJupyterLab: player rendered {time.perf_counter() - start:.1f} s {opened}: {text!r}")
        assert "Step 1 of 7" in text
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.first.inner_text()
        page.wait_for_selector(".foot-routine-browser img[src^='blob:'], .foot-routine-browser img[src^='data:']",
                               timeout=30_000)
        _click_figures(page, "JupyterLab")
    finally:
        with contextlib.suppress(Exception):  # the page may have failed before its kernel started
            kernel = kernel or lab_kernel_id(page)
        page.close()
        if kernel:
            lab_shut_down_kernels(base, kernel)
