"""Rows as high as their wrapped text: measured widths, lines, and the sheets as LibreOffice
prints them (no cell's last line below the next row's top)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.formats.text_measure import char_width, column_room, line_height, lines
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()


def test_a_chinese_character_is_an_em_and_a_line_at_least_songtis() -> None:
    assert char_width("围") == 1.0 and 0.5 <= char_width("1") < 1.0
    assert char_width("\u200b") == 0.0
    assert line_height(10) >= 13.5 and line_height(11) >= 15.0


def test_text_wraps_by_character_and_a_latin_word_stays_whole() -> None:
    room = column_room(10)
    per_line = int(room // 10)  # characters of 10 pt in a column 10 units wide
    assert lines("围" * per_line, 10, 10) == 1
    assert lines("围" * (per_line + 1), 10, 10) == 2
    assert lines("围\n\n围", 10, 10) == 3 and lines("", 10, 10) == 1
    words = lines("围" * (per_line - 2) + " 2025.12", 10, 10)
    assert words == 2  # 2025.12 not split across the line's end


@given(st.text(min_size=0, max_size=200), st.floats(4, 40), st.floats(4, 40))
def test_a_wider_column_never_needs_more_lines(text: str, a: float, b: float) -> None:
    narrow, wide = sorted((a, b))
    assert lines(text, wide, 10) <= lines(text, narrow, 10)


needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext not installed",
)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _pdf_words(book, tmp_path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as (x, top, bottom, text), from the PDF LibreOffice prints."""
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), book],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = subprocess.run(
        ["pdftotext", "-bbox", str(book.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        [
            (float(x), float(top), float(bottom), text)
            for x, top, _, bottom, text in _WORD.findall(page)
        ]
        for page in out.split("<page ")[1:]
    ]


def _ids(words, ids: set[str]) -> dict[str, float]:
    """The top of each task's 序号 (the leftmost column)."""
    left = min(x for x, *_ in words)
    return {text: top for x, top, _, text in words if text in ids and x < left + 30}


@needs_office
@pytest.mark.parametrize("layout", ["progress", "full"])
def test_no_cell_runs_past_its_row_as_libreoffice_prints_it(tmp_path, layout) -> None:
    book = tmp_path / f"{layout}.xlsx"
    args = ["export", "--data", str(DATA), "--as-of", "2025-06-30", "--layout", layout]
    assert runner.invoke(app, [*args, "-o", str(book)]).exit_code == 0
    plan = load_file(DATA / "2025_tasks.yaml")[0]
    tasks = {str(t.id): t for t in plan.tasks}
    checked = 0
    for words in _pdf_words(book, tmp_path):
        tops = sorted(_ids(words, set(tasks)).items(), key=lambda item: item[1])
        heads = [top for _, top, _, text in words if text == "序号"]
        legend = [bottom for _, _, bottom, text in words if text.startswith("滞后/即将")]
        if heads and legend:
            assert legend[0] <= heads[0] + 1  # the legend whole above the header
        for (number, top), (_, below) in itertools.pairwise(tops):
            task = tasks[number]
            shown = [task.content] + (task.measures[-1:] if layout == "full" else [])
            for said in filter(None, shown):
                end = "".join(said.split())[-4:]
                found = [w for w in words if w[1] >= top - 1 and w[3].endswith(end)]
                if found:
                    last = min(found, key=lambda w: w[1])
                    assert last[2] <= below + 1, f"任务{number}: {end} past its row"
                    checked += 1
    assert checked > 20  # the check read most rows
