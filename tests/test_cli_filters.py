"""Filters are validated (a usage error that says what is allowed) and taken literally
(issue 11, item 7)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Event, EventParty, Quote
from newsgraph.store.duckdb import Store

runner = CliRunner()


def _store(tmp_path):
    db = tmp_path / "s.duckdb"
    party = EventParty("e1", "Alexander Lukashenko", "Alexander Lukashenko", "BLR", "GOV")
    other = EventParty("e2", "100% Party", "100% Party", "BLR", "PTY")
    with Store.open(db) as store, store.transaction():
        store.insert_records([
            Quote(id="q1", article_id="a1", speaker_entity_id="e1",
                  speaker="Alexander Lukashenko", speaker_text="Lukashenko", cue="said",
                  content="We agreed.", start=0, end=10, kind="direct"),
            Quote(id="q2", article_id="a2", speaker_entity_id=None, speaker=None,
                  speaker_text="50% of voters", cue="said", content="No.", start=0, end=3,
                  kind="direct"),
            Event(id="v1", article_id="a1", event="CONSULT", mode=None,
                  quad="verbal-cooperation", actor=party, recipient=other, date="2020-08-10",
                  date_precision="day", location=None, sentence="They met.", start=0, end=9),
            Event(id="v2", article_id="a2", event="ACCUSE", mode=None, quad="verbal-conflict",
                  actor=other, recipient=party, date="2021-01-05", date_precision="day",
                  location=None, sentence="They accused.", start=0, end=13)])
    return str(db)


def test_cli_filters_bad_values_are_usage_errors_that_list_what_is_allowed(tmp_path):
    db = _store(tmp_path)
    cases = [(["events", "--since", "2020-13-45"], "YYYY-MM-DD"),
             (["events", "--until", "yesterday"], "YYYY-MM-DD"),
             (["events", "--type", "FOO"], "CONSULT"),
             (["events", "--type", "CONSULT,BAR"], "BAR"),
             (["events", "--modality", "bogus"], "hypothetical"),
             (["events", "--limit", "-1"], "--limit"),
             (["quotes", "--limit", "0"], "--limit"),
             (["stories", "--limit", "-1"], "--limit"),
             (["passages", "--limit", "-5"], "--limit"),
             (["entities", "--limit", "-1"], "--limit"),
             (["export", "--format", "xml"], "jsonl")]
    for args, allowed in cases:
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, (args, result.output)
        assert allowed in result.output, (args, result.output)
        assert "Traceback" not in result.output and "Exception" not in result.output


def test_cli_filters_good_values_still_work(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["events", "--db", db, "--type", "consult", "--since", "2020",
                                 "--until", "2020-08", "--modality", "asserted", "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["v1"]


def test_cli_filters_percent_is_literal_unless_like(tmp_path):
    db = _store(tmp_path)

    def quote_ids(*args):
        result = runner.invoke(app, ["quotes", "--db", db, "--json", *args])
        assert result.exit_code == 0, result.output
        return sorted(json.loads(x)["id"] for x in result.stdout.splitlines())

    assert quote_ids("--speaker", "%") == ["q2"]  # only the speaker with a % in its name
    assert quote_ids("--speaker", "%", "--like") == ["q1", "q2"]
    assert quote_ids("--speaker", "kashenko%", "--like") == []  # a pattern is the whole name
    assert quote_ids("--speaker", "lukashenk_", "--like") == ["q1"]
    assert quote_ids("--speaker", "kashenko") == ["q1"]  # a literal is found anywhere
    assert quote_ids("--speaker", "_") == []
    events = runner.invoke(app, ["events", "--db", db, "--actor", "0%", "--json"])
    assert [json.loads(x)["id"] for x in events.stdout.splitlines()] == ["v2"]
