"""Character cleanup and the patterns every reader shares: thesis headings, lists, keywords, language."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_SPACES_RE = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_DROP_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
_LIG_RE = re.compile("[" + "".join(_LIGATURES) + "]")
# a name run together with the "dengan" after it where a page's link or bold text lost its space ("Jakartadengan
# Beijing"); "Penggandengan" is a word of its own
_GLUED_WITH_RE = re.compile(r"\b([A-Z][a-z]{2,}(?<!gan))(dengan)\b")


def _clean_chars(s: str) -> str:
    """NFC, ligatures expanded, invisible and control characters dropped, odd spaces made plain."""
    s = unicodedata.normalize("NFC", s)
    s = _LIG_RE.sub(lambda m: _LIGATURES[m.group()], s)
    s = _DROP_RE.sub("", s)
    s = _GLUED_WITH_RE.sub(r"\1 \2", s)
    return _SPACES_RE.sub(" ", s)


def _squeeze(s: str) -> str:
    """Collapse runs of spaces and trim."""
    return re.sub(r" {2,}", " ", s.replace("\t", " ")).strip()


def _cell_text(s: str) -> str:
    """A table cell on one line (cells never contain tabs or newlines)."""
    return _squeeze(re.sub(r"\s+", " ", s))


# --------------------------------------------------------------------------- headings and patterns

_ABSTRACT_ID = r"ABSTRAK|ABSTRAKSI|INTISARI|SARI|RINGKASAN"  # "Sari": the abstract of Indonesian journals
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


# a line ending in one of these closes its sentence: the next line does not continue it
_TERMINAL = ".!?:;"


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
