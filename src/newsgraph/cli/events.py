"""CLI commands for events: ``newsgraph events``, ``newsgraph merge-events`` and
``newsgraph evaluate events``. Registered on import by :mod:`newsgraph.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import NewsgraphError
from ..records import MODALITIES, to_dict
from ..store.duckdb import Store
from . import app, evaluate_app
from .options import (
    DEFAULT_DB_PATH,
    AllEventsOption,
    DbOption,
    JsonOption,
    LimitOption,
    MinConfidenceOption,
)
from .output import check_date, cli_errors, err, esc, fail, item_progress, open_store, out


def _check_types(value: str | None, store: Store) -> str | None:
    """--type: PLOVER types (and any other type the store holds), else a usage error."""
    if value is None:
        return None
    from ..nlp.event_lexicon import PLOVER_TYPES

    known = list(PLOVER_TYPES) + sorted(
        {r["event"] for r in store.rows("SELECT DISTINCT event FROM events")
         if r["event"] and r["event"] not in PLOVER_TYPES})
    wanted = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in known]
    if unknown or not wanted:
        raise typer.BadParameter(f"unknown event type {', '.join(unknown) or repr(value)}; "
                                 f"use one or more of {', '.join(known)}", param_hint="'--type'")
    return value


def _party(p) -> str:
    """A party as table text (escaped: its name is data, its code's brackets are literal)."""
    if p is None:
        return ""
    code = p.cameo
    name = p.name or p.text
    return esc(f"{name} [{code}]" if code else name)


def _check_modality(value: str | None) -> str | None:
    if value is not None and value not in MODALITIES:
        raise typer.BadParameter(f"{value!r} is not a modality; use one of "
                                 f"{', '.join(MODALITIES)}", param_hint="'--modality'")
    return value


@app.command("events")
def events_command(
    db: DbOption = DEFAULT_DB_PATH,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Actor: country code (BLR), CAMEO-style code (BLRGOV), entity id, "
        "or part of a name (lower case).")] = None,
    recipient: Annotated[str | None, typer.Option(
        "--recipient", help="Recipient: country code, CAMEO-style code, entity id, or part "
        "of a name.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="PLOVER type(s), comma-separated (CONSULT,AGREE).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="From this date (YYYY-MM-DD, or YYYY-MM, YYYY).",
        callback=lambda v: check_date(v, "--since"))] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Up to this date (YYYY-MM-DD, or YYYY-MM, YYYY).",
        callback=lambda v: check_date(v, "--until"))] = None,
    modality: Annotated[str | None, typer.Option(
        "--modality", help="asserted, intended, hypothetical or reported.",
        callback=lambda v: _check_modality(v))] = None,
    either: Annotated[bool, typer.Option(
        "--either", help="Match the actor/recipient pair in both directions.")] = False,
    merged: Annotated[bool, typer.Option(
        "--merged", help="One row per real-world event (cluster), with its number of sources.")] = False,
    all_events: AllEventsOption = False,
    min_confidence: MinConfidenceOption = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List who did what to whom: PLOVER events, filtered by actor, recipient, type and date.

    By default only complete events (a coded political actor takes part) at the event
    detector's operating point; --all and --min-confidence show more.

    Example: newsgraph events --db news.duckdb --actor BLR --recipient RUS --type CONSULT --since 2020-08-01
    """
    from ..link.events import group_by_cluster, query_events

    with open_store(db) as store, cli_errors(db):
        _check_types(event_type, store)
        if until and len(until) < 10:  # "2020" and "2020-08" include their last day
            until += "-12-31" if len(until) == 4 else "-31"
        events = query_events(store, actor=actor, recipient=recipient, event=event_type,
                              since=since, until=until, modality=modality, either=either,
                              limit=None if merged else limit, all_events=all_events,
                              min_confidence=min_confidence)
    if merged:
        groups = group_by_cluster(events)[:limit]
        if as_json:
            for cid, sources, evs in groups:
                rec = to_dict(evs[0])
                rec.update(cluster_id=cid, sources=sources,
                           article_ids=sorted({e.article_id for e in evs}),
                           event_ids=[e.id for e in evs])
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        table = Table(title=f"Events in {esc(db)} (merged)")
        for col in ("date", "event", "actor", "recipient", "place", "sources", "cluster"):
            table.add_column(col)
        for cid, sources, evs in groups:
            e = evs[0]
            table.add_row(esc(e.date), esc(e.event + (f":{e.mode}" if e.mode else "")),
                          _party(e.actor), _party(e.recipient),
                          esc(e.location.name if e.location else ""), str(sources), esc(cid))
        out.print(table)
        return
    if as_json:
        for e in events:
            sys.stdout.write(json.dumps(to_dict(e), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Events in {esc(db)}")
    for col in ("date", "event", "actor", "recipient", "modality", "place", "trigger"):
        table.add_column(col)
    for e in events:
        table.add_row(esc(e.date), esc(e.event + (f":{e.mode}" if e.mode else "")),
                      _party(e.actor), _party(e.recipient),
                      esc(e.modality + (" (negated)" if e.negated else "")),
                      esc(e.location.name if e.location else ""), esc(e.trigger))
    out.print(table)


@app.command("merge-events")
def merge_events_command(db: DbOption = DEFAULT_DB_PATH) -> None:
    """Merge reports of the same real-world event across articles (sets cluster_id, sources).

    Example: newsgraph merge-events --db news.duckdb
    """
    from ..link.events import merge_events

    with cli_errors(db), Store.open(db) as store, store.transaction():
        n = merge_events(store)
    err.print(f"{n} events reported by more than one record")


@evaluate_app.command("events")
def evaluate_events_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Gold files: PLV-style JSON lines or PLOVER GSR JSON "
        "(default: ../shared/bench/plv/train.jsonl and plover_gsr/PLOVER_GSR_CAMEO.json).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Score event coding: main-event accuracy, full match (actor and recipient), macro-F1.

    Example: newsgraph evaluate events ../shared/bench/plv/train.jsonl
    """
    from ..evaluate.events import DEFAULT_PATHS, evaluate_events
    from ..nlp.pipeline import build_pipeline, model_banner

    chosen = [str(p) for p in paths] if paths else list(DEFAULT_PATHS)
    for p in chosen:
        if not Path(p).exists():
            raise fail(NewsgraphError(f"no such gold file: {p}"))
    with cli_errors():
        err.print(esc(model_banner(build_pipeline(quiet=True))), highlight=False)
    with item_progress("Coding") as progress:
        try:
            report = evaluate_events(chosen, progress=progress)
        except NewsgraphError as exc:
            raise fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(report, indent=1) + "\n")
        return
    for d in report["datasets"]:
        out.print(f"[bold]path[/bold] {esc(d['path'])}  n={d['n']}  accuracy={d['accuracy']:.3f}  "
                  f"full match={d['full_match']:.3f}  macro-F1={d['macro_f1']:.3f}")
        labels = sorted(set(d["confusion"]) | {p for c in d["confusion"].values() for p in c})
        # plain fixed-width text: a 17-column Rich table does not fit a terminal
        head = "gold \\ pred  " + " ".join(f"{lab[:4]:>4}" for lab in labels) + "    F1"
        lines = [head]
        for g in sorted(d["confusion"]):
            row = d["confusion"][g]
            cells = " ".join(f"{row.get(lab, 0) or '.':>4}" for lab in labels)
            lines.append(f"{g:<12} {cells}  {d['f1_by_type'].get(g, 0):.2f}")
        sys.stdout.write("\n".join(lines) + "\n\n")
    ni = report["no_interaction"]
    out.print(f"no-interaction sentences: {ni['n']}, false-event rate {ni['false_event_rate']:.3f}")


