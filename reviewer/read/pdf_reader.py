"""PDF reports with a text layer, through pdfplumber: ruled tables and the paragraphs around them.

A table is read from its ruling lines: each cell with the grid column it starts at and the columns it
spans, a cell merged down from the row above read as an empty cell (as a .docx gives it). A cell's
text is rebuilt from its characters line by line: a line the cell's width wrapped runs on into the
next (no space inside CJK text or a figure), a line that stops short ends a paragraph of the cell. A
table that continues at the top of the next page on the same columns is the same table: a header row
repeated there is dropped, and a row the page break cut in two is one row again. The text outside
the tables is read line by line and lines are joined into paragraphs: a paragraph starts at an
indented line, after a line that stops short of the right margin, or after a wider vertical gap.
Page numbers and running headers and footers in the margins are dropped. A PDF without a text layer
(a scan) is refused: it needs OCR.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Block, Cell, Paragraph, Source, Table
from ..numbers import parse_number
from .blocks import clean_cell_text, clean_paragraph

MAX_PDF_PAGES = 500
_MIN_TEXT_CHARS = 20
_PAGE_NUMBER_RE = re.compile(r"^[-—－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—－\s]*$")
_MARGIN_SHARE = 0.08
# Line breaking (as LibreOffice and Word do it): no break after an opening bracket, before a closing
# one or on either side of a quotation mark; a run of Latin letters and figures breaks as one word.
_OPENING = "《「『（(〔【［[<"
_CLOSING = "、，。；：！？）)》」』〕】］],.;:!?%％"
_QUOTES = "“”‘’\"'"
# Word's own numbering drawn before a heading (「1. 」): not in the .docx text, so not in ours.
_AUTO_NUMBER_RE = re.compile(r"^\d{1,2}\.\s+(?=\S)")
_LINE_TOLERANCE = 3.0  # characters of one line may sit this far apart vertically (mixed fonts)
_SPACE_SHARE = 0.25  # a gap wider than this share of the font size is a space
_FIT_TOLERANCE = 0.5  # points of rounding when asking whether a word would have fitted
_SENTENCE_END = "。！？；!?;"
_AUTOSPACE_SHARE = 0.2  # the space between an ideograph and a Latin letter or digit, in ems


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
    margin: bool = False  # in the top or bottom margin, where running headers and footers are


@dataclass(frozen=True)
class _Box:
    """Where a cell sits and where its text starts and stops, to tell a wrapped line from a line break."""

    left: float
    right: float
    bottom: float
    inner_right: float  # right edge of the text area: the cell less its padding
    lead: float = 0.0  # width of the text's first unbreakable run (a figure or a Latin word wraps whole)
    first: str = ""  # the text's first character
    first_width: float = 0.0  # and its width
    end: float | None = None  # right end of the text's last line; None for an empty cell
    last: str = ""  # the text's last character
    size: float = 10.0  # font size of the text's last line


@dataclass
class _PlacedTable:
    page: int
    last_page: int  # the page its last row is on (a table a page break cut is joined from several)
    top: float
    table: Table
    columns: list[float]  # x of each grid column's left edge
    boxes: list[list[_Box]]  # each cell's box, row by row


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
            pages = len(pdf.pages)
            lines: list[_Line] = []
            tables: list[_PlacedTable] = []
            chars = 0
            for page_no, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                page_tables = page.find_tables()
                page_chars = page.chars
                for found in page_tables:
                    table, boxes = _table(found, page_no, [c for c in page_chars if _inside(c, found.bbox)])
                    columns = sorted({c[0] for c in found.cells})
                    tables.append(_PlacedTable(page_no, page_no, found.bbox[1], table, columns, boxes))
                outside = page.filter(_outside([found.bbox for found in page_tables]))
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
    return _in_reading_order(_paragraphs(_without_running_lines(lines, pages)), tables)


def _table(found: Any, page_no: int, chars: list[dict[str, Any]]) -> tuple[Table, list[list[_Box]]]:
    grid_rows = [row.cells for row in found.rows]
    starts: dict[int, float] = {}
    for row in grid_rows:
        for col, bbox in enumerate(row):
            if bbox is not None:
                starts.setdefault(col, bbox[0])
    width = max((len(r) for r in grid_rows), default=0)
    held = _chars_by_cell(found.cells, chars)
    pad = _padding(held)
    placed: list[tuple[int, int, tuple[float, float, float, float]]] = []  # (row, col, bbox)
    rows: list[list[Cell]] = []
    boxes: list[list[_Box]] = []
    for r, row in enumerate(grid_rows):
        cells: list[Cell] = []
        row_boxes: list[_Box] = []
        for c, bbox in enumerate(row):
            if bbox is not None:
                span = _span(bbox, c, starts, width)
                placed.append((r, c, bbox))
                text, box = _cell_text(held.get(tuple(bbox), []), bbox, pad)
                cells.append(_cell(text, page_no, len(rows), len(cells), c, span))
                row_boxes.append(box)
                continue
            above = _owner_above(placed, r, c, starts, row)
            if above is not None:
                cells.append(_cell("", page_no, len(rows), len(cells), c, _span(above, c, starts, width)))
                row_boxes.append(_Box(above[0], above[2], above[3], above[2] - pad))
        if cells:
            rows.append(cells)
            boxes.append(row_boxes)
    return Table(rows=rows), boxes


def _outside(bboxes: list[tuple[float, float, float, float]]) -> Any:
    """A filter keeping what is not a character in one of the boxes (the page's text outside tables)."""
    return lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, b) for b in bboxes)


