"""A review in one line: the score out of what was assessed, the faults counted by root cause, the worst one.

Findings that one wrong cell explains count once (reviewer.checks.causes); the most serious fault is the
error (else the warning) that explains the most findings, the first such in the findings' order.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .checks.causes import refilled, root_causes
from .checks.findings import SEVERITY_NAMES, SEVERITY_ORDER, Finding, Severity
from .quotes import shorten
from .review import ReviewResult


class Fault(BaseModel):
    """One root cause: its finding, its severity (the worst among the findings it explains), how many it explains."""

    model_config = ConfigDict(extra="forbid")

    finding: Finding
    severity: Severity
    explains: int  # findings besides the root that follow from it


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    errors: int  # root causes whose worst finding is an error
    warnings: int
    infos: int  # information findings, each on its own
    findings: int  # every finding, as listed
    worst: Fault | None = None
    # finding id → where the finding that explains it is, in Chinese (「由第 5 项引起，改正第 5 项即可」)
    caused_by: dict[str, str] = Field(default_factory=dict)


def _caused_by(dependent: Finding, n: int, position: dict[str, int]) -> str:
    # A total goes away once its cause is corrected; a 执行率得分 computed from a wrong 执行率 is refilled,
    # and so is a 总分 recomputed from corrected 得分 (`assumes`) that differs from the one filled.
    if dependent.check == "execution_score":
        return f"由第 {n} 项引起，改正第 {n} 项后按正确的执行率重算本项"
    fixed = "、".join(str(position[a]) for a in dependent.assumes if a in position) or str(n)
    if refilled(dependent):
        return f"由第 {n} 项引起，改正第 {fixed} 项后按改正后的得分重新加总本项"
    return f"由第 {n} 项引起，改正第 {fixed} 项即可"


def verdict_of(result: ReviewResult) -> Verdict:
    findings = {f.id: f for f in result.findings}
    position = {f.id: n for n, f in enumerate(result.findings, 1)}
    faults = []
    caused_by = {}
    for cause in root_causes(result.findings):
        members = [findings[cause.root], *(findings[d] for d in cause.dependents)]
        severity = min((f.severity for f in members), key=SEVERITY_ORDER.__getitem__)
        faults.append(Fault(finding=findings[cause.root], severity=severity, explains=len(cause.dependents)))
        n = position[cause.root]
        caused_by.update({d: _caused_by(findings[d], n, position) for d in cause.dependents})
    worst = min(faults, key=lambda f: (SEVERITY_ORDER[f.severity], -f.explains), default=None)
    return Verdict(
        errors=sum(f.severity == "error" for f in faults),
        warnings=sum(f.severity == "warning" for f in faults),
        infos=sum(f.severity == "info" for f in result.findings),
        findings=len(result.findings),
        worst=worst,
        caused_by=caused_by,
    )


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


WORST_CHARS = 80  # the worst finding's message, shortened to keep the verdict on one line


def verdict_line(result: ReviewResult, verdict: Verdict) -> str:
    """The verdict in one Chinese sentence, for the first line of a review."""
    if result.status == "not_a_report":
        return f"审阅结论：不是绩效自评报告——{result.status_reason}"
    total = result.total
    score = f"得分 {_points(total.points)} / {_points(total.assessed_max_points)}"
    if total.assessed_max_points != total.max_points:
        score += f"（已评项目满分；评分表满分 {_points(total.max_points)}）"
    faults = f"错误 {verdict.errors} 项、警告 {verdict.warnings} 项"
    if verdict.errors + verdict.warnings + verdict.infos != verdict.findings:
        faults += f"（按根本原因计，共列出 {verdict.findings} 条）"
    worst = verdict.worst
    # A rubric written for the other kind of report: said with the score it qualifies.
    mismatch = f"注意：{result.rubric_mismatch.message}。" if result.rubric_mismatch else ""
    if worst is None:
        return f"审阅结论：{score}；{faults}；未发现数据错误。{mismatch}"
    finding = worst.finding
    also = f"，另有 {worst.explains} 条由此引起" if worst.explains else ""
    return (
        f"审阅结论：{score}；{faults}；最严重：【{SEVERITY_NAMES[worst.severity]}】"
        f"{shorten(finding.message, WORST_CHARS)}（{finding.location}{also}）{'。' + mismatch if mismatch else ''}"
    )
