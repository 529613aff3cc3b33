"""Printable routine cards: one A4 page per routine (steps, a diagram, cautions, sources).

Why a PDF: a learner practising on their own feet has oily hands and no screen nearby; a
printed card next to the chair is what gets used. Each page shows where the routine works
(the foot chart or the schematic leg, every area it touches lit, stroke paths as arrows),
the numbered steps with time, pressure and technique, every caution in a box, and the
sources, so a card handed out on its own is still traceable.

Output is reproducible (no creation date in the file, fixed fonts and order) and written
atomically, so a failed export never leaves half a PDF behind.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure
from matplotlib.image import imread

from ..content.evidence import short_references
from ..content.routines import Routine, Step, format_duration, load_routine, routine_ids
from ..content.safety import routine_caution
from ..data.files import atomic_write_bytes
from ..drawing.leg_diagram import draw_leg, leg_direction
from ..drawing.png import figure_png

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

A4 = (8.27, 11.69)
PAGE_TEXT_WIDTH = 62  # characters per wrapped line in the steps column


def _diagram_png(course: Course, routine: Routine) -> bytes:
    """The routine's areas lit on its main diagram (leg or foot), as PNG bytes."""
    return _diagram_pngs(course, routine)[0]


def _diagram_pngs(course: Course, routine: Routine) -> list[bytes]:
    """The routine's areas lit on one diagram (the leg) or on the foot views (at most three) that
    show them all — the sole or the top first, e.g. the inner side for the spine line — as PNGs."""
    return [png for png, _side, _name in _diagrams(course, routine)]


_VIEW_NAMES = {"plantar": "sole", "dorsal": "top", "medial": "inner side", "lateral": "outer side"}


def _diagrams(course: Course, routine: Routine) -> list[tuple[bytes, bool, str]]:
    """(PNG, is a side view, what it shows) for each diagram of a routine's card."""
    steps = routine.steps
    charts: list[Any] = []
    if steps and sum(s.on_leg for s in steps) > len(steps) / 2:
        regions = [r for s in steps for r in s.regions]
        arrows: list[dict[str, Any]] = []
        for s in steps:
            d = leg_direction(s.direction)
            if d and s.on_leg:
                arrows += [{"region": r, "direction": d} for r in s.regions]
        charts.append((draw_leg(highlight=regions, arrows=arrows, figsize=(3.0, 3.6)), False, "leg"))
    else:
        from ..drawing.chart import draw_chart
        from ..geometry.foot_shape import SIDE_VIEWS
        from ..geometry.identify import views_showing

        areas = [a for s in steps if not s.on_leg for a in s.areas]
        zone_ids = {z for s in steps for z in s.zones}
        found = views_showing(course, areas, limit=3) or [("plantar", ())]
        views = sorted(found, key=lambda v: v[0] in SIDE_VIEWS)
        for view, ids in views:
            zones = [i for i in ids if i in zone_ids]
            size = (3.0, 1.8) if view in SIDE_VIEWS else (3.0, 4.0)
            chart = draw_chart(course, feet=("left",), view=view, labels=False, legend=False, figsize=size,
                               regions_only=not zones, zones=zones or None, title=False, dim=not zones)
            chart.set_highlight(ids)
            if view == "plantar":  # stroke paths are written in sole coordinates
                chart.set_arrows(_numbered_arrows(steps))
            charts.append((chart, view in SIDE_VIEWS, _VIEW_NAMES[view]))
    return [(figure_png(chart.figure, 110, crop=False), side, name) for chart, side, name in charts]


# The card shows the sole at about half the size it is drawn, so its step numbers are drawn
# large enough to print at about 6 points.
CARD_LABEL_SIZE = 13.0
NEAR = 0.06  # starts closer than this (in the zone data's u, v) share a label: their tags would overlap


def _numbered_arrows(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """One arrow per foot step with a stroke path, numbered at its start. Steps whose strokes
    start at (nearly) the same spot share one label ("2, 10"): two tags there would cover each other."""
    stroked = [s for s in steps if s.path and not s.on_leg]
    groups: list[tuple[tuple[float, float], list[int]]] = []  # a start, and the steps starting near it
    for s in stroked:
        u, v = s.path[0]
        near = [numbers for (gu, gv), numbers in groups if abs(u - gu) <= NEAR and abs(v - gv) <= NEAR]
        if near:
            near[0].append(s.number)
        else:
            groups.append(((u, v), [s.number]))
    label = {numbers[0]: ", ".join(map(str, numbers)) for _, numbers in groups}  # on each group's first step
    return [{"foot": "left", "path": list(s.path), "label": label.get(s.number), "label_size": CARD_LABEL_SIZE}
            for s in stroked]


def _boxes(sides: list[bool], top: float = 0.86) -> list[tuple[float, float, float, float]]:
    """Page boxes for the diagrams: sole/top views side by side on top, side views in a row below.
    ``top``: the highest the pictures may reach (below the card's heading, however many lines
    its setup took)."""
    tops, lows = sides.count(False), sides.count(True)
    upper = (0.60, min(0.26, top - 0.60)) if lows else (0.50, min(0.36, top - 0.50))
    out, seen = [], {False: 0, True: 0}
    for side in sides:
        n, k = (lows, seen[True]) if side else (tops, seen[False])
        seen[side] += 1
        y, h = (0.47, 0.12) if side else upper
        out.append((0.62 + 0.34 * k / n, y, 0.34 / n, h))
    return out


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=width, subsequent_indent=indent) or [""]


