"""Validate a parsed plan file: a pipeline of plain checks, each returning findings, never raising.

Schema errors come from Pydantic (all at once); the cross-record rules it cannot see
(duplicate ids, history pointing at a missing target, a point under an unknown section)
run on the raw data so they are reported alongside them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kexie_cli.core.controls import control_in
from kexie_cli.core.models import Plan, PointsPlan, Task, TasksPlan
from kexie_cli.core.months import Month, MonthError, month_text
from kexie_cli.core.problems import Finding

Check = Callable[[dict[str, Any]], Iterable[Finding]]

_MESSAGES = {
    "missing": "缺少此项",
    "extra_forbidden": "未知字段",
    "unexpected_keyword_argument": "未知字段",
    "float_parsing": "应为数字，实际为 {input!r}",
    "float_type": "应为数字，实际为 {input!r}",
    "int_parsing": "应为整数，实际为 {input!r}",
    "int_type": "应为整数，实际为 {input!r}",
    "int_from_float": "应为整数，实际为 {input!r}",
    "finite_number": "应为有限的数字，实际为 {input!r}",
    "greater_than_equal": "不能小于 {ge:g}，实际为 {input}",
    "greater_than": "应大于 {gt:g}，实际为 {input}",
    "less_than_equal": "不能大于 {le:g}，实际为 {input}",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "超过 {max_length:,} 个字符，请缩短",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "dataclass_type": "应为映射（键: 值）",
    "dataclass_args_type": "应为映射（键: 值）",
    "enum": "应为 {expected} 之一，实际为 {input!r}",
    "literal_error": "应为 {expected} 之一，实际为 {input!r}",
    "date_parsing": "应为日期，如 2025-06-30，实际为 {input!r}",
    "date_from_datetime_parsing": "应为日期，如 2025-06-30，实际为 {input!r}",
    "date_type": "应为日期，如 2025-06-30",
    "bool_parsing": "应为 true 或 false，实际为 {input!r}",  # sign_off, urge_step
    "bool_type": "应为 true 或 false，实际为 {input!r}",
}


def kind_of(raw: Any) -> type[TasksPlan] | type[PointsPlan] | None:
    if isinstance(raw, dict) and "tasks" in raw:
        return TasksPlan
    if isinstance(raw, dict) and "points" in raw:
        return PointsPlan
    return None


def validate(raw: Any, *, escaped: bool = True) -> tuple[Plan | None, list[Finding]]:
    """The plan, if the data is valid, and every finding, in file order. `escaped`: whether
    its text may hold an escape that makes a control character (`may_escape_control`); if
    not, the texts need not be searched for one."""
    model = kind_of(raw)
    if model is None:
        return None, [
            Finding((), "不是计划文件：应有 tasks:（任务分解清单）或 points:（工作要点）")
        ]
    findings = [f for check in _CHECKS[model] for f in check(raw)]
    findings += text_controls(raw) if escaped else []
    plan = None
    try:
        plan = parse(model, raw)
    except ValidationError as exc:
        findings = _schema_findings(exc) + findings
    if findings:
        return None, findings
    return plan, []


def parse(model: type, raw: Any) -> Any:
    """Validate raw data into `model` (a record class, or e.g. list[Task]); raises ValidationError."""
    return _adapter(model).validate_python(raw)


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def _schema_findings(exc: ValidationError) -> list[Finding]:
    findings = []
    for error in exc.errors():
        template = _MESSAGES.get(error["type"])
        context = {"input": _shown(error.get("input")), **error.get("ctx", {})}
        if isinstance(context.get("expected"), str):  # Pydantic's "'a', 'b' or 'c'"
            context["expected"] = re.sub(r", | or ", "、", context["expected"])
        if template:
            message = template.format(**context)
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
        findings.append(Finding(tuple(error["loc"]), message))
    return findings


class _Nothing:
    """A key written with no value (`sign_off:`) as a message names it, not Python's None."""

    def __repr__(self) -> str:
        return "空值"

    __str__ = __repr__


def _shown(value: Any) -> Any:
    return _Nothing() if value is None else value


