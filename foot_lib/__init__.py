"""foot_lib: the helper package behind the foot massage and reflexology course.

The notebooks stay thin: they tell the story and call this package, which loads and
validates the data (``load_course``), draws the diagrams, runs routines, screens for
safety and builds handouts. Heavier parts (matplotlib, ipywidgets) are imported lazily,
on first use, so ``import foot_lib`` stays fast and the core works without a browser.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import DataError
from .loading import Course, load_course

__version__ = "0.1.0"

# Public name -> submodule that defines it (imported on first access).
_EXPORTS: dict[str, str] = {
    "FootShape": "foot_shape",
    "draw_chart": "drawing",
    "draw_regions": "drawing",
    "Chart": "drawing",
    "zones_at": "identify",
    "export_chart": "chart_export",
    "FootShapeExplorer": "diagrams_gui",
    "IdentifyExplorer": "diagrams_gui",
    "copy_data": "teacher_data",
    "save_table": "teacher_data",
    "coverage_report": "coverage",
    "course_map_ids": "coverage",
    "Quiz": "quiz_gui",
    "QuizModel": "quiz",
    "build_handout_pack": "handouts",
    "Presenter": "presenter_gui",
    "screen": "safety",
    "Verdict": "safety",
    "safety_questions": "safety",
    "SafetyCheck": "safety_gui",
    "evidence_table": "evidence",
    "claims_for": "evidence",
    "claim_label": "evidence",
    "contradictions": "evidence",
    "export_safety_checklist": "checklist",
    "RoutinePlayer": "player_gui",
    "RoutineBrowser": "player_gui",
    "RoutineSession": "routines",
    "routine_summary": "routines",
    "load_routine": "routines",
    "plan_session": "planner",
    "export_routine_cards": "routine_cards",
    "scale_oil_recipe": "preparation",
    "preparation_checklist": "preparation",
    "OilCalculator": "preparation_gui",
    "self_care_plan": "self_care",
    "draw_technique": "technique_diagrams",
    "technique_gallery": "technique_diagrams",
}

__all__ = ["Course", "DataError", "load_course", "__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'foot_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
