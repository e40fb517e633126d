"""Writing one update of the 督办 record into its plan file: what `progress`, `extend`,
`comment`, `cancel`, `pause` and `resume` share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kexie_cli.core.requests import Update
    from kexie_cli.plans.save import Recorded


def record_update(data: Path | None, plan: int | None, request: Update) -> Recorded:
    """Write an update (progress, extend, comment) into the plan's task list, under its lock."""
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.plans.load import open_plan
    from kexie_cli.plans.save import save_update

    loaded = open_plan(data, plan)
    if not isinstance(loaded.plan, TasksPlan):
        raise KexieError(
            f"{loaded.path}: 是工作要点，没有可登记进度的任务；请用 --plan 选择任务分解清单"
        )
    return save_update(loaded.path, request)


def record_end(
    task: str,
    kind: str,
    reason: str | None,
    until: str | None,
    by: str | None,
    date: str | None,
    recorded_on: str | None,
    output: str,
    data: Path | None,
    plan: int | None,
) -> None:
    """Write a cancel, pause or resume entry and say so (`cancel`, `pause`, `resume`)."""
    import typer

    from kexie_cli.core.controls import visible
    from kexie_cli.core.update import added
    from kexie_cli.output.ending import end_line
    from kexie_cli.output.outcome import entry_outcome
    from kexie_cli.output.text import json_text
    from kexie_cli.record_options import make_end

    request = make_end(
        task, kind, reason=reason, until=until, by=by, date=date, recorded=recorded_on
    )
    recorded = record_update(data, plan, request)
    (entry,) = added(recorded.task, recorded.change)
    if output == "json":
        typer.echo(json_text(entry_outcome(recorded.task, entry)), nl=False)
    else:
        typer.echo(visible(end_line(recorded.task, entry, recorded.plan.start)))
