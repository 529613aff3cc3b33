"""A teacher's own copy of the data: copy it once, edit the copy, never the shipped files.

Why: the shipped ``data/`` is what the lessons' stored outputs were made from; if a class
edits it in place, ``git pull`` conflicts and the tests break. A copy lives anywhere, is
loaded with ``load_course("my-data")`` (or ``FOOT_COURSE_DATA=my-data``), and is saved
atomically so a crash never leaves a half-written CSV.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd

from .files import atomic_write_text, guard_not_shipped
from .paths import SHIPPED_DATA_DIR


def copy_data(destination: str | Path, *, source: str | Path | None = None) -> Path:
    """Copy the course data (default: the shipped folder) to ``destination``.

    Refuses to overwrite: ``destination`` must not exist yet, or be an empty folder.
    Returns the new folder, ready for ``load_course(destination)``.
    """
    src = Path(source).resolve() if source is not None else SHIPPED_DATA_DIR
    dest = guard_not_shipped(destination)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} already exists and is not empty; choose a new folder name")
    tmp = dest.with_name(f".{dest.name}.partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(src, tmp, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    if dest.exists():
        dest.rmdir()
    tmp.replace(dest)
    return dest


def _cell(value: object, delimiter: str = ";") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, (tuple, list)):
        return delimiter.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def save_table(frame: pd.DataFrame, data_dir: str | Path, name: str) -> Path:
    """Write ``frame`` as ``data_dir/<name>.csv`` atomically (never into the shipped data).

    List cells (tuples) are joined with ';' as the schemas expect. Validate afterwards with
    ``load_course(data_dir)``.
    """
    folder = guard_not_shipped(data_dir)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return atomic_write_text(folder / f"{name}.csv", buffer.getvalue())
