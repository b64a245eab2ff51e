"""Story similarity and story clustering on short texts written for the tests."""

from __future__ import annotations

from newsgraph.link.stories import cluster_stories, same_story, similarity
from newsgraph.records import Article, Story
from newsgraph.store.duckdb import Store

SOCHI_1 = ("Belarusian President Alexander Lukashenko met Russian President Vladimir Putin in "
           "Sochi on Monday. The leaders discussed the $1.5 billion Russian loan and the "
           "integration of the Union State, the Kremlin said.")
SOCHI_2 = ("Putin and Lukashenko held talks in Sochi. The Kremlin said the Russian loan of "
           "$1.5 billion to Belarus and Union State integration were on the agenda.")
SOCHI_3 = ("In Sochi, Lukashenko thanked Putin for the Russian loan. The two presidents also "
           "talked about gas prices and the Union State, the Kremlin press service said.")
NILE_1 = ("Sudan proposed international mediation in its dispute with Ethiopia over the Grand "
          "Ethiopian Renaissance Dam on the Blue Nile. Egypt backed the proposal.")
NILE_2 = ("Egypt supported Sudan's call to widen the mediation on the Ethiopian dam on the Blue "
          "Nile, while Ethiopia said the African Union should keep leading the talks.")
HOCKEY = ("The Pittsburgh Penguins beat the Ottawa Senators 5-2 on Saturday night, with "
          "Malkin scoring twice in the third period.")


def test_similarity_range_and_symmetry():
    for a, b in [(SOCHI_1, SOCHI_2), (SOCHI_1, NILE_1), (NILE_1, HOCKEY), ("", SOCHI_1)]:
        s = similarity(a, b)
        assert 0.0 <= s <= 1.0
        assert abs(s - similarity(b, a)) < 1e-9
    assert similarity(SOCHI_1, SOCHI_1) > 0.99


def test_same_story_scores_above_different_story():
    assert similarity(SOCHI_1, SOCHI_2) > similarity(SOCHI_1, NILE_1)
    assert similarity(NILE_1, NILE_2) > similarity(NILE_1, SOCHI_2)
    assert same_story(SOCHI_1, SOCHI_2)
    assert same_story(NILE_1, NILE_2)
    assert not same_story(SOCHI_1, NILE_1)
    assert not same_story(SOCHI_2, HOCKEY)


def test_dates_far_apart_lower_the_score():
    near = similarity(SOCHI_1, SOCHI_2, "2021-02-22", "2021-02-23")
    far = similarity(SOCHI_1, SOCHI_2, "2021-02-22", "2021-09-22")
    assert near == similarity(SOCHI_1, SOCHI_2)
    assert far < near / 2


def _store(tmp_path, texts):
    store = Store.open(tmp_path / "s.duckdb")
    arts = [Article(id=Article.make_id(t), source=f"f{i}", title=f"title {i}", text=t,
                    published=f"2021-02-{20 + i:02d}") for i, t in enumerate(texts)]
    with store.transaction():
        store.insert_records(arts)
    return store, arts


def test_cluster_stories_groups_articles_and_sets_story_ids(tmp_path):
    texts = [SOCHI_1, NILE_1, SOCHI_2, HOCKEY, NILE_2, SOCHI_3]
    store, arts = _store(tmp_path, texts)
    assert cluster_stories(store) == 3
    story_of = {r["id"]: r["story_id"] for r in store.rows("SELECT id, story_id FROM articles")}
    sochi = {story_of[arts[i].id] for i in (0, 2, 5)}
    nile = {story_of[arts[i].id] for i in (1, 4)}
    assert len(sochi) == 1 and len(nile) == 1 and sochi != nile
    assert story_of[arts[3].id] not in sochi | nile
    stories = {s.id: s for s in store.records(Story)}
    (sochi_story,) = (stories[i] for i in sochi)
    assert sorted(sochi_story.article_ids) == sorted(arts[i].id for i in (0, 2, 5))
    assert (sochi_story.first_date, sochi_story.last_date) == ("2021-02-20", "2021-02-25")
    assert sochi_story.title == "title 0"  # the earliest article's title
    # stable ids: clustering again gives the same stories
    assert cluster_stories(store) == 3
    assert set(stories) == {s.id for s in store.records(Story)}
    store.close()


def test_cluster_stories_on_empty_store(tmp_path):
    store = Store.open(tmp_path / "s.duckdb")
    assert cluster_stories(store) == 0
    store.close()


def test_a_bridging_article_does_not_chain_two_stories():
    from newsgraph.link.stories import Item, cluster_articles

    bridge = SOCHI_2 + " " + NILE_2  # a digest covering both stories
    assert same_story(SOCHI_1, bridge) and same_story(bridge, NILE_1)
    result = cluster_articles([Item("a", SOCHI_1), Item("b", bridge), Item("c", NILE_1)])
    assert len(result.clusters) == 2
    assert ["c"] in result.clusters or ["a"] in result.clusters


def test_linked_pairs_are_used_and_unknown_ids_ignored():
    from newsgraph.link.stories import Item, cluster_articles

    items = [Item(str(i), t) for i, t in enumerate([SOCHI_1, SOCHI_2, NILE_1, HOCKEY])]
    result = cluster_articles(items, linked_pairs=[("0", "1"), ("0", "missing")])
    assert ["0", "1"] in result.clusters


def test_reprints_stay_one_story_despite_a_wrong_date(tmp_path):
    from newsgraph.link.passages import find_passages

    from .test_link_passages import WIRE

    wire = " ".join(WIRE)
    texts = ["Outlet A: " + wire, wire + " Outlet B adds one line.", NILE_1]
    store = Store.open(tmp_path / "s.duckdb")
    arts = [Article(id=Article.make_id(t), source=f"f{i}", title=f"t{i}", text=t,
                    published=d) for i, (t, d) in
            enumerate(zip(texts, ["2021-02-22", "2020-08-09", "2021-02-22"], strict=True))]
    with store.transaction():
        store.insert_records(arts)
    assert cluster_stories(store) == 3  # months apart, and no passages computed yet
    find_passages(store)
    assert cluster_stories(store) == 2  # a reprint is the same story whatever its date
    store.close()
