#!/usr/bin/env python3
"""One entry point for learners, teachers and CI; needs only Python 3.10+ to start.

    python3 course.py lab        # create .venv if needed, open JupyterLab at the start page
    python3 course.py test       # create .venv if needed, run unit tests + nbval on every notebook
    python3 course.py test --quick   # the same without browser, hub and slow tests (editing loops)
    python3 course.py present    # the presenter app (Voilà) for a projector
    python3 course.py handouts DIR   # build the printable handout pack into DIR
    python3 course.py links [--hub URL]   # the Binder and nbgitpuller links for students
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
import secrets
import socket
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
# The website builder (Jupyter Book 1) lives in its own environment: `python3 course.py site`.
SITE_VENV = ROOT / ".venv-site"
SITE_REQUIREMENTS = "requirements-site.txt"


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


def ensure_site_env() -> Path:
    """The website's environment (``.venv-site``), created and installed when it is missing or
    ``requirements-site.txt`` changed; kept apart so the lessons' environment stays lean."""
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    python = SITE_VENV / sub
    stamp = SITE_VENV / ".course-installed"
    wanted = hashlib.sha256((ROOT / SITE_REQUIREMENTS).read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"Creating the website's environment in {SITE_VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(SITE_VENV)
    print("Installing the website builder (first time only; about a minute) ...", flush=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([*pip, "-r", SITE_REQUIREMENTS], check=True, cwd=ROOT)
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
    python = ensure_site_env()
    args = [a if a.startswith("-") else str(Path(a).resolve()) for a in rest]
    return subprocess.call([str(python), "tools/make_site.py", *args], cwd=ROOT)


def lab_address(rest: list[str]) -> tuple[list[str], str | None]:
    """A port and token of our own, so we can print a link that works.

    Why: with a start page in ``default_url`` (which carries its own ``?file-browser-path``),
    Jupyter prints its link as ``...?file-browser-path=/?token=...``, which a copy-paste cannot
    log in with. The server's landing page ``/?token=...`` redirects to the start page. Left
    alone when the learner passes their own ``--port`` or token.
    """
    if any(a.startswith(("--port", "--ServerApp.port", "--IdentityProvider.token", "--ServerApp.token")) for a in rest):
        return [], None
    port = 8888
    while port < 8988:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                break
        port += 1
    token = secrets.token_hex(24)
    return [f"--port={port}", f"--IdentityProvider.token={token}"], f"http://localhost:{port}/?token={token}"


def run(argv: list[str], extra: tuple[str, ...] = (), notice: str | None = None) -> int:
    python = ensure_env(extra)
    # Byte-compile the course package up front (quick when nothing changed). Python does this
    # itself on first import, except where PYTHONDONTWRITEBYTECODE is set: there every lesson's
    # kernel would compile foot_lib from source again.
    subprocess.call([str(python), "-m", "compileall", "-q", "foot_lib"], cwd=ROOT)
    # Likewise store the validated course beside the bytecode, so each lesson's first
    # load_course() is about as quick as reading the CSV files (foot_lib/data/course_cache.py).
    # Quiet: a data error is reported where the course is loaded, with file, line and column.
    # The charts' label outlines too (foot_lib/drawing/glyph_cache.py), the first chart's main cost.
    subprocess.call([str(python), "-m", "foot_lib.warm_caches"], cwd=ROOT, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
    if notice:
        print(notice, flush=True)
    return subprocess.call([str(python), *argv], cwd=ROOT)


def main(args: list[str]) -> int:
    command = args[0] if args else "help"
    rest = args[1:]
    if command == "lab":
        address, url = lab_address(rest)
        notice = f"The course opens in your browser; if it does not, open this link: {url}" if url else None
        return run([*lab_args(), *address, *rest], notice=notice)
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
    if command == "site":
        return site(rest)
    if command == "setup":
        ensure_env()
        return 0
    print(__doc__)
    return 0 if command in {"help", "-h", "--help"} else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
