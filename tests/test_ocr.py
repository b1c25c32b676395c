"""OCR of scanned pages: a scanned Letter of Intent into agreements.csv, a thesis with scanned appendix pages,
Tesseract missing, the per-page cache, the limits, and the scans on the review pages.

Every scan is generated here by scripts/make_scans.py (DejaVu text at 200 dpi, grey ink on grey
paper, a purple stamp and a blue signature over the text, 1.2 degree skew, noise) and read by the
real Tesseract.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import psutil
import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest, ingest_file
from pipeline.ingest.ocr import TESSERACT_INSTALL, OcrOptions, OcrTarget, engine, ocr_pages
from pipeline.io import read_csv
from pipeline.review import render_reports

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
runner = CliRunner()


def _load_scans():
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "scripts" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_scans"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


scans = _load_scans()


def _tesseract_missing() -> str:
    try:
        engine()
    except Exception as e:  # noqa: BLE001 - the reason is the skip message
        return str(e)
    return ""


needs_fonts = pytest.mark.skipif(bool(scans.fonts_missing()), reason=scans.fonts_missing() or "fonts present")
needs_tesseract = pytest.mark.skipif(bool(_tesseract_missing()),
                                     reason=f"{_tesseract_missing()} — the OCR tests need it ({TESSERACT_INSTALL})")

STYLE = replace(scans.ScanStyle(), dpi=200, skew=1.2, header="", page_numbers=False)
LOI = [
    scans.Block("letterhead", "PEMERINTAH KOTA BOGOR"),
    scans.Block("title", "NASKAH PERNYATAAN KEINGINAN BERSAMA / LETTER OF INTENT"),
    scans.Block("columns", left=(
        "Pemerintah Kota Bogor, Republik Indonesia, dan Pemerintah Kota Takasaki, Jepang, dengan ini menyatakan "
        "keinginan bersama untuk menjalin hubungan kota kembar (sister city).",
        "Kerja sama kedua kota meliputi bidang pendidikan, pariwisata, kebudayaan dan lingkungan hidup.",
        "Naskah Pernyataan Keinginan Bersama ini ditandatangani di Bogor pada tanggal 12 Maret 2019 dalam bahasa "
        "Indonesia dan bahasa Inggris."), right=(
        "The Government of Bogor City, Republic of Indonesia, and the Government of Takasaki City, Japan, hereby "
        "express their intent to establish a sister city relationship.",
        "The cooperation covers education, tourism, culture and the environment.",
        "This Letter of Intent was signed in Bogor on 12 March 2019 in the Indonesian and English languages.")),
    scans.Block("gap"),
    scans.Block("columns", left=("Wali Kota Bogor",), right=("Mayor of Takasaki",)),
]
MOU = [
    scans.Block("letterhead", "PEMERINTAH KOTA BOGOR"),
    scans.Block("title", "MEMORANDUM SALING PENGERTIAN"),
    scans.Block("para", "Pada hari ini, Jumat tanggal 5 Juni 2020, Pemerintah Kota Bogor, Republik Indonesia, dan "
                        "Pemerintah Kota Takasaki, Jepang, menandatangani Memorandum Saling Pengertian tentang kerja "
                        "sama kota kembar."),
    scans.Block("para", "Kerja sama kedua kota meliputi bidang perdagangan dan kesehatan."),
]
THESIS_PAGES = [
    ["Hubungan kota kembar antara Kota Bogor dan Kota Takasaki di Jepang dirintis",
     "sejak kunjungan delegasi Takasaki ke Bogor. Kedua pemerintah kota kemudian",
     "menyiapkan naskah kerja sama yang salinannya dilampirkan pada skripsi ini."],
    ["Penelitian ini menggunakan metode kualitatif dengan wawancara kepada pejabat",
     "Bagian Kerja Sama Pemerintah Kota Bogor."],
]
CAPTION = "Lampiran 1. Naskah Pernyataan Keinginan Bersama Kota Bogor dan Kota Takasaki"
LOI_SENTENCE = "This Letter of Intent was signed in Bogor on 12 March 2019 in the Indonesian and English languages."
MOU_WORDS = "Jumat tanggal 5 Juni 2020"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The scanned LoI (one image-only page), a thesis with scanned appendix pages, a text file, a 2-page scan."""
    if scans.fonts_missing():
        pytest.skip(scans.fonts_missing())
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    d = tmp_path_factory.mktemp("scans")
    loi_img = scans.scan(LOI, STYLE)
    mou_img = scans.scan(MOU, replace(STYLE, seed=1, stamp=False))
    files = {"loi": scans.write_pdf(loi_img, d / "loi" / "loi_bogor_takasaki.pdf", STYLE.dpi)}
    # a thesis: two text pages, a page with a caption over the scanned LoI, a scanned MoU page
    thesis = d / "thesis" / "skripsi_bogor.pdf"
    thesis.parent.mkdir()
    c = canvas.Canvas(str(thesis), pagesize=A4, invariant=1)
    for n, rows in enumerate(THESIS_PAGES, 1):
        c.setFont("Helvetica", 9)
        c.drawString(72, A4[1] - 40, "Skripsi Ilmu Hubungan Internasional")
        c.drawCentredString(A4[0] / 2, 30, str(n))
        c.setFont("Times-Roman", 12)
        for k, row in enumerate(rows):
            c.drawString(72, A4[1] - 100 - 18 * k, row)
        c.showPage()
    c.setFont("Times-Roman", 12)
    c.drawString(72, A4[1] - 80, CAPTION)
    c.drawImage(ImageReader(loi_img[0]), 80, 40, width=430, height=430 * 1.414)
    c.showPage()
    c.drawImage(ImageReader(mou_img[0]), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    files["thesis"] = thesis
    text = d / "text" / "berita_malang.txt"
    text.parent.mkdir()
    text.write_text("Kota Malang dan Kota Nanning di Tiongkok menandatangani nota kesepahaman kerja sama sister city "
                    "pada 14 Juni 2023 di bidang pendidikan.\n", encoding="utf-8")
    files["text"] = text
    files["two"] = scans.write_pdf(scans.scan(scans.text_blocks(
        "Pemerintah Kota Bogor menerima kunjungan delegasi Kota Takasaki.\n" * 30 + "Halaman kedua dimulai di sini.\n" * 20),
        replace(STYLE, header="Arsip Bagian Kerja Sama", page_numbers=True)), d / "two" / "dua_halaman.pdf", STYLE.dpi)
    return files


@pytest.fixture(scope="module")
def extracted(scanned: dict[str, Path], gazetteer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kotakembar extract` over the LoI, the thesis and the text file (Tesseract present)."""
    if _tesseract_missing():
        pytest.skip(_tesseract_missing())
    out = tmp_path_factory.mktemp("extracted")
    inputs = [str(scanned[k]) for k in ("loi", "thesis", "text")]
    result = runner.invoke(app, ["extract", *inputs, "--out", str(out), "--gazetteer", str(gazetteer_dir), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


def _by_file(out: Path) -> dict[str, dict[str, str]]:
    return {Path(r["file"]).name: r for r in read_csv(out / "documents.csv")}


def _ingested(out: Path, doc_id: str) -> dict:
    return json.loads((out / "interim" / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))


@needs_tesseract
@needs_fonts
def test_scanned_loi_page_gives_its_instrument_and_date(extracted: Path) -> None:
    doc = _by_file(extracted)["loi_bogor_takasaki.pdf"]
    ocr = _ingested(extracted, doc["doc_id"])["ocr"]
    assert [(r["page"], r["region"]) for r in ocr] == [(1, False)]
    assert doc["status"] == "ok"
    assert doc["message"] == (f"OCR: pages 1 read by tesseract {engine().version} (eng+ind), "
                              f"mean word confidence {ocr[0]['confidence']:.2f}")
    rows = [r for r in read_csv(extracted / "agreements.csv") if r["doc_id"] == doc["doc_id"]]
    assert [(r["instrument"], r["signed"], r["city_a"], r["city_b"], r["relationship"], r["page"]) for r in rows] == [
        ("letter_of_intent", "2019-03-12", "Bogor", "Takasaki", "sister_city", "1")]
    assert rows[0]["method"] == "rules:partnerships.v1+ocr"
    assert float(rows[0]["confidence"]) == round(0.9 * ocr[0]["confidence"], 3)
    assert rows[0]["sectors"] == "culture|education|environment|tourism"
    # the bilingual columns are read one after the other, not line by line across the gutter
    text = (extracted / "interim" / "docs" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    assert LOI_SENTENCE in text
    assert ("Naskah Pernyataan Keinginan Bersama ini ditandatangani di Bogor pada tanggal 12 Maret 2019 dalam bahasa "
            "Indonesia dan bahasa Inggris.") in text
    mentions = [m for m in read_csv(extracted / "mentions.csv") if m["doc_id"] == doc["doc_id"]]
    assert mentions and all(m["method"].endswith("+ocr") for m in mentions)


@needs_tesseract
@needs_fonts
def test_mixed_pdf_reads_text_pages_and_scanned_appendix(extracted: Path) -> None:
    doc = _by_file(extracted)["skripsi_bogor.pdf"]
    data = _ingested(extracted, doc["doc_id"])
    assert doc["status"] == "ok" and doc["pages"] == "4"
    assert [(r["page"], r["region"]) for r in data["ocr"]] == [(3, True), (4, False)]
    assert doc["message"].startswith("OCR: pages 3-4 read by tesseract") and doc["message"].endswith(
        "(on pages 3 only a scanned image)")
    text = data["text"]
    starts = data["page_starts"]

    def page_of(snippet: str) -> int:
        at = text.index(snippet)
        return max(k for k, s in enumerate(starts) if s <= at) + 1

    assert page_of("dirintis sejak kunjungan delegasi Takasaki ke Bogor") == 1
    assert page_of("Bagian Kerja Sama Pemerintah Kota Bogor.") == 2
    assert page_of(CAPTION) == 3 and page_of(LOI_SENTENCE) == 3
    assert page_of(MOU_WORDS) == 4
    assert "Skripsi Ilmu Hubungan Internasional" not in text  # running header: furniture, as on text pages
    rows = [r for r in read_csv(extracted / "agreements.csv") if r["doc_id"] == doc["doc_id"]]
    assert sorted((r["instrument"], r["signed"], r["page"], r["method"]) for r in rows if r["instrument"]) == [
        ("letter_of_intent", "2019-03-12", "3", "rules:partnerships.v1+ocr"),
        ("memorandum_of_understanding", "2020-06-05", "4", "rules:partnerships.v1+ocr")]
    mentions = [m for m in read_csv(extracted / "mentions.csv") if m["doc_id"] == doc["doc_id"]]
    assert {m["page"] for m in mentions if m["method"].endswith("+ocr")} == {"3", "4"}
    assert {m["page"] for m in mentions if not m["method"].endswith("+ocr")} == {"1", "2"}


@needs_fonts
def test_tesseract_absent_names_the_file_and_install_command_batch_goes_on(
        scanned: dict[str, Path], gazetteer_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bin-without-tesseract"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))  # the real absence: nothing named tesseract to run
    out = tmp_path / "out"
    inputs = [str(scanned[k]) for k in ("loi", "thesis", "text")]
    result = runner.invoke(app, ["extract", *inputs, "--out", str(out), "--gazetteer", str(gazetteer_dir), "--jobs", "1",
                                 "--silent"])
    assert result.exit_code == 0, result.output
    absent = f"Tesseract is not installed (no `tesseract` on PATH); install it with: {TESSERACT_INSTALL}"
    docs = _by_file(out)
    assert docs["loi_bogor_takasaki.pdf"]["status"] == "failed"
    assert docs["loi_bogor_takasaki.pdf"]["message"] == (
        f"no text layer — needs OCR (the 1-page PDF holds only images or drawings), but {absent}")
    assert f"  failed: loi/{scanned['loi'].name}: no text layer — needs OCR (the 1-page PDF holds only images or " \
           f"drawings), but {absent}\n" in result.output
    assert docs["skripsi_bogor.pdf"]["status"] == "warning"
    assert docs["skripsi_bogor.pdf"]["message"] == (
        f"1 of 4 pages have no text layer (pages 4) — they need OCR, but {absent}; "
        f"pages 3 hold a large image without text (a scan?) — it needs OCR, but {absent}")
    assert docs["berita_malang.txt"]["status"] == "ok"
    rows = read_csv(out / "agreements.csv")
    assert {(r["city_a"], r["city_b"], r["instrument"], r["signed"]) for r in rows} == {
        ("Malang", "Nanning", "memorandum_of_understanding", "2023-06-14"),
        ("Bogor", "Takasaki", "letter_of_intent", "")}  # the thesis's text pages still give their pair (the caption)


@needs_tesseract
@needs_fonts
def test_ocr_cached_per_page_and_deterministic(extracted: Path, scanned: dict[str, Path], tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    first = extracted / "interim" / "docs"
    doc_id = _by_file(extracted)["loi_bogor_takasaki.pdf"]["doc_id"]
    # a fresh run elsewhere reads the page again: same text, same OCR record, same review image
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(scanned["loi"], src / scanned["loi"].name)
    again = tmp_path / "docs"
    ingest([src], again, jobs=1)
    assert (again / f"{doc_id}.txt").read_bytes() == (first / f"{doc_id}.txt").read_bytes()
    key = json.loads((first / f"{doc_id}.json").read_text(encoding="utf-8"))["ocr"][0]["key"]
    assert sorted(p.name for p in (again / "ocr").iterdir()) == [f"{key}.json", f"{key}.png"]
    assert (again / "ocr" / f"{key}.png").read_bytes() == (first / "ocr" / f"{key}.png").read_bytes()
    # a new sidecar makes the document be read again, but its page comes from the cache
    (src / "loi_bogor_takasaki.meta.yaml").write_text("title: Letter of Intent Bogor-Takasaki\n", encoding="utf-8")
    capfd.readouterr()
    docs = ingest([src], again, jobs=1, ocr_progress=True)
    err = capfd.readouterr().err
    assert "OCR loi_bogor_takasaki.pdf: 1 of 1 pages read in" in err and "(1 from the cache)" in err
    assert docs[0].meta["title"] == "Letter of Intent Bogor-Takasaki"
    assert (again / f"{doc_id}.txt").read_bytes() == (first / f"{doc_id}.txt").read_bytes()
    # the file gone, its OCR results go too
    (src / "loi_bogor_takasaki.pdf").unlink()
    ingest([src], again, jobs=1)
    assert not list((again / "ocr").iterdir())


@needs_tesseract
@needs_fonts
def test_scanned_running_head_and_page_numbers_are_furniture(scanned: dict[str, Path]) -> None:
    doc = ingest_file(scanned["two"])
    assert doc.status == "ok" and [r["page"] for r in doc.ocr] == [1, 2] and len(doc.page_starts) == 2
    assert "Arsip Bagian Kerja Sama" not in doc.text and "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert doc.text.startswith("Pemerintah Kota Bogor menerima kunjungan delegasi Kota Takasaki. Pemerintah")
    assert doc.text.endswith("di sini. Halaman kedua dimulai di sini.")
    assert doc.text[doc.page_starts[1]:].startswith(("Pemerintah Kota Bogor", "Halaman kedua"))


@needs_tesseract
@needs_fonts
def test_ocr_keeps_the_page_and_time_limits(scanned: dict[str, Path]) -> None:
    two = scanned["two"]
    doc = ingest_file(two, max_pages=1)
    assert doc.status == "warning" and [r["page"] for r in doc.ocr] == [1]
    assert "truncated: only the first 1 of 2 pages were read (limit 1 pages per document)" in doc.message
    # half the time limit spent: no new page is started (the first always is)
    pdf = pdfium.PdfDocument(str(two))
    try:
        pages, left = ocr_pages(pdf, [OcrTarget(0), OcrTarget(1)], OcrOptions(), time_up=lambda: True)
    finally:
        pdf.close()
    assert [p.target.page for p in pages] == [0] and left == 1 and pages[0].words > 100
    # the whole limit spent: the document gives up and no Tesseract outlives it
    doc = ingest_file(two, max_seconds=1.0)
    assert doc.status == "failed" and doc.message.startswith("gave up after 1 s (the time limit per document)")
    assert [p for p in psutil.Process().children(recursive=True) if p.name() == "tesseract"] == []


@needs_tesseract
@needs_fonts
def test_review_page_shows_the_scan_beside_the_ocr_text(extracted: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    render_reports(extracted, extracted / "interim" / "docs", reports)
    doc_id = _by_file(extracted)["skripsi_bogor.pdf"]["doc_id"]
    keys = [r["key"] for r in _ingested(extracted, doc_id)["ocr"]]
    page = (reports / "doc" / f"{doc_id}.html").read_text(encoding="utf-8")
    for k in keys:
        assert (reports / "doc" / "ocr" / f"{k}.png").read_bytes() == (
            extracted / "interim" / "docs" / "ocr" / f"{k}.png").read_bytes()
        assert f'<img src="ocr/{k}.png" width="900"' in page
    assert page.index('id="page-3"') < page.index(f'src="ocr/{keys[0]}.png"') < page.index("Lampiran 1.")
    assert "img-src data: 'self'" in page
    text_doc = _by_file(extracted)["berita_malang.txt"]["doc_id"]
    plain = (reports / "doc" / f"{text_doc}.html").read_text(encoding="utf-8")
    assert "figure" not in plain and "img-src data:\"" in plain  # a page without scans keeps its policy


@needs_tesseract
@needs_fonts
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not installed (apt-get install chromium) — "
                                                  "the browser check of the scans on the review page skipped")
def test_review_page_scans_load_in_chromium(extracted: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    render_reports(extracted, extracted / "interim" / "docs", reports)
    doc_id = _by_file(extracted)["skripsi_bogor.pdf"]["doc_id"]
    dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                          f"--user-data-dir={tmp_path / 'chromium-profile'}", "--virtual-time-budget=5000",
                          "--dump-dom", (reports / "doc" / f"{doc_id}.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    # the page's policy lets it load the scans beside it: both figures report their image loaded
    assert dom.count('<figure class="scan"') == 2 and dom.count('data-state="loaded"') == 2


@needs_tesseract
@needs_fonts
def test_ocr_benchmark_scores_scans_beside_texts(gazetteer_dir: Path, tmp_path: Path) -> None:
    from benchmarks.ocr_bench import format_ocr_bench, run_ocr_bench

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "mou.txt").write_text(
        "Pada hari ini, Jumat tanggal 5 Juni 2020, Pemerintah Kota Bogor dan Pemerintah Kota Takasaki, Jepang, "
        "menandatangani Memorandum Saling Pengertian tentang kerja sama kota kembar.\n"
        "Kerja sama kedua kota meliputi bidang perdagangan dan kesehatan.\n", encoding="utf-8")
    bogor = {"name": "Bogor", "country": "ID", "geonames_id": 1648473, "surfaces": ["Kota Bogor"]}
    takasaki = {"name": "Takasaki", "country": "JP", "geonames_id": 1851002, "surfaces": ["Kota Takasaki"]}
    gold = {"id": "mou", "file": "mou.txt", "cities": [bogor, takasaki], "partnerships": [{
        "a": "Bogor", "a_country": "ID", "a_geonames_id": 1648473, "b": "Takasaki", "b_country": "JP",
        "b_geonames_id": 1851002, "relationship": "sister_city",
        "instruments": [{"type": "memorandum_of_understanding", "date": "2020-06-05"}],
        "sectors": ["trade", "health"], "sectors_optional": [], "start": None, "end": None}],
        "dates": [{"surface": "Jumat tanggal 5 Juni 2020", "value": "2020-06-05", "role": "event"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    res = run_ocr_bench(tmp_path / "gold.jsonl", texts, tmp_path / "work", gazetteer=gazetteer_dir, jobs=1,
                        log=lambda m: None)
    assert res["documents"] == 1 and res["pages"] == 1 and res["statuses"] == {"ok": 1, "warning": 0, "failed": 0}
    assert res["ocr_pages_per_cpu_s"] > 0 and res["ocr_pages_per_s"] > 0 and res["word_accuracy"] > 0.9
    assert (tmp_path / "work" / "scans" / "mou.pdf").is_file()
    for metric in ("places", "partnerships", "instruments", "sectors", "event_dates"):
        assert res[metric]["text"]["f1"] == 1.0 and res[metric]["scan"]["f1"] == 1.0, metric
    assert "OCR pages/s" in format_ocr_bench(res)


def test_hocr_lines_keep_words_and_drop_stamp_marks() -> None:
    from pipeline.ingest.ocr import page_list, parse_hocr

    def word(text: str, conf: int) -> str:
        return f"<span class='ocrx_word' title='bbox 0 0 10 10; x_wconf {conf}'>{text}</span>"

    def line(words: str, y: int) -> str:
        return (f"<span class='ocr_line' title=\"bbox 100 {y} 900 {y + 40}; baseline 0 -8; x_size 46; "
                f"x_descenders 10; x_ascenders 10\">{words}</span>")

    hocr = ("<?xml version='1.0' encoding='UTF-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
            "<div class='ocr_page'><p class='ocr_par'>"
            + line(word("Kota", 96) + " " + word("Bogor", 95) + " " + word("&amp;", 91) + " " + word("~", 12), 100)
            + line(word("|", 60) + " " + word("=", 55) + " " + word("ES", 40), 150)
            + "</p></div></body></html>").encode()
    lines = parse_hocr(hocr)
    assert [(ln.text, ln.x0, ln.top, ln.bottom, ln.size, ln.conf) for ln in lines] == [
        ("Kota Bogor &", 100.0, 100.0, 140.0, 46.0, 0.94)]
    assert page_list([0, 1, 2, 6, 8, 9]) == "1-3, 7, 9-10"


def test_ocr_words_take_the_spelling_the_document_uses_more() -> None:
    from pipeline.ingest.ocr import harmonise, word_counts

    vocab = word_counts(["Queensland dan Queensland.", "Oueensland", "Letter of Intent (LoI), LoI", "Lol", "Kota Kota"])
    assert harmonise("Provinsi Jawa Tengah dan Oueensland; the Lol (Lol) of Kota Bogor; Mataram", vocab) == (
        "Provinsi Jawa Tengah dan Queensland; the LoI (LoI) of Kota Bogor; Mataram")
    # a spelling no more frequent than the word read stays as read
    assert harmonise("modem", word_counts(["modem", "modern"])) == "modem"
