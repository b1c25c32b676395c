"""Ingestion: PDF, text/markdown and .docx theses into normalized text with sections, footnotes and tables."""

from __future__ import annotations

import codecs
import ctypes
import hashlib
import html
import io
import math
import os
import re
import signal
import threading
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.cache import sha256_file
from pipeline.io import atomic_write_text, read_json, write_json
from pipeline.types import Footnote, IngestedDoc, Section, TableCell, doc_id_for

FORMATS = {".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx"}
_MAX_BYTES = 200_000_000
# Per-document limits, so one pathological file cannot hang a batch: PDF pages read, seconds spent
# reading one file (any format), characters of text (a 50 MB .txt is a dump, not a thesis).
_MAX_PAGES = 2000
_MAX_SECONDS = 120.0
_MAX_CHARS = 10_000_000


class _Fail(Exception):
    """A reason, worded for a data person, why a file cannot be ingested."""


class _TimeUp(BaseException):
    """The time limit of one document ran out (a BaseException, so no `except Exception` swallows it)."""


@dataclass
class _Limits:
    """Per-document limits and the clock they run on."""

    max_pages: int | None = _MAX_PAGES
    max_seconds: float | None = _MAX_SECONDS
    max_chars: int | None = _MAX_CHARS
    started: float = field(default_factory=time.monotonic)

    def reading_time_up(self) -> bool:
        """Has reading pages used up half the time limit (the other half is left to lay them out)?"""
        return bool(self.max_seconds) and time.monotonic() - self.started > 0.5 * self.max_seconds

    def check_chars(self, n: int) -> None:
        if self.max_chars and n > self.max_chars:
            raise _Fail(f"text too long: {n:,} characters (limit {self.max_chars:,} per document); "
                        "a thesis is far shorter — is this several documents in one file? Split it")


