"""Actor coding: one phrase (and optional date) in, the actor it names out; and its scorer.

``code_phrase(nlp, text, date)`` is what ``newsgraph actors`` prints for each input line: the
head actor of the phrase (the mention holding the phrase's syntactic root, else the most
specific one: a named person or organisation, then a group, then a place).

``score_actors(cases, code)`` scores ngec_actors-style cases ({name, text, date, expect})
with the bench rule "share of cases where every expected field matches". Conventions:

- ``country``: equal to ours ("" = no country);
- ``code_1``: equal to our sector; "UNK", "JNK" and "" all mean "no sector"; "????" is
  not scored (the source marks it unknown);
- ``code_2``: equal to our second code (``sector2``: defence minister -> MIL);
- ``wiki``/``title``: when not empty, our name or one of the KB actor's aliases has the
  same normal form as the title (a "(disambiguation)" suffix dropped), or a token-set
  ratio >= 90; an empty value says no article is expected and is not scored;
- other fields (actor_wiki_job, source) are not scored.

Cases may name their phrase by place instead of text (``{file, start, end, sha1?}``): the
phrase is read from a folder of texts given to :func:`load_cases` (the project's own
labelled PolNeAR phrases, ``bench/actor_phrases``, which store offsets, never the text).

``score_gsr_actors(records, nlp)`` scores the source and target actor codes of the PLOVER
gold standard records (PLOVER_GSR_CAMEO.json): each sentence goes through the pipeline and
each gold actor is compared with the mention holding the head word of its text (see that
function for the conventions).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..errors import InputError
from ..kb.names import normal_form

__all__ = ["code_phrase", "score_actors", "load_cases", "head_mention", "score_gsr_actors",
           "is_gsr"]

_NO_SECTOR = {"", "UNK", "JNK"}
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
#: Which mention a phrase is about when its root is in none: named people and bodies, then
#: titles, groups, places and last demonyms ("trade unions in Denmark" is about the unions).
_PRIORITY = {"title": 1, "group": 2, "name": 3, "metonym": 3, "capital": 3, "place": 4,
             "demonym": 4}


def head_mention(doc) -> Any:
    """The mention a short phrase is about (see module docstring), or None."""
    mentions = list(doc._.ng_mentions or [])
    if not mentions:
        return None
    root = None
    if doc.has_annotation("DEP"):
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None:
        holding = [m for m in mentions if m.start <= root.idx < m.end]
        if holding:
            head = max(holding, key=lambda m: m.end - m.start)
            return _member_of_org(head, mentions)

    def rank(m) -> tuple:
        named = m.kind == "name" and m.actor.type in ("PERSON", "ORG")
        return (0 if named else 1 + _PRIORITY.get(m.kind, 5), -m.end)

    return _member_of_org(min(mentions, key=rank), mentions)


def _member_of_org(head, mentions):
    """'Boko Haram gunmen': unnamed gunmen of a named armed group take the group's code;
    'members of SANDF', 'the rebel FDLR force', 'a Hamas spokesman': a group coded by the
    named body it belongs to is that body."""
    if head.kind != "group":
        return head
    for m in mentions:
        if m.kind != "name" or m.actor.type != "ORG" or not m.actor.sector:
            continue
        if head.actor.sector == "UAF" and m.end <= head.start:
            return m
        if m.actor.sector == head.actor.sector and m.actor.country == head.actor.country:
            return m
    return head


def code_phrase(nlp, text: str, date: str | None = None) -> dict[str, str]:
    """{text, name, country, sector, sector2, wikidata} for one actor phrase."""
    from ..nlp.doc_ext import ensure_extensions

    ensure_extensions()
    doc = nlp.make_doc(text)
    doc._.ng_date = _iso(date)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "newsgraph_actors":
            break  # quotes and events add nothing to one actor phrase
    m = head_mention(doc)
    if m is None:
        return {"text": text, "name": "", "country": "", "sector": "", "sector2": "",
                "wikidata": "", "kind": "nothing found"}
    sector2 = (doc.user_data.get("ng_sector2") or {}).get(f"{m.start}:{m.end}", "")
    name = "" if m.kind == "group" else m.actor.name
    return {"text": text, "name": name, "country": m.actor.country, "sector": m.actor.sector,
            "sector2": sector2, "wikidata": m.actor.wikidata or "", "key": m.actor.key,
            "kind": _kind(m)}


def _kind(m) -> str:
    """What the coder resolved a phrase to, for grouping failures."""
    kb = m.actor.key.startswith("kb:")
    if m.kind == "place":
        return "gazetteer place"
    if m.kind in ("group", "title", "demonym", "metonym", "capital"):
        return {"group": "group noun", "title": "title"}.get(m.kind, "country word")
    if m.actor.type == "PERSON":
        return "KB person" if kb else "person outside the KB"
    if m.actor.type == "GPE":
        return "country" if kb else "place outside the KB"
    return "KB organisation" if kb else "organisation outside the KB"


def _iso(date: Any) -> str | None:
    """A YYYY-MM-DD date from the bench's forms ("2022-06-01", "12 April 2022"), else None."""
    if not date:
        return None
    text = str(date)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        import dateparser

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # noqa: BLE001 - an unreadable date is no date
        return None
    return parsed.date().isoformat() if parsed else None


