"""Atomic writes: SIGKILL a real `kotakembar extract` at seeded random moments; tables are old, new or absent.

Two corpora A and B differ in a few documents. Reference outputs come from clean runs. Then one
output folder is worked on by runs alternating between B and A, each killed (whole process group,
SIGKILL) either after a random delay or the moment a table's temporary file shows up. After every
kill each table is absent or byte-identical to one of the references — so complete, parseable, with
the contract's header — and every interim JSON still parses. A final run to completion must give
exactly a clean run's files, whatever temporary files the kills left behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.tables import COLUMNS

pytestmark = pytest.mark.slow

SEED = 20240611
KILLS = 5  # runs really killed (a run may finish before its moment comes)
OUTPUTS = [f"{t}.csv" for t in COLUMNS] + ["datapackage.json"]

_PAIRS = [("Surabaya", "Busan", "Korea Selatan"), ("Bandung", "Braunschweig", "Jerman"),
          ("Medan", "Ichikawa", "Jepang"), ("Semarang", "Brisbane", "Australia"), ("Yogyakarta", "Kyoto", "Jepang"),
          ("Palembang", "Xiamen", "Tiongkok"), ("Makassar", "Seattle", "Amerika Serikat"), ("Malang", "Chengdu", "Tiongkok")]
_SECTORS = ["pendidikan", "pariwisata", "ekonomi", "kebudayaan", "perdagangan", "kesehatan", "lingkungan hidup"]


def _document(seed: int, paragraphs: int) -> str:
    rng = random.Random(seed)
    a, b, country = rng.choice(_PAIRS)
    out = [f"# Kerja Sama Kota {a} dan Kota {b}", ""]
    for k in range(paragraphs):
        sector = rng.choice(_SECTORS)
        out += [f"Pemerintah Kota {a} menjalin kerja sama sister city dengan Kota {b} di {country} dalam bidang "
                f"{sector}. Nota kesepahaman ditandatangani pada {rng.randint(1, 28)} Agustus {rng.randint(1990, 2020)} "
                f"di Kota {a}. Kegiatan ke-{k + 1} meliputi pertukaran pelajar dan promosi {sector} kedua kota.", ""]
    return "\n".join(out)


def _corpus(folder: Path, variant: int) -> Path:
    """12 markdown documents; variant 1 changes two of them and adds one."""
    folder.mkdir()
    for i in range(12):
        seed = i + 1000 * variant if (variant and i in (3, 11)) else i
        (folder / f"dokumen {i:02d}.md").write_text(_document(seed, 15), encoding="utf-8")
    if variant:
        (folder / "-tambahan.md").write_text(_document(777, 15), encoding="utf-8")
    return folder


def _command(src: Path, out: Path, gazetteer: Path) -> list[str]:
    exe = Path(sys.executable).parent / "kotakembar"
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline"]
    return [*cli, "extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer), "--silent"]


def _env() -> dict[str, str]:
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
                PYTHONHASHSEED="0")


def _run(src: Path, out: Path, gazetteer: Path) -> float:
    t = time.perf_counter()
    proc = subprocess.run(_command(src, out, gazetteer), cwd=out.parent, env=_env(), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return time.perf_counter() - t


def _tree(out: Path) -> dict[str, bytes]:
    """Every file under `out` except temporary files."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.endswith(".tmp")}


def _tmp_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.tmp") if p.is_file()]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and any annotate worker it started
    except ProcessLookupError:
        pass


def _run_and_kill(cmd: list[str], cwd: Path, out: Path, *, delay: float | None, nth_tmp: int | None) -> bool:
    """Start `cmd`; SIGKILL it after `delay` s or when the nth table temp file appears. True when it was killed."""
    before = {e.name for e in os.scandir(out)} if out.is_dir() else set()  # temp files left by earlier kills
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        start = time.perf_counter()
        seen: set[str] = set()
        while proc.poll() is None:
            if delay is not None and time.perf_counter() - start >= delay:
                break
            if nth_tmp is not None and out.is_dir():
                try:
                    seen.update(e.name for e in os.scandir(out) if e.name.endswith(".tmp") and e.name not in before)
                except FileNotFoundError:
                    pass
                if len(seen) > nth_tmp:
                    break
            time.sleep(0.0005)
        finished = proc.poll() is not None
        _kill_group(proc)
        proc.wait(timeout=60)
        return not finished and proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            _kill_group(proc)
            proc.wait(timeout=60)


