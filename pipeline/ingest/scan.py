"""Scan clean-up before OCR: coloured ink (stamps, signatures) lifted, contrast stretched, skew undone.

This module's bytes are part of every OCR cache key (`ocr.Engine.ident`): a change reads the pages again.

Each step is simple and measured on `benchmarks/ocr_bench.py`'s scans (purple stamp and blue
signature over the text, grey ink on grey paper, 0.5-1.5 degree skew): without the ink step the
lines under the stamp come out as "lintas négara-Kota Dfalang ... prosedtir, yang. harus d lalui".
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops

# chroma (max - min of R, G, B) from which a pixel counts as coloured ink, and the span over which it fades out
INK_CHROMA, INK_SPAN = 12.0, 20.0
# coloured ink darker than this (navy letterhead text) is kept: stamps and ballpoint are lighter
INK_KEEP_DARK, INK_DARK_SPAN = 110.0, 40.0
# contrast: the narrowest span of grey levels stretched to black-white (a faded scan's ink and paper)
MIN_RANGE = 96.0
# deskew: angles tried (degrees), coarse then fine around the best
SKEW_MAX, SKEW_STEP, SKEW_FINE = 5.0, 0.25, 0.05


def prepare(img: Image.Image) -> tuple[Image.Image, float]:
    """A rendered page → a clean grey image for Tesseract, and the rotation applied (degrees)."""
    grey = lift_coloured_ink(img)
    grey = stretch_contrast(grey)
    angle = skew_angle(grey)
    out = Image.fromarray(grey, "L")
    if angle:
        out = out.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    return out, angle


def lift_coloured_ink(img: Image.Image) -> np.ndarray:
    """Grey levels with light coloured ink (stamps, blue signatures) faded towards the paper.

    Black text under a stamp stays dark in every channel (low chroma), so it is kept; the stamp's
    own strokes on paper are strongly coloured and light, and go. Done with Pillow's C operations
    (50 ms a 300 dpi page; the same in numpy floats took 1 s).
    """
    if img.mode == "L":
        return np.asarray(img, dtype=np.uint8)
    rgb = img.convert("RGB")
    r, g, b = rgb.split()
    hi = ImageChops.lighter(ImageChops.lighter(r, g), b)
    chroma = ImageChops.subtract(hi, ImageChops.darker(ImageChops.darker(r, g), b))
    lum = rgb.convert("L")
    # weight of "coloured ink" (0-255): strong colour, and not dark
    w = ImageChops.multiply(chroma.point(_ramp(INK_CHROMA, INK_SPAN)), hi.point(_ramp(INK_KEEP_DARK, INK_DARK_SPAN)))
    # lum + (255 - lum) * w, as 255 - (255 - lum) * (1 - w)
    return np.asarray(ImageChops.invert(ImageChops.multiply(ImageChops.invert(lum), ImageChops.invert(w))), dtype=np.uint8)


def _ramp(start: float, span: float) -> list[int]:
    """A lookup table rising from 0 at `start` to 255 at `start + span`."""
    return [round(255 * min(1.0, max(0.0, (v - start) / span))) for v in range(256)]


def stretch_contrast(grey: np.ndarray) -> np.ndarray:
    """Ink to black and paper to white: the darkest half percent and the paper (95th percentile) stretched apart.

    The stretch never spans fewer than MIN_RANGE grey levels: on a page with a line or two of text
    the darkest half percent is paper too, and stretching it would turn the paper's noise into ink.
    """
    ink, paper = np.percentile(grey[::4, ::4], [0.5, 95])
    ink = min(ink, paper - MIN_RANGE)
    if paper <= 0:
        return grey
    ink = max(ink, 0.0)
    lut = ((np.arange(256, dtype=np.float32) - ink) * (255.0 / (paper - ink))).clip(0, 255).astype(np.uint8)
    return lut[grey]


def skew_angle(grey: np.ndarray) -> float:
    """The rotation (degrees) that makes text lines horizontal: the sharpest profile of ink per row."""
    small = Image.fromarray(grey, "L").reduce(4)
    ink = Image.fromarray(np.where(np.asarray(small) < 128, 255, 0).astype(np.uint8), "L")
    if not np.asarray(ink).any():
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    n = round(SKEW_MAX / SKEW_STEP)
    best = max((k * SKEW_STEP for k in range(-n, n + 1)), key=lambda a: (sharpness(a), -abs(a)))
    fine = [best + k * SKEW_FINE for k in range(-4, 5)]
    angle = max(fine, key=lambda a: (sharpness(a), -abs(a)))
    return round(angle, 2) if abs(angle) >= 0.1 else 0.0
