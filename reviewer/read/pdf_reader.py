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
_LEAD_RE = re.compile(r"[0-9A-Za-z.,%％()（）:：+\-]+[、，。；,;]?|[《「『“‘（(]?.[、，。；：”’）)》」』]*")
# Word's own numbering drawn before a heading (「1. 」): not in the .docx text, so not in ours.
_AUTO_NUMBER_RE = re.compile(r"^\d{1,2}\.\s+(?=\S)")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    lead: float  # width of the first word (a figure or a Latin word wraps whole, a CJK character alone)


@dataclass
class _PlacedTable:
    page: int
    top: float
    table: Table
    columns: list[float]  # x of each grid column's left edge
    boxes: list[list[tuple[float, float]]]  # (left, right) of each cell, row by row


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
                    table, boxes = _table(found, page_no)
                    columns = sorted({c[0] for c in found.cells})
                    tables.append(_PlacedTable(page_no, found.bbox[1], table, columns, boxes))
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


def _table(found: Any, page_no: int) -> tuple[Table, list[list[tuple[float, float]]]]:
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
    boxes: list[list[tuple[float, float]]] = []
    for r, row in enumerate(grid_rows):
        cells: list[Cell] = []
        spans: list[tuple[float, float]] = []
        for c, bbox in enumerate(row):
            if bbox is not None:
                span = _span(bbox, c, starts, width)
                placed.append((r, c, bbox))
                text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
                cells.append(_cell(text or "", page_no, len(rows), len(cells), c, span))
                spans.append((bbox[0], bbox[2]))
                continue
            above = _owner_above(placed, r, c, starts, row)
            if above is not None:
                cells.append(_cell("", page_no, len(rows), len(cells), c, _span(above, c, starts, width)))
                spans.append((above[0], above[2]))
        if cells:
            rows.append(cells)
            boxes.append(spans)
    return Table(rows=rows), boxes


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
        chars = line["chars"]
        sizes = [ch["size"] for ch in chars] or [10.0]
        word = _LEAD_RE.match(text)
        count = len(word.group(0)) if word else 1
        lead = chars[min(count, len(chars)) - 1]["x1"] - line["x0"] if chars else 0.0
        size = statistics.median(sizes)
        out.append(_Line(page_no, line["top"], line["bottom"], line["x0"], line["x1"], text, size, lead))
    return out


def _paragraphs(lines: list[_Line]) -> list[tuple[int, float, str]]:
    """(page, top, text) of each paragraph the lines make."""
    if not lines:
        return []
    left = statistics.median_low(sorted(line.x0 for line in lines))
    ends = sorted(line.x1 for line in lines)
    right = ends[int(len(ends) * 0.9)]
    out: list[tuple[int, float, str]] = []
    previous: _Line | None = None
    for line in lines:
        size = line.size or 10.0
        hanging = (  # the second line of a numbered heading is indented under its text
            previous is not None
            and _AUTO_NUMBER_RE.match(previous.text)
            and previous.x1 + line.lead + 0.5 * size >= right
        )
        starts_new = (
            previous is None
            or (line.x0 > left + 0.8 * size and not hanging)
            or previous.x1 + line.lead + 0.5 * size < right
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
    items: list[tuple[int, float, int, Paragraph | _PlacedTable]] = []
    for number, (page, top, text) in enumerate(paragraphs):
        auto = _AUTO_NUMBER_RE.match(text)
        paragraph = Paragraph(
            text=clean_paragraph(text[auto.end() :] if auto else text),
            numbered=bool(auto),
            source=Source(page=page, paragraph=number),
        )
        items.append((page, top, 0, paragraph))
    for placed in tables:
        items.append((placed.page, placed.top, 1, placed))
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    ordered: list[Paragraph | _PlacedTable] = []
    for _, _, _, item in items:
        last = ordered[-1] if ordered else None
        if isinstance(item, _PlacedTable) and isinstance(last, _PlacedTable) and _continues(last, item):
            ordered[-1] = _join_pages(last, item)
        else:
            ordered.append(item)
    blocks: list[Block] = []
    table_no = 0
    for item in ordered:
        if isinstance(item, _PlacedTable):
            blocks.append(_numbered(item.table, table_no))
            table_no += 1
        else:
            blocks.append(item)
    return blocks


def _continues(first: _PlacedTable, second: _PlacedTable) -> bool:
    """A table that a page break cut: the next page opens with a table whose columns are the first
    one's, or the first one's with more (rows further down divide the grid more finely), or fewer."""

    def within(a: list[float], b: list[float]) -> bool:
        return all(any(abs(x - y) < 2 for y in b) for x in a)

    return second.page == first.page + 1 and (
        within(first.columns, second.columns) or within(second.columns, first.columns)
    )


def _join_pages(first: _PlacedTable, second: _PlacedTable) -> _PlacedTable:
    """One table from its two pages on one grid; a row the page break cut in two (its lower half leaves
    empty a cell its upper half fills) is one row again."""
    columns: list[float] = []
    for x in sorted(first.columns + second.columns):
        if not columns or x - columns[-1] >= 2:
            columns.append(x)
    rows = _regrid(first, columns) + _regrid(second, columns)
    boxes = [list(b) for b in first.boxes + second.boxes]
    cut = len(first.table.rows)
    if 0 < cut < len(rows):
        upper = {c.grid: c for c in rows[cut - 1]}
        lower = rows[cut]
        if all(c.grid in upper for c in lower) and any(not c.text and upper[c.grid].text for c in lower):
            joined = {c.grid: c for c in lower}
            rows[cut - 1] = [
                cell.model_copy(update={"text": "\n".join(t for t in (cell.text, joined[cell.grid].text) if t)})
                if cell.grid in joined
                else cell
                for cell in rows[cut - 1]
            ]
            del rows[cut]
            del boxes[cut]
    return _PlacedTable(first.page, first.top, Table(rows=rows), columns, boxes)


def _regrid(placed: _PlacedTable, columns: list[float]) -> list[list[Cell]]:
    out = []
    for row, boxes in zip(placed.table.rows, placed.boxes, strict=True):
        cells = []
        for cell, (left, right) in zip(row, boxes, strict=True):
            grid = min(range(len(columns)), key=lambda i: abs(columns[i] - left))
            span = max(1, sum(1 for x in columns if left - 2 < x < right - 2))
            cells.append(cell.model_copy(update={"grid": grid, "span": span}))
        out.append(cells)
    return out


def _numbered(table: Table, table_no: int) -> Table:
    return Table(
        rows=[
            [cell.model_copy(update={"source": cell.source.model_copy(update={"table": table_no})}) for cell in row]
            for row in table.rows
        ]
    )
