"""The agent lexicon: the words that give an actor its sector, with their generated forms.

``AgentLexicon`` is built from agent files (``kb/data/agents.yaml``, whose header documents
the sections; users add files named ``agents*.yaml``) and from the ``nouns``/``compounds``/
``modifiers`` keys of older sector files. It only knows words; reading them on a parse
(which noun is the head, what qualifies it) is ``newsgraph.nlp.agent_phrase``'s job.

    lex.lookup("Riot Police")        -> Agent(sector="COP")
    lex.lookup("defense ministries") -> Agent(sector="GOV", sector2="MIL")   # generated form
    lex.modifier("anti-government").apply("MIL")  -> ("REB", "")

Every entry is stored under the folded text (``names.fold``) of each generated form:
plurals of its last word (regular, -man/-men, -person/-people, and listed irregular ones),
British and American spellings of any of its words, and hyphen forms ("anti-government",
"anti government", "antigovernment").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .names import fold

__all__ = ["Agent", "Modifier", "AgentLexicon", "plural_forms", "ARMED_SECTORS"]

#: Sectors of armed bodies: what a modifier map's "armed" key applies to.
ARMED_SECTORS = frozenset(("MIL", "PRM", "UAF", "REB"))


@dataclass(frozen=True, slots=True)
class Agent:
    """What an agent word says. ``generic``: read through the word that qualifies it
    ("army spokesman" MIL); ``armed``: a generic head of an armed body ("government forces"
    MIL, "opposition forces" REB); ``people``: an ethnic or religious people, with its
    country ("" when it lives in several states); ``needs_country``: an actor only with a
    country or armed qualifier ("Russian aircraft"); ``qualifier_only``: a people's name that
    is also an everyday word or first name, used only before another noun."""

    sector: str
    sector2: str = ""
    generic: bool = False
    armed: bool = False
    people: str | None = None
    needs_country: bool = False
    qualifier_only: bool = False
    person_head: str = ""  # the sector a named person before it leaves ("Clinton campaign")
    entry: str = ""  # the lexicon entry it was generated from


@dataclass(frozen=True, slots=True)
class Modifier:
    """A word that changes the sector of the agent noun it modifies (see agents.yaml)."""

    word: str
    mapping: tuple[tuple[str, str], ...]

    def apply(self, sector: str, sector2: str = "") -> tuple[str, str] | None:
        """(sector, sector2) after this modifier, or None when it does not apply."""
        table = dict(self.mapping)
        target = table.get(sector)
        if target is None and sector in ARMED_SECTORS:
            target = table.get("armed")
        if target is None:
            target = table.get("*")
        if target is None:
            return None
        if target == "=":
            return sector, sector2
        first, _, second = target.partition("+")
        return first, second or (sector2 if first == sector else "")


@dataclass
class AgentLexicon:
    """Agent words and the rules that read them (see module docstring)."""

    forms: dict[str, Agent] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)
    modifiers: dict[str, Modifier] = field(default_factory=dict)
    armed_map: dict[str, str] = field(default_factory=dict)
    hyphen_country: set[str] = field(default_factory=set)
    hyphen_foreign: set[str] = field(default_factory=set)
    foreign_prefixes: set[str] = field(default_factory=set)
    name_suffixes: dict[str, str] = field(default_factory=dict)  # folded word -> sector
    name_words: list[tuple[str, str]] = field(default_factory=list)  # folded phrase, sector
    place_nouns: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)  # folded title -> sector
    irregular: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, set[str]] = field(default_factory=dict)
    surfaces: set[str] = field(default_factory=set)  # every generated form, as written

    # ------------------------------------------------------------ building

    def add_file(self, data: dict[str, Any]) -> None:
        """Add an agents file's sections (already stripped of line marks). Later entries
        never replace earlier ones, except user files that say so by giving a sector again:
        the first sector a form gets is kept."""
        for a, b in ((str(k), str(v)) for k, v in (data.get("irregular_plurals") or {}).items()):
            self.irregular[fold(a)] = fold(b)
        for pair in data.get("spellings") or []:
            words = {fold(str(w)) for w in pair}
            for w in words:
                self.spellings.setdefault(w, set()).update(words - {w})
        for k, v in (data.get("armed_map") or {}).items():
            self.armed_map[str(k)] = str(v or "")
        for k, v in (data.get("qualifiers") or {}).items():
            self.qualifiers[fold(str(k))] = str(v or "")
        for rule in data.get("modifiers") or []:
            mapping = tuple((str(k), str(v if v is not None else ""))
                            for k, v in (rule.get("map") or {}).items())
            for word in rule.get("words") or []:
                for form in self._hyphen_forms(str(word).lower()):
                    self.modifiers.setdefault(fold(form), Modifier(str(word), mapping))
        self.hyphen_country.update(fold(str(w)) for w in data.get("hyphen_country") or [])
        self.hyphen_foreign.update(fold(str(w)) for w in data.get("hyphen_foreign") or [])
        self.foreign_prefixes.update(fold(str(w)) for w in data.get("foreign_prefixes") or [])
        for sector, words in (data.get("name_suffixes") or {}).items():
            for w in words or []:
                self.name_suffixes.setdefault(fold(str(w)), str(sector))
        for sector, phrases in (data.get("name_words") or {}).items():
            for ph in phrases or []:
                self.name_words.append((fold(str(ph)), str(sector)))
        self.place_nouns.update(fold(str(w)) for w in data.get("places") or [])
        for word, sector in (data.get("titles") or {}).items():
            self.titles.setdefault(fold(str(word)), str(sector or ""))
        for sector, entries in (data.get("agents") or {}).items():
            for entry in entries or []:
                text, second = _split_entry(str(entry))
                self.add(text, Agent(str(sector), second, entry=text))
        for word, sector in (data.get("generic") or {}).items():
            self._mark(str(word), generic=True, default=str(sector or ""))
        for word, sector in (data.get("armed") or {}).items():
            self._mark(str(word), generic=True, armed=True, default=str(sector or ""))
        for word, sector in (data.get("person_heads") or {}).items():
            self._mark(str(word), person_head=str(sector or ""))
        for sector, words in (data.get("needs_country") or {}).items():
            for w in words or []:
                self.add(str(w), Agent(str(sector), needs_country=True, entry=str(w)))
        for rec in data.get("peoples") or []:
            names = rec.get("names") or []
            sector = str(rec.get("sector") or "CVL")
            agent = Agent(sector, people=str(rec.get("country") or ""),
                          qualifier_only=bool(rec.get("qualifier")), entry=str(names[0]))
            for name in names:
                self.add(str(name), agent, plural=False)

    def add_nouns(self, nouns: dict[str, Iterable[str]], compounds: Iterable[dict[str, Any]],
                  modifiers: dict[str, str]) -> None:
        """The ``nouns``/``compounds``/``modifiers`` keys of a sector file (the older form of
        user additions): nouns and compounds become agents, a modifier maps every sector of
        an office to its code ("former: ELI")."""
        for sector, words in nouns.items():
            for w in words or []:
                self.add(str(w), Agent(str(sector), entry=str(w)))
        for comp in compounds:
            text = str(comp["text"])
            self.add(text, Agent(str(comp["sector"]), str(comp.get("sector2") or ""),
                                 entry=text), replace=True)
        for word, code in modifiers.items():
            offices = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")
            mapping = tuple((s, str(code)) for s in offices)
            self.modifiers.setdefault(fold(str(word)), Modifier(str(word), mapping))

    def add(self, text: str, agent: Agent, *, plural: bool = True, replace: bool = False
            ) -> None:
        for form in self.forms_of(text, plural=plural):
            key = fold(form)
            if not key:
                continue
            if replace or key not in self.forms:
                self.forms[key] = agent
            self.surfaces.add(form)

    def _mark(self, word: str, *, generic: bool = False, armed: bool = False,
              default: str = "", person_head: str = "") -> None:
        """Mark every form of ``word`` generic/armed/person-headed, adding it if new."""
        for form in self.forms_of(word):
            key = fold(form)
            old = self.forms.get(key)
            if old is None:
                old = Agent(default, entry=word)
            new = Agent(old.sector if old.sector and not generic else default or old.sector,
                        old.sector2, generic or old.generic, armed or old.armed, old.people,
                        old.needs_country, old.qualifier_only,
                        person_head or old.person_head, old.entry)
            self.forms[key] = new
            self.surfaces.add(form)

    # ------------------------------------------------------------ forms

    def forms_of(self, text: str, *, plural: bool = True) -> set[str]:
        """Every surface form generated from one entry (see module docstring)."""
        text = " ".join(text.split())
        out: set[str] = set()
        for spelled in self._spelled(text):
            for hyph in self._hyphen_forms(spelled):
                out.add(hyph)
                if plural:
                    out.update(self._plurals(hyph))
        return out

    def _spelled(self, text: str) -> set[str]:
        # words and the separators between them ("self-defence forces": self, -, defence ...)
        parts = re.split(r"([ -])", text)
        options = [[w] + sorted(self.spellings.get(w.lower(), ())) if w not in (" ", "-")
                   else [w] for w in parts]
        if all(len(o) == 1 for o in options):
            return {text}
        return {"".join(c) for c in itertools.islice(itertools.product(*options), 16)}

    @staticmethod
    def _hyphen_forms(text: str) -> set[str]:
        if "-" not in text:
            return {text}
        return {text, text.replace("-", " "), text.replace("-", "")}

    def _plurals(self, text: str) -> list[str]:
        words = text.split(" ")
        # "member of parliament" -> "members of parliament": the head is before "of"
        head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        key = fold(text)
        if key in self.irregular:
            return [self.irregular[key]]
        plurals = plural_forms(words[head], self.irregular)
        return [" ".join(words[:head] + [p] + words[head + 1:]) for p in plurals]

    # ------------------------------------------------------------ queries

    def lookup(self, text: str) -> Agent | None:
        """The agent a word or phrase names, by its folded form ("Riot Police")."""
        return self.forms.get(fold(text))

    def modifier(self, word: str) -> Modifier | None:
        return self.modifiers.get(fold(word))

    def patterns(self) -> Iterator[str]:
        """Every generated surface form, for a phrase matcher."""
        yield from sorted(self.surfaces)

    def name_kind(self, words: list[str]) -> str:
        """The sector an organisation's name gives by its kind words ("Acme Holdings Ltd"
        BUS, "Central Bank of X" GOV, "X League for Human Rights" SOC), or ""."""
        folded = [fold(w) for w in words if fold(w)]
        # the name's head part: before "of"/"for" ("Ministry of Health", "Association of
        # African Jurists"), unless only the rest has kind words
        cut = next((i for i, w in enumerate(folded) if i and w in ("of", "for")), None)
        full = f" {' '.join(folded)} "
        for ph, sector in self.name_words:  # "Institute of Technology", "Union of Teachers"
            if (" of " in f" {ph} " or " for " in f" {ph} ") and f" {ph} " in full:
                return sector
        parts = [folded[:cut], folded] if cut else [folded]
        for part in parts:
            padded = f" {' '.join(part)} "
            hits = [(padded.rfind(f" {ph} ") + len(ph), sector)
                    for ph, sector in self.name_words if f" {ph} " in padded]
            if part and part[-1] in self.name_suffixes:
                hits.append((len(padded), self.name_suffixes[part[-1]]))
            if hits:
                return max(hits)[1]  # the kind word nearest the end names the kind
        return ""


def plural_forms(word: str, irregular: dict[str, str] | None = None) -> list[str]:
    """Plurals of one word: "army" -> ["armies"], "gunman" -> ["gunmen"], "police" -> []."""
    low = word.lower()
    if irregular and low in irregular:
        plural = irregular[low]
        return [] if plural == low else [word[:0] + plural]
    if low.endswith("man") and not low.endswith(("human", "german", "roman", "ottoman")):
        return [word[:-3] + "men"]
    if low.endswith("person"):
        return [word[:-6] + "people", word + "s"]
    if low.endswith("child"):
        return [word + "ren"]
    if low.endswith("y") and low[-2:-1] not in ("a", "e", "o", "u"):
        return [word[:-1] + "ies"]
    if low.endswith(("s", "x", "ch", "sh", "z")):
        return [word + "es"]
    if low.endswith("fe") and low not in ("safe",):
        return [word[:-2] + "ves", word + "s"]
    return [word + "s"]


def _split_entry(entry: str) -> tuple[str, str]:
    """ "defence minister +MIL" -> ("defence minister", "MIL")."""
    text, _, second = entry.partition(" +")
    return text.strip(), second.strip()
