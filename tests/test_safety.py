"""Safety screening: the verdict rules, exhaustively on a small table and by property on the real one.

The rules (see ``foot_lib.content.safety``): a yes to any red flag or stop row → stop; a yes to an
ask row, or any open question or unknown answer key → ask (never go); adapt rows only →
adapt; all no → go. The synthetic table below is small enough to try every combination of
yes / no / not sure / missing; the shipped table is too big for that, so hypothesis samples it
and each question is also tried on its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foot_lib import load_course
from foot_lib.content.safety import (
    GROUPS,
    all_no,
    contraindications_by_article,
    contraindications_by_severity,
    prepare_rules,
    safety_questions,
    screen,
)

MISSING = object()
VALUES = (True, False, None, MISSING)

SYNTHETIC = pd.DataFrame(
    [
        # id, condition, group, severity, red_flag, question, instead, avoid_areas, sources_say, source
        ("clot", "Possible blood clot", "feet_legs", "stop_refer", True, "Is one calf swollen and painful?",
         "Get seen the same day.", "", "", ("evidence-ref",)),
        ("fever", "Fever", "today", "stop_refer", False, "Do you have a fever?", "Rest and recover first.",
         "", "", ("S000.6",)),
        ("odd-flag", "Red flag filed as adapt", "today", "adapt", True, "Odd red-flag question?",
         "Get it checked.", "", "", ("evidence-ref",)),
        ("pregnant", "Pregnancy", "pregnancy", "ask_clinician", False, "Are you pregnant?", "Ask the midwife.",
         "", "One source says fine, another says never.", ("S002.4", "S003.18")),
        ("veins", "Varicose veins", "feet_legs", "adapt", False, "Varicose veins?",
         "No pressure over the veins.", "the veins themselves;back of the knee", "", ("S000.6",)),
        ("thinners", "Blood thinners", "medicines", "adapt", False, "Blood thinners?", "Light pressure only.",
         "deep work anywhere", "", ("evidence-ref",)),
        # Two rows deliberately sharing one question: answered once, both apply.
        ("warts", "Warts", "feet_legs", "adapt", False, "Any warts, moles or lumps?", "Leave them alone.",
         "the wart", "", ("S000.6",)),
        ("moles", "Moles or lumps", "feet_legs", "adapt", False, "Any warts, moles or lumps?",
         "Leave them alone.", "the mole or lump", "", ("S003.26",)),
    ],
    columns=["id", "condition", "group", "severity", "red_flag", "question", "instead", "avoid_areas",
             "sources_say", "source"],
)
RULES = prepare_rules(SYNTHETIC)
QIDS = [q["question_id"] for q in RULES.questions]


def expected(combo: dict[str, object]) -> str:
    """The precedence rules written out independently of the implementation."""
    by_q = {q["question_id"]: q for q in RULES.questions}
    yes_rows = [RULES.rows[r] for q, v in combo.items() if v is True for r in by_q[q]["rows"]]
    if any(r["red_flag"] or r["severity"] == "stop_refer" for r in yes_rows):
        return "stop"
    if any(r["severity"] == "ask_clinician" for r in yes_rows):
        return "ask"
    if any(v is None or v is MISSING for v in combo.values()):
        return "ask"
    return "adapt" if yes_rows else "go"


def test_synthetic_questions_merge_identical_text_only() -> None:
    questions = safety_questions(SYNTHETIC)
    assert len(questions) == len(SYNTHETIC) - 1
    merged = questions[questions["question"] == "Any warts, moles or lumps?"].iloc[0]
    assert merged["rows"] == ("warts", "moles")
    assert list(questions["group"]) == sorted(questions["group"], key=list(GROUPS).index)


def test_every_combination_of_the_synthetic_table() -> None:
    """All 4**7 combinations of yes / no / not sure / missing."""
    for values in itertools.product(VALUES, repeat=len(QIDS)):
        combo = dict(zip(QIDS, values, strict=True))
        answers = {q: v for q, v in combo.items() if v is not MISSING}
        verdict = screen(answers, RULES)
        assert verdict.verdict == expected(combo), combo
        assert verdict.headline and verdict.reasons
        if verdict.verdict != "go":
            assert verdict.instead, combo
        if combo["clot"] is True:
            assert "same day" in verdict.headline


def test_merged_row_ids_are_accepted_and_the_more_cautious_answer_wins() -> None:
    answers = {**all_no(RULES), "moles": True}
    v = screen(answers, RULES)
    assert v.verdict == "adapt"
    assert {"the wart", "the mole or lump"} <= set(v.avoid_areas)
    # The question answered no by its id but yes through a merged row id: yes wins.
    assert screen({**all_no(RULES), "warts": False, "moles": True}, RULES).verdict == "adapt"


def test_unknown_keys_and_unreadable_answers_never_go() -> None:
    v = screen({**all_no(RULES), "no-such-question": False}, RULES)
    assert v.verdict == "ask" and v.unknown_keys == ["no-such-question"]
    assert any("no-such-question" in r for r in v.reasons)
    for odd in ("maybe", 3, 0.5, ["yes"]):
        v = screen({**all_no(RULES), "fever": odd}, RULES)
        assert v.verdict == "ask", odd
        assert any("not understood" in r for r in v.reasons)


def test_string_answers_are_read_like_booleans() -> None:
    assert screen({**all_no(RULES), "clot": "Yes"}, RULES).verdict == "stop"
    assert screen({q: "no" for q in QIDS}, RULES).verdict == "go"
    assert screen({**all_no(RULES), "clot": "not sure"}, RULES).verdict == "ask"


def test_disagreeing_sources_are_named_with_the_safer_reading() -> None:
    v = screen({**all_no(RULES), "pregnant": True}, RULES)
    assert v.verdict == "ask"
    assert any("safer reading" in note and "another says never" in note for note in v.safer_side_notes)


def test_unanswered_red_flag_question_asks_and_names_the_sign() -> None:
    answers = all_no(RULES)
    del answers["clot"]
    v = screen(answers, RULES)
    assert v.verdict == "ask"
    assert any("calf" in r and "red-flag" in r for r in v.reasons)


def test_screen_has_no_side_effects() -> None:
    before = SYNTHETIC.copy(deep=True)
    answers = {"clot": True, "veins": None}
    frozen = dict(answers)
    first = screen(answers, SYNTHETIC)
    assert screen(answers, SYNTHETIC) == first
    assert answers == frozen
    pd.testing.assert_frame_equal(SYNTHETIC, before)


# --------------------------------------------------------------------- the shipped data

@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def rules(course):
    return prepare_rules(course)


def _answer_strategy(rules):
    qids = [q["question_id"] for q in rules.questions]
    value = st.sampled_from([True, False, None, MISSING])
    return st.fixed_dictionaries({q: value for q in qids})


def _stop_question_ids(rules) -> set[str]:
    return {
        q["question_id"]
        for q in rules.questions
        if any(rules.rows[r]["red_flag"] or rules.rows[r]["severity"] == "stop_refer" for r in q["rows"])
    }


def test_real_table_has_questions_in_every_group(course, rules) -> None:
    questions = safety_questions(course)
    assert set(questions["group"]) == set(GROUPS)
    assert questions["question"].str.strip().str.endswith("?").all()
    assert len(rules.questions) >= 15


def test_every_contraindication_row_is_reachable_from_a_question(course, rules) -> None:
    """For each row: yes to its question (all else no) puts that row's condition in the reasons."""
    for rid, row in rules.rows.items():
        qid = rules.row_to_question[rid]
        v = screen({**all_no(rules), qid: True}, rules)
        assert rid in v.applies
        assert any(r.startswith(row["condition"]) for r in v.reasons), rid
        want = "stop" if row["red_flag"] or row["severity"] == "stop_refer" else {
            "ask_clinician": "ask", "adapt": "adapt"}[row["severity"]]
        assert v.verdict == want, rid
        assert row["instead"] in v.instead


