"""Offsets of each document's rows in the big tables: written by tables, checked and used by report and evaluate."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from benchmarks.corpus import make_corpus
from pipeline.annotate import annotate
from pipeline.contract import COLUMNS
from pipeline.evaluate import evaluate, format_report
from pipeline.ingest import ingest
from pipeline.io import csv_header, read_csv, write_csv
from pipeline.offsets import TableOffsets, check, read_offsets, write_offsets
from pipeline.review import TableRows, render_reports
from pipeline.review.load import checked_offsets
from pipeline.tables import PIECE_TABLES, tables


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, gazetteer_dir: Path) -> Path:
    """Five generated documents taken through ingest, annotate and tables (with a rows cache and offsets)."""
    root = tmp_path_factory.mktemp("offsets")
    make_corpus(root / "raw", 5, words_per_doc=300)
    ingest([root / "raw"], root / "docs")
    annotate(root / "docs", gazetteer_dir, root / "mentions", jobs=1)
    tables(root / "docs", root / "mentions", root / "extracted", cache_dir=root / "rows", offsets=root / "offsets.json")
    return root


def _copy(src: Path, dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        (dst / p.name).write_bytes(p.read_bytes())
    return dst


def test_ranges_tile_each_table_and_hold_exactly_that_documents_rows(built: Path) -> None:
    for name in PIECE_TABLES:
        path = built / "extracted" / f"{name}.csv"
        found = read_offsets(built / "offsets.json", name)
        assert found is not None and found.size == path.stat().st_size
        assert check(path, found, csv_header(COLUMNS[name]).encode("utf-8"))
        data = path.read_bytes()
        rows = read_csv(path)
        assert sum(found.rows(d) for d in found.docs) == len(rows)
        for doc_id, (start, end, n, digest) in found.docs.items():
            assert hashlib.sha256(data[start:end]).hexdigest() == digest
            assert n == sum(1 for r in rows if r["doc_id"] == doc_id) > 0
    assert len(read_offsets(built / "offsets.json", "mentions").docs) == 5


def test_offsets_are_the_same_bytes_cold_warm_and_with_corrections(built: Path, tmp_path: Path) -> None:
    first = (built / "offsets.json").read_bytes()
    tables(built / "docs", built / "mentions", tmp_path / "warm", cache_dir=built / "rows", offsets=tmp_path / "w.json")
    tables(built / "docs", built / "mentions", tmp_path / "cold", offsets=tmp_path / "c.json")
    assert (tmp_path / "w.json").read_bytes() == first == (tmp_path / "c.json").read_bytes()
    # a correction rewrites one document's rows: its range and digest follow the new bytes
    victim = read_csv(built / "extracted" / "mentions.csv")[3]
    corr = tmp_path / "corrections.csv"
    write_csv(corr, ["table", "key", "action", "field", "value", "reviewer", "note"],
              [{"table": "mentions", "key": victim["mention_id"], "field": "", "action": "reject", "value": "",
                "reviewer": "t", "note": ""}])
    tables(built / "docs", built / "mentions", tmp_path / "fixed", corrections=corr, cache_dir=built / "rows",
           offsets=tmp_path / "f.json")
    found = read_offsets(tmp_path / "f.json", "mentions")
    header = csv_header(COLUMNS["mentions"]).encode("utf-8")
    assert check(tmp_path / "fixed" / "mentions.csv", found, header)
    before = read_offsets(built / "offsets.json", "mentions")
    assert found.rows(victim["doc_id"]) == before.rows(victim["doc_id"]) - 1
    assert found.digest(victim["doc_id"]) != before.digest(victim["doc_id"])


def test_check_refuses_a_table_that_does_not_match(built: Path, tmp_path: Path) -> None:
    header = csv_header(COLUMNS["mentions"]).encode("utf-8")
    found = read_offsets(built / "offsets.json", "mentions")
    path = tmp_path / "mentions.csv"
    data = (built / "extracted" / "mentions.csv").read_bytes()
    start, end, _, _ = sorted(found.docs.values())[2]
    at = data.index(b"Kota", start, end)  # same length, other bytes: only the digest can tell
    path.write_bytes(data[:at] + b"KOTA" + data[at + 4:])
    assert not check(path, found, header)
    others = [d for d, e in found.docs.items() if e[0] != start]
    assert check(path, found, header, others)  # the untouched documents' rows are still where they were
    path.write_bytes(data + b"x")
    assert not check(path, found, header)
    assert not check(path, None, header)
    assert not check(tmp_path / "absent.csv", found, header)
    gap = TableOffsets(header=found.header, size=found.size, docs=dict(list(found.docs.items())[1:]))
    path.write_bytes(data)
    assert check(path, found, header) and not check(path, gap, header)


def test_read_offsets_ignores_missing_broken_and_other_versions(tmp_path: Path) -> None:
    f = tmp_path / "o.json"
    assert read_offsets(None, "mentions") is None and read_offsets(f, "mentions") is None
    f.write_text("{not json", encoding="utf-8")
    assert read_offsets(f, "mentions") is None
    f.write_text(json.dumps({"version": 99, "tables": {"mentions": {"header": 1, "size": 1, "docs": []}}}))
    assert read_offsets(f, "mentions") is None
    write_offsets(f, {"mentions": TableOffsets(header=3, size=3)})
    assert read_offsets(f, "mentions") == TableOffsets(header=3, size=3) and read_offsets(f, "dates") is None


def test_report_pages_are_the_same_bytes_with_or_without_offsets(built: Path, tmp_path: Path) -> None:
    render_reports(built / "extracted", built / "docs", tmp_path / "plain")
    render_reports(built / "extracted", built / "docs", tmp_path / "fast", offsets=built / "offsets.json")
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    fast = {p.relative_to(tmp_path / "fast"): p.read_bytes() for p in (tmp_path / "fast").rglob("*") if p.is_file()}
    assert plain == fast and len(plain) == 7
    path = built / "extracted" / "mentions.csv"
    mentions = TableRows(path, checked_offsets(path, built / "offsets.json"))
    raw = TableRows(path)
    assert mentions.offsets is not None and mentions.counts() == raw.counts() and len(mentions) == len(raw)
    for doc_id in raw.counts():
        assert mentions.rows(doc_id) == raw.rows(doc_id) and mentions.digest(doc_id) == raw.digest(doc_id)


def test_report_of_a_hand_edited_table_scans_it_and_shows_the_edit(built: Path, tmp_path: Path) -> None:
    tables_dir = _copy(built / "extracted", tmp_path / "extracted")
    render_reports(tables_dir, built / "docs", tmp_path / "reports", offsets=built / "offsets.json")
    path = tables_dir / "mentions.csv"
    data = path.read_bytes()
    at = data.index(b"KERJA SAMA")
    path.write_bytes(data[:at] + b"KERJA SAMX" + data[at + 10:])  # same size: the offsets still tile the file
    assert TableRows(path, checked_offsets(path, built / "offsets.json")).offsets is None
    render_reports(tables_dir, built / "docs", tmp_path / "reports", offsets=built / "offsets.json")
    assert any("KERJA SAMX" in p.read_text(encoding="utf-8") for p in (tmp_path / "reports" / "doc").glob("*.html"))


def test_evaluate_reads_the_same_scores_through_offsets(built: Path, tmp_path: Path) -> None:
    docs = read_csv(built / "extracted" / "documents.csv")
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        for d in docs[:2]:
            fh.write(json.dumps({"file": Path(d["file"]).name, "places": [], "agreements": [], "dates": []}) + "\n")
    report = evaluate(gold, built / "extracted")
    plain = format_report(report)
    assert format_report(evaluate(gold, built / "extracted", offsets=built / "offsets.json")) == plain
    assert format_report(evaluate(gold, built / "extracted", offsets=tmp_path / "absent.json")) == plain
    # the gold is empty: the two documents' extracted places and dates are all false hits
    assert report.totals["places"].fp > 0 and report.totals["event_dates"].fp > 0 and not report.missing_documents
