"""foot_lib: the helper package behind the foot massage and reflexology course.

The notebooks stay thin: they tell the story and import everything they use from here,
the one face of the package (``from foot_lib import ...``); a test keeps lessons off the
sub-packages. Behind the face the package is layered, each layer importing only from the
ones before it: ``data`` (loading and validation, pandas only) → ``geometry`` (foot shape,
zone polygons, numpy) → ``content`` (routines, safety, evidence, quizzes; no matplotlib,
ipywidgets or IPython) → ``drawing`` (matplotlib figures and tables) → ``handouts`` (the
print layer: PDFs) → ``widgets`` (ipywidgets tools) → ``notebook`` (lesson helpers).

Why names load lazily: ``import foot_lib`` should stay fast and work without matplotlib or a
browser, so a name's module is imported on first use. The map below is explicit and
static, and the same imports are spelled out under ``TYPE_CHECKING`` for type checkers,
import-linter and readers.
"""

from __future__ import annotations

import importlib

from .data.errors import DataError

# Not ``from typing import TYPE_CHECKING``: importing typing is a tenth of ``import foot_lib``'s
# time, and type checkers treat any constant of this name alike.
TYPE_CHECKING = False

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from .content.coverage import course_map_ids, coverage_report
    from .content.evidence import (
        claim_label,
        claim_sentence,
        claims_for,
        conditions_with_labels,
        contradiction,
        contradiction_table,
        contradictions,
        contradictions_overview,
        evidence_table,
        label_legend,
    )
    from .content.legs import leg_cautions, leg_kind_claims, leg_massage_kinds, leg_routine_ids, leg_routine_steps
    from .content.loader import load_course
    from .content.planner import plan_session
    from .content.preparation import oil_summary, preparation_checklist, recipe_frame, scale_oil_recipe, session_lengths
    from .content.quiz import QuizModel, quiz_sheet_text
    from .content.routines import RoutineSession, load_routine, routine_summary, steps_frame
    from .content.safety import (
        Verdict,
        all_no,
        contraindications_by_article,
        contraindications_by_severity,
        safety_questions,
        screen,
    )
    from .content.self_care import evidence_frame, self_care_plan, self_care_table
    from .data.loading import Course
    from .data.teacher_data import copy_data, save_table
    from .drawing.chart import Chart, draw_chart, draw_regions
    from .drawing.leg_diagram import draw_leg, no_press_chart
    from .drawing.plots import plot_session_lengths
    from .drawing.tables import oil_table, table
    from .drawing.technique_diagrams import draw_technique, routine_area_chart, technique_gallery, techniques_frame
    from .geometry.foot_shape import FootShape
    from .geometry.identify import describe_point, zones_at
    from .handouts.chart_export import export_chart
    from .handouts.checklist import export_safety_checklist, safety_checklist_figures
    from .handouts.pack import HANDOUT_PARTS, build_handout_pack
    from .handouts.routine_cards import export_routine_cards
    from .notebook import figure_png, setup_notebook, show_figure
    from .widgets.diagrams import FootShapeExplorer, IdentifyExplorer
    from .widgets.player import RoutineBrowser, RoutinePlayer
    from .widgets.preparation import OilCalculator
    from .widgets.presenter import Presenter
    from .widgets.quiz import Quiz
    from .widgets.safety import SafetyCheck

__version__ = "0.1.0"

