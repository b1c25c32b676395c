"""Who partners with whom: pair places, attach instruments, dates and sectors, per document and corpus-wide."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.types import IngestedDoc, Mention, place_key

PLACE_TYPES = ("CITY", "REGION")
# Provinces that are one city (DKI Jakarta, Tokyo-to, Seoul, Busan, Beijing, Berlin...): "Gubernur DKI Jakarta",
# "Gubernur Tokyo" name the city, linked by its GeoNames id; it pairs with a city or a province alike
# ("Pemprov DKI dengan Provinsi Gyeonggi")
CITY_PROVINCES = {
    "ID-JK": 1642911, "JP-13": 1850147, "KR-11": 1835848, "KR-26": 1838524, "KR-27": 1835329, "KR-28": 1843564,
    "KR-29": 1841811, "KR-30": 1835235, "KR-31": 1833747, "CN-BJ": 1816670, "CN-SH": 1796236, "CN-TJ": 1792947,
    "CN-CQ": 1814906, "RU-MOW": 524901, "RU-SPE": 498817, "DE-BE": 2950159, "DE-HH": 2911298, "AT-9": 2761369,
    "VN-HN": 1581130, "VN-SG": 1566083, "TH-10": 1609350, "MY-14": 1735161, "TW-NWT": 12908892, "TW-TPE": 1668341,
    "TW-TXG": 1668399, "TW-KHH": 1673820, "TW-TNN": 1668355, "TW-TAO": 6696918,
}
CITY_STATES = frozenset({1880252, 2993458, 6691831})  # Singapore, Monaco, Vatican City: also their countries
# cities named like their province, and that province's code and name
PROVINCE_NAMESAKES = {"Yogyakarta": ("ID-YO", "Yogyakarta"), "Bengkulu": ("ID-BE", "Bengkulu"),
                      "Jambi": ("ID-JA", "Jambi"), "Gorontalo": ("ID-GO", "Gorontalo")}
NAMESAKE_METHOD = "+province_namesake"
DISTRICT_BEFORE = re.compile(r"\b(distrik|district|kecamatan|county|gun)\s+$", re.I)
CITY_PROVINCE_IDS = frozenset(CITY_PROVINCES.values())  # Jakarta pairs with a city or a province alike
SIGNING = re.compile(
    r"\b(ditandatangani|menandatangani|penandatanganan|penandatangan|tandatangan|diteken|meneken|teken|"
    r"menerbitkan|diterbitkan|membuat|stated in|tercantum|berdasarkan|atas dasar|based on|menggunakan|"
    r"disepakati|menyepakati|signed|signing|sign)\b",
    re.I,
)
# "Beijing (ANTARA News) - ...", "SURABAYA - ...", "Surabaya, IDN Times - ...", "JAKARTA, KOMPAS.com -- ...": where a
# news item was filed, at the start of a line; its date may follow ("KUALA LUMPUR, March 3 (Bernama) -- ...",
# "Surabaya, 12 Maret 2020 - ...")
DATELINE_PLACE = re.compile(r"[ \t]*(,[ \t]*[A-Z0-9][\w./]*,?([ \t]+[A-Z0-9][\w./]*,?){0,3}[ \t]*)?(\([^)\n]{0,40}\))?"
                            # ("JAKARTA, TIMEX-Chief Minister ...": the paper's name in capitals, its dash and no space)
                            r"[ \t]*([-–—]+\s|(?<=[A-Z]{3})[-–—](?=[A-Z]))")
# ... and a news agency's dateline wherever the page put it: "date 2017-08 London (ANTARA News) - Wali Kota ..."
SITE_AFTER = re.compile(r",[ \t]*[A-Za-z][\w-]*(\.[A-Za-z]{2,4})+[ \t]*:\s")
SITE_BEFORE = re.compile(r"(?:^|\s)[A-Za-z][\w-]*(?:\.[A-Za-z]{2,4})+[ \t]*,[ \t]*\Z")  # "TEMPO.CO, ", "Liputan6.com, "
AGENCY_DATELINE = re.compile(r"\s*\((ANTARA|Antara|Antaranews|AFP|Reuters|AP|Xinhua|Bernama|Kyodo|Yonhap)\b[^)\n]{0,20}\)"
                             r"\s*[-–—]\s")
# "Tashkent, Uzbekistan (UzDaily.com) — ...": a news site's name in brackets after the place, wherever the line begins
SITE_DATELINE = re.compile(r"([ \t]*,[ \t]*[A-Z][\w-]*([ \t]+[A-Z][\w-]*){0,2})?[ \t]*\([ \t]*[A-Za-z][\w-]*(\.[A-Za-z]{2,4})+"
                           r"[ \t]*\)[ \t]*[-–—]+\s")
# ("The Mayor of Bogor, Bima Arya, said the partnership with ...": what is said follows, it is no attribution)
ATTRIBUTION = re.compile(r"[,\"”]\s*(kata|ujar|ucap|tutur|ungkap|jelas|papar|imbuh|tambah|terang|tegas|sebut|pungkas|tandas|"
                         # '..., demikian keterangan tertulis KBRI Bangkok, Rabu (15/9)': the day of a press statement
                         r"demikian\s+(keterangan|pernyataan|siaran|rilis)|"
                         r"said|says)(nya)?\b"
                         r"(?!\s+(that|the|a|an|this|these|its|his|her|their|bahwa)\b)", re.I)
# "Kota Medan, katanya, memiliki kota kembar Ichikawa": a speaker's aside inside the sentence, which goes on after it
ASIDE_AFTER = re.compile(r"(\s+(dia|ia|beliau))?,\s+[a-z]")


def _attribution(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first attribution in text[lo:hi] ('"...," kata Wali Kota'), not an aside (", katanya, memiliki ...")."""
    for said in ATTRIBUTION.finditer(text, lo, hi):
        if not (said.group(0).startswith(",") and ASIDE_AFTER.match(text, said.end(), hi)):
            return said
    return None
# a sector word in the title of a law ("UU Nomor 32 Tahun 2004 tentang Pemerintahan Daerah") is no field
LAW_TITLE = re.compile(r"\b(undang-undang|uu|peraturan|permendagri|perda|perpres|keputusan|law)\b[^.;]{0,70}"
                       r"\b(tentang|on)\s+[^.;]{0,40}$", re.I)
PLANNED = re.compile(r"\b(akan|direncanakan|rencananya|berencana|merencanakan|rencana|segera|dijadwalkan|bakal|hendak|"
                     r"ingin|siap|sepakat untuk|bersepakat untuk|setuju untuk)\b"
                     r"[^.;]{0,40}\b(ditandatangani|menandatangani|diteken|meneken|penandatanganan|penandatangan|disepakati|"
                     r"dirumuskan|disusun)\b|"
                     # "berharap jalinan komitmen awal ini berlanjut dengan penandatangan MOU": a hope is no signing
                     r"\b(berharap|diharapkan|mengharapkan|harapannya)\b[^.;]{0,60}\b(penandatanganan|penandatangan|"
                     r"ditandatangani|menandatangani)\b|"
                     r"\b(hope|hopes|hoped|hoping)\s+(for|to|that)\b[^.;]{0,40}\b(signing|sign|signed)(\s+of\s+(a|an|the))?\b|"
                     r"\b(will|plans? to|planned to|is to|are to|expected to|agreed to|agree to|intends? to)\s+(be\s+)?sign(ed)?\b|"
                     r"\bto be signed\b|"
                     # "penandatanganan MoU direncanakan berlangsung 20 November": the signing named first, then its plan
                     r"\b(penandatanganan|penandatangan)\b[^.;]{0,40}?\b(direncanakan|dijadwalkan|rencananya|"
                     r"akan\s+(dilakukan|dilaksanakan|digelar|berlangsung))\b", re.I)
# a local government named by its office only, in English ("The City Council approved ...")
COUNCIL_UNNAMED = re.compile(r"\b(the|its)\s+(city council|city government|city hall|municipal council|mayor|"
                             r"sangguniang panlungsod)\b", re.I)
# a partner named by its country only ("dengan kota di Amerika Serikat")
UNNAMED_PARTNER = re.compile(r"\b(dengan|with)\s+(sebuah\s+|salah satu\s+|a\s+|one\s+)?(kota|city|provinsi|province)\s+"
                             r"(di|in)\s+", re.I)
# what an instrument was before ("yang semula bersifat LoI")
FORMERLY = re.compile(r"\b(semula|sebelumnya|awalnya|mulanya|formerly|previously)\s+(hanya\s+)?(bersifat|berupa|berbentuk|"
                      r"berstatus|a|an|in the form of)?\s*\Z", re.I)
# what a text aims an instrument to become ("ditargetkan ... menjadi MoU")
# ... or what a first step leads to ("MoU sebagai langkah awal dalam membuat perjanjian kerjasama", "a first step
# towards a sister city agreement")
TARGET_BECOMES = re.compile(r"\b(ditargetkan|menargetkan|targetkan|targetnya|is targeted|aims?)\b[^.;]{0,100}?"
                            r"\b(menjadi|ditingkatkan menjadi|into|to become)\s+\Z|"
                            r"\b(langkah awal|tahap awal|cikal bakal|first step|initial step)\b[^.;]{0,40}?"
                            r"\b(untuk|dalam|menuju|toward|towards|to)\s+((membuat|menyusun|pembuatan|penyusunan|"
                            r"penandatanganan|making|signing)\s+)?(sebuah\s+|an?\s+|the\s+)?\Z", re.I)
THESE_PARTNERSHIPS = re.compile(r"\b(kerja ?sama|sister city|sister cities|kota kembar|hubungan)\W{0,3}\s*(tersebut|itu|ini)\b|"
                                r"\b(these|those) (partnerships|relationships|sister cit(y|ies))\b", re.I)
# "lima bidang kerja sama yang disepakati", "areas of cooperation": the fields of the partnership itself
COOP_FIELDS = re.compile(r"\b(bidang|sektor|ruang lingkup)\s+kerja ?sama\b|\bkerja ?sama\s+(di|dalam)\s+bidang\b|"
                         r"\b(areas?|fields?|sectors?|scope) of (the )?(cooperation|collaboration|partnership)\b", re.I)
# ("to boost cooperation in trade": the cooperation's field, not a goal)
GOAL = re.compile(r"\b(memajukan|membangkitkan|menggerakkan|menumbuhkan|mendongkrak|boost|boosting|advance|advancing|"
                  r"pemulihan|memulihkan|recovery)(\s+(?!(?:kerja ?sama|cooperation|collaboration|ties)\b)[\w-]+){0,2}"
                  r"\s+$", re.I)
# "akibat kesamaan latar belakang budaya antara kedua daerah": why the partners were paired, not a field
SIMILARITY = re.compile(r"\b(kesamaan|persamaan|kemiripan|kedekatan|similarit(y|ies)|shared)\b[^.;,]{0,30}$", re.I)
# a sentence on sister cities in general, not on these partners: "Sister city adalah suatu program kerja sama ...",
# "Hubungan kerja sama ini biasanya berguna untuk ..."; its fields are no sector of the pair
GENERAL = re.compile(r"\b(biasanya|pada umumnya|lazimnya|biasa\s+(dilakukan|dijalin|dikerjasamakan|ditempuh)|"
                     r"kota-kota yang|tujuan dari adanya|"
                     r"(merupakan|adalah|ialah)\s+(suatu\s+|sebuah\s+)?(konsep|program|bentuk|istilah)|"
                     r"usually|generally|typically|in general|(is|are)\s+an?\s+(concept|programme|program|form)|"
                     r"traditionally|secara tradisional|paradiplomacy is|paradiplomasi (adalah|merupakan|dianggap)|"
                     # "Indonesia berharap kedua negara dapat meningkatkan hubungan ...": the two countries' ties
                     r"kedua negara|both countries|the two countries)\b", re.I)
# a thesis's declaration or title page: "diajukan untuk mendapat gelar Akademik ... perguruan tinggi lain"
DEGREE = re.compile(r"\b((memperoleh|mendapat|mendapatkan|meraih)\s+gelar|gelar\s+(sarjana|akademik|magister)|"
                    r"in partial fulfil+ment|degree of)\b", re.I)
# "ASEAN Economic Community", "Korea Trade-Investment Promotion Agency": a field word inside an institution's name
# ... or a name with its acronym after it: "Asia Pacific Economic Cooperation (APEC)" (not a field's own acronym:
# "Sumber Daya Manusia (SDM)")
ORG_HEAD_AFTER = re.compile(r"([ \t]+[A-Z][\w-]*){0,4}[ \t]+(Community|Institute|Agency|Association|Council|Forum|"
                            r"Organi[sz]ation|Cent(er|re)|Corporation|Committee|Foundation|Authority|Board|Commission|"
                            r"Bank|Fund|Expo|Festival|Chamber)\b|([ \t]+[A-Z][\w-]*){1,4}[ \t]*\([A-Z]{2,}\)")
# "kerja sama antara Bali dengan pemerintahan Osaki", "di tingkat pemerintahan": a government, not governance
GOVERNMENT = re.compile(r"(?i:pemerintahan)(?=\s+([A-Z]|(?i:kota|provinsi|kabupaten)\b))")  # "Pemerintahan kota Medan"
GOVERNMENT_LEVEL = re.compile(r"\b(tingkat|level)\s+$", re.I)
B2B = re.compile(r"\s*(to|ke)\s+(bisnis|business)\b", re.I)
B2B_BEFORE = re.compile(r"\b(bisnis|business)\s+(to|ke)\s+$", re.I)
# a signing already done between an instrument and a verb of signing
DONE = re.compile(r"\b(telah|sudah|pernah|sempat|was|were|been)\b", re.I)
EXISTING = re.compile(r"\b(yang (sudah|telah) ada|yang ada sebelumnya|existing|the previous)\b", re.I)
# "Pertemuan ini dalam rangka menindaklanjuti MoU ...": the instrument a meeting follows up was signed before it
FOLLOWED_UP = re.compile(r"\b(menindaklanjuti|tindak\s+lanjut(\s+(dari|atas))?|follow(ing|s)?[- ]up(\s+(on|to|of))?)\s+"
                         r"([\w-]+\s+){0,2}(mou|loi|nota|memorandum|letter|perjanjian|kesepakatan|naskah|piagam|"
                         r"agreement)\b", re.I)
# "MoU dengan empat provinsi": a count of partners the next sentence lists; "keempat provinsi tersebut": them again
_NUMBER = r"(dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_UNIT = r"(kota|provinsi|daerah|prefektur|negara bagian|cities|provinces|prefectures|states)"
_OWNER = r"((?-i:[A-Z])[\w'’]*\s+){0,2}"  # "four China's provinces", "two Japanese cities"
COUNTED = re.compile(rf"\b(dengan|with|bersama)\s+{_NUMBER}\s+{_OWNER}{_UNIT}\b", re.I)
COUNTED_BACK = re.compile(rf"\b(ke)?{_NUMBER}\s+{_UNIT}\s+(tersebut|itu|ini)\b|\b(these|those|the)\s+{_NUMBER}\s+{_OWNER}{_UNIT}\b",
                          re.I)
# "Ke tiga kota di mancanegara itulah ...", "Ketiga kota tersebut", "These three cities": the places just counted
COUNTED_BEFORE = re.compile(rf"\b(ke ?)?{_NUMBER}\s+{_UNIT}\b[^.;]{{0,30}}?\b(tersebut|itu|itulah|ini|inilah)\b|"
                            rf"\b(these|those|the)\s+{_NUMBER}\s+{_OWNER}{_UNIT}\b", re.I)
