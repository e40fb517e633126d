"""Sentences shared by the drafted summary (md) and the 通报 (docx): the figures and the
departments' own words joined as an office writes them (全年组织党组会学习6次…；据组宣部报告，…).

Text from the plan is never cut inside quotes or brackets: a short name for a task is its
first clause ending outside them, whole however long (“首届“…” must never be printed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kexie_cli.core import history, record
from kexie_cli.core.dates import day_words, month_day_words
from kexie_cli.core.history import Completion, follow_ups
from kexie_cli.core.models import HistoryEntry, Task, TasksPlan
from kexie_cli.core.months import month_words
from kexie_cli.core.names import canonical, same
from kexie_cli.core.numbers import number_text, percent_text
from kexie_cli.core.queries import name_counts
from kexie_cli.core.status import Status, TargetState, TaskState
from kexie_cli.core.tally import Report
from kexie_cli.core.wording import target_text

_PAIRS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "〈": "〉", "【": "】", "「": "」"}
_PAIRS |= {"『": "』", "[": "]", "〔": "〕"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_TOGGLES = "\"'"  # ASCII quotes open and close alike
CLAUSE_ENDS = "，,；;。！？!?"
_ENDED = ("。", "！", "？", "”", "」", "…")


def names(items: list[str], empty: str = "清单未列") -> str:
    """The names joined; 清单未列 where the list names none, as the tables say it."""
    return "、".join(items) or empty


class Credit:
    """Who a report (or a request) is credited to. The department its `by` names, as the plan
    writes it: a form signs 组宣部（李四）, an alias stands for its department (市馆 → 市科技馆),
    and a co-lead is credited alone. Any other signer as signed, less a form's （填报人）. With
    no `by`, the task's lead; with no lead either, no one ("") — never a placeholder."""

    _SIGNATURE = re.compile(r"[（(][^（）()]*[）)]\s*$")  # 大冶市科协（王五） → 大冶市科协

    def __init__(self, plan: TasksPlan) -> None:
        self._departments = [count.name for count in name_counts(plan, "dept")]
        self._aliases = plan.departments.aliases

    def __call__(self, task: Task, entry: HistoryEntry) -> str:
        signer = (entry.by or "").strip()
        if not signer:
            return names(task.lead, "")
        meant = canonical(signer, self._aliases)
        known = next((name for name in self._departments if same(name, meant)), None)
        return known or self._SIGNATURE.sub("", signer).strip() or signer


def according(who: str, day: dt.date, verb: str = "报告") -> str:
    """据组宣部6月25日报告，— or, with no one to credit, 6月25日报告："""
    return f"据{who}{month_day_words(day)}{verb}，" if who else f"{month_day_words(day)}{verb}："


def tagged(task: Task, who: str) -> str:
    """（任务7，组宣部）, or （任务20） with no one to name."""
    return f"（任务{task.id}，{who}）" if who else f"（任务{task.id}）"


def sentence(text: str) -> str:
    """The text as a sentence: stripped, ending in 。 unless it ends a sentence already."""
    text = text.strip()
    return text if not text or text.endswith(_ENDED) else text.rstrip("，,；;：:") + "。"


def report_words(entry: HistoryEntry) -> str:
    """A written report's parts, each a labelled sentence: 进展情况：…。存在问题：…。下步打算：…。"""
    parts = (("进展情况", entry.note), ("存在问题", entry.problem), ("下步打算", entry.next))
    return "".join(f"{word}：{sentence(text)}" for word, text in parts if text)


def top_level_ends(text: str, ends: str) -> list[int]:
    """The positions of the marks in `ends` that stand outside every quote and bracket."""
    found, open_ = [], []
    for index, char in enumerate(text):
        if char in _TOGGLES:
            if open_ and open_[-1] == char:
                open_.pop()
            else:
                open_.append(char)
        elif char in _PAIRS:
            open_.append(char)
        elif char in _CLOSERS:
            if _CLOSERS[char] in open_:  # a stray closer (OCR) is ignored
                while open_.pop() != _CLOSERS[char]:
                    pass
        elif char in ends and not open_:
            found.append(index)
    return found


def first_clause(text: str) -> str:
    """Up to the first ，；。 outside quotes and brackets, without it; the whole text if none."""
    text = text.strip()
    ends = top_level_ends(text, CLAUSE_ENDS)
    return text[: ends[0]].strip() if ends else text


def gist(task: Task) -> str:
    """A short name for a task: its content's first clause, else its first measure's."""
    for text in [task.content, *task.measures, task.focus]:
        clause = first_clause(text)
        if clause:
            return clause
    return f"任务{task.id}"


