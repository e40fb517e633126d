"""A notice numbered with Word's own lists: the numbers are not in the paragraphs' text, but
made from the list's definition; the import reads them as printed."""

from __future__ import annotations

import io

from kexie_cli.importers.points import parse_points
from kexie_cli.importers.text import notice_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def _numbered_document(items: list[tuple[int | None, str]]) -> bytes:
    """A .docx whose paragraphs are (list level or None, text), numbered by one Word list."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


ITEMS = [
    (None, "某市科协2026年工作要点"),
    (0, "强化政治引领"),
    (1, "加强政治建设"),
    (2, "组织专题学习。全年不少于12次。"),
    (2, "开展主题活动。"),
    (1, "服务科技工作者。走访学会20家。"),
    (0, "深化改革"),
    (1, "加强组织建设"),
    (2, "建立科协组织。"),
]


def test_word_list_numbers_are_read_as_printed() -> None:
    lines = notice_text(_numbered_document(ITEMS)).splitlines()
    assert lines == [
        "某市科协2026年工作要点",
        "一、强化政治引领",
        "（一）加强政治建设",
        "1.组织专题学习。全年不少于12次。",
        "2.开展主题活动。",
        "（二）服务科技工作者。走访学会20家。",
        "二、深化改革",
        "（一）加强组织建设",  # a new item restarts the numbers below it
        "1.建立科协组织。",
    ]


def test_a_notice_numbered_with_word_lists_keeps_its_three_levels() -> None:
    result = parse_points(notice_text(_numbered_document(ITEMS)))
    assert [s["title"] for s in result["sections"]] == ["强化政治引领", "深化改革"]
    assert [(p["section"], p.get("heading"), p["title"]) for p in result["points"]] == [
        ("强化政治引领", "加强政治建设", "组织专题学习"),
        ("强化政治引领", "加强政治建设", "开展主题活动"),
        ("强化政治引领", None, "服务科技工作者"),
        ("深化改革", "加强组织建设", "建立科协组织"),
    ]
