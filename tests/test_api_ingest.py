"""End-to-end ingest through the library API: idempotence, bad input, resume after a kill."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest

import newsgraph
from newsgraph.api import ingest
from newsgraph.errors import InputError
from newsgraph.records import Article
from newsgraph.store.duckdb import Store

STORY = ("MINSK, February 25 – RIA Novosti. Belarusian President Alexander Lukashenko met "
         "Russian President Vladimir Putin in Sochi on Monday. \"We agreed on everything,\" "
         "Lukashenko said after the talks.\n\nThe two leaders discussed a loan of $1.5 billion.")


def _corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Lukashenko meets Putin\n\n" + STORY + "\n\nLeave a Reply\n",
                             encoding="utf-8")
    (d / "b.jsonl").write_text(
        json.dumps({"text": STORY, "title": "Sochi talks", "date": "2021-02-25",
                    "source": "BelTA"}) + "\n"
        + "{not json\n"
        + json.dumps({"text": "Vilnius (AFP) – Tikhanovskaya called for new sanctions on "
                      "Minsk on Sunday.", "title": "Sanctions call"}) + "\n",
        encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "junk.bin").write_bytes(bytes(range(256)) * 4)
    return d


def test_api_ingest_counts_errors_and_goes_on(tmp_path):
    db = tmp_path / "s.duckdb"
    summary = ingest([str(_corpus(tmp_path))], db, link=False)
    assert summary.added == 2  # the story (from two files) and the Vilnius article
    assert summary.merged == 1
    assert len(summary.errors) >= 2  # empty file, bad JSON line (and the binary file)
    assert any("b.jsonl:2" in e for e in summary.errors)
    assert any("empty.txt" in e for e in summary.errors)
    with Store.open(db, read_only=True) as store:
        (story,) = store.records(Article, "title = ?", ["Lukashenko meets Putin"]) or \
            store.records(Article, "text LIKE ?", ["%Sochi on Monday%"])
        assert len(story.sources) == 2
        assert store.count("ingest_errors") == len(summary.errors)
        assert store.count("articles", "NOT annotated") == 0
        assert store.count("mentions") > 0


def test_api_ingest_twice_changes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    corpus = _corpus(tmp_path)
    ingest([str(corpus)], db, link=False)
    with Store.open(db, read_only=True) as store:
        before = {t: store.count(t) for t in ("articles", "mentions", "quotes", "events")}
    again = ingest([str(corpus)], db, link=False)
    assert again.added == 0 and again.annotated == 0
    with Store.open(db, read_only=True) as store:
        assert {t: store.count(t) for t in before} == before


def test_api_ingest_strict_stops_at_first_error(tmp_path):
    with pytest.raises(InputError):
        ingest([str(_corpus(tmp_path))], tmp_path / "s.duckdb", strict=True, link=False)


def test_api_ingest_resumes_after_failure_in_annotation(tmp_path, monkeypatch):
    """A run that dies after the first annotation batch resumes with the rest."""
    import newsgraph.api as api_module

    db = tmp_path / "s.duckdb"
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(f"Headline {i}\n\nPutin met official number {i} in "
                                         f"Moscow on day {i}.", encoding="utf-8")
    real = api_module.annotate
    calls = {"n": 0}

    def dying(items, nlp=None, batch_size=16):
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the second batch
        yield from real(items, nlp=nlp)

    monkeypatch.setattr(api_module, "annotate", dying)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], db, batch_size=2, link=False)
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 6
        assert store.count("articles", "annotated") == 2
    monkeypatch.setattr(api_module, "annotate", real)
    summary = ingest([str(corpus)], db, batch_size=2, link=False)
    assert summary.added == 0 and summary.annotated == 4
    with Store.open(db, read_only=True) as store:
        assert store.count("articles", "annotated") == 6
        # no duplicated annotations: one row per mention span
        dup = store.rows('SELECT count(*) AS n FROM (SELECT article_id, start, "end", count(*) c '
                         'FROM mentions GROUP BY ALL HAVING c > 1)')
        assert dup[0]["n"] == 0


@pytest.mark.slow
def test_api_ingest_resumes_after_sigkill(tmp_path):
    """A real kill -9 in the middle of a run: the next run completes the same store."""
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i}.txt.gz").write_bytes(gzip.compress(
            f"Headline {i}\n\nLukashenko met Putin in Sochi, talk number {i}.".encode()))
    db = tmp_path / "s.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus),
                             "--db", str(db), "--batch-size", "4"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    time.sleep(6)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    summary = ingest([str(corpus)], db, batch_size=4)
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 40
        assert store.count("articles", "NOT annotated") == 0
    assert summary.added + summary.unchanged == 40


def test_api_open_is_read_only(tmp_path):
    db = tmp_path / "s.duckdb"
    Store.open(db).close()
    with newsgraph.open(db) as store:
        assert store.read_only
