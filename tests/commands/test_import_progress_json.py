"""`kexie import progress --format json`: what was (or would be) recorded, as one object."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.test_forms import ZUXUAN, fill
from tests.commands.test_forms_returns import bring, folder, history, make  # noqa: F401


def test_a_form_recorded_said_as_data(folder: Path) -> None:  # noqa: F811
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 7, "进展情况": "已宣讲7场"}}, 填报日期="2025-07-03")
    text = bring(folder, forms / ZUXUAN, extra=("--dry-run",))
    dry = bring(folder, forms / ZUXUAN, extra=("--dry-run", "--format", "json"))
    assert dry.exit_code == 0, dry.output
    said = json.loads(dry.stdout)
    assert said["dry_run"] is True and said["written"] == [] and said["refused"] == {}
    (form,) = said["forms"]
    assert form["file"] == str(forms / ZUXUAN) and form["dept"] == "组宣部"
    assert [f"  {line}" for line in form["lines"]] == text.stdout.splitlines()[1:-1]
    assert (
        said["summary"]
        == text.stdout.splitlines()[-1]
        == f"试运行：将登记 {said['entries']} 条，未写入"
    )
    assert history(folder, 2) == []  # a dry run writes nothing
    done = json.loads(bring(folder, forms / ZUXUAN, extra=("--format", "json")).stdout)
    assert done["dry_run"] is False and done["entries"] == said["entries"] == 2
    assert done["written"] == [{"file": str(folder / "data" / "2025_tasks.yaml"), "entries": 2}]
    assert len(history(folder, 2)) == 2
