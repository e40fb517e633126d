"""The one saver: a progress update written into its plan file without losing or mangling
anything.

Under the file's lock (so two people typing at once both land): read the bytes, take the
validated plan from the cache (served only for these exact bytes) or validate them anew, work
out the change, edit the text, check the new text says exactly what the change means, write it
atomically (temporary file, fsync, rename), then cache the new plan (best-effort). Any refusal
or failed check raises KexieError before anything is written.

The check after an edit in place covers the one task's item it changed: every character outside
the item is the old one (asserted), and the old bytes were validated whole, so the item alone must
read back, validated as a task, as exactly the expected task — and the old item alone as exactly
the old task, which shows the scan found the item the YAML parser sees. A 10,000-task file is
thus not re-parsed on every update. Whenever that reasoning does not hold (the plan was not in
the cache, a whole-document round trip, a line break the scan does not read as YAML does, an
alias in the item), the whole new text is validated instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli.core.models import Plan, Task, TasksPlan
from kexie_cli.core.problems import Finding, KexieError, Problem
from kexie_cli.core.update import Change, Update, apply_change, plan_change
from kexie_cli.plans import cache
from kexie_cli.plans.edit import InPlace, edit_item
from kexie_cli.plans.files import (
    LANDED_FILES,
    decode,
    discard_temporaries,
    locked,
    read_bytes,
    signals_deferred,
    why_not,
    writable_in_place,
    write_atomic,
)
from kexie_cli.plans.load import load_text, problem_at
from kexie_cli.plans.locate import NotLocated
from kexie_cli.plans.round_trip import edit_document


@dataclass(frozen=True, slots=True)
class Recorded:
    path: Path
    plan: TasksPlan  # as written
    task: Task
    change: Change


# Every update written into a plan file by this process, appended the moment its file is
# replaced: whatever fails after that (stdout, a signal), the command reports it recorded.
# (A file written whole, by an import or `forms`, is there as the line that says so.)
LANDED: list[Recorded | str] = LANDED_FILES


def save_update(path: Path, request: Update) -> Recorded:
    """Record the update in the plan file, or raise KexieError with the file untouched."""
    landed = len(LANDED)
    try:
        return _save(path, request)
    except OSError as exc:  # disk full, a folder without write permission: the old file stands
        if len(LANDED) > landed and isinstance(LANDED[-1], Recorded):  # replaced: recorded
            return LANDED[-1]
        why = why_not(exc)
        raise KexieError(f"{path}: 无法写入（{why}）；文件未改动") from None


def _save(path: Path, request: Update) -> Recorded:
    with locked(path):
        data = read_bytes(path)
        writable_in_place(path)
        text = decode(data, path)
        # The cache serves a plan only for these exact bytes: they were validated whole.
        entry = cache.get(path)
        trusted = entry is not None and entry.matches(data)
        plan = entry.plan if entry is not None and trusted else _valid(text, path)
        if not isinstance(plan, TasksPlan):
            raise KexieError(
                f"{path}: 是工作要点，没有可登记进度的任务；请用 --plan 选择任务分解清单"
            )
        change = plan_change(plan, request)
        if not change.entries:  # nothing to record (the same figure again): the file stands
            return Recorded(path, plan, plan.tasks[change.index], change)
        new_plan = apply_change(plan, change)
        new_data = _edited(text, path, change, plan, new_plan, trusted).encode("utf-8")
        discard_temporaries(path)
        recorded = Recorded(path, new_plan, new_plan.tasks[change.index], change)
        with signals_deferred():  # replaced and noted as landed, or neither
            write_atomic(path, new_data)
            LANDED.append(recorded)
        # Under the lock, so the next writer (waiting for it) finds the plan it will read.
        # Best-effort: put never raises, so the update that landed is never reported failed.
        cache.put(path, new_data, new_plan, None)
    return recorded


def save_updates(path: Path, requests: list[Update]) -> TasksPlan:
    """Record several updates (to one task or many) in the plan file with one atomic write, or
    raise KexieError with the file untouched: each is worked out against the plan as the ones
    before it left it, and each edit is checked as `save_update` checks its one edit."""
    try:
        return _save_all(path, requests)
    except OSError as exc:
        why = why_not(exc)
        raise KexieError(f"{path}: 无法写入（{why}）；文件未改动") from None


def _save_all(path: Path, requests: list[Update]) -> TasksPlan:
    with locked(path):
        data = read_bytes(path)
        text = decode(data, path)
        entry = cache.get(path)
        trusted = entry is not None and entry.matches(data)
        plan = entry.plan if entry is not None and trusted else _valid(text, path)
        if not isinstance(plan, TasksPlan):
            raise KexieError(f"{path}: 是工作要点，没有可登记进度的任务")
        for request in requests:
            change = plan_change(plan, request)
            new_plan = apply_change(plan, change)
            # Each step's text was checked to read as exactly its plan: the next step starts
            # from a text and plan that agree, as the first did.
            text = _edited(text, path, change, plan, new_plan, trusted)
            plan = new_plan
        new_data = text.encode("utf-8")
        if new_data == data:
            return plan
        discard_temporaries(path)
        with signals_deferred():  # replaced and noted as landed, or neither
            write_atomic(path, new_data)
            LANDED.append(f"已写入 {path}：{len(requests)} 条")
        cache.put(path, new_data, plan, None)
    return plan


def _valid(text: str, path: Path) -> Plan | None:
    plan, problems = load_text(text, path)
    if problems:
        more = f"（共 {len(problems)} 处，运行 kexie check 查看全部）" if len(problems) > 1 else ""
        raise KexieError(f"{problems[0]}{more}；未登记", problems)
    return plan


def _edited(
    text: str, path: Path, change: Change, old: TasksPlan, expected: TasksPlan, trusted: bool
) -> str:
    """The edited file, in place if the layout allows, else by a whole-document round trip;
    it must re-validate and read back as exactly the expected plan."""
    try:
        edited = edit_item(text, change)
    except NotLocated as exc:
        try:
            new_text = edit_document(text, change)
        except NotLocated:
            raise KexieError(
                f"{path}: 无法定位任务 {change.task_id}（{exc}）；文件未改动"
            ) from None
        _check_whole(new_text, path, expected)
        return new_text
    new_text = edited.text
    if not (
        new_text.startswith(text[: edited.start])
        and new_text.endswith(text[edited.old_end :])
        and len(new_text) - edited.end == len(text) - edited.old_end
    ):
        raise KexieError(f"{path}: 更新改动了任务 {change.task_id} 以外的内容；文件未改动")
    if trusted and _item_alone_suffices(text, edited, change, old, path):
        _check_item(edited, path, change, expected)
    else:
        _check_whole(new_text, path, expected)
    return new_text


def _check_whole(text: str, path: Path, expected: TasksPlan) -> None:
    new_plan, problems = load_text(text, path)
    if problems:
        raise KexieError(f"{path}: 更新后的内容未通过校验：{problems[0]}；文件未改动", problems)
    if new_plan != expected:
        raise KexieError(f"{path}: 更新后的内容与预期不符；文件未改动")


def _item_alone_suffices(
    text: str, edited: InPlace, change: Change, old: TasksPlan, path: Path
) -> bool:
    """Whether the validated old file and a check of the new item alone show the whole new
    file valid: the scan found as many items as the plan has tasks, and the old item alone
    reads as exactly the old task, so the scan found that task's item as YAML reads it. (Ids
    are unique: a text read as that task elsewhere would have to copy it whole inside a
    quoted text running over lines.) A line break YAML reads and the scan does not (U+2028,
    NEL) fails one of these checks where it makes structure; inside a text it is harmless.
    """
    if edited.items != len(old.tasks):
        return False
    old_item = text[edited.start : edited.old_end]
    task, problems = _read_item(old_item, path, change.index)
    return not problems and task == old.tasks[change.index]


def _check_item(edited: InPlace, path: Path, change: Change, expected: TasksPlan) -> None:
    item = edited.text[edited.start : edited.end]
    task, problems = _read_item(item, path, change.index)
    if problems:
        # Read again below as many blank lines as precede it, so every line a problem names
        # (also inside a message, as "第 N 行已有") is the line in the file.
        lines_before = edited.text.count("\n", 0, edited.start)
        _, problems = _read_item("\n" * lines_before + item, path, change.index)
        raise KexieError(f"{path}: 更新后的内容未通过校验：{problems[0]}；文件未改动", problems)
    if task != expected.tasks[change.index]:
        raise KexieError(f"{path}: 更新后的内容与预期不符；文件未改动")


def _read_item(item: str, path: Path, index: int) -> tuple[Task | None, list[Problem]]:
    """A task's item (`- id: …`, as it stands in the file), parsed and validated alone; each
    problem at its line in `item`."""
    from kexie_cli.plans.validate import validate_task
    from kexie_cli.plans.yaml_read import line_finder, parse_yaml

    try:
        raw = parse_yaml(item, str(path))
    except KexieError as exc:
        return None, exc.problems
    if not (isinstance(raw, list) and len(raw) == 1):
        first = len(item) - len(item.lstrip("\n")) + 1
        return None, [Problem(str(path), first, "", "", "任务条目应为列表中的一项")]
    task, findings = validate_task(raw[0])
    if not findings:
        return task, []
    find_line = line_finder(item)
    problems = [_problem(path, raw[0], index, f, find_line((0, *f.loc)) or 1) for f in findings]
    return None, sorted(problems, key=lambda p: p.line or 0)


def _problem(path: Path, raw: Any, index: int, finding: Finding, line: int) -> Problem:
    """As `kexie check` words it: the task's place in the plan, its label and field."""
    loc = ("tasks", index, *finding.loc)
    return problem_at(str(path), {"tasks": {index: raw}}, Finding(loc, finding.message), line)
