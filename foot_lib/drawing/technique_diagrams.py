"""Motion diagrams for the course's techniques: ``draw_technique`` and ``technique_gallery``.

Why schematic pictures instead of photos of hands: a learner needs to see the *pattern* of a
move (long glides, tiny overlapping bites, circles on one spot, a hook that catches and
backs off) more than a particular hand. Each technique in ``data/techniques.csv`` names its
pattern in the ``motion`` column, and this module keeps one small drawer per pattern, so a
teacher who adds a technique only writes a row: the diagram follows from the data.

Conventions:

* One colour only (Paul Tol's colour-blind-safe blue, the same as the chart arrows), on a
  neutral panel; every panel also carries text (the technique's name, the pattern and the
  pressure), so nothing depends on seeing colour.
* Line thickness grows with the technique's pressure (light → firm).
* Each figure comes with a generated text description (alt text) naming the technique, the
  articles' words for it, the pattern, the part of the hand and the pressure.
* Figures are :class:`matplotlib.figure.Figure` objects (not pyplot), so nothing opens a
  window or leaks into a notebook by itself.
"""

from __future__ import annotations

import difflib
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch
from matplotlib.transforms import Bbox, BboxTransformTo, TransformedBbox

from .chart import add_figure_line

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..data.loading import Course

# Styling choices (course team), not course facts.
COLOUR = "#0077BB"  # Paul Tol 'bright' blue: readable for the common colour-vision deficiencies
TEXT = "#222222"
PANEL = "#F3F1EE"
PANEL_EDGE = "#B8B2AA"

#: Line width for each pressure word of techniques.csv: thicker lines mean firmer work.
PRESSURE_WIDTH: dict[str, float] = {
    "light": 1.3,
    "light-to-medium": 1.8,
    "medium": 2.3,
    "medium-to-firm": 2.8,
    "firm": 3.3,
}

Drawer = Callable[[Any, float], None]  # (an Axes or a _Panel, line width)


@dataclass(frozen=True)
class Motion:
    """One movement pattern: how to draw it and how to say it in words."""

    drawer: Drawer
    description: str


# --------------------------------------------------------------------------- drawing helpers
class _Panel:
    """A stand-in for an Axes with limits 0..1 and equal aspect, drawing straight on a figure.

    Why: the drawers only add lines, patches and text, and a gallery spent more time building
    25 Axes (ticks, spines, clip paths it never showed) than drawing the panels. Lines go in
    ``figure.lines`` (see :func:`foot_lib.drawing.chart.add_figure_line`).
    """

    def __init__(self, figure: Figure, bounds: tuple[float, float, float, float]) -> None:
        fig_w, fig_h = figure.get_size_inches()
        x, y, w, h = bounds
        side = min(w * fig_w, h * fig_h)  # the unit square, centred, as set_aspect("equal") does
        sw, sh = side / fig_w, side / fig_h
        box = Bbox.from_bounds(x + (w - sw) / 2, y + (h - sh) / 2, sw, sh)
        self.figure = figure
        self.transData = BboxTransformTo(TransformedBbox(box, figure.transFigure))

    def add_patch(self, patch: Any) -> Any:
        patch.set_transform(self.transData)
        self.figure.add_artist(patch)
        return patch

    def plot(self, x: Any, y: Any, **kwargs: Any) -> list[Line2D]:
        return [add_figure_line(self.figure, Line2D(x, y, transform=self.transData, **kwargs))]

    def text(self, x: float, y: float, s: str, **kwargs: Any) -> Any:
        return self.figure.text(x, y, s, transform=self.transData, **kwargs)

    def set_xlim(self, *args: Any) -> None:  # fixed at 0..1
        pass

    set_ylim = set_aspect = set_xlim

    def set_axis_off(self) -> None:
        pass


def _arrow(ax: Axes, points: Sequence[tuple[float, float]], lw: float, *, both: bool = False,
           head: float = 11.0) -> None:
    """A polyline ending in an arrowhead (two heads with ``both``)."""
    pts = np.asarray(points, float)
    ax.plot(pts[:, 0], pts[:, 1], color=COLOUR, lw=lw, solid_capstyle="round", zorder=3)
    ax.add_patch(FancyArrowPatch(tuple(pts[-2]), tuple(pts[-1]), arrowstyle="-|>", mutation_scale=head,
                                 color=COLOUR, lw=lw, shrinkA=0, shrinkB=0, zorder=3))
    if both:
        ax.add_patch(FancyArrowPatch(tuple(pts[1]), tuple(pts[0]), arrowstyle="-|>", mutation_scale=head,
                                     color=COLOUR, lw=lw, shrinkA=0, shrinkB=0, zorder=3))


def _arc_points(cx: float, cy: float, r: float, start_deg: float, end_deg: float, n: int = 40,
                ry: float | None = None) -> list[tuple[float, float]]:
    t = np.radians(np.linspace(start_deg, end_deg, n))
    ry = r if ry is None else ry
    return [(cx + r * math.cos(a), cy + ry * math.sin(a)) for a in t]


