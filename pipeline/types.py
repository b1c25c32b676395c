"""Records passed between stages: an ingested document and the mentions found in it."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

MENTION_TYPES = (
    "CITY", "REGION", "COUNTRY", "DATE", "DURATION", "SECTOR",
    "INSTRUMENT", "RELATIONSHIP", "ORG", "PERSON",
)


@dataclass
class Section:
    """A labelled character range of the normalized text."""

    kind: str  # title, abstract, chapter, body, conclusion, references, footnotes, table, keywords
    start: int
    end: int
    language: str = "id"  # id / en
    heading: str = ""
    # True for a section that repeats another one in a second language (English abstract).
    duplicate_of: int | None = None


@dataclass
class TableCell:
    """One cell of a table section, with offsets into the normalized text."""

    row: int
    col: int
    start: int
    end: int


@dataclass
class Footnote:
    """A footnote body and the marker that points at it.

    `marker_start` is where the marker stands in the body. Text and markdown drop the marker's
    number from the body (so "13,200<sup>32</sup>" stays 13,200); a PDF's text layer keeps its digits there.
    """

    number: str
    start: int
    end: int
    marker_start: int | None = None


@dataclass
class IngestedDoc:
    """What ingestion hands to extraction: normalized text plus its structure and metadata."""

    doc_id: str
    file: str
    sha256: str
    format: str
    text: str = ""
    # page_starts[i] is the offset where page i+1 begins; empty when pages are unknown.
    page_starts: list[int] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    tables: list[list[TableCell]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"  # ok / warning / failed
    message: str = ""
    # pages read by OCR: {page (1-based), region (only an image on it), confidence (0-1), words, angle, key, image}
    ocr: list[dict[str, Any]] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Return the 1-based page holding `offset`, or None when pages are unknown."""
        if not self.page_starts:
            return None
        lo, hi = 0, len(self.page_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.page_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def section_at(self, offset: int) -> Section | None:
        """Return the innermost section holding `offset`."""
        best: Section | None = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
                best = s
        return best

    def to_dict(self) -> dict[str, Any]:
        """Serialize to plain JSON types."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IngestedDoc:
        """Inverse of `to_dict`."""
        d = dict(d)
        d["sections"] = [Section(**s) for s in d.get("sections", [])]
        d["footnotes"] = [Footnote(**f) for f in d.get("footnotes", [])]
        d["tables"] = [[TableCell(**c) for c in t] for t in d.get("tables", [])]
        return cls(**d)


def mention_id(doc_id: str, mtype: str, start: int, end: int) -> str:
    """A mention's stable id: from its document, type and offsets (the one definition every table uses)."""
    return hashlib.sha1(f"{doc_id}:{mtype}:{start}:{end}".encode()).hexdigest()[:12]


def place_key(geonames_id: Any, iso3166_2: str, name: str, country: str) -> str:
    """Identity of a place: GeoNames id, else ISO 3166-2, else name and country (the one place key)."""
    try:
        gid = int(float(geonames_id)) if geonames_id not in (None, "") else None
    except ValueError:  # not an id (a hand-edited table): the name decides
        gid = None
    if gid is not None:
        return f"gn:{gid}"
    if iso3166_2:
        return f"iso:{iso3166_2}"
    return f"name:{(name or '').casefold()}|{country or ''}"


@dataclass
class Mention:
    """An extracted span: the audit trail of every value in the tables."""

    doc_id: str
    type: str
    text: str
    start: int
    end: int
    value: str = ""
    method: str = ""
    confidence: float = 1.0
    # Type-specific attributes: geonames_id, country, level, iso3166_2, role, precision, ...
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def mention_id(self) -> str:
        """Stable id from document, type and offsets."""
        return mention_id(self.doc_id, self.type, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        """Serialize to plain JSON types (by hand: ``asdict`` deep-copies, and there are thousands per document)."""
        return {"doc_id": self.doc_id, "type": self.type, "text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "method": self.method, "confidence": self.confidence,
                "attrs": copy.deepcopy(self.attrs)}


def doc_id_for(sha256: str) -> str:
    """A document id stable for the same bytes."""
    return sha256[:16]