def _inside(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    """Whether an object's centre lies in a box (a character on a ruling line belongs to one side)."""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _chars_by_cell(
    bboxes: list[tuple[float, float, float, float]], chars: list[dict[str, Any]]
) -> dict[tuple[float, ...], list[dict[str, Any]]]:
    """Each cell's characters (by their centres; a character on a shared border goes to the first cell)."""
    placed = sorted(((ch["top"] + ch["bottom"]) / 2, (ch["x0"] + ch["x1"]) / 2, n) for n, ch in enumerate(chars))
    heights = [y for y, _, _ in placed]
    taken: set[int] = set()
    held: dict[tuple[float, ...], list[dict[str, Any]]] = {}
    for bbox in bboxes:
        start, stop = bisect_left(heights, bbox[1]), bisect_right(heights, bbox[3])
        inside = [n for _, x, n in placed[start:stop] if bbox[0] <= x <= bbox[2] and n not in taken]
        if inside:
            taken.update(inside)
            held[tuple(bbox)] = [chars[n] for n in sorted(inside)]
    return held


def _padding(held: dict[tuple[float, ...], list[dict[str, Any]]]) -> float:
    """The cells' inner padding: the smallest gap between a cell's left edge and its text."""
    gaps = [min(ch["x0"] for ch in chars) - bbox[0] for bbox, chars in held.items() if chars]
    return max(0.0, min(gaps)) if gaps else 0.0


def _cell_text(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float], pad: float) -> tuple[str, _Box]:
    """A cell's text with its line breaks where the author put them: a line that the cell's width
    wrapped continues on the next one (CJK and figures without a space, Latin words with one), a line
    that stops short ends a paragraph."""
    inner_right = bbox[2] - pad
    lines = _char_lines(chars)
    if not lines:
        return "", _Box(bbox[0], bbox[2], bbox[3], inner_right)
    out = _line_text(lines[0])
    for previous, line in pairwise(lines):
        text = _line_text(line)
        if _wrapped(_box(previous, previous, bbox, inner_right), _box(line, line, bbox, inner_right)):
            out += _wrap_joint(out, text)
        else:
            out += "\n"
        out += text
    return out, _box(lines[0], lines[-1], bbox, inner_right)


def _box(
    first: list[dict[str, Any]], last: list[dict[str, Any]], bbox: tuple[float, float, float, float], inner_right: float
) -> _Box:
    """The box of a text from its first line to its last."""
    end = last[-1]
    return _Box(
        bbox[0],
        bbox[2],
        bbox[3],
        inner_right,
        _lead(first),
        first[0]["text"][:1],
        float(first[0]["x1"] - first[0]["x0"]),
        end["x1"],
        end["text"][-1:],
        _size(end),
    )


