"""Motion diagrams of the techniques: every row draws, the text says what is drawn, typos help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import foot_lib
from foot_lib import load_course
from foot_lib.data.errors import DataError
from foot_lib.data.paths import SHIPPED_DATA_DIR
from foot_lib.drawing.technique_diagrams import (
    MOTIONS,
    draw_technique,
    technique_gallery,
    technique_ids,
    technique_text,
    techniques_frame,
)


@pytest.fixture(scope="module")
def course():
    return load_course()


def _schema_motions() -> list[str]:
    schema = json.loads((SHIPPED_DATA_DIR / "schemas" / "techniques.json").read_text(encoding="utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "motion")
    return field["constraints"]["enum"]


def test_every_motion_value_has_a_drawer() -> None:
    assert set(_schema_motions()) == set(MOTIONS)


def test_every_technique_has_a_known_motion(course) -> None:
    frame = course["techniques"]
    assert frame["motion"].notna().all()
    assert set(frame["motion"]) <= set(MOTIONS)


@pytest.mark.parametrize("technique_id", technique_ids(load_course()))
def test_every_technique_draws(course, technique_id: str) -> None:
    fig, alt = draw_technique(course, technique_id)
    assert isinstance(fig, Figure)
    fig.canvas.draw()  # draws without error
    row = course.row("techniques", technique_id)
    assert row["name"] in alt
    for alias in row["aliases"] or ():
        assert alias in alt
    assert row["motion"] in alt and row["pressure"] in alt


def test_alt_text_without_aliases_says_so(course) -> None:
    _, alt = draw_technique(course, "finger-walking")
    assert "Finger walking" in alt and "no other name" in alt


def test_draw_into_existing_axes(course) -> None:
    fig = Figure()
    ax = fig.add_subplot()
    out, _ = draw_technique(course, "effleurage", ax=ax)
    assert out is fig
    assert ax.texts  # title and labels were drawn there


def test_unknown_id_lists_valid_ids(course) -> None:
    with pytest.raises(KeyError) as info:
        draw_technique(course, "thumb-walk")
    message = str(info.value)
    assert "thumb-walk" in message and "thumb-walking" in message
    for tid in technique_ids(course):
        assert tid in message


def _panel_titles(fig) -> list[str]:
    return [t.get_text() for t in fig.texts if t.get_fontweight() == "bold"]


def test_gallery_all_and_subset(course) -> None:
    fig, alt = technique_gallery(course)
    assert _panel_titles(fig) == list(course["techniques"]["name"])  # one panel each, in order
    for name in course["techniques"]["name"]:
        assert name in alt
    assert fig.lines and not fig.axes  # panels drawn on the figure; lines keep it displayable
    fig, alt = technique_gallery(course, ["hook-and-back-up", "thumb-walking"], ncols=5)
    assert _panel_titles(fig) == ["Hook and back up", "Thumb walking"]
    assert alt.index("Hook and back up") < alt.index("Thumb walking")
    assert "caterpillar" in alt


def test_gallery_rejects_empty_and_unknown(course) -> None:
    with pytest.raises(ValueError):
        technique_gallery(course, [])
    with pytest.raises(KeyError, match="Valid technique ids"):
        technique_gallery(course, ["effleurage", "nope"])


def test_frame_and_text(course) -> None:
    frame = techniques_frame(course)
    assert len(frame) == len(course["techniques"])
    assert "ironing" in frame.loc[frame["technique"] == "Effleurage", "also called"].iloc[0]
    assert "sipping" in technique_text(course, "toe-traction-and-rotation")


def test_lazy_exports() -> None:
    assert foot_lib.draw_technique is draw_technique
    assert foot_lib.technique_gallery is technique_gallery


def test_bad_motion_is_a_located_data_error(data_copy: Path) -> None:
    path = data_copy / "techniques.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("effleurage,Effleurage,massage,glide,", "effleurage,Effleurage,massage,wiggle,", 1),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_course(data_copy)
    assert "motion" in str(info.value)


def test_routine_area_chart(course) -> None:
    from foot_lib.drawing.technique_diagrams import routine_area_chart

    chart = routine_area_chart(course, "heel-spur")
    assert chart.alt_text.startswith("Heel spur")
    assert "centre of the heel" in chart.alt_text and "step 2" in chart.alt_text
    with pytest.raises(KeyError, match="Valid routine ids"):
        routine_area_chart(course, "heel-spurs")
