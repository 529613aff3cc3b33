"""Where the shipped course files live.

In the repository (an editable install, ``pip install -e .``, or ``PYTHONPATH``) the shipped
``data/`` and ``notebooks/`` folders sit next to the package. Installed from a wheel (a
JupyterHub image, a class server), the data travel inside the package as
``foot_lib/shipped_data`` (see ``pyproject.toml``), a plain folder inside the installed
package (what :mod:`importlib.resources` would return for it, without importing that
machinery on every start). ``FOOT_COURSE_DATA`` lets a teacher make their own copy the
default for every notebook without editing cells.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent


def _shipped_data_dir() -> Path:
    """The installed copy inside the package if there is one, else the repository's ``data/``."""
    inside = PACKAGE_DIR / "shipped_data"
    if (inside / "datapackage.json").is_file():
        return inside
    return REPO_DIR / "data"


SHIPPED_DATA_DIR = _shipped_data_dir()
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
