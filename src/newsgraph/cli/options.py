"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..store.duckdb import DEFAULT_DB

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
DEFAULT_DB_PATH = Path(DEFAULT_DB)
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to load (package or path); defaults to the "
                 "best installed English pipeline."),
]
KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base file (YAML/CSV) or folder; repeatable."),
]
LimitOption = Annotated[int, typer.Option("--limit", help="Show at most this many rows.", min=1)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")]
AllEventsOption = Annotated[bool, typer.Option(
    "--all", help="Also events with no coded political actor (complete = false).")]
MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Events at least this likely to be real (0..1); default: the event detector's "
    "operating point, chosen on development data. Lower it for recall, raise it for "
    "precision.")]
