"""What the shipped data must say, beyond being well-formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foot_lib import course_map_ids, coverage_report, load_course
from foot_lib.data.paths import REPO_DIR

COURSE_MAP = REPO_DIR.parent / "shared" / "COURSE_MAP.md"
LABELS = {"supported", "limited", "unsupported", "refuted", "tradition"}


@pytest.fixture(scope="module")
def course():
    return load_course()


def map_sections() -> dict[str, set[str]]:
    """Section ID -> tags, read from the shared COURSE_MAP."""
    found = {}
    for m in re.finditer(r"^- (S00\d\.\d+) ([TZCSX ]+) —", COURSE_MAP.read_text(encoding="utf-8"), re.M):
        found[m.group(1)] = set(m.group(2).split())
    return found


@pytest.mark.skipif(not COURSE_MAP.exists(), reason="shared/COURSE_MAP.md is not beside the repo")
def test_sources_list_every_course_map_section_with_its_tags(course) -> None:
    expected = map_sections()
    assert len(expected) >= 89
    assert set(course_map_ids(course)) == set(expected)
    tags = course.sources.set_index("id")["tags"]
    for sid, want in expected.items():
        assert set(tags[sid]) == want, sid


def test_every_claim_has_a_label_and_a_resolvable_citation(course) -> None:
    ids = set(course.sources["id"])
    refs = set(course.sources.loc[course.sources["kind"] != "section", "id"])
    for _, row in course.claims.iterrows():
        assert row["evidence"] in LABELS, row["id"]
        assert row["citations"], row["id"]
        assert all(c in ids for c in row["citations"]), row["id"]
        assert any(c in refs for c in row["citations"]), f"{row['id']} cites only article sections"
        assert row["what_is_known"].strip(), row["id"]


def test_every_claim_section_has_a_claim(course) -> None:
    tags = course.sources.set_index("id")["tags"]
    claim_sections = {s for s in course_map_ids(course) if "C" in tags[s]}
    cited = {s for cell in course.claims["source"] for s in cell}
    assert claim_sections <= cited, sorted(claim_sections - cited)


def test_diagnosis_claims_are_refuted(course) -> None:
    claim = course.row("claims", "sore-point-ill-organ")
    assert claim["evidence"] == "refuted"
    assert {"white2000", "baerheim1998"} <= set(claim["citations"])


def test_contraindications_cover_every_article_list(course) -> None:
    lists = {"S000.6", "S002.14", "S002.16", "S002.24", "S003.18", "S003.26"}
    cited = {s for cell in course.contraindications["source"] for s in cell}
    assert lists <= cited, sorted(lists - cited)
    dvt = course.contraindications[course.contraindications["condition"].str.contains("thrombosis|DVT", case=False)]
    assert len(dvt) >= 1
    assert (dvt["severity"] == "stop_refer").all() and dvt["red_flag"].all()
    assert dvt["instead"].str.contains("same-day|same day", case=False).any()


def test_zone_sections_are_all_in_the_zone_table(course) -> None:
    wanted = {"S000.1", "S002.8", "S003.6", "S003.11", "S003.12", "S003.23", "S003.32", "S003.33"}
    cited = {s for cell in course.zones["source"] for s in cell}
    assert wanted <= cited, sorted(wanted - cited)


def test_disagreeing_placements_are_kept_not_merged(course) -> None:
    zones = course.zones
    for organ in ("eyes", "ears", "liver"):
        rows = zones[zones["body_part"] == organ]
        assert len(rows) >= 2, f"{organ}: sources disagree, so there must be one row per placement"
    heart = zones[zones["body_part"] == "heart"]
    assert "left" in set(heart["foot"])


def test_conditions_table_is_s003_16_and_linked_to_its_claim(course) -> None:
    conditions = course.conditions
    assert len(conditions) > 0
    assert conditions["condition"].is_unique, "one row per condition"
    assert all("S003.16" in cell for cell in conditions["source"])
    assert set(conditions["claim"]) == {"conditions-table-s003-16"}
    assert all(1 <= len(z) <= 7 for z in conditions["zones"])


def test_techniques_keep_the_articles_words_as_aliases(course) -> None:
    aliases = {a.lower() for cell in course.techniques["aliases"] for a in cell}
    for word in ("ironing", "caterpillar", "sipping"):
        assert any(word in a for a in aliases), word


def test_coverage_report_counts_course_map_ids(course, capsys) -> None:
    report = coverage_report(course, Path(REPO_DIR / "notebooks"))
    covered = int(report["covered"].sum())
    with capsys.disabled():
        print(f"\nCOURSE_MAP coverage: {covered}/{len(report)} sections referenced by data or notebooks; "
              f"{int(report['taught'].sum())} named in a notebook")
    assert covered >= len(report) // 2
