#!/usr/bin/env python3
"""One entry point for learners, teachers and CI; needs only Python 3.10+ to start.

    python3 course.py lab        # create .venv if needed, open JupyterLab at the start page
    python3 course.py test       # create .venv if needed, run unit tests + nbval on every notebook
    python3 course.py test --quick   # the same without browser, hub and slow tests (editing loops)
    python3 course.py present    # the presenter app (Voilà) for a projector
    python3 course.py handouts DIR   # build the printable handout pack into DIR
    python3 course.py links [--hub URL]   # the Binder and nbgitpuller links for students

The virtual environment lives in ``.venv`` beside this file. It is (re)installed from
``requirements.txt`` whenever that file or ``pyproject.toml`` changes, so ``git pull``
followed by the same command always gives a working setup. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".course-installed"
START_PAGE = "notebooks/00-start-here.ipynb"
PRESENTER = "notebooks/presenter.ipynb"
# `test --quick`: leave out what needs a browser or a hub, or takes more than a few seconds
# (see the markers in pyproject.toml). Plain `test` runs everything, as CI does.
QUICK_TESTS = "not browser and not hub and not slow"
# Installed for `test` only: the class-server test starts a real JupyterHub (tests/test_hub.py).
HUB_REQUIREMENTS = "requirements-hub.txt"


def venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def requirements_hash(extra: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml", *extra):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env(extra: tuple[str, ...] = ()) -> Path:
    """Create and install the environment unless it is already up to date.

    ``extra`` names more requirement files (the tests add the hub's); the stamp records every
    set installed, so ``lab`` after ``test`` does not reinstall.
    """
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must explain itself on old Pythons
        sys.exit(f"Python 3.10 or newer is needed; this is {sys.version.split()[0]}.")
    wanted = requirements_hash(extra)
    python = venv_python()
    if python.exists() and STAMP.exists() and wanted in STAMP.read_text().split():
        return python
    if not python.exists():
        print(f"Creating the course environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    print("Installing the course's packages (first time only; a few minutes) ...", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run([*pip, "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
    files = [arg for name in ("requirements.txt", *extra) for arg in ("-r", name)]
    subprocess.run([*pip, "--quiet", *files], check=True, cwd=ROOT)
    STAMP.write_text(f"{requirements_hash()}\n{wanted}\n")
    return python


def run(argv: list[str], extra: tuple[str, ...] = ()) -> int:
    python = ensure_env(extra)
    # Byte-compile the course package up front (quick when nothing changed). Python does this
    # itself on first import, except where PYTHONDONTWRITEBYTECODE is set: there every lesson's
    # kernel would compile foot_lib from source again.
    subprocess.call([str(python), "-m", "compileall", "-q", "foot_lib"], cwd=ROOT)
    # Likewise store the validated course beside the bytecode, so each lesson's first
    # load_course() is about as quick as reading the CSV files (foot_lib/data/course_cache.py).
    # Quiet: a data error is reported where the course is loaded, with file, line and column.
    warm = "import foot_lib; from foot_lib.data.course_cache import warm; warm(foot_lib.load_course)"
    subprocess.call([str(python), "-c", warm], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return subprocess.call([str(python), *argv], cwd=ROOT)


def main(args: list[str]) -> int:
    command = args[0] if args else "help"
    rest = args[1:]
    if command == "lab":
        return run(["-m", "jupyterlab", START_PAGE, *rest])
    if command == "test":
        if "--quick" in rest:
            rest = ["-m", QUICK_TESTS, *(a for a in rest if a != "--quick")]
        return run(["-m", "pytest", *rest], extra=(HUB_REQUIREMENTS,))
    if command == "present":
        return run(["-m", "voila", PRESENTER, *rest])
    if command == "handouts":
        return run(["-m", "foot_lib.handouts", *rest])
    if command == "links":
        # Standard library only: works before the environment exists.
        return subprocess.call([sys.executable, str(ROOT / "tools" / "course_links.py"), *rest], cwd=ROOT)
    if command == "setup":
        ensure_env()
        return 0
    print(__doc__)
    return 0 if command in {"help", "-h", "--help"} else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
