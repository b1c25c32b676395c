"""The trained NER in the annotate pipeline: what annotate needs of the models (training is pipeline.train)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language


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
