"""The shared sentence helpers: clauses never cut inside quotes or brackets, figures capped."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.models import Comparator, Target, Task
from kexie_cli.core.months import Month
from kexie_cli.core.status import Status, TargetState, TaskState
from kexie_cli.output.prose import figure_text, first_clause, gist, sentence

_PAIRS = ("“”", "（）", "《》", "「」", "()")
_PLAIN = st.text(alphabet="科普讲堂活动，。；！", min_size=0, max_size=8)


@st.composite
def quoted_text(draw) -> str:
    """Plain runs and quoted or bracketed runs, which may hold commas and full stops."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            pair = draw(st.sampled_from(_PAIRS))
            parts.append(pair[0] + draw(_PLAIN) + pair[1])
        else:
            parts.append(draw(_PLAIN))
    return "".join(parts)


def _balanced(text: str) -> bool:
    return all(text.count(pair[0]) == text.count(pair[1]) for pair in _PAIRS)


@given(quoted_text())
def test_a_first_clause_is_a_prefix_that_closes_every_quote(text: str) -> None:
    clause = first_clause(text)
    assert text.strip().startswith(clause)
    assert _balanced(clause)


def test_the_shipped_task_7_keeps_its_quote_whole() -> None:
    text = (
        "梳理黄石市优秀青年科技工作者、首届“黄石最美科技工作者”以及其他渠道推荐的人才，酝酿推荐。"
    )
    assert first_clause(text) == text[: text.index("，")]
    task = Task(id=7, due=Month(2025, 8), content="", measures=[text])
    assert gist(task).endswith("推荐的人才")


def test_sentence_ends_once() -> None:
    assert sentence("已开展宣讲2场") == "已开展宣讲2场。"
    assert sentence("已开展宣讲2场；") == "已开展宣讲2场。"
    assert sentence("他说“好。”") == "他说“好。”"


@given(st.floats(0, 10_000, allow_nan=False), st.integers(1, 500))
def test_a_figure_never_reads_over_100_percent(done: float, aim: int) -> None:
    target = Target(name="宣讲", target=aim, unit="场", comparator=Comparator.AT_LEAST, done=done)
    text = figure_text(TargetState(1, target, done))
    percents = [float(p) for p in re.findall(r"(\d+(?:\.\d+)?)%", text)]
    assert all(p <= 100 for p in percents)
    assert ("已完成" in text) == (done >= aim)


def test_a_comment_without_its_own_full_stop_gets_one_after_the_quote():
    import datetime as dt

    from kexie_cli.core.models import EntryKind, HistoryEntry, Task
    from kexie_cli.core.months import Month
    from kexie_cli.output.prose import comment_text

    task = Task(id=8, due=Month(2025, 12))
    said = HistoryEntry(
        date=dt.date(2025, 4, 10), kind=EntryKind.COMMENT, comment="抓紧推进", by="陈汉平"
    )
    assert (
        comment_text(task, said, [])
        == "陈汉平同志4月10日对任务8批示：“抓紧推进”。落实情况：尚未报送。"
    )


# ---- who a report is credited to ---------------------------------------------------------------

CREDITED = """
plan:
  title: 测试
  year: 2025
departments:
  aliases: {市馆: 市科技馆}
tasks:
- id: 1
  content: 学习。
  lead: [办公室, 机关党委]
  support: [普及部（中心）]
  due: '2025.12'
  history:
  - {date: '2025-03-31', kind: report, note: 甲, by: 办公室}
  - {date: '2025-04-30', kind: report, note: 乙, by: 普及部（中心）（王五）}
  - {date: '2025-05-31', kind: report, note: 丙, by: 市馆}
  - {date: '2025-06-10', kind: report, note: 丁, by: 大冶市科协（赵六）}
  - {date: '2025-06-20', kind: report, note: 戊, by: 张三}
  - {date: '2025-06-30', kind: report, note: 己}
- id: 20
  content: 队伍。
  due: '2025.12'
  history:
  - {date: '2025-06-30', kind: report, note: 庚}
  - {date: '2025-07-01', kind: request, due_after: '2026.3', reason: 材料不全, by: 阳新县科协（钱七）}
  - date: '2025-07-02'
    kind: extension
    due_before: '2025.12'
    due_after: '2026.1'
    reason: 材料不全
- id: 21
  content: 馆。
  lead: [市科技馆]
  due: '2025.12'
"""


def test_a_report_is_credited_to_the_department_that_sent_it() -> None:
    from kexie_cli.output.prose import Credit
    from tests.sample_plans import record_plan

    plan = record_plan(CREDITED)
    credit = Credit(plan)
    one, twenty = plan.tasks[0], plan.tasks[1]
    assert [credit(one, r) for r in one.history] == [
        "办公室",  # a co-lead alone, never 办公室、机关党委
        "普及部（中心）",  # a form's signature: the department, as the plan writes it
        "市科技馆",  # an alias: its department
        "大冶市科协",  # a signer the plan does not list, less the form's （填报人）
        "张三",  # anyone else as signed
        "办公室、机关党委",  # no `by`: the task's lead
    ]
    assert credit(twenty, twenty.history[0]) == ""  # no `by`, no lead: no one, no placeholder


def test_wording_with_no_one_to_credit_has_no_placeholder() -> None:
    from kexie_cli.output.prose import Credit, according, extensions_text, tagged
    from tests.sample_plans import record_plan

    plan = record_plan(CREDITED)
    twenty = plan.tasks[1]
    assert according("组宣部", dt.date(2025, 6, 25)) == "据组宣部6月25日报告，"
    assert according("", dt.date(2025, 6, 25), "反映") == "6月25日反映："
    assert (tagged(twenty, ""), tagged(twenty, "组宣部")) == ("（任务20）", "（任务20，组宣部）")
    state = TaskState(twenty, (), None, None, Status.IN_PROGRESS, twenty.due)
    asked, moved = (extensions_text([state], dt.date(2025, day, 1), Credit(plan)) for day in (7, 8))
    assert asked == ["任务20（阳新县科协）于7月1日申请延期至2026年3月，理由：材料不全，待审批。"]
    assert moved == ["任务20经批准由2025年12月延期至2026年1月，原因：材料不全。"]
