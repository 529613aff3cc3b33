"""Static snapshots of the course's widgets, for reading a lesson without a kernel.

Why: a widget's stored output is only a reference to a live model (plus a code-like text
repr such as ``VBox(children=(HTML(...``). GitHub, a static website, or JupyterLab before the
lesson runs cannot show it. So each course widget's ``_repr_mimebundle_`` returns the widget's
own bundle (JupyterLab and Voilà still show the live widget) plus a ``text/html`` rendering
of what it shows — which every viewer without a kernel displays — and a short ``text/plain``.

Snapshots must be stable under nbval (it compares ``text/html``): no ids, addresses or
timestamps; inline PNGs are identical between runs (and sanitized by the test settings).
"""

from __future__ import annotations

import base64
import html
from typing import Any

SNAPSHOT_CLASS = "foot-snapshot"
RUN_NOTE = "This is a picture of the tool as it starts. Run the lesson to use it: {what}."


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def png_img(png: bytes, alt: str, width: int | None = None) -> str:
    """An inline ``<img>`` with its alt text (the same text the live widget shows as caption)."""
    data = base64.b64encode(png).decode("ascii")
    size = f' width="{int(width)}"' if width else ""
    return f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}"{size} style="max-width:100%;height:auto">'


def figure(png: bytes | None, alt: str, caption: str = "", width: int | None = None) -> str:
    """A picture with a visible caption (the alt text unless ``caption`` says otherwise)."""
    if not png:
        return ""
    shown = caption or esc(alt)
    return (f'<figure style="margin:6px 0">{png_img(png, alt, width)}'
            f'<figcaption><small>{shown}</small></figcaption></figure>')


def run_note(what: str) -> str:
    return f'<p><em>{esc(RUN_NOTE.format(what=what))}</em></p>'


def wrap(body: str, kind: str) -> str:
    return f'<div class="{SNAPSHOT_CLASS} {SNAPSHOT_CLASS}-{kind}">{body}</div>'


def with_snapshot(widget_bundle: Any, snapshot_html: str, text: str, kind: str) -> dict[str, Any]:
    """The widget's mime bundle plus the snapshot (``text/html``) and a short ``text/plain``.

    ``widget_bundle`` is what the ipywidgets object returned (a dict, or a (data, metadata)
    pair); its widget view is kept so live front-ends still render the widget.
    """
    metadata = None
    if isinstance(widget_bundle, tuple):
        widget_bundle, metadata = widget_bundle
    data = dict(widget_bundle or {})
    data["text/html"] = wrap(snapshot_html, kind)
    data["text/plain"] = text
    return (data, metadata) if metadata else data  # type: ignore[return-value]


__all__ = ["esc", "figure", "png_img", "run_note", "with_snapshot", "wrap"]
