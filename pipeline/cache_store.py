"""`--cache-url`: the per-document caches of ingest and annotate on storage every worker sees.

A store holds one *entry* per document and stage, under the document's fingerprint
(``pipeline.cache``): ``<url>/<stage>/<fp[:2]>/<fp>``. An entry is the files that document's
stage output is (the ingested ``<doc_id>.json``/``.txt`` and OCR pages, or the annotated
``<doc_id>.json``), so a run into any output folder, on any machine that sees the store, takes
them from there instead of computing them again.

The URL is a folder or anything fsspec opens (``file:///shared/kk-cache``, ``s3://bucket/kk-cache``
with the optional extra ``cache-url``). Atomicity, per backend:

* an entry is content-keyed, so it is written once, whole: on the local file system (a plain
  path, ``file://``) through a temporary file renamed over it (``pipeline.io``); elsewhere by one
  whole-object write (``fs.pipe_file``: one PUT on an object store, visible only when complete);
* every entry is sealed: a header with its length and a SHA-256 trailer. A reader takes an entry
  only when both match, so a half-written or truncated one (a backend without atomic writes, a
  disk that filled up) is reported and treated as missing: the document is computed again and
  its entry written anew.

The stages take a `CacheStore` as an argument, typed by the protocol ``pipeline.cache.EntryStore``,
and never import this module: the store keeps outputs, it does not make them, so it is no part of
any fingerprint (``pipeline.cache.stage_sources``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.io import atomic_write_bytes

INSTALL_HINT = "pip install -c constraints.txt -e '.[cache-url]'"
MAGIC = b"KKCACHE1"
_HEADER = len(MAGIC) + 8  # magic, then the payload's length (8 bytes, big-endian)
_DIGEST = 32  # SHA-256 of the payload, after it
# read this many entries per request batch (an object store answers them concurrently)
FETCH_BATCH = 64
# an entry the store's own check writes and reads back: whoever looks into the store sees what it is
MARKER = "kotakembar-cache"


class CacheStoreError(Exception):
    """A `--cache-url` that cannot be used, worded with the fix."""


class DamagedEntry(ValueError):
    """An entry that is not whole (truncated, half-written, altered): never taken as valid."""


# ---------------------------------------------------------------------- the bytes of an entry


def pack(files: Mapping[str, bytes]) -> bytes:
    """A sealed entry holding `files` (name -> bytes), in name order."""
    names = sorted(files)
    head = json.dumps({"files": [[n, len(files[n])] for n in names]}, ensure_ascii=True).encode() + b"\n"
    payload = head + b"".join(files[n] for n in names)
    return MAGIC + len(payload).to_bytes(8, "big") + payload + hashlib.sha256(payload).digest()


def unpack(blob: bytes) -> dict[str, bytes]:
    """The files of a sealed entry; DamagedEntry when it is not whole."""
    if len(blob) < _HEADER or not blob.startswith(MAGIC):
        raise DamagedEntry(f"not a whole cache entry ({len(blob):,} bytes, no {MAGIC.decode()} header)")
    size = int.from_bytes(blob[len(MAGIC):_HEADER], "big")
    want = _HEADER + size + _DIGEST
    if len(blob) != want:
        raise DamagedEntry(f"truncated: {len(blob):,} of {want:,} bytes" if len(blob) < want
                           else f"{len(blob) - want:,} bytes longer than its header says")
    payload = blob[_HEADER:_HEADER + size]
    if hashlib.sha256(payload).digest() != blob[_HEADER + size:]:
        raise DamagedEntry("its SHA-256 does not match its content")
    head, _, body = payload.partition(b"\n")
    files: dict[str, bytes] = {}
    at = 0
    for name, n in json.loads(head)["files"]:
        files[name] = body[at:at + n]
        at += n
    return files


# ---------------------------------------------------------------------- the store


class CacheStore:
    """Sealed entries by key under one fsspec URL (a plain path is the local file system)."""

    def __init__(self, url: str) -> None:
        import fsspec

        try:
            fs, root = fsspec.core.url_to_fs(url)
        except ImportError as e:
            raise CacheStoreError(f"--cache-url {url}: its storage backend is not installed ({e}). "
                                  f"For s3:// install the extra: {INSTALL_HINT}") from None
        except ValueError as e:  # an unknown protocol
            raise CacheStoreError(f"--cache-url {url}: {e}. Use a folder, file:///PATH or a URL fsspec knows "
                                  "(s3://BUCKET/PREFIX with the `cache-url` extra)") from None
        self.fs = fs
        self.local = "file" in _protocols(fs)
        self.root = root.rstrip("/")
        # workers open the store again from this URL: absolute, so every process means the same folder
        self.url = Path(root).resolve().as_uri() if self.local else url.rstrip("/")

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # pickled as its URL: a worker process opens (once) the same store
        return open_store, (self.url,)

    @staticmethod
    def key(stage: str, fingerprint: str) -> str:
        """The key of one document's entry for one stage."""
        return f"{stage}/{fingerprint[:2]}/{fingerprint}"

    def where(self, key: str) -> str:
        """The URL of an entry (for messages)."""
        return f"{self.url}/{key}"

    def _path(self, key: str) -> str:
        return f"{self.root}/{key}"

    def put(self, key: str, files: Mapping[str, bytes]) -> None:
        """Write an entry whole: temp file and rename on a local disk, one whole-object write elsewhere."""
        blob = pack(files)
        if self.local:
            atomic_write_bytes(Path(self._path(key)), blob)
        else:
            self.fs.pipe_file(self._path(key), blob)

    def keep(self, key: str, files: Mapping[str, bytes]) -> str:
        """`put`, for a worker: "" when written, else the message (the output stays; only the cache lacks it)."""
        try:
            self.put(key, files)
        except Exception as e:  # noqa: BLE001 - a store that failed must not fail the document it was keeping
            return f"cache: could not store {self.where(key)} ({type(e).__name__}: {e}); computed again next time"
        return ""

    def get(self, key: str) -> dict[str, bytes] | None:
        """An entry's files, or None when it is not there; DamagedEntry when it is there but not whole."""
        try:
            blob = self.fs.cat_file(self._path(key))
        except FileNotFoundError:
            return None
        return unpack(blob)

    def fetch(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, bytes] | None, str]]:
        """(key, files or None, problem) for each key, in order, read a batch at a time.

        `problem` says why an entry that is there cannot be used (damaged, unreadable); "" for
        an entry taken or simply absent. A problem is a miss, never an error: the caller computes
        the document again.
        """
        keys = list(keys)
        for i in range(0, len(keys), FETCH_BATCH):
            batch = keys[i:i + FETCH_BATCH]
            got = self.fs.cat([self._path(k) for k in batch], on_error="return")
            if not isinstance(got, dict):  # one path: fsspec gives the bytes themselves
                got = {self._path(batch[0]): got}
            for key in batch:
                value = got.get(self._path(key), FileNotFoundError())
                if isinstance(value, FileNotFoundError):
                    yield key, None, ""
                elif isinstance(value, BaseException):
                    yield key, None, f"unreadable ({type(value).__name__}: {value})"
                else:
                    try:
                        yield key, unpack(value), ""
                    except DamagedEntry as e:
                        yield key, None, f"damaged entry ({e})"

    def check(self) -> None:
        """Write and read back the store's marker entry; CacheStoreError, with the reason, when that fails."""
        files = {"README": b"kotakembar per-document cache: entries keyed by fingerprint (docs/scaling.md)\n"}
        try:
            self.put(MARKER, files)
            back = self.get(MARKER)
        except (OSError, DamagedEntry) as e:
            raise CacheStoreError(f"--cache-url {self.url}: cannot write and read back an entry there "
                                  f"({type(e).__name__}: {e})") from None
        if back != files:
            raise CacheStoreError(f"--cache-url {self.url}: an entry written there did not read back the same")


def _protocols(fs: Any) -> tuple[str, ...]:
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


_OPEN: dict[tuple[str, int], CacheStore] = {}


def open_store(url: str) -> CacheStore:
    """The store at `url`, one per process (workers get it pickled as its URL and reuse it for every task)."""
    # keyed by process too: a forked pool worker must not reuse its parent's connections (an object store's session)
    key = (url, os.getpid())
    if key not in _OPEN:
        _OPEN[key] = CacheStore(url)
    return _OPEN[key]


def store_for(url: str | None) -> CacheStore | None:
    """The checked store of a `--cache-url` value; None for "" (no store: the output folders only)."""
    url = (url or "").strip()
    if not url:
        return None
    store = open_store(url)
    store.check()
    return store

