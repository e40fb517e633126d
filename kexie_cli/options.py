"""Options shared by every command, declared once (Annotated, as fastapi-cli does)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="计划文件或其所在文件夹（默认：环境变量 KEXIE_DATA，否则当前目录下的 data/）",
        show_default=False,
    ),
]
PlanOption = Annotated[
    int | None,
    typer.Option(
        "--plan", help="计划年度，如 2025（默认：最新的任务分解清单）", show_default=False
    ),
]
