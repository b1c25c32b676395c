"""End to end through the CLI: the batch `extract`, the seeds scored, determinism, errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract import COLUMNS
from pipeline.evaluate import evaluate, format_report
from pipeline.io import read_csv

from .conftest import REPO

runner = CliRunner()

SPEC_COLUMNS = {
    "documents": "doc_id, file, sha256, format, title, author, student_id, institution, year, language, pages, chars, status, message",
    "mentions": "doc_id, mention_id, type, text, start, end, page, section, sentence, value, method, confidence",
    "cities": "doc_id, name, country, level, geonames_id, iso3166_2, admin1, latitude, longitude, mentions, surfaces, role",
    "dates": "doc_id, text, value, precision, role, start, end, sentence",
    "sectors": "doc_id, sector, label_id, label_en, mentions, surfaces, in_cooperation",
    "agreements": "doc_id, agreement_id, relationship, instrument, city_a, country_a, geonames_a, iso3166_2_a, city_b, "
                  "country_b, geonames_b, iso3166_2_b, signed, place, duration, expires, sectors, status, evidence, "
                  "start, end, confidence",
    "partnerships": "partnership_id, city_a, country_a, geonames_a, iso3166_2_a, city_b, country_b, geonames_b, "
                    "iso3166_2_b, relationship, first_date, instruments, sectors, documents, conflicts",
}


@pytest.fixture(scope="module")
def seeds_out(shared_dir: Path, gazetteer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kotakembar extract ../shared/seeds --out TMP`."""
    out = tmp_path_factory.mktemp("seeds_out")
    result = runner.invoke(app, ["extract", str(shared_dir / "seeds"), "--out", str(out),
                                 "--gazetteer", str(gazetteer_dir), "--silent"])
    assert result.exit_code == 0, result.output
    assert "ingested 5 files: 5 ok" in result.output
    return out


def test_extract_writes_every_spec_column(seeds_out: Path) -> None:
    for table, spec in SPEC_COLUMNS.items():
        header = (seeds_out / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[: len(spec.split(", "))] == spec.split(", "), table
        assert header == COLUMNS[table]
    assert (seeds_out / "datapackage.json").is_file()


def test_seeds_scores(seeds_out: Path, shared_dir: Path) -> None:
    report = evaluate(shared_dir / "gold" / "seeds.jsonl", seeds_out)
    print(format_report(report))
    m = report.to_metrics()
    assert m["places"]["f1"] >= 0.9
    assert m["partnerships"]["f1"] >= 0.9
    assert m["instruments"]["f1"] >= 0.6
    assert m["sectors"]["f1"] >= 0.6
    assert m["event_dates"]["f1"] >= 0.8


def test_evidence_offsets_slice_the_normalized_text(seeds_out: Path) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (seeds_out / "interim" / "docs").glob("*.txt")}
    mentions = read_csv(seeds_out / "mentions.csv")
    assert mentions
    for m in mentions:
        assert texts[m["doc_id"]][int(m["start"]):int(m["end"])] == m["text"]
    for a in read_csv(seeds_out / "agreements.csv"):
        assert " ".join(texts[a["doc_id"]][int(a["start"]):int(a["end"])].split()) == " ".join(a["evidence"].split())


def test_extract_twice_is_byte_identical(shared_dir: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = runner.invoke(app, ["extract", str(shared_dir / "seeds"), "--out", str(out),
                                     "--gazetteer", str(gazetteer_dir), "--silent"])
        assert result.exit_code == 0, result.output
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_extract_sample_corpus(gazetteer_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(REPO / "raw"), "--out", str(tmp_path), "--gazetteer",
                                 str(gazetteer_dir), "--silent"])
    assert result.exit_code == 0, result.output
    report = evaluate(REPO / "gold" / "sample.jsonl", tmp_path)
    print(format_report(report))
    assert not report.missing_documents
    assert report.to_metrics()["partnerships"]["f1"] >= 0.7


def test_missing_input_names_the_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nope.pdf" in result.output and "not found" in result.output


def test_bad_file_gets_a_row_and_the_batch_goes_on(gazetteer_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "kosong.txt").write_bytes(b"")
    (src / "rusak.pdf").write_bytes(b"%PDF-1.4 truncated")
    (src / "baik.txt").write_text("Kota Surabaya menjalin kerja sama sister city dengan Kota Kochi di Jepang.\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer_dir), "--silent"])
    assert result.exit_code == 0, result.output
    docs = {d["file"]: d for d in read_csv(out / "documents.csv")}
    assert docs["baik.txt"]["status"] == "ok"
    assert docs["kosong.txt"]["status"] == "failed" and docs["kosong.txt"]["message"]
    assert docs["rusak.pdf"]["status"] == "failed" and docs["rusak.pdf"]["message"]
    parts = read_csv(out / "partnerships.csv")
    assert [(p["city_a"], p["city_b"]) for p in parts] == [("Surabaya", "Kochi")]
    strict = runner.invoke(app, ["extract", str(src), "--out", str(out), "--gazetteer", str(gazetteer_dir),
                                 "--silent", "--strict"])
    assert strict.exit_code == 1


def test_formula_cells_are_neutralized_and_round_trip(tmp_path: Path) -> None:
    from pipeline.io import write_csv

    write_csv(tmp_path / "t.csv", ["a", "b"], [{"a": "=HYPERLINK(1)", "b": "-5"}, {"a": "@SUM", "b": "+x"}])
    raw = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(1)" in raw and ",-5" in raw and "'+x" in raw
    assert read_csv(tmp_path / "t.csv") == [{"a": "=HYPERLINK(1)", "b": "-5"}, {"a": "@SUM", "b": "+x"}]
    df = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)
    assert df["a"].tolist() == ["'=HYPERLINK(1)", "'@SUM"]
