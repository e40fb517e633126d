"""The monthly fill-in form (填报表): what each department is sent, and what a returned one means.

Pure. `department_rows` says which rows a department's form holds (the tasks it leads, then
those it supports; a row per target, one row for a task with none). `plan_return` turns the
rows read back from returned forms into plain updates (figures, reports, requests for more
time), with what will change, what is skipped and why, and every problem at its cell. The
workbook itself is drawn by output/forms.py and read by importers/forms.py; both take the
column headers and the hidden sheet's layout from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from kexie_cli.core.models import Task, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.names import matching_with
from kexie_cli.core.numbers import number_text, whole
from kexie_cli.core.problems import KexieError
from kexie_cli.core.queries import LEAD, SUPPORT, name_counts, unique
from kexie_cli.core.update import (
    DelayRequest,
    Request,
    Update,
    apply_change,
    find_task,
    month_text,
    plan_change,
    records_nothing,
)
from kexie_cli.core.wording import place_text, target_text

# The columns of the form, in order: (key, header). Headers are what a person reads and what
# the importer finds the columns by.
COLUMNS = (
    ("ref", "序号"),
    ("content", "具体内容/重点工作"),
    ("due", "完成时限"),
    ("target", "目标"),
    ("figure", "已登记累计"),
    ("done", "累计完成"),
    ("note", "进展情况"),
    ("problem", "存在问题"),
    ("next", "下步打算"),
    ("delay", "申请延期至"),
    ("reason", "延期理由"),
)
HEADERS = dict(COLUMNS)
FILLED = ("done", "note", "problem", "next", "delay", "reason")
TEXTS = ("note", "problem", "next")
# The header block: labels, each with its value in the cell to its right.
UNIT, PERSON, PHONE, DATE, AS_OF = "填报单位", "填报人", "联系电话", "填报日期", "截至"
META_SHEET = "kexie"  # hidden: what the form was made from
MARK = "kexie 填报表 v1"


class FormRow(NamedTuple):
    """A row of a department's form: a task's target (key None: the whole task)."""

    ref: str  # 14, or 14.1 for the first of several targets
    task_id: int
    key: int | None
    role: str  # 牵头 / 配合
    content: str
    due: str  # the deadline in force, as the list writes it: 2025.9
    target: str
    figure: float | None  # recorded at export; None for a task with nothing to count
    place: str | None = None  # a target broken down by place: a row per place


def lead_departments(plan: TasksPlan) -> list[str]:
    """The departments that lead a task, each once however written (an alias as its
    department: 市馆 is 市科技馆), in order of first appearance."""
    return [count.name for count in name_counts(plan, "dept") if count.lead]


def all_departments(plan: TasksPlan) -> list[str]:
    return [count.name for count in name_counts(plan, "dept")]


def spellings(plan: TasksPlan, dept: str) -> set[str]:
    """Every spelling in the plan of the department a name stands for (as --dept matches:
    other spellings, and the office's aliases both ways)."""
    names = unique(n for t in plan.tasks for n in (*t.lead, *t.support))
    return matching_with(dept, names, plan.departments.aliases)


def department_rows(plan: TasksPlan, names: set[str], as_of: dt.date) -> list[FormRow]:
    """The rows of a department's form: the tasks it leads, then those it supports."""
    from kexie_cli.core.record import effective_due

    lead = [t for t in plan.tasks if not names.isdisjoint(t.lead)]
    support = [t for t in plan.tasks if t not in lead and not names.isdisjoint(t.support)]
    rows = []
    for role, tasks in ((LEAD, lead), (SUPPORT, support)):
        for task in tasks:
            due = month_text(effective_due(task, as_of))
            rows += _task_rows(task, role, due)
    return rows


def _task_rows(task: Task, role: str, due: str) -> list[FormRow]:
    content = task.content or task.focus or (task.measures[0] if task.measures else "")
    if not task.targets:
        return [FormRow(str(task.id), task.id, None, role, content, due, "", None)]
    many = len(task.targets) > 1
    rows = []
    for key, target in enumerate(task.targets, 1):
        ref = f"{task.id}.{key}" if many else str(task.id)
        if not target.places:
            text = f"{target.name}：{target_text(target)}"
            rows.append(FormRow(ref, task.id, key, role, content, due, text, target.done))
        for name, place in target.places.items():
            # Each place with its own number: 各县科普活动·大冶市：不少于200场.
            text = f"{target.name}·{name}：{place_text(target, place.target)}"
            rows.append(FormRow(ref, task.id, key, role, content, due, text, place.done, name))
    return rows


# ---- returned forms -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnedRow:
    """A row as the department filled it in, its values read (not yet judged against the plan)."""

    ref: str
    task_id: int
    key: int | None
    role: str
    figure: float | None  # recorded when the form was made
    cells: dict[str, str]  # column key → FILE:SHEET!CELL, for messages
    place: str | None = None  # the place of a target broken down by place
    done: float | None = None
    texts: dict[str, str] = field(default_factory=dict)  # note / problem / next as written
    delay: Month | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ReturnedForm:
    file: str  # the file's name, as messages show it
    sheet: str
    title: str  # the plan it was made from
    year: int
    dept: str
    unit: str  # 填报单位 as it came back
    person: str
    date: dt.date | None  # 填报日期
    rows: list[ReturnedRow]
    origin: str  # FILE:SHEET!CELL of the mark, for a problem with the whole form


class Candidate(NamedTuple):
    date: dt.date
    form: ReturnedForm
    row: ReturnedRow
    column: str  # the column the update comes from: done, note, delay
    update: Update


@dataclass
class ReturnPlan:
    """What the returned forms mean for the plan: the updates to record, in date order; what
    each form changes (or why it does not); every problem, at its cell."""

    updates: list[Update] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # file → what it changes
    problems: list[str] = field(default_factory=list)

    def say(self, form: ReturnedForm, line: str) -> None:
        self.lines.setdefault(form.file, []).append(line)


def plan_return(
    plan: TasksPlan,
    forms: list[ReturnedForm],
    *,
    force: bool = False,
    by: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> ReturnPlan:
    """Judge every row of every form against the plan, as if recorded one after another in
    date order; nothing is written here."""
    result = ReturnPlan()
    today = today or dt.date.today()
    candidates: list[Candidate] = []
    for form in forms:
        if form.title != plan.plan.title or form.year != plan.year:
            result.problems.append(
                f"{form.origin}: 这份表格来自另一份计划（{form.year} 年《{form.title}》），"
                f"不是《{plan.plan.title}》"
            )
            continue
        day = form.date or date or today
        signed = by or (f"{form.unit}（{form.person}）" if form.person else form.unit) or None
        by_task: dict[int, list[ReturnedRow]] = {}
        for row in form.rows:
            by_task.setdefault(row.task_id, []).append(row)
        for rows in by_task.values():
            candidates += _task_updates(plan, form, rows, day, signed, result)
    candidates.sort(key=lambda c: c.date)  # stable: one day's rows keep the forms' order
    _judge(plan, candidates, force, result)
    return result


def _task_updates(
    plan: TasksPlan,
    form: ReturnedForm,
    rows: list[ReturnedRow],
    day: dt.date,
    by: str | None,
    result: ReturnPlan,
) -> list[Candidate]:
    """A task's rows (one per target): a figure per row; its words and any request for more
    time once for the task (the form merges those cells over the task's rows)."""
    first = rows[0]
    try:
        _, task = find_task(plan, first.task_id)
    except KexieError:
        result.problems.append(f"{first.cells['ref']}: 计划中已没有任务 {first.task_id}")
        return []
    found = []
    for row in rows:
        if row.key is not None and row.key > len(task.targets):
            result.problems.append(f"{row.cells['ref']}: 任务 {task.id} 已没有第 {row.key} 项指标")
        elif row.key is not None and _place_gone(task, row):
            what = f"已没有地方 {row.place}" if row.place else "已分解到地方"
            known = "、".join(task.targets[row.key - 1].places) or "未分解到地方"
            result.problems.append(
                f"{row.cells['target']}: {row.ref} 的指标{what}（现有：{known}），请重新制表"
            )
        elif row.done is not None and row.key is None:
            where = row.cells["done"]
            result.problems.append(f"{where}: 任务 {task.id} 没有可计数的指标，不填累计完成")
        elif row.done is not None:
            key = str(row.key)
            update = Request(
                task.id, target=key, done=row.done, date=day, by=by, unit=row.place, recorded=day
            )
            found.append(Candidate(day, form, row, "done", update))
    texts = {k: "\n".join(r.texts[k] for r in rows if k in r.texts) or None for k in TEXTS}
    if any(texts.values()):
        update = Request(task.id, date=day, by=by, recorded=day, **texts)
        found.append(Candidate(day, form, first, "note", update))
    delay = next((r for r in rows if r.delay is not None or r.reason is not None), None)
    if delay is not None and (delay.delay is None or delay.reason is None):
        column = "reason" if delay.reason is None else "delay"
        words = (
            "申请延期须写明延期理由"
            if delay.reason is None
            else "写了延期理由，未填申请延期至的月份"
        )
        result.problems.append(f"{delay.cells[column]}: {words}")
    elif delay is not None and delay.delay is not None and delay.reason is not None:
        update = DelayRequest(task.id, delay.delay, delay.reason, date=day, by=by, recorded=day)
        found.append(Candidate(day, form, delay, "delay", update))
    return found


def _place_gone(task: Task, row: ReturnedRow) -> bool:
    """A row for a place the target no longer has, or one for the whole of a target broken
    down by place since the form was made."""
    assert row.key is not None
    places = task.targets[row.key - 1].places
    return row.place not in places if row.place is not None else bool(places)


def _recorded(task: Task, row: ReturnedRow) -> float:
    """The figure the task holds for the row: its target's, or its place's."""
    assert row.key is not None
    target = task.targets[row.key - 1]
    return target.places[row.place].done if row.place is not None else target.done


def _judge(plan: TasksPlan, candidates: list[Candidate], force: bool, result: ReturnPlan) -> None:
    """Each update against the plan as the ones before it leave it."""
    working = plan
    given: dict[tuple, tuple[float, str]] = {}  # (task, key, place) → figure, its cell
    for c in candidates:
        _, task = find_task(working, c.row.task_id)
        if c.column == "done" and not _figure_ok(plan, task, c, force, given, result):
            continue
        if records_nothing(task, c.update):
            result.say(c.form, f"{_label(c)} {_what(c)}：与已登记的相同，无新内容")
            continue
        try:
            change = plan_change(working, c.update)
        except KexieError as exc:
            result.problems.append(f"{c.row.cells[c.column]}: {exc}")
            continue
        working = apply_change(working, change)
        result.updates.append(c.update)
        result.say(c.form, _change_line(task, c))


def _figure_ok(
    plan: TasksPlan,
    task: Task,
    c: Candidate,
    force: bool,
    given: dict[tuple, tuple[float, str]],
    result: ReturnPlan,
) -> bool:
    """Whether a figure may be recorded: one figure per target from this import; none over a
    figure recorded since the form was made, nor below the one recorded, unless forced."""
    assert c.row.key is not None and c.row.done is not None
    cell = c.row.cells["done"]
    slot = (c.row.task_id, c.row.key, c.row.place)
    if slot in given and given[slot][0] != c.row.done:
        other, where = given[slot]
        result.problems.append(
            f"{cell}: {_label(c)} 累计完成填 {number_text(c.row.done)}，"
            f"与 {where} 填的 {number_text(other)} 不一致"
        )
        return False
    given[slot] = (c.row.done, cell)
    current = _recorded(task, c.row)
    if c.row.done == current or force:
        return True
    _, original = find_task(plan, c.row.task_id)
    recorded = _recorded(original, c.row)
    if c.row.figure is not None and recorded != c.row.figure:
        result.say(
            c.form,
            f"{_label(c)} 累计完成：制表时为 {number_text(c.row.figure)}，此后已登记为 "
            f"{number_text(recorded)}，本表填 {number_text(c.row.done)}，未登记"
            "（以本表为准请加 --force）",
        )
        return False
    if c.row.done < current:
        result.problems.append(
            f"{cell}: {_label(c)} 累计完成 {number_text(c.row.done)} 小于已登记的 "
            f"{number_text(current)}；确为更正请加 --force"
        )
        return False
    return True


def _label(c: Candidate) -> str:
    """A figure is a target's (14.1) or a place's (19.1·大冶市); words and requests are the
    whole task's (14)."""
    if c.column != "done":
        return str(c.row.task_id)
    return f"{c.row.ref}·{c.row.place}" if c.row.place is not None else c.row.ref


def _what(c: Candidate) -> str:
    return {"done": "累计完成", "note": "进展情况", "delay": "申请延期"}[c.column]


def _change_line(task: Task, c: Candidate) -> str:
    update = c.update
    if isinstance(update, DelayRequest):
        return f"{task.id} 申请延期至 {month_text(update.due_after)}：{update.reason}"
    if update.done is not None and c.row.key is not None:
        before = whole(_recorded(task, c.row))
        return f"{_label(c)} 累计完成 {number_text(before)} → {number_text(update.done)}"
    words = {"note": "进展情况", "problem": "存在问题", "next": "下步打算"}
    texts = [f"{words[k]}：{_brief(v)}" for k, v in update.report.items()]
    return f"{task.id} " + "；".join(texts)


def _brief(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ---- who has reported ---------------------------------------------------------------------


class Reporting(NamedTuple):
    """A department's part in the month's collection."""

    dept: str
    lead: int  # tasks it leads
    support: int  # tasks it supports
    last: dt.date | None  # its latest figure, report or request on or before the as-of date
    reported: bool  # anything since the date asked about


_REPORTED = ("figure", "report", "request")


def reporting(
    plan: TasksPlan, departments: list[tuple[str, set[str]]], as_of: dt.date, since: dt.date
) -> list[Reporting]:
    """Each department's tasks and latest entry. An entry is a department's when its `by`
    names it (组宣部（李四）); an entry signed by no department (a person's name, or none) is
    the lead's of its task."""
    from kexie_cli.core.names import matches

    every = all_departments(plan)
    found = []
    for name, names in departments:
        lead = [t for t in plan.tasks if not names.isdisjoint(t.lead)]
        support = [t for t in plan.tasks if t not in lead and not names.isdisjoint(t.support)]
        days = []
        for task in plan.tasks:
            for entry in task.history:
                if entry.kind.value not in _REPORTED or entry.date > as_of:
                    continue
                signer = entry.by or ""
                if matches(name, signer) or (
                    task in lead and not any(matches(d, signer) for d in every)
                ):
                    days.append(entry.date)
        last = max(days, default=None)
        found.append(
            Reporting(name, len(lead), len(support), last, last is not None and last >= since)
        )
    return found
