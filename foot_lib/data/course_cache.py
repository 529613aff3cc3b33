"""The validated shipped course, kept beside the package so a lesson's first load costs little.

Why: parsing every table with its line numbers and running every check takes about half a
second, and every lesson's kernel (for every learner) pays it again although the result
depends only on the data files, the package's own code and the library versions. So the
validated :class:`~foot_lib.data.loading.Course` of the *shipped* data is stored once,
under a key that hashes all of those (the data files' contents; the code's sizes and
modification times, as Python's bytecode cache does); any change to any of them is a miss,
and the course is parsed and checked from scratch as before.

Where it may write, and nowhere else: the package's own ``__pycache__`` folder (where
Python keeps the package's bytecode; ignored by git and never part of a wheel). A
teacher's data folder is never written to and never cached on disk (the in-process cache
in :func:`~foot_lib.data.loading.load_course` still applies). An installation that cannot
be written (a read-only site-packages on a class server) simply validates in every
process. Writes are atomic (a temporary file, then ``os.replace``), so kernels starting
together never read half a file. Lessons write it only when Python may write bytecode
(``PYTHONDONTWRITEBYTECODE`` unset); ``python3 course.py`` warms it explicitly, as it
byte-compiles the package.

Trust: the file is a pickle, read only from the package's own folder, which is exactly as
trusted as the package's code (whoever can write there can change the code). Set
``FOOT_COURSE_CACHE=off`` to neither read nor write it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from .paths import PACKAGE_DIR, SHIPPED_DATA_DIR

T = TypeVar("T")

CACHE_FILE = PACKAGE_DIR / "__pycache__" / "validated-course.pickle"
ENV_VAR = "FOOT_COURSE_CACHE"
_FORMAT = b"foot-course validated course v1\n"
_DATA_SUFFIXES = {".csv", ".json", ".toml"}


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "").strip().lower() not in {"off", "0", "no", "false"}


def eligible(folder: Path) -> bool:
    """Only the shipped data folder is cached on disk."""
    return enabled() and folder == SHIPPED_DATA_DIR.resolve()


def checks_name(checks: Mapping[str, Sequence[Callable[..., object]]]) -> str:
    """The checks run, by table and qualified function name (part of the key: fewer checks, another course).

    A mapping with a ``cache_name`` (the face's deferred set of every check) is keyed by that
    name, so that a stored course can answer before the checks' modules are imported; the
    key's hash of the package's code still changes when any check does.
    """
    name = getattr(checks, "cache_name", None)
    if isinstance(name, str):
        return name
    return ";".join(
        f"{table}:" + ",".join(f"{fn.__module__}.{fn.__qualname__}" for fn in fns) for table, fns in checks.items()
    )


def _files(root: str, suffixes: set[str], out: list[str]) -> list[str]:
    """Files under ``root`` with one of ``suffixes``, sorted, skipping ``__pycache__`` (os.scandir:
    a third of the time ``Path.rglob`` took)."""
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _files(entry.path, suffixes, out)
            elif os.path.splitext(entry.name)[1] in suffixes and entry.is_file():
                out.append(entry.path)
    return out


def key(folder: Path, checks: str) -> bytes:
    """A hash of everything the validated course depends on: data files, package code, versions.

    ``checks`` names the table checks run (a different set of checks is a different course).
    Data files are hashed by their contents: a checkout or a copy can keep times and change
    bytes. The package's code is identified as Python's own bytecode cache identifies a
    source file — its size and modification time — which costs a tenth of reading and hashing
    sixty modules; a new version's files (an install, a ``git pull``) get new times.
    """
    import numpy
    import pandas

    digest = hashlib.sha256(_FORMAT)
    for part in (sys.version, pandas.__version__, numpy.__version__, str(folder), checks):
        digest.update(part.encode() + b"\0")
    prefix = len(str(PACKAGE_DIR)) + 1
    for path in _files(str(PACKAGE_DIR), {".py"}, []):
        st = os.stat(path)
        digest.update(f"{path[prefix:]}\0{st.st_size}\0{st.st_mtime_ns}\0".replace(os.sep, "/").encode())
    prefix = len(str(folder)) + 1
    for path in _files(str(folder), _DATA_SUFFIXES, []):
        with open(path, "rb") as fh:
            data = fh.read()
        digest.update(path[prefix:].replace(os.sep, "/").encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.digest()


def read(cache_key: bytes, kind: type[T], file: Path | None = None) -> T | None:
    """The stored object if the file exists, was stored under ``cache_key`` and is a ``kind``, else None.

    (The loader passes its ``Course`` class: this module does not import the loader.) ``file``:
    another file beside :data:`CACHE_FILE` (the charts keep their store there, see
    :mod:`foot_lib.drawing.chart_store`).
    """
    try:
        raw = (file or CACHE_FILE).read_bytes()
    except OSError:
        return None
    head = _FORMAT + cache_key
    if not raw.startswith(head):
        return None
    try:
        stored = pickle.loads(raw[len(head) :])  # (a memoryview here unpickled the course 20% slower)
    except Exception:  # a damaged or foreign file is a miss, never an error for the learner
        return None
    return stored if isinstance(stored, kind) else None


def write(cache_key: bytes, course: object, file: Path | None = None) -> bool:
    """Store ``course`` atomically; False (and nothing written) where that is not allowed or possible.

    Nothing is written when Python is told not to write bytecode, unless :func:`warm` asked.
    ``file``: another file in the same folder (see :func:`read`).
    """
    target = file or CACHE_FILE
    if sys.dont_write_bytecode and not _forced:
        return False
    data = _FORMAT + cache_key + pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = None
    try:
        target.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # readable like the bytecode beside it (mkstemp makes it private)
        os.replace(tmp, target)
    except OSError:  # read-only install, full disk: keep validating in each process
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
    return True


_forced = False


def warming() -> bool:
    """Whether :func:`warm` is running (the only time the charts' store is written)."""
    return enabled() and _forced


def warm(load: Callable[[], object]) -> bool:
    """Run ``load`` (``foot_lib.load_course``), storing the course even under ``PYTHONDONTWRITEBYTECODE``.

    ``python3 course.py`` calls this before starting Jupyter or the tests, as it byte-compiles
    the package. The loader is passed in because the data layer does not import the layers
    above it, which supply the table checks. True if a stored course is in place afterwards.
    """
    global _forced
    _forced = True
    try:
        load()
    finally:
        _forced = False
    return eligible(SHIPPED_DATA_DIR.resolve()) and CACHE_FILE.is_file()
