"""How charts look: colours, line widths and text sizes, and the checks that keep them readable.

Two themes: ``normal`` (lesson figures, handouts) and ``large`` (the presenter's "Large text /
high contrast": bigger text inside the figure, opaque fills, black borders, hatches on).
The body-system colours come from ``body_systems.csv`` (a colour-blind-safe palette, see its
schema); this module only blends them onto the skin and measures the result.

Why measured and not just chosen: a pale fill on a pale skin colour vanishes on a projector
or a cheap printer. :func:`contrast_ratio` (WCAG 2 relative luminance) and
:func:`simulate_cvd` (Machado et al. 2009, full-severity protan, deutan and tritan
matrices) let the tests hold every fill against the skin and against the others, as drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

SKIN = "#F7F1EA"
PRINT_COLOUR = "#E4D9CC"
OUTLINE = "#4D4D4D"
# Paul Tol's 'bright' orange for highlighted areas; Okabe–Ito blue for stroke arrows.
HIGHLIGHT_FILL = "#EE7733"
HIGHLIGHT_EDGE = "#000000"
ARROW_COLOUR = "#0077BB"
UNCOLOURED = "#BBBBBB"


@dataclass(frozen=True)
class ChartStyle:
    """Every size and colour choice a chart makes that is not course data.

    Sizes are in points, so they stay readable whatever the figure's size; ``scale``
    multiplies every text size (the large theme's 1.45 makes 9 pt call-out names 13 pt).
    """

    name: str = "normal"
    scale: float = 1.0
    skin: str = SKIN
    fill_alpha: float = 0.9
    area_edge: str = "#333333"
    area_edge_width: float = 0.7
    outline_width: float = 1.2
    hatches: bool = False
    callout_size: float = 8.0  # numbers in the discs
    legend_size: float = 9.0  # names beside each foot
    system_size: float = 8.5  # body-system legend under the feet
    title_size: float = 12.0
    foot_size: float = 9.5  # "LEFT FOOT" / "RIGHT FOOT"
    guide_size: float = 7.0

    def size(self, which: str) -> float:
        return getattr(self, f"{which}_size") * self.scale


NORMAL = ChartStyle()
LARGE = ChartStyle(name="large", scale=1.45, skin="#FFFFFF", fill_alpha=1.0, area_edge="#000000",
                   area_edge_width=1.2, outline_width=2.0, hatches=True)
THEMES = {"normal": NORMAL, "large": LARGE}


def chart_style(style: str | ChartStyle | None = None, *, hatches: bool | None = None) -> ChartStyle:
    """A :class:`ChartStyle` from a theme name (``normal`` / ``large``) or a style."""
    if style is None:
        style = NORMAL
    elif isinstance(style, str):
        if style not in THEMES:
            raise ValueError(f"unknown chart style {style!r}; expected one of {', '.join(THEMES)}")
        style = THEMES[style]
    if hatches is not None and hatches != style.hatches:
        style = replace(style, hatches=hatches or style.name == "large")
    return style


# -- measuring colours -----------------------------------------------------------------------
def _rgb(colour: str) -> np.ndarray:
    h = colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], float) / 255


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _gamma(c: np.ndarray) -> np.ndarray:
    c = np.clip(c, 0, 1)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def blend(colour: str, alpha: float, background: str) -> np.ndarray:
    """The sRGB colour (0..1) a fill of ``colour`` at ``alpha`` shows on ``background``."""
    return alpha * _rgb(colour) + (1 - alpha) * _rgb(background)


def relative_luminance(rgb: np.ndarray | str) -> float:
    c = _rgb(rgb) if isinstance(rgb, str) else np.asarray(rgb, float)
    return float(_linear(c) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(a: np.ndarray | str, b: np.ndarray | str) -> float:
    """WCAG 2 contrast ratio between two colours (1 = identical, 21 = black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)))
    return (lb + 0.05) / (la + 0.05)


_CVD = {  # Machado, Oliveira & Fernandes 2009, severity 1.0, on linear RGB
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}
VISION = ("normal", *_CVD)


def simulate_cvd(rgb: np.ndarray, kind: str) -> np.ndarray:
    """How an sRGB colour (0..1) looks with a colour-vision deficiency ('normal' = unchanged)."""
    if kind == "normal":
        return np.asarray(rgb, float)
    return _gamma(_CVD[kind] @ _linear(np.asarray(rgb, float)))


def delta_e(a: np.ndarray, b: np.ndarray) -> float:
    """CIE 1976 colour difference of two sRGB colours (about 2 = just noticeable)."""
    def lab(c: np.ndarray) -> np.ndarray:
        m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        xyz = (m @ _linear(c)) / np.array([0.9505, 1.0, 1.089])
        f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    return float(np.linalg.norm(lab(np.asarray(a, float)) - lab(np.asarray(b, float))))
