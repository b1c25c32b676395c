"""Reading the gold JSONL and the predicted tables (offset-aware: only the wanted documents' rows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.evaluate.records import Agreement, Place, Prediction, basename, norm_country, norm_id, norm_iso, norm_text
from pipeline.offsets import TableRows, checked_offsets

# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file (one document per non-blank line), or a folder of them in name order."""
    if Path(path).is_dir():
        return [doc for shard in sorted(Path(path).glob("*.jsonl")) for doc in load_gold(shard)]
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

    `keep`: only the rows of these doc_ids. `offsets`: written by `kotakembar tables --offsets`; when
    they match the kept documents' ranges, only those ranges are read (``pipeline.offsets.TableRows``).
    """
    if not path.is_file() or path.stat().st_size == 0:
        return []
    table = TableRows(path, checked_offsets(path, offsets, keep) if keep is not None else None)
    return [row for doc in table.counts() if keep is None or doc in keep for row in table.rows(doc)]


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
