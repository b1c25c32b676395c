"""Training with spaCy's trainer, the models written atomically, and one call per model (CLI / DVC)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language

from pipeline.train.base import NER_LABELS
from pipeline.train.corpus import build_ner_corpus
from pipeline.train.postag import convert_postag
from pipeline.train.scores import evaluate_model, evaluate_ner


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
