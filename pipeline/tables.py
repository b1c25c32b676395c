"""Tables stage: turn per-document mentions and agreements into the SPEC's CSV tables."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.cache import stage_sources
from pipeline.contract import BOOLEAN, COLUMNS, INTEGER, NUMBER, SECTOR_LABELS, datapackage
from pipeline.corrections import Correction, apply_corrections, load_corrections, new_row, write_orphans
from pipeline.io import atomic_write_text, atomic_writer, csv_header, csv_rows, paused_gc, read_json, unsafe_cell, write_csv, write_json
from pipeline.offsets import TableOffsets, write_offsets
from pipeline.types import IngestedDoc, mention_id, place_key


def _language(idoc: IngestedDoc) -> str:
    sizes: dict[str, int] = defaultdict(int)
    for s in idoc.sections:
        if s.language:
            sizes[s.language] += s.end - s.start
    return max(sorted(sizes), key=lambda k: sizes[k]) if sizes else ""


# Per-document tables, whose rows sort by doc_id first: written as per-document CSV pieces, which
# the block cache keeps, so a re-run writes an unchanged document's rows without rendering them.
# Their rows are parsed back only for the documents a correction touches (or when every row is
# asked for).
DOC_TABLES = ("mentions", "cities", "dates", "sectors", "agreements")
PIECE_TABLES = DOC_TABLES
# the big ones: their pieces are files of their own beside the block, read only when written out
LAZY_TABLES = ("mentions", "dates")
# the tables whose rows a correction names by an id: each block lists its ids
ID_COLUMNS = {"mentions": "mention_id", "dates": "mention_id", "agreements": "agreement_id"}
# what merging partnerships reads of an agreement row, kept per block (after the pair's two place keys)
PAIR_COLUMNS = ("relationship", "instrument", "signed", "sectors", "status", "city_a", "country_a", "geonames_a",
                "iso3166_2_a", "city_b", "country_b", "geonames_b", "iso3166_2_b")
# the code of the stage: the modules tables imports and the data they read (part of every cached block's key)
TABLES_SOURCES = stage_sources("pipeline.tables")


def build_tables(docs_dir: Path, mentions_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """All seven tables as lists of rows, sorted deterministically."""
    return _build(docs_dir, mentions_dir, None, materialize=None)[0]


def _tables_key() -> str:
    from pipeline import __version__
    from pipeline.cache import code_digest, run_key

    return run_key(stage="tables", version=__version__, code=code_digest(TABLES_SOURCES))


def _doc_fields(idoc: IngestedDoc) -> dict[str, Any]:
    """The documents-table columns that come from the ingested document."""
    meta = idoc.meta
    row = {k: meta.get(k, "") for k in ("title", "author", "student_id", "institution", "year", "study_programme")}
    row.update({"language": _language(idoc), "pages": len(idoc.page_starts) or "", "chars": len(idoc.text)})
    return row


def _doc_block(idoc: IngestedDoc, data: dict[str, Any] | None) -> dict[str, Any]:
    """One document's share of the tables: documents columns, CSV pieces, row ids, what partnerships merge."""
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in DOC_TABLES}
    if data is not None:
        _doc_tables(idoc, data, rows)
    # every table in the order it is written (cities: most mentioned first, as built)
    rows = {name: sorted(rows[name], key=lambda r, n=name: _sort_key(n, r)) for name in DOC_TABLES}
    pieces = {name: csv_rows(COLUMNS[name], rows[name])[0] for name in PIECE_TABLES}
    doc = _doc_fields(idoc)
    if data is not None and data.get("failed"):  # annotate's task failed on a cluster (pipeline.annotate)
        doc.update(status="failed", message=data["failed"])
    return {"doc": doc,
            "csv": {k: v for k, v in pieces.items() if k not in LAZY_TABLES},
            "lazy": {k: v for k, v in pieces.items() if k in LAZY_TABLES},
            "n": {name: len(rows[name]) for name in PIECE_TABLES},
            "sha": {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in pieces.items()},
            # one string per table, not a list: every run decodes every block, and rarely needs these
            "ids": {name: " ".join(sorted({str(r[col]) for r in rows[name]})) for name, col in ID_COLUMNS.items()},
            "pairs": [[*r["_key"], *(r[c] for c in PAIR_COLUMNS)] for r in rows["agreements"]],
            "has_mentions": data is not None}


