"""Sanity checks of the shipped knowledge-base data files (src/newsgraph/kb/data).

These read the YAML with pyyaml directly, so they test the data, not the loader: every file
parses, codes are known, aliases do not collide unless declared ambiguous, dates are
well-formed and ordered, references resolve, and the coverage the project promises holds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "kb" / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506

# Non-state "country" codes used in the shipped data (see kb/data/README.md).
NON_STATE = {"IGO", "NGO", "IMG"}
# the sector codes sectors.yaml defines (the one list), plus IGO for international bodies
SECTORS = set(yaml.safe_load((DATA / "sectors.yaml").read_text(encoding="utf-8"))["sectors"]) \
    | {"IGO"}
POST_SOVIET = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "RUS",
               "TJK", "TKM", "UKR", "UZB"]
G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
       "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
EU_MEMBERS = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
              "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT",
              "ROU", "SVK", "SVN", "ESP", "SWE"]
# Countries whose president also heads the government.
PRESIDENTIAL = {"USA", "ARG", "BRA", "MEX", "IDN", "ZAF", "TUR", "CYP"}
HEAD_OF_STATE = {"President", "Acting President", "King", "Queen", "Emperor", "Emir",
                 "Supreme Leader", "Grand Duke"}
HEAD_OF_GOV = {"Prime Minister", "Acting Prime Minister", "Premier", "Chancellor",
               "Acting Chancellor", "Taoiseach", "Chairman of the Cabinet of Ministers"}
FOREIGN_MINISTER = {"Foreign Minister", "Acting Foreign Minister", "Secretary of State",
                    "Foreign Secretary"}
# Real vacancies: (country, function, date) -> why no office covers that day.
KNOWN_GAPS = {
    ("ARM", "foreign minister", "2021-06-01"):
        "Ara Aivazian resigned at the end of May 2021; Ararat Mirzoyan took office in August",
}


def _norm(text: str) -> str:
    """The comparison form of an alias: no accents, case-folded, no leading 'the'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\s.]+", " ", text).strip()


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def countries() -> list[dict]:
    return _load(DATA / "countries.yaml")


@cache
def orgs() -> list[dict]:
    out = list(_load(DATA / "igos.yaml"))
    for path in sorted(DATA.glob("orgs*.yaml")):  # orgs_world.yaml and the like
        out.extend(_load(path))
    return out


@cache
def people() -> list[dict]:
    out = []
    for path in sorted((DATA / "people").glob("*.yaml")):
        for rec in _load(path):
            out.append({**rec, "_file": path.name})
    return out


@cache
def ambiguous() -> dict[str, list[str]]:
    return _load(DATA / "ambiguous_aliases.yaml")


def country_codes() -> set[str]:
    return {c["code"] for c in countries()}


def all_ids() -> set[str]:
    return ({f"country:{c}" for c in country_codes()} | {o["id"] for o in orgs()}
            | {p["id"] for p in people()})


def test_kb_data_files_parse_as_lists():
    assert isinstance(countries(), list) and len(countries()) >= 195
    assert isinstance(orgs(), list) and orgs()
    assert isinstance(people(), list) and people()
    assert isinstance(ambiguous(), dict)


def test_kb_data_country_codes_are_alpha3_and_unique():
    codes = [c["code"] for c in countries()]
    assert len(codes) == len(set(codes))
    for c in countries():
        assert re.fullmatch(r"[A-Z]{3}", c["code"]), c["code"]
        assert c["name"] and isinstance(c["names"], list)
        for field in ("adjectives", "demonyms", "metonyms"):
            assert isinstance(c[field], list), (c["code"], field)
        for m in c["metonyms"]:
            assert m["text"] and m["sector"] in SECTORS | {""}, (c["code"], m)
    for code in ("USA", "RUS", "BLR", "UKR", "TWN", "XKX", "PSE", "VAT", "SUN", "YUG", "CSK"):
        assert code in codes


def test_kb_data_ids_are_unique_and_references_resolve():
    ids = [o["id"] for o in orgs()] + [p["id"] for p in people()]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes
    org_ids = {o["id"] for o in orgs()}
    for o in orgs():
        assert o["parent"] is None or o["parent"] in org_ids, o["id"]
    for p in people():
        for off in p["offices"]:
            assert off.get("org") is None or off["org"] in org_ids, (p["id"], off)


def test_kb_data_codes_and_sectors_are_known():
    known = country_codes() | NON_STATE
    for o in orgs():
        assert o["country"] in known, o["id"]
        assert o["sector"] in SECTORS, o["id"]
    for p in people():
        assert p["gender"] in ("m", "f"), p["id"]
        assert p["offices"], f"{p['id']} has no office"
        for off in p["offices"]:
            assert off["country"] in known, (p["id"], off)
            assert off["sector"] in SECTORS, (p["id"], off)
            assert off["role"], p["id"]


def test_kb_data_wikidata_ids_are_well_formed():
    records = countries() + orgs() + people()
    for rec in records:
        wd = rec.get("wikidata")
        assert wd is None or re.fullmatch(r"Q[1-9][0-9]*", str(wd)), rec


def test_kb_data_office_dates_are_well_formed_and_ordered():
    latest = dt.date(2027, 12, 31)
    for p in people():
        for off in p["offices"]:
            start, end = _date(off["start"]), _date(off["end"])
            assert start is not None, (p["id"], off)
            assert start <= latest and (end is None or end <= latest), (p["id"], off)
            assert end is None or start <= end, (p["id"], off)


# Offices held by one person at a time; two holders overlapping is a data-entry error unless
# history really had two (listed here with why).
SINGLE_HOLDER = HEAD_OF_GOV | FOREIGN_MINISTER | {
    "President", "King", "Queen", "Defence Minister", "Secretary of Defense",
    "Defence Secretary"}
