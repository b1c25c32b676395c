"""Helpers shared by the spaCy components: the span extension and section lookups."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# doc.spans keys written by the components
PLACES_KEY = "kk_places"
DATES_KEY = "kk_dates"
KEYWORDS_KEY = "kk_keywords"
TEXT_KEY = "kk_text"


def register_extensions() -> None:
    """Register `Span._.kk` (attribute dict of an extracted span); idempotent."""
    if not Span.has_extension("kk"):
        Span.set_extension("kk", default=None)


def set_attrs(span: Span, attrs: dict[str, Any]) -> Span:
    """Attach the attribute dict to a span and return it."""
    register_extensions()
    span._.kk = attrs
    return span


def section_kind_at(doc: Doc, char: int) -> str:
    """Kind of the innermost section at a character offset ('body' when unknown).

    Annotate puts the ingested sections in doc.user_data["kk_sections"] as (kind, start, end, language).
    """
    best = ("body", -1, 10**12)
    for kind, start, end, _lang in doc.user_data.get("kk_sections", ()):
        if start <= char < end and end - start < best[2] - best[1]:
            best = (kind, start, end)
    return best[0]


def section_language_at(doc: Doc, char: int) -> str:
    """Language of the innermost section at a character offset ('' when unknown)."""
    best = ("", -1, 10**12)
    for _kind, start, end, lang in doc.user_data.get("kk_sections", ()):
        if start <= char < end and end - start < best[2] - best[1]:
            best = (lang or "", start, end)
    return best[0]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (``Doc.text`` joins a Token object per token on every access).

    Annotate stores the ingested text in ``doc.user_data["kk_text"]`` up front; its length is
    checked, so a stale value from another text is never used.
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str) or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws)):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the line of `text` that holds text[start:end] (end defaults to start)."""
    hi = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, hi if hi >= 0 else len(text)


def capitals_share_at_least(line: str, share: float, min_letters: int) -> bool:
    """At least `min_letters` letters, and at least `share` of them capitals (a title or table heading)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= min_letters and sum(c.isupper() for c in letters) / len(letters) >= share
