"""Faults around a command, run as a person or a script meets them: stdout that cannot be
written, a signal, a lock held by another kexie, a plan that must not be replaced. Each ends in
one line and the right exit code, and an update that landed is reported recorded, exactly once.

Every test drives a real `kexie` process. None waits a fixed time: a signal is sent when the
child has said it is waiting for the lock the test holds."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

KEXIE = [sys.executable, "-m", "kexie_cli"]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", path)
    return path


def env(plan: Path, **extra: str) -> dict[str, str]:
    return os.environ | {"KEXIE_DATA": str(plan.parent), "PYTHONUTF8": "1"} | extra


def kexie(plan: Path, *args: str | bytes, **options) -> subprocess.CompletedProcess:
    extra = options.pop("extra_env", {})
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | options
    return subprocess.run([*KEXIE, *args], env=env(plan, **extra), text=True, **streams)


def entries(plan: Path) -> int:
    return plan.read_text(encoding="utf-8").count("- date:")


def leftovers(plan: Path) -> list[str]:
    return sorted(p.name for p in plan.parent.iterdir() if p.name.endswith(".tmp"))


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- stdout ------------------------------------------------------------------------------------


def test_a_full_disk_on_stdout_is_one_line_and_exit_3(plan):
    with open("/dev/full", "w") as full:
        result = kexie(plan, "list", stdout=full)
    assert result.returncode == 3
    assert "结果无法写到标准输出" in one_line(result.stderr)


def test_an_update_with_a_full_stdout_is_recorded_once_and_said_so(plan):
    before = entries(plan)
    with open("/dev/full", "w") as full:
        result = kexie(plan, "progress", "14.1", "--add", "1", stdout=full)
    assert result.returncode == 0  # not a failure: a retry would count it twice
    line = one_line(result.stderr)
    assert line.startswith("kexie: 已登记，任务 14 ") and "1 / 120 所" in line
    assert "请勿重复登记" in line
    assert entries(plan) == before + 1


def test_a_late_figure_with_a_full_stdout_is_said_as_written_at_its_date(plan):
    """May's figure typed after June's stands before it in the file: the line that says it
    was recorded names May's figure, not the entry last in the file."""
    assert kexie(plan, "progress", "14.1", "--done", "50", "--date", "2025-06-30").returncode == 0
    with open("/dev/full", "w") as full:
        result = kexie(plan, "progress", "14.1", "--done", "30", "--date", "2025-05-31",
                       stdout=full)  # fmt: skip
    assert result.returncode == 0
    line = one_line(result.stderr)
    assert line.startswith("kexie: 已登记，任务 14 ") and "30 / 120 所" in line, line


def test_a_closed_stdout_is_no_traceback(plan):
    closed = ["sh", "-c", 'exec "$@" >&-', "sh", *KEXIE]
    read = subprocess.run([*closed, "list"], env=env(plan), capture_output=False,
                          stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert read.returncode == 3
    assert "标准输出已关闭" in one_line(read.stderr)
    before = plan.read_bytes()
    write = subprocess.run([*closed, "progress", "14.1", "--add", "2"], env=env(plan),
                           stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert write.returncode == 0
    assert "已登记，任务 14 " in one_line(write.stderr)
    assert plan.read_bytes() != before
    assert not leftovers(plan)  # nothing kexie opened took fd 1


def test_a_reader_that_stopped_reading_is_no_error(plan):
    reader, writer = os.pipe()
    os.close(reader)  # closed before the child writes a byte: EPIPE on its first write
    try:
        result = subprocess.run(
            [*KEXIE, "list"], env=env(plan), stdout=writer, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(writer)
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    "extra", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "LANG": "C"}]
)
def test_a_locale_that_cannot_write_chinese_falls_back_to_utf8(plan, extra):
    result = subprocess.run([*KEXIE, "show", "14"], env=env(plan) | extra, capture_output=True)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "创新大赛" in result.stdout.decode("utf-8")


# -- arguments ---------------------------------------------------------------------------------


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(plan):
    gbk = "组织".encode("gbk")
    for args in (["list", "--dept", gbk], ["progress", "14", "--note", gbk]):
        before = plan.read_bytes()
        result = subprocess.run(
            [*KEXIE, *args], env=env(plan, LC_ALL="C.UTF-8"), capture_output=True
        )
        assert result.returncode == 2
        line = one_line(result.stderr.decode("utf-8"))
        assert "\\xd7\\xe9" in line and "UTF-8" in line
        assert plan.read_bytes() == before


# -- the lock and signals ----------------------------------------------------------------------


