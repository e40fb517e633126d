"""A province's tree of plans for the issue-29 tests: the facts each test relies on.

- 湖北省科协 (省): its 2025 work points 1–3 (湖北省科协/2025_points.yaml).
- 黄石市科协 (市, under the province): task 19 各县科普活动 by place, 大冶市 200 and 阳新县 150,
  implements point 3, its own file holds no figure for either place; task 1 党组会学习 12,
  done 6, implements point 1.
- 大冶市科协 (县, under 黄石): task 7, 科普活动 200 场, reports_to 黄石 19.1 大冶市;
  figure 0→120 dated 2025-06-28.
- 阳新县科协 (县, under 黄石): task 3, 科普活动 150 场, reports_to 黄石 19.1 阳新县;
  figures 0→40 on 2025-05-31 and 40→90 on 2025-07-20.
- 十堰市科协 (市, under the province): task 1 (done 10 of 10, implements point 1); task 2,
  a whole target of 5 that 郧阳区科协's task 1 reports into (done 2, dated 2025-06-15).

So as of 2025-06-30: 黄石 19.1 is 大冶市 120 (大冶市科协 任务 7，2025-06-28), 阳新县 40; as of
2025-07-31, 阳新县 90. 十堰 2.1 is 2 (郧阳区科协 任务 1，2025-06-15).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

PROVINCE = """
plan:
  title: 省科协2025年工作要点
  year: 2025
  org: 湖北省科协
sections:
- {id: 一, title: 政治引领}
- {id: 二, title: 科学普及}
points:
- {id: 1, section: 政治引领, title: 加强政治建设, content: 加强政治建设。}
- {id: 2, section: 政治引领, title: 深化改革, content: 深化改革。}
- {id: 3, section: 科学普及, title: 科普活动进基层, content: 各地开展科普活动。}
"""

HUANGSHI = """
plan:
  title: 黄石市科协2025年重点工作任务分解清单
  year: 2025
  org: 黄石市科协
  level: 市
  parent: 湖北省科协
tasks:
- id: 1
  focus: 理论学习
  lead: [办公室]
  due: '2025.12'
  targets:
  - {name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 6}
  implements: {year: 2025, point: 1}
- id: 19
  focus: 科普活动
  lead: [普及部]
  due: '2025.12'
  targets:
  - name: 各县科普活动
    target: 150
    unit: 场
    comparator: at_least
    units:
      大冶市: 200
      阳新县: 150
  implements: {year: 2025, point: 3}
"""

DAYE = """
plan:
  title: 大冶市科协2025年重点工作任务
  year: 2025
  org: 大冶市科协
  level: 县
  parent: 黄石市科协
tasks:
- id: 7
  focus: 科普活动
  lead: [科普股]
  due: '2025.12'
  targets:
  - name: 科普活动
    target: 200
    unit: 场
    comparator: at_least
    done: 120
    reports_to: {org: 黄石市科协, year: 2025, task: 19, target: 1, place: 大冶市}
  history:
  - {date: '2025-06-28', target: 1, before: 0, after: 120, by: 科普股}
"""

YANGXIN = """
plan:
  title: 阳新县科协2025年重点工作任务
  year: 2025
  org: 阳新县科协
  level: 县
  parent: 黄石市科协
tasks:
- id: 3
  focus: 科普活动
  lead: [办公室]
  due: '2025.12'
  targets:
  - name: 科普活动
    target: 150
    unit: 场
    comparator: at_least
    done: 90
    reports_to: {org: 黄石市科协, year: 2025, task: 19, target: 1, place: 阳新县}
  history:
  - {date: '2025-05-31', target: 1, before: 0, after: 40}
  - {date: '2025-07-20', target: 1, before: 40, after: 90}
"""

SHIYAN = """
plan:
  title: 十堰市科协2025年重点工作任务分解清单
  year: 2025
  org: 十堰市科协
  level: 市
  parent: 湖北省科协
tasks:
- id: 1
  focus: 理论学习
  lead: [办公室]
  due: '2025.6'
  targets:
  - {name: 学习, target: 10, unit: 次, done: 10}
  implements: {year: 2025, point: 1}
- id: 2
  focus: 科普大篷车
  lead: [普及部]
  due: '2025.12'
  targets:
  - {name: 大篷车进县, target: 5, unit: 次}
"""

YUNYANG = """
plan:
  title: 郧阳区科协2025年重点工作任务
  year: 2025
  org: 郧阳区科协
  level: 县
  parent: 十堰市科协
tasks:
- id: 1
  focus: 科普大篷车
  lead: [办公室]
  due: '2025.12'
  targets:
  - name: 大篷车
    target: 5
    unit: 次
    done: 2
    reports_to: {org: 十堰市科协, year: 2025, task: 2}
  history:
  - {date: '2025-06-15', target: 1, before: 0, after: 2}
"""

FILES = {
    "湖北省科协/2025_points.yaml": PROVINCE,
    "湖北省科协/黄石市科协/2025_tasks.yaml": HUANGSHI,
    "湖北省科协/黄石市科协/大冶市科协/2025_tasks.yaml": DAYE,
    "湖北省科协/黄石市科协/阳新县科协/2025_tasks.yaml": YANGXIN,
    "湖北省科协/十堰市科协/2025_tasks.yaml": SHIYAN,
    "湖北省科协/十堰市科协/郧阳区科协/2025_tasks.yaml": YUNYANG,
}


def write_tree(root: Path, changed: dict[str, str] | None = None) -> Path:
    """The tree under root (a folder per organisation, nested as they are); `changed`: files
    (by their names in FILES) written with other text."""
    for name, text in FILES.items():
        text = (changed or {}).get(name, text)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root
