"""The markdown / plain-text reader: lines into blocks and footnotes, pages split at `---` rules and form feeds."""

from __future__ import annotations

import html
import re

from pipeline.ingest.clean import _KEYWORDS_RE, _LIST_RE, _TERMINAL, _cell_text, _clean_chars, _heading_info, _squeeze
from pipeline.ingest.records import _Block, _Line, _Note, _Parsed

_PROTECT_RE = re.compile(
    r"<sup>\s*(?P<sup>[^<]*?)\s*</sup>"
    r"|!?\[(?P<ltext>[^\]]*)\]\((?P<lurl>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|<(?P<auto>(?:https?|ftp)://[^>\s]+|www\.[^>\s]+)>"
    r"|(?P<url>(?:https?://|www\.)[^\s<>]+)",
    re.I,
)
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~\"'])")
_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER_TOKEN_RE = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")


_STAMP_LINE_RE = re.compile(r"(?:[A-Z][a-z]{2,7},?[ \t]+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:[ \t]*[,|-]?[ \t]*\d{1,2}[:.]\d{2}"
                            r"(?:[:.]\d{2})?(?:[ \t]*(?:WIB|WITA|WIT))?)?[ \t]*")
_DATELINE_RE = re.compile(r"[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}(?:,\s*[\w./]{1,20}(?:\s[\w./]{1,20}){0,2})?\s*"
                          r"(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s")


