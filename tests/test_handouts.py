"""The handout pack: builds, has the expected pages, is reproducible, refuses to overwrite.

Building the full pack takes seconds, so it is built once per run, in a fresh process started
with the session, beside the other tests (tests/background.py): by the command line of the
package installed from its wheel, outside the repository (the wheel test's job in
tests/test_packaging.py; it is the ``pack`` fixture, inspected by several tests). Its parts must
be byte-identical to the same parts built here, from the repository, in a process that has
drawn much else before (reproducible, whichever way the package is installed). Every test that
needs the pack is marked ``slow`` (left out by ``python3 course.py test --quick``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import background
import pytest
from pypdf import PdfReader, PdfWriter
from test_packaging import wheel_outside_the_repository

from foot_lib import build_handout_pack, load_course
from foot_lib.content.quiz import lessons_with_questions
from foot_lib.data.files import ShippedDataError
from foot_lib.data.paths import SHIPPED_DATA_DIR
from foot_lib.handouts.pack import (
    COMBINED,
    CONTENTS,
    PARTS,
    count_pdf_pages,
    figures_to_pdf,
    merge_pdfs,
    quiz_sheets_pdf,
    text_pages,
)
from foot_lib.handouts.pack import main as pack_main

# Every part of the pack, in order (the pack must contain exactly these).
EXPECTED = [p.filename for p in PARTS]


@pytest.fixture(scope="module")
def course():
    return load_course()


needs_pack = background.needs(wheel_outside_the_repository)


@pytest.fixture(scope="module")
def pack() -> Path:
    return background.result(wheel_outside_the_repository).pack


TEACHERS_FILE = "my-notes.txt"  # was in the folder before the pack was built (tests/test_packaging.py)


def check_pdf_structure(raw: bytes, bookmarks: list[str] | None = None) -> PdfReader:
    """A strict reader accepts it, every page has a size, and the bookmarks are the parts'."""
    reader = PdfReader(io.BytesIO(raw), strict=True)
    assert len(reader.pages) == count_pdf_pages(raw) > 0
    for page in reader.pages:
        assert page.mediabox.width > 0 and page.mediabox.height > 0
    if bookmarks is not None:
        assert [item.title for item in reader.outline] == bookmarks
    return reader


# -- the pack ---------------------------------------------------------------------------
@pytest.mark.slow
@needs_pack
def test_pack_has_the_expected_files(pack: Path) -> None:
    names = sorted(p.name for p in pack.iterdir())
    assert names == sorted([*EXPECTED, COMBINED, CONTENTS, TEACHERS_FILE])


@pytest.mark.slow
@needs_pack
def test_page_counts(pack: Path, course) -> None:
    lessons = len(lessons_with_questions(course))
    assert lessons == len(set(course["quiz_questions"]["lesson"])) > 0
    assert count_pdf_pages(pack / "04-quiz-sheets.pdf") >= lessons  # one sheet (a page or more) per lesson
    assert count_pdf_pages(pack / "05-answer-key.pdf") >= 2
    parts = sum(count_pdf_pages(pack / name) for name in EXPECTED)
    assert count_pdf_pages(pack / COMBINED) == parts
    contents = (pack / CONTENTS).read_text()
    assert f"{COMBINED:<30}{parts:>5}" in contents


@pytest.mark.slow
@needs_pack
def test_combined_pack_is_a_well_formed_pdf(pack: Path) -> None:
    reader = check_pdf_structure((pack / COMBINED).read_bytes(), [p.title for p in PARTS])
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    sizes = [count_pdf_pages(pack / name) for name in EXPECTED]
    assert starts == [sum(sizes[:k]) for k in range(len(sizes))]  # each bookmark opens its part
    check_pdf_structure((pack / "01-reflex-charts.pdf").read_bytes(),
                        ["Reflex chart: the soles", "Reflex chart: the tops of the feet"])


@pytest.mark.slow
@needs_pack
def test_refuses_an_existing_pack_unless_asked(pack: Path, course) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in pack.iterdir()}
    with pytest.raises(FileExistsError, match="overwrite=True"):
        build_handout_pack(pack, course=course)
    assert {p.name: p.stat().st_mtime_ns for p in pack.iterdir()} == before


