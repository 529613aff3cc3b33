"""The look of every learner table: a stable, index-free, left-aligned pandas Styler.

Split from :mod:`foot_lib.content.tables` (which turns cells into words) so that modules the
word-maker itself uses, such as :mod:`foot_lib.content.evidence`, can give their tables the
same look without an import cycle. Pure pandas.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pandas.io.formats.style import Styler

SHORT_CELL = 14  # characters: a column whose values are all this short is never wrapped
TABLE_CSS = [
    {"selector": "th", "props": [("text-align", "left"), ("vertical-align", "bottom")]},
    {"selector": "td", "props": [("text-align", "left"), ("vertical-align", "top"), ("white-space", "normal")]},
    {"selector": "caption", "props": [("text-align", "left"), ("font-weight", "bold"), ("caption-side", "top")]},
]


def styled_table(text: pd.DataFrame, caption: str | None = None) -> Styler:
    """A frame of display strings as a Styler: no index, left-aligned, wrapped (short values on
    one line), HTML-escaped, and an id derived from the content so the HTML is identical between
    runs (nbval compares it)."""
    key = hashlib.sha1(f"{list(text.columns)}|{caption}|{text.to_csv(index=False)}".encode()).hexdigest()[:10]
    styler = text.style.set_uuid(f"t{key}").hide(axis="index").format(escape="html")
    styler = styler.set_table_styles(TABLE_CSS)
    short = [c for c in text.columns
             if len(text) and max(len(str(v)) for v in text[c].tolist()) <= SHORT_CELL]
    if short:  # "4 min 30 s", "self-massage": keep short values on one line
        styler = styler.set_properties(subset=short, **{"white-space": "nowrap"})
    if caption:
        styler = styler.set_caption(caption)
    return styler


__all__ = ["styled_table"]
