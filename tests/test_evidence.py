"""The evidence layer: labels and citations on every claim, the eleven contradictions as data."""

from __future__ import annotations

import re

import pytest

from foot_lib import DataError, load_course
from foot_lib.content.evidence import (
    LABELS,
    badge,
    claim_label,
    claim_sentence,
    claims_for,
    contradiction_frame,
    contradiction_table,
    contradictions,
    contradictions_overview,
    evidence_table,
    label_legend,
    short_reference,
)
from foot_lib.data.paths import REPO_DIR

COURSE_MAP = REPO_DIR.parent / "shared" / "COURSE_MAP.md"
SECTION = re.compile(r"S00\d\.\d+")


@pytest.fixture(scope="module")
def course():
    return load_course()


def test_every_claim_has_a_label_and_resolvable_citations(course) -> None:
    refs = set(course.sources.loc[course.sources["kind"] != "section", "id"])
    for _, row in course.claims.iterrows():
        label = claim_label(course, row["id"])
        word, _, cited = label.partition(" — ")
        assert word == row["evidence"] and word in LABELS, row["id"]
        assert cited.strip(), row["id"]
        assert any(c in refs for c in row["citations"]), row["id"]
        for c in row["citations"]:
            assert short_reference(course, c) in cited


def test_refuted_diagnosis_claim_reads_as_expected(course) -> None:
    assert claim_label(course, "sore-point-ill-organ").startswith("refuted — White 2000; Bærheim 1998")
    line = claim_sentence(course, "sore-point-ill-organ")
    assert "✗ refuted" in line and "White 2000" in line


def test_badges_are_words_not_colour_alone() -> None:
    for label in LABELS:
        assert label in badge(label)
    with pytest.raises(ValueError):
        badge("probably")
    assert len(label_legend()) == len(LABELS)


def test_evidence_table_has_a_badge_and_citation_per_row(course) -> None:
    claims = course.claims
    html = evidence_table(claims, course, caption="All claims").to_html()
    assert html == evidence_table(claims, course, caption="All claims").to_html()  # stable for nbval
    for _, row in claims.iterrows():
        assert badge(row["evidence"]) in html
    assert html.count("<tr") == len(claims) + 1
    data = evidence_table(claims, course).data
    assert list(data.columns) == ["claim", "what is known", "evidence", "sources"]
    assert (data["sources"].str.len() > 0).all()
    with pytest.raises(KeyError):
        evidence_table(course.zones, course)


def test_claims_for_sections(course) -> None:
    s003_16 = claims_for(course, ["S003.16"])
    assert "conditions-table-s003-16" in set(s003_16["id"])
    assert len(claims_for(course)) == len(course.claims)


def _map_contradictions() -> list[set[str]]:
    text = COURSE_MAP.read_text(encoding="utf-8")
    block = text.split("## Contradictions", 1)[1]
    bullets = re.split(r"\n- ", block)[1:]
    return [set(SECTION.findall(b)) for b in bullets]


def test_eleven_contradictions_as_structured_data(course) -> None:
    items = contradictions(course)
    assert len(items) == len(course.contradictions) > 0
    sections = set(course.sources.loc[course.sources["kind"] == "section", "id"])
    for c in items:
        assert len(c.sides) >= 2, c.id
        for side in c.sides:
            assert side.statement and side.sections and set(side.sections) <= sections, c.id
        assert c.what_is_known and c.course_takes and c.citations
        assert any(x not in sections for x in c.citations), f"{c.id}: evidence must cite a reference"
    placement = {c.body_part for c in items if c.is_placement}
    assert placement == {"eyes", "ears", "liver"}
    for c in items:
        if c.is_placement:
            parts = set(course.zones.set_index("id").loc[list(c.zones), "body_part"])
            assert parts == {c.body_part} and len(c.zones) >= 2


@pytest.mark.skipif(not COURSE_MAP.exists(), reason="shared/COURSE_MAP.md is not beside the repo")
def test_every_course_map_contradiction_is_a_row_with_all_its_sections(course) -> None:
    wanted = _map_contradictions()
    assert wanted, "no contradictions parsed from COURSE_MAP.md"
    rows = [{s for side in c.sides for s in side.sections} for c in contradictions(course)]
    for ids in wanted:
        assert any(ids <= row for row in rows), sorted(ids)


def test_contradiction_tables_are_side_by_side_and_stable(course) -> None:
    for c in contradictions(course):
        frame = contradiction_frame(course, c)
        assert [col for col in frame.columns if col.startswith("position")] == [
            f"position {i}" for i in range(1, len(c.sides) + 1)
        ]
        assert contradiction_table(course, c.id).to_html() == contradiction_table(course, c).to_html()
    assert len(contradictions_overview(course)) == len(course.contradictions)
    with pytest.raises(KeyError):
        contradiction_frame(course, "no-such-topic")


def test_contradiction_check_catches_a_zone_of_the_wrong_organ(data_copy) -> None:
    path = data_copy / "contradictions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("eyes-base-toes-2-4", "liver-right-arch-deep", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_course(data_copy)
    assert err.value.column == "zones" and "contradictions.csv" in str(err.value)
