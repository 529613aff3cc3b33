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
- No new dependencies: the PDFs that matplotlib writes are simple (a classic cross-reference
  table, no object streams), so a small merger here joins them; :func:`count_pdf_pages`
  counts pages the same way for the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.quiz import answer_key_text, lessons_with_questions, quiz_sheet_text
from ..data.files import atomic_write_bytes, atomic_write_text, guard_not_shipped

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..data.loading import Course

PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
COMBINED = "foot-course-handouts.pdf"
CONTENTS = "CONTENTS.txt"
CHART_VIEWS = ("plantar", "dorsal")  # the sole and the top of the foot, one page each
TITLE = "Foot massage and reflexology course"


# -- PDF utilities ------------------------------------------------------------------------
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_REF_RE = re.compile(rb"(/Parent\s+)?\b(\d+)\s+(\d+)\s+R\b")


def count_pdf_pages(data: bytes | str | Path) -> int:
    """Number of pages in a PDF: page objects are ``/Type /Page`` (the tree nodes are ``/Pages``)."""
    raw = data if isinstance(data, bytes) else Path(data).read_bytes()
    return len(_PAGE_RE.findall(raw))


@dataclass
class _Pdf:
    version: bytes
    objects: dict[int, bytes]  # object number -> full "N G obj ... endobj" bytes
    root: int
    info: int | None


def _parse_pdf(raw: bytes, name: str) -> _Pdf:
    """Split a classic-xref PDF into its objects, using the xref offsets (no stream parsing)."""
    head = re.match(rb"%PDF-(\d\.\d)", raw)
    start = raw.rfind(b"startxref")
    if not head or start < 0:
        raise ValueError(f"{name}: not a PDF file")
    xref_at = int(raw[start + 9 :].split()[0])
    if not raw.startswith(b"xref", xref_at):
        raise ValueError(f"{name}: uses a cross-reference stream, which this small merger does not read")
    trailer_at = raw.index(b"trailer", xref_at)
    tokens = raw[xref_at + 4 : trailer_at].split()
    offsets: dict[int, int] = {}
    i = 0
    while i < len(tokens):
        first, count = int(tokens[i]), int(tokens[i + 1])
        i += 2
        for k in range(count):
            offset, kind = int(tokens[i]), tokens[i + 2]
            if kind == b"n":
                offsets[first + k] = offset
            i += 3
    trailer = raw[trailer_at:start]
    root = re.search(rb"/Root\s+(\d+)\s+\d+\s+R", trailer)
    info = re.search(rb"/Info\s+(\d+)\s+\d+\s+R", trailer)
    if root is None:
        raise ValueError(f"{name}: the trailer names no /Root")
    ordered = sorted(offsets.items(), key=lambda item: item[1])
    objects: dict[int, bytes] = {}
    for index, (number, offset) in enumerate(ordered):
        end = ordered[index + 1][1] if index + 1 < len(ordered) else xref_at
        chunk = raw[offset:end]
        stop = chunk.rfind(b"endobj")
        if stop < 0:
            raise ValueError(f"{name}: object {number} has no 'endobj'")
        objects[number] = chunk[: stop + 6]
    return _Pdf(head.group(1), objects, int(root.group(1)), int(info.group(1)) if info else None)


def _split_stream(obj: bytes) -> tuple[bytes, bytes]:
    """(dictionary part, stream data part) — references are only rewritten in the first."""
    match = re.search(rb"\bstream\r?\n", obj)
    if match is None:
        return obj, b""
    return obj[: match.start()], obj[match.start() :]


def _body(obj: bytes) -> bytes:
    """An object's content without the ``N G obj`` header."""
    return re.sub(rb"^\s*\d+\s+\d+\s+obj\s*", b"", obj, count=1)


