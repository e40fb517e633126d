"""No option given twice silently keeps its last value: every command, every option.

A list-typed option (`--status`) takes every value given; any other option given twice is
refused with one Chinese line, exit 2, before any file is read or written.
"""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.sample_plans import sample_data

runner = CliRunner()


def leaf_commands(command=None, path=()):
    """Every command that runs (not a group), with its path: ("list",), ("import", "tasks")…"""
    command = command or get_command(app)
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from leaf_commands(sub, (*path, name))


CASES = [
    pytest.param(path, param, id=f"{' '.join(path)} {param.opts[0]}")
    for path, command in leaf_commands()
    for param in command.params
    if param.param_type_name == "option" and not param.multiple and "--help" not in param.opts
]


def twice(param) -> list[str]:
    option = param.opts[0]
    return [option, option] if param.is_flag else [option, "1", option, "2"]


@pytest.mark.parametrize(("path", "param"), CASES)
def test_an_option_given_twice_is_refused(tmp_path, path, param):
    plan = sample_data(tmp_path) / "2025_tasks.yaml"
    before = plan.read_bytes()
    result = runner.invoke(app, [*path, *twice(param)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("kexie: ") and result.stderr.count("\n") == 1
    assert f"{param.opts[0]}" in result.stderr and "只能给一次" in result.stderr
    assert plan.read_bytes() == before


def test_every_command_was_checked():
    checked = {path for path, _ in (case.values for case in CASES)}
    assert {("list",), ("report",), ("show",), ("progress",), ("check",)} <= checked


def test_list_typed_options_take_every_value(tmp_path):
    data = str(sample_data(tmp_path))
    args = ["list", "--data", data, "--as-of", "2025-06-15", "--format", "json"]
    result = runner.invoke(app, [*args, "--status", "已完成", "--status", "进行中"])
    assert result.exit_code == 0, result.output
    assert '"id":2' in result.stdout and '"id":4' in result.stdout
