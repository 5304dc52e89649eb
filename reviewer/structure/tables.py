"""Tables by kind, and every figure of a table named by its row and column labels.

Checks ask for 「年度资金总额 × 全年执行数」, never for coordinates: the same table is laid out
differently by every department.
"""

from __future__ import annotations

import re

from ..model import Cell, Document, Paragraph, Table, cell_under, columns_under
from ..numbers import parse_number
from .catalogue import load_section_catalogue, load_table_catalogue
from .indicators import read_indicators
from .models import LabeledValue, TableInfo
from .sections import strip_numbering


def classify_table(document: Document, index: int) -> TableInfo:
    """The table at `index`, its kind told by the first rule of the table catalogue that holds."""
    table = document.blocks[index]
    assert isinstance(table, Table)
    catalogue = load_table_catalogue()
    kind = catalogue.kind_of(table.text())
    info = TableInfo(index=index, kind=kind, title=_table_title(document, index) or catalogue.names[kind])
    info.values = labeled_values(table, index)
    if kind in catalogue.indicator_kinds:
        info.indicators, info.total_weight, info.total_score = read_indicators(table, index)
        info.name = _name_cell(table, r"部门名称|项目支?出?名称|转移支付[（(]项目[）)]名称")
    if kind in catalogue.self_eval_kinds:
        info.fields = {**_column_parts(table), **_form_fields(table)}
    elif kind in catalogue.indicator_kinds or kind == catalogue.fallback:
        info.fields = _column_parts(table)
    if kind == "project_report":
        info.fields = _form_fields(table)
        info.name = info.fields["专项名称"].text if "专项名称" in info.fields else ""
    return info


def _table_title(document: Document, index: int) -> str:
    for block in reversed(document.blocks[max(0, index - 4) : index]):
        if isinstance(block, Paragraph) and block.text and re.search(r"表$|报告$", block.text):
            return block.text
    return ""


def _name_cell(table: Table, pattern: str) -> str:
    for row in table.rows:
        for i, cell in enumerate(row[:-1]):
            if re.search(pattern, cell.flat):
                return row[i + 1].flat
    return ""


def _form_fields(table: Table) -> dict[str, Cell]:
    """Label → content of a form laid out as (group, label, content) rows."""
    fields: dict[str, Cell] = {}
    for row in table.rows:
        if len(row) >= 2:
            fields.setdefault(row[-2].flat, row[-1])
    return fields


def _column_parts(table: Table) -> dict[str, Cell]:
    """Header → the text below it, for the columns that hold a report's part (「存在问题和改进措施」 over a
    list of projects; rubrics/_sections.yaml form_parts). Only the cells under that header are read, by
    grid column where the file gives them: the neighbouring column is never taken for it."""
    labels = [re.compile(p.label) for p in load_section_catalogue().form_parts]  # asked of every header cell
    parts: dict[str, Cell] = {}
    for row_index, row in enumerate(table.rows):
        names = {c.flat for c in row if _is_label(c)}
        if len(names) < 3 or any(len(n) > 24 for n in names):
            continue  # not a header row
        for col, header in enumerate(row):
            if header.flat in parts or not any(label.search(header.flat) for label in labels):
                continue
            below: list[Cell] = []
            for other in table.rows[row_index + 1 :]:
                cell = cell_under(header, col, len(row), other)
                if cell is None or cell.flat == header.flat:
                    break
                if cell.flat and all(cell is not seen for seen in below):
                    below.append(cell)
            if below:
                text = "\n".join(c.text for c in below)
                parts[header.flat] = Cell(text=text, source=below[0].source)
    return parts


_QIZHONG_RE = re.compile(r"^(其中[:：])\s*")
_SPACE_RE = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    text = text.replace("\n", "")
    text = _QIZHONG_RE.sub("", text.strip())
    text = strip_numbering(text)
    text = _QIZHONG_RE.sub("", text)
    return _SPACE_RE.sub("", text).rstrip("：:")


def _is_label(cell: Cell) -> bool:
    return bool(cell.flat) and parse_number(cell.flat) is None


_GROUP_RE = re.compile(r"^按.{1,8}分[:：]$")
_BLANK_LABELS = {"——", "—", "-", "/", "……"}
_KEY_VALUE_RE = re.compile(r"([^:：\s]+)[:：]\s*([^:：]*)$")


def _key_value(text: str) -> re.Match[str] | None:
    """「其中：一般公共预算：3483.85」's last label and value. Only text with a colon is searched: the
    unanchored pattern retries at every position, which on long cells cost more than the rest."""
    return _KEY_VALUE_RE.search(text) if ":" in text or "：" in text else None


