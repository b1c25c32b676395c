"""spaCy component ``kotakembar_places``: cities, regencies, provinces and countries, linked.

Writes ``doc.spans[PLACES_KEY]`` with labels CITY (level city or regency), REGION (province,
prefecture, state: ISO 3166-2) and COUNTRY. Every span carries ``span._.kk``::

    {"name", "country", "geonames_id" (int | None), "level", "iso3166_2", "admin1",
     "latitude", "longitude", "in_org": bool, "method", "confidence",
     # extensions (after the contract keys):
     "context": "story" | "org" | "street" | "citation", "org": str, "matched": str}

Choices (documented here because downstream relies on them):

* **Surface.** The span covers the place as written *including* its unit word when there is
  one: "Kota Gimje", "Kabupaten Karanganyar", "Provinsi Jawa Timur", "City of Surabaya",
  "Batam City". Office words are left out: "Pemko Batam" -> "Batam", "Walikota Medan" ->
  "Medan", "Gubernur Jawa Timur" -> "Jawa Timur"; "Pemerintah Kota Surabaya" -> "Kota
  Surabaya". ``kk["matched"]`` is the name alone ("Gimje").
* **Places inside names.** A place inside an organisation ("Universitas Sumatera Utara",
  "UIN Sunan Ampel Surabaya", "Busan Indonesia Center"), a street ("Jalan Gwangju") or a
  citation's publisher place ("Jakarta: Departemen ..., 2006") keeps its CITY / REGION /
  COUNTRY label and its link, with ``in_org=True`` and ``context`` org / street / citation
  (``kk["org"]`` holds the organisation text). No separate ORG span is written: a consumer
  that wants the places of the story filters ``not kk["in_org"]``.
* **Matching.** Bare names are matched case-sensitively on token sequences (text keys, no
  PhraseMatcher: nothing is tokenized at load, so spaCy's tokenizer cache is untouched).
  After a trigger (Kota, Kab., Kabupaten, Provinsi, Prov., Prefektur, Pemko, Pemkot,
  Pemkab, Pemprov, Walikota, Bupati, Gubernur, City of, "X City", "X Province") the name is
  also matched case-insensitively, a name one edit away is accepted (names >= 6 chars,
  ``fuzzy``), and an unknown capitalized name becomes a place with ``geonames_id`` None.
  "Kota" alone, lower-case "medan" (field), "bulan", "dan" are never places. Hyphenated
  compounds ("Shenzhen-RRC", "Medan-Gwangju", "Gimje-Korsei") are split by spaCy's
  Indonesian tokenizer already; the part after the hyphen gives the country context
  (fuzzy: "Korsei" -> Korsel -> KR).
* **Regencies.** "Kabupaten X": the regency from the alias table if known; else, for an
  Indonesian GeoNames town X, level regency with the town's name and admin1 but
  ``geonames_id`` None (the kabupaten is not the town); a foreign city keeps its city link.
* **Linking** (`link_places`, a doc-level post-pass): population prior, curated aliases,
  country context (the country right after the place: "Liverpool di Inggris",
  "Gimje (Korea Selatan)", "Gimje-Korsel"; then the countries named in the document), one
  sense per document (all mentions of a name with the same kind of trigger get the same
  entity; bare mentions follow the triggered ones), and no guess: a small foreign place
  with no supporting context, or a common-word name at a sentence start with no other
  mention, is dropped rather than linked.

Config (``nlp.add_pipe("kotakembar_places", config={...})``): ``gazetteer_dir`` (None: taken
from ``initialize(gazetteer_dir=...)``, ``$KOTAKEMBAR_GAZETTEER`` or ``models/gazetteer``),
``spans_key`` (PLACES_KEY), ``fuzzy`` (True), ``home_country`` ("ID"), ``overwrite`` (True:
replace the span group; False: add to it), ``scorer`` (``kotakembar.places_scorer.v1``).
``to_disk`` writes ``cfg.jsonl`` and a copy of the gazetteer artifact under ``gazetteer/``.
The stages are importable on their own: ``find_places(doc, gaz)`` -> mentions,
``link_places(doc, mentions, gaz)`` (the doc-level post-pass), ``to_span(doc, mention, gaz)``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.pipeline.span_ruler import overlapping_labeled_spans_score
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import SimpleFrozenList, ensure_path, registry

from ..gazetteer import ARTIFACT, META, SRC_ALIAS, SRC_ALT, Candidate, Gazetteer
from .common import PLACES_KEY, doc_text, register_extensions, section_kind_at, set_attrs

ENV_GAZETTEER = "KOTAKEMBAR_GAZETTEER"
PROVINCE_CUE = re.compile(r"\b(sister[ -]provinces?|sister[ -]states?|sister[ -]prefectures?|provinsi kembar|"
                          r"provinsi bersaudara|prefektur kembar)\b", re.I)
SPEECH_VERBS = frozenset({"kata", "ujar", "tutur", "ungkap", "jelas", "puji", "sebut", "papar", "imbuh", "tambah",
                          "terang", "tegas", "said", "says", "added", "explained"})
OFFICE_AFTER = frozenset({"mayor", "governor", "regent", "council"})  # English office words after a name
SMALL_TOWN = 15_000  # below this a bare foreign name is linked only with its country beside it
DEFAULT_GAZETTEER_DIR = "models/gazetteer"

LABELS = {"city": "CITY", "regency": "CITY", "region": "REGION", "country": "COUNTRY"}

# prefix triggers: (lower-cased tokens, kind, unit word kept in the span, may create unknowns;
# not after office words, which precede persons' names as well)
PREFIX_TRIGGERS: tuple[tuple[tuple[str, ...], str, bool, bool], ...] = (
    (("kota", "administrasi"), "city", True, True),
    (("kota", "madya"), "city", True, True),
    (("kotamadya",), "city", True, True),
    (("kota",), "city", True, True),
    (("city", "of"), "city", True, False),
    (("pemko",), "city", False, True),
    (("pemkot",), "city", False, True),
    (("walikota",), "city", False, False),
    (("mayor", "of"), "city", False, False),
    (("kabupaten",), "regency", True, True),
    (("kab", "."), "regency", True, True),
    (("kab.",), "regency", True, True),
    (("pemkab",), "regency", False, True),
    (("bupati",), "regency", False, False),
    (("provinsi",), "region", True, True),
    (("propinsi",), "region", True, True),
    (("prov", "."), "region", True, True),
    (("prov.",), "region", True, True),
    (("prefektur",), "region", True, True),
    (("negara", "bagian"), "region", True, True),
    (("province", "of"), "region", True, False),
    (("prefecture", "of"), "region", True, False),
    (("pemprov",), "region", False, True),
    (("pemprop",), "region", False, True),
    (("gubernur",), "region", False, False),
    (("governor", "of"), "region", False, False),
)
# suffix triggers after a known name ("Batam City", "Busan Metropolitan City")
SUFFIX_TRIGGERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("metropolitan", "city"), "city"),
    (("city",), "city"),
    (("regency",), "regency"),
    (("province",), "region"),
    (("prefecture",), "region"),
)
LEVELS_FOR_KIND = {
    "city": ("city",),
    "regency": ("regency", "city"),
    "region": ("region",),
    None: ("city", "regency", "region", "country"),
}
TRIGGER_WORDS = frozenset(w for t in PREFIX_TRIGGERS for w in t[0] if w.isalpha()) | {"pemerintah", "wali"}

# words that make a capitalized run an organisation / building / event name
ORG_WORDS = frozenset("""
Universitas Universiti University Univ Institut Institute Politeknik Polytechnic Sekolah School
College Akademi Academy Madrasah Pesantren Pondok UIN IAIN STAIN STIE STIKES UNS SMA SMAN SMP SMPN
SD SDN SMK SMKN MAN MTs Center Centre Pusat Bank PT CV Tbk Corporation Corp Company Inc Ltd Museum
Hotel Bandara Airport Stadion Stadium Masjid Gereja Klenteng Rumah Sakit RS RSUD Hospital Festival
Club FC Klub Foundation Yayasan Kedutaan Konsulat Consulate Embassy KBRI KJRI Perusahaan Koperasi
Harian Jurnal Journal Press Penerbit Pustaka Tribun Pos Post Times Radio TV Televisi Mall Plaza
Youth Association Asosiasi Persatuan Ikatan Himpunan Paguyuban Fakultas Faculty Laboratorium
Sport Sports Team Tim Orchestra Organisasi Organization Company Group Grup Holdings
""".split())
STREET_BEFORE = frozenset({"jalan", "jl", "jln", "gang", "gg"})
STREET_AFTER = frozenset({"Street", "Road", "Avenue", "St", "Rd", "Ave", "Boulevard", "Blvd", "Lane", "Ro", "Gil", "-ro", "-gil"})
CONNECTORS = frozenset({"of", "for", "and", "de", "la", "van", "der", "von", "al", "el", "&", "the"})
CONTEXT_BEFORE_COUNTRY = frozenset({"di", "in", ",", "(", "negara", "-"})
SENT_END = frozenset({".", "!", "?"})
DIRECTIONS = frozenset({"Selatan", "Utara", "Tengah", "Timur", "Barat", "Tenggara", "Latin", "Laut", "Daya"})
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass
class PlaceMention:
    """A raw place mention before linking (token offsets into the doc)."""

    start: int
    end: int
    name_start: int
    name_end: int
    name: str
    kind: str | None  # trigger kind: city / regency / region, None for a bare name
    trigger: str  # trigger id for the method string ("kota", "suffix-city", "" when bare)
    cands: list[Candidate] = field(default_factory=list)
    how: str = "exact"  # exact / ci / fuzzy / unknown
    ambiguous: bool = False
    sent_initial: bool = False
    context: str = "story"
    org: str = ""
    in_name: bool = False
    before_direction: bool = False  # followed by Selatan / Utara / Latin ... (not the country itself)
    office_after: bool = False  # "Wewak mayor", "Kyoto governor": an office of that place follows it
    ctx_country: str | None = None
    chosen: int | None = None
    score_margin: float = 99.0
    keep: bool = True
    level: str = ""
    label: str = ""

    @property
    def key(self) -> str:
        return self.name.casefold()


@registry.scorers("kotakembar.places_scorer.v1")
def make_places_scorer(spans_key: str = PLACES_KEY) -> Callable:
    """Labeled, overlapping span P/R/F over doc.spans[spans_key]."""
    return partial(overlapping_labeled_spans_score, spans_key=spans_key)


@Language.factory(
    "kotakembar_places",
    assigns=["doc.spans"],
    default_config={
        "gazetteer_dir": None,
        "spans_key": PLACES_KEY,
        "fuzzy": True,
        "home_country": "ID",
        "overwrite": True,
        "scorer": {"@scorers": "kotakembar.places_scorer.v1"},
    },
    default_score_weights={
        f"spans_{PLACES_KEY}_f": 1.0,
        f"spans_{PLACES_KEY}_p": 0.0,
        f"spans_{PLACES_KEY}_r": 0.0,
    },
)
def make_place_recognizer(
    nlp: Language,
    name: str,
    gazetteer_dir: str | None,
    spans_key: str,
    fuzzy: bool,
    home_country: str,
    overwrite: bool,
    scorer: Callable | None,
) -> PlaceRecognizer:
    """Construct the component; the gazetteer is loaded by initialize() or on first use."""
    register_extensions()
    return PlaceRecognizer(
        nlp, name, gazetteer_dir=gazetteer_dir, spans_key=spans_key, fuzzy=fuzzy,
        home_country=home_country, overwrite=overwrite, scorer=scorer,
    )


class PlaceRecognizer:
    """Gazetteer-based place recognizer and linker (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kotakembar_places",
        *,
        gazetteer_dir: str | None = None,
        spans_key: str = PLACES_KEY,
        fuzzy: bool = True,
        home_country: str = "ID",
        overwrite: bool = True,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.gazetteer_dir = gazetteer_dir
        self.spans_key = spans_key
        self.fuzzy = fuzzy
        self.home_country = home_country
        self.overwrite = overwrite
        self.scorer = scorer if scorer is not None else make_places_scorer(spans_key)
        self.gazetteer: Gazetteer | None = None
        self._trigger_first = {t[0][0] for t in PREFIX_TRIGGERS}

    # ------------------------------------------------------------------ setup
    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer_dir: str | None = None,
    ) -> None:
        """Load the gazetteer (argument, else config, else $KOTAKEMBAR_GAZETTEER, else models/gazetteer)."""
        if gazetteer_dir is not None:
            self.gazetteer_dir = str(gazetteer_dir)
        self.gazetteer = Gazetteer.load(self._resolve_dir())

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Use an already loaded gazetteer (shared between pipelines / tests)."""
        self.gazetteer = gazetteer
        if gazetteer.path is not None:
            self.gazetteer_dir = str(gazetteer.path)

    def _resolve_dir(self) -> Path:
        d = self.gazetteer_dir or os.environ.get(ENV_GAZETTEER) or DEFAULT_GAZETTEER_DIR
        return Path(d)

    def _ensure(self) -> Gazetteer:
        if self.gazetteer is None:
            path = self._resolve_dir()
            if not (path / ARTIFACT).exists():
                raise ValueError(
                    f"[kotakembar_places] no gazetteer at '{path}'. Build it with "
                    f"`python -m pipeline.gazetteer --out {path}` (DVC stage), then pass "
                    f"gazetteer_dir in the config or to initialize(), or set ${ENV_GAZETTEER}.")
            self.gazetteer = Gazetteer.load(path)
        return self.gazetteer

    @property
    def labels(self) -> tuple[str, ...]:
        return ("CITY", "COUNTRY", "REGION")

    # ------------------------------------------------------------------ run
    def __call__(self, doc: Doc) -> Doc:
        gaz = self._ensure()
        mentions = find_places(doc, gaz, fuzzy=self.fuzzy, home=self.home_country,
                               trigger_first=self._trigger_first)
        link_places(doc, mentions, gaz, home_country=self.home_country)
        spans = [to_span(doc, m, gaz) for m in mentions if m.keep]
        if not self.overwrite and self.spans_key in doc.spans:
            seen = {(s.start, s.end) for s in doc.spans[self.spans_key]}
            spans = list(doc.spans[self.spans_key]) + [s for s in spans if (s.start, s.end) not in seen]
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        return self.scorer(examples, **kwargs)

    # ------------------------------------------------------------------ serialization
    def _cfg(self) -> dict[str, Any]:
        return {"spans_key": self.spans_key, "fuzzy": self.fuzzy, "home_country": self.home_country,
                "overwrite": self.overwrite, "gazetteer_dir": self.gazetteer_dir}

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        for k in ("spans_key", "fuzzy", "home_country", "overwrite", "gazetteer_dir"):
            if k in cfg:
                setattr(self, k, cfg[k])

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        """Write cfg.jsonl (settings) and, when loaded, a copy of the gazetteer artifact."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "cfg.jsonl", [self._cfg()])
        if "gazetteer" not in exclude and self.gazetteer is not None and self.gazetteer.path is not None:
            src = Path(self.gazetteer.path)
            src = src if src.is_dir() else src.parent
            dst = path / "gazetteer"
            dst.mkdir(exist_ok=True)
            for f in (ARTIFACT, META):
                if (src / f).exists() and (src / f).resolve() != (dst / f).resolve():
                    shutil.copyfile(src / f, dst / f)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> PlaceRecognizer:
        """Read cfg.jsonl; load the bundled gazetteer copy when there is one."""
        path = ensure_path(path)
        cfgs = list(srsly.read_jsonl(path / "cfg.jsonl")) if (path / "cfg.jsonl").exists() else []
        if cfgs:
            self._set_cfg(cfgs[0])
        if "gazetteer" not in exclude and (path / "gazetteer" / ARTIFACT).exists():
            self.gazetteer = Gazetteer.load(path / "gazetteer")
            self.gazetteer_dir = str(path / "gazetteer")
        return self

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        """Settings only (the gazetteer is data on disk)."""
        return srsly.json_dumps(self._cfg()).encode("utf8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> PlaceRecognizer:
        self._set_cfg(srsly.json_loads(data))
        return self


# ====================================================================== matching
class _Tokens:
    """Token texts and gaps of the non-space tokens of a doc (computed once per doc).

    Read through ``Doc.to_array`` and the doc text, without creating Token objects.
    """

    __slots__ = ("doc", "text", "idx", "texts", "lower", "gap", "n", "sent_start", "starts")

    def __init__(self, doc: Doc) -> None:
        text = doc_text(doc)
        # columns (one list each: fast); SENT_START is -1/0/1 stored as uint64 -> view as int64
        cols = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).view("int64").T.tolist() if len(doc) else [[]] * 4
        idx: list[int] = []
        texts: list[str] = []
        gap: list[str] = []
        sent: list[int] = []
        starts: list[int] = []
        prev_end = 0
        for i, (s, ln, sp, ss) in enumerate(zip(*cols)):
            if sp:
                continue
            idx.append(i)
            texts.append(text[s:s + ln])
            gap.append(text[prev_end:s])
            sent.append(ss)
            starts.append(s)
            prev_end = s + ln
        self.doc = doc
        self.text = text
        self.idx = idx  # content position -> token index
        self.texts = texts
        self.lower = [t.lower() for t in texts]
        self.gap = gap  # whitespace before each content token
        self.n = len(texts)
        # 1 = sentence start, -1 = not, 0 = no sentence annotation
        self.sent_start = sent
        self.starts = starts  # start char of each content token

    def end_char(self, k: int) -> int:
        return self.starts[k] + len(self.texts[k])

    def sep(self, k: int) -> str | None:
        """Separator to join content token k to the previous one; None across a blank line."""
        g = self.gap[k]
        if not g:
            return ""
        if g.count("\n") >= 2:
            return None
        return " "


