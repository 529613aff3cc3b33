"""Reading the data package descriptor (Frictionless Data Package v2 style).

Why Frictionless: it is the open standard for describing CSV data (columns, types, allowed
values, primary and foreign keys, licence) in a JSON file any tool can read, so the tables
stay plain CSV for teachers while the rules are machine-readable. We implement the subset
we use ourselves, with error messages that point at a spreadsheet cell, instead of
depending on the large ``frictionless`` library.

Two documented extensions: a ``list`` field (v2 spec: ``delimiter`` + ``itemType``) may be
the local side of a foreign key — then every item must exist in the referenced table; and
constraints ``enum``/``pattern`` on a list field apply to each item.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError

SUPPORTED_TYPES = {"string", "integer", "number", "boolean", "list"}


@dataclass(frozen=True)
class Field:
    """One column's rules."""

    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    delimiter: str = ";"
    item_type: str = "string"


@dataclass(frozen=True)
class ForeignKey:
    """Values of ``fields`` must appear in ``resource``'s ``ref_fields``."""

    fields: tuple[str, ...]
    resource: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A table's description: its fields, primary key and foreign keys."""

    name: str
    path: Path
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class DataPackage:
    """The whole descriptor: every table's schema, in load order."""

    path: Path
    descriptor: dict[str, Any]
    tables: tuple[TableSchema, ...]

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tables]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            "file not found: a course data folder needs datapackage.json describing its tables",
            file=path,
            line=1,
            column="(file)",
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"not valid JSON: {exc.msg}", file=path, line=exc.lineno, column=f"character {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise DataError("expected a JSON object", file=path, line=1, column="(file)")
    return data


def _parse_field(raw: dict[str, Any], schema_path: Path) -> Field:
    name = raw.get("name")
    ftype = raw.get("type", "string")
    if not isinstance(name, str) or not name:
        raise DataError("every field needs a 'name'", file=schema_path, line=1, column="fields")
    if ftype not in SUPPORTED_TYPES:
        raise DataError(
            f"field type {ftype!r} is not supported; use one of {sorted(SUPPORTED_TYPES)}",
            file=schema_path,
            line=1,
            column=name,
        )
    c = raw.get("constraints", {}) or {}
    enum = c.get("enum")
    return Field(
        name=name,
        type=ftype,
        description=raw.get("description", ""),
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(str(v) for v in enum) if enum is not None else None,
        pattern=c.get("pattern"),
        minimum=c.get("minimum"),
        maximum=c.get("maximum"),
        delimiter=raw.get("delimiter", ";"),
        item_type=raw.get("itemType", "string"),
    )


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def read_package(data_dir: Path) -> DataPackage:
    """Parse ``data_dir/datapackage.json`` and every schema it points to."""
    dp_path = data_dir / "datapackage.json"
    descriptor = _read_json(dp_path)
    tables = []
    for res in descriptor.get("resources", []):
        name, path = res.get("name"), res.get("path")
        if not name or not path:
            raise DataError(
                "every resource needs a 'name' and a 'path'", file=dp_path, line=1, column="resources"
            )
        schema = res.get("schema")
        schema_path = dp_path
        if isinstance(schema, str):
            schema_path = data_dir / schema
            schema = _read_json(schema_path)
        if not isinstance(schema, dict):
            raise DataError(
                f"resource {name!r} has no table schema", file=dp_path, line=1, column="schema"
            )
        fields = tuple(_parse_field(f, schema_path) for f in schema.get("fields", []))
        fks = tuple(
            ForeignKey(
                fields=_as_tuple(fk["fields"]),
                resource=fk["reference"].get("resource") or name,
                ref_fields=_as_tuple(fk["reference"]["fields"]),
            )
            for fk in schema.get("foreignKeys", [])
        )
        known = {"fields", "primaryKey", "foreignKeys", "description", "$schema"}
        tables.append(
            TableSchema(
                name=name,
                path=data_dir / path,
                fields=fields,
                primary_key=_as_tuple(schema.get("primaryKey", ())),
                foreign_keys=fks,
                description=res.get("description", schema.get("description", "")),
                extra={k: v for k, v in schema.items() if k not in known},
            )
        )
    return DataPackage(path=dp_path, descriptor=descriptor, tables=tuple(tables))
