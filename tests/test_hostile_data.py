"""Hostile and broken data folders: nothing outside the folder is read or written, nothing
blocks, and every problem is a DataError naming the file (and line, column or JSON place).

Teachers load folders that colleagues send them, so each case here is one a folder can
contain: paths that escape, links, pipes, folders in place of files, broken JSON, bytes
that are not UTF-8 in any line-ending convention, a bad foot_shape.json.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
from support import time_limit

import foot_lib
from foot_lib import DataError, load_course
from foot_lib.content.routines import RoutineSession, load_routine
from foot_lib.data import access, files
from foot_lib.data.paths import SHIPPED_DATA_DIR

SECRET = "s3cret-line-that-must-never-appear"


# -- helpers ----------------------------------------------------------------------------------
def load_error(folder: Path) -> DataError:
    with time_limit(), pytest.raises(DataError) as info:
        load_course(folder)
    message = str(info.value)
    assert SECRET not in message and "root:x:0" not in message, message
    assert info.value.file, message
    return info.value


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the data copy with files the loader must never read."""
    out = tmp_path / "outside"
    out.mkdir()
    (out / "secret.csv").write_text(f"{SECRET}\n1\n", encoding="utf-8")
    shutil.copy(SHIPPED_DATA_DIR / "sources.csv", out / "sources.csv")  # a *valid* table
    shutil.copy(SHIPPED_DATA_DIR / "schemas" / "sources.json", out / "sources.json")
    return out


def edit_descriptor(data: Path, change) -> None:
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=1), encoding="utf-8")


def edit_schema(data: Path, table: str, change) -> Path:
    path = data / "schemas" / f"{table}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, indent=1), encoding="utf-8")
    return path


def resource_index(data: Path, name: str) -> int:
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    return [r["name"] for r in descriptor["resources"]].index(name)


def set_resource(data: Path, name: str, key: str, value: object) -> int:
    i = resource_index(data, name)
    edit_descriptor(data, lambda d: d["resources"][i].__setitem__(key, value))
    return i


# -- 1. containment ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    ["/etc/passwd", "../outside/sources.csv", "schemas/../../outside/sources.csv", "https://example.org/x.csv",
     "C:\\data\\sources.csv", "schemas\\sources.csv", ""],
)  # fmt: skip
def test_resource_path_outside_the_folder_is_refused(data_copy: Path, outside: Path, path: str) -> None:
    i = set_resource(data_copy, "sources", "path", path)
    err = load_error(data_copy)
    assert err.file == "data/datapackage.json" and err.place == f"resources[{i}].path", err
    assert "'sources'" in str(err) and (path == "" or repr(path) in str(err))
    assert err.line and err.line > 1


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside/sources.json"])
def test_schema_path_outside_the_folder_is_refused(data_copy: Path, outside: Path, path: str) -> None:
    i = set_resource(data_copy, "sources", "schema", path)
    err = load_error(data_copy)
    assert (err.file, err.place) == ("data/datapackage.json", f"resources[{i}].schema")


def test_table_symlinked_outside_is_refused_without_reading_it(data_copy: Path, outside: Path) -> None:
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(outside / "sources.csv")
    err = load_error(data_copy)
    assert err.place == f"resources[{resource_index(data_copy, 'sources')}].path"
    assert "outside the data folder" in str(err) and "'sources.csv'" in str(err)
    assert str(outside) not in str(err)


def test_link_to_etc_passwd_is_refused_without_quoting_it(data_copy: Path) -> None:
    (data_copy / "techniques.csv").unlink()
    (data_copy / "techniques.csv").symlink_to("/etc/passwd")
    assert "outside the data folder" in str(load_error(data_copy))


def test_schema_symlinked_outside_and_schemas_folder_linked_outside(data_copy: Path, outside: Path) -> None:
    (data_copy / "schemas" / "sources.json").unlink()
    (data_copy / "schemas" / "sources.json").symlink_to(outside / "sources.json")
    assert "outside the data folder" in str(load_error(data_copy))
    moved = outside / "schemas"
    shutil.move(data_copy / "schemas", moved)
    (moved / "sources.json").unlink()
    shutil.copy(SHIPPED_DATA_DIR / "schemas" / "sources.json", moved / "sources.json")
    (data_copy / "schemas").symlink_to(moved, target_is_directory=True)
    assert "outside the data folder" in str(load_error(data_copy))


