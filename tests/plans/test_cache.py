"""The plan cache is never served stale and never breaks a command: behaviour, not layout."""

import datetime as dt
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.plans import cache
from kexie_cli.plans import load as loader
from kexie_cli.plans.load import load_file
from tests.conftest import DATA
from tests.sample_plans import RECORD, sample_data

PLAN = """
plan:
  title: 测试清单
  year: 2025
tasks:
- id: 1
  due: 2025.12
  targets:
  - name: 学习
    target: 12
    done: 3
"""


def as_a_new_process(monkeypatch):
    """Forget the entries this process has read or written."""
    monkeypatch.setattr(cache, "_read", {})


def later(monkeypatch, seconds: float = 3) -> None:
    """Let the cache's clock run `seconds` ahead, as if the files had been left alone since."""
    ahead = int(seconds * 1e9)
    monkeypatch.setattr(cache, "time", SimpleNamespace(time_ns=lambda: time.time_ns() + ahead))


def not_parsed(monkeypatch):
    monkeypatch.setattr(loader, "load_text", lambda *a: pytest.fail("parsed, not cached"))


def done_of(path):
    plan, problems = load_file(path)
    assert problems == []
    return plan.tasks[0].targets[0].done


def test_second_load_is_served_from_the_cache(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    first, _ = load_file(path)
    as_a_new_process(monkeypatch)
    not_parsed(monkeypatch)
    second, _ = load_file(path)
    assert second == first


def test_a_same_size_edit_by_hand_is_never_served_stale(write):
    path = write("plan.yaml", PLAN)
    assert done_of(path) == 3
    stat = path.stat()
    path.write_text(PLAN.lstrip().replace("done: 3", "done: 4"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert path.stat().st_size == stat.st_size
    assert done_of(path) == 4


def test_a_settled_file_edited_by_hand_is_never_served_stale(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    later(monkeypatch)
    assert done_of(path) == 3  # cached with the file's settled stat
    stat = path.stat()
    path.write_text(PLAN.lstrip().replace("done: 3", "done: 4"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    as_a_new_process(monkeypatch)
    assert done_of(path) == 4  # its change time moved on: the stat no longer vouches


def test_a_settled_file_is_served_without_being_read(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    later(monkeypatch)
    first, _ = load_file(path)
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(loader, "read_bytes", lambda p: pytest.fail("read, not served"))
    assert load_file(path) == (first, [])


def test_a_file_settled_since_it_was_cached_is_served_by_its_stat_next(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    first, _ = load_file(path)  # fresh: cached by its bytes only
    later(monkeypatch)
    as_a_new_process(monkeypatch)
    assert load_file(path) == (first, [])  # recognised by its bytes, the stat recorded now
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(loader, "read_bytes", lambda p: pytest.fail("read, not served"))
    assert load_file(path) == (first, [])


def test_an_edit_that_breaks_the_file_is_reported_not_hidden_by_the_cache(write):
    path = write("plan.yaml", PLAN)
    done_of(path)
    path.write_text(PLAN.replace("done: 3", "done: -3"), encoding="utf-8")
    plan, problems = load_file(path)
    assert plan is None and "targets[1].done" in str(problems[0])


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """A copy of the shipped list, its plan as read without a cache, and its entry's bytes."""
    folder = tmp_path_factory.mktemp("shipped")
    path = folder / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    fresh, problems = loader.load_text(path.read_text(encoding="utf-8"), path)
    assert not problems
    cache.put(path, path.read_bytes(), fresh, None)
    return path, fresh, cache.entry_path(path).read_bytes()


def served_after_damage(path, damaged: bytes):
    cache.entry_path(path).parent.mkdir(parents=True, exist_ok=True)
    cache.entry_path(path).write_bytes(damaged)
    cache._read.clear()  # as a new process
    return load_file(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.floats(0, 1, exclude_max=True))
def test_an_entry_truncated_anywhere_is_rebuilt(shipped, cut):
    path, fresh, entry = shipped
    assert served_after_damage(path, entry[: int(cut * len(entry))]) == (fresh, [])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_an_entry_with_any_byte_changed_is_rebuilt(shipped, at, flip):
    path, fresh, entry = shipped
    damaged = bytearray(entry)
    damaged[int(at * len(entry))] ^= flip
    assert served_after_damage(path, bytes(damaged)) == (fresh, [])


@pytest.mark.parametrize(
    "foreign",
    [
        b"",
        b"\x80\x05not a pickle at all",
        pickle.dumps({"tasks": []}),
        pickle.dumps(("kexie-plan-cache 7", 1, "x", None, None)),
    ],
)
def test_a_foreign_entry_is_ignored(shipped, foreign):
    path, fresh, _ = shipped
    assert served_after_damage(path, foreign) == (fresh, [])


def test_an_entry_written_by_other_code_is_not_served(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + " (other code)")
    done_of(path)  # written in the other format
    monkeypatch.undo()
    monkeypatch.setenv("KEXIE_CACHE", str(cache.cache_dir()))
    as_a_new_process(monkeypatch)
    parsed = []
    real = loader.load_text
    monkeypatch.setattr(loader, "load_text", lambda *a: parsed.append(1) or real(*a))
    assert done_of(path) == 3 and parsed == [1]


def test_the_format_changes_with_any_source_of_the_package(tmp_path):
    """Not a hand list: an edit to any module (names.py decides validity, numbers.py how a
    figure reads) makes every entry of the old code unservable; bytecode does not count."""
    package = Path(cache.__file__).parent.parent
    copy = tmp_path / "kexie_cli"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache._format(copy)
    assert before == cache._format(copy)
    (copy / "core" / "__pycache__").mkdir()
    (copy / "core" / "__pycache__" / "names.cpython-311.pyc").write_bytes(b"x")
    assert cache._format(copy) == before
    for module in ("core/names.py", "core/numbers.py", "output/table.py"):
        path = copy / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        after = cache._format(copy)
        assert after != before, module
        before = after


def test_the_format_names_kexie_and_python():
    from kexie_cli import __version__

    assert f" {__version__} " in cache.FORMAT and sys.version in cache.FORMAT


def test_an_unwritable_cache_is_no_error(write, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KEXIE_CACHE", str(blocker / "cache"))
    path = write("plan.yaml", PLAN)
    assert done_of(path) == 3
    assert done_of(path) == 3


def test_a_plan_that_will_not_pickle_is_simply_not_cached(write, monkeypatch):
    def refuse(*args, **kwargs):
        raise pickle.PicklingError("no")

    monkeypatch.setattr(cache.pickle, "dumps", refuse)
    path = write("plan.yaml", PLAN)
    assert done_of(path) == 3
    assert not cache.entry_path(path).exists()


def test_cache_dir_follows_kexie_cache_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KEXIE_CACHE", str(tmp_path / "k"))
    assert cache.cache_dir() == tmp_path / "k"
    monkeypatch.delenv("KEXIE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x" / "kexie"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert cache.cache_dir() == tmp_path / "h" / ".cache" / "kexie"


HAMMER = """
import sys
from pathlib import Path
from kexie_cli.plans import cache
from kexie_cli.plans.load import load_text
path = Path(sys.argv[1])
data = path.read_bytes()
plan, _ = load_text(data.decode(), path)
for _ in range(int(sys.argv[2])):
    cache.put(path, data, plan, None)
"""


def test_two_processes_writing_one_entry_leave_a_whole_one(tmp_path, monkeypatch):
    path = tmp_path / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    command = [sys.executable, "-c", HAMMER, str(path), "30"]
    writers = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    as_a_new_process(monkeypatch)
    not_parsed(monkeypatch)
    plan, problems = load_file(path)
    assert not problems and len(plan.tasks) == 40
    assert [p.name for p in cache.cache_dir().iterdir() if p.suffix == ".tmp"] == []


# The year of the 督办 record, with a request for more time left last and unanswered (task 4).
RECORDED = RECORD.replace(
    "  - {date: '2025-06-30', kind: report, problem: 经费未到位}\n",
    "  - {date: '2025-06-30', kind: report, problem: 经费未到位}\n"
    "  - {date: '2025-07-20', kind: request, due_after: '2025.10', reason: 经费未到位}\n",
)
# Before some tasks' last entries (their entries replayed), on one, and after all.
RECORD_DATES = ("2025-06-30", "2025-07-20", "2025-12-31")


def test_a_plan_with_a_record_served_from_the_cache_answers_as_read_fresh(write, monkeypatch):
    from kexie_cli.core import record, status

    assert RECORDED != RECORD
    path = write("2025_tasks.yaml", RECORDED)
    fresh, problems = loader.load_text(path.read_text(encoding="utf-8"), path)
    assert not problems
    load_file(path)  # cached
    as_a_new_process(monkeypatch)
    not_parsed(monkeypatch)
    served, _ = load_file(path)
    for as_of in (None, *(dt.date.fromisoformat(d) for d in RECORD_DATES)):
        for task, again in zip(fresh.tasks, served.tasks, strict=True):
            assert record.said_by(again, as_of) == record.said_by(task, as_of)
            assert record.extensions(again, as_of) == record.extensions(task, as_of)
            assert record.pending_requests(again, as_of) == record.pending_requests(task, as_of)
            assert record.completed_on(again, as_of) == record.completed_on(task, as_of)
            if as_of is not None:
                state = status.task_state(again, served.start, as_of)
                assert state == status.task_state(task, fresh.start, as_of)
    assert served == fresh  # every entry read back as written
    four = served.tasks[3]
    assert [r.reason for r in record.pending_requests(four)] == ["经费未到位"]


def test_list_report_and_show_from_the_cache_print_what_a_fresh_read_prints(tmp_path, monkeypatch):
    """Run as separate processes would: first with no cache at all, then once to fill it, then
    each command served from it — the same JSON, the record's answers included."""
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    data = sample_data(tmp_path, RECORDED)
    plan_path = data / "2025_tasks.yaml"
    runs = [
        *(("list", "--as-of", d) for d in RECORD_DATES),
        *(("report", "--as-of", d) for d in RECORD_DATES),
        *(("show", str(i), "--as-of", d) for i in (1, 4, 5) for d in RECORD_DATES),
    ]

    def kexie(args):
        as_a_new_process(monkeypatch)
        result = CliRunner().invoke(app, [*args, "--data", str(data), "--format", "json"])
        assert result.exit_code == 0, result.output
        return result.stdout

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KEXIE_CACHE", str(blocker / "cache"))  # no cache: every run parses
    uncached = [kexie(args) for args in runs]
    monkeypatch.setenv("KEXIE_CACHE", str(tmp_path / "cache"))
    kexie(runs[0])
    assert cache.entry_path(plan_path).exists()
    not_parsed(monkeypatch)
    assert [kexie(args) for args in runs] == uncached

    listed = {t["id"]: t for t in json.loads(uncached[2])}  # list at the year's end
    one = listed[1]
    assert one["latest"]["note"] == "已发展会员60人" and one["completed_on"] == "2025-08-15"
    assert [c["by"] for c in one["comments"]] == ["郑昌盛"] and len(one["extensions"]) == 1
    assert [t["completed_on"] for t in listed.values()] == [
        "2025-08-15", "2025-07-10", "2025-06-20", None, None,
    ]  # fmt: skip
    year_end = json.loads(uncached[5])
    assert [(r["id"], r["reason"]) for r in year_end["pending_requests"]] == [(4, "经费未到位")]
    shown = json.loads(uncached[len(RECORD_DATES) * 2 + 2])  # show 1 at the year's end
    assert shown["id"] == 1 and len(shown["history"]) == 6
    assert [h["kind"] for h in shown["history"]] == [
        "figure", "extension", "comment", "report", "figure", "figure",
    ]  # fmt: skip


def test_a_comment_recorded_on_a_cached_plan_is_in_the_next_cached_list(tmp_path, monkeypatch):
    """The task changed gets a new standing, the others keep theirs: a list served from the
    entry the update wrote is the list read fresh."""
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    data = sample_data(tmp_path, RECORDED)

    def kexie(*args):
        as_a_new_process(monkeypatch)
        result = CliRunner().invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 0, result.output
        return result.stdout

    listing = ("list", "--as-of", "2025-12-31", "--format", "json")
    kexie(*listing)  # cached
    kexie("comment", "4", "加快经费落实", "--by", "李麟", "--date", "2025-08-01")
    with monkeypatch.context() as served:
        not_parsed(served)
        cached = kexie(*listing)
    four = {t["id"]: t for t in json.loads(cached)}[4]
    assert [c["comment"] for c in four["comments"]] == ["加快经费落实"]
    assert four["history"][-1]["kind"] == "comment"
    shutil.rmtree(cache.cache_dir())
    assert kexie(*listing) == cached  # read fresh
