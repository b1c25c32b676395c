"""What there is to review: the tables read whole (re-read when they change on disk), each row an item, and the queue."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.corrections import Correction
from pipeline.io import read_csv
from pipeline.review.figures import pair_label
from pipeline.review.markup import as_float, as_int, slug

TABLES = ("documents", "mentions", "dates", "cities", "sectors", "agreements", "partnerships")
# the queue's kinds, in the order the index lists them
KINDS = ("agreements", "places", "dates", "sectors", "mentions")
PLACE_TYPES = ("CITY", "REGION", "COUNTRY")
# an item's id starts with the letter of the rows it stands for: mentions and dates share mention_id
PREFIX = {"mentions": "m", "dates": "m", "agreements": "a", "cities": "c", "sectors": "s"}
ORDERS = ("text", "low-confidence", "conflicts")


@dataclass
class Item:
    """One reviewable row: its id (prefix:key), what the page shows of it, and which fix applies."""

    id: str
    kind: str
    doc_id: str
    label: str
    value: str
    confidence: float | None
    conflict: str
    anchor: str  # the element of the document page that shows it
    seen: str  # what the reviewer saw of the row: a decision on it must send it back unchanged
    fix: str  # place | date | instrument | sector | "" (accept and reject only)
    start: int = 0
    state: str = ""  # accepted | rejected | fixed, from the corrections file
    reviewer: str = ""
    when: str = ""

    def public(self) -> dict[str, Any]:
        """The item as the page's script gets it."""
        return asdict(self)


def item_id(table: str, key: str) -> str:
    """The id of the item a correction of `table` keyed `key` is about."""
    return f"{PREFIX.get(table, table)}:{key}"


def folded(iid: str) -> str:
    """An item id as decisions are matched: cities' and sectors' keys (doc_id|name) compare case-insensitively."""
    return iid.casefold() if iid[:2] in ("c:", "s:") else iid


@dataclass
class Snapshot:
    """The tables as read at one moment, with indexes by key."""

    tables: dict[str, list[dict[str, str]]]
    stats: tuple[Any, ...]
    mentions: dict[str, dict[str, str]] = field(default_factory=dict)
    dates: dict[str, dict[str, str]] = field(default_factory=dict)
    agreements: dict[str, dict[str, str]] = field(default_factory=dict)
    cities: dict[str, dict[str, str]] = field(default_factory=dict)
    sectors: dict[str, dict[str, str]] = field(default_factory=dict)
    docs: dict[str, dict[str, str]] = field(default_factory=dict)
    conflicts: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        t = self.tables
        self.docs = {r["doc_id"]: r for r in t["documents"]}
        self.mentions = {r["mention_id"]: r for r in t["mentions"]}
        self.dates = {r["mention_id"]: r for r in t["dates"]}
        self.agreements = {r["agreement_id"]: r for r in t["agreements"]}
        self.cities = {f"{r['doc_id']}|{r['name']}".casefold(): r for r in t["cities"]}
        self.sectors = {f"{r['doc_id']}|{r['sector']}".casefold(): r for r in t["sectors"]}
        for p in t["partnerships"]:
            if p.get("conflicts"):
                self.conflicts[(p.get("city_a", ""), p.get("city_b", ""))] = p["conflicts"]

    def row(self, iid: str) -> tuple[str, dict[str, str]] | None:
        """(table, row) of an item id, or None when the tables hold no such row (a stale id)."""
        prefix, _, key = iid.partition(":")
        if prefix == "m":
            found = self.mentions.get(key)
            return None if found is None else ("mentions", found)
        if prefix == "a":
            found = self.agreements.get(key)
            return None if found is None else ("agreements", found)
        if prefix == "c":
            found = self.cities.get(key.casefold())
            return None if found is None else ("cities", found)
        if prefix == "s":
            found = self.sectors.get(key.casefold())
            return None if found is None else ("sectors", found)
        return None


