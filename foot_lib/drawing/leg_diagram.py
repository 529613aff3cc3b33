"""A leg seen from the front and from behind, with the areas the leg routines work.

Why this drawing: the leg routines (S002.26, S002.27, S002.33) need to show *which part*
of the leg a step works and which way the strokes go. A learner recognises a leg by its
outline — hip and buttock, the taper to the knee, the kneecap, the calf's bulge, the ankle
bones, the foot — so the two views are drawn as that outline (one right leg), with the
areas as bands inside it and each view's inner and outer side written beside it, because
front and back views mirror each other. The region ids are the leg areas of
``routine_steps.csv`` (see :data:`foot_lib.routines.LEG_REGIONS`).

The API mirrors the foot chart's (``figure``, ``alt_text``, ``set_highlight``,
``set_arrows``) so the routine player can treat both the same way; highlighting only
changes the colours of existing artists, so a step change redraws quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyArrowPatch, Polygon

from ..content.legs import AREA_NAMES, no_press_areas
from ..content.routines import LEG_REGIONS

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

SKIN = "#F7F1EA"
BASE_FACE = "#ECE4DA"
BASE_EDGE = "#8A7F74"
OUTLINE = "#4D4D4D"
LIT_FACE = "#EE7733"  # Paul Tol 'bright' orange, as the foot chart's highlight; the hatch keeps it readable
LIT_HATCH = "///"
ARROW_COLOUR = "#0077BB"
TEXT = "#222222"

# Outline of one right leg, heights 0 (floor) .. 1 (hip), x across (0 = middle of the leg).
# Front view: the outer side is on the viewer's left; from behind it is on the right.
# Rows: height, x of the viewer's left edge, x of the viewer's right edge.
_FRONT_EDGE = np.array([
    (0.000, -0.080, 0.072), (0.025, -0.085, 0.078), (0.050, -0.066, 0.062), (0.075, -0.050, 0.058),
    (0.090, -0.056, 0.064), (0.105, -0.047, 0.052), (0.170, -0.048, 0.052), (0.280, -0.058, 0.066),
    (0.370, -0.068, 0.078), (0.440, -0.066, 0.072), (0.500, -0.062, 0.066), (0.545, -0.072, 0.072),
    (0.600, -0.074, 0.074), (0.700, -0.088, 0.080), (0.820, -0.104, 0.086), (0.920, -0.118, 0.090),
    (1.000, -0.122, 0.092),
])
_BACK_EDGE = np.array([
    (0.000, -0.052, 0.050), (0.030, -0.058, 0.056), (0.070, -0.052, 0.050), (0.090, -0.060, 0.058),
    (0.110, -0.048, 0.046), (0.170, -0.048, 0.050), (0.280, -0.070, 0.064), (0.360, -0.082, 0.072),
    (0.440, -0.076, 0.070), (0.510, -0.066, 0.066), (0.560, -0.070, 0.072), (0.620, -0.074, 0.076),
    (0.720, -0.082, 0.090), (0.840, -0.088, 0.110), (0.930, -0.094, 0.126), (1.000, -0.096, 0.128),
])

# Areas as height bands across the leg: (id, view, bottom, top, part) — part 'all', or
# 'inner' / 'outer' for the inner or outer 40 % of the width.
_BANDS: tuple[tuple[str, str, float, float, str], ...] = (
    ("foot-front", "front", 0.0, 0.075, "all"),
    ("shin", "front", 0.11, 0.50, "all"),
    ("knee", "front", 0.50, 0.60, "all"),
    ("thigh", "front", 0.60, 0.97, "outer60"),
    ("inner-thigh", "front", 0.60, 0.95, "inner40"),
    ("heel-back", "back", 0.0, 0.10, "all"),
    ("calf", "back", 0.12, 0.51, "all"),
    ("back-of-knee", "back", 0.51, 0.60, "all"),
    ("thigh", "back", 0.60, 0.86, "all"),
    ("buttock", "back", 0.86, 1.0, "all"),
)
_NAMES = {
    "thigh": "thigh",
    "inner-thigh": "inner thigh",
    "knee": "knee",
    "shin": "shin",
    "buttock": "buttock",
    "back-of-knee": "back of the knee",
    "calf": "calf",
    "foot-front": "foot",
    "heel-back": "heel",
}
_UP_WORDS = (
    "to knee", "to the knee", "to hip", "to groin", "upward", "upwards", "to back of knee", "to shin", "calf to",
)
_DOWN_WORDS = ("downward", "downwards", "to ankle", "to the ankle", "knee to ankle")
_PANEL_W = 0.6  # half-width of each view's data box, in leg heights (room for the area names)


def _edges(view: str) -> np.ndarray:
    return _FRONT_EDGE if view == "front" else _BACK_EDGE


def _edge_at(view: str, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    e = _edges(view)
    return np.interp(y, e[:, 0], e[:, 1]), np.interp(y, e[:, 0], e[:, 2])


def _smooth(view: str, n: int = 160) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Heights and both edges sampled finely, with the corners rounded (a moving average)."""
    y = np.linspace(0.0, 1.0, n)
    left, right = _edge_at(view, y)
    k = np.ones(5) / 5
    pad = lambda a: np.concatenate([a[:2], a, a[-2:]])  # noqa: E731
    return y, np.convolve(pad(left), k, "valid"), np.convolve(pad(right), k, "valid")


