"""What the training modules share: labels, the gold file, stable hashing, name folding, DocBins."""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

NER_LABELS = ("GPE", "LOC", "PERSON", "ORG")
PLACE_LABELS = frozenset({"GPE", "LOC"})
DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "data" / "ner_gold.jsonl"


def unit(key: str, seed: int) -> float:
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


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    db = DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE", "SENT_START"], store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def read_docbin(path: Path, vocab: Any) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(vocab))