def _with_deadline(fn: Callable[[], None], seconds: float | None) -> None:
    """Run `fn`, raising _TimeUp in it after `seconds` (SIGALRM; only in the main thread, when no timer runs)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        fn()
        return
    armed = [True]

    def on_alarm(signum: int, frame: Any) -> None:
        if armed[0]:
            armed[0] = False
            raise _TimeUp

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, float(seconds))
        try:
            fn()
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------- intermediate records


@dataclass
class _Line:
    """One physical line (or paragraph piece) with footnote markers at offsets into `text`."""

    text: str
    page: int = 0
    markers: list[tuple[int, str]] = field(default_factory=list)
    soft_hyphen: bool = False


@dataclass
class _Block:
    """A paragraph, heading, list item, keywords line or table, in reading order."""

    kind: str  # para, heading, list, keywords, table
    lines: list[_Line] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    page: int = 0
    # PDF only: the last line runs to the right margin / the first line starts at the left margin.
    open_end: bool = False
    flush_start: bool = False


@dataclass
class _Note:
    """A footnote body before assembly."""

    number: str
    lines: list[_Line]
    page: int = 0
    seq: int = 0


@dataclass
class _Parsed:
    """What a format reader hands to the assembler."""

    blocks: list[_Block]
    notes: list[_Note]
    pages: int | None  # None when page boundaries are unknown
    join_paragraphs: bool = True
    warnings: list[str] = field(default_factory=list)
    # PDF: markers not seen as superscripts are looked for as numbers glued to a word on the note's page
    search_markers: bool = False


# --------------------------------------------------------------------------- character cleanup

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_SPACES_RE = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_DROP_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
_LIG_RE = re.compile("[" + "".join(_LIGATURES) + "]")


def _clean_chars(s: str) -> str:
    """NFC, ligatures expanded, invisible and control characters dropped, odd spaces made plain."""
    s = unicodedata.normalize("NFC", s)
    s = _LIG_RE.sub(lambda m: _LIGATURES[m.group()], s)
    s = _DROP_RE.sub("", s)
    return _SPACES_RE.sub(" ", s)


def _squeeze(s: str) -> str:
    """Collapse runs of spaces and trim."""
    return re.sub(r" {2,}", " ", s.replace("\t", " ")).strip()


# --------------------------------------------------------------------------- headings and patterns

_ABSTRACT_ID = r"ABSTRAK|ABSTRAKSI|INTISARI|RINGKASAN"
_ABSTRACT_EN = r"ABSTRACT|ABSTRACTION"
_CONCLUSION = (
    r"KESIMPULAN(?: DAN (?:SARAN|REKOMENDASI))?|SIMPULAN(?: DAN SARAN)?|PENUTUP"
    r"|CONCLUSIONS?(?: AND (?:RECOMMENDATIONS?|SUGGESTIONS?))?|CLOSING"
)
_REFERENCES = r"DAFTAR PUSTAKA|DAFTAR REFERENSI|DAFTAR RUJUKAN|REFERENSI|REFERENCES?|BIBLIOGRAPHY|BIBLIOGRAFI|KEPUSTAKAAN"
_CHAPTER = (
    r"PENDAHULUAN|PEMBAHASAN|HASIL DAN PEMBAHASAN|HASIL PENELITIAN(?: DAN PEMBAHASAN)?|ANALISIS DAN PEMBAHASAN"
    r"|METODE PENELITIAN|METODOLOGI PENELITIAN|METODE|TINJAUAN PUSTAKA|KAJIAN PUSTAKA|LANDASAN TEORI"
    r"|KERANGKA (?:TEORI|TEORITIS|KONSEPTUAL|PEMIKIRAN)|INTRODUCTION|METHODS?|METHODOLOGY|RESEARCH METHODS?"
    r"|RESULTS?(?: AND DISCUSSIONS?)?|DISCUSSIONS?|LITERATURE REVIEW|THEORETICAL FRAMEWORK"
)
_FRONT = (
    r"KATA PENGANTAR|DAFTAR ISI|DAFTAR TABEL|DAFTAR GAMBAR|DAFTAR LAMPIRAN|DAFTAR SINGKATAN|LAMPIRAN(?: \S+)?"
    r"|HALAMAN PENGESAHAN|LEMBAR PENGESAHAN|LEMBAR PERSETUJUAN|HALAMAN PERSETUJUAN|PERNYATAAN ORISINALITAS"
    r"|MOTTO(?: DAN PERSEMBAHAN)?|PERSEMBAHAN|UCAPAN TERIMA KASIH|ACKNOWLEDG?EMENTS?|PREFACE|TABLE OF CONTENTS"
)
_HEADING_RES = [
    (re.compile(rf"(?:{_ABSTRACT_ID})"), "abstract", "id"),
    (re.compile(rf"(?:{_ABSTRACT_EN})"), "abstract", "en"),
    (re.compile(rf"(?:BAB\s+(?:[IVXL]+|\d+)\s*[.:\-–]?\s*)?(?:{_CONCLUSION})"), "conclusion", ""),
    (re.compile(rf"(?:BAB\s+(?:[IVXL]+|\d+)\s*[.:\-–]?\s*)?(?:{_REFERENCES})"), "references", ""),
    (re.compile(r"BAB\s+(?:[IVXL]+|\d+)\b.*"), "chapter", ""),
    (re.compile(rf"(?:{_CHAPTER})"), "chapter", ""),
    (re.compile(rf"(?:{_FRONT})"), "body", ""),
]
_NUMBERING_RE = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[A-H])[.)]?\s+(?=\S)")
_TOC_LINE_RE = re.compile(r"(?:\.{3,}|…)\s*\d+\s*$|^\S+\s+\S+\s.*\s\d{1,3}$")
_KEYWORDS_RE = re.compile(r"^(?:kata[\s-]*kunci|key\s*words?|keywords?)\b\s*[:：.\-–]?", re.I)
_CAPTION_RE = re.compile(r"^(?:tabel|table|gambar|figure|grafik|bagan|diagram)\s*\d", re.I)
_LIST_RE = re.compile(r"^(?:[•▪●◦■□➢►✓-]\s+|\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]\s+(?=\S))")


def _heading_info(text: str) -> tuple[str, str, str] | None:
    """(kind, language hint, heading) when `text` is a known thesis heading, else None."""
    t = _squeeze(text)
    if not t or len(t) > 110 or _TOC_LINE_RE.search(t) or not (t[0].isupper() or t[0].isdigit()):
        return None
    core = _NUMBERING_RE.sub("", t) if not re.match(r"BAB\s", t, re.I) else t
    core = core.strip(" .:;-–").upper()
    core = re.sub(r"\s+", " ", core)
    for rx, kind, lang in _HEADING_RES:
        if rx.fullmatch(core):
            return kind, lang, t.strip(" :")
    return None


_BAB_ONLY_RE = re.compile(r"BAB\s+(?:[IVXL]+|\d+)", re.I)


def _is_title_like(text: str) -> bool:
    """A short, mostly upper-case line that can complete a bare "BAB III" heading."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(text) <= 150 and bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


