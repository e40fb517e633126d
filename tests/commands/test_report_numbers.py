"""`report --format docx` and the document numbers beside the plans, when things go wrong:
a damaged kexie-numbers.tsv or kexie.toml is one Chinese line at its line, exit 2, and a 通报
that is not written leaves every file as it was (no document without its number recorded,
no number recorded without its document)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.plans import document_settings

runner = CliRunner()

PLAN = """\
plan:
  title: 测试清单
  org: 测试市科协
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  due: '2025.12'
  content: 举办科普讲座
  lead: [普及部]
"""
HEAD = "机关代字\t年份\t序号\t标题\t截至\n"


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "kexie.toml").write_text('[document]\nprefix = "测科协"\n', encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.parent.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def docx(data: Path, out: Path, *args: str):
    return runner.invoke(
        app, ["report", "--data", str(data), "--format", "docx", "-o", str(out), *args]
    )


@pytest.mark.parametrize(
    ("numbers", "said"),
    [
        ("测科协\t2025\t5\t通报\t2025-06-30\n", "kexie-numbers.tsv:1: 第一行应为表头"),
        ("garbage", "kexie-numbers.tsv:1: 第一行应为表头"),
        (f"{HEAD}测科协\t2025\t-3\tX\t2025-01-01\n", "kexie-numbers.tsv:2: 序号应为从 1 起的整数"),
        (f"{HEAD}测科协\t2025\t3\tX\tnotadate\n", "kexie-numbers.tsv:2: 截至应为日期"),
    ],
)
def test_a_hand_edited_numbers_file_is_refused_and_kept(data, tmp_path, numbers, said) -> None:
    (data / "kexie-numbers.tsv").write_text(numbers, encoding="utf-8")
    before = files(data)
    result = docx(data, tmp_path / "通报.docx", "--as-of", "2025-06-30")
    assert result.exit_code == 2 and said in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert files(data) == before and not (tmp_path / "通报.docx").exists()


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        (b'[document\nprefix = "x"\n', "kexie.toml:1: 不是正确的 TOML：格式错误（第 10 列附近）"),
        (b"\xff\xfe[document]", "kexie.toml: 不是 UTF-8 文本（第 0 字节）"),
        ('[document]\nprefix = "测\\t科协"\n'.encode(), "prefix 中有控制字符 \\x09"),
    ],
)
def test_a_damaged_settings_file_is_one_chinese_line(data, tmp_path, toml, said) -> None:
    (data / "kexie.toml").write_bytes(toml)
    before = files(data)
    result = docx(data, tmp_path / "通报.docx", "--as-of", "2025-06-30")
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert files(data) == before and not (tmp_path / "通报.docx").exists()


def test_a_number_that_cannot_be_recorded_writes_no_document(data, tmp_path, monkeypatch):
    def refused(path, text, encoding="utf-8"):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(document_settings, "write_atomic", refused)
    result = docx(data, tmp_path / "通报.docx", "--as-of", "2025-06-30")
    assert result.exit_code == 2
    assert result.stderr == f"kexie: {data / 'kexie-numbers.tsv'}: 无法写入：没有权限\n"
    assert not (tmp_path / "通报.docx").exists()
    assert not (data / "kexie-numbers.tsv").exists()


@pytest.mark.parametrize("recorded_before", [False, True])
def test_a_document_not_written_takes_its_number_back(data, tmp_path, recorded_before) -> None:
    if recorded_before:
        docx(data, tmp_path / "6月.docx", "--as-of", "2025-06-30")
    (tmp_path / "7月.docx").write_bytes(b"an earlier file")  # exists: refused without --force
    before = files(data)
    result = docx(data, tmp_path / "7月.docx", "--as-of", "2025-07-31")
    assert result.exit_code == 2 and "文件已存在" in result.stderr
    assert files(data) == before
    assert (tmp_path / "7月.docx").read_bytes() == b"an earlier file"
    missing = docx(data, tmp_path / "无此文件夹" / "7月.docx", "--as-of", "2025-07-31")
    assert missing.exit_code == 2 and "不存在" in missing.stderr and files(data) == before


@given(st.binary(max_size=200))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_damage_to_the_numbers_file_never_raises_nor_loses_a_line(data, tmp_path, junk):
    """Whatever the file holds, the command either numbers the 通报 keeping every line it had,
    or refuses in one line leaving every file as it was."""
    (data / "kexie-numbers.tsv").write_bytes(HEAD.encode() + junk)
    out = tmp_path / "通报.docx"
    out.unlink(missing_ok=True)
    before, old = files(data), (data / "kexie-numbers.tsv").read_bytes()
    result = docx(data, out, "--as-of", "2025-06-30")
    assert result.exit_code in (0, 2) and "内部错误" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1 and files(data) == before and not out.exists()
    else:
        kept = [line for line in old.decode("utf-8-sig").splitlines()[1:] if line.strip()]
        now = (data / "kexie-numbers.tsv").read_text(encoding="utf-8").splitlines()
        assert len(now) - 1 >= len(kept) and out.exists()


@pytest.mark.parametrize("number", ["0", "100000", "99999999999999999999999"])
def test_a_number_out_of_range_is_refused_before_anything_is_written(data, tmp_path, number):
    before = files(data)
    result = docx(data, tmp_path / "通报.docx", "--number", number)
    assert result.exit_code == 2
    assert result.stderr == f"kexie: --number {number} 无效：文号的序号从1起，至多 99999\n"
    assert files(data) == before and not (tmp_path / "通报.docx").exists()


def test_the_highest_number_is_recorded_and_read_back(data, tmp_path) -> None:
    first = docx(data, tmp_path / "a.docx", "--number", "99999", "--as-of", "2025-06-30")
    assert first.exit_code == 0, first.output
    again = docx(data, tmp_path / "b.docx", "--as-of", "2025-07-31", "--number", "3")
    assert again.exit_code == 0, again.output


def test_offices_numbering_at_once_get_a_number_each(data, tmp_path) -> None:
    """Three 通报 written at the same moment: each its own number, each line kept."""
    import subprocess
    import sys

    days = ["2025-06-30", "2025-07-31", "2025-08-31"]
    command = [sys.executable, "-m", "kexie_cli", "report", "--data", str(data), "--format", "docx"]
    runs = [
        subprocess.Popen(
            [*command, "-o", str(tmp_path / f"{day}.docx"), "--as-of", day],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    said = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], said
    lines = (data / "kexie-numbers.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(line.split("\t")[2] for line in lines) == ["1", "2", "3"]
    assert sorted(line.split("\t")[4] for line in lines) == days
