"""KB loading: validation errors name file, line and field; offices decide codes by date."""

from __future__ import annotations

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.kb import KnowledgeBase, load_kb
from tests.test_kb_fixture import write_kb


def _load(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return KnowledgeBase.load([path])


def test_kb_loader_syntax_error_names_file_and_line(tmp_path):
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "people_bad.yaml", "- id: x\n  name: [unclosed\n  gender: m\n")
    err = exc.value
    assert err.path.endswith("people_bad.yaml") and err.line in (2, 3, 4)
    assert "people_bad.yaml:" in str(err)


def test_kb_loader_duplicate_key_names_file_and_line(tmp_path):
    # YAML would silently keep the second "Kim" and drop the first list
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "ambiguous_test.yaml", "Kim: [a, b]\nLee: [c, d]\nKim: [a, e]\n")
    err = exc.value
    assert err.path.endswith("ambiguous_test.yaml") and err.line == 3
    assert "duplicate key 'Kim'" in str(err)


def test_kb_loader_unknown_country_names_field(tmp_path):
    text = ("- id: x\n  name: Xavier Example\n  offices:\n"
            "    - {country: XXQ, sector: GOV, start: 2020-01-01, end: null}\n")
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "people_x.yaml", text)
    assert exc.value.field == "country" and exc.value.line == 4
    assert "XXQ" in str(exc.value)


def test_kb_loader_missing_field(tmp_path):
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "orgs_x.yaml", "- id: acme\n  country: USA\n  sector: BUS\n")
    assert exc.value.field == "name" and exc.value.line == 1


def test_kb_loader_bad_date(tmp_path):
    text = ("- id: x\n  name: Xavier Example\n  offices:\n"
            "    - country: FRA\n      sector: GOV\n      start: last year\n")
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "people_x.yaml", text)
    assert exc.value.field == "start" and exc.value.line == 6


