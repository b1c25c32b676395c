"""The intermediate records a format reader hands to the assembler: lines, blocks, footnote bodies; a PDF's text runs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Line:
    """One physical line (or paragraph piece) with footnote markers at offsets into `text`."""

    text: str
    page: int = 0
    markers: list[tuple[int, str]] = field(default_factory=list)
    soft_hyphen: bool = False


@dataclass
class _Block:
    """A paragraph, heading, list item, keywords line or table, in reading order."""

    kind: str  # para, heading, list, keywords, table
    lines: list[_Line] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    page: int = 0
    # PDF only: the last line runs to the right margin / the first line starts at the left margin.
    open_end: bool = False
    flush_start: bool = False


@dataclass
class _Note:
    """A footnote body before assembly."""

    number: str
    lines: list[_Line]
    page: int = 0
    seq: int = 0


@dataclass
class _Parsed:
    """What a format reader hands to the assembler."""

    blocks: list[_Block]
    notes: list[_Note]
    pages: int | None  # None when page boundaries are unknown
    join_paragraphs: bool = True
    warnings: list[str] = field(default_factory=list)
    # PDF: markers not seen as superscripts are looked for as numbers glued to a word on the note's page
    search_markers: bool = False
    # PDF: the pages (or images on them) read by OCR, as `OcrPage.record` gives them
    ocr: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Run:
    """A horizontal run of text on a PDF page (pdfium coordinates: y grows upwards)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    page: int
    hyphen: bool = False
    markers: list[tuple[int, str]] = field(default_factory=list)
    ocr: bool = False  # read by OCR (in Tesseract's reading order)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


_Box = tuple[float, float, float, float]  # x0, bottom, x1, top in PDF points


def _inside(r: _Run, bbox: _Box) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - 2 <= (r.x0 + r.x1) / 2 <= x1 + 2 and y0 - 2 <= r.mid <= y1 + 2


def _weighted_mode(values: list[tuple[float, int]]) -> float:
    """The value carrying the most weight (values rounded to 0.5)."""
    c: Counter[float] = Counter()
    for v, w in values:
        c[round(v * 2) / 2] += w
    return c.most_common(1)[0][0] if c else 12.0
