"""The records' equality, hash, repr and frozenness (each a frozen dataclass)."""

import dataclasses
import datetime as dt

import pytest

from kexie_cli.core.models import Comparator, HistoryEntry, Target, Task
from kexie_cli.core.months import Month


def _target(**changed):
    return Target(**{"name": "宣讲", "target": 12.0, "comparator": Comparator.AT_LEAST, **changed})


def test_records_are_equal_by_their_fields():
    assert _target() == _target()
    assert _target() != _target(done=1.0)
    assert Task(id=1, due=Month(2025, 6), targets=[_target()]) == Task(
        id=1, due=Month(2025, 6), targets=[_target()]
    )
    assert Task(id=1, due=Month(2025, 6)) != Task(id=1, due=Month(2025, 7))


def test_records_of_two_classes_are_never_equal():
    assert HistoryEntry(date=dt.date(2025, 6, 30)) != _target()
    assert _target() != ("宣讲", 12.0)


def test_a_record_hashes_by_its_fields_unless_it_holds_a_list():
    assert hash(_target()) == hash(_target())
    assert len({_target(), _target(), _target(done=2.0)}) == 2
    with pytest.raises(TypeError):
        hash(Task(id=1, due=Month(2025, 6)))


def test_a_record_stays_frozen():
    target = _target()
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.done = 3.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del target.done
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.other = 1  # type: ignore[attr-defined]
    assert target == _target()


def test_a_changed_copy_is_a_new_frozen_record():
    target = _target()
    changed = dataclasses.replace(target, done=3.0)
    assert changed.done == 3.0 and target.done == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        changed.done = 4.0  # type: ignore[misc]


def test_records_validated_or_pickled_are_frozen_too():
    import pickle

    from kexie_cli.plans.validate import validate_task

    task, findings = validate_task({"id": 1, "due": "2025.6", "targets": []})
    assert not findings
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.note = "x"  # type: ignore[misc]
    loaded = pickle.loads(pickle.dumps(task, protocol=5))
    assert loaded == task
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.note = "x"  # type: ignore[misc]


def test_a_record_shows_its_fields_in_order():
    assert repr(_target(unit="次")) == (
        "Target(name='宣讲', target=12.0, target_max=None, unit='次', "
        "comparator=<Comparator.AT_LEAST: 'at_least'>, done=0, each=None, units=None, "
        "milestones=None, measured=None, note=None)"
    )


def test_a_task_as_plain_data_has_its_history_as_a_list_of_entries():
    import json

    from kexie_cli.core.models import EntryKind, plain

    entry = HistoryEntry(dt.date(2025, 6, 10), EntryKind.COMMENT, comment="抓紧", by="郑昌盛")
    data = plain(Task(id=1, due=Month(2025, 6), history=[entry]))
    assert data["history"] == [plain(entry)]
    assert data["history"][0]["date"] == "2025-06-10"
    json.dumps(data)  # JSON-ready, as plain() promises
