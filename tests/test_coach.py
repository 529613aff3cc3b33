"""The hands-free coach: cue timing with a simulated clock, the generated sounds, mute,
spoken lines, the practice view and the keys — all headless (see TOOLING.md)."""

from __future__ import annotations

import numpy as np
import pytest

from foot_lib import RoutinePlayer, load_course
from foot_lib.content.cues import spoken_line, tick_with_cues
from foot_lib.content.routines import Routine, RoutineSession, Step
from foot_lib.drawing import sound
from foot_lib.widgets import coach as coach_module


def _routine(*durations: int) -> Routine:
    steps = tuple(
        Step(routine="t", number=i + 1, title=f"Step title {i + 1}", instruction=f"Do thing {i + 1}. Then more.",
             technique="stroking", duration_s=d)
        for i, d in enumerate(durations)
    )
    return Routine(id="t", title="Test routine", steps=steps)


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch):
    monkeypatch.setattr(coach_module, "SETTINGS", coach_module.CoachSettings())


@pytest.fixture(scope="module")
def course():
    return load_course()


# ---------------------------------------------------------------- sounds
@pytest.mark.parametrize("kind", ["warning", "step_end", "finished"])
def test_cues_have_the_expected_length_and_are_not_silent(kind) -> None:
    samples = sound.wav_samples(sound.cue_wav(kind))
    seconds = len(samples) / sound.RATE
    assert 0.3 <= seconds <= 1.5
    rms = float(np.sqrt(np.mean(samples**2)))
    assert rms > 0.01, "a cue must be audible"
    assert np.abs(samples).max() < 0.5, "a cue must be soft, never startling"
    assert abs(samples[0]) < 0.01 and abs(samples[-1]) < 0.01, "fade in and out: no click"


def test_cues_differ_and_are_reproducible() -> None:
    wavs = {k: sound.cue_wav(k) for k in ("warning", "step_end", "finished")}
    assert len(set(wavs.values())) == 3
    assert sound.wav_bytes(sound.cue_samples("step_end")) == wavs["step_end"]
    with pytest.raises(ValueError):
        sound.cue_samples("gong")


def test_streamed_wav_header_is_read_to_the_end() -> None:
    data = bytearray(sound.wav_bytes(np.full(100, 0.5)))
    data[4:8] = b"\xff\xff\xff\x7f"  # what espeak-ng writes to a pipe
    data[40:44] = b"\x00\xf0\xff\x7f"
    assert len(sound.wav_samples(bytes(data))) == 100


# ---------------------------------------------------------------- cue timing
def test_step_end_fires_once_per_step_and_finished_once() -> None:
    session = RoutineSession(_routine(30, 30, 30))
    session.play()
    cues: list[str] = []
    for _ in range(200):
        cues += tick_with_cues(session, 1).cues
    assert cues.count("step_end") == 2
    assert cues.count("finished") == 1
    assert cues.count("warning") == 3  # one per step: each is longer than 2 x 10 s
    assert cues[-1] == "finished"


def test_no_cue_while_paused_or_on_manual_moves() -> None:
    session = RoutineSession(_routine(30, 30))
    assert tick_with_cues(session, 40).cues == ()  # not playing
    session.play()
    assert tick_with_cues(session, 15).cues == ()
    session.pause()
    assert tick_with_cues(session, 100).cues == ()
    session.play()
    session.next()  # a jump: the learner knows
    assert tick_with_cues(session, 1).cues == ()


def test_late_timer_that_skips_steps_reports_each_end() -> None:
    session = RoutineSession(_routine(5, 5, 5, 5))
    session.play()
    result = tick_with_cues(session, 12)
    assert result.cues == ("step_end", "step_end") and result.changed and result.step_started


def test_short_steps_get_no_warning_and_replaying_warns_again() -> None:
    session = RoutineSession(_routine(15, 40))
    session.play()
    assert "warning" not in tick_with_cues(session, 10).cues
    tick_with_cues(session, 5)  # into step 2
    assert tick_with_cues(session, 30).cues == ("warning",)
    session.jump(1)
    assert tick_with_cues(session, 30).cues == ("warning",)


