"""OCR benchmark: the real-text dev documents as scans, scored beside the text path; OCR pages/s per core.

Each dev text (gold/real/dev/, texts restored into gold/real/texts as gold/README.md says)
is drawn onto A4 pages by scripts/make_scans.py at 200, 250 or 300 dpi with a running header and
page numbers, grey ink on grey paper, a purple stamp and a blue signature over the text of the
first page, 0.5-1.5 degree skew, noise and JPEG compression, and saved as an image-only PDF. Then
both the texts and the scans go through `kotakembar extract` and are scored with the project's
evaluator against the same gold (a copy naming the PDFs), and the five F1s are printed side by
side with the target |ΔF1| <= 0.05. The OCR figures come from the scans' ingest with an empty
OCR cache: pages per second of wall time with the worker processes, and pages per CPU second
(this process and every child, Tesseract included), i.e. per core.

The scans, tables and gold copy stay in the work folder (default interim/ocr_bench, git-ignored);
scans whose text and style did not change are not drawn again.

    python benchmarks/ocr_bench.py [--limit N] [--jobs N] [--workdir DIR] [--reuse-ocr]

(`make bench-ocr` runs it with the defaults.)
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import json
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: the checkout's pipeline package
    sys.path.insert(0, str(REPO))

TARGET_DELTA = 0.05
DPIS = (200, 250, 300)


def _scans_module() -> Any:
    """scripts/make_scans.py, loaded once."""
    if "make_scans" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_scans", REPO / "scripts" / "make_scans.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_scans"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["make_scans"]


def scan_style(k: int) -> Any:
    """The scan style of the k-th document: resolution, skew (both directions) and seed vary with it."""
    ms = _scans_module()
    skew = (0.5 + 0.5 * (k % 3)) * (1 if k % 2 == 0 else -1)
    return replace(ms.ScanStyle(), dpi=DPIS[k % len(DPIS)], skew=skew, seed=k)


def _draw(text_path: str, pdf_path: str, k: int) -> str:
    """Draw one text as a scanned PDF (runs in worker processes)."""
    ms = _scans_module()
    ms.scan_text_to_pdf(Path(text_path).read_text(encoding="utf-8"), Path(pdf_path), scan_style(k))
    return pdf_path


def render_scans(texts: list[Path], out: Path, jobs: int) -> list[Path]:
    """Every text as `out/<stem>.pdf`; a scan whose text, style and drawing code are unchanged is kept."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    code = hashlib.sha256((REPO / "scripts" / "make_scans.py").read_bytes()).hexdigest()
    todo = []
    pdfs = []
    for k, t in enumerate(texts):
        pdf = out / f"{t.stem}.pdf"
        key = hashlib.sha256(f"{code}\0{scan_style(k)!r}\0".encode() + t.read_bytes()).hexdigest()
        pdfs.append(pdf)
        if manifest.get(pdf.name) != key or not pdf.is_file():
            todo.append((str(t), str(pdf), k))
            manifest[pdf.name] = key
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(_draw, *zip(*todo)))
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return pdfs


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (Tesseract, the ingest workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _word_accuracy(reference: str, ocr: str) -> tuple[int, int]:
    """(words of the reference matched in order in the OCR text, words of the reference)."""
    a, b = reference.split(), ocr.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()), len(a)


