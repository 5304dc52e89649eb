"""The cell of the author's file that a finding is about, from its typed place and the report's tables."""

from __future__ import annotations

import re

from ..checks.findings import Finding
from ..checks.location import NarrativePlace, TablePlace
from ..model import Source, Table
from ..structure import Report, TableInfo
from ..structure.catalogue import load_table_catalogue
from ..structure.models import Indicator


def table_info(report: Report, place: TablePlace) -> TableInfo | None:
    return next((t for t in report.tables if t.index == place.table_index), None)


def indicator_cell(report: Report, info: TableInfo, indicator: Indicator, column: str) -> Source | None:
    """The 分值 (`weight`) or 得分 (`score`) cell of an indicator's row, by the table's header."""
    if column == "weight":
        return indicator.source if indicator.source != Source() else None
    block = report.document.blocks[info.index] if info.index < len(report.document.blocks) else None
    if not isinstance(block, Table):
        return None
    header = next(
        (
            row
            for row in block.rows
            if any("一级指标" in c.flat for c in row) and any(re.search("分值|得分", c.flat) for c in row)
        ),
        None,
    )
    pattern = load_table_catalogue().indicator_columns.model_dump().get(column)
    if header is None or pattern is None:
        return None
    at = next((i - len(header) for i, c in enumerate(header) if re.search(pattern, c.flat)), None)
    row = next((r for r in block.rows if any(c.source == indicator.source for c in r)), None)
    if at is None or row is None or -at > len(row):
        return None
    return row[at].source


def place_cell(report: Report, place: TablePlace | NarrativePlace) -> Source | None:
    """The cell or paragraph a place names in the file: its own when it carries one, else found by its labels."""
    if isinstance(place, NarrativePlace):
        return place.paragraph
    if place.cell is not None:
        return place.cell
    info = table_info(report, place)
    if info is None or not place.row:
        return None
    value = next((v for v in info.values if v.row == place.row and v.col == place.column), None)
    if value is not None:
        return value.source
    indicator = next((i for i in info.indicators if i.level3 == place.row), None)
    columns = {"得分": "score", "分值": "weight"}
    if indicator is not None and place.column in columns:
        return indicator_cell(report, info, indicator, columns[place.column])
    return None


def finding_anchor(report: Report, finding: Finding) -> Source | None:
    """Where a comment on the finding belongs: the cell its place names, else where the check pointed."""
    return place_cell(report, finding.location_ref.place) or finding.anchor
