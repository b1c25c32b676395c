"""Assemble the spaCy pipeline: blank Indonesian + sentence bounds + places, dates, keywords."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.common import KEYWORDS_KEY, register_extensions

# the tokenizer lives beside the components that also tokenize on their own (dates in table cells)
from pipeline.components.tokenizer import EXCEPTIONS, INFIXES, SUFFIXES, blank_indonesian, exceptions_for  # noqa: F401

KEYWORD_RULES = ("relationships.jsonl", "instruments.jsonl", "sectors.jsonl")


@Language.component("kotakembar_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: table rows, headings and list items stand alone."""
    # Token.whitespace_ is at most one space: a line break is always a token of its own
    strings = doc.vocab.strings
    newline: dict[int, bool] = {}
    for i, orth in enumerate(doc.to_array(ORTH).tolist()[:-1] if len(doc) > 1 else []):
        nl = newline.get(orth)
        if nl is None:
            nl = newline[orth] = "\n" in strings[orth]
        if nl:
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


def build_nlp(gazetteer_dir: Path, *, places: str = "rules", ner_model: Path | None = None,
              texts: Iterable[str] | None = None) -> Language:
    """The pipeline used by the annotate stage; `places` picks rules, the trained NER, or both.

    `texts`: the only texts this pipeline will process (faster start-up, see ``blank_indonesian``).
    """
    import pipeline.components.dates  # noqa: F401  (registers the factory)
    import pipeline.components.places  # noqa: F401

    register_extensions()
    patterns = keyword_patterns()
    # the phrase patterns are tokenized too: their strings join the texts the exceptions are kept for
    nlp = blank_indonesian(None if texts is None else
                           [*texts, *(p["pattern"] for p in patterns if isinstance(p.get("pattern"), str))])
    # sentences: a line break, then spaCy's own sentencizer (a one-pass splitter of both was 3 % faster on the
    # pipeline, benchmarks/shortcuts.py: not worth its code)
    nlp.add_pipe("kotakembar_line_sentences")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kotakembar_places", config={"gazetteer_dir": str(gazetteer_dir)})
    if places not in PLACES_MODES:
        raise ValueError(f"places must be one of {PLACES_MODES}, not {places!r}")
    if places != "rules":
        import pipeline.components.model_places  # noqa: F401
        from pipeline.ner import add_model_ner

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
    # the phrase patterns match on LOWER, which only needs the tokenizer: without this, spaCy runs
    # every earlier component on them (places would load its gazetteer and tag the patterns)
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
    return nlp
