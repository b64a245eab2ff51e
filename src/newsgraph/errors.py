"""newsgraph's errors: one base, coded messages that say what to do.

    NewsgraphError
    ├── InputError        a file or record newsgraph cannot read (names file and line)
    ├── KnowledgeBaseError a KB file with a syntax error, unknown code or ambiguous alias
    ├── StoreError        the DuckDB store cannot be opened, migrated or written
    └── ModelError        no usable spaCy pipeline could be loaded
"""

from __future__ import annotations

__all__ = ["NewsgraphError", "InputError", "KnowledgeBaseError", "StoreError", "ModelError"]


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""

    code = "N000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            if self.field:
                where += f" [{self.field}]"
            where += ": "
        return f"[{self.code}] {where}{self.message}"


class InputError(NewsgraphError):
    code = "N100"


class KnowledgeBaseError(NewsgraphError):
    code = "N200"


class StoreError(NewsgraphError):
    code = "N300"


class ModelError(NewsgraphError):
    code = "N400"
