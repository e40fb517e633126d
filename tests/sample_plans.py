"""A small task plan for the listing and report tests, with the facts each test relies on.

Plan start 2025.1. At the dates the tests use:
- task 1 (办公室、机关党委 lead; 郑昌盛、陈汉平; due 2025.12): 党组会学习 at least 12, done 6;
  history 0→3 on 2025-03-31, 3→6 on 2025-06-30.
- task 2 (组宣部; 陈汉平; due 2025.6): 宣讲 at least 10, done 10 — met: 已完成.
- task 3 (普及部（中心）; 李麟; due 2025.6): 科普活动 about 100, done 20 — 滞后 in mid-June,
  逾期 from July.
- task 4 (学会部, 组宣部 supports; 李义词; due 2025.9): nothing to count, marked in_progress.
- task 5 (市科技馆; 李义词; due 2025.12): range 1-2, done 0 — 未开始 early in the year.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

SAMPLE = """
plan:
  title: 测试市科协2025年重点工作任务分解清单
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  section: 政治引领
  focus: 加强理论学习
  content: 组织党组会学习，跟进学习最新讲话精神。
  measures:
  - 全年组织党组会学习不少于12次。
  lead: [办公室, 机关党委]
  support: [机关各部室]
  leaders: [郑昌盛, 陈汉平]
  due: '2025.12'
  targets:
  - {name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 6}
  history:
  - {date: '2025-03-31', target: 1, before: 0, after: 3, by: 张三}
  - {date: '2025-06-30', target: 1, before: 3, after: 6, by: 张三, note: 半年}
- id: 2
  section: 政治引领
  focus: 大力弘扬科学家精神
  content: 开展“科学家精神宣讲”活动。
  measures:
  - 宣讲不少于10场。
  lead: 组宣部
  support: [普及部（中心）, 办公室]
  leaders: 陈汉平
  due: '2025.6'
  targets:
  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 10}
- id: 3
  section: 科学普及
  focus: 丰富科普活动
  content: 开展青少年科普活动，覆盖全市学校。
  measures:
  - 组织100人左右参加科普活动。
  lead: 普及部（中心）
  support: [学会部]
  leaders: 李麟
  due: '2025.6'
  targets:
  - {name: 科普活动, target: 100, unit: 人, comparator: about, done: 20}
- id: 4
  section: 科学普及
  focus: 学会服务
  content: 推动学会规范化建设。
  lead: 学会部
  support: [组宣部]
  leaders: 李义词
  due: '2025.9'
  status: in_progress
- id: 5
  section: 科技馆
  focus: 场馆运营
  content: 举办科技馆主题展览。
  lead: 市科技馆
  leaders: 李义词
  due: '2025.12'
  targets:
  - {name: 主题展览, target: 1-2, unit: 场, comparator: range, done: 0}
"""


# Tasks of every kind an update meets: nothing to count (1), three targets (13), a range (20).
UPDATES = """
plan:
  title: 测试清单
  year: 2025
tasks:
- id: 1
  due: '2025.12'
  targets: []
- id: 13
  due: '2025.12'
  status: in_progress
  targets:
  - name: 公民科学素质比例
    target: 16
    unit: '%'
    done: 12
  - name: 科普讲座场次
    target: 20
    unit: 场
    done: 5
  - name: 科普讲座人次
    target: 1000
    unit: 人次
- id: 20
  due: '2025.6'
  targets:
  - name: 科协讲堂
    target: 1-2
    comparator: range
    unit: 期
    done: 0.1
"""


def valid_plan(text: str = UPDATES):
    """A plan's text, validated (a test's plan must be valid to test anything else)."""
    from kexie_cli.plans.validate import validate
    from kexie_cli.plans.yaml_read import parse_yaml

    plan, findings = validate(parse_yaml(textwrap.dedent(text), "plan.yaml"))
    assert not findings, findings
    return plan


def sample_data(folder: Path, text: str = SAMPLE) -> Path:
    """Write the sample plan into its own data folder; return the folder."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    (data / "2025_tasks.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return data


