"""Metadata: title, author, student id, institution and year from the text, and the `NAME.meta.yaml` sidecar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline.ingest.assemble import _Span
from pipeline.ingest.clean import _squeeze
from pipeline.types import Section

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
