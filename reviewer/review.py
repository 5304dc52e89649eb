"""One report, end to end: read, recognise, check, score. The JSON contract lives here."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .checks import CheckResults, Finding, check_report
from .checks.findings import CheckSummary
from .read import read_report
from .structure import Report, analyse


class SectionSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    scope: str
    status: str
    heading: str


class TableSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int
    kind: str
    kind_name: str
    title: str
    name: str
    indicators: int


class DocumentSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    format: str
    unit: str
    year: int | None
    kind: str
    title: str
    sections: list[SectionSummary]
    tables: list[TableSummary]


class ItemScore(BaseModel):
    """A draft score for one rubric item, with what it rests on."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    max_points: float
    points: float | None
    band: str | None = None
    status: str  # scored | needs_evidence | not_applicable | unscored
    scorer: str | None = None
    justification: str = ""
    evidence: list[str] = Field(default_factory=list)


class Total(BaseModel):
    model_config = ConfigDict(extra="forbid")

    points: float | None
    max_points: float
    assessed_max_points: float


class ReviewResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool: str = f"reviewer {__version__}"
    document: DocumentSummary
    findings: list[Finding]
    checks: CheckSummary
    items: list[ItemScore]
    total: Total


def summarise_document(report: Report) -> DocumentSummary:
    return DocumentSummary(
        path=report.document.path,
        format=report.document.format,
        unit=report.unit,
        year=report.year,
        kind=report.kind,
        title=report.title,
        sections=[
            SectionSummary(id=s.id, name=s.name, scope=s.scope, status=s.status, heading=s.heading)
            for s in report.sections
        ],
        tables=[
            TableSummary(
                index=t.index,
                kind=t.kind,
                kind_name=t.kind_name,
                title=t.title,
                name=t.name,
                indicators=len([i for i in t.indicators if not i.placeholder]),
            )
            for t in report.tables
        ],
    )


def total_of(items: list[ItemScore]) -> Total:
    scored = [i for i in items if i.points is not None]
    return Total(
        points=sum(i.points for i in scored if i.points is not None) if scored else None,
        max_points=sum(i.max_points for i in items),
        assessed_max_points=sum(i.max_points for i in scored),
    )


def review_path(path: str | Path) -> ReviewResult:
    report = analyse(read_report(path))
    checks = check_report(report)
    return build_result(report, checks, placeholder_items())


def placeholder_items() -> list[ItemScore]:
    return [
        ItemScore(
            id=item_id,
            name=name,
            max_points=points,
            points=None,
            status="not_applicable",
            justification="叙述部分评分尚未启用",
        )
        for item_id, name, points in (
            ("completeness", "完整性", 15),
            ("indicator_table", "绩效自评表", 20),
            ("problems", "反映问题情况", 20),
            ("suggestions", "建议情况", 15),
        )
    ]


def build_result(report: Report, checks: CheckResults, items: list[ItemScore]) -> ReviewResult:
    return ReviewResult(
        document=summarise_document(report),
        findings=checks.findings,
        checks=checks.summary,
        items=items,
        total=total_of(items),
    )