# "Di antaranya kesenian, kebudayaan, ...": a sentence that goes on with the list of the one before
# ... also after the things it lists: "Kota-kota tersebut antara lain ...", "Kota mitra itu adalah ..."
_LISTED_THESE = (rf"(?:(?:ke ?{_NUMBER}\s+)?(?:kota-kota|kota|mitra|negara-negara|daerah-daerah|provinsi-provinsi|"
                 r"provinsi|prefektur)"
                 r"(?:\s+(?:mitra|kembar|sahabat|bersaudara))?\s+(?:tersebut|itu|ini)\s+)")
# "The four China's provinces are Chongqing, ...": the English count of the partners, then the list
_LISTED_THESE_EN = rf"(?:the|these)\s+(?:{_NUMBER}\s+)?{_OWNER}(?:cities|provinces|prefectures|states|partners)\s+(?:are|include)\b"
LIST_GOES_ON = re.compile(rf"\W*(?:{_LISTED_THESE}(?:adalah|ialah)\b|{_LISTED_THESE_EN}|{_LISTED_THESE}?(?:di ?antaranya|antara lain|yaitu|"
                          r"yakni|seperti|misalnya|contohnya|meliputi|termasuk|including|such as|namely|for example)\b)",
                          re.I)
# "belum didasarkan atas MoU": an instrument said not to exist (yet)
NOT_YET = re.compile(r"\b(belum|tidak|bukan|tanpa|not yet|without|no)\b[^.;,]{0,40}\Z", re.I)
AGREED = re.compile(r"\b(penandatanganan|ditandatangani|diteken|disepakati|menyepakati|signed|agreed)\b", re.I)
SIGNING_NOUN = re.compile(r"\b(penandatanganan|penandatangan|ditandatangani|diteken|signing|signed)\b", re.I)
# "..., ungkap Bima, dalam kesepakatan Jumat (18/11)": the day of the agreeing is a dated signing too
DATED_SIGNING = re.compile(rf"{SIGNING_NOUN.pattern}|\b(dalam|pada|saat|usai|setelah)\s+kesepakatan\b", re.I)
# "... menandatangani MoU. Acara tersebut berlangsung pada 12 Januari 2012": the signing, told on
THE_CEREMONY = re.compile(r"(acara|kegiatan|prosesi|seremoni|upacara)\s+(tersebut|itu|ini)\b|"
                          r"(the|this)\s+(ceremony|event|signing)\b", re.I)
# "dalam pertemuan tersebut", "on that occasion": the sentence's event is the one told just before
BACK_SENTENCES = 8
BACK_REFERENCE = re.compile(r"\b((pertemuan|acara|kunjungan|kesempatan|rangkaian|momen|agenda|rapat)\s+"
                            r"(tersebut|itu|ini)|(this|that|the)\s+(meeting|visit|ceremony|occasion|event|relationship)|"
                            # "Pada kesempatan kunjungan Gubernur Provinsi Jeollanamdo tersebut"
                            r"(pertemuan|acara|kunjungan|kesempatan|rangkaian|agenda|rapat)(\s+[\w-]+){1,5}?\s+tersebut)\b",
                            re.I)
FAILED = re.compile(r"\b(gagal|kegagalan|failed|failure)\b", re.I)
# Words that tie a sector to the partners' cooperation rather than to one city's economy.
COOP_WORDS = re.compile(
    r"\b(sepakat|bersepakat|disepakati|kesepakatan|kedua kota|kedua belah pihak|kedua pihak|keduanya|kedua daerah|"
    r"berkomitmen|committed|"
    r"agreed|agree|both cities|the two cities|program|programs|pertukaran|exchange|"
    r"kerja ?sama (?:itu|ini|tersebut)|the (?:agreement|cooperation|relationship|partnership))\b",
    re.I,
)
FIELD_MARKER = re.compile(r"\b(bidang|bidnag|sektor|aspek|dalam hal|meliputi|mencakup|termasuk|antara lain|di ?antaranya|"
                          r"yakni|yaitu|seperti halnya|ruang lingkup|salah satunya|fields?|sectors?|areas?|including|such as|cover|covers|"
                          r"covering|one of them is)\b[^.;:]{0,80}$", re.I)
# "para pelajar", "para petani": the students, the farmers (people), not the field
PEOPLE_OF = re.compile(r"\bpara[ \t]+\Z", re.I)
# "kedua kota", "both cities": a sentence naming no place still speaks of the pair in context.
ANAPHOR = re.compile(r"\b(kedua kota|kedua daerah|kedua provinsi|kedua belah pihak|kedua pihak|keduanya|"
                     r"both cities|both sides|both parties|both regions|the two cities|the two provinces|"
                     r"the two regions|the two governments|both governments|those areas|these areas|those fields|both provinces|"
                     r"these fields)\b", re.I)
POSSESSIVE = re.compile(r"\s+(their|its|the|kedua|tersebut)\s+", re.I)  # "renew their MoU"
# the two places of a pair, named just before: "Kedua kota telah menjalin sister city"
# an instrument of two national governments: "MoU antara Pemerintah Malaysia dan Pemerintah Republik Indonesia tentang
# Demarkasi ... Batas Internasional antara Malaysia (Sabah & Sarawak) dan Indonesia (Kalimantan Utara ...)", "between
# the Government of Australia and the Government of Indonesia": the provinces it names are not its parties
NATIONAL_PARTIES = re.compile(r"\b(antara|between)\s+(the\s+)?(pemerintah|government\s+of)\s+(the\s+)?(?P<a>\w+(\s+\w+)?)"
                              r"\s+(dan|and)\s+(the\s+)?(pemerintah|government\s+of)\s+(the\s+)?(?P<b>\w+(\s+\w+)?)", re.I)
PAIR_ANAPHOR = re.compile(r"\b(kedua kota|kedua daerah|kedua provinsi|kedua wilayah|keduanya|both cities|the two cities|"
                          r"between two cities|antara dua kota|"
                          r"both provinces|the two provinces)\b", re.I)
READ_ALSO = re.compile(r"[ \t]*(baca juga|lihat juga|simak juga|baca pula|read also|see also|related)\b", re.I)
# a block of other stories' titles, as a page's sidebar lists them: "Berita Terkini Wali Kota Hadiri ... Delegasi Kota
# Kaohsiung Kunjungi Tegal, Bahas Kerja Sama Perikanan ..." (its lines joined into one paragraph)
LINKS_HEADING = re.compile(r"[ \t]*(berita (terkini|terkait|lainnya|populer|terbaru|terpopuler)|terpopuler|"
                           r"artikel terkait|related (posts|news|articles|stories)|latest news|recent posts|"
                           r"popular posts|most read)\b", re.I)
THEY = re.compile(r"\b(mereka|they)\b", re.I)
# "menjalin kerja sama dengan sejumlah kota di negara sahabat": partners owned to but not named, which a list in the
# next sentence names ("Seperti misalnya dengan Kota Tianjin – China, Busan – Korea Selatan dan Osaka – Jepang")
PARTNERS_UNNAMED = re.compile(r"\b(dengan|with)\s+(sejumlah|beberapa|berbagai|banyak|several|many|a number of)\s+"
                              r"(kota|negara|provinsi|daerah|pemerintah daerah|cities|countries|provinces)\b", re.I)
PROVINCES_ANAPHOR = re.compile(r"kedua provinsi|the two provinces|both provinces", re.I)
# a sector word inside an office's name: "Kepala Dinas Pariwisata dan Kebudayaan DKI Jakarta", "Ministry of Education"
ORG_NAME = re.compile(r"\b(?i:Dinas|Kementerian|Kementrian|Kemenko|Menteri|Direktorat|Direktur|Atase|Badan|Departemen|Biro|Asisten|"
                      r"Kantor|Fakultas|Jurusan|Universitas|Minister of|Gelar|Fungsi|"
                      r"Institut|Politeknik|Akademi|Ministry of|Department of|Bureau of|Office of|Faculty of|University of|"
                      r"Chambers? of|Kamar|Rector for|Director of)"
                      r"\s+((?:[A-Z][\w-]*|dan|and|&),?\s+){0,4}$")  # "FAKULTAS ILMU SOSIAL", "gelar Akademik"
CHAMBER = re.compile(r"\b(chambers?\s+of|kamar)\s+$", re.I)
# "Nota Kesepahaman ... antara Universitas Tidar Magelang dengan Tula State University": an instrument between
# institutions of the two cities, not between the cities
# ("Nota Kesepahaman tersebut ditandatangani oleh Rektor ...")
INSTITUTIONS = re.compile(r"\s+((?i:kerja ?sama)\s+)?(antara|between)\s+(the\s+)?(?i:universitas|university|institut|"
                          r"institute|politeknik|polytechnic|akademi|sekolah|school|SMA|SMK|rumah sakit|hospital|"
                          r"kamar dagang|chamber|KADIN|PT|bank|perusahaan|company)\b|"
                          r"\s+(tersebut\s+|itu\s+)?(ditandatangani|signed)\s+(oleh|by)\s+(the\s+)?(?i:rektor|rector|dekan|dean)\b")
# a thesis's or article's keywords name topics, not the cooperation's fields ("Kata Kunci: ..., Ekonomi")
KEYWORDS = re.compile(r"\b(kata[- ]kata kunci|kata kunci|keywords?|key words)\s*:", re.I)
LIST_OPEN = re.compile(r"\b(di ?antaranya|antara lain|meliputi|mencakup|yaitu|yakni|including|includes?|such as|"
                       r"namely)\b", re.I)
# what a place has, not what the partners do: "NTB ... memiliki lahan investasi ... di sektor pariwisata, pertanian"
ENDOWMENT = re.compile(r"\b(memiliki|mempunyai|potensi|kekayaan|kaya akan|unggulan|andalan|rich in|potential)\b", re.I)
# "Shandong, provinsi dengan ekonomi terbesar ketiga di Tiongkok", "the largest industrial hub": a place's rank in a
# field describes the place, not a field of the cooperation
RANKED = re.compile(r"\A[ \t]+(terbesar|terbaik|terkuat|termaju|tertinggi|terkemuka|largest|biggest|strongest|leading)\b|"
                    r"\b(terbesar|terbaik|terkuat|termaju|tertinggi|largest|biggest|strongest|leading)\s+\Z", re.I)
# "share historic, social, cultural, and geographical similarities": what the partners share, after the fields;
# "social interactions", "interaksi sosial": a theory's term, not a field
SIMILAR_AFTER = re.compile(r"\A[\w ,-]{0,50}?\bsimilarit(y|ies)\b|\A[ \t]+interactions?\b", re.I)
INTERACTION_BEFORE = re.compile(r"\binteraksi[ \t]+\Z", re.I)
# A sentence that describes one city, not the cooperation ("dikenal sebagai kota pelajar").
PROFILE = re.compile(r"\b(dikenal|terkenal|julukan|dijuluki|merupakan kota|sebagai kota|known as|famous for)\b", re.I)
# Sectors of one list ("ekonomi, perdagangan, industri, dan kepariwisataan") share their tie to the cooperation.
# ... or an item's country and year between: "Seoul, Korea - 1976 Ambon, Indonesia - 1988 Haikou, China - 1990"
ITEM_NOTE_GAP = re.compile(r"^[\s,;/&()\-–]*([A-Z][\w.]*(\s+[A-Z][\w.]*)?)?[\s,;/&()\-–]*(\d{4})?[\s,;/&()\-–]*"
                           r"((dan|and|serta)\b\s*)?$")
LIST_GAP = re.compile(r"^[\s,;/&()]*(?:(?:dan|serta|and|atau|or|juga|bidang|sektor)\b[\s,;/&()]*)*$", re.I)
# "kesehatan dan obat-obatan, olah raga": an item of a list of fields the lexicon lacks, between two it has
# (one or two such items, of up to four words each)
_UNKNOWN_ITEM = r"(?:(?:dan|serta|and)\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*[,;]\s*"
UNKNOWN_ITEM_GAP = re.compile(rf"^[\s,;/&()]*{_UNKNOWN_ITEM}(?:{_UNKNOWN_ITEM})?(?:(?:dan|serta|and)\s+)?$")
PURPOSE = re.compile(r"\b(belajar|mempelajari|peluang|tujuan|menciptakan|meningkatkan|learn|opportunit\w*|"
                     r"mengirim\w*|delegasi|delegation)\b", re.I)
_ENDED_WORDS = r"berakhir|berakhirnya|diakhiri|berhenti|ended|terminated"
ENDED = re.compile(rf"\b({_ENDED_WORDS})\b", re.I)
# words before the date an instrument ends ("berlaku hingga 2025", "expired in 2019")
EXPIRY = re.compile(rf"\b({_ENDED_WORDS}|expired?|expires|habis|kedaluwarsa|"
                    r"berlaku\s+(?:hingga|sampai)(?:\s+dengan)?|valid\s+until)\b", re.I)
# Carry a pair into following sentences that name no place for at most this many sentences.
CARRY_SENTENCES = 3
LIST_MIN = 3  # foreign places in one sentence that make a list of partners
# "the MoU ... signed in 2019", "ditandatangani pada tahun 2019": the date the sentence ties to the signing itself
SIGNED_ON = re.compile(r"\b(signed|ditandatangani|diteken|ditanda tangani)\s+((pada|on|in|sejak)\s+)?"
                       r"((tanggal|tahun|bulan)\s+)?\Z", re.I)
ORIGIN = re.compile(r"\b(diawali|berawal|bermula|dimulai dari|started with|began with|stemmed from)\b", re.I)
NEAR = re.compile(r"\b(dekat|dekat dengan|tidak jauh dari|near|close to|next to|bersebelahan dengan)\s+(kota\s+|city of\s+)?$",
                  re.I)
VENUE = re.compile(r"\b(di|in|at)\s+(kota\s+|city of\s+)?$", re.I)  # a place of signing, not a partner
VISIT_TO = re.compile(r"\b(kunjungan|berkunjung|lawatan|visit|visited)\b[^.;:\n]{0,50}\b(ke|to)\s+(kota\s+|city of\s+)?$",
                      re.I)
# "... berkunjung ke Saint Louis, Missouri, untuk memperingati 10 tahun kerja sama sister city": a visit to the partner
SISTER_AFTER = re.compile(r"[^.;\n]{0,120}?\b(sister[ -]?(city|cities|province|state)|kota kembar|kota bersaudara|"
                          r"twin(ned)?\s+(city|cities|town))\b", re.I)
ORIGIN_BEFORE = re.compile(r"\b(dari|from)\s+(kota\s+|city of\s+)?$", re.I)  # "Dari Kota Busan, ..."
JOURNEY = re.compile(r"\b(bertolak|berangkat|terbang|melanjutkan perjalanan|departed|flew|travell?ed on)\b", re.I)
# "menghadiri forum kerja sama daerah di Seoul": where a gathering took place, even the only place abroad named
EVENT_VENUE = re.compile(r"\b(forum|konferensi|conference|summit|KTT|pameran|expo|seminar|lokakarya|workshop|kongres|"
                         r"congress|simposium|symposium)\b[^.;\n]{0,60}\b(di|in|at)\s+(kota\s+|city of\s+)?$", re.I)
# ... and the capital named as such ("digelar virtual di Ibukota Jakarta"): never a side, even the only one named
CAPITAL_VENUE = re.compile(r"\b(di|in|at)\s+(ibu ?kota|(the\s+)?capital(\s+city)?)\s+$", re.I)
# "the second largest city in Indonesia, after Jakarta", "kota terbesar kedua setelah Jakarta": a yardstick, no side
RANKED_AFTER = re.compile(r"\b(terbesar|terpadat|tertua|tersibuk|largest|biggest|oldest|busiest|most populous)\b"
                          r"[^.\n]{0,60}\b(setelah|sesudah|after|"
                          r"behind)\s+(kota\s+|DKI\s+|the city of\s+)?$", re.I)
