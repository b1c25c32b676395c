"""Reviewer corrections: reject, set or add rows of the tables, kept in `review/corrections.csv`.

A correction names its row by a key that survives a rerun of the pipeline on the same text:

| table | key |
|---|---|
| mentions, dates | mention_id |
| agreements | agreement_id |
| cities | doc_id|name |
| sectors | doc_id|sector |

`apply_corrections` is pure: it returns corrected copies of the tables and the corrections
whose key matched no row (orphans, e.g. after the text changed and the offsets moved), which
`write_orphans` reports. Rows a reviewer set or added get `method = "reviewer"` in every table
that has a `method` column; `accept` records that a reviewer confirmed a row (it changes nothing, and is
an orphan too when its row is gone). Mentions and dates share `mention_id`: a reject, or a set of a
column both tables have, applies to the row in both.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.contract import BOOLEAN, COLUMNS, INTEGER, NUMBER, SECTOR_LABELS
from pipeline.io import write_csv
from pipeline.types import place_key

# `when`: the time of the decision (ISO 8601, UTC), written by the review app; the tables stage does not read it
CSV_COLUMNS = ["table", "key", "action", "field", "value", "reviewer", "note", "when"]
ORPHAN_COLUMNS = ["line", *CSV_COLUMNS, "reason"]
KEYS: dict[str, tuple[str, ...]] = {
    "mentions": ("mention_id",), "dates": ("mention_id",), "agreements": ("agreement_id",),
    "cities": ("doc_id", "name"), "sectors": ("doc_id", "sector"),
}
ACTIONS = ("accept", "reject", "set", "add")
REQUIRED_ON_ADD: dict[str, tuple[str, ...]] = {
    "mentions": ("doc_id", "type", "start", "end"), "dates": ("doc_id", "start", "end", "value"),
    "agreements": ("doc_id", "city_a", "city_b"), "cities": ("doc_id", "name"), "sectors": ("doc_id", "sector"),
}
# Columns of a DATE mention that dates.csv repeats.
SHARED = ("text", "value", "start", "end", "page", "sentence")
PLACE_FIELDS = {f"{c}_{s}" for c in ("city", "country", "geonames", "iso3166_2") for s in "ab"}
REVIEWER = "reviewer"


class CorrectionError(ValueError):
    """A malformed line of the corrections file."""


@dataclass(frozen=True)
class Correction:
    """One line of `review/corrections.csv`."""

    table: str
    key: str
    action: str
    field: str = ""
    value: str = ""
    reviewer: str = ""
    note: str = ""
    when: str = ""
    line: int = 0  # line in the corrections file, for messages

    def where(self) -> str:
        return f"line {self.line}" if self.line else f"{self.table} {self.action} {self.key!r}"


# ---------------------------------------------------------------------------------------------
# Loading


def load_corrections(path: Path) -> list[Correction]:
    """Read and check the corrections file; a missing file means no corrections.

    Lines whose first cell starts with `#` and empty lines are skipped. Raises
    CorrectionError naming the file and line of the first malformed correction.
    """
    if not path.exists():
        return []
    out: list[Correction] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header: list[str] | None = None
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [h.strip().lower() for h in record]
                missing = [c for c in ("table", "key", "action") if c not in header]
                if missing:
                    raise CorrectionError(f"{path}:{line}: header lacks column(s) {', '.join(missing)}; "
                                          f"expected {','.join(CSV_COLUMNS)}")
                continue
            cells = {h: (record[i] if i < len(record) else "") for i, h in enumerate(header)}
            c = Correction(table=cells.get("table", "").strip().lower(), key=cells.get("key", "").strip(),
                           action=cells.get("action", "").strip().lower(), field=cells.get("field", "").strip(),
                           value=cells.get("value", "").strip(), reviewer=cells.get("reviewer", "").strip(),
                           note=cells.get("note", "").strip(), when=cells.get("when", "").strip(), line=line)
            try:
                check(c)
            except CorrectionError as e:
                raise CorrectionError(f"{path}:{line}: {e}") from None
            out.append(c)
    return out


def check(c: Correction) -> None:
    """Raise CorrectionError when `c` cannot be applied to any table."""
    if c.table not in KEYS:
        raise CorrectionError(f"table {c.table!r} is not one of {', '.join(KEYS)}")
    if c.action not in ACTIONS:
        raise CorrectionError(f"action {c.action!r} is not one of {', '.join(ACTIONS)}")
    if c.action in ("accept", "reject", "set") and not c.key:
        raise CorrectionError(f"{c.action} needs a key ({'|'.join(KEYS[c.table])})")
    if len(KEYS[c.table]) == 2 and c.key and "|" not in c.key:
        raise CorrectionError(f"key of {c.table} is {'|'.join(KEYS[c.table])}, got {c.key!r}")
    if c.action == "set":
        if c.field not in COLUMNS[c.table]:
            raise CorrectionError(f"field {c.field!r} is not a column of {c.table}")
        _coerce(c.field, c.value, strict=True)
    if c.action == "add":
        row = new_row(c)
        missing = [k for k in REQUIRED_ON_ADD[c.table] if row.get(k) in (None, "")]
        if missing:
            raise CorrectionError(f"add to {c.table} needs {', '.join(missing)} (in the JSON value or the key)")


def _coerce(column: str, value: Any, *, strict: bool = False) -> Any:
    """A cell value in the type the tables stage uses for `column`."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)) and column not in BOOLEAN:
        return value
    text = str(value).strip()
    try:
        if column in INTEGER:
            if text == "":
                return None
            number = float(text)
            if not number.is_integer():
                raise ValueError(text)
            return int(number)
        if column in NUMBER:
            return None if text == "" else float(text)
    except ValueError:
        if strict:
            raise CorrectionError(f"{column} must be a{'n integer' if column in INTEGER else ' number'}, "
                                  f"got {text!r}") from None
        return text
    if column in BOOLEAN:
        if text.lower() in ("true", "1", "yes", "ya"):
            return True
        if text.lower() in ("false", "0", "no", "tidak", ""):
            return False
        if strict:
            raise CorrectionError(f"{column} must be true or false, got {text!r}")
    return value


