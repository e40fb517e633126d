"""Record a progress update in its plan file without losing or mangling anything.

Under the file's lock (so two people typing at once both land): read the text, validate it,
work out the change, edit the text, validate the new text and check it says exactly what the
change means, then write it atomically (temporary file, fsync, rename). Any refusal or failed
check raises KexieError before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kexie_cli import cache
from kexie_cli.catalog import load_text
from kexie_cli.models import Plan, Task, TasksPlan
from kexie_cli.problems import KexieError
from kexie_cli.storage import decode, discard_temporaries, locked, read_bytes, write_atomic
from kexie_cli.update import Change, Request, apply_change, plan_change
from kexie_cli.yaml_edit import NotLocated, edit_document, edit_in_place


@dataclass(frozen=True, slots=True)
class Recorded:
    path: Path
    plan: TasksPlan  # as written
    task: Task
    change: Change


def record(path: Path, request: Request) -> Recorded:
    try:
        return _record(path, request)
    except OSError as exc:  # no lock file allowed, disk full, …: the old file stands
        why = exc.strerror or str(exc)
        raise KexieError(f"{path}: 无法写入（{why}）；文件未改动") from None


def _record(path: Path, request: Request) -> Recorded:
    with locked(path):
        data = read_bytes(path)
        text = decode(data, path)
        # The cache serves a plan only for these exact bytes; else the text is validated anew.
        plan = cache.get(path, data) or _valid(text, path)
        if not isinstance(plan, TasksPlan):
            raise KexieError(
                f"{path}: 是工作要点，没有可登记进度的任务；请用 --plan 选择任务分解清单"
            )
        change = plan_change(plan, request)
        new_text, new_plan = _edited(text, path, change, apply_change(plan, change))
        new_data = new_text.encode("utf-8")
        discard_temporaries(path)
        write_atomic(path, new_data)
        cache.put(path, new_data, new_plan)
    return Recorded(path, new_plan, new_plan.tasks[change.index], change)


def _valid(text: str, path: Path) -> Plan | None:
    plan, problems = load_text(text, path)
    if problems:
        more = f"（共 {len(problems)} 处，运行 kexie check 查看全部）" if len(problems) > 1 else ""
        raise KexieError(f"{problems[0]}{more}；未登记", problems)
    return plan


def _edited(text: str, path: Path, change: Change, expected: TasksPlan) -> tuple[str, TasksPlan]:
    """The edited text, in place if the layout allows, else by a whole-document round trip;
    it must re-validate and read back as exactly the expected plan."""
    try:
        new_text = edit_in_place(text, change)
    except NotLocated as exc:
        try:
            new_text = edit_document(text, change)
        except NotLocated:
            raise KexieError(
                f"{path}: 无法定位任务 {change.task_id}（{exc}）；文件未改动"
            ) from None
    new_plan, problems = load_text(new_text, path)
    if problems:
        raise KexieError(f"{path}: 更新后的内容未通过校验：{problems[0]}；文件未改动", problems)
    if new_plan != expected or not isinstance(new_plan, TasksPlan):
        raise KexieError(f"{path}: 更新后的内容与预期不符；文件未改动")
    return new_text, new_plan
