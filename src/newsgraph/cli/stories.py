"""CLI commands for stories, shared passages and story similarity.

Registered on import by :mod:`newsgraph.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..evaluate.similarity import DEFAULT_PATH, evaluate_similarity
from ..link.stories import similarity
from . import app, evaluate_app
from .jsonl import Field, run_jsonl
from .options import DEFAULT_DB_PATH, DbOption, JsonOption, LimitOption
from .output import cli_errors, esc, open_store, out


@app.command("similarity")
def similarity_command(
    path: Annotated[str, typer.Argument(help="JSONL of {pair_id, text1, text2}; - for stdin.")],
) -> None:
    """Score how much two texts report the same story (0..1, 1 = the same story).

    One output line {pair_id, score} per input line, in input order, streamed; a bad line
    (not a JSON object, a missing or non-text text1/text2) gets {"pair_id": ..., "error":
    "..."} and a line on stderr, and the exit status is then 1.

    Example: newsgraph similarity pairs.jsonl > scores.jsonl
    """
    def score(row: dict) -> dict:
        value = similarity(row["text1"], row["text2"], row.get("date1"), row.get("date2"))
        return {"pair_id": row.get("pair_id"), "score": round(value, 4)}

    with cli_errors():
        status = run_jsonl(path, [Field("text1", required=True), Field("text2", required=True),
                                  Field("date1"), Field("date2")], score, id_field="pair_id")
    raise typer.Exit(code=status)


@app.command("stories")
def stories_command(
    db: DbOption = DEFAULT_DB_PATH,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List story clusters, largest first, with article counts and date range.

    Example: newsgraph stories --db news.duckdb --limit 10
    """
    with open_store(db) as store, cli_errors(db):
        rows = store.rows(
            "SELECT id, title, len(article_ids) AS articles, first_date, last_date, article_ids "
            "FROM stories ORDER BY articles DESC, first_date NULLS LAST, id LIMIT ?", [limit])
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str) + "\n")
        return
    table = Table(title=f"Stories in {esc(db)}")
    for col in ("story", "articles", "first date", "last date"):
        table.add_column(col, no_wrap=True)
    table.add_column("title")
    for r in rows:
        table.add_row(esc(r["id"]), str(r["articles"]), esc(r["first_date"]),
                      esc(r["last_date"]), esc(r["title"]))
    out.print(table)


@app.command("passages")
def passages_command(
    db: DbOption = DEFAULT_DB_PATH,
    min_articles: Annotated[int, typer.Option("--min-articles", min=1,
                                              help="Only passages found in this many articles.")] = 2,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List text passages shared word for word by several articles (reused wire copy).

    Example: newsgraph passages --db news.duckdb --min-articles 3
    """
    with open_store(db) as store, cli_errors(db):
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
    table = Table(title=f"Shared passages in {esc(db)}")
    for col in ("passage", "articles"):
        table.add_column(col, no_wrap=True)
    table.add_column("text")
    for r in rows:
        text = r["text"] if len(r["text"]) <= 160 else r["text"][:157] + "..."
        table.add_row(esc(r["id"]), str(r["articles"]), esc(text))
    out.print(table)


@evaluate_app.command("similarity")
def evaluate_similarity_command(
    path: Annotated[Path, typer.Argument(help="SemEval-2022 Task 8 pairs (JSONL).")] = DEFAULT_PATH,
) -> None:
    """Story similarity on SemEval-2022 Task 8 pairs: Pearson r and same/different-story shares.

    Example: newsgraph evaluate similarity ../shared/bench/semeval22_t8/train_en.jsonl
    """
    with cli_errors():
        result = evaluate_similarity(path)
    sys.stdout.write(json.dumps(result) + "\n")
