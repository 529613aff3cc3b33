"""Installable anywhere: a wheel built from the repository runs the course outside it.

Why: a JupyterHub image or a class server installs the package (not editable) and starts
notebooks from some other folder. The shipped data must then come from inside the package
(``foot_lib/shipped_data``), not from a ``data/`` folder next to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path
from typing import NamedTuple

import background
import pytest
import tomllib
from project_wheel import project_wheel

from foot_lib.data.paths import PACKAGE_DIR, REPO_DIR


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((REPO_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {"foot_lib"} | {
        "foot_lib." + ".".join(p.parent.relative_to(PACKAGE_DIR).parts)
        for p in PACKAGE_DIR.rglob("__init__.py")
        if p.parent != PACKAGE_DIR and "__pycache__" not in p.parts
    }
    assert set(config["packages"]) == on_disk | {"foot_lib.shipped_data"}
    assert config["package-dir"] == {"foot_lib.shipped_data": "data"}


class WheelRun(NamedTuple):
    """What the installed package did outside the repository (the job below)."""

    pack: Path  # the handout pack its command line built (the tests in tests/test_handouts.py)
    refused: subprocess.CompletedProcess  # the command line, on a folder that already held files
    after_refusal: bytes  # the old file in that folder, after the refusal
    done: subprocess.CompletedProcess  # the command line again, with --overwrite


def wheel_outside_the_repository(tmp_path: Path) -> WheelRun:
    """Build the wheel, install it into a fresh environment and run the course from another
    folder: a chart through the Python API, then the handout pack through the command line a
    teacher types (``python -m foot_lib.handouts``, as ``python3 course.py handouts`` runs it):
    refused for a folder that holds files, then built with ``--overwrite``. This is the only
    build of the whole pack in a run: the handout tests inspect it (tests/test_handouts.py, the
    ``pack`` fixture), and compare parts of it with what the test process builds from the
    repository (reproducible in another process, whichever way the package is installed).
    Started with the session (tests/background.py), beside the other tests; the test below
    waits for it, and an assertion failing here is that test's failure."""
    wheel = project_wheel()  # shared with the class hub (tests/test_hub.py)

    # A fresh environment without this repository: the wheel is installed on its own, and the
    # libraries it needs (pandas, matplotlib...) are borrowed from the test environment
    # through a .pth line, since the tests must not download anything.
    # Nothing of this checkout is on the new environment's path: with the repository on
    # PYTHONPATH, pip would find its foot_course.egg-info (the editable install's) and skip
    # the wheel as "already installed".
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FOOT_COURSE_DATA", "VIRTUAL_ENV"}}
    env_dir = tmp_path / "venv"
    background.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = background.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheel)],
        timeout=300, env=env,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    site = background.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, timeout=60, env=env).stdout.strip()
    (Path(site) / "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    elsewhere = tmp_path / "class-server"
    elsewhere.mkdir()
    script = textwrap.dedent(
        """
        import matplotlib
        matplotlib.use("Agg")
        from pathlib import Path
        import foot_lib
        from foot_lib import draw_chart, load_course
        from foot_lib.data.paths import SHIPPED_DATA_DIR

        assert Path(foot_lib.__file__).is_relative_to(Path(__import__("sys").prefix)), foot_lib.__file__
        assert SHIPPED_DATA_DIR.name == "shipped_data" and SHIPPED_DATA_DIR.parent.name == "foot_lib"
        course = load_course()
        png = draw_chart(course).render_png(dpi=40)
        assert png.startswith(b"\\x89PNG")
        Path("chart.png").write_bytes(png)
        print(len(course.zones), SHIPPED_DATA_DIR)
        """
    )
    run = background.run([str(python), "-c", script], cwd=elsewhere, timeout=300, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    zones, data_dir = run.stdout.split(maxsplit=1)
    assert int(zones) > 0
    assert str(REPO_DIR) not in data_dir
    assert (elsewhere / "chart.png").stat().st_size > 1000

    pack = elsewhere / "pack"  # a teacher's folder that already holds files
    pack.mkdir()
    (pack / "my-notes.txt").write_text("keep me")
    (pack / "04-quiz-sheets.pdf").write_bytes(b"old")
    command = [str(python), "-m", "foot_lib.handouts", "pack", "--paper", "A4"]
    refused = background.run(command, cwd=elsewhere, timeout=300, env=env)
    after_refusal = (pack / "04-quiz-sheets.pdf").read_bytes()
    done = background.run([*command, "--overwrite"], cwd=elsewhere, timeout=600, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return WheelRun(pack, refused, after_refusal, done)


@pytest.mark.slow
@background.needs(wheel_outside_the_repository)
def test_wheel_installs_and_runs_outside_the_repository() -> None:
    background.result(wheel_outside_the_repository)
