"""The one exception the course raises for bad data.

Teachers edit the CSV files in a spreadsheet, so an error must point at the exact cell:
file, line (as a text editor counts it, header = line 1) and column, and say what was
expected. Nothing else in the package lets a raw pandas/KeyError/UnicodeDecodeError
traceback reach a learner for bad data.
"""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """Bad course data, located to a file, line and column.

    Attributes are kept separately so tests and widgets can use them, and the message
    is readable on its own: ``zones.csv, line 12, column 'foot': expected one of ...``.
    In a JSON file (the descriptor, a schema) ``place`` names the spot instead of a column:
    ``datapackage.json, line 20, at resources[3].schema.foreignKeys[0]: ...``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
        place: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.place = place
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        if self.place is not None:
            where.append(f"at {self.place}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason
