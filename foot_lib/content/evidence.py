"""The evidence layer: every health claim shown with its label and where the label comes from.

Why a helper instead of printing ``claims.csv``: a learner must never meet a claim without
its evidence label next to it, and the label must be readable without colour (printed in
greyscale, read by a screen reader, seen by someone colour-blind). So the badge is always a
symbol plus the word (``✗ refuted``) with a colour as an extra cue, and citations are turned
from ids (``white2000``) into short references (``White 2000``) a learner can look up in the
lesson's reference list. Nothing here hard-codes a claim: all text comes from the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..data.loading import Checks, records
from .table_style import LearnerTable, styled_table

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

LABELS: dict[str, dict[str, str]] = {
    # symbol, background, text colour (contrast ≥ 4.5:1), meaning in plain words (EVIDENCE.md).
    "supported": {"symbol": "✓", "bg": "#d6ecd2", "fg": "#1b4d1b",
                  "meaning": "consistent evidence from reviews or guidelines"},
    "limited": {"symbol": "◐", "bg": "#fdf0c2", "fg": "#5c4500",
                "meaning": "some small or low-quality trials point this way"},
    "unsupported": {"symbol": "?", "bg": "#e4e4e4", "fg": "#2b2b2b",
                    "meaning": "no good evidence either way; tradition or anecdote only"},
    "refuted": {"symbol": "✗", "bg": "#f6d0d0", "fg": "#6b0f0f",
                "meaning": "tested and found not to hold"},
    "tradition": {"symbol": "◆", "bg": "#dde3f5", "fg": "#1f2f66",
                  "meaning": "what a school or chart teaches, not a claim about the body"},
}
"""Evidence labels with the badge's symbol and colours (course-team choice)."""

_SECTION = re.compile(r"^S00\d\.\d+$")
_INITIALS = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'-]+(?=\s+[A-Z]{1,3}\b)")


def badge(label: str) -> str:
    """Symbol and word for an evidence label, e.g. ``"✗ refuted"`` (never colour alone)."""
    if label not in LABELS:
        raise ValueError(f"unknown evidence label {label!r}; expected one of {', '.join(LABELS)}")
    return f"{LABELS[label]['symbol']} {label}"


def label_legend() -> pd.DataFrame:
    """The five labels, their badges and what each means, for a lesson's key."""
    return pd.DataFrame(
        [{"badge": badge(k), "meaning": v["meaning"]} for k, v in LABELS.items()]
    )


def short_reference(course: Course, source_id: str) -> str:
    """A short, human reference for a ``sources.csv`` id: ``"White 2000"``, ``"S003.16"``.

    Article sections keep their COURSE_MAP id (that is how the course cites them); references
    become first author (or organisation) plus year; course rows use their title.
    """
    return _short(course.row("sources", source_id), source_id)


def short_references(course: Course) -> dict[str, str]:
    """:func:`short_reference` of every source at once (a table of many cells reads each
    column once instead of looking up a row per cell)."""
    rows = records(course["sources"], ["id", "kind", "title", "authors", "year"])
    return {str(r["id"]): _short(r, str(r["id"])) for r in rows}


def _short(row: Any, source_id: str) -> str:
    if row["kind"] == "section" or _SECTION.match(source_id):
        return source_id
    if row["kind"] in ("course", "article"):
        return str(row["title"])
    authors = str(row["authors"] or "").strip()
    match = _INITIALS.match(authors)
    name = match.group(0) if match else authors.split(",")[0].replace(" et al.", "").strip()
    if not name:
        name = str(row["title"])
    year = row["year"]
    return f"{name} {int(year)}" if year is not None and not pd.isna(year) else name


def cite(course: Course, ids: Iterable[str]) -> str:
    """Short references for several ids, joined with '; ' (order kept, duplicates dropped)."""
    seen: list[str] = []
    for i in ids:
        ref = short_reference(course, i)
        if ref not in seen:
            seen.append(ref)
    return "; ".join(seen)


def claim_label(course: Course, claim_id: str) -> str:
    """``"refuted — White 2000; Bærheim 1998"``: a claim's label and citations for running text."""
    row = course.row("claims", claim_id)
    return f"{row['evidence']} — {cite(course, row['citations'])}"


def claim_sentence(course: Course, claim_id: str) -> str:
    """One markdown line: the claim, its badge, what is known and the sources."""
    row = course.row("claims", claim_id)
    return (
        f"**{badge(row['evidence'])}** — {row['claim']} *What is known:* {row['what_is_known']} "
        f"(Evidence: {cite(course, row['citations'])}; claimed in {', '.join(row['source'])}.)"
    )


def claims_for(course: Course, sections: Iterable[str] | None = None) -> pd.DataFrame:
    """The claims made in the given COURSE_MAP sections (all claims if ``sections`` is None)."""
    claims = course["claims"]
    if sections is None:
        return claims.copy()
    wanted = set(sections)
    mask = [bool(wanted & set(cell)) for cell in claims["source"]]
    return claims[mask].reset_index(drop=True)