def _strip_emphasis(s: str) -> str:
    """Drop markdown emphasis, escapes and stray HTML from a piece of text that holds no URL."""
    escaped: list[str] = []

    def keep(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue002{len(escaped) - 1}\ue003"

    s = _ESCAPE_RE.sub(keep, s)
    s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
    s = _TAG_RE.sub("", s)
    s = re.sub(r"(?<! )\*+|\*+(?! )", "", s)
    s = re.sub(r"(?<![\w])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\w])", "", s)
    s = s.replace("~~", "").replace("`", "")
    s = html.unescape(s)
    return re.sub("\ue002(\\d+)\ue003", lambda m: escaped[int(m.group(1))], s)


def _clean_inline(s: str) -> _Line:
    """Markdown-ish line → plain text; `<sup>n</sup>` is dropped from the text and recorded as a marker."""
    out: list[str] = []
    pos = 0
    for m in _PROTECT_RE.finditer(s):
        out.append(_strip_emphasis(s[pos : m.start()]))
        pos = m.end()
        if m.group("sup") is not None:
            sup = _strip_emphasis(m.group("sup")).strip()
            out.append(f"{_MARK_OPEN}{sup}{_MARK_CLOSE}" if sup.isdigit() else sup)
        elif m.group("ltext") is not None:
            out.append(_strip_emphasis(m.group("ltext")))
        else:
            out.append(_ESCAPE_RE.sub(r"\1", m.group("auto") or m.group("url")))
    out.append(_strip_emphasis(s[pos:]))
    text = _squeeze(_clean_chars("".join(out)))
    markers: list[tuple[int, str]] = []
    if _MARK_OPEN in text:
        parts: list[str] = []
        last = 0
        length = 0
        for m in _MARKER_TOKEN_RE.finditer(text):
            parts.append(text[last : m.start()])
            length += m.start() - last
            # The marker's number leaves the body ("US$ 13,200<sup>32</sup>" must not read as 13,20032);
            # its position stays in Footnote.marker_start.
            markers.append((length, m.group(1)))
            last = m.end()
        parts.append(text[last:])
        text = "".join(parts)
    return _Line(text, markers=markers)


_PAGEBREAK_RE = re.compile(r"\s*(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-)\s*")
_SETEXT_RE = re.compile(r"\s*={3,}\s*")
_SUP_NOTE_RE = re.compile(r"^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$")
_PLAIN_NOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_CONT_RE = re.compile(
    r"^\s*(?:<?(?:https?://|www\.)|\[[^\]]*\]\([^)]*\)|(?:diakses|accessed|retrieved|tersedia|available|dikutip)\b)",
    re.I,
)
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET_RE = re.compile(r"^[-*+]\s+(?=\S)")
_PIPE_SEP_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def _parse_text(text: str) -> _Parsed:
    """Markdown-ish text converted from PDF → blocks and footnotes, pages split at `---`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    text = _clean_text_chars(text)
    groups: list[tuple[str, list[str]]] = []
    cur: list[str] = []
    for ln in text.split("\n"):
        if ln == "\f" or _PAGEBREAK_RE.fullmatch(ln):
            if cur:
                groups.append(("lines", cur))
                cur = []
            groups.append(("rule" if ln != "\f" else "ff", []))
        elif not ln.strip() or _SETEXT_RE.fullmatch(ln):
            if cur:
                groups.append(("lines", cur))
                cur = []
        else:
            cur.append(ln)
    if cur:
        groups.append(("lines", cur))

    blocks: list[_Block] = []
    notes: list[_Note] = []
    page = 0
    pages_seen = False
    zone = pending = prev_notes = False
    for kind, lines in groups:
        if kind != "lines":
            pending = True
            pages_seen = True
            zone = kind == "rule"
            prev_notes = False
            continue
        last = notes[-1] if notes else None
        if _note_start(lines[0], zone, last):
            for ln in lines:
                start = _note_start(ln, zone, notes[-1] if notes else None)
                if start:
                    notes.append(_Note(start[0], [_clean_inline(start[1])], page=page, seq=len(blocks)))
                else:
                    notes[-1].lines.append(_clean_inline(ln.strip()))
            if not zone:
                # a footnote block without a `---` rule still sits at the bottom of its page
                pending = True
                pages_seen = True
            prev_notes = True
            continue
        if last is not None and (zone or prev_notes) and _CONT_RE.match(lines[0]):
            last.lines.extend(_clean_inline(ln.strip()) for ln in lines)
            continue
        if pending:
            page += 1 if blocks else 0
            pending = False
        zone = prev_notes = False
        _text_blocks(lines, page, blocks)
    return _Parsed(blocks, notes, (page + 1) if pages_seen else None)


def _clean_text_chars(text: str) -> str:
    """Character cleanup that keeps tabs, newlines and form feeds."""
    return "\n".join("\t".join(_clean_chars(c) for c in ln.split("\t")) if ln != "\f" else ln for ln in text.split("\n"))


def _note_start(line: str, zone: bool, last: _Note | None) -> tuple[str, str] | None:
    """(number, rest) when `line` opens a footnote body."""
    m = _SUP_NOTE_RE.match(line)
    if m:
        return m.group(1), m.group(2)
    if zone:
        m = _PLAIN_NOTE_RE.match(line)
        if m and (last is None or (last.number.isdigit() and int(m.group(1)) == int(last.number) + 1)):
            return m.group(1), m.group(2)
    return None


LIST_ITEM_ENDED = 48  # characters: a list item line this short was not wrapped


def _text_blocks(lines: list[str], page: int, blocks: list[_Block]) -> None:
    """Append the blocks of one blank-line-separated group of body lines."""
    cur: _Block | None = None
    rows: list[str] = []

    def flush_rows() -> None:
        nonlocal cur
        if not rows:
            return
        if len(rows) >= 2:
            blocks.append(_Block("table", rows=[_split_row(r) for r in rows], page=page))
        else:
            blocks.append(_Block("para", [_with_page(_clean_inline(rows[0].replace("\t", " ").strip("| ")), page)], page=page))
        rows.clear()
        cur = None

    for n_line, raw in enumerate(lines):
        s = raw.strip(" ")
        if "\t" in s.strip() or (s.startswith("|") and s.rstrip().endswith("|") and s.count("|") >= 3):
            if not _PIPE_SEP_RE.fullmatch(s.strip()):
                rows.append(s)
            continue
        flush_rows()
        s = s.strip()
        m = _MD_HEADING_RE.match(s)
        if m:
            blocks.append(_Block("heading", [_with_page(_clean_inline(m.group(2)), page)], page=page))
            cur = None
            continue
        bullet = _MD_BULLET_RE.match(s)
        if bullet:
            rest = s[bullet.end() :]
            s = rest if _LIST_RE.match(rest) else "- " + rest
        line = _with_page(_clean_inline(s), page)
        if not line.text:
            continue
        # inside a wrapped paragraph only an all-capitals line can be a heading ("kesimpulan." ends a sentence)
        if _heading_info(line.text) and (n_line == 0 or line.text.isupper()):
            blocks.append(_Block("heading", [line], page=page))
            cur = None
        elif _KEYWORDS_RE.match(line.text):
            cur = _Block("keywords", [line], page=page)
            blocks.append(cur)
        elif _STAMP_LINE_RE.fullmatch(line.text):
            # "07/11/2025 21:51" under a byline: when the page was posted, a line of its own, joined to neither the
            # byline nor the story
            blocks.append(_Block("para", [line], page=page))
            cur = None
        elif bullet or (_LIST_RE.match(s) and (cur is None or not re.match(r"\(?[A-Za-z][.)]", s)
                                                   or cur.lines[-1].text[-1:] in _TERMINAL)):
            # a wrapped line may start with an initial ("J. Nye"); a letter item needs the previous line closed
            cur = _Block("list", [line], page=page)
            blocks.append(cur)
        elif cur is not None and cur.kind in ("para", "list", "keywords") and not (
                cur.kind == "list" and len(cur.lines[-1].text) < LIST_ITEM_ENDED and line.text[:1].isupper()) and not (
                _DATELINE_RE.match(line.text)):
            # (a news item's dateline opens its body: "London, 18/6 (ANTARA) - ..." is not the headline's next words)
            # (a short item line, then a line opening with a capital: the list has ended, prose goes on -
            # "4. Hamamatsu, Jepang (2008)" / "Selain itu, Kota Bandung ...")
            cur.lines.append(line)
        else:
            cur = _Block("para", [line], page=page)
            blocks.append(cur)
    flush_rows()


def _split_row(row: str) -> list[str]:
    """Cells of a tab- or pipe-separated table row, cleaned."""
    row = row.strip(" ")
    if "\t" in row:
        cells = row.split("\t")
    else:
        cells = row.strip().strip("|").split("|")
    cells = [_cell_text(_clean_inline(c.strip()).text) for c in cells]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()
    return cells


def _with_page(line: _Line, page: int) -> _Line:
    line.page = page
    return line
