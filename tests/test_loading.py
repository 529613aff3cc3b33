"""Loading the shipped data, and one test per kind of bad input.

Every bad-input test asserts that the DataError names the file, the line and the column,
because that is what lets a teacher fix a spreadsheet without reading Python.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import foot_lib
from foot_lib import DataError, load_course
from foot_lib.data.paths import SHIPPED_DATA_DIR

TABLES = ["sources", "body_systems", "zones", "claims", "contraindications", "conditions", "techniques"]


# -- helpers ------------------------------------------------------------------------------
def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def edit_cell(data: Path, table: str, row: int, column: str, value: str) -> int:
    """Set data row ``row`` (0-based) of ``table``'s ``column``; return its file line."""
    path = data / f"{table}.csv"
    rows = read_rows(path)
    rows[row + 1][rows[0].index(column)] = value
    write_rows(path, rows)
    return row + 2


def edit_rows(data: Path, table: str, change: Callable[[list[list[str]]], None]) -> None:
    path = data / f"{table}.csv"
    rows = read_rows(path)
    change(rows)
    write_rows(path, rows)


def expect_error(data: Path, file: str, line: int, column: str, *words: str) -> DataError:
    with pytest.raises(DataError) as info:
        load_course(data)
    err = info.value
    message = str(err)
    assert f"data/{file}" in message, message
    assert f"line {line}" in message, message
    assert f"column '{column}'" in message, message
    for word in words:
        assert word in message, message
    assert (err.file, err.line, err.column) == (f"data/{file}", line, column)
    return err


# -- the shipped data ---------------------------------------------------------------------
def test_shipped_data_loads_with_every_table() -> None:
    course = load_course()
    assert course.names[: len(TABLES)] == TABLES
    for name in TABLES:
        frame = course[name]
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) > 0, name
        assert "source" in frame.columns, name
        assert all(len(cell) > 0 for cell in frame["source"]), f"{name}: a row without a source"


def test_load_course_returns_independent_copies() -> None:
    first = load_course()
    first.zones.loc[0, "body_part"] = "changed in a lesson"
    assert load_course().zones.loc[0, "body_part"] != "changed in a lesson"


def test_teacher_copy_loads_and_save_is_atomic_and_never_into_shipped(tmp_path: Path) -> None:
    mine = foot_lib.copy_data(tmp_path / "my-data")
    course = load_course(mine)
    zones = course.zones
    zones.loc[0, "location"] = "my own wording"
    foot_lib.save_table(zones, mine, "zones")
    assert load_course(mine).zones.loc[0, "location"] == "my own wording"
    assert load_course().zones.loc[0, "location"] != "my own wording"
    assert not list(mine.glob(".*.tmp"))
    with pytest.raises(PermissionError):
        foot_lib.save_table(zones, SHIPPED_DATA_DIR, "zones")
    with pytest.raises(FileExistsError):
        foot_lib.copy_data(mine)


def test_datapackage_declares_licence_and_every_table() -> None:
    course = load_course()
    descriptor = course.package.descriptor
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    for schema in course.package.tables:
        names = [f.name for f in schema.fields]
        assert schema.description.strip(), f"{schema.name}: say what the table holds"
        assert schema.primary_key and set(schema.primary_key) <= set(names), schema.name
        assert len(set(names)) == len(names), f"{schema.name}: a column is declared twice"
        assert "source" in names, f"{schema.name}: every row must name its source"


