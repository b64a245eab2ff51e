"""Core commands: ingest, demo, code, export, info."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import NewsgraphError
from ..progress import Progress as LibraryProgress
from . import app, evaluate_app
from .jsonl import Field, run_jsonl
from .options import (
    DEFAULT_DB_PATH,
    AllEventsOption,
    DbOption,
    KbOption,
    MinConfidenceOption,
    ModelOption,
)
from .output import EXIT_SOME_FAILED, EXIT_STORE, cli_errors, err, esc, fail, open_store, out

_PHASES = {"read": "Reading articles", "annotate": "Annotating", "link": "Linking corpus"}


class RichProgress(LibraryProgress):
    """Rich progress bars on stderr, one per ingest phase; errors printed as one line each."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def start(self, phase: str, total: int | None = None) -> None:
        self.tasks[phase] = self.progress.add_task(_PHASES.get(phase, phase), total=total)

    def advance(self, phase: str, n: int = 1) -> None:
        self.progress.advance(self.tasks[phase], n)

    def done(self, phase: str) -> None:
        task = self.tasks[phase]
        total = self.progress.tasks[task].completed
        self.progress.update(task, total=max(total, 1), completed=max(total, 1))

    def error(self, error: NewsgraphError) -> None:
        self.progress.console.print(f"[red]error[/red] {esc(error)}", highlight=False,
                                    markup=True, soft_wrap=True)

    def info(self, message: str) -> None:
        self.progress.console.print(esc(message), highlight=False, soft_wrap=True)


def _progress_bar() -> Progress:
    return Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False)


def run_ingest(inputs: list[str], db: Path, **kwargs):
    """Run :func:`newsgraph.api.ingest` with progress bars; library errors become CLI errors."""
    from .. import api
    from ..errors import InputError

    with _progress_bar() as bar, cli_errors(db):
        try:
            return api.ingest(inputs, db, progress=RichProgress(bar), **kwargs)
        except InputError as exc:  # --strict stopped at a bad input: an input failed
            fail(exc)
            raise typer.Exit(code=EXIT_SOME_FAILED) from exc


def print_summary(summary) -> None:
    """The run's figures and the store's counts; exits 1 when any input or article failed."""
    table = Table(title=f"newsgraph store {esc(summary.db)}", show_header=False)
    with open_store(summary.db) as store, cli_errors(summary.db):
        counts = {
            "articles": store.count("articles"),
            "entities": store.count("entities"),
            "mentions": store.count("mentions"),
            "quotes": store.count("quotes"),
            "events": store.count("events"),
            "stories": store.count("stories"),
            "shared passages": store.count("passages"),
        }
    table.add_row("input records read", str(summary.read))
    table.add_row("new articles", str(summary.added))
    table.add_row("duplicates merged (extra source)", str(summary.merged))
    table.add_row("already stored", str(summary.unchanged))
    table.add_row("annotated now", str(summary.annotated))
    table.add_row("articles the pipeline failed on",
                  f"[red]{summary.failed}[/red]" if summary.failed else "0")
    table.add_row("errors", f"[red]{len(summary.errors)}[/red]" if summary.errors else "0")
    table.add_section()
    for name, n in counts.items():
        table.add_row(f"{name} in store", str(n))
    out.print(table)
    if summary.errors:
        failed = len(summary.errors) - summary.failed
        parts = ([f"{failed} input(s) could not be read"] if failed else []) + \
            ([f"{summary.failed} article(s) could not be annotated"] if summary.failed else [])
        err.print(f"[yellow]{'; '.join(parts)}; see the lines above (also in the store's "
                  "ingest_errors table).[/yellow]")
        raise typer.Exit(code=EXIT_SOME_FAILED)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB_PATH,
    text_field: Annotated[str, typer.Option(help="Text field in JSONL/JSON/CSV/Parquet.")] = "text",
    title_field: Annotated[str, typer.Option(help="Title field.")] = "title",
    date_field: Annotated[str, typer.Option(help="Publication date field.")] = "date",
    url_field: Annotated[str, typer.Option(help="URL field.")] = "url",
    source_field: Annotated[str, typer.Option(help="Outlet/publisher field.")] = "source",
    default_date: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for every article read; wins over the text.")] = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad input.")] = False,
    model: ModelOption = None,
    kb: KbOption = None,
    workers: Annotated[int, typer.Option(help="Annotation processes (one model each).",
                                         min=1)] = 1,
    batch_size: Annotated[int, typer.Option(help="Articles per committed batch.", min=1)] = 64,
    no_link: Annotated[bool, typer.Option("--no-link", help="Skip corpus linking.")] = False,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="Annotate again the articles the pipeline failed on before "
        "(they are skipped otherwise).")] = False,
) -> None:
    """Read articles into the store, annotate them and link the corpus.

    Re-running is idempotent and an interrupted run resumes. Bad files, records and articles
    the pipeline fails on are reported one line each and the run goes on (unless --strict);
    the exit status is then 1. Queries from other processes may run meanwhile (they wait
    while a batch is committed).

    Example:
        newsgraph ingest scraped/ dumps/*.jsonl.gz --db news.duckdb --text-field body
    """
    from ..ingest.readers import FieldMapping

    if default_date is not None:
        from ..ingest.metadata import parse_date

        if parse_date(default_date) is None:
            raise typer.BadParameter(f"{default_date!r} is not a date (use YYYY-MM-DD)",
                                     param_hint="'--default-date'")
    mapping = FieldMapping(text_field=text_field, title_field=title_field,
                           date_field=date_field, url_field=url_field, source_field=source_field)
    summary = run_ingest(inputs, db, mapping=mapping, default_date=default_date, strict=strict,
                         model=model, kb=[str(p) for p in kb or []], workers=workers,
                         batch_size=batch_size, link=not no_link, retry_failed=retry_failed)
    print_summary(summary)


