"""Reading the data package descriptor (Frictionless Data Package v2), checked as data.

Why Frictionless: it is the open standard for describing CSV data (columns, types, allowed
values, primary and foreign keys, licence) in a JSON file any tool can read, so the tables
stay plain CSV for teachers while the rules are machine-readable. The shipped descriptor
passes the reference validator (``frictionless validate data/datapackage.json``, run in the
tests); the course reads the subset it uses itself, so that every problem points at a
spreadsheet cell, instead of depending on the large ``frictionless`` library at run time.

The descriptor and every schema are validated before use: wrong JSON types, missing keys,
unknown field types or constraints, invalid regular expressions, keys naming unknown fields
or tables — each a :class:`DataError` naming the file, its line and the place in it
(``resources[3].schema.foreignKeys[0].reference``).

Extension (namespaced, so the reference tools ignore it): the standard has no constraints
on the *items* of a ``list`` field and no foreign keys from a list field, and the course
needs both (every id in ``zones`` must be a zone). So a list field may carry
``"footcourse:itemConstraints": {"enum": [...], "pattern": "..."}``, applied to each item,
and a schema may carry ``"footcourse:listForeignKeys"`` (same form as ``foreignKeys``): every
item of the list must exist in the referenced table. Older copies that put these in
``constraints``/``foreignKeys`` still load.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from .access import check_relative, display_name, read_regular_file, resolve_inside
from .errors import DataError
from .json_file import JsonDoc, decode_json

SUPPORTED_TYPES = {"string", "integer", "number", "boolean", "list"}
EXT = "footcourse:"
ITEM_CONSTRAINTS = EXT + "itemConstraints"
LIST_FOREIGN_KEYS = EXT + "listForeignKeys"
_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
_FIELD_KEYS = {
    "name",
    "type",
    "title",
    "description",
    "example",
    "format",
    "constraints",
    "delimiter",
    "itemType",
    "rdfType",
    ITEM_CONSTRAINTS,
}
_RESOURCE_VALUES = (("format", {"csv"}), ("mediatype", {"text/csv"}), ("encoding", {"utf-8", "utf8", "utf-8-sig"}))
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# The descriptor's records are NamedTuples, not frozen dataclasses: immutable values all the
# same, and a tenth of the cost to define (Python 3.11 builds each dataclass method with exec,
# about 1 ms a class), which every lesson's first load of the course paid four times over.
class Field(NamedTuple):
    """One column's rules (for a list field, ``enum``/``pattern`` apply to each item)."""

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


class ForeignKey(NamedTuple):
    """Values of ``fields`` must appear in ``resource``'s ``ref_fields``."""

    fields: tuple[str, ...]
    resource: str
    ref_fields: tuple[str, ...]


class TableSchema(NamedTuple):
    """A table's description: its fields, primary key and foreign keys."""

    name: str
    path: Path
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    description: str = ""
    extra: dict[str, Any] | None = None  # descriptor keys this course does not read, as given
    where: str = ""  # the file as messages name it: ``data/zones.csv``

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


class DataPackage(NamedTuple):
    """The whole descriptor: every table's schema, in load order, and the files read."""

    path: Path
    descriptor: dict[str, Any]
    tables: tuple[TableSchema, ...]
    files: tuple[Path, ...] = ()

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tables]


# -- helpers that turn a wrong JSON type into a located DataError ------------------------------
def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


