"""The synthetic corpus of the benchmarks (and of tests that need many documents): thesis-like text and PDF.

Sentences come from this module's own templates (random Indonesian-foreign city pairs, dates,
sectors, instruments) mixed with Zipf-sampled pseudo-words; everything is deterministic for a seed.
"""

from __future__ import annotations

import random
from pathlib import Path

ID_CITIES = ["Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Palembang", "Denpasar", "Batam",
             "Manado", "Pontianak", "Padang", "Balikpapan", "Malang", "Ambon", "Banda Aceh", "Tarakan"]
FOREIGN = [("Busan", "Korea Selatan"), ("Kitakyushu", "Jepang"), ("Xiamen", "Tiongkok"), ("Liverpool", "Inggris"),
           ("Rotterdam", "Belanda"), ("Seattle", "Amerika Serikat"), ("Darwin", "Australia"), ("Hamburg", "Jerman"),
           ("Lyon", "Prancis"), ("Suwon", "Korea Selatan"), ("Kochi", "Jepang"), ("Guangzhou", "Tiongkok"),
           ("Perth", "Australia"), ("Davao", "Filipina"), ("Izmir", "Turki"), ("Mashhad", "Iran")]
SECTORS = ["pendidikan", "pariwisata", "perdagangan", "kebudayaan", "kesehatan", "lingkungan hidup", "perikanan",
           "pertanian", "investasi", "transportasi", "tata ruang kota", "kepemudaan dan olahraga", "industri kreatif"]
INSTRUMENTS = ["nota kesepahaman", "Memorandum of Understanding (MoU)", "Letter of Intent (LoI)",
               "perjanjian kerja sama", "naskah pernyataan keinginan bersama", "kesepakatan bersama"]
RELATIONS = ["kota kembar", "sister city", "kota bersaudara", "kerja sama kota kembar"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]

# Sentences written for this benchmark (not taken from any thesis).
TEMPLATES = [
    "Pada {d}, Pemerintah Kota {a} dan Pemerintah Kota {b} menandatangani {i} mengenai kerja sama bidang {s} dan {s2}.",
    "Hubungan {r} antara {a} dan {b} ({n}) diresmikan di {b} pada tahun {y}.",
    "Wali Kota {a} memimpin delegasi ke {b} untuk meninjau program {s} yang berjalan sejak {y}.",
    "Menurut Bagian Kerja Sama Sekretariat Daerah, program {s} menjadi prioritas dalam kemitraan kedua kota.",
    "Penelitian ini memakai metode kualitatif dengan wawancara mendalam dan telaah dokumen resmi.",
    "Sebanyak {k} pelajar dari {a} mengikuti pertukaran pelajar di {b} selama {k2} minggu.",
    "Dokumen {i} yang ditandatangani pada {d} berlaku selama {k3} tahun dan dapat diperpanjang.",
    "Hambatan yang muncul antara lain anggaran yang terbatas, kendala bahasa, serta pergantian kepala daerah.",
    "Kota {b} di {n} dikenal dengan sektor {s}, sehingga dipandang sebagai mitra yang cocok bagi Kota {a}.",
    "Dari sudut pandang paradiplomasi, pemerintah daerah bertindak sebagai aktor hubungan luar negeri yang terbatas.",
    "Tim teknis kedua kota bertemu lagi pada bulan {m} {y} untuk menyusun rencana aksi bidang {s}.",
    "Kemitraan {a} dan {b} turut mendorong arus wisatawan serta promosi produk usaha kecil dan menengah.",
    "Setiap kerja sama luar negeri pemerintah daerah memerlukan persetujuan dari pemerintah pusat.",
    "Pekan budaya {n} diselenggarakan di {a} pada {d} dan dikunjungi ribuan warga.",
    "Selain itu, {a} juga menjalin {r} dengan {b2} melalui {i} yang disepakati pada tahun {y2}.",
    "Evaluasi tahunan memperlihatkan bahwa manfaat kerja sama belum merata bagi seluruh warga kota.",
    "The partnership between {a} and {b} was formalised in a memorandum of understanding signed on {d_en}.",
    "Data sekunder dihimpun dari laporan tahunan, arsip dinas, dan berita media lokal.",
    "Utusan {b} menyatakan minat menanamkan modal di kawasan industri {a}, khususnya sektor {s}.",
    "Program magang tenaga kesehatan ke {b} berlangsung pada {m} {y} dengan biaya ditanggung bersama.",
    "Dinas Pendidikan {a} mengirim {k} guru untuk pelatihan singkat di {b} pada tahun {y}.",
    "Kedua wali kota sepakat memperluas kerja sama ke bidang {s} mulai tahun anggaran {y2}.",
    "Pemerintah Provinsi {p} mendukung penuh kerja sama {r} yang dirintis oleh Kota {a}.",
    "Pertemuan koordinasi diadakan di balai kota setiap tiga bulan sekali.",
]
TEMPLATE_SHARE = 0.35  # the rest of the sentences: pseudo-words (see _free_sentence)
PROVINCES = ["Jawa Timur", "Jawa Barat", "Jawa Tengah", "Sumatera Utara", "Sulawesi Selatan", "Bali", "Kepulauan Riau"]
CHAPTERS = ["BAB I PENDAHULUAN", "BAB II TINJAUAN PUSTAKA", "BAB III METODE PENELITIAN",
            "BAB IV HASIL DAN PEMBAHASAN", "BAB V KESIMPULAN DAN SARAN"]


