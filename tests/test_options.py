"""The options as typed: each parser takes good values and refuses bad ones with one Chinese
line, and through the CLI a refusal is one line on stderr, exit 2."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.models import Mark
from kexie_cli.core.problems import KexieError
from kexie_cli.core.status import Status
from kexie_cli.core.update import Request
from kexie_cli.options import (
    DataOption,
    ImportDataOption,
    ImportPlanOption,
    PlanOption,
    parse_date,
    parse_status,
)
from kexie_cli.record_options import (
    make_request,
    parse_count,
    parse_mark,
    parse_ref,
    parse_update_date,
)
from tests.sample_plans import sample_data

runner = CliRunner()


def one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


# ---- each parser ------------------------------------------------------------------------------


def test_ref_is_a_task_number_or_number_dot_target():
    assert parse_ref("13") == (13, None)
    assert parse_ref(" 13.2 ") == (13, "2")
    assert parse_ref("13.讲座") == (13, "讲座")


@pytest.mark.parametrize("text", ["x", "0", "13.", "-1", ".2", ""])
def test_bad_ref_is_refused(text):
    with pytest.raises(KexieError, match="任务编号") as caught:
        parse_ref(text)
    one_line(caught)


def test_counts_are_finite_non_negative_numbers():
    assert parse_count("--done", "12") == 12.0
    assert parse_count("--add", " 2.5 ") == 2.5
    assert parse_count("--add", "0") == 0.0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("abc", "不是数字"),
        ("", "不是数字"),
        ("-1", "不能为负数"),
        ("nan", "不是有限的数字"),
        ("inf", "不是有限的数字"),
        ("1e999", "不是有限的数字"),
    ],
)
def test_bad_counts_are_refused(text, words):
    with pytest.raises(KexieError, match=words) as caught:
        parse_count("--done", text)
    assert one_line(caught).startswith("--done 的值")


@given(st.text(max_size=20))
def test_any_count_text_is_a_finite_count_or_one_line_refusal(text):
    try:
        value = parse_count("--add", text)
    except KexieError as error:
        assert str(error).startswith("--add 的值") and "\n" not in str(error)
    else:
        assert math.isfinite(value) and value >= 0


def test_dates_are_iso_dates():
    assert parse_date("2025-06-30") == dt.date(2025, 6, 30)
    assert parse_date(" 2025-06-30 ", "--as-of") == dt.date(2025, 6, 30)


@pytest.mark.parametrize("bad", ["2025-13-01", "2025/06/30", "yesterday", "2025-02-30", ""])
def test_bad_dates_name_the_option_and_the_format(bad):
    with pytest.raises(KexieError, match="不是日期") as caught:
        parse_date(bad, "--as-of")
    message = one_line(caught)
    assert message.startswith("--as-of 的值") and "YYYY-MM-DD" in message


@given(st.dates())
def test_every_date_reads_back_as_written(day):
    assert parse_date(day.isoformat()) == day


def test_an_update_date_may_be_today_but_not_later():
    today = dt.date.today()
    assert parse_update_date(today.isoformat()) == today
    with pytest.raises(KexieError, match="晚于今天") as caught:
        parse_update_date((today + dt.timedelta(days=1)).isoformat())
    assert one_line(caught).startswith("--date 的值")


def test_marks_are_the_three_hand_set_statuses():
    assert [parse_mark(m.value) for m in Mark] == list(Mark)
    with pytest.raises(KexieError, match="--status 的值 'behind' 无效") as caught:
        parse_mark("behind")  # a status worked out, not one set by hand
    one_line(caught)


def test_statuses_by_key_or_by_the_lists_word():
    for status in Status:
        assert parse_status(status.value) is status
        assert parse_status(f" {status.label} ") is status
    assert parse_status("BEHIND") is Status.BEHIND
    with pytest.raises(typer.BadParameter, match="未知状态 'late'"):
        parse_status("late")


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        (["list"], "'table', 'json', 'csv', 'tsv', 'md'"),
        (["show", "1"], "'table', 'json', 'csv', 'tsv', 'md'"),
        (["report"], "'table', 'json', 'csv', 'tsv', 'md', 'docx'"),
        (["export"], "'xlsx', 'csv', 'ics'"),
        (["progress", "1", "--done", "1"], "'text', 'json'"),
        (["comment", "1", "好", "--by", "张三"], "'text', 'json'"),
        (["extend", "3", "2025.9", "--reason", "x"], "'text', 'json'"),
    ],
)
def test_every_format_option_refuses_in_one_style(tmp_path, command, choices):
    """--format is declared once (options.py): the same words for every command (the outcome
    commands once had their own), any case taken."""
    data = ["--data", str(sample_data(tmp_path))]
    result = runner.invoke(app, [*command, "--format", "xml", *data])
    assert result.exit_code == 2
    assert result.stderr == (
        f"kexie: 用法错误：--format 的值无效：'xml' 不是可用值之一：{choices}"
        f"（运行 kexie {command[0]} -h 查看用法）\n"
    )
    shouting = runner.invoke(app, [*command, "--format", choices.split("'")[1].upper(), *data])
    assert "--format" not in shouting.stderr


def test_request_refuses_combinations_that_mean_nothing():
    with pytest.raises(KexieError, match="不能同时使用"):
        make_request("13", done="1", add="1")
    with pytest.raises(KexieError, match="没有要登记的内容"):
        make_request("13", by="张三")
    with pytest.raises(KexieError, match="矛盾"):
        make_request("13.2", done="1", target="1")
    with pytest.raises(KexieError, match="--status"):
        make_request("13", status="finished")


def test_request_reads_every_option():
    request = make_request(
        "13.2", add="3", status="done", date="2025-06-30", by=" 张三 ", note="六月"
    )
    assert request == Request(
        13, "2", None, 3.0, Mark.DONE, dt.date(2025, 6, 30), by="张三", note="六月"
    )
    with pytest.raises(KexieError, match="--note 不能为空"):
        make_request("13", done="1", note="  ")
    assert make_request("13", done="1").date == dt.date.today()


# ---- through the CLI ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["list", "--as-of", "2025/06/01"], "--as-of 的值 '2025/06/01' 不是日期"),
        (["report", "--as-of", "六月"], "--as-of 的值 '六月' 不是日期"),
        (["list", "--status", "late"], "未知状态 'late'"),
        (["list", "--due", "2025.13"], "--due"),
        (["list", "--format", "xml"], "--format"),
        (["progress", "1", "--done", "1", "--format", "xml"], "--format 的值无效"),
        (["progress", "1", "--done", "1", "--date", "2999-01-01"], "晚于今天"),
        (["progress", "1.x", "--done", "-1"], "不能为负数"),
        (["progress", "x", "--done", "1"], "任务编号 'x' 无效"),
    ],
)
def test_a_bad_value_is_one_chinese_line_and_exit_2(tmp_path, args, words):
    path = sample_data(tmp_path) / "2025_tasks.yaml"
    before = path.read_bytes()
    result = runner.invoke(app, [*args, "--data", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("kexie: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert path.read_bytes() == before


def test_data_and_plan_are_declared_once_also_as_an_import_takes_them():
    """`import` reads --data as the folder it writes into and --plan as the year it writes:
    the same options with their own help, declared here (options.py), not in the command."""
    tiny = typer.Typer()

    @tiny.command()
    def both(data: ImportDataOption = None, plan: ImportPlanOption = None) -> None:
        print(data, plan)

    ran = runner.invoke(tiny, ["--data", "out", "--plan", "2026"])
    assert ran.stdout.split() == ["out", "2026"]
    helped = runner.invoke(tiny, ["--help"], terminal_width=200).stdout
    assert "写入的数据文件夹" in helped and "默认从标题、日期识别" in helped
    assert DataOption != ImportDataOption and PlanOption != ImportPlanOption
