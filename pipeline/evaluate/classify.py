"""A gold document's scored sets, and the error class of every miss and false hit."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate.records import Key, Pair, norm_country, norm_id, norm_iso, norm_name, norm_text, regency_key

# --------------------------------------------------------------------------- per-document scoring


class Scope:
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

_PLACE_TRIGGERS = re.compile(r"^(?:pemerintah |pemkot |pemkab |pemprov |kota |city of |kabupaten |provinsi |prefektur )+|"
                             r"(?: city| shi| si| gun| ken| prefecture)$")


def bare_name(name: str) -> str:
    """A surface without its triggers ("Kota Gimje" → "gimje"), for telling wrong links from misses."""
    return _PLACE_TRIGGERS.sub("", norm_name(name)).strip()


@dataclass
class GoldSets:
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


def read_gold(gold: Mapping[str, Any], scope: Scope) -> GoldSets:
    """Gold places, pairs, instruments, sectors and event dates as scored sets."""
    g = GoldSets()
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
            if bare_name(str(surface or "")):
                g.names.setdefault(bare_name(str(surface)), canon)

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


def classify_place(kind: str, key: Key, g: GoldSets, pred_names: Mapping[Key, set[str]],
                   pred_surfaces: Mapping[Key, set[str]], country: Mapping[Key, str],
                   gazetteer_ids: set[str] | None) -> str:
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
    # a wrong link: the gold names this place with another id, as a region or a regency (a town's id is not
    # the regency's), or without an id but in another country ("Kota Wewak (Papua Nugini)" linked to a
    # Russian town); in the same country with no gold id nobody knows
    gold = {g.names[n] for n in names if n in g.names and g.names[n] != key}
    if key[0] == "geonames" and any(k[0] in ("geonames", "iso", "regency")
                                    or (k[0] == "name" and k[2] and k[2] != country.get(key)) for k in gold):
        return "wrong link"
    if key[0] == "regency":
        return "spurious regency"
    raw = pred_surfaces.get(key, set())
    if raw and all(n == n.lower() for n in raw):
        return "common word taken for a place"
    return "spurious place"


def classify_pair(kind: str, pair: Pair, g: GoldSets, pred_places: set[Key], country: Mapping[Key, str],
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


def classify_instrument(kind: str, item: tuple[Pair, str, str | None], g: GoldSets,
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


def classify_date(kind: str, value: str, g: GoldSets, pred_all: Mapping[str, set[str]]) -> str:
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
