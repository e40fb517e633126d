"""The 督办 rules a plan declares (`supervision:` beside `tasks:`): when a task not done is at
蓝色, 黄色, 橙色 or 红色. core/levels.py applies them; absent, the defaults below stand
(docs/plan-files.md, "督办规则")."""

from __future__ import annotations

from dataclasses import dataclass

from kexie_cli.core.fields import STRICT, Days, Months, Points, Text


@dataclass(frozen=True)
class Supervision:
    """督办规则: each number a person may change, with the default a plan without them gets."""

    __pydantic_config__ = STRICT

    blue_days: Days = 15  # 蓝色: the deadline in force ends within so many days
    yellow_points: Points = 10.0  # 黄色: behind the 序时进度 by more than so many points
    red_days: Days = 0  # 红色: overdue (so many days past the deadline's end; 0: once overdue)
    orange_after: Months = 2  # 橙色: 黄色 at so many month ends in a row (0: never)
    urge_step: bool = False  # a 催办 (`kexie remind`) sent while 黄色 or 橙色: one step up
    note: Text | None = None
