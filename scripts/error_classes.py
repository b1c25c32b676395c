"""Compare the error classes of two error reports (`kotakembar real eval dev --errors`) as one Markdown table."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROW = re.compile(r"^\| (\w+) \| ([^|]+?) \| (\d+) \|$")


def classes(report: Path) -> Counter[tuple[str, str]]:
    """(metric, class) -> count, from the report's error-class table."""
    out: Counter[tuple[str, str]] = Counter()
    for line in report.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            out[(m.group(1), m.group(2))] = int(m.group(3))
    return out


def table(before: Path, after: Path) -> str:
    """Markdown rows: metric, class, count in `before`, count in `after`, largest `before` first."""
    a, b = classes(before), classes(after)
    keys = sorted(set(a) | set(b), key=lambda k: (-a[k], -b[k], k))
    rows = ["| metric | class | baseline | now |", "|---|---|---|---|"]
    rows += [f"| {k[0]} | {k[1]} | {a[k]} | {b[k]} |" for k in keys]
    rows.append(f"| all | total | {sum(a.values())} | {sum(b.values())} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table(Path(sys.argv[1]), Path(sys.argv[2])))