def test_loading_the_data_imports_no_feature_code() -> None:
    """The data layer is handed its checks; importing it pulls in nothing above it."""
    code = (
        "import sys, foot_lib.data.loading\n"
        "up = sorted(m for m in sys.modules if m.startswith(('foot_lib.geometry', 'foot_lib.content', "
        "'foot_lib.drawing', 'foot_lib.handouts', 'foot_lib.widgets', 'matplotlib', 'ipywidgets', 'IPython')))\n"
        "print(up)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_every_table_check_is_run_by_the_face() -> None:
    from foot_lib.content import checks, evidence, legs, preparation, quiz, routines, self_care
    from foot_lib.geometry import zone_geometry

    modules = (zone_geometry, evidence, legs, preparation, quiz, routines, self_care)
    for module in modules:
        for table, fns in module.CHECKS.items():
            assert set(fns) <= set(checks.CHECKS[table]), (module.__name__, table)
    names = set(load_course().names)
    assert set(checks.CHECKS) <= names, "a check names a table the course does not have"


def test_the_data_layer_runs_only_the_checks_it_is_given(tmp_path: Path) -> None:
    from foot_lib.content.checks import CHECKS
    from foot_lib.data import loading

    mine = foot_lib.copy_data(tmp_path / "mine")
    shapes = mine / "zone_shapes.csv"
    rows = read_rows(shapes)
    rows[1][rows[0].index("shape")] = "polygon 0.1 0.1; 0.9 0.9; 0.9 0.1; 0.1 0.9"  # a bow tie: crosses itself
    write_rows(shapes, rows)
    assert len(loading.load_course(mine, checks={}).zone_shapes) == len(rows) - 1  # not checked: loads
    with pytest.raises(DataError, match="zone_shapes"):
        loading.load_course(mine, checks=CHECKS)
    with pytest.raises(DataError, match="zone_shapes"):
        load_course(mine)


def test_unknown_data_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="data folder not found"):
        load_course(tmp_path / "nope")


# -- one test per kind of bad input -------------------------------------------------------
def test_missing_column(data_copy: Path) -> None:
    def drop(rows: list[list[str]]) -> None:
        i = rows[0].index("surface")
        for r in rows:
            del r[i]

    edit_rows(data_copy, "zones", drop)
    expect_error(data_copy, "zones.csv", 1, "surface", "missing")


def test_unexpected_column(data_copy: Path) -> None:
    def add(rows: list[list[str]]) -> None:
        rows[0].append("colour_hint")
        for r in rows[1:]:
            r.append("x")

    edit_rows(data_copy, "techniques", add)
    expect_error(data_copy, "techniques.csv", 1, "colour_hint", "unexpected column")


def test_wrong_type_integer(data_copy: Path) -> None:
    frame = load_course(data_copy).sources
    row = int(frame.index[frame["year"].notna()][0])
    line = edit_cell(data_copy, "sources", row, "year", "nineteen ninety")
    expect_error(data_copy, "sources.csv", line, "year", "whole number")


def test_wrong_type_boolean(data_copy: Path) -> None:
    line = edit_cell(data_copy, "contraindications", 2, "red_flag", "maybe")
    expect_error(data_copy, "contraindications.csv", line, "red_flag", "true or false")


def test_empty_required_value(data_copy: Path) -> None:
    line = edit_cell(data_copy, "claims", 4, "evidence", "  ")
    expect_error(data_copy, "claims.csv", line, "evidence", "required")


def test_empty_required_list(data_copy: Path) -> None:
    line = edit_cell(data_copy, "zones", 3, "source", "")
    expect_error(data_copy, "zones.csv", line, "source", "required")


def test_duplicate_id(data_copy: Path) -> None:
    first = read_rows(data_copy / "zones.csv")[1][0]
    line = edit_cell(data_copy, "zones", 5, "id", first)
    expect_error(data_copy, "zones.csv", line, "id", "duplicate", "line 2")


def test_zone_citing_unknown_source(data_copy: Path) -> None:
    line = edit_cell(data_copy, "zones", 7, "source", "S003.11;S009.99")
    expect_error(data_copy, "zones.csv", line, "source", "unknown sources id 'S009.99'")


def test_condition_naming_unknown_zone(data_copy: Path) -> None:
    line = edit_cell(data_copy, "conditions", 1, "zones", "no-such-zone")
    expect_error(data_copy, "conditions.csv", line, "zones", "unknown zones id 'no-such-zone'")


