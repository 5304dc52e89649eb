"""Targets against results in the indicator rows, and scores that do not follow from them."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from ..numbers import Number, find_numbers
from ..structure import Indicator, Report, TableInfo, load_table_catalogue
from .collector import Collector
from .settings import CheckSettings
from .tables import loc

Direction = Literal["at_least", "at_most", "qualitative"]
_RANGE_RE = re.compile(r"\d\s*[-~～—至]\s*\d")
_ACHIEVED_RE = re.compile(r"^(已|均已)?(达到|完成|实现|达成)(目标|预期)?|已按|已达到|已完成")
_EXPLAINED_RE = re.compile(
    r"执行率[^。]{0,30}(原因|由于|因为|受)|(原因|由于)[^。]{0,40}执行率|未(全部)?(拨付|支付|执行)[^。]{0,20}(原因|由于)"
)


def _direction(indicator: Indicator) -> Direction:
    """From the form's 指标性质 column when it has one, else from the target and the category (data:
    indicator_direction in rubrics/_tables.yaml)."""
    words = load_table_catalogue().indicator_direction
    if indicator.direction:
        if re.search(words.qualitative, indicator.direction):
            return "qualitative"
        return "at_most" if re.search(words.at_most, indicator.direction) else "at_least"
    if re.search(words.at_most, indicator.target) or re.search(
        words.at_most_categories, indicator.level2 + indicator.level1
    ):
        return "at_most"
    return "at_least"


def _comparable(target: list[Number], actual: list[Number]) -> bool:
    if not target or len(target) != len(actual):
        return False
    return all(
        t.percent == a.percent and (not t.unit or not a.unit or t.unit == a.unit)
        for t, a in zip(target, actual, strict=True)
    )


def assess_indicator(indicator: Indicator) -> Literal["met", "missed", "unknown"]:
    if indicator.not_applicable or _RANGE_RE.search(indicator.target):
        return "unknown"
    direction = _direction(indicator)
    target, actual = find_numbers(indicator.target), find_numbers(indicator.actual)
    if direction != "qualitative" and _comparable(target, actual):
        for t, a in zip(target, actual, strict=True):
            if (direction == "at_least" and a.value < t.value) or (direction == "at_most" and a.value > t.value):
                return "missed"
        return "met"
    if not actual and _ACHIEVED_RE.search(indicator.actual):
        return "met"
    return "unknown"


def _pro_rata(indicator: Indicator) -> Decimal | None:
    """A missed 「more is better」 target's score in proportion to its completion (分值 × 实际 ÷ 目标)."""
    target, actual = find_numbers(indicator.target), find_numbers(indicator.actual)
    if indicator.weight is None or len(target) != 1 or len(actual) != 1 or not target[0].value:
        return None
    if _direction(indicator) != "at_least":
        return None
    return indicator.weight.value * min(actual[0].value / target[0].value, Decimal(1))


def check_targets(report: Report, out: Collector, settings: CheckSettings) -> None:
    tables = report.self_eval_tables()
    for info in tables:
        for indicator in info.indicators:
            if indicator.placeholder or indicator.weight is None or indicator.score is None:
                continue
            verdict = assess_indicator(indicator)
            if verdict == "unknown":
                continue
            out.assessed("target_vs_actual")
            full_marks = indicator.score.value >= indicator.weight.value
            where = loc(info, indicator.level3, "得分")
            if verdict == "missed" and full_marks:
                pro_rata = _pro_rata(indicator)
                out.add(
                    "target_vs_actual",
                    "warning",
                    f"指标「{indicator.level3}」年度指标值为「{indicator.target}」，实际完成值「{indicator.actual}」"
                    f"未达到目标，却得满分 {indicator.score.text} 分"
                    + (f"（按完成比例约 {pro_rata:.2f} 分）" if pro_rata is not None else ""),
                    where,
                    expression=f"未达标满分:{indicator.level3}",
                    stated=indicator.score.value,
                    computed=pro_rata,
                    anchor=indicator.source,
                )
            if verdict == "met" and not full_marks and not indicator.deviation:
                out.add(
                    "target_vs_actual",
                    "warning",
                    f"指标「{indicator.level3}」实际完成值「{indicator.actual}」已达到年度指标值「{indicator.target}」，"
                    f"却扣分（{indicator.score.text}/{indicator.weight.text}），且偏差原因分析未作说明",
                    where,
                    expression=f"达标扣分:{indicator.level3}",
                    stated=indicator.score.value,
                    computed=indicator.weight.value,
                    anchor=indicator.source,
                )
        _low_execution(report, info, out, settings.low_execution_percent)
    if not tables:
        out.not_assessable("target_vs_actual", "报告中未找到绩效自评表")
        out.not_assessable("low_execution_unexplained", "报告中未找到绩效自评表")


def _low_execution(report: Report, info: TableInfo, out: Collector, threshold: Decimal) -> None:
    budget = info.value(r"年度资金总额", r"全年预算")
    spent = info.value(r"年度资金总额", r"全年执行")
    if not (budget and spent and budget.number and spent.number and budget.number.value):
        return
    out.assessed("low_execution_unexplained")
    rate = spent.number.value / budget.number.value * 100
    if rate >= threshold:
        return
    if _EXPLAINED_RE.search(report.document.full_text()):
        return
    out.add(
        "low_execution_unexplained",
        "warning",
        f"预算执行率为 {rate:.2f}%（{spent.number.text} ÷ {budget.number.text}），低于 {threshold}%，"
        f"报告未说明执行偏差的原因",
        loc(info, "年度资金总额", "执行率"),
        expression="执行率偏低",
        stated=rate.quantize(Decimal("0.01")),
        computed=threshold,
        anchor=spent.source,
    )
