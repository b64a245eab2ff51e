"""Core commands: ingest, demo, code, export, info."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import NewsgraphError
from ..progress import Progress as LibraryProgress
from . import app, evaluate_app
from .options import (
    DEFAULT_DB_PATH,
    AllEventsOption,
    DbOption,
    KbOption,
    MinConfidenceOption,
    ModelOption,
)

err = Console(stderr=True)
out = Console()

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
        self.progress.console.print(f"[red]error[/red] {error}", highlight=False,
                                    markup=True, soft_wrap=True)


def _progress_bar() -> Progress:
    return Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False)


def fail(error: Exception) -> typer.Exit:
    err.print(f"[red]newsgraph:[/red] {error}", highlight=False)
    return typer.Exit(code=2)


def run_ingest(inputs: list[str], db: Path, **kwargs):
    """Run :func:`newsgraph.api.ingest` with progress bars; library errors become CLI errors."""
    from .. import api

    with _progress_bar() as bar:
        try:
            return api.ingest(inputs, db, progress=RichProgress(bar), **kwargs)
        except NewsgraphError as exc:
            raise fail(exc) from exc


def print_summary(summary) -> None:
    from .. import api

    table = Table(title=f"newsgraph store {summary.db}", show_header=False)
    with api.open(summary.db) as store:
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
    table.add_row("errors", f"[red]{len(summary.errors)}[/red]" if summary.errors else "0")
    table.add_section()
    for name, n in counts.items():
        table.add_row(f"{name} in store", str(n))
    out.print(table)


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
    workers: Annotated[int, typer.Option(help="Annotation processes (one model each).")] = 1,
    batch_size: Annotated[int, typer.Option(help="Articles per committed batch.")] = 64,
    no_link: Annotated[bool, typer.Option("--no-link", help="Skip corpus linking.")] = False,
) -> None:
    """Read articles into the store, annotate them and link the corpus.

    Re-running is idempotent and an interrupted run resumes. Bad files are reported one
    line each and the run goes on (unless --strict).

    Example:
        newsgraph ingest scraped/ dumps/*.jsonl.gz --db news.duckdb --text-field body
    """
    from ..ingest.readers import FieldMapping

    mapping = FieldMapping(text_field=text_field, title_field=title_field,
                           date_field=date_field, url_field=url_field, source_field=source_field)
    summary = run_ingest(inputs, db, mapping=mapping, default_date=default_date, strict=strict,
                         model=model, kb=[str(p) for p in kb or []], workers=workers,
                         batch_size=batch_size, link=not no_link)
    print_summary(summary)
    if summary.errors:
        err.print(f"[yellow]{len(summary.errors)} input(s) could not be read; see the lines "
                  "above (also in the store's ingest_errors table).[/yellow]")


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
        f"  newsgraph entities --db {db}              actors with codes and counts\n"
        f"  newsgraph quotes   --db {db} --speaker Lukashenko\n"
        f"  newsgraph events   --db {db} --actor BLR --recipient RUS\n"
        f"  newsgraph stories  --db {db}              story clusters\n"
        f"  newsgraph export   --db {db} --out demo-export   the contract as JSONL"
    )


def read_jsonl(path: str) -> Iterator[dict]:
    """JSON lines from a file or stdin ("-"); bad lines are reported on stderr and skipped."""
    fh = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                err.print(f"{path}:{n}: not JSON ({exc.msg}); skipped", highlight=False)
                continue
            if not isinstance(item, dict):
                err.print(f"{path}:{n}: not a JSON object; skipped", highlight=False)
                continue
            yield item
    finally:
        if fh is not sys.stdin:
            fh.close()


def write_jsonl(rows: Iterator[dict]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        sys.stdout.flush()


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
    (--all, --min-confidence for more). One output line per input line, in order, streaming.

    Example:
        echo '{"id": 1, "text": "Putin met Lukashenko in Sochi.", "date": "2021-02-22"}' | newsgraph code -
    """
    from .. import api

    try:
        write_jsonl(api.code_texts(read_jsonl(path), model=model,
                                   kb=[str(p) for p in kb or []], all_events=all_events,
                                   min_confidence=min_confidence))
    except NewsgraphError as exc:
        raise fail(exc) from exc


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
    at the detector's operating point unless --all / --min-confidence ask for more.

    Example:
        newsgraph export --db news.duckdb --out export --format parquet
    """
    from .. import api
    from ..store.export import FORMATS
    from ..store.export import export as do_export

    if fmt not in FORMATS:
        raise fail(ValueError(f"--format must be one of {', '.join(FORMATS)}"))
    try:
        with api.open(db) as store:
            counts = do_export(store, out_dir, fmt, all_events=all_events,
                               min_confidence=min_confidence)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    table = Table(title=f"exported to {out_dir}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    out.print(table)


@app.command()
def info(db: DbOption = DEFAULT_DB_PATH) -> None:
    """Show what a store holds: counts per table, schema version, recent input errors.

    Example:
        newsgraph info --db news.duckdb
    """
    from .. import api

    try:
        store = api.open(db)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    with store:
        table = Table(title=f"{db} (schema v{store.version()})", show_header=False)
        for name in ("articles", "entities", "mentions", "quotes", "events", "stories",
                     "passages", "ingest_errors"):
            table.add_row(name, str(store.count(name)))
        out.print(table)
        for r in store.rows("SELECT source, line, code, message FROM ingest_errors "
                            "ORDER BY logged_at DESC LIMIT 10"):
            where = r["source"] + (f":{r['line']}" if r["line"] is not None else "")
            out.print(f"[{r['code']}] {where}: {r['message']}", highlight=False)


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
        out.print(format_report(result), highlight=False)