def _outline(view: str) -> np.ndarray:
    y, left, right = _smooth(view)
    # the sole: a short rounded bottom between the two edges
    return np.vstack([np.column_stack([left[::-1], y[::-1]]), np.column_stack([right, y])])


def _band(view: str, y0: float, y1: float, part: str) -> np.ndarray:
    y, left, right = _smooth(view)
    keep = (y >= y0) & (y <= y1)
    ys = np.concatenate([[y0], y[keep], [y1]])
    lo, hi = np.interp(ys, y, left), np.interp(ys, y, right)
    inner_is_right = view == "front"  # front: inner side on the viewer's right
    if part != "all":
        share = 0.4 if part == "inner40" else 0.6
        width = hi - lo
        wants_right = (part == "inner40") == inner_is_right
        if wants_right:
            lo = hi - share * width
        else:
            hi = lo + share * width
    return np.vstack([np.column_stack([lo, ys]), np.column_stack([hi[::-1], ys[::-1]])])


@dataclass
class LegChart:
    """A drawn leg with highlightable regions; see :func:`draw_leg`."""

    figure: Figure
    patches: dict[str, list[Polygon]]
    axes: dict[str, Any]
    highlight: tuple[str, ...] = ()
    arrows: list[FancyArrowPatch] = field(default_factory=list)
    title: str | None = None
    bands: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)

    @property
    def alt_text(self) -> str:
        lit = [_NAMES.get(r, r) for r in self.highlight if r in _NAMES]
        where = ", ".join(lit) if lit else "nothing"
        arrows = f"; {len(self.arrows)} arrow(s) show the stroke direction" if self.arrows else ""
        return ("Outline of a right leg seen from the front (outer side on the left) and from behind "
                f"(outer side on the right), from the foot to the hip; highlighted: {where}{arrows}.")

    def set_highlight(self, ids: Iterable[str]) -> None:
        """Light up the given leg regions (unknown ids are ignored: they belong to the foot)."""
        wanted = tuple(dict.fromkeys(i for i in ids if i in self.patches))
        for rid, patches in self.patches.items():
            lit = rid in wanted
            for p in patches:
                p.set_facecolor(LIT_FACE if lit else BASE_FACE)
                p.set_hatch(LIT_HATCH if lit else None)  # type: ignore[arg-type]  # None = no hatch; stubs say str
                p.set_edgecolor(OUTLINE if lit else BASE_EDGE)
                p.set_linewidth(1.6 if lit else 0.6)
        self.highlight = wanted

    def set_arrows(self, arrows: Sequence[dict[str, Any]]) -> None:
        """Draw stroke arrows: ``[{"region": "calf", "direction": "up"}]`` (or ``"down"``)."""
        for a in self.arrows:
            a.remove()
        self.arrows = []
        for spec in arrows:
            region = spec.get("region")
            direction = spec.get("direction", "up")
            for (rid, view), poly in self.bands.items():
                if rid != region:
                    continue
                x = float(np.mean(poly[:, 0]))
                lo, hi = float(poly[:, 1].min()) + 0.025, float(poly[:, 1].max()) - 0.025
                start, end = ((x, lo), (x, hi)) if direction == "up" else ((x, hi), (x, lo))
                arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=ARROW_COLOUR,
                                        linewidth=2.2, zorder=5)
                self.axes[view].add_patch(arrow)
                self.arrows.append(arrow)


def leg_direction(text: str) -> str | None:
    """'up', 'down' or None from a step's direction words (e.g. 'ankle to knee' → 'up')."""
    low = (text or "").lower()
    if any(w in low for w in _DOWN_WORDS):
        return "down"
    if any(w in low for w in _UP_WORDS):
        return "up"
    return None