# a kecamatan, kelurahan or desa ("Desa Rajawana"): a place, never a sister-city partner
SUB_REGENCY = re.compile(r"prefix-(kecamatan|kelurahan|desa)\b")
# an item of a list, one a line: "• Seattle", "- Busan", "1. Kota Davao", "2) Kochi", "a. Suwon"
INLINE_LIST_OPENS = re.compile(r":\s*1\.\s*\Z")  # "..., diantaranya: 1." (then "Seattle AS 2.", "Busan Korsel 3.")
INLINE_ITEM_NUMBER = re.compile(r"\s(\d{1,2})\.\s*\Z")
ITEM_MARK = re.compile(r"[ \t]*(?:[•·▪●◦*\-–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]*\S")
HEADING_LIST_MAX = 40  # item lines read under one heading
NAMES_LINE = 80  # characters of a heading or list line that names places only ("Bandung – Suwon dan Seoul")
LIST_ITEM_GAP = 40  # characters between two items of a list of partners ("Lebanon, Distrik ")
# a heading that opens a list of the cooperation's fields, one per line: "Bidang kerjasama:", "Areas of cooperation:"
FIELDS_FOLLOW = re.compile(r"\b((bidang|sektor|ruang lingkup)\s+kerja ?sama|(areas?|fields?|scope) of (the )?cooperation)"
                           r"(\s+(yang disepakati|meliputi|antara lain|adalah|yaitu|include))?\s*:\s*$|"
                           # "Kerja sama sister city Kota Medan dengan Kota Ichikawa meliputi:" (a sentence on the pair)
                           r"\b(meliputi|mencakup|covers|includes?|the following areas)\s*:\s*$|"
                           # ... or such a heading on a line of its own, without its colon: "Areas of cooperation"
                           r"^\s*((bidang|sektor|ruang lingkup)\s+kerja ?sama|(areas?|fields?|scope) of (the )?cooperation)\s*$",
                           re.I)
FIELD_ITEM = 120  # characters of a line in such a list
COLON_AFTER = re.compile(r"[ \t]*:[ \t]")  # "Manado: Zamboanga and Davao"
POSSESSIVE_S = re.compile(r"['’]s\b")
PAIR_LINE_WORD = re.compile(r"\b(?!(?:and|dan|serta|the|of|dengan|with)\b)[a-z]\w*")  # ... or of a pair alone
LOWER_WORD = re.compile(r"\b(?!(?:and|dan|serta|the|of)\b)[a-z]\w*")  # a word of a sentence, not of a list of names
PAIR_DASH = re.compile(r"[ \t]?[-–—][ \t]?")
# "dengan Kochi", "with the Regency of Lombok Barat": the partner
WITH_BEFORE = re.compile(r"\b(dengan|with)\s+((the\s+)?(kota|city of|regency of|province of)\s+)?\Z", re.I)
WITH_WORD = re.compile(r"\b(with|dengan)\b", re.I)
WITH_NEXT = re.compile(r"\s+(with|dengan)\s+(both\s+|kedua\s+)?", re.I)
ROUTE_FROM = re.compile(r"\b(dari|from)\s+\Z", re.I)
ROUTE_TO = re.compile(r"\s+(ke|menuju|to)\s+", re.I)
ROUTE_WORD = re.compile(r"\b(rute|route|jalur penerbangan|penerbangan langsung|direct flights?)\b[^.;:\n]{0,25}\Z", re.I)
ROUTE_DASH = re.compile(r"\s*[-–—]\s*([A-Z][\w.]*(\s[A-Z][\w.]*)?\s*[-–—]\s*)?")
BETWEEN_BEFORE = re.compile(r"\b(antara|between)\s+\Z", re.I)
CITY_NAMED = re.compile(r"prefix-(kota|kabupaten|pemkot|pemko|pemkab)\b")
BETWEEN_JOIN = re.compile(r"\s+(dengan|dan|and|with)\s+", re.I)
DAY_SPAN = re.compile(r"^\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d$")  # "27-31 Agustus 2007", not "2010-2015"
OPEN_SINCE = re.compile(r"^\d{4}(-\d\d){0,2}/\.\.$")  # "sejak tahun 1984", "terhitung sejak 11 Desember 2019"
WARD = re.compile(r"[- ](gu|ku)$", re.I)  # a Korean or Japanese ward, inside a city


@dataclass
class Place:
    """A linked place as the pairing logic sees it."""

    key: str
    name: str
    country: str
    geonames_id: int | None
    iso3166_2: str
    level: str

    @classmethod
    def from_mention(cls, m: Mention) -> Place:
        """Build from a CITY/REGION mention."""
        a = m.attrs
        gid = a.get("geonames_id")
        iso = a.get("iso3166_2") or ""
        return cls(
            key=place_key(gid, iso, m.value, a.get("country") or ""),
            name=m.value,
            country=a.get("country") or "",
            geonames_id=int(gid) if gid not in (None, "") else None,
            iso3166_2=iso,
            level=a.get("level") or "",
        )


@dataclass
class Instrument:
    """One instrument of a pair with its attributes and evidence."""

    type: str
    signed: str = ""
    place: str = ""
    duration: str = ""
    expires: str = ""
    evidence: tuple[int, int] = (0, 0)
    confidence: float = 0.7
    status: str = ""  # "planned": only foreseen ("akan ditandatangani"), so never a signing date


@dataclass
class Pair:
    """A partnership found in one document."""

    a: Place
    b: Place
    sentences: list[int] = field(default_factory=list)
    relationships: Counter = field(default_factory=Counter)
    sectors: dict[str, list[int]] = field(default_factory=dict)
    instruments: list[Instrument] = field(default_factory=list)
    status: str = ""


