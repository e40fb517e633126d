"""What a task's history says from its last entry on (`Task.standing`): the same answers as
replaying the entries, worked out once, and carried through pickling (the plan cache) so a
cached task answers for today without unpacking a single entry."""

import datetime as dt
import pickle
from contextlib import contextmanager
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core import history, record, safe_pickle, status
from kexie_cli.core.models import Comparator, EntryKind, HistoryEntry, Mark, Place, Target, Task
from kexie_cli.core.months import Month
from kexie_cli.core.record import NO_HISTORY, Standing, standing
from tests.sample_plans import record_plan

D = dt.date
START = Month(2025, 1)
FIRST = D(2025, 1, 1)


@contextmanager
def replaying():
    """Every answer worked out from the entries, as for a date before the last one."""

    def read(task, as_of=None):
        return record.read(task, as_of) if task.history else record.NO_HISTORY

    with (
        mock.patch.object(record, "record_at", read),
        mock.patch.object(status, "record_at", read),
    ):
        yield


def answers(task: Task, as_of: dt.date | None):
    """Every public answer of core/record.py and core/status.py about the task at a date."""
    found = {
        "extensions": record.extensions(task, as_of),
        "effective_due": record.effective_due(task, as_of),
        "comments": record.comments(task, as_of),
        "latest_report": record.latest_report(task, as_of),
        "said_by": record.said_by(task, as_of),
        "pending_requests": record.pending_requests(task, as_of),
        "completed_on": record.completed_on(task, as_of),
    }
    if as_of is not None:  # without a date the state is today's: left out, to stay timing-free
        found["task_state"] = status.task_state(task, START, as_of)
        found["flags"] = found["task_state"].flags()
    return found


# A task: up to three targets (some broken down by place), and a history written as kexie
# writes it, each entry on the day of the one before or later — or, edited by hand, in any order.
COMPARATORS = [Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.ABOUT, Comparator.EXACT]
KINDS = [EntryKind.FIGURE, EntryKind.MARK, *[k for k in EntryKind if k not in (
    EntryKind.FIGURE, EntryKind.MARK)]]  # fmt: skip

targets_st = st.lists(
    st.tuples(
        st.sampled_from(COMPARATORS),
        st.integers(1, 12),  # the number, or each place's
        st.integers(0, 12),  # done before any figure
        st.booleans(),  # broken down by place (甲, 乙)
    ),
    min_size=0,
    max_size=3,
)
steps_st = st.lists(
    st.tuples(
        st.integers(0, 40),  # days after the entry before (0: the same day)
        st.sampled_from(KINDS),
        st.integers(0, 14),  # a figure's count, a mark's, an extension's months
        st.integers(0, 2),  # which target or place
    ),
    max_size=12,
)