def _match_names(tk: _Tokens, k: int, gaz: Gazetteer, *, ci: bool, after_trigger: bool,
                 levels: tuple[str, ...]) -> tuple[int, list[Candidate], str] | None:
    """Longest name (up to 8 tokens) starting at content position k with a candidate in `levels`."""
    first = tk.texts[k]
    max_len = (gaz.lower_first_words.get(_first_word(first.lower())) if ci
               else gaz.first_words.get(_first_word(first)))
    if max_len is None:
        return None
    best = None
    s = ""
    names, entries = gaz.names, gaz.entries
    for j in range(k, min(k + 8, tk.n)):
        if j > k:
            sep = tk.sep(j)
            if sep is None:
                break
            s += sep
        s += tk.texts[j]
        if len(s) > max_len:
            break
        if ci:
            refs = gaz.lower_names.get(s.lower())
        else:
            refs = names.get(s)
            if refs is None and after_trigger:
                refs = gaz.trigger_names.get(s)
        if refs:
            cands = [Candidate(e, src, s) for e, src in refs if entries[e][0] in levels]
            if cands:
                best = (j + 1, cands, s)
    return best


def _first_word(t: str) -> str:
    if t.isalnum():
        return t
    m = _WORD.search(t)
    return m.group() if m else ""


def find_places(doc: Doc, gaz: Gazetteer, *, fuzzy: bool = True, home: str = "ID",
                trigger_first: set[str] | None = None) -> list[PlaceMention]:
    """Scan a doc left to right for place mentions (no linking yet)."""
    tk = _Tokens(doc)
    if trigger_first is None:
        trigger_first = {t[0][0] for t in PREFIX_TRIGGERS}
    first_words = gaz.first_words
    out: list[PlaceMention] = []
    k = 0
    n = tk.n
    while k < n:
        t = tk.texts[k]
        m: PlaceMention | None = None
        name_here = t[:1].isupper() and _first_word(t) in first_words
        if tk.lower[k] in trigger_first:
            m = _match_prefix(tk, k, gaz, fuzzy=fuzzy, name_here=name_here, home=home)
        if m is None and name_here and not _in_url(t):
            m = _match_bare(tk, k, gaz)
        if m is None:
            k += 1
            continue
        out.append(m)
        k = m.end
    # content positions -> token indices
    for m in out:
        m.start, m.end = tk.idx[m.start], tk.idx[m.end - 1] + 1
        m.name_start, m.name_end = tk.idx[m.name_start], tk.idx[m.name_end - 1] + 1
    _add_contexts(doc, tk, out, gaz, fuzzy=fuzzy)
    return out