def new_row(c: Correction) -> dict[str, Any]:
    """The row an `add` correction describes, key columns filled from the key when absent."""
    try:
        data = json.loads(c.value) if c.value else {}
    except json.JSONDecodeError as e:
        raise CorrectionError(f"value of an add must be a JSON object: {e}") from None
    if not isinstance(data, dict):
        raise CorrectionError("value of an add must be a JSON object")
    unknown = sorted(k for k in data if k not in COLUMNS[c.table])
    if unknown:
        raise CorrectionError(f"not column(s) of {c.table}: {', '.join(unknown)}")
    row: dict[str, Any] = {col: None for col in COLUMNS[c.table]}
    for k, v in data.items():
        row[k] = _coerce(k, v, strict=True)
    names = KEYS[c.table]
    if c.key:
        parts = c.key.split("|", 1) if len(names) == 2 else [c.key]
        for name, part in zip(names, parts):
            if row.get(name) in (None, ""):
                row[name] = part
    if c.table in ("mentions", "dates") and not row.get("mention_id") and row.get("doc_id") \
            and row.get("start") is not None and row.get("end") is not None:
        from pipeline.types import Mention

        mtype = row.get("type") or "DATE"
        row["mention_id"] = Mention(doc_id=str(row["doc_id"]), type=str(mtype), text="",
                                    start=int(row["start"]), end=int(row["end"])).mention_id
    if c.table == "mentions":
        row["confidence"] = 1.0 if row.get("confidence") is None else row["confidence"]
        row["attrs"] = row.get("attrs") or "{}"
    if c.table == "sectors" and row.get("sector"):
        label_id, label_en = SECTOR_LABELS.get(str(row["sector"]), (row["sector"], row["sector"]))
        row["label_id"] = row.get("label_id") or label_id
        row["label_en"] = row.get("label_en") or label_en
    if c.table == "agreements" and not row.get("agreement_id") and row.get("doc_id"):
        from pipeline.partnerships import agreement_id

        ka, kb = _place_keys(row)
        row["agreement_id"] = agreement_id(str(row["doc_id"]), ka, kb, str(row.get("instrument") or ""),
                                           str(row.get("signed") or ""))
    return row