def _sentence_index(sentences: list[tuple[int, int]]) -> tuple[list[int], Any]:
    starts = [s for s, _ in sentences]

    def index(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return starts, index


# a foreign place that owns the list after it: "Darwin's sister cities are ...", "Kota kembar Darwin antara lain ..."
# "Darwin has six sister cities: ...", "Darwin memiliki enam kota kembar, yaitu ..."
OWNER_AFTER = re.compile(r"(['’]s?\s+(\w+\s+){0,2}(sister|twin|partner|friendship)[\s-]+(cit(y|ies)|towns?|provinces?|"
                         r"states?)\s+(are|include|includes|including|is)\b"
                         r"|\s+(has|have|maintains|memiliki|mempunyai)\s+(\w+\s+){0,2}(sister[\s-]+(cit(y|ies)|states?|provinces?)"
                         r"|twin[\s-]+(cit(y|ies)|towns?)|kota[ -](kota[ -])?kembar)(\s+relationships?)?"
                         r"\s*(:|,?\s*(namely|including|yaitu|yakni|antara lain|di antaranya|diantaranya)\b))", re.I)
OWNER_BEFORE = re.compile(r"\b(kota[ -]kota kembar|kota kembar|sister cit(y|ies)|twin towns?)(\s+dari)?\s+(kota\s+)?\Z", re.I)
LIST_INTRO = re.compile(r"\s*(,\s*)?(adalah|ialah|yaitu|yakni|antara lain|meliputi|di antaranya|diantaranya|are|include)\b",
                        re.I)
# what lies between a city and the province it lies in: "in Indonesia's", ", capital of southwest China's", " di "
IN_REGION = re.compile(r"\s*,?\s*(in|di|capital of|the capital of|ibu ?kota)\s+([\w-]+(['’]s)?\s+){0,3}", re.I)


PROVINCE_WORD = re.compile(r"(?i:provinsi|prov\.|province of)\s")  # the province named as such, not its government


NAME_REST_COMMA = re.compile(r" [A-Z][a-z]+, ")


def _is_locator(text: str, prev: Mention | None, m: Mention) -> bool:
    """'Kota Gimje (Korea Selatan)', 'Shen Zen (Hongkong)': a bracketed place locates the one before it;
    so does the city after a ward ('Eunpyeong-gu, Seoul', 'Jung-gu in Ulsan'), and one the text says a place
    lies near ('kota Kisarazu yang letaknya dekat Tokyo')."""
    if NEAR.search(text, max(0, m.start - 40), m.start):
        return True
    if prev is None:
        return False
    between = text[prev.end:m.start]
    if between.strip() in (",", "in", "di") and len(between) <= 4 and WARD.search(str(prev.attrs.get("name") or "")):
        return True
    if ((between.strip() in (",", "") and len(between) <= 3 or NAME_REST_COMMA.fullmatch(between))
            and _is_region(m) and not _is_region(prev) and prev.attrs.get("country") == m.attrs.get("country") != "ID"):
        # "Wewak, East Sepik, PNG", "Wali Kota Miri Sarawak": the province of the city before it (a word of the
        # city's name the gazetteer lacks between them: "Vanimo Green, Sandaun Province")
        return True
    if (between == ", " and _is_region(m) and not _is_region(prev) and prev.attrs.get("country") == "ID"
            and m.attrs.get("country") == "ID" and PROVINCE_WORD.match(text, m.start)):
        return True  # "Kabupaten Lombok Utara, Provinsi Nusa Tenggara Barat": where our regency lies
    if (IN_REGION.fullmatch(between) and _is_region(m) and not _is_region(prev)
            and prev.attrs.get("country") == m.attrs.get("country") != "ID"):
        return True  # "Medan in Indonesia's North Sumatra province", "Chengdu, capital of China's Sichuan province"
    # ... but a foreign city in brackets after an Indonesian one is its partner: "Bandung (Braunschweig)"
    crossed = (prev.attrs.get("country") == "ID") != (m.attrs.get("country") == "ID")
    return between.strip() == "(" and len(between) <= 3 and not (crossed and not _is_region(m) and not _is_region(prev))


# where an institution lies, not a partner: "kerjasama dengan kampus di Melbourne", "a university in Perth"
INSTITUTION_AT = re.compile(r"\b(?i:kampus|universitas|university|campus|sekolah|school|perusahaan|company|rumah sakit|"
                            r"hospital|diaspora|komunitas|community)(\s+[A-Z]\w*)?(\s+(yang\s+)?(berada|ada|terletak|located|"
                            r"based))?\s+(di|in)\s+(kota\s+)?\Z")


THIS_ONE = re.compile(r"\s+(ini|tersebut|itu)\b")  # "LoI ini", "MoU tersebut": the instrument told of before
ABBREVIATION_AFTER = re.compile(r"\s*\(\s*")  # "Memorandum Of Understanding (MoU)"
GLOSS = re.compile(r"\s*\)?\s*(\([^()\n]{1,12}\)\s*)?,?\s*(atau|or|alias|yaitu|yakni|disebut juga|also known as)\s+"
                   r"((yang\s+)?(disebut|dikenal|biasa disebut|dinamakan)\s+(dengan\s+|sebagai\s+)?)?(sebuah\s+|an?\s+)?"
                   r"((surat|naskah|dokumen|document)\s+)?", re.I)
# a port, an airport, a station named for its city: "Pelabuhan Jayapura ... demikian juga Pelabuhan Madang"
# ... and a news agency's bureau: "kata Maxime Prevot kepada Antara London"
# "Mano Town yang terletak di Sado Island dalam Prefektur Niigata": where a place lies, no partner; nor the towns
# a place borders ("kota yang berbatasan langsung dengan kota-kota di wilayah di Kalimantan Utara, seperti Nunukan")
LOCATED_IN = re.compile(r"\b(?i:terletak|berlokasi|located|lies|situated)\s+(?i:di|in)\s+[^.;:\n]{0,40}?"
                        r"(?:\b(?i:di|dalam|in|within)\s+)?(?:(?i:provinsi|prefektur|kabupaten|negara bagian|the)\s+)?\Z")
BORDERING = re.compile(r"\b(?i:berbatasan(\s+langsung)?\s+dengan|bordering|borders)\b[^.;:\n]{0,70}\Z")
# "kerja sama antara Semarang dan Ibu Kota Negara Bagian Queensland": the state names where its unnamed capital lies
CAPITAL_OF = re.compile(r"\b(?i:ibu\s?kota|the capital( city)? of|capital city of)\s+"
                        r"(?:(?i:negara bagian|provinsi|prefektur|state of|province of)\s+)?\Z")
FACILITY_BEFORE = re.compile(r"\b(?i:pelabuhan|bandara|bandar udara|stasiun|terminal|port of|airport)\s+\Z|"
                             r"\b(?i:xinhua|bernama|kyodo|yonhap|reuters)\s+\Z|\b(?i:kepada|to|told)\s+(Antara|ANTARA)\s+\Z")


def _one_sense_for_city_provinces(partners: list[Mention], mentions: list[Mention]) -> None:
    """A province that is one city, read once as the province in a text on a province of ours, is the province in all
    its mentions ("Kota Metropolitan Chongqing" ... "Chongqing" beside "Provinsi Jawa Barat"): one sense a document."""
    if not any(_is_region(m) and m.attrs.get("country") == "ID" and m.attrs.get("iso3166_2") not in CITY_PROVINCES
               for m in partners):
        return
    as_region = {CITY_PROVINCES[iso]: iso for m in partners if _is_region(m) and m.attrs.get("country") != "ID"
                 and (iso := m.attrs.get("iso3166_2")) in CITY_PROVINCES}
    for m in mentions:
        iso = as_region.get(m.attrs.get("geonames_id")) if m.type == "CITY" else None
        if iso is not None:
            m.type = "REGION"
            m.attrs.update(iso3166_2=iso, level="region", geonames_id=None)


def _partner_places(idoc: IngestedDoc, mentions: list[Mention]) -> list[Mention]:
    """Places that can be partners: linked CITY/REGION, not inside an organisation, not locators."""
    places = [
        m for m in mentions
        if m.type in PLACE_TYPES and not m.attrs.get("in_org") and m.attrs.get("country")
        and m.attrs.get("section") != "references" and not SUB_REGENCY.search(m.method)
        and not INSTITUTION_AT.search(idoc.text, max(0, m.start - 40), m.start)
        and not FACILITY_BEFORE.search(idoc.text, max(0, m.start - 16), m.start)
        and not LOCATED_IN.search(idoc.text, max(0, m.start - 60), m.start)
        and not BORDERING.search(idoc.text, max(0, m.start - 90), m.start)
        and not (_is_region(m) and CAPITAL_OF.search(idoc.text, max(0, m.start - 40), m.start))
    ]
    countries = [m for m in mentions if m.type == "COUNTRY"]
    # one sense per document: a city-state the text lists among countries is the country wherever it names it
    # ("dengan lima negara ... Palestina, Singapura, Malaysia" ... "antara Kota Tasikmalaya dengan Singapura")
    as_country = {m.value for m in places if _state_among_countries(idoc.text, m, countries)}
    kept: list[Mention] = []
    prev: Mention | None = None
    for m in places:
        if not _is_locator(idoc.text, prev, m) and m.value not in as_country:
            kept.append(m)
        prev = m
    return kept


def _state_among_countries(text: str, m: Mention, countries: list[Mention]) -> bool:
    """A city-state listed among countries is the country: "diantaranya, Swedia, Denmark, India, dan Singapura"."""
    gid = m.attrs.get("geonames_id")
    if gid in (None, "") or int(gid) not in CITY_STATES:
        return False
    before = [c for c in countries if c.end <= m.start and LIST_GAP.match(text[c.end:m.start])]
    after = [c for c in countries if c.start >= m.end and LIST_GAP.match(text[m.end:c.start])]
    return bool(before or after)


def _region_pair(pair: Pair) -> bool:
    """A province's partnership: one side at least is a province, prefecture or state."""
    return "region" in (pair.a.level, pair.b.level)


def _is_region(m: Mention) -> bool:
    """Province, prefecture or state rather than a city or regency."""
    return m.type == "REGION" or m.attrs.get("level") == "region"


def _venue(text: str, m: Mention) -> bool:
    """The place is named as where something happened ("di kota Mokpo", "in Tokyo"), not as a partner; so is where a
    journey went on from ("Dari Kota Busan, Ade Yasin diagendakan bertolak ke Kabupaten Hamyang")."""
    if VENUE.search(text, max(0, m.start - 12), m.start) is not None:
        return True
    return (ORIGIN_BEFORE.search(text, max(0, m.start - 12), m.start) is not None
            and JOURNEY.search(text, m.end, min(len(text), m.end + 80)) is not None)


def _visited(text: str, m: Mention) -> bool:
    """Where a visit went abroad ("kunjungan resmi Pemerintah Provinsi NTT ke Beijing dan Provinsi Jiangxi"), not a
    partner; ours, visited by the partner, is a side ("kunjungan ke Kota Ambon, Maluku"); so is a place the visit
    names with a cooperation word ("kunjungan kerja sama ke Kitakyushu") or a sister-city word after it."""
    lo = max(0, m.start - 70)
    return (m.attrs.get("country") != "ID" and VISIT_TO.search(text, lo, m.start) is not None
            and COOP_WORDS.search(text, lo, m.start) is None and SISTER_AFTER.match(text, m.end) is None)


# "Perjanjian ... antara Keighley dan Poix-du-Nord pada tahun 1920": an instrument between two places abroad (the
# first one perhaps too small for the gazetteer), none of the home city's; an unnamed government is the home city's
# ("antara Pemerintah Kota dan Kota Seattle")
FOREIGN_BETWEEN = re.compile(r"\b(?i:antara|between)\s+(?!(?i:pemkot|pemkab|pemprov|pemda|pemerintah|kota|kabupaten|"
                             r"provinsi|city|town|the|government|municipal)\b)[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){0,2}"
                             r"(\s*,\s*[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){0,2})?\s+(?i:dan|and|dengan|with|&)\s+"
                             r"((?i:kota|city( of)?|town( of)?)\s+)?$")


def _province_of(m: Mention) -> Mention:
    """The province named like the city `m` names ("Yogyakarta": DIY), at the same span."""
    iso, name = PROVINCE_NAMESAKES[m.attrs["name"]]
    attrs = {k: v for k, v in m.attrs.items() if k in ("sentence_start", "sentence_end", "page", "section")}
    attrs.update(country="ID", level="region", iso3166_2=iso, name=name)
    return Mention(m.doc_id, "REGION", m.text, m.start, m.end, value=name, method=m.method + NAMESAKE_METHOD,
                   confidence=m.confidence, attrs=attrs)


def _foreign_between(foreign: list[Mention], text: str) -> bool:
    """True when the sentence names a place abroad as one of two sides, the other one not ours: "antara Keighley dan
    Poix-du-Nord"."""
    return any(FOREIGN_BETWEEN.search(text, max(0, f.start - 80), f.start) for f in foreign) or any(
        # "The signing of the Brisbane-Kobe Sister City Agreement": two places abroad joined by a dash
        PAIR_DASH.fullmatch(text, f.end, g.start) for f in foreign for g in foreign if f.end <= g.start)


def _pairs_in_sentence(places: list[Mention], home: Mention | None, use_home: bool,
                       text: str = "") -> list[tuple[Mention, Mention]]:
    """Each foreign place pairs with the nearest Indonesian place before it (else after it)."""
    indo = [m for m in places if m.attrs.get("country") == "ID"]
    foreign = [m for m in places if m.attrs.get("country") != "ID"]
    pairs: list[tuple[Mention, Mention]] = []
    # "LoI ... yang dilaksanakan di Tokyo", "Joint Statement NT-Kaltim disepakati di Samarinda": where it was signed,
    # beside the partner of that side
    for side in (foreign, indo):
        venues = [m for m in side if _venue(text, m)]
        if len(venues) < len(side):
            side[:] = [m for m in side if m not in venues]
        # ... and where a visit of ours went abroad is no partner, even the only place abroad ("kunjungan delegasi
        # Pemkot Makassar ke Tokyo untuk memenuhi undangan ..."), unless the visit is named a cooperation's
        side[:] = [m for m in side if not _visited(text, m)]
        side[:] = [m for m in side if not CAPITAL_VENUE.search(text, max(0, m.start - 24), m.start)
                   and not EVENT_VENUE.search(text, max(0, m.start - 100), m.start)
                   and not RANKED_AFTER.search(text, max(0, m.start - 90), m.start)]
    # "Darwin's sister cities are Ambon (Indonesia), Anchorage (USA) ...", "Kota kembar Darwin antara lain ...": a
    # foreign city that owns the list partners the Indonesian items; its other items are no pairs of ours
    heads = [f for f in foreign if OWNER_AFTER.match(text, f.end) or (
        OWNER_BEFORE.search(text, max(0, f.start - 30), f.start) and LIST_INTRO.match(text, f.end))]
    if heads:
        return [(m, heads[0]) for m in indo if m.start > heads[0].end]
    # "Kochi City has been engaged in sister city programs since 1965 ... with Fresno ... Wuhu City ..., Kitami City
    # ..., and most recently, Surabaya": a foreign city opening the sentence, with two other cities abroad and ours
    # after it, is the one whose partners they all are; ours partners it, not its fellow items
    subject = _foreign_subject(sorted(indo + foreign, key=lambda m: m.start), text)
    if subject is not None:
        return [(m, subject) for m in indo if m.start > subject.end and not _is_region(m)]
    # "Nanjing signed the Sister City Agreement with the city York in UK, and a letter of intent with Semarang in
    # Indonesia, as well as one with San Antonio": a foreign subject partners every place it signed with
    # ("Geelong has sister city relationships with Izumiotsu (Japan) and Lianyungang (China), and a friendship
    # agreement with Sukabumi": each of our places after a "with" of its own; the province after a city names where it
    # lies: "with Kupang, East Nusa Tenggara, in 2005")
    ordered = sorted(indo + foreign, key=lambda m: m.start)
    ordered = [m for i, m in enumerate(ordered) if not (
        i and _is_region(m) and not _is_region(ordered[i - 1]) and m.attrs.get("country") == ordered[i - 1].attrs.get("country")
        and text[ordered[i - 1].end:m.start].strip() == ",")]
    ours = [m for m in indo if m in ordered]
    if (len(ordered) >= 3 and ordered[0] in foreign and ours and not _is_region(ordered[0])
            and (all(WITH_WORD.search(text, prev.end, nxt.start) for prev, nxt in zip(ordered, ordered[1:]))
                 or (WITH_WORD.search(text, ordered[0].end, ordered[1].start)
                     and all(m.start > ordered[1].start and WITH_BEFORE.search(text, max(0, m.start - 30), m.start)
                             for m in ours)))):
        return [(m, ordered[0]) for m in ours]
    # "... anniversary with Beijing, Tokyo, Jakarta and Buenos Aires": an Indonesian place inside a comma list of
    # foreign ones is one of the items (another city's partners), no partner of its neighbours
    items = _list_items(sorted(indo + foreign, key=lambda m: m.start), text)
    abroad_pair = not indo and _foreign_between(foreign, text)
    for f in foreign:
        # A province partners a province, a city a city: "Brisbane di Queensland" is a locator.
        either = f.attrs.get("geonames_id") in CITY_PROVINCE_IDS
        peers = [m for m in indo if either or _is_region(m) == _is_region(f) or m.attrs.get("geonames_id") in CITY_PROVINCE_IDS]
        if not peers and _is_region(f) and not any(not _is_region(g) for g in foreign):
            # ... but with no province on our side and no city on theirs, a city partners the state: "Kabupaten Paser
            # pernah kerja sama sister city ... dengan Negara Bagian Victoria"
            # (not where a city named like its province is there: "Yogyakarta ... Kyoto" is the province's pair, and
            # "between Yogyakarta and Gyeongsangbuk-Do in ... Sumbermulyo village, Bantul" too, Bantul only where the
            # village lies)
            namesake = [m for m in indo if m.attrs.get("name") in PROVINCE_NAMESAKES]
            peers = indo
            if namesake:
                # ... the province itself, where the partner is a province, prefecture or state ("HUBUNGAN sister
                # province antara Kyoto dan Yogyakarta"); a district's city partner is the city ("Distrik Commewijne")
                district = DISTRICT_BEFORE.search(text, max(0, f.start - 12), f.start)
                city = any(CITY_NAMED.search(m.method) for m in namesake)  # "Kota Yogyakarta dan Distrik Kathmandu"
                peers = [] if district or city or len(namesake) < len(indo) else [_province_of(m) for m in namesake]
        before = [m for m in peers if m.start < f.start]
        after = [m for m in peers if m.start > f.start]
        # "Medan-Penang, Kota Kinabalu-Manado, Kuala Lumpur-Jogjakarta": two names joined by a dash are a pair
        joined = [m for m in peers if PAIR_DASH.fullmatch(text, m.end, f.start) or PAIR_DASH.fullmatch(text, f.end, m.start)]
        # "Sister City antara Kota Padang dengan Provinsi Ba Ria Vung Tau": the two a "between" joins, whatever
        # their levels when ours is named with its unit (the governor of the province named before speaks of his
        # former city's tie; a bare "Yogyakarta" beside a prefecture is the province)
        joined = joined or [m for m in indo if BETWEEN_BEFORE.search(text, max(0, m.start - 12), m.start)
                            and BETWEEN_JOIN.fullmatch(text, m.end, f.start) and CITY_NAMED.search(m.method)]
        if joined:
            pairs.append((joined[0], f))
        elif after and WITH_NEXT.fullmatch(text, f.end, after[0].start):
            # "city links such as Brisbane with Semarang and Darwin with both Ambon and Denpasar": the place right
            # after "with" is the partner, and every one of a list after it
            pairs.append((after[0], f))
            for prev, nxt in zip(after, after[1:]):
                if not LIST_GAP.match(text[prev.end:nxt.start]):
                    break
                pairs.append((nxt, f))
        elif before:
            pairs.append((before[-1], f))
        elif after:
            pairs.append((after[0], f))
            if len(foreign) == 1:
                # "Davao City has sisterhood agreements with Manado City and Bitung City": every one of the list
                for prev, nxt in zip(after, after[1:]):
                    if not LIST_GAP.match(text[prev.end:nxt.start]):
                        break
                    pairs.append((nxt, f))
        elif home is not None and use_home and not _is_region(f) and not _venue(text, f) and not abroad_pair:
            # "... tanggal 29 September 2009 di kota Mokpo telah menandatangani dua MoU": where it was signed
            pairs.append((home, f))
        elif not _is_region(f) and not _venue(text, f) and len({Place.from_mention(m).key for m in indo}) == 1 and not any(
                _is_region(g) and g.attrs.get("country") == f.attrs.get("country") for g in foreign):
            # "Jatim menjalin kerja sama dengan Provinsi Gyeongsang, Kota Tianjin dan Alexandria (Mesir)": the one
            # Indonesian province partners a city too, when no province of the city's country is named beside it
            pairs.append((indo[0], f))
    # "sister city dengan tujuh kota, yaitu Kota Hue Vietnam, Kota Baalbek Lebanon, Distrik Commewijne Suriname":
    # a list item the rules above left alone (a district among cities) takes its neighbour's partner; a region
    # of the neighbour's own country is where that neighbour lies ("Brisbane, Queensland"), not an item
    paired = {id(f): a for a, f in pairs}
    listed = sorted(foreign, key=lambda m: m.start)
    for i, f in enumerate(listed):
        if id(f) in paired:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(listed) or id(listed[j]) not in paired:
                continue
            lo, hi = (listed[j], f) if j < i else (f, listed[j])
            if (listed[j].attrs.get("country") != f.attrs.get("country") and hi.start - lo.end <= LIST_ITEM_GAP
                    and re.search(r",|\b(dan|and|serta)\b", text[lo.end:hi.start])
                    and not LOWER_WORD.search(text, lo.end, hi.start)):
                pairs.append((paired[id(listed[j])], f))
                paired[id(f)] = paired[id(listed[j])]
                break
    return [(a, f) for a, f in pairs if not (id(a) in items and items[id(a)] == items.get(id(f)))
            and not _route(text, a, f)]


def _route(text: str, a: Mention, b: Mention) -> bool:
    """The two places are a route's ends: "rute kapal RoRo dari Kota Batam ke Johor Bahru", "flights from Medan to
    Penang"."""
    x, y = (a, b) if a.start < b.start else (b, a)
    return bool((ROUTE_FROM.search(text, max(0, x.start - 8), x.start) and ROUTE_TO.fullmatch(text, x.end, y.start))
                # ... "rute Tawau – Tarakan – Balikpapan": a route's stops, joined by dashes
                or (ROUTE_WORD.search(text, max(0, x.start - 40), x.start) and ROUTE_DASH.fullmatch(text, x.end, y.start)))


SENTENCE_OPENING = re.compile(r"(\A|[.!?]\s|\n)\s*(the\s+(city|town)\s+of\s+|kota\s+|pemerintah\s+kota\s+)?\Z", re.I)


def _foreign_subject(ordered: list[Mention], text: str) -> Mention | None:
    """The city abroad that opens the sentence and is followed by two more cities abroad and one of ours, none
    joined to another by a dash: the owner of the partners the sentence lists."""
    if not ordered or ordered[0].attrs.get("country") == "ID" or _is_region(ordered[0]):
        return None
    first = ordered[0]
    if not SENTENCE_OPENING.search(text, max(0, first.start - 40), first.start):
        return None
    rest = ordered[1:]
    others = {Place.from_mention(m).key for m in rest if m.attrs.get("country") != "ID" and not _is_region(m)}
    ours = [m for m in rest if m.attrs.get("country") == "ID" and not _is_region(m)]
    if len(others - {Place.from_mention(first).key}) < 2 or not ours:
        return None
    if any(PAIR_DASH.fullmatch(text, a.end, b.start) for a, b in zip(ordered, ordered[1:])):
        return None
    return first


LIST_MANY = 3  # places abroad, in as many countries, around one of ours: a list of another city's partners
ITEM_AFTER = re.compile(r"[ \t]*([,;(|\n–—-]|\d|[A-Z]|$)")


def _an_item_among_many(places: list[Mention], text: str) -> bool:
    """One Indonesian place after at least two places abroad, the sentence naming places in three countries abroad
    (not one a "with" gives a partner: "Nanjing signed ... with York in UK, and a letter of intent with Semarang")."""
    ordered = sorted(places, key=lambda m: m.start)
    ours = [i for i, m in enumerate(ordered) if m.attrs.get("country") == "ID"]
    abroad = {m.attrs.get("country") for m in ordered if m.attrs.get("country") != "ID" and not _is_region(m)}
    if len(ours) != 1 or ours[0] < 2 or len(abroad) < LIST_MANY:
        return False
    m = ordered[ours[0]]
    # an item is followed by its country, its year or the next item ("Jakarta (Indonesia) 1989,"), not by what it
    # does ("Selain Braunschweig dan Suwon, Bandung juga tercatat sebagai kota kembar Fort Worth")
    return (ITEM_AFTER.match(text, m.end) is not None
            and not WITH_BEFORE.search(text, max(0, m.start - 30), m.start))


def _on_item_line(text: str, offset: int) -> bool:
    """The line holding text[offset] opens with a list item's mark ("4. Sawahlunto, ...", "• Seattle")."""
    return ITEM_MARK.match(text, text.rfind("\n", 0, offset) + 1) is not None


def _list_items(places: list[Mention], text: str) -> dict[int, int]:
    """The places that are items of one comma list naming at least two foreign places with an Indonesian one
    after its first item: id(mention) -> the list's number."""
    runs: list[list[Mention]] = []
    for m in places:
        gap = text[runs[-1][-1].end:m.start] if runs else ""
        if runs and (LIST_GAP.match(gap) or ITEM_NOTE_GAP.match(gap)) and gap.strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    out: dict[int, int] = {}
    for n, run in enumerate(runs):
        text_between = text[run[0].start:run[-1].end]
        foreign = [m for m in run if m.attrs.get("country") != "ID"]
        if len(run) >= 3 and len(foreign) >= 2 and "," in text_between and run[0].attrs.get("country") != "ID" \
                and any(m.attrs.get("country") == "ID" for m in run):
            out.update((id(m), n) for m in run)
    return out


def _is_dateline(text: str, m: Mention) -> bool:
    """The place says where a news item was filed: "BANDUNG – ...", "TEMPO.CO, Jakarta - ...", "Beijing (ANTARA) -"."""
    if m.type not in PLACE_TYPES:
        return False
    at_line_start = text[max(0, m.start - 1):m.start] in ("", "\n")
    return bool((DATELINE_PLACE.match(text, m.end) and (at_line_start
                                                        or SITE_BEFORE.search(text, max(0, m.start - 40), m.start)))
                or AGENCY_DATELINE.match(text, m.end) or SITE_DATELINE.match(text, m.end)
                # "CHENGDU-West Java Governor ...": a name in capitals opening the line, its dash glued to the story
                or (at_line_start and m.end - m.start >= 3 and text[m.start:m.end].isupper()
                    and text[m.end:m.end + 1] in ("-", "–", "—") and text[m.end + 1:m.end + 2].isupper())
                # "JAKARTA, jeluka.id: Anggota DPR ...": the news site after the place, then a colon
                or (at_line_start and SITE_AFTER.match(text, m.end)))


def _home_city(places: list[Mention]) -> Mention | None:
    """The document's most mentioned Indonesian city: the side of a table row naming only the partner."""
    counts = Counter(Place.from_mention(m).key for m in places if m.attrs.get("country") == "ID" and m.type == "CITY")
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], -min(m.start for m in places if Place.from_mention(m).key == kv[0])))[0]
    return next(m for m in places if Place.from_mention(m).key == best)


