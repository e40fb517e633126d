"""The CLI layer: help pages in Chinese that fit 80 columns, usage errors in Chinese on one line."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from typer.main import get_command
from typer.testing import CliRunner

from kexie_cli.chinese_click import _translated
from kexie_cli.cli import app

runner = CliRunner()


def walk(command=None, path=()):
    """Every command of the app, groups included, with its path: (), ("list",), ("import",),
    ("import", "tasks")… — read from the app itself, so a new command is checked unasked."""
    command = command or get_command(app)
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from walk(sub, (*path, name))


COMMANDS = [list(path) for path, _ in walk()]
GROUPS = [list(path) for path, command in walk() if getattr(command, "commands", None)]


def command_at(path):
    command = get_command(app)
    for name in path:
        command = command.commands[name]
    return command


def test_the_walk_finds_the_commands_and_groups():
    assert {"list", "report", "forms", "import progress"} <= {" ".join(p) for p in COMMANDS}
    assert [] in GROUPS and ["import"] in GROUPS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "kexie")
def test_help_at_80_columns_is_chinese_and_nothing_is_cut(path):
    result = runner.invoke(app, [*path, "-h"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "Show this message" not in result.stdout
    assert "显示本帮助并退出" in result.stdout
    assert "用法：kexie" in result.stdout and "Usage" not in result.stdout
    assert "[default" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80  # 汉字 take 2 cells
    assert "…" not in result.stdout  # Rich cuts a help text too long for its column with …


@pytest.mark.parametrize("group", GROUPS, ids=lambda p: " ".join(p) or "kexie")
def test_the_command_list_shows_each_first_line_whole(group):
    result = runner.invoke(app, [*group, "-h"], env={"COLUMNS": "80"}, terminal_width=80)
    for name, command in command_at(group).commands.items():
        first = (command.short_help or command.help).split("\n\n")[0].strip()
        assert f"{name} " in result.stdout and first in result.stdout


@pytest.mark.parametrize("path", GROUPS, ids=lambda p: " ".join(p) or "kexie")
def test_a_group_alone_prints_its_help_and_exits_0(path):
    result = runner.invoke(app, path, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "用法：kexie" in result.stdout and "显示本帮助并退出" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--foo"], "没有选项 --foo（可用：--format、--org）"),
        (["show"], "缺少参数 NUMBER"),
        (["progress"], "缺少参数 N[.K]"),
        (["list", "--due", "2025.13"], "--due 的值无效：月份 '2025.13'"),
        (["list", "--plan", "abc"], "--plan 的值无效：'abc' 不是整数"),
        (["list", "--margin", "200"], "--margin 的值无效：200.0 不在 0<=x<=100 范围内"),
        (["list", "--format", "xml"], "--format 的值无效：'xml' 不是可用值之一"),
        (["show", "1", "2"], "多余的参数 2"),
        (["list", "--dept"], "选项 --dept 需要一个值"),
        (["list", "--lead-only=3"], "选项 --lead-only 不接受值"),
        (["lst"], "没有命令 lst（是否要用 'list'？）"),
        (["import", "foo"], "没有命令 foo"),
    ],
)
def test_usage_errors_are_chinese_one_line_exit_2(args, message, tmp_path):
    result = runner.invoke(app, [*args], env={"KEXIE_DATA": str(tmp_path)})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("kexie: 用法错误：")
    assert message in result.stderr
    for english in ("Invalid value", "No such", "Missing", "unexpected", "requires", "Possible"):
        assert english not in result.stderr


def test_messages_click_words_are_translated_and_others_kept():
    assert _translated("Got unexpected extra arguments (a b)") == "多余的参数 a b"
    assert _translated("Got unexpected extra argument(s) (a)") == "多余的参数 a"
    assert _translated("'x' is not a valid float.") == "'x' 不是数"
    assert _translated("Option '--done' requires 2 arguments.") == "选项 --done 需要 2 个值"
    assert _translated("月份 '2025.13' 超出 1–12") == "月份 '2025.13' 超出 1–12"


@pytest.mark.parametrize(
    "path", [[], ["check"], ["show"], ["list"], ["progress"], ["import", "tasks"]]
)
def test_help_placeholders_are_chinese(path):
    page = CliRunner().invoke(app, [*path, "-h"], env={"COLUMNS": "100"}).stdout
    for english in ("[OPTIONS]", "COMMAND", "[ARGS]", "<path>", "<int>", "<str>", "<text>"):
        assert english not in page, (path, english)
    assert "[选项]" in page


def test_a_command_run_alone_is_the_same_command():
    """`main` builds only the command asked for (Typer makes every command on each run): its
    help and its refusals read exactly as from the whole app; a group, help or a slip gets the
    whole app."""
    from kexie_cli.cli import app, only

    runner = CliRunner()
    names = [c.name for c in app.registered_commands]
    assert names and all(only(name) is not app for name in names)
    for name in names:
        for args in ([name, "-h"], [name, "--no-such-option"]):
            whole = runner.invoke(app, args, env={"COLUMNS": "100"})
            alone = runner.invoke(only(name), args, env={"COLUMNS": "100"})
            assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), args
    for other in ("import", "-h", "no-such-command", None):
        assert only(other) is app
