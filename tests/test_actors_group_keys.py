"""Group keys and names: country-less groups are per article, bloc words code groups,
a state's government metonym is named apart from the state."""

from __future__ import annotations


def test_actors_group_without_country_is_keyed_per_article(nlp):
    from newsgraph.nlp.doc_ext import ensure_extensions

    ensure_extensions()
    keys = []
    for aid in ("art-1", "art-2"):
        doc = nlp.make_doc("Protesters gathered outside and demanded answers.")
        doc._.ng_article_id = aid
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        keys += [m.actor.key for m in doc._.ng_mentions if m.kind == "group"]
    assert keys == ["group::CVL:art-1", "group::CVL:art-2"]


def test_actors_bloc_word_and_government_metonym_names(nlp):
    doc = nlp("Western governments criticised the vote. The Kremlin said Russia would not "
              "change course.")
    by_text = {m.text: m for m in doc._.ng_mentions}
    western = by_text["Western governments"].actor
    assert (western.country, western.sector, western.name) == ("WST", "GOV",
                                                               "the West: government")
    assert by_text["Kremlin"].actor.name == "Russia: government"
    assert by_text["Russia"].actor.name == "Russia"
