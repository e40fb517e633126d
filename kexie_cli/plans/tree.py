"""A data folder as a tree of organisations (issue 29): every plan of every sub-folder read,
the rules between plans checked (levels and parents, `reports_to`, `implements`) at their
file:line, and the plans a command about `--org NAME` (and those under it) works on."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kexie_cli.core.models import Plan, TasksPlan
from kexie_cli.core.problems import KexieError, Problem
from kexie_cli.plans.files import decode, plan_files, read_bytes, resolve_data
from kexie_cli.plans.load import LoadedPlan, load_plans, own_plans, pick_plan
from kexie_cli.plans.load import _field as _field  # targets[1].reports_to, as every check
from kexie_cli.plans.load import _stops as _stops  # the same rule as for one organisation

_ABSENT = "没有名为"  # a link to an organisation not in the folder read: for `check` alone


class Tree(NamedTuple):
    loaded: list[LoadedPlan]  # every plan of the folder
    chosen: list[int]  # the plans the command is about: indexes into `loaded`
    org: str  # the organisation asked for ('' without --org)

    @property
    def plans(self) -> list[Plan]:
        return [p.plan for p in self.loaded]

    @property
    def many(self) -> bool:
        """Whether the plans chosen are of more than one organisation."""
        from kexie_cli.core.orgs import key

        return len({key(self.loaded[i].plan.plan.org) for i in self.chosen}) > 1


def tree_problems(loaded: list[LoadedPlan], strict: bool = True) -> list[Problem]:
    """The rules between plans, each at its file:line. Not `strict` (every command but
    `check`): a link to an organisation whose plans are not in the folder read is let be — a
    county's office may read its own folder alone."""
    from kexie_cli.core.flows import link_findings
    from kexie_cli.core.orgs import org_findings

    plans = [p.plan for p in loaded]
    if not any(p.plan.org for p in plans):
        return []  # no organisation named: a folder as before issue 29
    findings = org_findings(plans) + link_findings(plans)
    if not strict:
        findings = [f for f in findings if not f[2].startswith(_ABSENT)]
    lines: dict[int, object] = {}
    problems = []
    for index, loc, message in findings:
        path = loaded[index].path
        if index not in lines:
            lines[index] = _line_finder(path)
        find = lines[index]
        line = find(loc) if callable(find) else None
        where = f"任务 {_task_id(plans[index], loc)}" if loc[0] == "tasks" else "计划"
        field = _field(loc[2:]) if loc[0] == "tasks" else str(loc[-1])
        problems.append(Problem(str(path), line, where, field, message))
    return problems


def _line_finder(path: Path) -> object:
    from kexie_cli.plans.yaml_read import line_finder

    try:
        return line_finder(decode(read_bytes(path), path))
    except Exception:  # the file changed under us: the problem is still told, without a line
        return None


def _task_id(plan: Plan, loc: tuple[object, ...]) -> object:
    assert isinstance(plan, TasksPlan) and isinstance(loc[1], int)
    return plan.tasks[loc[1]].id


def open_tree(data: Path | None, year: int | None, org: str | None, below: bool = True) -> Tree:
    """Every plan of the folder and those a command about `org` (and those under it) works
    on: the task lists of the year (--plan, else the newest year with tasks), or its
    work-points notice. A single organisation's folder without --org: its plan, as before.
    Not `below`: the one plan of `org` alone (`show`), picked as `open_plan` picks (without
    `org`: of the organisation whose plans lie in the folder itself)."""
    from kexie_cli.core.orgs import family, find_org, key, many

    root = resolve_data(data)
    paths = plan_files(root)
    if not paths:
        raise KexieError(f"{root}: 没有计划文件（*.yaml）")
    loaded, problems = load_plans(paths)
    problems += tree_problems(loaded, strict=False) if not problems else []
    if problems and (year is None or _stops(problems, loaded, year)):
        more = f"（共 {len(problems)} 处，运行 kexie check 查看全部）" if len(problems) > 1 else ""
        raise KexieError(f"{problems[0]}{more}", problems)
    plans = [p.plan for p in loaded]
    if not below:
        picked = pick_plan(own_plans(loaded, org, root), year)
        return Tree(loaded, [loaded.index(picked)], picked.plan.plan.org)
    if org is None and not many(plans):
        picked = pick_plan(loaded, year)
        return Tree(loaded, [loaded.index(picked)], "")
    name = find_org(plans, org).name if org is not None else ""
    wanted = set(family(plans, name)) if org is not None else {key(p.plan.org) for p in plans}
    mine = [i for i, p in enumerate(plans) if key(p.plan.org) in wanted]
    return Tree(loaded, _of_year([loaded[i] for i in mine], mine, year), name)


def _of_year(loaded: list[LoadedPlan], indexes: list[int], year: int | None) -> list[int]:
    """The task lists of the year among these plans; without one, the notice of the year."""
    if not loaded:
        raise KexieError("没有可用的计划")
    if year is None:
        years = [p.plan.year for p in loaded if isinstance(p.plan, TasksPlan) and p.plan.tasks]
        year = max(years) if years else pick_plan(loaded, None).plan.year
    lists = [i for i, p in zip(indexes, loaded, strict=True) if _is(p, year, TasksPlan)]
    if lists:
        return lists
    notices = [i for i, p in zip(indexes, loaded, strict=True) if p.plan.year == year]
    if not notices:
        years = "、".join(sorted({str(p.plan.year) for p in loaded}))
        raise KexieError(f"没有 {year} 年的计划；现有：{years}")
    return notices[:1]


def _is(loaded: LoadedPlan, year: int, kind: type) -> bool:
    return loaded.plan.year == year and isinstance(loaded.plan, kind)


def flows_into(
    loaded: list[LoadedPlan], path: Path, task_id: int, key: int, place: str | None
) -> str:
    """Who reports the figure of that target (and place) of the plan at `path`: '' when no
    one does (`progress` there would enter at both ends what `check` refuses)."""
    from kexie_cli.core.flows import links
    from kexie_cli.core.names import matches

    plans = [p.plan for p in loaded]
    for link in links(plans):
        if link.dest is None or loaded[link.dest[0]].path != path or link.dest[2] != key:
            continue
        dest = plans[link.dest[0]]
        assert isinstance(dest, TasksPlan)
        if dest.tasks[link.dest[1]].id != task_id:
            continue
        if link.place is None or (place is not None and matches(place, link.place)):
            source = plans[link.source[0]]
            assert isinstance(source, TasksPlan)
            return f"{source.plan.org} 任务 {source.tasks[link.source[1]].id}"
    return ""