def _check_outputs(out: Path, refs: list[dict[str, bytes]]) -> list[str]:
    """Every table absent, or complete, parseable and byte-equal to a reference; returns 'absent/A/B' per table."""
    states = []
    for name in OUTPUTS:
        path = out / name
        if not path.exists():
            states.append("-")
            continue
        data = path.read_bytes()
        if name.endswith(".csv"):
            text = data.decode("utf-8")
            assert text.endswith("\r\n"), f"{name}: does not end with a line terminator (cut short?)"
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert rows and rows[0] == COLUMNS[name[:-4]], f"{name}: header is {rows[:1]}"
            assert all(len(r) == len(rows[0]) for r in rows), f"{name}: a row has the wrong number of cells"
        else:
            json.loads(data)
        matches = [k for k, ref in enumerate(refs) if ref.get(name) == data]
        assert matches, f"{name}: neither the previous run's nor the new run's bytes"
        states.append("AB"[matches[0]] if len(matches) == 1 else "=")
    for p in (out / "interim").rglob("*.json") if (out / "interim").is_dir() else []:
        json.loads(p.read_text(encoding="utf-8"))  # no half-written interim record either
    return states


def test_sigkill_leaves_old_or_new_tables_and_the_next_run_recovers(gazetteer_dir: Path, tmp_path: Path) -> None:
    src_a, src_b = _corpus(tmp_path / "corpus_a", 0), _corpus(tmp_path / "corpus_b", 1)
    clean_a, clean_b = tmp_path / "clean_a", tmp_path / "clean_b"
    _run(src_a, clean_a, gazetteer_dir)
    full = _run(src_b, clean_b, gazetteer_dir)
    ref_a, ref_b = _tree(clean_a), _tree(clean_b)
    refs = [{k: v for k, v in ref.items() if k in OUTPUTS} for ref in (ref_a, ref_b)]
    assert refs[0]["documents.csv"] != refs[1]["documents.csv"]
    assert refs[0]["mentions.csv"] != refs[1]["mentions.csv"]

    # the folder the kills work on starts as a finished run over A
    out = tmp_path / "work" / "out"
    out.parent.mkdir()
    shutil.copytree(clean_a, out)

    rng = random.Random(SEED)
    log = []
    kills = 0
    states = _check_outputs(out, refs)
    for attempt in range(3 * KILLS):
        # always run towards the other corpus, so a kill while tables are written leaves a mix of A and B
        target = "A" if states[0] == "B" else "B"
        src = src_a if target == "A" else src_b
        if attempt % 2 == 0:
            delay, nth = rng.uniform(0.05, 0.8) * full, None  # a run over a cached folder takes less than `full`
        else:
            delay, nth = None, rng.randint(0, 3)
        killed = _run_and_kill(_command(src, out, gazetteer_dir), out.parent, out, delay=delay, nth_tmp=nth)
        states = _check_outputs(out, refs)
        log.append(f"run over {target} {'killed' if killed else 'finished'} "
                   f"({f'after {delay:.2f} s' if delay is not None else f'at table temp file #{nth + 1}'}): "
                   + " ".join(f"{n.split('.')[0]}={s}" for n, s in zip(OUTPUTS, states)))
        kills += killed
        if kills >= KILLS:
            break
    print("\n".join(log))
    print(f"{len(_tmp_files(out))} temporary files left behind by the kills")
    assert kills >= KILLS, "\n".join(log)

    # a run to completion recovers by itself, whatever the kills left behind
    final = "A" if states[0] == "B" else "B"
    _run(src_a if final == "A" else src_b, out, gazetteer_dir)
    assert _tree(out) == (ref_a if final == "A" else ref_b)
    assert not [p for p in _tmp_files(out) if not p.name.startswith(".")], "a visible temporary file was left"
