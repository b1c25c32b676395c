"""Tests for pipeline.evaluate: scoring of extracted tables against a gold JSONL."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import (
    METRICS,
    EvalReport,
    evaluate,
    format_report,
    load_gold,
    load_predictions,
    norm_id,
    write_metrics,
)
from pipeline.io import unsafe_cell

DOC_COLS = ["doc_id", "file", "sha256", "format", "status"]
CITY_COLS = ["doc_id", "name", "country", "level", "geonames_id", "iso3166_2", "admin1", "role"]
AGR_COLS = [
    "doc_id", "agreement_id", "relationship", "instrument",
    "city_a", "country_a", "geonames_a", "iso3166_2_a",
    "city_b", "country_b", "geonames_b", "iso3166_2_b",
    "signed", "sectors", "status",
]
DATE_COLS = ["doc_id", "text", "value", "precision", "role"]

# Invented gold documents (fictional places and ids).
GOLD_A: dict[str, Any] = {
    "id": "gA",
    "file": "alpha_0001.txt",
    "cities": [
        {"name": "Kotabaru", "country": "ID", "geonames_id": 1000001, "surfaces": ["Kota Kotabaru"]},
        {"name": "Nordheim", "country": "DE", "geonames_id": 2000002, "surfaces": ["Nordheim"]},
        {"name": "Pulau Kecil", "country": "ID", "geonames_id": None, "surfaces": ["P. Kecil", "Pulo Kecil"]},
        {"name": "Portville", "country": "US", "geonames_id": 3000003, "surfaces": ["Portville"], "uncertain": True},
        {"name": "Jawa Tengah", "country": "ID", "geonames_id": None, "iso3166_2": "ID-JT", "surfaces": ["Jateng"]},
        {"name": "Kyoto", "country": "JP", "geonames_id": 1857907, "iso3166_2": "JP-26", "surfaces": ["Prefektur Kyoto"]},
    ],
    "partnerships": [
        {
            "a": "Kotabaru", "a_country": "ID", "a_geonames_id": 1000001,
            "b": "Nordheim", "b_country": "DE", "b_geonames_id": 2000002,
            "relationship": "sister_city",
            "instruments": [
                {"type": "letter_of_intent", "date": "2015-03-02", "surface": "x"},
                {"type": "memorandum_of_understanding", "date": "2016-05-10", "surface": "y"},
            ],
            "sectors": ["education", "tourism"],
            "sectors_optional": ["trade"],
            "start": None, "end": None,
        },
        {
            "a": "Jawa Tengah", "a_country": "ID", "a_geonames_id": None, "a_iso3166_2": "ID-JT",
            "b": "Kyoto", "b_country": "JP", "b_geonames_id": 1857907, "b_iso3166_2": "JP-26",
            "relationship": "sister_province",
            "instruments": [{"type": "memorandum_of_understanding", "date": None, "surface": "z"}],
            "sectors": ["culture"],
            "sectors_optional": [],
            "start": None, "end": None,
        },
        {
            "a": "Kotabaru", "a_country": "ID", "a_geonames_id": 1000001,
            "b": "Portville", "b_country": "US", "b_geonames_id": 3000003,
            "relationship": "cooperation", "instruments": [], "sectors": ["economy"],
            "sectors_optional": [], "start": None, "end": None, "uncertain": True,
        },
    ],
    "dates": [
        {"surface": "a", "value": "2015-03-02", "role": "event"},
        {"surface": "b", "value": "2016-05-10", "role": "event"},
        {"surface": "c", "value": "2010/..", "role": "event"},
        {"surface": "d", "value": "2012", "role": "event", "uncertain": True},
        {"surface": "e", "value": "2020", "role": "publication"},
    ],
    "notes": "invented",
}

GOLD_B: dict[str, Any] = {
    "id": "gB",
    "file": "beta_0002.md",
    "cities": [
        {"name": "Sungai Raya", "country": "ID", "geonames_id": 1000010, "surfaces": ["Sungai Raya"]},
        {"name": "Lakeview", "country": "CA", "geonames_id": 4000004, "surfaces": ["Lakeview"]},
    ],
    "partnerships": [
        {
            "a": "Sungai Raya", "a_country": "ID", "a_geonames_id": 1000010,
            "b": "Lakeview", "b_country": "CA", "b_geonames_id": 4000004,
            "relationship": "sister_city", "instruments": [], "sectors": ["health"],
            "sectors_optional": [], "start": None, "end": None,
        }
    ],
    "dates": [{"surface": "f", "value": "1999", "role": "event"}],
    "notes": "invented",
}


# --------------------------------------------------------------------------- helpers


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def _side(p: dict[str, Any], s: str) -> dict[str, Any]:
    return {
        f"city_{s}": p[s], f"country_{s}": p[f"{s}_country"],
        f"geonames_{s}": p.get(f"{s}_geonames_id"), f"iso3166_2_{s}": p.get(f"{s}_iso3166_2"),
    }


def gold_to_tables(gold: list[dict[str, Any]], out: Path, *, file_prefix: str = "raw/") -> Path:
    """Convert gold documents into the four CSVs the evaluator reads (a perfect prediction)."""
    out.mkdir(parents=True, exist_ok=True)
    docs, cities, agreements, dates = [], [], [], []
    for n, g in enumerate(gold):
        doc_id = f"d{n:03d}"
        docs.append({"doc_id": doc_id, "file": file_prefix + g["file"], "status": "ok"})
        for c in g.get("cities", []):
            cities.append({
                "doc_id": doc_id, "name": c["name"], "country": c["country"],
                "level": "region" if c.get("iso3166_2") else "city",
                "geonames_id": c.get("geonames_id"), "iso3166_2": c.get("iso3166_2"), "role": "partner",
            })
        for p in g.get("partnerships", []):
            base = {"doc_id": doc_id, "relationship": p["relationship"], **_side(p, "a"), **_side(p, "b"),
                    "sectors": "|".join(p.get("sectors", []))}
            rows = [{**base, "instrument": i["type"], "signed": i["date"]} for i in p.get("instruments", [])]
            agreements.extend(rows or [{**base, "instrument": "", "signed": ""}])
        for d in g.get("dates", []):
            dates.append({"doc_id": doc_id, "text": d["surface"], "value": d["value"], "role": d["role"]})
    _write_csv(out / "documents.csv", DOC_COLS, docs)
    _write_csv(out / "cities.csv", CITY_COLS, cities)
    _write_csv(out / "agreements.csv", AGR_COLS, agreements)
    _write_csv(out / "dates.csv", DATE_COLS, dates)
    return out


def _write_gold(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rewrite(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        columns = next(csv.reader(fh))
    _write_csv(path, columns, rows)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """Gold file with the two invented documents and a perfect prediction for them."""
    gold = _write_gold(tmp_path / "gold.jsonl", [GOLD_A, GOLD_B])
    tables = gold_to_tables([GOLD_A, GOLD_B], tmp_path / "extracted")
    return gold, tables


def _assert_perfect(report: EvalReport) -> None:
    for metric in METRICS:
        c = report.totals[metric]
        assert (c.fp, c.fn) == (0, 0), (metric, format_report(report))
        assert c.f1 == 1.0
    assert report.misses == [] and report.false_hits == []


# --------------------------------------------------------------------------- tests


def test_perfect_prediction(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    report = evaluate(gold, tables)
    _assert_perfect(report)
    assert report.totals["places"].tp == 7  # 5 certain in gA (uncertain Portville excluded) + 2 in gB
    assert report.totals["partnerships"].tp == 3
    assert report.totals["instruments"].tp == 3
    assert report.totals["sectors"].tp == 4
    assert report.totals["event_dates"].tp == 4
    metrics = report.to_metrics()
    assert set(metrics) == set(METRICS) | {"wrong_links"}
    assert metrics["wrong_links"] == 0
    assert metrics["places"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 7, "fp": 0, "fn": 0}
    assert [r["type"] for r in report.per_type_rows()] == list(METRICS)


def test_wrong_geonames_id_is_fp_and_fn(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "cities.csv")
    for r in rows:
        if r["name"] == "Nordheim":
            r["geonames_id"] = "2999999"
    _rewrite(tables / "cities.csv", rows)
    report = evaluate(gold, tables)
    c = report.totals["places"]
    assert (c.tp, c.fp, c.fn) == (6, 1, 1)
    assert [f.label for f in report.misses] == ["Nordheim(2000002)"]
    assert [f.label for f in report.false_hits] == ["Nordheim(2999999)"]
    # the same place with another id: also reported as a wrong link (SPEC)
    assert [(f.label, f.error_class) for f in report.wrong_links] == [("Nordheim(2999999)", "wrong link")]
    assert report.to_metrics()["wrong_links"] == 1


def test_uncertain_items_count_neither_way(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    # The converter already predicts uncertain Portville, the uncertain pair and its sector, and the
    # uncertain 2012 date: none of them is a false hit.
    report = evaluate(gold, tables)
    assert report.totals["places"].fp == 0
    assert report.totals["partnerships"].fp == 0
    assert report.totals["sectors"].fp == 0
    assert report.totals["event_dates"].fp == 0
    # Dropping them is no loss either.
    cities = [r for r in _read_rows(tables / "cities.csv") if r["name"] != "Portville"]
    _rewrite(tables / "cities.csv", cities)
    agr = [r for r in _read_rows(tables / "agreements.csv") if r["city_b"] != "Portville"]
    _rewrite(tables / "agreements.csv", agr)
    dates = [r for r in _read_rows(tables / "dates.csv") if r["value"] != "2012"]
    _rewrite(tables / "dates.csv", dates)
    _assert_perfect(evaluate(gold, tables))


def test_optional_sector_predicted_is_not_fp(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "agreements.csv")
    for r in rows:
        if r["city_b"] == "Nordheim":
            r["sectors"] = r["sectors"] + "|trade"
    _rewrite(tables / "agreements.csv", rows)
    _assert_perfect(evaluate(gold, tables))
    # ... but a sector that is neither gold nor optional is a false hit.
    rows[0]["sectors"] += "|fisheries_marine"
    _rewrite(tables / "agreements.csv", rows)
    report = evaluate(gold, tables)
    assert report.totals["sectors"].fp == 1
    assert report.false_hits[0].label.endswith("fisheries_marine")


def test_reversed_pair_is_still_tp(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "agreements.csv")
    for r in rows:
        for col in ("city", "country", "geonames", "iso3166_2"):
            r[f"{col}_a"], r[f"{col}_b"] = r[f"{col}_b"], r[f"{col}_a"]
    _rewrite(tables / "agreements.csv", rows)
    _assert_perfect(evaluate(gold, tables))


def test_duplicate_agreement_rows_are_deduplicated(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "agreements.csv")
    _rewrite(tables / "agreements.csv", rows + rows)
    report = evaluate(gold, tables)
    _assert_perfect(report)
    assert report.totals["partnerships"].tp == 3


def test_instrument_with_wrong_date_is_fp_and_fn(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "agreements.csv")
    for r in rows:
        if r["instrument"] == "letter_of_intent":
            r["signed"] = "2015-03"
    _rewrite(tables / "agreements.csv", rows)
    report = evaluate(gold, tables)
    c = report.totals["instruments"]
    assert (c.tp, c.fp, c.fn) == (2, 1, 1)
    assert report.totals["partnerships"].fn == 0
    assert [f.label for f in report.misses] == [
        "Kotabaru(1000001)–Nordheim(2000002) letter_of_intent 2015-03-02"
    ]
    text = format_report(report)
    assert "gA  instruments  miss  Kotabaru(1000001)–Nordheim(2000002) letter_of_intent 2015-03-02" in text
    assert "gA  instruments  false  Kotabaru(1000001)–Nordheim(2000002) letter_of_intent 2015-03" in text


def test_undated_instrument_matches_empty_signed(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "agreements.csv")
    assert any(r["city_a"] == "Jawa Tengah" and r["signed"] == "" for r in rows)
    _assert_perfect(evaluate(gold, tables))


def test_non_event_date_roles_ignored(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "dates.csv")
    rows.append({"doc_id": "d000", "text": "q", "value": "1888", "precision": "year", "role": "publication"})
    rows.append({"doc_id": "d000", "text": "q", "value": "1889", "precision": "year", "role": "citation_access"})
    # A gold publication date predicted as an event is a false hit.
    rows.append({"doc_id": "d000", "text": "q", "value": "2020", "precision": "year", "role": "event"})
    _rewrite(tables / "dates.csv", rows)
    report = evaluate(gold, tables)
    c = report.totals["event_dates"]
    assert (c.tp, c.fp, c.fn) == (4, 1, 0)
    assert [f.label for f in report.false_hits] == ["2020"]


def test_document_missing_from_predictions(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    docs = [r for r in _read_rows(tables / "documents.csv") if r["doc_id"] != "d001"]
    _rewrite(tables / "documents.csv", docs)
    report = evaluate(gold, tables)
    assert report.missing_documents == ["gB"]
    per_doc = {d.gold_id: d for d in report.documents}
    assert per_doc["gB"].doc_id is None
    for metric, expected in {"places": 2, "partnerships": 1, "instruments": 0, "sectors": 1, "event_dates": 1}.items():
        assert per_doc["gB"].counts[metric].fn == expected
        assert per_doc["gB"].counts[metric].tp == 0
    assert per_doc["gA"].counts["places"].fn == 0
    assert "gB  document not in predictions" in format_report(report)


def test_all_documents_missing_when_no_tables(tmp_path: Path) -> None:
    gold = _write_gold(tmp_path / "gold.jsonl", [GOLD_A])
    report = evaluate(gold, tmp_path / "nothing")
    assert report.totals["places"].fn == 5
    assert report.totals["places"].recall == 0.0
    assert report.totals["places"].precision == 1.0
    assert report.missing_documents == ["gA"]


def test_quote_prefixed_cells(tmp_path: Path) -> None:
    assert unsafe_cell("'-12") == "-12"
    assert unsafe_cell("'=SUM") == "=SUM"
    assert unsafe_cell("'+x") == "+x"
    assert unsafe_cell("'@x") == "@x"
    assert unsafe_cell("'abc") == "'abc"
    assert unsafe_cell("'") == "'"
    assert unsafe_cell("''=x") == "''=x"
    gold_doc = {
        "id": "gQ", "file": "q.txt",
        "cities": [{"name": "=Ujung", "country": "ID", "geonames_id": None, "surfaces": ["=Ujung"]},
                   {"name": "Hilir", "country": "ID", "geonames_id": 1000020, "surfaces": []}],
        "partnerships": [{"a": "=Ujung", "a_country": "ID", "a_geonames_id": None,
                          "b": "Hilir", "b_country": "ID", "b_geonames_id": 1000020,
                          "relationship": "cooperation", "instruments": [], "sectors": [],
                          "sectors_optional": []}],
        "dates": [], "notes": "",
    }
    gold = _write_gold(tmp_path / "gold.jsonl", [gold_doc])
    tables = gold_to_tables([gold_doc], tmp_path / "t")
    for name in ("cities.csv", "agreements.csv"):
        rows = _read_rows(tables / name)
        for r in rows:
            for k, v in r.items():
                if v == "=Ujung":
                    r[k] = "'=Ujung"
        _rewrite(tables / name, rows)
    assert "'=Ujung" in (tables / "cities.csv").read_text(encoding="utf-8")
    preds = load_predictions(tables)
    assert preds["q.txt"].places[0].name == "=Ujung"
    _assert_perfect(evaluate(gold, tables))


def test_float_geonames_ids_are_normalised(setup: tuple[Path, Path]) -> None:
    assert norm_id("1842939.0") == "1842939"
    assert norm_id(" 1842939 ") == "1842939"
    assert norm_id(1842939) == "1842939"
    assert norm_id("") is None and norm_id(None) is None
    gold, tables = setup
    for name, cols in (("cities.csv", ["geonames_id"]), ("agreements.csv", ["geonames_a", "geonames_b"])):
        rows = _read_rows(tables / name)
        for r in rows:
            for col in cols:
                if r[col]:
                    r[col] = r[col] + ".0"
        _rewrite(tables / name, rows)
    assert "1000001.0" in (tables / "cities.csv").read_text(encoding="utf-8")
    _assert_perfect(evaluate(gold, tables))


def test_name_fallback_accepts_gold_surfaces(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "cities.csv")
    for r in rows:
        if r["name"] == "Pulau Kecil":
            r["name"] = "pulo kecil"
    _rewrite(tables / "cities.csv", rows)
    _assert_perfect(evaluate(gold, tables))
    # A name-only place in the wrong country does not match.
    for r in rows:
        if r["name"] == "pulo kecil":
            r["country"] = "MY"
    _rewrite(tables / "cities.csv", rows)
    c = evaluate(gold, tables).totals["places"]
    assert (c.fp, c.fn) == (1, 1)


def test_region_matched_by_iso_code(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "cities.csv")
    for r in rows:
        if r["name"] == "Kyoto":
            r["geonames_id"] = ""  # the ISO code alone identifies the prefecture
    _rewrite(tables / "cities.csv", rows)
    _assert_perfect(evaluate(gold, tables))


def test_matching_by_basename_and_report_output(setup: tuple[Path, Path], tmp_path: Path) -> None:
    gold, tables = setup
    assert set(load_predictions(tables)) == {"alpha_0001.txt", "beta_0002.md"}
    report = evaluate(gold, tables)
    metrics_path = tmp_path / "out" / "metrics.json"
    plots_path = tmp_path / "out" / "plots.csv"
    write_metrics(report, metrics_path, plots_path)
    text = metrics_path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert json.loads(text) == report.to_metrics()
    assert list(json.loads(text)) == sorted(METRICS + ("wrong_links",))
    plot_rows = _read_rows(plots_path)
    assert [r["type"] for r in plot_rows] == list(METRICS)
    assert plot_rows[0]["f1"] == "1.0"
    write_metrics(report, metrics_path, None)
    assert sorted(p.name for p in metrics_path.parent.iterdir()) == ["metrics.json", "plots.csv"]
    table = format_report(report)
    assert table.splitlines()[0].split()[:4] == ["metric", "P", "R", "F1"]


def test_load_gold_skips_blank_lines_and_reports_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(GOLD_B) + "\n\n", encoding="utf-8")
    assert load_gold(path) == [GOLD_B]
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="g.jsonl:1"):
        load_gold(path)


SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.jsonl").is_file(),
                    reason=f"shared gold not available at {SHARED / 'gold' / 'seeds.jsonl'}")
def test_seed_gold_against_itself(tmp_path: Path) -> None:
    gold_path = SHARED / "gold" / "seeds.jsonl"
    tables = gold_to_tables(load_gold(gold_path), tmp_path / "extracted")
    report = evaluate(gold_path, tables)
    _assert_perfect(report)
    assert report.missing_documents == []
    assert report.totals["places"].tp > 0 and report.totals["instruments"].tp > 0


# --------------------------------------------------------------------------- SPEC scoring rules, error classes


def test_region_the_gold_does_not_list_counts_neither_way(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    rows = _read_rows(tables / "cities.csv")
    rows.append({"doc_id": "d001", "name": "Ontario", "country": "CA", "level": "region", "iso3166_2": "CA-ON"})
    rows.append({"doc_id": "d001", "name": "Elsewhere", "country": "CA", "level": "city", "geonames_id": "4999999"})
    _rewrite(tables / "cities.csv", rows)
    report = evaluate(gold, tables)
    assert [f.label for f in report.false_hits] == ["Elsewhere(4999999)"]
    assert report.false_hits[0].error_class == "spurious place"


def _score_regency(tmp_path: Path, gold_name: str, predicted: dict[str, str]) -> tuple[int, int, int]:
    """Places (tp, fp, fn) of one gold regency against one predicted cities.csv row."""
    doc = {"id": "gR", "file": "r.txt", "dates": [], "partnerships": [],
           "cities": [{"name": gold_name, "country": "ID", "geonames_id": None, "level": "regency",
                       "surfaces": [f"Kabupaten {gold_name}"]}]}
    gold = _write_gold(tmp_path / "g.jsonl", [doc])
    tables = gold_to_tables([], tmp_path / "t")
    _write_csv(tables / "documents.csv", DOC_COLS, [{"doc_id": "x", "file": "r.txt", "status": "ok"}])
    _write_csv(tables / "cities.csv", CITY_COLS, [{"doc_id": "x", "country": "ID", **predicted}])
    c = evaluate(gold, tables).totals["places"]
    return c.tp, c.fp, c.fn


@pytest.mark.parametrize("gold_name,predicted,expected", [
    ("Banyuwangi", {"name": "Kabupaten Banyuwangi", "level": "regency"}, (1, 0, 0)),
    # the town of the same name is not the regency
    ("Banyuwangi", {"name": "Banyuwangi", "level": "city", "geonames_id": "1649150"}, (0, 1, 1)),
    # BPS writes "Karang Asem", texts "Karangasem": spaces aside, one regency
    ("Karangasem", {"name": "Karang Asem", "level": "regency"}, (1, 0, 0)),
], ids=["regency", "town-of-the-name", "spaces-aside"])
def test_regency_matched_as_regency(tmp_path: Path, gold_name: str, predicted: dict[str, str],
                                    expected: tuple[int, int, int]) -> None:
    assert _score_regency(tmp_path, gold_name, predicted) == expected


def test_alt_reading_of_a_date_counts_as_the_match(tmp_path: Path) -> None:
    doc = {"id": "gD", "file": "d.txt", "cities": [], "partnerships": [],
           "dates": [{"surface": "hingga tahun 2015", "value": "2015", "alt": ["../2015"], "role": "event"}]}
    gold = _write_gold(tmp_path / "g.jsonl", [doc])
    tables = gold_to_tables([], tmp_path / "t")
    _write_csv(tables / "documents.csv", DOC_COLS, [{"doc_id": "x", "file": "d.txt", "status": "ok"}])
    _write_csv(tables / "dates.csv", DATE_COLS, [{"doc_id": "x", "text": "t", "value": "../2015", "role": "event"}])
    c = evaluate(gold, tables).totals["event_dates"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)


def test_gold_without_file_matches_the_file_whose_stem_is_its_id(tmp_path: Path) -> None:
    doc = {"id": "thesis_07", "cities": [], "partnerships": [],
           "dates": [{"surface": "1999", "value": "1999", "role": "event"}]}
    gold = _write_gold(tmp_path / "g.jsonl", [doc])
    tables = gold_to_tables([], tmp_path / "t")
    _write_csv(tables / "documents.csv", DOC_COLS, [{"doc_id": "x", "file": "raw/thesis_07.pdf", "status": "ok"}])
    _write_csv(tables / "dates.csv", DATE_COLS, [{"doc_id": "x", "text": "t", "value": "1999", "role": "event"}])
    assert evaluate(gold, tables).totals["event_dates"].tp == 1


def test_error_classes_of_dates_instruments_and_pairs(setup: tuple[Path, Path]) -> None:
    gold, tables = setup
    dates = _read_rows(tables / "dates.csv")
    for r in dates:
        if r["value"] == "2020":
            r["role"] = "event"  # the publication date taken as an event
        if r["value"] == "2015-03-02":
            r["value"] = "XXXX-03-02"  # a year-less date left unanchored
    _rewrite(tables / "dates.csv", dates)
    agr = _read_rows(tables / "agreements.csv")
    for r in agr:
        if r["instrument"] == "memorandum_of_understanding" and r["signed"] == "2016-05-10":
            r["signed"] = ""
    agr.append({**agr[-1], "doc_id": "d001", "city_a": "Sungai Raya", "geonames_a": "1000010",
                "city_b": "Kotabaru", "country_b": "ID", "geonames_b": "1000001", "instrument": "", "signed": "",
                "sectors": ""})
    _rewrite(tables / "agreements.csv", agr)
    report = evaluate(gold, tables)
    classes = {(f.metric, f.kind, f.error_class) for f in report.misses + report.false_hits}
    assert classes == {
        ("event_dates", "false", "publication date taken as event"),
        ("event_dates", "false", "date not anchored"),
        ("event_dates", "miss", "date not anchored"),
        ("instruments", "miss", "instrument without its date"),
        ("instruments", "false", "instrument without its date"),
        ("partnerships", "false", "domestic pair"),
    }
    assert ("event_dates", "date not anchored", 2) in report.error_tally()


def test_a_link_into_another_country_than_the_gold_place_without_id_is_a_wrong_link(tmp_path: Path) -> None:
    doc = {"id": "gW", "file": "w.txt", "dates": [], "partnerships": [],
           "cities": [{"name": "Vanimo", "country": "PG", "geonames_id": None, "surfaces": ["Kota Vanimo"]},
                      {"name": "Sanur", "country": "ID", "geonames_id": None, "surfaces": ["Sanur"]}]}
    gold = _write_gold(tmp_path / "g.jsonl", [doc])
    tables = gold_to_tables([], tmp_path / "t")
    _write_csv(tables / "documents.csv", DOC_COLS, [{"doc_id": "x", "file": "w.txt", "status": "ok"}])
    _write_csv(tables / "cities.csv", CITY_COLS, [
        {"doc_id": "x", "name": "Vanimo", "country": "RU", "level": "city", "geonames_id": "2119932"},
        {"doc_id": "x", "name": "Sanur", "country": "ID", "level": "city", "geonames_id": "1902387"}])
    report = evaluate(gold, tables)
    assert [(f.label, f.error_class) for f in report.false_hits] == [
        ("Sanur(1902387)", "spurious place"), ("Vanimo(2119932)", "wrong link")]


def test_scores_by_a_gold_field(tmp_path: Path) -> None:
    """`--by genre` sums each genre's documents apart; a document without the field is "(none)"."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    news = {**GOLD_A, "genre": "news"}
    thesis = {**GOLD_B, "genre": "thesis_chapter"}
    gold = _write_gold(tmp_path / "gold.jsonl", [news, thesis, {**GOLD_B, "id": "gC", "file": "gamma.txt"}])
    tables = gold_to_tables([news, thesis], tmp_path / "extracted")
    groups = evaluate(gold, tables).totals_by("genre")
    assert list(groups) == ["(none)", "news", "thesis_chapter"]
    assert groups["news"][0] == 1 and groups["news"][1]["places"].tp == 5
    assert groups["(none)"][1]["places"].as_dict()["f1"] == 0.0  # gamma.txt has no predictions
    result = CliRunner().invoke(app, ["evaluate", str(gold), str(tables), "--quiet", "--by", "genre"])
    assert result.exit_code == 0, result.output
    rows = result.output.split("genre")[1].splitlines()[1:]
    assert [r.split()[:2] for r in rows] == [["(none)", "1"], ["news", "1"], ["thesis_chapter", "1"]]
    assert rows[1].split()[2:] == ["1.0000"] * 5
