"""Annotate stage: run the spaCy pipeline over ingested documents and write mentions + agreements.

Re-runs only touch what changed: each output ``<doc_id>.json`` carries a ``fingerprint`` (see
``pipeline.cache``) of the ingested document (ingest's own fingerprint from ``index.json``, which
stands for its bytes; the bytes themselves when the index has none), the code of this stage,
the gazetteer artifact and the parameters; a document whose output already has the same fingerprint is
skipped (and the spaCy pipeline is not even built when nothing is left to do). Documents are
processed by a pool of worker processes (``jobs``), each building the pipeline once; every
output depends on its document only, so results are byte-identical whatever ``jobs`` is.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.cache import (
    EntryStore,
    code_digest,
    dir_digest,
    doc_fingerprint,
    ingest_fingerprints,
    run_key,
    stage_sources,
    stored_fingerprint_matches,
    tree_digest,
    with_fingerprint,
    worker_count,
)
from pipeline.io import atomic_write_bytes, dumps_record, read_json, write_json
from pipeline.partnerships import find_agreements
from pipeline.types import IngestedDoc, Mention

if TYPE_CHECKING:  # spaCy is imported only when a document has to be annotated
    from spacy.language import Language
    from spacy.tokens import Doc, Span

Progress = Callable[[Iterable[Any]], Iterable[Any]]

# Below this much ingested JSON to annotate, a process pool costs more than it saves
# (every worker builds the pipeline: ~2-3 s CPU, mostly spaCy's Indonesian tokenizer exceptions).
POOL_MIN_BYTES = 400_000
POOL_MIN_DOCS = 4
# pipeline.gazetteer.ARTIFACT (not imported: that module pulls in srsly); its content hash is
# part of every fingerprint (meta.json only describes it)
GAZETTEER_ARTIFACT = "gazetteer.msgpack"
# the code of the stage: the modules annotate imports (the components, the rules they read, and the code
# that loads the trained NER) — part of every document's fingerprint
ANNOTATE_SOURCES = stage_sources("pipeline.annotate")


def _span_mention(idoc: IngestedDoc, span: Span, mtype: str) -> Mention:
    """Convert a component's span into a Mention with its evidence."""
    kk: dict[str, Any] = dict(span._.kk or {})
    method = str(kk.pop("method", "") or f"rule:{span.label_.lower()}")
    confidence = float(kk.pop("confidence", 1.0) or 1.0)
    if mtype in ("CITY", "REGION", "COUNTRY", "ORG"):
        value = str(kk.get("name") or span.text)
    elif mtype in ("DATE", "DURATION"):
        value = str(kk.get("value") or "")
    else:
        value = span.id_ or span.text.lower()
    return Mention(
        doc_id=idoc.doc_id, type=mtype, text=span.text, start=span.start_char, end=span.end_char,
        value=value, method=method, confidence=confidence, attrs=kk,
    )