def load_cases(path: str | Path, texts: str | Path | None = None,
               split: str | None = None) -> list[dict[str, Any]]:
    """Cases from a JSONL file; a bad line raises InputError naming the line.

    A case with ``file``/``start``/``end`` instead of ``text`` takes its phrase from the
    file of that name in ``texts`` (an InputError when ``texts`` is missing, the file is
    not there, or the span's ``sha1`` prefix does not match). ``split`` keeps only cases
    whose ``split`` field equals it.
    """
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", path=str(path), line=n) from exc
            if split and case.get("split") != split:
                continue
            if "text" not in case and "file" in case:
                case["text"] = _span_text(case, texts, path, n)
            cases.append(case)
    return cases


def _span_text(case: dict[str, Any], texts: str | Path | None, path: str | Path,
               line: int) -> str:
    if texts is None:
        raise InputError("this case names its phrase by file and offsets: give the folder "
                         "of texts (--texts)", path=str(path), line=line)
    source = Path(texts) / str(case["file"])
    try:
        text = source.read_text(encoding="utf-8")[int(case["start"]):int(case["end"])]
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}", path=str(path),
                         line=line) from exc
    want = case.get("sha1")
    if want and hashlib.sha1(text.encode("utf-8")).hexdigest()[:len(want)] != want:
        raise InputError(f"the span {case['start']}-{case['end']} of {source} is not the "
                         "labelled phrase (sha1 differs)", path=str(path), line=line)
    return text


def _wiki_ok(expected: str, got: dict[str, str], aliases: Callable[[str], list[str]]) -> bool:
    want = normal_form(_PAREN.sub("", expected))
    names = [got.get("name") or ""] + aliases(got.get("key") or "")
    for n in names:
        if not n:
            continue
        if normal_form(n) == want or fuzz.token_set_ratio(normal_form(n), want) >= 90:
            return True
    return False


