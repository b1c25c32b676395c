"""The `kotakembar` command: one subcommand per stage plus the batch `extract`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer

app = typer.Typer(help="Sister-city cooperation tables from Indonesian theses.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
T = TypeVar("T")

DEFAULT_GAZETTEER = Path("models/gazetteer")


@contextmanager
def progress_bar(label: str, silent: bool) -> Iterator[Callable[[Iterable[T]], Iterable[T]]]:
    """A progress wrapper; with --silent a null bar, so the code path stays the same."""
    def wrap(items: Iterable[T]) -> Iterable[T]:
        items = list(items)
        if silent:
            yield from items
            return
        with typer.progressbar(items, label=label, file=None) as bar:
            yield from bar
    yield wrap


def fail(message: str) -> None:
    """Print an error naming the file and the fix, then exit 1."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _need(path: Path, what: str, fix: str) -> None:
    if not path.exists():
        fail(f"{path}: {what} not found. {fix}")


CLUSTER_HELP = "Run on Dask: tcp://HOST:8786 (a running `dask scheduler`) or local:N (N processes); '': this machine"


@contextmanager
def cluster_executor(cluster: str) -> Iterator[Any]:
    """The Dask executor of `--cluster` for the block (None: this machine's pool); a bad value fails clearly."""
    from pipeline.cluster import ClusterError, connect

    try:
        with connect(cluster) as executor:
            yield executor
    except ClusterError as e:
        fail(str(e))


CACHE_URL_HELP = ("Keep each document's ingest/annotate output here too, keyed by its fingerprint, for any run that "
                  "sees it: a folder or an fsspec URL (file:///shared/kk-cache, s3://bucket/kk-cache); '': none")


def cache_store(url: str) -> Any:
    """The checked store of `--cache-url` (None for ""); a store that cannot be used fails clearly."""
    from pipeline.cache_store import CacheStoreError, store_for

    try:
        return store_for(url)
    except CacheStoreError as e:
        fail(str(e))


def _report_notes(notes: list[str]) -> None:
    for note in notes:
        typer.secho(f"  {note}", fg=typer.colors.YELLOW, err=True)


def _reused(stats: dict[str, int], store: Any) -> list[str]:
    """What a stage did not compute: ["U unchanged since the last run", "R from the cache URL"], the nonzero ones."""
    unchanged = stats.get("cached", 0) - stats.get("restored", 0)
    restored = stats.get("restored", 0) if store is not None else 0
    return [p for p in (f"{unchanged} unchanged since the last run" if unchanged else "",
                        f"{restored} from the cache {store.url}" if restored else "") if p]


def _report_failed(failed: dict[str, str]) -> None:
    for doc_id, message in sorted(failed.items()):
        typer.secho(f"  failed: {doc_id}: {message}", fg=typer.colors.YELLOW, err=True)


