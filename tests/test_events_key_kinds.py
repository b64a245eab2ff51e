"""The key event kinds of Belarus-Russia news, end to end through `newsgraph code`'s
default (trusted) output: meetings with dates, sanctions, a phone call, an offer of
military help, accusations, a refusal, protests and detentions. The texts are written for
this test; the detector must keep each event with the right parties and date."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "k1", "date": None, "text": (
        "Lavrov and Lukashenko discuss integration in Minsk\n\nMINSK – Russian Foreign "
        "Minister Sergey Lavrov met Belarusian President Alexander Lukashenko in Minsk on "
        "Thursday, 26 November, three months after the August 2020 election. On Friday, "
        "Lavrov held talks with his Belarusian counterpart Vladimir Makei.")},
    {"id": "k2", "date": "2020-10-03", "text": (
        "EU imposes sanctions on Belarusian officials\n\nBRUSSELS, October 2 – The European "
        "Union on Friday imposed sanctions on 40 Belarusian officials over the violent "
        "crackdown on protesters. Minsk recalled its ambassadors from Poland and Lithuania.")},
    {"id": "k3", "date": "2020-08-16", "text": (
        "Putin offers Lukashenko military help\n\nMOSCOW, August 16 – Russian President "
        "Vladimir Putin told Alexander Lukashenko in a phone call on Sunday that Russia was "
        "ready to provide military assistance to Belarus if needed.")},
    {"id": "k4", "date": "2020-08-20", "text": (
        "Belarusian Foreign Minister Vladimir Makei on Thursday accused Poland and Lithuania "
        "of interfering in the internal affairs of Belarus. Lithuania rejected the "
        "accusation.")},
    {"id": "k5", "date": "2020-09-07", "text": (
        "Thousands rally in Minsk\n\nTens of thousands of protesters marched through Minsk on "
        "Sunday, demanding that Lukashenko resign. Police detained more than 600 people, the "
        "Interior Ministry said.")},
]

# (article, type, actor country, recipient name part or country, date or None to skip)
EXPECTED = [
    ("k1", "CONSULT", "RUS", "Lukashenko", "2020-11-26"),
    ("k1", "CONSULT", "RUS", "Makei", None),
    ("k2", "SANCTION", "EUR", "BLR", "2020-10-02"),
    ("k2", "SANCTION", "BLR", "POL", None),
    ("k3", "CONSULT", "RUS", "Lukashenko", "2020-08-16"),
    ("k3", "AID", "RUS", "BLR", None),
    ("k4", "ACCUSE", "BLR", "POL", "2020-08-20"),
    ("k4", "REJECT", "LTU", None, None),
    ("k5", "PROTEST", "BLR", None, "2020-09-06"),
    ("k5", "COERCE", "BLR", "BLR", None),
]


@pytest.fixture(scope="module")
def coded():
    from newsgraph.api import code_texts

    return {r["id"]: r["events"] for r in code_texts(ARTICLES)}


def _matches(ev, kind, actor_cc, recipient, date):
    actor = ev["actor"] or {}
    rec = ev["recipient"] or {}
    if ev["event"] != kind or actor.get("country") != actor_cc:
        return False
    if recipient is not None and recipient not in (rec.get("name") or "") \
            and rec.get("country") != recipient:
        return False
    return date is None or ev["date"] == date


@pytest.mark.parametrize(("article", "kind", "actor", "recipient", "date"), EXPECTED)
def test_events_key_kind_found_with_parties_and_date(coded, article, kind, actor, recipient,
                                                     date):
    events = coded[article]
    assert any(_matches(e, kind, actor, recipient, date) for e in events), [
        (e["event"], (e["actor"] or {}).get("name"), (e["recipient"] or {}).get("name"),
         e["date"]) for e in events]
