"""The index page: documents, partnerships, and the figures of `figures.py`."""

from __future__ import annotations

from typing import Any

from pipeline.review.figures import map_figure, network_figure, timeline_figure
from pipeline.review.load import rows_per_doc
from pipeline.review.markup import render


def render_index(documents: list[dict[str, Any]], tables: dict[str, Any], pages: set[str], *,
                 app: dict[str, Any] | None = None) -> str:
    """The index page: documents, partnerships, map, timeline, network (`app`: the review app's context, or None)."""
    partnerships = sorted(tables["partnerships"], key=lambda p: (p.get("city_a", ""), p.get("city_b", ""),
                                                                 p.get("partnership_id", "")))
    return render(
        "index.html", title="kotakembar — review", documents=documents, partnerships=partnerships, pages=pages,
        ok=sum(1 for d in documents if d.get("status") == "ok"), agreement_rows=len(tables["agreements"]),
        mention_rows=len(tables["mentions"]), mention_counts=rows_per_doc(tables["mentions"]),
        agreement_counts=rows_per_doc(tables["agreements"]), map=map_figure(tables["cities"], partnerships),
        timeline=timeline_figure(tables["agreements"]), network=network_figure(partnerships), app=app)
