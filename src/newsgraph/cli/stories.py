"""CLI commands for stories (registered on import by newsgraph.cli)."""

from __future__ import annotations

from . import app, evaluate_app  # noqa: F401
