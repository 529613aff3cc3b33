"""Learner tables: the one place that turns a DataFrame into a table written for people.

Why one helper: tables reach a learner from many places (lesson cells, evidence and recipe
helpers, widget snapshots, the course website), and each used to leak Python into them —
tuples such as ``('white2000', 'baerheim1998')``, codes such as ``stop_refer`` or ``toe1``,
headers such as ``what_is_known``, times such as ``4.500000``. Here every cell becomes text a
person reads, the same way everywhere:

- lists and tuples are joined with "; "; ``True``/``False`` read yes/no; missing values are blank;
- source ids become short references (``White 2000``; article sections keep their COURSE_MAP id,
  as the course cites them), via :func:`foot_lib.content.evidence.short_reference`;
- area ids (regions and zones) become their names, body-system ids their labels, claim ids the
  claim; an ``id`` column of zones or claims is dropped when the name stands next to it (else
  it is translated too); safety severities become words, and any other snake_case identifier
  (a table name) is written with spaces;
- minutes and seconds become "4 min 30 s"; other numbers lose trailing zeros;
- headers lose underscores (``from_min`` reads "from", its cells carry the unit);
- a meaningful index (a group-by result) becomes ordinary columns, so nothing is hidden;
- text is left-aligned under left-aligned headers, wrapped, never cut short.

The HTML is stable between runs (the Styler's id comes from the content), for nbval.
Pure pandas: no IPython, no widgets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from .evidence import short_reference, short_references
from .routines import format_duration
from .safety import SEVERITY_WORDS
from .table_style import LearnerTable, styled_table

if TYPE_CHECKING:  # pragma: no cover

    from ..data.loading import Course

SYSTEM_COLUMNS = {"body system", "system", "body systems", "systems"}
CLAIM_COLUMNS = {"claim id", "claims", "claims (see labels)", "claim ids"}
ID_NAME_COLUMNS = {"zone": "body part", "claim": "claim"}  # the name a learner reads for each kind of id
SOURCE_COLUMNS = {"source", "sources", "citations", "citation", "references"}
AREA_COLUMNS = {"areas", "area", "regions", "region", "zones", "zone", "zones to work", "anchor"}
MINUTE_COLUMNS = {"minutes": "time", "from min": "from", "to min": "to", "length min": "length"}
SECOND_COLUMNS = {"duration s": "time", "seconds": "time", "duration": "time"}
FOOT_WORDS = {"each": "each foot in turn", "both": "both feet", "left": "left", "right": "right"}
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_SPLIT = re.compile(r"\s*[;,]\s*")

def header_text(name: Any) -> str:
    """A column header for people: ``what_is_known`` → ``what is known``; units move to the cells."""
    if isinstance(name, tuple):  # flattened MultiIndex columns
        name = " ".join(str(part) for part in name if str(part))
    text = "" if name is None else str(name).replace("_", " ").strip()
    return MINUTE_COLUMNS.get(text, SECOND_COLUMNS.get(text, text))


def number_text(value: float) -> str:
    """``2.0`` → ``2``, ``0.150`` → ``0.15``, ``4.5`` → ``4.5`` (at most two decimals)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def duration_text(value: Any, unit: str = "min") -> str:
    """Minutes (or seconds) as a reader says them: ``4.5`` min → ``4 min 30 s``; 0 → ``0 min``."""
    if _missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)  # already words, e.g. "10-15"
    seconds = number * 60 if unit == "min" else number
    return "0 min" if seconds == 0 else format_duration(seconds)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT
    except TypeError:
        return False


_lesson_course: list[Course] = []  # the course of the running lesson (at most one), see set_lesson_course


def set_lesson_course(course: Course | None) -> None:
    """The course whose sources, regions and zones tables are used when a table is shown
    without one (lessons call this through ``setup_notebook``)."""
    _lesson_course[:] = [course] if course is not None else []


