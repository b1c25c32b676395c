"""The review app in a real browser: a DVC project to review, the app served, headless Chromium, screenshots.

`python scripts/review_app_demo.py` writes the screenshots under docs/ (the sample corpus's tables, so
`make run` first): the app's index, a document page, and the static index of a generated corpus of 500
partnerships. tests/test_review_app.py uses the same functions in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# what works here: no sandbox (root in a container), no GPU, nothing fetched in the background
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
HEADER = "table,key,action,field,value,reviewer,note,when\n"


def run(cmd: list[str], cwd: Path) -> str:
    """Run a command of the pipeline (the venv's `kotakembar` and `dvc` first on PATH); its output, or RuntimeError."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               DVC_NO_ANALYTICS="1", PYTHONHASHSEED="0", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd}: {proc.stdout}\n{proc.stderr}")
    return proc.stdout + proc.stderr


def make_project(dest: Path, gazetteer: Path, texts: dict[str, str]) -> Path:
    """A DVC project with the repo's pipeline and these texts in raw/, the gazetteer given (committed, not rebuilt), repro'd."""
    dest.mkdir(parents=True)
    for name in ("dvc.yaml", "params.yaml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "pipeline", dest / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "gold").mkdir()
    shutil.copy(ROOT / "gold" / "sample.jsonl", dest / "gold" / "sample.jsonl")
    (dest / "review").mkdir()
    (dest / "review" / "corrections.csv").write_text(HEADER, encoding="utf-8")
    (dest / "raw").mkdir()
    for name, text in texts.items():
        (dest / "raw" / name).write_text(text, encoding="utf-8")
    shutil.copytree(gazetteer, dest / "models" / "gazetteer")
    run(["git", "init", "-q"], dest)
    run(["dvc", "init", "-q"], dest)
    run(["dvc", "config", "core.analytics", "false"], dest)
    run(["dvc", "commit", "-f", "gazetteer"], dest)  # the gazetteer stage's output as given: repro does not rebuild it
    run(["dvc", "repro"], dest)
    return dest


def settings(project: Path, reviewer: str = "ana") -> Any:
    """The app's settings over a project laid out as the DVC pipeline writes it."""
    from pipeline.reviewapp.app import Settings

    return Settings(project, project / "extracted", project / "interim" / "docs", project / "review" / "corrections.csv",
                    project / "models" / "gazetteer", project / "reports", reviewer)


@contextmanager
def serving(app_settings: Any) -> Iterator[str]:
    """The review app served on a free loopback port in a thread; yields its base URL."""
    from pipeline.reviewapp.app import create_app, make_server

    server = make_server(create_app(app_settings), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (a fresh profile; Playwright downloads no browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def big_corpus(dest: Path, gazetteer: Path, n: int = 500) -> Path:
    """Tables of `n` partnerships between real places (the gazetteer's largest cities) and their report pages."""
    from pipeline.contract import COLUMNS
    from pipeline.gazetteer import Gazetteer
    from pipeline.io import write_csv
    from pipeline.review import render_reports

    gaz = Gazetteer.load(gazetteer)
    cities = sorted((e for e in gaz.entries if e[0] == "city" and e[6] is not None), key=lambda e: (-e[8], e[1]))
    home = [e for e in cities if e[3] == "ID"][:40]
    abroad = [e for e in cities if e[3] != "ID"][:n]
    doc = "b16b16b16b16b16b"
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    rows["documents"].append({"doc_id": doc, "file": "generated.txt", "title": f"{n} generated partnerships",
                              "status": "ok"})
    rels = ("sister_city", "sister_city", "friendship_city", "cooperation")
    for e in home + abroad:
        rows["cities"].append({"doc_id": doc, "name": e[2], "country": e[3], "level": "city", "geonames_id": e[1],
                               "latitude": e[6], "longitude": e[7], "role": "partner"})
    for i, b in enumerate(abroad):
        a = home[(i * 7) % len(home)]
        inst = ("memorandum_of_understanding", "letter_of_intent", "cooperation_agreement")[i % 3]
        signed = f"{1975 + (i * 11) % 48}-{1 + i % 12:02d}"
        rows["agreements"].append({"doc_id": doc, "agreement_id": f"g{i:011d}", "relationship": rels[i % 4],
                                   "instrument": inst, "city_a": a[2], "country_a": "ID", "geonames_a": a[1],
                                   "city_b": b[2], "country_b": b[3], "geonames_b": b[1], "signed": signed})
        rows["partnerships"].append({"partnership_id": f"p{i:011d}", "city_a": a[2], "country_a": "ID",
                                     "geonames_a": a[1], "city_b": b[2], "country_b": b[3], "geonames_b": b[1],
                                     "relationship": rels[i % 4], "first_date": signed,
                                     "instruments": f"{inst}@{signed}", "documents": doc,
                                     "conflicts": "status: signed vs planned" if i % 50 == 7 else ""})
    tables = dest / "extracted"
    for name, cols in COLUMNS.items():
        write_csv(tables / f"{name}.csv", cols, rows[name])
    (dest / "interim" / "docs").mkdir(parents=True)
    render_reports(tables, dest / "interim" / "docs", dest / "reports")
    return dest


def screenshot(browser: Any, url: str, path: Path, *, width: int = 1280, height: int = 900, keys: str = "",
               element: str = "") -> Path:
    """A PNG of the page at `url` (after pressing `keys`; of one `element` only when given), in 256 colours."""
    from PIL import Image

    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for key in keys:
            page.keyboard.press(key)
        page.wait_for_timeout(300)  # the dialog's candidates and the scroll settle
        (page.locator(element) if element else page).screenshot(path=str(path))
    finally:
        page.close()
    with Image.open(path) as im:  # a palette keeps the docs' PNGs small (screenshots have few colours)
        small = im.convert("RGB").quantize(256)
    small.save(path, optimize=True)
    return path


def main() -> None:
    """The screenshots under docs/: the app over the sample corpus (`make run` first), the index of 500 partnerships."""
    import tempfile

    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    if not (ROOT / "extracted" / "documents.csv").exists() or not (ROOT / "models" / "gazetteer").is_dir():
        sys.exit("run `make run` first: the screenshots show the sample corpus's tables")
    from pipeline.io import read_csv

    dates = read_csv(ROOT / "extracted" / "dates.csv")
    date = next((d for d in dates if d["role"] == "event"), dates[0])
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        with serving(settings(ROOT)) as url:  # pages only: the dialog is shown, nothing is decided
            screenshot(browser, f"{url}/", docs / "review-app-index.png")
            screenshot(browser, f"{url}/doc/{date['doc_id']}.html#m-{date['mention_id']}",
                       docs / "review-app-document.png", keys="f")
        big = big_corpus(Path(tmp) / "big", ROOT / "models" / "gazetteer")
        screenshot(browser, (big / "reports" / "index.html").as_uri(), docs / "review-index-500.png", element="#map")
    for p in sorted(docs.glob("*.png")):
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