def test_spoken_line_is_short_and_says_the_step() -> None:
    step = _routine(30).steps[0]
    line = spoken_line(step, 1)
    assert line == "Step 1 of 1. Step title 1. Do thing 1."


# ---------------------------------------------------------------- the widget
def test_player_plays_a_chime_once_per_step_end(course) -> None:
    p = RoutinePlayer(course, _routine(30, 30))
    p.coach.warning_switch.value = False
    p.play()
    values = []
    for _ in range(29):
        p.tick(1)
    assert p.coach.played == []
    p.tick(1)
    assert p.coach.played == ["step_end"] and p.coach.audio.value
    values.append(p.coach.audio.value)
    p.tick(30)
    assert p.coach.played == ["step_end", "finished"]
    assert p.coach.audio.value != values[0]


def test_same_chime_twice_still_changes_the_audio_value(course) -> None:
    p = RoutinePlayer(course, _routine(5, 5, 5))
    p.play()
    p.tick(5)
    first = p.coach.audio.value
    p.tick(5)
    assert p.coach.played == ["step_end", "step_end"]
    assert p.coach.audio.value != first, "the browser only replays a changed value"


def test_mute_suppresses_every_cue_and_is_remembered(course) -> None:
    p = RoutinePlayer(course, _routine(5, 5))
    p.coach.sound_switch.value = False
    assert "off" in p.coach.sound_switch.description
    p.play()
    p.tick(20)
    assert p.coach.played == [] and p.coach.audio.value == b""
    again = RoutinePlayer(course, _routine(5, 5))
    assert again.coach.sound_switch.value is False, "mute is kept for the session"


def test_pause_and_jump_do_not_chime(course) -> None:
    p = RoutinePlayer(course, _routine(30, 30, 30))
    p.play()
    p.tick(10)
    p.pause()
    p.tick(60)
    p.go_to(2)
    p.go_prev()
    assert p.coach.played == []


@pytest.mark.skipif(not sound.speech_available(), reason="espeak-ng is not installed (speech is optional)")
def test_spoken_step_follows_the_chime(course) -> None:
    routine = _routine(5, 5)
    p = RoutinePlayer(course, routine)
    p.coach.speech_switch.value = True
    sound.SPEECH.wait()
    p.play()
    assert p.coach.played == ["speech"], "pressing Play announces the current step"
    p.tick(5)
    assert p.coach.played == ["speech", "step_end", "speech"]
    samples = sound.wav_samples(p.coach.audio.value)
    assert len(samples) / sound.RATE > 1.0


def test_speech_never_blocks_when_not_ready(course, monkeypatch) -> None:
    monkeypatch.setattr(sound.SPEECH, "get", lambda line: None)
    p = RoutinePlayer(course, _routine(5, 5))
    coach_module.SETTINGS.speech = True
    p.play()
    p.tick(5)
    assert p.coach.played == ["step_end"]


def test_practice_view_shows_only_the_step_in_large_type(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    p.coach.practice_switch.value = True
    children = p.widget.children
    assert p.practice_stage in children and p.stage not in children and p.progress not in children
    panel = p.coach.panel.value
    step = p.session.step
    assert step.title in panel and step.pressure in panel and "Step 1 of" in panel and "font-size:3.6em" in panel
    p.play()
    p.tick(3)
    assert "playing" in p.coach.panel.value
    p.coach.practice_switch.value = False
    assert p.stage in p.widget.children


def test_keys_move_and_play(course) -> None:
    p = RoutinePlayer(course, "heel-spur")
    p.press_key("ArrowRight")
    assert p.session.number == 2
    p.press_key("ArrowLeft")
    assert p.session.number == 1
    p.press_key(" ")
    assert p.session.playing and "Pause" in p.play_button.description
    p.press_key(" ")
    assert not p.session.playing
    p.press_key("q")
    assert p.session.number == 1
    assert "Space" in p.coach.key_help.value
