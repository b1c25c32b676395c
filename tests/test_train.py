"""pipeline.train: POS corpus conversion, silver labels, gold, tiny training runs, add_model_ner."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

from pipeline import train as tr

REPO = Path(__file__).resolve().parents[1]
CONFIGS = REPO / "configs"

# A tiny corpus in nlp-id's format: word<TAB>tag, blank line between sentences; one line with a
# second tag and one lower-case tag, as in the real file.
FAKE_POSTAG = (
    "Wali\tNNP\nKota\tNNP\nMedan\tNNP\nmeninjau\tVB\npasar\tNN\n.\tSYM\n\n"
    "Kerja\tNN\nsama\tJJ\nitu\tDT\ndi\tIN\nmulai\tvb\ntahun\tNN\nlalu\tJJ\n.\tSYM\n\n"
    "ada\tVB\nnya\tPR\tNN\nkantor\tNN\n(\tSYM\nbaru\tJJ\n)\tSYM\n\n"
    "Wali\tNNP\nKota\tNNP\nMedan\tNNP\nmeninjau\tVB\npasar\tNN\n.\tSYM\n"
)

WORDS = {
    "NNP": ["Medan", "Kochi", "Surabaya", "Ichikawa", "Bandung", "Budi", "Siti"],
    "NN": ["kota", "kerja", "pasar", "warga", "program", "budaya"],
    "VB": ["meninjau", "membangun", "mengirim", "menandatangani"],
    "JJ": ["baru", "besar", "lama"],
    "IN": ["di", "ke", "dari"],
    "SYM": ["."],
}


def synthetic_postag(path: Path, n: int, seed: int = 0) -> Path:
    """n generated sentences (NNP VB NN IN NNP .) in the nlp-id format."""
    rnd = random.Random(seed)
    lines = []
    for _ in range(n):
        for tag in ("NNP", "VB", "NN", "JJ", "IN", "NNP", "SYM"):
            lines.append(f"{rnd.choice(WORDS[tag])}\t{tag}")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _docs(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(tr.blank_id().vocab))


# --------------------------------------------------------------------------- conversion


def test_read_postag_format(tmp_path: Path) -> None:
    src = tmp_path / "postag.txt"
    src.write_text(FAKE_POSTAG, encoding="utf-8")
    sents = list(tr.read_postag(src))
    assert len(sents) == 4
    assert sents[0] == [("Wali", "NNP"), ("Kota", "NNP"), ("Medan", "NNP"), ("meninjau", "VB"),
                        ("pasar", "NN"), (".", "SYM")]
    assert ("mulai", "VB") in sents[1]  # stray lower-case tag
    assert sents[2][1] == ("nya", "PR")  # first of two tags


def test_detokenize_glues_clitics_and_punctuation() -> None:
    words = ["ada", "nya", "kantor", "(", "baru", ")", "."]
    doc = spacy.tokens.Doc(tr.blank_id().vocab, words=words, spaces=tr.detokenize(words))
    assert doc.text == "adanya kantor (baru)."


def test_convert_postag_docbins(tmp_path: Path) -> None:
    src = tmp_path / "postag.txt"
    src.write_text(FAKE_POSTAG, encoding="utf-8")
    counts = tr.convert_postag(tmp_path / "corpus", source=src, seed=0, dev=0.0, test=0.0)
    assert counts["train_sentences"] == 3  # the duplicate is kept once
    assert counts["train_tokens"] == 6 + 8 + 6
    docs = _docs(tmp_path / "corpus" / "train.spacy")
    first = next(d for d in docs if d[0].text == "Wali")
    assert [t.tag_ for t in first] == ["NNP", "NNP", "NNP", "VB", "NN", "SYM"]
    assert first.text == "Wali Kota Medan meninjau pasar."
    stats = srsly.read_json(tmp_path / "corpus" / "stats.json")
    assert stats["train_sentences"] == 3


def test_splits_deterministic_and_disjoint(tmp_path: Path) -> None:
    src = synthetic_postag(tmp_path / "postag.txt", 400)
    texts = {}
    for run in ("a", "b"):
        tr.convert_postag(tmp_path / run, source=src, seed=3, dev=0.1, test=0.2)
        texts[run] = {s: [d.text for d in _docs(tmp_path / run / f"{s}.spacy")] for s in ("train", "dev", "test")}
    assert texts["a"] == texts["b"]
    sets = {s: set(v) for s, v in texts["a"].items()}
    assert not (sets["train"] & sets["dev"]) and not (sets["train"] & sets["test"]) and not (sets["dev"] & sets["test"])
    assert all(sets.values())
    other = tr.split_by_hash(sorted(sets["train"] | sets["dev"] | sets["test"]), seed=4, dev=0.1, test=0.2)
    assert other != tr.split_by_hash(sorted(sets["train"] | sets["dev"] | sets["test"]), seed=3, dev=0.1, test=0.2)


def test_split_by_hash_keeps_equal_keys_together() -> None:
    keys = [f"kalimat {i % 50}" for i in range(200)]
    where = tr.split_by_hash(keys, seed=0, dev=0.2, test=0.2)
    by_key: dict[str, set[str]] = {}
    for k, w in zip(keys, where):
        by_key.setdefault(k, set()).add(w)
    assert all(len(v) == 1 for v in by_key.values())


# --------------------------------------------------------------------------- silver labels and gold


@pytest.fixture(scope="module")
def lexicon() -> tr.PlaceLexicon:
    return tr.PlaceLexicon({"medan": "GPE", "jepang": "GPE", "asia tenggara": "LOC"})


def test_label_runs(lexicon: tr.PlaceLexicon) -> None:
    words = "Pemerintah Kota Medan dan Kementerian Luar Negeri bertemu , kata Budi Santoso di Kesawan".split()
    is_name = [w[:1].isupper() for w in words]
    silver = tr.label_runs(words, is_name, lexicon)
    got = {(" ".join(words[s:e]), lab) for s, e, lab in silver.ents}
    assert got == {("Medan", "GPE"), ("Kementerian Luar Negeri", "ORG"), ("Budi Santoso", "PERSON")}
    assert [" ".join(words[s:e]) for s, e in silver.missing] == ["Kesawan"]  # unknown: no loss either way


def test_label_runs_language_and_months(lexicon: tr.PlaceLexicon) -> None:
    words = "pelatihan bahasa Jepang pada bulan November di Pulau Samosir".split()
    silver = tr.label_runs(words, [w[:1].isupper() for w in words], lexicon)
    assert [(" ".join(words[s:e]), lab) for s, e, lab in silver.ents] == [("Pulau Samosir", "LOC")]
    assert silver.missing == []


def test_hold_out_marks_sentences(lexicon: tr.PlaceLexicon) -> None:
    held = tr.PlaceLexicon(lexicon.names, frozenset({"medan"}))
    words = ["Delegasi", "dari", "Medan", "tiba", "."]
    assert tr.label_runs(words, [w[:1].isupper() for w in words], held).held_out
    words = ["Delegasi", "dari", "Jepang", "tiba", "."]
    assert not tr.label_runs(words, [w[:1].isupper() for w in words], held).held_out


def test_gold_file_is_valid() -> None:
    docs = tr.read_gold(tr.DEFAULT_GOLD)
    assert len(docs) >= 80
    labels = {e.label_ for d in docs for e in d.ents}
    assert labels == set(tr.NER_LABELS)
    texts = [d.text for d in docs]
    assert len(set(texts)) == len(texts)


def test_read_gold_rejects_misaligned_span(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "Kota Medan ramai.", "spans": [{"start": 5, "end": 8, "label": "GPE"}]}) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="token boundaries"):
        tr.read_gold(path, None)


def test_score_spans_buckets() -> None:
    gold = tr.blank_id().make_doc("Medan dan Kesawan.")
    gold.set_ents([spacy.tokens.Span(gold, 0, 1, "GPE"), spacy.tokens.Span(gold, 2, 3, "LOC")])
    pred = [spacy.tokens.Span(gold, 0, 1, "GPE"), spacy.tokens.Span(gold, 2, 3, "GPE")]
    s = tr.score_spans([gold], [pred], seen={"medan"}, lexicon={"medan"})
    assert s["GPE"]["p"] == 0.5 and s["PLACE"]["f"] == 1.0
    assert s["PLACE_seen"]["r"] == 1.0 and s["PLACE_unseen_not_in_lexicon"]["gold"] == 1


# --------------------------------------------------------------------------- tiny training runs


GOLD_LINES = [
    ("Kota {a} menjalin kerja sama dengan {b}.", "GPE", "GPE"),
    ("Delegasi {a} berkunjung ke {b} pada bulan Mei.", "GPE", "GPE"),
]
PLACES = ["Medan", "Kochi", "Bandung", "Ichikawa", "Surabaya", "Kesawan", "Binjai", "Sibolga"]


def tiny_gold(path: Path, n: int = 40) -> Path:
    rnd = random.Random(1)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            tmpl, la, lb = GOLD_LINES[i % 2]
            a, b = rnd.sample(PLACES, 2)
            text = tmpl.format(a=a, b=b) + f" ({i})"
            sa, sb = text.index(a), text.index(b)
            spans = [{"start": sa, "end": sa + len(a), "label": la}, {"start": sb, "end": sb + len(b), "label": lb}]
            fh.write(json.dumps({"text": text, "spans": spans}) + "\n")
    return path


def test_tiny_tagger_training(tmp_path: Path) -> None:
    src = synthetic_postag(tmp_path / "postag.txt", 300)
    tr.convert_postag(tmp_path / "corpus", source=src, seed=0)
    perf = tr.train_tagger(tmp_path / "corpus", tmp_path / "tagger", config=CONFIGS / "tagger.cfg", max_steps=20)
    assert 0.0 <= perf["tag_acc"] <= 1.0
    meta = json.loads((tmp_path / "tagger" / "meta.json").read_text())
    assert {"tag_acc", "split"} <= set(meta["performance"]) and "train_seconds" in perf
    # nothing machine- or time-dependent in what DVC hashes
    assert "train_seconds" not in meta["performance"]
    stats = json.loads((tmp_path / "corpus" / "stats.json").read_text())
    assert stats["source"] == "postag.txt" and str(tmp_path) not in json.dumps(stats)
    assert not list(tmp_path.glob(".tagger*"))  # the temporary folder of the atomic save is gone
    doc = tr.blank_id().make_doc("Kota Medan membangun pasar baru.")
    nlp = spacy.load(tmp_path / "tagger")
    assert nlp.pipe_names == ["tagger"]
    assert all(t.tag_ for t in nlp(doc.text))


@pytest.fixture(scope="module")
def tiny_ner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("ner")
    src = synthetic_postag(tmp / "postag.txt", 300)
    gold = tiny_gold(tmp / "gold.jsonl")
    counts = tr.build_ner_corpus(tmp / "corpus", postag=src, gold=gold, seed=0, holdout=0.3, gold_train=0.5)
    assert counts["train_docs"] > 0 and counts["gold_test_docs"] > 0
    names = srsly.read_json(tmp / "corpus" / "names.json")
    assert set(names) >= {"held_out", "train", "lexicon"}
    tr.train_ner(tmp / "corpus", tmp / "model", config=CONFIGS / "ner.cfg", max_steps=20)
    return tmp / "model"


def test_tiny_ner_training_writes_meta(tiny_ner: Path) -> None:
    meta = json.loads((tiny_ner / "meta.json").read_text())
    perf = meta["performance"]
    assert {"ents_p", "ents_r", "ents_f", "ents_per_type", "places_by_name", "lexicon_baseline_places"} <= set(perf)
    assert {"seen", "unseen"} <= set(perf["places_by_name"])
    assert meta["pipeline"] == ["ner"]


def test_add_model_ner(tiny_ner: Path) -> None:
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    tr.add_model_ner(nlp, tiny_ner)
    assert nlp.pipe_names == ["sentencizer", "ner"]
    doc = nlp("Kota Medan menjalin kerja sama dengan Ichikawa.")
    assert all(e.label_ in tr.NER_LABELS for e in doc.ents)
    with pytest.raises(ValueError):
        tr.add_model_ner(nlp, tiny_ner)  # the name is taken


# --------------------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def postag_file() -> Path:
    path = tr.find_postag_file()
    if path is None:
        pytest.skip("nlp-id's dataset_postag.txt not installed (pip install --no-deps nlp-id==0.1.23.0)")
    return path


def test_real_postag_corpus_format(postag_file: Path) -> None:
    sents = []
    for sent in tr.read_postag(postag_file):
        sents.append(sent)
        if len(sents) == 500:
            break
    tags = {t for s in sents for _, t in s}
    assert {"NN", "NNP", "VB", "SYM"} <= tags
    assert all(t.isupper() for t in tags)


def test_real_postag_conversion_sample(postag_file: Path, tmp_path: Path) -> None:
    counts = tr.convert_postag(tmp_path, seed=0, limit=300)
    assert counts["train_sentences"] + counts["dev_sentences"] + counts["test_sentences"] == 300
    assert counts["test_sentences"] == 30


@pytest.mark.parametrize("mode", ["model", "combined"])
def test_build_nlp_with_model_places(tiny_ner: Path, gazetteer_dir: Path, mode: str) -> None:
    from pipeline.components.common import PLACES_KEY
    from pipeline.nlp import build_nlp

    nlp = build_nlp(gazetteer_dir, places=mode, ner_model=tiny_ner)
    assert "ner" in nlp.pipe_names and "kotakembar_model_places" in nlp.pipe_names
    doc = nlp("Kota Surabaya menjalin kerja sama sister city dengan Kota Kochi di Jepang.")
    for span in doc.spans[PLACES_KEY]:
        assert span._.kk["method"].startswith(("gazetteer", "model", "unknown"))
    if mode == "combined":  # the rule places are all still there
        assert {"Surabaya", "Kochi"} <= {s._.kk["name"] for s in doc.spans[PLACES_KEY]}


def test_build_nlp_refuses_a_missing_model(gazetteer_dir: Path, tmp_path: Path) -> None:
    from pipeline.nlp import build_nlp

    with pytest.raises(FileNotFoundError, match="no trained NER"):
        build_nlp(gazetteer_dir, places="combined", ner_model=tmp_path / "nope")