def theme(state: TaskState) -> str:
    """The task's words without the target they end on: 开展“科学家精神宣讲”活动 (不少于5场
    stands beside the figure reached, not before it: the summary's prose and its problems)."""
    words = gist(state.task)
    for target in state.targets:
        aimed = target_text(target.target)
        if words.endswith(aimed) and len(words) > len(aimed) + 2:
            return words.removesuffix(aimed)
    return words


def progress_figures(state: TaskState) -> str:
    """目前已完成党组会学习6次（目标…，完成50%）；中心组学习（目标不少于8次）尚无完成数字。
    A target with nothing done is named with its aim, never as 已完成…0人（完成0%）."""
    started = [t for t in state.targets if t.done > 0]
    idle = [t for t in state.targets if t.done <= 0]
    text = "目前已完成" + "，".join(figure_text(t) for t in started) if started else ""
    if idle:
        named = "、".join(f"{t.target.name}（目标{target_text(t.target)}）" for t in idle)
        text += ("；" if started else "目前") + f"{named}尚无完成数字"
    return text + "。" if text else ""


def figure_text(target: TargetState) -> str:
    """党组会学习6次（目标不少于12次，完成50%）; once met, （目标…，已完成）. The share comes
    from the core, capped at the target: a figure past its target never reads as 300%."""
    if target.places:
        return _places_text(target)
    reached = f"{target.target.name}{number_text(target.done)}{target.target.unit}"
    aimed = f"目标{target_text(target.target)}"
    if target.met:
        return f"{reached}（{aimed}，已完成）"
    return f"{reached}（{aimed}，完成{percent_text(target.share * 100)}）"


def _places_text(target: TargetState) -> str:
    """每县承办宣讲合计3场，6地中大冶市、阳新县已达标（完成33.3%）: a target
    broken down by place is told by its places, never as one total against one place's number."""
    unit = target.target.unit
    met = [p.name for p in target.places if p.met]
    reached = f"{target.target.name}合计{number_text(target.done)}{unit}"
    count = len(target.places)
    if len(met) == count:
        return f"{reached}，{count}地均已达标（已完成）"
    which = f"{'、'.join(met)}已达标" if met else "尚无一地达标"
    return f"{reached}，{count}地中{which}（完成{percent_text(target.share * 100)}）"


_FINISHED = {
    Completion.ON_TIME: "已按期完成",
    Completion.EXTENDED: "已在延期后完成",
    Completion.LATE: "已完成（逾期）",
}


def finished_text(state: TaskState) -> str:
    return _FINISHED[state.completion] if state.completion else "已完成"


def due_phrase(state: TaskState) -> str:
    """2025年7月, or 2025年7月（原定2025年5月，已批准延期）."""
    due = month_words(state.due)
    if state.due != state.task.due:
        due += f"（原定{month_words(state.task.due)}，已批准延期）"
    return due


# ---- the overall paragraph ------------------------------------------------------------------


def overall(report: Report, scope: str = "") -> str:
    """The figures in sentences: tasks, done (on time / late), in progress, behind, not started,
    overdue, extended, and mean progress against the share of the year gone."""
    states, counts = report.states, report.total.counts
    plan = report.plan
    due = f"完成时限在{month_words(report.due)}及以前的" if report.due else ""
    text = f"{scope or plan.plan.org}{plan.year}年{due}重点工作任务共{len(states)}项。"
    if ended := len(report.ended):  # cancelled or paused: in no count below
        text += f"其中已取消或暂缓{ended}项，不计入以下统计。"
    text += f"截至{day_words(report.as_of)}，已完成{counts[Status.DONE]}项"
    how = [
        f"{label}{n}项"
        for kind, label in ((c, c.label) for c in Completion)
        if (n := sum(s.completion is kind for s in states))
    ]
    text += f"（{'，'.join(how)}）" if how else ""
    going, behind = counts[Status.IN_PROGRESS] + counts[Status.BEHIND], counts[Status.BEHIND]
    among = [f"进度滞后{behind}项"] if behind else []
    if waiting := sum(s.awaiting for s in states):  # done on the department's side
        among.append(f"已申请办结待销号{waiting}项")
    if going:  # a count of none is not said (正在推进0项，其中进度滞后0项 at the year's end)
        text += f"；正在推进{going}项" + (f"，其中{'、'.join(among)}" if among else "")
    for status, label in ((Status.NOT_STARTED, "尚未启动"), (Status.OVERDUE, "逾期未完成")):
        text += f"；{label}{counts[status]}项" if counts[status] else ""
    text += "。"
    extended = sum(bool(s.extensions) for s in states)
    if extended:
        text += f"经批准延期的任务{extended}项。"
    return text + pace(report)


