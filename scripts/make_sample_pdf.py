"""Generate the sample PDF raw/makalah_semarang_brisbane.pdf.

A short seminar paper (Indonesian, with an English abstract) about the
Semarang–Brisbane sister-city relationship, laid out like a real PDF:
running header with a short title, footer with page numbers, one footnote in
a small font at the bottom of a page, and one word hyphenated at a line end.

Output is deterministic (reportlab ``invariant=1``): re-running gives a
byte-identical file.

    .venv/bin/python scripts/make_sample_pdf.py [OUTPUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent.parent / "raw" / "makalah_semarang_brisbane.pdf"

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 72, PAGE_W - 72
TOP, BOTTOM = PAGE_H - 90, 80
WIDTH = RIGHT - LEFT

HEADER_LEFT = "Sister City Semarang–Brisbane"
HEADER_RIGHT = "Makalah Seminar Paradiplomasi Daerah, 2018"

FOOTNOTE_MARK = "[[fn1]]"
FOOTNOTE_TEXT = (
    "1 Brisbane City Council, \"Sister Cities\", "
    "https://www.brisbane.qld.gov.au/about-council/sister-cities, "
    "diakses pada tanggal 3 September 2018."
)

# A word written with "|" may be hyphenated at that point; only the first such word that
# actually falls at a line end is hyphenated (the document should show exactly one).
HYPHEN = "|"
_HYPHENATED = [False]

# (kind, text): title, meta, heading, abstract_head, abstract, keywords, para
BLOCKS: list[tuple[str, str]] = [
    ("title", "SEPEREMPAT ABAD KOTA KEMBAR SEMARANG–BRISBANE:"),
    ("title", "DARI PERTUKARAN PELAJAR KE PENATAAN KOTA PESISIR"),
    ("meta", "Hendra Wijayakusuma"),
    ("meta", "Program Studi Hubungan Internasional, Sekolah Tinggi Ilmu Sosial Pandanaran"),
    ("meta", "hendra.wk@stisp.ac.id"),
    ("abstract_head", "Abstract"),
    ("abstract",
     "This paper reviews the sister city relationship between Semarang, the capital of Central "
     "Java, and Brisbane, the capital of Queensland. The relationship began with a Letter of "
     "Intent signed in 1992 and was formalised by a Memorandum of Understanding in 1993. Over "
     "twenty-five years its focus has shifted from school exchanges and scholarships to flood "
     "management, coastal spatial planning and public transport. Drawing on council documents "
     "and interviews, the paper argues that the partnership has been most useful where both "
     "cities share a concrete problem, namely living with rivers that flood."),
    ("keywords", "Keywords: sister city, Semarang, Brisbane, paradiplomacy, urban planning"),
    ("heading", "1. Pendahuluan"),
    ("para",
     "Semarang dan Brisbane sekilas tidak memiliki banyak kesamaan. Semarang adalah kota pelabuhan "
     "di pantai utara Jawa yang tumbuh dari perdagangan dan industri, sedangkan Brisbane adalah ibu "
     "kota negara bagian Queensland di pesisir timur Australia. Namun keduanya dibangun di dataran "
     "rendah yang dibelah sungai, dan keduanya berulang kali dilanda banjir. Kesamaan inilah yang "
     "belakangan menjadi perekat utama hubungan kota kembar kedua kota."),
    ("para",
     "Makalah ini menelusuri perjalanan hubungan tersebut dalam tiga tahap: masa perintisan pada "
     "awal 1990-an, masa kerja sama pendidikan, dan masa kerja sama perkotaan yang dimulai sekitar "
     "satu dasawarsa terakhir. Sumber yang digunakan adalah arsip Bagian Kerja Sama Sekretariat "
     "Daerah Kota Semarang, dokumen Brisbane City Council, serta wawancara dengan pegawai kedua "
     "pemerintah kota."),
    ("heading", "2. Paradiplomasi dan Kota Kembar"),
    ("para",
     "Istilah paradiplomasi dipakai untuk menyebut kegiatan hubungan luar negeri yang dijalankan oleh "
     "pemerintah di bawah tingkat negara, seperti provinsi, negara bagian, atau kota. Di Indonesia, ruang "
     "bagi kegiatan ini dibuka oleh Undang-Undang Nomor 37 Tahun 1999 tentang Hubungan Luar Negeri dan "
     "diatur lebih lanjut dalam peraturan tentang pemerintahan daerah. Pemerintah kota boleh menjalin "
     "kerja sama dengan pemerintah kota di negara lain sepanjang tidak menyentuh urusan politik luar "
     "negeri dan pertahanan, yang tetap menjadi kewenangan pemerintah pusat."),
    ("para",
     "Hubungan kota kembar adalah bentuk paradiplomasi yang paling umum. Bentuk ini biasanya diawali "
     "dengan pernyataan niat, dilanjutkan dengan nota kesepahaman, dan baru kemudian diisi dengan "
     "program. Dalam praktiknya, banyak hubungan kota kembar di Indonesia berhenti pada tahap "
     "seremonial karena tidak didukung anggaran dan rencana kerja yang jelas (Mukti, 2013)."),
    ("heading", "3. Perintisan dan Dasar Hukum"),
    ("para",
     "Gagasan menjalin hubungan kota kembar muncul setelah kunjungan rombongan pengusaha Queensland "
     "ke Jawa Tengah pada akhir 1980-an. Tindak lanjut resminya adalah Letter of Intent yang "
     "ditandatangani Wali Kota Semarang dan Lord Mayor Brisbane di Brisbane pada 15 Mei 1992. "
     "Setahun kemudian, hubungan itu dikukuhkan melalui Memorandum of Understanding yang "
     "ditandatangani di Semarang pada 4 Maret 1993. Dengan demikian Brisbane menjadi salah satu "
     "kota mitra luar negeri pertama bagi Pemerintah Kota Semarang." + FOOTNOTE_MARK),
    ("para",
     "Berbeda dengan banyak nota kesepahaman kota kembar yang dibuat belakangan, dokumen tahun 1993 "
     "tidak mencantumkan jangka waktu berlaku. Akibatnya, hubungan ini tidak pernah berakhir secara "
     "formal, tetapi juga tidak selalu aktif. Pada pertengahan 2000-an, misalnya, hampir tidak ada "
     "kegiatan bersama yang tercatat di arsip Kota Semarang."),
    ("heading", "4. Kerja Sama Pendidikan"),
    ("para",
     "Pada dekade pertama, isi kerja sama didominasi oleh bidang pendidikan. Sekolah menengah di "
     "Semarang dipasangkan dengan sekolah di Brisbane untuk program surat-menyurat dan kunjungan "
     "pelajar. Di tingkat perguruan tinggi, Universitas Diponegoro Semarang menjalin kerja sama "
     "dengan beberapa universitas di Brisbane untuk pertukaran dosen dan beasiswa pascasarjana. "
     "Sejumlah alumni program beasiswa tersebut kemudian bekerja di Badan Perencanaan Pembangunan "
     "Daerah Kota Semarang, sehingga jaringan pribadi antarpegawai tetap terjaga meskipun kegiatan "
     "resmi sempat surut."),
    ("para",
     "Perlu dicatat bahwa kerja sama antaruniversitas tersebut tidak selalu dapat dihitung sebagai "
     "kegiatan kota kembar. Sebagian perjanjian dibuat langsung oleh kampus tanpa melibatkan "
     "pemerintah kota, meskipun pemberitaan lokal sering mengaitkannya dengan hubungan Semarang–"
     "Brisbane."),
    ("heading", "5. Lingkungan Hidup dan Penataan Kota Pesisir"),
    ("para",
     "Banjir besar yang melanda Brisbane pada Januari 2011 mengubah arah hubungan kedua kota. "
     "Pengalaman Brisbane menyusun kembali peta risiko banjir dan aturan bangunan di bantaran sungai "
     "menarik perhatian Pemerintah Kota Semarang, yang pada saat yang sama bergulat dengan banjir rob "
     "dan penurunan muka tanah di kawasan utara kota."),
    ("para",
     "Sejak tahun 2013, kedua kota mengadakan lokakarya bersama tentang penge|lolaan "
     "daerah aliran sungai, sistem peringatan dini banjir, dan pemulihan kawasan pesisir. Kegiatan ini "
     "dikelom|pokkan oleh Pemerintah Kota Semarang ke dalam kerja sama bidang lingkungan hidup. Pada "
     "saat yang sama, tenaga perencana dari Brisbane City Council membantu penyusunan kajian tata "
     "ruang kawasan pesisir Semarang, termasuk zonasi permukiman di sekitar Kali Banjir Kanal Timur."),
    ("para",
     "Bidang transportasi menyusul kemudian. Semarang yang mengoperasikan bus rapid transit Trans "
     "Semarang sejak 2009 belajar dari jaringan busway Brisbane mengenai jalur khusus bus, integrasi "
     "tiket, dan pengaturan halte. Pada kunjungan kerja tanggal 18 sampai 22 September 2017, "
     "rombongan Dinas Perhubungan Kota Semarang meninjau langsung pusat kendali lalu lintas Brisbane."),
    ("heading", "6. Ekonomi: Potensi yang Belum Tergarap"),
    ("para",
     "Perekonomian Brisbane bertumpu pada jasa keuangan, pendidikan internasional, dan ekspor hasil "
     "tambang melalui pelabuhannya. Semarang sendiri merupakan simpul industri dan perdagangan Jawa "
     "Tengah dengan Pelabuhan Tanjung Emas sebagai pintu keluar utama. Meski kedua kota sama-sama "
     "memiliki pelabuhan penting, belum ada program kerja sama di bidang kepelabuhanan maupun "
     "perdagangan yang dijalankan atas nama hubungan kota kembar."),
    ("heading", "7. Hambatan Pelaksanaan"),
    ("para",
     "Narasumber di kedua kota menyebut tiga hambatan utama. Pertama, pergantian kepala daerah sering "
     "diikuti perubahan prioritas, sehingga program yang sudah dirancang tidak dilanjutkan. Kedua, "
     "jarak dan biaya perjalanan membuat kunjungan kerja hanya dapat dilakukan sekali dalam beberapa "
     "tahun. Ketiga, perbedaan kewenangan: Brisbane City Council mengelola wilayah yang sangat luas "
     "dengan anggaran sendiri, sementara banyak urusan di Semarang masih bergantung pada persetujuan "
     "pemerintah provinsi dan pusat."),
    ("para",
     "Meskipun demikian, hubungan kedua kota juga diuntungkan oleh pertukaran informasi yang kini "
     "dapat dilakukan secara daring. Pertemuan teknis antara perencana kedua kota semakin sering "
     "diadakan melalui konferensi video, dan bahan pelatihan dibagikan tanpa harus menunggu "
     "kunjungan resmi."),
    ("heading", "8. Penutup"),
    ("para",
     "Dua puluh lima tahun hubungan Semarang–Brisbane memperlihatkan bahwa hubungan kota kembar dapat "
     "bertahan lama bila isinya berubah mengikuti kebutuhan. Dimulai dari pendidikan, hubungan ini "
     "kini lebih banyak diisi oleh kerja sama lingkungan hidup, penataan ruang, dan transportasi "
     "perkotaan. Agar tidak kembali surut, kedua pemerintah kota perlu menyusun rencana kerja "
     "bersama yang dievaluasi secara berkala dan tidak hanya bergantung pada jaringan pribadi para "
     "alumni."),
    ("heading", "Daftar Pustaka"),
    ("ref", "Mukti, T. A. (2013). Paradiplomacy: Kerja Sama Luar Negeri oleh Pemda di Indonesia. "
            "Yogyakarta: The Phinisi Press."),
    ("ref", "Pemerintah Kota Semarang. (2016). Laporan Kerja Sama Daerah Tahun 2015. Semarang: "
            "Bagian Kerja Sama Setda."),
    ("ref", "Tavares, R. (2016). Paradiplomacy: Cities and States as Global Players. New York: "
            "Oxford University Press."),
]

STYLE = {
    # kind: (font, size, leading, space_before, space_after, indent, align)
    "title": ("Times-Bold", 13, 17, 0, 0, 0, "center"),
    "meta": ("Times-Roman", 10.5, 14, 4, 0, 0, "center"),
    "abstract_head": ("Times-Bold", 10.5, 14, 16, 2, 0, "left"),
    "abstract": ("Times-Italic", 10, 13, 0, 4, 0, "left"),
    "keywords": ("Times-Italic", 10, 13, 2, 8, 0, "left"),
    "heading": ("Times-Bold", 11.5, 15, 12, 3, 0, "left"),
    "para": ("Times-Roman", 11, 15.5, 0, 6, 20, "left"),
    "ref": ("Times-Roman", 10, 13, 0, 3, 0, "left"),
}

FN_FONT, FN_SIZE, FN_LEADING = "Times-Roman", 8, 10


def wrap(text: str, font: str, size: float, width: float, first_indent: float) -> list[str]:
    """Greedy line breaking.

    A word written with HYPHEN ("penge|lolaan") is hyphenated there when it falls at the
    end of a line (the whole word overflows, or the line is already 88% full) and no
    other word has been hyphenated yet; otherwise the marker is dropped.
    """

    def w(s: str) -> float:
        return stringWidth(s.replace(FOOTNOTE_MARK, ""), font, size)

    lines: list[str] = []
    cur = ""
    avail = width - first_indent
    for word in text.split(" "):
        whole = word.replace(HYPHEN, "")
        cand = f"{cur} {whole}" if cur else whole
        if HYPHEN in word and cur and not _HYPHENATED[0]:
            head, tail = word.split(HYPHEN, 1)
            hcand = f"{cur} {head}-"
            # hyphenate when the word overflows, or when the line is nearly full anyway
            if w(hcand) <= avail and (w(cand) > avail or w(hcand) >= 0.88 * avail):
                lines.append(hcand)
                _HYPHENATED[0] = True
                avail = width
                cur = tail
                continue
        if w(cand) <= avail or not cur:
            cur = cand
            continue
        lines.append(cur)
        avail = width
        cur = whole
    if cur:
        lines.append(cur)
    return lines


class Doc:
    def __init__(self, path: Path) -> None:
        self.c = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=0)
        self.c.setTitle("Seperempat Abad Kota Kembar Semarang–Brisbane")
        self.c.setAuthor("Hendra Wijayakusuma")
        self.c.setSubject("Sample corpus document for kotakembar")
        self.c.setCreator("kotakembar scripts/make_sample_pdf.py")
        self.page = 1
        self.y = TOP
        self.bottom = BOTTOM
        self.footnotes: list[str] = []
        self.total_pages = 0  # filled in after a dry run

    # running header, footer and footnotes of the current page
    def _decorate(self) -> None:
        c = self.c
        c.setFont("Times-Italic", 9)
        c.drawString(LEFT, PAGE_H - 50, HEADER_LEFT)
        c.drawRightString(RIGHT, PAGE_H - 50, HEADER_RIGHT)
        c.setLineWidth(0.4)
        c.line(LEFT, PAGE_H - 55, RIGHT, PAGE_H - 55)
        c.setFont("Times-Roman", 9)
        footer = f"Halaman {self.page} dari {self.total_pages}" if self.total_pages else f"Halaman {self.page}"
        c.drawCentredString(PAGE_W / 2, 45, footer)
        if self.footnotes:
            y = BOTTOM + FN_LEADING * self._fn_lines() + 2
            c.line(LEFT, y + 4, LEFT + 120, y + 4)
            c.setFont(FN_FONT, FN_SIZE)
            for fn in self.footnotes:
                for line in wrap(fn, FN_FONT, FN_SIZE, WIDTH, 0):
                    y -= FN_LEADING
                    c.drawString(LEFT, y, line)

    def _fn_lines(self) -> int:
        return sum(len(wrap(fn, FN_FONT, FN_SIZE, WIDTH, 0)) for fn in self.footnotes)

    def new_page(self) -> None:
        self._decorate()
        self.c.showPage()
        self.page += 1
        self.y = TOP
        self.bottom = BOTTOM
        self.footnotes = []

    def finish(self) -> None:
        self._decorate()
        self.c.save()

    def draw_line(self, line: str, font: str, size: float, x: float, align: str) -> None:
        c = self.c
        if align == "center":
            c.setFont(font, size)
            c.drawCentredString(PAGE_W / 2, self.y, line)
            return
        if FOOTNOTE_MARK in line:
            before, after = line.split(FOOTNOTE_MARK, 1)
            c.setFont(font, size)
            c.drawString(x, self.y, before)
            xm = x + stringWidth(before, font, size)
            c.setFont(font, size * 0.62)
            c.drawString(xm, self.y + size * 0.38, "1")
            xa = xm + stringWidth("1", font, size * 0.62)
            c.setFont(font, size)
            if after:
                c.drawString(xa, self.y, after)
            self.footnotes.append(FOOTNOTE_TEXT)
            self.bottom = BOTTOM + FN_LEADING * self._fn_lines() + 12
            return
        c.setFont(font, size)
        c.drawString(x, self.y, line)

    def block(self, kind: str, text: str) -> None:
        font, size, leading, before, after, indent, align = STYLE[kind]
        self.y -= before
        if kind == "heading" and self.y - leading - 3 * STYLE["para"][2] < self.bottom:
            self.new_page()  # keep a heading with the first lines of its section
        lines = wrap(text, font, size, WIDTH, indent)
        for i, line in enumerate(lines):
            need = leading
            if FOOTNOTE_MARK in line:
                need += FN_LEADING * len(wrap(FOOTNOTE_TEXT, FN_FONT, FN_SIZE, WIDTH, 0)) + 12
            if self.y - need < self.bottom:
                self.new_page()
            self.y -= leading
            x = LEFT + (indent if i == 0 else 0)
            self.draw_line(line, font, size, x, align)
        self.y -= after


def build(path: Path, total_pages: int = 0) -> int:
    _HYPHENATED[0] = False
    doc = Doc(path)
    doc.total_pages = total_pages
    for kind, text in BLOCKS:
        doc.block(kind, text)
    pages = doc.page
    doc.finish()
    return pages


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    pages = build(out)  # first pass counts pages
    build(out, total_pages=pages)
    print(f"wrote {out} ({pages} pages)")


if __name__ == "__main__":
    main()
