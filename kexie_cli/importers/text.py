"""A notice's bytes as text: a Word document's paragraphs, or a text file in the encodings
Windows and the web save Chinese in (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030,
Big5 for traditional text).
"""

from __future__ import annotations

# Characters common in any Chinese prose, simplified and traditional: text decoded with the
# right codec is full of them, the same bytes decoded with the wrong one are not.
_COMMON = set(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會"
    "可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部"
    "度家电電力里裡如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应"
    "應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内內数數正"
    "心反明看原又利比或但质質第向道此变變条條只没沒结結解问問意建月公无無系很情者最立代已通并並提"
    "直题題党黨程展五果象员員位入常文总總次品式活设設及管特件长長求基资資流路级級统統接知组組见見"
    "计計别別期根论論运運农農指区區强強放决決被做必先回则則任取据據处處府研科协協技术術服务務"
)


def notice_text(data: bytes) -> str:
    """The notice as text; ValueError saying which encodings were tried and where it failed."""
    from kexie_cli.importers.rows import kind

    found = kind(data)
    if found == "docx":
        from kexie_cli.importers.docx import document_lines

        return document_lines(data)
    if found:
        raise ValueError(
            "不是通知的文本或 Word 文档（.txt/.docx）；清单表格请用 kexie import tasks"
        )
    return decoded(data)


def decoded(data: bytes) -> str:
    """Text bytes (a notice, a CSV) in whichever of the encodings above they are in; else
    ValueError naming the line and byte where the likeliest encoding fails."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"UTF-16 文本{_where(data, exc.start, 'utf-16')}无法解码") from None
    bom = len(b"\xef\xbb\xbf") if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = bom + exc.start  # utf-8-sig counts from after the BOM
    return _gbk_or_big5(data, utf8_error)


def _gbk_or_big5(data: bytes, utf8_error: int) -> str:
    """GB18030 (GBK's superset) unless the bytes read far better as Big5."""
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gbk_error = exc.start  # an offset into data itself: no BOM was stripped
        gbk = None
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        big5 = None
    if gbk is not None and (big5 is None or _score(gbk) >= _score(big5)):
        return gbk
    if big5 is not None:
        return big5
    # The encoding that reads furthest is the file's: a UTF-8 file with one bad byte deep
    # inside fails there as UTF-8, but much earlier as GBK.
    offset, codec = max((utf8_error, "UTF-8"), (gbk_error, "GBK/GB18030"))
    raise ValueError(
        f"既不是 UTF-8、UTF-16 也不是 GBK/GB18030 文本：按 {codec} 读"
        f"{_where(data, offset, 'ascii')}无法解码；"
        "若是繁体 Big5 文本，请另存为 UTF-8 后再导入"
    )


def _where(data: bytes, offset: int, codec: str) -> str:
    """在第 120 行（文件第 5676 字节处，从 0 数起）: where a bad byte is, as an editor shows it."""
    before = data[:offset]
    if codec == "utf-16":
        line = before.decode("utf-16", errors="replace").count("\n") + 1
    else:  # in UTF-8, GBK and Big5 a newline byte is never inside a character
        line = before.count(b"\n") + 1
    return f"在第 {line} 行（文件第 {offset} 字节处，从 0 数起，该字节为 0x{data[offset]:02X}）"


def _score(text: str) -> float:
    """The share of Chinese characters that are common ones."""
    chinese = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return sum(c in _COMMON for c in chinese) / len(chinese) if chinese else 0.0
