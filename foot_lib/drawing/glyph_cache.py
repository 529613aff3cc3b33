"""The charts' glyph outlines and text widths, kept beside the package between processes.

Why: a chart's labels are drawn as glyph outlines (:class:`.artists.TextBatch`) and its
legend columns are sized from the names' widths (:func:`.layout.text_width`). Making those
outlines with matplotlib's ``TextPath`` is the largest part of a lesson's *first* chart —
about a hundred strings, each laid out glyph by glyph — and every lesson's kernel, for every
learner, made the same ones again. They depend only on the strings, their size, weight and
style, the font files and matplotlib, so they are stored once, like the validated course
(:mod:`foot_lib.data.course_cache`: the package's own ``__pycache__`` folder, atomic writes,
only where Python may write bytecode or when ``python3 course.py`` warms the caches, never
in a teacher's folder; ``FOOT_COURSE_CACHE=off`` turns it off).

The key holds matplotlib's version, the font settings in ``rcParams`` and the identity of
matplotlib's own font list (rebuilt when fonts change): a different font is a miss, and the
outlines are made from scratch as before.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from ..data import course_cache

CACHE_FILE = course_cache.CACHE_FILE.parent / "chart-glyphs.pickle"
_FONT_KEYS = ("font.family", "font.sans-serif", "font.serif", "font.monospace", "font.style", "font.weight",
              "font.size", "text.hinting", "text.hinting_factor", "text.kerning_factor", "mathtext.fontset")

# (text, size, weight, style, ha, va) -> (aligned glyph outlines in points, ink left, ink right)
PATHS: dict[tuple[str, float, str, str, str, str], tuple[Any, float, float]] = {}
# (text, size, weight) -> ink width in points
WIDTHS: dict[tuple[str, float, str], float] = {}
_state: dict[str, Any] = {"loaded": False, "stored": 0, "hit": False}


def _key() -> bytes:
    import matplotlib as mpl
    from matplotlib import font_manager

    rc: Any = mpl.rcParams
    digest = hashlib.sha256(b"foot-course chart glyphs v1\0")
    digest.update(repr((mpl.__version__, [rc[k] for k in _FONT_KEYS])).encode())
    font_list = os.path.join(mpl.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    try:
        st = os.stat(font_list)
        digest.update(repr((font_list, st.st_size, st.st_mtime_ns)).encode())
    except OSError:
        digest.update(b"no font list")
    return digest.digest()


def load() -> None:
    """Fill :data:`PATHS` and :data:`WIDTHS` from the stored file (once per process; a miss leaves them)."""
    if _state["loaded"]:
        return
    _state["loaded"] = True
    if not course_cache.enabled():
        return
    stored = course_cache.read(_key(), dict, CACHE_FILE)
    if stored is not None and isinstance(stored.get("paths"), dict) and isinstance(stored.get("widths"), dict):
        for mine, theirs in ((PATHS, stored["paths"]), (WIDTHS, stored["widths"])):
            for k, v in theirs.items():
                mine.setdefault(k, v)
        _state["hit"] = True
    _state["stored"] = len(PATHS) + len(WIDTHS)


def stored() -> bool:
    """Whether this process found stored outlines made with the same font and matplotlib."""
    load()
    return bool(_state["hit"])


def save() -> bool:
    """Store the caches if they grew since they were loaded or stored and writing is allowed."""
    size = len(PATHS) + len(WIDTHS)
    if not _state["loaded"] or size <= _state["stored"] or not course_cache.may_write():
        return False
    if course_cache.write(_key(), {"paths": dict(PATHS), "widths": dict(WIDTHS)}, CACHE_FILE):
        _state["stored"] = size
        return True
    return False
