"""Load and validate the course data: ``load_course()`` → :class:`Course`.

CSV files are read with the standard ``csv`` module rather than ``pandas.read_csv`` so
that every value keeps the line it came from: then any problem — an undecodable byte, a
truncated row, an unknown zone id — is reported as a :class:`DataError` naming file, line
and column. Only validated values are turned into pandas DataFrames. Every file is read
through :mod:`.access` (only inside the data folder, only regular files of sensible size),
the descriptor is checked by :mod:`.schema` and CSV bytes are decoded by :mod:`.csv_text`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .access import display_name, read_regular_file, resolve_inside
from .errors import DataError
from .json_file import JsonDoc, decode_json
from .paths import default_data_dir
from .schema import DataPackage, Field, TableSchema, read_package

TRUE_VALUES = {"true", "yes", "y", "1"}
FALSE_VALUES = {"false", "no", "n", "0"}
def _close(word: str, options: Sequence[str], n: int) -> list[str]:
    """Spelling suggestions for an error message (difflib is imported only when one is needed)."""
    import difflib

    return difflib.get_close_matches(word, list(options), n=n)


_INT_RE = re.compile(r"[+-]?\d+")


@dataclass
class Table:
    """A validated table: its schema, its DataFrame and the file line of every row."""

    schema: TableSchema
    frame: pd.DataFrame
    lines: list[int]
    display_path: str

    @property
    def name(self) -> str:
        return self.schema.name


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of ``frame`` as plain dicts (only ``columns`` if given).

    Why not ``to_dict("records")`` or ``itertuples``: both go through pandas' indexing for
    every row, which made drawing a chart spend more time reading 70 rows than drawing them.
    Reading whole columns once is about ten times faster and gives the same values.
    """
    cols = list(frame.columns) if columns is None else list(columns)
    values = [frame[c].tolist() for c in cols]
    return [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]


def _display(schema: TableSchema, data_dir: Path) -> str:
    """Short, recognisable file name for messages: ``data/zones.csv`` (as the descriptor names it)."""
    return schema.where or display_name(schema.path, data_dir)