@st.composite
def tasks(draw):
    shapes = draw(targets_st)
    counts: dict[tuple[int, str | None], float] = {}
    for key, (_, _, done, by_place) in enumerate(shapes, start=1):
        for unit in ("甲", "乙") if by_place else (None,):
            counts[(key, unit)] = float(done)
    mark = draw(st.sampled_from([None, *Mark]))
    due = Month(2025, draw(st.integers(1, 12)))
    entries, day, current, came = [], FIRST, due, FIRST
    for i, (gap, kind, value, which) in enumerate(draw(steps_st)):
        day += dt.timedelta(days=gap)
        # Each entry came in on its day or later (a form returned late); one day's entries in
        # the order generated, as the file's figures and mark assume.
        came = max(day + dt.timedelta(days=draw(st.integers(0, 20))), came if gap == 0 else day)
        recorded = came if came != day else None
        if kind is EntryKind.FIGURE and shapes:
            key = which % len(shapes) + 1
            unit = ("甲", "乙")[which % 2] if shapes[key - 1][3] else None
            after = float(value)
            entries.append(HistoryEntry(day, kind, target=key, unit=unit, recorded=recorded,
                                        before=counts[(key, unit)], after=after))  # fmt: skip
            counts[(key, unit)] = after
        elif kind is EntryKind.MARK:
            new = list(Mark)[value % 3]
            entries.append(HistoryEntry(day, kind, status=new, status_before=mark,
                                        recorded=recorded))  # fmt: skip
            mark = new
        elif kind is EntryKind.REPORT:
            entries.append(HistoryEntry(day, kind, note=f"进展{i}", problem=f"问题{i}",
                                        recorded=recorded))  # fmt: skip
        elif kind is EntryKind.COMMENT:
            entries.append(HistoryEntry(day, kind, comment=f"批示{i}", by="郑昌盛"))
        elif kind in (EntryKind.EXTENSION, EntryKind.REQUEST):
            ahead = current.year * 12 + current.month - 1 + value % 6 + 1
            later = Month(ahead // 12, ahead % 12 + 1)
            entries.append(HistoryEntry(day, kind, due_before=current, due_after=later,
                                        reason=f"理由{i}"))  # fmt: skip
            if kind is EntryKind.EXTENSION:
                current = later
    targets = []
    for key, (comparator, number, _, by_place) in enumerate(shapes, start=1):
        if by_place:
            units = {u: Place(float(number), counts[(key, u)]) for u in ("甲", "乙")}
            done = sum(p.done for p in units.values())
            targets.append(Target(f"指标{key}", 2.0 * number, comparator=comparator,
                                  done=done, units=units))  # fmt: skip
        else:
            targets.append(Target(f"指标{key}", float(number), comparator=comparator,
                                  done=counts[(key, None)]))  # fmt: skip
    if draw(st.booleans()):  # a file edited by hand: its entries out of date order
        entries = draw(st.permutations(entries))
    return Task(id=1, due=due, targets=targets, status=mark, history=entries)


def dates(task: Task) -> st.SearchStrategy[dt.date | None]:
    """A date before, on or after any of the task's entries, or none."""
    last = max((h.date for h in task.history), default=FIRST)
    later = last + dt.timedelta(days=60)
    return (
        st.none() | st.just(last) | st.dates(last, later) | st.dates(FIRST - dt.timedelta(5), later)
    )


def fresh(task: Task) -> Task:
    """The task as read from its file: nothing worked out yet."""
    return Task(**{name: getattr(task, name) for name in task.__dataclass_fields__})


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_standing_answers_as_the_entries_replayed_do(data):
    task = data.draw(tasks())
    for _ in range(4):
        as_of = data.draw(dates(task))
        said = answers(task, as_of)
        with replaying():
            assert said == answers(fresh(task), as_of), as_of


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_task_pickled_with_its_standing_answers_as_the_entries_replayed_do(data):
    task = data.draw(tasks())
    loaded = pickle.loads(pickle.dumps(task, protocol=5))
    assert loaded.standing == standing(fresh(task))
    for _ in range(4):
        as_of = data.draw(dates(task))
        said = answers(loaded, as_of)
        with replaying():
            assert said == answers(fresh(task), as_of), as_of


@settings(max_examples=100, deadline=None)
@given(task=tasks())
def test_the_standing_is_the_whole_history_read_by_date(task):
    """Each field by its own definition: entries of one kind by date, then by arrival, then
    as the file lists them; the latest report; the requests, pending where no extension or
    refusal comes after them."""
    place = {id(h): (h.date, h.recorded or h.date, i) for i, h in enumerate(task.history)}
    by_date = sorted(task.history, key=lambda h: place[id(h)])

    def of(kind):
        return tuple(h for h in by_date if h.kind is kind)

    found = standing(task)
    if not task.history:
        assert found == NO_HISTORY
        return
    replies = [*of(EntryKind.EXTENSION), *of(EntryKind.REFUSAL)]
    assert found.last == by_date[-1].date
    assert found.extensions == of(EntryKind.EXTENSION)
    assert found.comments == of(EntryKind.COMMENT)
    assert found.latest == (of(EntryKind.REPORT) or (None,))[-1]
    assert tuple(a.request for a in found.requests) == of(EntryKind.REQUEST)
    assert tuple(a.request for a in found.requests if a.reply is None) == tuple(
        r for r in of(EntryKind.REQUEST) if not any(place[id(e)] > place[id(r)] for e in replies)
    )
    assert found.completed_on == record.replayed_completion(task, None)
    assert found.completed_on is None or found.completed_on <= found.last


def test_the_standing_of_a_year_of_the_record():
    plan = record_plan()
    got = {t.id: t.standing for t in plan.tasks}
    one = got[1]
    assert (one.last, one.completed_on) == (D(2025, 8, 15), D(2025, 8, 15))
    assert [h.reason for h in one.extensions] == ["场地调整"]
    assert one.latest.note == "已发展会员60人" and [c.by for c in one.comments] == ["郑昌盛"]
    assert (got[2].last, got[2].completed_on, got[2].latest.note) == (
        D(2025, 7, 10), D(2025, 7, 10), "已制定方案初稿",
    )  # fmt: skip
    assert (got[3].completed_on, got[3].latest, got[3].comments) == (D(2025, 6, 20), None, ())
    assert (got[4].completed_on, got[4].latest.problem) == (None, "经费未到位")
    assert got[5].last == D(2025, 7, 5)
    assert [a.answer for a in got[5].requests] == [history.Answer.GRANTED]  # on the last day
    assert all(isinstance(s, Standing) for s in got.values())


def test_a_task_without_history_stands_as_written():
    task = Task(id=1, due=Month(2025, 6), status=Mark.DONE)
    assert task.standing == NO_HISTORY
    state = status.task_state(task, START, D(2025, 12, 31))
    assert (state.status, state.completed_on, state.extensions) == (status.Status.DONE, None, ())


def test_a_request_standing_last_is_pending_until_answered():
    asked = HistoryEntry(D(2025, 6, 20), EntryKind.REQUEST, due_after=Month(2025, 10), reason="r")
    task = Task(id=1, due=Month(2025, 6), history=[asked])
    assert task.standing.requests == (history.Asked(asked, None),)
    assert record.pending_requests(task) == [asked]
    assert record.pending_requests(task, D(2025, 6, 19)) == []
    answered = HistoryEntry(
        D(2025, 6, 20), EntryKind.EXTENSION, due_before=Month(2025, 6),
        due_after=Month(2025, 10), reason="r",
    )  # fmt: skip
    both = Task(id=1, due=Month(2025, 6), history=[asked, answered])
    assert both.standing.requests == (history.Asked(asked, answered),)
    assert record.pending_requests(both) == []
    assert record.effective_due(both) == Month(2025, 10)


def test_a_cached_task_answers_for_today_without_unpacking_an_entry(monkeypatch):
    unpacked: list[int] = []  # each unpacking of a task's packed entries is one call
    real = safe_pickle.loads
    monkeypatch.setattr(safe_pickle, "loads", lambda data: unpacked.append(1) or real(data))
    plan = record_plan()
    one = next(t for t in plan.tasks if t.id == 1)
    task = Task(id=1, due=one.due, targets=one.targets, history=list(one.history))
    loaded = pickle.loads(pickle.dumps(task, protocol=5))
    for as_of in (None, D(2025, 8, 15), D(2025, 12, 31)):
        said = answers(loaded, as_of)
        assert said["completed_on"] == D(2025, 8, 15)
        assert said["effective_due"] == Month(2025, 9)
    assert unpacked == []
    assert len(loaded.history) == 6 and loaded.history
    assert unpacked == []
    earlier = answers(loaded, D(2025, 6, 1))  # before the last entry: the entries replayed
    assert unpacked == [1]
    assert earlier["completed_on"] is None and earlier["latest_report"] is None
    assert loaded.history == list(one.history)
