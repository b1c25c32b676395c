"""Benchmarks of the whole pipeline on a generated corpus: throughput, memory, start-up, incremental DVC.

``run_benchmark`` writes a synthetic corpus (``corpus.py``: plain text and a PDF made with
reportlab) into a work folder and measures, in one run:

* words/s of the whole text path (ingest of .txt -> annotate -> tables) vs words/s of bare
  ``spacy.blank("id")`` tokenization of the same text (target ratio >= 0.25);
* the tokenizer cache: tokenization speed with the cache as ``build_nlp`` leaves it, after a
  ``_flush_cache()`` of a used tokenizer (a trap: 3x slower), and with a larger cache;
* PDF pages/s per core (ingest of a generated PDF; target >= 100);
* peak RSS of this process and of its children (target < 1.5 GB);
* start-up: wall time of ``kotakembar extract ONE_SMALL_FILE`` as a subprocess (target < 3 s);
* ``dvc repro`` after adding one document to a corpus of N vs the full run (target < 5 %), in a
  throw-away DVC repository with ``persist: true`` on the per-document folders, with the time
  of every stage.

Targets are printed next to the figures by ``format_bench``; nothing here asserts on time.

    python benchmarks/bench.py [--docs 200] [--pdf-pages 100] [--repro-corpus 500] [--workdir DIR]

(``make bench`` runs it with the defaults; ``--help`` lists every option.)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: this folder imports as the `benchmarks` package of the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import make_corpus, make_pdf, make_text  # noqa: E402

TARGETS = {
    "text_path_wall_ratio": (">=", 0.25),
    "pdf_pages_per_cpu_s": (">=", 100.0),
    "peak_rss_mb": ("<", 1536.0),
    "startup_s": ("<", 3.0),
    "repro_ratio": ("<", 0.05),
}


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _tokenizer_rate(nlp: Any, texts: list[str], words: int, repeat: int = 2) -> float:
    """Words per CPU second of `nlp.make_doc` over `texts` (best of `repeat`)."""
    best = float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        for t in texts:
            nlp.make_doc(t)
        best = min(best, time.process_time() - c0)
    return words / max(best, 1e-9)


def _measure_tokenizer_cache(texts: list[str], words: int, gazetteer: Path) -> dict[str, float]:
    """Tokenization speed (one pass each, from a cold cache unless said otherwise).

    bare ``spacy.blank("id")``; the tokenizer of ``build_nlp`` (the span_ruler's patterns went
    through it); that tokenizer again after ``_flush_cache()`` of the cache the first pass filled
    (the PreshMap's fill count never goes down, so nothing is cached again: the trap of
    "cleaning" a used tokenizer); and a bare tokenizer with a 20x larger cache.
    """
    import spacy

    from pipeline.nlp import build_nlp

    out: dict[str, float] = {}
    # the denominator of the figure of merit: one pass over the corpus (as the pipeline makes), from a
    # fresh tokenizer each time, best of three (later passes of one tokenizer would hit its cache)
    out["tokenizer_words_per_s"] = max(_tokenizer_rate(spacy.blank("id"), texts, words, repeat=1) for _ in range(3))
    built = build_nlp(gazetteer)
    out["tokenizer_built_nlp_words_per_s"] = _tokenizer_rate(built, texts, words, repeat=1)
    built.tokenizer._flush_cache()
    out["tokenizer_after_flush_words_per_s"] = _tokenizer_rate(built, texts, words, repeat=1)
    big = spacy.blank("id")
    big.tokenizer.max_cache_size = 200_000
    out["tokenizer_cache200k_words_per_s"] = _tokenizer_rate(big, texts, words, repeat=1)
    return out


def _text_path(raw_dir: Path, work: Path, gazetteer: Path, jobs: int, words: int) -> dict[str, float]:
    """ingest -> annotate -> tables on the .txt corpus; wall and CPU seconds per stage."""
    from pipeline.annotate import annotate
    from pipeline.ingest import ingest
    from pipeline.tables import tables

    shutil.rmtree(work, ignore_errors=True)
    times: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        c0, w0 = _cpu_all(), time.perf_counter()
        result = fn()
        times[f"{name}_s"] = time.perf_counter() - w0
        times[f"{name}_cpu_s"] = _cpu_all() - c0
        return result

    timed("ingest", lambda: ingest([raw_dir], work / "docs", jobs=jobs))
    stats: dict[str, int] = {}
    timed("annotate", lambda: annotate(work / "docs", gazetteer, work / "mentions", jobs=jobs, stats=stats))
    timed("tables", lambda: tables(work / "docs", work / "mentions", work / "extracted"))
    total = times["ingest_s"] + times["annotate_s"] + times["tables_s"]
    cpu = times["ingest_cpu_s"] + times["annotate_cpu_s"] + times["tables_cpu_s"]
    times["total_s"] = total
    times["total_cpu_s"] = cpu
    times["words_per_s"] = words / total
    times["words_per_cpu_s"] = words / cpu
    times["workers"] = stats.get("workers", 1)
    # a second run: every document is cached
    w0 = time.perf_counter()
    annotate(work / "docs", gazetteer, work / "mentions", jobs=jobs, stats=stats)
    times["annotate_cached_s"] = time.perf_counter() - w0
    times["annotate_cached_docs"] = stats["cached"]
    return times


def _cpu_all() -> float:
    """CPU seconds of this process and its finished children."""
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _pdf_rate(work: Path, pages: int) -> dict[str, float]:
    from pipeline.ingest import ingest_file

    pdf = work / "bench_thesis.pdf"
    make_pdf(pdf, pages)
    best_cpu = best_wall = float("inf")
    status = ""
    for _ in range(2):
        c0, w0 = time.process_time(), time.perf_counter()
        doc = ingest_file(pdf)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
        status = doc.status
    if status == "failed":
        raise RuntimeError(f"the generated PDF failed to ingest: {doc.message}")
    return {"pdf_pages": pages, "pdf_pages_per_cpu_s": pages / best_cpu, "pdf_pages_per_s": pages / best_wall}


def _kotakembar() -> list[str]:
    exe = Path(sys.executable).with_name("kotakembar")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]


def _env(extra_path: list[Path] | None = None) -> dict[str, str]:
    paths = [str(p) for p in (extra_path or [])] + [str(Path(sys.executable).parent), os.environ.get("PATH", "")]
    return dict(os.environ, PATH=os.pathsep.join(paths), DVC_NO_ANALYTICS="1", PYTHONHASHSEED="0",
                GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
                GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")


def _startup(work: Path, gazetteer: Path, repeat: int = 3) -> dict[str, float]:
    """Wall (best of `repeat`) and CPU seconds of `kotakembar extract` on one small file."""
    small = work / "startup" / "one.txt"
    small.parent.mkdir(parents=True, exist_ok=True)
    small.write_text(make_text(4242, 120), encoding="utf-8")
    best = float("inf")
    cpu = float("inf")
    for k in range(repeat):
        out = work / "startup" / f"out{k}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        subprocess.run([*_kotakembar(), "extract", str(small), "--out", str(out), "--gazetteer", str(gazetteer),
                        "--silent"], cwd=work, env=_env(), check=True, capture_output=True)
        best = min(best, time.perf_counter() - w0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"startup_s": best, "startup_cpu_s": cpu}


# kotakembar wrapper for the DVC repository: logs the wall time of every stage command
# the stage wrapper runs once per stage and its own start-up is counted in the repro figures: no
# site, no imports beyond the built-in modules (about 40 ms less per stage than with subprocess and json)
_WRAPPER = """#!{python} -IS
import os, sys, time
t0 = time.perf_counter()
pid = os.posix_spawn({real!r}, [{real!r}, *sys.argv[1:]], os.environ)
_, status, usage = os.wait4(pid, 0)
cmd = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1].isidentifier() else ""
with open({log!r}, "a") as f:
    f.write('{{"cmd": "%s", "s": %r, "rss_mb": %r}}\\n' % (cmd, time.perf_counter() - t0, usage.ru_maxrss / 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _persist_patch(dvc_yaml: Path, outs: tuple[str, ...] = ("interim/docs", "interim/mentions"),
                   persist: bool = True) -> list[str]:
    """Give `outs` `persist: true` in a copied dvc.yaml (so DVC keeps them between runs); returns what changed."""
    import yaml

    spec = yaml.safe_load(dvc_yaml.read_text(encoding="utf-8"))
    changed = []
    # model training is not the extraction path (and depends on raw/: it would retrain on every new file)
    for name in [n for n in spec.get("stages", {}) if n.startswith("train")]:
        del spec["stages"][name]
        changed.append(f"{name} dropped")
    for name, stage in spec.get("stages", {}).items():
        new_outs = []
        for out in stage.get("outs", []):
            path = out if isinstance(out, str) else next(iter(out))
            if persist and path in outs:
                opts = {} if isinstance(out, str) else dict(out[path] or {})
                opts["persist"] = True
                out = {path: opts}
                changed.append(f"{name}: {path} persist: true")
            new_outs.append(out)
        if "outs" in stage:
            stage["outs"] = new_outs
        # DVC accepts only one `y` column on a stage's plot output: keep the last one in the copy
        for plot in stage.get("plots", []):
            if isinstance(plot, dict):
                for path, opts in plot.items():
                    if isinstance(opts, dict) and isinstance(opts.get("y"), list):
                        changed.append(f"{name}: plots {path} y {opts['y']} -> {opts['y'][-1]!r} (invalid for DVC)")
                        opts["y"] = opts["y"][-1]
    dvc_yaml.write_text(yaml.safe_dump(spec, sort_keys=False, width=200), encoding="utf-8")
    return changed


def _repro(work: Path, n: int, words_per_doc: int, persist: bool, log: Callable[[str], None],
           additions: int = 3) -> dict[str, Any]:
    """Full `dvc repro` on N generated documents, then `dvc repro` after each of `additions` added ones (median taken)."""
    repo = work / "repro"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy(REPO / name, repo / name)
    dvc_text = (REPO / "dvc.yaml").read_text(encoding="utf-8")
    for name in ("pipeline", "gold", "review"):
        if (REPO / name).is_dir() and (name != "review" or "review/" in dvc_text):
            shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    make_corpus(repo / "raw", n, words_per_doc=words_per_doc)
    patched = _persist_patch(repo / "dvc.yaml", persist=persist)
    bindir = work / "repro-bin"
    bindir.mkdir(exist_ok=True)
    stage_log = work / "repro-stages.jsonl"
    wrapper = bindir / "kotakembar"
    wrapper.write_text(_WRAPPER.format(python=sys.executable, real=_kotakembar()[0], log=str(stage_log)))
    wrapper.chmod(0o755)
    env = _env([bindir])

    def run(*cmd: str) -> None:
        proc = subprocess.run(list(cmd), cwd=repo, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")

    def stages() -> dict[str, float]:
        if not stage_log.exists():
            return {}
        out: dict[str, float] = {}
        for line in stage_log.read_text().splitlines():
            rec = json.loads(line)
            out[rec["cmd"]] = out.get(rec["cmd"], 0.0) + rec["s"]
            rss[rec["cmd"]] = max(rss.get(rec["cmd"], 0.0), rec.get("rss_mb", 0.0))
        stage_log.unlink()
        return out

    rss: dict[str, float] = {}
    run("git", "init", "-q")
    run("dvc", "init", "-q")
    run("dvc", "config", "core.analytics", "false")
    log(f"dvc repro: full run on {n} documents ...")
    w0 = time.perf_counter()
    run("dvc", "repro")
    full = time.perf_counter() - w0
    full_stages = stages()
    # one document at a time, each followed by a repro: the median of a few such runs, as one
    # run on a shared 2-core machine varies by a second or more
    runs: list[tuple[float, dict[str, float]]] = []
    for i in range(max(1, additions)):
        (repo / "raw" / f"skripsi_{n + i:05d}.txt").write_text(make_text(n + i, words_per_doc), encoding="utf-8")
        log(f"dvc repro: after adding one document ({i + 1} of {max(1, additions)}) ...")
        w0 = time.perf_counter()
        run("dvc", "repro")
        runs.append((time.perf_counter() - w0, stages()))
    incr, incr_stages = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    return {"repro_docs": n, "repro_words_per_doc": words_per_doc, "repro_full_s": full, "repro_incremental_s": incr,
            "repro_incremental_all_s": [r[0] for r in runs], "repro_ratio": incr / full,
            "repro_full_stages": full_stages, "repro_incremental_stages": incr_stages, "repro_stage_rss_mb": rss,
            "repro_peak_rss_mb": max(rss.values(), default=0.0),
            "repro_persist_patch": patched}


def _peak_rss_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_self_mb": own, "peak_rss_children_mb": kids, "peak_rss_mb": max(own, kids)}


def run_benchmark(
    *,
    docs: int,
    pdf_pages: int,
    repro_corpus: int,
    workdir: Path | None,
    jobs: int | None = None,
    words_per_doc: int = 1500,
    gazetteer: Path | None = None,
    persist: bool = True,
    startup_repeat: int = 3,
    repro_words_per_doc: int = 15000,
    repro_additions: int = 3,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Generate a corpus and measure throughput, memory, start-up and incremental `dvc repro`.

    `workdir` None: a temporary folder, removed afterwards. `gazetteer`: a prebuilt gazetteer
    (built into the work folder when None). `repro_corpus` 0 skips the DVC measurement. Returns
    a flat dict of figures (seconds, words/s, pages/s, MB, ratios), plus the DVC per-stage
    times when measured.
    """
    say = log or (lambda _msg: None)
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="kotakembar-bench-") as tmp:
            return run_benchmark(docs=docs, pdf_pages=pdf_pages, repro_corpus=repro_corpus, workdir=Path(tmp),
                                 jobs=jobs, words_per_doc=words_per_doc, gazetteer=gazetteer, persist=persist,
                                 startup_repeat=startup_repeat, repro_words_per_doc=repro_words_per_doc,
                                 repro_additions=repro_additions, log=log)
    from pipeline.cache import default_jobs

    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"cpu_count": os.cpu_count() or 1}
    jobs = default_jobs() if jobs is None else jobs

    if gazetteer is None:
        from pipeline.gazetteer import build_gazetteer

        gazetteer = work / "gazetteer"
        if not (gazetteer / "gazetteer.msgpack").exists():
            say("building the gazetteer ...")
            w0 = time.perf_counter()
            build_gazetteer(gazetteer)
            results["gazetteer_build_s"] = time.perf_counter() - w0

    say(f"corpus: {docs} documents of ~{words_per_doc} words ...")
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    texts = [p.read_text(encoding="utf-8") for p in make_corpus(raw, docs, words_per_doc=words_per_doc)]
    words = _words(texts)
    results.update(corpus_docs=docs, corpus_words=words)

    say("tokenizer ...")
    results.update(_measure_tokenizer_cache(texts, words, gazetteer))

    say("text path, 1 process ...")
    one = _text_path(raw, work / "text1", gazetteer, 1, words)
    results.update({f"text_path_{k}": v for k, v in one.items()})
    results["text_path_ratio"] = one["words_per_cpu_s"] / results["tokenizer_words_per_s"]
    if jobs > 1:
        say(f"text path, jobs={jobs} ...")
        many = _text_path(raw, work / "textN", gazetteer, jobs, words)
        results.update({f"text_path_jobs_{k}": v for k, v in many.items()})
        results["text_path_jobs"] = jobs
        same = all((work / "text1" / "mentions" / p.name).read_bytes() == p.read_bytes()
                   for p in (work / "textN" / "mentions").glob("*.json"))
        results["text_path_jobs_identical"] = 1 if same else 0
    # the figure of merit: the text path as it runs by default (documents spread over `jobs` worker
    # processes) against one bare tokenizer, both in words per second of wall time
    best_wall = results.get("text_path_jobs_words_per_s", one["words_per_s"])
    results["text_path_wall_ratio"] = best_wall / results["tokenizer_words_per_s"]

    say(f"PDF, {pdf_pages} pages ...")
    results.update(_pdf_rate(work, pdf_pages))

    say("start-up ...")
    results.update(_startup(work, gazetteer, repeat=startup_repeat))

    if repro_corpus > 0:
        results.update(_repro(work, repro_corpus, repro_words_per_doc, persist, say, additions=repro_additions))

    results.update(_peak_rss_mb())
    return results


def _check(key: str, value: float) -> str:
    if key not in TARGETS:
        return ""
    op, target = TARGETS[key]
    ok = value >= target if op == ">=" else value < target
    return f"   target {op} {target:g}: {'ok' if ok else 'MISSED'}"


def format_bench(results: dict[str, Any]) -> str:
    """The figures as a short report, each next to its target."""
    r = results
    lines = [f"corpus: {r['corpus_docs']} documents, {r['corpus_words']:,} words; {r['cpu_count']} CPU(s)"]
    if "gazetteer_build_s" in r:
        lines.append(f"gazetteer build:               {r['gazetteer_build_s']:8.1f} s")
    lines.append(f"tokenizer, spacy.blank('id'):  {r['tokenizer_words_per_s']:10,.0f} words/CPU-s")
    lines.append(f"  build_nlp's tokenizer        {r['tokenizer_built_nlp_words_per_s']:10,.0f}; after _flush_cache of a "
                 f"full cache {r['tokenizer_after_flush_words_per_s']:,.0f}; 200k-entry cache "
                 f"{r['tokenizer_cache200k_words_per_s']:,.0f}")
    lines.append(f"text path, 1 process:          {r['text_path_words_per_cpu_s']:10,.0f} words/CPU-s "
                 f"({r['text_path_words_per_s']:,.0f} words/s wall)")
    lines.append(f"  ingest {r['text_path_ingest_cpu_s']:.1f} s, annotate {r['text_path_annotate_cpu_s']:.1f} s, "
                 f"tables {r['text_path_tables_cpu_s']:.1f} s CPU; cached re-run of annotate "
                 f"{r['text_path_annotate_cached_s']:.2f} s")
    lines.append(f"  ratio to bare tokenization, per CPU-second: {r['text_path_ratio']:.3f}")
    if "text_path_jobs" in r:
        lines.append(f"text path, jobs={r['text_path_jobs']} ({r['text_path_jobs_workers']} workers): "
                     f"{r['text_path_jobs_words_per_s']:,.0f} words/s wall (annotate {r['text_path_jobs_annotate_s']:.1f} s "
                     f"vs {r['text_path_annotate_s']:.1f} s), outputs identical: {bool(r['text_path_jobs_identical'])}")
    lines.append(f"  ratio to bare tokenization, words/s wall: {r['text_path_wall_ratio']:.3f}"
                 + _check("text_path_wall_ratio", r["text_path_wall_ratio"]))
    lines.append(f"PDF ingest ({r['pdf_pages']} pages):       {r['pdf_pages_per_cpu_s']:10,.1f} pages/CPU-s "
                 f"({r['pdf_pages_per_s']:,.1f} pages/s wall)" + _check("pdf_pages_per_cpu_s", r["pdf_pages_per_cpu_s"]))
    lines.append(f"start-up, extract one file:    {r['startup_s']:10.2f} s wall ({r['startup_cpu_s']:.2f} s CPU)"
                 + _check("startup_s", r["startup_s"]))
    if "repro_docs" in r:
        lines.append(f"dvc repro, {r['repro_docs']} documents of ~{r.get('repro_words_per_doc', 0):,} words: "
                     f"full {r['repro_full_s']:.1f} s, "
                     f"one added {r['repro_incremental_s']:.1f} s, ratio {r['repro_ratio']:.3f}"
                     + _check("repro_ratio", r["repro_ratio"]))
        if len(r.get("repro_incremental_all_s") or []) > 1:
            lines.append("  one added at a time, each run: " + ", ".join(f"{t:.1f} s" for t in r["repro_incremental_all_s"])
                         + " (the median is used)")
        for label, key in (("full", "repro_full_stages"), ("one added", "repro_incremental_stages")):
            st = r.get(key) or {}
            lines.append(f"  stages ({label}): " + ", ".join(f"{k} {v:.1f} s" for k, v in st.items()))
        if r.get("repro_stage_rss_mb"):
            lines.append("  peak RSS per stage: " + ", ".join(f"{k} {v:,.0f} MB" for k, v in r["repro_stage_rss_mb"].items()))
        if r.get("repro_persist_patch"):
            lines.append("  (copied dvc.yaml patched: " + "; ".join(r["repro_persist_patch"]) + ")")
    lines.append(f"peak RSS:                      {r['peak_rss_mb']:10,.0f} MB (this process "
                 f"{r['peak_rss_self_mb']:,.0f}, largest child {r['peak_rss_children_mb']:,.0f})"
                 + _check("peak_rss_mb", r["peak_rss_mb"]))
    return "\n".join(lines)


def main(
    docs: int = typer.Option(200, "--docs", help="Synthetic text documents for the throughput figures"),
    pdf_pages: int = typer.Option(100, "--pdf-pages", help="Pages of the synthetic PDF"),
    repro_corpus: int = typer.Option(500, "--repro-corpus", help="Corpus size for the dvc repro figure (0: skip)"),
    workdir: Path = typer.Option(None, "--workdir", help="Keep the generated corpora here"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    words_per_doc: int = typer.Option(1500, "--words-per-doc", help="Size of the throughput documents"),
    repro_words_per_doc: int = typer.Option(15000, "--repro-words-per-doc",
                                            help="Size of the dvc repro documents (a skripsi runs to 15-25k words)"),
    repro_additions: int = typer.Option(3, "--repro-additions", help="Documents added one at a time after the "
                                                                    "full run, each followed by `dvc repro` (median used)"),
    gazetteer: Path = typer.Option(None, "--gazetteer", help="A prebuilt gazetteer (else built into the work folder)"),
    no_persist: bool = typer.Option(False, "--no-persist", help="Measure DVC with dvc.yaml as it is"),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures here (JSON)"),
) -> None:
    """Measure throughput, PDF pages/s, peak memory, start-up and incremental `dvc repro`; print figures."""
    results = run_benchmark(docs=docs, pdf_pages=pdf_pages, repro_corpus=repro_corpus, workdir=workdir,
                            jobs=jobs or None, words_per_doc=words_per_doc, gazetteer=gazetteer, persist=not no_persist,
                            repro_words_per_doc=repro_words_per_doc, repro_additions=repro_additions,
                            log=lambda m: typer.echo(m, err=True))
    typer.echo(format_bench(results))
    if json_out:
        json_out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    typer.run(main)
