"""One report, end to end: read, recognise, check, score. The JSON contract lives here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from . import __version__
from .checks import CheckResults, Finding, check_report
from .checks.findings import CheckSummary
from .errors import LLMError
from .llm_settings import LLMSettings, LLMUsage
from .model import Notice

if TYPE_CHECKING:
    from .llm import LLMClient
from .read import read_report
from .rubric import DEFAULT_RUBRIC, Rubric, RubricMismatch, load_rubric, rubric_mismatch
from .scoring.engine import score_items
from .scoring.evidence import load_evidence
from .scoring.facts import NarrativeFacts
from .scoring.items import RULES, ItemScore, Scorer, Total, total_of
from .scoring.rules import extract_rules
from .structure import Report, analyse, not_a_report_reason


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
    # What the reader noticed about the file (unaccepted revisions, hidden text, conversion, PDF pages).
    notices: list[Notice] = []


# The JSON contract's version: 1.1 added `schema_version`, findings' `location_ref` and items' `scorer_ref`;
# 1.2 added `status` and `status_reason` (not_a_report); 1.3 `rubric_mismatch`; 1.4 findings' `assumes`.
SCHEMA_VERSION = "1.4"


ReviewStatus = Literal["ok", "not_a_report"]


class ReviewResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    status: ReviewStatus = "ok"  # not_a_report: the document is not a 绩效自评报告 (see status_reason)
    status_reason: str = ""  # why, in Chinese
    tool: str = f"reviewer {__version__}"
    rubric: str
    # The rubric is declared for another kind of report than this one (a 部门整体 rubric on a 项目 report).
    rubric_mismatch: RubricMismatch | None = None
    llm_usage: LLMUsage | None = None
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
        notices=list(report.document.notices),
    )


def review_path(path: str | Path, options: ReviewOptions | None = None) -> ReviewResult:
    return review_report(analyse(read_report(path)), options or ReviewOptions())


class ReviewOptions(BaseModel):
    """How to score: which rubric, which narrative scorer, what outside evidence."""

    model_config = ConfigDict(extra="forbid")

    rubric: str = DEFAULT_RUBRIC
    scorer: Literal["rules", "llm"] = "rules"
    evidence: str | None = None
    llm: LLMSettings | None = None
    fallback: bool = True


def review_report(report: Report, options: ReviewOptions) -> ReviewResult:
    return review_with_facts(report, options)[0]


def review_with_facts(
    report: Report, options: ReviewOptions, client: LLMClient | None = None
) -> tuple[ReviewResult, NarrativeFacts | None]:
    """The review, and the narrative facts it was scored from (for suggestions: extracted once).

    With the llm scorer one client serves every sample (and, through `client`, the caller's further
    calls), so that the per-report token budget covers the whole report.
    """
    rubric = load_rubric(options.rubric)
    evidence = load_evidence(options.evidence) if options.evidence else None
    checks = check_report(report, rubric.checks)
    if options.scorer == "llm" and client is None:
        client = llm_client(options)
    samples = client.settings.samples if client is not None else 1
    runs = []
    errors = []
    facts: NarrativeFacts | None = None
    for sample in range(samples):
        extraction = extract_facts(report, rubric, options, sample, client)
        facts = extraction.facts
        items = score_items(
            report, checks, rubric, facts, extraction.scorer, evidence, unscored_reason=extraction.unscored_reason
        )
        if extraction.error and facts is not None:
            narrative = {i.id for i in rubric.items if i.section is not None}
            for item in items:
                if item.id in narrative:
                    item.justification = (
                        f"【模型抽取失败，改用 rules 评分。原因：{extraction.error}】" + item.justification
                    )
        runs.append(items)
        errors.append(extraction.error)
    result = build_result(report, checks, median_items(runs), rubric)
    if client is not None:
        result.llm_usage = LLMUsage(
            **client.usage.model_dump(), samples=samples, error=next((e for e in reversed(errors) if e), None)
        )
    return result, facts


def llm_client(options: ReviewOptions) -> LLMClient:
    from .llm import LLMClient

    return LLMClient(options.llm or LLMSettings.from_environment())


def median_items(runs: list[list[ItemScore]]) -> list[ItemScore]:
    """Per item, the run with the median points; where the runs' bands differ, say so for a human."""
    if len(runs) == 1:
        return runs[0]
    merged = []
    for versions in zip(*runs, strict=True):
        scored = sorted((v for v in versions if v.points is not None), key=lambda v: v.points or 0.0)
        chosen = scored[(len(scored) - 1) // 2] if scored else versions[0]
        points = [v.points for v in versions]
        if len({v.band for v in versions}) > 1 or len(set(points)) > 1:
            chosen = chosen.model_copy(
                update={
                    "justification": chosen.justification
                    + f"（{len(versions)} 次抽取得分分别为 "
                    + "、".join("—" if p is None else f"{p:g}" for p in points)
                    + "，取中位数；结果不一致，建议人工复核）",
                    "detail": chosen.detail.model_copy(update={"samples": points, "disagreement": True}),
                }
            )
        merged.append(chosen)
    return merged


class Extraction(BaseModel):
    """Facts about 问题 and 措施, the scorer that produced them, why they are missing, and any llm error."""

    model_config = ConfigDict(extra="forbid")

    facts: NarrativeFacts | None
    scorer: Scorer
    unscored_reason: str = ""
    error: str = ""


def extract_facts(
    report: Report, rubric: Rubric, options: ReviewOptions, sample: int = 0, client: LLMClient | None = None
) -> Extraction:
    """The narrative facts one review is scored from.

    With the llm scorer a failed extraction is never a silent 0: without fallback the items are
    unscored with the reason; with fallback (the default) the rules extractor scores them and says so.
    """
    if options.scorer == "rules" or client is None:
        return Extraction(facts=extract_rules(report), scorer=RULES)
    from .scoring.llm_extractor import extract_llm

    scorer = Scorer(kind="llm", model=client.settings.model)
    try:
        return Extraction(facts=extract_llm(report, rubric, client.settings, client, sample=sample), scorer=scorer)
    except LLMError as exc:
        if not options.fallback:
            return Extraction(
                facts=None, scorer=scorer, unscored_reason=f"模型未能完成抽取（{exc}），本项未评分", error=str(exc)
            )
        return Extraction(
            facts=extract_rules(report),
            scorer=Scorer(kind="rules", fell_back_from=client.settings.model),
            error=str(exc),
        )


def build_result(report: Report, checks: CheckResults, items: list[ItemScore], rubric: Rubric) -> ReviewResult:
    reason = not_a_report_reason(report)
    return ReviewResult(
        status="not_a_report" if reason else "ok",
        status_reason=reason,
        document=summarise_document(report),
        rubric=f"{rubric.id}@{rubric.version}",
        rubric_mismatch=None if reason else rubric_mismatch(rubric, report.kind),
        findings=checks.findings,
        checks=checks.summary,
        items=items,
        total=total_of(items),
    )
