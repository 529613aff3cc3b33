"""Routines as data, and the session state machine (no widgets, no drawing)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from foot_lib import DataError, load_course
from foot_lib.content.routines import (
    LEG_REGIONS,
    Routine,
    RoutineSession,
    Step,
    format_duration,
    load_routine,
    parse_path,
    routine_ids,
    routine_summary,
    steps_frame,
)

ARTICLE_ROUTINES = {
    "spine-line": "S000.1",
    "three-stage": "S000.3",
    "elbow-variant": "S000.4",
    "bedtime": "S002.3",
    "fourteen-step": "S002.7",
    "second-routine": "S002.20",
    "classical-leg": "S002.26",
    "relaxing-leg": "S002.26",
    "shins-and-toes": "S002.27",
    "foot-sequence": "S002.31",
    "calf": "S002.33",
    "eight-step": "S003.7",
    "classical-acupressure": "S003.28",
    "heel-spur": "S003.29",
    "hallux-valgus": "S003.30",
    "general-session": "S003.31",
    "five-rules": "S004.3",
    "flat-feet-valgus": "S004.5",
    "no-hands": "S002.34",
}


@pytest.fixture(scope="module")
def course():
    return load_course()


def make_routine(durations: list[int], foot: str = "each") -> Routine:
    steps = tuple(
        Step(
            routine="r", number=i, title=f"step {i}", instruction="x", technique="effleurage", duration_s=d, foot=foot
        )
        for i, d in enumerate(durations, start=1)
    )
    return Routine(id="r", title="R", steps=steps)


# ------------------------------------------------------------------ the data
def test_every_article_routine_is_in_the_data_with_its_source(course) -> None:
    for rid, section in ARTICLE_ROUTINES.items():
        r = load_routine(course, rid)
        assert r.steps, rid
        assert section in r.source, rid
        assert all(s.source for s in r.steps), rid


def test_no_hands_routine_draws_on_its_three_sections(course) -> None:
    r = load_routine(course, "no-hands")
    cited = {x for s in r.steps for x in s.source}
    assert {"S002.34", "S002.36", "S003.19"} <= cited


def test_steps_are_complete_and_techniques_resolve(course) -> None:
    techniques = set(course.techniques["id"])
    for rid in routine_ids(course):
        r = load_routine(course, rid)
        assert [s.number for s in r.steps] == list(range(1, len(r.steps) + 1))
        for s in r.steps:
            assert s.technique in techniques
            assert s.technique_name and s.technique_how
            assert s.duration_s > 0
            assert s.pressure in {"light", "medium", "firm"}
            assert s.instruction.strip()


def test_heel_spur_works_the_heel_on_each_foot(course) -> None:
    r = load_routine(course, "heel-spur")
    assert len(r.steps) == 7
    assert all(s.foot == "each" for s in r.steps)
    assert sum("heel" in s.regions for s in r.steps) >= 5
    assert any(s.path for s in r.steps)


def test_vessel_areas_carry_light_only_cautions(course) -> None:
    for rid in routine_ids(course):
        for s in load_routine(course, rid).steps:
            if "back-of-knee" in s.regions or "inner-thigh" in s.regions:
                assert "light" in s.caution.lower() or "stroking only" in s.caution.lower(), (rid, s.number)
            if "back-of-knee" in s.regions and len(s.regions) == 1:
                assert s.pressure == "light"


def test_leg_steps_are_detected(course) -> None:
    calf = load_routine(course, "calf")
    assert calf.steps[0].on_leg
    assert not load_routine(course, "heel-spur").steps[0].on_leg
    assert set(LEG_REGIONS) >= {"shin", "calf", "back-of-knee", "thigh", "inner-thigh"}


def test_summary_lists_every_routine(course) -> None:
    table = routine_summary(course)
    assert list(table["id"]) == routine_ids(course)
    assert {"purpose", "kind", "minutes", "source", "steps"} <= set(table.columns)
    assert (table["minutes"] > 0).all()
    assert len(steps_frame(load_routine(course, "heel-spur"))) == 7


def test_unknown_routine_lists_the_valid_ids(course) -> None:
    with pytest.raises(KeyError) as info:
        load_routine(course, "heel-spurr")
    message = str(info.value)
    assert "heel-spur" in message and "hallux-valgus" in message and "Did you mean" in message


# ------------------------------------------------------------------ validation
def _edit(data: Path, table: str, row: int, column: str, value: str) -> int:
    """Set one cell of ``table`` (row 0 = first data row); return its line number."""
    path = data / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row + 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return row + 2


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("technique", "stroking-ish", "unknown techniques id"),
        ("zones", "spine-medial-edge;not-a-zone", "unknown zones id"),
        ("duration_s", "-5", "below the minimum"),
        ("duration_s", "0", "at least 1 second"),
        ("duration_s", "ten", "whole number"),
        ("pressure", "hard", "not allowed"),
        ("foot", "middle", "not allowed"),
        ("path", "0.1 0.2; 2 0.5", "outside the foot"),
        ("path", "0.1 0.2", "at least two points"),
        ("path", "0.1", "two numbers"),
        ("regions", "heel;elbow", "unknown region"),
        ("routine", "no-such-routine", "unknown routines id"),
        ("source", "S999.9", "unknown sources id"),
    ],
)
def test_bad_steps_are_located(data_copy: Path, column: str, value: str, words: str) -> None:
    line = _edit(data_copy, "routine_steps", 4, column, value)
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    err = info.value
    assert err.file is not None and err.file.endswith("routine_steps.csv")
    assert err.line == line
    assert err.column == column
    assert words in str(err)


def test_step_numbers_must_be_consecutive(data_copy: Path) -> None:
    line = _edit(data_copy, "routine_steps", 3, "step", "9")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert info.value.column == "step"
    assert info.value.line == line
    assert "numbered 1 to" in str(info.value)


def test_bad_routine_kind_is_located(data_copy: Path) -> None:
    line = _edit(data_copy, "routines", 2, "kind", "spa")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert (info.value.line, info.value.column) == (line, "kind")


# ------------------------------------------------------------------ parsing helpers
def test_parse_path_and_durations() -> None:
    assert parse_path("0.1 0.2; 0.3 0.9") == ((0.1, 0.2), (0.3, 0.9))
    assert parse_path("") == ()
    with pytest.raises(ValueError):
        parse_path("0.1 0.2; x y")
    assert format_duration(95) == "1 min 35 s"
    assert format_duration(120) == "2 min"
    assert format_duration(0) == "0 s"
    assert format_duration(-4) == "0 s"


# ------------------------------------------------------------------ the state machine
def test_next_prev_jump_clamp() -> None:
    s = RoutineSession(make_routine([10, 20, 30]))
    assert (s.index, s.number, s.remaining_s) == (0, 1, 10)
    assert s.prev() is False and s.index == 0
    assert s.next() and s.index == 1 and s.remaining_s == 20
    assert s.next() and s.index == 2
    assert s.next() is False and s.next() is False and s.index == 2  # rapid clicks past the end
    assert s.jump(-7) and s.index == 0
    assert s.jump(99) and s.index == 2
    with pytest.raises(ValueError, match="whole number"):
        s.jump("x")  # type: ignore[arg-type]
    assert s.total_s == 60


def test_play_counts_down_and_auto_advances() -> None:
    s = RoutineSession(make_routine([3, 2]))
    assert s.tick(1) is False and s.remaining_s == 3  # paused: nothing happens
    s.play()
    assert s.tick(1) is False and s.remaining_s == 2
    assert s.remaining_total_s == 4
    assert s.tick(2) is True and s.index == 1 and s.remaining_s == 2
    s.tick(1)
    assert s.remaining_s == 1 and s.playing
    assert s.tick(5) is True
    assert s.finished and not s.playing and s.remaining_s == 0 and s.index == 1
    assert s.progress == 1.0
    assert s.tick(1) is False
    s.play()  # playing after the end starts again
    assert s.index == 0 and s.playing and not s.finished


def test_leftover_time_carries_and_zero_steps_pass_through() -> None:
    s = RoutineSession(make_routine([2, 0, 0, 5]))
    s.play()
    assert s.tick(3) is True
    assert s.index == 3 and s.remaining_s == 4


def test_pause_and_toggle() -> None:
    s = RoutineSession(make_routine([5]))
    assert s.toggle() is True
    s.tick(2)
    assert s.toggle() is False
    s.tick(2)
    assert s.remaining_s == 3
    for bad in (float("nan"), -1, "soon"):
        assert s.tick(bad) is False  # type: ignore[arg-type]


def test_empty_routine_is_an_idle_session() -> None:
    s = RoutineSession(Routine(id="empty", title="Empty"))
    assert s.step is None and s.number == 0 and s.count == 0
    assert s.next() is False and s.prev() is False and s.jump(3) is False
    assert s.play() is False and s.tick(10) is False
    assert s.remaining_total_s == 0 and s.progress == 1.0
    assert s.state().title == ""


def test_foot_switch_and_one_sided_steps() -> None:
    steps = (
        Step(routine="r", number=1, title="a", instruction="x", technique="effleurage", foot="each"),
        Step(routine="r", number=2, title="b", instruction="x", technique="effleurage", foot="left"),
    )
    s = RoutineSession(Routine(id="r", title="R", steps=steps), foot="right")
    assert s.display_foot == "right"
    assert s.switch_foot() == "left" and s.switch_foot() == "right"
    s.next()
    assert s.display_foot == "left"  # the step is meant for the left foot
    with pytest.raises(ValueError):
        s.foot = "middle"


def test_real_heel_spur_session_walks_every_step(course) -> None:
    r = load_routine(course, "heel-spur")
    s = RoutineSession(r)
    s.play()
    seen = [s.index]
    for _ in range(r.total_s + 5):
        if s.tick(1):
            seen.append(s.index)
    assert s.finished
    assert sorted(set(seen)) == list(range(len(r.steps)))
    assert "heel" in s.state().areas or "sole" in s.state().areas


# ------------------------------------------------------------------ printable cards
@pytest.mark.slow  # builds the PDF twice (reproducibility)
def test_routine_cards_pdf_is_one_page_per_routine_and_reproducible(course, tmp_path: Path) -> None:
    from foot_lib import export_routine_cards
    from foot_lib.data.files import ShippedDataError
    from foot_lib.data.paths import SHIPPED_DATA_DIR

    ids = ["heel-spur", "calf"]
    a = export_routine_cards(course, tmp_path / "a.pdf", routine_ids=ids)
    b = export_routine_cards(course, tmp_path / "b.pdf", routine_ids=ids)
    data = a.read_bytes()
    assert data.startswith(b"%PDF") and data == b.read_bytes()
    assert data.count(b"/MediaBox") == len(ids)
    with pytest.raises(KeyError):
        export_routine_cards(course, tmp_path / "c.pdf", routine_ids=["nope"])
    assert not (tmp_path / "c.pdf").exists()
    with pytest.raises(ShippedDataError):
        export_routine_cards(course, SHIPPED_DATA_DIR / "cards.pdf", routine_ids=ids)


def _assert_tags_apart(chart, what: str) -> None:
    """Every arrow tag of ``chart``, as drawn: inside the picture, and covering no other tag."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(chart.figure).get_renderer()
    chart.figure.draw(renderer)
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in chart._arrow_labels]
    picture = chart.figure.bbox
    for k, box in enumerate(boxes):
        assert picture.x0 <= box.x0 and box.x1 <= picture.x1 and picture.y0 <= box.y0 and box.y1 <= picture.y1, what
        for other in boxes[:k]:
            assert not box.overlaps(other), (what, box, other)


