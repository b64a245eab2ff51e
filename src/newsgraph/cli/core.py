"""Core commands: ingest, demo, code, export, info."""

from __future__ import annotations

from . import app  # noqa: F401
