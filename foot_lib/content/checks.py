"""Every table check of the course in one list, and the loader that runs them all.

Each module that owns a table exports a plain ``CHECKS`` mapping; this module merges them
(:data:`CHECKS`). :func:`foot_lib.content.loader.load_course` (the face's ``foot_lib.load_course``)
passes them to the data layer's loader, importing this module only when the checks run.
Adding a table check: export it in the owning module's ``CHECKS`` and add that module below.
"""

from __future__ import annotations

from ..data.loading import Check, Checks
from ..geometry import maps, zone_geometry
from . import evidence, legs, preparation, quiz, routines, self_care


def merge_checks(*groups: Checks) -> dict[str, tuple[Check, ...]]:
    """One mapping from several modules' ``CHECKS``, keeping their order (a check listed twice runs once)."""
    merged: dict[str, list[Check]] = {}
    for group in groups:
        for table, checks in group.items():
            bucket = merged.setdefault(table, [])
            bucket.extend(c for c in checks if c not in bucket)
    return {table: tuple(checks) for table, checks in merged.items()}


CHECKS = merge_checks(
    zone_geometry.CHECKS,
    maps.CHECKS,
    evidence.CHECKS,
    legs.CHECKS,
    preparation.CHECKS,
    quiz.CHECKS,
    routines.CHECKS,
    self_care.CHECKS,
)

