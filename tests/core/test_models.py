"""The records' equality, hash, repr and frozenness (each a frozen dataclass)."""

import dataclasses
import datetime as dt
import pickle
import typing

import pytest

from kexie_cli.core import models
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
        "milestones=None, measured=None, note=None, reports_to=None)"
    )


RECORDS = [
    models.Place,
    models.Target,
    models.HistoryEntry,
    models.Task,
    models.TasksInfo,
    models.Departments,
    models.TasksPlan,
    models.PointsInfo,
    models.Section,
    models.Point,
    models.PointsPlan,
]


def _may_be_none(hint: object) -> bool:
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return type(None) in typing.get_args(hint)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_a_field_that_may_be_none_defaults_to_none(record):
    # The cache pickles an entry without its None attributes (HistoryEntry.given): the
    # class's default must then be the None it left out. The other records keep the rule too.
    hints = typing.get_type_hints(record, include_extras=True)
    optional = [f for f in dataclasses.fields(record) if _may_be_none(hints[f.name])]
    for f in optional:
        assert f.default is None, f"{record.__name__}.{f.name}"
    if record is models.HistoryEntry:  # its keys but date and kind are all optional
        assert len(optional) == len(dataclasses.fields(record)) - 2


def test_records_pickled_without_their_none_keys_read_back_equal():
    entry = HistoryEntry(date=dt.date(2025, 6, 30), kind=models.EntryKind.REPORT, note="已完成")
    task = Task(id=1, due=Month(2025, 6), targets=[_target(note=None)], history=[entry])
    back = pickle.loads(pickle.dumps(task))
    assert back == task
    assert back.targets[0].target_max is None and back.history[0].problem is None


def test_a_task_as_plain_data_has_its_history_as_a_list_of_entries():
    import json

    from kexie_cli.core.models import EntryKind, plain

    entry = HistoryEntry(dt.date(2025, 6, 10), EntryKind.COMMENT, comment="抓紧", by="郑昌盛")
    data = plain(Task(id=1, due=Month(2025, 6), history=[entry]))
    assert data["history"] == [plain(entry)]
    assert data["history"][0]["date"] == "2025-06-10"
    json.dumps(data)  # JSON-ready, as plain() promises