def _in_url(t: str) -> bool:
    return "/" in t or "@" in t or t.startswith(("http", "www."))


def _match_prefix(tk: _Tokens, k: int, gaz: Gazetteer, *, fuzzy: bool, name_here: bool,
                  home: str = "ID") -> PlaceMention | None:
    # a full name that starts with the trigger word ("Kota Kinabalu", "City of London")
    if name_here:
        full = _match_names(tk, k, gaz, ci=False, after_trigger=False, levels=LEVELS_FOR_KIND[None])
        if full is not None and full[0] > k + 1:
            return _bare_from(tk, k, full)
    if tk.lower[k] == "kota" and k > 0 and tk.lower[k - 1] == "ibu":
        return None  # "ibu kota Banten": the capital of a province, not a city trigger
    for words, kind, keep_unit, may_create in PREFIX_TRIGGERS:
        if tk.lower[k] != words[0]:
            continue
        ok = True
        for off, w in enumerate(words[1:], 1):
            j = k + off
            if j >= tk.n or tk.lower[j] != w or tk.sep(j) is None or (w == "." and tk.gap[j]):
                ok = False
                break
        if not ok:
            continue
        q = k + len(words)
        if q >= tk.n or tk.sep(q) is None:
            return None
        trig = "-".join(w for w in words if w != ".")
        trig = {"kab": "kabupaten", "kab.": "kabupaten", "prov": "provinsi", "prov.": "provinsi",
                "kota-madya": "kotamadya", "kota-administrasi": "kota"}.get(trig, trig)
        levels = LEVELS_FOR_KIND[kind]
        start = k if keep_unit else q
        hit = _match_names(tk, q, gaz, ci=False, after_trigger=True, levels=levels)
        how = "exact"
        if hit is None:
            hit = _match_names(tk, q, gaz, ci=True, after_trigger=True, levels=levels)
            how = "ci"
        if hit is None and fuzzy and _match_names(tk, q, gaz, ci=True, after_trigger=True,
                                                  levels=LEVELS_FOR_KIND[None]) is None:
            hit = _fuzzy_after_trigger(tk, q, gaz, levels)
            how = "fuzzy"
        if hit is not None and how == "ci" and hit[2] == hit[2].lower():
            # "kota batam": lower-case names only for home-country places and curated aliases
            cands = [c for c in hit[1] if c.source == SRC_ALIAS or gaz.entries[c.entry][3] == home]
            hit = (hit[0], cands, hit[2]) if cands else None
            if hit is None:
                return None
        if hit is not None:
            end, cands, surf = hit
            m = PlaceMention(start, end, q, end, surf, kind, trig, cands, how)
            suf = _suffix(tk, end)
            if suf is not None and suf[1] == kind:  # "Mayor of Gimje City"
                m.end = suf[0]
            return m
        # office words are followed by a person's name as often as by a place ("Wali Kota
        # Ridwan Kamil", "Bupati Azwar Anas"): no unknown place after them
        office = not may_create or (words[0] == "kota" and k > 0 and tk.lower[k - 1] == "wali")
        if not office:
            end = _unknown_run(tk, q, gaz)
            if end is not None:
                surf = _join(tk, q, end)
                return PlaceMention(start, end, q, end, surf, kind, trig, [], "unknown")
        return None
    return None


