"""The documents of a played year as the 党组 reads them: the half-year 通报 and the year-end
summary, read back with python-docx and, where LibreOffice is installed, as printed pages
(pdftotext). Tables whose heads keep to one line, prose that says each figure once and no
count of none, the task without a 牵头部室 named one way."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.tally import UNNAMED, build_report
from kexie_cli.core.trend import trend
from kexie_cli.output.chart_picture import bar_label, ranked_bars
from kexie_cli.output.prose import theme
from kexie_cli.output.summary import summary
from kexie_cli.plans.load import load_file
from tests.output.played_year import played_year

runner = CliRunner()
printing = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext not installed",
)


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    return played_year(tmp_path_factory.mktemp("played") / "data")


@pytest.fixture(scope="module")
def documents(year, tmp_path_factory) -> dict[str, Path]:
    """The half-year 通报 and the two summaries, written through the CLI."""
    out = tmp_path_factory.mktemp("documents")
    made = {
        "通报": ["--as-of", "2025-06-30", "--number", "3"],
        "年终通报": ["--as-of", "2025-12-31", "--number", "9"],
        "半年总结": ["--summary", "--as-of", "2025-06-30"],
        "年终总结": ["--summary", "--as-of", "2025-12-31"],
    }
    for name, extra in made.items():
        args = ["report", "--data", str(year), "--format", "docx", "-o", str(out / f"{name}.docx")]
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
    return {name: out / f"{name}.docx" for name in made}


def _text(docx: Path) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs]


def _pages(docx: Path) -> list[str]:
    """The PDF LibreOffice prints, page by page, each line's spaces squeezed out."""
    out = docx.parent
    profile = f"-env:UserInstallation=file://{out}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), docx],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    return ["\n".join("".join(line.split()) for line in page.splitlines()) for page in pages]


def _lines(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()]


@printing
def test_the_tongbao_tables_print_each_head_on_one_line(documents) -> None:
    lines = _lines(_pages(documents["通报"]))
    assert "牵头部室任务已完成滞后逾期平均进度序时进度完成率完成情况" in lines
    assert lines.count("序号重点工作任务牵头部室完成时限进度状态") >= 2  # repeated on each page
    assert not any(line.endswith(("办公室、组宣", "办公室、机关党")) for line in lines)


@printing
def test_the_summary_table_prints_its_heads_and_deadlines_on_one_line(documents) -> None:
    pages = _pages(documents["年终总结"])
    annex = _lines(pages[next(i for i, p in enumerate(pages) if p.startswith("附件")) :])
    assert "序号任务牵头部室完成时限目标完成状态" in annex
    deadlines = [line for line in annex if re.match(r"\d+\D+2025\.\d+", line)]
    assert len(deadlines) > 30  # 2025.12 as the list writes it, on the task's first line


def test_a_figure_the_departments_words_give_is_said_once(documents) -> None:
    text = _text(documents["年终总结"])
    study = next(p for p in text if p.startswith("及时跟进学习"))
    assert study.count("党组会学习6次") == 1 and "科协讲堂2期" in study
    training = next(p for p in text if p.startswith("面向学会"))
    assert training.count("培训科技工作者100名") == 1


def test_the_prose_names_no_department_before_a_colon(documents) -> None:
    text = _text(documents["年终总结"])
    body = text[: text.index("附件")]
    assert not [p for p in body if re.search(r"(部|室|馆|委|（中心）)：", p)]
    assert any(p.endswith("荆楚校园行18场，已按期完成。荆楚校园行活动已全部完成。") for p in body)


def test_a_task_is_named_by_its_work_not_by_the_target_it_ends_on(year) -> None:
    plan, _ = load_file(year / "2025_tasks.yaml")
    report = build_report(plan, dt.date(2025, 12, 31), None, 10.0)
    lecture = next(s for s in report.states if s.task.id == 8)
    assert theme(lecture) == "开展“科学家精神宣讲”活动"
    plain = next(s for s in report.states if s.task.id == 2)  # ends on no target: as it is
    assert theme(plain) == "及时跟进学习习近平总书记最新讲话精神和省委省政府重要会议精神"
    said = [p for part in summary(report).parts for p in part.paragraphs]
    assert any(p.startswith("开展“科学家精神宣讲”活动，科学家精神宣讲2场") for p in said)
    assert any("开展“科学家精神宣讲”活动逾期未完成，完成时限" in p for p in said)  # 存在的问题
    assert not any("不少于5场逾期" in p or "不少于5场进度滞后" in p for p in said)


