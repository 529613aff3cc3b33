"""The package face: lessons import only from ``foot_lib``, and the face is one explicit map.

Why: the sub-packages are the layers behind the face and may be reorganised; a lesson that
imports ``foot_lib.drawing.chart`` would break then, and a reader of the lesson should see
one place where every helper comes from.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import foot_lib
from foot_lib.data.paths import NOTEBOOKS_DIR, PACKAGE_DIR


def code_cells(path: Path) -> list[tuple[int, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for number, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            lines = "".join(cell["source"]).split("\n")
            # IPython magics and shell escapes are not Python: blank them out for the parser
            out.append((number, "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines)))
    return out


def submodule_uses(source: str) -> list[str]:
    """Every ``foot_lib.<something>`` import, and attribute use of a sub-package, in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("foot_lib."):
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.startswith("foot_lib.")]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "foot_lib"
            and node.attr not in foot_lib.__all__
        ):
            found.append(f"foot_lib.{node.attr}")
    return found


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_lessons_import_only_from_the_face(notebook: Path) -> None:
    bad = [f"cell {n}: {use}" for n, src in code_cells(notebook) for use in submodule_uses(src)]
    assert not bad, f"{notebook.name} reaches behind the face (add the name to foot_lib.__all__):\n" + "\n".join(bad)


def test_the_scan_catches_submodule_imports() -> None:
    assert submodule_uses("from foot_lib.drawing.chart import draw_regions") == [
        "from foot_lib.drawing.chart import ..."
    ]
    assert submodule_uses("import foot_lib.content.safety") == ["import foot_lib.content.safety"]
    assert submodule_uses("import foot_lib\nfoot_lib.content.safety.screen") == ["foot_lib.content"]
    assert submodule_uses("from foot_lib import draw_chart\nimport foot_lib\nfoot_lib.copy_data('x')") == []


def test_face_map_matches_its_static_imports_and_all() -> None:
    """``_LAZY`` (run time), the ``TYPE_CHECKING`` imports (type checkers) and ``__all__`` agree."""
    tree = ast.parse((PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8"))
    static: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                if isinstance(imp, ast.ImportFrom) and imp.module == "typing":
                    continue  # Any, for the module's own annotations
                assert isinstance(imp, ast.ImportFrom) and imp.level == 1 and imp.module
                static.update({a.name: imp.module for a in imp.names})
    lazy = foot_lib._LAZY
    assert static == lazy
    assert set(foot_lib.__all__) == set(lazy) | {"DataError", "__version__"}
    for name in foot_lib.__all__:
        assert getattr(foot_lib, name) is not None, name


def test_import_foot_lib_loads_no_heavy_library() -> None:
    code = (
        "import sys, foot_lib\n"
        "heavy = ('pandas', 'numpy', 'matplotlib', 'ipywidgets', 'IPython', 'typing')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
