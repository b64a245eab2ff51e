"""Read PolNeAR (brat standoff attributions) for measurement.

A split folder holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``. Some
articles have two annotators' files; :func:`read_split` uses the first in sorted order, so
every run scores against the same gold.

brat lines used here::

    T12<TAB>Content 302 427;430 500<TAB>...text...     (a span, possibly in fragments)
    E4<TAB>Attribution:T15 Cue:T14 Source:T13 Content:T12

Offsets index the ``.txt`` text as read (UTF-8, newlines kept), which is what the pipeline
sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["GoldAttribution", "GoldArticle", "read_ann", "read_split"]

Fragments = list[tuple[int, int]]

_QUOTE_CHARS = "\"“”„«»"
_ID = re.compile(r"^[A-Z#]\d+\t")


@dataclass(slots=True)
class GoldAttribution:
    content: Fragments
    content_text: str
    source: Fragments = field(default_factory=list)
    source_text: str = ""
    cue: Fragments = field(default_factory=list)
    cue_text: str = ""

    @property
    def direct(self) -> bool:
        """Gold content containing a quotation mark (the README's direct-quote subset; some
        outlets write the mark as two apostrophes '')."""
        return any(c in self.content_text for c in _QUOTE_CHARS) or "''" in self.content_text


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    ann_file: str = ""


def _fragments(spec: str) -> Fragments:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one brat file (events with a Content span)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _ID.match(line):  # blank, or the continuation of a span text with a newline
            continue
        cols = line.split("\t")
        try:
            if cols[0].startswith("T"):
                label, _, spec = cols[1].partition(" ")
                spans[cols[0]] = (label, _fragments(spec))
            elif cols[0].startswith("E"):
                roles = dict(part.split(":", 1) for part in cols[1].split())
                events.append(roles)
        except (IndexError, ValueError) as exc:
            raise InputError(f"unreadable brat line: {exc}", path=str(path), line=n) from exc

    def frag_text(frags: Fragments) -> str:
        return " ".join(text[a:b] for a, b in frags)

    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""), ("", []))[1]
        cue = spans.get(roles.get("Cue", ""), ("", []))[1]
        out.append(GoldAttribution(content[1], frag_text(content[1]), source, frag_text(source),
                                   cue, frag_text(cue)))
    return out


def read_split(folder: str | Path) -> list[GoldArticle]:
    """Every article of a PolNeAR split folder with its (first annotator's) attributions."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError("not a PolNeAR split folder (needs text/ and attributions/)",
                         path=str(folder))
    anns = sorted(ann_dir.glob("*.ann"))
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem]
        if not mine:
            continue
        articles.append(GoldArticle(txt.stem, text, read_ann(mine[0], text), mine[0].name))
    return articles