# --------------------------------------------------------------------------- language

_ID_WORDS = frozenset(
    "yang dan dengan dalam di ini itu untuk dari pada adalah tidak oleh akan atau sebagai juga ke bahwa kerjasama kerja".split()
)
_EN_WORDS = frozenset("the and of with in to is for that this by are was which as on be from an".split())
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _language(text: str, hint: str = "") -> str:
    """'id' or 'en' by a stopword count; ties fall back to the hint, then to 'id'."""
    n_id = n_en = 0
    for w in _WORD_RE.findall(text.lower()):
        if w in _ID_WORDS:
            n_id += 1
        elif w in _EN_WORDS:
            n_en += 1
    if n_id == n_en:
        return hint or "id"
    return "en" if n_en > n_id else "id"


# --------------------------------------------------------------------------- markdown / text reader

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
        elif bullet or (_LIST_RE.match(s) and (cur is None or not re.match(r"\(?[A-Za-z][.)]", s)
                                                   or cur.lines[-1].text[-1:] in _TERMINAL)):
            # a wrapped line may start with an initial ("J. Nye"); a letter item needs the previous line closed
            cur = _Block("list", [line], page=page)
            blocks.append(cur)
        elif cur is not None and cur.kind in ("para", "list", "keywords"):
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


def _cell_text(s: str) -> str:
    """A table cell on one line (cells never contain tabs or newlines)."""
    return _squeeze(re.sub(r"\s+", " ", s))


def _with_page(line: _Line, page: int) -> _Line:
    line.page = page
    return line


# --------------------------------------------------------------------------- encodings


def _decode(data: bytes) -> tuple[str, str]:
    """Bytes of a text file → (text, note on the encoding when it was guessed); raises _Fail for binary data."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), ""
    if b"\x00" in data:
        half = max(1, len(data) // 2)
        even, odd = data[0::2].count(0), data[1::2].count(0)
        # ASCII-heavy UTF-16 without a BOM has a zero in every other byte
        if odd > 0.3 * half and even < 0.02 * half:
            return data.decode("utf-16-le", errors="replace"), "decoded as UTF-16 LE (no BOM)"
        if even > 0.3 * half and odd < 0.02 * half:
            return data.decode("utf-16-be", errors="replace"), "decoded as UTF-16 BE (no BOM)"
        raise _Fail(_binary_message(data))
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    control = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
    if len(data) - len(data.translate(None, control)) > 0.01 * len(data):
        raise _Fail(_binary_message(data))
    try:
        text = data.decode("cp1252")
        # charset-normalizer tends to answer cp1250/cp775 for short Latin texts; Indonesian
        # theses are overwhelmingly cp1252/latin-1 when not UTF-8, so accept cp1252 for Latin script.
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii <= 0.1 * max(1, len(text)):
            return text, "decoded as Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        pass
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best), f"decoded as {best.encoding} (guessed; not UTF-8)"
    except Exception:  # noqa: BLE001 - a failed guess falls back to latin-1
        pass
    return data.decode("latin-1"), "decoded as Latin-1 (not UTF-8)"


def _binary_message(data: bytes) -> str:
    """Message for a text file that holds binary data, naming what it looks like when obvious."""
    kinds = {b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP/.docx archive", b"\xd0\xcf\x11\xe0": "an old Word .doc file",
             b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}
    what = next((v for k, v in kinds.items() if data.lstrip()[:8].startswith(k)), "")
    return "binary data, not text" + (f" (it looks like {what})" if what else "")


# --------------------------------------------------------------------------- PDF reader


@dataclass
class _Run:
    """A horizontal run of text on a PDF page (pdfium coordinates: y grows upwards)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    page: int
    hyphen: bool = False
    markers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


_RUN_SPLIT_RE = re.compile(r"\r\n|[\r\n\ufffe\x02]")
_MARKER_CAND_RE = re.compile(r"(?<=\S)\d+(?=[\s.,;:)\]]|$)")
_PAGE_NO_RE = re.compile(
    r"(?:[-–—(\[]\s*)?(?:(?:hal(?:aman)?|page|pp?|hlm)\.?\s*)?(?:\d{1,3}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})"
    r"(?:\s*(?:/|dari|of)\s*\d{1,4})?(?:\s*[-–—)\]])?",
    re.I,
)


