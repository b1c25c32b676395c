"""Review stage: static, self-contained HTML pages to audit what the pipeline extracted.

`render_reports` writes `index.html` (documents, partnerships, a map, a timeline and a network
of partnerships, all inline SVG) and one page per document under `doc/<doc_id>.html` with the
normalized text, every mention highlighted by type, the agreements and their evidence.
No network, no CDN: the pages open from disk, and the same inputs give byte-identical pages.

The package: `load` reads the tables, `page` makes a document's page, `index` and `figures`
the index page, `markup` holds what they share; the markup itself, its CSS and its script are
the Jinja2 templates under `templates/`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pipeline.cache import stage_sources
from pipeline.io import atomic_write_text, paused_gc, read_json, write_json
from pipeline.review.figures import edtf_year
from pipeline.review.index import render_index
from pipeline.review.load import DIGEST_TABLES, TableRows, by_doc, doc_text, documents, load_tables
from pipeline.review.markup import slug
from pipeline.review.page import Span, render_document, render_text
from pipeline.review.scans import SCAN_DIR, doc_scans, ocr_keys, scan_figures, sync_scans

__all__ = ["REPORT_SOURCES", "Span", "TableRows", "edtf_year", "render_document", "render_index", "render_reports",
           "render_text", "review_path"]

# the files whose content decides what a page holds: the modules the package imports and the templates it reads
REPORT_SOURCES = stage_sources("pipeline.review")


@paused_gc()
def render_reports(tables_dir: Path, docs_dir: Path, out_dir: Path, *, offsets: Path | None = None) -> list[Path]:
    """Write `out_dir/index.html`, `out_dir/doc/<doc_id>.html` and `out_dir/documents.json`.

    Returns the HTML pages written (index first). Pages of documents no longer in the tables
    are removed, so the directory always matches its inputs. `offsets`: written by the tables
    stage; when they match the tables, a document's mentions are read only for its page, and its
    rows' digests are taken from them instead of hashing the tables document by document.
    """
    tables, per_doc = load_tables(tables_dir, offsets)
    docs = documents(tables, docs_dir)
    mentions, agreements, sectors = per_doc["mentions"], per_doc["agreements"], per_doc["sectors"]
    cities = by_doc(tables["cities"])
    doc_dir = out_dir / "doc"
    written: list[Path] = []
    lookup = []
    key = _report_key()
    ingested = _ingest_fingerprints(docs_dir)
    scanned = ocr_keys(docs_dir)
    for d in docs:
        did = str(d["doc_id"])
        path = doc_dir / f"{slug(did)}.html"
        fp = _page_fingerprint(key, d, [per_doc[name].digest(did) for name in DIGEST_TABLES], docs_dir, did, ingested)
        stamp = f"<!-- kotakembar fingerprint {fp} -->\n"
        if not _page_has(path, stamp):  # unchanged inputs: the page on disk is the one this run would write
            text, page_starts = doc_text(docs_dir, did)
            figures = scan_figures(docs_dir, doc_scans(docs_dir, did)) if did in scanned else None
            atomic_write_text(path, render_document(d, text, page_starts, mentions.rows(did), agreements.rows(did),
                                                    cities.get(did, []), sectors.rows(did), scans=figures) + stamp)
        written.append(path)
        lookup.append({"doc_id": did, "file": str(d.get("file") or ""), "sha256": str(d.get("sha256") or ""),
                       "page": f"doc/{path.name}"})
    sync_scans(docs_dir, doc_dir / SCAN_DIR, {k for d in docs for k in scanned.get(str(d["doc_id"]), [])})
    keep = {p.name for p in written}
    if doc_dir.is_dir():
        for old in sorted(doc_dir.glob("*.html")):
            if old.name not in keep:
                old.unlink()
    index = out_dir / "index.html"
    atomic_write_text(index, render_index(docs, tables, {str(d["doc_id"]) for d in docs}))
    write_json(out_dir / "documents.json", lookup)
    return [index, *written]


def _report_key() -> str:
    """The code part of every page's fingerprint."""
    from pipeline import __version__
    from pipeline.cache import code_digest, run_key

    return run_key(stage="report", version=__version__, code=code_digest(REPORT_SOURCES))


