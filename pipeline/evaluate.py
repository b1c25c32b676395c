"""Score extracted tables against a gold standard (SPEC "Scoring"): places, partnerships, instruments, sectors, event dates."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from pipeline.io import atomic_write_text, paused_gc

METRICS: tuple[str, ...] = ("places", "partnerships", "instruments", "sectors", "event_dates")

# A place key: ("geonames", id) | ("iso", code) | ("name", normalized name, country).
Key = tuple[str, ...]
# An unordered pair of place keys.
Pair = frozenset[Key]

_FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")  # as guarded by pipeline.io.safe_cell
_INT_ID = re.compile(r"^\+?(\d+)(?:\.0*)?$")
_NON_WORD = re.compile(r"[^\w]+")


# --------------------------------------------------------------------------- normalization


def unquote_cell(value: str) -> str:
    """Strip one spreadsheet-safety quote from a cell whose rest starts with = + - @ (or tab/CR)."""
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_CHARS:
        return value[1:]
    return value


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


def regency_key(name: Any, country: Any) -> Key:
    """A regency's key: its name without "Kabupaten"/"Kab."/"Regency" ("Kabupaten Banyuwangi" ~ "Banyuwangi")."""
    words = [w for w in norm_name(name).split() if w not in _REGENCY_WORDS]
    return ("regency", " ".join(words), norm_country(country))


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
def _basename(path: str) -> str:
    """Basename of a path written with / or \\ separators."""
    return PurePath(path.replace("\\", "/")).name


@cache
def _stem(path: str) -> str:
    """File name without its last extension (cached: every gold document is matched against every file)."""
    return PurePath(_basename(path)).stem


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
            return [rkey] + geo + [("name", rkey[1], rkey[2])]
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


# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file (one document per non-blank line)."""
    docs: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
            if not isinstance(doc, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object")
            docs.append(doc)
    return docs


def _read_table(path: Path, keep: set[str] | None = None, offsets: Path | None = None) -> list[dict[str, str]]:
    """Read a CSV as string cells (empty = missing), unquoting formula-guarded cells; absent → [].

    `keep`: only rows whose doc_id is in it (the others are skipped before any work on their cells).
    `offsets`: written by `kotakembar tables --offsets`; when they match the table, only the kept
    documents' byte ranges are read.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return []
    if keep is not None:
        rows = _read_ranges(path, keep, offsets)
        if rows is not None:
            return rows
    # the csv module, not pandas: importing pandas alone took longer than scoring
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        return _rows(reader, keep, [str(k).strip() for k in next(reader, [])])


def _rows(reader: Iterable[list[str]], keep: set[str] | None, header: list[str]) -> list[dict[str, str]]:
    """Dict rows (under `header`) from csv records, kept by doc_id."""
    at = header.index("doc_id") if keep is not None and "doc_id" in header else None
    return [{k: unquote_cell(v) for k, v in zip(header, row + [""] * (len(header) - len(row)))}
            for row in reader if row and (at is None or (row[at].strip() if at < len(row) else "") in keep)]


def _read_ranges(path: Path, keep: set[str], offsets: Path | None) -> list[dict[str, str]] | None:
    """The kept documents' rows through the table's offsets; None when there are none or they do not match."""
    from pipeline.offsets import check, read_offsets, read_range

    found = read_offsets(offsets, path.stem)
    if found is None:
        return None
    with path.open("rb") as f:
        head = f.read(found.header)
        if not check(path, found, head, keep):
            return None
        header = [str(k).strip() for k in next(csv.reader([head.decode("utf-8-sig")]), [])]
        text = b"".join(read_range(f, found, d) for d in sorted(keep, key=lambda d: found.docs.get(d, (0,))[0]))
    return _rows(csv.reader(io.StringIO(text.decode("utf-8"), newline="")), keep, header)


def _split_codes(value: str) -> tuple[str, ...]:
    """Split a pipe-joined code list into unique lower-case codes, keeping order."""
    seen: dict[str, None] = {}
    for part in value.split("|"):
        code = part.strip().lower()
        if code:
            seen.setdefault(code, None)
    return tuple(seen)


def load_predictions(tables_dir: Path, keep: set[str] | None = None,
                     offsets: Path | None = None) -> dict[str, Prediction]:
    """Read documents/cities/agreements/dates CSVs; key each document by the basename of its `file`.

    `keep`: read the rows of these doc_ids only (None: all). `offsets`: see `_read_table`.
    """
    tables_dir = Path(tables_dir)
    by_doc: dict[str, Prediction] = {}
    result: dict[str, Prediction] = {}
    for row in _read_table(tables_dir / "documents.csv"):
        doc_id = row.get("doc_id", "").strip()
        file = row.get("file", "").strip()
        base = _basename(file) if file else doc_id
        if not doc_id or base in result or doc_id in by_doc:
            continue  # first occurrence wins
        pred = Prediction(doc_id=doc_id, file=file)
        by_doc[doc_id] = pred
        result[base] = pred

    for row in _read_table(tables_dir / "cities.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        if pred is None:
            continue
        pred.places.append(
            Place(
                name=row.get("name", "").strip(),
                country=norm_country(row.get("country")),
                geonames_id=norm_id(row.get("geonames_id")),
                iso3166_2=norm_iso(row.get("iso3166_2")),
                level=row.get("level", "").strip().lower(),
                surfaces=tuple(x for x in row.get("surfaces", "").split("|") if x.strip()),
            )
        )

    for row in _read_table(tables_dir / "agreements.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        if pred is None:
            continue
        sides = []
        for s in ("a", "b"):
            sides.append(
                Place(
                    name=row.get(f"city_{s}", "").strip(),
                    country=norm_country(row.get(f"country_{s}")),
                    geonames_id=norm_id(row.get(f"geonames_{s}")),
                    iso3166_2=norm_iso(row.get(f"iso3166_2_{s}")),
                )
            )
        instrument = norm_text(row.get("instrument"))
        pred.agreements.append(
            Agreement(
                a=sides[0],
                b=sides[1],
                relationship=norm_text(row.get("relationship")),
                instrument=instrument.lower() if instrument else None,
                signed=norm_text(row.get("signed")),
                sectors=_split_codes(row.get("sectors", "")),
            )
        )

    for row in _read_table(tables_dir / "dates.csv", keep, offsets):
        pred = by_doc.get(row.get("doc_id", "").strip())
        value = norm_text(row.get("value"))
        if pred is None or value is None:
            continue
        pred.dates.append((value, row.get("role", "").strip().lower()))
    return result


# --------------------------------------------------------------------------- per-document scoring


class _Scope:
    """Key canonicalisation and display labels for one gold document."""

    def __init__(self) -> None:
        self.alias: dict[Key, Key] = {}
        self.names: dict[Key, str] = {}
        self.order: dict[Pair, tuple[Key, Key]] = {}  # a pair's sides in gold (or first predicted) order
        self.country: dict[Key, str] = {}  # a place's country as the gold (or the prediction) gives it

    def canon(self, keys: Sequence[Key]) -> Key:
        """The gold key any candidate matches, else the first candidate."""
        for k in keys:
            if k in self.alias:
                return self.alias[k]
        return keys[0]

    def name(self, key: Key, name: str) -> None:
        """Remember a display name for a key (first one wins)."""
        if name:
            self.names.setdefault(key, name)

    def label(self, key: Key) -> str:
        """Readable place label, e.g. Batam(6295587), Kyoto(JP-26), Bintan(ID)."""
        if key[0] in ("name", "regency"):
            return f"{self.names.get(key, key[1])}({key[2] or '?'}{', regency' if key[0] == 'regency' else ''})"
        return f"{self.names.get(key, '?')}({key[1]})"

    def pair_label(self, pair: Pair) -> str:
        """Readable pair label in gold (or first predicted) order."""
        ab = self.order.get(pair) or tuple(sorted(pair))
        if len(ab) == 1:
            ab = (ab[0], ab[0])
        return f"{self.label(ab[0])}–{self.label(ab[1])}"


def _gold_city_keys(city: Mapping[str, Any]) -> tuple[list[Key], list[Key]]:
    """(primary keys, extra name aliases) of a gold city."""
    keys: list[Key] = []
    iso = norm_iso(city.get("iso3166_2"))
    geo = norm_id(city.get("geonames_id"))
    country = norm_country(city.get("country"))
    if str(city.get("level") or "").strip().lower() == "regency":
        surfaces = [regency_key(s, country) for s in city.get("surfaces") or [] if norm_name(s)]
        return [regency_key(city.get("name"), country)] + ([("geonames", geo)] if geo else []), surfaces
    if iso:
        keys.append(("iso", iso))
    if geo:
        keys.append(("geonames", geo))
    if keys:
        return keys, []
    primary: Key = ("name", norm_name(city.get("name")), country)
    aliases = [("name", norm_name(s), country) for s in city.get("surfaces") or [] if norm_name(s)]
    return [primary], aliases


def _gold_side_keys(p: Mapping[str, Any], side: str) -> list[Key]:
    """Candidate keys of one side ("a"/"b") of a gold partnership."""
    keys: list[Key] = []
    iso = norm_iso(p.get(f"{side}_iso3166_2"))
    geo = norm_id(p.get(f"{side}_geonames_id"))
    if str(p.get(f"{side}_level") or "").strip().lower() == "regency":
        return [regency_key(p.get(side), p.get(f"{side}_country"))] + ([("geonames", geo)] if geo else [])
    if iso:
        keys.append(("iso", iso))
    if geo:
        keys.append(("geonames", geo))
    return keys or [("name", norm_name(p.get(side)), norm_country(p.get(f"{side}_country")))]


def _compare(
    counts: Counts,
    gold: set[Any],
    ignored: set[Any],
    predicted: set[Any],
) -> tuple[set[Any], set[Any]]:
    """Fill counts; return (misses, false hits). Ignored items count neither way."""
    ignored = ignored - gold
    counts.tp += len(gold & predicted)
    misses = gold - predicted
    false = predicted - gold - ignored
    counts.fn += len(misses)
    counts.fp += len(false)
    return misses, false


def _pair_ignored(pair: Pair, certain: set[Pair], uncertain: set[Pair]) -> bool:
    """True when a pair belongs only to uncertain gold partnerships."""
    return pair in uncertain and pair not in certain


_PLACE_TRIGGERS = re.compile(r"^(?:pemerintah |pemkot |pemkab |pemprov |kota |city of |kabupaten |provinsi |prefektur )+|"
                             r"(?: city| shi| si| gun| ken| prefecture)$")


def _bare(name: str) -> str:
    """A surface without its triggers ("Kota Gimje" → "gimje"), for telling wrong links from misses."""
    return _PLACE_TRIGGERS.sub("", norm_name(name)).strip()


@dataclass
class _Gold:
    """One gold document's scored sets."""

    places: set[Key] = field(default_factory=set)
    unc_places: set[Key] = field(default_factory=set)
    names: dict[str, Key] = field(default_factory=dict)  # bare surface → gold place key
    pairs: set[Pair] = field(default_factory=set)
    unc_pairs: set[Pair] = field(default_factory=set)
    instr: set[tuple[Pair, str, str | None]] = field(default_factory=set)
    unc_instr: set[tuple[Pair, str, str | None]] = field(default_factory=set)
    sect: set[tuple[Pair, str]] = field(default_factory=set)
    opt_sect: set[tuple[Pair, str]] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    unc_dates: set[str] = field(default_factory=set)
    alt: dict[str, str] = field(default_factory=dict)  # an `alt` reading → the gold value
    other_roles: dict[str, str] = field(default_factory=dict)  # value → role of a non-event gold date
    indonesian: set[Key] = field(default_factory=set)


def _read_gold(gold: Mapping[str, Any], scope: _Scope) -> _Gold:
    """Gold places, pairs, instruments, sectors and event dates as scored sets."""
    g = _Gold()
    cities = [c for c in gold.get("cities") or [] if isinstance(c, Mapping)]
    parsed = [(c, *_gold_city_keys(c)) for c in cities]
    for _c, keys, _aliases in parsed:
        for k in keys:
            scope.alias.setdefault(k, keys[0])
    for _c, keys, aliases in parsed:
        for k in aliases:
            scope.alias.setdefault(k, keys[0])
    for city, keys, _aliases in parsed:
        canon = scope.canon(keys)
        scope.name(canon, str(city.get("name") or ""))
        scope.country.setdefault(canon, norm_country(city.get("country")))
        (g.unc_places if city.get("uncertain") else g.places).add(canon)
        if norm_country(city.get("country")) == "ID":
            g.indonesian.add(canon)
        for surface in [city.get("name")] + list(city.get("surfaces") or []):
            if _bare(str(surface or "")):
                g.names.setdefault(_bare(str(surface)), canon)

    for p in gold.get("partnerships") or []:
        if not isinstance(p, Mapping):
            continue
        ends: list[Key] = []
        for side in ("a", "b"):
            keys = _gold_side_keys(p, side)
            canon = scope.canon(keys)
            for k in keys:
                scope.alias.setdefault(k, canon)
            scope.name(canon, str(p.get(side) or ""))
            ends.append(canon)
        pair: Pair = frozenset(ends)
        scope.order.setdefault(pair, (ends[0], ends[1]))
        uncertain = bool(p.get("uncertain"))
        (g.unc_pairs if uncertain else g.pairs).add(pair)
        for ins in p.get("instruments") or []:
            if isinstance(ins, Mapping) and norm_text(ins.get("type")):
                item = (pair, str(ins["type"]).strip().lower(), norm_text(ins.get("date")))
                (g.unc_instr if uncertain or ins.get("uncertain") else g.instr).add(item)
        for code in p.get("sectors") or []:
            if norm_text(code):
                (g.opt_sect if uncertain else g.sect).add((pair, str(code).strip().lower()))
        for code in p.get("sectors_optional") or []:
            if norm_text(code):
                g.opt_sect.add((pair, str(code).strip().lower()))

    for d in gold.get("dates") or []:
        if not isinstance(d, Mapping):
            continue
        value = norm_text(d.get("value"))
        role = str(d.get("role") or "").strip().lower()
        if not value:
            continue
        if role != "event":
            g.other_roles.setdefault(value, role or "other")
            continue
        (g.unc_dates if d.get("uncertain") else g.dates).add(value)
        for alt in d.get("alt") or []:
            if norm_text(alt):
                g.alt.setdefault(str(alt).strip(), value)
    return g


def _classify_place(kind: str, key: Key, g: _Gold, pred_names: Mapping[Key, set[str]],
                    pred_by_name: Mapping[str, Key], gazetteer_ids: set[str] | None) -> str:
    """The error class of a missed or falsely found place."""
    if kind == "miss":
        if key[0] == "regency":
            return "regency missed"
        if key[0] == "name":
            return "place without a GeoNames id missed"
        if gazetteer_ids is not None and key[0] == "geonames" and key[1] not in gazetteer_ids:
            return "place missing from the gazetteer"
        return "place missed"
    names = pred_names.get(key, set())
    if key[0] == "geonames" and any(n in g.names and g.names[n] != key for n in names):
        return "wrong link"
    if key[0] == "regency":
        return "spurious regency"
    raw = pred_names.get(("raw",) + key, set())
    if raw and all(n == n.lower() for n in raw):
        return "common word taken for a place"
    return "spurious place"


def _classify_pair(kind: str, pair: Pair, g: _Gold, pred_places: set[Key], country: Mapping[Key, str],
                   wrong: set[Key]) -> str:
    """The error class of a missed or falsely found partnership."""
    if kind == "miss":
        if not pair <= pred_places:
            return "missed pair (a side not found as a place)"
        return "missed pair (both places found)"
    sides = set(pair)
    if sides & wrong:
        return "pair through a wrong link"
    countries = {k: country.get(k, "") for k in sides}
    if len(sides) == 2 and all(c == "ID" for c in countries.values()):
        return "domestic pair"
    if len(sides) == 2 and all(c and c != "ID" for c in countries.values()):
        return "pair of two foreign places"
    if any(sides & gp for gp in g.pairs):
        return "wrong pair (one side right)"
    return "spurious pair"


def _classify_instrument(kind: str, item: tuple[Pair, str, str | None], g: _Gold,
                         pred_instr: set[tuple[Pair, str, str | None]], pred_pairs: set[Pair]) -> str:
    """The error class of a missed or falsely found instrument."""
    pair, itype, date = item
    others = pred_instr if kind == "miss" else g.instr
    if kind == "miss" and pair not in pred_pairs:
        return "instrument of a missed pair"
    if kind == "false" and pair not in g.pairs:
        return "instrument of a pair not in gold"
    same_type = {d for p, t, d in others if p == pair and t == itype}
    if kind == "miss" and date is not None and None in same_type:
        return "instrument without its date"
    if kind == "false" and date is None and same_type - {None}:
        return "instrument without its date"
    if same_type:
        return "instrument date wrong"
    if {d for p, t, d in others if p == pair and d == date}:
        return "instrument type wrong"
    return "instrument missed" if kind == "miss" else "spurious instrument"


def _classify_date(kind: str, value: str, g: _Gold, pred_all: Mapping[str, set[str]]) -> str:
    """The error class of a missed or falsely found event date."""
    if kind == "miss":
        roles = pred_all.get(value, set())
        if roles:
            return f"event date given role {sorted(roles)[0]}"
        tail = value[4:] if len(value) > 4 else None
        if tail and any(v.startswith("XXXX") and v[4:] == tail for v in pred_all):
            return "date not anchored"
        if any(v[:4] == value[:4] and v != value for v in pred_all):
            return "event date at another precision or span"
        return "event date missed"
    if value.startswith("XXXX"):
        return "date not anchored"
    if value in g.other_roles:
        return f"{g.other_roles[value]} date taken as event"
    if any(v[:4] == value[:4] for v in g.dates):
        return "event date at another precision or span"
    return "spurious event date"


def _score_document(gold: Mapping[str, Any], pred: Prediction | None,
                    gazetteer_ids: set[str] | None = None) -> tuple[DocResult, list[Finding], list[Finding]]:
    """Score one gold document against its prediction (None = not predicted)."""
    gid = str(gold.get("id") or gold.get("file") or "?")
    result = DocResult(gold_id=gid, file=str(gold.get("file") or ""), doc_id=pred.doc_id if pred else None)
    scope = _Scope()
    g = _read_gold(gold, scope)

    # ---- predictions
    pred_places: set[Key] = set()
    pred_names: dict[Key, set[str]] = {}
    pred_by_name: dict[str, Key] = {}
    ignored_regions: set[Key] = set()
    pred_pairs: set[Pair] = set()
    pred_instr: set[tuple[Pair, str, str | None]] = set()
    pred_sect: set[tuple[Pair, str]] = set()
    pred_dates: set[str] = set()
    pred_all_dates: dict[str, set[str]] = {}
    if pred is not None:
        for place in pred.places:
            canon = scope.canon(place.keys())
            scope.name(canon, place.name)
            pred_places.add(canon)
            bare = {_bare(s) for s in (place.name, *place.surfaces) if _bare(s)}
            pred_names.setdefault(canon, set()).update(bare)
            pred_names.setdefault(("raw",) + canon, set()).update(s.strip() for s in place.surfaces if s.strip())
            for n in bare:
                pred_by_name.setdefault(n, canon)
            if place.level == "region" and canon not in g.places | g.unc_places:
                ignored_regions.add(canon)  # SPEC: a region the gold does not list counts neither way
        for ag in pred.agreements:
            ends = []
            for place in (ag.a, ag.b):
                # agreements.csv has no level column: a side may be a regency the gold lists
                canon = scope.canon(place.keys() + [regency_key(place.name, place.country)])
                scope.name(canon, place.name)
                scope.country.setdefault(canon, place.country)
                ends.append(canon)
            pair = frozenset(ends)
            scope.order.setdefault(pair, (ends[0], ends[1]))
            pred_pairs.add(pair)
            if ag.instrument:
                pred_instr.add((pair, ag.instrument, ag.signed))
            for code in ag.sectors:
                pred_sect.add((pair, code))
        for value, role in pred.dates:
            pred_all_dates.setdefault(g.alt.get(value, value), set()).add(role)
        pred_dates = {g.alt.get(v, v) for v, role in pred.dates if role == "event"}

    # ---- uncertain partnerships: their instruments and sectors count neither way
    unc_instr = set(g.unc_instr)
    opt_sect = set(g.opt_sect)
    for item in pred_instr:
        if _pair_ignored(item[0], g.pairs, g.unc_pairs):
            unc_instr.add(item)
    for sect in pred_sect:
        if _pair_ignored(sect[0], g.pairs, g.unc_pairs):
            opt_sect.add(sect)

    misses: list[Finding] = []
    false: list[Finding] = []

    def record(metric: str, miss: set[Any], fp: set[Any], label: Callable[[Any], str],
               classify: Callable[[str, Any], str]) -> None:
        """Turn missed and falsely hit items into findings with their error class."""
        for kind, items, out in (("miss", miss, misses), ("false", fp, false)):
            found = [Finding(gid, metric, kind, _plain_key(i), label(i), classify(kind, i)) for i in items]
            out.extend(sorted(found, key=lambda f: (f.label, f.error_class)))

    counts = result.counts
    m, f = _compare(counts["places"], g.places, g.unc_places | ignored_regions, pred_places)
    record("places", m, f, scope.label,
           lambda kind, k: _classify_place(kind, k, g, pred_names, pred_by_name, gazetteer_ids))
    wrong = {k for k in f if _classify_place("false", k, g, pred_names, pred_by_name, None) == "wrong link"}
    m, f = _compare(counts["partnerships"], g.pairs, g.unc_pairs, pred_pairs)
    record("partnerships", m, f, scope.pair_label,
           lambda kind, p: _classify_pair(kind, p, g, pred_places, scope.country, wrong))
    m, f = _compare(counts["instruments"], g.instr, unc_instr, pred_instr)
    record("instruments", m, f, lambda i: f"{scope.pair_label(i[0])} {i[1]} {i[2] or '(no date)'}",
           lambda kind, i: _classify_instrument(kind, i, g, pred_instr, pred_pairs))
    m, f = _compare(counts["sectors"], g.sect, opt_sect, pred_sect)
    record("sectors", m, f, lambda s: f"{scope.pair_label(s[0])} {s[1]}",
           lambda kind, s: ("sector of a missed pair" if s[0] not in pred_pairs else "sector missed")
           if kind == "miss" else ("sector of a pair not in gold" if s[0] not in g.pairs
                                   else "sector not in the cooperation"))
    m, f = _compare(counts["event_dates"], g.dates, g.unc_dates, pred_dates)
    record("event_dates", m, f, str, lambda kind, v: _classify_date(kind, v, g, pred_all_dates))
    return result, misses, false


def _plain_key(item: Any) -> tuple[Any, ...]:
    """A deterministic, hashable, JSON-friendly form of a scored item (pairs become sorted tuples)."""
    if isinstance(item, frozenset):
        return tuple(sorted(item))
    if isinstance(item, tuple):
        return tuple(_plain_key(x) if isinstance(x, frozenset) else x for x in item)
    return (item,)


# --------------------------------------------------------------------------- public entry points


def _match(gold: Mapping[str, Any], preds: Mapping[str, Prediction]) -> Prediction | None:
    """The prediction for a gold doc (SPEC): by the basename of its `file`; without `file`, the file
    whose stem equals its `id` (or the doc_id equal to it)."""
    file = str(gold.get("file") or "")
    if file:
        return preds.get(_basename(file))
    gid = str(gold.get("id") or "")
    if not gid:
        return None
    for base, pred in preds.items():
        if _stem(base) == gid or pred.doc_id == gid:
            return pred
    return None


@paused_gc()
def evaluate(gold_path: Path, tables_dir: Path, *, offsets: Path | None = None,
             gazetteer_ids: set[str] | None = None) -> EvalReport:
    """Score the tables in `tables_dir` against the gold JSONL (micro: TP/FP/FN summed over gold documents).

    `offsets`: written by `kotakembar tables --offsets`; when they match, only the matched
    documents' rows are read (the scores are the same). `gazetteer_ids`: the GeoNames ids the
    gazetteer holds, to tell a place missing from it from a place missed.
    """
    gold_docs = load_gold(Path(gold_path))
    # match on documents.csv alone, then read the other tables' rows of the matched documents only
    listed = load_predictions(Path(tables_dir), keep=set(), offsets=offsets)
    wanted = {p.doc_id for p in (_match(g, listed) for g in gold_docs) if p is not None}
    preds = load_predictions(Path(tables_dir), keep=wanted, offsets=offsets)
    report = EvalReport()
    for gold in gold_docs:
        doc, misses, false = _score_document(gold, _match(gold, preds), gazetteer_ids)
        report.documents.append(doc)
        report.misses.extend(misses)
        report.false_hits.extend(false)
        report.wrong_links.extend(f for f in false if f.error_class == "wrong link")
        for metric in METRICS:
            report.totals[metric].add(doc.counts[metric])
    return report


def format_report(report: EvalReport) -> str:
    """Plain-text P/R/F1 table per metric, then the missing documents, misses and false hits."""
    lines = [f"{'metric':<13}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for metric in METRICS:
        c = report.totals[metric]
        lines.append(
            f"{metric:<13}{c.precision:>8.4f}{c.recall:>8.4f}{c.f1:>8.4f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    matched = sum(1 for d in report.documents if d.doc_id is not None)
    lines.append(f"documents: {len(report.documents)} gold, {matched} matched")
    if report.missing_documents:
        lines.append("")
        lines.extend(f"{gid}  document not in predictions" for gid in report.missing_documents)
    for title, findings in (("misses", report.misses), ("false hits", report.false_hits)):
        lines.append("")
        lines.append(f"{title} ({len(findings)}):")
        lines.extend(f"{f.doc}  {f.metric}  {f.kind}  {f.label}  [{f.error_class}]" for f in findings)
    lines.append("")
    lines.append(f"wrong links: {len(report.wrong_links)}")
    return "\n".join(lines) + "\n"


def format_errors(report: EvalReport, title: str = "Errors") -> str:
    """Markdown error report: the tally by error class, then every miss and false hit per document."""
    lines = [f"# {title}", "", "| metric | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|"]
    for metric in METRICS:
        c = report.totals[metric]
        lines.append(f"| {metric} | {c.precision:.4f} | {c.recall:.4f} | {c.f1:.4f} | {c.tp} | {c.fp} | {c.fn} |")
    lines += ["", f"Places linked to a wrong GeoNames id: {len(report.wrong_links)}", "",
              "## Error classes", "", "| metric | class | count |", "|---|---|---|"]
    lines += [f"| {m} | {c} | {n} |" for m, c, n in report.error_tally()]
    by_doc: dict[str, list[Finding]] = {}
    for f in report.misses + report.false_hits:
        by_doc.setdefault(f.doc, []).append(f)
    lines += ["", "## Per document", ""]
    for doc in report.documents:
        found = by_doc.get(doc.gold_id, [])
        state = "not in the predictions" if doc.doc_id is None else f"{len(found)} errors"
        lines.append(f"### {doc.gold_id} ({state})")
        lines += [f"- {f.metric} {f.kind}: {f.label} — {f.error_class}" for f in found]
        lines.append("")
    return "\n".join(lines)


def _rows_to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Render rows as CSV text with a header."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def write_metrics(report: EvalReport, metrics_path: Path, plots_path: Path | None = None) -> None:
    """Write DVC metrics JSON (sorted keys, indent 2) and, optionally, the per-type plot CSV; atomically."""
    atomic_write_text(Path(metrics_path), json.dumps(report.to_metrics(), sort_keys=True, indent=2) + "\n")
    if plots_path is not None:
        atomic_write_text(Path(plots_path), _rows_to_csv(report.per_type_rows(), ("type", "precision", "recall", "f1")))
