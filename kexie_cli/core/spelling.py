"""A department written one way in everything kexie prints: as the plan names it.

A list writes one department several ways (普及部(中心), 普及部（中心）, 普及部; the alias 市馆 for
市科技馆). Outputs spell each as the plan's own name for it: the name its `departments:` declare
(an alias's department, a group or a group's member) where one is the same name, else the
spelling the list uses most; brackets full-width, as the document prints them.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter

from kexie_cli.core.models import Task, TasksPlan
from kexie_cli.core.names import canonical, same

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
        self._declared = [full_width(name) for name in dict.fromkeys(declared)]
        written = Counter(
            full_width(name) for task in plan.tasks for name in (*task.lead, *task.support)
        )
        self._written = [name for name, _ in written.most_common()]  # ties: first written
        self._known: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._known:
            self._known[name] = self._spelled(name)
        return self._known[name]

    def _spelled(self, name: str) -> str:
        meant = full_width(canonical(name, self._aliases))
        for names in (self._declared, self._written):
            found = next((known for known in names if same(known, meant)), None)
            if found is not None:
                return found
        return meant

    def names(self, names: list[str]) -> list[str]:
        """Each name spelled, each department once (普及部, 普及部（中心） → one)."""
        return list(dict.fromkeys(self(name) for name in names))


def written_one_way(plan: TasksPlan) -> TasksPlan:
    """The plan with every task's departments spelled one way; a task already so, as it is.
    A task is copied with what it worked out (its standing), never worked out again."""
    spelling = Spelling(plan)
    tasks = [spelled_task(task, spelling) for task in plan.tasks]
    if all(new is old for new, old in zip(tasks, plan.tasks, strict=True)):
        return plan
    return dataclasses.replace(plan, tasks=tasks)


def spelled_task(task: Task, spelling: Spelling) -> Task:
    """The task with its departments spelled one way (itself if they are)."""
    lead, support = spelling.names(task.lead), spelling.names(task.support)
    if lead == task.lead and support == task.support:
        return task
    copied = copy.copy(task)
    object.__setattr__(copied, "lead", lead)  # frozen: set as __post_init__ sets history
    object.__setattr__(copied, "support", support)
    return copied
