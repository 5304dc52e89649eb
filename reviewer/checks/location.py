"""Where a finding is: a cell of a recognised table or a sentence of the narrative, as typed data.

Renderers turn a location into Chinese with `describe`; suggestions read its fields; the Word
annotator anchors comments with the file coordinates it carries. Nobody parses the Chinese back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Source
from ..quotes import shorten

_QUOTE_CHARS = 24  # a sentence is quoted in full in the data, shortened only when described


class TablePlace(BaseModel):
    """A cell of a recognised table, named by its row and column labels."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["table"] = "table"
    table_kind: str  # a table kind of the catalogue: dept_self_eval, basic_data, …
    table_kind_name: str  # its Chinese name, as the report's reader knows it
    table_index: int  # the table's position among the document's blocks
    table_name: str = ""  # the department or project the table is about
    row: str = ""  # row label; empty for the table as a whole
    column: str = ""  # column label; empty for the row as a whole
    cell: Source | None = None  # the cell in the file, when one cell is meant

    @property
    def labelled_cell(self) -> tuple[int, str, str]:
        """The cell as its table and labels name it: two findings on it are about the same figure."""
        return (self.table_index, self.row, self.column)


class NarrativePlace(BaseModel):
    """A sentence of the narrative."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["narrative"] = "narrative"
    section_id: str  # empty when the paragraph belongs to no recognised section
    section_name: str  # 「正文」 when it belongs to none
    paragraph: Source | None = None
    quote: str  # the sentence, verbatim


Place = Annotated[TablePlace | NarrativePlace, Field(discriminator="kind")]


class Location(BaseModel):
    """Where a finding is; `other` is the second place of a cross-reference."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place: Place
    other: Place | None = None


def _cut_for_identity(quote: str, limit: int) -> str:
    return quote if len(quote) <= limit else quote[:limit] + "…"


def place_parts(place: TablePlace | NarrativePlace, cut: Callable[[str, int], str] = shorten) -> list[str]:
    """The place from the widest to the narrowest, in Chinese: table, row, column; or 正文, section, quote."""
    if isinstance(place, TablePlace):
        # A department has one table of each kind; projects are told apart by name.
        title = (
            f"{place.table_kind_name}（{place.table_name}）"
            if place.table_name and place.table_kind == "project_self_eval"
            else place.table_kind_name
        )
        return [part for part in (title, place.row, place.column) if part]
    quote = cut(place.quote.strip(), _QUOTE_CHARS)
    return ["正文", place.section_name, f"「{quote}」"]


def describe_place(place: TablePlace | NarrativePlace, cut: Callable[[str, int], str] = shorten) -> str:
    return " · ".join(place_parts(place, cut))


def describe(location: Location, cut: Callable[[str, int], str] = shorten) -> str:
    """The location in Chinese, as the review shows it."""
    text = describe_place(location.place, cut)
    return f"{text} ↔ {describe_place(location.other, cut)}" if location.other is not None else text


def identity(location: Location) -> str:
    """The text a finding's id is made from. It keeps the quote cut the ids were first made with (a plain
    cut at 24 characters), not the display's: reviewers' decisions are stored under these ids, and a
    change in how quotes are shown must not orphan them."""
    return describe(location, _cut_for_identity)
