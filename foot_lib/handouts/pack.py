"""The printable handout pack: one command, one folder of PDFs, the same bytes every time.

    python -m foot_lib.handouts DEST [--paper Letter] [--overwrite]
    python3 course.py handouts DEST

The pack holds the reflex charts, the routine cards, the safety checklist, one quiz sheet
per lesson and the answer key, each as its own PDF, plus ``foot-course-handouts.pdf`` with
everything in order for a single print job. Each part comes from the module that owns it
(charts, routine cards, checklist); this module renders the quiz sheets and joins the PDFs.

Why these rules:
- Reproducible: dates in the PDF metadata are fixed and matplotlib's own dates are pinned
  (``SOURCE_DATE_EPOCH``), so rebuilding gives identical files a teacher can diff or cache.
- Safe: an existing, non-empty pack folder is never overwritten unless asked (a teacher may
  have annotated last term's pack), every part is built in a temporary folder first and each
  file is then written atomically, so a failure never leaves half a pack behind.
- One print job, easy to find your way in: the parts are joined with pypdf (a maintained PDF
  library, which reads any PDF), one bookmark per part.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.quiz import answer_key_text, lessons_with_questions, quiz_sheet_text
from ..data.files import atomic_write_bytes, atomic_write_text, guard_not_shipped
from .chart_export import export_chart
from .checklist import export_safety_checklist
from .routine_cards import export_routine_cards

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from pypdf import PdfReader

    from ..data.loading import Course

PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
COMBINED = "foot-course-handouts.pdf"
CONTENTS = "CONTENTS.txt"
CHART_VIEWS = ("plantar", "dorsal")  # the sole and the top of the foot, one page each
TITLE = "Foot massage and reflexology course"


# -- PDF utilities ------------------------------------------------------------------------
def _reader(data: bytes | str | Path, name: str) -> PdfReader:
    # pypdf is imported here, not with the module: a lesson that only lists the handout's parts
    # should not pay a tenth of a second for it
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    raw = data if isinstance(data, bytes) else Path(data).read_bytes()
    try:
        return PdfReader(io.BytesIO(raw))
    except (PdfReadError, ValueError) as exc:
        raise ValueError(f"{name}: not a PDF file ({exc})") from exc


def count_pdf_pages(data: bytes | str | Path) -> int:
    """Number of pages in a PDF (bytes or a file)."""
    return len(_reader(data, "PDF").pages)


def merge_pdfs(parts: Sequence[bytes], *, title: str = TITLE, bookmarks: Sequence[str] | None = None) -> bytes:
    """Join PDFs into one, pages in order, with fixed metadata and a bookmark per part.

    ``bookmarks`` (one title per part) become the PDF's outline, so a teacher can jump to
    the routine cards or the quiz sheets in the combined pack. pypdf reads any PDF, not only
    the simple ones matplotlib writes, and writes the same bytes for the same parts.
    """
    if bookmarks is not None and len(bookmarks) != len(parts):
        raise ValueError(f"{len(parts)} parts but {len(bookmarks)} bookmarks")
    from pypdf import PdfWriter

    writer = PdfWriter()
    for number, raw in enumerate(parts):
        start = len(writer.pages)
        writer.append(_reader(raw, f"part {number + 1}"), import_outline=False)
        if bookmarks is not None:
            writer.add_outline_item(title=bookmarks[number], page_number=start)
    if bookmarks:
        writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    stamp = FIXED_DATE.strftime("D:%Y%m%d%H%M%SZ")
    writer.add_metadata({"/Title": title, "/Producer": "foot_lib.handouts", "/CreationDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@contextlib.contextmanager
def _pinned_dates() -> Iterator[None]:
    """Make matplotlib write a fixed creation date in PDFs made inside this block."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(FIXED_DATE.timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def figures_to_pdf(figures: list[Figure], *, title: str = TITLE) -> bytes:
    """Save figures as the pages of one PDF (fixed metadata) and close them."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": title, "CreationDate": FIXED_DATE}) as pdf:
        for figure in figures:
            pdf.savefig(figure)
            plt.close(figure)
    return buf.getvalue()


# -- quiz sheets and answer key ---------------------------------------------------------------
def text_pages(title: str, text: str, *, paper: str = "A4", font_size: float = 10.0) -> list[Figure]:
    """Lay plain text out on as many paper-sized pages as it needs.

    Numbered lines (questions) are set in bold; a new page never starts with a blank line.
    The wrapping width of :func:`foot_lib.content.quiz.quiz_sheet_text` (88 characters) fits both A4
    and Letter at 10 pt.
    """
    from matplotlib.figure import Figure

    width, height = PAPER_SIZES[paper]
    margin = 0.7
    step = font_size * 1.45 / 72  # line height in inches
    per_page = int((height - 2 * margin - 0.6) / step)
    lines = text.rstrip("\n").split("\n")
    pages: list[list[str]] = []
    while lines:
        chunk = lines[:per_page]
        # Keep a question with its choices: break at the last blank line if one is near.
        if len(lines) > per_page and "" in chunk[per_page // 2 :]:
            cut = len(chunk) - chunk[::-1].index("")
            chunk = lines[:cut]
        pages.append(chunk)
        lines = lines[len(chunk) :]
        while lines and not lines[0].strip():
            lines.pop(0)
    figures = []
    for number, chunk in enumerate(pages, start=1):
        fig = Figure(figsize=(width, height))
        fig.text(margin / width, 1 - margin / height, title, fontsize=font_size + 4, weight="bold", va="top")
        footer = f"{TITLE} · page {number} of {len(pages)}"
        fig.text(margin / width, margin / 2 / height, footer, fontsize=font_size - 2, color="0.3")
        y = 1 - (margin + 0.5) / height
        for line in chunk:
            bold = bool(re.match(r"\d+\. ", line))
            fig.text(margin / width, y, line, fontsize=font_size, weight="bold" if bold else "normal", va="top")
            y -= step / height
        figures.append(fig)
    return figures


def quiz_sheets_pdf(course: Course, paper: str = "A4") -> bytes:
    """One quiz sheet per lesson (questions and boxes to tick, no answers)."""
    figures: list[Figure] = []
    for lesson in lessons_with_questions(course):
        questions = quiz_sheet_text(course, lesson).split("\n", 2)[2]  # drop the "Quiz: ..." heading
        body = "Name: ______________________    Date: ____________\n\n" + questions
        figures += text_pages(f"Quiz · lesson {lesson}", body, paper=paper)
    return figures_to_pdf(figures, title=f"{TITLE}: quiz sheets")


def answer_key_pdf(course: Course, paper: str = "A4") -> bytes:
    """The answer key: letters for quick marking, then every answer with its reason and sources."""
    figures = text_pages("Quiz answer key (for the teacher)", answer_key_text(course), paper=paper)
    return figures_to_pdf(figures, title=f"{TITLE}: answer key")


# -- the parts of the pack --------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """One PDF of the pack: its file name, a title for CONTENTS.txt, and how to build it.

    ``build(course, path, paper)`` writes the PDF to ``path`` (in a temporary folder).
    """

    filename: str
    title: str
    build: Callable[[Course, Path, str], None]


def _charts(course: Course, path: Path, paper: str) -> None:
    pages = []
    for view in CHART_VIEWS:
        page = path.with_name(f"chart-{view}.pdf")
        export_chart(course, page, paper=paper, view=view)
        pages.append(page.read_bytes())
    names = {"plantar": "Reflex chart: the soles", "dorsal": "Reflex chart: the tops of the feet"}
    path.write_bytes(merge_pdfs(pages, title=f"{TITLE}: reflex charts",
                                bookmarks=[names.get(v, v) for v in CHART_VIEWS]))


def _routine_cards(course: Course, path: Path, paper: str) -> None:
    export_routine_cards(course, path)  # the cards have their own fixed card size


def _checklist(course: Course, path: Path, paper: str) -> None:
    export_safety_checklist(course, path)


def _quiz_sheets(course: Course, path: Path, paper: str) -> None:
    path.write_bytes(quiz_sheets_pdf(course, paper))


def _answer_key(course: Course, path: Path, paper: str) -> None:
    path.write_bytes(answer_key_pdf(course, paper))


PARTS: tuple[Part, ...] = (
    Part("01-reflex-charts.pdf", "Reflex charts: the sole, then the top of both feet", _charts),
    Part("02-routine-cards.pdf", "Routine cards, one per routine", _routine_cards),
    Part("03-safety-checklist.pdf", "Safety checklist (go through it before every massage)", _checklist),
    Part("04-quiz-sheets.pdf", "Quiz sheets, one per lesson", _quiz_sheets),
    Part("05-answer-key.pdf", "Quiz answer key (for the teacher)", _answer_key),
)
HANDOUT_PARTS = PARTS
"""The parts of the pack in print order (the face's name for :data:`PARTS`)."""
OUR_FILES = {p.filename for p in PARTS} | {COMBINED, CONTENTS}


def build_handout_pack(
    dest: str | Path, *, course: Course | None = None, paper: str = "A4", overwrite: bool = False
) -> list[Path]:
    """Build the handout pack into folder ``dest`` and return the PDFs written (combined pack last).

    Refuses (FileExistsError) when ``dest`` already holds files, unless ``overwrite=True``;
    then only the pack's own files are replaced and anything else in the folder is left alone.
    """
    from ..content.loader import load_course

    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    folder = guard_not_shipped(dest)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file; give a folder for the handout pack")
    if folder.is_dir() and any(folder.iterdir()) and not overwrite:
        raise FileExistsError(
            f"{folder} already contains files; choose an empty folder, or rebuild the pack there with "
            "overwrite=True (command line: --overwrite)"
        )
    course = course if course is not None else load_course()
    built: list[tuple[Part, bytes]] = []
    import matplotlib as mpl

    with tempfile.TemporaryDirectory(prefix="foot-handouts-") as tmp, _pinned_dates(), mpl.rc_context(
        {"pdf.compression": 6, "svg.hashsalt": "foot-course"}
    ):
        for part in PARTS:
            target = Path(tmp) / part.filename
            part.build(course, target, paper)
            built.append((part, target.read_bytes()))
    combined = merge_pdfs([data for _, data in built], title=f"{TITLE}: handouts",
                          bookmarks=[part.title for part, _ in built])
    written = [atomic_write_bytes(folder / part.filename, data) for part, data in built]
    written.append(atomic_write_bytes(folder / COMBINED, combined))
    lines = [f"{TITLE}: handout pack ({paper})", "", "File                          Pages  What"]
    for part, data in built:
        lines.append(f"{part.filename:<30}{count_pdf_pages(data):>5}  {part.title}")
    lines.append(f"{COMBINED:<30}{count_pdf_pages(combined):>5}  Everything above, in order, for one print job")
    lines += ["", "Rebuild with: python3 course.py handouts FOLDER --overwrite"]
    atomic_write_text(folder / CONTENTS, "\n".join(lines) + "\n")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m foot_lib.handouts DEST [--paper Letter] [--overwrite]``."""
    parser = argparse.ArgumentParser(
        prog="python -m foot_lib.handouts", description="Build the printable handout pack (PDFs) into a folder."
    )
    parser.add_argument("dest", help="folder for the pack (created if needed; must be empty unless --overwrite)")
    parser.add_argument("--paper", choices=sorted(PAPER_SIZES), default="A4", help="paper size (default A4)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing pack in that folder")
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    from ..data.errors import DataError

    try:
        paths = build_handout_pack(args.dest, paper=args.paper, overwrite=args.overwrite)
    except (FileExistsError, NotADirectoryError, DataError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path}  ({count_pdf_pages(path)} pages)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
