"""The records' equality, hash and repr (shared by all of them, see models.Record)."""

import dataclasses
import datetime as dt

import pytest

from kexie_cli.models import Comparator, HistoryEntry, Target, Task
from kexie_cli.months import Month


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
    with pytest.raises(dataclasses.FrozenInstanceError):
        _target().done = 3.0  # type: ignore[misc]


def test_a_record_shows_its_fields_in_order():
    assert repr(_target(unit="次")) == (
        "Target(name='宣讲', target=12.0, target_max=None, unit='次', "
        "comparator=<Comparator.AT_LEAST: 'at_least'>, done=0, note=None)"
    )
