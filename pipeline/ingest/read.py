"""One file into an IngestedDoc: the reader by format, the limits, and failures worded for a data person."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.cache import sha256_file
from pipeline.ingest.assemble import _assemble, _sections
from pipeline.ingest.docx import _parse_docx
from pipeline.ingest.encoding import _decode
from pipeline.ingest.limits import _MAX_BYTES, _MAX_CHARS, _MAX_PAGES, _MAX_SECONDS, _Fail, _Limits, _TimeUp, _with_deadline
from pipeline.ingest.metadata import _metadata, _sidecar
from pipeline.ingest.ocr import OcrOptions, summary
from pipeline.ingest.pdf import _parse_pdf
from pipeline.ingest.text import _parse_text
from pipeline.types import IngestedDoc, doc_id_for

FORMATS = {".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx"}


def ingest_file(path: Path, *, max_bytes: int = _MAX_BYTES, meta_sidecar: bool = True, max_pages: int | None = _MAX_PAGES,
                max_seconds: float | None = _MAX_SECONDS, max_chars: int | None = _MAX_CHARS,
                ocr: OcrOptions | None = None) -> IngestedDoc:
    """Read one input file into an IngestedDoc; bad input gives status 'failed' and a reason, never an exception.

    Limits per document (None or 0: no limit): a file over `max_bytes` fails; a PDF is read up to
    `max_pages` pages (status 'warning', truncated); reading stops taking new PDF pages after half of
    `max_seconds` (warning, truncated) and gives up at `max_seconds` (failed); text longer than
    `max_chars` characters fails. PDF pages without a text layer are read by OCR (`ocr`: its cache
    folder and processes; by default no cache, one process).
    """
    path = Path(path)
    return _ingest_path(path, path.as_posix(), max_bytes=max_bytes, meta_sidecar=meta_sidecar,
                        limits=_Limits(max_pages, max_seconds, max_chars), ocr=ocr)


def _ingest_path(path: Path, label: str, *, max_bytes: int, meta_sidecar: bool, data: bytes | None = None,
                 limits: _Limits | None = None, ocr: OcrOptions | None = None) -> IngestedDoc:
    """ingest_file with the stored file name chosen by the caller (and the bytes, when already read)."""
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix, suffix.lstrip("."))
    doc = IngestedDoc(doc_id="", file=label, sha256="", format=fmt)
    try:
        if data is None:
            size = path.stat().st_size
            if size > max_bytes:
                doc.sha256 = sha256_file(path)
                doc.doc_id = doc_id_for(doc.sha256)
                return _failed(doc, f"file too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB)")
            data = path.read_bytes()
    except OSError as e:
        return _failed(doc, f"cannot read the file: {e.strerror or e}")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.doc_id = doc_id_for(doc.sha256)
    if len(data) > max_bytes:
        return _failed(doc, f"file too large: {len(data) / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB)")
    warnings: list[str] = []
    limits = _Limits(limits.max_pages, limits.max_seconds, limits.max_chars) if limits else _Limits()  # clock starts now
    try:
        _with_deadline(lambda: _fill(doc, data, suffix, warnings, limits, ocr), limits.max_seconds)
    except _TimeUp:
        _clear(doc)
        doc.status, doc.message = "failed", (
            f"gave up after {limits.max_seconds:g} s (the time limit per document): the file is too slow to read — "
            "it may be damaged or unusually built; split it, or raise the limit")
        warnings = [w for w in warnings if not w.startswith("truncated")]
    except _Fail as e:
        doc.status, doc.message = "failed", str(e)
    except Exception as e:  # noqa: BLE001 - the contract is: never raise for bad input
        doc.status, doc.message = "failed", f"could not read this {fmt or 'file'}: {type(e).__name__}: {e}"[:300]
    if meta_sidecar:
        side, warn = _sidecar(path)
        doc.meta.update(side)
        if warn:
            warnings.append(warn)
    if warnings and doc.status != "failed":
        doc.status = "warning"
        doc.message = "; ".join(x for x in [doc.message, *warnings] if x)
    elif warnings and doc.status == "failed":
        doc.message = "; ".join([doc.message, *warnings])
    return doc


def _clear(doc: IngestedDoc) -> None:
    """Drop whatever a reader interrupted half-way left in `doc`."""
    fresh = IngestedDoc(doc_id=doc.doc_id, file=doc.file, sha256=doc.sha256, format=doc.format)
    doc.__dict__.update(fresh.__dict__)


def _failed(doc: IngestedDoc, message: str) -> IngestedDoc:
    doc.status, doc.message = "failed", message
    return doc


def _fill(doc: IngestedDoc, data: bytes, suffix: str, warnings: list[str], limits: _Limits | None = None,
          ocr: OcrOptions | None = None) -> None:
    """Parse `data` by format and fill text, pages, sections, footnotes, tables and meta of `doc`."""
    limits = limits or _Limits()
    if suffix not in FORMATS:
        raise _Fail(f"unsupported file type '{suffix or '(no extension)'}' (supported: .pdf, .txt, .md, .docx)")
    if not data:
        raise _Fail("empty file (0 bytes)")
    fmt = FORMATS[suffix]
    if fmt == "pdf":
        parsed = _parse_pdf(data, limits, ocr)
    elif fmt == "docx":
        parsed = _parse_docx(data)
    else:
        text, note = _decode(data)
        if text.count("\ufffd") > 0.01 * max(1, len(text)) or _control_ratio(text) > 0.01:
            raise _Fail(f"binary data in a {suffix} file, not text")
        limits.check_chars(len(text))
        if note:
            doc.message = note
        parsed = _parse_text(text)
    warnings.extend(parsed.warnings)
    full, page_starts, spans, tables, footnotes, fn_span = _assemble(parsed)
    if not full.strip():
        raise _Fail("no text found in the file")
    limits.check_chars(len(full))
    sections = _sections(spans, full, fn_span, tables)
    doc.text = full
    doc.page_starts = page_starts
    doc.sections = sections
    doc.footnotes = footnotes
    doc.tables = tables
    doc.meta = _metadata(spans, sections)
    if parsed.ocr:
        doc.ocr = parsed.ocr
        doc.message = "; ".join(x for x in [doc.message, summary(parsed.ocr)] if x)


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, min(len(text), 100_000))
