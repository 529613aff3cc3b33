"""The package's rules as tests: layers (import-linter), lint (ruff), types (mypy).

Why here: the README's one test command then enforces them, so a change that imports
matplotlib into the content layer, or widgets into the print layer, fails like any other
bug. The configuration of all three lives in pyproject.toml. Each tool runs from the same
environment as the tests; a missing tool is a failure, not a skip, when CI=true.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import background
import pytest

from foot_lib.data.paths import PACKAGE_DIR, REPO_DIR

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed (see requirements.txt)")
        pytest.skip(f"{name} is not installed")
    return found


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_DIR), os.environ.get("PYTHONPATH", "")])}
    return background.run(args, cwd=REPO_DIR, timeout=600, env=env)


# The two slow checkers run from the start of the session, beside the other tests
# (tests/background.py); their tests wait for the result.
# (A missing tool's skip, or failure under CI, is raised by the test that waits.)
def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return run([tool("lint-imports"), "--no-cache"])


def mypy(folder: Path) -> subprocess.CompletedProcess[str]:
    """Incremental, with mypy's own cache in ``.mypy_cache`` (ignored by git): the first run of
    a checkout (and every CI run) checks everything, about 12 s on a quiet two-core machine; a
    later run rechecks only what changed and what depends on it, under a second. mypy keys the
    cache on its version, its options and each file's contents, and reports a cached module's
    errors again, so the result is the one a run from scratch gives."""
    return run([sys.executable, "-m", "mypy", "--cache-dir", str(REPO_DIR / ".mypy_cache")])


@pytest.mark.slow
@background.needs(lint_imports)
def test_import_linter_contracts_hold() -> None:
    """Layers data -> geometry -> content -> drawing -> handouts -> widgets -> notebook, and the
    forbidden imports (core: no matplotlib/ipywidgets/IPython; drawing and print: no widgets)."""
    out = background.result(lint_imports)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_ruff_is_clean() -> None:
    out = run([tool("ruff"), "check", "--no-cache", "."])
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


@pytest.mark.slow
@background.needs(mypy)
def test_mypy_is_clean() -> None:
    out = background.result(mypy)
    if "No module named mypy" in out.stderr:
        tool("mypy")  # skips, or fails under CI
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_no_private_name_is_imported_across_modules() -> None:
    """A module's ``_private`` names are its own: another module needing one means the name
    should be public (documented, typed) or the code should move."""
    bad = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("foot_lib")):
                bad += [
                    f"{path.relative_to(REPO_DIR)}:{node.lineno}: {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert not bad, "\n".join(bad)


def test_the_import_graph_has_no_cycle() -> None:
    """No module reaches itself through its imports (import-linter's graph, all of foot_lib)."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("foot_lib", cache_dir=None)
    modules = sorted(m for m in graph.modules if m != "foot_lib")  # the face imports everything by design
    cycles = []
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != "foot_lib" and graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} -> {imported} -> ... -> {module}")
    assert not cycles, "\n".join(cycles)
