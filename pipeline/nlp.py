"""Assemble the spaCy pipeline: blank Indonesian + sentence bounds + places, dates, keywords."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.common import KEYWORDS_KEY, register_extensions

KEYWORD_RULES = ("relationships.jsonl", "instruments.jsonl", "sectors.jsonl")


@Language.component("kotakembar_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: table rows, headings and list items stand alone."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


def keyword_patterns() -> list[dict]:
    """Sector, instrument and relationship phrases shipped with the package."""
    rules = resources.files("pipeline") / "rules"
    patterns: list[dict] = []
    for name in KEYWORD_RULES:
        with resources.as_file(rules / name) as path:
            patterns.extend(srsly.read_jsonl(path))
    return patterns


PLACES_MODES = ("rules", "model", "combined")


def build_nlp(gazetteer_dir: Path, *, places: str = "rules", ner_model: Path | None = None) -> Language:
    """The pipeline used by the annotate stage; `places` picks rules, the trained NER, or both."""
    import pipeline.components.dates  # noqa: F401  (registers the factory)
    import pipeline.components.places  # noqa: F401

    register_extensions()
    nlp = spacy.blank("id")
    nlp.add_pipe("kotakembar_line_sentences")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kotakembar_places", config={"gazetteer_dir": str(gazetteer_dir)})
    if places not in PLACES_MODES:
        raise ValueError(f"places must be one of {PLACES_MODES}, not {places!r}")
    if places != "rules":
        import pipeline.components.model_places  # noqa: F401
        from pipeline.train import add_model_ner

        if ner_model is None or not (ner_model / "meta.json").exists():
            raise FileNotFoundError(f"{ner_model}: no trained NER. Run `dvc repro train_ner` first.")
        add_model_ner(nlp, ner_model, after="kotakembar_places")
        nlp.add_pipe("kotakembar_model_places", after="ner", config={"mode": places})
    nlp.add_pipe("kotakembar_dates")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="kotakembar_keywords",
        config={"spans_key": KEYWORDS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(keyword_patterns())
    return nlp
