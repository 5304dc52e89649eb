"""What the blocks mean: the report's sections, its tables by kind, labelled cells and indicators.

Checks and scorers ask for 「年度资金总额 × 全年执行数」, never for coordinates: the same report is
laid out differently by every department.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import Cell, Document, Paragraph, Source, Table
from .numbers import Number, parse_number

SectionStatus = Literal["found", "empty", "missing"]
TableKind = Literal["basic_data", "dept_self_eval", "project_self_eval", "project_report", "rubric", "other"]
ReportKind = Literal["dept", "project"]

TABLE_KIND_NAMES: dict[str, str] = {
    "basic_data": "部门整体支出绩效评价基础数据表",
    "dept_self_eval": "部门整体支出绩效自评表",
    "project_self_eval": "项目支出绩效自评表",
    "project_report": "项目支出绩效自评报告",
    "rubric": "绩效自评工作考核评分表",
    "other": "其他表格",
}


class SectionSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    pattern: str
    requires_content: bool = True  # 「无」 under it counts as empty


# The standard parts of a 部门整体支出绩效自评报告, with the common variants of each title.
DEPT_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        id="basic_info",
        name="部门（单位）基本情况",
        pattern=r"部门[（(]?单位[）)]?基本情况|部门基本情况|单位基本情况|基本概况|^基本情况",
    ),
    SectionSpec(
        id="budget",
        name="一般公共预算支出情况",
        pattern=r"一般公共预算(财政拨款)?支出情况|整体支出规模|部门预算收支|预算收支(决算)?情况",
    ),
    SectionSpec(
        id="fund_budget", name="政府性基金预算支出情况", pattern=r"政府性基金(预算)?支出情况", requires_content=False
    ),
    SectionSpec(
        id="state_capital",
        name="国有资本经营预算支出情况",
        pattern=r"国有资本经营(预算)?支出情况",
        requires_content=False,
    ),
    SectionSpec(
        id="social_insurance",
        name="社会保险基金预算支出情况",
        pattern=r"社会保险基金(预算)?支出情况",
        requires_content=False,
    ),
    SectionSpec(
        id="performance",
        name="部门整体支出绩效情况",
        pattern=r"(部门)?整体支出绩效情况|整体绩效情况|绩效目标(实现|完成)情况",
    ),
    SectionSpec(
        id="problems", name="存在的问题及原因分析", pattern=r"存在的?(主要)?问题(及|和|与)?(其)?(原因分析|原因)?"
    ),
    SectionSpec(
        id="measures",
        name="下一步改进措施",
        pattern=r"(下一步)?(的)?(改进|整改)(措施|意见|建议|方向)|下一步(工作)?(计划|打算|措施)",
    ),
    SectionSpec(
        id="application",
        name="绩效自评结果拟应用和公开情况",
        pattern=r"(部门整体支出|项目支出)?(绩效)?自评结果(拟)?(应用|运用)(和|及)?(公开)?(情况)?|结果(应用|运用)(和|及)公开",
    ),
    SectionSpec(
        id="other", name="其他需要说明的情况", pattern=r"其他需(要)?说明的?(情况|问题|事项)", requires_content=False
    ),
)

# The parts of a prose 项目支出绩效自评报告 (when it is the report itself, not a form attached to one).
PROJECT_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        id="project_overview", name="项目基本情况", pattern=r"项目(基本|实施)?(情况|概况)|项目概况|^基本情况|^项目概述"
    ),
    SectionSpec(
        id="project_funds",
        name="项目资金使用及管理情况",
        pattern=r"(项目)?资金(使用|管理|到位|投入|安排)(及|和|与)?(管理|使用)?情况|预算执行情况",
    ),
    SectionSpec(
        id="project_performance",
        name="项目绩效目标完成情况",
        pattern=r"绩效(目标)?(完成|实现)情况|(项目)?绩效(自评)?情况|绩效指标完成情况",
    ),
    *(spec for spec in DEPT_SECTIONS if spec.id in ("problems", "measures", "application", "other")),
)

_NUMBERING_RE = re.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.．:：]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:\.\d+)*[、.．)）](?!\d)|"
    r"[一二三四五六七八九十]+是)\s*"
)
_EMPTY_ANSWERS = {"无", "无。", "暂无", "暂无。", "无相关情况", "不涉及", "不适用", "空", "略"}
_MAX_HEADING_CHARS = 44
_MAX_NUMBERED_HEADING_CHARS = 90  # template headings under Word numbering run long


def strip_numbering(text: str) -> str:
    return _NUMBERING_RE.sub("", text, count=1).strip()


def is_empty_answer(text: str) -> bool:
    return text.strip().strip("。.") in {a.strip("。") for a in _EMPTY_ANSWERS} or not text.strip()


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    status: SectionStatus
    heading: str = ""
    anchor: Source | None = None  # where the heading (or the form cell) sits, for comments
    paragraphs: list[Paragraph] = Field(default_factory=list)
    scope: Literal["main", "project"] = "main"  # the report's own narrative, or an attached project form

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class LabeledValue(BaseModel):
    """One figure of a table, named by its row and column labels."""

    model_config = ConfigDict(extra="forbid")

    table: int
    row: str
    col: str
    text: str
    number: Number | None
    source: Source
    row_index: int = 0  # position of the row in the (stitched) table
    row_raw: str = ""  # the row's label as written, numbering and 「其中」 included


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level1: str
    level1_weight: Number | None = None
    level2: str = ""
    level3: str = ""
    target: str = ""
    actual: str = ""
    weight: Number | None = None
    score: Number | None = None
    deviation: str = ""
    not_applicable: bool = False
    source: Source = Field(default_factory=Source)

    @property
    def placeholder(self) -> bool:
        """A 「……」 row left from the template: no indicator at all."""
        return self.level3.strip("…. ") == "" and self.weight is None and not self.target


class TableInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int
    kind: TableKind
    title: str
    name: str = ""  # the department or project the table is about
    values: list[LabeledValue] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    total_weight: LabeledValue | None = None
    total_score: LabeledValue | None = None
    fields: dict[str, Cell] = Field(default_factory=dict)  # label → content, for form-like tables

    @property
    def kind_name(self) -> str:
        return TABLE_KIND_NAMES[self.kind]

    def value(self, row: str, col: str | None = None) -> LabeledValue | None:
        """The first figure whose row label matches `row` and column label matches `col` (regexes)."""
        for value in self.values:
            if re.search(row, value.row) and (col is None or re.search(col, value.col)):
                return value
        return None


class Report(BaseModel):
    """A read report with its structure recognised."""

    model_config = ConfigDict(extra="forbid")

    document: Document
    kind: ReportKind
    unit: str
    year: int | None
    title: str
    sections: list[Section]
    tables: list[TableInfo]

    def section(self, section_id: str, scope: str = "main") -> Section | None:
        return next((s for s in self.sections if s.id == section_id and s.scope == scope), None)

    def tables_of(self, kind: str) -> list[TableInfo]:
        return [t for t in self.tables if t.kind == kind]


def analyse(document: Document) -> Report:
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    title = _find_title(paragraphs)
    tables = [classify_table(document, i) for i, b in enumerate(document.blocks) if isinstance(b, Table)]
    kind: ReportKind = "dept" if ("部门整体" in title or any(t.kind == "dept_self_eval" for t in tables)) else "project"
    sections = find_sections(document, DEPT_SECTIONS if kind == "dept" else PROJECT_SECTIONS)
    sections.extend(_project_sections(tables))
    return Report(
        document=document,
        kind=kind,
        unit=_find_unit(document, tables),
        year=_find_year(document),
        title=title,
        sections=sections,
        tables=tables,
    )


# ---------------------------------------------------------------------------------------------- sections


def _heading_matches(text: str, numbered: bool, specs: tuple[SectionSpec, ...]) -> list[SectionSpec]:
    """The sections a paragraph opens, in order; a heading may run two titles together."""
    body = strip_numbering(text)
    if not body or len(body) > (_MAX_NUMBERED_HEADING_CHARS if numbered else _MAX_HEADING_CHARS):
        return []
    found: list[tuple[int, SectionSpec]] = []
    for spec in specs:
        match = re.search(spec.pattern, body)
        if match:
            found.append((match.start(), spec))
    found.sort(key=lambda pair: pair[0])
    if not found or found[0][0] > 8:  # room for a 「部门（单位）」 prefix
        return []
    return [spec for _, spec in found]


def find_sections(document: Document, specs: tuple[SectionSpec, ...] = DEPT_SECTIONS) -> list[Section]:
    """Sections of the narrative, found by title whatever the numbering (一、 1、 （一） (1) or Word's)."""
    opened: dict[str, Section] = {}
    current: list[Section] = []
    for block in document.blocks:
        if isinstance(block, Table):
            current = []
            continue
        if block.text.startswith("附件"):
            current = []
            continue
        matched = _heading_matches(block.text, block.numbered, specs)
        new_specs = [s for s in matched if s.id not in opened]
        if new_specs:
            current = []
            for spec in new_specs:
                section = Section(id=spec.id, name=spec.name, status="found", heading=block.text, anchor=block.source)
                opened[spec.id] = section
                current.append(section)
            continue
        for section in current:
            if block.text:
                section.paragraphs.append(block)
    sections: list[Section] = []
    for spec in specs:
        if spec.id not in opened:
            sections.append(Section(id=spec.id, name=spec.name, status="missing"))
            continue
        section = opened[spec.id]
        content = [p for p in section.paragraphs if not is_empty_answer(p.text)]
        if spec.requires_content and not content:
            section.status = "empty"
        sections.append(section)
    return sections


_PROJECT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("project_purpose", "项目立项目的", r"立项目的|项目概况"),
    ("project_management", "项目支出管理和使用基本情况", r"管理和使用"),
    ("project_performance", "项目绩效目标完成情况", r"绩效目标完成情况"),
    ("problems", "存在的问题", r"^存在的?问题$"),
    ("measures", "改进措施", r"改进措施"),
)


