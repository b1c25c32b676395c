"""A reviewer's correction survives a re-run of the pipeline; a correction orphaned by a text change is reported."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io import read_csv

runner = CliRunner()

TEXT = ("Kota Denpasar dan Kota Mossel Bay sepakat menjalin hubungan kota kembar. "
        "Nota kesepahaman ini ditandatangani pada 12 Maret 2019 di Kota Denpasar.\n")


def _run(src: Path, work: Path, gazetteer: Path, corrections: Path) -> tuple[Path, str]:
    for args in (["ingest", str(src), "--out", str(work / "docs"), "--silent"],
                 ["annotate", str(work / "docs"), "--gazetteer", str(gazetteer), "--out", str(work / "mentions"),
                  "--silent"],
                 ["tables", str(work / "docs"), str(work / "mentions"), "--out", str(work / "tables"),
                  "--corrections", str(corrections), "--orphans", str(work / "orphans.csv"),
                  "--cache", str(work / "rows")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    # the per-document cache never changes a byte: the same tables without it
    plain = work.parent / f"{work.name}-plain"
    result_plain = runner.invoke(app, ["tables", str(work / "docs"), str(work / "mentions"), "--out", str(plain),
                                       "--corrections", str(corrections), "--orphans", str(plain / "orphans.csv")])
    assert result_plain.exit_code == 0, result_plain.output
    for table in sorted((work / "tables").iterdir()):
        assert (plain / table.name).read_bytes() == table.read_bytes(), table.name
    return work / "tables", result.output


def _write_corrections(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["table", "key", "action", "field", "value", "reviewer", "note"])
        w.writerows(rows)


def test_correction_survives_rerun_and_orphan_is_reported(tmp_path: Path, gazetteer_dir: Path) -> None:
    src = tmp_path / "raw"
    src.mkdir()
    (src / "denpasar.txt").write_text(TEXT, encoding="utf-8")
    corrections = tmp_path / "corrections.csv"
    _write_corrections(corrections, [])
    tables, _ = _run(src, tmp_path / "w", gazetteer_dir, corrections)
    [mou] = [r for r in read_csv(tables / "agreements.csv") if r["instrument"]]
    assert mou["signed"] == "2019-03-12"
    [date] = [d for d in read_csv(tables / "dates.csv") if d["value"] == "2019-03-12"]

    # The reviewer reads the source: the MoU was signed on the 21st; and the date mention gets a role.
    _write_corrections(corrections, [
        ["agreements", mou["agreement_id"], "set", "signed", "2019-03-21", "ana", "date on the scanned MoU"],
        ["dates", date["mention_id"], "set", "role", "event", "ana", ""],
    ])
    for _ in range(2):  # and it stays corrected on every re-run
        tables, output = _run(src, tmp_path / "w", gazetteer_dir, corrections)
        [fixed] = [r for r in read_csv(tables / "agreements.csv") if r["instrument"]]
        assert fixed["signed"] == "2019-03-21"
        [p] = read_csv(tables / "partnerships.csv")
        assert p["first_date"] == "2019-03-21"
        [d] = [d for d in read_csv(tables / "dates.csv") if d["mention_id"] == date["mention_id"]]
        assert d["method"] == "reviewer" or d["role"] == "event"
        assert "match nothing" not in output

    # The text changes: offsets move, the date mention's id with them; that correction is reported, not lost.
    (src / "denpasar.txt").write_text("Catatan pembuka laporan.\n\n" + TEXT, encoding="utf-8")
    tables, output = _run(src, tmp_path / "w", gazetteer_dir, corrections)
    assert "match nothing" in output
    orphans = read_csv(tmp_path / "w" / "orphans.csv")
    assert date["mention_id"] in {o["key"] for o in orphans}
