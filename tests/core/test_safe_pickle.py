"""Unpickling that makes kexie's records and nothing else (issue 30)."""

from __future__ import annotations

import datetime as dt
import os
import pickle

import pytest

from kexie_cli.core import safe_pickle
from tests.sample_plans import record_plan


def test_a_plan_with_its_history_comes_back_whole() -> None:
    plan = record_plan()
    back = safe_pickle.loads(pickle.dumps(plan, protocol=5))
    assert back == plan
    assert [list(t.history) for t in back.tasks] == [list(t.history) for t in plan.tasks]


class _Runs:
    def __init__(self, call, *args) -> None:
        self.call, self.args = call, args

    def __reduce__(self):
        return self.call, self.args


@pytest.mark.parametrize(
    "payload",
    [
        _Runs(os.system, "true"),
        _Runs(eval, "1"),
        _Runs(getattr, dt.date, "today"),
        _Runs(dt.datetime, 2025, 1, 1),  # a class, but not one a plan holds
        _Runs(print, "x"),
    ],
)
def test_anything_else_is_refused_before_it_is_called(payload) -> None:
    with pytest.raises(pickle.UnpicklingError, match="不是 kexie 的记录"):
        safe_pickle.loads(pickle.dumps(payload, protocol=5))


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("kexie_cli.core.models", "StrEnum"),  # imported there, defined elsewhere
        ("kexie_cli.core.models", "plain"),  # a function of the core, not a record
        ("kexie_cli.core.models", "Task.__init__"),  # a dotted name reaches into a class
        ("kexie_cli.plans.files", "write_atomic"),  # outside the core
    ],
)
def test_a_name_must_be_a_class_the_core_defines(module, name) -> None:
    words = [word.encode() for word in (module, name)]
    # protocol 4: the module, the name (dotted names allowed), STACK_GLOBAL, STOP
    data = b"\x80\x04" + b"".join(b"\x8c" + bytes([len(w)]) + w for w in words) + b"\x93."
    with pytest.raises(pickle.UnpicklingError, match="不是 kexie 的记录"):
        safe_pickle.loads(data)
    assert pickle.loads(data) is not None  # the standard unpickler would have taken it