def _project_sections(tables: list[TableInfo]) -> list[Section]:
    """The parts of a table-form 项目支出绩效自评报告, as sections of scope 'project'."""
    sections = []
    for info in tables:
        if info.kind != "project_report":
            continue
        for section_id, name, pattern in _PROJECT_FIELDS:
            label = next((k for k in info.fields if re.search(pattern, k)), None)
            if label is None:
                sections.append(Section(id=section_id, name=name, status="missing", scope="project"))
                continue
            cell = info.fields[label]
            paragraph = Paragraph(text=cell.text, source=cell.source)
            status: SectionStatus = "empty" if is_empty_answer(cell.text) else "found"
            sections.append(
                Section(
                    id=section_id,
                    name=name,
                    status=status,
                    heading=label,
                    paragraphs=[paragraph] if cell.text else [],
                    scope="project",
                    anchor=cell.source,
                )
            )
    return sections


# ---------------------------------------------------------------------------------------------- tables


def classify_table(document: Document, index: int) -> TableInfo:
    table = document.blocks[index]
    assert isinstance(table, Table)
    text = table.text()
    kind: TableKind
    if "评分标准" in text and "一级指标" in text:
        kind = "rubric"
    elif "年度资金总额" in text and re.search(r"项目支?出?名称|项目支出名称|专项名称", text):
        kind = "project_self_eval"
    elif "年度资金总额" in text:
        kind = "dept_self_eval"
    elif re.search(r"财政供养人员|经费控制情况", text):
        kind = "basic_data"
    elif re.search(r"立项目的|项目绩效目标完成情况|专项名称", text):
        kind = "project_report"
    else:
        kind = "other"
    info = TableInfo(index=index, kind=kind, title=_table_title(document, index) or TABLE_KIND_NAMES[kind])
    info.values = labeled_values(table, index)
    if kind in ("dept_self_eval", "project_self_eval"):
        info.indicators, info.total_weight, info.total_score = _indicators(table, index)
        info.name = _name_cell(table, r"部门名称|项目支?出?名称")
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