# A Zipf-distributed vocabulary of Indonesian-looking pseudo-words, so that the corpus has the
# lexical spread of real prose (templates alone repeat a few hundred words, which makes spaCy's
# tokenizer cache look far better than it is on real theses).
_ONSETS = ["", "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y"]
_VOWELS = ["a", "a", "i", "u", "e", "o"]
_CODAS = ["", "", "", "n", "ng", "r", "s", "t", "k", "h", "l", "m"]
_PREFIXES = ["", "", "", "me", "mem", "men", "ber", "di", "ter", "pe", "pen", "ke", "se"]
_SUFFIXES = ["", "", "", "", "kan", "an", "nya", "i", "lah"]
_FUNCTION_WORDS = ("yang dan di dengan dalam untuk dari pada ini itu oleh akan atau sebagai juga ke bahwa "
                   "tidak telah masih dapat lebih antara serta karena tersebut adalah para secara setiap").split()
_VOCAB: list[str] = []
_CUM: list[float] = []


def _vocabulary(size: int = 40_000) -> tuple[list[str], list[float]]:
    if not _VOCAB:
        rng = random.Random(12345)
        seen: set[str] = set(_FUNCTION_WORDS)
        words = list(_FUNCTION_WORDS)
        while len(words) < size:
            stem = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(2, 3)))
            w = rng.choice(_PREFIXES) + stem + rng.choice(_SUFFIXES)
            if w not in seen and len(w) > 2:
                seen.add(w)
                words.append(w)
        total = 0.0
        for rank in range(1, len(words) + 1):
            total += 1.0 / rank ** 1.05
            _CUM.append(total)
        _VOCAB.extend(words)
    return _VOCAB, _CUM


def _free_sentence(rng: random.Random) -> str:
    """A sentence of Zipf-sampled pseudo-words with the punctuation and numbers of real prose."""
    vocab, cum = _vocabulary()
    words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 22))
    for i in range(len(words)):
        r = rng.random()
        if r < 0.06:
            words[i] = words[i].capitalize()
        elif r < 0.1:
            words[i] += rng.choice([",", ",", ",", ".", ")", ";"])
        elif r < 0.11:
            words[i] = f'"{words[i]}"'
        elif r < 0.12:
            words[i] = f"{rng.randint(2, 999)}"
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), f"({rng.choice(['lihat', 'dalam'])} Tabel {rng.randint(1, 5)}.{rng.randint(1, 9)})")
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99)},{rng.randint(0, 9)}%")
    return " ".join(words).capitalize().rstrip(",") + rng.choice([".", ".", ".", ";", ":"])


def _date(rng: random.Random, english: bool = False) -> str:
    d, m, y = rng.randint(1, 28), rng.randrange(12), rng.randint(1995, 2022)
    return f"{(MONTHS_EN if english else MONTHS)[m]} {d}, {y}" if english else f"{d} {MONTHS[m]} {y}"


def _fill(template: str, rng: random.Random, a: str, b: str, n: str) -> str:
    b2, _ = rng.choice(FOREIGN)
    s, s2 = rng.sample(SECTORS, 2)
    return template.format(
        a=a, b=b, n=n, b2=b2, s=s, s2=s2, i=rng.choice(INSTRUMENTS), r=rng.choice(RELATIONS), d=_date(rng),
        d_en=_date(rng, english=True), y=rng.randint(1995, 2022), y2=rng.randint(2000, 2024), m=rng.choice(MONTHS),
        k=rng.randint(5, 60), k2=rng.randint(1, 8), k3=rng.choice([2, 3, 5, 10]), p=rng.choice(PROVINCES))


