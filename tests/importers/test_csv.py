"""`import tasks` reads a CSV — UTF-8 with or without BOM, GBK — through the same rows as a sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.tasks import parse_tasks
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()

SIMPLIFIED = (
    "序号,重点工作（任务）,牵头单位,责任单位,责任领导,完成时间\n"
    '1,开展全国科普日活动,科普部,"学会部、办公室",陈汉平,2026年9月\n'
    '2,"召开学会工作会议\n（上下半年各一次）",学会部,各县、市、区科协,郑昌盛和陈汉平,2026年6月\n'
)
TRADITIONAL = (
    "序號,重點工作（任務）,牽頭單位,責任單位,責任領導,完成時間\n"
    '1,開展全國科普日活動,科普部,"學會部、辦公室",陳漢平,2026年9月\n'
    '2,"召開學會工作會議\n（上下半年各一次）",學會部,各縣、市、區科協,鄭昌盛與陳漢平,2026年6月\n'
)


def _expected(text: str) -> list[tuple]:
    simplified = text == SIMPLIFIED
    return [
        (
            1,
            text.split("\n")[1].split(",")[1],
            ["科普部"],
            ["学会部" if simplified else "學會部", "办公室" if simplified else "辦公室"],
            ["陈汉平" if simplified else "陳漢平"],
            "2026.9",
        ),
        (
            2,
            ("召开学会工作会议" if simplified else "召開學會工作會議") + "\n（上下半年各一次）",
            ["学会部" if simplified else "學會部"],
            ["各县、市、区科协" if simplified else "各縣、市、區科協"],
            ["郑昌盛", "陈汉平"] if simplified else ["鄭昌盛", "陳漢平"],
            "2026.6",
        ),
    ]


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_a_csv_imports_in_each_encoding(text: str, encoding: str, tmp_path: Path) -> None:
    file = tmp_path / "2026清单.csv"
    file.write_bytes(text.encode(encoding))
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("导入 2 项任务、")
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["plan"]["year"] == 2026 and plan["plan"]["title"] == "2026清单"
    got = [
        (t["id"], t["content"], t["lead"], t["support"], t["leaders"], t["due"])
        for t in plan["tasks"]
    ]
    assert got == _expected(text)


def test_a_csv_with_a_bad_byte_is_refused_in_one_line(tmp_path: Path) -> None:
    file = tmp_path / "bad.csv"
    file.write_bytes(SIMPLIFIED.encode("utf-8") + b"\x81\xff\xfe\n")
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "无法解码" in result.stderr
    assert not (tmp_path / "o.yaml").exists()


def test_columns_work_on_a_csv() -> None:
    data = "事项,单位\n组织义诊活动,办公室\n".encode()
    plan = parse_tasks(data, "x.csv", 2026, "A=具体内容,B=牵头单位")
    assert [(t["id"], t["content"], t["lead"]) for t in plan["tasks"]] == [
        (1, "组织义诊活动", ["办公室"])
    ]


def test_the_2025_list_comes_back_from_its_csv_export(tmp_path: Path) -> None:
    csv_file = tmp_path / "2025.csv"
    exported = runner.invoke(
        app, ["export", "--data", str(DATA), "--format", "csv", "-o", str(csv_file)]
    )
    assert exported.exit_code == 0, exported.stderr
    out = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", "tasks", str(csv_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    shipped, problems = load_file(DATA / "2025_tasks.yaml")
    assert problems == [] and shipped is not None
    back = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    assert len(back) == len(shipped.tasks) == 40
    for again, task in zip(back, shipped.tasks, strict=True):
        assert (
            again["id"],
            again["section"],
            again["focus"],
            again["content"],
            again["measures"],
            again["lead"],
            again["support"],
            again["leaders"],
            again["due"],
        ) == (
            task.id,
            task.section,
            task.focus,
            task.content,
            list(task.measures),
            list(task.lead),
            list(task.support),
            list(task.leaders),
            f"{task.due.year}.{task.due.month}",
        ), task.id


def test_full_dates_in_a_csv_are_their_month(tmp_path: Path) -> None:
    file = tmp_path / "d.csv"
    rows = "序号,工作任务,牵头单位,完成时限\n1,开展义诊,办公室,2026.06.30\n2,舉辦講座,科普部,2026年9月30日前\n"
    file.write_bytes(rows.encode("gbk"))
    out = tmp_path / "d.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    tasks = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    assert [(t["due"], t.get("note")) for t in tasks] == [("2026.6", None), ("2026.9", None)]
    assert result.stderr == "导入 2 项任务、0 项指标；没有需核对的推断\n"


@pytest.mark.parametrize(
    ("text", "same"),
    [
        (
            "序号,工作任务,牵头单位,完成时限\n1,开展义诊,办公室,2026年6月\n2,举办讲座,科普部,\n3,科普日,同上,同上\n",
            "同上",
        ),
        (
            "序號,工作任務,牽頭單位,完成時限\n1,開展義診,辦公室,2026年6月\n2,舉辦講座,科普部,\n3,科普日,同上,同上\n",
            "同上",
        ),
    ],
    ids=["simplified", "traditional"],
)
def test_同上_under_a_blank_row_is_the_value_last_written_above(
    text: str, same: str, tmp_path: Path
) -> None:
    file = tmp_path / "s.csv"
    file.write_bytes(text.encode("utf-8"))
    out = tmp_path / "s.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    first, second, third = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    # a blank due is the year end (noted); 同上 below it is the last due written
    assert (first["due"], second["due"], third["due"]) == ("2026.6", "2026.12", "2026.6")
    assert third["lead"] == second["lead"]
    assert f"完成时限原文为“{same}”，取上面最近一行的“2026年6月”" in third["note"]
    assert "完成时限未填" in second["note"]
    assert result.stderr.endswith("请核对：任务 2、3\n")


@pytest.mark.parametrize(
    ("measures", "items"),
    [
        ("(1)开展学习12次；\n(2)举办讲堂4期。", ["开展学习12次；", "举办讲堂4期。"]),
        (
            "（1）開展學習\n（2）舉辦講堂\n（3）科普日\n（4）義診",
            ["開展學習", "舉辦講堂", "科普日", "義診"],
        ),
        ("①开展学习 ②举办讲堂 ③科普日", ["开展学习", "举办讲堂", "科普日"]),
        ("開展學習（1）次", ["開展學習（1）次"]),  # not items: a number inside the text
        ("全年(1)学习(2)讲堂", ["全年(1)学习(2)讲堂"]),  # text before the first item
    ],
)
def test_items_numbered_in_one_cell_are_separate_measures(
    measures: str, items: list[str], tmp_path: Path
) -> None:
    file = tmp_path / "m.csv"
    quoted = measures.replace('"', '""')
    file.write_text(f'序号,具体内容,推进措施,牵头单位\n1,开展学习,"{quoted}",办公室\n', "utf-8")
    out = tmp_path / "m.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out), "--plan", "2026"])
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"][0]["measures"] == items


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_a_table_saved_as_tab_separated_text_is_read_as_a_table(text: str, tmp_path: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows)
    file = tmp_path / "2026清单.txt"
    file.write_bytes(buffer.getvalue().encode("gbk"))
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["plan"]["title"] == "2026清单"
    got = [
        (t["id"], t["content"], t["lead"], t["support"], t["leaders"], t["due"])
        for t in plan["tasks"]
    ]
    assert got == _expected(text)
