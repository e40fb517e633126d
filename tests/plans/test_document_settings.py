"""`[document]` in kexie.toml and the record of numbers used, read and written."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.core.document import Issued, Settings
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.document_settings import read_issued, read_settings, record_issued

HEAD = "机关代字\t年份\t序号\t标题\t截至\n"


def test_no_file_nothing_configured(tmp_path) -> None:
    assert read_settings(tmp_path) == Settings() and read_issued(tmp_path) == []


def test_the_section_is_read_and_a_single_name_is_a_list(tmp_path) -> None:
    (tmp_path / "kexie.toml").write_text(
        '[document]\nprefix = "黄科协督"\nto = "机关各部室"\ncc = ["市委督查室", " "]\n'
        '[departments."组宣部"]\nto = "stdout"\n',
        encoding="utf-8",
    )
    settings = read_settings(tmp_path)
    assert settings.prefix == "黄科协督" and settings.to == ("机关各部室",)
    assert settings.cc == ("市委督查室",)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[document]\nsender = "x"\n', "没有 sender"),
        ("[document]\nprefix = 3\n", "prefix 应为文字"),
        ("[document]\nto = [1]\n", "to 应为名称的列表"),
        ('document = "x"\n', "应为表"),
        ("[document\n", r"kexie.toml:1: 不是正确的 TOML"),
    ],
)
def test_a_wrong_setting_is_one_line_saying_where(tmp_path, text, said) -> None:
    (tmp_path / "kexie.toml").write_text(text, encoding="utf-8")
    with pytest.raises(KexieError, match=said) as caught:
        read_settings(tmp_path)
    assert "kexie.toml" in str(caught.value) and "\n" not in str(caught.value)


def test_numbers_recorded_read_back_and_a_bad_line_is_named(tmp_path) -> None:
    first = Issued("黄科协督", 2025, 1, "关于\t通报", "2025-06-30")
    record_issued(tmp_path, [], first)
    second = Issued("黄科协督", 2025, 2, "通报", "2025-07-31")
    record_issued(tmp_path, read_issued(tmp_path), second)
    assert [i.number for i in read_issued(tmp_path)] == [1, 2]
    assert read_issued(tmp_path)[0].title == "关于 通报"
    with (tmp_path / "kexie-numbers.tsv").open("a", encoding="utf-8") as handle:
        handle.write("黄科协督\t二〇二五\t3\t通报\t2025-08-31\n")
    with pytest.raises(KexieError, match=r"kexie-numbers.tsv:4"):
        read_issued(tmp_path)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", r"kexie-numbers.tsv:1: 第一行应为表头"),
        ("黄科协督\t2025\t5\t通报\t2025-06-30\n", r"kexie-numbers.tsv:1: 第一行应为表头"),
        (f"{HEAD}黄科协督\t2025\t-3\t通报\t2025-06-30\n", r"tsv:2: 序号应为从 1 起的整数"),
        (f"{HEAD}黄科协督\t2025\t0\t通报\t2025-06-30\n", r"tsv:2: 序号应为从 1 起的整数"),
        (f"{HEAD}黄科协督\t25\t1\t通报\t2025-06-30\n", r"tsv:2: 年份应为四位数字"),
        (f"{HEAD}黄科协督\t2025\t1\t通报\t六月\n", r"tsv:2: 截至应为日期"),
        (f"{HEAD}黄科协督\t2025\t1\t通报\n", r"tsv:2: 应为五栏"),
    ],
)
def test_a_hand_edited_numbers_file_is_refused_at_its_line(tmp_path, text, said) -> None:
    (tmp_path / "kexie-numbers.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(KexieError, match=said):
        read_issued(tmp_path)


def test_a_numbers_file_saved_with_a_bom_reads(tmp_path) -> None:
    (tmp_path / "kexie-numbers.tsv").write_text(
        f"{HEAD}黄科协督\t2025\t3\t通报\t2025-06-30\r\n", encoding="utf-8-sig"
    )
    assert [i.number for i in read_issued(tmp_path)] == [3]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\xff\xfe[document]", "不是 UTF-8 文本（第 0 字节）"),
        (
            b'[document]\nprefix = "x"\nprefix = "y"\n',
            "kexie.toml:3: 不是正确的 TOML：键重复",
        ),
        (b'[document]\nprefix = "a\\tb"\n', r"prefix 中有控制字符 \\x09"),
        (b'[document]\nmark = "a\\u001bb"\n', r"mark 中有控制字符 \\x1b"),
        (b'[document]\nto = ["a\\nb"]\n', r"to 中有控制字符 \\x0a"),
    ],
)
def test_a_damaged_settings_file_is_one_chinese_line(tmp_path, data, said) -> None:
    (tmp_path / "kexie.toml").write_bytes(data)
    with pytest.raises(KexieError, match=said) as caught:
        read_settings(tmp_path)
    assert "\n" not in str(caught.value) and not re.search(r"[A-Za-z]{4,}", _unpathed(caught))


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_bytes_in_the_numbers_file_read_or_are_refused_in_chinese(tmp_path, data) -> None:
    (tmp_path / "kexie-numbers.tsv").write_bytes(HEAD.encode() + data)
    try:
        issued = read_issued(tmp_path)
    except KexieError as exc:
        assert "\n" not in str(exc) and "kexie-numbers.tsv" in str(exc)
        assert not re.search(r"[A-Za-z]{4,}", _unpathed(exc))
        return
    with tempfile.TemporaryDirectory() as again:
        _written_back(Path(again), issued)


def _written_back(rewritten: Path, issued: list[Issued]) -> None:
    for one in issued:  # what was read is written back and read again alike
        record_issued(rewritten, read_issued(rewritten), one)
    assert read_issued(rewritten) == [
        Issued(i.prefix, i.year, i.number, " ".join(i.title.split()), i.as_of) for i in issued
    ]


def _unpathed(exc) -> str:
    """The message without its file name and quoted values (those may be any text)."""
    text = str(getattr(exc, "value", exc))
    return re.sub(
        r"'[^']*'|\"[^\"]*\"|\S*(kexie-numbers\.tsv|kexie\.toml)\S*|TOML|UTF-8|\[document\]|prefix|mark",
        "",
        text,
    )
