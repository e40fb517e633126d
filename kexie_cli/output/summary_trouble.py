"""The summary's 存在的问题 and 下步工作打算: of the unfinished work alone, each task named by its
words (never its number), each problem and next step in its department's words from the
task's latest report by the date — what a department no longer repeats is no longer current.
"""

from __future__ import annotations

import datetime as dt

from kexie_cli.core import record
from kexie_cli.core.dates import day_words, month_day_words
from kexie_cli.core.models import HistoryEntry
from kexie_cli.core.months import Month, month_words
from kexie_cli.core.status import Status, TaskState
from kexie_cli.core.tally import Report
from kexie_cli.output import prose

TROUBLE = {Status.OVERDUE: "逾期未完成", Status.BEHIND: "进度滞后"}
# Words that run on from a department's name (组宣部已…, 组宣部7月协调…); others follow a colon.
_RUNS_ON = (
    *"0123456789已正将共在于均按对与向从",
    *("累计", "继续", "持续", "进一步", "加快", "积极", "抓紧", "全力", "做好", "加强", "围绕"),
    *("协调", "推进", "开展", "举办", "组织", "建立", "完成", "制定", "下半年", "年底", "四季度"),
)
_NAMED = 5  # more tasks with nothing recorded than this are counted by lead, not named


def problems(report: Report, credit: prose.Credit) -> list[str]:
    """Overdue, then behind, then any other task not done whose latest report states a problem;
    overdue or behind tasks with neither figures nor reports in one sentence; then the
    year-long tasks open, counted by lead. A done task's problems are over."""
    as_of = report.as_of
    trouble = [s for status in TROUBLE for s in report.states if s.status is status]
    stated = [s for s in unfinished(report) if s not in trouble and said(s, as_of, "problem")]
    silent = [s for s in trouble if _silent(s, as_of)]
    listed = [s for s in trouble + stated if s not in silent]
    count = {s: sum(t.status is s for t in report.states) for s in TROUBLE}
    head = "，".join(f"{n}项任务{w}" for s, w in TROUBLE.items() if (n := count[s]))
    lines = [f"截至{day_words(as_of)}，{head or '暂无滞后或逾期的任务'}。"]
    lines += [f"{n}. {_problem(s, as_of, credit)}" for n, s in enumerate(listed, start=1)]
    if silent:
        which = "，".join(
            f"{w}{n}项"
            for status, w in TROUBLE.items()
            if (n := sum(s.status is status for s in silent))
        )
        named = _named_by_lead(silent) if len(silent) <= _NAMED else _counted_by_lead(silent)
        lines.append(
            f"另有{len(silent)}项任务（{which}）尚无完成数字，也未报送进展情况，"
            + f"无从说明原因：{named}。"
        )
    year_end = Month(report.plan.year, 12)
    still = [s for s in unfinished(report) if s.due == year_end]
    still = [s for s in still if s not in listed and s not in silent]
    if still:
        lines.append(
            f"此外，完成时限为{month_words(year_end)}的全年任务中还有{len(still)}项尚未完成，"
            + f"其中{_counted_by_lead(still)}。"
        )
    return lines


def _silent(state: TaskState, as_of: dt.date) -> bool:
    """Nothing recorded to judge by: no figure above zero and no report."""
    reported = state.task.history and record.latest_report(state.task, as_of)
    return not reported and not any(t.done > 0 for t in state.targets)


def _problem(state: TaskState, as_of: dt.date, credit: prose.Credit) -> str:
    task = state.task
    label = TROUBLE.get(state.status, "推进中存在困难")
    text = f"{prose.gist(task)}{label}，完成时限{prose.due_phrase(state)}"
    figures = "，".join(prose.figure_text(t) for t in state.targets)
    text += f"，目前{figures}。" if figures else "。"
    text += f"牵头部室{prose.names(task.lead)}，责任领导{prose.names(task.leaders)}。"
    latest = record.latest_report(task, as_of) if task.history else None
    if latest is None:
        return text + ("牵头部室尚未说明原因。" if task.lead else "尚未说明原因。")
    who = credit(task, latest)
    if not latest.problem:
        return text + f"{who}最近一次报告（{month_day_words(latest.date)}）未提及存在问题。"
    return text + prose.according(who, latest.date, "反映") + prose.sentence(latest.problem)


def _by_lead(states: list[TaskState]) -> dict[str, list[TaskState]]:
    found: dict[str, list[TaskState]] = {}
    for state in states:
        found.setdefault(prose.names(state.task.lead, ""), []).append(state)
    return found


def _named_by_lead(states: list[TaskState]) -> str:
    """学会部牵头的“…”、“…”；牵头部室未填的“…”."""
    return "；".join(
        f"{lead + '牵头' if lead else '牵头部室未填'}的"
        + "、".join(f"“{prose.gist(s.task)}”" for s in members)
        for lead, members in _by_lead(states).items()
    )


def _counted_by_lead(states: list[TaskState]) -> str:
    """办公室、机关党委牵头的3项，学会部牵头的2项."""
    return "，".join(
        f"{lead + '牵头' if lead else '牵头部室未填'}的{len(members)}项"
        for lead, members in _by_lead(states).items()
    )


def next_steps(
    report: Report, credit: prose.Credit, groups: list[tuple[str, list[TaskState]]]
) -> list[str]:
    """The outlook: per group (a section's heading), the next steps the departments reported
    for their unfinished tasks, in their words; then the overdue or behind tasks with none."""
    as_of = report.as_of
    shown: set[int] = set()
    lines = []
    for heading, states in groups:
        steps = []
        for state in (s for s in states if s.status is not Status.DONE):
            if (latest := said(state, as_of, "next")) is None or id(state) in shown:
                continue
            shown.add(id(state))
            who = credit(state.task, latest)
            step = (latest.next or "").strip().rstrip("。；;")
            steps.append(said_by(who, step))
        if steps:
            lines.append(f"{len(lines) + 1}. {heading}：{'；'.join(steps)}。")
    if not lines:
        lines.append("各牵头部室尚未报送下步打算。")
    waiting = [s for s in report.states if s.status in TROUBLE and id(s) not in shown]
    if waiting:
        lines.append(
            f"另有{len(waiting)}项逾期或滞后的任务尚未报送下步打算，"
            + f"其中{_counted_by_lead(waiting)}。"
        )
    return lines


def unfinished(report: Report) -> list[TaskState]:
    """The tasks not done, of those counted (a task cancelled or paused has no problem)."""
    return [s for s in report.counted if s.status is not Status.DONE]


def said(state: TaskState, as_of: dt.date, field: str) -> HistoryEntry | None:
    """The task's latest report by as_of if it says `field` (problem, next)."""
    latest = record.latest_report(state.task, as_of) if state.task.history else None
    return latest if latest is not None and getattr(latest, field) else None


def said_by(who: str, words: str) -> str:
    """组宣部已开展宣讲3场 — or 学会部：举办培训班… where the words do not run on from the name;
    the words alone when they name the department already, or there is no one to name."""
    if not who or words.startswith(who):
        return words
    return f"{who}{words}" if words.startswith(_RUNS_ON) else f"{who}：{words}"
