"""`kexie notice` when something is wrong: refused in one line with every file as it was —
the 通知单 is never left without its entry, nor the entry without its 通知单."""

import hashlib
import json

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.level_plans import year_data

runner = CliRunner()


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return year_data(tmp_path)


def notice(data, *args):
    return runner.invoke(app, ["notice", *args, "--data", str(data)])


def files(folder):
    return {
        str(p): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "无此文件夹/通知单.docx"], "所在文件夹 无此文件夹 不存在"),
        (["-o", "data"], "data: 是文件夹，请给出文件名"),
        (
            ["--number", "黄科协督\x1b〔2025〕7号"],
            "--number '黄科协督\\x1b〔2025〕7号' 中有控制字符",
        ),
        (["--by", "郑\x1b昌盛"], "--by '郑\\x1b昌盛' 中有控制字符"),
        (["--answer-by", "2025.13"], "--answer-by：月份 '2025.13' 超出 1–12"),
    ],
)
def test_a_refused_notice_records_nothing_and_writes_nothing(office, tmp_path, args, said):
    before = files(tmp_path)
    result = notice(office, "3", "--date", "2025-10-10", *args)
    assert result.exit_code == 2 and said in result.stderr, result.output
    assert result.stderr.count("\n") == 1 and "已登记" not in result.stderr
    assert files(tmp_path) == before


@pytest.mark.parametrize(
    ("setup", "task", "said"),
    [
        (["cancel", "3", "--reason", "不再举办", "--date", "2025-10-01"], "3", "已取消"),
        (["pause", "3", "--reason", "等待政策", "--date", "2025-10-01"], "3", "暂缓"),
        ([], "2", "已完成"),
    ],
)
def test_no_notice_for_a_task_ended_or_done_even_forced(office, tmp_path, setup, task, said):
    if setup:
        assert runner.invoke(app, [*setup, "--data", str(office)]).exit_code == 0
    before = files(tmp_path)
    result = notice(office, task, "--date", "2025-10-10", "--force")
    assert result.exit_code == 2
    assert result.stderr == f"kexie: 任务 {task} 截至 2025-10-10 {said}，不起草督办通知单\n"
    assert files(tmp_path) == before


def test_a_notice_not_recorded_leaves_the_earlier_file_as_it_was(office, tmp_path, monkeypatch):
    out = tmp_path / "通知单.docx"
    out.write_bytes(b"the earlier notice")
    monkeypatch.setenv("KEXIE_LOCK_TIMEOUT", "0")
    lock = office / ".2025_tasks.yaml.lock"
    import fcntl

    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another writer holds the plan
        before = files(tmp_path)
        result = notice(office, "3", "--date", "2025-10-10", "-o", str(out), "--force")
    assert result.exit_code == 2 and "文件锁" in result.stderr, result.output
    assert files(tmp_path) == before and out.read_bytes() == b"the earlier notice"


def test_a_number_another_notice_has_is_refused_naming_the_next(office, tmp_path):
    first = notice(office, "3", "--date", "2025-10-10", "--number", "黄科协督〔2025〕7号")
    assert first.exit_code == 0, first.output
    before = files(tmp_path)
    again = notice(
        office,
        "4",
        "--date",
        "2025-10-10",
        "--force",
        "--number",
        "黄科协督〔2025〕7号",
        "-o",
        "4.docx",
    )
    assert again.exit_code == 2
    assert again.stderr == (
        "kexie: 文号 黄科协督〔2025〕7号 已用于任务 3 的督办通知单（2025-10-10）；"
        "下一个可用：黄科协督〔2025〕8号\n"
    )
    assert files(tmp_path) == before


def test_two_notices_drafted_at_once_never_share_a_number(office, tmp_path):
    """Both take the next 文号 from the plan; under the plan's lock the second is refused (its
    通知单 taken back) or numbered apart — never two notices with one number."""
    import subprocess
    import sys

    assert (
        notice(office, "3", "--date", "2025-10-10", "--number", "黄科协督〔2025〕7号").exit_code
        == 0
    )
    command = [sys.executable, "-m", "kexie_cli", "notice", "--data", str(office)]
    runs = [
        subprocess.Popen(
            [*command, task, "--date", "2025-10-11", "--force", "-o", f"{task}.docx"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for task in ("4", "5")
    ]
    said = [run.communicate(timeout=120)[1] for run in runs]
    out = runner.invoke(app, ["list", "--data", str(office), "--format", "json"]).stdout
    numbers = [
        h["number"] for t in json.loads(out) for h in t["history"] if h.get("kind") == "notice"
    ]
    assert len(numbers) == len(set(numbers)), numbers
    for run, task, line in zip(runs, ("4", "5"), said, strict=True):
        assert run.returncode in (0, 2), line
        assert (tmp_path / f"{task}.docx").exists() == (run.returncode == 0)
