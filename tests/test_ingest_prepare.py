"""prepare_article: cleaning, title, dateline, agencies, author and the date order."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.prepare import prepare_article
from newsgraph.ingest.readers import MAX_ARTICLE_CHARS, RawRecord
from newsgraph.records import Article

BODY = ("Home Politics Leaders meet in Sochi\n\n"
        "MOSCOW, November 23 – RIA Novosti. Protests have continued since the August 9, 2020 "
        "election, Interfax reported. On February 11 a court sentenced two journalists.\n\n"
        "Leave a Reply\nAuthor: Anna Ivanova\nSources: BelTA and TASS")


def test_ingest_prepare_fills_metadata():
    a = prepare_article(RawRecord(source="x.txt", title="Leaders meet in Sochi", text=BODY))
    assert a.text.startswith("MOSCOW, November 23 – RIA Novosti.")  # dateline kept in text
    assert "Leave a Reply" not in a.text and "Leaders meet" not in a.text
    assert a.removed == ["Home Politics Leaders meet in Sochi", "Leave a Reply",
                         "Author: Anna Ivanova", "Sources: BelTA and TASS"]
    assert a.title == "Leaders meet in Sochi" and a.author == "Anna Ivanova"
    assert a.agencies == ["BelTA", "TASS", "RIA Novosti", "Interfax"]
    assert (a.dateline_place, a.dateline_month, a.dateline_day) == ("Moscow", 11, 23)
    assert (a.published, a.published_precision) == ("2021-11-23", "day")
    assert a.id == Article.make_id(a.text) and a.sources == ["x.txt"]


def test_ingest_prepare_date_order():
    raw = RawRecord(source="x.jsonl:3", text=BODY, date="2021-11-24", line=3)
    assert prepare_article(raw).published == "2021-11-24"  # the record's date beats inference
    a = prepare_article(raw, default_date="2020-01-02")  # the user's default beats everything
    assert (a.published, a.published_precision) == ("2020-01-02", "day")
    with pytest.raises(InputError):
        prepare_article(raw, default_date="someday")


def test_ingest_prepare_html():
    html = ("<html><head><title>Leaders meet in Sochi</title>"
            "<meta property=\"article:published_time\" content=\"2021-02-25\"></head><body>"
            "<article><h1>Leaders meet in Sochi</h1><p>MINSK, February 25 – RIA Novosti. "
            "The Belarusian leader met the Russian president in Sochi on Monday to discuss a "
            "loan and closer integration of the two states.</p><p>The talks lasted more than "
            "five hours, officials said after the meeting ended late in the evening.</p>"
            "</article></body></html>")
    a = prepare_article(RawRecord(source="p.html", html=html))
    assert a.title == "Leaders meet in Sochi"
    assert a.text.startswith("MINSK, February 25") and "five hours" in a.text
    assert a.published == "2021-02-25" and a.dateline_place == "Minsk"


def test_ingest_prepare_rejects_empty_and_oversized():
    with pytest.raises(InputError, match="no article text") as e:
        prepare_article(RawRecord(source="f.jsonl:7", text="Leave a Reply\n\n", line=7))
    assert "f.jsonl:7" in str(e.value)
    with pytest.raises(InputError, match="limit"):
        prepare_article(RawRecord(source="big.txt", text="x" * (MAX_ARTICLE_CHARS + 1)))
    with pytest.raises(InputError, match="HTML"):
        prepare_article(RawRecord(source="nav.html",
                                  html="<html><body><nav>Home</nav></body></html>"))


def test_ingest_prepare_same_text_same_id():
    a = prepare_article(RawRecord(source="a.txt", text="Body text.\n\nLeave a Reply"))
    b = prepare_article(RawRecord(source="b.jsonl:1", text="Body text.", line=1))
    assert a.id == b.id


def test_ingest_prepare_breadcrumb_headline_line_of_a_text_file():
    raw = RawRecord(source="b.txt", title="Home Politics Leaders meet in Sochi",
                    text="Leaders meet in Sochi\n\nThe talks ended late on Monday.")
    a = prepare_article(raw)
    assert a.title == "Leaders meet in Sochi" and a.text == "The talks ended late on Monday."
    assert a.removed == ["Home Politics Leaders meet in Sochi", "Leaders meet in Sochi"]