def _parse_pdf(data: bytes, limits: _Limits | None = None) -> _Parsed:
    """PDF text layer → blocks and footnotes (pypdfium2 for text, pdfplumber only for ruled tables).

    At most `limits.max_pages` pages are read, and no new page once half the time limit is spent;
    a PDF cut short that way carries a warning saying where it stops.
    """
    limits = limits or _Limits()
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
            page.close()
    finally:
        pdf.close()
    if len(pages) < n_pages and len(pages) == to_read:
        warnings.append(f"truncated: only the first {to_read} of {n_pages} pages were read "
                        f"(limit {limits.max_pages} pages per document); the rest of the PDF is missing")
    n_read = len(pages)
    chars = [sum(len(r.text) for r in runs) for runs in pages]
    if sum(chars) == 0:
        what = f"the {n_pages}-page PDF holds" if n_read == n_pages else f"the first {n_read} pages of the {n_pages}-page PDF hold"
        raise _Fail(f"no text layer — needs OCR ({what} only images or drawings)")
    empty = sum(1 for c in chars if c < 20)
    if empty and empty >= 0.2 * n_read:
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
    return _Parsed(blocks, notes, n_read, warnings=warnings, search_markers=True)


def _sniff(data: bytes) -> str:
    """' (it looks like …)' for a few common signatures, else ''."""
    head = data.lstrip()[:8]
    for sig, what in ((b"PK\x03\x04", "a ZIP/.docx archive"), (b"\xd0\xcf\x11\xe0", "an old Word .doc file"),
                      (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"<", "HTML/XML")):
        if head.startswith(sig):
            return f" (it looks like {what})"
    try:
        data[:512].decode("utf-8")
        return " (it looks like plain text)" if data.strip() else ""
    except UnicodeDecodeError:
        return ""


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


_Box = tuple[float, float, float, float]
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


def _weighted_mode(values: list[tuple[float, int]]) -> float:
    """The value carrying the most weight (values rounded to 0.5)."""
    c: Counter[float] = Counter()
    for v, w in values:
        c[round(v * 2) / 2] += w
    return c.most_common(1)[0][0] if c else 12.0


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
        ordered = _reading_order(kept, width)
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
    return zone, re.sub(r"\d+", "#", r.text.lower())


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


def _inside(r: _Run, bbox: _Box) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - 2 <= (r.x0 + r.x1) / 2 <= x1 + 2 and y0 - 2 <= r.mid <= y1 + 2


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
            same = [x for x in text_runs if (x.x0 >= width / 2) == side]
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


# --------------------------------------------------------------------------- docx reader

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


# --------------------------------------------------------------------------- assembly


_TERMINAL = ".!?:;"
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


# --------------------------------------------------------------------------- metadata

_OLEH_RE = re.compile(r"^(?:di\s*susun|diajukan|ditulis|disusun)?\s*(?:oleh|by)\s*[:.]?\s*(.*)$", re.I)
_NIM_RE = re.compile(
    r"\b(?:NIM|NPM|NRP|NIRM|No\.?\s*Mhs|Nomor\s+Induk\s+Mahasiswa|Student\s+ID)\b\s*[.:]?\s*([0-9][0-9.\- ]{3,20}[0-9])", re.I
)
_INST_RE = re.compile(
    r"^(?:UNIVERSITAS|UNIVERSITY|INSTITUT|SEKOLAH\s+TINGGI|POLITEKNIK|AKADEMI|STIE|STISIPOL|STIKES|UIN|IAIN)\b.*", re.I
)
_PRODI_RE = re.compile(
    r"^(?:PROGRAM\s+STUDI|PRODI|JURUSAN|DEPARTEMEN|DEPARTMENT\s+OF|STUDY\s+PROGRAM(?:ME)?)\s*[:.]?\s*(.+)$", re.I
)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_BOILER_RE = re.compile(
    r"^(?:skripsi|tesis|thesis|disertasi|tugas\s+akhir|jurnal|artikel|proposal|naskah\s+publikasi|halaman\s+judul"
    r"|diajukan|disusun|ditulis|untuk\s+memenuhi|sebagai\s+salah|guna\s+memenuhi|submitted|in\s+partial"
    r"|dosen|pembimbing|supervisor|fakultas|faculty|jurusan|logo|e-?mail|surel|issn|e-issn|p-issn|doi|vol(?:ume)?\.?\s*\d"
    r"|no\.\s*\d|diterima|direvisi|diterbitkan|received|accepted|published|https?://|www\.)",
    re.I,
)
_YEAR_LINE_RE = re.compile(r"(?:[A-Z][A-Za-z ]{2,30},?\s+)?(?:\d{1,2}\s+\w+\s+)?(?:19|20)\d\d")
_APA_RE = re.compile(r"^([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4}),?\s*\(?((?:19|20)\d\d)\)?[.,]\s*(.{10,}?)(?:\.\s|$)")


