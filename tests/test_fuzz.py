"""Property tests: the text normalizer and the extraction entry point never raise, and offsets always hold.

Generated text is Indonesian-looking: place names, dates, instruments and sectors mixed with
`<sup>n</sup>` markers, tabs, `---` page breaks, markdown marks, HTML bits and random unicode.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.annotate import annotate_doc
from pipeline.ingest import ingest_file
from pipeline.types import IngestedDoc, Section

SETTINGS = {"deadline": None, "database": None, "derandomize": True,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

_PLACES = ["Surabaya", "Kota Surabaya", "Kota Gimje", "Gimje", "Busan", "Kota Busan", "Kabupaten Bantul",
           "Provinsi Jawa Timur", "Jawa Timur", "Kyoto", "Prefektur Kyoto", "Korea Selatan", "Jepang", "Tiongkok",
           "Brisbane", "Queensland", "Kota Medan", "Ichikawa", "Pemkot", "KOTA SURABAYA", "surabaya"]
_DATES = ["17 Agustus 2013", "tanggal 3-8 November 2012", "tahun 70-an", "sejak tahun 2007", "Maret 2020",
          "1 Januari 1999", "2012-2015", "2013/2014", "12/05/2010", "tahun 1997", "31 Februari 2021", "abad ke-21",
          "selama 5 (lima) tahun", "diakses 2 Mei 2020", "UU No. 23 Tahun 2014", "20XX"]
_WORDS = ["kerja sama", "kerjasama", "sister city", "kota kembar", "kota bersaudara", "sister province", "MoU",
          "nota kesepahaman", "Letter of Intent", "LoI", "perjanjian kerja sama", "ditandatangani", "pada", "di",
          "dengan", "dan", "yang", "bidang", "pendidikan", "pariwisata", "ekonomi", "kebudayaan", "perikanan",
          "pelabuhan", "smart city", "menjalin", "hubungan", "antara", "oleh", "BAB I", "PENDAHULUAN", "ABSTRAK",
          "Kata kunci:", "DAFTAR PUSTAKA", "Tabel 1.", "Oleh:", "NIM 0123456789", "Universitas Contoh", "1.",
          "a.", "(2)", "kesepa-", "kata-kata", ".", ",", ";", ":", "(", ")", "\"", "'", "US$ 13,200", "50%"]
_MARKS = ["<sup>1</sup>", "<sup>12</sup>", "<sup> 3 </sup>", "<sup>a</sup>", "<sup></sup>", "\t", "\t\t", "---",
          "\n---\n", "***", "___", "**", "*", "_", "__", "~~", "`", "# ", "## ", "###### ", "- ", "* ", "+ ", "> ",
          "| a | b |", "|---|---|", "[tautan](http://contoh.invalid/a_b)", "![gambar](x.png)", "<http://x.invalid>",
          "www.contoh.invalid/a-", "\\*", "\\_", "&amp;", "&#x27;", "&nbsp;", "<br>", "<br/>", "<b>", "</i>",
          "<sup>", "</sup>", "\f", "\r\n", "\r", "\u00ad", "\ufb01", "\u200b", "\ufeff", "\u00a0", "\u2028",
          "===", "...", "…", "–", "—", "\ue000", "\ue001", "\ue010", "\x00", "\x07"]

_piece = st.one_of(
    st.sampled_from(_PLACES), st.sampled_from(_DATES), st.sampled_from(_WORDS), st.sampled_from(_MARKS),
    st.sampled_from(["\n", "\n\n", " ", "  "]),
    st.text(max_size=12),  # any unicode, surrogates excluded
    st.integers(min_value=0, max_value=3000).map(str),
)
_indonesian = st.lists(_piece, max_size=70).map(lambda xs: " ".join(xs) if len(xs) % 3 else "".join(xs))


@pytest.fixture(scope="module")
def nlp(gazetteer_dir: Path):
    from pipeline.nlp import build_nlp

    return build_nlp(gazetteer_dir)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check_doc(doc: IngestedDoc) -> None:
    """The normalized record is self-consistent."""
    assert doc.status in ("ok", "warning", "failed")
    # the catch-all in ingest_file words an unexpected exception this way: it must never be needed
    assert not doc.message.startswith("could not read this"), doc.message
    if doc.status == "failed":
        assert doc.message and doc.text == ""
        return
    n = len(doc.text)
    assert doc.text.strip()
    assert "\r" not in doc.text and "\x00" not in doc.text  # tabs stay: they separate table cells
    assert doc.page_starts == sorted(doc.page_starts) and all(0 <= p <= n for p in doc.page_starts)
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= n
    for f in doc.footnotes:
        assert 0 <= f.start <= f.end <= n
        assert f.marker_start is None or 0 <= f.marker_start <= n
    for table in doc.tables:
        for c in table:
            assert 0 <= c.start <= c.end <= n


def _check_annotation(idoc: IngestedDoc, result: dict) -> None:
    n = len(idoc.text)
    for m in result["mentions"]:
        assert 0 <= m["start"] < m["end"] <= n, m
        assert m["text"] == idoc.text[m["start"]:m["end"]], m
        attrs = m["attrs"]
        # the evidence sentence holds the mention's start (a DATE/DURATION match can still run past a
        # line break into the next sentence: "selama 5\n\ntahun" — reported, not asserted here)
        assert 0 <= attrs["sentence_start"] <= m["start"] < attrs["sentence_end"] <= n, m
        assert attrs["page"] is None or 1 <= attrs["page"] <= max(1, len(idoc.page_starts)), m
    for a in result["agreements"]:
        assert 0 <= a["start"] <= a["end"] <= n, a


@settings(max_examples=3000, **SETTINGS)
@given(text=_indonesian, fmt=st.sampled_from([".txt", ".md"]), enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_normalizer_never_raises_and_stays_consistent(work: Path, text: str, fmt: str, enc: str) -> None:
    path = work / f"acak{fmt}"
    path.write_bytes(text.encode(enc, errors="surrogatepass"))
    _check_doc(ingest_file(path, meta_sidecar=False))


@settings(max_examples=1500, **SETTINGS)
@given(text=_indonesian, fmt=st.sampled_from([".txt", ".md"]))
def test_extraction_of_ingested_text_keeps_exact_offsets(nlp, work: Path, text: str, fmt: str) -> None:
    path = work / f"anotasi{fmt}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    idoc = ingest_file(path, meta_sidecar=False)
    _check_doc(idoc)
    if idoc.status == "failed":
        return
    _check_annotation(idoc, annotate_doc(nlp, idoc))


@settings(max_examples=1500, **SETTINGS)
@given(text=_indonesian, pages=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
       sections=st.lists(st.tuples(st.sampled_from(["body", "abstract", "references", "footnotes", "table", "title"]),
                                   st.integers(0, 400), st.integers(0, 400)), max_size=3))
def test_extraction_of_raw_text_never_raises(nlp, text: str, pages: list[int], sections: list) -> None:
    """annotate_doc on any text with any (in-range) page and section layout, without the normalizer in front."""
    n = len(text)
    idoc = IngestedDoc(doc_id="0123456789abcdef", file="acak.txt", sha256="0" * 64, format="txt", text=text,
                       page_starts=sorted({0, *(min(p, n) for p in pages)}) if pages else [],
                       sections=sorted((Section(kind, min(a, b, n), min(max(a, b), n)) for kind, a, b in sections),
                                       key=lambda s: (s.start, s.end)))
    _check_annotation(idoc, annotate_doc(nlp, idoc))
