"""Click's words in Chinese: the help option, usage lines, panel titles and placeholders of a
help page, and the messages of a usage error — for kexie's command and group classes."""

from __future__ import annotations

import copy
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
        usage = " ".join(pieces)
        for english, chinese in _USAGE_WORDS.items():
            usage = usage.replace(english, chinese)
        formatter.write_usage(ctx.command_path, usage, prefix="用法：")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from typer import rich_utils

        for name, words in _HELP_WORDS.items():
            setattr(rich_utils, name, words)
        _chinese_placeholders(self)
        super().format_help(ctx, formatter)  # type: ignore[misc]


# Click's placeholders in a usage line, and the type names Typer shows as <path>, in Chinese.
_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
_TYPE_WORDS = {"path": "路径", "str": "文字", "text": "文字", "int": "整数", "integer": "整数",
               "float": "数", "date": "日期"}  # fmt: skip
_ARGUMENT_WORDS = {"files": "文件...", "file": "文件", "number": "序号"}


def _chinese_placeholders(command: Any) -> None:
    """Each option without a metavar of its own shown as <路径>, <整数>… rather than Typer's
    English type name; arguments named in Chinese where kexie has not named them."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            if param.metavar is None and param.name in _ARGUMENT_WORDS:
                param.metavar = _ARGUMENT_WORDS[param.name]
            if param.type.name in _TYPE_WORDS:  # shown as <name>; a copy: help is drawn once
                param.type = copy.copy(param.type)
                param.type.name = _TYPE_WORDS[param.type.name]
        elif param.metavar is not None:
            continue
        elif not getattr(param, "is_flag", False) and param.type.name in _TYPE_WORDS:
            param.metavar = f"<{_TYPE_WORDS[param.type.name]}>"


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
    from kexie_cli.core.controls import visible

    print(f"kexie: {visible(message)}", file=sys.stderr, flush=True)
    sys.exit(code)