def test_claim_citing_unknown_reference(data_copy: Path) -> None:
    line = edit_cell(data_copy, "claims", 0, "citations", "ernst2009;smith1066")
    expect_error(data_copy, "claims.csv", line, "citations", "smith1066")


def test_value_outside_allowed_set(data_copy: Path) -> None:
    line = edit_cell(data_copy, "zones", 2, "foot", "middle")
    expect_error(data_copy, "zones.csv", line, "foot", "'middle' is not allowed", "left, right, both")


def test_evidence_label_outside_allowed_set_suggests_fix(data_copy: Path) -> None:
    line = edit_cell(data_copy, "claims", 1, "evidence", "refuteed")
    expect_error(data_copy, "claims.csv", line, "evidence", "did you mean 'refuted'")


def test_undecodable_bytes(data_copy: Path) -> None:
    path = data_copy / "techniques.csv"
    rows = read_rows(path)
    line = 4
    col = rows[0].index("how_to")
    raw = path.read_bytes().split(b"\n")
    # Latin-1 bytes, as a spreadsheet saving in the wrong encoding would write them.
    target = rows[line - 1][col]
    raw[line - 1] = raw[line - 1].replace(target.encode(), target.encode() + " caf\xe9".encode("latin-1"), 1)
    path.write_bytes(b"\n".join(raw))
    expect_error(data_copy, "techniques.csv", line, "how_to", "UTF-8")


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "conditions.csv").write_text("", encoding="utf-8")
    expect_error(data_copy, "conditions.csv", 1, "id", "empty")


def test_truncated_file_mid_row(data_copy: Path) -> None:
    path = data_copy / "body_systems.csv"
    rows = read_rows(path)
    write_rows(path, rows[:4])
    text = path.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    cut = last.split(",")[0] + ","  # keep only the first value of the last row
    path.write_text(text.rstrip("\n").rsplit("\n", 1)[0] + "\n" + cut, encoding="utf-8")
    expect_error(data_copy, "body_systems.csv", 4, rows[0][2], "truncated")


def test_truncated_file_inside_quotes(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[3] = lines[3].split(",")[0] + ',"an unfinished quote'
    path.write_text("\n".join(lines[:4]), encoding="utf-8")
    expect_error(data_copy, "claims.csv", 4, "claim", "never closed")


def test_extra_value_in_a_row(data_copy: Path) -> None:
    path = data_copy / "techniques.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    width = len(read_rows(path)[0])
    lines[2] = lines[2] + ",surplus"
    path.write_text("\n".join(lines), encoding="utf-8")
    expect_error(data_copy, "techniques.csv", 3, f"(extra value {width + 1})", "extra comma")


def test_pattern_violation(data_copy: Path) -> None:
    line = edit_cell(data_copy, "body_systems", 0, "colour", "reddish")
    expect_error(data_copy, "body_systems.csv", line, "colour", "does not match")


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "techniques.csv").unlink()
    expect_error(data_copy, "techniques.csv", 1, "(file)", "not found")


def test_excel_bom_is_accepted(data_copy: Path) -> None:
    path = data_copy / "zones.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_course(data_copy).zones) == len(load_course().zones)


def test_reordered_columns_are_accepted(data_copy: Path) -> None:
    def reverse(rows: list[list[str]]) -> None:
        for r in rows:
            r.reverse()

    edit_rows(data_copy, "techniques", reverse)
    assert load_course(data_copy).techniques.equals(load_course().techniques)


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    """Atomic writes go through a private temp file; the result must still get the usual
    permissions (umask), and an existing file keeps its own."""
    import os
    import stat

    from foot_lib.data.files import atomic_write_bytes

    umask = os.umask(0o022)
    try:
        new = atomic_write_bytes(tmp_path / "handout.pdf", b"%PDF")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        existing = tmp_path / "kept.csv"
        existing.write_bytes(b"a")
        existing.chmod(0o640)
        atomic_write_bytes(existing, b"b")
        assert stat.S_IMODE(existing.stat().st_mode) == 0o640 and existing.read_bytes() == b"b"
    finally:
        os.umask(umask)