def _page_fingerprint(key: str, doc: dict[str, Any], digests: list[str], docs_dir: Path, doc_id: str,
                      ingested: dict[str, str]) -> str:
    """Hash of everything a document's page is made from: its rows (their digests), its ingested files, the code.

    `ingested`: ingest's fingerprint per doc_id (index.json), which stands for the ingested files'
    content; files without one are hashed.
    """
    h = hashlib.sha256(key.encode())
    h.update(json.dumps([sorted(doc.items()), digests], ensure_ascii=False, default=str).encode())
    if ingested.get(doc_id):
        h.update(b"\0ingest:" + ingested[doc_id].encode())
        return h.hexdigest()
    for name in (f"{doc_id}.json", f"{doc_id}.txt"):
        f = docs_dir / name
        h.update(b"\0" + (hashlib.sha256(f.read_bytes()).digest() if f.is_file() else b"-"))
    return h.hexdigest()


def _ingest_fingerprints(docs_dir: Path) -> dict[str, str]:
    """doc_id -> ingest fingerprint, from index.json (empty when absent or without fingerprints)."""
    from pipeline.cache import ingest_fingerprints

    try:
        return ingest_fingerprints(read_json(docs_dir / "index.json"))
    except (OSError, ValueError, TypeError):
        return {}


def _page_has(path: Path, stamp: str) -> bool:
    """Does the page on disk end with this fingerprint stamp?"""
    want = stamp.encode()
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            size = f.tell()
            if size < len(want):
                return False
            f.seek(size - len(want))
            return f.read() == want
    except OSError:
        return False


def review_path(reports_dir: Path, doc: str) -> Path:
    """The report page of DOC, given as doc_id (or a unique prefix), file name or path.

    A path to an existing input file also resolves by its content hash, so a renamed file still
    finds its page. Raises LookupError naming the known documents when nothing (or more than one
    document) matches.
    """
    doc = str(doc).strip()
    lookup_path = reports_dir / "documents.json"
    entries: list[dict[str, str]] = read_json(lookup_path) if lookup_path.exists() else [
        {"doc_id": p.stem, "file": "", "sha256": "", "page": f"doc/{p.name}"}
        for p in sorted((reports_dir / "doc").glob("*.html"))]

    def page(e: dict[str, str]) -> Path:
        return reports_dir / e["page"]

    p = Path(doc)
    candidates = [doc, p.name, p.stem]
    if p.name.endswith(".meta.yaml"):
        candidates.append(p.name[: -len(".meta.yaml")])
    for c in candidates:
        hits = [e for e in entries if c and c == e["doc_id"]]
        if hits:
            return page(hits[0])
    for key in (doc, p.name):
        hits = [e for e in entries if e["file"] and (e["file"] == key or Path(e["file"]).name == key
                                                     or Path(e["file"]).as_posix().endswith("/" + p.as_posix()))]
        if len({e["doc_id"] for e in hits}) == 1:
            return page(hits[0])
        if len(hits) > 1:
            raise LookupError(f"{doc}: matches several documents: " + ", ".join(
                f"{e['doc_id']} ({e['file']})" for e in hits) + ". Pass the doc_id.")
    if p.is_file():
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        hits = [e for e in entries if e["doc_id"] == digest[:16] or e.get("sha256") == digest]
        if hits:
            return page(hits[0])
    if len(doc) >= 4 and re.fullmatch(r"[0-9a-fA-F]+", doc):
        hits = [e for e in entries if e["doc_id"].startswith(doc.lower())]
        if len(hits) == 1:
            return page(hits[0])
    known = ", ".join(f"{e['doc_id']} ({Path(e['file']).name})" if e["file"] else e["doc_id"] for e in entries[:20])
    more = f" and {len(entries) - 20} more" if len(entries) > 20 else ""
    raise LookupError(f"{doc}: no report page under {reports_dir}. Known documents: {known or 'none'}{more}."
                      + ("" if entries else " Run the review stage first."))
