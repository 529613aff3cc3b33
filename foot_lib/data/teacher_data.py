"""A teacher's own copy of the data: copy it once, edit the copy, never the shipped files.

Why: the shipped ``data/`` is what the lessons' stored outputs were made from; if a class
edits it in place, ``git pull`` conflicts and the tests break. A copy lives anywhere, is
loaded with ``load_course("my-data")`` (or ``FOOT_COURSE_DATA=my-data``), and is saved
atomically so a crash never leaves a half-written CSV.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
from pathlib import Path

import pandas as pd

from .access import display_name, is_inside
from .errors import DataError
from .files import atomic_write_text, guard_not_shipped
from .paths import SHIPPED_DATA_DIR

_TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _copy_tree(src: Path, dest: Path) -> None:
    """Copy ``src`` into the new folder ``dest``: regular files and folders only.

    Hidden entries and ``__pycache__`` are skipped. A symbolic link is copied as the file or
    folder it points to when that lies inside ``src`` (the loader allows such links); a link
    leading outside, a link loop, a named pipe, socket or device is refused with a DataError
    naming it, so a copy never pulls in files from elsewhere and never blocks on a pipe.
    """

    def walk(folder: Path, out: Path, seen: frozenset[Path]) -> None:
        out.mkdir()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            path = Path(entry.path)
            where = display_name(path, src) if is_inside(path, src) else entry.name
            try:
                resolved = path.resolve(strict=True)
                st = os.stat(resolved)
            except (OSError, RuntimeError):
                raise DataError("a broken or looping symbolic link; remove it before copying",
                                file=where, line=1, column="(file)") from None  # fmt: skip
            if not is_inside(resolved, src):
                raise DataError("a symbolic link that leads outside the data folder; replace it by a copy "
                                "of the file before copying", file=where, line=1, column="(file)")  # fmt: skip
            if stat.S_ISDIR(st.st_mode):
                if resolved in seen:
                    raise DataError("a symbolic link to a folder that contains it (a loop)",
                                    file=where, line=1, column="(folder)")  # fmt: skip
                walk(resolved, out / entry.name, seen | {resolved})
            elif stat.S_ISREG(st.st_mode):
                shutil.copy2(resolved, out / entry.name)
            else:
                raise DataError("not a regular file (a pipe, socket or device); remove it before copying",
                                file=where, line=1, column="(file)")  # fmt: skip

    walk(src, dest, frozenset({src}))


def copy_data(destination: str | Path, *, source: str | Path | None = None) -> Path:
    """Copy the course data (default: the shipped folder) to ``destination``.

    Refuses to overwrite: ``destination`` must not exist yet, or be an empty folder; refuses
    the shipped folder and a destination inside the source. Only regular files (and links
    that stay inside the source) are copied, see :func:`_copy_tree`. Returns the new folder,
    ready for ``load_course(destination)``.
    """
    src = Path(source).resolve() if source is not None else SHIPPED_DATA_DIR.resolve()
    if not src.is_dir():
        raise DataError("data folder not found", file=src.name, column="(folder)")
    dest = guard_not_shipped(destination)
    if is_inside(dest, src) or is_inside(src, dest):
        raise ValueError(f"refusing to copy {src.name!r} into {dest}: one folder contains the other")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise FileExistsError(f"{dest} already exists and is not empty; choose a new folder name")
    tmp = dest.with_name(f".{dest.name}.partial")
    if tmp.is_symlink() or tmp.is_file():
        tmp.unlink()
    elif tmp.exists():
        shutil.rmtree(tmp)  # left by a copy that was killed
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        _copy_tree(src, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
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
    ``load_course(data_dir)``. ``name`` is a plain table name (``zones``), never a path: a
    name with a folder, ``..`` or an absolute path, or a ``<name>.csv`` that is a link leading
    outside ``data_dir``, is refused with a ValueError before anything is written.
    """
    if not isinstance(name, str) or not _TABLE_NAME.fullmatch(name) or ".." in name:
        raise ValueError(
            f"table name {name!r} must be a plain name such as 'zones' (letters, digits, '.', '_', '-'), "
            "not a path: save_table writes only inside the folder it is given"
        )
    folder = guard_not_shipped(data_dir)
    target = (folder / f"{name}.csv").resolve()
    if not is_inside(target, folder):
        raise ValueError(f"{name}.csv in {folder} is a symbolic link leading outside that folder; not writing")
    guard_not_shipped(target)
    if os.path.lexists(target) and not target.is_file():
        raise ValueError(f"{target} is not a regular file (a folder, pipe or device); not writing")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return atomic_write_text(target, buffer.getvalue())
