"""The intermediate records a format reader hands to the assembler: lines, blocks, footnote bodies."""

from __future__ import annotations

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
