"""A department written one way in everything kexie prints: as the plan names it.

A list writes one department several ways (普及部(中心), 普及部（中心）, 普及部; the alias 市馆 for
市科技馆). Outputs spell each as the plan's own name for it: the name its `departments:` declare
(an alias's department, a group or a group's member) where one is the same name, else the
spelling the list uses most; brackets full-width, as the document prints them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import chain
from operator import attrgetter

from kexie_cli.core.models import Task, TasksPlan
from kexie_cli.core.names import bare, canonical, normalize

_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})


def full_width(name: str) -> str:
    """普及部(中心) → 普及部（中心）: brackets as an official document prints them."""
    return name.translate(_FULL_WIDTH)


class Spelling:
    """The one spelling of each department name of a plan (`spelling(name)`)."""

    def __init__(self, plan: TasksPlan) -> None:
        office = plan.departments
        self._aliases = office.aliases
        declared = [*office.aliases.values(), *office.groups]
        declared += [name for members in office.groups.values() for name in members]
        leads = chain.from_iterable(map(attrgetter("lead"), plan.tasks))
        self.written = set(leads).union(chain.from_iterable(map(attrgetter("support"), plan.tasks)))
        # Each normal form → (rank, spelling): the declared names first, then the most used.
        self._index: dict[str, tuple[int, str]] = {}
        ranked = [full_width(name) for name in dict.fromkeys(declared)]
        ranked += _by_use(plan, self.written)
        for rank, name in enumerate(ranked):
            for key in (normalize(name), bare(name)):
                self._index.setdefault(key, (rank, name))
        self._known: dict[str, str] = {}
        self._lists: dict[tuple[str, ...], list[str]] = {}

    def __call__(self, name: str) -> str:
        if name not in self._known:
            self._known[name] = self._spelled(name)
        return self._known[name]

    def _spelled(self, name: str) -> str:
        """The first declared name, else the most used spelling, that is the same name
        (`names.same`: one of their normal forms alike)."""
        meant = full_width(canonical(name, self._aliases))
        found = [self._index[k] for k in (normalize(meant), bare(meant)) if k in self._index]
        return min(found)[1] if found else meant

    def names(self, names: list[str]) -> list[str]:
        """Each name spelled, each department once (普及部, 普及部（中心） → one); one list
        for the tasks that name the same departments (a view only reads it)."""
        key = tuple(names)
        if key not in self._lists:
            self._lists[key] = list(dict.fromkeys(self(name) for name in names))
        return self._lists[key]


def _by_use(plan: TasksPlan, names: set[str]) -> list[str]:
    """The spellings (full-width) the plan writes, the most used first (ties: first written).
    Only spellings of one name compete; with none alike, the plan is not counted (a 10,000-
    task plan would spend ~10 ms on it, at every command)."""
    spellings = {full_width(name) for name in names}
    keys: dict[str, str] = {}
    alike = False
    for name in spellings:
        for key in (normalize(name), bare(name)):
            alike = alike or keys.setdefault(key, name) != name
    if not alike:
        return sorted(spellings)
    written = Counter(chain.from_iterable(map(attrgetter("lead"), plan.tasks)))
    written.update(chain.from_iterable(map(attrgetter("support"), plan.tasks)))
    counts: Counter[str] = Counter()
    for name, count in written.items():
        counts[full_width(name)] += count
    return [name for name, _ in counts.most_common()]


def written_one_way(plan: TasksPlan) -> TasksPlan:
    """The plan with every task's departments spelled one way; a task already so, as it is.
    A task is copied with what it worked out (its standing), never worked out again."""
    spelling = Spelling(plan)
    changed = {name for name in spelling.written if spelling(name) != name}
    if not changed:
        return plan
    tasks = [
        task
        if changed.isdisjoint(task.lead) and changed.isdisjoint(task.support)
        else spelled_task(task, spelling)
        for task in plan.tasks
    ]
    return dataclasses.replace(plan, tasks=tasks)


def spelled_task(task: Task, spelling: Spelling) -> Task:
    """The task with its departments spelled one way (itself if they are)."""
    lead, support = spelling.names(task.lead), spelling.names(task.support)
    if lead == task.lead and support == task.support:
        return task
    # A copy of its fields and what it worked out (its standing), without running __init__:
    # 5,000 tasks of a big plan are copied in a few ms (copy.copy takes ~5 times as long).
    copied = object.__new__(Task)
    copied.__dict__.update(task.__dict__, lead=lead, support=support)
    return copied
