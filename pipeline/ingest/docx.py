"""The .docx reader: paragraphs by style, tables, page breaks and footnotes from the WordprocessingML."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from pipeline.ingest.clean import _KEYWORDS_RE, _LIST_RE, _cell_text, _clean_chars, _heading_info, _squeeze
from pipeline.ingest.encoding import _sniff
from pipeline.ingest.limits import _Fail
from pipeline.ingest.records import _Block, _Line, _Note, _Parsed

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP_TAGS = {_W + t for t in ("del", "delText", "instrText", "rPr", "pPr", "footnoteRef", "endnoteRef")} | {_MC_FALLBACK}


def _parse_docx(data: bytes) -> _Parsed:
    """.docx → blocks (paragraphs by style, tables) and footnotes read from word/footnotes.xml."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise _Fail("not a valid .docx: it is an old Word .doc or a password-protected document"
                    " — save it as .docx without a password")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _Fail("not a valid .docx: the file is not a ZIP archive" + _sniff(data)) from None
    if "word/document.xml" not in zf.namelist():
        raise _Fail("not a valid .docx: word/document.xml is missing")
    import docx
    from lxml import etree

    document = docx.Document(io.BytesIO(data))
    styles = {s.style_id: (s.name or "") for s in document.styles}
    body_el = document.element.body
    # Word records where it last broke pages (explicit breaks included); count explicit breaks only without them
    rendered = body_el.find(f".//{_W}lastRenderedPageBreak") is not None
    state: dict[str, Any] = {"page": 0, "refs": {}, "paged": False}
    blocks: list[_Block] = []
    pending_notes: list[tuple[str, int, int]] = []  # (footnote id, page, seq)

    def note_ref(el: Any) -> str:
        fid = el.get(_W + "id", "")
        refs = state["refs"]
        if fid not in refs:
            refs[fid] = str(len(refs) + 1)
            pending_notes.append((fid, state["page"], len(blocks)))
        return refs[fid]

    def para(p_el: Any) -> None:
        pieces: list[_Line] = [_Line("", page=state["page"])]
        buf: list[str] = []
        markers: list[tuple[int, str]] = []

        def flush_piece() -> None:
            text, mk = _docx_clean("".join(buf), markers)
            pieces[-1].text, pieces[-1].markers = text, mk
            buf.clear()
            markers.clear()

        def walk(el: Any) -> None:
            tag = el.tag
            if tag in _SKIP_TAGS:
                return
            if tag == _W + "t":
                buf.append(el.text or "")
            elif tag in (_W + "tab", _W + "cr"):
                buf.append(" ")
            elif tag == _W + "noBreakHyphen":
                buf.append("-")
            elif tag == _W + "br":
                if el.get(_W + "type") == "page":
                    if not rendered:
                        new_page()
                else:
                    buf.append(" ")
            elif tag == _W + "lastRenderedPageBreak":
                new_page()
            elif tag == _W + "pageBreakBefore" and not rendered and el.get(_W + "val", "true") not in ("0", "false"):
                new_page()
            elif tag == _W + "footnoteReference":
                number = note_ref(el)
                markers.append((len("".join(buf)), number))
                buf.append(number)
            for child in el:
                walk(child)

        def new_page() -> None:
            state["page"] += 1
            state["paged"] = True
            if "".join(buf).strip():
                flush_piece()
                pieces.append(_Line("", page=state["page"]))
            else:
                pieces[-1].page = state["page"]

        ppr = p_el.find(_W + "pPr")
        if ppr is not None and ppr.find(_W + "pageBreakBefore") is not None:
            walk(ppr.find(_W + "pageBreakBefore"))
        walk(p_el)
        flush_piece()
        lines = [ln for ln in pieces if ln.text]
        if not lines:
            return
        style_id = p_el.find(f"{_W}pPr/{_W}pStyle")
        style = styles.get(style_id.get(_W + "val"), "") if style_id is not None else ""
        first = lines[0].text
        if style.lower().startswith(("heading", "title", "judul")) or (len(lines) == 1 and _heading_info(first)):
            kind = "heading"
        elif _KEYWORDS_RE.match(first):
            kind = "keywords"
        elif p_el.find(f"{_W}pPr/{_W}numPr") is not None or "list" in style.lower() or _LIST_RE.match(first):
            kind = "list"
        else:
            kind = "para"
        blocks.append(_Block(kind, lines, page=lines[0].page))

    def table(t_el: Any) -> None:
        rows = []
        for tr in t_el.iter(_W + "tr"):
            if _enclosing_table(tr) is not t_el:
                continue
            cells = []
            for tc in tr.findall(_W + "tc"):
                parts: list[str] = []
                _docx_text(tc, parts, note_ref)
                cells.append(_cell_text(_clean_chars(" ".join(parts))))
            rows.append(cells)
        rows = [r for r in rows if any(r)]
        if len(rows) >= 1:
            blocks.append(_Block("table", rows=rows, page=state["page"]))

    def walk_body(el: Any) -> None:
        for child in el:
            if child.tag == _W + "p":
                para(child)
            elif child.tag == _W + "tbl":
                table(child)
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"):
                walk_body(child)

    walk_body(body_el)
    notes: list[_Note] = []
    if "word/footnotes.xml" in zf.namelist():
        root = etree.fromstring(zf.read("word/footnotes.xml"))
        bodies = {}
        for fn in root.iter(_W + "footnote"):
            if fn.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts = []
            for p in fn.iter(_W + "p"):
                parts: list[str] = []
                _docx_text(p, parts)
                texts.append("".join(parts))
            bodies[fn.get(_W + "id")] = _squeeze(_clean_chars(" ".join(texts)))
        for fid, page, seq in pending_notes:
            if bodies.get(fid):
                notes.append(_Note(state["refs"][fid], [_Line(bodies[fid], page=page)], page=page, seq=seq))
    return _Parsed(blocks, notes, state["page"] + 1 if state["paged"] else None, join_paragraphs=False)


def _enclosing_table(el: Any) -> Any:
    p = el.getparent()
    while p is not None and p.tag != _W + "tbl":
        p = p.getparent()
    return p


def _docx_text(el: Any, out: list[str], note_ref: Callable[[Any], str] | None = None) -> None:
    """Plain text of an element, skipping deleted text, field codes and fallback copies."""
    if el.tag in _SKIP_TAGS:
        return
    if el.tag == _W + "t":
        out.append(el.text or "")
    elif el.tag in (_W + "tab", _W + "br", _W + "cr", _W + "p"):
        out.append(" ")
    elif el.tag == _W + "footnoteReference" and note_ref is not None:
        out.append(note_ref(el))
    for child in el:
        _docx_text(child, out, note_ref)


def _docx_clean(raw: str, markers: list[tuple[int, str]]) -> tuple[str, list[tuple[int, str]]]:
    """Clean a docx paragraph piece and move marker offsets along."""
    text = _squeeze(_clean_chars(raw))
    out = []
    for pos, number in markers:
        new = len(_squeeze(_clean_chars(raw[:pos] + "\ue011"))) - 1
        # the squeeze may have dropped a leading space; the number itself is what must match
        if text[new : new + len(number)] != number:
            hit = text.find(number, max(0, new - 2))
            new = hit if hit >= 0 else new
        out.append((new, number))
    return text, out
