"""Cross-references: the same quantity stated in two places (narrative and tables, two tables) agrees."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from ..model import Source
from ..numbers import Number, find_numbers, fmt, parse_number
from ..quotes import shorten
from ..structure import LabeledValue, Report, TableInfo
from .collector import Collector
from .location import Location
from .prose import GROWTH_RE, GuardedPattern, N, SectionRef, narrative_paragraphs, number, sentence_place, sentences
from .tables import loc


class NarrativeFigure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    scope: str  # "gp": 一般公共预算 only; "all": the whole department
    section: SectionRef
    number: Number
    sentence: str
    source: Source


# What the narrative states that a table also states. Keys are compared with table figures below.
# Each pattern runs only on clauses holding its guard word, which every match of it contains.
_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("basic", r"基本支出(?:决算)?(?:为|是)?\s*" + N + r"\s*万元", "基本支出"),
    ("project", r"项目支出(?:决算)?(?:为|是)?\s*" + N + r"\s*万元", "项目支出"),
    (
        "total_spent",
        r"(?:本部门|我部门|部门整体|本单位|我单位)(?:整体)?支出(?:总额|决算)?(?:为)?\s*" + N + r"\s*万元",
        "支出",
    ),
    ("reception", r"公务接待费?(?:支出)?(?:决算)?(?:数)?(?:为)?\s*" + N + r"\s*万元", "公务接待"),
    ("abroad", r"因公出国[（(]境[）)]费?(?:支出)?(?:决算)?(?:数)?(?:为)?\s*" + N + r"\s*万元", "因公出国"),
    (
        "vehicle",
        r"公务用车购置(?:费)?及运行(?:维护)?费?(?:支出)?(?:决算)?(?:数)?(?:为)?\s*" + N + r"\s*万元",
        "公务用车购置",
    ),
    ("office_budget", r"办公(?:费|经费)(?:年初)?预算(?:数)?(?:为)?\s*" + N + r"\s*万元", "办公"),
    (
        "office_spent",
        r"办公(?:费|经费)[^。；;]{0,16}?(?:实际支出|决算数?|实际发生)(?:数|额)?(?:为)?\s*" + N + r"\s*万元",
        "办公",
    ),
    ("self_score", r"自评(?:指标)?(?:综合|总)?得分(?:为)?\s*" + N + r"\s*分", "得分"),
)
_FIGURE_RES = tuple((key, GuardedPattern(pattern, guard)) for key, pattern, guard in _FIGURES)
_CLAUSE_SPLIT_RE = re.compile(r"[；;]")
_KEY_NAMES = {
    "basic": "基本支出",
    "project": "项目支出",
    "total_spent": "部门支出总额",
    "reception": "公务接待费",
    "abroad": "因公出国（境）费",
    "vehicle": "公务用车购置及运行维护费",
    "office_budget": "办公费预算",
    "office_spent": "办公费实际支出",
    "self_score": "自评得分",
}


def narrative_figures(report: Report) -> list[NarrativeFigure]:
    figures = []
    for section, paragraph in narrative_paragraphs(report):
        for sentence in sentences(paragraph):
            for clause in _CLAUSE_SPLIT_RE.split(sentence):
                scope = "gp" if "一般公共预算" in clause else "all"
                for key, pattern in _FIGURE_RES:
                    for match in pattern.finditer(clause):
                        figures.append(
                            NarrativeFigure(
                                key=key,
                                scope=scope,
                                section=section,
                                number=number(match.group(1)),
                                sentence=sentence,
                                source=paragraph.source,
                            )
                        )
    return figures


def _year_column(info: TableInfo, year: int | None, kind: str) -> str:
    cols = [v.col for v in info.values if kind in v.col]
    if year is not None:
        exact = [c for c in cols if c.startswith(str(year))]
        if exact:
            return exact[0]
    return cols[-1] if cols else ""


def check_cross_references(report: Report, out: Collector) -> None:
    figures = narrative_figures(report)
    dept = next(iter(report.tables_of("dept_self_eval")), None)
    basic = next(iter(report.tables_of("basic_data")), None)
    pairs: list[tuple[NarrativeFigure, LabeledValue, TableInfo]] = []

    def pair(key: str, scope: str | None, info: TableInfo | None, row: str, col: str | None) -> None:
        if info is None:
            return
        value = info.value(row, col) if col is not None else None
        if value is None or value.number is None:
            return
        for figure in figures:
            if figure.key == key and (scope is None or figure.scope == scope):
                pairs.append((figure, value, info))

    if dept is not None:
        pair("basic", "all", dept, r"^基本支出", r"按支出性质")
        pair("project", "all", dept, r"^项目支出", r"按支出性质")
        pair("total_spent", None, dept, r"年度资金总额", r"全年执行")
        if dept.total_score is not None:
            pairs.extend(
                (f, dept.total_score, dept)
                for f in figures
                if f.key == "self_score" and dept.total_score.number is not None
            )
    if basic is not None:
        spent_col = re.escape(_year_column(basic, report.year, "决算"))
        budget_col = re.escape(_year_column(basic, report.year, "预算"))
        pair("basic", "gp", basic, r"^部门基本支出", spent_col)
        pair("project", "gp", basic, r"^项目支出", spent_col)
        pair("reception", None, basic, r"^公务接待", spent_col)
        pair("abroad", None, basic, r"出国", spent_col)
        pair("vehicle", None, basic, r"^公务用车", spent_col)
        pair("office_budget", None, basic, r"^办公", budget_col)
        pair("office_spent", None, basic, r"^办公", spent_col)
    for figure, value, info in pairs:
        assert value.number is not None
        out.assessed("cross_reference")
        if abs(figure.number.value - value.number.value) <= figure.number.half_unit + value.number.half_unit:
            continue
        name = _KEY_NAMES[figure.key]
        disagree(
            out,
            f"{name}在正文中为 {figure.number.text}（「{shorten(figure.sentence, 30)}」），"
            f"在{info.kind_name}中为 {value.number.text}，两处不一致",
            Location(
                place=sentence_place(figure.section, figure.sentence, figure.source),
                other=loc(info, value.row, value.col, value.source),
            ),
            expression=f"{figure.key}:{figure.number.text}:{value.row}:{value.col}",
            stated=figure.number.value,
            computed=value.number.value,
            anchor=figure.source,
        )
    _prior_year(report, basic, out)
    _indicator_results(report, out)
    _project_tables(report, basic, out)
    if not out.count("cross_reference"):
        out.not_assessable("cross_reference", "正文与表格之间没有可对照的同一数据")


_RESULT_UNITS = {"亿元", "万元", "家", "个", "项", "人", "场", "次", "户", "篇", "件"}


def disagree(
    out: Collector,
    message: str,
    where: Location,
    *,
    expression: str,
    stated: Decimal,
    computed: Decimal,
    anchor: Source | None,
) -> None:
    """Two places state one quantity differently: a warning, since they may differ in scope."""
    out.add(
        "cross_reference",
        "warning",
        message,
        where,
        expression=expression,
        stated=stated,
        computed=computed,
        anchor=anchor,
    )


def _indicator_results(report: Report, out: Collector) -> None:
    """An indicator's 实际完成值 stated again in the narrative, with another value.

    The narrative must name the indicator (its last three to six characters, e.g. 「成交额」 of
    「技术合同成交额」) right before a figure in the same unit; anything looser would alarm on
    figures that merely share a unit.
    """
    paragraphs = narrative_paragraphs(report)
    seen: set[tuple[str, str]] = set()
    for info in report.indicator_tables():
        for indicator in info.indicators:
            found = find_numbers(indicator.actual)
            actual = [n for n in found if n.unit in _RESULT_UNITS]
            if len(actual) != 1 or len(found) != 1 or len(indicator.level3) < 3:
                continue
            stated = actual[0]
            for section, paragraph in paragraphs:
                for size in range(min(6, len(indicator.level3)), 2, -1):
                    name = indicator.level3[-size:]
                    if name not in paragraph.text:
                        continue  # the pattern opens with the name: no need to run it
                    pattern = re.escape(name) + r"(?:为|达|达到|是|共)?\s*" + N + r"\s*" + re.escape(stated.unit)
                    match = re.search(pattern, paragraph.text)
                    if not match:
                        continue
                    figure = number(match.group(1) + stated.unit)
                    key = (indicator.level3, match.group(0))
                    out.assessed("cross_reference")
                    if figure.value != stated.value and key not in seen:
                        seen.add(key)
                        disagree(
                            out,
                            f"「{indicator.level3}」在{info.kind_name}中实际完成值为 {stated.text}，"
                            f"正文写作「{match.group(0)}」，两处不一致",
                            Location(
                                place=sentence_place(section, match.group(0), paragraph.source),
                                other=loc(info, indicator.level3, "实际完成值"),
                            ),
                            expression=f"指标实际:{indicator.level3}:{figure.text}",
                            stated=figure.value,
                            computed=stated.value,
                            anchor=paragraph.source,
                        )
                    break


def _prior_year(report: Report, basic: TableInfo | None, out: Collector) -> None:
    """「比上年减少6.08万元」 implies last year's figure; the 基础数据表 may give it too."""
    if basic is None or report.year is None:
        return
    prior_col = _year_column(basic, report.year - 1, "决算")
    if not prior_col.startswith(str(report.year - 1)):
        return
    for section, paragraph in narrative_paragraphs(report):
        for match in GROWTH_RE.finditer(paragraph.text):
            label = match.group(1)
            row = next(
                (
                    r
                    for key, r in (
                        ("公务接待", r"^公务接待"),
                        ("三公经费", r"^三公经费"),
                        ("公务用车", r"^公务用车"),
                        ("出国", r"出国"),
                    )
                    if key in label
                ),
                None,
            )
            if row is None:
                continue
            value = basic.value(row, re.escape(prior_col))
            if value is None or value.number is None:
                continue
            current, change = number(match.group(2)), number(match.group(4))
            sign = Decimal(1) if match.group(3) in ("增加", "增长", "上升") else Decimal(-1)
            implied = current.value - sign * change.value
            out.assessed("cross_reference")
            if abs(implied - value.number.value) > current.half_unit + change.half_unit + value.number.half_unit:
                disagree(
                    out,
                    f"正文称{label.strip()}{current.text}万元、比上年{match.group(3)}{change.text}万元，"
                    f"即上年为 {fmt(implied)} 万元；基础数据表{prior_col}为 {value.number.text} 万元",
                    Location(
                        place=sentence_place(section, match.group(0), paragraph.source),
                        other=loc(basic, value.row, value.col, value.source),
                    ),
                    expression=f"上年:{value.row}",
                    stated=implied,
                    computed=value.number.value,
                    anchor=paragraph.source,
                )


