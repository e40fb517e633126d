"""A small plan and rules for the 考核 score tests, with the score worked out by hand.

Plan 2025 from January; four tasks (the record as of 2025-06-30):
- task 1 (组宣部; 甲; due 2025.3): 宣讲 ≥10, 0→4 on 01-31, 4→10 on 03-20: done on time.
  Nothing sent in February.
- task 2 (组宣部; 乙; due 2025.4): nothing to count; a report on 01-31, marked done on 05-15:
  done late; nothing sent in February, March or April; 逾期 at the end of April (red).
- task 3 (学会部; 甲; due 2025.9, extended on 05-20 to 2025.12): 活动 ≥100, 0→30 on 06-30;
  nothing sent January to May.
- task 4 (学会部; 乙; due 2025.5): 培训 ≥4, 0→2 on 03-31; not done: 逾期 from May 31 (red);
  nothing sent in January, February, April, May or June.
"""

from __future__ import annotations

PLAN = """
plan:
  title: 测试市科协2025年重点工作任务分解清单
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  content: 开展科学家精神宣讲。
  lead: 组宣部
  leaders: 甲
  due: '2025.3'
  targets:
  - {name: 宣讲, target: 10, unit: 场, comparator: at_least, done: 10}
  history:
  - {date: '2025-01-31', target: 1, before: 0, after: 4, by: 组宣部}
  - {date: '2025-03-20', target: 1, before: 4, after: 10, by: 组宣部}
- id: 2
  content: 制定宣传工作方案。
  lead: 组宣部
  leaders: 乙
  due: '2025.4'
  status: done
  history:
  - {date: '2025-01-31', kind: report, note: 已起草, by: 组宣部}
  - {date: '2025-05-15', status: done, by: 组宣部}
- id: 3
  content: 开展学会科普活动。
  lead: 学会部
  leaders: 甲
  due: '2025.9'
  targets:
  - {name: 活动, target: 100, unit: 场, comparator: at_least, done: 30}
  history:
  - {date: '2025-05-20', kind: extension, due_before: '2025.9', due_after: '2025.12', reason: 场地未落实}
  - {date: '2025-06-30', target: 1, before: 0, after: 30, by: 学会部}
- id: 4
  content: 举办学会秘书长培训。
  lead: 学会部
  leaders: 乙
  due: '2025.5'
  targets:
  - {name: 培训, target: 4, unit: 期, comparator: at_least, done: 2}
  history:
  - {date: '2025-03-31', target: 1, before: 0, after: 2, by: 学会部}
"""

RULES = """
title: 测试考核细则
base: 100
items:
  - kind: on_time
    name: 按时完成率
    weight: 20
  - kind: progress
    name: 序时进度
    weight: 2
    per: 10
  - kind: missing_reports
    name: 进展报送
    weight: 1
    max: 4
  - kind: extensions
    name: 延期
    weight: 0.5
  - kind: levels
    name: 预警
    red: 3
    orange: 1
"""

EVALUATION = """
  - kind: evaluation
    name: 领导评价
    max: 10
    points:
      组宣部: 5
"""

# By hand, as of 2025-06-30, by department (RULES + EVALUATION):
#   组宣部 100 − 10 (task 2 late: 20 ÷ 2 tasks judged) − 1 − 3 (reports) − 3 (task 2 red) + 5
#   学会部 100 − 20 (task 4 overdue: 20 ÷ 1) − 6.96 (mean 40% against 74.8%: 34.8 points
#          behind × 2 ÷ 10) − 10 + 6 (reports, held to 4) − 0.5 (task 3 extended) − 3 (red)
#          − 2 (orange: tasks 3 and 4, yellow — 0% against the 序时进度 — at the ends of
#          January and February, so orange on 02-28 by the default rules)
BY_DEPT_JUNE = {"组宣部": 88, "学会部": 63.54}
# By leader (RULES alone): 甲 (tasks 1, 3) 100 − 1.96 (65% against 74.8%) − 4 − 0.5 − 1
#   (task 3 orange); 乙 (tasks 2, 4) 100 − 20 − 10 (task 4: 50% against 100%) − 4 − 6 (two
#   reds) − 1 (task 4 orange)
BY_LEADER_JUNE = {"甲": 92.54, "乙": 59}
# As of 2025-03-31, by department: 组宣部 100 − 3 (task 1 Feb; task 2 Feb, Mar) + 5;
#   学会部 100 − 4.26 (25% against 46.3%) − 4 (5 missing, held to 4) − 2 (tasks 3 and 4
#   orange on 02-28); task 3 not yet extended
BY_DEPT_MARCH = {"组宣部": 102, "学会部": 89.74}
