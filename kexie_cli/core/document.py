"""The parts of an official document (GB/T 9704-2012) around a 通报's body: who issues it
(发文机关标志), its number (发文字号), to whom it goes (主送, 抄送), who prints it (印发机关),
who signs it off (签发人) — and the numbers already used in a year, the next one suggested.

Nothing here is invented: what the settings (`[document]` in kexie.toml) leave out is taken from
the plan (its association, the departments it names) or left blank to fill in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kexie_cli.core.models import TasksPlan
from kexie_cli.core.names import same
from kexie_cli.core.queries import name_counts
from kexie_cli.core.spelling import Spelling

LAST_NUMBER = 99999  # a year's documents: kexie-numbers.tsv reads back no longer 序号
BLANK_NUMBER = "  "  # 〔2025〕  号: two spaces where the number is written in by hand


@dataclass(frozen=True)
class Settings:
    """`[document]` as configured; an empty string or tuple: not configured."""

    mark: str = ""  # 发文机关标志: 黄石市科学技术协会文件
    prefix: str = ""  # 机关代字: 黄科协督
    to: tuple[str, ...] = ()  # 主送
    cc: tuple[str, ...] = ()  # 抄送
    printer: str = ""  # 印发机关
    signer: str = ""  # 签发人


@dataclass(frozen=True)
class Letterhead:
    """What one 通报 prints around its body."""

    mark: str
    prefix: str
    year: int
    number: int | None  # None: left blank
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    printer: str = ""
    signer: str = ""

    @property
    def number_text(self) -> str:
        """黄科协督〔2025〕3号, or 〔2025〕  号 with the number left to fill in."""
        shown = BLANK_NUMBER if self.number is None else str(self.number)
        return f"{self.prefix}〔{self.year}〕{shown}号"

    def numbered(self, number: int | None) -> Letterhead:
        return replace(self, number=number)


def letterhead(plan: TasksPlan, settings: Settings, number: int | None = None) -> Letterhead:
    """The settings, and where they say nothing, the plan: its association issues and prints
    the 通报, the departments and counties it names are sent it."""
    org = plan.plan.org
    return Letterhead(
        mark=settings.mark or org,
        prefix=settings.prefix,
        year=plan.year,
        number=number,
        to=settings.to or tuple(named_departments(plan)),
        cc=settings.cc,
        printer=settings.printer or org,
        signer=settings.signer,
    )


def named_departments(plan: TasksPlan) -> list[str]:
    """The departments and counties the plan names (lead or support), each spelled one way;
    a group the plan declares (机关各部室) stands for its members."""
    spelled = Spelling(plan)
    members = [m for names in plan.departments.groups.values() for m in names]
    found = [spelled(count.name) for count in name_counts(plan, "dept")]
    kept = [name for name in found if not any(same(name, m) for m in members)]
    groups = [g for g in plan.departments.groups if not any(same(g, k) for k in kept)]
    return list(dict.fromkeys([*groups, *kept]))


# ---- numbers used -------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    """One document numbered: its number in its year, under its prefix, and what it was."""

    prefix: str
    year: int
    number: int
    title: str
    as_of: str  # the date it reports at (YYYY-MM-DD)


def next_number(issued: list[Issued], prefix: str, year: int) -> int:
    """One past the highest number used in the year under the prefix; 1 in a new year."""
    used = [i.number for i in issued if i.prefix == prefix and i.year == year]
    return max(used, default=0) + 1


def choose_number(
    issued: list[Issued], head: Letterhead, title: str, as_of: str, asked: int | None
) -> tuple[int | None, Issued | None, str | None]:
    """The number the 通报 gets, the record to add (None: nothing new) and a problem (None: no
    problem). Asked for (--number): that one, unless another document has it. Not asked: the
    number the same 通报 (title and date) already got, else — with a prefix configured — the
    next; with none, the number is left blank and nothing recorded."""
    same_year = [i for i in issued if i.prefix == head.prefix and i.year == head.year]
    again = next((i for i in same_year if i.title == title and i.as_of == as_of), None)
    if asked is None:
        if again is not None:
            return again.number, None, None
        if not head.prefix:
            return None, None, None
        asked = next_number(issued, head.prefix, head.year)
    if not 1 <= asked <= LAST_NUMBER:
        return None, None, f"--number {asked} 无效：文号的序号从1起，至多 {LAST_NUMBER}"
    taken = next((i for i in same_year if i.number == asked), None)
    if taken is not None and (taken.title, taken.as_of) != (title, as_of):
        free = next_number(issued, head.prefix, head.year)
        used = head.numbered(asked).number_text
        return (
            None,
            None,
            f"文号 {used} 已用于《{taken.title}》（截至{taken.as_of}）；下一个可用：{free}",
        )
    record = None if taken else Issued(head.prefix, head.year, asked, title, as_of)
    return asked, record, None
