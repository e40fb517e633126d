"""The 督办 record replayed at a date: deadlines in force, reports, comments, requests, and
when and how a task was done."""

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core import history, record
from kexie_cli.core.history import Completion
from kexie_cli.core.models import EntryKind, HistoryEntry
from kexie_cli.core.months import Month
from kexie_cli.core.status import task_state
from tests.sample_plans import record_plan

PLAN = record_plan()
D = dt.date


def task(task_id, plan=PLAN):
    return next(t for t in plan.tasks if t.id == task_id)


def test_the_deadline_in_force_moves_on_the_day_of_the_extension():
    one = task(1)  # due 2025.6, extended to 2025.9 on 05-20
    assert record.effective_due(one, D(2025, 5, 19)) == Month(2025, 6)
    assert record.effective_due(one, D(2025, 5, 20)) == Month(2025, 9)
    assert record.effective_due(one) == Month(2025, 9)
    assert one.due == Month(2025, 6)  # the document's month stays as written
    assert [h.reason for h in record.extensions(one, D(2025, 12, 31))] == ["场地调整"]
    assert record.extensions(one, D(2025, 5, 1)) == []


def test_latest_report_and_comments_as_of_a_date():
    one = task(1)
    assert record.latest_report(one, D(2025, 6, 29)) is None
    latest = record.latest_report(one, D(2025, 6, 30))
    assert (latest.note, latest.problem, latest.next) == (
        "已发展会员60人",
        "基层积极性不高",
        "7月集中宣传",
    )
    assert record.comments(one, D(2025, 6, 9)) == []
    assert [c.by for c in record.comments(one, D(2025, 6, 10))] == ["郑昌盛"]


def test_a_comment_is_followed_by_the_reports_recorded_after_it():
    ((comment, after),) = history.follow_ups(task(1), D(2025, 12, 31))
    assert comment.comment.startswith("抓紧推进") and [r.note for r in after] == ["已发展会员60人"]
    ((_, none_yet),) = history.follow_ups(task(1), D(2025, 6, 20))
    assert none_yet == []
    # The same day: a report written before the comment is not its follow-up.
    two = task(2)
    early = HistoryEntry(D(2025, 4, 30), EntryKind.COMMENT, comment="加快", by="李义词")
    moved = replace(two, history=[*two.history[:1], early, *two.history[1:]])
    assert history.follow_ups(moved, D(2025, 12, 31)) == [(early, [])]


def test_a_comments_follow_up_stops_at_the_next_comment():
    """批示 A, a report, 批示 B, two reports: A is answered by the first alone, B by the rest."""

    def said(day, kind, text):
        words = {"comment": text, "by": "郑昌盛"} if kind is EntryKind.COMMENT else {"note": text}
        return HistoryEntry(D(2025, *day), kind, **words)

    entries = [
        said((3, 1), EntryKind.REPORT, "批示前"),
        said((4, 1), EntryKind.COMMENT, "A"),
        said((4, 30), EntryKind.REPORT, "四月"),
        said((5, 10), EntryKind.COMMENT, "B"),
        said((5, 31), EntryKind.REPORT, "五月"),
        said((5, 10), EntryKind.REPORT, "B当日，批示后"),  # recorded later, dated the 10th
        said((6, 30), EntryKind.REPORT, "六月"),
    ]
    one = replace(task(4), history=entries)

    def answered(as_of):
        return [(c.comment, [r.note for r in after]) for c, after in history.follow_ups(one, as_of)]

    assert answered(D(2025, 12, 31)) == [
        ("A", ["四月"]),
        ("B", ["B当日，批示后", "五月", "六月"]),
    ]
    assert answered(D(2025, 5, 9)) == [("A", ["四月"])]
    assert answered(D(2025, 5, 31)) == [("A", ["四月"]), ("B", ["B当日，批示后", "五月"])]


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from([EntryKind.REPORT, EntryKind.COMMENT])),
        max_size=10,
    ),
    st.integers(0, 30),
)
def test_every_report_after_a_comment_answers_exactly_one_comment(days, day):
    """The follow-ups split the reports after the first comment among the comments, in order:
    none twice, none dropped, each dated between its comment and the next."""
    start = D(2025, 3, 1)
    entries = [
        HistoryEntry(start + dt.timedelta(offset), kind, note=f"n{i}", comment=f"c{i}", by="某")
        if kind is EntryKind.COMMENT
        else HistoryEntry(start + dt.timedelta(offset), kind, note=f"n{i}")
        for i, (offset, kind) in enumerate(days)
    ]
    one = replace(task(4), history=entries)
    when = start + dt.timedelta(day)
    found = history.follow_ups(one, when)
    assert [c for c, _ in found] == record.comments(one, when)
    answers = [r for _, after in found for r in after]
    seen = sorted((e for e in entries if e.date <= when), key=lambda e: e.date)
    first = next((i for i, e in enumerate(seen) if e.kind is EntryKind.COMMENT), len(seen))
    assert answers == [e for e in seen[first:] if e.kind is EntryKind.REPORT]
    for (comment, after), following in zip(found, [*found[1:], None], strict=False):
        assert all(comment.date <= r.date for r in after)
        assert following is None or all(r.date <= following[0].date for r in after)