def _join(tk: _Tokens, a: int, b: int) -> str:
    s = tk.texts[a]
    for j in range(a + 1, b):
        s += (tk.sep(j) or " ") + tk.texts[j]
    return s


def _fuzzy_after_trigger(tk: _Tokens, q: int, gaz: Gazetteer, levels: tuple[str, ...]):
    t = tk.texts[q]
    if not (t[:1].isupper() and t.isalpha()) or gaz.is_stopword(t):
        return None
    options = []
    if q + 1 < tk.n and tk.texts[q + 1].isalpha() and tk.texts[q + 1][:1].isupper() and tk.sep(q + 1) == " ":
        options.append((q + 2, t + " " + tk.texts[q + 1]))
    options.append((q + 1, t))
    for end, surf in options:
        if len(surf) < 6:
            continue
        cands = gaz.fuzzy(surf, levels=levels)
        if cands:
            return end, cands, surf
    return None


def _unknown_run(tk: _Tokens, q: int, gaz: Gazetteer) -> int | None:
    """End of a capitalized run (1-3 words) after a trigger that can be an unknown place name."""
    end = q
    while end < tk.n and end - q < 3:
        t = tk.texts[end]
        if end > q and tk.sep(end) != " ":
            break
        if not (t.isalpha() and t[:1].isupper() and len(t) >= 3):
            break
        low = t.lower()
        if low in TRIGGER_WORDS or gaz.is_stopword(low) or gaz.lookup(t) or gaz.lookup(t, case_sensitive=False):
            break
        end += 1
    return end if end > q else None