def test_each_single_question_in_each_state(rules) -> None:
    stop_q = _stop_question_ids(rules)
    for q in rules.questions:
        for value in (True, None, "banana"):
            v = screen({**all_no(rules), q["question_id"]: value}, rules)
            assert v.verdict != "go"
            if value is True and q["question_id"] in stop_q:
                assert v.verdict == "stop"


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_property_red_flag_or_stop_answered_yes_gives_stop(rules, data) -> None:
    combo = data.draw(_answer_strategy(rules))
    stop_q = _stop_question_ids(rules)
    extra = data.draw(st.sampled_from(sorted(stop_q)))
    combo[extra] = True
    answers = {q: v for q, v in combo.items() if v is not MISSING}
    v = screen(answers, rules)
    assert v.verdict == "stop"
    assert v.instead


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_property_never_go_unless_everything_is_no(rules, data) -> None:
    combo = data.draw(_answer_strategy(rules))
    answers = {q: v for q, v in combo.items() if v is not MISSING}
    v = screen(answers, rules)
    all_answered_no = len(answers) == len(rules.questions) and all(x is False for x in answers.values())
    assert (v.verdict == "go") == all_answered_no
    if any(combo[q] is True for q in _stop_question_ids(rules)):
        assert v.verdict == "stop"
    else:
        assert v.verdict != "stop"


