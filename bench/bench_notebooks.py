#!/usr/bin/env python3
"""How much does running the lessons cost beyond starting Python and importing libraries?

Measures, in one run on the same machine:

* floor — for every notebook, start a fresh kernel and run only that notebook's import
  statements (the unavoidable cost nbval pays per notebook), plus pytest's own start-up;
* nbval — the whole ``pytest --nbval`` run over every notebook, as the test command does.

Prints the ratio nbval / floor (limit 1.5) and every notebook's size (limit 1 MB). Exits
non-zero if a limit is exceeded. Absolute times drift on a shared machine; the ratio is
what to compare between runs.

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


def import_code(path: Path) -> str:
    """The notebook's import statements (plus the setup call every lesson makes)."""
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
    return "\n".join(lines)


def kernel_floor(path: Path) -> float:
    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        kc.execute_interactive(import_code(path), timeout=120)
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
    floors, runs = [], []
    for _ in range(repeat):
        floors.append(pytest_startup() + sum(kernel_floor(p) for p in NOTEBOOKS))
        runs.append(nbval_run())
    floor, run = statistics.median(floors), statistics.median(runs)
    ratio = run / floor
    print(f"notebooks: {len(NOTEBOOKS)}")
    print(f"floor (kernel start + imports per notebook + pytest start): {floor:.1f} s")
    print(f"nbval run of all notebooks: {run:.1f} s")
    print(f"ratio nbval/floor: {ratio:.2f} (limit {RATIO_LIMIT})")
    ok = ratio <= RATIO_LIMIT
    for path in NOTEBOOKS:
        size = path.stat().st_size
        flag = "" if size <= SIZE_LIMIT else "  <-- over 1 MB"
        ok = ok and size <= SIZE_LIMIT
        print(f"  {path.name:40s} {size / 1000:7.0f} kB{flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
