"""Every claim reaches a learner with its label, and no lesson contradicts the claims table.

Three rules hold the evidence layer together (issue 11, items 11, 12 and 14):

1. **Shown where taught.** Every row of ``claims.csv`` appears, with its label, in a lesson
   that teaches one of the sections it comes from. A lesson teaches a section when its
   markdown names the section ID; the claim is shown when a stored output (an evidence table,
   a claim sentence) or a markdown cell holds the claim's own text and its label in the same
   table row or paragraph. Stored outputs count because they are what a reader without a
   kernel sees, and nbval keeps them in step with the code.
2. **Real citations.** A ``supported`` or ``limited`` label must cite at least one study,
   review, guideline or reference text, not only the course's own notes.
3. **No retyped label that disagrees.** A markdown sentence that names article sections and
   states an evidence label must agree with the table: each named section that makes claims
   has at least one claim with that label. Lessons should quote labels through
   ``claim_label``/``evidence_table``; this test catches the ones that were typed by hand.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from foot_lib import load_course

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SECTION = re.compile(r"\bS00\d\.\d+\b")
LABEL_WORDS = ("supported", "limited", "unsupported", "refuted", "tradition")
#: A label stated on purpose: in bold or code, e.g. **refuted** or `unsupported`.
STATED_LABEL = re.compile(r"(?:\*\*|`)(supported|limited|unsupported|refuted|tradition)(?:\*\*|`)", re.I)
SENTENCE = re.compile(r"\n|(?<=[.!?])\s+(?=[A-Z*`(])")
"""Sentence breaks: a new line (list items, table rows) or a full stop before a capital."""
TAG = re.compile(r"<[^>]+>")
COURSE_OWN = {"course"}
"""``sources.csv`` kinds that are the course's own notes, not evidence."""


@pytest.fixture(scope="module")
def course():
    return load_course()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def shown_chunks(path: Path) -> list[str]:
    """Pieces of a notebook in which a claim and its label count as shown together.

    HTML outputs are split into table rows, everything else into paragraphs; tags are
    stripped and entities decoded, so ``>tradition<`` in a row reads as the word.
    """
    chunks: list[str] = []
    for cell in _cells(path):
        texts = []
        if cell["cell_type"] == "markdown":
            texts.append(("md", "".join(cell["source"])))
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                texts.append(("html", "".join(data["text/html"])))
            elif "text/markdown" in data:
                texts.append(("md", "".join(data["text/markdown"])))
            if "text" in out:
                texts.append(("md", "".join(out["text"])))
        for kind, text in texts:
            parts = re.split(r"<tr\b", text) if kind == "html" else re.split(r"\n\s*\n", text)
            chunks.extend(_norm(html.unescape(TAG.sub(" ", p))) for p in parts)
    return chunks


def teaching_lessons(sections: tuple[str, ...]) -> list[Path]:
    """The lessons whose markdown names at least one of ``sections``."""
    wanted = set(sections)
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        md = "\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")
        if wanted & set(SECTION.findall(md)):
            found.append(path)
    return found


def _shows(chunk: str, claim: str, label: str) -> bool:
    return _norm(claim) in chunk and re.search(rf"\b{label}\b", chunk) is not None


def test_every_claim_is_shown_with_its_label_where_its_section_is_taught(course) -> None:
    chunks = {p: shown_chunks(p) for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))}
    missing = []
    for row in course.claims.to_dict("records"):
        sections = tuple(s for s in row["source"] if SECTION.fullmatch(s))
        lessons = teaching_lessons(sections)
        if not any(_shows(c, row["claim"], row["evidence"]) for p in lessons for c in chunks[p]):
            names = ", ".join(p.stem for p in lessons) or "no lesson names its sections"
            missing.append(f"{row['id']} ({row['evidence']}; {', '.join(sections)}) not shown in: {names}")
    assert not missing, "claims never shown with their label:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("claim_id", "lesson"),
    [
        ("limping-before-heart-attack", "02-reflex-map"),
        ("big-toe-hormone-risk", "02-reflex-map"),
        ("wet-feet-sinus-colds", "02-reflex-map"),
        ("projection-table-benefits", "02-reflex-map"),
        ("chart-points-treat-ailments", "02-reflex-map"),
        ("five-energy-channels", "05-routines"),
    ],
)
def test_claims_the_review_found_hidden_are_shown_in_their_lesson(course, claim_id: str, lesson: str) -> None:
    row = course.row("claims", claim_id)
    chunks = shown_chunks(NOTEBOOKS / f"{lesson}.ipynb")
    assert any(_shows(c, row["claim"], row["evidence"]) for c in chunks), f"{claim_id} not shown in {lesson}"


def test_limping_claim_comes_with_the_real_warning_signs() -> None:
    """Where the limping claim is taught, the lesson gives the real red flags too."""
    text = " ".join(shown_chunks(NOTEBOOKS / "02-reflex-map.ipynb")).lower()
    assert "calf pain" in text and "walking" in text and "eases with rest" in text
    assert "chest pain" in text and "emergency services" in text


def test_supported_and_limited_labels_cite_real_evidence(course) -> None:
    kinds = course.sources.set_index("id")["kind"]
    weak = []
    for row in course.claims.to_dict("records"):
        if row["evidence"] not in ("supported", "limited"):
            continue
        real = [c for c in row["citations"] if kinds[c] not in COURSE_OWN and kinds[c] not in ("article", "section")]
        if not real:
            weak.append(f"{row['id']} ({row['evidence']}) cites only {', '.join(row['citations'])}")
    assert not weak, "labels resting on the course's own notes:\n" + "\n".join(weak)


def stated_label_conflicts(course, text: str) -> list[str]:
    """Sentences of ``text`` whose stated label no claim of their named sections carries."""
    labels_by_section: dict[str, set[str]] = {}
    for row in course.claims.to_dict("records"):
        for s in row["source"]:
            labels_by_section.setdefault(s, set()).add(row["evidence"])
    problems = []
    for paragraph in re.split(r"\n\s*\n", text):
        for sentence in SENTENCE.split(paragraph):
            stated = {m.lower() for m in STATED_LABEL.findall(sentence)}
            if len(stated) != 1:
                continue  # no label, or a sentence comparing labels
            label = stated.pop()
            for section in SECTION.findall(sentence):
                known = labels_by_section.get(section)
                if known and label not in known:
                    problems.append(f"{section} is stated as {label}, the table says {sorted(known)}: {sentence!r}")
    return problems


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_markdown_labels_agree_with_the_claims_table(course, path: Path) -> None:
    problems = []
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] == "markdown":
            problems += [f"cell {i}: {p}" for p in stated_label_conflicts(course, "".join(cell["source"]))]
    assert not problems, "\n".join(problems)


def test_conflict_scanner_catches_a_retyped_label(course) -> None:
    bad = "Pressing a tender point starts the organ's recovery (S002.5), which is **refuted**."
    assert stated_label_conflicts(course, bad)
    good = "Pressing a tender point starts the organ's recovery (S002.5), which is **unsupported**."
    assert not stated_label_conflicts(course, good)
