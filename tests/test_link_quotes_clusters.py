"""Quote clusters across articles: several outlets, two translations, singletons, increments."""

from __future__ import annotations

from newsgraph.link.quotes import cluster_quotes, group_by_cluster, query_quotes, same_statement
from newsgraph.records import Entity, Quote, stable_id
from newsgraph.store.duckdb import Store


def q(article: str, content: str, speaker: str | None = "Sergey Lavrov",
      entity: str | None = "e_lavrov", text: str | None = None) -> Quote:
    return Quote(id=Quote.make_id(article, 0, len(content)), article_id=article,
                 speaker_entity_id=entity, speaker=speaker, speaker_text=text or speaker,
                 cue="said", content=content, start=0, end=len(content), kind="direct")


def clusters(store: Store) -> dict[str, str]:
    return {r["id"]: r["cluster_id"] for r in store.rows("SELECT id, cluster_id FROM quotes")}


def test_link_quotes_two_outlets_and_a_translation(tmp_path):
    records = [
        q("a1", "We should, perhaps, not talk about some kind of reset in our relations."),
        q("a2", "Perhaps, we don't need not talk about some kind of reset in relations", text="he"),
        q("a3", "We should perhaps not talk about some kind of reset in our relations",
          speaker=None, entity=None, text="the minister"),
        q("a4", "The sanctions against Belarus are illegal and will fail."),
    ]
    with Store.open(tmp_path / "t.duckdb") as store:
        with store.transaction():
            store.insert_records(records)
        assert cluster_quotes(store) == 1
        ids = clusters(store)
        reset = {ids[r.id] for r in records[:3]}
        assert len(reset) == 1
        assert ids[records[3].id] == stable_id("qc", records[3].id)
        sources = {r["id"]: r["sources"] for r in store.rows("SELECT id, sources FROM quotes")}
        assert sources[records[0].id] == 3 and sources[records[3].id] == 1


def test_link_quotes_different_speakers_stay_apart(tmp_path):
    records = [q("a1", "The talks in Geneva were useful and constructive for both sides."),
               q("a2", "The talks in Geneva were useful and constructive for both sides.",
                 speaker="Antony Blinken", entity="e_blinken")]
    with Store.open(tmp_path / "t.duckdb") as store:
        with store.transaction():
            store.insert_records(records)
        assert cluster_quotes(store) == 0
        assert len(set(clusters(store).values())) == 2


def test_link_quotes_incremental_keeps_ids(tmp_path):
    first = q("a1", "Belarus will never become a colony of anyone, East or West.",
              speaker="Alexander Lukashenko", entity="e_luk")
    later = q("a2", "Belarus will never become anyone's colony, East or West",
              speaker="Alexander Lukashenko", entity="e_luk")
    with Store.open(tmp_path / "t.duckdb") as store:
        with store.transaction():
            store.insert_records([first])
        assert cluster_quotes(store) == 0
        before = clusters(store)[first.id]
        assert before == stable_id("qc", first.id)
        with store.transaction():
            store.insert_records([later])
        assert cluster_quotes(store) == 1
        after = clusters(store)
        assert after[first.id] == after[later.id] == before


def test_link_quotes_query_by_speaker_and_group(tmp_path):
    records = [q("a1", "Sanctions only make us stronger and more united.",
                 speaker="Alexander Lukashenko", entity="e_luk", text="Lukashenka"),
               q("a2", "Sanctions only make us stronger and more united, he said",
                 speaker=None, entity="e_luk", text="he"),
               q("a3", "The West has tried this scenario many times before.")]
    with Store.open(tmp_path / "t.duckdb") as store:
        with store.transaction():
            store.insert_records(records)
            store.insert_records([Entity("e_luk", "Alexander Lukashenko", "PERSON",
                                         aliases=["Lukashenka", "Lukashenko"])])
        cluster_quotes(store)
        found = query_quotes(store, speaker="lukashenka")
        assert {x.id for x in found} == {records[0].id, records[1].id}
        groups = group_by_cluster(found)
        assert len(groups) == 1 and groups[0].sources == 2


def test_link_quotes_same_statement_rejects_unrelated():
    assert not same_statement("We will hold talks with Moscow next week",
                              "The economy is growing faster than expected this year")
