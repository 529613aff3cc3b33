"""What a chart computes from strings alone, kept beside the package between processes: label
glyph outlines, text widths and parsed shape cells.

Why: a chart's labels are drawn as glyph outlines (:class:`.artists.TextBatch`), its legend
columns are sized from the names' widths (:func:`.layout.text_width`), and its zones come
from the shape cells of the data tables (:func:`foot_lib.geometry.zone_geometry.parse_shape`).
Making the outlines with matplotlib's ``TextPath`` was the largest part of a lesson's
*first* chart — about a hundred strings, each laid out glyph by glyph — and parsing the
cells came next; every lesson's kernel, for every learner, did both again. The results
depend only on the strings (and, for outlines, their size, weight and style), the font files,
matplotlib and this package's geometry code, so they are stored once, beside the validated
course (:mod:`foot_lib.data.course_cache`: the package's own ``__pycache__`` folder, atomic
writes; ``FOOT_COURSE_CACHE=off`` turns it off). It is written only while
``python -m foot_lib.warm_caches`` (run by ``python3 course.py``) draws the charts the lessons
draw first from the shipped data — never from a lesson, so nothing of a teacher's own data
is ever stored outside their folder. Each entry is keyed by its own inputs, so a teacher's
edited shape or a new label is simply made afresh.

The file's key holds matplotlib's version, the font settings in ``rcParams``, the identity of
matplotlib's own font list (rebuilt when fonts change) and a hash of the shape parser's
source: any difference is a miss, and everything is made from scratch as before.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import numpy as np

from ..data import course_cache
from ..geometry import zone_geometry

CACHE_FILE = course_cache.CACHE_FILE.parent / "chart-store.pickle"
_FONT_KEYS = ("font.family", "font.sans-serif", "font.serif", "font.monospace", "font.style", "font.weight",
              "font.size", "text.hinting", "text.hinting_factor", "text.kerning_factor", "mathtext.fontset")

# (text, size, weight, style, ha, va) -> (aligned glyph outlines in points, ink left, ink right);
# read through :func:`outline`, which also makes the stored ones into paths when first asked for
PATHS: dict[tuple[str, float, str, str, str, str], tuple[Any, float, float]] = {}
# (text, size, weight) -> ink width in points
WIDTHS: dict[tuple[str, float, str], float] = {}
# parsed shape cells: the geometry layer's own memo, kept here between processes
PARSED = zone_geometry.PARSED
# The stored outlines, packed: key -> (first, end) rows of _PACKED_ARRAYS and the ink extents.
# Why packed: stored as hundreds of matplotlib Paths, the file took 4-5 ms to unpickle in a fresh
# process (each path two small arrays); as two arrays and an index it is read in about one, and
# a chart makes paths only of the labels it draws.
_PACKED: dict[tuple[str, float, str, str, str, str], tuple[int, int, float, float]] = {}
_PACKED_ARRAYS: dict[str, np.ndarray] = {}
_state: dict[str, Any] = {"loaded": False, "stored": 0, "hit": False}


def outline(key: tuple[str, float, str, str, str, str]) -> tuple[Any, float, float] | None:
    """The glyph outlines made (or stored) for ``key``: ``(path, ink left, ink right)``, or None."""
    hit = PATHS.get(key)
    if hit is None and key in _PACKED:
        from matplotlib.path import Path

        first, end, left, right = _PACKED[key]
        hit = PATHS[key] = (Path(_PACKED_ARRAYS["vertices"][first:end], _PACKED_ARRAYS["codes"][first:end]),
                            left, right)
    return hit


def _size() -> int:
    return len(PATHS.keys() | _PACKED.keys()) + len(WIDTHS) + len(PARSED)


def _key() -> bytes:
    import matplotlib as mpl
    from matplotlib import font_manager

    rc: Any = mpl.rcParams
    digest = hashlib.sha256(b"foot-course chart store v2\0")
    digest.update(repr((mpl.__version__, [rc[k] for k in _FONT_KEYS])).encode())
    font_list = os.path.join(mpl.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    try:
        st = os.stat(font_list)
        digest.update(repr((font_list, st.st_size, st.st_mtime_ns)).encode())
    except OSError:
        digest.update(b"no font list")
    try:
        with open(zone_geometry.__file__, "rb") as fh:
            digest.update(hashlib.sha256(fh.read()).digest())
    except OSError:
        digest.update(b"no parser source")
    return digest.digest()


def load() -> None:
    """Fill :data:`PATHS`, :data:`WIDTHS` and :data:`PARSED` from the stored file (once per
    process; a miss leaves them as they are)."""
    if _state["loaded"]:
        return
    _state["loaded"] = True
    if not course_cache.enabled():
        return
    stored = course_cache.read(_key(), dict, CACHE_FILE)
    arrays = None
    if stored is not None and all(isinstance(stored.get(k), dict) for k in ("outlines", "widths", "parsed")):
        try:  # a damaged file is a miss, never an error for the learner
            arrays = (np.frombuffer(stored["vertices"], np.float64).reshape(-1, 2),
                      np.frombuffer(stored["codes"], np.uint8))
        except (KeyError, TypeError, ValueError):
            arrays = None
    if stored is not None and arrays is not None and len(arrays[0]) == len(arrays[1]):
        _PACKED_ARRAYS["vertices"], _PACKED_ARRAYS["codes"] = arrays
        for k, v in stored["outlines"].items():
            if k not in PATHS:
                _PACKED.setdefault(k, v)
        for mine, theirs in ((WIDTHS, stored["widths"]), (PARSED, stored["parsed"])):
            for k, v in theirs.items():
                mine.setdefault(k, v)
        _state["hit"] = True
    _state["stored"] = _size()


def stored() -> bool:
    """Whether this process found a store made with the same fonts, matplotlib and parser."""
    load()
    return bool(_state["hit"])


def save() -> bool:
    """Store everything if it grew since it was loaded or stored, while the caches are warmed."""
    size = _size()
    if not _state["loaded"] or size <= _state["stored"] or not course_cache.warming():
        return False
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    index: dict[tuple[str, float, str, str, str, str], tuple[int, int, float, float]] = {}
    rows = 0
    for key in [*PATHS, *(k for k in _PACKED if k not in PATHS)]:
        made = outline(key)
        if made is None or made[0] is None or made[0].codes is None:
            continue
        path, left, right = made
        vertices.append(np.asarray(path.vertices, np.float64))
        codes.append(np.asarray(path.codes, np.uint8))
        index[key] = (rows, rows + len(path.vertices), float(left), float(right))
        rows += len(path.vertices)
    data = {"outlines": index,
            "vertices": np.concatenate(vertices).tobytes() if vertices else b"",
            "codes": np.concatenate(codes).tobytes() if codes else b"",
            "widths": dict(WIDTHS), "parsed": dict(PARSED)}
    if course_cache.write(_key(), data, CACHE_FILE):
        _state["stored"] = size
        return True
    return False
