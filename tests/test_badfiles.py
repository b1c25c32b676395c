"""A corpus of bad and awkward files through `kotakembar extract`: every file gets its row, good files all extract.

The corpus is generated in tmp: empty and zero-byte files, truncated / encrypted / image-only PDFs,
binary data named .txt, cp1252 / latin-1 / UTF-16 text, a 50 MB text file, a 1,000-page PDF,
duplicates, and names with spaces, accents and leading dashes. Also: the per-document limits of
`pipeline.ingest` and spreadsheet-formula neutralization of a sidecar title.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest_file
from pipeline.io import read_csv, unsafe_cell
from pipeline.tables import COLUMNS

runner = CliRunner()

FORMULA_TITLE = '=HYPERLINK("http://contoh.invalid/x","klik di sini")'
PAGES = 1000

# good files: name → (bytes or a builder, the Indonesian and the foreign city their mentions must include)
GOOD_TEXT = {
    "-rapat kota.txt": ("Notulen rapat.\n\nKota Surabaya menjalin kerja sama sister city dengan Kota Busan "
                        "di Korea Selatan sejak tahun 1994.\n", "utf-8", ("Surabaya", "Busan")),
    "Kebijakan_Pémerintah.md": ("# Kebijakan Pemerintah Daerah\n\nKota Bandung dan Kota Braunschweig di Jerman "
                                "menandatangani nota kesepahaman<sup>1</sup> pada 17 Agustus 1960.\n\n---\n\n"
                                "<sup>1</sup> Arsip\tpemerintah kota.\n", "utf-8", ("Bandung", "Braunschweig")),
    "catatan cp1252.txt": ("Kota Medan menjalin kerja sama kota kembar dengan Kota Ichikawa, Jepang — "
                           "termasuk pertukaran koki café.\n", "cp1252", ("Medan", "Ichikawa")),
    "catatan_latin1.txt": ("Delegasi dari Genève hadir. Kota Semarang dan Kota Brisbane di Australia bekerja "
                           "sama dalam bidang pariwisata, biaya ± 5 juta.\n", "latin-1", ("Semarang", "Brisbane")),
    "catatan_utf16.txt": ("Kota Yogyakarta menjalin hubungan sister city dengan Kota Kyoto di Jepang sejak 1985.\n",
                          "utf-16", ("Yogyakarta", "Kyoto")),
    "judul_formula.txt": ("Laporan singkat.\n\n- Kota Makassar dan Kota Seattle di Amerika Serikat sepakat "
                          "bekerja sama di bidang ekonomi.\n+62 411 000 000 adalah nomor kantor.\n",
                          "utf-8", ("Makassar", "Seattle")),
}
BIG_PDF = "seribu halaman.pdf"
BIG_PDF_CITIES = ("Palembang", "Xiamen")

# bad files: name → (status, key words the message must hold)
BAD = {
    "kosong.txt": ("failed", ["empty file"]),
    "nol.pdf": ("failed", ["empty file"]),
    "terpotong.pdf": ("failed", ["corrupt or truncated PDF"]),
    "terkunci.pdf": ("failed", ["encrypted PDF", "password"]),
    "pindaian.pdf": ("failed", ["no text layer", "needs OCR"]),
    "biner.txt": ("failed", ["binary data", "not text"]),
    "raksasa.txt": ("failed", ["text too long", "50,000,0", "characters (limit 10,000,000 per document)", "Split"]),
    "lama.doc": ("failed", ["unsupported file type '.doc'", "supported: .pdf, .txt, .md, .docx"]),
    "rusak.docx": ("failed", ["not a valid .docx"]),
    "salinan -rapat kota.txt": ("warning", ["duplicate of -rapat kota.txt"]),
}


def _canvas(path: Path, **kw):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path), pagesize=(595, 842), invariant=1, **kw)


def _text_pdf(path: Path, pages: list[list[str]], **kw) -> None:
    c = _canvas(path, **kw)
    for lines in pages:
        c.setFont("Helvetica", 12)
        for k, line in enumerate(lines):
            c.drawString(72, 600 - 18 * k, line)
        c.showPage()
    c.save()


def _build_corpus(src: Path) -> None:
    src.mkdir()
    for name, (text, enc, _cities) in GOOD_TEXT.items():
        (src / name).write_bytes(text.encode(enc))
    (src / "judul_formula.meta.yaml").write_text(f"title: '{FORMULA_TITLE}'\nyear: 2020\n", encoding="utf-8")
    pages = [[f"Pertemuan ke-{i + 1} membahas kerja sama pendidikan antar kota.", "Notulen dicatat oleh sekretariat."]
             for i in range(PAGES)]
    pages[-1].append("Kota Palembang menjalin kerja sama sister city dengan Kota Xiamen di Tiongkok.")
    _text_pdf(src / BIG_PDF, pages)

    (src / "kosong.txt").write_bytes(b"")
    (src / "nol.pdf").write_bytes(b"")
    _text_pdf(src / "utuh.tmp", [["Kota Padang dan kerja sama daerah."] * 20])
    whole = (src / "utuh.tmp").read_bytes()
    (src / "utuh.tmp").unlink()
    (src / "terpotong.pdf").write_bytes(whole[: len(whole) // 2])
    _text_pdf(src / "terkunci.pdf", [["Dokumen rahasia tentang Kota Padang."]], encrypt="pw")
    c = _canvas(src / "pindaian.pdf")
    for _ in range(2):
        c.rect(100, 100, 300, 500, fill=1)
        c.circle(300, 400, 50, fill=1)
        c.showPage()
    c.save()
    (src / "biner.txt").write_bytes(bytes(range(256)) * 64)
    sentence = b"Kota Bogor membahas kerja sama pendidikan pada rapat tahunan di balai kota.\n"
    (src / "raksasa.txt").write_bytes(sentence * (50_000_000 // len(sentence) + 1))
    (src / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 dokumen Word lama")
    (src / "rusak.docx").write_bytes(b"PK\x03\x04 ini bukan arsip zip yang utuh")
    (src / "salinan -rapat kota.txt").write_bytes((src / "-rapat kota.txt").read_bytes())


@pytest.fixture(scope="module")
def extracted(gazetteer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(input folder, output folder, CLI output) of one `kotakembar extract` over the corpus."""
    base = tmp_path_factory.mktemp("badfiles")
    src, out = base / "in", base / "out"
    _build_corpus(src)
    t = time.perf_counter()
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer_dir), "--silent"])
    print(f"extract over the bad-file corpus: {time.perf_counter() - t:.1f} s")
    assert result.exit_code == 0, result.output
    return src, out, result.output


