"""Benchmark PDF ingestion: pages/s of ingest_file vs pdfplumber and raw pypdfium2 text extraction.

    python benchmarks/bench_ingest.py [--pages 200] [--repeat 3]

The PDF is ``corpus.make_pdf`` with a ruled table every 20 pages and a footnote every 3 pages, written
to a temporary folder; all timings are single-process.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import typer

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: this folder imports as the `benchmarks` package of the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import make_pdf  # noqa: E402


def _rate(fn: Callable[[], None], pages: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return pages / best


def bench_ingest(pages: int = 200, repeat: int = 3) -> dict[str, float]:
    """Pages/s of the three readers on one generated PDF (and the share of table finding), printed and returned."""
    import pdfplumber
    import pypdfium2 as pdfium

    import pipeline.ingest.pdf as ing
    from pipeline.ingest import ingest_file

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "bench_thesis.pdf"
        t0 = time.perf_counter()
        make_pdf(pdf, pages, seed=7, tables_every=20, footnotes_every=3)
        print(f"generated {pages}-page PDF ({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
        data = pdf.read_bytes()

        def ours() -> None:
            doc = ingest_file(pdf, meta_sidecar=False)
            assert doc.status == "ok", doc.message

        def plumber() -> None:
            with pdfplumber.open(io.BytesIO(data)) as pl:
                for page in pl.pages:
                    page.extract_text()

        def pdfium_raw() -> None:
            doc = pdfium.PdfDocument(data)
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                tp.get_text_range()
                tp.close()
                page.close()
            doc.close()

        doc = ingest_file(pdf, meta_sidecar=False)
        linked = sum(f.marker_start is not None for f in doc.footnotes)
        print(f"ingest_file: {len(doc.page_starts)} pages, {len(doc.text)} chars, {len(doc.footnotes)} footnotes "
              f"({linked} with marker), {len(doc.tables)} tables, sections {[s.kind for s in doc.sections][:6]}...")
        spent = [0.0]
        real = ing._pdf_tables

        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return real(*a, **kw)
            finally:
                spent[0] += time.perf_counter() - t

        ing._pdf_tables = timed
        t = time.perf_counter()
        ingest_file(pdf, meta_sidecar=False)
        total = time.perf_counter() - t
        ing._pdf_tables = real
        print(f"pdfplumber find_tables on the {len(doc.tables)} ruled pages: {spent[0]:.2f} s of {total:.2f} s "
              f"({100 * spent[0] / total:.0f}%)")
        print(f"single process; os.cpu_count()={os.cpu_count()}; best of {repeat}")
        print(f"{'method':<48}{'pages/s':>10}")
        rates = {}
        for name, fn, rep in (
            ("(a) pipeline.ingest.ingest_file", ours, repeat),
            ("(b) pdfplumber page.extract_text()", plumber, 1),
            ("(c) pypdfium2 get_textpage().get_text_range()", pdfium_raw, repeat),
        ):
            # one process uses one core: pages/s is pages/s per core
            rates[name] = _rate(fn, pages, rep)
            print(f"{name:<48}{rates[name]:>10.1f}")
        return rates


def main(pages: int = typer.Option(200, help="Pages of the generated PDF"),
         repeat: int = typer.Option(3, help="Best of this many runs")) -> None:
    """Pages/s of PDF ingestion against pdfplumber and pypdfium2."""
    bench_ingest(pages, repeat)


if __name__ == "__main__":
    typer.run(main)
