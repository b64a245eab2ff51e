"""Shared passages: wire paragraphs reused by several articles, found with exact offsets."""

from __future__ import annotations

from newsgraph.link.passages import find_passages, shared_passages, split_sentences
from newsgraph.records import Article
from newsgraph.store.duckdb import Store

WIRE = [
    "Belarusian President Alexander Lukashenko and Russian President Vladimir Putin held "
    "talks in Sochi on Monday, the Kremlin press service said.",
    "The meeting at the presidential residence on the Black Sea coast lasted more than five "
    "hours and covered trade, energy prices and the loan.",
    "According to the Belarusian side, the first tranche of the loan has been received and "
    "the parties agreed on the terms of the second one.",
]
EXTRA = "The presidents also went skiing together after the official part of the visit ended."


def _article(text: str, title: str = "t") -> Article:
    return Article(id=Article.make_id(text), source=title, title=title, text=text)


def test_split_sentences_keeps_quotes_and_paragraphs():
    text = 'He came. "Yes," she said. Then he left.\nNew paragraph without a stop'
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "He came.", '"Yes," she said.', "Then he left.", "New paragraph without a stop"]


def test_passage_shared_by_three_outlets_with_offsets():
    a = "Intro from outlet A about the visit.\n\n" + "\n\n".join(WIRE) + "\n\n" + EXTRA
    b = "Outlet B writes its own opening lines here.\n" + "\n".join(WIRE[:3])
    # outlet C changes quotes and spacing but not words: still the same passage
    c = "Outlet C: a third intro.\n" + "  ".join(WIRE).replace("Monday,", "Monday ,")
    passages = shared_passages([("a", a), ("b", b), ("c", c)])
    assert len(passages) == 1
    (p,) = passages
    assert [o.article_id for o in p.occurrences] == ["a", "b", "c"]
    for occ, text in zip(p.occurrences, (a, b, c), strict=True):
        span = text[occ.start:occ.end]
        assert span.startswith("Belarusian President") and span.endswith("second one.")
    assert "Intro" not in p.text and "skiing" not in p.text


def test_different_overlaps_make_different_passages():
    a = " ".join(WIRE) + " " + EXTRA
    b = " ".join(WIRE)
    c = WIRE[2] + " " + EXTRA + " A line only outlet C prints about something else entirely."
    passages = {len(p.occurrences): p for p in shared_passages([("a", a), ("b", b), ("c", c)])}
    # the first two paragraphs are in a and b; the third in all three
    texts = sorted(p.text[:20] for p in passages.values())
    assert any(t.startswith("Belarusian") for t in texts)
    assert passages[3].text == WIRE[2]


def test_short_shared_lines_are_not_passages():
    a = "The Kremlin declined to comment on the matter. Something else happened in Minsk today."
    b = "The Kremlin declined to comment on the matter. Talks on gas resume next month in Moscow."
    assert shared_passages([("a", a), ("b", b)]) == []


def test_find_passages_writes_tables_and_is_repeatable(tmp_path):
    store = Store.open(tmp_path / "s.duckdb")
    a = _article("A says hello first.\n" + " ".join(WIRE), "a")
    b = _article(" ".join(WIRE) + "\nB adds a closing line about the weather in Sochi.", "b")
    c = _article("An unrelated article about the Nile dam talks between Egypt and Sudan.", "c")
    with store.transaction():
        store.insert_records([a, b, c])
    assert find_passages(store) == 1
    assert find_passages(store) == 1  # recomputed, not duplicated
    (p,) = store.passages()
    assert {o.article_id for o in p.occurrences} == {a.id, b.id}
    for o in p.occurrences:
        text = a.text if o.article_id == a.id else b.text
        assert text[o.start:o.end] == p.text
    assert store.count("passage_occurrences") == 2
    store.close()
