"""The score table, the error report and the DVC metrics."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.evaluate.records import METRICS, EvalReport, Finding
from pipeline.io import atomic_write_text


def format_report(report: EvalReport) -> str:
    """Plain-text P/R/F1 table per metric, then the missing documents, misses and false hits."""
    lines = [f"{'metric':<13}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for metric in METRICS:
        c = report.totals[metric]
        lines.append(
            f"{metric:<13}{c.precision:>8.4f}{c.recall:>8.4f}{c.f1:>8.4f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    matched = sum(1 for d in report.documents if d.doc_id is not None)
    lines.append(f"documents: {len(report.documents)} gold, {matched} matched")
    if report.missing_documents:
        lines.append("")
        lines.extend(f"{gid}  document not in predictions" for gid in report.missing_documents)
    for title, findings in (("misses", report.misses), ("false hits", report.false_hits)):
        lines.append("")
        lines.append(f"{title} ({len(findings)}):")
        lines.extend(f"{f.doc}  {f.metric}  {f.kind}  {f.label}  [{f.error_class}]" for f in findings)
    lines.append("")
    lines.append(f"wrong links: {len(report.wrong_links)}")
    return "\n".join(lines) + "\n"


def format_by(report: EvalReport, key: str) -> str:
    """Plain-text F1 per metric for each value of a gold field (e.g. genre), with its document count."""
    head = f"{key:<20}{'docs':>5}" + "".join(f"{m[:11]:>12}" for m in METRICS)
    lines = [head]
    for value, (n, counts) in report.totals_by(key).items():
        lines.append(f"{value[:19]:<20}{n:>5}" + "".join(f"{counts[m].f1:>12.4f}" for m in METRICS))
    return "\n".join(lines)


def format_errors(report: EvalReport, title: str = "Errors") -> str:
    """Markdown error report: the tally by error class, then every miss and false hit per document."""
    lines = [f"# {title}", "", "| metric | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|"]
    for metric in METRICS:
        c = report.totals[metric]
        lines.append(f"| {metric} | {c.precision:.4f} | {c.recall:.4f} | {c.f1:.4f} | {c.tp} | {c.fp} | {c.fn} |")
    lines += ["", f"Places linked to a wrong GeoNames id: {len(report.wrong_links)}", "",
              "## Error classes", "", "| metric | class | count |", "|---|---|---|"]
    lines += [f"| {m} | {c} | {n} |" for m, c, n in report.error_tally()]
    by_doc: dict[str, list[Finding]] = {}
    for f in report.misses + report.false_hits:
        by_doc.setdefault(f.doc, []).append(f)
    lines += ["", "## Per document", ""]
    for doc in report.documents:
        found = by_doc.get(doc.gold_id, [])
        state = "not in the predictions" if doc.doc_id is None else f"{len(found)} errors"
        lines.append(f"### {doc.gold_id} ({state})")
        lines += [f"- {f.metric} {f.kind}: {f.label} — {f.error_class}" for f in found]
        lines.append("")
    return "\n".join(lines)


def _rows_to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Render rows as CSV text with a header."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def write_metrics(report: EvalReport, metrics_path: Path, plots_path: Path | None = None) -> None:
    """Write DVC metrics JSON (sorted keys, indent 2) and, optionally, the per-type plot CSV; atomically."""
    atomic_write_text(Path(metrics_path), json.dumps(report.to_metrics(), sort_keys=True, indent=2) + "\n")
    if plots_path is not None:
        atomic_write_text(Path(plots_path), _rows_to_csv(report.per_type_rows(), ("type", "precision", "recall", "f1")))
