"""PDF reports with a text layer, through pdfplumber: ruled tables and the paragraphs around them.

A table is read from its ruling lines: each cell with the grid column it starts at and the columns it
spans, a cell merged down from the row above read as an empty cell (as a .docx gives it). The text
outside the tables is read line by line and lines are joined into paragraphs: a paragraph starts at an
indented line, after a line that stops short of the right margin, or after a wider vertical gap.
Page numbers in the margins are dropped. A PDF without a text layer (a scan) is refused: it needs OCR.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Block, Cell, Paragraph, Source, Table
from .blocks import clean_cell_text, clean_paragraph

MAX_PDF_PAGES = 500
_MIN_TEXT_CHARS = 20
_PAGE_NUMBER_RE = re.compile(r"^[-—－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—－\s]*$")
_MARGIN_SHARE = 0.08


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float


@dataclass
class _PlacedTable:
    page: int
    top: float
    table: Table


def read_pdf_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables in reading order. Raises InputError for encrypted, damaged or scanned PDFs."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = str(path)
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(name, "PDF 设置了打开密码（已加密）", "请提供未加密的 PDF 或 .docx 原稿") from exc
    except Exception as exc:  # pdfminer reports damaged files with many exception types
        raise InputError(name, "PDF 文件已损坏，无法解析", "请重新导出 PDF，或提供 .docx 原稿") from exc
    try:
        with pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise InputError(name, f"PDF 页数过多（{len(pdf.pages)} 页，上限 {MAX_PDF_PAGES} 页）")
            lines: list[_Line] = []
            tables: list[_PlacedTable] = []
            chars = 0
            for page_no, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                page_tables = page.find_tables()
                outside = page
                for found in page_tables:
                    tables.append(_PlacedTable(page_no, found.bbox[1], _table(found, page_no)))
                    outside = outside.outside_bbox(found.bbox)
                lines.extend(_lines(outside, page_no, page.height))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, "PDF 文件已损坏，无法解析", "请重新导出 PDF，或提供 .docx 原稿") from exc
    if chars < _MIN_TEXT_CHARS:
        raise InputError(
            name,
            "这是扫描版 PDF（页面是图片，没有文字层），需要先做文字识别（OCR）才能审阅",
            "请提供 .docx 原稿，或先用 OCR 软件把 PDF 转为可编辑文字后重试",
        )
    return _in_reading_order(_paragraphs(lines), tables)


def _table(found: Any, page_no: int) -> Table:
    texts: list[list[str | None]] = found.extract()
    grid_rows = [row.cells for row in found.rows]
    starts: dict[int, float] = {}
    for row in grid_rows:
        for col, bbox in enumerate(row):
            if bbox is not None:
                starts.setdefault(col, bbox[0])
    width = max((len(r) for r in grid_rows), default=0)
    placed: list[tuple[int, int, tuple[float, float, float, float]]] = []  # (row, col, bbox)
    rows: list[list[Cell]] = []
    for r, row in enumerate(grid_rows):
        cells: list[Cell] = []
        for c, bbox in enumerate(row):
            if bbox is not None:
                span = _span(bbox, c, starts, width)
                placed.append((r, c, bbox))
                text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
                cells.append(_cell(text or "", page_no, len(rows), len(cells), c, span))
                continue
            above = _owner_above(placed, r, c, starts, row)
            if above is not None:
                cells.append(_cell("", page_no, len(rows), len(cells), c, _span(above, c, starts, width)))
        if cells:
            rows.append(cells)
    return Table(rows=rows)


def _cell(text: str, page: int, row: int, col: int, grid: int, span: int) -> Cell:
    return Cell(text=clean_cell_text(text), source=Source(page=page, row=row, col=col), grid=grid, span=span)


def _span(bbox: tuple[float, float, float, float], col: int, starts: dict[int, float], width: int) -> int:
    return max(1, sum(1 for c in range(col, width) if c in starts and starts[c] < bbox[2] - 1))


def _owner_above(
    placed: list[tuple[int, int, tuple[float, float, float, float]]],
    r: int,
    c: int,
    starts: dict[int, float],
    row: list[Any],
) -> tuple[float, float, float, float] | None:
    """The cell merged down into (r, c) from above when it starts at column c, else None (the
    position is covered from the left, or by a cell starting in another column)."""
    x = starts.get(c)
    if x is None:
        return None
    for left in range(c - 1, -1, -1):
        if row[left] is not None:
            if row[left][2] > x + 1:
                return None
            break
    for pr, pc, bbox in reversed(placed):
        if pr < r and bbox[0] <= x + 1 and bbox[2] > x + 1:
            return bbox if pc == c else None
    return None


def _lines(page: Any, page_no: int, height: float) -> list[_Line]:
    out = []
    for line in page.extract_text_lines(strip=True):
        text = line["text"]
        if not text:
            continue
        in_margin = line["top"] < height * _MARGIN_SHARE or line["bottom"] > height * (1 - _MARGIN_SHARE)
        if in_margin and _PAGE_NUMBER_RE.match(text):
            continue
        sizes = [ch["size"] for ch in line["chars"]] or [10.0]
        out.append(_Line(page_no, line["top"], line["bottom"], line["x0"], line["x1"], text, statistics.median(sizes)))
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[int, float, str]]:
    """(page, top, text) of each paragraph the lines make."""
    if not lines:
        return []
    left = statistics.median_low(sorted(line.x0 for line in lines))
    right = max(line.x1 for line in lines)
    out: list[tuple[int, float, str]] = []
    previous: _Line | None = None
    for line in lines:
        size = line.size or 10.0
        starts_new = (
            previous is None
            or line.x0 > left + 0.8 * size
            or previous.x1 < right - 1.5 * size
            or (line.page == previous.page and line.top - previous.bottom > 0.9 * size)
        )
        if starts_new or not out:
            out.append((line.page, line.top, line.text))
        else:
            page, top, text = out[-1]
            out[-1] = (page, top, text + line.text)
        previous = line
    return out


def _in_reading_order(paragraphs: list[tuple[int, float, str]], tables: list[_PlacedTable]) -> list[Block]:
    items: list[tuple[int, float, int, Block]] = []
    for number, (page, top, text) in enumerate(paragraphs):
        items.append((page, top, 0, Paragraph(text=clean_paragraph(text), source=Source(page=page, paragraph=number))))
    for placed in tables:
        items.append((placed.page, placed.top, 1, placed.table))
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    blocks: list[Block] = []
    table_no = 0
    for _, _, _, block in items:
        if isinstance(block, Table):
            block = Table(
                rows=[
                    [
                        cell.model_copy(update={"source": cell.source.model_copy(update={"table": table_no})})
                        for cell in row
                    ]
                    for row in block.rows
                ]
            )
            table_no += 1
        blocks.append(block)
    return blocks
