"""Benchmark of the place gazetteer and the `kotakembar_places` component.

Prints: gazetteer build time and artifact size, load time (and tracemalloc peak of the load),
peak RSS, and words/s of ``spacy.blank("id")`` tokenization alone vs tokenization plus the
component over ~200k words made from template sentences written for this benchmark.

It also shows why the component does not build PhraseMatcher patterns with the tokenizer:
tokenizing ~150k gazetteer names through ``nlp.make_doc`` churns spaCy's tokenizer cache, and
tokenization of ordinary text measured right after is slower. The component keys names by
text and never tokenizes them, so it leaves the cache alone.

    .venv/bin/python benchmarks/bench_places.py [--words 200000] [--gazetteer DIR]
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import spacy
import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pipeline.components.places  # noqa: E402,F401  (registers the factory)
from pipeline.components.common import PLACES_KEY  # noqa: E402
from pipeline.gazetteer import ARTIFACT, Gazetteer, build_gazetteer  # noqa: E402

TEMPLATES = [
    "Pemerintah Kota {a} menandatangani nota kesepahaman dengan Kota {b} pada tahun {y}.",
    "Delegasi dari {b} tiba di {a} untuk membahas kerja sama pendidikan dan kebudayaan.",
    "Wali Kota {a} menerima rombongan pelajar dari {c} selama satu minggu.",
    "Hubungan kota kembar antara {a} dan {b} dimulai sejak {y} dan terus berkembang.",
    "Kerja sama itu meliputi bidang pariwisata, perdagangan, investasi, dan pertanian.",
    "Menurut peneliti, paradiplomasi memberi ruang bagi pemerintah daerah di {n}.",
    "Program pertukaran guru dari Provinsi {p} dilaksanakan setiap bulan Juli.",
    "Mahasiswa Universitas {u} mengikuti program musim panas di {b}.",
    "Setiap tahun festival budaya digelar di Jalan {b} yang diresmikan oleh wali kota.",
    "Investor dari {n} menanam modal di kawasan industri {a} dan Kabupaten {r}.",
    "Medan magnet dan gaya gravitasi dibahas dalam bab sebelumnya.",
    "Pertemuan evaluasi diadakan setiap bulan di balai kota.",
    "The city of {a} signed a letter of intent with {b} City in {y}.",
    "Data sekunder diperoleh dari buku, jurnal, dan laman resmi pemerintah.",
    "Kota {a} dikenal sebagai kota industri, sedangkan {b} unggul dalam teknologi pertanian.",
    "Kegiatan itu didukung oleh Pemko {a} dan perwakilan {b}-{k}.",
    "Perjanjian tersebut berakhir pada {d} {m} {y} tanpa perpanjangan.",
    "Pemerintah pusat memberi arahan melalui Kementerian Luar Negeri di Jakarta.",
]
FILL = {
    "a": ["Batam", "Surabaya", "Medan", "Bandung", "Semarang", "Makassar", "Palembang", "Denpasar"],
    "b": ["Gimje", "Busan", "Gwangju", "Liverpool", "Kyoto", "Seattle", "Shenzhen", "Xiamen", "Suwon"],
    "c": ["Seoul", "Tokyo", "Guangzhou", "Brisbane", "Rotterdam", "Kitakyushu"],
    "n": ["Korea Selatan", "Jepang", "Tiongkok", "Australia", "Inggris", "Belanda", "Jerman"],
    "p": ["Jawa Timur", "Jawa Barat", "Jawa Tengah", "Kepulauan Riau", "Sumatera Utara", "Bali"],
    "u": ["Sumatera Utara", "Airlangga", "Gadjah Mada", "Indonesia"],
    "r": ["Bintan", "Karimun", "Karanganyar", "Sleman", "Bogor", "Xyzabad"],
    "k": ["Korsel", "RRC", "Jepang"],
    "y": [str(y) for y in range(1990, 2024)],
    "d": [str(d) for d in range(1, 29)],
    "m": ["Januari", "Maret", "Mei", "Agustus", "Oktober", "Desember"],
}


def make_texts(n_words: int, seed: int = 13, doc_words: int = 2000) -> list[str]:
    """Paragraph-sized documents of filled template sentences, about n_words words in total."""
    rng = random.Random(seed)
    texts, cur, cur_words, total = [], [], 0, 0
    while total < n_words:
        tpl = rng.choice(TEMPLATES)
        s = tpl.format(**{k: rng.choice(v) for k, v in FILL.items()})
        w = len(s.split())
        cur.append(s)
        cur_words += w
        total += w
        if cur_words >= doc_words:
            texts.append(" ".join(cur))
            cur, cur_words = [], 0
    if cur:
        texts.append(" ".join(cur))
    return texts


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def words_per_s(fn, texts: list[str], repeat: int = 1) -> tuple[float, int]:
    """Best of `repeat` runs (the machine may be shared)."""
    best, n = 0.0, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = sum(len(doc) for doc in fn(texts))
        best = max(best, n / (time.perf_counter() - t0))
    return best, n


def main(words: int = typer.Option(200_000, help="Words of generated text to match"),
         gazetteer: Path = typer.Option(None, help="Use this built artifact, skip the build")) -> int:
    """Gazetteer build and load time, memory, and place-matching words/s."""
    a = SimpleNamespace(words=words, gazetteer=gazetteer)

    tmp = None
    if a.gazetteer is None:
        tmp = tempfile.TemporaryDirectory()
        gdir = Path(tmp.name)
        t0 = time.perf_counter()
        counts = build_gazetteer(gdir)
        print(f"gazetteer build: {time.perf_counter() - t0:.2f} s  "
              f"({counts['entries']} entries, {counts['names']} names: {counts['city']} cities, "
              f"{counts['region']} regions, {counts['country']} countries, {counts['regency']} regencies)")
    else:
        gdir = a.gazetteer
    size = (gdir / ARTIFACT).stat().st_size
    print(f"artifact: {gdir / ARTIFACT}  {size / 1e6:.2f} MB")

    # a fresh process: import + load, and its peak RSS (the build above inflates this one's)
    # (VmHWM of the new process image: ru_maxrss would carry the parent's high-water mark over exec)
    root, gpath = str(Path(__file__).resolve().parents[1]), str(gdir)
    probe = (
        f"import re, sys, time; sys.path.insert(0, {root!r}); t0 = time.perf_counter(); "
        f"from pipeline.gazetteer import Gazetteer; t1 = time.perf_counter(); Gazetteer.load({gpath!r}); "
        "t2 = time.perf_counter(); "
        "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024; "
        "print(f'{t1 - t0:.3f} {t2 - t1:.3f} {hwm:.0f}')"
    )
    imp_s, load_s, rss_fresh = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                              check=True).stdout.split()
    print(f"fresh process: import {imp_s} s, gazetteer load {load_s} s, peak RSS {rss_fresh} MB")

    rss0 = rss_mb()
    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        gaz = Gazetteer.load(gdir)
        loads.append(time.perf_counter() - t0)
    rss1 = rss_mb()
    del gaz
    tracemalloc.start()
    gaz = Gazetteer.load(gdir)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"gazetteer load: {min(loads):.3f} s best of 3 ({', '.join(f'{x:.3f}' for x in loads)}); "
          f"tracemalloc peak {peak / 1e6:.1f} MB; peak RSS {rss0:.0f} -> {rss1:.0f} MB")

    texts = make_texts(a.words)
    nlp = spacy.blank("id")
    pipe = nlp.add_pipe("kotakembar_places")
    pipe.set_gazetteer(gaz)

    tok = nlp.tokenizer
    words_per_s(lambda ts: tok.pipe(ts), texts)  # warm the tokenizer cache
    tok_wps, n_tok = words_per_s(lambda ts: tok.pipe(ts), texts, repeat=3)
    full_wps, _ = words_per_s(lambda ts: nlp.pipe(ts), texts, repeat=3)
    n_spans = sum(len(d.spans[PLACES_KEY]) for d in nlp.pipe(texts[:20]))
    print(f"text: {len(texts)} docs, {n_tok} tokens")
    print(f"blank('id') tokenizer alone: {tok_wps:,.0f} words/s")
    print(f"tokenizer + kotakembar_places: {full_wps:,.0f} words/s  "
          f"(component cost {1e6 / full_wps - 1e6 / tok_wps:.2f} us/word; {n_spans} spans in the first 20 docs)")

    # realistic density: the seed theses, if present (read at run time, repeated to ~200k words)
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if seeds.is_dir():
        real = [p.read_text(encoding="utf8") for p in sorted(seeds.glob("*.txt"))]
        n_real = sum(len(t.split()) for t in real)
        real = real * max(1, a.words // max(n_real, 1))
        r_tok, n_r = words_per_s(lambda ts: tok.pipe(ts), real, repeat=3)
        r_full, _ = words_per_s(lambda ts: nlp.pipe(ts), real, repeat=3)
        print(f"seed texts x{len(real) // 5} ({n_r} tokens): tokenizer {r_tok:,.0f} words/s, "
              f"+ component {r_full:,.0f} words/s")

    # what pattern building through the tokenizer would do to the cache
    names = list(gaz.names)
    t0 = time.perf_counter()
    for n in names:
        nlp.make_doc(n)
    pol_s = time.perf_counter() - t0
    cold_wps, _ = words_per_s(lambda ts: tok.pipe(ts), texts[:10])
    warm_wps, _ = words_per_s(lambda ts: tok.pipe(ts), texts[:10])
    print(f"tokenizer cache: make_doc over {len(names)} names took {pol_s:.1f} s; right after it "
          f"{cold_wps:,.0f} words/s on the first 10 docs, {warm_wps:,.0f} words/s once re-warmed "
          f"(the component never tokenizes names)")
    print(f"peak RSS: {rss_mb():.0f} MB")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    typer.run(main)
