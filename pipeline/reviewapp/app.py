"""The Flask app of `kotakembar review --serve`: the review pages with accept / reject / fix / add, a queue, undo.

Every decision is checked (`decide`), then appended to the corrections file at once (`store`: file
lock, atomic replace). Requests are refused unless they come to a loopback (or the configured) host
name, and a POST also needs the session's CSRF token and, when the browser names one, the app's own
origin; files are only ever read inside the project.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, request, send_file, session

from pipeline.contract import SECTOR_LABELS
from pipeline.review.index import render_index
from pipeline.review.load import doc_text
from pipeline.review.markup import CSP, slug
from pipeline.review.page import render_document
from pipeline.reviewapp import items as items_mod
from pipeline.reviewapp import store
from pipeline.reviewapp.decide import Context, Refused, decide, instruments, relationships
from pipeline.reviewapp.places import PlaceIndex

# the app's pages talk to the app itself: the static pages' policy plus requests to their own origin
APP_CSP = CSP + "; connect-src 'self'; form-action 'none'; base-uri 'none'"
# a page's <meta> cannot say frame-ancestors: the response header says it too
HEADER_CSP = APP_CSP + "; frame-ancestors 'none'"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
UNDO_DEPTH = 50  # decisions a session can take back


class OutsideProject(ValueError):
    """A path that resolves outside the project folder."""


def inside(project: Path, path: Path, what: str) -> Path:
    """`path` resolved (relative to `project`), or OutsideProject naming it."""
    root = project.resolve()
    p = (path if path.is_absolute() else root / path).resolve()
    if p != root and root not in p.parents:
        raise OutsideProject(f"{what} {path} is outside the project {root}: the app reads and writes only inside it")
    return p


@dataclass
class Settings:
    """Where the app reads and writes, all inside `project`."""

    project: Path
    tables: Path
    docs: Path
    corrections: Path
    gazetteer: Path
    reports: Path
    reviewer: str
    host: str = "127.0.0.1"

    def checked(self) -> Settings:
        """The same settings with every path resolved inside the project (OutsideProject otherwise)."""
        project = self.project.resolve()
        return Settings(project, inside(project, self.tables, "tables folder"), inside(project, self.docs, "documents folder"),
                        inside(project, self.corrections, "corrections file"), inside(project, self.gazetteer, "gazetteer"),
                        inside(project, self.reports, "reports folder"), self.reviewer, self.host)


def create_app(settings: Settings) -> Flask:
    """The review app over `settings` (paths checked: OutsideProject when one leaves the project)."""
    cfg = settings.checked()
    if not cfg.reviewer.strip():
        raise ValueError("a reviewer name is needed (--reviewer NAME): every decision records who made it")
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=64 * 1024)
    tables = items_mod.Tables(cfg.tables)
    places = PlaceIndex(cfg.gazetteer)
    hosts = {h.strip("[]") for h in (*LOOPBACK, cfg.host)}
    # bound to every address (told so with --host 0.0.0.0): reached by names this process cannot know
    any_host = cfg.host.strip("[]") in ("0.0.0.0", "::", "")
    write_lock = threading.Lock()  # one decision at a time within this process; the file lock covers the others

    def token() -> str:
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        return str(session["csrf"])

    def refuse(status: int, message: str) -> Response:
        if request.path.startswith("/api/"):
            resp = jsonify({"ok": False, "error": message})
        else:
            resp = Response(message + "\n", mimetype="text/plain")
        resp.status_code = status
        return resp

    @app.before_request
    def guard() -> Response | None:
        host = (request.host or "").rsplit(":", 1)[0] if not (request.host or "").startswith("[") else \
            (request.host or "").split("]")[0] + "]"
        if not any_host and host.strip("[]") not in hosts:
            return refuse(403, f"host {request.host!r} refused: the review app answers only on {cfg.host} "
                               "(a page elsewhere is rebinding a name to it)")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin is not None and origin.rstrip("/") != request.host_url.rstrip("/"):
                return refuse(403, f"cross-site request from {origin} refused; nothing was written")
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                return refuse(403, "cross-site request refused; nothing was written")
            sent = request.headers.get("X-CSRF-Token", "")
            if not sent or "csrf" not in session or not hmac.compare_digest(sent, str(session["csrf"])):
                return refuse(403, "missing or wrong CSRF token (a forged request, or the page is older than this "
                                   "server): reload the page; nothing was written")
        return None

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", HEADER_CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["Cache-Control"] = "no-store"
        return resp

    cache: dict[str, Any] = {}

    def state() -> tuple[items_mod.Snapshot, dict[str, list[items_mod.Item]], str, list[Any], dict[str, Any]]:
        """The tables, their items marked with the decisions, the corrections file's problem; kept until either changes."""
        snap = tables.snapshot()
        try:
            st = cfg.corrections.stat()
            stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            stamp = None
        with write_lock:
            if cache.get("key") != (id(snap), stamp):
                found = items_mod.items(snap)
                corrections, problem = store.read(cfg.corrections)
                last, added = items_mod.decisions(corrections)
                items_mod.mark(found, last)
                cache.update(key=(id(snap), stamp), value=(snap, found, problem, added, last))
            return cache["value"]  # type: ignore[no-any-return]

    def base_context(found: dict[str, list[items_mod.Item]], problem: str) -> dict[str, Any]:
        return {"csp": APP_CSP, "csrf": token(), "reviewer": cfg.reviewer, "progress": items_mod.progress(found),
                "problem": problem, "corrections": str(cfg.corrections.relative_to(cfg.project)),
                "instruments": instruments(), "relationships": relationships(),
                "sectors": sorted(SECTOR_LABELS.items()), "orders": items_mod.ORDERS, "kinds": items_mod.KINDS}

    def html(text: str) -> Response:
        return Response(text, mimetype="text/html")

    @app.get("/")
    @app.get("/index.html")
    def index() -> Response:
        snap, found, problem, added, _ = state()
        docs = sorted(snap.docs.values(), key=lambda r: (str(r.get("file") or ""), r["doc_id"]))
        ctx = base_context(found, problem) | {"per_doc": items_mod.per_doc(found), "added": len(added)}
        return html(render_index(docs, snap.tables, {d["doc_id"] for d in docs}, app=ctx))

    @app.get("/doc/<name>.html")
    def document(name: str) -> Response:
        snap, found, problem, added, last = state()
        doc = next((d for d in snap.docs.values() if slug(d["doc_id"]) == name), None)
        if doc is None:
            return refuse(404, f"no document {name!r} in {cfg.tables}")
        did = doc["doc_id"]
        text, page_starts = doc_text(cfg.docs, did)
        mine = items_mod.items(snap, did)
        items_mod.mark(mine, last)
        listed: dict[str, dict[str, Any]] = {}
        for kind in ("agreements", "mentions", "places", "sectors"):
            for it in mine[kind]:
                listed.setdefault(it.id, it.public())
        rows = {t: [r for r in snap.tables[t] if r.get("doc_id") == did] for t in ("mentions", "agreements", "cities",
                                                                                   "sectors")}
        pairs = sorted({(a["city_a"], a["city_b"]): a for a in rows["agreements"]}.values(),
                       key=lambda a: (a["city_a"], a["city_b"]))
        ctx = base_context(found, problem) | {
            "doc_id": did, "items_json": _json_island(listed),
            "pairs": [(f"doc:{a['city_a']}", f"doc:{a['city_b']}", f"{a['city_a']} – {a['city_b']}") for a in pairs],
            "places": sorted({c["name"] for c in rows["cities"]}),
            "added": [c for c in added if json.loads(c.value or "{}").get("doc_id") == did]}
        return html(render_document(doc, text, page_starts, rows["mentions"], rows["agreements"], rows["cities"],
                                    rows["sectors"], app=ctx))

    @app.get("/queue")
    def queue() -> Response:
        from pipeline.review.markup import render

        kind = request.args.get("kind", "agreements")
        order = request.args.get("order", "text")
        if kind not in items_mod.KINDS or order not in items_mod.ORDERS:
            return refuse(400, f"queue: kind must be one of {', '.join(items_mod.KINDS)} and order one of "
                               f"{', '.join(items_mod.ORDERS)}")
        snap, found, problem, _, _ = state()
        listed = items_mod.ordered(found[kind], order)
        ctx = base_context(found, problem) | {"kind": kind, "order": order,
                                              "items_json": _json_island({it.id: it.public() for it in listed})}
        return html(render("app_queue.html", title=f"{kind} queue — kotakembar review", app=ctx, items=listed,
                           docs=snap.docs))

    @app.get("/api/progress")
    def progress_route() -> Response:
        _, found, problem, _, _ = state()
        return jsonify({"ok": True, "progress": items_mod.progress(found), "problem": problem})

    @app.get("/api/places")
    def search_places() -> Response:
        q = request.args.get("q", "")
        try:
            return jsonify({"ok": True, "candidates": places.search(q)})
        except FileNotFoundError as e:
            return refuse(503, str(e))

    @app.post("/api/decide")
    def decide_route() -> Response:
        req = request.get_json(silent=True)
        note = str((req or {}).get("note") or "")[:500] if isinstance(req, dict) else ""
        with write_lock:
            try:
                lines = decide(Context(tables.snapshot(), places, cfg.docs, cfg.gazetteer), req)  # type: ignore[arg-type]
                when = store.stamp()
                for line in lines:
                    line.update(reviewer=cfg.reviewer, note=note, when=when)
                store.append(cfg.corrections, lines)
            except Refused as e:
                return refuse(e.status, e.message)
            except store.StoreError as e:
                return refuse(503, str(e))
        stack = list(session.get("undo", []))[-(UNDO_DEPTH - 1):] + [when]
        session["undo"] = stack
        return jsonify({"ok": True, "when": when, "lines": lines, "undo": len(stack)})

    @app.post("/api/undo")
    def undo_route() -> Response:
        stack = list(session.get("undo", []))
        if not stack:
            return refuse(409, "nothing to undo in this session; nothing was changed")
        when = stack.pop()
        with write_lock:
            try:
                n = store.remove(cfg.corrections, cfg.reviewer, when)
            except store.StoreError as e:
                return refuse(503, str(e))
        session["undo"] = stack
        return jsonify({"ok": True, "when": when, "removed": n, "undo": len(stack)})

    @app.get("/reports/<path:name>")
    def report_file(name: str) -> Response:
        try:
            path = inside(cfg.reports, Path(name), "report file")
        except OutsideProject:
            return refuse(403, f"path {name!r} is outside the reports folder {cfg.reports}: refused")
        if not path.is_file():
            abort(404)
        return send_file(path)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)

    @app.errorhandler(404)
    def not_found(_e: Exception) -> Response:
        return refuse(404, f"nothing at {request.path}")

    @app.errorhandler(413)
    def too_large(_e: Exception) -> Response:
        return refuse(413, "request too large; nothing was written")

    return app


def _json_island(obj: Any) -> str:
    """JSON for a <script type="application/json"> element: `<`, `>` and `&` escaped so no text can close it."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def make_server(app: Flask, host: str, port: int) -> Any:
    """A threaded WSGI server for `app` (port 0: any free port)."""
    from werkzeug.serving import make_server as werkzeug_server

    return werkzeug_server(host, port, app, threaded=True)


def serve(settings: Settings, port: int, *, echo: Any = print) -> None:
    """Run the app until interrupted."""
    server = make_server(create_app(settings), settings.host, port)
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    echo(f"review app on http://{shown}:{server.server_port}/ (corrections: {settings.corrections}); Ctrl+C stops it")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
