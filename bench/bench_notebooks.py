#!/usr/bin/env python3
"""How much does running a lesson cost beyond starting a kernel and importing its libraries?

For every notebook, in one run on the same machine, interleaved notebook by notebook:

* floor — a fresh kernel that imports only the third-party libraries the course is built
  on: pandas, ``matplotlib.figure`` with the Agg backend module, and ipywidgets (the same
  for every notebook). The project's own modules are never imported, so the floor cannot
  grow when the project does more work at import time. (Judging from stored outputs which
  of them a lesson needs missed the pictures inside widgets, e.g. the routine player; the
  three lessons that draw nothing, 00, 10 and 11, get a floor a little above their needs.)
* course — a fresh kernel that runs every cell of the notebook top to bottom (run all),
  started and driven the same way (``nbclient``, as ``nbconvert --execute`` and nbval do).

Both are timed from kernel start to kernel shut down. The order of the pair alternates
between rounds so neither always runs on a warmer machine. Prints, per notebook and for all
notebooks together (the sum of one round), the median and range over the rounds and the
ratio of the medians course / floor; limit 1.3 overall. Also checks every notebook's size
(limit 1.25 MB, as tests/test_notebooks.py). Exit status 1 if a limit is exceeded.

Before timing, the package is byte-compiled and the validated course cache is warmed, as
``python3 course.py`` does before it starts Jupyter or the tests.

usage: .venv/bin/python bench/bench_notebooks.py [--rounds N] [--notebooks 02 05 ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
# What `python3 course.py` runs before Jupyter or the tests: store the validated course and the
# charts' label outlines.
WARM = "from foot_lib.warm_caches import warm_caches; warm_caches()"
NOTEBOOK_DIR = ROOT / "notebooks"
RATIO_LIMIT = 1.3
SIZE_LIMIT = 1_250_000  # the same limit as tests/test_notebooks.py (the reflex-map lesson's nine figures)


FLOOR_IMPORTS = "import pandas\nimport matplotlib.figure\nimport matplotlib.backends.backend_agg\nimport ipywidgets"


def execute(nb: nbformat.NotebookNode) -> float:
    """Seconds from kernel start to shut down, running every cell of ``nb`` in the lessons' folder."""
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
        record_timing=False,
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def floor_run() -> float:
    return execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)]))


def course_run(path: Path) -> float:
    return execute(nbformat.read(path, as_version=4))


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5; use at least 5 to judge)")
    parser.add_argument("--notebooks", nargs="*", default=[], help="name prefixes, e.g. 02 05 (default: all)")
    args = parser.parse_args(argv)
    paths = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if args.notebooks:
        paths = [p for p in paths if p.name.startswith(tuple(args.notebooks))]
    # What `python3 course.py` does before starting Jupyter or the tests.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "foot_lib"], cwd=ROOT, check=False)
    subprocess.run([sys.executable, "-c", WARM], cwd=ROOT, check=True)
    floors: dict[Path, list[float]] = {p: [] for p in paths}
    runs: dict[Path, list[float]] = {p: [] for p in paths}
    for r in range(args.rounds):
        for p in paths:
            if r % 2 == 0:
                floors[p].append(floor_run())
                runs[p].append(course_run(p))
            else:
                runs[p].append(course_run(p))
                floors[p].append(floor_run())
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    print(f"notebooks: {len(paths)}; rounds: {args.rounds}; median (range) over rounds")
    print(f"floor kernel: {FLOOR_IMPORTS.replace(chr(10), '; ')}")
    print(f"  {'notebook':32s} {'floor':>22s} {'run all':>22s}  ratio")
    for p in paths:
        ratio = statistics.median(runs[p]) / statistics.median(floors[p])
        print(f"  {p.name:32s} {_fmt(floors[p]):>22s} {_fmt(runs[p]):>22s}  {ratio:5.2f}")
    floor_total = [sum(floors[p][r] for p in paths) for r in range(args.rounds)]
    run_total = [sum(runs[p][r] for p in paths) for r in range(args.rounds)]
    ratio = statistics.median(run_total) / statistics.median(floor_total)
    print(
        f"  {'all (sum of a round)':32s} {_fmt(floor_total):>22s} {_fmt(run_total):>22s}  {ratio:5.2f}"
        f"  (limit {RATIO_LIMIT})"
    )
    ok = ratio <= RATIO_LIMIT
    for p in paths:
        size = p.stat().st_size
        if size > SIZE_LIMIT:
            ok = False
            print(f"  {p.name}: {size / 1000:.0f} kB, over the {SIZE_LIMIT / 1e6:.2f} MB limit")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
