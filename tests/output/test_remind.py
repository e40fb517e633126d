"""A digest's text: the heading, a section per kind with its count, 序号 and deadline on each
line, the form line; nothing for an empty section."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.models import Task, TasksInfo, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.remind import digest
from kexie_cli.output.remind import digest_text


def test_a_digest_reads_as_a_clerk_forwards_it():
    plan = TasksPlan(
        TasksInfo("测试", 2025),
        [
            Task(1, Month(2025, 3), content="举办科技工作者培训" * 4, lead=["组宣部"]),
            Task(2, Month(2025, 7), focus="科普宣传", support=["组宣部"], lead=["学会部"]),
        ],
    )
    text = digest_text(digest(plan, "组宣部", {"组宣部"}, dt.date(2025, 6, 20), 45))
    assert text.splitlines() == [
        "**组宣部重点工作督办提醒（截至 2025-06-20）**",
        "",
        "**逾期（1 项）**",
        "- 1. 举办科技工作者培训举办科技工作者培训举办科技工作…　时限 2025.3",
        "",
        "**即将到期（45 天内，1 项）**",
        "- 2. 科普宣传（配合）　时限 2025.7",
        "",
        "**6 月填报表未报送**（本年尚无登记），请尽快报送。",
    ]
