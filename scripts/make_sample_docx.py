"""Generate the sample Word document raw/laporan_denpasar.docx.

A short activity report (laporan kegiatan) of the Denpasar city government about
signing a Letter of Intent with Mossel Bay, with headings, a page header, a
table (the day's agenda) and a closing signature block.

Output is deterministic: core properties carry fixed dates and the zip entries
get a fixed timestamp, so re-running gives a byte-identical file.

    .venv/bin/python scripts/make_sample_docx.py [OUTPUT]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "raw" / "laporan_denpasar.docx"
FIXED = dt.datetime(2019, 3, 15, 9, 0, 0)

PARAS_1 = [
    "Pemerintah Kota Denpasar telah lama menjadikan hubungan luar negeri sebagai bagian dari "
    "promosi kota. Sebagai pusat pemerintahan Provinsi Bali, Denpasar menerima banyak tamu asing, "
    "tetapi jumlah kota mitra resminya masih sedikit. Atas dasar itu, Bagian Kerja Sama Sekretariat "
    "Daerah menyiapkan penjajakan hubungan kota kembar dengan Mossel Bay, kota pesisir di Provinsi "
    "Western Cape, Afrika Selatan.",
    "Penjajakan dimulai pada tahun 2017, ketika delegasi Mossel Bay menghadiri sebuah forum "
    "pariwisata di Nusa Dua dan menyampaikan minat untuk menjalin hubungan dengan Denpasar. "
    "Komunikasi kemudian dilanjutkan melalui Kedutaan Besar Republik Indonesia di Pretoria.",
]

PARAS_PROFILE = [
    "Mossel Bay terletak di pesisir selatan Afrika Selatan, kurang lebih empat ratus kilometer di "
    "sebelah timur Cape Town. Kota ini dikenal dengan pantai berpasir, jalur pendakian di tebing "
    "pesisir, dan museum maritim yang menyimpan replika kapal penjelajah Portugis. Setiap tahun "
    "kota berpenduduk sekitar sembilan puluh ribu jiwa ini menjadi tujuan liburan bagi wisatawan "
    "domestik maupun mancanegara, terutama pada musim panas.",
    "Dari sisi pemerintahan, Mossel Bay dipimpin oleh seorang wali kota yang dipilih dewan kota. "
    "Pemerintah kota setempat memiliki unit khusus yang mengurus hubungan dengan kota-kota lain, "
    "termasuk kota mitra di Eropa. Pengalaman unit tersebut dalam mengelola program pertukaran "
    "dinilai dapat membantu Denpasar yang belum memiliki struktur serupa.",
]

PARAS_BILATERAL = [
    "Dalam pertemuan bilateral, Wali Kota Denpasar memaparkan program Denpasar sebagai kota "
    "berwawasan budaya, termasuk pelestarian banjar dan penyelenggaraan festival tahunan. Wali Kota "
    "Mossel Bay menyampaikan bahwa pihaknya tertarik mempelajari cara Denpasar melibatkan desa adat "
    "dalam pengelolaan pariwisata, sekaligus menawarkan pengalaman kotanya dalam menjaga kebersihan "
    "pantai.",
    "Kedua wali kota juga membicarakan kemungkinan penerbangan lanjutan melalui Johannesburg dan "
    "Jakarta agar kunjungan wisatawan kedua kota lebih mudah. Namun hal ini dipandang sebagai "
    "kewenangan pemerintah pusat dan maskapai, sehingga tidak dimasukkan ke dalam Letter of Intent.",
]

PARAS_2 = [
    "Penandatanganan Letter of Intent antara Wali Kota Denpasar dan Wali Kota Mossel Bay "
    "dilaksanakan pada hari Selasa, 12 Maret 2019, bertempat di Gedung Sewaka Dharma, Denpasar. "
    "Acara dihadiri oleh pimpinan perangkat daerah, perwakilan Kementerian Luar Negeri, dan "
    "rombongan Mossel Bay yang berjumlah enam orang.",
    "Dalam Letter of Intent tersebut kedua kota menyatakan keinginan untuk bekerja sama di bidang "
    "pariwisata, kebudayaan, pendidikan, dan pengelolaan lingkungan pesisir. Kedua pihak juga "
    "sepakat menyusun naskah nota kesepahaman dalam waktu paling lama dua tahun setelah "
    "penandatanganan.",
    "Sebagai gambaran, perekonomian Mossel Bay banyak bergantung pada perikanan, pengolahan gas "
    "alam lepas pantai, dan pelabuhan niaga kecil. Denpasar sendiri menggantungkan sebagian besar "
    "pendapatan daerahnya pada sektor jasa dan perdagangan yang menopang pariwisata Bali.",
]

AGENDA = [
    ("Waktu", "Kegiatan", "Tempat"),
    ("08.30-09.00", "Penyambutan rombongan Mossel Bay", "Lobi Gedung Sewaka Dharma"),
    ("09.00-10.00", "Pertemuan bilateral kedua wali kota", "Ruang Rapat Utama"),
    ("10.00-10.30", "Penandatanganan Letter of Intent", "Ruang Rapat Utama"),
    ("11.00-13.00", "Kunjungan ke Pantai Sanur dan Taman Budaya", "Sanur"),
    ("14.00-16.00", "Diskusi teknis pengelolaan sampah pantai", "Dinas Lingkungan Hidup"),
]

PARAS_3 = [
    "Pertama, Bagian Kerja Sama akan menyusun rancangan nota kesepahaman bersama perangkat daerah "
    "terkait dan mengonsultasikannya kepada Kementerian Luar Negeri.",
    "Kedua, Dinas Pariwisata dan Dinas Kebudayaan diminta menyiapkan usulan program tahun pertama, "
    "antara lain pertukaran penari dan promosi paket wisata bersama.",
    "Ketiga, Dinas Pendidikan menjajaki kemungkinan pertukaran guru sekolah menengah kejuruan "
    "bidang perhotelan.",
    "Keempat, Dinas Lingkungan Hidup akan melanjutkan diskusi tentang pembersihan pantai dan "
    "pengurangan sampah plastik yang sudah dimulai pada hari kunjungan.",
    "Sebagai catatan evaluasi, persiapan acara berjalan baik, tetapi penerjemahan dokumen ke dalam "
    "bahasa Inggris baru selesai sehari sebelum penandatanganan. Untuk tahap nota kesepahaman, "
    "naskah sebaiknya disiapkan lebih awal dan dibahas bersama Biro Pemerintahan Provinsi Bali.",
]


def build() -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    header = doc.sections[0].header.paragraphs[0]
    header.text = "Bagian Kerja Sama Sekretariat Daerah Kota Denpasar"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(
        "LAPORAN KEGIATAN\nPENANDATANGANAN LETTER OF INTENT\n"
        "ANTARA PEMERINTAH KOTA DENPASAR DAN PEMERINTAH KOTA MOSSEL BAY"
    )
    run.bold = True

    doc.add_heading("I. Latar Belakang", level=2)
    for p in PARAS_1:
        doc.add_paragraph(p)

    doc.add_heading("II. Profil Singkat Mossel Bay", level=2)
    for p in PARAS_PROFILE:
        doc.add_paragraph(p)

    doc.add_heading("III. Pelaksanaan Kegiatan", level=2)
    for p in PARAS_2:
        doc.add_paragraph(p)
    for p in PARAS_BILATERAL:
        doc.add_paragraph(p)

    doc.add_paragraph("Susunan acara pada hari penandatanganan adalah sebagai berikut.")
    table = doc.add_table(rows=len(AGENDA), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(AGENDA):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("Tabel 1. Susunan acara 12 Maret 2019.")

    doc.add_heading("IV. Tindak Lanjut", level=2)
    for p in PARAS_3:
        doc.add_paragraph(p)

    closing = doc.add_paragraph()
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.add_run(
        "Denpasar, 15 Maret 2019\nKepala Bagian Kerja Sama,\n\n\n"
        "I Gusti Ngurah Wirawan, S.Sos., M.Si."
    )

    props = doc.core_properties
    props.title = "Laporan Kegiatan Penandatanganan Letter of Intent Denpasar - Mossel Bay"
    props.author = "Bagian Kerja Sama Setda Kota Denpasar"
    props.last_modified_by = "Bagian Kerja Sama Setda Kota Denpasar"
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    props.revision = 1
    props.language = "id-ID"

    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps (zip stores the save time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
