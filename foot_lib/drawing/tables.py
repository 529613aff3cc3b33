"""Tables for reading: DataFrames rendered as stable, index-free pandas Stylers.

Presentation, so it lives above the content layer: content functions return plain
DataFrames, and these helpers style them for lessons and widgets. The HTML is identical
between runs (fixed uuid), which keeps the stored notebook outputs stable for nbval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from pandas.io.formats.style import Styler


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


def oil_table(frame: pd.DataFrame, columns: list[str] | None = None, caption: str | None = None) -> Styler:
    """A scaled recipe (from :func:`scale_oil_recipe`) as a readable, stable table.

    Numbers lose trailing zeros (``2``, ``0.15``), ``capped`` reads yes/no, ``percent`` is
    headed "% of mix". Used by the lesson and by the calculator widget.
    """
    shown = frame[columns] if columns is not None else frame
    if "capped" in shown.columns:
        shown = shown.assign(capped=["yes" if c else "no" for c in shown["capped"]])
    shown = shown.rename(columns={"percent": "% of mix"})
    formats = {c: "{:g}" for c in ("amount", "ml", "% of mix") if c in shown.columns}
    return table(shown, caption).format(formats)
