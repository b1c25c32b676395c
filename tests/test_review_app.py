"""The review app: decisions in a real headless Chromium, then `dvc repro`; every refusal; lock, undo, queue."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app as cli
from pipeline.corrections import Correction, apply_corrections, load_corrections
from pipeline.io import read_csv

from .conftest import REPO

_spec = importlib.util.spec_from_file_location("review_app_demo", REPO / "scripts" / "review_app_demo.py")
demo = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo)

needs_chromium = pytest.mark.skipif(not demo.CHROMIUM.exists(), reason=f"{demo.CHROMIUM} not installed "
                                    "(apt-get install chromium) — the review app's browser test skipped")

# Written for these tests: a pair with its MoU, a letter of intent the rules miss, and "Kota Pusaka", no city.
TEXT = ("Kota Denpasar dan Kota Mossel Bay sepakat menjalin hubungan kota kembar. "
        "Nota kesepahaman ini ditandatangani pada 12 Maret 2019 di Kota Denpasar.\n"
        "Sebelumnya, Wali Kota Mossel Bay mengirim surat pernyataan kehendak kepada Wali Kota Denpasar pada 3 Januari 2018.\n"
        "Kota Pusaka menjadi tema kunjungan itu, dengan kerja sama di bidang pariwisata.\n")
LOI = "surat pernyataan kehendak kepada Wali Kota Denpasar pada 3 Januari 2018"
WHEN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@pytest.fixture(scope="module")
def project(gazetteer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DVC project over TEXT, repro'd once (the session's gazetteer committed as the gazetteer stage's output)."""
    return demo.make_project(tmp_path_factory.mktemp("reviewapp") / "p", gazetteer_dir, {"denpasar.txt": TEXT})


def _mention(project: Path, text: str) -> dict[str, str]:
    return next(m for m in read_csv(project / "extracted" / "mentions.csv") if m["text"] == text)


def _client(project: Path):  # type: ignore[no-untyped-def]
    from pipeline.reviewapp.app import create_app

    client = create_app(demo.settings(project)).test_client()
    doc = read_csv(project / "extracted" / "documents.csv")[0]["doc_id"]
    page = client.get(f"/doc/{doc}.html").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    items = json.loads(re.search(r'id="review-items">(.*?)</script>', page, re.S).group(1))
    return client, token, items, doc


# --- in a real browser, then dvc repro ---------------------------------------------------------


