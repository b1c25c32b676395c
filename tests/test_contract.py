"""The table contract: datapackage.json generated from it, and `read_tables` typing the tables for pandas."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract import COLUMNS, datapackage, field_type, read_tables
from pipeline.io import dumps_json, read_csv
from pipeline.tables import write_tables

from .conftest import REPO

DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


@pytest.fixture(scope="module")
def sample_out(gazetteer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kotakembar extract raw --out TMP`: the tables of the bundled sample corpus."""
    out = tmp_path_factory.mktemp("sample_out")
    result = CliRunner().invoke(app, ["extract", str(REPO / "raw"), "--out", str(out), "--gazetteer", str(gazetteer_dir),
                                      "--silent"])
    assert result.exit_code == 0, result.output
    return out


def _as_csv_text(value: Any) -> str:
    """A DataFrame cell as the CSV spells it once the formula guard is undone (what `read_csv` gives)."""
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def test_datapackage_is_the_committed_descriptor() -> None:
    assert dumps_json(datapackage()) == (REPO / "extracted" / "datapackage.json").read_text(encoding="utf-8")


def test_read_tables_types_every_column_from_the_datapackage(sample_out: Path) -> None:
    frames = read_tables(sample_out)
    assert list(frames) == list(COLUMNS)
    for name, frame in frames.items():
        assert list(frame.columns) == COLUMNS[name]
        assert {c: str(t) for c, t in frame.dtypes.items()} == {c: DTYPES[field_type(c)] for c in COLUMNS[name]}, name
    assert len(frames["documents"]) == 6 and len(frames["agreements"]) > 0
    # ids are nullable integers, not floats: a place without a GeoNames id is missing, the others exact
    ids = frames["cities"]["geonames_id"]
    assert ids.isna().any() and ids.notna().any() and 1621177 in ids.dropna().tolist()
    # EDTF stays text as written (month precision, intervals), not a parsed date
    signed = frames["agreements"]["signed"].dropna().tolist()
    assert "2015-11" in signed and all(isinstance(v, str) for v in signed)
    assert set(frames["sectors"]["in_cooperation"].dropna().tolist()) == {True, False}


def test_read_tables_holds_the_same_values_as_read_csv(sample_out: Path) -> None:
    for name, frame in read_tables(sample_out).items():
        rows = read_csv(sample_out / f"{name}.csv")
        assert len(rows) == len(frame), name
        for col in frame.columns:
            assert [_as_csv_text(v) for v in frame[col].tolist()] == [r[col] for r in rows], (name, col)


def test_read_tables_removes_the_formula_guard(tmp_path: Path) -> None:
    title, file, value = '=HYPERLINK("http://contoh.invalid/x","klik")', "@daftar.txt", "-0100-05"
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    tables["documents"] = [{"doc_id": "d1", "file": file, "title": title, "year": "2020", "pages": 3, "chars": 120,
                            "status": "ok", "message": "-5"}]
    tables["dates"] = [{"doc_id": "d1", "text": "Mei 100 SM", "value": value, "precision": "month", "start": 0, "end": 10,
                        "page": None, "mention_id": "abc", "method": "reviewer"}]
    tables["cities"] = [{"doc_id": "d1", "name": "Yogyakarta", "geonames_id": 1621177, "latitude": -7.80139,
                         "longitude": 110.36472, "mentions": 2},
                        {"doc_id": "d1", "name": "Kyoto", "geonames_id": None, "mentions": 1}]
    write_tables(tables, tmp_path)
    raw = (tmp_path / "documents.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'@daftar.txt" in raw and ",ok,-5," in raw  # guarded on disk; a number is not
    assert "'-0100-05" in (tmp_path / "dates.csv").read_text(encoding="utf-8")
    frames = read_tables(tmp_path)
    doc = frames["documents"].iloc[0]
    assert (doc["title"], doc["file"], doc["message"], doc["year"], doc["pages"]) == (title, file, "-5", "2020", 3)
    assert pd.isna(doc["author"])  # an empty cell is missing
    assert frames["dates"]["value"].tolist() == [value] and pd.isna(frames["dates"]["page"].iloc[0])
    assert frames["cities"]["geonames_id"].tolist()[0] == 1621177 and pd.isna(frames["cities"]["geonames_id"].iloc[1])
    assert frames["cities"]["latitude"].tolist()[0] == -7.80139
    assert all(len(frames[name]) == 0 for name in ("mentions", "sectors", "agreements", "partnerships"))
