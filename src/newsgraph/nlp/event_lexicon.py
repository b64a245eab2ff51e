"""The event lexicon: PLOVER types, quads, intensities and the words that report events.

The shipped lexicon is ``kb/data/events.yaml`` (its header documents the format). Users add
their own files of the same shape; a later file adds to or overrides the earlier ones.

    lex = EventLexicon.load()                 # shipped data
    lex = EventLexicon.load(["my.yaml"])      # shipped + user entries
    lex.verb("meet")                          # ("CONSULT", "meeting")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from ..records import QUADS

__all__ = ["EventLexicon", "EventType", "PLOVER_TYPES", "DEFAULT_PATH", "default_lexicon"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "events.yaml"

Label = tuple[str, str | None]  # (PLOVER type, mode or None)


@dataclass(slots=True)
class EventType:
    name: str
    quad: str
    intensity: float
    modes: dict[str, float] = field(default_factory=dict)

    def intensity_for(self, mode: str | None) -> float:
        return self.modes.get(mode, self.intensity) if mode else self.intensity


@dataclass(slots=True)
class EventLexicon:
    types: dict[str, EventType] = field(default_factory=dict)
    verbs: dict[str, Label] = field(default_factory=dict)
    nouns: dict[str, Label] = field(default_factory=dict)
    # (verb lemma, object lemma) -> label
    verb_objects: dict[tuple[str, str], Label] = field(default_factory=dict)
    # (verb lemma, particle) -> label
    phrasal: dict[tuple[str, str], Label] = field(default_factory=dict)
    # (noun lemma, modifier lemma) -> label
    noun_compounds: dict[tuple[str, str], Label] = field(default_factory=dict)
    noun_needs_verb: dict[str, set[str]] = field(default_factory=dict)
    verbs_need_object: set[str] = field(default_factory=set)
    actor_nouns: set[str] = field(default_factory=set)
    patient_nouns: set[str] = field(default_factory=set)
    aid_purposes: dict[str, Label] = field(default_factory=dict)
    # (noun lemma, governing verb lemma) -> label
    noun_with_verb: dict[tuple[str, str], Label] = field(default_factory=dict)
    nominalizations: dict[str, str] = field(default_factory=dict)
    frames: dict[str, set[str]] = field(default_factory=dict)
    recipient_preps: list[str] = field(default_factory=list)
    #: other senses of an entry whose value is a list ("attack: [ASSAULT, ACCUSE]"): the
    #: rules propose each, the detector tells which the sentence means. Keys:
    #: ("verb", lemma), ("noun", lemma), ("verb_object", verb, object), ("phrasal", verb, p)
    senses: dict[tuple, list[Label]] = field(default_factory=dict)
    #: entries whose grammatical subject is the one acted upon and whose "from"/"by"
    #: phrase is the actor ("came under fire from X", "drew criticism from X")
    inverse: set[tuple] = field(default_factory=set)
    #: word classes whose presence in a sentence tells senses apart ("violence", "speech")
    contexts: dict[str, set[str]] = field(default_factory=dict)

    # -- loading
    @classmethod
    def load(cls, extra: list[str | Path] | tuple = (), *, shipped: bool = True) -> EventLexicon:
        """The shipped lexicon (unless ``shipped=False``) plus each file in ``extra``."""
        lex = cls()
        paths = ([DEFAULT_PATH] if shipped else []) + [Path(p) for p in extra]
        for path in paths:
            lex.add_file(path)
        missing = [t for t in PLOVER_TYPES if t not in lex.types]
        if shipped and missing:
            raise KnowledgeBaseError(f"event types missing: {', '.join(missing)}",
                                     path=str(DEFAULT_PATH))
        return lex

    def add_file(self, path: Path) -> None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read event lexicon: {exc}", path=str(path)) from exc
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            raise KnowledgeBaseError(f"YAML syntax error: {exc}", path=str(path),
                                     line=None if line is None else line + 1) from exc
        if not isinstance(data, dict):
            raise KnowledgeBaseError("an event lexicon is a YAML mapping", path=str(path))
        self.add(data, source=str(path))

    def add(self, data: dict[str, Any], *, source: str = "<dict>") -> None:
        """Merge one lexicon document (already parsed) into this lexicon."""
        for name, spec in (data.get("types") or {}).items():
            quad = spec.get("quad")
            if quad not in QUADS:
                raise KnowledgeBaseError(f"unknown quad {quad!r}", path=source, field=name)
            modes = {str(k): float(v) for k, v in (spec.get("modes") or {}).items()}
            self.types[name] = EventType(name, quad, float(spec.get("intensity", 0.0)), modes)
        for lemma, value in (data.get("verbs") or {}).items():
            lemma = str(lemma).lower()
            self.verbs[lemma] = self._senses(("verb", lemma), value, source, f"verbs.{lemma}")
        for lemma, value in (data.get("nouns") or {}).items():
            lemma = str(lemma).lower()
            self.nouns[lemma] = self._senses(("noun", lemma), value, source, f"nouns.{lemma}")
        for i, entry in enumerate(data.get("verb_objects") or []):
            self._check_roles(entry, source, f"verb_objects[{i}]")
            for v in _as_list(entry.get("verb")):
                for o in _as_list(entry.get("object")):
                    key = ("verb_object", v, o)
                    self.verb_objects[(v, o)] = self._senses(key, entry.get("event"), source,
                                                             f"verb_objects[{i}]")
                    if entry.get("roles") == "inverse":
                        self.inverse.add(key)
        for i, entry in enumerate(data.get("phrasal") or []):
            self._check_roles(entry, source, f"phrasal[{i}]")
            for v in _as_list(entry.get("verb")):
                for particle in _as_list(entry.get("particle")):
                    key = ("phrasal", v, particle)
                    self.phrasal[(v, particle)] = self._senses(key, entry.get("event"), source,
                                                               f"phrasal[{i}]")
                    if entry.get("roles") == "inverse":
                        self.inverse.add(key)
        for i, entry in enumerate(data.get("noun_compounds") or []):
            label = self._label(entry.get("event"), source, f"noun_compounds[{i}]")
            for n in _as_list(entry.get("noun")):
                for m in _as_list(entry.get("modifier")):
                    self.noun_compounds[(n, m)] = label
        for i, entry in enumerate(data.get("noun_with_verb") or []):
            label = self._label(entry.get("event"), source, f"noun_with_verb[{i}]")
            for n in _as_list(entry.get("noun")):
                for v in _as_list(entry.get("verb")):
                    self.noun_with_verb[(n, v)] = label
        for noun, verb in (data.get("nominalizations") or {}).items():
            self.nominalizations[str(noun).lower()] = str(verb).lower()
        for noun, verbs in (data.get("noun_needs_verb") or {}).items():
            self.noun_needs_verb[str(noun).lower()] = set(_as_list(verbs))
        self.verbs_need_object.update(_as_list(data.get("verbs_need_object")))
        self.actor_nouns.update(_as_list(data.get("actor_nouns")))
        self.patient_nouns.update(_as_list(data.get("patient_nouns")))
        for word, value in (data.get("aid_purposes") or {}).items():
            self.aid_purposes[str(word).lower()] = self._label(value, source, f"aid_purposes.{word}")
        for kind, words in (data.get("frames") or {}).items():
            self.frames.setdefault(kind, set()).update(_as_list(words))
        for name, words in (data.get("contexts") or {}).items():
            self.contexts.setdefault(str(name), set()).update(_as_list(words))
        if data.get("recipient_preps"):
            self.recipient_preps = _as_list(data["recipient_preps"])

    def _senses(self, key: tuple, value: Any, source: str, where: str) -> Label:
        """The first sense of an entry (a label or a list of labels); the others are kept
        in :attr:`senses` under ``key``."""
        values = value if isinstance(value, list) and value else [value]
        labels = [self._label(v, source, where) for v in values]
        if len(labels) > 1:
            self.senses[key] = labels[1:]
        else:
            self.senses.pop(key, None)
        return labels[0]

    @staticmethod
    def _check_roles(entry: dict, source: str, where: str) -> None:
        if entry.get("roles") not in (None, "inverse"):
            raise KnowledgeBaseError(f"unknown roles {entry.get('roles')!r} (only 'inverse')",
                                     path=source, field=where)

    def _label(self, value: Any, source: str, where: str) -> Label:
        if not isinstance(value, str) or not value:
            raise KnowledgeBaseError("expected 'TYPE' or 'TYPE:mode'", path=source, field=where)
        name, _, mode = value.partition(":")
        name = name.strip().upper()
        if name not in PLOVER_TYPES and name not in self.types:
            raise KnowledgeBaseError(f"unknown event type {name!r}", path=source, field=where)
        return name, (mode.strip() or None)

    # -- lookups
    def verb(self, lemma: str) -> Label | None:
        return self.verbs.get(lemma)

    def noun(self, lemma: str) -> Label | None:
        return self.nouns.get(lemma)

    def quad(self, event: str) -> str:
        return self.types[event].quad

    def intensity(self, event: str, mode: str | None) -> float:
        return self.types[event].intensity_for(mode)

    def in_frame(self, kind: str, lemma: str) -> bool:
        return lemma in self.frames.get(kind, ())


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str | bool):
        value = [value]
    # YAML 1.1 reads a bare on/off as a boolean; in this lexicon they are prepositions
    return [("on" if v else "off") if isinstance(v, bool) else str(v).lower() for v in value]


@lru_cache(maxsize=8)
def default_lexicon(extra: tuple[str, ...] = ()) -> EventLexicon:
    """The lexicon for a set of extra files, loaded once per process."""
    return EventLexicon.load(list(extra))