def find_demo_corpus() -> Path | None:
    """examples/corpus in the current folder or beside the installed source tree."""
    here = Path(__file__).resolve()
    for candidate in (Path.cwd() / "examples" / "corpus", here.parents[3] / "examples" / "corpus"):
        if candidate.is_dir():
            return candidate
    return None


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Store to create (replaced if present).")]
    = Path("newsgraph-demo.duckdb"),
    corpus: Annotated[Path | None, typer.Option(help="Demo corpus folder.")] = None,
    model: ModelOption = None,
) -> None:
    """Ingest the bundled demo corpus into a fresh store and summarise what was found.

    Example:
        newsgraph demo && newsgraph quotes --db newsgraph-demo.duckdb --speaker Lukashenko
    """
    corpus = corpus or find_demo_corpus()
    if corpus is None or not corpus.is_dir():
        raise fail(FileNotFoundError("demo corpus not found; pass --corpus examples/corpus"))
    for stale in (db, Path(str(db) + ".wal")):
        stale.unlink(missing_ok=True)
    summary = run_ingest([str(corpus)], db, model=model)
    print_summary(summary)
    out.print(
        "\nNext:\n"
        f"  newsgraph entities --db {esc(db)}              actors with codes and counts\n"
        f"  newsgraph quotes   --db {esc(db)} --speaker Lukashenko\n"
        f"  newsgraph events   --db {esc(db)} --actor BLR --recipient RUS\n"
        f"  newsgraph stories  --db {esc(db)}              story clusters\n"
        f"  newsgraph export   --db {esc(db)} --out demo-export   the contract as JSONL"
    )