@needs_chromium
def test_reject_a_place_fix_a_date_add_an_instrument_with_the_keyboard_then_repro(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work, symlinks=True)
    pusaka, date = _mention(work, "Kota Pusaka"), _mention(work, "12 Maret 2019")
    doc = pusaka["doc_id"]
    select_text = """needle => {
      const root = document.getElementById('text'), walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = []; let n, all = '';
      while ((n = walker.nextNode())) { if (!n.parentNode.closest('.pb')) { nodes.push([n, all.length]); all += n.nodeValue; } }
      const s = all.indexOf(needle), e = s + needle.length, r = document.createRange();
      for (const [nd, off] of nodes) { if (s >= off && s < off + nd.nodeValue.length) { r.setStart(nd, s - off); break; } }
      for (const [nd, off] of nodes) { if (e > off && e <= off + nd.nodeValue.length) { r.setEnd(nd, e - off); break; } }
      getSelection().removeAllRanges(); getSelection().addRange(r);
      return s;
    }"""
    with demo.serving(demo.settings(work)) as url, demo.chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{url}/doc/{doc}.html#m-{pusaka['mention_id']}")
        page.wait_for_selector("body[data-app-ready]")
        assert page.get_attribute("body", "data-current") == f"m:{pusaka['mention_id']}"
        page.keyboard.press("r")  # reject the place
        page.wait_for_selector(f'tr[data-item="m:{pusaka["mention_id"]}"][data-state="rejected"]')

        page.evaluate(f"location.hash = 'm-{date['mention_id']}'")
        page.wait_for_selector(f'body[data-current="m:{date["mention_id"]}"]')
        page.keyboard.press("f")  # fix the date: the EDTF field opens with the value selected
        page.wait_for_selector("#dlg-date[open]")
        page.keyboard.type("2019-03-21")
        page.keyboard.press("Enter")
        page.wait_for_selector(f'tr[data-item="m:{date["mention_id"]}"][data-state="fixed"]')

        start = page.evaluate(select_text, LOI)  # the evidence, selected
        page.keyboard.press("i")  # add an instrument from it
        page.wait_for_selector("#dlg-add[open]")
        page.focus("#add-inst")
        page.keyboard.type("letter")
        page.keyboard.press("Tab")
        page.keyboard.type("2018-01-03")
        page.keyboard.press("Enter")
        page.wait_for_selector('#toast.show:text("added: instrument")')

        shots = {name: demo.screenshot(browser, f"{url}{path}", tmp_path / f"{name}.png")
                 for name, path in (("document", f"/doc/{doc}.html"), ("index", "/"))}
        page.close()
    assert errors == []

    lines = load_corrections(work / "review" / "corrections.csv")
    assert [(c.table, c.key, c.action, c.field, c.reviewer) for c in lines] == [
        ("mentions", pusaka["mention_id"], "reject", "", "ana"),
        ("dates", date["mention_id"], "set", "value", "ana"),
        ("agreements", "", "add", "", "ana")]
    assert lines[1].value == "2019-03-21" and all(WHEN.match(c.when) for c in lines)
    assert len({c.when for c in lines}) == 3
    added = json.loads(lines[2].value)
    assert added == {"city_a": "Denpasar", "country_a": "ID", "geonames_a": 1645528, "iso3166_2_a": "",
                     "city_b": "Mossel Bay", "country_b": "ZA", "geonames_b": 973709, "iso3166_2_b": "",
                     "confidence": 1.0, "doc_id": doc, "relationship": "sister_city", "instrument": "letter_of_intent",
                     "signed": "2018-01-03", "start": start, "end": start + len(LOI), "evidence": LOI}

    demo.run(["dvc", "repro"], work)
    tables = work / "extracted"
    assert pusaka["mention_id"] not in {m["mention_id"] for m in read_csv(tables / "mentions.csv")}
    [fixed] = [d for d in read_csv(tables / "dates.csv") if d["mention_id"] == date["mention_id"]]
    assert (fixed["value"], fixed["method"]) == ("2019-03-21", "reviewer")
    [loi] = [a for a in read_csv(tables / "agreements.csv") if a["instrument"] == "letter_of_intent"]
    assert (loi["signed"], loi["evidence"], loi["method"]) == ("2018-01-03", LOI, "reviewer")
    [pair] = read_csv(tables / "partnerships.csv")
    assert pair["instruments"] == "letter_of_intent@2018-01-03|memorandum_of_understanding@2019-03-12"
    html = (work / "reports" / "doc" / f"{doc}.html").read_text(encoding="utf-8")
    assert f'data-mid="{pusaka["mention_id"]}"' not in html and "2019-03-21" in html and "letter_of_intent" in html
    assert read_csv(work / "review" / "orphans.csv") == []

    for name, png in shots.items():
        colours, ink = _png_stats(png)
        assert colours > 20 and ink > 0.02, f"{name} screenshot looks blank: {colours} colours, {ink:.1%} ink"


def _png_stats(path: Path) -> tuple[int, float]:
    """(distinct colours, share of non-white pixels) of a PNG."""
    from PIL import Image

    with Image.open(path) as im:
        rgb = im.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        white = next((n for n, c in colours if c == (255, 255, 255)), 0)
        return len(colours), 1 - white / (rgb.width * rgb.height)


# --- refusals: status, message, file unchanged --------------------------------------------------


