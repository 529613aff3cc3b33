"""The one learner-table helper (foot_lib.content.tables): tables written for people."""

from __future__ import annotations

import pandas as pd
import pytest

from foot_lib import load_course
from foot_lib.content.tables import cell_text, duration_text, header_text, learner_frame, learner_html, number_text


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_headers_lose_underscores_and_units_move_to_cells() -> None:
    assert header_text("what_is_known") == "what is known"
    assert header_text("from_min") == "from"
    assert header_text("minutes") == "time"
    assert header_text("duration_s") == "time"
    assert header_text(("foot", "left")) == "foot left"
    assert header_text("S000.6") == "S000.6"


def test_times_numbers_and_flags_read_as_words() -> None:
    assert duration_text(4.5) == "4 min 30 s"
    assert duration_text(95, "s") == "1 min 35 s"
    assert duration_text(0) == "0 min"
    assert duration_text("10-15") == "10-15"
    assert number_text(2.0) == "2"
    assert number_text(0.150) == "0.15"
    assert cell_text(True) == "yes"
    assert cell_text(None) == ""
    assert cell_text(float("nan")) == ""


def test_lists_sources_areas_and_codes_become_words(course) -> None:
    frame = pd.DataFrame({
        "citations": [("white2000", "baerheim1998")],
        "areas": ["toe1, between-toes"],
        "severity": ["stop_refer"],
        "foot": ["each"],
        "pressure": ["light-to-medium"],
        "tags": [("a", "b")],
        "minutes": [4.5],
    })
    row = learner_frame(frame, course).iloc[0].to_dict()
    assert row["citations"] == "White 2000; Bærheim 1998"
    assert "toe1" not in row["areas"] and "between" in row["areas"]
    assert row["severity"] == "stop and see a clinician"
    assert row["foot"] == "each foot in turn"
    assert row["pressure"] == "light to medium"
    assert row["tags"] == "a; b"
    assert row["time"] == "4 min 30 s"


def test_text_that_mentions_ids_is_left_as_written(course) -> None:
    frame = pd.DataFrame({"sources": ["White 2000 (claimed in S003.5, S003.24)"]})
    assert learner_frame(frame, course).iloc[0, 0] == "White 2000 (claimed in S003.5, S003.24)"


def test_group_by_index_becomes_columns_and_row_numbers_disappear(course) -> None:
    grouped = course.zones.groupby("body_system").size().rename("zones").to_frame()
    shown = learner_frame(grouped, course)
    assert list(shown.columns) == ["body system", "zones"]
    filtered = course.zones[course.zones["foot"] != "both"][["id", "foot"]]  # integer index with gaps
    assert list(learner_frame(filtered, course).columns) == ["body part", "foot"]  # zone ids read as names


def test_html_is_left_aligned_complete_and_stable(course) -> None:
    long_text = "word " * 60
    frame = pd.DataFrame({"what_is_known": [long_text.strip()], "source": [("white2000",)]})
    html = learner_html(frame, "Caption", course)
    assert html == learner_html(frame, "Caption", course)  # same id every run (nbval)
    assert "text-align: left" in html and "what is known" in html and "what_is_known" not in html
    assert long_text.strip() in html  # nothing cut short
    assert "White 2000" in html and "('white2000'" not in html


def test_every_lesson_table_helper_goes_through_it(course) -> None:
    from foot_lib.content.evidence import contradiction_table, evidence_table
    from foot_lib.content.preparation import scale_oil_recipe
    from foot_lib.drawing.tables import oil_table, table

    claims = course.claims.head(3)
    for styler in (evidence_table(claims, course), table(claims[["claim", "what_is_known", "citations"]]),
                   oil_table(scale_oil_recipe(course, feet=2, sessions=1)),
                   contradiction_table(course, course.contradictions["id"].iloc[0])):
        html = styler.to_html()
        assert "_" not in "".join(str(c) for c in styler.data.columns)
        assert "('" not in html


def test_internal_ids_become_names(course) -> None:
    """Zone, claim and body-system ids are for code; a learner reads the names from the data."""
    zones = course.zones[["id", "body_part", "body_system"]].head(3)
    shown = learner_frame(zones, course)
    assert list(shown.columns) == ["body part", "body system"]  # the id column next to its name is dropped
    assert shown.iloc[0, 1] == "Nervous system & brain"
    claims = course.claims.set_index("id").loc[["sore-point-ill-organ"], ["evidence"]]
    shown = learner_frame(claims, course)
    assert list(shown.columns) == ["claim", "evidence"] and "sore-point" not in shown.iloc[0, 0]
    kinds = pd.DataFrame({"claims (see labels)": ["boosts-immunity, relaxation-and-calm"]})
    assert "boosts-immunity" not in learner_frame(kinds, course).iloc[0, 0]


def _internal_ids(course) -> set[str]:
    """Ids no learner table may show: zones, claims, body systems and non-section sources."""
    ids = set(course.zones["id"]) | set(course.claims["id"]) | set(course.body_systems["id"])
    ids |= {i for i in course.sources["id"] if i[:1] != "S"}
    names = set(course.zones["body_part"]) | set(course.regions["label"].str.lower())
    return ids - names  # a one-word id that is also the plain name (``heart``) may appear


def test_no_stored_lesson_table_shows_an_internal_id(course) -> None:
    """Issue 13 item 2: every table a learner sees in a stored lesson speaks in names."""
    import html
    import json
    import re
    from pathlib import Path

    ids = _internal_ids(course)
    problems = []
    for path in sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb")):
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                page = "".join(output.get("data", {}).get("text/html", ""))
                for table in re.findall(r"<table.*?</table>", page, re.S):
                    for raw in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S):
                        text = html.unescape(re.sub(r"<[^>]+>", "", raw)).strip()
                        shown = {text} | {p for p in re.split(r"[;,]\\s*", text)}
                        for hit in sorted(shown & ids):
                            problems.append(f"{path.name} cell {number}: {hit!r}")
    assert not problems, "\n".join(sorted(set(problems)))
