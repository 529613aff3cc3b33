"""Reading files from a teacher's data folder without ever leaving it.

Why: a teacher loads folders that colleagues send them. A descriptor ``"path"`` such as
``../../home/x/.ssh/id_rsa`` or ``/etc/passwd``, a table that is a symbolic link to a file
elsewhere, a named pipe (which blocks ``open`` for ever) or a multi-gigabyte file must give a
:class:`DataError`, not a hang, a traceback or somebody else's file quoted in the message.

Rules, in order, for every file the loader reads:

1. A path written in the descriptor is relative, POSIX-style, without ``..`` and without a
   drive or URL scheme (the Data Package standard asks the same of ``path``).
2. After following symbolic links, the file must lie inside the (resolved) data folder.
   **Symbolic links are allowed when they stay inside the folder** (e.g. two resources sharing
   one file, or the whole folder being a link): they cannot show anything the folder does not
   already contain. A link that leads outside is refused without opening its target.
3. Only regular files are opened: checked with ``os.stat`` before opening, and again with
   ``fstat`` on the descriptor opened with ``O_NONBLOCK`` (a FIFO swapped in between cannot
   block), so directories, devices, sockets, pipes and link loops give a ``DataError``.
4. At most :data:`MAX_FILE_BYTES` are read; a shipped table is tens of kB.

Messages name the path as written in the folder or descriptor, never the target's content.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath

from .errors import DataError

#: Largest file the loader reads. The biggest shipped table is under 100 kB; a teacher's may
#: be larger, but a file this big is almost certainly the wrong file (a video, a database dump).
MAX_FILE_BYTES = 32 * 1024 * 1024

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def display_name(path: Path, data_dir: Path) -> str:
    """``data/zones.csv``: the folder's name and the path inside it, as messages show it."""
    try:
        return str(PurePosixPath(data_dir.name) / PurePosixPath(*path.relative_to(data_dir).parts))
    except ValueError:
        return path.name


def is_inside(path: Path, folder: Path) -> bool:
    """True if ``path`` is ``folder`` or below it (both already resolved)."""
    return path == folder or folder in path.parents


def check_relative(value: object, *, file: str, place: str, what: str, line: int | None = None) -> str:
    """Check a path written in a descriptor: a non-empty relative POSIX path inside the folder."""
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{what} must be a non-empty text path", file=file, line=line, place=place)
    reason = None
    if "\x00" in value:
        reason = "contains a NUL character"
    elif _SCHEME.match(value) and not re.match(r"^[A-Za-z]:[\\/]", value):
        reason = "is a URL; only files inside the data folder are read"
    elif value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        reason = "is an absolute path"
    elif "\\" in value:
        reason = "uses '\\'; write paths with '/'"
    elif ".." in PurePosixPath(value).parts:
        reason = "contains '..'"
    if reason:
        raise DataError(
            f"{what} {value!r} {reason}; paths in a data package must be relative and stay inside its folder",
            file=file,
            line=line,
            place=place,
        )
    return value


def resolve_inside(
    data_dir: Path, relative: str, *, file: str, place: str | None, what: str, line: int | None = None
) -> Path:
    """``data_dir / relative`` with links followed, refused unless it stays in ``data_dir``.

    ``data_dir`` must already be resolved. Nothing is opened here.
    """
    candidate = data_dir / relative
    try:
        resolved = candidate.resolve(strict=False)
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on some Python versions
        raise DataError(
            f"{what} {relative!r} is a symbolic link that loops back on itself",
            file=file,
            line=line,
            place=place,
        ) from None
    if not is_inside(resolved, data_dir):
        raise DataError(
            f"{what} {relative!r} leads outside the data folder (through a symbolic link); "
            "the loader reads only files inside the folder it was given. Replace the link "
            "by a copy of the file",
            file=file,
            line=line,
            place=place,
        )
    return resolved


def _kind(mode: int) -> str | None:
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1000:.0f} kB"


def _size_error(size: int, where: str) -> DataError:
    return DataError(
        f"the file is {_size(size)}; the loader reads files up to {_size(MAX_FILE_BYTES)} (a course "
        "table is normally well under 1 MB). Is this the right file?",
        file=where,
        line=1,
        column="(file)",
    )


def read_regular_file(path: Path, where: str, *, missing: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of acceptable size, else a DataError.

    ``path`` is the resolved path (see :func:`resolve_inside`); ``where`` names it in messages;
    ``missing`` is the message for a file that does not exist.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DataError(missing, file=where, line=1, column="(file)") from None
    except OSError as exc:
        raise _os_error(exc, where) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise DataError(f"this is {kind}, not a file", file=where, line=1, column="(file)")
    if st.st_size > MAX_FILE_BYTES:
        raise _size_error(st.st_size, where)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(exc, where) from None
    try:
        st2 = os.fstat(fd)
        kind = _kind(st2.st_mode)
        if kind is not None:  # replaced between the two checks
            raise DataError(f"this is {kind}, not a file", file=where, line=1, column="(file)")
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise _size_error(total, where)
            chunks.append(chunk)
    except OSError as exc:
        raise _os_error(exc, where) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _os_error(exc: OSError, where: str) -> DataError:
    reasons = {
        errno.ELOOP: "this is a symbolic link that loops back on itself (or a link where a file is expected)",
        errno.EACCES: "permission denied: the file cannot be read by this user",
        errno.EPERM: "permission denied: the file cannot be read by this user",
        errno.EISDIR: "this is a folder, not a file",
        errno.ENAMETOOLONG: "the path is too long",
        errno.ENOTDIR: "a part of this path is a file, not a folder",
    }
    reason = reasons.get(exc.errno or 0, f"cannot read this file ({exc.strerror or type(exc).__name__})")
    return DataError(reason, file=where, line=1, column="(file)")
