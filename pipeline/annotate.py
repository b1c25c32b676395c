"""Annotate stage: run the spaCy pipeline over ingested documents and write mentions + agreements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.common import DATES_KEY, KEYWORDS_KEY, PLACES_KEY
from pipeline.io import read_json, write_json
from pipeline.partnerships import find_agreements
from pipeline.types import IngestedDoc, Mention

Progress = Callable[[Iterable[Any]], Iterable[Any]]


@dataclass
class Sentence:
    """A sentence's character range in the normalized text."""

    start: int
    end: int


def _span_mention(idoc: IngestedDoc, span: Span, mtype: str) -> Mention:
    """Convert a component's span into a Mention with its evidence."""
    kk: dict[str, Any] = dict(span._.kk or {})
    method = str(kk.pop("method", "") or f"rule:{span.label_.lower()}")
    confidence = float(kk.pop("confidence", 1.0) or 1.0)
    if mtype in ("CITY", "REGION", "COUNTRY", "ORG"):
        value = str(kk.get("name") or span.text)
    elif mtype in ("DATE", "DURATION"):
        value = str(kk.get("value") or "")
    else:
        value = span.id_ or span.text.lower()
    return Mention(
        doc_id=idoc.doc_id, type=mtype, text=span.text, start=span.start_char, end=span.end_char,
        value=value, method=method, confidence=confidence, attrs=kk,
    )


def _filter_longest(spans: Iterable[Span]) -> list[Span]:
    """Drop keyword spans inside a longer one ('sosial budaya' wins over 'sosial')."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end and span.label_ == kept[-1].label_:
            continue
        kept.append(span)
    return kept


def doc_mentions(idoc: IngestedDoc, doc: Doc) -> list[Mention]:
    """Every mention the components found, with page, section and sentence attached."""
    mentions: list[Mention] = []
    for span in doc.spans.get(PLACES_KEY, []):
        mentions.append(_span_mention(idoc, span, span.label_))
    for span in doc.spans.get(DATES_KEY, []):
        mentions.append(_span_mention(idoc, span, span.label_))
    for span in _filter_longest(doc.spans.get(KEYWORDS_KEY, [])):
        m = _span_mention(idoc, span, span.label_)
        m.method = f"keywords:{span.label_.lower()}"
        mentions.append(m)
    for m in mentions:
        sent = doc.char_span(m.start, m.end, alignment_mode="expand")
        s = sent.sent if sent is not None else None
        m.attrs["sentence_start"] = s.start_char if s is not None else m.start
        m.attrs["sentence_end"] = s.end_char if s is not None else m.end
        m.attrs["page"] = idoc.page_at(m.start)
        section = idoc.section_at(m.start)
        m.attrs["section"] = section.kind if section else "body"
        m.attrs["language"] = section.language if section else ""
        m.attrs["duplicate"] = bool(section and section.duplicate_of is not None)
    mentions.sort(key=lambda m: (m.start, m.end, m.type))
    return mentions


def annotate_doc(nlp: Language, idoc: IngestedDoc) -> dict[str, Any]:
    """Annotate one document: mentions and the agreements they support."""
    doc = nlp.make_doc(idoc.text)
    doc.user_data["kk_sections"] = [(s.kind, s.start, s.end, s.language) for s in idoc.sections]
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    mentions = doc_mentions(idoc, doc)
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    agreements = find_agreements(idoc, mentions, [(s.start, s.end) for s in sentences])
    return {
        "doc_id": idoc.doc_id,
        "mentions": [m.to_dict() for m in mentions],
        "agreements": agreements,
    }


def annotate(
    docs_dir: Path,
    gazetteer_dir: Path,
    out_dir: Path,
    *,
    min_confidence: float = 0.0,
    progress: Progress | None = None,
) -> int:
    """Annotate every ingested document in `docs_dir` into `out_dir/<doc_id>.json`; returns the count."""
    from pipeline.nlp import build_nlp

    index = read_json(docs_dir / "index.json")
    ids = sorted({e["doc_id"] for e in index if e.get("status") != "failed" and (docs_dir / f"{e['doc_id']}.json").exists()})
    nlp = build_nlp(gazetteer_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{i}.json" for i in ids}
    for stale in out_dir.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    for doc_id in (progress or iter)(ids):
        idoc = IngestedDoc.from_dict(read_json(docs_dir / f"{doc_id}.json"))
        result = annotate_doc(nlp, idoc)
        result["mentions"] = [m for m in result["mentions"] if m["confidence"] >= min_confidence]
        write_json(out_dir / f"{doc_id}.json", result)
    return len(ids)
