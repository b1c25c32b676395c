"""Per-document caching: a document's output is reused when its fingerprint has not changed.

A fingerprint is the SHA-256 of everything that decides a stage's output for one document:

* the input bytes of that document (for annotate: the ingested ``<doc_id>.json``);
* the *run key*: the package version, the spaCy version, a hash of the source files the stage
  runs (``code_digest`` of ``stage_sources``: the modules it imports and the data files they
  read), the content hash of the data artifacts it reads (the gazetteer) and its parameters
  (``min_confidence``).

The fingerprint is stored inside the output file itself (top-level ``"fingerprint"`` key of the
canonical JSON that ``pipeline.io.write_json`` writes), so an output and the proof of how it was
made can never get out of step, a run interrupted half-way keeps what it finished, and a cached
output is byte-identical to the one a fresh run would write.

Only the standard library is imported here: checking a fully cached corpus must not pay for
importing spaCy.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from pipeline.io import atomic_write_text

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name

FINGERPRINT_KEY = "fingerprint"


def default_jobs() -> int:
    """min(2, CPU count): the default number of worker processes of the per-document stages."""
    return max(1, min(2, os.cpu_count() or 1))


def worker_count(jobs: int | None, items: int, size: int, *, min_items: int, min_bytes: int,
                 executor: Any = None) -> tuple[int, int]:
    """(jobs, workers) of a per-document stage: `jobs` (None: `default_jobs`), no more workers than `items`, one
    when the work is too small for a pool (below `min_items` or `min_bytes`), a cluster's own count when given."""
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    workers = min(jobs, items)
    if workers > 1 and (items < min_items or size < min_bytes):
        workers = 1
    if executor is not None:  # a cluster was asked for: it takes every item, however few
        workers = getattr(executor, "workers", workers)
    return jobs, workers


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def code_digest(patterns: Iterable[str], root: Path = PACKAGE_DIR) -> str:
    """Hash of the (relative path, bytes) of every file matching `patterns` under `root`, in path order."""
    files: set[Path] = set()
    for pattern in patterns:
        files.update(p for p in root.glob(pattern) if p.is_file())
    h = hashlib.sha256()
    for p in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        rel = p.relative_to(root).as_posix().encode()
        data = p.read_bytes()
        h.update(len(rel).to_bytes(4, "big") + rel + len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


# ---------------------------------------------------------------------- what a stage runs and reads


def _module_file(module: str, root: Path) -> Path | None:
    """The source of a package module ("pipeline.ingest.run" -> ingest/run.py, a package -> its __init__.py)."""
    parts = module.split(".")
    if parts[0] != root.name:
        return None
    base = root.joinpath(*parts[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def _module_name(path: Path, root: Path) -> str:
    """The dotted name of a package source file (a package's __init__.py is the package)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.AST) -> bool:
    """An ``if TYPE_CHECKING:`` block: its imports never run."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


# Parsing every module of the package with `ast` took 0.04-0.09 s in each stage process (0.25 s of a 6.8 s
# incremental `dvc repro`, and of every `extract`'s start-up); the scan of a file is kept in
# __pycache__/kotakembar_imports.json keyed by its size and mtime, as Python keeps its bytecode.
_SCANS_FILE = "kotakembar_imports.json"


def _load_scans(root: Path) -> dict[str, list]:
    """Stored scans of this package's files: {relative path: [size, mtime_ns, modules, parts]}."""
    try:
        return json.loads((root / "__pycache__" / _SCANS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _store_scans(root: Path, scans: dict[str, list]) -> None:
    """Keep the scans for the next process (best effort: a read-only install just parses again)."""
    try:
        (root / "__pycache__").mkdir(exist_ok=True)
        atomic_write_text(root / "__pycache__" / _SCANS_FILE, json.dumps(scans, sort_keys=True))
    except OSError:
        pass


def _scan_cached(path: Path, root: Path, scans: dict[str, list]) -> tuple[set[str], set[str]]:
    """`_scan` through the stored scans; a file whose size or mtime changed is parsed again."""
    st = path.stat()
    key = path.relative_to(root).as_posix()
    hit = scans.get(key)
    if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
        return set(hit[2]), set(hit[3])
    modules, parts = _scan(path, root)
    scans[key] = [st.st_size, st.st_mtime_ns, sorted(modules), sorted(parts)]
    return modules, parts


def _scan(path: Path, root: Path) -> tuple[set[str], set[str]]:
    """The package modules a source file imports (at any depth: lazy imports run too) and the path parts it names.

    Path parts are the strings joined onto a path (``base / "rules"``, ``.with_name("templates")``,
    ``.joinpath("x")``): how a module points at the data files it reads.
    """
    tree = ast.parse(path.read_bytes(), filename=str(path))
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    modules: set[str] = set()
    parts: set[str] = set()
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if _type_checking_only(node):
            todo.extend(getattr(node, "orelse", []))
            continue
        todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            modules.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            modules.add(module)
            modules.update(f"{module}.{a.name}" for a in node.names)  # `from pkg import submodule`
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant):
            parts.add(str(node.right.value))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("with_name", "joinpath")):
            parts.update(str(a.value) for a in node.args if isinstance(a, ast.Constant))
    return {m for m in modules if m == root.name or m.startswith(root.name + ".")}, parts


def _data_files(parts: set[str], folders: list[Path]) -> set[Path]:
    """The data files (not code, not documentation) of the folders one module names: the files it names, else all."""
    found: set[Path] = set()
    for folder in (d for d in folders if d.name in parts):
        files = [f for f in folder.rglob("*") if f.is_file() and f.suffix not in (".py", ".pyc", ".md")]
        named = [f for f in files if f.name in parts]
        found.update(named or files)
    return found


@functools.cache
def stage_sources(*entries: str, root: Path = PACKAGE_DIR) -> tuple[str, ...]:
    """Package-relative paths, sorted, of everything a stage's code is: its entry modules, every package module
    they import (transitively, relative and lazy imports included, with the packages' ``__init__.py``) and the
    data files those modules read (``rules/*.jsonl``, ``data/*``, templates).

    Derived from the sources themselves, so a stage's fingerprint and the test of its DVC deps
    (tests/test_dvc.py) never need a hand-kept list.
    """
    folders = [d for d in root.rglob("*") if d.is_dir() and "__pycache__" not in d.parts]
    found: set[Path] = set()
    todo = list(entries)
    scans = _load_scans(root)
    known = len(scans), sum(v[1] for v in scans.values())
    while todo:
        module = todo.pop()
        chain = module.split(".")
        for i in range(1, len(chain) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ first
            path = _module_file(".".join(chain[:i]), root)
            if path is None or path in found:
                continue
            found.add(path)
            imported, parts = _scan_cached(path, root, scans)
            todo.extend(imported)
            found |= _data_files(parts, folders)
    if (len(scans), sum(v[1] for v in scans.values())) != known:  # a file was parsed again
        _store_scans(root, scans)
    return tuple(sorted(p.relative_to(root).as_posix() for p in found))


def dir_digest(path: Path, names: Iterable[str] | None = None) -> str:
    """Hash of a data artifact: the named files of a folder (all regular files when None), or one file."""
    path = Path(path)
    if path.is_file():
        return sha256_file(path)
    chosen = sorted(names) if names is not None else sorted(
        p.name for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    h = hashlib.sha256()
    for name in chosen:
        f = path / name
        h.update(name.encode() + b"\0" + (sha256_file(f) if f.is_file() else "-").encode())
    return h.hexdigest()


def tree_digest(path: Path) -> str:
    """Hash of every file under a folder (relative path and content), e.g. a trained spaCy model."""
    root = Path(path)
    h = hashlib.sha256()
    for f in sorted((p for p in root.rglob("*") if p.is_file()), key=lambda p: p.relative_to(root).as_posix()):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + sha256_file(f).encode())
    return h.hexdigest()


def run_key(**parts: Any) -> str:
    """Hash of the stage-wide parts of a fingerprint (versions, code and data digests, params)."""
    return sha256_bytes(json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str).encode())


def doc_fingerprint(key: str, input_bytes: bytes) -> str:
    """The fingerprint of one document: the run key and the document's input bytes."""
    h = hashlib.sha256(key.encode())
    h.update(b"\0")
    h.update(input_bytes)
    return h.hexdigest()


def stored_fingerprint_matches(output: Path, fingerprint: str) -> bool:
    """True when `output` exists and was written (by pipeline.io.write_json) with this fingerprint.

    Both layouts of ``write_json`` put a top-level key at the start of a line (after one space of
    indent, or none in the record layout) and escape every quote and newline inside strings, so
    these byte sequences can only be the top-level key: no need to parse a large file to check it.
    """
    needles = (f'\n"{FINGERPRINT_KEY}":"{fingerprint}"'.encode(), f'\n "{FINGERPRINT_KEY}": "{fingerprint}"'.encode())
    try:
        with Path(output).open("rb") as f:
            # records put the fingerprint on their first line (pipeline.io.RECORD_FIRST), the indented
            # layout near the start: read the head, the whole file only when it is not there, and the last bytes
            data = f.read(1 << 16)
            if not any(n in data for n in needles):
                data += f.read()
                if not any(n in data for n in needles):
                    return False
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 2))
            return f.read() == b"}\n"
    except OSError:
        return False


def ingest_fingerprints(index: Iterable[Any]) -> dict[str, str]:
    """doc_id -> ingest's fingerprint, from the entries of ``index.json`` (it stands for the ingested files' bytes)."""
    return {str(e["doc_id"]): str(e["fingerprint"]) for e in index
            if isinstance(e, dict) and e.get("doc_id") and e.get("fingerprint") and e.get("status") != "failed"}


_STORED = re.compile(rb'\n ?"' + FINGERPRINT_KEY.encode() + rb'": ?"([0-9a-f]{64})"')


def read_fingerprint(output: Path) -> str | None:
    """The fingerprint an output was written with (see `stored_fingerprint_matches`), or None."""
    try:
        with Path(output).open("rb") as f:
            data = f.read(1 << 16)  # on the first line of a record (pipeline.io.RECORD_FIRST)
            found = _STORED.search(data) or _STORED.search(data + f.read())
    except OSError:
        return None
    return found.group(1).decode() if found else None


def with_fingerprint(result: Mapping[str, Any], fingerprint: str) -> dict[str, Any]:
    """A copy of `result` carrying its fingerprint."""
    out = dict(result)
    out[FINGERPRINT_KEY] = fingerprint
    return out


class EntryStore(Protocol):
    """What the per-document stages use of a `--cache-url` store (`pipeline.cache_store.CacheStore`).

    The stages are handed one and never import its module: the store keeps outputs, it does not
    make them, so its code is no part of any fingerprint.
    """

    def key(self, stage: str, fingerprint: str) -> str:
        """The key of one document's entry for one stage."""

    def where(self, key: str) -> str:
        """The URL of an entry (for messages)."""

    def fetch(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, bytes] | None, str]]:
        """(key, files or None, why an entry that is there cannot be used) for each key."""

    def keep(self, key: str, files: Mapping[str, bytes]) -> str:
        """Write an entry whole; "" when written, else the message."""
