"""Shared fixtures: paths to ../shared and a gazetteer built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip with the reason."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "seeds.jsonl").is_file():
        pytest.skip(f"{SHARED} (seeds and gold) not present beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def gazetteer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer built from the installed packages, once per test session."""
    from pipeline.gazetteer import build_gazetteer

    out = tmp_path_factory.mktemp("gazetteer")
    build_gazetteer(out)
    return out