def _leaf_pages(pdf: _Pdf, node: int, inherited: dict[bytes, bytes], out: list[tuple[int, dict[bytes, bytes]]]) -> None:
    text = _split_stream(pdf.objects[node])[0]
    if re.search(rb"/Type\s*/Pages\b", text):
        found = dict(inherited)
        for key in (b"/MediaBox", b"/Resources"):
            m = re.search(re.escape(key) + rb"\s*(\[[^\]]*\]|\d+\s+\d+\s+R)", text)
            if m:
                found[key] = m.group(1)
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", text)
        for kid in re.findall(rb"(\d+)\s+\d+\s+R", kids.group(1) if kids else b""):
            _leaf_pages(pdf, int(kid), found, out)
    else:
        out.append((node, inherited))


def merge_pdfs(parts: list[bytes], *, title: str = TITLE) -> bytes:
    """Join PDFs (as matplotlib writes them) into one, pages in order, with fixed metadata."""
    pdfs = [_parse_pdf(raw, f"part {n + 1}") for n, raw in enumerate(parts)]
    next_number = 4  # 1 catalog, 2 page tree, 3 info
    body: list[tuple[int, bytes]] = []
    kids: list[int] = []
    for pdf in pdfs:
        catalog = _split_stream(pdf.objects[pdf.root])[0]
        pages_ref = re.search(rb"/Pages\s+(\d+)\s+\d+\s+R", catalog)
        if pages_ref is None:
            raise ValueError("a part has no page tree")
        leaves: list[tuple[int, dict[bytes, bytes]]] = []
        _leaf_pages(pdf, int(pages_ref.group(1)), {}, leaves)
        leaf_numbers = {n for n, _ in leaves}
        skip = {pdf.root, pdf.info} | {
            n for n, obj in pdf.objects.items() if re.search(rb"/Type\s*/Pages\b", _split_stream(obj)[0])
        }
        mapping: dict[int, int] = {}
        for number in sorted(pdf.objects):
            if number not in skip:
                mapping[number] = next_number
                next_number += 1

        def renumber(match: re.Match[bytes], mapping: dict[int, int] = mapping) -> bytes:
            if match.group(1):
                return match.group(1) + b"2 0 R"
            old = int(match.group(2))
            if old not in mapping:
                raise ValueError(f"a part refers to object {old}, which the merger dropped")
            return b"%d 0 R" % mapping[old]

        inherited = dict(leaves)
        for number, new in mapping.items():
            dictionary, stream = _split_stream(_body(pdf.objects[number]))
            dictionary = _REF_RE.sub(renumber, dictionary)
            if number in leaf_numbers:
                for key, value in inherited[number].items():
                    if key not in dictionary:
                        value = _REF_RE.sub(renumber, value)
                        extra = b"/Type /Page " + key + b" " + value
                        dictionary = re.sub(rb"/Type\s*/Page\b", extra, dictionary, count=1)
            body.append((new, dictionary + stream))
        kids += [mapping[n] for n, _ in leaves]
    version = max((pdf.version for pdf in pdfs), default=b"1.4")
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def emit(number: int, content: bytes) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + content.rstrip(b"\r\n") + b"\n")
        if not content.rstrip().endswith(b"endobj"):
            out.write(b"endobj\n")

    stamp = FIXED_DATE.strftime("D:%Y%m%d%H%M%SZ").encode()
    emit(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    emit(2, b"<< /Type /Pages /Kids [ " + b" ".join(b"%d 0 R" % k for k in kids) + b" ] /Count %d >>" % len(kids))
    safe_title = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    emit(3, b"<< /Title (" + safe_title + b") /Producer (foot_lib.handouts.pack) /CreationDate (" + stamp + b") >>")
    for number, content in body:
        emit(number, content)
    xref_at = out.tell()
    size = next_number
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref_at))
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

    ``build(course, path, paper)`` writes the PDF to ``path`` (a temporary folder) and
    returns True, or returns False when the feature that makes it is not installed.
    """

    filename: str
    title: str
    build: Callable[[Course, Path, str], bool]


def _feature(name: str) -> Callable[..., object] | None:
    """A foot_lib export, or None if that part of the course is not installed."""
    import importlib.util

    import foot_lib

    module = getattr(foot_lib, "_EXPORTS", {}).get(name)
    if module is None or importlib.util.find_spec(f"foot_lib.{module}") is None:
        return None
    return getattr(foot_lib, name)


def _charts(course: Course, path: Path, paper: str) -> bool:
    export = _feature("export_chart")
    if export is None:
        return False
    pages = []
    for view in CHART_VIEWS:
        page = path.with_name(f"chart-{view}.pdf")
        export(course, page, paper=paper, view=view)
        pages.append(page.read_bytes())
    path.write_bytes(merge_pdfs(pages, title=f"{TITLE}: reflex charts"))
    return True


def _routine_cards(course: Course, path: Path, paper: str) -> bool:
    export = _feature("export_routine_cards")
    if export is None:
        return False
    export(course, path)  # the cards have their own fixed card size
    return True


def _checklist(course: Course, path: Path, paper: str) -> bool:
    export = _feature("export_safety_checklist")
    if export is None:
        return False
    export(course, path)
    return True


def _quiz_sheets(course: Course, path: Path, paper: str) -> bool:
    path.write_bytes(quiz_sheets_pdf(course, paper))
    return True


def _answer_key(course: Course, path: Path, paper: str) -> bool:
    path.write_bytes(answer_key_pdf(course, paper))
    return True


PARTS: tuple[Part, ...] = (
    Part("01-reflex-charts.pdf", "Reflex charts: the sole, then the top of both feet", _charts),
    Part("02-routine-cards.pdf", "Routine cards, one per routine", _routine_cards),
    Part("03-safety-checklist.pdf", "Safety checklist (go through it before every massage)", _checklist),
    Part("04-quiz-sheets.pdf", "Quiz sheets, one per lesson", _quiz_sheets),
    Part("05-answer-key.pdf", "Quiz answer key (for the teacher)", _answer_key),
)
OUR_FILES = {p.filename for p in PARTS} | {COMBINED, CONTENTS}


def build_handout_pack(
    dest: str | Path, *, course: Course | None = None, paper: str = "A4", overwrite: bool = False
) -> list[Path]:
    """Build the handout pack into folder ``dest`` and return the PDFs written (combined pack last).

    Refuses (FileExistsError) when ``dest`` already holds files, unless ``overwrite=True``;
    then only the pack's own files are replaced and anything else in the folder is left alone.
    A part whose feature is not installed is skipped with a warning and noted in CONTENTS.txt.
    """
    from ..data.loading import load_course

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
    missing: list[Part] = []
    import matplotlib as mpl

    with tempfile.TemporaryDirectory(prefix="foot-handouts-") as tmp, _pinned_dates(), mpl.rc_context(
        {"pdf.compression": 6, "svg.hashsalt": "foot-course"}
    ):
        for part in PARTS:
            target = Path(tmp) / part.filename
            if part.build(course, target, paper):
                built.append((part, target.read_bytes()))
            else:
                missing.append(part)
    for part in missing:
        warnings.warn(f"handout pack: {part.title} skipped (that part of the course is not installed)", stacklevel=2)
    combined = merge_pdfs([data for _, data in built], title=f"{TITLE}: handouts")
    written = [atomic_write_bytes(folder / part.filename, data) for part, data in built]
    written.append(atomic_write_bytes(folder / COMBINED, combined))
    lines = [f"{TITLE}: handout pack ({paper})", "", "File                          Pages  What"]
    for part, data in built:
        lines.append(f"{part.filename:<30}{count_pdf_pages(data):>5}  {part.title}")
    lines.append(f"{COMBINED:<30}{count_pdf_pages(combined):>5}  Everything above, in order, for one print job")
    for part in missing:
        lines.append(f"(not included: {part.title})")
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
