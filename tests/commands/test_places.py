"""Issue 15 through the CLI: places, measuring months, the office's names, on the shipped list."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    monkeypatch.setenv("KEXIE_CACHE", str(tmp_path / "cache"))
    shutil.copy(DATA / "2025_tasks.yaml", tmp_path / "2025_tasks.yaml")
    return tmp_path / "2025_tasks.yaml"


def as_json(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_half_year_report_no_longer_calls_the_survey_and_the_contests_behind(shipped):
    report = as_json("report", "--as-of", "2025-06-30", "--data", shipped)
    status = {t["id"]: t["status"] for t in report["tasks"]}
    assert status[13] != "behind" and status[14] != "behind"
    assert [g["name"] for g in report["groups"]].count("市科技馆") == 1


def test_task_19_shows_six_places_with_their_own_bars(shipped):
    task = as_json("show", 19, "--data", shipped)
    places = task["targets"][0]["units"]
    assert [p["name"] for p in places] == [
        "大冶市",
        "阳新县",
        "黄石港区",
        "西塞山区",
        "下陆区",
        "开铁区",
    ]
    assert [p["target"] for p in places] == [200, 200, 150, 150, 150, 150]
    table = run("show", 19, "--data", shipped).stdout
    assert all(f"1·{p['name']}" in table for p in places)


def test_a_figure_on_a_place_is_recorded_and_replayed(shipped):
    result = run("progress", "19.1", "--unit", "大冶", "--add", 10, "--date", "2025-05-01",
                 "--data", shipped)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "大冶市: {target: 200, done: 10}" in shipped.read_text(encoding="utf-8")
    later = as_json("show", 19, "--data", shipped, "--as-of", "2025-05-01")
    earlier = as_json("show", 19, "--data", shipped, "--as-of", "2025-04-30")
    assert later["targets"][0]["units"][0]["done"] == 10
    assert earlier["targets"][0]["units"][0]["done"] == 0
    report = as_json("report", "--by", "unit", "--as-of", "2025-06-30", "--data", shipped)
    assert [g["name"] for g in report["groups"]][:2] == ["大冶市", "阳新县"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["19.1", "--add", 1], ["--unit", "大冶市、阳新县"]),
        (["19.1", "--unit", "铁山", "--add", 1], ["没有这个地方", "开铁区"]),
        (["13.1", "--unit", "大冶", "--add", 1], ["没有分解到地方"]),
        (["19.1", "--unit", "大冶", "--add", -1], ["--add"]),
        (["19.1", "--unit", " ", "--add", 1], ["--unit 不能为空"]),
    ],
)
def test_place_refusals_leave_the_file_byte_identical(shipped, args, words):
    before = shipped.read_bytes()
    result = run("progress", *args, "--data", shipped)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert all(word in result.stderr for word in words), result.stderr
    assert shipped.read_bytes() == before


def test_list_dept_includes_the_groups_tasks_as_配合(shipped):
    tasks = as_json("list", "--dept", "组宣部", "--data", shipped)
    roles = {t["id"]: t["role"] for t in tasks}
    assert all(roles[i] == "配合（机关各部室）" for i in (1, 2, 12, 37, 38, 39))
    assert {t["id"] for t in as_json("list", "--dept", "科普部", "--data", shipped)} == {
        t["id"] for t in as_json("list", "--dept", "普及部（中心）", "--data", shipped)
    }


def test_list_depts_and_leaders_print_every_name_with_counts(shipped):
    depts = {d["name"]: d for d in as_json("list", "--depts", "--data", shipped)}
    assert depts["市科技馆"]["also"] == ["市馆"] and depts["组宣部"]["tasks"] > 0
    leaders = as_json("list", "--leaders", "--data", shipped)
    assert {"郑昌盛", "陈汉平", "李麟"} <= {leader["name"] for leader in leaders}
    csv = run("list", "--depts", "--format", "csv", "--data", shipped).stdout
    assert csv.splitlines()[0] == "部室,牵头,配合,合计,又写作"


def test_check_refuses_the_office_names_it_cannot_resolve(shipped):
    text = shipped.read_text(encoding="utf-8")
    shipped.write_text(
        text.replace("    市馆: 市科技馆\n", "    市馆: 市图书馆\n"), encoding="utf-8"
    )
    result = run("check", shipped)
    assert result.exit_code == 2
    assert "2025_tasks.yaml:" in result.stdout + result.stderr
    assert "市图书馆 不是本计划的部室" in result.stdout + result.stderr
