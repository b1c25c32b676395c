"""Score extracted tables against a gold standard (SPEC "Scoring"): places, partnerships, instruments, sectors, event dates.

`records` holds the normalization and the records, `load` reads gold and tables, `classify` builds a gold
document's scored sets and names the class of every error, `score` scores, `report` writes.
"""

from pipeline.evaluate.load import load_gold, load_predictions
from pipeline.evaluate.records import (
    METRICS,
    Agreement,
    Counts,
    DocResult,
    EvalReport,
    Finding,
    Place,
    Prediction,
    norm_country,
    norm_id,
    norm_iso,
    norm_name,
    norm_text,
    regency_key,
)
from pipeline.evaluate.report import format_by, format_errors, format_report, write_metrics
from pipeline.evaluate.score import evaluate, score_document

__all__ = [
    "METRICS", "Agreement", "Counts", "DocResult", "EvalReport", "Finding", "Place", "Prediction", "evaluate",
    "format_by", "format_errors", "format_report", "load_gold", "load_predictions", "norm_country", "norm_id", "norm_iso",
    "norm_name", "norm_text", "regency_key", "score_document", "write_metrics",
]
