"""A department's reminder (催办) as a clerk forwards it: short lines, each with the task's
序号 and the deadline in force, in Markdown that reads as plain text too (企业微信 and 钉钉
robots render it; e-mail and stdout show it as is)."""

from __future__ import annotations

from kexie_cli.core.models import HistoryEntry, Task
from kexie_cli.core.queries import SUPPORT, Found
from kexie_cli.core.remind import Digest
from kexie_cli.output.views import due_text

SHORT = 24  # characters of a task's text on its line


def title(digest: Digest) -> str:
    return f"{digest.dept}重点工作督办提醒（截至 {digest.as_of.isoformat()}）"


def digest_text(digest: Digest) -> str:
    """The whole digest: a heading, then each section that has lines."""
    lines = [f"**{title(digest)}**"]
    sections = (
        ("逾期", [_task_line(f) for f in digest.overdue]),
        ("滞后", [_task_line(f, share=True) for f in digest.behind]),
        ("即将到期", [_task_line(f) for f in digest.due_soon]),
        ("延期申请待审批", [_request_line(f, h) for f, h in digest.pending]),
        ("领导批示待落实", [_comment_line(f, h) for f, h in digest.comments]),
    )
    for name, found in sections:
        if found:
            days = f"{digest.within} 天内，" if name == "即将到期" else ""
            lines += ["", f"**{name}（{days}{len(found)} 项）**", *found]
    if digest.form is not None:
        last = digest.form.last
        since = f"最近一次 {last.isoformat()}" if last else "本年尚无登记"
        month = f"{digest.as_of.month} 月"
        lines += ["", f"**{month}填报表未报送**（{since}），请尽快报送。"]
    return "\n".join(lines)


def short_text(task: Task, most: int = SHORT) -> str:
    """What the task is, in a few words: its content, else its focus or first measure."""
    text = next((t for t in (task.content, task.focus, *task.measures) if t.strip()), "")
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most] + "…"


def plain_text(text: str) -> str:
    """The digest without its Markdown bold marks: for e-mail, and for a clerk to paste."""
    return text.replace("**", "")


def _short(found: Found) -> str:
    return short_text(found.state.task)


def _head(found: Found) -> str:
    role = "（配合）" if found.role == SUPPORT else ""
    return f"- {found.state.task.id}. {_short(found)}{role}"


def _task_line(found: Found, share: bool = False) -> str:
    state = found.state
    done = f"，完成 {round(state.share * 100)}%" if share and state.share is not None else ""
    return f"{_head(found)}　时限 {due_text(state)}{done}"


def _request_line(found: Found, entry: HistoryEntry) -> str:
    asked = f"申请延期至 {entry.due_after.year}.{entry.due_after.month}" if entry.due_after else ""
    return f"{_head(found)}　{asked}（{entry.date.isoformat()}）"


def _comment_line(found: Found, entry: HistoryEntry) -> str:
    words = " ".join((entry.comment or "").split())
    return f"{_head(found)}　{entry.by} {entry.date.isoformat()} 批示：{words}"


def split_text(text: str, limit: int) -> list[str]:
    """The text in pieces of at most `limit` UTF-8 bytes, cut between lines (a line longer
    than the limit cut between characters), each piece after the first headed （续）."""
    pieces: list[str] = []
    current = ""
    for line in _lines_within(text, limit - len("（续）\n".encode())):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) <= limit:
            current = candidate
            continue
        pieces.append(current)
        current = f"（续）\n{line}"
    return [*pieces, current] if current else pieces


def _lines_within(text: str, limit: int) -> list[str]:
    found = []
    for line in text.split("\n"):
        while len(line.encode()) > limit:
            cut = limit
            while len(line[:cut].encode()) > limit:
                cut -= 1
            found.append(line[:cut])
            line = line[cut:]
        found.append(line)
    return found
