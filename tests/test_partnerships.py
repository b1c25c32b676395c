"""Partnership rules: pairing, locators, instruments from table rows, sectors, conflicts across documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io import read_csv

runner = CliRunner()


def _extract(tmp_path: Path, gazetteer_dir: Path, docs: dict[str, str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in docs.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer_dir), "--silent"])
    assert result.exit_code == 0, result.output
    return out


def _pairs(out: Path) -> set[tuple[str, str]]:
    return {(r["city_a"], r["city_b"]) for r in read_csv(out / "agreements.csv")}


def test_several_partners_in_one_list(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"daftar.txt": (
        "Pemerintah Kota Medan telah menjalin kerja sama sister city dengan Ichikawa, Chengdu dan George Town.\n")})
    assert _pairs(out) == {("Medan", "Ichikawa"), ("Medan", "Chengdu"), ("Medan", "George Town")}


def test_two_pairs_in_one_sentence_pair_by_position(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"banding.txt": (
        "Kerja sama kota kembar antara Bandung dengan Suwon dan Surabaya dengan Kochi sama-sama berjalan baik.\n")})
    assert _pairs(out) == {("Bandung", "Suwon"), ("Surabaya", "Kochi")}


def test_bracketed_or_provincial_locator_is_not_a_partner(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"lokasi.txt": (
        "Kota Semarang menjalin hubungan sister city dengan Kota Brisbane di Queensland. "
        "Kota Batam juga bekerja sama dengan Kota Gimje (Korea Selatan) sejak lama.\n")})
    assert _pairs(out) == {("Semarang", "Brisbane"), ("Batam", "Kimje")}


def test_co_occurrence_without_cooperation_is_no_partnership(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"wisata.txt": (
        "Rombongan wisatawan dari Surabaya berlibur ke Seoul selama seminggu.\n")})
    assert _pairs(out) == set()


def test_recap_table_rows_give_instruments_with_date_duration_expiry(tmp_path: Path, gazetteer_dir: Path) -> None:
    table = (
        "Tabel rekap dokumen kerja sama Pemkot Surabaya dengan mitra luar negeri.\n\n"
        "No\tMITRA\tTEMPAT DAN TANGGAL\tMASA BERLAKU\tBERAKHIR\tJENIS\n"
        "1.\tPemkot Kochi-Jepang\tKochi, 20 Oktober 2015\t-\t-\tLetter of Intent\n"
        "2.\tPemkot Kochi-Jepang\tSurabaya, 14 Maret 2016\t5 tahun\t14 Maret 2021\tMoU\n"
    )
    out = _extract(tmp_path, gazetteer_dir, {"rekap.md": table})
    rows = sorted((r["instrument"], r["signed"], r["place"], r["duration"], r["expires"])
                  for r in read_csv(out / "agreements.csv") if r["instrument"])
    assert rows == [
        ("letter_of_intent", "2015-10-20", "Kochi", "", ""),
        ("memorandum_of_understanding", "2016-03-14", "Surabaya", "P5Y", "2021-03-14"),
    ]


def test_instrument_sentence_without_partner_uses_the_pair_in_context(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"mou.txt": (
        "Kota Denpasar dan Kota Mossel Bay sepakat menjalin hubungan kota kembar. "
        "Nota kesepahaman ini ditandatangani pada 12 Maret 2019 di Kota Denpasar.\n")})
    [row] = [r for r in read_csv(out / "agreements.csv") if r["instrument"]]
    assert (row["city_a"], row["city_b"], row["instrument"], row["signed"], row["place"]) == (
        "Denpasar", "Mossel Bay", "memorandum_of_understanding", "2019-03-12", "Denpasar")
    assert row["evidence"].startswith("Nota kesepahaman ini ditandatangani")


def test_economy_description_is_not_a_cooperation_sector(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"sektor.txt": (
        "Kota Surabaya dan Kota Busan menjalin kerja sama sister city di bidang pendidikan dan kebudayaan.\n\n"
        "Perekonomian Kota Surabaya ditopang oleh sektor pariwisata dan perdagangan.\n")})
    sectors = {r["sector"]: r["in_cooperation"] for r in read_csv(out / "sectors.csv")}
    assert sectors["education"] == "true" and sectors["culture"] == "true"
    assert sectors["tourism"] == "false" and sectors["trade"] == "false"
    [row] = read_csv(out / "agreements.csv")
    assert row["sectors"] == "culture|education"


def test_ended_status_goes_to_the_pair_it_is_said_of(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"akhir.txt": (
        "Setelah kerja sama sister city Kota Medan dengan Kota Nanning berakhir, Kota Medan menjalin kerja sama "
        "dengan Kota Ichikawa.\n")})
    status = {r["city_b"]: r["status"] for r in read_csv(out / "agreements.csv")}
    assert status == {"Nanning": "ended", "Ichikawa": ""}


def test_documents_that_disagree_are_named_in_conflicts(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {
        "a.txt": "Nota kesepahaman sister city Kota Bandung dan Kota Suwon ditandatangani pada 12 Oktober 1997.\n",
        "b.txt": "Nota kesepahaman sister city Kota Bandung dan Kota Suwon ditandatangani pada 21 Oktober 1997.\n",
    })
    [p] = read_csv(out / "partnerships.csv")
    assert (p["city_a"], p["city_b"], p["relationship"]) == ("Bandung", "Suwon", "sister_city")
    assert p["conflicts"] == "memorandum_of_understanding signed: 1997-10-12 vs 1997-10-21"
    assert p["first_date"] == "1997-10-12"
    assert len(p["documents"].split("|")) == 2


@pytest.mark.usefixtures("shared_dir")
def test_batam_recap_table_in_the_seed(shared_dir: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(shared_dir / "seeds" / "002_6485f16a9718797c.txt"), "--out", str(out),
                                 "--gazetteer", str(gazetteer_dir), "--silent"])
    assert result.exit_code == 0, result.output
    rows = sorted((r["city_b"], r["instrument"], r["signed"], r["duration"], r["expires"])
                  for r in read_csv(out / "agreements.csv") if r["instrument"])
    assert rows == [
        ("Kimje", "letter_of_intent", "2011-12-28", "", ""),
        ("Kimje", "memorandum_of_understanding", "2013-08-17", "P5Y", "2018-08-17"),
        ("Shenzhen", "letter_of_intent", "2006-12-18", "", ""),
    ]


# --------------------------------------------------------------------------- issue 17/18 classes (our own sentences)
def _rows(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "agreements.csv")


# (case, text, expected {(city_a, city_b, instrument, signed, sectors)})
CASES = [
    ("sister-city-cue-pairs-with-the-side-just-before",
     "Wewak mayor Charles Malo says his town will send 40 youths to Jayapura.\n"
     "This is under a sister-city agreement signed between the Jayapura mayor and himself.\n",
     {("Jayapura", "Wewak", "", "", "")}),
    ("each-partner-takes-its-own-date",
     "Kota Bandung menandatangani MoU dengan Braunschweig pada Juni 1960 dan dengan Fort Worth pada April 1990.\n",
     {("Bandung", "Braunschweig", "memorandum_of_understanding", "1960-06", ""),
      ("Bandung", "Fort Worth", "memorandum_of_understanding", "1990-04", "")}),
    ("the-sources-date-is-not-the-signing",
     "Kota Semarang dan Kota Brisbane memperpanjang kerja sama sister city.\n"
     "Laman Antaranews, Selasa (9/7/2019) menulis, nota kesepahaman perpanjangan itu diteken wakil wali kota.\n",
     {("Semarang", "Brisbane", "memorandum_of_understanding", "", "")}),
    ("undated-instrument-of-a-named-pair",
     "Kerja sama Provinsi Sulawesi Selatan dan Prefektur Ehime tercantum dalam Memorandum of Understanding.\n",
     {("Sulawesi Selatan", "Ehime", "memorandum_of_understanding", "", "")}),
    ("joint-statement-is-an-mou",
     "Provinsi Jawa Timur dan Negara Bagian Australia Barat menandatangani naskah pernyataan bersama "
     "pada 17 November 2015.\n",
     {("Jawa Timur", "Western Australia", "memorandum_of_understanding", "2015-11-17", "")}),
    ("carried-field-list",
     "Kota Medan dan Kota Gwangju menandatangani MoU sister city pada 2 Mei 1997.\n"
     "Termasuk di bidang pendidikan, kebudayaan, dan olahraga.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "1997-05-02", "culture|education|youth_sports")}),
    ("a-regency-locating-a-village-is-no-partner-of-a-province",
     "The study examines sister-city cooperation between Yogyakarta and Gyeongsangbuk-Do in the village of "
     "Wukirsari, Bantul.\n",
     set()),
    ("an-instrument-of-two-national-governments-pairs-no-provinces",
     "Nota Kesepahaman antara Pemerintah Malaysia dan Pemerintah Republik Indonesia tentang batas darat antara "
     "Malaysia (Sabah) dan Indonesia (Kalimantan Utara) ditandatangani di Kuala Lumpur.\n",
     set()),
    ("an-instrument-with-a-university-named-for-the-partner-is-not-the-pairs",
     "Kota Bandung dan Kota Fukui menjalin kerja sama sister city.\n"
     "Pemkot Bandung menandatangani MoU dengan University of Fukui pada 3 Mei 2019.\n",
     {("Bandung", "Fukui-shi", "", "", "")}),
    ("a-field-word-in-a-festivals-name-is-no-field",
     "Delegasi Kota Manado hadir di Qingdao International Sister Cities Art Festival bersama Wali Kota Qingdao.\n",
     {("Manado", "Qingdao", "", "", "")}),
    ("oyster-farming-and-health-workers-are-fields",
     "Kerja sama Kota Banda Aceh dan Kota Kamaishi meliputi budidaya tiram dan pelatihan nakes.\n",
     {("Banda Aceh", "Kamaishi", "", "", "fisheries_marine|health|human_resources")}),
    ("a-list-of-sister-cities-after-a-sentence-on-ours",
     "Menurut gubernur, jumlah sister city Kota Surabaya kini tujuh kota.\n"
     "\"Di antaranya sister city Busan, Seattle, Kochi dan Guangzhou,\" ujarnya.\n",
     {("Surabaya", "Busan", "", "", ""), ("Surabaya", "Seattle", "", "", ""), ("Surabaya", "Kochi", "", "", ""),
      ("Surabaya", "Guangzhou", "", "", "")}),
    ("a-city-between-with-a-province-abroad",
     "Gubernur Sumatera Barat mengenang sister city antara Kota Padang dengan Provinsi Quang Ninh di Vietnam.\n",
     {("Padang", "Quảng Ninh", "", "", "")}),
    ("a-dateline-with-the-papers-name-and-no-space-is-no-partner",
     "SURABAYA, HARIANKITA-Wali Kota Kobe menandatangani sister city dengan Kota Malang.\n",
     {("Malang", "Kobe", "", "", "")}),
    ("a-ferry-route-is-no-pair",
     "Kerja sama sister city itu membuka rute kapal dari Kota Dumai ke Malaka.\n",
     set()),
    ("developing-a-metropolis-is-urban-planning",
     "Provinsi Jawa Barat dan Kota Incheon menjajaki kerja sama di bidang pengembangan kota metropolitan.\n",
     {("Jawa Barat", "Incheon", "", "", "urban_planning")}),
    ("students-as-people-are-no-field",
     "Kota Medan dan Kota Kitakyushu bekerja sama mengelola sampah, didukung semua pihak termasuk para pelajar.\n",
     {("Medan", "Kitakyushu", "", "", "environment")}),
    ("carried-list-after-seperti-halnya",
     "Kerja sama sister city Kota Medan dan Kota Gwangju dapat memajukan kedua kota.\n"
     "Seperti halnya pariwisata serta pendidikan.\n",
     {("Medan", "Gwangju", "", "", "education|tourism")}),
    ("city-profile-is-no-sector",
     "Kota Medan dan Kota Gwangju menjalin sister city sejak 1997.\nKota Medan dikenal sebagai kota perdagangan.\n",
     {("Medan", "Gwangju", "", "", "")}),
    ("signing-date-in-the-next-sentence",
     "Kota Medan dan Kota Gwangju sepakat meneken MoU sister city.\nPenandatanganan dilakukan pada 2 Mei 1997.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "1997-05-02", "")}),
    ("signing-date-of-the-meeting-told-before",
     "Kedua gubernur bertemu di Perth, Selasa (17/11/2015).\n\nBACA JUGA: Berita lain hari ini\n\n"
     "Dalam pertemuan tersebut, Provinsi Jawa Timur dan Negara Bagian Australia Barat menandatangani nota kesepahaman.\n",
     {("Jawa Timur", "Western Australia", "memorandum_of_understanding", "2015-11-17", "")}),
    ("who-said-it-and-where-are-no-partners",
     "\"Kerja sama kota kembar ini meningkatkan hubungan antara Nanjing dan Semarang di bidang pariwisata,\" "
     "kata Konsul Jenderal RI untuk Shanghai kepada wartawan di Beijing, Jumat.\n",
     {("Semarang", "Nanjing", "", "", "tourism")}),
    ("where-the-news-was-filed-is-no-partner",
     "Beijing (ANTARA News) - Pemerintah Kota Nanjing dan Pemerintah Kota Semarang bersepakat menjalin kota kembar.\n",
     {("Semarang", "Nanjing", "", "", "")}),
    ("sector-word-in-a-law-title-is-no-field",
     "MoU antara Kota Surakarta dan Kota Montana ditinjau dari Undang-Undang Nomor 32 Tahun 2004 tentang "
     "Pemerintahan Daerah.\n",
     {("Surakarta", "Montana", "memorandum_of_understanding", "", "")}),
    ("foreseen-instrument-gets-no-date",
     "Kota Medan dan Kota Gwangju telah menandatangani Letter of Intent pada 12 Maret 2019, "
     "dan MoU akan ditandatangani pada 3 Mei 2020.\n",
     {("Medan", "Gwangju", "letter_of_intent", "2019-03-12", ""), ("Medan", "Gwangju", "memorandum_of_understanding", "", "")}),
    ("bare-repeat-of-a-triggered-unknown-place",
     "Wali Kota Mataram menandatangani LoI dengan Kota Zhaotongxi di Tiongkok.\n"
     "Program kota kembar Zhaotongxi-Mataram difokuskan pada bidang pariwisata dan kebudayaan.\n",
     {("Mataram", "Zhaotongxi", "letter_of_intent", "", "culture|tourism")}),
    ("one-partnership-document-keeps-its-fields",
     "Provinsi Jawa Barat dan Provinsi Gyeongsangbuk menjalin sister province.\n"
     "Kunjungan pertama berlangsung lancar.\nPeserta menikmati makan malam.\nCuaca cerah sepanjang hari.\n"
     "Fokus kerja sama dalam LoI meliputi pendidikan dan olahraga.\n",
     {("Jawa Barat", "Gyeongsangbuk", "", "", "education|youth_sports")}),
    ("these-partnerships-after-a-list",
     "Kota Yogyakarta memiliki kota kembar dengan Kota Hue Vietnam dan Kota Wuhan China.\n"
     "Kerja sama sister city tersebut dilakukan atas dasar letter of intent dan belum didasarkan atas "
     "memorandum of understanding.\n",
     {("Yogyakarta", "Huế", "letter_of_intent", "", ""), ("Yogyakarta", "Wuhan", "letter_of_intent", "", "")}),
    ("the-year-an-mou-ended-is-not-its-signing",
     "Nota kesepahaman Provinsi Bali dengan Prefektur Kumamoto yang berakhir masa berlakunya pada tahun 2019 "
     "dibahas kembali.\n",
     {("Bali", "Kumamoto", "memorandum_of_understanding", "", "")}),
    ("an-loi-after-a-hoped-renewal-is-planned",
     "Kota Medan dan Kota Gwangju berharap kerja sama dapat segera diperpanjang melalui penandatanganan "
     "Letter of Intent pada tahun 2021.\n",
     {("Medan", "Gwangju", "letter_of_intent", "", "")}),
    ("fields-agreed-in-a-one-pair-document",
     "Pemkot Bandung dan Kota Melbourne menandatangani nota kesepahaman sister city.\n"
     "Acara berlangsung di balai kota.\nWali kota menyambut tamu.\nHujan turun sore itu.\n"
     "Terdapat tiga bidang kerja sama yang disepakati, yakni pendidikan, perdagangan dan pariwisata.\n",
     {("Bandung", "Melbourne", "memorandum_of_understanding", "", "education|tourism|trade")}),
    ("a-ward-and-its-city",
     "Pemkab Sumedang menandatangani Letter of Intent dengan Pemerintah Kota Mapo-gu, Seoul, Korea Selatan.\n",
     {("Sumedang", "Mapo-gu", "letter_of_intent", "", "")}),
    ("governor-of-a-city-province-is-the-city",
     "Gubernur DKI Jakarta dan Gubernur Tokyo menandatangani nota kesepahaman sister city.\n",
     {("Jakarta", "Tokyo", "memorandum_of_understanding", "", "")}),
    ("jakarta-pairs-with-a-province",
     "Pemprov DKI Jakarta menandatangani MoU dengan Provinsi Gyeonggi pada 12 Mei 2015.\n",
     {("Jakarta", "Gyeonggi", "memorandum_of_understanding", "2015-05-12", "")}),
    ("an-mou-marking-a-relationship-since-a-year",
     "Kerja sama sister province antara Provinsi Jawa Timur dan Prefektur Osaka sejak tahun 1984 ditandai dengan "
     "adanya Memorandum of Understanding.\n",
     {("Jawa Timur", "Osaka", "memorandum_of_understanding", "1984", "")}),
    ("lower-case-provinces-after-provinsi",
     "Pada akhir tahun 2018 lalu, pemerintah provinsi papua dan provinsi madang di negara papua nugini "
     "menandatangani nota kesepahaman sister provinsi.\n",
     {("Papua", "Madang", "memorandum_of_understanding", "2018", "")}),
    ("an-instrument-with-a-count-of-partners-listed-next",
     "Pemerintah Provinsi Jawa Barat menandatangani MoU dengan tiga provinsi di Tiongkok.\n"
     "Ketiga provinsi yang menjalin sister province dengan Jawa Barat itu yaitu Guangxi, Sichuan dan Heilongjiang.\n"
     "Ruang lingkup kerja sama disepakati bersama tiga provinsi tersebut.\n"
     "Di antaranya pendidikan, perdagangan dan pariwisata.\n",
     {("Jawa Barat", k, "memorandum_of_understanding", "", "education|tourism|trade")
      for k in ("Guangxi", "Sichuan", "Heilongjiang")}),
    ("a-goal-and-business-to-business-are-no-fields",
     "Kota Medan dan Kota Gwangju menandatangani MoU untuk memajukan perekonomian kedua kota dan "
     "membangkitkan hubungan bisnis to bisnis di bidang pariwisata.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "", "tourism")}),
    ("both-sides-committed-to-fields",
     "Provinsi Jawa Tengah dan Negara Bagian Queensland memperpanjang nota kesepahaman.\n"
     "Sebagai contoh, kedua pihak berkomitmen untuk meningkatkan pengembangan ekonomi dan mempromosikan kebudayaan.\n",
     {("Jawa Tengah", "Queensland", "memorandum_of_understanding", "", "culture|economy")}),
    ("the-list-pairs-share-the-next-instrument",
     "Kerja sama sister city antara Kota Jayapura dengan Kota Vanimo, PNG dan Wewak, East Sepik, PNG masih berjalan.\n"
     "Namun usai penandatanganan MoU pada 2015 silam, banyak program belum berjalan.\n",
     {("Jayapura", "Vanimo", "memorandum_of_understanding", "2015", ""),
      ("Jayapura", "Wewak", "memorandum_of_understanding", "2015", "")}),
    ("a-regency-with-a-country-after-a-hyphen-stays-indonesian",
     "Pemkab Bekasi-Korea Selatan bahas kerja sama program sister city.\n", set()),
    ("an-loi-signed-since-a-day",
     "Pemkot Surabaya dan Kota Gaziantep di Turki telah meneken LoI, terhitung sejak 11 Desember 2019.\n",
     {("Surabaya", "Gaziantep", "letter_of_intent", "2019-12-11", "")}),
    ("a-list-in-passing-leaves-the-pair-in-focus",
     "Jakarta and the Australian state of New South Wales signed a memorandum of understanding yesterday.\n"
     "Thus far, Jakarta has also established sister-city ties with Beijing, Tokyo and Seoul.\n"
     "Within the newly signed MOU, the fields of cooperation are tourism and education.\n",
     {("Jakarta", "New South Wales", "memorandum_of_understanding", "", "education|tourism"),
      ("Jakarta", "Beijing", "", "", ""), ("Jakarta", "Tokyo", "", "", ""), ("Jakarta", "Seoul", "", "", "")}),
    ("each-instrument-its-own-date",
     "The sister city relationship between Semarang and Brisbane began with a Letter of Intent signed in 1992 and was "
     "formalised by a Memorandum of Understanding in 1993.\n",
     {("Semarang", "Brisbane", "letter_of_intent", "1992", ""), ("Semarang", "Brisbane", "memorandum_of_understanding", "1993", "")}),
    ("an-mou-never-followed-up-is-no-instrument",
     "Pemko Medan sempat menandatangani Letter of Intent dengan Kota Nanning pada tahun 2011.\n"
     "Dokumen itu tidak pernah ditindaklanjuti dengan nota kesepahaman sampai tahun 2014.\n",
     {("Medan", "Nanning", "letter_of_intent", "2011", "")}),
    ("an-existing-loi-is-not-signed-today",
     "Salatiga, Rabu (16/4/2025) - Menindaklanjuti Letter of Intent yang sudah ada antara Pemerintah Kota Salatiga "
     "dengan Pemerintah Kota Mungyeong, wali kota menawarkan kerja sama sister city.\n",
     {("Salatiga", "Mungyeong", "letter_of_intent", "", "")}),
    ("a-foreseen-loi-takes-no-date-from-the-day-before",
     "Pada Rabu (17/12/2025) delegasi Kota Tono mengunjungi Kabupaten Purbalingga.\n"
     "Dalam kesempatan tersebut akan dilakukan penandatanganan Letter of Intent antara Pemerintah Kabupaten "
     "Purbalingga dan Pemerintah Kota Tono, Jepang.\n",
     {("Purbalingga", "Tōno", "letter_of_intent", "", "")}),
    ("a-desa-is-no-partner",
     "Pemkab Purbalingga menjalin kerja sama dengan Kota Tono di Jepang. Delegasi Tono mengunjungi pelatihan kerja di "
     "Desa Rajawana dan menandatangani Letter of Intent dengan Kota Tono.\n",
     {("Purbalingga", "Tōno", "letter_of_intent", "", "")}),
    ("a-foreign-city-opening-the-sentence-owns-its-list",
     "Kochi City has had sister city programs since 1965, first Fresno in California, then Wuhu City in China "
     "(1985), Kitami City in Hokkaido (1986), and lately Surabaya in Indonesia (1997).\n",
     {("Surabaya", "Kochi", "", "", "")}),
    ("friendship-relations-in-english-are-a-tie",
     "The two countries agreed on friendship relations at provincial levels, among them between Sichuan and Bali.\n",
     {("Bali", "Sichuan", "", "", "")}),
    ("fields-usually-taken-up-by-sister-cities-are-no-sector-of-the-pair",
     "Kota Surabaya dan Kota Kitakyushu menjalin kerja sama sister city dalam bidang lingkungan. Bidang kerja sama yang "
     "biasa dilakukan dalam kerangka kerja sama sister city antara lain ekonomi dan perdagangan.\n",
     {("Surabaya", "Kitakyushu", "", "", "environment")}),
    ("bertukar-informasi-is-information-exchange",
     "Kota Medan dan Kota Gwangju menandatangani MoU pada 2 Mei 1997 untuk saling bertukar informasi di bidang "
     "pariwisata.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "1997-05-02", "information_exchange|tourism")}),
    ("a-twin-province-is-a-sister-province",
     "Jawa Tengah and Queensland have been twin provinces since 1991.\n",
     {("Jawa Tengah", "Queensland", "", "", "")}),
    ("a-city-named-as-a-yardstick-is-no-side",
     "Kota Medan, kota terbesar ketiga di Indonesia setelah Jakarta, menjalin sister city dengan Kota Gwangju.\n",
     {("Medan", "Gwangju", "", "", "")}),
    ("chambers-of-commerce-are-no-trade-sector",
     "Bandung and Fort Worth became sister cities in 1990, an idea their chambers of commerce carried through.\n",
     {("Bandung", "Fort Worth", "", "", "")}),
    ("domestic-pair-is-out-of-scope", "Kota Surakarta dan Kota Pati menjalin kota kembar sejak 2015.\n", set()),
    ("guideline-hints-magang-sampah-are-sectors",
     "Kota Medan dan Kota Gwangju menandatangani MoU pada 2 Mei 1997 di bidang magang dan pengelolaan sampah.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "1997-05-02", "environment|human_resources")}),
    ("english-fields-in-plural",
     "Semarang and Brisbane signed memoranda of understanding in 1993 on scholarships, horticulture and handicrafts.\n",
     {("Semarang", "Brisbane", "memorandum_of_understanding", "1993", "agriculture|creative_economy|education")}),
    ("a-foreign-kabupaten-with-its-locator-is-abroad",
     "Pemkab Purwakarta menjajaki kerja sama dengan Pemerintah Kabupaten Gurye, Provinsi Jeollanam-do, Korea "
     "Selatan, untuk mewujudkan hubungan sister city. Bupati Gurye berkunjung ke Purwakarta.\n",
     {("Purwakarta", "Gurye", "", "", "")}),
    ("agreed-to-sign-is-planned",
     "Kota Medan dan Kota Gwangju sepakat untuk menandatangani Memorandum of Understanding pada 2 Mei 1997.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "", "")}),
    ("a-list-of-partners-after-a-sister-city-sentence",
     "Jakarta menjalin kerja sama sister city dengan banyak kota di negara lain.\n"
     "Dari Beijing, Hanoi, Berlin dan Rotterdam, semuanya menjalin kerjasama yang erat.\n",
     {("Jakarta", "Beijing", "", "", ""), ("Jakarta", "Hanoi", "", "", ""), ("Jakarta", "Berlin", "", "", ""),
      ("Jakarta", "Rotterdam", "", "", "")}),
    ("one-province-partners-a-city-with-no-state-beside-it",
     "Pemprov Jawa Timur menjalin kerja sama baru dengan Kota Tianjin (Tiongkok) dan Alexandria (Mesir).\n",
     {("Jawa Timur", "Tianjin", "", "", ""), ("Jawa Timur", "Alexandria", "", "", "")}),
    ("big-city-written-as-one-word",
     "Bandung has sister city cooperation with cities like Fortworth in the US.\n",
     {("Bandung", "Fort Worth", "", "", "")}),
    ("a-provinces-endowment-is-no-sector",
     "Provinsi Nusa Tenggara Barat menjalin kerja sama sister province dengan Provinsi Zhejiang. NTB memiliki "
     "lahan investasi di sektor pariwisata dan pertanian.\n",
     {("Nusa Tenggara Barat", "Zhejiang", "", "", "")}),
    ("potential-cooperation-names-its-sectors",
     "Kabupaten Kepulauan Aru dan Kota Urk menjalin sister city.\nPotential cooperation could be explored in "
     "marketing fishery products.\n",
     {("Kepulauan Aru", "Urk", "", "", "fisheries_marine")}),
    ("a-sector-in-an-assistants-title-is-none",
     "Penandatanganan MoU sister city Kota Medan dan Kota Ichikawa disaksikan Asisten Perekonomian dan Pembangunan "
     "Kota Medan.\n",
     {("Medan", "Ichikawa", "memorandum_of_understanding", "", "")}),
    ("a-sector-in-an-office-name-is-none",
     "MoU kerja sama Jakarta dan Casablanca ditandatangani oleh Kepala Dinas Pariwisata dan Kebudayaan DKI Jakarta.\n",
     {("Jakarta", "Casablanca", "memorandum_of_understanding", "", "")}),
    ("those-areas-after-the-mou-are-its-fields",
     "Jakarta and New South Wales signed a memorandum of understanding on sister-state ties in 1994.\n"
     "Thus far, Jakarta has also established sister-city ties with Beijing, Tokyo, Seoul and Berlin.\n"
     "Within the newly signed MOU, seven fields of cooperation were identified.\n"
     "Those areas include investment, tourism and zoos.\n",
     {("Jakarta", "New South Wales", "memorandum_of_understanding", "1994", "investment|tourism"),
      ("Jakarta", "Beijing", "", "", ""), ("Jakarta", "Tokyo", "", "", ""), ("Jakarta", "Seoul", "", "", ""),
      ("Jakarta", "Berlin", "", "", "")}),
    ("the-next-sentence-on-this-cooperation-dates-the-mou",
     "Kota Bandung menandatangani MoU dengan Kota Suwon untuk kota pintar. Kerja sama ini diumumkan pada hari Selasa, "
     "26 Maret 2019.\n",
     {("Bandung", "Suwon", "memorandum_of_understanding", "2019-03-26", "smart_city")}),
    ("where-it-was-signed-is-no-partner",
     "Gubernur Sulawesi Tengah dan Gubernur Provinsi Jeollanamdo sepakat meningkatkan kerja sama.\nKedua Gubernur "
     "tanggal 29 September 2009 di kota "
     "Mokpo telah menandatangani dua MoU.\n",
     {("Sulawesi Tengah", "Jeollanam", "memorandum_of_understanding", "2009-09-29", "")}),
    ("an-airline-named-for-a-place-is-no-partner",
     "Pemprov Sulawesi Utara menandatangani MoU dengan maskapai Jeju Air pada 2022.\n", set()),
    ("sisterhood-agreements-are-sister-cities",
     "Davao City has sisterhood agreements with Manado City and Bitung City.\n",
     {("Manado", "Davao", "", "", ""), ("Bitung", "Davao", "", "", "")}),
    ("mou-before-the-full-stop",
     "Kota Medan dan Kota Gwangju menjalin kerja sama sister city. Keduanya menandatangani MoU.\n",
     {("Medan", "Gwangju", "memorandum_of_understanding", "", "")}),
    ("a-list-of-fields-runs-past-semicolons",
     "Provinsi Sulawesi Tengah dan Provinsi Jeollanam-do menandatangani MoU pada 29 September 2009.\n"
     "Dalam pertemuan itu dibahas proyek kerjasama kedua provinsi, di antaranya produksi rumput laut untuk bio-ethanol; "
     "produksi bio-energi dari tanaman jagung dan kelapa sawit untuk pasar ekspor dan industri lokal yang sedang "
     "tumbuh; reboisasi hutan; serta pengembangan sistem e-government khususnya dan teknologi informasi umumnya.\n",
     {("Sulawesi Tengah", "Jeollanam", "memorandum_of_understanding", "2009-09-29",
       "environment|fisheries_marine|governance|industry|science_technology|trade")}),
    ("signed-on-the-occasion-of-that-visit",
     "Gubernur Provinsi Jeollanamdo berkunjung ke Palu, Sulawesi Tengah pada April 2009.\n"
     "Pada kesempatan kunjungan Gubernur Provinsi Jeollanamdo tersebut telah ditandatangani Letter of Intent (LoI) "
     "kerja sama Provinsi Sulawesi Tengah dan Provinsi Jeollanamdo.\n",
     {("Sulawesi Tengah", "Jeollanam", "letter_of_intent", "2009-04", "")}),
    ("a-state-right-after-its-city-locates-it",
     "Wali Kota Tangerang Selatan, Banten dan Wali Kota Miri Sarawak, Malaysia menandatangani nota kerja sama.\n",
     {("South Tangerang", "Miri", "memorandum_of_understanding", "", "")}),
    ("signed-in-a-third-city",
     "Walikota Bogor dan Walikota Kisarazu sepakat mengikat kerjasama melalui penandatanganan Letter of Intent yang "
     "dilaksanakan di Tokyo.\n",
     {("Bogor", "Kisarazu", "letter_of_intent", "", "")}),
    ("where-it-began-is-not-when-it-was-signed",
     "Penandatanganan LoI Kota Kisarazu dan Kota Bogor diawali dari kunjungan Menteri Lingkungan Hidup ke Kota "
     "Kisarazu sekitar bulan April 2016.\n",
     {("Bogor", "Kisarazu", "letter_of_intent", "", "")}),
    ("begun-with-the-instrument-itself",
     "Diawali penandatanganan Letter of Intent pada 28 Maret 2022, Provinsi NTB dan Northern Territory menandatangani "
     "MoU sister province pada 10 Juli 2023.\n",
     {("Nusa Tenggara Barat", "Northern Territory", "letter_of_intent", "2022-03-28", ""),
      ("Nusa Tenggara Barat", "Northern Territory", "memorandum_of_understanding", "2023-07-10", "")}),
    ("signed-in-an-indonesian-city-beside-the-partner-province",
     "Joint Statement of Cooperation antara Provinsi Kalimantan Timur dan Northern Territory disepakati di Samarinda "
     "bulan September 2010.\n",
     {("Kalimantan Timur", "Northern Territory", "memorandum_of_understanding", "2010-09", "")}),
    ("blank-lines-do-not-use-up-the-pair-in-focus",
     "Provinsi Jawa Timur dan Negara Bagian Australia Barat menandatangani MoU pada 17 November 2015.\n\n\n"
     "Gubernur hadir bersama rombongan.\n\n\nPertemuan mengidentifikasi sektor yang dapat ditingkatkan kerja "
     "samanya antara lain di bidang kebudayaan.\n",
     {("Jawa Timur", "Western Australia", "memorandum_of_understanding", "2015-11-17", "culture")}),
    ("the-date-after-signed-is-the-signing",
     "On October 5, 2022, the consulate discussed the plan to extend the MoU Sister City between Denpasar and "
     "Mossel Bay, South Africa, signed in 2019.\n",
     {("Denpasar", "Mossel Bay", "memorandum_of_understanding", "2019", "")}),
    ("to-be-signed-is-planned",
     "Denpasar and Mossel Bay (South Africa) agreed that the new MoU Sister City is to be signed before "
     "22 November 2022.\n",
     {("Denpasar", "Mossel Bay", "memorandum_of_understanding", "", "")}),
    ("a-comma-glued-to-the-day",
     "Pemprov Sulawesi Selatan dan Prefektur Ehime menandatangani MoU sister province pada Rabu,16 Desember 2020.\n",
     {("Sulawesi Selatan", "Ehime", "memorandum_of_understanding", "2020-12-16", "")}),
    ("signed-within-a-span-of-days",
     "Kota Ambon dan Kota Darwin menandatangani MoU sister city dalam kunjungan 19 s/d 22 Februari 2009.\n",
     {("Ambon", "Darwin", "memorandum_of_understanding", "2009-02-19/2009-02-22", "")}),
    ("signed-during-a-visit-told-the-sentence-before",
     "Kunjungan kerja ke Kota Osaki dilaksanakan tanggal 5-9 Agustus 2019. Dalam kunjungan tersebut ditandatangani "
     "MoU antara Kota Depok dan Kota Osaki.\n",
     {("Depok", "Ōsaki", "memorandum_of_understanding", "2019-08-05/2019-08-09", "")}),
    ("a-span-of-years-is-no-signing-date",
     "Kota Ambon dan Kota Darwin menandatangani MoU sister city untuk periode 2010-2015.\n",
     {("Ambon", "Darwin", "memorandum_of_understanding", "", "")}),
    ("the-place-after-with-is-the-partner",
     "Australia and Indonesia have city links such as Brisbane with Semarang and Darwin with both Ambon and Kupang.\n",
     {("Semarang", "Brisbane", "", "", ""), ("Ambon", "Darwin", "", "", ""), ("Kupang", "Darwin", "", "", "")}),
    ("a-colon-list-in-a-text-on-sister-cities",
     "Daftar sister city di Indonesia.\n\nThanx:) Manado: Zamboanga and Davao, The Philipines Semarang: Brisbane, "
     "Australia (January 1993) Pernah ke Davao?\n",
     {("Manado", "Zamboanga", "", "", ""), ("Manado", "Davao", "", "", ""), ("Semarang", "Brisbane", "", "", "")}),
    ("a-colon-list-needs-a-text-on-sister-cities",
     "Jadwal penerbangan.\n\nManado: Zamboanga and Davao, Semarang: Brisbane.\n", set()),
    ("a-district-in-a-list-of-partner-cities",
     "Pemerintah Kota Yogyakarta menjalin kerja sama sister city dengan empat kota, yaitu Kota Hue Vietnam, "
     "Kota Baalbek Lebanon, Distrik Commewijne Suriname, dan Kota Kyoto.\n",
     {("Yogyakarta", "Huế", "", "", ""), ("Yogyakarta", "Baalbek", "", "", ""), ("Yogyakarta", "Commewijne", "", "", ""),
      ("Yogyakarta", "Kyoto", "", "", "")}),
    ("a-list-of-provinces-after-a-paragraph-break",
     "Pemerintah Provinsi Jawa Tengah menjalin kerja sama dengan tujuh negara bagian.\n\n"
     "Empat di antaranya sudah menjadi kerja sama sister province.\n\n"
     "Di antaranya yaitu Queensland, Provinsi Heilongjiang dan Prefektur Kumamoto.\n",
     {("Jawa Tengah", "Queensland", "", "", ""), ("Jawa Tengah", "Heilongjiang", "", "", ""),
      ("Jawa Tengah", "Kumamoto", "", "", "")}),
    ("a-list-opened-by-seperti-goes-on-with-the-sentence-before",
     "Wali kota mengatakan Kota Semarang juga menjalin sister city dengan kota-kota lain. Seperti Kota Brisbane, "
     "Australia; Kota Da Nang, Vietnam; dan Kota Fuqing, Tiongkok.\n",
     {("Semarang", "Brisbane", "", "", ""), ("Semarang", "Da Nang", "", "", ""), ("Semarang", "Fuqing", "", "", "")}),
    ("a-list-names-the-partners-the-sentence-before-did-not",
     "Gubernur menyebut Provinsi Sulawesi Utara sudah bekerja sama dengan beberapa kota di luar negeri. "
     "Misalnya dengan Kota Davao – Filipina, Kota Kaohsiung – Taiwan dan Kota Toyama – Jepang.\n",
     {("Sulawesi Utara", "Davao", "", "", ""), ("Sulawesi Utara", "Kaohsiung", "", "", ""),
      ("Sulawesi Utara", "Toyama", "", "", "")}),
    ("a-list-after-a-visit-to-unnamed-cities-is-no-partner-list",
     "Gubernur menyebut Provinsi Sulawesi Utara sudah berkunjung ke beberapa kota di luar negeri. "
     "Misalnya ke Kota Davao – Filipina, Kota Kaohsiung – Taiwan dan Kota Toyama – Jepang.\n", set()),
    ("the-renewal-of-the-agreement-is-the-pairs-instrument",
     "Provinsi Jawa Tengah menjalin kerja sama sister province dengan Queensland.\n\n"
     "Jawa Tengah dan Queensland melakukan pembaruan perjanjian untuk lima tahun ke depan.\n",
     {("Jawa Tengah", "Queensland", "cooperation_agreement", "", "")}),
    ("the-year-an-agreement-stops-is-not-its-signing",
     "Kota Semarang menjalin sister city dengan Kota Brisbane. Menurut Sekda, perjanjian kerja sama Semarang dan "
     "Brisbane akan berhenti pada tahun 2026.\n",
     {("Semarang", "Brisbane", "cooperation_agreement", "", "")}),
    ("a-list-of-partners-using-an-loi-and-not-yet-an-mou",
     "Pemerintah Kota Semarang menjalin sister city dengan tiga kota, yakni Kota Brisbane, Kota Da Nang dan Kota "
     "Fuqing.\n\nKerja sama tersebut menggunakan Letter of Intent (LoI) dan belum menggunakan Memorandum of "
     "Understanding (MoU) karena prosesnya panjang.\n",
     {("Semarang", "Brisbane", "letter_of_intent", "", ""), ("Semarang", "Da Nang", "letter_of_intent", "", ""),
      ("Semarang", "Fuqing", "letter_of_intent", "", "")}),
    ("a-numbered-list-run-into-one-line",
     "Kota Medan juga telah memiliki beberapa sistercity di luar negeri, diantaranya: 1. Gwangju Korsel 2. Ichikawa "
     "Jepang 3. Chengdu RRC Kota-kota lain masih dijajaki.\n",
     {("Medan", "Gwangju", "", "", ""), ("Medan", "Ichikawa", "", "", ""), ("Medan", "Chengdu", "", "", "")}),
    ("a-numbered-list-run-into-one-line-needs-its-cue",
     "Kota Medan juga telah dikunjungi delegasi dari luar negeri, diantaranya: 1. Gwangju Korsel 2. Ichikawa "
     "Jepang 3. Chengdu RRC Kota-kota lain menyusul.\n", set()),
    ("a-city-state-among-countries-is-the-country",
     "Kota Kendari menjalin kerja sama dengan sejumlah negara, diantaranya Jepang, Korea Selatan, dan Singapura.\n",
     set()),
    ("a-city-state-listed-among-countries-is-the-country-throughout",
     "Kota Kendari menandatangani kerja sama dengan tiga negara, yaitu Jepang, Singapura, dan Malaysia. Ada pula "
     "kerja sama pengelolaan sampah antara Kota Kendari dengan Singapura.\n", set()),
    ("a-city-state-among-cities-is-the-city",
     "Kota Kendari menjalin sister city dengan Kota Busan dan Singapura.\n",
     {("Kendari", "Busan", "", "", ""), ("Kendari", "Singapore", "", "", "")}),
    ("minutes-of-agreement-is-an-agreement",
     "Gubernur DKI Jakarta dan Wali Kota Rotterdam menandatangani Minutes of Agreement (MoA) tahun ini. Kerja sama "
     "Jakarta dan Rotterdam itu dituangkan dalam MoA.\n",
     {("Jakarta", "Rotterdam", "cooperation_agreement", "", "")}),
    ("where-a-proposed-town-lies-is-no-partner",
     "Konsul menyebut kota yang cocok menjadi sister city Banda Aceh yakni Kota Mano yang terletak di Pulau Sado dalam "
     "Prefektur Niigata.\n", set()),
    ("the-towns-a-city-borders-are-no-partners",
     "Konsul membahas kerja sama ekonomi perbatasan, mengingat Tawau merupakan kota yang berbatasan langsung dengan "
     "kota-kota di Kalimantan Utara, seperti Nunukan dan Tarakan.\n", set()),
    ("a-flight-routes-stops-are-no-pair",
     "Dalam rangka kerja sama konektivitas, maskapai akan membuka penerbangan dengan rute Kuching – Pontianak – "
     "Surabaya.\n", set()),
    ("a-news-agency-dateline-is-where-the-item-was-filed",
     "date 2017-08 London (ANTARA News) - Wali Kota Bandung menandatangani Letter of Intent dengan Cuenca.\n",
     {("Bandung", "Cuenca", "letter_of_intent", "", "")}),
    ("a-list-of-provinces-needs-its-sister-sentence",
     "Pemerintah Provinsi Jawa Tengah menerima banyak tamu.\n\nTamu itu datang dari banyak tempat.\n\n"
     "Di antaranya yaitu Queensland, Provinsi Heilongjiang dan Prefektur Kumamoto.\n", set()),
    ("a-state-after-its-city-is-no-list-item",
     "Kota Semarang menjalin sister city dengan Kota Brisbane, Queensland, dan Kota Da Nang.\n",
     {("Semarang", "Brisbane", "", "", ""), ("Semarang", "Da Nang", "", "", "")}),
    ("pernyataan-kehendak-is-a-letter-of-intent",
     "Gubernur Bali menandatangani Pernyataan Kehendak dengan Pemerintah Provinsi Hainan tentang kerja sama "
     "provinsi bersaudara pada 19 Februari 2023.\n",
     {("Bali", "Hainan", "letter_of_intent", "2023-02-19", "")}),
    ("a-headline-instrument-takes-the-one-dated-signing",
     "Kabupaten Cirebon dan Kota Busan Teken MoU Soal Tenaga Kerja\n\nKedua daerah melakukan penandatangan kerja sama "
     "tentang penempatan tenaga kerja, Selasa 8 November 2022.\n",
     {("Cirebon", "Busan", "memorandum_of_understanding", "2022-11-08", "")}),
    ("two-dated-signings-date-no-headline-instrument",
     "Kabupaten Cirebon dan Kota Busan Teken MoU\n\nBupati hadir bersama rombongan. "
     "Penandatanganan pertama pada Selasa 8 November 2022. "
     "Penandatanganan kedua pada Rabu 9 November 2022.\n",
     {("Cirebon", "Busan", "memorandum_of_understanding", "", "")}),
    ("a-heading-of-names-in-a-text-on-sister-cities",
     "Kota kembar Indonesia dan Korea Selatan\n\nBandung – Suwon dan Seoul\n\nKedua kota itu bertukar pelajar.\n",
     {("Bandung", "Suwon", "", "", "education"), ("Bandung", "Seoul", "", "", "education")}),
    ("a-heading-of-names-alone-is-no-pair",
     "Jadwal pertandingan\n\nBandung – Suwon dan Seoul\n\nKedua tim bertanding di stadion.\n", set()),
    ("research-in-an-abstract-is-the-study-not-a-field",
     "This research analyzes the sister city cooperation between Magelang and Tula in education.\n",
     {("Magelang", "Tula", "", "", "education")}),
    ("joint-research-is-a-field",
     "The sister city cooperation between Magelang and Tula covers joint research and education.\n",
     {("Magelang", "Tula", "", "", "education|science_technology")}),
    ("keywords-are-topics-not-fields",
     "Kerja sama sister province NTB dan Zhejiang dimulai 2016. Kata Kunci : Paradiplomasi, Kerjasama Sister "
     "province, Sosial Politik dan Ekonomi.\n",
     {("Nusa Tenggara Barat", "Zhejiang", "", "", "")}),
    ("co-operation-and-urban-management",
     "With Seattle, Surabaya began the sister city co-operation in 1992, covering the urban areas management.\n",
     {("Surabaya", "Seattle", "", "", "urban_planning")}),
    ("an-instrument-dated-by-the-agreement-told-just-before",
     "Jawa Tengah menjalin kerja sama dengan Prefektur Chiba yang disepakati kedua gubernur pada Maret 2018. "
     "Dalam Nota Kesepahaman Jawa Tengah dan Chiba itu kedua pihak bekerja sama di bidang pariwisata.\n",
     {("Jawa Tengah", "Chiba", "memorandum_of_understanding", "2018-03", "tourism")}),
    ("a-faculty-name-is-no-field",
     "Skripsi tentang kerja sama sister city Kota Baubau dan Seoul pada FAKULTAS ILMU SOSIAL DAN POLITIK.\n",
     {("Baubau", "Seoul", "", "", "")}),
    ("a-thesis-declaration-names-no-field",
     "Skripsi Kerjasama Sister City Kota Medan Dengan Kota Gwangju ini belum pernah diajukan untuk mendapat "
     "gelar Akademik di perguruan tinggi lain.\n",
     {("Medan", "Gwangju", "", "", "")}),
    ("a-field-word-inside-an-institution-name",
     "Kerja sama sister city Kota Bandung dan Kota Petaling Jaya mendukung ASEAN Economic Community.\n",
     {("Bandung", "Petaling Jaya", "", "", "")}),
    ("a-government-is-no-governance",
     "Perlu adanya kerja sama sister province antara Bali dengan pemerintahan Kagoshima di bidang pertanian.\n",
     {("Bali", "Kagoshima", "", "", "agriculture")}),
    ("sectors-of-sister-cities-in-general-are-no-field",
     "Kota Makassar dan Kota Gold Coast menjalin sister city sejak 1993.\n"
     "Traditionally, sister city relationships focused on cultural and education exchanges.\n",
     {("Makassar", "Gold Coast", "", "", "")}),
    ("the-two-countries-ties-are-not-the-pairs",
     "Jawa Barat dan New Taipei City menandatangani kerja sama sister city.\n"
     "Indonesia berharap kedua negara dapat meningkatkan hubungan mereka dalam bidang lain seperti kedokteran.\n",
     {("Jawa Barat", "New Taipei City", "", "", "")}),
    ("names-joined-by-a-dash-are-the-pairs",
     "Dubes mengusulkan kota kembar seperti Medan-Penang, Kota Kinabalu-Manado dan Johor Bahru-Bandung.\n",
     {("Medan", "George Town", "", "", ""), ("Manado", "Kota Kinabalu", "", "", ""),
      ("Bandung", "Johor Bahru", "", "", "")}),
    ("an-indonesian-city-among-another-citys-partners",
     "Kota Berlin menjalin kerja sama sister city dengan Beijing, Tokyo, Jakarta dan Buenos Aires.\n",
     {("Jakarta", "Berlin", "", "", "")}),
    ("a-place-the-partner-lies-near-is-no-partner",
     "Wali Kota Bogor senang bekerja sama dengan kota Kisarazu yang letaknya dekat Tokyo.\n",
     {("Bogor", "Kisarazu", "", "", "")}),
    ("a-consulate-is-no-partner",
     "Konsulat Jendral Republik Indonesia (KJRI) Los Angeles berharap menjalin sister city dengan Kota Makassar.\n",
     set()),
    ("a-list-of-provinces-after-an-instrument-sentence",
     "Ada tiga negara bagian yang telah menjalin kerja sama Letter Of Intent (LOI) dengan Pemprov Jawa Barat. "
     "Diantaranya yaitu Souss Massa Region (Maroko), Prefektur Shizuoka (Jepang) dan Wallonia Region (Belgia).\n",
     {("Jawa Barat", "Souss-Massa", "", "", ""), ("Jawa Barat", "Shizuoka", "", "", ""),
      ("Jawa Barat", "wallonne, Région", "", "", "")}),
    ("fields-listed-one-per-line-after-the-pair-sentence",
     "Kerja sama sister city Kota Medan dengan Kota Ichikawa meliputi:\n1. Pertukaran pelajar;\n"
     "2. Pengelolaan lingkungan hidup;\n3. Kesehatan masyarakat.\n",
     {("Medan", "Ichikawa", "", "", "education|environment|health")}),
    ("fields-listed-one-per-line-after-a-heading",
     "Kerja sama sister city Kota Surabaya dengan Kota Busan berdasarkan MoU. Bidang kerjasama:\n"
     "1. Pengembangan pelabuhan\n2. Perdagangan\n3. Pendidikan\n",
     {("Surabaya", "Busan", "memorandum_of_understanding", "", "education|ports_maritime|trade")}),
    ("the-two-provinces-are-the-province-pair",
     "Jakarta dan Casablanca menjalin sister city. Jakarta juga menandatangani sister province dengan "
     "Casablanca-Settat. Jakarta dan Casablanca bersahabat.\n"
     "Potensi bidang-bidang kerja sama kedua provinsi mencakup kepariwisataan dan pendidikan.\n",
     {("Jakarta", "Casablanca", "", "", ""), ("Jakarta", "Casablanca-Settat", "", "", "education|tourism")}),
    ("a-dateline-with-its-outlet-is-no-partner",
     "Surabaya, IDN Times - Gubernur Jawa Timur menjajaki kerja sama sister province antara Jawa Timur dan "
     "Samarkand.\n",
     {("Jawa Timur", "Samarkand", "", "", "")}),
    ("a-friendship-charter-is-an-agreement",
     "Pada tanggal 24 Mei 1960 Kota Bandung dan Kota Braunschweig menandatangani Piagam Ikatan Persahabatan.\n",
     {("Bandung", "Braunschweig", "cooperation_agreement", "1960-05-24", "")}),
    ("a-sister-city-agreement-in-indonesian",
     "Webinar itu mengoptimalkan perjanjian Sister City antara Jakarta dan Casablanca.\n",
     {("Jakarta", "Casablanca", "cooperation_agreement", "", "")}),
    ("a-sister-city-sentence-counting-back-to-a-list",
     "Kerja sama berkelanjutan diawali dengan Kota Seattle di Amerika Serikat, Kota Kochi di Jepang dan Kota Busan di "
     "Korea Selatan. Ke tiga kota di mancanegara itulah yang merupakan sister city Kota Surabaya.\n",
     {("Surabaya", "Seattle", "", "", ""), ("Surabaya", "Kochi", "", "", ""), ("Surabaya", "Busan", "", "", "")}),
    ("a-shared-background-is-no-field",
     "Kerja sama sister city Bukittinggi dan Seremban tercipta akibat kesamaan latar belakang budaya kedua daerah.\n",
     {("Bukittinggi", "Seremban", "", "", "")}),
    ("a-partners-rank-in-a-field-describes-the-partner",
     "Provinsi Jambi menjajaki kerja sama dengan Provinsi Hebei, yang merupakan provinsi dengan industri terbesar "
     "di utara Tiongkok, di bidang pertanian.\n",
     {("Jambi", "Hebei", "", "", "agriculture")}),
    ("a-partner-sending-a-delegation-names-the-field",
     "Kota Surabaya menjalin sister city dengan Guangzhou.\nSejak 2013 Guangzhou rutin mengirim rombongan kesenian ke "
     "festival jalanan di Surabaya.\n",
     {("Surabaya", "Guangzhou", "", "", "culture")}),
    ("kota-bersahabat-is-a-friendship-city",
     "Tahun ini Guangxi menjalin hubungan kota bersahabat dengan kota ASEAN, di antaranya Kota Beihai dan Kota "
     "Semarang.\n",
     {("Semarang", "Beihai", "", "", "")}),
    ("a-city-government-is-no-governance-field",
     "Kota Padang menjalin sister city dengan Hildesheim.\nPemerintahan kota Padang mengirimkan tim kesenian ke "
     "Hildesheim.\n",
     {("Padang", "Hildesheim", "", "", "culture")}),
    ("what-the-partners-share-is-no-field",
     "The sister city cooperation of Ambon and Darwin rests on historic, social, and geographical similarities.\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("social-interaction-is-a-theorys-term",
     "Kerja sama sister city Surabaya dan Kitakyushu dibentuk oleh intensitas interaksi sosial antaraktor.\n",
     {("Surabaya", "Kitakyushu", "", "", "")}),
    ("an-economic-recovery-is-a-goal-not-a-field",
     "Sulawesi Selatan dan Ehime menjalin sister province untuk membantu proses pemulihan ekonomi pascapandemi.\n",
     {("Sulawesi Selatan", "Ehime", "", "", "")}),
    ("an-mou-between-universities-is-not-the-cities",
     "Kota Magelang dan Kota Tula menandatangani Letter of Intent sister city pada 26 Juli 2022. Pada kesempatan "
     "yang sama ditandatangani Nota Kesepahaman antara Universitas Tidar Magelang dengan Tula State University.\n",
     {("Magelang", "Tula", "letter_of_intent", "2022-07-26", "")}),
    ("twin-towns-and-kota-sahabat-are-relationships",
     "Kota Bogor dan Kota St. Louis adalah kota sahabat.\n",
     {("Bogor", "St. Louis", "", "", "")}),
    ("what-is-said-after-said-the-is-the-statement",
     "The Mayor of Bandung, Ridwan Kamil, said the sister city partnership with Braunschweig would grow.\n",
     {("Bandung", "Braunschweig", "", "", "")}),
    ("a-home-city-whose-name-is-a-word-opens-a-sentence-on-twinning",
     "Medan is twinned with Ichikawa in Japan and Gwangju in South Korea.\n",
     {("Medan", "Ichikawa", "", "", ""), ("Medan", "Gwangju", "", "", "")}),
    ("cooperate-is-a-relationship",
     "Banda Aceh and Samarkand agreed to cooperate in culture and tourism.\n",
     {("Banda Aceh", "Samarkand", "", "", "culture|tourism")}),
    ("a-read-also-link-states-no-pair",
     "Gubernur bertemu Duta Besar di Beijing. Baca Juga: Di Harbin Jabar Tuntaskan Teken MoU Sister Province\n",
     set()),
    ("a-foreign-heading-and-its-list-of-sister-states",
     "Western Australia has five Sister States:\n\n• East Java in Indonesia;\n• Hyogo Prefecture in Japan;\n"
     "• Zhejiang Province in China.\n",
     {("Jawa Timur", "Western Australia", "", "", "")}),
    ("a-regency-and-a-foreign-state-with-no-province-or-city-beside",
     "Kabupaten Paser pernah kerja sama sister city dalam bidang pendidikan dengan Negara Bagian Victoria, "
     "Australia.\n",
     {("Paser", "Victoria", "", "", "education")}),
    ("a-state-named-as-where-its-capital-lies-is-no-partner",
     "Kerja sama antara Kota Semarang dan Ibu Kota Negara Bagian Queensland, Australia, berjalan lima tahun.\n",
     set()),
    ("a-province-after-a-city-and-a-word-of-its-name-locates-it",
     "Sister City antara Kota Jayapura dengan Vanimo Green, Sandaun Province, PNG berjalan sejak MoU 2015.\n",
     {("Jayapura", "Vanimo", "memorandum_of_understanding", "2015", "")}),
    ("where-our-visit-went-abroad-is-no-partner",
     "Kerja sama sister province itu tindak lanjut kunjungan resmi Pemerintah Provinsi Jawa Tengah ke Beijing dan "
     "Provinsi Fujian bulan lalu.\n",
     {("Jawa Tengah", "Fujian", "", "", "")}),
    ("where-our-delegation-went-abroad-is-no-partner-even-alone",
     "Kunjungan delegasi Pemkot Makassar ke Tokyo untuk memenuhi undangan perusahaan yang sudah bekerja sama dengan "
     "Pemkot Makassar.\n",
     set()),
    ("a-partner-in-brackets-after-its-indonesian-city",
     "Contoh kota kembar: Bandung (Braunschweig), Surabaya (Busan) dan Yogyakarta (Kyoto).\n",
     {("Bandung", "Braunschweig", "", "", ""), ("Surabaya", "Busan", "", "", ""), ("Yogyakarta", "Kyoto", "", "", "")}),
    ("with-the-partner-alone-the-sister-city-is-the-home-citys",
     "Kota Surabaya memiliki sejumlah sister city. Dengan Seattle, Surabaya menandatangani MoU pada 1992. Adapun "
     "dengan Kochi, hubungan sister city dimulai pada 1997.\n",
     {("Surabaya", "Seattle", "memorandum_of_understanding", "1992", ""), ("Surabaya", "Kochi", "", "", "")}),
    ("a-foreign-subject-with-its-partners-is-not-the-home-city",
     "Kota Bitung menjalin sister city dengan Davao. Davao City has sisterhood agreements with Angeles City and "
     "Quezon City.\n",
     {("Bitung", "Davao", "", "", "")}),
    ("each-partner-its-own-instrument-and-date",
     "Pemerintah Kota Bandung menandatangani LoI dengan Kota Cuenca pada Agustus 2017, sedangkan MoU dengan Kota "
     "Melbourne ditandatangani pada Februari 2024.\n",
     {("Bandung", "Cuenca", "letter_of_intent", "2017-08", ""),
      ("Bandung", "Melbourne", "memorandum_of_understanding", "2024-02", "")}),
    ("the-visit-is-part-of-the-sister-city-of-the-sentence-before",
     "Delegasi dari Busan tiba di Surabaya pada Senin. Kunjungan ini merupakan bagian dari kerja sama sister city "
     "yang telah terjalin sejak 1994.\n",
     {("Surabaya", "Busan", "", "", "")}),
    ("they-discuss-the-sister-city-of-the-sentence-before",
     "Pemkot Semarang kedatangan tamu dari Brisbane. Mereka membahas program sister city di bidang pendidikan.\n",
     {("Semarang", "Brisbane", "", "", "education")}),
    ("a-visit-without-sister-city-or-instrument-states-no-pair",
     "Delegasi dari Busan tiba di Surabaya pada Senin. Kunjungan ini membahas kerja sama perdagangan.\n",
     set()),
    ("the-ceremony-in-the-next-sentence-dates-the-signing",
     "Kota Bitung dan Kota Davao menandatangani MoU sister city. Acara tersebut berlangsung pada 12 Januari 2012 di "
     "Davao.\n",
     {("Bitung", "Davao", "memorandum_of_understanding", "2012-01-12", "")}),
    ("an-instrument-and-its-year-in-brackets-after-the-partner",
     "Kerja sama sister city Kota Surabaya:\n• Busan, Korea Selatan (MoU 1994)\n• Kochi, Jepang (LoI 1995, MoU 1997)\n",
     {("Surabaya", "Busan", "memorandum_of_understanding", "1994", ""),
      ("Surabaya", "Kochi", "letter_of_intent", "1995", ""), ("Surabaya", "Kochi", "memorandum_of_understanding", "1997", "")}),
    ("a-field-right-before-cooperation-is-its-sector",
     "A delegation from Kitakyushu visited Makassar to discuss waste management cooperation under their sister city "
     "ties.\n",
     {("Makassar", "Kitakyushu", "", "", "environment")}),
    ("nota-kerja-sama-is-a-memorandum",
     "Wali Kota Tangerang dan Wali Kota Miri menunjukkan nota kerja sama yang ditandatangani pada 1 Juni 2023.\n",
     {("Tangerang", "Miri", "memorandum_of_understanding", "2023-06-01", "")}),
    ("bersister-city-is-a-relationship",
     "Kota Palembang juga bersister city dengan Kota Ipoh.\n",
     {("Palembang", "Ipoh", "", "", "")}),
    ("bersaudara-dengan-is-a-relationship",
     "Sejak lama Kota Malang bersaudara dengan Kota Yanai.\n",
     {("Malang", "Yanai", "", "", "")}),
    ("a-bulleted-list-under-a-heading",
     "Mitra sister city Kota Semarang:\n• Brisbane, Australia (1993)\n- Fuqing, Tiongkok (2005)\n* Beihai, Tiongkok\n"
     "Daftar ini terus bertambah.\n",
     {("Semarang", "Brisbane", "", "", ""), ("Semarang", "Fuqing", "", "", ""), ("Semarang", "Beihai", "", "", "")}),
    ("a-numbered-list-under-a-heading",
     "Kerja sama kota kembar Kota Bitung mencakup:\n1. Kota Davao, Filipina\n2) Kota Zamboanga, Filipina\n",
     {("Bitung", "Davao", "", "", ""), ("Bitung", "Zamboanga", "", "", "")}),
    ("a-table-of-partners-written-as-lines",
     "Tabel 2. Sister city Kota Bandung\nNo. Kota Negara Tahun\n1. Braunschweig Jerman 1960\n2. Suwon Korea Selatan 1997\n",
     {("Bandung", "Braunschweig", "", "", ""), ("Bandung", "Suwon", "", "", "")}),
    ("lists-under-city-headings-in-a-text-on-sister-cities",
     "Kota kembar di Indonesia:\n\nKota Medan:\n• Gwangju, Korea Selatan\n• Ichikawa, Jepang\n\nKota Bogor:\n"
     "• Kisarazu, Jepang\n• Saint Louis, Amerika Serikat\n",
     {("Medan", "Gwangju", "", "", ""), ("Medan", "Ichikawa", "", "", ""), ("Bogor", "Kisarazu", "", "", ""),
      ("Bogor", "St. Louis", "", "", "")}),
    ("a-list-after-the-cities-it-names",
     "Pemerintah Kota Malang menjalin kerja sama sister city dengan beberapa kota di luar negeri. Kota-kota tersebut "
     "antara lain Kota Fuqing di Tiongkok, Kota Yanai di Jepang, dan Kota Uiwang di Korea Selatan.\n",
     {("Malang", "Fuqing", "", "", ""), ("Malang", "Yanai", "", "", ""), ("Malang", "Uiwang", "", "", "")}),
    ("a-small-town-joined-to-a-home-city-in-a-sister-city-sentence",
     "Jayapura and Vanimo have been sister cities since 2014.\n",
     {("Jayapura", "Vanimo", "", "", "")}),
    ("an-instrument-takes-the-date-after-it-not-where-the-story-began",
     "Hubungan kota kembar Bukittinggi–Seremban dirintis pada tahun 2006 dan diresmikan melalui MoU pada 2008.\n",
     {("Bukittinggi", "Seremban", "memorandum_of_understanding", "2008", "")}),
    ("a-state-locates-the-city-before-it-though-a-town-has-its-name-too",
     "Delegasi Kota Bogor berkunjung ke Saint Louis, Missouri, untuk memperingati 10 tahun kerja sama sister city.\n",
     {("Bogor", "St. Louis", "", "", "")}),
    ("the-two-cities-are-the-pair-of-the-sentence-before",
     "Wali Kota Semarang menerima kunjungan Wali Kota Brisbane di Balai Kota. Kedua kota telah menjalin sister city "
     "sejak 1993.\n",
     {("Semarang", "Brisbane", "", "", "")}),
    ("a-counted-list-after-its-heading-sentence",
     "Kota Surabaya memiliki tiga sister city. Ketiga kota itu adalah Seattle, Busan dan Kochi.\n",
     {("Surabaya", "Seattle", "", "", ""), ("Surabaya", "Busan", "", "", ""), ("Surabaya", "Kochi", "", "", "")}),
    ("a-list-of-towns-after-a-sister-city-sentence-are-places",
     "Kota Malang memiliki tiga sister city. Ketiga kota itu adalah Fuqing, Yanai dan Uiwang.\n",
     {("Malang", "Fuqing", "", "", ""), ("Malang", "Yanai", "", "", ""), ("Malang", "Uiwang", "", "", "")}),
    ("a-misspelt-city-beside-its-country",
     "Kota Monterry (Meksiko) menjadi sister city Kota Surabaya.\n",
     {("Surabaya", "Monterrey", "", "", "")}),
    ("the-home-government-unnamed-on-its-own-page",
     "Pemerintah Kota Malang\n\nBerita\n\nPemkot jalin kerja sama dengan Kota Fuqing, Tiongkok. Penandatanganan LoI "
     "dilakukan di Balai Kota pada 5 Maret 2019.\n",
     {("Malang", "Fuqing", "letter_of_intent", "2019-03-05", "")}),
    ("the-mayor-unnamed-after-the-dateline",
     "Bandung, Kompas - Wali kota menerima delegasi dari Kota Suwon. Kedua kota sepakat memperpanjang kerja sama "
     "sister city yang sudah terjalin sejak 1997.\n",
     {("Bandung", "Suwon", "", "", "")}),
    ("a-title-in-capitals-broken-over-lines",
     "SKRIPSI\n\nANALISIS KEBIJAKAN PEMERINTAH PROVINSI SULAWESI SELATAN\n\n\nDALAM MENJALIN KERJA SAMA "
     "INTERNASIONAL DENGAN PREFEKTUR\nEHIME JEPANG\n\nOleh\nA. Penulis\n",
     {("Sulawesi Selatan", "Ehime", "", "", "")}),
    ("a-city-named-only-in-the-dateline-signs-nothing",
     "Baca berita dengan sedikit iklan TEMPO.CO, Jakarta - Dublin, ibu kota Irlandia, telah dikaitkan dengan "
     "Ramallah. Dublin juga memiliki sister city lain. Wali Kota Dublin dan Wali Kota Ramallah menandatangani "
     "Perjanjian Persahabatan pada Kamis, 7 Desember 2023.\n",
     set()),
    ("a-foreign-subject-partners-each-place-it-signed-with",
     "Nanjing signed the Sister City Relationship Agreement with the city York in UK, and also signed a letter of "
     "intent with Semarang in Indonesia, as well as a letter of intent with San Antonio in USA.\n",
     {("Semarang", "Nanjing", "letter_of_intent", "", "")}),
    ("each-place-after-its-own-with-keeps-its-partner",
     "Busan bekerja sama dengan Surabaya sejak 1994, sementara Kochi dengan Surabaya sejak 1997 dalam program "
     "sister city.\n",
     {("Surabaya", "Busan", "", "", ""), ("Surabaya", "Kochi", "", "", "")}),
    ("the-capital-named-as-the-venue-is-no-side",
     "Pemprov SulSel-Ehime Jepang Tanda Tangani MoU Sister Province\n\nKerja sama ditandai penandatanganan MoU "
     "bersama pihak Ehime Jepang pada Rabu (16/12/2020) yang digelar virtual di Ibukota Jakarta.\n",
     {("Sulawesi Selatan", "Ehime", "memorandum_of_understanding", "2020-12-16", "")}),
    ("a-heading-of-names-with-city-of",
     "Sister Cities\n\nDarwin has sister city relationships with five cities.\n\nCity of Darwin - Ambon | Indonesia\n\n"
     "The proximity of Indonesia to Darwin is the foundation of the relationship.\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("fields-of-a-partners-own-partnership-abroad-are-not-ours",
     "Nanjing signed a letter of intent to build sister city relationship with Semarang in Indonesia on October 23, "
     "2016.\nThe Sister City Agreement between Nanjing and York seeks to set up tourism and cultural partnership.\n",
     {("Semarang", "Nanjing", "letter_of_intent", "2016-10-23", "")}),
    ("the-province-a-city-lies-in-is-no-partner",
     "MEDAN, Oct. 12 (Xinhua) -- The city of Medan in Indonesia's North Sumatra province and Chengdu, capital of "
     "southwest China's Sichuan province, signed a friendship city agreement on Thursday.\n",
     {("Medan", "Chengdu", "", "", "")}),
    ("a-foreign-city-owns-its-list",
     "Darwin's sister cities are Ambon (Indonesia), Anchorage (USA), Haikou (China) and Kalymnos (Greece).\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("a-foreign-city-owns-its-list-in-indonesian",
     "Kota kembar Darwin antara lain Ambon, Anchorage, Haikou dan Kalymnos.\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("a-foreign-city-that-has-sister-cities-owns-the-list",
     "Darwin has six sister cities: Ambon (Indonesia, 1988), Anchorage (USA, 1982), Haikou (China, 1990) and "
     "Kalymnos (Greece, 1982).\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("a-foreign-city-that-has-sister-cities-owns-the-list-in-indonesian",
     "Kota Darwin memiliki enam kota kembar, yaitu Ambon (Indonesia), Anchorage (Amerika Serikat), Haikou (Tiongkok) "
     "dan Kalymnos (Yunani).\n",
     {("Ambon", "Darwin", "", "", "")}),
    ("the-province-after-a-foreign-subjects-partner-does-not-break-its-with-list",
     "Toowoomba signed a sister city agreement with Takatsuki (Japan) in 1991 and with Kupang, East Nusa Tenggara, "
     "in 2005.\n",
     {("Kupang", "Toowoomba", "", "", "")}),
    ("an-english-dateline-with-its-date-is-no-side",
     "KUALA LUMPUR, March 3 (Bernama) -- Melaka and Lampung have agreed to strengthen their sister state ties.\n",
     {("Lampung", "Melaka", "", "", "")}),
    ("an-australian-shire-and-a-regency-by-its-english-name",
     "The Shire of Broome and West Lombok Regency signed a memorandum of understanding on 5 May 2015.\n",
     {("Lombok Barat", "Broome", "memorandum_of_understanding", "2015-05-05", "")}),
    ("a-city-council-is-its-city",
     "The Brisbane City Council and Semarang signed a MoU.\n",
     {("Semarang", "Brisbane", "memorandum_of_understanding", "", "")}),
    ("an-instrument-between-the-two-cities-naming-one-of-them",
     "Posted on 14 March 2022\n\nThe Mayor welcomed a delegation from Kupang to Townsville City Council.\n\n"
     "The visit follows the signing of a Letter of Intent between the two cities in Kupang last November.\n",
     {("Kupang", "Townsville", "letter_of_intent", "2021-11", "")}),
    ("the-fields-of-a-read-also-link-are-not-the-pairs",
     "Kota Madiun telah menjalin kerja sama sister city dengan Kota Taiping, Malaysia, sejak 2019.\n\n"
     "Baca juga: Wali Kota Surabaya Kunjungi Busan, Bahas Kerja Sama Pelabuhan\n",
     {("Madiun", "Taiping", "", "", "")}),
    ("a-year-before-the-first-of-two-instruments-is-its-own",
     "The sister province cooperation between Central Java and Queensland was first agreed in 1991 through a Letter "
     "of Intent and formalised by a Memorandum of Understanding signed on 26 August 2007 in Brisbane.\n",
     {("Jawa Tengah", "Queensland", "letter_of_intent", "1991", ""),
      ("Jawa Tengah", "Queensland", "memorandum_of_understanding", "2007-08-26", "")}),
    ("a-foreign-citys-title-over-its-partners-one-a-line",
     "Suwon's Sister Cities\n- Bandung, Indonesia (since 1997)\n- Hai Duong, Vietnam (since 2004)\n"
     "- Jinan, China (since 1993)\n",
     {("Bandung", "Suwon", "", "", "")}),
    ("a-foreign-citys-title-over-its-partners-a-blank-line-apart",
     "Sister Cities and Friendship Cities of Hamamatsu City\n\n- Bandung (Republic of Indonesia)\n\n"
     "- Porto Alegre (Brazil)\n",
     {("Bandung", "Hamamatsu", "", "", "")}),
    ("spatial-planning-is-urban-planning",
     "Kota Bogor dan Kota Kisarazu menandatangani MoU sister city di bidang penataan ruang.\n",
     {("Bogor", "Kisarazu", "memorandum_of_understanding", "", "urban_planning")}),
    ("a-sidebar-of-other-stories-states-no-pair",
     "Wali Kota Tegal menerima kunjungan perwakilan Kota Ise, Jepang, untuk membahas kerja sama sister city.\n\n"
     "Berita Terkini\nWali Kota Hadiri Rakor Inflasi di Semarang\nDelegasi Kota Kaohsiung Kunjungi Tegal, Bahas Kerja "
     "Sama Perikanan\nFestival Bahari Tegal 2024 Resmi Dibuka\n",
     {("Tegal", "Ise", "", "", "")}),
    ("fields-after-boosting-cooperation-in",
     "The city of Bandung and Liuzhou city signed a sister city agreement to boost cooperation in trade, tourism and "
     "education.\n",
     {("Bandung", "Liuzhou", "", "", "education|tourism|trade")}),
    ("towns-of-some-size-after-with-in-a-sister-city-sentence",
     "Kota Salatiga memiliki sister city dengan Mungyeong (LoI 2011) dan Palmerston North (MoU 2014).\n",
     {("Salatiga", "Mungyeong", "letter_of_intent", "2011", ""),
      ("Salatiga", "Palmerston North", "memorandum_of_understanding", "2014", "")}),
    ("each-partner-followed-by-its-own-fields",
     "Kota Bandung menjalin sister city dengan Suwon dan Hamamatsu. Kerja sama dengan Suwon meliputi bidang pendidikan "
     "dan kebudayaan, sedangkan kerja sama dengan Hamamatsu difokuskan pada bidang industri.\n",
     {("Bandung", "Suwon", "", "", "culture|education"), ("Bandung", "Hamamatsu", "", "", "industry")}),
    ("a-campus-in-a-city-abroad-is-no-partner",
     "Kabag Kerjasama Pemkot Makassar mengatakan, sebelumnya sudah ada kerjasama dengan kampus di Melbourne tersebut.\n",
     set()),
    ("a-historic-city-council-is-its-city",
     "Letter of Intent between Pekanbaru City Government and Malacca Historic City Council on Sister City "
     "Cooperation, 2014.\n",
     {("Pekanbaru", "Malacca", "letter_of_intent", "2014", "")}),
    ("a-heading-of-fields-without-its-colon",
     "Areas of cooperation\n1. Education and human resource development\n2. Tourism promotion\n\n"
     "The MoU between Bogor and Kisarazu was signed in 2016.\n",
     {("Bogor", "Kisarazu", "memorandum_of_understanding", "2016", "education|human_resources|tourism")}),
    ("sentences-of-a-pair-alone-after-one-on-sister-cities",
     "Indonesia sudah memiliki empat program sister cities dengan Amerika Serikat. \"Jakarta berkota-kembar dengan "
     "Los Angeles, California. Surabaya dengan Seattle, Washington. Bandung dengan Forthworth, Texas. Dan Bogor "
     "dengan St. Louis, Missouri, \" tambahnya.\n",
     {("Jakarta", "Los Angeles", "", "", ""), ("Surabaya", "Seattle", "", "", ""), ("Bogor", "St. Louis", "", "", "")}),
    ("where-a-journey-went-on-from-is-no-partner",
     "Bupati Bogor Ade Yasin berkunjung ke Korea Selatan. Dari Kota Busan, Ade Yasin diagendakan bertolak ke "
     "Kabupaten Hamyang Gun, Korea Selatan untuk menjalin kerjasama (MoU) dalam bidang ekonomi.\n",
     {("Bogor", "Hamyang", "", "", "economy")}),
    ("a-dateline-with-a-numeric-date-is-no-side",
     "London, 9/6 (ANTARA) - Bandung menjadi tamu khusus pada Festival Braunschweig Internasional di Kota "
     "Braunschweig, mitra \"sister city\" Kota Bandung sejak 1960.\n",
     {("Bandung", "Braunschweig", "", "", "")}),
    ("the-instrument-a-text-aims-at-is-planned-the-former-one-undated",
     "Kerja sama Kota Denpasar dengan Kota Mossel Bay sudah berjalan. Memasuki tahun 2019, ditargetkan jalinan kerja "
     "sama yang semula bersifat Letter of Intent (LoI) menjadi Memorandum of Understanding (MoU).\n",
     {("Denpasar", "Mossel Bay", "letter_of_intent", "", ""), ("Denpasar", "Mossel Bay", "memorandum_of_understanding", "", "")}),
    ("a-partner-of-another-of-our-cities-is-not-taken-from-before",
     "Kota Bogor menjalin sister city dengan St. Louis sejak 2005. Cirebon juga ingin memiliki sister city.\n",
     {("Bogor", "St. Louis", "", "", "")}),
    ("a-city-in-a-country-names-no-partner",
     "Bogor menjalin sister city dengan St. Louis. Program kota kembar antara Kota Cirebon dengan kota di Amerika "
     "Serikat akan banyak menguntungkan.\n",
     {("Bogor", "St. Louis", "", "", "")}),
    ("a-diaspora-somewhere-is-no-partner",
     "Kami juga memiliki Tim Diaspora Indonesia di Texas, yang bekerja sama dengan kami di Cirebon untuk mewujudkan "
     "program sister cities ini.\n",
     set()),
    ("a-foreign-datelines-council-unnamed-is-its-city",
     "DAVAO CITY, Philippines – The City Council approved a resolution authorizing the mayor to enter into a sister "
     "city agreement with Manado, North Sulawesi, Indonesia.\n",
     {("Manado", "Davao", "", "", "")}),
    ("the-listed-provinces-instrument-signed-in-a-city-of-one-of-them",
     "Pemerintah Provinsi Jawa Barat menjalin kerja sama Sister Province dengan empat provinsi di Republik Rakyat "
     "Tiongkok yakni Guangxi Zhuang, Chongqing, Sichuan, dan Heilongjiang.\nGubernur Jawa Barat Ahmad Heryawan "
     "menandatangani nota kesepahaman kerjasama tersebut di Nanning, Provinsi Guangxi Zuang Jumat, 5 Mei 2017.\n",
     {("Jawa Barat", p, "memorandum_of_understanding", "2017-05-05", "")
      for p in ("Guangxi", "Chongqing", "Sichuan", "Heilongjiang")}),
    ("a-foreign-subject-with-our-city-after-a-with-of-its-own",
     "Geelong has sister city relationships with Izumiotsu (Japan) and Lianyungang (China), and a friendship "
     "agreement with Sukabumi in West Java, Indonesia, signed in 2017.\n",
     {("Sukabumi", "Geelong", "", "", "")}),
    ("the-relationship-formalised-is-the-one-before",
     "Since 2011, Geelong has enjoyed a close relationship with Sukabumi. The relationship was formalised through a "
     "sister city agreement in 2013.\n",
     {("Sukabumi", "Geelong", "", "", "")}),
    ("our-city-among-a-foreign-citys-items-with-country-and-year",
     "Our Sister Cities\nSeoul, Korea - 1976\nAmbon, Indonesia - 1988\nHaikou, China - 1990\n",
     set()),
    ("friendship-ties-are-a-cue",
     "Makassar and Lanzhou have had friendship ties since 2015.\n",
     {("Makassar", "Lanzhou", "", "", "")}),
    ("a-state-named-by-its-adjective",
     "The Western Australian Government and the East Java Provincial Government today renewed their sister state "
     "relationship.\n",
     {("Jawa Timur", "Western Australia", "", "", "")}),
    ("a-field-inside-a-name-with-its-acronym-is-no-field",
     "Medan and Penang signed a sister city agreement at the Asia Pacific Economic Cooperation (APEC) meeting.\n",
     {("Medan", "George Town", "", "", "")}),
    ("a-field-inside-a-chamber-of-commerce-is-no-field",
     "Under the sister city agreement of Medan and Penang, the Chamber of Commerce and Industry of both cities met.\n",
     {("Medan", "George Town", "", "", "")}),
    ("a-foreign-citys-own-page-on-our-sister-cities",
     "Townsville City Council\n\nTownsville is proud of its links abroad. Our sister cities bring visitors to "
     "Townsville every year.\n\nIwaki, Japan\n\nMakassar, Indonesia\n\nDelegations from Townsville travel there "
     "each year.\n",
     {("Makassar", "Townsville", "", "", "")}),
    ("our-regency-and-the-province-it-lies-in",
     "Pemerintah Kabupaten Lombok Utara, Provinsi Nusa Tenggara Barat dan Kota Gwangju menandatangani MoU.\n",
     {("Lombok Utara", "Gwangju", "memorandum_of_understanding", "", "")}),
    ("another-name-for-the-same-instrument-is-no-second-one",
     "Wali Kota Medan dan Wali Kota Gwangju menandatangani Letter of Intent (LoI) atau surat perjanjian kerja sama "
     "kota kembar pada 3 Maret 2015.\n",
     {("Medan", "Gwangju", "letter_of_intent", "2015-03-03", "")}),
    ("the-instrument-told-of-before-takes-no-date-of-another-event",
     "Kota Medan dan Kota Gwangju menandatangani LoI kota kembar pada 3 Maret 2015.\nLoI ini mewujudkan rencana "
     "yang dibicarakan pada Januari 2015 di Gwangju.\n",
     {("Medan", "Gwangju", "letter_of_intent", "2015-03-03", "")}),
    ("ports-named-for-their-cities-are-no-partners",
     "Pelabuhan Medan sudah mengekspor kopi, demikian juga Pelabuhan Gwangju, sehingga kerja sama perdagangan bisa "
     "dilakukan.\n",
     set()),
    ("the-two-cities-a-page-is-about",
     "Gwangju Metropolitan City\n\nSurabaya : a city in East Java\n\nSurabaya is the second largest city of Indonesia "
     "after Jakarta. Surabaya is known for its port.\n\nThe exchanges between two cities have grown since the "
     "establishment of the sisterhood relationship.\n\nThe Mayor of Gwangju visited in 1997.\n",
     {("Surabaya", "Gwangju", "", "", "")}),
    ("they-considered-sister-provinces-are-the-provinces-before",
     "Gyeonggi Province and East Java, Indonesia, both have busy industrial estates. They are thus considered "
     "\"sister provinces\" and support each other.\n",
     {("Jawa Timur", "Gyeonggi", "", "", "")}),
    ("a-news-agencys-bureau-is-no-partner",
     "Wali Kota Bandung dan Wali Kota Namur menandatangani MoU sister city. Wali Kota Bandung mengatakan kepada "
     "Antara London bahwa MoU kota kembar itu penting.\n",
     {("Bandung", "Namur", "memorandum_of_understanding", "", "")}),
    ("a-name-glued-to-dengan-by-a-lost-space",
     "Kota-kota yang menjalin hubungan kota kembar, misalnya:\nMedandengan Penang[3], Gwangju[4]\n"
     "Bandungdengan Suwon[5]\n",
     {("Medan", "George Town", "", "", ""), ("Medan", "Gwangju", "", "", ""), ("Bandung", "Suwon", "", "", "")}),
    ("an-agreement-between-two-places-abroad-is-none-of-the-home-citys",
     "Surabaya menjalin kota kembar dengan Seattle sejak 1992.\nDi Eropa, perjanjian kota kembar tertua dicatat "
     "antara Keighley dan Poix-du-Nord, Prancis pada tahun 1920.[7] Sesudah itu kota kembar makin banyak.\n",
     {("Surabaya", "Seattle", "", "", "")}),
    ("a-field-the-lexicon-lacks-does-not-end-the-list",
     "Nota kesepahaman Kota Bandung dan Kota Suwon mencakup sejumlah sektor. Yaitu perdagangan dan investasi, "
     "pendidikan, kesehatan dan obat-obatan, penanggulangan bencana alam, olahraga, serta "
     "lingkungan hidup.\n",
     {("Bandung", "Suwon", "memorandum_of_understanding", "",
       "education|environment|health|investment|trade|youth_sports")}),
]


@pytest.mark.parametrize("case,text,expected", CASES, ids=[c[0] for c in CASES])
def test_partnership_cases(tmp_path: Path, gazetteer_dir: Path, case: str, text: str, expected: set) -> None:
    out = _extract(tmp_path, gazetteer_dir, {f"{case}.txt": text})
    got = {(r["city_a"], r["city_b"], r["instrument"], r["signed"], r["sectors"]) for r in _rows(out)}
    assert got == expected


@pytest.mark.parametrize("text,pairs,places", [
    ("Yogyakarta menjalin sister province dengan Prefektur Kyoto sejak 1985.\n",
     [("ID-YO", "JP-26")], {("Yogyakarta", "city", ""), ("Yogyakarta", "region", "ID-YO"), ("Kyoto", "region", "JP-26")}),
    ("Perayaan 40 tahun hubungan sister province antara Kyoto dan Yogyakarta digelar pekan ini.\n",
     [("ID-YO", "JP-26")], {("Yogyakarta", "city", ""), ("Yogyakarta", "region", "ID-YO"), ("Kyoto", "region", "JP-26")}),
    # named with its unit, the city is the city: no province pair
    ("Kota Yogyakarta dan Provinsi Bagmati siap mengembangkan sister city.\n",
     [], {("Yogyakarta", "city", ""), ("Bagmati", "region", "NP-P3")}),
])
def test_a_city_named_like_its_province_beside_a_prefecture_is_the_province(
        tmp_path: Path, gazetteer_dir: Path, text: str, pairs: list, places: set) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"yogya.txt": text})
    assert [(r["iso3166_2_a"], r["iso3166_2_b"]) for r in _rows(out)] == pairs
    assert {(r["name"], r["level"], r["iso3166_2"]) for r in read_csv(out / "cities.csv")} == places


def test_a_province_that_is_one_city_keeps_one_sense_beside_a_province_of_ours(tmp_path: Path,
                                                                              gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"cq.txt": (
        "Pemerintah Provinsi Jawa Barat menjalin kerja sama Sister Province dengan Kota Metropolitan Chongqing.\n"
        "Chongqing memiliki sistem transportasi yang lengkap. Delegasi Chongqing datang ke Bandung.\n")})
    assert {(r["name"], r["level"], r["geonames_id"], r["iso3166_2"]) for r in read_csv(out / "cities.csv")} == {
        ("Jawa Barat", "region", "", "ID-JB"), ("Chongqing", "region", "", "CN-CQ"), ("Bandung", "city", "1650357", "")}
    assert [(r["iso3166_2_a"], r["iso3166_2_b"]) for r in _rows(out)] == [("ID-JB", "CN-CQ")]


def test_summary_tells_a_province_pair_from_a_city_pair(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"dua.txt": (
        "Provinsi Jawa Tengah dan Negara Bagian Queensland menjalin sister city sejak 1991.\n"
        "Kota Semarang dan Kota Brisbane juga menjalin sister city sejak 1993.\n")})
    result = runner.invoke(app, ["summary", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()[1:]
    assert sorted(line.strip() for line in lines) == [
        "Jawa Tengah (ID-JT) - Queensland (AU-QLD)  sister_province",
        "Semarang (ID) - Brisbane (AU)  sister_city",
    ]


def test_an_instrument_signed_already_is_not_planned(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"lanjut.txt": (
        "Kota Medan dan Kota Gwangju akan menindaklanjuti MoU yang telah ditandatangani pada 3 Mei 2019.\n")})
    assert [(r["instrument"], r["signed"], r["status"]) for r in _rows(out)] == [
        ("memorandum_of_understanding", "2019-05-03", "")]


@pytest.mark.parametrize("text", [
    "Kota Medan dan Kota Gwangju sepakat bahwa MoU akan ditandatangani bulan depan.\n",
    "Wali Kota Medan berharap kerja sama dengan Kota Gwangju berlanjut dengan penandatangan MoU.\n",
    "Bandung and Suwon plan to sign their MoU next year.\n",
    "Kota Medan dan Kota Gwangju menjajaki sister city. Rencananya, MoU itu akan ditandatangani Oktober mendatang.\n",
    "Kota Medan dan Kota Gwangju sepakat bahwa memorandum of understanding akan ditandatangani bulan depan.\n",
    "Kota Medan dan Kota Gwangju bertukar surat sebagai langkah awal menuju sebuah MoU kota kembar.\n",
    "Kota Medan dan Kota Gwangju memperpanjang kerja sama; penandatanganan MoU direncanakan berlangsung 20 November.\n",
], ids=["will-be-signed", "hoped-for-signing", "plan-to-sign-their", "inside-the-plan", "long-name-before-the-verb",
        "a-first-step-towards-it", "the-signing-named-before-its-plan"])
def test_a_foreseen_instrument_is_marked_planned(tmp_path: Path, gazetteer_dir: Path, text: str) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"rencana.txt": text})
    assert [(r["instrument"], r["signed"], r["status"]) for r in _rows(out)] == [("memorandum_of_understanding", "", "planned")]


@pytest.mark.parametrize("name,code", [
    ("Memorandum of Agreement", "cooperation_agreement"),
    ("Agreement of Cooperation", "cooperation_agreement"),
    ("Memorandum of Cooperation", "memorandum_of_understanding"),
    ("Letter of Intention", "letter_of_intent"),
    ("Memorandum", "memorandum_of_understanding"),
    ("Naskah Kesepahaman", "memorandum_of_understanding"),
    ("Piagam Kerja Sama", "cooperation_agreement"),
    ("Pernyataan Kehendak Bersama", "letter_of_intent"),
    ("Persetujuan Kerja Sama", "cooperation_agreement"),
    ("Piagam Kerjasama", "cooperation_agreement"),
])
def test_an_instrument_by_each_of_its_names(tmp_path: Path, gazetteer_dir: Path, name: str, code: str) -> None:
    text = f"Pada 5 Mei 2015, Kota Bogor dan Kota Kisarazu menandatangani {name} kerja sama sister city.\n"
    out = _extract(tmp_path, gazetteer_dir, {"names.txt": text})
    assert {(r["instrument"], r["signed"]) for r in _rows(out)} == {(code, "2015-05-05")}


def test_the_instrument_a_text_aims_at_is_marked_planned(tmp_path: Path, gazetteer_dir: Path) -> None:
    text = ("Kerja sama Kota Denpasar dengan Kota Mossel Bay sudah berjalan. Memasuki tahun 2019, ditargetkan jalinan "
            "kerja sama yang semula bersifat Letter of Intent (LoI) menjadi Memorandum of Understanding (MoU).\n")
    out = _extract(tmp_path, gazetteer_dir, {"target.txt": text})
    assert {(r["instrument"], r["status"]) for r in _rows(out)} == {
        ("letter_of_intent", ""), ("memorandum_of_understanding", "planned")}


@pytest.mark.parametrize("text,signed", [
    ('Kota Medan dan Kota Gwangju menandatangani MoU sister city," kata Wali Kota Medan, 3 Mei 2019.\n', ""),
    ('"Kami sudah menandatangani MoU dengan Kota Gwangju," kata Wali Kota Medan usai penandatanganan MoU dengan '
     'Kota Gwangju, 3 Mei 2019.\n', "2019-05-03"),
    ('"Dulu sudah ada tanda tangan MoU Kota Medan dengan Kota Gwangju," ucap Wali Kota Medan, Senin (3/5/2019).\n',
     ""),
], ids=["the-day-the-mayor-spoke", "spoke-right-after-the-signing", "ucap"])
def test_the_day_a_speaker_spoke_is_no_signing_date(tmp_path: Path, gazetteer_dir: Path, text: str, signed: str) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"kata.txt": text})
    assert [(r["instrument"], r["signed"]) for r in _rows(out)] == [("memorandum_of_understanding", signed)]


def test_where_a_forum_met_is_no_partner(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"forum.txt": (
        "Gubernur Jawa Barat menghadiri forum kerja sama daerah di Seoul bersama para gubernur dari Tiongkok.\n")})
    assert _pairs(out) == set()


def test_one_of_the_fields_named_after_the_fields_are_announced(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"salah-satunya.txt": (
        "Kota Medan dan Kota Ichikawa menandatangani LoI kerja sama sister city. Kedua kota menyepakati tiga bidang yang "
        "akan dikerjasamakan. Salah satunya pengembangan sumber daya manusia.\n")})
    assert [r["sectors"] for r in _rows(out)] == ["human_resources"]


def test_a_persons_title_with_its_period_does_not_end_the_sentence(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"gelar.txt": (
        "Gubernur Sumatera Barat bersama Mr. Park Governor of Jeollabuk-do Province menandatangani Letter of Intent "
        "(LoI) di Padang.\n")})
    assert [(r["city_a"], r["city_b"], r["instrument"]) for r in read_csv(out / "agreements.csv")] == [
        ("Sumatera Barat", "Jeollabuk", "letter_of_intent")]


@pytest.mark.parametrize("text,places", [
    ("Gubernur Sumatera Barat bersama Mr. Kim Kwan-Young Governor of Jeollabuk-do Province membahas pertanian.\n",
     ["Jeollabuk", "Sumatera Barat"]),
    ("Kerja sama sister city antara Magelang City-Tula City dianalisis dalam artikel ini.\n", ["Magelang", "Tula"]),
], ids=["second-half-of-a-given-name", "second-city-of-a-pair"])
def test_the_second_half_of_a_hyphenated_given_name_is_no_place(tmp_path: Path, gazetteer_dir: Path, text: str,
                                                                 places: list[str]) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"nama.txt": text})
    assert sorted(r["name"] for r in read_csv(out / "cities.csv")) == places


@pytest.mark.parametrize("text,pairs", [
    ("Kota Medan, katanya, memiliki kota kembar Ichikawa.\n", [("Medan", "Ichikawa")]),
    ("Kota Medan, kata dia, memiliki kota kembar Ichikawa.\n", [("Medan", "Ichikawa")]),
    # a closing attribution still ends what the sentence says of the pairs
    ('"Kami menjalin kerja sama sister city," kata Wali Kota Medan kepada wartawan di Ichikawa.\n', []),
], ids=["aside-katanya", "aside-kata-dia", "closing-attribution"])
def test_a_speakers_aside_inside_the_sentence_does_not_end_it(tmp_path: Path, gazetteer_dir: Path, text: str,
                                                              pairs: list) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"sela.txt": text})
    assert sorted(_pairs(out)) == pairs


@pytest.mark.parametrize("text,pairs", [
    ("CHENGDU-West Java Governor said the signing of the MoU with the four provinces in China is not just a visit.\n",
     set()),
    ("JAKARTA, contohberita.id: Anggota DPR menggagas kerja sama sister city Kalimantan Tengah dan Northern Territory, "
     "dengan ibu kotanya Darwin.\n", {("Kalimantan Tengah", "Northern Territory")}),
    ("Bandung Seeks Partnership with Samarkand\nTashkent, Uzbekistan (UzDaily.com) — Bandung is seeking a sister city "
     "partnership with Samarkand.\n", {("Bandung", "Samarkand")}),
], ids=["capitals-glued-to-its-dash", "news-site-and-a-colon", "a-news-site-in-brackets-after-the-country"])
def test_a_dateline_is_no_partner(tmp_path: Path, gazetteer_dir: Path, text: str, pairs: set) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"dateline.txt": text})
    assert _pairs(out) == pairs


def test_an_instrument_a_meeting_follows_up_takes_no_date_from_the_meeting(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"tindak-lanjut.txt": (
        "Rombongan Pemkot Makassar berkunjung ke Singapura, Selasa (6/12/2016).\n"
        "Pertemuan ini adalah dalam rangka menindaklanjuti MoU Pemerintah Kota Makassar dengan Singapura.\n")})
    assert [(r["instrument"], r["signed"]) for r in read_csv(out / "agreements.csv")] == [
        ("memorandum_of_understanding", "")]


@pytest.mark.parametrize("text", [
    "Pemprov Jawa Barat menjalin sister province dengan empat provinsi di China. Keempat provinsi tersebut adalah "
    "Chongqing, Guangxi, Heilongjiang dan Sichuan.\n",
    "West Java has established sister province relationships with four China's provinces. The four China's provinces "
    "are Chongqing, Guanxi Zhuang, Heilongjiang and Sichuan.\n",
], ids=["keempat-provinsi-tersebut-adalah", "the-four-chinas-provinces-are"])
def test_the_partners_counted_in_one_sentence_and_listed_in_the_next(tmp_path: Path, gazetteer_dir: Path,
                                                                      text: str) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"empat.txt": text})
    assert sorted(_pairs(out)) == [("Jawa Barat", "Chongqing"), ("Jawa Barat", "Guangxi"),
                                   ("Jawa Barat", "Heilongjiang"), ("Jawa Barat", "Sichuan")]


@pytest.mark.parametrize("text", [
    "Kabupaten Garut carries out foreign relations with Damyang-gun, South Korea, under national law.\n",
    "Skripsi ini membahas hubungan luar negeri Kabupaten Garut dengan Damyang-gun, Korea Selatan.\n",
], ids=["foreign-relations", "hubungan-luar-negeri"])
def test_foreign_relations_of_a_local_government_are_its_cooperation(tmp_path: Path, gazetteer_dir: Path,
                                                                      text: str) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"hubungan.txt": text})
    assert [(r["city_b"], r["relationship"]) for r in read_csv(out / "agreements.csv")] == [("Damyang", "cooperation")]


def test_an_undated_signing_takes_the_day_of_the_agreeing_told_elsewhere(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"kesepakatan.txt": (
        "Wali Kota Malang dan Wali Kota Tsukuba sepakat menjalin kerja sama melalui penandatanganan Letter of Intent "
        "yang dilaksanakan di Tokyo.\n"
        "Kerja sama meliputi pendidikan dan pertanian, kata Sutiaji dalam kesepakatan Rabu (9/11/2022).\n")})
    assert [(r["city_b"], r["instrument"], r["signed"]) for r in read_csv(out / "agreements.csv")] == [
        ("Tsukuba", "letter_of_intent", "2022-11-09")]


@pytest.mark.parametrize("text", [
    "Perth and Jakarta are sister cities.\nThe signing of the Perth-Kagoshima agreement of cooperation in 1974 marked "
    "Perth's first tie.\n",
    "Perth and Jakarta are sister cities. Perth is on the Swan River. Perth has a port. Perth is the capital of Western "
    "Australia.\nThe cooperation agreement was signed in 1974 during the visit of Kagoshima's mayor to Perth.\n",
], ids=["two-places-abroad-joined-by-a-dash", "the-pages-own-city-and-one-abroad"])
def test_an_instrument_between_two_places_abroad_is_not_our_citys(tmp_path: Path, gazetteer_dir: Path, text: str) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"perth.txt": text})
    assert _pairs(out) == {("Jakarta", "Perth")}


@pytest.mark.parametrize("text,pairs", [
    ("Students are visiting two of Perth's five sister cities including Bandung, Indonesia and Kagoshima, Japan.\n",
     {("Bandung", "Perth")}),
    ("Penang has close links with its sister city Medan, and is the oldest trading port in the region after "
     "Rotterdam.\n", {("Medan", "George Town")}),
], ids=["a-city-abroad-owning-a-list-with-including", "the-city-a-port-ranks-after"])
def test_no_pair_with_a_list_owners_fellow_items_or_a_ranking(tmp_path: Path, gazetteer_dir: Path, text: str,
                                                              pairs: set) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"owner.txt": text})
    assert _pairs(out) == pairs


def test_an_item_of_a_list_of_a_city_abroad_partners_the_list_owner_only(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"melaka.txt": (
        "Melaka has the following twin cities and friendship cities:\n"
        "1. Valparaiso, Chile - 2004\n"
        "2. Sawahlunto, Indonesia - 2004 (Friendship City)\n"
        "3. Lisbon, Portugal - 2005\n"
        "4. Hoorn, Netherlands - 2006\n")})
    assert _pairs(out) == {("Sawahlunto", "Malacca")}


def test_the_day_of_a_press_statement_is_no_signing_date(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"keterangan.txt": (
        "“Medan dan Ichikawa harus segera melaksanakan implementasi Nota Kesepahaman sister city tersebut,” demikian "
        "keterangan tertulis Pemkot Medan, Rabu (15/9/2021).\n")})
    assert [(r["instrument"], r["signed"]) for r in read_csv(out / "agreements.csv")] == [
        ("memorandum_of_understanding", "")]


def test_a_hope_for_a_signing_is_no_signing(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"hope.txt": (
        "The mayor expressed hope for the signing of a cooperation agreement between Bandung and Samarkand, he said on "
        "February 14, 2026.\n")})
    assert [(r["instrument"], r["signed"], r["status"]) for r in read_csv(out / "agreements.csv")] == [
        ("cooperation_agreement", "", "planned")]


def test_our_city_among_the_partners_of_a_city_abroad_partners_that_city_only(tmp_path: Path,
                                                                              gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"tokyo.txt": (
        "Tokyo sister cities. Tokyo has sister city ties with cities abroad. Tokyo welcomes them.\n"
        "New York (USA) 1960, Beijing (China) 1979, Paris (France) 1982, Jakarta (Indonesia) 1989, Seoul (Korea) "
        "1988 are the sister cities of Tokyo.\n")})
    assert _pairs(out) == {("Jakarta", "Tokyo")}


def test_our_city_saying_what_it_does_after_partners_abroad_is_no_list_item(tmp_path: Path, gazetteer_dir: Path) -> None:
    out = _extract(tmp_path, gazetteer_dir, {"selain.txt": (
        "Selain Braunschweig dan Suwon, Bandung juga tercatat sebagai kota kembar Fort Worth di negara bagian Texas, "
        "Amerika Serikat.\n")})
    assert ("Bandung", "Fort Worth") in _pairs(out)
