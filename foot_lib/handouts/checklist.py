"""A printable safety checklist (PDF): the same questions and rules as the on-screen check.

Why a PDF: many massages happen away from a screen (a partner, a parent, a class with
paper), and the safety check must be usable there too. The checklist is generated from
``contraindications.csv`` through :func:`foot_lib.content.safety.safety_questions`, so paper and
widget never drift apart. Output is byte-for-byte reproducible (no dates in the metadata)
and written atomically, never into the shipped data folder.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.safety import GROUPS, HEADLINES, safety_questions
from ..data.files import atomic_write_bytes, guard_not_shipped
from ..data.loading import records

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..data.loading import Course

PAGE_W, PAGE_H = 8.27, 11.69  # A4, inches
MARGIN = 0.6
LINE = 0.2  # inches per text line at 9 pt
WRAP = 92

VERDICT_KEY = (
    ("STOP", "stop", "Any yes marked RED FLAG or STOP."),
    ("ASK FIRST", "ask", "Any yes marked ASK, or any question you could not answer."),
    ("ADAPT", "adapt", "Only yes answers marked ADAPT: massage gently and avoid the areas named."),
    ("GO", "go", "Every answer is no."),
)
SEVERITY_TAG = {"stop_refer": "STOP", "ask_clinician": "ASK", "adapt": "ADAPT"}


class _Pages:
    """Lays out lines of text top to bottom, starting a new page when one is full."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(PAGE_W, PAGE_H))
        self.figures.append(fig)
        self.y = PAGE_H - MARGIN
        fig.text(
            PAGE_W - MARGIN,
            MARGIN / 2,
            f"Foot massage safety checklist · page {len(self.figures)}",
            transform=fig.dpi_scale_trans,
            ha="right",
            fontsize=7,
            color="#444444",
        )

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self._new_page()

    def text(self, content: str, *, size: float = 9, weight: str = "normal", indent: float = 0.0,
             wrap: int = WRAP) -> None:
        lines = textwrap.wrap(content, wrap - int(indent * 12)) or [""]
        step = LINE * size / 9
        self.need(step * len(lines))
        for line in lines:
            self.figures[-1].text(
                MARGIN + indent, self.y, line, transform=self.figures[-1].dpi_scale_trans,
                fontsize=size, fontweight=weight, va="top",
            )
            self.y -= step

    def question(self, text: str, tag: str) -> None:
        from matplotlib.patches import Rectangle

        lines = textwrap.wrap(f"[{tag}] {text}", 54)
        height = LINE * max(len(lines), 1) + 0.08
        self.need(height)
        fig = self.figures[-1]
        for i, line in enumerate(lines):
            fig.text(MARGIN + 0.1, self.y - i * LINE, line, transform=fig.dpi_scale_trans, fontsize=9, va="top",
                     fontweight="bold" if tag in ("RED FLAG", "STOP") and i == 0 else "normal")
        x = PAGE_W - MARGIN - 2.3
        for label in ("Yes", "No", "Not sure"):
            fig.add_artist(Rectangle((x, self.y - 0.15), 0.13, 0.13, transform=fig.dpi_scale_trans,
                                     fill=False, linewidth=0.8))
            fig.text(x + 0.18, self.y, label, transform=fig.dpi_scale_trans, fontsize=8, va="top")
            x += 0.75
        self.y -= height


def safety_checklist_figures(course: Course) -> list[Figure]:
    """The checklist as matplotlib figures, one per A4 page (for previewing in a lesson)."""
    questions = safety_questions(course)
    pages = _Pages()
    pages.text("Before a foot massage: safety checklist", size=15, weight="bold")
    pages.y -= 0.05
    pages.text(
        "Answer every question for the person who will be massaged (yourself, a partner or a child). "
        "Tick Yes, No or Not sure. Then read the result box at the end. Questions tagged RED FLAG are "
        "signs that need a clinician whatever else you answered.",
    )
    pages.y -= 0.1
    for group, label in GROUPS.items():
        rows = questions[questions["group"] == group]
        if rows.empty:
            continue
        pages.need(LINE * 3)
        pages.y -= 0.08
        pages.text(label, size=11, weight="bold")
        for q in records(rows, ["question", "red_flag", "severity"]):
            tag = "RED FLAG" if q["red_flag"] else SEVERITY_TAG[q["severity"]]
            pages.question(q["question"], tag)
    pages.y -= 0.15
    pages.text("Result: the most cautious line that applies", size=11, weight="bold")
    for name, verdict, rule in VERDICT_KEY:
        pages.text(f"{name} — {rule} {HEADLINES[verdict] if verdict != 'stop' else ''}".strip(), indent=0.1)
    pages.y -= 0.1
    pages.text("Red flags and what to do", size=11, weight="bold")
    frame = course["contraindications"]
    for row in records(frame[frame["red_flag"].astype(bool)], ["condition", "instead"]):
        pages.text(f"• {row['condition']}: {row['instead']}", indent=0.1)
    pages.y -= 0.1
    sections = sorted(
        {s for cell in frame["source"] for s in cell if s.startswith("S00")},
        key=lambda s: (s[:4], int(s.split(".")[1])),
    )
    pages.text(
        "Always: pain is a signal to stop. Built from the contraindications in sections "
        f"{', '.join(sections)} of the source articles, resolved to the safer side where they disagree, "
        "plus red flags from the course's evidence reference.",
        size=8,
    )
    return pages.figures


def safety_checklist_pdf(course: Course) -> bytes:
    """The checklist as PDF bytes, identical on every run (no creation date)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    meta = {"CreationDate": None, "ModDate": None, "Creator": "foot_lib", "Producer": "foot_lib",
            "Title": "Foot massage safety checklist"}
    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(buffer, metadata=meta) as pdf:
        for fig in safety_checklist_figures(course):
            pdf.savefig(fig)
    return buffer.getvalue()


def export_safety_checklist(course: Course, path: str | Path) -> Path:
    """Write the printable checklist to ``path`` (PDF) atomically and return the path."""
    target = guard_not_shipped(path)
    return atomic_write_bytes(target, safety_checklist_pdf(course))