def pace(report: Report) -> str:
    """有量化指标的N项任务平均完成38%，全年时间已过去50%，总体落后于时间进度12个百分点;
    at the year's end the mean alone."""
    gone = report.time_share
    mean = report.progress
    ended = gone >= 100  # the year is over: "时间已过去100%，落后81个百分点" says nothing
    if mean is None:
        return "" if ended else f"全年时间已过去{percent_text(gone)}。"
    counted = sum(s.share is not None for s in report.states)
    if ended:
        return f"有量化指标的{counted}项任务平均完成{percent_text(mean)}。"
    gap = round(gone - mean, 1)
    if gap > 0:
        how = f"落后于时间进度{number_text(gap)}个百分点"
    elif gap < 0:
        how = f"快于时间进度{number_text(-gap)}个百分点"
    else:
        how = "与时间进度基本同步"
    return (
        f"有量化指标的{counted}项任务平均完成{percent_text(mean)}，"
        f"全年时间已过去{percent_text(gone)}，总体{how}。"
    )


# ---- the record's words ---------------------------------------------------------------------


def numbered(task: Task) -> str:
    """How the 通报 names a task: 任务7 (the summary names it by its words: `gist`)."""
    return f"任务{task.id}"


def comments_text(
    states: list[TaskState],
    as_of: dt.date,
    since: dt.date | None = None,
    named: Callable[[Task], str] = numbered,
) -> list[str]:
    """Each leader's comment with the reports after it up to the task's next comment (落实情况).
    With `since` (a period's 通报), a comment made before it is told only if reports answered it
    since (those alone), or if it is the task's last and still unanswered."""
    lines = []
    for state in states:
        if not state.task.history:
            continue
        said = follow_ups(state.task, as_of)
        for number, (comment, after) in enumerate(said, start=1):
            if since is None or comment.date >= since:
                lines.append(comment_text(state.task, comment, after, named=named))
                continue
            recent = [r for r in after if r.date >= since]
            if recent or (not after and number == len(said)):
                earlier = len(after) - len(recent)
                lines.append(comment_text(state.task, comment, recent, earlier, named))
    return lines


def comment_text(
    task: Task,
    comment: HistoryEntry,
    after: list[HistoryEntry],
    earlier: int = 0,
    named: Callable[[Task], str] = numbered,
) -> str:
    """郑昌盛同志5月20日对任务8批示：“宣讲要深入基层。”落实情况：6月25日，已开展宣讲2场。
    `earlier`: how many reports answered it before the period told (此前已报送2次)."""
    said = (comment.comment or "").strip()
    end = "" if said.endswith(("。", "！", "？")) else "。"  # the quote closes the sentence
    text = f"{comment.by}同志{month_day_words(comment.date)}对{named(task)}批示：“{said}”{end}"
    done = [f"此前已报送{earlier}次"] if earlier else []
    done += [
        f"{month_day_words(r.date)}，{(r.note or r.next or r.problem or '').strip().rstrip('。')}"
        for r in after
    ]
    return text + (f"落实情况：{'；'.join(done)}。" if done else "落实情况：尚未报送。")


def extensions_text(
    states: list[TaskState],
    as_of: dt.date,
    credit: Credit,
    named: Callable[[Task], str] = numbered,
) -> list[str]:
    """Each extension approved by as_of, each request refused with the reason given, and each
    request still awaiting an answer (credited to the department that asked)."""
    lines = []
    for state in states:
        task = state.task
        for moved in record.extensions(task, as_of):
            lines.append(
                f"{named(task)}{_owner(task.lead)}经批准由{month_words(moved.due_before)}"
                f"延期至{month_words(moved.due_after)}，原因：{sentence(moved.reason or '')}"
            )
        for asked in record.requests(task, as_of):
            if asked.answer is history.Answer.GRANTED:
                continue  # told above, as the extension
            request = asked.request
            reason = (request.reason or "").strip().rstrip("。")
            said = (
                f"{named(task)}{_owner([credit(task, request)])}于{month_day_words(request.date)}"
                f"申请延期至{month_words(request.due_after)}，理由：{reason}，"
            )
            reply = asked.reply
            if reply is None:
                lines.append(f"{said}待审批。")
            else:
                who = f"经{reply.by}" if reply.by else ""
                why = (reply.reason or "").strip().rstrip("。")
                lines.append(f"{said}{who}于{month_day_words(reply.date)}未同意，理由：{why}。")
    return lines


def _owner(who: list[str]) -> str:
    """（组宣部）, or nothing when there is no one to name."""
    return f"（{names(who, '')}）" if names(who, "") else ""
