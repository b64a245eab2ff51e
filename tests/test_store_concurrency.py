"""Queries run while an ingest writes: the writer lets go of the file between batches and
readers wait briefly for a lock instead of failing (issue 11, item 9)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import Article
from newsgraph.store.duckdb import Store

READ = textwrap.dedent("""
    import sys
    from newsgraph.store.duckdb import Store
    try:
        with Store.open(sys.argv[1], read_only=True, lock_wait=float(sys.argv[2])) as s:
            print(s.count("articles"))
    except Exception as exc:
        print("ERROR", exc)
""")


def _read_in_another_process(db, wait: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", READ, str(db), str(wait)],
                            stdout=subprocess.PIPE, text=True)


def _article(i: int) -> Article:
    return Article(id=f"a{i}", source=f"f{i}", title="t", text=f"text {i}", sources=[f"f{i}"])


def test_store_reader_waits_for_the_writer_and_fails_clearly_after(tmp_path):
    db = tmp_path / "s.duckdb"
    writer = Store.open(db)
    with writer.transaction():
        writer.add_articles([_article(1)])
    # held: a reader that may not wait fails with a clear message naming the store
    out, _ = _read_in_another_process(db, 0.2).communicate(timeout=60)
    assert out.startswith("ERROR") and "in use by another process" in out and str(db) in out
    # a reader that waits gets in as soon as the writer lets go
    reader = _read_in_another_process(db, 30)
    time.sleep(1.0)
    writer.release()
    out, _ = reader.communicate(timeout=60)
    assert out.strip() == "1"
    # and the writer reopens the file on its next use
    with writer.transaction():
        writer.add_articles([_article(2)])
    assert writer.count("articles") == 2
    writer.close()


def test_store_release_is_a_no_op_inside_a_transaction_and_in_memory(tmp_path):
    store = Store.open(tmp_path / "s.duckdb")
    with store.transaction():
        store.release()
        store.add_articles([_article(1)])
    store.release(held_for=3600)  # held for less than an hour: kept
    assert store._con is not None
    store.close()
    memory = Store.open(":memory:")
    memory.release()
    assert memory.count("articles") == 0


INGEST = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import spacy
    from newsgraph import api
    from newsgraph.progress import Progress

    class Marks(Progress):
        def start(self, phase, total=None):
            Path(sys.argv[2] + "." + phase).touch()

    real = api.annotate
    def slow(items, *, nlp=None, batch_size=16):
        time.sleep(0.5)  # a real pipeline takes seconds per batch
        yield from real(items, nlp=nlp)

    api.annotate = slow
    api.build_pipeline = lambda *a, **k: spacy.blank("en")  # no model needed here
    api.model_banner = lambda nlp: "blank"
    api.ingest([sys.argv[1]], sys.argv[2], batch_size=2, link=False, progress=Marks())
""")


def test_store_queries_run_while_an_ingest_annotates(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(10):
        (corpus / f"{i}.txt").write_text(f"Headline {i}\n\nStory number {i} about talks.",
                                         encoding="utf-8")
    db = tmp_path / "s.duckdb"
    writer = subprocess.Popen([sys.executable, "-c", INGEST, str(corpus), str(db)])
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "s.duckdb.annotate").exists():
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        reads = []
        while writer.poll() is None:
            with Store.open(db, read_only=True, lock_wait=10) as store:
                reads.append(store.count("articles", "annotated"))
            time.sleep(0.2)
        assert writer.returncode == 0
    finally:
        if writer.poll() is None:
            writer.kill()
    assert len(reads) >= 3  # the ingest was readable all along its annotation phase
    assert reads == sorted(reads) and reads[-1] <= 10
    with Store.open(db, read_only=True) as store:
        assert store.count("articles", "annotated") == 10


def test_store_lock_wait_zero_fails_at_once_with_store_error(tmp_path):
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from newsgraph.store.duckdb import Store
        s = Store.open({str(db)!r})
        print("open", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            Store.open(db, read_only=True, lock_wait=0)
    finally:
        holder.kill()
        holder.wait()
