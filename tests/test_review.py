"""Report pages: the span renderer, the pages' content, DOC lookup, and a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contract import COLUMNS
from pipeline.io import write_csv
from pipeline.review import Span, edtf_year, render_reports, render_text, review_path

CHROMIUM = Path("/usr/bin/chromium")
DOC = "a1b2c3d4e5f60718"
FAILED = "ffff000011112222"
PLAIN = "0123456789abcdef"

# Written for these tests.
PAGE1 = ("BAB I PENDAHULUAN\n"
         "Pemerintah Kota Semarang dan Kota Brisbane ditandatangani pada 4 Maret 2011 sebuah nota kesepahaman.\n"
         "Catatan <b id=\"pwned\">tebal</b> & \"kutip\" tidak boleh menjadi markup.\n")
PAGE2 = ("Kerja sama itu meliputi bidang pendidikan dan pariwisata selama lima tahun.\n"
         "Provinsi Jawa Tengah bersaudara dengan Queensland sejak tahun 70-an.\n")
TEXT = PAGE1 + PAGE2


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return i, i + len(sub)


def _mention(mid: str, mtype: str, sub: str, value: str, *, span: tuple[int, int] | None = None,
             method: str = "rule", confidence: float = 0.9) -> dict:
    s, e = span or _span(sub)
    return {"doc_id": DOC, "mention_id": mid, "type": mtype, "text": sub, "start": s, "end": e,
            "page": 1 if s < len(PAGE1) else 2, "section": "chapter", "sentence": "", "value": value,
            "method": method, "confidence": confidence, "attrs": "{}"}


MENTIONS = [
    _mention("m0org0000001", "ORG", "Pemerintah Kota Semarang", "Pemerintah Kota Semarang"),
    _mention("m0city000001", "CITY", "Semarang", "Semarang"),  # nested in the ORG
    _mention("m0city000002", "CITY", "Brisbane", "Brisbane"),
    _mention("m0org0000002", "ORG", "Brisbane", "Brisbane City Council"),  # same range as the CITY
    _mention("m0rel0000001", "RELATIONSHIP", "ditandatangani pada 4 Maret", "signing"),  # crosses the DATE
    _mention("m0date000001", "DATE", "4 Maret 2011", "2011-03-04"),
    _mention("m0inst000001", "INSTRUMENT", "nota kesepahaman", "memorandum_of_understanding"),
    _mention("m0sect000001", "SECTOR", "pendidikan", "education"),
    _mention("m0sect000002", "SECTOR", "pariwisata", "tourism"),
    _mention("m0dur0000001", "DURATION", "lima tahun", "P5Y"),
    _mention("m0reg0000001", "REGION", "Jawa Tengah", "Jawa Tengah <b>"),  # markup in a value
    _mention("m0reg0000002", "REGION", "Queensland", "Queensland"),
    _mention("m0date000002", "DATE", "tahun 70-an", "197X"),
    # a span across the page break
    _mention("m0xpage00001", "PERSON", "markup.\nKerja", "x", span=(len(PAGE1) - 8, len(PAGE1) + 5)),
    _mention("m0zero000001", "CITY", "", "nothing", span=(10, 10)),  # zero length: listed, not drawn
    _mention("m0far0000001", "CITY", "Jauh", "Jauh", span=(len(TEXT) + 5, len(TEXT) + 9)),  # out of range
]
DRAWN = len(MENTIONS) - 2


def _agreement(aid: str, city_a: str, ca: str, ga: str, iso_a: str, city_b: str, cb: str, gb: str, iso_b: str,
               rel: str, inst: str, signed: str, sub: str) -> dict:
    s, e = _span(sub)
    return {"doc_id": DOC, "agreement_id": aid, "relationship": rel, "instrument": inst, "city_a": city_a,
            "country_a": ca, "geonames_a": ga, "iso3166_2_a": iso_a, "city_b": city_b, "country_b": cb,
            "geonames_b": gb, "iso3166_2_b": iso_b, "signed": signed, "place": "", "duration": "P5Y" if inst else "",
            "expires": "", "sectors": "education|tourism", "status": "", "evidence": sub, "start": s, "end": e,
            "confidence": 0.8, "page": 1 if s < len(PAGE1) else 2}


AGREEMENTS = [
    _agreement("ag0000000001", "Semarang", "ID", "1627896", "", "Brisbane", "AU", "2174003", "", "sister_city",
               "memorandum_of_understanding", "2011-03-04",
               "Pemerintah Kota Semarang dan Kota Brisbane ditandatangani pada 4 Maret 2011 sebuah nota kesepahaman."),
    _agreement("ag0000000002", "Jawa Tengah", "ID", "", "ID-JT", "Queensland", "AU", "", "AU-QLD",
               "sister_province", "letter_of_intent", "197X",
               "Provinsi Jawa Tengah bersaudara dengan Queensland sejak tahun 70-an."),
    _agreement("ag0000000003", "Semarang", "ID", "1627896", "", "Brisbane", "AU", "2174003", "", "sister_city",
               "", "", "Kerja sama itu meliputi bidang pendidikan dan pariwisata selama lima tahun."),
]
CITIES = [
    {"doc_id": DOC, "name": "Semarang", "country": "ID", "level": "city", "geonames_id": 1627896, "iso3166_2": "",
     "admin1": "ID-JT", "latitude": -6.9932, "longitude": 110.4203, "mentions": 1, "surfaces": "Semarang", "role": "partner"},
    {"doc_id": DOC, "name": "Brisbane", "country": "AU", "level": "city", "geonames_id": 2174003, "iso3166_2": "",
     "admin1": "AU-QLD", "latitude": -27.4679, "longitude": 153.0281, "mentions": 1, "surfaces": "Brisbane", "role": "partner"},
    {"doc_id": DOC, "name": "Jawa Tengah", "country": "ID", "level": "region", "geonames_id": "", "iso3166_2": "ID-JT",
     "admin1": "", "latitude": -7.25, "longitude": 110.0, "mentions": 1, "surfaces": "Jawa Tengah", "role": "partner"},
    {"doc_id": DOC, "name": "Queensland", "country": "AU", "level": "region", "geonames_id": "", "iso3166_2": "AU-QLD",
     "admin1": "", "latitude": -20.9, "longitude": 142.7, "mentions": 1, "surfaces": "Queensland", "role": "partner"},
    {"doc_id": DOC, "name": "Jauh", "country": "ID", "level": "city", "geonames_id": "", "iso3166_2": "",
     "admin1": "", "latitude": "", "longitude": "", "mentions": 1, "surfaces": "Jauh", "role": "other"},
]
PARTNERSHIPS = [
    {"partnership_id": "p00000000001", "city_a": "Semarang", "country_a": "ID", "geonames_a": 1627896,
     "iso3166_2_a": "", "city_b": "Brisbane", "country_b": "AU", "geonames_b": 2174003, "iso3166_2_b": "",
     "relationship": "sister_city", "first_date": "2011-03-04", "instruments": "memorandum_of_understanding@2011-03-04",
     "sectors": "education|tourism", "documents": DOC, "conflicts": "", "statuses": ""},
    {"partnership_id": "p00000000002", "city_a": "Jawa Tengah", "country_a": "ID", "geonames_a": "",
     "iso3166_2_a": "ID-JT", "city_b": "Queensland", "country_b": "AU", "geonames_b": "", "iso3166_2_b": "AU-QLD",
     "relationship": "sister_province", "first_date": "197X", "instruments": "letter_of_intent@197X", "sectors": "",
     "documents": f"{DOC}|{PLAIN}", "conflicts": "letter_of_intent signed: 1975 vs 197X", "statuses": ""},
    {"partnership_id": "p00000000003", "city_a": "Jauh", "country_a": "ID", "geonames_a": "", "iso3166_2_a": "",
     "city_b": "Entah", "country_b": "JP", "geonames_b": "", "iso3166_2_b": "", "relationship": "friendship_city",
     "first_date": "", "instruments": "", "sectors": "", "documents": PLAIN, "conflicts": "", "statuses": ""},
]


def _documents() -> list[dict]:
    base = {"format": "txt", "author": "Penulis Uji", "student_id": "", "institution": "Universitas Uji",
            "year": 2020, "language": "id", "study_programme": ""}
    return [
        {**base, "doc_id": DOC, "file": "raw/skripsi_semarang.txt", "sha256": DOC + "0" * 48, "title": "Kota <Kembar> & Co",
         "pages": 2, "chars": len(TEXT), "status": "ok", "message": ""},
        {**base, "doc_id": FAILED, "file": "raw/rusak.pdf", "sha256": FAILED + "0" * 48, "title": "", "pages": "",
         "chars": "", "status": "failed", "message": "no text layer <here>"},
        {**base, "doc_id": PLAIN, "file": "raw/sub/catatan.md", "sha256": PLAIN + "0" * 48, "title": "Catatan",
         "pages": "", "chars": 21, "status": "warning", "message": "short"},
    ]


@pytest.fixture()
def fixture_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """Minimal tables (the exact COLUMNS) and an ingest directory in the IngestedDoc shape."""
    tables, docs = tmp_path / "extracted", tmp_path / "interim" / "docs"
    docs.mkdir(parents=True)
    rows = {"documents": _documents(), "mentions": MENTIONS, "cities": CITIES, "dates": [], "sectors": [
        {"doc_id": DOC, "sector": "education", "label_id": "pendidikan", "label_en": "education", "mentions": 1,
         "surfaces": "pendidikan", "in_cooperation": True}], "agreements": AGREEMENTS, "partnerships": PARTNERSHIPS}
    for name, cols in COLUMNS.items():
        write_csv(tables / f"{name}.csv", cols, rows[name])
    index = []
    for d, text, pages in ((DOC, TEXT, [0, len(PAGE1)]), (PLAIN, "Catatan singkat saja.", [])):
        meta = next(x for x in _documents() if x["doc_id"] == d)
        doc = {"doc_id": d, "file": meta["file"], "sha256": meta["sha256"], "format": "txt", "text": text,
               "page_starts": pages, "sections": [{"kind": "body", "start": 0, "end": len(text), "language": "id",
                                                   "heading": "", "duplicate_of": None}],
               "footnotes": [], "tables": [], "meta": {"title": meta["title"]}, "status": meta["status"], "message": ""}
        (docs / f"{d}.json").write_text(json.dumps(doc), encoding="utf-8")
        (docs / f"{d}.txt").write_text(text, encoding="utf-8")
        index.append({k: doc[k] for k in ("doc_id", "file", "sha256", "format", "status", "message")})
    index.append({"doc_id": FAILED, "file": "raw/rusak.pdf", "sha256": FAILED + "0" * 48, "format": "pdf",
                  "status": "failed", "message": "no text layer <here>"})
    (docs / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return tables, docs


# --- the span renderer -----------------------------------------------------------------------


class _Fragments(HTMLParser):
    """Collect, per data-sid, the text inside its fragments; fail on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.inside: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        assert tag == "span"
        self.stack.append(a.get("data-sid"))
        if a.get("data-sid") is not None:
            self.inside.setdefault(a["data-sid"], [])

    def handle_endtag(self, tag: str) -> None:
        assert tag == "span" and self.stack, "unbalanced"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for sid in self.stack:
            if sid is not None:
                self.inside[sid].append(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab<&\" \n", min_size=0, max_size=30),
       st.lists(st.tuples(st.integers(-3, 33), st.integers(-3, 33)), max_size=8))
