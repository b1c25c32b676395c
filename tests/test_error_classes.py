"""scripts/error_classes.py: two error reports' class tallies side by side."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "error_classes.py"


def _module():
    spec = importlib.util.spec_from_file_location("error_classes", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_classes_of_both_reports_side_by_side(tmp_path: Path) -> None:
    before = tmp_path / "before.md"
    after = tmp_path / "after.md"
    before.write_text("| metric | class | count |\n|---|---|---|\n| places | wrong link | 3 |\n"
                      "| sectors | sector missed | 5 |\n", encoding="utf-8")
    after.write_text("| metric | class | count |\n|---|---|---|\n| sectors | sector missed | 2 |\n"
                     "| places | spurious place | 1 |\n", encoding="utf-8")
    assert _module().table(before, after).splitlines() == [
        "| metric | class | baseline | now |",
        "|---|---|---|---|",
        "| sectors | sector missed | 5 | 2 |",
        "| places | wrong link | 3 | 0 |",
        "| places | spurious place | 0 | 1 |",
        "| all | total | 8 | 3 |",
    ]
