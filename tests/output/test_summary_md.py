"""The drafted summary: figures reached against targets by section, then what is behind."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.tally import build_report
from kexie_cli.output.summary_md import summary_text
from kexie_cli.plans.load import load_file

runner = CliRunner()

PLAN = """
plan:
  title: 某市科协2025年重点工作任务分解清单
  year: 2025
tasks:
- id: 1
  section: 聚焦政治引领
  content: 加强理论学习，提升能力。
  lead: 办公室
  leaders: 郑昌盛
  due: '2025.12'
  targets:
  - {name: 科协讲堂, target: 4, unit: 期, done: 4}
  - {name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 6}
- id: 2
  section: 聚焦政治引领
  content: 举办培训班。
  lead: 学会部
  leaders: 陈汉平
  due: '2025.3'
  targets:
  - {name: 培训科技工作者, target: 100, unit: 名, comparator: about, done: 20}
- id: 3
  section: 聚焦科普
  content: 开展科普活动。
  lead: [普及部, 市科技馆]
  leaders: [李麟]
  due: '2025.12'
  targets:
  - {name: 科普活动, target: 40, unit: 场, done: 0}
- id: 4
  section: 聚焦科普
  content: 建立联席会议机制。
  lead: 普及部
  due: '2025.12'
  status: done
"""


def _report(write, as_of=dt.date(2025, 6, 30)):
    plan, problems = load_file(write("p.yaml", PLAN))
    assert problems == []
    return build_report(plan, as_of, None, 10.0, "dept")


def test_done_figures_by_section_with_their_share_of_target(write) -> None:
    text = summary_text(_report(write))
    assert text.startswith("# 某市科协2025年重点工作任务分解清单完成情况（截至 2025-06-30）\n")
    first, second = text.index("## 一、聚焦政治引领"), text.index("## 二、聚焦科普")
    politics = text[first:second]
    assert "科协讲堂4期，完成目标100%" in politics
    assert "党组会学习6次，完成目标50%（目标不少于12次）" in politics
    science = text[second : text.index("## 存在的问题")]
    assert "任务 4（普及部）：建立联席会议机制，已完成。" in science
    assert "科普活动" not in science  # nothing reached yet: not a thing done


def test_behind_and_overdue_with_lead_and_leader(write) -> None:
    text = summary_text(_report(write))
    problems = text[text.index("## 存在的问题") :]
    lines = [line for line in problems.splitlines() if line[:1].isdigit()]
    assert len(lines) == 2
    assert lines[0].startswith("1. 任务 2 举办培训班——逾期（完成时限 2025.3")
    assert "牵头部室：学会部；责任领导：陈汉平" in lines[0]
    assert "任务 3" in lines[1] and "滞后" in lines[1]
    assert "牵头部室：普及部、市科技馆；责任领导：李麟" in lines[1]
    assert "科普活动已完成0场、目标40场" in lines[1]


def test_overview_counts(write) -> None:
    text = summary_text(_report(write))
    assert "任务共 4 项：已完成 1 项，逾期 1 项，滞后 1 项，进行中 1 项；完成率 25%。" in text


def test_no_trouble_says_so(write) -> None:
    text = summary_text(_report(write, dt.date(2025, 1, 1)))
    assert "暂无滞后或逾期的任务。" in text


def test_report_format_md_through_the_cli(write) -> None:
    path = write("p.yaml", PLAN)
    result = runner.invoke(
        app, ["report", "--data", str(path), "--as-of", "2025-06-30", "--format", "md"]
    )
    assert result.exit_code == 0, result.stderr
    assert "## 一、聚焦政治引领" in result.stdout
    assert "科协讲堂4期，完成目标100%" in result.stdout
    assert "|" not in result.stdout  # prose to edit, not a table
