"""A damaged store gives one clear error naming it, `info --check` says whether a store is
sound, and an export never leaves a half-written file (issue 11, item 5)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.api import ingest
from newsgraph.cli import app
from newsgraph.errors import OutputError, StoreError
from newsgraph.records import Article, Story
from newsgraph.store import export as export_module
from newsgraph.store.duckdb import Store

runner = CliRunner()


def _store(path, n: int = 200) -> None:
    """A store of a few MB: enough data blocks that a truncation hits table data."""
    with Store.open(path) as store, store.transaction():
        store.add_articles([Article(id=f"a{i}", source=f"f{i}", title=f"Title {i}",
                                    text=" ".join(f"w{i}x{j}" for j in range(1500)),
                                    sources=[f"f{i}"]) for i in range(n)])
        store.insert_records([Story(id=f"s{i}", title=f"Story {i}", article_ids=[f"a{i}"])
                              for i in range(n)])


def _truncate(path, keep: float = 0.6) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(int(size * keep))


def test_store_damage_is_one_clear_error_for_every_command(tmp_path):
    db = tmp_path / "s.duckdb"
    _store(db)
    _truncate(db)
    out = tmp_path / "export"
    for args in (["stories"], ["export", "--out", str(out)], ["info"], ["info", "--check"],
                 ["quotes"], ["entities"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 3, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        assert str(db) in result.stderr and "damaged" in result.stderr, args
    assert not out.exists()  # no half-written export
    assert not list(tmp_path.glob(".export.partial-*"))


def test_store_damage_ingest_reports_the_io_error_not_an_aborted_transaction(tmp_path):
    db = tmp_path / "s.duckdb"
    _store(db)
    _truncate(db)
    (tmp_path / "a.txt").write_text("Head\n\nPutin met Lukashenko in Sochi.", encoding="utf-8")
    with pytest.raises(StoreError) as info:
        ingest([str(tmp_path / "a.txt")], db, annotate_articles=False, link=False)
    message = str(info.value)
    assert str(db) in message and "damaged or unreadable" in message
    assert "transaction is aborted" not in message


def test_store_check_says_a_sound_store_is_sound(tmp_path):
    db = tmp_path / "s.duckdb"
    _store(db, n=5)
    result = runner.invoke(app, ["info", "--db", str(db), "--check"])
    assert result.exit_code == 0, result.output
    # Rich wraps long paths at the terminal width, so compare words, not lines.
    assert "is sound:" in " ".join(result.stdout.split())
    with Store.open(db, read_only=True) as store:
        report = dict((t, n) for t, n, e in store.check() if e is None)
    assert report["articles"] == 5 and report["stories"] == 5


def test_store_export_is_all_or_nothing(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    _store(db, n=5)
    out = tmp_path / "export"
    out.mkdir()
    (out / "stories.jsonl").write_text("previous export\n", encoding="utf-8")
    real = export_module._rows

    def failing(store, kind, *args, **kwargs):
        if kind == "stories":
            yield next(real(store, kind, *args, **kwargs))
            raise StoreError("the store file is damaged", path=str(db))
        yield from real(store, kind, *args, **kwargs)

    monkeypatch.setattr(export_module, "_rows", failing)
    with Store.open(db, read_only=True) as store, pytest.raises(StoreError):
        export_module.export(store, out)
    assert (out / "stories.jsonl").read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in out.iterdir()) == ["stories.jsonl"]
    assert not list(tmp_path.glob(".export.partial-*"))


def test_store_export_to_a_file_or_unwritable_place_is_one_line(tmp_path):
    db = tmp_path / "s.duckdb"
    _store(db, n=2)
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x", encoding="utf-8")
    for target in (a_file, a_file / "sub"):
        result = runner.invoke(app, ["export", "--db", str(db), "--out", str(target)])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        (line,) = result.stderr.strip().splitlines()
        assert str(a_file) in line and "[N600]" in line
    with Store.open(db, read_only=True) as store, pytest.raises(OutputError):
        export_module.export(store, a_file / "sub")
    ok = runner.invoke(app, ["export", "--db", str(db), "--out", str(tmp_path / "new")])
    assert ok.exit_code == 0 and (tmp_path / "new" / "articles.jsonl").exists()
