#!/usr/bin/env python3
"""``import foot_lib`` and a lesson's first ``load_course()`` against their floors.

Each measurement runs in a fresh Python process (as a lesson's kernel is one), started the
same way with ``subprocess``. Per round, in alternating order:

* import floor — a process that imports the third-party libraries ``import foot_lib`` itself
  imports (found once, in a probe process, from ``sys.modules``; never the project's own
  modules), or nothing when it imports none;
* import — a process that runs ``import foot_lib``. Both are timed whole (interpreter start
  included) from the parent, since a bare import of nothing has no time of its own;
* load floor — after importing pandas (untimed), ``pd.read_csv`` of every table the data
  package lists, timed in the child with ``time.perf_counter``;
* load — after importing pandas and foot_lib (untimed), the first ``foot_lib.load_course()``
  of the process (what a lesson pays: the table checks' modules are imported, and the
  validated course may come from the cache beside the package);
* load after the checks' modules are imported (info, no limit) — as in a lesson, whose
  ``from foot_lib import ...`` line has already imported them;
* load, no cache (info, no limit) — the same with ``FOOT_COURSE_CACHE=off``: parse and
  validate everything, as after an install or a change of a data file.

Prints medians and ranges over the rounds and the ratios (the median of the rounds' own
ratios, each pair measured side by side; the ratio of the medians too); limits 1.1 for both. Before
timing, the package is byte-compiled and the cache warmed, as ``python3 course.py`` does.
Exit status 1 if over a limit.

usage: .venv/bin/python bench/bench_import.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What `python3 course.py` runs before Jupyter or the tests: store the validated course and the
# charts' label outlines.
WARM = "from foot_lib.warm_caches import warm_caches; warm_caches()"
LIMIT = 1.1

PROBE = """
import sys
before = set(sys.modules)
import foot_lib
names = {m.split('.')[0] for m in set(sys.modules) - before}
std = set(sys.stdlib_module_names)
real = {n for n in names if getattr(sys.modules.get(n), '__file__', None)}  # not cython_runtime & co
print(' '.join(sorted(n for n in real if n not in std and not n.startswith(('_', 'foot_lib')))))
"""


def tables() -> list[str]:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return [str(ROOT / "data" / r["path"]) for r in package["resources"] if str(r["path"]).endswith(".csv")]


def whole(code: str) -> float:
    """Seconds for a fresh process that runs ``code``, interpreter start included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
    return time.perf_counter() - start


def timed(setup: str, statement: str, env: dict[str, str] | None = None) -> float:
    """Seconds that ``statement`` takes in a fresh process, after ``setup`` (not timed)."""
    code = f"{setup}\nimport time\n_t = time.perf_counter()\n{statement}\nprint(time.perf_counter() - _t)\n"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return float(out.stdout.strip().splitlines()[-1])


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=11, help="rounds (default 11; at least 5 to judge)")
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "foot_lib"], cwd=ROOT, check=False)
    subprocess.run([sys.executable, "-c", WARM], cwd=ROOT, check=True)
    third_party = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    floor_import = "import " + ", ".join(third_party) if third_party else "pass"
    read_all = f"for _p in {tables()!r}: pd.read_csv(_p)"
    no_cache = {**os.environ, "FOOT_COURSE_CACHE": "off"}
    cases = {
        "import floor (process)": lambda: whole(floor_import),
        "import foot_lib (process)": lambda: whole("import foot_lib"),
        "load floor (pd.read_csv)": lambda: timed("import pandas as pd", read_all),
        "first load_course()": lambda: timed("import pandas, foot_lib", "foot_lib.load_course()"),
        "first load_course(), no cache": lambda: timed("import pandas, foot_lib", "foot_lib.load_course()", no_cache),
        "first load_course(), checks' modules imported": lambda: timed(
            "import pandas, foot_lib, foot_lib.content.checks", "foot_lib.load_course()"
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for r in range(args.rounds):
        order = list(cases) if r % 2 == 0 else list(reversed(cases))
        for name in order:
            times[name].append(cases[name]())
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"rounds: {args.rounds}, each a fresh process; median (range)")
    print(f"import floor = {floor_import}")
    for name, values in times.items():
        print(f"  {name:32s} {_fmt(values)}")
    def paired(a: str, b: str) -> float:
        """Median over the rounds of each round's own ratio: the two were measured side by side,
        so machine noise (this shared machine's process starts are bimodal, 32 or 65 ms) cancels."""
        return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))

    import_ratio = paired("import foot_lib (process)", "import floor (process)")
    load_ratio = paired("first load_course()", "load floor (pd.read_csv)")
    of_medians = (med["import foot_lib (process)"] / med["import floor (process)"],
                  med["first load_course()"] / med["load floor (pd.read_csv)"])
    cold_ratio = med["first load_course(), no cache"] / med["load floor (pd.read_csv)"]
    print(f"ratio import foot_lib / floor = {import_ratio:.2f} (limit {LIMIT}; median of the rounds' own ratios; "
          f"ratio of the medians {of_medians[0]:.2f})")
    print(f"ratio first load_course() / floor = {load_ratio:.2f} (limit {LIMIT}; median of the rounds' own ratios; "
          f"ratio of the medians {of_medians[1]:.2f})")
    print(f"ratio first load_course() without the cache / floor = {cold_ratio:.2f} (info, no limit)")
    lesson_ratio = med["first load_course(), checks' modules imported"] / med["load floor (pd.read_csv)"]
    print(
        f"ratio first load_course() once a lesson's imports have loaded the checks' modules / floor = "
        f"{lesson_ratio:.2f} (info, no limit)"
    )
    ok = import_ratio <= LIMIT and load_ratio <= LIMIT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
