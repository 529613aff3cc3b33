"""Charts drawn before give their pixels to the next chart that draws exactly the same thing
(foot_lib/drawing/raster_cache.py) — and never to one that draws anything else.

What must hold: a chart served from the cache is byte-for-byte the PNG a chart drawn from
scratch gives (with highlights, markers, arrows, another dpi, large text); a recoloured body
system, a new shape or an added artist is a different fingerprint; a figure holding an
artist the fingerprint cannot describe is drawn as usual; memory stays bounded.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.path import Path as MplPath

from foot_lib import FootShape, draw_chart, load_course
from foot_lib.drawing import raster_cache
from foot_lib.drawing.chart import draw_regions


@pytest.fixture
def course():
    raster_cache.clear()
    yield load_course()
    raster_cache.clear()


def _frames(chart, ids):
    """PNGs of a sequence of overlay changes, as a widget makes them."""
    out = [chart.render_png()]
    chart.set_highlight(ids)
    out.append(chart.render_png())
    chart.set_marker(*chart.place(np.array([[0.0, 60.0]]), chart.feet[0])[0])
    out.append(chart.render_png(dpi=80))
    chart.set_highlight([])
    chart.set_marker(None)
    out.append(chart.render_png(dpi=80))
    return out


@pytest.mark.parametrize("kwargs", [{}, {"view": "medial"}, {"style": "large"}, {"school": "all"},
                                    {"guidelines": True, "fitzgerald": True}])
def test_a_chart_from_the_cache_is_the_chart_drawn_from_scratch(course, kwargs) -> None:
    first = draw_chart(course, **kwargs)
    ids = first.zone_ids[:3]
    _frames(first, ids)
    hits_before = len(raster_cache._IMAGES)
    cached = _frames(draw_chart(course, **kwargs), ids)
    assert len(raster_cache._IMAGES) == hits_before  # every frame came from stored pixels
    raster_cache.clear()
    fresh = _frames(draw_chart(course, **kwargs), ids)
    assert cached == fresh


def test_routine_pictures_with_arrows_and_the_veil_are_unchanged(course) -> None:
    arrow = {"foot": "left", "path": [(0.5, 0.05), (0.5, 0.4), (0.45, 0.7)]}

    def frames():
        chart = draw_regions(course, [], feet=("left",), labels=False, title=False)
        out = []
        for regions, arrows in ((["heel"], [arrow]), (["toes"], []), (["heel"], [arrow]), ([], [])):
            chart.set_highlight(regions)
            chart.set_arrows(arrows)
            out.append(chart.render_png())
        return out

    frames()
    cached = frames()
    raster_cache.clear()
    assert cached == frames()


def test_anything_else_drawn_is_another_fingerprint(course) -> None:
    base = draw_chart(course)
    key = raster_cache.fingerprint(base.figure, base._dynamic)
    assert key is not None
    twin = draw_chart(course)
    assert raster_cache.fingerprint(twin.figure, twin._dynamic) == key
    other_shape = draw_chart(course, FootShape(arch=0.71))
    assert raster_cache.fingerprint(other_shape.figure, other_shape._dynamic) != key
    # a learner recolours a body system in place: the next chart shows it
    base.render_png()
    systems = course.body_systems
    systems.loc[systems.index[0], "colour"] = "#000000"
    recoloured = draw_chart(course)
    assert raster_cache.fingerprint(recoloured.figure, recoloured._dynamic) != key
    assert recoloured.render_png() != base.render_png()


def test_added_artists_change_the_picture_after_refresh(course) -> None:
    chart = draw_chart(course)
    plain = chart.render_png()
    square = MplPath([(0, 0), (80, 0), (80, 80), (0, 80), (0, 0)], closed=True)
    chart.figure.add_artist(PathCollection([square], facecolors="black", transform=chart.transData))
    chart.refresh()
    marked = chart.render_png()
    assert marked != plain
    raster_cache.clear()
    again = draw_chart(course)
    again.figure.add_artist(PathCollection([square], facecolors="black", transform=again.transData))
    assert again.render_png() == marked


def test_figures_with_artists_it_cannot_describe_are_drawn_as_usual(course) -> None:
    chart = draw_chart(course, fast_text=False)  # real Text artists, as exports use
    assert raster_cache.fingerprint(chart.figure, chart._dynamic) is None
    before = len(raster_cache._IMAGES)
    assert chart.render_png().startswith(b"\x89PNG")
    assert len(raster_cache._IMAGES) == before
    chart.ax.plot([0, 1], [0, 1])  # an Axes: not described either
    assert raster_cache.fingerprint(chart.figure, chart._dynamic) is None


def test_memory_is_bounded(course, monkeypatch: pytest.MonkeyPatch) -> None:
    chart = draw_chart(course)
    chart.render_png()
    one = next(iter(raster_cache._IMAGES.values())).nbytes
    monkeypatch.setattr(raster_cache, "MAX_BYTES", int(2.5 * one))
    for arch in (0.2, 0.3, 0.4, 0.5):
        draw_chart(course, FootShape(arch=arch)).render_png()
        assert sum(r.nbytes for r in raster_cache._IMAGES.values()) <= raster_cache.MAX_BYTES
    assert len(raster_cache._IMAGES) == 2

