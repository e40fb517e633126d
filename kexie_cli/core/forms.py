"""The monthly fill-in form (填报表): who is sent one, what it holds, what comes back.

Pure. `recipients` says who gets a form (the departments that lead a task, the supporters
of a task with no lead; a place, for its rows of the targets broken down by place);
`department_rows` which rows a form holds (a row per target, one row for a task with none).
A returned form comes back as a `ReturnedForm` (importers/returned_form.py reads it) and
core/form_return.py judges it against the plan. The file itself — its columns, headers and
hidden sheet — is formats/fill_in_form.py's: output/form_sheet.py draws it with that,
importers/returned_form.py reads it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from kexie_cli.core.models import Mark, Task, TasksPlan
from kexie_cli.core.months import Month, month_text
from kexie_cli.core.names import matches, matching_with
from kexie_cli.core.queries import LEAD, SUPPORT, departments, holding_groups, name_counts, unique
from kexie_cli.core.wording import place_text, target_text

# The texts a returned row may carry (its columns note, problem, next), each as written.
TEXTS = ("note", "problem", "next")
# 完成情况, offered from a list: each the mark it records.
STATES = {"已完成": Mark.DONE, "推进中": Mark.IN_PROGRESS, "未启动": Mark.NOT_STARTED}
PLACE = "地方"  # a place's rows of the targets broken down by place


class FormRow(NamedTuple):
    """A row of a form: a task's target (key None: the whole task)."""

    ref: str  # 14, or 14.1 for the first of several targets
    task_id: int
    key: int | None
    role: str  # 牵头 / 配合 / 地方
    content: str
    due: str  # the deadline in force, as the list writes it: 2025.9
    target: str
    figure: float | None  # recorded at export; None for a task with nothing to count
    place: str | None = None  # a target broken down by place: a row per place
    office_note: str = ""  # to the lead: its completion request sent back (退回), or awaiting


class Recipient(NamedTuple):
    """Who a form is for: a department (every spelling of it), or places (大冶市)."""

    name: str
    names: set[str]
    places: frozenset[str] = frozenset()


def lead_departments(plan: TasksPlan) -> list[str]:
    """The departments that lead a task, each once however written (an alias as its
    department: 市馆 is 市科技馆), in order of first appearance."""
    return [count.name for count in name_counts(plan, "dept") if count.lead]


def all_departments(plan: TasksPlan) -> list[str]:
    return [count.name for count in name_counts(plan, "dept")]


def places(plan: TasksPlan) -> list[str]:
    """Every place a target is broken down by, in order of first appearance."""
    return unique(p for t in plan.tasks for target in t.targets for p in target.places)


def spellings(plan: TasksPlan, dept: str) -> set[str]:
    """Every spelling in the plan of the department a name stands for (as --dept matches:
    other spellings, and the office's aliases both ways)."""
    names = unique(n for t in plan.tasks for n in (*t.lead, *t.support))
    return matching_with(dept, names, plan.departments.aliases)


def place_names(plan: TasksPlan, query: str) -> set[str]:
    """The places a name stands for: 大冶 and 大冶市科协 are 大冶市."""
    return {p for p in places(plan) if matches(query, p) or matches(p, query)}


def recipients(plan: TasksPlan) -> list[Recipient]:
    """Who gets a form when none is named: every department that leads a task, and the
    supporters of a task with no lead (task 20 goes to them)."""
    found = [Recipient(name, spellings(plan, name)) for name in lead_departments(plan)]
    for task in plan.tasks:
        for name in [] if task.lead else task.support:
            if not any(name in r.names for r in found):
                found.append(Recipient(name, spellings(plan, name)))
    return found


def carriers(plan: TasksPlan, chosen: list[Recipient]) -> dict[int, list[str]]:
    """A task with no lead, with the forms that carry it (its supporters')."""
    return {
        task.id: [r.name for r in chosen if not r.names.isdisjoint(task.support)]
        for task in plan.tasks
        if not task.lead
    }


def department_rows(
    plan: TasksPlan, names: set[str], as_of: dt.date, where: set[str] | None = None
) -> list[FormRow]:
    """The rows of a form: the tasks the department leads (and those with no lead that it
    supports), then those it supports, also as one of a group (机关各部室); then, for its
    places, their rows of the other targets broken down by place. A task cancelled or paused
    at the form's date is left out (`set_aside`): nothing is asked of it."""
    from kexie_cli.core.record import effective_due

    groups = set(holding_groups(names, departments(plan.tasks), plan.departments))
    every = names | groups
    apart = set_aside(plan, as_of)
    asked = [t for t in plan.tasks if t.id not in apart]

    def leads(task: Task) -> bool:
        return not names.isdisjoint(task.lead) or (
            not task.lead and not names.isdisjoint(task.support)
        )

    lead = [t for t in asked if names and leads(t)]
    support = [
        t for t in asked if names and t not in lead and not every.isdisjoint((*t.lead, *t.support))
    ]
    local = [t for t in asked if t not in lead]
    rows = []
    for role, tasks in ((LEAD, lead), (SUPPORT, support), (PLACE, local if where else [])):
        for task in tasks:
            found = _task_rows(task, role, month_text(effective_due(task, as_of)))
            if role == LEAD and (said := office_note(task, as_of)):
                found = [r._replace(office_note=said) for r in found]
            rows += [r for r in found if role != PLACE or r.place in (where or ())]
    return rows


