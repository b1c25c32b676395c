"""Temporal expressions: a spaCy component that finds dates and durations and normalizes them to EDTF.

Spans are found with spaCy ``Matcher`` token patterns read from ``pipeline/rules/dates.jsonl``
(with the word lists of ``dates_lexicon.jsonl`` and the role cues of ``dates_roles.jsonl``);
the longest non-overlapping match wins. Each span goes to ``doc.spans[DATES_KEY]`` with label
DATE or DURATION and ``span._.kk`` =
``{"value", "precision", "role", "method", "confidence"}``.

Values are EDTF (``2013-08-17``, ``2011-08``, ``2011``, ``197X``, ``2012-11-03/2012-11-08``,
``2007/..``, ``XXXX-11-17``) or ISO 8601 durations (``P5Y``). They come from the text only:
nothing is ever filled in from the day the pipeline runs.

Also usable without a pipeline: :func:`normalize` (one date in a short text, e.g. a table cell)
and :func:`parse_duration`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import SimpleFrozenList, ensure_path

from .common import DATES_KEY, PLACES_KEY, capitals_share_at_least, doc_text, line_bounds, register_extensions, section_kind_at, set_attrs
from .date_values import DAY_RE, YEAR_RE, DateValues
from .doctime import anchor
from .tokenizer import blank_indonesian
from .windows import MatchWindows

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
PATTERNS_FILE = "dates.jsonl"
LEXICON_FILE = "dates_lexicon.jsonl"
ROLES_FILE = "dates_roles.jsonl"
NOT_THE_DAY_ITSELF = frozenset({"hingga", "sampai", "until", "akhir", "awal", "pertengahan", "paruh", "end", "early",
                                "late", "by", "of"})
VAGUE_COUNTS = frozenset({"beberapa", "puluhan", "ratusan", "sekian", "berapa", "several", "many", "some"})
ENGLISH_PREPS = frozenset({"on", "since", "from", "until", "till", "by", "(", "dated", "before", "after"})
DATELINE_AFTER = frozenset({"(", "-", "--", "–", "—"})
WEEKDAY_BEFORE = frozenset({",", "pada", "on", "hari", "("})  # where a bare weekday is a date ("di Padang, Selasa")

ROLES = ("event", "publication", "citation_access", "legal_reference", "other")
PRECISIONS = ("day", "month", "year", "decade", "century", "interval")

_SPACE = {"IS_SPACE": True, "OP": "*"}
# "XXXX-09-16/XXXX-09-23": two days of one month
_TWO_DAYS = re.compile(r"^(\w{4}-\d\d)-(\d\d)/(\w{4}-\d\d)-(\d\d)$")
_URLISH = re.compile(r"(://|www\.|@|\.(com|org|net|id|go\.id|ac\.id|co\.id|html?|php)\b)", re.I)

@Language.factory(
    "kotakembar_dates",
    default_config={
        "spans_key": DATES_KEY,
        "rules_path": None,
        "overwrite": True,
        "bare_years": True,
        "bare_year_min": 1900,
        "bare_year_max": 2099,
        "allow_line_breaks": True,
        "match_windows": True,
    },
)
def make_date_recognizer(
    nlp: Language,
    name: str,
    spans_key: str,
    rules_path: str | None,
    overwrite: bool,
    bare_years: bool,
    bare_year_min: int,
    bare_year_max: int,
    allow_line_breaks: bool,
    match_windows: bool,
) -> DateRecognizer:
    """Construct the date recognizer (patterns from `rules_path`, default the packaged rules)."""
    register_extensions()
    return DateRecognizer(
        nlp,
        name,
        spans_key=spans_key,
        rules_path=rules_path,
        overwrite=overwrite,
        bare_years=bare_years,
        bare_year_min=bare_year_min,
        bare_year_max=bare_year_max,
        allow_line_breaks=allow_line_breaks,
        match_windows=match_windows,
    )


def load_rules(path: str | Path | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """Read (patterns, lexicon, roles) JSONL from a directory (default: the packaged rules)."""
    base = Path(path) if path else RULES_DIR
    patterns = list(srsly.read_jsonl(base / PATTERNS_FILE))
    lexicon = list(srsly.read_jsonl(base / LEXICON_FILE))
    roles = list(srsly.read_jsonl(base / ROLES_FILE)) if (base / ROLES_FILE).exists() else []
    return patterns, lexicon, roles


class _Lex:
    """Word lists and token macros of the lexicon file, with lookups used by the normalizer."""

    def __init__(self, entries: list[dict]):
        self.sets: dict[str, Any] = {}
        self.tokens: dict[str, dict] = {}
        for e in entries:
            if "token" in e:
                self.tokens[e["name"]] = e["token"]
            else:
                self.sets[e["name"]] = e["values"]

    def words(self, name: str) -> set[str]:
        v = self.sets.get(name, ())
        return set(v.keys()) if isinstance(v, dict) else set(v) if isinstance(v, list) else set()

    def map(self, name: str) -> dict:
        v = self.sets.get(name, {})
        return v if isinstance(v, dict) else {}

    def expand(self, token: dict) -> dict:
        """Replace "@NAME" references: {"@": "YEAR"} token macros and "@SET" lists inside IN/NOT_IN."""
        token = copy.deepcopy(token)
        if "@" in token:
            macro = self.tokens[token.pop("@")]
            merged = copy.deepcopy(macro)
            merged.update(token)
            token = merged
        for _key, val in list(token.items()):
            if isinstance(val, dict):
                for op in ("IN", "NOT_IN"):
                    ref = val.get(op)
                    if isinstance(ref, str) and ref.startswith("@"):
                        val[op] = sorted(self.words(ref[1:]))
        return token


_WS = re.compile(r"\s")


class DateRecognizer(DateValues):
    """Find dates and durations with token patterns; normalize to EDTF; assign a role.

    Settings are keyword-only. Patterns, lexicon and role cues are data (JSONL), loaded at
    construction from `rules_path` (default `pipeline/rules/`) and replaceable in `initialize`.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kotakembar_dates",
        *,
        spans_key: str = DATES_KEY,
        rules_path: str | None = None,
        overwrite: bool = True,
        bare_years: bool = True,
        bare_year_min: int = 1900,
        bare_year_max: int = 2099,
        allow_line_breaks: bool = True,
        match_windows: bool = True,
    ) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.rules_path = rules_path
        self.overwrite = overwrite
        self.bare_years = bare_years
        self.bare_year_min = bare_year_min
        self.bare_year_max = bare_year_max
        self.allow_line_breaks = allow_line_breaks
        # match only the token runs that can hold a date (same matches, a fraction of the time)
        self.match_windows = match_windows
        patterns, lexicon, roles = load_rules(rules_path)
        self._set_rules(patterns, lexicon, roles)

    # ------------------------------------------------------------------ rules
    def _set_rules(self, patterns: list[dict], lexicon: list[dict], roles: list[dict]) -> None:
        self._patterns = [dict(p) for p in patterns]
        self._lexicon = [dict(e) for e in lexicon]
        self._roles = [dict(r) for r in roles]
        self.lex = _Lex(self._lexicon)
        self._role_res = []
        for r in self._roles:
            compiled = dict(r)
            for k in ("before", "after", "sentence_before", "surface"):
                if k in r:
                    compiled[k + "_re"] = re.compile(r[k])
            self._role_res.append(compiled)
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        self._rules: dict[str, dict] = {}
        self._priority: dict[str, int] = {}
        compiled: list[list[dict]] = []
        for i, rule in enumerate(self._patterns):
            rid = rule["id"]
            self._rules[rid] = rule
            self._priority[rid] = i
            compiled.append(self._compile(rule))
            self.matcher.add(rid, [compiled[-1]])
        self._windows = MatchWindows.build(compiled)
        m = self.lex
        self._months = m.map("MONTH")
        self._weekdays = m.map("WEEKDAY")
        self._numwords = m.map("NUMWORD")
        self._mult = m.map("NUMWORD_MULT")
        self._units = m.map("DURATION_UNIT")
        self._se = m.map("SE_DURATION")
        self._open = m.words("OPEN_START")
        self._until = m.words("UNTIL")
        self._sep = m.words("RANGE_SEP")
        self._between = m.words("BETWEEN")
        self._and = m.words("AND")
        self._recurring = m.words("RECURRING")
        self._block_prev = m.words("BLOCK_PREV")
        self._next_allow = m.words("BARE_NEXT_ALLOW")
        self._abbr_max = int(m.sets.get("MONTH_ABBR_MAXLEN", 5))
        self._decade_leads = {"tahun", "era", "dekade", "decade", "masa", "periode", "the", "tahun-tahun"}

    def _compile(self, rule: dict) -> list[dict]:
        tokens = [self.lex.expand(t) for t in rule["pattern"]]
        if not (self.allow_line_breaks and rule.get("spaces", True)):
            return tokens
        out: list[dict] = []
        for i, tok in enumerate(tokens):
            out.append(tok)
            if i < len(tokens) - 1 and tok.get("SPACY", True) is not False:
                out.append(dict(_SPACE))
        return out

    @property
    def patterns(self) -> list[dict]:
        """The pattern rules (as in dates.jsonl)."""
        return [dict(p) for p in self._patterns]

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Append pattern rules (same shape as the lines of dates.jsonl)."""
        self._set_rules(self._patterns + [dict(p) for p in patterns], self._lexicon, self._roles)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: list[dict] | None = None,
        lexicon: list[dict] | None = None,
        roles: list[dict] | None = None,
    ) -> None:
        """Replace patterns / lexicon / role cues (each optional; default: keep the loaded rules)."""
        if patterns is None and lexicon is None and roles is None:
            return
        self._set_rules(
            patterns if patterns is not None else self._patterns,
            lexicon if lexicon is not None else self._lexicon,
            roles if roles is not None else self._roles,
        )

    # ------------------------------------------------------------------ serialization
    def _cfg(self) -> dict:
        return {
            "spans_key": self.spans_key,
            "overwrite": self.overwrite,
            "bare_years": self.bare_years,
            "bare_year_min": self.bare_year_min,
            "bare_year_max": self.bare_year_max,
            "allow_line_breaks": self.allow_line_breaks,
            "match_windows": self.match_windows,
        }

    def _load_cfg(self, cfg: dict) -> None:
        for k, v in cfg.items():
            if k in self._cfg():
                setattr(self, k, v)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        """Write patterns, lexicon and role cues as JSONL (and cfg as JSON) into a directory."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self._patterns)
        srsly.write_jsonl(path / LEXICON_FILE, self._lexicon)
        srsly.write_jsonl(path / ROLES_FILE, self._roles)
        srsly.write_json(path / "cfg", self._cfg())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> DateRecognizer:
        """Load what `to_disk` wrote."""
        path = ensure_path(path)
        if (path / "cfg").exists():
            self._load_cfg(srsly.read_json(path / "cfg"))
        patterns, lexicon, roles = load_rules(path)
        self._set_rules(patterns, lexicon, roles)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        """Serialize rules and settings."""
        return srsly.msgpack_dumps(
            {"patterns": self._patterns, "lexicon": self._lexicon, "roles": self._roles, "cfg": self._cfg()}
        )

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> DateRecognizer:
        """Inverse of `to_bytes`."""
        d = srsly.msgpack_loads(data)
        self._load_cfg(d.get("cfg", {}))
        self._set_rules(d["patterns"], d["lexicon"], d.get("roles", []))
        return self

    # ------------------------------------------------------------------ processing
    def __call__(self, doc: Doc) -> Doc:
        """Annotate `doc.spans[spans_key]` with DATE / DURATION spans."""
        spans = self.find(doc)
        if self.overwrite or self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = spans
        else:
            old = list(doc.spans[self.spans_key])
            taken = [(s.start, s.end) for s in old]
            keep = [s for s in spans if all(s.end <= a or s.start >= b for a, b in taken)]
            doc.spans[self.spans_key] = sorted(old + keep, key=lambda s: (s.start, s.end))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """Candidates -> guards -> normalization -> longest non-overlapping -> roles."""
        # Doc.text joins every token on each access: read it once per document, not per candidate.
        self._text = doc_text(doc)
        # the last tokens of the places found before: "Kochi, Jepang (1997)" in a list of partners is no citation;
        # a country alone may end a cited body's name ("the Republic of Indonesia (2023)"): after its city or
        # "di" only ("di Amerika Serikat (1956)")
        self._place_ends = {s.end - 1 for s in doc.spans.get(PLACES_KEY, [])
                            if s.label_ != "COUNTRY" or (s.start > 0 and doc[s.start - 1].lower_ in (",", "di", "in"))}
        cands = []
        windows = self._windows if self.match_windows else None
        for match_id, start, end in (windows.matches(self.matcher, doc) if windows else self.matcher(doc)):
            rid = self.nlp.vocab.strings[match_id]
            rule = self._rules[rid]
            start, end = self._trim(doc, start, end)
            if start >= end:
                continue
            cand = self._candidate(doc, rule, start, end)
            if cand is not None:
                cands.extend(self._apart(doc, cand))
        # longest (in characters) first, then rule order, then earliest
        cands.sort(key=lambda c: (-(c["end_char"] - c["start_char"]), self._priority[c["rule"]["id"]], c["start"]))
        seen: set[tuple[int, int]] = set()
        taken = [False] * len(doc)
        chosen = []
        for c in cands:
            if (c["start"], c["end"]) in seen or any(taken[c["start"]:c["end"]]):
                continue
            seen.add((c["start"], c["end"]))
            for i in range(c["start"], c["end"]):
                taken[i] = True
            chosen.append(c)
        chosen.sort(key=lambda c: c["start"])
        out = []
        for c in chosen:
            span = Span(doc, c["start"], c["end"], label=c["label"])
            attrs = {
                "value": c["value"],
                "precision": c["precision"],
                "role": self._role(doc, span, c),
                "method": "rule:" + c["rule"]["id"],
                "confidence": round(float(c["confidence"]), 3),
            }
            set_attrs(span, attrs)
            out.append(span)
        return anchor(out, self._text, self._weekdays)

    # ------------------------------------------------------------------ candidates
    def _apart(self, doc: Doc, cand: dict) -> list[dict]:
        """'16 dan 23 September 2022': two days not in a row are two dates; '26 dan 27 Mei' stays a span."""
        m = _TWO_DAYS.match(cand["value"])
        if not (cand["rule"].get("apart") and m and m[1] == m[3] and int(m[4]) - int(m[2]) > 1):
            return [cand]
        p = cand["start"] - 1
        while p >= 0 and doc[p].is_space:
            p -= 1
        if p >= 0 and doc[p].lower_ in self._between:
            return [cand]  # "antara 3 dan 9 Mei": between two days, a span
        k = next(i for i in range(cand["start"], cand["end"]) if doc[i].lower_ in self._and)
        first = next(i for i in range(cand["start"], k) if DAY_RE.match(doc[i].text))
        out = []
        for (a, b), day in (((first, k), m[2]), ((k + 1, cand["end"]), m[4])):
            while b > a and doc[b - 1].is_space:
                b -= 1
            out.append({**cand, "start": a, "end": b, "start_char": doc[a].idx,
                        "end_char": doc[b - 1].idx + len(doc[b - 1].text), "value": f"{m[1]}-{day}",
                        "precision": "day"})
        return out

    @staticmethod
    def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (doc[start].is_space or doc[start].text in {",", ";"}):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ";"}):
            end -= 1
        texts = [t.text for t in doc[start:end]]
        if texts and texts[-1] == ")" and "(" not in texts:
            end -= 1
        if texts and texts[0] == "(" and ")" not in texts:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        return start, end

    def _prev(self, doc: Doc, i: int) -> int | None:
        """Index of the previous non-space token before i."""
        j = i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        return j if j >= 0 else None

    def _next(self, doc: Doc, i: int) -> int | None:
        j = i
        while j < len(doc) and doc[j].is_space:
            j += 1
        return j if j < len(doc) else None

    def _candidate(self, doc: Doc, rule: dict, start: int, end: int) -> dict | None:
        span = doc[start:end]
        toks = [t for t in span if not t.is_space]
        if not toks:
            return None
        label = rule.get("label", "DATE")
        guards = rule.get("guards", ["prev"])
        # never inside a URL / e-mail / code, never a footnote marker
        chunk_start = self._text.rfind(" ", 0, span.start_char) + 1
        chunk_end_ws = _WS.search(self._text, span.end_char)
        chunk_end = chunk_end_ws.start() if chunk_end_ws else len(self._text)
        chunk = self._text[max(chunk_start, self._text.rfind("\n", 0, span.start_char) + 1):chunk_end]
        if _URLISH.search(chunk) and not re.search(r"\s", span.text):
            return None
        if self._text[max(0, span.start_char - 5):span.start_char].lower() == "<sup>":
            return None
        if rule.get("kind") == "year" and "next" in guards and len(toks) > 2:
            # "Kegiatan Cross Culture Festival 2018": a sentence-initial word is not part of the name
            while len(toks) > 2 and (toks[0].is_sent_start or self._after_boundary(doc, toks[0].i)):
                toks = toks[1:]
            start = toks[0].i
            span = doc[start:end]
        first = toks[0]
        p = self._prev(doc, start)
        last = toks[-1]
        kind = rule.get("kind", "calendar")
        if kind != "decade" and YEAR_RE.match(last.text) and end + 1 < len(doc):
            if not last.whitespace_ and doc[end].text == "-" and not doc[end].whitespace_ and doc[end + 1].lower_ == "an":
                return None  # 1950-an is a decade, not the year 1950
        if kind == "calendar" and first.lower_ in self._months and p is not None and DAY_RE.match(doc[p].text):
            pp = self._prev(doc, p)
            if not (pp is not None and doc[pp].lower_.rstrip(".:") in {w.rstrip(".:") for w in self._block_prev}):
                return None  # "31 Februari 2013": an invalid day, not "Februari 2013"
        if label == "DATE" and p is not None:
            pl = doc[p].lower_
            if pl in self._recurring:
                return None
            if pl == "bulan":
                pp = self._prev(doc, p)
                if pp is not None and doc[pp].lower_ in self._recurring:
                    return None
        if "prev" in guards and first.text[:1].isdigit() and p is not None:
            if not self._prev_ok(doc, start, p):
                return None
        if label == "DURATION" and not self._duration_context_ok(doc, start, end, p):
            return None
        if kind == "relative" and p is not None and doc[p].lower_ in VAGUE_COUNTS:
            return None  # "beberapa tahun silam": some years ago, no date
        if kind == "relative" and p is not None and doc[p].lower_ in NOT_THE_DAY_ITSELF:
            return None  # "hingga hari ini": up to now, no event; "akhir tahun ini": a part of the year
        if "weekday" in guards and not self._bare_weekday_ok(doc, start, end, p):
            return None
        if kind == "relative" and end < len(doc) and YEAR_RE.match(doc[end].text):
            return None  # "last year 2010": the year is written
        if "not_after_place" in guards and first.i in self._place_ends:
            return None  # "Kochi, Jepang (1997)": a place and its year, not an author and a year
        # "on Feb 7", not "May 5 people"; a dateline's date too: "BANDUNG, Indonesia, June 5 (Xinhua) --"
        dateline = (p is not None and doc[p].text == "," and end < len(doc) and doc[end].text in DATELINE_AFTER
                    and p > 0 and doc[p - 1].is_alpha and doc[p - 1].text[:1].isupper())
        if "english_prep" in guards and (p is None or doc[p].lower_ not in ENGLISH_PREPS) and not dateline:
            return None
        if "needs_law" in guards:
            lows = {t.lower_ for t in toks}
            if not lows & (self.lex.words("LAW_ABBR") | {"nomor", "no", "no.", "nomer", "nomor:", "no:"}):
                return None
            if p is not None and doc[p].lower_ in {"hlm", "hlm.", "hal", "hal.", "vol", "vol."}:
                return None
        words = [t.text for t in toks]
        conf = float(rule.get("confidence", 0.8))
        res = self._interpret(kind, words)
        if res is None:
            return None
        value, precision, factor = res
        conf *= factor
        if "bare_range" in guards:
            if not self.bare_years:
                return None
            y = int(value[:4])
            if not (self.bare_year_min <= y <= self.bare_year_max):
                return None
        if "next" in guards and not self._next_ok(doc, end):
            return None
        if value.startswith("XXXX"):
            n = self._next(doc, end)
            nn = self._next(doc, n + 1) if n is not None and doc[n].text == "." else None
            if n is not None and (YEAR_RE.match(doc[n].text) or (nn is not None and YEAR_RE.match(doc[nn].text))):
                return None  # "29 Februari 2013", "29 Feb. 2013": the year made the day invalid
        return {
            "start": start,
            "end": end,
            "start_char": span.start_char,
            "end_char": span.end_char,
            "rule": rule,
            "label": label,
            "value": value,
            "precision": precision,
            "confidence": min(conf, 1.0),
        }

    def _bare_weekday_ok(self, doc: Doc, start: int, end: int, p: int | None) -> bool:
        """A weekday alone names a day where a news item says when ("di Padang, Selasa.", "pada Rabu", "on Monday").

        Not "setiap (hari) Senin", "shalat Jumat", "Jumat Agung", "Senin-Jumat", nor "Minggu lalu" (last week)."""
        if p is None or doc[p].lower_ not in WEEKDAY_BEFORE:
            return False
        pp = self._prev(doc, p)
        if doc[p].lower_ == "hari" and pp is not None and doc[pp].lower_ in self._recurring:
            return False
        word = doc[start].lower_
        n = self._next(doc, end)
        if n is not None:
            nxt = doc[n]
            if nxt.text in {"-", "–", "/"} or nxt.lower_ in self._sep or nxt.lower_ in self._and:
                m = self._next(doc, n + 1)
                if m is not None and doc[m].lower_ in self._weekdays:
                    return False  # "Senin-Jumat", "Senin sampai Jumat": opening days, no date
            if nxt.is_title and nxt.is_alpha and end - start == 1:
                return False  # "Jumat Agung", "Minggu Palma": a name
        if word == "minggu" and end - start == 2 and doc[end - 1].lower_ in {"lalu", "depan", "ini", "mendatang"}:
            return False  # "Minggu lalu": last week
        return True

    def _after_boundary(self, doc: Doc, i: int) -> bool:
        """True when token i opens a sentence (after . ! ? or a blank line), without a sentencizer."""
        if i == 0:
            return True
        if doc[i].is_sent_start is not None and doc.has_annotation("SENT_START"):
            return bool(doc[i].is_sent_start)
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            return True
        p = self._prev(doc, i)
        return p is not None and doc[p].text in {".", "!", "?"}

    def _prev_ok(self, doc: Doc, start: int, p: int) -> bool:
        """False when the number that opens a span is a code, page, count, money or id."""
        if any(("\n" in t.text or "\t" in t.text) for t in doc[p + 1:start]):
            return True  # a new line or table cell starts here
        prev = doc[p]
        tight = p == start - 1 and not prev.whitespace_
        if prev.lower_ in self._block_prev or prev.like_num or prev.text.isdigit() or prev.lower_ in self._months:
            return False
        if prev.text in {".", ":", "-", "/", ","}:
            if tight and p > 0 and not doc[p - 1].whitespace_ and doc[p - 1].text[-1:].isalnum():
                return False  # 3.1 / XII/2006 / 12-2019
            pp = self._prev(doc, p)
            if prev.text in {".", ":"} and pp is not None and doc[pp].lower_ in self._block_prev:
                return False  # NIM. 2005050036
        if tight and prev.text[-1:].isalnum():
            return False
        return True

    def _next_ok(self, doc: Doc, end: int) -> bool:
        """False when a bare year is followed by a counted noun or continues a code."""
        last = doc[end - 1]
        if end >= len(doc):
            return True
        nxt = doc[end]
        if not last.whitespace_ and not nxt.is_space:
            if nxt.text in {"/", "-", ".", ",", ":"} and end + 1 < len(doc) and doc[end + 1].text[:1].isdigit() and not nxt.whitespace_:
                return False
            if nxt.text in {"%", "°"} or nxt.text[:1].isalnum():
                return False
        j = end
        while j < len(doc) and doc[j].is_space:
            if "\n" in doc[j].text or "\t" in doc[j].text:
                return True
            j += 1
        if j >= len(doc):
            return True
        n = doc[j]
        if n.like_num or n.text[:1].isdigit():
            return False
        if n.is_alpha and n.text[:1].islower() and n.lower_ not in self._next_allow:
            return False
        return True

    def _duration_context_ok(self, doc: Doc, start: int, end: int, p: int | None) -> bool:
        if p is not None and doc[p].lower_ in {"nomor", "no", "no.", "nomer", "ke", "pasal", "ayat", "hal", "hal.", "hlm", "hlm.", "-"}:
            return False
        n = self._next(doc, end)
        if n is not None and (YEAR_RE.match(doc[n].text) or doc[n].text in {"-", "/"} and doc[n].whitespace_ == ""):
            return False
        if n is not None and doc[n].lower_ in {"ke", "ke-"}:
            return False
        return True

    # ------------------------------------------------------------------ roles
    def _role(self, doc: Doc, span: Span, cand: dict) -> str:
        rule = cand["rule"]
        if rule.get("role"):
            return rule["role"]
        start = span.start_char
        kind = section_kind_at(doc, start)
        for r in self._role_res:
            if "precision" in r and cand["precision"] not in r["precision"]:
                continue
            if self._cues_hold(r, doc, span, kind):
                return r["role"]
        return "event"

    def _cues_hold(self, r: dict, doc: Doc, span: Span, kind: str | None) -> bool:
        """Every cue the role rule names holds for the date (a rule names at least one)."""
        start, end = span.start_char, span.end_char
        window = int(r.get("window", 60))
        checks = []
        if "before_re" in r:
            checks.append(bool(r["before_re"].search(self._text[max(0, start - window):start])))
        if "after_re" in r:
            checks.append(bool(r["after_re"].search(self._text[end:end + int(r.get("window", 30))])))
        if "surface_re" in r:
            checks.append(bool(r["surface_re"].search(span.text)))
        if "sentence_before_re" in r:
            lo = max(0, start - int(r.get("window", 300)))
            if doc.has_annotation("SENT_START"):
                lo = max(lo, span.sent.start_char)
            checks.append(bool(r["sentence_before_re"].search(self._text[lo:start])))
        if "sections" in r:
            checks.append(kind in r["sections"])
        if r.get("heading"):
            checks.append(_is_heading_line(self._text, start))
        if r.get("title_line"):
            checks.append(_is_title_line(self._text, start))
        return bool(checks) and all(checks)


