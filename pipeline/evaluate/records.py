"""Normalization of cells, ids and names, and the records scoring works on."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any

METRICS: tuple[str, ...] = ("places", "partnerships", "instruments", "sectors", "event_dates")

# A place key: ("geonames", id) | ("iso", code) | ("name", normalized name, country).
Key = tuple[str, ...]
# An unordered pair of place keys.
Pair = frozenset[Key]

_INT_ID = re.compile(r"^\+?(\d+)(?:\.0*)?$")
_NON_WORD = re.compile(r"[^\w]+")


# --------------------------------------------------------------------------- normalization


def norm_id(value: Any) -> str | None:
    """Normalise a GeoNames id ("1842939", "1842939.0", 1842939) to a digit string; empty → None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "null"):
        return None
    match = _INT_ID.match(text)
    if match:
        return str(int(match.group(1)))
    return text


def norm_iso(value: Any) -> str | None:
    """Normalise an ISO 3166-2 code to upper case; empty → None."""
    if value is None:
        return None
    text = str(value).strip().upper()
    return text or None


def norm_name(value: Any) -> str:
    """Normalise a place name for matching: no accents, case-folded, punctuation collapsed."""
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


_REGENCY_WORDS = {"kabupaten", "kab", "regency", "pemkab", "pemerintah"}


def regency_words(name: Any) -> list[str]:
    """A regency's name without "Kabupaten"/"Kab."/"Regency", as words."""
    return [w for w in norm_name(name).split() if w not in _REGENCY_WORDS]


def regency_key(name: Any, country: Any) -> Key:
    """A regency's key: its name without "Kabupaten"/"Kab."/"Regency" ("Kabupaten Banyuwangi" ~ "Banyuwangi"),
    spaces aside (BPS writes "Karang Asem", texts "Karangasem": one regency, issue 17's spelling variants)."""
    return ("regency", "".join(regency_words(name)), norm_country(country))


def norm_country(value: Any) -> str:
    """Normalise a country code to upper case ("" when missing)."""
    return str(value or "").strip().upper()


def norm_text(value: Any) -> str | None:
    """Strip a code or date value; empty → None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


@cache
def basename(path: str) -> str:
    """Basename of a path written with / or \\ separators."""
    return PurePath(path.replace("\\", "/")).name


@cache
def stem(path: str) -> str:
    """File name without its last extension (cached: every gold document is matched against every file)."""
    return PurePath(basename(path)).stem


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Place:
    """One place as predicted (a cities.csv row or one side of an agreements.csv row)."""

    name: str
    country: str
    geonames_id: str | None = None
    iso3166_2: str | None = None
    level: str = ""
    surfaces: tuple[str, ...] = field(default=(), compare=False)

    def keys(self) -> list[Key]:
        """Candidate keys in preference order: ISO first for regions, the regency's name for regencies,
        GeoNames first otherwise, else name."""
        geo: list[Key] = [("geonames", self.geonames_id)] if self.geonames_id else []
        iso: list[Key] = [("iso", self.iso3166_2)] if self.iso3166_2 else []
        if self.level == "regency":  # a gold place without id and level is matched by its bare name
            rkey = regency_key(self.name, self.country)
            return [rkey] + geo + [("name", " ".join(regency_words(self.name)), rkey[2])]
        keys = iso + geo if self.level == "region" else geo + iso
        return keys or [("name", norm_name(self.name), norm_country(self.country))]


@dataclass(frozen=True)
class Agreement:
    """One agreements.csv row reduced to what is scored."""

    a: Place
    b: Place
    relationship: str | None
    instrument: str | None
    signed: str | None
    sectors: tuple[str, ...]


@dataclass
class Prediction:
    """Everything the pipeline predicted for one input file."""

    doc_id: str
    file: str
    places: list[Place] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (value, role)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        """Counts plus P/R/F1 rounded to 4 decimals."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Finding:
    """A miss (gold item not predicted) or a false hit (predicted item not in gold)."""

    doc: str  # gold document id
    metric: str
    kind: str  # "miss" or "false"
    key: tuple[Any, ...]
    label: str
    error_class: str = ""


@dataclass
class DocResult:
    """Scores of one gold document."""

    gold_id: str
    file: str
    doc_id: str | None  # predicted doc_id, None when the document is not in the predictions
    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    meta: dict[str, str] = field(default_factory=dict)  # the gold line's plain fields (genre, language, ...)


@dataclass
class EvalReport:
    """Micro-averaged totals, per-document scores, misses and false hits."""

    totals: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    documents: list[DocResult] = field(default_factory=list)
    misses: list[Finding] = field(default_factory=list)
    false_hits: list[Finding] = field(default_factory=list)
    wrong_links: list[Finding] = field(default_factory=list)  # places linked to another id than the gold's

    @property
    def missing_documents(self) -> list[str]:
        """Gold ids whose file has no predicted document."""
        return [d.gold_id for d in self.documents if d.doc_id is None]

    def to_metrics(self) -> dict[str, dict[str, float | int]]:
        """Flat metrics for DVC: {metric: {precision, recall, f1, tp, fp, fn}}, plus the wrong-link count."""
        metrics: dict[str, Any] = {m: self.totals[m].as_dict() for m in METRICS}
        metrics["wrong_links"] = len(self.wrong_links)
        return metrics

    def totals_by(self, key: str) -> dict[str, tuple[int, dict[str, Counts]]]:
        """Counts summed per value of a gold field (e.g. genre): {value: (documents, {metric: Counts})}."""
        groups: dict[str, tuple[int, dict[str, Counts]]] = {}
        for doc in self.documents:
            value = doc.meta.get(key, "") or "(none)"
            n, counts = groups.get(value, (0, {m: Counts() for m in METRICS}))
            for m in METRICS:
                counts[m].add(doc.counts[m])
            groups[value] = (n + 1, counts)
        return dict(sorted(groups.items()))

    def error_tally(self) -> list[tuple[str, str, int]]:
        """(metric, error class, count) over all misses and false hits, most frequent first."""
        tally: dict[tuple[str, str], int] = {}
        for f in self.misses + self.false_hits:
            key = (f.metric, f.error_class or f.kind)
            tally[key] = tally.get(key, 0) + 1
        return sorted(((m, c, n) for (m, c), n in tally.items()), key=lambda t: (-t[2], t[0], t[1]))

    def per_type_rows(self) -> list[dict[str, Any]]:
        """One row per metric ({type, precision, recall, f1}) for a DVC plot."""
        rows: list[dict[str, Any]] = []
        for m in METRICS:
            d = self.totals[m].as_dict()
            rows.append({"type": m, "precision": d["precision"], "recall": d["recall"], "f1": d["f1"]})
        return rows