def _bare_from(tk: _Tokens, k: int, hit: tuple[int, list[Candidate], str]) -> PlaceMention:
    end, cands, surf = hit
    return PlaceMention(k, end, k, end, surf, None, "", cands, "exact")


def _match_bare(tk: _Tokens, k: int, gaz: Gazetteer) -> PlaceMention | None:
    hit = _match_names(tk, k, gaz, ci=False, after_trigger=False, levels=LEVELS_FOR_KIND[None])
    if hit is None:
        return None
    m = _bare_from(tk, k, hit)
    m.ambiguous = gaz.is_ambiguous(m.name)
    # suffix trigger: "Batam City", "Busan Metropolitan City", "Gyeonggi Province"
    suf = _suffix(tk, m.end)
    if suf is not None:
        end, kind, words = suf
        allowed = [c for c in m.cands if gaz.level(c.entry) in LEVELS_FOR_KIND[kind]]
        if allowed:
            m.cands = allowed
            m.kind = kind
            m.trigger = "suffix-" + words[-1]
            m.end = end
            m.ambiguous = False
    return m


def _suffix(tk: _Tokens, e: int) -> tuple[int, str, tuple[str, ...]] | None:
    """A suffix trigger starting at content position e: (end, kind, words)."""
    for words, kind in SUFFIX_TRIGGERS:
        if e + len(words) > tk.n:
            continue
        if all(tk.lower[e + off] == w and tk.sep(e + off) == " " for off, w in enumerate(words)):
            return e + len(words), kind, words
    return None


