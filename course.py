#!/usr/bin/env python3
"""One entry point for learners, teachers and CI; needs only Python 3.10+ to start.

    python3 course.py lab        # create .venv if needed, open JupyterLab at the start page
    python3 course.py test       # create .venv if needed, run unit tests + nbval on every notebook
    python3 course.py present    # the presenter app (Voilà) for a projector
    python3 course.py handouts DIR   # build the printable handout pack into DIR
    python3 course.py site [DIR]     # build the course website into DIR (default _build/site)

The virtual environment lives in ``.venv`` beside this file. It is (re)installed from
``requirements.txt`` whenever that file or ``pyproject.toml`` changes, so ``git pull``
followed by the same command always gives a working setup. The website has its own
environment, ``.venv-site`` (from ``requirements-site.txt``), so the course's stays lean.
Standard library only.
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
SITE_VENV = ROOT / ".venv-site"
START_PAGE = "notebooks/00-start-here.ipynb"
PRESENTER = "notebooks/presenter.ipynb"


def venv_python(env: Path = VENV) -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return env / sub


def requirements_hash(names: tuple[str, ...] = ("requirements.txt", "pyproject.toml")) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env(env: Path = VENV, requirements: str = "requirements.txt") -> Path:
    """Create and install the environment unless it is already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must explain itself on old Pythons
        sys.exit(f"Python 3.10 or newer is needed; this is {sys.version.split()[0]}.")
    names = (requirements, "pyproject.toml") if env == VENV else (requirements,)
    wanted = requirements_hash(names)
    python = venv_python(env)
    stamp = env / ".course-installed"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"Creating the environment in {env} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(env)
    print(f"Installing the packages of {requirements} (first time only; a few minutes) ...", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run([*pip, "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([*pip, "--quiet", "-r", requirements], check=True, cwd=ROOT)
    stamp.write_text(wanted)
    return python


def lab_args() -> list[str]:
    """JupyterLab opened at the repository root (so data/ and docs/ are in the file browser)
    with the start page open. As root (a container, a cloud machine) Jupyter refuses to start
    without --allow-root; we add it and say so."""
    # "file-browser-path=/" keeps the file browser at the root (opening a file moves it to the
    # file's folder); passing the start page as a file would also make its folder the root.
    start = f"/lab/tree/{START_PAGE}?file-browser-path=/"
    args = ["-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url={start}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Running as root: starting JupyterLab with --allow-root "
              "(better: run the course as a normal user).", flush=True)
        args.append("--allow-root")
    return args


def site(rest: list[str]) -> int:
    """Build the website with the site environment; a folder given is taken from where you are."""
    python = ensure_env(SITE_VENV, "requirements-site.txt")
    args = [a if a.startswith("-") else str(Path(a).resolve()) for a in rest]
    return subprocess.call([str(python), "tools/make_site.py", *args], cwd=ROOT)


def run(argv: list[str]) -> int:
    python = ensure_env()
    # Byte-compile the course package up front (quick when nothing changed). Python does this
    # itself on first import, except where PYTHONDONTWRITEBYTECODE is set: there every lesson's
    # kernel would compile foot_lib from source again.
    subprocess.call([str(python), "-m", "compileall", "-q", "foot_lib"], cwd=ROOT)
    return subprocess.call([str(python), *argv], cwd=ROOT)


def main(args: list[str]) -> int:
    command = args[0] if args else "help"
    rest = args[1:]
    if command == "lab":
        return run([*lab_args(), *rest])
    if command == "test":
        return run(["-m", "pytest", *rest])
    if command == "present":
        return run(["-m", "voila", PRESENTER, *rest])
    if command == "handouts":
        return run(["-m", "foot_lib.handouts", *rest])
    if command == "site":
        return site(rest)
    if command == "setup":
        ensure_env()
        return 0
    print(__doc__)
    return 0 if command in {"help", "-h", "--help"} else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