def _records(raw: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = raw.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def duplicate_ids(key: str) -> Check:
    def check(raw: dict[str, Any]) -> Iterable[Finding]:
        records = _records(raw, key)
        counts = Counter(str(item.get("id")).strip() for _, item in records)
        for index, item in records:
            ident = str(item.get("id")).strip()
            if item.get("id") is not None and counts[ident] > 1:
                yield Finding((key, index, "id"), f"编号 {ident} 重复")

    return check


def history_targets(task: dict[str, Any]) -> Iterable[Finding]:
    """A history entry's target key must name one of the task's targets."""
    targets = task.get("targets")
    count = len(targets) if isinstance(targets, list) else 0
    for h, entry in enumerate(task.get("history") or []):
        key = entry.get("target") if isinstance(entry, dict) else None
        if key is not None and str(key).isdigit() and not 1 <= int(key) <= count:
            yield Finding(("history", h, "target"), f"指标 {key} 不存在（本任务有 {count} 项指标）")


def history_extensions(task: dict[str, Any]) -> Iterable[Finding]:
    """Each extension, in date order, moves the deadline in force later: one that does not
    would make the effective deadline run backwards (malformed values the schema reports)."""
    history = task.get("history")
    moved = [
        (str(entry.get("date")), h, entry)
        for h, entry in enumerate(history if isinstance(history, list) else [])
        if isinstance(entry, dict) and entry.get("kind") == "extension"
    ]
    try:
        due = Month.parse(task.get("due"))
        for _, h, entry in sorted(moved, key=lambda found: found[0]):
            after = Month.parse(entry.get("due_after"))
            if after <= due:
                yield Finding(
                    ("history", h, "due_after"),
                    f"延期后的时限 {month_text(after)} 应晚于此前的时限 {month_text(due)}",
                )
            due = after
    except MonthError:
        return


def pause_until(task: dict[str, Any]) -> Iterable[Finding]:
    """A pause's `until` month ends on or after its date, as `kexie pause` requires: one ending
    before it would be a pause over before it began (malformed values the schema reports)."""
    history = task.get("history")
    for h, entry in enumerate(history if isinstance(history, list) else []):
        if not isinstance(entry, dict) or entry.get("kind") != "pause" or not entry.get("until"):
            continue
        try:
            until, day = Month.parse(entry["until"]), dt.date.fromisoformat(str(entry.get("date")))
        except (MonthError, ValueError):
            continue
        if until.last_day < day:
            yield Finding(
                ("history", h, "until"), f"暂缓至 {month_text(until)} 早于暂缓的日期 {day}"
            )


def target_names(task: dict[str, Any]) -> Iterable[Finding]:
    targets = task.get("targets")
    named = (
        [t.get("name") for t in targets if isinstance(t, dict)] if isinstance(targets, list) else []
    )
    named = [name if isinstance(name, str) else None for name in named]  # others: the schema's
    counts = Counter(named)
    for t, name in enumerate(named):
        if name is not None and counts[name] > 1:
            yield Finding(("targets", t, "name"), f"指标名称 {name} 重复")


def history_dates(task: dict[str, Any]) -> Iterable[Finding]:
    """No entry is dated after today: a record cannot say what has not happened yet (and the
    next `progress`, dated today, would be refused as earlier than it)."""
    today = dt.date.today()
    latest = today.isoformat()  # a date written 2025-06-30 compares as its text does
    history = task.get("history")
    for h, entry in enumerate(history if isinstance(history, list) else []):
        date = entry.get("date") if isinstance(entry, dict) else None
        if isinstance(date, str) and len(date) == 10 and date[4] == "-" and date <= latest:
            continue  # most entries: no need to read the date
        try:
            day = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
        except ValueError:
            continue  # the schema says why
        if day > today:
            yield Finding(("history", h, "date"), f"登记日期 {day} 晚于今天（{today}）")


# The YAML reader refuses a control character typed as it is: one can only come from an
# escape in a double-quoted text (\e, \x1b, \u001b…). Searching the text for those takes
# ~20 ms for a 74 MB plan; walking every text of its data, ~1 s.
_CONTROL_ESCAPE = re.compile(r"\\(?:[0abvfre]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")


def may_escape_control(text: str) -> bool:
    """Whether a plan's text may hold an escape that makes a control character."""
    return _CONTROL_ESCAPE.search(text) is not None


def text_controls(raw: Any) -> list[Finding]:
    """No text holds a control character (a line break and a tab it may): written as an escape
    in a double-quoted YAML string it reads as the character, which no report, sheet or
    document can show (issue 30). Walked without recursion, each container once (an alias
    may hold itself)."""
    found: list[Finding] = []
    seen: set[int] = set()
    stack: list[tuple[tuple[Any, ...], Any]] = [((), raw)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if not value.isprintable() and (bad := control_in(value)):
                found.append(Finding(loc, f"文本中有控制字符 {bad}，请删去"))
            continue
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend(reversed([((*loc, key), item) for key, item in items]))
    return found


# The rules within one task, beside its schema: run on each task of a plan, or on one task
# alone when a progress update has changed just that one.
TASK_CHECKS: list[Callable[[dict[str, Any]], Iterable[Finding]]] = [
    target_names,
    history_targets,
    history_extensions,
    history_dates,
    pause_until,
]


def each_task(raw: dict[str, Any]) -> Iterable[Finding]:
    for index, task in _records(raw, "tasks"):
        for check in TASK_CHECKS:
            for finding in check(task):
                yield Finding(("tasks", index, *finding.loc), finding.message)


def validate_task(raw: Any) -> tuple[Task | None, list[Finding]]:
    """One task's raw data alone: the task, if valid, or every finding (places within it)."""
    findings = [f for check in TASK_CHECKS for f in check(raw)] if isinstance(raw, dict) else []
    task = None
    try:
        task = parse(Task, raw)
    except ValidationError as exc:
        findings = _schema_findings(exc) + findings
    return (None, findings) if findings else (task, [])


def point_sections(raw: dict[str, Any]) -> Iterable[Finding]:
    titles = {str(s.get("title")) for _, s in _records(raw, "sections")}
    if not titles:
        return
    for index, point in _records(raw, "points"):
        section = point.get("section")
        if section and str(section) not in titles:
            yield Finding(("points", index, "section"), f"部分 {section!r} 不在 sections 中")


def milestone_months(raw: dict[str, Any]) -> Iterable[Finding]:
    """Milestones and measuring months fall within the plan's year (a slip of the year would
    make a target never, or always, behind)."""
    plan = raw.get("plan")
    written = str(plan.get("year")).strip() if isinstance(plan, dict) else ""
    if not written.isdigit():
        return  # the schema says why
    year = int(written)
    for index, task in _records(raw, "tasks"):
        targets = task.get("targets")
        for t, target in enumerate(targets if isinstance(targets, list) else []):
            if not isinstance(target, dict):
                continue
            where = ("tasks", index, "targets", t)
            months = target.get("milestones")
            for month in months if isinstance(months, dict) else {}:
                yield from _in_year(month, year, (*where, "milestones", month))
            if target.get("measured") is not None:
                yield from _in_year(target["measured"], year, (*where, "measured"))


def _in_year(value: Any, year: int, loc: tuple[Any, ...]) -> Iterable[Finding]:
    try:
        month = Month.parse(value)
    except MonthError:
        return  # the schema says why
    if month.year != year:
        yield Finding(loc, f"月份 {month_text(month)} 不在计划年度 {year} 内")


def plan_year(raw: dict[str, Any]) -> Iterable[Finding]:
    """The plan's year is a year (10**400 would pass as an int and fail every later command)."""
    plan = raw.get("plan")
    written = str(plan.get("year")).strip() if isinstance(plan, dict) else ""
    try:
        year = int(written)
    except ValueError:
        return  # the schema says why
    if not 1900 <= year <= 9999:
        shown = written if len(written) <= 12 else written[:12] + "…"
        yield Finding(("plan", "year"), f"年度应为 1900–9999 的年份，实为 {shown}")


def office_names(raw: dict[str, Any]) -> Iterable[Finding]:
    """`departments:`: every alias stands for a department of the plan (through other
    aliases, without a cycle); every group member is a department of the plan (or an alias of
    one), and no group names itself."""
    from kexie_cli.core.names import matches, same

    office = raw.get("departments")
    if not isinstance(office, dict):
        return
    known = [
        str(name)
        for _, task in _records(raw, "tasks")
        for key in ("lead", "support")
        for name in (task.get(key) if isinstance(task.get(key), list) else [task.get(key)])
        if name
    ]
    aliases = office.get("aliases") if isinstance(office.get("aliases"), dict) else {}
    aliases = {str(k): str(v) for k, v in aliases.items()}

    def is_department(name: str) -> bool:
        return any(matches(name, k) or same(name, k) for k in known)

    for alias, meant in aliases.items():
        seen, name = [alias], meant
        while name is not None and not any(same(name, s) for s in seen):
            seen.append(name)
            name = next((v for k, v in aliases.items() if same(k, name)), None)
        loc = ("departments", "aliases", alias)
        if name is not None:
            yield Finding(loc, f"别名循环：{' → '.join([*seen, name])}")
        elif not is_department(seen[-1]):
            yield Finding(loc, f"别名 {alias} 指向的 {meant} 不是本计划的部室")
    groups = office.get("groups") if isinstance(office.get("groups"), dict) else {}
    for group, members in groups.items():
        for member in members if isinstance(members, list) else []:
            loc = ("departments", "groups", group)
            if same(str(member), str(group)):
                yield Finding(loc, f"部室组 {group} 不能包含自己")
            elif not is_department(str(member)) and str(member) not in aliases:
                yield Finding(loc, f"部室组 {group} 的成员 {member} 不是本计划的部室")


def section_titles(raw: dict[str, Any]) -> Iterable[Finding]:
    """`sections:`: each key is a 类型 some task is written under (a title for none is a typo)."""
    titles = raw.get("sections")
    if not isinstance(titles, dict):
        return
    written = {str(task.get("section") or "").strip() for _, task in _records(raw, "tasks")}
    for name in titles:
        if str(name).strip() not in written:
            yield Finding(("sections", name), f"没有类型为 {name} 的任务")


_CHECKS: dict[type, list[Check]] = {
    TasksPlan: [
        duplicate_ids("tasks"),
        each_task,
        milestone_months,
        office_names,
        section_titles,
        plan_year,
    ],
    PointsPlan: [duplicate_ids("points"), duplicate_ids("sections"), point_sections, plan_year],
}
