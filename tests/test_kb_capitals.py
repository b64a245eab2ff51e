"""KB capitals and metonyms: a capital is a name of its country only where `metonyms` lists
it; historical states keep their own names; a metonym candidate codes with its sector."""

from __future__ import annotations

from newsgraph.kb import KnowledgeBase, load_kb

COUNTRIES = """\
- code: AAA
  name: Alphaland
  adjectives: [Alphan]
  capital: Alphaville
  metonyms:
    - {text: Alphaville, sector: ""}
    - {text: Tower Palace, sector: GOV}
- code: BBB
  name: Betaland
  capital: Sharedtown
  metonyms: []
- code: CCC
  name: Old Alphan Union
  names: [Old Alphan Union State]
  capital: Alphaville
  metonyms:
    - {text: Union Palace, sector: GOV}
  historic: true
"""


def _kb(tmp_path, orgs: str = ""):
    """The shipped KB plus the test countries and, when given, a test organisations file."""
    (tmp_path / "countries_test.yaml").write_text(COUNTRIES, encoding="utf-8")
    if orgs:
        (tmp_path / "orgs_test.yaml").write_text(orgs, encoding="utf-8")
    return KnowledgeBase.load([tmp_path])


def _codes(kb, text):
    return {c.actor.country for c in kb.candidates(text)}


def test_kb_capital_indexed_only_through_metonyms(tmp_path):
    kb = _kb(tmp_path)
    assert _codes(kb, "Alphaville") == {"AAA"}  # listed: the capital stands for AAA
    assert _codes(kb, "Sharedtown") == set()  # not listed: it means something else first


def test_kb_historic_state_keeps_only_its_names(tmp_path):
    kb = _kb(tmp_path)
    assert "CCC" not in _codes(kb, "Alphaville")
    assert _codes(kb, "Union Palace") == set()
    assert _codes(kb, "Old Alphan Union State") == {"CCC"}


def test_kb_shipped_capitals_of_historic_states_and_brussels():
    kb = load_kb()
    assert _codes(kb, "Moscow") == {"RUS"}
    assert _codes(kb, "Belgrade") == {"SRB"}
    assert _codes(kb, "Prague") == {"CZE"}
    assert "BEL" not in _codes(kb, "Brussels")
    assert _codes(kb, "USSR") == {"SUN"}


def test_kb_code_of_metonym_candidate_has_its_sector(tmp_path):
    kb = _kb(tmp_path)
    palace = next(c for c in kb.candidates("Tower Palace") if c.kind == "metonym")
    assert kb.code(palace) == ("AAA", "GOV")
    assert kb.code(palace.actor) == ("AAA", "")  # the country itself has no sector
    shipped = load_kb()
    kremlin = next(c for c in shipped.candidates("Kremlin") if c.kind == "metonym")
    assert shipped.code(kremlin, "2020-01-01") == ("RUS", "GOV")


def test_kb_acronym_matches_only_as_spelled(tmp_path):
    kb = _kb(tmp_path, "- {id: usr, name: Save Testland Union, aliases: [USR], country: BBB,"
                       " sector: PTY}\n")
    assert {c.actor.id for c in kb.candidates("USR")} == {"usr"}
    assert "usr" not in {c.actor.id for c in kb.candidates("USSR")}  # no folding of acronyms


def test_kb_short_acronym_matches_only_in_capitals(tmp_path):
    kb = _kb(tmp_path, "- {id: tia, name: Testland Independence Army, aliases: [TIA],"
                       " country: BBB, sector: REB}\n"
                       "- {id: tnto, name: Testland Treaty Organisation, aliases: [TNTO],"
                       " country: IGO, sector: MIL}\n")
    assert {c.actor.id for c in kb.candidates("TIA")} == {"tia"}
    assert kb.candidates("Tia") == []  # a name, not the acronym
    assert {c.actor.id for c in kb.candidates("Tnto")} == {"tnto"}  # "Nato" house style


def test_kb_igo_body_takes_its_parent_bloc_code(tmp_path):
    kb = _kb(tmp_path, "- {id: un, name: United Nations, country: IGO, sector: GOV, code: UNO}\n"
                       "- {id: wcourt, name: World Test Court, country: IGO, sector: JUD,"
                       " code: WTC, parent: un}\n")
    court = kb.candidates("World Test Court")[0]
    assert kb.code(court) == ("UNO", "JUD")


def test_kb_organisation_periods_follow_the_date(tmp_path):
    kb = _kb(tmp_path, "- id: frontx\n  name: Front of Testland\n  country: BBB\n"
                       "  sector: REB\n  periods:\n"
                       "    - {sector: GOV, start: 2021-08-15, end: null}\n")
    front = kb.candidates("Front of Testland")[0]
    assert kb.code(front, "2020-01-01") == ("BBB", "REB")
    assert kb.code(front, "2022-01-01") == ("BBB", "GOV")


def test_kb_organisation_period_errors_name_the_field(tmp_path):
    import pytest

    from newsgraph.errors import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError) as err:
        _kb(tmp_path, "- id: frontx\n  name: Front of Testland\n  country: BBB\n"
                      "  sector: REB\n  periods:\n    - {sector: GOV, start: August 2021}\n")
    assert "start" in str(err.value) and "orgs_test.yaml" in str(err.value)


def test_kb_organisation_names_are_not_transliterated(tmp_path):
    # a person's name has spelling variants (Sergey ~ Sergei); a body's does not: "Testy"
    # is not the firm "Testi", though both have one normal form
    kb = _kb(tmp_path, "- {id: testi, name: Testi, country: BBB, sector: BUS}\n")
    assert {c.actor.id for c in kb.candidates("Testi")} == {"testi"}
    assert kb.candidates("Testy") == []
    assert "testi" not in {c.actor.id for c in kb.lookup("Testio")}  # nor misspelt
