"""A reviewer's decision (accept, reject, fix, add) checked against the tables, the gazetteer and the text, as correction lines."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import srsly

from pipeline.contract import SECTOR_LABELS
from pipeline.review.load import doc_text
from pipeline.reviewapp.items import Snapshot
from pipeline.reviewapp.places import PlaceIndex

RULES = Path(__file__).resolve().parents[1] / "rules"
ACTIONS = ("accept", "reject", "fix", "add")
MAX_NOTE = 500


class Refused(ValueError):
    """A decision the app does not write: the HTTP status and the reason shown to the reviewer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@cache
def rule_ids(name: str) -> tuple[str, ...]:
    """The codes a rules file assigns (instruments, relationships), sorted."""
    return tuple(sorted({str(r["id"]) for r in srsly.read_jsonl(RULES / f"{name}.jsonl") if r.get("id")}))


def instruments() -> tuple[str, ...]:
    """The instrument types the pipeline knows."""
    return rule_ids("instruments")


def relationships() -> tuple[str, ...]:
    """The relationship types the pipeline knows."""
    return rule_ids("relationships")


def edtf_precision(value: str) -> str:
    """The dates table's precision of a valid EDTF value: day, month, season, year, decade, century or interval."""
    v = value.rstrip("?~%")
    if "/" in v or v.startswith(("[", "{")):
        return "interval"
    core = v.lstrip("-")
    if len(core) == 10:
        return "day"
    if len(core) == 7:
        return "season" if int(core[5:7]) > 12 else "month"
    if core.endswith("XX"):
        return "century"
    if core.endswith("X"):
        return "decade"
    return "year"


def check_edtf(value: str, what: str) -> str:
    """`value` stripped when it is a valid EDTF date (levels 0 and 1), else Refused naming it."""
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    v = str(value or "").strip()
    if not v:
        raise Refused(400, f"{what}: an EDTF date is needed (e.g. 2019-03-21, 2019-03, 2019, 197X, 2015/2019)")
    try:
        parse_edtf(v)
    except (EDTFParseException, ValueError, TypeError):
        raise Refused(400, f"{what}: {v!r} is not a valid EDTF date (e.g. 2019-03-21, 2019-03, 2019, 197X, "
                           "2015/2019); nothing was written") from None
    return v


def check_sector(code: str) -> str:
    """A known sector code, else Refused listing them."""
    c = str(code or "").strip()
    if c not in SECTOR_LABELS:
        raise Refused(400, f"unknown sector code {c!r}; use one of {', '.join(sorted(SECTOR_LABELS))}; nothing was written")
    return c


def check_choice(value: str, known: tuple[str, ...], what: str) -> str:
    """A value of a closed list, else Refused listing it."""
    v = str(value or "").strip()
    if v not in known:
        raise Refused(400, f"unknown {what} {v!r}; use one of {', '.join(known)}; nothing was written")
    return v


@dataclass
class Context:
    """What a decision is checked against."""

    snapshot: Snapshot
    places: PlaceIndex
    docs_dir: Path
    gazetteer_path: Path


def _place(ctx: Context, ref: Any) -> dict[str, Any]:
    try:
        found = ctx.places.resolve(str(ref or ""))
    except FileNotFoundError as e:
        raise Refused(503, str(e)) from None
    if found is None:
        raise Refused(400, f"place {ref!r} is not in the gazetteer ({ctx.gazetteer_path}); pick a candidate from the "
                           "search; nothing was written")
    return found


def _row(table: str, key: str, action: str, field: str = "", value: Any = "") -> dict[str, Any]:
    return {"table": table, "key": key, "action": action, "field": field, "value": "" if value is None else value}


def _sets(table: str, key: str, row: dict[str, str], new: dict[str, Any]) -> list[dict[str, Any]]:
    """`set` lines for the columns whose value changes."""
    out = []
    for k, v in new.items():
        text = "" if v is None else str(v)
        if str(row.get(k, "")) != text:
            out.append(_row(table, key, "set", k, text))
    return out


def _current(ctx: Context, iid: str, seen: Any) -> tuple[str, str, dict[str, str]]:
    """(table, key, row) of the item the reviewer decided on, Refused (409) when the tables no longer hold it as seen."""
    found = ctx.snapshot.row(iid)
    if found is None:
        raise Refused(409, f"{iid} is no longer in the tables (the text changed or the tables were rebuilt): "
                           "reload the page; nothing was written")
    table, row = found
    expect = {"mentions": row.get("text", ""), "agreements": row.get("evidence", ""), "cities": row.get("name", ""),
              "sectors": row.get("sector", "")}[table]
    if seen is not None and str(seen) != expect:
        raise Refused(409, f"{iid} has changed since the page was loaded (it now reads {expect[:80]!r}): reload the "
                           "page; nothing was written")
    # the key as the tables write it (an item id folds the case of cities' and sectors' keys)
    key = {"cities": f"{row.get('doc_id', '')}|{row.get('name', '')}",
           "sectors": f"{row.get('doc_id', '')}|{row.get('sector', '')}"}.get(table, iid.partition(":")[2])
    return table, key, row


