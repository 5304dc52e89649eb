"""Root causes: findings that one wrong cell explains, grouped under the finding about that cell.

A 分值 column that does not add up to its 一级指标's declared weight makes the table's 分值 total
wrong, and with it the 总分 row; an indicator scored above its 分值 makes the 总分 wrong. These are
one fault for the author and one count for a batch. Only the findings' typed fields are read.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from .findings import Finding
from .location import TablePlace


class RootCause(BaseModel):
    """One fault: the finding about the cell to change, and the findings that follow from it."""

    model_config = ConfigDict(extra="forbid")

    root: str  # finding id
    dependents: list[str] = Field(default_factory=list)  # finding ids, in the findings' order


def _table(finding: Finding) -> int | None:
    place = finding.location_ref.place
    return place.table_index if isinstance(place, TablePlace) else None


def _excess(finding: Finding) -> Decimal | None:
    if finding.stated is None or finding.computed is None:
        return None
    return Decimal(str(finding.computed)) - Decimal(str(finding.stated))


# Two figures written to two decimals are the same when they differ by less than half a cent.
_SAME = Decimal("0.005")


def _gap(finding: Finding) -> Decimal | None:
    excess = _excess(finding)
    return None if excess is None else -excess


def _closing(total: Finding, over: list[Finding]) -> Finding | None:
    """The over-scored finding (or, together, all of them: the first) whose correction makes `total` right."""
    gap = _gap(total)  # stated − computed
    if gap is None:
        return None
    corrections = [(f, e) for f in over if (e := _excess(f)) is not None]  # 分值 − 得分 (negative)
    for finding, correction in corrections:
        if abs(gap - correction) <= _SAME:
            return finding
    together = sum((c for _, c in corrections), Decimal(0))
    if len(corrections) > 1 and len(corrections) == len(over) and abs(gap - together) <= _SAME:
        return over[0]
    return None


def _follows(score: Finding, rate: Finding) -> bool:
    """A 执行率得分 computed from the wrong 执行率: stated/computed score in the rates' proportion."""
    if score.stated is None or score.computed is None or rate.stated is None or not rate.computed:
        return False
    expected = Decimal(str(score.computed)) * Decimal(str(rate.stated)) / Decimal(str(rate.computed))
    return abs(expected - Decimal(str(score.stated))) <= _SAME


def refilled(finding: Finding) -> bool:
    """A figure recomputed after correcting the findings it assumes that differs from the one filled: the
    author writes the recomputed value once those are corrected (a 总分 that counts corrected 得分)."""
    excess = _excess(finding)
    return bool(finding.assumes) and excess is not None and abs(excess) > _SAME


def _root(finding: str, owner: dict[str, str]) -> str:
    """The root a dependent's owner leads to (a 总分 follows a 执行率得分 that follows the 执行率)."""
    seen = {finding}
    while finding in owner and owner[finding] not in seen:
        finding = owner[finding]
        seen.add(finding)
    return finding


def root_causes(findings: list[Finding]) -> list[RootCause]:
    """Every error and warning in exactly one root cause (information is left out), in the findings' order.

    In one self-evaluation table: a 一级指标 whose 分值 do not add up to its declared weight explains
    the 分值 total found wrong by the same amount; the 分值 total explains a 总分 above its 100 points;
    a 得分 above its 分值 explains a 总分 only when scoring it at its 分值 makes the 总分 right; a wrong
    执行率 explains the 执行率得分 computed from it. A finding that names the corrections it was recomputed
    after (`assumes`: a 总分 from the corrected 得分) follows the first of them, across the tables of a form.
    """
    counted = [f for f in findings if f.severity != "info"]
    owner: dict[str, str] = {}  # dependent id → root id
    by_table: dict[int, list[Finding]] = {}
    for finding in counted:
        table = _table(finding)
        if table is not None:
            by_table.setdefault(table, []).append(finding)
    for members in by_table.values():
        level1 = [f for f in members if f.check == "level1_weight" and f.severity == "error"]
        totals = [f for f in members if f.check == "weight_total"]
        # A 总分 recomputed from corrected 得分 names the findings it follows (`assumes`): grouped below.
        scores = [f for f in members if f.check == "total_score" and not f.assumes]
        over = [f for f in members if f.check == "score_within_weight"]
        weight_excess = next((e for f in totals if (e := _excess(f)) is not None and f.stated == 100), None)
        level1_excess = sum((e for f in level1 if (e := _excess(f)) is not None), Decimal(0))
        root: Finding | None = None
        if level1 and weight_excess is not None and level1_excess == weight_excess:
            root = level1[0]
        elif totals:
            root = totals[0]
        if root is not None:
            for dependent in totals:
                if dependent is not root:
                    owner[dependent.id] = root.id
            # Weights adding up to more than 100 let the 得分 add up to more than 100 too.
            for score in scores:
                excess = _excess(score)
                if weight_excess is not None and excess is not None and (excess > 0) == (weight_excess > 0):
                    owner[score.id] = root.id
        elif over:
            # The 总分 follows an over-scored indicator only if scoring it at its 分值 makes the 总分
            # right: recompute, never infer from both being wrong.
            for score in scores:
                cause = _closing(score, over)
                if cause is not None:
                    owner[score.id] = cause.id
        rates = [f for f in members if f.check == "execution_rate" and f.severity == "error"]
        for score in (f for f in members if f.check == "execution_score"):
            if rates and _follows(score, rates[0]):
                owner[score.id] = rates[0].id
    ids = {f.id for f in counted}
    for finding in counted:
        first = next((a for a in finding.assumes if a in ids and a != finding.id), None)
        if finding.id not in owner and first is not None:
            owner[finding.id] = first
    owner = {dependent: _root(dependent, owner) for dependent in owner}
    causes: dict[str, RootCause] = {}
    for finding in counted:
        if finding.id in owner:
            continue
        causes[finding.id] = RootCause(root=finding.id)
    for finding in counted:
        if finding.id in owner:
            causes[owner[finding.id]].dependents.append(finding.id)
    return list(causes.values())
