"""The ingest stage: every input file into `<doc_id>.json/.txt` and `index.json`, cached per file, in worker processes."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.cache import EntryStore, sha256_file, stage_sources
from pipeline.ingest.limits import _MAX_BYTES, _MAX_CHARS, _MAX_PAGES, _MAX_SECONDS, _Limits
from pipeline.ingest.ocr import OcrOptions, engine_id
from pipeline.ingest.read import FORMATS, _ingest_path
from pipeline.io import atomic_write_bytes, dumps_record, read_json, write_json
from pipeline.types import IngestedDoc, doc_id_for


def iter_input_files(inputs: list[Path]) -> list[Path]:
    """Input files from files and folders (recursive), sorted, without sidecars, hidden and DVC/git files."""
    out: list[Path] = []
    seen: set[Path] = set()
    for inp in inputs:
        inp = Path(inp)
        if inp.is_dir():
            found = sorted((p for p in inp.rglob("*") if p.is_file() and not _skipped(p.relative_to(inp))),
                           key=lambda p: p.relative_to(inp).as_posix())
        elif inp.is_file() and not _skipped(Path(inp.name)):
            found = [inp]
        else:
            found = []
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def _skipped(rel: Path) -> bool:
    """Hidden files/folders, `*.meta.yaml` sidecars, `.dvc` and `.gitignore` files, Word lock files."""
    name = rel.name
    return (
        any(part.startswith(".") for part in rel.parts)
        or name.endswith((".meta.yaml", ".dvc"))
        or name in (".gitignore", "dvc.lock", "dvc.yaml")
        or name.startswith("~$")
    )


# Code and libraries whose changes change what ingest writes: part of every document's fingerprint.
# The code is what the package imports (pipeline.cache.stage_sources), so no list to keep in step.
INGEST_SOURCES = stage_sources("pipeline.ingest")
INGEST_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer.six", "python-docx", "lxml", "charset-normalizer", "PyYAML")
# OCR results per page (content-hashed) and the page images for the review pages, inside out_dir
OCR_DIR = "ocr"
# Below this much input to read, worker processes cost more than they save.
POOL_MIN_FILES = 4
POOL_MIN_BYTES = 1_000_000
# the start of the message of a file whose task failed on a cluster (e.g. every worker reading it died)
CLUSTER_FAILED = "failed on the cluster"


def ingest_run_key(limits: _Limits) -> str:
    """The stage-wide part of every document's fingerprint: version, code, libraries, limits."""
    from importlib.metadata import PackageNotFoundError, version

    from pipeline import __version__
    from pipeline.cache import code_digest, run_key

    libs: dict[str, str] = {}
    for name in INGEST_LIBRARIES:
        try:
            libs[name] = version(name)
        except PackageNotFoundError:
            libs[name] = ""
    return run_key(stage="ingest", version=__version__, code=code_digest(INGEST_SOURCES), libraries=libs,
                   limits=[limits.max_pages, limits.max_seconds, limits.max_chars, _MAX_BYTES])


def _file_fingerprint(key: str, label: str, sha: str, path: Path) -> str:
    """A document's fingerprint: the run key, its stored name, its bytes' hash and its sidecar's bytes."""
    from pipeline.cache import doc_fingerprint

    side = path.parent / f"{path.stem}.meta.yaml"
    try:
        side_bytes = side.read_bytes() if side.is_file() else b""
    except OSError:
        side_bytes = b"\0unreadable"
    return doc_fingerprint(key, "\0".join([label, sha, hashlib.sha256(side_bytes).hexdigest()]).encode())


def _final(entry: dict[str, Any]) -> bool:
    """Does an index entry stand for its file on every later run (not a time-out, an OCR cut short, a lost task)?"""
    if "OCR stopped at the time limit" in str(entry.get("message", "")):
        return False  # the pages read are cached: a new run goes further
    if entry.get("status") == "failed":
        # a time-out depends on the machine's load that day, a task lost on a cluster on its workers: try again
        return not str(entry.get("message", "")).startswith(("gave up after", CLUSTER_FAILED))
    return True


DUPLICATE_OF = "duplicate of "


