"""Returned forms judged against the plan: what each one records, skips, or cannot.

Pure. `plan_return` turns the rows read back from returned forms (core/forms.py's
`ReturnedForm`) into plain updates — figures, reports, requests for more time, marks from
完成情况 — with what each form changes, what it skips and why, and every problem at its cell.
Each entry is dated by the period the form reports (its 截至) and recorded on its 填报日期.
The updates are judged in replay order (date, then arrival, then a fixed order of forms), so
forms of one period give the same result whatever order they come in. Each file is all or
nothing: a form with a problem records nothing, and the others are judged again without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from kexie_cli.core.closing import needs_sign_off
from kexie_cli.core.forms import PLACE, STATES, TEXTS, ReturnedForm, ReturnedRow
from kexie_cli.core.models import EntryKind, Mark, Task, TasksPlan
from kexie_cli.core.months import month_text
from kexie_cli.core.names import matches
from kexie_cli.core.numbers import number_text, whole
from kexie_cli.core.problems import KexieError
from kexie_cli.core.queries import SUPPORT
from kexie_cli.core.requests import DelayRequest, Request, Update
from kexie_cli.core.update import (
    apply_change,
    figure_at,
    find_task,
    plan_change,
    records_nothing,
)

_STATE_WORDS = {mark: word for word, mark in STATES.items()}


# Who reports a target's (and place's) figure from another plan (`reports_to`, issue 29):
# task, target, place → '大冶市科协 任务 7', or '' when no one does. The command finds it in
# the tree of plans, which the core never reads.
ReportedBy = Callable[[int, int, str | None], str]


class Candidate(NamedTuple):
    form: ReturnedForm
    row: ReturnedRow
    column: str  # the column the update comes from: done, note, delay, state
    update: Update
    signer: str  # the department the form is from, as its entries are signed


@dataclass
class ReturnPlan:
    """What the returned forms mean for the plan: the updates to record, in replay order;
    what each form changes (or why it does not); the problems of each refused file."""

    updates: list[Update] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # file → what it changes
    refused: dict[str, list[str]] = field(default_factory=dict)  # file → its problems

    @property
    def problems(self) -> list[str]:
        return [line for lines in self.refused.values() for line in lines]

    def say(self, form: ReturnedForm, line: str) -> None:
        self.lines.setdefault(form.file, []).append(line)

    def fail(self, form: ReturnedForm, line: str) -> None:
        self.refused.setdefault(form.file, []).append(line)


def plan_return(
    plan: TasksPlan,
    forms: list[ReturnedForm],
    *,
    force: bool = False,
    by: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
    reported: ReportedBy | None = None,
) -> ReturnPlan:
    """Judge every row of every form against the plan, as if recorded one after another in
    replay order; a form with a problem is left out whole and the rest judged again without
    it. `date` is the day a form without a 填报日期 came in (default today). `reported`: who
    reports a figure into this plan — such a cell is skipped, said at its cell."""
    came = date or today or dt.date.today()
    refused: dict[str, list[str]] = {}
    while True:
        kept = [f for f in forms if f.file not in refused]
        result = _judged(plan, kept, forms, force, by, came, reported)
        if not result.refused:
            result.refused = refused
            return result
        refused |= result.refused


def _judged(
    plan: TasksPlan,
    forms: list[ReturnedForm],
    every: list[ReturnedForm],
    force: bool,
    by: str | None,
    came: dt.date,
    reported: ReportedBy | None = None,
) -> ReturnPlan:
    result = ReturnPlan()
    candidates: list[Candidate] = []
    for form in forms:
        if form.title != plan.plan.title or form.year != plan.year:
            result.fail(
                form,
                f"{form.origin}: 这份表格来自另一份计划（{form.year} 年《{form.title}》），"
                f"不是《{plan.plan.title}》",
            )
            continue
        signer = form.sender
        signed = by or (f"{form.sender}（{form.person}）" if form.person else form.sender) or None
        _say_older(plan, form, every, came, result)
        by_task: dict[int, list[ReturnedRow]] = {}
        for row in form.rows:
            by_task.setdefault(row.task_id, []).append(row)
        for rows in by_task.values():
            found = _task_updates(plan, form, rows, came, signed, result, reported)
            candidates += [Candidate(form, row, col, u, signer) for row, col, u in found]
    candidates.sort(key=lambda c: (c.update.date, c.update.recorded, c.form.dept, c.form.file))
    _judge(plan, candidates, force, result)
    return result


def _say_older(
    plan: TasksPlan, form: ReturnedForm, every: list[ReturnedForm], came: dt.date, result
) -> None:
    """One line when the department has already reported a later period: the form is
    imported all the same (forms come back late and out of order)."""
    day = form.period(came)
    later = [
        h.date
        for task in plan.tasks
        for h in task.history
        if h.date > day and h.kind.value in ("figure", "report", "request")
        if h.by and matches(form.sender, h.by)
    ]
    later += [f.period(came) for f in every if f.sender == form.sender and f.period(came) > day]
    if later:
        result.say(form, f"这是 {day.isoformat()} 的表，已有 {max(later).isoformat()} 的")


def _task_updates(
    plan: TasksPlan,
    form: ReturnedForm,
    rows: list[ReturnedRow],
    came_default: dt.date,
    by: str | None,
    result: ReturnPlan,
    reported: ReportedBy | None = None,
) -> list[tuple[ReturnedRow, str, Update]]:
    """A task's rows (one per target): a figure per row; its words, any request for more
    time and its 完成情况 once for the task (the form merges those cells over its rows)."""
    first = rows[0]
    try:
        _, task = find_task(plan, first.task_id)
    except KexieError:
        result.fail(form, f"{first.cells['ref']}: 计划中已没有任务 {first.task_id}")
        return []
    came = form.date or came_default
    day = form.period(came_default)
    found: list[tuple[ReturnedRow, str, Update]] = []
    for row in rows:
        if row.key is not None and row.key > len(task.targets):
            result.fail(form, f"{row.cells['ref']}: 任务 {task.id} 已没有第 {row.key} 项指标")
        elif row.key is not None and _place_gone(task, row):
            what = f"已没有地方 {row.place}" if row.place else "已分解到地方"
            known = "、".join(task.targets[row.key - 1].places) or "未分解到地方"
            result.fail(
                form, f"{row.cells['target']}: {row.ref} 的指标{what}（现有：{known}），请重新制表"
            )
        elif row.done is not None and row.key is None:
            where = row.cells["done"]
            result.fail(form, f"{where}: 任务 {task.id} 没有可计数的指标，不填累计完成")
        elif row.done is not None and reported and (who := reported(task.id, row.key, row.place)):
            result.say(
                form,
                f"{row.cells['done']}: {row.ref}{f'·{row.place}' if row.place else ''} 的数字由 "
                f"{who} 报送（reports_to），未登记；请在报送方的清单中登记",
            )
        elif row.done is not None:
            update = Request(
                task.id,
                target=str(row.key),
                done=row.done,
                date=day,
                by=by,
                place=row.place,
                recorded=came,
            )
            found.append((row, "done", update))
    texts = {k: "\n".join(r.texts[k] for r in rows if k in r.texts) or None for k in TEXTS}
    if any(texts.values()):
        found.append((first, "note", Request(task.id, date=day, by=by, recorded=came, **texts)))
    found += _delay(task, form, rows, day, came, by, result)
    found += _mark(task, form, rows, day, came, by, result)
    return found


def _delay(task, form, rows, day, came, by, result) -> list[tuple[ReturnedRow, str, Update]]:
    """申请延期至 with its 延期理由: a request for more time, each needing the other."""
    delay = next((r for r in rows if r.delay is not None or r.reason is not None), None)
    if delay is None:
        return []
    if delay.delay is None or delay.reason is None:
        column = "reason" if delay.reason is None else "delay"
        words = (
            "申请延期须写明延期理由"
            if delay.reason is None
            else "写了延期理由，未填申请延期至的月份"
        )
        result.fail(form, f"{delay.cells[column]}: {words}")
        return []
    update = DelayRequest(task.id, delay.delay, delay.reason, date=day, by=by, recorded=came)
    return [(delay, "delay", update)]


def _mark(task, form, rows, day, came, by, result) -> list[tuple[ReturnedRow, str, Update]]:
    """完成情况: a mark — 已完成 dated its 完成日期 (else the form's date), the others the
    form's date; a 完成日期 only with 已完成, and not after the form came in."""
    row = next((r for r in rows if r.state is not None or r.finished is not None), None)
    if row is None:
        return []
    if row.role in (SUPPORT, PLACE):
        result.fail(form, f"{row.cells['state']}: 完成情况由牵头单位填报，请留空")
        return []
    if row.finished is not None and row.state is not STATES["已完成"]:
        result.fail(form, f"{row.cells['finished']}: 填了完成日期，完成情况应为已完成")
        return []
    if row.finished is not None and row.finished > came:
        result.fail(
            form,
            f"{row.cells['finished']}: 完成日期 {row.finished.isoformat()} 晚于填报日期 "
            f"{came.isoformat()}",
        )
        return []
    when = row.finished or day
    update = Request(task.id, status=row.state, date=when, by=by, recorded=came)
    return [(row, "state", update)]


def _place_gone(task: Task, row: ReturnedRow) -> bool:
    """A row for a place the target no longer has, or one for the whole of a target broken
    down by place since the form was made."""
    assert row.key is not None
    places = task.targets[row.key - 1].places
    return row.place not in places if row.place is not None else bool(places)


def _judge(plan: TasksPlan, candidates: list[Candidate], force: bool, result: ReturnPlan) -> None:
    """Each update against the plan as the ones before it in the replay leave it."""
    working = plan
    given: dict[tuple, tuple[float, str]] = {}  # (task, key, place, date) → figure, its cell
    for c in candidates:
        _, task = find_task(working, c.row.task_id)
        if c.column == "done" and not _figure_ok(plan, task, c, force, given, result):
            continue
        if _nothing_new(task, c.update):
            result.say(c.form, f"{_label(c)} {_what(c)}：与已登记的相同，无新内容")
            continue
        try:
            change = plan_change(working, c.update)
        except KexieError as exc:
            result.fail(c.form, f"{c.row.cells[c.column]}: {exc}")
            continue
        result.say(c.form, _change_line(task, c))
        working = apply_change(working, change)
        result.updates.append(c.update)


def _nothing_new(task: Task, update: Update) -> bool:
    """What the task already holds at the update's date: the same figure there, the same
    words or the same mark from the same writer on the same date, a request already made.
    (Not "the mark in force then": a month that repeats an earlier month's 已完成 must still
    land when a later month's 推进中 came in first.)"""
    if isinstance(update, Request) and update.status is not None:
        return any(
            h.kind is EntryKind.MARK
            and (h.date, h.status, h.by) == (update.date, update.status, update.by)
            for h in task.history
        )
    if isinstance(update, Request) and update.done is None:
        words = {"note": None, "problem": None, "next": None} | update.report
        return any(
            h.kind is EntryKind.REPORT
            and h.date == update.date
            and h.by == update.by
            and all(getattr(h, k) == v for k, v in words.items())
            for h in task.history
        )
    return records_nothing(task, update)


def _figure_ok(
    plan: TasksPlan,
    task: Task,
    c: Candidate,
    force: bool,
    given: dict[tuple, tuple[float, str]],
    result: ReturnPlan,
) -> bool:
    """Whether a figure may be recorded: one figure per target and date from this import;
    none over a figure someone else recorded since the form was made, nor below the count
    at its date, unless forced."""
    assert c.row.key is not None and c.row.done is not None and isinstance(c.update, Request)
    cell = c.row.cells["done"]
    slot = (c.row.task_id, c.row.key, c.row.place, c.update.date)
    if slot in given and given[slot][0] != c.row.done:
        other, where = given[slot]
        result.fail(
            c.form,
            f"{cell}: {_label(c)} 累计完成填 {number_text(c.row.done)}，"
            f"与 {where} 填的 {number_text(other)} 不一致",
        )
        return False
    given[slot] = (c.row.done, cell)
    assert c.row.key is not None
    current, setter, _ = figure_at(task, c.row.key, c.row.place, c.update)
    if c.row.done == current or force:
        return True
    _, original = find_task(plan, c.row.task_id)
    if (
        c.row.figure is not None
        and current != c.row.figure
        and setter is not None
        and setter in original.history
        and not matches(c.signer, setter.by or "")
    ):
        result.say(
            c.form,
            f"{_label(c)} 累计完成：制表时为 {number_text(c.row.figure)}，此后已登记为 "
            f"{number_text(current)}，本表填 {number_text(c.row.done)}，未登记"
            "（以本表为准请加 --force）",
        )
        return False
    if c.row.done < current:
        result.fail(
            c.form,
            f"{cell}: {_label(c)} 累计完成 {number_text(c.row.done)} 小于已登记的 "
            f"{number_text(current)}；确为更正请加 --force",
        )
        return False
    return True


def _label(c: Candidate) -> str:
    """A figure is a target's (14.1) or a place's (19.1·大冶市); words, requests and marks
    are the whole task's (14)."""
    if c.column != "done":
        return str(c.row.task_id)
    return f"{c.row.ref}·{c.row.place}" if c.row.place is not None else c.row.ref


def _what(c: Candidate) -> str:
    return {"done": "累计完成", "note": "进展情况", "delay": "申请延期", "state": "完成情况"}[
        c.column
    ]


def _change_line(task: Task, c: Candidate) -> str:
    update = c.update
    if isinstance(update, DelayRequest):
        return f"{task.id} 申请延期至 {month_text(update.due_after)}：{update.reason}"
    assert isinstance(update, Request)
    if update.status is not None:
        asked = "，申请办结，待销号" if update.status is Mark.DONE and needs_sign_off(task) else ""
        return (
            f"{task.id} 完成情况：{_STATE_WORDS[update.status]}（{update.date.isoformat()}{asked}）"
        )
    if update.done is not None and c.row.key is not None:
        before = whole(figure_at(task, c.row.key, c.row.place, update)[0])
        return f"{_label(c)} 累计完成 {number_text(before)} → {number_text(update.done)}"
    words = {"note": "进展情况", "problem": "存在问题", "next": "下步打算"}
    texts = [f"{words[k]}：{_brief(v)}" for k, v in update.report.items()]
    return f"{task.id} " + "；".join(texts)


def _brief(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