# a city's own page on its partners: "our sister cities", "We have six Sister Cities", "my own expense ... our Sister City"
OUR_SISTERS = re.compile(r"\b(?i:our|we\s+have)\s+([\w-]+\s+){0,2}(?i:sister|twin|partner|friendship)[\s-]+"
                         r"(?i:cit(y|ies)|towns?|provinces?|states?|relationships?)\b")
OUR_COUNTRY_AFTER = re.compile(r"\s*(,|\(|\bin)\s*Indonesia\b")  # "Ambon, Indonesia", "Ambon (Indonesia)"
DOMINANT_SHARE = 2  # times as many mentions as any other place of its side: the city a page is about


def _dominant(places: list[Mention], least: int = 2, regions: bool = False) -> Mention | None:
    """The place named at least `least` times and twice as often as any other of `places` (cities only, unless
    `regions`)."""
    counts = Counter(Place.from_mention(m).key for m in places if regions or not _is_region(m))
    if not counts:
        return None
    (best, n), *rest = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if n < least or (rest and n < DOMINANT_SHARE * rest[0][1]):
        return None
    return next(m for m in places if Place.from_mention(m).key == best)


def _page_pair(places: list[Mention]) -> tuple[Place, Place] | None:
    """Our city and the city abroad a page is about, each named far more than any other of its side."""
    ours = _dominant([m for m in places if m.attrs.get("country") == "ID"])
    theirs = _dominant([m for m in places if m.attrs.get("country") != "ID"])
    return (Place.from_mention(ours), Place.from_mention(theirs)) if ours and theirs else None


def _foreign_home(places: list[Mention]) -> Mention | None:
    """The place abroad a page is about: named three times or more, twice as often as any other place abroad and
    more often than any of ours."""
    own = _dominant([m for m in places if m.attrs.get("country") != "ID"], least=3, regions=True)
    if own is None:
        return None
    ours = Counter(Place.from_mention(m).key for m in places if m.attrs.get("country") == "ID")
    n = sum(Place.from_mention(m).key == Place.from_mention(own).key for m in places)
    return None if ours and n <= max(ours.values()) else own