def _refusals(items: dict, doc: str) -> dict[str, tuple[dict, dict, int, str]]:
    date = next(k for k, v in items.items() if v["fix"] == "date")
    place = next(k for k, v in items.items() if v["fix"] == "place" and v["kind"] == "mentions")
    sector = next(k for k, v in items.items() if v["fix"] == "sector")
    agreement = next(k for k, v in items.items() if v["kind"] == "agreements")
    return {
        "invalid_edtf": ({"action": "fix", "item": date, "seen": items[date]["seen"], "fix": {"value": "2019-13-45"}},
                         {}, 400, "'2019-13-45' is not a valid EDTF date"),
        "invalid_signed_edtf": ({"action": "fix", "item": agreement, "seen": items[agreement]["seen"],
                                 "fix": {"signed": "March 2019"}}, {}, 400, "'March 2019' is not a valid EDTF date"),
        "unknown_sector": ({"action": "fix", "item": sector, "seen": items[sector]["seen"], "fix": {"sector": "tourismus"}},
                           {}, 400, "unknown sector code 'tourismus'"),
        "place_not_in_gazetteer": ({"action": "fix", "item": place, "seen": items[place]["seen"],
                                    "fix": {"place": "gn:999999999"}}, {}, 400, "'gn:999999999' is not in the gazetteer"),
        "stale_id": ({"action": "reject", "item": "m:0123456789ab", "seen": "Kota Lama"}, {}, 409,
                     "m:0123456789ab is no longer in the tables"),
        "text_changed": ({"action": "accept", "item": place, "seen": "Kota Lain"}, {}, 409, "has changed since the page"),
        "added_span_changed": ({"action": "add", "doc_id": doc, "start": 0, "end": 13, "seen": "Kota Semarang",
                                "kind": "partnership", "relationship": "sister_city", "a": "gn:1645528",
                                "b": "gn:973709"}, {}, 409, "no longer the selected text"),
        "no_csrf_token": ({"action": "accept", "item": place, "seen": items[place]["seen"]}, {"X-CSRF-Token": ""}, 403,
                          "missing or wrong CSRF token"),
        "forged_csrf_token": ({"action": "accept", "item": place, "seen": items[place]["seen"]},
                              {"X-CSRF-Token": "forged"}, 403, "missing or wrong CSRF token"),
        "cross_site": ({"action": "accept", "item": place, "seen": items[place]["seen"]},
                       {"Origin": "http://evil.example"}, 403, "cross-site request from http://evil.example refused"),
        "cross_site_fetch": ({"action": "accept", "item": place, "seen": items[place]["seen"]},
                             {"Sec-Fetch-Site": "cross-site"}, 403, "cross-site request refused"),
    }


CASES = ["invalid_edtf", "invalid_signed_edtf", "unknown_sector", "place_not_in_gazetteer", "stale_id", "text_changed",
         "added_span_changed", "no_csrf_token", "forged_csrf_token", "cross_site", "cross_site_fetch"]


@pytest.mark.parametrize("case", CASES)
def test_refused_decision_changes_nothing(project: Path, case: str) -> None:
    client, token, items, doc = _client(project)
    body, headers, status, message = _refusals(items, doc)[case]
    corrections = project / "review" / "corrections.csv"
    before = corrections.read_bytes()
    resp = client.post("/api/decide", json=body, headers={"X-CSRF-Token": token, **headers})
    assert resp.status_code == status, resp.get_json()
    assert resp.get_json()["ok"] is False and message in resp.get_json()["error"]
    assert corrections.read_bytes() == before


def test_refused_paths_and_hosts(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.reviewapp.app import OutsideProject, create_app

    client, token, _, _ = _client(project)
    before = (project / "review" / "corrections.csv").read_bytes()
    resp = client.get("/reports/..%2F..%2Fextracted%2Fmentions.csv")
    assert resp.status_code == 403 and "is outside the reports folder" in resp.get_data(as_text=True)
    resp = client.get("/reports/sub/..%2F..%2F..%2Fraw%2Fdenpasar.txt")
    assert resp.status_code == 403 and "is outside the reports folder" in resp.get_data(as_text=True)
    assert client.get("/reports/index.html").status_code == 200
    resp = client.get("/", headers={"Host": "attacker.example:8765"})  # a name rebound to 127.0.0.1
    assert resp.status_code == 403 and "host 'attacker.example:8765' refused" in resp.get_data(as_text=True)
    resp = client.post("/api/undo", headers={"X-CSRF-Token": token})
    assert resp.status_code == 409 and "nothing to undo" in resp.get_json()["error"]

    outside = demo.settings(project)
    outside.corrections = tmp_path / "corrections.csv"
    with pytest.raises(OutsideProject, match="corrections file .* is outside the project"):
        create_app(outside)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["review", "--serve", "--corrections", str(tmp_path / "c.csv"), "--port", "0"])
    assert result.exit_code == 1 and "is outside the project" in result.output
    assert not (tmp_path / "c.csv").exists() and (project / "review" / "corrections.csv").read_bytes() == before


