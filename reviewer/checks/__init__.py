"""Deterministic numeric checks: every figure that can be recomputed is recomputed."""

from __future__ import annotations

from ..structure import Report
from .collector import Collector
from .cross_references import check_cross_references
from .findings import SEVERITY_ORDER, CheckResults, Finding
from .narrative import check_narrative
from .registry import CHECK_NAMES
from .settings import CheckSettings
from .tables import check_basic_data, check_self_eval_tables
from .targets import check_targets

__all__ = ["CHECK_NAMES", "CheckResults", "CheckSettings", "Finding", "check_report"]


def check_report(report: Report, settings: CheckSettings | None = None) -> CheckResults:
    """Every check on one report; `settings` carries the rubric's thresholds (defaults: common practice)."""
    settings = settings or CheckSettings()
    out = Collector()
    check_self_eval_tables(report, out, settings)
    check_basic_data(report, out)
    check_narrative(report, out)
    check_cross_references(report, out)
    check_targets(report, out, settings)
    results = out.results()
    results.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.check))
    return results