# ---------------------------------------------------------------------------------------------
# Applying


def row_key(table: str, row: dict[str, Any]) -> str:
    """The key a correction of `table` uses for `row`."""
    return "|".join("" if row.get(k) is None else str(row.get(k)) for k in KEYS[table])


def _matches(table: str, row: dict[str, Any], key: str) -> bool:
    if len(KEYS[table]) == 2:  # doc_id|name: names compare case-insensitively
        return row_key(table, row).casefold() == key.casefold()
    return row_key(table, row) == key


def _place_keys(row: dict[str, Any]) -> tuple[str, str]:

    keys = [place_key(row.get(f"geonames_{s}") or None, str(row.get(f"iso3166_2_{s}") or ""),
                      str(row.get(f"city_{s}") or ""), str(row.get(f"country_{s}") or "")) for s in "ab"]
    return keys[0], keys[1]


def _touched(table: str, row: dict[str, Any], fields: set[str]) -> None:
    """Mark a row a reviewer set or added."""
    if "method" in COLUMNS[table]:
        row["method"] = REVIEWER
    if table == "agreements" and (fields & PLACE_FIELDS or "_new" in fields):
        row["_key"] = _place_keys(row)  # what pipeline.tables.merge_partnerships groups by


def apply_corrections(tables: dict[str, list[dict[str, Any]]],
                      corrections: list[Correction]) -> tuple[dict[str, list[dict[str, Any]]], list[Correction]]:
    """Corrected copies of `tables` (inputs untouched) and the corrections that matched no row.

    Corrections apply in order. `accept` changes nothing (but needs its row); `reject` removes the rows with the key; `set` changes one
    column; `add` appends a row (or, when a row with its key exists already, sets the given
    columns on it). Tables not named by any correction are copied as they are.
    """
    out = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    orphans: list[Correction] = []
    for c in corrections:
        if c.table not in out or c.table not in KEYS:
            orphans.append(c)
            continue
        rows = out[c.table]
        if c.action == "add":
            new = new_row(c)
            key = row_key(c.table, new)
            existing = [r for r in rows if _matches(c.table, r, key)]
            given = set(json.loads(c.value)) if c.value else set()
            if existing:
                for r in existing:
                    for k in given:
                        r[k] = new[k]
                    _touched(c.table, r, given)
            else:
                _touched(c.table, new, given | {"_new"})
                rows.append(new)
            continue
        hits = [r for r in rows if _matches(c.table, r, c.key)]
        if not hits:
            orphans.append(c)
            continue
        twin = {"mentions": "dates", "dates": "mentions"}.get(c.table)
        if c.action == "accept":
            continue
        if c.action == "reject":
            out[c.table] = [r for r in rows if not _matches(c.table, r, c.key)]
            if twin in out:
                out[twin] = [r for r in out[twin] if not _matches(twin, r, c.key)]
        else:  # set
            value = _coerce(c.field, c.value)
            for r in hits:
                r[c.field] = value
                _touched(c.table, r, {c.field})
            if twin in out and c.field in SHARED:
                for r in out[twin]:
                    if _matches(twin, r, c.key):
                        r[c.field] = value
                        _touched(twin, r, {c.field})
    return out, orphans


def write_orphans(orphans: list[Correction], path: Path) -> int:
    """Write the corrections that matched no row as a CSV (header only when none); returns the count."""
    return write_csv(path, ORPHAN_COLUMNS, [
        {"line": c.line or "", "table": c.table, "key": c.key, "action": c.action, "field": c.field, "value": c.value,
         "reviewer": c.reviewer, "note": c.note, "when": c.when,
         "reason": (f"no row of {c.table} has {'|'.join(KEYS.get(c.table, ('key',)))} = {c.key}"
                    if c.table in KEYS else f"unknown table {c.table}")}
        for c in orphans])