def evidence_table(
    frame: pd.DataFrame,
    course: Course,
    *,
    columns: Iterable[str] | None = None,
    caption: str | None = None,
    label_column: str = "evidence",
    citations_column: str = "citations",
    source_column: str | None = "source",
) -> LearnerTable:
    """Render claim rows as a table with an evidence badge and resolved citations per row.

    ``frame`` needs an evidence-label column and a citations column (tuples of
    ``sources.csv`` ids, as the loader gives them). The result has the ``columns`` asked for
    (default: ``claim`` and ``what_is_known`` when present), then ``evidence`` as a badge
    (symbol + word, coloured), then ``sources``: short references, plus the article sections
    that make the claim. The HTML is stable between runs (fixed uuid), for nbval.
    """
    for needed in (label_column, citations_column):
        if needed not in frame.columns:
            raise KeyError(f"evidence_table needs a {needed!r} column; the frame has: {', '.join(frame.columns)}")
    if columns is None:
        columns = [c for c in ("claim", "what_is_known") if c in frame.columns]
    columns = list(columns)
    out = frame[columns].copy().reset_index(drop=True)
    out.columns = [c.replace("_", " ") for c in columns]
    out["evidence"] = [badge(x) for x in frame[label_column]]
    refs: list[str] = []
    for _, row in frame.iterrows():
        text = cite(course, row[citations_column])
        if source_column and source_column in frame.columns:
            sections = [s for s in row[source_column] if _SECTION.match(s)]
            if sections:
                text += f" (claimed in {', '.join(sections)})"
        refs.append(text)
    out["sources"] = refs
    labels = list(frame[label_column])

    def colour(column: pd.Series) -> list[str]:
        return [
            f"background-color: {LABELS[lab]['bg']}; color: {LABELS[lab]['fg']}; font-weight: bold"
            for lab in labels
        ]

    return styled_table(out, caption).apply(colour, subset=["evidence"], axis=0)