def test_links_that_stay_inside_the_folder_are_allowed(data_copy: Path, tmp_path: Path) -> None:
    """The documented decision: a link is fine when it resolves inside the data folder."""
    (data_copy / "tables").mkdir()
    shutil.move(data_copy / "zones.csv", data_copy / "tables" / "zones.csv")
    (data_copy / "zones.csv").symlink_to(Path("tables") / "zones.csv")
    linked = tmp_path / "linked-data"
    linked.symlink_to(data_copy, target_is_directory=True)  # the folder itself may be a link
    course = load_course(linked)
    assert len(course.zones) == len(load_course().zones)
    assert course.table("zones").display_path == "data/zones.csv"


def test_descriptor_linked_outside_is_refused(data_copy: Path, outside: Path) -> None:
    shutil.move(data_copy / "datapackage.json", outside / "datapackage.json")
    (data_copy / "datapackage.json").symlink_to(outside / "datapackage.json")
    err = load_error(data_copy)
    assert err.file == "data/datapackage.json" and "outside the data folder" in str(err)


def test_foot_shape_linked_outside_is_refused(data_copy: Path, outside: Path) -> None:
    shutil.move(data_copy / "foot_shape.json", outside / "foot_shape.json")
    (data_copy / "foot_shape.json").symlink_to(outside / "foot_shape.json")
    err = load_error(data_copy)
    assert err.file == "data/foot_shape.json" and "outside" in str(err)


@pytest.mark.parametrize("name", ["../escaped", "/tmp/abs-escaped", "sub/zones", "..", "", ".hidden", "a\\b"])
def test_save_table_refuses_names_that_are_paths(tmp_path: Path, name: str) -> None:
    mine = foot_lib.copy_data(tmp_path / "mine")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(ValueError, match="plain name"):
        foot_lib.save_table(load_course(mine).zones, mine, name)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/abs-escaped.csv").exists()


def test_save_table_refuses_a_link_leading_outside(tmp_path: Path, outside: Path) -> None:
    mine = foot_lib.copy_data(tmp_path / "mine")
    zones = load_course(mine).zones
    target = outside / "secret.csv"
    before = target.read_bytes()
    (mine / "zones.csv").unlink()
    (mine / "zones.csv").symlink_to(target)
    with pytest.raises(ValueError, match="outside"):
        foot_lib.save_table(zones, mine, "zones")
    assert target.read_bytes() == before
    with pytest.raises(PermissionError):
        foot_lib.save_table(zones, SHIPPED_DATA_DIR, "zones")


def test_copy_data_refuses_links_outside_pipes_and_itself(tmp_path: Path, outside: Path) -> None:
    src = foot_lib.copy_data(tmp_path / "src")
    (src / "extra.csv").symlink_to(outside / "secret.csv")
    with pytest.raises(DataError, match="outside the data folder") as info:
        foot_lib.copy_data(tmp_path / "dest", source=src)
    assert info.value.file == "src/extra.csv"
    assert not (tmp_path / "dest").exists() and not (tmp_path / ".dest.partial").exists()
    (src / "extra.csv").unlink()
    os.mkfifo(src / "pipe.csv")
    with time_limit(), pytest.raises(DataError, match="not a regular file"):
        foot_lib.copy_data(tmp_path / "dest", source=src)
    (src / "pipe.csv").unlink()
    with pytest.raises(ValueError, match="contains the other"):
        foot_lib.copy_data(src / "inner", source=src)
    nested = foot_lib.copy_data(tmp_path / "new" / "parents" / "copy", source=src)  # parents are made
    assert (nested / "datapackage.json").is_file()
    (src / "zones-link.csv").symlink_to("zones.csv")  # inside: copied as a plain file
    dest = foot_lib.copy_data(tmp_path / "dest", source=src)
    assert (dest / "zones-link.csv").is_file() and not (dest / "zones-link.csv").is_symlink()
    assert len(load_course(dest).zones) == len(load_course().zones)


# -- 2. only regular files ----------------------------------------------------------------------
def _replace(path: Path, make) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    make(path)