def _piece(block: dict[str, Any], name: str) -> str:
    """A document's CSV piece of a table (a lazy one's in memory when just built, else from the cache folder)."""
    if name not in LAZY_TABLES:
        return block["csv"][name]
    if name in block["lazy"]:
        return block["lazy"][name]
    return Path(block["piece_paths"][name]).read_text(encoding="utf-8")


def _piece_bytes(block: dict[str, Any], name: str) -> bytes:
    if name in LAZY_TABLES and name not in block["lazy"]:
        return Path(block["piece_paths"][name]).read_bytes()
    return _piece(block, name).encode("utf-8")


def _doc_rows(block: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A document's rows of a table, parsed back from its piece (agreements with their place keys)."""
    rows = _parse_piece(name, _piece(block, name))
    if name == "agreements":
        for r, pair in zip(rows, block["pairs"]):
            r["_key"] = (pair[0], pair[1])
    return rows


def _parse_piece(name: str, text: str) -> list[dict[str, Any]]:
    """Rows back from a CSV piece, typed as the builder made them (the same CSV when written again)."""
    cols = COLUMNS[name]
    out: list[dict[str, Any]] = []
    for values in csv.reader(io.StringIO(text, newline="")):
        row: dict[str, Any] = {}
        for col, raw in zip(cols, values):
            v = unsafe_cell(raw)
            if col in INTEGER:
                row[col] = int(v) if v != "" else None
            elif col in NUMBER:
                row[col] = float(v) if v != "" else None
            elif col in BOOLEAN:
                row[col] = v == "true" if v != "" else None
            else:
                row[col] = v
        out.append(row)
    return out


def _inputs_fingerprint(entry: dict[str, Any], doc_path: Path, m_path: Path) -> str:
    """What a document's block is made from: its ingest fingerprint (index.json) and its annotate fingerprint.

    Each stage's fingerprint already stands for its output's content (input bytes, code,
    parameters); files without one (written by hand) are hashed whole.
    """
    from pipeline.cache import read_fingerprint, sha256_file

    ingest_fp = str(entry.get("fingerprint") or "") or sha256_file(doc_path)
    if not m_path.exists():
        return ingest_fp + "|-"
    return ingest_fp + "|" + (read_fingerprint(m_path) or sha256_file(m_path))


def _load_block(cache_dir: Path | None, key: str, entry: dict[str, Any], docs_dir: Path,
                mentions_dir: Path) -> dict[str, Any]:
    """A document's block: from the cache when its inputs and the code are unchanged, else built (and cached)."""
    from pipeline.cache import FINGERPRINT_KEY, doc_fingerprint, stored_fingerprint_matches

    doc_id = entry["doc_id"]
    doc_path, m_path = docs_dir / f"{doc_id}.json", mentions_dir / f"{doc_id}.json"
    if cache_dir is not None:
        fp = doc_fingerprint(key, _inputs_fingerprint(entry, doc_path, m_path).encode())
        cached = cache_dir / f"{doc_id}.json"
        paths = {name: str(cache_dir / f"{doc_id}.{name}.csv") for name in LAZY_TABLES}
        if stored_fingerprint_matches(cached, fp) and all(Path(p).is_file() for p in paths.values()):
            block = json.loads(cached.read_bytes())
            block["lazy"], block["piece_paths"] = {}, paths
            return block
    idoc = IngestedDoc.from_dict(json.loads(doc_path.read_bytes()))
    block = _doc_block(idoc, json.loads(m_path.read_bytes()) if m_path.exists() else None)
    if cache_dir is not None:
        for name, text in block["lazy"].items():
            atomic_write_text(Path(paths[name]), text)
        # the record last: its fingerprint vouches for the pieces written before it
        write_json(cached, {**{k: v for k, v in block.items() if k != "lazy"}, FINGERPRINT_KEY: fp}, record=True)
        block["lazy"], block["piece_paths"] = {}, paths  # read back when written out: less memory
    return block


def _build(docs_dir: Path, mentions_dir: Path, cache_dir: Path | None, *,
           materialize: Callable[[dict[str, dict[str, Any]]], set[str]] | None
           ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]], set[str]]:
    """The tables, every document's block, and the documents whose mention and date rows are in the tables.

    `materialize` picks those documents from the blocks (None: all of them).
    """
    docs_dir, mentions_dir = Path(docs_dir), Path(mentions_dir)
    index = read_json(docs_dir / "index.json")
    key = _tables_key()
    if cache_dir is not None:
        cache_dir = Path(cache_dir)
        cache_dir.mkdir(parents=True, exist_ok=True)
    blocks: dict[str, dict[str, Any]] = {}
    for entry in index:
        doc_id = entry["doc_id"]
        if entry.get("status") != "failed" and doc_id not in blocks and (docs_dir / f"{doc_id}.json").exists():
            blocks[doc_id] = _load_block(cache_dir, key, entry, docs_dir, mentions_dir)
    if cache_dir is not None:
        for stale in cache_dir.iterdir():
            if stale.name.split(".", 1)[0] not in blocks:
                stale.unlink()
    tables: dict[str, list[dict[str, Any]]] = {k: [] for k in COLUMNS}
    for entry in index:
        row = {"doc_id": entry["doc_id"], "file": entry["file"], "sha256": entry.get("sha256", ""),
               "format": entry.get("format", ""), "status": entry.get("status", ""), "message": entry.get("message", "")}
        block = blocks.get(entry["doc_id"])
        if block is not None:
            row.update(block["doc"])
        tables["documents"].append(row)
    chosen = set(blocks) if materialize is None else materialize(blocks)
    for doc_id in sorted(chosen & set(blocks)):
        block = blocks[doc_id]
        if block["has_mentions"]:
            for name in DOC_TABLES:
                tables[name].extend(_doc_rows(block, name))
    tables["partnerships"] = merge_partnerships(_merge_input(tables["agreements"], blocks, chosen))
    return tables, blocks, chosen


