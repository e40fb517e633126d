"""`[document]` in kexie.toml and the record of numbers used, read and written."""

from __future__ import annotations

import pytest

from kexie_cli.core.document import Issued, Settings
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.document_settings import read_issued, read_settings, record_issued


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
        ("[document\n", "无法读取"),
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
