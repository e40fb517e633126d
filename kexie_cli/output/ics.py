"""The deadlines in force as an iCalendar file (RFC 5545) a phone or Outlook subscribes to: an
all-day event per task on the last day of its deadline month, one per milestone. Each event's
UID is the plan's year and the task's 序号, so a calendar that fetches the file again moves
the event when the deadline is extended (SEQUENCE: the extensions) rather than adding one."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.months import Month, month_text
from kexie_cli.core.numbers import number_text
from kexie_cli.core.status import Status, TaskState
from kexie_cli.output.remind import short_text
from kexie_cli.output.views import due_text

DOMAIN = "kexie"


def uid(year: int, task_id: int, milestone: str = "") -> str:
    return f"{year}-task-{task_id}{milestone}@{DOMAIN}"


def calendar_bytes(title: str, year: int, states: list[TaskState], as_of: dt.date) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//kexie//科协重点工作任务//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    for state in states:
        calendar.add_component(_deadline(state, year, stamp))
        for event in _milestones(state, year, stamp):
            calendar.add_component(event)
    return calendar.to_ical()


def _event(key: str, day: dt.date, summary: str, text: str, stamp: dt.datetime, seq: int) -> object:
    from icalendar import Event

    event = Event()
    event.add("uid", key)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", text)
    event.add("sequence", seq)
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
    return event


def _deadline(state: TaskState, year: int, stamp: dt.datetime) -> object:
    task = state.task
    done = "（已完成）" if state.status is Status.DONE else ""
    words = short_text(task, 10_000)
    summary = f"{task.id}. {short_text(task, 30)}{done}"
    text = "\n".join(
        line
        for line in (
            words,
            f"完成时限：{due_text(state)}",
            f"牵头部室：{'、'.join(task.lead)}" if task.lead else "",
            f"配合部室：{'、'.join(task.support)}" if task.support else "",
            f"责任领导：{'、'.join(task.leaders)}" if task.leaders else "",
            f"状态（{state.as_of}）：{state.status.label}" if state.as_of else "",
        )
        if line
    )
    day = state.due.last_day
    return _event(uid(year, task.id), day, summary, text, stamp, len(state.extensions))


def _milestones(state: TaskState, year: int, stamp: dt.datetime) -> list[object]:
    found = []
    for target in state.targets:
        for month, count in (target.target.milestones or {}).items():
            key = uid(year, state.task.id, f".{target.key}-{Month(month.year, month.month)}")
            summary = (
                f"{state.task.id}.{target.key} 节点：{month_text(month)}达{number_text(count)}"
            )
            text = f"{target.target.name}：{month_text(month)}底应达 {number_text(count)}"
            found.append(_event(key, month.last_day, summary, text, stamp, 0))
    return found
