"""Where each document's rows sit in a written table: byte ranges and digests, so readers seek instead of scanning.

The tables stage writes the big per-document tables sorted by doc_id, document by document, and
records each document's byte range and the SHA-256 of those bytes. Readers (report, evaluate)
trust a range only after checking the table against it: the file's size, the ranges tiling it
from the header to the end, and the digest of every range they use. A table edited by hand, or
written without offsets, fails the check and the reader falls back to scanning it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.io import write_json

OFFSETS_VERSION = 1
EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()


@dataclass
class TableOffsets:
    """One table's layout: header length, total size, and doc_id -> (start, end, rows, sha256)."""

    header: int = 0
    size: int = 0
    docs: dict[str, tuple[int, int, int, str]] = field(default_factory=dict)

    def add(self, doc_id: str, data: bytes, rows: int, digest: str | None = None) -> None:
        """Record the next document's bytes (written right after the previous ones)."""
        start = self.size
        self.size += len(data)
        if data:
            self.docs[doc_id] = (start, self.size, rows, digest or hashlib.sha256(data).hexdigest())

    def digest(self, doc_id: str) -> str:
        """SHA-256 of the document's rows as stored (of nothing when it has none)."""
        entry = self.docs.get(doc_id)
        return entry[3] if entry else EMPTY_DIGEST

    def rows(self, doc_id: str) -> int:
        """How many rows the document has in the table."""
        entry = self.docs.get(doc_id)
        return entry[2] if entry else 0

    def to_dict(self) -> dict[str, object]:
        """JSON form: ranges listed in file order."""
        ordered = sorted(self.docs.items(), key=lambda kv: kv[1][0])
        return {"header": self.header, "size": self.size, "docs": [[d, *v] for d, v in ordered]}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> TableOffsets:
        """Inverse of `to_dict`."""
        docs = {str(d[0]): (int(d[1]), int(d[2]), int(d[3]), str(d[4])) for d in data["docs"]}  # type: ignore[index,union-attr]
        return cls(header=int(data["header"]), size=int(data["size"]), docs=docs)  # type: ignore[call-overload]


def write_offsets(path: Path, tables: dict[str, TableOffsets]) -> None:
    """Atomically write the offsets of the given tables (keyed by table name)."""
    write_json(path, {"version": OFFSETS_VERSION, "tables": {k: v.to_dict() for k, v in sorted(tables.items())}})


def read_offsets(path: Path | None, table: str) -> TableOffsets | None:
    """One table's offsets from an offsets file; None when absent, unreadable or of another version."""
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("version") != OFFSETS_VERSION or table not in data.get("tables", {}):
            return None
        return TableOffsets.from_dict(data["tables"][table])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _tiles(offsets: TableOffsets) -> bool:
    """Do the ranges cover the file from the header's end to its size, without gaps or overlaps?"""
    at = offsets.header
    for start, end, _, _ in sorted(offsets.docs.values()):
        if start != at or end <= start:
            return False
        at = end
    return at == offsets.size


def check(table_path: Path, offsets: TableOffsets | None, header: bytes,
          docs: Iterable[str] | None = None) -> bool:
    """Does the table on disk match its offsets? Reads the header and the ranges of `docs` (None: every document)."""
    if offsets is None or offsets.header != len(header) or not _tiles(offsets):
        return False
    try:
        with Path(table_path).open("rb") as f:
            f.seek(0, 2)
            if f.tell() != offsets.size:
                return False
            f.seek(0)
            if f.read(len(header)) != header:
                return False
            wanted = offsets.docs if docs is None else {d: offsets.docs[d] for d in docs if d in offsets.docs}
            for start, end, _, digest in sorted(wanted.values()):
                f.seek(start)
                if hashlib.sha256(f.read(end - start)).hexdigest() != digest:
                    return False
    except OSError:
        return False
    return True


def read_range(f: BinaryIO, offsets: TableOffsets, doc_id: str) -> bytes:
    """The stored bytes of one document's rows (empty when it has none)."""
    entry = offsets.docs.get(doc_id)
    if entry is None:
        return b""
    f.seek(entry[0])
    return f.read(entry[1] - entry[0])
