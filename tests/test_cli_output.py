"""Data is printed as text, never as Rich markup: brackets in headlines, quotes, names and
file names reach the terminal as they are (issue 11, item 2)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app, output
from newsgraph.cli.output import esc
from newsgraph.records import (
    Article,
    Entity,
    Event,
    EventParty,
    Location,
    Quote,
    Story,
)
from newsgraph.store.duckdb import Store

runner = CliRunner()

#: every listing command, with the options that print each kind of row
LISTINGS = [["quotes"], ["quotes", "--cluster"], ["events"], ["events", "--merged"],
            ["stories"], ["passages", "--min-articles", "1"], ["entities"], ["info"]]

#: brackets, slashes and backslashes, and pieces of real markup, in any order
SOUP = st.lists(st.sampled_from(list("[]/\\=#@:ab ") + ["[/", "[b]", "[red]", "[/caption]",
                                                        "[link=x]", "[/]", "\\["]),
                min_size=1, max_size=25).map(lambda parts: "".join(parts).strip() or "x")


def _store(db, text: str) -> None:
    party = EventParty("e1", text, text, "BLR", "GOV")
    with Store.open(db) as store, store.transaction():
        store.insert_records([
            Article(id="a1", source=text, title=text, text=f"{text} body.", sources=[text]),
            Quote(id="q1", article_id="a1", speaker_entity_id="e1", speaker=text,
                  speaker_text=text, cue=text, content=text, start=0, end=1, kind="direct",
                  channel=text),
            Event(id="v1", article_id="a1", event="CONSULT", mode=text, quad="verbal-cooperation",
                  actor=party, recipient=party, date="2021-02-22", date_precision="day",
                  location=Location(text, "BLR"), sentence=text, start=0, end=1, trigger=text),
            Story(id="s1", title=text, article_ids=["a1"]),
            Entity("e1", text, "PERSON", [text], "BLR", "GOV", None, ["a1"], 3, "k1")])
        store.con.execute("INSERT INTO passages VALUES ('p1', ?)", [text])
        store.con.execute("INSERT INTO passage_occurrences VALUES ('p1', 'a1', 0, 1)")
        store.log_error(text, 3, "N100", text)


@given(SOUP)
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cli_output_listings_print_bracket_soup(tmp_path_factory, text):
    db = tmp_path_factory.mktemp("soup") / "s.duckdb"
    _store(db, text)
    for args in LISTINGS:
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, text, result.output, result.exception)


def test_cli_output_brackets_reach_the_terminal_as_written(tmp_path, monkeypatch):
    monkeypatch.setattr(output.out, "width", 250)
    db = tmp_path / "s.duckdb"
    _store(db, "[caption]Photo[/caption]")
    stories = runner.invoke(app, ["stories", "--db", str(db)])
    assert "[caption]Photo[/caption]" in stories.stdout
    _store(tmp_path / "q.duckdb", "We agreed [/b] fully \\")
    quotes = runner.invoke(app, ["quotes", "--db", str(tmp_path / "q.duckdb")])
    assert quotes.exit_code == 0 and "We agreed [/b] fully \\ " in quotes.stdout


def test_cli_output_ingest_error_names_the_right_file(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "w[").mkdir(parents=True)
    (corpus / "w[" / "x].txt").write_bytes(b"")
    (corpus / "[red]empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"),
                                 "--no-link"])
    assert result.exit_code == 1, result.output
    assert f"{corpus}/w[/x].txt: empty file" in result.stderr
    assert f"{corpus}/[red]empty.txt: empty file" in result.stderr


def test_cli_output_esc_keeps_text_and_none():
    from rich.console import Console

    console = Console(width=200, record=True)
    for text in ("[b]bold?[/b]", "a\\", "[/x]", "w[/x].txt"):
        console.print(esc(text))
    assert console.export_text().splitlines() == ["[b]bold?[/b]", "a\\", "[/x]", "w[/x].txt"]
    assert esc(None) == ""


def test_cli_output_json_listings_are_unchanged_by_escaping(tmp_path):
    db = tmp_path / "s.duckdb"
    _store(db, "[b]x[/b]")
    result = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert json.loads(result.stdout)["title"] == "[b]x[/b]"


def test_cli_output_readme_documents_every_exit_status():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    for status in (output.EXIT_OK, output.EXIT_SOME_FAILED, output.EXIT_USAGE,
                   output.EXIT_STORE):
        assert f"\n| {status} |" in section
