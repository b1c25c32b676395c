"""Benchmark the Dask engine: words/s with 1, 2 and 4 Dask worker processes against the local `--jobs` path.

On one synthetic corpus (``benchmarks/corpus.py``), ingest -> annotate -> tables is timed:

* locally with ``--jobs 1`` and ``--jobs 2`` (the process pool, as without ``--cluster``);
* on a ``LocalCluster`` of 1, 2 and 4 single-threaded worker processes: ``cold`` is the first run
  (every worker builds its spaCy pipeline), ``warm`` a second run into a fresh folder on the same
  workers (what a long batch runs at); scaling efficiency = warm words/s of N workers / (N x 1 worker);
* on a separately started ``dask scheduler`` and 2 ``dask worker`` processes on 127.0.0.1, driven by
  ``kotakembar extract --cluster tcp://127.0.0.1:PORT`` as a subprocess: its tables must be the
  local run's bytes.

Then the cost of 300,000 theses of 30,000 words by number of cores, from the measured words/s
per worker process. Nothing here asserts on time: the figures are printed (docs/scaling.md).

    python benchmarks/cluster_bench.py [--docs 60] [--words-per-doc 5000] [--workers 1 2 4] [--core-hour-price 0.04]
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
THESES = 300_000
WORDS_PER_THESIS = 30_000


def _cpu(client: Any = None) -> float:
    """CPU seconds of this process and its finished children, or of a Dask cluster's worker processes."""
    if client is not None:
        return sum(client.run(lambda: sum(os.times()[:2])).values())
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _run(raw: Path, out: Path, gazetteer: Path, *, jobs: int = 1, executor: Any = None) -> dict[str, float]:
    """ingest -> annotate -> tables of `raw` into a fresh `out`: wall seconds, and CPU seconds of the per-document stages."""
    from pipeline.annotate import annotate
    from pipeline.ingest import ingest
    from pipeline.tables import tables

    shutil.rmtree(out, ignore_errors=True)
    client = getattr(executor, "client", None)
    t, c = time.perf_counter(), _cpu(client)
    ingest([raw], out / "interim" / "docs", jobs=jobs, executor=executor)
    annotate(out / "interim" / "docs", gazetteer, out / "interim" / "mentions", jobs=jobs, executor=executor)
    # a worker restarted by its nanny would lose its CPU count: none is, here
    per_doc_cpu = _cpu(client) - c
    t_tables = time.perf_counter()
    tables(out / "interim" / "docs", out / "interim" / "mentions", out)
    end = time.perf_counter()
    return {"wall_s": end - t, "tables_s": end - t_tables, "per_doc_cpu_s": per_doc_cpu}


