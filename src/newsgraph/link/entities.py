"""Cross-document entities: one entity per real actor across the corpus.

Per-article annotation already gives every mention an actor key (``kb:<id>``,
``name:<TYPE>:<normal form>``, ``group:<CC>:<SECTOR>``); keys of KB actors are final. This
stage merges the keys of names outside the KB that are one actor:

- spelling variants of a person: same consonant skeleton of the last name and a fuzzy
  ratio of at least 85 on the normal form ("Svetlana Tsikhanouskaya" ~ "Svetlana
  Tikhanovskaya"); a different first name keeps namesakes apart;
- a surname-only key ("name:PERSON:makei") folds into the one full-name key (KB or not)
  with that surname in the corpus; with two or more candidates it stays alone;
- a state's sector, however it is written, is one actor: the group "Russian officials"
  (``group:RUS:GOV``) joins "the Kremlin"/"Moscow said" (``kb:country:RUS:GOV``) in one
  entity named "Russia: government", apart from the country "Russia" itself
  (``kb:country:RUS``), as event data codes RUSGOV apart from RUS;
- groups without a country ("people", "governments") are keyed per article by the actors
  component (``group::CVL:<article id>``): they code their article's events but are never
  one actor across the corpus, so each is an entity of its own article only;

then writes the ``entities`` table and rewrites ``mentions``, ``quotes`` and ``events`` to
the canonical entity. What was learned is propagated: where a mention has no country or
sector (no context in its article), the entity's (most frequent) coding fills it; coding a
mention does have (offices that change with the date) is left alone.

Cost: one GROUP BY over mentions, then work per distinct key (bucketed by skeleton, so
comparisons stay within small buckets) and set-based UPDATEs joined on a key map. To make it
incremental, keep the key map in a table and process only keys from newly annotated
articles against the existing buckets; the UPDATEs already touch only mapped rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pyarrow as pa
from rapidfuzz import fuzz

from ..kb.names import normal_form, skeleton
from ..records import Entity, stable_id
from ..store.duckdb import Store

__all__ = ["link_entities", "merge_keys"]


def _name_part(key: str) -> str:
    return key.split(":", 2)[2] if key.count(":") >= 2 else key


def merge_keys(keys: dict[str, dict[str, Any]]) -> dict[str, str]:
    """old key -> canonical key, for the keys that are one actor (see module docstring).

    ``keys`` maps each key to at least {"type", "mentions", "surnames"}; ``surnames`` and
    ``fulls`` are the normal-form last names and full names a KB person key is known by in
    the corpus (empty for others).
    """
    parent: dict[str, str] = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def rank(k: str) -> tuple:
        return (k.startswith("kb:"), len(_name_part(k).split()) > 1, keys[k]["mentions"], k)

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        if ra.startswith("kb:") and rb.startswith("kb:"):
            return  # two KB actors are never merged
        win, lose = (ra, rb) if rank(ra) >= rank(rb) else (rb, ra)
        parent[lose] = win

    for k in keys:  # "Russian officials" and "the Kremlin": the state's government
        parts = k.split(":")
        if len(parts) == 3 and parts[0] == "group" and parts[1]:
            state = f"kb:country:{parts[1]}:{parts[2]}"
            if state in keys:
                union(k, state)
    # bucket people by the skeleton of their last name
    full: dict[str, list[str]] = defaultdict(list)
    single: dict[str, list[str]] = defaultdict(list)
    for k, info in keys.items():
        if info["type"] != "PERSON":
            continue
        if k.startswith("kb:"):
            for sur in info.get("surnames") or ():
                full[skeleton(sur)].append(k)
            continue
        words = _name_part(k).split()
        if not words:
            continue
        (full if len(words) > 1 else single)[skeleton(words[-1])].append(k)
    for bucket in full.values():
        names = [k for k in bucket if not k.startswith("kb:")]
        kb_keys = sorted({k for k in bucket if k.startswith("kb:")})
        for a in names:  # a variant spelling of a KB person's full name is that person
            na = _name_part(a)
            hits = [k for k in kb_keys if any(
                f.split()[0][:1] == na.split()[0][:1] and fuzz.ratio(na, f) >= 85
                for f in keys[k].get("fulls") or ())]
            if len(hits) == 1:
                union(a, hits[0])
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                na, nb = _name_part(a), _name_part(b)
                if na.split()[0][:1] != nb.split()[0][:1]:
                    continue  # different first names: namesakes
                if fuzz.ratio(na, nb) >= 85:
                    union(a, b)
    for sk, singles in single.items():
        bucket = full.get(sk, [])
        for s in singles:
            # the full names with exactly this surname, else with a variant spelling of it;
            # merged only when they are one actor (Tikhanovsky is not Tikhanovskaya)
            exact = {find(k) for k in bucket if _name_part(s) in _last_names(k, keys)}
            targets = exact or {find(k) for k in bucket}
            if len(targets) == 1:
                union(s, next(iter(targets)))
    return {k: find(k) for k in keys if find(k) != k}


def _last_names(key: str, keys: dict[str, dict[str, Any]]) -> set[str]:
    if key.startswith("kb:"):
        return set(keys[key].get("surnames") or ())
    words = _name_part(key).split()
    return {words[-1]} if words else set()


def link_entities(store: Store) -> int:
    """Build the ``entities`` table from ``mentions``; returns the number of entities."""
    rows = store.rows("""
        SELECT key, any_value(type) AS type, mode(name) AS name,
               mode(country) FILTER (WHERE country <> '') AS country,
               mode(sector) FILTER (WHERE sector <> '') AS sector,
               max(wikidata) AS wikidata, count(*) AS mentions,
               list(DISTINCT article_id) AS article_ids, list(DISTINCT text) AS aliases
        FROM mentions WHERE key IS NOT NULL GROUP BY key""")
    info: dict[str, dict[str, Any]] = {}
    for r in rows:
        r["surnames"] = set()
        info[r["key"]] = r
    # surnames of KB people as written in this corpus (their multi-word mention texts)
    for r in info.values():
        if r["key"].startswith("kb:") and r["type"] == "PERSON":
            r["fulls"] = set()
            for text in [r["name"], *(r["aliases"] or [])]:
                words = normal_form(text).split()
                if len(words) > 1:
                    r["surnames"].add(words[-1])
                    r["fulls"].add(" ".join(words))
    mapping = merge_keys(info)

    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, r in info.items():
        groups[mapping.get(key, key)].append(r)
    entities: list[Entity] = []
    key_rows: list[dict[str, Any]] = []
    for canon, members in groups.items():
        head = info[canon]
        countries = Counter(m["country"] for m in members for _ in range(m["mentions"])
                            if m["country"])
        sectors = Counter(m["sector"] for m in members for _ in range(m["mentions"])
                          if m["sector"])
        country = head["country"] or (countries.most_common(1)[0][0] if countries else "")
        sector = head["sector"] or (sectors.most_common(1)[0][0] if sectors else "")
        wikidata = head["wikidata"] or next((m["wikidata"] for m in members if m["wikidata"]),
                                            None)
        aliases = sorted({a for m in members for a in (m["aliases"] or [])})
        articles = sorted({a for m in members for a in (m["article_ids"] or []) if a})
        eid = stable_id("e", canon)
        entities.append(Entity(id=eid, name=head["name"], type=head["type"], aliases=aliases,
                               country=country, sector=sector, wikidata=wikidata,
                               article_ids=articles,
                               mentions=sum(m["mentions"] for m in members), key=canon))
        for m in members:
            key_rows.append({"old_key": m["key"], "old_id": stable_id("e", m["key"]),
                             "new_key": canon, "new_id": eid, "name": head["name"],
                             "country": country, "sector": sector, "wikidata": wikidata})
    with store.transaction():
        store.replace_table(Entity, entities)
        if key_rows:
            store.con.register("_keymap", pa.Table.from_pylist(key_rows))
            try:
                _rewrite(store)
            finally:
                store.con.unregister("_keymap")
    return len(entities)


def _rewrite(store: Store) -> None:
    con = store.con
    con.execute("""
        UPDATE mentions SET entity_id = k.new_id, key = k.new_key, name = k.name,
            country = CASE WHEN coalesce(mentions.country, '') = '' THEN k.country
                           ELSE mentions.country END,
            sector = CASE WHEN coalesce(mentions.sector, '') = '' THEN k.sector
                          ELSE mentions.sector END,
            wikidata = coalesce(mentions.wikidata, k.wikidata)
        FROM _keymap k WHERE mentions.key = k.old_key""")
    con.execute("""
        UPDATE quotes SET speaker_entity_id = k.new_id, speaker = k.name,
            country = CASE WHEN coalesce(quotes.country, '') = '' THEN k.country
                           ELSE quotes.country END,
            sector = CASE WHEN coalesce(quotes.sector, '') = '' THEN k.sector
                          ELSE quotes.sector END
        FROM _keymap k WHERE quotes.speaker_entity_id = k.old_id""")
    for side in ("actor", "recipient"):
        con.execute(f"""
            UPDATE events SET {side}_entity_id = k.new_id, {side}_name = k.name,
                {side}_country = CASE WHEN coalesce(events.{side}_country, '') = ''
                                      THEN k.country ELSE events.{side}_country END,
                {side}_sector = CASE WHEN coalesce(events.{side}_sector, '') = ''
                                     THEN k.sector ELSE events.{side}_sector END
            FROM _keymap k WHERE events.{side}_entity_id = k.old_id""")