@pytest.mark.slow
def test_every_file_has_a_row_with_status_and_reason(extracted: tuple[Path, Path, str]) -> None:
    src, out, output = extracted
    docs = {d["file"]: d for d in read_csv(out / "documents.csv")}
    inputs = {p.name for p in src.iterdir() if not p.name.endswith(".meta.yaml")}
    assert set(docs) == inputs
    for name, (status, words) in BAD.items():
        row = docs[name]
        assert row["status"] == status, (name, row["message"])
        for w in words:
            assert w in row["message"], (name, row["message"])
        assert row["doc_id"] and row["sha256"], name
        assert name in output  # the CLI names every file that is not ok


@pytest.mark.slow
def test_every_good_file_is_extracted_with_its_mentions(extracted: tuple[Path, Path, str]) -> None:
    _src, out, _output = extracted
    docs = {d["file"]: d for d in read_csv(out / "documents.csv")}
    mentions = read_csv(out / "mentions.csv")
    good = {**{n: cities for n, (_t, _e, cities) in GOOD_TEXT.items()}, BIG_PDF: BIG_PDF_CITIES}
    for name, cities in good.items():
        row = docs[name]
        assert row["status"] == "ok", (name, row["message"])
        found = {m["value"] for m in mentions if m["doc_id"] == row["doc_id"] and m["type"] == "CITY"}
        assert set(cities) <= found, (name, found)
    pairs = {(p["city_a"], p["city_b"]) for p in read_csv(out / "partnerships.csv")}
    assert set(good.values()) <= pairs


@pytest.mark.slow
def test_odd_encodings_decode_and_say_so(extracted: tuple[Path, Path, str]) -> None:
    _src, out, _output = extracted
    docs = {d["file"]: d for d in read_csv(out / "documents.csv")}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (out / "interim" / "docs").glob("*.txt")}
    assert "Windows-1252" in docs["catatan cp1252.txt"]["message"]
    assert "Jepang — termasuk pertukaran koki café" in texts[docs["catatan cp1252.txt"]["doc_id"]]
    assert "Genève" in texts[docs["catatan_latin1.txt"]["doc_id"]] and "± 5 juta" in texts[docs["catatan_latin1.txt"]["doc_id"]]
    assert texts[docs["catatan_utf16.txt"]["doc_id"]].startswith("Kota Yogyakarta menjalin")


@pytest.mark.slow
def test_thousand_page_pdf_is_read_to_the_last_page(extracted: tuple[Path, Path, str]) -> None:
    _src, out, _output = extracted
    row = next(d for d in read_csv(out / "documents.csv") if d["file"] == BIG_PDF)
    assert row["pages"] == str(PAGES)
    xiamen = [m for m in read_csv(out / "mentions.csv") if m["doc_id"] == row["doc_id"] and m["value"] == "Xiamen"]
    assert xiamen and {m["page"] for m in xiamen} == {str(PAGES)}