class _Checker:
    """Checks one JSON document; ``place`` strings prefix every location it reports."""

    def __init__(self, doc: JsonDoc, prefix: str = "") -> None:
        self.doc = doc
        self.prefix = prefix

    def at(self, place: str) -> str:
        if not self.prefix:
            return place or "(top level)"
        return f"{self.prefix}.{place}" if place else self.prefix

    def fail(self, message: str, place: str, container: object = None, key: str | int | None = None) -> DataError:
        return self.doc.error(message, self.at(place), container, key)

    def get(
        self,
        obj: dict[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        place: str,
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        """``obj[key]`` checked to be of ``kind`` (bool is never a number)."""
        if key not in obj:
            if required:
                raise self.fail(f"{key!r} is required here", place, obj)
            return default
        value = obj[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        is_number = (int in kinds or float in kinds) and isinstance(value, (int, float))
        if (isinstance(value, bool) and bool not in kinds) or not (isinstance(value, kinds) or is_number):
            wanted = " or ".join(dict.fromkeys(_type_name(k()) for k in kinds))
            raise self.fail(f"{key!r} must be {wanted}, not {_type_name(value)}", _join(place, key), obj, key)
        return value

    def names(self, obj: dict[str, Any], key: str, place: str, *, required: bool = False) -> tuple[str, ...]:
        """A field-name list that may be written as one string."""
        value = self.get(obj, key, (str, list), place, required=required, default=[])
        items = [value] if isinstance(value, str) else value
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item:
                raise self.fail(f"item {i} of {key!r} must be a field name (text)", _join(place, key), obj, key)
        return tuple(items)


def _join(place: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else key


def _did_you_mean(word: str, options: list[str] | set[str]) -> str:
    import difflib  # only for an error message

    hint = difflib.get_close_matches(word, sorted(options), n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


# -- fields and schemas ------------------------------------------------------------------------
def _parse_constraints(ck: _Checker, c: dict[str, Any], place: str, ftype: str, allowed: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in c:
        if key not in allowed:
            raise ck.fail(
                f"constraint {key!r} is not supported here{_did_you_mean(key, allowed)}; "
                f"supported: {', '.join(sorted(allowed))}",
                _join(place, key),
                c,
                key,
            )
    out["required"] = ck.get(c, "required", bool, place, default=False)
    out["unique"] = ck.get(c, "unique", bool, place, default=False)
    enum = ck.get(c, "enum", list, place)
    if enum is not None:
        if not enum:
            raise ck.fail("'enum' must list at least one allowed value", _join(place, "enum"), c, "enum")
        for i, v in enumerate(enum):
            if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                raise ck.fail(
                    f"allowed values must be text or numbers, not {_type_name(v)}",
                    f"{_join(place, 'enum')}[{i}]",
                    enum,
                    i,
                )
        out["enum"] = tuple(str(v) for v in enum)
    pattern = ck.get(c, "pattern", str, place)
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            raise ck.fail(f"invalid regular expression ({exc})", _join(place, "pattern"), c, "pattern") from None
        out["pattern"] = pattern
    for key in ("minimum", "maximum"):
        value = ck.get(c, key, (int, float), place)
        if value is not None and ftype not in {"integer", "number"}:
            raise ck.fail(f"{key!r} applies only to integer and number fields", _join(place, key), c, key)
        out[key] = value
    return out


def _parse_field(ck: _Checker, raw: object, place: str, container: list[Any], index: int) -> Field:
    if not isinstance(raw, dict):
        raise ck.fail(f"a field must be an object, not {_type_name(raw)}", place, container, index)
    name = ck.get(raw, "name", str, place, required=True)
    if not name.strip():
        raise ck.fail("a field's 'name' must not be empty", _join(place, "name"), raw, "name")
    for key in raw:
        if key not in _FIELD_KEYS and ":" not in key:
            raise ck.fail(
                f"unknown key {key!r} in field {name!r}{_did_you_mean(key, _FIELD_KEYS)}", _join(place, key), raw, key
            )
    ftype = ck.get(raw, "type", str, place, default="string")
    if ftype not in SUPPORTED_TYPES:
        raise ck.fail(
            f"field type {ftype!r} is not supported{_did_you_mean(ftype, SUPPORTED_TYPES)}; "
            f"use one of: {', '.join(sorted(SUPPORTED_TYPES))}",
            _join(place, "type"),
            raw,
            "type",
        )
    fmt = ck.get(raw, "format", str, place, default="default")
    if fmt != "default":
        raise ck.fail(f"format {fmt!r} is not supported; leave 'format' out", _join(place, "format"), raw, "format")
    description = ck.get(raw, "description", str, place, default="")
    c = ck.get(raw, "constraints", dict, place, default={})
    is_list = ftype == "list"
    # A list's whole-value constraints are only "required"; enum/pattern on a list field are
    # the old spelling of the item constraints (kept so older copies load).
    rules = _parse_constraints(ck, c, _join(place, "constraints"), "string" if is_list else ftype, _CONSTRAINTS)
    delimiter, item_type = ";", "string"
    if is_list:
        delimiter = ck.get(raw, "delimiter", str, place, default=",")  # the standard's default
        if not delimiter or delimiter in {'"', "\n", "\r"}:
            raise ck.fail("'delimiter' must be a character such as ';'", _join(place, "delimiter"), raw, "delimiter")
        item_type = ck.get(raw, "itemType", str, place, default="string")
        if item_type != "string":
            raise ck.fail("only 'itemType': 'string' is supported", _join(place, "itemType"), raw, "itemType")
        if rules["unique"]:
            raise ck.fail("'unique' is not supported on list fields", _join(place, "constraints.unique"), c, "unique")
        items = ck.get(raw, ITEM_CONSTRAINTS, dict, place, default={})
        item_rules = _parse_constraints(ck, items, _join(place, ITEM_CONSTRAINTS), "string", {"enum", "pattern"})
        for key in ("enum", "pattern"):
            if item_rules.get(key) is not None:
                rules[key] = item_rules[key]
    else:
        for key in ("delimiter", "itemType", ITEM_CONSTRAINTS):
            if key in raw:
                raise ck.fail(f"{key!r} applies only to list fields", _join(place, key), raw, key)
    return Field(
        name=name,
        type=ftype,
        description=description,
        required=rules["required"],
        unique=rules["unique"],
        enum=rules.get("enum"),
        pattern=rules.get("pattern"),
        minimum=rules["minimum"],
        maximum=rules["maximum"],
        delimiter=delimiter,
        item_type=item_type,
    )


_FkPlace = tuple[_Checker, str, dict[str, Any]]


def _parse_keys(
    ck: _Checker,
    schema: dict[str, Any],
    key: str,
    own: str,
    fields: dict[str, Field],
    resources: set[str],
    lists: bool,
    where: list[_FkPlace],
) -> list[ForeignKey]:
    out = []
    keys = ck.get(schema, key, list, "", default=[])
    for i, fk in enumerate(keys):
        place = f"{key}[{i}]"
        if not isinstance(fk, dict):
            raise ck.fail(f"a foreign key must be an object, not {_type_name(fk)}", place, keys, i)
        local = ck.names(fk, "fields", place, required=True)
        ref = ck.get(fk, "reference", dict, place, required=True)
        resource = ck.get(ref, "resource", str, _join(place, "reference"), default="") or own
        remote = ck.names(ref, "fields", _join(place, "reference"), required=True)
        if len(local) != 1 or len(remote) != 1:
            raise ck.fail("only single-column foreign keys are supported", place, fk)
        if local[0] not in fields:
            raise ck.fail(
                f"foreign key field {local[0]!r} is not a field of this table{_did_you_mean(local[0], set(fields))}",
                _join(place, "fields"),
                fk,
                "fields",
            )
        if resource not in resources:
            raise ck.fail(
                f"foreign key refers to unknown table {resource!r}{_did_you_mean(resource, resources)}",
                _join(place, "reference.resource"),
                ref,
                "resource",
            )
        is_list = fields[local[0]].type == "list"
        if lists and not is_list:
            raise ck.fail(f"{local[0]!r} is not a list field; put this key in 'foreignKeys'", place, fk)
        out.append(ForeignKey(fields=local, resource=resource, ref_fields=remote))
        where.append((ck, _join(place, "reference.fields"), ref))
    return out


def _parse_schema(
    ck: _Checker,
    schema: dict[str, Any],
    name: str,
    path: Path,
    where: str,
    resources: set[str],
    description: str,
    fk_places: list[_FkPlace],
) -> TableSchema:
    raw_fields = ck.get(schema, "fields", list, "", required=True)
    if not raw_fields:
        raise ck.fail("'fields' must list at least one field", "fields", schema, "fields")
    fields: dict[str, Field] = {}
    for i, raw in enumerate(raw_fields):
        f = _parse_field(ck, raw, f"fields[{i}]", raw_fields, i)
        if f.name in fields:
            raise ck.fail(f"field {f.name!r} is defined twice", f"fields[{i}].name", raw, "name")
        fields[f.name] = f
    pk = ck.names(schema, "primaryKey", "")
    for key in pk:
        if key not in fields:
            raise ck.fail(
                f"primary key {key!r} is not a field of this table{_did_you_mean(key, set(fields))}",
                "primaryKey",
                schema,
                "primaryKey",
            )
    fks = _parse_keys(ck, schema, "foreignKeys", name, fields, resources, False, fk_places)
    fks += _parse_keys(ck, schema, LIST_FOREIGN_KEYS, name, fields, resources, True, fk_places)
    description = description or ck.get(schema, "description", str, "", default="")
    known = {"fields", "primaryKey", "foreignKeys", "description", "$schema", LIST_FOREIGN_KEYS}
    return TableSchema(
        name=name,
        path=path,
        fields=tuple(fields.values()),
        primary_key=pk,
        foreign_keys=tuple(fks),
        description=description,
        extra={k: v for k, v in schema.items() if k not in known},
        where=where,
    )


def read_json_file(
    data_dir: Path, relative: str, *, file: str, place: str | None, what: str, missing: str, line: int | None = None
) -> tuple[Path, JsonDoc]:
    """Read a JSON file named inside ``data_dir`` (contained, regular, size-limited)."""
    path = resolve_inside(data_dir, relative, file=file, place=place, what=what, line=line)
    where = display_name(data_dir / relative, data_dir)
    return path, decode_json(read_regular_file(path, where, missing=missing), where)


def _check_refs(tables: list[TableSchema], fk_places: list[list[_FkPlace]]) -> None:
    by_name = {t.name: t for t in tables}
    for t, places in zip(tables, fk_places, strict=True):
        for fk, (ck, place, ref) in zip(t.foreign_keys, places, strict=True):
            target = by_name[fk.resource]
            remote = fk.ref_fields[0]
            if remote not in target.field_names:
                hint = _did_you_mean(remote, set(target.field_names))
                raise ck.fail(f"{remote!r} is not a field of table {fk.resource!r}{hint}", place, ref, "fields")


def read_package(data_dir: Path) -> DataPackage:
    """Parse and check ``data_dir/datapackage.json`` and every schema it points to.

    ``data_dir`` must be resolved. Every path read is checked to stay inside it.
    """
    dp_path, doc = read_json_file(
        data_dir,
        "datapackage.json",
        file=f"{data_dir.name}/datapackage.json",
        place=None,
        what="descriptor",
        missing="file not found: a course data folder needs datapackage.json describing its tables",
    )
    ck = _Checker(doc)
    descriptor = doc.value
    if not isinstance(descriptor, dict):
        raise ck.fail(f"expected a JSON object, not {_type_name(descriptor)}", "", None)
    resources = ck.get(descriptor, "resources", list, "", required=True)
    if not resources:
        raise ck.fail("'resources' must list at least one table", "resources", descriptor, "resources")
    names: list[str] = []
    for i, res in enumerate(resources):
        if not isinstance(res, dict):
            raise ck.fail(f"a resource must be an object, not {_type_name(res)}", f"resources[{i}]", resources, i)
        name = ck.get(res, "name", str, f"resources[{i}]", required=True)
        if not _NAME.match(name):
            raise ck.fail(
                f"resource name {name!r} may use only letters, digits, '.', '_' and '-'",
                f"resources[{i}].name",
                res,
                "name",
            )
        if name in names:
            raise ck.fail(f"resource name {name!r} is used twice", f"resources[{i}].name", res, "name")
        names.append(name)
    tables: list[TableSchema] = []
    files = [dp_path]
    fk_places: list[list[_FkPlace]] = []
    for i, res in enumerate(resources):
        place = f"resources[{i}]"
        name = res["name"]
        raw_path = ck.get(res, "path", str, place, required=True)
        path_line = doc.line_of(res, "path")
        check_relative(raw_path, file=doc.where, place=f"{place}.path", what=f"resource {name!r} path", line=path_line)
        for key, allowed in _RESOURCE_VALUES:
            value = ck.get(res, key, str, place)
            if value is not None and value.lower() not in allowed:
                raise ck.fail(
                    f"{key} {value!r} is not supported; the course reads {sorted(allowed)[0]} only",
                    f"{place}.{key}",
                    res,
                    key,
                )
        if "dialect" in res:
            raise ck.fail(
                "custom CSV dialects are not supported; save the table as plain CSV (comma, "
                "double quotes) and remove 'dialect'",
                f"{place}.dialect",
                res,
                "dialect",
            )
        table_path = resolve_inside(
            data_dir, raw_path, file=doc.where, place=f"{place}.path", what=f"resource {name!r} path", line=path_line
        )
        description = ck.get(res, "description", str, place, default="")
        schema = ck.get(res, "schema", (str, dict), place, required=True)
        if isinstance(schema, str):
            schema_line = doc.line_of(res, "schema")
            check_relative(
                schema, file=doc.where, place=f"{place}.schema", what=f"resource {name!r} schema", line=schema_line
            )
            schema_path, schema_doc = read_json_file(
                data_dir,
                schema,
                file=doc.where,
                place=f"{place}.schema",
                what=f"resource {name!r} schema",
                missing=f"file not found; {doc.where} names it as the schema of table {name!r}",
                line=schema_line,
            )
            files.append(schema_path)
            sck = _Checker(schema_doc)
            if not isinstance(schema_doc.value, dict):
                raise sck.fail(f"a table schema must be a JSON object, not {_type_name(schema_doc.value)}", "")
            schema = schema_doc.value
        else:
            sck = _Checker(doc, f"{place}.schema")
        fk_places.append([])
        tables.append(
            _parse_schema(
                sck,
                schema,
                name,
                table_path,
                display_name(data_dir / raw_path, data_dir),
                set(names),
                description,
                fk_places[-1],
            )
        )
        files.append(table_path)
    _check_refs(tables, fk_places)
    return DataPackage(path=dp_path, descriptor=descriptor, tables=tuple(tables), files=tuple(files))
