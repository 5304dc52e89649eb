"""What analysing a report yields: its sections, its tables by kind, labelled figures and indicators."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..model import Cell, Document, Paragraph, Source
from ..numbers import Number
from .catalogue import load_section_catalogue, load_table_catalogue

SectionStatus = Literal["found", "empty", "missing"]
TableKind = str  # an id of the table catalogue (rubrics/_tables.yaml)
ReportKind = Literal["dept", "project"]


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
    group: str = ""  # the composition group the figure is a part of (按收入性质分, 按支出性质分), if any


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
    direction: str = ""  # as written in a 指标性质 column (=, ≥, ≤, 定性), when the form has one
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

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        known = load_table_catalogue().names
        if kind not in known:
            raise ValueError(f"未知的表格种类「{kind}」；已知的种类：{'、'.join(known)}")
        return kind

    @property
    def kind_name(self) -> str:
        return load_table_catalogue().names[self.kind]

    def value(self, row: str, col: str | None = None) -> LabeledValue | None:
        """The first figure whose row label matches `row` and column label matches `col` (regexes)."""
        row_re, col_re = re.compile(row), re.compile(col) if col is not None else None
        for value in self.values:
            if row_re.search(value.row) and (col_re is None or col_re.search(value.col)):
                return value
        return None


class Form(BaseModel):
    """One self-evaluation form as a whole: a 自评表 in one table; a 自评表 split into its money table (the
    年度资金总额 rows, 执行率 and its 分值) and the indicator block(s) right after it; or an indicator block
    standing alone, whose money part the report does not have. The form's 分值 add up to 100 and its 总分
    to its 得分 across its tables; each finding still points at the real table its cell is in."""

    model_config = ConfigDict(extra="forbid")

    money: TableInfo | None = None  # the table with the money rows (the whole form when it is not split)
    blocks: list[TableInfo] = Field(default_factory=list)  # the indicator blocks joined to it

    @property
    def parts(self) -> list[TableInfo]:
        return [*([self.money] if self.money is not None else []), *self.blocks]

    @property
    def kind(self) -> TableKind:
        """The money table's kind (a project form's conventions apply to its split-off indicators too)."""
        return self.parts[0].kind

    @property
    def kind_name(self) -> str:
        return self.parts[0].kind_name

    @property
    def name(self) -> str:
        return next((t.name for t in self.parts if t.name), "")

    @property
    def title(self) -> str:
        """For people: 「项目支出绩效自评表（某项目）」."""
        return f"{self.kind_name}{'（' + self.name + '）' if self.name else ''}"

    @property
    def indicators(self) -> list[Indicator]:
        return [i for t in self.parts for i in t.indicators]

    @property
    def totals_table(self) -> TableInfo:
        """The table with the 总分 row (the last one, when it is split), else the last table."""
        return next((t for t in reversed(self.parts) if t.total_weight or t.total_score), self.parts[-1])

    @property
    def total_weight(self) -> LabeledValue | None:
        return self.totals_table.total_weight

    @property
    def total_score(self) -> LabeledValue | None:
        return self.totals_table.total_score

    def value(self, row: str, col: str | None = None) -> LabeledValue | None:
        """A figure of the money rows; None when the form has no money table."""
        return self.money.value(row, col) if self.money is not None else None


class DeclaredWeights(BaseModel):
    """First-level weights a report states for itself (「产出指标权重40%、效益指标30%…」), by category."""

    model_config = ConfigDict(extra="forbid")

    weights: dict[str, float]
    quote: str  # the clause that declares them, verbatim
    source: Source = Field(default_factory=Source)


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
    declared_weights: DeclaredWeights | None = None  # the report's own first-level weight scheme

    def section(self, section_id: str, scope: str = "main") -> Section | None:
        return next((s for s in self.sections if s.id == section_id and s.scope == scope), None)

    def section_gap(self, section_id: str) -> str:
        """A required part that is not there, for people: 「名称（缺失）」 or 「名称（内容为空（仅填「无」））」,
        named by its heading in the report, else by the catalogue's Chinese name (never by its id)."""
        section = self.section(section_id)
        name = section.name if section is not None else load_section_catalogue().section_name(section_id)
        label = "缺失" if section is None or section.status == "missing" else "内容为空（仅填「无」）"
        return f"{name}（{label}）"

    def tables_of(self, kind: str) -> list[TableInfo]:
        return [t for t in self.tables if t.kind == kind]

    def self_eval_tables(self) -> list[TableInfo]:
        """The self-evaluation forms (部门整体, 项目, 转移支付 …), kind by kind in the catalogue's order."""
        return [t for kind in load_table_catalogue().self_eval_kinds for t in self.tables_of(kind)]

    def indicator_tables(self) -> list[TableInfo]:
        """Every table whose indicators are read: the self-evaluation forms, then the indicator blocks
        standing alone (a 绩效指标完成情况表 without money rows)."""
        return [t for kind in load_table_catalogue().indicator_kinds for t in self.tables_of(kind)]

    def forms(self) -> list[Form]:
        """The self-evaluation forms as wholes, in the order of `self_eval_tables`, then the indicator
        blocks that belong to none. A form with money rows and no indicators of its own takes the indicator
        blocks that come right after it (no other table in between): the 自评表 split at its indicator part,
        by the author or across a page."""
        forms = []
        blocks_kinds = load_table_catalogue().block_kinds
        for money in self.self_eval_tables():
            blocks: list[TableInfo] = []
            if not [i for i in money.indicators if not i.placeholder]:
                for table in self.tables[self.tables.index(money) + 1 :]:
                    if table.kind not in blocks_kinds:
                        break
                    blocks.append(table)
            forms.append(Form(money=money, blocks=blocks))
        joined = {t.index for form in forms for t in form.parts}
        loose = [t for t in self.tables if t.kind in blocks_kinds and t.index not in joined]
        return [*forms, *(Form(blocks=[t]) for t in loose)]

    def form_of(self, table: TableInfo) -> Form | None:
        """The form a table is part of."""
        return next((f for f in self.forms() if any(t.index == table.index for t in f.parts)), None)
