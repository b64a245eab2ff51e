"""What every command prints through: the consoles, escaping, errors and exit statuses.

Rich reads ``[...]`` in printed strings as markup, and article text is full of brackets
(WordPress ``[caption]`` shortcodes, ``[/b]`` in a quote, a file named ``w[/x].txt``). Every
piece of data printed through Rich therefore goes through :func:`esc`; only the markup the
commands write themselves stays markup.

Exit statuses (README "Exit statuses"):

    0  everything asked for was done
    1  the command ran, but some inputs failed (ingest: files, records or articles;
       code / actors / similarity: lines answered with an error)
    2  usage: a bad option or value, a missing store, model or input file, an unwritable --out
    3  the store is damaged, unreadable or locked by another process for too long
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from ..errors import NewsgraphError
from ..store.duckdb import Store, storage_error

__all__ = ["err", "out", "esc", "fail", "cli_errors", "open_store", "check_date",
           "EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "EXIT_STORE"]

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3

err = Console(stderr=True)
out = Console()


def esc(value: object) -> str:
    """``value`` as literal text for Rich (None as ""): its brackets are never markup.

    Never put the result right before a tag (``f"{esc(x)}[/b]"``): a final backslash of the
    data would escape the tag. Rich's own ``escape`` doubles that backslash for this case,
    which prints it twice everywhere else; data is printed exactly here instead.
    """
    text = "" if value is None else str(value)
    escaped = escape(text)
    if text.endswith("\\") and not text.endswith("\\\\") and escaped.endswith("\\\\"):
        escaped = escaped[:-1]
    return escaped


def fail(error: Exception) -> typer.Exit:
    """Print one clear line for ``error`` on stderr; the Exit to raise, with its status."""
    err.print(f"[red]newsgraph:[/red] {esc(error)}", highlight=False, soft_wrap=True)
    return typer.Exit(code=getattr(error, "exit_code", EXIT_USAGE))


@contextmanager
def cli_errors(db: Path | str | None = None) -> Iterator[None]:
    """newsgraph's own errors, and any DuckDB error a query meets, as one line and a status."""
    try:
        yield
    except NewsgraphError as exc:
        raise fail(exc) from exc
    except duckdb.Error as exc:
        raise fail(storage_error(exc, str(db) if db is not None else "")) from exc


def open_store(db: Path | str) -> Store:
    """A store opened read-only for a listing command; a clean error when it cannot be."""
    with cli_errors(db):
        return Store.open(db, read_only=True)


def check_date(value: str | None, option: str) -> str | None:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD, a real date; else a usage error."""
    if value is None:
        return None
    parts = value.split("-")
    ok = len(parts) in (1, 2, 3) and all(p.isdigit() for p in parts) and len(parts[0]) == 4 \
        and all(len(p) == 2 for p in parts[1:])
    if ok:
        try:
            dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            ok = False
    if not ok:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)",
                                 param_hint=f"'{option}'")
    return value


@contextmanager
def item_progress(label: str) -> Iterator[Callable[[Iterable], Iterator]]:
    """A progress bar on stderr for a list of items: ``with item_progress("Coding") as p:
    run(p(items))``; the bar counts the items as they are consumed."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        def counted(items: Iterable) -> Iterator:
            items = list(items)
            task = bar.add_task(label, total=len(items))
            for item in items:
                yield item
                bar.advance(task)

        yield counted