# ====================================================================== context
def _add_contexts(doc: Doc, tk: _Tokens, mentions: list[PlaceMention], gaz: Gazetteer, *, fuzzy: bool) -> None:
    """Sentence starts, organisation / street / citation / person-name contexts, country context."""
    pos = {tok_i: k for k, tok_i in enumerate(tk.idx)}  # token index -> content position
    by_start = {m.name_start: m for m in mentions}
    text = tk.text
    new: list[PlaceMention] = []
    for m in mentions:
        k0 = pos[m.start]
        k1 = pos[m.end - 1] + 1
        # sentence-initial (only matters for ambiguous names)
        prev = k0 - 1
        m.sent_initial = (prev < 0 or tk.texts[prev] in SENT_END or tk.gap[k0].count("\n") >= 2
                          or tk.sent_start[k0] == 1
                          or tk.texts[prev] in {"•", "*", "-", "–", "—", ":", "\"", "“", "(", "‘", "'"})
        m.before_direction = k1 < tk.n and tk.texts[k1] in DIRECTIONS and tk.sep(k1) == " "
        m.office_after = k1 < tk.n and tk.lower[k1] in OFFICE_AFTER and tk.sep(k1) == " "
        if m.kind is None and prev >= 0 and tk.lower[prev] in SPEECH_VERBS:
            m.in_name = True  # "puji Mihara saat diterima": who speaks is a person, not a town
        kind_at = section_kind_at(doc, tk.starts[k0])
        if kind_at in ("references", "bibliography"):
            m.context = "citation"
        elif m.kind is None or m.trigger.startswith("suffix-"):
            _org_street_citation(doc, tk, m, k0, k1, gaz, text)
        # country context right after the name: "di Inggris", "(Korea Selatan)", ", Jepang", "-Korsel"
        j = k1
        steps = 0
        while j < tk.n and steps < 2 and tk.texts[j] in CONTEXT_BEFORE_COUNTRY and tk.sep(j) is not None:
            j += 1
            steps += 1
        if steps and j < tk.n:
            tok_i = tk.idx[j]
            other = by_start.get(tok_i)
            if other is not None and other.cands:
                codes = {gaz.entries[c.entry][3] for c in other.cands if gaz.level(c.entry) in ("country", "region")}
                if len(codes) == 1:
                    m.ctx_country = codes.pop()
            elif (fuzzy and tk.texts[j - 1] == "-" and not tk.gap[j] and not tk.gap[j - 1]
                  and tk.texts[j].isalpha() and len(tk.texts[j]) >= 5 and tk.texts[j][:1].isupper()):
                cands = gaz.fuzzy(tk.texts[j], levels=("country",), min_len=5)
                if cands:
                    cm = PlaceMention(tok_i, tok_i + 1, tok_i, tok_i + 1, tk.texts[j], None,
                                      "compound", cands, "fuzzy")
                    cm.context = m.context
                    new.append(cm)
                    by_start[tok_i] = cm
                    m.ctx_country = gaz.entries[cands[0].entry][3]
    if new:
        mentions.extend(new)
        mentions.sort(key=lambda x: x.start)


def _name_like(t: str) -> bool:
    return t[:1].isupper() or t.isdigit() or t in CONNECTORS


def _org_street_citation(doc: Doc, tk: _Tokens, m: PlaceMention, k0: int, k1: int, gaz: Gazetteer,
                         text: str) -> None:
    # street: "Jalan Gwangju", "Jl. Surabaya", "Surabaya Street"
    p = k0 - 1
    if p >= 0 and tk.texts[p] == "." and tk.gap[k0] and not tk.gap[p]:
        p -= 1
    if p >= 0 and tk.lower[p] in STREET_BEFORE and tk.sep(k0) is not None:
        m.context, m.org = "street", text[tk.starts[p]: tk.end_char(k1 - 1)]
        return
    if k1 < tk.n and tk.texts[k1] in STREET_AFTER and tk.sep(k1) == " ":
        m.context = "street"
        m.org = text[tk.starts[k0]: tk.end_char(k1)]
        return
    # organisation: the capitalized run around the name holds an organisation word
    a = k0
    while a - 1 >= 0 and k0 - a < 8 and tk.sep(a) is not None and _name_like(tk.texts[a - 1]) \
            and tk.texts[a - 1] not in SENT_END:
        a -= 1
    b = k1
    while b < tk.n and b - k1 < 8 and tk.sep(b) is not None and _name_like(tk.texts[b]):
        b += 1
    while a < k0 and tk.texts[a] in CONNECTORS:
        a += 1
    while b > k1 and tk.texts[b - 1] in CONNECTORS:
        b -= 1
    outside = tk.texts[a:k0] + tk.texts[k1:b]
    if any(w in ORG_WORDS for w in outside):
        m.context = "org"
        m.org = text[tk.starts[a]: tk.end_char(b - 1)]
        return
    # citation: "Jakarta: Departemen Luar Negeri, 2006", "(Yogyakarta:The Phinsi Press,2013"
    if k1 + 1 < tk.n and tk.texts[k1] == ":" and tk.texts[k1 + 1][:1].isupper():
        s = tk.starts[k0]
        window = text[max(0, s - 200): s + 120]
        if _YEAR.search(window):
            m.context = "citation"
            return
    # part of a longer proper name ("Donal Bell Souder", "Dinasti Silla"): neighbours that are
    # capitalized words, not stopwords, triggers or places
    for j in (k0 - 1, k1):
        if j < 0 or j >= tk.n:
            continue
        if tk.sep(j if j >= k1 else k0) != " ":
            continue
        t = tk.texts[j]
        if (t.isalpha() and t[:1].isupper() and not t.isupper() and not gaz.is_stopword(t)
                and t.lower() not in TRIGGER_WORDS and t not in gaz.names):
            m.in_name = True
            break


