"""Reading KB files (YAML or CSV) into plain records, with the line of every field.

Which kind a file holds is decided by its name (countries*, igos*/orgs*, people*/persons*,
places*/gazetteer*, sectors*, agents*, ambiguous*) or, failing that, by the fields of its first
record (``offices`` -> people, ``adjectives``/``demonyms`` -> countries, ``kind`` +
``country`` -> places, ``nouns`` -> sectors, else organisations).
Every record comes back as a dict with ``__file__``, ``__line__`` and ``__lines__`` (field ->
line) so that validation errors can name file, line and field.

CSV files hold one record per row; list fields (aliases, names, adjectives, demonyms) are
separated by ``|`` (a cell that uses ``;`` instead is an error); a people CSV has one row
per office (columns id, name, aliases, surname, gender, wikidata, country, sector, role,
start, end, org, approx), rows with the same id are merged.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError

__all__ = ["read_file", "iter_kb_files", "detect_kind"]

KINDS = ("countries", "orgs", "people", "places", "sectors", "agents", "ambiguous")
_LIST_FIELDS = ("aliases", "names", "adjectives", "demonyms")


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when built


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe YAML loader that remembers the line of every mapping and of its keys."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        # YAML keeps the last of two equal keys silently; in a KB that loses data
        seen: set[str] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key.value!r}", key.start_mark)
                seen.add(key.value)
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value
                                if isinstance(k, yaml.ScalarNode)}
        return mapping


def _strip_meta(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_meta(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_meta(v) for v in value]
    return value


def iter_kb_files(path: str | Path) -> list[Path]:
    """The KB files under ``path`` (a file, or a folder searched recursively), sorted."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*")
                      if f.suffix.lower() in (".yaml", ".yml", ".csv") and f.is_file())
    if not p.exists():
        raise KnowledgeBaseError("knowledge-base file or folder not found", path=str(p))
    return [p]


def detect_kind(path: Path, data: Any) -> str | None:
    """The kind of records in a file (see module docstring), None for files to skip."""
    name = path.stem.lower()
    parts = {part.lower() for part in path.parts}
    if name.startswith("countr"):
        return "countries"
    if name.startswith(("igo", "org")):
        return "orgs"
    if name.startswith(("people", "person")) or "people" in parts:
        return "people"
    if name.startswith("event"):
        return None
    if name.startswith("sector"):
        return "sectors"
    if name.startswith("agent"):
        return "agents"
    if name.startswith("ambiguous"):
        return "ambiguous"
    if name.startswith(("place", "gazetteer")):
        return "places"
    if isinstance(data, dict):  # the event lexicon (events.yaml) is not ours to read
        return "sectors" if "nouns" in data and "sectors" in data else None
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        if "offices" in first:
            return "people"
        if "adjectives" in first or "demonyms" in first:
            return "countries"
        if "kind" in first and "country" in first:
            return "places"
        if "country" in first:
            return "orgs"
    return None


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read: {exc}", path=str(path)) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"YAML syntax error: {problem}", path=str(path),
                                 line=line) from exc


def _read_csv(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = []
            for row in reader:
                line = reader.line_num
                rec: dict[str, Any] = {}
                for key, value in row.items():
                    if key is None:
                        raise KnowledgeBaseError("more cells than header columns",
                                                 path=str(path), line=line)
                    value = (value or "").strip()
                    if key in _LIST_FIELDS:
                        if ";" in value and "|" not in value:
                            raise KnowledgeBaseError(
                                f"list cell {value!r}: separate the items with '|', not ';'",
                                path=str(path), line=line, field=key)
                        rec[key] = [v.strip() for v in value.split("|") if v.strip()]
                    else:
                        rec[key] = value or None
                rec["__line__"] = line
                rec["__lines__"] = {k: line for k in rec}
                rows.append(rec)
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KnowledgeBaseError(f"cannot read CSV: {exc}", path=str(path)) from exc


def _people_from_csv(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    office_keys = ("country", "sector", "role", "start", "end", "org", "approx")
    for row in rows:
        pid = row.get("id") or row.get("name")
        person = people.setdefault(pid, {
            **{k: v for k, v in row.items() if k not in office_keys},
            "offices": [],
        })
        if row.get("country") or row.get("sector"):
            office = {k: row.get(k) for k in office_keys}
            office["__line__"] = row["__line__"]
            office["__lines__"] = row["__lines__"]
            person["offices"].append(office)
    return list(people.values())


def read_file(path: Path) -> tuple[str | None, Any]:
    """(kind, data) of one KB file; data keeps ``__line__``/``__lines__`` on every mapping."""
    if path.suffix.lower() == ".csv":
        rows = _read_csv(path)
        kind = detect_kind(path, rows)
        if kind == "people":
            return kind, _people_from_csv(rows)
        return kind, rows
    data = _read_yaml(path)
    if data is None:
        return None, None
    kind = detect_kind(path, data)
    if kind in ("countries", "orgs", "people", "places") and not isinstance(data, list):
        raise KnowledgeBaseError(f"a {kind} file must hold a list of records", path=str(path),
                                 line=1)
    if kind in ("sectors", "agents", "ambiguous") and not isinstance(data, dict):
        raise KnowledgeBaseError(f"a {kind} file must hold a mapping", path=str(path), line=1)
    return kind, data


def plain(value: Any) -> Any:
    """A loaded value without the line bookkeeping."""
    return _strip_meta(value)