def test_render_text_keeps_text_and_every_span(text: str, ranges: list[tuple[int, int]]) -> None:
    spans = [Span(s, e, f'data-sid="{i}"', rank=i % 2) for i, (s, e) in enumerate(ranges)]
    parser = _Fragments()
    parser.feed(render_text(text, spans))
    parser.close()
    assert parser.stack == []
    assert "".join(parser.text) == text
    for i, (s, e) in enumerate(ranges):
        a, b = max(0, s), min(len(text), e)
        if a < b:
            assert "".join(parser.inside[str(i)]) == text[a:b]
        else:
            assert str(i) not in parser.inside


def test_render_text_nests_and_splits() -> None:
    html = render_text("abcdef", [Span(0, 4, 'class="x"', anchor="x"), Span(2, 6, 'class="y"', anchor="y"),
                                  Span(1, 2, 'class="z"')], {3: "<hr>"})
    assert html == ('<span id="x" class="x">a<span class="z">b</span><span id="y" class="y">c<hr>d</span></span>'
                    '<span data-cont="1" class="y">ef</span>')


def test_edtf_year() -> None:
    assert [edtf_year(v) for v in ("2013-08-17", "197X", "2007/..", "2012-11-03/2012-11-08", "", "x")] == \
        [2013, 1970, 2007, 2012, None, None]


