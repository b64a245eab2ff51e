"""The docs stay true: README commands, CI, and every CLI command documented."""

from __future__ import annotations

from typer.main import get_command

from newsgraph.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_after(marker: str) -> str:
    lines = README.splitlines()
    i = lines.index(marker)
    assert lines[i + 1].startswith("```")
    return lines[i + 2]


def test_docs_readme_has_demo_and_test_commands():
    demo = _command_after("<!-- demo-command -->")
    test = _command_after("<!-- test-command -->")
    assert "pip install" in demo and demo.endswith("newsgraph demo")
    assert "pip install" in test and "pytest" in test


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and "bash -euo pipefail -c" in ci


def _commands():
    group = get_command(app)
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            for sub in cmd.commands:
                yield f"{name} {sub}", cmd.commands[sub]
        else:
            yield name, cmd


def test_docs_every_command_has_help_with_example():
    for name, cmd in _commands():
        assert cmd.help, f"newsgraph {name} has no help"
        assert "Example:" in cmd.help, f"newsgraph {name} help has no Example:"


def test_docs_cli_reference_is_current():
    from newsgraph.cli.reference import reference

    current = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    assert current == reference(), "regenerate: python -m newsgraph.cli.reference > docs/CLI.md"


def test_docs_readme_links_the_cli_reference():
    assert "docs/CLI.md" in README
