"""The real-text corpus tooling: build, check, split, agreement; the committed gold's hygiene."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import load_gold
from pipeline.realcorpus import SHARD_DOCS, SPLITS, agreement, build, check, sha256_folded, sha256_text, split_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "real"
RESERVED = ROOT.parent / "shared" / "reserved_urls.txt"

# invented documents and texts (written for these tests)
DOC = {"id": "real-z01", "file": "real-z01.txt", "url": "https://example.org/berita/1", "query": "q",
       "genre": "news", "language": "id",
       "cities": [{"name": "Kotabaru", "country": "ID", "geonames_id": 1000001, "surfaces": ["Kotabaru"]},
                  {"name": "Nordheim", "country": "DE", "geonames_id": 2000002, "surfaces": ["Nordheim"]}],
       "partnerships": [{"a": "Kotabaru", "a_country": "ID", "a_geonames_id": 1000001, "b": "Nordheim",
                         "b_country": "DE", "b_geonames_id": 2000002, "relationship": "sister_city",
                         "instruments": [{"type": "memorandum_of_understanding", "date": "2014-05-02", "surface": "x"}],
                         "sectors": ["education"], "sectors_optional": [], "start": None, "end": None}],
       "dates": [{"surface": "2 Mei 2014", "value": "2014-05-02", "role": "event"}], "notes": "", "annotator": "z"}
TEXT = "Kotabaru dan Nordheim menandatangani MoU pada 2 Mei 2014 di bidang pendidikan.\n"


def _part(tmp_path: Path, docs: list[dict]) -> Path:
    part = tmp_path / "part.jsonl"
    part.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    for d in docs:
        (texts / d["file"]).write_text(TEXT, encoding="utf-8")
    return part


def test_build_records_digests_and_splits_by_url(tmp_path: Path) -> None:
    second = {**DOC, "id": "real-z02", "file": "real-z02.txt", "url": "https://example.org/berita/2"}
    counts = build([_part(tmp_path, [DOC, second])], tmp_path / "texts", tmp_path, reserved=set())
    assert sum(counts.values()) == 2
    lines = [d for s in SPLITS for d in load_gold(tmp_path / s)]
    by_id = {d["id"]: d for d in lines}
    assert by_id["real-z01"]["sha256"] == sha256_text(TEXT)
    assert by_id["real-z01"]["chars"] == len(TEXT)
    assert list(by_id["real-z01"])[:5] == ["id", "file", "url", "query", "sha256"]
    for s in SPLITS:
        assert all(split_of(d["url"]) == s for d in load_gold(tmp_path / s))


def test_build_writes_compact_lines(tmp_path: Path) -> None:
    build([_part(tmp_path, [DOC])], tmp_path / "texts", tmp_path, reserved=set())
    line = (tmp_path / split_of(DOC["url"]) / "001.jsonl").read_text(encoding="utf-8").rstrip("\n")
    assert line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.skipif(not (GOLD / "dev").is_dir(), reason="no real-text gold committed yet")
def test_committed_split_shards_stay_under_one_megabyte() -> None:
    sizes = {p.relative_to(GOLD).as_posix(): p.stat().st_size for s in SPLITS for p in sorted((GOLD / s).glob("*.jsonl"))}
    assert len(sizes) >= 2 and {p: n for p, n in sizes.items() if n >= 1024 * 1024} == {}


def test_build_writes_a_split_as_shards_and_removes_stale_ones(tmp_path: Path) -> None:
    docs = [{**DOC, "id": f"real-z{n:04d}", "file": f"real-z{n:04d}.txt", "url": f"https://example.org/berita/{n}"}
            for n in range(SHARD_DOCS * 3)]
    first = build([_part(tmp_path, docs)], tmp_path / "texts", tmp_path, reserved=set())
    few = docs[:20]
    second = build([_part(tmp_path, few)], tmp_path / "texts", tmp_path, reserved=set())
    shards = {s: sorted(p.name for p in (tmp_path / s).glob("*.jsonl")) for s in SPLITS}
    assert (first["dev"] > SHARD_DOCS, first["test"] > SHARD_DOCS) == (True, True)
    assert shards == {"dev": ["001.jsonl"], "test": ["001.jsonl"]}
    assert sum(second.values()) == 20
    assert {s: [d["id"] for d in load_gold(tmp_path / s)] for s in SPLITS} == {
        s: [d["id"] for d in few if split_of(d["url"]) == s] for s in SPLITS}


def test_a_gold_of_one_file_a_split_is_still_read(tmp_path: Path) -> None:
    from pipeline.realcorpus import split_path

    (tmp_path / "dev.jsonl").write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    assert (split_path(tmp_path, "dev"), split_path(tmp_path, "test")) == (tmp_path / "dev.jsonl", tmp_path / "test")
    assert [d["id"] for d in load_gold(split_path(tmp_path, "dev"))] == ["real-z01"]


def test_build_leaves_the_notes_in_the_part_files(tmp_path: Path) -> None:
    noted = {**DOC, "notes": "Why the pair is a sister city."}
    part = _part(tmp_path, [noted])
    build([part], tmp_path / "texts", tmp_path, reserved=set())
    line = json.loads((tmp_path / split_of(DOC["url"]) / "001.jsonl").read_text())
    assert ("notes" in line, json.loads(part.read_text())["notes"]) == (False, "Why the pair is a sister city.")


def test_build_refuses_a_reserved_url_and_a_url_used_twice(tmp_path: Path) -> None:
    twice = {**DOC, "id": "real-z02", "file": "real-z02.txt"}
    with pytest.raises(ValueError) as exc:
        build([_part(tmp_path, [DOC, twice])], tmp_path / "texts", tmp_path, reserved={DOC["url"]})
    assert str(exc.value) == ("real-z01: https://example.org/berita/1 is reserved for independent evaluation\n"
                              "real-z02: https://example.org/berita/1 is reserved for independent evaluation\n"
                              "real-z02: url already used by real-z01")


def test_check_names_missing_and_changed_texts_and_accepts_refolded_whitespace(tmp_path: Path) -> None:
    other = {**DOC, "id": "real-z02", "file": "real-z02.txt", "url": "https://example.org/berita/2"}
    build([_part(tmp_path, [DOC, other])], tmp_path / "texts", tmp_path, reserved=set())
    files = [tmp_path / s for s in SPLITS]
    (tmp_path / "texts" / "real-z01.txt").write_text(TEXT.replace(" ", "  "), encoding="utf-8")  # same when folded
    assert sha256_folded(TEXT.replace(" ", "  ")) == sha256_folded(TEXT)
    assert check(files, tmp_path / "texts", set()).ok
    (tmp_path / "texts" / "real-z01.txt").write_text("other text", encoding="utf-8")
    (tmp_path / "texts" / "real-z02.txt").unlink()
    result = check(files, tmp_path / "texts", set())
    assert (result.changed, result.missing, result.present) == (["real-z01"], ["real-z02"], 0)


def test_real_eval_without_texts_says_how_to_restore_them(tmp_path: Path) -> None:
    build([_part(tmp_path, [DOC])], tmp_path / "texts", tmp_path, reserved=set())
    (tmp_path / "texts" / "real-z01.txt").unlink()
    split = split_of(DOC["url"])
    result = CliRunner().invoke(app, ["real", "eval", split, "--gold-dir", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "1 of 1 texts" in result.output and "gold/README.md" in result.output


def test_real_eval_refuses_errors_for_test(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["real", "eval", "test", "--gold-dir", str(tmp_path), "--errors", "x.md"])
    assert result.exit_code == 1
    assert "scores only" in result.output


def test_agreement_of_identical_annotations_is_one_and_a_missed_pair_lowers_it(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    totals, ids = agreement(first, first)
    assert ids == ["real-z01"] and all(c.f1 == 1.0 for c in totals.values())
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({**DOC, "partnerships": []}) + "\n", encoding="utf-8")
    totals, _ = agreement(first, second)
    assert (totals["partnerships"].tp, totals["partnerships"].fn) == (0, 1)
    assert totals["places"].f1 == 1.0


@pytest.mark.skipif(not (GOLD / "dev").is_dir(), reason="no real-text gold committed yet")
def test_committed_real_gold_is_facts_only_and_names_no_reserved_page() -> None:
    reserved = set()
    if RESERVED.exists():
        reserved = {ln.strip() for ln in RESERVED.read_text().splitlines() if ln.strip() and not ln.startswith("#")}
    docs = [d for s in SPLITS for d in load_gold(GOLD / s)]
    assert len(docs) >= 80
    assert sum(split_of(d["url"]) == "test" for d in docs) >= 30
    for d in docs:
        assert d["url"] not in reserved, d["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", d["sha256"]) and d["chars"] > 0
        for date in d.get("dates", []):  # surfaces stay short: facts, not sentences
            assert len(date["surface"]) <= 120, (d["id"], date["surface"])
