"""A real DVC repository: `dvc repro` builds every table, and a second run is a no-op."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow
TARGETS = ["evaluate", "report"]


def _run(cmd: list[str], cwd: Path) -> str:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               DVC_NO_ANALYTICS="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{cmd}: {proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def test_dvc_repro_then_noop(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy(REPO / name, repo / name)
    for name in ("pipeline", "raw", "gold", "review", "configs"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "orphans.csv"))
    _run(["git", "init", "-q"], repo)
    _run(["dvc", "init", "-q"], repo)
    _run(["dvc", "config", "core.analytics", "false"], repo)
    # The extraction chain only: the train stages take minutes and are tested in test_train.py.
    first = _run(["dvc", "repro", *TARGETS], repo)
    assert "Running stage 'tables'" in first
    for table in ("documents", "mentions", "cities", "dates", "sectors", "agreements", "partnerships"):
        assert (repo / "extracted" / f"{table}.csv").is_file()
    tables_before = {p.name: p.read_bytes() for p in (repo / "extracted").iterdir()}
    second = _run(["dvc", "repro", *TARGETS], repo)
    assert "Running stage" not in second
    assert "up to date" in second
    assert _run(["dvc", "status", *TARGETS], repo).strip().endswith("up to date.")
    metrics = _run(["dvc", "metrics", "show"], repo)
    assert "partnerships.f1" in metrics or "partnerships" in metrics
    # Re-running from scratch gives byte-identical tables.
    shutil.rmtree(repo / "extracted")
    _run(["dvc", "repro", "--force", "tables"], repo)
    assert {p.name: p.read_bytes() for p in (repo / "extracted").iterdir()} == tables_before


def _stage_sources(stage: str) -> tuple[str, ...]:
    """What a stage fingerprints, as its module names it."""
    if stage == "ingest":
        from pipeline.ingest import INGEST_SOURCES as sources
    elif stage == "annotate":
        from pipeline.annotate import ANNOTATE_SOURCES as sources
    elif stage == "tables":
        from pipeline.tables import TABLES_SOURCES as sources
    else:
        from pipeline.review import REPORT_SOURCES as sources
    return sources


@pytest.mark.parametrize("stage", ["ingest", "annotate", "tables", "report"])
def test_stage_deps_cover_the_code_each_stage_fingerprints(stage: str) -> None:
    """A file in a stage's per-document fingerprint but not in its DVC deps: editing it would not rerun the stage."""
    import yaml

    deps = [d for d in yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"][stage]["deps"]
            if isinstance(d, str)]
    sources = _stage_sources(stage)
    assert sources
    for rel in sources:
        if rel == "__init__.py":  # only the version: a release, not an edit
            continue
        f = f"pipeline/{rel}"
        assert (REPO / f).is_file(), f
        assert any(f == d or f.startswith(d.rstrip("/") + "/") for d in deps), \
            f"{stage}: {f} decides its outputs but is not in its deps"
