"""The PDF reader: pypdfium2 text runs laid out into blocks and footnotes, pdfplumber only for ruled tables."""

from __future__ import annotations

import ctypes
import io
import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from pipeline.ingest.clean import _KEYWORDS_RE, _LIST_RE, _cell_text, _clean_chars, _heading_info, _squeeze
from pipeline.ingest.encoding import _sniff
from pipeline.ingest.limits import _Fail, _Limits
from pipeline.ingest.ocr import OcrOptions
from pipeline.ingest.pdf_scans import _NO_TEXT, _ocr, _pictures
from pipeline.ingest.records import _Block, _Box, _inside, _Line, _Note, _Parsed, _Run, _weighted_mode

# pages with this much text are not searched for a scanned picture (a full page of text has no room for one;
# the search costs 8 %)
_PICTURE_MAX_TEXT = 1500
_RUN_SPLIT_RE = re.compile(r"\r\n|[\r\n\ufffe\x02]")
_MARKER_CAND_RE = re.compile(r"(?<=\S)\d+(?=[\s.,;:)\]]|$)")
_PAGE_NO_RE = re.compile(
    r"(?:[-–—(\[]\s*)?(?:(?:hal(?:aman)?|page|pp?|hlm)\.?\s*)?(?:\d{1,3}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})"
    r"(?:\s*(?:/|dari|of)\s*\d{1,4})?(?:\s*[-–—)\]])?",
    re.I,
)


def _parse_pdf(data: bytes, limits: _Limits | None = None, ocr: OcrOptions | None = None) -> _Parsed:
    """PDF text layer → blocks and footnotes (pypdfium2 for text, pdfplumber only for ruled tables).

    Pages without a text layer, and large images without text on other pages (a scanned
    appendix), are read by OCR (`ocr.py`, with `ocr`'s cache and processes) and laid out with the rest.
    At most `limits.max_pages` pages are read, and no new page once half the time limit is spent;
    a PDF cut short that way carries a warning saying where it stops.
    """
    limits = limits or _Limits()
    ocr = ocr or OcrOptions()
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if b"%PDF-" not in data[:1024]:
        raise _Fail("not a PDF: the file does not start with %PDF" + _sniff(data))
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise _Fail("encrypted PDF: a password is needed to open it") from None
        reason = re.sub(r"^.*\(PDFium: (.*)\)\.?$", r"\1", str(e))
        raise _Fail(f"corrupt or truncated PDF: it cannot be opened ({reason.lower()})") from None
    warnings: list[str] = []
    if b"%%EOF" not in data[-2048:]:
        warnings.append("PDF looks truncated (no %%EOF at the end); text may be incomplete")
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise _Fail("PDF has no pages")
        pages: list[list[_Run]] = []
        sizes: list[tuple[float, float]] = []
        table_pages: list[int] = []
        drawn: list[bool] = []  # the page draws something (a blank page is not worth OCR)
        pictures: dict[int, list[_Box]] = {}  # large images on pages with text
        to_read = min(n_pages, limits.max_pages) if limits.max_pages else n_pages
        for i in range(to_read):
            if i and limits.reading_time_up():
                warnings.append(f"truncated: only pages 1-{i} of {n_pages} were read — the time limit of "
                                f"{limits.max_seconds:g} s per document ran out; the rest of the PDF is missing")
                break
            page = pdf[i]
            width, height = page.get_size()
            sizes.append((width, height))
            tp = page.get_textpage()
            try:
                pages.append(_pdf_runs(tp, pdfium_c, width, i))
            finally:
                tp.close()
            if pages[-1] and _has_rulings(page, pdfium_c):
                table_pages.append(i)
            drawn.append(pdfium_c.FPDFPage_CountObjects(page) > 0)
            if _NO_TEXT <= sum(len(r.text) for r in pages[-1]) < _PICTURE_MAX_TEXT:
                found = _pictures(page, pdfium_c, width, height, pages[-1])
                if found:
                    pictures[i] = found
            page.close()
        if len(pages) < n_pages and len(pages) == to_read:
            warnings.append(f"truncated: only the first {to_read} of {n_pages} pages were read "
                            f"(limit {limits.max_pages} pages per document); the rest of the PDF is missing")
        n_read = len(pages)
        what = f"the {n_pages}-page PDF holds" if n_read == n_pages else f"the first {n_read} pages of the {n_pages}-page PDF hold"
        chars = [sum(len(r.text) for r in runs) for runs in pages]
        scanned = [i for i, c in enumerate(chars) if c < _NO_TEXT and drawn[i]]
        records = _ocr(pdf, pages, sizes, scanned, pictures, ocr, limits, warnings, what) if scanned or pictures else []
    finally:
        pdf.close()
    chars = [sum(len(r.text) for r in runs) for runs in pages]
    if sum(chars) == 0:
        raise _Fail(f"no text layer — needs OCR ({what} only images or drawings)" + (
            ", and OCR found no text in them" if records else ""))
    empty = sum(1 for c in chars if c < _NO_TEXT)
    if empty and empty >= 0.2 * n_read and not (scanned or pictures):  # else OCR said what became of them
        warnings.append(f"{empty} of {n_read} pages have no text layer — they need OCR")
    stopped: list[bool] = []

    def stop() -> bool:
        if limits.reading_time_up():
            stopped.append(True)
        return bool(stopped)

    tables = _pdf_tables(data, table_pages, sizes, stop=stop) if table_pages else {}
    if stopped:
        warnings.append(f"ruled tables were not all looked for (time limit of {limits.max_seconds:g} s per document); "
                        "some tables are read as plain text")
    blocks, notes = _pdf_layout(pages, sizes, tables)
    text_sample = "".join(r.text for runs in pages[:20] for r in runs)
    letters = sum(c.isalpha() for c in text_sample)
    if text_sample and letters < 0.4 * len(text_sample.replace(" ", "")):
        warnings.append("text layer looks garbled (few letters); the PDF may need OCR")
    return _Parsed(blocks, notes, n_read, warnings=warnings, search_markers=True, ocr=records)