def test_bad_destinations(tmp_path: Path, course) -> None:
    with pytest.raises(ShippedDataError):
        build_handout_pack(SHIPPED_DATA_DIR / "pack", course=course)
    a_file = tmp_path / "file.pdf"
    a_file.write_bytes(b"x")
    with pytest.raises(NotADirectoryError):
        build_handout_pack(a_file, course=course)
    with pytest.raises(ValueError, match="paper"):
        build_handout_pack(tmp_path / "x", course=course, paper="A3")


# -- the PDF helpers ----------------------------------------------------------------------
def test_merge_and_count_small_pdfs() -> None:
    one = figures_to_pdf(text_pages("One", "a\nb"))
    three = figures_to_pdf(text_pages("Three", "\n".join(f"line {i}" for i in range(100))))
    assert (count_pdf_pages(one), count_pdf_pages(three)) == (1, 3)
    merged = merge_pdfs([one, three, one], bookmarks=["one", "three", "one again"])
    assert count_pdf_pages(merged) == 5
    check_pdf_structure(merged, ["one", "three", "one again"])
    assert merge_pdfs([one, three, one], bookmarks=["one", "three", "one again"]) == merged
    with pytest.raises(ValueError, match="not a PDF"):
        merge_pdfs([b"hello"])
    with pytest.raises(ValueError, match="bookmarks"):
        merge_pdfs([one, three], bookmarks=["only one"])


def test_merge_reads_pdfs_that_matplotlib_did_not_write() -> None:
    """A PDF with compressed object streams (as many tools write them) joins like any other."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=300)
    writer.add_blank_page(width=200, height=300)
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    other = buffer.getvalue()
    one = figures_to_pdf(text_pages("One", "a"))
    merged = merge_pdfs([one, other, merge_pdfs([one, other])])
    assert count_pdf_pages(merged) == 1 + 2 + 3


def test_text_pages_keep_questions_together() -> None:
    text = "\n\n".join("\n".join([f"{q}. question"] + [f"    [ ] {c}" for c in "ABCD"]) for q in range(1, 30))
    figures = text_pages("Long quiz", text)
    for fig in figures:
        lines = [t.get_text() for t in fig.texts][2:]  # after the title and the footer
        assert re.match(r"\d+\. ", lines[0]), lines[:2]  # each page starts with a question


# -- the command line, and the same bytes from another process --------------------------------
@pytest.mark.slow
@needs_pack
def test_command_line_refuses_then_overwrites_only_the_packs_files() -> None:
    """What a teacher sees: a folder that already holds files is refused (nothing changed);
    ``--overwrite`` then replaces the pack's own files and keeps the teacher's."""
    cli = background.result(wheel_outside_the_repository)
    assert cli.refused.returncode == 1 and "--overwrite" in cli.refused.stderr
    assert cli.after_refusal == b"old"
    assert cli.done.returncode == 0, cli.done.stderr
    assert "foot-course-handouts.pdf" in cli.done.stdout and "pages)" in cli.done.stdout
    assert (cli.pack / TEACHERS_FILE).read_text() == "keep me"
    assert (cli.pack / "04-quiz-sheets.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
@needs_pack
def test_this_process_builds_the_bytes_the_installed_wheel_built(pack: Path, course) -> None:
    """Reproducible without building the pack twice: the quiz sheets and the safety checklist
    (text on every page, a table, the fonts), built here from the repository after this
    process has drawn many other figures, are the bytes the wheel's fresh process wrote."""
    from foot_lib.handouts.checklist import safety_checklist_pdf

    assert quiz_sheets_pdf(course, "A4") == (pack / "04-quiz-sheets.pdf").read_bytes()
    assert safety_checklist_pdf(course) == (pack / "03-safety-checklist.pdf").read_bytes()


def test_letter_paper(course) -> None:
    """Letter pages are US Letter (checked on the quiz sheets, the quickest part to build)."""
    sheets = quiz_sheets_pdf(course, "Letter")
    assert sheets.startswith(b"%PDF") and b"/MediaBox [ 0 0 612 792 ]" in sheets  # US Letter
    with pytest.raises(SystemExit):
        pack_main([str(Path("unused")), "--paper", "A3"])  # argparse refuses an unknown paper