KNOWN_OVERLAPS = {
    ("KGZ", "President"): "Otunbayeva's interim government from 2010-04-07; Bakiyev resigned "
                          "formally on 2010-04-15",
    ("KOR", "President"): "acting presidents served while Yoon Suk Yeol was suspended "
                          "(2024-12-14 to his removal on 2025-04-04)",
}


def test_kb_data_single_holder_offices_do_not_overlap():
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for p in people():
        for off in p["offices"]:
            role = off["role"].removeprefix("Acting ")
            if off["country"] in NON_STATE or role not in SINGLE_HOLDER:
                continue
            end = _date(off["end"]) or dt.date.max
            spans[(off["country"], role)].append((_date(off["start"]), end, p["id"]))
    clashes = []
    for key, items in spans.items():
        items.sort()
        for (_, end_a, a), (start_b, _, b) in zip(items, items[1:], strict=False):
            if a != b and (end_a - start_b).days > 7 and key not in KNOWN_OVERLAPS:
                clashes.append((key, a, b))
    assert not clashes


def _surface_forms() -> dict[str, set[str]]:
    """Normalised alias -> the ids of the entries that carry it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries():
        forms = [c["name"], *c["names"], *c["adjectives"], *c["demonyms"],
                 *(m["text"] for m in c["metonyms"])]
        for form in forms:
            owners[_norm(form)].add(f"country:{c['code']}")
    for rec in [*orgs(), *people()]:
        for form in [rec["name"], *rec["aliases"]]:
            owners[_norm(form)].add(rec["id"])
    return owners


def _clashes(owners: dict[str, set[str]]) -> dict[str, list[str]]:
    declared = {_norm(k): set(v) for k, v in ambiguous().items()}
    return {form: sorted(ids) for form, ids in owners.items()
            if len(ids) > 1 and not ids <= declared.get(form, set())}


def test_kb_data_aliases_collide_only_when_declared_ambiguous():
    assert not _clashes(_surface_forms())


def test_kb_data_person_last_words_do_not_name_places_or_bodies():
    # matchers take the last word of a person's name as the surname ("Kirill of Moscow" would
    # make "Moscow" a person); a real surname that is also a place must be declared ambiguous
    owners = _surface_forms()
    declared = {_norm(k): set(v) for k, v in ambiguous().items()}
    bad = []
    for p in people():
        for form in [p["name"], *p["aliases"]]:
            words = form.replace(",", " ").split()
            last = _norm(words[-1]) if len(words) >= 2 else ""
            others = {i for i in owners.get(last, set()) if i != p["id"]}
            if len(last) >= 3 and others and not others | {p["id"]} <= declared.get(last, set()):
                bad.append((p["id"], form))
    assert not bad


def test_kb_data_ambiguous_aliases_name_existing_ids():
    ids = all_ids()
    for alias, listed in ambiguous().items():
        assert len(listed) >= 2, alias
        missing = set(listed) - ids
        assert not missing, (alias, missing)


def test_kb_data_alias_check_catches_a_clash():
    # the collision rule must not be vacuous: an undeclared shared alias is reported, a
    # declared one (Congo) is not
    owners = _surface_forms()
    assert owners[_norm("Lukashenka")] == {"alexander-lukashenko"}
    owners[_norm("Lukashenka")].add("vladimir-putin")
    assert set(_clashes(owners)) == {_norm("Lukashenka")}
    assert owners[_norm("Congo")] == {"country:COD", "country:COG"}


def _holders(country: str, roles: set[str], day: str, *, org: set[str] | None = None
             ) -> list[str]:
    when = dt.date.fromisoformat(day)
    out = []
    for p in people():
        for off in p["offices"]:
            start, end = _date(off["start"]), _date(off["end"])
            if start > when or (end is not None and end < when):
                continue
            if org is not None:
                if off.get("org") in org:
                    out.append(p["id"])
            elif off["country"] == country and off["role"] in roles:
                out.append(p["id"])
    return out


@pytest.mark.parametrize("country", POST_SOVIET)
def test_kb_data_post_soviet_leaders_cover_2021(country):
    day = "2021-06-01"
    checks = {"head of state": HEAD_OF_STATE, "head of government": HEAD_OF_GOV,
              "foreign minister": FOREIGN_MINISTER}
    for function, roles in checks.items():
        if (country, function, day) in KNOWN_GAPS:
            assert not _holders(country, roles, day), "a known gap is filled: update KNOWN_GAPS"
            continue
        assert _holders(country, roles, day), f"no {function} of {country} on {day}"


@pytest.mark.parametrize("country", G20)
def test_kb_data_g20_leaders_cover_2024(country):
    day = "2024-06-01"
    assert _holders(country, HEAD_OF_STATE, day), f"no head of state of {country}"
    gov_roles = HEAD_OF_GOV | ({"President"} if country in PRESIDENTIAL else set())
    assert _holders(country, gov_roles, day), f"no head of government of {country}"


@pytest.mark.parametrize("country", EU_MEMBERS)
def test_kb_data_eu_members_have_leaders_and_foreign_minister_in_2024(country):
    day = "2024-06-01"
    assert _holders(country, HEAD_OF_STATE, day), f"no head of state of {country}"
    gov_roles = HEAD_OF_GOV | ({"President"} if country in PRESIDENTIAL else set())
    assert _holders(country, gov_roles, day), f"no head of government of {country}"
    assert _holders(country, FOREIGN_MINISTER, day), f"no foreign minister of {country}"


def test_kb_data_g20_unions_have_leaders_in_2024():
    day = "2024-06-01"
    assert _holders("", set(), day, org={"european-commission", "european-council"})
    assert _holders("", set(), day, org={"african-union"})
