"""Collects findings and records, per check, whether it ran and what it covered."""

from __future__ import annotations

from decimal import Decimal

from ..model import Source
from ..numbers import Number, fmt
from .arithmetic import Comparison
from .findings import CheckOutcome, CheckResults, CheckSummary, Finding, Outcome, Severity, as_float, fingerprint
from .location import Location, NarrativePlace, TablePlace, describe, identity
from .registry import CHECK_NAMES, CHECKS, CheckId


class Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._assessed: dict[str, int] = dict.fromkeys(CHECK_NAMES, 0)
        self._reasons: dict[str, str] = {}

    def assessed(self, check: CheckId, count: int = 1) -> None:
        self._assessed[check] += count

    def count(self, check: CheckId) -> int:
        return self._assessed[check]

    def not_assessable(self, check: CheckId, reason: str) -> None:
        self._reasons.setdefault(check, reason)

    def add(
        self,
        check: CheckId,
        severity: Severity,
        message: str,
        where: Location | TablePlace | NarrativePlace,
        *,
        expression: str,
        stated: Decimal | None = None,
        computed: Decimal | None = None,
        tolerance: str | None = None,
        anchor: Source | None = None,
        assumes: list[str] | None = None,
    ) -> None:
        self.assessed(check)
        location = where if isinstance(where, Location) else Location(place=where)
        text = describe(location)
        finding_id = fingerprint(check, identity(location), expression)
        if any(f.id == finding_id for f in self.findings):
            return
        self.findings.append(
            Finding(
                id=finding_id,
                check=check,
                severity=severity,
                message=message,
                location=text,
                location_ref=location,
                stated=as_float(stated),
                computed=as_float(computed),
                tolerance=tolerance,
                anchor=anchor,
                assumes=assumes or [],
            )
        )

    def compared(
        self,
        check: CheckId,
        comparison: Comparison,
        stated: Number,
        *,
        what: str,
        arithmetic: str,
        where: Location | TablePlace | NarrativePlace,
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
            where,
            expression=expression,
            stated=stated.value,
            computed=comparison.computed,
            tolerance=comparison.tolerance,
            anchor=anchor,
        )

    def results(self) -> CheckResults:
        outcomes = []
        for spec in CHECKS:
            check, name = spec.id, spec.name
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