# Public name -> the module (below foot_lib) that defines it, imported on first access.
_LAZY: dict[str, str] = {
    "Course": "data.loading",
    "copy_data": "data.teacher_data",
    "save_table": "data.teacher_data",
    "FootShape": "geometry.foot_shape",
    "describe_point": "geometry.identify",
    "zones_at": "geometry.identify",
    "load_course": "content.loader",
    "course_map_ids": "content.coverage",
    "coverage_report": "content.coverage",
    "claim_label": "content.evidence",
    "claim_sentence": "content.evidence",
    "claims_for": "content.evidence",
    "conditions_with_labels": "content.evidence",
    "contradiction": "content.evidence",
    "contradiction_table": "content.evidence",
    "contradictions": "content.evidence",
    "contradictions_overview": "content.evidence",
    "evidence_table": "content.evidence",
    "label_legend": "content.evidence",
    "leg_cautions": "content.legs",
    "leg_kind_claims": "content.legs",
    "leg_massage_kinds": "content.legs",
    "leg_routine_ids": "content.legs",
    "leg_routine_steps": "content.legs",
    "plan_session": "content.planner",
    "oil_summary": "content.preparation",
    "preparation_checklist": "content.preparation",
    "recipe_frame": "content.preparation",
    "scale_oil_recipe": "content.preparation",
    "session_lengths": "content.preparation",
    "quiz_sheet_text": "content.quiz",
    "QuizModel": "content.quiz",
    "load_routine": "content.routines",
    "routine_summary": "content.routines",
    "RoutineSession": "content.routines",
    "steps_frame": "content.routines",
    "all_no": "content.safety",
    "contraindications_by_article": "content.safety",
    "contraindications_by_severity": "content.safety",
    "safety_questions": "content.safety",
    "screen": "content.safety",
    "Verdict": "content.safety",
    "evidence_frame": "content.self_care",
    "self_care_plan": "content.self_care",
    "self_care_table": "content.self_care",
    "Chart": "drawing.chart",
    "draw_chart": "drawing.chart",
    "draw_regions": "drawing.chart",
    "draw_leg": "drawing.leg_diagram",
    "no_press_chart": "drawing.leg_diagram",
    "plot_session_lengths": "drawing.plots",
    "oil_table": "drawing.tables",
    "table": "drawing.tables",
    "draw_technique": "drawing.technique_diagrams",
    "routine_area_chart": "drawing.technique_diagrams",
    "technique_gallery": "drawing.technique_diagrams",
    "techniques_frame": "drawing.technique_diagrams",
    "export_chart": "handouts.chart_export",
    "export_safety_checklist": "handouts.checklist",
    "safety_checklist_figures": "handouts.checklist",
    "build_handout_pack": "handouts.pack",
    "HANDOUT_PARTS": "handouts.pack",
    "export_routine_cards": "handouts.routine_cards",
    "FootShapeExplorer": "widgets.diagrams",
    "IdentifyExplorer": "widgets.diagrams",
    "RoutineBrowser": "widgets.player",
    "RoutinePlayer": "widgets.player",
    "OilCalculator": "widgets.preparation",
    "Presenter": "widgets.presenter",
    "Quiz": "widgets.quiz",
    "SafetyCheck": "widgets.safety",
    "figure_png": "notebook",
    "setup_notebook": "notebook",
    "show_figure": "notebook",
}

__all__ = [
    "HANDOUT_PARTS",
    "Chart",
    "Course",
    "DataError",
    "FootShape",
    "FootShapeExplorer",
    "IdentifyExplorer",
    "OilCalculator",
    "Presenter",
    "Quiz",
    "QuizModel",
    "RoutineBrowser",
    "RoutinePlayer",
    "RoutineSession",
    "SafetyCheck",
    "Verdict",
    "__version__",
    "all_no",
    "build_handout_pack",
    "claim_label",
    "claim_sentence",
    "claims_for",
    "conditions_with_labels",
    "contradiction",
    "contradiction_table",
    "contradictions",
    "contradictions_overview",
    "contraindications_by_article",
    "contraindications_by_severity",
    "copy_data",
    "course_map_ids",
    "coverage_report",
    "describe_point",
    "draw_chart",
    "draw_leg",
    "draw_regions",
    "draw_technique",
    "evidence_frame",
    "evidence_table",
    "export_chart",
    "export_routine_cards",
    "export_safety_checklist",
    "figure_png",
    "label_legend",
    "leg_cautions",
    "leg_kind_claims",
    "leg_massage_kinds",
    "leg_routine_ids",
    "leg_routine_steps",
    "load_course",
    "load_routine",
    "no_press_chart",
    "oil_summary",
    "oil_table",
    "plan_session",
    "plot_session_lengths",
    "preparation_checklist",
    "quiz_sheet_text",
    "recipe_frame",
    "routine_area_chart",
    "routine_summary",
    "safety_checklist_figures",
    "safety_questions",
    "save_table",
    "scale_oil_recipe",
    "screen",
    "self_care_plan",
    "self_care_table",
    "session_lengths",
    "setup_notebook",
    "show_figure",
    "steps_frame",
    "table",
    "technique_gallery",
    "techniques_frame",
    "zones_at",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'foot_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