@pytest.mark.parametrize("target", ["techniques.csv", "datapackage.json", "schemas/zones.json", "foot_shape.json"])
def test_a_named_pipe_never_blocks(data_copy: Path, target: str) -> None:
    _replace(data_copy / target, os.mkfifo)
    err = load_error(data_copy)
    assert err.file == f"data/{target}" and "named pipe" in str(err)


@pytest.mark.parametrize("target", ["techniques.csv", "datapackage.json", "schemas/zones.json", "foot_shape.json"])
def test_a_folder_in_place_of_a_file(data_copy: Path, target: str) -> None:
    _replace(data_copy / target, Path.mkdir)
    err = load_error(data_copy)
    assert err.file == f"data/{target}" and "folder" in str(err)


@pytest.mark.parametrize("target", ["techniques.csv", "schemas/zones.json", "foot_shape.json"])
def test_a_symlink_loop(data_copy: Path, target: str) -> None:
    path = data_copy / target
    _replace(path, lambda p: p.symlink_to(p.name))
    err = load_error(data_copy)
    assert "loop" in str(err)


def test_a_socket_in_place_of_a_table() -> None:
    short = Path(tempfile.mkdtemp(prefix="fs-", dir="/tmp"))  # AF_UNIX paths are limited to ~100 bytes
    try:
        data = short / "data"
        shutil.copytree(SHIPPED_DATA_DIR, data)
        (data / "zones.csv").unlink()
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(data / "zones.csv"))
            err = load_error(data)
        assert err.file == "data/zones.csv" and "socket" in str(err)
    finally:
        shutil.rmtree(short)


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_in_place_of_a_table(data_copy: Path) -> None:
    import stat

    (data_copy / "zones.csv").unlink()
    try:
        os.mknod(data_copy / "zones.csv", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    except OSError:
        pytest.skip("device nodes cannot be created here")
    err = load_error(data_copy)
    assert err.file == "data/zones.csv" and "character device" in str(err)


def test_a_symlink_loop_as_the_data_folder(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(DataError, match="folder"):
        load_course(loop)


def test_a_dangling_link_is_a_missing_file(data_copy: Path) -> None:
    _replace(data_copy / "zones.csv", lambda p: p.symlink_to("nowhere.csv"))
    assert "not found" in str(load_error(data_copy))


def test_size_limit(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "MAX_FILE_BYTES", 20_000)
    err = load_error(data_copy)
    assert "the loader reads files up to 20 kB" in str(err) and "right file" in str(err)


# -- 3. the descriptor and every schema, validated as data ------------------------------------------
def test_descriptor_with_invalid_utf8(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b"Foot massage", b"Foot m\xe4ssage", 1))
    err = load_error(data_copy)
    assert (err.file, err.line) == ("data/datapackage.json", 4) and "UTF-8" in str(err)


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        (lambda d: d.clear(), "(top level)", "'resources' is required"),
        (lambda d: d.__setitem__("resources", {}), "resources", "must be a list"),
        (lambda d: d.__setitem__("resources", []), "resources", "at least one"),
        (lambda d: d["resources"].__setitem__(3, 5), "resources[3]", "must be an object"),
        (lambda d: d["resources"][3].pop("name"), "resources[3]", "'name' is required"),
        (lambda d: d["resources"][3].__setitem__("name", 7), "resources[3].name", "must be text"),
        (lambda d: d["resources"][3].__setitem__("name", "zones"), "resources[3].name", "used twice"),
        (lambda d: d["resources"][3].pop("schema"), "resources[3]", "'schema' is required"),
        (lambda d: d["resources"][3].__setitem__("schema", ["x"]), "resources[3].schema", "text or an object"),
        (lambda d: d["resources"][3].__setitem__("path", ["a.csv", "b.csv"]), "resources[3].path", "must be text"),
        (lambda d: d["resources"][3].__setitem__("encoding", "latin-1"), "resources[3].encoding", "utf-8 only"),
        (lambda d: d["resources"][3].__setitem__("dialect", {"delimiter": ";"}), "resources[3].dialect", "dialect"),
        (lambda d: d["resources"][3].__setitem__("description", None), "resources[3].description", "text"),
    ],
)
def test_broken_descriptor(data_copy: Path, change, place: str, words: str) -> None:
    edit_descriptor(data_copy, change)
    err = load_error(data_copy)
    assert (err.file, err.place) == ("data/datapackage.json", place), err
    assert words in str(err)