def _filter_longest(spans: Iterable[Span]) -> list[Span]:
    """Drop keyword spans inside a longer one ('sosial budaya' wins over 'sosial')."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end and span.label_ == kept[-1].label_:
            continue
        kept.append(span)
    return kept


class _SentenceBounds:
    """Sentence character ranges of a doc from token arrays (what ``char_span(...).sent`` gives, without Spans)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, LENGTH, SENT_START

        n = len(doc)
        idx, length, sent = doc.to_array([IDX, LENGTH, SENT_START]).view("int64").T.tolist() if n else ([], [], [])
        self.n = n
        self.tok_start = idx
        self.tok_end = [a + b for a, b in zip(idx, length)]
        # Doc.sents: a sentence opens at token 0 and at every token with SENT_START == 1
        self.opens = [0] + [i for i in range(1, n) if sent[i] == 1]

    def sentences(self) -> list[tuple[int, int]]:
        """(start_char, end_char) of every sentence, as ``doc.sents`` gives them."""
        ends = self.opens[1:] + [self.n]
        return [(self.tok_start[a], self.tok_end[b - 1]) for a, b in zip(self.opens, ends) if b > a]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The range of the sentence holding character `start` (``Span.sent``: the first one, when [start, end) crosses)."""
        if not self.n:
            return start, end
        first = max(0, bisect.bisect_right(self.tok_start, start) - 1)
        j = bisect.bisect_right(self.opens, first)
        s_open = self.opens[j - 1]
        s_end = self.opens[j] if j < len(self.opens) else self.n
        return self.tok_start[s_open], self.tok_end[s_end - 1]


def doc_mentions(idoc: IngestedDoc, doc: Doc, bounds: _SentenceBounds | None = None) -> list[Mention]:
    """Every mention the components found, with page, section and sentence attached."""
    from pipeline.components.common import DATES_KEY, KEYWORDS_KEY, PLACES_KEY

    mentions: list[Mention] = []
    for span in doc.spans.get(PLACES_KEY, []):
        mentions.append(_span_mention(idoc, span, span.label_))
    for span in doc.spans.get(DATES_KEY, []):
        mentions.append(_span_mention(idoc, span, span.label_))
    for span in _filter_longest(doc.spans.get(KEYWORDS_KEY, [])):
        m = _span_mention(idoc, span, span.label_)
        m.method = f"keywords:{span.label_.lower()}"
        mentions.append(m)
    bounds = bounds or _SentenceBounds(doc)
    for m in mentions:
        m.attrs["sentence_start"], m.attrs["sentence_end"] = bounds.around(m.start, m.end)
        m.attrs["page"] = idoc.page_at(m.start)
        section = idoc.section_at(m.start)
        m.attrs["section"] = section.kind if section else "body"
        m.attrs["language"] = section.language if section else ""
        m.attrs["duplicate"] = bool(section and section.duplicate_of is not None)
    mentions.sort(key=lambda m: (m.start, m.end, m.type))
    return mentions


def mark_ocr(idoc: IngestedDoc, mentions: list[Mention], agreements: list[dict[str, Any]]) -> None:
    """What stands on a page read by OCR says so: method '+ocr', confidence times the page's OCR confidence.

    A page where OCR read only an image counts whole: its text layer and the image's text are one page.
    """
    conf: dict[int, float] = {}
    for r in idoc.ocr:
        conf[int(r["page"])] = min(conf.get(int(r["page"]), 1.0), float(r["confidence"]))
    for m in mentions:
        c = conf.get(m.attrs.get("page") or 0)
        if c is not None:
            m.method += "+ocr"
            m.confidence = round(m.confidence * c, 3)
    for a in agreements:
        c = conf.get(idoc.page_at(a["start"]) or 0)
        if c is not None:
            a["ocr"] = True
            a["confidence"] = round(a["confidence"] * c, 3)


def annotate_doc(nlp: Language, idoc: IngestedDoc) -> dict[str, Any]:
    """Annotate one document: mentions and the agreements they support."""
    from pipeline.components.common import TEXT_KEY

    # A 400-page thesis passes spaCy's 1M-character guard; the components here are linear in length.
    nlp.max_length = max(nlp.max_length, len(idoc.text) + 1)
    doc = nlp.make_doc(idoc.text)
    doc.user_data[TEXT_KEY] = idoc.text
    doc.user_data["kk_sections"] = [(s.kind, s.start, s.end, s.language) for s in idoc.sections]
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    bounds = _SentenceBounds(doc)
    mentions = doc_mentions(idoc, doc, bounds)
    agreements = find_agreements(idoc, mentions, bounds.sentences())
    if idoc.ocr:
        mark_ocr(idoc, mentions, agreements)
    return {
        "doc_id": idoc.doc_id,
        "mentions": [m.to_dict() for m in mentions],
        "agreements": agreements,
    }


# ---------------------------------------------------------------------- the pipeline, built once


def build_annotate_nlp(gazetteer_dir: Path, places: str = "rules", ner_model: Path | None = None,
                       texts: Iterable[str] | None = None) -> Language:
    """`pipeline.nlp.build_nlp` with the gazetteer loaded up front (the prebuilt artifact, never rebuilt).

    `texts`: the texts of every document this pipeline will annotate (the tokenizer then loads
    only the exceptions they can use: the same tokens, a fraction of the start-up).

    spaCy's tokenizer cache is left as it is, on purpose (measured by ``benchmarks/bench.py`` and
    ``tests/test_cache.py``): the keyword span_ruler's phrase patterns put only a few hundred
    chunks into it (of ``max_cache_size`` 10,000; the places component tokenizes nothing), which
    costs no measurable speed. And ``Tokenizer._flush_cache()`` (also run by
    ``add_special_case``) deletes from a PreshMap whose fill count never goes down: once a
    used tokenizer is flushed, ``len(cache) < max_cache_size`` stays false and nothing is cached
    again (3x slower tokenization after a full cache).
    """
    from pipeline.nlp import build_nlp

    nlp = (build_nlp(Path(gazetteer_dir), texts=texts) if places == "rules"
           else build_nlp(Path(gazetteer_dir), places=places, ner_model=ner_model, texts=texts))
    if "kotakembar_places" in nlp.pipe_names:
        places = nlp.get_pipe("kotakembar_places")
        if getattr(places, "gazetteer", None) is None:  # loaded up front, not inside the first document
            places.initialize(gazetteer_dir=str(gazetteer_dir))
    return nlp


def annotate_fingerprint_key(gazetteer_dir: Path, *, min_confidence: float, places: str = "rules",
                             ner_model: Path | None = None) -> str:
    """The stage-wide part of every document's fingerprint."""
    from importlib.metadata import version  # not `import spacy`: a cached run never loads spaCy

    parts: dict[str, Any] = dict(
        stage="annotate",
        version=__version__,
        spacy=version("spacy"),
        code=code_digest(ANNOTATE_SOURCES),
        gazetteer=dir_digest(Path(gazetteer_dir), [GAZETTEER_ARTIFACT]),
        min_confidence=repr(float(min_confidence)),
    )
    if places != "rules":  # the trained NER: its mode and its files (the code that loads it is in ANNOTATE_SOURCES)
        parts.update(places=places,
                     ner_model=tree_digest(Path(ner_model)) if ner_model is not None and Path(ner_model).is_dir() else "")
    return run_key(**parts)


