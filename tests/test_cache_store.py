"""`--cache-url`: the per-document caches in a store every worker sees (pipeline/cache_store.py).

A `file://` URL and a plain path give the same tables; a run into a fresh folder takes every
document from the store and computes none; a truncated or altered entry is reported, ignored and
computed again; a real Dask LocalCluster of processes with a store gives the local tables; and an
`s3://` store on moto's S3-API emulator (a separate server process) behaves the same.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.cache_bench import format_cache_bench, moto_missing, moto_server, run_cache_bench
from pipeline.cache_store import MARKER, DamagedEntry, open_store, pack, unpack
from pipeline.cli import app
from pipeline.io import read_csv
from pipeline.tables import COLUMNS

from .conftest import REPO

runner = CliRunner()
OUTPUTS = [f"{t}.csv" for t in COLUMNS] + ["datapackage.json"]


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    """The sample corpus (6 documents) and an empty file, whose failed row is cached too."""
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw", raw, ignore=shutil.ignore_patterns(".*", "*.dvc"))
    (raw / "kosong.txt").write_bytes(b"")
    return raw


def _extract(src: Path, out: Path, gazetteer: Path, *extra: str) -> str:
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer), "--silent",
                                 "--jobs", "1", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _same_tables(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _entries(store: Path, stage: str) -> list[Path]:
    return sorted((store / stage).glob("*/*"))


def test_a_partial_entry_is_never_taken_as_valid() -> None:
    blob = pack({"a.json": b'{"x": 1}\n', "a.txt": b"Kota Medan.\n"})
    assert unpack(blob) == {"a.json": b'{"x": 1}\n', "a.txt": b"Kota Medan.\n"}
    for n in range(len(blob)):  # every cut a half-written or truncated object can have
        with pytest.raises(DamagedEntry):
            unpack(blob[:n])
    with pytest.raises(DamagedEntry, match="its SHA-256 does not match its content"):
        unpack(blob[:30] + bytes([blob[30] ^ 1]) + blob[31:])
    with pytest.raises(DamagedEntry, match="truncated: 40 of 111 bytes"):
        unpack(blob[:40])


def test_file_url_and_plain_path_give_the_same_tables_and_a_second_run_computes_nothing(
        src: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = _extract(src, tmp_path / "a", gazetteer_dir, "--cache-url", store.as_uri())
    assert "ingested 7 files: 6 ok, 0 warning, 1 failed" in first
    assert "annotated 6 documents (6 annotated)" in first
    assert len(_entries(store, "ingest")) == 7 and len(_entries(store, "annotate")) == 6
    _extract(src, tmp_path / "b", gazetteer_dir, "--cache-url", str(tmp_path / "other-store"))
    _same_tables(tmp_path / "a", tmp_path / "b")
    # a fresh output folder, the first store as a plain path: every document comes from the store
    second = _extract(src, tmp_path / "c", gazetteer_dir, "--cache-url", str(store))
    assert f"ingested 7 files (7 from the cache {store.as_uri()}): 6 ok, 0 warning, 1 failed" in second
    assert f"annotated 6 documents (0 annotated, 6 from the cache {store.as_uri()})" in second
    _same_tables(tmp_path / "a", tmp_path / "c")
    assert {d["file"]: d["status"] for d in read_csv(tmp_path / "c" / "documents.csv")}["kosong.txt"] == "failed"
    # the restored per-document files are the bytes a computing run wrote
    for sub in ("docs", "mentions"):
        a, c = tmp_path / "a" / "interim" / sub, tmp_path / "c" / "interim" / sub
        assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in c.iterdir()}


def test_truncated_and_altered_entries_are_ignored_and_computed_again(src: Path, gazetteer_dir: Path,
                                                                     tmp_path: Path) -> None:
    store = tmp_path / "store"
    _extract(src, tmp_path / "a", gazetteer_dir, "--cache-url", str(store))
    cut = _entries(store, "annotate")[0]
    whole = cut.read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])  # a writer that died half-way, on a store without atomic writes
    altered = _entries(store, "ingest")[0]
    data = bytearray(altered.read_bytes())
    data[100] ^= 1
    altered.write_bytes(bytes(data))
    label = open_store(store.as_uri())  # the message names the entry by its URL
    out = _extract(src, tmp_path / "b", gazetteer_dir, "--cache-url", str(store))
    assert (f"cache: {label.url}/annotate/{cut.parent.name}/{cut.name}: damaged entry (truncated: "
            f"{len(whole) // 2:,} of {len(whole):,} bytes), ignored: ") in out
    assert (f"cache: {label.url}/ingest/{altered.parent.name}/{altered.name}: damaged entry (its SHA-256 does not "
            "match its content), ignored: ") in out
    assert f"ingested 7 files (6 from the cache {label.url})" in out
    assert f"annotated 6 documents (1 annotated, 5 from the cache {label.url})" in out
    _same_tables(tmp_path / "a", tmp_path / "b")
    assert cut.read_bytes() == whole  # written anew, whole
    unpack(altered.read_bytes())


def test_ocr_pages_come_along_with_their_document(gazetteer_dir: Path, tmp_path: Path) -> None:
    """A scanned PDF restored from the store brings the OCR page results and images its review page shows."""
    from pipeline.ingest.ocr import TESSERACT_INSTALL, engine

    scans = sys.modules.get("make_scans")  # scripts/make_scans.py, as tests/test_ocr.py loads it
    if scans is None:
        spec = importlib.util.spec_from_file_location("make_scans", REPO / "scripts" / "make_scans.py")
        scans = sys.modules["make_scans"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
        spec.loader.exec_module(scans)
    if scans.fonts_missing():
        pytest.skip(scans.fonts_missing())
    try:
        engine()
    except Exception as e:  # noqa: BLE001 - the reason is the skip message
        pytest.skip(f"{e} — this test needs Tesseract ({TESSERACT_INSTALL})")
    style = replace(scans.ScanStyle(), dpi=150, skew=0.0, header="", page_numbers=False)
    page = scans.scan([scans.Block("para", "Pemerintah Kota Bogor dan Pemerintah Kota Takasaki, Jepang, menandatangani "
                                           "nota kesepahaman kerja sama kota kembar pada tanggal 12 Maret 2019.")], style)
    scans.write_pdf(page, tmp_path / "raw" / "nota_bogor.pdf", style.dpi)
    store = tmp_path / "store"
    _extract(tmp_path / "raw", tmp_path / "a", gazetteer_dir, "--cache-url", str(store))
    out = _extract(tmp_path / "raw", tmp_path / "b", gazetteer_dir, "--cache-url", str(store))
    assert f"ingested 1 files (1 from the cache {store.as_uri()})" in out
    ocr_a, ocr_b = (tmp_path / d / "interim" / "docs" / "ocr" for d in ("a", "b"))
    assert sorted(p.suffix for p in ocr_a.iterdir()) == [".json", ".png"]
    assert {p.name: p.read_bytes() for p in ocr_a.iterdir()} == {p.name: p.read_bytes() for p in ocr_b.iterdir()}
    _same_tables(tmp_path / "a", tmp_path / "b")


def test_unusable_cache_urls_fail_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Kota Medan.\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(doc), "--out", str(tmp_path / "o"), "--cache-url",
                                 str(tmp_path / "afile" / "store")])
    assert result.exit_code == 1
    assert f"--cache-url {(tmp_path / 'afile' / 'store').as_uri()}: cannot write and read back an entry there" in result.output
    result = runner.invoke(app, ["ingest", str(doc), "--out", str(tmp_path / "o"), "--cache-url", "nosuch://b/kk"])
    assert result.exit_code == 1
    assert "--cache-url nosuch://b/kk: Protocol not known: nosuch" in result.output
    monkeypatch.setitem(sys.modules, "s3fs", None)  # `import s3fs` raises ImportError
    # and fsspec forgets the class it may have loaded already (`fsspec.registry` the package attribute is a read-only view)
    monkeypatch.delitem(importlib.import_module("fsspec.registry")._registry, "s3", raising=False)
    result = runner.invoke(app, ["extract", str(doc), "--out", str(tmp_path / "o"), "--cache-url", "s3://no-s3fs/kk"])
    assert result.exit_code == 1
    assert "--cache-url s3://no-s3fs/kk: its storage backend is not installed" in result.output
    assert "pip install -c constraints.txt -e '.[cache-url]'" in result.output


def test_local_cluster_with_a_cache_url_gives_the_local_tables(src: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the `cluster` extra (dask.distributed) is not installed")

    _extract(src, tmp_path / "local", gazetteer_dir)
    store = tmp_path / "store"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        address = cluster.scheduler_address
        first = _extract(src, tmp_path / "dask", gazetteer_dir, "--cluster", address, "--cache-url", store.as_uri())
        # the workers wrote the entries: every document is in the store
        assert "annotated 6 documents (6 annotated)" in first
        assert len(_entries(store, "ingest")) == 7 and len(_entries(store, "annotate")) == 6
        second = _extract(src, tmp_path / "again", gazetteer_dir, "--cluster", address, "--cache-url", store.as_uri())
    assert f"annotated 6 documents (0 annotated, 6 from the cache {store.as_uri()})" in second
    _same_tables(tmp_path / "local", tmp_path / "dask")
    _same_tables(tmp_path / "local", tmp_path / "again")


# ---------------------------------------------------------------------- s3:// on moto's S3-API emulator


@pytest.fixture()
def s3_endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """moto's S3-API emulator as a separate `moto_server` process (an emulator, not a real object store)."""
    if moto_missing():
        pytest.skip(f"{moto_missing()}: the s3:// test runs on moto's S3-API emulator")
    with moto_server(tmp_path / "moto.log") as env:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield env["AWS_ENDPOINT_URL"]


