"""Shared fixtures: a private copy of the shipped data that a test may corrupt."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import background
import matplotlib
import page_preload
import pytest

matplotlib.use("Agg")

from foot_lib.data.paths import SHIPPED_DATA_DIR

# pytest rewrites each test module's asserts and keeps the result as bytecode in tests/__pycache__
# (ignored by git), except where PYTHONDONTWRITEBYTECODE is set: there it rewrote all the test
# modules again on every run, about 3 s before the first test and the background jobs could start.
# So this process writes bytecode (for the tests and whatever else it imports, always into
# __pycache__ folders, which git ignores), as course.py byte-compiles the package; the processes
# it starts keep the environment's setting.
sys.dont_write_bytecode = False


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="session", autouse=True)
def shipped_data_untouched() -> Iterator[None]:
    """Fail the run if any test (or library call) wrote into the shipped data folder."""
    before = _digest(SHIPPED_DATA_DIR)
    yield
    assert _digest(SHIPPED_DATA_DIR) == before, "the shipped data/ folder was modified by the tests"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh, writable copy of the shipped data folder named 'data'."""
    dest = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA_DIR, dest)
    return dest


# -- slow work in the background, and the order of the files ----------------------------------
_LONG_MARKS = {"slow", "browser", "hub"}


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(background.Plugin(), "foot-background")
    config.addinivalue_line(
        "markers", "quiet: times clicks, so it runs last, once the background jobs have ended (tests/conftest.py)"
    )
    config.addinivalue_line(
        "markers", "preloads(name): its page is opened before it runs, once a core is free (tests/page_preload.py)"
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Store the validated course once, before the workers and the notebooks' kernels start
    (as ``python3 course.py`` does), so each of them loads it instead of validating again."""
    if hasattr(session.config, "workerinput"):  # an xdist worker: the main process did it
        return
    from foot_lib.warm_caches import warm_caches

    with contextlib.suppress(Exception):  # broken data is reported by the tests, with its location
        warm_caches()  # the validated course and the charts' store, as python3 course.py does


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the click-timing tests' servers now, without waiting for them (tests/browser_servers.py):
    they are up long before those tests run, last."""
    config = session.config
    if config.option.collectonly or hasattr(config, "workerinput"):
        return  # nothing runs, or an xdist worker (its servers start when a test asks)
    if any(item.get_closest_marker("quiet") for item in session.items):
        import browser_servers

        browser_servers.start_all()
    page_preload.wanted[:] = [m.args[0] for item in session.items for m in item.iter_markers("preloads")]


@pytest.fixture(autouse=True)
def _open_quiet_pages_early(request: pytest.FixtureRequest) -> None:
    """Once every background job has ended, open the click-timing tests' pages (tests/page_preload.py):
    the browser loads them on the core the jobs have left free, while the quick tests go on here."""
    if page_preload.wanted and not page_preload.done and background.all_done():
        from support import CHROMIUM, browser_importable

        page_preload.done = True
        if CHROMIUM.exists() and browser_importable():
            with contextlib.suppress(Exception):  # a failure shows in the tests that need the page
                page_preload.open_all(request.getfixturevalue("browser"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``quiet`` times clicks: it (and its fixtures) starts only when the
    background jobs have ended. Other browser tests check what a page shows, not how fast,
    and run with the others."""
    if item.get_closest_marker("quiet"):
        background.wait_all()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the tests in this process (the click-timing tests share it;
    each opens pages of its own)."""
    from support import require_browser

    require_browser()
    from playwright.sync_api import sync_playwright
    from support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order of the files: a stable sort, each file whole and in its own order (nbval needs
    it: a notebook's cells share one kernel).

    One process (the default): the notebooks and the quick unit tests first, while the
    background jobs (tests/background.py) use the other core; then the tests that wait for
    those jobs; then the hub; then the tests that time clicks (marked ``quiet``), on a machine
    the jobs have left quiet, with ``test_browser.py`` last.

    With pytest-xdist (``-n auto``, opt-in) the run ends when the last file ends, so the files
    with long tests go first: xdist hands files out in collection order (``--no-loadscope-reorder``).
    """
    marks = {item.path: set() for item in items}
    for item in items:
        marks[item.path] |= {m.name for m in item.iter_markers()}

    def parallel(item: pytest.Item) -> int:
        return 0 if _LONG_MARKS & marks[item.path] else 1 if item.path.suffix == ".ipynb" else 2

    def single(item: pytest.Item) -> int:
        found = marks[item.path]
        if item.path.name == "test_browser.py":
            return 5
        if "quiet" in found:
            return 4
        if "hub" in found:
            return 3
        if "background" in found:
            return 2
        return 0 if item.path.suffix == ".ipynb" else 1

    xdist = config.pluginmanager.hasplugin("xdist") and (config.getoption("numprocesses", None) or 0)
    items.sort(key=parallel if xdist or hasattr(config, "workerinput") else single)