def test_the_year_end_overall_says_no_count_of_none_nor_time_gone(documents) -> None:
    year_end = _text(documents["年终总结"])
    overall = next(p for p in year_end if p.startswith("黄石市科协2025年重点工作任务共"))
    assert "已完成3项（按期完成3项）；逾期未完成37项。" in overall
    assert "平均完成19.9%。" in overall
    assert "全年时间已过去" not in overall and not re.search(r"\D0项", overall)
    half = _text(documents["半年总结"])
    overall = next(p for p in half if p.startswith("黄石市科协2025年重点工作任务共"))
    assert "正在推进18项，其中进度滞后18项" in overall
    assert "全年时间已过去49.6%，总体落后于时间进度38个百分点" in overall


def test_the_task_without_a_lead_is_named_as_the_tables_name_it(documents) -> None:
    text = "".join(_text(documents["年终总结"]))
    assert "清单未列牵头部室的1项" in text and "未填" not in text


def test_the_picture_shows_no_unnamed_department_nor_a_false_zero(year) -> None:
    plan, _ = load_file(year / "2025_tasks.yaml")
    half = trend(build_report(plan, dt.date(2025, 6, 30), None, 10.0))
    assert UNNAMED in [g.name for g in half.groups]  # the tables count task 20
    shown = ranked_bars(half)
    assert UNNAMED not in [g.name for g in shown] and len(shown) == len(half.groups) - 1
    gaps = [(g.progress or 0.0) - g.pace for g in shown]
    assert gaps == sorted(gaps, reverse=True)  # the most behind last: drawn on top
    assert bar_label(shown[0]._replace(progress=None)) == "—"
    assert bar_label(shown[0]._replace(progress=26.04)) == "26%"


def test_the_tongbao_names_an_untouched_target_by_its_aim_not_as_done_zero(documents) -> None:
    tasks = [p for p in _text(documents["通报"]) if re.match(r"任务\d+：", p)]
    assert not [p for p in tasks if re.search(r"[^\d.]0(人|家|次|场|篇|期|个|名)（", p)]
    study = next(p for p in tasks if p.startswith("任务2："))
    assert "目前已完成党组会学习6次（目标不少于12次，完成50%），科协讲堂2期" in study
    assert "；中心组学习（目标不少于8次）尚无完成数字。" in study
    assert (
        "办公室6月30日报送进展情况：已组织党组会学习6次" in study
    )  # one colon, not 报送：进展情况：
    guides = next(p for p in tasks if p.startswith("任务5："))
    assert "目前学会党建指导员（目标32家）、走访学会（目标32家）" in guides


def test_who_is_behind_at_the_years_end_without_a_pace_of_100_percent(documents) -> None:
    half = next(p for p in _text(documents["通报"]) if "平均进度落后于序时进度" in p)
    assert "组宣部（平均进度18%，序时进度61.9%）" in half
    year_end = next(p for p in _text(documents["年终通报"]) if "平均进度落后于序时进度" in p)
    assert "学会部（平均进度33%）" in year_end and "序时进度100%" not in year_end


def test_a_comment_names_its_task_by_its_work(documents) -> None:
    text = _text(documents["年终总结"])
    said = next(p for p in text if "郑昌盛同志7月10日对" in p)
    assert said.startswith("1. 郑昌盛同志7月10日对开展“科学家精神宣讲”活动批示：“宣讲要深入基层。”")


def test_the_workbooks_chart_sheet_charts_only_named_departments(year, tmp_path) -> None:
    out = tmp_path / "清单.xlsx"
    args = ["export", "--data", str(year), "--as-of", "2025-12-31", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    sheet = openpyxl.load_workbook(out)["图表"]
    names = [row[0] for row in sheet.iter_rows(min_row=4, max_row=12, values_only=True)]
    assert "学会部" in names and "普及部（中心）" in names and UNNAMED not in names
    assert len(sheet._charts) == 2
