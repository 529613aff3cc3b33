"""Sizing a class server: memory per active student and link click -> start page time.

Starts a real JupyterHub on 127.0.0.1 (the harness of tests/test_hub.py), then N students
(default 15) click the course's nbgitpuller link AT THE SAME TIME, as a class does at the start
of a lesson; each student's kernel then runs every code cell of a lesson (default: the reflex
map, which loads the course and draws its charts). Reported:

- click -> start page served, per student (median and slowest), with all N clicking at once;
- time to run the lesson in every kernel at once;
- memory per active student: RSS and PSS (shared pages split fairly) of the student's server
  plus kernel, and the machine's used memory before/after divided by N.

Run by hand (it takes a few minutes; not part of the test command):

    python bench/bench_hub.py [N] [--lesson notebooks/02-reflex-map.ipynb] [--json out.json]

Needs the same prerequisites as the hub test (requirements-hub.txt, git, node/npm).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import hub_harness as hh


def _summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f}, max {max(values):.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=15, help="number of students (default 15)")
    parser.add_argument("--lesson", default="notebooks/02-reflex-map.ipynb")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    missing = hh.missing_prerequisites()
    if missing:
        print("missing: " + "; ".join(missing))
        return 2
    users = [f"student{i:02d}" for i in range(1, args.n + 1)]
    latecomer = "latecomer"  # clicks alone while the class is active
    result: dict[str, object] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.system()}",
        "students": args.n,
        "lesson": args.lesson,
    }
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        root = Path(tmp)
        course = hh.make_course_repo(root / hh.COURSE_NAME)
        environment = hh.install_image(course, root / "image")
        hub = hh.Hub(root, [*users, latecomer], environment)
        try:
            hub.start()
            students = [hh.Student(hub, u) for u in users]
            for s in students:
                s.login()
            used_before = psutil.virtual_memory().used
            link = hh.link_path(course)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                clicks = list(pool.map(lambda s: s.click(link, timeout=600), students))
            result["all_clicked_s"] = time.perf_counter() - t0
            ready = [c["ready_s"] for c in clicks]
            result["click_to_start_page_s"] = {"median": statistics.median(ready), "max": max(ready)}
            print(f"{args.n} students clicked at once: start page served in {_summary(ready)} s")

            def run_lesson(s: hh.Student) -> float:
                start = time.perf_counter()
                kernel = s.start_kernel()
                outputs = s.run_notebook_cells(kernel, hub.home(s.name) / hh.COURSE_NAME / args.lesson)
                assert hh.images_in(outputs) > 0, f"{s.name}: the lesson drew no chart"
                return time.perf_counter() - start

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                lesson_times = list(pool.map(run_lesson, students))
            result["websocket_reconnects"] = sum(s.reconnects for s in students)
            result["lesson_all_at_once_s"] = {
                "median": statistics.median(lesson_times),
                "max": max(lesson_times),
                "wall": time.perf_counter() - t0,
            }
            print(f"lesson run in every kernel at once: {_summary(lesson_times)} s")
            time.sleep(2)
            mem = [hh.memory_of(hub.server_of(u)) for u in users]
            used_after = psutil.virtual_memory().used
            rss = [m["rss_mib"] for m in mem]
            pss = [m["pss_mib"] for m in mem]
            per_student = (used_after - used_before) / 2**20 / args.n
            result["memory_per_student_mib"] = {
                "rss_median": statistics.median(rss),
                "rss_max": max(rss),
                "pss_median": statistics.median(pss),
                "pss_max": max(pss),
                "machine_used_delta_per_student": per_student,
                "server_only_rss_median": statistics.median(m["server_rss_mib"] for m in mem),
            }
            result["cpu_s_per_student_start_and_lesson"] = statistics.median(m["cpu_s"] for m in mem)
            late = hh.Student(hub, latecomer)
            late.login()
            late_s = late.click(link, timeout=600)["ready_s"]
            result["latecomer_click_to_start_page_s"] = late_s
            print(f"one more student clicking while {args.n} are active: {late_s:.1f} s")
            result["load_average_1min"] = psutil.getloadavg()[0]
            hub_rss = sum(p.memory_info().rss for p in hub.processes()[:1]) / 2**20
            result["hub_process_rss_mib"] = hub_rss
            print(
                f"memory per active student (server + kernel): RSS {_summary(rss)} MiB, PSS {_summary(pss)} MiB, "
                f"machine used +{per_student:.0f} MiB each"
            )
        except Exception:
            print("--- hub log (tail) ---\n" + hub.log_tail(6000), file=sys.stderr)
            raise
        finally:
            hub.stop()
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
