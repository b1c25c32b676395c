"""Scan clean-up before OCR: coloured ink (stamps, signatures) lifted, contrast stretched, skew undone.

This module's bytes are part of every OCR cache key (`ocr.Engine.ident`): a change reads the pages again.

Each step is simple and measured on `benchmarks/ocr_bench.py`'s scans (purple stamp and blue
signature over the text, grey ink on grey paper, 0.5-1.5 degree skew): without the ink step the
lines under the stamp come out as "lintas négara-Kota Dfalang ... prosedtir, yang. harus d lalui".
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# chroma (max - min of R, G, B) from which a pixel counts as coloured ink, and the span over which it fades out
INK_CHROMA, INK_SPAN = 12.0, 20.0
# coloured ink darker than this (navy letterhead text) is kept: stamps and ballpoint are lighter
INK_KEEP_DARK, INK_DARK_SPAN = 110.0, 40.0
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
    own strokes on paper are strongly coloured and light, and go.
    """
    if img.mode == "L":
        return np.asarray(img, dtype=np.uint8)
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    hi = rgb.max(axis=2)
    chroma = hi - rgb.min(axis=2)
    lum = rgb @ np.asarray([0.299, 0.587, 0.114], dtype=np.float32)
    w = np.clip((chroma - INK_CHROMA) / INK_SPAN, 0, 1) * np.clip((hi - INK_KEEP_DARK) / INK_DARK_SPAN, 0, 1)
    return (lum + (255.0 - lum) * w).clip(0, 255).astype(np.uint8)


def stretch_contrast(grey: np.ndarray) -> np.ndarray:
    """Ink to black and paper to white: the 1st and 99th percentiles stretched to 0 and 255."""
    lo, hi = np.percentile(grey[::4, ::4], [1, 99])
    if hi - lo < 16:  # a blank page: nothing to stretch
        return grey
    lut = ((np.arange(256, dtype=np.float32) - lo) * (255.0 / (hi - lo))).clip(0, 255).astype(np.uint8)
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
