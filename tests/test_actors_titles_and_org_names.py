"""A country's name inside an organisation's name, and gendered titles before surnames."""

from __future__ import annotations


def _entities(annotate_text, text):
    doc = annotate_text(text)
    return {m.text: m.actor for m in doc._.ng_mentions}


def test_actors_country_inside_org_name_is_the_org(annotate_text):
    ents = _entities(annotate_text, "Priorities USA, a pro-Clinton super PAC, attacked Trump "
                                    "in a new ad.")
    assert "USA" not in ents  # not the United States acting
    org = ents["Priorities USA"]
    assert org.type == "ORG" and org.country == "USA"


def test_actors_country_alone_is_still_the_country(annotate_text):
    ents = _entities(annotate_text, "The USA imposed sanctions on the company.")
    assert ents["USA"].country == "USA" and ents["USA"].type == "GPE"


def test_actors_gendered_title_picks_the_namesake_of_that_gender(annotate_text):
    ents = _entities(annotate_text, "Hillary Clinton spoke first. Then Mr. Clinton told the "
                                    "crowd that his wife would win.")
    assert ents["Hillary Clinton"].name == "Hillary Clinton"
    assert ents["Clinton"].name == "Bill Clinton"


def test_events_city_naming_an_event_does_not_act(candidates):
    events = candidates("Leaders praised the Paris agreement. The Minsk agreements failed.")
    agree = [e for e in events if e.event == "AGREE"]
    assert agree and all(e.actor is None for e in agree)
