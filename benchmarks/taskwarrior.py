"""The issue's yardstick, measured beside kexie: Taskwarrior listing one project of a
10,000-task list, when Taskwarrior (`task`) is installed (Debian: `apt install taskwarrior`).

    python benchmarks/taskwarrior.py PLAN HOME   # a Taskwarrior database of PLAN's tasks

The tasks are the generated plan's own: each is one Taskwarrior task whose description is its
具体内容 (its 重点工作 where that is empty), in project 组宣部 when 组宣部 leads or supports it
(the tasks `kexie list --dept 组宣部` lists) and 其他 otherwise. Taskwarrior shows less of each
task than kexie's TSV row (no 推进措施, no targets), so this is a yardstick, not a race.

A plan with history (`generate.py --history`) gives the same tasks their 督办 record as
Taskwarrior keeps words about a task: an annotation, dated, for each written entry (a report's
进展情况 — else its problem or next step —, a comment, an extension's or a request's reason).
Its figures are not carried: Taskwarrior has no counts, and a modification's trail (undo.data)
is not read by a listing.
Its settings are the defaults but for two notices that would go to stderr on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

PROJECT = "组宣部"
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar as the text written
# The default `verbose` without `override` ("TASKRC override: …" on every run); a news.version
# stops "Recently upgraded to 2.6.0" on every run of a new database.
_SETTINGS = (
    "confirmation=no",
    "verbose=affected,blank,context,edit,header,footnote,label,new-id,project,special,sync,recur",
    "news.version=2.6.0",
)


def version() -> str | None:
    """Taskwarrior's version, or None when `task` is not installed."""
    if shutil.which("task") is None:
        return None
    done = subprocess.run(["task", "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def command(home: Path) -> tuple[list[str], dict[str, str]]:
    """The listing command, and the environment that points `task` at the database in `home`."""
    return ["task", f"project:{PROJECT}", "list"], {"TASKRC": str(home / "taskrc")}


def prepare(plan: Path, home: Path, history: bool = True) -> None:
    """Write a Taskwarrior database of the plan's tasks under `home` (without their history's
    annotations if `history` is False)."""
    home.mkdir(parents=True, exist_ok=True)
    settings = [f"data.location={home / 'data'}", *_SETTINGS]
    (home / "taskrc").write_text("\n".join(settings) + "\n", encoding="utf-8")
    exported = home / "tasks.json"
    exported.write_text(json.dumps(_tasks(plan, history), ensure_ascii=False), encoding="utf-8")
    _, env = command(home)
    imported = ["task", "import", str(exported)]
    subprocess.run(imported, env={**os.environ, **env}, check=True, capture_output=True)


def _tasks(plan: Path, history: bool) -> list[dict[str, Any]]:
    tasks = yaml.load(plan.read_text(encoding="utf-8"), Loader=_Loader)["tasks"]
    found = []
    for task in tasks:
        found.append(
            {
                "description": task.get("content") or task.get("focus") or task["id"],
                "project": PROJECT
                if PROJECT in f"{task.get('lead')}{task.get('support')}"
                else "其他",
                "status": "pending",
                "entry": "20250101T000000Z",
            }
        )
        if history and (notes := _annotations(task.get("history") or [])):
            found[-1]["annotations"] = notes
    return found


def _annotations(history: list[dict[str, str]]) -> list[dict[str, str]]:
    """The written entries of a task's history as Taskwarrior annotations, dated."""
    notes = []
    for entry in history:
        words = entry.get("note") or entry.get("problem") or entry.get("next")
        if entry.get("kind") == "comment":
            words = entry.get("comment")
        elif entry.get("kind") in ("extension", "request"):
            words = entry.get("reason")
        elif entry.get("kind") != "report":
            continue  # a figure or a mark: Taskwarrior keeps no counts
        if words:
            notes.append(
                {"entry": entry["date"].replace("-", "") + "T000000Z", "description": words}
            )
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plan", type=Path)
    parser.add_argument("home", type=Path)
    args = parser.parse_args()
    prepare(args.plan, args.home)


if __name__ == "__main__":
    main()
