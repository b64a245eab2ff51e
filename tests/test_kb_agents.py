"""The agent lexicon: generated forms, modifiers, organisation-name kinds, user files."""

from __future__ import annotations

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.kb import KnowledgeBase, load_kb
from newsgraph.kb.agents import AgentLexicon, plural_forms

LEXICON = {
    "agents": {
        "GOV": ["defence ministry +MIL", "spokesman"],
        "MIL": ["soldier"],
        "COP": ["riot police"],
        "LEG": ["member of parliament"],
        "PRM": ["self-defence force"],
    },
    "generic": {"spokesman": "GOV", "member": ""},
    "armed": {"forces": "MIL"},
    "armed_map": {"GOV": "MIL", "OPP": "REB"},
    "modifiers": [
        {"words": ["former"], "map": {"GOV": "ELI", "MIL": "ELI"}},
        {"words": ["anti-government"], "map": {"PTY": "PTY+OPP", "armed": "REB", "*": "OPP"}},
        {"words": ["state-owned"], "map": {"BUS": "GOV+BUS"}},
    ],
    "irregular_plurals": {"police": "police"},
    "spellings": [["defence", "defense"]],
    "name_suffixes": {"BUS": ["ltd", "holdings"], "SOC": ["association"]},
    "name_words": {"GOV": ["central bank", "ministry"], "EDU": ["institute of technology"],
                   "SOC": ["human rights"]},
}


def _lexicon() -> AgentLexicon:
    lex = AgentLexicon()
    lex.add_file(LEXICON)
    return lex


def test_kb_agents_generates_plurals_spellings_and_hyphen_forms():
    lex = _lexicon()
    assert (lex.lookup("Defense Ministries").sector, lex.lookup("defense ministry").sector2) \
        == ("GOV", "MIL")
    assert lex.lookup("members of parliament").sector == "LEG"
    assert lex.lookup("self defense forces").sector == "PRM"  # spelling and hyphen forms
    assert lex.lookup("selfdefence force").sector == "PRM"
    assert lex.lookup("riot police").sector == "COP"
    assert lex.lookup("riot polices") is None  # listed as its own plural
    assert lex.lookup("spokesmen").generic and lex.lookup("forces").armed


def test_kb_agents_plural_rules():
    assert plural_forms("army") == ["armies"]
    assert plural_forms("gunman") == ["gunmen"]
    assert plural_forms("witness") == ["witnesses"]
    assert plural_forms("human") == ["humans"]
    assert plural_forms("chairperson")[0] == "chairpeople"


def test_kb_agents_modifiers_map_sectors():
    lex = _lexicon()
    anti = lex.modifier("anti-government")
    assert lex.modifier("anti government") is anti or lex.modifier("antigovernment")
    assert anti.apply("MIL") == ("REB", "")  # an armed body against the government
    assert anti.apply("CVL") == ("OPP", "")
    assert anti.apply("PTY") == ("PTY", "OPP")
    assert lex.modifier("former").apply("GOV") == ("ELI", "")
    assert lex.modifier("former").apply("REB") is None  # "former" says nothing of rebels
    assert lex.modifier("state-owned").apply("BUS") == ("GOV", "BUS")


def test_kb_agents_name_kind_reads_the_head_of_a_name():
    lex = _lexicon()
    assert lex.name_kind(["Zorbex", "Holdings", "Ltd"]) == "BUS"
    assert lex.name_kind(["Central", "Bank", "of", "Ruritania"]) == "GOV"
    assert lex.name_kind(["Ruritanian", "League", "for", "Human", "Rights"]) == "SOC"
    assert lex.name_kind(["Ruritania", "Institute", "of", "Technology"]) == "EDU"
    # the kind word nearest the end of the head part: an association, not a ministry
    assert lex.name_kind(["Ministry", "Employees", "Association"]) == "SOC"
    assert lex.name_kind(["Ruritanian", "Broadcasting", "Corporation"]) == ""


def test_kb_agents_shipped_lexicon_has_the_fields_coverage():
    kb = load_kb()
    for text, sector in [("Ambulances", "MED"), ("journalists", "JRN"), ("gunmen", "UAF"),
                         ("drug cartels", "CRM"), ("asylum seekers", "REF"),
                         ("human rights groups", "SOC"), ("imams", "REL"),
                         ("paramilitaries", "PRM"), ("lawmakers", "LEG"), ("farmers", "AGR"),
                         ("trade unions", "LAB"), ("professors", "EDU"), ("warplanes", "MIL")]:
        assert kb.noun(text) is not None and kb.noun(text)[0] == sector, text
    assert len(kb.agents.forms) > 4000


def test_kb_agents_user_file_adds_words_and_checks_sectors(tmp_path):
    good = tmp_path / "agents_mine.yaml"
    good.write_text("agents:\n  CRM: [zorbling]\n", encoding="utf-8")
    kb = KnowledgeBase.load([good], geonames=False)
    assert kb.noun("zorblings") == ("CRM", "")
    bad = tmp_path / "bad" / "agents_bad.yaml"
    bad.parent.mkdir()
    bad.write_text("agents:\n  XYZ: [zorbler]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="unknown sector code 'XYZ'"):
        KnowledgeBase.load([bad], geonames=False)
