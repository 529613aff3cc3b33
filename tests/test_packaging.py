"""Installable anywhere: a wheel built from the repository runs the course outside it.

Why: a JupyterHub image or a class server installs the package (not editable) and starts
notebooks from some other folder. The shipped data must then come from inside the package
(``foot_lib/shipped_data``), not from a ``data/`` folder next to it.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import textwrap
from pathlib import Path

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


def wheel_outside_the_repository(tmp_path: Path) -> Path:
    """Build the wheel, install it into a fresh environment and run the course from another
    folder: a chart, and the whole handout pack through the Python API, whose folder is
    returned. That pack is the one the handout tests inspect (tests/test_handouts.py, the
    ``pack`` fixture) and compare byte for byte with the command line's build in the
    repository, so the pack is built twice per run, not three times. Started with the
    session (tests/background.py), beside the other tests; the test below waits for it, and
    an assertion failing here is that test's failure."""
    wheel = project_wheel()  # shared with the class hub (tests/test_hub.py)

    # A fresh environment without this repository: the wheel is installed on its own, and the
    # libraries it needs (pandas, matplotlib...) are borrowed from the test environment
    # through a .pth line, since the tests must not download anything.
    env_dir = tmp_path / "venv"
    background.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = background.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheel)],
        timeout=300,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    site = background.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, timeout=60).stdout.strip()
    (Path(site) / "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    elsewhere = tmp_path / "class-server"
    elsewhere.mkdir()
    script = textwrap.dedent(
        """
        import matplotlib
        matplotlib.use("Agg")
        from pathlib import Path
        import foot_lib
        from foot_lib import build_handout_pack, draw_chart, load_course
        from foot_lib.data.paths import SHIPPED_DATA_DIR

        assert Path(foot_lib.__file__).is_relative_to(Path(__import__("sys").prefix)), foot_lib.__file__
        assert SHIPPED_DATA_DIR.name == "shipped_data" and SHIPPED_DATA_DIR.parent.name == "foot_lib"
        course = load_course()
        png = draw_chart(course).render_png(dpi=40)
        assert png.startswith(b"\\x89PNG")
        Path("chart.png").write_bytes(png)
        pdfs = build_handout_pack("pack", course=course)
        print(len(course.zones), len(pdfs), SHIPPED_DATA_DIR)
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FOOT_COURSE_DATA", "VIRTUAL_ENV"}}
    run = background.run([str(python), "-c", script], cwd=elsewhere, timeout=300, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    zones, pdfs, data_dir = run.stdout.split(maxsplit=2)
    assert int(zones) > 0 and int(pdfs) >= 2
    assert str(REPO_DIR) not in data_dir
    assert (elsewhere / "chart.png").stat().st_size > 1000
    assert (elsewhere / "pack" / "CONTENTS.txt").is_file()
    return elsewhere / "pack"


@pytest.mark.slow
@background.needs(wheel_outside_the_repository)
def test_wheel_installs_and_runs_outside_the_repository() -> None:
    background.result(wheel_outside_the_repository)
