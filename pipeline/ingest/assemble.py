"""Assembly: blocks and footnotes of any reader into the normalized text, its offsets and its sections."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.clean import _BAB_ONLY_RE, _CAPTION_RE, _KEYWORDS_RE, _TERMINAL, _heading_info, _is_title_like, _language
from pipeline.ingest.records import _Block, _Line, _Note, _Parsed
from pipeline.types import Footnote, Section, TableCell

_URL_TAIL_RE = re.compile(r"(?:https?://|www\.)\S*$")


def _vocab(blocks: list[_Block], notes: list[_Note]) -> Counter[str]:
    """Word counts of the document, to choose between 'kerja-sama' and 'kerjasama' at a line-end hyphen."""
    c: Counter[str] = Counter()
    for ln in [ln for b in blocks for ln in b.lines] + [ln for n in notes for ln in n.lines]:
        c.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", ln.text.lower()))
    return c


def _joiner(prev: str, nxt: str, vocab: Counter[str]) -> tuple[int, str]:
    """How to glue two lines: (characters to drop from the end of `prev`, separator)."""
    if not prev or not nxt:
        return 0, ""
    url = _URL_TAIL_RE.search(prev)
    if url:
        # a URL broken after a separator continues without a space
        return (0, "") if prev[-1] in "-/_=?&#%" and not nxt.startswith(("diakses", "Diakses", "accessed", "(")) else (0, " ")
    if prev.endswith("-") and len(prev) >= 2 and prev[-2].isalnum() and nxt[0].isalnum():
        a = re.search(r"([^\W\d_]+)-$", prev)
        b = re.match(r"[^\W\d_]+", nxt)
        if not (a and b) or not nxt[0].islower():
            return 0, ""  # "Surabaya-" + "Busan", "2013-" + "2018", "COVID-" + "19"
        wa, wb = a.group(1).lower(), b.group(0).lower()
        # reduplication ("aktor-aktor", "berbeda-beda") and forms the document spells with a hyphen keep it
        if wb.startswith(wa) or wa.endswith(wb) or vocab.get(f"{wa}-{wb}", 0) > vocab.get(wa + wb, 0):
            return 0, ""
        return 1, ""
    return 0, " "


def _join_lines(lines: list[_Line], vocab: Counter[str]) -> tuple[str, list[tuple[int, str]], list[tuple[int, int]]]:
    """Lines of a paragraph → one line, with markers and (offset, page) of each line start."""
    text = ""
    markers: list[tuple[int, str]] = []
    starts: list[tuple[int, int]] = []
    for ln in lines:
        if not ln.text:
            continue
        drop, sep = _joiner(text, ln.text, vocab) if text else (0, "")
        if drop:
            text = text[:-drop]
        text += sep
        starts.append((len(text), ln.page))
        markers.extend((len(text) + p, n) for p, n in ln.markers)
        text += ln.text
    return text, markers, starts


def _continues(prev: _Block, nxt: _Block) -> bool:
    """Does paragraph `nxt` continue `prev` across a page break, footnote block or column?"""
    if prev.kind not in ("para", "list") or nxt.kind != "para" or not prev.lines or not nxt.lines:
        return False
    last, first = prev.lines[-1].text, nxt.lines[0].text
    if not last or not first:
        return False
    if last[-1] in _TERMINAL or _CAPTION_RE.match(first) or _heading_info(first):
        return False
    if first[0].islower() or last.endswith("-"):
        return True
    return prev.open_end and nxt.flush_start and nxt.page != prev.page and first[0].isalpha()


@dataclass
class _Span:
    """Where a block landed in the normalized text."""

    block: _Block
    start: int
    end: int
    text: str


def _assemble(
    parsed: _Parsed,
) -> tuple[str, list[int], list[_Span], list[list[TableCell]], list[Footnote], tuple[int, int] | None]:
    """Normalized text: body blocks, then a footnotes section; plus offsets of everything."""
    vocab = _vocab(parsed.blocks, parsed.notes)
    blocks: list[_Block] = []
    for b in parsed.blocks:
        if b.kind != "table" and not any(ln.text for ln in b.lines):
            continue
        if blocks and parsed.join_paragraphs and _continues(blocks[-1], b):
            blocks[-1].lines.extend(b.lines)
            blocks[-1].open_end = b.open_end
            continue
        blocks.append(b)
    parts: list[str] = []
    pos = 0
    page_first: dict[int, int] = {}
    spans: list[_Span] = []
    tables: list[list[TableCell]] = []
    markers: list[tuple[int, str, int]] = []
    prev_kind = ""
    order = {id(b): k for k, b in enumerate(parsed.blocks)}
    for b in blocks:
        sep = "" if not parts else ("\n" if b.kind == prev_kind == "list" else "\n\n")
        parts.append(sep)
        pos += len(sep)
        start = pos
        if b.kind == "table":
            cells: list[TableCell] = []
            for r, row in enumerate(b.rows):
                if r:
                    parts.append("\n")
                    pos += 1
                for c, cell in enumerate(row):
                    if c:
                        parts.append("\t")
                        pos += 1
                    cells.append(TableCell(r, c, pos, pos + len(cell)))
                    parts.append(cell)
                    pos += len(cell)
            tables.append(cells)
            page_first.setdefault(b.page, start)
            text = "\n".join("\t".join(row) for row in b.rows)
        else:
            text, mk, starts = _join_lines(b.lines, vocab)
            for off, page in starts:
                page_first.setdefault(page, start + off)
            markers.extend((start + p, n, order.get(id(b), 0)) for p, n in mk)
            parts.append(text)
            pos += len(text)
        spans.append(_Span(b, start, pos, text))
        prev_kind = b.kind
    body_end = pos
    footnotes: list[Footnote] = []
    fn_span = None
    if parsed.notes:
        lead = "\n\n" if pos else ""
        parts.append(lead)
        pos += len(lead)
        fn_start = pos
        used: set[int] = set()
        for k, note in enumerate(parsed.notes):
            text, _mk, _starts = _join_lines(note.lines, vocab)
            label = f"{note.number} "
            if k:
                parts.append("\n")
                pos += 1
            parts.append(label + text)
            start = pos + len(label)
            pos = start + len(text)
            footnotes.append(Footnote(note.number, start, pos, _match_marker(note, markers, used)))
        fn_span = (fn_start, pos)
    full = "".join(parts)
    page_starts: list[int] = []
    if parsed.pages:
        n = max(parsed.pages, max(page_first, default=0) + 1)
        page_starts = [0] * n
        nxt = body_end
        for p in range(n - 1, -1, -1):
            nxt = min(page_first.get(p, nxt), nxt)
            page_starts[p] = nxt
        page_starts[0] = 0
    if parsed.search_markers and page_starts:
        taken = {f.marker_start for f in footnotes if f.marker_start is not None}
        for fn, note in zip(footnotes, parsed.notes):
            if fn.marker_start is None and note.page < len(page_starts):
                lo = page_starts[note.page]
                hi = page_starts[note.page + 1] if note.page + 1 < len(page_starts) else body_end
                rx = re.compile(rf"(?<=[^\W\d_]|[.,;:)\"”’])({re.escape(fn.number)})(?=[\s.,;:)]|$)")
                for m in rx.finditer(full, lo, hi):
                    if m.start() not in taken:
                        fn.marker_start = m.start()
                        taken.add(m.start())
                        break
    return full, page_starts, spans, tables, footnotes, fn_span


def _match_marker(note: _Note, markers: list[tuple[int, str, int]], used: set[int]) -> int | None:
    """Offset of the body marker for `note`: the latest unused one with its number before the note, else the first after."""
    best = None
    for k, (_pos, number, seq) in enumerate(markers):
        if number != note.number or k in used:
            continue
        if seq <= note.seq:
            best = k
        elif best is None:
            best = k
            break
    if best is None:
        return None
    used.add(best)
    return markers[best][0]


# --------------------------------------------------------------------------- sections


def _sections(spans: list[_Span], full: str, fn_span: tuple[int, int] | None, tables: list[list[TableCell]]) -> list[Section]:
    """Title, abstracts, keywords, chapters, conclusion, references, footnotes and table sections."""
    labelled: list[list[Any]] = []  # [kind, start, end, heading, hint]
    cur: list[Any] | None = None
    skip = -1
    for k, sp in enumerate(spans):
        if k == skip:
            continue
        b = sp.block
        info = _heading_info(sp.text) if b.kind in ("heading", "para") and len(b.lines) <= 2 else None
        if b.kind == "keywords":
            lang = "en" if re.match(r"key", sp.text, re.I) else "id"
            label = _KEYWORDS_RE.match(sp.text)
            labelled.append(["keywords", sp.start, sp.end, label.group(0).strip(" :.-") if label else "", lang])
            cur = None
            continue
        if info:
            kind, hint, heading = info
            end = sp.end
            if _BAB_ONLY_RE.fullmatch(heading) and k + 1 < len(spans):
                nxt = spans[k + 1]
                if nxt.block.kind in ("heading", "para") and _is_title_like(nxt.text) and not _heading_info(nxt.text):
                    heading = f"{heading} {nxt.text}"
                    end = nxt.end
                    skip = k + 1
                    sub = _heading_info(nxt.text) or _heading_info(heading)
                    if sub and sub[0] in ("conclusion", "references"):
                        kind = sub[0]
                elif nxt.block.kind in ("heading", "para") and _heading_info(nxt.text):
                    sub = _heading_info(nxt.text)
                    assert sub is not None
                    heading = f"{heading} {nxt.text}"
                    end = nxt.end
                    skip = k + 1
                    kind = sub[0] if sub[0] in ("conclusion", "references") else kind
            cur = [kind, sp.start, end, heading, hint]
            labelled.append(cur)
            continue
        if cur is None:
            cur = [None, sp.start, sp.end, "", ""]
            labelled.append(cur)
        cur[2] = sp.end
    kinds = [x[0] for x in labelled]
    for k, item in enumerate(labelled):
        if item[0] is not None:
            continue
        later = next((x for x in kinds[k + 1 :] if x is not None), None)
        before_any = all(x is None for x in kinds[:k])
        after_kw = k > 0 and kinds[k - 1] == "keywords"
        if later == "abstract" and (before_any or after_kw):
            item[0] = "title"
        elif before_any and later is not None and item[2] - item[1] < 3000:
            item[0] = "title"
        else:
            item[0] = "body"
    sections = [Section(kind, s, e, _language(full[s:e], hint), heading) for kind, s, e, heading, hint in labelled]
    for cells in tables:
        if cells:
            s, e = cells[0].start, cells[-1].end
            sp = next((x for x in spans if x.start == s), None)
            caption = ""
            if sp is not None:
                k = spans.index(sp)
                for nb in (spans[k + 1] if k + 1 < len(spans) else None, spans[k - 1] if k else None):
                    if nb is not None and _CAPTION_RE.match(nb.text):
                        caption = nb.text
                        break
            sections.append(Section("table", s, e, _language(full[s:e]), caption))
    if fn_span:
        sections.append(Section("footnotes", fn_span[0], fn_span[1], _language(full[fn_span[0] : fn_span[1]])))
    sections.sort(key=lambda x: (x.start, -x.end))
    first_id: dict[str, int] = {}
    for k, s in enumerate(sections):
        if s.kind in ("abstract", "keywords", "title") and s.language == "id":
            first_id.setdefault(s.kind, k)
    for s in sections:
        if s.kind in ("abstract", "keywords", "title") and s.language == "en" and s.kind in first_id:
            s.duplicate_of = first_id[s.kind]
    return sections