# --- the file: lock, undo, accept ------------------------------------------------------------------


def _writer(path: str, reviewer: str, n: int) -> None:
    from pipeline.reviewapp import store

    for i in range(n):
        store.append(Path(path), [{"table": "mentions", "key": f"{reviewer}{i:04d}", "action": "accept",
                                   "reviewer": reviewer, "when": store.stamp()}])


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text("# kept: a comment\ntable,key,action,field,value,reviewer,note\n", encoding="utf-8")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), name, 40)) for name in ("ana", "budi")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    found = load_corrections(path)
    assert len(found) == 80 and len({c.key for c in found}) == 80
    assert [c.key for c in found if c.reviewer == "ana"] == [f"ana{i:04d}" for i in range(40)]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kept: a comment\ntable,key,action,field,value,reviewer,note,when\n")


def test_undo_takes_back_the_last_decisions_only(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work, symlinks=True)
    client, token, items, _ = _client(work)
    place = next(k for k, v in items.items() if v["fix"] == "place" and v["kind"] == "places")
    date = next(k for k, v in items.items() if v["fix"] == "date")
    h = {"X-CSRF-Token": token}
    assert client.post("/api/decide", json={"action": "accept", "item": place, "seen": items[place]["seen"]},
                       headers=h).status_code == 200
    fixed = client.post("/api/decide", json={"action": "fix", "item": date, "seen": items[date]["seen"],
                                              "fix": {"value": "2019-03"}}, headers=h).get_json()
    assert [(x["field"], x["value"]) for x in fixed["lines"]] == [("value", "2019-03"), ("precision", "month")]
    corrections = work / "review" / "corrections.csv"
    assert [(c.action, c.field) for c in load_corrections(corrections)] == [("accept", ""), ("set", "value"),
                                                                          ("set", "precision")]
    undone = client.post("/api/undo", headers=h).get_json()
    assert (undone["when"], undone["removed"]) == (fixed["when"], 2)
    assert [(c.table, c.key, c.action) for c in load_corrections(corrections)] == [
        ("cities", items[place]["id"][2:], "accept")]
    assert client.post("/api/undo", headers=h).get_json()["removed"] == 1
    assert corrections.read_text(encoding="utf-8") == demo.HEADER


def test_queue_counts_and_orders(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work, symlinks=True)
    client, token, items, _ = _client(work)
    mentions = read_csv(work / "extracted" / "mentions.csv")
    page = client.get("/queue?kind=mentions&order=low-confidence").get_data(as_text=True)
    assert f">0 of {len(mentions)} mentions reviewed<" in page
    listed = re.findall(r'<tr data-item="m:([0-9a-f]+)"', page)
    conf = {m["mention_id"]: float(m["confidence"]) for m in mentions}
    assert sorted(listed) == sorted(conf) and [conf[m] for m in listed] == sorted(conf[m] for m in listed)
    first = f"m:{listed[0]}"
    client.post("/api/decide", json={"action": "accept", "item": first, "seen": items[first]["seen"]},
                headers={"X-CSRF-Token": token})
    page = client.get("/queue?kind=mentions&order=low-confidence").get_data(as_text=True)
    assert f">1 of {len(mentions)} mentions reviewed<" in page
    assert re.findall(r'<tr data-item="m:([0-9a-f]+)"', page)[-1] == listed[0]  # reviewed rows go last
    index = client.get("/").get_data(as_text=True)
    assert f"<b>1</b> of <b>{len(mentions)}</b> mentions reviewed" in index
    assert client.get("/queue?kind=nothing").status_code == 400


def test_accept_changes_nothing_and_a_stale_accept_is_an_orphan() -> None:
    tables = {"mentions": [{"doc_id": "d", "mention_id": "m1", "type": "CITY", "text": "Batu", "method": "rule"}],
              "dates": []}
    out, orphans = apply_corrections(tables, [Correction("mentions", "m1", "accept", reviewer="ana"),
                                              Correction("mentions", "m2", "accept", reviewer="ana")])
    assert out["mentions"] == tables["mentions"]
    assert [c.key for c in orphans] == ["m2"]


