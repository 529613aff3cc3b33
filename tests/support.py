"""Helpers shared by several test modules (tests/ is on sys.path under pytest)."""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from foot_lib.kernel_websocket import CLASS_PATH as _NODELAY

# The kernel websocket course.py lab and present use (messages leave at once): the timing
# tests start their servers the same way, so they measure what a learner gets.
NODELAY_LAB = f"--ServerApp.kernel_websocket_connection_class={_NODELAY}"
NODELAY_VOILA = f"--Voila.kernel_websocket_connection_class={_NODELAY}"

# Debian's chromium, driven by Python playwright; never a downloaded browser (TOOLING.md).
# Its "old headless shell" (package chromium-headless-shell, the same build without the desktop
# browser around it) is what playwright itself drives headless: a page costs about a quarter less
# CPU and a launch half as much, which the run feels on two cores. Without it, the full browser.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = HEADLESS_SHELL if HEADLESS_SHELL.exists() else Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def browser_importable() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def require_browser() -> None:
    """Chromium and the python playwright package are there; if not, skip, or fail under CI
    (CI can never pass silently without the browser tests)."""
    import pytest

    if CHROMIUM.exists():
        if not browser_importable():
            if IN_CI:
                pytest.fail("CI=true but the python playwright package is not installed")
            pytest.skip("python playwright package is not installed")
        return
    if IN_CI:
        pytest.fail(f"CI=true but {CHROMIUM} is missing: .ci/run must apt-get install chromium")
    pytest.skip(f"{CHROMIUM} not found (install Debian's chromium to run the browser tests)")


def wait_until_listening(port: int, proc: subprocess.Popen, limit_s: float) -> bool:
    """Wait until ``proc``'s server accepts TCP connections on 127.0.0.1:``port``; False if it exits
    first or ``limit_s`` passes. A browser refuses at once where nothing listens yet, and a TCP probe
    starts nothing (a GET on Voila's page would already start a kernel and run the notebook)."""
    deadline = time.monotonic() + limit_s
    while proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
    return False


def edit_csv_row(path: Path, row_id: str, **changes: str) -> None:
    """Change cells of the row whose ``id`` is ``row_id`` in a CSV of a data copy."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    for row in rows:
        if row["id"] == row_id:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@contextmanager
def time_limit(seconds: int = 10) -> Iterator[None]:
    """Raise TimeoutError instead of hanging (e.g. a FIFO opened for reading blocks until a
    writer appears). Uses SIGALRM, so only in the main thread on POSIX."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


KERNEL_IDLE_JS = (
    "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
    " && window.jupyterapp.shell.currentWidget.sessionContext"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
)


def lab_url(base: str, path: str, token: str) -> str:
    """A notebook in a JupyterLab workspace of its own (named after the notebook, reset), so two
    pages of the same server open at once do not share one workspace's saved layout."""
    workspace = Path(path).stem
    return f"{base}/lab/workspaces/{workspace}/tree/{path}?token={token}&reset"


# Added to a page before it opens a notebook (``lab_run_all_on_arrival``): the page itself presses
# Run All once the notebook's kernel is idle, as a learner would on arrival. A page opened early
# (tests/page_preload.py) so runs its lesson while the quick tests go on, not in the timed phase.
RUN_ALL_ON_ARRIVAL_JS = f"""
(() => {{
  if (window !== window.top || !window.location.pathname.includes('/lab')) return;
  window.__footRunAllOnArrival = true;
  const idle = {KERNEL_IDLE_JS};
  const poll = () => {{
    if (!idle()) {{ setTimeout(poll, 50); return; }}
    window.__footRanAll = true;
    window.jupyterapp.commands.execute('notebook:run-all-cells');
  }};
  poll();
}})();
"""


def lab_run_all_on_arrival(page) -> None:
    """Make ``page`` press Run All by itself once the notebook it opens next has an idle kernel."""
    page.add_init_script(RUN_ALL_ON_ARRIVAL_JS)


def lab_run_all(page) -> None:
    """In a JupyterLab page (started with ``expose_app_in_browser``) that is opening a notebook,
    or has opened it: wait for its kernel to be idle, then run every cell, as a learner pressing
    Run All would (or, in a page that does it on arrival, wait until it has)."""
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    if page.evaluate("() => !!window.__footRunAllOnArrival"):
        page.wait_for_function("() => !!window.__footRanAll", timeout=60_000)
        return
    page.wait_for_function(KERNEL_IDLE_JS, timeout=60_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


def lab_kernel_id(page) -> str | None:
    """The kernel of the notebook shown in a JupyterLab page (None if it has none)."""
    return page.evaluate("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                         " const k = w && w.sessionContext && w.sessionContext.session"
                         " && w.sessionContext.session.kernel; return k ? k.id : null; }")