def conditions_with_labels(course: Course) -> pd.DataFrame:
    """S003.16's conditions table with the zones' body parts and the linked claim's label.

    One row per condition: ``condition``, ``zones to work`` (body parts, in the table's
    order), and the claim's ``evidence``, ``citations`` and ``source`` so the result can go
    straight into :func:`evidence_table`.
    """
    parts = course["zones"].set_index("id")["body_part"]
    claims = course["claims"].set_index("id")
    rows = []
    for row in course["conditions"].to_dict("records"):
        claim = claims.loc[row["claim"]]
        rows.append(
            {
                "condition": row["condition"],
                "zones to work": ", ".join(dict.fromkeys(parts[z] for z in row["zones"])),
                "evidence": claim["evidence"],
                "citations": claim["citations"],
                "source": row["source"],
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- contradictions

@dataclass(frozen=True)
class Side:
    """One position the sources take: what it says and the sections that say it."""

    statement: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Contradiction:
    """A disagreement between the source articles, with what is known and the course's choice."""

    id: str
    topic: str
    sides: tuple[Side, ...]
    what_is_known: str
    course_takes: str
    citations: tuple[str, ...]
    body_part: str
    zones: tuple[str, ...]
    source: tuple[str, ...]

    @property
    def is_placement(self) -> bool:
        """True when the disagreement is about where a zone sits (so it can be drawn)."""
        return bool(self.body_part)


def contradictions(course: Course) -> list[Contradiction]:
    """The contradictions of ``contradictions.csv`` (eleven in the shipped data), in file order."""
    items: list[Contradiction] = []
    for row in course["contradictions"].to_dict("records"):
        sides = []
        for letter in "abcd":
            statement = str(row.get(f"side_{letter}") or "").strip()
            if statement:
                sides.append(Side(statement, tuple(row.get(f"side_{letter}_sections") or ())))
        items.append(
            Contradiction(
                id=row["id"],
                topic=row["topic"],
                sides=tuple(sides),
                what_is_known=row["what_is_known"],
                course_takes=row["course_takes"],
                citations=tuple(row["citations"]),
                body_part=str(row.get("body_part") or ""),
                zones=tuple(row.get("zones") or ()),
                source=tuple(row["source"]),
            )
        )
    return items


def contradiction(course: Course, contradiction_id: str) -> Contradiction:
    """One contradiction by id."""
    for item in contradictions(course):
        if item.id == contradiction_id:
            return item
    known = ", ".join(c.id for c in contradictions(course))
    raise KeyError(f"no contradiction {contradiction_id!r}; known: {known}")


def contradiction_frame(course: Course, item: Contradiction | str) -> pd.DataFrame:
    """Side-by-side table: one column per position, plus what is known and the course's choice.

    Rows: what each position says, which sections say it; the last two columns hold what is
    known (with its references) and what the course teaches.
    """
    if isinstance(item, str):
        item = contradiction(course, item)
    data: dict[str, list[str]] = {"": ["says", "sources"]}
    for number, side in enumerate(item.sides, start=1):
        data[f"position {number}"] = [side.statement, ", ".join(side.sections)]
    data["what is known"] = [item.what_is_known, cite(course, item.citations)]
    data["the course teaches"] = [item.course_takes, "course decision"]
    return pd.DataFrame(data)


def contradiction_table(course: Course, item: Contradiction | str) -> LearnerTable:
    """:func:`contradiction_frame` as a stable, wrapped Styler captioned with the topic."""
    if isinstance(item, str):
        item = contradiction(course, item)
    return styled_table(contradiction_frame(course, item), f"Sources disagree: {item.topic}")


def contradictions_overview(course: Course) -> pd.DataFrame:
    """One line per contradiction: topic, how many positions, the sections, what the course takes."""
    return pd.DataFrame(
        [
            {
                "topic": c.topic,
                "positions": len(c.sides),
                "sections": ", ".join(s for side in c.sides for s in side.sections),
                "the course teaches": c.course_takes,
            }
            for c in contradictions(course)
        ]
    )


def check_contradictions(course: Course) -> None:
    """Optional sides need a statement and sections together; placement rows name their zones."""
    frame = course["contradictions"]
    zones = course["zones"].set_index("id")["body_part"]
    for pos, row in enumerate(frame.to_dict("records")):
        for letter in "cd":
            if bool(str(row[f"side_{letter}"] or "").strip()) != bool(row[f"side_{letter}_sections"]):
                raise course.error(
                    "contradictions", pos, f"side_{letter}_sections",
                    f"side {letter.upper()} needs both a statement and its sections (or neither)",
                )
        body_part = str(row["body_part"] or "")
        if body_part and not row["zones"]:
            raise course.error("contradictions", pos, "zones", "a placement disagreement needs its zone rows")
        for zone in row["zones"]:
            if zone in zones.index and zones[zone] != body_part:
                raise course.error(
                    "contradictions", pos, "zones", f"zone {zone!r} is about {zones[zone]!r}, not {body_part!r}"
                )


# ------------------------------------------------------------------ refuted claims in prose

_CONTEXT = r"\b(foot|feet|sole|zones?|reflex\w*|charts?|maps?|points?|spots?|toes?)\b"
_RULES: tuple[tuple[str, ...], ...] = (
    # "a sore / tender / painful point means its organ is ill", in either order
    (r"\b(sore|tender|painful)\s+(points?|spots?|zones?|areas?)\b", r"\b(organs?|disease|illness|ill|unwell|sick)\b"),
    (r"\bill\s+organs?\b",),
    (r"\borgans?\s+(is|are)\s+(ill|unwell|sick|diseased)\b",),
    # "the foot reveals / detects disease (before symptoms)"
    (r"\b(reveal|detect|flag|signal)\w*\b", r"\b(disease|illness|organ problems?)\b", _CONTEXT),
    (r"\bbefore\s+(any\s+)?symptoms\b",),
    # reflexology as diagnosis: "diagnos..." together with foot / zone words
    (r"\bdiagnos\w*", _CONTEXT),
)
REFUTED_CLAIM_PATTERNS: tuple[tuple[re.Pattern[str], ...], ...] = tuple(
    tuple(re.compile(p, re.IGNORECASE) for p in rule) for rule in _RULES
)
"""Sentence rules that spot a refuted diagnostic claim: a sentence matches a rule when it
matches every pattern of that rule (e.g. 'tender point' *and* 'organ')."""

LABEL_WORDS = re.compile(r"\b(refuted|not supported)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def refuted_claim_sentences(text: str) -> list[str]:
    """Sentences of a markdown text that state a refuted claim (see the patterns above)."""
    found = []
    for sentence in _SENTENCE_END.split(text):
        clean = " ".join(sentence.split())
        if clean and any(all(p.search(clean) for p in rule) for rule in REFUTED_CLAIM_PATTERNS):
            found.append(clean)
    return found


def unlabelled_refuted_claims(cells: Iterable[str]) -> list[tuple[int, str]]:
    """(cell index, sentence) for every refuted-claim sentence in a cell without its label.

    A cell passes when it says 'refuted' or 'not supported' itself: a learner reading the
    claim then reads its label in the same cell, next to it.
    """
    problems: list[tuple[int, str]] = []
    for index, text in enumerate(cells):
        if LABEL_WORDS.search(text):
            continue
        problems.extend((index, s) for s in refuted_claim_sentences(text))
    return problems


# Table checks the loader runs (listed for all modules in foot_lib.content.checks).
CHECKS: Checks = {
    "contradictions": (check_contradictions,),
}
