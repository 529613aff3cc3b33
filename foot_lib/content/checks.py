"""Every table check of the course in one list, and the loader that runs them all.

Each module that owns a table exports a plain ``CHECKS`` mapping; this module merges them
(:data:`CHECKS`) and :func:`load_course` passes them to the data layer's loader. It is the
face's ``foot_lib.load_course``. Adding a table check: export it in the owning module's
``CHECKS`` and add that module below.
"""

from __future__ import annotations

from pathlib import Path

from ..data import loading
from ..data.loading import Check, Checks, Course
from ..geometry import zone_geometry
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
    evidence.CHECKS,
    legs.CHECKS,
    preparation.CHECKS,
    quiz.CHECKS,
    routines.CHECKS,
    self_care.CHECKS,
)


def load_course(data_dir: str | Path | None = None) -> Course:
    """Load every table of the course from ``data_dir`` and validate it, table checks included.

    ``data_dir`` defaults to ``$FOOT_COURSE_DATA`` or the shipped ``data/`` folder. A teacher
    can pass their own copy (see :func:`foot_lib.copy_data`). Raises :class:`foot_lib.DataError`,
    naming file, line and column, for anything wrong. Results are cached per folder until a
    file in it changes, so calling it in every lesson costs nothing.
    """
    return loading.load_course(data_dir, checks=CHECKS)
