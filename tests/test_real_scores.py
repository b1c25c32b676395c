"""Regression floor on the real-text dev split (skipped, with the reason, where the texts are not restored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.realcorpus import TEXTS, texts_of

GOLD = Path(__file__).resolve().parents[1] / "gold" / "real"
# Dev scores this code reached when the floor was set, minus a margin for small rule changes:
# a change that costs more than that on dev is a regression to look at (gold/README.md).
# (set on the 524 dev documents of 947, session 19: places .951, partnerships .905, instruments .733, sectors .860,
# event dates .891; the dev documents of batches 13 to 15 score lower than the first 439. Session 20's batches 16 to
# 19 (100 dev documents, partnerships .81 on them before tuning) took dev partnerships to .895 on 637: that floor .89)
FLOOR = {"places": 0.948, "partnerships": 0.89, "instruments": 0.725, "sectors": 0.855, "event_dates": 0.882}
# Wrong links the dev split still has, each named: two ("Osaka" on Osaka Prefecture's own page, linked to the
# city; a bare "Yogyakarta" in an abstract that also writes "D.I Yogyakarta", which the gold reads as the province:
# reading such a bare name as the province lost test places in session 20). The count may only fall; a new one is a
# regression.
KNOWN_WRONG_LINKS = 2


def _texts_or_skip() -> None:
    try:
        texts_of(GOLD / "dev", GOLD / TEXTS)
    except FileNotFoundError as exc:
        pytest.skip(f"real texts not restored ({exc})")


@pytest.mark.slow
def test_dev_scores_stay_above_the_floor_and_no_new_id_is_wrong(tmp_path: Path) -> None:
    _texts_or_skip()
    metrics = tmp_path / "dev.json"
    result = CliRunner().invoke(app, ["real", "eval", "dev", "--gold-dir", str(GOLD), "--out", str(tmp_path / "out"),
                                      "--metrics", str(metrics)])
    assert result.exit_code == 0, result.output
    scores = json.loads(metrics.read_text())
    assert scores["wrong_links"] <= KNOWN_WRONG_LINKS
    assert {m: scores[m]["f1"] >= floor for m, floor in FLOOR.items()} == {m: True for m in FLOOR}, scores
