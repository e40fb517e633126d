"""Write a plan of N tasks: the shipped 2025 tasks repeated with new ids, in one file.

python benchmarks/generate.py 10000 /tmp/kexie-bench/plan.yaml
python benchmarks/generate.py 10000 /tmp/kexie-bench/plan.yaml --history   # a year of history

With --history each task gets a year of monthly history in the entry kinds of the 督办 record
(figures, written reports, deadline extensions, comments, marks), as kexie writes them: figures
and marks without a `kind:` key, the others with it.
"""

from __future__ import annotations

import argparse
import calendar
import re
from pathlib import Path
from typing import Any

import yaml

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "2025_tasks.yaml"
Entry = dict[str, Any]


def generate(
    count: int, source: Path = SHIPPED, history: bool = False, plan_fields: Any = None
) -> str:
    """The plan text; the task records are the shipped ones, verbatim but for their ids (and,
    with `history`, their history, done figures and extended deadlines). `plan_fields`: keys
    of `plan:` written over the shipped ones (another organisation's title, org, level)."""
    plan = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    shipped = plan["tasks"]
    tasks = [{**shipped[n % len(shipped)], "id": str(n + 1)} for n in range(count)]
    if history:
        tasks = [with_history(task, n, int(plan["plan"]["year"])) for n, task in enumerate(tasks)]
    body = {
        "plan": {
            **plan["plan"],
            "title": f"{plan['plan']['title']}（{count} 项测试）",
            **(plan_fields or {}),
        },
        "tasks": tasks,
    }
    return yaml.dump(body, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=4096)


def with_history(task: dict[str, Any], n: int, year: int) -> dict[str, Any]:
    """The task with a year of monthly history: each month a figure per target (rising) and a
    written report; a deadline extension on one task in ten, a comment on one in five; a task
    with nothing to count is marked in progress, then done. Dates ascend; `done` is the last
    figure, as replaying the history would leave it; `due` stays the document's month (an
    extension moves the deadline in force, not the month as written)."""
    dept = (task["lead"] or ["办公室"])[0]
    leader = (task["leaders"] or ["郑昌盛"])[0]
    # A target broken down by place (units/each) is counted place by place: left at 0 here.
    steps = [
        0 if "units" in t or "each" in t else max(1, round(float(t["target"].split("-")[0]) / 12))
        for t in task["targets"]
    ]
    due_year, due_month = map(int, re.findall(r"\d+", task["due"])[:2])
    entries: list[Entry] = []
    if not any(steps):
        entries.append(_mark(f"{year}-01-05", "in_progress", "not_started", dept))
    for month in range(1, 13):
        day = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if n % 5 == 1 and month == n % 12 + 1:
            comment = f"批示：{task['content'][:20] or '此项工作'}要抓紧推进，按时限完成。"
            entries.append({"date": f"{year}-{month:02d}-10", "kind": "comment"})
            entries[-1].update(comment=comment, by="郑昌盛")
        if n % 10 == 3 and (due_year, due_month) == (year, month + 1):
            entries.append(_extension(f"{year}-{month:02d}-20", task["due"], leader))
        for key, step in enumerate(steps, start=1):
            if not step:
                continue
            entries.append({"date": day, "target": key})
            entries[-1].update(before=step * (month - 1), after=step * month, by=dept)
        entries.append(_report(day, month, task, dept))
    if not any(steps):
        entries.append(_mark(f"{year}-12-31", "done", "in_progress", dept))
    targets = [
        {**t, "done": str(step * 12)} if step else t
        for t, step in zip(task["targets"], steps, strict=True)
    ]
    return {**task, "targets": targets, "history": entries}


def _report(day: str, month: int, task: dict[str, Any], dept: str) -> Entry:
    work = task["focus"] or task["content"][:24] or "本项工作"
    return {
        "date": day,
        "kind": "report",
        "by": dept,
        "note": f"进展情况：{month}月，{dept}围绕{work}按计划推进，各项措施逐步落实。",
        "problem": "存在问题：基层力量不足，部分县(市、区)进度不一。",
        "next": f"下步打算：{month % 12 + 1}月加强调度，督促责任部室按时限完成。",
    }


def _extension(date: str, due: str, leader: str) -> Entry:
    """Three months more for the task due in `due` (as written: 2025.6)."""
    year, month = map(int, re.findall(r"\d+", due)[:2])
    later_year, later_month = divmod(year * 12 + month - 1 + 3, 12)
    return {
        "date": date,
        "kind": "extension",
        "due_before": due,
        "due_after": f"{later_year}.{later_month + 1}",
        "reason": "场地与经费尚未落实，经分管领导同意延期三个月。",
        "by": leader,
    }


def _mark(date: str, status: str, before: str, by: str) -> Entry:
    return {"date": date, "status": status, "status_before": before, "by": by}


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Write every repeated task out in full, as a person's file would be: no &anchors."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--history", action="store_true", help="a year of history per task")
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(generate(args.count, history=args.history), encoding="utf-8")
    print(f"{args.output}: {args.count} tasks, {args.output.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
