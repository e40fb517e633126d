"""The plan cache is never served stale and never breaks a command."""

import multiprocessing
import os
import shutil

import pytest

from kexie_cli.plans import cache
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

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
    """Forget what this process has read or written (its in-memory memos of the cache)."""
    monkeypatch.setattr(cache, "_memo", {})


def done_of(path):
    plan, problems = load_file(path)
    assert problems == []
    return plan.tasks[0].targets[0].done


def test_second_load_is_served_from_the_cache(write):
    path = write("plan.yaml", PLAN)
    first, _ = load_file(path)
    assert cache.entry_path(path).exists()
    assert cache.get(path, path.read_bytes()) == first
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


def test_an_edit_that_breaks_the_file_is_reported_not_hidden_by_the_cache(write):
    path = write("plan.yaml", PLAN)
    done_of(path)
    path.write_text(PLAN.replace("done: 3", "done: -3"), encoding="utf-8")
    plan, problems = load_file(path)
    assert plan is None and "targets[1].done" in str(problems[0])


def test_a_corrupt_entry_is_rebuilt_silently(write):
    path = write("plan.yaml", PLAN)
    done_of(path)
    entry = cache.entry_path(path)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    assert done_of(path) == 3
    assert cache.get(path, path.read_bytes()) is not None  # rebuilt
    entry.write_bytes(entry.read_bytes()[:50])  # truncated
    assert done_of(path) == 3
    entry.write_bytes(entry.read_bytes()[:-20])  # the tasks' text cut short
    assert done_of(path) == 3
    entry.write_bytes(b"")  # empty: a file that cannot be memory-mapped
    assert done_of(path) == 3
    assert cache.get(path, path.read_bytes()) is not None


def test_an_unwritable_cache_is_no_error(write, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KEXIE_CACHE", str(blocker / "cache"))
    path = write("plan.yaml", PLAN)
    assert done_of(path) == 3
    assert done_of(path) == 3


def _hammer(path, count):
    data = path.read_bytes()
    plan, _ = load_file(path)
    for _ in range(count):
        cache.put(path, data, plan)
        assert cache.get(path, data) is not None


def test_two_processes_writing_one_entry_leave_a_whole_one(tmp_path):
    path = tmp_path / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_hammer, args=(path, 30)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0, 0]
    assert len(cache.get(path, path.read_bytes()).tasks) == 40
    assert [p.name for p in cache.cache_dir().iterdir() if p.suffix == ".tmp"] == []


def test_an_entry_written_by_other_code_is_not_read(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    done_of(path)
    data = path.read_bytes()
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + " (other code)")
    as_a_new_process(monkeypatch)
    assert cache.get(path, data) is None  # the entry's format no longer matches
    assert done_of(path) == 3  # rebuilt silently


def test_the_format_changes_with_the_record_classes():
    assert cache.FORMAT.startswith("kexie-plan-cache 7 ")
    assert len(cache.FORMAT.split()) == 4  # name, version, kexie version, source digest


def test_a_settled_file_is_served_by_its_stat_without_being_read(write, monkeypatch):
    import kexie_cli.plans.load as catalog

    path = write("plan.yaml", PLAN)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # as if the file had been untouched a while
    assert done_of(path) == 3  # parsed; cached with its stat
    as_a_new_process(monkeypatch)

    def unread(*_):
        raise AssertionError("the file should not be read")

    monkeypatch.setattr(catalog, "read_bytes", unread)
    monkeypatch.setattr(catalog, "file_digest", unread)
    assert done_of(path) == 3


def test_a_fresh_file_is_recognised_by_its_digest_without_being_held_whole(write, monkeypatch):
    import kexie_cli.plans.load as catalog

    path = write("plan.yaml", PLAN)
    assert done_of(path) == 3  # parsed; cached without its stat (the file is fresh)
    as_a_new_process(monkeypatch)
    read = catalog.read_bytes
    monkeypatch.setattr(catalog, "read_bytes", lambda _: pytest.fail("read whole"))
    assert done_of(path) == 3  # by its size and digest, read a piece at a time
    path.write_text(PLAN.replace("done: 3", "done: 5"), encoding="utf-8")
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(catalog, "read_bytes", read)  # an edit: read whole and parsed again
    assert done_of(path) == 5


