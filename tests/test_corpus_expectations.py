"""The demo corpus as an acceptance oracle: what a correct run on examples/corpus must produce.

The expectations are data, at the top of this file, written from what the articles say (see
examples/corpus/README.md). The tests run the real pipeline once per session
(``newsgraph.api.ingest``) and check the store, the way a demanding analyst would: titles,
dates, datelines, agencies and bylines; the junk removed and the story kept; one entity per
real person with the right country and sector; quotes with their real speakers; events with
type, parties, date and modality; reused wire copy found as shared passages; and the
articles grouped into stories.

Articles are found by a marker: a sentence only that article carries (so the checks do not
depend on file names surviving as ``source``). The pipeline tests are marked slow; two fast
tests check that the expectations still match the corpus files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

slow = pytest.mark.slow  # every test that runs the pipeline; the oracle checks are fast

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

ANY = object()  # "not checked" (used where the text does not decide the answer)

# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Expect:
    """What one article must look like after ingest."""

    marker: str  # a sentence found only in this article's cleaned text
    title: str
    published: tuple[str | None, ...]  # acceptable values of `published`
    precision: Any = "day"  # published_precision when a date is found
    dateline: Any = None  # dateline place (case-insensitive) or None
    agencies: frozenset[str] = frozenset()  # agencies that must be listed (at least these)
    author: Any = ANY
    junk: tuple[str, ...] = ()  # lines that must be gone from the text
    junk_in_removed: bool = True  # ... and be kept in `removed` (text formats)
    kept: tuple[str, ...] = ()  # sentences that must survive cleaning
    story: str | None = None  # articles with the same label share a story


COMMENT_FORM = ("Leave a Reply",
                "Your email address will not be published. Required fields are marked *")

ARTICLES: dict[str, Expect] = {
    "01_ria_sochi_talks.txt": Expect(
        marker="It is the first face-to-face meeting of the two presidents",
        title="Lukashenko and Putin hold five-hour talks in Sochi",
        published=("2021-02-22",), dateline="Sochi", agencies=frozenset({"RIA Novosti"}),
        kept=("Lukashenko flew to Russia the day before.",
              "According to Peskov, the presidents would focus on trade"),
        story="sochi"),
    "02_minsk_daily_sochi.txt": Expect(
        marker="ended with warm words on both sides",
        title="Minsk and Moscow sum up Sochi summit",
        published=("2021-02-22",),
        junk=("Photo: press service of the President of Belarus", "Share this:",
              "Facebook", "Twitter", "Telegram",  # share buttons, one per line
              "Load More Related Articles", *COMMENT_FORM, "Comment", "Name *", "Email *",
              "Lukashenko, Putin, Belarus, Russia, Sochi"),
        kept=("After the official part, the presidents went skiing at Krasnaya Polyana",),
        story="sochi"),
    "03_reuters_sochi_loan.txt": Expect(
        marker="asked Russia on Monday for further financial help",
        title="Lukashenka seeks more Russian cash as Putin presses integration",
        published=("2021-02-22",),  # "February 22" after the past "August 2020" election
        dateline="Sochi", agencies=frozenset({"Reuters"}),
        kept=('"If they came to power, they would break all our agreements with Russia the '
              'next day," he said',),
        story="sochi"),
    "04_tass_military_assistance.txt": Expect(
        marker="Russia is ready to provide military assistance to Belarus",
        title="Kremlin: Russia ready to help Belarus militarily if its borders are threatened",
        # no dated fact gives the year ("Zapad-2021" is a name): null is right, 2021 too
        published=(None, "2021-02-24"), dateline="Moscow", agencies=frozenset({"TASS"})),
    "05_afp_vilnius_tsikhanouskaya.txt": Expect(
        marker="Landsbergis met Tsikhanouskaya in Vilnius",
        title="Belarus opposition leader urges tougher EU sanctions",
        # the dateline has no date: unknown is right; "on Tuesday" after the Sochi meeting
        # of 22 February is 23 February; the 2020 election date would be wrong
        published=(None, "2021-02-23"), precision=ANY, dateline="Vilnius",
        agencies=frozenset({"AFP"}), story="opposition"),
    "06_tass_lavrov_interview.txt": Expect(
        marker="gave a long interview to Russian television on Wednesday",
        title="Lavrov: the West is trying to repeat a colour revolution in Belarus",
        published=(None, "2021-02-24"),  # no year anywhere in the text
        dateline="Moscow", agencies=frozenset({"TASS"}),
        kept=("Sergey Lavrov", "On colour revolutions:")),  # speaker header: content, not junk
    "07_belta_makei_reset.txt": Expect(
        marker="the head of the republic's foreign ministry Vladimir Makei said",
        title="Makei: Belarus ready for dialogue with EU, but on equal terms",
        published=("2021-02-23",), dateline="Minsk",
        agencies=frozenset({"BelTA", "TASS", "Interfax"}), author="Irina Kovalenko",
        junk=("Author: Irina Kovalenko", "Sources: BelTA, TASS and Interfax"),
        story="reset"),
    "08_eurasia_makey_reset.txt": Expect(
        marker="dismissing talk of a return to the thaw of recent years",
        title='Belarusian FM Makey rules out "reset" with Brussels',
        published=("2021-02-23",), dateline="Minsk",
        junk=("Share this:", "Load More In Politics",
              "Tikhanovskaya, Belarus, Russia, Lukashenko"),
        # after the unbalanced quotation mark the article goes on
        kept=("Makey said both could wait.",),
        story="reset"),
    "09_eu_sanctions_brussels.txt": Expect(
        marker="discussed a fourth package of sanctions against Belarus",
        title="EU foreign ministers weigh fourth round of Belarus sanctions",
        published=("2021-02-22",), dateline="Brussels"),
    "10_interfax_minsk_protests.txt": Expect(
        marker="Police in Minsk detained at least 50 people on Sunday",
        title="Dozens detained as protesters return to Minsk streets",
        published=("2021-02-22",), dateline="Minsk", agencies=frozenset({"Interfax"})),
    "11_ap_state_department.txt": Expect(
        marker="accused the Belarusian authorities of waging a campaign of repression",
        title="US says it stands with the people of Belarus, warns of more sanctions",
        published=("2021-02-23",), dateline="Washington", agencies=frozenset({"AP"})),
    "12_ria_union_state_background.txt": Expect(
        # the year-inference case: "February 25" + "August 9, 2020" + past "February 11"
        marker="intend to complete work on the remaining integration roadmaps",
        title="Minsk and Moscow to finalise integration roadmaps by summer",
        published=("2021-02-25",), dateline="Minsk", agencies=frozenset({"RIA Novosti"})),
    "13_pap_poland_lithuania.txt": Expect(
        marker="agreed to coordinate visas, scholarships and medical treatment",
        title="Poland and Lithuania pledge support for Belarusian civil society",
        published=(None, "2021-02-24"),  # no year anywhere in the text
        dateline="Warsaw", agencies=frozenset({"PAP"})),
    "14_afp_gerd_khartoum.txt": Expect(
        marker="Sudanese Irrigation Minister Yasser Abbas said",
        title="Sudan proposes international mediation in Nile dam dispute",
        published=(None, "2021-02-23"), precision=ANY, dateline="Khartoum",
        agencies=frozenset({"AFP"}), story="nile"),
    "15_belarus_portal_sochi.html": Expect(
        marker="Economists in Minsk say the Belarusian economy will need further Russian credit",
        title="Putin and Lukashenko meet in Sochi, discuss loan and integration",
        published=("2021-02-23",), author="Pavel Sidorenko",
        junk=(*COMMENT_FORM, "Load More Related Articles", "Share this:",
              "Photo: press service of the President of Belarus", "All rights reserved",
              "Most read", "Snowfall expected across Belarus", "Subscribe to our newsletter"),
        junk_in_removed=False,  # page furniture, not lines of the text
        kept=("Our correspondent sums up what is known about the meeting.",),
        story="sochi"),
    "16_wire_digest.jsonl#1": Expect(
        marker="EU foreign ministers are expected to return to the question of sanctions",
        title="Tsikhanouskaya asks Brussels for new sanctions on Minsk",
        published=("2021-02-24",), story="opposition"),
    "16_wire_digest.jsonl#2": Expect(
        marker="Egypt on Thursday backed Sudan's proposal",
        title="Egypt backs Sudan's call for wider mediation on Ethiopian dam",
        published=("2021-02-25",), story="nile"),
    "16_wire_digest.jsonl#3": Expect(
        marker="is a technical one and will be solved by the finance ministries",
        title="Peskov: the second tranche of the loan to Belarus is a technical matter",
        published=("2021-02-22",)),
    "17_opposition_prisoners_cp1251.txt": Expect(
        marker="has passed 240, human rights defenders said on Sunday",
        title="Political prisoners in Belarus: the list keeps growing",
        # "21 February" + "September 7, 2020" (past) → 2021
        published=("2021-02-21",), dateline="Minsk",
        kept=("Святлана Ціханоўская", "Аляксандр Лукашэнка")),  # decoded from cp1251
    "18_explainer_union_state.txt": Expect(
        marker="The Union State is a supranational association of Russia and Belarus.",
        title="Explainer: what is the Union State of Russia and Belarus?",
        published=(None,)),  # no date anywhere: never invent one
}

#: Every real person or body, its spellings in the corpus, and its code (country, sector);
#: a set lists the codes a correct coder may choose between.
ACTORS: dict[str, dict[str, Any]] = {
    "Alexander Lukashenko": {
        "variants": ["Alexander Lukashenko", "Lukashenko", "Lukashenka",
                     "Aliaksandr Lukashenka", "Alexander Grigoryevich"],
        "country": {"BLR"}, "sector": {"GOV"}},
    "Vladimir Putin": {"variants": ["Vladimir Putin", "Putin", "Vladimir Vladimirovich"],
                       "country": {"RUS"}, "sector": {"GOV"}},
    "Sviatlana Tsikhanouskaya": {
        "variants": ["Sviatlana Tsikhanouskaya", "Tsikhanouskaya", "Svetlana Tikhanovskaya",
                     "Sviatlana Tikhanovskaya"],
        "country": {"BLR"}, "sector": {"OPP"}},
    "Vladimir Makei": {"variants": ["Vladimir Makei", "Makei", "Vladimir Makey", "Makey"],
                       "country": {"BLR"}, "sector": {"GOV"}},
    "Sergey Lavrov": {"variants": ["Sergey Lavrov", "Lavrov"],
                      "country": {"RUS"}, "sector": {"GOV"}},
    "Dmitry Peskov": {"variants": ["Dmitry Peskov", "Peskov"],
                      "country": {"RUS"}, "sector": {"GOV"}},
    "Josep Borrell": {"variants": ["Josep Borrell", "Borrell"],
                      "country": {"IGO", "EUR"}, "sector": {"GOV", "IGO"}},
    "Gabrielius Landsbergis": {"variants": ["Gabrielius Landsbergis", "Landsbergis"],
                               "country": {"LTU"}, "sector": {"GOV"}},
    "Zbigniew Rau": {"variants": ["Zbigniew Rau", "Rau"], "country": {"POL"}, "sector": {"GOV"}},
    "Mateusz Morawiecki": {"variants": ["Mateusz Morawiecki"], "country": {"POL"},
                           "sector": {"GOV"}},
    "Ned Price": {"variants": ["Ned Price", "Price"], "country": {"USA"}, "sector": {"GOV"}},
    "Antony Blinken": {"variants": ["Antony Blinken"], "country": {"USA"}, "sector": {"GOV"}},
    "Ivan Kubrakov": {"variants": ["Ivan Kubrakov"], "country": {"BLR"},
                      "sector": {"GOV", "COP"}},
    "Viktor Khrenin": {"variants": ["Viktor Khrenin"], "country": {"BLR"},
                       "sector": {"GOV", "MIL"}},
    "Sameh Shoukry": {"variants": ["Sameh Shoukry", "Shoukry"], "country": {"EGY"},
                      "sector": {"GOV"}},
    "Yasser Abbas": {"variants": ["Yasser Abbas", "Abbas"], "country": {"SDN"},
                     "sector": {"GOV"}},
    "European Union": {"variants": ["European Union", "EU"], "country": {"IGO", "EUR"},
                       "sector": ANY},
    "NATO": {"variants": ["NATO"], "country": {"IGO", "NAT"}, "sector": ANY},
}

#: Pairs of names that are different people and must stay different entities.
DISTINCT = [("Sergei Tikhanovsky", "Tsikhanouskaya"), ("Vladimir Makei", "Vladimir Putin")]

#: Strings that must never become entities (web junk, breadcrumbs).
NOT_ENTITIES = ["Home Politics", "Load More Related Articles", "Leave a Reply", "Share this",
                "Load More In Politics", "Required", "Comment"]

#: Statements: (article, speaker actor, a snippet of the content, extra checks).
QUOTES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("01_ria_sochi_talks.txt", "Alexander Lukashenko", "we have come through a difficult period",
     {"kind": "direct"}),
    ("01_ria_sochi_talks.txt", "Vladimir Putin", "our cabinets are working hard",
     {"kind": "direct"}),  # cue "the Russian president said"
    ("01_ria_sochi_talks.txt", "Dmitry Peskov", "focus on trade, energy prices", {}),
    ("03_reuters_sochi_loan.txt", "Alexander Lukashenko", "open and honest, as between brothers",
     {}),  # a partial quote inside narration
    ("03_reuters_sochi_loan.txt", "Alexander Lukashenko", "they would break all our agreements",
     {"kind": "direct"}),
    ("05_afp_vilnius_tsikhanouskaya.txt", "Sviatlana Tsikhanouskaya",
     "Europe must act now", {"kind": "direct"}),
    ("05_afp_vilnius_tsikhanouskaya.txt", "Sviatlana Tsikhanouskaya",
     "would not change the mood of Belarusians", {"channel": "Telegram"}),
    ("06_tass_lavrov_interview.txt", "Sergey Lavrov",
     "textbook attempt at a colour revolution", {"kind": "direct"}),  # speaker as a header
    ("06_tass_lavrov_interview.txt", "Sergey Lavrov",
     "Our Belarusian friends did not let this scenario succeed", {}),  # across paragraphs
    ("06_tass_lavrov_interview.txt", "Sergey Lavrov", "the path of ultimatums",
     {"kind": "direct"}),
    ("07_belta_makei_reset.txt", "Vladimir Makei", "not talk about some kind of reset",
     {"kind": "direct"}),
    ("08_eurasia_makey_reset.txt", "Vladimir Makei", "don't need to talk about some kind of reset",
     {"kind": "direct"}),
    ("09_eu_sanctions_brussels.txt", "Josep Borrell", "our pressure will not stop either",
     {"kind": "direct"}),
    ("11_ap_state_department.txt", "Ned Price", "deserve free and fair elections",
     {"kind": "direct"}),
    ("17_opposition_prisoners_cp1251.txt", "Sviatlana Tsikhanouskaya",
     "No dialogue is possible", {"kind": "direct"}),  # "she said in a video address"
]

#: Statements reported by two articles (here: two translations) that must share a cluster.
SAME_STATEMENT = [(("07_belta_makei_reset.txt", "not talk about some kind of reset"),
                   ("08_eurasia_makey_reset.txt", "don't need to talk about some kind of reset"))]

#: Quoted words that are not statements.
NOT_QUOTES = [("06_tass_lavrov_interview.txt", "collective West")]

#: Events: (article, PLOVER type, actor countries, recipient countries, checks).
#: Countries are sets (either listed code is right); None = not checked.
EVENTS: list[tuple[str, str, set[str] | None, set[str] | None, dict[str, Any]]] = [
    ("01_ria_sochi_talks.txt", "CONSULT", {"BLR", "RUS"}, {"BLR", "RUS"},
     {"date": "2021-02-22", "location": "Sochi", "sources_at_least": 3}),
    ("01_ria_sochi_talks.txt", "AGREE", None, None, {}),  # "the parties agreed"
    # "is ready to provide ... if ..., Peskov said": intended, conditional and reported at
    # once; any of these, but not a plain fact
    ("04_tass_military_assistance.txt", "AID", {"RUS"}, {"BLR"},
     {"modality": {"intended", "hypothetical", "reported"}}),
    ("04_tass_military_assistance.txt", "ACCUSE", {"BLR"}, {"IGO", "NAT"}, {}),
    ("05_afp_vilnius_tsikhanouskaya.txt", "REQUEST", {"BLR"}, {"IGO", "EUR"},
     {"actor_sector": "OPP"}),
    ("06_tass_lavrov_interview.txt", "ACCUSE", {"RUS"}, {"USA"}, {}),
    ("09_eu_sanctions_brussels.txt", "SANCTION", {"IGO", "EUR"}, {"BLR"},
     {"date_prefix": "2020-11"}),  # passive with a by-agent, "In November"
    ("09_eu_sanctions_brussels.txt", "REJECT", {"BLR"}, None, {}),
    ("09_eu_sanctions_brussels.txt", "THREATEN", {"BLR"}, None, {}),
    ("10_interfax_minsk_protests.txt", "PROTEST", {"BLR"}, None, {"date": "2021-02-21"}),
    ("10_interfax_minsk_protests.txt", "COERCE", {"BLR"}, None,
     {"date": "2021-02-21", "actor_sector": "COP"}),
    ("11_ap_state_department.txt", "ACCUSE", {"USA"}, {"BLR"}, {"date": "2021-02-23"}),
    ("14_afp_gerd_khartoum.txt", "REJECT", {"ETH"}, None, {}),
]

#: Sentences whose event must be marked negated / hypothetical.
NEGATED = [("09_eu_sanctions_brussels.txt", "did not recognise the official result"),
           ("11_ap_state_department.txt", "did not recognise Alexander Lukashenko")]
HYPOTHETICAL = [("03_reuters_sochi_loan.txt", "would tear up every agreement with Moscow"),
                ("12_ria_union_state_background.txt", "it would have cut all ties with Russia")]

#: Wire copy reused word for word: a snippet of the passage and the articles carrying it.
PASSAGES = [
    ("The meeting at the Bocharov Ruchei residence on the Black Sea coast lasted more than",
     {"01_ria_sochi_talks.txt", "02_minsk_daily_sochi.txt", "15_belarus_portal_sochi.html"}),
    ("the parties agreed on the terms of the second one",
     {"01_ria_sochi_talks.txt", "02_minsk_daily_sochi.txt", "15_belarus_portal_sochi.html"}),
    ("Every week without new sanctions tells the regime",
     {"05_afp_vilnius_tsikhanouskaya.txt", "16_wire_digest.jsonl#1"}),
    ("wrote on her Telegram channel that the meeting between Lukashenko",
     {"05_afp_vilnius_tsikhanouskaya.txt", "16_wire_digest.jsonl#1"}),
]

CORPUS_ARTICLES = 20
#: Stories that must stay apart (a different news story entirely).
SEPARATE_STORIES = [("sochi", "nile"), ("opposition", "nile"), ("reset", "nile")]

# --------------------------------------------------------------------------- the run


@dataclass
class Run:
    store: Any
    summary: Any
    ids: dict[str, str] = field(default_factory=dict)  # corpus key -> article id

    def rows(self, sql: str, params: list[Any] | tuple = ()) -> list[dict[str, Any]]:
        return self.store.rows(sql, list(params))

    def article(self, key: str) -> dict[str, Any]:
        rows = self.rows("SELECT * FROM articles WHERE id = ?", [_id(self, key)])
        return rows[0]


@pytest.fixture(scope="session")
def run(tmp_path_factory):
    """Ingest the corpus into a fresh store (or, with NEWSGRAPH_ORACLE_DB set, check that
    existing store instead: build it once, then iterate on the tests)."""
    from newsgraph.store.duckdb import Store

    existing = os.environ.get("NEWSGRAPH_ORACLE_DB")
    if existing:
        db, summary = Path(existing), None
    else:
        from newsgraph.api import ingest

        db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
        summary = ingest([str(CORPUS)], db=str(db))
    store = Store.open(db, read_only=True)
    result = Run(store, summary)
    for key, exp in ARTICLES.items():
        found = store.rows("SELECT id FROM articles WHERE text LIKE ?", [f"%{exp.marker}%"])
        if len(found) == 1:
            result.ids[key] = found[0]["id"]
    yield result
    store.close()


def _id(run: Run, key: str) -> str:
    if key not in run.ids:
        pytest.fail(f"{key}: no single stored article contains its marker "
                    f"{ARTICLES[key].marker!r}")
    return run.ids[key]


def _fold(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "")).strip().casefold()


# --------------------------------------------------------------------------- articles

@slow
def test_every_article_is_stored_once_without_errors(run):
    assert run.store.count("articles") == CORPUS_ARTICLES
    # README.md may be reported as not an article; no article file may fail
    for e in run.rows("SELECT source, message FROM ingest_errors"):
        assert not re.search(r"\.(txt|html|jsonl)\b", e["source"] or ""), e
    missing = [k for k in ARTICLES if k not in run.ids]
    assert not missing, f"articles not found by their marker: {missing}"
    assert len(set(run.ids.values())) == len(run.ids)


@slow
@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_article_metadata(run, key):
    exp, art = ARTICLES[key], run.article(key)
    assert art["title"] == exp.title
    assert art["published"] in exp.published, f"published {art['published']}"
    if art["published"] and exp.precision is not ANY:
        assert art["published_precision"] == exp.precision
    if exp.dateline is not ANY:
        assert _fold(art["dateline_place"]) == _fold(exp.dateline)
    agencies = {_fold(a) for a in art["agencies"] or []}
    assert {_fold(a) for a in exp.agencies} <= agencies, f"agencies {art['agencies']}"
    if exp.author is not ANY:
        assert art["author"] == exp.author


@slow
@pytest.mark.parametrize("key", sorted(k for k, e in ARTICLES.items() if e.junk or e.kept))
def test_article_cleaning(run, key):
    exp, art = ARTICLES[key], run.article(key)
    text, removed = art["text"], [_fold(r) for r in art["removed"] or []]
    lines = [line.strip() for line in text.splitlines()]
    for junk in exp.junk:
        # a one- or two-word junk line ("Comment") may be a word of the story: check lines
        gone = junk not in lines if len(junk.split()) <= 2 else junk not in text
        assert gone, f"junk left in the text: {junk!r}"
        if exp.junk_in_removed:
            assert any(_fold(junk) in r for r in removed), f"not recorded in removed: {junk!r}"
    for sentence in exp.kept:
        assert sentence in text, f"story text lost: {sentence!r}"
    assert "\ufffd" not in text
    assert not text.lstrip().startswith("Home Politics")
    assert exp.marker in text


# --------------------------------------------------------------------------- actors

def _mention_entities(run: Run, variant: str) -> set[str]:
    """Entities of the mentions that end with ``variant`` ("President Vladimir Putin",
    "Putin's"): a name ends its mention, so "EU" does not pick "EU foreign policy chief
    Josep Borrell"."""
    rows = run.rows("SELECT DISTINCT entity_id, text FROM mentions WHERE text ILIKE ?",
                    [f"%{variant}%"])
    pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?:['’]s?)?\W*$", re.IGNORECASE)
    return {r["entity_id"] for r in rows if pattern.search(r["text"])}


@slow
@pytest.mark.parametrize("name", sorted(ACTORS))
def test_actor_is_one_entity_with_its_code(run, name):
    spec = ACTORS[name]
    ids: set[str] = set()
    for variant in spec["variants"]:
        found = _mention_entities(run, variant)
        assert found, f"no mention of {variant!r}"
        ids |= found
    assert len(ids) == 1, f"{name}: spellings split over {len(ids)} entities"
    (entity,) = run.rows("SELECT * FROM entities WHERE id = ?", [ids.pop()]) or [None]
    assert entity is not None, f"{name}: entity missing from the entities table"
    assert entity["country"] in spec["country"], f"{name}: country {entity['country']}"
    if spec["sector"] is not ANY:
        assert entity["sector"] in spec["sector"], f"{name}: sector {entity['sector']}"


@slow
@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_different_people_stay_apart(run, a, b):
    ea, eb = _mention_entities(run, a), _mention_entities(run, b)
    assert ea and eb
    assert not ea & eb


@slow
def test_no_junk_entities(run):
    names = [_fold(r["name"]) for r in run.rows("SELECT name FROM entities")]
    for junk in NOT_ENTITIES:
        assert _fold(junk) not in names
        assert not any(n.startswith(_fold(junk) + " ") for n in names), junk


# --------------------------------------------------------------------------- quotes

def _entity_of(run: Run, actor: str) -> set[str]:
    ids: set[str] = set()
    for variant in ACTORS[actor]["variants"]:
        ids |= _mention_entities(run, variant)
    return ids


def _quotes(run: Run, key: str, snippet: str) -> list[dict[str, Any]]:
    return [q for q in run.rows("SELECT * FROM quotes WHERE article_id = ?", [_id(run, key)])
            if _fold(snippet) in _fold(q["content"])]


@slow
@pytest.mark.parametrize(("key", "speaker", "snippet", "checks"), QUOTES,
                         ids=[f"{q[1]}:{q[2][:30]}" for q in QUOTES])
def test_quote_has_its_real_speaker(run, key, speaker, snippet, checks):
    quotes = _quotes(run, key, snippet)
    assert quotes, f"no quote containing {snippet!r}"
    speakers = _entity_of(run, speaker)
    right = [q for q in quotes if q["speaker_entity_id"] in speakers]
    assert right, f"speaker of {snippet!r}: {[q['speaker'] for q in quotes]}"
    for field_name, value in checks.items():
        assert any(_fold(q[field_name]) == _fold(value) for q in right), field_name


@slow
def test_quote_does_not_swallow_the_rest_after_an_unbalanced_mark(run):
    for q in run.rows("SELECT content FROM quotes WHERE article_id = ?",
                      [_id(run, "08_eurasia_makey_reset.txt")]):
        assert "The minister's remarks come after" not in q["content"]
        assert "Before the election" not in q["content"]


@slow
@pytest.mark.parametrize(("first", "second"), SAME_STATEMENT)
def test_same_statement_in_two_translations_is_one_cluster(run, first, second):
    a, b = _quotes(run, *first), _quotes(run, *second)
    assert a and b
    clusters_a = {q["cluster_id"] for q in a} - {None}
    clusters_b = {q["cluster_id"] for q in b} - {None}
    assert clusters_a & clusters_b


@slow
@pytest.mark.parametrize(("key", "words"), NOT_QUOTES)
def test_scare_quotes_are_not_statements(run, key, words):
    for q in run.rows("SELECT content FROM quotes WHERE article_id = ?", [_id(run, key)]):
        assert _fold(q["content"]).strip(" \"'“”") != _fold(words)


# --------------------------------------------------------------------------- events

def _events(run: Run, key: str, kind: str) -> list[dict[str, Any]]:
    return run.rows("SELECT * FROM events WHERE article_id = ? AND event = ?",
                    [_id(run, key), kind])


@slow
@pytest.mark.parametrize(("key", "kind", "actors", "recipients", "checks"), EVENTS,
                         ids=[f"{e[0][:2]}-{e[1]}" for e in EVENTS])
def test_event_is_coded(run, key, kind, actors, recipients, checks):
    events = _events(run, key, kind)
    assert events, f"no {kind} event in {key}"

    def fits(e: dict[str, Any]) -> bool:
        if actors is not None and e["actor_country"] not in actors:
            return False
        if recipients is not None and e["recipient_country"] not in recipients:
            return False
        if "date" in checks and e["date"] != checks["date"]:
            return False
        if "date_prefix" in checks and not (e["date"] or "").startswith(checks["date_prefix"]):
            return False
        if "location" in checks and _fold(checks["location"]) not in _fold(e["location_name"]):
            return False
        if "modality" in checks and e["modality"] not in checks["modality"]:
            return False
        if "actor_sector" in checks and e["actor_sector"] != checks["actor_sector"]:
            return False
        return not ("sources_at_least" in checks and (e["sources"] or 0) < checks["sources_at_least"])

    described = [(e["actor_country"], e["actor_sector"], e["recipient_country"], e["date"],
                  e["location_name"], e["modality"], e["sources"]) for e in events]
    assert any(fits(e) for e in events), f"{kind} events found: {described}"


def _sentence_events(run: Run, key: str, snippet: str) -> list[dict[str, Any]]:
    return [e for e in run.rows("SELECT * FROM events WHERE article_id = ?", [_id(run, key)])
            if snippet in (e["sentence"] or "")]


@slow
@pytest.mark.parametrize(("key", "snippet"), NEGATED)
def test_negated_events(run, key, snippet):
    """"X did not recognise Y" is either a negated recognition or a rejection, never a
    recognition."""
    events = _sentence_events(run, key, snippet)
    recognise = [e for e in events if "recogni" in (e["trigger"] or "").lower()]
    assert recognise, f"no event on 'recognise': {[(e['event'], e['trigger']) for e in events]}"
    for e in recognise:
        assert e["negated"] or "conflict" in (e["quad"] or ""), (e["event"], e["negated"])


@slow
@pytest.mark.parametrize(("key", "snippet"), HYPOTHETICAL)
def test_hypothetical_events(run, candidates, key, snippet):
    """The event that only exists under "if ..." is coded hypothetical (the warning itself,
    where there is one, is a real event). The detector may keep it out of the store (coders
    rarely count such acts), but nothing stored claims it happened."""
    text = run.rows("SELECT text FROM articles WHERE id = ?", [_id(run, key)])[0]["text"]
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", text) if snippet in s)
    proposed = [e for e in candidates(sentence) if snippet in e.sentence]
    conditional = [e for e in proposed if e.modality == "hypothetical"]
    assert conditional, [(e.event, e.modality) for e in proposed]
    stored = _sentence_events(run, key, snippet)
    acts = {e.event for e in conditional}
    assert not any(e["event"] in acts and e["modality"] == "asserted" and
                   e["trigger"] in {c.trigger for c in conditional} for e in stored), \
        [(e["event"], e["modality"], e["trigger"]) for e in stored]


# --------------------------------------------------------------------------- passages, stories

@slow
@pytest.mark.parametrize(("snippet", "keys"), PASSAGES, ids=[p[0][:30] for p in PASSAGES])
def test_wire_copy_is_a_shared_passage(run, snippet, keys):
    passages = [p for p in run.store.passages() if _fold(snippet) in _fold(p.text)]
    assert passages, f"no shared passage contains {snippet!r}"
    want = {_id(run, k) for k in keys}
    assert any(want <= {o.article_id for o in p.occurrences} for p in passages)
    texts = {r["id"]: r["text"] for r in run.rows("SELECT id, text FROM articles")}
    for p in passages:  # offsets point at the passage in every article
        for o in p.occurrences:
            assert _fold(texts[o.article_id][o.start:o.end]) == _fold(p.text)


@slow
def test_translations_are_not_passages(run):
    reset = {_id(run, "07_belta_makei_reset.txt"), _id(run, "08_eurasia_makey_reset.txt")}
    for p in run.store.passages():
        assert not reset <= {o.article_id for o in p.occurrences}


def _story(run: Run, key: str) -> str | None:
    return run.article(key)["story_id"]


@slow
def test_stories_group_the_same_story(run):
    labels: dict[str, set[str | None]] = {}
    for key, exp in ARTICLES.items():
        if exp.story:
            labels.setdefault(exp.story, set()).add(_story(run, key))
    for label, stories in labels.items():
        assert len(stories) == 1 and None not in stories, f"story {label!r} split: {stories}"
    for a, b in SEPARATE_STORIES:
        assert labels[a] != labels[b], f"{a!r} and {b!r} merged"
    assert 2 <= run.store.count("stories") < CORPUS_ARTICLES


@slow
def test_story_records_cover_their_articles(run):
    for s in run.rows("SELECT * FROM stories"):
        members = run.rows("SELECT id, published FROM articles WHERE story_id = ?", [s["id"]])
        assert sorted(m["id"] for m in members) == sorted(s["article_ids"])
        dates = sorted(m["published"] for m in members if m["published"])
        if dates:
            assert (s["first_date"], s["last_date"]) == (dates[0], dates[-1])
    nile = _story(run, "14_afp_gerd_khartoum.txt")
    (row,) = run.rows("SELECT * FROM stories WHERE id = ?", [nile])
    assert len(row["article_ids"]) == 2


# --------------------------------------------------------------------------- the oracle itself
# (fast: the expectations must match the corpus files, so an edit to either is caught)

def _raw_texts() -> dict[str, str]:
    import json

    texts: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                row = json.loads(line)
                texts[f"{path.name}#{n}"] = row["title"] + "\n" + row["text"]
        elif path.suffix in (".txt", ".html"):
            data = path.read_bytes()
            try:
                texts[path.name] = data.decode("utf-8")
            except UnicodeDecodeError:
                texts[path.name] = data.decode("cp1251")
    return texts


def test_oracle_matches_the_corpus_files():
    texts = _raw_texts()
    assert len(texts) == CORPUS_ARTICLES
    assert set(ARTICLES) == set(texts)
    for key, exp in ARTICLES.items():
        assert [k for k, t in texts.items() if exp.marker in t] == [key], key
        assert exp.title in texts[key], key
        for s in (*exp.junk, *exp.kept):
            assert s in texts[key], (key, s)
    for key, _, snippet, _ in QUOTES:
        assert snippet in texts[key], snippet
    for key, snippet in (*NEGATED, *HYPOTHETICAL, *NOT_QUOTES):
        assert snippet in texts[key], snippet
    for snippet, keys in PASSAGES:
        assert {k for k, t in texts.items() if snippet in t} == keys, snippet
    corpus = "\n".join(texts.values())
    for spec in ACTORS.values():
        for variant in spec["variants"]:
            assert re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", corpus), variant
    assert {key for key, *_ in EVENTS} <= set(texts)


def test_cp1251_file_is_undeclared_cp1251():
    data = (CORPUS / "17_opposition_prisoners_cp1251.txt").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Ціханоўская" in data.decode("cp1251")