def _details(ax: Any, view: str) -> None:
    """Kneecap, ankle bones, toes or heel, and the crease under the buttock: what makes it a leg."""
    kw: dict[str, Any] = {"fill": False, "ec": BASE_EDGE, "lw": 0.9, "zorder": 3}
    if view == "front":
        ax.add_patch(Ellipse((0.0, 0.555), 0.075, 0.06, **kw))  # kneecap
        for x in np.linspace(-0.05, 0.045, 5)[1:]:  # toes seen end-on
            ax.plot([x, x], [0.0, 0.022], color=BASE_EDGE, lw=0.8, zorder=3)
    else:
        y = np.linspace(0, 1, 30)
        ax.plot(0.0 + 0.11 * (y - 0.5), 0.86 + 0.012 * np.sin(np.pi * y), color=BASE_EDGE, lw=0.9, zorder=3)
        ax.plot([0.0, 0.0], [0.02, 0.2], color=BASE_EDGE, lw=0.8, ls=(0, (3, 2)), zorder=3)  # Achilles tendon


def _labels(ax: Any, view: str) -> None:
    """Area names beside each view, inner/outer written under it."""
    outer_side = -1 if view == "front" else 1  # the outer side: left from the front, right from behind
    for rid, v, y0, y1, part in _BANDS:
        if v != view:
            continue
        y = (y0 + y1) / 2
        side = -outer_side if part == "inner40" else outer_side
        left, right = _edge_at(view, np.array([y]))
        x = (left[0] if side < 0 else right[0]) + side * 0.02
        name = _NAMES.get(rid, rid).replace("inner ", "inner\n").replace("back of the ", "back of\n")
        ax.text(x, y, name, fontsize=7.5, linespacing=1.0, color=TEXT, ha="right" if side < 0 else "left",
                va="center", zorder=4)
    outer, inner = ("outer", "inner") if view == "front" else ("inner", "outer")
    ax.text(-0.2, -0.05, f"◀ {outer}", fontsize=7.5, color=TEXT, ha="left", va="center", style="italic")
    ax.text(0.2, -0.05, f"{inner} ▶", fontsize=7.5, color=TEXT, ha="right", va="center", style="italic")


def draw_leg(
    *, highlight: Iterable[str] = (), arrows: Sequence[dict[str, Any]] = (), figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> LegChart:
    """Draw the leg (front and back views of a right leg) and return a :class:`LegChart`."""
    fig = Figure(figsize=figsize or (4.0, 4.4))
    axes = {}
    patches: dict[str, list[Polygon]] = {r: [] for r in LEG_REGIONS}
    bands: dict[tuple[str, str], np.ndarray] = {}
    top = 0.88 if title else 0.93
    for i, view in enumerate(("front", "back")):
        ax = fig.add_axes((0.01 + 0.495 * i, 0.01, 0.485, top - 0.01))
        ax.set_xlim(-_PANEL_W / 2, _PANEL_W / 2)
        ax.set_ylim(-0.09, 1.03)
        ax.set_aspect("equal", adjustable="box", anchor="N")
        ax.axis("off")
        ax.set_title("from the front" if view == "front" else "from behind", fontsize=9)
        axes[view] = ax
        outline = _outline(view)
        ax.add_patch(Polygon(outline, closed=True, facecolor=SKIN, edgecolor="none", zorder=1))
        for rid, v, y0, y1, part in _BANDS:
            if v != view:
                continue
            poly = _band(view, y0, y1, part)
            bands[(rid, view)] = poly
            patch = Polygon(poly, closed=True, facecolor=BASE_FACE, edgecolor=BASE_EDGE, linewidth=0.6, zorder=2)
            ax.add_patch(patch)
            if rid in patches:
                patches[rid].append(patch)
        # the outline, open at the hip (the leg goes on)
        ax.plot(outline[:, 0], outline[:, 1], color=OUTLINE, lw=1.3, zorder=4, solid_joinstyle="round")
        _details(ax, view)
        _labels(ax, view)
    if title:
        fig.suptitle(title, fontsize=10)
    chart = LegChart(figure=fig, patches=patches, axes=axes, title=title, bands=bands)
    chart.set_highlight(highlight)
    chart.set_arrows(arrows)
    return chart


def no_press_chart(course: Course) -> LegChart:
    """The schematic leg with the always-apply no-press areas highlighted (hatched, not only coloured)."""
    areas = no_press_areas(course)
    words = [AREA_NAMES[a] for a in areas]
    names = " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
    return draw_leg(highlight=areas, figsize=(4.6, 4.8), title=f"Light strokes only: {names}")
