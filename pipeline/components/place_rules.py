"""The word lists and triggers the place matcher and linker read, and the raw mention record."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..gazetteer import Candidate

ENV_GAZETTEER = "KOTAKEMBAR_GAZETTEER"
PROVINCE_CUE = re.compile(r"\b(sister[ -]provinces?|sister[ -]states?|sister[ -]prefectures?|provinsi kembar|"
                          r"provinsi bersaudara|prefektur kembar)\b", re.I)
SPEECH_VERBS = frozenset({"kata", "ujar", "tutur", "ungkap", "jelas", "puji", "sebut", "papar", "imbuh", "tambah",
                          "terang", "tegas", "lanjut", "ucap", "sambung", "pungkas", "tandas", "cetus", "beber", "urai",
                          "said", "says", "added", "explained",
                          # passive and reported speech: "kesan yang diungkapkan Bima", "Menurut Bima"
                          "menurut", "diungkapkan", "disampaikan", "dikatakan", "dijelaskan", "ditegaskan",
                          "dituturkan", "diutarakan"})
# a verb of saying right after a bare name: "Manggar menjelaskan, ..." is a person speaking, not the town
SPEECH_AFTER = frozenset({"menjelaskan", "mengatakan", "menyatakan", "menuturkan", "mengungkapkan", "menambahkan",
                          "menegaskan", "memaparkan", "menyebutkan", "berkata", "melanjutkan", "menerangkan",
                          "mengimbuhkan", "menandaskan", "menekankan", "mengemukakan", "bercerita", "said", "says",
                          "told", "added", "explained", "stated"})
OFFICE_AFTER = frozenset({"mayor", "governor", "regent", "council"})  # English office words after a name
SMALL_TOWN = 15_000  # below this a bare foreign name is linked only with its country beside it
DEFAULT_GAZETTEER_DIR = "models/gazetteer"

# triggers that name a place a province ("Provinsi Chongqing", "Tokyo Prefecture"), unlike an office ("Gubernur")
REGION_NOUNS = frozenset({"provinsi", "propinsi", "prefektur", "negara-bagian", "province-of", "prefecture-of",
                          "suffix-province", "suffix-prefecture"})
PAIRING = re.compile(r"^\s*(dan|and|dengan|with|-|–)\s*$", re.I)  # "Provinsi X dan Y", "X with Y": the pair's link word
LABELS = {"city": "CITY", "regency": "CITY", "region": "REGION", "country": "COUNTRY"}

# prefix triggers: (lower-cased tokens, kind, unit word kept in the span, may create unknowns;
# not after office words, which precede persons' names as well)
PREFIX_TRIGGERS: tuple[tuple[tuple[str, ...], str, bool, bool], ...] = (
    (("kota", "administrasi"), "city", True, True),
    (("kota", "madya"), "city", True, True),
    (("kotamadya",), "city", True, True),
    (("kota",), "city", True, True),
    (("city", "of"), "city", True, False),
    (("town", "of"), "city", True, False),
    (("municipality", "of"), "city", True, False),
    (("shire", "of"), "city", True, False),  # Australia's rural councils: "Shire of Broome"
    # a city's own government in its language: "Stadt Braunschweig", "Gemeente Urk", "Majlis Perbandaran Seremban"
    (("stadt",), "city", True, False),
    (("gemeente",), "city", True, False),
    (("majlis", "perbandaran"), "city", True, False),
    (("majlis", "bandaraya"), "city", True, False),
    (("bandaraya",), "city", True, False),
    (("banda", "raya"), "city", True, False),  # written apart: "Kota Medan dan Banda Raya Ipoh"
    (("bandar", "raya"), "city", True, False),
    (("ville", "de"), "city", True, False),
    (("ciudad", "de"), "city", True, False),
    (("comune", "di"), "city", True, False),
    (("pemko",), "city", False, True),
    (("pemkot",), "city", False, True),
    (("walikota",), "city", False, False),
    (("wako",), "city", False, False),  # West Sumatra's press: "Wako Padang", "Wawako Bukittinggi"
    (("wawako",), "city", False, False),
    (("mayor", "of"), "city", False, False),
    (("kabupaten",), "regency", True, True),
    (("kab", "."), "regency", True, True),
    (("kab.",), "regency", True, True),
    (("regency", "of"), "regency", True, False),
    (("pemkab",), "regency", False, True),
    (("bupati",), "regency", False, False),
    (("kecamatan",), "city", True, True),
    (("kelurahan",), "city", True, True),
    (("desa",), "city", True, True),
    (("provinsi",), "region", True, True),
    (("propinsi",), "region", True, True),
    (("prov", "."), "region", True, True),
    (("prov.",), "region", True, True),
    (("prefektur",), "region", True, True),
    (("negara", "bagian"), "region", True, True),
    (("negeri",), "region", True, False),  # a Malaysian state: "Yang di-Pertua Negeri Melaka"
    (("province", "of"), "region", True, False),
    (("prefecture", "of"), "region", True, False),
    (("prefecture",), "region", True, False),  # the English word first, in Indonesian order: "Prefecture Kochi"
    (("pemprov",), "region", False, True),
    (("pemprop",), "region", False, True),
    (("gubernur",), "region", False, False),
    (("governor", "of"), "region", False, False),
    # a Malaysian state's head of government, and an Australian territory's: "Menteri Besar Melaka", "Ketua Menteri
    # Pulau Pinang", "Chief Minister of Northern Territory"
    (("menteri", "besar"), "region", False, False),
    (("ketua", "menteri"), "region", False, False),
    (("chief", "minister", "of"), "region", False, False),
)
# Indonesia's units below the regency: a place they name is Indonesian and has no id ("Desa Rajawana",
# "Kecamatan Karangmoncol"; not "distrik", which names Suriname's districts as well as Papua's)
HOME_UNITS = frozenset({"kecamatan", "kelurahan", "desa"})
# suffix triggers after a known name ("Batam City", "Busan Metropolitan City")
SUFFIX_TRIGGERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("metropolitan", "city"), "city"),
    (("city",), "city"),
    (("municipality",), "city"),
    (("regency",), "regency"),
    (("province",), "region"),
    (("prefecture",), "region"),
)
# Korean and Japanese administrative suffixes ("Eunpyeong-gu", "Kamikawa-cho", "Kota Ganbuk Gu"): a capitalized
# word before one names a district or town of that country, a place even where the gazetteer lacks it
ADMIN_SUFFIXES = {"gu": "KR", "gun": "KR", "si": "KR", "shi": "JP", "ku": "JP", "machi": "JP", "cho": "JP",
                  "mura": "JP"}
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
Youth Association Asosiasi Persatuan Ikatan Himpunan Paguyuban Fakultas Faculty Laboratorium Laboratory
Sport Sports Team Tim Orchestra Organisasi Organization Company Group Grup Holdings Air Airlines Airways Airline
Pasar Market Terminal Stasiun Station Konjen Konsul Dubes Restoran Restaurant Resto Warung Kafe Cafe Kedai
Secretariat Sekretariat
""".split())
# names flagged ambiguous that stay so in English text: English words ("Split", "Metro", "AS") or not a town's name at
# all ("Amerika", "Kobar", "Malut"); the others ("Medan", "Malang", "Batu") are common words in Indonesian only
AMBIGUOUS_IN_ENGLISH = frozenset({"AS", "Amerika", "Split", "Metro", "Kobar", "Malut", "Goyang"})
STREET_BEFORE = frozenset({"jalan", "jl", "jln", "gang", "gg"})
PEOPLE_BEFORE = frozenset({"suku", "etnis", "etnik", "bahasa"})  # "suku Bima", "bahasa Jawa": a people, a language
# ... a dish named for its town ("nasi Padang", "soto Lamongan")
PEOPLE_BEFORE |= {"nasi", "masakan", "soto", "sate", "bakso", "gudeg", "pempek", "lumpia", "rendang"}
# right before a name, a person addressed: "Bapak Medan Sitompul" ("Bapak Wali Kota Medan" is an office)
HONORIFICS = frozenset({"bapak", "ibu", "pak", "bu", "sdr", "saudara", "saudari", "tuan", "nyonya", "mr", "mrs", "ms",
                        "mr.", "mrs.", "ms.", "ir.", "sdr.", "bpk.", "tn.", "ny."})  # (one word with the period)
