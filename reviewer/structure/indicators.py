"""The indicator block of a 自评表: 一级/二级/三级指标 with target, actual, weight and score, and the totals."""

from __future__ import annotations

import re

from ..model import Cell, Source, Table, cell_under
from ..numbers import parse_number
from .catalogue import load_table_catalogue
from .models import Indicator, LabeledValue

_WEIGHT_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def read_indicators(table: Table, table_index: int) -> tuple[list[Indicator], LabeledValue | None, LabeledValue | None]:
    """The indicators under the header row (一级指标 … 分值 得分), and the 总分 row's weight and score."""
    header_at = next(
        (
            i
            for i, row in enumerate(table.rows)
            if any("一级指标" in c.flat for c in row)
            and any(re.search("分值|权重|得分|指标值|实际值|完成值", c.flat) for c in row)
        ),
        None,
    )
    if header_at is None:
        return [], None, None
    header = table.rows[header_at]
    columns: dict[str, int] = {}
    for name, pattern in load_table_catalogue().indicator_columns.model_dump().items():
        if pattern is None:
            continue
        for i, cell in enumerate(header):
            if name not in columns and re.search(pattern, cell.flat):
                columns[name] = i
    indicators: list[Indicator] = []
    level1, level1_weight, level2 = "", None, ""
    total_weight = total_score = None
    for row in table.rows[header_at + 1 :]:
        first = next((c.flat for c in row if c.flat), "")
        if first.startswith(("总分", "合计")):
            figures = [(c, parse_number(c.flat)) for c in row]
            figures = [(c, n) for c, n in figures if n is not None]
            # The row's first figure is its 分值, the second its 得分.
            totals = [
                LabeledValue(table=table_index, row="总分", col=col, text=cell.flat, number=number, source=cell.source)
                for col, (cell, number) in zip(("分值", "得分"), figures, strict=False)  # a row may hold more
            ]
            total_weight = totals[0] if totals else None
            total_score = totals[1] if len(totals) > 1 else None
            break

        def get(name: str, row: list[Cell] = row) -> Cell | None:
            index = columns.get(name)
            return None if index is None else cell_under(header[index], index, len(header), row)

        cell1, cell2 = get("level1"), get("level2")
        if cell1 is not None and cell1.flat:
            level1_weight_match = _WEIGHT_RE.search(cell1.flat)
            level1 = _WEIGHT_RE.sub("", cell1.flat).strip()
            level1_weight = parse_number(level1_weight_match.group(1)) if level1_weight_match else None
            level2 = ""
        if cell2 is not None and cell2.flat:
            level2 = cell2.flat
        cells = {
            name: get(name) for name in ("level3", "target", "actual", "weight", "score", "deviation", "direction")
        }
        texts = {name: (c.flat if c is not None else "") for name, c in cells.items()}
        if not any(texts.values()):
            continue
        weight_cell = cells["weight"]
        indicator = Indicator(
            level1=level1,
            level1_weight=level1_weight,
            level2=level2,
            level3=texts["level3"],
            target=texts["target"],
            actual=texts["actual"],
            weight=parse_number(texts["weight"]),
            score=parse_number(texts["score"]),
            deviation=texts["deviation"],
            direction=texts["direction"],
            not_applicable=any("不适用" in texts[k] for k in ("level3", "target", "actual")),
            source=(weight_cell.source if weight_cell is not None else Source()),
        )
        indicators.append(indicator)
    return indicators, total_weight, total_score
