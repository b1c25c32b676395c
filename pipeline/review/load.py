"""What the pages are made of: the small tables read whole, the big per-document ones through `TableRows`."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.contract import COLUMNS
from pipeline.io import csv_header, read_csv, read_json, unsafe_cell
from pipeline.offsets import TableOffsets, check, read_offsets, read_range

# the tables the index page shows whole (dates.csv repeats mentions and is not read)
PAGE_TABLES = ("documents", "cities", "partnerships")
# what the index reads of every agreement (a document's page reads its own rows whole)
INDEX_AGREEMENT_COLUMNS = ("doc_id", "instrument", "signed", "city_a", "country_a", "city_b", "country_b")
# the tables a page shows rows of: its fingerprint takes each one's digest of the document's rows
DIGEST_TABLES = ("mentions", "agreements", "cities", "sectors")


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
        segs = data.split(b"\r\n")
        odd = [seg.count(b'"') & 1 for seg in segs]
        if any(odd):  # a line break inside a quoted cell: join segments until the quotes balance
            records: list[bytes] = []
            pending: list[bytes] = []
            parity = 0
            for seg, o in zip(segs, odd):
                pending.append(seg)
                parity ^= o
                if not parity:
                    records.append(b"\r\n".join(pending))
                    pending = []
            if pending:
                records.append(b"\r\n".join(pending))
        else:
            records = segs
        if not records:
            return
        self.header = next(csv.reader([records[0].decode("utf-8")]), [])
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


def checked_offsets(path: Path, offsets: Path | None) -> TableOffsets | None:
    """A table's offsets when they match the file (every range's digest checked), else None."""
    found = read_offsets(offsets, path.stem)
    header = csv_header(COLUMNS[path.stem]).encode("utf-8")
    return found if found is not None and check(path, found, header) else None


def _checked_digest_tables(tables_dir: Path, offsets: Path | None) -> dict[str, TableOffsets | None]:
    """`checked_offsets` of every table in DIGEST_TABLES."""
    return {name: checked_offsets(tables_dir / f"{name}.csv", offsets) for name in DIGEST_TABLES}


def read_columns(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Some columns of every row of a CSV written by `write_csv` (the formula guard undone)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        at = [(c, header.index(c)) for c in columns if c in header]
        return [{c: unsafe_cell(row[i]) if i < len(row) else "" for c, i in at} for row in reader if row]


def load_tables(tables_dir: Path, offsets: Path | None = None) -> tuple[dict[str, Any], dict[str, TableRows]]:
    """What the pages are made of: PAGE_TABLES' rows and some columns of agreements (for the index), and per
    table of DIGEST_TABLES a `TableRows` giving a document's rows and their digest."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # checking the tables against their offsets is SHA-256 over all of mentions.csv: a forked
    # process does it while this one parses the other tables (a thread would mostly wait for the GIL)
    pool = (ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            if offsets is not None and "fork" in multiprocessing.get_all_start_methods() else None)
    try:
        pending: Future[dict[str, TableOffsets | None]] | None = (
            pool.submit(_checked_digest_tables, tables_dir, offsets) if pool is not None else None)
        tables: dict[str, Any] = {name: read_csv(tables_dir / f"{name}.csv") if (tables_dir / f"{name}.csv").exists()
                                  else [] for name in PAGE_TABLES}
        tables["agreements"] = read_columns(tables_dir / "agreements.csv", INDEX_AGREEMENT_COLUMNS)
        checked = (pending.result() if pending is not None
                   else _checked_digest_tables(tables_dir, offsets) if offsets is not None else {})
    finally:
        if pool is not None:
            pool.shutdown()
    # a table the offsets do not vouch for is grouped and hashed document by document from its raw records
    per_doc = {name: TableRows(tables_dir / f"{name}.csv", checked.get(name)) for name in DIGEST_TABLES}
    tables["mentions"] = per_doc["mentions"]
    return tables, per_doc


def rows_per_doc(rows: list[dict[str, str]] | TableRows) -> dict[str, int]:
    """Rows per doc_id of a table."""
    if isinstance(rows, TableRows):
        return rows.counts()
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        out[r.get("doc_id", "")] += 1
    return out


def documents(tables: dict[str, Any], docs_dir: Path) -> list[dict[str, Any]]:
    """documents.csv rows, else the ingest index; one per doc_id, sorted by file then doc_id."""
    rows: list[dict[str, Any]] = list(tables["documents"])
    if not rows and (docs_dir / "index.json").exists():
        rows = [dict(r) for r in read_json(docs_dir / "index.json")]
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("doc_id") and r["doc_id"] not in seen:
            seen[r["doc_id"]] = r
    return sorted(seen.values(), key=lambda r: (str(r.get("file") or ""), r["doc_id"]))


def doc_text(docs_dir: Path, doc_id: str) -> tuple[str | None, list[int]]:
    """The normalized text (from <doc_id>.txt, else the JSON) and the page starts."""
    text: str | None = None
    txt, js = docs_dir / f"{doc_id}.txt", docs_dir / f"{doc_id}.json"
    data = read_json(js) if js.exists() else {}
    if txt.exists():
        text = txt.read_text(encoding="utf-8")
    elif "text" in data:
        text = data["text"]
    return text, [int(p) for p in data.get("page_starts") or []]


def by_doc(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """Rows grouped by doc_id."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        out[r.get("doc_id", "")].append(r)
    return out
