"""Word files: the one module that imports python-docx, for reading reports and writing annotated copies."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .errors import InputError
from .model import Block, Cell, Paragraph, Source, Table
from .read.blocks import clean_cell_text, clean_paragraph


def _open(path: Path) -> docx.document.Document:
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            str(path), "文件已损坏或不是有效的 Word 文档", "请用 Word 或 WPS 打开后另存为 .docx 重试"
        ) from exc
    except Exception as exc:  # lxml and zip errors of damaged files take many forms
        raise InputError(
            str(path), f"文档结构无法解析（{type(exc).__name__}）", "请用 Word 或 WPS 打开后另存为 .docx 重试"
        ) from exc


def read_docx_blocks(path: Path) -> list[Block]:
    """Body paragraphs and tables in reading order.

    Merged cells: python-docx's row.cells repeats a merged cell once per grid column and row it
    spans; reading the <w:tc> elements instead gives each cell once, and a vertically merged
    continuation reads as the empty cell it is in the file.
    """
    document = _open(path)
    blocks: list[Block] = []
    paragraph_no = 0
    table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            blocks.append(
                Paragraph(
                    text=clean_paragraph(item.text), numbered=_is_numbered(item), source=Source(paragraph=paragraph_no)
                )
            )
            paragraph_no += 1
        elif isinstance(item, DocxTable):
            rows = []
            for row_no, tr in enumerate(item._tbl.tr_lst):
                rows.append(
                    [
                        Cell(
                            text=clean_cell_text(_Cell(tc, item).text),
                            source=Source(table=table_no, row=row_no, col=col_no),
                        )
                        for col_no, tc in enumerate(tr.tc_lst)
                    ]
                )
            blocks.append(Table(rows=[r for r in rows if r]))
            table_no += 1
    return blocks


def _is_numbered(paragraph: DocxParagraph) -> bool:
    """Word auto-numbering: the number is drawn by Word and is not in the paragraph's text."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            return True
        style = style.base_style
    return False


# ---------------------------------------------------------------------------------------- annotated copy

COMMENT_AUTHOR = "绩效自评审阅工具"


def write_annotated_copy(source: Path, target: Path, notes: list[tuple[Source | None, str]]) -> int:
    """A copy of `source` with a Word comment per note, anchored at the paragraph or table cell it
    concerns (notes without an anchor go on the first paragraph). The source file is only read."""
    document = _open(source)
    paragraphs: list[DocxParagraph] = []
    tables: list[DocxTable] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            paragraphs.append(item)
        elif isinstance(item, DocxTable):
            tables.append(item)
    fallback = next((p for p in paragraphs if p.text.strip()), paragraphs[0] if paragraphs else None)
    added = 0
    for anchor, text in notes:
        paragraph = _resolve(anchor, paragraphs, tables) or fallback
        if paragraph is None:
            continue
        runs = [r for r in paragraph.runs if r.text] or paragraph.runs or [paragraph.add_run("")]
        lines = [line for line in text.splitlines() if line.strip()] or [text]
        comment = document.add_comment(runs, text=lines[0], author=COMMENT_AUTHOR, initials="审")
        for line in lines[1:]:
            comment.add_paragraph(line)
        added += 1
    import io

    from .files import write_atomically

    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(target, buffer.getvalue())
    return added


def _resolve(anchor: Source | None, paragraphs: list[DocxParagraph], tables: list[DocxTable]) -> DocxParagraph | None:
    if anchor is None:
        return None
    if anchor.paragraph is not None and anchor.paragraph < len(paragraphs):
        return paragraphs[anchor.paragraph]
    if anchor.table is not None and anchor.row is not None and anchor.col is not None and anchor.table < len(tables):
        table = tables[anchor.table]
        rows = table._tbl.tr_lst
        if anchor.row < len(rows) and anchor.col < len(rows[anchor.row].tc_lst):
            cell = _Cell(rows[anchor.row].tc_lst[anchor.col], table)
            return next((p for p in cell.paragraphs if p.text.strip()), cell.paragraphs[0])
    return None


def read_comments(path: Path) -> list[tuple[str, str]]:
    """(anchored text, comment text) for every comment in a .docx, in document order."""
    document = _open(path)
    by_id = {comment.comment_id: comment.text for comment in document.comments}
    out = []
    body = document.element.body
    for start in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart"):
        comment_id = int(start.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id"))
        paragraph = start.getparent()
        anchored = "".join(
            t.text or "" for t in paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        )
        out.append((anchored, by_id.get(comment_id, "")))
    return out
