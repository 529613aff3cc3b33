"""The look of every learner table: a stable, index-free, left-aligned pandas Styler.

Split from :mod:`foot_lib.content.tables` (which turns cells into words) so that modules the
word-maker itself uses, such as :mod:`foot_lib.content.evidence`, can give their tables the
same look without an import cycle. Pure pandas.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pandas.io.formats.style import Styler

SHORT_CELL = 14  # characters: a column whose values are all this short is never wrapped
TABLE_CSS = [
    {"selector": "th", "props": [("text-align", "left"), ("vertical-align", "bottom")]},
    {"selector": "td", "props": [("text-align", "left"), ("vertical-align", "top"), ("white-space", "normal")]},
    {"selector": "caption", "props": [("text-align", "left"), ("font-weight", "bold"), ("caption-side", "top")]},
]


def styled_table(text: pd.DataFrame, caption: str | None = None) -> LearnerTable:
    """A frame of display strings as a table: no index, left-aligned, wrapped (short values on
    one line), HTML-escaped, and an id derived from the content so the HTML is identical between
    runs (nbval compares it). A :class:`LearnerTable`: it shows as the pandas Styler built this
    way would, and is one as soon as a Styler method is asked of it."""
    key = hashlib.sha1(f"{list(text.columns)}|{caption}|{text.to_csv(index=False)}".encode()).hexdigest()[:10]
    short = [c for c in text.columns
             if len(text) and max(len(str(v)) for v in text[c].tolist()) <= SHORT_CELL]
    return LearnerTable(text, caption or None, f"t{key}", short)


_NOWRAP = (("white-space", "nowrap"),)
CssFunction = Callable[["pd.Series"], Sequence[str]]


def _css_pairs(style: str) -> list[tuple[str, str]]:
    """``'a: b; c: d'`` as ``[('a', 'b'), ('c', 'd')]``, split as pandas splits cell styles."""
    if style and ":" not in style:
        raise ValueError(f"Styles supplied as string must follow CSS rule formats, for example 'attr: val;'. "
                         f"'{style}' was given.")
    return [(x.split(":")[0].strip(), ":".join(x.split(":")[1:]).strip()) for x in style.split(";") if x.strip()]


def _cell_html(value: Any, precision: int, escape: Callable[[str], Any]) -> str | None:
    """A cell as the Styler shows it (escaped text; numbers by pandas' default formatter), or
    None for a value only the Styler can show (a missing value, a list, ...)."""
    import numpy as np

    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(value)
    if isinstance(value, (float, np.floating)):
        return f"{value:.{precision}f}"
    return None


class LearnerTable:
    """A learner table, shown as the pandas Styler it stands for — the same HTML, byte for byte —
    written directly.

    Why: a lesson shows a dozen tables. Building each as a Styler and rendering it through
    jinja2 cost 10–20 ms a table, and each lesson's fresh kernel paid about 70 ms more to
    import jinja2 and load pandas' templates: together about a tenth of a course run's own
    work. This object writes the HTML for the one look learner tables have (no index,
    left-aligned, wrapped, short columns kept on one line, escaped cells, an optional caption,
    optional per-column cell colours from :meth:`apply`); ``tests/test_table_html.py`` checks
    it against ``Styler.to_html`` on random tables.

    Anything else asked of it — ``.format(na_rep="—")``, ``.hide(...)``, any Styler method or
    attribute — is handed to a real Styler built the same way (:attr:`styler`), which from then
    on is what shows. Cells that are not strings, or pandas display options that change a
    Styler's HTML, also fall back to the Styler.
    """

    def __init__(self, text: pd.DataFrame, caption: str | None, uuid: str, short: Sequence[str]) -> None:
        self.data = text
        self.caption = caption
        self.uuid = uuid
        self._short = list(short)
        self._column_css: list[tuple[list[str], CssFunction]] = []

    @property
    def styler(self) -> Styler:
        """The pandas Styler this table stands for (built on first use, then kept and shown)."""
        styler = self.__dict__.get("_styler")
        if styler is None:
            styler = self.data.style.set_uuid(self.uuid).hide(axis="index").format(escape="html")
            styler = styler.set_table_styles(TABLE_CSS)
            if self._short:
                styler = styler.set_properties(subset=self._short, **{"white-space": "nowrap"})
            if self.caption:
                styler = styler.set_caption(self.caption)
            for subset, func in self._column_css:
                styler = styler.apply(func, subset=subset, axis=0)
            self.__dict__["_styler"] = styler
        return styler

    def apply(self, func: CssFunction, axis: int | None = 0, subset: Any = None, **kwargs: Any) -> Any:
        """Cell styles per column, as :meth:`pandas.io.formats.style.Styler.apply`: ``func`` gets a
        column and returns one CSS string per cell. Column-wise on named columns it stays a
        LearnerTable (as a Styler, it changes this table and returns it); anything else is the
        Styler's own ``apply``."""
        if ("_styler" not in self.__dict__ and axis in (0, "index") and not kwargs and isinstance(subset, list)
                and all(isinstance(c, str) and c in self.data.columns for c in subset)):
            self._column_css.append((list(subset), func))
            return self
        return self.styler.apply(func, axis=axis, subset=subset, **kwargs)

    def to_html(self, *args: Any, **kwargs: Any) -> str:
        """The table's HTML, as ``Styler.to_html()`` gives it (arguments go to the Styler)."""
        if args or kwargs or "_styler" in self.__dict__:
            return self.styler.to_html(*args, **kwargs)
        html = self._html()
        return self.styler.to_html() if html is None else html

    def _repr_html_(self) -> str | None:
        if "_styler" in self.__dict__:
            return self.styler._repr_html_()
        import pandas as pd

        if pd.get_option("styler.render.repr") != "html":
            return self.styler._repr_html_()
        return self.to_html()

    def __getattr__(self, name: str) -> Any:
        # Only public Styler names: IPython probes objects for many _repr_*_ methods, and
        # answering those must not build a Styler.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.styler, name)

    def __repr__(self) -> str:
        rows, cols = self.data.shape
        about = f": {self.caption}" if self.caption else ""
        return f"<table{about} ({rows} rows, {cols} columns)>"

    def _cell_styles(self) -> dict[tuple[int, int], list[tuple[str, str]]] | None:
        columns = list(self.data.columns)
        n = len(self.data)
        ctx: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for name in self._short:
            j = columns.index(name)
            for i in range(n):
                ctx.setdefault((i, j), []).extend(_NOWRAP)
        for subset, func in self._column_css:
            for name in subset:
                j = columns.index(name)
                styles = list(func(self.data[name]))
                if len(styles) != n:
                    return None  # the Styler reports the mismatch
                for i, style in enumerate(styles):
                    if not isinstance(style, str):
                        return None
                    if style:
                        ctx.setdefault((i, j), []).extend(_css_pairs(style))
        return ctx

    def _html(self) -> str | None:
        """The Styler's HTML for this table, or None where only the Styler can say (see class doc)."""
        import pandas as pd
        from markupsafe import escape

        frame = self.data
        columns = list(frame.columns)
        rows, cols = frame.shape
        if (frame.columns.nlevels != 1 or frame.index.nlevels != 1 or frame.columns.name is not None
                or not frame.columns.is_unique or not frame.index.is_unique
                or not all(isinstance(c, str) for c in columns) or rows * cols == 0
                or rows * cols > pd.get_option("styler.render.max_elements")
                or pd.get_option("styler.render.max_rows") is not None
                or pd.get_option("styler.render.max_columns") is not None
                or not pd.get_option("styler.html.mathjax")):
            return None
        values = frame.to_numpy(dtype=object)
        precision = pd.get_option("styler.format.precision")
        shown = [[_cell_html(v, precision, escape) for v in row] for row in values]
        if any(v is None for row in shown for v in row):
            return None
        ctx = self._cell_styles()
        if ctx is None:
            return None
        u = self.uuid
        out = ['<style type="text/css">\n']
        for rule in TABLE_CSS:
            out.append(f"#T_{u} {rule['selector']} {{\n")
            out.extend(f"  {p}: {v};\n" for p, v in rule["props"])
            out.append("}\n")
        groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
        for i in range(rows):
            for j in range(cols):
                props = ctx.get((i, j))
                if props:
                    groups.setdefault(tuple(props), []).append(f"row{i}_col{j}")
        for group, cells in groups.items():
            out.append(", ".join(f"#T_{u}_{c}" for c in cells) + " {\n")
            out.extend(f"  {p}: {v};\n" for p, v in group)
            out.append("}\n")
        out.append(f'</style>\n<table id="T_{u}">\n')
        if self.caption:
            out.append(f"  <caption>{self.caption}</caption>\n")
        out.append("  <thead>\n    <tr>\n")
        out.extend(f'      <th id="T_{u}_level0_col{j}" class="col_heading level0 col{j}" >{name}</th>\n'
                   for j, name in enumerate(columns))
        out.append("    </tr>\n  </thead>\n  <tbody>\n")
        for i in range(rows):
            out.append("    <tr>\n")
            out.extend(f'      <td id="T_{u}_row{i}_col{j}" class="data row{i} col{j}" >{shown[i][j]}</td>\n'
                       for j in range(cols))
            out.append("    </tr>\n")
        out.append("  </tbody>\n</table>\n")
        return "".join(out)


__all__ = ["LearnerTable", "styled_table"]
