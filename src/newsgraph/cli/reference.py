"""Generate docs/CLI.md from the commands' own help, so the reference cannot go stale.

    python -m newsgraph.cli.reference > docs/CLI.md
"""

from __future__ import annotations

import click
from typer.main import get_command

from . import app


def _param_line(p: click.Parameter) -> str:
    if isinstance(p, click.Argument):
        return f"- `{p.human_readable_name}` (argument)"
    opts = ", ".join(f"`{o}`" for o in p.opts)
    help_text = getattr(p, "help", "") or ""
    default = p.default if p.default not in (None, False, (), []) else None
    extra = f" (default: `{default}`)" if default is not None and not callable(default) else ""
    return f"- {opts}: {help_text}{extra}"


def _command(prefix: str, cmd: click.Command) -> list[str]:
    lines = [f"## `{prefix}`", ""]
    lines += [(cmd.help or "").strip(), ""]
    params = [p for p in cmd.params if p.name != "help"]
    if params:
        lines += [_param_line(p) for p in params] + [""]
    return lines


def reference() -> str:
    """The CLI reference as Markdown."""
    root = get_command(app)
    lines = ["# newsgraph command reference", "",
             "Generated from the commands' help by `python -m newsgraph.cli.reference`; "
             "`tests/test_docs.py` fails when it is out of date.", ""]
    for name in sorted(root.commands):
        cmd = root.commands[name]
        if isinstance(cmd, click.Group):
            for sub in sorted(cmd.commands):
                lines += _command(f"newsgraph {name} {sub}", cmd.commands[sub])
        else:
            lines += _command(f"newsgraph {name}", cmd)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(reference(), end="")