def _annotate_one(nlp: Language, docs_dir: Path, out_dir: Path, doc_id: str, fingerprint: str,
                  min_confidence: float, cache: EntryStore | None = None) -> str:
    """Annotate one ingested document and write its output with the fingerprint (and its `cache` entry);
    returns the message of an entry the store could not keep, "" when none."""
    idoc = IngestedDoc.from_dict(read_json(docs_dir / f"{doc_id}.json"))
    result = annotate_doc(nlp, idoc)
    result["mentions"] = [m for m in result["mentions"] if m["confidence"] >= min_confidence]
    data = dumps_record(with_fingerprint(result, fingerprint)).encode("utf-8")  # what write_json(record=True) writes
    atomic_write_bytes(out_dir / f"{doc_id}.json", data)
    return cache.keep(cache.key("annotate", fingerprint), {f"{doc_id}.json": data}) if cache is not None else ""


def _restore(cache: EntryStore, fingerprints: dict[str, str], out_dir: Path, notes: list[str] | None) -> set[str]:
    """The documents of `fingerprints` whose entry the store holds whole, their outputs written into `out_dir`;
    a damaged entry is a message in `notes`, and its document is annotated again."""
    keys = {cache.key("annotate", fp): doc_id for doc_id, fp in fingerprints.items()}
    found: set[str] = set()
    for key, files, problem in cache.fetch(keys):
        doc_id = keys[key]
        name = f"{doc_id}.json"
        if files is not None:
            if list(files) == [name]:
                atomic_write_bytes(out_dir / name, files[name])
                found.add(doc_id)
                continue
            problem = "damaged entry (not the entry of this document)"
        if problem and notes is not None:
            notes.append(f"cache: {cache.where(key)}: {problem}, ignored: {doc_id} is annotated again")
    return found


# worker-process state: the pipeline each worker builds once (pool initializer)
_WORKER: dict[str, Any] = {}


def doc_texts(docs_dir: Path, doc_ids: Iterable[str]) -> Iterable[str]:
    """The normalized texts of ingested documents (the ``.txt`` ingest writes beside each ``.json``)."""
    for doc_id in doc_ids:
        txt = docs_dir / f"{doc_id}.txt"
        yield txt.read_text(encoding="utf-8") if txt.exists() else str(read_json(docs_dir / f"{doc_id}.json")["text"])