def _pairs(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    """Two columns as a dict of strings (plain lists: ``astype(str)`` cost more than the table)."""
    return {str(k): str(v) for k, v in zip(keys.tolist(), values.tolist(), strict=False)}


class _Vocabulary:
    """Id → words lookups from the course data (sources, regions, zones), built once per table."""

    def __init__(self, course: Course | None) -> None:
        course = course if course is not None else (_lesson_course[0] if _lesson_course else None)
        self.course = course
        self.source_ids: set[str] = set()
        self.areas: dict[str, str] = {}
        self.systems: dict[str, str] = {}
        self.claims: dict[str, str] = {}
        self.zone_ids: set[str] = set()
        self._refs: dict[str, str] | None = None
        if course is None:
            return
        if "body_systems" in course:
            systems = course["body_systems"]
            self.systems = _pairs(systems["id"], systems["label"])
        if "claims" in course:
            claims = course["claims"]
            self.claims = _pairs(claims["id"], claims["claim"])
        if "sources" in course:
            self.source_ids = {str(v) for v in course["sources"]["id"].tolist()}
        if "zones" in course:
            zones = course["zones"]
            self.zone_ids = {str(v) for v in zones["id"].tolist()}
            self.areas.update(_pairs(zones["id"], zones["body_part"]))
        if "regions" in course:
            regions = course["regions"]
            self.areas.update({k: v.lower() for k, v in _pairs(regions["id"], regions["label"]).items()})

    def source(self, source_id: str) -> str:
        if self.course is None or source_id not in self.source_ids:
            return source_id
        if self._refs is None:  # every reference at once, the first time a table needs one
            self._refs = short_references(self.course)
        return self._refs.get(source_id) or short_reference(self.course, source_id)

    def area(self, area_id: str) -> str:
        return self.areas.get(area_id, area_id)

    def kind_of_ids(self, values: Iterable[Any]) -> str | None:
        """"zone" or "claim" when every (non-blank) value is such an id, else None."""
        present = [str(v) for v in values if not _missing(v) and str(v)]
        for kind, known in (("zone", self.zone_ids), ("claim", set(self.claims))):
            if present and all(v in known for v in present):
                return kind
        return None

    def id_words(self, kind: str, value: str) -> str:
        return self.areas.get(value, value) if kind == "zone" else self.claims.get(value, value)


def _items(value: Any) -> list[Any] | None:
    """The items of a list-like cell, or None for a single value."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return None


def cell_text(value: Any, column: str = "", vocabulary: _Vocabulary | None = None, unit: str | None = None) -> str:
    """One cell as text for people; ``column`` is the (readable) header it sits under and
    ``unit`` ("min" or "s") marks a column of durations."""
    vocab = vocabulary or _Vocabulary(None)
    column = column.lower()
    items = _items(value)
    if column in SYSTEM_COLUMNS or column in CLAIM_COLUMNS:
        names = vocab.systems if column in SYSTEM_COLUMNS else vocab.claims
        if items is None and isinstance(value, str) and value:
            parts = [v for v in _SPLIT.split(value) if v]
            items = parts if parts and all(p in names for p in parts) else None
            if items is None and value in names:
                items = [value]
        if items is not None:
            return "; ".join(dict.fromkeys(names.get(str(i), str(i)) for i in items if not _missing(i)))
    if column in SOURCE_COLUMNS or column in AREA_COLUMNS:
        known = vocab.source_ids if column in SOURCE_COLUMNS else vocab.areas
        if items is None and isinstance(value, str) and value:
            parts = [v for v in _SPLIT.split(value) if v]
            # only a list of ids is translated; text that merely mentions ids stays as it is
            items = parts if parts and all(p in known for p in parts) else None
        if items is not None:
            lookup = vocab.source if column in SOURCE_COLUMNS else vocab.area
            words = [lookup(str(i)) for i in items if not _missing(i)]
            return "; ".join(dict.fromkeys(words))
    if items is not None:
        return "; ".join(cell_text(i, "", vocab) for i in items if not _missing(i))
    if _missing(value):
        return ""
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if (unit and isinstance(value, (int, float))) or (unit and type(value).__name__.startswith(("float", "int"))):
        return duration_text(value, unit)
    if isinstance(value, float) or type(value).__name__.startswith(("float", "int")):
        return number_text(float(value))
    text = str(value)
    if text in SEVERITY_WORDS:
        return SEVERITY_WORDS[text]
    if column == "foot" and text in FOOT_WORDS:
        return FOOT_WORDS[text]
    if column == "pressure":
        return text.replace("-to-", " to ")
    if _SNAKE.match(text):  # an identifier such as a table name: written as words
        return text.replace("_", " ")
    return text


def _unit_of(column: Any) -> str | None:
    """"min" or "s" for a column of durations (by its name), else None."""
    name = str(column).replace("_", " ").strip()
    return "min" if name in MINUTE_COLUMNS else "s" if name in SECOND_COLUMNS else None


def learner_frame(frame: pd.DataFrame, course: Course | None = None) -> pd.DataFrame:
    """``frame`` with readable headers and every cell as readable text (index folded in)."""
    shown = frame
    named = any(n is not None for n in shown.index.names)
    if named or not pd.api.types.is_integer_dtype(shown.index.dtype):
        # A group-by result or labelled rows: the index is content, so it becomes columns.
        shown = shown.reset_index(names=[n if n is not None else "" for n in shown.index.names])
    if isinstance(shown.columns, pd.MultiIndex):
        shown = shown.set_axis([" ".join(str(p) for p in c if str(p)) for c in shown.columns], axis=1)
    vocab = _Vocabulary(course)
    shown = _without_internal_ids(shown, vocab)
    columns = [header_text(c) for c in shown.columns]
    data = {i: [cell_text(v, header, vocab, _unit_of(original)) for v in shown.iloc[:, i]]
            for i, (original, header) in enumerate(zip(shown.columns, columns, strict=True))}
    out = pd.DataFrame({i: data[i] for i in data})
    out.columns = _unique(columns)
    return out


def _without_internal_ids(frame: pd.DataFrame, vocab: _Vocabulary) -> pd.DataFrame:
    """An ``id`` column of zone or claim ids is for code: dropped when the name a learner reads
    (body part, claim) is already in the table, else replaced by that name."""
    headers = {header_text(c): c for c in frame.columns}
    for header, original in headers.items():
        if header != "id":
            continue
        kind = vocab.kind_of_ids(frame[original])
        if kind is None:
            continue
        if ID_NAME_COLUMNS[kind] in headers:
            frame = frame.drop(columns=[original])
        else:
            frame = frame.assign(**{str(original): [vocab.id_words(kind, str(v)) for v in frame[original]]})
            frame = frame.rename(columns={original: ID_NAME_COLUMNS[kind]})
    return frame


def _unique(names: Iterable[str]) -> list[str]:
    """Headers must be unique for a Styler; repeat a name with a trailing space (invisible)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name + " " * count)
    return out


def learner_table(frame: pd.DataFrame, caption: str | None = None, course: Course | None = None) -> LearnerTable:
    """``frame`` as a table for people (see the module docstring), as a pandas Styler."""
    return styled_table(learner_frame(frame, course), caption)


def learner_html(frame: pd.DataFrame, caption: str | None = None, course: Course | None = None) -> str:
    """:func:`learner_table` as an HTML string (for snapshots and formatters)."""
    return learner_table(frame, caption, course).to_html()


__all__ = ["cell_text", "duration_text", "header_text", "learner_frame", "learner_html", "learner_table", "number_text",
           "set_lesson_course"]