def _pdf_runs(tp: Any, c: Any, width: float, page_no: int) -> list[_Run]:
    """Text runs of one page in pdfium's order, split at line ends and at wide gaps between columns."""
    text = tp.get_text_range()
    if not text.strip():
        return []
    identity = len(text) == tp.count_chars()
    rect = c.FS_RECTF()

    def box(ti: int) -> tuple[float, float, float, float]:
        ci = ti if identity else c.FPDFText_GetCharIndexFromTextIndex(tp, ti)
        c.FPDFText_GetLooseCharBox(tp, ci, rect)
        return rect.left, rect.bottom, rect.right, rect.top

    def generated(ti: int) -> bool:
        ci = ti if identity else c.FPDFText_GetCharIndexFromTextIndex(tp, ti)
        return bool(c.FPDFText_IsGenerated(tp, ci))

    runs: list[_Run] = []
    pos = 0
    spans: list[tuple[int, int, bool]] = []
    for m in _RUN_SPLIT_RE.finditer(text):
        spans.append((pos, m.start(), m.group() in "\ufffe\x02"))
        pos = m.end()
    spans.append((pos, len(text), False))
    for s, e, hyphen in spans:
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        if s >= e:
            continue
        parts = [(s, e)]
        b0, b1 = box(s), box(e - 1)
        size = max(b0[3] - b0[1], b1[3] - b1[1], 1.0)
        if b1[2] - b0[0] > 0.3 * width:
            parts = []
            start = s
            for j in range(s + 1, e - 1):
                # pdfium fills gaps between text objects with generated spaces; a wide one is a column gutter
                if text[j] == " " and generated(j):
                    gap = box(j + 1)[0] - box(j - 1)[2]
                    if gap > max(size, 12.0):
                        parts.append((start, j))
                        start = j + 1
            parts.append((start, e))
        for k, (ps, pe) in enumerate(parts):
            while pe > ps and text[pe - 1] == " ":
                pe -= 1
            while ps < pe and text[ps] == " ":
                ps += 1
            if ps >= pe:
                continue
            if len(parts) > 1:
                b0, b1 = box(ps), box(pe - 1)
                size = max(b0[3] - b0[1], b1[3] - b1[1], 1.0)
            raw = text[ps:pe]
            top, bottom = max(b0[3], b1[3]), min(b0[1], b1[1])
            markers = []
            for m in _MARKER_CAND_RE.finditer(raw):
                # walk back from the last digit while the digits are small or raised ("2011" + superscript "5")
                k = m.end()
                while k > m.start() and k - m.end() > -3:
                    lb = box(ps + k - 1)
                    if not (lb[3] - lb[1] < 0.8 * size or lb[1] > bottom + 0.25 * size):
                        break
                    k -= 1
                if k < m.end():
                    markers.append((k, raw[k : m.end()]))
            clean = _squeeze(_clean_chars(raw))
            if hyphen and k == len(parts) - 1:
                # pdfium swallows a line-end hyphen it takes for a word break; put it back for _joiner to judge
                clean += "-"
            if markers:
                markers = [(len(_squeeze(_clean_chars(raw[:p] + "\ue011"))) - 1, n) for p, n in markers]
            run = _Run(clean, b0[0], b1[2], bottom, top, size, page_no,
                       hyphen=hyphen and k == len(parts) - 1, markers=markers)
            if runs and _same_line(runs[-1], run):
                _merge_into(runs[-1], run)
            else:
                runs.append(run)
    return runs