def normalise_label(text: str) -> str:
    text = text.replace("\n", "")
    text = re.sub(r"^(其中[:：])\s*", "", text.strip())
    text = strip_numbering(text)
    text = re.sub(r"^(其中[:：])\s*", "", text)
    return re.sub(r"\s+", "", text).rstrip("：:")


def _is_label(cell: Cell) -> bool:
    return bool(cell.flat) and parse_number(cell.flat) is None


_GROUP_RE = re.compile(r"^按.{1,8}分[:：]$")
_BLANK_LABELS = {"——", "—", "-", "/", "……"}
_KEY_VALUE_RE = re.compile(r"([^:：\s]+)[:：]\s*([^:：]*)$")


def labeled_values(table: Table, table_index: int) -> list[LabeledValue]:
    """Every figure of a table with its row and column labels.

    A row with several label cells and no figure is a header; figures below it take their column
    label from it, aligned from the right where a merged label column makes the row shorter.
    Cells like 「其中：一般公共预算：3483.85」 carry their own label; they take as column the
    group label (「按收入性质分」) last seen in that column.
    """
    values: list[LabeledValue] = []
    header: list[str] = []
    groups: dict[int, str] = {}
    for row_index, row in enumerate(table.rows):
        if any("一级指标" in c.flat for c in row):
            break  # the indicator block is read by _indicators
        numbers = [parse_number(c.flat) for c in row]
        labels = [c for c in row if _is_label(c)]
        for col, cell in enumerate(row):
            if _GROUP_RE.match(cell.flat):
                groups[col] = normalise_label(cell.flat)
            kv = _KEY_VALUE_RE.search(cell.flat)
            if kv and numbers[col] is None and not _GROUP_RE.match(cell.flat):
                number = parse_number(kv.group(2))
                if number is not None or (not kv.group(2) and all(n is None for n in numbers)):
                    values.append(
                        LabeledValue(
                            table=table_index,
                            row=normalise_label(kv.group(1)),
                            col=groups.get(col, ""),
                            text=kv.group(2),
                            number=number,
                            source=cell.source,
                            row_index=row_index,
                            row_raw=cell.flat,
                        )
                    )
        if not any(n is not None for n in numbers):
            if len(labels) >= 3 and all(len(c.flat) <= 24 for c in labels):
                header = [normalise_label(c.flat) for c in row]
            continue
        first_number = next(i for i, n in enumerate(numbers) if n is not None)
        raw_label = next((c.flat for c in reversed(row[:first_number]) if c.flat and c.flat not in _BLANK_LABELS), "")
        row_label = normalise_label(raw_label)
        if not row_label and header:
            row_label = header[0]
        offset = len(header) - len(row)
        for col, cell in enumerate(row):
            if col < first_number or _KEY_VALUE_RE.search(cell.flat):
                continue
            header_col = col + offset if len(row) != len(header) else col
            col_label = header[header_col] if 0 <= header_col < len(header) else ""
            values.append(
                LabeledValue(
                    table=table_index,
                    row=row_label,
                    col=col_label,
                    text=cell.flat,
                    number=numbers[col],
                    source=cell.source,
                    row_index=row_index,
                    row_raw=raw_label,
                )
            )
    return values


