"""The ``newsgraph`` command: one Typer app; each command is a thin call into the library.

Commands live in one module per area and register themselves on ``app`` (or on
``evaluate_app`` for ``newsgraph evaluate ...``) when imported below.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn raw news articles into who did what to whom, who said what, when and where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(
    help="Measure quality on the public benchmarks (../shared/bench) with newsgraph's scorers.",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")

# each module registers its commands on import
from . import (  # noqa: E402,F401
    actors,
    core,  # noqa: E402,F401
    events,
    quotes,
    stories,
)


def main() -> None:
    app()
