"""`kexie progress` through the real CLI: updates land, refusals write nothing, the file stays
the user's (comments, order, minimal diff), two writers both land, a kill leaves a valid file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.controls import is_blank
from kexie_cli.core.models import TasksPlan
from kexie_cli.plans import save as save_module
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

TODAY = dt.date.today().isoformat()  # an entry typed today for an earlier date came in today

runner = CliRunner()

PLAN = """
# 测试清单：人工维护，注释须保留
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'

tasks:
# 一、第一部分
- id: 1
  due: '2025.12'
  content: 无可计数的任务
  targets: []

- id: 13
  due: "2025.12"   # 年底
  targets:
  - name: 公民科学素质比例
    target: 16
    unit: '%'
    done: 12
  - name: 科普讲座场次
    unit: 场
    target: 20
    done: 5
- id: 20
  due: 2025.6
  targets:
  - name: 科协讲堂
    target: 4
    unit: 期
"""

# A loop of updates in one process, each through the CLI's own entry point.
LOOP = """
import sys
from kexie_cli.cli import app
for _ in range(int(sys.argv[1])):
    try:
        app(sys.argv[2:], prog_name="kexie")
    except SystemExit as exc:
        if exc.code:
            raise
"""


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def run(path: Path, *args: str):
    return runner.invoke(app, ["progress", *args, "--data", str(path)])


def load(path: Path) -> TasksPlan:
    plan, problems = load_file(path)
    assert not problems, problems
    assert isinstance(plan, TasksPlan)
    return plan


def task(path: Path, task_id: int):
    return next(t for t in load(path).tasks if t.id == task_id)


def test_done_sets_the_count_and_prints_the_new_state(plan_file):
    result = run(plan_file, "13", "--target", "1", "--done", "14", "--date", "2025-02-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 13 公民科学素质比例：14 / 16 %（87.5%）进行中\n"
    assert result.stderr == ""
    updated = task(plan_file, 13)
    assert updated.targets[0].done == 14
    entry = updated.history[-1]
    assert (entry.target, entry.before, entry.after, str(entry.date)) == (1, 12, 14, "2025-02-01")


def test_add_adds_and_n_dot_k_picks_the_target(plan_file):
    assert run(plan_file, "13.2", "--add", "3").exit_code == 0
    assert run(plan_file, "13", "--target", "场次", "--add", "2.5").exit_code == 0
    updated = task(plan_file, 13)
    assert updated.targets[1].done == 10.5
    assert [(h.before, h.after) for h in updated.history] == [(5, 8), (8, 10.5)]


def test_only_target_needs_no_target_and_a_missing_count_starts_at_zero(plan_file):
    result = run(plan_file, "20", "--add", "6", "--date", "2025-03-01", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["key"], data["done"], data["target"]) == (20, 1, 6, 4)
    assert data["percent"] == 150.0  # above the target is allowed, shown above 100%
    assert data["status"] == "done"
    assert task(plan_file, 20).targets[0].done == 6


def test_status_marks_a_task_with_note_by_and_date(plan_file):
    args = ["1", "--status", "done", "--note", "已验收: 见会议纪要", "--by", "张三"]
    result = run(plan_file, *args, "--date", "2025-05-20")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 1：已完成；已登记进展情况（2025-05-20）\n"
    marked = task(plan_file, 1)
    assert marked.status.value == "done"
    mark, report = marked.history[-2:]
    assert (mark.status.value, mark.status_before, mark.by, mark.note) == (
        "done",
        None,
        "张三",
        None,
    )
    assert (report.kind.value, report.note, report.by) == ("report", "已验收: 见会议纪要", "张三")
    assert run(plan_file, "1", "--status", "in_progress").exit_code == 0
    assert task(plan_file, 1).history[-1].status_before.value == "done"


def test_status_and_count_together_make_two_entries(plan_file):
    result = run(plan_file, "13.1", "--done", "16", "--status", "done")
    assert result.exit_code == 0, result.output
    history = task(plan_file, 13).history
    assert [(h.target, h.status) for h in history] == [(1, None), (None, "done")]


def test_history_drives_the_state_on_an_earlier_date(plan_file):
    from kexie_cli.core.status import task_state

    run(plan_file, "13.1", "--done", "13", "--date", "2025-03-31")
    run(plan_file, "13.1", "--done", "15", "--date", "2025-06-30")
    plan = load(plan_file)
    updated = next(t for t in plan.tasks if t.id == 13)
    days = {
        "before": dt.date(2025, 3, 1),
        "march": dt.date(2025, 4, 15),
        "june": dt.date(2025, 7, 1),
    }
    done_on = {
        name: task_state(updated, plan.start, day).targets[0].done for name, day in days.items()
    }
    assert done_on == {"before": 12, "march": 13, "june": 15}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["13", "--done", "1"],
            "任务 13 有 2 项指标，请用 --target K 或写成 13.K 指明：1 公民科学素质比例；2 科普讲座场次",
        ),
        (["99", "--done", "1"], "没有任务 99"),
        (["13.3", "--done", "1"], "任务 13 没有指标 3"),
        (["13", "--target", "经费", "--done", "1"], "不匹配任何指标"),
        (["13.1", "--done", "-1"], "--done 的值不能为负数"),
        (["13.1", "--add", "abc"], "--add 的值 'abc' 不是数字"),
        (["13.1", "--done", "nan"], "不是有限的数字"),
        (["13.1", "--done", "inf"], "不是有限的数字"),
        (["13.1", "--done", "2e12"], "任务 13 的完成数 2000000000000 超过上限 1e+12"),
        (["13.1", "--add", "1e12"], "任务 13 的完成数 1000000000012 超过上限 1e+12"),
        (["13.1", "--done", "1", "--date", "2025-02-30"], "--date 的值 '2025-02-30' 不是日期"),
        (["13.1", "--done", "1", "--date", "6月30日"], "不是日期"),
        (["13.1", "--done", "1", "--add", "1"], "--done 与 --add 不能同时使用"),
        (["1", "--done", "1"], "任务 1 没有可计数的指标"),
        (["13.1"], "没有要登记的内容"),
        (["13", "--status", "finished"], "--status 的值 'finished' 无效"),
        (["x", "--done", "1"], "任务编号 'x' 无效"),
        (["13.1", "--done", "1", "--format", "xml"], "--format"),
        (["13.1", "--done", "1", "--plan", "2030"], "没有 2030 年的计划"),
    ],
)
def test_refusals_exit_2_with_one_line_and_leave_the_file_byte_identical(plan_file, args, words):
    before = plan_file.read_bytes()
    result = run(plan_file, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("kexie: ")
    assert words in result.stderr
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in plan_file.parent.iterdir() if not p.name.endswith(".lock")) == [
        plan_file.name
    ]


def spoil(old: str, new: str):
    """An editor that makes the real edit, then replaces `old` by `new` inside the item."""
    real = save_module.edit_item

    def edit(data, change):
        done = real(data, change)
        item = done.text[done.start : done.end].replace(old, new)
        text = done.text[: done.start] + item + done.text[done.end :]
        return dataclasses.replace(done, text=text, end=done.start + len(item))

    return edit


def line_of(path: Path, words: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(words) + 1


def whole_validations(monkeypatch) -> list[str]:
    """The texts save_update validates whole, as they are validated."""
    seen: list[str] = []
    real = save_module.load_text

    def spy(text, path):
        seen.append(text)
        return real(text, path)

    monkeypatch.setattr(save_module, "load_text", spy)
    return seen


def test_an_item_checked_alone_that_would_not_validate_is_not_written(plan_file, monkeypatch):
    before = plan_file.read_bytes()
    line = line_of(plan_file, "    target: 16")
    monkeypatch.setattr(save_module, "edit_item", spoil("target: 16", "target: -16"))
    whole = whole_validations(monkeypatch)
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "更新后的内容未通过校验" in result.stderr
    assert f"{plan_file}:{line}: 任务 13：targets[1].target：应大于 0" in result.stderr
    assert "文件未改动" in result.stderr
    assert plan_file.read_bytes() == before
    assert whole == []  # the plan came from the cache: the item alone was checked


def test_an_item_that_no_longer_parses_is_reported_at_its_line_in_the_file(plan_file, monkeypatch):
    before = plan_file.read_bytes()
    line = line_of(plan_file, "    unit: 场")
    monkeypatch.setattr(save_module, "edit_item", spoil("unit: 场", "unit: [场"))
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert f"{plan_file}:{line + 1}:" in result.stderr  # where the parser notices
    assert "格式错误" in result.stderr
    assert plan_file.read_bytes() == before


def test_a_key_written_twice_in_the_item_is_refused_with_both_lines_in_the_file(
    plan_file, monkeypatch
):
    before = plan_file.read_bytes()
    line = line_of(plan_file, "    unit: 场")
    twice = spoil("    unit: 场\n", "    unit: 场\n    unit: 场\n")
    monkeypatch.setattr(save_module, "edit_item", twice)
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert f"{plan_file}:{line + 1}:" in result.stderr
    assert f"第 {line} 行已有" in result.stderr
    assert plan_file.read_bytes() == before


def test_a_history_entry_for_a_missing_target_in_the_item_is_refused(plan_file, monkeypatch):
    from kexie_cli.core.update import plan_change
    from kexie_cli.record_options import make_request

    before = plan_file.read_bytes()
    real = save_module.edit_item
    monkeypatch.setattr(save_module, "edit_item", spoil("target: 1\n", "target: 3\n"))
    result = run(plan_file, "13.1", "--done", "14", "--date", "2025-06-30")
    assert result.exit_code == 2
    plan = load(plan_file)
    change = plan_change(plan, make_request("13.1", done="14", date="2025-06-30"))
    edited = real(before.decode("utf-8"), change).text.splitlines()
    line = edited.index("  history:") + 4  # the new entry's `target:` line, 1-based
    assert edited[line - 1] == "    target: 1"
    assert f"{plan_file}:{line}: 任务 13：history[1].target：指标 3 不存在" in result.stderr
    assert plan_file.read_bytes() == before


def test_an_item_that_reads_back_wrong_is_not_written(plan_file, monkeypatch):
    before = plan_file.read_bytes()
    monkeypatch.setattr(save_module, "edit_item", spoil("before: 12", "before: 11"))
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert "与预期不符" in result.stderr
    assert plan_file.read_bytes() == before


def test_an_edit_outside_the_item_is_not_written(plan_file, monkeypatch):
    before = plan_file.read_bytes()
    real = save_module.edit_item

    def outside(data, change):
        done = real(data, change)
        return dataclasses.replace(done, text=done.text.replace("# ", "#", 1))

    monkeypatch.setattr(save_module, "edit_item", outside)
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert "更新改动了任务 13 以外的内容" in result.stderr
    assert plan_file.read_bytes() == before


def test_a_cache_miss_validates_the_whole_file_before_and_after(plan_file, monkeypatch):
    from kexie_cli.plans import cache

    monkeypatch.setattr(cache, "get", lambda path: None)
    whole = whole_validations(monkeypatch)
    assert run(plan_file, "13.1", "--done", "14").exit_code == 0
    assert whole[0] == PLAN.lstrip() and "done: 14" in whole[1] and len(whole) == 2
    assert task(plan_file, 13).targets[0].done == 14
    # A spoiled edit is then caught by the whole-file check.
    before = plan_file.read_bytes()
    monkeypatch.setattr(save_module, "edit_item", spoil("target: 16", "target: -16"))
    result = run(plan_file, "13.1", "--done", "15")
    assert result.exit_code == 2
    line = line_of(plan_file, "    target: 16")
    assert f"{plan_file}:{line}: 任务 13：targets[1].target：应大于 0" in result.stderr
    assert len(whole) == 4
    assert plan_file.read_bytes() == before


# Task 1 lends its lead to task 20; task 20 ends in a note.
ALIASED = PLAN.replace("- id: 1\n", "- id: 1\n  lead: &lead [办公室]\n") + "  note: 备注\n"


@pytest.mark.parametrize(
    ("text", "whole_checks"),
    [
        # U+2028 inside a quoted text is no structure: the item alone is enough.
        (ALIASED.replace("  note: 备注\n", "  note: 'a\u2028- id: 99'\n"), 0),
        # Unquoted, YAML reads it as a line break: task 99 is an item the scan does not count.
        (ALIASED.replace("  note: 备注\n", "  note: a\u2028- id: 99\u2028  due: '2025.12'\n"), 1),
        # An alias in the item that the item alone cannot resolve.
        (ALIASED.replace("- id: 13\n", "- id: 13\n  lead: *lead\n"), 1),
    ],
)
def test_the_whole_file_is_validated_when_the_item_alone_cannot_show_it_valid(
    write, monkeypatch, text, whole_checks
):
    path = write("2025_tasks.yaml", text)
    count = len(load(path).tasks)  # and the plan is cached
    whole = whole_validations(monkeypatch)
    assert run(path, "13.1", "--add", "1").exit_code == 0
    assert len(whole) == whole_checks
    assert all("after: 13" in text for text in whole)
    updated = load(path)
    assert (len(updated.tasks), updated.tasks[1].targets[0].done) == (count, 13)


def test_list_and_show_right_after_progress_show_the_new_count(plan_file):
    def shown() -> tuple[float, float]:
        args = ["--format", "json", "--data", str(plan_file)]
        listed = runner.invoke(app, ["list", *args])
        one = runner.invoke(app, ["show", "13", *args])
        assert listed.exit_code == 0 and one.exit_code == 0, listed.output + one.output
        row = next(t for t in json.loads(listed.stdout) if t["id"] == 13)
        return row["targets"][0]["done"], json.loads(one.stdout)["targets"][0]["done"]

    assert shown() == (12, 12)  # and the cache now holds the plan
    for count in (13, 14):
        assert run(plan_file, "13.1", "--add", "1").exit_code == 0
        assert shown() == (count, count)
    # A separate process reads the entry progress wrote.
    command = [sys.executable, "-m", "kexie_cli", "show", "13", "--format", "json"]
    out = subprocess.run([*command, "--data", str(plan_file)], capture_output=True, check=True)
    assert json.loads(out.stdout)["targets"][0]["done"] == 14


def test_a_failed_write_leaves_the_old_file_and_no_temporary(plan_file, monkeypatch):
    before = plan_file.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run(plan_file, "13.1", "--done", "14")
    assert result.exit_code == 2
    assert result.stderr.endswith("无法写入（磁盘已满）；文件未改动\n")
    assert plan_file.read_bytes() == before
    assert not [p for p in plan_file.parent.iterdir() if p.suffix == ".tmp"]


def test_comments_quotes_blank_lines_and_key_order_survive(plan_file):
    old = plan_file.read_text(encoding="utf-8")
    assert (
        run(plan_file, "13.2", "--add", "1", "--by", "李四", "--date", "2025-06-30").exit_code == 0
    )
    new = plan_file.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "-    done: 5",
        "+    done: 6",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    target: 2",
        "+    before: 5",
        "+    after: 6",
        "+    by: 李四",
    ]
    for kept in ("# 测试清单：人工维护，注释须保留", "# 一、第一部分", 'due: "2025.12"   # 年底'):
        assert kept in new


def test_minimal_git_diff_on_a_copy_of_the_shipped_list(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    path = repo / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "shipped"], check=True)
    shipped = load(path)
    busy = next(t for t in shipped.tasks if len(t.targets) > 1)
    key = len(busy.targets)
    before = int(busy.targets[key - 1].done)
    args = [f"{busy.id}.{key}", "--add", "2", "--note", "第二季度", "--date", "2025-06-30"]
    assert run(path, *args).exit_code == 0
    diff = subprocess.run(
        [*git, "diff", "-U0", "--no-color"], check=True, capture_output=True, text=True
    ).stdout
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == [
        f"-    done: {before}",
        f"+    done: {before + 2}",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        f"+    target: {key}",
        f"+    before: {before}",
        f"+    after: {before + 2}",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    kind: report",
        "+    note: 第二季度",
    ]
    hunks = [line for line in diff.splitlines() if line.startswith("@@")]
    assert len(hunks) == 2  # one for the count, one for the history
    # Every other task reads back exactly as shipped.
    after = load(path)
    assert [t for t in after.tasks if t.id != busy.id] == [
        t for t in shipped.tasks if t.id != busy.id
    ]


def _loop(path: Path, count: int, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-c", LOOP, str(count), "progress", *args, "--data", str(path)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_two_writers_both_land(plan_file):
    writers = [_loop(plan_file, 25, "13.2", "--add", "1", "--by", f"w{n}") for n in (1, 2)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    updated = task(plan_file, 13)
    assert updated.targets[1].done == 5 + 50
    assert len(updated.history) == 50
    # No update read a stale count: the afters are 6..55, each once, in file order.
    assert [h.after for h in updated.history] == list(range(6, 56))
    assert sorted(h.by for h in updated.history) == ["w1"] * 25 + ["w2"] * 25


# A `progress` that stops at one step of saving, says so on stdout and waits to be killed.
STOP_AT = """
import os, sys, tempfile
from kexie_cli.cli import app
from kexie_cli.plans import cache