_INDICATOR_COLUMNS = {
    "level1": r"一级指标",
    "level2": r"二级指标",
    "level3": r"三级指标",
    "target": r"指标值|目标值",
    "actual": r"完成值|实际完成",
    "weight": r"^分值|^权重",
    "score": r"^得分",
    "deviation": r"偏差|原因",
}
_WEIGHT_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def _indicators(table: Table, table_index: int) -> tuple[list[Indicator], LabeledValue | None, LabeledValue | None]:
    header_at = next(
        (
            i
            for i, row in enumerate(table.rows)
            if any("一级指标" in c.flat for c in row) and any(re.search("分值|得分", c.flat) for c in row)
        ),
        None,
    )
    if header_at is None:
        return [], None, None
    header = table.rows[header_at]
    columns: dict[str, int] = {}
    for name, pattern in _INDICATOR_COLUMNS.items():
        for i, cell in enumerate(header):
            if name not in columns and re.search(pattern, cell.flat):
                columns[name] = i - len(header)  # from the right: merged label columns shorten rows
    indicators: list[Indicator] = []
    level1, level1_weight, level2 = "", None, ""
    total_weight = total_score = None
    for row in table.rows[header_at + 1 :]:
        first = next((c.flat for c in row if c.flat), "")
        if first.startswith(("总分", "合计")):
            figures = [(c, parse_number(c.flat)) for c in row]
            figures = [(c, n) for c, n in figures if n is not None]
            if figures:
                total_weight = LabeledValue(
                    table=table_index,
                    row="总分",
                    col="分值",
                    text=figures[0][0].flat,
                    number=figures[0][1],
                    source=figures[0][0].source,
                )
            if len(figures) > 1:
                total_score = LabeledValue(
                    table=table_index,
                    row="总分",
                    col="得分",
                    text=figures[1][0].flat,
                    number=figures[1][1],
                    source=figures[1][0].source,
                )
            break

        def get(name: str, row: list[Cell] = row) -> Cell | None:
            offset = columns.get(name)
            if offset is None or -offset > len(row):
                return None
            return row[offset]

        cell1, cell2 = get("level1"), get("level2")
        if cell1 is not None and cell1.flat:
            level1_weight_match = _WEIGHT_RE.search(cell1.flat)
            level1 = _WEIGHT_RE.sub("", cell1.flat).strip()
            level1_weight = parse_number(level1_weight_match.group(1)) if level1_weight_match else None
            level2 = ""
        if cell2 is not None and cell2.flat:
            level2 = cell2.flat
        cells = {name: get(name) for name in ("level3", "target", "actual", "weight", "score", "deviation")}
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
            not_applicable=any("不适用" in texts[k] for k in ("level3", "target", "actual")),
            source=(weight_cell.source if weight_cell is not None else Source()),
        )
        indicators.append(indicator)
    return indicators, total_weight, total_score