def test_descriptor_that_is_not_an_object_or_not_json(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert "JSON object" in str(load_error(data_copy))
    path.write_text('{"resources": [\n  {"name": "x",\n}', encoding="utf-8")
    err = load_error(data_copy)
    assert err.line == 3 and "not valid JSON" in str(err)
    for text in ('{"a": NaN}', '{"a": 1e999}', "[" * 5000 + "]" * 5000, '{"a": ' + "9" * 5000 + "}"):
        path.write_text(text, encoding="utf-8")
        assert "not valid JSON" in str(load_error(data_copy)), text[:20]


@pytest.mark.parametrize(
    ("table", "change", "place", "words"),
    [
        ("zones", lambda s: s.__setitem__("fields", {"id": "string"}), "fields", "must be a list"),
        ("zones", lambda s: s.__setitem__("fields", []), "fields", "at least one"),
        ("zones", lambda s: s["fields"].__setitem__(2, "foot"), "fields[2]", "must be an object"),
        ("zones", lambda s: s["fields"][2].pop("name"), "fields[2]", "'name' is required"),
        ("zones", lambda s: s["fields"][2].__setitem__("name", "id"), "fields[2].name", "defined twice"),
        ("zones", lambda s: s["fields"][2].__setitem__("type", "strng"), "fields[2].type", "did you mean 'string'"),
        ("zones", lambda s: s["fields"][2].__setitem__("type", ["string"]), "fields[2].type", "must be text"),
        ("zones", lambda s: s["fields"][2].__setitem__("constraints", []), "fields[2].constraints", "an object"),
        ("zones", lambda s: s["fields"][2].__setitem__("constraint", {}), "fields[2].constraint", "did you mean"),
        ("body_systems", lambda s: s["fields"][2]["constraints"].__setitem__("pattern", "^#([0-9a-f]{6}$"),
         "fields[2].constraints.pattern", "invalid regular expression"),
        ("zones", lambda s: s["fields"][0]["constraints"].__setitem__("required", "yes"),
         "fields[0].constraints.required", "true/false"),
        ("zones", lambda s: s["fields"][0]["constraints"].__setitem__("minLenght", 2),
         "fields[0].constraints.minLenght", "not supported"),
        ("zones", lambda s: s["fields"][0]["constraints"].__setitem__("enum", "abc"),
         "fields[0].constraints.enum", "must be a list"),
        ("zones", lambda s: s["fields"][0]["constraints"].__setitem__("minimum", 1),
         "fields[0].constraints.minimum", "only to integer and number"),
        ("zones", lambda s: s.__setitem__("primaryKey", ["nope"]), "primaryKey", "not a field"),
        ("zones", lambda s: s["foreignKeys"][0].pop("reference"), "foreignKeys[0]", "'reference' is required"),
        ("zones", lambda s: s["foreignKeys"][0].__setitem__("reference", "body_systems"),
         "foreignKeys[0].reference", "must be an object"),
        ("zones", lambda s: s["foreignKeys"][0]["reference"].__setitem__("resource", "bodysystems"),
         "foreignKeys[0].reference.resource", "did you mean 'body_systems'"),
        ("zones", lambda s: s["foreignKeys"][0]["reference"].__setitem__("fields", ["ident"]),
         "foreignKeys[0].reference.fields", "not a field of table 'body_systems'"),
        ("zones", lambda s: s["foreignKeys"][0].__setitem__("fields", ["bodysystem"]),
         "foreignKeys[0].fields", "not a field of this table"),
        ("zones", lambda s: s["foreignKeys"][0].__setitem__("fields", 3), "foreignKeys[0].fields", "must be text"),
        ("zones", lambda s: s.__setitem__("foreignKeys", {}), "foreignKeys", "must be a list"),
        ("zones", lambda s: s["footcourse:listForeignKeys"].__setitem__(0, None),
         "footcourse:listForeignKeys[0]", "must be an object"),
    ],
)  # fmt: skip
def test_broken_schema(data_copy: Path, table: str, change, place: str, words: str) -> None:
    edit_schema(data_copy, table, change)
    err = load_error(data_copy)
    assert (err.file, err.place) == (f"data/schemas/{table}.json", place), err
    assert words in str(err), err
    assert err.line and err.line > 1, err


def test_schema_file_that_is_not_an_object_not_json_or_not_utf8(data_copy: Path) -> None:
    path = data_copy / "schemas" / "zones.json"
    path.write_text('"fields"', encoding="utf-8")
    err = load_error(data_copy)
    assert err.file == "data/schemas/zones.json" and "JSON object" in str(err)
    path.write_bytes(b'{"fields": [\xff]}')
    err = load_error(data_copy)
    assert (err.file, err.line, err.column) == ("data/schemas/zones.json", 1, "character 13")


def test_inline_schema_errors_name_the_resource_place(data_copy: Path) -> None:
    schema = json.loads((data_copy / "schemas" / "techniques.json").read_text(encoding="utf-8"))
    schema["fields"][1]["type"] = "text"
    i = set_resource(data_copy, "techniques", "schema", schema)
    err = load_error(data_copy)
    assert (err.file, err.place) == ("data/datapackage.json", f"resources[{i}].schema.fields[1].type")


def test_older_copies_with_list_rules_in_standard_places_still_load(data_copy: Path) -> None:
    """Before the namespaced extension, item enums sat in 'constraints' and list keys in
    'foreignKeys'; teachers' copies made then must keep loading and keep being checked."""

    def old_style(schema: dict) -> None:
        schema["foreignKeys"] = schema.get("foreignKeys", []) + schema.pop("footcourse:listForeignKeys")
        for f in schema["fields"]:
            items = f.pop("footcourse:itemConstraints", None)
            if items:
                f.setdefault("constraints", {}).update(items)

    edit_schema(data_copy, "leg_cautions", old_style)
    assert len(load_course(data_copy).leg_cautions) == len(load_course().leg_cautions)
    rows = (data_copy / "leg_cautions.csv").read_text(encoding="utf-8")
    (data_copy / "leg_cautions.csv").write_text(rows.replace(",back-of-knee,", ",back-of-kne,", 1), encoding="utf-8")
    assert "did you mean 'back-of-knee'" in str(load_error(data_copy))


# -- 4. byte-level problems, in every line-ending convention --------------------------------------
ENDINGS = {"LF": b"\n", "CRLF": b"\r\n", "CR": b"\r"}


def _with_ending(raw: bytes, ending: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", ending)


def _techniques(data: Path, ending: bytes, line: int, column: str, insert: bytes, *, at_start: bool = False) -> None:
    """Insert ``insert`` into ``column`` of file line ``line`` of techniques.csv (LF in the shipped file)."""
    path = data / "techniques.csv"
    lines = path.read_bytes().split(b"\n")
    header = lines[0].decode().split(",")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    value = rows[line - 1][header.index(column)].encode()
    assert value and b"\n" not in value and value in lines[line - 1]
    replacement = insert + value if at_start else value + insert
    lines[line - 1] = lines[line - 1].replace(value, replacement, 1)
    path.write_bytes(_with_ending(b"\n".join(lines), ending))


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize(("column", "at_start"), [("id", True), ("name", False), ("how_to", False)])
def test_bad_byte_any_line_ending(data_copy: Path, ending: str, column: str, at_start: bool) -> None:
    _techniques(data_copy, ENDINGS[ending], 5, column, b" caf\xe9", at_start=at_start)
    err = load_error(data_copy)
    assert (err.file, err.line, err.column) == ("data/techniques.csv", 5, column), err
    assert "0xe9" in str(err) and "UTF-8" in str(err)


@pytest.mark.parametrize("ending", ENDINGS)
def test_bad_byte_in_the_header_or_in_an_empty_cell(data_copy: Path, ending: str) -> None:
    path = data_copy / "zones.csv"
    raw = path.read_bytes()
    path.write_bytes(_with_ending(raw.replace(b",", b",\x96", 1), ENDINGS[ending]))
    err = load_error(data_copy)
    assert (err.line, err.column) == (1, "#2 of the header"), err
    lines = raw.split(b"\n")
    lines[2] = lines[2] + b",\xff"  # an extra cell made of one bad byte, after the last comma
    path.write_bytes(_with_ending(b"\n".join(lines), ENDINGS[ending]))
    err = load_error(data_copy)
    width = len(lines[0].split(b","))
    assert (err.line, err.column) == (3, f"(extra value {width + 1})"), err


@pytest.mark.parametrize("ending", ENDINGS)
def test_bad_byte_inside_a_multiline_quoted_cell(data_copy: Path, ending: str) -> None:
    path = data_copy / "techniques.csv"
    header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    lines = path.read_bytes().split(b"\n")
    cells = [b"x"] * len(header)
    col = header.index("how_to")
    cells[col] = b'"first line\nsecond \xe9 line"'
    lines.insert(3, b",".join(cells))
    path.write_bytes(_with_ending(b"\n".join(lines), ENDINGS[ending]))
    err = load_error(data_copy)
    assert (err.line, err.column) == (5, "how_to"), err  # the record starts on line 4, the byte is on 5


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("truncated", [True, False], ids=["at-the-end", "mid-file"])
def test_unclosed_quote_names_the_cell_that_opens_it(data_copy: Path, ending: str, truncated: bool) -> None:
    """Mid-file, the quote swallows lines until the next quote character in the file; at the
    end (a truncated file) it runs to the end. Either way the cell that opens it is named."""
    path = data_copy / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    header = lines[0].decode().split(",")
    cells = [b"x"] * len(header)
    cells[2] = b'"an unfinished value'
    lines.insert(5, b",".join(cells))
    if truncated:
        lines = lines[:6]
    path.write_bytes(_with_ending(b"\n".join(lines), ENDINGS[ending]))
    err = load_error(data_copy)
    assert (err.file, err.line, err.column) == ("data/claims.csv", 6, header[2]), err
    assert "never closed" in str(err)


def test_over_long_cell_names_its_column(data_copy: Path) -> None:
    path = data_copy / "techniques.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    col = header.index("how_to")
    cells = ["x"] * len(header)
    cells[col] = '"' + "y" * 200_000 + '"'
    lines.insert(2, ",".join(cells))
    path.write_text("\n".join(lines), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.line, err.column) == (3, "how_to") and "longer than" in str(err), err


def test_text_after_a_closing_quote_names_its_column(data_copy: Path) -> None:
    path = data_copy / "techniques.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = ["x"] * len(header)
    cells[1] = '"quoted" then more'
    lines.insert(2, ",".join(cells))
    path.write_text("\n".join(lines), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.line, err.column) == (3, header[1]) and '("")' in str(err), err


@pytest.mark.parametrize("char", [b"\x00", b"\x1b", b"\x7f"])
def test_control_characters_are_located(data_copy: Path, char: bytes) -> None:
    _techniques(data_copy, b"\n", 4, "name", char)
    err = load_error(data_copy)
    assert (err.line, err.column) == (4, "name") and "control character" in str(err), err


def test_utf16_file_is_named_as_such(data_copy: Path) -> None:
    path = data_copy / "zones.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    err = load_error(data_copy)
    assert (err.line, err.column) == (1, "#1 of the header") and "UTF-16" in str(err)


def test_only_blank_lines_and_cr_files_that_load(data_copy: Path) -> None:
    path = data_copy / "zones.csv"
    raw = path.read_bytes()
    path.write_bytes(_with_ending(raw, b"\r"))  # a "CSV (Macintosh)" file loads as it is
    assert load_course(data_copy).zones.equals(load_course().zones)
    path.write_bytes(_with_ending(raw.replace(b",left,", b",middle,", 1), b"\r"))
    err = load_error(data_copy)
    assert err.column == "foot" and err.line == raw[: raw.index(b",left,")].count(b"\n") + 1
    path.write_bytes(b"\r\n\r\n\n")
    assert "empty" in str(load_error(data_copy))


@pytest.mark.parametrize("value", ["99999999999999999999", "9" * 5000, "-" + "9" * 30])
def test_whole_numbers_too_large_for_a_table(data_copy: Path, value: str) -> None:
    import csv
    import io

    path = data_copy / "routine_steps.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[3][rows[0].index("duration_s")] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.line, err.column) == (4, "duration_s") and "too large" in str(err), err


# -- 5. foot_shape.json, checked when the course loads ---------------------------------------------
@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b'{"parameters": {"length": 250, "arch": "\xff"}}', 1, "UTF-8"),
        (b'{"parameters": {"length": 250,\n "arch": 7}}', 2, "arch 7.0 is outside"),
        (b'{"parameters": {"length": NaN}}', 1, "not valid JSON"),
        (b'{"parameters": {"toe_pattern": 3}}', 1, "expected text"),
        (b'{"parameters": [1]}', 1, "'parameters' object"),
    ],
)
def test_bad_foot_shape_is_reported_at_load(data_copy: Path, content: bytes, line: int, words: str) -> None:
    (data_copy / "foot_shape.json").write_bytes(content)
    err = load_error(data_copy)
    assert (err.file, err.line) == ("data/foot_shape.json", line) and words in str(err), err


