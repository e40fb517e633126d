"""`kexie export --format ics`: the deadlines in force as a calendar, read back by icalendar and
by a plain RFC 5545 reading; an extension moves the event under the same UID."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()


def export(data: Path, out: Path, *args: str):
    return runner.invoke(
        app,
        ["export", "-o", str(out), "--force", "--as-of", "2025-06-20", *args, "--data", str(data)],
    )


def plain_events(text: str) -> dict[str, dict[str, str]]:
    """A second reader: lines unfolded (RFC 5545 §3.1), each VEVENT's properties by name."""
    lines = text.replace("\r\n ", "").split("\r\n")
    events, current = {}, None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events[current["UID"]] = current
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name.split(";")[0]] = value
    return events


def test_one_event_per_task_on_its_deadline_read_back_twice(tmp_path):
    out = tmp_path / "清单.ics"
    result = export(DATA, out)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    plain = plain_events(out.read_bytes().decode("utf-8"))
    assert set(events) == set(plain) and len(plain) == 40
    three = events["2025-task-3@kexie"]
    assert three.decoded("dtstart") == dt.date(2025, 5, 31)
    assert str(three["summary"]).startswith("3. 面向学会、高校科协")
    assert "完成时限：2025.5" in str(three["description"])
    assert plain["2025-task-3@kexie"]["DTSTART"] == "20250531"


def test_dept_keeps_its_tasks_and_an_extension_moves_the_same_event(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "学会部.ics"
    assert export(data, out, "--dept", "学会部").exit_code == 0
    before = plain_events(out.read_bytes().decode("utf-8"))
    assert "2025-task-3@kexie" in before and "2025-task-7@kexie" not in before
    extended = runner.invoke(
        app,
        [
            "extend",
            "3",
            "2025.9",
            "--reason",
            "场地未落实",
            "--date",
            "2025-05-20",
            "--data",
            str(data),
        ],
    )
    assert extended.exit_code == 0, extended.output
    assert export(data, out, "--dept", "学会部").exit_code == 0
    after = plain_events(out.read_bytes().decode("utf-8"))
    assert set(after) == set(before)
    assert after["2025-task-3@kexie"]["DTSTART"] == "20250930"
    assert after["2025-task-3@kexie"]["SEQUENCE"] == "1"


def test_dept_with_another_format_is_refused(tmp_path):
    result = export(DATA, tmp_path / "x.csv", "--dept", "学会部")
    assert result.exit_code == 2 and "--dept 只用于日历" in result.stderr
