"""Reviewer corrections: reject, set and add applied; orphans reported; the file checked on load."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.contract import COLUMNS
from pipeline.corrections import CSV_COLUMNS, Correction, CorrectionError, apply_corrections, load_corrections, write_orphans
from pipeline.io import read_csv
from pipeline.types import Mention

REPO = Path(__file__).resolve().parents[1]

DOC = "a1b2c3d4e5f60718"


def _row(table: str, **values: object) -> dict:
    return {**{c: "" for c in COLUMNS[table]}, **values}


@pytest.fixture()
def tables() -> dict[str, list[dict]]:
    return {
        "documents": [_row("documents", doc_id=DOC, file="raw/x.txt", status="ok")],
        "mentions": [
            _row("mentions", doc_id=DOC, mention_id="mcity0000001", type="CITY", text="Batu", start=10, end=14,
                 value="Batu", method="gazetteer", confidence=0.7, attrs="{}"),
            _row("mentions", doc_id=DOC, mention_id="mdate0000001", type="DATE", text="17 Agustus 2013", start=40,
                 end=55, value="2013-08-17", method="dates", confidence=0.9, attrs="{}"),
            _row("mentions", doc_id=DOC, mention_id="mdate0000002", type="DATE", text="2015", start=70, end=74,
                 value="2015", method="dates", confidence=0.9, attrs="{}"),
        ],
        "dates": [
            _row("dates", doc_id=DOC, mention_id="mdate0000001", text="17 Agustus 2013", value="2013-08-17",
                 precision="day", role="other", start=40, end=55),
            _row("dates", doc_id=DOC, mention_id="mdate0000002", text="2015", value="2015", precision="year",
                 role="event", start=70, end=74),
        ],
        "cities": [_row("cities", doc_id=DOC, name="Kimje", country="KR", geonames_id=1842939, role="partner"),
                   _row("cities", doc_id=DOC, name="Batu", country="ID", role="other")],
        "sectors": [_row("sectors", doc_id=DOC, sector="tourism", label_id="pariwisata", label_en="tourism",
                         mentions=2, in_cooperation=False)],
        "agreements": [_row("agreements", doc_id=DOC, agreement_id="ag0000000001", relationship="sister_city",
                            instrument="memorandum_of_understanding", city_a="Bandung", country_a="ID",
                            geonames_a=1650357, city_b="Kimje", country_b="KR", geonames_b=1842939,
                            signed="2013-08-17", start=30, end=90, confidence=0.8,
                            _key=("gn:1650357", "gn:1842939"))],
        "partnerships": [],
    }


def _c(table: str, key: str, action: str, field: str = "", value: str = "") -> Correction:
    return Correction(table=table, key=key, action=action, field=field, value=value, reviewer="ana")


def test_reject_removes_row_and_its_date(tables: dict) -> None:
    before = copy.deepcopy(tables)
    out, orphans = apply_corrections(tables, [_c("mentions", "mdate0000001", "reject"),
                                              _c("cities", f"{DOC}|batu", "reject")])
    assert orphans == []
    assert [m["mention_id"] for m in out["mentions"]] == ["mcity0000001", "mdate0000002"]
    assert [d["mention_id"] for d in out["dates"]] == ["mdate0000002"]  # the DATE mention's dates row went too
    assert [c["name"] for c in out["cities"]] == ["Kimje"]  # doc_id|name, case-insensitive name
    assert tables == before  # pure: the input is untouched


def test_set_changes_value_and_marks_reviewer(tables: dict) -> None:
    out, orphans = apply_corrections(tables, [
        _c("mentions", "mcity0000001", "set", "value", "Kota Batu"),
        _c("dates", "mdate0000001", "set", "role", "event"),
        _c("dates", "mdate0000002", "set", "value", "2015-06"),
        _c("sectors", f"{DOC}|tourism", "set", "in_cooperation", "true"),
        _c("agreements", "ag0000000001", "set", "signed", "2013-08-18"),
        _c("agreements", "ag0000000001", "set", "geonames_b", ""),
        _c("agreements", "ag0000000001", "set", "end", "95"),
    ])
    assert orphans == []
    city = out["mentions"][0]
    assert (city["value"], city["method"], city["confidence"]) == ("Kota Batu", "reviewer", 0.7)
    assert out["dates"][0]["role"] == "event"
    assert out["dates"][1]["value"] == "2015-06" and out["mentions"][2]["value"] == "2015-06"  # shared column
    assert out["mentions"][2]["method"] == "reviewer" and out["mentions"][1]["method"] == "dates"
    assert out["sectors"][0]["in_cooperation"] is True
    ag = out["agreements"][0]
    assert (ag["signed"], ag["geonames_b"], ag["end"]) == ("2013-08-18", None, 95)
    assert ag["_key"] == ("gn:1650357", "name:kimje|KR")  # what merge_partnerships groups by, recomputed
    assert set(ag) == set(COLUMNS["agreements"]) | {"_key"}  # no column added


def test_add_appends_rows(tables: dict) -> None:
    mention = {"doc_id": DOC, "type": "CITY", "text": "Malang", "start": 100, "end": 106, "value": "Malang",
               "method": "gazetteer"}
    agreement = {"doc_id": DOC, "relationship": "sister_city", "city_a": "Malang", "country_a": "ID",
                 "city_b": "Xi'an", "country_b": "CN", "start": 100, "end": 150}
    out, orphans = apply_corrections(tables, [
        _c("mentions", "", "add", value=json.dumps(mention)),
        _c("sectors", f"{DOC}|education", "add", value='{"in_cooperation": true, "mentions": 1}'),
        _c("agreements", "", "add", value=json.dumps(agreement)),
        _c("cities", f"{DOC}|Kimje", "add", value='{"level": "city"}'),  # exists: sets, does not duplicate
    ])
    assert orphans == []
    added = out["mentions"][-1]
    assert added["mention_id"] == Mention(DOC, "CITY", "Malang", 100, 106).mention_id
    assert (added["method"], added["confidence"], set(added)) == ("reviewer", 1.0, set(COLUMNS["mentions"]))
    sector = out["sectors"][-1]
    assert (sector["sector"], sector["label_id"], sector["in_cooperation"]) == ("education", "pendidikan", True)
    ag = out["agreements"][-1]
    assert ag["agreement_id"] and ag["city_b"] == "Xi'an" and ag["_key"] == ("name:malang|ID", "name:xi'an|CN")
    assert len(out["cities"]) == 2 and out["cities"][0]["level"] == "city"


def test_orphans_reported(tables: dict, tmp_path: Path) -> None:
    gone = [_c("mentions", "moved0000001", "reject"), _c("agreements", "agmissing001", "set", "signed", "2014"),
            _c("cities", f"{DOC}|Gimje", "reject")]
    out, orphans = apply_corrections(tables, [*gone, _c("mentions", "mcity0000001", "reject")])
    assert orphans == gone
    assert len(out["mentions"]) == 2
    path = tmp_path / "orphans.csv"
    assert write_orphans(orphans, path) == 3
    rows = read_csv(path)
    assert [r["key"] for r in rows] == ["moved0000001", "agmissing001", f"{DOC}|Gimje"]
    assert rows[0]["reason"] == "no row of mentions has mention_id = moved0000001"
    write_orphans([], path)
    assert read_csv(path) == []


def test_load_corrections(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text(
        "\ufefftable,key,action,field,value,reviewer,note\n"
        "# a comment\n"
        "\n"
        "mentions,mcity0000001,REJECT,,,ana,\"not a city, a stone\"\n"
        "sectors,a1b2c3d4e5f60718|tourism,set,in_cooperation,true,ana,\n"
        "agreements,,add,,\"{\"\"doc_id\"\": \"\"x\"\", \"\"city_a\"\": \"\"A\"\", \"\"city_b\"\": \"\"B\"\"}\",ana,\n",
        encoding="utf-8")
    got = load_corrections(path)
    assert [(c.table, c.action, c.line) for c in got] == [("mentions", "reject", 4), ("sectors", "set", 5),
                                                          ("agreements", "add", 6)]
    assert got[0].note == "not a city, a stone" and json.loads(got[2].value)["city_b"] == "B"
    assert load_corrections(tmp_path / "absent.csv") == []


@pytest.mark.parametrize("line, message", [
    ("places,k,reject,,,,", "table 'places'"),
    ("mentions,k,delete,,,,", "action 'delete'"),
    ("mentions,k,set,colour,red,,", "field 'colour'"),
    ("mentions,k,set,start,ten,,", "start must be an integer"),
    ("mentions,,reject,,,,", "reject needs a key"),
    ("cities,Kimje,reject,,,,", "doc_id|name"),
    ("agreements,,add,,[1],,", "JSON object"),
    ("mentions,,add,,\"{\"\"type\"\": \"\"CITY\"\"}\",,", "needs doc_id, start, end"),
    ("mentions,,add,,\"{\"\"colour\"\": 1}\",,", "not column(s) of mentions: colour"),
])
def test_load_rejects_malformed(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text(",".join(CSV_COLUMNS) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match=f"corrections.csv:2: .*{__import__('re').escape(message)}"):
        load_corrections(path)


def test_repo_corrections_file_loads() -> None:
    path = REPO / "review" / "corrections.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    assert isinstance(load_corrections(path), list)