@evaluate_app.command("events-real")
def evaluate_events_real_command(
    split: Annotated[Path, typer.Argument(
        help="A folder with articles.jsonl and sentences.jsonl "
        "(e.g. ../shared/bench/events_real/dev).")],
    all_events: AllEventsOption = False,
    min_confidence: MinConfidenceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score event detection on whole real articles: (sentence, type) precision and recall,
    full match (type, actor and recipient), and how many no-event sentences get an event.

    Example: newsgraph evaluate events-real ../shared/bench/events_real/dev
    """
    from ..evaluate.events_real import evaluate_events_real

    for name in ("articles.jsonl", "sentences.jsonl"):
        if not (split / name).exists():
            raise fail(NewsgraphError(f"no {name} in {split}"))
    with item_progress("Coding") as progress:
        try:
            r = evaluate_events_real(split, all_events=all_events,
                                     min_confidence=min_confidence, progress=progress)
        except NewsgraphError as exc:
            raise fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(r, indent=1) + "\n")
        return
    out.print(f"[bold]split[/bold] {esc(split)}: {r['sentences']} sentences, {r['gold_pairs']} gold "
              f"(sentence, type) pairs, {r['emitted_pairs']} emitted", highlight=False)
    out.print(f"type P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f} | "
              f"full match P {r['full_precision']:.3f}  R {r['full_recall']:.3f} | "
              f"no-event sentences with output {r['no_event_rate']:.3f}", highlight=False)
    lines = ["type         gold  emitted  right"]
    for t, c in r["by_type"].items():
        lines.append(f"{t:<12} {c['gold']:>4} {c['emitted']:>8} {c['tp']:>6}")
    sys.stdout.write("\n".join(lines) + "\n")
