"""A generated year for the warning levels (预警), with the levels worked out by hand.

Plan start 2025.1, default rules (蓝色 15 days, 黄色 10 points behind, 红色 overdue, 橙色 at 2
month ends in a row of 黄色). The 序时进度 at each month end of a task due 2025.12 is the days
gone over 365: Jan 8.5%, Feb 16.2%, Mar 24.7%, Apr 32.9%, May 41.4%, Jun 49.6%, Jul 58.1%,
Aug 66.6%, Sep 74.8%, Oct 83.3%, Nov 91.5%, Dec 100%. 黄色 when the share done is below it
by more than 10 points.

- task 1 (due 2025.12, 12 to do): done 0 to March, 4 from April 30, 6 from July 31, 7 from
  September 30, 8 from October 31, 11 from November 30, 12 on December 31.
- task 2 (due 2025.6, nothing to count): marked done on 2025-08-15.
- task 3 (due 2025.3, 10 to do, none done): extended on 2025-03-20 to 2025.9.
- task 4 (due 2025.2, 10 to do, none done): overdue in February, extended on 2025-03-10 to
  2025.12.
- task 5 (due 2025.12, 10 to do, none done): reminded (催办) on 2025-01-15 and 2025-02-10.
"""

from __future__ import annotations

import textwrap
from pathlib import Path


def _figures(steps: list[tuple[str, int]]) -> str:
    lines, before = [], 0
    for day, after in steps:
        lines.append(f"  - {{date: '{day}', target: 1, before: {before}, after: {after}}}")
        before = after
    return "\n".join(lines)


_TASK1 = [
    ("2025-04-30", 4),
    ("2025-07-31", 6),
    ("2025-09-30", 7),
    ("2025-10-31", 8),
    ("2025-11-30", 11),
    ("2025-12-31", 12),
]

YEAR = f"""
plan:
  title: 预警测试清单
  org: 测试市科协
  year: 2025
  start: '2025.1'
{{rules}}tasks:
- id: 1
  focus: 党组会学习
  content: 全年组织党组会学习不少于12次。
  lead: 办公室
  leaders: 郑昌盛
  due: '2025.12'
  targets:
  - {{name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 12}}
  history:
{_figures(_TASK1)}
- id: 2
  focus: 科技工作者日
  content: 组织全国科技工作者日活动。
  lead: 组宣部
  leaders: 陈汉平
  due: '2025.6'
  status: done
  history:
  - {{date: '2025-08-15', status: done}}
- id: 3
  focus: 培训班
  content: 举办科技工作者培训班。
  lead: 学会部
  leaders: 陈汉平
  due: '2025.3'
  targets:
  - {{name: 培训班, target: 10, unit: 期, comparator: at_least, done: 0}}
  history:
  - {{date: '2025-03-20', kind: extension, due_before: '2025.3', due_after: '2025.9', reason: 场地未落实}}
- id: 4
  focus: 学会走访
  content: 开展学会大走访。
  lead: 学会部
  leaders: 陈汉平
  due: '2025.2'
  targets:
  - {{name: 走访, target: 10, unit: 家, comparator: at_least, done: 0}}
  history:
  - {{date: '2025-03-10', kind: extension, due_before: '2025.2', due_after: '2025.12', reason: 调整计划}}
  - {{date: '2025-04-30', kind: report, note: 已制定走访方案, problem: 人手不足, next: 5月启动, by: 学会部}}
  - {{date: '2025-05-08', kind: comment, comment: 抓紧推进, by: 陈汉平}}
- id: 5
  focus: 科普讲座
  content: 举办科普讲座。
  lead: 普及部
  leaders: 李麟
  due: '2025.12'
  targets:
  - {{name: 科普讲座, target: 10, unit: 场, comparator: at_least, done: 0}}
  history:
  - {{date: '2025-01-15', kind: urge, to: 普及部, channel: stdout}}
  - {{date: '2025-02-10', kind: urge, to: 普及部, channel: stdout}}
"""

N, BL, YE, OR, RE = None, "blue", "yellow", "orange", "red"

# The level at each month end, January to December, by the rules applied by hand.
BY_HAND = {
    # Feb 0 < 6.2: 黄色; March the second in a row: 橙色; April 33.3 ≥ 22.9; June 33.3 < 39.6;
    # August 50 < 56.6, September 58.3 < 64.8 (橙色), October 66.7 < 73.3; December done.
    1: [N, YE, OR, N, N, YE, N, YE, OR, OR, N, N],
    # nothing to count: never 黄色; June 30 is its last day: overdue, 红色 until done in August
    2: [N, N, N, N, N, RE, RE, N, N, N, N, N],
    # due March: Jan 31/90 gone, Feb 59/90: 黄色 then 橙色; extended to September before its
    # end, still behind (橙色) until September 30: overdue
    3: [YE, OR, OR, OR, OR, OR, OR, OR, RE, RE, RE, RE],
    # due February: 黄色 in January, overdue (红色) on February 28; extended in March to
    # December: 黄色 afresh, 橙色 from April, 红色 again on December 31
    4: [YE, RE, YE, OR, OR, OR, OR, OR, OR, OR, OR, RE],
    # none done: 黄色 from February, 橙色 from March; the 催办 raise nothing by default
    5: [N, YE, OR, OR, OR, OR, OR, OR, OR, OR, OR, RE],
}

# With `urge_step: true`: task 5 reminded on February 10 while 黄色 goes up to 橙色, and 红色
# once the month ends make it 橙色 (the 催办 of January 15 found it at no level).
URGED = {5: [N, OR, RE, RE, RE, RE, RE, RE, RE, RE, RE, RE]}

URGE_RULES = "supervision:\n  urge_step: true\n"


def year_text(rules: str = "") -> str:
    return textwrap.dedent(YEAR).lstrip().replace("{rules}", rules)


def year_data(folder: Path, rules: str = "") -> Path:
    """The year's plan in its own data folder; the folder."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    (data / "2025_tasks.yaml").write_text(year_text(rules), encoding="utf-8")
    return data


def year_plan(rules: str = ""):
    from tests.sample_plans import valid_plan

    return valid_plan(year_text(rules))
