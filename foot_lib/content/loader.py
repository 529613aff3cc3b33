"""``load_course``: the face's loader, which imports the table checks only when it runs them.

Why a module of its own: importing every module that owns a table check (routines, evidence,
quizzes, …) took more time than reading the validated course from its cache. When the
stored course answers, none of the checks runs, so none of their modules needs importing.
:data:`ALL_CHECKS` stands for the complete set (:data:`foot_lib.content.checks.CHECKS`): a
mapping that imports it on first use, with a fixed name the loader's caches key on instead
of the functions themselves. The stored course's key also covers the package's code, so a
changed check is still a miss.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ..data import loading
from ..data.loading import Check, Course


class DeferredChecks(Mapping[str, tuple[Check, ...]]):
    """Every table check of the course, imported from :mod:`.checks` the first time it is read."""

    cache_name = "foot_lib.content.checks.CHECKS"
    """What the loader's caches key on (see :func:`foot_lib.data.course_cache.checks_name`)."""

    def _checks(self) -> Mapping[str, tuple[Check, ...]]:
        from .checks import CHECKS

        return CHECKS

    def __getitem__(self, table: str) -> tuple[Check, ...]:
        return self._checks()[table]

    def __iter__(self) -> Iterator[str]:
        return iter(self._checks())

    def __len__(self) -> int:
        return len(self._checks())

    def __repr__(self) -> str:
        return f"<every table check of the course: {self.cache_name}>"


ALL_CHECKS = DeferredChecks()


def load_course(data_dir: str | Path | None = None) -> Course:
    """Load every table of the course from ``data_dir`` and validate it, table checks included.

    ``data_dir`` defaults to ``$FOOT_COURSE_DATA`` or the shipped ``data/`` folder. A teacher
    can pass their own copy (see :func:`foot_lib.copy_data`). Raises :class:`foot_lib.DataError`,
    naming file, line and column, for anything wrong. Results are cached per folder until a
    file in it changes, so calling it in every lesson costs nothing.
    """
    return loading.load_course(data_dir, checks=ALL_CHECKS)
