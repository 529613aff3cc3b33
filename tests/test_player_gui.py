"""RoutinePlayer driven headlessly: clicks, the clock, the foot switch and bad input.

ipywidgets run their handlers synchronously without a kernel (see TOOLING.md), so every
assertion here is about what the learner would see: the step title, the lit areas, the
countdown text and whether the picture changed.
"""

from __future__ import annotations

import hashlib

import pytest

from foot_lib import RoutinePlayer, load_course, plan_session
from foot_lib.content.routines import Routine

pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def course():
    return load_course()


def digest(player: RoutinePlayer) -> str:
    return hashlib.sha256(player.image.value).hexdigest()


def test_next_previous_and_jump_update_text_and_figure(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    first = digest(p)
    assert "Step 1 of 7" in p.header.value and "Stroke the heel" in p.header.value
    assert p.prev_button.disabled and not p.next_button.disabled
    p.next_button.click()
    assert "Step 2 of 7" in p.header.value
    assert "heel-centre" in p.session.step.regions
    assert digest(p) != first, "the picture must change with the step"
    assert p.progress.value == 2
    p.prev_button.click()
    assert "Step 1 of 7" in p.header.value and digest(p) == first
    p.jump.value = 6
    assert "Step 7 of 7" in p.header.value and p.next_button.disabled


def test_play_counts_down_and_advances(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    duration = p.session.step.duration_s
    p.play_button.value = True
    assert p.clock.playing and "Pause" in p.play_button.description
    p.tick(5)
    assert f"{duration - 5} s" in p.countdown.value
    before = digest(p)
    p.tick(duration - 5)
    assert "Step 2 of 7" in p.header.value
    assert digest(p) != before
    p.play_button.value = False
    assert not p.clock.playing and "Play" in p.play_button.description
    p.tick(30)
    assert "Step 2 of 7" in p.header.value  # paused: nothing moves


def test_playing_to_the_end_visits_every_step(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    p.play()
    seen = {p.session.number}
    for _ in range(p.session.total_s + 3):
        p.tick(1)
        seen.add(p.session.number)
    assert seen == set(range(1, 8))
    assert p.session.finished and not p.clock.playing
    assert "finished" in p.status.value and "right foot" in p.status.value
    p.play()  # playing again restarts from step 1
    assert p.session.number == 1 and p.session.playing


def test_foot_switch_changes_the_picture_not_the_step(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    p.next_button.click()
    left = digest(p)
    p.foot_switch.value = "right"
    assert p.session.number == 2 and p.session.display_foot == "right"
    assert digest(p) != left
    assert "right foot" in p.figure_caption.value
    p.set_foot("left")
    assert digest(p) == left


def test_highlighted_areas_follow_the_steps(course) -> None:
    p = RoutinePlayer(course, "spine-line")
    p.next_button.click()
    assert "medial-edge" in p.session.state().areas
    assert "spine-lumbar-medial" in p.session.state().areas
    assert "inner edge" in p.figure_caption.value.lower() or "medial edge" in p.figure_caption.value.lower()


def test_leg_routine_uses_the_leg_diagram(course) -> None:
    p = RoutinePlayer(course, "calf")
    assert "calf" in p.figure_caption.value and "leg" in p.figure_caption.value
    p.jump.value = 3  # back of the knee
    assert "Caution" in p.caution.value and "light" in p.caution.value.lower()


def test_caution_banner_only_when_the_step_has_one(course) -> None:
    p = RoutinePlayer(course, "eight-step")
    p.jump.value = 1
    assert p.caution.value == ""  # step 2 (sitting down with the foot) has no caution
    p.jump.value = 7
    assert "Caution" in p.caution.value
    p.jump.value = 0  # walking barefoot: the diabetes rule, in the safety table's words
    assert "Diabetes or reduced feeling in the feet" in p.caution.value


def test_rapid_clicks_and_clicking_past_the_end_are_harmless(course) -> None:
    p = RoutinePlayer(course, "spine-line")
    for _ in range(10):
        p.next_button.click()
    assert p.session.number == 3 and p.status.value == ""
    for _ in range(10):
        p.prev_button.click()
    assert p.session.number == 1
    for _ in range(4):
        p.play_button.value = not p.play_button.value
    assert not p.session.playing


def test_unknown_routine_lists_valid_ids_without_raising(course) -> None:
    p = RoutinePlayer(course, "heel-spurr")
    assert "heel-spur" in p.status.value and "Did you mean" in p.status.value
    p.next_button.click()
    p.play_button.value = True
    assert not p.session.playing


def test_empty_routine_and_zero_length_steps(course) -> None:
    p = RoutinePlayer(course, Routine(id="empty", title="Empty"))
    assert "no steps" in p.instruction.value
    p.next_button.click()
    p.play_button.value = True
    assert p.play_button.value is False and not p.session.playing
    base = RoutinePlayer(course, "spine-line").routine
    from dataclasses import replace

    zero = replace(base, steps=tuple(replace(s, duration_s=0) for s in base.steps))
    z = RoutinePlayer(course, zero)
    z.play()
    z.tick(1)
    assert z.session.finished and z.status.value.startswith("<b>Routine finished")


def test_a_planned_session_plays(course) -> None:
    plan = plan_session(course, ["heel-spur"], 5)
    p = RoutinePlayer(course, plan.as_routine())
    assert f"Step 1 of {len(plan.steps)}" in p.header.value


def test_controls_are_labelled_for_keyboard_and_screen_readers(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    for control in (p.prev_button, p.next_button, p.play_button, p.restart_button):
        assert control.description.strip() and control.tooltip
    assert p.jump.description and p.foot_switch.description
    assert p.clock.interval == 1000 and p.clock.layout.display == "none"


def test_browser_picks_heel_spur_and_plays_it(course) -> None:
    from foot_lib import RoutineBrowser

    b = RoutineBrowser(course)
    b.picker.value = "heel-spur"
    p = b.player
    assert p is not None and "Heel spur" in p.header.value
    assert b.holder.children == (p.widget,)
    p.play()
    p.tick(p.session.step.duration_s)
    assert p.session.number == 2
    b.picker.value = "calf"
    assert not p.session.playing  # leaving a routine pauses it
    assert "Valid routine ids" in RoutineBrowser(course, "heel-spurr").message.value