# ====================================================================== linking
def link_places(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer, *, home_country: str = "ID") -> None:
    """Doc-level linking: score candidates, one sense per document, drop unsupported guesses.

    Sets on each mention: chosen (entry index or None), level, label, keep, score_margin.
    """
    # 1. countries named in the document (not inside organisations / citations)
    doc_countries: set[str] = set()
    for m in mentions:
        lv = {gaz.level(c.entry) for c in m.cands}
        if m.cands and lv == {"country"} and m.context == "story":
            doc_countries.add(gaz.entries[m.cands[0].entry][3])
    # countries of places that can only be one thing and carry a trigger or a curated alias
    for m in mentions:
        ents = {c.entry for c in m.cands}
        if (len(ents) == 1 and m.how != "fuzzy" and (m.kind is not None or m.cands[0].source == SRC_ALIAS)
                and m.context == "story"):
            e = gaz.entries[next(iter(ents))]
            if e[0] != "country":
                doc_countries.add(e[3])

    # a name one edit away only proposes: it may not carry the place into a foreign country that neither
    # the context nor the document names ("Kota Vanimo" in a text on Papua New Guinea is not Vanino, RU);
    # vetoed, it stays a place with its readable name and no id
    foreign = sorted(doc_countries - {home_country})
    for m in mentions:
        if m.how != "fuzzy":
            continue
        allowed = ({m.ctx_country, home_country} | doc_countries) - {None}
        m.cands = [c for c in m.cands if gaz.entries[c.entry][3] in allowed]
        if not m.cands:
            m.how = "unknown"
            if m.ctx_country is None and len(foreign) == 1 and m.kind != "regency":
                m.ctx_country = foreign[0]

    # in a text on a sister province, a bare "Kyoto" or "Queensland" is the prefecture or state
    provincial = PROVINCE_CUE.search(doc_text(doc)) is not None

    def score(m: PlaceMention, c: Candidate) -> float:
        e = gaz.entries[c.entry]
        s = gaz.prior(c)
        if provincial and m.kind is None and e[0] == "region" and e[3] != home_country:
            s += 3.0
        if c.source == SRC_ALT and any(o.source > SRC_ALT for o in m.cands):
            s -= 2.5  # "Johor" is the state's own name before it is an alternate name of Johor Bahru
        if m.ctx_country and e[3] == m.ctx_country:
            s += 6.0
        elif e[3] in doc_countries:
            s += 1.0
        if e[3] == home_country:
            s += 0.5
        if e[0] == "city" and e[3] != home_country and e[3] not in doc_countries and e[8] < 100_000:
            s -= 1.0
        return s

    # 2. groups for one sense per document
    groups: dict[tuple[str, str], list[PlaceMention]] = {}
    for m in mentions:
        if m.cands:
            groups.setdefault((m.key, m.kind or "bare"), []).append(m)
    choice: dict[tuple[str, str], int] = {}
    for gk, ms in groups.items():
        total: dict[int, float] = {}
        for m in ms:
            per: dict[int, float] = {}
            for c in m.cands:
                per[c.entry] = max(per.get(c.entry, -1e9), score(m, c))
            for ent, sc in per.items():
                total[ent] = total.get(ent, 0.0) + sc
            ranked = sorted(per.values(), reverse=True)
            m.score_margin = ranked[0] - ranked[1] if len(ranked) > 1 else 99.0
        choice[gk] = max(sorted(total), key=lambda ent: total[ent])
    # bare mentions follow the triggered ones when a name has one kind of trigger in the doc
    kinds_by_name: dict[str, set[str]] = {}
    for key, kind in groups:
        if kind != "bare":
            kinds_by_name.setdefault(key, set()).add(kind)
    for (key, kind), ms in groups.items():
        ent = choice[(key, kind)]
        if kind == "bare" and len(kinds_by_name.get(key, ())) == 1:
            other = choice[(key, next(iter(kinds_by_name[key])))]
            if any(c.entry == other for c in ms[0].cands):
                ent = other
        for m in ms:
            own = {c.entry for c in m.cands}
            m.chosen = ent if ent in own else max(sorted(own), key=lambda x: max(
                score(m, c) for c in m.cands if c.entry == x))

    # 3. which mentions are supported ("X City" is a weaker cue than "Kota X": "Green City")
    by_trigger = {m.key for m in mentions if m.kind is not None and not m.trigger.startswith("suffix-")
                  and m.chosen is not None}
    confirmed = set(by_trigger)
    for m in mentions:
        if ((m.kind is None or m.trigger.startswith("suffix-")) and m.chosen is not None
                and not (m.ambiguous and m.sent_initial)
                and not m.in_name and m.context == "story"
                and _strong(m, gaz.entries[m.chosen], gaz, doc_countries, home_country)):
            confirmed.add(m.key)
    confirmed |= {m.key for m in mentions if m.office_after and m.context == "story"}
    for m in mentions:
        if m.chosen is None:
            if not m.cands and m.how == "unknown":
                m.level = m.kind or "city"
                m.label = LABELS[m.level]
            else:
                m.keep = False
            continue
        e = gaz.entries[m.chosen]
        if (m.kind is None and e[0] == "city" and e[3] != home_country and e[3] != m.ctx_country
                and e[8] < 100_000 and m.name in gaz.regencies):
            # a bare "Kampar" in a text on Riau: a small foreign town named like one of our regencies is
            # too uncertain to link; it reads as the regency (no id, never a wrong one)
            m.chosen = gaz.regencies[m.name]
            e = gaz.entries[m.chosen]
        m.level = e[0]
        if m.kind is None or m.trigger.startswith("suffix-"):
            if e[0] == "country" and m.before_direction:
                m.keep = False  # "Amerika Latin", "Amerika Selatan", "Jerman Barat"
            elif m.ambiguous and m.sent_initial:
                m.keep = m.key in confirmed
            elif m.in_name and e[0] == "city":  # "Donal Bell Souder", "Bima Arya": curated or confirmed only
                m.keep = _best_source(m) == SRC_ALIAS or e[3] == m.ctx_country or m.key in by_trigger
            elif not _strong(m, e, gaz, doc_countries, home_country):
                m.keep = m.key in confirmed
        if m.kind == "regency" and e[0] == "city" and e[3] == home_country:
            m.level = "regency"
        m.label = LABELS[m.level]
    # one sense per document for the level too: a bare "Sumedang" beside "Bupati Sumedang" is the
    # regency, unless the document also names the city ("Kota Sumedang")
    as_regency = {m.chosen for m in mentions if m.keep and m.level == "regency" and m.chosen is not None}
    as_city = {m.chosen for m in mentions if m.keep and m.kind == "city" and m.chosen is not None}
    for m in mentions:
        if m.keep and m.kind is None and m.level == "city" and m.chosen in as_regency - as_city:
            m.level = "regency"


