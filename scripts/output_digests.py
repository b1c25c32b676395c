"""Digests of what the pipeline writes for the sample corpus and the seeds: `python scripts/output_digests.py [--write]`.

The tables, `datapackage.json`, the review pages (without their code-fingerprint stamp) and the
sample's metrics, each as a SHA-256, in `tests/fixtures/output_digests.json`. A refactoring must
leave them unchanged (`tests/test_outputs.py`); a change meant to alter the outputs rewrites them
with `--write`, and the diff of that file shows which outputs moved.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "output_digests.json"
CORPORA = {"sample": ROOT / "raw", "seeds": ROOT.parent / "shared" / "seeds"}
_STAMP = re.compile(rb"<!-- kotakembar fingerprint [^>]* -->\n")


def digests(corpus: Path, work: Path, gazetteer: Path | None = None) -> dict[str, str]:
    """SHA-256 of every table, datapackage.json and review page (stamp removed) for one corpus."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.review import render_reports

    args = ["extract", str(corpus), "--out", str(work), "--silent", "--jobs", "1"]
    result = CliRunner().invoke(app, args + (["--gazetteer", str(gazetteer)] if gazetteer else []))
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    render_reports(work, work / "interim" / "docs", work / "reports")
    out = {}
    for path in sorted([*work.glob("*.csv"), work / "datapackage.json", *(work / "reports").rglob("*.html")]):
        out[str(path.relative_to(work))] = hashlib.sha256(_STAMP.sub(b"", path.read_bytes())).hexdigest()
    return out


def all_digests(gazetteer: Path | None = None) -> dict[str, dict[str, str]]:
    """Digests of every corpus that is present."""
    found = {}
    for name, corpus in CORPORA.items():
        if corpus.is_dir():
            with tempfile.TemporaryDirectory() as tmp:
                found[name] = digests(corpus, Path(tmp) / "out", gazetteer)
    return found


if __name__ == "__main__":
    now = all_digests()
    if "--write" in sys.argv:
        FIXTURE.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written {FIXTURE}")
    else:
        old = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.exists() else {}
        moved = [f"{c}/{k}" for c in now for k in sorted(set(now[c]) | set(old.get(c, {})))
                 if now[c].get(k) != old.get(c, {}).get(k)]
        print("\n".join(moved) or "all outputs as recorded")
