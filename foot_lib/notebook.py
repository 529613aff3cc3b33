"""Notebook conveniences: one setup call per lesson, figures shown with their captions.

Every lesson starts with ``course = setup_notebook()`` so that outputs are identical on
every run (nbval compares them): no software stamp in figure metadata, fixed pandas
display width, fixed figure resolution. Figures are shown with one short caption, and their
full text description in the image's alt text, so the lesson reads without seeing colours,
on GitHub or with a screen reader.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .content.loader import load_course
from .content.tables import learner_html, set_lesson_course
from .data.loading import Course


def _ipython() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always present in a notebook
        return None
    return get_ipython()


NOTEBOOK_DPI = 80  # resolution of every figure a lesson shows: sharp enough, and small notebooks


def setup_notebook(data_dir: str | None = None) -> Course:
    """Make outputs reproducible and return the validated course data.

    Why matplotlib is not imported here: lessons without figures (the start page, the quiz
    lessons, the presenter) would pay for it on every run. Figures shown with
    :func:`show_figure` use :data:`NOTEBOOK_DPI`; a learner's own pyplot figure goes through
    the inline backend, configured here (same dpi, no software stamp in the PNG) without
    importing anything.
    """
    ip = _ipython()
    if ip is not None:
        _configure_inline_backend(ip)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    course = load_course(data_dir)
    set_lesson_course(course)  # tables name sources as "White 2000" with this course's sources.csv
    if ip is not None:
        _format_dataframes(ip)
    return course


def _format_dataframes(ip: Any) -> None:
    """Every DataFrame a lesson shows goes through the learner-table helper (its HTML view;
    the plain-text view stays pandas' own, for people exploring the data in code)."""
    formatter = ip.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, lambda frame: learner_html(frame))


def _configure_inline_backend(ip: Any) -> None:
    """What ``%config InlineBackend.print_figure_kwargs = {...}`` does, minus its cost: the
    magic first loads every lazily registered magic (a tenth of a second per lesson)."""
    import sys

    from traitlets.config import Config

    cfg = Config()
    cfg.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": NOTEBOOK_DPI,
                                             "metadata": {"Software": None}}
    ip.update_config(cfg)  # read by the inline backend when matplotlib first loads it
    inline = sys.modules.get("matplotlib_inline.config")
    if inline is not None and inline.InlineBackend.initialized():  # already loaded: update it
        inline.InlineBackend.instance().update_config(cfg)


def figure_png(figure: Any, dpi: float | None = None) -> bytes:
    """PNG bytes of a figure as lessons show it (:data:`NOTEBOOK_DPI`, no software stamp).

    The shared PNG path (:func:`foot_lib.drawing.png.figure_png`): figures laid out by
    subplots are cropped to their content, charts and explicitly placed panels are not.
    """
    from .drawing.png import figure_png as png_of

    return png_of(figure, dpi or NOTEBOOK_DPI)


def _first_sentence(text: str) -> str:
    import re

    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9])", text)
    return text[: match.start()] if match else text


def show_figure(figure: Any, caption: str | None = None, *, alt: str | None = None) -> None:
    """Display a figure with a short visible caption; its long description goes in the alt text.

    ``figure``: a matplotlib figure, or a chart (anything with ``.figure``, ``.caption`` and
    ``.alt_text``, e.g. from :func:`~foot_lib.draw_chart`), whose own caption and description
    are used. ``alt``: the image's alt text; when it is not given and ``caption`` runs to
    several sentences, the first is shown and the whole text becomes the alt text — a screen
    reader gets everything, a sighted reader one line instead of a wall of italics.

    Why not ``display(figure)``: IPython's inline backend shows nothing for a figure without
    Axes (charts and printable pages are drawn straight on the figure). A pyplot figure is
    closed afterwards so it is not shown twice; pyplot is not imported for that (it loads the
    inline backend, a tenth of a second): if it is not loaded yet, no figure can be one of its
    figures.
    """
    import sys

    from IPython.display import Image, Markdown, display

    if hasattr(figure, "figure") and hasattr(figure, "alt_text"):
        chart = figure
        figure = chart.figure
        alt = alt or chart.alt_text
        caption = caption or getattr(chart, "caption", None) or _first_sentence(alt)
    caption = caption or ""
    if alt is None:
        alt = caption
        caption = _first_sentence(caption)
    display(Image(data=figure_png(figure), alt=alt))
    display(Markdown(f"*Figure: {caption}*"))
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close(figure)
