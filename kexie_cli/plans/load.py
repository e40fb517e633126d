"""The one loader: find the plan files, read them, parse them with the C loader, validate them
(or take them from the cache), each problem tied to its file and line; whole plans out."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from kexie_cli.core.models import Plan, TasksPlan
from kexie_cli.core.problems import Finding, KexieError, Loc, Problem
from kexie_cli.plans import cache
from kexie_cli.plans.files import decode, plan_files, read_bytes, resolve_data

_RECORD_WORD = {"tasks": "任务", "points": "要点", "sections": "类型"}


class LoadedPlan(NamedTuple):
    path: Path
    plan: Plan


def load_file(path: Path) -> tuple[Plan | None, list[Problem]]:
    """The file's plan — from the cache when the file is unchanged (by its settled stat, or by
    its bytes) — or its problems."""
    stamp = cache.settled_stamp(path)
    entry = cache.get(path)
    if entry is not None and stamp is not None and entry.stamp == stamp:
        return entry.plan, []
    data = read_bytes(path)
    if cache.settled_stamp(path) != stamp:
        stamp = None  # changed while being read: no stat vouches for these bytes
    if entry is not None and entry.matches(data):
        if stamp is not None:  # settled since it was cached: next time, the stat suffices
            cache.put(path, data, entry.plan, stamp)
        return entry.plan, []
    plan, problems = load_text(decode(data, path), path)
    if plan is not None:
        cache.put(path, data, plan, stamp)
    return plan, problems


def load_text(text: str, path: Path) -> tuple[Plan | None, list[Problem]]:
    """Validate a plan file's text (e.g. an edit not yet written), problems tied to its lines."""
    from kexie_cli.plans.validate import may_escape_control, validate  # Pydantic: when read anew
    from kexie_cli.plans.yaml_read import line_finder, parse_yaml

    try:
        raw = parse_yaml(text, str(path))
    except KexieError as exc:
        return None, exc.problems
    plan, findings = validate(raw, escaped=may_escape_control(text))
    if not findings:
        return plan, []
    find_line = line_finder(text)
    problems = [problem_at(str(path), raw, f, find_line(f.loc)) for f in findings]
    return None, sorted(problems, key=lambda p: p.line or 0)


def load_plans(paths: list[Path]) -> tuple[list[LoadedPlan], list[Problem]]:
    plans, problems = [], []
    for path in paths:
        try:
            plan, found = load_file(path)
        except KexieError as exc:  # unreadable: one problem of many, not the end of the check
            plan, found = None, exc.problems
        problems += found
        if plan is not None:
            plans.append(LoadedPlan(path, plan))
    return plans, problems + _same_year(plans)


def _same_year(plans: list[LoadedPlan]) -> list[Problem]:
    """Two plans of one year and kind: no command can tell which one is meant."""
    from kexie_cli.core.orgs import key

    first: dict[tuple[int, bool, str], Path] = {}
    problems = []
    for loaded in plans:  # of one organisation: plans of many live in one tree (issue 29)
        kind = (loaded.plan.year, isinstance(loaded.plan, TasksPlan), key(loaded.plan.plan.org))
        if kind in first:
            what = "任务分解清单" if kind[1] else "工作要点"
            message = (
                f"与 {first[kind]} 同为 {kind[0]} 年的{what}，无法确定用哪一个；"
                "请删除或移走其中一个"
            )
            problems.append(Problem(str(loaded.path), None, "", "", message))
        else:
            first[kind] = loaded.path
    return problems


def open_plan(data: Path | None, year: int | None, org: str | None = None) -> LoadedPlan:
    """The plan a command works on: that of --plan YEAR, else the newest task list.

    A problem stops the command with its first line — unless a year was named, a valid plan of
    that year exists and the problems are in other files: a broken 2019 notice does not keep the
    office from its 2025 list. Without --plan any problem stops it, since the broken file could be
    the newest plan. In a folder of several organisations' plans, `org` names whose.
    """
    root = resolve_data(data)
    paths = plan_files(root)
    if not paths:
        raise KexieError(f"{root}: 没有计划文件（*.yaml）")
    plans, problems = load_plans(paths)
    if problems and (year is None or _stops(problems, plans, year)):
        more = f"（共 {len(problems)} 处，运行 kexie check 查看全部）" if len(problems) > 1 else ""
        raise KexieError(f"{problems[0]}{more}", problems)
    return pick_plan(own_plans(plans, org, root), year)


def own_plans(
    plans: list[LoadedPlan], org: str | None, root: Path | None = None
) -> list[LoadedPlan]:
    """The plans of one organisation: that named (--org), else the only one there is, else
    the one whose plans lie in the folder itself (a city's, above its counties' sub-folders)."""
    from kexie_cli.core.orgs import find_org, key, orgs

    named = orgs([p.plan for p in plans])
    top = {key(p.plan.plan.org) for p in plans if root is not None and p.path.parent == root}
    if org is None and len(named) > 1 and len(top - {""}) == 1:
        org = named[next(iter(top - {""}))].name
    if org is None and len(named) > 1:
        raise KexieError(
            f"数据文件夹中有 {len(named)} 个组织的计划（{'、'.join(o.name for o in named.values())}）："
            "请用 --org 指明，或用 --data 指向其中一个组织的文件夹"
        )
    if org is None:
        return plans
    wanted = key(find_org([p.plan for p in plans], org).name)
    return [p for p in plans if key(p.plan.plan.org) == wanted]


def _stops(problems: list[Problem], plans: list[LoadedPlan], year: int) -> bool:
    """Whether problems keep the command from the plan of that year: none valid, or two."""
    mine = {str(p.path) for p in plans if p.plan.year == year}
    return not mine or any(p.file in mine for p in problems)


def pick_plan(plans: list[LoadedPlan], year: int | None) -> LoadedPlan:
    """The plan of that year (a task list before a points notice), else the newest task list."""
    ordered = sorted(
        plans, key=lambda p: (p.plan.year, isinstance(p.plan, TasksPlan)), reverse=True
    )
    if year is None:
        with_tasks = [p for p in ordered if isinstance(p.plan, TasksPlan) and p.plan.tasks]
        if with_tasks:
            return with_tasks[0]
        if ordered:
            return ordered[0]
        raise KexieError("没有可用的计划")
    for loaded in ordered:
        if loaded.plan.year == year:
            return loaded
    years = "、".join(sorted({str(p.plan.year) for p in plans}))
    raise KexieError(f"没有 {year} 年的计划；现有：{years}")


def problem_at(file: str, raw: Any, finding: Finding, line: int | None) -> Problem:
    """The problem a finding in this raw plan data is, at that line: FILE:LINE: 任务 N：field."""
    loc = finding.loc
    if not loc:
        return Problem(file, line, "", "", finding.message)
    head, rest = loc[0], loc[1:]
    if head in _RECORD_WORD and rest and isinstance(rest[0], int):
        return Problem(
            file, line, _record_label(raw, head, rest[0]), _field(rest[1:]), finding.message
        )
    if head == "plan":
        return Problem(file, line, "计划", _field(rest), finding.message)
    return Problem(file, line, "", _field(loc), finding.message)


def _record_label(raw: Any, key: Loc | str, index: int) -> str:
    word = _RECORD_WORD[str(key)]
    try:
        ident = raw[key][index].get("id")
    except (AttributeError, IndexError, KeyError, TypeError):
        ident = None
    return f"{word} {ident}" if ident not in (None, "") else f"{word}（第 {index + 1} 项）"


def _field(loc: Loc) -> str:
    """('targets', 0, 'done') → targets[1].done: list positions are 1-based, as target keys are."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