def _best_source(m: PlaceMention) -> int:
    return max((c.source for c in m.cands if c.entry == m.chosen), default=SRC_ALT)


def _strong(m: PlaceMention, e: list[Any], gaz: Gazetteer, doc_countries: set[str], home: str) -> bool:
    """Enough support to link a bare name without a trigger word."""
    if e[0] in ("country", "region", "regency"):
        return True
    src = _best_source(m)
    pop = e[8]
    if pop < SMALL_TOWN and e[3] != home:  # a small foreign town needs its own country beside it
        return src == SRC_ALIAS or e[3] == m.ctx_country
    return (src == SRC_ALIAS or e[3] == home or e[3] == m.ctx_country or e[3] in doc_countries
            or (pop >= 100_000 and src != SRC_ALT) or pop >= 1_000_000)


def to_span(doc: Doc, m: PlaceMention, gaz: Gazetteer) -> Span:
    """The span for a linked mention with its attribute dict."""
    span = Span(doc, m.start, m.end, label=m.label)
    trig = m.trigger
    if m.how == "unknown":
        method = f"unknown:prefix-{trig}"
        conf = 0.5
    else:
        base = "gazetteer:" + (f"prefix-{trig}" if trig and not trig.startswith(("suffix-", "compound"))
                               else trig if trig else "name")
        if m.how == "fuzzy":
            base += "-fuzzy"
        elif m.how == "ci":
            base += "-ci"
        method = base
        src = _best_source(m)
        if m.how == "fuzzy":
            conf = 0.7
        elif m.kind is not None:
            conf = 0.95 if m.how == "exact" else 0.9
        else:
            conf = {SRC_ALIAS: 0.9, SRC_ALT: 0.7}.get(src, 0.85)
            if src == SRC_ALIAS:
                method = "gazetteer:alias"
        if m.ambiguous:
            conf = min(conf, 0.8)
        if m.in_name:
            conf *= 0.8
        if m.score_margin < 1.0:
            conf *= 0.9
    attrs: dict[str, Any]
    if m.chosen is None:
        country = m.ctx_country or ("ID" if m.kind == "regency" else None)
        attrs = {"name": m.name, "country": country, "geonames_id": None, "level": m.level,
                 "iso3166_2": None, "admin1": None, "latitude": None, "longitude": None}
    else:
        e = gaz.entries[m.chosen]
        from_city = m.level == "regency" and e[0] == "city"
        if from_city:
            method = method.replace("gazetteer:", "gazetteer:regency-from-city:", 1)
        attrs = {
            "name": e[2], "country": e[3] or None,
            "geonames_id": None if from_city or e[1] is None else int(e[1]),
            "level": m.level, "iso3166_2": e[4] or None, "admin1": e[5] or None,
            "latitude": None if from_city else e[6], "longitude": None if from_city else e[7],
        }
    attrs.update({
        "in_org": m.context != "story",
        "method": method,
        "confidence": round(conf, 3),
        "context": m.context,
        "org": m.org,
        "matched": m.name,
    })
    return set_attrs(span, attrs)