point = sys.argv[1]


def stop():
    print(point, flush=True)
    sys.stdin.read()  # until killed


def hook(owner, name, when, after=False):
    real = getattr(owner, name)

    def hooked(*args, **kwargs):
        if when(*args, **kwargs) and not after:
            stop()
        result = real(*args, **kwargs)
        if when(*args, **kwargs) and after:
            stop()
        return result

    setattr(owner, name, hooked)


def plan_temp(*args, prefix="", **kwargs):
    return prefix.startswith(".")


def plan_replace(src, dst):
    return not str(dst).endswith(".pickle")


if point == "temp created":
    hook(tempfile, "mkstemp", plan_temp, after=True)
elif point == "temp written":
    hook(os, "fsync", lambda fd: True)
elif point == "before replace":
    hook(os, "replace", plan_replace)
elif point == "replaced, not cached":
    hook(os, "replace", plan_replace, after=True)
elif point == "entry written, not replaced":
    # the cache's first replace after the plan's (a stale cache is also rewritten on loading)
    plans_replaced = []

    def cache_after_plan(src, dst):
        if plan_replace(src, dst):
            plans_replaced.append(dst)
            return False
        return bool(plans_replaced)

    hook(os, "replace", cache_after_plan)
app(sys.argv[2:], prog_name="kexie")
"""


def check_counts(path: Path) -> int:
    """The task's count and history agree (written together or not at all); the count."""
    updated = task(path, 20)  # loads and validates, through the cache
    assert updated.targets[0].done == len(updated.history)
    assert [h.after for h in updated.history] == list(range(1, len(updated.history) + 1))
    return len(updated.history)