def test_a_request_is_pending_until_an_extension_answers_it():
    five = task(5)  # asked 06-20, extended 07-05
    assert record.pending_requests(five, D(2025, 6, 19)) == []
    assert [r.reason for r in record.pending_requests(five, D(2025, 6, 30))] == ["师资未落实"]
    assert record.pending_requests(five, D(2025, 7, 5)) == []


def test_completion_date_and_label():
    end = D(2025, 12, 31)
    states = {t.id: task_state(t, PLAN.start, end) for t in PLAN.tasks}
    assert (states[1].completed_on, states[1].completion) == (D(2025, 8, 15), Completion.EXTENDED)
    assert (states[2].completed_on, states[2].completion) == (D(2025, 7, 10), Completion.LATE)
    assert (states[3].completed_on, states[3].completion) == (D(2025, 6, 20), Completion.ON_TIME)
    assert [states[i].on_time for i in (1, 2, 3, 4)] == [True, False, True, None]
    assert [c.label for c in Completion] == ["按期完成", "延期后完成", "逾期完成"]


def test_done_in_a_file_edited_by_hand_has_no_completion_date():
    bare = replace(task(3), history=[])
    state = task_state(bare, PLAN.start, D(2025, 12, 31))
    assert (state.status.value, state.completed_on, state.on_time) == ("done", None, None)


@given(
    moves=st.lists(st.tuples(st.integers(0, 364), st.integers(1, 6)), max_size=5),
    day=st.integers(0, 400),
)
def test_the_deadline_in_force_is_the_last_extension_by_the_date(moves, day):
    """Whatever extensions a year holds, the deadline at a date is the last one recorded on or
    before it (the later of one day's), else the document's."""
    start, due = D(2025, 1, 1), Month(2025, 1)
    entries, current = [], due
    for offset, months_more in sorted(moves):
        after = Month(
            2025 + (current.month + months_more - 1) // 12,
            (current.month + months_more - 1) % 12 + 1,
        )
        entries.append(
            HistoryEntry(start + dt.timedelta(offset), EntryKind.EXTENSION, due_before=current,
                         due_after=after, reason="r")
        )  # fmt: skip
        current = after
    one = replace(task(1), due=due, history=entries)
    when = start + dt.timedelta(day)
    seen = [e for e in entries if e.date <= when]
    assert record.effective_due(one, when) == (seen[-1].due_after if seen else due)


@given(
    days=st.lists(
        st.tuples(st.integers(0, 60), st.sampled_from([EntryKind.REPORT, EntryKind.COMMENT])),
        max_size=8,
    ),
    day=st.integers(0, 60),
)
def test_one_pass_reading_agrees_with_the_replay(days, day):
    """said_by (one pass, for reports of many tasks) = latest_report and comments."""
    start = D(2025, 3, 1)
    entries = [
        HistoryEntry(start + dt.timedelta(offset), kind, note=f"n{i}", comment=f"c{i}", by="某")
        if kind is EntryKind.COMMENT
        else HistoryEntry(start + dt.timedelta(offset), kind, note=f"n{i}")
        for i, (offset, kind) in enumerate(days)
    ]
    one = replace(task(4), history=entries)
    when = start + dt.timedelta(day)
    assert record.said_by(one, when) == (
        record.latest_report(one, when),
        record.comments(one, when),
    )
