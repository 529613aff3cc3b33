"""Notebook conveniences: one setup call per lesson, figures shown with their captions.

Every lesson starts with ``course = setup_notebook()`` so that outputs are identical on
every run (nbval compares them): fixed SVG ids, no dates in figure metadata, fixed pandas
display width. Figures are shown with a text caption (their alt text) so the lesson reads
without seeing colours, on GitHub or with a screen reader.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .loading import Course, load_course


def _ipython() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always present in a notebook
        return None
    return get_ipython()


def setup_notebook(data_dir: str | None = None) -> Course:
    """Make outputs reproducible and return the validated course data."""
    import matplotlib as mpl

    mpl.rcParams["svg.hashsalt"] = "foot-course"
    mpl.rcParams["figure.dpi"] = 80
    mpl.rcParams["savefig.dpi"] = 80
    ip = _ipython()
    if ip is not None:
        ip.run_line_magic("matplotlib", "inline")
        ip.run_line_magic(
            "config", 'InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}'
        )
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    return load_course(data_dir)


def show_figure(figure: Any, caption: str) -> None:
    """Display a matplotlib figure followed by its caption (its text description).

    The figure is closed afterwards so the inline backend does not display it twice.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    display(figure)
    display(Markdown(f"*Figure: {caption}*"))
    plt.close(figure)


def table(frame: pd.DataFrame, caption: str | None = None) -> Any:
    """A DataFrame rendered without its index and with wrapped text, for reading."""
    import hashlib

    # A fixed uuid keeps the HTML identical between runs (pandas picks a random one).
    key = hashlib.sha1(f"{list(frame.columns)}{len(frame)}{caption}".encode()).hexdigest()[:8]
    styler = frame.style.set_uuid(f"t{key}").hide(axis="index")
    styler = styler.set_properties(**{"text-align": "left", "white-space": "normal"})
    if caption:
        styler = styler.set_caption(caption)
    return styler