def _label(ax: Axes, x: float, y: float, text: str, *, size: float = 7.0, ha: str = "center") -> None:
    ax.text(x, y, text, fontsize=size, color=TEXT, ha=ha, va="center", style="italic", zorder=4)


# --------------------------------------------------------------------------- one drawer per motion
def _glide(ax: Axes, lw: float) -> None:
    for y in (0.36, 0.5, 0.64):
        _arrow(ax, [(0.12, y), (0.88, y)], lw)
    _label(ax, 0.5, 0.24, "long strokes, hands stay on")


def _knead(ax: Axes, lw: float) -> None:
    for i, x in enumerate(np.linspace(0.2, 0.8, 4)):
        start, end = (100, 260) if i % 2 == 0 else (-80, 80)
        ax.plot(*zip(*_arc_points(x, 0.5, 0.09, start, end, ry=0.13), strict=True), color=COLOUR, lw=lw,
                solid_capstyle="round", zorder=3)
    _arrow(ax, [(0.15, 0.3), (0.85, 0.3)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.2, "lift, squeeze, roll")


def _spiral(ax: Axes, cx: float, cy: float, lw: float, turns: float = 2.0, r: float = 0.08) -> None:
    t = np.linspace(0, 2 * math.pi * turns, 80)
    rr = r * (0.2 + 0.8 * t / t[-1])
    _arrow(ax, list(zip(cx + rr * np.cos(t), cy + rr * np.sin(t), strict=True)), lw, head=8)


def _circle(ax: Axes, lw: float) -> None:
    for x in (0.22, 0.5, 0.78):
        _spiral(ax, x, 0.52, lw)
    _label(ax, 0.5, 0.27, "small circles, skin moves with the hand")


def _zigzag(ax: Axes, lw: float) -> None:
    xs = np.linspace(0.1, 0.86, 11)
    ys = [0.6 if i % 2 else 0.4 for i in range(len(xs))]
    _arrow(ax, list(zip(xs, ys, strict=True)), lw)
    _label(ax, 0.5, 0.25, "side to side while travelling")


def _tap(ax: Axes, lw: float) -> None:
    for x in np.linspace(0.16, 0.72, 5):
        for y in (0.42, 0.62):
            ax.add_patch(Circle((x, y), 0.018, color=COLOUR, zorder=3))
            ax.plot([x, x], [y + 0.04, y + 0.1], color=COLOUR, lw=max(1.0, lw * 0.6), zorder=3)
    _arrow(ax, [(0.14, 0.28), (0.88, 0.28)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.18, "quick light taps, moving on")


def _shake(ax: Axes, lw: float) -> None:
    y = np.linspace(0.3, 0.7, 90)
    x = 0.5 + 0.035 * np.sin(y * 2 * math.pi * 14)
    ax.plot(x, y, color=COLOUR, lw=lw, zorder=3)
    _arrow(ax, [(0.22, 0.5), (0.36, 0.5)], lw, both=True, head=8)
    _arrow(ax, [(0.64, 0.5), (0.78, 0.5)], lw, both=True, head=8)
    _label(ax, 0.5, 0.2, "fine, fast trembling")


def _walk(ax: Axes, lw: float) -> None:
    for x in np.linspace(0.14, 0.74, 7):
        ax.plot(*zip(*_arc_points(x, 0.5, 0.07, 0, 180, ry=0.1), strict=True), color=COLOUR, lw=lw,
                solid_capstyle="round", zorder=3)
    _arrow(ax, [(0.12, 0.36), (0.86, 0.36)], max(1.0, lw * 0.6), head=9)
    _label(ax, 0.5, 0.25, "small overlapping bites")


def _press(ax: Axes, lw: float) -> None:
    for r in (0.05, 0.1, 0.15):
        ax.add_patch(Circle((0.5, 0.45), r, fill=False, ec=COLOUR, lw=max(1.0, lw * 0.7), zorder=3))
    ax.add_patch(Circle((0.5, 0.45), 0.02, color=COLOUR, zorder=3))
    _arrow(ax, [(0.5, 0.84), (0.5, 0.63)], lw)
    _label(ax, 0.78, 0.72, "press, hold,\nrelease")


def _hook(ax: Axes, lw: float) -> None:
    ax.add_patch(Circle((0.45, 0.38), 0.02, color=COLOUR, zorder=3))
    pts = [(0.45, 0.8), (0.45, 0.45), *_arc_points(0.53, 0.45, 0.08, 180, 360, 20)[1:], (0.61, 0.6)]
    _arrow(ax, pts, lw)
    _label(ax, 0.25, 0.64, "press in")
    _label(ax, 0.8, 0.6, "back up")


def _squeeze(ax: Axes, lw: float) -> None:
    ax.add_patch(Ellipse((0.5, 0.5), 0.26, 0.34, fill=False, ec=COLOUR, lw=max(1.0, lw * 0.6), ls="--",
                         zorder=3))
    _arrow(ax, [(0.12, 0.5), (0.33, 0.5)], lw)
    _arrow(ax, [(0.88, 0.5), (0.67, 0.5)], lw)
    _label(ax, 0.5, 0.24, "press from both sides")


def _pinch(ax: Axes, lw: float) -> None:
    for x in (0.3, 0.7):
        _arrow(ax, [(x - 0.17, 0.5), (x - 0.03, 0.5)], lw, head=9)
        _arrow(ax, [(x + 0.17, 0.5), (x + 0.03, 0.5)], lw, head=9)
        _arrow(ax, [(x, 0.55), (x, 0.7)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.3, "pick up a little skin, let go")


def _stretch(ax: Axes, lw: float) -> None:
    ax.plot([0.3, 0.7], [0.5, 0.5], color=COLOUR, lw=max(1.0, lw * 0.6), ls="--", zorder=3)
    _arrow(ax, [(0.4, 0.5), (0.1, 0.5)], lw)
    _arrow(ax, [(0.6, 0.5), (0.9, 0.5)], lw)
    _label(ax, 0.5, 0.32, "hands draw apart")


def _pull(ax: Axes, lw: float) -> None:
    ax.add_patch(FancyBboxPatch((0.22, 0.42), 0.22, 0.16, boxstyle="round,pad=0.0,rounding_size=0.07",
                                fill=False, ec=COLOUR, lw=max(1.0, lw * 0.6), zorder=3))
    _arrow(ax, [(0.46, 0.5), (0.84, 0.5)], lw)
    _arrow(ax, _arc_points(0.4, 0.5, 0.035, 60, 300, 30, ry=0.15), max(1.0, lw * 0.6), head=7)
    _label(ax, 0.6, 0.3, "draw out, small twist")


def _rotate(ax: Axes, lw: float) -> None:
    ax.add_patch(Circle((0.5, 0.5), 0.022, color=COLOUR, zorder=3))
    _arrow(ax, _arc_points(0.5, 0.5, 0.2, 110, 410), lw)
    _arrow(ax, _arc_points(0.5, 0.5, 0.1, 300, 30), max(1.0, lw * 0.6), head=7)
    _label(ax, 0.5, 0.2, "wide circles, both ways")


def _bend(ax: Axes, lw: float) -> None:
    ax.add_patch(Circle((0.3, 0.5), 0.022, color=COLOUR, zorder=3))
    ax.plot([0.12, 0.3], [0.5, 0.5], color=COLOUR, lw=lw, zorder=3)
    _arrow(ax, _arc_points(0.3, 0.5, 0.3, 40, -40), lw, both=True)
    _label(ax, 0.66, 0.76, "up", ha="left")
    _label(ax, 0.66, 0.24, "down", ha="left")


def _swing(ax: Axes, lw: float) -> None:
    ax.add_patch(Circle((0.5, 0.85), 0.02, color=COLOUR, zorder=3))
    ax.plot([0.5, 0.5], [0.85, 0.42], color=COLOUR, lw=max(1.0, lw * 0.6), ls="--", zorder=3)
    _arrow(ax, _arc_points(0.5, 0.85, 0.5, 235, 305), lw, both=True)
    _label(ax, 0.5, 0.22, "rock to and fro")


def _roll(ax: Axes, lw: float) -> None:
    ax.plot([0.1, 0.9], [0.36, 0.36], color=TEXT, lw=1.0, zorder=2)
    ax.add_patch(Circle((0.5, 0.46), 0.1, fill=False, ec=COLOUR, lw=lw, zorder=3))
    _arrow(ax, [(0.25, 0.7), (0.75, 0.7)], lw, both=True)
    _label(ax, 0.5, 0.22, "sole rolls over a tool")


def _exercise(ax: Axes, lw: float) -> None:
    ax.plot([0.1, 0.9], [0.32, 0.32], color=TEXT, lw=1.0, zorder=2)
    ax.plot(*zip(*_arc_points(0.5, 0.32, 0.32, 180, 0, ry=0.2), strict=True), color=COLOUR, lw=lw, zorder=3)
    _arrow(ax, [(0.5, 0.56), (0.5, 0.8)], lw)
    _label(ax, 0.5, 0.2, "the foot's own muscles work")


# --------------------------------------------------------------------------- one picture per technique
# Several techniques share a movement pattern (thumb and finger walking both "walk"; friction and
# rotation on a point both "circle"; three kinds of "press"; four "exercise"s). What tells them
# apart — the part of the hand, a travelling or a fixed circle, the exercise itself — is drawn by
# these variants, chosen by technique id; a technique without one gets its motion's picture.
def _thumb(ax: Axes, x: float, y: float, angle: float = -30.0, size: float = 1.0) -> None:
    """A thumb seen from the side, pad down: a broad rounded digit with its nail, tip at (x, y)."""
    t = math.radians(angle)
    d = np.array([math.sin(t), -math.cos(t)])  # from the base towards the tip
    n = np.array([d[1], -d[0]])  # across the thumb
    length, width = 0.17 * size, 0.095 * size
    tip = np.array([x, y])
    centre = tip - d * width / 2
    a = np.linspace(-math.pi / 2, math.pi / 2, 24)
    cap = [centre + d * (width / 2) * math.cos(k) + n * (width / 2) * math.sin(k) for k in a]
    base = tip - d * length
    outline = [base - n * width * 0.55, *cap, base + n * width * 0.55]
    ax.add_patch(_poly(outline, fc="#FFFFFF", ec=TEXT, lw=1.0))
    # the nail on the back of the thumb, near the tip
    nail = [centre + n * width * 0.3 + d * width * 0.1, centre + n * width * 0.3 - d * width * 0.75,
            centre + n * width * 0.12 - d * width * 0.75, centre + n * width * 0.12 + d * width * 0.1]
    ax.add_patch(_poly(nail, fc="#E8E2DA", ec=TEXT, lw=0.8, zorder=3.6))


def _poly(points: Any, **kw: Any) -> Any:
    from matplotlib.patches import Polygon

    kw.setdefault("zorder", 3.5)
    return Polygon(np.asarray(points, float), closed=True, **kw)


def _finger_pads(ax: Axes, x: float, y: float) -> None:
    for dx in (-0.035, 0.035):
        ax.add_patch(FancyBboxPatch((x + dx - 0.028, y), 0.056, 0.2, boxstyle="round,pad=0,rounding_size=0.028",
                                    fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3.5))


def _fist(ax: Axes, x: float, y: float) -> None:
    """A loose fist from the front: four knuckles at the bottom, centred on x, bottom at y."""
    ax.add_patch(FancyBboxPatch((x - 0.13, y + 0.03), 0.26, 0.16, boxstyle="round,pad=0,rounding_size=0.05",
                                fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3.4))
    for k in range(4):
        ax.add_patch(Circle((x - 0.097 + k * 0.065, y + 0.04), 0.032, fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3.5))


def _sole_line(ax: Axes, y: float = 0.3, x0: float = 0.1, x1: float = 0.9) -> None:
    ax.plot([x0, x1], [y, y], color=PANEL_EDGE, lw=3.0, solid_capstyle="round", zorder=2)


def _v_thumb_walking(ax: Axes, lw: float) -> None:
    _sole_line(ax, 0.42)
    for x in np.linspace(0.16, 0.62, 5):
        ax.plot(*zip(*_arc_points(x, 0.42, 0.055, 0, 180, ry=0.08), strict=True), color=COLOUR, lw=lw,
                solid_capstyle="round", zorder=3)
    _thumb(ax, 0.73, 0.45, angle=-35)
    _arrow(ax, [(0.16, 0.3), (0.8, 0.3)], max(1.0, lw * 0.6), head=9)
    _label(ax, 0.5, 0.2, "one thumb tip bends and inches on")


def _v_finger_walking(ax: Axes, lw: float) -> None:
    for y in (0.6, 0.42):
        for x in np.linspace(0.14, 0.6, 8):
            ax.plot(*zip(*_arc_points(x, y, 0.03, 0, 180, ry=0.045), strict=True), color=COLOUR, lw=lw * 0.8,
                    solid_capstyle="round", zorder=3)
    _finger_pads(ax, 0.78, 0.42)
    _arrow(ax, [(0.14, 0.3), (0.7, 0.3)], max(1.0, lw * 0.6), head=9)
    _label(ax, 0.5, 0.2, "two fingertips, smaller bites")


def _v_friction(ax: Axes, lw: float) -> None:
    for x in (0.2, 0.42):
        _spiral(ax, x, 0.6, lw, turns=1.6, r=0.07)
    _arrow(ax, [(0.62, 0.6), (0.86, 0.6)], lw, both=True, head=8)
    _arrow(ax, [(0.62, 0.47), (0.86, 0.47)], lw, both=True, head=8)
    _arrow(ax, [(0.14, 0.36), (0.86, 0.36)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.23, "circles or short rubs, moving on")


def _v_rotation(ax: Axes, lw: float) -> None:
    ax.add_patch(Circle((0.4, 0.42), 0.03, color=COLOUR, zorder=3))
    _arrow(ax, _arc_points(0.4, 0.42, 0.12, 100, 420), lw)
    _thumb(ax, 0.4, 0.47, angle=-20, size=1.1)
    _label(ax, 0.72, 0.38, "stays on\none spot", ha="center")
    _label(ax, 0.5, 0.2, "thumb sinks in and turns")


def _v_point_pressure(ax: Axes, lw: float) -> None:
    for r in (0.05, 0.09):
        ax.add_patch(Circle((0.45, 0.36), r, fill=False, ec=COLOUR, lw=max(1.0, lw * 0.7), zorder=3))
    ax.add_patch(Circle((0.45, 0.36), 0.02, color=COLOUR, zorder=3))
    _thumb(ax, 0.45, 0.43, angle=0, size=1.05)
    _arrow(ax, [(0.62, 0.78), (0.62, 0.5)], lw)
    _label(ax, 0.8, 0.66, "press,\nhold,\nrelease")
    _label(ax, 0.5, 0.18, "one small spot, thumb pad")


def _v_knuckle_pressure(ax: Axes, lw: float) -> None:
    _sole_line(ax, 0.38)
    for k in range(4):
        ax.add_patch(Circle((0.353 + k * 0.065, 0.38), 0.018, color=COLOUR, zorder=3))
    _fist(ax, 0.45, 0.4)
    _arrow(ax, [(0.45, 0.85), (0.45, 0.66)], lw)
    _arrow(ax, [(0.18, 0.3), (0.82, 0.3)], max(1.0, lw * 0.6), both=True, head=8)
    _label(ax, 0.5, 0.2, "four knuckles press or roll")


def _v_elbow_pressure(ax: Axes, lw: float) -> None:
    _sole_line(ax, 0.34)
    ax.add_patch(Ellipse((0.45, 0.34), 0.22, 0.07, color=COLOUR, alpha=0.35, zorder=3))
    # forearm and upper arm meeting at the elbow's point
    ax.add_patch(_poly([(0.40, 0.37), (0.50, 0.37), (0.82, 0.62), (0.76, 0.70)], fc="#FFFFFF", ec=TEXT, lw=1.0))
    ax.add_patch(_poly([(0.40, 0.37), (0.50, 0.37), (0.30, 0.80), (0.20, 0.76)], fc="#FFFFFF", ec=TEXT, lw=1.0))
    _arrow(ax, [(0.64, 0.85), (0.56, 0.62)], lw)
    _label(ax, 0.8, 0.8, "other palm\nadds weight")
    _label(ax, 0.5, 0.2, "broad, slow, body weight")


def _mini_foot(ax: Axes, x: float, y: float, part: str) -> None:
    """A small footprint (sole seen from below, toes up) with ``part`` (toes/heel/inner/outer) inked."""
    ax.add_patch(Ellipse((x, y), 0.07, 0.16, fc="#FFFFFF", ec=TEXT, lw=0.9, zorder=3))
    for k, dx in enumerate((-0.022, -0.005, 0.01, 0.024)):
        ax.add_patch(Circle((x + dx, y + 0.1 - 0.006 * k), 0.011 - 0.001 * k, fc="#FFFFFF", ec=TEXT, lw=0.7, zorder=3))
    spot = {"toes": (x, y + 0.05, 0.06, 0.05), "heel": (x, y - 0.05, 0.06, 0.05),
            "inner": (x - 0.02, y, 0.025, 0.14), "outer": (x + 0.02, y, 0.025, 0.14)}[part]
    ax.add_patch(Ellipse(spot[:2], spot[2], spot[3], color=COLOUR, zorder=3.2))


def _v_foot_gymnastics(ax: Axes, lw: float) -> None:
    for k, (part, word) in enumerate((("toes", "toes"), ("heel", "heels"), ("inner", "inner"), ("outer", "outer"))):
        x = 0.17 + k * 0.22
        _mini_foot(ax, x, 0.56, part)
        _label(ax, x, 0.4, word, size=6.5)
    _arrow(ax, [(0.12, 0.3), (0.88, 0.3)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.2, "walk on each part, grab with toes")


def _v_resisted_toes(ax: Axes, lw: float) -> None:
    ax.plot([0.1, 0.9], [0.36, 0.36], color=TEXT, lw=1.0, zorder=2)
    ax.add_patch(FancyBboxPatch((0.14, 0.36), 0.16, 0.12, boxstyle="round,pad=0,rounding_size=0.05",
                                fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3))
    _label(ax, 0.22, 0.28, "stays down", size=6.5)
    for k in range(4):
        x = 0.42 + k * 0.12
        ax.add_patch(FancyBboxPatch((x - 0.04, 0.46), 0.08, 0.1, boxstyle="round,pad=0,rounding_size=0.035",
                                    fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3))
        _arrow(ax, [(x, 0.58), (x, 0.72)], lw, head=7)
    ax.plot([0.36, 0.86], [0.8, 0.8], color=TEXT, lw=2.0, zorder=3)
    _label(ax, 0.61, 0.85, "palm resists", size=6.5)
    _label(ax, 0.5, 0.2, "big toe down, the others lift")


def _side_foot(ax: Axes, arch: float) -> None:
    """A foot from the inner side (heel left, toes right) standing on the floor line y = 0.3,
    its arch ``arch`` above the floor."""
    top = [(0.86, 0.3), (0.87, 0.325), (0.8, 0.345), (0.66, 0.37), (0.5, 0.43), (0.4, 0.5), (0.36, 0.62),
           (0.24, 0.62), (0.22, 0.46), (0.15, 0.37), (0.14, 0.32), (0.17, 0.3)]
    xs = np.linspace(0.2, 0.66, 24)
    sole = np.column_stack([xs, 0.3 + arch * np.sin(np.pi * (xs - 0.2) / 0.46) ** 2])
    ax.add_patch(_poly(np.vstack([sole, top]), fc="#FFFFFF", ec=TEXT, lw=1.0, zorder=3))


def _v_short_foot(ax: Axes, lw: float) -> None:
    ax.plot([0.08, 0.92], [0.3, 0.3], color=TEXT, lw=1.0, zorder=2)
    _side_foot(ax, 0.07)
    _arrow(ax, [(0.43, 0.31), (0.43, 0.42)], lw, head=8)
    _arrow(ax, [(0.7, 0.24), (0.45, 0.24)], max(1.0, lw * 0.7), head=8)
    _label(ax, 0.5, 0.16, "ball draws to heel, arch rises")
    _label(ax, 0.8, 0.5, "toes\nstay flat", size=6.5)


def _v_barefoot(ax: Axes, lw: float) -> None:
    x = np.linspace(0.08, 0.92, 80)
    ax.plot(x, 0.3 + 0.02 * np.sin(x * 30) + 0.015 * np.sin(x * 11), color=TEXT, lw=1.0, zorder=2)
    for k, px in enumerate((0.2, 0.4, 0.6, 0.8)):
        py = 0.5 if k % 2 else 0.58
        ax.add_patch(Ellipse((px, py), 0.06, 0.13, fc=COLOUR, ec=COLOUR, lw=1.0, zorder=3))
        sign = 1 if k % 2 else -1
        for j, dx in enumerate((-0.022, -0.007, 0.007, 0.02, 0.031)):
            ax.add_patch(Circle((px + sign * dx, py + 0.085 - 0.006 * j), 0.01 - 0.001 * j, color=COLOUR,
                                zorder=3))
    _arrow(ax, [(0.14, 0.38), (0.86, 0.38)], max(1.0, lw * 0.6), head=8)
    _label(ax, 0.5, 0.2, "barefoot on safe, varied ground")


_VARIANTS: dict[str, Drawer] = {
    "thumb-walking": _v_thumb_walking,
    "finger-walking": _v_finger_walking,
    "friction": _v_friction,
    "rotation-on-a-point": _v_rotation,
    "point-pressure": _v_point_pressure,
    "knuckle-pressure": _v_knuckle_pressure,
    "elbow-pressure": _v_elbow_pressure,
    "foot-gymnastics": _v_foot_gymnastics,
    "resisted-toe-exercises": _v_resisted_toes,
    "short-foot-exercise": _v_short_foot,
    "barefoot-walking": _v_barefoot,
}


#: Every value allowed in the ``motion`` column, with its drawer and words for the alt text.
MOTIONS: dict[str, Motion] = {
    "glide": Motion(_glide, "long parallel arrows: the hands glide the length of the area without lifting"),
    "knead": Motion(_knead, "alternating C-shapes: soft tissue is lifted, squeezed and rolled"),
    "circle": Motion(_circle, "small spirals: tight circles that move the skin over one spot"),
    "zigzag": Motion(_zigzag, "a zigzag line with an arrow: short side-to-side rubbing while travelling"),
    "tap": Motion(_tap, "dots with short strokes: quick light taps that move along"),
    "shake": Motion(_shake, "a fine wavy line with side-to-side arrows: fast trembling or shaking"),
    "walk": Motion(_walk, "a row of small overlapping bites with an arrow showing the direction of travel"),
    "press": Motion(_press, "target rings with an arrow into the centre: press one spot, hold, release"),
    "hook": Motion(_hook, "a hook-shaped arrow: press into a spot, then draw back to catch deeper"),
    "squeeze": Motion(_squeeze, "two arrows pointing inwards from both sides of the foot"),
    "pinch": Motion(_pinch, "pairs of small converging arrows: skin picked up between thumb and finger"),
    "stretch": Motion(_stretch, "two opposing arrows: the hands draw apart along the foot"),
    "pull": Motion(_pull, "an arrow drawing a toe outwards with a small twisting arc"),
    "rotate": Motion(_rotate, "a circular arrow around a point, plus a smaller one the other way"),
    "bend": Motion(_bend, "a curved double arrow about a hinge: bending up and down"),
    "swing": Motion(_swing, "a pendulum arc with arrows at both ends: rocking to and fro"),
    "roll": Motion(_roll, "a roller under a line with a double arrow: the sole rolls back and forth"),
    "exercise": Motion(_exercise, "an arch rising above the floor line: the person's own muscles do the work"),
}


# --------------------------------------------------------------------------- data access
def technique_ids(course: Course) -> list[str]:
    """Every technique id, in the order of ``techniques.csv``."""
    return [str(x) for x in course["techniques"]["id"].tolist()]


def _row(course: Course, technique_id: str) -> dict[str, Any]:
    frame = course["techniques"]
    hits = frame[frame["id"] == technique_id]
    if hits.empty:
        valid = technique_ids(course)
        hint = difflib.get_close_matches(str(technique_id), valid, n=1)
        more = f" Did you mean {hint[0]!r}?" if hint else ""
        raise KeyError(f"No technique called {technique_id!r}.{more} Valid technique ids: {', '.join(valid)}")
    return hits.iloc[0].to_dict()


def _aliases(row: dict[str, Any]) -> tuple[str, ...]:
    value = row.get("aliases")
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(str(a) for a in value)


def _motion(row: dict[str, Any]) -> Motion:
    motion = str(row["motion"])
    if motion not in MOTIONS:  # the schema's enum normally stops this at load time
        raise ValueError(f"technique {row['id']!r} has motion {motion!r}, which has no diagram; "
                         f"known motions: {', '.join(MOTIONS)}")
    return MOTIONS[motion]


def describe_technique(course: Course, technique_id: str) -> str:
    """The alt text of a technique's diagram: name, other names, pattern, hand and pressure."""
    row = _row(course, technique_id)
    aliases = _aliases(row)
    called = (f"the articles also call it: {', '.join(aliases)}" if aliases
              else "the articles have no other name for it")
    return (f"Motion diagram of {row['name']} ({row['family']} technique; {called}). "
            f"Pattern '{row['motion']}': {_motion(row).description}. "
            f"Done with {row['hand_part']}; pressure {row['pressure']} (thicker lines mean firmer pressure).")


# --------------------------------------------------------------------------- public drawing API
def _draw_panel(ax: Axes | _Panel, row: dict[str, Any], *, title_size: float = 10.0) -> None:
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_patch(FancyBboxPatch((0.03, 0.1), 0.94, 0.78, boxstyle="round,pad=0.0,rounding_size=0.05",
                                fc=PANEL, ec=PANEL_EDGE, lw=0.8, zorder=1))
    lw = PRESSURE_WIDTH.get(str(row["pressure"]), 2.0)
    drawer = _VARIANTS.get(str(row["id"]), _motion(row).drawer)
    drawer(ax, lw)
    ax.text(0.5, 0.95, str(row["name"]), fontsize=title_size, weight="bold", color=TEXT, ha="center",
            va="center", zorder=4, wrap=True)
    ax.text(0.5, 0.04, f"{row['motion']} · {row['pressure']}", fontsize=title_size * 0.75, color=TEXT,
            ha="center", va="center", zorder=4)


def draw_technique(course: Course, technique_id: str, *, ax: Axes | None = None) -> tuple[Figure, str]:
    """Draw the motion diagram of one technique; return ``(figure, alt_text)``.

    ``ax``: an existing Axes to draw into (its figure is returned); by default a new small
    :class:`~matplotlib.figure.Figure`. An unknown id raises ``KeyError`` listing every
    valid id, so a typo is fixed in one go.
    """
    row = _row(course, technique_id)
    if ax is None:
        fig = Figure(figsize=(3.0, 3.0), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    else:
        parent = ax.figure
        fig = parent if isinstance(parent, Figure) else parent.figure  # a SubFigure's root figure
    _draw_panel(ax, row)
    return fig, describe_technique(course, technique_id)


def technique_gallery(course: Course, ids: Iterable[str] | None = None, *,
                      ncols: int = 5) -> tuple[Figure, str]:
    """Small multiples: one motion diagram per technique (all of them by default).

    Returns ``(figure, alt_text)``; the alt text lists every technique with its pattern and
    the articles' names for it, in the order drawn (left to right, top to bottom).
    """
    ids = technique_ids(course) if ids is None else list(dict.fromkeys(ids))
    if not ids:
        raise ValueError("technique_gallery needs at least one technique id")
    rows = [_row(course, t) for t in ids]
    ncols = max(1, min(int(ncols), len(rows)))
    nrows = math.ceil(len(rows) / ncols)
    fig = Figure(figsize=(2.1 * ncols, 2.15 * nrows), dpi=100)
    FigureCanvasAgg(fig)
    w, h = 1.0 / ncols, 1.0 / nrows
    items = []
    for k, row in enumerate(rows):
        r, c = divmod(k, ncols)
        _draw_panel(_Panel(fig, (c * w + 0.005, 1 - (r + 1) * h + 0.005, w - 0.01, h - 0.01)), row,
                    title_size=8.5)
        aliases = _aliases(row)
        items.append(f"{row['name']} — {row['motion']}" + (f" (also: {', '.join(aliases)})" if aliases else ""))
    alt = (f"Motion diagrams of {len(rows)} techniques, {ncols} per row, one colour with text labels; "
           "thicker lines mean firmer pressure. " + "; ".join(items) + ".")
    return fig, alt


def techniques_frame(course: Course, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The techniques as a readable table (aliases and sources joined into text)."""
    frame = course["techniques"]
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        for t in wanted:
            _row(course, t)  # clear KeyError for a typo
        frame = frame.set_index("id").loc[wanted].reset_index()
    out = pd.DataFrame({
        "technique": frame["name"],
        "family": frame["family"],
        "motion": frame["motion"],
        "also called": [", ".join(a) if isinstance(a, tuple) else "" for a in frame["aliases"]],
        "hand part": frame["hand_part"],
        "pressure": frame["pressure"],
        "how to": frame["how_to"],
        "source": ["; ".join(s) for s in frame["source"]],
    })
    return out.reset_index(drop=True)


def technique_text(course: Course, technique_id: str) -> str:
    """A technique as one markdown paragraph: name, other names, hand, pressure, how-to, sources."""
    row = _row(course, technique_id)
    aliases = _aliases(row)
    called = f" — also called *{'*, *'.join(aliases)}*" if aliases else ""
    return (f"**{row['name']}**{called}. Hand: {row['hand_part']}. Pressure: {row['pressure']}. "
            f"How: {row['how_to']} (Sources: {', '.join(row['source'])}.)")


def routine_area_chart(course: Course, routine_id: str, *, view: str | None = None, foot: str = "left",
                       figsize: tuple[float, float] = (3.8, 5.6)) -> Any:
    """One foot with every area a routine works highlighted and its stroke paths as arrows.

    Why: a lesson on a therapeutic routine needs one picture of *where* the whole routine
    works, next to the step table and the player. Regions and reflex zones of all steps are
    highlighted, and each distinct stroke path gets one arrow labelled with the steps that
    use it. ``view=None`` picks the view that shows the most of them (the sole or the top
    first); when some areas lie only in another view (the spine line's inner side), that view
    is drawn below as a second, smaller picture, so nothing the routine works is hidden.
    Returns the :class:`~foot_lib.drawing.chart.Chart` of the main view (``.figure``, ``.alt_text``).
    """
    from ..content.routines import load_routine
    from ..geometry.foot_shape import SIDE_VIEWS
    from ..geometry.identify import views_showing
    from .chart import draw_chart

    routine = load_routine(course, routine_id)
    areas = list(dict.fromkeys(a for step in routine.steps for a in step.areas))
    zone_ids = {z for step in routine.steps for z in step.zones}
    if view is None:
        views = sorted(views_showing(course, areas) or [("plantar", ())], key=lambda v: v[0] in SIDE_VIEWS)
    else:
        views = [(view, tuple(areas))]
    main, shown = views[0]
    paths: dict[tuple[tuple[float, float], ...], list[int]] = {}
    for step in routine.steps:
        if step.path and not step.on_leg:
            paths.setdefault(step.path, []).append(step.number)
    arrows = [
        {"foot": foot, "path": list(path), "label": ("step " if len(nums) == 1 else "steps ")
         + ", ".join(map(str, nums))}
        for path, nums in paths.items()
    ] if main == "plantar" else []

    def one(v: str, ids: Sequence[str], size: tuple[float, float], **kw: Any) -> Any:
        zones = [i for i in ids if i in zone_ids]
        return draw_chart(course, feet=[foot], view=v, regions_only=not zones, zones=zones or None, labels=False,
                          highlight=ids, legend=False, figsize=size, title=False, dim=not zones, **kw)

    # The chart is drawn untitled, then the figure grows by a band on top (the drawing area keeps its
    # physical size, so the foot is not distorted) for a wrapped title that fits long names.
    chart = one(main, shown if view is None else areas, figsize, arrows=arrows)
    chart.title = f"{routine.title}: areas worked ({foot} foot)"
    fig = chart.figure
    width, height = fig.get_size_inches()
    band = 0.5
    below = 0.0
    if len(views) > 1:
        other, ids = views[1]
        below = 0.42 * width if other in SIDE_VIEWS else 0.8 * width
    total = height + band + below
    x0, y0, w, h = chart.get_position()
    fig.set_size_inches(width, total)
    chart.set_position((x0, (below + y0 * height) / total, w, h * height / total))
    fig.text(0.5, 1 - 0.06 / total, textwrap.fill(chart.title, width=44), fontsize=9, weight="bold",
             color=TEXT, ha="center", va="top")
    if below:
        from .artists import ChartPicture

        second = one(other, ids, (width, below))
        fig.add_artist(ChartPicture(second, (0.0, 0.0, 1.0, below / total)))
        words = {"plantar": "the sole", "dorsal": "the top", "medial": "the inner side", "lateral": "the outer side"}
        fig.text(0.5, below / total, f"also worked: seen from {words[other]}", fontsize=8, style="italic",
                 color=TEXT, ha="center", va="top")
        chart.refresh()
        chart.second_view = second  # its alt text describes the lower picture
    return chart


__all__ = [
    "MOTIONS",
    "PRESSURE_WIDTH",
    "Motion",
    "describe_technique",
    "draw_technique",
    "routine_area_chart",
    "technique_gallery",
    "technique_ids",
    "technique_text",
    "techniques_frame",
]
