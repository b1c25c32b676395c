"""Run every benchmark and print their figures: PDF ingestion, places, then the whole pipeline.

    .venv/bin/python benchmarks/run_all.py [--quick] [--gazetteer DIR]

`--quick` uses small sizes (a minute or two); without it the pipeline benchmark includes the
`dvc repro` measurement on 500 documents (several minutes). Each benchmark runs in its own
process, so one's memory and caches do not colour the next one's figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def main(quick: bool = typer.Option(False, "--quick", help="Small sizes, no 500-document DVC run"),
         gazetteer: Path = typer.Option(None, help="A prebuilt gazetteer (else each benchmark builds one)")) -> None:
    """Run every benchmark in its own process and print their figures."""
    gaz = ["--gazetteer", str(gazetteer)] if gazetteer else []
    runs = [
        ("PDF ingestion", [str(HERE / "bench_ingest.py"), "--pages", "50" if quick else "200"]),
        ("places", [str(HERE / "bench_places.py"), "--words", "50000" if quick else "200000", *gaz]),
        ("pipeline", [str(HERE / "bench.py"), *gaz,
                      *(["--docs", "20", "--pdf-pages", "30", "--repro-corpus", "50"] if quick else [])]),
    ]
    failed = 0
    for title, cmd in runs:
        print(f"== {title}", flush=True)
        rc = subprocess.call([sys.executable, *cmd], cwd=REPO)
        if rc:
            print(f"   ({title} exited with {rc})", flush=True)
            failed += 1
    raise typer.Exit(1 if failed else 0)


if __name__ == "__main__":
    typer.run(main)