def _size(char: dict[str, Any]) -> float:
    return float(char.get("size") or 10.0)


def _char_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines, top to bottom, each line left to right (blank lines dropped)."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda ch: (ch["top"], ch["x0"])):
        if lines and char["top"] - lines[-1][0]["top"] <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    ordered = [sorted(line, key=lambda ch: ch["x0"]) for line in lines]
    return [line for line in ordered if "".join(ch["text"] for ch in line).strip()]


def _line_text(line: list[dict[str, Any]]) -> str:
    out = line[0]["text"]
    for previous, char in pairwise(line):
        if char["x0"] - previous["x1"] > _SPACE_SHARE * (char.get("size") or 10.0):
            out += " "
        out += char["text"]
    return out


def _lead(line: list[dict[str, Any]]) -> float:
    """Width of the line's first unbreakable run: what had to fit at the end of the line before it."""
    texts = [ch["text"][:1] for ch in line]
    i = 0
    while i < len(texts) - 1 and texts[i] in _OPENING:
        i += 1
    if _latin(texts[i]):
        while i < len(texts) and _latin(texts[i]):
            i += 1
    else:
        i += 1
    while i < len(texts):
        if texts[i] in _CLOSING:
            i += 1
        elif texts[i] in _QUOTES:
            i += 2
        else:
            break
    return float(line[min(i, len(line)) - 1]["x1"] - line[0]["x0"])


def _latin(char: str) -> bool:
    """Letters, figures and signs that break as words do (「>90%」「≥99%」), not CJK text or brackets."""
    return char < "\u3000" and not char.isspace() and char not in _OPENING and char not in _QUOTES


def _ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _wrapped(line: _Box, following: _Box) -> bool:
    """Whether `line` was wrapped: the first run of the line after it would not have fitted at its end
    (with the extra space LibreOffice and Word put between an ideograph and a Latin letter or digit)."""
    if line.end is None:
        return False
    autospace = (_ideograph(line.last) and following.first.isascii() and following.first.isalnum()) or (
        _ideograph(following.first) and line.last.isascii() and line.last.isalnum()
    )
    gap = _AUTOSPACE_SHARE * line.size if autospace else 0.0
    return line.end + gap + following.lead > line.inner_right - _FIT_TOLERANCE


def _wrap_joint(before: str, after: str) -> str:
    """What a wrap stood for: nothing inside CJK text or a figure, a space between two Latin words."""
    return (
        " " if before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha() else ""
    )


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
        lead = _lead(chars) if chars else 0.0
        size = statistics.median(sizes)
        out.append(_Line(page_no, line["top"], line["bottom"], line["x0"], line["x1"], text, size, lead, in_margin))
    return out


def _without_running_lines(lines: list[_Line], pages: int) -> list[_Line]:
    """The lines less the running headers and footers: a margin line that comes back on other pages
    (the same text, whatever its figures: 「第 3 页」, 「- 3 -」, 「2023年度…报告  3」)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    seen: dict[str, set[int]] = {}
    for line in lines:
        if line.margin:
            seen.setdefault(key(line), set()).add(line.page)
    running = {text for text, on in seen.items() if len(on) >= max(2, pages // 3)}
    return [line for line in lines if not (line.margin and key(line) in running)]


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

    return second.page == first.last_page + 1 and (
        within(first.columns, second.columns) or within(second.columns, first.columns)
    )


def _join_pages(first: _PlacedTable, second: _PlacedTable) -> _PlacedTable:
    """One table from its two pages on one grid: a header row repeated at the top of the second page
    is dropped, and a row the page break cut in two is one row again."""
    columns: list[float] = []
    for x in sorted(first.columns + second.columns):
        if not columns or x - columns[-1] >= 2:
            columns.append(x)
    repeated = _repeated_header(first.table, second.table)
    rows = _regrid(first.table.rows, first.boxes, columns) + _regrid(
        second.table.rows[repeated:], second.boxes[repeated:], columns
    )
    boxes = [list(b) for b in first.boxes + second.boxes[repeated:]]
    cut = len(first.table.rows)
    if 0 < cut < len(rows):
        rows[cut - 1], boxes[cut - 1], rest = _rejoin(rows[cut - 1], boxes[cut - 1], rows[cut], boxes[cut])
        if rest is not None:
            rows[cut] = rest
        else:
            del rows[cut]
            del boxes[cut]
    return _PlacedTable(first.page, second.last_page, first.top, Table(rows=rows), columns, boxes)


def _repeated_header(first: Table, second: Table) -> int:
    """How many rows at the top of a continued table repeat the first page's header rows."""
    count = 0
    for a, b in zip(first.rows, second.rows[: len(first.rows) - 1], strict=False):
        if [c.flat for c in a] != [c.flat for c in b] or not any(c.text for c in a):
            break
        count += 1
    return count


