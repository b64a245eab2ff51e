"""Merging reports of the same real-world event across articles.

Two event records are the same event when they have the same PLOVER type, the same actor
pair, compatible dates and compatible places:

- actor pair: the entity ids (else the normalised names as written); order does not matter
  for events between equals (CONSULT, AGREE, COOPERATE), so "Putin met Lukashenko" and
  "Lukashenko met Putin" merge;
- dates: equal when both come from the text with day precision; otherwise within a window
  (a date that is only the publication date may be a few days after the event; weeks, months
  and years cover their span);
- places: equal (case-insensitive) when both are known.

Events are blocked by (type, sorted actor pair), so the work grows with the size of each
block, not with the square of the corpus. Within a block events are sorted by date and
chained greedily. The cluster id is ``stable_id("ec", <first event id of the cluster>)``
(for a singleton, its own id); ``sources`` is the number of distinct articles in the cluster.

    merge_events(store)                      # everything
    merge_events(store, article_ids=new_ids) # only blocks touched by these articles
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from ..records import normalise_text, stable_id
from ..store.duckdb import Store

__all__ = ["merge_events", "event_block_key", "dates_compatible", "SYMMETRIC_TYPES"]

SYMMETRIC_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
#: days of slack per precision; "published" = a date that is only the article's date
_WINDOW = {"day": 0, "published": 3, "week": 7, "month": 31, "year": 366}


@dataclass(slots=True)
class _Row:
    id: str
    article_id: str
    date: dt.date | None
    precision: str | None
    place: str


def _party_key(entity_id: str | None, name: str | None, text: str | None) -> str:
    if entity_id:
        return entity_id
    label = name or text or ""
    return "t:" + normalise_text(label) if label else ""


def event_block_key(event: str, actor: str, recipient: str) -> tuple[str, str, str]:
    """The blocking key: type and actor pair (sorted for events between equals)."""
    if event in SYMMETRIC_TYPES and recipient < actor:
        actor, recipient = recipient, actor
    return event, actor, recipient


def _parse(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _window(precision: str | None) -> int:
    return _WINDOW.get(precision or "published", _WINDOW["published"])


def dates_compatible(a: dt.date | None, pa_: str | None, b: dt.date | None,
                     pb: str | None) -> bool:
    """Whether two event dates can be the same event (see the module docstring)."""
    if a is None or b is None:
        return False
    return abs((a - b).days) <= max(_window(pa_), _window(pb))


def _places_compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def _cluster_block(rows: list[_Row]) -> list[list[_Row]]:
    rows = sorted(rows, key=lambda r: (r.date or dt.date.max, r.id))
    clusters: list[list[_Row]] = []
    for row in rows:
        home = None
        for cluster in reversed(clusters[-8:]):  # recent clusters only: dates are sorted
            last = cluster[-1]
            if dates_compatible(last.date, last.precision, row.date, row.precision) and all(
                    _places_compatible(r.place, row.place) for r in cluster):
                home = cluster
                break
        if home is None:
            clusters.append([row])
        else:
            home.append(row)
    return clusters


def _rows_near(store: Store, cols: str, article_ids: list[str]) -> list[dict]:
    """Events of these articles plus every stored event that could share a block with them
    (same type and a party in common), read with SQL so the rest of the store is not loaded."""
    if not article_ids:
        return []
    store.con.register("_new_articles", pa.table({"id": article_ids}))
    try:
        new = store.rows(f"SELECT {cols} FROM events WHERE article_id IN "
                         "(SELECT id FROM _new_articles)")
    finally:
        store.con.unregister("_new_articles")
    labels = {v for r in new for k in ("actor_entity_id", "actor_name", "actor_text",
                                       "recipient_entity_id", "recipient_name", "recipient_text")
              if (v := r[k])}
    types = sorted({r["event"] for r in new})
    if not labels or not types:
        return new
    store.con.register("_labels", pa.table({"v": sorted(labels)}))
    try:
        marks = ", ".join("?" for _ in types)
        cond = " OR ".join(f"{c} IN (SELECT v FROM _labels)" for c in (
            "actor_entity_id", "actor_name", "actor_text", "recipient_entity_id",
            "recipient_name", "recipient_text"))
        near = store.rows(f"SELECT {cols} FROM events WHERE event IN ({marks}) AND ({cond})",
                          types)
    finally:
        store.con.unregister("_labels")
    seen = {r["id"] for r in near}
    return near + [r for r in new if r["id"] not in seen]


def merge_events(store: Store, article_ids: Iterable[str] | None = None) -> int:
    """Set ``cluster_id`` and ``sources`` on stored events; returns clusters with 2+ events.

    With ``article_ids``, only the blocks that contain events of those articles are redone.
    """
    cols = ("id, article_id, event, actor_entity_id, actor_name, actor_text, "
            "recipient_entity_id, recipient_name, recipient_text, date, date_precision, "
            "date_text, location_name")
    if article_ids is None:
        rows = store.rows(f"SELECT {cols} FROM events")
    else:
        rows = _rows_near(store, cols, list(article_ids))
    blocks: dict[tuple[str, str, str], list[_Row]] = defaultdict(list)
    singles: list[_Row] = []
    for r in rows:
        actor = _party_key(r["actor_entity_id"], r["actor_name"], r["actor_text"])
        recipient = _party_key(r["recipient_entity_id"], r["recipient_name"],
                               r["recipient_text"])
        precision = r["date_precision"] if r["date_text"] else (
            "published" if r["date"] else None)
        row = _Row(r["id"], r["article_id"], _parse(r["date"]), precision,
                   normalise_text(r["location_name"] or ""))
        if not actor or not recipient:
            singles.append(row)  # a one-sided event is too vague to merge
            continue
        blocks[event_block_key(r["event"], actor, recipient)].append(row)
    if article_ids is not None:
        wanted = set(article_ids)
        blocks = {k: v for k, v in blocks.items() if any(r.article_id in wanted for r in v)}
        singles = [r for r in singles if r.article_id in wanted]
    ids: list[str] = []
    cluster_ids: list[str] = []
    sources: list[int] = []
    merged = 0
    for block in blocks.values():
        for cluster in _cluster_block(block):
            cid = stable_id("ec", cluster[0].id)
            n = len({r.article_id for r in cluster})
            merged += len(cluster) > 1
            for r in cluster:
                ids.append(r.id)
                cluster_ids.append(cid)
                sources.append(n)
    for r in singles:
        ids.append(r.id)
        cluster_ids.append(stable_id("ec", r.id))
        sources.append(1)
    if ids:
        table = pa.table({"id": ids, "cluster_id": cluster_ids, "sources": sources})
        store.con.register("_event_clusters", table)
        try:
            store.con.execute(
                "UPDATE events SET cluster_id = c.cluster_id, sources = c.sources "
                "FROM _event_clusters c WHERE events.id = c.id")
        finally:
            store.con.unregister("_event_clusters")
    return merged


# ------------------------------------------------------------------ queries

def _party_filter(prefix: str, value: str) -> tuple[str, list[str]]:
    """SQL matching a party by country code (RUS), CAMEO-style code (RUSGOV), entity id, or
    name/text (case-insensitive). A code never matches inside a name: RUS is not Belarus."""
    if re.fullmatch(r"[A-Z]{3}", value):
        return f"({prefix}_country = ?)", [value]
    if re.fullmatch(r"[A-Z]{6}", value):
        return f"({prefix}_country = ? AND {prefix}_sector = ?)", [value[:3], value[3:]]
    # a part of a name is found as written ("%" and "_" are plain characters)
    part = value.lower()
    sql = (f"({prefix}_country = ? OR {prefix}_entity_id = ? "
           f"OR contains(lower({prefix}_name), ?) OR contains(lower({prefix}_text), ?))")
    return sql, [value.upper(), value, part, part]


def query_events(store: Store, *, actor: str | None = None, recipient: str | None = None,
                 event: str | None = None, since: str | None = None, until: str | None = None,
                 modality: str | None = None, limit: int | None = None,
                 either: bool = False, all_events: bool = False,
                 min_confidence: float | None = None) -> list:
    """Stored events filtered like ``newsgraph events``, newest first.

    ``actor`` / ``recipient`` match a country code (BLR), an entity id or part of a name;
    with ``either`` the pair matches in both directions. Only the trusted events (complete,
    at the detector's operating point) unless ``all_events`` or ``min_confidence`` say
    otherwise (:meth:`Store.trusted_events`).
    """
    from ..records import Event

    trusted, params = store.trusted_events(min_confidence, all_events)
    where: list[str] = [trusted]
    if actor and recipient and either:
        a_sql, a_p = _party_filter("actor", actor)
        r_sql, r_p = _party_filter("recipient", recipient)
        a2_sql, a2_p = _party_filter("actor", recipient)
        r2_sql, r2_p = _party_filter("recipient", actor)
        where.append(f"(({a_sql} AND {r_sql}) OR ({a2_sql} AND {r2_sql}))")
        params += a_p + r_p + a2_p + r2_p
    else:
        for prefix, value in (("actor", actor), ("recipient", recipient)):
            if value:
                sql, p = _party_filter(prefix, value)
                where.append(sql)
                params += p
    if event:
        types = [t.strip().upper() for t in event.split(",") if t.strip()]
        where.append("event IN (" + ", ".join("?" for _ in types) + ")")
        params += types
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    if modality:
        where.append("modality = ?")
        params.append(modality)
    return store.records(Event, " AND ".join(where), params,
                         order="date DESC NULLS LAST, article_id, start", limit=limit)


def group_by_cluster(events: list) -> list[tuple[str, int, list]]:
    """(cluster id, sources, events) per cluster, in the order the events came."""
    groups: dict[str, list] = {}
    for e in events:
        groups.setdefault(e.cluster_id or stable_id("ec", e.id), []).append(e)
    return [(cid, max(max(e.sources or 1 for e in evs), len({e.article_id for e in evs})), evs)
            for cid, evs in groups.items()]
