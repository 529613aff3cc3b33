"""The charts' label outlines kept beside the package (foot_lib/drawing/glyph_cache.py).

What must hold: once stored, a new process draws a chart without laying out a single label
again, and the picture is byte-for-byte the one made from scratch; another font setting is
a miss; nothing is written where Python may not write bytecode (unless warming), and
``FOOT_COURSE_CACHE=off`` turns it off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from foot_lib.data import course_cache
from foot_lib.data.paths import REPO_DIR
from foot_lib.drawing import glyph_cache

WARM = "from foot_lib.warm_caches import warm_caches; assert warm_caches()"

PROBE = """
import hashlib, sys
import matplotlib.textpath as tp
made = []
real = tp.TextPath.__init__
def counting(self, *args, **kwargs):
    made.append(args[1] if len(args) > 1 else kwargs.get("s"))
    real(self, *args, **kwargs)
tp.TextPath.__init__ = counting
import foot_lib
png = foot_lib.draw_chart(foot_lib.load_course()).render_png()
print(len(made), hashlib.sha256(png).hexdigest())
"""


def _run(code: str, **env: str) -> str:
    full = {**os.environ, "PYTHONPATH": str(REPO_DIR), **env}
    return subprocess.run([sys.executable, "-c", code], check=True, env=full, cwd=REPO_DIR, timeout=180,
                          capture_output=True, text=True).stdout.strip()


def test_a_new_process_reuses_every_stored_outline_and_draws_the_same_picture() -> None:
    _run(WARM)
    made, stored = _run(PROBE).split()
    assert made == "0"  # not one label laid out again
    made_fresh, fresh = _run(PROBE, FOOT_COURSE_CACHE="off").split()
    assert int(made_fresh) > 20
    assert stored == fresh


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "chart-glyphs.pickle"
    monkeypatch.setattr(glyph_cache, "CACHE_FILE", target)
    monkeypatch.setattr(glyph_cache, "_state", {"loaded": False, "stored": 0, "hit": False})
    monkeypatch.delenv(course_cache.ENV_VAR, raising=False)
    return target


def test_another_font_setting_is_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib as mpl

    before = glyph_cache._key()
    monkeypatch.setitem(mpl.rcParams, "font.sans-serif", ["Liberation Sans", *mpl.rcParams["font.sans-serif"]])
    assert glyph_cache._key() != before


def test_stored_only_where_bytecode_may_be_written(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glyph_cache.load()
    monkeypatch.setitem(glyph_cache.PATHS, ("a test label", 9.0, "normal", "normal", "left", "center"),
                        (None, 0.0, 1.0))
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    monkeypatch.setattr(course_cache, "_forced", False)
    assert not glyph_cache.save() and not store.exists()
    monkeypatch.setattr(course_cache, "_forced", True)  # what python3 course.py's warm-up does
    assert glyph_cache.save() and store.is_file()
    assert not glyph_cache.save()  # nothing new since: not written again


def test_switched_off_reads_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_bytes(b"junk")
    monkeypatch.setenv(course_cache.ENV_VAR, "off")
    glyph_cache.load()
    assert not glyph_cache.stored()
    assert not glyph_cache.save()
