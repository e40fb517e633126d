"""Every byte kexie prints is safe (issue 30): data holding bidi overrides or escape sequences
reaches no terminal raw, names given to options are checked, and `check` catches what a later
command would trip on."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.sample_plans import SAMPLE, sample_data

runner = CliRunner()
RAW = ("\x1b", "\u202e", "\x07", "\x9b", "\r")


@pytest.fixture
def data(tmp_path):
    # U+202E (right-to-left override) is no control: a plan may hold it, no terminal shows it.
    text = SAMPLE.replace(
        "content: 组织党组会学习，跟进学习最新讲话精神。", 'content: "\\u202e学习"'
    )
    return sample_data(
        tmp_path, text.replace("leaders: [郑昌盛, 陈汉平]", 'leaders: ["\\u2066郑"]')
    )


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "md"],
        ["list", "--format", "csv"],
        ["list", "--format", "tsv"],
        ["show", "1"],
        ["report"],
        ["report", "--format", "md"],
        ["list", "--leaders"],
    ],
)
def test_no_bidi_mark_reaches_the_terminal(data, args) -> None:
    result = runner.invoke(app, [*args, "--data", str(data), "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.stderr
    assert not any(ch in result.stdout for ch in RAW)
    assert "U+202E" in result.stdout or "U+2066" in result.stdout


@pytest.mark.parametrize("value", ["\x1b]0;x\x07", "张\r三", "", "  ", "\u200b", "\u202e张"])
def test_names_given_to_options_are_refused_if_blank_or_holding_a_control(data, value) -> None:
    for args in (
        ["progress", "1", "--done", "7", "--by", value],
        ["comment", "1", "已阅", "--by", value],
        ["list", "--dept", value],
        ["list", "--leader", value],
        ["report", "--dept", value],
    ):
        result = runner.invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 2, (args, result.output)
        assert "不能为空" in result.stderr or "控制字符" in result.stderr
        assert not any(ch in result.stderr for ch in RAW)


def test_a_note_of_zero_width_characters_alone_is_empty(data) -> None:
    before = (data / "2025_tasks.yaml").read_bytes()
    result = runner.invoke(app, ["progress", "1", "--note", "\u200b\ufeff", "--data", str(data)])
    assert result.exit_code == 2
    assert "--note 不能为空" in result.stderr
    assert (data / "2025_tasks.yaml").read_bytes() == before


def test_an_error_line_quoting_the_data_carries_no_raw_control(data) -> None:
    result = runner.invoke(app, ["show", "\x1b]0;owned\x07", "--data", str(data)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_check_catches_controls_future_entries_and_numbers_out_of_range(tmp_path) -> None:
    text = SAMPLE.replace("content: 开展“科学家精神宣讲”活动。", 'content: "宣讲\\v活动\\e[2J"')
    text = text.replace("date: '2025-06-30'", "date: '9999-12-31'")
    text = text.replace("- id: 5", "- id: " + "1" + "0" * 400)
    data = sample_data(tmp_path, text)
    for command in (["check"], ["list"]):
        result = runner.invoke(app, [*command, "--data", str(data)])
        assert result.exit_code == 2, result.output
        assert not any(ch in result.stderr for ch in RAW)
    lines = runner.invoke(app, ["check", "--data", str(data)]).stderr.splitlines()
    assert any("content：文本中有控制字符 \\x0b" in line and ":24:" in line for line in lines)
    assert any("登记日期 9999-12-31 晚于今天" in line for line in lines)
    assert any("id：不能大于 999999" in line for line in lines)


def test_check_refuses_a_name_of_zero_width_characters_alone(tmp_path) -> None:
    data = sample_data(tmp_path, SAMPLE.replace("lead: 组宣部", 'lead: "\\u200b\\ufeff"', 1))
    result = runner.invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 2
    assert "lead[1]：不能为空（只有空白或零宽字符）" in result.stderr


def test_check_refuses_a_text_longer_than_an_excel_cell_holds(tmp_path) -> None:
    long = "长" * 32_768
    data = sample_data(
        tmp_path, SAMPLE.replace("content: 开展“科学家精神宣讲”活动。", f"content: {long}")
    )
    result = runner.invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 2
    assert ":24: 任务 2：content：超过 32,767 个字符，请缩短" in result.stderr


@pytest.mark.parametrize(
    ("old", "key", "limit"), [("lead: 组宣部", "lead", 100), ("section: 政治引领", "section", 500)]
)
def test_check_refuses_a_name_or_heading_far_longer_than_any(tmp_path, old, key, limit) -> None:
    text = SAMPLE.replace(old, f"{key}: {'长' * (limit + 1)}", 1)
    result = runner.invoke(app, ["check", "--data", str(sample_data(tmp_path, text))])
    assert result.exit_code == 2
    assert f"超过 {limit:,} 个字符，请缩短" in result.stderr


@pytest.mark.parametrize("year", ["1" + "0" * 400, "-5", "0"])
def test_check_refuses_a_year_no_later_command_could_count_with(tmp_path, year) -> None:
    data = sample_data(tmp_path, SAMPLE.replace("year: 2025", f"year: {year}"))
    for command in (["check"], ["list"]):
        result = runner.invoke(app, [*command, "--data", str(data)])
        assert result.exit_code == 2, result.output
        assert "year：年度应为 1900–9999 的年份" in result.stderr


@pytest.mark.parametrize("value", ["{}", "[]", "{a: 1}"])
def test_check_says_a_date_written_as_a_list_or_mapping_is_no_date(tmp_path, value) -> None:
    text = SAMPLE.replace("date: '2025-03-31'", f"date: {value}", 1)
    result = runner.invoke(app, ["check", "--data", str(sample_data(tmp_path, text))])
    assert result.exit_code == 2
    assert "history[1].date：应为日期" in result.stderr and "内部错误" not in result.stderr
