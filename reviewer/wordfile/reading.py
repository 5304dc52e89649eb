"""Reading a .docx: body paragraphs and tables in reading order, with where each sits in the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import InputError
from ..model import Block, Cell, Paragraph, Source, Table
from ..read.blocks import clean_cell_text, clean_paragraph


def open_document(path: Path) -> docx.document.Document:
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
    document = open_document(path)
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
