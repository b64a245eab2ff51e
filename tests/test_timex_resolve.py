"""Temporal expressions normalised against a fixed publication date (Thursday 2021-02-25)."""

from __future__ import annotations

import pytest

from newsgraph.nlp.timex import find_timex, resolve_date

ANCHOR = "2021-02-25"  # a Thursday


@pytest.mark.parametrize(("expr", "future", "expected"), [
    ("on Sunday", False, ("2021-02-21", "day")),
    ("on Sunday", True, ("2021-02-28", "day")),
    ("on Thursday", False, ("2021-02-25", "day")),
    ("last Thursday", False, ("2021-02-18", "day")),
    ("yesterday", False, ("2021-02-24", "day")),
    ("the day before", False, ("2021-02-24", "day")),
    ("today", False, ("2021-02-25", "day")),
    ("tomorrow", True, ("2021-02-26", "day")),
    ("last week", False, ("2021-02-15", "week")),
    ("On February 11", False, ("2021-02-11", "day")),
    ("On March 11", False, ("2020-03-11", "day")),  # after the anchor: last year's
    ("On March 11", True, ("2021-03-11", "day")),
    ("14 September", False, ("2020-09-14", "day")),
    ("since August", False, ("2020-08-01", "month")),
    ("in 2020", False, ("2020-01-01", "year")),
    ("August 9, 2020", False, ("2020-08-09", "day")),
    ("9 August 2020", False, ("2020-08-09", "day")),
    ("last year", False, ("2020-01-01", "year")),
    ("earlier this month", False, ("2021-02-01", "month")),
    ("last month", False, ("2021-01-01", "month")),
    ("two days ago", False, ("2021-02-23", "day")),
    ("2020-08-09", False, ("2020-08-09", "day")),
])
def test_timex_resolve_each_kind(expr, future, expected):
    assert resolve_date(expr, ANCHOR, future=future) == expected


def test_timex_relative_needs_anchor():
    assert resolve_date("on Sunday", None) == (None, None)
    assert resolve_date("August 9, 2020", None) == ("2020-08-09", "day")


def test_timex_since_is_never_future():
    assert resolve_date("since August", ANCHOR, future=True) == ("2020-08-01", "month")


def test_timex_find_in_doc_uses_tense(annotate_text):
    doc = annotate_text("Putin met Lukashenko on Sunday and will visit Minsk on Sunday.",
                        date=ANCHOR)
    found = find_timex(doc)
    assert [t.text for t in found] == ["on Sunday", "on Sunday"]
    assert [t.date for t in found] == ["2021-02-21", "2021-02-28"]
    assert doc.text[found[0].start:found[0].end] == "on Sunday"


def test_timex_event_date_from_sentence_else_article(annotate_text):
    doc = annotate_text("Lukashenko held talks with Putin on February 11. "
                        "The EU imposed sanctions on Belarus.", date=ANCHOR)
    by_type = {e.event: e for e in doc._.events}
    assert (by_type["CONSULT"].date, by_type["CONSULT"].date_precision) == ("2021-02-11", "day")
    assert by_type["CONSULT"].date_text == "on February 11"
    assert (by_type["SANCTION"].date, by_type["SANCTION"].date_precision) == (ANCHOR, "day")
    assert by_type["SANCTION"].date_text is None


def test_timex_place_from_dateline_when_sentence_has_none(annotate_text):
    doc = annotate_text("The EU imposed sanctions on Belarus.", date=ANCHOR, dateline="BRUSSELS")
    assert doc._.events[0].location is not None
    assert doc._.events[0].location.name == "BRUSSELS"
