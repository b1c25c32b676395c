"""Where each document's rows sit in a written table: byte ranges and digests, so readers seek instead of scanning.

The tables stage writes the big per-document tables sorted by doc_id, document by document, and
records each document's byte range and the SHA-256 of those bytes. Readers (report, evaluate)
trust a range only after checking the table against it: the file's size, the ranges tiling it
from the header to the end, and the digest of every range they use. A table edited by hand, or
written without offsets, fails the check and the reader falls back to scanning it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.contract import COLUMNS
from pipeline.io import csv_header, unsafe_cell, write_json

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


# --------------------------------------------------------------------------- the one offset-aware row reader
def parse_rows(header: list[str], text: str) -> list[dict[str, str]]:
    """CSV records (no header line) as `read_csv` gives them."""
    return [{k: unsafe_cell(v) for k, v in zip(header, row)} for row in csv.reader(io.StringIO(text, newline=""))]


class TableRows:
    """A per-document table's rows by doc_id, kept as the bytes the table stores and parsed only for the pages being made.

    With `offsets` (checked against the file, see `checked_offsets`) a document's bytes are read
    from its range when asked for, and its digest and row count are the offsets' own. Without,
    the file is scanned once and its records grouped by doc_id: records are split on the writer's
    CRLF terminator and re-joined while a record's quote count is odd (a line break inside a quoted
    cell), so grouping and hashing need no CSV parsing. Either way a document's digest is the
    SHA-256 of its rows as stored, the one `pipeline.offsets` records.
    """

    def __init__(self, path: Path, offsets: TableOffsets | None = None) -> None:
        self.path, self.offsets = path, offsets
        self.header: list[str] = []
        self.records: dict[str, list[bytes]] = defaultdict(list)
        if offsets is not None:
            with path.open("rb") as f:
                self.header = next(csv.reader([f.read(offsets.header).decode("utf-8")]), [])
            self._counts = {d: entry[2] for d, entry in offsets.docs.items()}
        else:
            self._scan()
            self._counts = {k: len(v) for k, v in self.records.items()}

    def _scan(self) -> None:
        """Group the file's raw records by doc_id (the table is sorted by doc_id, which is never quoted)."""
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        # the tables stage ends records with CRLF; a table written elsewhere may use LF alone
        sep = b"\r\n" if b"\r\n" in data else b"\n"
        segs = data.split(sep)
        odd = [seg.count(b'"') & 1 for seg in segs]
        if any(odd):  # a line break inside a quoted cell: join segments until the quotes balance
            records: list[bytes] = []
            pending: list[bytes] = []
            parity = 0
            for seg, o in zip(segs, odd):
                pending.append(seg)
                parity ^= o
                if not parity:
                    records.append(sep.join(pending))
                    pending = []
            if pending:
                records.append(sep.join(pending))
        else:
            records = segs
        if not records:
            return
        self.header = [k.strip() for k in next(csv.reader([records[0].decode("utf-8")]), [])]
        at = self.header.index("doc_id") if "doc_id" in self.header else 0
        body = [rec for rec in records[1:] if rec]
        if at == 0 and not any(rec.startswith(b'"') for rec in body):
            keys = [rec.partition(b",")[0].decode("utf-8") for rec in body]
        else:
            keys = []
            for rec in body:
                cells = next(csv.reader(io.StringIO(rec.decode("utf-8"), newline="")), [])
                keys.append(cells[at] if at < len(cells) else "")
        for key, rec in zip(keys, body):
            self.records[key].append(rec)

    def __len__(self) -> int:
        return sum(self._counts.values())

    def counts(self) -> dict[str, int]:
        """Rows per doc_id."""
        return dict(self._counts)

    def stored(self, doc_id: str) -> bytes:
        """One document's rows as the table stores them (empty when it has none)."""
        if self.offsets is None:
            return b"".join(rec + b"\r\n" for rec in self.records.get(doc_id, ()))
        with self.path.open("rb") as f:
            return read_range(f, self.offsets, doc_id)

    def rows(self, doc_id: str) -> list[dict[str, str]]:
        """One document's rows as `read_csv` gives them."""
        return parse_rows(self.header, self.stored(doc_id).decode("utf-8"))

    def digest(self, doc_id: str) -> str:
        """SHA-256 of one document's rows as stored."""
        if self.offsets is not None:
            return self.offsets.digest(doc_id)
        return hashlib.sha256(self.stored(doc_id)).hexdigest()


def checked_offsets(path: Path, offsets: Path | None, docs: Iterable[str] | None = None) -> TableOffsets | None:
    """A table's offsets when they match the file (the digest of every range, or of `docs`' ranges, checked), else None."""
    if path.stem not in COLUMNS:
        return None
    found = read_offsets(offsets, path.stem)
    header = csv_header(COLUMNS[path.stem]).encode("utf-8")
    return found if found is not None and check(path, found, header, docs) else None