def _metadata(spans: list[_Span], sections: list[Section]) -> dict[str, str]:
    """Title, author, student id, institution, programme and year from the title page(s) and abstracts."""
    meta: dict[str, str] = {}
    for sec in (s for s in sections if s.kind == "title"):
        _title_page_meta([sp for sp in spans if sec.start <= sp.start < sec.end], meta)
    if not any(s.kind == "title" for s in sections) and sections and sections[0].kind == "body":
        # reports and notes have no title page: their opening lines play its part
        head: list[_Span] = []
        for sp in spans[:8]:
            if (head and sp.block.kind == "heading") or len(sp.text) > 300:
                break
            head.append(sp)
        _title_page_meta(head, meta)
    for sec in (s for s in sections if s.kind == "abstract"):
        first = next((sp for sp in spans if sec.start <= sp.start < sec.end and sp.block.kind != "heading"), None)
        if first is not None:
            m = _APA_RE.match(first.text)
            if m and len(m.group(1).split()) >= 2:
                meta.setdefault("author", m.group(1).strip())
                meta.setdefault("year", m.group(2))
                meta.setdefault("title", m.group(3).strip())
    return meta


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_page_meta(spans: list[_Span], meta: dict[str, str]) -> None:
    """Fill missing metadata keys from the lines of one title page."""
    numbered = [(k, re.sub(r"^\(?\d(?:[\d,\s]*\d)?\)\s*", "", ln.text))
                for k, sp in enumerate(spans) if sp.block.kind != "table" for ln in sp.block.lines]
    lines = [t for _k, t in numbered]
    title_parts: list[str] = []
    title_block = -1
    title_done = False
    author_next = False
    after_title = False
    for k, t in numbered:
        if not title_done and k == title_block and _YEAR_LINE_RE.fullmatch(t):
            title_parts.append(t)  # a wrapped title ending in a year ("... 2013-" / "2018")
            continue
        if title_parts and not title_done and k != title_block and not (_is_upper(t) and _is_upper(title_parts[-1])):
            # an upper-case cover title may run over several blocks; anything else ends it
            title_done = after_title = True
        m = _OLEH_RE.match(t)
        if m and len(t) < 80:
            title_done, after_title = True, False
            rest = _NIM_RE.split(m.group(1))[0].strip(" ,:") if m.group(1) else ""
            if rest and _looks_like_name(rest):
                meta.setdefault("author", rest)
            else:
                author_next = True
            continue
        if author_next or after_title:
            # "Oleh" + name, or an article's byline right under its title
            cand = re.split(r"\b(?:NIM|NPM|NRP)\b", t)[0].strip(" ,:")
            # bylines list co-authors with affiliation numbers: "Nama Satu(1), Nama Dua(2)"
            names = [n.strip() for n in re.split(r",|;|&|\bdan\b|\band\b", re.sub(r"\(\d+\)|\*|\d+\b", "", cand)) if n.strip()]
            byline = after_title and all(not _is_upper(n) and all(w[:1].isupper() for w in n.split()) for n in names)
            if ((author_next or byline) and names and all(_looks_like_name(n) for n in names)
                    and not _BOILER_RE.match(cand) and not _INST_RE.match(cand)):
                meta.setdefault("author", "; ".join(names))
                author_next = after_title = False
                continue
            author_next = after_title = False
        if _NIM_RE.search(t) or _INST_RE.match(t) or _PRODI_RE.match(t) or _BOILER_RE.match(t) or _YEAR_LINE_RE.fullmatch(t):
            title_done = title_done or bool(title_parts)
            continue
        if not title_done:
            if len(t) > 250 or t[-1:] in ".!?" and len(t) > 80:
                title_done = True
                continue
            title_parts.append(t)
            title_block = k
    if title_parts:
        meta.setdefault("title", _squeeze(" ".join(title_parts)))
    title_lines = set(title_parts)
    for ln in lines:
        m = _NIM_RE.search(ln)
        if m:
            meta.setdefault("student_id", re.sub(r"\s+", "", m.group(1)))
        m = _PRODI_RE.match(ln)
        parts = [p.strip() for p in (m.group(1) if m else ln).split(",")]
        if m:
            meta.setdefault("study_programme", _squeeze(parts[0]))
        inst = next((p for p in ([ln] if _INST_RE.match(ln) else parts[1:] if m else []) if _INST_RE.match(p)), None)
        if inst:
            meta.setdefault("institution", _squeeze(inst))
    for ln in reversed(lines):
        if ln in title_lines or _NIM_RE.search(ln):
            continue
        years = _YEAR_RE.findall(ln)
        if years and len(ln) <= 60:
            meta.setdefault("year", years[-1])
            break


