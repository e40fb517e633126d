"""`kexie import points|tasks` through the real CLI."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA, SEEDS

runner = CliRunner()
SEED = SEEDS / "001_ed69cb8f54072c8b.txt"
# In a clone without ../shared beside it, the tests on the real notice are skipped.
needs_seeds = pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds not beside the repo")


@needs_seeds
def test_import_points_to_stdout_is_the_shipped_plan() -> None:
    result = runner.invoke(app, ["import", "points", str(SEED)])
    assert result.exit_code == 0, result.stderr
    shipped = yaml.safe_load((DATA / "2019_points.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load(result.stdout) == shipped
    assert result.stdout.startswith("# 省科协2019年工作要点\n")


@needs_seeds
def test_import_points_to_a_file_that_kexie_check_accepts(tmp_path) -> None:
    out = tmp_path / "2019.yaml"
    result = runner.invoke(app, ["import", "points", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code == 0, checked.stderr
    assert "9 条工作要点" in checked.stdout


@needs_seeds
def test_import_points_refuses_to_replace_a_file_unless_forced(tmp_path) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["import", "points", str(SEED), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("kexie: ") and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"
    forced = runner.invoke(app, ["import", "points", str(SEED), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert "省科协2019年工作要点" in out.read_text(encoding="utf-8")


@needs_seeds
def test_import_points_with_data_folder_names_the_file_by_year(tmp_path) -> None:
    result = runner.invoke(app, ["import", "points", str(SEED), "--data", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "2019_points.yaml").exists()


def test_import_points_plan_option_sets_the_year(tmp_path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text("工作要点\n\n一、总体\n\n1、做好工作。按时完成。\n", encoding="utf-8")
    missing = runner.invoke(app, ["import", "points", str(notice)])
    assert missing.exit_code == 2 and "--plan" in missing.stderr
    result = runner.invoke(app, ["import", "points", str(notice), "--plan", "2027"])
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load(result.stdout)["plan"]
    assert plan["year"] == 2027 and list(plan) == ["title", "year", "source"]


def test_import_points_errors_are_one_line(tmp_path) -> None:
    missing = runner.invoke(app, ["import", "points", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "文件不存在" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("没有要点的文字。\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "points", str(empty), "--plan", "2025"])
    assert result.exit_code == 2 and "没有找到编号的工作要点" in result.stderr
    small = tmp_path / "small.txt"
    small.write_text("2026年工作要点\n\n1、做好工作。\n", encoding="utf-8")
    nowhere = runner.invoke(
        app, ["import", "points", str(small), "-o", str(tmp_path / "x" / "y.yaml")]
    )
    assert nowhere.exit_code == 2 and "不存在" in nowhere.stderr


@needs_seeds
def test_import_points_reads_gbk_and_utf8_with_bom(tmp_path) -> None:
    shipped = yaml.safe_load((DATA / "2019_points.yaml").read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    for encoding in ("gb18030", "utf-8-sig"):
        saved = tmp_path / f"{encoding}.txt"
        saved.write_bytes(text.encode(encoding, errors="replace"))
        result = runner.invoke(app, ["import", "points", str(saved)])
        assert result.exit_code == 0, result.stderr
        imported = yaml.safe_load(result.stdout)
        assert imported["sections"] == shipped["sections"]
        assert [p["title"] for p in imported["points"]] == [p["title"] for p in shipped["points"]]


@needs_seeds
def test_import_points_of_the_seed_saved_as_gbk_with_replacement_keeps_issuer_and_date(
    tmp_path,
) -> None:
    saved = tmp_path / "g.txt"
    saved.write_bytes(SEED.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    result = runner.invoke(app, ["import", "points", str(saved)])
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load(result.stdout)["plan"]
    assert plan["issuer"] == "湖北省科学技术协会" and plan["date"] == "2019-03-12"


def test_import_into_a_data_folder_that_does_not_exist_is_an_error(tmp_path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text("2026年工作要点\n\n1、做好工作。\n", encoding="utf-8")
    missing = tmp_path / "nonexist"
    result = runner.invoke(app, ["import", "points", str(notice), "--data", str(missing)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "不存在" in result.stderr and str(missing) in result.stderr
    assert sorted(tmp_path.iterdir()) == [notice]  # nothing written beside it either


def test_import_tasks_into_a_missing_data_folder_is_an_error_and_a_folder_works(tmp_path) -> None:
    book = tmp_path / "x.xlsx"
    exported = runner.invoke(
        app, ["export", "--data", str(DATA / "2025_tasks.yaml"), "-o", str(book)]
    )
    assert exported.exit_code == 0, exported.stderr
    missing = tmp_path / "qa4" / "nonexist"
    missing.parent.mkdir()
    result = runner.invoke(app, ["import", "tasks", str(book), "--data", str(missing)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert list(missing.parent.iterdir()) == []
    folder = tmp_path / "data"
    folder.mkdir()
    result = runner.invoke(app, ["import", "tasks", str(book), "--data", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert (folder / "2025_tasks.yaml").exists()


def test_import_tasks_reads_a_word_list_and_refuses_a_spreadsheet_destination(tmp_path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县科协2025年重点工作任务清单")
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(["序号", "工作任务", "工作措施", "责任单位"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["3", "开展学习", "学习12次", "办公室"]):
        table.cell(1, c).text = text
    path = tmp_path / "list.docx"
    document.save(path)
    result = runner.invoke(app, ["import", "tasks", str(path)])
    assert result.exit_code == 0, result.stderr
    (task,) = yaml.safe_load(result.stdout)["tasks"]
    assert (task["id"], task["content"], task["lead"]) == (3, "开展学习", ["办公室"])
    for name in ("x.xlsx", "x.csv"):
        refused = runner.invoke(app, ["import", "tasks", str(path), "-o", str(tmp_path / name)])
        assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
        assert ".yaml" in refused.stderr and not (tmp_path / name).exists()


def test_import_of_an_unreadable_file_is_one_chinese_line(tmp_path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for kind in ("tasks", "points"):
        result = runner.invoke(app, ["import", kind, str(broken), "--plan", "2025"])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"kexie: {broken}: ") and "Traceback" not in result.stderr
    headerless = tmp_path / "h.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["号", "事项"])
    book.save(headerless)
    result = runner.invoke(app, ["import", "tasks", str(headerless)])
    assert (
        result.exit_code == 2 and "A 号、B 事项" in result.stderr and "--columns" in result.stderr
    )


def test_import_points_reads_utf16_and_a_word_notice(tmp_path) -> None:
    import docx

    text = "某市科协2026年工作要点\n一、强化引领\n1、加强学习。组织学习12次。\n"
    saved = tmp_path / "u16.txt"
    saved.write_bytes(text.encode("utf-16"))
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    word = tmp_path / "n.docx"
    document.save(word)
    for path in (saved, word):
        result = runner.invoke(app, ["import", "points", str(path)])
        assert result.exit_code == 0, result.stderr
        points = yaml.safe_load(result.stdout)["points"]
        assert [(p["id"], p["section"], p["title"]) for p in points] == [
            (1, "强化引领", "加强学习")
        ]


def test_import_points_reads_big5_and_names_the_real_offset_of_a_bad_byte(tmp_path) -> None:
    text = "某市科協2026年工作要點\n一、強化引領\n1、加強學習。組織學習12次。\n"
    big5 = tmp_path / "b5.txt"
    big5.write_bytes(text.encode("big5"))
    result = runner.invoke(app, ["import", "points", str(big5)])
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(result.stdout)["points"][0]["title"] == "加強學習"
    bad = tmp_path / "bad.txt"
    good = "二〇二六年工作要点\n".encode("gb18030")
    bad.write_bytes(good + b"\x81\x20\xff\xff")
    result = runner.invoke(app, ["import", "points", str(bad)])
    assert result.exit_code == 2 and f"第 {len(good)} 字节" in result.stderr
    assert "Big5" in result.stderr


def test_import_points_of_a_three_level_word_notice_passes_check(tmp_path) -> None:
    import docx

    lines = [
        "某市科协关于印发《某市科协2026年工作要点》的通知",
        "发布时间：2026-02-10  浏览数：99",
        "一、强化政治引领。全年坚持党的领导。",
        "（一）加强政治建设",
        "1. 组织专题学习。全年不少于12次。",
        "（1）走进基层",
        "2. 开展主题活动。",
        "（二）服务科技工作者。走访学会20家。",
    ]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    word = tmp_path / "n.docx"
    document.save(word)
    out = tmp_path / "2026_points.yaml"
    result = runner.invoke(app, ["import", "points", str(word), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["plan"]["issuer"] == "某市科协"
    assert "浏览数" in plan["plan"]["note"]
    assert plan["sections"] == [
        {"id": "一", "title": "强化政治引领", "content": "强化政治引领。全年坚持党的领导。"}
    ]
    assert [(p.get("heading"), p["title"]) for p in plan["points"]] == [
        ("加强政治建设", "组织专题学习"),
        ("加强政治建设", "开展主题活动"),
        (None, "服务科技工作者"),
    ]
    assert "（1）走进基层" in plan["points"][0]["content"]
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code == 0, checked.stderr


@pytest.mark.parametrize(("written", "says"), [("2026年13月", "月份 13"), ("=1/0", "公式或错误值")])
def test_a_deadline_that_is_not_a_month_refuses_the_import(tmp_path, written, says) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "具体内容", "推进措施", "牵头部室", "责任领导", "完成时限"])
    sheet.append([1, "内容一", "措施一", "办公室", "张三", "2026年9月"])
    sheet.append([2, "内容二", "措施二", "办公室", "张三", written])
    sheet["F3"].data_type = "s"  # as typed: text, not a formula openpyxl would write
    book.save(tmp_path / "清单.xlsx")
    out = tmp_path / "2026_tasks.yaml"
    result = runner.invoke(app, ["import", "tasks", str(tmp_path / "清单.xlsx"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "任务 2：完成时限" in result.stderr
    assert says in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("year", ["0", "99999"])
def test_a_plan_year_that_is_no_year_is_refused(tmp_path, year):
    notice = tmp_path / "通知.txt"
    notice.write_text("关于印发2025年工作要点的通知\n一、抓党建\n1.加强学习。\n", encoding="utf-8")
    out = tmp_path / "计划.yaml"
    result = CliRunner().invoke(
        app, ["import", "tasks", str(notice), "-o", str(out), "--plan", year]
    )
    assert result.exit_code == 2
    assert result.stderr == f"kexie: --plan {year} 不是计划年度：应为四位年份，如 2025\n"
    assert not out.exists()
