"""Store what every lesson's kernel would otherwise compute first: ``python -m foot_lib.warm_caches``.

Two files go into the package's own ``__pycache__`` folder, beside its bytecode (see
:mod:`foot_lib.data.course_cache` and :mod:`foot_lib.drawing.chart_store`): the validated
shipped course, and the glyph outlines of the labels the lessons' first charts use. Without
them each kernel validates the course and lays out those labels again (a few tenths of a
second for every learner and lesson). ``python3 course.py`` runs this before Jupyter or the
tests; on a class server whose package folder students cannot write, run it once after
installing (as the installing user), see docs/CLASS_SERVERS.md. Quick when both are stored.
"""

from __future__ import annotations

import sys


def warm_caches() -> bool:
    """Store the validated course and the charts' label outlines; True if both are in place."""
    from .content.loader import load_course
    from .data.course_cache import warm
    from .drawing.chart import warm_label_cache

    return bool(warm(lambda: warm_label_cache(load_course())))


if __name__ == "__main__":
    sys.exit(0 if warm_caches() else 1)
