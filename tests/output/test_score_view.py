"""The score's view and workbook: points as shown, the tables every format draws, and the
workbook as LibreOffice reads it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess

import openpyxl
import pytest

from kexie_cli.core.models import TasksPlan
from kexie_cli.core.score import score_plan
from kexie_cli.core.score_rules import Rules
from kexie_cli.output.score_view import points, score_tables, scoring_json
from kexie_cli.output.score_xlsx import score_workbook
from kexie_cli.plans.validate import parse
from kexie_cli.plans.yaml_read import load
from tests.score_plans import BY_DEPT_JUNE, EVALUATION, PLAN, RULES


@pytest.fixture(scope="module")
def scoring():
    plan = parse(TasksPlan, load(PLAN))
    return score_plan(plan, parse(Rules, load(RULES + EVALUATION)), dt.date(2025, 6, 30))


def test_points_are_shown_to_the_hundredth_whole_as_int():
    assert [points(v) for v in (-0.5, 88.0, 13.3333, -0.0, 65.545)] == [-0.5, 88, 13.33, 0, 65.55]
    assert isinstance(points(88.0), int)


def test_the_tables_hold_the_scores_then_the_base_and_every_line(scoring):
    scores, lines = score_tables(scoring)
    assert [(r["name"], r["score"], r["rank"]) for r in scores.rows] == [
        ("组宣部", 88, 1),
        ("学会部", 63.54, 2),
    ]
    for name, total in BY_DEPT_JUNE.items():
        mine = [r for r in lines.rows if r["name"] == name]
        assert mine[0]["item"] == "基础分" and round(sum(r["points"] for r in mine), 2) == total
    assert lines.title == "计分明细：测试考核细则"


def test_json_is_the_tables_facts(scoring):
    data = scoring_json(scoring)
    assert data["rules"] == {"title": "测试考核细则", "base": 100, "source": ""}
    assert [s["score"] for s in data["scores"]] == list(BY_DEPT_JUNE.values())


def test_the_workbook_stores_numbers(scoring, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(score_workbook(scoring)))
    assert book.sheetnames == ["得分", "计分明细"]
    assert book["得分"]["A1"].value == "考核得分（截至 2025-06-30）"
    assert book["得分"].freeze_panes == "A4" and book["计分明细"].auto_filter.ref.startswith("A3:E")
    totals = {}
    for row in book["计分明细"].iter_rows(min_row=4, values_only=True):
        totals[row[0]] = totals.get(row[0], 0) + row[3]
    assert {k: round(v, 2) for k, v in totals.items()} == BY_DEPT_JUNE


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_reads_the_scores(scoring, tmp_path):
    written = tmp_path / "考核.xlsx"
    written.write_bytes(score_workbook(scoring))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path),
         str(written)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO((tmp_path / "考核.csv").read_text(encoding="utf-8"))))
    assert {r[0]: float(r[2]) for r in rows[3:]} == BY_DEPT_JUNE
