"""The record's two dates through the CLI, on a copy of the shipped list: an entry counts at
the day it is true at (`--date`), whenever it came in (`--recorded`); `--known-on` answers as
the office knew it."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    return str(folder)


def kexie(data, *args):
    result = runner.invoke(app, [*args, "--data", data])
    assert result.exit_code == 0, result.output
    return result.stdout


def task(data, number, *args):
    return json.loads(kexie(data, "show", str(number), "--format", "json", *args))


def test_a_june_figure_that_came_in_july_counts_in_the_june_report(data):
    kexie(data, "progress", "14.1", "--done", "60", "--date", "2025-06-30", "--recorded",
          "2025-07-03")  # fmt: skip
    half_year = json.loads(kexie(data, "report", "--as-of", "2025-06-30", "--format", "json"))
    fourteen = next(t for t in half_year["tasks"] if t["id"] == 14)
    assert fourteen["targets"][0]["done"] == 60
    # As the office knew it on July 1 the form was not in; on July 3 it was.
    assert task(data, 14, "--known-on", "2025-07-01")["targets"][0]["done"] == 0
    assert task(data, 14, "--known-on", "2025-07-03")["targets"][0]["done"] == 60


def test_a_report_once_sent_is_reproduced_after_later_forms_arrive(data):
    kexie(data, "progress", "14.1", "--done", "60", "--date", "2025-06-30", "--recorded",
          "2025-07-03")  # fmt: skip
    sent = kexie(data, "report", "--as-of", "2025-06-30", "--format", "json")
    # A late June figure and a July one come in afterwards.
    kexie(data, "progress", "14.1", "--done", "70", "--date", "2025-06-30", "--recorded",
          "2025-07-20")  # fmt: skip
    kexie(data, "progress", "14.1", "--done", "90", "--date", "2025-07-31", "--recorded",
          "2025-08-02")  # fmt: skip
    kexie(data, "progress", "30", "--status", "done", "--date", "2025-06-20", "--recorded",
          "2025-07-25")  # fmt: skip
    args = ("report", "--as-of", "2025-06-30", "--format", "json")
    assert kexie(data, *args) != sent  # what is known of June now
    assert kexie(data, *args, "--known-on", "2025-07-04") == sent  # what was sent
    file_count = task(data, 14)["targets"][0]["done"]
    assert file_count == 90  # the file keeps the latest period's count


def test_work_done_in_september_and_reported_in_october_is_done_within_its_extension(data):
    """Task 3 (due 2025.5): extended to 2025.9; the training was held on September 19 and
    the form came back after National Day."""
    kexie(data, "extend", "3", "2025.9", "--reason", "培训场地未落实", "--date", "2025-05-20")
    kexie(data, "progress", "3", "--done", "105", "--date", "2025-09-19", "--recorded",
          "2025-10-10")  # fmt: skip
    three = task(data, 3, "--as-of", "2025-12-31")
    assert (three["completed_on"], three["completion_label"]) == ("2025-09-19", "延期后完成")
    # A figure for an earlier day is still accepted after it: the record replays by date.
    kexie(data, "progress", "3", "--done", "40", "--date", "2025-08-31")
    assert task(data, 3, "--as-of", "2025-08-31")["targets"][0]["done"] == 40
    assert task(data, 3)["targets"][0]["done"] == 105


def test_a_task_with_nothing_to_count_and_a_written_report_is_under_way(data):
    assert task(data, 1, "--as-of", "2025-04-01")["status_label"] == "未开始"
    kexie(data, "progress", "1", "--note", "已召开党组会传达学习", "--by", "办公室",
          "--date", "2025-03-31")  # fmt: skip
    assert task(data, 1, "--as-of", "2025-03-30")["status_label"] == "未开始"
    assert task(data, 1, "--as-of", "2025-04-01")["status_label"] == "进行中"
    kexie(data, "progress", "1", "--status", "done", "--date", "2025-11-20", "--recorded",
          "2025-12-05")  # fmt: skip
    one = task(data, 1, "--as-of", "2025-12-31")
    assert (one["status_label"], one["completed_on"]) == ("已完成", "2025-11-20")
    assert one["completion_label"] == "按期完成"


def test_at_the_years_end_an_unfinished_task_is_overdue_not_due_soon(data):
    year_end = json.loads(kexie(data, "report", "--as-of", "2025-12-31", "--format", "json"))
    assert year_end["summary"]["due_soon"] == 0
    open_tasks = [t for t in year_end["tasks"] if t["status"] != "done"]
    assert open_tasks and all(t["status"] == "overdue" for t in open_tasks)
