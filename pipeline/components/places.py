"""spaCy component ``kotakembar_places``: cities, regencies, provinces and countries, linked.

Writes ``doc.spans[PLACES_KEY]`` with labels CITY (level city or regency), REGION (province,
prefecture, state: ISO 3166-2) and COUNTRY. Every span carries ``span._.kk``::

    {"name", "country", "geonames_id" (int | None), "level", "iso3166_2", "admin1",
     "latitude", "longitude", "in_org": bool, "method", "confidence",
     # extensions (after the contract keys):
     "context": "story" | "org" | "street" | "people" (a people, a language, a dish, a person) | "citation", "org": str, "matched": str}

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
import shutil
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline.span_ruler import overlapping_labeled_spans_score
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import SimpleFrozenList, ensure_path, registry

from ..gazetteer import ARTIFACT, META, Gazetteer
from .common import PLACES_KEY, register_extensions
from .place_link import link_places, to_span
from .place_match import find_places
from .place_rules import DEFAULT_GAZETTEER_DIR, ENV_GAZETTEER, PREFIX_TRIGGERS


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
                    f"`kotakembar gazetteer --out {path}` (DVC stage), then pass "
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