# --- the pages -------------------------------------------------------------------------------


def test_render_reports_pages(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    tables, docs = fixture_dirs
    out = tmp_path / "reports"
    (out / "doc").mkdir(parents=True)
    (out / "doc" / "stale0000000000.html").write_text("old")
    paths = render_reports(tables, docs, out)
    assert paths[0] == out / "index.html"
    assert sorted(p.name for p in paths[1:]) == sorted(f"{d}.html" for d in (DOC, FAILED, PLAIN))
    assert not (out / "doc" / "stale0000000000.html").exists()

    page = (out / "doc" / f"{DOC}.html").read_text(encoding="utf-8")
    assert 'id="pwned"' not in page and "&lt;b id=&quot;pwned&quot;&gt;" in page
    assert "Kota &lt;Kembar&gt; &amp; Co" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert len(set(re.findall(r'class="m t-[A-Z]+" data-mid="([^"]+)"', page))) == DRAWN
    assert page.count('data-cont="1"') >= 2  # the crossing RELATIONSHIP/DATE and the span over the page break
    for a in AGREEMENTS:
        assert f'id="ev-{a["agreement_id"]}"' in page and f'href="#ev-{a["agreement_id"]}"' in page
    assert 'id="page-1"' in page and 'id="page-2"' in page
    assert "offsets out of range" in page and "empty span" in page and "Jawa Tengah &lt;b&gt;" in page
    assert "no text layer &lt;here&gt;" in (out / "doc" / f"{FAILED}.html").read_text(encoding="utf-8")

    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<circle class="place"') == 4  # Jauh has no coordinates
    assert index.count('<path class="link"') == 2  # arcs
    assert "Not on the map (no coordinates): Jauh (ID) – Entah (JP)" in index
    assert index.count('<circle class="event"') == 2
    assert index.count('<path class="edge"') == 3 and index.count('stroke-dasharray="6 3"') == 1
    assert f'href="doc/{DOC}.html#agreements"' in index and "no text layer &lt;here&gt;" in index


def test_render_reports_deterministic(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    tables, docs = fixture_dirs
    a, b = render_reports(tables, docs, tmp_path / "a"), render_reports(tables, docs, tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(a) == len(b) == 4
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_review_path(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    tables, docs = fixture_dirs
    out = tmp_path / "reports"
    render_reports(tables, docs, out)
    page = out / "doc" / f"{DOC}.html"
    assert review_path(out, DOC) == page
    assert review_path(out, DOC[:6]) == page
    assert review_path(out, "skripsi_semarang.txt") == page
    assert review_path(out, "raw/skripsi_semarang.txt") == page
    assert review_path(out, str(docs / f"{DOC}.txt")) == page
    assert review_path(out, "sub/catatan.md") == out / "doc" / f"{PLAIN}.html"
    renamed = tmp_path / "renamed.txt"  # found by its content hash
    renamed.write_bytes(b"some thesis bytes")
    import hashlib

    digest = hashlib.sha256(renamed.read_bytes()).hexdigest()
    lookup = json.loads((out / "documents.json").read_text())
    lookup[0]["sha256"] = digest
    (out / "documents.json").write_text(json.dumps(lookup))
    assert review_path(out, str(renamed)) == out / lookup[0]["page"]
    with pytest.raises(LookupError, match="no report page"):
        review_path(out, "tidak_ada.pdf")


# --- in a real browser -----------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not installed "
                                    "(apt-get install chromium) — browser checks of the report pages skipped")


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    shutil.rmtree(profile, ignore_errors=True)
    return result.stdout


def _png_stats(path: Path) -> tuple[int, float]:
    """(distinct colours, share of non-white pixels) of a PNG screenshot."""
    try:
        from PIL import Image
    except ImportError:  # crude: distinct bytes of the decompressed (filtered) image data
        data = path.read_bytes()
        pos, idat = 8, b""
        while pos < len(data):
            length = int.from_bytes(data[pos:pos + 4], "big")
            if data[pos + 4:pos + 8] == b"IDAT":
                idat += data[pos + 8:pos + 8 + length]
            pos += 12 + length
        raw = zlib.decompress(idat)
        return len(set(raw)), sum(1 for b in raw[::97] if b not in (0, 255)) / max(1, len(raw[::97]))
    with Image.open(path) as im:
        rgb = im.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        white = next((n for n, c in colours if c == (255, 255, 255)), 0)
        return len(colours), 1 - white / (rgb.width * rgb.height)


@needs_chromium
def test_pages_in_chromium(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    tables, docs = fixture_dirs
    out = tmp_path / "reports"
    render_reports(tables, docs, out)
    page = out / "doc" / f"{DOC}.html"

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert f'data-highlighted="{DRAWN}"' in dom, "the page's script did not count every highlighted mention"
    text = dom[dom.index('<div id="text">'):dom.index('<h2 id="mentions">')]
    assert len(set(re.findall(r'data-mid="([^"]+)"', text))) == DRAWN
    assert '<b id="pwned"' not in dom and '&lt;b id="pwned"&gt;' in dom

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#m-m0reg0000001")
    panel = dom[dom.index('id="panel-body"'):]
    assert 'data-shown="m0reg0000001"' in dom and "Jawa Tengah &lt;b&gt;" in panel and "rule" in panel
    assert panel.index("m0reg0000001") < len(panel)

    dom = _chromium(tmp_path, "--dump-dom", (out / "index.html").as_uri())
    assert dom.count('class="place"') == 4 and dom.count('class="edge"') == 3

    for name, url in (("doc", page.as_uri()), ("index", (out / "index.html").as_uri())):
        png = tmp_path / f"{name}.png"
        _chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,900", url)
        colours, ink = _png_stats(png)
        assert colours > 20 and ink > 0.02, f"{name} screenshot looks blank: {colours} colours, {ink:.1%} ink"


def test_render_reports_rewrites_only_changed_pages(fixture_dirs: tuple[Path, Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.review as review_mod

    tables, docs = fixture_dirs
    out = tmp_path / "r"
    render_reports(tables, docs, out)
    pages = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "doc").glob("*.html")}
    assert len(pages) == 3 and all(b.endswith(b" -->\n") for b, _ in pages.values())
    calls: list[str] = []
    real = review_mod.render_document
    monkeypatch.setattr(review_mod, "render_document", lambda d, *a, **kw: calls.append(d["doc_id"]) or real(d, *a, **kw))
    render_reports(tables, docs, out)
    assert calls == []  # nothing changed: no page rendered or written again
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "doc").glob("*.html")} == pages
    (docs / f"{PLAIN}.txt").write_text("Catatan singkat saja, diubah.", encoding="utf-8")
    render_reports(tables, docs, out)
    assert calls == [PLAIN]
    fresh = tmp_path / "fresh"
    render_reports(tables, docs, fresh)
    assert {p.name: p.read_bytes() for p in (fresh / "doc").glob("*.html")} == \
        {p.name: p.read_bytes() for p in (out / "doc").glob("*.html")}
    calls.clear()
    monkeypatch.setattr(review_mod, "_report_key", lambda: "other code")
    render_reports(tables, docs, out)
    assert sorted(calls) == sorted([DOC, PLAIN, FAILED])


def test_render_reports_redoes_the_page_whose_rows_changed(fixture_dirs: tuple[Path, Path], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.review as review_mod
    from pipeline.io import read_csv

    tables, docs = fixture_dirs
    out = tmp_path / "r"
    render_reports(tables, docs, out)
    calls: list[str] = []
    real = review_mod.render_document
    monkeypatch.setattr(review_mod, "render_document", lambda d, *a, **kw: calls.append(d["doc_id"]) or real(d, *a, **kw))
    for table, column, value in (("agreements", "signed", "2031-01-02"), ("cities", "surfaces", "Kota X"),
                                 ("sectors", "mentions", "7")):
        rows = read_csv(tables / f"{table}.csv")
        assert rows and rows[0]["doc_id"] == DOC
        rows[0][column] = value
        write_csv(tables / f"{table}.csv", COLUMNS[table], rows)
        calls.clear()
        render_reports(tables, docs, out)
        assert calls == [DOC], table
        assert value in (out / "doc" / f"{DOC}.html").read_text(encoding="utf-8")


def test_table_rows_group_records_with_line_breaks_inside_cells(tmp_path: Path) -> None:
    from pipeline.io import read_csv
    from pipeline.review import TableRows

    path = tmp_path / "mentions.csv"
    rows = [{"doc_id": "a", "text": 'l1\r\nl2 "q"', "x": "=1"}, {"doc_id": "a", "text": '"\n"', "x": ""},
            {"doc_id": "b", "text": "ok", "x": "3"}]
    write_csv(path, ["doc_id", "text", "x"], rows)
    raw = TableRows(path)
    assert len(raw) == 3 and raw.counts() == {"a": 2, "b": 1}
    assert raw.rows("a") == [r for r in read_csv(path) if r["doc_id"] == "a"]
    assert raw.rows("a")[0]["text"] == 'l1\r\nl2 "q"' and raw.rows("a")[0]["x"] == "=1"
    assert raw.digest("a") != raw.digest("b") and raw.rows("zz") == []


def test_table_rows_read_the_same_through_offsets_as_scanned(fixture_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    from pipeline.io import csv_header, csv_rows
    from pipeline.offsets import EMPTY_DIGEST, TableOffsets, write_offsets
    from pipeline.review import TableRows
    from pipeline.review.load import checked_offsets

    tables, _ = fixture_dirs
    path = tables / "mentions.csv"
    rows = sorted(MENTIONS + [{**MENTIONS[0], "doc_id": PLAIN, "text": "a\r\nb"}], key=lambda r: r["doc_id"])
    found = TableOffsets(header=len(csv_header(COLUMNS["mentions"]).encode()))
    found.size = found.header
    for doc_id in sorted({r["doc_id"] for r in rows}):
        body, n = csv_rows(COLUMNS["mentions"], [r for r in rows if r["doc_id"] == doc_id])
        found.add(doc_id, body.encode(), n)
    write_csv(path, COLUMNS["mentions"], rows)
    write_offsets(tmp_path / "offsets.json", {"mentions": found})
    ranged, scanned = TableRows(path, checked_offsets(path, tmp_path / "offsets.json")), TableRows(path)
    assert ranged.offsets is not None and scanned.offsets is None
    assert ranged.counts() == scanned.counts() == {DOC: len(MENTIONS), PLAIN: 1} and len(ranged) == len(scanned)
    for doc_id in (DOC, PLAIN, "absent"):
        assert ranged.rows(doc_id) == scanned.rows(doc_id) and ranged.digest(doc_id) == scanned.digest(doc_id)
    assert scanned.digest("absent") == EMPTY_DIGEST
    path.write_bytes(path.read_bytes().replace(b"Semarang", b"SEMARANG"))  # hand-edited: the offsets no longer vouch
    assert checked_offsets(path, tmp_path / "offsets.json") is None


def test_report_fingerprint_covers_every_file_of_the_package() -> None:
    """A page is redone when any module or template of pipeline/review changes."""
    from pipeline.cache import PACKAGE_DIR
    from pipeline.review import REPORT_SOURCES

    covered = {p for pattern in REPORT_SOURCES for p in PACKAGE_DIR.glob(pattern) if p.is_file()}
    package = {p for p in (PACKAGE_DIR / "review").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert {p.name for p in package} >= {"__init__.py", "page.py", "document.html", "doc.js"}
    assert package <= covered
