"""Printed handouts cite sources as a reader finds them in the source list, never by data ids."""

from __future__ import annotations

import re

from foot_lib import load_course
from foot_lib.content.routines import load_routine
from foot_lib.handouts import routine_cards
from foot_lib.handouts.chart_export import build_handout

RAW_ID = re.compile(r"\b(?:[a-z]+\d{4}|course-team|evidence-ref)\b")


def test_the_chart_footnote_names_authors_and_years() -> None:
    course = load_course()
    notes = [t.get_text() for t in build_handout(course).figure.texts if "Zone placements" in t.get_text()]
    assert len(notes) == 1
    note = notes[0].replace("\n", " ")
    assert "White 2000" in note and "Ingham 1938" in note and "Ernst 2009" in note
    assert not RAW_ID.search(note), RAW_ID.findall(note)


def test_routine_cards_cite_references_by_name() -> None:
    course = load_course()
    figure = routine_cards._page(course, load_routine(course, "heel-spur"))  # one card, as printed
    lines = " ".join(t.get_text() for t in figure.texts if t.get_text().startswith(("Sources:", "S0")))
    assert "Sources:" in lines
    assert not RAW_ID.search(lines), RAW_ID.findall(lines)
