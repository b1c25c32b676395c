"""The NER corpus: silver sentences (nlp-id, the sample texts), hand gold, entity dropout, splits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc

from pipeline.train.base import DEFAULT_GOLD, blank_id, fold, unit, write_docbin
from pipeline.train.lexicon import (
    Silver,
    ambiguous_names,
    common_words_from_postag,
    is_name_token,
    known_entities,
    label_runs,
    place_lexicon,
    silver_doc,
)
from pipeline.train.postag import detokenize, find_postag_file, read_postag

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
        if not silver.ents and unit("neg:" + key, seed) >= negatives:
            counts[f"{source}_dropped_empty"] += 1
            return
        if unit("dev:" + key, seed) < dev:
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
            is_name = [is_name_token(w) for w in words]
            silver = label_runs(words, is_name, lexicon, known)
            route(silver_doc(vocab, words, [bool(t.whitespace_) for t in sent_doc], silver), silver, "raw")

    gold_docs = read_gold(Path(gold), vocab) if Path(gold).is_file() else []
    gold_test: list[Doc] = []
    for doc in gold_docs:
        if unit("gold:" + doc.text, seed) < gold_train:
            train_docs.extend([doc] * gold_repeat)
            counts["gold_train"] += 1
        else:
            gold_test.append(doc)
            counts["gold_test"] += 1

    train_names = sorted({fold(e.text) for d in train_docs for e in d.ents})
    counts_out = {
        **dict(sorted(counts.items())),
        "train_docs": write_docbin(train_docs, out_dir / "train.spacy"),
        "dev_docs": write_docbin(dev_docs, out_dir / "dev.spacy"),
        "gold_test_docs": write_docbin(gold_test, out_dir / "gold_test.spacy"),
        "silver_unseen_docs": write_docbin(unseen_docs, out_dir / "silver_unseen.spacy"),
        "lexicon_names": len(lexicon.names),
        "held_out_names": len(lexicon.held_out),
        "train_entities": Counter(e.label_ for d in train_docs for e in d.ents),
    }
    srsly.write_json(out_dir / "names.json", {"held_out": sorted(lexicon.held_out), "train": train_names,
                                              "lexicon": dict(sorted(lexicon.names.items()))})
    srsly.write_json(out_dir / "stats.json", {"seed": seed, "holdout": holdout, **counts_out})
    return counts_out

