"""Label outlines, text widths and parsed shapes kept beside the package (foot_lib/drawing/chart_store.py).

What must hold: once stored, a new process draws a chart without laying out a single label
or parsing a single shape cell again, and the picture is byte-for-byte the one made from
scratch; another font setting is a miss; it is written only while the caches are warmed,
never by a lesson; ``FOOT_COURSE_CACHE=off`` turns it off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import background
import pytest

from foot_lib.data import course_cache
from foot_lib.data.paths import REPO_DIR
from foot_lib.drawing import chart_store

WARM = "from foot_lib.warm_caches import warm_caches; assert warm_caches()"

PROBE = """
import hashlib, sys
import matplotlib.textpath as tp
from foot_lib.geometry import zone_geometry
parsed = []
real_parse = zone_geometry._parse
zone_geometry._parse = lambda *a: parsed.append(a) or real_parse(*a)
made = []
real = tp.TextPath.__init__
def counting(self, *args, **kwargs):
    made.append(args[1] if len(args) > 1 else kwargs.get("s"))
    real(self, *args, **kwargs)
tp.TextPath.__init__ = counting
import foot_lib
png = foot_lib.draw_chart(foot_lib.load_course()).render_png()
print(len(made), len(parsed), hashlib.sha256(png).hexdigest())
"""


def _run(code: str, **env: str) -> str:
    full = {**os.environ, "PYTHONPATH": str(REPO_DIR), **env}
    return background.run([sys.executable, "-c", code], check=True, env=full, cwd=REPO_DIR,
                          timeout=180).stdout.strip()


def chart_in_new_processes(folder: Path) -> tuple[list[str], list[str]]:
    """Warm the store, then draw the chart in a new process with it and in another without it
    (three processes, started with the session beside the other tests: tests/background.py)."""
    _run(WARM)
    return _run(PROBE).split(), _run(PROBE, FOOT_COURSE_CACHE="off").split()


@background.needs(chart_in_new_processes)
def test_a_new_process_reuses_every_stored_outline_and_draws_the_same_picture() -> None:
    (made, parsed, stored), (made_fresh, parsed_fresh, fresh) = background.result(chart_in_new_processes)
    assert (made, parsed) == ("0", "0")  # not one label laid out, not one shape parsed again
    assert int(made_fresh) > 20 and int(parsed_fresh) > 20
    assert stored == fresh


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "chart-glyphs.pickle"
    monkeypatch.setattr(chart_store, "CACHE_FILE", target)
    monkeypatch.setattr(chart_store, "_state", {"loaded": False, "stored": 0, "hit": False})
    monkeypatch.setattr(course_cache, "_forced", False)
    monkeypatch.delenv(course_cache.ENV_VAR, raising=False)
    return target


def test_another_font_setting_is_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib as mpl

    before = chart_store._key()
    monkeypatch.setitem(mpl.rcParams, "font.sans-serif", ["Liberation Sans", *mpl.rcParams["font.sans-serif"]])
    assert chart_store._key() != before


def test_stored_only_while_warming(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chart_store.load()
    monkeypatch.setitem(chart_store.PATHS, ("a test label", 9.0, "normal", "normal", "left", "center"),
                        (None, 0.0, 1.0))
    monkeypatch.setattr("sys.dont_write_bytecode", False)  # even where bytecode may be written
    assert not chart_store.save() and not store.exists()  # a lesson never writes it
    monkeypatch.setattr(course_cache, "_forced", True)  # what python -m foot_lib.warm_caches does
    assert chart_store.save() and store.is_file()
    assert not chart_store.save()  # nothing new since: not written again


def test_switched_off_reads_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_bytes(b"junk")
    monkeypatch.setenv(course_cache.ENV_VAR, "off")
    chart_store.load()
    assert not chart_store.stored()
    assert not chart_store.save()


def test_a_damaged_store_is_a_miss_not_an_error(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written under the right key whose packed outlines are cut short is ignored."""
    monkeypatch.setattr(chart_store, "_PACKED", {})
    monkeypatch.setattr(chart_store, "_PACKED_ARRAYS", {})
    monkeypatch.setattr(course_cache, "_forced", True)
    damaged = {"outlines": {("x", 9.0, "normal", "normal", "left", "center"): (0, 5, 0.0, 1.0)},
               "vertices": b"\0" * 7, "codes": b"\1" * 5, "widths": {}, "parsed": {}}
    assert course_cache.write(chart_store._key(), damaged, store)
    chart_store.load()
    assert not chart_store.stored()
    assert chart_store.outline(("x", 9.0, "normal", "normal", "left", "center")) is None
