"""foot_lib: the helper package behind the foot massage and reflexology course.

The notebooks stay thin: they tell the story and call this package, which loads and
validates the data (``load_course``), draws the diagrams, runs routines, screens for
safety and builds handouts. Heavier parts (matplotlib, ipywidgets) are imported lazily,
on first use, so ``import foot_lib`` stays fast and the core works without a browser.
"""

from __future__ import annotations

import importlib
from typing import Any

from .data.errors import DataError
from .data.loading import Course, load_course

__version__ = "0.1.0"

# Public name -> submodule that defines it (imported on first access).
_EXPORTS: dict[str, str] = {
    "FootShape": "geometry.foot_shape",
    "draw_chart": "drawing.chart",
    "draw_regions": "drawing.chart",
    "Chart": "drawing.chart",
    "zones_at": "geometry.identify",
    "export_chart": "handouts.chart_export",
    "FootShapeExplorer": "widgets.diagrams",
    "IdentifyExplorer": "widgets.diagrams",
    "copy_data": "data.teacher_data",
    "save_table": "data.teacher_data",
    "coverage_report": "content.coverage",
    "course_map_ids": "content.coverage",
    "Quiz": "widgets.quiz",
    "QuizModel": "content.quiz",
    "build_handout_pack": "handouts.pack",
    "Presenter": "widgets.presenter",
    "screen": "content.safety",
    "Verdict": "content.safety",
    "safety_questions": "content.safety",
    "SafetyCheck": "widgets.safety",
    "evidence_table": "content.evidence",
    "claims_for": "content.evidence",
    "claim_label": "content.evidence",
    "contradictions": "content.evidence",
    "export_safety_checklist": "handouts.checklist",
    "RoutinePlayer": "widgets.player",
    "RoutineBrowser": "widgets.player",
    "RoutineSession": "content.routines",
    "routine_summary": "content.routines",
    "load_routine": "content.routines",
    "plan_session": "content.planner",
    "export_routine_cards": "handouts.routine_cards",
    "scale_oil_recipe": "content.preparation",
    "preparation_checklist": "content.preparation",
    "OilCalculator": "widgets.preparation",
    "self_care_plan": "content.self_care",
    "draw_technique": "drawing.technique_diagrams",
    "technique_gallery": "drawing.technique_diagrams",
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