STREET_AFTER = frozenset({"Street", "Road", "Avenue", "St", "Rd", "Ave", "Boulevard", "Blvd", "Lane", "Ro", "Gil", "-ro", "-gil"})
CONNECTORS = frozenset({"of", "for", "and", "de", "la", "van", "der", "von", "al", "el", "&", "the"})
CONTEXT_BEFORE_COUNTRY = frozenset({"di", "in", ",", "(", ")", "negara", "-"})  # ")": "Penang (Georgetown) di Malaysia"
SENT_END = frozenset({".", "!", "?"})
DIRECTIONS = frozenset({"Selatan", "Utara", "Tengah", "Timur", "Barat", "Tenggara", "Latin", "Laut", "Daya"})
WORD_RE = re.compile(r"\w+")
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


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
    ctx_region: str | None = None  # ISO 3166-2 of a province named right after it: "Nanjing, Provinsi Fujian"
    chosen: int | None = None
    score_margin: float = 99.0
    keep: bool = True
    level: str = ""
    label: str = ""

    @property
    def key(self) -> str:
        return self.name.casefold()


def spread_by_name(mentions: list[PlaceMention], attr: str, only: Callable[[PlaceMention], bool] = lambda m: True) -> None:
    """One sense per document: a context some mentions of a name carry, all agreeing, goes to its other mentions."""
    seen: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if only(m) and getattr(m, attr):
            seen[m.name].add(getattr(m, attr))
    for m in mentions:
        if only(m) and getattr(m, attr) is None and len(seen.get(m.name, ())) == 1:
            setattr(m, attr, next(iter(seen[m.name])))
