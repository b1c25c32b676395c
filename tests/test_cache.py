"""Per-document caching and parallel annotate: re-runs touch only what changed, jobs never change outputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.annotate as annotate_mod
from benchmarks.corpus import make_corpus, make_text
from pipeline.annotate import annotate
from pipeline.cache import code_digest, doc_fingerprint, stage_sources, stored_fingerprint_matches
from pipeline.ingest import ingest
from pipeline.io import read_json, write_json

from .conftest import REPO

_NLP: dict[str, object] = {}
_real_build = annotate_mod.build_annotate_nlp


@pytest.fixture(autouse=True)
def _one_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the spaCy pipeline once for this module (these tests are about caching, not building)."""
    def build(gazetteer_dir: Path, places: str = "rules", ner_model: Path | None = None, texts=None):
        # built without `texts`: all tokenizer exceptions, right for any text
        key = f"{gazetteer_dir}|{places}|{ner_model}"
        if key not in _NLP:
            _NLP[key] = _real_build(gazetteer_dir, places, ner_model)
        return _NLP[key]

    monkeypatch.setattr(annotate_mod, "build_annotate_nlp", build)


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Six small generated documents, ingested: (raw folder, docs folder)."""
    raw = tmp_path / "raw"
    make_corpus(raw, 6, words_per_doc=150)
    ingest([raw], tmp_path / "docs")
    return raw, tmp_path / "docs"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.json"))}


def _run(docs: Path, gaz: Path, out: Path, **kw: object) -> dict[str, int]:
    stats: dict[str, int] = {}
    n = annotate(docs, gaz, out, stats=stats, **kw)
    assert n == stats["documents"]
    return stats


def test_second_run_processes_nothing_and_matches_a_fresh_run(corpus, gazetteer_dir, tmp_path):
    _raw, docs = corpus
    out = tmp_path / "mentions"
    first = _run(docs, gazetteer_dir, out, jobs=1)
    assert first["annotated"] == first["documents"] == 6 and first["cached"] == 0
    before = _snapshot(out)
    second = _run(docs, gazetteer_dir, out, jobs=1)
    assert second["annotated"] == 0 and second["cached"] == 6
    assert _snapshot(out) == before  # same bytes, not even rewritten
    fresh = tmp_path / "fresh"
    _run(docs, gazetteer_dir, fresh, jobs=1)
    assert {k: v[0] for k, v in _snapshot(fresh).items()} == {k: v[0] for k, v in before.items()}
    for name, (_data, _mtime) in before.items():
        assert read_json(out / name)["fingerprint"]  # the proof of how it was made travels with it


def test_changed_document_is_the_only_one_processed(corpus, gazetteer_dir, tmp_path):
    raw, docs = corpus
    out = tmp_path / "mentions"
    _run(docs, gazetteer_dir, out, jobs=1)
    before = _snapshot(out)
    # a new version of one file: new bytes, hence a new doc_id; the old output goes away
    target = sorted(raw.glob("*.txt"))[2]
    target.write_text(make_text(777, 150), encoding="utf-8")
    ingest([raw], docs)
    stats = _run(docs, gazetteer_dir, out, jobs=1)
    assert stats["annotated"] == 1 and stats["cached"] == 5
    after = _snapshot(out)
    assert len(after) == 6
    kept = set(before) & set(after)
    assert len(kept) == 5 and all(before[k] == after[k] for k in kept)
    # same doc_id, different ingested JSON (a sidecar's metadata): processed again too
    first = sorted(raw.glob("*.txt"))[0]
    first.with_name(first.stem + ".meta.yaml").write_text("title: Judul yang diperbaiki\n", encoding="utf-8")
    ingest([raw], docs)
    assert _run(docs, gazetteer_dir, out, jobs=1)["annotated"] == 1
    # documents written without ingest's fingerprint (by hand, by another tool) are recognised by their bytes
    index = read_json(docs / "index.json")
    for e in index:
        e.pop("fingerprint", None)
    write_json(docs / "index.json", index)
    assert _run(docs, gazetteer_dir, out, jobs=1)["annotated"] == 6  # other fingerprints: all once
    victim = docs / f"{index[1]['doc_id']}.json"
    data = read_json(victim)
    data["meta"] = {**data.get("meta", {}), "title": "Judul lain"}
    write_json(victim, data)
    assert _run(docs, gazetteer_dir, out, jobs=1)["annotated"] == 1


def test_parameters_and_gazetteer_content_decide(corpus, gazetteer_dir, tmp_path):
    _raw, docs = corpus
    out = tmp_path / "mentions"
    _run(docs, gazetteer_dir, out, jobs=1)
    assert _run(docs, gazetteer_dir, out, jobs=1, min_confidence=0.5)["annotated"] == 6
    assert _run(docs, gazetteer_dir, out, jobs=1, min_confidence=0.5)["annotated"] == 0
    # the same gazetteer content somewhere else: nothing to redo (content hash, not path)
    moved = tmp_path / "gaz-copy"
    shutil.copytree(gazetteer_dir, moved)
    assert _run(docs, moved, out, jobs=1, min_confidence=0.5)["annotated"] == 0


def test_jobs_two_gives_the_same_bytes_as_one(corpus, gazetteer_dir, tmp_path, monkeypatch):
    _raw, docs = corpus
    monkeypatch.setattr(annotate_mod, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(annotate_mod, "POOL_MIN_DOCS", 1)
    seen: list[str] = []

    def progress(items):
        for item in items:
            seen.append(item)
            yield item

    two = _run(docs, gazetteer_dir, tmp_path / "two", jobs=2, progress=progress)
    assert two["workers"] == 2 and two["annotated"] == 6
    assert seen == sorted(seen) and len(seen) == 6  # the bar sees every document, in order
    one = _run(docs, gazetteer_dir, tmp_path / "one", jobs=1)
    assert one["workers"] == 1
    a, b = _snapshot(tmp_path / "two"), _snapshot(tmp_path / "one")
    assert {k: v[0] for k, v in a.items()} == {k: v[0] for k, v in b.items()}
    # and a pool run caches like any other
    assert _run(docs, gazetteer_dir, tmp_path / "two", jobs=2)["annotated"] == 0


def test_small_batches_stay_in_process(corpus, gazetteer_dir, tmp_path):
    _raw, docs = corpus
    stats = _run(docs, gazetteer_dir, tmp_path / "m", jobs=2)  # 6 tiny documents: no pool
    assert stats["workers"] == 1


def test_a_fully_cached_run_does_not_import_spacy(corpus, gazetteer_dir, tmp_path):
    _raw, docs = corpus
    out = tmp_path / "mentions"
    _run(docs, gazetteer_dir, out, jobs=1)
    code = ("import sys; from pathlib import Path; from pipeline.annotate import annotate; s = {}; "
            f"annotate(Path({str(docs)!r}), Path({str(gazetteer_dir)!r}), Path({str(out)!r}), stats=s); "
            "print(s['annotated'], 'spacy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["0", "False"]


def test_places_mode_and_model_are_in_the_fingerprint(gazetteer_dir, tmp_path):
    base = annotate_mod.annotate_fingerprint_key(gazetteer_dir, min_confidence=0.0)
    assert base == annotate_mod.annotate_fingerprint_key(gazetteer_dir, min_confidence=0.0, places="rules")
    model = tmp_path / "ner"
    (model / "ner").mkdir(parents=True)
    (model / "meta.json").write_text("{}")
    (model / "ner" / "model").write_bytes(b"weights-1")
    combined = annotate_mod.annotate_fingerprint_key(gazetteer_dir, min_confidence=0.0, places="combined",
                                                     ner_model=model)
    assert combined != base
    (model / "ner" / "model").write_bytes(b"weights-2")
    assert annotate_mod.annotate_fingerprint_key(gazetteer_dir, min_confidence=0.0, places="combined",
                                                 ner_model=model) != combined


def test_fingerprint_helpers(tmp_path):
    f = tmp_path / "x.json"
    assert not stored_fingerprint_matches(f, "ab")
    fp = doc_fingerprint("key", b"{}")
    assert fp != doc_fingerprint("key2", b"{}") and fp != doc_fingerprint("key", b"{ }")
    write_json(f, {"agreements": [], "fingerprint": fp, "mentions": [{"text": f'"fingerprint": "{fp}"'}]})
    assert stored_fingerprint_matches(f, fp)
    write_json(f, {"mentions": [{"fingerprint": fp}]})  # nested: not the document's fingerprint
    assert not stored_fingerprint_matches(f, fp)
    root = tmp_path / "pkg"
    (root / "components").mkdir(parents=True)
    (root / "annotate.py").write_text("a = 1\n")
    (root / "components" / "c.py").write_text("b = 1\n")
    d1 = code_digest(("annotate.py", "components/*.py"), root)
    (root / "components" / "c.py").write_text("b = 2\n")
    assert code_digest(("annotate.py", "components/*.py"), root) != d1


def test_record_layout_fingerprint_is_top_level_only(tmp_path):
    f = tmp_path / "r.json"
    fp = doc_fingerprint("key", b"x")
    doc = {"mentions": [{"text": f'\n"fingerprint":"{fp}"', "fingerprint": fp}], "doc_id": "d"}
    write_json(f, doc, record=True)
    assert read_json(f) == doc
    assert not stored_fingerprint_matches(f, fp)  # nested key and an escaped newline in a string
    write_json(f, {**doc, "fingerprint": fp}, record=True)
    assert stored_fingerprint_matches(f, fp)
    assert f.read_text(encoding="utf-8").splitlines()[0] == "{"


# ---------------------------------------------------------------------- ingest's own cache


def _ingest_snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_ingest_second_run_reads_nothing_and_writes_the_same_bytes(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 5, words_per_doc=120)
    (raw / "kosong.txt").write_bytes(b"")
    out = tmp_path / "docs"
    stats: dict[str, int] = {}
    first = ingest([raw], out, stats=stats)
    assert stats == {"files": 6, "read": 6, "cached": 0, "restored": 0, "workers": 1}
    before = _ingest_snapshot(out)
    second = ingest([raw], out, stats=stats)
    assert stats["read"] == 0 and stats["cached"] == 6
    assert [(d.file, d.doc_id, d.status, d.message) for d in second] == \
        [(d.file, d.doc_id, d.status, d.message) for d in first]
    after = _ingest_snapshot(out)
    # untouched documents are not rewritten; index.json is rewritten with the same bytes
    assert {k: v for k, v in after.items() if k != "index.json"} == {k: v for k, v in before.items() if k != "index.json"}
    assert after["index.json"][0] == before["index.json"][0]
    fresh = tmp_path / "fresh"
    ingest([raw], fresh)
    assert {k: v[0] for k, v in _ingest_snapshot(fresh).items()} == {k: v[0] for k, v in after.items()}


def test_ingest_rereads_only_changed_new_and_sidecar_changed_files(tmp_path):
    raw = tmp_path / "raw"
    paths = make_corpus(raw, 4, words_per_doc=120)
    out = tmp_path / "docs"
    ingest([raw], out)
    stats: dict[str, int] = {}
    paths[1].write_text(make_text(99, 120), encoding="utf-8")  # changed content
    (raw / "baru.txt").write_text(make_text(100, 120), encoding="utf-8")  # new file
    paths[2].with_name(paths[2].stem + ".meta.yaml").write_text("year: 2020\n", encoding="utf-8")  # new sidecar
    docs = ingest([raw], out, stats=stats)
    assert stats["read"] == 3 and stats["cached"] == 2
    assert {d.file: d.meta for d in docs}[paths[2].name]["year"] == "2020"
    paths[3].unlink()
    ingest([raw], out, stats=stats)
    assert stats["read"] == 0 and stats["files"] == 4
    fresh = tmp_path / "fresh"
    ingest([raw], fresh)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {p.name: p.read_bytes() for p in fresh.iterdir()}


def test_ingest_retries_a_time_out_but_keeps_other_failures(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kosong.txt").write_bytes(b"")
    out = tmp_path / "docs"
    ingest([raw], out)
    index = read_json(out / "index.json")
    stats: dict[str, int] = {}
    ingest([raw], out, stats=stats)
    assert stats["read"] == 0  # an empty file stays failed without reading it again
    index[0]["message"] = "gave up after 120 s (the time limit per document): ..."
    write_json(out / "index.json", index)
    ingest([raw], out, stats=stats)
    assert stats["read"] == 1


def test_ingest_with_worker_processes_writes_the_same_bytes(tmp_path, monkeypatch):
    import pipeline.ingest.run as ingest_mod

    raw = tmp_path / "raw"
    make_corpus(raw, 6, words_per_doc=150)
    shutil.copy(raw / "skripsi_00000.txt", raw / "z_salinan.txt")  # a duplicate, resolved after the workers
    monkeypatch.setattr(ingest_mod, "POOL_MIN_BYTES", 0)
    stats: dict[str, int] = {}
    seen: list[Path] = []

    def progress(items):
        for item in items:
            seen.append(item)
            yield item

    two = ingest([raw], tmp_path / "two", jobs=2, stats=stats, progress=progress)
    assert stats["workers"] == 2 and len(seen) == 7
    one = ingest([raw], tmp_path / "one", jobs=1)
    assert [(d.file, d.status, d.message) for d in two] == [(d.file, d.status, d.message) for d in one]
    assert [d.message for d in two if d.file == "z_salinan.txt"] == ["duplicate of skripsi_00000.txt"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()} == \
        {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}


# ---------------------------------------------------------------------- tables' per-document blocks


def test_tables_cache_rebuilds_only_changed_documents_and_changes_no_byte(corpus, gazetteer_dir, tmp_path, monkeypatch):
    import pipeline.tables as tables_mod

    raw, docs = corpus
    mentions = tmp_path / "mentions"
    annotate(docs, gazetteer_dir, mentions, jobs=1)
    built: list[str] = []
    real = tables_mod._doc_block
    monkeypatch.setattr(tables_mod, "_doc_block", lambda idoc, data: built.append(idoc.doc_id) or real(idoc, data))
    rows = tmp_path / "rows"
    tables_mod.tables(docs, mentions, tmp_path / "t1", cache_dir=rows)
    assert len(built) == 6 and len(list(rows.glob("*.json"))) == 6
    built.clear()
    tables_mod.tables(docs, mentions, tmp_path / "t1", cache_dir=rows)
    assert built == []
    (raw / "skripsi_00002.txt").write_text(make_text(77, 150), encoding="utf-8")
    ingest([raw], docs)
    annotate(docs, gazetteer_dir, mentions, jobs=1)
    tables_mod.tables(docs, mentions, tmp_path / "t1", cache_dir=rows)
    assert len(built) == 1 and len(list(rows.glob("*.json"))) == 6  # the old document's block is gone
    tables_mod.tables(docs, mentions, tmp_path / "plain")
    assert {p.name: p.read_bytes() for p in (tmp_path / "t1").iterdir()} == \
        {p.name: p.read_bytes() for p in (tmp_path / "plain").iterdir()}


def test_tables_parse_back_only_corrected_documents_and_write_what_full_rows_would(corpus, gazetteer_dir, tmp_path):
    """Corrections of every table through the cache (rows parsed for the documents they name) against all rows."""
    import json

    import pipeline.tables as tables_mod
    from pipeline.corrections import CSV_COLUMNS, apply_corrections, load_corrections
    from pipeline.io import read_csv, write_csv

    _, docs = corpus
    mentions = tmp_path / "mentions"
    annotate(docs, gazetteer_dir, mentions, jobs=1)
    first = tmp_path / "t0"
    tables_mod.tables(docs, mentions, first, cache_dir=tmp_path / "rows")
    city, sector, agreement = (read_csv(first / f"{n}.csv")[i] for n, i in (("cities", 1), ("sectors", 2),
                                                                            ("agreements", 3)))
    other = next(r for r in read_csv(first / "agreements.csv") if r["doc_id"] != agreement["doc_id"])
    assert len({city["doc_id"], sector["doc_id"], agreement["doc_id"], other["doc_id"]}) > 1
    corr = tmp_path / "corrections.csv"
    write_csv(corr, CSV_COLUMNS, [
        {"table": "cities", "key": f"{city['doc_id'].upper()}|{city['name']}", "action": "set", "field": "role",
         "value": "partner"},
        {"table": "cities", "key": f"{city['doc_id']}|Kota Baru", "action": "add", "value": '{"country": "ID"}'},
        {"table": "sectors", "key": f"{sector['doc_id']}|{sector['sector']}", "action": "reject"},
        {"table": "agreements", "key": agreement["agreement_id"], "action": "set", "field": "signed",
         "value": "1999-09-09"},
        # added without sectors: merging partnerships once failed on its empty (None) sectors cell
        {"table": "agreements", "key": "", "action": "add", "value": json.dumps(
            {k: other[k] for k in ("doc_id", "city_a", "country_a", "city_b", "country_b", "instrument")}
            | {"signed": "2001-02-03", "geonames_a": int(other["geonames_a"] or 0) or None,
               "geonames_b": int(other["geonames_b"] or 0) or None})},
    ])
    found = load_corrections(corr)
    lazy = tmp_path / "lazy"
    _, lost = tables_mod.tables(docs, mentions, lazy, corrections=corr, cache_dir=tmp_path / "rows")
    assert lost == 0
    # the reference: every row of every document, corrected, partnerships merged in agreements.csv order
    full, orphans = apply_corrections(tables_mod.build_tables(docs, mentions), found)
    assert orphans == []
    full["partnerships"] = tables_mod.merge_partnerships(
        sorted(full["agreements"], key=lambda r: tables_mod._sort_key("agreements", r)))
    tables_mod.write_tables(full, tmp_path / "full")
    for name in tables_mod.COLUMNS:
        assert (lazy / f"{name}.csv").read_bytes() == (tmp_path / "full" / f"{name}.csv").read_bytes(), name
    assert "1999-09-09" in (lazy / "agreements.csv").read_text(encoding="utf-8")
    assert "2001-02-03" in (lazy / "partnerships.csv").read_text(encoding="utf-8")
    assert [r for r in read_csv(lazy / "cities.csv") if r["name"] == "Kota Baru"][0]["doc_id"] == city["doc_id"]


def test_read_fingerprint_finds_the_top_level_key_in_both_layouts(tmp_path):
    from pipeline.cache import read_fingerprint

    fp = doc_fingerprint("k", b"x")
    f = tmp_path / "o.json"
    for record in (False, True):
        write_json(f, {"agreements": [{"note": "x" * 70_000}], "fingerprint": fp, "mentions": []}, record=record)
        assert read_fingerprint(f) == fp  # past the first 64 KiB too
    write_json(f, {"mentions": [{"fingerprint": fp}]}, record=True)
    assert read_fingerprint(f) is None and read_fingerprint(tmp_path / "absent.json") is None


def test_record_puts_the_fingerprint_on_its_first_line(tmp_path):
    from pipeline.io import dumps_record

    fp = doc_fingerprint("k", b"y")
    text = dumps_record({"agreements": [{"note": "x" * 70_000}], "mentions": [], "fingerprint": fp, "doc": {"b": 1}})
    lines = text.split("\n")
    assert lines[1] == f'"fingerprint":"{fp}",'
    assert [line.split(":", 1)[0] for line in lines[2:-2]] == ['"agreements"', '"doc"', '"mentions"']
    f = tmp_path / "o.json"
    f.write_text(text, encoding="utf-8")
    assert stored_fingerprint_matches(f, fp)


def _imported_modules(source: str, package: str) -> set[str]:
    """The package modules one source file names in an import statement (absolute or relative)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            found.add(".".join([*base, *([node.module] if node.module else [])]))
    return {m for m in found if m.split(".")[0] == "pipeline"}