def _looks_like_name(s: str) -> bool:
    return 2 <= len(s) <= 80 and not re.search(r"\d", s) and 1 <= len(s.split()) <= 8


def _sidecar(path: Path) -> tuple[dict[str, Any], str]:
    """Metadata from `NAME.meta.yaml` beside the file: (values, warning)."""
    side = path.parent / f"{path.stem}.meta.yaml"
    if not side.is_file():
        return {}, ""
    try:
        import yaml

        data = yaml.safe_load(side.read_text(encoding="utf-8-sig"))
    except Exception as e:  # noqa: BLE001
        return {}, f"could not read {side.name}: {type(e).__name__}"
    if data is None:
        return {}, ""
    if not isinstance(data, dict):
        return {}, f"{side.name} is not a mapping of keys to values"
    return {str(k): _plain(v) for k, v in data.items()}, ""


def _plain(v: Any) -> Any:
    """YAML values as JSON-friendly strings (dates, numbers) or lists of them."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, bool):
        return "true" if v else "false"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


# --------------------------------------------------------------------------- public API


def ingest_file(path: Path, *, max_bytes: int = _MAX_BYTES, meta_sidecar: bool = True, max_pages: int | None = _MAX_PAGES,
                max_seconds: float | None = _MAX_SECONDS, max_chars: int | None = _MAX_CHARS) -> IngestedDoc:
    """Read one input file into an IngestedDoc; bad input gives status 'failed' and a reason, never an exception.

    Limits per document (None or 0: no limit): a file over `max_bytes` fails; a PDF is read up to
    `max_pages` pages (status 'warning', truncated); reading stops taking new PDF pages after half of
    `max_seconds` (warning, truncated) and gives up at `max_seconds` (failed); text longer than
    `max_chars` characters fails.
    """
    path = Path(path)
    return _ingest_path(path, path.as_posix(), max_bytes=max_bytes, meta_sidecar=meta_sidecar,
                        limits=_Limits(max_pages, max_seconds, max_chars))


def _ingest_path(path: Path, label: str, *, max_bytes: int, meta_sidecar: bool, data: bytes | None = None,
                 limits: _Limits | None = None) -> IngestedDoc:
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
        _with_deadline(lambda: _fill(doc, data, suffix, warnings, limits), limits.max_seconds)
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



def _fill(doc: IngestedDoc, data: bytes, suffix: str, warnings: list[str], limits: _Limits | None = None) -> None:
    """Parse `data` by format and fill text, pages, sections, footnotes, tables and meta of `doc`."""
    limits = limits or _Limits()
    if suffix not in FORMATS:
        raise _Fail(f"unsupported file type '{suffix or '(no extension)'}' (supported: .pdf, .txt, .md, .docx)")
    if not data:
        raise _Fail("empty file (0 bytes)")
    fmt = FORMATS[suffix]
    if fmt == "pdf":
        parsed = _parse_pdf(data, limits)
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


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, min(len(text), 100_000))


def iter_input_files(inputs: list[Path]) -> list[Path]:
    """Input files from files and folders (recursive), sorted, without sidecars, hidden and DVC/git files."""
    out: list[Path] = []
    seen: set[Path] = set()
    for inp in inputs:
        inp = Path(inp)
        if inp.is_dir():
            found = sorted((p for p in inp.rglob("*") if p.is_file() and not _skipped(p.relative_to(inp))),
                           key=lambda p: p.relative_to(inp).as_posix())
        elif inp.is_file() and not _skipped(Path(inp.name)):
            found = [inp]
        else:
            found = []
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def _skipped(rel: Path) -> bool:
    """Hidden files/folders, `*.meta.yaml` sidecars, `.dvc` and `.gitignore` files, Word lock files."""
    name = rel.name
    return (
        any(part.startswith(".") for part in rel.parts)
        or name.endswith((".meta.yaml", ".dvc"))
        or name in (".gitignore", "dvc.lock", "dvc.yaml")
        or name.startswith("~$")
    )


# Code and libraries whose changes change what ingest writes: part of every document's fingerprint.
INGEST_SOURCES = ("__init__.py", "ingest.py", "types.py", "io.py", "cache.py")
INGEST_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer.six", "python-docx", "lxml", "charset-normalizer", "PyYAML")
# Below this much input to read, worker processes cost more than they save.
POOL_MIN_FILES = 4
POOL_MIN_BYTES = 1_000_000


def ingest_run_key(limits: _Limits) -> str:
    """The stage-wide part of every document's fingerprint: version, code, libraries, limits."""
    from importlib.metadata import PackageNotFoundError, version

    from pipeline import __version__
    from pipeline.cache import code_digest, run_key

    libs: dict[str, str] = {}
    for name in INGEST_LIBRARIES:
        try:
            libs[name] = version(name)
        except PackageNotFoundError:
            libs[name] = ""
    return run_key(stage="ingest", version=__version__, code=code_digest(INGEST_SOURCES), libraries=libs,
                   limits=[limits.max_pages, limits.max_seconds, limits.max_chars, _MAX_BYTES])


