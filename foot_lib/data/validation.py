"""Table-specific checks that go beyond the descriptor's column rules.

The descriptor covers types, allowed values and keys. Some rules need code (a zone's
outline must not cross itself; a routine step's technique must fit its pressure...). Each
module that owns a table exports a plain ``CHECKS`` mapping (table name -> check functions);
:mod:`foot_lib.content.checks` lists them all, and whoever loads the course hands them to
:func:`foot_lib.data.loading.load_course`. Why not a registry filled by decorators: then
loading the data had to import every feature module for its side effect, which tied the
data layer to the layers above it in an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .loading import Course

Check = Callable[["Course"], None]
"""A check: ``check(course)`` raises :class:`foot_lib.DataError` (``course.error(...)``) when the data is wrong."""

Checks = Mapping[str, Sequence[Check]]
"""Table name -> the checks to run once every table is parsed and the foreign keys hold."""


def merge_checks(*groups: Checks) -> dict[str, tuple[Check, ...]]:
    """One mapping from several modules' ``CHECKS``, keeping their order (a check listed twice runs once)."""
    merged: dict[str, list[Check]] = {}
    for group in groups:
        for table, checks in group.items():
            bucket = merged.setdefault(table, [])
            bucket.extend(c for c in checks if c not in bucket)
    return {table: tuple(checks) for table, checks in merged.items()}