def sample_plan():
    """The sample plan, validated."""
    return valid_plan(SAMPLE)


def table_rows(text: str) -> list[list[str]]:
    """Cells of a Rich table with lines between rows, each folded cell joined back up."""
    rows, current = [], None
    for line in text.splitlines():
        if line.startswith("│"):
            parts = [p.strip() for p in line.strip("│").split("│")]
            current = (
                parts if current is None else [a + b for a, b in zip(current, parts, strict=True)]
            )
        elif current is not None:
            rows.append(current)
            current = None
    return rows


# A year of the 督办 record (see "Reading the record" in docs/commands.md). Plan start 2025.1:
# - task 1 (due 2025.6): extended in May to 2025.9; a leader's comment 06-10, a report 06-30
#   after it; its target met 08-15 — 延期后完成.
# - task 2 (due 2025.6, nothing to count): a report 04-30; marked done 07-10 — 逾期完成.
# - task 3 (due 2025.6): its target met 06-20 — 按期完成.
# - task 4 (due 2025.7, in progress): a report of a problem only, 06-30; due soon in July.
# - task 5 (due 2025.6): asked for more time 06-20; extended to 2025.10 on 07-05, so a June
#   report is the same before and after that day.
RECORD = """
plan:
  title: 测试市科协督办台账
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  section: 组织建设
  content: 发展个人会员。
  lead: 组宣部
  leaders: 郑昌盛
  due: '2025.6'
  targets:
  - {name: 会员发展, target: 100, unit: 人, comparator: at_least, done: 120}
  history:
  - {date: '2025-03-31', target: 1, before: 0, after: 40, by: 张三}
  - date: '2025-05-20'
    kind: extension
    due_before: '2025.6'
    due_after: '2025.9'
    reason: 场地调整
    by: 办公室
  - {date: '2025-06-10', kind: comment, comment: 抓紧推进，月底前报进展, by: 郑昌盛}
  - date: '2025-06-30'
    kind: report
    note: 已发展会员60人
    problem: 基层积极性不高
    next: 7月集中宣传
    by: 张三
  - {date: '2025-06-30', target: 1, before: 40, after: 60, by: 张三}
  - {date: '2025-08-15', target: 1, before: 60, after: 120, by: 张三}
- id: 2
  section: 组织建设
  content: 制定学会改革方案。
  lead: 学会部
  leaders: 李义词
  due: '2025.6'
  status: done
  history:
  - {date: '2025-04-30', kind: report, note: 已制定方案初稿, by: 李四}
  - {date: '2025-07-10', status: done, status_before: in_progress, by: 李四}
- id: 3
  section: 科学普及
  content: 开展科学家精神宣讲。
  lead: 组宣部
  leaders: 陈汉平
  due: '2025.6'
  targets:
  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 10}
  history:
  - {date: '2025-06-20', target: 1, before: 4, after: 10}
- id: 4
  section: 科学普及
  content: 建设科普基地。
  lead: 普及部
  leaders: 李麟
  due: '2025.7'
  status: in_progress
  history:
  - {date: '2025-06-30', kind: report, problem: 经费未到位}
- id: 5
  section: 科技馆
  content: 举办科技辅导员培训。
  lead: 学会部
  leaders: 李义词
  due: '2025.6'
  targets:
  - {name: 培训, target: 5, unit: 期, comparator: at_least, done: 2}
  history:
  - {date: '2025-05-31', target: 1, before: 0, after: 2}
  - {date: '2025-06-20', kind: request, due_after: '2025.10', reason: 师资未落实, by: 学会部}
  - date: '2025-07-05'
    kind: extension
    due_before: '2025.6'
    due_after: '2025.10'
    reason: 师资未落实
    by: 办公室
"""


def record_plan(text: str = RECORD):
    """The plan with a year's 督办 record, validated."""
    from kexie_cli.plans.validate import validate
    from kexie_cli.plans.yaml_read import parse_yaml

    plan, findings = validate(parse_yaml(textwrap.dedent(text), "record"))
    assert not findings, findings
    return plan
