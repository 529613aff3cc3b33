"""Benchmark: a routine player's step change vs a blank figure of the same size.

A step change = click Next → the chart's highlight and arrows updated → new PNG in the
Image widget (the player's cache of finished images is cleared first, so every change is a
real render: overlay artists redrawn on the chart's cached background, then PNG-encoded; the
chart's encoder re-deflates only the bands of rows whose pixels changed).

The floor is a blank matplotlib Figure of the same size and dpi, drawn by Agg
(``canvas.draw()``) and written as an RGB PNG by Pillow at the zlib level the course uses (1):
third-party code only, never the project's own encoder. Both are timed in the same run,
interleaved, ROUNDS times each. Limit (issue 14): median step change ≤ 1.5 × median blank
render, for a click on Next and for a step the clock ends (with its chime). Exit status 1 if
over the limit.

    .venv/bin/python bench/bench_player.py
"""

from __future__ import annotations

import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import io

import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from foot_lib import RoutinePlayer, load_course
from foot_lib.widgets.player import DPI, FIGSIZE

LIMIT = 1.5
ROUNDS = 30


def blank_render() -> float:
    start = time.perf_counter()
    canvas = FigureCanvasAgg(Figure(figsize=FIGSIZE, dpi=DPI))
    canvas.draw()
    image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.convert("RGB").save(io.BytesIO(), format="png", compress_level=1)
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


def clock_step_with_cue(player: RoutinePlayer) -> float:
    """The clock ends a step while playing: new PNG plus the step-end chime in the Audio widget."""
    player._png_cache.clear()
    if player.session.at_end or not player.session.playing:
        player.pause()
        player.go_to(0)
        player.play()
    before = player.image.value
    played = len(player.coach.played)
    seconds = max(1, round(player.session.remaining_s))
    start = time.perf_counter()
    player.tick(seconds)
    elapsed = time.perf_counter() - start
    assert player.image.value != before, "the figure did not change"
    assert len(player.coach.played) > played, "no cue was played"
    return elapsed


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (range {min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def main() -> int:
    course = load_course()
    player = RoutinePlayer(course, "heel-spur")
    coached = RoutinePlayer(course, "heel-spur")
    coached.coach.warning_switch.value = False
    for _ in range(3):  # warm up both paths (first chart build, font cache)
        blank_render()
        step_change(player)
        clock_step_with_cue(coached)
    blanks, steps, cued = [], [], []
    for _ in range(ROUNDS):
        blanks.append(blank_render())
        steps.append(step_change(player))
        cued.append(clock_step_with_cue(coached))
    blank, step, cue = statistics.median(blanks), statistics.median(steps), statistics.median(cued)
    ratio, cue_ratio = step / blank, cue / blank
    print(f"blank {FIGSIZE[0]}x{FIGSIZE[1]} in figure at {DPI} dpi, Agg draw + Pillow PNG: {_ms(blanks)}")
    print(f"step change (click Next -> new PNG in the Image widget): {_ms(steps)}")
    print(f"step change by the clock with its chime (new PNG + WAV in the Audio widget): {_ms(cued)}")
    print(f"ratio step/blank = {ratio:.2f} (limit {LIMIT}); ratio cued step/blank = {cue_ratio:.2f} (limit {LIMIT})")
    ok = ratio <= LIMIT and cue_ratio <= LIMIT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
