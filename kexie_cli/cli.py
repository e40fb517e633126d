"""The `kexie` command: a thin Typer layer over the core.

Every failure a person can cause (a bad option, bad data) ends as one line on stderr and
exit code 2, never a traceback; this holds under Typer's CliRunner as well as from a shell.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

# Typer carries its own copy of Click; its exceptions are reached only through it.
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperGroup

from kexie_cli.commands import check, export, imports, listing, progress, report
from kexie_cli.problems import KexieError


class KexieGroup(TyperGroup):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "kexie"
            _fail(f"用法错误：{exc.format_message()}（运行 {where} -h 查看用法）")
        except ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except typer.Abort:
            _fail("已中止", 1)
        except KexieError as exc:
            _fail(str(exc))
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = 2) -> None:
    print(f"kexie: {message}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=KexieGroup,
    name="kexie",
    help="科协重点工作任务分解清单：列出、筛选、登记进度、汇总报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """科协重点工作任务分解清单：列出、筛选、登记进度、汇总报告。"""


app.command("check")(check.check)
app.command("list")(listing.list_tasks)
app.command("show")(listing.show)
app.command("report")(report.report)
app.command("progress")(progress.progress)
app.add_typer(imports.app, name="import")
app.command("export")(export.export)


def main() -> None:
    app(prog_name="kexie")
