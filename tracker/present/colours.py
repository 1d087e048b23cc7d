"""Colour arithmetic for legible status colours: WCAG contrast, the text colour to write on a
fill, and how a colour looks with the common colour-vision deficiencies (Machado, Oliveira
and Fernandes 2009, severity 1), compared by CIEDE2000 colour difference."""

from __future__ import annotations

import math
from typing import Literal

Deficiency = Literal["normal", "protanopia", "deuteranopia", "tritanopia"]
DEFICIENCIES: tuple[Deficiency, ...] = ("normal", "protanopia", "deuteranopia", "tritanopia")
BLACK = "#000000"
WHITE = "#FFFFFF"
# WCAG 2 AA for normal text.
MIN_CONTRAST = 4.5

# Machado et al. 2009, severity 1.0, applied to linear RGB.
_MACHADO: dict[Deficiency, tuple[tuple[float, float, float], ...]] = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

RGB = tuple[float, float, float]


def _channels(colour: str) -> RGB:
    """'#RRGGBB' as three numbers from 0 to 1."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a colour of the form #RRGGBB: {colour!r}")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _encoded(channel: float) -> float:
    channel = min(1.0, max(0.0, channel))
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def luminance(colour: str) -> float:
    """WCAG relative luminance."""
    red, green, blue = (_linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def simulate(colour: str, deficiency: Deficiency) -> str:
    """How `colour` looks with `deficiency`, as '#RRGGBB'."""
    linear = [_linear(c) for c in _channels(colour)]
    rows = _MACHADO[deficiency]
    mixed = [sum(weight * value for weight, value in zip(row, linear, strict=True)) for row in rows]
    return "#" + "".join(f"{round(_encoded(c) * 255):02X}" for c in mixed)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65)."""
    red, green, blue = (_linear(c) for c in _channels(colour))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(first: str, second: str) -> float:
    """CIEDE2000 colour difference (about 2.3 is just noticeable; 10 and more is plainly
    another colour)."""
    return _ciede2000(_lab(first), _lab(second))


def _ciede2000(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360
    h2 = math.degrees(math.atan2(b2, a2)) % 360
    dl, dc = l2 - l1, c2 - c1
    dh = 0.0 if c1 * c2 == 0 else h2 - h1
    if dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_bar = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_bar
    s_h = 1 + 0.015 * c_bar * t
    rotation = -2 * math.sqrt(c_bar**7 / (c_bar**7 + 25**7))
    rotation *= math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    return math.sqrt(
        (dl / s_l) ** 2
        + (dc / s_c) ** 2
        + (big_dh / s_h) ** 2
        + rotation * (dc / s_c) * (big_dh / s_h)
    )
