"""Datelines, cited agencies, explicit dates and publication-date inference."""

from __future__ import annotations

import pytest

from newsgraph.ingest.metadata import (
    find_agencies,
    find_dates,
    infer_publication_date,
    parse_date,
    parse_dateline,
)


@pytest.mark.parametrize("text,place,agency,month,day,year", [
    ("MINSK, February 25 – RIA Novosti. The talks ended.", "Minsk", "RIA Novosti", 2, 25, None),
    ("Washington (AFP) – The senator said.", "Washington", "AFP", None, None, None),
    ("MOSCOW, November 23 – RIA Novosti The court ruled.", "Moscow", "RIA Novosti", 11, 23, None),
    ("KYIV, Ukraine (AP) — Officials said.", "Kyiv", "AP", None, None, None),
    ("LONDON, Feb 3 (Reuters) - Shares fell.", "London", "Reuters", 2, 3, None),
    ("Minsk, 12 August 2020 /BelTA/ The count began.", "Minsk", "BelTA", 8, 12, 2020),
    ("MOSCOW, November 23. /TASS/. The minister said.", "Moscow", "TASS", 11, 23, None),
    ("WASHINGTON — The president signed.", "Washington", None, None, None, None),
    ("ST. PETERSBURG, June 4 (Interfax) - A forum opened.", "St. Petersburg", "Interfax", 6, 4,
     None),
])
def test_ingest_metadata_dateline_variants(text, place, agency, month, day, year):
    d = parse_dateline(text)
    assert d is not None
    assert (d.place, d.agency, d.month, d.day, d.year) == (place, agency, month, day, year)
    assert d.start == 0 and text[d.end:].strip()[0].isalpha()


@pytest.mark.parametrize("text", [
    "Trump — who once called the race rigged — spoke.",
    "BREAKING — Parliament dissolved.",
    "The president met the premier (AFP) in Minsk.",
    "Minsk is the capital of Belarus.",
])
def test_ingest_metadata_no_dateline(text):
    assert parse_dateline(text) is None


def test_ingest_metadata_dateline_in_a_later_paragraph_has_offsets():
    text = "A subtitle line.\n\nPORTSMOUTH, N.H. — He may be an underdog."
    d = parse_dateline(text)
    assert d.place == "Portsmouth" and text[d.start:d.start + 10] == "PORTSMOUTH"


def test_ingest_metadata_agencies_in_order_without_false_positives():
    text = ("KYIV, Ukraine (AP) — Citing Interfax-Ukraine, Reuters and the Associated Press, "
            "the APEC summit, a CAPTAIN's map and the Sputnik V vaccine; ITAR-TASS later.")
    assert find_agencies(text) == ["AP", "Interfax", "Reuters", "TASS"]
    assert find_agencies("Apart from APEC, the rapport was good.") == []


@pytest.mark.parametrize("value,expected", [
    ("2020-08-12", ("2020-08-12", "day")),
    ("2020-08-12T10:00:00+03:00", ("2020-08-12", "day")),
    ("12.08.2020", ("2020-08-12", "day")),
    ("August 12, 2020", ("2020-08-12", "day")),
    ("12 Aug 2020", ("2020-08-12", "day")),
    ("Wed, 12 Aug 2020 10:00:00 GMT", ("2020-08-12", "day")),
    ("2020-08", ("2020-08-01", "month")),
    ("August 2020", ("2020-08-01", "month")),
    ("2020", ("2020-01-01", "year")),
    ("not a date", None),
    ("2020-13-45", None),
])
def test_ingest_metadata_parse_explicit_date(value, expected):
    assert parse_date(value) == expected


def test_ingest_metadata_year_from_dated_past_events():
    text = ("MOSCOW, November 23 – RIA Novosti. Protests have continued since the August 9, "
            "2020 election. On February 11 the court sentenced two journalists.")
    d = parse_dateline(text)
    assert infer_publication_date(text, dateline=d) == ("2021-11-23", "day")
    # without the yearless past mention, the earliest consistent year is 2020
    text2 = "MOSCOW, November 23 – Protests have continued since the August 9, 2020 election."
    assert infer_publication_date(text2, dateline=parse_dateline(text2)) == ("2020-11-23", "day")
    # a yearless day just before the dated event belongs to the same year
    text4 = ("MOSCOW, November 23 – The election of August 9, 2020 was disputed. On August 5 "
             "the candidates held their last rallies.")
    assert infer_publication_date(text4, dateline=parse_dateline(text4)) == ("2020-11-23", "day")
    # a dateline before the dated event in the calendar year moves to the next year
    text3 = "MINSK, March 2 – The vote of August 9, 2020 is still disputed."
    assert infer_publication_date(text3, dateline=parse_dateline(text3)) == ("2021-03-02", "day")


def test_ingest_metadata_year_from_a_month_with_year():
    text = ("MINSK, February 23 (BelTA) – The minister criticised the sanctions imposed in "
            "December 2020.")
    assert infer_publication_date(text, dateline=parse_dateline(text)) == ("2021-02-23", "day")


def test_ingest_metadata_datelined_report_is_not_dated_by_background():
    text = "Vilnius (AFP) – She ran in the election of August 9, 2020 and left on Tuesday."
    assert infer_publication_date(text, dateline=parse_dateline(text)) == (None, None)


def test_ingest_metadata_no_dates_means_none():
    text = "MINSK, February 25 – RIA Novosti. The talks ended on Monday."
    assert infer_publication_date(text, dateline=parse_dateline(text)) == (None, None)
    assert infer_publication_date("No dates at all here.") == (None, None)


def test_ingest_metadata_explicit_wins_and_future_is_ignored():
    text = ("MINSK, February 25 – The vote of August 9, 2020 was disputed. Elections are "
            "scheduled for May 5, 2025.")
    assert infer_publication_date(text, dateline=parse_dateline(text), explicit="2021-02-26") \
        == ("2021-02-26", "day")
    assert infer_publication_date(text, dateline=parse_dateline(text)) == ("2021-02-25", "day")
    future = find_dates(text)[-1]
    assert future.future and future.year == 2025


def test_ingest_metadata_latest_full_date_without_dateline():
    text = "The ceasefire signed on March 3, 2019 collapsed on April 1, 2019, officials said."
    assert infer_publication_date(text) == ("2019-04-01", "day")
    # a lone historic date is not taken when a later year is mentioned
    text = "Since the Sept. 11, 2001 attacks, the law has changed; in 2016 it was amended."
    assert infer_publication_date(text) == (None, None)
