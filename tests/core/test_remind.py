"""The digest worked out at a date: which tasks each section holds, the form returned or
not, and whether a department's digest is already recorded for a day."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.models import EntryKind, HistoryEntry, Mark, Task, TasksInfo, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.remind import departments, digest, sent_on

DAY = dt.date(2025, 6, 20)


def plan(*tasks: Task) -> TasksPlan:
    return TasksPlan(TasksInfo("测试", 2025), list(tasks))


def ids(found) -> list[int]:
    return [f.state.task.id for f in found]


def test_sections_by_status_and_done_tasks_left_out():
    chosen = plan(
        Task(1, Month(2025, 3), lead=["组宣部"]),  # overdue
        Task(2, Month(2025, 7), lead=["组宣部"]),  # due within 30 days of 06-20
        Task(3, Month(2025, 3), lead=["组宣部"], status=Mark.DONE),
        Task(4, Month(2025, 12), lead=["学会部"]),  # another department's
        Task(5, Month(2025, 3), lead=["学会部"], support=["组宣部"]),
    )
    found = digest(chosen, "组宣部", {"组宣部"}, DAY, 30)
    assert ids(found.overdue) == [1, 5] and ids(found.due_soon) == []
    assert ids(digest(chosen, "组宣部", {"组宣部"}, DAY, 45).due_soon) == [2]
    assert found.task_ids == [1, 5] and found.form is not None and found.form.last is None
    assert [name for name, _ in departments(chosen)] == ["组宣部", "学会部"]


def test_a_comment_followed_by_a_report_is_answered_and_a_report_returns_the_form():
    comment = HistoryEntry(dt.date(2025, 6, 2), kind=EntryKind.COMMENT, comment="抓紧", by="郑昌盛")
    report = HistoryEntry(dt.date(2025, 6, 5), kind=EntryKind.REPORT, note="已启动", by="组宣部")
    asked = HistoryEntry(
        dt.date(2025, 5, 5), kind=EntryKind.REQUEST, due_after=Month(2025, 9), reason="场地"
    )
    chosen = plan(
        Task(1, Month(2025, 12), lead=["组宣部"], history=[comment]),
        Task(2, Month(2025, 12), lead=["组宣部"], history=[comment, report]),
        Task(3, Month(2025, 12), lead=["组宣部"], history=[asked]),
    )
    found = digest(chosen, "组宣部", {"组宣部"}, DAY, 30)
    assert ids(f for f, _ in found.comments) == [1]
    assert [(f.state.task.id, h.due_after) for f, h in found.pending] == [(3, Month(2025, 9))]
    assert found.form is None  # a report on 06-05: the June form counts as returned
    assert digest(chosen, "组宣部", {"组宣部"}, dt.date(2025, 7, 1), 30).form is not None


def test_sent_on_finds_an_urge_of_that_day_for_that_department():
    urge = HistoryEntry(DAY, kind=EntryKind.URGE, to="组宣部", channel="wecom")
    chosen = plan(Task(1, Month(2025, 12), lead=["组宣部"], history=[urge]))
    assert sent_on(chosen, "组宣部", DAY)
    assert not sent_on(chosen, "学会部", DAY)
    assert not sent_on(chosen, "组宣部", DAY + dt.timedelta(days=1))
