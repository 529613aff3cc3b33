"""A simple schematic leg (front and back views) for the leg routines.

Why schematic: the leg routines (S002.26, S002.27, S002.33) only need to show *which part*
of the leg a step works and which way the strokes go; anatomy detail would distract. The
two views sit side by side so the back of the knee and the calf (back) and the shin and
the front of the thigh (front) are all visible at once. The region ids are the leg areas
of ``routine_steps.csv`` (see :data:`foot_lib.content.routines.LEG_REGIONS`).

The API mirrors the foot chart's (``figure``, ``alt_text``, ``set_highlight``,
``set_arrows``) so the routine player can treat both the same way; highlighting only
changes the colours of existing artists, so a step change redraws quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Polygon

from ..content.legs import AREA_NAMES, no_press_areas
from ..content.routines import LEG_REGIONS

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

BASE_FACE = "#eeeeee"
BASE_EDGE = "#555555"
LIT_FACE = "#f4a261"  # warm orange; the hatch below keeps it readable without colour
LIT_HATCH = "///"
ARROW_COLOUR = "#1d3557"

# Polygons in a 0-1 (x) by 0-1 (y, 0 = floor) box for one leg; front view on the left
# panel, back view on the right. (id, view, outline)
_SHAPES: tuple[tuple[str, str, tuple[tuple[float, float], ...]], ...] = (
    ("thigh", "front", ((0.30, 0.62), (0.70, 0.62), (0.74, 0.95), (0.30, 0.95))),
    ("inner-thigh", "front", ((0.22, 0.62), (0.30, 0.62), (0.30, 0.95), (0.18, 0.95))),
    ("knee", "front", ((0.27, 0.52), (0.69, 0.52), (0.70, 0.62), (0.22, 0.62))),
    ("shin", "front", ((0.33, 0.12), (0.61, 0.12), (0.69, 0.52), (0.27, 0.52))),
    ("foot-front", "front", ((0.30, 0.02), (0.66, 0.02), (0.61, 0.12), (0.33, 0.12))),
    ("buttock", "back", ((0.20, 0.90), (0.80, 0.90), (0.82, 1.0), (0.18, 1.0))),
    ("thigh", "back", ((0.24, 0.62), (0.76, 0.62), (0.80, 0.90), (0.20, 0.90))),
    ("back-of-knee", "back", ((0.28, 0.54), (0.72, 0.54), (0.76, 0.62), (0.24, 0.62))),
    ("calf", "back", ((0.34, 0.14), (0.66, 0.14), (0.74, 0.54), (0.26, 0.54))),
    ("heel-back", "back", ((0.38, 0.02), (0.62, 0.02), (0.66, 0.14), (0.34, 0.14))),
)
_NAMES = {
    "thigh": "thigh",
    "inner-thigh": "inner thigh",
    "knee": "knee",
    "shin": "shin",
    "buttock": "buttock",
    "back-of-knee": "back of the knee",
    "calf": "calf",
}
_UP_WORDS = (
    "to knee", "to the knee", "to hip", "to groin", "upward", "upwards", "to back of knee", "to shin", "calf to",
)
_DOWN_WORDS = ("downward", "downwards", "to ankle", "to the ankle", "knee to ankle")


@dataclass
class LegChart:
    """A drawn leg with highlightable regions; see :func:`draw_leg`."""

    figure: Figure
    patches: dict[str, list[Polygon]]
    axes: dict[str, Any]
    highlight: tuple[str, ...] = ()
    arrows: list[FancyArrowPatch] = field(default_factory=list)
    title: str | None = None

    @property
    def alt_text(self) -> str:
        lit = [_NAMES.get(r, r) for r in self.highlight if r in _NAMES]
        where = ", ".join(lit) if lit else "nothing"
        arrows = f"; {len(self.arrows)} arrow(s) show the stroke direction" if self.arrows else ""
        return f"Schematic leg seen from the front and from behind; highlighted: {where}{arrows}."

    def set_highlight(self, ids: Iterable[str]) -> None:
        """Light up the given leg regions (unknown ids are ignored: they belong to the foot)."""
        wanted = tuple(i for i in ids if i in self.patches)
        for rid, patches in self.patches.items():
            lit = rid in wanted
            for p in patches:
                p.set_facecolor(LIT_FACE if lit else BASE_FACE)
                p.set_hatch(LIT_HATCH if lit else None)  # type: ignore[arg-type]  # None = no hatch; stubs say str
                p.set_linewidth(2.0 if lit else 1.0)
        self.highlight = wanted

    def set_arrows(self, arrows: Sequence[dict[str, Any]]) -> None:
        """Draw stroke arrows: ``[{"region": "calf", "direction": "up"}]`` (or ``"down"``)."""
        for a in self.arrows:
            a.remove()
        self.arrows = []
        for spec in arrows:
            region = spec.get("region")
            direction = spec.get("direction", "up")
            for rid, view, pts in _SHAPES:
                if rid != region:
                    continue
                xs = [p[0] for p in pts]
                ys = [p[1] for p in pts]
                x = sum(xs) / len(xs)
                lo, hi = min(ys) + 0.02, max(ys) - 0.02
                start, end = ((x, lo), (x, hi)) if direction == "up" else ((x, hi), (x, lo))
                arrow = FancyArrowPatch(
                    start, end, arrowstyle="-|>", mutation_scale=14, color=ARROW_COLOUR, linewidth=2, zorder=5
                )
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


def draw_leg(
    *, highlight: Iterable[str] = (), arrows: Sequence[dict[str, Any]] = (), figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> LegChart:
    """Draw the schematic leg (front and back) and return a :class:`LegChart`."""
    fig = Figure(figsize=figsize or (4.0, 4.4))
    axes = {}
    patches: dict[str, list[Polygon]] = {r: [] for r in LEG_REGIONS}
    for i, view in enumerate(("front", "back")):
        ax = fig.add_axes((0.02 + 0.49 * i, 0.02, 0.47, 0.88 if title else 0.93))
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.02, 1.04)
        ax.set_aspect("auto")
        ax.axis("off")
        ax.set_title("front" if view == "front" else "back", fontsize=9)
        axes[view] = ax
        for rid, v, pts in _SHAPES:
            if v != view:
                continue
            poly = Polygon(pts, closed=True, facecolor=BASE_FACE, edgecolor=BASE_EDGE, linewidth=1.0)
            ax.add_patch(poly)
            if rid in patches:
                patches[rid].append(poly)
    if title:
        fig.suptitle(title, fontsize=10)
    chart = LegChart(figure=fig, patches=patches, axes=axes, title=title)
    chart.set_highlight(highlight)
    chart.set_arrows(arrows)
    return chart


def no_press_chart(course: Course) -> LegChart:
    """The schematic leg with the always-apply no-press areas highlighted (hatched, not only coloured)."""
    areas = no_press_areas(course)
    words = [AREA_NAMES[a] for a in areas]
    names = " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
    return draw_leg(highlight=areas, figsize=(4.6, 4.8), title=f"Light strokes only: {names}")