@pytest.mark.parametrize("entry", ["pipeline.ingest", "pipeline.annotate", "pipeline.tables", "pipeline.review"])
def test_a_stage_fingerprints_every_module_it_imports(entry):
    """Every pipeline module imported by a file of a stage's fingerprint is in the fingerprint too."""
    from pipeline.cache import PACKAGE_DIR

    sources = set(stage_sources(entry))
    for rel in (r for r in sources if r.endswith(".py")):
        module = ".".join(["pipeline", *Path(rel).with_suffix("").parts])
        package = module.removesuffix(".__init__") if rel.endswith("__init__.py") else module.rpartition(".")[0]
        for imported in _imported_modules((PACKAGE_DIR / rel).read_text(encoding="utf-8"), package):
            path = Path(*imported.split(".")[1:])
            assert {f"{path}.py", f"{path}/__init__.py"} & sources or imported == "pipeline", \
                f"{entry}: {rel} imports {imported}, missing from the stage's fingerprint"


def test_stage_sources_follow_imports_and_data(tmp_path):
    """Relative, lazy and submodule imports are followed; data files come with the module that names their folder."""
    root = tmp_path / "pipeline"
    (root / "sub" / "rules").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "stage.py").write_text("def run():\n    from pipeline.sub import helper\n")
    (root / "sub" / "__init__.py").write_text("from .leaf import x\n")
    (root / "sub" / "leaf.py").write_text("x = 1\n")
    (root / "sub" / "helper.py").write_text("from pathlib import Path\nRULES = Path(__file__).parent / 'rules'\n")
    (root / "sub" / "rules" / "a.jsonl").write_text("{}\n")
    (root / "sub" / "rules" / "README.md").write_text("docs\n")
    (root / "unused.py").write_text("")
    assert stage_sources("pipeline.stage", root=root) == (
        "__init__.py", "stage.py", "sub/__init__.py", "sub/helper.py", "sub/leaf.py", "sub/rules/a.jsonl")
    before = code_digest(stage_sources("pipeline.stage", root=root), root)
    (root / "sub" / "leaf.py").write_text("x = 2\n")  # a module the stage imports changes: so does its digest
    after = code_digest(stage_sources("pipeline.stage", root=root), root)
    assert after != before
    (root / "unused.py").write_text("y = 1\n")  # a module the stage does not import: no change
    assert code_digest(stage_sources("pipeline.stage", root=root), root) == after
    (root / "sub" / "rules" / "a.jsonl").write_text("{\"a\": 1}\n")
    assert code_digest(stage_sources("pipeline.stage", root=root), root) != after
