"""A rules file damaged any way — a line cut, a value replaced by YAML 1.1's surprises, bytes
that are not text — is scored or refused in Chinese at its file:line, exit 2, and `score`
writes nothing on a refusal (no -o file, no change to the plan)."""

from __future__ import annotations

import hashlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import write_plan
from tests.score_plans import EVALUATION, PLAN, RULES

runner = CliRunner()
LINES = (RULES + EVALUATION).strip().splitlines()
ODD = ["2025.10", "''", "", "[1]", "{a: 1}", "yes", "-1", ".nan", "1e999", "~", "!!str 3", "*x"]


@st.composite
def damaged(draw) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["value", "cut", "drop", "dup", "bytes"]))
        key, colon, _ = lines[at].partition(":")
        if how == "value" and colon:
            lines[at] = f"{key}: {draw(st.sampled_from(ODD))}"
        elif how == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif how == "drop":
            del lines[at]
        elif how == "dup":
            lines.insert(at, lines[at])
        if not lines:
            lines = [""]
    text = "\n".join(lines).encode()
    if draw(st.booleans()):
        text += draw(st.binary(max_size=8))
    return text


@given(damaged())
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_damaged_rules_file_is_scored_or_refused_in_chinese(tmp_path_factory, text) -> None:
    office = tmp_path_factory.mktemp("office")
    (office / "data").mkdir()
    plan = write_plan(office / "data", "2025_tasks.yaml", PLAN)
    before = hashlib.sha1(plan.read_bytes()).hexdigest()
    (office / "rules.yaml").write_bytes(text)
    out = office / "score.csv"
    args = ["score", "--data", str(office / "data"), "--rules", str(office / "rules.yaml")]
    result = runner.invoke(app, [*args, "--as-of", "2025-06-30", "--format", "csv", "-o", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "内部错误" not in result.stderr and "Traceback" not in result.output
    assert hashlib.sha1(plan.read_bytes()).hexdigest() == before
    if result.exit_code == 2:
        assert not out.exists() and result.stderr.strip()
        for line in result.stderr.strip().splitlines():
            said = re.sub(r"^\S*rules\.yaml(:\d+)*: |'[^']*'|[a-z_]+|YAML|UTF-8", "", line)
            assert not re.search(r"[A-Za-z]{3,}", said), line


def test_a_kind_written_as_a_list_is_refused_at_its_line(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    write_plan(tmp_path / "data", "2025_tasks.yaml", PLAN)
    rules = tmp_path / "rules.yaml"
    rules.write_text("title: x\nbase: 100\nitems:\n  - kind: [1]\n    name: a\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "--data", str(tmp_path / "data"), "--rules", str(rules)])
    assert result.exit_code == 2 and "内部错误" not in result.stderr
    assert result.stderr.startswith(f"{rules}:4: 第 1 项（a）：kind：应为 'on_time'")