def _page(course: Course, routine: Routine) -> Figure:
    fig = Figure(figsize=A4)
    fig.text(0.06, 0.955, routine.title, fontsize=16, weight="bold", va="top")
    meta = f"For: {routine.purpose}  ·  Who: {routine.who}  ·  Time: {format_duration(routine.total_s)}"
    if routine.each_foot:
        meta += " per foot"
    y = 0.92
    for line in _wrap(meta, 105):
        fig.text(0.06, y, line, fontsize=9, va="top")
        y -= 0.016
    if routine.setup:
        for line in _wrap(f"Setup: {routine.setup}", 105):
            fig.text(0.06, y, line, fontsize=9, va="top", style="italic")
            y -= 0.016

    # diagram on the right
    diagrams = _diagrams(course, routine)
    boxes = _boxes([side for _, side, _ in diagrams], top=y - 0.035)  # room for the heading below the text
    fig.text(0.79, boxes[0][1] + boxes[0][3] + 0.012, "Where it works (arrows: stroke paths)", fontsize=8,
             ha="center", va="bottom")
    for (png, _side, name), box in zip(diagrams, boxes, strict=True):
        ax = fig.add_axes(box)
        ax.imshow(imread(io.BytesIO(png), format="png"))
        ax.axis("off")
        if len(diagrams) > 1:
            ax.set_title(name, fontsize=7, style="italic", pad=2)

    # steps on the left (wrapped); shrink the font if a routine is long
    lines: list[tuple[str, bool]] = []
    for s in routine.steps:
        head = f"{s.number}. {s.title} — {s.dose()}, {s.pressure}, {s.technique_name or s.technique}"
        lines += [(t, True) for t in _wrap(head, PAGE_TEXT_WIDTH, "    ")]
        body = s.instruction + (f" Direction: {s.direction}." if s.direction else "")
        if s.hands:
            body += f" Hands: {s.hands}"
        lines += [(t, False) for t in _wrap(body, PAGE_TEXT_WIDTH, "    ")]
        lines.append(("", False))
    top = y - 0.01
    available = top - 0.25
    size = 8.0
    step_h = 0.0125
    if len(lines) * step_h > available:
        step_h = available / max(len(lines), 1)
        size = max(5.0, 8.0 * step_h / 0.0125)
    y = top
    for text, bold in lines:
        fig.text(0.06, y, text, fontsize=size, va="top", weight="bold" if bold else "normal", family="DejaVu Sans")
        y -= step_h

    # cautions box at the bottom
    # Every card ends with at least the pain rule, in the safety table's own words.
    cautions = routine.cautions() or [routine_caution(course.row("contraindications", "pain-during-massage"))]
    text = "\n".join(line for c in cautions for line in _wrap(f"• {c}", 120, "   "))
    fig.text(
        0.06, 0.215, "Cautions\n" + text, fontsize=7.5, va="top",
        bbox={"boxstyle": "round", "facecolor": "#fff3cd", "edgecolor": "#b45309"},
    )
    refs = short_references(course)  # "White 2000", section ids as the course cites them
    ids = [*routine.source, *(x for s in routine.steps for x in s.source)]
    sources = "; ".join(dict.fromkeys(refs.get(i, i) for i in ids))
    for i, line in enumerate(_wrap(f"Sources: {sources}  ·  Foot massage & reflexology course", 130)):
        fig.text(0.06, 0.035 - 0.012 * i, line, fontsize=6.5, va="top", color="#444444")
    return fig


def routine_cards_pdf(course: Course, routine_ids_: Iterable[str] | None = None) -> bytes:
    """The cards as PDF bytes (one page per routine, in the order given or of the data)."""
    ids = list(routine_ids_) if routine_ids_ is not None else routine_ids(course)
    routines = [load_routine(course, rid) for rid in ids]
    buffer = io.BytesIO()
    metadata = {"Creator": "foot_lib routine cards", "Producer": None, "CreationDate": None, "ModDate": None}
    from matplotlib.backends.backend_pdf import PdfPages  # only when printing (it loads fontTools)

    with PdfPages(buffer, metadata=metadata) as pdf:
        for r in routines:
            pdf.savefig(_page(course, r))
    return buffer.getvalue()


def export_routine_cards(course: Course, path: str | Path, routine_ids: Iterable[str] | None = None) -> Path:
    """Write the routine cards to ``path`` (a PDF) atomically and return the path.

    ``routine_ids`` picks and orders the routines (default: all). An unknown id raises
    ``KeyError`` listing the valid ones before anything is written.
    """
    data = routine_cards_pdf(course, routine_ids)
    return atomic_write_bytes(path, data)