def test_s3_store_on_moto_gives_the_same_tables_and_ignores_a_truncated_object(
        s3_endpoint: str, src: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    import s3fs

    bucket = f"kk-{os.getpid()}-{time.monotonic_ns()}"
    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir(bucket)
    url = f"s3://{bucket}/kk-cache"
    _extract(src, tmp_path / "plain", gazetteer_dir)
    first = _extract(src, tmp_path / "a", gazetteer_dir, "--cache-url", url)
    assert "annotated 6 documents (6 annotated)" in first
    assert len(fs.find(f"{bucket}/kk-cache/annotate")) == 6 and fs.isfile(f"{bucket}/kk-cache/{MARKER}")
    key = sorted(fs.find(f"{bucket}/kk-cache/annotate"))[0]
    whole = fs.cat_file(key)
    fs.pipe_file(key, whole[:1000])
    second = _extract(src, tmp_path / "b", gazetteer_dir, "--cache-url", url)
    assert f"ingested 7 files (7 from the cache {url}): 6 ok, 0 warning, 1 failed" in second
    assert f"annotated 6 documents (1 annotated, 5 from the cache {url})" in second
    assert f"cache: s3://{key}: damaged entry (truncated: 1,000 of {len(whole):,} bytes), ignored: " in second
    assert fs.cat_file(key) == whole
    _same_tables(tmp_path / "plain", tmp_path / "a")
    _same_tables(tmp_path / "plain", tmp_path / "b")


def test_cache_benchmark_runs_on_a_tiny_corpus(gazetteer_dir: Path, tmp_path: Path) -> None:
    res = run_cache_bench(docs=3, words_per_doc=200, gazetteer=gazetteer_dir, workdir=tmp_path, s3=False)
    assert [(r["engine"], r["read"], r["annotated"], r["same"]) for r in res["runs"]] == [
        ("no store", 3, 3, True), ("file://, empty", 3, 3, True), ("file://, full", 0, 0, True)]
    assert res["stores"]["file://"] > 0
    assert "s3:// not measured: --no-s3" in format_cache_bench(res)
