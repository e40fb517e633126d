"""督办通知单 numbers and records, at unit level."""

import dataclasses
import datetime as dt

import pytest

from kexie_cli.core.models import EntryKind, HistoryEntry
from kexie_cli.core.months import Month
from kexie_cli.core.notices import NoticeRequest, blank_number, next_number, told
from kexie_cli.core.update import apply_change, plan_change
from tests.level_plans import year_plan

D = dt.date


def _with_notices(*numbers):
    day = D(2025, 6, 1)
    plan = year_plan()
    entries = [
        HistoryEntry(date=day + dt.timedelta(days=i), kind=EntryKind.NOTICE, number=n)
        for i, n in enumerate(numbers)
    ]
    task = dataclasses.replace(plan.tasks[0], history=[*plan.tasks[0].history, *entries])
    return dataclasses.replace(plan, tasks=[task, *plan.tasks[1:]])


@pytest.mark.parametrize(
    ("numbers", "day", "expected"),
    [
        ((), D(2025, 7, 1), "〔2025〕  号"),
        (("黄科协督〔2025〕3号",), D(2025, 7, 1), "黄科协督〔2025〕4号"),
        (("黄科协督〔2025〕9号", "黄科协督〔2025〕10号"), D(2025, 7, 1), "黄科协督〔2025〕11号"),
        (("黄科协督〔2025〕12号",), D(2026, 1, 5), "黄科协督〔2026〕1号"),
        (("督办〔2025〕  号",), D(2025, 7, 1), "〔2025〕  号"),  # none numbered: a blank
        (("第7号",), D(2025, 7, 1), "第8号"),
    ],
)
def test_the_next_number_goes_on_from_the_last(numbers, day, expected):
    assert next_number(_with_notices(*numbers), day) == expected


def test_the_blank_number_has_room_to_fill_in():
    assert blank_number(2025) == "〔2025〕  号"


def test_a_notice_request_is_a_notice_entry_with_its_keys():
    plan = year_plan()
    request = NoticeRequest(3, "〔2025〕1号", Month(2025, 11), D(2025, 10, 10), by="郑昌盛")
    assert request.keys() == {"number": "〔2025〕1号", "due_after": "2025.11", "by": "郑昌盛"}
    change = plan_change(plan, request)
    (entry,) = change.entries
    assert entry["kind"] == "notice" and entry["date"] == D(2025, 10, 10)
    after = apply_change(plan, change)
    added = after.tasks[2].history[-1]
    assert (added.kind, added.number, added.due_after) == (
        EntryKind.NOTICE,
        "〔2025〕1号",
        Month(2025, 11),
    )
    assert NoticeRequest(3, "〔2025〕  号").keys() == {"number": "〔2025〕  号"}


def test_a_notice_tells_the_record_not_the_figures():
    plan = year_plan()
    four = plan.tasks[3]
    assert [h.kind for h in told(four, D(2025, 12, 31))] == [
        EntryKind.EXTENSION,
        EntryKind.REPORT,
        EntryKind.COMMENT,
    ]
    assert [h.kind for h in told(four, D(2025, 4, 30))] == [EntryKind.EXTENSION, EntryKind.REPORT]
    assert told(plan.tasks[0], D(2025, 12, 31)) == []  # figures only
