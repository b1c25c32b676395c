"""The sample corpus's and the seeds' outputs are the bytes recorded in tests/fixtures (a refactoring changes none)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("output_digests", ROOT / "scripts" / "output_digests.py")
output_digests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(output_digests)


@pytest.mark.parametrize("corpus", ["sample", "seeds"])
def test_outputs_are_the_recorded_bytes(corpus: str, gazetteer_dir: Path, tmp_path: Path) -> None:
    if not output_digests.CORPORA[corpus].is_dir():
        pytest.skip(f"{output_digests.CORPORA[corpus]} absent: the seeds live in ../shared")
    recorded = json.loads(output_digests.FIXTURE.read_text(encoding="utf-8"))[corpus]
    now = output_digests.digests(output_digests.CORPORA[corpus], tmp_path / "out", gazetteer_dir)
    moved = sorted(k for k in set(now) | set(recorded) if now.get(k) != recorded.get(k))
    assert moved == [], "outputs changed; if meant, run `python scripts/output_digests.py --write`"
