"""Where file output goes: `-o -` is stdout; a file is written whole or not at all, and never
over an existing one unless forced."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.output.destination import is_stdout, write_output


@pytest.mark.parametrize("output", [None, Path("-")])
def test_no_file_or_a_dash_is_stdout(tmp_path, monkeypatch, capsys, output):
    monkeypatch.chdir(tmp_path)
    assert is_stdout(output)
    write_output("序号\t内容\n", output)
    assert capsys.readouterr().out == "序号\t内容\n"
    assert list(tmp_path.iterdir()) == []


def test_excel_bytes_are_refused_on_stdout(capsys):
    with pytest.raises(KexieError, match="不能写到标准输出"):
        write_output(b"PK\x03\x04", None)
    assert capsys.readouterr().out == ""


def test_a_new_file_is_written_as_given(tmp_path):
    path = tmp_path / "清单.csv"
    write_output("一,二\n", path)
    assert path.read_text(encoding="utf-8") == "一,二\n"
    write_output(b"\x00\x01", tmp_path / "book.xlsx")
    assert (tmp_path / "book.xlsx").read_bytes() == b"\x00\x01"


def test_an_existing_file_is_refused_without_force(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("旧", encoding="utf-8")
    with pytest.raises(KexieError, match="文件已存在；确认要覆盖请加 --force"):
        write_output("新", path)
    assert path.read_text(encoding="utf-8") == "旧"
    write_output("新", path, force=True)
    assert path.read_text(encoding="utf-8") == "新"


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(KexieError, match="是文件夹，请给出文件名"):
        write_output("x", tmp_path, force=True)


def test_a_missing_parent_is_refused(tmp_path):
    path = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(KexieError, match=r"所在文件夹 .* 不存在"):
        write_output("x", path)
    assert not path.parent.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    """Written to a temporary file beside it, then renamed: a failure midway changes nothing."""
    path = tmp_path / "out.csv"
    path.write_text("旧", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(KexieError, match="无法写入：No space left on device"):
        write_output("新" * 1000, path, force=True)
    assert path.read_text(encoding="utf-8") == "旧"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