def _reusable(entry: dict[str, Any] | None, fingerprint: str, out_dir: Path) -> bool:
    """Does the previous run's index entry still stand for this file (same fingerprint, outputs present)?"""
    if not entry or entry.get("fingerprint") != fingerprint or not _final(entry):
        return False
    if str(entry.get("message") or "").startswith(DUPLICATE_OF):
        return False  # a copy of a file this run may no longer have: read it again (this run finds it a copy again)
    if entry.get("status") == "failed":
        return True
    doc_id = entry.get("doc_id") or ""
    return (out_dir / f"{doc_id}.json").is_file() and (out_dir / f"{doc_id}.txt").is_file()


def _light(doc: IngestedDoc) -> IngestedDoc:
    """The record of a document without its text and structure (those are in the output folder)."""
    return IngestedDoc(doc_id=doc.doc_id, file=doc.file, sha256=doc.sha256, format=doc.format, meta=doc.meta,
                       status=doc.status, message=doc.message)


def _entry(doc: IngestedDoc, fingerprint: str, pages: int, chars: int) -> dict[str, Any]:
    entry = {"file": doc.file, "doc_id": doc.doc_id, "sha256": doc.sha256, "format": doc.format, "status": doc.status,
             "message": doc.message, "pages": pages, "chars": chars, "fingerprint": fingerprint}
    if doc.ocr:
        entry["ocr"] = sorted({r["key"] for r in doc.ocr})  # the OCR cache entries it uses
    return entry


def _read_one(path: str, label: str, limits: tuple[int | None, float | None, int | None], out_dir: str,
              fingerprint: str, ocr: OcrOptions | None = None,
              cache: EntryStore | None = None) -> tuple[IngestedDoc, dict[str, Any], str]:
    """Ingest one file and write its outputs (and its `cache` entry); returns its light record, index entry and
    the message of an entry the store could not keep, "" when none (runs in workers too)."""
    ocr = replace(ocr, label=label) if ocr is not None else None
    doc = _ingest_path(Path(path), label, max_bytes=_MAX_BYTES, meta_sidecar=True, limits=_Limits(*limits), ocr=ocr)
    files: dict[str, bytes] = {}
    out = Path(out_dir)
    if doc.status != "failed" and doc.doc_id:
        files = {f"{doc.doc_id}.json": dumps_record(doc.to_dict()).encode("utf-8"),
                 f"{doc.doc_id}.txt": doc.text.encode("utf-8")}
        for name, data in files.items():
            atomic_write_bytes(out / name, data)
    entry = _entry(doc, fingerprint, len(doc.page_starts), len(doc.text))
    note = ""
    if cache is not None and _final(entry):
        # the OCR pages it read go along: the review pages show their images
        for key in entry.get("ocr", []):
            for name in (f"{OCR_DIR}/{key}.json", f"{OCR_DIR}/{key}.png"):
                if (out / name).is_file():
                    files[name] = (out / name).read_bytes()
        files[CACHE_ENTRY] = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        note = cache.keep(cache.key("ingest", fingerprint), files)
    return _light(doc), entry, note


# a cache entry's index entry, beside the files it restores into the output folder
CACHE_ENTRY = "index-entry"
_CACHE_FILE = re.compile(rf"[0-9a-f]{{16}}\.(?:json|txt)|{OCR_DIR}/[0-9a-f]{{40}}\.(?:json|png)")


def _restore(cache: EntryStore, wanted: dict[int, tuple[str, str]], out_dir: Path,
             notes: list[str] | None) -> dict[int, dict[str, Any]]:
    """The index entries of the files of `wanted` (plan index -> label, fingerprint) whose entry the store holds
    whole, their files written into `out_dir`; a damaged entry is a message in `notes`, and its file is read again."""
    keys = {cache.key("ingest", fp): k for k, (_label, fp) in wanted.items()}
    found: dict[int, dict[str, Any]] = {}
    for key, files, problem in cache.fetch(keys):
        k = keys[key]
        label, fp = wanted[k]
        if files is not None:
            entry = json.loads(files.pop(CACHE_ENTRY, b"null"))
            names_ok = all(_CACHE_FILE.fullmatch(name) for name in files)
            if isinstance(entry, dict) and entry.get("fingerprint") == fp and entry.get("file") == label and names_ok:
                for name, data in sorted(files.items()):
                    atomic_write_bytes(out_dir / name, data)
                found[k] = entry
                continue
            problem = "damaged entry (not the entry of this file)"
        if problem and notes is not None:
            notes.append(f"cache: {cache.where(key)}: {problem}, ignored: {label} is read again")
    return found


