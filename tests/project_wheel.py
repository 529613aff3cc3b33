"""The course package's wheel, built once per test session and shared by the tests that install it.

Why: the wheel test (tests/test_packaging.py) and the class hub (tests/test_hub.py) both install
the package as a class server would, from its wheel. Building it takes a few seconds of
setuptools; the second user now waits for the first build instead of building again. The build
reads a copy of what the wheel needs from this working tree (nothing is written into the
checkout), without build isolation and without an index, so nothing is downloaded.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

import background

from foot_lib.data.paths import REPO_DIR

# What the wheel needs from the repository (copied, so the build writes nothing into the checkout).
BUILD_INPUTS = ["pyproject.toml", "README.md", "LICENSE", "foot_lib", "data"]

_lock = threading.Lock()
_built: list[Path] = []


def project_wheel() -> Path:
    """The path of ``foot_course-*.whl`` built from this working tree (built on first use, by
    whichever thread asks first; the folder is removed when the session ends)."""
    with _lock:
        if not _built:
            _built.append(_build(Path(tempfile.mkdtemp(prefix="foot-wheel-"))))
        return _built[0]


def _build(folder: Path) -> Path:
    background.on_exit(lambda: shutil.rmtree(folder, ignore_errors=True))
    source = folder / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        src = REPO_DIR / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, source / name)
    wheels = folder / "wheels"
    build = background.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "--disable-pip-version-check", "-w", str(wheels), str(source)],
        timeout=300,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = wheels.glob("foot_course-*.whl")
    return wheel
