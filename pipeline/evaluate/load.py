"""Reading the gold JSONL and the predicted tables (offset-aware: only the wanted documents' rows)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.evaluate.records import Agreement, Place, Prediction, basename, norm_country, norm_id, norm_iso, norm_text
from pipeline.io import unsafe_cell

# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file (one document per non-blank line)."""
    docs: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
            if not isinstance(doc, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object")
            docs.append(doc)
    return docs


def _read_table(path: Path, keep: set[str] | None = None, offsets: Path | None = None) -> list[dict[str, str]]:
    """Read a CSV as string cells (empty = missing), unquoting formula-guarded cells; absent → [].

    `keep`: only rows whose doc_id is in it (the others are skipped before any work on their cells).
    `offsets`: written by `kotakembar tables --offsets`; when they match the table, only the kept
    documents' byte ranges are read.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return []
    if keep is not None:
        rows = _read_ranges(path, keep, offsets)
        if rows is not None:
            return rows
    # the csv module, not pandas: importing pandas alone took longer than scoring
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        return _rows(reader, keep, [str(k).strip() for k in next(reader, [])])


def _rows(reader: Iterable[list[str]], keep: set[str] | None, header: list[str]) -> list[dict[str, str]]:
    """Dict rows (under `header`) from csv records, kept by doc_id."""
    at = header.index("doc_id") if keep is not None and "doc_id" in header else None
    return [{k: unsafe_cell(v) for k, v in zip(header, row + [""] * (len(header) - len(row)))}
            for row in reader if row and (at is None or (row[at].strip() if at < len(row) else "") in keep)]


def _read_ranges(path: Path, keep: set[str], offsets: Path | None) -> list[dict[str, str]] | None:
    """The kept documents' rows through the table's offsets; None when there are none or they do not match."""
    from pipeline.offsets import check, read_offsets, read_range

    found = read_offsets(offsets, path.stem)
    if found is None:
        return None
    with path.open("rb") as f:
        head = f.read(found.header)
        if not check(path, found, head, keep):
            return None
        header = [str(k).strip() for k in next(csv.reader([head.decode("utf-8-sig")]), [])]
        text = b"".join(read_range(f, found, d) for d in sorted(keep, key=lambda d: found.docs.get(d, (0,))[0]))
    return _rows(csv.reader(io.StringIO(text.decode("utf-8"), newline="")), keep, header)


def _split_codes(value: str) -> tuple[str, ...]:
    """Split a pipe-joined code list into unique lower-case codes, keeping order."""
    seen: dict[str, None] = {}
    for part in value.split("|"):
        code = part.strip().lower()
        if code:
            seen.setdefault(code, None)
    return tuple(seen)


def load_predictions(tables_dir: Path, keep: set[str] | None = None,
                     offsets: Path | None = None) -> dict[str, Prediction]:
    """Read documents/cities/agreements/dates CSVs; key each document by the basename of its `file`.

    `keep`: read the rows of these doc_ids only (None: all). `offsets`: see `_read_table`.
    """
    tables_dir = Path(tables_dir)
    by_doc: dict[str, Prediction] = {}
    result: dict[str, Prediction] = {}
    for row in _read_table(tables_dir / "documents.csv"):
        doc_id = row.get("doc_id", "").strip()
        file = row.get("file", "").strip()
        base = basename(file) if file else doc_id
        if not doc_id or base in result or doc_id in by_doc:
            continue  # first occurrence wins
        pred = Prediction(doc_id=doc_id, file=file)
        by_doc[doc_id] = pred
        result[base] = pred

    for row in _read_table(tables_dir / "cities.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        if pred is None:
            continue
        pred.places.append(
            Place(
                name=row.get("name", "").strip(),
                country=norm_country(row.get("country")),
                geonames_id=norm_id(row.get("geonames_id")),
                iso3166_2=norm_iso(row.get("iso3166_2")),
                level=row.get("level", "").strip().lower(),
                surfaces=tuple(x for x in row.get("surfaces", "").split("|") if x.strip()),
            )
        )

    for row in _read_table(tables_dir / "agreements.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        if pred is None:
            continue
        sides = []
        for s in ("a", "b"):
            sides.append(
                Place(
                    name=row.get(f"city_{s}", "").strip(),
                    country=norm_country(row.get(f"country_{s}")),
                    geonames_id=norm_id(row.get(f"geonames_{s}")),
                    iso3166_2=norm_iso(row.get(f"iso3166_2_{s}")),
                )
            )
        instrument = norm_text(row.get("instrument"))
        pred.agreements.append(
            Agreement(
                a=sides[0],
                b=sides[1],
                relationship=norm_text(row.get("relationship")),
                instrument=instrument.lower() if instrument else None,
                signed=norm_text(row.get("signed")),
                sectors=_split_codes(row.get("sectors", "")),
            )
        )

    for row in _read_table(tables_dir / "dates.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        value = norm_text(row.get("value"))
        if pred is None or value is None:
            continue
        pred.dates.append((value, row.get("role", "").strip().lower()))
    return result
