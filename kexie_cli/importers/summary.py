"""What an import did, said once as data and once as the line on stderr: how many tasks (or
sections and points) and targets, and which records hold a guess a person should check.

    导入 18 项任务、7 项指标；3 处推断已写入 note，请核对：任务 4、9、12

The guesses counted are the importer's own notes in a record's `note` (joined by ；): 同上 or a
blank taken from above, a due supposed, a number continued, a 等 dropped, a leader's title
dropped, a lead not named; the list's own 备注 (kept last, after 原表备注：) is not one.
"""

from __future__ import annotations

from typing import Any

from kexie_cli.importers.tasks import TARGET_NOTE

_OWN_REMARK = "原表备注："


def tasks_summary(tasks: list[dict[str, Any]]) -> dict[str, Any]:
    """The import of a task list as data (what `--format json` prints)."""
    check = [
        {"id": task["id"], "notes": notes}
        for task in tasks
        if (notes := _guesses(task.get("note", "")))
    ]
    targets = [target for task in tasks for target in task.get("targets") or []]
    return {
        "tasks": len(tasks),
        "targets": len(targets),
        "suggested_targets": sum(
            1 for t in targets if str(t.get("note", "")).endswith(TARGET_NOTE)
        ),
        "guesses": sum(len(item["notes"]) for item in check),
        "check": check,
    }


def tasks_line(said: dict[str, Any]) -> str:
    head = f"导入 {said['tasks']} 项任务、{said['targets']} 项指标"
    if not said["check"]:
        return f"{head}；" + (
            "指标由程序提取，请核对" if said["suggested_targets"] else "没有需核对的推断"
        )
    numbers = "、".join(str(item["id"]) for item in said["check"])
    return f"{head}；{said['guesses']} 处推断已写入 note，请核对：任务 {numbers}"


def summary(tasks: list[dict[str, Any]]) -> str:
    """The line on stderr after `import tasks`."""
    return tasks_line(tasks_summary(tasks))


def points_summary(result: dict[str, Any]) -> dict[str, Any]:
    """The import of a work-points notice as data: its parts and points, the points whose
    number was changed (noted), and the lines left out of every field (listed in the plan's
    note)."""
    check = [{"id": p["id"], "notes": [p["note"]]} for p in result["points"] if p.get("note")]
    note = result["plan"].get("note", "")
    left_out = sum(len(line.split("：", 1)[-1].split("；")) for line in note.splitlines() if line)
    return {
        "sections": len(result["sections"]),
        "points": len(result["points"]),
        "guesses": len(check),
        "check": check,
        "left_out": left_out,
    }


def points_line(said: dict[str, Any]) -> str:
    parts = f"{said['sections']} 个部分、" if said["sections"] else ""
    head = f"导入 {parts}{said['points']} 条要点"
    tail = f"；{said['left_out']} 行未归入要点的文字列入 plan 的 note" if said["left_out"] else ""
    if not said["check"]:
        return f"{head}{tail}；没有需核对的推断"
    numbers = "、".join(str(item["id"]) for item in said["check"])
    return f"{head}{tail}；{said['guesses']} 处编号改动已写入 note，请核对：要点 {numbers}"


def _guesses(note: str) -> list[str]:
    own = note.split(_OWN_REMARK, 1)[0]
    return [part.strip() for part in own.split("；") if part.strip()]