def test_card_step_numbers_never_cover_each_other_and_stay_in_the_picture(course) -> None:
    """On every card's sole, each foot step with a stroke is numbered once, in a tag that
    overlaps no other tag and lies inside the picture (measured on the drawn tags)."""
    from foot_lib.content.routines import load_routine, routine_ids
    from foot_lib.drawing.chart import draw_chart
    from foot_lib.handouts.routine_cards import _numbered_arrows

    for rid in routine_ids(course):
        steps = load_routine(course, rid).steps
        arrows = _numbered_arrows(steps)
        if not arrows:
            continue
        numbers = [n for a in arrows if a["label"] for n in a["label"].split(", ")]
        assert sorted(map(int, numbers)) == [s.number for s in steps if s.path and not s.on_leg], rid
        chart = draw_chart(course, feet=("left",), view="plantar", labels=False, legend=False,
                           figsize=(3.0, 4.0), regions_only=True, title=False)
        chart.set_arrows(arrows)
        _assert_tags_apart(chart, rid)


@pytest.mark.parametrize("rid", ["heel-spur", "flat-feet-valgus", "classical-acupressure", "fourteen-step"])
def test_area_chart_step_tags_never_cover_each_other(course, rid: str) -> None:
    """The lesson's "areas worked" pictures: one tag per stroke path, none covering another."""
    from foot_lib.drawing.technique_diagrams import routine_area_chart

    chart = routine_area_chart(course, rid)
    assert len(chart._arrow_labels) >= 2, rid  # routines whose strokes start close together
    _assert_tags_apart(chart, rid)
