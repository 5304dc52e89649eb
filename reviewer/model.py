"""The document model: what a report says, in reading order, independent of the file it came from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Source(BaseModel):
    """Where a piece of text sits in the original file, so that a comment can be anchored there.

    For .docx: `table` and `row`/`col` count Word tables and their <w:tc> cells in body order;
    `paragraph` counts body paragraphs. For text input: `line` is the 1-based line number. For PDF:
    `page` is the 1-based page, `table`/`row`/`col` count tables and their cells as read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None
    page: int | None = None


class Cell(BaseModel):
    """A table cell. `grid` is the grid column it starts at and `span` how many it covers, where the
    file says so (.docx: `gridBefore`, `gridSpan`); readers that cannot tell leave `grid` None."""

    model_config = ConfigDict(extra="forbid")

    text: str
    source: Source = Field(default_factory=Source)
    grid: int | None = None
    span: int = 1

    @property
    def flat(self) -> str:
        """The cell as one line: Word breaks labels like 「年度预\\n算申请」 over lines."""
        return self.text.replace("\n", "")


class Paragraph(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["paragraph"] = "paragraph"
    text: str
    numbered: bool = False  # carries Word auto-numbering (a heading whose number is not in its text)
    source: Source = Field(default_factory=Source)


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["table"] = "table"
    rows: list[list[Cell]]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text(self) -> str:
        return "\n".join("\t".join(c.flat for c in row) for row in self.rows)


def _gridded(row: list[Cell]) -> bool:
    """Whether a row's grid columns can be trusted: given for every cell, from one table of the file
    (a row that a page break cut in two is joined from two tables with their own grids), in order."""
    if not row:
        return False
    table, previous = row[0].source.table, None
    for cell in row:  # one pass: this runs for every cell looked up under a header
        if cell.grid is None or cell.source.table != table or (previous is not None and cell.grid <= previous):
            return False
        previous = cell.grid
    return True


def columns_under(header: list[Cell], row: list[Cell]) -> list[int | None]:
    """For each cell of `row`, the index of the header cell above it, or None when it has none.

    Where the file gives grid columns (.docx), a cell sits under the header cell whose grid columns
    include the cell's first column, whatever the merges. Otherwise rows are aligned from the right:
    merged label columns on the left make rows shorter. (The whole row at once: whether the two rows'
    grids can be trusted is then decided once, not for every cell.)
    """
    if _gridded(header) and _gridded(row):  # every cell has its grid column (`or 0` only for the type)
        starts = [(h.grid or 0, (h.grid or 0) + h.span) for h in header]
        return [next((i for i, (a, b) in enumerate(starts) if a <= (c.grid or 0) < b), None) for c in row]
    shift = len(header) - len(row)
    return [col + shift if 0 <= col + shift < len(header) else None for col in range(len(row))]


def cell_under(header_cell: Cell, header_index: int, header_width: int, row: list[Cell]) -> Cell | None:
    """The cell of `row` below a header cell: by grid column where the file gives them, else by its
    place counted from the right (see `columns_under`)."""
    if header_cell.grid is not None and _gridded(row):
        for c in row:
            assert c.grid is not None
            if c.grid <= header_cell.grid < c.grid + c.span:
                return c
        return None
    offset = header_index - header_width
    return row[offset] if -offset <= len(row) else None


Block = Paragraph | Table


class Notice(BaseModel):
    """Something the reader noticed about the file that a reviewer should know: unaccepted revisions,
    hidden text, a conversion from another format, the pages a PDF's tables came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["revisions", "hidden_text", "converted", "pdf_tables"]
    message: str


class Document(BaseModel):
    """A report as read: its blocks in reading order."""

    model_config = ConfigDict(extra="forbid")

    path: str
    # "converted": a .doc/.wps/.rtf/.odt read through LibreOffice (there is no .docx of the author's to annotate)
    format: Literal["docx", "text", "pdf", "converted"]
    blocks: list[Block]
    notices: list[Notice] = Field(default_factory=list)

    def full_text(self) -> str:
        """Everything the report says, for verbatim-quote checks."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(cell.text for row in block.rows for cell in row)
        return "\n".join(parts)