# --- the index's figures for 500 partnerships ------------------------------------------------------


def test_index_figures_stay_readable_for_500_partnerships(gazetteer_dir: Path, tmp_path: Path) -> None:
    from pipeline.review.figures import CLUSTER_PX, map_figure, network_figure

    big = demo.big_corpus(tmp_path / "big", gazetteer_dir, 500)
    cities = read_csv(big / "extracted" / "cities.csv")
    partnerships = read_csv(big / "extracted" / "partnerships.csv")
    fig = map_figure(cities, partnerships)
    assert fig.clustered and len(fig.land) > 50 and fig.missing == []
    assert sum(m.count for m in fig.markers) == len({c["geonames_id"] for c in cities}) == 540
    assert len(fig.markers) < 250
    for i, a in enumerate(fig.markers):  # no two markers closer than the cluster radius
        assert all((a.x - b.x) ** 2 + (a.y - b.y) ** 2 > CLUSTER_PX ** 2 for b in fig.markers[i + 1:])
    assert sum(k.count for k in fig.links) <= 500 and len(fig.links) < 450
    boxes = [(x, y - 10, x + 6.2 * len(name) + 4, y + 2) for x, y, name in fig.labels]
    assert len(boxes) > 60
    for i, a in enumerate(boxes):  # labels never overlap
        assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for b in boxes[i + 1:])
    net = network_figure(partnerships)
    assert net.grouped and len(net.nodes) <= 40 + 30 and net.height <= 1200
    assert sum(e.count for e in net.edges) == 500
    index = (big / "reports" / "index.html").read_bytes()
    assert len(index) < 1_000_000


@needs_chromium
def test_index_of_500_partnerships_in_chromium(gazetteer_dir: Path, tmp_path: Path) -> None:
    big = demo.big_corpus(tmp_path / "big", gazetteer_dir, 500)
    with demo.chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((big / "reports" / "index.html").as_uri())
        box = page.locator("#map").bounding_box()
        assert box is not None and box["width"] > 900 and box["height"] > 300
        assert page.locator("#map .land path").count() > 50 and page.locator("#map text.count").count() > 10
        page.locator("#map").screenshot(path=str(tmp_path / "map.png"))
        page.close()
    colours, ink = _png_stats(tmp_path / "map.png")
    assert colours > 50 and ink > 0.5


def test_queue_puts_conflicts_then_low_confidence_first_and_reviewed_last() -> None:
    from pipeline.reviewapp.items import Item, ordered

    def item(i: int, conf: float | None, conflict: str = "", state: str = "") -> Item:
        return Item(f"a:{i}", "agreements", "d", f"row {i}", "", conf, conflict, f"a-{i}", "", "instrument", i, state)

    rows = [item(0, 0.9), item(1, 0.5, state="accepted"), item(2, 0.6, "status: signed vs planned"), item(3, None),
            item(4, 0.3)]
    assert [it.id for it in ordered(rows, "text")] == ["a:0", "a:2", "a:3", "a:4", "a:1"]
    assert [it.id for it in ordered(rows, "low-confidence")] == ["a:4", "a:2", "a:0", "a:3", "a:1"]
    assert [it.id for it in ordered(rows, "conflicts")] == ["a:2", "a:0", "a:3", "a:4", "a:1"]


def test_review_serve_runs_on_loopback(project: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    exe = Path(sys.executable).with_name("kotakembar")
    proc = subprocess.Popen([str(exe), "review", "--serve", "--port", "0", "--reviewer", "ana"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    try:
        line = proc.stdout.readline()
        found = re.match(r"review app on (http://127\.0\.0\.1:\d+/) \(corrections: .*review/corrections\.csv\)", line)
        assert found, line
        with urllib.request.urlopen(found.group(1), timeout=30) as resp:
            page = resp.read().decode("utf-8")
        assert resp.status == 200 and "reviewing as <b>ana</b>" in page and "agreements reviewed" in page
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
    assert proc.returncode == 0
