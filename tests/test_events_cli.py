"""`newsgraph events`, `newsgraph merge-events` and `newsgraph evaluate events`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Event, EventParty, Location
from newsgraph.store.duckdb import Store

runner = CliRunner()


def _store(tmp_path):
    path = tmp_path / "t.duckdb"
    store = Store.open(path)
    rows = []
    for article in ("a1", "a2"):
        rows.append(Event(
            id=Event.make_id(article, 0, "CONSULT", "Lukashenko", "Putin"), article_id=article,
            event="CONSULT", mode="meeting", quad="verbal-cooperation",
            actor=EventParty("e_luk", "Lukashenko", "Alexander Lukashenko", "BLR", "GOV"),
            recipient=EventParty("e_put", "Putin", "Vladimir Putin", "RUS", "GOV"),
            date="2020-09-14", date_precision="day", location=Location("Sochi", "RUS"),
            sentence="Lukashenko met Putin in Sochi.", start=0, end=30, date_text="14 September"))
    with store.transaction():
        store.insert_records(rows)
    store.close()
    return path


def test_events_cli_filters_and_json(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["events", "--db", str(db), "--actor", "BLR", "--recipient",
                                 "RUS", "--type", "CONSULT", "--since", "2020-08-01", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2 and lines[0]["actor"]["country"] == "BLR"
    none = runner.invoke(app, ["events", "--db", str(db), "--until", "2020-01-01", "--json"])
    assert none.exit_code == 0 and none.stdout.strip() == ""


def test_events_cli_merge_then_merged_view(tmp_path):
    db = _store(tmp_path)
    assert runner.invoke(app, ["merge-events", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["events", "--db", str(db), "--merged", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["sources"] == 2
    assert rows[0]["article_ids"] == ["a1", "a2"]


def test_events_cli_missing_store_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2


def test_events_cli_evaluate_on_tiny_gold(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "1", "text": "The Kremlin criticized Minsk.",
                                "event": "ACCUSE", "source": "Kremlin",
                                "target": "Minsk"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "events", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["datasets"][0]["accuracy"] == 1.0
    assert report["datasets"][0]["full_match"] == 1.0
    assert "false_event_rate" in report["no_interaction"]
