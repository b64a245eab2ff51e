"""newsgraph's errors: one base, coded messages that say what to do.

    NewsgraphError
    ├── InputError        a file or record newsgraph cannot read (names file and line)
    ├── KnowledgeBaseError a KB file with a syntax error, unknown code or ambiguous alias
    ├── StoreError        the DuckDB store cannot be opened, read, migrated or written
    │   └── StoreNotFoundError  there is no store at the path given
    ├── ModelError        no usable spaCy pipeline could be loaded (or not the one asked for)
    ├── AnnotationError   the pipeline failed on one article (logged; the run goes on)
    └── OutputError       a file or folder newsgraph was asked to write cannot be written

Each class carries the exit status the CLI gives it (``exit_code``): 2 for what the user
can fix in the command (a bad option, a missing store or model, an unwritable --out), 3 for
a store that is damaged, locked or unreadable. Bad input records are not exit statuses of
their own: they are counted, and a run that met any ends with status 1.
"""

from __future__ import annotations

__all__ = ["NewsgraphError", "InputError", "KnowledgeBaseError", "StoreError",
           "StoreNotFoundError", "ModelError", "AnnotationError", "OutputError"]


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""

    code = "N000"
    #: the CLI's exit status for this error (see the module docstring)
    exit_code = 2

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
    exit_code = 3


class StoreNotFoundError(StoreError):
    code = "N301"
    exit_code = 2


class ModelError(NewsgraphError):
    code = "N400"


class AnnotationError(NewsgraphError):
    code = "N500"


class OutputError(NewsgraphError):
    code = "N600"
