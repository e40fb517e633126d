"""A task's history as a read-only sequence: pickled as one packed blob, unpacked on first read
only, and equal to the entries it holds however it was made."""

import dataclasses
import datetime as dt
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core import safe_pickle
from kexie_cli.core.models import EntryKind, HistoryEntry, Task
from kexie_cli.core.months import Month
from kexie_cli.core.packed import History
from kexie_cli.plans.validate import parse

D = dt.date
ENTRIES = [
    HistoryEntry(D(2025, 3, 31), target=1, before=0.0, after=4.0, by="张三"),
    HistoryEntry(D(2025, 5, 20), EntryKind.EXTENSION, due_before=Month(2025, 6),
                 due_after=Month(2025, 9), reason="场地调整"),
    HistoryEntry(D(2025, 6, 10), EntryKind.COMMENT, comment="抓紧推进", by="郑昌盛"),
    HistoryEntry(D(2025, 6, 30), EntryKind.REPORT, note="已发展会员60人"),
]  # fmt: skip


@pytest.fixture
def unpacked(monkeypatch) -> list[int]:
    """How many times a packed history has been unpacked (each unpacking is one call)."""
    calls: list[int] = []
    real = safe_pickle.loads
    monkeypatch.setattr(safe_pickle, "loads", lambda data: calls.append(1) or real(data))
    return calls


def round_trip(value):
    return pickle.loads(pickle.dumps(value, protocol=5))


def test_a_history_pickled_and_loaded_holds_the_same_entries():
    history = History(ENTRIES)
    loaded = round_trip(history)
    assert isinstance(loaded, History)
    assert len(loaded) == 4 and bool(loaded)
    assert loaded == history and loaded == ENTRIES and loaded == tuple(ENTRIES)
    assert ENTRIES == loaded and tuple(ENTRIES) == loaded  # noqa: SIM300 (either side)
    assert loaded[0] == ENTRIES[0] and loaded[-1] == ENTRIES[-1]
    assert loaded[1:3] == tuple(ENTRIES[1:3]) and loaded[::-1] == tuple(reversed(ENTRIES))
    assert list(loaded) == ENTRIES and list(reversed(loaded)) == ENTRIES[::-1]
    assert ENTRIES[2] in loaded and loaded.index(ENTRIES[2]) == 2
    with pytest.raises(IndexError):
        loaded[4]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=20))
def test_any_entries_survive_the_round_trip(items):
    loaded = round_trip(History(items))
    assert loaded == items and loaded == History(items)
    assert len(loaded) == len(items) and bool(loaded) is bool(items)
    assert list(loaded) == items and loaded[:] == tuple(items)
    assert all(loaded[i] == items[i] for i in range(-len(items), len(items)))


def test_an_empty_history_is_empty_and_false_before_and_after_pickling():
    for history in (History(), round_trip(History())):
        assert len(history) == 0 and not history
        assert history == [] and history == () and list(history) == []


def test_a_history_equals_only_sequences_of_the_same_entries():
    history = History(ENTRIES)
    assert history != ENTRIES[:3] and history != [*ENTRIES, ENTRIES[0]]
    assert history != History(ENTRIES[::-1])
    assert history != "abcd" and history != None  # noqa: E711
    assert History([1, 2]) != {1, 2} and History([1, 2]) != iter([1, 2])
    with pytest.raises(TypeError):
        hash(history)  # as the list it replaces: tasks never hashed by their history


def test_a_loaded_history_is_unpacked_on_first_read_and_once(unpacked):
    loaded = round_trip(History(ENTRIES[:3]))
    assert len(loaded) == 3 and loaded  # how many, and whether any: nothing unpacked
    assert unpacked == []
    assert loaded[1] == ENTRIES[1]
    assert unpacked == [1]
    assert list(loaded) == ENTRIES[:3] and loaded[-1] == ENTRIES[2]
    assert unpacked == [1]  # not unpacked again


def test_a_loaded_history_pickled_again_unread_is_the_same_bytes_and_stays_packed(unpacked):
    packed = pickle.dumps(History(ENTRIES[:2]), protocol=5)
    loaded = pickle.loads(packed)
    assert pickle.dumps(loaded, protocol=5) == packed
    assert unpacked == []  # the other tasks of a plan saved again: their bytes copied as they are
    assert list(loaded) == ENTRIES[:2]
    assert pickle.dumps(loaded, protocol=5) == packed  # and read since: still the same


def test_a_history_pickled_twice_gives_the_same_bytes():
    history = History(ENTRIES)
    assert pickle.dumps(history, protocol=5) == pickle.dumps(history, protocol=5)
    assert pickle.dumps(History(ENTRIES), protocol=5) == pickle.dumps(history, protocol=5)


def test_a_task_holds_its_entries_as_a_history_however_it_is_made():
    made = Task(id=1, due=Month(2025, 6), history=ENTRIES)
    assert isinstance(made.history, History) and made.history == ENTRIES
    assert isinstance(Task(id=2, due=Month(2025, 6)).history, History)
    assert isinstance(Task(id=3, due=Month(2025, 6), history=tuple(ENTRIES)).history, History)
    changed = dataclasses.replace(made, history=[*ENTRIES, ENTRIES[0]])
    assert isinstance(changed.history, History) and len(changed.history) == 5
    assert made.history == ENTRIES  # the first task's own stays as it was
    emptied = dataclasses.replace(made, history=[])
    assert isinstance(emptied.history, History) and not emptied.history
    assert dataclasses.replace(made, note="x").history == ENTRIES


def test_a_validated_task_holds_a_history_of_entries():
    raw = [{"date": "2025-03-31", "target": 1, "before": 0, "after": 4, "by": "张三"}]
    task = parse(Task, {"id": 1, "due": "2025.6", "targets": [], "history": raw})
    assert isinstance(task.history, History) and task.history == ENTRIES[:1]
    assert isinstance(task.history[0], HistoryEntry)


def test_a_pickled_task_is_equal_and_holds_a_history():
    task = Task(id=1, due=Month(2025, 6), history=ENTRIES)
    loaded = round_trip(task)
    assert isinstance(loaded.history, History)
    assert loaded == task and loaded.history == ENTRIES
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.history = History()  # type: ignore[misc]
