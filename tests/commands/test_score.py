"""`kexie score` through the CLI: the scores a person works out by hand from the plan, in
every format; by leader; at an earlier date; bad rules files refused at file:line."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA, write_plan
from tests.score_plans import (
    BY_DEPT_JUNE,
    BY_DEPT_MARCH,
    BY_LEADER_JUNE,
    EVALUATION,
    PLAN,
    RULES,
)

runner = CliRunner()


@pytest.fixture
def office(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write_plan(data, "2025_tasks.yaml", PLAN)
    write_plan(tmp_path, "rules.yaml", RULES + EVALUATION)
    write_plan(tmp_path, "leaders.yaml", RULES)
    return tmp_path


def score(office, *args: str) -> str:
    result = runner.invoke(app, ["score", "--data", str(office / "data"), *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def json_scores(office, *args: str) -> dict:
    data = json.loads(score(office, *args, "--format", "json"))
    return {s["name"]: s for s in data["scores"]}


def test_json_scores_are_the_hand_computation_and_add_up(office):
    rules = str(office / "rules.yaml")
    found = json_scores(office, "--rules", rules, "--as-of", "2025-06-30")
    assert {name: s["score"] for name, s in found.items()} == BY_DEPT_JUNE
    for entry in found.values():
        assert round(100 + sum(line["points"] for line in entry["lines"]), 2) == entry["score"]
        assert all(set(line) == {"item", "task", "points", "why"} for line in entry["lines"])
    assert [found["组宣部"]["rank"], found["学会部"]["rank"]] == [1, 2]
    lines = [(x["item"], x["task"], x["points"], x["why"]) for x in found["组宣部"]["lines"]]
    assert ("按时完成率", 2, -10, "逾期完成（2025-05-15，时限 2025.4）") in lines
    assert ("进展报送", 2, -1, "2025年3月未报送进展") in lines
    assert ("预警", 2, -3, "2025-04-30 达到红色预警") in lines
    assert ("领导评价", None, 5, "领导评价") in lines
    society = [(x["item"], x["task"], x["points"]) for x in found["学会部"]["lines"]]
    assert ("延期", 3, -0.5) in society and ("进展报送", None, 6) in society  # held to 4


def test_json_keys_are_stable(office):
    data = json.loads(
        score(
            office,
            "--rules",
            str(office / "rules.yaml"),
            "--as-of",
            "2025-06-30",
            "--format",
            "json",
        )
    )
    assert list(data) == ["as_of", "by", "rules", "scores", "set_aside"]
    assert data["by"] == "dept" and data["as_of"] == "2025-06-30"
    assert list(data["scores"][0]) == ["name", "score", "rank", "tasks", "lines"]


def test_by_leader(office):
    found = json_scores(
        office, "--rules", str(office / "leaders.yaml"), "--as-of", "2025-06-30", "--by", "leader"
    )
    assert {name: s["score"] for name, s in found.items()} == BY_LEADER_JUNE


def test_as_of_an_earlier_day_replays_the_record(office):
    """At March's end task 3 was not yet extended, task 2 not yet due, task 4 not overdue."""
    found = json_scores(office, "--rules", str(office / "rules.yaml"), "--as-of", "2025-03-31")
    assert {name: s["score"] for name, s in found.items()} == BY_DEPT_MARCH
    items = {line["item"] for s in found.values() for line in s["lines"] if line["points"]}
    assert "延期" not in items  # task 3 was extended in May
    warned = [line["why"] for s in found.values() for line in s["lines"] if line["item"] == "预警"]
    assert warned == ["2025-02-28 达到橙色预警"] * 2  # tasks 3 and 4; no red before May


def test_csv_has_the_scores_then_every_line(office):
    out = score(
        office, "--rules", str(office / "rules.yaml"), "--as-of", "2025-06-30", "--format", "csv"
    )
    scores, lines = (list(csv.reader(io.StringIO(part))) for part in out.split("\n\n"))
    assert scores[0] == ["牵头部室", "任务", "得分", "名次"]
    assert {row[0]: float(row[2]) for row in scores[1:]} == BY_DEPT_JUNE
    assert lines[0] == ["牵头部室", "考核项目", "任务", "加减分", "说明"]
    for name, total in BY_DEPT_JUNE.items():
        mine = [float(row[3]) for row in lines[1:] if row[0] == name]
        assert round(sum(mine), 2) == total  # the base is a line too
    assert ["学会部", "按时完成率", "4", "-20", "逾期未完成（时限 2025.5）"] in lines


def test_table_shows_each_score_and_its_lines(office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    out = score(office, "--rules", str(office / "rules.yaml"), "--as-of", "2025-06-30")
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if "│" in line]
    assert ["组宣部", "2", "88", "1"] in rows and ["学会部", "2", "63.54", "2"] in rows
    assert ["学会部", "延期", "3", "-0.5", "延期至 2025.12（2025-05-20）"] in rows
    assert "计分明细：测试考核细则" in out


