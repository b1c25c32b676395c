"""OCR inside a PDF: which pages and pictures need it, and Tesseract's lines laid in as the page's text runs."""

from __future__ import annotations

import ctypes
from typing import Any

from pipeline.ingest.clean import _clean_chars, _squeeze
from pipeline.ingest.limits import _Fail, _Limits
from pipeline.ingest.ocr import OcrOptions, OcrPage, OcrTarget, OcrUnavailable, harmonise, ocr_pages, page_list, word_counts
from pipeline.ingest.records import _Box, _inside, _Run, _weighted_mode

# fewer characters than this in its text layer and a page is taken for a scan (a page number is not text)
_NO_TEXT = 20
# an image over this share of a page with text is read by OCR when no text lies on it (a scanned appendix)
_PICTURE_SHARE = 0.25
# an OCR'd image region with fewer words than this, or this little confidence, was a photo, not a scan of text
_PICTURE_MIN_WORDS, _PICTURE_MIN_CONF = 8, 0.6
# OCR line sizes this close to the page's median are taken as body text (Tesseract's line heights wobble by
# a few percent with ascenders and descenders; a bold title 15 % larger must stay apart)
_SNAP = 0.12
# OCR'd pages read with less confidence than this are named in the document's message
_LOW_CONF = 0.7


def _pictures(page: Any, c: Any, width: float, height: float, runs: list[_Run]) -> list[_Box]:
    """Boxes of the large images on a page with text that hold no text themselves (a scanned letter pasted in)."""
    boxes: list[_Box] = []
    lft, btm, rgt, tp = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for i in range(c.FPDFPage_CountObjects(page)):
        obj = c.FPDFPage_GetObject(page, i)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_IMAGE:
            continue
        c.FPDFPageObj_GetBounds(obj, lft, btm, rgt, tp)
        box = (max(0.0, lft.value), max(0.0, btm.value), min(width, rgt.value), min(height, tp.value))
        if (box[2] - box[0]) * (box[3] - box[1]) < _PICTURE_SHARE * width * height:
            continue
        inside = sum(len(r.text) for r in runs if _inside(r, box))
        if inside < _NO_TEXT:
            boxes.append(box)
    return boxes


def _ocr(pdf: Any, pages: list[list[_Run]], sizes: list[tuple[float, float]], scanned: list[int],
         pictures: dict[int, list[_Box]], options: OcrOptions, limits: _Limits, warnings: list[str],
         what: str) -> list[dict[str, Any]]:
    """OCR the scanned pages and pictures into `pages` (runs in PDF coordinates); the records of what was read."""
    targets = sorted([OcrTarget(i) for i in scanned] + [OcrTarget(i, b) for i, bs in pictures.items() for b in bs],
                     key=lambda t: (t.page, t.box or ()))
    try:
        done, left = ocr_pages(pdf, targets, options, limits.reading_time_up)
    except OcrUnavailable as e:
        if len(scanned) == len(pages):
            raise _Fail(f"no text layer — needs OCR ({what} only images or drawings), but {e}") from None
        if scanned:
            warnings.append(f"{len(scanned)} of {len(pages)} pages have no text layer (pages {page_list(scanned)}) — "
                            f"they need OCR, but {e}")
        if pictures:
            warnings.append(f"pages {page_list(sorted(pictures))} hold a large image without text (a scan?) — "
                            f"it needs OCR, but {e}")
        return []
    body = _weighted_mode([(r.size, len(r.text)) for runs in pages for r in runs]) if any(pages) else 0.0
    vocab = word_counts([r.text for runs in pages for r in runs] + [ln.text for p in done for ln in p.lines])
    for p in done:
        for ln in p.lines:
            ln.text = harmonise(ln.text, vocab)
    records: list[dict[str, Any]] = []
    for page in done:
        i = page.target.page
        if page.error:
            warnings.append(f"OCR failed on page {i + 1}: {page.error}")
            continue
        if page.target.box is not None and (page.words < _PICTURE_MIN_WORDS or page.confidence < _PICTURE_MIN_CONF):
            continue  # a photo or a chart: what OCR finds there is noise
        runs = _ocr_runs(page, sizes[i][1], body)
        if page.target.box is None:
            pages[i] = runs
        else:
            top = page.target.box[3]
            k = next((k for k, r in enumerate(pages[i]) if r.mid < top), len(pages[i]))
            pages[i][k:k] = runs
        records.append(page.record())
    if left:
        rest = sorted({t.page for t in targets[len(targets) - left :]})
        warnings.append(f"truncated: OCR stopped at the time limit of {limits.max_seconds:g} s per document; "
                        f"pages {page_list(rest)} were not read (run again: the pages read are cached)")
    low = [r["page"] - 1 for r in records if r["confidence"] < _LOW_CONF]
    if low:
        warnings.append(f"OCR read pages {page_list(low)} with low confidence (below {_LOW_CONF:g}): check them against the scan")
    return records


def _ocr_runs(page: OcrPage, height: float, body: float) -> list[_Run]:
    """An OCR'd page's lines as runs in PDF coordinates, with type sizes evened out.

    Tesseract's line heights vary with ascenders and descenders; the layout reads a size change as
    a heading or a footnote, so sizes within _SNAP of the page's median take the median, and
    on a PDF with a text layer the median takes the text's body size (a scan of a body-text page).
    """
    x_off, y_top = (0.0, height) if page.target.box is None else (page.target.box[0], page.target.box[3])
    sizes = sorted(ln.size for ln in page.lines)
    median = sizes[len(sizes) // 2] / page.scale if sizes else 12.0
    factor = body / median if body and 0.5 < body / median < 2 else 1.0
    runs: list[_Run] = []
    for ln in page.lines:
        size = ln.size / page.scale
        size = median if abs(size - median) < _SNAP * median else size
        runs.append(_Run(_squeeze(_clean_chars(ln.text)), x_off + ln.x0 / page.scale, x_off + ln.x1 / page.scale,
                         y_top - ln.bottom / page.scale, y_top - ln.top / page.scale, round(size * factor, 2),
                         page.target.page, ocr=True))
    return [r for r in runs if r.text]
