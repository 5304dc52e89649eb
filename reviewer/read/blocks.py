"""Normalisation shared by every reader, so that .docx and text give the same document."""

from __future__ import annotations

import re

from ..model import Block, Cell, Paragraph, Table
from ..numbers import clean

# A paragraph between two table fragments that is a title or a note, not cell content split off.
# A numbered heading (「八、下一步改进措施」「（二）存在问题」) between a 问题 table and a 措施 table of the same
# width is the next part's title, never the rest of a cell (「（30分）」 is).
_TITLE_RE = re.compile(
    r"(表|报告)$|^(附件|说明|备注|填表人|单位负责人)"
    r"|^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])[^。]{0,20}(?:措施|建议|问题|原因|打算|计划)[^。]{0,8}$"
)
# A fragment that opens like a table of its own is never glued onto the table before it: a form's name row, or a
# header row that numbers its rows (「序号｜改进措施｜完成时限」).
_TABLE_START_RE = re.compile(r"部门名称|项目支出名称|专项名称|财政供养人员|评分标准|^序号")
_MAX_GLUE_CHARS = 40
_MAX_GLUE_PARAGRAPHS = 3


def clean_cell_text(text: str) -> str:
    if "\n" not in text:
        return clean(text)  # most cells: one line
    lines = (clean(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_paragraph(text: str) -> str:
    return clean(text)


def stitch_split_tables(blocks: list[Block]) -> list[Block]:
    """Join one logical table that Word (or a page break) split into fragments.

    Real reports split the self-evaluation table in the middle of a row, leaving the rest of a cell
    (「（30分）」) as a paragraph between the fragments. Two tables of the same width separated only by
    a few short, non-title paragraphs are one table: the paragraphs go back into the last cell, and
    a row cut in two (its halves together no wider than the table) is joined again.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table) and out:
            glue = _glue_before(out)
            if glue is not None and not _starts_table(block, glue[0]):
                previous, paragraphs = glue
                if previous.width == block.width or _joinable(previous, block):
                    del out[len(out) - len(paragraphs) - 1 :]
                    out.append(_join(previous, paragraphs, block))
                    i += 1
                    continue
        out.append(block)
        i += 1
    return out


def _starts_table(table: Table, previous: Table | None = None) -> bool:
    if not table.rows:
        return False
    first = [c.flat for c in table.rows[0]]
    # A header row repeated on the next page (as text extraction gives it) continues the table.
    if previous is not None and previous.rows and [c.flat for c in previous.rows[0]] == first:
        return False
    return bool(_TABLE_START_RE.search("".join(first)))


def _glue_before(out: list[Block]) -> tuple[Table, list[Paragraph]] | None:
    paragraphs: list[Paragraph] = []
    for block in reversed(out):
        if isinstance(block, Table):
            texts = [p.text for p in paragraphs if p.text]
            if len(texts) > _MAX_GLUE_PARAGRAPHS:
                return None
            if any(len(t) > _MAX_GLUE_CHARS or _TITLE_RE.search(t) for t in texts):
                return None
            return block, list(reversed(paragraphs))
        paragraphs.append(block)
        if len(paragraphs) > 2 * _MAX_GLUE_PARAGRAPHS + 6:
            return None
    return None


def _joinable(first: Table, second: Table) -> bool:
    return bool(first.rows and second.rows) and len(first.rows[-1]) + len(second.rows[0]) <= max(
        first.width, second.width
    )


def _join(first: Table, paragraphs: list[Paragraph], second: Table) -> Table:
    rows = [list(r) for r in first.rows]
    glue = "\n".join(p.text for p in paragraphs if p.text)
    if glue and rows and rows[-1]:
        last = rows[-1][-1]
        rows[-1][-1] = last.model_copy(update={"text": (last.text + "\n" + glue).strip("\n")})
    rest = [list(r) for r in second.rows]
    if rows and rest and len(rows[-1]) + len(rest[0]) <= max(first.width, second.width):
        rows[-1].extend(rest.pop(0))
    return Table(rows=rows + rest)


def rejoin_split_rows(table: Table) -> Table:
    """Join a row that a blank line inside a cell cut in two.

    Text extraction only (.docx rows are exact), after split tables are stitched so that the
    width is the whole table's. A tall merged label (「绩\n效\n指\n标」 with trailing empty
    paragraphs) is extracted with a blank line after it, which reads as the end of the row.
    Two neighbouring rows that are each narrower than the table and together exactly as wide
    as it are one row.
    """
    width = table.width
    out: list[list[Cell]] = []
    for row in table.rows:
        if out and len(out[-1]) < width and len(row) < width and len(out[-1]) + len(row) == width:
            out[-1] = out[-1] + row
        else:
            out.append(row)
    return Table(rows=out)
