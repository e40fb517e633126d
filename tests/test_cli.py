"""The CLI layer: help pages in Chinese that fit 80 columns."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()

COMMANDS = [
    [],
    ["check"],
    ["list"],
    ["show"],
    ["report"],
    ["progress"],
    ["export"],
    ["import"],
    ["import", "points"],
    ["import", "tasks"],
]


def command_at(path):
    command = get_command(app)
    for name in path:
        command = command.commands[name]
    return command


def own_ellipses(command) -> int:
    """How many … the help's own words contain (a cut line adds one more)."""
    texts = [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
    return sum(text.count("…") for text in texts)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kexie")
def test_help_at_80_columns_is_chinese_and_nothing_is_cut(path):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "Show this message" not in result.stdout
    assert "显示本帮助并退出" in result.stdout
    assert "用法：kexie" in result.stdout and "Usage" not in result.stdout
    assert "[default" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert result.stdout.count("…") == own_ellipses(command_at(path))


@pytest.mark.parametrize("group", [[], ["import"]], ids=["kexie", "import"])
def test_the_command_list_shows_each_first_line_whole(group):
    result = runner.invoke(app, [*group, "-h"], env={"COLUMNS": "80"}, terminal_width=80)
    for name, command in command_at(group).commands.items():
        first = (command.short_help or command.help).split("\n\n")[0].strip()
        assert f"{name} " in result.stdout and first in result.stdout
