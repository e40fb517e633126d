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
from typer.core import TyperCommand

from kexie_cli.chinese_click import KexieCommand, KexieGroup
from kexie_cli.commands import (
    cancel,
    check,
    close,
    comment,
    export,
    extend,
    forms,
    git,
    imports,
    listing,
    notice,
    pause,
    progress,
    remind,
    report,
    score,
)
from kexie_cli.core.controls import visible
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import signals_held_after

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
app.command("close", cls=KexieCommand)(close.close)  # 销号 (issue 25: sign-off, end states)
app.command("cancel", cls=KexieCommand)(cancel.cancel)
app.command("pause", cls=KexieCommand)(pause.pause)
app.command("resume", cls=KexieCommand)(pause.resume)
app.command("notice", cls=KexieCommand)(notice.notice)
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
app.command("merge-file", cls=KexieCommand, short_help="三方合并计划文件（git 合并驱动）")(
    git.merge_file
)
app.command("git-setup", cls=KexieCommand, short_help="配置 git 用 kexie 合并计划文件")(
    git.git_setup
)
app.command("score", cls=KexieCommand)(score.score)


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
