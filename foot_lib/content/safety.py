"""Safety screening before a foot massage: answers to yes/no questions → stop / ask / adapt / go.

Why a pure function: the verdict decides whether someone with a possible blood clot gets a
massage, so it must be the same every time for the same answers, testable without a browser
and explainable line by line. Everything it knows comes from ``contraindications.csv``: one
question per row (rows that share the exact same question text are merged deliberately into
one question), the row's severity, whether it is a red flag, what to do instead and which
areas to leave alone. The widget (:mod:`foot_lib.widgets.safety`) and the printable checklist
(:mod:`foot_lib.handouts.checklist`) only display what :func:`screen` returns.

Precedence, strongest first:

1. any *yes* to a red-flag or ``stop_refer`` row → **stop** (no massage; see a clinician);
2. any *yes* to an ``ask_clinician`` row → **ask** (check with a clinician first);
3. any question left unanswered, answered "not sure", answered with something that is not
   yes/no, or an answer key that matches no question → **ask**. An unanswered red-flag
   question gives *ask*, not *stop*: nothing says the sign is present, but nothing says it
   is absent either, so the person is told to check that sign first. It never gives *go*;
4. any *yes* to an ``adapt`` row → **adapt** (massage gently, away from the listed areas);
5. everything answered *no* → **go**.

A *stop* verdict says what to do and why, plainly: it leaves out the notes on where the source
articles disagree (``safer_side_notes``), which belong to the teaching table, not to a moment
when someone needs a doctor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..data.loading import records

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

VERDICTS: tuple[str, ...] = ("stop", "ask", "adapt", "go")
"""Possible verdicts, most cautious first."""

GROUPS: dict[str, str] = {
    "today": "How you feel today",
    "feet_legs": "Your feet and legs",
    "long_term": "Long-term conditions",
    "medicines": "Medicines and remedies",
    "pregnancy": "Pregnancy",
    "child": "Massaging a child",
}
"""Form sections in the order a person thinks them through (the ``group`` enum of the table)."""

SEVERITY_WORDS: dict[str, str] = {
    "stop_refer": "stop and see a clinician",
    "ask_clinician": "ask a clinician first",
    "adapt": "massage only in adapted form",
}

HEADLINES: dict[str, str] = {
    "stop": "Do not massage. Get the medical help described below.",
    "ask": "Not yet: check with a doctor, nurse, midwife or pharmacist before any massage, as described below.",
    "ask_open": "Not yet: some questions are still open. Answer them, or ask a clinician, before any massage.",
    "adapt": "Gentle massage is possible, adapted as described below.",
    "go": "Nothing in this check stands in the way of a gentle foot massage. Stop if anything hurts.",
}

MAX_LISTED_OPEN = 5
"""Up to this many ordinary open questions are named one by one in a verdict's reasons."""

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_UNSURE = {"not sure", "unsure", "unknown", "?", "", "none"}


@dataclass(frozen=True)
class Verdict:
    """The outcome of :func:`screen`, in plain words.

    ``reasons`` explain the verdict (each applying condition with its severity, then every
    question still open); ``instead`` says what to do instead; ``avoid_areas`` lists body
    areas to keep away from if an adapted massage goes ahead; ``safer_side_notes`` say where
    the source articles disagree and that the safer reading was taken. ``applies`` holds the
    contraindication row ids answered *yes*, ``open_questions`` the question ids not
    answered yes/no, and ``unknown_keys`` answer keys that matched no question.
    """

    verdict: str
    headline: str
    reasons: list[str] = field(default_factory=list)
    instead: list[str] = field(default_factory=list)
    avoid_areas: list[str] = field(default_factory=list)
    safer_side_notes: list[str] = field(default_factory=list)
    applies: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        """The verdict as plain text, e.g. for a screen reader, a print-out or a test.

        Advice already in the headline is not repeated, so a STOP message reads as one plain
        instruction followed by the reasons.
        """
        parts = [f"{self.verdict.upper()}: {self.headline}"]
        for title, items in (
            ("Why", self.reasons),
            ("What to do instead", [i for i in self.instead if i not in self.headline]),
            ("Keep away from", self.avoid_areas),
            ("Where the sources disagree", self.safer_side_notes),
        ):
            if items:
                parts.append(title + ":")
                parts.extend(f"  - {item}" for item in items)
        return "\n".join(parts)