def _worker_init(gazetteer_dir: str, docs_dir: str, out_dir: str, min_confidence: float, places: str,
                 ner_model: str | None, doc_ids: list[str], cache: EntryStore | None = None) -> None:
    nlp = build_annotate_nlp(Path(gazetteer_dir), places, Path(ner_model) if ner_model else None,
                             texts=doc_texts(Path(docs_dir), doc_ids))
    _WORKER.update(nlp=nlp, docs_dir=Path(docs_dir),
                   out_dir=Path(out_dir), min_confidence=min_confidence, cache=cache)


def _worker_run(doc_id: str, fingerprint: str) -> str:
    w = _WORKER
    return _annotate_one(w["nlp"], w["docs_dir"], w["out_dir"], doc_id, fingerprint, w["min_confidence"], w["cache"])


# ---------------------------------------------------------------------- tasks on a cluster (pipeline.cluster)

# the start of the message of a document whose task failed on a cluster (tables put it in documents.csv)
CLUSTER_FAILED = "failed on the cluster"


@dataclass(frozen=True)
class ClusterJob:
    """What a cluster worker needs to annotate any document of one run (sent with every task: a few paths)."""

    gazetteer_dir: str
    docs_dir: str
    out_dir: str
    min_confidence: float
    places: str
    ner_model: str | None
    key: str  # the run key: code, gazetteer content, parameters
    cache: EntryStore | None = None  # `--cache-url`: sent as its URL, opened once per worker


# A long-lived cluster worker keeps the pipeline of the last run key it served: built on its first task,
# reused by every later one (and rebuilt when the gazetteer, the code or the parameters change).
_CACHED: dict[str, Any] = {}
# spaCy pipelines are not made for threads: a worker with --nthreads > 1 annotates one document at a time
_CACHED_LOCK = threading.Lock()
_BUILT = [0]


def pipelines_built() -> int:
    """How many pipelines this process built for cluster tasks (once per worker and run key)."""
    return _BUILT[0]


def _cluster_run(job: ClusterJob, doc_id: str, fingerprint: str) -> str:
    """A cluster task: annotate one document with this worker's cached pipeline."""
    with _CACHED_LOCK:
        nlp = _CACHED.get(job.key)
        if nlp is None:
            _CACHED.clear()
            nlp = _CACHED[job.key] = build_annotate_nlp(Path(job.gazetteer_dir), job.places,
                                                         Path(job.ner_model) if job.ner_model else None)
            _BUILT[0] += 1
        return _annotate_one(nlp, Path(job.docs_dir), Path(job.out_dir), doc_id, fingerprint, job.min_confidence,
                             job.cache)


def _annotate_on(executor: Executor, job: ClusterJob, ids: list[str], fingerprints: dict[str, str], wrap: Progress,
                 failed: dict[str, str] | None, notes: list[str] | None) -> None:
    """Annotate the documents of `fingerprints` on a cluster; one whose task fails gets an output that says so."""
    futures = {doc_id: executor.submit(_cluster_run, job, doc_id, fingerprints[doc_id]) for doc_id in ids
               if doc_id in fingerprints}
    try:
        for doc_id in wrap(ids):
            if doc_id not in futures:
                continue
            try:
                note = futures[doc_id].result()
                if note and notes is not None:
                    notes.append(note)
            except Exception as exc:  # noqa: BLE001 - one document's lost task must not stop a cluster's batch
                message = f"{CLUSTER_FAILED}: {exc}"[:300]
                # no fingerprint: annotated again on the next run
                write_json(Path(job.out_dir) / f"{doc_id}.json",
                           {"doc_id": doc_id, "mentions": [], "agreements": [], "failed": message}, record=True)
                if failed is not None:
                    failed[doc_id] = message
    except BaseException:
        for future in futures.values():
            future.cancel()
        raise


# ---------------------------------------------------------------------- the stage