def _project_tables(report: Report, basic: TableInfo | None, out: Collector) -> None:
    """A project's self-evaluation table against its report form and the 基础数据表 line of the same name."""
    for info in report.tables_of("project_self_eval"):
        spent = info.value(r"年度资金总额", r"全年执行")
        budget = info.value(r"年度资金总额", r"全年预算")
        for form in report.tables_of("project_report"):
            amount = next((c for label, c in form.fields.items() if "预算金额" in label), None)
            number = parse_number(amount.flat) if amount is not None else None
            if form.name != info.name or number is None or budget is None or budget.number is None:
                continue
            out.assessed("cross_reference")
            if number.value != budget.number.value:
                disagree(
                    out,
                    f"项目「{info.name}」的年度预算金额在自评报告中为 {number.text}，"
                    f"自评表全年预算数为 {budget.number.text}",
                    Location(
                        place=loc(form, "年度预算金额", cell=amount.source if amount else None),
                        other=loc(info, "年度资金总额", budget.col, budget.source),
                    ),
                    expression=f"项目预算:{info.name}",
                    stated=number.value,
                    computed=budget.number.value,
                    anchor=amount.source if amount else None,
                )
        if basic is None or spent is None or spent.number is None or not info.name:
            continue
        spent_col = _year_column(basic, report.year, "决算")
        line = next((v for v in basic.values if v.row == info.name and v.col == spent_col and v.number), None)
        if line is None or line.number is None:
            continue
        out.assessed("cross_reference")
        if line.number.value != spent.number.value:
            disagree(
                out,
                f"项目「{info.name}」全年执行数在项目支出绩效自评表中为 {spent.number.text} 万元，"
                f"基础数据表同名项目{spent_col}为 {line.number.text} 万元",
                Location(
                    place=loc(info, "年度资金总额", spent.col, spent.source),
                    other=loc(basic, line.row, line.col, line.source),
                ),
                expression=f"项目执行:{info.name}",
                stated=spent.number.value,
                computed=line.number.value,
                anchor=spent.source,
            )
