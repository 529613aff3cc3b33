"""Imports every module that registers table checks (see ``validation.register_check``).

Kept separate so the loader can trigger registration without importing drawing or
widget code at package import time. Feature modules add one import line here.
"""

from __future__ import annotations

from ..geometry import maps, zone_geometry  # noqa: F401
from . import (
    evidence,  # noqa: F401
    legs,  # noqa: F401
    preparation,  # noqa: F401
    quiz,  # noqa: F401
    routines,  # noqa: F401
    self_care,  # noqa: F401
)
