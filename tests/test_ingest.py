"""Tests for pipeline.ingest: one tiny generated fixture per behaviour."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import ingest, ingest_file, iter_input_files
from pipeline.types import IngestedDoc, doc_id_for

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


# --------------------------------------------------------------------------- helpers


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


def _check_offsets(doc: IngestedDoc) -> None:
    """Every offset of the record points into doc.text consistently."""
    n = len(doc.text)
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= n
    for f in doc.footnotes:
        assert 0 <= f.start <= f.end <= n
        if f.marker_start is not None and doc.format == "pdf":
            assert doc.text[f.marker_start : f.marker_start + len(f.number)] == f.number
        elif f.marker_start is not None:  # text/markdown: the number leaves the body, its position stays
            assert 0 <= f.marker_start <= n
    for table in doc.tables:
        for c in table:
            assert 0 <= c.start <= c.end <= n
            assert "\t" not in doc.text[c.start : c.end] and "\n" not in doc.text[c.start : c.end]
    assert doc.page_starts == sorted(doc.page_starts)
    assert all(0 <= p <= n for p in doc.page_starts)
    if doc.page_starts:
        assert doc.page_starts[0] == 0


def _section(doc: IngestedDoc, kind: str, language: str | None = None):
    found = [s for s in doc.sections if s.kind == kind and (language is None or s.language == language)]
    assert found, f"no {kind}/{language} section in {[(s.kind, s.language) for s in doc.sections]}"
    return found[0]


def _body(doc: IngestedDoc) -> str:
    fn = [s for s in doc.sections if s.kind == "footnotes"]
    return doc.text[: fn[0].start] if fn else doc.text


# --------------------------------------------------------------------------- PDF fixtures

A4 = (595.2756, 841.8898)
LEFT = 72


def _canvas(path: Path, **kw):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path), pagesize=A4, invariant=1, **kw)


def _furniture(c, n: int) -> None:
    c.setFont("Helvetica", 9)
    c.drawString(LEFT, A4[1] - 40, "Skripsi Ilmu Hubungan Internasional")
    c.drawRightString(A4[0] - 72, A4[1] - 40, "Universitas Nusantara Raya")
    c.drawCentredString(A4[0] / 2, 40, f"- {n} -")


def _lines(c, y: float, rows: list[str], size: int = 12, lead: int = 18) -> float:
    c.setFont("Times-Roman", size)
    for r in rows:
        c.drawString(LEFT, y, r)
        y -= lead
    return y


@pytest.fixture
def pdf_furniture(tmp_path: Path) -> Path:
    p = tmp_path / "furniture.pdf"
    c = _canvas(p)
    texts = ["Halaman pertama membuka pembahasan tentang kota kembar.",
             "Halaman kedua menjelaskan sejarah hubungan kedua kota.",
             "Halaman ketiga menutup bab dengan ringkasan singkat."]
    for n, t in enumerate(texts, 1):
        _furniture(c, n)
        _lines(c, A4[1] - 100, [t])
        c.showPage()
    c.save()
    return p


@pytest.fixture
def pdf_footnote(tmp_path: Path) -> Path:
    p = tmp_path / "footnote.pdf"
    c = _canvas(p)
    _furniture(c, 1)
    y = _lines(c, A4[1] - 100, ["Kota Bandung dan Kota Braunschweig menandatangani kesepakatan kota kembar",
                                "pada tahun 1960 dan hubungan itu masih dirawat sampai sekarang oleh kedua"])
    t = c.beginText(LEFT, y)
    t.setFont("Times-Roman", 12)
    t.textOut("pemerintah kota")
    t.setRise(5)
    t.setFont("Times-Roman", 7)
    t.textOut("1")
    t.setRise(0)
    t.setFont("Times-Roman", 12)
    t.textOut(" dengan program pertukaran pelajar dan kesepa-")
    c.drawText(t)
    _lines(c, y - 18, ["katan bidang kebudayaan antara Surabaya-", "Busan yang diperbarui setiap lima tahun."])
    c.line(LEFT, 110, LEFT + 150, 110)
    c.setFont("Times-Roman", 9)
    c.drawString(LEFT, 98, "1 Arsip Dinas Kerja Sama Kota Bandung, diakses pada 3 Maret 2021.")
    c.showPage()
    _furniture(c, 2)
    _lines(c, A4[1] - 100, ["Halaman berikutnya melanjutkan uraian tanpa catatan kaki."])
    c.showPage()
    c.save()
    return p


@pytest.fixture
def pdf_two_columns(tmp_path: Path) -> Path:
    p = tmp_path / "columns.pdf"
    c = _canvas(p)
    left = ["Kolom kiri membahas Surabaya", "yang bermitra dengan Busan", "sejak tahun 1994 dalam", "bidang pelabuhan."]
    right = ["Kolom kanan membahas Medan", "yang bermitra dengan Gwangju", "dalam bidang pendidikan", "dan kebudayaan."]
    c.setFont("Times-Roman", 12)
    y = A4[1] - 100
    # drawn row by row, so the content stream interleaves the columns
    for a, b in zip(left, right):
        c.drawString(LEFT, y, a)
        c.drawString(A4[0] / 2 + 10, y, b)
        y -= 18
    c.showPage()
    c.save()
    return p


TABLE_CELLS = [["Kota", "Mitra", "Tahun"], ["Surabaya", "Busan", "1994"], ["Medan", "Gwangju", "1997"]]


@pytest.fixture
def pdf_table(tmp_path: Path) -> Path:
    p = tmp_path / "table.pdf"
    c = _canvas(p)
    y = _lines(c, A4[1] - 100, ["Tabel berikut merangkum kerja sama yang tercatat."])
    xs = [LEFT, LEFT + 120, LEFT + 260, LEFT + 400]
    ys = [y - 10, y - 34, y - 58, y - 82]
    c.grid(xs, ys)
    c.setFont("Times-Roman", 11)
    for i, row in enumerate(TABLE_CELLS):
        for j, cell in enumerate(row):
            c.drawString(xs[j] + 4, ys[i] - 16, cell)
    _lines(c, ys[-1] - 30, ["Setelah tabel, pembahasan berlanjut dengan paragraf biasa."])
    c.showPage()
    c.save()
    return p


@pytest.fixture
def pdf_cover(tmp_path: Path) -> Path:
    p = tmp_path / "cover.pdf"
    c = _canvas(p)
    y = A4[1] - 120
    for text, gap in [("SKRIPSI", 40), ("KERJA SAMA KOTA KEMBAR ANTARA", 20), ("KOTA BANDUNG DAN KOTA BRAUNSCHWEIG", 60),
                      ("Diajukan untuk memenuhi salah satu syarat memperoleh gelar Sarjana", 60), ("Oleh:", 20),
                      ("Sari Wulandari", 20), ("NIM. 1701234567", 120), ("PROGRAM STUDI HUBUNGAN INTERNASIONAL", 20),
                      ("UNIVERSITAS NUSANTARA RAYA", 20), ("BANDUNG", 20), ("2021", 20)]:
        c.setFont("Times-Bold", 13)
        c.drawCentredString(A4[0] / 2, y, text)
        y -= gap
    c.showPage()
    c.setFont("Times-Bold", 14)
    c.drawCentredString(A4[0] / 2, A4[1] - 100, "ABSTRAK")
    c.drawRightString(A4[0] - 72, A4[1] - 40, "iv")
    _lines(c, A4[1] - 140, ["Skripsi ini membahas kerja sama antara Kota Bandung dan Kota Braunschweig yang",
                            "dirintis sejak tahun 1960 dengan fokus pada pendidikan dan kebudayaan.", "",
                            "Kata kunci: kota kembar, paradiplomasi"])
    c.showPage()
    c.setFont("Times-Bold", 14)
    c.drawCentredString(A4[0] / 2, A4[1] - 100, "BAB I")
    c.drawCentredString(A4[0] / 2, A4[1] - 120, "PENDAHULUAN")
    _lines(c, A4[1] - 160, ["Kerja sama antar kota berkembang pesat setelah otonomi daerah."])
    c.drawCentredString(A4[0] / 2, 40, "1")
    c.showPage()
    c.save()
    return p


def test_pdf_cover_page_gives_meta_and_sections(pdf_cover: Path) -> None:
    doc = ingest_file(pdf_cover)
    assert doc.meta == {"title": "KERJA SAMA KOTA KEMBAR ANTARA KOTA BANDUNG DAN KOTA BRAUNSCHWEIG",
                        "author": "Sari Wulandari", "student_id": "1701234567",
                        "study_programme": "HUBUNGAN INTERNASIONAL", "institution": "UNIVERSITAS NUSANTARA RAYA",
                        "year": "2021"}
    assert [s.kind for s in doc.sections] == ["title", "abstract", "keywords", "chapter"]
    assert _section(doc, "chapter").heading == "BAB I PENDAHULUAN"
    assert "iv" not in doc.text.split() and not doc.text.endswith("1")
    _check_offsets(doc)


def test_pdf_running_header_footer_and_page_numbers_removed(pdf_furniture: Path) -> None:
    doc = ingest_file(pdf_furniture)
    assert doc.status == "ok", doc.message
    assert doc.format == "pdf"
    assert "Skripsi Ilmu" not in doc.text and "Nusantara Raya" not in doc.text
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert doc.text == (
        "Halaman pertama membuka pembahasan tentang kota kembar.\n\n"
        "Halaman kedua menjelaskan sejarah hubungan kedua kota.\n\n"
        "Halaman ketiga menutup bab dengan ringkasan singkat."
    )
    _check_offsets(doc)


def test_pdf_page_starts_point_at_each_page(pdf_furniture: Path) -> None:
    doc = ingest_file(pdf_furniture)
    assert len(doc.page_starts) == 3
    for page, word in ((1, "pertama"), (2, "kedua"), (3, "ketiga")):
        start = doc.page_starts[page - 1]
        assert doc.text[start:].startswith(f"Halaman {word}")
        assert doc.page_at(doc.text.index(word)) == page


def test_pdf_small_font_footnote_moves_to_footnotes_section(pdf_footnote: Path) -> None:
    doc = ingest_file(pdf_footnote)
    assert doc.status == "ok", doc.message
    assert len(doc.footnotes) == 1
    fn = doc.footnotes[0]
    assert fn.number == "1"
    assert doc.text[fn.start : fn.end] == "Arsip Dinas Kerja Sama Kota Bandung, diakses pada 3 Maret 2021."
    assert "Arsip Dinas" not in _body(doc)
    sec = _section(doc, "footnotes")
    assert sec.start <= fn.start and fn.end <= sec.end
    assert fn.marker_start is not None and doc.text[fn.marker_start - len("kota") : fn.marker_start + 1] == "kota1"
    _check_offsets(doc)


def test_pdf_body_read_in_order_across_lines_and_pages(pdf_footnote: Path) -> None:
    doc = ingest_file(pdf_footnote)
    assert _body(doc) == (
        "Kota Bandung dan Kota Braunschweig menandatangani kesepakatan kota kembar pada tahun 1960 dan "
        "hubungan itu masih dirawat sampai sekarang oleh kedua pemerintah kota1 dengan program pertukaran "
        "pelajar dan kesepakatan bidang kebudayaan antara Surabaya-Busan yang diperbarui setiap lima tahun."
        "\n\nHalaman berikutnya melanjutkan uraian tanpa catatan kaki.\n\n"
    )
    assert len(doc.page_starts) == 2
    assert doc.text[doc.page_starts[1] :].startswith("Halaman berikutnya")


def test_pdf_hyphenated_line_break_is_joined(pdf_footnote: Path) -> None:
    doc = ingest_file(pdf_footnote)
    assert "kesepakatan bidang" in doc.text
    assert "kesepa" not in doc.text.replace("kesepakatan", "")
    assert "Surabaya-Busan" in doc.text


def _sup_line(c, y: float, before: str, number: str, after: str) -> None:
    t = c.beginText(LEFT, y)
    t.setFont("Times-Roman", 12)
    t.textOut(before)
    t.setRise(5)
    t.setFont("Times-Roman", 7)
    t.textOut(number)
    t.setRise(0)
    t.setFont("Times-Roman", 12)
    t.textOut(after)
    c.drawText(t)


def test_pdf_marker_after_a_year_and_note_continued_on_next_page(tmp_path: Path) -> None:
    p = tmp_path / "notes.pdf"
    c = _canvas(p)
    _sup_line(c, A4[1] - 100, "Nota kesepahaman ditandatangani pada tahun 2011", "7", ". Isinya beragam.")
    _lines(c, A4[1] - 118, ["Kerja sama itu mencakup pendidikan, kebudayaan, dan pariwisata kedua kota."])
    c.setFont("Times-Roman", 9)
    c.drawString(LEFT, 110, "7 Dokumen ini disimpan di bagian kerja sama dan memuat")
    c.drawString(LEFT, 98, "20 halaman yang dapat")
    c.showPage()
    _lines(c, A4[1] - 100, ["Halaman kedua berisi uraian lanjutan tentang kunjungan delegasi ke Braunschweig."])
    c.setFont("Times-Roman", 9)
    c.drawString(LEFT, 98, "dibaca oleh masyarakat umum.")
    c.showPage()
    c.save()
    doc = ingest_file(p)
    [fn] = doc.footnotes
    assert doc.text[fn.start : fn.end] == ("Dokumen ini disimpan di bagian kerja sama dan memuat 20 halaman yang dapat "
                                            "dibaca oleh masyarakat umum.")
    assert doc.text.startswith("Nota kesepahaman ditandatangani pada tahun 20117. Isinya beragam. Kerja sama itu")
    assert doc.text[fn.marker_start - 4 : fn.marker_start + 2] == "20117."
    _check_offsets(doc)


def test_pdf_two_column_page_reads_left_column_then_right(pdf_two_columns: Path) -> None:
    doc = ingest_file(pdf_two_columns)
    assert doc.status == "ok", doc.message
    assert doc.text == (
        "Kolom kiri membahas Surabaya yang bermitra dengan Busan sejak tahun 1994 dalam bidang pelabuhan.\n\n"
        "Kolom kanan membahas Medan yang bermitra dengan Gwangju dalam bidang pendidikan dan kebudayaan."
    )


def test_pdf_ruled_table_becomes_table_section_with_cells(pdf_table: Path) -> None:
    doc = ingest_file(pdf_table)
    assert doc.status == "ok", doc.message
    assert len(doc.tables) == 1
    cells = {(c.row, c.col): doc.text[c.start : c.end] for c in doc.tables[0]}
    assert cells == {(i, j): v for i, row in enumerate(TABLE_CELLS) for j, v in enumerate(row)}
    sec = _section(doc, "table")
    assert doc.text[sec.start : sec.end] == "Kota\tMitra\tTahun\nSurabaya\tBusan\t1994\nMedan\tGwangju\t1997"
    assert doc.text.startswith("Tabel berikut merangkum kerja sama yang tercatat.\n\nKota\t")
    assert doc.text.endswith("1997\n\nSetelah tabel, pembahasan berlanjut dengan paragraf biasa.")
    _check_offsets(doc)


# --------------------------------------------------------------------------- markdown / text

MD_PAGE = (
    "## **ABSTRAK**\n"
    "\n"
    "Penelitian ini membahas kerja sama *sister city* antara Kota Bandung dan\n"
    "Kota Braunschweig yang dirintis sejak lama<sup>1</sup>. Para aktor-\n"
    "aktor daerah menyepakati kesepa-\n"
    "katan tentang pertukaran pelajar, termasuk jalur Surabaya-\n"
    "Busan, yang\n"
    "\n"
    "---\n"
    "\n"
    "<sup>1</sup> Arsip Pemerintah Kota Bandung.  \n"
    "<https://contoh.go.id/arsip/kota_kembar> diakses pada 2 Januari 2020\n"
    "\n"
    "diperbarui setiap lima tahun dengan nilai US\\$ 5 juta.\n"
    "\n"
    "Kota\tMitra\tTahun\n"
    "Bandung\tBraunschweig\t1960\n"
    "Surabaya\tBusan\t1994\n"
)

MD_PAGE_TEXT = (
    "ABSTRAK\n\n"
    "Penelitian ini membahas kerja sama sister city antara Kota Bandung dan Kota Braunschweig yang dirintis "
    "sejak lama. Para aktor-aktor daerah menyepakati kesepakatan tentang pertukaran pelajar, termasuk jalur "
    "Surabaya-Busan, yang diperbarui setiap lima tahun dengan nilai US$ 5 juta.\n\n"
    "Kota\tMitra\tTahun\nBandung\tBraunschweig\t1960\nSurabaya\tBusan\t1994\n\n"
    "1 Arsip Pemerintah Kota Bandung. https://contoh.go.id/arsip/kota_kembar diakses pada 2 Januari 2020"
)


def test_md_page_with_footnote_block_normalizes_exactly(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "bab.md", MD_PAGE))
    assert doc.status == "ok", doc.message
    assert doc.format == "md"
    assert doc.text == MD_PAGE_TEXT
    _check_offsets(doc)


def test_md_page_break_becomes_page_start(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "bab.md", MD_PAGE))
    assert len(doc.page_starts) == 2
    assert doc.text[doc.page_starts[1] :].startswith("diperbarui setiap")


def test_md_sup_marker_and_footnote_offsets(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "bab.md", MD_PAGE))
    [fn] = doc.footnotes
    assert fn.number == "1"
    assert doc.text[fn.start : fn.end].startswith("Arsip Pemerintah Kota Bandung.")
    assert doc.text[fn.start : fn.end].endswith("diakses pada 2 Januari 2020")
    assert doc.text[fn.marker_start - 4 : fn.marker_start + 1] == "lama."
    assert "https://" not in _body(doc)


def test_md_tab_table_rows_and_cells(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "bab.md", MD_PAGE))
    [table] = doc.tables
    rows: dict[int, list[str]] = {}
    for c in table:
        rows.setdefault(c.row, []).append(doc.text[c.start : c.end])
    assert rows == {0: ["Kota", "Mitra", "Tahun"], 1: ["Bandung", "Braunschweig", "1960"], 2: ["Surabaya", "Busan", "1994"]}
    sec = _section(doc, "table")
    assert doc.text[sec.start : sec.end].count("\n") == 2


def test_md_markup_is_stripped(tmp_path: Path) -> None:
    src = ("# Judul *Miring* dan **Tebal**\n\n"
           "Lihat [laman resmi](https://contoh.go.id/a_b) dan <http://contoh.id/x_y> tentang __kota__ "
           "*kembar* di Kota\\_Lama &amp; sekitarnya.\n")
    doc = ingest_file(_write(tmp_path, "markup.md", src))
    assert doc.text == ("Judul Miring dan Tebal\n\n"
                        "Lihat laman resmi dan http://contoh.id/x_y tentang kota kembar di Kota_Lama & sekitarnya.")


def test_md_list_items_and_headings_keep_their_own_lines(tmp_path: Path) -> None:
    src = ("Tujuan kerja sama antara lain:\n\n"
           "- a. Pertukaran budaya antar\n"
           "warga kedua kota.\n"
           "- b. Promosi investasi.\n"
           " PEMBAHASAN\n"
           "Isi pembahasan dimulai di sini dan\n"
           "berlanjut di baris berikutnya.\n")
    doc = ingest_file(_write(tmp_path, "list.txt", src))
    assert doc.text == ("Tujuan kerja sama antara lain:\n\n"
                        "a. Pertukaran budaya antar warga kedua kota.\n"
                        "b. Promosi investasi.\n\n"
                        "PEMBAHASAN\n\n"
                        "Isi pembahasan dimulai di sini dan berlanjut di baris berikutnya.")
    assert _section(doc, "chapter").heading == "PEMBAHASAN"


def test_prose_after_a_short_list_item_is_no_part_of_it(tmp_path: Path) -> None:
    src = ("Mitra kota:\n"
           "1. Suwon, Korea Selatan (1997)\n"
           "2. Hamamatsu, Jepang (2008)\n"
           "Selain itu, Kota Bandung juga menjalin kerja sama dengan\n"
           "Kota Petaling Jaya.\n")
    doc = ingest_file(_write(tmp_path, "items.txt", src))
    assert doc.text == ("Mitra kota:\n\n1. Suwon, Korea Selatan (1997)\n2. Hamamatsu, Jepang (2008)\n\n"
                        "Selain itu, Kota Bandung juga menjalin kerja sama dengan Kota Petaling Jaya.")


ABSTRACTS = (
    "**KERJA SAMA KOTA KEMBAR BANDUNG DAN BRAUNSCHWEIG**\n\n"
    "**Oleh**\n\n**Sari Wulandari**\n\n**NIM. 1701234567**\n\n"
    "PROGRAM STUDI HUBUNGAN INTERNASIONAL\n\nUNIVERSITAS NUSANTARA RAYA\n\nBANDUNG 2021\n\n"
    "## ABSTRAK\n\n"
    "Skripsi ini membahas kerja sama yang dijalin oleh kedua kota dengan fokus pada pendidikan dan kebudayaan.\n\n"
    "**Kata kunci:** kota kembar, paradiplomasi\n\n"
    "## ABSTRACT\n\n"
    "*This thesis discusses the cooperation of the two cities with a focus on education and culture.*\n\n"
    "**Keywords:** sister city, paradiplomacy\n\n"
    "### **BAB I**\n\n## **PENDAHULUAN**\n\n"
    "Kerja sama antar kota berkembang dengan pesat di Indonesia.\n\n"
    "BAB V\n\nKESIMPULAN DAN SARAN\n\nKerja sama ini perlu dilanjutkan dengan evaluasi berkala.\n\n"
    "DAFTAR PUSTAKA\n\nWulandari, S. (2020). Kota Kembar. Bandung: Pustaka.\n"
)


def test_sections_found_with_language_and_duplicate(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "skripsi.md", ABSTRACTS))
    kinds = [(s.kind, s.language) for s in doc.sections]
    assert kinds == [("title", "id"), ("abstract", "id"), ("keywords", "id"), ("abstract", "en"),
                     ("keywords", "en"), ("chapter", "id"), ("conclusion", "id"), ("references", "id")]
    ab_id = doc.sections.index(_section(doc, "abstract", "id"))
    assert _section(doc, "abstract", "en").duplicate_of == ab_id
    assert _section(doc, "abstract", "id").duplicate_of is None
    assert _section(doc, "chapter").heading == "BAB I PENDAHULUAN"
    assert _section(doc, "conclusion").heading == "BAB V KESIMPULAN DAN SARAN"
    assert doc.section_at(doc.text.index("evaluasi berkala")).kind == "conclusion"
    _check_offsets(doc)


def test_meta_from_title_page(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "skripsi.md", ABSTRACTS))
    assert doc.meta == {
        "title": "KERJA SAMA KOTA KEMBAR BANDUNG DAN BRAUNSCHWEIG",
        "author": "Sari Wulandari",
        "student_id": "1701234567",
        "institution": "UNIVERSITAS NUSANTARA RAYA",
        "study_programme": "HUBUNGAN INTERNASIONAL",
        "year": "2021",
    }


def test_meta_sidecar_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path, "skripsi.md", ABSTRACTS)
    _write(tmp_path, "skripsi.meta.yaml", "author: Sari W.\nyear: 2022\ninstitution: Universitas Contoh\n")
    doc = ingest_file(path)
    assert doc.meta["author"] == "Sari W." and doc.meta["year"] == "2022"
    assert doc.meta["institution"] == "Universitas Contoh" and doc.meta["student_id"] == "1701234567"
    assert ingest_file(path, meta_sidecar=False).meta["author"] == "Sari Wulandari"


def test_meta_from_citation_line_in_abstract(tmp_path: Path) -> None:
    src = ("ABSTRAK\n\nDewi Lestari Putri, 2019, Peran Kota Kembar dalam Promosi Pariwisata. "
           "Skripsi ini menelaah kerja sama pariwisata.\n")
    doc = ingest_file(_write(tmp_path, "a.txt", src))
    assert doc.meta["author"] == "Dewi Lestari Putri"
    assert doc.meta["year"] == "2019"
    assert doc.meta["title"] == "Peran Kota Kembar dalam Promosi Pariwisata"


# --------------------------------------------------------------------------- encodings

SAMPLE = "Kerja sama dengan Tiongkok — kerja sama café di Surabaya."


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf16.txt", SAMPLE.encode("utf-16")),
        ("utf16be.txt", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
        ("utf8bom.txt", SAMPLE.encode("utf-8-sig")),
        ("cp1252.txt", SAMPLE.encode("cp1252")),
    ],
)
def test_encodings_decode_to_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    doc = ingest_file(_write(tmp_path, name, data))
    assert doc.status == "ok", doc.message
    assert doc.text == SAMPLE


def test_latin1_text(tmp_path: Path) -> None:
    text = "Pertemuan di Genève dengan delegasi Münster, suhu 30° dan biaya ± 5 juta."
    doc = ingest_file(_write(tmp_path, "latin1.txt", text.encode("latin-1")))
    assert doc.status == "ok"
    assert doc.text == text


# --------------------------------------------------------------------------- bad input


def _pdf_bytes(tmp_path: Path) -> bytes:
    p = tmp_path / "ok.pdf"
    c = _canvas(p)
    _lines(c, 700, ["Teks singkat untuk diuji." for _ in range(20)])
    c.showPage()
    c.save()
    return p.read_bytes()


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("zero.pdf", b"", "empty file"),
        ("blank.md", b"  \n\n \n", "no text"),
        ("noise.txt", bytes(range(256)) * 8, "binary data"),
        ("text.pdf", b"ini bukan PDF melainkan teks biasa", "not a PDF"),
        ("thesis.doc", b"\xd0\xcf\x11\xe0 old word", "unsupported file type '.doc'"),
        ("broken.docx", b"not a zip at all", "not a valid .docx"),
    ],
)
def test_bad_files_fail_with_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    doc = ingest_file(_write(tmp_path, name, content))
    assert doc.status == "failed"
    assert reason in doc.message
    assert doc.text == ""


def test_truncated_pdf_fails_as_corrupt(tmp_path: Path) -> None:
    data = _pdf_bytes(tmp_path)
    doc = ingest_file(_write(tmp_path, "cut.pdf", data[: len(data) // 2]))
    assert doc.status == "failed"
    assert "corrupt or truncated PDF" in doc.message


def test_encrypted_pdf_fails_naming_password(tmp_path: Path) -> None:
    p = tmp_path / "secret.pdf"
    c = _canvas(p, encrypt="pw")
    _lines(c, 700, ["Dokumen rahasia."])
    c.showPage()
    c.save()
    doc = ingest_file(p)
    assert doc.status == "failed"
    assert "encrypted PDF" in doc.message and "password" in doc.message


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    c = _canvas(p)
    for _ in range(2):
        c.rect(100, 100, 300, 500, fill=1)
        c.circle(300, 400, 50, fill=1)
        c.showPage()
    c.save()
    doc = ingest_file(p)
    assert doc.status == "failed"
    assert "no text layer — needs OCR" in doc.message


def test_too_large_file_fails(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "big.txt", "kota kembar " * 100), max_bytes=100)
    assert doc.status == "failed" and "too large" in doc.message
    assert doc.sha256 and doc.doc_id == doc_id_for(doc.sha256)


def test_hash_and_doc_id(tmp_path: Path) -> None:
    import hashlib

    data = SAMPLE.encode()
    doc = ingest_file(_write(tmp_path, "x.txt", data))
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.doc_id == doc_id_for(doc.sha256)


# --------------------------------------------------------------------------- docx

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_footnote(path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_heading("ABSTRAK", level=1)
    p = d.add_paragraph("Kota Bandung menjalin kerja sama dengan Braunschweig")
    ref_run = p.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    ref_run._r.append(ref)
    p.add_run(" sejak lama.")
    t = d.add_table(rows=2, cols=2)
    for i, row in enumerate([["Kota", "Mitra"], ["Bandung", "Braunschweig"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.add_page_break()
    d.add_heading("BAB I PENDAHULUAN", level=1)
    d.add_paragraph("Bab ini menguraikan latar belakang penelitian.")
    d.save(str(path))
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> Arsip kerja sama kota, 2019.</w:t></w:r></w:p></w:footnote>'
             "</w:footnotes>")
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["word/footnotes.xml"] = notes.encode()
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    rels = "word/_rels/document.xml.rels"
    items[rels] = items[rels].replace(
        b"</Relationships>", b'<Relationship Id="rIdFn9" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in items.items():
            z.writestr(n, b)


def test_docx_paragraphs_tables_footnotes_and_page_break(tmp_path: Path) -> None:
    p = tmp_path / "skripsi.docx"
    _docx_with_footnote(p)
    doc = ingest_file(p)
    assert doc.status == "ok", doc.message
    assert doc.format == "docx"
    assert doc.text == (
        "ABSTRAK\n\nKota Bandung menjalin kerja sama dengan Braunschweig1 sejak lama.\n\n"
        "Kota\tMitra\nBandung\tBraunschweig\n\n"
        "BAB I PENDAHULUAN\n\nBab ini menguraikan latar belakang penelitian.\n\n"
        "1 Arsip kerja sama kota, 2019."
    )
    [fn] = doc.footnotes
    assert doc.text[fn.start : fn.end] == "Arsip kerja sama kota, 2019."
    assert doc.text[fn.marker_start - 1 : fn.marker_start + 1] == "g1"
    assert [[doc.text[c.start : c.end] for c in doc.tables[0]]] == [["Kota", "Mitra", "Bandung", "Braunschweig"]]
    assert len(doc.page_starts) == 2 and doc.text[doc.page_starts[1] :].startswith("BAB I")
    assert [s.kind for s in doc.sections] == ["abstract", "table", "chapter", "footnotes"]
    _check_offsets(doc)


# --------------------------------------------------------------------------- the seeds


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    found = sorted(SEEDS.glob(f"{prefix}_*"))
    if not found:
        pytest.skip(f"seed {prefix} not present")
    return found[0]


def test_seed_000_both_abstracts_with_languages_and_duplicate() -> None:
    doc = ingest_file(_seed("000"))
    ab_id, ab_en = _section(doc, "abstract", "id"), _section(doc, "abstract", "en")
    assert ab_en.duplicate_of == doc.sections.index(ab_id)
    assert ab_id.heading == "ABSTRAKSI" and ab_en.heading == "ABSTRACTION"
    _check_offsets(doc)


def test_seed_002_table_and_footnotes() -> None:
    doc = ingest_file(_seed("002"))
    [table] = doc.tables
    assert len({c.row for c in table}) == 4
    assert doc.text[table[0].start : table[0].end] == "No"
    assert [f.number for f in doc.footnotes] == [str(n) for n in range(32, 41)]
    fn_sec = _section(doc, "footnotes")
    assert all(fn_sec.start <= f.start <= f.end <= fn_sec.end for f in doc.footnotes)
    assert all(f.marker_start is not None and f.marker_start < fn_sec.start for f in doc.footnotes)
    body = _body(doc)
    assert "http" not in body and "diakses" not in body
    _check_offsets(doc)


def test_a_news_dateline_opens_a_paragraph_after_its_headline(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "berita.txt", "PENTAS ANGKLUNG MERIAHKAN PERSAHABATAN BANDUNG-SUWON\n"
                                                     "Seoul, 18/6 (ANTARA) - Kelompok musik angklung tampil di Suwon.\n"
                                                     "Acara itu dihadiri\nwarga kedua kota.\n"))
    assert doc.text == ("PENTAS ANGKLUNG MERIAHKAN PERSAHABATAN BANDUNG-SUWON\n\n"
                        "Seoul, 18/6 (ANTARA) - Kelompok musik angklung tampil di Suwon. Acara itu dihadiri warga kedua kota.")
    _check_offsets(doc)


def test_a_time_stamp_under_a_byline_is_a_line_of_its_own(tmp_path: Path) -> None:
    doc = ingest_file(_write(tmp_path, "berita.txt", "Kerja Sama Dua Kota\n\nAni Lestari\n12/03/2018 10:20\n"
                                                     "Wali Kota Bogor menerima tamu.\n"))
    assert doc.text == "Kerja Sama Dua Kota\n\nAni Lestari\n\n12/03/2018 10:20\n\nWali Kota Bogor menerima tamu."
    _check_offsets(doc)


def test_seed_001_meta() -> None:
    doc = ingest_file(_seed("001"))
    assert doc.meta["author"] == "Rizki Kumala"
    assert doc.meta["student_id"] == "2005050036"


def test_seed_004_hard_wrapped_lines_joined() -> None:
    doc = ingest_file(_seed("004"))
    assert "\nperkembangan dunia" not in doc.text
    assert [s.kind for s in doc.sections][:3] == ["abstract", "abstract", "keywords"]
    _check_offsets(doc)


# --------------------------------------------------------------------------- the stage


def _snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def _corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    _write(raw, "a_bab.md", MD_PAGE)
    _write(raw, "b_skripsi.md", ABSTRACTS)
    _write(raw, "b_skripsi.meta.yaml", "year: 2021\n")
    _write(raw, "c_kosong.txt", b"")
    _write(raw, "sub/d_salinan.md", MD_PAGE)
    _write(raw, ".hidden.txt", "rahasia")
    _write(raw, "e.txt.dvc", "outs: []\n")
    _write(raw, ".gitignore", "*.tmp\n")
    _write(raw, "f_data.xlsx", b"PK\x03\x04 bukan teks")
    _write(raw, "g_kosong.md", b"")
    return raw


def test_iter_input_files_sorted_and_filtered(tmp_path: Path) -> None:
    raw = _corpus(tmp_path)
    names = [p.relative_to(raw).as_posix() for p in iter_input_files([raw])]
    assert names == ["a_bab.md", "b_skripsi.md", "c_kosong.txt", "f_data.xlsx", "g_kosong.md", "sub/d_salinan.md"]
    assert iter_input_files([raw / "b_skripsi.md", raw])[0].name == "b_skripsi.md"


def test_ingest_writes_outputs_index_and_handles_duplicates(tmp_path: Path) -> None:
    raw = _corpus(tmp_path)
    out = tmp_path / "out"
    seen: list[Path] = []

    def progress(it):
        for x in it:
            seen.append(x)
            yield x

    docs = ingest([raw], out, progress=progress)
    assert len(seen) == 6
    by_file = {d.file: d for d in docs}
    assert by_file["sub/d_salinan.md"].status == "warning"
    assert by_file["sub/d_salinan.md"].message == "duplicate of a_bab.md"
    assert by_file["c_kosong.txt"].status == "failed" and "empty file" in by_file["c_kosong.txt"].message
    assert by_file["f_data.xlsx"].status == "failed" and "unsupported" in by_file["f_data.xlsx"].message
    assert by_file["g_kosong.md"].status == "failed"
    assert by_file["g_kosong.md"].message == "duplicate of c_kosong.txt: empty file (0 bytes)"
    assert by_file["b_skripsi.md"].meta["year"] == "2021"
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in index] == ["a_bab.md", "b_skripsi.md", "c_kosong.txt", "f_data.xlsx", "g_kosong.md",
                                          "sub/d_salinan.md"]
    assert {e["status"] for e in index} == {"ok", "failed", "warning"}
    good = [d for d in docs if d.status == "ok"]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["index.json"] + [f"{d.doc_id}.{ext}" for d in good for ext in ("json", "txt")])
    for d in good:
        assert d.text == "" and not d.sections  # records only: the documents are in out/
        full = ingest_file(raw / d.file)
        full.file = d.file
        assert (out / f"{d.doc_id}.txt").read_text(encoding="utf-8") == full.text
        stored = IngestedDoc.from_dict(json.loads((out / f"{d.doc_id}.json").read_text(encoding="utf-8")))
        assert stored == full
    assert str(tmp_path) not in (out / "index.json").read_text(encoding="utf-8")


def test_a_copy_whose_original_is_gone_is_read_again_not_still_a_copy(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Kota Medan dan Kota Gwangju menjalin sister city.\n", encoding="utf-8")
    (raw / "b.txt").write_text("Kota Medan dan Kota Gwangju menjalin sister city.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = {d.file: (d.status, d.message) for d in ingest([raw], out)}
    assert first == {"a.txt": ("ok", ""), "b.txt": ("warning", "duplicate of a.txt")}
    (raw / "a.txt").unlink()
    again = {d.file: (d.status, d.message) for d in ingest([raw], out)}
    assert again == {"b.txt": ("ok", "")}


def test_ingest_twice_is_byte_identical_and_removes_stale(tmp_path: Path) -> None:
    raw = _corpus(tmp_path)
    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    ingest([raw], out1)
    first = _snapshot(out1)
    _write(out1, "0123456789abcdef.json", "{}")
    ingest([raw], out1)
    ingest([raw], out2)
    assert _snapshot(out1) == first == _snapshot(out2)
    assert not any(name.endswith(".tmp") for name in os.listdir(out1))


# --------------------------------------------------------------------------- properties

_words = st.sampled_from(["kota", "kembar", "kerja", "sama", "Bandung", "Busan", "kesepa-", "2019", "*miring*",
                          "**tebal**", "<sup>3</sup>", "US\\$", "—", "é", "\t", "[a](b)"])
_lines_st = st.lists(st.lists(_words, min_size=0, max_size=8).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=_lines_st, breaks=st.lists(st.sampled_from(["", "\n", "---", "<sup>3</sup> Catatan."]), max_size=12))
def test_any_text_ingests_with_consistent_offsets(tmp_path: Path, lines: list[str], breaks: list[str]) -> None:
    mixed = [x for pair in zip(lines, breaks + [""] * len(lines)) for x in pair]
    doc = ingest_file(_write(tmp_path, "acak.md", "\n".join(mixed)))
    assert doc.status in ("ok", "failed")
    _check_offsets(doc)
