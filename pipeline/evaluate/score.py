"""Scoring per document (SPEC "Scoring") and over a gold file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pipeline.evaluate.classify import (
    Scope,
    bare_name,
    classify_date,
    classify_instrument,
    classify_pair,
    classify_place,
    read_gold,
)
from pipeline.evaluate.load import load_gold, load_predictions
from pipeline.evaluate.records import METRICS, Counts, DocResult, EvalReport, Finding, Key, Pair, Prediction, basename, regency_key, stem
from pipeline.io import paused_gc


def _compare(
    counts: Counts,
    gold: set[Any],
    ignored: set[Any],
    predicted: set[Any],
) -> tuple[set[Any], set[Any]]:
    """Fill counts; return (misses, false hits). Ignored items count neither way."""
    ignored = ignored - gold
    counts.tp += len(gold & predicted)
    misses = gold - predicted
    false = predicted - gold - ignored
    counts.fn += len(misses)
    counts.fp += len(false)
    return misses, false


def _pair_ignored(pair: Pair, certain: set[Pair], uncertain: set[Pair]) -> bool:
    """True when a pair belongs only to uncertain gold partnerships."""
    return pair in uncertain and pair not in certain


def score_document(gold: Mapping[str, Any], pred: Prediction | None,
                    gazetteer_ids: set[str] | None = None) -> tuple[DocResult, list[Finding], list[Finding]]:
    """Score one gold document against its prediction (None = not predicted)."""
    gid = str(gold.get("id") or gold.get("file") or "?")
    result = DocResult(gold_id=gid, file=str(gold.get("file") or ""), doc_id=pred.doc_id if pred else None,
                       meta={k: str(v) for k, v in gold.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)})
    scope = Scope()
    g = read_gold(gold, scope)

    # ---- predictions
    pred_places: set[Key] = set()
    pred_names: dict[Key, set[str]] = {}  # bare names of each predicted place
    pred_surfaces: dict[Key, set[str]] = {}  # its surfaces as written
    ignored_regions: set[Key] = set()
    pred_pairs: set[Pair] = set()
    pred_instr: set[tuple[Pair, str, str | None]] = set()
    pred_sect: set[tuple[Pair, str]] = set()
    pred_dates: set[str] = set()
    pred_all_dates: dict[str, set[str]] = {}
    if pred is not None:
        for place in pred.places:
            canon = scope.canon(place.keys())
            scope.name(canon, place.name)
            pred_places.add(canon)
            if canon[0] == "geonames":  # the predicted country of a linked place (the gold's wins elsewhere)
                scope.country.setdefault(canon, place.country)
            bare = {bare_name(s) for s in (place.name, *place.surfaces) if bare_name(s)}
            pred_names.setdefault(canon, set()).update(bare)
            pred_surfaces.setdefault(canon, set()).update(s.strip() for s in place.surfaces if s.strip())
            if place.level == "region" and canon not in g.places | g.unc_places:
                ignored_regions.add(canon)  # SPEC: a region the gold does not list counts neither way
        for ag in pred.agreements:
            ends = []
            for place in (ag.a, ag.b):
                # agreements.csv has no level column: a side may be a regency the gold lists
                canon = scope.canon(place.keys() + [regency_key(place.name, place.country)])
                scope.name(canon, place.name)
                scope.country.setdefault(canon, place.country)
                ends.append(canon)
            pair = frozenset(ends)
            scope.order.setdefault(pair, (ends[0], ends[1]))
            pred_pairs.add(pair)
            if ag.instrument:
                pred_instr.add((pair, ag.instrument, ag.signed))
            for code in ag.sectors:
                pred_sect.add((pair, code))
        for value, role in pred.dates:
            pred_all_dates.setdefault(g.alt.get(value, value), set()).add(role)
        pred_dates = {g.alt.get(v, v) for v, role in pred.dates if role == "event"}

    # ---- uncertain partnerships: their instruments and sectors count neither way
    unc_instr = set(g.unc_instr)
    opt_sect = set(g.opt_sect)
    for item in pred_instr:
        if _pair_ignored(item[0], g.pairs, g.unc_pairs):
            unc_instr.add(item)
    for sect in pred_sect:
        if _pair_ignored(sect[0], g.pairs, g.unc_pairs):
            opt_sect.add(sect)

    misses: list[Finding] = []
    false: list[Finding] = []

    def record(metric: str, miss: set[Any], fp: set[Any], label: Callable[[Any], str],
               classify: Callable[[str, Any], str]) -> None:
        """Turn missed and falsely hit items into findings with their error class."""
        for kind, items, out in (("miss", miss, misses), ("false", fp, false)):
            found = [Finding(gid, metric, kind, _plain_key(i), label(i), classify(kind, i)) for i in items]
            out.extend(sorted(found, key=lambda f: (f.label, f.error_class)))

    counts = result.counts
    m, f = _compare(counts["places"], g.places, g.unc_places | ignored_regions, pred_places)
    record("places", m, f, scope.label,
           lambda kind, k: classify_place(kind, k, g, pred_names, pred_surfaces, scope.country, gazetteer_ids))
    wrong = {k for k in f if classify_place("false", k, g, pred_names, pred_surfaces, scope.country, None) == "wrong link"}
    m, f = _compare(counts["partnerships"], g.pairs, g.unc_pairs, pred_pairs)
    record("partnerships", m, f, scope.pair_label,
           lambda kind, p: classify_pair(kind, p, g, pred_places, scope.country, wrong))
    m, f = _compare(counts["instruments"], g.instr, unc_instr, pred_instr)
    record("instruments", m, f, lambda i: f"{scope.pair_label(i[0])} {i[1]} {i[2] or '(no date)'}",
           lambda kind, i: classify_instrument(kind, i, g, pred_instr, pred_pairs))
    m, f = _compare(counts["sectors"], g.sect, opt_sect, pred_sect)
    record("sectors", m, f, lambda s: f"{scope.pair_label(s[0])} {s[1]}",
           lambda kind, s: ("sector of a missed pair" if s[0] not in pred_pairs else "sector missed")
           if kind == "miss" else ("sector of a pair not in gold" if s[0] not in g.pairs
                                   else "sector not in the cooperation"))
    m, f = _compare(counts["event_dates"], g.dates, g.unc_dates, pred_dates)
    record("event_dates", m, f, str, lambda kind, v: classify_date(kind, v, g, pred_all_dates))
    return result, misses, false


def _plain_key(item: Any) -> tuple[Any, ...]:
    """A deterministic, hashable, JSON-friendly form of a scored item (pairs become sorted tuples)."""
    if isinstance(item, frozenset):
        return tuple(sorted(item))
    if isinstance(item, tuple):
        return tuple(_plain_key(x) if isinstance(x, frozenset) else x for x in item)
    return (item,)


# --------------------------------------------------------------------------- public entry points


def _match(gold: Mapping[str, Any], preds: Mapping[str, Prediction]) -> Prediction | None:
    """The prediction for a gold doc (SPEC): by the basename of its `file`; without `file`, the file
    whose stem equals its `id` (or the doc_id equal to it)."""
    file = str(gold.get("file") or "")
    if file:
        return preds.get(basename(file))
    gid = str(gold.get("id") or "")
    if not gid:
        return None
    for base, pred in preds.items():
        if stem(base) == gid or pred.doc_id == gid:
            return pred
    return None


@paused_gc()
def evaluate(gold_path: Path, tables_dir: Path, *, offsets: Path | None = None,
             gazetteer_ids: set[str] | None = None) -> EvalReport:
    """Score the tables in `tables_dir` against the gold JSONL (micro: TP/FP/FN summed over gold documents).

    `offsets`: written by `kotakembar tables --offsets`; when they match, only the matched
    documents' rows are read (the scores are the same). `gazetteer_ids`: the GeoNames ids the
    gazetteer holds, to tell a place missing from it from a place missed.
    """
    gold_docs = load_gold(Path(gold_path))
    # match on documents.csv alone, then read the other tables' rows of the matched documents only
    listed = load_predictions(Path(tables_dir), keep=set(), offsets=offsets)
    wanted = {p.doc_id for p in (_match(g, listed) for g in gold_docs) if p is not None}
    preds = load_predictions(Path(tables_dir), keep=wanted, offsets=offsets)
    report = EvalReport()
    for gold in gold_docs:
        doc, misses, false = score_document(gold, _match(gold, preds), gazetteer_ids)
        report.documents.append(doc)
        report.misses.extend(misses)
        report.false_hits.extend(false)
        report.wrong_links.extend(f for f in false if f.error_class == "wrong link")
        for metric in METRICS:
            report.totals[metric].add(doc.counts[metric])
    return report