def make_text(seed: int, words: int = 1500) -> str:
    """One thesis-like plain-text document of about `words` words (deterministic for a seed)."""
    rng = random.Random(seed)
    a = rng.choice(ID_CITIES)
    b, n = rng.choice(FOREIGN)
    lines = [f"KERJA SAMA {rng.choice(RELATIONS).upper()} KOTA {a.upper()} DAN KOTA {b.upper()} ({n.upper()})", "",
             f"Skripsi oleh Mahasiswa {seed:04d}", "", "ABSTRAK", ""]
    count = sum(len(x.split()) for x in lines)
    per_chapter = max(1, words // len(CHAPTERS))
    for chapter in CHAPTERS:
        lines += [chapter, ""]
        written = 0
        while written < per_chapter:
            para = " ".join(_fill(rng.choice(TEMPLATES), rng, a, b, n) if rng.random() < TEMPLATE_SHARE
                            else _free_sentence(rng) for _ in range(rng.randint(3, 7)))
            lines += [para, ""]
            written += len(para.split())
        count += written
    lines += ["DAFTAR PUSTAKA", "",
              f"Pratama, R. ({rng.randint(2005, 2021)}). Paradiplomasi Kota di Indonesia. Yogyakarta: Pustaka Kota.", ""]
    return "\n".join(lines)


def make_corpus(raw_dir: Path, docs: int, *, words_per_doc: int = 1500, seed: int = 0) -> list[Path]:
    """Write `docs` text documents into `raw_dir`; returns their paths."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(docs):
        p = raw_dir / f"skripsi_{seed + k:05d}.txt"
        p.write_text(make_text(seed + k, words_per_doc), encoding="utf-8")
        paths.append(p)
    return paths


def make_pdf(path: Path, pages: int, seed: int = 1, *, tables_every: int = 0, footnotes_every: int = 0) -> None:
    """A thesis-like PDF of `pages` pages: running header, page numbers, chapter headings, justified template
    sentences; with `tables_every` a ruled table every that many pages, with `footnotes_every` a raised
    footnote marker and its footnote every that many pages (the one generator of the benchmarks)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    width, height = A4
    left, right = 85, width - 72
    a = rng.choice(ID_CITIES)
    b, n = rng.choice(FOREIGN)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    note = 0
    for page in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(left, height - 40, f"Kerja Sama Kota {a} dan {b}")
        c.drawCentredString(width / 2, 36, str(page))
        y = height - 90
        if page % 12 == 1:
            c.setFont("Times-Bold", 14)
            c.drawCentredString(width / 2, y, CHAPTERS[(page // 12) % len(CHAPTERS)])
            y -= 36
        if tables_every and page % tables_every == tables_every // 2:
            xs = [left, left + 140, left + 280, right]
            ys = [y, y - 22, y - 44, y - 66, y - 88]
            c.grid(xs, ys)
            c.setFont("Times-Roman", 11)
            for i in range(4):
                for j in range(3):
                    c.drawString(xs[j] + 4, ys[i] - 15, f"Sel {i}-{j} data")
            y = ys[-1] - 30
        has_note = bool(footnotes_every) and page % footnotes_every == 0
        bottom = 130 if has_note else 80
        marked = False
        while y > bottom:
            para = " ".join(_fill(rng.choice(TEMPLATES), rng, a, b, n) for _ in range(rng.randint(2, 4)))
            for k, ln in enumerate(simpleSplit(para, "Times-Roman", 12, right - left - 24)):
                if y <= bottom:
                    break
                t = c.beginText(left + (24 if k == 0 else 0), y)
                t.setFont("Times-Roman", 12)
                t.textOut(ln)
                if has_note and not marked and ln.endswith("."):
                    # the footnote marker: raised, smaller digits right after the sentence
                    t.setRise(5)
                    t.setFont("Times-Roman", 7)
                    t.textOut(str(note + 1))
                    t.setRise(0)
                    marked = True
                c.drawText(t)
                y -= 20
            y -= 8
        if has_note:
            note += 1
            c.line(left, 112, left + 150, 112)
            c.setFont("Times-Roman", 9)
            c.drawString(left, 100, f"{note} Wawancara dengan staf bagian kerja sama, diakses pada "
                                    f"{rng.randint(1, 28)} Mei 2020.")
        c.showPage()
    c.save()
