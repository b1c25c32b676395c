"""Benchmark PDF ingestion: pages/s of ingest_file vs pdfplumber and raw pypdfium2 text extraction.

Usage: python benchmarks/bench_ingest.py [--pages 200] [--repeat 3]
Generates a thesis-like PDF (running header/footer, page numbers, footnotes, headings, a ruled
table every 20 pages) with reportlab in a temporary folder; all timings are single-process.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SUBJECTS = ["Pemerintah Kota Bandung", "Kota Surabaya", "Pemerintah Provinsi Jawa Tengah", "Kota Medan",
            "Dinas Pariwisata", "Badan Kerja Sama Daerah", "Kota kembar di Jepang", "Delegasi dari Busan"]
VERBS = ["menjajaki kerja sama", "memperpanjang nota kesepahaman", "mengirim pelajar", "membahas rencana aksi",
         "menyelenggarakan festival budaya", "menukar pengalaman tata kelola", "meninjau hasil kunjungan"]
OBJECTS = ["di bidang pendidikan dan kebudayaan", "untuk sektor pelabuhan", "dalam pengelolaan sampah kota",
           "bagi pelaku usaha kecil", "pada tahun anggaran berikutnya", "dengan dukungan kementerian"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."


def make_pdf(path: Path, pages: int, seed: int = 7) -> None:
    """Write a thesis-like PDF with `pages` pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    width, height = A4
    left, right = 85, width - 72
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    note = 0
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(left, height - 40, "Kerja Sama Kota Kembar di Indonesia")
        c.drawRightString(right, height - 40, "Skripsi 2021")
        c.drawCentredString(width / 2, 36, str(n))
        y = height - 90
        if n % 20 == 1:
            c.setFont("Times-Bold", 14)
            c.drawCentredString(width / 2, y, f"BAB {['I', 'II', 'III', 'IV', 'V'][(n // 20) % 5]}")
            y -= 40
        if n % 20 == 10:
            xs = [left, left + 140, left + 280, right]
            ys = [y, y - 22, y - 44, y - 66, y - 88]
            c.grid(xs, ys)
            c.setFont("Times-Roman", 11)
            for i in range(4):
                for j in range(3):
                    c.drawString(xs[j] + 4, ys[i] - 15, f"Sel {i}-{j} data")
            y = ys[-1] - 30
        has_note = n % 3 == 0
        bottom = 130 if has_note else 70
        marked = False
        c.setFont("Times-Roman", 12)
        while y > bottom:
            para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
            wrapped = simpleSplit(para, "Times-Roman", 12, right - left - 36)
            for k, ln in enumerate(wrapped):
                if y <= bottom:
                    break
                t = c.beginText(left + (36 if k == 0 else 0), y)
                t.setFont("Times-Roman", 12)
                t.textOut(ln)
                if has_note and not marked and ln.endswith("."):
                    # the footnote marker: raised, smaller digits right after the sentence
                    t.setRise(5)
                    t.setFont("Times-Roman", 7)
                    t.textOut(str(note + 1))
                    t.setRise(0)
                    marked = True
                c.drawText(t)
                y -= 21
            y -= 8
        if has_note:
            note += 1
            c.line(left, 112, left + 150, 112)
            c.setFont("Times-Roman", 9)
            c.drawString(left, 100, f"{note} Wawancara dengan staf bagian kerja sama, diakses pada {rng.randint(1, 28)} Mei 2020.")
        c.showPage()
    c.save()


def _rate(fn, pages: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return pages / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.ingest import ingest_file

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "bench_thesis.pdf"
        t0 = time.perf_counter()
        make_pdf(pdf, args.pages)
        print(f"generated {args.pages}-page PDF ({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
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
              f"({linked} with marker), "
              f"{len(doc.tables)} tables, sections {[s.kind for s in doc.sections][:6]}...")
        import pipeline.ingest.pdf as ing

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
        print(f"single process; os.cpu_count()={os.cpu_count()}; best of {args.repeat}")
        print(f"{'method':<42}{'pages/s':>10}{'pages/s/core':>14}")
        for name, fn, rep in (
            ("(a) pipeline.ingest.ingest_file", ours, args.repeat),
            ("(b) pdfplumber page.extract_text()", plumber, 1),
            ("(c) pypdfium2 get_textpage().get_text_range()", pdfium_raw, args.repeat),
        ):
            rate = _rate(fn, args.pages, rep)
            # one process uses one core, so pages/s and pages/s/core coincide
            print(f"{name:<42}{rate:>10.1f}{rate:>14.1f}")


if __name__ == "__main__":
    main()