class Tables:
    """The tables folder, read again whenever one of its CSVs changes (size or mtime) — after `dvc repro`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def _stats(self) -> tuple[Any, ...]:
        out = []
        for name in TABLES:
            p = self.directory / f"{name}.csv"
            try:
                st = p.stat()
                out.append((name, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((name, None, None))
        return tuple(out)

    def snapshot(self) -> Snapshot:
        """The current tables."""
        stats = self._stats()
        with self._lock:
            if self._snapshot is None or self._snapshot.stats != stats:
                tables = {name: read_csv(self.directory / f"{name}.csv") if (self.directory / f"{name}.csv").exists()
                          else [] for name in TABLES}
                self._snapshot = Snapshot(tables, stats)
            return self._snapshot


def _fix_of_mention(m: dict[str, str], has_date: bool) -> str:
    t = m.get("type", "")
    if t in PLACE_TYPES:
        return "place"
    if t == "DATE" and has_date:
        return "date"
    return {"SECTOR": "sector", "INSTRUMENT": "instrument"}.get(t, "")


def items(snap: Snapshot, doc_id: str | None = None) -> dict[str, list[Item]]:
    """The items of every kind (of one document, or of all), in the order of the tables."""
    def mine(r: dict[str, str]) -> bool:
        return doc_id is None or r.get("doc_id") == doc_id

    out: dict[str, list[Item]] = {k: [] for k in KINDS}
    for a in snap.tables["agreements"]:
        if not mine(a):
            continue
        aid = a["agreement_id"]
        label = f"{pair_label(a)} · {a.get('relationship', '')}" + (f" · {a['instrument']}" if a.get("instrument") else "")
        out["agreements"].append(Item(
            f"a:{aid}", "agreements", a["doc_id"], label, a.get("signed", ""), as_float(a.get("confidence")),
            snap.conflicts.get((a.get("city_a", ""), a.get("city_b", "")), ""), f"a-{aid}", a.get("evidence", ""),
            "instrument", as_int(a.get("start")) or 0))
    for c in snap.tables["cities"]:
        if not mine(c):
            continue
        key = f"{c['doc_id']}|{c['name']}"
        value = c.get("geonames_id") or c.get("iso3166_2") or ""
        out["places"].append(Item(
            item_id("cities", key), "places", c["doc_id"], f"{c['name']} ({c.get('country', '')})", value, None, "",
            f"c-{slug(c['name'])}", c["name"], "place"))
    for d in snap.tables["dates"]:
        if not mine(d):
            continue
        out["dates"].append(Item(
            f"m:{d['mention_id']}", "dates", d["doc_id"], f"{d.get('text', '')} ({d.get('role', '')})", d.get("value", ""),
            as_float(snap.mentions.get(d["mention_id"], {}).get("confidence")), "", f"m-{d['mention_id']}",
            d.get("text", ""), "date", as_int(d.get("start")) or 0))
    for s in snap.tables["sectors"]:
        if not mine(s):
            continue
        key = f"{s['doc_id']}|{s['sector']}"
        out["sectors"].append(Item(
            item_id("sectors", key), "sectors", s["doc_id"], f"{s['sector']} ({s.get('label_id', '')})",
            s.get("in_cooperation", ""), None, "", f"s-{slug(s['sector'])}", s["sector"], "sector"))
    for m in snap.tables["mentions"]:
        if not mine(m):
            continue
        mid = m["mention_id"]
        out["mentions"].append(Item(
            f"m:{mid}", "mentions", m["doc_id"], f"{m.get('type', '')}: {m.get('text', '')}", m.get("value", ""),
            as_float(m.get("confidence")), "", f"m-{mid}", m.get("text", ""), _fix_of_mention(m, mid in snap.dates),
            as_int(m.get("start")) or 0))
    return out


def decisions(corrections: list[Correction]) -> tuple[dict[str, Correction], list[Correction]]:
    """The last decision on each item id (`set` lines make it `fixed`), and the rows added."""
    last: dict[str, Correction] = {}
    added = []
    for c in corrections:
        if c.action == "add":
            added.append(c)
        elif c.key:
            last[folded(item_id(c.table, c.key))] = c
    return last, added


STATES = {"accept": "accepted", "reject": "rejected", "set": "fixed"}


def mark(found: dict[str, list[Item]], last: dict[str, Correction]) -> None:
    """Set every item's state from the decisions."""
    for lst in found.values():
        for it in lst:
            c = last.get(folded(it.id))
            if c is not None:
                it.state, it.reviewer, it.when = STATES[c.action], c.reviewer, c.when


def progress(found: dict[str, list[Item]]) -> list[tuple[str, int, int]]:
    """(kind, reviewed, total) of every kind."""
    return [(k, sum(1 for it in found[k] if it.state), len(found[k])) for k in KINDS]


def ordered(lst: list[Item], order: str) -> list[Item]:
    """Items in the queue's order: unreviewed first; then by text position, lowest confidence or conflicts first."""
    def position(it: Item) -> tuple[str, int, str]:
        return (it.doc_id, it.start, it.id)

    if order == "low-confidence":
        return sorted(lst, key=lambda it: (bool(it.state), 2.0 if it.confidence is None else it.confidence, position(it)))
    if order == "conflicts":
        return sorted(lst, key=lambda it: (bool(it.state), not it.conflict, position(it)))
    return sorted(lst, key=lambda it: (bool(it.state), position(it)))


def per_doc(found: dict[str, list[Item]]) -> dict[str, tuple[int, int]]:
    """(reviewed, total) items per document."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    seen: set[str] = set()
    for lst in found.values():
        for it in lst:
            if it.id in seen:  # a DATE mention is in `dates` and `mentions`
                continue
            seen.add(it.id)
            out[it.doc_id][1] += 1
            out[it.doc_id][0] += bool(it.state)
    return {k: (v[0], v[1]) for k, v in out.items()}