def run_ocr_bench(gold: Path, texts_dir: Path, workdir: Path, *, gazetteer: Path | None = None, jobs: int = 2,
                  limit: int = 0, reuse_ocr: bool = False, log: Any = print) -> dict[str, Any]:
    """Draw the scans, extract texts and scans, score both; the figures as a dict."""
    from pipeline.annotate import annotate
    from pipeline.cli import _extract
    from pipeline.evaluate import METRICS, evaluate, load_gold
    from pipeline.ingest import ingest
    from pipeline.ingest.ocr import engine
    from pipeline.realcorpus import texts_of
    from pipeline.tables import tables

    engine()  # OcrUnavailable, with the install command, before anything is drawn
    docs = load_gold(gold)[: limit or None]
    texts = texts_of(gold, texts_dir)[: limit or None]
    workdir.mkdir(parents=True, exist_ok=True)
    sub_gold = workdir / "gold_texts.jsonl"
    sub_gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    scan_gold = workdir / "gold_scans.jsonl"
    scan_gold.write_text("".join(json.dumps({**d, "file": f"{Path(str(d['file'])).stem}.pdf"}, ensure_ascii=False) + "\n"
                                 for d in docs), encoding="utf-8")
    t0 = time.monotonic()
    pdfs = render_scans(texts, workdir / "scans", jobs)
    log(f"scans ready in {time.monotonic() - t0:.1f} s: {workdir / 'scans'}")
    gaz = gazetteer or (REPO / "models" / "gazetteer" if (REPO / "models" / "gazetteer" / "gazetteer.msgpack").is_file()
                        else None)

    text_out = workdir / "text"
    _extract(texts, text_out, gaz, True, jobs)
    scan_out = workdir / "scan"
    if not reuse_ocr and scan_out.exists():
        shutil.rmtree(scan_out)
    docs_dir = scan_out / "interim" / "docs"
    cpu0, wall0 = _cpu(), time.monotonic()
    ingested = ingest(pdfs, docs_dir, jobs=jobs)
    wall, cpu = time.monotonic() - wall0, _cpu() - cpu0
    index = json.loads((docs_dir / "index.json").read_text(encoding="utf-8"))
    pages = sum(int(e.get("pages") or 0) for e in index)
    gaz_dir = gaz or text_out / "interim" / "gazetteer"
    annotate(docs_dir, gaz_dir, scan_out / "interim" / "mentions", jobs=jobs)
    tables(docs_dir, scan_out / "interim" / "mentions", scan_out)

    text_report, scan_report = evaluate(sub_gold, text_out), evaluate(scan_gold, scan_out)
    matched = total = 0
    text_index = {Path(e["file"]).stem: e["doc_id"] for e in
                  json.loads((text_out / "interim" / "docs" / "index.json").read_text(encoding="utf-8"))}
    for e in index:
        ref = text_out / "interim" / "docs" / f"{text_index.get(Path(e['file']).stem, '')}.txt"
        got = docs_dir / f"{e['doc_id']}.txt"
        if ref.is_file() and got.is_file():
            m, n = _word_accuracy(ref.read_text(encoding="utf-8"), got.read_text(encoding="utf-8"))
            matched, total = matched + m, total + n
    res: dict[str, Any] = {
        "documents": len(docs), "pages": pages, "jobs": jobs, "ocr_wall_s": round(wall, 2), "ocr_cpu_s": round(cpu, 2),
        "ocr_pages_per_s": round(pages / wall, 3) if wall else 0.0,
        "ocr_pages_per_cpu_s": round(pages / cpu, 3) if cpu else 0.0,
        "word_accuracy": round(matched / total, 4) if total else 0.0,
        "statuses": {s: sum(d.status == s for d in ingested) for s in ("ok", "warning", "failed")},
        "reused_ocr": reuse_ocr,
    }
    for m in METRICS:
        t, s = text_report.totals[m].as_dict(), scan_report.totals[m].as_dict()
        res[m] = {"text": t, "scan": s, "delta_f1": round(s["f1"] - t["f1"], 4)}
    return res


def format_ocr_bench(r: dict[str, Any]) -> str:
    """The figures as the benchmark prints them."""
    from pipeline.evaluate import METRICS

    lines = [f"OCR benchmark: {r['documents']} real dev documents as scans ({'/'.join(map(str, DPIS))} dpi, noise, "
             "0.5-1.5° skew, stamp and signature over the text)",
             f"OCR'd pages:       {r['pages']} in {r['ocr_wall_s']:.1f} s wall with {r['jobs']} worker process(es)"
             + (" (from the OCR cache: --reuse-ocr)" if r["reused_ocr"] else ""),
             f"OCR pages/s:       {r['ocr_pages_per_s']:.2f} wall, {r['ocr_pages_per_cpu_s']:.2f} per core "
             f"(pages per CPU second, Tesseract included: {r['ocr_cpu_s']:.1f} CPU s)",
             f"word accuracy:     {100 * r['word_accuracy']:.1f} % of the text path's words found in order in the OCR text",
             "documents:         " + ", ".join(f"{v} {k}" for k, v in r["statuses"].items()),
             "",
             f"{'':14}{'text path':>23}  {'scans (OCR)':>23}  {'ΔF1':>7}  target |ΔF1| <= {TARGET_DELTA}",
             f"{'':14}{'P':>7}{'R':>8}{'F1':>8}  {'P':>7}{'R':>8}{'F1':>8}"]
    for m in METRICS:
        t, s, d = r[m]["text"], r[m]["scan"], r[m]["delta_f1"]
        ok = "ok" if abs(d) <= TARGET_DELTA else "MISSED"
        lines.append(f"{m:14}{t['precision']:7.3f} {t['recall']:7.3f} {t['f1']:7.3f}  "
                     f"{s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f}  {d:+7.3f}  {ok}")
    return "\n".join(lines)


def main(
    gold: Path = typer.Option(REPO / "gold" / "real" / "dev", "--gold", help="Gold of the documents to scan"),
    texts: Path = typer.Option(REPO / "gold" / "real" / "texts", "--texts", help="Their restored texts"),
    workdir: Path = typer.Option(REPO / "interim" / "ocr_bench", "--workdir", help="Scans, tables and gold copy"),
    gazetteer: Path = typer.Option(None, "--gazetteer", help="A prebuilt gazetteer (default models/gazetteer)"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    limit: int = typer.Option(0, "--limit", help="Only the first N documents (0: all)"),
    reuse_ocr: bool = typer.Option(False, "--reuse-ocr", help="Keep the OCR cache of the last run (scores only)"),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures here (JSON)"),
) -> None:
    """Score the dev documents as scans beside their text path and print OCR pages/s per core."""
    from pipeline.cache import default_jobs
    from pipeline.ingest.ocr import OcrUnavailable

    try:
        res = run_ocr_bench(gold, texts, workdir, gazetteer=gazetteer, jobs=jobs or default_jobs(), limit=limit,
                            reuse_ocr=reuse_ocr, log=lambda m: typer.echo(m, err=True))
    except (FileNotFoundError, OcrUnavailable) as e:
        typer.secho(f"error: {e}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    typer.echo(format_ocr_bench(res))
    if json_out:
        json_out.write_text(json.dumps(res, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    typer.run(main)
