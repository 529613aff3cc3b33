"""The charts' PNG encoder: lossless, the same bytes however the work is split.

Why these tests: the encoder deflates bands of rows in two threads on a machine with a second
core, copies RGBA to RGB one channel at a time, and re-deflates only the bands that changed.
None of that may change a pixel or a byte.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import PIL.Image
import pytest

from foot_lib.drawing import png


def _image(h: int, w: int, opaque: bool, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = rng.integers(0, 256, (h, w, 3), dtype=np.uint8) // 64 * 64  # flat-ish colours
    rgba[..., 3] = 255 if opaque else rng.integers(0, 256, (h, w), dtype=np.uint8)
    return rgba


@pytest.mark.parametrize(("h", "w", "opaque"), [(875, 1000, True), (875, 1000, False), (31, 7, True), (33, 5, False),
                                                 (1, 1, True), (200, 3, True)])
def test_the_png_decodes_to_the_canvas_pixels(h, w, opaque) -> None:
    rgba = _image(h, w, opaque)
    decoded = np.asarray(PIL.Image.open(io.BytesIO(png.PngEncoder().encode(rgba))))
    assert decoded.shape == (h, w, 3 if opaque else 4)
    np.testing.assert_array_equal(decoded, rgba[..., :3] if opaque else rgba)


def test_one_thread_or_two_give_the_same_bytes(monkeypatch) -> None:
    rgba = _image(875, 1000, True, seed=1)
    monkeypatch.setattr(png, "_TWO_LANES", True)
    two = png.PngEncoder().encode(rgba)
    monkeypatch.setattr(png, "_TWO_LANES", False)
    assert png.PngEncoder().encode(rgba) == two


def test_a_changed_band_is_re_encoded_and_nothing_else_changes(monkeypatch) -> None:
    monkeypatch.setattr(png, "_TWO_LANES", True)
    rgba = _image(875, 1000, True, seed=2)
    encoder = png.PngEncoder()
    encoder.encode(rgba)
    before = list(encoder.bands)
    changed = rgba.copy()
    changed[500:510, 100:200, :3] = 7  # inside band 15 (rows 480-511)
    assert encoder.encode(changed) == png.PngEncoder().encode(changed)
    after = encoder.bands
    assert [k for k, (a, b) in enumerate(zip(before, after, strict=True)) if a is not b] == [500 // 32]


def test_an_error_in_the_helper_thread_reaches_the_caller(monkeypatch) -> None:
    monkeypatch.setattr(png, "_TWO_LANES", True)

    def work(jobs: list[int]) -> None:
        if jobs and jobs[0] >= 5:
            raise ValueError("second half failed")

    with pytest.raises(ValueError, match="second half"):
        png._in_two(work, list(range(10)))


def test_a_shown_figure_has_the_pixels_savefig_draws_and_keeps_its_canvas_and_dpi() -> None:
    """Lessons' pictures are drawn by Agg and written by this encoder (not savefig's writer):
    the same pixels, and the figure is left as it was."""
    from foot_lib import draw_leg, load_course, routine_area_chart, safety_checklist_figures

    course = load_course()
    for figure in (routine_area_chart(course, "spine-line").figure, safety_checklist_figures(course)[0],
                   draw_leg(highlight=["calf"]).figure):
        canvas, dpi = figure.canvas, figure.dpi
        ours = png.figure_png(figure, 80)
        assert figure.canvas is canvas and figure.dpi == dpi
        buffer = io.BytesIO()
        with matplotlib.rc_context(png.SCREEN_TEXT):
            figure.savefig(buffer, format="png", dpi=80)
        theirs = np.asarray(PIL.Image.open(buffer).convert("RGB"))
        np.testing.assert_array_equal(np.asarray(PIL.Image.open(io.BytesIO(ours)).convert("RGB")), theirs)
