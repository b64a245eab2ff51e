"""Reading benchmark files of JSON lines, with errors that name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError

__all__ = ["parse_json_lines", "read_json_lines"]


def parse_json_lines(raw: str, path: str | Path) -> list[dict]:
    """The records of ``raw`` (one JSON value per non-blank line) read from ``path``."""
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"not a JSON line: {exc.msg}", path=str(path), line=n) from exc
    return out


def read_json_lines(path: str | Path) -> list[dict]:
    """The records of a JSON Lines file."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=str(path)) from exc
    return parse_json_lines(raw, path)
