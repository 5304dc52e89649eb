"""Text reports: encoding detection and three table layouts.

Word extraction: a line starting with a tab opens a table cell; an untabbed line right after a cell
line continues that cell; a blank line ends a row; an untabbed line after a blank line is a paragraph
(and ends the table). Word bookmarks survive extraction as 「[bookmark: _GoBack]」 and are dropped.

Markdown/pipe tables: consecutive lines that start and end with 「|」, one row each; the 「|---|」
separator line is dropped. Tab-separated rows (pasted from Excel or WPS): consecutive lines that do
not start with a tab and hold at least two tab-separated fields, one row each.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Block, Cell, Paragraph, Source, Table
from .blocks import clean_cell_text, clean_paragraph

_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
_NUMBER_ONLY_RE = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[、.．]\s*$")
# The extractor types Word auto-numbering out as 「1、 」 or 「（1） 」 followed by a space; an author's
# own typed numbering (「七、存在的问题」) has no space. Only the former is dropped, as .docx lacks it.
_AUTO_NUMBER_RE = re.compile(r"^(?:\d+、|（\d+）) (?=\S)")
# A Markdown heading's marker (「## 四、存在的问题」) is layout, as the pipe tables' bars are: the heading is
# the text after it.
_MARKDOWN_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with or without BOM) or GB18030/GBK."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, encoding, name)
    try:
        return _check_textual(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and _plausible_utf16(data, encoding):
            return _decode(data, encoding, name)
    try:
        return _check_textual(data.decode("gb18030"), name)
    except UnicodeDecodeError:
        pass
    raise InputError(
        name, "无法识别文件编码（不是 UTF-8、GBK/GB18030 或 UTF-16）", "请另存为 UTF-8 文本或 .docx 后重试"
    )


def _plausible_utf16(data: bytes, encoding: str) -> bool:
    """UTF-16 without a BOM: any even-length bytes decode, so ask whether the result reads as text.

    Real text has line breaks and stays within CJK, CJK punctuation and ASCII; GBK bytes read as
    UTF-16 have no line break at all (GBK has no NUL byte to make one).
    """
    try:
        text = data[:8192].decode(encoding)
    except UnicodeDecodeError:
        return False
    if "\n" not in text:
        return False
    usual = sum(
        1
        for ch in text
        if ch in "\t\r\n"
        or " " <= ch <= "~"
        or "\u3000" <= ch <= "\u303f"
        or "\u4e00" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return usual >= 0.95 * len(text)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return _check_textual(data.decode(encoding), name)
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"文件声明为 {encoding} 编码但内容无法解码", "请另存为 UTF-8 文本或 .docx 后重试"
        ) from exc


def _check_textual(text: str, name: str) -> str:
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > max(10, len(text[:20000]) // 100):
        raise InputError(name, "文件内容不是文字（可能是二进制文件或格式无法识别）", "请另存为 .docx 后重试")
    return text


_PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _row_layout(line: str, in_tabbed: bool) -> list[str] | None:
    """The cells of a pipe-table or tab-separated row, or None when the line is not one. Inside a
    tab-separated table any line with a tab is a row (its first cells may be empty)."""
    if _PIPE_ROW_RE.match(line):
        if _PIPE_SEPARATOR_RE.match(line):
            return []
        inner = line.strip()[1:-1]
        return [cell.strip().replace("<br>", "\n") for cell in re.split(r"(?<!\\)\|", inner)]
    if "\t" in line and (in_tabbed or not line.startswith("\t")):
        fields = line.split("\t")
        if in_tabbed or sum(1 for f in fields if f.strip()) >= 2:
            return [f.strip() for f in fields]
    return None


def read_text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    rows_by_line: list[list[Cell]] | None = None  # a pipe or tab-separated table being read
    tabbed = False
    rows: list[list[Cell]] | None = None
    row_open = False
    pending_number = ""
    for line_no, raw_line in enumerate(text.splitlines(), start=1):
        line = _BOOKMARK_RE.sub("", raw_line.replace("\r", ""))
        cells = _row_layout(line, tabbed) if rows is None else None
        if cells is not None:
            if rows_by_line is None:
                rows_by_line = []
                tabbed = not _PIPE_ROW_RE.match(line)
            if cells:
                rows_by_line.append([Cell(text=c, source=Source(line=line_no)) for c in cells])
            continue
        if rows_by_line is not None:
            blocks.append(_finish_table(rows_by_line))
            rows_by_line = None
            tabbed = False
        if line.startswith("\t"):
            if rows is None:
                rows = []
                row_open = False
            if not row_open:
                rows.append([])
                row_open = True
            rows[-1].append(Cell(text=line[1:], source=Source(line=line_no)))
            continue
        if not line.strip():
            row_open = False
            continue
        if rows is not None and row_open and rows[-1]:
            last = rows[-1][-1]
            rows[-1][-1] = Cell(text=last.text + "\n" + line, source=last.source)
            continue
        if rows is not None:
            blocks.append(_finish_table(rows))
            rows = None
        # Word auto-numbering extracted as text stands alone on a line (「1、 」): it belongs to the heading.
        if _NUMBER_ONLY_RE.match(line):
            pending_number = line.strip()
            continue
        line = _MARKDOWN_HEADING_RE.sub("", line)
        auto = _AUTO_NUMBER_RE.match(line)
        if auto:
            line = line[auto.end() :]
        blocks.append(
            Paragraph(text=clean_paragraph(line), numbered=bool(pending_number or auto), source=Source(line=line_no))
        )
        pending_number = ""
    if rows is not None:
        blocks.append(_finish_table(rows))
    if rows_by_line is not None:
        blocks.append(_finish_table(rows_by_line))
    return blocks


def _finish_table(rows: list[list[Cell]]) -> Table:
    cleaned = [[Cell(text=clean_cell_text(c.text), source=c.source) for c in row] for row in rows if row]
    return Table(rows=cleaned)
