"""The validated shipped course stored beside the package (foot_lib/data/course_cache.py).

What must hold: a stored course is the same as a fresh validation; only the shipped folder is
ever stored, and only into the package's own ``__pycache__`` (here redirected to a temporary
file); any change of a data file is a miss; a damaged or unwritable cache file never breaks
loading; ``FOOT_COURSE_CACHE=off`` turns it off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from foot_lib.content.checks import CHECKS
from foot_lib.content.loader import ALL_CHECKS, load_course
from foot_lib.data import course_cache, loading
from foot_lib.data.paths import PACKAGE_DIR, REPO_DIR, SHIPPED_DATA_DIR


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the cache to a temporary file, allow writing, and forget in-process results."""
    target = tmp_path / "cache" / "validated-course.pickle"
    monkeypatch.setattr(course_cache, "CACHE_FILE", target)
    monkeypatch.setattr(course_cache, "_forced", True)
    monkeypatch.setattr(loading, "_CACHE", {})
    monkeypatch.delenv(course_cache.ENV_VAR, raising=False)
    return target


def test_the_real_cache_lives_in_the_package_bytecode_folder() -> None:
    assert course_cache.CACHE_FILE.parent == PACKAGE_DIR / "__pycache__"


def test_stored_course_is_the_validated_course(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_course()
    assert cache_file.is_file()
    monkeypatch.setattr(loading, "_CACHE", {})
    served: list[object] = []
    real_read = course_cache.read
    monkeypatch.setattr(course_cache, "read", lambda key, kind: served.append(real_read(key, kind)) or served[-1])
    again = load_course()
    assert served and served[0] is not None, "the second load did not come from the stored file"
    assert again.names == fresh.names
    for name in fresh.names:
        pd.testing.assert_frame_equal(again[name], fresh[name])
        assert again.table(name).lines == fresh.table(name).lines
    again.zones.loc[0, "body_part"] = "changed"  # each load is still an independent copy
    assert load_course().zones.loc[0, "body_part"] != "changed"


def test_a_teachers_folder_is_never_stored(cache_file: Path, data_copy: Path) -> None:
    before = sorted(p.name for p in data_copy.rglob("*"))
    load_course(data_copy)
    assert not cache_file.exists()
    assert sorted(p.name for p in data_copy.rglob("*")) == before


def test_any_change_of_a_data_file_changes_the_key(data_copy: Path) -> None:
    before = course_cache.key(data_copy, "checks")
    assert course_cache.key(data_copy, "checks") == before
    assert course_cache.key(data_copy, "other checks") != before
    zones = data_copy / "zones.csv"
    zones.write_bytes(zones.read_bytes().replace(b"kidney", b"kidnee", 1))
    assert course_cache.key(data_copy, "checks") != before


def test_damaged_or_foreign_files_are_a_miss(cache_file: Path) -> None:
    key = course_cache.key(SHIPPED_DATA_DIR.resolve(), course_cache.checks_name(ALL_CHECKS))
    cache_file.parent.mkdir(parents=True)
    for junk in (b"", b"not a cache", course_cache._FORMAT + key + b"garbage", course_cache._FORMAT + b"x" * 32):
        cache_file.write_bytes(junk)
        assert course_cache.read(key, loading.Course) is None
    assert load_course().names  # and loading still works, replacing the damaged file
    assert course_cache.read(key, loading.Course) is not None


def test_an_unwritable_place_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(course_cache, "CACHE_FILE", blocker / "validated-course.pickle")
    monkeypatch.setattr(course_cache, "_forced", True)
    monkeypatch.setattr(loading, "_CACHE", {})
    assert load_course().names
    assert course_cache.write(b"k", load_course()) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_no_writing_when_python_writes_no_bytecode(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(course_cache, "_forced", False)
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    load_course()
    assert not cache_file.exists()


def test_can_be_switched_off(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(course_cache.ENV_VAR, "off")
    assert not course_cache.eligible(SHIPPED_DATA_DIR.resolve())
    load_course()
    assert not cache_file.exists()


def test_fewer_checks_are_another_key() -> None:
    folder = SHIPPED_DATA_DIR.resolve()
    fewer = {name: fns for name, fns in CHECKS.items() if name != "zone_shapes"}
    full = course_cache.key(folder, course_cache.checks_name(CHECKS))
    assert course_cache.key(folder, course_cache.checks_name(fewer)) != full


def test_the_deferred_checks_are_every_check_under_one_name() -> None:
    assert dict(ALL_CHECKS) == dict(CHECKS)
    assert course_cache.checks_name(ALL_CHECKS) == ALL_CHECKS.cache_name
    assert course_cache.checks_name(CHECKS) != ALL_CHECKS.cache_name  # an explicit set keys by its functions


def test_a_stored_course_answers_without_importing_the_checks(tmp_path: Path) -> None:
    """A lesson's first load reads the stored course; the checks' modules (routines, evidence,
    quizzes …) are imported only when the course must be validated."""
    script = (
        "import sys, foot_lib\n"
        "from foot_lib.data.course_cache import warm\n"
        "assert warm(foot_lib.load_course)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_DIR)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=tmp_path, timeout=120)
    probe = (
        "import sys, foot_lib\n"
        "course = foot_lib.load_course()\n"
        "assert course.names\n"
        "print(' '.join(m for m in sys.modules if m.startswith(('foot_lib.content.', 'foot_lib.geometry.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, env=env, cwd=tmp_path, timeout=120,
                         capture_output=True, text=True).stdout.split()
    assert "foot_lib.content.checks" not in out
    assert not {"foot_lib.content.routines", "foot_lib.content.evidence", "foot_lib.geometry.zone_geometry"} & set(out)


def test_a_changed_module_of_the_package_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Code is identified by size and modification time, as Python's bytecode cache does."""
    import shutil

    package = tmp_path / "foot_lib"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "shipped_data"))
    monkeypatch.setattr(course_cache, "PACKAGE_DIR", package)
    folder = SHIPPED_DATA_DIR.resolve()
    before = course_cache.key(folder, "checks")
    assert course_cache.key(folder, "checks") == before
    module = package / "content" / "routines.py"
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    touched = course_cache.key(folder, "checks")
    assert touched != before
    module.write_text(module.read_text() + "\n# an edit\n")
    assert course_cache.key(folder, "checks") not in (before, touched)
