"""`kexie list` and `kexie show` through the real CLI, on a small plan and on the shipped data."""

import csv
import io
import json

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA, REPO
from tests.sample_plans import sample_data, table_rows

runner = CliRunner()
MID_JUNE = "2025-06-15"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    return str(sample_data(tmp_path))


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def listed(data, *args):
    as_of = () if "--as-of" in args else ("--as-of", MID_JUNE)  # an option is given once
    result = run("list", "--data", data, *as_of, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dotted(month: str) -> str:
    """A JSON month as tables write it, as the document does: 2025-06 → 2025.6."""
    year, month = month.split("-")
    return f"{year}.{int(month)}"


def ids(data, *args):
    return [task["id"] for task in listed(data, *args)]


# ---- filters ----------------------------------------------------------------------------------


def test_each_filter(data):
    assert ids(data) == [1, 2, 3, 4, 5]
    assert ids(data, "--dept", "组宣部") == [2, 4]
    assert ids(data, "--dept", "组宣部", "--lead-only") == [2]
    assert ids(data, "--leader", "李义词") == [4, 5]
    assert ids(data, "--due", "2025.6") == [2, 3]
    assert ids(data, "--due", "2025年9月") == [2, 3, 4]
    assert ids(data, "--status", "behind") == [1, 3, 5]
    assert ids(data, "--grep", "学会") == [4]
    assert ids(data, "--dept", "组宣部", "--status", "已完成") == [2]


def test_role_column_only_with_dept(data):
    roles = [(t["id"], t["role"]) for t in listed(data, "--dept", "组宣部")]
    assert roles == [(2, "牵头"), (4, "配合")]
    assert all("role" not in task for task in listed(data))
    table = run("list", "--data", data, "--dept", "组宣部").stdout
    assert "职责" in table and "配合" in table
    assert "职责" not in run("list", "--data", data).stdout


def test_status_and_margin_follow_as_of(data):
    assert ids(data, "--as-of", "2025-07-01", "--status", "overdue") == [3]
    assert ids(data, "--as-of", "2025-01-10", "--status", "未开始") == [1, 5]
    # Task 1 mid-June: 25% done, 45% of its time gone; behind by 10 points, not by 25.
    assert 1 not in ids(data, "--status", "behind", "--margin", "25")


@pytest.mark.parametrize(
    "query", ["普及部", "普及部(中心)", "普及部（中心）", "普 及 部", "普及部 〔中心〕"]
)
def test_dept_written_any_way(data, query):
    assert ids(data, "--dept", query) == [2, 3]


def test_traditional_dept_and_leader(data):
    assert ids(data, "--dept", "學會部") == [3, 4]
    assert ids(data, "--leader", "陳漢平") == [1, 2]


def test_unknown_name_says_so_and_lists_names_exit_0(data):
    result = run("list", "--data", data, "--dept", "财务部", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr.startswith("kexie: 没有名为 财务部 的部室；现有：办公室、机关党委")
    assert len(result.stderr.strip().splitlines()) == 1
    leader = run("list", "--data", data, "--leader", "王五")
    assert leader.exit_code == 0
    assert "没有名为 王五 的领导；现有：郑昌盛、陈汉平、李麟、李义词" in leader.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--status", "late"], ["late", "behind", "滞后", "not_started"]),
        (["--due", "2025.13"], ["--due", "2025.13"]),
        (["--due", "六月"], ["--due"]),
        (["--as-of", "2025/06/01"], ["--as-of", "YYYY-MM-DD"]),
        (["--format", "xml"], ["--format"]),
        (["--margin", "-5"], ["--margin"]),
        (["--margin", "nan"], ["--margin", "nan"]),
        (["--margin", "inf"], ["--margin"]),
        (["--lead-only"], ["--lead-only", "--dept"]),
        (["--plan", "2030"], ["2030"]),
    ],
)
def test_bad_values_are_one_line_exit_2(data, args, words):
    result = run("list", "--data", data, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("kexie: ")
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


# ---- formats ----------------------------------------------------------------------------------


def test_json_contract(data):
    task = listed(data, "--dept", "办公室")[0]
    assert list(task) == [
        "id", "section", "focus", "content", "measures", "lead", "support", "leaders",
        "due", "status", "status_label", "level", "level_label", "targets", "note", "history",
        "role",
        "due_original", "extensions", "requests", "completed_on", "on_time", "completion_label",
        "due_soon",
        "latest", "comments", "ended", "sent_back", "awaiting_sign_off",
    ]  # fmt: skip
    assert task["due"] == "2025-12" and task["lead"] == ["办公室", "机关党委"]
    assert (task["status"], task["status_label"]) == ("behind", "滞后")
    assert task["targets"] == [
        {
            "key": 1,
            "name": "党组会学习",
            "target": 12,
            "target_max": None,
            "unit": "次",
            "comparator": "at_least",
            "done": 3,
            "percent": 25.0,
            "met": False,
            "units": [],
            "milestones": None,
            "measured": None,
            "note": None,
            "source": None,
        }
    ]  # fmt: skip  (done replayed to mid-June)
    assert task["history"][1] == {
        "date": "2025-06-30", "kind": "figure", "target": 1, "before": 3, "after": 6,
        "note": "半年", "by": "张三",
    }  # fmt: skip


def test_json_is_utf8_not_escaped(data):
    result = run("list", "--data", data, "--format", "json")
    assert "组宣部" in result.stdout and "\\u" not in result.stdout


def test_range_target_in_json(data):
    target = listed(data, "--grep", "展览")[0]["targets"][0]
    assert (target["target"], target["target_max"], target["comparator"]) == (1, 2, "range")


def test_csv_has_every_column_and_a_row_per_task(data):
    result = run("list", "--data", data, "--as-of", MID_JUNE, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:5] == ["序号", "类型", "重点工作", "具体内容", "推进措施"]
    assert rows[0][-4:] == ["进度", "状态", "预警", "进展情况"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["牵头部室"] == "办公室、机关党委"
    assert first["完成"] == "3/12次（25%）"
    assert (first["进度"], first["状态"]) == ("25%", "滞后")


def test_tsv_one_line_per_task(data):
    result = run("list", "--data", data, "--format", "tsv")
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert {line.count("\t") for line in lines} == {lines[0].count("\t")}


def test_markdown_table(data):
    lines = run("list", "--data", data, "--format", "md").stdout.splitlines()
    assert lines[0].startswith("### 测试市科协")
    assert lines[2].startswith("| 序号 | 重点工作 | 具体内容 | 牵头部室 |")
    assert lines[3].startswith("| ---: | --- |")
    assert lines[4].startswith("| 1 | 加强理论学习 |")
    assert "办公室、机关党委" in lines[4]


# ---- the table, piped and on a terminal --------------------------------------------------------


def test_piped_table_no_ansi_nothing_cut_chinese_aligned(data):
    result = run("list", "--data", data, "--as-of", MID_JUNE)
    out = result.stdout
    assert result.exit_code == 0
    assert "\x1b[" not in out and "…" not in out
    body = [line for line in out.splitlines() if line[:1] in "┌│├└"]
    assert len({cell_len(line) for line in body}) == 1  # every line as wide: aligned
    assert max(cell_len(line) for line in out.splitlines()) <= 120
    rows = table_rows(out)
    assert rows[0] == [
        "序号",
        "重点工作",
        "具体内容",
        "牵头部室",
        "责任领导",
        "完成时限",
        "进度",
        "状态",
        "预警",
    ]
    contents = [row[2] for row in rows[1:]]
    tasks = listed(data)
    assert contents == [task["content"] for task in tasks]  # folded, not cut
    assert rows[1][3] == "办公室机关党委"  # one name a line
    assert [row[7] for row in rows[1:]] == [
        "滞后",
        "已完成",
        "滞后即将到期",
        "进行中",
        "滞后",
    ]  # 即将到期 on its own line
    assert rows[1][6] == "██░░░░░░░░ 25%"


def test_narrow_columns_fold_instead_of_cutting(data):
    result = run("list", "--data", data, env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 60
    assert "…" not in result.stdout
    contents = [row[2] for row in table_rows(result.stdout)[1:]]
    assert contents == [task["content"] for task in listed(data)]


def test_terminal_table_has_colour(data):
    env = {"FORCE_COLOR": "1", "COLUMNS": "120"}  # at 80 columns the bars give way to text
    result = run("list", "--data", data, "--as-of", MID_JUNE, env=env)
    assert "\x1b[" in result.stdout
    assert "█" in result.stdout


HEADERS = [
    "序号",
    "重点工作",
    "具体内容",
    "牵头部室",
    "职责",
    "责任领导",
    "完成时限",
    "进度",
    "状态",
]


@pytest.mark.parametrize("columns", [80, 100])
def test_at_80_columns_dates_and_headers_keep_one_line(data, columns):
    args = ["list", "--data", data, "--as-of", MID_JUNE, "--dept", "组宣部"]
    result = run(*args, env={"COLUMNS": str(columns)})
    tasks = listed(data, "--dept", "组宣部")
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= columns
    header_line = next(line for line in result.stdout.splitlines() if "序号" in line)
    assert all(header in header_line for header in HEADERS)
    for task in tasks:
        assert dotted(task["due"]) in result.stdout  # 2025.6, not 2025. / 6
    rows = table_rows(result.stdout)
    assert [row[2] for row in rows[1:]] == [task["content"] for task in tasks]


@pytest.mark.parametrize("columns", [40, 20, 12])
def test_too_narrow_for_a_table_each_task_is_a_block_with_nothing_dropped(data, columns):
    args = ["list", "--data", data, "--as-of", MID_JUNE, "--dept", "组宣部"]
    result = run(*args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= columns
    joined = "".join(result.stdout.split())  # folded lines joined back up
    for task in listed(data, "--dept", "组宣部"):
        for text in (task["focus"], task["content"], dotted(task["due"]), task["status_label"]):
            assert "".join(text.split()) in joined
        assert "".join(task["lead"]) in joined


def test_empty_result_exit_0(data):
    result = run("list", "--data", data, "--due", "2025.1")
    assert result.exit_code == 0
    assert "0 项" in result.stdout
    assert run("list", "--data", data, "--due", "2025.1", "--format", "csv").stdout.count("\n") == 1


# ---- show -------------------------------------------------------------------------------------


def test_show_everything_about_a_task(data):
    result = run("show", "1", "--data", data, "--as-of", MID_JUNE)
    assert result.exit_code == 0
    out = result.stdout
    for text in [
        "任务 1",
        "加强理论学习",
        "1.全年组织党组会学习不少于12次。",
        "机关各部室",
        "郑昌盛",
    ]:
        assert text in out
    assert "滞后（截至 2025-06-15）" in out
    assert "不少于12次" in out and "3次" in out and "25%" in out  # target, replayed
    assert "更新记录" in out and "2025-06-30" in out and "3 → 6" in out and "半年" in out


def test_show_json_is_one_task_object(data):
    result = run("show", "2", "--data", data, "--format", "json", "--as-of", MID_JUNE)
    task = json.loads(result.stdout)
    assert task["id"] == 2 and task["status"] == "done" and "role" not in task
    assert task["targets"][0]["met"] is True


def test_show_unknown_task_exit_2(data):
    result = run("show", "9", "--data", data)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "kexie: 测试市科协2025年重点工作任务分解清单中没有序号为 9 的任务；现有：1–5"
    )


def test_show_task_without_targets_or_history(data):
    out = run("show", "4", "--data", data).stdout
    assert "学会服务" in out and "更新记录" not in out and "达标" not in out


# ---- the points plan --------------------------------------------------------------------------


def test_points_plan_lists_and_shows_with_its_columns():
    result = run("list", "--data", DATA, "--plan", "2019", "--format", "json")
    assert result.exit_code == 0
    points = json.loads(result.stdout)
    assert len(points) == 9
    assert list(points[0]) == ["id", "section", "heading", "title", "content", "note"]
    table = run("list", "--data", DATA, "--plan", "2019").stdout
    assert "要点" in table and "切实加强政治建设" in table
    grep = run("list", "--data", DATA, "--plan", "2019", "--grep", "科普", "--format", "json")
    assert [p["id"] for p in json.loads(grep.stdout)] == [3, 5]
    shown = run("show", "7", "--data", DATA, "--plan", "2019", "--format", "json")
    assert json.loads(shown.stdout)["title"] == "加强科技智库建设"


def test_points_plan_refuses_task_filters():
    result = run("list", "--data", DATA, "--plan", "2019", "--dept", "组宣部")
    assert result.exit_code == 2
    assert "--dept" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---- the shipped data, from the repository root ------------------------------------------------


def test_list_dept_on_shipped_data(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("KEXIE_DATA", raising=False)
    assert run("list", "--dept", "组宣部").exit_code == 0
    tasks = json.loads(run("list", "--dept", "组宣部", "--format", "json").stdout)
    assert tasks
    for task in tasks:
        names = task["lead"] + task["support"]
        if "组宣部" in names:
            assert task["role"] == ("牵头" if "组宣部" in task["lead"] else "配合")
        else:  # one of 机关各部室, the group the plan declares
            assert "机关各部室" in task["support"] and task["role"] == "配合（机关各部室）"
    via_group = {t["id"] for t in tasks if t["role"] == "配合（机关各部室）"}
    assert via_group == {1, 2, 12, 37, 38, 39}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--dept", "组宣部", "--format", "json"],
        ["list", "--format", "tsv"],
        ["list", "--grep", "科普", "--format", "json"],
        ["list", "--grep", "科普", "--format", "csv"],
        ["show", "3", "--format", "json"],
        ["report", "--format", "csv"],
    ],
)
def test_a_command_served_from_the_cache_prints_what_the_file_says(data, monkeypatch, args):
    """Served from the cache, a command prints the same as from the file itself."""
    from kexie_cli.plans import cache
    from kexie_cli.plans import load as catalog

    asked = [*args, "--data", data, "--as-of", "2025-07-01"]
    fresh = run(*asked)  # parsed, and cached
    assert fresh.exit_code == 0, fresh.output
    monkeypatch.setattr(cache, "_read", {})  # as a new process
    monkeypatch.setattr(catalog, "load_text", lambda *a: pytest.fail("parsed, not cached"))
    cached = run(*asked)
    assert cached.exit_code == 0 and cached.stdout == fresh.stdout
    assert "具体内容" in fresh.stdout or '"content"' in fresh.stdout