def test_xlsx_a_sheet_of_scores_and_one_of_lines(office):
    written = office / "考核.xlsx"
    score(
        office,
        "--rules",
        str(office / "rules.yaml"),
        "--as-of",
        "2025-06-30",
        "--format",
        "xlsx",
        "-o",
        str(written),
    )
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["得分", "计分明细"]
    scores = list(book["得分"].iter_rows(min_row=4, values_only=True))
    assert {row[0]: row[2] for row in scores} == BY_DEPT_JUNE
    lines = list(book["计分明细"].iter_rows(min_row=4, values_only=True))
    assert ("组宣部", "进展报送", 1, -1, "2025年2月未报送进展") in lines
    assert all(isinstance(row[3], int | float) for row in lines)  # numbers Excel can sum
    again = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--format", "xlsx", "-o", str(written)]
    )
    assert again.exit_code == 2 and "--force" in again.stderr  # an existing file kept


def test_xlsx_needs_a_file(office):
    result = runner.invoke(app, ["score", "--data", str(office / "data"), "--format", "xlsx"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "-o" in result.stderr


def test_o_writes_a_text_format_to_a_file(office):
    written = office / "考核.json"
    assert score(office, "--as-of", "2025-06-30", "--format", "json", "-o", str(written)) == ""
    assert json.loads(written.read_text(encoding="utf-8"))["rules"]["title"].startswith("重点工作")


def test_the_shipped_rules_are_the_default_on_the_shipped_plan():
    for by in ("dept", "leader"):
        result = runner.invoke(
            app,
            ["score", "--data", str(DATA), "--as-of", "2025-12-31", "--by", by, "--format", "json"],
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["rules"]["title"] == "重点工作任务考核评分细则（示例）"
        for entry in data["scores"]:
            total = data["rules"]["base"] + sum(line["points"] for line in entry["lines"])
            assert round(total, 2) == entry["score"]


BAD = """\
title: 测试
base: abc
items:
  - kind: on_time
    name: 按时完成率
  - kind: speed
    name: 速度
  - kind: progress
    name: 序时进度
    weight: -1
    periods: ['2025.3']
  - kind: evaluation
    name: 领导评价
    max: 10
    points:
      组宣部: 12
  - kind: levels
    name: 预警
"""


def test_a_bad_rules_file_is_refused_every_problem_at_its_line(office):
    (office / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--rules", str(office / "bad.yaml")]
    )
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    at = [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines]
    assert at == ["2", "4", "6", "10", "11", "16", "17"]
    assert "base：应为数字" in lines[0]
    assert "第 1 项（按时完成率）：on_time 项缺少 weight" in lines[1]
    assert "kind：应为 'on_time'" in lines[2]
    assert "weight：应大于 0" in lines[3]
    assert "progress 项不应有 periods" in lines[4]
    assert "超过本项上限 10" in lines[5]
    assert "levels 项至少要有 red、orange 之一" in lines[6]


def test_rules_the_plan_does_not_bear_out_are_refused_at_their_line(office):
    (office / "other.yaml").write_text(
        RULES + EVALUATION + "      外星部: 3\n"
        "  - kind: extensions\n    name: 又一项延期\n    weight: 1\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--rules", str(office / "other.yaml")]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()  # the rules' own problems and the plan's, at once
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in lines] == ["16", "29", "30"]
    assert "extensions 项重复" in lines[0] and "extensions 项重复" in lines[2]
    assert lines[1] == (
        f"{office / 'other.yaml'}:29: 第 6 项（领导评价）：points.外星部：外星部 不是本计划的牵头部室"
    )
    quarterly = RULES.replace("    max: 4\n", "    periods: ['2024.12', '2025.6']\n")
    (office / "other.yaml").write_text(quarterly, encoding="utf-8")
    result = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--rules", str(office / "other.yaml")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{office / 'other.yaml'}:15: 第 3 项（进展报送）：periods[1]：月份 2024.12 不在计划 2025 年（自 2025.1 起）内"
    ]
    by_leader = runner.invoke(
        app,
        [
            "score",
            "--data",
            str(office / "data"),
            "--rules",
            str(office / "rules.yaml"),
            "--by",
            "leader",
        ],
    )
    assert by_leader.exit_code == 2 and "组宣部 不是本计划的责任领导" in by_leader.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: [\n", "格式错误"),
        ("- 1\n- 2\n", "不是考核细则文件"),
        ("title: x\nitems: []\nitems: []\n", "重复"),
    ],
)
def test_a_rules_file_that_is_not_one_is_refused_in_one_line(office, text, words):
    (office / "x.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--rules", str(office / "x.yaml")]
    )
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and words in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_rules_file(office):
    result = runner.invoke(
        app, ["score", "--data", str(office / "data"), "--rules", str(office / "无.yaml")]
    )
    assert result.exit_code == 2 and "文件不存在" in result.stderr


def test_the_readme_sample_is_what_score_prints_on_the_shipped_list():
    """Each row of the README's sample (but a cell cut short with …) is a row of the output."""
    from tests.test_readme import readme

    sample = readme().split("### 实例：年终考核计分\n", 1)[1].split("```text\n", 1)[1]
    sample = sample.split("```", 1)[0]
    shown = [[c.strip() for c in line.split("│")[1:-1]] for line in sample.splitlines()]
    shown = [row for row in shown if row and not any("…" in c for c in row)]
    assert len(shown) >= 9
    result = runner.invoke(
        app, ["score", "--data", str(DATA), "--as-of", "2025-06-30", "--format", "csv"]
    )
    rows = list(csv.reader(io.StringIO(result.stdout)))
    for row in shown[1:]:  # the header's words are the table's
        assert row in rows, row
