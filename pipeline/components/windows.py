"""Run a token Matcher only on the stretches of a Doc that can hold a match.

spaCy's ``Matcher`` steps every pattern through every token, and ``IN``/``REGEX`` predicates are
Python callbacks: on a thesis most of the date component's time went there, although dates are a
few tokens in a hundred. ``MatchWindows`` reads the same patterns and finds, per document:

* the tokens that satisfy at least one token spec of any pattern ("can take part"): a match is
  a contiguous run of such tokens, so it lies inside one maximal run of them;
* the runs that hold an "anchor": a token satisfying one chosen required spec of some pattern
  (every match holds its pattern's required tokens, so a run without an anchor holds no match).

Measured gain (``benchmarks/shortcuts.py``, 40 generated documents): the whole annotate pipeline runs
2.3 times faster with it (2.04 s without, 0.88 s with); without it the text path misses its target
(``benchmarks/bench.py``: words/s at least a quarter of bare tokenization's).

Running the matcher on those runs alone gives exactly the matches of the whole document (the
matcher is not greedy here: every match depends on its own tokens only). Each spec is tested
by a superset of its predicates (``SPACY``, unknown keys are ignored), so a run is never too
short. When some spec cannot be tested at all, ``MatchWindows.build`` returns None and the
caller matches the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

Test = Callable[[str], bool]

# flags testable from the token's text alone (the string attributes are LOWER, ORTH and TEXT)
_FLAG_ATTRS: dict[str, Test] = {"IS_TITLE": str.istitle, "IS_SPACE": str.isspace, "IS_LOWER": str.islower,
                                "IS_UPPER": str.isupper, "IS_DIGIT": str.isdigit, "IS_ALPHA": str.isalpha}


def _required(op: object) -> bool:
    """Must a token fill this spec in every match? (no OP, "+", "!"-free counts "{n}", "{n,m}" with n >= 1)"""
    if op in (None, "+", "1"):
        return True
    return isinstance(op, str) and re.fullmatch(r"\{[1-9]\d*(,\d*)?\}", op) is not None


@dataclass
class _Loose:
    """One loosened predicate of a spec: words (compared lowercased), a regex, or a flag."""

    words: frozenset[str] = frozenset()
    regex: str = ""
    lower_regex: bool = False
    flag: tuple[str, bool] | None = None

    @property
    def rank(self) -> tuple[int, int]:
        """Selectivity guess (lower is better): short word lists, then regexes, then flags (measured faster)."""
        if self.words:
            return (0, len(self.words))
        return (1, 0) if self.regex else (2, 0)


def loosen(spec: dict) -> _Loose | None:
    """The most selective predicate of `spec` that a token's text can be tested with, loosened.

    Every token matching `spec` passes it (a conjunction is tested by one of its terms; ORTH and
    TEXT are compared lowercased; NORM, which tokenizer exceptions may map anywhere, is not used).
    """
    options: list[_Loose] = []
    for attr, value in spec.items():
        if attr in ("LOWER", "ORTH", "TEXT"):
            if isinstance(value, str):
                options.append(_Loose(words=frozenset([value.lower()])))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                options.append(_Loose(words=frozenset(str(v).lower() for v in value["IN"])))
            elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                options.append(_Loose(regex=value["REGEX"], lower_regex=attr == "LOWER"))
        elif attr in _FLAG_ATTRS and isinstance(value, bool):
            options.append(_Loose(flag=(attr, value)))
    return min(options, key=lambda o: o.rank) if options else None


class _Union:
    """A fast test for "passes at least one of these loosened predicates"."""

    def __init__(self, preds: list[_Loose]) -> None:
        self.words = frozenset().union(*(p.words for p in preds))
        text_rx = sorted({p.regex for p in preds if p.regex and not p.lower_regex})
        lower_rx = sorted({p.regex for p in preds if p.regex and p.lower_regex})
        self.text_rx = re.compile("|".join(f"(?:{r})" for r in text_rx)) if text_rx else None
        self.lower_rx = re.compile("|".join(f"(?:{r})" for r in lower_rx)) if lower_rx else None
        self.flags = sorted({p.flag for p in preds if p.flag})

    def __call__(self, text: str) -> bool:
        low = text.lower()
        if low in self.words:
            return True
        if self.text_rx is not None and self.text_rx.search(text):
            return True
        if self.lower_rx is not None and self.lower_rx.search(low):
            return True
        return any(_FLAG_ATTRS[name](text) == want for name, want in self.flags)


class MatchWindows:
    """Which tokens can take part in a match and which can anchor one (see the module docstring)."""

    MEMO_MAX = 500_000

    def __init__(self, part: list[_Loose], anchors: list[_Loose]) -> None:
        self.part = _Union(part)
        self.anchor = _Union(anchors)
        # per token ORTH hash: (can take part, is an anchor); words repeat, so each is tested once
        self._memo: dict[int, tuple[bool, bool]] = {}

    @classmethod
    def build(cls, patterns: Iterable[Sequence[dict]]) -> MatchWindows | None:
        """From the compiled patterns as given to ``Matcher.add``; None when windows would not be exact."""
        part: list[_Loose] = []
        anchors: list[_Loose] = []
        for pattern in patterns:
            required: list[_Loose] = []
            for spec in pattern:
                pred = loosen(spec)
                if pred is None or spec.get("OP") == "!":
                    return None  # a spec any token may satisfy (or must not satisfy): no run boundary is safe
                part.append(pred)
                if _required(spec.get("OP")):
                    required.append(pred)
            if not required:
                return None  # an all-optional pattern: no token it must hold
            anchors.append(min(required, key=lambda r: r.rank))
        return cls(part, anchors)

    def classify(self, text: str) -> tuple[bool, bool]:
        """(can take part in a match, is an anchor) for a token's text."""
        return self.part(text), self.anchor(text)

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges [start, end) of `doc` that hold every match, in order."""
        out: list[tuple[int, int]] = []
        start = -1
        anchored = False
        memo, strings = self._memo, doc.vocab.strings
        # ORTH ids through one array, not Token objects (creating those costs more than the test)
        orths: list[int] = doc.to_array("ORTH").tolist() if len(doc) else []
        for i, orth in enumerate(orths):
            got = memo.get(orth)
            if got is None:
                got = self.classify(strings[orth])
                if len(memo) >= self.MEMO_MAX:
                    memo.clear()
                memo[orth] = got
            part, anchor = got
            if part:
                if start < 0:
                    start, anchored = i, False
                anchored = anchored or anchor
            elif start >= 0:
                if anchored:
                    out.append((start, i))
                start = -1
        if start >= 0 and anchored:
            out.append((start, len(orths)))
        return out

    def matches(self, matcher: Callable[..., list[tuple[int, int, int]]], doc: Doc) -> list[tuple[int, int, int]]:
        """``matcher(doc)``'s matches, found by running it on the runs only."""
        found: list[tuple[int, int, int]] = []
        for s, e in self.runs(doc):
            found.extend((mid, s + a, s + b) for mid, a, b in matcher(doc[s:e]))
        return found
