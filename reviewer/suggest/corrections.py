"""Figure corrections: each numeric finding said as what the author should write or check."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import fmt
from ..review import ReviewResult
from .drafts import _PERCENT_CHECKS
from .models import Suggestion

# Checks whose stated figure is derived from the others, so that the computed value is the correction.
_DERIVED = {"execution_rate", "execution_score", "staffing_control_rate", "total_score", "narrative_growth"}
_ADVICE = {
    "cross_reference": "确认口径后统一为同一数据，或在报告中说明两处口径的差异",
    "low_execution_unexplained": "请在偏差原因分析或正文中说明执行率偏低的原因",
    "target_vs_actual": "请在偏差原因分析中说明理由，或按实际完成情况给分",
    "basic_data_subtotals": "请补填空缺的分项，或核对合计数",
    "funding_sources": "请补填资金来源分项，或核对年度资金总额",
}


def figure_suggestions(result: ReviewResult) -> list[Suggestion]:
    out = []
    for finding in result.findings:
        if finding.severity == "info":
            continue
        if finding.check in _DERIVED and finding.computed is not None:
            field = finding.location.rsplit(" · ", 1)[-1]
            unit = "%" if finding.check in _PERCENT_CHECKS else ""
            text = f"{field}应填 {fmt(Decimal(str(finding.computed)), 2)}{unit}（{finding.message}）"
        elif finding.severity == "error":
            # A sum that does not add up: the total or any part may be the wrong one.
            text = f"请核对：{finding.message}。分项之和与合计数不一致，请逐项核对后更正填错的数据"
        else:
            text = f"请核对：{finding.message}；{_ADVICE.get(finding.check, '请核实后更正')}"
        out.append(Suggestion(kind="figure", text=text, location=finding.location, anchor=finding.anchor))
    return out
