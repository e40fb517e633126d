"""A workbook or a document that came back from someone, opened as untrusted (issue 30).

An .xlsx or .docx is a zip of XML. Before any XML is parsed: the sizes its members unpack
to, summed, within a limit (a 4 MB file can unpack to 4 GB), no member packed suspiciously
tight, and no member declaring a DTD (entities: "billion laughs", external files) — none of
which Excel, WPS, LibreOffice or Word write. Then the XML is parsed; any failure is one line
saying the file is unreadable and why, and no sheet may span more cells than a person fills.
Each refusal is a ValueError whose message the caller puts after the file's name.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

MAX_UNPACKED = 50 * 2**20  # bytes a file's members may unpack to, all together
MAX_RATIO = 100  # unpacked / packed, for a member of more than RATIO_FROM bytes
RATIO_FROM = 2**20
MAX_MEMBERS = 10_000
MAX_CELLS = 2_000_000  # rows × columns of a sheet as it is read (a form has a few thousand)
# Cells written in the file, counted before it is parsed: openpyxl takes some 500 bytes and
# 10 µs a cell (500,000: ~250 MB, 6 s); a 10,000-task list exported is about 140,000.
MAX_CELLS_WRITTEN = 500_000
_CELL = re.compile(rb"<(?:\w+:)?c[ >/]")
_DTD = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK = 2**20


class Unreadable(ValueError):
    """The file cannot be read safely; the message says why, without the file's name."""


def checked_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """The file as a zip whose members are safe to parse, else Unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise Unreadable(f"不是可读的 {what}（文件损坏或不是 zip 格式）") from None
    if len(members) > MAX_MEMBERS:
        raise Unreadable(f"文件过大（含 {len(members):,} 个部件，上限 {MAX_MEMBERS:,} 个）")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise Unreadable(
            f"文件过大（解压后 {unpacked / 2**20:,.0f} MB，上限 {MAX_UNPACKED // 2**20} MB）"
        )
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * member.compress_size:
            raise Unreadable(
                f"文件过大（部件 {member.filename} 压缩比异常：{member.compress_size:,} 字节"
                f"解压后为 {member.file_size:,} 字节）"
            )
    cells = 0
    for member in members:  # every part: a sheet may be named sheet1.dat and still be parsed
        dtd, found = _scan(archive, member, what)
        if dtd:
            raise Unreadable(f"不是可读的 {what}（{member.filename} 含 DTD 或实体声明）")
        cells += found
    if cells > MAX_CELLS_WRITTEN:
        raise Unreadable(f"文件过大（{cells:,} 个单元格，上限 {MAX_CELLS_WRITTEN:,} 个）")
    return archive


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, what: str) -> tuple[bool, int]:
    """Whether the member holds `<!DOCTYPE`, and how many sheet cells (`<c …>`) it writes:
    read in chunks, at most its declared size, never parsed."""
    tail, cells = b"", 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if any(mark in window for mark in _DTD):
                    return True, cells
                cells += len(_CELL.findall(chunk))  # one cut by a chunk's end may be missed
                tail = window[-32:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise Unreadable(f"不是可读的 {what}（部件 {member.filename} 已损坏）") from None
    return False, cells


def open_workbook(data: bytes, *, data_only: bool = False) -> Any:
    """The workbook, opened with every check above, else Unreadable."""
    from openpyxl import load_workbook

    what = "Excel 工作簿"
    checked_zip(data, what)
    try:
        book = load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # openpyxl and its XML parser raise many kinds for a bad file
        raise Unreadable(
            f"不是可读的 {what}（{_reason(exc)}），请用 Excel 打开后另存为 .xlsx"
        ) from None
    for sheet in book.worksheets:
        cells = sheet.max_row * sheet.max_column
        if cells > MAX_CELLS:
            raise Unreadable(
                f"文件过大（工作表 {sheet.title} 有 {sheet.max_row:,} 行 × {sheet.max_column:,} 列，"
                f"上限 {MAX_CELLS:,} 格）"
            )
    return book


def open_document(data: bytes) -> Any:
    """The Word document, opened with every check above, else Unreadable."""
    import docx

    what = "Word 文档"
    checked_zip(data, what)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged file
        raise Unreadable(
            f"不是可读的 {what}（{_reason(exc)}），请用 Word 打开后另存为 .docx"
        ) from None


def _reason(exc: Exception) -> str:
    """What was wrong, in a few words: the XML parser's complaint names a line in a part."""
    name = type(exc).__name__
    if name in ("XMLSyntaxError", "ParseError"):
        return "XML 格式错误"
    if isinstance(exc, KeyError):
        return "缺少必需的部件"
    if isinstance(exc, zipfile.BadZipFile):
        return "文件损坏"
    return "格式无法识别"


MAX_RECEIVED = 50 * 2**20  # bytes of a returned file (a form is some tens of KB)


def read_received(path: Any) -> bytes:
    """A returned file's bytes, at most MAX_RECEIVED of them (a device such as /dev/zero is
    never read whole); OSError as reading raises it, Unreadable past the limit."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_RECEIVED + 1)
    if len(data) > MAX_RECEIVED:
        raise Unreadable(f"文件过大（超过 {MAX_RECEIVED // 2**20} MB），不是填报表")
    return data
