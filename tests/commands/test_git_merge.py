"""`kexie git-setup` and `kexie merge-file` with a real git: two offices record in one
repository on two branches, and `git merge` calls kexie to merge the plan — both ways round."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.plans.yaml_read import load
from tests.conftest import DATA

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLAN = "data/2025_tasks.yaml"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git as an office runs it, with a name to commit under and no user config read."""
    who = ["-c", "user.name=测试", "-c", "user.email=test@example.org"]
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", *who, *args], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert not check or done.returncode == 0, done.stderr
    return done


def kexie(repo: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """kexie through this Python, as the driver git-setup writes calls it."""
    done = subprocess.run(
        [sys.executable, "-m", "kexie_cli", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A province repository: the shipped list committed on main, kexie set up as its driver."""
    root = tmp_path / "省科协"
    (root / "data").mkdir(parents=True)
    shutil.copy(DATA / "2025_tasks.yaml", root / PLAN)
    git(root, "init", "-q", "-b", "main")
    kexie(root, "git-setup")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "清单")
    return root


def branch(repo: Path, name: str, *commands: list[str]) -> None:
    """An office's branch from main: its kexie commands, committed."""
    git(repo, "checkout", "-q", "-b", name, "main")
    for args in commands:
        kexie(repo, *args, "--data", "data")
    git(repo, "commit", "-qam", name)


def merged(repo: Path, into: str, other: str) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """`git merge other` on a new branch from `into`: git's answer and the plan it leaves."""
    git(repo, "checkout", "-q", "-b", f"{into}+{other}", into)
    done = git(repo, "merge", "--no-edit", other, check=False)
    return done, (repo / PLAN).read_bytes()


def shown(repo: Path, task: int) -> dict:
    return json.loads(kexie(repo, "show", str(task), "--data", "data", "--format", "json").stdout)


CITY_A = [
    ["progress", "2.1", "--done", "3", "--date", "2025-06-10", "--recorded", "2025-06-11"],
    ["comment", "3", "抓紧落实", "--by", "陈汉平", "--date", "2025-06-12"],
]
CITY_B = [
    ["progress", "2.1", "--done", "5", "--date", "2025-06-05", "--recorded", "2025-06-12"],
    [
        "progress",
        "4",
        "--status",
        "in_progress",
        "--date",
        "2025-06-07",
        "--recorded",
        "2025-06-07",
    ],
]


def test_git_setup_writes_the_attribute_and_the_driver_once(repo):
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "data/**/*.yaml merge=kexie\n"
    driver = git(repo, "config", "--local", "merge.kexie.driver").stdout.strip()
    assert driver == f"{sys.executable} -m kexie_cli merge-file %O %A %B --path %P"
    again = CliRunner().invoke(app, ["git-setup", "--repo", str(repo)])
    assert again.exit_code == 0, again.output
    assert again.stdout.count("未改动") == 3
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    check = git(repo, "check-attr", "merge", "--", PLAN).stdout
    assert check.strip().endswith("merge: kexie")


def test_git_setup_names_the_plans_folder_or_the_one_plan_file(tmp_path):
    root = tmp_path / "仓库"
    city = root / "plans" / "黄石市科协"
    city.mkdir(parents=True)
    shutil.copy(DATA / "2025_tasks.yaml", city / "2025_tasks.yaml")
    (root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    git(root, "init", "-q")
    for data in (root / "plans", city / "2025_tasks.yaml"):
        result = CliRunner().invoke(app, ["git-setup", "--repo", str(root), "--data", str(data)])
        assert result.exit_code == 0, result.output
    attributes = (root / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert attributes == [
        "plans/**/*.yaml merge=kexie",
        "plans/黄石市科协/2025_tasks.yaml merge=kexie",
    ]
    merge = git(root, "check-attr", "merge", "--", "plans/黄石市科协/2025_tasks.yaml", "notes.yaml")
    assert [line.rsplit(": ", 1)[1] for line in merge.stdout.splitlines()] == [
        "kexie",
        "unspecified",
    ]


def test_git_setup_outside_a_repository_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["git-setup", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert "不是 git 仓库" in result.stderr and len(result.stderr.splitlines()) == 1


def test_concurrent_appends_merge_alike_both_ways_and_the_counts_follow(repo):
    branch(repo, "黄石", *CITY_A)
    branch(repo, "大冶", *CITY_B)
    ab, text_ab = merged(repo, "黄石", "大冶")
    ba, text_ba = merged(repo, "大冶", "黄石")
    assert ab.returncode == 0 and ba.returncode == 0, ab.stdout + ab.stderr
    assert text_ab == text_ba
    kexie(repo, "check", "--data", "data")
    task = shown(repo, 2)
    figures = [(h["date"], h["after"]) for h in task["history"] if h.get("target") == 1]
    assert figures == [("2025-06-05", 5), ("2025-06-10", 3)]  # replay order, both offices
    assert task["targets"][0]["done"] == 3  # the last figure in replay order
    task4 = next(t for t in load(text_ab.decode("utf-8"))["tasks"] if t["id"] == "4")
    assert task4["status"] == "in_progress"  # the mark recorded on one side
    assert [c["by"] for c in shown(repo, 3)["comments"]] == ["陈汉平"]


def test_a_hand_edit_on_one_side_and_an_append_on_the_other_are_both_kept(repo):
    git(repo, "checkout", "-q", "-b", "手改", "main")
    plan = repo / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  due: '2025.5'\n", "  due: '2025.6'\n", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "手改时限")
    branch(repo, "登记", ["progress", "3", "--done", "60", "--date", "2025-05-20"])
    done, text_ab = merged(repo, "手改", "登记")
    assert done.returncode == 0, done.stdout + done.stderr
    assert merged(repo, "登记", "手改")[1] == text_ab
    task = shown(repo, 3)
    assert task["due"] == "2025-06" and task["targets"][0]["done"] == 60


def test_the_same_field_changed_both_ways_is_a_conflict_with_one_line(repo):
    plan = repo / PLAN
    for name, word in (("甲", "甲方"), ("乙", "乙方")):
        git(repo, "checkout", "-q", "-b", name, "main")
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("  content: 调整", f"  content: {word}调整", 1), "utf-8")
        kexie(repo, "progress", "5", "--note", f"{word}走访", "--data", "data")
        git(repo, "commit", "-qam", name)
    done, text = merged(repo, "甲", "乙")
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.startswith("kexie:")]
    assert lines == [
        f"kexie: {PLAN}: 合并冲突：任务 5 的 content 两边改得不同，已在文件中标出，请手工解决"
    ]
    body = text.decode("utf-8")
    assert "<<<<<<< ours\n  content: 甲方调整" in body
    assert "=======\n  content: 乙方调整" in body and ">>>>>>> theirs\n" in body
    assert "note: 甲方走访" in body and "note: 乙方走访" in body  # the records merged all the same


def test_merge_file_run_as_git_runs_it_exits_1_on_a_conflict(tmp_path):
    base = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    files = {}
    for name, text in (
        ("base", base),
        ("ours", base.replace("  due: '2025.5'\n", "  due: '2025.7'\n", 1)),
        ("theirs", base.replace("  due: '2025.5'\n", "  due: '2025.8'\n", 1)),
    ):
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    args = [str(files[n]) for n in ("base", "ours", "theirs")]
    done = kexie(tmp_path, "merge-file", *args, "--path", PLAN, code=1)
    assert (
        done.stderr
        == f"kexie: {PLAN}: 合并冲突：任务 3 的 due 两边改得不同，已在文件中标出，请手工解决\n"
    )
    assert "<<<<<<< ours\n  due: '2025.7'\n=======\n  due: '2025.8'\n>>>>>>> theirs\n" in (
        files["ours"].read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    "texts",
    [
        ("a: 1\nb: 2\n", "a: 10\nb: 2\n", "a: 11\nb: 2\n"),  # YAML, not a plan
        ("x\n", "\xff\xfe not text", "y\n"),  # unreadable
    ],
    ids=["not-a-plan", "not-utf8"],
)
def test_what_is_not_a_plan_is_merged_by_lines_as_git_does(tmp_path, texts):
    paths = []
    for name, text in zip(("base", "ours", "theirs"), texts, strict=True):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(text.encode("latin-1") if "\xff" in text else text.encode())
    done = kexie(tmp_path, "merge-file", *map(str, paths), code=1)
    assert len(done.stderr.splitlines()) == 1 and "按文本合并" in done.stderr
    assert b"<<<<<<< ours" in paths[1].read_bytes()


def test_a_clean_merge_of_lines_in_yaml_that_is_not_a_plan_exits_0(tmp_path):
    paths = []
    for name, text in zip(
        ("base", "ours", "theirs"),
        ("a: 1\nb: 2\nc: 3\n", "a: 10\nb: 2\nc: 3\n", "a: 1\nb: 2\nc: 30\n"),
        strict=True,
    ):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    kexie(tmp_path, "merge-file", *map(str, paths), code=0)
    assert paths[1].read_text(encoding="utf-8") == "a: 10\nb: 2\nc: 30\n"