def _same_tables(a: Path, b: Path) -> bool:
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in OUTPUTS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def external_cluster(workers: int = 2) -> Iterator[str]:
    """`dask scheduler` and `workers` x `dask worker --nthreads 1` as separate processes on 127.0.0.1; its address."""
    dask_cli = str(Path(sys.executable).parent / "dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONHASHSEED="0")
    procs = [subprocess.Popen([dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address",
                               ":0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(workers):
            procs.append(subprocess.Popen([dask_cli, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                                           "--no-dashboard"],
                                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for p in reversed(procs):  # only the processes started here, by their own handles
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def run_cluster_bench(*, docs: int = 60, words_per_doc: int = 5000, workers: tuple[int, ...] = (1, 2, 4),
                      jobs: tuple[int, ...] = (1, 2), workdir: Path | None = None, gazetteer: Path | None = None,
                      external: bool = True) -> dict[str, Any]:
    """Every figure of the module docstring, as a dict (see `format_cluster_bench`)."""
    from distributed import Client, LocalCluster

    from pipeline.cluster import executor_for
    from pipeline.gazetteer import ARTIFACT, build_gazetteer

    work = Path(workdir or tempfile.mkdtemp(prefix="kk_cluster_bench_"))
    work.mkdir(parents=True, exist_ok=True)
    gaz = Path(gazetteer) if gazetteer else work / "gazetteer"
    if not (gaz / ARTIFACT).exists():
        build_gazetteer(gaz)
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    make_corpus(raw, docs, words_per_doc=words_per_doc)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in raw.iterdir())
    res: dict[str, Any] = {"docs": docs, "words": words, "cores": os.cpu_count() or 1, "local": {}, "dask": {}}

    for j in jobs:
        r = _run(raw, work / f"local{j}", gaz, jobs=j)
        res["local"][j] = {**r, "words_per_s": words / r["wall_s"]}
    reference = work / f"local{jobs[0]}"

    for n in workers:
        t = time.perf_counter()
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            startup = time.perf_counter() - t
            executor = executor_for(client)
            cold = _run(raw, work / f"dask{n}", gaz, executor=executor)
            warm = _run(raw, work / f"dask{n}w", gaz, executor=executor)
        res["dask"][n] = {"startup_s": startup, "cold_s": cold["wall_s"], "warm_s": warm["wall_s"],
                          "words_per_s": words / warm["wall_s"], "cold_words_per_s": words / cold["wall_s"],
                          "tables_s": warm["tables_s"], "per_doc_cpu_s": warm["per_doc_cpu_s"],
                          "words_per_cpu_s": words / warm["per_doc_cpu_s"],
                          "same_tables": _same_tables(reference, work / f"dask{n}") and _same_tables(reference,
                                                                                                      work / f"dask{n}w")}
    one = res["dask"][min(workers)]
    for n, r in res["dask"].items():
        # wall: what this (shared) machine gave; CPU: the work each word costs with N workers, whatever else runs here
        r["efficiency"] = r["words_per_s"] / (n / min(workers) * one["words_per_s"])
        r["cpu_efficiency"] = r["words_per_cpu_s"] / one["words_per_cpu_s"]
    if external:
        with external_cluster(2) as address:
            out = work / "external"
            shutil.rmtree(out, ignore_errors=True)
            exe = Path(sys.executable).parent / "kotakembar"
            t = time.perf_counter()
            proc = subprocess.run([str(exe), "extract", str(raw), "--out", str(out), "--gazetteer", str(gaz), "--silent",
                                   "--cluster", address], env=dict(os.environ, PYTHONHASHSEED="0"), capture_output=True,
                                  text=True, timeout=3600)
            wall = time.perf_counter() - t
        res["external"] = {"address": address, "workers": 2, "returncode": proc.returncode, "wall_s": wall,
                           "words_per_s": words / wall, "same_tables": proc.returncode == 0 and _same_tables(reference, out),
                           "stderr": proc.stderr[-2000:]}
    return res


def estimate_costs(words_per_cpu_s: float, efficiency: float, tables_s_per_word: float, cores: list[int],
                   core_hour_price: float, theses: int = THESES, words_per_thesis: int = WORDS_PER_THESIS
                   ) -> list[dict[str, float]]:
    """Hours and cost of `theses` x `words_per_thesis` words on each number of cores (one worker process a core).

    The per-document stages (ingest, annotate) run on every core at `words_per_cpu_s` x `efficiency`;
    the tables stage then runs on one core of the client (`tables_s_per_word`), while the cluster is idle.
    """
    total = theses * words_per_thesis
    tables_h = total * tables_s_per_word / 3600
    rows = []
    for n in cores:
        per_doc_h = total / (words_per_cpu_s * n * (1.0 if n == 1 else efficiency)) / 3600
        hours = per_doc_h + tables_h
        rows.append({"cores": n, "per_doc_hours": per_doc_h, "tables_hours": tables_h, "hours": hours,
                     "core_hours": hours * n, "cost": hours * n * core_hour_price})
    return rows


def format_cluster_bench(res: dict[str, Any], core_hour_price: float = 0.04) -> str:
    """The figures as a readable table, then the cost estimate."""
    lines = [f"corpus: {res['docs']} documents, {res['words']:,} words; this machine: {res['cores']} cores", "",
             f"{'engine':<32}{'wall s':>8}{'words/s':>10}{'eff.':>6}{'words/cpu-s':>13}{'cpu eff.':>10}  same tables"]
    for j, r in res["local"].items():
        lines.append(f"{f'local --jobs {j}':<32}{r['wall_s']:>8.1f}{r['words_per_s']:>10,.0f}{'':>6}"
                     f"{res['words'] / r['per_doc_cpu_s']:>13,.0f}{'':>10}  (reference)")
    for n, r in res["dask"].items():
        lines.append(f"{f'dask {n} worker(s), cold':<32}{r['cold_s']:>8.1f}{r['cold_words_per_s']:>10,.0f}")
        lines.append(f"{f'dask {n} worker(s), warm':<32}{r['warm_s']:>8.1f}{r['words_per_s']:>10,.0f}"
                     f"{r['efficiency']:>6.2f}{r['words_per_cpu_s']:>13,.0f}{r['cpu_efficiency']:>10.2f}  "
                     f"{'yes' if r['same_tables'] else 'NO'}   (cluster start {r['startup_s']:.1f} s, tables {r['tables_s']:.1f} s)")
    ext = res.get("external")
    if ext:
        lines.append(f"{'dask scheduler + 2 dask worker':<32}{ext['wall_s']:>8.1f}{ext['words_per_s']:>10,.0f}{'':>29}  "
                     f"{'yes' if ext['same_tables'] else 'NO'}   (`kotakembar extract --cluster {ext['address']}`: "
                     "cold, a subprocess)")
        if ext["returncode"]:
            lines.append(f"  external run failed ({ext['returncode']}): {ext['stderr']}")
    lines += ["", "words/cpu-s: words per CPU second of the processes running ingest and annotate (workers, or "
              "this process and its pool); eff.: words/s against N x 1 worker's, on this machine as loaded now; "
              "cpu eff.: the CPU each word costs with 1 worker against N (the overhead of spreading the work)"]
    one = res["dask"][min(res["dask"])]
    eff = min(r["cpu_efficiency"] for r in res["dask"].values())
    tables_s_per_word = one["tables_s"] / res["words"]
    lines += ["", f"{THESES:,} theses x {WORDS_PER_THESIS:,} words, one worker process per core at "
              f"{one['words_per_cpu_s']:,.0f} words/s (the 1-worker words per CPU second) x {eff:.2f} (the lowest cpu "
              f"eff.), then tables on the client's one core ({tables_s_per_word * 1e6:.1f} s per million words); "
              f"{core_hour_price:g} per core-hour:",
              f"{'cores':>7}{'ingest+annotate h':>19}{'tables h':>10}{'total h':>9}{'days':>7}{'core-hours':>12}{'cost':>10}"]
    for row in estimate_costs(one["words_per_cpu_s"], eff, tables_s_per_word, [2, 8, 32, 64, 128, 256], core_hour_price):
        lines.append(f"{row['cores']:>7}{row['per_doc_hours']:>19,.1f}{row['tables_hours']:>10,.1f}{row['hours']:>9,.1f}"
                     f"{row['hours'] / 24:>7.2f}{row['core_hours']:>12,.0f}{row['cost']:>10,.2f}")
    return "\n".join(lines)


def main(
    docs: int = typer.Option(60, help="Documents in the generated corpus"),
    words_per_doc: int = typer.Option(5000, help="Words per document"),
    workers: list[int] = typer.Option([1, 2, 4], help="Dask worker processes to measure (repeat the option)"),
    jobs: list[int] = typer.Option([1, 2], help="Local --jobs to measure (repeat the option)"),
    gazetteer: Path = typer.Option(None, help="A prebuilt gazetteer (else one is built)"),
    workdir: Path = typer.Option(None, help="Work folder (else a temporary one)"),
    no_external: bool = typer.Option(False, "--no-external", help="Skip the separately started scheduler and workers"),
    core_hour_price: float = typer.Option(0.04, help="Price of one core for one hour"),
) -> None:
    """Words/s of the Dask engine with 1, 2 and 4 workers against the local --jobs path, and the costed estimate."""
    res = run_cluster_bench(docs=docs, words_per_doc=words_per_doc, workers=tuple(workers), jobs=tuple(jobs),
                            workdir=workdir, gazetteer=gazetteer, external=not no_external)
    print(format_cluster_bench(res, core_hour_price))


if __name__ == "__main__":
    typer.run(main)
