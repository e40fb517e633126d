"""output/ending.py: the lines and rows of sign-off and end states."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.models import EntryKind, HistoryEntry, Task
from kexie_cli.core.months import Month
from kexie_cli.core.status import task_state
from kexie_cli.output.ending import end_line, end_text, ended_sentences, ended_tables
from kexie_cli.output.views import ended_json

DAY = dt.date(2025, 6, 10)


def entry(kind: EntryKind, **keys) -> HistoryEntry:
    return HistoryEntry(date=DAY, kind=kind, **keys)


def test_each_kind_has_its_line():
    task = Task(id=7, due=Month(2025, 12), content="举办讲座")
    pause = entry(EntryKind.PAUSE, reason="等待政策", until=Month(2025, 9))
    assert end_text(pause) == "暂缓（2025-06-10，至 2025.9 月底）：等待政策"
    assert end_text(entry(EntryKind.CANCEL, reason="不再举办")) == "已取消（2025-06-10）：不再举办"
    back = entry(EntryKind.SEND_BACK, reason="缺材料", by="张三")
    assert (
        end_line(task, back, Month(2025, 1))
        == "任务 7 的办结申请已退回（2025-06-10，张三）：缺材料"
    )
    assert end_line(task, entry(EntryKind.RESUME), Month(2025, 1)) == (
        "任务 7 已恢复（2025-06-10），重新计入统计"
    )


def test_an_ended_task_in_json_and_apart():
    cancel = entry(EntryKind.CANCEL, reason="不再举办")
    task = Task(id=7, due=Month(2025, 12), content="举办讲座", lead=["普及部"], history=[cancel])
    other = Task(id=8, due=Month(2025, 12))
    states = [task_state(t, Month(2025, 1), dt.date(2025, 7, 1)) for t in (task, other)]
    assert ended_json(states[0]) == {
        "kind": "cancel", "date": "2025-06-10", "reason": "不再举办", "until": None,
    }  # fmt: skip
    assert ended_json(states[1]) is None
    (table,) = ended_tables(states)
    assert [(r["id"], r["status"], r["reason"]) for r in table.rows] == [(7, "已取消", "不再举办")]
    assert ended_sentences(states) == ["任务7（举办讲座）已取消（2025-06-10）：不再举办。"]
    assert ended_tables(states[1:]) == ()
