"""CLI commands for actors: `actors`, `entities`, `evaluate actors`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from . import app, evaluate_app
from .jsonl import Field, run_jsonl
from .options import DEFAULT_DB_PATH, DbOption, JsonOption, KbOption, LimitOption, ModelOption
from .output import cli_errors, err, esc, fail, open_store, out

_CONTRACT = ("text", "name", "country", "sector", "wikidata")
DEFAULT_ACTORS_BENCH = Path("..") / "shared" / "bench" / "ngec_actors" / "dev.jsonl"


def _pipeline(model: str | None, kb: list[Path] | None):
    """The pipeline, its banner printed on stderr (which spaCy model this run uses)."""
    from ..nlp.pipeline import build_pipeline, model_banner

    nlp = build_pipeline(model, kb_paths=[str(p) for p in kb or []], quiet=True)
    err.print(esc(model_banner(nlp)), highlight=False, soft_wrap=True)
    return nlp


@app.command("actors")
def actors_command(
    input: Annotated[str, typer.Argument(help="JSONL file of {text, date?} lines, or - for "
                                         "stdin.")],
    model: ModelOption = None,
    kb: KbOption = None,
) -> None:
    """Code actor phrases: each line {text, date?} -> {text, name, country, sector, wikidata}.

    One output line per input line, in input order, as soon as it is coded; unknown fields
    are ignored; "" where unknown. A bad line (not a JSON object, no text, a text that is
    not a string) gets {"id": ..., "error": "..."} and a line on stderr, and the exit
    status is then 1. A second code (defence minister: MIL) is added as ``sector2``.

    Example:
        echo '{"text": "Armenian Prime Minister Nikol Pashinyan"}' | newsgraph actors -
    """
    from ..evaluate.actors import code_phrase

    def code(rec: dict) -> dict:
        result = code_phrase(nlp, rec["text"], rec.get("date"))
        return {k: result.get(k, "") for k in (*_CONTRACT, "sector2")}

    with cli_errors():
        nlp = _pipeline(model, kb)
        status = run_jsonl(input, [Field("text", required=True), Field("date")], code)
    raise typer.Exit(code=status)


@app.command("entities")
def entities_command(
    db: DbOption = DEFAULT_DB_PATH,
    country: Annotated[str | None, typer.Option("--country", help="Only this country "
                                                "code (BLR).")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Only this sector (GOV).")
                      ] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List entities with their codes and mention counts, most mentioned first.

    Example:
        newsgraph entities --db newsgraph.duckdb --country BLR --sector GOV
    """
    from ..records import Entity

    where, params = [], []
    if country:
        where.append("country = ?")
        params.append(country)
    if sector:
        where.append("sector = ?")
        params.append(sector)
    with open_store(db) as store, cli_errors(db):
        rows = store.records(Entity, " AND ".join(where), params,
                             order="mentions DESC, name", limit=limit)
    if as_json:
        from ..records import to_dict

        for e in rows:
            sys.stdout.write(json.dumps(to_dict(e), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"entities in {esc(db)}")
    for col in ("name", "type", "country", "sector", "mentions", "articles", "aliases"):
        table.add_column(col, justify="right" if col in ("mentions", "articles") else "left")
    for e in rows:
        table.add_row(esc(e.name), esc(e.type), esc(e.country), esc(e.sector), str(e.mentions),
                      str(len(e.article_ids)), esc(", ".join(e.aliases[:4])))
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
        with cli_errors():
            nlp = _pipeline(model, kb)
            cases = load_cases(path, texts, split)
    except OSError as exc:
        raise fail(exc) from exc
    tagger = nlp.get_pipe("newsgraph_actors")

    def aliases(key: str) -> list[str]:
        return tagger.kb.aliases_of(key)

    result = score_actors(cases, lambda text, date: code_phrase(nlp, text, date), aliases)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"actors: {result['cases']} cases from {esc(path)}")
    out.print(f"  every expected field right: {result['all_fields']:.1%}")
    out.print(f"  country right: {result['country']:.1%}   sector right: {result['sector']:.1%}")
    for fld, v in sorted(result["fields"].items()):
        out.print(f"  {fld:<8} {v['share']:.1%} of {v['n']}")
    kinds = Table(title="cases by what the phrase was resolved to")
    for col in ("resolved to", "cases", "all fields right"):
        kinds.add_column(col)
    for kind, c in result["by_kind"].items():
        kinds.add_row(esc(kind), str(c.get("cases", 0)), str(c.get("right", 0)))
    out.print(kinds)
    table = Table(title="failures by wrong field(s)")
    for col in ("wrong", "n", "examples (text: expected / got)"):
        table.add_column(col)
    for kind, items in sorted(result["failures"].items(), key=lambda kv: -len(kv[1])):
        ex = "; ".join(
            f"{f['text']}: {f['expect'].get('country', '')}/{f['expect'].get('code_1', '')} "
            f"/ {f['got']['country']}/{f['got']['sector']}" for f in items[:show])
        table.add_row(esc(kind), str(len(items)), esc(ex))
    out.print(table)


def _evaluate_gsr(path: Path, model: str | None, kb: list[Path] | None, as_json: bool,
                  show: int) -> None:
    """`evaluate actors` on a PLOVER GSR file: country and sector of each gold actor."""
    from ..evaluate.actors import score_gsr_actors

    try:
        with cli_errors():
            nlp = _pipeline(model, kb)
            records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise fail(exc) from exc
    result = score_gsr_actors(records, nlp)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(f"GSR actors: {result['actors']} source/target actors from {esc(str(path))}")
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
        out.print(esc(f"  {f['id']} {f['role']} {f['actor']!r}: {f['expect']} / {f['got']}"),
                  highlight=False)