def labeled_values(table: Table, table_index: int) -> list[LabeledValue]:
    """Every figure of a table with its row and column labels.

    A row with several label cells and no figure is a header; figures below it take their column
    label from it, aligned from the right where a merged label column makes the row shorter.
    Cells like 「其中：一般公共预算：3483.85」 carry their own label; they take as column the
    group label (「按收入性质分」) last seen in that column. The parts of a composition group
    (rubrics/_tables.yaml `composition`) carry the group: written as such cells, as rows under a group
    label in the first column, or as (label, figure) cell pairs under the group label.
    """
    catalogue = load_table_catalogue()
    composition = catalogue.composition
    values: list[LabeledValue] = []
    header: list[str] = []
    header_cells: list[Cell] = []
    groups: dict[int, str] = {}
    paired: list[tuple[int, Cell, str]] = []  # group label cells over (label, figure) pairs: column, cell, group
    paired_width = 0
    row_group = ""  # the group a group label in the first column opened, for the rows below it
    for row_index, row in enumerate(table.rows):
        flats = [c.flat for c in row]  # each looked at several times below
        if any("一级指标" in f for f in flats):
            break  # the indicator block is read by read_indicators
        numbers = [parse_number(f) for f in flats]
        # 「—」 fills a cell without a figure: no label, so a part's row left blank is no header.
        labels = [f for f, n in zip(flats, numbers, strict=True) if f and n is None and f not in _BLANK_LABELS]
        pairs = [_key_value(f) for f in flats]
        named = {col: _group_name(flat) for col, flat in enumerate(flats) if flat and numbers[col] is None}
        named = {col: name for col, name in named.items() if name}
        for col, (cell, flat, kv) in enumerate(zip(row, flats, pairs, strict=True)):
            if col in named:
                groups[col] = named[col]
            elif kv and numbers[col] is None:
                number = parse_number(kv.group(2))
                if number is not None or (not kv.group(2) and all(n is None for n in numbers)):
                    group = groups.get(col, "")
                    values.append(
                        LabeledValue(
                            table=table_index,
                            row=normalise_label(kv.group(1)),
                            col=group,
                            text=kv.group(2),
                            number=number,
                            source=cell.source,
                            row_index=row_index,
                            row_raw=flat,
                            group=group if composition.group_of(group) else "",
                        )
                    )
        if not any(n is not None for n in numbers):
            # A part of the open group left without figures (its group label merged down) keeps it open.
            if not (flats and not flats[0] and len(labels) <= 1 and not named):
                row_group = ""
            paired = [(col, row[col], name) for col, name in named.items() if composition.group_of(name)]
            paired_width = len(row)
            if len(labels) >= 3 and all(len(f) <= 24 for f in labels) and not named:
                header = [catalogue.canonical_column(normalise_label(f)) for f in flats]
                header_cells = row
            continue
        pair_values = _pair_values(row, paired, paired_width, table_index, row_index)
        if pair_values:
            values += pair_values
            continue
        first_number = next(i for i, n in enumerate(numbers) if n is not None)
        raw_at = next((i for i in reversed(range(first_number)) if flats[i] and flats[i] not in _BLANK_LABELS), None)
        raw_label = flats[raw_at] if raw_at is not None else ""
        row_label = catalogue.canonical_row(normalise_label(raw_label))
        if not row_label and header:
            row_label = header[0]
        # A group label in a column before the row's own label opens the group; blank cells there (a label
        # merged down) keep it; any other label there, or a row whose label is a group's own, closes it.
        before = [f for f in flats[: raw_at or 0] if f and f not in _BLANK_LABELS]
        opened = [name for f in before if (name := _group_name(f)) and composition.group_of(name)]
        if opened:
            row_group = opened[-1]
        elif before or _group_name(raw_label) or row_label == catalogue.canonical_row("年度资金总额"):
            row_group = ""
        group = row_group if _group_name(raw_label) == "" else ""
        under = columns_under(header_cells, row) if header_cells else [None] * len(row)
        for col, (cell, flat, kv, header_col) in enumerate(zip(row, flats, pairs, under, strict=True)):
            if col < first_number or kv:
                continue
            col_label = header[header_col] if header_col is not None else ""
            values.append(
                LabeledValue(
                    table=table_index,
                    row=row_label,
                    col=col_label,
                    text=flat,
                    number=numbers[col],
                    source=cell.source,
                    row_index=row_index,
                    row_raw=raw_label,
                    group=group,
                )
            )
    return values


def _group_name(text: str) -> str:
    """The group a label cell names: a composition group of the catalogue by its name, or any other
    「按…分：」 label as written; '' for any other cell."""
    label = normalise_label(text)
    group = load_table_catalogue().composition.group_of(label)
    if group is not None:
        return group.name
    return label if _GROUP_RE.match(text.strip()) else ""


def _pair_values(
    row: list[Cell], paired: list[tuple[int, Cell, str]], width: int, table_index: int, row_index: int
) -> list[LabeledValue]:
    """A row of (label, figure) cell pairs, each pair under a group label cell of the row above."""
    values = []
    for col, group_cell, group in paired:
        label = cell_under(group_cell, col, width, row)
        if label is None or not _is_label(label) or label.flat in _BLANK_LABELS:
            continue
        at = next(i for i, c in enumerate(row) if c is label)
        figure = row[at + 1] if at + 1 < len(row) else None
        number = parse_number(figure.flat) if figure is not None else None
        if figure is None or number is None:
            continue
        values.append(
            LabeledValue(
                table=table_index,
                row=normalise_label(label.flat),
                col=group,
                text=figure.flat,
                number=number,
                source=figure.source,
                row_index=row_index,
                row_raw=label.flat,
                group=group,
            )
        )
    return values