def _file_fingerprint(key: str, label: str, sha: str, path: Path) -> str:
    """A document's fingerprint: the run key, its stored name, its bytes' hash and its sidecar's bytes."""
    from pipeline.cache import doc_fingerprint

    side = path.parent / f"{path.stem}.meta.yaml"
    try:
        side_bytes = side.read_bytes() if side.is_file() else b""
    except OSError:
        side_bytes = b"\0unreadable"
    return doc_fingerprint(key, "\0".join([label, sha, hashlib.sha256(side_bytes).hexdigest()]).encode())


def _reusable(entry: dict[str, Any] | None, fingerprint: str, out_dir: Path) -> bool:
    """Does the previous run's index entry still stand for this file (same fingerprint, outputs present)?"""
    if not entry or entry.get("fingerprint") != fingerprint:
        return False
    if entry.get("status") == "failed":
        # a time-out depends on the machine's load that day: try again
        return not str(entry.get("message", "")).startswith("gave up after")
    doc_id = entry.get("doc_id") or ""
    return (out_dir / f"{doc_id}.json").is_file() and (out_dir / f"{doc_id}.txt").is_file()


def _light(doc: IngestedDoc) -> IngestedDoc:
    """The record of a document without its text and structure (those are in the output folder)."""
    return IngestedDoc(doc_id=doc.doc_id, file=doc.file, sha256=doc.sha256, format=doc.format, meta=doc.meta,
                       status=doc.status, message=doc.message)


def _entry(doc: IngestedDoc, fingerprint: str, pages: int, chars: int) -> dict[str, Any]:
    return {"file": doc.file, "doc_id": doc.doc_id, "sha256": doc.sha256, "format": doc.format, "status": doc.status,
            "message": doc.message, "pages": pages, "chars": chars, "fingerprint": fingerprint}


def _read_one(path: str, label: str, limits: tuple[int | None, float | None, int | None], out_dir: str,
              fingerprint: str) -> tuple[IngestedDoc, dict[str, Any]]:
    """Ingest one file and write its outputs; returns its light record and index entry (runs in workers too)."""
    doc = _ingest_path(Path(path), label, max_bytes=_MAX_BYTES, meta_sidecar=True, limits=_Limits(*limits))
    if doc.status != "failed" and doc.doc_id:
        out = Path(out_dir)
        write_json(out / f"{doc.doc_id}.json", doc.to_dict(), record=True)
        atomic_write_text(out / f"{doc.doc_id}.txt", doc.text)
    return _light(doc), _entry(doc, fingerprint, len(doc.page_starts), len(doc.text))