def find_agreements(idoc: IngestedDoc, mentions: list[Mention], sentences: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Agreement rows (SPEC agreements.csv, without doc-level columns) found in one document."""
    if not sentences:
        return []
    _starts, sent_of = _sentence_index(sentences)
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sent[sent_of(m.start)].append(m)
    partners = _partner_places(idoc, mentions)
    _one_sense_for_city_provinces(partners, mentions)
    partner_ids = {id(m) for m in partners}
    home = _home_city(partners)
    # ... a city named only where a news item was filed ("TEMPO.CO, Jakarta - Dublin ... Ramallah ...") is no side of
    # the instruments the story tells; an unnamed local government ("Pemkot ...") is the dateline's
    home_story = _home_city([m for m in partners if not _is_dateline(idoc.text, m)])
    table_rows = {sent_of(c.start) for t in idoc.tables for c in t}

    abroad_dateline = next((m for m in partners if m.attrs.get("country") != "ID" and not _is_region(m)
                            and _is_dateline(idoc.text, m)), None)
    links = _link_blocks(idoc.text)
    foreign_home = _foreign_home(partners)
    pairs: dict[tuple[str, str], Pair] = {}
    sent_pairs: dict[int, list[tuple[str, str]]] = {}
    sister_doc = any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in mentions)
    namesakes: set[tuple[int, int]] = set()

    def add_province(a: Mention) -> None:
        """A province paired in a city's name is a place of the document too (cities.csv), once a span."""
        if a.method.endswith(NAMESAKE_METHOD) and (a.start, a.end) not in namesakes:
            namesakes.add((a.start, a.end))
            mentions.append(a)

    # Pass 1: pairs stated in a sentence.
    for si in sorted(by_sent):
        ms = by_sent[si]
        # "Baca Juga: Di Harbin Jabar Tuntaskan Teken MoU ...": a link to another story states nothing here
        if READ_ALSO.match(idoc.text, sentences[si][0]) or _in_links(links, sentences[si][0]):
            continue
        if _national(idoc.text, sentences[si], ms):
            continue
        said = _attribution(idoc.text, sentences[si][0], sentences[si][1])
        line = idoc.text[sentences[si][0]:sentences[si][1]]
        names_only = len(line.strip()) <= NAMES_LINE and not LOWER_WORD.search(line) and "\n" not in line.strip()
        # ... and a sentence of a pair alone, its speaker aside: "Surabaya dengan Seattle, Washington.", "Dan Bogor
        # dengan St. Louis, Missouri," tambahnya."
        pair_only = (len(line.strip()) <= NAMES_LINE and "\n" not in line.strip()
                     and not PAIR_LINE_WORD.search(idoc.text, sentences[si][0], said.start() if said else sentences[si][1]))
        # "BANDUNG – Wali Kota ...": where a news item was filed ("Bandung – Suwon dan Seoul", names only, is a pair)
        # ("TEMPO.CO, Jakarta - Dublin, ibu kota Irlandia, ...": the news site first, then where it was filed)
        ms = [m for m in ms if names_only or not (m.type in PLACE_TYPES and _is_dateline(idoc.text, m))]
        # '"...," kata Konsul Jenderal RI untuk Shanghai kepada Antara di Beijing': who said it, and
        # where, are not partners
        places = [m for m in ms if id(m) in partner_ids and (said is None or m.start < said.start())]
        cue = any(m.type in ("RELATIONSHIP", "INSTRUMENT") for m in ms)
        # Only a table row or a sentence naming an instrument leaves the home city implicit.
        use_home = si in table_rows or any(m.type == "INSTRUMENT" for m in ms)
        if (use_home and foreign_home is not None and si not in table_rows
                and not any(m.attrs.get("country") == "ID" for m in places)
                and any(Place.from_mention(m).key == Place.from_mention(foreign_home).key for m in places)
                and any(m.attrs.get("country") != foreign_home.attrs.get("country") for m in places)):
            # "The Sister City Agreement was signed in 1988 to coincide with Auckland City Council's visit to ...
            # Brisbane" on Brisbane's page: the page's city and another abroad are the sides, not our city
            use_home = False
        # ... and so does a sentence on the home city's sister city: "Adapun dengan Kochi, sister city dimulai pada 1997"
        use_home = use_home or (any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in ms)
                                and not any(m.attrs.get("country") == "ID" for m in places)
                                and _with_list(idoc.text, places))
        # ... and so does the home city's government, unnamed: "Pemkot jalin kerja sama dengan Kota Fuqing" on the
        # city's own page, "Bandung, Kompas - Wali kota menerima delegasi dari Kota Suwon"
        unnamed = (not use_home and not any(m.attrs.get("country") == "ID" for m in places)
                   and _unnamed_government(idoc.text, *sentences[si]))
        found = []
        # ... and a foreign dateline's council, unnamed: "DAVAO CITY, Philippines – The City Council approved ... a
        # sister city agreement with Manado"
        if (cue and abroad_dateline is not None and places and all(m.attrs.get("country") == "ID" for m in places)
                and COUNCIL_UNNAMED.search(idoc.text, *sentences[si])):
            places = places + [abroad_dateline]
        found_pairs = _pairs_in_sentence(places, home if unnamed else home_story, use_home or unnamed, idoc.text)
        if _an_item_among_many(places, idoc.text):
            # "Kaohsiung | Taiwan | 1966.6.30 Los Angeles | USA ... Surabaya | Indonesia ...": our city among the
            # partners of a city abroad, in three countries or more, partners the list's owner, not its fellow items
            found_pairs = [(a, foreign_home) for a in places if a.attrs.get("country") == "ID"] if foreign_home else []
        for a, b in found_pairs:
            add_province(a)
            pa, pb = Place.from_mention(a), Place.from_mention(b)
            if pa.key == pb.key:
                continue
            key = (pa.key, pb.key)
            pair = pairs.setdefault(key, Pair(pa, pb))
            if cue or (sister_doc and (names_only or (pair_only and not _is_region(a) and not _is_region(b))
                                       or (a.end < b.start and COLON_AFTER.match(idoc.text, a.end)
                                           and not LOWER_WORD.search(idoc.text, a.end, b.start)))):
                # in a text on sister cities, a heading or list line of names only ("Bandung – Suwon dan Seoul"),
                # or a list after its city and a colon ("Manado: Zamboanga and Davao")
                pair.sentences.append(si)
            found.append(key)
        if found:
            sent_pairs[si] = list(dict.fromkeys(found))
    # Pass 1b: "... Wewak mayor ... in Jayapura." + "This is under a sister-city agreement signed between
    # the Jayapura mayor and himself": a sister-city cue naming one side only takes the other side from
    # the sentences just before it, when they name exactly one place of that side.
    # The same for a list of foreign partners with a cooperation cue after a sister-city sentence on one
    # Indonesian city: "Jakarta menjalin kerja sama dengan kota di negara lain sebagai sister city. Dari Beijing,
    # Paris, Hanoi dan Seoul, ... yang menjalin kerjasama".
    for si in sorted(by_sent):
        ms = by_sent[si]
        here = [m for m in ms if id(m) in partner_ids and not _is_dateline(idoc.text, m)]
        sides = {m.attrs.get("country") == "ID" for m in here}
        if len(sides) != 1 or UNNAMED_PARTNER.search(idoc.text, *sentences[si]):
            continue  # ("program kota kembar antara Kota Cirebon dengan kota di Amerika Serikat": no partner named)
        if _on_item_line(idoc.text, sentences[si][0]):
            continue  # ("4. Sawahlunto, Indonesia - 2004 (Friendship City)": an item of a list, not the story's next step)
        if sides == {False} and _foreign_between(here, idoc.text):
            continue  # ("... dicatat antara Keighley dan Poix-du-Nord": both sides abroad)
        mine = {Place.from_mention(m).key: m for m in here}
        before = _sentences_before(idoc.text, sentences, si, 5)[:2]
        near_ms = [m for j in before for m in by_sent.get(j, [])]
        unnamed_before = (sides == {False} and LIST_GOES_ON.match(idoc.text, sentences[si][0]) is not None
                          and bool(before) and PARTNERS_UNNAMED.search(idoc.text, *sentences[before[0]]) is not None
                          and any(m.type == "RELATIONSHIP" for m in by_sent.get(before[0], [])))
        # ... as does an instrument "between the two cities" that names one of them: "The visit follows the signing
        # of a Letter of Intent between the two cities in Kupang last November"
        listed = False
        if any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in ms) or (
                any(m.type == "INSTRUMENT" for m in ms) and PAIR_ANAPHOR.search(idoc.text, *sentences[si])):
            # ("... bagian dari 23 sister city, selain Tokyo, Sidney, Rotterdam, Berlin, Beijing, Bangkok," after a
            # sentence on Jakarta's sister cities: a list of partners abroad, one list, the other side before it; not
            # on a page of a city abroad, whose own partners they are)
            listed = sides == {False} and len(mine) >= LIST_MIN and foreign_home is None and all(
                LIST_GAP.match(idoc.text[x.end:y.start]) for x, y in zip(here, here[1:]))
            if len(mine) != 1 and not listed:
                continue
        elif not (len(mine) >= LIST_MIN and sides == {False}
                  and (any(m.type == "RELATIONSHIP" for m in ms) or LIST_GOES_ON.match(idoc.text, sentences[si][0]))
                  and (any((m.type == "RELATIONSHIP" and m.value != "cooperation") or m.type == "INSTRUMENT"
                           for m in near_ms) or unnamed_before)):
            # ("... kerja sama Sister Province. Di antaranya yaitu dengan Australia Selatan, Guangxi, Sichuan ...",
            # "... kerja sama Letter Of Intent (LOI) dengan Pemprov Jawa Barat. Diantaranya yaitu ...": a list opening
            # its sentence goes on with the one before)
            continue
        near = [m for m in near_ms if id(m) in partner_ids and not _is_dateline(idoc.text, m)]
        # a province partners a province, a city a city: the other side is of the kind the sentence names (unless the
        # sentence before owned to partners it did not name: "Provinsi Jatim ... kerja sama dengan sejumlah kota")
        provinces = any(_is_region(h) for h in here)
        others = {Place.from_mention(m).key: m for m in near if (m.attrs.get("country") == "ID") not in sides
                  and (_is_region(m) == provinces or unnamed_before)}
        if len(others) != 1:
            continue
        b = next(iter(others.values()))
        if listed and not any(
                any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in by_sent.get(j, []))
                and not any(id(m) in partner_ids and m.attrs.get("country") != "ID" for m in by_sent.get(j, []))
                and any(m is b for m in by_sent.get(j, [])) for j in _sentences_before(idoc.text, sentences, si, 5)[:2]):
            continue  # ... when that side is named in a sentence on its own sister cities, none abroad named there
        bk = Place.from_mention(b).key
        if b.attrs.get("country") != "ID" and any(bk == k[1] and k[0] not in mine and p.sentences for k, p in pairs.items()):
            continue  # a partner abroad the text gave another of our cities ("Bogor dengan St. Louis") is not ours
        for a in mine.values():
            indo, foreign = (a, b) if a.attrs.get("country") == "ID" else (b, a)
            _state(pairs, sent_pairs, si, Place.from_mention(indo), Place.from_mention(foreign))
    # Pass 1c: "... diawali dengan Kota Seattle di Amerika Serikat, Kota Kochi di Jepang dan Kota Busan di Korea
    # Selatan. Ke tiga kota di mancanegara itulah yang merupakan sister city Kota Surabaya": a sister-city sentence
    # naming one Indonesian place and counting back to the foreign places listed in the sentence before it
    for si in sorted(by_sent):
        ms = by_sent[si]
        here = {Place.from_mention(m).key: m for m in ms if id(m) in partner_ids}
        if (len(here) != 1 or next(iter(here.values())).attrs.get("country") != "ID"
                or not any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in ms)
                or not COUNTED_BEFORE.search(idoc.text, sentences[si][0], sentences[si][1])):
            continue
        before = _sentences_before(idoc.text, sentences, si, 3)[:1]
        listed = {Place.from_mention(m).key: m for j in before for m in by_sent.get(j, []) if id(m) in partner_ids}
        if len(listed) < 2 or any(m.attrs.get("country") == "ID" for m in listed.values()):
            continue
        pi = Place.from_mention(next(iter(here.values())))
        for m in listed.values():
            _state(pairs, sent_pairs, si, pi, Place.from_mention(m))
    page_pair = _page_pair(partners)
    # Pass 1e: "Wali Kota Semarang menerima kunjungan Wali Kota Brisbane. Kedua kota telah menjalin sister city sejak
    # 1993.": a cue sentence naming no place but "the two cities" states the one pair of the sentence before it
    for si in sorted(by_sent):
        ms = by_sent[si]
        if any(id(m) in partner_ids for m in ms) or not any(m.type in ("RELATIONSHIP", "INSTRUMENT") for m in ms):
            continue
        # ... or, on sister cities or an instrument, "the visit" or "they": "Delegasi dari Busan tiba di Surabaya.
        # Kunjungan ini merupakan bagian dari kerja sama sister city ..."
        sister = any((m.type == "RELATIONSHIP" and m.value != "cooperation") or m.type == "INSTRUMENT" for m in ms)
        if not (PAIR_ANAPHOR.search(idoc.text, *sentences[si]) or (sister and (
                BACK_REFERENCE.search(idoc.text, *sentences[si]) or THEY.search(idoc.text, *sentences[si])))):
            continue
        provinces = PROVINCES_ANAPHOR.search(idoc.text, *sentences[si]) is not None
        for j in _sentences_before(idoc.text, sentences, si, 3)[:2]:
            if j in sent_pairs:
                p = pairs[sent_pairs[j][0]]
                # "kedua provinsi": a province pair; so is one "considered sister provinces" ("They both ...")
                if len(sent_pairs[j]) == 1 and (_region_pair(p) == provinces or (_region_pair(p) and any(
                        m.type == "RELATIONSHIP" and m.value == "sister_province" for m in ms))):
                    _state(pairs, sent_pairs, si, p.a, p.b)
                break
        else:
            # ... or, with no such sentence, the two cities the whole page is about ("Busan City Hall" on Surabaya:
            # "The exchanges between two cities have been very active since the establishment of sisterhood")
            if (sister and not provinces and PAIR_ANAPHOR.search(idoc.text, *sentences[si]) and page_pair
                    and not any(p.sentences for p in pairs.values())):  # (a page that states no pair otherwise)
                _state(pairs, sent_pairs, si, *page_pair)
    # Pass 1d: "Sister city Kota Surabaya:" then one partner a line ("• Seattle, Amerika Serikat (1992)",
    # "1. Kota Davao, Filipina", a table's rows): a heading with a cue and one place partners the first place of
    # the other side on each item line under it
    for si in sorted(by_sent):
        for indo, f, sj in _heading_list(idoc.text, sentences, si, by_sent[si], partners, partner_ids, sent_of,
                                         sister_doc):
            _state(pairs, sent_pairs, sj, Place.from_mention(indo), Place.from_mention(f))
    # Pass 1h: the same list run into one line, as a PDF's text flattens it ("... memiliki beberapa sistercity di luar
    # negeri, diantaranya: 1. Seattle AS 2. Busan Korsel 3. ..."): the sentence splitter cuts after each number, so
    # each item is a sentence that opens with its place, and the list goes on while the numbers count up
    for si in sorted(by_sent):
        if not INLINE_LIST_OPENS.search(idoc.text, *sentences[si]):
            continue  # (the cheap test first: this pass reads every sentence)
        ms = by_sent[si]
        here = {Place.from_mention(m).key: m for m in ms if id(m) in partner_ids}
        if (len(here) != 1 or next(iter(here.values())).attrs.get("country") != "ID"
                or not any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in ms)):
            continue
        head = Place.from_mention(next(iter(here.values())))
        number, j = 1, si + 1
        while j < len(sentences):
            items = sorted((m for m in by_sent.get(j, []) if id(m) in partner_ids), key=lambda m: m.start)
            if not items or items[0].attrs.get("country") == "ID" or idoc.text[sentences[j][0]:items[0].start].strip():
                break
            _state(pairs, sent_pairs, j, head, Place.from_mention(items[0]))
            counted = INLINE_ITEM_NUMBER.search(idoc.text, *sentences[j])
            if counted is None or int(counted.group(1)) != number + 1:
                break
            number, j = number + 1, j + 1
    # Pass 1f: a title in capitals broken over lines, as on a thesis's cover ("ANALISIS KEBIJAKAN PEMERINTAH PROVINSI
    # SULAWESI SELATAN" / "DALAM MENJALIN KERJA SAMA INTERNASIONAL DENGAN PREFEKTUR" / "EHIME JEPANG"): its lines are
    # one sentence
    for block in _caps_blocks(idoc.text, sentences):
        ms = [m for j in block for m in by_sent.get(j, [])]
        if not any(m.type in ("RELATIONSHIP", "INSTRUMENT") for m in ms) or any(j in sent_pairs for j in block):
            continue
        for a, b in _pairs_in_sentence([m for m in ms if id(m) in partner_ids], home, False, idoc.text):
            if Place.from_mention(a).key != Place.from_mention(b).key:
                add_province(a)
                _state(pairs, sent_pairs, block[0], Place.from_mention(a), Place.from_mention(b))
    # Pass 1g: a foreign city's own page speaks of "our sister cities": the city it is about partners each of our
    # places such a sentence names, and each of ours listed after it on a line of names or with its country ("We have
    # six Sister Cities ... similarities to Darwin." / "Ambon, Indonesia")
    own = foreign_home
    first = None if own is None else next(
        (si for si in sorted(by_sent) if OUR_SISTERS.search(idoc.text, *sentences[si])), None)
    for si in sorted(by_sent) if first is not None else ():
        if si < first:
            continue
        line = idoc.text[sentences[si][0]:sentences[si][1]].strip()
        names_line = len(line) <= NAMES_LINE and "\n" not in line and not LOWER_WORD.search(line)
        cue = OUR_SISTERS.search(idoc.text, *sentences[si])
        here = [m for m in by_sent[si] if id(m) in partner_ids and not _is_dateline(idoc.text, m)
                and not RANKED_AFTER.search(idoc.text, max(0, m.start - 90), m.start)]
        if any(m.attrs.get("country") != "ID" and Place.from_mention(m).key != Place.from_mention(own).key
               for m in here):
            continue  # another city abroad in the sentence: whose sister it is is not ours to guess
        for m in here:
            if m.attrs.get("country") != "ID" or _is_region(m) != _is_region(own):
                continue
            if cue or (si > first and (names_line or OUR_COUNTRY_AFTER.match(idoc.text, m.end))):
                key = (Place.from_mention(m).key, Place.from_mention(own).key)
                if key not in sent_pairs.get(si, []):
                    _state(pairs, sent_pairs, si, Place.from_mention(m), Place.from_mention(own))
                elif si not in pairs[key].sentences:  # named together already, with no cue of their own
                    pairs[key].sentences.append(si)
    # A pair never stated with a cooperation cue is co-occurrence, not a partnership.
    pairs = {k: p for k, p in pairs.items() if p.sentences}
    by_place: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key in pairs:
        by_place[key[0]].add(key)
        by_place[key[1]].add(key)

    # Pass 2: context per sentence, then relationships, sectors, instruments, status.
    carry: list[tuple[str, str]] = []
    signings: set[str] | None = None
    carry_left = 0
    listed_pairs: list[tuple[str, str]] = []  # the pairs of the last sentence that named several
    last_list: list[tuple[str, str]] = []  # ... kept until another list: "keempat provinsi tersebut" goes back to it
    after_list = False  # the sentence before spoke of the listed pairs
    field_items: list[tuple[str, str]] = []  # the pairs whose fields the lines after "Bidang kerjasama:" list
    for si in range(len(sentences)):
        line = idoc.text[sentences[si][0]:sentences[si][1]]
        if not line.strip():
            continue  # a blank line is no sentence: it does not use up the pair carried over
        if READ_ALSO.match(line) or _in_links(links, sentences[si][0]):
            continue  # "Baca juga: ... Bahas Kerja Sama Pelabuhan": another story's fields are not this pair's
        ms = by_sent.get(si, [])
        if field_items and (len(line.strip()) > FIELD_ITEM or any(id(m) in partner_ids for m in ms)):
            field_items = []
        anaphor = ANAPHOR.search(idoc.text, *sentences[si]) if carry else None
        ctx = [k for k in sent_pairs.get(si, []) if k in pairs]
        if not ctx:
            named = {Place.from_mention(m).key for m in ms if id(m) in partner_ids}
            cands = set().union(*(by_place[k] for k in named)) if named else set()
            abroad = {Place.from_mention(m).key for m in ms if id(m) in partner_ids and m.attrs.get("country") != "ID"}
            if (abroad and len(named) == len(abroad) and any(not by_place.get(k) for k in abroad)
                    and (len(abroad) > 1 or _foreign_between([m for m in ms if id(m) in partner_ids], idoc.text))
                    and any(m.type in ("RELATIONSHIP", "INSTRUMENT") for m in ms)):
                # "The Sister City Agreement between Nanjing and York seeks to ...": Nanjing with a partner of its
                # own abroad, not with us; the pair in focus is left
                cands, carry = set(), []
            if len(cands) == 1:
                ctx = list(cands)
            elif (len(cands) > 1 and named == abroad and all(len(by_place[k]) == 1 for k in abroad)
                  and _sector_owners(ms, {k[1] for k in cands})):
                # "Kerja sama dengan Suwon meliputi ..., sedangkan dengan Hamamatsu ...": partners of one pair each
                ctx = sorted(cands)
            elif len(cands) > 1 and COUNTED.search(idoc.text, sentences[si][0], sentences[si][1]):
                # "Jawa Barat menandatangani MoU dengan empat provinsi di RRC. Keempat provinsi ... yaitu A, B, C
                # dan D": the pairs the next sentence lists
                listed_next = [k for k in sent_pairs.get(si + 1, []) if k in cands]
                if len(listed_next) > 1:
                    ctx = listed_next
            elif not named and len(pairs) == 1 and (
                    any(m.type == "INSTRUMENT" for m in ms)
                    or THESE_PARTNERSHIPS.search(idoc.text, sentences[si][0], sentences[si][1])
                    or COOP_FIELDS.search(idoc.text, sentences[si][0], sentences[si][1])):
                # a document about one partnership: a sentence on "the LoI", "kerja sama ini" that names no
                # place speaks of it, however far from where the pair was named (a definition of sister
                # cities in general, with neither, does not)
                ctx = list(pairs)
        if ctx:
            if len(ctx) == 1:
                carry, carry_left = ctx, CARRY_SENTENCES
            elif not (carry and carry[0] not in ctx):
                # a list naming other partners in passing ("Thus far, Jakarta has also ... with Beijing, Tokyo ...")
                # leaves the pair the text is about in focus; a list that names it takes its place
                carry = []
            listed_pairs = ctx if len(ctx) > 1 else []
            if len({k[0] for k in listed_pairs}) == 1:  # the partners of one Indonesian place
                last_list = listed_pairs
            after_list = len(ctx) > 1
        elif listed_pairs and all(Place.from_mention(m).key in {k[0] for k in listed_pairs} or _venue(idoc.text, m)
                                  for m in ms if id(m) in partner_ids) and \
                THESE_PARTNERSHIPS.search(idoc.text, sentences[si][0], sentences[si][1]):
            # 'Kerja sama "sister city" tersebut dilakukan atas dasar LoI' after a list of partners: all of them
            # (the list's own side named again, or where it was signed, aside: "Gubernur Jawa Barat menandatangani
            # nota kesepahaman kerjasama tersebut di Nanning")
            ctx = listed_pairs
        elif last_list and not any(id(m) in partner_ids for m in ms) and (
                COUNTED_BACK.search(idoc.text, sentences[si][0], sentences[si][1])
                or (after_list and (LIST_GOES_ON.match(idoc.text, sentences[si][0])
                                    or (any(m.type == "INSTRUMENT" for m in ms) and len(last_list) == len(pairs))))):
            # "... bersama empat provinsi tersebut. Di antaranya kesenian, kebudayaan, ...": the listed pairs
            ctx = last_list
            after_list = True
        elif carry and (carry_left > 0 or anaphor):
            after_list = False
            ctx = carry
            carry_left = CARRY_SENTENCES if anaphor else carry_left - 1
            if anaphor and PROVINCES_ANAPHOR.fullmatch(anaphor.group()) and not _region_pair(pairs[carry[0]]):
                # "Potensi bidang-bidang kerja sama kedua provinsi ..." after the city pair: the one province pair
                # that shares a side with it
                provincial = [k for k, p in pairs.items() if _region_pair(p) and set(k) & set(carry[0])]
                if len(provincial) == 1:
                    ctx = provincial
        item = bool(field_items)
        if item:  # "Bidang kerjasama:\n1. Pengembangan pelabuhan\n2. Perdagangan ...": each line is a field
            ctx = field_items
        if ctx and FIELDS_FOLLOW.search(line):
            field_items = list(ctx)
        if not ctx or not ms:
            continue
        s_start, s_end = sentences[si]
        text = idoc.text[s_start:s_end]
        rels = [m.value for m in ms if m.type == "RELATIONSHIP"]
        cue = bool(rels) or any(m.type == "INSTRUMENT" for m in ms)
        in_org_only = ({Place.from_mention(m).key for m in ms if m.type in PLACE_TYPES and m.attrs.get("in_org")}
                       - {Place.from_mention(m).key for m in ms if id(m) in partner_ids})
        for key in ctx:
            pair = pairs[key]
            for r in rels:
                if r != "cooperation":
                    pair.relationships[r] += 1
            carried = key not in sent_pairs.get(si, [])
            tied: Mention | None = None
            general = carried and GENERAL.search(text) is not None
            sector_owners = _sector_owners(ms, {k[1] for k in ctx}) if len(ctx) > 1 else {}
            for m in sorted((m for m in ms if m.type == "SECTOR" and not general
                             and sector_owners.get(id(m), key[1]) == key[1]), key=lambda m: m.start):
                gap = idoc.text[tied.end:m.start] if tied is not None else ""
                listed = tied is not None and (LIST_GAP.match(gap) or UNKNOWN_ITEM_GAP.match(gap)) is not None
                if listed or item or _sector_in_cooperation(idoc.text, m, ms, (s_start, s_end), pair, carried):
                    pair.sectors.setdefault(m.value, []).append(si)
                    tied = m
                else:
                    tied = None
            status = _status_for(key, ctx, ms, text, s_start)
            if status == "failed" or (status and pair.status != "failed"):
                pair.status = status
            partner = next((m for m in ms if m.type in PLACE_TYPES and Place.from_mention(m).key == key[1]), None)
            named = {Place.from_mention(m).key for m in ms if m.type in PLACE_TYPES}
            if key[1] in in_org_only:
                # "Pemerintah Kota Metro telah menandatangani nota kesepahaman dengan University of Kitakyushu": the
                # partner's name only inside an organisation's, which is the instrument's other side
                continue
            owners = _instrument_owners(ms, {k[1] for k in ctx}) if len(ctx) > 1 else {}
            for inst in _instruments(idoc, [m for m in ms if owners.get(id(m), key[1]) == key[1]], (s_start, s_end),
                                     text, si in table_rows,
                                     partner if len(ctx) > 1 else None, key[0] in named and key[1] in named):
                # a foreseen instrument is not signed; one "yang sudah ada" was signed before this text's events
                if (not inst.signed and inst.status != "planned" and not EXISTING.search(text)
                        and not FOLLOWED_UP.search(text)):
                    if signings is None:  # the dated signings the text tells, looked up once per document
                        signings = {_only_date(by_sent, j) for j in range(len(sentences))
                                    if DATED_SIGNING.search(idoc.text, *sentences[j])} - {""}
                    inst.signed = _date_next_door(idoc.text, sentences, by_sent, si, text, signings)
                pair.instruments.append(inst)

    return [row for pair in pairs.values() for row in _rows(idoc, pair, sentences)]


