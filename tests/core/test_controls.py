"""One rule for the characters a text may not carry as they are (issue 30)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kexie_cli.core.controls import (
    control_in,
    escaped,
    is_blank,
    name_problem,
    visible,
    xml_safe,
)

TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def test_a_character_is_shown_as_the_escape_one_would_type() -> None:
    assert escaped("\x1b") == "\\x1b"
    assert escaped("\x85") == "\\x85"
    assert escaped("\u202e") == "U+202E"
    assert visible("a\x1b[31mb\u202ec\nd\te\r") == "a\\x1b[31mbU+202Ec\nd\te\\x0d"


@given(st.text())
def test_nothing_a_terminal_acts_on_is_left_and_printable_text_is_kept(text) -> None:
    shown = visible(text)
    assert not TERMINAL.search(shown)
    assert not re.search("[\ud800-\udfff]", shown)
    if text.isprintable():
        assert shown == text


@given(st.text())
def test_xml_safe_text_is_text_openpyxl_takes(text) -> None:
    safe = xml_safe(text)
    assert not ILLEGAL_CHARACTERS_RE.search(safe)
    assert "\ufffe" not in safe and "\uffff" not in safe
    assert "\n" not in text or "\n" in safe  # line breaks are text


def test_zero_width_characters_alone_are_blank() -> None:
    assert is_blank("\u200b\ufeff \u3000\n")
    assert not is_blank("\u200b进展")


def test_a_field_may_hold_line_breaks_and_tabs_but_no_other_control() -> None:
    assert control_in("一行\n二行\t") is None
    assert control_in("一行\x0b二行") == "\\x0b"
    assert control_in("\x9b") == "\\x9b"


def test_a_name_holds_no_control_and_no_bidi_mark() -> None:
    assert name_problem("组宣部") is None
    assert name_problem("组宣部\r") == "\\x0d"
    assert name_problem("\u202e部宣组") == "U+202E"
