"""One rule for the characters a text may not carry as they are (issue 30).

A plan's text comes from people (pasted from Word, typed in a returned form): it may hold
control characters, escape sequences, bidi overrides or zero-width marks. Shown on a terminal
they colour it, move its cursor, retitle it or reorder what it says; written into a workbook or
a document they are XML that no reader accepts. Each such character is written as the escape
one would type: `\\x1b` below U+0100, `U+202E` above.
"""

from __future__ import annotations

import re

# What a terminal acts on: C0 controls (a line break and a tab are text), DEL, C1 controls,
# the bidi embeddings, overrides, isolates and marks, and lone surrogates (undecodable bytes).
_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What XML 1.0 cannot hold (openpyxl and python-docx refuse the text): C0 controls but the tab
# and the line breaks, U+FFFE, U+FFFF and lone surrogates.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters that take no room: a text made only of them (and spaces) says nothing.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
# A control character in a field of a plan: every C0 but tab and line feed, DEL, C1 but NEL.
_FIELD_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def escaped(char: str) -> str:
    """`\\x1b` for a character below U+0100, `U+202E` for one above."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"U+{code:04X}"


def visible(text: str) -> str:
    """The text as it may reach a terminal: line breaks and tabs kept, every character a
    terminal acts on written as its escape."""
    if text.isprintable():  # most texts: nothing to look for
        return text
    return _TERMINAL.sub(_escape, text)


def one_line(text: str) -> str:
    """The text as one line may show it: `visible`, and its line breaks written `\\n`."""
    return visible(text).replace("\r", "\\r").replace("\n", "\\n")


def xml_safe(text: str) -> str:
    """The text as a workbook or a document may hold it: what XML cannot hold escaped."""
    return _XML_ILLEGAL.sub(_escape, text) if _XML_ILLEGAL.search(text) else text


def is_blank(text: str) -> bool:
    """Nothing but spaces, line breaks and characters that take no room (U+200B, U+FEFF…)."""
    return not text.strip(_INVISIBLE + " \t\n\r\f\v\u3000\x85\xa0").strip()


def control_in(text: str) -> str | None:
    """The first control character a field may not hold (line breaks and tabs it may), as its
    escape; None when there is none."""
    found = _FIELD_CONTROL.search(text)
    return escaped(found.group()) if found else None


def name_problem(text: str) -> str | None:
    """The first character a name (a department, a person) may not hold, as its escape: a
    control character (a line break or a tab too) or a bidi mark; None when there is none."""
    found = _NAME_BAD.search(text)
    return escaped(found.group()) if found else None


_NAME_BAD = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _escape(found: re.Match[str]) -> str:
    return escaped(found.group())