@app.command("gazetteer")
def gazetteer_cli(
    out: Path = typer.Option(DEFAULT_GAZETTEER, "--out", help="Directory for the gazetteer artifact"),
    aliases: Path = typer.Option(None, "--aliases", help="Curated alias table (JSONL)"),
    stopwords: Path = typer.Option(None, "--stopwords", help="Words never taken as a place by themselves"),
    alt_name_words: Path = typer.Option(None, "--alt-name-words",
                                        help="Words never taken as a place by one of its alternate names"),
    min_population: int = typer.Option(5000, "--min-population", help="Smallest GeoNames city kept"),
) -> None:
    """Build the place gazetteer (GeoNames cities, ISO 3166 countries and subdivisions, aliases)."""
    from pipeline.gazetteer import DEFAULT_ALIASES, DEFAULT_ALT_NAME_WORDS, DEFAULT_STOPWORDS, build_gazetteer

    counts = build_gazetteer(out, aliases=aliases or DEFAULT_ALIASES, stopwords=stopwords or DEFAULT_STOPWORDS,
                             alt_name_words=alt_name_words or DEFAULT_ALT_NAME_WORDS, min_population=min_population)
    typer.echo(f"gazetteer written to {out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


@app.command("ingest")
def ingest_cli(
    inputs: list[Path] = typer.Argument(..., help="Files or folders of theses (PDF, txt, md, docx)"),
    out: Path = typer.Option(..., "--out", help="Directory for normalized documents"),
    silent: bool = typer.Option(False, "--silent", help="No progress bar"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    cluster: str = typer.Option("", "--cluster", help=CLUSTER_HELP),
    cache_url: str = typer.Option("", "--cache-url", help=CACHE_URL_HELP),
) -> None:
    """Read input files into normalized text with pages, sections, footnotes and metadata."""
    from pipeline.ingest import ingest

    for p in inputs:
        _need(p, "input", "Pass existing files or folders.")
    store = cache_store(cache_url)
    stats: dict[str, int] = {}
    notes: list[str] = []
    with cluster_executor(cluster) as executor, progress_bar("ingest", silent) as bar:
        docs = ingest(inputs, out, progress=bar, jobs=jobs or None, stats=stats, executor=executor,
                      ocr_progress=not silent, cache=store, notes=notes)
    _report_docs(docs, stats, store)
    _report_notes(notes)


def _annotated(n: int, stats: dict[str, int], store: Any) -> str:
    """"annotated N documents (A annotated, U unchanged since the last run, R from the cache URL)"."""
    return f"annotated {n} documents (" + ", ".join([f"{stats['annotated']} annotated", *_reused(stats, store)]) + ")"


def _report_docs(docs: list[Any], stats: dict[str, int] | None = None, store: Any = None) -> None:
    bad = [d for d in docs if d.status != "ok"]
    parts = _reused(stats or {}, store)
    reused = f" ({', '.join(parts)})" if parts else ""
    typer.echo(f"ingested {len(docs)} files{reused}: {len(docs) - len(bad)} ok, "
               f"{sum(d.status == 'warning' for d in docs)} warning, {sum(d.status == 'failed' for d in docs)} failed")
    for d in bad:
        typer.secho(f"  {d.status}: {d.file}: {d.message}", fg=typer.colors.YELLOW, err=True)


@app.command("annotate")
def annotate_cli(
    docs: Path = typer.Argument(..., help="Directory written by `kotakembar ingest`"),
    out: Path = typer.Option(..., "--out", help="Directory for per-document mentions and agreements"),
    gazetteer: Path = typer.Option(DEFAULT_GAZETTEER, "--gazetteer", help="Directory written by `kotakembar gazetteer`"),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Drop mentions below this confidence"),
    places: str = typer.Option("rules", "--places", help="Places from: rules, model (trained NER) or combined"),
    ner_model: Path = typer.Option(Path("models/ner"), "--ner-model", help="Trained NER for --places model/combined"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    silent: bool = typer.Option(False, "--silent", help="No progress bar"),
    cluster: str = typer.Option("", "--cluster", help=CLUSTER_HELP),
    cache_url: str = typer.Option("", "--cache-url", help=CACHE_URL_HELP),
) -> None:
    """Find places, dates, sectors, instruments and partnerships in ingested documents."""
    from pipeline.annotate import annotate

    _need(docs / "index.json", "ingested documents", "Run `kotakembar ingest` first.")
    _need(gazetteer, "gazetteer", "Run `kotakembar gazetteer --out DIR` first.")
    if places not in ("rules", "model", "combined"):
        fail(f"--places {places}: use rules, model or combined.")
    if places != "rules":
        _need(ner_model / "meta.json", "trained NER", "Run `dvc repro train_ner` first.")
    store = cache_store(cache_url)
    failed: dict[str, str] = {}
    stats: dict[str, int] = {}
    notes: list[str] = []
    with cluster_executor(cluster) as executor, progress_bar("annotate", silent) as bar:
        n = annotate(docs, gazetteer, out, min_confidence=min_confidence, progress=bar, jobs=jobs or None,
                     places=places, ner_model=ner_model if places != "rules" else None, executor=executor,
                     failed=failed, stats=stats, cache=store, notes=notes)
    typer.echo((_annotated(n, stats, store) if store is not None else f"annotated {n} documents")
               + f" into {out}" + (f" ({len(failed)} failed)" if failed else ""))
    _report_failed(failed)
    _report_notes(notes)


@app.command("tables")
def tables_cli(
    docs: Path = typer.Argument(..., help="Directory written by `kotakembar ingest`"),
    mentions: Path = typer.Argument(..., help="Directory written by `kotakembar annotate`"),
    out: Path = typer.Option(..., "--out", help="Directory for the CSV tables"),
    corrections: Path = typer.Option(None, "--corrections", help="Reviewer corrections CSV (review/corrections.csv)"),
    orphans: Path = typer.Option(None, "--orphans", help="Write corrections that match nothing here"),
    cache: Path = typer.Option(None, "--cache", help="Keep per-document rows here between runs (re-runs redo "
                                                    "only changed documents)"),
    offsets: Path = typer.Option(None, "--offsets", help="Write where each document's rows sit in the big tables "
                                                        "(report and evaluate seek there instead of scanning)"),
) -> None:
    """Write the SPEC tables and datapackage.json, with the reviewers' corrections applied."""
    from pipeline.corrections import CorrectionError
    from pipeline.tables import tables

    _need(docs / "index.json", "ingested documents", "Run `kotakembar ingest` first.")
    _need(mentions, "annotations", "Run `kotakembar annotate` first.")
    try:
        counts, lost = tables(docs, mentions, out, corrections=corrections, orphans=orphans, cache_dir=cache,
                              offsets=offsets)
    except CorrectionError as e:
        fail(f"{e} Fix that line of the corrections file.")
    _summary(out, counts)
    if lost:
        typer.secho(f"{lost} correction(s) match nothing any more (the text changed?): see {orphans}",
                    fg=typer.colors.YELLOW, err=True)


def _summary(out: Path, counts: dict[str, int]) -> None:
    typer.echo(f"tables written to {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


BY_HELP = "Also print F1 per value of this gold field (genre, language, annotator)"


@app.command("evaluate")
def evaluate_cli(
    gold: Path = typer.Argument(..., help="Gold standard JSONL"),
    tables_dir: Path = typer.Argument(Path("extracted"), help="Directory with the CSV tables"),
    metrics: Path = typer.Option(None, "--metrics", help="Write DVC metrics JSON here"),
    plots: Path = typer.Option(None, "--plots", help="Write per-type P/R/F1 CSV here"),
    quiet: bool = typer.Option(False, "--quiet", help="Only the score table, no list of misses"),
    offsets: Path = typer.Option(None, "--offsets", help="Offsets written by `kotakembar tables --offsets` "
                                                        "(read only the gold documents' rows; checked, else ignored)"),
    errors: Path = typer.Option(None, "--errors", help="Write the error report (Markdown): every miss and false "
                                                      "hit per document and the tally by error class"),
    gazetteer: Path = typer.Option(None, "--gazetteer", help="Gazetteer to tell places it lacks from places missed"),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """Score tables against a gold standard: P/R/F1 per type and the list of misses."""
    from pipeline.evaluate import evaluate, format_by, format_errors, format_report, write_metrics

    _need(gold, "gold standard", "Pass a JSONL file in the SPEC's gold format.")
    _need(tables_dir / "documents.csv", "tables", "Run `kotakembar extract` or `dvc repro` first.")
    report = evaluate(gold, tables_dir, offsets=offsets, gazetteer_ids=_gazetteer_ids(gazetteer))
    text = format_report(report)
    typer.echo(text.split("\n\n")[0] if quiet else text)
    if by:
        typer.echo(format_by(report, by))
    if metrics:
        write_metrics(report, metrics, plots)
    if errors:
        from pipeline.io import atomic_write_text

        atomic_write_text(errors, format_errors(report, f"Errors: {gold} against {tables_dir}"))


def _gazetteer_ids(gazetteer: Path | None) -> set[str] | None:
    """The GeoNames ids a gazetteer holds (None without one)."""
    if gazetteer is None:
        return None
    from pipeline.gazetteer import Gazetteer

    return {str(gid) for gid in Gazetteer.load(gazetteer).geonames_ids()}


@app.command("extract")
def extract_cli(
    inputs: list[Path] = typer.Argument(..., help="Files or folders of theses"),
    out: Path = typer.Option(..., "--out", help="Directory for the tables"),
    gazetteer: Path = typer.Option(None, "--gazetteer", help="Prebuilt gazetteer (built under OUT/interim when absent)"),
    silent: bool = typer.Option(False, "--silent", help="No progress bar"),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file failed"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    cluster: str = typer.Option("", "--cluster", help=CLUSTER_HELP),
    cache_url: str = typer.Option("", "--cache-url", help=CACHE_URL_HELP),
) -> None:
    """Batch: ingest, annotate and write the tables for any files or folders, without DVC."""
    for p in inputs:
        _need(p, "input", "Pass existing files or folders.")
    store = cache_store(cache_url)
    with cluster_executor(cluster) as executor:
        docs = _extract(inputs, out, gazetteer, silent, jobs, executor=executor, cache=store)
    if strict and any(d.status == "failed" for d in docs):
        raise typer.Exit(1)


def _extract(inputs: list[Path], out: Path, gazetteer: Path | None, silent: bool, jobs: int, *,
             executor: Any = None, cache: Any = None) -> list[Any]:
    """Ingest, annotate and write the tables of `inputs` into `out`; the ingested documents.

    `executor`: a Dask cluster's (`pipeline.cluster`) for the per-document stages; None: this machine.
    `cache`: the `--cache-url` store (`pipeline.cache_store`) of both stages' per-document outputs.
    """
    from pipeline.annotate import annotate
    from pipeline.gazetteer import ARTIFACT, build_gazetteer
    from pipeline.ingest import ingest
    from pipeline.tables import tables

    interim = out / "interim"
    gaz = gazetteer or (DEFAULT_GAZETTEER if (DEFAULT_GAZETTEER / ARTIFACT).exists() else interim / "gazetteer")
    if not (gaz / ARTIFACT).exists():  # a run killed mid-build leaves no artifact: build again
        build_gazetteer(gaz)
    stats: dict[str, int] = {}
    notes: list[str] = []
    with progress_bar("ingest", silent) as bar:
        docs = ingest(inputs, interim / "docs", progress=bar, jobs=jobs or None, executor=executor,
                      ocr_progress=not silent, stats=stats, cache=cache, notes=notes)
    _report_docs(docs, stats if cache is not None else None, cache)
    _report_notes(notes)
    failed: dict[str, str] = {}
    stats, notes = {}, []
    with progress_bar("annotate", silent) as bar:
        n = annotate(interim / "docs", gaz, interim / "mentions", progress=bar, jobs=jobs or None, executor=executor,
                     failed=failed, stats=stats, cache=cache, notes=notes)
    if cache is not None:
        typer.echo(_annotated(n, stats, cache))
    _report_failed(failed)
    _report_notes(notes)
    counts, _lost = tables(interim / "docs", interim / "mentions", out)
    _summary(out, counts)
    return docs


real_app = typer.Typer(help="The real-text corpus under gold/real (texts restored, never committed).",
                       no_args_is_help=True)
app.add_typer(real_app, name="real")


@real_app.command("build")
def real_build_cli(
    parts: list[Path] = typer.Argument(..., help="Annotators' gold part files (JSONL)"),
    gold_dir: Path = typer.Option(Path("gold/real"), "--gold-dir", help="Where the dev/ and test/ splits go"),
    reserved: Path = typer.Option(Path("../shared/reserved_urls.txt"), "--reserved", help="Urls kept out"),
) -> None:
    """Merge part files into dev/test (split by url hash), recording each text's sha256 and length."""
    from pipeline.realcorpus import TEXTS, build, reserved_urls

    try:
        counts = build(parts, gold_dir / TEXTS, gold_dir, reserved_urls(reserved))
    except ValueError as exc:
        fail(str(exc))
    typer.echo(f"written to {gold_dir}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@real_app.command("check")
def real_check_cli(
    gold_dir: Path = typer.Option(Path("gold/real"), "--gold-dir", help="Folder of the dev/ and test/ splits and texts/"),
    reserved: Path = typer.Option(Path("../shared/reserved_urls.txt"), "--reserved", help="Urls kept out"),
) -> None:
    """Check that every real text is restored and unchanged, and that no reserved url is named."""
    from pipeline.realcorpus import RESTORE_HINT, SPLITS, TEXTS, check, reserved_urls, split_path

    files = [split_path(gold_dir, s) for s in SPLITS]
    for f in files:
        _need(f, "real-text gold", "Build it with `kotakembar real build`.")
    result = check(files, gold_dir / TEXTS, reserved_urls(reserved))
    typer.echo(f"{result.present} texts present and unchanged")
    if result.reserved:
        fail(f"reserved urls in the gold ({', '.join(result.reserved)}): remove those documents")
    if result.changed:
        fail(f"{len(result.changed)} texts differ from their recorded sha256 ({', '.join(result.changed[:5])}): "
             + RESTORE_HINT)
    if result.missing:
        fail(f"{len(result.missing)} texts missing from {gold_dir / TEXTS} ({', '.join(result.missing[:5])}"
             f"{' ...' if len(result.missing) > 5 else ''}): " + RESTORE_HINT)


@real_app.command("eval")
def real_eval_cli(
    split: str = typer.Argument(..., help="dev or test"),
    gold_dir: Path = typer.Option(Path("gold/real"), "--gold-dir", help="Folder of the dev/ and test/ splits and texts/"),
    out: Path = typer.Option(Path("interim/real"), "--out", help="Where the split's tables go"),
    metrics: Path = typer.Option(None, "--metrics", help="Write the scores (JSON) here"),
    errors: Path = typer.Option(None, "--errors", help="Write the error report here (dev only)"),
    gazetteer: Path = typer.Option(None, "--gazetteer", help="Prebuilt gazetteer"),
    jobs: int = typer.Option(0, "--jobs", help="Worker processes (0: up to 2)"),
    by: str = typer.Option("", "--by", help=BY_HELP),
) -> None:
    """Extract one split's texts and score them; errors are reported for dev only, test gives scores."""
    from pipeline.evaluate import evaluate, format_by, format_errors, format_report, write_metrics
    from pipeline.io import atomic_write_text
    from pipeline.realcorpus import SPLITS, TEXTS, split_path, texts_of

    if split not in SPLITS:
        fail(f"split {split!r}: choose one of {', '.join(SPLITS)}")
    if split == "test" and errors:
        fail("the test split gives scores only: its errors are not for reading (use dev)")
    gold = split_path(gold_dir, split)
    _need(gold, "real-text gold", "Build it with `kotakembar real build`.")
    try:
        inputs = texts_of(gold, gold_dir / TEXTS)
    except FileNotFoundError as exc:
        fail(str(exc))
    tables_dir = out / split
    _extract(inputs, tables_dir, gazetteer, True, jobs)
    gaz = gazetteer or (DEFAULT_GAZETTEER if DEFAULT_GAZETTEER.exists() else tables_dir / "interim" / "gazetteer")
    report = evaluate(gold, tables_dir, gazetteer_ids=_gazetteer_ids(gaz))
    typer.echo(format_report(report).split("\n\n")[0])
    typer.echo(f"places linked to a wrong GeoNames id: {len(report.wrong_links)}")
    if by:
        typer.echo(format_by(report, by))
    if metrics:
        write_metrics(report, metrics)
    if errors:
        atomic_write_text(errors, format_errors(report, f"Errors on the real {split} split"))
        typer.echo(f"error report: {errors}")


@real_app.command("agreement")
def real_agreement_cli(
    first: Path = typer.Argument(..., help="The first annotation (gold JSONL)"),
    second: Path = typer.Argument(..., help="The independent second annotation of some of its documents"),
) -> None:
    """F1 between two independent annotations of the same documents, per measure."""
    from pipeline.evaluate import METRICS
    from pipeline.realcorpus import agreement

    totals, ids = agreement(first, second)
    typer.echo(f"agreement over {len(ids)} documents")
    for m in METRICS:
        c = totals[m]
        typer.echo(f"{m:<13} F1 {c.f1:.4f}  (both {c.tp}, only second {c.fp}, only first {c.fn})")


@app.command("train")
def train_cli(
    what: str = typer.Argument(..., help="tagger or ner"),
    out: Path = typer.Option(..., "--out", help="Directory for the trained spaCy pipeline"),
    corpus: Path = typer.Option(..., "--corpus", help="Directory for the converted training corpus"),
    config: Path = typer.Option(..., "--config", help="spaCy training config"),
    raw: Path = typer.Option(None, "--raw", help="ner: the project's own texts for silver labels"),
    gold: Path = typer.Option(None, "--gold", help="ner: hand-annotated sentences (JSONL)"),
    seed: int = typer.Option(0, "--seed", help="Random seed of splits and training"),
    holdout: float = typer.Option(0.3, "--holdout", help="ner: share of place names kept out of training"),
    max_steps: int = typer.Option(0, "--max-steps", help="Stop after this many steps (0: the config's)"),
) -> None:
    """Train the POS tagger (nlp-id corpus) or the place NER (distant supervision) into models/."""
    from pipeline.train import run_ner, run_tagger

    _need(config, "training config", "Pass one of configs/*.cfg.")
    steps = max_steps or None
    if what == "tagger":
        perf = run_tagger(out, corpus_dir=corpus, config=config, seed=seed, max_steps=steps)
    elif what == "ner":
        perf = run_ner(out, corpus_dir=corpus, config=config, raw_dir=raw, gold=gold, seed=seed, holdout=holdout,
                       max_steps=steps)
    else:
        fail(f"{what}: unknown model. Use `tagger` or `ner`.")
    keys = ("tag_acc", "ents_f", "ents_p", "ents_r")
    typer.echo(f"{what} written to {out}: " + ", ".join(f"{k} {perf[k]:.4f}" for k in keys if isinstance(perf.get(k), float)))


@app.command("report")
def report_cli(
    tables_dir: Path = typer.Argument(Path("extracted"), help="Directory with the CSV tables"),
    docs: Path = typer.Argument(Path("interim/docs"), help="Directory written by `kotakembar ingest`"),
    out: Path = typer.Option(Path("reports"), "--out", help="Directory for the HTML pages"),
    offsets: Path = typer.Option(None, "--offsets", help="Offsets written by `kotakembar tables --offsets` "
                                                        "(seek to each document's mentions; checked, else ignored)"),
) -> None:
    """Render the static review pages: one per document, and an index with map, timeline and network."""
    from pipeline.review import render_reports

    _need(tables_dir / "documents.csv", "tables", "Run `kotakembar tables` first.")
    pages = render_reports(tables_dir, docs, out, offsets=offsets)
    typer.echo(f"{len(pages)} pages written to {out} (open {out / 'index.html'})")


@app.command("review")
def review_cli(
    doc: str = typer.Argument(None, help="doc_id, file name or path of a document"),
    reports: Path = typer.Option(Path("reports"), "--reports", help="Directory written by `kotakembar report`"),
    open_page: bool = typer.Option(False, "--open", help="Open the page in a browser"),
    serve: bool = typer.Option(False, "--serve", help="Run the review app: accept, reject, fix or add rows in the "
                                                      "browser, written at once to the corrections file"),
    port: int = typer.Option(8765, "--port", help="Port of the review app (0: any free port)"),
    host: str = typer.Option("127.0.0.1", "--host", help="Address the review app binds (loopback unless told otherwise)"),
    reviewer: str = typer.Option(None, "--reviewer", help="Name recorded with every decision (default: the login name)"),
    tables_dir: Path = typer.Option(Path("extracted"), "--tables", help="The review app's tables"),
    docs: Path = typer.Option(Path("interim/docs"), "--docs", help="The review app's ingested documents"),
    corrections: Path = typer.Option(Path("review/corrections.csv"), "--corrections",
                                     help="Where the review app writes the decisions"),
    gazetteer: Path = typer.Option(DEFAULT_GAZETTEER, "--gazetteer", help="Gazetteer the place fixes choose from"),
) -> None:
    """Print (or open) the path of a document's review page; with --serve, run the review app."""
    if serve:
        _serve(port, host, reviewer, tables_dir, docs, corrections, gazetteer, reports)
        return
    from pipeline.review import review_path

    if doc is None:
        fail("give a DOC (doc_id, file name or path), or --serve to run the review app.")
    _need(reports / "index.html", "review pages", "Run `kotakembar report` (or `dvc repro`) first.")
    try:
        path = review_path(reports, doc)
    except LookupError as e:
        fail(str(e))
    typer.echo(str(path))
    if open_page:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


def _serve(port: int, host: str, reviewer: str | None, tables_dir: Path, docs: Path, corrections: Path,
           gazetteer: Path, reports: Path) -> None:
    """`review --serve`: check what the app needs, then run it (the project is the current directory)."""
    try:
        from pipeline.reviewapp.app import OutsideProject, Settings, serve
    except ImportError as e:
        fail(f"the review app needs {e.name or 'Flask'}: pip install -c constraints.txt -e '.[app]'")
    import getpass

    _need(tables_dir / "documents.csv", "tables", "Run `make run` (or `dvc repro`) first.")
    try:
        settings = Settings(Path.cwd(), tables_dir, docs, corrections, gazetteer, reports,
                            reviewer or getpass.getuser() or "reviewer", host).checked()
    except OutsideProject as e:
        fail(str(e))
    try:
        serve(settings, port, echo=typer.echo)
    except OSError as e:
        fail(f"cannot serve on {host}:{port}: {e.strerror or e}. Pick another --port.")


@app.command("add")
def add_cli(
    files: list[Path] = typer.Argument(..., help="Theses to add (PDF, txt, md, docx)"),
    raw: Path = typer.Option(Path("raw"), "--raw", help="The corpus folder; files go to RAW/theses/"),
    title: str = typer.Option(None, "--title"),
    author: str = typer.Option(None, "--author"),
    year: str = typer.Option(None, "--year"),
    institution: str = typer.Option(None, "--institution"),
    student_id: str = typer.Option(None, "--student-id"),
    no_dvc: bool = typer.Option(False, "--no-dvc", help="Copy only; do not run `dvc add`"),
) -> None:
    """Copy theses into raw/theses/, write their sidecar metadata and track them with DVC."""
    from pipeline.add import add_files

    meta = {k: v for k, v in {"title": title, "author": author, "year": year, "institution": institution,
                              "student_id": student_id}.items() if v}
    try:
        results = add_files(files, raw, meta=meta or None, dvc=not no_dvc)
    except ValueError as e:
        fail(str(e))
    for r in results:
        typer.secho(r.message, fg=None if r.ok else typer.colors.RED, err=not r.ok)
    if not all(r.ok for r in results):
        raise typer.Exit(1)


@app.command("summary")
def summary_cli(tables_dir: Path = typer.Argument(Path("extracted"), help="Directory with the CSV tables")) -> None:
    """Print a short summary of what the tables hold."""
    from pipeline.io import read_csv

    _need(tables_dir / "documents.csv", "tables", "Run `make run` or `kotakembar extract` first.")
    docs = read_csv(tables_dir / "documents.csv")
    parts = read_csv(tables_dir / "partnerships.csv")
    agreements = read_csv(tables_dir / "agreements.csv")
    typer.echo(f"{len(docs)} documents ({sum(d['status'] == 'ok' for d in docs)} ok), "
               f"{sum(1 for a in agreements if a['instrument'])} instruments, {len(parts)} partnerships:")
    for p in parts:
        # a province, prefecture or state shows its ISO 3166-2 code: "Yogyakarta (ID-YO) - Kyoto (JP-26)" is
        # the sister province, "Yogyakarta (ID) - Kyoto (JP)" the city pair
        side_a = p.get("iso3166_2_a") or p["country_a"]
        side_b = p.get("iso3166_2_b") or p["country_b"]
        line = f"  {p['city_a']} ({side_a}) - {p['city_b']} ({side_b})  {p['relationship']}"
        if p["instruments"]:
            line += f"  [{p['instruments']}]"
        if p["sectors"]:
            line += f"  sectors: {p['sectors'].replace('|', ', ')}"
        if p["conflicts"]:
            line += f"  CONFLICT: {p['conflicts']}"
        typer.echo(line)


def main() -> None:
    """Console-script entry point."""
    app()
