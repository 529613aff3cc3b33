"""Fuzzing the loader: whatever bytes a file holds, ``load_course`` loads or raises DataError.

Random bytes, byte-level edits of the real files (flips, insertions, deletions, truncation,
line-ending changes), one cell of a real table set to a random value (which reaches the
checks behind the parser), random JSON documents and random JSON values spliced into the real
descriptor and schemas are written into a temporary copy of the data, one file at a time.
Anything but a loaded course or a DataError naming a file (a KeyError, a TypeError, a
RecursionError, a hang) fails the test.

Time bound: ``FOOT_FUZZ_EXAMPLES`` examples per test (default 40, two tests); each load
takes about 0.1 s and is stopped after 10 s, so the file runs in about 10 s. Set the
variable higher for a longer hunt (``FOOT_FUZZ_EXAMPLES=2000``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import time_limit

from foot_lib import DataError, load_course
from foot_lib.data import loading
from foot_lib.data.paths import SHIPPED_DATA_DIR

# Hypothesis warns when the global ``random`` state changes while it draws. No code here uses it,
# but the run's background threads (tests/background.py: servers, browsers) run third-party code
# that may, at any moment; the warning then names a draw of this test that did nothing wrong.
pytestmark = pytest.mark.filterwarnings("ignore:Do not use the `random` module inside strategies")

EXAMPLES = int(os.environ.get("FOOT_FUZZ_EXAMPLES", "40"))
TABLES = sorted(p.name for p in SHIPPED_DATA_DIR.glob("*.csv"))
SCHEMAS = sorted(f"schemas/{p.name}" for p in (SHIPPED_DATA_DIR / "schemas").glob("*.json"))
JSON_FILES = ["datapackage.json", "foot_shape.json", *SCHEMAS]
SPECIAL = [
    b'"',
    b",",
    b"\r",
    b"\n",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"{",
    b"]",
    b";",
    b"99999999999999999999",
    b"1e999",
    b"-",
]
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["string", "list", "integer", "zones", "sources", "id", "../x.csv", "[", ";", "required"])
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(SHIPPED_DATA_DIR, dest)
    return dest


def check_loads_or_data_error(folder: Path, relative: str, content: bytes) -> None:
    path = folder / relative
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        loading._CACHE.clear()  # same size and mtime as a previous example must not hit the cache
        with time_limit(10):
            load_course(folder)
    except DataError as err:
        assert err.file, err
        assert "Traceback" not in str(err)
    finally:
        path.write_bytes(original)


def _edit_bytes(data: st.DataObject, raw: bytes) -> bytes:
    kind = data.draw(st.sampled_from(["random", "edits", "truncate", "endings"]), label="kind")
    if kind == "random":
        return data.draw(st.binary(max_size=3000), label="bytes")
    if kind == "truncate":
        return raw[: data.draw(st.integers(0, len(raw)), label="cut")]
    if kind == "endings":
        ending = data.draw(st.sampled_from([b"\r", b"\r\n", b"\n\r", b"", b"\n\n"]), label="ending")
        return raw.replace(b"\n", ending)
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 6), label="count")):
        at = data.draw(st.integers(0, max(len(out) - 1, 0)), label="at")
        op = data.draw(st.sampled_from(["flip", "insert", "delete"]), label="op")
        chunk = data.draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=4), label="chunk")
        if op == "flip" and out:
            out[at] ^= data.draw(st.integers(1, 255), label="mask")
        elif op == "insert":
            out[at:at] = chunk
        elif out:
            del out[at : at + len(chunk)]
    return bytes(out)


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _places(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _places(v, (*path, i))
    return out


def _splice(doc: Any, path: tuple, new: Any, delete: bool) -> Any:
    if not path:
        return new
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return doc


cell_values = st.text(max_size=30) | st.sampled_from(
    [
        "",
        "nan",
        "inf",
        "-1",
        "0",
        "1e309",
        "2.5",
        "true",
        ";",
        ";;",
        "x;y",
        "0.5 0.5",
        "poly 0 0 1 1",
        "left",
        "S003.11",
    ]
)


def _edit_cell(data: st.DataObject, raw: bytes) -> bytes:
    """Set one cell of a real table to a random value: reaches the checks behind the parser."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    row = data.draw(st.integers(1, len(rows) - 1), label="row")
    col = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
    rows[row][col] = data.draw(cell_values, label="value")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@FUZZ
@given(data=st.data())
def test_fuzzed_tables_load_or_raise_data_error(folder: Path, data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(TABLES), label="table")
    raw = (SHIPPED_DATA_DIR / table).read_bytes()
    edit = _edit_cell if data.draw(st.booleans(), label="cell or bytes") else _edit_bytes
    check_loads_or_data_error(folder, table, edit(data, raw))


@FUZZ
@given(data=st.data())
def test_fuzzed_descriptor_and_schemas_load_or_raise_data_error(folder: Path, data: st.DataObject) -> None:
    relative = data.draw(st.sampled_from(JSON_FILES), label="file")
    raw = (SHIPPED_DATA_DIR / relative).read_bytes()
    kind = data.draw(st.sampled_from(["splice", "splice", "delete", "document", "bytes"]), label="kind")
    if kind == "bytes":
        content = _edit_bytes(data, raw)
    elif kind == "document":
        content = json.dumps(data.draw(json_values, label="document")).encode()
    else:
        doc = json.loads(raw)
        places = _places(doc)[1:] if kind == "delete" else _places(doc)
        path = data.draw(st.sampled_from(places), label="place")
        new = data.draw(json_values, label="value") if kind == "splice" else None
        content = json.dumps(_splice(doc, path, new, kind == "delete"), indent=1).encode()
    check_loads_or_data_error(folder, relative, content)