def _is_title_line(text: str, offset: int) -> bool:
    """A line of its own whose words are capitalized ("Development of Sister City Cooperation Between Semarang and
    Jung-gu in 2009–2017"), not a sentence."""
    lo, hi = line_bounds(text, offset)
    line = text[lo:hi].strip()
    words = re.findall(r"[^\W\d_]{4,}", line)
    return (len(line) <= 200 and len(words) >= 4 and not line.endswith(".")
            and sum(w[0].isupper() for w in words) >= 0.8 * len(words))


def _is_heading_line(text: str, offset: int) -> bool:
    """A short line written mostly in capitals (a title or table heading)."""
    lo, hi = line_bounds(text, offset)
    line = text[lo:hi]
    return len(line) <= 250 and capitals_share_at_least(line, 0.8, 8)


# ---------------------------------------------------------------------- pure helpers
_STANDALONE: DateRecognizer | None = None


def _standalone() -> DateRecognizer:
    global _STANDALONE
    if _STANDALONE is None:
        # the project's tokenizer: spaCy's own kept "8)" (an emoticon) whole and lost "Senin (25/8)" in a table cell
        _STANDALONE = DateRecognizer(blank_indonesian(), "kotakembar_dates_standalone")
    return _STANDALONE


def find_dates(text: str) -> list[Span]:
    """All date / duration spans of a short text (no sections, no sentences)."""
    rec = _standalone()
    return rec.find(rec.nlp.make_doc(text or ""))


def normalize(text: str) -> tuple[str, str] | None:
    """(EDTF value, precision) of the main date in a short text, e.g. a table cell.

    "Batam, 17 Agustus 2013" -> ("2013-08-17", "day"); "2013-2018" -> ("2013/2018", "interval").
    The longest DATE span wins (ties: the first). None when the text holds no date.
    """
    spans = [s for s in find_dates(text) if s.label_ == "DATE"]
    if not spans:
        return None
    best = max(spans, key=lambda s: (len(s.text), -s.start_char))
    return best._.kk["value"], best._.kk["precision"]


def parse_duration(text: str) -> str | None:
    """ISO 8601 duration of the first duration in a short text: "5 tahun" -> "P5Y"."""
    for s in find_dates(text):
        if s.label_ == "DURATION":
            return s._.kk["value"]
    return None
