"""The drafted summary in Markdown, for a person to edit: `kexie report --format md`.

The parts come from output/summary.py (the same as the Word summary's); the report's picture,
when there is one, is linked under the overall paragraph (a PNG written beside the file), and
the table of tasks follows as 附件.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from kexie_cli.core.controls import visible
from kexie_cli.core.tally import Report
from kexie_cli.output.summary import ANNEX_HEAD, Summary, summary


def write_summary(
    report: Report,
    out: TextIO,
    scope: str = "",
    since: dt.date | None = None,
    picture: str | None = None,
) -> None:
    """`picture`: the file name of the report's picture, beside the draft, to link."""
    text = summary_text(report, scope, since, picture)
    out.write(visible(text))  # no control reaches a terminal


def summary_text(
    report: Report, scope: str = "", since: dt.date | None = None, picture: str | None = None
) -> str:
    return markdown(summary(report, scope, since), picture)


def markdown(draft: Summary, picture: str | None = None) -> str:
    lines = [f"# {draft.title}", "", draft.date_line, "", draft.overall, ""]
    if picture:
        lines += [f"![各部室平均进度和完成率、逐月进展]({_link(picture)})", ""]
    for part in draft.parts:
        lines += [f"## {part.heading}", ""]
        for number, paragraph in enumerate(part.paragraphs, start=1):
            lines += [f"{number}. {paragraph}" if part.numbered else paragraph, ""]
    lines += [f"## {draft.annex_title}", "", _row(ANNEX_HEAD), _row(["---"] * len(ANNEX_HEAD))]
    lines += [_row(row) for row in draft.annex]
    return "\n".join(lines).rstrip("\n") + "\n"


def _row(cells: Iterable[str]) -> str:
    """A table row; a cell's own | and line breaks would break the table."""
    return "| " + " | ".join(c.replace("|", "｜").replace("\n", " ") for c in cells) + " |"


def _link(name: str) -> str:
    """A file name as a Markdown link target: spaces and brackets escaped."""
    return name.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