def _contraindications(table: Course | pd.DataFrame) -> pd.DataFrame:
    if isinstance(table, pd.DataFrame):
        return table
    return table["contraindications"]


def _split(cell: Any) -> list[str]:
    """Items of an ``avoid_areas`` cell (plain string, ';'-separated) or of a list cell."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    if isinstance(cell, (tuple, list)):
        return [str(x).strip() for x in cell if str(x).strip()]
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def safety_questions(table: Course | pd.DataFrame) -> pd.DataFrame:
    """One row per question of the safety check, in form order.

    Columns: ``question_id`` (the id of the first contraindication row asking it), ``group``,
    ``group_label``, ``question``, ``rows`` (tuple of every contraindication row id this
    question covers), ``severity`` (the most cautious of those rows) and ``red_flag``.
    Rows with the same question text in the same group become one question, so a teacher
    merges two rows by giving them the same wording.
    """
    frame = _contraindications(table)
    order = {g: i for i, g in enumerate(GROUPS)}
    rank = {"stop_refer": 0, "ask_clinician": 1, "adapt": 2}
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in records(frame, ["id", "group", "question", "severity", "red_flag"]):  # columns read once
        key = (row["group"], " ".join(str(row["question"]).split()))
        entry = merged.get(key)
        if entry is None:
            merged[key] = {
                "question_id": row["id"],
                "group": row["group"],
                "group_label": GROUPS.get(row["group"], row["group"]),
                "question": key[1],
                "rows": (row["id"],),
                "severity": row["severity"],
                "red_flag": bool(row["red_flag"]),
            }
        else:
            entry["rows"] = (*entry["rows"], row["id"])
            if rank[row["severity"]] < rank[entry["severity"]]:
                entry["severity"] = row["severity"]
            entry["red_flag"] = entry["red_flag"] or bool(row["red_flag"])
    questions = sorted(merged.values(), key=lambda q: order.get(q["group"], len(order)))
    columns = ["question_id", "group", "group_label", "question", "rows", "severity", "red_flag"]
    return pd.DataFrame(questions, columns=columns)


def _read_answer(value: Any) -> bool | str | None:
    """True / False / None (not sure); the string ``"invalid"`` for anything unreadable."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _YES:
            return True
        if low in _NO:
            return False
        if low in _UNSURE:
            return None
    return "invalid"


def _add(items: list[str], new: str) -> None:
    if new and new not in items:
        items.append(new)


@dataclass(frozen=True)
class SafetyRules:
    """The contraindications table prepared for fast, repeated screening.

    Built once by :func:`prepare_rules`; plain Python data so that screening thousands of
    answer combinations (the exhaustive tests) does not go through pandas every time.
    """

    questions: tuple[dict[str, Any], ...]
    rows: dict[str, dict[str, Any]]
    row_to_question: dict[str, str]


def prepare_rules(table: Course | pd.DataFrame | SafetyRules) -> SafetyRules:
    """Turn the course (or a contraindications DataFrame) into :class:`SafetyRules`."""
    if isinstance(table, SafetyRules):
        return table
    frame = _contraindications(table)
    questions = tuple(safety_questions(frame).to_dict("records"))
    rows = {
        str(r["id"]): {
            "condition": str(r["condition"]),
            "severity": str(r["severity"]),
            "red_flag": bool(r["red_flag"]),
            "instead": str(r["instead"] or "").strip(),
            "avoid_areas": _split(r["avoid_areas"]),
            "sources_say": str(r["sources_say"] or "").strip(),
        }
        for r in frame.to_dict("records")
    }
    row_to_question = {rid: q["question_id"] for q in questions for rid in q["rows"]}
    return SafetyRules(questions=questions, rows=rows, row_to_question=row_to_question)


