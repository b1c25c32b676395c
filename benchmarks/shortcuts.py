"""What each performance shortcut of the annotate pipeline buys, against spaCy's own way, on one corpus.

    python benchmarks/shortcuts.py [--docs 40] [--gazetteer models/gazetteer]

Each line times the pipeline with one shortcut replaced by the library's own way and checks that the
output is the same:

* the date matcher run only on the token windows that can hold a match (``components/windows.py``)
  vs spaCy's ``Matcher`` over the whole document;
* the tokenizer exceptions pruned to the ones the texts can use (``nlp.blank_indonesian``) vs
  ``spacy.blank("id")`` with all 16,000: start-up time;

The figures go in the comment beside each shortcut; the benchmark targets (``bench.py``) decide
which stay. (A one-pass sentence splitter measured x1.03 here and went: spaCy's ``sentencizer`` runs
after ``kotakembar_line_sentences``; so did a forked offsets check in the report stage, 0.03 s
forked against 0.00 s in-process on the sample.)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import typer

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: this folder imports as the `benchmarks` package of the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import make_corpus  # noqa: E402


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _spans(docs: list) -> list:
    from pipeline.components.common import DATES_KEY

    return [[(s.start, s.end, s.label_) for s in d.spans.get(DATES_KEY, [])] + [t.is_sent_start for t in d]
            for d in docs]


def measure(docs: int, gazetteer: Path) -> dict[str, float]:
    """Seconds with and without each shortcut (printed as it goes)."""
    import spacy

    from pipeline.nlp import blank_indonesian, build_nlp

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp) / "raw", docs)
        texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    out: dict[str, float] = {}
    nlp = build_nlp(gazetteer, texts=texts)
    base_docs = list(nlp.pipe(texts))
    out["pipeline"] = _best(lambda: list(nlp.pipe(texts)))
    print(f"{docs} documents, {words:,} words; annotate pipeline {out['pipeline']:.2f} s "
          f"({words / out['pipeline']:,.0f} words/s, one process)")

    dates = nlp.get_pipe("kotakembar_dates")
    dates.match_windows = False
    same = _spans(list(nlp.pipe(texts))) == _spans(base_docs)
    out["no_windows"] = _best(lambda: list(nlp.pipe(texts)))
    dates.match_windows = True
    print(f"  date matcher windows: {out['no_windows']:.2f} s without, {out['pipeline']:.2f} s with "
          f"(x{out['no_windows'] / out['pipeline']:.2f} on the pipeline; same spans: {same})")

    out["blank_all"] = _best(lambda: spacy.blank("id")("x"), repeat=2)
    out["blank_pruned"] = _best(lambda: blank_indonesian(texts)("x"), repeat=2)
    print(f"  tokenizer exceptions: spacy.blank('id') {out['blank_all']:.2f} s, pruned to the texts "
          f"{out['blank_pruned']:.2f} s (start-up of every process)")
    return out


def main(docs: int = typer.Option(40, help="Generated documents of ~1500 words"),
         gazetteer: Path = typer.Option(REPO / "models" / "gazetteer", help="A built gazetteer"),
         ) -> None:
    """Time each shortcut against spaCy's own way."""
    measure(docs, gazetteer)


if __name__ == "__main__":
    typer.run(main)
