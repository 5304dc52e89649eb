"""Figure corrections: one suggestion per root cause, naming the cell to change and why.

Findings that one wrong cell explains (reviewer.checks.causes) are listed under that cell's
correction. A computed value is proposed only when no other rule forbids it: a 得分 above its
分值, a 总分 above the table's full marks, a weight the rubric rejects.
"""

from __future__ import annotations

from decimal import Decimal

from ..checks.causes import RootCause, refilled, root_causes
from ..checks.findings import Finding
from ..checks.location import TablePlace, place_parts
from ..checks.registry import check_spec
from ..model import Source
from ..numbers import fmt
from ..review import ReviewResult
from ..rubric import IndicatorTableRule, Rubric
from ..scoring.engine import category_weights, level1_categories, matching_scheme
from ..structure import Report, TableInfo
from .models import Dependent, Suggestion
from .places import finding_anchor, table_info


def required_weights(rubric: Rubric, info: TableInfo, report: Report) -> dict[str, float]:
    """The first-level weights (预算执行率, 产出指标 …) of the scheme this table comes closest to (the
    rubric's, or the report's own declared one), empty when the rubric sets none."""
    item = rubric.item("indicator_table")
    rule = item.rule if item is not None else None
    form = report.form_of(info)
    if not isinstance(rule, IndicatorTableRule) or form is None:
        return {}
    return dict(matching_scheme(form, rule.weights, report.declared_weights)[1].weights)


# Every configured weight scheme adds up to 100 (the rubric schema checks it): a 自评表's full marks.
FULL_MARKS = Decimal(100)


def required_weight(level1: str, weights: dict[str, float]) -> float | None:
    """The weight `weights` give the category a 一级指标 belongs to (「效益指标（30分）」 → 效益指标), if any."""
    return next((weights[c] for c in level1_categories(level1) if c in weights), None)


def forbidden(finding: Finding, value: Decimal, report: Report, rubric: Rubric) -> str:
    """Why writing `value` where the finding points would break another rule ('' when it would not)."""
    place = finding.location_ref.place
    if finding.check == "total_score" and value > FULL_MARKS:
        return f"各项得分加总为 {fmt(value, 2)} 分，超过满分 {fmt(FULL_MARKS)} 分，不能照此填写"
    if finding.check == "execution_score" and isinstance(place, TablePlace):
        info = table_info(report, place)
        weight = info.value("年度资金总额", "分值") if info else None
        if weight and weight.number and value > weight.number.value:
            return f"得分不能超过分值 {weight.number.text}"
    return ""


def _dependent(finding: Finding, report: Report, rubric: Rubric) -> Dependent:
    dependent = Dependent(finding=finding.id, text=finding.message, location=finding.location)
    if refilled(finding) and finding.computed is not None:
        # A 总分 recomputed from the corrected 得分: the value to write once the root is corrected.
        value = Decimal(str(finding.computed))
        if not forbidden(finding, value, report, rubric):
            return dependent.model_copy(update={"proposed": float(round(value, 2))})
    return dependent


def _recomputed(finding: Finding, findings: list[Finding]) -> Finding | None:
    """The same cell's figure recomputed from corrected 得分, when it differs from the one filled: what a
    derived figure (the 总分) is to be, rather than the sum of the figures as filled."""
    return next(
        (f for f in findings if f.check == finding.check and refilled(f) and _same_cell(f, finding)),
        None,
    )


def _same_cell(one: Finding, other: Finding) -> bool:
    a, b = one.location_ref.place, other.location_ref.place
    if not isinstance(a, TablePlace) or not isinstance(b, TablePlace):
        return False
    return a.labelled_cell == b.labelled_cell


def figure_suggestions(
    result: ReviewResult, report: Report, rubric: Rubric
) -> tuple[list[Suggestion], list[RootCause]]:
    """One suggestion per root cause of the errors and warnings, and the grouping itself."""
    causes = root_causes(result.findings)
    by_id = {f.id: f for f in result.findings}
    out = []
    for cause in causes:
        finding = by_id[cause.root]
        dependents = [_dependent(by_id[d], report, rubric) for d in cause.dependents]
        recomputed = _recomputed(finding, result.findings)
        suggestion = _correction(finding, bool(dependents), report, rubric, recomputed)
        out.append(suggestion.model_copy(update={"dependents": dependents}))
    return out, causes