def _same_line(a: _Run, b: _Run) -> bool:
    """Does `b` carry on `a` on the same visual line (pdfium breaks lines after a raised footnote marker)?"""
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    gap = b.x0 - a.x1
    return not a.hyphen and overlap > 0.5 * min(a.top - a.bottom, b.top - b.bottom) and -1 < gap < 0.6 * max(a.size, b.size)


def _merge_into(a: _Run, b: _Run) -> None:
    """Append run `b` to run `a`."""
    sep = " " if b.x0 - a.x1 > 0.15 * a.size and not b.text.startswith((".", ",", ";", ":", ")")) else ""
    shift = len(a.text) + len(sep)
    a.markers.extend((p + shift, n) for p, n in b.markers)
    a.text += sep + b.text
    a.x1, a.top, a.bottom = b.x1, max(a.top, b.top), min(a.bottom, b.bottom)
    a.size, a.hyphen = max(a.size, b.size), b.hyphen


def _has_rulings(page: Any, c: Any) -> bool:
    """Does the page draw enough straight lines or boxes to hold a ruled table?"""
    n = c.FPDFPage_CountObjects(page)
    horiz = vert = boxes = 0
    lft, btm, rgt, tp = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for i in range(n):
        obj = c.FPDFPage_GetObject(page, i)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH:
            continue
        c.FPDFPageObj_GetBounds(obj, lft, btm, rgt, tp)
        w, h = rgt.value - lft.value, tp.value - btm.value
        if w > 15 and h < 3:
            horiz += 1
        elif h > 8 and w < 3:
            vert += 1
        elif w > 15 and h > 8:
            boxes += 1 if c.FPDFPath_CountSegments(obj) < 8 else 4
        if (horiz >= 3 and vert >= 2) or boxes >= 3:
            return True
    return False


_PageTables = dict[int, list[tuple[_Box, list[list[str]]]]]