def ingest(inputs: list[Path], out_dir: Path, *, progress: Callable[[Iterable], Iterable] | None = None,
           max_pages: int | None = None, max_seconds: float | None = None, max_chars: int | None = None,
           jobs: int | None = None, stats: dict[str, int] | None = None) -> list[IngestedDoc]:
    """Ingest every input file into out_dir as <doc_id>.json/.txt plus index.json; identical files once.

    Returns one record per input file, in order, without the text and structure (read those from
    out_dir). A file whose index entry from the previous run carries the same fingerprint (its
    bytes, stored name and sidecar, this stage's code, library versions and limits) is not read
    again. `jobs` worker processes (default min(2, CPUs); 1 = this process) read the others.
    `stats`, when given, receives ``{"files", "read", "cached", "workers"}``. The per-document
    limits (see `ingest_file`) default to the module's _MAX_PAGES, _MAX_SECONDS and _MAX_CHARS.
    """
    limits = _Limits(_MAX_PAGES if max_pages is None else max_pages, _MAX_SECONDS if max_seconds is None else max_seconds,
                     _MAX_CHARS if max_chars is None else max_chars)
    limit_args = (limits.max_pages, limits.max_seconds, limits.max_chars)
    inputs = [Path(p) for p in inputs]
    out_dir = Path(out_dir)
    out_abs = out_dir.resolve()
    files = [p for p in iter_input_files(inputs) if out_abs not in p.resolve().parents]
    out_dir.mkdir(parents=True, exist_ok=True)
    root = _common_root(inputs, files)
    try:
        previous = {e.get("file"): e for e in read_json(out_dir / "index.json") if isinstance(e, dict)}
    except (OSError, ValueError, TypeError, AttributeError):
        previous = {}
    key = ingest_run_key(limits)

    # plan: every file's hash and fingerprint; reuse, duplicate of an earlier file, or read
    plan: list[tuple[Path, str, str, str]] = []  # path, label, sha, fingerprint
    first_of: dict[str, int] = {}
    todo: list[int] = []
    todo_bytes = 0
    for k, path in enumerate(files):
        label = _relative(path, root)
        try:
            sha = sha256_file(path)
            size = path.stat().st_size
        except OSError:
            sha, size = "", 0
        fp = _file_fingerprint(key, label, sha, path)
        plan.append((path, label, sha, fp))
        if sha and sha in first_of:
            continue
        if sha:
            first_of[sha] = k
        if not _reusable(previous.get(label), fp, out_dir):
            todo.append(k)
            todo_bytes += size

    from pipeline.cache import default_jobs

    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    workers = min(jobs, len(todo))
    if workers > 1 and (len(todo) < POOL_MIN_FILES or todo_bytes < POOL_MIN_BYTES):
        workers = 1
    if stats is not None:
        stats.update(files=len(files), read=len(todo), cached=len(files) - len(todo), workers=workers if todo else 0)

    results: dict[int, Any] = {}
    pool = None
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
        results = {k: pool.submit(_read_one, str(plan[k][0]), plan[k][1], limit_args, str(out_dir), plan[k][3])
                   for k in todo}
    todo_set = set(todo)
    docs: list[IngestedDoc] = []
    index: list[dict[str, Any]] = []
    written: set[str] = set()
    try:
        for k, _file in enumerate(progress(files) if progress else files):
            path, label, sha, fp = plan[k]
            first = first_of.get(sha) if sha else None
            if first is not None and first != k:
                orig = docs[first]
                suffix = path.suffix.lower()
                doc = IngestedDoc(doc_id=doc_id_for(sha), file=label, sha256=sha,
                                  format=FORMATS.get(suffix, suffix.lstrip(".")),
                                  status="failed" if orig.status == "failed" else "warning",
                                  message=f"duplicate of {orig.file}" + (f": {orig.message}" if orig.status == "failed" else ""))
                entry = _entry(doc, fp, 0, 0)
            elif k in todo_set:
                doc, entry = (results[k].result() if pool is not None
                              else _read_one(str(path), label, limit_args, str(out_dir), fp))
            else:
                entry = dict(previous[label])
                doc = IngestedDoc(doc_id=entry["doc_id"], file=label, sha256=entry["sha256"], format=entry["format"],
                                  status=entry["status"], message=entry["message"])
            if doc.status != "failed" and doc.doc_id and (first is None or first == k):
                written.update({f"{doc.doc_id}.json", f"{doc.doc_id}.txt"})
            docs.append(doc)
            index.append(entry)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    for old in out_dir.iterdir():
        if re.fullmatch(r"[0-9a-f]{16}\.(?:json|txt)", old.name) and old.name not in written:
            old.unlink()
    write_json(out_dir / "index.json", index)
    return docs


def _common_root(inputs: list[Path], files: list[Path]) -> Path:
    """The deepest folder holding every input (a folder input counts as its own root)."""
    dirs = [str(p.resolve()) for p in inputs if p.is_dir()] + [str(p.resolve().parent) for p in inputs if p.is_file()]
    if not dirs:
        dirs = [str(p.resolve().parent) for p in files]
    return Path(os.path.commonpath(dirs)) if dirs else Path(".")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name

