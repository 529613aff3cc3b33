"""A parametric foot drawn from a handful of proportions (pure numpy, no matplotlib).

Why parametric: a chart drawn on one fixed foot teaches that feet look like that one. The
shape here is built from the parameters that vary most between people (Domjanić et al.
2013: arch height, length vs width, big-toe length, forefoot length) with defaults from
EVIDENCE.md (breadth about 38 % of the length, big-toe joint at 70–79 % of the length from
the heel), so a lesson can move a slider and show a flat foot, a high arch or a bunion.

Coordinates
-----------
*Canonical foot coordinates* are millimetres for one foot, the same for left and right:
``x`` grows from the medial (big-toe) side towards the lateral (little-toe) side, with
``x = 0`` at the inner edge of the big-toe joint; ``y`` grows from the back of the heel
(``y = 0``) towards the toes (``y = length`` at the tip of the longest toe). In the side
views (``medial``, ``lateral``) ``x`` is the distance along the foot from the heel and ``y`` the
height above the floor. Mirroring into a left or a right foot, and placing the feet side by
side, is the drawing's job (:mod:`foot_lib.drawing.chart`).

*Foot-relative coordinates* ``(u, v)`` are what the zone data uses, so one table fits every
shape: in the plantar and dorsal views ``u`` runs across the foot from 0 = medial edge to
1 = lateral edge at the height ``v``, and ``v`` runs from 0 = back of the heel to 1 = tip of
the longest toe. In the side views ``u`` is the height from the sole (0) to the top outline
(1) at ``v``. A shape may be *anchored* to a toe (``toe1`` … ``toe5``): its ``(u, v)`` are read on
the reference foot (:meth:`FootShape.reference`) and then carried along with that toe, so
toe zones follow when toe lengths or the big-toe angle change.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ..data.access import read_regular_file
from ..data.errors import DataError
from ..data.json_file import JsonDoc, decode_json

VIEWS = ("plantar", "dorsal", "medial", "lateral")
TOP_VIEWS = ("plantar", "dorsal")
SIDE_VIEWS = ("medial", "lateral")
ANCHORS = ("sole", "toe1", "toe2", "toe3", "toe4", "toe5")

#: Where each toe's tip lies (fraction of the foot length) for the three classic toe patterns.
#: Egyptian: the big toe is longest; Greek (Morton's toe): the second toe is longest;
#: square: the first two or three toes are about equally long.
TOE_PATTERNS: dict[str, tuple[float, float, float, float, float]] = {
    "egyptian": (1.0, 0.975, 0.945, 0.905, 0.86),
    "greek": (0.975, 1.0, 0.955, 0.91, 0.865),
    "square": (1.0, 0.995, 0.985, 0.925, 0.87),
}

# Layout of the five toes across the forefoot, as fractions of the breadth (centre, width),
# and how far each metatarsal head sits between the 1st and the 5th (0 = level with the 1st).
_TOE_CENTRE = (0.155, 0.405, 0.575, 0.725, 0.865)
_TOE_WIDTH = (0.31, 0.185, 0.17, 0.16, 0.15)
_MTP_BLEND = (0.0, -0.05, 0.2, 0.55, 1.0)
_TOE_FAN_DEG = (0.0, 0.0, 2.0, 5.0, 9.0)  # natural outward fan of toes 2-5
_DRIFT = (0.0, 0.45, 0.3, 0.18, 0.08)  # how much toes 2-5 drift with a bunion
_METATARSAL1_DEG = 10.0  # the big toe lines up with the foot's axis at this valgus angle
_SAMPLES = 601


def _pchip(xk: np.ndarray, yk: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Monotone cubic interpolation (Fritsch–Carlson): smooth outlines without overshoot."""
    xk = np.asarray(xk, float)
    yk = np.asarray(yk, float)
    x = np.asarray(x, float)
    h = np.diff(xk)
    delta = np.diff(yk) / h
    d = np.zeros_like(yk)
    d[0], d[-1] = delta[0], delta[-1]
    for k in range(1, len(xk) - 1):
        if delta[k - 1] * delta[k] > 0:
            w1 = 2 * h[k] + h[k - 1]
            w2 = h[k] + 2 * h[k - 1]
            d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k])
    i = np.clip(np.searchsorted(xk, x) - 1, 0, len(xk) - 2)
    t = (x - xk[i]) / h[i]
    t2, t3 = t * t, t * t * t
    return (
        (2 * t3 - 3 * t2 + 1) * yk[i]
        + (t3 - 2 * t2 + t) * h[i] * d[i]
        + (-2 * t3 + 3 * t2) * yk[i + 1]
        + (t3 - t2) * h[i] * d[i + 1]
    )


def next_vertex(a: np.ndarray) -> np.ndarray:
    """``a`` shifted by one along its first axis (row k holds row k + 1, the last the first):
    each polygon vertex's successor. Same values as rolling by -1 along axis 0 at a fraction of
    its cost, which showed up in profiles of a new foot shape (thousands of small polygons)."""
    return np.concatenate((a[1:], a[:1]))


