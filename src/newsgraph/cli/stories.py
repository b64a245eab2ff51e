"""CLI commands for stories, shared passages and story similarity.

Registered on import by :mod:`newsgraph.cli`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError, NewsgraphError
from ..evaluate.similarity import DEFAULT_PATH, evaluate_similarity
from ..link.stories import similarity
from ..store.duckdb import Store
from . import app, evaluate_app
from .options import DEFAULT_DB_PATH, DbOption, JsonOption, LimitOption

err = Console(stderr=True)
out = Console()


def _fail(error: Exception) -> typer.Exit:
    err.print(f"[red]newsgraph:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _lines(path: str) -> Iterator[tuple[int, str]]:
    handle: TextIO
    if path == "-":
        handle = sys.stdin
    else:
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    try:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, line
    finally:
        if handle is not sys.stdin:
            handle.close()


@app.command("similarity")
def similarity_command(
    path: Annotated[str, typer.Argument(help="JSONL of {pair_id, text1, text2}; - for stdin.")],
) -> None:
    """Score how much two texts report the same story (0..1, 1 = the same story).

    One output line {pair_id, score} per input line, in input order, streamed; a bad line
    is reported on stderr and skipped (the exit code is then 1).

    Example: newsgraph similarity pairs.jsonl > scores.jsonl
    """
    bad = 0
    try:
        for number, line in _lines(path):
            try:
                row = json.loads(line)
                score = similarity(str(row.get("text1") or ""), str(row.get("text2") or ""),
                                   row.get("date1"), row.get("date2"))
            except (ValueError, AttributeError) as exc:
                bad += 1
                err.print(f"{InputError(f'not a JSON pair: {exc}', path=path, line=number)}",
                          highlight=False, soft_wrap=True)
                continue
            sys.stdout.write(json.dumps({"pair_id": row.get("pair_id"),
                                         "score": round(score, 4)}) + "\n")
            sys.stdout.flush()
    except NewsgraphError as exc:
        raise _fail(exc) from exc
    if bad:
        raise typer.Exit(code=1)


def _open(db: Path) -> Store:
    try:
        return Store.open(db, read_only=True)
    except NewsgraphError as exc:
        raise _fail(exc) from exc


@app.command("stories")
def stories_command(
    db: DbOption = DEFAULT_DB_PATH,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List story clusters, largest first, with article counts and date range.

    Example: newsgraph stories --db news.duckdb --limit 10
    """
    with _open(db) as store:
        rows = store.rows(
            "SELECT id, title, len(article_ids) AS articles, first_date, last_date, article_ids "
            "FROM stories ORDER BY articles DESC, first_date NULLS LAST, id LIMIT ?", [limit])
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str) + "\n")
        return
    table = Table(title=f"Stories in {db}")
    for col in ("story", "articles", "first date", "last date"):
        table.add_column(col, no_wrap=True)
    table.add_column("title")
    for r in rows:
        table.add_row(r["id"], str(r["articles"]), r["first_date"] or "", r["last_date"] or "",
                      r["title"] or "")
    out.print(table)


@app.command("passages")
def passages_command(
    db: DbOption = DEFAULT_DB_PATH,
    min_articles: Annotated[int, typer.Option("--min-articles",
                                              help="Only passages found in this many articles.")] = 2,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List text passages shared word for word by several articles (reused wire copy).

    Example: newsgraph passages --db news.duckdb --min-articles 3
    """
    with _open(db) as store:
        rows = store.rows(
            """SELECT p.id, p.text, count(DISTINCT o.article_id) AS articles,
                      list({'article_id': o.article_id, 'start': o.start, 'end': o."end"}
                           ORDER BY o.article_id) AS occurrences
               FROM passages p JOIN passage_occurrences o ON o.passage_id = p.id
               GROUP BY p.id, p.text HAVING count(DISTINCT o.article_id) >= ?
               ORDER BY articles DESC, length(p.text) DESC, p.id LIMIT ?""",
            [min_articles, limit])
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str) + "\n")
        return
    table = Table(title=f"Shared passages in {db}")
    for col in ("passage", "articles"):
        table.add_column(col, no_wrap=True)
    table.add_column("text")
    for r in rows:
        text = r["text"] if len(r["text"]) <= 160 else r["text"][:157] + "..."
        table.add_row(r["id"], str(r["articles"]), text)
    out.print(table)


@evaluate_app.command("similarity")
def evaluate_similarity_command(
    path: Annotated[Path, typer.Argument(help="SemEval-2022 Task 8 pairs (JSONL).")] = DEFAULT_PATH,
) -> None:
    """Story similarity on SemEval-2022 Task 8 pairs: Pearson r and same/different-story shares.

    Example: newsgraph evaluate similarity ../shared/bench/semeval22_t8/train_en.jsonl
    """
    try:
        result = evaluate_similarity(path)
    except NewsgraphError as exc:
        raise _fail(exc) from exc
    sys.stdout.write(json.dumps(result) + "\n")
