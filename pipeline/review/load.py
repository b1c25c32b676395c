"""What the pages are made of: the small tables read whole, the big per-document ones through `TableRows`."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.io import read_csv, read_json, unsafe_cell
from pipeline.offsets import TableOffsets, TableRows, checked_offsets

__all__ = ["TableRows", "checked_offsets"]  # the one offset-aware row reader lives in pipeline.offsets

# the tables the index page shows whole (dates.csv repeats mentions and is not read)
PAGE_TABLES = ("documents", "cities", "partnerships")
# what the index reads of every agreement (a document's page reads its own rows whole)
INDEX_AGREEMENT_COLUMNS = ("doc_id", "instrument", "signed", "city_a", "country_a", "city_b", "country_b")
# the tables a page shows rows of: its fingerprint takes each one's digest of the document's rows
DIGEST_TABLES = ("mentions", "agreements", "cities", "sectors")


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
    # the offsets check (SHA-256 over every document's range) runs here: a forked process doing it beside the
    # CSV parsing measured no gain (0.03 s forked, 0.00 s in-process on the sample, benchmarks/shortcuts.py)
    tables: dict[str, Any] = {name: read_csv(tables_dir / f"{name}.csv") if (tables_dir / f"{name}.csv").exists()
                              else [] for name in PAGE_TABLES}
    tables["agreements"] = read_columns(tables_dir / "agreements.csv", INDEX_AGREEMENT_COLUMNS)
    checked = _checked_digest_tables(tables_dir, offsets) if offsets is not None else {}
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
