"""Scores of the trained models: spaCy's own, and the NER's per label, for seen and unseen names, against the lexicon."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Corpus

from pipeline.train.base import PLACE_LABELS, fold, read_docbin
from pipeline.train.lexicon import PlaceLexicon, is_name_token, label_runs


def evaluate_model(model: Path | Language, data: Path) -> dict[str, Any]:
    """spaCy's scores (tag_acc, ents_p/r/f, ents_per_type, ...) of a pipeline on a DocBin."""
    nlp = spacy.load(model) if isinstance(model, (str, Path)) else model
    examples = list(Corpus(str(data))(nlp))
    scores = nlp.evaluate(examples)
    return {k: v for k, v in scores.items() if k != "speed" and v is not None}



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
    silver = label_runs(words, [is_name_token(w) for w in words], lexicon)
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
    gold = read_docbin(corpus_dir / "gold_test.spacy", nlp.vocab)
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
        docs = read_docbin(unseen_path, nlp.vocab)
        tp = n_gold = 0
        for d in docs:
            want = {(e.start_char, e.end_char) for e in d.ents if e.label_ in PLACE_LABELS and fold(e.text) in held}
            got = {(e.start_char, e.end_char) for e in nlp(d.text).ents if e.label_ in PLACE_LABELS}
            tp += len(want & got)
            n_gold += len(want)
        result["silver_unseen_place_recall"] = {"r": round(tp / n_gold, 4) if n_gold else 0.0,
                                                "tp": tp, "gold": n_gold, "sentences": len(docs)}
    return result