def test_all_no_is_go(rules) -> None:
    v = screen(all_no(rules), rules)
    assert v.verdict == "go" and not v.instead


def _question_about(rules, *words: str) -> str:
    for q in rules.questions:
        text = q["question"].lower()
        if all(w in text for w in words):
            return q["question_id"]
    raise AssertionError(f"no question mentions {words}")


def test_one_sided_calf_swelling_stops_with_same_day_assessment(rules) -> None:
    """The issue's done-criterion, in plain words, every time (also with other answers)."""
    qid = _question_about(rules, "calf")
    for others in (all_no(rules), {}, {q["question_id"]: None for q in rules.questions}):
        v = screen({**others, qid: True}, rules)
        assert v.verdict == "stop"
        assert "same day" in v.headline.lower() or "same-day" in v.headline.lower()
        text = v.as_text().lower()
        assert "emergency" in text  # breathlessness / chest pain → emergency services


def test_diabetic_foot_sore_sends_to_the_foot_team(rules) -> None:
    qid = _question_about(rules, "diabet")
    hits = [q for q in rules.questions if "diabet" in q["question"].lower()]
    sore = [q for q in hits if any(w in q["question"].lower() for w in ("sore", "cut", "blister", "wound"))]
    assert sore, "a question about a sore on a diabetic foot"
    v = screen({**all_no(rules), sore[0]["question_id"]: True}, rules)
    assert v.verdict == "stop"
    assert "foot team" in " ".join(v.instead).lower() or "doctor" in " ".join(v.instead).lower()
    assert qid


def test_teaching_tables(course) -> None:
    sev = contraindications_by_severity(course)
    assert len(sev) == len(course.contraindications)
    assert sev["what to do"].iloc[0].startswith("RED FLAG")
    grid = contraindications_by_article(course)
    for sid in ("S000.6", "S002.14", "S002.16", "S002.24", "S003.18", "S003.26"):
        assert sid in grid.columns


@pytest.mark.slow  # builds the PDF twice (reproducibility)
def test_checklist_pdf_is_written_atomically_and_never_into_the_shipped_data(course, tmp_path: Path) -> None:
    """(That it is reproducible is checked against the handout pack's own copy, built by another
    process: tests/test_handouts.py, so the checklist is not built twice to show it.)"""
    from foot_lib.handouts.checklist import export_safety_checklist

    a = export_safety_checklist(course, tmp_path / "a.pdf")
    assert a.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.tmp"))
    from foot_lib.data.files import ShippedDataError

    with pytest.raises(ShippedDataError):
        export_safety_checklist(course, course.data_dir / "checklist.pdf")


def test_widget_updates_live(course) -> None:
    from foot_lib.widgets.safety import SafetyCheck

    w = SafetyCheck(course)
    assert w.verdict.verdict == "ask"  # nothing answered yet
    w.set_all("no")
    assert w.verdict.verdict == "go"
    assert "Go" in w.verdict_box.value or "go" in w.verdict_box.value.lower()
    calf = _question_about(prepare_rules(course), "calf")
    w.answer(calf, "yes")
    assert w.verdict.verdict == "stop"
    assert "same" in w.verdict_box.value.lower()
    assert "STOP" in w.verdict_box.value  # words, not only colour
    w.answer(calf, "not sure")
    assert w.verdict.verdict == "ask"
    w.reset_button.click()
    assert w.verdict.verdict == "ask" and all(t.value is None for t in w.toggles.values())


def test_core_modules_do_not_import_widgets() -> None:
    import subprocess
    import sys

    code = (
        "import sys, foot_lib.content.safety, foot_lib.content.evidence, foot_lib.handouts.checklist\n"
        "assert 'ipywidgets' not in sys.modules, 'core imported ipywidgets'\n"
        "import foot_lib\n"
        "assert foot_lib.screen is foot_lib.content.safety.screen and foot_lib.Verdict and foot_lib.safety_questions\n"
        "assert foot_lib.claim_label and foot_lib.evidence_table and foot_lib.contradictions\n"
        "assert foot_lib.export_safety_checklist\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    from foot_lib import SafetyCheck

    assert SafetyCheck.__module__ == "foot_lib.widgets.safety"


def test_reasons_stay_short_when_much_is_open(rules) -> None:
    calf = _question_about(rules, "calf")
    stop = screen({calf: True}, rules)
    assert len(stop.reasons) == 2 and stop.reasons[-1].endswith("not answered yet.")
    ask = screen({}, rules)
    flagged = sum(q["red_flag"] for q in rules.questions)
    assert len(ask.reasons) == flagged + 1  # each red-flag question by name, then a count
    assert all("red-flag" in r for r in ask.reasons[:-1])
