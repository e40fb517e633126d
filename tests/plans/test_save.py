"""plans.save: the one saver — only the task's lines change, a refused or failed update leaves
the file byte-identical, the write is atomic, and the cache never turns success into failure."""

from __future__ import annotations

import difflib
import os
import shutil

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans import cache, save
from kexie_cli.plans.load import load_file
from kexie_cli.plans.locate import item_span
from kexie_cli.plans.save import save_update
from kexie_cli.record_options import make_request
from tests.conftest import DATA


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    return path


def request(ref: str, **options: str):
    return make_request(ref, date="2025-06-30", **options)


def done(path, task_id: int, key: int = 1) -> float:
    plan, problems = load_file(path)
    assert not problems
    return next(t for t in plan.tasks if t.id == task_id).targets[key - 1].done


@pytest.mark.parametrize("cached", [True, False])
def test_only_the_task_s_lines_change(plan_file, monkeypatch, cached):
    if cached:
        load_file(plan_file)
    else:
        monkeypatch.setattr(cache, "get", lambda path: None)
    old = plan_file.read_text(encoding="utf-8")
    index = next(i for i, t in enumerate(load_file(plan_file)[0].tasks) if t.id == 7)
    start, stop, _ = item_span(old, index)
    first, last = old.count("\n", 0, start), old.count("\n", 0, stop)  # the item's lines
    recorded = save_update(plan_file, request("7.1", add="1"))
    new = plan_file.read_text(encoding="utf-8")
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert changed and all(first <= i1 and i2 <= last for _, i1, i2, _, _ in changed)
    assert recorded.task.targets[0].done == done(plan_file, 7)


def spoil(monkeypatch, old: str, new: str) -> None:
    """An editor that makes the real edit, then spoils it inside the item."""
    real = save.edit_item

    def edit(text, change):
        done = real(text, change)
        return done.__class__(
            done.text.replace(old, new), done.start, done.end - len(old) + len(new),
            done.old_end, done.items,
        )  # fmt: skip

    monkeypatch.setattr(save, "edit_item", edit)


def test_an_edit_that_fails_validation_leaves_the_file_byte_identical(plan_file, monkeypatch):
    load_file(plan_file)
    before = plan_file.read_bytes()
    spoil(monkeypatch, "  done: 4\n", "  done: -4\n")
    with pytest.raises(KexieError, match="未通过校验"):
        save_update(plan_file, request("7.1", done="4"))
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_write_failing_at_any_step_leaves_the_old_file_and_no_temporary(
    plan_file, monkeypatch, step
):
    before = plan_file.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if step == "write":
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _Failing(fd))
    else:
        monkeypatch.setattr(os, step, fail)
    with pytest.raises(KexieError, match="文件未改动"):
        save_update(plan_file, request("7.1", add="1"))
    assert plan_file.read_bytes() == before
    assert [p.name for p in plan_file.parent.iterdir()] == [
        plan_file.name,
        f".{plan_file.name}.lock",
    ]


class _Failing:
    """A file object whose write fails half-way, as on a full disk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        os.write(self.fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")


def test_a_cache_failing_after_the_write_is_no_failure(plan_file, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(13, "Permission denied")

    before = done(plan_file, 7)
    monkeypatch.setattr(cache.pickle, "dumps", refuse)
    recorded = save_update(plan_file, request("7.1", add="1"))
    assert recorded.task.targets[0].done == before + 1
    monkeypatch.undo()
    monkeypatch.setattr(cache, "_read", {})
    assert done(plan_file, 7) == before + 1  # the old entry is not served


# ---- save_updates: several updates, one write ----------------------------------------------


@pytest.mark.parametrize("cached", [True, False])
def test_several_updates_land_in_one_write_as_one_after_another_would(
    plan_file, tmp_path, monkeypatch, cached
):
    one_by_one = tmp_path / "one_by_one.yaml"
    shutil.copy(plan_file, one_by_one)
    if cached:
        load_file(plan_file)
    else:
        monkeypatch.setattr(cache, "get", lambda path: None)
    updates = [
        request("7.1", done="4"),
        request("7", note="已推荐4人", problem="名额少"),
        request("8.1", add="2"),
        request("7.1", add="1"),
    ]
    writes = []
    real = save.write_atomic
    monkeypatch.setattr(save, "write_atomic", lambda *a: writes.append(a) or real(*a))
    plan = save.save_updates(plan_file, updates)
    assert len(writes) == 1
    for update in updates:
        save_update(one_by_one, update)
    assert plan_file.read_bytes() == one_by_one.read_bytes()
    assert done(plan_file, 7) == 5 and done(plan_file, 8) == 2
    assert next(t for t in plan.tasks if t.id == 7).targets[0].done == 5


def test_one_refused_update_among_several_writes_nothing(plan_file):
    before = plan_file.read_bytes()
    with pytest.raises(KexieError, match="没有任务 999"):
        save.save_updates(plan_file, [request("7.1", done="4"), request("999", done="1")])
    assert plan_file.read_bytes() == before


def test_no_updates_writes_nothing(plan_file):
    before = plan_file.stat().st_mtime_ns
    save.save_updates(plan_file, [])
    assert plan_file.stat().st_mtime_ns == before
