"""Targets against results in the indicator rows, and scores that do not follow from them."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from ..numbers import Number, find_numbers, fmt
from ..structure import Indicator, Report, TableInfo, load_table_catalogue
from .collector import Collector
from .settings import CheckSettings, CompletionScoring, QualitativeGrades
from .tables import NO_MONEY, loc

Direction = Literal["at_least", "at_most", "qualitative"]
_RANGE_RE = re.compile(r"\d\s*[-~～—至]\s*\d")
_ACHIEVED_RE = re.compile(r"^(已|均已)?(达到|完成|实现|达成)(目标|预期)?|已按|已达到|已完成")
_SENTENCE_RE = re.compile(r"[^。；！？!?;\n]+")


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


def completion(indicator: Indicator) -> Decimal | None:
    """The completion rate of a quantitative target (实际 ÷ 目标; 目标 ÷ 实际 when less is better), as a
    ratio; None unless target and result are one comparable figure each."""
    target, actual = find_numbers(indicator.target), find_numbers(indicator.actual)
    if len(target) != 1 or not _comparable(target, actual):
        return None
    t, a = target[0].value, actual[0].value
    direction = _direction(indicator)
    if direction == "at_least" and t > 0:
        return a / t
    if direction == "at_most" and a > 0:
        return t / a
    return None


def _qualitative(indicator: Indicator) -> bool:
    return _direction(indicator) == "qualitative" or not find_numbers(indicator.target)


def _explains(score: Number, value: Decimal) -> bool:
    """The stated 得分 is `value` as filled in (rounded to the 得分's own decimals)."""
    return abs(score.value - value) <= score.half_unit + Decimal("0.0001")


def _tried(scores: list[tuple[CompletionScoring, Decimal]]) -> str:
    return "；".join(f"{c.name}：{fmt(v, 2)} 分" for c, v in scores)


def check_targets(report: Report, out: Collector, settings: CheckSettings) -> None:
    forms = report.forms()
    for form in forms:
        # A form's conventions follow its kind, the indicator blocks split off a project form included.
        conventions = [c for c in settings.indicator_scoring if c.applies_to(form.kind)]
        grades = settings.qualitative_grades
        if grades is not None and not grades.applies_to(form.kind):
            grades = None
        for info in form.parts:
            for indicator in info.indicators:
                _indicator_target(info, indicator, conventions, grades, out)
    money = [form.money for form in forms if form.money is not None]
    for info in money:
        _low_execution(report, info, out, settings.low_execution_percent)
    if not forms:
        out.not_assessable("target_vs_actual", "报告中未找到绩效自评表")
    if not money:
        out.not_assessable("low_execution_unexplained", NO_MONEY if forms else "报告中未找到绩效自评表")


def _indicator_target(
    info: TableInfo,
    indicator: Indicator,
    conventions: list[CompletionScoring],
    grades: QualitativeGrades | None,
    out: Collector,
) -> None:
    if indicator.placeholder or indicator.weight is None or indicator.score is None:
        return
    if grades is not None and _qualitative(indicator) and _graded(info, indicator, grades, out):
        return
    verdict = assess_indicator(indicator)
    if verdict == "unknown":
        return
    out.assessed("target_vs_actual")
    if verdict == "missed":
        _missed(info, indicator, conventions, out)
    elif indicator.score.value < indicator.weight.value and not indicator.deviation:
        out.add(
            "target_vs_actual",
            "warning",
            f"指标「{indicator.level3}」实际完成值「{indicator.actual}」已达到年度指标值「{indicator.target}」，"
            f"却扣分（{indicator.score.text}/{indicator.weight.text}），且偏差原因分析未作说明",
            loc(info, indicator.level3, "得分"),
            expression=f"达标扣分:{indicator.level3}",
            stated=indicator.score.value,
            computed=indicator.weight.value,
            anchor=indicator.source,
        )


def _missed(info: TableInfo, indicator: Indicator, conventions: list[CompletionScoring], out: Collector) -> None:
    """A missed target: full marks are wrong; a lower 得分 is right when a configured convention gives it."""
    assert indicator.weight is not None and indicator.score is not None
    rate = completion(indicator)
    scores = [(c, c.score(indicator.weight.value, rate)) for c in conventions] if rate is not None else []
    where = loc(info, indicator.level3, "得分")
    missed = f"指标「{indicator.level3}」年度指标值为「{indicator.target}」，实际完成值「{indicator.actual}」未达到目标"
    if indicator.score.value >= indicator.weight.value:
        tried = f"（按所配置的计分方法：{_tried(scores)}）" if scores else ""
        message = f"{missed}，却得满分 {indicator.score.text} 分{tried}"
        expression = f"未达标满分:{indicator.level3}"
    elif rate is not None and scores and not any(_explains(indicator.score, v) for _, v in scores):
        message = (
            f"{missed}（完成率 {fmt(rate * 100, 2)}%），得分 {indicator.score.text} 分不符合所配置的任何计分方法"
            f"（已尝试：{_tried(scores)}）"
        )
        expression = f"未达标得分:{indicator.level3}"
    else:
        return
    out.add(
        "target_vs_actual",
        "warning",
        message,
        where,
        expression=expression,
        stated=indicator.score.value,
        computed=scores[0][1] if scores else None,
        anchor=indicator.source,
    )


def _graded(info: TableInfo, indicator: Indicator, grades: QualitativeGrades, out: Collector) -> bool:
    """A 定性 indicator whose result names its grade: its 得分 must fall in the grade's range. False when
    the result names no grade (the indicator is then judged as before)."""
    assert indicator.weight is not None and indicator.score is not None
    if indicator.not_applicable:
        return False
    grade = grades.grade(indicator.actual.strip())
    if grade is None:
        return False
    out.assessed("target_vs_actual")
    weight, score = indicator.weight.value, indicator.score
    low, high = weight * grade.min_share, weight * grade.max_share
    if low - score.half_unit <= score.value <= high + score.half_unit:
        return True
    out.add(
        "target_vs_actual",
        "warning",
        f"定性指标「{indicator.level3}」实际完成情况「{indicator.actual}」属「{grade.name}」档，按{grades.name}"
        f"得分应为分值的 {fmt(grade.min_share * 100)}%–{fmt(grade.max_share * 100)}%"
        f"（{fmt(low, 2)}–{fmt(high, 2)} 分），"
        f"填报 {score.text} 分",
        loc(info, indicator.level3, "得分"),
        expression=f"定性分档:{indicator.level3}",
        stated=score.value,
        computed=min(max(score.value, low), high),
        anchor=indicator.source,
    )
    return True


def _low_execution(report: Report, info: TableInfo, out: Collector, threshold: Decimal) -> None:
    budget = info.value(r"年度资金总额", r"全年预算")
    spent = info.value(r"年度资金总额", r"全年执行")
    if not (budget and spent and budget.number and spent.number and budget.number.value):
        return
    out.assessed("low_execution_unexplained")
    rate = spent.number.value / budget.number.value * 100
    if rate >= threshold:
        return
    if _explains_execution(report.document.full_text()):
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


def _explains_execution(text: str) -> bool:
    """Some sentence names the spending and gives a cause (data: execution_explanation in rubrics/_tables.yaml)."""
    words = load_table_catalogue().execution_explanation
    return any(
        re.search(words.topic, sentence) and re.search(words.cause, sentence) for sentence in _SENTENCE_RE.findall(text)
    )
