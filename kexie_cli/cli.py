"""The `kexie` command: a thin Typer layer over the core.

Every failure a person can cause (a bad option, bad data) ends as one line on stderr and
exit code 2, never a traceback; this holds under Typer's CliRunner as well as from a shell.
Help pages and usage errors are in Chinese: Click's own words are replaced here.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import gc
import io
import os
import signal
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
    remind,
    report,
)
from kexie_cli.core.controls import visible
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import signals_held_after

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
    _say(message)
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
app.command("remind", cls=KexieCommand, short_help="催办：每个部室一条提醒，发往群机器人或邮箱")(
    remind.remind
)
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


def only(name: str | None) -> typer.Typer:
    """The app with just the command named, if it is one: Typer makes every command's Click
    command, options and all, on each run (~19 ms of a shipped `report`'s ~55), and a run needs
    one. Anything else (a group, help, a slip) gets the whole app."""
    chosen = [c for c in app.registered_commands if c.name == name]
    if not chosen:
        return app
    trimmed = copy.copy(app)  # the same settings and root callback
    trimmed.registered_commands, trimmed.registered_groups = chosen, []
    return trimmed


# Exit codes beyond 0/1/2: the result could not be written to standard output (a full disk,
# a closed stdout); 128 + N: stopped by signal N (130 for Ctrl-C).
STDOUT_FAILED = 3


def main() -> None:
    """The console script. The cyclic garbage collector is off for the command: what a command
    builds lives until it ends, holds next to no cycles, and a 10,000-task report would spend
    ~6% of its time in collections that find nothing to free.

    Around the command: standard streams that cannot raise a traceback, arguments decoded as the
    terminal's encoding, signals turned into one line — and a write that landed is reported as
    recorded (exit 0) whatever fails after it, so nobody retries and counts it twice."""
    gc.disable()
    _guard_streams()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _on_signal)
    failure = ""
    try:
        with signals_held_after():  # once the command is over, a signal changes nothing
            args = _arguments(sys.argv[1:])
            only(args[0] if args else None)(args=args, prog_name="kexie")
        code: int = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except _Interrupted as exc:
        code, failure = 128 + exc.signum, "已中断"
    except KexieError as exc:  # raised before the command ran (arguments)
        code, failure = 2, str(exc)
    except Exception as exc:  # a bug: one line, never a traceback
        code = 1
        failure = "" if _Stdout.error else f"内部错误（{type(exc).__name__}: {exc}）"
    sys.exit(_settle(code, failure))


def _settle(code: int, failure: str) -> int:
    """The exit code, and the one line that says what happened when the command did not end
    normally (signals held: none can change it now): a landed update is reported, exit 0."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()
    error = _Stdout.error
    if error is not None and error.errno != errno.EPIPE:
        failure = f"结果无法写到标准输出（{error.strerror or error}）"
    from kexie_cli.plans.files import LANDED_FILES as landed  # what this command wrote

    if landed and (code != 0 or failure):
        from kexie_cli.output.outcome import recorded_line

        said = f"；{failure}，但登记已完成，请勿重复登记" if failure else ""
        for recorded in (r for r in landed if not isinstance(r, str)):
            _say(f"已登记，{recorded_line(recorded)}{said}")
        for line in (r for r in landed if isinstance(r, str)):  # files written: said whole
            _say(line + (f"；{failure}，但写入已完成，请勿重复" if failure else ""))
        return 0
    if error is not None and error.errno == errno.EPIPE:
        return 0  # the reader stopped reading (`kexie list | head`): not an error
    if failure:
        _say(failure + ("；文件未改动" if code > 128 else ""))
        return STDOUT_FAILED if error is not None else code
    return code


class _Interrupted(BaseException):
    """A signal, raised where the command stands; not a KeyboardInterrupt, which Click would
    swallow into a bare exit code. Temporary files are removed on the way out (write_atomic)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    raise _Interrupted(signum)


class _Stdout(io.FileIO):
    """fd 1, remembering its first failed write: main() tells a full disk or a closed pipe on
    stdout from any other error. A failed write is dropped, not raised: the command goes on to
    its end, so what it writes to files is written and reported (exit 0), never half done."""

    error: OSError | None = None
    closed_at_start = False

    def write(self, data: Any) -> int:
        if _Stdout.error is not None:
            return len(data)
        try:
            if _Stdout.closed_at_start:
                raise OSError(errno.EBADF, "标准输出已关闭")
            return super().write(data)
        except OSError as exc:
            _Stdout.error = exc
            return len(data)


class _Stderr(io.FileIO):
    """fd 2: an error message that cannot be written is dropped, never a traceback."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except OSError:
            return len(data)


def _guard_streams() -> None:
    """stdout and stderr as text in the terminal's encoding if it can write Chinese, else UTF-8;
    a closed fd 0, 1 or 2 is opened on /dev/null first, so no file kexie opens (a plan's
    temporary file) can take its number and receive output."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(os.open(os.devnull, os.O_RDWR), fd)
            _Stdout.closed_at_start |= fd == 1
    stdout = io.BufferedWriter(_Stdout(1, "w", closefd=False))
    sys.stdout = _text(stdout, sys.stdout, line_buffering=os.isatty(1))
    # stderr unbuffered: a signal arriving mid-message must not leave it to be written twice
    sys.stderr = _text(_Stderr(2, "w", closefd=False), sys.stderr, write_through=True)


def _text(raw: Any, old: Any, **options: bool) -> io.TextIOWrapper:
    encoding = getattr(old, "encoding", None) or "utf-8"
    try:
        "科协，完成".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        encoding = "utf-8"  # ascii (LC_ALL=C, PYTHONIOENCODING=ascii) cannot write a table
    return io.TextIOWrapper(raw, encoding, "backslashreplace", **options)


def _arguments(args: list[str]) -> list[str]:
    """Arguments Python could not decode (bytes of another encoding, kept as surrogates):
    decoded as the locale's encoding (a GBK terminal), else refused in one line."""
    import locale

    encoding = locale.getpreferredencoding(False)
    decoded = []
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(arg)
            try:
                arg = raw.decode(encoding)
                arg.encode("utf-8")
            except (UnicodeError, LookupError):
                shown = "".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in raw)
                raise KexieError(
                    f"参数 {shown} 不是 {encoding} 文本；请把终端的字符编码设为 UTF-8"
                    "（如 export LANG=zh_CN.UTF-8）后重试"
                ) from None
        decoded.append(arg)
    return decoded


def _say(message: str) -> None:
    """One line on stderr; what a terminal acts on in it (the data it quotes) escaped."""
    print(f"kexie: {visible(message)}", file=sys.stderr, flush=True)
