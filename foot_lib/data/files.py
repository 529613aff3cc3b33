"""Safe file writing: atomic replacement, and never into the shipped data.

A crash or a full disk half-way through a save must not leave a teacher with a truncated
CSV, so every write goes to a temporary file in the same folder and is moved into place
with ``os.replace`` (atomic on POSIX and Windows).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from .paths import SHIPPED_DATA_DIR, is_shipped


class ShippedDataError(PermissionError):
    """Raised when code tries to write into the shipped ``data/`` folder."""


def guard_not_shipped(path: str | Path) -> Path:
    """Return ``path`` resolved, or refuse if it points into the shipped data folder."""
    p = Path(path).expanduser().resolve()
    if is_shipped(p):
        raise ShippedDataError(
            f"refusing to write {p}: it is inside the shipped course data ({SHIPPED_DATA_DIR}). "
            "Copy the data first with foot_lib.copy_data('my-data') and edit the copy."
        )
    return p


def _file_mode(target: Path) -> int:
    """The permissions a plain ``open(target, "w")`` would give: the existing file's, else
    0o666 minus the umask. (``mkstemp`` makes its file private, 0o600, which would leave a
    teacher's handouts unreadable to anyone else on a shared machine.)"""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: A temporary file of :func:`atomic_write_bytes`: ``.<name>.<8 random characters>.tmp``.
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
#: Temporary files older than this were left by a write that was killed (a write takes
#: milliseconds; a younger one may belong to another notebook writing right now).
STALE_AFTER_S = 300.0


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files that killed writes left in ``folder``; return them.

    Why: a write killed between writing and renaming (a kernel restart, a full disk) leaves
    a hidden ``.zones.csv.x1y2z3w4.tmp``, possibly as large as the file. The loader never
    reads it (only files the descriptor names), and the next successful write to the same
    folder removes it, so such files cannot accumulate.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not TEMP_NAME.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and now - st.st_mtime > STALE_AFTER_S:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + fsync + rename).

    Afterwards, temporary files that earlier killed writes left in the folder are removed
    (see :func:`remove_stale_temp_files`).
    """
    target = guard_not_shipped(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    remove_stale_temp_files(target.parent)
    return target


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode(encoding))
