"""The reviewer's word over the tool's draft: checking a decision, the final score, round two.

Pure functions over the review's JSON contract and the stored decisions; nothing here touches storage.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..review import ReviewResult
from .store import Decision, Verdict

VERDICT_NAMES = {"confirmed": "确认", "not_an_error": "不是错误"}
REVIEW_STATUS_NAMES = {"pending": "待审", "reviewed": "已审", "returned": "已退回"}


class DecisionError(ValueError):
    """A decision that cannot be taken: the message is Chinese and says what is wrong."""


class DecisionIn(BaseModel):
    """A decision as posted: an item's points, a finding's verdict, or a remark on the report."""

    model_config = ConfigDict(extra="forbid")

    item: str | None = None
    points: float | None = None
    finding: str | None = None
    verdict: Verdict | None = None
    remark: str | None = None
    note: str = ""
    who: str = ""


def validate_decision(result: ReviewResult, posted: DecisionIn, who: str, at: str) -> Decision:
    """The decision to store, or DecisionError naming what is out of range or unknown."""
    who = (posted.who or who).strip()[:40] or "未署名"
    note = posted.note.strip()[:2000]
    targets = [t for t in (posted.item, posted.finding, posted.remark) if t is not None]
    if len(targets) != 1:
        raise DecisionError("请指定且只指定一个对象：评分项目（item）、核对问题（finding）或审核备注（remark）")
    if posted.item is not None:
        item = next((i for i in result.items if i.id == posted.item), None)
        if item is None:
            raise DecisionError(f"评分表中没有编号为「{posted.item}」的评分项目")
        if posted.points is None:
            raise DecisionError(f"请填写「{item.name}」的得分")
        if not 0 <= posted.points <= item.max_points:
            raise DecisionError(f"「{item.name}」的得分应在 0 到 {item.max_points:g} 之间，收到 {posted.points:g}")
        return Decision(kind="item", target=item.id, points=posted.points, note=note, who=who, at=at)
    if posted.finding is not None:
        if not any(f.id == posted.finding for f in result.findings):
            raise DecisionError(f"本报告的核对结果中没有编号为「{posted.finding}」的问题")
        if posted.verdict is None:
            raise DecisionError("请选择「确认」或「不是错误」")
        return Decision(kind="finding", target=posted.finding, verdict=posted.verdict, note=note, who=who, at=at)
    remark = (posted.remark or "").strip()[:4000]
    return Decision(kind="remark", target="", note=remark, who=who, at=at)


class FinalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    max_points: float
    draft: float | None
    final: float | None
    changed: bool
    note: str = ""
    who: str = ""
    at: str = ""


class FinalFinding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    severity: str
    message: str
    location: str
    verdict: Verdict | None = None
    note: str = ""
    who: str = ""
    at: str = ""
    carried_from: str | None = None


class FinalTotal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    draft: float | None
    final: float | None
    max_points: float
    draft_assessed_max_points: float
    assessed_max_points: float
    changed: bool


class Final(BaseModel):
    """The tool's draft with the reviewer's decisions: every changed figure carries both."""

    model_config = ConfigDict(extra="forbid")

    items: list[FinalItem]
    findings: list[FinalFinding]
    total: FinalTotal
    remarks: str = ""
    to_correct: list[str]  # the findings the reviewer did not dismiss, as the opinion lists them


def final_of(result: ReviewResult, decisions: list[Decision]) -> Final:
    by_item = {d.target: d for d in decisions if d.kind == "item"}
    by_finding = {d.target: d for d in decisions if d.kind == "finding"}
    items = []
    for item in result.items:
        decided = by_item.get(item.id)
        final = decided.points if decided else item.points
        items.append(
            FinalItem(
                id=item.id,
                name=item.name,
                max_points=item.max_points,
                draft=item.points,
                final=final,
                changed=decided is not None and final != item.points,
                note=decided.note if decided else "",
                who=decided.who if decided else "",
                at=decided.at if decided else "",
            )
        )
    findings = []
    for finding in result.findings:
        verdict = by_finding.get(finding.id)
        findings.append(
            FinalFinding(
                id=finding.id,
                severity=finding.severity,
                message=finding.message,
                location=finding.location,
                verdict=verdict.verdict if verdict else None,
                note=verdict.note if verdict else "",
                who=verdict.who if verdict else "",
                at=verdict.at if verdict else "",
                carried_from=verdict.carried_from if verdict else None,
            )
        )
    scored = [i for i in items if i.final is not None]
    final_total = round(sum(i.final for i in scored if i.final is not None), 2) if scored else None
    total = FinalTotal(
        draft=result.total.points,
        final=final_total,
        max_points=result.total.max_points,
        draft_assessed_max_points=result.total.assessed_max_points,
        assessed_max_points=sum(i.max_points for i in scored),
        changed=final_total != result.total.points,
    )
    remark = next((d.note for d in decisions if d.kind == "remark"), "")
    to_correct = [
        f"{f.location}：{f.message}"
        for f in findings
        if f.verdict != "not_an_error" and f.severity in ("error", "warning")
    ]
    return Final(items=items, findings=findings, total=total, remarks=remark, to_correct=to_correct)


def carry_over(current: ReviewResult, own: list[Decision], earlier: list[tuple[str, list[Decision]]]) -> list[Decision]:
    """Round two: verdicts on findings that are still there carry over from earlier versions, newest first."""
    decided = {d.target for d in own if d.kind == "finding"}
    present = {f.id for f in current.findings}
    out = list(own)
    for report_id, decisions in earlier:
        for d in decisions:
            if d.kind == "finding" and d.target in present and d.target not in decided:
                out.append(d.model_copy(update={"carried_from": report_id}))
                decided.add(d.target)
    return out


class ItemDelta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    before: float | None
    after: float | None
    delta: float | None


class SectionChange(BaseModel):
    """A section whose status changed (found, empty, missing) or whose text was rewritten."""

    model_config = ConfigDict(extra="forbid")

    name: str
    before: str
    after: str
    rewritten: bool = False


class Comparison(BaseModel):
    """What changed from the earlier version of a report to this one."""

    model_config = ConfigDict(extra="forbid")

    previous_id: str
    previous_file: str
    fixed: list[str]  # findings of the earlier version that are gone, as described then
    new: list[str]  # findings this version has that the earlier did not
    kept: int
    items: list[ItemDelta]
    total_before: float | None
    total_after: float | None
    sections: list[SectionChange]  # sections whose status changed or whose text was rewritten


def compare(
    previous_id: str,
    previous_file: str,
    before: ReviewResult,
    after: ReviewResult,
    texts: tuple[dict[str, str], dict[str, str]] | None = None,
) -> Comparison:
    """`texts`: each version's section texts by `scope:id`, when both documents are at hand."""
    before_ids = {f.id for f in before.findings}
    after_ids = {f.id for f in after.findings}
    before_items = {i.id: i.points for i in before.items}
    items = []
    for item in after.items:
        old = before_items.get(item.id)
        delta = None if old is None or item.points is None else round(item.points - old, 2)
        items.append(ItemDelta(id=item.id, name=item.name, before=old, after=item.points, delta=delta))
    old_sections = {f"{s.scope}:{s.id}": s for s in before.document.sections}
    old_texts, new_texts = texts or ({}, {})
    sections = []
    for section in after.document.sections:
        key = f"{section.scope}:{section.id}"
        old_section = old_sections.get(key)
        if old_section is None:
            continue
        rewritten = key in old_texts and old_texts[key] != new_texts.get(key)
        if old_section.status != section.status or rewritten:
            sections.append(
                SectionChange(name=section.name, before=old_section.status, after=section.status, rewritten=rewritten)
            )
    return Comparison(
        previous_id=previous_id,
        previous_file=previous_file,
        fixed=[f"{f.location}：{f.message}" for f in before.findings if f.id not in after_ids],
        new=[f"{f.location}：{f.message}" for f in after.findings if f.id not in before_ids],
        kept=len(before_ids & after_ids),
        items=items,
        total_before=before.total.points,
        total_after=after.total.points,
        sections=sections,
    )
