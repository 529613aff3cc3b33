#!/usr/bin/env python3
"""How much does running the lessons cost beyond starting Python and importing libraries?

Measures, in one run on the same machine:

* floor — for every notebook, start a fresh kernel and import the libraries the lesson
  uses (the unavoidable cost nbval pays per notebook), plus pytest's own start-up. "The
  libraries the lesson uses" are its own import statements plus, because ``foot_lib``
  imports its heavy dependencies only when a feature needs them, the design card's
  libraries the lesson visibly uses: matplotlib when it shows a figure (an ``image/png``
  output), ipywidgets when it shows a widget, pandas always (every lesson loads the tables);
* nbval — the whole ``pytest --nbval`` run over every notebook, as the test command does.

Prints the ratio nbval / floor (limit 1.5) and every notebook's size (limit 1 MB). For
comparison it also prints the ratio against a narrower floor that runs only the import
statements as written. Exits non-zero if a limit is exceeded. Absolute times drift on a
shared machine; the ratio is what to compare between runs (``--repeat N`` takes medians).

usage: .venv/bin/python bench/bench_notebooks.py [--repeat N]
"""

from __future__ import annotations

import ast
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RATIO_LIMIT = 1.5
SIZE_LIMIT = 1_000_000


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def used_libraries(nb: dict) -> list[str]:
    """Imports for the design card's libraries the lesson's stored outputs show it uses."""
    mimes = {mime for cell in nb["cells"] if cell["cell_type"] == "code"
             for out in cell.get("outputs", []) for mime in out.get("data", {})}
    libs = ["import pandas"]
    if "image/png" in mimes:
        libs += ["import matplotlib.figure", "import matplotlib.backends.backend_agg", "import matplotlib.pyplot"]
    if WIDGET_MIME in mimes:
        libs.append("import ipywidgets")
    return libs


def import_code(path: Path, with_used: bool = True) -> str:
    """The notebook's import statements, plus (``with_used``) the libraries it uses."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse("\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
    if with_used:
        lines += used_libraries(nb)
    return "\n".join(lines)


def kernel_floor(path: Path, with_used: bool = True) -> float:
    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        kc.execute_interactive(import_code(path, with_used), timeout=120)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return time.perf_counter() - start


def pytest_startup() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", str(ROOT / "tests" / "conftest.py")],
        cwd=ROOT, capture_output=True, check=False,
    )
    return time.perf_counter() - start


def nbval_run() -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *map(str, NOTEBOOKS)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:])
        raise SystemExit("nbval run failed; fix the notebooks before benchmarking")
    return elapsed


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    floors, narrow, runs = [], [], []
    for _ in range(repeat):  # interleaved, so machine noise hits all three alike
        startup = pytest_startup()
        floors.append(startup + sum(kernel_floor(p) for p in NOTEBOOKS))
        runs.append(nbval_run())
        narrow.append(startup + sum(kernel_floor(p, with_used=False) for p in NOTEBOOKS))
    floor, run, floor_narrow = statistics.median(floors), statistics.median(runs), statistics.median(narrow)
    ratio = run / floor
    print(f"notebooks: {len(NOTEBOOKS)}; rounds: {repeat}")
    print(f"floor (kernel start + the libraries each lesson uses + pytest start): {floor:.1f} s")
    print(f"nbval run of all notebooks: {run:.1f} s")
    print(f"ratio nbval/floor: {ratio:.2f} (limit {RATIO_LIMIT})")
    print(f"for comparison, floor with only the import statements as written: {floor_narrow:.1f} s, "
          f"ratio {run / floor_narrow:.2f}")
    ok = ratio <= RATIO_LIMIT
    for path in NOTEBOOKS:
        size = path.stat().st_size
        flag = "" if size <= SIZE_LIMIT else "  <-- over 1 MB"
        ok = ok and size <= SIZE_LIMIT
        print(f"  {path.name:40s} {size / 1000:7.0f} kB{flag}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
