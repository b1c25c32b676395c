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
``pipeline.ner.add_model_ner`` puts the trained ``ner`` into the rule pipeline so entities land in
``doc.ents`` (annotate needs only that module, not this package).

The package: ``base`` (shared helpers), ``postag`` (the POS corpus), ``lexicon`` (the place lexicon
and silver labels), ``corpus`` (the NER corpus), ``scores`` (NER scores), ``fit`` (training and
the one call per model that the CLI and DVC run).
"""

from pipeline.ner import add_model_ner
from pipeline.train.base import DEFAULT_GOLD, NER_LABELS, PLACE_LABELS, blank_id, fold
from pipeline.train.corpus import build_ner_corpus, raw_sentences, read_gold
from pipeline.train.fit import add_model_tagger, run_ner, run_tagger, train_ner, train_tagger
from pipeline.train.lexicon import PlaceLexicon, Silver, label_runs, place_lexicon
from pipeline.train.postag import convert_postag, detokenize, find_postag_file, read_postag, split_by_hash
from pipeline.train.scores import evaluate_model, evaluate_ner, score_spans

__all__ = ["DEFAULT_GOLD", "NER_LABELS", "PLACE_LABELS", "PlaceLexicon", "Silver", "add_model_ner", "add_model_tagger",
           "blank_id", "build_ner_corpus", "convert_postag", "detokenize", "evaluate_model", "evaluate_ner",
           "find_postag_file", "fold", "label_runs", "place_lexicon", "raw_sentences", "read_gold", "read_postag",
           "run_ner", "run_tagger", "score_spans", "split_by_hash", "train_ner", "train_tagger"]
