"""The page of one document: its text with every extracted span highlighted, and its agreements, mentions, places and sectors."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pipeline.review.markup import TYPE_COLOURS, as_int, esc, render
from pipeline.review.scans import CSP_SCANS

# the document's fields in the page's "Document" table, in this order, when not empty
META_KEYS = ("doc_id", "file", "sha256", "format", "title", "author", "student_id", "institution", "year",
             "study_programme", "language", "pages", "chars", "status", "message")


@dataclass
class Span:
    """A highlighted range of the text: `open` starts a fragment (the first one carries the anchor), `close` ends one."""

    start: int
    end: int
    attrs: str  # rendered attributes for every fragment (class, data-*, title)
    anchor: str = ""  # id of the first fragment
    rank: int = 0  # for identical ranges: lower rank is outer
    tag: str = "span"
    _opened: bool = field(default=False, repr=False)

    def open(self) -> str:
        first = not self._opened
        self._opened = True
        anchor = f' id="{esc(self.anchor)}"' if first and self.anchor else ""
        cont = "" if first else ' data-cont="1"'
        return f"<{self.tag}{anchor}{cont} {self.attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def render_text(text: str, spans: Iterable[Span], markers: dict[int, str] | None = None) -> str:
    """Escaped `text` with every span wrapped in elements, splitting spans that cross.

    Spans are nested as they come (longer outside); when one ends while a span opened inside it
    is still open, the inner one is closed and reopened after it (a continuation fragment with
    `data-cont`), so the HTML stays well formed whatever the overlaps. `markers` inserts
    ready HTML at offsets (page labels). Zero-length or out-of-range spans are dropped.
    """
    n = len(text)
    markers = markers or {}
    kept = []
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if a < b:
            s.start, s.end, s._opened = a, b, False
            kept.append(s)
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in kept:
        starts[s.start].append(s)
    for lst in starts.values():
        lst.sort(key=lambda s: (-s.end, s.rank))
    bounds = sorted({0, n} | {s.start for s in kept} | {s.end for s in kept} | {m for m in markers if 0 <= m <= n})
    out: list[str] = []
    stack: list[Span] = []
    prev = 0
    for pos in bounds:
        if pos > prev:
            out.append(esc(text[prev:pos]))
            prev = pos
        lowest = next((i for i, s in enumerate(stack) if s.end <= pos), None)
        if lowest is not None:
            reopen = [s for s in stack[lowest:] if s.end > pos]
            for s in reversed(stack[lowest:]):
                out.append(s.close())
            del stack[lowest:]
            for s in reopen:
                out.append(s.open())
                stack.append(s)
        if pos in markers:
            out.append(markers[pos])
        for s in starts.get(pos, ()):
            out.append(s.open())
            stack.append(s)
    for s in reversed(stack):
        out.append(s.close())
    return "".join(out)


class _AgreementRow(NamedTuple):
    row: dict[str, str]
    id: str
    start: str
    end: str
    page: str
    linked: bool  # its evidence is highlighted in the text


class _MentionRow(NamedTuple):
    row: dict[str, str]
    id: str
    problem: str | None  # what is wrong with its offsets, if anything
    linked: bool  # highlighted: the mention_id links to it


def _page_of(page_starts: list[int], offset: int | None) -> int | None:
    if not page_starts or offset is None:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


# The highlighted text is built here rather than in a template: a corpus has tens of thousands of
# mentions, and a Jinja2 macro call per mention made the pages 40 % slower to render (1.18 s against
# 0.85 s of CPU for 200 pages holding 48,000 mentions).


def _mention_spans(text: str | None, page_starts: list[int], mentions: list[dict[str, str]]
                   ) -> tuple[list[Span], dict[str, str]]:
    """The spans of the mentions that can be highlighted, and why the others cannot (by mention_id)."""
    n = len(text) if text is not None else 0
    spans: list[Span] = []
    problems: dict[str, str] = {}
    seen_ids: set[str] = set()
    for m in mentions:
        mid = str(m.get("mention_id", ""))
        s, e = as_int(m.get("start")), as_int(m.get("end"))
        if text is None:
            problems[mid] = "no text"
            continue
        if s is None or e is None or s < 0 or e > n or s >= e:
            problems[mid] = ("no offsets" if s is None or e is None else "empty span" if s >= e
                             else "offsets out of range")
            continue
        surface = m.get("text", "")
        if surface and text[s:e] != surface and " ".join(text[s:e].split()) != " ".join(surface.split()):
            problems[mid] = "text at offsets differs"
        page = m.get("page") or (str(_page_of(page_starts, s) or ""))
        t = m.get("type", "")
        cls = f"t-{t}" if t in TYPE_COLOURS else "t-OTHER"
        title = (f"{t}: {m.get('value', '')} · {m.get('method', '')} · {m.get('confidence', '')} · "
                 f"{m.get('mention_id', '')}")
        attrs = (f'class="m {cls}" data-mid="{esc(mid)}" data-type="{esc(t)}" data-text="{esc(surface)}" '
                 f'data-value="{esc(m.get("value", ""))}" data-method="{esc(m.get("method", ""))}" '
                 f'data-conf="{esc(m.get("confidence", ""))}" data-start="{s}" data-end="{e}" '
                 f'data-page="{esc(page)}" title="{esc(title)}"')
        spans.append(Span(s, e, attrs, anchor=f"m-{mid}" if mid not in seen_ids else "", rank=1))
        seen_ids.add(mid)
    return spans, problems


def _evidence_spans(text: str | None, agreements: list[dict[str, str]]) -> tuple[list[Span], set[str]]:
    """The spans of the agreements' evidence sentences that lie in the text, and those agreements' ids."""
    spans = []
    ids = set()
    for a in agreements:
        aid = str(a.get("agreement_id", ""))
        s, e = as_int(a.get("start")), as_int(a.get("end"))
        if text is None or s is None or e is None or s < 0 or e > len(text) or s >= e:
            continue
        ids.add(aid)
        title = f"evidence of agreement {aid}: {a.get('city_a', '')} – {a.get('city_b', '')} {a.get('instrument', '')}"
        spans.append(Span(s, e, f'class="ev" data-aid="{esc(aid)}" title="{esc(title)}"', anchor=f"ev-{aid}", rank=0))
    return spans, ids


def _page_labels(text: str, page_starts: list[int]) -> dict[int, str]:
    """A label at the start of every page, for `render_text`."""
    markers: dict[int, str] = {}
    for i, p in enumerate(page_starts):
        if 0 <= p <= len(text):
            markers[p] = markers.get(p, "") + f'<span class="pb" id="page-{i + 1}">p.&nbsp;{i + 1}</span>'
    return markers


def render_document(doc: dict[str, Any], text: str | None, page_starts: list[int], mentions: list[dict[str, str]],
                    agreements: list[dict[str, str]], cities: list[dict[str, str]] = (),  # type: ignore[assignment]
                    sectors: list[dict[str, str]] = (),  # type: ignore[assignment]
                    *, app: dict[str, Any] | None = None, scans: dict[int, str] | None = None) -> str:
    """The HTML page of one document (`app`: the review app's context, which adds its controls; None for the static
    page; `scans`: the figures of OCR'd pages by page, `scans.scan_figures`)."""
    doc_id = str(doc.get("doc_id", ""))
    mentions = sorted(mentions, key=lambda m: (as_int(m.get("start")) or 0, -(as_int(m.get("end")) or 0),
                                               m.get("type", ""), m.get("mention_id", "")))
    agreements = sorted(agreements, key=lambda a: (as_int(a.get("start")) or 0, a.get("agreement_id", "")))
    spans, problems = _mention_spans(text, page_starts, mentions)
    evidence, evidence_ids = _evidence_spans(text, agreements)
    agreement_rows = []
    for a in agreements:
        aid = str(a.get("agreement_id", ""))
        start, end = a.get("start", ""), a.get("end", "")
        page = a.get("page") or str(_page_of(page_starts, as_int(start)) or "")
        agreement_rows.append(_AgreementRow(a, aid, start, end, page, aid in evidence_ids))
    mention_rows = []
    for m in mentions:
        mid = str(m.get("mention_id", ""))
        problem = problems.get(mid)
        mention_rows.append(_MentionRow(m, mid, problem, problem in (None, "text at offsets differs")))
    name = doc.get("title") or doc.get("file") or doc_id
    markers = _page_labels(text, page_starts) if text is not None else {}
    for page, figure in (scans or {}).items():
        if text is not None and 0 < page <= len(page_starts):
            at = page_starts[page - 1]
            markers[at] = markers.get(at, "") + figure
    extra = {"csp": CSP_SCANS, "scans": True} if scans else {}
    return render(
        "document.html", title=f"{name} — kotakembar review", name=name, doc=doc, doc_id=doc_id,
        status=str(doc.get("status", "")), meta=[(k, doc.get(k, "")) for k in META_KEYS if doc.get(k) not in (None, "")],
        pages=len(page_starts) if text is not None else 0,
        text_html=None if text is None else render_text(text, spans + evidence, markers),
        agreements=agreement_rows, mentions=mention_rows, cities=cities,
        sectors=sorted(sectors, key=lambda s: s.get("sector", "")), highlighted=len(spans),
        types=sorted({m.get("type", "") for m in mentions if m.get("type", "") in TYPE_COLOURS}), app=app, **extra)
