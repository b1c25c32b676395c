"""Benchmark `--cache-url`: what a per-document store costs when it is filled, and what it saves when it is read.

On one synthetic corpus (``benchmarks/corpus.py``), ingest -> annotate -> tables into a fresh folder
each time, in this process (``--jobs 1``):

* ``no store``: the reference (as without the option);
* ``<store>, empty``: every document computed, and its entries written to the store;
* ``<store>, full``: a fresh folder, every document taken from the store (nothing computed).

Stores: a ``file://`` folder, and ``s3://`` on moto's S3-API emulator (a separate ``moto_server``
process on 127.0.0.1: an emulator, not a real object store, so its figures say what the client side
costs, not what a real network and object store add) when moto and s3fs are installed. Every run's
tables must be the reference's bytes. Nothing here asserts on time: the figures are printed (docs/scaling.md).

    python benchmarks/cache_bench.py [--docs 60] [--words-per-doc 5000] [--no-s3]
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: this folder imports as the `benchmarks` package of the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import make_corpus  # noqa: E402

OUTPUTS = ["documents.csv", "mentions.csv", "cities.csv", "dates.csv", "sectors.csv", "agreements.csv",
           "partnerships.csv", "datapackage.json"]


def moto_missing() -> str:
    """Why the S3-API emulator cannot run here ("" when it can)."""
    try:
        import s3fs  # noqa: F401
    except ImportError:
        return "s3fs is not installed (pip install -c constraints.txt -e '.[cache-url]')"
    if not (Path(sys.executable).parent / "moto_server").is_file():
        return "moto_server is not installed (pip install -c constraints.txt -e '.[test]')"
    return ""


@contextmanager
def moto_server(log: Path) -> Iterator[dict[str, str]]:
    """moto's S3-API emulator as a separate process on a free port: the environment a client needs to reach it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with log.open("wb") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"moto_server did not start: {log.read_text(errors='replace')}") from None
                    time.sleep(0.1)
            # botocore's own settings, as for a real endpoint; nothing read from ~/.aws
            yield {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "kk",
                   "AWS_SECRET_ACCESS_KEY": "kk", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _run(raw: Path, out: Path, gazetteer: Path, store: Any) -> dict[str, float]:
    """ingest -> annotate -> tables of `raw` into a fresh `out`: wall seconds and the documents computed."""
    from pipeline.annotate import annotate
    from pipeline.ingest import ingest
    from pipeline.tables import tables

    shutil.rmtree(out, ignore_errors=True)
    ingested: dict[str, int] = {}
    annotated: dict[str, int] = {}
    t = time.perf_counter()
    ingest([raw], out / "interim" / "docs", jobs=1, stats=ingested, cache=store)
    annotate(out / "interim" / "docs", gazetteer, out / "interim" / "mentions", jobs=1, stats=annotated, cache=store)
    tables(out / "interim" / "docs", out / "interim" / "mentions", out)
    return {"wall_s": time.perf_counter() - t, "read": ingested["read"], "annotated": annotated["annotated"]}


def _same_tables(a: Path, b: Path) -> bool:
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in OUTPUTS)


def _store_bytes(store: Any) -> int:
    return sum(store.fs.du(f"{store.root}/{stage}") for stage in ("ingest", "annotate"))


def run_cache_bench(*, docs: int = 60, words_per_doc: int = 5000, gazetteer: Path | None = None,
                    workdir: Path | None = None, s3: bool = True) -> dict[str, Any]:
    """Every run's figures: {"corpus_words", "runs": [{"engine", "wall_s", "read", "annotated", "same"}], "stores"}."""
    from pipeline.cache_store import CacheStore

    work = Path(workdir or tempfile.mkdtemp(prefix="kk-cache-bench-"))
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    make_corpus(raw, docs, words_per_doc=words_per_doc, seed=22)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in raw.glob("*.txt"))
    if gazetteer is None:
        from pipeline.gazetteer import build_gazetteer

        gazetteer = work / "gazetteer"
        build_gazetteer(gazetteer)
    res: dict[str, Any] = {"corpus_words": words, "docs": docs, "runs": [], "stores": {}, "s3": ""}
    ref = _run(raw, work / "ref", gazetteer, None)
    res["runs"].append({"engine": "no store", **ref, "same": True})

    def measure(name: str, url: str) -> None:
        store = CacheStore(url)
        store.check()
        for state in ("empty", "full"):
            r = _run(raw, work / f"{name}-{state}", gazetteer, store)
            res["runs"].append({"engine": f"{name}, {state}", **r, "same": _same_tables(work / "ref", work / f"{name}-{state}")})
        res["stores"][name] = _store_bytes(store)

    shutil.rmtree(work / "store", ignore_errors=True)
    measure("file://", (work / "store").as_uri())
    why = moto_missing() if s3 else "--no-s3"
    if why:
        res["s3"] = why
        return res
    with moto_server(work / "moto.log") as env:
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            import s3fs

            bucket = f"kk-bench-{os.getpid()}"
            s3fs.S3FileSystem(skip_instance_cache=True).mkdir(bucket)
            measure("s3:// (moto)", f"s3://{bucket}/kk-cache")
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return res


def format_cache_bench(res: dict[str, Any]) -> str:
    """The figures as a table."""
    lines = [f"corpus: {res['docs']} documents, {res['corpus_words']:,} words", "",
             f"{'run (fresh output folder)':28} {'wall s':>7} {'words/s':>10} {'read':>5} {'annotated':>9}  same tables"]
    for r in res["runs"]:
        lines.append(f"{r['engine']:28} {r['wall_s']:7.2f} {res['corpus_words'] / r['wall_s']:10,.0f} {r['read']:5d} "
                     f"{r['annotated']:9d}  {'yes' if r['same'] else 'NO'}")
    lines.append("")
    for name, size in res["stores"].items():
        lines.append(f"store {name}: {size:,} bytes ({size / res['corpus_words']:.1f} per word)")
    if res["s3"]:
        lines.append(f"s3:// not measured: {res['s3']}")
    return "\n".join(lines)


def main(
    docs: int = typer.Option(60, help="Documents in the generated corpus"),
    words_per_doc: int = typer.Option(5000, help="Words per document"),
    gazetteer: Path = typer.Option(None, help="A prebuilt gazetteer (else one is built)"),
    workdir: Path = typer.Option(None, help="Work folder (else a temporary one)"),
    no_s3: bool = typer.Option(False, "--no-s3", help="Skip the s3:// store on moto's S3-API emulator"),
) -> None:
    """Print the cost and the saving of a `--cache-url` store."""
    res = run_cache_bench(docs=docs, words_per_doc=words_per_doc, gazetteer=gazetteer, workdir=workdir, s3=not no_s3)
    typer.echo(format_cache_bench(res))
    if not all(r["same"] for r in res["runs"]):
        raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