def annotate(
    docs_dir: Path,
    gazetteer_dir: Path,
    out_dir: Path,
    *,
    min_confidence: float = 0.0,
    progress: Progress | None = None,
    jobs: int | None = None,
    stats: dict[str, int] | None = None,
    places: str = "rules",
    ner_model: Path | None = None,
    executor: Executor | None = None,
    failed: dict[str, str] | None = None,
    cache: EntryStore | None = None,
    notes: list[str] | None = None,
) -> int:
    """Annotate every ingested document in `docs_dir` into `out_dir/<doc_id>.json`; returns the count.

    A document whose output already carries the same fingerprint is not annotated again.
    `jobs` worker processes (default ``default_jobs()``; 1 = in this process) share the
    documents to annotate; small batches stay in this process. `stats`, when given, receives
    ``{"documents", "annotated", "cached", "workers"}``. `places` and `ner_model` go to
    ``build_nlp`` (rules / model / combined place finding) and into the fingerprint. `executor` (a
    Dask cluster's, ``pipeline.cluster``) runs one task per document instead, each worker building
    the pipeline once; a document whose task fails there gets an output saying so (its documents.csv
    row), is named in `failed` (doc_id -> reason) and the batch goes on. `cache` (`pipeline.cache_store`,
    `--cache-url`): a document's entry there, under its fingerprint, is taken instead of annotating it
    (``stats["restored"]``, counted in "cached" too), and every document annotated is put there; a
    damaged entry is a message in `notes` and the document is annotated again.
    """
    docs_dir, gazetteer_dir, out_dir = Path(docs_dir), Path(gazetteer_dir), Path(out_dir)
    index = read_json(docs_dir / "index.json")
    ids = sorted({e["doc_id"] for e in index if e.get("status") != "failed" and (docs_dir / f"{e['doc_id']}.json").exists()})
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{i}.json" for i in ids}
    for stale in out_dir.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()

    key = annotate_fingerprint_key(gazetteer_dir, min_confidence=min_confidence, places=places, ner_model=ner_model)
    fingerprints: dict[str, str] = {}
    todo: list[str] = []
    todo_bytes = 0
    # ingest's fingerprint (index.json) stands for the ingested document's bytes: no need to read
    # every document to find the one that changed; documents without one are hashed
    ingested = ingest_fingerprints(index)
    for doc_id in ids:
        path = docs_dir / f"{doc_id}.json"
        source = ("ingest:" + ingested[doc_id]).encode() if doc_id in ingested else path.read_bytes()
        fp = doc_fingerprint(key, source)
        if not stored_fingerprint_matches(out_dir / f"{doc_id}.json", fp):
            fingerprints[doc_id] = fp
            todo.append(doc_id)
            todo_bytes += path.stat().st_size
    restored = _restore(cache, fingerprints, out_dir, notes) if cache is not None and todo else set()
    if restored:
        todo = [doc_id for doc_id in todo if doc_id not in restored]
        fingerprints = {doc_id: fingerprints[doc_id] for doc_id in todo}
        todo_bytes = sum((docs_dir / f"{doc_id}.json").stat().st_size for doc_id in todo)

    jobs, workers = worker_count(jobs, len(todo), todo_bytes, min_items=POOL_MIN_DOCS, min_bytes=POOL_MIN_BYTES,
                                 executor=executor)
    if stats is not None:
        stats.update(documents=len(ids), annotated=len(todo), cached=len(ids) - len(todo), restored=len(restored),
                     workers=workers if todo else 0)
    wrap = progress or iter
    if not todo:
        for _ in wrap(ids):
            pass
        return len(ids)

    if executor is not None:
        # absolute paths: a cluster's workers run in folders of their own
        job = ClusterJob(str(gazetteer_dir.resolve()), str(docs_dir.resolve()), str(out_dir.resolve()),
                         float(min_confidence), places, str(Path(ner_model).resolve()) if ner_model is not None else None,
                         key, cache)
        _annotate_on(executor, job, ids, fingerprints, wrap, failed, notes)
        return len(ids)

    if workers <= 1:
        nlp = build_annotate_nlp(gazetteer_dir, places, ner_model, texts=doc_texts(docs_dir, todo))
        for doc_id in wrap(ids):
            if doc_id in fingerprints:
                note = _annotate_one(nlp, docs_dir, out_dir, doc_id, fingerprints[doc_id], min_confidence, cache)
                if note and notes is not None:
                    notes.append(note)
        return len(ids)

    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                             initargs=(str(gazetteer_dir), str(docs_dir), str(out_dir), float(min_confidence), places,
                                       str(ner_model) if ner_model is not None else None, todo, cache)) as pool:
        try:
            futures = {doc_id: pool.submit(_worker_run, doc_id, fingerprints[doc_id]) for doc_id in todo}
            # the bar advances in document order as results come in (workers take them in that order)
            for doc_id in wrap(ids):
                if doc_id in futures and (note := futures[doc_id].result()) and notes is not None:
                    notes.append(note)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return len(ids)
