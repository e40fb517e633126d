"""Writing one update of the 督办 record into its plan file: what `progress`, `extend` and
`comment` share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kexie_cli.core.requests import Update
    from kexie_cli.plans.save import Recorded


def record_update(data: Path | None, plan: int | None, request: Update) -> Recorded:
    """Write an update (progress, extend, comment) into the plan's task list, under its lock."""
    from kexie_cli.core.models import TasksPlan
    from kexie_cli.core.problems import KexieError
    from kexie_cli.plans.load import open_plan
    from kexie_cli.plans.save import save_update

    loaded = open_plan(data, plan)
    if not isinstance(loaded.plan, TasksPlan):
        raise KexieError(
            f"{loaded.path}: 是工作要点，没有可登记进度的任务；请用 --plan 选择任务分解清单"
        )
    return save_update(loaded.path, request)
