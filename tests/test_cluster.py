"""`--cluster`: the per-document stages on a real Dask LocalCluster of worker processes (pipeline/cluster.py).

Same tables as a local run, byte for byte; a worker SIGKILLed while annotating (its documents run
again elsewhere, none lost or doubled); a decompression-bomb .docx that takes every worker reading
it over its memory limit fails alone with its documents.csv row; clear messages for bad values.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.cluster_bench import estimate_costs
from benchmarks.corpus import make_corpus
from pipeline.cli import app
from pipeline.io import read_csv
from pipeline.tables import COLUMNS

from .conftest import REPO

distributed = pytest.importorskip("distributed", reason="the `cluster` extra (dask.distributed) is not installed")

runner = CliRunner()
OUTPUTS = [f"{t}.csv" for t in COLUMNS] + ["datapackage.json"]


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """A LocalCluster of 2 single-threaded worker processes (with nannies, as `dask worker` starts them)."""
    import dask

    # a task whose worker dies runs again on another; the second death of the same task is final
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _extract(src: Path, out: Path, gazetteer: Path, *extra: str) -> None:
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer), "--silent", *extra])
    assert result.exit_code == 0, result.output


def _same_tables(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_cluster_tables_are_byte_identical_to_a_local_run(client: distributed.Client, gazetteer_dir: Path,
                                                          tmp_path: Path) -> None:
    src = tmp_path / "raw"
    shutil.copytree(REPO / "raw", src, ignore=shutil.ignore_patterns(".*", "*.dvc"))
    (src / "kosong.txt").write_bytes(b"")  # a bad file: its failed row must come out the same
    _extract(src, tmp_path / "local", gazetteer_dir, "--jobs", "1")
    _extract(src, tmp_path / "dask", gazetteer_dir, "--cluster", client.scheduler.address)
    _same_tables(tmp_path / "local", tmp_path / "dask")
    docs = read_csv(tmp_path / "dask" / "documents.csv")
    assert {d["file"]: d["status"] for d in docs}["kosong.txt"] == "failed"
    # each worker built the spaCy pipeline once for all the documents it annotated, not once per task
    from pipeline.annotate import pipelines_built

    assert sorted(client.run(pipelines_built).values()) in ([0, 1], [1, 1])
    # a second run on the cluster finds every document cached and writes the same bytes
    _extract(src, tmp_path / "dask", gazetteer_dir, "--cluster", client.scheduler.address)
    _same_tables(tmp_path / "local", tmp_path / "dask")


def test_a_worker_killed_mid_run_loses_and_doubles_no_document(client: distributed.Client, gazetteer_dir: Path,
                                                               tmp_path: Path) -> None:
    src = tmp_path / "raw"
    make_corpus(src, 16, words_per_doc=4000, seed=50)
    _extract(src, tmp_path / "local", gazetteer_dir, "--jobs", "1")
    mentions = tmp_path / "dask" / "interim" / "mentions"
    killed: dict[str, int] = {}

    def kill_a_busy_worker() -> None:
        """SIGKILL a worker that is annotating, once some documents are done and others are not."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            done = len(list(mentions.glob("*.json"))) if mentions.is_dir() else 0
            if 2 <= done < 14:
                busy = [addr for addr, keys in client.processing().items() if keys]
                if busy:
                    pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.update(pid=pid, done=done)
            time.sleep(0.01)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    _extract(src, tmp_path / "dask", gazetteer_dir, "--cluster", client.scheduler.address)
    killer.join()
    assert killed, "no worker was killed while annotating"
    assert killed["done"] < 16
    _same_tables(tmp_path / "local", tmp_path / "dask")
    docs = read_csv(tmp_path / "dask" / "documents.csv")
    assert sorted(d["file"] for d in docs) == sorted(p.name for p in src.iterdir())
    assert all(d["status"] == "ok" for d in docs)
    for out in mentions.glob("*.json"):  # every output complete: parsed, with its fingerprint
        assert json.loads(out.read_bytes())["fingerprint"]
    assert len(list(mentions.glob("*.json"))) == 16
    client.wait_for_workers(2, timeout=120)  # the nanny restarted it


def _docx_bomb(path: Path, megabytes: int) -> None:
    """A valid .docx of a few MB whose word/document.xml inflates to `megabytes` MB of paragraphs."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    template = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    body = template.read("word/document.xml")
    head, rest = body.split(b"<w:body>", 1)
    tail = b"<w:sectPr" + rest.split(b"<w:sectPr", 1)[1]
    para = b"<w:p><w:r><w:t>kota kembar</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in template.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, template.read(info.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head + b"<w:body>")
            for _ in range(megabytes * 2**20 // len(para)):
                f.write(para)
            f.write(tail)


def test_docx_bomb_over_the_worker_memory_limit_fails_alone(gazetteer_dir: Path, tmp_path: Path) -> None:
    import dask

    src = tmp_path / "raw"
    src.mkdir()
    _docx_bomb(src / "bom.docx", 800)
    assert (src / "bom.docx").stat().st_size < 4_000_000
    for i in range(3):
        (src / f"baik{i}.txt").write_text(f"Kota Surabaya menjalin kerja sama sister city dengan Kota Kochi di Jepang ({i}).\n",
                                          encoding="utf-8")
    # the nanny restarts a worker past 95% of 500 MB; after the second worker dies on it the task is failed
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, memory_limit="500MB",
                                     dashboard_address=":0") as cluster:
        _extract(src, tmp_path / "out", gazetteer_dir, "--cluster", cluster.scheduler_address)
    docs = {d["file"]: d for d in read_csv(tmp_path / "out" / "documents.csv")}
    assert docs["bom.docx"]["status"] == "failed"
    assert docs["bom.docx"]["message"] == (
        "failed on the cluster: 2 Dask workers died running it (over the worker's memory limit, or a crash): "
        "the document may be damaged, far too large or a decompression bomb")
    assert [docs[f"baik{i}.txt"]["status"] for i in range(3)] == ["ok", "ok", "ok"]
    assert len(read_csv(tmp_path / "out" / "partnerships.csv")) == 1


def test_bad_cluster_values_fail_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Kota Medan.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(src), "--out", str(tmp_path / "o"), "--cluster", "8786"])
    assert result.exit_code == 1
    assert "--cluster 8786: use tcp://HOST:PORT" in result.output
    monkeypatch.setattr("pipeline.cluster.CONNECT_TIMEOUT", "1s")
    result = runner.invoke(app, ["ingest", str(src), "--out", str(tmp_path / "o"), "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "--cluster tcp://127.0.0.1:9: no Dask scheduler answers there" in result.output
    assert "dask scheduler" in result.output


def test_cluster_without_dask_installed_names_the_install_command(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    src = tmp_path / "a.txt"
    src.write_text("Kota Medan.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--out", str(tmp_path / "o"), "--cluster", "local:2"])
    assert result.exit_code == 1
    assert "--cluster needs dask.distributed, which is not installed" in result.output
    assert "pip install -c constraints.txt -e '.[cluster]'" in result.output


def test_cost_estimate_adds_the_serial_tables_stage_to_the_parallel_part() -> None:
    rows = estimate_costs(30_000, 0.5, 1e-6, [1, 2], 0.04, theses=1000, words_per_thesis=108_000)
    # 108e6 words: 1 core 1 h + tables 0.03 h; 2 cores at efficiency 0.5 are no faster
    assert [round(r["per_doc_hours"], 4) for r in rows] == [1.0, 1.0]
    assert [round(r["hours"], 4) for r in rows] == [1.03, 1.03]
    assert [round(r["cost"], 4) for r in rows] == [0.0412, 0.0824]
