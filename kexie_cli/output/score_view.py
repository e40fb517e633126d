"""What `kexie score` shows: each department's (or leader's) score, then every line that makes
it up — the same facts in the table, JSON, CSV and the workbook (output/score_xlsx.py)."""

from __future__ import annotations

from typing import Any

from kexie_cli.core.numbers import whole
from kexie_cli.core.score import Score, Scoring
from kexie_cli.core.score_items import Line
from kexie_cli.output.views import Column, Table, View


def points(value: float) -> int | float:
    """Points as shown and written: two decimals at most, whole numbers as int (−0.5, 97)."""
    return whole(round(value, 2))


def line_json(line: Line) -> dict[str, Any]:
    return {"item": line.item, "task": line.task, "points": points(line.points), "why": line.why}


def score_json(score: Score) -> dict[str, Any]:
    return {
        "name": score.name,
        "score": points(score.score),
        "rank": score.rank,
        "tasks": score.tasks,
        "lines": [line_json(line) for line in score.lines],
    }


def scoring_json(scoring: Scoring) -> dict[str, Any]:
    rules = scoring.rules
    return {
        "as_of": scoring.as_of.isoformat(),
        "by": scoring.by,
        "rules": {"title": rules.title, "base": points(rules.base), "source": rules.source},
        "scores": [score_json(s) for s in scoring.scores],
        "set_aside": [
            {"id": s.task.id, "status": str(s.status), "label": s.status.label}
            for s in scoring.set_aside
        ],
    }


def score_columns(header: str) -> tuple[Column, ...]:
    return (
        Column("name", header),
        Column("tasks", "任务", "number"),
        Column("score", "得分", "number"),
        Column("rank", "名次", "number"),
    )


def line_columns(header: str) -> tuple[Column, ...]:
    return (
        Column("name", header),
        Column("item", "考核项目"),
        Column("task", "任务", "number"),
        Column("points", "加减分", "number"),
        Column("why", "说明"),
    )


def score_rows(scoring: Scoring) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "tasks": s.tasks, "score": points(s.score), "rank": s.rank}
        for s in scoring.scores
    ]


def line_rows(scoring: Scoring) -> list[dict[str, Any]]:
    """Every line of every score, under its department's name: the base first."""
    rows = []
    for s in scoring.scores:
        base = {"item": "基础分", "task": "", "points": points(scoring.rules.base), "why": ""}
        rows.append({"name": s.name, **base})
        rows += [
            {
                "name": s.name,
                "item": line.item,
                "task": "" if line.task is None else line.task,
                "points": points(line.points),
                "why": line.why,
            }
            for line in s.lines
        ]
    return rows


def score_view(scoring: Scoring) -> View:
    return View(lambda: scoring_json(scoring), lambda: score_tables(scoring))


def score_tables(scoring: Scoring) -> tuple[Table, ...]:
    header = scoring.group_header
    title = f"考核得分（截至 {scoring.as_of}）"
    scores = Table(score_columns(header), score_rows(scoring), title, _caption(scoring))
    lines = Table(line_columns(header), line_rows(scoring), f"计分明细：{scoring.rules.title}")
    return scores, lines


def _caption(scoring: Scoring) -> str:
    shared = f"按{scoring.group_header}计分；一项任务分属几处时分别计入"
    if not scoring.set_aside:
        return shared
    apart = "、".join(f"任务 {s.task.id}（{s.status.label}）" for s in scoring.set_aside)
    return f"{shared}；不计分：{apart}"