def test_a_settled_stat_never_hides_a_later_same_size_edit(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    assert done_of(path) == 3
    stat = path.stat()
    path.write_text(PLAN.lstrip().replace("done: 3", "done: 4"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and mtime; ctime moves
    as_a_new_process(monkeypatch)
    assert done_of(path) == 4


def test_a_fresh_file_is_not_trusted_by_its_stat(write):
    path = write("plan.yaml", PLAN)
    done_of(path)
    assert cache.settled(cache.file_stamp(path)) is False  # written just now
    assert cache.get_unread(path, cache.file_stamp(path)) is None  # the entry keeps no stat


def test_a_brief_plan_is_the_whole_less_the_tasks_text(write):
    path = write(
        "plan.yaml",
        PLAN.replace(
            "  targets:", "  content: 开展学习\n  measures: [每月一次]\n  note: 备注\n  targets:"
        ),
    )
    whole, _ = load_file(path)
    short, _ = load_file(path, text=False)  # from the entry just written
    assert (whole.tasks[0].content, whole.tasks[0].measures, whole.tasks[0].note) == (
        "开展学习",
        ["每月一次"],
        "备注",
    )
    assert (short.tasks[0].content, short.tasks[0].measures, short.tasks[0].note) == ("", [], None)
    assert short.tasks[0].targets == whole.tasks[0].targets and short.plan == whole.plan


def test_a_brief_plan_is_read_from_the_entry_and_never_stale(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    load_file(path)
    as_a_new_process(monkeypatch)
    short, _ = load_file(path, text=False)
    assert short.tasks[0].targets[0].done == 3
    assert (cache.entry_path(path), False) in cache._memo  # read from the entry, not parsed
    path.write_text(PLAN.replace("done: 3", "done: 4"), encoding="utf-8")  # same size
    as_a_new_process(monkeypatch)
    short, _ = load_file(path, text=False)
    assert short.tasks[0].targets[0].done == 4
    whole, _ = load_file(path)
    assert whole.tasks[0].targets[0].done == 4


def test_a_points_plan_is_whole_with_or_without_text():
    plan, _ = load_file(DATA / "2019_points.yaml")
    again, _ = load_file(DATA / "2019_points.yaml", text=False)
    assert again == plan


def test_the_tasks_text_comes_back_whole_from_the_entry(write, monkeypatch):
    path = write(
        "plan.yaml",
        PLAN.replace(
            "  targets:", "  content: 开展学习\n  measures: [每月一次, 每季一次]\n  targets:"
        ),
    )
    parsed, _ = load_file(path)
    as_a_new_process(monkeypatch)
    cached, _ = load_file(path)
    assert (cache.entry_path(path), True) in cache._memo  # read from the entry, not parsed
    assert cached == parsed and cached.tasks[0].measures == ["每月一次", "每季一次"]


def _tasks_plan(count):
    tasks = "".join(
        f"- id: {n}\n  due: 2025.12\n  content: 第{n}项\n  measures: [措施{n}]\n"
        f"  targets:\n  - name: 学习\n    target: 12\n    done: {n}\n  note: 备注{n}\n"
        for n in range(1, count + 1)
    )
    return f"plan:\n  title: 测试清单\n  year: 2025\ntasks:\n{tasks}"


def tasks_written_anew(monkeypatch):
    """The ids of the tasks the cache writes anew from here on (not copied from its entry)."""
    copied = []
    real = cache._without_text
    monkeypatch.setattr(cache, "_without_text", lambda task: copied.append(task.id) or real(task))
    return copied


def test_progress_rewrites_only_the_chunk_of_its_task(write, monkeypatch):
    from typer.testing import CliRunner

    from kexie_cli.cli import app
    from kexie_cli.plans.load import load_text

    monkeypatch.setattr(cache, "CHUNK", 2)  # five tasks: chunks of 2, 2 and 1
    path = write("plan.yaml", _tasks_plan(5))
    load_file(path)
    copied = tasks_written_anew(monkeypatch)
    args = ["progress", "3.1", "--add", "1", "--date", "2025-06-30", "--data", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert copied == [3, 4]  # the chunk of task 3, made again; the others copied as they were
    as_a_new_process(monkeypatch)
    cached, _ = load_file(path)
    assert (cache.entry_path(path), True) in cache._memo  # read from the entry, not parsed
    fresh, _ = load_text(path.read_text(encoding="utf-8"), path)
    assert cached == fresh and cached.tasks[2].targets[0].done == 4


def test_parts_are_never_copied_from_an_entry_replaced_since_it_was_read(write, monkeypatch):
    monkeypatch.setattr(cache, "CHUNK", 2)
    path = write("plan.yaml", _tasks_plan(5))
    plan, _ = load_file(path)
    entry = cache.entry_path(path)
    entry.write_bytes(entry.read_bytes())  # another process's entry now: a new stat
    copied = tasks_written_anew(monkeypatch)
    cache.put(path, path.read_bytes(), plan, previous=plan)
    assert copied == [1, 2, 3, 4, 5]  # every chunk made again
    as_a_new_process(monkeypatch)
    assert load_file(path)[0] == plan


def test_loading_an_entry_leaves_the_collector_as_it_was(write, monkeypatch):
    import gc

    path = write("plan.yaml", PLAN)
    load_file(path)
    assert gc.isenabled()
    as_a_new_process(monkeypatch)
    load_file(path)  # from the entry
    assert gc.isenabled()
    gc.disable()  # as the console script runs a command
    try:
        as_a_new_process(monkeypatch)
        load_file(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_text_is_read_for_the_tasks_asked_for_only(write, monkeypatch):
    path = write("plan.yaml", _tasks_plan(5))
    whole, _ = load_file(path)
    as_a_new_process(monkeypatch)
    short, _ = load_file(path, text=False)
    assert [t.content for t in short.tasks] == [""] * 5
    cache.add_text([short.tasks[1], short.tasks[3]])
    assert [t.content for t in short.tasks] == ["", "第2项", "", "第4项", ""]
    assert short.tasks[3] == whole.tasks[3] and short.tasks[3].measures == ["措施4"]
    cache.add_text(short.tasks)  # the rest; those that have their text are left as they are
    assert short == whole
    cache.add_text(whole.tasks)  # a plan read whole: nothing to add
    assert short == whole


def test_records_from_an_entry_hold_attributes_of_their_own(write, monkeypatch):
    path = write("plan.yaml", _tasks_plan(3))
    parsed, _ = load_file(path)
    as_a_new_process(monkeypatch)
    cached, _ = load_file(path)
    assert cached == parsed and cached is not parsed
    first, second = cached.tasks[0], cached.tasks[1]
    assert vars(first) is not vars(second)
    vars(first)["note"] = "改"  # as the cache fills a task's text in place
    assert second.note == "备注2" and cached.tasks[2].targets[0].done == 3


def _whole_and_brief(write, monkeypatch):
    """A five-task plan in chunks of two, as parsed and as read again without its text."""
    monkeypatch.setattr(cache, "CHUNK", 2)
    path = write("plan.yaml", _tasks_plan(5))
    whole, _ = load_file(path)
    as_a_new_process(monkeypatch)
    short, _ = load_file(path, text=False)
    return path, whole, short


def test_a_task_s_note_is_read_only_when_asked_for(write, monkeypatch):
    path, whole, short = _whole_and_brief(write, monkeypatch)
    cache.add_text(short.tasks[:3], note=False)
    assert [(t.content, t.note) for t in short.tasks[:4]] == [
        ("第1项", None),
        ("第2项", None),
        ("第3项", None),
        ("", None),
    ]
    cache.add_text(short.tasks[:3], note=False)  # asked again: nothing more, nothing lost
    assert short.tasks[2].measures == ["措施3"] and short.tasks[2].note is None
    cache.add_text(short.tasks[1:4])  # the notes of two with their body, one with neither
    assert short.tasks[1:4] == whole.tasks[1:4]
    assert short.tasks[0].note is None
    entry = cache.entry_path(path)
    entry.write_bytes(entry.read_bytes())  # replaced by another process: nothing to copy
    cache.put(path, path.read_bytes(), short, previous=short)  # every chunk written anew
    assert short == whole  # the missing notes read before the tasks were written
    as_a_new_process(monkeypatch)
    assert load_file(path)[0] == whole


def test_a_file_settled_since_it_was_cached_is_cached_again_by_its_stat_text_and_all(
    write, monkeypatch
):
    import kexie_cli.plans.load as catalog

    monkeypatch.setattr(cache, "CHUNK", 2)
    path = write("plan.yaml", _tasks_plan(5))
    whole, _ = load_file(path)  # a fresh file: cached without its stat
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # and now settled
    as_a_new_process(monkeypatch)
    copied = tasks_written_anew(monkeypatch)
    short, _ = load_file(path, text=False)  # read without the text, and cached again
    assert short.tasks[0].content == ""
    assert copied == []  # every part copied from the entry as it was
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(catalog, "read_bytes", lambda _: pytest.fail("the file was read"))
    again, _ = load_file(path)  # by the stat now, with the text the copied parts kept
    assert again == whole


def test_tasks_read_without_their_text_are_written_with_it(write, monkeypatch):
    path, whole, short = _whole_and_brief(write, monkeypatch)
    entry = cache.entry_path(path)
    entry.write_bytes(entry.read_bytes())  # replaced by another process: nothing to copy
    cache.put(path, path.read_bytes(), short, previous=short)  # written anew, every chunk
    assert short == whole  # each task's text read from the entry it came from
    as_a_new_process(monkeypatch)
    assert load_file(path)[0] == whole


def test_bytes_of_a_settled_file_are_not_hashed_when_its_stat_vouches(write, monkeypatch):
    path = write("plan.yaml", PLAN)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    assert done_of(path) == 3  # cached with its stat
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(cache, "digest", lambda _: pytest.fail("hashed"))
    assert cache.get(path, path.read_bytes()).tasks[0].targets[0].done == 3
