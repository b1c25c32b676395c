"""Run every benchmark and print their figures: PDF ingestion, places, then the whole pipeline.

    .venv/bin/python benchmarks/run_all.py [--quick] [--gazetteer DIR]

`--quick` uses small sizes (a minute or two); without it the pipeline benchmark includes the
`dvc repro` measurement on 500 documents (several minutes). Each benchmark runs in its own
process, so one's memory and caches do not colour the next one's figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="Small sizes, no 500-document DVC run")
    ap.add_argument("--gazetteer", type=Path, default=None, help="A prebuilt gazetteer (else each benchmark builds one)")
    args = ap.parse_args()
    gaz = ["--gazetteer", str(args.gazetteer)] if args.gazetteer else []
    runs = [
        ("PDF ingestion", [str(HERE / "bench_ingest.py"), "--pages", "50" if args.quick else "200"]),
        ("places", [str(HERE / "bench_places.py"), "--words", "50000" if args.quick else "200000", *gaz]),
        ("pipeline", [str(HERE / "bench.py"), *gaz,
                      *(["--docs", "20", "--pdf-pages", "30", "--repro-corpus", "50"] if args.quick else [])]),
    ]
    failed = 0
    for title, cmd in runs:
        print(f"== {title}", flush=True)
        rc = subprocess.call([sys.executable, *cmd], cwd=REPO)
        if rc:
            print(f"   ({title} exited with {rc})", flush=True)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
