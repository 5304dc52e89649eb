"""Collects findings and records, per check, whether it ran and what it covered."""

from __future__ import annotations

from decimal import Decimal

from ..model import Source
from ..numbers import Number, fmt
from .arithmetic import Comparison
from .findings import CheckOutcome, CheckResults, CheckSummary, Finding, Outcome, Severity, as_float, fingerprint

# Every check the tool runs, in report order, with its Chinese name.
CHECK_NAMES: dict[str, str] = {
    "execution_rate": "执行率 = 全年执行数 ÷ 全年预算数",
    "execution_score": "预算执行率得分 = 分值 × 执行率",
    "score_within_weight": "各指标得分不超过分值",
    "level1_weight": "一级指标权重 = 所属指标分值之和",
    "weight_total": "分值合计为 100",
    "total_score": "总分 = 各项得分之和",
    "income_composition": "按收入性质分合计 = 全年预算数",
    "expense_composition": "基本支出 + 项目支出 = 全年执行数",
    "funding_sources": "项目资金来源合计 = 年度资金总额",
    "basic_data_subtotals": "基础数据表分项合计 = 合计数",
    "staffing_control_rate": "控制率 = 实际在职人数 ÷ 编制数",
    "narrative_sums": "正文「其中」「主要包括」分项合计",
    "narrative_growth": "正文「比上年增加/减少」前后一致",
    "cross_reference": "同一数据在不同位置填报一致",
    "target_vs_actual": "实际完成值与年度指标值对照",
    "low_execution_unexplained": "执行率偏低须说明原因",
}


class Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._assessed: dict[str, int] = dict.fromkeys(CHECK_NAMES, 0)
        self._reasons: dict[str, str] = {}

    def assessed(self, check: str, count: int = 1) -> None:
        self._assessed[check] += count

    def count(self, check: str) -> int:
        return self._assessed[check]

    def not_assessable(self, check: str, reason: str) -> None:
        self._reasons.setdefault(check, reason)

    def add(
        self,
        check: str,
        severity: Severity,
        message: str,
        location: str,
        *,
        expression: str,
        stated: Decimal | None = None,
        computed: Decimal | None = None,
        tolerance: str | None = None,
        anchor: Source | None = None,
    ) -> None:
        self.assessed(check)
        finding_id = fingerprint(check, location, expression)
        if any(f.id == finding_id for f in self.findings):
            return
        self.findings.append(
            Finding(
                id=finding_id,
                check=check,
                severity=severity,
                message=message,
                location=location,
                stated=as_float(stated),
                computed=as_float(computed),
                tolerance=tolerance,
                anchor=anchor,
            )
        )

    def compared(
        self,
        check: str,
        comparison: Comparison,
        stated: Number,
        *,
        what: str,
        arithmetic: str,
        location: str,
        expression: str,
        anchor: Source | None,
        severity: Severity = "error",
        unit: str = "",
    ) -> None:
        """Record one comparison: nothing when exact, info for rounding, a finding otherwise."""
        computed_text = fmt(comparison.computed, max(stated.decimals, 2)) + unit
        stated_text = fmt(stated.value, max(stated.decimals, 0)) + unit
        if comparison.verdict == "exact":
            self.assessed(check)
            return
        if comparison.verdict == "rounding":
            severity = "info"
            message = (
                f"{what}按 {arithmetic} = {computed_text}，填报 {stated_text}，差异在四舍五入误差"
                f"（{comparison.tolerance}）以内"
            )
        else:
            message = f"{what}应为 {arithmetic} = {computed_text}，填报 {stated_text}"
        self.add(
            check,
            severity,
            message,
            location,
            expression=expression,
            stated=stated.value,
            computed=comparison.computed,
            tolerance=comparison.tolerance,
            anchor=anchor,
        )

    def results(self) -> CheckResults:
        outcomes = []
        for check, name in CHECK_NAMES.items():
            outcome: Outcome
            failing = any(f.check == check and f.severity in ("error", "warning") for f in self.findings)
            if failing:
                outcome = "failed"
            elif self._assessed[check]:
                outcome = "passed"
            else:
                outcome = "not_assessable"
            outcomes.append(
                CheckOutcome(
                    check=check,
                    name=name,
                    outcome=outcome,
                    assessed=self._assessed[check],
                    reason=self._reasons.get(check, "") if outcome == "not_assessable" else "",
                )
            )
        summary = CheckSummary(
            run=[o.check for o in outcomes if o.outcome != "not_assessable"],
            passed=[o.check for o in outcomes if o.outcome == "passed"],
            failed=[o.check for o in outcomes if o.outcome == "failed"],
            not_assessable=[o.check for o in outcomes if o.outcome == "not_assessable"],
            outcomes=outcomes,
        )
        return CheckResults(findings=self.findings, summary=summary)
