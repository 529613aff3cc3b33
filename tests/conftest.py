"""Shared fixtures: a private copy of the shipped data that a test may corrupt."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from foot_lib.data.paths import SHIPPED_DATA_DIR


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


# -- the order of the files (and the schedule with pytest-xdist: ``-n auto``, opt-in) ----------
_LONG_MARKS = {"slow", "browser", "hub"}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Store the validated course once, before the workers and the notebooks' kernels start
    (as ``python3 course.py`` does), so each of them loads it instead of validating again."""
    if hasattr(session.config, "workerinput"):  # an xdist worker: the main process did it
        return
    import foot_lib
    from foot_lib.data.course_cache import warm

    with contextlib.suppress(Exception):  # broken data is reported by the tests, with its location
        warm(foot_lib.load_course)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the files with long tests first, then the notebooks, then the quick unit tests.

    With two workers the run ends when the last file ends; a long file scheduled last leaves
    one core idle. xdist hands files out in collection order (``--no-loadscope-reorder``), so
    this stable sort is the schedule. Each file stays whole and in its own order, which nbval
    needs (a notebook's cells share one kernel).
    """
    def weight(item: pytest.Item) -> int:
        return 0 if item.path in long_files else 1 if item.path.suffix == ".ipynb" else 2

    long_files = {item.path for item in items if _LONG_MARKS & {m.name for m in item.iter_markers()}}
    items.sort(key=weight)
