"""Find zones by a learner's words ("where is the liver?", "tiredness") and say what a placement is.

The core of the chart's search box and of its click answers, with no widgets: the explorers
(:mod:`foot_lib.widgets.diagrams`) only feed text and points in. A query is matched against
the zones' body parts (``zones.csv``) and the conditions of ``conditions.csv``; every
placement of a matched body part is returned, from every source and in every view, because
the sources disagree and a learner should see all of them. Each placement is described with
its sources and the evidence label of the claim that charts make (``tradition``), and every
answer ends with the one reminder that a chart is tradition, not diagnosis.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..geometry.zone_geometry import zone_shapes
from .evidence import badge, cite, claim_label

#: The claim every chart placement rests on, and the refuted idea behind reading a chart as diagnosis.
CHART_CLAIM = "chart-point-organ-links"
DIAGNOSIS_CLAIM = "sore-point-ill-organ"
VIEW_WORDS = {"plantar": "sole", "dorsal": "top of the foot", "medial": "inner side", "lateral": "outer side"}

_FILLER = re.compile(
    r"\b(where|what|which|is|are|the|a|an|my|on|of|in|for|to|find|show|me|zone|zones|point|points|"
    r"area|areas|reflex|foot|feet|spot|spots|do|does|i|it|its|about|please|charts?|placed?)\b")


@dataclass(frozen=True)
class Placement:
    """One row of ``zones.csv`` as a learner reads it."""

    zone_id: str
    body_part: str
    foot: str
    views: tuple[str, ...]
    chart: str
    sources: str  # short references, e.g. "S003.11; Ingham 1938"
    evidence: str  # the badge of the chart claim, e.g. "◆ tradition"

    def sentence(self) -> str:
        on = {"both": "both feet", "left": "left foot only", "right": "right foot only"}.get(self.foot, self.foot)
        where = ", ".join(VIEW_WORDS.get(v, v) for v in self.views) or "no drawn shape"
        return f"{self.body_part} — {on}, {where}; {self.chart} chart ({self.sources}); {self.evidence}"


@dataclass(frozen=True)
class SearchResult:
    """What a query found: body parts, conditions and every placement of them."""

    query: str
    body_parts: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    zone_ids: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = field(default=())

    @property
    def found(self) -> bool:
        return bool(self.zone_ids)


def _words(text: str) -> list[str]:
    text = _FILLER.sub(" ", re.sub(r"[^a-z0-9 -]", " ", text.lower()))
    return [w.rstrip("s") if len(w) > 3 else w for w in text.replace("-", " ").split()]


def _views(course: Any) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in zone_shapes(course):
        out.setdefault(row.target, [])
        if row.view not in out[row.target]:
            out[row.target].append(row.view)
    return {k: tuple(v) for k, v in out.items()}


def placements(course: Any, zone_ids: Iterable[str]) -> list[Placement]:
    """The zones ``zone_ids`` as :class:`Placement` rows (order kept, duplicates dropped)."""
    zones = course.zones.set_index("id", drop=False)
    views = _views(course)
    label = badge(str(course.row("claims", CHART_CLAIM)["evidence"]))
    kinds = dict(zip(course.sources["id"], course.sources["kind"], strict=True))
    out = []
    for zid in dict.fromkeys(zone_ids):
        z = zones.loc[zid]
        out.append(Placement(zone_id=zid, body_part=str(z["body_part"]), foot=str(z["foot"]),
                             views=views.get(zid, ()), chart=str(z["chart"]),
                             sources=_sources(course, z["source"], kinds), evidence=label))
    return out


def _sources(course: Any, ids: Iterable[str], kinds: dict[str, str]) -> str:
    """Short references; the course's own notes are named once as "course team"."""
    outside = [i for i in ids if kinds.get(i) != "course"]
    text = cite(course, outside)
    if len(outside) < len(list(ids)):
        text = f"{text}; course team" if text else "course team"
    return text


def reminder(course: Any) -> str:
    """The one sentence every answer ends with: a chart is tradition, not diagnosis."""
    return ("A chart records a tradition, not a diagnosis: a tender spot says nothing about the organ "
            f"(that idea was tested and refuted: {claim_label(course, DIAGNOSIS_CLAIM).split(' — ', 1)[1]}).")


def search_zones(course: Any, query: str) -> SearchResult:
    """Every placement of the body parts or conditions a query names.

    Matching is forgiving: case, plurals and filler words ("where is the …?") are ignored, a
    body part matches when all its words are in the query (or the query's words are all in
    it), and a typo is caught by close matching. Conditions match on their name or id; a
    condition brings the zones ``conditions.csv`` links to it.
    """
    words = _words(query or "")
    if not words:
        return SearchResult(query=query)
    zones = course.zones
    zones = zones[zones["surface"] != "leg"]
    parts = list(dict.fromkeys(zones["body_part"]))
    qset = set(words)
    hits = []
    for part in parts:
        pw = set(_words(part))
        if pw and (pw <= qset or qset <= pw):
            hits.append(part)
    # "cervical spine" names one segment: drop "spine" when a longer name inside the query matched
    specific = [set(_words(h)) for h in hits if set(_words(h)) <= qset]
    hits = [h for h in hits if not any(set(_words(h)) < s for s in specific)]
    conditions: list[str] = []
    cond_zones: list[str] = []
    if "conditions" in course:
        for row in course["conditions"].to_dict("records"):
            cw = set(_words(str(row["condition"]))) | set(_words(str(row["id"])))
            if qset <= cw or (len(qset) >= 3 and len(qset - cw) <= 1):
                conditions.append(str(row["condition"]))
                cond_zones += [z for z in row["zones"] if z in set(zones["id"])]
    suggestions: tuple[str, ...] = ()
    if not hits and not conditions:
        vocab = {w: p for p in parts for w in _words(p)}
        close = difflib.get_close_matches(" ".join(words), parts, n=3, cutoff=0.6)
        for w in words:
            close += [vocab[c] for c in difflib.get_close_matches(w, list(vocab), n=2, cutoff=0.75)]
        hits = list(dict.fromkeys(close))[:3]
        suggestions = tuple(hits)
    ids = [z for z, bp in zip(zones["id"], zones["body_part"], strict=True) if bp in hits]
    return SearchResult(query=query, body_parts=tuple(hits), conditions=tuple(conditions),
                        zone_ids=tuple(dict.fromkeys(ids + cond_zones)), suggestions=suggestions)
