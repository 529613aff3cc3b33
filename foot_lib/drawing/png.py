"""The one way a figure becomes a PNG: :func:`figure_png` for any figure, :func:`canvas_png` for a
drawn Agg canvas (the charts' incremental path).

Why one module: lessons, widgets, routine cards and chart exports used to save PNGs each
their own way (dpi, metadata, compression). Now every path strips the software stamp by
default (same bytes on every machine), uses the same zlib level and decides cropping the
same way; only the dpi, which depends on where the image is shown, is the caller's choice.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

T = TypeVar("T")

PNG_METADATA: dict[str, str | None] = {"Software": None}
"""PNG text chunks: no software/version stamp, so the bytes do not change with matplotlib."""

COMPRESS_LEVEL = 3
"""zlib level for saved figures: about a third quicker than the default 6 and, on these
flat-coloured figures, no bigger."""

SCREEN_TEXT: dict[str, Any] = {"text.hinting": "no_hinting"}
"""Text settings for pictures shown on screen (not for exports that name their maker): glyphs
are drawn unhinted. At a lesson's 80 dpi they read the same (compared side by side on the
checklist page and the technique gallery), and matplotlib draws them in half the time — text
was most of the cost of those pictures. The charts' own labels are glyph outlines already.
"""


def figure_png(
    figure: Any, dpi: float, *, crop: bool | None = None, metadata: dict[str, str | None] | None = None
) -> bytes:
    """PNG bytes of a matplotlib figure at ``dpi``.

    ``crop`` (default: decide from the figure): figures laid out by subplots are cropped to
    their content (``bbox_inches="tight"``, as the inline backend does); figures whose layout
    is explicit — charts (no Axes at all) and panels placed with ``add_axes`` — are designed to
    fill their page and are saved as they are: cropping would draw them twice.
    ``metadata`` replaces :data:`PNG_METADATA` (a printable export names its maker).
    """
    if crop is None:
        crop = any(ax.get_subplotspec() is not None for ax in figure.axes)
    import matplotlib as mpl

    screen: Any = SCREEN_TEXT if metadata is None else {}
    with mpl.rc_context(screen):
        if not crop and metadata is None:
            return _drawn_png(figure, dpi)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if crop else None,
                       metadata=PNG_METADATA if metadata is None else metadata,
                       pil_kwargs={"compress_level": COMPRESS_LEVEL})
        return buffer.getvalue()



def _drawn_png(figure: Any, dpi: float) -> bytes:
    """The figure drawn by Agg at ``dpi`` and written by :class:`PngEncoder`: the pixels
    ``savefig`` draws, in a smaller file (RGB when opaque) made in about a third of the time.

    Why: every picture a lesson shows came through ``savefig``, whose PNG writer (RGBA,
    adaptive filters) cost more than drawing many of them. The figure keeps its own canvas
    and dpi (both are put back), as with ``savefig``.
    """
    canvas, old_dpi = figure.canvas, figure.dpi
    agg = FigureCanvasAgg(figure)
    try:
        figure.dpi = dpi
        agg.draw()
        return PngEncoder().encode(np.asarray(agg.buffer_rgba()))
    finally:
        figure.dpi = old_dpi
        figure.set_canvas(canvas)

_PNG_BAND = 32  # rows per independently compressed band
_ADLER_BASE = 65521


def _adler32_combine(a1: int, a2: int, len2: int) -> int:
    """Adler-32 of A+B from those of A and B (zlib's ``adler32_combine``, not exposed in Python)."""
    rem = len2 % _ADLER_BASE
    lo1, hi1, lo2, hi2 = a1 & 0xFFFF, a1 >> 16, a2 & 0xFFFF, a2 >> 16
    lo = (lo1 + lo2 - 1) % _ADLER_BASE
    hi = (rem * lo1 + hi1 + hi2 - rem) % _ADLER_BASE
    return lo | (hi << 16)


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


_TWO_LANES = (os.cpu_count() or 1) > 1
_LANE_MIN = 6  # bands: below this a second thread costs more than it saves


def _in_two(work: Callable[[list[T]], None], jobs: list[T]) -> None:
    """``work(jobs)``, the second half in a helper thread when there is a second core.

    Why: the first image of a new chart deflates every band (about 2.6 MB of rows), and zlib
    and numpy's copies release the GIL, so two cores take about half the time. Each band is
    compressed on its own either way, so the bytes are the same with one thread or two.
    """
    if not _TWO_LANES or len(jobs) < _LANE_MIN:
        work(jobs)
        return
    half = len(jobs) // 2
    errors: list[BaseException] = []

    def second() -> None:
        try:
            work(jobs[half:])
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    helper = threading.Thread(target=second, name="png-deflate", daemon=True)
    helper.start()
    try:
        work(jobs[:half])
    finally:
        helper.join()
    if errors:
        raise errors[0]


class PngEncoder:
    """Lossless PNG writer for Agg canvases that re-compresses only the rows that changed.

    Why: on a chart, encoding the PNG costs more than drawing the overlay artists. The image is
    cut into bands of rows; each band is deflated on its own (no filter, zlib level 1, ending
    with a sync flush so bands can be concatenated) and kept with its raw bytes, so the next
    frame of the same canvas — a new highlight, arrow or marker — only deflates the bands whose
    pixels differ. Opaque images are written as RGB (a quarter less data than RGBA); pixels are
    exactly those of the canvas either way. A fresh encoder (nothing cached) is what a one-off
    render, e.g. a blank figure, pays.
    """

    def __init__(self) -> None:
        self._key: tuple[int, int, int] | None = None
        # per band: (RGBA pixels, deflated rows, adler32 of the rows, length of the rows)
        self._bands: list[tuple[bytes, bytes, int, int]] = []

    @property
    def bands(self) -> list[tuple[bytes, bytes, int, int]]:
        """The bands of the last image (immutable tuples: safe to hand to another encoder)."""
        return self._bands

    def seed(self, rgba_shape: tuple[int, ...], bands: list[tuple[bytes, bytes, int, int]]) -> None:
        """Start from another encoder's bands of an image of ``rgba_shape`` (height, width, 4).

        Why: a chart whose static layer was rasterised before (see :mod:`.raster_cache`) gets
        that image's compressed bands too, so its first PNG deflates only the rows that differ.
        Bands are reused only where the pixels are byte-for-byte the same, so a seed can never
        change the output, only its cost. Opaque and transparent images are told apart by the
        band length.
        """
        if not bands:
            return
        h, w = int(rgba_shape[0]), int(rgba_shape[1])
        n = min(_PNG_BAND, h)
        channels = (bands[0][3] // n - 1) // w
        self._key, self._bands = (h, w, channels), list(bands)

    def encode(self, rgba: np.ndarray) -> bytes:
        h, w = rgba.shape[:2]
        opaque = bool(rgba[:, :, 3].min() == 255)
        channels = 3 if opaque else 4
        key = (h, w, channels)
        old = self._bands if key == self._key else []
        flat = rgba.reshape(h, 4 * w)
        bands: list[tuple[bytes, bytes, int, int] | None] = []
        todo: list[tuple[int, bytes]] = []
        for k, start in enumerate(range(0, h, _PNG_BAND)):
            pixels = flat[start:start + _PNG_BAND].tobytes()  # cheap to compare; skips unchanged bands
            if k < len(old) and old[k][0] == pixels:
                bands.append(old[k])
            else:
                bands.append(None)
                todo.append((k, pixels))

        def deflate(jobs: list[tuple[int, bytes]]) -> None:
            for k, pixels in jobs:
                start = k * _PNG_BAND
                n = min(_PNG_BAND, h - start)
                rows = np.empty((n, 1 + channels * w), np.uint8)
                rows[:, 0] = 0  # filter type None: flat chart colours deflate well without one
                # One channel at a time: numpy copies single bytes at a stride quickly, but a
                # 3-byte inner run (RGBA -> RGB in one assignment) about eight times slower.
                target = rows[:, 1:].reshape(n, w, channels)
                for c in range(channels):
                    target[:, :, c] = rgba[start:start + n, :, c]
                raw = rows.data  # zlib reads the array's own buffer (a memoryview): no copy to bytes
                comp = zlib.compressobj(1, zlib.DEFLATED, -15)
                bands[k] = (pixels, comp.compress(raw) + comp.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(raw),
                            rows.size)

        _in_two(deflate, todo)
        done = [b for b in bands if b is not None]  # deflate filled every gap (or raised)
        self._key, self._bands = key, done
        adler = 1
        for _, _, a, length in done:
            adler = _adler32_combine(adler, a, length)
        final = zlib.compressobj(1, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # empty last block
        idat = b"".join((b"\x78\x01", *(b[1] for b in done), final, struct.pack(">I", adler)))
        header = struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)
        return b"".join((b"\x89PNG\r\n\x1a\n", _png_chunk(b"IHDR", header), _png_chunk(b"IDAT", idat),
                         _png_chunk(b"IEND", b"")))


def canvas_png(canvas: FigureCanvasAgg, encoder: PngEncoder | None = None) -> bytes:
    """PNG bytes of an Agg canvas that has been drawn — the one encoder every chart image uses.

    Benchmarks render their blank reference figure through this too, so ratios compare like
    with like.
    """
    return (encoder or PngEncoder()).encode(np.asarray(canvas.buffer_rgba()))
