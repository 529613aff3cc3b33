"""Benchmark: chart drawing against a blank figure of the same size, measured in one run.

Render = produce the PNG image a notebook or widget shows: Agg ``canvas.draw()`` then
:func:`foot_lib.drawing.png.canvas_png` (RGB, zlib level 1). The blank figure (same size, dpi 100)
goes through exactly that path with a fresh encoder; the chart goes through
``Chart.render_png`` (the same encoder; on a highlight change it redraws only the overlay
artists on the cached background and re-deflates only the bands of rows that changed).
Limits from issue 3:

* full chart of both feet with all zones (build + render) <= 3 x blank render;
* changing the highlighted zones of an existing chart (update + render) <= 1.5 x blank render;
* a click on the chart explorer's image -> its answer (pixel -> chart point, the zones of every
  source under it, the answer text, and the image re-rendered with the marker at 100 dpi like
  the blank) <= 1 x blank render (issue 12).

The full-chart figure is for a new chart of an already-seen foot shape (outlines cached per
shape, as when a lesson redraws); the first chart of a brand-new shape is printed too, for
information. The three measurements are interleaved in ROUNDS rounds of REPEATS calls each;
each figure is the median of all its calls (the floor is measured the same way).
Exit status 1 if a ratio exceeds its limit.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from foot_lib import FootShape, draw_chart, load_course
from foot_lib.drawing.png import canvas_png

LIMIT_FULL = 3.0
LIMIT_HIGHLIGHT = 1.5
LIMIT_CLICK = 1.0
REPEATS = 5
ROUNDS = 5


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
    size = tuple(warm.figure.get_size_inches())

    def blank() -> bytes:
        fig = Figure(figsize=size, dpi=100)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return canvas_png(canvas)

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
    print(f"blank render ({size[0]:.1f}x{size[1]:.1f} in @100 dpi, canvas draw + canvas_png): "
          f"median {floor * 1000:.1f} ms (min {min(t_blank) * 1000:.1f} ms)")
    print(f"full chart, both feet, {len(zone_ids)} zones: median {t_full_s * 1000:.1f} ms  ratio {r_full:.2f} "
          f"(limit {LIMIT_FULL})")
    print(f"change highlight + re-render: median {t_high_s * 1000:.1f} ms  ratio {r_high:.2f} "
          f"(limit {LIMIT_HIGHLIGHT})")
    print(f"click on the explorer's image -> answer + marker render: median {t_click_s * 1000:.1f} ms  "
          f"ratio {r_click:.2f} (limit {LIMIT_CLICK})")
    print(f"info: first chart of a new foot shape: {t_cold * 1000:.1f} ms  ratio {r_cold:.2f} (no limit)")
    ok = r_full <= LIMIT_FULL and r_high <= LIMIT_HIGHLIGHT and r_click <= LIMIT_CLICK
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