@pytest.mark.parametrize(
    ("point", "lands"),
    [
        ("temp created", False),
        ("temp written", False),
        ("before replace", False),
        ("replaced, not cached", True),
        ("entry written, not replaced", True),
    ],
)
def test_a_kill_at_each_step_of_saving_leaves_the_old_file_or_the_new(plan_file, point, lands):
    assert run(plan_file, "20", "--add", "1").exit_code == 0  # cached: the save alone writes
    before, count = plan_file.read_bytes(), check_counts(plan_file)
    command = [sys.executable, "-c", STOP_AT, point, "progress", "20", "--add", "1"]
    child = subprocess.Popen(
        [*command, "--data", str(plan_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    safety = threading.Timer(120, child.kill)  # only if the child never gets there
    safety.start()
    try:
        reached = child.stdout.readline().decode().strip()
    finally:
        child.kill()
        safety.cancel()
    _, err = child.communicate()
    assert reached == point, err.decode()
    assert (plan_file.read_bytes() != before) is lands
    assert check_counts(plan_file) == count + lands
    # Another process sees the same, cache and all; the next update clears the temporaries.
    shown = [sys.executable, "-m", "kexie_cli", "show", "20", "--format", "json"]
    out = subprocess.run([*shown, "--data", str(plan_file)], capture_output=True, check=True)
    assert json.loads(out.stdout)["targets"][0]["done"] == count + lands
    assert run(plan_file, "20", "--add", "1").exit_code == 0
    assert check_counts(plan_file) == count + lands + 1
    assert not list(plan_file.parent.glob("*.tmp"))


def test_a_kill_at_any_moment_leaves_a_valid_file(plan_file):
    """A writer updating in a loop is killed each time one more update has landed: wherever
    the kill falls in the next one, the file is valid and its counts agree."""
    landed = 0
    for _ in range(6):
        writer = _loop(plan_file, 10_000, "20", "--add", "1")
        deadline = time.monotonic() + 120  # a safety net only: the file decides when to kill
        while check_counts(plan_file) <= landed and writer.poll() is None:
            assert time.monotonic() < deadline, "no update landed"
            time.sleep(0.01)
        writer.send_signal(signal.SIGKILL)
        _, err = writer.communicate()
        assert writer.returncode == -signal.SIGKILL, err.decode()
        count = check_counts(plan_file)
        assert count > landed
        landed = count
    assert run(plan_file, "20", "--add", "1").exit_code == 0
    assert not list(plan_file.parent.glob("*.tmp"))


def test_the_written_plan_is_cached_for_the_next_command(plan_file):
    from kexie_cli.plans import cache

    assert run(plan_file, "13.1", "--add", "1").exit_code == 0
    from kexie_cli.plans.load import load_text

    data = plan_file.read_bytes()
    fresh, problems = load_text(data.decode("utf-8"), plan_file)  # validated anew, no cache
    assert not problems
    entry = cache.get(plan_file)
    assert entry is not None and entry.matches(data) and entry.plan == fresh
    assert fresh.tasks[1].targets[0].done == 13


def test_a_points_plan_is_refused_before_anything_is_touched(plan_file):
    points = plan_file.parent / "2019_points.yaml"
    shutil.copy(DATA / "2019_points.yaml", points)
    before = points.read_bytes()
    result = runner.invoke(
        app,
        ["progress", "1", "--status", "done", "--plan", "2019", "--data", str(plan_file.parent)],
    )
    assert result.exit_code == 2
    assert "是工作要点，没有可登记进度的任务" in result.stderr
    assert points.read_bytes() == before
    assert not (plan_file.parent / ".2019_points.yaml.lock").exists()


def test_the_plan_is_picked_from_a_folder_by_year(plan_file):
    shutil.copy(DATA / "2019_points.yaml", plan_file.parent / "2019_points.yaml")
    result = runner.invoke(
        app, ["progress", "20", "--add", "1", "--plan", "2025", "--data", str(plan_file.parent)]
    )
    assert result.exit_code == 0, result.output
    assert task(plan_file, 20).targets[0].done == 1


def test_report_and_show_as_of_an_earlier_date_replay_the_history(plan_file):
    run(plan_file, "13.1", "--done", "13", "--date", "2025-03-31")
    run(plan_file, "13.1", "--done", "15", "--date", "2025-06-30")

    def reported(day: str) -> float:
        args = ["report", "--as-of", day, "--format", "json", "--data", str(plan_file)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        row = next(t for t in json.loads(result.stdout)["tasks"] if t["id"] == 13)
        return row["targets"][0]["done"]

    assert [reported(day) for day in ("2025-03-01", "2025-04-15", "2025-07-01")] == [12, 13, 15]
    args = ["show", "13", "--as-of", "2025-04-15", "--format", "json", "--data", str(plan_file)]
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["targets"][0]["done"] == 13


def test_an_update_clears_temporaries_a_killed_writer_left(plan_file):
    stale = plan_file.parent / f".{plan_file.name}.k1ll3d.tmp"
    stale.write_text("half a fi", encoding="utf-8")
    other = plan_file.parent / ".other.yaml.k1ll3d.tmp"
    other.write_text("not ours", encoding="utf-8")
    assert run(plan_file, "20", "--add", "1").exit_code == 0
    assert not stale.exists()
    assert other.exists()


def test_a_flow_style_file_is_updated_by_a_round_trip(write):
    path = write(
        "flow.yaml",
        """
        # 流式写法
        plan: {title: 清单, year: 2025}
        tasks:
        - {id: 1, due: 2025.10, targets: [{name: 学习, target: 12, done: 2}]}
        """,
    )
    result = run(path, "1", "--add", "1", "--date", "2025-06-30")
    assert result.exit_code == 0, result.output
    updated = task(path, 1)
    assert updated.targets[0].done == 3
    assert str(updated.due) == "2025-10"
    assert [(h.before, h.after) for h in updated.history] == [(2, 3)]
    assert path.read_text(encoding="utf-8").startswith("# 流式写法\n")


def test_of_several_updates_on_one_day_the_last_is_the_state_that_day(plan_file):
    from kexie_cli.core.status import task_state

    for day in ("2025-03-31", "2025-03-31", "2025-06-30"):
        assert run(plan_file, "20", "--add", "1", "--date", day).exit_code == 0
    for mark in ("in_progress", "done"):
        assert run(plan_file, "1", "--status", mark, "--date", "2025-03-31").exit_code == 0
    assert run(plan_file, "1", "--status", "not_started", "--date", "2025-06-30").exit_code == 0
    plan = load(plan_file)
    march = dt.date(2025, 3, 31)
    assert task_state(plan.tasks[2], plan.start, march).targets[0].done == 2
    assert task_state(plan.tasks[0], plan.start, march).mark.value == "done"


def test_a_figure_for_an_earlier_period_typed_late_counts_at_its_date(plan_file):
    """May's figure typed after June's: it counts at May 31, the file keeps June's count, and
    a May figure above June's is refused unless --force says it corrects the record."""
    assert run(plan_file, "20", "--done", "0.5", "--date", "2025-06-30").exit_code == 0
    late = run(plan_file, "20", "--done", "0.3", "--date", "2025-05-31")
    assert late.exit_code == 0, late.output
    assert task(plan_file, 20).targets[0].done == 0.5
    shown = runner.invoke(
        app, ["show", "20", "--as-of", "2025-05-31", "--format", "json", "--data", str(plan_file)]
    )
    assert json.loads(shown.stdout)["targets"][0]["done"] == 0.3
    before = plan_file.read_bytes()
    above = run(plan_file, "20", "--done", "0.6", "--date", "2025-05-31")
    assert above.exit_code == 2
    assert "已登记 2025-06-30 的累计 0.5，更早的 2025-05-31 不能登记更多（0.6）" in above.stderr
    assert plan_file.read_bytes() == before
    forced = run(plan_file, "20", "--done", "0.6", "--date", "2025-05-31", "--force")
    assert forced.exit_code == 0 and task(plan_file, 20).targets[0].done == 0.5


# ---- written progress (进展情况 / 存在问题 / 下步打算) -------------------------------------


def test_a_note_alone_records_a_report_entry(plan_file):
    old = plan_file.read_text(encoding="utf-8")
    args = ["1", "--note", "已制定方案初稿", "--next", "报党组会审议", "--by", "张三"]
    result = run(plan_file, *args, "--date", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 1 已登记进展情况（2025-06-30）\n"
    new = plan_file.read_text(encoding="utf-8")
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    kind: report",
        "+    note: 已制定方案初稿",
        "+    next: 报党组会审议",
        "+    by: 张三",
    ]
    assert new.index("kind: report") < new.index("- id: 13")
    shown = runner.invoke(app, ["show", "1", "--format", "json", "--data", str(plan_file)])
    assert json.loads(shown.stdout)["history"] == [
        {
            "date": "2025-06-30",
            "kind": "report",
            "recorded": TODAY,
            "note": "已制定方案初稿",
            "next": "报党组会审议",
            "by": "张三",
        }
    ]


def test_figures_and_a_note_make_a_figure_entry_and_a_report_of_one_date(plan_file):
    args = ["13.1", "--done", "14", "--note", "已完成抽样", "--problem", "样本偏少"]
    result = run(plan_file, *args, "--date", "2025-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["done"]) == (13, 14)
    assert data["report"] == {
        "date": "2025-06-30",
        "kind": "report",
        "recorded": TODAY,
        "note": "已完成抽样",
        "problem": "样本偏少",
    }
    figure, report = task(plan_file, 13).history
    assert (figure.kind.value, figure.after, figure.note) == ("figure", 14, None)
    assert (report.kind.value, report.date, report.note) == ("report", figure.date, "已完成抽样")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["1", "--note", ""], "--note 不能为空"),
        (["1", "--problem", "  "], "--problem 不能为空"),
        (["1", "--next", "\n"], "--next 不能为空"),
        (["13.1", "--done", "1", "--note", " "], "--note 不能为空"),
        (["1", "--note", "a\x00b"], "控制字符 U+0000"),
        (["1", "--note", "a\x7fb"], "文本中有控制字符"),
        (["1", "--note", "x", "--date", "2024-12-31"], "早于计划的起始月份 2025.1"),
    ],
)
def test_written_progress_refusals_leave_the_file_byte_identical(plan_file, args, words):
    before = plan_file.read_bytes()
    result = run(plan_file, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("kexie: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert plan_file.read_bytes() == before


def test_a_report_typed_late_takes_its_place_by_date(plan_file):
    """A report for May typed after June's figure: the June state is unchanged, the May
    state reads the report."""
    assert run(plan_file, "13.2", "--add", "1", "--date", "2025-06-30").exit_code == 0
    result = run(plan_file, "13.1", "--add", "1", "--note", "补记", "--date", "2025-05-31")
    assert result.exit_code == 0, result.output
    shown = runner.invoke(
        app, ["show", "13", "--as-of", "2025-05-31", "--format", "json", "--data", str(plan_file)]
    )
    assert json.loads(shown.stdout)["latest"]["note"] == "补记"


def test_a_report_that_fails_validation_after_the_edit_is_not_written(plan_file, monkeypatch):
    before = plan_file.read_bytes()
    monkeypatch.setattr(save_module, "edit_item", spoil("kind: report", "kind: reprot"))
    result = run(plan_file, "1", "--note", "x", "--date", "2025-06-30")
    assert result.exit_code == 2
    assert "未通过校验" in result.stderr and "文件未改动" in result.stderr
    assert plan_file.read_bytes() == before


AWKWARD = [
    "x" * 10_000,
    "第一行\n第二行\n",
    "\n开头空行",
    "  前后空格  ",
    "含冒号: 和 #号",
    "- 像列表的一行",
    "'单引号' \"双引号\"",
    "key: value\n- item\n{a: b}",
    "yes",
    "12",
    "~",
    "null",
    "2025.9",
    "!!python/object x",
    "&anchor *alias",
    "行\u2028分隔\u2029段\x85NEL",
    "tab\there",
    "\ufeff字节序\ufffe非字符",
    "😀 emoji",
    "...\n---\n",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_texts_round_trip_exactly(plan_file, text):
    result = run(plan_file, "1", "--note", text, "--problem", text, "--date", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert _read_back(plan_file) == (text, text)


def _read_back(path: Path) -> tuple[str | None, str | None]:
    """The last report's note and problem, through `show --format json`, checked equal to the
    plan as loaded."""
    shown = runner.invoke(app, ["show", "1", "--format", "json", "--data", str(path)])
    assert shown.exit_code == 0, shown.output
    entry = json.loads(shown.stdout)["history"][-1]
    loaded = task(path, 1).history[-1]
    assert (entry["note"], entry.get("problem")) == (loaded.note, loaded.problem)
    return loaded.note, loaded.problem


_TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\x85"),
    min_size=1,
).filter(lambda text: not is_blank(text))  # spaces or characters that take no room: refused


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXTS)
def test_any_text_written_by_note_reads_back_identical(write, text):
    path = write("2025_tasks.yaml", PLAN)
    result = run(path, "1", "--note", text, "--date", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert _read_back(path)[0] == text


def test_a_cache_that_cannot_be_written_does_not_fail_a_landed_update(plan_file, monkeypatch):
    """The cache is best-effort: the update landed, so progress says so and exits 0."""
    blocker = plan_file.parent / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KEXIE_CACHE", str(blocker / "cache"))
    result = run(plan_file, "13.1", "--done", "14", "--date", "2025-02-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 13 公民科学素质比例：14 / 16 %（87.5%）进行中\n"
    assert task(plan_file, 13).targets[0].done == 14


def test_a_truncated_entry_does_not_fail_a_landed_update(plan_file):
    """Issue 19: a truncated cache entry made `progress` report failure after the write."""
    from kexie_cli.plans import cache

    assert run(plan_file, "13.1", "--done", "13", "--date", "2025-01-31").exit_code == 0
    entry = cache.entry_path(plan_file)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    cache._read.clear()  # as a new process
    result = run(plan_file, "13.1", "--done", "14", "--date", "2025-02-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "任务 13 公民科学素质比例：14 / 16 %（87.5%）进行中\n"
    assert task(plan_file, 13).targets[0].done == 14