def _read_records(schema: TableSchema, where: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header and (line, values) of every non-blank record."""
    raw = read_regular_file(
        schema.path, where, missing=f"file not found; the data package lists table {schema.name!r} at this path"
    )
    first = schema.field_names[0] if schema.fields else "(header)"
    from . import csv_text  # only on a miss: a stored course is not parsed again

    return csv_text.records(csv_text.decode(raw, where), where, first)


def _check_header(header: list[str], schema: TableSchema, where: str) -> None:
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DataError("this column appears twice in the header", file=where, line=1, column=name)
        seen.add(name)
    expected = schema.field_names
    for name in header:
        if name not in expected:
            hint = _close(name, expected, 1)
            more = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise DataError(
                f"unexpected column{more}; this table's columns are: {', '.join(expected)}",
                file=where,
                line=1,
                column=name or "(blank)",
            )
    for name in expected:
        if name not in seen:
            raise DataError(
                "required column is missing from the header row", file=where, line=1, column=name
            )


def _fail(field: Field, message: str, where: str, line: int) -> DataError:
    return DataError(message, file=where, line=line, column=field.name)


def _check_text(field: Field, value: str, where: str, line: int) -> None:
    if field.enum is not None and value not in field.enum:
        hint = _close(value, field.enum, 1)
        more = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise _fail(field, f"{value!r} is not allowed{more}; expected one of: {', '.join(field.enum)}", where, line)
    if field.pattern is not None and not re.fullmatch(field.pattern, value):
        raise _fail(field, f"{value!r} does not match the expected form /{field.pattern}/", where, line)


def _convert(field: Field, raw: str, where: str, line: int) -> Any:
    """Turn one cell into its Python value, or raise a located DataError."""
    text = raw.strip()
    if field.type == "list":
        items = tuple(item.strip() for item in text.split(field.delimiter) if item.strip())
        if field.required and not items:
            raise _fail(field, f"a value is required (one or more, separated by '{field.delimiter}')", where, line)
        for item in items:
            _check_text(field, item, where, line)
        return items
    if text == "":
        if field.required:
            raise _fail(field, "a value is required but the cell is empty", where, line)
        return None
    if field.type == "string":
        _check_text(field, text, where, line)
        return text
    if field.type == "boolean":
        low = text.lower()
        if low in TRUE_VALUES:
            return True
        if low in FALSE_VALUES:
            return False
        raise _fail(field, f"expected true or false, got {text!r}", where, line)
    if field.type == "integer":
        if not _INT_RE.fullmatch(text):
            raise _fail(field, f"expected a whole number, got {text!r}", where, line)
        significant = text.lstrip("+-").lstrip("0")
        if len(significant) > 19 or (significant and int(significant) >= 2**63):
            shown = text if len(text) <= 30 else text[:30] + "..."
            raise _fail(field, f"the whole number {shown} is too large", where, line)
        number: float = int(text)
    else:
        try:
            number = float(text)
        except ValueError:
            raise _fail(field, f"expected a number, got {text!r}", where, line) from None
        if not math.isfinite(number):
            raise _fail(field, f"expected a finite number, got {text!r}", where, line)
    if field.minimum is not None and number < field.minimum:
        raise _fail(field, f"{text} is below the minimum {field.minimum}", where, line)
    if field.maximum is not None and number > field.maximum:
        raise _fail(field, f"{text} is above the maximum {field.maximum}", where, line)
    if field.enum is not None and text not in field.enum:
        raise _fail(field, f"{text!r} is not allowed; expected one of: {', '.join(field.enum)}", where, line)
    return number


def _column(field: Field, values: list[Any]) -> pd.Series | list[Any]:
    if field.type == "string":
        return ["" if v is None else v for v in values]
    if field.type == "integer":
        return pd.array(values, dtype="Int64")
    if field.type == "number":
        return [math.nan if v is None else float(v) for v in values]
    if field.type == "boolean":
        return pd.array(values, dtype="boolean") if None in values else [bool(v) for v in values]
    series = pd.Series(values, dtype=object)
    return series


def read_table(schema: TableSchema, data_dir: Path) -> Table:
    """Read one CSV file and check it against its schema (not yet against other tables).

    ``schema.path`` was checked by :func:`read_package` to lie inside ``data_dir``.
    """
    where = _display(schema, data_dir)
    header, records = _read_records(schema, where)
    _check_header(header, schema, where)
    positions = {name: header.index(name) for name in schema.field_names}
    columns: dict[str, list[Any]] = {f.name: [] for f in schema.fields}
    lines: list[int] = []
    unique_fields = [f for f in schema.fields if f.unique]
    if len(schema.primary_key) == 1:
        pk_field = schema.field(schema.primary_key[0])
        if pk_field not in unique_fields:
            unique_fields.append(pk_field)
    seen_unique: dict[str, dict[Any, int]] = {f.name: {} for f in unique_fields}
    for line, values in records:
        if len(values) < len(header):
            missing = header[len(values)]
            raise DataError(
                f"this row has {len(values)} values but the header has {len(header)}: the value "
                "for this column is missing (is the file truncated, or a comma missing?)",
                file=where,
                line=line,
                column=missing,
            )
        if len(values) > len(header):
            raise DataError(
                f"this row has {len(values)} values but the header has {len(header)} columns; "
                "an extra comma, or a value with a comma that needs quotes?",
                file=where,
                line=line,
                column=f"(extra value {len(header) + 1})",
            )
        for f in schema.fields:
            value = _convert(f, values[positions[f.name]], where, line)
            if f.name in seen_unique and value not in (None, ()):
                first = seen_unique[f.name].get(value)
                if first is not None:
                    message = f"duplicate value {value!r}: already used on line {first}; it must be unique"
                    raise _fail(f, message, where, line)
                seen_unique[f.name][value] = line
            columns[f.name].append(value)
        lines.append(line)
    frame = pd.DataFrame({f.name: _column(f, columns[f.name]) for f in schema.fields})
    frame.attrs["table"] = schema.name
    return Table(schema=schema, frame=frame, lines=lines, display_path=where)


def _check_foreign_keys(tables: dict[str, Table], package: DataPackage) -> None:
    for table in tables.values():
        for fk in table.schema.foreign_keys:
            if fk.resource not in tables:
                raise DataError(
                    f"foreign key refers to unknown table {fk.resource!r}",
                    file=display_name(package.path, package.path.parent),
                    line=1,
                    column=fk.fields[0],
                )
            target = tables[fk.resource]
            if len(fk.fields) != 1 or len(fk.ref_fields) != 1:
                raise DataError(
                    "only single-column foreign keys are supported",
                    file=table.display_path,
                    line=1,
                    column=",".join(fk.fields),
                )
            local, remote = fk.fields[0], fk.ref_fields[0]
            known = set(target.frame[remote].tolist())
            field = table.schema.field(local)
            for pos, value in enumerate(table.frame[local].tolist()):
                items = value if field.type == "list" else (value,)
                for item in items:
                    if item in (None, "") or item in known:
                        continue
                    hint = _close(str(item), [str(k) for k in known], 3)
                    more = f"; close matches: {', '.join(hint)}" if hint else ""
                    raise DataError(
                        f"unknown {fk.resource} id {item!r}: it is not in {target.display_path}{more}",
                        file=table.display_path,
                        line=table.lines[pos],
                        column=local,
                    )


class Course:
    """Every validated table of the course, as pandas DataFrames.

    Tables are attributes (``course.zones``) and items (``course["zones"]``). Each call to
    :func:`load_course` returns fresh copies, so changing a DataFrame in one lesson never
    leaks into another.
    """

    def __init__(self, data_dir: Path, package: DataPackage, tables: dict[str, Table]) -> None:
        self.data_dir = data_dir
        self.package = package
        self._tables = tables
        #: Extra JSON files of the folder (``foot_shape.json``), read safely and decoded.
        self.json_files: dict[str, JsonDoc] = {}
        #: Every file the loader read, resolved (the cache watches them).
        self.files: tuple[Path, ...] = ()

    # -- table access -------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Table names in the order the data package lists them."""
        return list(self._tables)

    def table(self, name: str) -> Table:
        """The :class:`Table` (schema, frame and line numbers) called ``name``."""
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError(f"no table {name!r}; tables: {', '.join(self._tables)}") from None

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.table(name).frame

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name].frame
        raise AttributeError(f"{type(self).__name__!s} has no table or attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._tables))

    def __contains__(self, name: object) -> bool:
        return name in self._tables

    def row(self, name: str, key: str) -> pd.Series:
        """The row of table ``name`` whose primary key is ``key``."""
        table = self.table(name)
        pk = table.schema.primary_key[0]
        hits = table.frame.index[table.frame[pk] == key]
        if len(hits) == 0:
            valid = ", ".join(map(str, table.frame[pk].tolist()[:20]))
            raise KeyError(f"no {name} row with {pk}={key!r}; valid ids include: {valid}")
        return table.frame.loc[hits[0]]

    # -- locating problems ------------------------------------------------------------
    def error(self, name: str, position: int, column: str, message: str) -> DataError:
        """A DataError for row ``position`` (0-based, as in the DataFrame) of table ``name``."""
        table = self.table(name)
        return DataError(message, file=table.display_path, line=table.lines[position], column=column)

    def summary(self) -> pd.DataFrame:
        """One line per table: rows, columns and what it holds."""
        return pd.DataFrame(
            [
                {
                    "table": t.name,
                    "file": Path(t.display_path).name,
                    "rows": len(t.frame),
                    "columns": len(t.frame.columns),
                    "what it holds": t.schema.description,
                }
                for t in self._tables.values()
            ]
        )

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(t.frame)}" for n, t in self._tables.items())
        return f"Course(data_dir='{self.data_dir.name}', {sizes})"

    def copy(self) -> Course:
        """An independent copy (DataFrames copied)."""
        tables = {
            n: Table(t.schema, t.frame.copy(), list(t.lines), t.display_path) for n, t in self._tables.items()
        }
        course = Course(self.data_dir, self.package, tables)
        course.json_files = self.json_files
        course.files = self.files
        return course


