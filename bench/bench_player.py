"""Benchmark: a routine player's step change vs a blank figure of the same size.

A step change = click Next → the chart's highlight and arrows updated → new PNG in the
Image widget (the cache of finished images is cleared first, so every change is a real
render). The floor is a blank matplotlib figure of the same size and dpi saved as PNG,
measured in the same run. Limit: median step change ≤ 2 × median blank render.

    .venv/bin/python bench/bench_player.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from foot_lib import RoutinePlayer, load_course
from foot_lib.player_gui import DPI, FIGSIZE

LIMIT = 2.0
ROUNDS = 30


def blank_render() -> float:
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    start = time.perf_counter()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return time.perf_counter() - start


def step_change(player: RoutinePlayer) -> float:
    player._png_cache.clear()
    before = player.image.value
    start = time.perf_counter()
    if player.session.at_end:
        player.go_to(0)
    else:
        player.next_button.click()
    elapsed = time.perf_counter() - start
    assert player.image.value != before, "the figure did not change"
    return elapsed


def main() -> int:
    course = load_course()
    player = RoutinePlayer(course, "heel-spur")
    for _ in range(3):  # warm up both paths (first chart build, font cache)
        blank_render()
        step_change(player)
    blanks, steps = [], []
    for _ in range(ROUNDS):
        blanks.append(blank_render())
        steps.append(step_change(player))
    blank, step = statistics.median(blanks), statistics.median(steps)
    ratio = step / blank
    print(f"blank {FIGSIZE[0]}x{FIGSIZE[1]} in figure at {DPI} dpi -> PNG: median {blank * 1000:.1f} ms")
    print(f"step change (click Next -> new PNG in the Image widget): median {step * 1000:.1f} ms")
    print(f"ratio step/blank = {ratio:.2f} (limit {LIMIT})")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
