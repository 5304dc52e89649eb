"""Figure corrections: each numeric finding said as what the author should write or check."""

from __future__ import annotations

from decimal import Decimal

from ..checks.location import place_parts
from ..checks.registry import check_spec
from ..numbers import fmt
from ..review import ReviewResult
from .models import Suggestion


def figure_suggestions(result: ReviewResult) -> list[Suggestion]:
    out = []
    for finding in result.findings:
        if finding.severity == "info":
            continue
        spec = check_spec(finding.check)
        if spec.correction == "derived" and finding.computed is not None:
            field = place_parts(finding.location_ref.place)[-1]
            unit = "%" if spec.percent else ""
            text = f"{field}应填 {fmt(Decimal(str(finding.computed)), 2)}{unit}（{finding.message}）"
        elif finding.severity == "error":
            # A sum that does not add up: the total or any part may be the wrong one.
            text = f"请核对：{finding.message}。分项之和与合计数不一致，请逐项核对后更正填错的数据"
        else:
            text = f"请核对：{finding.message}；{spec.advice}"
        out.append(Suggestion(kind="figure", text=text, location=finding.location, anchor=finding.anchor))
    return out