def _correction(
    finding: Finding, has_dependents: bool, report: Report, rubric: Rubric, recomputed: Finding | None = None
) -> Suggestion:
    spec = check_spec(finding.check)
    base = Suggestion(kind="figure", text="", location=finding.location, anchor=finding_anchor(report, finding))
    base = base.model_copy(update={"finding": finding.id})
    if finding.check == "level1_weight":
        return _level1_weight(finding, base, report, rubric) or base.model_copy(
            update={"text": f"请核对：{finding.message}。分项之和与合计数不一致，请逐项核对后更正填错的数据"}
        )
    if finding.check == "weight_total" and has_dependents:
        return base.model_copy(update={"text": _weight_total(finding, report, rubric)})
    if spec.correction == "derived" and finding.computed is not None:
        # Where other corrections change what it adds up to, the figure they lead to (not the sum as filled).
        value = Decimal(str((recomputed or finding).computed))
        field = place_parts(finding.location_ref.place)[-1]
        unit = "%" if spec.percent else ""
        why = f"{finding.message}；{recomputed.message}" if recomputed is not None else finding.message
        why_not = forbidden(finding, value, report, rubric)
        if why_not:
            text = f"请核对：{why}。{why_not}：请先更正各项分值和得分，再按更正后的得分重新加总"
            return base.model_copy(update={"text": text})
        text = f"{field}应填 {fmt(value, 2)}{unit}（{why}）"
        return base.model_copy(update={"text": text, "proposed": float(round(value, 2))})
    if finding.severity == "error":
        # A sum that does not add up: the total or any part may be the wrong one.
        text = f"请核对：{finding.message}。分项之和与合计数不一致，请逐项核对后更正填错的数据"
    else:
        text = f"请核对：{finding.message}；{spec.advice}"
    return base.model_copy(update={"text": text})


def _level1_weight(finding: Finding, base: Suggestion, report: Report, rubric: Rubric) -> Suggestion | None:
    """A 一级指标 whose 三级指标 分值 do not add up to its declared weight: which side to change, by the rubric."""
    place = finding.location_ref.place
    info = table_info(report, place) if isinstance(place, TablePlace) else None
    if info is None or not isinstance(place, TablePlace) or finding.stated is None or finding.computed is None:
        return None
    members = [i for i in info.indicators if i.level1 == place.row and i.weight is not None and not i.placeholder]
    if not members:
        return None
    declared, summed = Decimal(str(finding.stated)), Decimal(str(finding.computed))
    cells = "、".join(f"「{i.level3 or i.level2}」{i.weight.text}" for i in members if i.weight is not None)
    required = required_weight(place.row, required_weights(rubric, info, report))
    anchor: Source | None
    what = f"一级指标「{place.row}」标注权重 {fmt(declared)} 分，其下三级指标的分值（{cells}）合计 {fmt(summed)} 分"
    if required is not None and Decimal(str(required)) == declared:
        text = (
            f"{what}。评分表要求「{place.row}」权重为 {fmt(declared)} 分，应改的是三级指标的「分值」列："
            f"请把上述分值调整为合计 {fmt(declared)} 分，并按调整后的分值重新核定各项得分和总分"
        )
        anchor = members[0].source
    elif required is not None and Decimal(str(required)) == summed:
        text = (
            f"{what}。评分表要求「{place.row}」权重为 {fmt(summed)} 分，应改的是一级指标标注的权重："
            f"请把「{place.row}」的标注改为 {fmt(summed)} 分"
        )
        anchor = base.anchor
    else:
        goal = f"评分表要求为 {fmt(Decimal(str(required)))} 分" if required is not None else "两者须一致"
        text = f"{what}，{goal}：请同时核对一级指标标注的权重和三级指标的分值，使二者一致"
        anchor = members[0].source
    # The weight to reach is the rubric's, never one it rejects.
    proposed = float(required) if required is not None else None
    return base.model_copy(update={"text": text, "anchor": anchor, "proposed": proposed})


def _weight_total(finding: Finding, report: Report, rubric: Rubric) -> str:
    """分值 not adding up to the full marks, with the first-level weights the rubric requires."""
    place = finding.location_ref.place
    info = table_info(report, place) if isinstance(place, TablePlace) else None
    wrong: list[str] = []
    form = report.form_of(info) if info is not None else None
    if info is not None and form is not None:
        actual = category_weights(form)  # the weights the 绩效自评表 item is scored on (the whole form)
        execution = form.value("年度资金总额", "分值")
        for key, required in required_weights(rubric, info, report).items():
            if key == "预算执行率" and execution and execution.number:
                continue  # the 执行率 row's own 分值: not among the 三级指标 being corrected here
            if actual.get(key, 0.0) != required:
                got, wanted = Decimal(str(actual.get(key, 0.0))), Decimal(str(required))
                wrong.append(f"「{key}」现为 {fmt(got)} 分，应为 {fmt(wanted)} 分")
    fix = "按评分表要求：" + "；".join(wrong) if wrong else "请逐项核对各指标的分值"
    return f"请核对：{finding.message}。{fix}；分值更正后再重新加总得分"
