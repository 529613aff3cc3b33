"""Benchmark: chart drawing against a blank figure of the same size, measured in one run.

Render = produce the PNG image a notebook or widget shows (Agg raster + PNG encoding, same
encoder and settings for the blank figure and the chart). Limits from issue 3:

* full chart of both feet with all zones (build + render) <= 3 x blank render;
* changing the highlighted zones of an existing chart (update + render) <= 1.5 x blank render.

The full-chart figure is for a new chart of an already-seen foot shape (outlines cached per
shape, as when a lesson redraws); the first chart of a brand-new shape is printed too, for
information. Each timing is the best of several repeats (the floor is measured the same way).
Exit status 1 if a ratio exceeds its limit.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from foot_lib import FootShape, draw_chart, load_course

LIMIT_FULL = 3.0
LIMIT_HIGHLIGHT = 1.5
REPEATS = 9


def best(func: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    course = load_course()
    warm = draw_chart(course)
    warm.render_png()
    size = tuple(warm.figure.get_size_inches())

    def blank() -> bytes:
        fig = Figure(figsize=size, dpi=100)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1)
        return out.getvalue()

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

    shapes = iter([FootShape(arch=a) for a in (0.11, 0.22, 0.33, 0.44, 0.55, 0.66, 0.77)])

    def cold() -> bytes:
        return draw_chart(course, next(shapes)).render_png()

    # interleave the measurements so machine noise hits all of them alike
    t_blank, t_full, t_high = [], [], []
    for _ in range(3):
        t_blank.append(best(blank))
        t_full.append(best(full))
        t_high.append(best(highlight))
    floor, t_full_s, t_high_s = min(t_blank), min(t_full), min(t_high)
    t_cold = best(cold, repeats=7)
    r_full, r_high, r_cold = t_full_s / floor, t_high_s / floor, t_cold / floor
    print(f"blank render ({size[0]:.1f}x{size[1]:.1f} in @100 dpi): {floor * 1000:.1f} ms "
          f"(median of bests {statistics.median(t_blank) * 1000:.1f} ms)")
    print(f"full chart, both feet, {len(zone_ids)} zones: {t_full_s * 1000:.1f} ms  ratio {r_full:.2f} "
          f"(limit {LIMIT_FULL})")
    print(f"change highlight + re-render: {t_high_s * 1000:.1f} ms  ratio {r_high:.2f} (limit {LIMIT_HIGHLIGHT})")
    print(f"info: first chart of a new foot shape: {t_cold * 1000:.1f} ms  ratio {r_cold:.2f} (no limit)")
    ok = r_full <= LIMIT_FULL and r_high <= LIMIT_HIGHLIGHT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
