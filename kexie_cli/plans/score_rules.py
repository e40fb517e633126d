"""The 考核 rules file read and checked as a plan is: YAML read as typed, Pydantic's findings
and the rules' own, every problem at once, each at its file:line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kexie_cli.core.problems import Finding, KexieError, Problem
from kexie_cli.core.score_rules import Rules

# The scheme shipped with kexie, used when no --rules is given: an example to copy and edit.
DEFAULT_RULES = Path(__file__).resolve().parent.parent / "score_rules" / "default.yaml"


Check = Callable[[Any], Iterable[Finding]]


def read_rules(path: Path | None, checks: Iterable[Check] = ()) -> Rules:
    """The rules of the file (the shipped scheme without one), or a KexieError holding every
    problem of it, each at its file:line: the schema's, the rules' own, and those of `checks`
    (run on the data as written: e.g. the rules against the plan they score)."""
    from pydantic import ValidationError

    from kexie_cli.core.score_rules import item_findings
    from kexie_cli.plans.files import decode, read_bytes
    from kexie_cli.plans.validate import _schema_findings, parse, text_controls
    from kexie_cli.plans.yaml_read import line_finder, parse_yaml

    path = path or DEFAULT_RULES
    text = decode(read_bytes(path), path)
    raw = parse_yaml(text, str(path))
    if not isinstance(raw, dict):
        problem = Problem(str(path), 1, "", "", "不是考核细则文件：应有 title:、base:、items:")
        raise KexieError(str(problem), [problem])
    findings = [*item_findings(raw), *text_controls(raw)]
    findings += [f for check in checks for f in check(raw)]
    rules = None
    try:
        rules = parse(Rules, raw)
    except ValidationError as exc:
        findings = _schema_findings(exc) + findings
    if findings or rules is None:
        problems = located(str(path), raw, findings, line_finder(text))
        raise KexieError(str(problems[0]), problems)
    return rules


def located(file: str, raw: Any, findings: list[Finding], find_line: Any) -> list[Problem]:
    """FILE:LINE: 细则 第 N 项（名称）：field：message, in line order."""
    problems = [
        Problem(file, find_line(f.loc), _where(raw, f.loc), _field(f.loc), f.message)
        for f in findings
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def _where(raw: Any, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        try:
            name = raw["items"][loc[1]].get("name")
        except (AttributeError, IndexError, KeyError, TypeError):
            name = None
        return f"第 {loc[1] + 1} 项" + (f"（{name}）" if isinstance(name, str) and name else "")
    return ""


def _field(loc: tuple[Any, ...]) -> str:
    rest = loc[2:] if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int) else loc
    text = ""
    for part in rest:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
