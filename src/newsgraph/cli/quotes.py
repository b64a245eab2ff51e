"""CLI commands for quotes: ``newsgraph quotes`` and ``newsgraph evaluate quotes``.

Registered on import by :mod:`newsgraph.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..records import to_dict
from . import app, evaluate_app
from .options import DEFAULT_DB_PATH, DbOption, JsonOption, LimitOption, ModelOption
from .output import cli_errors, err, esc, open_store, out


def _short(text: str | None, n: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 3] + "..."


@app.command("quotes")
def quotes_command(
    db: DbOption = DEFAULT_DB_PATH,
    speaker: Annotated[str | None, typer.Option(
        "--speaker", help="Only quotes by this speaker (case-insensitive; matches the resolved "
        "name, the words as written and the entity's aliases; taken literally).")] = None,
    like: Annotated[bool, typer.Option(
        "--like", help="Read --speaker as an SQL LIKE pattern (%: any characters, _: one).")
    ] = False,
    cluster: Annotated[bool, typer.Option(
        "--cluster", help="Group reports of the same statement, with their number of sources.")] = False,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List who said what: quotes with their resolved speakers, optionally grouped by statement.

    Example: newsgraph quotes --db news.duckdb --speaker Lukashenko --cluster
    """
    from ..link.quotes import group_by_cluster, query_quotes

    with open_store(db) as store, cli_errors(db):
        quotes = query_quotes(store, speaker=speaker, like=like,
                              limit=None if cluster else limit)
    if cluster:
        clusters = group_by_cluster(quotes)[:limit]
        if as_json:
            for c in clusters:
                rep = c.representative
                sys.stdout.write(json.dumps({
                    "cluster_id": c.cluster_id, "sources": c.sources, "speaker": rep.speaker,
                    "speaker_text": rep.speaker_text, "content": rep.content,
                    "article_ids": sorted({q.article_id for q in c.quotes}),
                    "quote_ids": [q.id for q in c.quotes]}) + "\n")
            return
        table = Table(title=esc(f"Statements in {db}" + (f" by {speaker}" if speaker else "")))
        for col in ("cluster", "sources", "speaker", "statement"):
            table.add_column(col)
        for c in clusters:
            rep = c.representative
            table.add_row(esc(c.cluster_id), str(c.sources),
                          esc(rep.speaker or rep.speaker_text), esc(_short(rep.content)))
        out.print(table)
        return
    if as_json:
        for q in quotes:
            sys.stdout.write(json.dumps(to_dict(q)) + "\n")
        return
    table = Table(title=esc(f"Quotes in {db}" + (f" by {speaker}" if speaker else "")))
    for col in ("speaker", "as written", "cue", "kind", "channel", "content", "sources"):
        table.add_column(col)
    for q in quotes:
        table.add_row(esc(q.speaker), esc(q.speaker_text), esc(q.cue), esc(q.kind),
                      esc(q.channel), esc(_short(q.content)), str(q.sources))
    out.print(table)


@evaluate_app.command("quotes")
def evaluate_quotes_command(
    paths: Annotated[list[Path], typer.Argument(
        help="PolNeAR split folders (with text/ and attributions/), e.g. "
        "../shared/bench/polnear/dev.")],
    model: ModelOption = None,
    baseline: Annotated[bool, typer.Option(
        "--baseline/--no-baseline", help="Also score textacy's direct_quotations.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Quote detection and speaker accuracy on PolNeAR, ours beside textacy's baseline.

    Example: newsgraph evaluate quotes ../shared/bench/polnear/dev
    """
    from ..evaluate.quotes import evaluate_quotes
    from ..nlp.pipeline import build_pipeline, model_banner

    with cli_errors():
        nlp = build_pipeline(model, quiet=True)
        err.print(esc(model_banner(nlp)), highlight=False, soft_wrap=True)
        with Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("Scoring quotes", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate_quotes(paths, nlp=nlp, baseline=baseline, progress=progress)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    table = Table(title=esc(f"PolNeAR quotes: {result['articles']} articles "
                            f"({result['unbalanced_articles']} with unbalanced quotation marks); "
                            f"annotator: {result['annotator_files']}"))
    for col in ("system", "subset", "P", "R", "F1", "speaker acc.", "predicted", "gold"):
        table.add_column(col, justify="left" if col in ("system", "subset") else "right")
    for system in ("ours", "textacy"):
        if system not in result:
            continue
        for subset in ("all", "direct", "unbalanced_all", "unbalanced_direct"):
            r = result[system][subset]
            table.add_row(system, subset.replace("_", " "), f"{r['precision']:.3f}",
                          f"{r['recall']:.3f}", f"{r['f1']:.3f}", f"{r['speaker_accuracy']:.3f}",
                          str(r["predicted"]), str(r["gold"]))
    out.print(table)
    if "textacy" in result:
        out.print(f"textacy failed on {result['textacy']['failed_articles']} articles "
                  "(counted as no quotes)")