def _pdf_tables(data: bytes, page_nos: list[int], sizes: list[tuple[float, float]],
                stop: Callable[[], bool] | None = None) -> _PageTables:
    """Ruled tables found by pdfplumber: page → [(bbox in pdfium coordinates, rows of cell texts)]; `stop` ends early."""
    import pdfplumber

    found: _PageTables = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pl:
            for i in page_nos:
                if stop is not None and stop():
                    break
                ppage = pl.pages[i]
                height = sizes[i][1]
                y_off = float(ppage.bbox[1]) if ppage.bbox else 0.0
                for t in ppage.find_tables():
                    rows = [[_cell_text(_clean_chars(c or "")) for c in row] for row in t.extract()]
                    rows = [r for r in rows if any(r)]
                    if len(rows) < 2 or max(len(r) for r in rows) < 2:
                        continue
                    x0, top, x1, bottom = t.bbox
                    bbox = (x0, height - (bottom - y_off), x1, height - (top - y_off))
                    found.setdefault(i, []).append((bbox, rows))
    except Exception:  # noqa: BLE001 - tables are a bonus; the text stays usable without them
        return found
    return found


def _pdf_layout(pages: list[list[_Run]], sizes: list[tuple[float, float]], tables: _PageTables) -> tuple[list[_Block], list[_Note]]:
    """Runs of all pages → body blocks in reading order and footnotes, without running headers/footers."""
    body_size = _weighted_mode([(r.size, len(r.text)) for runs in pages for r in runs])
    furniture = _furniture_keys(pages, sizes)
    blocks: list[_Block] = []
    notes: list[_Note] = []
    pitches: list[float] = []
    cleaned: list[tuple[list[_Run], list[_Run], list[tuple[tuple[float, float, float, float], list[list[str]]]]]] = []
    for i, runs in enumerate(pages):
        width, height = sizes[i]
        kept = []
        for r in runs:
            zone = _zone(r, height)
            if zone and (_furniture_key(r, zone) in furniture or (_PAGE_NO_RE.fullmatch(r.text) and _edge_run(r, runs))):
                continue
            kept.append(r)
        page_tables = tables.get(i, [])
        for bbox, _rows in page_tables:
            kept = _put_table(kept, bbox, body_size, i)
        # Tesseract reads columns block by block already; a stamp's stroke across the gutter would undo that here
        ordered = kept if kept and all(r.ocr for r in kept) else _reading_order(kept, width)
        body, foot = _split_footnotes(ordered, body_size, bool(cleaned and cleaned[-1][1]))
        cleaned.append((body, foot, page_tables))
        for a, b in zip(body, body[1:]):
            d = a.bottom - b.bottom
            body_like = abs(a.size - body_size) < 0.15 * body_size and abs(b.size - body_size) < 0.15 * body_size
            if 0 < d < 3 * body_size and body_like:
                pitches.append(d)
    pitch = sorted(pitches)[len(pitches) // 2] if pitches else body_size * 1.2
    for i, (body, foot, page_tables) in enumerate(cleaned):
        width = sizes[i][0]
        _paragraphs(body, i, width, body_size, pitch, iter(page_tables), blocks)
        _footnotes(foot, i, len(blocks), notes)
    return blocks, notes


def _zone(r: _Run, height: float) -> str:
    """'t'/'b' for runs in the top/bottom margin band of the page, '' otherwise."""
    if r.bottom > 0.88 * height:
        return "t"
    if r.top < 0.12 * height:
        return "b"
    return ""


def _furniture_key(r: _Run, zone: str) -> tuple[str, str]:
    text = r.text.lower()
    if r.ocr:  # a speck beside a scanned running head reads as "|" or "."
        text = text.strip(" .,:;|'`-_~")
    return zone, re.sub(r"\d+", "#", text)


def _edge_run(r: _Run, runs: list[_Run]) -> bool:
    """Is `r` among the two highest or two lowest runs of its page?"""
    higher = sum(1 for o in runs if o.mid > r.mid + 1)
    lower = sum(1 for o in runs if o.mid < r.mid - 1)
    return higher < 2 or lower < 2


def _furniture_keys(pages: list[list[_Run]], sizes: list[tuple[float, float]]) -> set[tuple[str, str]]:
    """Header/footer texts (digits masked) repeated in the same margin band on several pages."""
    counts: Counter[tuple[str, str]] = Counter()
    edge_counts: Counter[tuple[str, str]] = Counter()
    for i, runs in enumerate(pages):
        height = sizes[i][1]
        seen = set()
        edges = set()
        for r in runs:
            zone = _zone(r, height)
            if zone:
                key = _furniture_key(r, zone)
                seen.add(key)
                if _edge_run(r, runs):
                    edges.add(key)
        counts.update(seen)
        edge_counts.update(edges)
    need = max(2, min(4, math.ceil(0.3 * len(pages))))
    # a chapter's running head repeats on only a few pages, but always as the outermost line
    return {k for k, v in counts.items() if v >= need} | {k for k, v in edge_counts.items() if v >= 2}


def _put_table(runs: list[_Run], bbox: _Box, size: float, page: int) -> list[_Run]:
    """Replace the runs inside a table's box by one placeholder run where the table starts."""
    out: list[_Run] = []
    placed = False
    for r in runs:
        if r.text != "\ue010" and _inside(r, bbox):
            if not placed:
                out.append(_Run("\ue010", bbox[0], bbox[2], bbox[1], bbox[3], size, page))
                placed = True
            continue
        out.append(r)
    if not placed:
        k = next((k for k, r in enumerate(out) if r.mid < bbox[3]), len(out))
        out.insert(k, _Run("\ue010", bbox[0], bbox[2], bbox[1], bbox[3], size, page))
    return out


def _two_columns(runs: list[_Run], width: float) -> bool:
    """Do at least a fifth of the characters sit wholly in each half of the page, and most in one of them?"""
    if len(runs) < 6:
        return False
    mid, slack = width / 2, 0.02 * width
    left = sum(len(r.text) for r in runs if r.x1 <= mid + slack)
    right = sum(len(r.text) for r in runs if r.x0 >= mid - slack and r.x1 > mid + slack)
    total = sum(len(r.text) for r in runs) or 1
    return left >= 0.2 * total and right >= 0.2 * total and left + right >= 0.6 * total


def _reading_order(runs: list[_Run], width: float) -> list[_Run]:
    """pdfium order, except that two-column pages are read left column first, then right column."""
    if not _two_columns(runs, width):
        return runs
    mid, slack = width / 2, 0.02 * width
    out: list[_Run] = []
    lcol: list[_Run] = []
    rcol: list[_Run] = []
    for r in sorted(runs, key=lambda r: -r.top):
        if r.x1 <= mid + slack:
            lcol.append(r)
        elif r.x0 >= mid - slack:
            rcol.append(r)
        else:
            out.extend(lcol + rcol)
            lcol, rcol = [], []
            out.append(r)
    return out + lcol + rcol


def _split_footnotes(runs: list[_Run], body_size: float, carry: bool) -> tuple[list[_Run], list[_Run]]:
    """Small-type runs at the foot of the page (below all body text) are footnotes; `carry`: the last page had some."""
    if not runs:
        return runs, []
    by_height = sorted(range(len(runs)), key=lambda k: runs[k].mid)
    foot: set[int] = set()
    above: _Run | None = None
    for k in by_height:
        r = runs[k]
        if r.text == "\ue010" or r.size > 0.88 * body_size:
            above = r
            break
        foot.add(k)
    if not foot or above is None:
        return runs, []
    foot_runs = sorted((runs[k] for k in foot), key=lambda r: (-r.top, r.x0))
    # notes sit below a rule with some space; small type running on at body spacing is a listing or a caption
    if above.bottom - foot_runs[0].top < 0.3 * body_size:
        return runs, []
    if not carry and not any(re.match(r"\d{1,3}\s*\S", r.text) for r in foot_runs):
        return runs, []
    return [r for k, r in enumerate(runs) if k not in foot], foot_runs


def _footnotes(foot: list[_Run], page: int, seq: int, notes: list[_Note]) -> None:
    """Numbered footnote bodies from the foot runs of one page; unnumbered leading lines continue the last note."""
    for r in foot:
        m = re.match(r"(\d{1,3})(?!\d)\s*(?=\S)", r.text)
        last = notes[-1] if notes else None
        # a wrapped note line can start with a number too ("20 Mei 2020"): on one page notes count up by one,
        # across pages numbering may restart at 1 or skip notes we could not see
        n = int(m.group(1)) if m else 0
        ok = m is not None and (last is None or not last.number.isdigit() or n == int(last.number) + 1 or n == 1
                                or (n > int(last.number) and last.page != page))
        if m and ok and not r.text[m.end() :].startswith((".", ",", ")")):
            body = r.text[m.end() :]
            notes.append(_Note(m.group(1), [_Line(body, page=page, soft_hyphen=r.hyphen)], page=page, seq=seq))
        elif last is not None:
            last.lines.append(_Line(r.text, page=page, soft_hyphen=r.hyphen))


def _paragraphs(body: list[_Run], page: int, width: float, body_size: float, pitch: float,
                table_iter: Any, blocks: list[_Block]) -> None:
    """Group the body runs of one page into paragraphs, headings, list items and tables."""
    text_runs = [r for r in body if r.text != "\ue010" and abs(r.size - body_size) < 0.2 * body_size]
    if text_runs:
        lefts = sorted(r.x0 for r in text_runs)
        rights = sorted(r.x1 for r in text_runs)
        col_left = lefts[len(lefts) // 10]
        col_right = rights[-1 - len(rights) // 10]
    else:
        col_left, col_right = 0.0, width
    margins = {False: (col_left, col_right)}
    two_col = _two_columns(text_runs, width)
    if two_col:
        for side in (False, True):
            # a line across the gutter (a title over both columns) is no column's margin
            same = [x for x in text_runs if (x.x0 >= width / 2) == side and (side or x.x1 <= 0.52 * width)]
            if same:
                margins[side] = (min(x.x0 for x in same), max(x.x1 for x in same))
    cur: _Block | None = None
    prev: _Run | None = None
    for r in body:
        if r.text == "\ue010":
            _bbox, rows = next(table_iter, (None, []))
            if rows:
                blocks.append(_Block("table", rows=rows, page=page))
            cur, prev = None, None
            continue
        left, right = margins.get(two_col and r.x0 >= width / 2, (col_left, col_right))
        line = _Line(r.text, page=page, markers=list(r.markers), soft_hyphen=r.hyphen)
        indent = r.x0 - left > 0.7 * r.size
        if _heading_info(r.text):
            blocks.append(_Block("heading", [line], page=page))
            cur, prev = None, r
            continue
        new_kind = "keywords" if _KEYWORDS_RE.match(r.text) else "list" if _LIST_RE.match(r.text) else ""
        brk = cur is None or bool(new_kind) or prev is None
        if not brk and prev is not None:
            gap = prev.bottom - r.bottom
            # a wrapped line fills the column; a short one ends its paragraph (or is a heading)
            fill = (prev.x1 - left) / max(1.0, right - left)
            short_prev = fill < 0.6 or (fill < 0.88 and prev.text[-1:] in ".!?:;")
            brk = (
                gap > 1.45 * pitch or gap < -0.5 * r.size
                or (indent and r.x0 - prev.x0 > 0.7 * r.size and cur.kind != "list")
                or short_prev
                or abs(prev.size - r.size) > 0.15 * max(prev.size, r.size)
            )
        if brk:
            cur = _Block(new_kind or "para", [line], page=page, flush_start=not indent)
            blocks.append(cur)
        else:
            assert cur is not None
            cur.lines.append(line)
        cur.open_end = r.x1 >= right - 0.06 * (right - left) and r.text[-1:] not in ".!?:;"
        prev = r
