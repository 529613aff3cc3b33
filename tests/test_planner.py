"""Session planner: warm-up + routine + finish, fitted to a time budget."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foot_lib import load_course, plan_session
from foot_lib.content.routines import RoutineSession, routine_ids


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.mark.parametrize("minutes", [5, 10, 20])
def test_plan_fits_the_budget_and_respects_the_minimum(course, minutes: int) -> None:
    plan = plan_session(course, ["heel-spur"], minutes, min_step_s=20)
    assert plan.total_s <= minutes * 60
    assert all(p.planned_s >= 20 for p in plan.steps)
    parts = [p.part for p in plan.steps]
    assert parts[0] == "warm-up" and parts[-1] == "finish" and "routine" in parts
    assert parts == sorted(parts, key=["warm-up", "routine", "finish"].index)
    assert plan.explanation


def test_short_budget_drops_steps_and_says_which(course) -> None:
    plan = plan_session(course, ["heel-spur", "hallux-valgus"], 5)
    assert plan.dropped
    for title, step in plan.dropped:
        assert step.title in plan.explanation and title in plan.explanation
    kept = {(p.routine_title, p.step.number) for p in plan.steps}
    assert ("Heel spur (plantar heel pain) routine", 1) in kept  # a routine keeps its opening
    assert plan.total_s <= 300


def test_roomy_budget_stretches_at_most_half_again(course) -> None:
    plan = plan_session(course, "heel-spur", 120)
    assert all(p.planned_s <= p.original_s * 1.5 for p in plan.steps)
    assert not plan.dropped
    assert "left over" in plan.explanation


def test_plan_plays_as_a_routine(course) -> None:
    plan = plan_session(course, ["spine-line", "heel-spur"], 10)
    routine = plan.as_routine()
    assert [s.number for s in routine.steps] == list(range(1, len(plan.steps) + 1))
    session = RoutineSession(routine)
    session.play()
    session.tick(routine.total_s + 1)
    assert session.finished
    assert list(plan.table().columns)[:5] == ["part", "routine", "step", "source time", "planned"]


def test_bad_budget_and_unknown_routine(course) -> None:
    with pytest.raises(ValueError):
        plan_session(course, ["heel-spur"], 0)
    with pytest.raises(ValueError):
        plan_session(course, ["heel-spur"], "lots")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="Valid routine ids"):
        plan_session(course, ["heel-spurs"], 10)


def test_tiny_budget_gives_an_empty_plan_with_a_reason(course) -> None:
    plan = plan_session(course, ["heel-spur"], 0.2, min_step_s=30)
    assert plan.steps == [] and "Nothing fits" in plan.explanation


@settings(max_examples=40, deadline=None)
@given(
    minutes=st.floats(min_value=0.5, max_value=90),
    minimum=st.integers(min_value=5, max_value=60),
    pick=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=3),
)
def test_any_plan_fits(course, minutes: float, minimum: int, pick: list[int]) -> None:
    ids = routine_ids(course)
    chosen = [ids[i % len(ids)] for i in pick]
    plan = plan_session(course, chosen, minutes, min_step_s=minimum)
    assert plan.total_s <= round(minutes * 60)
    assert all(p.planned_s >= minimum for p in plan.steps)