def screen(answers: Mapping[str, Any], table: Course | pd.DataFrame | SafetyRules) -> Verdict:
    """Screen one person before a foot massage; see the module docstring for the rules.

    ``answers`` maps a question id (or any contraindication row id the question covers) to
    ``True`` (yes), ``False`` (no) or ``None`` (not sure); the strings "yes"/"no"/"not sure"
    are accepted too. Questions missing from ``answers`` count as not answered. ``table`` is
    the course, its contraindications DataFrame or prepared :class:`SafetyRules` (required:
    the rules are the teacher's data, never a hidden default). No side effects: the same
    inputs always give the same verdict.
    """
    rules = prepare_rules(table)

    # Resolve every answer to its question; the most cautious answer wins if a question
    # is answered twice (once by question id, once by a merged row id).
    given: dict[str, bool | str | None] = {}
    unknown_keys: list[str] = []
    caution = {True: 0, "invalid": 1, None: 2, False: 3}
    for key in answers:
        qid = rules.row_to_question.get(str(key))
        if qid is None:
            unknown_keys.append(str(key))
            continue
        value = _read_answer(answers[key])
        if qid not in given or caution[value] < caution[given[qid]]:
            given[qid] = value

    applies: list[str] = []
    open_questions: list[dict[str, Any]] = []
    invalid: set[str] = set()
    for q in rules.questions:
        value = given.get(q["question_id"])
        if value is True:
            applies.extend(q["rows"])
        elif value is None or value == "invalid":
            open_questions.append(q)
            if value == "invalid":
                invalid.add(q["question_id"])

    rows = [rules.rows[r] for r in applies]
    flags = [r for r in rows if r["red_flag"]]
    stops = [r for r in rows if r["severity"] == "stop_refer" and not r["red_flag"]]
    asks = [r for r in rows if r["severity"] == "ask_clinician" and not r["red_flag"]]
    adapts = [r for r in rows if r["severity"] == "adapt" and not r["red_flag"]]

    if flags or stops:
        verdict = "stop"
    elif asks or open_questions or unknown_keys:
        verdict = "ask"
    elif adapts:
        verdict = "adapt"
    else:
        verdict = "go"

    reasons: list[str] = []
    instead: list[str] = []
    avoid: list[str] = []
    notes: list[str] = []
    # Red flags first, then the rest by severity, so the most urgent advice is read first.
    for r in flags + stops + asks + adapts:
        flag = ", red flag" if r["red_flag"] else ""
        _add(reasons, f"{r['condition']} ({SEVERITY_WORDS[r['severity']]}{flag})")
        _add(instead, r["instead"])
        for area in r["avoid_areas"]:
            _add(avoid, area)
        if r["sources_say"] and verdict != "stop":
            _add(
                notes,
                f"{r['condition']}: {r['sources_say']} Where sources differ, the course takes the safer "
                f"reading: {SEVERITY_WORDS[r['severity']]}.",
            )
    # Open questions: a stop verdict stands whatever they say, so only count them then;
    # otherwise name every red-flag question and every unreadable answer, and the rest
    # too unless there are so many that the list would bury the verdict.
    named = [q for q in open_questions if q["red_flag"] or q["question_id"] in invalid]
    rest = [q for q in open_questions if q not in named]
    if verdict == "stop":
        named, rest = [], open_questions
    elif len(rest) <= MAX_LISTED_OPEN:
        named, rest = open_questions, []
    for q in named:
        why = "answer not understood" if q["question_id"] in invalid else "not answered"
        flag = " (a red-flag sign: have it checked before any massage)" if q["red_flag"] else ""
        _add(reasons, f"Still open, {why}: {q['question']}{flag}")
    if rest:
        _add(reasons, f"{len(rest)} {'other ' if named or verdict == 'stop' else ''}question"
             f"{'s' if len(rest) > 1 else ''} not answered yet.")
    if open_questions and verdict != "stop":
        _add(instead, "Answer the open questions; if you cannot, ask a doctor, nurse or midwife first.")
    for key in unknown_keys:
        _add(reasons, f"Answer {key!r} does not match any question of this check")
    if verdict == "go":
        _add(reasons, "Every question was answered no.")
    headline = HEADLINES["ask_open" if verdict == "ask" and not asks else verdict]
    if verdict == "stop":
        # Every red flag's advice goes in the headline: two urgent signs must not hide each other.
        urgent: list[str] = []
        for r in flags or stops:
            _add(urgent, r["instead"])
        lead = [] if urgent and urgent[0].lower().startswith("do not massage") else ["Do not massage."]
        headline = " ".join([*lead, *urgent])
    return Verdict(
        verdict=verdict,
        headline=headline,
        reasons=reasons,
        instead=instead,
        avoid_areas=avoid,
        safer_side_notes=notes,
        applies=applies,
        open_questions=[q["question_id"] for q in open_questions],
        unknown_keys=unknown_keys,
    )