Check = Callable[["Course"], None]
"""A table check: ``check(course)`` raises :class:`DataError` (``course.error(...)``) when the data is wrong.

The descriptor covers types, allowed values and keys; some rules need code (a zone's
outline must not cross itself; a routine step's technique must fit its pressure). Each
module that owns a table exports a plain ``CHECKS`` mapping, :mod:`foot_lib.content.checks`
merges them, and whoever loads the course passes them to :func:`load_course`. Why not a
registry filled by decorators: loading the data then had to import every feature module
for its side effect, which tied the data layer to the layers above it in an import cycle.
"""

Checks = Mapping[str, Sequence[Check]]
"""Table name -> the checks to run once every table is parsed and the foreign keys hold."""


# (folder, the checks' name or the checks themselves) -> (signature of the files read, course)
_CACHE: dict[tuple[Path, str | tuple[tuple[str, tuple[Check, ...]], ...]], tuple[tuple[Any, ...], Course]] = {}

#: Other files of a data folder that the course reads, checked when the course loads (the
#: layers above validate their meaning, e.g. the foot's proportions); optional.
EXTRA_JSON_FILES = ("foot_shape.json",)


def _signature(paths: tuple[Path, ...]) -> tuple[Any, ...]:
    """What changes when any file the loader read changes (or is replaced by something else)."""
    entries: list[tuple[Any, ...]] = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            entries.append((str(p), None))
            continue
        entries.append((str(p), st.st_mode, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_size))
    return tuple(entries)


