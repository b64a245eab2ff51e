"""Progress reporting for long library calls; silent by default, Rich in the CLI."""

from __future__ import annotations

import logging

from .errors import NewsgraphError

log = logging.getLogger("newsgraph")


class Progress:
    """Callbacks a long-running library call makes; override what you want to show."""

    def start(self, phase: str, total: int | None = None) -> None: ...

    def advance(self, phase: str, n: int = 1) -> None: ...

    def done(self, phase: str) -> None: ...

    def error(self, error: NewsgraphError) -> None:
        log.warning("%s", error)

    def info(self, message: str) -> None:
        """A line worth telling the user (which model was loaded, a wait for a lock)."""
        log.info("%s", message)
