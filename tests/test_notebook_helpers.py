"""The notebook helpers: every figure a lesson shows must really produce an image."""

from __future__ import annotations

import struct

import IPython.display
import pytest
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure

from foot_lib import draw_chart, load_course
from foot_lib.notebook import figure_png, show_figure


@pytest.fixture(scope="module")
def course():
    return load_course()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_a_chart_figure_displays_even_without_axes(course) -> None:
    """IPython's inline backend returns nothing for a figure with neither Axes nor lines;
    a chart (drawn straight on its figure) must still show when a learner displays it."""
    chart = draw_chart(course)
    assert not chart.figure.axes
    assert print_figure(chart.figure)  # what `chart.figure` as a cell's last line shows


def test_figure_png_uses_the_requested_dpi_and_keeps_a_chart_whole(course) -> None:
    chart = draw_chart(course)
    w, h = chart.figure.get_size_inches()
    width, height = _png_size(figure_png(chart.figure, dpi=50))
    assert abs(width - w * 50) <= 1 and abs(height - h * 50) <= 1


def test_figure_png_crops_subplot_figures_and_keeps_explicit_layouts() -> None:
    fig = Figure(figsize=(4, 3))
    fig.add_subplot().plot([0, 1], [0, 1])
    assert _png_size(figure_png(fig, dpi=50)) != (200, 150)  # cropped to its content
    fig = Figure(figsize=(4, 3))
    fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1], [0, 1])
    assert _png_size(figure_png(fig, dpi=50)) == (200, 150)  # the page as designed


def test_show_figure_shows_image_then_caption(course, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    chart = draw_chart(course)
    show_figure(chart.figure, chart.alt_text)
    image, caption = shown
    assert isinstance(image, IPython.display.Image) and image.data.startswith(b"\x89PNG")
    assert image.alt == chart.alt_text
    # the visible caption is one sentence; the long description is only in the alt text
    assert isinstance(caption, IPython.display.Markdown) and chart.alt_text not in caption.data
    assert caption.data.count(". ") == 0 and len(caption.data) < 160
    shown.clear()
    show_figure(chart)
    image, caption = shown
    assert image.alt == chart.alt_text and chart.caption in caption.data