def ingest(inputs: list[Path], out_dir: Path, *, progress: Callable[[Iterable], Iterable] | None = None,
           max_pages: int | None = None, max_seconds: float | None = None, max_chars: int | None = None,
           jobs: int | None = None, stats: dict[str, int] | None = None,
           executor: Executor | None = None, ocr_progress: bool = False,
           cache: EntryStore | None = None, notes: list[str] | None = None) -> list[IngestedDoc]:
    """Ingest every input file into out_dir as <doc_id>.json/.txt plus index.json; identical files once.

    Returns one record per input file, in order, without the text and structure (read those from
    out_dir). A file whose index entry from the previous run carries the same fingerprint (its
    bytes, stored name and sidecar, this stage's code, library versions and limits) is not read
    again. `jobs` worker processes (default min(2, CPUs); 1 = this process) read the others, or
    `executor` when given (a Dask cluster's, `pipeline.cluster`): there a file whose task fails (every
    worker that read it died: a memory limit) gets a failed record and the batch goes on.
    `cache` (`pipeline.cache_store`, `--cache-url`): a file's entry there, under its fingerprint, is taken
    instead of reading it (``stats["restored"]``, counted in "cached" too), and every file read is put
    there; a damaged entry is a message in `notes` and the file is read again.
    `stats`, when given, receives ``{"files", "read", "cached", "restored", "workers"}``. The per-document
    limits (see `ingest_file`) default to _MAX_PAGES, _MAX_SECONDS and _MAX_CHARS of `pipeline.ingest.limits`.
    Scanned PDF pages are read by OCR, cached per page under out_dir/ocr (`ocr_progress`: a line per page
    on stderr); a PDF's fingerprint holds the Tesseract version, so installing it reads the PDFs again.
    """
    limits = _Limits(_MAX_PAGES if max_pages is None else max_pages, _MAX_SECONDS if max_seconds is None else max_seconds,
                     _MAX_CHARS if max_chars is None else max_chars)
    limit_args = (limits.max_pages, limits.max_seconds, limits.max_chars)
    inputs = [Path(p) for p in inputs]
    out_dir = Path(out_dir)
    out_abs = out_dir.resolve()
    files = [p for p in iter_input_files(inputs) if out_abs not in p.resolve().parents]
    out_dir.mkdir(parents=True, exist_ok=True)
    root = _common_root(inputs, files)
    try:
        previous = {e.get("file"): e for e in read_json(out_dir / "index.json") if isinstance(e, dict)}
    except (OSError, ValueError, TypeError, AttributeError):
        previous = {}
    key = ingest_run_key(limits)
    pdf_key = ""

    # plan: every file's hash and fingerprint; reuse, duplicate of an earlier file, or read
    plan: list[tuple[Path, str, str, str]] = []  # path, label, sha, fingerprint
    first_of: dict[str, int] = {}
    todo: list[int] = []
    sizes: dict[int, int] = {}
    for k, path in enumerate(files):
        label = _relative(path, root)
        try:
            sha = sha256_file(path)
            size = path.stat().st_size
        except OSError:
            sha, size = "", 0
        if path.suffix.lower() == ".pdf" and not pdf_key:
            pdf_key = f"{key}\0{engine_id()}"
        fp = _file_fingerprint(pdf_key if path.suffix.lower() == ".pdf" else key, label, sha, path)
        plan.append((path, label, sha, fp))
        if sha and sha in first_of:
            continue
        if sha:
            first_of[sha] = k
        if not _reusable(previous.get(label), fp, out_dir):
            todo.append(k)
            sizes[k] = size
    restored = _restore(cache, {k: (plan[k][1], plan[k][3]) for k in todo}, out_dir, notes) if cache is not None and todo else {}
    todo = [k for k in todo if k not in restored]

    from pipeline.cache import worker_count

    jobs, workers = worker_count(jobs, len(todo), sum(sizes[k] for k in todo), min_items=POOL_MIN_FILES,
                                 min_bytes=POOL_MIN_BYTES, executor=executor)
    if stats is not None:
        stats.update(files=len(files), read=len(todo), cached=len(files) - len(todo), restored=len(restored),
                     workers=workers if todo else 0)
    # Tesseract processes per document: the workers share the jobs
    ocr = OcrOptions(cache_dir=str(out_dir / OCR_DIR), jobs=max(1, jobs // max(1, workers)), progress=ocr_progress)

    results: dict[int, Any] = {}
    pool = None  # the pool this call starts and stops; an executor passed in belongs to the caller
    if executor is None and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
    if pool is not None:
        results = {k: pool.submit(_read_one, str(plan[k][0]), plan[k][1], limit_args, str(out_dir), plan[k][3], ocr,
                                  cache) for k in todo}
    elif executor is not None:  # absolute paths: a cluster's workers run in folders of their own
        ocr_abs = replace(ocr, cache_dir=str(out_abs / OCR_DIR))
        results = {k: executor.submit(_read_one, str(plan[k][0].resolve()), plan[k][1], limit_args, str(out_abs),
                                      plan[k][3], ocr_abs, cache) for k in todo}
    todo_set = set(todo)
    docs: list[IngestedDoc] = []
    index: list[dict[str, Any]] = []
    written: set[str] = set()
    try:
        for k, _file in enumerate(progress(files) if progress else files):
            path, label, sha, fp = plan[k]
            first = first_of.get(sha) if sha else None
            if first is not None and first != k:
                orig = docs[first]
                suffix = path.suffix.lower()
                doc = IngestedDoc(doc_id=doc_id_for(sha), file=label, sha256=sha,
                                  format=FORMATS.get(suffix, suffix.lstrip(".")),
                                  status="failed" if orig.status == "failed" else "warning",
                                  message=f"{DUPLICATE_OF}{orig.file}" + (f": {orig.message}" if orig.status == "failed" else ""))
                entry = _entry(doc, fp, 0, 0)
            elif k in todo_set:
                if executor is not None:
                    doc, entry, note = _gathered(results[k], path, label, sha, fp)
                else:
                    doc, entry, note = (results[k].result() if pool is not None
                                        else _read_one(str(path), label, limit_args, str(out_dir), fp, ocr, cache))
                if note and notes is not None:
                    notes.append(note)
            else:
                entry = dict(restored[k] if k in restored else previous[label])
                doc = IngestedDoc(doc_id=entry["doc_id"], file=label, sha256=entry["sha256"], format=entry["format"],
                                  status=entry["status"], message=entry["message"])
            if doc.status != "failed" and doc.doc_id and (first is None or first == k):
                written.update({f"{doc.doc_id}.json", f"{doc.doc_id}.txt"})
            docs.append(doc)
            index.append(entry)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    for old in out_dir.iterdir():
        if re.fullmatch(r"[0-9a-f]{16}\.(?:json|txt)", old.name) and old.name not in written:
            old.unlink()
    _prune_ocr(out_dir / OCR_DIR, {k for e in index for k in e.get("ocr", [])})
    write_json(out_dir / "index.json", index)
    return docs


def _gathered(future: Any, path: Path, label: str, sha: str, fp: str) -> tuple[IngestedDoc, dict[str, Any], str]:
    """A cluster task's record, index entry and cache message; a failed record, and the batch goes on, when the
    task failed."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - one document's lost task must not stop a cluster's batch
        suffix = path.suffix.lower()
        doc = IngestedDoc(doc_id=doc_id_for(sha) if sha else "", file=label, sha256=sha,
                          format=FORMATS.get(suffix, suffix.lstrip(".")), status="failed",
                          message=f"{CLUSTER_FAILED}: {exc}"[:300])
        return doc, _entry(doc, fp, 0, 0), ""


def _prune_ocr(cache: Path, used: set[str]) -> None:
    """Remove the OCR results no document of the index uses any more."""
    if not cache.is_dir():
        return
    for f in cache.iterdir():
        if f.suffix in (".json", ".png") and f.stem not in used:
            f.unlink(missing_ok=True)


def _common_root(inputs: list[Path], files: list[Path]) -> Path:
    """The deepest folder holding every input (a folder input counts as its own root)."""
    dirs = [str(p.resolve()) for p in inputs if p.is_dir()] + [str(p.resolve().parent) for p in inputs if p.is_file()]
    if not dirs:
        dirs = [str(p.resolve().parent) for p in files]
    return Path(os.path.commonpath(dirs)) if dirs else Path(".")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