def _fix(ctx: Context, table: str, key: str, row: dict[str, str], fix: dict[str, Any]) -> list[dict[str, Any]]:
    if table == "mentions":
        mtype = row.get("type", "")
        if mtype in ("CITY", "REGION", "COUNTRY"):
            p = _place(ctx, fix.get("place"))
            try:
                attrs = json.loads(row.get("attrs") or "{}")
            except json.JSONDecodeError:
                attrs = {}
            attrs.update({k: p[k] or None for k in ("geonames_id", "country", "iso3166_2", "admin1", "latitude",
                                                    "longitude", "level", "name")})
            return _sets("mentions", key, row, {"value": p["name"]}) + [
                _row("mentions", key, "set", "attrs", json.dumps(attrs, ensure_ascii=False, sort_keys=True))]
        if mtype == "DATE" and key in ctx.snapshot.dates:
            value = check_edtf(fix.get("value"), "date")
            date = ctx.snapshot.dates[key]
            return _sets("dates", key, date, {"value": value, "precision": edtf_precision(value)}) or [
                _row("dates", key, "set", "value", value)]
        if mtype == "SECTOR":
            return [_row("mentions", key, "set", "value", check_sector(fix.get("sector")))]
        if mtype == "INSTRUMENT":
            return [_row("mentions", key, "set", "value", check_choice(fix.get("instrument"), instruments(),
                                                                       "instrument type"))]
        raise Refused(400, f"a {mtype} mention has no fix here: accept or reject it; nothing was written")
    if table == "cities":
        p = _place(ctx, fix.get("place"))
        new = {k: p[k] for k in ("country", "level", "geonames_id", "iso3166_2", "admin1", "latitude", "longitude")}
        return _sets("cities", key, row, new) or [_row("cities", key, "set", "geonames_id", p["geonames_id"])]
    if table == "sectors":
        code = check_sector(fix.get("sector"))
        label_id, label_en = SECTOR_LABELS[code]
        return _sets("sectors", key, row, {"label_id": label_id, "label_en": label_en, "sector": code}) or [
            _row("sectors", key, "set", "sector", code)]
    # agreements: the instrument's type and its signing date
    new: dict[str, Any] = {}
    if fix.get("instrument") not in (None, ""):
        new["instrument"] = check_choice(fix.get("instrument"), instruments(), "instrument type")
    if fix.get("signed") not in (None, ""):
        new["signed"] = check_edtf(fix.get("signed"), "signed")
    if not new:
        raise Refused(400, "fix of an agreement: give its instrument type or its signing date; nothing was written")
    return _sets("agreements", key, row, new) or [_row("agreements", key, "set", k, v) for k, v in new.items()]


def _side(ctx: Context, doc_id: str, ref: Any, side: str) -> dict[str, Any]:
    """An added agreement's side: a place of the document (doc:<name>) or a gazetteer candidate."""
    ref = str(ref or "")
    if ref.startswith("doc:"):
        c = ctx.snapshot.cities.get(f"{doc_id}|{ref[4:]}".casefold())
        if c is None:
            raise Refused(409, f"place {ref[4:]!r} is not a place of document {doc_id} any more: reload the page; "
                               "nothing was written")
        return {f"city_{side}": c["name"], f"country_{side}": c.get("country", ""),
                f"geonames_{side}": int(c["geonames_id"]) if c.get("geonames_id") else None,
                f"iso3166_2_{side}": c.get("iso3166_2", "")}
    p = _place(ctx, ref)
    return {f"city_{side}": p["name"], f"country_{side}": p["country"], f"geonames_{side}": p["geonames_id"],
            f"iso3166_2_{side}": p["iso3166_2"]}


def _add(ctx: Context, req: dict[str, Any]) -> list[dict[str, Any]]:
    doc_id = str(req.get("doc_id") or "")
    if doc_id not in ctx.snapshot.docs:
        raise Refused(404, f"no document {doc_id!r} in the tables; nothing was written")
    text, page_starts = doc_text(ctx.docs_dir, doc_id)
    try:
        start, end = int(req.get("start")), int(req.get("end"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Refused(400, "add: the selected span's start and end must be integers; nothing was written") from None
    if text is None or not 0 <= start < end <= len(text):
        raise Refused(409, f"add: {start}-{end} is not a span of document {doc_id}'s text: reload the page; "
                           "nothing was written")
    if str(req.get("seen", "")) != text[start:end]:
        raise Refused(409, f"add: the text at {start}-{end} is no longer the selected text (the text changed): "
                           "reload the page; nothing was written")
    what = check_choice(req.get("kind"), ("instrument", "partnership"), "kind of row to add")
    row: dict[str, Any] = {"doc_id": doc_id, "relationship": check_choice(req.get("relationship"), relationships(),
                                                                          "relationship"),
                           "evidence": " ".join(text[start:end].split()), "start": start, "end": end, "confidence": 1.0}
    row.update(_side(ctx, doc_id, req.get("a"), "a"))
    row.update(_side(ctx, doc_id, req.get("b"), "b"))
    if what == "instrument":
        row["instrument"] = check_choice(req.get("instrument"), instruments(), "instrument type")
        if req.get("signed") not in (None, ""):
            row["signed"] = check_edtf(req.get("signed"), "signed")
    if page_starts:
        row["page"] = max(1, bisect.bisect_right(page_starts, start))
    return [_row("agreements", "", "add", "", json.dumps(row, ensure_ascii=False, sort_keys=True))]


def decide(ctx: Context, req: dict[str, Any]) -> list[dict[str, Any]]:
    """The correction lines (without reviewer, note and when) a request asks for, or Refused with the reason."""
    if not isinstance(req, dict):
        raise Refused(400, "the request must be a JSON object; nothing was written")
    action = str(req.get("action") or "")
    if action not in ACTIONS:
        raise Refused(400, f"unknown action {action!r}; use one of {', '.join(ACTIONS)}; nothing was written")
    if action == "add":
        return _add(ctx, req)
    table, key, row = _current(ctx, str(req.get("item") or ""), req.get("seen"))
    if action in ("accept", "reject"):
        return [_row(table, key, action)]
    fix = req.get("fix")
    if not isinstance(fix, dict):
        raise Refused(400, "fix: the new values are missing; nothing was written")
    return _fix(ctx, table, key, row, fix)