# ---------------------------------------------------------------------------------------------- identity


def _find_title(paragraphs: list[Paragraph]) -> str:
    """The report's title; Word reports often break it over two lines (「…部门整体支出」「绩效自评报告」)."""
    for i, paragraph in enumerate(paragraphs):
        if re.search(r"自评报告$", paragraph.text):
            previous = paragraphs[i - 1].text if i else ""
            if previous and not re.search(r"[。；：:，]$|报告$|表$", previous) and len(previous) < 40:
                return previous + paragraph.text
            return paragraph.text
    return ""


def _find_unit(document: Document, tables: list[TableInfo]) -> str:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            match = re.search(
                r"(?:单位名称|部门[（(]单位[）)]名称|部门名称)[（(]?[^）)]*[）)]?[:：]\s*(\S+)", block.text
            )
            if match:
                return match.group(1)
    for info in tables:
        if info.kind == "dept_self_eval" and info.name:
            return info.name
    title = next((b.text for b in document.blocks if isinstance(b, Paragraph) and "自评报告" in b.text), "")
    match = re.search(r"年度(.+?)(部门整体|项目)支出", title)
    return match.group(1) if match else ""


def _find_year(document: Document) -> int | None:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            match = re.search(r"(20\d\d)\s*年度", block.text)
            if match:
                return int(match.group(1))
    return None
