"""The corrections file as the app writes it: every decision appended at once under a file lock, atomically, and undone by its stamp."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from pipeline.corrections import CSV_COLUMNS, Correction, CorrectionError, load_corrections
from pipeline.io import atomic_write_bytes

LOCK_TIMEOUT = 10.0  # seconds a writer waits for another one (two tabs, two reviewers) before giving up

_stamp_lock = threading.Lock()
_last_stamp: list[datetime] = []


class StoreError(RuntimeError):
    """The corrections file could not be read or written (locked too long, unreadable)."""


def lock_path(path: Path) -> Path:
    """The lock file beside the corrections file (git-ignored)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the corrections file's lock: every writer, in any process, takes it before reading and replacing the file."""
    try:
        with FileLock(str(lock_path(path)), timeout=timeout):
            yield
    except Timeout:
        raise StoreError(f"{path}: another writer has held its lock ({lock_path(path)}) for over {timeout:g} s; "
                         "try again") from None


def stamp() -> str:
    """The `when` of a decision: UTC, microseconds, strictly increasing within this process (it names the decision for undo)."""
    with _stamp_lock:
        now = datetime.now(UTC)
        if _last_stamp and now <= _last_stamp[0]:  # the clock did not move (or went back)
            now = _last_stamp[0] + timedelta(microseconds=1)
        _last_stamp[:] = [now]
        return now.isoformat(timespec="microseconds").replace("+00:00", "Z")


def _records(text: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of every CSV record of `text`, lines counted from 0."""
    out = []
    reader = csv.reader(io.StringIO(text, newline="\n"))  # lines end at \n only, as `_lines` splits them
    prev = 0
    for cells in reader:
        out.append((prev, reader.line_num - 1, cells))
        prev = reader.line_num
    return out


def _header_at(records: list[tuple[int, int, list[str]]]) -> int | None:
    """Index of the header record: the first that is neither empty nor a `#` comment (as load_corrections reads it)."""
    for i, (_, _, cells) in enumerate(records):
        if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
            return i
    return None


def _lines(text: str) -> list[str]:
    """Physical lines with their terminators (only \\n and \\r\\n end a line, as for the csv module)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _row_text(header: list[str], row: dict[str, Any], newline: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerow(["" if row.get(h) is None else str(row.get(h)) for h in header])
    return buf.getvalue()


def append(path: Path, rows: list[dict[str, Any]]) -> None:
    """Append correction lines (dicts of CSV_COLUMNS) to `path` in one atomic replace, under the lock.

    The file keeps its comments, its lines and its column order; a header lacking a column of
    CSV_COLUMNS (an older file without `when`) gets it at the end.
    """
    with locked(path):
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        newline = "\r\n" if "\r\n" in text else "\n"
        records = _records(text)
        at = _header_at(records)
        lines = _lines(text)
        if at is None:
            header = list(CSV_COLUMNS)
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += newline
            lines.append(",".join(header) + newline)
        else:
            first, last, cells = records[at]
            header = [h.strip().lower() for h in cells]
            missing = [c for c in CSV_COLUMNS if c not in header]
            if missing:
                if first != last:
                    raise StoreError(f"{path}: its header spans several lines; fix it by hand")
                header += missing
                lines[first] = ",".join(cells + missing) + (newline if lines[first].endswith("\n") else "")
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += newline
        lines.extend(_row_text(header, r, newline) for r in rows)
        atomic_write_bytes(path, "".join(lines).encode("utf-8"))


def remove(path: Path, reviewer: str, when: str) -> int:
    """Remove the lines of one decision (its reviewer and stamp) in one atomic replace, under the lock; returns how many."""
    with locked(path):
        if not path.exists():
            return 0
        text = path.read_text(encoding="utf-8-sig")
        records = _records(text)
        at = _header_at(records)
        if at is None:
            return 0
        header = [h.strip().lower() for h in records[at][2]]
        if "when" not in header or "reviewer" not in header:
            return 0
        iw, ir = header.index("when"), header.index("reviewer")
        hits = [(first, last) for first, last, cells in records[at + 1:]
                if len(cells) > max(iw, ir) and cells[iw].strip() == when and cells[ir].strip() == reviewer]
        if hits:
            drop = {i for first, last in hits for i in range(first, last + 1)}
            lines = _lines(text)
            atomic_write_bytes(path, "".join(line for i, line in enumerate(lines) if i not in drop).encode("utf-8"))
        return len(hits)


def read(path: Path) -> tuple[list[Correction], str]:
    """The corrections in the file and, when it cannot be read as corrections, the message why (then no corrections)."""
    try:
        return load_corrections(path), ""
    except (CorrectionError, OSError, UnicodeDecodeError) as e:
        return [], str(e)
