"""Sphinx extension for the course website: figures keep the alt text stored with them.

Lessons store each figure's description in the output's metadata (``{"image/png": {"alt": ...}}``),
which JupyterLab and GitHub use; myst-nb 1.x copies only width and height from there, so
without this the site's images would carry their file names as alt text. Loaded by
``tools/make_site.py``; the site build test checks every image has a real alt text.
"""

from __future__ import annotations

from typing import Any

from myst_nb.core.render import NbElementRenderer  # type: ignore[import-not-found]  # site env only

_render_image = NbElementRenderer.render_image


def _render_image_with_alt(self: NbElementRenderer, data: Any) -> list:
    nodes = _render_image(self, data)
    alt = data.output_metadata.get(data.mime_type, {}).get("alt")
    if alt:
        for node in nodes:
            node["alt"] = str(alt)
    return nodes


def setup(app: Any) -> dict:
    NbElementRenderer.render_image = _render_image_with_alt
    return {"parallel_read_safe": True, "parallel_write_safe": True}
