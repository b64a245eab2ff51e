"""CLI commands for actors: `actors`, `entities`, `evaluate actors`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import NewsgraphError
from . import app, evaluate_app
from .options import DEFAULT_DB_PATH, DbOption, JsonOption, KbOption, ModelOption

err = Console(stderr=True)
out = Console()

_CONTRACT = ("text", "name", "country", "sector", "wikidata")
DEFAULT_ACTORS_BENCH = Path("..") / "shared" / "bench" / "ngec_actors" / "dev.jsonl"


def _fail(error: Exception) -> typer.Exit:
    err.print(f"[red]newsgraph:[/red] {error}", highlight=False)
    return typer.Exit(code=2)


def _pipeline(model: str | None, kb: list[Path] | None):
    from ..nlp.pipeline import build_pipeline

    return build_pipeline(model, kb_paths=[str(p) for p in kb or []], quiet=True)


@app.command("actors")
def actors_command(
    input: Annotated[str, typer.Argument(help="JSONL file of {text, date?} lines, or - for "
                                         "stdin.")],
    model: ModelOption = None,
    kb: KbOption = None,
) -> None:
    """Code actor phrases: each line {text, date?} -> {text, name, country, sector, wikidata}.

    One output line per input line, in input order, as soon as it is coded; unknown fields
    are ignored; "" where unknown; a bad line is reported on stderr and gives an empty
    result. A second code (defence minister: MIL) is added as ``sector2``.

    Example:
        echo '{"text": "Armenian Prime Minister Nikol Pashinyan"}' | newsgraph actors -
    """
    from ..evaluate.actors import code_phrase

    try:
        nlp = _pipeline(model, kb)
        fh = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
    except (NewsgraphError, OSError) as exc:
        raise _fail(exc) from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = str(rec.get("text") or "")
                result = code_phrase(nlp, text, rec.get("date"))
                result = {k: result.get(k, "") for k in (*_CONTRACT, "sector2")}
            except (json.JSONDecodeError, AttributeError) as exc:
                err.print(f"[red]line {n}:[/red] not a JSON object: {exc}", highlight=False)
                result = {k: "" for k in (*_CONTRACT, "sector2")}
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()


@app.command("entities")
def entities_command(
    db: DbOption = DEFAULT_DB_PATH,
    country: Annotated[str | None, typer.Option("--country", help="Only this country "
                                                "code (BLR).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Only this sector (GOV).")
                      ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List entities with their codes and mention counts, most mentioned first.

    Example:
        newsgraph entities --db newsgraph.duckdb --country BLR --sector GOV
    """
    from ..records import Entity
    from ..store.duckdb import Store

    where, params = [], []
    if country:
        where.append("country = ?")
        params.append(country)
    if sector:
        where.append("sector = ?")
        params.append(sector)
    try:
        with Store.open(db, read_only=True) as store:
            rows = store.records(Entity, " AND ".join(where), params,
                                 order="mentions DESC, name", limit=limit)
    except NewsgraphError as exc:
        raise _fail(exc) from exc
    if as_json:
        from ..records import to_dict

        for e in rows:
            sys.stdout.write(json.dumps(to_dict(e), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"entities in {db}")
    for col in ("name", "type", "country", "sector", "mentions", "articles", "aliases"):
        table.add_column(col, justify="right" if col in ("mentions", "articles") else "left")
    for e in rows:
        table.add_row(e.name, e.type, e.country, e.sector, str(e.mentions),
                      str(len(e.article_ids)), ", ".join(e.aliases[:4]))
    out.print(table)


@evaluate_app.command("actors")
def evaluate_actors_command(
    path: Annotated[Path, typer.Argument(help="ngec_actors-style JSONL, or a PLOVER GSR "
                                         "JSON file (its source/target actor codes are "
                                         "scored in their sentences).")
                    ] = DEFAULT_ACTORS_BENCH,
    model: ModelOption = None,
    kb: KbOption = None,
    as_json: JsonOption = False,
    show: Annotated[int, typer.Option("--show", help="Failures to list per kind.")] = 5,
    texts: Annotated[Path | None, typer.Option(
        "--texts", help="Folder of the texts that cases naming their phrase by file and "
        "offsets point into (bench/actor_phrases).")] = None,
    split: Annotated[str | None, typer.Option(
        "--split", help="Only cases whose 'split' field is this (dev, heldout).")] = None,
) -> None:
    """Score actor coding: share of cases where every expected field matches.

    Example:
        newsgraph evaluate actors ../shared/bench/ngec_actors/dev.jsonl
        newsgraph evaluate actors ../shared/bench/plover_gsr/PLOVER_GSR_CAMEO.json
    """
    from ..evaluate.actors import code_phrase, is_gsr, load_cases, score_actors

    if is_gsr(path):
        _evaluate_gsr(path, model, kb, as_json, show)
        return
    try:
        nlp = _pipeline(model, kb)
        cases = load_cases(path, texts, split)
    except (NewsgraphError, OSError) as exc:
        raise _fail(exc) from exc
    tagger = nlp.get_pipe("newsgraph_actors")

    def aliases(key: str) -> list[str]:
        return tagger.kb.aliases_of(key)

    result = score_actors(cases, lambda text, date: code_phrase(nlp, text, date), aliases)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"actors: {result['cases']} cases from {path}")
    out.print(f"  every expected field right: {result['all_fields']:.1%}")
    out.print(f"  country right: {result['country']:.1%}   sector right: {result['sector']:.1%}")
    for fld, v in sorted(result["fields"].items()):
        out.print(f"  {fld:<8} {v['share']:.1%} of {v['n']}")
    kinds = Table(title="cases by what the phrase was resolved to")
    for col in ("resolved to", "cases", "all fields right"):
        kinds.add_column(col)
    for kind, c in result["by_kind"].items():
        kinds.add_row(kind, str(c.get("cases", 0)), str(c.get("right", 0)))
    out.print(kinds)
    table = Table(title="failures by wrong field(s)")
    for col in ("wrong", "n", "examples (text: expected / got)"):
        table.add_column(col)
    for kind, items in sorted(result["failures"].items(), key=lambda kv: -len(kv[1])):
        ex = "; ".join(
            f"{f['text']}: {f['expect'].get('country', '')}/{f['expect'].get('code_1', '')} "
            f"/ {f['got']['country']}/{f['got']['sector']}" for f in items[:show])
        table.add_row(kind, str(len(items)), ex)
    out.print(table)


def _evaluate_gsr(path: Path, model: str | None, kb: list[Path] | None, as_json: bool,
                  show: int) -> None:
    """`evaluate actors` on a PLOVER GSR file: country and sector of each gold actor."""
    from ..evaluate.actors import score_gsr_actors

    try:
        nlp = _pipeline(model, kb)
        records = json.loads(path.read_text(encoding="utf-8"))
    except (NewsgraphError, OSError, json.JSONDecodeError) as exc:
        raise _fail(exc) from exc
    result = score_gsr_actors(records, nlp)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"GSR actors: {result['actors']} source/target actors from {path}")
    out.print(f"  country and sector right: {result['both']:.1%}")
    out.print(f"  country right: {result['country']:.1%}   sector right: "
              f"{result['sector']:.1%} (of {result['sector_n']})")
    table = Table(title="sector right, by gold sector")
    for col in ("gold sector", "actors", "right"):
        table.add_column(col)
    for sector, c in result["by_sector"].items():
        table.add_row(sector, str(c.get("n", 0)), str(c.get("right", 0)))
    out.print(table)
    for f in result["failures"][:show]:
        out.print(f"  {f['id']} {f['role']} {f['actor']!r}: {f['expect']} / {f['got']}",
                  highlight=False)
