"""Atomic, deterministic file writes shared by every stage."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

# Spreadsheets run a cell starting with one of these as a formula; a leading apostrophe
# neutralizes it and is dropped again by read_csv / pipeline.contract.read_tables (pandas).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never half of it."""
    with atomic_writer(path) as f:
        f.write(data)


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write `path` through, piece by piece: it replaces `path` only when the block ends well."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; tables are for everyone who shares the folder
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a stage loads many small acyclic rows.

    Collections triggered by object counts re-scanned every loaded row and cost the tables stage
    a quarter of its time; rows hold no reference cycles, so nothing is left for it to free.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    """Atomically write UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def dumps_json(obj: Any) -> str:
    """Canonical JSON: sorted keys, UTF-8, trailing newline."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# top-level keys a record writes first, whatever their name: a cached output's fingerprint is read
# from its first line, without reading the rest (hundreds of KB per document)
RECORD_FIRST = ("fingerprint",)


def dumps_record(obj: dict[str, Any]) -> str:
    """Canonical JSON for large per-document records: one top-level key per line (RECORD_FIRST, then sorted), values compact.

    The compact values go through json's C encoder (``indent`` forces the pure-Python one, which
    cost more than the annotation it wrote). A raw newline only ever separates top-level keys
    (newlines inside strings are escaped), so ``"key":value`` at a line start is a top-level key.
    """
    if not obj:
        return "{}\n"
    enc = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    keys = sorted(obj, key=lambda k: (k not in RECORD_FIRST, RECORD_FIRST.index(k) if k in RECORD_FIRST else 0, k))
    return "{\n" + ",\n".join(f"{enc(str(k))}:{enc(obj[k])}" for k in keys) + "\n}\n"


def write_json(path: Path, obj: Any, *, record: bool = False) -> None:
    """Atomically write canonical JSON (`record`: the compact per-document layout of `dumps_record`)."""
    atomic_write_text(path, dumps_record(obj) if record else dumps_json(obj))


def read_json(path: Path) -> Any:
    """Read a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def safe_cell(value: Any) -> str:
    """Render a cell as text, neutralizing spreadsheet formulas with a leading apostrophe."""
    cls = value.__class__
    if cls is str:  # the common case first: most cells are text
        if value and value[0] in _FORMULA_CHARS and not _is_number(value):
            return "'" + value
        return value
    if cls is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(round(value, 6))
    else:
        text = str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


_FORMULA_CHARS = frozenset(FORMULA_START)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def unsafe_cell(text: str) -> str:
    """Inverse of `safe_cell` for text cells."""
    if text[:1] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def csv_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> tuple[str, int]:
    """The CSV lines (no header) of `rows`, as `write_csv` writes them; returns (text, row count)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    n = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        n += 1
    return buf.getvalue(), n


def csv_header(columns: Sequence[str]) -> str:
    """The header line of a CSV written by `write_csv`."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(columns)
    return buf.getvalue()


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    """Atomically write an RFC 4180 CSV with a header row; returns the row count."""
    body, n = csv_rows(columns, rows)
    atomic_write_text(path, csv_header(columns) + body)
    return n


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV written by `write_csv`, undoing the formula guard (rows as `csv.DictReader` gives them)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            return []
        width = len(header)
        # a plain reader and zip: DictReader's per-row bookkeeping cost more than parsing here
        return [dict(zip(header, [unsafe_cell(v) if v[:1] == "'" else v for v in row])) if len(row) == width
                else _ragged_row(header, row) for row in reader if row]


def _ragged_row(header: list[str], row: list[str]) -> dict[str | None, Any]:
    """A row of another width than the header, as DictReader fills it (None for missing, extras under None)."""
    out: dict[str | None, Any] = {k: (unsafe_cell(v) if v is not None else None)
                                  for k, v in zip(header, row + [None] * (len(header) - len(row)))}  # type: ignore[operator]
    if len(row) > len(header):
        out[None] = row[len(header):]
    return out

