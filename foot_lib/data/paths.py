"""Where the shipped course files live.

The package is installed in editable mode (``pip install -e .``) from the repository, so the
shipped ``data/`` and ``notebooks/`` folders sit next to the package. ``FOOT_COURSE_DATA``
lets a teacher make their own copy the default for every notebook without editing cells.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_DATA_DIR = REPO_DIR / "data"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
DATA_ENV_VAR = "FOOT_COURSE_DATA"


def default_data_dir() -> Path:
    """The data folder used when none is given: ``$FOOT_COURSE_DATA`` or the shipped one."""
    override = os.environ.get(DATA_ENV_VAR)
    return Path(override).expanduser().resolve() if override else SHIPPED_DATA_DIR


def is_shipped(path: str | Path) -> bool:
    """True if ``path`` is the shipped data folder or anything inside it."""
    p = Path(path).expanduser().resolve()
    shipped = SHIPPED_DATA_DIR.resolve()
    return p == shipped or shipped in p.parents
