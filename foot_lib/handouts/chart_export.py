"""Printable chart handouts: A4 or Letter, PDF / SVG / PNG, byte-for-byte reproducible.

Why reproducible: a teacher (or CI) can re-export and see from a checksum that nothing
changed. Dates are removed from PDF/SVG metadata, SVG ids come from a fixed salt, and the
file is written atomically (a half-written PDF never replaces a good one).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib as mpl

from ..content.evidence import short_references
from ..data.files import atomic_write_bytes
from ..drawing.png import figure_png
from ..geometry.foot_shape import FootShape

PAPER = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
FORMATS = {".pdf": "pdf", ".svg": "svg", ".png": "png"}
_METADATA: dict[str, dict[str, str | None]] = {
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "foot_lib", "Producer": "foot_lib"},
    "svg": {"Date": None, "Creator": "foot_lib"},
    "png": {"Software": "foot_lib"},
}


def chart_sources(course: Any, zone_ids: list[str]) -> list[str]:
    """Every source id behind the drawn zones, articles' sections first."""
    zones = course.zones.set_index("id")
    ids = sorted({s for z in zone_ids for s in zones.loc[z, "source"]})
    return [s for s in ids if s.startswith("S")] + [s for s in ids if not s.startswith("S")]


def build_handout(course: Any, *, paper: str = "A4", shape: FootShape | None = None,
                  view: str = "plantar") -> Any:
    """The handout's :class:`~foot_lib.Chart`: both feet, legend, guidelines, source footnote."""
    from ..drawing.chart import draw_chart

    if paper not in PAPER:
        raise ValueError(f"paper must be one of {', '.join(PAPER)}, not {paper!r}")
    chart = draw_chart(course, shape, view=view, guidelines=view == "plantar", figsize=PAPER[paper],
                       hatches=True, fast_text=False, title="Foot reflexology chart (as charts teach it)",
                       reserve_bottom=1.0)
    fig = chart.figure
    # references as a reader finds them in the source list ("White 2000"), never the data's ids
    refs = short_references(course)

    def cite(*ids: str) -> str:
        return ", ".join(dict.fromkeys(refs.get(i, i) for i in ids))

    src = chart_sources(course, chart.zone_ids)
    note = ("Zone placements as given by the source sections and references: " + cite(*src) + ". "
            f"Guidelines after {cite('ingham1938')} and the course's evidence note. "
            "A chart shows what a tradition teaches. Blinded tests found that reflexologists cannot tell "
            f"from the feet which organs are ill ({cite('white2000', 'baerheim1998')}), and reviews found no "
            f"convincing effect on any disease ({cite('ernst2009')}). A sore spot on the foot is a sore foot: "
            "see a clinician about persistent foot pain.")
    import textwrap

    width_chars = int(PAPER[paper][0] * 12.5)
    fig.text(0.05, 0.012, "\n".join(textwrap.wrap(note, width_chars)), fontsize=7.5, va="bottom",
             ha="left", color="#333333")
    return chart


def export_chart(course: Any, path: str | Path, *, paper: str = "A4", fmt: str | None = None,
                 shape: FootShape | None = None, view: str = "plantar", dpi: int = 150) -> Path:
    """Write a printable chart to ``path`` (format from the suffix: .pdf, .svg or .png).

    Two exports of the same data on the same machine are byte-identical.
    """
    path = Path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None or fmt not in FORMATS.values():
        raise ValueError(f"unknown format for {path.name!r}: use a .pdf, .svg or .png file name")
    with mpl.rc_context({"svg.hashsalt": "foot-course", "pdf.compression": 6, "svg.fonttype": "path"}):
        chart = build_handout(course, paper=paper, shape=shape, view=view)
        if fmt == "png":
            data = figure_png(chart.figure, dpi, crop=False, metadata=_METADATA["png"])
        else:
            buf = io.BytesIO()
            chart.figure.savefig(buf, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            data = buf.getvalue()
    return atomic_write_bytes(path, data)