def _national(text: str, span: tuple[int, int], ms: list[Mention]) -> bool:
    """The sentence tells an instrument between two national governments, each named by its country."""
    countries = [m for m in ms if m.type == "COUNTRY"]
    for x in NATIONAL_PARTIES.finditer(text, *span):
        if all(any(m.start <= x.start(g) < m.end or x.start(g) <= m.start < x.end(g) for m in countries) for g in "ab"):
            return True
    return False


UNNAMED_GOV = re.compile(r"\b(pemkot|pemkab|pemerintah kota|pemerintah kabupaten|wali ?kota|bupati)\b[ \t]*", re.I)


def _unnamed_government(text: str, lo: int, hi: int) -> bool:
    """The sentence's local government is named by its office only ("Pemkot jalin ...", "Wali kota menerima ...",
    not "Wali Kota Bandung" nor "Wali Kota (Bandung)")."""
    return any(not text[m.end():m.end() + 1].isupper() and text[m.end():m.end() + 1] not in ("(", '"', "“")
               for m in UNNAMED_GOV.finditer(text, lo, hi))


def _with_list(text: str, places: list[Mention]) -> bool:
    """The sentence's places are one list after "dengan" / "with" ("Adapun dengan Kochi, ..."), none before it
    ("Davao City has sisterhood agreements with ..." names its own subject)."""
    if not places or not WITH_BEFORE.search(text, max(0, places[0].start - 20), places[0].start):
        return False
    return all(LIST_GAP.match(text[a.end:b.start]) for a, b in zip(places, places[1:]))


def _instrument_owners(ms: list[Mention], partners: set[str]) -> dict[int, str]:
    """id(instrument or date mention) -> the partner it goes with, where a sentence names several partners and
    several instruments: "LoI dengan Kota Cuenca pada Agustus 2017, sedangkan MoU dengan Kota Melbourne ..."."""
    named = [m for m in ms if m.type in PLACE_TYPES and Place.from_mention(m).key in partners]
    insts = [m for m in ms if m.type == "INSTRUMENT"]
    if len({Place.from_mention(m).key for m in named}) < 2 or len(insts) < 2:
        return {}
    owners = {id(i): Place.from_mention(min(named, key=lambda m: (abs(m.start - i.start), m.start))).key for i in insts}
    # every partner must own one, else the instruments are shared ("MoU dengan Cuenca dan Melbourne")
    if set(owners.values()) != {Place.from_mention(m).key for m in named}:
        return {}
    # a date goes with the instrument told last before it ("... pada Agustus 2017, sedangkan MoU ...")
    for d in (m for m in ms if m.type == "DATE"):
        before = [i for i in insts if i.start < d.start]
        if before:
            owners[id(d)] = owners[id(max(before, key=lambda i: i.start))]
    return owners


def _sector_owners(ms: list[Mention], partners: set[str]) -> dict[int, str]:
    """id(sector mention) -> the partner it goes with, where a sentence names several partners each followed by its
    own fields: "Kerja sama dengan Suwon meliputi pendidikan, sedangkan dengan Hamamatsu bidang industri"."""
    named = sorted((m for m in ms if m.type in PLACE_TYPES and Place.from_mention(m).key in partners),
                   key=lambda m: m.start)
    sectors = [m for m in ms if m.type == "SECTOR"]
    keys = list(dict.fromkeys(Place.from_mention(m).key for m in named))
    if len(keys) < 2 or not sectors:
        return {}
    owners = {}
    for x in sectors:
        before = [m for m in named if m.start < x.start]
        if not before:
            return {}  # fields before any partner are shared
        owners[id(x)] = Place.from_mention(before[-1]).key
    # every partner must own one, else the fields are shared ("dengan Suwon dan Hamamatsu meliputi pendidikan")
    return owners if set(owners.values()) == set(keys) else {}


CAPITALS = re.compile(r"[A-Z]{3}")  # a word in capitals (with no lower-case letter on the line: a title's line)


