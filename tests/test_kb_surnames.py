"""Implicit surnames: regnal numbers and particles, the `surname` field, everyday words."""

from __future__ import annotations

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.kb import KnowledgeBase

PEOPLE = """\
- id: t-king
  name: Rupert IV
  offices: [{country: GBR, sector: GOV, role: King, start: 2001-01-01, end: null}]
- id: t-pope
  name: Pius Testus XIV
  offices: [{country: VAT, sector: REL, start: 2001-01-01, end: null}]
- id: t-chen
  name: Zhao Minglu
  surname: Zhao
  offices: [{country: CHN, sector: GOV, start: 2001-01-01, end: null}]
- id: t-leyen
  name: Greta von der Testen
  offices: [{country: DEU, sector: GOV, start: 2001-01-01, end: null}]
- id: t-hill
  name: Petra Trout
  offices: [{country: GBR, sector: GOV, role: Prime Minister, start: 2001-01-01, end: null}]
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kb")
    (folder / "people_t.yaml").write_text(PEOPLE, encoding="utf-8")
    return KnowledgeBase.load([folder], shipped=True)


def _surname_ids(kb, text):
    return {c.actor.id for c in kb.candidates(text) if c.kind == "surname"}


def test_kb_surname_skips_roman_numerals(kb):
    assert _surname_ids(kb, "IV") == set()
    assert _surname_ids(kb, "XIV") == set()
    assert "t-pope" in _surname_ids(kb, "Testus")


def test_kb_surname_field_replaces_last_word(kb):
    assert "t-chen" in _surname_ids(kb, "Zhao")
    assert "t-chen" not in _surname_ids(kb, "Minglu")


def test_kb_surname_keeps_particles(kb):
    assert "t-leyen" in _surname_ids(kb, "von der Testen")
    assert "t-leyen" not in _surname_ids(kb, "der Testen")


def test_kb_everyday_word_surname_needs_a_title(kb):
    assert "t-hill" not in {c.actor.id for c in kb.lookup("Trout")}
    assert kb.lookup("Prime Minister Trout")[0].actor.id == "t-hill"
    assert kb.lookup("Mrs Trout")[0].actor.id == "t-hill"
    assert kb.lookup("Petra Trout")[0].actor.id == "t-hill"


def test_kb_csv_people_keep_approx_and_list_separator(tmp_path):
    (tmp_path / "people_x.csv").write_text(
        "id,name,aliases,country,sector,role,start,end,approx\n"
        "jd,Jan Dvorak,J. Dvorak|Honza Dvorak,CZE,GOV,Minister,2020-01,2021-12-31,true\n"
        "jd,Jan Dvorak,,CZE,LEG,MP,2022-01-01,,false\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    offices = kb.actors["jd"].offices
    assert [o.approx for o in offices] == [True, False]
    assert kb.lookup("Honza Dvorak")[0].actor.id == "jd"
    (tmp_path / "people_x.csv").write_text(
        "id,name,aliases,country,sector\njd,Jan Dvorak,J. Dvorak;Honza,CZE,GOV\n",
        encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        KnowledgeBase.load([tmp_path])
    assert "'|'" in str(exc.value) and exc.value.field == "aliases" and exc.value.line == 2
