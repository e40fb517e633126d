"""Plans of many organisations in one tree (issue 29): who each organisation is (its level and
parent, as its plans say), which organisations `--org NAME` selects, and the rules a tree
keeps. Pure: the plans come in as records, problems go out as (plan index, loc, message)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from kexie_cli.core.links import LEVELS
from kexie_cli.core.models import Plan, TasksInfo, TasksPlan
from kexie_cli.core.names import normalize
from kexie_cli.core.problems import KexieError, Loc

# A problem of the tree: the plan's index among those given, where in it, what is wrong.
TreeFinding = tuple[int, Loc, str]


class Org(NamedTuple):
    name: str  # as its first plan writes it
    level: str | None
    parent: str


def key(name: str) -> str:
    """The form organisation names are compared in (full- and half-width alike, no spaces)."""
    return normalize(name)


def org_of(plan: Plan) -> str:
    return plan.plan.org


def orgs(plans: Sequence[Plan]) -> dict[str, Org]:
    """Each organisation named by a plan, by its key, in the order first met; its level and
    parent from the first of its plans that says them."""
    found: dict[str, Org] = {}
    for plan in plans:
        info = plan.plan
        if not info.org:
            continue
        known = found.get(key(info.org))
        level, parent = _place(plan)
        if known is None:
            found[key(info.org)] = Org(info.org, level, parent)
        else:
            found[key(info.org)] = known._replace(
                level=known.level or level, parent=known.parent or parent
            )
    return found


def _place(plan: Plan) -> tuple[str | None, str]:
    """A plan's level and parent: a task list says them; a notice (a province's) names only
    its organisation."""
    info = plan.plan
    return (info.level, info.parent) if isinstance(info, TasksInfo) else (None, "")


def many(plans: Sequence[Plan]) -> bool:
    """Whether the plans are of more than one organisation (plans naming none belong to any)."""
    return len(orgs(plans)) > 1


def find_org(plans: Sequence[Plan], query: str) -> Org:
    """The organisation a name given to --org stands for; refused with the names there are."""
    known = orgs(plans)
    if key(query) in known:
        return known[key(query)]
    names = "、".join(o.name for o in known.values()) or "（计划中都没有写 org）"
    raise KexieError(f"--org：没有名为 {query} 的组织；现有：{names}")


def family(plans: Sequence[Plan], name: str) -> list[str]:
    """The organisation and those under it, at any depth (keys), itself first, then in tree
    order; a cycle of parents (refused by `kexie check`) stops where it would repeat."""
    known = orgs(plans)
    chosen = [key(name)]
    for wanted in chosen:
        for org_key, org in known.items():
            if org.parent and key(org.parent) == wanted and org_key not in chosen:
                chosen.append(org_key)
    return chosen


def level_label(level: str | None) -> str:
    return f"{level}级" if level else ""


def tag(plan: TasksPlan) -> TasksPlan:
    """The plan with each task knowing its organisation (for `report --by org` and for views
    of several organisations' tasks): set on the tasks, which are the plan's own."""
    for task in plan.tasks:
        object.__setattr__(task, "org", plan.plan.org)
    return plan


def org_findings(plans: Sequence[Plan]) -> list[TreeFinding]:
    """One organisation's plans agree on its level and parent; no organisation is its own
    parent or under itself; a parent's level is above its children's."""
    found: list[TreeFinding] = []
    said: dict[str, tuple[Any, str]] = {}
    for index, plan in enumerate(plans):
        info = plan.plan
        level, parent = _place(plan)
        if not info.org:
            if level or parent:
                found.append((index, ("plan", "org"), "写了 level 或 parent，须同时写 org"))
            continue
        if parent and key(parent) == key(info.org):
            found.append((index, ("plan", "parent"), f"{info.org} 不能是自己的上级"))
        for field, value in (("level", level), ("parent", parent)):
            first = said.setdefault(f"{key(info.org)} {field}", (value, ""))
            if value and first[0] and key(str(value)) != key(str(first[0])):
                message = f"{info.org} 的 {field} 在另一个计划中写作 {first[0]}，此处为 {value}"
                found.append((index, ("plan", field), message))
    known = orgs(plans)
    for index, plan in enumerate(plans):
        org, (level, parent) = plan.plan.org, _place(plan)
        if not org or not parent:
            continue
        above = known.get(key(parent))
        if above is not None and _under(known, above, key(org)):
            found.append((index, ("plan", "parent"), f"上级循环：{org} 又在 {parent} 之上"))
        elif above and above.level and level and not _higher(above.level, level):
            message = f"上级 {above.name} 为{above.level}级，不高于本组织的{level}级"
            found.append((index, ("plan", "level"), message))
    return found


def _under(known: dict[str, Org], org: Org, wanted: str) -> bool:
    """Whether `wanted` is `org` or above it (following parents)."""
    seen: set[str] = set()
    current: Org | None = org
    while current is not None and key(current.name) not in seen:
        if key(current.name) == wanted:
            return True
        seen.add(key(current.name))
        current = known.get(key(current.parent)) if current.parent else None
    return False


def _higher(above: str, below: str) -> bool:
    return LEVELS.index(above) < LEVELS.index(below)
