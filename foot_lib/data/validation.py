"""Table-specific checks that go beyond the descriptor's column rules.

The descriptor covers types, allowed values and keys. Some rules need code (a zone's
outline must not cross itself; a routine step's technique must fit its pressure...). Each
feature module registers its checks here with :func:`register_check`; the loader runs them
after every table has been parsed and the foreign keys have been checked, so a check can
look at other tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .loading import Course

Check = Callable[["Course"], None]
_CHECKS: dict[str, list[Check]] = {}


def register_check(table: str) -> Callable[[Check], Check]:
    """Decorator: run ``func(course)`` whenever a course containing ``table`` is loaded.

    The function raises :class:`foot_lib.DataError` (use ``course.error(table, row, column,
    message)`` to locate it) when the data is wrong.
    """

    def decorator(func: Check) -> Check:
        _CHECKS.setdefault(table, [])
        if func not in _CHECKS[table]:
            _CHECKS[table].append(func)
        return func

    return decorator


def checks_for(table: str) -> list[Check]:
    """The checks registered for ``table``, in registration order."""
    return list(_CHECKS.get(table, []))
