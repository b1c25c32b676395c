"""Review stage: static, self-contained HTML pages to audit what the pipeline extracted.

`render_reports` writes `index.html` (documents, partnerships, a map, a timeline and a network
of partnerships, all inline SVG) and one page per document under `doc/<doc_id>.html` with the
normalized text, every mention highlighted by type, the agreements and their evidence.
No network, no CDN, no template engine: the pages open from disk, and the same inputs give
byte-identical pages.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import html
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pipeline.io import atomic_write_text, csv_header, paused_gc, read_csv, read_json, unsafe_cell, write_json
from pipeline.offsets import TableOffsets, check, read_offsets, read_range

TYPE_COLOURS: dict[str, str] = {
    "CITY": "#ffd54f", "REGION": "#ffb74d", "COUNTRY": "#c5e1a5", "DATE": "#81d4fa", "DURATION": "#b39ddb",
    "SECTOR": "#a5d6a7", "INSTRUMENT": "#f48fb1", "RELATIONSHIP": "#ef9a9a", "ORG": "#bcaaa4", "PERSON": "#e6ee9c",
}
OTHER_COLOUR = "#e0e0e0"
RELATIONSHIP_COLOURS: dict[str, str] = {
    "sister_city": "#1565c0", "sister_province": "#6a1b9a", "friendship_city": "#2e7d32", "cooperation": "#ef6c00",
}
INSTRUMENT_COLOURS: dict[str, str] = {
    "letter_of_intent": "#00838f", "memorandum_of_understanding": "#c2185b", "cooperation_agreement": "#5d4037",
}
TABLE_NAMES = ("documents", "mentions", "cities", "dates", "sectors", "agreements", "partnerships")
# Content-Security-Policy: nothing may be fetched, whatever a page holds.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def esc(value: Any) -> str:
    """HTML-escape any cell (None as empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def _frag(value: str) -> str:
    """A URL fragment for an id."""
    return quote(value, safe="-_.")


def _slug(value: str) -> str:
    """A class-name / file-name safe form."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value) or "_"


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        try:
            f = float(str(value).strip())
        except (TypeError, ValueError):
            return None
        return int(f) if f.is_integer() else None


def _float(value: Any) -> float | None:
    try:
        f = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return f if f == f and abs(f) != float("inf") else None


def _fmt(x: float) -> str:
    """Deterministic SVG coordinate."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


# ---------------------------------------------------------------------------------------------
# Text with nested / overlapping spans


@dataclass
class Span:
    """A highlighted range of the text: `open_tag(first)` starts a fragment, `close` ends one."""

    start: int
    end: int
    attrs: str  # rendered attributes for every fragment (class, data-*, title)
    anchor: str = ""  # id of the first fragment
    rank: int = 0  # for identical ranges: lower rank is outer
    tag: str = "span"
    _opened: bool = field(default=False, repr=False)

    def open(self) -> str:
        first = not self._opened
        self._opened = True
        anchor = f' id="{esc(self.anchor)}"' if first and self.anchor else ""
        cont = "" if first else ' data-cont="1"'
        return f"<{self.tag}{anchor}{cont} {self.attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def render_text(text: str, spans: Iterable[Span], markers: dict[int, str] | None = None) -> str:
    """Escaped `text` with every span wrapped in elements, splitting spans that cross.

    Spans are nested as they come (longer outside); when one ends while a span opened inside it
    is still open, the inner one is closed and reopened after it (a continuation fragment with
    `data-cont`), so the HTML stays well formed whatever the overlaps. `markers` inserts
    ready HTML at offsets (page labels). Zero-length or out-of-range spans are dropped.
    """
    n = len(text)
    markers = markers or {}
    kept = []
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if a < b:
            s.start, s.end, s._opened = a, b, False
            kept.append(s)
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in kept:
        starts[s.start].append(s)
    for lst in starts.values():
        lst.sort(key=lambda s: (-s.end, s.rank))
    bounds = sorted({0, n} | {s.start for s in kept} | {s.end for s in kept} | {m for m in markers if 0 <= m <= n})
    out: list[str] = []
    stack: list[Span] = []
    prev = 0
    for pos in bounds:
        if pos > prev:
            out.append(esc(text[prev:pos]))
            prev = pos
        lowest = next((i for i, s in enumerate(stack) if s.end <= pos), None)
        if lowest is not None:
            reopen = [s for s in stack[lowest:] if s.end > pos]
            for s in reversed(stack[lowest:]):
                out.append(s.close())
            del stack[lowest:]
            for s in reopen:
                out.append(s.open())
                stack.append(s)
        if pos in markers:
            out.append(markers[pos])
        for s in starts.get(pos, ()):
            out.append(s.open())
            stack.append(s)
    for s in reversed(stack):
        out.append(s.close())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Loading


def _parse_rows(header: list[str], text: str) -> list[dict[str, str]]:
    """CSV records (no header line) as `read_csv` gives them."""
    return [{k: unsafe_cell(v) for k, v in zip(header, row)} for row in csv.reader(io.StringIO(text, newline=""))]


class _RawRows:
    """A large table's rows as raw CSV records grouped by doc_id: parsed only for the pages being made.

    Rows are split on the writer's CRLF terminator, re-joined while a record's quote count is odd
    (a line break inside a quoted cell), so grouping and hashing need no CSV parsing; the table is
    sorted by doc_id, which is never quoted.
    """

    def __init__(self, path: Path) -> None:
        self.header: list[str] = []
        self.groups: dict[str, list[bytes]] = defaultdict(list)
        self.n = 0
        if not path.exists():
            return
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        segs = data.split(b"\r\n")
        odd = [seg.count(b'"') & 1 for seg in segs]
        if any(odd):  # a line break inside a quoted cell: join segments until the quotes balance
            records: list[bytes] = []
            pending: list[bytes] = []
            parity = 0
            for seg, o in zip(segs, odd):
                pending.append(seg)
                parity ^= o
                if not parity:
                    records.append(b"\r\n".join(pending))
                    pending = []
            if pending:
                records.append(b"\r\n".join(pending))
        else:
            records = segs
        if not records:
            return
        self.header = next(csv.reader([records[0].decode("utf-8")]), [])
        at = self.header.index("doc_id") if "doc_id" in self.header else 0
        body = [rec for rec in records[1:] if rec]
        if at == 0 and not any(rec.startswith(b'"') for rec in body):
            keys = [rec.partition(b",")[0].decode("utf-8") for rec in body]
        else:
            keys = []
            for rec in body:
                cells = next(csv.reader(io.StringIO(rec.decode("utf-8"), newline="")), [])
                keys.append(cells[at] if at < len(cells) else "")
        for key, rec in zip(keys, body):
            self.groups[key].append(rec)
        self.n = len(body)

    def __len__(self) -> int:
        return self.n

    def rows(self, doc_id: str) -> list[dict[str, str]]:
        """One document's rows as `read_csv` gives them."""
        recs = self.groups.get(doc_id)
        if not recs:
            return []
        return _parse_rows(self.header, "\r\n".join(r.decode("utf-8") for r in recs) + "\r\n")

    def digest(self, doc_id: str) -> str:
        """SHA-256 of one document's rows as stored (the digest `pipeline.offsets` records)."""
        h = hashlib.sha256()
        for rec in self.groups.get(doc_id, ()):
            h.update(rec + b"\r\n")
        return h.hexdigest()

    def counts(self) -> dict[str, int]:
        """Rows per doc_id."""
        return {k: len(v) for k, v in self.groups.items()}


class _RangeRows:
    """A large table read through its offsets (`pipeline.offsets`): a document's rows are read only when asked for."""

    def __init__(self, path: Path, offsets: TableOffsets, header: list[str]) -> None:
        self.path, self.offsets, self.header = path, offsets, header

    def __len__(self) -> int:
        return sum(entry[2] for entry in self.offsets.docs.values())

    def rows(self, doc_id: str) -> list[dict[str, str]]:
        """One document's rows as `read_csv` gives them."""
        with self.path.open("rb") as f:
            return _parse_rows(self.header, read_range(f, self.offsets, doc_id).decode("utf-8"))

    def digest(self, doc_id: str) -> str:
        """SHA-256 of one document's rows as stored (checked against the file when opened)."""
        return self.offsets.digest(doc_id)

    def counts(self) -> dict[str, int]:
        """Rows per doc_id."""
        return {d: entry[2] for d, entry in self.offsets.docs.items()}


# the tables the index page shows whole (dates.csv repeats mentions and is not read)
PAGE_TABLES = ("documents", "cities", "partnerships")
# what the index reads of every agreement (a document's page reads its own rows whole)
INDEX_AGREEMENT_COLUMNS = ("doc_id", "instrument", "signed", "city_a", "country_a", "city_b", "country_b")
# the tables a page shows rows of: its fingerprint takes each one's digest of the document's rows
DIGEST_TABLES = ("mentions", "agreements", "cities", "sectors")


def _checked_table(path: Path, offsets: Path | None, name: str) -> TableOffsets | None:
    """A table's offsets when they match the file (every range's digest checked), else None."""
    from pipeline.tables import COLUMNS

    found = read_offsets(offsets, name)
    header = csv_header(COLUMNS[name]).encode("utf-8")
    return found if found is not None and check(path, found, header) else None


def _checked_tables(tables_dir: Path, offsets: Path | None) -> dict[str, TableOffsets | None]:
    """`_checked_table` of every table in DIGEST_TABLES."""
    return {name: _checked_table(tables_dir / f"{name}.csv", offsets, name) for name in DIGEST_TABLES}


def _mention_rows(path: Path, offsets: Path | None) -> _RawRows | _RangeRows:
    """mentions.csv through its offsets when they match the file, else scanned whole."""
    return _rows_of(path, _checked_table(path, offsets, "mentions"))


def _rows_of(path: Path, found: TableOffsets | None) -> _RawRows | _RangeRows:
    from pipeline.tables import COLUMNS

    return _RangeRows(path, found, list(COLUMNS[path.stem])) if found is not None else _RawRows(path)


def _read_columns(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Some columns of every row of a CSV written by `write_csv` (the formula guard undone)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        at = [(c, header.index(c)) for c in columns if c in header]
        return [{c: unsafe_cell(row[i]) if i < len(row) else "" for c, i in at} for row in reader if row]


def _load_tables(tables_dir: Path, offsets: Path | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the pages are made of: PAGE_TABLES' rows and some columns of agreements (for the index), and per
    table of DIGEST_TABLES a `_RangeRows` or `_RawRows` giving a document's rows and their digest."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # checking the tables against their offsets is SHA-256 over all of mentions.csv: a forked
    # process does it while this one parses the other tables (a thread would mostly wait for the GIL)
    pool = (ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            if offsets is not None and "fork" in multiprocessing.get_all_start_methods() else None)
    try:
        pending: Future[dict[str, TableOffsets | None]] | None = (
            pool.submit(_checked_tables, tables_dir, offsets) if pool is not None else None)
        tables: dict[str, Any] = {name: read_csv(tables_dir / f"{name}.csv") if (tables_dir / f"{name}.csv").exists()
                                  else [] for name in PAGE_TABLES}
        tables["agreements"] = _read_columns(tables_dir / "agreements.csv", INDEX_AGREEMENT_COLUMNS)
        checked = (pending.result() if pending is not None
                   else _checked_tables(tables_dir, offsets) if offsets is not None else {})
    finally:
        if pool is not None:
            pool.shutdown()
    # a table the offsets do not vouch for is grouped and hashed document by document from its raw records
    per_doc: dict[str, Any] = {name: _rows_of(tables_dir / f"{name}.csv", checked.get(name)) for name in DIGEST_TABLES}
    tables["mentions"] = per_doc["mentions"]
    return tables, per_doc


def _counts(rows: Any) -> dict[str, int]:
    """Rows per doc_id of a table (a list of dicts, _RawRows or _RangeRows)."""
    if isinstance(rows, (_RawRows, _RangeRows)):
        return rows.counts()
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        out[r.get("doc_id", "")] += 1
    return out


def _documents(tables: dict[str, list[dict[str, str]]], docs_dir: Path) -> list[dict[str, Any]]:
    """documents.csv rows, else the ingest index; one per doc_id, sorted by file then doc_id."""
    rows: list[dict[str, Any]] = list(tables["documents"])
    if not rows and (docs_dir / "index.json").exists():
        rows = [dict(r) for r in read_json(docs_dir / "index.json")]
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("doc_id") and r["doc_id"] not in seen:
            seen[r["doc_id"]] = r
    return sorted(seen.values(), key=lambda r: (str(r.get("file") or ""), r["doc_id"]))


def _doc_text(docs_dir: Path, doc_id: str) -> tuple[str | None, list[int]]:
    """The normalized text (from <doc_id>.txt, else the JSON) and the page starts."""
    text: str | None = None
    page_starts: list[int] = []
    txt, js = docs_dir / f"{doc_id}.txt", docs_dir / f"{doc_id}.json"
    data = read_json(js) if js.exists() else {}
    if txt.exists():
        text = txt.read_text(encoding="utf-8")
    elif "text" in data:
        text = data["text"]
    page_starts = [int(p) for p in data.get("page_starts") or []]
    return text, page_starts


def _by_doc(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        out[r.get("doc_id", "")].append(r)
    return out


# ---------------------------------------------------------------------------------------------
# Page shell

CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header,main,section{padding:0 24px}
header{background:#263238;color:#fff;padding:12px 24px}
header a{color:#b3e5fc}
h1{font-size:20px;margin:4px 0}
h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:6px 0 12px;background:#fff;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eceff1}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%}
td.wide{min-width:300px}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px}
.s-ok{background:#c8e6c9}.s-warning{background:#fff59d}.s-failed{background:#ffcdd2}
.conflict{background:#ffebee;color:#b71c1c}
.warn{color:#b71c1c;font-weight:600}
.muted{color:#777}
.meta td:first-child{font-weight:600;background:#f5f5f5}
svg{background:#fff;border:1px solid #ddd;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:#333}
.legend span{display:inline-block;margin-right:12px}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border-radius:2px}
"""

DOC_CSS = """
body.doc main{margin-right:360px}
#text{white-space:pre-wrap;word-wrap:break-word;background:#fff;border:1px solid #ddd;padding:16px;
  font:15px/1.9 Georgia,"Times New Roman",serif}
.m{border-radius:2px;padding:1px 0;border-bottom:2px solid rgba(0,0,0,.35);cursor:pointer;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
.m .m{padding:0;border-bottom-style:dotted}
.m:hover{outline:1px solid #333}
.m.sel{outline:2px solid #d32f2f}
.ev{outline:1px dashed #90a4ae;outline-offset:1px}
.ev:target,.ev.flash{background:rgba(255,235,59,.35);outline:2px solid #f57f17}
.pb{display:inline-block;font:11px system-ui,sans-serif;color:#fff;background:#607d8b;border-radius:3px;
  padding:0 4px;margin:0 2px;user-select:none;-webkit-user-select:none}
#panel{position:fixed;top:0;right:0;width:340px;height:100vh;overflow:auto;background:#fff;
  border-left:1px solid #ccc;padding:12px 14px;font-size:13px}
#panel h3{margin:4px 0 8px;font-size:15px}
#panel table{width:100%}
#panel .entry{margin-bottom:10px}
#panel label{display:inline-block;margin:0 8px 2px 0;white-space:nowrap}
"""

DOC_JS = r"""
(function () {
  "use strict";
  var text = document.getElementById("text");
  var body = document.getElementById("panel-body");
  var marks = text ? text.getElementsByClassName("m") : [];
  var seen = {}, count = 0, i;
  for (i = 0; i < marks.length; i++) {
    var id = marks[i].getAttribute("data-mid");
    if (!Object.prototype.hasOwnProperty.call(seen, id)) { seen[id] = 1; count++; }
  }
  document.body.setAttribute("data-highlighted", String(count));
  document.body.setAttribute("data-fragments", String(marks.length));
  var stat = document.getElementById("stat-highlighted");
  if (stat) { stat.textContent = count + " mentions highlighted (" + marks.length + " elements)"; }
  var FIELDS = [["type", "type"], ["text", "text"], ["value", "normalized value"], ["method", "method"],
                ["conf", "confidence"], ["mid", "mention_id"], ["span", "offsets"], ["page", "page"]];
  var pinned = false;
  function clearSel() {
    var sel = document.querySelectorAll(".m.sel");
    for (var j = 0; j < sel.length; j++) { sel[j].classList.remove("sel"); }
  }
  function entry(el) {
    var div = document.createElement("div");
    div.className = "entry";
    var table = document.createElement("table");
    for (var k = 0; k < FIELDS.length; k++) {
      var v = FIELDS[k][0] === "span" ? el.getAttribute("data-start") + "\u2013" + el.getAttribute("data-end")
                                       : el.getAttribute("data-" + FIELDS[k][0]);
      var tr = document.createElement("tr");
      var th = document.createElement("th"); th.textContent = FIELDS[k][1];
      var td = document.createElement("td"); td.textContent = v === null ? "" : v;
      if (FIELDS[k][0] === "mid") { td.className = "mid"; }
      tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
    }
    div.appendChild(table);
    return div;
  }
  function show(el) {
    clearSel();
    var mid = el.getAttribute("data-mid");
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute("data-mid") === mid) { marks[j].classList.add("sel"); }
    }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var h = document.createElement("h3"); h.textContent = "Mention"; body.appendChild(h);
    body.appendChild(entry(el));
    var outer = el.parentElement, first = true;
    while (outer && outer !== text) {
      if (outer.classList.contains("m")) {
        if (first) { var h2 = document.createElement("h3"); h2.textContent = "Inside"; body.appendChild(h2); first = false; }
        body.appendChild(entry(outer));
      }
      outer = outer.parentElement;
    }
    body.setAttribute("data-shown", mid);
  }
  if (text) {
    text.addEventListener("mouseover", function (e) {
      var el = e.target.closest ? e.target.closest(".m") : null;
      if (el && !pinned) { show(el); }
    });
    text.addEventListener("click", function (e) {
      var el = e.target.closest ? e.target.closest(".m") : null;
      if (el) { show(el); pinned = true; } else { pinned = false; clearSel(); }
    });
  }
  function fromHash() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    if (el.classList.contains("m")) { show(el); pinned = true; }
    var fl = document.querySelectorAll(".flash");
    for (var j = 0; j < fl.length; j++) { fl[j].classList.remove("flash"); }
    if (el.classList.contains("ev")) {
      var aid = el.getAttribute("data-aid"), evs = text.getElementsByClassName("ev");
      for (var k = 0; k < evs.length; k++) {
        if (evs[k].getAttribute("data-aid") === aid) { evs[k].classList.add("flash"); }
      }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  var boxes = document.querySelectorAll("input[data-type]");
  for (i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function () {
      document.body.classList.toggle("hide-" + this.getAttribute("data-type"), !this.checked);
    });
  }
})();
"""


def _type_css() -> str:
    parts = [f".t-{t}{{background:{c}}}body.hide-{t} .t-{t}{{background:none;border-bottom-color:transparent}}"
             for t, c in TYPE_COLOURS.items()]
    parts.append(f".t-OTHER{{background:{OTHER_COLOUR}}}")
    return "\n".join(parts) + "\n"


def _page(title: str, body: str, *, css: str = "", script: str = "", body_class: str = "") -> str:
    cls = f' class="{esc(body_class)}"' if body_class else ""
    js = f"<script>{script}</script>\n" if script else ""
    return ("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}{css}</style>\n</head>\n"
            f"<body{cls}>\n{body}\n{js}</body>\n</html>\n")


def _table(columns: list[tuple[str, str]], rows: list[list[str]], *, row_attrs: list[str] | None = None,
           empty: str = "none") -> str:
    """An HTML table: `columns` are (header, css class); cells are ready HTML."""
    if not rows:
        return f'<p class="muted">{esc(empty)}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h, _ in columns)
    body = []
    for i, row in enumerate(rows):
        attrs = f" {row_attrs[i]}" if row_attrs and row_attrs[i] else ""
        cells = "".join(f'<td class="{c}">{v}</td>' if c else f"<td>{v}</td>" for (_, c), v in zip(columns, row))
        body.append(f"<tr{attrs}>{cells}</tr>")
    return (f'<div class="scroll"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(body)
            + "\n</tbody>\n</table></div>")


def _status(status: str) -> str:
    return f'<span class="badge s-{_slug(status)}">{esc(status)}</span>' if status else ""


def _legend(colours: dict[str, str]) -> str:
    return '<p class="legend">' + "".join(f'<span><i style="background:{c}"></i>{esc(k)}</span>'
                                          for k, c in colours.items()) + "</p>"


# ---------------------------------------------------------------------------------------------
# Document page


def _page_of(page_starts: list[int], offset: int | None) -> int | None:
    if not page_starts or offset is None:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


def _mention_title(m: dict[str, str]) -> str:
    return (f"{m.get('type', '')}: {m.get('value', '')} · {m.get('method', '')} · {m.get('confidence', '')} · "
            f"{m.get('mention_id', '')}")


def _anchor(prefix: str, ident: str) -> str:
    return f"{prefix}-{ident}"


def render_document(doc: dict[str, Any], text: str | None, page_starts: list[int], mentions: list[dict[str, str]],
                    agreements: list[dict[str, str]], cities: list[dict[str, str]] = (),  # type: ignore[assignment]
                    sectors: list[dict[str, str]] = ()) -> str:  # type: ignore[assignment]
    """The HTML page of one document."""
    doc_id = str(doc.get("doc_id", ""))
    n = len(text) if text is not None else 0
    mentions = sorted(mentions, key=lambda m: (_int(m.get("start")) or 0, -(_int(m.get("end")) or 0),
                                               m.get("type", ""), m.get("mention_id", "")))
    agreements = sorted(agreements, key=lambda a: (_int(a.get("start")) or 0, a.get("agreement_id", "")))

    spans: list[Span] = []
    problems: dict[str, str] = {}
    seen_ids: set[str] = set()
    for m in mentions:
        mid = str(m.get("mention_id", ""))
        s, e = _int(m.get("start")), _int(m.get("end"))
        if text is None:
            problems[mid] = "no text"
            continue
        if s is None or e is None or s < 0 or e > n or s >= e:
            problems[mid] = ("no offsets" if s is None or e is None else "empty span" if s >= e
                             else "offsets out of range")
            continue
        surface = m.get("text", "")
        if surface and text[s:e] != surface and " ".join(text[s:e].split()) != " ".join(surface.split()):
            problems[mid] = "text at offsets differs"
        page = m.get("page") or (str(_page_of(page_starts, s) or ""))
        t = m.get("type", "")
        cls = f"t-{t}" if t in TYPE_COLOURS else "t-OTHER"
        attrs = (f'class="m {cls}" data-mid="{esc(mid)}" data-type="{esc(t)}" data-text="{esc(surface)}" '
                 f'data-value="{esc(m.get("value", ""))}" data-method="{esc(m.get("method", ""))}" '
                 f'data-conf="{esc(m.get("confidence", ""))}" data-start="{s}" data-end="{e}" '
                 f'data-page="{esc(page)}" title="{esc(_mention_title(m))}"')
        anchor = _anchor("m", mid) if mid not in seen_ids else ""
        seen_ids.add(mid)
        spans.append(Span(s, e, attrs, anchor=anchor, rank=1))
    evidence_ok: set[str] = set()
    for a in agreements:
        aid = str(a.get("agreement_id", ""))
        s, e = _int(a.get("start")), _int(a.get("end"))
        if text is None or s is None or e is None or s < 0 or e > n or s >= e:
            continue
        evidence_ok.add(aid)
        title = f"evidence of agreement {aid}: {a.get('city_a', '')} – {a.get('city_b', '')} {a.get('instrument', '')}"
        spans.append(Span(s, e, f'class="ev" data-aid="{esc(aid)}" title="{esc(title)}"',
                          anchor=_anchor("ev", aid), rank=0))
    markers: dict[int, str] = {}
    for i, p in enumerate(page_starts):
        if text is not None and 0 <= p <= n:
            markers[p] = markers.get(p, "") + f'<span class="pb" id="page-{i + 1}">p.&nbsp;{i + 1}</span>'

    parts = [f'<header><a href="../index.html">← all documents</a>'
             f'<h1>{esc(doc.get("title") or doc.get("file") or doc_id)}</h1>'
             f'<div>{esc(doc.get("file", ""))} · <code>{esc(doc_id)}</code> '
             f'{_status(str(doc.get("status", "")))}</div></header>',
             "<main>"]
    meta_keys = ("doc_id", "file", "sha256", "format", "title", "author", "student_id", "institution", "year",
                 "study_programme", "language", "pages", "chars", "status", "message")
    meta_rows = "".join(f"<tr><td>{esc(k)}</td><td>{esc(doc.get(k, ''))}</td></tr>"
                        for k in meta_keys if doc.get(k) not in (None, ""))
    parts.append(f'<h2>Document</h2><table class="meta">{meta_rows}</table>')
    if page_starts and text is not None:
        links = " ".join(f'<a href="#page-{i + 1}">{i + 1}</a>' for i in range(len(page_starts)))
        parts.append(f"<p>Pages: {links}</p>")

    # Agreements
    rows, row_attrs = [], []
    for a in agreements:
        aid = str(a.get("agreement_id", ""))
        s, e = a.get("start", ""), a.get("end", "")
        page = a.get("page") or str(_page_of(page_starts, _int(s)) or "")
        ev_link = (f'<a href="#{_frag(_anchor("ev", aid))}">{esc(s)}–{esc(e)}</a>' if aid in evidence_ok
                   else f'<span class="warn">{esc(s)}–{esc(e)} not in text</span>')
        terms = "<br>".join(f"{k}: {esc(a.get(k))}" for k in ("place", "duration", "expires") if a.get(k))
        rows.append([
            f"<code>{esc(aid)}</code>", f"{esc(a.get('relationship'))}<br>{esc(a.get('instrument'))}",
            f"{esc(a.get('city_a'))} <span class=\"muted\">{esc(a.get('country_a'))}</span>",
            f"{esc(a.get('city_b'))} <span class=\"muted\">{esc(a.get('country_b'))}</span>",
            esc(a.get("signed")), terms, esc((a.get("sectors") or "").replace("|", ", ")), esc(a.get("status")),
            esc(a.get("confidence")), esc(page), f"{ev_link} <span class=\"muted\">{esc(a.get('evidence'))}</span>",
        ])
        row_attrs.append(f'id="{esc(_anchor("a", aid))}"')
    cols = [("agreement_id", ""), ("relationship / instrument", ""), ("city A", ""), ("city B", ""),
            ("signed", ""), ("terms", ""), ("sectors", ""), ("status", ""), ("confidence", "num"), ("page", "num"),
            ("evidence", "wide")]
    parts.append('<h2 id="agreements">Agreements</h2>' + _table(cols, rows, row_attrs=row_attrs, empty="no agreements"))

    # Text
    parts.append('<h2 id="text-heading">Text</h2>')
    if text is None:
        parts.append('<p class="muted">No normalized text for this document.</p>')
    else:
        parts.append(f'<div id="text">{render_text(text, spans, markers)}</div>')

    # Mentions list
    rows = []
    for m in mentions:
        mid = str(m.get("mention_id", ""))
        link = (f'<a href="#{_frag(_anchor("m", mid))}"><code>{esc(mid)}</code></a>' if mid not in problems
                or problems[mid] == "text at offsets differs" else f"<code>{esc(mid)}</code>")
        note = f'<span class="warn">{esc(problems[mid])}</span>' if mid in problems else ""
        rows.append([link, esc(m.get("type")), esc(m.get("text")), esc(m.get("value")), esc(m.get("start")),
                     esc(m.get("end")), esc(m.get("page")), esc(m.get("section")), esc(m.get("method")),
                     esc(m.get("confidence")), note])
    cols = [("mention_id", ""), ("type", ""), ("text", ""), ("value", ""), ("start", "num"), ("end", "num"),
            ("page", "num"), ("section", ""), ("method", ""), ("confidence", "num"), ("check", "")]
    parts.append(f'<h2 id="mentions">Mentions ({len(mentions)})</h2>' + _table(cols, rows, empty="no mentions"))

    # Places and sectors of the document
    rows = [[esc(c.get("name")), esc(c.get("country")), esc(c.get("level")), esc(c.get("geonames_id")),
             esc(c.get("iso3166_2")), esc(c.get("latitude")), esc(c.get("longitude")), esc(c.get("mentions")),
             esc((c.get("surfaces") or "").replace("|", ", ")), esc(c.get("role"))] for c in cities]
    cols = [("name", ""), ("country", ""), ("level", ""), ("geonames_id", "num"), ("iso3166_2", ""),
            ("latitude", "num"), ("longitude", "num"), ("mentions", "num"), ("surfaces", ""), ("role", "")]
    parts.append('<h2 id="places">Places</h2>' + _table(cols, rows, empty="no places"))
    rows = [[esc(s.get("sector")), esc(s.get("label_id")), esc(s.get("label_en")), esc(s.get("mentions")),
             esc((s.get("surfaces") or "").replace("|", ", ")), esc(s.get("in_cooperation"))]
            for s in sorted(sectors, key=lambda s: s.get("sector", ""))]
    cols = [("sector", ""), ("label_id", ""), ("label_en", ""), ("mentions", "num"), ("surfaces", ""),
            ("in_cooperation", "")]
    parts.append('<h2 id="sectors">Sectors</h2>' + _table(cols, rows, empty="no sectors"))
    parts.append("</main>")

    # Side panel
    types = sorted({m.get("type", "") for m in mentions if m.get("type")})
    toggles = "".join(
        f'<label><input type="checkbox" checked data-type="{esc(t)}"> '
        f'<span class="m {("t-" + t) if t in TYPE_COLOURS else "t-OTHER"}">{esc(t)}</span></label>'
        for t in types if t in TYPE_COLOURS)
    parts.append(f'<aside id="panel"><h3>Highlights</h3><p id="stat-highlighted" class="muted">'
                 f'{sum(1 for s in spans if s.rank == 1)} mentions</p><div>{toggles}</div>'
                 f'<div id="panel-body"><p class="muted">Point at or click a highlighted span to see its normalized '
                 f'value, method, confidence and mention_id.</p></div></aside>')
    title = f"{doc.get('title') or doc.get('file') or doc_id} — kotakembar review"
    return _page(title, "\n".join(parts), css=DOC_CSS + _type_css(), script=DOC_JS, body_class="doc")


# ---------------------------------------------------------------------------------------------
# Index page: tables and SVG figures


def _place_key(geonames: Any, iso: str, name: str, country: str) -> str:
    gid = _int(geonames)
    if gid is not None:
        return f"gn:{gid}"
    if iso:
        return f"iso:{iso}"
    return f"name:{(name or '').casefold()}|{country or ''}"


@dataclass
class _Place:
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None
    partner: bool = False


def _places(cities: list[dict[str, str]]) -> dict[str, _Place]:
    places: dict[str, _Place] = {}
    for c in cities:
        key = _place_key(c.get("geonames_id"), c.get("iso3166_2", ""), c.get("name", ""), c.get("country", ""))
        p = places.setdefault(key, _Place(c.get("name", ""), c.get("country", "")))
        lat, lon = _float(c.get("latitude")), _float(c.get("longitude"))
        if p.lat is None and lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            p.lat, p.lon = lat, lon
        if c.get("role") == "partner":
            p.partner = True
    return places


def _side(p: dict[str, str], s: str) -> tuple[str, str, str]:
    """(key, name, country) of side `s` ('a' or 'b') of a partnership or agreement row."""
    return (_place_key(p.get(f"geonames_{s}"), p.get(f"iso3166_2_{s}", ""), p.get(f"city_{s}", ""),
                       p.get(f"country_{s}", "")),
            p.get(f"city_{s}", ""), p.get(f"country_{s}", ""))


def _pair_label(p: dict[str, str]) -> str:
    return f"{p.get('city_a', '')} ({p.get('country_a', '')}) – {p.get('city_b', '')} ({p.get('country_b', '')})"


def _empty_svg(width: int, height: int, message: str, ident: str) -> str:
    return (f'<svg id="{ident}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><text x="{width // 2}" y="{height // 2}" text-anchor="middle">'
            f"{esc(message)}</text></svg>")


def _grid_step(extent: float) -> int:
    return next(step for step in (5, 10, 15, 30, 60) if extent / step <= 8)


def render_map(cities: list[dict[str, str]], partnerships: list[dict[str, str]]) -> tuple[str, list[str]]:
    """Equirectangular map of the places: a lat/lon grid, points, partners joined by lines.

    The view is the box around the places with coordinates (padded, at least 40° by 20°), so
    neighbouring cities stay apart; labels move down or up when they would overlap.
    Returns the SVG and the partnerships left off for want of coordinates.
    """
    places = _places(cities)
    for p in partnerships:
        for s in "ab":
            key, name, country = _side(p, s)
            places.setdefault(key, _Place(name, country)).partner = True
    located = [pl for pl in places.values() if pl.lat is not None]
    if not located:
        missing = sorted({_pair_label(p) for p in partnerships})
        return _empty_svg(1000, 80, "no places with coordinates", "map"), missing
    lats = [pl.lat for pl in located]
    lons = [pl.lon for pl in located]
    lat0, lat1 = min(lats), max(lats)  # type: ignore[type-var]
    lon0, lon1 = min(lons), max(lons)  # type: ignore[type-var]
    pad_lat, pad_lon = max(10.0, (lat1 - lat0) / 2 + 5), max(20.0, (lon1 - lon0) / 2 + 10)  # type: ignore[operator]
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2  # type: ignore[operator]
    lat0, lat1 = max(-90.0, clat - pad_lat), min(90.0, clat + pad_lat)
    lon0, lon1 = max(-180.0, clon - pad_lon), min(180.0, clon + pad_lon)
    w, m = 1000, 34
    scale = (w - 2 * m) / (lon1 - lon0)
    h = int(round((lat1 - lat0) * scale)) + 2 * m
    if h > 700:  # a tall box: fit the height instead
        scale = (700 - 2 * m) / (lat1 - lat0)
        h = 700
    width_used = (lon1 - lon0) * scale

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return m + (w - 2 * m - width_used) / 2 + (lon - lon0) * scale, m + (lat1 - lat) * scale

    out = [f'<svg id="map" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           '<rect x="0" y="0" width="100%" height="100%" fill="#f3f8fc"/>',
           '<g class="grid" stroke="#cfd8dc" stroke-width="0.6">']
    step = _grid_step(max(lon1 - lon0, lat1 - lat0))
    lon_lines = [v for v in range(-180, 181, step) if lon0 <= v <= lon1]
    lat_lines = [v for v in range(-90, 91, step) if lat0 <= v <= lat1]
    for lon in lon_lines:
        (x0, y0), (x1, y1) = xy(lat1, lon), xy(lat0, lon)
        out.append(f'<line x1="{_fmt(x0)}" y1="{_fmt(y0)}" x2="{_fmt(x1)}" y2="{_fmt(y1)}"/>')
    for lat in lat_lines:
        (x0, y0), (x1, y1) = xy(lat, lon0), xy(lat, lon1)
        stroke = ' stroke="#78909c" stroke-width="1.2"' if lat == 0 else ""
        out.append(f'<line x1="{_fmt(x0)}" y1="{_fmt(y0)}" x2="{_fmt(x1)}" y2="{_fmt(y1)}"{stroke}/>')
    out.append('</g><g class="labels">')
    for lon in lon_lines:
        x, _ = xy(lat0, lon)
        hemi = "E" if lon > 0 else "W" if lon < 0 else ""
        out.append(f'<text x="{_fmt(x)}" y="{h - 12}" text-anchor="middle">{abs(lon)}°{hemi}</text>')
    for lat in lat_lines:
        _, y = xy(lat, lon0)
        out.append(f'<text x="4" y="{_fmt(y + 4)}">{abs(lat)}°{"N" if lat > 0 else "S" if lat < 0 else ""}</text>')
    out.append('</g><g class="links" fill="none">')
    missing = []
    for p in partnerships:
        (ka, _, _), (kb, _, _) = _side(p, "a"), _side(p, "b")
        a, b = places[ka], places[kb]
        if a.lat is None or b.lat is None:
            missing.append(_pair_label(p))
            continue
        x0, y0 = xy(a.lat, a.lon)  # type: ignore[arg-type]
        x1, y1 = xy(b.lat, b.lon)  # type: ignore[arg-type]
        colour = RELATIONSHIP_COLOURS.get(p.get("relationship", ""), "#546e7a")
        dash = ' stroke-dasharray="5 3"' if p.get("conflicts") else ""
        out.append(f'<line class="link" x1="{_fmt(x0)}" y1="{_fmt(y0)}" x2="{_fmt(x1)}" y2="{_fmt(y1)}" '
                   f'stroke="{colour}" stroke-width="1.8"{dash}><title>{esc(_pair_label(p))}: '
                   f'{esc(p.get("relationship"))}</title></line>')
    out.append('</g><g class="places">')
    boxes: list[tuple[float, float, float, float]] = []
    labels = []
    for key in sorted(places, key=lambda k: (not places[k].partner, places[k].name, k)):
        pl = places[key]
        if pl.lat is None:
            continue
        x, y = xy(pl.lat, pl.lon)  # type: ignore[arg-type]
        r, fill = ("4.5", "#d32f2f" if pl.country == "ID" else "#1565c0") if pl.partner else ("3", "#90a4ae")
        out.append(f'<circle class="place" cx="{_fmt(x)}" cy="{_fmt(y)}" r="{r}" fill="{fill}" stroke="#fff" '
                   f'stroke-width="0.8"><title>{esc(pl.name)} ({esc(pl.country)}) '
                   f'{pl.lat:.4f}, {pl.lon:.4f}</title></circle>')
        if not pl.partner:
            continue
        width = 6.2 * len(pl.name) + 4
        for dy in (4, -8, 16, -20, 28, -32):
            box = (x + 7, y + dy - 10, x + 7 + width, y + dy + 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                break
        else:
            dy = 4
            box = (x + 7, y - 6, x + 7 + width, y + 6)
        boxes.append(box)
        labels.append(f'<text x="{_fmt(x + 7)}" y="{_fmt(y + dy)}">{esc(pl.name)}</text>')
    out.append("</g><g class=\"place-labels\">")
    out.extend(labels)
    out.append("</g></svg>")
    return "\n".join(out), sorted(set(missing))


_YEAR = re.compile(r"^(\d{3})([\dX])")


def edtf_year(value: str) -> int | None:
    """The (first) year of an EDTF date: 2013-08-17 → 2013, 197X → 1970, 2007/.. → 2007."""
    mt = _YEAR.match((value or "").strip())
    if not mt:
        return None
    return int(mt.group(1) + ("0" if mt.group(2) == "X" else mt.group(2)))


def render_timeline(agreements: list[dict[str, str]]) -> str:
    """Signed instruments on a year axis, stacked when they share a year."""
    events: dict[tuple[int, str, str, str], set[str]] = defaultdict(set)
    years: dict[str, int | None] = {}  # a corpus repeats its signing dates: each parsed once
    for a in agreements:
        inst, signed = a.get("instrument"), a.get("signed", "")
        if not inst:
            continue
        year = years[signed] if signed in years else years.setdefault(signed, edtf_year(signed))
        if year is not None:
            events[(year, signed, inst, _pair_label(a))].add(a.get("doc_id", ""))
    if not events:
        return _empty_svg(1000, 80, "no dated instruments", "timeline")
    y0, y1 = min(k[0] for k in events) - 1, max(k[0] for k in events) + 1
    span = y1 - y0
    step = 1 if span <= 15 else 5 if span <= 60 else 10
    stacks: dict[int, int] = defaultdict(int)
    for k in events:
        stacks[k[0]] += 1
    w, m, row = 1000, 40, 16
    h = 60 + max(stacks.values()) * row
    base = h - 34

    def x(year: int) -> str:
        return _fmt(m + (year - y0) / span * (w - 2 * m))

    out = [f'<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           f'<line x1="{m}" y1="{base}" x2="{w - m}" y2="{base}" stroke="#455a64"/>']
    for year in range(y0 - y0 % step + (step if y0 % step else 0), y1 + 1, step):
        out.append(f'<line x1="{x(year)}" y1="{base}" x2="{x(year)}" y2="{base + 5}" stroke="#455a64"/>'
                   f'<text x="{x(year)}" y="{base + 18}" text-anchor="middle">{year}</text>')
    level: dict[int, int] = defaultdict(int)
    xs = {year: x(year) for year in stacks}
    for key in sorted(events):
        year, signed, inst, pair = key
        cy = base - 10 - level[year] * row
        level[year] += 1
        colour = INSTRUMENT_COLOURS.get(inst, "#546e7a")
        found = events[key]
        docs = ", ".join(sorted(found)) if len(found) > 1 else next(iter(found))
        # one escape of the whole title: escaping works character by character
        out.append(f'<circle class="event" cx="{xs[year]}" cy="{_fmt(cy)}" r="6" fill="{colour}" stroke="#fff">'
                   f'<title>{esc(f"{signed} {inst}: {pair} [{docs}]")}</title></circle>')
    out.append("</svg>")
    return "\n".join(out)


def render_network(partnerships: list[dict[str, str]]) -> str:
    """Indonesian side on the left, partners on the right, one edge per partnership."""
    if not partnerships:
        return _empty_svg(900, 80, "no partnerships", "network")
    left: dict[str, tuple[str, str]] = {}
    right: dict[str, tuple[str, str]] = {}
    for p in partnerships:
        ka, na, ca = _side(p, "a")
        left[ka] = (na, ca)
    for p in partnerships:
        kb, nb, cb = _side(p, "b")
        if kb not in left:
            right[kb] = (nb, cb)
    lorder = sorted(left, key=lambda k: (left[k], k))
    rorder = sorted(right, key=lambda k: (right[k][1], right[k][0], k))
    gap, top, w = 26, 30, 900
    h = top * 2 + gap * max(len(lorder), len(rorder), 1)
    lx, rx = 260, w - 260
    pos = {k: (lx, top + gap * i + gap / 2) for i, k in enumerate(lorder)}
    pos.update({k: (rx, top + gap * i + gap / 2) for i, k in enumerate(rorder)})
    degree: dict[str, int] = defaultdict(int)
    out = [f'<svg id="network" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           '<g class="edges" fill="none">']
    for p in sorted(partnerships, key=lambda p: (_side(p, "a")[0], _side(p, "b")[0], p.get("partnership_id", ""))):
        ka, kb = _side(p, "a")[0], _side(p, "b")[0]
        degree[ka] += 1
        degree[kb] += 1
        (x0, y0), (x1, y1) = pos[ka], pos[kb]
        colour = RELATIONSHIP_COLOURS.get(p.get("relationship", ""), "#546e7a")
        dash = ' stroke-dasharray="6 3"' if p.get("conflicts") else ""
        mid = (x0 + x1) / 2
        title = f"{_pair_label(p)}: {p.get('relationship', '')}"
        if p.get("instruments"):
            title += f" [{p['instruments']}]"
        if p.get("conflicts"):
            title += f" CONFLICT: {p['conflicts']}"
        out.append(f'<path class="edge" d="M{_fmt(x0)},{_fmt(y0)} C{_fmt(mid)},{_fmt(y0)} {_fmt(mid)},{_fmt(y1)} '
                   f'{_fmt(x1)},{_fmt(y1)}" stroke="{colour}" stroke-width="2"{dash}><title>{esc(title)}</title></path>')
    out.append('</g><g class="nodes">')
    for k in lorder + rorder:
        name, country = left.get(k) or right[k]
        x, y = pos[k]
        is_left = k in left
        anchor, dx = ("end", -9) if is_left else ("start", 9)
        fill = "#d32f2f" if is_left else "#1565c0"
        out.append(f'<circle class="node" cx="{_fmt(x)}" cy="{_fmt(y)}" r="5" fill="{fill}">'
                   f'<title>{esc(name)} ({esc(country)}): {degree[k]} partnership(s)</title></circle>'
                   f'<text x="{_fmt(x + dx)}" y="{_fmt(y + 4)}" text-anchor="{anchor}">{esc(name)} '
                   f'<tspan fill="#777">{esc(country)}</tspan></text>')
    out.append("</g></svg>")
    return "\n".join(out)


def _doc_link(doc_id: str, fragment: str = "") -> str:
    href = f"doc/{quote(_slug(doc_id))}.html" + (f"#{fragment}" if fragment else "")
    return f'<a href="{esc(href)}"><code>{esc(doc_id)}</code></a>'


def render_index(documents: list[dict[str, Any]], tables: dict[str, list[dict[str, str]]], pages: set[str]) -> str:
    """The index page: documents, partnerships, map, timeline, network."""
    mentions, agreements = _counts(tables["mentions"]), _counts(tables["agreements"])
    partnerships = sorted(tables["partnerships"], key=lambda p: (p.get("city_a", ""), p.get("city_b", ""),
                                                                 p.get("partnership_id", "")))
    ok = sum(1 for d in documents if d.get("status") == "ok")
    parts = ['<header><h1>kotakembar — review</h1>'
             f'<div>{len(documents)} documents ({ok} ok) · {len(partnerships)} partnerships · '
             f'{len(tables["agreements"])} agreement rows · {len(tables["mentions"])} mentions</div></header>', "<main>"]
    rows = []
    for d in documents:
        did = str(d["doc_id"])
        link = _doc_link(did) if did in pages else f"<code>{esc(did)}</code>"
        rows.append([link, esc(d.get("file")), esc(d.get("title")), esc(d.get("author")), esc(d.get("year")),
                     _status(str(d.get("status", ""))), esc(d.get("message")), esc(d.get("pages")),
                     esc(d.get("chars")), str(mentions.get(did, 0)), str(agreements.get(did, 0))])
    cols = [("doc_id", ""), ("file", ""), ("title", ""), ("author", ""), ("year", "num"), ("status", ""),
            ("message", ""), ("pages", "num"), ("chars", "num"), ("mentions", "num"), ("agreements", "num")]
    parts.append('<h2 id="documents">Documents</h2>' + _table(cols, rows, empty="no documents"))

    rows, attrs = [], []
    for p in partnerships:
        docs = [d for d in (p.get("documents") or "").split("|") if d]
        links = " ".join(_doc_link(d, "agreements") if d in pages else f"<code>{esc(d)}</code>" for d in docs)
        conflict = f'<span class="conflict">{esc(p.get("conflicts"))}</span>' if p.get("conflicts") else ""
        rows.append([f"{esc(p.get('city_a'))} <span class=\"muted\">{esc(p.get('country_a'))}</span>",
                     f"{esc(p.get('city_b'))} <span class=\"muted\">{esc(p.get('country_b'))}</span>",
                     esc(p.get("relationship")), esc(p.get("first_date")),
                     esc((p.get("instruments") or "").replace("|", ", ")),
                     esc((p.get("sectors") or "").replace("|", ", ")), esc(p.get("statuses")), links, conflict])
        attrs.append(f'id="{esc(_anchor("p", str(p.get("partnership_id", ""))))}"')
    cols = [("city A", ""), ("city B", ""), ("relationship", ""), ("first date", ""), ("instruments", ""),
            ("sectors", ""), ("status", ""), ("documents", ""), ("conflicts", "")]
    parts.append('<h2 id="partnerships">Partnerships</h2>' + _table(cols, rows, row_attrs=attrs, empty="no partnerships"))

    svg, missing = render_map(tables["cities"], partnerships)
    parts.append('<h2 id="map-heading">Map of partner cities</h2>' + _legend(RELATIONSHIP_COLOURS) + svg)
    if missing:
        parts.append('<p class="muted">Not on the map (no coordinates): ' + esc("; ".join(missing)) + "</p>")
    parts.append('<h2 id="timeline-heading">Signed instruments</h2>' + _legend(INSTRUMENT_COLOURS)
                 + render_timeline(tables["agreements"]))
    parts.append('<h2 id="network-heading">Network of partnerships</h2>' + _legend(RELATIONSHIP_COLOURS)
                 + '<p class="muted">Indonesian side left, partners right; dashed: documents disagree.</p>'
                 + render_network(partnerships))
    parts.append("</main>")
    return _page("kotakembar — review", "\n".join(parts))


# ---------------------------------------------------------------------------------------------
# Stage


@paused_gc()
def render_reports(tables_dir: Path, docs_dir: Path, out_dir: Path, *, offsets: Path | None = None) -> list[Path]:
    """Write `out_dir/index.html`, `out_dir/doc/<doc_id>.html` and `out_dir/documents.json`.

    Returns the HTML pages written (index first). Pages of documents no longer in the tables
    are removed, so the directory always matches its inputs. `offsets`: written by the tables
    stage; when they match the tables, a document's mentions are read only for its page, and its
    rows' digests are taken from them instead of hashing the tables document by document.
    """
    tables, per_doc = _load_tables(tables_dir, offsets)
    documents = _documents(tables, docs_dir)
    mentions, agreements, sectors = per_doc["mentions"], per_doc["agreements"], per_doc["sectors"]
    cities = _by_doc(tables["cities"])
    doc_dir = out_dir / "doc"
    written: list[Path] = []
    lookup = []
    key = _report_key()
    ingested = _ingest_fingerprints(docs_dir)
    for d in documents:
        did = str(d["doc_id"])
        path = doc_dir / f"{_slug(did)}.html"
        fp = _page_fingerprint(key, d, [per_doc[name].digest(did) for name in DIGEST_TABLES], docs_dir, did, ingested)
        stamp = f"<!-- kotakembar fingerprint {fp} -->\n"
        if not _page_has(path, stamp):  # unchanged inputs: the page on disk is the one this run would write
            text, page_starts = _doc_text(docs_dir, did)
            atomic_write_text(path, render_document(d, text, page_starts, mentions.rows(did), agreements.rows(did),
                                                    cities.get(did, []), sectors.rows(did)) + stamp)
        written.append(path)
        lookup.append({"doc_id": did, "file": str(d.get("file") or ""), "sha256": str(d.get("sha256") or ""),
                       "page": f"doc/{path.name}"})
    keep = {p.name for p in written}
    if doc_dir.is_dir():
        for old in sorted(doc_dir.glob("*.html")):
            if old.name not in keep:
                old.unlink()
    index = out_dir / "index.html"
    atomic_write_text(index, render_index(documents, tables, {str(d["doc_id"]) for d in documents}))
    write_json(out_dir / "documents.json", lookup)
    return [index, *written]


# the modules whose code decides what a page holds (the report stage's DVC deps name them too)
REPORT_SOURCES = ("review.py", "io.py")


def _report_key() -> str:
    """The code part of every page's fingerprint."""
    from pipeline import __version__
    from pipeline.cache import code_digest, run_key

    return run_key(stage="report", version=__version__, code=code_digest(REPORT_SOURCES))


def _page_fingerprint(key: str, doc: dict[str, Any], digests: list[str], docs_dir: Path, doc_id: str,
                      ingested: dict[str, str]) -> str:
    """Hash of everything a document's page is made from: its rows (their digests), its ingested files, the code.

    `ingested`: ingest's fingerprint per doc_id (index.json), which stands for the ingested files'
    content; files without one are hashed.
    """
    h = hashlib.sha256(key.encode())
    h.update(json.dumps([sorted(doc.items()), digests], ensure_ascii=False, default=str).encode())
    if ingested.get(doc_id):
        h.update(b"\0ingest:" + ingested[doc_id].encode())
        return h.hexdigest()
    for name in (f"{doc_id}.json", f"{doc_id}.txt"):
        f = docs_dir / name
        h.update(b"\0" + (hashlib.sha256(f.read_bytes()).digest() if f.is_file() else b"-"))
    return h.hexdigest()


def _ingest_fingerprints(docs_dir: Path) -> dict[str, str]:
    """doc_id -> ingest fingerprint, from index.json (empty when absent or without fingerprints)."""
    from pipeline.cache import ingest_fingerprints

    try:
        return ingest_fingerprints(read_json(docs_dir / "index.json"))
    except (OSError, ValueError, TypeError):
        return {}


def _page_has(path: Path, stamp: str) -> bool:
    """Does the page on disk end with this fingerprint stamp?"""
    want = stamp.encode()
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            size = f.tell()
            if size < len(want):
                return False
            f.seek(size - len(want))
            return f.read() == want
    except OSError:
        return False


def review_path(reports_dir: Path, doc: str) -> Path:
    """The report page of DOC, given as doc_id (or a unique prefix), file name or path.

    A path to an existing input file also resolves by its content hash, so a renamed file still
    finds its page. Raises LookupError naming the known documents when nothing (or more than one
    document) matches.
    """
    doc = str(doc).strip()
    lookup_path = reports_dir / "documents.json"
    entries: list[dict[str, str]] = read_json(lookup_path) if lookup_path.exists() else [
        {"doc_id": p.stem, "file": "", "sha256": "", "page": f"doc/{p.name}"}
        for p in sorted((reports_dir / "doc").glob("*.html"))]

    def page(e: dict[str, str]) -> Path:
        return reports_dir / e["page"]

    p = Path(doc)
    candidates = [doc, p.name, p.stem]
    if p.name.endswith(".meta.yaml"):
        candidates.append(p.name[: -len(".meta.yaml")])
    for c in candidates:
        hits = [e for e in entries if c and c == e["doc_id"]]
        if hits:
            return page(hits[0])
    for key in (doc, p.name):
        hits = [e for e in entries if e["file"] and (e["file"] == key or Path(e["file"]).name == key
                                                     or Path(e["file"]).as_posix().endswith("/" + p.as_posix()))]
        if len({e["doc_id"] for e in hits}) == 1:
            return page(hits[0])
        if len(hits) > 1:
            raise LookupError(f"{doc}: matches several documents: " + ", ".join(
                f"{e['doc_id']} ({e['file']})" for e in hits) + ". Pass the doc_id.")
    if p.is_file():
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        hits = [e for e in entries if e["doc_id"] == digest[:16] or e.get("sha256") == digest]
        if hits:
            return page(hits[0])
    if len(doc) >= 4 and re.fullmatch(r"[0-9a-fA-F]+", doc):
        hits = [e for e in entries if e["doc_id"].startswith(doc.lower())]
        if len(hits) == 1:
            return page(hits[0])
    known = ", ".join(f"{e['doc_id']} ({Path(e['file']).name})" if e["file"] else e["doc_id"] for e in entries[:20])
    more = f" and {len(entries) - 20} more" if len(entries) > 20 else ""
    raise LookupError(f"{doc}: no report page under {reports_dir}. Known documents: {known or 'none'}{more}."
                      + ("" if entries else " Run the review stage first."))
