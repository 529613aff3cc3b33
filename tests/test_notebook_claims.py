"""No lesson states a refuted claim without its label next to it.

Every markdown cell of every notebook is split into sentences; a sentence that states one of
the refuted diagnostic claims ("a tender point means its organ is ill", "the foot reveals
disease", reflexology "diagnosis") must sit in a cell that also says 'refuted' or 'not
supported'. Code cells are not scanned: their claim tables come from claims.csv through
``evidence_table``, which always shows the label. The rules live in ``foot_lib.content.evidence``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foot_lib.content.evidence import refuted_claim_sentences, unlabelled_refuted_claims
from foot_lib.data.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def markdown_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_refuted_claims_carry_their_label(path: Path) -> None:
    problems = unlabelled_refuted_claims(markdown_cells(path))
    assert not problems, "\n".join(f"{path.name}, markdown cell {i + 1}: {s!r}" for i, s in problems)


@pytest.mark.parametrize(
    "sentence",
    [
        "A sore point on the foot means the matching organ is ill.",
        "Tender spots show which organ has a problem: the organ is unwell.",
        "The map of the sole reveals disease before symptoms appear.",
        "Reflexologists can diagnose the kidneys from the foot.",
        "Pain in this zone means an ill organ.",
    ],
)
def test_scanner_finds_claims(sentence: str) -> None:
    assert refuted_claim_sentences(sentence) == [sentence]
    assert unlabelled_refuted_claims([sentence]) == [(0, sentence)]
    assert unlabelled_refuted_claims([sentence + " This is refuted (White 2000)."]) == []
    assert unlabelled_refuted_claims([f"{sentence} Not supported by trials."]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Press and release a tender point until the discomfort fades.",
        "See a doctor if the heel stays sore for weeks.",
        "A doctor will make the diagnosis.",
        "Stop if anything hurts.",
    ],
)
def test_scanner_leaves_ordinary_sentences_alone(sentence: str) -> None:
    assert refuted_claim_sentences(sentence) == []


def test_label_must_be_in_the_same_cell() -> None:
    cells = ["This claim is refuted.", "A sore point means an ill organ."]
    assert unlabelled_refuted_claims(cells) == [(1, "A sore point means an ill organ.")]
