"""CSV bytes → header and records, with every byte-level problem located to a cell.

Why a module of its own: the standard ``csv`` reader parses fast but, when it fails, says
only *that* the file is broken. A teacher needs "line 14, column 'how_to': a quote opened
here is never closed". So parsing stays with ``csv`` and, only when something is wrong, a
small scanner (:func:`_cells`) walks the text with the same rules (comma, double quotes,
``""`` inside quotes, any line ending: ``\\n``, ``\\r\\n`` or a bare ``\\r`` as old Mac
spreadsheets write) to find the line and the column of the bad byte or broken cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NoReturn

from .errors import DataError

_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')
_PLAIN = re.compile(r"[^,\r\n]*")


def _plain_end(text: str, pos: int) -> int:
    """Where an unquoted cell starting at ``pos`` ends (the pattern matches even an empty cell)."""
    match = _PLAIN.match(text, pos)
    assert match is not None
    return match.end()
_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOM = b"\xef\xbb\xbf"
#: Longest cell accepted (the ``csv`` module's default limit). Checked by the loader itself,
#: because other libraries raise the module's process-wide limit when they are imported.
MAX_CELL_CHARS = 131072


@dataclass(frozen=True)
class _Cell:
    line: int  # line the cell starts on (1-based, any line ending)
    index: int  # position in its record (0-based)
    start: int  # offset in the text
    end: int  # offset just after the cell
    unclosed: bool = False  # a quote opens the cell and never closes
    junk_after_quote: bool = False  # text between the closing quote and the next comma


def _cells(text: str, pos: int = 0, line: int = 1) -> Iterator[_Cell]:
    """Every cell of ``text`` from ``pos`` (a record start), with where it starts."""
    n = len(text)
    index = 0
    while True:
        start, start_line, unclosed, junk = pos, line, False, False
        if pos < n and text[pos] == '"':
            m = _QUOTED.match(text, pos)
            if m is None:
                yield _Cell(start_line, index, start, n, unclosed=True)
                return
            line += len(_BREAK.findall(text, pos, m.end()))
            pos = m.end()
            end = _plain_end(text, pos)
            junk = end > pos
            pos = end
        else:
            pos = _plain_end(text, pos)
        yield _Cell(start_line, index, start, pos, unclosed, junk)
        if pos >= n:
            return
        if text[pos] == ",":
            index += 1
            pos += 1
            continue
        brk = _BREAK.match(text, pos)
        assert brk is not None
        pos = brk.end()
        line += 1
        index = 0
        if pos >= n:
            return


def _line_of(text: str, offset: int) -> int:
    return len(_BREAK.findall(text, 0, offset)) + 1


def _header_names(text: str) -> list[str]:
    try:
        return [v.strip() for v in next(csv.reader(io.StringIO(text, newline="")), [])]
    except csv.Error:
        return []


def _column_name(header: list[str], cell: _Cell, in_header: bool) -> str:
    if in_header:
        return f"#{cell.index + 1} of the header"
    if cell.index < len(header) and header[cell.index]:
        return header[cell.index]
    return f"(extra value {cell.index + 1})"


def _cell_at_end(text: str) -> tuple[_Cell, bool]:
    """The cell the end of ``text`` falls in, and whether it belongs to the header record.

    After a comma or a line end that is a new, empty cell: the bad character starts it
    (:func:`_cells` yields the empty cell after a trailing comma itself).
    """
    last = _Cell(1, 0, 0, 0)
    header_end: int | None = None
    for cell in _cells(text):
        if header_end is None and cell.index == 0 and cell.start > 0:
            header_end = cell.start
        last = cell
    end = len(text)
    if text.endswith(("\n", "\r")) and not last.unclosed and last.end < end:
        last = _Cell(_line_of(text, end), 0, end, end)
        header_end = end if header_end is None else header_end
    return last, header_end is None or last.start < header_end


def decode(raw: bytes, where: str) -> str:
    """UTF-8 text (with or without Excel's BOM), or a DataError at the bad byte's cell."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8")
        hint = ""
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " (the file looks like UTF-16, 'Unicode text')"
        _raise_at(
            prefix,
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 text{hint}; re-save the file as "
            "'CSV UTF-8' in your spreadsheet program",
            where,
        )
    bad = _CONTROL.search(text)
    if bad:
        _raise_at(
            text[: bad.start()],
            f"invisible control character U+{ord(bad.group()):04X} in the text; delete it (it is "
            "not part of any value; the file may be damaged or not a CSV file)",
            where,
        )
    return text


def _raise_at(prefix: str, message: str, where: str) -> NoReturn:
    """Raise ``message`` at the cell where ``prefix`` ends (the bad character comes next)."""
    cell, in_header = _cell_at_end(prefix)
    header = [] if in_header else _header_names(prefix)
    line = _line_of(prefix, len(prefix))
    raise DataError(message, file=where, line=line, column=_column_name(header, cell, in_header))


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def records(text: str, where: str, first: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and ``(line, values)`` of every non-blank record of CSV ``text``."""
    if not text.strip():
        raise DataError(
            f"the file is empty; expected a header row starting with {first!r}",
            file=where,
            line=1,
            column=first,
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    previous_end = 0
    try:
        for values in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if header is None:
                header = [v.strip() for v in values]
                continue
            if not values or all(not v.strip() for v in values):
                continue
            if max(map(len, values)) > MAX_CELL_CHARS:
                starts = _line_starts(text)
                _broken_record(text, starts[start - 1], start, header, False, "a cell is too long", where)
            out.append((start, values))
    except csv.Error as exc:
        start_line = previous_end + 1
        starts = _line_starts(text)
        offset = starts[min(start_line, len(starts)) - 1]
        _broken_record(text, offset, start_line, header or [], header is None, str(exc), where)
    if header is None:  # only blank lines
        raise DataError(
            f"the file has no header row; expected one starting with {first!r}", file=where, line=1, column=first
        )
    return header, out


def _broken_record(
    text: str, offset: int, line: int, header: list[str], in_header: bool, reason: str, where: str
) -> NoReturn:
    """Find the broken cell of the record starting at ``offset`` and raise a DataError there."""
    limit = min(csv.field_size_limit(), MAX_CELL_CHARS)
    for cell in _cells(text, offset, line):
        too_long = cell.end - cell.start > limit
        if not (cell.unclosed or cell.junk_after_quote or too_long):
            if cell.index == 0 and cell.start > offset and cell.line > line:
                break  # the record ended without a problem we can see
            continue
        column = _column_name(header, cell, in_header)
        spans_lines = _BREAK.search(text, cell.start, cell.end) is not None
        if cell.unclosed or (cell.junk_after_quote and spans_lines):
            message = (
                'a quote (") opens this cell and is never closed where it should be, so the lines '
                "after it are read as part of this value; add the closing quote (or the file is truncated)"
            )
        elif too_long:
            message = (
                f'this cell is longer than {limit} characters; a quote (") that opens it is '
                "probably not closed where it should be"
            )
        else:
            message = 'text after the closing quote of this cell; a quote inside a quoted value must be doubled ("")'
        raise DataError(message, file=where, line=cell.line, column=column)
    raise DataError(
        f"cannot read this row as CSV ({reason})",
        file=where,
        line=line,
        column="#1 of the header" if in_header else (header[0] if header else "(row)"),
    )
