"""Benchmark: chart drawing against a blank figure of the same size, measured in one run.

Render = produce the PNG image a notebook or widget shows. The floor is a blank matplotlib
figure of the same size and dpi, drawn by Agg and written as an RGB PNG by Pillow at the same
zlib level the course uses (1) — third-party code only, never the project's own encoder.
(``Figure.savefig`` would be a laxer floor: it costs about 1.6 times as much.) The
chart goes through ``Chart.render_png`` (on a highlight change it redraws only the overlay
artists on the cached background and re-deflates only the bands of rows that changed).
Limits (issues 3, 12 and 14):

* full chart of both feet, the default map (the common chart, numbered call-outs and a
  legend beside each foot; build + render), of a foot shape already drawn <= 1.5 x blank render;
* changing the highlighted zones of an existing chart (update + render) <= 1.5 x blank render;
* a click on the chart explorer's image -> its answer (pixel -> chart point, the zones of every
  source under it, the answer text, and the image re-rendered with the marker at 100 dpi like
  the blank) <= 1 x blank render (issue 12).

* the first chart of a new foot shape in a fresh process (as a lesson's first chart: the
  process has run the lesson's import cell and loaded the course, untimed) <= 3 x
  the first blank render of a fresh process that imported pandas and matplotlib (timed the
  same way, in the child). Run after ``python3 course.py``'s warm-up, as a lesson is.

The full-chart figure is for a new chart of an already-seen foot shape (as when a lesson or
a widget redraws); the first chart of a brand-new shape in this process is printed too, for
information. The in-process measurements are interleaved in ROUNDS rounds of REPEATS calls
each; each figure is the median of all its calls (the floor is measured the same way). The
fresh-process pair alternates its order over FRESH_ROUNDS rounds and is judged on the median
of the rounds' own ratios (the ratio of the medians is printed too). Medians and ranges are
printed. Exit status 1 if a ratio exceeds its limit.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from foot_lib import FootShape, draw_chart, load_course

LIMIT_FULL = 1.5
LIMIT_HIGHLIGHT = 1.5
LIMIT_CLICK = 1.0
LIMIT_FRESH = 3.0
REPEATS = 5
ROUNDS = 5
FRESH_ROUNDS = 11
ROOT = Path(__file__).resolve().parent.parent
# What `python3 course.py` runs before Jupyter or the tests (the validated course, label outlines).
WARM = "from foot_lib.warm_caches import warm_caches; warm_caches()"
FRESH_FLOOR = """
import io, time
import pandas
import PIL.Image
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
t = time.perf_counter()
canvas = FigureCanvasAgg(Figure(figsize={size!r}, dpi=100))
canvas.draw()
image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
image.convert("RGB").save(io.BytesIO(), format="png", compress_level=1)
print(time.perf_counter() - t)
"""
# As a lesson: its first cell imports (``from foot_lib import ...``) and loads the course, a later
# cell draws the chart; the chart cell is timed. FRESH_WHOLE also times the imports (information).
FRESH_CHART = """
import time
import pandas, matplotlib.figure, matplotlib.backends.backend_agg
from foot_lib import FootShape, draw_chart, load_course
course = load_course()
t = time.perf_counter()
draw_chart(course, FootShape(arch={arch})).render_png()
print(time.perf_counter() - t)
"""
FRESH_WHOLE = """
import time
import pandas, matplotlib.figure, matplotlib.backends.backend_agg
t = time.perf_counter()
from foot_lib import FootShape, draw_chart, load_course
draw_chart(load_course(), FootShape(arch={arch})).render_png()
print(time.perf_counter() - t)
"""


def blank_png(size: tuple[float, float], dpi: float = 100) -> bytes:
    """The floor: a blank figure of ``size`` drawn by Agg, written by Pillow (no project code)."""
    canvas = FigureCanvasAgg(Figure(figsize=size, dpi=dpi))
    canvas.draw()
    image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def in_child(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         timeout=120)
    return float(out.stdout.strip().splitlines()[-1])


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (range {min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def timings(func: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    course = load_course()
    warm = draw_chart(course)
    warm.render_png()
    width, height = (float(v) for v in warm.figure.get_size_inches())
    size = (width, height)

    def blank() -> bytes:
        return blank_png(size)

    def full() -> bytes:
        return draw_chart(course).render_png()

    chart = draw_chart(course)
    chart.render_png()
    zone_ids = list(chart.zone_ids)
    step = [0]

    def highlight() -> bytes:
        step[0] += 1
        k = (3 * step[0]) % len(zone_ids)
        chart.set_highlight(zone_ids[k : k + 3])
        return chart.render_png()

    import foot_lib.widgets.diagrams as diagrams
    from foot_lib.drawing.chart import to_chart

    diagrams.IMAGE_DPI = 100  # the explorer's image at the blank's resolution, so the ratio is like for like
    explorer = diagrams.IdentifyExplorer(course, legend=True)  # same figure size as the blank
    eshape = explorer.chart.shape
    spots = [(0.5, 0.14), (0.3, 0.6), (0.7, 0.4), (0.2, 0.9), (0.5, 0.75)]
    pixels = [diagrams.chart_pixel(explorer.chart, *to_chart(eshape.uv_to_xy(np.array([uv])), foot, "plantar",
                                                              eshape)[0])
              for uv in spots for foot in ("left", "right")]
    clicks = [0]

    def click() -> str:
        clicks[0] += 1
        return explorer.click_pixel(*pixels[clicks[0] % len(pixels)])

    shapes = iter([FootShape(arch=a) for a in (0.11, 0.22, 0.33, 0.44, 0.55, 0.66, 0.77)])

    def cold() -> bytes:
        return draw_chart(course, next(shapes)).render_png()

    # interleave the measurements so machine noise hits all of them alike
    click()
    t_blank, t_full, t_high, t_click = [], [], [], []
    for _ in range(ROUNDS):
        t_blank += timings(blank)
        t_full += timings(full)
        t_high += timings(highlight)
        t_click += timings(click)
    med = statistics.median
    floor, t_full_s, t_high_s, t_click_s = med(t_blank), med(t_full), med(t_high), med(t_click)
    t_cold = med(timings(cold, repeats=7))
    r_full, r_high, r_cold, r_click = t_full_s / floor, t_high_s / floor, t_cold / floor, t_click_s / floor

    subprocess.run([sys.executable, "-m", "compileall", "-q", "foot_lib"], cwd=ROOT, check=False)
    subprocess.run([sys.executable, "-c", WARM], cwd=ROOT, check=True)
    f_floor: list[float] = []
    f_chart: list[float] = []
    f_whole: list[float] = []
    for r in range(FRESH_ROUNDS):
        arch = 0.31 + 0.05 * r
        trio = [(f_floor, FRESH_FLOOR.format(size=size)), (f_chart, FRESH_CHART.format(arch=arch)),
                (f_whole, FRESH_WHOLE.format(arch=arch))]
        for out, code in trio if r % 2 == 0 else trio[::-1]:
            out.append(in_child(code))
    # Decided on the median of the rounds' own ratios (each round's chart and floor run back to
    # back), as bench_import does: process timings on this VM drift between rounds, and a
    # ratio of two medians taken over different rounds mixes the drift into the result.
    r_fresh = med([c / f for c, f in zip(f_chart, f_floor, strict=True)])
    r_fresh_medians = med(f_chart) / med(f_floor)

    print(f"blank render ({size[0]:.1f}x{size[1]:.1f} in @100 dpi, Agg draw + Pillow PNG): {_ms(t_blank)}")
    print(f"full chart, both feet, common chart, shape already drawn ({len(zone_ids)} zones, "
          f"{len(chart.callouts)} call-outs): {_ms(t_full)}  ratio {r_full:.2f} (limit {LIMIT_FULL})")
    print(f"change highlight + re-render: {_ms(t_high)}  ratio {r_high:.2f} (limit {LIMIT_HIGHLIGHT})")
    print(f"click on the explorer's image -> answer + marker render: {_ms(t_click)}  "
          f"ratio {r_click:.2f} (limit {LIMIT_CLICK})")
    print(f"info: first chart of a new foot shape in this process: {t_cold * 1000:.1f} ms  ratio {r_cold:.2f}")
    print(f"fresh process, first blank render (floor): {_ms(f_floor)}")
    print(f"fresh process, first chart of a new shape (the chart cell): {_ms(f_chart)}  ratio {r_fresh:.2f} "
          f"(limit {LIMIT_FRESH}; median of the rounds' own ratios; ratio of the medians {r_fresh_medians:.2f})")
    print(f"info: the same with foot_lib's imports and load_course() timed too: {_ms(f_whole)}  "
          f"ratio {med(f_whole) / med(f_floor):.2f}")
    ok = r_full <= LIMIT_FULL and r_high <= LIMIT_HIGHLIGHT and r_click <= LIMIT_CLICK and r_fresh <= LIMIT_FRESH
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