def set_aside(plan: TasksPlan, as_of: dt.date) -> dict[int, str]:
    """The tasks cancelled (已取消) or paused (暂缓) at the form's date, each with what the
    forms command says of it: no form has a row for them."""
    from kexie_cli.core.closing import ended_at
    from kexie_cli.core.models import EntryKind

    found = {}
    for task in plan.tasks:
        if (end := ended_at(task, as_of)) is not None:
            word = "已取消" if end.kind is EntryKind.CANCEL else "暂缓"
            until = f"，至 {month_text(end.until)} 月底" if end.until is not None else ""
            found[task.id] = f"{word}（{end.date.isoformat()}{until}）"
    return found


def office_note(task: Task, as_of: dt.date) -> str:
    """What the office says on the lead's rows of a task with sign-off: 办结申请已退回
    （2025-05-25）：缺少佐证材料 — the request sent back, with its reason, until a new request (已完成
    again) answers it; 已申请办结（2025-06-25），待销号 — a request the office has not yet
    answered, so the department need not say 已完成 again; empty otherwise."""
    from kexie_cli.core.closing import sign_off_at

    signed = sign_off_at(task, as_of) if task.history else None
    if signed is None:
        return ""
    if signed.sent_back is not None:
        back = signed.sent_back
        return f"办结申请已退回（{back.date.isoformat()}）：{back.reason}"
    if signed.open and signed.asked is not None:
        return f"已申请办结（{signed.asked.isoformat()}），待销号"
    return ""


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


# ---- returned forms: what came back, read but not yet judged -------------------------------


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
    state: Mark | None = None  # 完成情况
    finished: dt.date | None = None  # 完成日期


@dataclass(frozen=True)
class ReturnedForm:
    file: str  # the file's name, as messages show it
    sheet: str
    title: str  # the plan it was made from
    year: int
    dept: str
    sender: str  # 填报单位 as it came back
    person: str
    date: dt.date | None  # 填报日期
    rows: list[ReturnedRow]
    origin: str  # FILE:SHEET!CELL of the mark, for a problem with the whole form
    as_of: dt.date | None = None  # 截至: the period the form reports

    def period(self, fallback: dt.date) -> dt.date:
        """The day its entries are true at: 截至, or 填报日期 (else `fallback`, the day it
        came in) if that is earlier — nothing is dated after it came in."""
        came = self.date or fallback
        return min(self.as_of, came) if self.as_of is not None else came


# ---- who has reported ---------------------------------------------------------------------


class Reporting(NamedTuple):
    """A department's part in the month's collection."""

    dept: str
    lead: int  # tasks it leads on its form (none cancelled or paused at as-of)
    support: int  # tasks it supports on its form
    last: dt.date | None  # the day its latest figure, report or request came in, by as-of
    reported: bool  # anything since the date asked about


_REPORTED = ("figure", "report", "request")


def reporting(
    plan: TasksPlan, departments: list[tuple[str, set[str]]], as_of: dt.date, since: dt.date
) -> list[Reporting]:
    """Each department's tasks and latest entry. An entry is a department's when its `by`
    names it (组宣部（李四）); an entry signed by no department (a person's name, or none) is
    the lead's of its task. The counts are its form's tasks (`department_rows`): a task
    cancelled or paused at as-of is on no form, so it is counted nowhere."""
    from kexie_cli.core.names import matches

    every = all_departments(plan)
    found = []
    for name, names in departments:
        lead = [t for t in plan.tasks if not names.isdisjoint(t.lead)]
        asked = department_rows(plan, names, as_of)
        counts = [len({r.task_id for r in asked if r.role == role}) for role in (LEAD, SUPPORT)]
        days = []
        for task in plan.tasks:
            for entry in task.history:
                if entry.kind.value not in _REPORTED or entry.arrived > as_of:
                    continue
                signer = entry.by or ""
                if matches(name, signer) or (
                    task in lead and not any(matches(d, signer) for d in every)
                ):
                    days.append(entry.arrived)  # reported: when it came in
        last = max(days, default=None)
        found.append(Reporting(name, *counts, last, last is not None and last >= since))
    return found
