"""The `kexie` command: a thin Typer layer over the core.

Every failure a person can cause (a bad option, bad data) ends as one line on stderr and
exit code 2, never a traceback; this holds under Typer's CliRunner as well as from a shell.
Help pages and usage errors are in Chinese: Click's own words are replaced here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import Any

import typer

# Typer carries its own copy of Click; its exceptions are reached only through it.
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

from kexie_cli.commands import (
    check,
    comment,
    export,
    extend,
    forms,
    imports,
    listing,
    progress,
    report,
)
from kexie_cli.core.problems import KexieError

HELP_OPTION_HELP = "显示本帮助并退出"
# Typer's help-page words are module constants of typer.rich_utils, read when a page is drawn.
_HELP_WORDS = {
    "OPTIONS_PANEL_TITLE": "选项",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "COMMANDS_PANEL_TITLE": "命令",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ENVVAR_STRING": "[环境变量：{}]",
}


class _ChineseHelp:
    """The help option, the usage line and the panel titles of a help page in Chinese."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from typer import rich_utils

        for name, words in _HELP_WORDS.items():
            setattr(rich_utils, name, words)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class KexieCommand(_ChineseHelp, TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Refuse an option given twice that takes one value: Click would keep the last one
        silently. List-typed options (`--status`) take every value given."""
        if not ctx.resilient_parsing:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            refuse_repeats(ctx, order)
        return super().parse_args(ctx, args)


def refuse_repeats(ctx: Any, order: list[Any]) -> None:
    seen: set[str] = set()
    for param in order:
        if param.param_type_name != "option" or param.multiple or param.count:
            continue
        if param.name in seen:
            raise UsageError(f"选项 {' / '.join(param.opts)} 只能给一次", ctx)
        seen.add(param.name)


class KexieGroup(_ChineseHelp, TyperGroup):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as exc:
            # `kexie` alone asks for the help page (Rich has printed it already): not an error.
            if message := exc.format_message().strip():
                typer.echo(message)
            sys.exit(0)
        except UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "kexie"
            _fail(f"用法错误：{_usage_text(exc)}（运行 {where} -h 查看用法）")
        except ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except typer.Abort:
            _fail("已中止", 1)
        except KexieError as exc:
            _fail(str(exc))
        sys.exit(code if isinstance(code, int) else 0)


def _usage_text(exc: UsageError) -> str:
    """Click's message for a usage error in Chinese, built from what the exception carries."""
    if isinstance(exc, NoSuchOption):
        known = "、".join(sorted(exc.possibilities or []))
        return f"没有选项 {exc.option_name}" + (f"（可用：{known}）" if known else "")
    if isinstance(exc, MissingParameter) and exc.param is not None:
        kind = "选项" if exc.param.param_type_name == "option" else "参数"
        return f"缺少{kind} {_param_name(exc.param)}"
    if isinstance(exc, BadParameter):
        hint = exc.param_hint or (_param_name(exc.param) if exc.param else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        return f"{hint} 的值无效：{_translated(exc.message)}".strip()
    return _translated(exc.format_message())


def _param_name(param: Any) -> str:
    if param.param_type_name == "option":
        return " / ".join(param.opts)
    return param.metavar or (param.name or "").upper()


# Click's remaining messages, each as a pattern and its Chinese; anything else stays as is.
_MESSAGES = (
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "多余的参数 {0}"),
    (r"No such command '(.*)'\.+ Did you mean (.*)\?", "没有命令 {0}（是否要用 {1}？）"),
    (r"No such command '(.*)'\.", "没有命令 {0}"),
    (r"Missing command\.", "缺少命令"),
    (r"Option '(.*)' requires an argument\.", "选项 {0} 需要一个值"),
    (r"Option '(.*)' requires (\d+) arguments\.", "选项 {0} 需要 {1} 个值"),
    (r"Option '(.*)' does not take a value\.", "选项 {0} 不接受值"),
    (r"(.*) is not a valid int(?:eger)?(?: range)?\.", "{0} 不是整数"),
    (r"(.*) is not a valid float(?: range)?\.", "{0} 不是数"),
    (r"(.*) is not a valid boolean\..*", "{0} 不是 true/false"),
    (r"(.*) is not in the range (.*)\.", "{0} 不在 {1} 范围内"),
    (r"(.*) is not one of (.*)\.", "{0} 不是可用值之一：{1}"),
)


def _translated(message: str) -> str:
    import re

    for pattern, words in _MESSAGES:
        if found := re.fullmatch(pattern, message.strip(), re.DOTALL):
            return words.format(*found.groups())
    return message


def _fail(message: str, code: int = 2) -> None:
    print(f"kexie: {message}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=KexieGroup,
    name="kexie",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """科协重点工作任务分解清单：列出、筛选、登记进度、汇总报告。

    数据：--data 给出的文件或文件夹，否则环境变量 KEXIE_DATA，否则当前目录下的 data/。
    运行 kexie 命令 -h 查看各命令的用法。
    """


app.command("check", cls=KexieCommand)(check.check)
app.command("list", cls=KexieCommand)(listing.list_tasks)
app.command("show", cls=KexieCommand)(listing.show)
app.command("report", cls=KexieCommand)(report.report)
app.command("progress", cls=KexieCommand)(progress.progress)
app.command("extend", cls=KexieCommand)(extend.extend)
app.command("comment", cls=KexieCommand)(comment.comment)
app.command("forms", cls=KexieCommand, short_help="填报表：每个部室一份，收回后一次导入")(
    forms.forms
)
# import and export keep their long first lines in their own modules: the command list shows
# the short help given here instead. The import commands are declared without a class
# (Typer's default), so they are given ours here.
for _command in imports.app.registered_commands:
    if _command.cls is TyperCommand:
        _command.cls = KexieCommand
app.add_typer(
    imports.app,
    name="import",
    cls=KexieGroup,
    short_help="导入：工作要点通知（文本）或任务分解清单（Excel）转为计划文件",
)
app.command("export", cls=KexieCommand, short_help="导出整份任务分解清单：Excel 或 CSV")(
    export.export
)


def main() -> None:
    """The console script. The cyclic garbage collector is off for the command: what a command
    builds lives until it ends, holds next to no cycles, and a 10,000-task report would spend
    ~6% of its time in collections that find nothing to free."""
    gc.disable()
    try:
        app(prog_name="kexie")
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except OSError:  # a closed pipe (`kexie list | head -1`): the rest goes nowhere,
                # rather than a traceback when Python flushes it again at exit
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
