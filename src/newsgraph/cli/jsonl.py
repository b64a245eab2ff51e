"""One reader and one policy for the JSON-lines commands: ``code``, ``actors``, ``similarity``.

The policy, which scripts can rely on:

- every input line gets exactly one output line, in input order, written as soon as it is
  ready: the command's result, or ``{"<id field>": <id or null>, "error": "..."}`` for a line
  that is not a JSON object, lacks a required field, has a field of the wrong type, or could
  not be processed; each such line also gets one line on stderr naming the file and line;
- blank lines at the end of the input are not lines; a blank line between records is a bad
  line (so output line N always answers input line N);
- unknown fields are ignored;
- exit status 0 when every line was good, 1 when some were not, 2 when the input cannot be
  read at all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..errors import InputError, NewsgraphError
from .output import EXIT_OK, EXIT_SOME_FAILED, err, esc

__all__ = ["Field", "run_jsonl"]


@dataclass(frozen=True)
class Field:
    """An input field the command reads: its name, whether it must be there, its JSON types."""

    name: str
    required: bool = False
    types: tuple[type, ...] = (str,)


_TYPE_NAMES = {str: "a string", int: "a number", float: "a number", bool: "true/false",
               list: "a list", dict: "an object", type(None): "null"}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _lines(path: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when not UTF-8) for each line; trailing blank lines dropped."""
    fh: IO[bytes]
    if path == "-":
        fh = getattr(sys.stdin, "buffer", None) or _TextAsBytes(sys.stdin)
    else:
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    blanks: list[int] = []
    try:
        for number, raw in enumerate(fh, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line: str | None = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = None
            if line is not None and not line.strip():
                blanks.append(number)  # a blank line counts only if a record follows it
                continue
            for blank in blanks:
                yield blank, ""
            blanks.clear()
            yield number, line
    finally:
        if path != "-":
            fh.close()


class _TextAsBytes:
    """A text stream read as UTF-8 bytes lines (stdin replaced by a StringIO, as in tests)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __iter__(self) -> Iterator[bytes]:
        for line in self.stream:
            yield line.encode("utf-8")

    def close(self) -> None:  # pragma: no cover - stdin is never closed
        pass


def _record(line: str | None, fields: Sequence[Field]) -> dict:
    """The line as a JSON object whose known fields have the right types; InputError if not."""
    if line is None:
        raise InputError("line is not UTF-8 text")
    if not line.strip():
        raise InputError("blank line")
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON ({type(exc).__name__})") from exc
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {_type_name(rec)}")
    for f in fields:
        value = rec.get(f.name)
        if value is None:
            if f.required:
                missing = "is null" if f.name in rec else "is missing"
                raise InputError(f"field '{f.name}' {missing}", field=f.name)
            continue
        if isinstance(value, bool) and bool not in f.types or not isinstance(value, f.types):
            expected = " or ".join(dict.fromkeys(_TYPE_NAMES.get(t, t.__name__)
                                                 for t in f.types))
            raise InputError(f"field '{f.name}' is {_type_name(value)}, expected {expected}",
                             field=f.name)
    return rec


def _id_of(line: str | None, id_field: str) -> Any:
    try:
        rec = json.loads(line or "")
    except (ValueError, RecursionError):
        return None
    value = rec.get(id_field) if isinstance(rec, dict) else None
    return value if isinstance(value, str | int | float) or value is None else str(value)


def run_jsonl(path: str, fields: Sequence[Field], process: Callable[[dict], dict], *,
              id_field: str = "id") -> int:
    """Answer every line of ``path`` ("-": stdin) with ``process(record)`` or an error line.

    Returns the exit status (0 all good, 1 some bad). Raises :class:`InputError` when the
    input cannot be opened. ``process`` may raise: a :class:`NewsgraphError` gives its
    message, any other exception its type and message, on that line only.
    """
    bad = 0
    for number, line in _lines(path):
        try:
            result = process(_record(line, fields))
        except NewsgraphError as exc:
            result, why = None, exc.message
        except Exception as exc:  # noqa: BLE001 - one line's failure is that line's answer
            result, why = None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        if result is None:
            bad += 1
            result = {id_field: _id_of(line, id_field), "error": why}
            where = "<stdin>" if path == "-" else path
            err.print(f"{esc(where)}:{number}: {esc(why)}", highlight=False, soft_wrap=True,
                      markup=True)
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return EXIT_SOME_FAILED if bad else EXIT_OK
