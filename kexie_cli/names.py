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
from functools import cache

# After NFKC full-width （）［］ are half-width; 【】〔〕 have no half-width form.
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_SPACE = re.compile(r"\s+")


def normalize(name: str, simplify: bool = False) -> str:
    """The form names are compared in: NFKC, no bracketed parts, no spaces (and simplified)."""
    text = unicodedata.normalize("NFKC", name)
    text = _SPACE.sub("", _BRACKETED.sub("", text))
    return _to_simplified(text) if simplify else text


def matches(query: str, name: str, simplify: bool = False) -> bool:
    """The query equals the name or is part of it, once both are normalised."""
    wanted = normalize(query, simplify)
    return bool(wanted) and wanted in normalize(name, simplify)


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


def _to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text
