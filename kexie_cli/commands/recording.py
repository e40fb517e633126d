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
    _not_flowed(data, loaded.path, request)
    return save_update(loaded.path, request)


def _not_flowed(data: Path | None, path: Path, request: Update) -> None:
    """A figure another organisation reports into this target (`reports_to`) is refused here:
    entered at both ends, `check` would refuse it (issue 29)."""
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.core.requests import Request
    from kexie_cli.plans.files import plan_files, resolve_data
    from kexie_cli.plans.load import load_plans
    from kexie_cli.plans.tree import flows_into

    if not isinstance(request, Request) or (request.done is None and request.add is None):
        return
    loaded, _ = load_plans(plan_files(resolve_data(data)))
    mine = next((p.plan for p in loaded if p.path == path), None)
    task = (
        next((t for t in mine.tasks if t.id == request.task_id), None)
        if isinstance(mine, TasksPlan)
        else None
    )
    if task is None:
        return  # the update says why
    wanted = request.target or ("1" if len(task.targets) == 1 else "")
    if not wanted.isdigit():
        return  # a target named by a word: `check` tells it if it flows
    if who := flows_into(loaded, path, request.task_id, int(wanted), request.place):
        where = f"（{request.place}）" if request.place else ""
        raise KexieError(
            f"任务 {request.task_id}.{wanted}{where}的数字由 {who} 报送（reports_to），"
            "不在此登记；请在报送方的清单中登记"
        )


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
    """Write a close, send-back, cancel, pause or resume entry and say so (`close`, `cancel`,
    `pause`, `resume`)."""
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