def routine_caution(row: Mapping[str, Any]) -> str:
    """The words a routine step shows for one contraindication row it links by id.

    Why one function: the player's banner, the printed cards and the planner all show a
    routine's safety rules, and each must read exactly like the safety check, so the text is
    the row's own condition and 'instead' advice, never a paraphrase that could drift.
    """
    return f"{row['condition']} — {str(row['instead']).strip()}"


def all_no(table: Course | pd.DataFrame | SafetyRules) -> dict[str, bool]:
    """Answers with every question answered *no*: a starting point for scenarios."""
    return {q["question_id"]: False for q in prepare_rules(table).questions}


def contraindications_by_severity(course: Course) -> pd.DataFrame:
    """The contraindications sorted for teaching: red flags, stop, ask, adapt; with sources."""
    frame = course["contraindications"].copy()
    rank = {"stop_refer": 1, "ask_clinician": 2, "adapt": 3}
    pairs = zip(frame["red_flag"], frame["severity"], strict=True)
    frame["_order"] = [0 if bool(f) else rank[s] for f, s in pairs]
    frame = frame.sort_values(["_order", "group"], kind="stable")
    out = pd.DataFrame(
        {
            "condition": frame["condition"],
            "what to do": [
                ("RED FLAG: " if bool(f) else "") + SEVERITY_WORDS[s]
                for f, s in zip(frame["red_flag"], frame["severity"], strict=True)
            ],
            "instead": frame["instead"],
            "sources": [", ".join(s) for s in frame["source"]],
        }
    )
    return out.reset_index(drop=True)


def contraindications_by_article(course: Course) -> pd.DataFrame:
    """A condition × article-section grid: which article section names each condition.

    Columns are every COURSE_MAP section the contraindications table cites (in map order),
    a tick marks the sections that list the condition, and the last column is the course's
    decision. Rows that only the evidence reference adds (such as the signs of a blood
    clot) have no tick at all: the point of the grid is that the articles miss them.
    """
    frame = course["contraindications"]
    sources = course["sources"]
    sections = set(sources.loc[sources["kind"] == "section", "id"])
    cited = {s for cell in frame["source"] for s in cell if s in sections}
    ordered = sorted(cited, key=lambda s: (s[:4], int(s.split(".")[1])))
    data: dict[str, list[str]] = {"condition": list(frame["condition"])}
    for sid in ordered:
        data[sid] = ["✓" if sid in cell else "" for cell in frame["source"]]
    data["course decision"] = [
        ("red flag, " if bool(f) else "") + SEVERITY_WORDS[s]
        for f, s in zip(frame["red_flag"], frame["severity"], strict=True)
    ]
    return pd.DataFrame(data)
