"""A year of the 督办 record on the shipped 2025 list, as the office would enter it: figures
month by month, the departments' own words, a task done, an extension, a comment. The pictures
and the summary are checked against it (every figure in their prose traceable to it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

YEAR = (
    ["progress", "2.1", "--done", "3", "--by", "办公室", "--date", "2025-03-31"],
    ["progress", "2.1", "--done", "6", "--by", "办公室", "--date", "2025-06-30",
     "--note", "已组织党组会学习6次，传达学习省委全会精神。"],
    ["progress", "2.3", "--done", "2", "--by", "办公室", "--date", "2025-06-30"],
    ["progress", "3.1", "--done", "100", "--by", "学会部", "--date", "2025-04-28",
     "--note", "举办全市学会党建暨科创赋能新质生产力培训班，培训科技工作者100名。"],
    ["progress", "8.1", "--done", "2", "--by", "组宣部", "--date", "2025-05-31"],
    ["progress", "8.2", "--unit", "大冶市", "--done", "2", "--by", "组宣部", "--date", "2025-06-25",
     "--note", "已在大冶开展科学家精神宣讲。", "--problem", "宣讲团专家档期紧张。",
     "--next", "下半年协调各县承办宣讲。"],
    ["progress", "9.1", "--done", "6", "--by", "组宣部", "--date", "2025-06-30"],
    ["progress", "9.1", "--done", "18", "--by", "组宣部", "--date", "2025-11-30",
     "--note", "荆楚校园行活动已全部完成。"],
    ["progress", "15.3", "--done", "12", "--by", "市科技馆", "--date", "2025-04-30"],
    ["progress", "15.3", "--done", "25", "--by", "市科技馆", "--date", "2025-08-31",
     "--note", "科普大篷车深入乡村学校巡展。", "--next", "四季度到阳新、大冶巡展。"],
    ["progress", "16.2", "--done", "5", "--by", "市科技馆", "--date", "2025-06-30"],
    ["progress", "19.3", "--done", "120", "--by", "普及部（中心）", "--date", "2025-07-31"],
    ["progress", "11.1", "--done", "60", "--by", "学会部", "--date", "2025-05-31"],
    ["progress", "11.1", "--done", "130", "--by", "学会部", "--date", "2025-09-30",
     "--problem", "部分学会报送不及时。", "--next", "建立动态信息月通报制度。"],
    ["progress", "6", "--status", "done", "--by", "组宣部", "--date", "2025-06-20",
     "--note", "制定年度科技工作者联系服务方案。"],
    ["extend", "7", "2025.12", "--reason", "省级评选时间调整", "--by", "陈汉平",
     "--date", "2025-07-20"],
    ["progress", "7.1", "--done", "4", "--by", "组宣部", "--date", "2025-07-31"],
    ["comment", "8", "宣讲要深入基层。", "--by", "郑昌盛", "--date", "2025-07-10"],
    ["progress", "28", "--note", "已编印《科技工作者建言专报》2期。", "--by", "办公室",
     "--date", "2025-09-30", "--next", "围绕十五五规划再编印2期。"],
    ["progress", "28.1", "--done", "2", "--by", "办公室", "--date", "2025-09-30"],
)  # fmt: skip


def played_year(folder: Path) -> Path:
    """The shipped list copied into `folder` with YEAR recorded."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    runner = CliRunner()
    for args in YEAR:
        result = runner.invoke(app, [*args, "--data", str(folder)])
        assert result.exit_code == 0, f"{args}: {result.output}"
    return folder
