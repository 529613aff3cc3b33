"""JSON files of a data folder, read so that every problem can name its place and line.

Why not plain ``json.loads``: a teacher who mistypes a schema needs to hear *where*:
``data/schemas/zones.json, line 14, at fields[3].constraints.pattern``. The standard
decoder forgets positions, so :func:`read_json` uses its pure-Python scanner with hooks that
remember where each object and array starts; :class:`JsonDoc` turns a place into a line.
It also refuses what ``json`` would accept but no JSON tool writes: ``NaN``/``Infinity``,
numbers with thousands of digits, nesting deep enough to exhaust the stack.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from dataclasses import dataclass, field
from typing import Any

from .errors import DataError

_MAX_DEPTH = 64


@dataclass
class JsonDoc:
    """A decoded JSON file: its value, its text, and where each container starts."""

    value: Any
    text: str
    where: str
    starts: dict[int, int] = field(default_factory=dict)
    items: dict[int, list[int]] = field(default_factory=dict)

    def line_of(self, container: object, key: str | int | None = None) -> int:
        """The line of ``container`` (a dict or list from :attr:`value`), or of ``key`` in it
        (a key of a dict, an index of a list)."""
        start = self.starts.get(id(container))
        if start is None:
            return 1
        if isinstance(key, int) and not isinstance(key, bool):
            offsets = self.items.get(id(container), [])
            if 0 <= key < len(offsets):
                start = offsets[key]
        elif key is not None:
            hit = self.text.find(json.dumps(key), start)
            if hit >= 0:
                start = hit
        return self.text.count("\n", 0, start) + 1

    def error(self, message: str, place: str, container: object = None, key: str | int | None = None) -> DataError:
        """A DataError at ``place`` (e.g. ``resources[3].schema``), located to a line if known."""
        return DataError(message, file=self.where, line=self.line_of(container, key), place=place)


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text) > 100:
        raise ValueError("a number with more than 100 digits")
    return int(text)


def _float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return number


class _Decoder(json.JSONDecoder):
    def __init__(self, starts: dict[int, int], items: dict[int, list[int]]) -> None:
        super().__init__(parse_constant=_constant, parse_int=_integer, parse_float=_float)
        depth = [0]

        def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
            depth[0] += 1
            if depth[0] > _MAX_DEPTH:
                raise ValueError(f"nested more than {_MAX_DEPTH} levels deep")
            try:
                value, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)  # type: ignore[attr-defined]
            finally:
                depth[0] -= 1
            starts[id(value)] = s_and_end[1] - 1
            return value, end

        def parse_array(s_and_end: tuple[str, int], scan_once: Any, *args: Any) -> tuple[Any, int]:
            depth[0] += 1
            if depth[0] > _MAX_DEPTH:
                raise ValueError(f"nested more than {_MAX_DEPTH} levels deep")
            offsets: list[int] = []

            def scan_item(text: str, idx: int) -> Any:
                offsets.append(idx)
                return scan_once(text, idx)

            try:
                value, end = json.decoder.JSONArray(s_and_end, scan_item, *args)  # type: ignore[attr-defined]
            finally:
                depth[0] -= 1
            starts[id(value)] = s_and_end[1] - 1
            items[id(value)] = offsets
            return value, end

        self.parse_object = parse_object
        self.parse_array = parse_array
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


def decode_json(raw: bytes, where: str) -> JsonDoc:
    """Decode UTF-8 JSON bytes (a BOM is tolerated), or raise a located DataError."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 text; save the file as UTF-8",
            file=where,
            line=line,
            column=f"character {col}",
        ) from None
    starts: dict[int, int] = {}
    items: dict[int, list[int]] = {}
    try:
        value = _Decoder(starts, items).decode(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"not valid JSON: {exc.msg}", file=where, line=exc.lineno, column=f"character {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise DataError(f"not valid JSON: {reason}", file=where, line=1, column="(file)") from None
    return JsonDoc(value=value, text=text, where=where, starts=starts, items=items)
