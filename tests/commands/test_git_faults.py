"""`merge-file` and `git-setup` given what they cannot use: one Chinese line, exit 2, every
file as it was (never git's English alone, never an internal error)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()
PLAN = (
    "plan:\n  title: 测试清单\n  year: 2025\ntasks:\n- id: 1\n  due: '2025.12'\n  content: 讲座\n"
)


def files(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def three(tmp_path) -> Path:
    for name in ("base", "ours", "theirs"):
        (tmp_path / f"{name}.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "ours.yaml").write_text(PLAN.replace("讲座", "报告会"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (["base.yaml", "无.yaml", "theirs.yaml"], "无.yaml: 文件不存在；未合并，文件未改动"),
        (["无.yaml", "ours.yaml", "theirs.yaml"], "无.yaml: 文件不存在；未合并，文件未改动"),
        (["base.yaml", "ours.yaml", "."], ".: 是文件夹，不是文件；未合并，文件未改动"),
    ],
)
def test_a_version_missing_is_said_in_chinese(three, monkeypatch, names, said) -> None:
    monkeypatch.chdir(three)
    before = files(three)
    result = runner.invoke(app, ["merge-file", *names])
    assert result.exit_code == 2 and result.stderr == f"kexie: {said}\n"
    assert files(three) == before


def test_a_binary_version_is_refused_in_chinese_and_ours_kept(three) -> None:
    (three / "theirs.yaml").write_bytes(b"\x00\x01\x02binary")
    before = files(three)
    args = [str(three / f"{n}.yaml") for n in ("base", "ours", "theirs")]
    result = runner.invoke(app, ["merge-file", *args, "--path", "data/2025_tasks.yaml"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "有一个版本含二进制内容，无法按行合并" in result.stderr and "binary" not in result.stderr
    assert files(three) == before


def test_git_setup_refuses_a_gitattributes_it_cannot_read(tmp_path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "data").mkdir()
    (tmp_path / ".gitattributes").write_bytes(b"\xff\xfe*.yaml merge=other\n")
    before = files(tmp_path)
    result = runner.invoke(app, ["git-setup", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"kexie: {tmp_path / '.gitattributes'}: 不是 UTF-8 文本（第 0 字节），未改动；请先改正\n"
    )
    assert files(tmp_path) == before


def test_git_setup_in_a_repository_with_a_broken_config_says_so(tmp_path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "data").mkdir()
    with (tmp_path / ".git" / "config").open("a") as config:
        config.write("garbage [[[\n")
    result = runner.invoke(app, ["git-setup", "--repo", str(tmp_path)])
    assert result.exit_code == 2 and "git 无法读取本仓库的配置" in result.stderr
    assert not (tmp_path / ".gitattributes").exists()
