"""Scans beside OCR'd text: the page images ingest kept, copied beside the review pages, and their figures.

A page read by OCR shows, at its start in the text, the scan it was read from (a small grey PNG
under `doc/ocr/<key>.png`, named by the page's content hash, so the same inputs give the same
files), so a reviewer can check a date or a name against what the paper says.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pipeline.io import read_json
from pipeline.review.markup import CSP, render

SCAN_DIR = "ocr"  # beside the document pages, under doc/
# pages that show scans load them from beside themselves; every other page keeps CSP as it is
CSP_SCANS = CSP.replace("img-src data:", "img-src data: 'self'")
INGEST_OCR_DIR = "ocr"  # pipeline.ingest.run.OCR_DIR (not imported: the report does not load the ingest code)


def ocr_keys(docs_dir: Path) -> dict[str, list[str]]:
    """doc_id → the OCR cache keys of its pages, from ingest's index.json."""
    try:
        index = read_json(docs_dir / "index.json")
    except (OSError, ValueError):
        return {}
    return {str(e["doc_id"]): list(e["ocr"]) for e in index if isinstance(e, dict) and e.get("ocr") and e.get("doc_id")}


def doc_scans(docs_dir: Path, doc_id: str) -> list[dict[str, Any]]:
    """The OCR records of a document whose page image ingest kept, in page order."""
    try:
        records = read_json(docs_dir / f"{doc_id}.json").get("ocr") or []
    except (OSError, ValueError, AttributeError):
        return []
    return sorted((r for r in records if r.get("image") and (docs_dir / INGEST_OCR_DIR / r["image"]).is_file()),
                  key=lambda r: (r["page"], r["key"]))


def scan_figures(docs_dir: Path, scans: list[dict[str, Any]]) -> dict[int, str]:
    """1-based page → the figures (HTML, one line: the text is pre-wrapped) of its scans."""
    from PIL import Image

    out: dict[int, str] = {}
    for r in scans:
        with Image.open(docs_dir / INGEST_OCR_DIR / r["image"]) as im:
            width, height = im.size
        html = render("scan.html", src=f"{SCAN_DIR}/{r['image']}", page=r["page"], region=r.get("region"),
                      confidence=f"{float(r['confidence']):.2f}", words=r.get("words", 0), angle=r.get("angle", 0),
                      width=width, height=height)
        out[r["page"]] = out.get(r["page"], "") + html.strip("\n")
    return out


def sync_scans(docs_dir: Path, scan_dir: Path, keys: set[str]) -> None:
    """Copy the page images the pages show beside them, and remove the ones no page shows any more."""
    wanted = {f"{k}.png" for k in keys if (docs_dir / INGEST_OCR_DIR / f"{k}.png").is_file()}
    if wanted:
        scan_dir.mkdir(parents=True, exist_ok=True)
    for name in sorted(wanted):
        src, dst = docs_dir / INGEST_OCR_DIR / name, scan_dir / name
        if not dst.is_file() or dst.stat().st_size != src.stat().st_size:
            tmp = dst.with_suffix(".png.tmp")
            shutil.copyfile(src, tmp)
            tmp.replace(dst)
    if scan_dir.is_dir():
        for old in scan_dir.iterdir():
            if old.name not in wanted:
                old.unlink()
