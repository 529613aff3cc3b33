"""Shared fixtures: a private copy of the shipped data that a test may corrupt."""

from __future__ import annotations

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