@app.command()
def code(
    path: Annotated[str, typer.Argument(help="JSONL file of {id, text, date?}, or - for stdin.")],
    model: ModelOption = None,
    kb: KbOption = None,
    all_events: AllEventsOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Code single texts: each line {id, text, date?} → {id, entities, quotes, events}.

    The text is taken as given (no cleaning); offsets refer to it. Events are listed most
    prominent first; by default only complete ones at the detector's operating point
    (--all, --min-confidence for more). One output line per input line, in order, streaming;
    a bad line (not a JSON object, no text, a text that is not a string, a date that is not
    a date) gets {"id": ..., "error": "..."} and a line on stderr, and the exit status is
    then 1.

    Example:
        echo '{"id": 1, "text": "Putin met Lukashenko in Sochi.", "date": "2021-02-22"}' | newsgraph code -
    """
    from .. import api
    from ..nlp.pipeline import build_pipeline, model_banner

    with cli_errors():
        nlp = build_pipeline(model, kb_paths=[str(p) for p in kb or []], quiet=True)
        err.print(esc(model_banner(nlp)), highlight=False, soft_wrap=True)
        status = run_jsonl(path, [Field("text", required=True), Field("date"),
                                  Field("dateline")],
                           lambda rec: api.code_text(rec, nlp=nlp, all_events=all_events,
                                                     min_confidence=min_confidence))
    raise typer.Exit(code=status)


@app.command()
def export(
    db: DbOption = DEFAULT_DB_PATH,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write.")] = Path("newsgraph-export"),
    fmt: Annotated[str, typer.Option("--format", help="jsonl, parquet or csv.")] = "jsonl",
    all_events: AllEventsOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Write the output contract: articles, entities, mentions, quotes, events, stories, passages.

    Every file is written, empty where a stage found nothing. Events are the complete ones
    at the detector's operating point unless --all / --min-confidence ask for more. The
    files appear in --out only once all of them are complete (a failure leaves the folder
    as it was).

    Example:
        newsgraph export --db news.duckdb --out export --format parquet
    """
    from ..store.export import FORMATS
    from ..store.export import export as do_export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}",
                                 param_hint="'--format'")
    with open_store(db) as store, cli_errors(db):
        counts = do_export(store, out_dir, fmt, all_events=all_events,
                           min_confidence=min_confidence)
    table = Table(title=f"exported to {esc(out_dir)}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(esc(name), str(n))
    out.print(table)


@app.command()
def info(
    db: DbOption = DEFAULT_DB_PATH,
    check: Annotated[bool, typer.Option(
        "--check", help="Read every row of every table and say whether the store is sound "
        "(exit status 3 when it is not).")] = False,
) -> None:
    """Show what a store holds: counts per table, schema version, recent input errors.

    Example:
        newsgraph info --db news.duckdb --check
    """
    from ..errors import StoreError
    from ..store.duckdb import Store

    unreadable: list[str] = []

    def count(table: str, where: str = "") -> str:
        try:
            return str(store.count(table, where))
        except StoreError:
            unreadable.append(table)
            return "[red]unreadable[/red]"

    if check:  # a store too damaged to give its schema version can still be read through
        with cli_errors(db):
            store = Store.open(db, read_only=True, check_version=False)
        with store:
            try:
                store.version()
            except StoreError:
                _report_check(db, store.check())
    with open_store(db) as store, cli_errors(db):
        table = Table(title=f"{esc(db)} (schema v{store.version()})", show_header=False)
        for name in ("articles", "entities", "mentions", "quotes", "events", "stories",
                     "passages", "ingest_errors"):
            table.add_row(name, count(name))
        table.add_row("articles the pipeline failed on",
                      count("articles", "annotation_error IS NOT NULL"))
        out.print(table)
        if "ingest_errors" not in unreadable:
            for r in store.rows("SELECT source, line, code, message FROM ingest_errors "
                                "ORDER BY logged_at DESC LIMIT 10"):
                where = r["source"] + (f":{r['line']}" if r["line"] is not None else "")
                out.print(esc(f"[{r['code']}] {where}: {r['message']}"), highlight=False)
        report = store.check() if check else None
    if report is not None:
        _report_check(db, report)
    if unreadable:
        err.print(f"[red]newsgraph:[/red] {esc(db)} is damaged: cannot count "
                  f"{esc(', '.join(unreadable))} (`--check` reads every table)",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(code=EXIT_STORE)


def _report_check(db: Path, report: list[tuple[str, int | None, str | None]]) -> None:
    """Say whether every table read through; exit with status 3 when one did not."""
    damaged = [(t, n, e) for t, n, e in report if e]
    for t, n, e in damaged:
        err.print(f"[red]damaged[/red] {esc(t)} (after {n} rows): {esc(e)}", highlight=False,
                  soft_wrap=True)
    if damaged:
        err.print(f"[red]newsgraph:[/red] {esc(db)} is damaged: {len(damaged)} of "
                  f"{len(report)} tables cannot be read through; restore it from a copy or "
                  "ingest again into a new store", highlight=False, soft_wrap=True)
        raise typer.Exit(code=EXIT_STORE)
    rows = sum(n or 0 for _, n, _ in report)
    out.print(f"{esc(db)} is sound: {len(report)} tables, {rows:,} rows read", highlight=False)


@app.command()
def bench(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Articles to measure on (default: the demo corpus).")] = None,
    limit: Annotated[int | None, typer.Option(help="Use at most this many articles.")] = None,
    repeat: Annotated[int, typer.Option(help="Runs per measurement (best is kept).")] = 1,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Measure speed and memory as ratios against bare spaCy on the same articles.

    Example:
        newsgraph bench ../shared/bench/polnear/dev/text --repeat 2
    """
    from ..benchmark import run_benchmark

    if not inputs:
        corpus = find_demo_corpus()
        if corpus is None:
            raise fail(FileNotFoundError("no inputs given and no demo corpus found"))
        inputs = [str(corpus)]
    result = run_benchmark(inputs, limit=limit, model=model, repeat=repeat)
    if as_json:
        print(json.dumps(result, indent=2))
        return
    table = Table(title=f"{result['articles']} articles, {result['chars']:,} characters")
    for col in ("run", "seconds", "articles/s", "max RSS MB"):
        table.add_column(col, justify="right" if col != "run" else "left")
    for name, m in result["measurements"].items():
        table.add_row(name, f"{m['seconds']:.2f}", f"{m['articles_per_s']:.1f}",
                      f"{m['max_rss_mb']:.0f}")
    out.print(table)
    for name, value in result["ratios"].items():
        out.print(f"{name}: {value:.2f}x")


@evaluate_app.command("ingest")
def evaluate_ingest(
    bench: Annotated[Path, typer.Argument(help="The benchmarks folder (holds polnear/).")]
    = Path("../shared/bench"),
    split: Annotated[str, typer.Option(help="PolNeAR split: train or dev.")] = "train",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Ingest PolNeAR's articles: body lines the cleaner dropped, publication-date agreement.

    Example:
        newsgraph evaluate ingest ../shared/bench --split train
    """
    from ..evaluate.ingest import evaluate_ingest as run
    from ..evaluate.ingest import format_report

    if not (bench / "polnear" / split / "text").is_dir():
        raise fail(FileNotFoundError(f"{bench}/polnear/{split}/text not found"))
    result = run(bench, split=split)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
    else:
        out.print(esc(format_report(result)), highlight=False)
