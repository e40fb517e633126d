"""A text file's encoding, and where a bad byte is: the real offset and line, whichever of the
encodings tried fails furthest in (the file's own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.text import decoded

runner = CliRunner()
BODY = "某市科协2026年工作要点\n" + "".join(
    f"{i}. 组织科普活动不少于{i}场。\n" for i in range(1, 300)
)


def _where(message: str) -> tuple[int, int]:
    match = re.search(r"在第 (\d+) 行（文件第 (\d+) 字节处", message)
    assert match, message
    return int(match[1]), int(match[2])


def test_one_bad_byte_deep_in_a_utf8_file_is_reported_where_it_is() -> None:
    data = BODY.encode()
    at = data.index(b"\n", 5600) + 1
    with pytest.raises(ValueError, match="按 UTF-8 读") as error:
        decoded(data[:at] + b"\xff" + data[at:])
    assert _where(str(error.value)) == (data[:at].count(b"\n") + 1, at)
    assert "0xFF" in str(error.value)


def test_a_byte_order_mark_is_counted_in_the_offset() -> None:
    data = b"\xef\xbb\xbf" + BODY.encode()
    at = data.index(b"\n", 100) + 1
    with pytest.raises(ValueError) as error:
        decoded(data[:at] + b"\xff" + data[at:])
    assert _where(str(error.value))[1] == at


def test_a_bad_byte_in_a_gbk_file_is_reported_as_gbk() -> None:
    data = BODY.encode("gbk")
    at = data.index(b"\n", 3000) + 1
    with pytest.raises(ValueError, match="按 GBK/GB18030 读") as error:
        decoded(data[:at] + b"\xff\xff" + data[at:])
    assert _where(str(error.value)) == (data[:at].count(b"\n") + 1, at)


def test_a_cut_utf16_file_names_its_line() -> None:
    data = BODY.encode("utf-16")
    with pytest.raises(ValueError, match="UTF-16 文本在第") as error:
        decoded(data[:4001])
    line, offset = _where(str(error.value))
    assert offset == 4000
    assert line == data[:4000].decode("utf-16").count("\n") + 1


@given(st.text(alphabet="科协学会\n12。，", min_size=0, max_size=200), st.data())
def test_the_offset_and_line_are_those_of_the_bad_byte(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    before = text[:cut].encode()
    with pytest.raises(ValueError) as error:
        decoded(before + b"\xff" + text[cut:].encode())
    assert _where(str(error.value)) == (before.count(b"\n") + 1, len(before))


def test_through_the_cli_one_line_naming_the_file_and_the_place(tmp_path: Path) -> None:
    data = BODY.encode()
    at = data.index(b"\n", 5600) + 1
    file = tmp_path / "通知.txt"
    file.write_bytes(data[:at] + b"\xff" + data[at:])
    for command in ("points", "tasks"):
        result = runner.invoke(app, ["import", command, str(file)])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"kexie: {file}: ")
        assert _where(result.stderr) == (data[:at].count(b"\n") + 1, at)