def test_kb_loader_alias_clash_reported_unless_declared(tmp_path):
    text = ("- id: a\n  name: Alpha Org\n  aliases: [AO]\n  country: USA\n  sector: BUS\n"
            "- id: b\n  name: Beta Org\n  aliases: [AO]\n  country: FRA\n  sector: BUS\n")
    with pytest.raises(KnowledgeBaseError) as exc:
        _load(tmp_path, "orgs_clash.yaml", text)
    assert "'AO'" in str(exc.value) and exc.value.field == "aliases"
    assert exc.value.line == 8
    (tmp_path / "ambiguous_test.yaml").write_text("AO: [a, b]\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    assert {c.actor.id for c in kb.lookup("AO")} == {"a", "b"}


def test_kb_loader_csv_people(tmp_path):
    (tmp_path / "people_extra.csv").write_text(
        "id,name,aliases,gender,country,sector,role,start,end\n"
        "jd,Jan Dvorak,J. Dvorak,m,CZE,GOV,Minister,2020-01-01,2021-12-31\n"
        "jd,Jan Dvorak,,m,CZE,LEG,MP,2022-01-01,\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    assert kb.code("jd", "2020-06-01") == ("CZE", "GOV")
    assert kb.code("jd", "2023-06-01") == ("CZE", "LEG")


def test_kb_code_follows_office_dates(tmp_path):
    kb = KnowledgeBase.load([write_kb(tmp_path)])
    assert kb.code("test-vladov", "1999-01-01") == ("RUS", "SPY")
    assert kb.code("test-vladov", "2022-03-01") == ("RUS", "GOV")
    assert kb.code("test-vladov", "1990-01-01") == ("RUS", "")  # before any office


def test_kb_code_former_official_is_elite(tmp_path):
    path = tmp_path / "people_f.yaml"
    path.write_text("- id: f\n  name: Frida Former\n  offices:\n"
                    "    - {country: DEU, sector: GOV, start: 2005-01-01, end: 2021-12-08}\n",
                    encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.code("f", "2023-01-01") == ("DEU", "ELI")


def test_kb_lookup_variants_and_surname(tmp_path):
    kb = KnowledgeBase.load([write_kb(tmp_path)])
    for text in ("Fictionenka", "Aliaksandr Fictionenka", "Alexander Fictionenko's",
                 "President Alexander Fictionenko", "Alyaksandr Fictionenka"):
        hits = kb.lookup(text, "2021-02-01")
        assert hits and hits[0].actor.id == "test-fictionenko", text
    assert kb.lookup("Zelenkovskiy")[0].actor.id == "test-zelenkovsky"
    assert kb.lookup("Kremlin")[0].actor.country == "RUS"
    assert kb.lookup("Kremlin")[0].sector == "GOV"


def test_kb_shipped_data_and_sector_nouns_load():
    kb = load_kb()
    assert kb.countries["BLR"].name
    assert kb.noun("riot police") == ("COP", "")
    assert kb.noun("defence ministry") == ("GOV", "MIL")
    assert kb.noun("protesters")[0] == "CVL"
    assert load_kb() is kb  # cached


def test_kb_code_without_date_uses_latest_office(tmp_path):
    kb = KnowledgeBase.load([write_kb(tmp_path)])
    assert kb.code("test-ministerova", None) == ("LTU", "LEG")
    assert kb.code("test-vladov", None) == ("RUS", "GOV")


def test_kb_code_without_date_prefers_the_office_held_last(tmp_path):
    # a minister's stint inside a longer parliamentary career: undated, the seat is what
    # the person held last; between offices still open, SECTOR_PRIORITY decides
    path = tmp_path / "people_u.yaml"
    path.write_text(
        "- id: u\n  name: Ulla Undated\n  offices:\n"
        "    - {country: GBR, sector: LEG, start: 2010-05-06, end: 2024-05-30}\n"
        "    - {country: GBR, sector: GOV, start: 2022-09-06, end: 2022-10-14}\n"
        "- id: v\n  name: Vera Undated\n  offices:\n"
        "    - {country: POL, sector: LEG, start: 2019-11-12, end: null}\n"
        "    - {country: POL, sector: GOV, start: 2017-12-11, end: null}\n",
        encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.code("u", None) == ("GBR", "LEG")
    assert kb.code("u", "2022-10-01") == ("GBR", "GOV")
    assert kb.code("v", None) == ("POL", "GOV")


def test_kb_surname_field_and_second_code_from_role(tmp_path):
    path = tmp_path / "people_k.yaml"
    path.write_text("- id: k\n  name: Kim Testjin\n  surname: Kim\n  offices:\n"
                    "    - {country: KOR, sector: GOV, role: Defence Minister, start: 2020-01-01,"
                    " end: null}\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert any(c.actor.id == "k" and c.kind == "surname" for c in kb.lookup("Kim"))
    assert kb.sector2(kb.actors["k"], "2021-01-01") == "MIL"


def test_kb_user_file_replaces_shipped_record(tmp_path):
    shipped = load_kb()
    some_org = next(a for a in shipped.actors.values() if a.type == "ORG")
    path = tmp_path / "orgs_override.yaml"
    path.write_text(f"- id: {some_org.id}\n  name: {some_org.name}\n  country: NGO\n"
                    "  sector: NGO\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert (kb.actors[some_org.id].country, kb.actors[some_org.id].sector) == ("NGO", "NGO")


def test_kb_duplicate_id_in_user_files_is_an_error(tmp_path):
    text = "- id: dup\n  name: Dup One\n  country: USA\n  sector: BUS\n"
    (tmp_path / "orgs_a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "orgs_b.yaml").write_text(text.replace("One", "Two"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        KnowledgeBase.load([tmp_path])
    assert exc.value.field == "id" and "orgs_b.yaml" in str(exc.value)


def test_kb_defence_minister_is_government_with_military_second_code(tmp_path):
    path = tmp_path / "people_d.yaml"
    path.write_text("- id: d\n  name: Dora Defence\n  offices:\n"
                    "    - {country: COL, sector: MIL, role: Minister of Defence,"
                    " start: 2020-01-01, end: null}\n"
                    "- id: g\n  name: Gus General\n  offices:\n"
                    "    - {country: COL, sector: MIL, role: Chief of the General Staff,"
                    " start: 2020-01-01, end: null}\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.code("d", "2021-01-01") == ("COL", "GOV")
    assert kb.sector2(kb.actors["d"], "2021-01-01") == "MIL"
    assert kb.code("g", "2021-01-01") == ("COL", "MIL")  # a soldier stays military


def test_kb_defence_ministry_body_is_government_with_military_second_code(tmp_path):
    path = tmp_path / "orgs_d.yaml"
    path.write_text(
        "- {id: tmod, name: Ministry of Defence of Testland, country: NZL, sector: MIL}\n"
        "- {id: tarmy, name: Testland Army, country: NZL, sector: MIL}\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert kb.code("tmod") == ("NZL", "GOV") and kb.sector2(kb.actors["tmod"]) == "MIL"
    assert kb.code("tarmy") == ("NZL", "MIL") and kb.sector2(kb.actors["tarmy"]) == ""