def _merge_input(agreements: list[dict[str, Any]], blocks: dict[str, dict[str, Any]],
                 chosen: set[str]) -> list[dict[str, Any]]:
    """Every agreement, in agreements.csv order: the rows given (of the `chosen` documents), the other documents' pairs."""
    given: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in agreements:
        given[str(r.get("doc_id") or "")].append(r)
    out: list[dict[str, Any]] = []
    for doc_id in sorted(set(given) | {d for d, b in blocks.items() if d not in chosen and b["pairs"]}):
        if doc_id in given:
            out.extend(sorted(given[doc_id], key=lambda r: _sort_key("agreements", r)))
        else:
            out.extend({"_key": (p[0], p[1]), "doc_id": doc_id, **dict(zip(PAIR_COLUMNS, p[2:]))}
                       for p in blocks[doc_id]["pairs"])
    return out


def _sentence(idoc: IngestedDoc, m: dict[str, Any]) -> str:
    a = m["attrs"]
    return " ".join(idoc.text[a.get("sentence_start", m["start"]):a.get("sentence_end", m["end"])].split())


def _doc_tables(idoc: IngestedDoc, data: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
    agreements = data["agreements"]
    partner_keys = {r["key_a"] for r in agreements} | {r["key_b"] for r in agreements}
    coop_sectors = {s for r in agreements for s in r["sectors"].split("|") if s}
    places: dict[str, dict[str, Any]] = {}
    sectors: dict[str, dict[str, Any]] = {}

    for m in data["mentions"]:
        a = m["attrs"]
        sentence = _sentence(idoc, m)
        mid = mention_id(m['doc_id'], m['type'], m['start'], m['end'])
        extra = {k: v for k, v in a.items() if k not in ("sentence_start", "sentence_end", "page", "section")}
        tables["mentions"].append({
            "doc_id": idoc.doc_id, "mention_id": mid, "type": m["type"], "text": m["text"], "start": m["start"],
            "end": m["end"], "page": a.get("page"), "section": a.get("section"), "sentence": sentence,
            "value": m["value"], "method": m["method"], "confidence": m["confidence"],
            "attrs": json.dumps(extra, ensure_ascii=False, sort_keys=True),
        })
        if m["type"] in ("CITY", "REGION") and not a.get("in_org"):
            key = place_key(a.get("geonames_id"), a.get("iso3166_2") or "", m["value"], a.get("country") or "")
            p = places.setdefault(key, {
                "doc_id": idoc.doc_id, "name": m["value"], "country": a.get("country") or "",
                "level": a.get("level") or ("region" if m["type"] == "REGION" else "city"),
                "geonames_id": a.get("geonames_id"), "iso3166_2": a.get("iso3166_2") or "",
                "admin1": a.get("admin1") or "", "latitude": a.get("latitude"), "longitude": a.get("longitude"),
                "mentions": 0, "_surfaces": [], "role": "partner" if key in partner_keys else "other",
                "method": m["method"],
            })
            p["mentions"] += 1
            if m["text"] not in p["_surfaces"]:
                p["_surfaces"].append(m["text"])
        elif m["type"] == "DATE":
            tables["dates"].append({
                "doc_id": idoc.doc_id, "text": m["text"], "value": m["value"], "precision": a.get("precision", ""),
                "role": a.get("role", ""), "start": m["start"], "end": m["end"], "sentence": sentence,
                "page": a.get("page"), "mention_id": mid, "method": m["method"],
            })
        elif m["type"] == "SECTOR":
            s = sectors.setdefault(m["value"], {"doc_id": idoc.doc_id, "sector": m["value"], "mentions": 0,
                                                "_surfaces": [], "method": m["method"]})
            s["mentions"] += 1
            if m["text"].lower() not in s["_surfaces"]:
                s["_surfaces"].append(m["text"].lower())
    for p in sorted(places.values(), key=lambda p: (-p["mentions"], p["name"])):
        p["surfaces"] = "|".join(p.pop("_surfaces"))
        tables["cities"].append(p)
    for code in sorted(sectors):
        s = sectors[code]
        s["surfaces"] = "|".join(s.pop("_surfaces"))
        s["label_id"], s["label_en"] = SECTOR_LABELS.get(code, (code, code))
        s["in_cooperation"] = code in coop_sectors
        tables["sectors"].append(s)
    for r in agreements:
        row = {k: v for k, v in r.items() if not k.startswith("key_")}
        row["doc_id"] = idoc.doc_id
        row["page"] = idoc.page_at(r["start"])
        row["method"] = "rules:partnerships.v1" + ("+ocr" if row.pop("ocr", False) else "")  # evidence read by OCR
        row["_key"] = (r["key_a"], r["key_b"])
        tables["agreements"].append(row)


def merge_partnerships(agreements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per city pair across the corpus, naming disagreements between documents.

    A pair's places (names, countries, ids) are those of its first agreement in the order given.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in agreements:
        groups[tuple(sorted(r["_key"]))].append(r)
    out = []
    for key in sorted(groups):
        rows = groups[key]
        first = rows[0]
        rels = sorted({r["relationship"] for r in rows if r["relationship"]})
        rel = next((r for r in ("sister_province", "sister_city", "friendship_city", "cooperation") if r in rels), "")
        insts = sorted({f"{r['instrument']}@{r['signed']}" if r["signed"] else r["instrument"] for r in rows if r["instrument"]})
        dates = sorted(d for r in rows for d in (r["signed"],) if d)
        sectors = sorted({s for r in rows for s in (r["sectors"] or "").split("|") if s})  # None: added by a reviewer
        docs = sorted({r["doc_id"] for r in rows})
        conflicts = []
        signed_by_type: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r["instrument"] and r["signed"]:
                signed_by_type[r["instrument"]].add(r["signed"])
        for t in sorted(signed_by_type):
            if len(signed_by_type[t]) > 1:
                conflicts.append(f"{t} signed: " + " vs ".join(sorted(signed_by_type[t])))
        statuses = sorted({r["status"] for r in rows if r["status"]})
        if len(statuses) > 1:
            conflicts.append("status: " + " vs ".join(statuses))
        if len(rels) > 1:
            conflicts.append("relationship: " + " vs ".join(rels))
        out.append({
            "partnership_id": hashlib.sha1("|".join(key).encode()).hexdigest()[:12],
            **{k: first[k] for k in ("city_a", "country_a", "geonames_a", "iso3166_2_a",
                                     "city_b", "country_b", "geonames_b", "iso3166_2_b")},
            "relationship": rel, "first_date": dates[0] if dates else "", "instruments": "|".join(insts),
            "sectors": "|".join(sectors), "documents": "|".join(docs), "conflicts": "; ".join(conflicts),
            "statuses": "|".join(statuses),
        })
    return out


def _sort_key(table: str, row: dict[str, Any]) -> tuple:
    order = {
        "documents": ("file", "doc_id"), "mentions": ("doc_id", "start", "end", "type"),
        "cities": ("doc_id",), "dates": ("doc_id", "start"), "sectors": ("doc_id", "sector"),
        "agreements": ("doc_id", "city_a", "city_b", "instrument", "signed"), "partnerships": ("city_a", "city_b"),
    }[table]
    return tuple((0, row[k]) if isinstance(row.get(k), int) else (1, str(row.get(k) or "")) for k in order)


def write_tables(tables: dict[str, list[dict[str, Any]]], out_dir: Path,
                 blocks: dict[str, dict[str, Any]] | None = None, chosen: set[str] | None = None,
                 offsets: dict[str, TableOffsets] | None = None) -> dict[str, int]:
    """Write the CSVs and datapackage.json atomically; returns row counts.

    `blocks`: per-document blocks whose CSV pieces stand in for a document's rows of a piece
    table: always for the mention and date rows of documents not in `chosen` (those rows are not
    in `tables`), and for the other piece tables when the rows are unchanged (corrections may have
    changed them). The same bytes as writing every row. `offsets` receives where each
    document's rows of those tables were written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, cols in COLUMNS.items():
        rows = tables[name]
        if blocks is not None and name in PIECE_TABLES:
            where = TableOffsets()
            counts[name] = _write_pieces(out_dir / f"{name}.csv", name, rows, blocks,
                                         set(blocks) if chosen is None else chosen, where)
            if offsets is not None:
                offsets[name] = where
            continue
        # a stable sort: cities keep their per-document order (most mentioned first)
        counts[name] = write_csv(out_dir / f"{name}.csv", cols, sorted(rows, key=lambda r, n=name: _sort_key(n, r)))
    write_json(out_dir / "datapackage.json", datapackage())
    return counts


def _write_pieces(path: Path, name: str, rows: list[dict[str, Any]], blocks: dict[str, dict[str, Any]],
                  present: set[str], where: TableOffsets) -> int:
    """A table sorted by doc_id first, written document by document (same bytes as ``write_csv`` of the sorted rows).

    `present`: the documents whose rows are in `rows` (the others are written from their piece).
    `where` records each document's byte range and digest (a piece's digest comes with its block).
    """
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[str(r.get("doc_id") or "")].append(r)
    absent = {d for d, b in blocks.items() if d not in present and b["has_mentions"] and b["n"][name]}
    n = 0
    # streamed: the mentions table of a national corpus runs to hundreds of MB
    header = csv_header(COLUMNS[name]).encode("utf-8")
    where.header = where.size = len(header)
    with atomic_writer(path) as out:
        out.write(header)
        for doc_id in sorted(set(groups) | absent):
            block = blocks.get(doc_id)
            if doc_id in absent:
                data = _piece_bytes(block, name)
                out.write(data)
                where.add(doc_id, data, block["n"][name], block["sha"][name])
                n += block["n"][name]
                continue
            group = groups[doc_id]
            n += len(group)
            data = csv_rows(COLUMNS[name], sorted(group, key=lambda r: _sort_key(name, r)))[0].encode("utf-8")
            where.add(doc_id, data, len(group))
            out.write(data)
    return n


@paused_gc()
def tables(docs_dir: Path, mentions_dir: Path, out_dir: Path, *, corrections: Path | None = None,
           orphans: Path | None = None, cache_dir: Path | None = None,
           offsets: Path | None = None) -> tuple[dict[str, int], int]:
    """The stage: build the tables, apply the reviewers' corrections, write them; returns counts and orphans.

    `cache_dir`: per-document blocks (rows and CSV pieces) kept between runs, keyed by the
    document's ingested and annotated bytes and this stage's code: a re-run redoes only the
    documents that changed. The tables are the same bytes with or without it.
    `offsets`: where to write each document's byte ranges in the per-document tables (see
    `pipeline.offsets`), so report and evaluate seek to a document's rows instead of scanning.
    """
    found = load_corrections(corrections) if corrections is not None else []
    built, blocks, chosen = _build(docs_dir, mentions_dir, cache_dir, materialize=lambda b: _touched_docs(b, found))
    built, lost = apply_corrections(built, found)
    if found:
        built["partnerships"] = merge_partnerships(_merge_input(built["agreements"], blocks, chosen))
    if orphans is not None:
        write_orphans(lost, orphans)
    where: dict[str, TableOffsets] = {}
    counts = write_tables(built, out_dir, blocks, chosen, where)
    if offsets is not None:
        write_offsets(offsets, where)
    return counts, len(lost)


def _touched_docs(blocks: dict[str, dict[str, Any]], found: list[Correction]) -> set[str]:
    """The documents whose rows a correction may change (their rows are parsed back)."""
    keys = {c.key for c in found if c.table in ID_COLUMNS}
    docs = {d for d, b in blocks.items() if keys and any(k in keys for t in ID_COLUMNS for k in b["ids"][t].split())}
    # cities and sectors are keyed doc_id|name, compared case-insensitively
    named = {c.key.split("|", 1)[0].casefold() for c in found if c.table not in ID_COLUMNS and c.key}
    docs |= {d for d in blocks if d.casefold() in named}
    for c in found:
        if c.action == "add":
            docs.add(str(new_row(c).get("doc_id") or ""))
    return docs