@pytest.mark.slow
def test_tables_are_complete_and_offsets_hold(extracted: tuple[Path, Path, str]) -> None:
    _src, out, _output = extracted
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (out / "interim" / "docs").glob("*.txt")}
    for table, cols in COLUMNS.items():
        raw = (out / f"{table}.csv").read_bytes()
        assert raw.endswith(b"\r\n") and raw.split(b"\r\n", 1)[0].decode() == ",".join(cols), table
    for m in read_csv(out / "mentions.csv"):
        assert texts[m["doc_id"]][int(m["start"]):int(m["end"])] == m["text"]
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow
def test_formula_title_is_neutralized_and_round_trips(extracted: tuple[Path, Path, str]) -> None:
    _src, out, _output = extracted
    raw = (out / "documents.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in raw  # a spreadsheet shows the text instead of running it
    assert ",=HYPERLINK(" not in raw and '"=HYPERLINK(' not in raw
    row = next(d for d in read_csv(out / "documents.csv") if d["file"] == "judul_formula.txt")
    assert row["title"] == FORMULA_TITLE and row["year"] == "2020"
    # pandas with the same converter (pipeline.io.unsafe_cell) gives the original values back
    df = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).map(unsafe_cell)
    assert df.loc[df["file"] == "judul_formula.txt", "title"].tolist() == [FORMULA_TITLE]
    assert df.loc[df["file"] == "-rapat kota.txt", "file"].tolist() == ["-rapat kota.txt"]
    # mention sentences that start with "-" or "+" are guarded too, and read back exactly
    sentences = [m["sentence"] for m in read_csv(out / "mentions.csv") if m["sentence"].startswith(("-", "+"))]
    assert sentences and all(f"'{s}" in (out / "mentions.csv").read_text(encoding="utf-8") for s in sentences)


@pytest.mark.slow
def test_strict_exits_1_when_a_file_failed(extracted: tuple[Path, Path, str], gazetteer_dir: Path,
                                           tmp_path: Path) -> None:
    src, out, _output = extracted
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer_dir),
                                 "--silent", "--strict"])
    assert result.exit_code == 1, result.output
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before  # the tables are still written, the same


def test_single_odd_names_given_as_files(gazetteer_dir: Path, tmp_path: Path) -> None:
    """Files named with a leading dash, spaces and accents, passed one by one (not as a folder)."""
    src = tmp_path / "in"
    src.mkdir()
    names = ["-rapat kota.txt", "Kebijakan_Pémerintah.md"]
    for name in names:
        text, enc, _cities = GOOD_TEXT[name]
        (src / name).write_bytes(text.encode(enc))
    result = runner.invoke(app, ["extract", "--out", str(tmp_path / "out"), "--gazetteer", str(gazetteer_dir),
                                 "--silent", "--", *(str(src / n) for n in names)])
    assert result.exit_code == 0, result.output
    docs = read_csv(tmp_path / "out" / "documents.csv")
    assert sorted(d["file"] for d in docs) == sorted(names) and {d["status"] for d in docs} == {"ok"}


# --------------------------------------------------------------------------- per-document limits of ingest


@pytest.fixture(scope="module")
def pdf_300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "tiga ratus.pdf"
    _text_pdf(path, [[f"Halaman {i + 1}: Kota Padang membahas kerja sama daerah."] for i in range(300)])
    return path


def test_page_limit_truncates_with_a_warning(pdf_300: Path) -> None:
    doc = ingest_file(pdf_300, max_pages=50)
    assert doc.status == "warning"
    assert "truncated" in doc.message and "first 50 of 300 pages" in doc.message and "missing" in doc.message
    assert len(doc.page_starts) == 50 and "Halaman 50:" in doc.text and "Halaman 51:" not in doc.text
    full = ingest_file(pdf_300)
    assert full.status == "ok" and len(full.page_starts) == 300


def test_time_limit_truncates_a_slow_pdf(pdf_300: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.ingest.pdf as pdf_mod

    real = pdf_mod._pdf_runs

    def slow(*a, **kw):  # every page takes 20 ms
        time.sleep(0.02)
        return real(*a, **kw)

    monkeypatch.setattr(pdf_mod, "_pdf_runs", slow)
    t = time.perf_counter()
    doc = ingest_file(pdf_300, max_seconds=1.0)
    assert time.perf_counter() - t < 1.5
    assert doc.status == "warning", doc.message
    assert "truncated" in doc.message and "time limit of 1 s per document" in doc.message
    assert 5 < len(doc.page_starts) < 300 and f"pages 1-{len(doc.page_starts)} of 300" in doc.message


def test_time_limit_fails_a_document_that_never_finishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.ingest.read as read_mod  # the reader is looked up where _fill calls it

    def stuck(*a, **kw):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(read_mod, "_parse_text", stuck)
    path = tmp_path / "macet.txt"
    path.write_text("Kota Padang.\n", encoding="utf-8")
    handler = signal.getsignal(signal.SIGALRM)
    t = time.perf_counter()
    doc = ingest_file(path, max_seconds=0.5)
    assert time.perf_counter() - t < 1.5
    assert doc.status == "failed" and doc.text == ""
    assert "gave up after 0.5 s" in doc.message and "time limit per document" in doc.message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no alarm left behind
    assert signal.getsignal(signal.SIGALRM) == handler


def test_character_limit_fails_a_text_dump(tmp_path: Path) -> None:
    path = tmp_path / "dump.md"
    path.write_text("Kota Padang membahas kerja sama.\n" * 1000, encoding="utf-8")
    doc = ingest_file(path, max_chars=10_000)
    assert doc.status == "failed" and doc.text == ""
    assert "text too long: 33,000 characters (limit 10,000 per document)" in doc.message
    assert ingest_file(path).status == "ok"
    assert ingest_file(path, max_chars=None, max_pages=None, max_seconds=None).status == "ok"