def test_missing_foot_shape_uses_the_defaults(data_copy: Path) -> None:
    from foot_lib.geometry.foot_shape import FootShape

    (data_copy / "foot_shape.json").unlink()
    assert FootShape.from_course(load_course(data_copy)) == FootShape()


# -- 6. step numbers in the routine API ------------------------------------------------------------
@pytest.fixture(scope="module")
def session() -> RoutineSession:
    return RoutineSession(load_routine(load_course(), "eight-step"))


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 2.5, "3", True, None, [1], 1e300])
def test_jump_rejects_what_is_not_a_whole_number(session: RoutineSession, bad: object) -> None:
    if bad == 1e300:  # a whole float, but not a step: clamped like any big number
        assert session.jump(bad) in (True, False) and session.index == session.count - 1
        return
    with pytest.raises(ValueError, match="whole number"):
        session.jump(bad)  # type: ignore[arg-type]


def test_jump_clamps_whole_numbers_and_accepts_numpy(session: RoutineSession) -> None:
    session.jump(10**40)
    assert session.index == session.count - 1
    session.jump(-(10**40))
    assert session.index == 0
    session.jump(np.int64(2))
    assert session.index == 2
    session.jump(3.0)
    assert session.index == 3


def test_player_go_to_and_tick_reject_non_finite_numbers() -> None:
    from foot_lib.widgets.player import RoutinePlayer

    player = RoutinePlayer(load_course(), "eight-step")
    for bad in (math.inf, math.nan, 1.5):
        with pytest.raises(ValueError, match="whole number"):
            player.go_to(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        player.tick(math.inf)  # type: ignore[arg-type]
    player.go_to(10**30)
    assert player.session.index == player.session.count - 1


# -- 7. atomic writes leave no debris --------------------------------------------------------------
def test_temp_file_of_a_killed_write_is_ignored_then_cleaned(tmp_path: Path) -> None:
    mine = foot_lib.copy_data(tmp_path / "mine")
    stale = mine / ".zones.csv.k1ll3d_x.tmp"
    stale.write_bytes(b"\xff\x00 half a table" * 1000)
    old = time.time() - 2 * files.STALE_AFTER_S
    os.utime(stale, (old, old))
    young = mine / ".claims.csv.ab12cd34.tmp"  # another notebook writing right now: kept
    young.write_bytes(b"partial")
    lookalike = mine / ".notes.tmp"  # not one of ours: kept
    lookalike.write_bytes(b"teacher's")
    course = load_course(mine)  # not mistaken for data
    foot_lib.save_table(course.zones, mine, "zones")
    assert not stale.exists() and young.exists() and lookalike.exists()


def test_write_interrupted_before_rename_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = foot_lib.copy_data(tmp_path / "mine")
    zones = load_course(mine).zones

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        foot_lib.save_table(zones, mine, "zones")
    assert not [p for p in mine.iterdir() if p.name.startswith(".")]


def test_json_errors_point_at_the_line_of_the_item(data_copy: Path) -> None:
    """A teacher edits one field per line: the error names that line."""
    path = data_copy / "schemas" / "zones.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    schema = json.loads("\n".join(lines))
    third = next(i for i, line in enumerate(lines) if f'"name": "{schema["fields"][2]["name"]}"' in line)
    lines[third] = '    "foot",'
    path.write_text("\n".join(lines), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.line, err.place) == (third + 1, "fields[2]"), err
    broken = dict(schema["fields"][2], type="text")
    lines[third] = "    " + json.dumps(broken) + ","
    path.write_text("\n".join(lines), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.line, err.place) == (third + 1, "fields[2].type"), err