def score_actors(cases: Iterable[dict[str, Any]], code: Callable[[str, str | None], dict],
                 aliases: Callable[[str], list[str]] = lambda key: []) -> dict[str, Any]:
    """Score cases with ``code(text, date) -> dict``; returns shares and failures."""
    n = all_ok = 0
    field_n: Counter[str] = Counter()
    field_ok: Counter[str] = Counter()
    failures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        expect = case.get("expect") or {}
        got = code(case.get("text") or "", case.get("date"))
        n += 1
        wrong = []
        for fld, want in expect.items():
            if fld == "country":
                ok = (got.get("country") or "") == (want or "")
            elif fld == "code_1":
                if want == "????":
                    continue
                mine = got.get("sector") or ""
                ok = mine == want or (want in _NO_SECTOR and mine in _NO_SECTOR)
            elif fld == "code_2":
                ok = (got.get("sector2") or "") == (want or "")
            elif fld in ("wiki", "title"):
                if not want:
                    continue
                ok = _wiki_ok(want, got, aliases)
            else:
                continue
            field_n[fld] += 1
            field_ok[fld] += ok
            if not ok:
                wrong.append(fld)
        kind = got.get("kind") or "nothing found"
        by_kind[kind]["cases"] += 1
        if not wrong:
            all_ok += 1
            by_kind[kind]["right"] += 1
        else:
            failures["+".join(sorted(wrong))].append({
                "name": case.get("name"), "text": case.get("text"), "expect": expect,
                "got": {k: got.get(k) for k in ("name", "country", "sector", "sector2",
                                                "kind")}})
    return {
        "cases": n,
        "all_fields": all_ok / n if n else 0.0,
        "fields": {f: {"n": field_n[f], "share": field_ok[f] / field_n[f]} for f in field_n},
        "country": field_ok["country"] / field_n["country"] if field_n["country"] else 0.0,
        "sector": field_ok["code_1"] / field_n["code_1"] if field_n["code_1"] else 0.0,
        "failures": dict(failures),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


# ---------------------------------------------------------------- PLOVER GSR actor codes

#: Country codes of the GSR file that are not ISO 3166 alpha-3 (its readme says they all
#: should be): the ISO code each one means.
_GSR_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: CAMEO religion codes the GSR puts in the sector slot ("MOS" Muslim): the religious
#: sector; "CIV" is a misspelt CVL.
_GSR_SECTOR = {"MOS": "REL", "CHR": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL",
               "CIV": "CVL"}


def is_gsr(path: str | Path) -> bool:
    """True for a PLOVER GSR file (a JSON list of records with ``source`` actors)."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return isinstance(data, list) and any(isinstance(r, dict) and "source" in r
                                          for r in data)


def gsr_actors(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """(sentence, actor text, role, expected country, expected sector) for each gold actor
    of GSR records with a text (DOCUMENT records have none). Conventions: the country code
    as written, non-ISO codes mapped (JAP -> JPN); the sector's first three letters (the
    rest is an ethnic or religious sub-code: "CVLalb" is CVL), religion codes as REL, no
    sector = "" (the state itself), "***" not scored."""
    out = []
    for rec in records:
        text = rec.get("text")
        if not text:
            continue
        for role in ("source", "target"):
            actors = rec.get(role)
            if isinstance(actors, dict):
                actors = [actors]
            if not isinstance(actors, list):
                continue
            for a in actors:
                if not isinstance(a, dict) or not a.get("actorText"):
                    continue
                sector = str(a.get("sector") or "")[:3].upper()
                sector = _GSR_SECTOR.get(sector, sector)
                code = str(a.get("code") or "")
                out.append({"id": rec.get("id"), "text": text, "actor": a["actorText"],
                            "role": role, "country": _GSR_COUNTRY.get(code, code),
                            "sector": None if sector == "***" else sector})
    return out


def _gsr_mention(doc, actor_text: str):
    """The mention a gold actor text names: the one holding the span's head word, else the
    longest inside the span; None when the text is not found or nothing is there."""
    actor_text = actor_text.strip()
    start = doc.text.find(actor_text)
    if start < 0:
        start = doc.text.lower().find(actor_text.lower())
    if start < 0:
        return None
    span = doc.char_span(start, start + len(actor_text), alignment_mode="expand")
    if span is None:
        return None
    mentions = doc._.ng_mentions or []
    head = span.root
    holding = [m for m in mentions if m.start <= head.idx < m.end]
    if not holding and head.dep_ == "compound":
        # "U.S. negotiator [Paul Nitze]": a title the named person took as context
        holding = [m for m in mentions if m.start <= head.head.idx < m.end]
    if holding:
        return max(holding, key=lambda m: m.end - m.start)
    inside = [m for m in mentions if m.start < span.end_char and span.start_char < m.end]
    return max(inside, key=lambda m: m.end - m.start) if inside else None


def score_gsr_actors(records: Iterable[dict[str, Any]], nlp) -> dict[str, Any]:
    """Country and sector of each GSR source/target actor against ours, in context."""
    from ..nlp.doc_ext import ensure_extensions

    ensure_extensions()
    gold = gsr_actors(records)
    docs: dict[str, Any] = {}
    n = both = country_ok = 0
    sector_n = sector_ok = 0
    failures: list[dict[str, Any]] = []
    by_sector: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        doc = docs.get(g["text"])
        if doc is None:
            doc = nlp.make_doc(g["text"])
            doc._.ng_date = None
            for name, proc in nlp.pipeline:
                doc = proc(doc)
                if name == "newsgraph_actors":
                    break
            docs = {g["text"]: doc}  # sentences come in order: keep one
        m = _gsr_mention(doc, g["actor"])
        country = m.actor.country if m is not None else ""
        sector = m.actor.sector if m is not None else ""
        n += 1
        c_ok = country == g["country"]
        country_ok += c_ok
        s_ok = True
        if g["sector"] is not None:
            sector_n += 1
            s_ok = sector == g["sector"]
            sector_ok += s_ok
            by_sector[g["sector"] or "(none)"]["n"] += 1
            by_sector[g["sector"] or "(none)"]["right"] += s_ok
        both += c_ok and s_ok
        if not (c_ok and s_ok):
            failures.append({"id": g["id"], "actor": g["actor"], "role": g["role"],
                             "expect": f"{g['country']}/{g['sector'] or ''}",
                             "got": f"{country}/{sector}",
                             "mention": m.text if m is not None else ""})
    return {"actors": n, "both": both / n if n else 0.0,
            "country": country_ok / n if n else 0.0,
            "sector": sector_ok / sector_n if sector_n else 0.0, "sector_n": sector_n,
            "by_sector": {k: dict(v) for k, v in sorted(by_sector.items())},
            "failures": failures}