def _slices(poly: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Leftmost and rightmost x where each horizontal line ``y`` crosses ``poly`` (NaN if none).

    An edge crosses the lines with ``min(y0, y1) <= y < max(y0, y1)``; for sorted ``ys`` (the
    outline's samples) that is one run of them, found by bisection, so only the few hundred
    (line, edge) pairs that cross are computed — not every line against every edge, which was
    most of the cost of a new foot shape's outline. Same arithmetic for each crossing.
    """
    p1 = next_vertex(poly)
    x0, y0, x1, y1 = poly[:, 0], poly[:, 1], p1[:, 0], p1[:, 1]
    if len(ys) > 1 and bool((ys[1:] < ys[:-1]).any()):
        return _slices_dense(poly, ys)
    first = np.searchsorted(ys, np.minimum(y0, y1), "left")
    counts = np.maximum(np.searchsorted(ys, np.maximum(y0, y1), "left") - first, 0)
    edge = np.repeat(np.arange(len(poly)), counts)
    line = np.arange(len(edge)) - np.repeat(np.cumsum(counts) - counts - first, counts)
    xs = x0[edge] + (ys[line] - y0[edge]) * (x1[edge] - x0[edge]) / (y1[edge] - y0[edge])
    lo = np.full(len(ys), np.inf)
    hi = np.full(len(ys), -np.inf)
    np.minimum.at(lo, line, xs)
    np.maximum.at(hi, line, xs)
    lo[~np.isfinite(lo)] = np.nan
    hi[~np.isfinite(hi)] = np.nan
    return lo, hi


def _slices_dense(poly: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_slices` for any ``ys`` (every line against every edge)."""
    p0 = poly
    p1 = next_vertex(poly)
    y0, y1 = p0[:, 1][None, :], p1[:, 1][None, :]
    x0, x1 = p0[:, 0][None, :], p1[:, 0][None, :]
    yy = ys[:, None]
    hit = ((y0 <= yy) & (yy < y1)) | ((y1 <= yy) & (yy < y0))
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x0 + (yy - y0) * (x1 - x0) / (y1 - y0)
    lo = np.where(hit, xs, np.inf).min(axis=1)
    hi = np.where(hit, xs, -np.inf).max(axis=1)
    lo[~np.isfinite(lo)] = np.nan
    hi[~np.isfinite(hi)] = np.nan
    return lo, hi


def points_in_polygon(points: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Even–odd rule: which of ``points`` (N×2) lie inside the closed polygon ``poly`` (M×2).

    Why not ``matplotlib.path.Path.contains_points`` (a little quicker): the geometry layer
    does not import matplotlib, so point lookups work without it. The tests check this
    function against matplotlib's on random points. Points on the boundary follow a
    half-open rule (a point on an edge shared by two adjacent polygons belongs to exactly
    one of them), which matplotlib leaves unspecified.

    Only points inside the polygon's bounding box are tested, and a ray crossing is computed
    only for the edges that straddle a point's height, so large batches stay cheap.
    """
    pts = np.atleast_2d(np.asarray(points, float))
    poly = np.asarray(poly, float)
    inside = np.zeros(len(pts), bool)
    if len(pts) == 0 or len(poly) < 3:
        return inside
    lo, hi = poly.min(axis=0), poly.max(axis=0)
    candidates = np.flatnonzero(
        (pts[:, 0] >= lo[0]) & (pts[:, 0] <= hi[0]) & (pts[:, 1] >= lo[1]) & (pts[:, 1] <= hi[1])
    )
    if candidates.size == 0:
        return inside
    px, py = pts[candidates, 0], pts[candidates, 1]
    x0, y0 = poly[:, 0], poly[:, 1]
    x1, y1 = next_vertex(x0), next_vertex(y0)
    # (point, edge) pairs whose edge crosses the point's height (one end above, one not)
    i, j = np.nonzero((y0[None, :] > py[:, None]) != (y1[None, :] > py[:, None]))
    xcross = x0[j] + (py[i] - y0[j]) * (x1[j] - x0[j]) / (y1[j] - y0[j])
    crossings = np.bincount(i[px[i] < xcross], minlength=candidates.size)
    inside[candidates] = crossings % 2 == 1
    return inside



def grid_in_polygon(xs: np.ndarray, ys: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Which points of the grid ``xs`` × ``ys`` lie inside ``poly``: a ``len(ys)`` × ``len(xs)``
    array, row ``j`` for height ``ys[j]`` — exactly :func:`points_in_polygon` of the grid's points.
    ``xs`` must be sorted (ascending), as a grid's columns are.

    Why a second function: the chart's label layout asks this of a grid of candidate spots in
    every area of a new foot shape. A row of the grid shares its height, so the edges it
    crosses and where it crosses them are found once per row rather than once per point (the
    same arithmetic, so the same answer on every boundary); a crossing at ``x`` then counts for
    the run of columns left of it, found by bisection, and a running sum adds those up.
    """
    xs, ys, poly = np.asarray(xs, float), np.asarray(ys, float), np.asarray(poly, float)
    inside = np.zeros((len(ys), len(xs)), bool)
    if len(poly) < 3 or not len(xs) or not len(ys):
        return inside
    x0, y0 = poly[:, 0], poly[:, 1]
    x1, y1 = next_vertex(x0), next_vertex(y0)
    row, edge = np.nonzero((y0[None, :] > ys[:, None]) != (y1[None, :] > ys[:, None]))
    if not len(row):
        return inside
    xcross = x0[edge] + (ys[row] - y0[edge]) * (x1[edge] - x0[edge]) / (y1[edge] - y0[edge])
    # columns 0 .. k-1 have xs < xcross: +1 from column 0, -1 from column k, then a running sum
    steps = np.zeros((len(ys), len(xs) + 1), np.int64)
    steps[:, 0] = np.bincount(row, minlength=len(ys))
    np.add.at(steps, (row, np.searchsorted(xs, xcross, "left")), -1)
    inside[...] = np.cumsum(steps[:, :-1], axis=1) % 2 == 1
    return inside


@dataclass(frozen=True)
class Toe:
    """One toe's frame: the joint it turns about, its direction, width and length (mm)."""

    joint: tuple[float, float]
    angle: float  # radians; positive turns the tip towards the lateral side
    width: float
    length: float

    @property
    def axis(self) -> np.ndarray:
        return np.array([math.sin(self.angle), math.cos(self.angle)])

    @property
    def normal(self) -> np.ndarray:
        return np.array([math.cos(self.angle), -math.sin(self.angle)])

    def to_xy(self, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Toe-relative (s across in widths, t along in lengths) → canonical x, y."""
        o = np.array(self.joint)
        return o + np.outer(s * self.width, self.normal) + np.outer(t * self.length, self.axis)

    def to_st(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d = np.atleast_2d(xy) - np.array(self.joint)
        return d @ self.normal / self.width, d @ self.axis / self.length


@dataclass(frozen=True)
class FootShape:
    """A foot outline described by a few proportions; left and right are mirror images.

    Parameters (defaults follow EVIDENCE.md's proportions; ``data/foot_shape.json`` holds the
    defaults a teacher can change, see :meth:`from_course`):

    length
        Heel to the tip of the longest toe, in millimetres.
    width_ratio
        Forefoot breadth (big-toe joint to little-toe joint) as a fraction of the length.
    arch
        0 = flat foot (the whole sole touches the floor) … 1 = high arch (only a thin outer
        band of the midfoot touches). Changes the footprint, the inner edge and the side view.
    toe_pattern
        ``egyptian``, ``greek`` or ``square`` — which toes are longest.
    hallux_angle
        Angle between the big toe and its metatarsal, in degrees (about 10° is typical;
        clinically, angles above about 15° are usually called hallux valgus). Larger angles
        turn the big toe towards the little toes and show a bunion at the joint.
    mtp1, mtp5
        Distance of the 1st and 5th metatarsophalangeal joints from the heel, as fractions of
        the length (EVIDENCE.md: the 1st at 70–79 %, the 5th further back).
    heel_ratio
        Heel width as a fraction of the forefoot breadth.
    """

    length: float = 250.0
    width_ratio: float = 0.38
    arch: float = 0.5
    toe_pattern: str = "egyptian"
    hallux_angle: float = 10.0
    mtp1: float = 0.73
    mtp5: float = 0.63
    heel_ratio: float = 0.66

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    # -- construction ---------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Human-readable reasons the parameters cannot make a foot (empty when fine)."""
        out = []
        if not 100 <= self.length <= 400:
            out.append(f"length {self.length} mm is outside 100..400")
        if not 0.28 <= self.width_ratio <= 0.5:
            out.append(f"width_ratio {self.width_ratio} is outside 0.28..0.5")
        if not 0.0 <= self.arch <= 1.0:
            out.append(f"arch {self.arch} is outside 0..1")
        if self.toe_pattern not in TOE_PATTERNS:
            out.append(f"toe_pattern {self.toe_pattern!r} is not one of {', '.join(TOE_PATTERNS)}")
        if not 0.0 <= self.hallux_angle <= 45.0:
            out.append(f"hallux_angle {self.hallux_angle} is outside 0..45 degrees")
        if not 0.66 <= self.mtp1 <= 0.8:
            out.append(f"mtp1 {self.mtp1} is outside 0.66..0.80")
        if not 0.58 <= self.mtp5 <= self.mtp1 - 0.03:
            out.append(f"mtp5 {self.mtp5} must be in 0.58..(mtp1 - 0.03)")
        if not 0.5 <= self.heel_ratio <= 0.8:
            out.append(f"heel_ratio {self.heel_ratio} is outside 0.5..0.8")
        return out

    def replace(self, **changes: Any) -> FootShape:
        """A copy with some parameters changed (the shape itself is immutable)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def reference(cls) -> FootShape:
        """The fixed foot that toe-anchored zone shapes are written on (built-in defaults)."""
        return _REFERENCE

    @classmethod
    def from_json(cls, path: str | Path) -> FootShape:
        """Read parameters from a JSON file; bad values raise a located :class:`DataError`.

        The file is read like every data file: a regular file of sensible size, decoded and
        checked before use (a folder, a pipe or bad bytes give a DataError, never a hang).
        """
        path = Path(path)
        where = f"{path.parent.name}/{path.name}"
        raw = read_regular_file(path, where, missing="file not found")
        return cls.from_doc(decode_json(raw, where))

    @classmethod
    def from_doc(cls, doc: JsonDoc) -> FootShape:
        """Parameters from a decoded ``foot_shape.json`` (see :mod:`foot_lib.data.json_file`)."""
        raw, text, where = doc.value, doc.text, doc.where
        params = raw.get("parameters", raw) if isinstance(raw, dict) else None
        if not isinstance(params, dict):
            raise DataError("expected an object with a 'parameters' object", file=where, line=1,
                            column="parameters")
        known = {f.name: f for f in fields(cls)}

        def line_of(key: str) -> int:
            for number, line in enumerate(text.splitlines(), start=1):
                if f'"{key}"' in line:
                    return number
            return 1

        values: dict[str, Any] = {}
        for key, value in params.items():
            if key not in known:
                raise DataError(f"unknown parameter; expected one of: {', '.join(known)}",
                                file=where, line=line_of(key), column=key)
            if key == "toe_pattern":
                if not isinstance(value, str):
                    raise DataError(f"expected text such as 'egyptian', got {value!r}", file=where,
                                    line=line_of(key), column=key)
                values[key] = value
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise DataError(f"expected a number, got {value!r}", file=where, line=line_of(key),
                                column=key)
            else:
                values[key] = float(value)
        probe = object.__new__(cls)
        for f in fields(cls):
            object.__setattr__(probe, f.name, values.get(f.name, f.default))
        for problem in probe.problems():
            key = problem.split()[0]
            raise DataError(problem, file=where, line=line_of(key), column=key)
        return cls(**values)

    @classmethod
    def from_course(cls, course: Any) -> FootShape:
        """The course's default foot: ``foot_shape.json`` in its data folder, else built-ins.

        The loader has already read and decoded the file safely (``course.json_files``), so
        this never touches the disk; the check of the zone shapes calls it at load time, so a
        bad file is reported when the course loads, not when the first chart is drawn.
        """
        doc = getattr(course, "json_files", {}).get("foot_shape.json")
        if doc is None:
            return cls()
        cached = _FROM_FILE.get(id(doc))
        if cached is None or cached[0] is not doc:
            cached = _FROM_FILE[id(doc)] = (doc, cls.from_doc(doc))
        return cached[1]

    # -- derived measurements -------------------------------------------------------------
    @property
    def breadth(self) -> float:
        """Forefoot breadth in mm (big-toe joint to little-toe joint)."""
        return self.width_ratio * self.length

    @property
    def hallux_valgus(self) -> bool:
        """True when the big-toe angle is in the range usually called hallux valgus (> 15°)."""
        return self.hallux_angle > 15.0

    @cached_property
    def _mtp(self) -> np.ndarray:
        return np.array([self.mtp1 + (self.mtp5 - self.mtp1) * b for b in _MTP_BLEND])

    @cached_property
    def toes(self) -> tuple[Toe, ...]:
        """The five toes, big toe first."""
        L, B = self.length, self.breadth
        tips = TOE_PATTERNS[self.toe_pattern]
        drift = max(0.0, self.hallux_angle - _METATARSAL1_DEG)
        out = []
        for i in range(5):
            joint = (_TOE_CENTRE[i] * B, self._mtp[i] * L)
            ref_angle = math.radians(_TOE_FAN_DEG[i])
            length = (tips[i] - self._mtp[i]) * L / math.cos(ref_angle)
            if i == 0:
                angle = math.radians(self.hallux_angle - _METATARSAL1_DEG)
            else:
                angle = ref_angle + math.radians(_DRIFT[i] * drift)
            width = _TOE_WIDTH[i] * B
            # The visible toe ends in a round cap; keep the joint-to-tip length as computed.
            out.append(Toe(joint=joint, angle=angle, width=width, length=length))
        return tuple(out)

    @cached_property
    def _heel(self) -> tuple[float, float, float]:
        B = self.breadth
        width = self.heel_ratio * B
        centre = 0.45 * B
        return centre, width, width / 2

    # -- outlines (canonical coordinates) ---------------------------------------------------
    @cached_property
    def _body(self) -> np.ndarray:
        L, B = self.length, self.breadth
        hc, hw, rh = self._heel
        concave = 0.10 * B * self.arch
        bunion = 0.006 * B * max(0.0, self.hallux_angle - 12.0)
        base = self._mtp + 0.05
        b5x = math.sqrt(max(B**2 - ((self.mtp1 - self.mtp5) * L) ** 2, (0.8 * B) ** 2))
        # inner edge, from the heel to the front of the ball
        my = np.array([rh, 0.30 * L, 0.45 * L, 0.60 * L, self.mtp1 * L, base[0] * L])
        mx = np.array([hc - hw / 2, hc - hw / 2 - 0.01 * B + 0.5 * concave, 0.07 * B + concave,
                       0.02 * B + 0.3 * concave, -bunion, 0.015 * B])
        ly = np.array([rh, 0.35 * L, 0.50 * L, self.mtp5 * L, base[4] * L])
        lx = np.array([hc + hw / 2, hc + hw / 2 + 0.06 * B, 0.93 * B, b5x, b5x - 0.03 * B])
        ys_m = np.linspace(my[0], my[-1], 60)
        ys_l = np.linspace(ly[0], ly[-1], 50)
        medial = np.column_stack([_pchip(my, mx, ys_m), ys_m])
        lateral = np.column_stack([_pchip(ly, lx, ys_l), ys_l])
        # heel cap: lateral → back → medial
        a = np.linspace(0.0, -math.pi, 40)
        heel = np.column_stack([hc + hw / 2 * np.cos(a), rh + rh * np.sin(a)])
        # front edge through the base corners of the toes, medial → lateral, so the toes
        # join the ball without a seam (the gaps between corners are the webs)
        front = np.vstack([t.to_xy(np.array([-0.5, 0.5]), np.full(2, self._toe_base_t(i)))
                           for i, t in enumerate(self.toes)])
        medial[-1] = front[0]
        lateral[-1] = front[-1]
        # counter-clockwise: heel (lateral → back → medial), inner edge up, front, outer edge down
        ring = np.vstack([heel, medial[1:-1], front, lateral[::-1][1:-1]])
        start = len(heel) + len(medial) - 2
        # the visible edge skips the front (hidden under the toes): front end → outer edge →
        # heel → inner edge → front start
        self.__dict__["_body_edge"] = np.vstack([ring[start + len(front) - 1:], ring[: start + 1]])
        return ring

    def _toe_base_t(self, i: int) -> float:
        """Where toe ``i`` leaves the ball, as a fraction of its joint-to-tip length."""
        return 0.05 * self.length / self.toes[i].length

    def _toe_outline(self, i: int, n: int = 18) -> np.ndarray:
        """Open outline of a toe: base corner, along one side, round the tip, back down."""
        toe = self.toes[i]
        half = 0.5
        cap = min(toe.width / 2 / toe.length, 0.45)  # cap radius as a fraction of the length
        a = np.linspace(0, math.pi, n)
        t0 = self._toe_base_t(i)
        s = np.concatenate([[half], half * np.cos(a), [-half]])
        t = np.concatenate([[t0], (1 - cap) + cap * np.sin(a), [t0]])
        return toe.to_xy(s, t)

    @cached_property
    def _top_parts(self) -> dict[str, np.ndarray]:
        parts = {"body": self._body}
        for i in range(5):
            parts[f"toe{i + 1}"] = self._toe_outline(i)
        return parts

    @cached_property
    def _side_medial(self) -> tuple[np.ndarray, int]:
        return self._side_outline("medial")

    @cached_property
    def _side_lateral(self) -> tuple[np.ndarray, int]:
        return self._side_outline("lateral")

    def _side(self, view: str) -> tuple[np.ndarray, int]:
        return self._side_medial if view == "medial" else self._side_lateral

    def _side_outline(self, view: str) -> tuple[np.ndarray, int]:
        """The side view's closed outline (mm) and the index where its leg cut begins.

        Why key points through a smooth curve: a foot seen from the side is not a function
        of the length (the heel bulges behind the Achilles tendon, the leg rises straight up),
        so the outline is traced round the foot — back of the leg, heel, sole, toe tip, top of
        the foot, front of the shin — through a centripetal Catmull-Rom spline, and closed by a
        straight cut across the leg that is not stroked.
        """
        L = self.length
        medial = view == "medial"
        lift = (0.006 + 0.06 * self.arch) * L if medial else (0.002 + 0.008 * self.arch) * L
        tip = 1.0
        m1 = self.mtp1  # the big toe's joint shapes the top line in both views
        leg = 0.5
        pts = [
            (0.09, leg), (0.088, 0.40), (0.078, 0.28), (0.062, 0.19), (0.042, 0.14),  # back of the leg, Achilles
            (0.016, 0.108), (0.0, 0.068), (0.003, 0.03), (0.024, 0.008), (0.06, 0.0),  # heel
            (0.17, 0.0),
        ]
        if medial:
            pts += [(0.27, 0.35), (0.42, 1.0), (0.57, 0.6), (m1 - 0.05, 0.08)]
        else:
            pts += [(0.30, 0.3), (0.42, 0.6), (0.5, 0.4), (m1 - 0.05, 0.08)]
        pts = [(v, z if k < 11 else z * lift / L) for k, (v, z) in enumerate(pts)]
        pts += [(m1, 0.0), (m1 + 0.06, 0.004), (m1 + 0.1, 0.012), (m1 + 0.14, 0.005), (tip - 0.05, 0.005),
                (tip - 0.012, 0.016), (tip, 0.036), (tip - 0.008, 0.058), (tip - 0.04, 0.072),
                (m1 + 0.12, 0.082), (m1 + 0.07, 0.098), (m1, 0.125), (0.6, 0.168), (0.5, 0.207),
                (0.42, 0.248), (0.37, 0.288), (0.345, 0.335), (0.335, 0.4), (0.335, leg)]
        key = np.array(pts, float) * L
        ring = _catmull_rom(key, 12)
        return ring, len(ring) - 1

    def _side_curves(self, view: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sample v, the lowest and the highest outline point of a side view at each v (mm).

        These envelopes define ``u`` in the side views (0 = sole, 1 = top outline at ``v``);
        cached per view because every zone placed in a side view reads them.
        """
        key = f"_curves_{view}"
        hit = self.__dict__.get(key)
        if hit is None:
            ring, _ = self._side(view)
            v = np.linspace(0.0, 1.0, _SAMPLES)
            lo, hi = _slices(ring[:, ::-1], v * self.length)
            valid = np.isfinite(lo) & np.isfinite(hi)
            idx = np.arange(_SAMPLES)
            nearest = np.interp(idx, idx[valid], idx[valid]).round().astype(int)
            hit = self.__dict__[key] = (v, lo[nearest], hi[nearest])
        return hit

    def parts(self, view: str = "plantar") -> dict[str, np.ndarray]:
        """Closed outline polygons of the foot in canonical coordinates, by part name.

        Plantar/dorsal: ``body`` plus ``toe1`` … ``toe5``; side views: one ``side`` polygon
        (foot with a short stub of the lower leg, so the ankle and Achilles can be shown).
        """
        _check_view(view)
        if view in TOP_VIEWS:
            return dict(self._top_parts)
        return {"side": self._side(view)[0]}

    def edges(self, view: str = "plantar") -> list[np.ndarray]:
        """Open polylines to stroke for the outline (no seams where the toes join the ball)."""
        _check_view(view)
        if view in TOP_VIEWS:
            self._body  # noqa: B018  (computes the edge too)
            outline = [self.__dict__["_body_edge"], *[self._top_parts[f"toe{i}"] for i in range(1, 6)]]
            return outline + (self.dorsal_details() if view == "dorsal" else [])
        ring, _cut = self._side(view)
        return [ring, *self.side_details(view)]

    def outline(self, view: str = "plantar") -> list[np.ndarray]:
        """The outline polygons of :meth:`parts` as a list."""
        return list(self.parts(view).values())

    def contains(self, xy: np.ndarray, view: str = "plantar", tolerance: float = 0.0) -> np.ndarray:
        """Which canonical points lie on the foot (inside any part) in ``view``."""
        pts = np.atleast_2d(np.asarray(xy, float))
        inside = np.zeros(len(pts), bool)
        for poly in self.parts(view).values():
            inside |= points_in_polygon(pts, poly)
        if tolerance > 0 and not inside.all():
            for poly in self.parts(view).values():
                inside |= _near_polygon(pts, poly, tolerance)
        return inside

    def extent(self, view: str = "plantar") -> tuple[float, float, float, float]:
        """xmin, xmax, ymin, ymax of the outline in canonical coordinates."""
        allpts = np.vstack(self.outline(view))
        return (float(allpts[:, 0].min()), float(allpts[:, 0].max()),
                float(allpts[:, 1].min()), float(allpts[:, 1].max()))

    # -- (u, v) → canonical -----------------------------------------------------------------
    @cached_property
    def _envelope(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ys = np.linspace(0.0, 1.0, _SAMPLES) * self.length
        lo = np.full(_SAMPLES, np.inf)
        hi = np.full(_SAMPLES, -np.inf)
        for poly in self._top_parts.values():
            a, b = _slices(poly, ys)
            lo = np.fmin(lo, a)
            hi = np.fmax(hi, b)
        hc = self._heel[0]
        # at the very ends there may be no crossing: collapse to the nearest valid slice
        valid = np.isfinite(lo) & np.isfinite(hi)
        idx = np.arange(_SAMPLES)
        nearest = np.interp(idx, idx[valid], idx[valid]).round().astype(int)
        lo, hi = lo[nearest], hi[nearest]
        lo[0] = hi[0] = hc
        return ys / self.length, lo, hi

    def uv_to_xy(self, uv: np.ndarray, view: str = "plantar", anchor: str = "sole") -> np.ndarray:
        """Map foot-relative ``(u, v)`` points (N×2) to canonical millimetres in ``view``.

        ``anchor='toeN'`` reads the points on the reference foot and carries them with toe N.
        """
        _check_view(view)
        uv = np.atleast_2d(np.asarray(uv, float))
        if anchor != "sole":
            if anchor not in ANCHORS:
                raise ValueError(f"unknown anchor {anchor!r}; expected one of {', '.join(ANCHORS)}")
            if view not in TOP_VIEWS:
                raise ValueError(f"toe anchors only apply to the plantar and dorsal views, not {view!r}")
            i = int(anchor[3]) - 1
            ref = self.reference()
            s, t = ref.toes[i].to_st(ref.uv_to_xy(uv, view, "sole"))
            return self.toes[i].to_xy(s, t)
        u, v = uv[:, 0], uv[:, 1]
        if view in TOP_VIEWS:
            vs, lo, hi = self._envelope
            xl = np.interp(v, vs, lo)
            xh = np.interp(v, vs, hi)
            return np.column_stack([xl + u * (xh - xl), v * self.length])
        vs, bottom, upper = self._side_curves(view)
        zb = np.interp(v, vs, bottom)
        zt = np.interp(v, vs, upper)
        return np.column_stack([v * self.length, zb + u * (zt - zb)])

    def xy_to_uv(self, xy: np.ndarray, view: str = "plantar") -> np.ndarray:
        """Inverse of the sole mapping: canonical points → ``(u, v)`` (may fall outside 0..1)."""
        _check_view(view)
        xy = np.atleast_2d(np.asarray(xy, float))
        v = xy[:, 1] / self.length if view in TOP_VIEWS else xy[:, 0] / self.length
        if view in TOP_VIEWS:
            vs, lo, hi = self._envelope
            xl, xh = np.interp(v, vs, lo), np.interp(v, vs, hi)
            u = (xy[:, 0] - xl) / np.maximum(xh - xl, 1e-9)
        else:
            vs, bottom, upper = self._side_curves(view)
            zb, zt = np.interp(v, vs, bottom), np.interp(v, vs, upper)
            u = (xy[:, 1] - zb) / np.maximum(zt - zb, 1e-9)
        return np.column_stack([u, v])

    # -- teaching extras ---------------------------------------------------------------------
    def footprint(self) -> list[np.ndarray]:
        """Polygons (canonical) of the part of the sole that touches the floor when standing.

        The midfoot's contact narrows towards the outer edge as the arch rises: a flat foot
        prints its whole sole, a high arch leaves only a thin outer band (or none).
        """
        v = np.linspace(0.0, float(np.mean(self._mtp[[0, 4]])) + 0.04, 80)
        hump = np.exp(-(((v - 0.45) / 0.13) ** 2))
        u_in = np.clip(0.03 + 0.97 * self.arch * hump * 1.05, 0.03, 0.97)
        u_out = np.full_like(v, 0.97)
        edge_in = self.uv_to_xy(np.column_stack([u_in, v]))
        edge_out = self.uv_to_xy(np.column_stack([u_out, v]))
        polys = []
        gap = u_in >= 0.96
        if gap.any():
            # the print splits into a heel part and a forefoot part
            first, last = np.argmax(gap), len(gap) - np.argmax(gap[::-1])
            for sl in (slice(0, first + 1), slice(last - 1, len(v))):
                polys.append(np.vstack([edge_in[sl], edge_out[sl][::-1]]))
        else:
            polys.append(np.vstack([edge_in, edge_out[::-1]]))
        a = np.linspace(0, 2 * math.pi, 24, endpoint=False)
        for toe in self.toes:
            s = 0.32 * np.cos(a)
            t = 0.8 + 0.12 * np.sin(a)
            polys.append(toe.to_xy(s, t))
        return polys

    def nails(self) -> list[np.ndarray]:
        """Toenail outlines (canonical) for the dorsal view."""
        out = []
        front = np.linspace(0, math.pi, 14)  # the free edge, following the round of the toe tip
        back = np.linspace(math.pi, 2 * math.pi, 8)  # a flatter curve where the nail meets the skin
        for toe in self.toes:
            cap = toe.width / 2 / toe.length  # the tip's radius, in toe lengths
            centre = 1 - cap
            s = np.concatenate([0.3 * np.cos(front), 0.3 * np.cos(back)])
            t = np.concatenate([centre + 0.6 * cap * np.sin(front), centre - 0.55 * cap + 0.25 * cap * np.sin(back)])
            out.append(toe.to_xy(s, t))
        return out

    def dorsal_details(self) -> list[np.ndarray]:
        """Inner lines of the top view (mm): the ankle's front crease and both ankle bones.

        Why: seen from above, the lower leg stands on the back half of the foot; the crease
        where it meets the instep and the two ankle bones tell a top view from a sole.
        """
        v = np.linspace(0.05, 0.95, 30)
        crease_v = 0.3 + 0.025 * np.sin(np.pi * v)  # bows towards the toes in the middle
        crease = self.uv_to_xy(np.column_stack([v, crease_v]), "dorsal")
        a = np.linspace(-0.5 * math.pi, 0.5 * math.pi, 16)
        inner = self.uv_to_xy(np.column_stack([0.06 + 0.07 * np.cos(a), 0.215 + 0.04 * np.sin(a)]), "dorsal")
        outer = self.uv_to_xy(np.column_stack([0.94 - 0.07 * np.cos(a), 0.19 + 0.04 * np.sin(a)]), "dorsal")
        return [crease, inner, outer]

    def side_details(self, view: str) -> list[np.ndarray]:
        """Inner lines of a side view (mm): the ankle bone, the toe nail, toe creases.

        Why: an outline alone reads as a boot; the ankle bone and the toes are what make a
        side view read as a foot.
        """
        L = self.length
        a = np.linspace(0, 2 * math.pi, 40)
        out = []
        if view == "medial":
            cx, cz, rx, rz = 0.2 * L, 0.29 * L, 0.042 * L, 0.036 * L
            m1 = self.mtp1
        else:
            cx, cz, rx, rz = 0.17 * L, 0.255 * L, 0.042 * L, 0.038 * L
            m1 = self.mtp5 + 0.02
        out.append(np.column_stack([cx + rx * np.cos(a), cz + rz * np.sin(a)]))
        vs, lo, hi = self._side_curves(view)
        def at(v: float, u: float) -> np.ndarray:
            zb, zt = np.interp(v, vs, lo), np.interp(v, vs, hi)
            return np.array([v * L, zb + u * (zt - zb)])
        # nail of the big toe (medial) or little toe (lateral)
        t = np.linspace(0, 1, 12)
        if view == "medial":
            nail = np.array([at(0.91 + 0.075 * k, 0.62 + 0.3 * math.sin(math.pi * k)) for k in t])
            out.append(nail)
            # the crease under the big toe and the toe's base
            out.append(np.array([at(m1 + 0.1, 0.0), at(m1 + 0.1, 0.28)]))
        else:
            # the tips of the little toe and of the toes behind it, each a little further forward
            tips = TOE_PATTERNS[self.toe_pattern]
            for k, (tip_v, top) in enumerate(zip(tips[4:0:-1], (0.62, 0.7, 0.78, 0.86), strict=True)):
                cap = np.array([at(tip_v - 0.045, top), at(tip_v - 0.012, top * 0.92), at(tip_v - 0.002, top * 0.5),
                                at(tip_v - 0.006, 0.08)])
                out.append(_catmull_rom(cap, 8))
                if k == 0:  # the little toe's base crease
                    out.append(np.array([at(m1 + 0.07, 0.0), at(m1 + 0.07, 0.3)]))
        return out

    def describe(self) -> str:
        """One sentence describing the shape, for alt text."""
        arch = "flat foot" if self.arch < 0.25 else "high arch" if self.arch > 0.75 else "medium arch"
        toes = {"egyptian": "big toe longest", "greek": "second toe longest",
                "square": "first toes about equal"}[self.toe_pattern]
        valgus = ", big toe turned towards the little toes (hallux valgus)" if self.hallux_valgus else ""
        return (f"{self.length:.0f} mm long, breadth {self.width_ratio:.0%} of the length, {arch}, "
                f"{toes}{valgus}")


def _catmull_rom(key: np.ndarray, n: int) -> np.ndarray:
    """Centripetal Catmull-Rom curve through ``key`` (K×2), ``n`` samples per span, ends kept."""
    p = np.vstack([2 * key[0] - key[1], key, 2 * key[-1] - key[-2]])
    out = [key[:1]]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        t0 = 0.0
        t1 = t0 + max(float(np.linalg.norm(p1 - p0)), 1e-9) ** 0.5
        t2 = t1 + max(float(np.linalg.norm(p2 - p1)), 1e-9) ** 0.5
        t3 = t2 + max(float(np.linalg.norm(p3 - p2)), 1e-9) ** 0.5
        t = np.linspace(t1, t2, n + 1)[1:, None]
        a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
        a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
        a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
        b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
        b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
        out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    return np.vstack(out)


def _near_polygon(pts: np.ndarray, poly: np.ndarray, tol: float) -> np.ndarray:
    a = poly
    b = next_vertex(poly)
    ab = b - a
    ap = pts[:, None, :] - a[None, :, :]
    denom = np.maximum((ab**2).sum(axis=1), 1e-12)
    t = np.clip((ap * ab[None]).sum(axis=2) / denom[None], 0, 1)
    closest = a[None] + t[..., None] * ab[None]
    dist = np.sqrt(((pts[:, None, :] - closest) ** 2).sum(axis=2)).min(axis=1)
    return dist <= tol


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")


_REFERENCE = FootShape()
_FROM_FILE: dict[int, tuple[Any, FootShape]] = {}  # id(JsonDoc) -> (doc, shape)
