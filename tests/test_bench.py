"""The benchmark runs end to end on a tiny corpus (speed targets are printed by `benchmarks/bench.py`, not tested)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import TARGETS, format_bench, run_benchmark
from benchmarks.corpus import make_text


def test_tiny_benchmark_returns_positive_figures(gazetteer_dir: Path, tmp_path: Path) -> None:
    res = run_benchmark(docs=5, pdf_pages=5, repro_corpus=0, workdir=tmp_path, jobs=1, words_per_doc=200,
                        gazetteer=gazetteer_dir, startup_repeat=1)
    for key in ("corpus_words", "tokenizer_words_per_s", "tokenizer_after_flush_words_per_s", "text_path_words_per_s",
                "text_path_ratio", "text_path_annotate_cached_s", "pdf_pages_per_cpu_s", "pdf_pages_per_s",
                "startup_s", "peak_rss_mb", *TARGETS.keys() - {"repro_ratio"}):
        assert key in res, key
    for key, value in res.items():
        assert isinstance(value, (int, float)) and value > 0, (key, value)
    assert res["text_path_annotate_cached_docs"] == 5
    text = format_bench(res)
    assert "target" in text and "words" in text


def test_generated_text_is_deterministic_and_sized() -> None:
    a, b = make_text(3, 400), make_text(3, 400)
    assert a == b and a != make_text(4, 400)
    assert 300 < len(a.split()) < 700


def test_stage_wrapper_logs_time_and_passes_exit_code(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from benchmarks.bench import _WRAPPER

    real = tmp_path / "real"
    real.write_text("#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\nexit 3\n")
    real.chmod(0o755)
    log = tmp_path / "stages.jsonl"
    wrapper = tmp_path / "kotakembar"
    wrapper.write_text(_WRAPPER.format(python=sys.executable, real=str(real), log=str(log)))
    wrapper.chmod(0o755)
    proc = subprocess.run([str(wrapper), "tables", "a b", "--silent"])
    assert proc.returncode == 3
    assert (tmp_path / "args").read_text() == "tables a b --silent\n"
    rec = json.loads(log.read_text())
    assert rec["cmd"] == "tables" and rec["s"] > 0 and rec["rss_mb"] > 0


def test_script_runs_from_anywhere_with_its_options(tmp_path: Path) -> None:
    """`python benchmarks/bench.py` outside the checkout's folder: it finds its corpus module and the package."""
    import os
    import subprocess
    import sys

    from .conftest import REPO

    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench.py"), "--help"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    for option in ("--docs", "--pdf-pages", "--repro-corpus", "--workdir", "--jobs", "--words-per-doc",
                   "--repro-words-per-doc", "--repro-additions", "--gazetteer", "--no-persist", "--json"):
        assert option in proc.stdout, option