def _read_extra_files(folder: Path) -> tuple[dict[str, JsonDoc], tuple[Path, ...]]:
    """Read (contained, regular, valid JSON) the optional extra files that exist in ``folder``."""
    docs: dict[str, JsonDoc] = {}
    paths = []
    for name in EXTRA_JSON_FILES:
        candidate = folder / name
        if not os.path.lexists(candidate):
            paths.append(candidate)  # appearing later must invalidate the cache
            continue
        where = display_name(candidate, folder)
        path = resolve_inside(folder, name, file=where, place=None, what="file")
        docs[name] = decode_json(read_regular_file(path, where, missing="file not found"), where)
        paths.append(path)
    return docs, tuple(paths)


def load_course(data_dir: str | Path | None = None, *, checks: Checks) -> Course:
    """Load every table of the course from ``data_dir``, validate it and run ``checks``.

    ``data_dir`` defaults to ``$FOOT_COURSE_DATA`` or the shipped ``data/`` folder. A teacher
    can pass their own copy (see :func:`foot_lib.copy_data`). ``checks`` maps table names to
    the table checks to run after parsing and the foreign keys (the complete list is
    :data:`foot_lib.content.checks.CHECKS`; ``foot_lib.load_course`` passes it). It is
    required so that no caller skips the checks by accident. Raises :class:`DataError`,
    naming file, line and column, for anything wrong. Only files inside ``data_dir`` are read
    (see :mod:`.access`). Results are cached per folder and checks until a file the loader
    read changes, so calling it in every lesson costs nothing.
    """
    try:
        folder = Path(data_dir).expanduser().resolve() if data_dir is not None else default_data_dir()
    except (OSError, RuntimeError, ValueError):
        raise DataError(
            "cannot open this data folder (a symbolic link loop?)", file=str(data_dir), column="(folder)"
        ) from None
    if not folder.is_dir():
        raise DataError(
            "data folder not found (pass the folder that holds datapackage.json)",
            file=folder,
            line=0,
            column="(folder)",
        )
    # a deferred set of checks (the face's) is keyed by its name, so a hit imports none of them
    name = getattr(checks, "cache_name", None)
    key = (folder, name if isinstance(name, str) else tuple((table, tuple(fns)) for table, fns in checks.items()))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == _signature(cached[1].files):
        return cached[1].copy()
    # The validated shipped course stored beside the package (see course_cache): a lesson's
    # first load then costs about what reading the CSV files costs.
    from . import course_cache

    disk_key = course_cache.key(folder, course_cache.checks_name(checks)) if course_cache.eligible(folder) else None
    stored = course_cache.read(disk_key, Course) if disk_key is not None else None
    if stored is not None:
        _CACHE[key] = (_signature(stored.files), stored)
        return stored.copy()
    package = read_package(folder)
    extra, extra_paths = _read_extra_files(folder)
    tables = {schema.name: read_table(schema, folder) for schema in package.tables}
    _check_foreign_keys(tables, package)
    course = Course(folder, package, tables)
    course.json_files = extra
    course.files = (*package.files, *extra_paths)
    signature = _signature(course.files)
    for name in course.names:
        for check in checks.get(name, ()):
            check(course)
    _CACHE[key] = (signature, course)
    if disk_key is not None:
        course_cache.write(disk_key, course)
    return course.copy()
