"""The environment a class gets (Binder, JupyterHub, `course.py`) really runs the course.

Binder and `python3 course.py` install only what requirements.txt names. A notebook or
module that imports a package which merely happens to be installed on the author's
machine would work here and break for thirty students at once, so every import in
foot_lib, the tests, the benchmarks and the notebooks is checked against requirements.txt
and everything those requirements pull in. `pip check` then confirms that the pinned
ranges installed together without conflicts.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

import background
import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import Version

from foot_lib.data.paths import REPO_DIR

REQUIREMENTS = REPO_DIR / "requirements.txt"
SCANNED = ["foot_lib/**/*.py", "tests/*.py", "bench/*.py", "course.py", "notebooks/*.ipynb"]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines() -> list[str]:
    lines = []
    for raw in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def top_requirements() -> list[Requirement]:
    """The named requirements; `-e .` stands for this project, read from its installed metadata."""
    reqs: list[Requirement] = []
    for line in requirement_lines():
        if line.startswith(("-e", "--editable")):
            target = line.split(None, 1)[1].strip()
            assert target == ".", f"requirements.txt: only '-e .' is expected, got {line!r}"
            reqs.append(Requirement("foot-course"))
        elif line.startswith("-"):
            pytest.fail(f"requirements.txt: unexpected option line {line!r}")
        else:
            try:
                reqs.append(Requirement(line))
            except InvalidRequirement as exc:
                pytest.fail(f"requirements.txt: cannot read {line!r}: {exc}")
    return reqs


@cache
def closure() -> frozenset[str]:
    """Every distribution installed because of requirements.txt (names normalised)."""
    seen: set[str] = set()
    todo = [r.name for r in top_requirements()]
    while todo:
        name = normalise(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # reported by test_requirements_are_installed
        for text in requires:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return frozenset(seen)


def code_of(path: Path) -> list[tuple[str, str]]:
    """(label, source) pieces to parse: the file, or each code cell of a notebook without magics."""
    if path.suffix != ".ipynb":
        return [(str(path.relative_to(REPO_DIR)), path.read_text(encoding="utf-8"))]
    nb = json.loads(path.read_text(encoding="utf-8"))
    pieces = []
    for n, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
        pieces.append((f"{path.relative_to(REPO_DIR)} cell {n}", source))
    return pieces


def imported_modules() -> dict[str, set[str]]:
    """Top-level module name -> where it is imported (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for pattern in SCANNED:
        for path in sorted(REPO_DIR.glob(pattern)):
            for label, source in code_of(path):
                tree = ast.parse(source, filename=label)
                for node in ast.walk(tree):
                    names: list[str] = []
                    if isinstance(node, ast.Import):
                        names = [alias.name for alias in node.names]
                    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                        names = [node.module]
                    for name in names:
                        found.setdefault(name.split(".")[0], set()).add(label)
    return found


def local_modules() -> set[str]:
    """Modules that are part of this repository rather than installed packages."""
    names = {"foot_lib", "course", "conftest"}
    for folder in ("tests", "bench"):
        names |= {p.stem for p in (REPO_DIR / folder).glob("*.py")}
    return names


def test_scan_finds_the_course_imports() -> None:
    modules = imported_modules()
    assert {"foot_lib", "pandas", "matplotlib", "ipywidgets", "pytest"} <= set(modules)


def test_every_import_is_provided_by_requirements() -> None:
    providers = metadata.packages_distributions()
    wanted = closure()
    problems = []
    for module, where in sorted(imported_modules().items()):
        if module in sys.stdlib_module_names or module == "__future__" or module in local_modules():
            continue
        dists = {normalise(d) for d in providers.get(module, [])}
        if not dists:
            problems.append(f"{module}: not installed at all (imported in {', '.join(sorted(where))})")
        elif not dists & wanted:
            problems.append(
                f"{module}: comes from {', '.join(sorted(dists))}, which requirements.txt does not bring in "
                f"(imported in {', '.join(sorted(where)[:3])}); add it to requirements.txt"
            )
    assert not problems, "\n".join(problems)


def test_requirements_are_installed_within_their_ranges() -> None:
    problems = []
    for req in top_requirements():
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req.name} is not installed")
            continue
        if req.specifier and not req.specifier.contains(Version(version), prereleases=True):
            problems.append(f"{req.name} {version} is outside the pinned range {req.specifier}")
    assert not problems, "\n".join(problems)


def pip_check(folder: Path) -> subprocess.CompletedProcess:
    """`pip check` in a process of its own, started with the session (tests/background.py)."""
    return background.run([sys.executable, "-m", "pip", "check", "--disable-pip-version-check"], timeout=120)


@background.needs(pip_check)
def test_pinned_ranges_install_together() -> None:
    """`pip check`: every installed package's own requirements are met (no conflicts)."""
    done = background.result(pip_check)
    assert done.returncode == 0, done.stdout + done.stderr


def test_binder_files() -> None:
    """Binder reads runtime.txt (a Python version) and installs the package via `-e .`."""
    runtime = (REPO_DIR / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match, f"runtime.txt should look like 'python-3.11', got {runtime!r}"
    assert int(match.group(1)) >= 10, "the course needs Python 3.10 or newer"
    assert "-e ." in requirement_lines()
    assert not (REPO_DIR / "binder").exists(), "a binder/ folder would make Binder ignore the top-level files"
