"""core/forms: who has reported — each department's 牵头 and 配合 counts are its form's tasks."""

from __future__ import annotations

import datetime as dt

from kexie_cli.core.forms import department_rows, reporting
from tests.sample_plans import valid_plan

PLAN = """
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
tasks:
- {id: 1, content: 甲, lead: [组宣部], due: '2025.12'}
- {id: 2, content: 乙, lead: [组宣部], due: '2025.12',
   history: [{date: '2025-04-10', kind: cancel, reason: 不再实施}]}
- {id: 3, content: 丙, lead: [组宣部], due: '2025.12',
   history: [{date: '2025-04-12', kind: pause, reason: 等待, until: '2025.8'}]}
- {id: 4, content: 丁, lead: [办公室], support: [组宣部], due: '2025.12'}
- {id: 5, content: 戊, lead: [办公室], support: [组宣部], due: '2025.12',
   history: [{date: '2025-04-10', kind: cancel, reason: 不再实施}]}
"""


def counts(as_of: dt.date) -> tuple[int, int]:
    (found,) = reporting(valid_plan(PLAN), [("组宣部", {"组宣部"})], as_of, as_of)
    return found.lead, found.support


def test_tasks_cancelled_or_paused_are_counted_nowhere_as_they_are_on_no_form():
    assert counts(dt.date(2025, 3, 31)) == (3, 2)
    assert counts(dt.date(2025, 5, 31)) == (1, 1)
    assert counts(dt.date(2025, 9, 30)) == (2, 1)  # the pause lapsed at the end of August
    rows = department_rows(valid_plan(PLAN), {"组宣部"}, dt.date(2025, 5, 31))
    assert {r.task_id for r in rows} == {1, 4}
