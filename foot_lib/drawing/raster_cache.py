"""Images of static charts already drawn in this process, found again by what they show.

Why: a lesson, a Map menu or a presenter's "Large text" switch redraws charts it has drawn
before — same foot shape, view, map and size — and rasterising a chart's few hundred
polygons and labels cost more than everything else in building it. So once a chart's static
layer (everything but the overlay artists: highlight, fade, arrows, marker) has been
rasterised, its pixels are kept under a **fingerprint of what was drawn**: every static
artist's type, paths, colours, line widths, hatches, transforms and offsets, the figure's
size and dpi, and the few rcParams that change how Agg draws them. A later chart whose
fingerprint matches gets those pixels without drawing; any difference — another colour in
a teacher's table, a moved label, a new shape — is another fingerprint, so a stale image
cannot be shown. A figure holding any artist this module cannot describe completely (a
learner's own text, an Axes, path effects, a clip path) gets no fingerprint and is drawn as
usual.

The pixels are kept with the PNG encoder's compressed bands of the first image made from
them, so the new chart's first PNG re-deflates only the rows its overlays changed. Memory is
bounded (:data:`MAX_BYTES`); the oldest image is dropped first.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.collections import Collection
from matplotlib.patches import Rectangle

MAX_BYTES = 48 * 2**20
"""Pixels (and their compressed bands) kept per process: about six full two-foot charts."""

_RC_KEYS = ("path.simplify", "path.simplify_threshold", "path.snap", "agg.path.chunksize",
            "hatch.linewidth", "hatch.color", "lines.antialiased", "patch.antialiased")


@dataclass
class Raster:
    """A static layer's pixels (``rgba``, height × width × 4) and the encoder bands made with them."""

    rgba: np.ndarray
    bands: list[tuple[bytes, bytes, int, int]]

    @property
    def nbytes(self) -> int:
        return int(self.rgba.nbytes) + sum(len(b[0]) + len(b[1]) for b in self.bands)


_IMAGES: OrderedDict[bytes, Raster] = OrderedDict()


class _Unknown(Exception):
    """An artist this module cannot describe completely: no fingerprint, draw as usual."""


def _array(digest: Any, values: Any) -> None:
    arr = np.ascontiguousarray(np.asarray(values, dtype=float))
    digest.update(str(arr.shape).encode())
    digest.update(arr.tobytes())


def _transform(digest: Any, transform: Any) -> None:
    if transform is None:
        digest.update(b"none")
        return
    if not transform.is_affine:
        raise _Unknown("non-affine transform")
    _array(digest, transform.get_matrix())


def _common(digest: Any, artist: Any) -> None:
    if (artist.get_path_effects() or artist.get_agg_filter() is not None or artist.get_sketch_params() is not None
            or artist.get_clip_path() is not None or artist.get_rasterized()):
        raise _Unknown("effects or clipping")
    digest.update(repr((type(artist).__name__, artist.get_zorder(), artist.get_alpha(), artist.get_clip_on(),
                        artist.get_snap())).encode())
    box = artist.get_clip_box() if artist.get_clip_on() else None
    digest.update(b"nobox" if box is None else np.asarray(box.get_points(), float).tobytes())


def _collection(digest: Any, coll: Collection) -> None:
    _common(digest, coll)
    _transform(digest, coll.get_transform())
    _transform(digest, coll.get_offset_transform())
    _array(digest, coll.get_offsets())
    _array(digest, coll.get_facecolor())
    _array(digest, coll.get_edgecolor())
    _array(digest, coll.get_linewidth())
    sizes = coll.get_sizes() if hasattr(coll, "get_sizes") else None
    _array(digest, sizes if sizes is not None else ())
    digest.update(repr((coll.get_linestyle(), list(coll.get_antialiased()), coll.get_hatch(),
                        coll.get_capstyle(), coll.get_joinstyle(),
                        getattr(coll, "_hatch_color", None), getattr(coll, "_hatch_linewidth", None))).encode())
    paths: list[Any] = list(coll.get_paths())
    for path in paths:
        digest.update(path.vertices.tobytes())
        digest.update(b"c" if path.codes is None else path.codes.tobytes())
        digest.update(b"|")


def fingerprint(figure: Any, overlays: Iterable[Any]) -> bytes | None:
    """A digest of everything the figure draws except ``overlays``, or None if it cannot be described."""
    skip = {id(a) for a in overlays}
    _rc: Any = mpl.rcParams
    digest = hashlib.blake2b(digest_size=20)
    width, height = figure.canvas.get_width_height(physical=True)
    digest.update(repr((width, height, float(figure.dpi), [_rc[k] for k in _RC_KEYS])).encode())
    try:
        for artist in figure.get_children():
            if id(artist) in skip or not artist.get_visible():
                continue
            if isinstance(artist, Collection):
                _collection(digest, artist)
            elif isinstance(artist, Rectangle) and artist is figure.patch:
                _common(digest, artist)
                _array(digest, [*artist.get_facecolor(), *artist.get_edgecolor(), artist.get_linewidth()])
            else:
                raise _Unknown(type(artist).__name__)
    except _Unknown:
        return None
    return digest.digest()


def find(key: bytes | None) -> Raster | None:
    """The raster stored under ``key`` (and mark it recently used), or None."""
    if key is None:
        return None
    raster = _IMAGES.get(key)
    if raster is not None:
        _IMAGES.move_to_end(key)
    return raster


def store(key: bytes | None, raster: Raster) -> None:
    """Keep ``raster`` under ``key``, dropping the least recently used images beyond :data:`MAX_BYTES`."""
    if key is None or raster.nbytes > MAX_BYTES:
        return
    _IMAGES[key] = raster
    _IMAGES.move_to_end(key)
    total = sum(r.nbytes for r in _IMAGES.values())
    while total > MAX_BYTES and len(_IMAGES) > 1:
        _, dropped = _IMAGES.popitem(last=False)
        total -= dropped.nbytes


def clear() -> None:
    """Forget every stored image."""
    _IMAGES.clear()
