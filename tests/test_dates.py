"""Tests of the date recognizer (pipeline/components/dates.py, issue #5).

Table-driven rows in our own sentences (one per form and per trap), property tests with
hypothesis, serialization, and a scored run over the shared seeds.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import spacy
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.components.dates as dates_mod
from pipeline.components.common import DATES_KEY
from pipeline.components.dates import PRECISIONS, ROLES, DateRecognizer, find_dates, normalize, parse_duration
from pipeline.nlp import blank_indonesian


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_indonesian()  # the pipeline's tokenizer (its special cases decide what a date's tokens are)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kotakembar_dates")
    return nlp


def _spans(nlp, text, sections=None):
    doc = nlp.make_doc(text)
    if sections:
        doc.user_data["kk_sections"] = sections
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc, list(doc.spans[DATES_KEY])


# ---------------------------------------------------------------------------- table-driven
# (text, surface, value, precision, role); label is DURATION when the value starts with "P".
POSITIVE = [
    ("Rombongan berkunjung ke Singkawang pada 3 hingga 5 Mei yang lalu.", "3 hingga 5 Mei yang lalu", "XXXX-05-03/XXXX-05-05",
     "interval", "event"),
    ("16. Bandung, Indonesia\nLocation signed: Bandung\nSigned on 2005.12.21", "2005.12.21", "2005-12-21", "day", "event"),
    # day month year, Indonesian
    ("Nota kesepahaman itu diteken pada 21 Maret 2015 di balai kota.", "21 Maret 2015", "2015-03-21", "day", "event"),
    # a place and a date opening the text are its dateline
    ("Semarang, 12 Oktober 2016", "12 Oktober 2016", "2016-10-12", "day", "publication"),
    ("surat itu tertanggal 3 januari 2017 dan dikirim", "3 januari 2017", "2017-01-03", "day", "event"),
    ("Pertemuan lanjutan digelar 9 Agt 2014 di Surabaya.", "9 Agt 2014", "2014-08-09", "day", "event"),
    ("Pertemuan lanjutan digelar 9 Ags 2014 di Surabaya.", "9 Ags 2014", "2014-08-09", "day", "event"),
    ("Pertemuan lanjutan digelar 1 Agust 2014 di Surabaya.", "1 Agust 2014", "2014-08-01", "day", "event"),
    ("Pertemuan lanjutan digelar 2 Sept. 2014 di Surabaya.", "2 Sept. 2014", "2014-09-02", "day", "event"),
    ("Pertemuan lanjutan digelar 14 okt 2018 di Surabaya.", "14 okt 2018", "2018-10-14", "day", "event"),
    ("Pertemuan lanjutan digelar 3 Nop 2014 di Surabaya.", "3 Nop 2014", "2014-11-03", "day", "event"),
    ("Pertemuan lanjutan digelar 4 Des 2014 di Surabaya.", "4 Des 2014", "2014-12-04", "day", "event"),
    ("Pertemuan lanjutan digelar 6 Mei 2014 di Surabaya.", "6 Mei 2014", "2014-05-06", "day", "event"),
    ("Pertemuan lanjutan digelar 11 Feb 2014 di Surabaya.", "11 Feb 2014", "2014-02-11", "day", "event"),
    ("Pertemuan lanjutan digelar 29 Februari 2016 di Surabaya.", "29 Februari 2016", "2016-02-29", "day", "event"),
    ("Pertemuan lanjutan digelar 7 Pebruari 2016 di Surabaya.", "7 Pebruari 2016", "2016-02-07", "day", "event"),
    # English
    ("The agreement was renewed on March 5 2016 in Busan.", "March 5 2016", "2016-03-05", "day", "event"),
    ("The agreement was renewed on March 5, 2016 in Busan.", "March 5, 2016", "2016-03-05", "day", "event"),
    ("The delegation arrived on 5 March 2016.", "5 March 2016", "2016-03-05", "day", "event"),
    ("The delegation arrived on 5th Dec 2016.", "5th Dec 2016", "2016-12-05", "day", "event"),
    ("The partnership ended in 2014 after a review.", "in 2014", "2014", "year", "event"),
    # month year
    ("Wali kota berkunjung pada bulan Mei 2010 bersama rombongan.", "bulan Mei 2010", "2010-05", "month", "event"),
    ("Kunjungan balasan terjadi Juli 2012 di Daejeon.", "Juli 2012", "2012-07", "month", "event"),
    # year
    ("Kantor perwakilan dibuka pada tahun 2012 di Seoul.", "pada tahun 2012", "2012", "year", "event"),
    ("Kantor perwakilan dibuka tahun 2012 di Seoul.", "tahun 2012", "2012", "year", "event"),
    ("Program pertukaran dimulai pada 2016 dengan sepuluh siswa.", "pada 2016", "2016", "year", "event"),
    # open intervals
    ("Kemitraan ini berjalan sejak tahun 2005 tanpa henti.", "sejak tahun 2005", "2005/..", "interval", "event"),
    ("Hubungan diplomatik kedua negara ada sejak 1968.", "sejak 1968", "1968/..", "interval", "event"),
    ("The two ports have cooperated since 2009.", "since 2009", "2009/..", "interval", "event"),
    # "dimulai"/"mulai" date the start itself, not an open interval (gold: "dimulai tahun 1993" -> 1993)
    ("Kerja sama kedua kota dimulai tahun 1998 dengan pertukaran guru.", "tahun 1998", "1998", "year", "event"),
    ("Program itu mulai bulan Maret 2016 dengan dua guru.", "bulan Maret 2016", "2016-03", "month", "event"),
    # closed intervals
    ("Pameran digelar 10 sampai 14 Juni pada tahun 2019 di Bandung.", "10 sampai 14 Juni pada tahun 2019",
     "2019-06-10/2019-06-14", "interval", "event"),
    ("Pameran digelar 10-14 Juni 2019 di Bandung.", "10-14 Juni 2019", "2019-06-10/2019-06-14", "interval", "event"),
    ("Pameran digelar 10 -14 Juni 2019 di Bandung.", "10 -14 Juni 2019", "2019-06-10/2019-06-14", "interval", "event"),
    ("Rombongan berada di Busan dari 28 Juli hingga 8 Agustus lalu.", "dari 28 Juli hingga 8 Agustus lalu",
     "XXXX-07-28/XXXX-08-08", "interval", "event"),
    ("The mayor toured Japan from July 28 to August 8.", "from July 28 to August 8", "XXXX-07-28/XXXX-08-08",
     "interval", "event"),
    ("Rencana strategis 2015-2020 disusun ulang.", "2015-2020", "2015/2020", "interval", "other"),  # a plan period (gold/README.md)
    ("Program berjalan dari tahun 2010 sampai tahun 2012 saja.", "dari tahun 2010 sampai tahun 2012",
     "2010/2012", "interval", "event"),
    ("Magang berlangsung Januari - Maret 2012 di Busan.", "Januari - Maret 2012", "2012-01/2012-03", "interval", "event"),
    ("The exchange ran November 3-8, 2012 in Medan.", "November 3-8, 2012", "2012-11-03/2012-11-08", "interval", "event"),
    ("Kalender akademik tahun 2013/2014 berubah.", "tahun 2013/2014", "2013/2014", "interval", "event"),
    # decades (background)
    ("Gagasan itu muncul pada awal tahun 80-an di Eropa.", "awal tahun 80-an", "198X", "decade", "other"),
    ("Teori ini berkembang pada 1960-an di Amerika.", "1960-an", "196X", "decade", "other"),
    ("The idea spread in the 1990s across Asia.", "the 1990s", "199X", "decade", "other"),
    # numeric forms, Indonesian day/month order
    ("Rombongan tiba Senin (8/7/2019) pagi.", "Senin (8/7/2019)", "2019-07-08", "day", "event"),
    ("Festival dibuka (20/9) oleh gubernur.", "(20/9)", "XXXX-09-20", "day", "event"),
    ("Rombongan berada di Busan Senin-Rabu (13-15/5) lalu.", "Senin-Rabu (13-15/5)", "XXXX-05-13/XXXX-05-15",
     "interval", "event"),
    ("LoI diteken saat kunjungan ke Korea (5-7/12).", "(5-7/12)", "XXXX-12-05/XXXX-12-07", "interval", "event"),
    ("Laporan bertanggal 2019-07-04 diarsipkan.", "2019-07-04", "2019-07-04", "day", "event"),
    ("Laporan bertanggal 17.08.2015 diarsipkan.", "17.08.2015", "2015-08-17", "day", "event"),
    # named events with a year
    ("Para penari tampil dalam Jakarta Food Festival 2017 di Monas.", "Jakarta Food Festival 2017", "2017", "year", "event"),
    ("Mahasiswa mengikuti Youth Summit 2019 di Incheon.", "Youth Summit 2019", "2019", "year", "event"),
    # durations
    ("Perjanjian ini berlaku 3 tahun sejak diteken.", "berlaku 3 tahun", "P3Y", "interval", "other"),
    ("Masa tugasnya 6 bulan di Korea.", "6 bulan", "P6M", "interval", "other"),
    ("Mereka tinggal selama tiga tahun di Jepang.", "selama tiga tahun", "P3Y", "interval", "other"),
    ("Kontrak diperpanjang selama dua belas bulan berikutnya.", "selama dua belas bulan", "P12M", "interval", "other"),
    ("Kerja sama itu sudah dua puluh lima tahun umurnya.", "dua puluh lima tahun", "P25Y", "interval", "other"),
    ("Siswa menginap selama seminggu di asrama.", "selama seminggu", "P1W", "interval", "other"),
    ("Volunteers stayed for five years in the city.", "for five years", "P5Y", "interval", "other"),
    # roles: citation access
    ("Sumber: laman resmi pemkot, diakses pada tanggal 2 Maret 2020.", "2 Maret 2020", "2020-03-02", "day", "citation_access"),
    ("Berita daring, diakses pd tgl 9 mei 2021", "9 mei 2021", "2021-05-09", "day", "citation_access"),
    ("City portal, accessed on 4 June 2021.", "4 June 2021", "2021-06-04", "day", "citation_access"),
    # roles: legal references
    ("Dasar hukumnya UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.", "UU Nomor 23 Tahun 2014", "2014", "year",
     "legal_reference"),
    ("sesuai Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah", "Nomor 28 Tahun 2018", "2018", "year",
     "legal_reference"),
    ("mengacu pada undang-undang nomor 37 tahun 1999 tentang hubungan luar negeri", "undang-undang nomor 37 tahun 1999",
     "1999", "year", "legal_reference"),
    ("ditetapkan peraturan menteri dalam negeri nomor 3 pada tahun 2008 tentang pedoman", "nomor 3 pada tahun 2008",
     "2008", "year", "legal_reference"),
    # roles: publication
    ("Kota pelabuhan ini sangat sibuk (Santoso, 2018).", "(Santoso, 2018)", "2018", "year", "publication"),
    ("Menurut Wibowo (2011) kerja sama itu timpang.", "Wibowo (2011)", "2011", "year", "publication"),
    ("Copyright © 2021, Jurnal Hubungan Internasional", "Copyright © 2021", "2021", "year", "publication"),
    ("COPYRIGHT © ANTARA News Sumatera Utara 2021", "2021", "2021", "year", "publication"),
    ("Buku dengan judul Diplomasi Kota Modern pada tahun 1999 menjadi rujukan.", "pada tahun 1999", "1999", "year",
     "publication"),
    ("Jurnal Kajian Wilayah Vol.4 No.1 Maret 2015", "Maret 2015", "2015-03", "month", "publication"),
    # roles: a thesis cover, a signature's place and date, a page's time stamp, a labelled dateline
    ("SKRIPSI\nFAKULTAS ILMU SOSIAL\nUNIVERSITAS HASANUDDIN\nMAKASSAR\n2013\n", "2013", "2013", "year", "publication"),
    ("Lembar pengesahan skripsi.\nMakassar, Mei 2013\nMengetahui", "Mei 2013", "2013-05", "month", "publication"),
    ("Sekda hadir di acara itu.\n- Selasa, 6 Februari 2024 | 10:58 WIB\nIsi berita", "Selasa, 6 Februari 2024",
     "2024-02-06", "day", "publication"),
    ("Jakarta Globe\nDecember 5, 2023 | 10:53 am\nTokyo and Jakarta", "December 5, 2023", "2023-12-05", "day",
     "publication"),
    ("The Jakarta Globe December 5, 2023 | 10:53 am Acting Governor Heru meets", "December 5, 2023", "2023-12-05",
     "day", "publication"),
    ("Kamis, 28 Juli 2022 - 10:36 WIB loading... Konsulat Jenderal berharap", "Kamis, 28 Juli 2022", "2022-07-28",
     "day", "publication"),
    ("Judul berita\nMinggu, 07 Mei 2017 - 23:27 | 76.91k\nFoto kedua wali kota", "Minggu, 07 Mei 2017", "2017-05-07",
     "day", "publication"),
    ("Penulis Berita | 02 Agustus 2015 12:50 WIB\nBali menjalin kerja sama", "02 Agustus 2015", "2015-08-02",
     "day", "publication"),
    ("Tanggapi artikel\n24 Januari 2021   22:12 Diperbarui oleh admin", "24 Januari 2021",
     "2021-01-24", "day", "publication"),
    ("Judul berita\nSelasa, 4 Oktober 2022 09:15 Reporter : Andi\nKerja sama dibahas", "Selasa, 4 Oktober 2022",
     "2022-10-04", "day", "publication"),
    ("Alamat email: redaksi Naskah Direvisi: 13 Mei 2016 Abstract Paradiplomasi", "13 Mei 2016",
     "2016-05-13", "day", "publication"),
    ("Article history. Accepted: 9 May 2020. Abstract: paradiplomacy", "9 May 2020", "2020-05-09", "day",
     "publication"),
    ("Tanggal Publikasi Oct 21, 2014 919 Kali Sister City adalah sebuah konsep", "Oct 21, 2014", "2014-10-21", "day",
     "publication"),
    ("Artikel ini disalin.\nSource: Harian Kota, 16 July 2016\nThe mayor visited", "16 July 2016", "2016-07-16", "day",
     "publication"),
    ("Tue, January 2, 2018 Published on the city's site\nThe mayor visited", "January 2, 2018", "2018-01-02", "day",
     "publication"),
    ("The Letter of Intent was signed on Feb. 18, 2019 in Sibu.", "Feb. 18, 2019", "2019-02-18", "day", "event"),
    ("Acara dimulai Senin, 5 Juni 2023 pukul 10.00 WIB di balai kota.", "Senin, 5 Juni 2023", "2023-06-05", "day",
     "event"),
    ("Peneliti kawasan Asia Timur 16 November 2024 13:58 WIB · waktu baca 7 menit", "16 November 2024", "2024-11-16",
     "day", "publication"),
    ("Kami bertemu di balai kota.\nPada Senin (5/2/2024), 10.00 WIB, acara dimulai.", "Senin (5/2/2024)", "2024-02-05",
     "day", "event"),
    ("date 2023-02-18 SIBU: the council signed a Letter of Intent to establish closer ties.", "2023-02-18",
     "2023-02-18", "day", "publication"),
    ("SIBU (Feb 18): The council signed a Letter of Intent.", "Feb 18", "XXXX-02-18", "day", "publication"),
    ("Judul berita\nSURABAYA (15/3/2019) - Pemkot Surabaya menandatangani MoU.", "(15/3/2019)", "2019-03-15", "day",
     "publication"),
    ("kunjungan ke KBRI (15/3/2019) diteken", "(15/3/2019)", "2019-03-15", "day", "event"),
    # English month and day without a year, after a preposition only
    ("The council signed a Letter of Intent on Feb 7 to establish closer ties.", "Feb 7", "XXXX-02-07", "day", "event"),
    ("Ichikawa City statistics. Diakses dari https://example.org/stat pada 31 Agustus 2022 pukul 11.52 WIB",
     "31 Agustus 2022", "2022-08-31", "day", "citation_access"),
    ("Daftar bacaan\nNeuman, W. Lawrence. (2004). Basics of Social Research.", "2004", "2004", "year", "publication"),
    ("Available at:\n\nDuchacek, I., 1990. Perforated Sovereignties.", "1990", "1990", "year", "publication"),
    ("Alam, G. N. & Sudirman, A., 2020. Paradiplomacy Pemerintah Kota Bandung.", "2020", "2020", "year",
     "publication"),
    ("Peraturan Gubernur tentang Grand Design Kerja Sama Daerah Provinsi Jawa Barat 2015 – 2018.", "2015 – 2018",
     "2015/2018", "interval", "other"),
    ("Pertemuan dengan Konsulat Malaysia di Pekanbaru (15/05/17).", "(15/05/17)", "2017-05-15", "day", "event"),
    ("Kunjungan berlangsung pada 19 s/d 22 Februari 2009.", "19 s/d 22 Februari 2009", "2009-02-19/2009-02-22",
     "interval", "event"),
    ("The director traveled on 19 s / d 22 February 2009.", "19 s / d 22 February 2009", "2009-02-19/2009-02-22",
     "interval", "event"),
    ("Penandatanganan dilakukan pada Rabu,16 Desember 2020 di Jakarta.", "Rabu,16 Desember 2020", "2020-12-16", "day",
     "event"),
    ("Hal itu disampaikan di Gedung Provinsi Bali, Selasa (25/8).", "Selasa (25/8)", "XXXX-08-25", "day", "event"),
    ("Agenda itu terhitung sejak Senin (13/1) hingga Jumat (17/1) di Jepang.", "Senin (13/1) hingga Jumat (17/1)",
     "XXXX-01-13/XXXX-01-17", "interval", "event"),
    ("Kunjungan kerja berlangsung pada 4–7 April 2026 di Tashkent.", "4–7 April 2026", "2026-04-04/2026-04-07",
     "interval", "event"),
    ("Rombongan akan berkunjung sejak tanggal 6-10 November mendatang.", "tanggal 6-10 November mendatang",
     "XXXX-11-06/XXXX-11-10", "interval", "event"),
    ("Nilai ekspor Jatim ke Uzbekistan mencapai USD 9,36 juta pada Januari–Oktober 2025.", "Januari–Oktober 2025",
     "2025-01/2025-10", "interval", "other"),
    ("Articles\nDevelopment of Sister City Cooperation Between Semarang and Jung-gu in 2009-2017\nLaili Nur",
     "2009-2017", "2009/2017", "interval", "other"),
    # author-year citations and reference lines
    ("Teori ini dikembangkan oleh Smith et\nal. (2010) dalam kajiannya.", "2010", "2010", "year", "publication"),
    ("This study uses Dunn's (2004) theory of policy.", "2004", "2004", "year", "publication"),
    ("Kerja sama kota kembar bermanfaat bagi budaya. (SCI: 2004)", "2004", "2004", "year", "publication"),
    ("MoU itu diperpanjang (Setda Provinsi D.I. Yogyakarta, 2006). Ambisi pemerintah besar.", "2006", "2006", "year",
     "publication"),
    ("Daftar pustaka\nHumas Kota Contoh. (2019). Kunjungan Tokoh Agama.", "2019", "2019", "year", "publication"),
    ("Catatan\n37 Jane Roe and John Doe. 2005. A Study of Sister City Relations.", "2005", "2005", "year",
     "publication"),
    ("Available at:\n\nBidang Informasi Publik Kota Contoh, 2017. Kota Contoh Jalin Kerjasama.", "2017", "2017", "year",
     "publication"),
    ("Kerja sama itu dimulai pada tahun 2017. Kota Contoh kemudian berkembang.", "pada tahun 2017", "2017", "year", "event"),
    ("Downloads\n\nPublished\n\n2023-12-31\n\nHow to Cite", "2023-12-31", "2023-12-31", "day", "publication"),
    ("Protected\n\nAcademic year: 2022\n\nMembagikan", "2022", "2022", "year", "publication"),
    ("%A Fakultas Hukum %D 2019 %F eprints:6873", "2019", "2019", "year", "publication"),
    # roles: title / heading
    ("KERJA SAMA KOTA KEMBAR BANDUNG DAN BRAUNSCHWEIG 2010-2015", "2010-2015", "2010/2015", "interval", "other"),
    # roles: a target year
    ("Both cities want to double their trade by 2030.", "2030", "2030", "year", "other"),
    ("Program kedua kota itu dibiayai dari APBD 2021.", "2021", "2021", "year", "other"),
]


@pytest.mark.parametrize("text,surface,value,precision,role", POSITIVE, ids=[r[1] for r in POSITIVE])
def test_positive(nlp, text, surface, value, precision, role):
    _doc, spans = _spans(nlp, text)
    found = [(s.text, s._.kk["value"], s._.kk["precision"], s._.kk["role"], s.label_) for s in spans]
    label = "DURATION" if value.startswith("P") else "DATE"
    assert (surface, value, precision, role, label) in found, found
    assert len(spans) == 1, found
    kk = spans[0]._.kk
    assert kk["method"].startswith("rule:") and 0 < kk["confidence"] <= 1


NEGATIVE = [
    ("may-people", "May 5 people came to the town hall."),
    ("mei-orang", "Pada Mei 2 orang datang ke balai kota."),
    ("count", "Terdapat 1988 kerjasama yang tercatat di kementerian."),
    ("teachers", "Dinas mengirim 45 tenaga pengajar ke sana setiap tahun."),
    ("money-usd", "Nilai ekspor kota itu mencapai US$120,3 miliar tahun lalu."),
    ("money-rp", "Anggaran sebesar Rp 2,5 triliun disetujui dewan."),
    ("footnote-marker", "Keterangan lengkap ada di sumber aslinya.<sup>14</sup> Lalu dibahas."),
    ("footnote-number", "tenaga kerja terampil.\n\n14 Lihat laporan dinas kota.\n"),
    ("student-id", "Penulis: Budi Santoso, NIM 2016040021"),
    ("student-id-dot", "NIM. 2019040077"),
    ("regulation-number", "Surat Keputusan nomor 120/3345/PUM tentang kerja sama"),
    ("regulation-code", "berdasarkan Surat nomor 12/B/KS/IV/2015/02 tentang izin"),
    ("time", "Rapat dimulai pukul 09.30 WIB di aula."),
    ("distance", "Jalan sepanjang 2,4 km itu diresmikan gubernur."),
    ("recurring-month", "Pertukaran guru dilakukan setiap Agustus di kedua kota."),
    ("recurring-bulan", "Delegasi datang setiap bulan Maret ke Surabaya."),
    ("anniversary", "Perayaan HUT ke-5 kota itu sangat meriah."),
    ("participants", "Sebanyak 2010 peserta hadir di stadion."),
    ("invalid-day", "Pada 31 Februari 2019 tidak ada rapat."),
    ("invalid-day-june", "Pada 31 Juni 2019 tidak ada rapat."),
    ("page", "Lihat hlm. 2013 dan hal. 45 buku itu."),
    ("url", "Sumber <https://www.pemkot.example.go.id/berita/2019/05/kunjungan-delegasi> tanpa tanggal"),
    ("figure", "Gambar 3.2 memuat 2015 titik data."),
    ("ordinal-event", "The 2nd Surabaya Street Festival was fun."),
    ("english-may", "Option 3 may be better for both cities."),
]


@pytest.mark.parametrize("name,text", NEGATIVE, ids=[n for n, _ in NEGATIVE])
def test_not_a_date(nlp, name, text):
    _doc, spans = _spans(nlp, text)
    assert spans == [], [(s.text, s._.kk) for s in spans]


def test_place_and_date_in_table_row(nlp):
    text = "3.\tPemko Daegu\tBandung, 17 Agustus 2013\t5 tahun\t17 Agustus 2018\tMoU"
    _doc, spans = _spans(nlp, text)
    got = [(s.text, s.label_, s._.kk["value"]) for s in spans]
    assert got == [
        ("17 Agustus 2013", "DATE", "2013-08-17"),
        ("5 tahun", "DURATION", "P5Y"),
        ("17 Agustus 2018", "DATE", "2018-08-17"),
    ]


def test_weekday_mismatch_lowers_confidence(nlp):
    _d, ok = _spans(nlp, "Rombongan tiba Kamis (4/7/2019) pagi.")  # a Thursday
    _d, bad = _spans(nlp, "Rombongan tiba Senin (4/7/2019) pagi.")
    assert ok[0]._.kk["value"] == bad[0]._.kk["value"] == "2019-07-04"
    assert bad[0]._.kk["confidence"] < ok[0]._.kk["confidence"]


def test_roles_from_sections(nlp):
    body = "Kunjungan resmi dilakukan pada 2 Mei 2016 di Busan.\n"
    refs = "Santoso, B. Kota dan Dunia. Jakarta: Penerbit Maju, 2015.\n"
    note = "Laporan tahunan dinas, 4 Juni 2014, hlm. 3.\n"
    title = "Kerja Sama Kota Bogor 2010\n"
    text = title + body + refs + note
    a = len(title)
    b = a + len(body)
    c = b + len(refs)
    sections = [("title", 0, a, "id"), ("body", a, b, "id"), ("references", b, c, "id"), ("footnotes", c, len(text), "id")]
    _doc, spans = _spans(nlp, text, sections)
    roles = {s._.kk["value"]: s._.kk["role"] for s in spans}
    assert roles == {"2010": "other", "2016-05-02": "event", "2015": "publication", "2014-06-04": "publication"}


def test_access_date_inside_footnotes_stays_access(nlp):
    text = "1 Profil kota, <https://kota.example.org/profil> diakses pada 20 januari 2019\n"
    _doc, spans = _spans(nlp, text, [("footnotes", 0, len(text), "id")])
    assert [(s.text, s._.kk["role"]) for s in spans] == [("20 januari 2019", "citation_access")]


# ---------------------------------------------------------------------------- pure helpers
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Batam, 17 Agustus 2013", ("2013-08-17", "day")),
        ("17 Agustus 2018", ("2018-08-17", "day")),
        ("2013", ("2013", "year")),
        ("Agustus 2011", ("2011-08", "month")),
        ("2013-2018", ("2013/2018", "interval")),
        ("sejak 1973", ("1973/..", "interval")),
        ("awal tahun 70-an", ("197X", "decade")),
        ("(17/11)", ("XXXX-11-17", "day")),
        ("Kamis (4/7/2019)", ("2019-07-04", "day")),
        ("20 feb 2019", ("2019-02-20", "day")),
        ("s.d. tahun 2015", ("../2015", "interval")),
        ("-", None),
        ("", None),
        ("5 tahun", None),
        ("31 Juni 2013", None),
        ("tanpa tanggal", None),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("5 tahun", "P5Y"),
        ("selama dua tahun", "P2Y"),
        ("sepuluh tahun", "P10Y"),
        ("sebelas bulan", "P11M"),
        ("dua belas tahun", "P12Y"),
        ("dua puluh tahun", "P20Y"),
        ("3 minggu", "P3W"),
        ("14 hari", "P14D"),
        ("1,5 tahun", "P1.5Y"),
        ("two years", "P2Y"),
        ("17 Agustus 2013", None),
        ("Nomor 32 Tahun 2004", None),
        ("tanpa batas waktu", None),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


# ---------------------------------------------------------------------------- component API
def test_config_bare_years_off():
    nlp = spacy.blank("id")
    nlp.add_pipe("kotakembar_dates", config={"bare_years": False})
    doc = nlp("Laporan dinas 2016. Kunjungan pada tahun 2017.")
    assert [s._.kk["value"] for s in doc.spans[DATES_KEY]] == ["2017"]


def test_custom_spans_key_and_initialize_patterns():
    nlp = spacy.blank("id")
    rec = nlp.add_pipe("kotakembar_dates", config={"spans_key": "my_dates"})
    only = [p for p in rec.patterns if p["id"] == "day-month-year"]
    nlp.initialize()
    rec.initialize(patterns=only)
    doc = nlp("Diteken 17 Agustus 2013, berlaku 5 tahun, sejak 1973.")
    assert [s.text for s in doc.spans["my_dates"]] == ["17 Agustus 2013"]


def test_to_disk_from_disk_roundtrip(tmp_path):
    nlp = spacy.blank("id")
    rec = nlp.add_pipe("kotakembar_dates", config={"bare_year_min": 1950})
    text = "Diteken 17 Agustus 2013 (Rahayu, 2016), berlaku 5 tahun, sejak 1973. Laporan 1940."
    doc = nlp(text)
    before = [(s.text, s._.kk) for s in doc.spans[DATES_KEY]]
    assert [v for _t, kk in before for v in [kk["value"]]] == ["2013-08-17", "2016", "P5Y", "1973/.."]
    rec.to_disk(tmp_path / "dates")
    assert (tmp_path / "dates" / "dates.jsonl").exists()
    other = DateRecognizer(spacy.blank("id")).from_disk(tmp_path / "dates")
    assert other.bare_year_min == 1950
    assert [(s.text, s._.kk) for s in other.find(other.nlp.make_doc(text))] == before
    nlp.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    doc2 = nlp2(text)
    assert [(s.text, s._.kk) for s in doc2.spans[DATES_KEY]] == before
    again = DateRecognizer(spacy.blank("id")).from_bytes(rec.to_bytes())
    assert [(s.text, s._.kk) for s in again.find(again.nlp.make_doc(text))] == before


def test_rules_are_data():
    rules_dir = Path(dates_mod.__file__).resolve().parents[1] / "rules"
    ids = [json.loads(line)["id"] for line in (rules_dir / "dates.jsonl").read_text().splitlines() if line.strip()]
    assert len(ids) == len(set(ids)) and "day-month-year" in ids and "bare-year" in ids


# ---------------------------------------------------------------------------- properties
_EDTF = re.compile(
    r"^(P\d+(\.\d+)?[YMWD]"
    r"|(\d{4}|XXXX)(-\d{2}(-\d{2})?)?"
    r"|\d{3}X"
    r"|((\d{4}|XXXX)(-\d{2}(-\d{2})?)?|\.\.)/((\d{4}|XXXX)(-\d{2}(-\d{2})?)?|\.\.))$"  # "9-11 Agustus" unanchored
)
_FRAGMENTS = [
    "17", "3", "31", "29", "2013", "2018", "1973", "1950", "70", "2005050036", "Agustus", "agt", "Feb", "Mei", "May",
    "Desember", "November", "sejak", "sampai", "hingga", "s.d", "tahun", "bulan", "pada", "tanggal", "-", "/", ".", ",",
    "(", ")", ":", "Kamis", "selama", "dua", "belas", "puluh", "lima", "minggu", "UU", "Nomor", "diakses", "pd", "tgl",
    "Festival", "Copyright", "©", "setiap", "an", "s", "d", "US$", "Rp", "NIM", "<sup>33</sup>", "\n", "\t", "  ", "kerjasama",
    "awal", "in", "since", "Rahayu", "km", "pukul", "10.00", "ke", "HUT", "0", "00", "2099", "1000", "9999",
]
_date_like = st.lists(
    st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from(["", " ", " ", "\n", "-", "/"])), max_size=25
).map(lambda parts: "".join(a + b for a, b in parts))
_any_text = st.one_of(st.text(max_size=120), _date_like)


def _check_doc(doc):
    text = doc.text
    prev_end = -1
    for s in doc.spans[DATES_KEY]:
        assert s.text == text[s.start_char:s.end_char]
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end  # sorted, non-overlapping
        prev_end = s.end
        kk = s._.kk
        assert s.label_ in ("DATE", "DURATION")
        assert kk["role"] in ROLES and kk["precision"] in PRECISIONS
        assert 0 < kk["confidence"] <= 1
        assert _EDTF.match(kk["value"]), kk["value"]
        # values come from the text: every year in the value is written in the text (or a decade of it)
        for y in re.findall(r"\d{4}", kk["value"]):
            assert y in text or f"/{y[2:]})" in s.text, (kk["value"], text)  # or "Rabu (17/12/25)"
        # no 4-digit year inside the value that is the current year unless the text says it
        this_year = str(datetime.date.today().year)
        if this_year in kk["value"]:
            assert this_year in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_any_text)
def test_property_any_text(nlp, text):
    doc = nlp(text)
    _check_doc(doc)
    normalize(text)
    parse_duration(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_date_like)
def test_property_deterministic(nlp, text):
    doc_a, doc_b = nlp(text), nlp(text)
    a = [(s.start_char, s.end_char, s.label_, s._.kk) for s in doc_a.spans[DATES_KEY]]
    b = [(s.start_char, s.end_char, s.label_, s._.kk) for s in doc_b.spans[DATES_KEY]]
    assert a == b


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
    st.sampled_from(["id", "en", "abbr"]),
)
def test_property_day_month_year_roundtrip(d, style):
    names = {
        "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember"],
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"],
        "abbr": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"],
    }[style]
    assert normalize(f"{d.day} {names[d.month - 1]} {d.year}") == (d.isoformat(), "day")


# ---------------------------------------------------------------------------- seeds
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _prepare_seed(raw: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    """Crude markdown strip; footnote lines become 'footnotes' sections (kept in place)."""
    out, sections, pos = [], [], 0
    for line in raw.split("\n"):
        stripped = line.lstrip()
        is_note = stripped.startswith("<sup>") or stripped.startswith("<http") or "diakses" in line.lower()
        clean = re.sub(r"<sup>\s*\d*\s*</sup>", " ", line)
        clean = re.sub(r"[*#\\]", "", clean)
        if is_note:
            sections.append(("footnotes", pos, pos + len(clean), "id"))
        out.append(clean)
        pos += len(clean) + 1
    return "\n".join(out), sections


def test_seeds_event_dates(nlp):
    gold_path = SHARED / "gold" / "seeds.jsonl"
    if not gold_path.exists() or not (SHARED / "seeds").is_dir():
        pytest.skip(f"shared seeds not available at {SHARED} (needs seeds/*.txt and gold/seeds.jsonl)")
    tp = fp = fn = 0
    report = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        path = SHARED / "seeds" / gold["file"]
        if not path.exists():
            continue
        text, sections = _prepare_seed(path.read_text(encoding="utf-8"))
        doc, spans = _spans(nlp, text, sections)
        events = [s for s in spans if s.label_ == "DATE" and s._.kk["role"] == "event"]
        pred = {s._.kk["value"] for s in events}
        gold_events = {d["value"] for d in gold["dates"] if d["role"] == "event" and not d.get("uncertain")}
        uncertain = {d["value"] for d in gold["dates"] if d.get("uncertain")}
        pred -= uncertain
        tp += len(pred & gold_events)
        fp += len(pred - gold_events)
        fn += len(gold_events - pred)
        for v in sorted(gold_events - pred):
            report.append(f"{gold['id']} MISS {v}")
        for s in events:
            if s._.kk["value"] in pred - gold_events:
                report.append(f"{gold['id']} FALSE {s.text!r} -> {s._.kk['value']} ({s._.kk['method']})")
        # numbers in footnotes (markers, access dates, page numbers) never give event dates
        for s in events:
            assert not any(k == "footnotes" and a <= s.start_char < b for k, a, b, _l in sections), s.text
            assert re.search(r"\d{4}|\d{2}-an", s.text), s.text
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\nseeds event dates: P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})")
    for r in report:
        print("  " + r)
    assert f1 >= 0.95, report


# --------------------------------------------------------------------------- document time (issue 18)
# Texts written for these tests. A news item: a dateline on its own line at the top, then the story.
STORY = ("Kamis, 19 Desember 2013 10:15 WIB\n\n"
         "SURABAYA - {sentence} Rombongan itu juga meninjau taman kota, pelabuhan dan beberapa sekolah dasar "
         "di pusat kota sebelum kembali ke hotel tempat mereka menginap selama kunjungan kerja tersebut.\n")

ANCHORED = [
    # (case, sentence, surface, value, method suffix)
    ("weekday-and-day-month", "Wali kota menerima delegasi Kitakyushu, Kamis (19/12).", "Kamis (19/12)",
     "2013-12-19", "+anchor:dateline"),
    ("day-month-past", "Letter of Intent diteken pada 17 Desember lalu.", "17 Desember lalu", "2013-12-17",
     "+anchor:dateline"),
    ("day-month-next-year", "MoU akan ditandatangani pada 21 Maret di Kitakyushu.", "21 Maret", "2014-03-21",
     "+anchor:dateline"),
    ("month-forthcoming", "Kunjungan balasan dijadwalkan Oktober mendatang.", "Oktober mendatang", "2014-10",
     "+anchor:dateline"),
    ("last-year", "Kerja sama itu dirintis sejak tahun lalu oleh kedua kota.", "tahun lalu", "2012",
     "+anchor:dateline"),
    ("yesterday", "Kemarin delegasi tiba di bandara.", "Kemarin", "2013-12-18", "+anchor:dateline"),
    ("years-ago-counted-in-words", "Kerja sama itu dirintis dua tahun silam oleh kedua kota.", "dua tahun silam",
     "2011", "+anchor:dateline"),
    ("day-span-without-year", "Kunjungan balasan berlangsung 9-11 Januari di Kitakyushu.", "9-11 Januari",
     "2014-01-09/2014-01-11", "+anchor:dateline"),
    ("english-day-span-without-year", "Forty youths will travel from Jan 9 to 12 to Kitakyushu.", "from Jan 9 to 12",
     "2014-01-09/2014-01-12", "+anchor:dateline"),
    ("two-days-joined-by-and", "Festival digelar pada 22 dan 23 Oktober di Kitakyushu.", "pada 22 dan 23 Oktober",
     "2013-10-22/2013-10-23", "+anchor:dateline"),
    ("today-in-indonesian", "MoU itu ditandatangani hari ini di Balai Kota.", "hari ini", "2013-12-19",
     "+anchor:dateline"),
    ("this-year", "Kerja sama itu dimulai tahun ini.", "tahun ini", "2013", "+anchor:dateline"),
    ("this-year-in-english", "The exchange began this year.", "this year", "2013", "+anchor:dateline"),
    ("last-year-in-english", "The LoI was signed last year.", "last year", "2012", "+anchor:dateline"),
    ("one-year-ago", "Kerja sama itu dirintis setahun lalu.", "setahun lalu", "2012", "+anchor:dateline"),
    ("years-ago-with-yang", "Kerja sama itu dirintis 3 tahun yang lalu.", "3 tahun yang lalu", "2010",
     "+anchor:dateline"),
    ("month-past-with-yang", "MoU diteken Oktober yang lalu.", "Oktober yang lalu", "2013-10", "+anchor:dateline"),
    ("month-coming", "MoU akan diteken bulan Maret yang akan datang.", "bulan Maret yang akan datang", "2014-03",
     "+anchor:dateline"),
    ("last-month-in-english", "The LoI was signed last September.", "last September", "2013-09", "+anchor:dateline"),
    ("next-month-in-english", "The MoU will be signed next November.", "next November", "2014-11", "+anchor:dateline"),
    # a bare weekday of a news item: the last such day up to the dateline (19 December 2013, a Thursday)
    ("weekday-after-a-place", "Wali kota menerima delegasi Kitakyushu di Balai Kota, Selasa.", "Selasa", "2013-12-17",
     "+anchor:dateline"),
    ("weekday-of-the-dateline", "Delegasi tiba di bandara pada Kamis.", "Kamis", "2013-12-19", "+anchor:dateline"),
    ("weekday-coming", "Delegasi akan tiba pada Senin depan.", "Senin depan", "2013-12-23", "+anchor:dateline"),
    ("weekday-in-english", "The mayor met the delegation on Monday.", "Monday", "2013-12-16", "+anchor:dateline"),
]


@pytest.mark.parametrize("sentence", [
    "Kerja sama itu berjalan hingga hari ini.",  # up to now
    "MoU diperpanjang pada akhir tahun ini.",  # a part of the year
    "The exchange remains active today.",  # nowadays
    "Cooperation in sports began last year 2010.",  # the year is written
], ids=["until-today", "end-of-this-year", "english-today", "year-written-after"])
def test_relative_words_that_name_no_date_of_their_own(sentence):
    spans = find_dates(STORY.format(sentence=sentence))
    assert [s.text for s in spans if s._.kk["role"] == "event" and re.search(r"\b(hari ini|tahun ini|today|last year)$",
                                                                             s.text)] == []


@pytest.mark.parametrize("case,sentence,surface,value,method", ANCHORED, ids=[c[0] for c in ANCHORED])
def test_year_less_dates_take_the_datelines_year(case, sentence, surface, value, method):
    spans = find_dates(STORY.format(sentence=sentence))
    found = {s.text: s._.kk for s in spans}
    assert found[surface]["value"] == value, found
    assert found[surface]["method"].endswith(method)
    assert found["Kamis, 19 Desember 2013"]["role"] == "publication"


@pytest.mark.parametrize("sentence", [
    "Kantor layanan itu buka Senin-Jumat.",  # opening days
    "Rapat koordinasi digelar setiap hari Senin.",  # recurring
    "Usai shalat Jumat, rombongan meninjau pasar.",  # the Friday prayer
    "Gereja penuh pada Jumat Agung.",  # a feast's name
    "Minggu lalu rombongan meninjau pasar.",  # last week
], ids=["opening-days", "every-monday", "friday-prayer", "good-friday", "last-week"])
def test_weekdays_that_name_no_day(sentence):
    spans = find_dates(STORY.format(sentence=sentence))
    assert [s.text for s in spans] == ["Kamis, 19 Desember 2013"]


def test_a_bare_weekday_with_no_date_of_its_own_is_dropped_and_a_publication_date_anchors_it():
    assert find_dates("Wali kota menerima delegasi di Balai Kota, Selasa.") == []
    spans = find_dates("The vice mayor said on Saturday that the delegation will arrive soon.\n"
                       "Published: 30 December 2012")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans][0] == (
        "Saturday", "2012-12-29", "rule:weekday-bare+anchor:publication-date")


@pytest.mark.parametrize("sentence,surface,value,rule", [
    ("Kerja sama kedua kota itu dirintis sejak tahun lalu.", "tahun lalu", "2017", "relative-unit"),
    ("Kerja sama kedua kota itu dirintis dua tahun silam.", "dua tahun silam", "2016", "relative-unit"),
    # "hari ini" is a day of that year, not its first day
    ("Pemprov dan delegasi Sarawak hari ini membahas kerja sama ekonomi.", "hari ini", "2018-XX-XX", "relative-this"),
    ("Kunjungan balasan dilakukan bulan ini oleh delegasi Sarawak.", "bulan ini", "2018-XX", "relative-this"),
], ids=["last-year", "two-years-ago", "today", "this-month"])
def test_a_relative_date_in_a_text_dated_only_by_its_year(sentence, surface, value, rule):
    spans = find_dates(sentence + "\nCopyright © ANTARA 2018")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans][0] == (
        surface, value, f"rule:{rule}+anchor:publication-year")


@pytest.mark.parametrize("line", [", 13 Oktober 2019", "Medan, contohberita.co.id., 13 Oktober 2019, Pasca kunjungan itu,"],
                         ids=["alone-after-a-comma", "after-a-site-name"])
def test_a_news_items_own_date_below_the_page_menus_is_publication(line):
    menus = "Beranda Berita Daerah Olahraga Ekonomi Hiburan Teknologi Opini Foto Video Indeks\n" * 5
    spans = find_dates(menus + line + "\nWali kota menerima delegasi dari Kota Ichikawa di balai kota.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("13 Oktober 2019", "publication")]


def test_a_date_with_its_posting_time_ending_a_paragraph_is_publication():
    menus = "Beranda Berita Daerah Olahraga Ekonomi Hiburan Teknologi Opini Foto Video Indeks\n" * 5
    spans = find_dates(menus + "Redaksi | Pemko Contoh Rabu, 07 April 2021 - 08:40:56 WIB\n\nAcara dibuka Rabu, 14 April 2021 "
                       "pukul 10.00 WIB di balai kota.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("Rabu, 07 April 2021", "publication"),
                                                         ("Rabu, 14 April 2021", "event")]


def test_a_weekday_the_anchor_year_contradicts_keeps_xxxx():
    # 30 March 2019 was a Saturday: "Kamis (30/3)" is not of 2019, whatever the next full date says
    spans = find_dates("DPRD menyetujui rencana itu, Kamis (30/3). LoI diteken pada 10 Mei 2019.")
    assert [(s.text, s._.kk["value"]) for s in spans][0] == ("Kamis (30/3)", "XXXX-03-30")
    spans = find_dates("DPRD menyetujui rencana itu, Sabtu (30/3). LoI diteken pada 10 Mei 2019.")
    assert [(s.text, s._.kk["value"]) for s in spans][0] == ("Sabtu (30/3)", "2019-03-30")


def test_without_dateline_the_previous_full_date_anchors():
    spans = find_dates("Kerja sama dimulai 17 Agustus 2013. Pada 3 Mei pertemuan lanjutan digelar di Batam.")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans][-1] == (
        "3 Mei", "2013-05-03", "rule:day-month+anchor:previous-date")


def test_nothing_anchors_a_lone_day_month_and_a_relative_date_is_dropped():
    spans = find_dates("Pada 3 Mei pertemuan digelar. Tahun lalu juga begitu.")
    assert [(s.text, s._.kk["value"]) for s in spans] == [("3 Mei", "XXXX-05-03")]


def test_a_full_date_before_a_bare_year_anchors_a_month():
    spans = find_dates("Bandung, Rabu (13/2/2019) - Kota itu akan menggelar festival pada tahun 2020 mendatang. "
                       "Wali kota berharap delegasi bisa hadir di Juni nanti.")
    assert [(s.text, s._.kk["value"]) for s in spans][-1] == ("Juni nanti", "2019-06")


def test_a_month_forthcoming_on_a_day_of_that_month_is_this_month():
    spans = find_dates("Festival digelar pada 22 Juni 2019. Delegasi akan tiba di Juni nanti.")
    assert [(s.text, s._.kk["value"]) for s in spans][-1] == ("Juni nanti", "2019-06")


def test_a_date_opening_the_text_is_its_dateline_even_with_a_byline():
    spans = find_dates("Tuesday, March 20th 2018 Reporter: Ani Translator: Budi 1881 (Foto: Ani) The council members "
                       "visited City Hall, Monday (3/19). They studied how the sister city works in practice.")
    assert [(s.text, s._.kk["value"], s._.kk["role"]) for s in spans] == [
        ("Tuesday, March 20th 2018", "2018-03-20", "publication"), ("Monday (3/19)", "2018-03-19", "event")]


def test_the_date_of_a_quoted_source_is_not_an_event():
    spans = find_dates("Kerja sama sister city telah terjalin sejak 1989, kata Heru, dikutip dari laman resmi "
                       "Pemprov DKI Jakarta, Selasa (5/12/2023).")
    assert {s.text: s._.kk["role"] for s in spans} == {"sejak 1989": "event", "Selasa (5/12/2023)": "publication"}


def test_a_bare_year_anchors_no_day_and_month():
    spans = find_dates("Untuk Sichuan Letter of Intent-nya baru pada 2016. Rilis diterima Sabtu (6/5).")
    assert [(s.text, s._.kk["value"]) for s in spans] == [("pada 2016", "2016"), ("Sabtu (6/5)", "XXXX-05-06")]


def test_a_bare_year_just_before_a_day_its_weekday_agrees_with_anchors_it():
    spans = find_dates("Festival Yosakoi 2023 di Taman Surya, Surabaya, pada Minggu (16/7) malam.")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans][-1] == (
        "Minggu (16/7)", "2023-07-16", "rule:dm-numeric-paren+anchor:previous-year-weekday")
    # a weekday the year contradicts (16 July 2022 was a Saturday), or a year lines above, anchors nothing
    assert find_dates("Festival Yosakoi 2022 di Taman Surya pada Minggu (16/7) malam.")[-1]._.kk["value"] == "XXXX-07-16"
    assert find_dates("Tahun 2022 kota itu bermitra.\nTim datang Minggu (16/7).")[-1]._.kk["value"] == "XXXX-07-16"


@pytest.mark.parametrize("text,value,method", [
    # the one year named near it whose calendar has that day on that weekday: 5 April 2018 was a Thursday, 2019 a Friday
    ("Wali kota berbicara di balai kota, Kamis (5/4).\n\nIa berbicara usai rapat menjelang pilkada 2018 dan "
     "pemilu 2019.", "2018-04-05", "rule:dm-numeric-paren+anchor:weekday-year"),
    ("Tahun 2023 kota itu bermitra.\nTim datang Minggu (16/7).", "2023-07-16",
     "rule:dm-numeric-paren+anchor:weekday-year"),
    # two years fit (5 April was a Thursday in 2012 and in 2018): no year is the day's
    ("Wali kota berbicara di balai kota, Kamis (5/4).\n\nIa berbicara soal pilkada 2012 dan pemilu 2018.",
     "XXXX-04-05", "rule:dm-numeric-paren"),
    # a year far off in the text is no year of the day
    ("Wali kota berbicara di balai kota, Kamis (5/4)." + " Kerja sama itu berjalan baik." * 20 + " Pemilu 2018.",
     "XXXX-04-05", "rule:dm-numeric-paren"),
])
def test_a_day_takes_the_one_year_near_it_that_its_weekday_fits(text: str, value: str, method: str) -> None:
    day = next(s for s in find_dates(text) if "(5/4)" in s.text or "(16/7)" in s.text)
    assert (day._.kk["value"], day._.kk["method"]) == (value, method)


def test_two_days_joined_by_and_are_one_span_but_two_years_are_two_dates():
    assert normalize("tanggal 26 dan 27 Mei 2006") == ("2006-05-26/2006-05-27", "interval")
    spans = find_dates("Kedua kota bertemu pada 2010 dan 2012.")
    assert [s._.kk["value"] for s in spans] == ["2010", "2012"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Surat itu diteken pada 16 dan 23 Juni 2021 oleh kedua wali kota.",
     [("16", "2021-06-16"), ("23 Juni 2021", "2021-06-23")]),
    ("The letters were signed on 4 and 11 March 2019.", [("4", "2019-03-04"), ("11 March 2019", "2019-03-11")]),
    # days in a row are one span; "antara" makes the days the ends of a span
    ("Festival digelar tanggal 8 dan 9 Juli 2017.", [("tanggal 8 dan 9 Juli 2017", "2017-07-08/2017-07-09")]),
    ("Pameran dibuka antara 3 dan 9 Mei 2020.", [("3 dan 9 Mei 2020", "2020-05-03/2020-05-09")]),
])
def test_two_days_not_in_a_row_are_two_dates(text, expected):
    assert [(s.text, s._.kk["value"]) for s in find_dates(text)] == expected


@pytest.mark.parametrize(("text", "value"), [
    ("Persidangan berlangsung pada 16 hingga 19 Julai 2024.", "2024-07-16/2024-07-19"),
    ("Memorandum itu dimeterai pada 14 Mac 2023.", "2023-03-14"),
    ("Lawatan diadakan pada 5 Ogos 2019.", "2019-08-05"),
    ("Majlis berlangsung 3 Disember 2020 di Melaka.", "2020-12-03"),
])
def test_malay_month_names_of_malaysian_outlets(text, value):
    assert [s._.kk["value"] for s in find_dates(text)] == [value]


def test_an_august_day_in_brackets_in_a_table_cell():
    # spaCy's blank tokenizer keeps "8)" (an emoticon) whole; the project's does not
    assert normalize("Senin (25/8)") == ("XXXX-08-25", "day")


def test_a_later_month_and_year_anchors_a_day_its_weekday_agrees_with():
    spans = find_dates("Gubernur menerima Wali Kota Osaki, Kamis (16/7). Kerja sama akan dimulai bulan Agustus 2015.")
    assert [(s.text, s._.kk["value"]) for s in spans][0] == ("Kamis (16/7)", "2015-07-16")
    # 16 July 2015 was no Wednesday: no year
    spans = find_dates("Gubernur menerima Wali Kota Osaki, Rabu (16/7). Kerja sama akan dimulai bulan Agustus 2015.")
    assert [(s.text, s._.kk["value"]) for s in spans][0] == ("Rabu (16/7)", "XXXX-07-16")


def test_a_month_and_year_anchors_a_day_of_that_month():
    spans = find_dates("Serangan dimulai Agustus 1942. Pada tanggal 23 Agustus kota itu dibom.")
    assert [(s.text, s._.kk["value"]) for s in spans][-1] == ("23 Agustus", "1942-08-23")


def test_the_period_a_study_covers_is_no_event_even_repeated():
    spans = find_dates("This paper focuses merely on the tourism programme from 2015 to 2018. Visitors grew "
                       "from 2015 to 2018 in both cities.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("from 2015 to 2018", "other"), ("from 2015 to 2018", "other")]


def test_a_year_span_in_a_title_in_capitals_is_no_event():
    spans = find_dates("EFEKTIVITAS KERJASAMA SISTER CITY KOTA SEMARANG (INDONESIA) DENGAN BRISBANE (AUSTRALIA) "
                       "TAHUN 2002-2007 Eka, email. Kerja sama dimulai pada tahun 2002.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("TAHUN 2002-2007", "other"), ("pada tahun 2002", "event")]


def test_a_weekday_with_a_two_digit_year():
    spans = find_dates("Pembukaan acara dilakukan pada Rabu (17/12/25) di gedung DPRD.")
    assert [(s.text, s._.kk["value"]) for s in spans] == [("Rabu (17/12/25)", "2025-12-17")]


def test_a_month_in_brackets_is_no_citation():
    spans = find_dates("Semarang: Brisbane, Australia (January 1993). Lihat juga (Hidayat, 2008).")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("January 1993", "event"), ("(Hidayat, 2008)", "publication")]


def test_read_also_link_and_copyright_are_not_events():
    text = ("Wali kota menandatangani MoU dengan Kota Kochi pada 12 Maret 2015 di balai kota.\n"
            "Baca juga: Taman baru diresmikan (12/11/2013)\nCopyright © ANTARA 2015\n")
    roles = {s.text: s._.kk["role"] for s in find_dates(text)}
    assert roles == {"12 Maret 2015": "event", "(12/11/2013)": "other", "2015": "publication"}


@pytest.mark.parametrize("text,surface", [
    ("BANDUNG, Indonesia, June 5 (Xinhua) -- The two cities signed an agreement.", "June 5"),
    ("MEDAN, Oct. 12 (Xinhua) -- The two cities signed an agreement.", "Oct. 12"),
    ("date 2024-09-20 KUCHING, Sept 20 — Bilateral cooperation is expected to flourish.", "Sept 20"),
])
def test_an_english_dateline_without_its_year_is_the_publication(text, surface):
    roles = {s.text: s._.kk["role"] for s in find_dates(text)}
    assert roles[surface] == "publication", roles


def test_a_month_and_day_after_a_number_and_comma_is_no_dateline():
    assert [s.text for s in find_dates("Jumlah peserta 2019, May 5 - mereka datang.")] == ["2019"]


@pytest.mark.parametrize("text,surface,role", [
    ("Data yang digunakan adalah data tahun 2015 sampai dengan 2019.", "tahun 2015 sampai dengan 2019", "other"),
    ("Waktu penelitian: Februari - April 2019", "Februari - April 2019", "other"),
    ("Skripsi ini disusun pada tahun 2018 sebagai syarat memperoleh gelar sarjana.", "pada tahun 2018", "publication"),
    ("Tabel 1\nSumber: Bagian Kerja Sama Setda Kota Semarang, 2019", "2019", "publication"),
    ("Upload: 2020-05-12", "2020-05-12", "publication"),
    ("MoU itu disusun pada tahun 2015 dan ditandatangani 2016.", "pada tahun 2015", "event"),
])
def test_roles_of_a_studys_data_its_own_year_a_source_and_an_upload(text, surface, role):
    roles = {s.text: s._.kk["role"] for s in find_dates(text)}
    assert roles[surface] == role, roles


def test_days_of_one_month_in_numbers_are_one_span():
    spans = find_dates("Kegiatan ini berlangsung tiga hari, Kamis-Sabtu (10-12/10/2019), di Balai Kota.")
    assert [(s.text, s._.kk["value"]) for s in spans][-1] == ("Kamis-Sabtu (10-12/10/2019)", "2019-10-10/2019-10-12")


def test_days_of_one_month_with_a_two_digit_year_are_one_span():
    spans = find_dates("Pameran berlangsung di Balai Kota, Senin-Rabu (8-10/9/25), dan dibuka gubernur.")
    assert [(s.text, s._.kk["value"]) for s in spans] == [("Senin-Rabu (8-10/9/25)", "2025-09-08/2025-09-10")]


def test_dates_in_a_sidebar_of_other_stories_are_not_events():
    text = ("Wali kota menerima delegasi Kota Ise pada Rabu (12/6/2024).\n\n"
            "Berita Terkini Wali Kota Hadiri Rakor Inflasi di Semarang Festival Bahari Tegal 2024 Resmi Dibuka\n")
    roles = {s.text: s._.kk["role"] for s in find_dates(text)}
    assert roles == {"Rabu (12/6/2024)": "event", "2024": "other"}


@settings(max_examples=15, deadline=None)
@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2060, 12, 31)))
def test_same_text_gives_the_same_dates_on_any_day(today):
    """Property: no date depends on the day the pipeline runs (the clock is moved with time-machine)."""
    text = STORY.format(sentence="LoI diteken Kamis (19/12), MoU menyusul Oktober mendatang, rintisan sejak tahun lalu.")
    with time_machine.travel(datetime.datetime(today.year, today.month, today.day, 12, 0), tick=False):
        got = [(s.text, s._.kk["value"], s._.kk["role"]) for s in find_dates(text)]
    assert got == [("Kamis, 19 Desember 2013", "2013-12-19", "publication"), ("Kamis (19/12)", "2013-12-19", "event"),
                   ("Oktober mendatang", "2014-10", "event"), ("tahun lalu", "2012", "event")]


LEGAL = [
    ("numbered-circular", "Dasarnya Surat Edaran Menteri Dalam Negeri No. 193/1652/PUOD tanggal 26 April 1993 perihal "
     "tata cara kerja sama.", "26 April 1993"),
    ("constitution", "Hal itu sejalan dengan Undang-Undang Dasar Republik Indonesia Tahun 1945 pasal 18.", "Tahun 1945"),
    ("english-regulation", "Cooperation follows Government Regulation Number 28 of 2018 on foreign affairs.", "2018"),
    ("english-law-number-year", "It rests on Law Number 24 year 2000 concerning treaties.", "year 2000"),
    ("number-year-without-law", "See Number 37 year 1999 concerning Foreign Affairs.", "year 1999"),
    ("constitution-number-year-across-lines", "The Constitution number 32 year\n2004 about local government.",
     "year\n2004"),
]


@pytest.mark.parametrize("case,text,surface", LEGAL, ids=[c[0] for c in LEGAL])
def test_dates_of_regulations_are_legal_references(case, text, surface):
    roles = {s.text: s._.kk["role"] for s in find_dates(text)}
    assert roles[surface] == "legal_reference", roles


OLD_AND_PERIODS = [
    # (case, text, surface, value, precision, role)
    ("century", "Candi itu dibangun pada abad ke-8 Masehi.", "abad ke-8 Masehi", "07XX", "century", "other"),
    ("century-roman", "Pelabuhan itu ramai pada abad XIV.", "abad XIV", "13XX", "century", "other"),
    ("short-year-span", "Kerajaan itu berjaya antara tahun 750 dan 1100.", "antara tahun 750 dan 1100", "0750/1100",
     "interval", "event"),
    ("short-year", "Prasasti itu bertarikh tahun 732 di Jawa Tengah.", "tahun 732", "0732", "year", "event"),
    ("study-period", "Periode penelitian 2016-2019 dipilih karena kerja sama itu aktif.", "2016-2019", "2016/2019",
     "interval", "other"),
    ("plan-period", "Sesuai RPJMD Kota Surabaya 2016-2021, kerja sama ditingkatkan.", "2016-2021", "2016/2021",
     "interval", "other"),
    ("term-of-office", "Program prioritas Walikota Banjarmasin periode 2021 – 2024 menyebut kerja sama.",
     "periode 2021 – 2024", "2021/2024", "interval", "other"),
    ("a-term-named-with-its-kind", "Laporan Wali Kota periode pelayanan 2013-2016 memuat kerja sama kota kembar.",
     "2013-2016", "2013/2016", "interval", "other"),
    ("a-councils-sitting-years", "Rapat paripurna DPRD Masa Sidang Tahun 2020/2021 membahas kerja sama.",
     "Tahun 2020/2021", "2020/2021", "interval", "other"),
    ("numbered-period-of-an-agreement", "Perjanjian diteken pada tahun 1997 (periode 1 tahun 1997-2001).",
     "tahun 1997-2001", "1997/2001", "interval", "other"),
    ("years-a-study-covers", "Penelitian ini dimaksudkan untuk mengetahui bagaimana Pemerintah Kota Medan menjalankan "
     "kerjasama dengan Penang pada tahun 2010-2014.", "tahun 2010-2014", "2010/2014", "interval", "other"),
    ("open-span-in-a-study-sentence-is-the-event", "Penelitian ini dimaksudkan untuk mengetahui bagaimana Pemerintah "
     "Kota Surabaya menjalankan kerja sama yang berjalan sejak tahun 1990.",
     "sejak tahun 1990", "1990/..", "interval", "event"),
]


@pytest.mark.parametrize("case,text,surface,value,precision,role", OLD_AND_PERIODS, ids=[c[0] for c in OLD_AND_PERIODS])
def test_old_years_and_periods(case, text, surface, value, precision, role):
    found = {s.text: (s._.kk["value"], s._.kk["precision"], s._.kk["role"]) for s in find_dates(text)}
    assert found[surface] == (value, precision, role), found


def test_bare_numbers_between_are_no_years():
    assert find_dates("Antara 750 dan 1100 orang hadir di alun-alun.") == []


def test_a_partner_and_its_year_in_brackets_is_no_citation(gazetteer_dir: Path) -> None:
    from pipeline.annotate import build_annotate_nlp

    doc = build_annotate_nlp(gazetteer_dir)(
        "Menurut Wibowo (2011), Kota Semarang bersaudara dengan Brisbane, Australia (1993) dan Fuqing, Tiongkok "
        "(2005). Data Kementerian Luar Negeri Republik Indonesia (2023) mencatatnya.")
    got = [(s.text, s._.kk["value"], s._.kk["role"]) for s in doc.spans[DATES_KEY]]
    assert got == [("Wibowo (2011)", "2011", "publication"), ("1993", "1993", "event"), ("2005", "2005", "event"),
                   ("Indonesia (2023)", "2023", "publication")]


def test_some_years_ago_is_no_date():
    spans = find_dates("Kamis, 19 Desember 2013 10:15 WIB\n\nKerja sama itu dirintis beberapa tahun silam.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("Kamis, 19 Desember 2013", "publication")]


def test_a_page_update_stamp_is_publication():
    spans = find_dates("Kunjungan kerja ke Kochi.\nTerakhir diperbarui: 6 Januari 2019")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("6 Januari 2019", "publication")]


def test_a_renewal_is_no_page_update():
    spans = find_dates("Kerja sama itu dimulai 1997. MoU itu diperbarui 12 Mei 2013 oleh kedua wali kota.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("1997", "event"), ("12 Mei 2013", "event")]


def test_the_year_in_an_events_name_anchors_the_days_it_is_held():
    spans = find_dates("Pekan Budaya Kota Kembar 2021 digelar pada 12-14 Maret di alun-alun. Ketua panitia berkata, Sabtu (13/3).")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans] == [
        ("12-14 Maret", "2021-03-12/2021-03-14", "rule:range-day-day-month+anchor:named-year"),
        ("Sabtu (13/3)", "2021-03-13", "rule:dm-numeric-paren+anchor:previous-date")]
    # ... also with where it is held between: "... 2023 was held in Hamamatsu City, Shizuoka Prefecture on January 28-29"
    assert find_dates("The Friendship Day 2023 was held in Nagoya City, Aichi Prefecture on January 28-29.")[-1]._.kk[
        "value"] == "2023-01-28/2023-01-29"
    # a year not holding the event ("sejak 2019 ... pada 12-14 Maret") anchors nothing
    assert find_dates("Kerja sama sejak 2019 itu diperingati pada 12-14 Maret.")[-1]._.kk["value"] == "XXXX-03-12/XXXX-03-14"


def test_a_sites_dateline_in_brackets_and_a_pipe_before_the_time_zone_are_the_pages_own_date():
    spans = find_dates("[Kotakembar.or.id, 14/03/2019] Pemerintah Kota Medan menerima tamu.")
    assert [(s.text, s._.kk["value"], s._.kk["role"]) for s in spans] == [("14/03/2019", "2019-03-14", "publication")]
    spans = find_dates("Delegasi Tiba di Medan\n\n5 Maret 2019 | 9.15 WIB Diperbarui\n\nWali kota menyambut.")
    assert [(s.text, s._.kk["role"]) for s in spans] == [("5 Maret 2019", "publication")]


def test_a_day_without_its_year_takes_the_year_of_a_span_of_days_after_it():
    spans = find_dates("Tepat hari ini (14/9), kedua kota merayakan persahabatan. Festival digelar 14-15 September 2023.")
    assert [(s.text, s._.kk["value"]) for s in spans][:2] == [("(14/9)", "2023-09-14"), ("14-15 September 2023", "2023-09-14/2023-09-15")]


def test_a_title_date_before_the_pages_own_date_takes_its_year_not_a_captions():
    spans = find_dates("Ada Festival 21-25 Juli di Surabaya\n\nKompas.com - 18/07/2019, 07:00 WIB\n"
                       "Warga menonton parade tahun lalu, Minggu (15/7/2018).")
    assert [(s.text, s._.kk["value"], s._.kk["method"]) for s in spans][0] == (
        "21-25 Juli", "2019-07-21/2019-07-25", "rule:range-day-day-month+anchor:publication-date")