class HeldLock:
    """The plan's lock, held by the test as another kexie would hold it."""

    def __init__(self, plan: Path) -> None:
        self.fd = os.open(plan.parent / f".{plan.name}.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def release(self) -> None:
        os.close(self.fd)


def waiting_child(plan: Path, *args: str, **extra: str) -> subprocess.Popen:
    """A `kexie progress` that has said it is waiting for the lock (read, not timed)."""
    child = subprocess.Popen(
        [*KEXIE, "progress", *args], env=env(plan, **extra), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stderr is not None
    notice = child.stderr.readline()
    assert notice.startswith("kexie: 正在等待另一个 kexie 写完（锁：") and ".lock" in notice
    return child


def test_a_held_lock_is_waited_for_with_a_message_then_the_update_lands(plan):
    before = entries(plan)
    lock = HeldLock(plan)
    child = waiting_child(plan, "14.1", "--add", "1")
    assert entries(plan) == before  # nothing written while the lock is held
    lock.release()
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "任务 14 " in out and err == ""
    assert entries(plan) == before + 1


def test_the_wait_gives_up_after_kexie_lock_timeout_naming_the_lock(plan):
    before = plan.read_bytes()
    lock = HeldLock(plan)
    try:
        child = waiting_child(plan, "14.1", "--add", "1", KEXIE_LOCK_TIMEOUT="1.5")
        _, err = child.communicate(timeout=60)
    finally:
        lock.release()
    assert child.returncode == 2
    line = one_line(err)
    assert f".{plan.name}.lock" in line and "1.5 秒" in line and "KEXIE_LOCK_TIMEOUT" in line
    assert plan.read_bytes() == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_waiting_is_one_line_and_leaves_the_file(plan, signum):
    before = plan.read_bytes()
    lock = HeldLock(plan)
    try:
        child = waiting_child(plan, "14.1", "--add", "1")
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
    finally:
        lock.release()
    assert child.returncode == 128 + signum
    assert one_line(err) == "kexie: 已中断；文件未改动"
    assert plan.read_bytes() == before
    assert not leftovers(plan)


def test_a_lock_that_cannot_be_used_is_named_not_the_plan(plan):
    (plan.parent / f".{plan.name}.lock").mkdir()
    before = plan.read_bytes()
    result = kexie(plan, "progress", "14.1", "--add", "1")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert f".{plan.name}.lock: 无法使用文件锁" in line
    assert plan.read_bytes() == before


def test_a_bad_kexie_lock_timeout_is_one_line(plan):
    result = kexie(plan, "progress", "14.1", "--add", "1", extra_env={"KEXIE_LOCK_TIMEOUT": "x"})
    assert result.returncode == 2
    assert "KEXIE_LOCK_TIMEOUT" in one_line(result.stderr)


# -- files -------------------------------------------------------------------------------------


def test_a_read_only_plan_is_refused_even_for_root(plan):
    plan.chmod(0o444)
    before = plan.read_bytes()
    result = kexie(plan, "progress", "14.1", "--add", "1")
    assert result.returncode == 2
    assert "文件只读" in one_line(result.stderr)
    assert plan.read_bytes() == before and plan.stat().st_mode & 0o777 == 0o444


def test_a_hard_linked_plan_is_refused(plan, tmp_path):
    os.link(plan, tmp_path / "elsewhere.yaml")
    before = plan.read_bytes()
    result = kexie(plan, "progress", "14.1", "--add", "1")
    assert result.returncode == 2
    assert "硬链接" in one_line(result.stderr)
    assert plan.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_keeps_the_plan_s_owner_and_group(plan):
    os.chown(plan, 4321, 4322)
    result = kexie(plan, "progress", "14.1", "--add", "1")
    assert result.returncode == 0, result.stderr
    assert (plan.stat().st_uid, plan.stat().st_gid) == (4321, 4322)


def test_a_stale_temporary_is_named_by_check_and_removed_by_the_next_write(plan):
    stale = plan.parent / f".{plan.name}.abc123.tmp"
    stale.write_text("half a plan", encoding="utf-8")
    checked = kexie(plan, "check")
    assert checked.returncode == 0
    assert stale.name in checked.stderr and "临时文件" in checked.stderr
    assert kexie(plan, "progress", "14.1", "--add", "1").returncode == 0
    assert not stale.exists()


def test_a_truncated_cache_entry_never_fails_an_update(plan, tmp_path):
    cache = tmp_path / "cache"
    extra = {"KEXIE_CACHE": str(cache)}
    assert kexie(plan, "list", extra_env=extra).returncode == 0
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:100])
    before = entries(plan)
    result = kexie(plan, "progress", "14.1", "--add", "1", extra_env=extra)
    assert result.returncode == 0 and result.stderr == ""
    assert entries(plan) == before + 1
    assert kexie(plan, "list", "--format", "json", extra_env=extra).returncode == 0


def test_the_same_done_again_is_no_change_and_no_entry(plan):
    first = kexie(plan, "progress", "14.1", "--done", "5")
    assert first.returncode == 0
    after_first = plan.read_bytes()
    again = kexie(plan, "progress", "14.1", "--done", "5")  # a retry after a doubt
    assert again.returncode == 0 and again.stderr == ""
    assert "5 / 120 所" in again.stdout and "未重复登记" in again.stdout
    assert plan.read_bytes() == after_first


def test_status_takes_the_list_s_own_words(plan):
    result = kexie(plan, "progress", "1", "--status", "已完成")
    assert result.returncode == 0, result.stderr
    assert "status: done" in plan.read_text(encoding="utf-8")
    refused = kexie(plan, "progress", "1", "--status", "完了")
    assert refused.returncode == 2 and "已完成" in one_line(refused.stderr)


def test_terminal_escapes_are_refused_in_a_note_and_in_a_hand_edit_at_its_line(plan):
    refused = kexie(plan, "progress", "14", "--note", "红\x1b[31m字\x07")
    assert refused.returncode == 2 and "控制字符" in one_line(refused.stderr)
    plan.write_text(
        "plan:\n  title: 清单\n  year: 2025\ntasks:\n- id: 1\n  due: 2025.10\n"
        '  content: "红\\e[31m字\\a"\n',
        encoding="utf-8",
    )  # a hand edit: YAML's own escapes for ESC and BEL
    for command in (["check"], ["show", "1"], ["show", "1", "--format", "md"]):
        result = kexie(plan, *command)
        assert result.returncode == 2, result.stderr  # check sees it: no later command trips
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert ":7: 任务 1：content：文本中有控制字符 \\x1b" in result.stderr
