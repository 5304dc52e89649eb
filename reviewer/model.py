"""The document model: what a report says, in reading order, independent of the file it came from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Source(BaseModel):
    """Where a piece of text sits in the original file, so that a comment can be anchored there.

    For .docx: `table` and `row`/`col` count Word tables and their <w:tc> cells in body order;
    `paragraph` counts body paragraphs. For text input: `line` is the 1-based line number.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    source: Source = Field(default_factory=Source)

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


Block = Paragraph | Table


class Document(BaseModel):
    """A report as read: its blocks in reading order."""

    model_config = ConfigDict(extra="forbid")

    path: str
    format: Literal["docx", "text"]
    blocks: list[Block]

    def full_text(self) -> str:
        """Everything the report says, for verbatim-quote checks."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(cell.text for row in block.rows for cell in row)
        return "\n".join(parts)
