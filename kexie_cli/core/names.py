"""Match a department or leader name however it is written.

Plans and people write the same name many ways: full- or half-width brackets, a suffix such as
（中心） or not, simplified or traditional characters, stray spaces. Names are compared in one
normal form; the traditional→simplified step loads OpenCC only when the plain comparison finds
nothing, since most queries are already simplified.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

# After NFKC full-width （）［］ are half-width; 【】〔〕 have no half-width form.
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
# The same body is printed 各县(市、区)科协 and 各县(市)区科协: with the brackets and 、 dropped
# (their contents kept) both read 各县市区科协. A table, not a pattern: compiling one costs
# every command that matches a name ~0.5 ms.
_MARKS = str.maketrans("", "", "()[]【】〔〕、")


@lru_cache(maxsize=4096)  # a plan repeats a few dozen names thousands of times
def normalize(name: str, simplify: bool = False) -> str:
    """The form names are compared in: NFKC, no bracketed parts, no spaces (and simplified)."""
    text = unicodedata.normalize("NFKC", name)
    text = _no_space(_BRACKETED.sub("", text))
    return simplified(text) if simplify else text


@lru_cache(maxsize=4096)
def bare(name: str, simplify: bool = False) -> str:
    """The name with every bracket character and 、 dropped but their contents kept."""
    text = _no_space(unicodedata.normalize("NFKC", name).translate(_MARKS))
    return simplified(text) if simplify else text


def fold(text: str) -> str:
    """Full-width and half-width forms, upper and lower case, compare alike (for words typed
    to find a target or a text, where brackets and spaces still count)."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _no_space(text: str) -> str:
    return "".join(text.split())  # str.split() splits where \s matches: at any Unicode space


def matches(query: str, name: str, simplify: bool = False) -> bool:
    """The query equals the name or is part of it, once both are normalised: with bracketed
    parts removed (普及部 → 普及部（中心）) or with the brackets alone removed (各县(市、区)科协 →
    各县(市)区科协). A query that is only a bracketed part (（中心）) matches nothing."""
    wanted = normalize(query, simplify)
    if not wanted:
        return False
    return wanted in normalize(name, simplify) or bare(query, simplify) in bare(name, simplify)


def distinct(names: Iterable[str]) -> list[str]:
    """Each name once, in its first spelling: 普及部、普及部(中心)、普及部（中心） → 普及部."""
    seen: set[str] = set()
    kept = []
    for name in names:
        keys = {normalize(name), bare(name)}
        if not keys & seen:
            kept.append(name)
        seen |= keys
    return kept


def matching(query: str, names: Iterable[str]) -> set[str]:
    """The names the query matches; traditional characters are tried only if nothing matched."""
    known = set(names)
    found = {name for name in known if matches(query, name)}
    if not found:
        found = {name for name in known if matches(query, name, simplify=True)}
    return found


@cache
def _converter():  # opencc ships no type hints
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified (學會 → 学会): the one converter kexie builds."""
    return _converter().convert(text) if text else text


def same(a: str, b: str) -> bool:
    """Two spellings of one name (as `distinct` counts them), not a part of one another."""
    return bool({normalize(a), bare(a)} & {normalize(b), bare(b)})


def canonical(name: str, aliases: dict[str, str]) -> str:
    """The department an alias stands for (科普部 → 普及部（中心）), through a chain of
    aliases; any other name as it is. A cycle (refused by `kexie check`) stops where it
    would repeat."""
    seen = {name}
    while True:
        found = next((to for alias, to in aliases.items() if same(alias, name)), None)
        if found is None or found in seen:
            return name
        seen.add(found)
        name = found


def matching_with(query: str, names: Iterable[str], aliases: dict[str, str]) -> set[str]:
    """The names a query stands for, aliases included both ways: 科普部 finds 普及部（中心）,
    and 市科技馆 finds a task written 市馆."""
    known = list(names)
    wanted = {query, canonical(query, aliases)}
    found = {n for q in wanted for n in matching(q, known)}
    for name in known:
        meant = canonical(name, aliases)
        if meant != name and any(matches(q, meant) for q in wanted):
            found.add(name)
    return found


# What a cell writes for "the same as the row above": never a name.
AS_ABOVE = frozenset({"同上", "同前", "同左"})


# Titles a list prints beside a leader's name (党组书记 郑昌盛, 陈汉平副主席): not the name.
_TITLES = (
    "常务副主席",
    "党组副书记",
    "党组书记",
    "党组成员",
    "一级巡视员",
    "二级巡视员",
    "副秘书长",
    "秘书长",
    "副主席",
    "主席",
    "副书记",
    "书记",
    "副主任",
    "主任",
    "副部长",
    "部长",
    "副局长",
    "局长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副区长",
    "区长",
    "巡视员",
    "调研员",
    "同志",
    # as traditional lists print them
    "常務副主席",
    "黨組副書記",
    "黨組書記",
    "黨組成員",
    "副秘書長",
    "秘書長",
    "副書記",
    "書記",
    "副部長",
    "部長",
    "副局長",
    "局長",
    "副市長",
    "市長",
    "副縣長",
    "縣長",
    "副區長",
    "區長",
    "巡視員",
    "調研員",
)
_TITLED = re.compile(rf"^(?:{'|'.join(_TITLES)})*(?P<name>.{{2,}}?)(?:{'|'.join(_TITLES)})*$")
# 郑昌盛和陈汉平: 和/及/与 between two names of two characters or more (王和平 stays one).
_AND = re.compile(r"(?<=\S{2})[和及与與](?=\S{2})")


def split_leaders(text: str) -> list[str]:
    """Leader names as a cell writes them, split at spaces, 、，；/, line breaks and 和/及/与:
    郑昌盛 陈汉平 → two names; 曹  卫 → 曹卫 (a two-character name padded to the width of a
    three-character one); titles and bracketed words dropped (党组书记 郑昌盛, 陈汉平（副主席）
    → 郑昌盛, 陈汉平); 同上 is no name."""
    text = re.sub(r"[(（][^()（）]*[)）]", " ", text)
    names: list[str] = []
    for line in re.split(r"[\n、,，;；/／]+", text):
        parts = [part for part in line.split() if part not in _TITLES]
        if parts and all(len(part) == 1 for part in parts):
            names.append("".join(parts))  # a padded two-character name
            continue
        for part in parts:
            if names and len(part) == 1 and len(names[-1]) == 1:
                names[-1] += part
            else:
                names.extend(_untitled(name) for name in _AND.split(part))
    return [name for name in names if name not in AS_ABOVE]


def _untitled(name: str) -> str:
    match = _TITLED.match(name)
    return match["name"] if match else name
