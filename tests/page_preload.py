"""The click-timing tests' pages, opened before those tests run, once a core is free.

Why: the tests that time clicks (tests/test_browser.py, tests/test_browser_identify.py) run
last, on a machine the background jobs have left quiet. Opening their pages used to happen
there too: Voilà runs the lesson, JupyterLab loads its application and opens the notebook, a
kernel starts, about five seconds each on one core, while the other core had nothing to do.
None of that needs a quiet machine; only the timed clicks do.

How: a test module declares its page with ``declare(name, open)``, where ``open(browser)``
returns a new page that has *started* loading (``navigate``, which does not wait), and marks
the test ``@pytest.mark.preloads(name)``. Between two tests, once every background job has
ended, tests/conftest.py calls ``open_all(browser)`` for the selected tests' pages; the browser
loads them while this process goes on with its remaining tests. A test then calls
``take(name, browser)``: its page, loaded or still loading (the test waits for what it needs on
it, as after ``goto``), or a new one opened now when nothing was preloaded (a test run alone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Opener = Callable[[Any], Any]  # browser -> page that has started loading

_openers: dict[str, Opener] = {}
_opened: dict[str, Any] = {}
wanted: list[str] = []  # the selected tests' pages (tests/conftest.py, after collection)
done = False  # set by tests/conftest.py once it has tried open_all (it is not tried twice)


def declare(name: str, opener: Opener) -> str:
    _openers[name] = opener
    return name


def navigate(page: Any, url: str) -> Any:
    """Start loading ``url`` in ``page`` and return at once (``goto`` would wait for the load)."""
    page.evaluate("(url) => { setTimeout(() => { window.location.href = url; }, 0); }", url)
    return page


def open_all(browser: Any) -> None:
    for name in wanted:
        if name not in _opened:
            _opened[name] = _openers[name](browser)


def take(name: str, browser: Any) -> tuple[Any, bool]:
    """The test's page and whether it was opened before the test (or just now)."""
    page = _opened.pop(name, None)
    if page is not None:
        return page, True
    return _openers[name](browser), False