def _rejoin(
    upper: list[Cell], upper_boxes: list[_Box], lower: list[Cell], lower_boxes: list[_Box]
) -> tuple[list[Cell], list[_Box], list[Cell] | None]:
    """The upper row with what of the lower row continues it, and the lower row as a row of its own
    (less what it gave up), or None when it was all the upper row's continuation.

    A page break cuts a row where its longest cells run on: the lower half continues the upper when it
    lies on the upper's grid and either every text it holds continues the text above it, or it leaves
    empty a cell the upper half fills and holds no figure under a figure (a figure is cut only by
    its cell's width). Otherwise the lower row is a row of its own; it gives up only the texts of
    tall cells that run on beside it and continue the text above (a merged label the break cut)."""
    above = [_covering(upper, c) for c in lower]
    if not any(c.text for c in lower) or any(i is None for i in above):
        return upper, upper_boxes, lower
    owners = [i for i in above if i is not None]
    runs_on = [
        bool(c.text) and _continued(upper[i].text, upper_boxes[i], box)
        for c, box, i in zip(lower, lower_boxes, owners, strict=True)
    ]
    fresh = [(c, i) for c, i, on in zip(lower, owners, runs_on, strict=True) if c.text and not on]
    figures = any(parse_number(c.text) is not None and parse_number(upper[i].text) is not None for c, i in fresh)
    left_empty = any(not c.text and upper[i].text for c, i in zip(lower, owners, strict=True))
    whole = not fresh or (left_empty and not figures)
    row_bottom = min(box.bottom for box in lower_boxes)
    cells = list(upper)
    boxes = list(upper_boxes)
    rest = list(lower)
    for n, (cell, box, i, on) in enumerate(zip(lower, lower_boxes, owners, runs_on, strict=True)):
        if not cell.text or not (whole or (on and box.bottom > row_bottom + 1)):
            continue
        rest[n] = cell.model_copy(update={"text": ""})
        head = cells[i].text
        joint = (_wrap_joint(head, cell.text) if on else "\n") if head else ""
        cells[i] = cells[i].model_copy(update={"text": head + joint + cell.text})
        boxes[i] = replace(boxes[i], end=box.end, last=box.last, size=box.size)
    return cells, boxes, None if whole else rest


def _continued(text: str, box: _Box, following: _Box) -> bool:
    """Whether a cell's text on the next page continues the text above it: a wrapped line, not the end
    of a sentence; a figure only when the cell's width cut it (not even one more character fitted)."""
    if not _wrapped(box, following) or box.last in _SENTENCE_END:
        return False
    return parse_number(text) is None or (
        box.end is not None and box.end + following.first_width > box.inner_right - _FIT_TOLERANCE
    )


def _covering(row: list[Cell], cell: Cell) -> int | None:
    """The index of the cell of `row` whose grid columns hold `cell`'s first column."""
    for i, c in enumerate(row):
        if c.grid is not None and cell.grid is not None and c.grid <= cell.grid < c.grid + c.span:
            return i
    return None


def _regrid(rows: list[list[Cell]], row_boxes: list[list[_Box]], columns: list[float]) -> list[list[Cell]]:
    out = []
    for row, boxes in zip(rows, row_boxes, strict=True):
        cells = []
        for cell, box in zip(row, boxes, strict=True):
            grid = min(range(len(columns)), key=lambda i: abs(columns[i] - box.left))
            span = max(1, sum(1 for x in columns if box.left - 2 < x < box.right - 2))
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