def _caps_blocks(text: str, sentences: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of two to four lines in capitals, blank lines between allowed: one title broken over lines."""
    blocks: list[list[int]] = []
    run: list[int] = []
    for j, (lo, hi) in enumerate(sentences):
        line = text[lo:hi].strip()
        if not line:
            continue
        if line == line.upper() and CAPITALS.search(line) and len(line.split()) >= 2 and "\n" not in line:
            run.append(j)
            continue
        if 2 <= len(run) <= 4:
            blocks.append(run)
        run = []
    if 2 <= len(run) <= 4:
        blocks.append(run)
    return blocks


def _state(pairs: dict[tuple[str, str], Pair], sent_pairs: dict[int, list[tuple[str, str]]], si: int,
           indo: Place, foreign: Place) -> None:
    """Record that sentence si states the pair of `indo` and `foreign`."""
    key = (indo.key, foreign.key)
    pairs.setdefault(key, Pair(indo, foreign)).sentences.append(si)
    sent_pairs.setdefault(si, []).append(key)


def _heading_list(text: str, sentences: list[tuple[int, int]], si: int, ms: list[Mention], partners: list[Mention],
                  partner_ids: set[int], sent_of: Any, sister_doc: bool) -> list[tuple[Mention, Mention, int]]:
    """(Indonesian place, foreign place, item's sentence) for each item line of a list under sentence si: the heading
    names one place, each item one of the other side ("Western Australia has five Sister States: • East Java ...")."""
    here = {Place.from_mention(m).key: m for m in ms if id(m) in partner_ids}
    if len(here) != 1:
        return []
    head = next(iter(here.values()))
    home_head = head.attrs.get("country") == "ID"
    end = sentences[si][1]
    while end > sentences[si][0] and text[end - 1].isspace():
        end -= 1
    nl = text.find("\n", end)
    if nl < 0 or text[end:nl].strip():
        return []  # the heading ends its line
    heading = text[sentences[si][0]:end]
    starts = [m.start for m in partners]  # partners are in text order
    colon = heading.endswith(":")
    if not colon and _on_item_line(text, sentences[si][0]):
        return []  # "4. Sawahlunto, Indonesia - 2004 (Friendship City)": an item of a list, heading no list of its own
    # ... or as a title on its partners: "Suwon's Sister Cities", "Sister Cities and Friendship Cities of Kochi City"
    title = (not home_head and len(heading) <= NAMES_LINE and not LOWER_WORD.search(POSSESSIVE_S.sub("", heading))
             and any(m.type == "RELATIONSHIP" and m.value != "cooperation" for m in ms))
    if not home_head and not colon and not title:
        return []  # a foreign heading opens a list only with its colon (a table's rows name their own partner)
    # in a text on sister cities a heading of the city's name alone leaves the cue implicit: "Kota Medan:"
    if not any(m.type in ("RELATIONSHIP", "INSTRUMENT") for m in ms) and not (
            sister_doc and colon and len(heading) <= NAMES_LINE and not LOWER_WORD.search(heading)):
        return []
    out: list[tuple[Mention, Mention, int]] = []
    skipped = listed = 0
    lo = nl + 1
    while lo < len(text) and len(out) < HEADING_LIST_MAX:
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
        if hi - lo <= NAMES_LINE and not text[lo:hi].strip():
            if (out or skipped) and not title:  # (a title's items may stand apart, a blank line between)
                break
            lo = hi + 1
            continue
        marked = ITEM_MARK.match(text, lo, hi) is not None
        names_only = hi - lo <= 2 * NAMES_LINE and len(text[lo:hi].strip()) <= NAMES_LINE and not LOWER_WORD.search(
            text, lo, hi)
        on_line = partners[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        if not (marked or ((colon or title) and names_only)):
            break  # prose again
        if home_head and any(m.attrs.get("country") == "ID" for m in on_line):
            break  # another Indonesian place's list
        items = [m for m in on_line if (m.attrs.get("country") == "ID") != home_head]
        if items:
            pair = (head, items[0]) if home_head else (items[0], head)
            out.append((*pair, sent_of(items[0].start)))
        elif on_line and not home_head:
            listed += 1  # a foreign place's partner abroad: "• Hyogo Prefecture in Japan"
        elif out or skipped:
            break
        else:
            skipped += 1  # a table's header row: "No. Kota Negara Tahun"
        lo = hi + 1
    return out if len(out) + listed >= 2 else []


def _link_blocks(text: str) -> list[tuple[int, int]]:
    """The paragraphs that list other stories' titles under a heading ("Berita Terkini ...", "Related posts ...")."""
    blocks = []
    for m in re.finditer(r"(?:^|\n\n)", text):
        lo = m.end()
        if LINKS_HEADING.match(text, lo):
            hi = text.find("\n\n", lo)
            blocks.append((lo, len(text) if hi < 0 else hi))
    return blocks


def _in_links(blocks: list[tuple[int, int]], offset: int) -> bool:
    """The offset lies in one of the blocks of other stories' titles."""
    return any(lo <= offset < hi for lo, hi in blocks)


def _sentences_before(text: str, sentences: list[tuple[int, int]], si: int, reach: int) -> list[int]:
    """The sentences among the `reach` before sentence si, nearest first, that are not blank lines."""
    return [j for j in range(si - 1, max(-1, si - 1 - reach), -1) if text[sentences[j][0]:sentences[j][1]].strip()]


def _only_date(by_sent: dict[int, list[Mention]], j: int) -> str:
    """The one event date of day or month precision (or span of days) of sentence j, when it names no instrument."""
    ms = by_sent.get(j, [])
    if any(m.type == "INSTRUMENT" for m in ms):
        return ""
    # (or a span of days: "Kunjungan ... tanggal 5-9 Agustus 2019. Dalam kunjungan tersebut ditandatangani MoU")
    dates = {m.value for m in ms if m.type == "DATE" and m.attrs.get("role") == "event"
             and (m.attrs.get("precision") in ("day", "month") or DAY_SPAN.fullmatch(m.value))}
    return next(iter(dates)) if len(dates) == 1 else ""


def _date_next_door(text: str, sentences: list[tuple[int, int]], by_sent: dict[int, list[Mention]], si: int,
                    sentence: str, signings: set[str]) -> str:
    """The signing date of an instrument its own sentence leaves undated, from the sentence next door.

    "MoU itu diteken kedua wali kota. Penandatanganan dilakukan pada 3 Mei 2015." (the next
    sentence tells the signing and names no other instrument), or "Pertemuan digelar 17 November
    2015. Dalam pertemuan tersebut ditandatangani MoU ..." (the sentence refers back to the event
    of the nearest sentence before it that holds a date, a caption or a link line between them), or the
    one dated signing the text tells (`signings`), for a sentence that speaks of signing.
    The neighbour must hold exactly one event date of day or month precision.
    """
    nxt = text[sentences[si + 1][0]:sentences[si + 1][1]] if si + 1 < len(sentences) else ""
    # the next sentence tells the signing, or goes on about "kerja sama ini" ("... pada hari Selasa, 26 Maret")
    if nxt and (SIGNING_NOUN.search(nxt) or THESE_PARTNERSHIPS.match(nxt.lstrip()) or THE_CEREMONY.match(nxt.lstrip())):
        found = _only_date(by_sent, si + 1)
        if found:
            return found
    # ... or the sentence before it does: "... yang disepakati kedua pemimpin daerah pada November 2017. Dalam Nota
    # Kesepahaman itu ..."
    prev = _sentences_before(text, sentences, si, 3)[:1]
    if prev and AGREED.search(text, *sentences[prev[0]]):
        found = _only_date(by_sent, prev[0])
        if found:
            return found
    # "... Teken MoU Soal Penempatan Tenaga Kerja" (a headline) and "... melakukan penandatangan kerja sama ...,
    # Selasa 11 November 2022" (the body): the one signing the text dates is the one it names undated
    if len(signings) == 1 and SIGNING.search(sentence):
        return next(iter(signings))
    if BACK_REFERENCE.search(sentence):  # the nearest sentence before it that holds a date
        seen = 0
        for j in range(si - 1, -1, -1):
            if not text[sentences[j][0]:sentences[j][1]].strip():
                continue  # blank lines are no sentences
            if any(m.type == "DATE" for m in by_sent.get(j, [])):
                return _only_date(by_sent, j)
            seen += 1
            if seen >= BACK_SENTENCES:
                break
    return ""


def _status_for(key: tuple[str, str], ctx: list[tuple[str, str]], ms: list[Mention], text: str, offset: int) -> str:
    """'failed'/'ended' when the sentence says so of this pair: the nearest partner to the word takes it."""
    for status, pattern in (("failed", FAILED), ("ended", ENDED)):
        hit = pattern.search(text)
        if not hit:
            continue
        if len(ctx) == 1:
            return status
        where = offset + hit.start()
        partners = [m for m in ms if m.type in PLACE_TYPES and m.attrs.get("country") != "ID"]
        if partners:
            nearest = min(partners, key=lambda m: abs(m.start - where))
            if Place.from_mention(nearest).key == key[1]:
                return status
    return ""


def _sector_in_cooperation(text: str, m: Mention, ms: list[Mention], span: tuple[int, int], pair: Pair,
                           carried: bool = False) -> bool:
    """A sector counts when the sentence ties it to the partners' cooperation, not to one city's economy.

    `carried`: the pair is the sentence's subject by carry-over from the sentences before (it names
    neither side), so a field marker ("Termasuk di bidang pendidikan") ties the sector to it.
    """
    sentence = text[span[0]:span[1]]
    if LAW_TITLE.search(text[max(span[0], m.start - 120):m.start]):
        return False
    # "untuk memajukan perekonomian kedua negara": a goal, not a field; "kesamaan latar belakang budaya": a reason;
    # "hubungan bisnis to bisnis": a kind of tie
    if GOAL.search(text, max(span[0], m.start - 40), m.start) or SIMILARITY.search(text, max(span[0], m.start - 40), m.start) \
            or B2B.match(text, m.end) \
            or B2B_BEFORE.search(text, max(span[0], m.start - 20), m.start):
        return False
    if text[m.start:m.start + 1].isupper() and (ORG_NAME.search(text, max(span[0], m.start - 80), m.start)
                                                or ORG_HEAD_AFTER.match(text, m.end, span[1])):
        return False
    if CHAMBER.search(text, max(span[0], m.start - 20), m.start):  # "their chambers of commerce", "kamar dagang"
        return False
    if PEOPLE_OF.search(text, max(span[0], m.start - 12), m.start):  # "dukungan ... termasuk para pelajar": people
        return False
    if DEGREE.search(sentence) or (m.value == "governance" and (
            GOVERNMENT.match(text, m.start) or GOVERNMENT_LEVEL.search(text, max(span[0], m.start - 12), m.start))):
        return False
    if KEYWORDS.search(text, span[0], m.start):
        return False
    if RANKED.search(text[m.end:m.end + 14]) or RANKED.search(text[max(span[0], m.start - 12):m.start]):
        return False
    if SIMILAR_AFTER.search(text[m.end:min(span[1], m.end + 60)]) or INTERACTION_BEFORE.search(text[max(span[0], m.start - 12):m.start]):
        return False
    cues = [c.start for c in ms if c.type in ("RELATIONSHIP", "INSTRUMENT")]
    cues += [span[0] + x.start() for x in COOP_WORDS.finditer(sentence)]
    owned = [x.start() for x in ENDOWMENT.finditer(text, max(span[0], m.start - 100), m.start)]
    if owned and not any(owned[-1] < c < m.start for c in cues):
        return False  # a place's endowment listed after "memiliki", with no cooperation word since
    named = {Place.from_mention(p).key for p in ms if p.type in PLACE_TYPES}
    both = pair.a.key in named and pair.b.key in named
    before = text[max(span[0], m.start - 120):m.start]
    if any(0 <= m.start - c <= 160 for c in cues):
        return True
    if text[m.start:m.start + 1].islower() and any(0 < c - m.end <= 2 for c in cues):
        # "to discuss waste management cooperation": the field names the cooperation right after it (not in a
        # title: "Comprehensive Economic Partnership Agreement")
        return True
    # "... proyek kerjasama yang dapat dikembangkan oleh kedua provinsi, di antaranya ...; ...; serta e-government":
    # a list of fields opened after a cooperation cue runs to the end of the sentence
    opened = [x.start() for x in LIST_OPEN.finditer(text, span[0], m.start)]
    if opened and any(c < opened[-1] for c in cues):
        return True
    if FIELD_MARKER.search(before) and (cues or both or (carried and not named and not PROFILE.search(sentence))):
        return True
    return both and bool(PURPOSE.search(sentence))


def _instruments(idoc: IngestedDoc, ms: list[Mention], span: tuple[int, int], text: str, is_table: bool,
                 partner: Mention | None = None, named_pair: bool = False) -> list[Instrument]:
    """Instruments named in one sentence or table row, with dates, place of signing and duration.

    `partner`: the pair's foreign side as named in this sentence, when several pairs share it.
    `named_pair`: the sentence names both sides, so an instrument it names is theirs even undated.
    """
    insts = []
    negated: Mention | None = None
    for m in (m for m in ms if m.type == "INSTRUMENT"):
        if NOT_YET.search(idoc.text[max(span[0], m.start - 50):m.start]) or (
                negated is not None and ABBREVIATION_AFTER.fullmatch(idoc.text, negated.end, m.start)):
            negated = m  # ... and its abbreviation after it: "belum menggunakan Memorandum Of Understanding (MoU)"
        elif not INSTITUTIONS.match(idoc.text, m.end, span[1]):
            insts.append(m)
    # 'Letter of Intent (LoI) atau surat perjanjian kerja sama': another name for the same instrument, not a second one
    insts = [m for i, m in enumerate(insts) if not (i and GLOSS.fullmatch(idoc.text, insts[i - 1].end, m.start))]
    if not insts:
        return []
    # never the item's own date (a dateline, a copyright year), an access date or a law's year
    events = [m for m in ms if m.type == "DATE" and m.attrs.get("role") in ("event", "other", None)]
    # '"... sign the MoU," the Vice Mayor said on Saturday': the day a speaker spoke, unless the instrument is told of
    # there too ('..." kata Wali Kota usai penandatanganan MoU, Senin (12/3)')
    said = _attribution(idoc.text, span[0], span[1])
    if said is not None and all(m.end <= said.start() for m in insts):
        events = [m for m in events if m.start < said.start()]
    dates = [m for m in events if m.attrs.get("precision") in ("day", "month")]
    if not dates:  # "MoU ditandatangani dalam kunjungan 27-31 Agustus 2007": the days it was signed within
        dates = [m for m in events if m.attrs.get("precision") == "interval" and DAY_SPAN.match(m.value)]
    if not dates:  # "MoU ... pada tahun 2010": a year is the signing date only when nothing finer is said
        dates = [m for m in events if m.attrs.get("precision") == "year" and m.attrs.get("role") == "event"]
    if not dates:  # "sister province ... sejak tahun 1984 yang ditandai dengan adanya MoU": the MoU of 1984;
        # "LoI di tanda tangani, terhitung sejak 11 Desember 2019": the LoI of that day
        dates = [m for m in events if OPEN_SINCE.match(m.value) and m.attrs.get("role") == "event"]
    if partner is not None and len(dates) > 1:
        # "... dengan Braunschweig pada Juni 1960 dan dengan Fort Worth pada April 1990": the date
        # nearest after this pair's partner (else nearest before it) is this pair's
        after = [d for d in dates if d.start >= partner.end]
        dates = sorted(after, key=lambda d: d.start) + sorted((d for d in dates if d.start < partner.end),
                                                             key=lambda d: -d.start)
    elif len(dates) > 1 and len({m.value for m in insts}) == 1 and not is_table:  # a row: signed, then expiry
        # "dirintis pada tahun 2006 dan diresmikan melalui MoU pada 2008": the date nearest after the instrument
        # (else nearest before it) is its own
        first = min(m.start for m in insts)
        dates = sorted((d for d in dates if d.start >= first), key=lambda d: d.start) + sorted(
            (d for d in dates if d.start < first), key=lambda d: -d.start)
    # "MoU ... yang berakhir masa berlakunya pada tahun 2019": the date an instrument ends is not its signing
    ended = [d for d in dates if EXPIRY.search(idoc.text, max(span[0], d.start - 40), d.start)]
    # "penandatanganan LoI ... diawali dari kunjungan Menteri ... sekitar bulan April 2016": where it began, not the signing
    # ("Diawali penandatanganan Letter of Intent pada 28 Maret 2022" begins with the instrument itself: its date)
    origin = [d for d in dates if (o := ORIGIN.search(idoc.text, max(span[0], d.start - 160), d.start))
              and not any(o.end() <= i.start < d.start for i in insts)]
    dates = [d for d in dates if d not in ended and d not in origin]
    # "On October 5, 2022, ... to extend the MoU ... signed in 2019": the date right after the signing verb wins
    # over a finer date of another event in the sentence
    tied = [d for d in events if d.attrs.get("role") == "event" and d not in ended
            and SIGNED_ON.search(idoc.text, max(span[0], d.start - 40), d.start)]
    if tied:
        if partner is not None:  # several pairs: the tied date nearest after this pair's partner first, as above
            tied.sort(key=lambda d: (d.start < partner.end, d.start if d.start >= partner.end else -d.start))
        dates = tied + [d for d in dates if d not in tied]
    durations = [m for m in ms if m.type == "DURATION"]
    signed = dates[0] if dates else None
    if signed is not None and not tied and not SIGNING.search(text) and all(
            THIS_ONE.match(idoc.text, m.end) for m in insts):
        # '"LoI ini untuk mewujudkan rencana ... yang dibicarakan pada September lalu"': the instrument told of before,
        # with no signing in this sentence, takes none of its dates
        signed = None
    if signed is None and not SIGNING.search(text) and not is_table and not named_pair:
        return []
    place = ""
    if signed is not None:
        before = [m for m in ms if m.type in PLACE_TYPES and m.end <= signed.start and signed.start - m.end <= 3]
        after = [m for m in ms if m.type in PLACE_TYPES and m.start >= signed.end and 0 < m.start - signed.end <= 12
                 and re.match(r"\s+di\s", idoc.text[signed.end:m.start + 1])]
        if before:
            place = before[-1].value
        elif after:
            place = after[0].value
    expires = ended[0].attrs.get("value", ended[0].value) if ended else ""
    if not expires and signed is not None and len(dates) > 1 and (is_table or ENDED.search(text)):
        expires = dates[1].attrs.get("value", dates[1].value)
    # "MoU akan ditandatangani bulan depan": an instrument next to a future signing is foreseen, not signed
    future = [(span[0] + f.start(), span[0] + f.end()) for f in PLANNED.finditer(text)]
    between = [m.start for m in ms if m.type in ("DATE", "INSTRUMENT")]
    # the instrument inside the phrase, just after it ("segera diperpanjang melalui penandatanganan LoI"),
    # or just before it ("MoU yang akan ditandatangani")
    # ("plan to renew their MoU": a possessive between)
    # ("Rencananya, letter of intent akan ditandatangani": inside it, unless signed already in between:
    # "akan menindaklanjuti MoU yang telah ditandatangani")
    # "ditargetkan jalinan kerja sama yang semula bersifat LoI menjadi MoU": the instrument a text aims at
    planned = {m.value for m in insts if TARGET_BECOMES.search(idoc.text, max(span[0], m.start - 120), m.start)}
    planned |= {m.value for m in insts if any(
        ((-30 <= m.end - b and m.start - b <= 3 or a <= m.start < b) and not DONE.search(idoc.text, m.end, b))
        or (0 <= a - m.end <= 50 and not any(m.end <= x < a for x in between))
        or (3 < m.start - b <= 12 and POSSESSIVE.fullmatch(idoc.text, b, m.start) is not None)
        for a, b in future)}
    out = [Instrument(type=code, evidence=span, confidence=0.6, status="planned") for code in sorted(planned)]
    # several instruments: each its own date, a bare year too ("agreed in 1991 through a Letter of Intent and
    # formalised by a Memorandum of Understanding signed on 26 August 2007")
    years = [m for m in events if m.attrs.get("precision") == "year" and m.attrs.get("role") == "event"
             and m not in dates and m not in ended and not ORIGIN.search(idoc.text, max(span[0], m.start - 160), m.start)]
    several = sorted(dates + years, key=lambda d: d.start)
    own = _own_dates(insts, several) if len({m.value for m in insts}) > 1 and len(several) > 1 else {}
    # "Menindaklanjuti LoI yang sudah ada ...": an instrument said to exist already is not signed on this day
    # ("yang semula bersifat LoI menjadi MoU": the LoI was there before)
    earlier = {m.value for m in insts if EXISTING.search(idoc.text, m.end, min(span[1], m.end + 30))
               or FORMERLY.search(idoc.text, max(span[0], m.start - 40), m.start)}
    for code in dict.fromkeys(m.value for m in insts if m.value not in planned):
        date = None if code in earlier else own.get(code, signed)
        out.append(Instrument(
            type=code,
            signed=(date.value.removesuffix("/..") if date else ""),
            place=place,
            duration=durations[0].value if durations else "",
            expires=expires,
            evidence=span,
            confidence=0.9 if signed else 0.6,
        ))
    return out


def _own_dates(insts: list[Mention], dates: list[Mention]) -> dict[str, Mention]:
    """Each instrument's own date where a sentence names several with several dates ("a Letter of Intent
    signed in 1992 ... formalised by a Memorandum of Understanding in 1993"): the first date after it and
    before the next instrument."""
    ordered = sorted(insts, key=lambda m: m.start)
    own: dict[str, Mention] = {}
    for i, inst in enumerate(ordered):
        if inst.value in own or any(o.value == inst.value for o in ordered[:i]):
            continue  # "a Letter of Intent (LOI)": a type's first mention decides
        stop = next((o.start for o in ordered[i + 1:] if o.value != inst.value), 1 << 62)
        after = sorted((d for d in dates if inst.end <= d.start < stop), key=lambda d: d.start)
        # ... else the date just before it, after the instrument before it ("agreed in 1991 through a LoI")
        start = max((o.end for o in ordered[:i] if o.value != inst.value), default=-1)
        before = sorted((d for d in dates if start <= d.start and d.end <= inst.start), key=lambda d: -d.start)
        if after:
            own.setdefault(inst.value, after[0])
        elif before and not any(d is before[0] for d in own.values()):
            own.setdefault(inst.value, before[0])
    return own


def _merge_instruments(insts: Iterable[Instrument]) -> list[Instrument]:
    """One instrument per (type, date); a vaguer mention folds into a better-dated one of its type."""
    by_key: dict[tuple[str, str], Instrument] = {}
    for inst in insts:
        key = (inst.type, inst.signed)
        if key in by_key:
            old = by_key[key]
            old.place = old.place or inst.place
            old.duration = old.duration or inst.duration
            old.expires = old.expires or inst.expires
        else:
            by_key[key] = inst
    # Per type keep the finest dates said: a day or month beats a bare year, a year beats no date.
    best: dict[str, int] = defaultdict(int)
    for t, d in by_key:
        best[t] = max(best[t], _fineness(d))
    return [i for (t, d), i in sorted(by_key.items()) if _fineness(d) == best[t]]


def _fineness(edtf: str) -> int:
    """0 undated, 1 year, 2 month or day."""
    if not edtf:
        return 0
    return 2 if len(edtf) >= 7 and edtf[4] == "-" else 1


def agreement_id(doc_id: str, a: str, b: str, instrument: str, signed: str) -> str:
    """Stable id of an agreement row."""
    return hashlib.sha1(f"{doc_id}|{a}|{b}|{instrument}|{signed}".encode()).hexdigest()[:12]


def _rows(idoc: IngestedDoc, pair: Pair, sentences: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """agreements.csv rows of one pair: one per instrument, or one with no instrument."""
    rel = pair.relationships.most_common(1)[0][0] if pair.relationships else ""
    regions = pair.a.level == "region" and pair.b.level == "region"
    if not rel:
        rel = "sister_province" if "REGION" in (pair.a.level.upper(), pair.b.level.upper()) or pair.a.level == "region" else "cooperation"
    elif rel == "sister_city" and regions:
        rel = "sister_province"  # SPEC: between regions ("sister city" as the press writes it of two provinces)
    sectors = "|".join(sorted(pair.sectors))
    first = sentences[pair.sentences[0]]
    base = {
        "relationship": rel,
        "city_a": pair.a.name, "country_a": pair.a.country, "geonames_a": pair.a.geonames_id or "",
        "iso3166_2_a": pair.a.iso3166_2,
        "city_b": pair.b.name, "country_b": pair.b.country, "geonames_b": pair.b.geonames_id or "",
        "iso3166_2_b": pair.b.iso3166_2,
        "sectors": sectors,
        "status": pair.status,
        "key_a": pair.a.key, "key_b": pair.b.key,
    }
    insts = _merge_instruments(pair.instruments) or [Instrument(type="", evidence=first, confidence=0.6)]
    rows = []
    for inst in insts:
        s, e = inst.evidence
        rows.append({
            **base,
            "agreement_id": agreement_id(idoc.doc_id, pair.a.key, pair.b.key, inst.type, inst.signed),
            "instrument": inst.type, "signed": inst.signed, "place": inst.place,
            "duration": inst.duration, "expires": inst.expires,
            "evidence": idoc.text[s:e].strip(), "start": s, "end": e,
            "confidence": inst.confidence,
        })
        if inst.status:
            rows[-1]["status"] = inst.status
    return rows
