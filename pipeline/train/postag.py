"""nlp-id's POS corpus (its data file only, never the package) into spaCy DocBins for the tagger."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc

from pipeline.cache import sha256_file
from pipeline.train.base import blank_id, unit, write_docbin

POSTAG_PACKAGE = "nlp_id"
POSTAG_FILE = "data/dataset_postag.txt"


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
    uniq = sorted(set(keys), key=lambda k: (unit(k, seed), k))
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
        counts[f"{split}_sentences"] = write_docbin((postag_doc(vocab, s) for s in chosen), out_dir / f"{split}.spacy")
        counts[f"{split}_tokens"] = sum(len(s) for s in chosen)
    # the corpus by name and content hash, not by its absolute path: the same on every machine
    src = Path(source)
    srsly.write_json(out_dir / "stats.json", {"source": src.name, "source_sha256": sha256_file(src), "seed": seed, **counts})
    return counts

