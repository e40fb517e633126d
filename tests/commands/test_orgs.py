"""Issue 29 through the CLI: a province's tree (tests/tree_plans.py) — figures entered in a
county show in the city's per-place target and the province's point view; --org selection;
report --by org in every format; check refusing bad links at file:line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.tree_plans import DAYE, FILES, SHIYAN, YANGXIN, write_tree

runner = CliRunner()

HUANGSHI_FILE = "湖北省科协/黄石市科协/2025_tasks.yaml"
DAYE_FILE = "湖北省科协/黄石市科协/大冶市科协/2025_tasks.yaml"


@pytest.fixture
def tree(tmp_path):
    return write_tree(tmp_path / "tree")


def kexie(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def as_json(*args: str):
    result = kexie(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def place(task: dict, name: str) -> dict:
    return next(u for u in task["targets"][0]["units"] if u["name"] == name)


# ---- figures that flow up ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "daye", "yangxin", "yangxin_day"),
    [("2025-06-30", 120, 40, "2025-05-31"), ("2025-07-31", 120, 90, "2025-07-20")],
)
def test_a_county_figure_is_the_city_place_figure_at_the_same_date(
    tree, as_of, daye, yangxin, yangxin_day
):
    data = as_json("report", "--data", tree, "--org", "黄石市科协", "--as-of", as_of)
    task = next(t for t in data["tasks"] if t["org"] == "黄石市科协" and t["id"] == 19)
    assert place(task, "大冶市")["done"] == daye
    assert place(task, "大冶市")["source"] == "大冶市科协 任务 7，2025-06-28"
    assert place(task, "阳新县")["done"] == yangxin
    assert place(task, "阳新县")["source"] == f"阳新县科协 任务 3，{yangxin_day}"
    assert task["targets"][0]["done"] == daye + yangxin


def test_before_the_county_reported_the_city_place_is_empty(tree):
    data = as_json("show", "19", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-05-01")
    assert place(data, "大冶市")["done"] == 0
    assert place(data, "大冶市")["source"] == "大冶市科协 任务 7"  # no figure yet: no date


def test_a_whole_target_flows_too(tree):
    data = as_json("list", "--data", tree, "--org", "十堰市科协", "--as-of", "2025-06-30")
    task = next(t for t in data if t["org"] == "十堰市科协" and t["id"] == 2)
    assert task["targets"][0]["done"] == 2
    assert task["targets"][0]["source"] == "郧阳区科协 任务 1，2025-06-15"


def test_show_and_report_tables_say_where_a_figure_comes_from(tree, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    shown = kexie("show", "19", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-06-30")
    assert shown.exit_code == 0, shown.output
    assert "来自 大冶市科协 任务 7，2025-06-28" in shown.stdout
    reported = kexie(
        "report", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-06-30", "--format", "csv"
    )
    assert "大冶市：来自 大冶市科协 任务 7，2025-06-28" in reported.stdout


def test_known_on_takes_back_a_county_figure_not_yet_in(tmp_path):
    late = DAYE.replace(
        "{date: '2025-06-28', target: 1, before: 0, after: 120, by: 科普股}",
        "{date: '2025-06-28', recorded: '2025-07-05', target: 1, before: 0, after: 120}",
    )
    tree = write_tree(tmp_path / "tree", {DAYE_FILE: late})
    args = ("show", "19", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-06-30")
    assert place(as_json(*args), "大冶市")["done"] == 120
    assert place(as_json(*args, "--known-on", "2025-07-01"), "大冶市")["done"] == 0


def test_the_province_sees_its_points_with_the_cities_tasks(tree):
    data = as_json(
        "report", "--data", tree, "--points", "--org", "湖北省科协", "--as-of", "2025-06-30"
    )
    points = {p["id"]: p for p in data["points"]}
    assert [(t["org"], t["id"]) for t in points[1]["tasks"]] == [
        ("十堰市科协", 1),
        ("黄石市科协", 1),
    ]
    assert points[2]["tasks"] == []
    (task,) = points[3]["tasks"]
    # The counties' figures, flowed into 黄石's places: (120/200 + 40/150) / 2.
    assert (task["org"], task["id"], task["progress"]) == ("黄石市科协", 19, 43.3)
    table = kexie("report", "--data", tree, "--points", "--org", "湖北省科协")
    assert table.exit_code == 0 and "（无落实任务）" in table.stdout


# ---- --org ---------------------------------------------------------------------------------


def test_org_selects_itself_and_those_below(tree):
    everyone = as_json("list", "--data", tree, "--as-of", "2025-06-30")
    city = as_json("list", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-06-30")
    county = as_json("list", "--data", tree, "--org", "大冶市科协", "--as-of", "2025-06-30")
    assert {t["org"] for t in everyone} == {
        "黄石市科协",
        "大冶市科协",
        "阳新县科协",
        "十堰市科协",
        "郧阳区科协",
    }
    assert [(t["org"], t["id"]) for t in city] == [
        ("黄石市科协", 1),
        ("黄石市科协", 19),
        ("大冶市科协", 7),
        ("阳新县科协", 3),
    ]
    assert [t["id"] for t in county] == [7] and "org" not in county[0]  # one organisation


def test_org_is_matched_as_names_are_and_an_unknown_one_refused(tree):
    assert as_json("list", "--data", tree, "--org", "大冶市科协 ")[0]["id"] == 7
    result = kexie("list", "--data", tree, "--org", "武汉市科协")
    assert result.exit_code == 2
    assert "没有名为 武汉市科协 的组织" in result.stderr and "黄石市科协" in result.stderr


def test_a_command_about_one_plan_asks_which_organisation(tree):
    result = kexie("progress", "19.1", "--unit", "大冶", "--add", "1", "--data", tree)
    assert result.exit_code == 2
    assert "请用 --org 指明" in result.stderr and len(result.stderr.splitlines()) == 1
    show = kexie("show", "19", "--data", tree)
    assert show.exit_code == 2 and "--org" in show.stderr


def test_forms_status_of_a_city_and_its_counties(tree):
    data = as_json(
        "forms", "--status", "--data", tree, "--org", "黄石市科协", "--as-of", "2025-06-30"
    )
    rows = {(r["org"], r["dept"]): r for r in data["departments"]}
    assert rows[("大冶市科协", "科普股")]["reported"] is True  # its entry of 2025-06-28
    assert rows[("黄石市科协", "普及部")]["reported"] is False
    assert {org for org, _ in rows} == {"黄石市科协", "大冶市科协", "阳新县科协"}


def test_a_county_folder_alone_works_without_the_city(tree):
    county = tree / "湖北省科协/黄石市科协/大冶市科协"
    listed = as_json("list", "--data", county, "--as-of", "2025-06-30")
    assert [t["id"] for t in listed] == [7]
    checked = kexie("check", "--data", county)  # check sees the link to nothing there
    assert checked.exit_code == 2 and "没有名为 黄石市科协 的组织的计划" in checked.stderr


# ---- report --by org -----------------------------------------------------------------------

ORGS = ["黄石市科协", "大冶市科协", "阳新县科协", "十堰市科协", "郧阳区科协"]


def test_by_org_rolls_up_per_organisation_and_level(tree):
    data = as_json("report", "--data", tree, "--by", "org", "--as-of", "2025-06-30")
    groups = {g["name"]: g for g in data["groups"]}
    # In the tree's order (folders by name: 十堰 before 黄石), then each level's roll-up.
    assert list(groups) == [
        "十堰市科协",
        "郧阳区科协",
        "黄石市科协",
        "大冶市科协",
        "阳新县科协",
        "市级合计",
        "县级合计",
    ]
    assert groups["黄石市科协"]["tasks"] == 2 and groups["黄石市科协"]["progress"] == 46.7
    assert groups["县级合计"]["tasks"] == 3
    assert groups["市级合计"]["tasks"] == 4 and groups["市级合计"]["done"] == 1
    assert data["summary"]["tasks"] == 7


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "md", "docx"])
def test_by_org_in_every_format(tree, tmp_path, monkeypatch, fmt):
    monkeypatch.setenv("COLUMNS", "200")
    written = tmp_path / "通报.docx"
    more = ["-o", str(written)] if fmt == "docx" else []
    args = ("report", "--data", tree, "--by", "org", "--as-of", "2025-06-30", "--format", fmt)
    result = kexie(*args, *more)
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        import docx

        text = "\n".join(c.text for t in docx.Document(str(written)).tables for c in t._cells)
    elif fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        text = "\n".join(
            ",".join(row) for row in csv.reader(io.StringIO(result.stdout), delimiter=delimiter)
        )
        assert "组织,任务" in text and "平均进度" in text
    else:
        text = result.stdout
    for org in ORGS:
        assert org in text
    if fmt != "md":  # the draft's headings are the organisations' own
        assert "县级合计" in text


# ---- check ---------------------------------------------------------------------------------


def _check_line(tmp_path, name: str, text: str) -> str:
    tree = write_tree(tmp_path / "tree", {name: text})
    result = kexie("check", "--data", tree)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 1
    return lines[0]


@pytest.mark.parametrize(
    ("name", "old", "new", "said"),
    [
        (DAYE_FILE, "task: 19,", "task: 99,", "黄石市科协 2025 年清单中没有任务 99"),
        (DAYE_FILE, "org: 黄石市科协, year", "org: 黄石市科学, year", "没有名为 黄石市科学"),
        (DAYE_FILE, "target: 1, place", "target: 3, place", "没有第 3 项指标"),
        (DAYE_FILE, "place: 大冶市}", "place: 西塞山区}", "没有地方 西塞山区"),
        (DAYE_FILE, ", place: 大冶市}", "}", "须写 place"),
        (HUANGSHI_FILE, "point: 3}", "point: 9}", "没有第 9 条要点"),
        (HUANGSHI_FILE, "year: 2025, point: 3", "year: 2019, point: 3", "2019 年的工作要点"),
        (HUANGSHI_FILE, "level: 市", "level: 乡", "应为 '省'、'市'、'县' 之一"),
        (DAYE_FILE, "level: 县", "level: 市", "不高于本组织的市级"),
        (
            HUANGSHI_FILE,
            "      阳新县: 150",
            "      阳新县: 150\n  history:\n  - {date: '2025-06-01', target: 1, unit: 大冶市, "
            "before: 0, after: 5}",
            "那里不应再登记（第 1 条记录 2025-06-01）",  # told at the county's link
        ),
    ],
)
def test_check_refuses_a_bad_link_at_its_line(tmp_path, name, old, new, said):
    text = FILES[name]
    assert old in text
    line = _check_line(tmp_path, name, text.replace(old, new))
    assert said in line, line
    at = DAYE_FILE if "不应再登记" in said else name
    assert re.match(rf".*{re.escape(at)}:\d+: ", line), line


def test_check_refuses_two_counties_into_one_place(tmp_path):
    twice = YANGXIN.replace("place: 阳新县", "place: 大冶市")
    line = _check_line(tmp_path, "湖北省科协/黄石市科协/阳新县科协/2025_tasks.yaml", twice)
    assert "已由 大冶市科协 任务 7.1 报送，不能两处报送" in line


def test_check_refuses_a_cycle(tmp_path):
    back = SHIYAN.replace(
        "  - {name: 大篷车进县, target: 5, unit: 次}",
        "  - {name: 大篷车进县, target: 5, unit: 次,"
        " reports_to: {org: 郧阳区科协, year: 2025, task: 1}}",
    )
    tree = write_tree(tmp_path / "tree", {"湖北省科协/十堰市科协/2025_tasks.yaml": back})
    result = kexie("check", "--data", tree)
    assert result.exit_code == 2
    assert "报送循环：十堰市科协 任务 2.1 → 郧阳区科协 任务 1.1 → 十堰市科协 任务 2.1" in (
        result.stderr
    )
    listed = kexie("list", "--data", tree)  # a command stops at it too
    assert listed.exit_code == 2 and "运行 kexie check 查看全部" in listed.stderr


def test_check_passes_the_tree(tree):
    result = kexie("check", "--data", tree)
    assert result.exit_code == 0, result.output
    assert "6 个计划" in result.stdout


# ---- the README's walk ---------------------------------------------------------------------


def test_the_readme_walk_runs_as_written(tmp_path, monkeypatch):
    from tests.test_readme import block_lines

    unreported = DAYE.replace("    done: 120\n", "").split("  history:")[0]
    write_tree(tmp_path / "data", {DAYE_FILE: unreported})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    outputs = []
    for words in block_lines("### 实例：县里报数，市里的报告直接显示"):
        result = runner.invoke(app, words)
        assert result.exit_code == 0, (words, result.output)
        outputs.append(result.stdout)
    assert "来自 大冶市科协 任务 7，2025-06-28" in outputs[1]
    assert "县级合计" in outputs[2]
    assert "黄石市科协" in outputs[3]


def test_a_city_folder_is_the_city_s_own_above_its_counties(tree):
    city = tree / "湖北省科协/黄石市科协"
    result = kexie("progress", "1.1", "--add", "1", "--date", "2025-07-01", "--data", city)
    assert result.exit_code == 0, result.output
    assert "done: 7" in (city / "2025_tasks.yaml").read_text(encoding="utf-8")
    shown = as_json("show", "19", "--data", city, "--as-of", "2025-06-30")
    assert place(shown, "大冶市")["done"] == 120  # its counties below still report into it
    listed = as_json("list", "--data", city)  # a listing of the folder: the city and below
    assert {t["org"] for t in listed} == {"黄石市科协", "大冶市科协", "阳新县科协"}


def test_progress_refuses_a_figure_that_flows_from_below(tree):
    city = tree / "湖北省科协/黄石市科协"
    before = (city / "2025_tasks.yaml").read_bytes()
    result = kexie("progress", "19.1", "--unit", "大冶", "--add", "5", "--data", city)
    assert result.exit_code == 2
    assert "由 大冶市科协 任务 7 报送" in result.stderr and len(result.stderr.splitlines()) == 1
    assert (city / "2025_tasks.yaml").read_bytes() == before
    words = kexie("progress", "19", "--note", "已部署", "--data", city, "--date", "2025-07-01")
    assert words.exit_code == 0, words.output  # its words are the city's own


# ---- a returned form of the city ------------------------------------------------------------


def test_a_returned_form_skips_a_place_figure_a_county_reports_and_imports_the_rest(tree):
    import openpyxl

    city = tree / "湖北省科协/黄石市科协"
    out = tree.parent / "forms"
    made = kexie("forms", "-o", out, "--dept", "普及部", "--as-of", "2025-06-30", "--data", city)
    assert made.exit_code == 0, made.output
    path = out / "2025年6月_普及部.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    header = [c.value for c in sheet[4]]
    done, note = header.index("累计完成") + 1, header.index("进展情况") + 1
    row = next(r for r in range(5, sheet.max_row + 1) if "大冶市" in str(sheet[f"D{r}"].value))
    sheet.cell(row, done).value = 99
    sheet.cell(row, note).value = "已开展科普活动"
    sheet["I2"] = dt.datetime(2025, 6, 28)
    book.save(path)
    cell = f"{path}:填报表!{sheet.cell(row, done).coordinate}"
    result = kexie("import", "progress", path, "--data", city)
    assert result.exit_code == 0, result.output
    assert (
        f"{cell}: 19·大冶市 的数字由 大冶市科协 任务 7 报送（reports_to），未登记" in result.stdout
    )
    assert "19 进展情况：已开展科普活动" in result.stdout
    text = (tree / HUANGSHI_FILE).read_text(encoding="utf-8")
    assert "已开展科普活动" in text and "after: 99" not in text and "done: 99" not in text
