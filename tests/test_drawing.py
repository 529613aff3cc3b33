"""Charts: image regression of the main figures, the Chart contract, exports.

Baselines live in tests/baseline/. To regenerate after an intended change:
``FOOT_UPDATE_BASELINE=1 .venv/bin/pytest tests/test_drawing.py -o addopts=""`` and look at
the new PNGs before committing them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import foot_lib
from foot_lib import FootShape, draw_chart, export_chart, load_course
from foot_lib.drawing.chart import draw_regions

BASELINE = Path(__file__).parent / "baseline"
ARROW = {"foot": "left", "path": [(0.5, 0.05), (0.5, 0.4), (0.45, 0.7)], "label": "thumb walk"}


@pytest.fixture(scope="module")
def course():
    return load_course()


FIGURES = {
    "chart_plantar": lambda c: draw_chart(c, guidelines=True, highlight=["heart-left-arch-front"]),
    "chart_dorsal": lambda c: draw_chart(c, view="dorsal"),
    "chart_medial": lambda c: draw_chart(c, view="medial"),
    "chart_lateral": lambda c: draw_chart(c, view="lateral"),
    "chart_disagreements": lambda c: draw_chart(c, disagreements=["eyes", "ears", "liver", "heart"]),
    "regions_fitzgerald": lambda c: draw_regions(c, ["heel", "toes"], fitzgerald=True, arrows=[ARROW]),
    "chart_hallux_valgus": lambda c: draw_chart(c, FootShape(hallux_angle=38, arch=0.05), labels=False),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_image_regression(course, name: str, tmp_path: Path) -> None:
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(FIGURES[name](course).render_png(dpi=50))
    expected = BASELINE / f"{name}.png"
    if os.environ.get("FOOT_UPDATE_BASELINE") or not expected.exists():
        if not os.environ.get("FOOT_UPDATE_BASELINE"):
            pytest.fail(f"missing baseline {expected}; run with FOOT_UPDATE_BASELINE=1")
        expected.write_bytes(actual.read_bytes())
    result = compare_images(str(expected), str(actual), tol=2)
    assert result is None, result


def test_chart_contract(course) -> None:
    before = plt.get_fignums()
    chart = draw_chart(course)
    assert isinstance(chart.figure, Figure) and plt.get_fignums() == before
    assert "left and right feet" in chart.alt_text and "numbered" in chart.alt_text
    assert "not evidence" in chart.alt_text
    children = len(chart.figure.get_children())
    chart.set_highlight(["kidneys-mid-arch", "heel", "calf"])
    assert len(chart.figure.get_children()) == children  # updated in place, nothing rebuilt
    assert "kidneys zone" in chart.alt_text and "heel" in chart.alt_text.lower()
    assert "Not visible in this view: calf" in chart.alt_text
    chart.set_arrows([ARROW])
    with_arrow = len(chart.figure.get_children())
    chart.set_arrows([ARROW])
    assert len(chart.figure.get_children()) == with_arrow  # replaced, not added
    assert "towards the toes" in chart.alt_text
    assert len(chart.figure.get_children()) > children
    chart.set_arrows([])
    # the arrows' artists are kept for the next step, hidden: nothing of them is drawn
    shown = [a for a in chart.figure.get_children() if a.get_visible()]
    assert len(shown) == len([a for a in chart.figure.get_children()[:children] if a.get_visible()])
    assert len(chart.figure.get_children()) < with_arrow  # the label went; lines and heads wait, hidden
    chart.set_feet_emphasis("left")
    assert "left foot is emphasised" in chart.alt_text
    assert chart.render_png().startswith(b"\x89PNG")


def test_render_png_reuses_background_and_survives_savefig(course) -> None:
    """Overlay changes redraw on the cached background; a full redraw elsewhere (savefig on the
    same canvas) must not leak into that background."""
    import io

    plain = draw_chart(course).render_png()
    chart = draw_chart(course)
    assert chart.render_png() == plain
    chart.set_highlight(["heel"])
    chart.figure.savefig(io.BytesIO(), format="png")  # draws the highlight on the shared canvas
    chart.set_highlight([])
    assert chart.render_png() == plain
    chart.set_highlight(["heel"])
    highlighted = chart.render_png()
    assert highlighted != plain
    assert chart.set_highlight([]).render_png() == plain
    assert draw_chart(course, highlight=["heel"]).render_png() == highlighted


@pytest.mark.parametrize("kwargs", [{}, {"disagreements": True}, {"disagreements": True, "feet": ["left"]},
                                    {"view": "medial"}, {"guidelines": True, "fitzgerald": True}])
def test_every_label_fits_inside_the_figure(course, kwargs) -> None:
    """Labels are sized in points; the chart widens its limits until the longest one fits
    (long "sources disagree" labels used to run off the figure's edge)."""
    chart = draw_chart(course, **kwargs)
    assert chart._text_extents
    box = chart.figure.bbox
    per_point = chart.figure.dpi / 72
    for x, left, right in chart._text_extents:
        px = chart.transData.transform((x, 0.0))[0]
        assert px + left * per_point >= box.x0 - 0.5 and px + right * per_point <= box.x1 + 0.5


def test_chart_ax_and_position(course) -> None:
    """Chart artists live on the figure; ``ax`` is an invisible Axes over the drawing area."""
    chart = draw_chart(course)
    x0, y0, w, h = chart.get_position()
    ax = chart.ax
    assert ax is chart.ax and tuple(ax.get_position().bounds) == pytest.approx((x0, y0, w, h))
    assert ax.get_xlim() == pytest.approx(chart.xlim) and ax.get_ylim() == pytest.approx(chart.ylim)
    # the same point lands on the same pixel through the chart and through the Axes
    point = (chart.xlim[0] * 0.3 + chart.xlim[1] * 0.7, chart.ylim[0] * 0.6 + chart.ylim[1] * 0.4)
    assert chart.transData.transform(point) == pytest.approx(ax.transData.transform(point))
    chart.set_position((x0, y0 / 2, w, h / 2))
    assert chart.transData.transform(point) == pytest.approx(ax.transData.transform(point))
    assert chart.render_png().startswith(b"\x89PNG")


def test_zone_selection_and_one_sided_zones(course) -> None:
    chart = draw_chart(course, zones=["heart-left-arch-front", "liver-right-arch-start"], feet=("right",))
    assert chart.zone_ids == ["liver-right-arch-start"]
    with pytest.raises(KeyError):
        draw_chart(course, zones=["no-such-zone"])
    with pytest.raises(ValueError):
        draw_chart(course, view="sideways")


def test_disagreement_overlay_names_sources(course) -> None:
    chart = draw_chart(course, disagreements="eyes")
    zones = course.zones
    assert set(chart.zone_ids) == set(zones.loc[zones["body_part"] == "eyes", "id"])
    assert "S003.23" in chart.alt_text and "placements" in chart.alt_text


@pytest.mark.slow  # exports twice in every format (reproducibility)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("suffix", [".pdf", ".svg", ".png"])
def test_exports_are_reproducible(course, tmp_path: Path, paper: str, suffix: str) -> None:
    digests = []
    for k in range(2):
        path = export_chart(course, tmp_path / f"chart{k}{suffix}", paper=paper, dpi=60)
        digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_export_refuses_shipped_data_and_unknown_format(course) -> None:
    from foot_lib.data.files import ShippedDataError
    from foot_lib.data.paths import SHIPPED_DATA_DIR

    with pytest.raises(ShippedDataError):
        export_chart(course, SHIPPED_DATA_DIR / "chart.pdf")
    with pytest.raises(ValueError):
        export_chart(course, "chart.docx")


def test_public_api() -> None:
    for name in ("FootShape", "draw_chart", "Chart", "zones_at", "export_chart", "FootShapeExplorer"):
        assert getattr(foot_lib, name)


def test_an_untitled_routine_picture_describes_itself_without_a_stray_full_stop(course) -> None:
    chart = draw_regions(course, ["heel"], feet=("left",), labels=False, title=False)
    assert chart.alt_text.startswith("Outline of the left foot")


def test_overlay_renders_are_the_pixels_of_a_full_draw(course) -> None:
    """Highlights, fades, arrows and the marker are drawn on the kept image in z-order, so the
    picture is exactly what drawing the whole figure gives: a highlighted area never covers its
    own number (the numbers lie above the highlights)."""
    import io

    import numpy as np
    from PIL import Image

    arrows = [ARROW]
    for chart in (draw_chart(course), draw_regions(course, feet=("left",), labels=False, title=False)):
        first = chart.zone_ids[:3] or ["heel"]
        changes = [("set_highlight", first), ("set_arrows", arrows), ("set_feet_emphasis", "left"),
                   ("set_marker", 0), ("set_highlight", []), ("set_arrows", []),
                   ("set_feet_emphasis", None), ("set_marker", None)]
        for method, value in changes:
            getattr(chart, method)(*((value, 40) if method == "set_marker" and value is not None else (value,)))
            shown = np.asarray(Image.open(io.BytesIO(chart.render_png())).convert("RGB"))
            chart._canvas.draw()  # the whole figure, every artist in z-order
            full = np.asarray(chart._canvas.buffer_rgba())[..., :3]
            assert (shown == full).all(), method


@pytest.mark.parametrize("style", ["normal", "large"])
@pytest.mark.parametrize("feet", [("left", "right"), ("left",)])
def test_body_system_legend_labels_fit_their_columns(course, style, feet) -> None:
    """No label of the body-system legend runs under the next column's swatch, in large text too."""
    from foot_lib.drawing.layout import text_width

    chart = draw_chart(course, feet=feet, style=style, fast_text=False)
    width = chart.figure.get_figwidth()
    st = chart.style
    labels = [t for t in chart.figure.texts if t.get_transform() == chart.figure.transFigure
              and t.get_fontsize() == st.size("system")]
    assert labels
    columns = sorted({round(t.get_position()[0], 4) for t in labels})
    gap = (columns[1] - columns[0]) * width if len(columns) > 1 else 0.95 * width
    swatch = 0.3 * st.scale + 0.008 * width
    for t in labels:
        assert swatch + text_width(t.get_text(), st.size("system")) / 72 <= gap, t.get_text()


@pytest.mark.parametrize("view", ["plantar", "medial"])
def test_the_right_foot_call_outs_are_the_mirror_of_the_left(course, view) -> None:
    """A chart's right foot is the mirror of its left, and so are its numbers: an area drawn on
    both feet has its disc at the mirror spot (the layout searches each area once, for both)."""
    chart = draw_chart(course, FootShape(arch=0.37), view=view)
    spots = {(c.foot, c.key, c.number): c for c in chart.callouts}
    both = [(key, n) for foot, key, n in spots if foot == "left" and ("right", key, n) in spots]
    assert len(both) >= 10
    for key, n in both:
        left, right = spots["left", key, n], spots["right", key, n]
        assert right.xy == (-left.xy[0], left.xy[1]) and right.leader == left.leader, key
