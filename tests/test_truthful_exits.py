"""Truthful exits at the edges (issue 30): files written are reported written, exit 0, whatever
fails after them (a full stdout, a signal), so nobody retries; an output folder that cannot be
made is refused in one line. Real `kexie` processes, as in test_faults.py."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import openpyxl
import pytest

from kexie_cli import cli
from kexie_cli.plans import files
from tests.test_faults import kexie, one_line
from tests.test_faults import plan as plan  # a fixture, taken by name


def _forms(plan: Path, folder: Path, **options) -> subprocess.CompletedProcess:
    return kexie(plan, "forms", "-o", str(folder), "--dept", "组宣部", **options)


def test_forms_with_a_full_stdout_are_reported_written_exit_0(plan, tmp_path):
    folder = tmp_path / "6月"
    with open("/dev/full", "w") as full:
        result = _forms(plan, folder, stdout=full)
    assert result.returncode == 0, result.stderr
    line = one_line(result.stderr)
    assert line.startswith(f"kexie: 已写入 1 份填报表到 {folder}；结果无法写到标准输出")
    assert line.endswith("但写入已完成，请勿重复")
    assert len(list(folder.glob("*.xlsx"))) == 1


def test_import_progress_with_a_full_stdout_is_reported_written_exit_0(plan, tmp_path):
    folder = tmp_path / "6月"
    assert _forms(plan, folder).returncode == 0
    (form,) = folder.glob("*.xlsx")
    book = openpyxl.load_workbook(form)
    sheet = book["填报表"]
    done = next(c.column_letter for c in sheet[4] if c.value == "累计完成")
    row = next(
        r for r in range(5, sheet.max_row + 1) if sheet[f"{done}{r}"].protection.locked is False
    )
    sheet[f"{done}{row}"] = 1
    book.save(form)
    before = plan.read_bytes()
    with open("/dev/full", "w") as full:
        result = kexie(plan, "import", "progress", str(form), stdout=full)
    assert result.returncode == 0, result.stderr
    line = one_line(result.stderr)
    assert line.startswith(f"kexie: 已写入 {plan}：1 条；结果无法写到标准输出")
    assert plan.read_bytes() != before


@pytest.mark.parametrize("where", ["/proc/kexie-forms", "under-a-file/x"])
def test_forms_into_a_folder_that_cannot_be_made_is_one_line_exit_2(plan, tmp_path, where):
    (tmp_path / "under-a-file").write_text("x")
    folder = Path(where) if where.startswith("/") else tmp_path / where
    result = _forms(plan, folder)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line.startswith(f"kexie: -o {folder}: ") and "内部错误" not in line


def test_a_department_name_with_a_line_break_makes_a_one_line_file_name(plan, tmp_path):
    text = plan.read_text(encoding="utf-8").replace("lead: 组宣部", 'lead: "组宣部\\n\\t一科"', 1)
    plan.write_text(text, encoding="utf-8")
    result = kexie(plan, "forms", "-o", str(tmp_path / "f"))
    assert result.returncode == 0, result.stderr
    names = [p.name for p in (tmp_path / "f").iterdir()]
    assert names and not any("\n" in n or "\t" in n for n in names)


def test_a_write_that_landed_is_reported_exit_0_whatever_ended_the_command(monkeypatch):
    monkeypatch.setattr(files, "LANDED_FILES", ["已写入 3 份填报表到 6月"])
    assert cli._settle(130, "已中断") == 0


def test_once_a_command_is_over_signals_are_held(plan):
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    try:
        with pytest.raises(SystemExit), files.signals_held_after():
            raise SystemExit(0)  # how a command ends
        held = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        assert {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} <= held
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
