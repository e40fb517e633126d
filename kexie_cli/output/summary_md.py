"""A drafted summary (工作总结) in Markdown, for a person to edit: `kexie report --format md`.

By section (类型): what was done, with the figures reached against their targets
(举办“科协讲堂”4期，完成目标100%); then what is behind or overdue, with its lead department and
leader. The wording stays plain so a person can rewrite it into the office's prose.
"""

from __future__ import annotations

import re
from typing import TextIO

from kexie_cli.core.history import follow_ups
from kexie_cli.core.numbers import percent_text, whole
from kexie_cli.core.status import Flag, Status, TargetState, TaskState
from kexie_cli.core.tally import Report
from kexie_cli.core.wording import target_text
from kexie_cli.output.report_view import headline
from kexie_cli.output.views import due_text, latest_line, latest_text

_ORDINALS = "一二三四五六七八九十"
_TROUBLE = (Status.OVERDUE, Status.BEHIND)
_NO_SECTION = "其他工作"


def write_summary(report: Report, out: TextIO) -> None:
    out.write(summary_text(report))


def summary_text(report: Report) -> str:
    plan = report.plan.plan
    lines = [f"# {plan.title}完成情况（截至 {report.as_of}）", "", _overview(report), ""]
    sections: dict[str, list[TaskState]] = {}
    for state in report.states:
        sections.setdefault(state.task.section or _NO_SECTION, []).append(state)
    for number, (section, states) in enumerate(sections.items(), start=1):
        lines += [f"## {_ordinal(number)}、{section}", ""]
        done = [s for s in states if _reached(s) or s.status is Status.DONE]
        lines += [_done_sentence(s) for s in done] or ["（本部分暂无可报的完成数字。）"]
        lines.append("")
    trouble = [s for s in report.states if s.status in _TROUBLE]
    lines += ["## 存在的问题", ""]
    if trouble:
        lines += [f"{n}. {_trouble_sentence(s)}" for n, s in enumerate(trouble, start=1)]
    else:
        lines.append("暂无滞后或逾期的任务。")
    lines += ["", "## 领导批示及落实", ""]
    lines += _comment_lines(report) or ["本期暂无领导批示。"]
    return "\n".join(lines) + "\n"


def _comment_lines(report: Report) -> list[str]:
    """Each comment by the report's date, with the reports recorded after it (落实)."""
    lines = []
    for state in report.states:
        if not state.task.history:
            continue
        for comment, after in follow_ups(state.task, report.as_of):
            head = f"任务 {state.task.id} {_gist(state)}"
            lines.append(f"- {head}：{comment.by}（{comment.date}）批示：{comment.comment}")
            done = [latest_line(r) for r in after] or ["尚无落实情况报告。"]
            lines += [f"  - 落实：{line}" for line in done]
    return lines


def _overview(report: Report) -> str:
    counts = report.total.counts
    parts = "，".join(f"{s.label} {counts[s]} 项" for s in Status if counts[s])
    scope = f"完成时限在 {report.due} 及以前的" if report.due else ""
    flags = report.total.flags
    marked = "，".join(f"{f.label} {flags[f]} 项" for f in Flag if flags[f])
    return (
        f"{scope}任务共 {report.total.tasks} 项：{parts or '无'}；"
        f"完成率 {percent_text(report.total.rate)}。"
        + (f"其中{marked}。" if marked else "")
        + f"{headline(report)}。"
    )


def _reached(state: TaskState) -> list[TargetState]:
    return [t for t in state.targets if t.done > 0]


def _done_sentence(state: TaskState) -> str:
    """任务 2（办公室）：党组会学习 6次，完成目标50%；科协讲堂 4期，完成目标100%。"""
    figures = "；".join(_figure(t) for t in _reached(state))
    head = f"任务 {state.task.id}（{'、'.join(state.task.lead) or '未填牵头部室'}）"
    what = _gist(state)
    if not figures:
        return f"- {head}：{what}，已完成。"
    return f"- {head}：{what}。{figures}。"


def _figure(target: TargetState) -> str:
    name = target.target.name
    reached = f"{name}{whole(target.done)}{target.target.unit}"
    share = f"完成目标{percent_text(target.percent)}"
    if target.target.comparator.value != "exact":
        share += f"（目标{target_text(target.target)}）"
    return f"{reached}，{share}"


def _trouble_sentence(state: TaskState) -> str:
    task = state.task
    figures = "；".join(
        f"{t.target.name}已完成{whole(t.done)}{t.target.unit}、目标{target_text(t.target)}"
        for t in state.targets
    )
    people = (
        f"牵头部室：{'、'.join(task.lead) or '未填'}；责任领导：{'、'.join(task.leaders) or '未填'}"
    )
    due = f"完成时限 {due_text(state)}"
    detail = f"，{figures}" if figures else ""
    latest = latest_text(state)
    said = f"最新进展：{latest}。" if latest else ""
    return f"任务 {task.id} {_gist(state)}——{state.status.label}（{due}{detail}）。{people}。{said}"


def _gist(state: TaskState, limit: int = 30) -> str:
    """A short name for the task: its content's first clause, else its first measure's."""
    task = state.task
    for text in [task.content, *task.measures, task.focus]:
        clause = re.split(r"[，。；,;]", text.strip(), maxsplit=1)[0].strip()
        if clause:
            return clause if len(clause) <= limit else clause[:limit] + "…"
    return f"任务 {task.id}"


def _ordinal(number: int) -> str:
    if number <= 10:
        return _ORDINALS[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _ORDINALS[tens - 1]) + "十" + (_ORDINALS[ones - 1] if ones else "")
