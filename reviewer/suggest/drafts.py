"""What the report documents about itself going wrong, in its own figures: the raw material of a rewrite."""

from __future__ import annotations

import re
from decimal import Decimal

from ..checks.location import place_parts
from ..checks.registry import check_spec
from ..numbers import Number, fmt
from ..review import ReviewResult
from ..scoring.facts import NarrativeFacts
from ..scoring.items import IndicatorTableDetail
from ..structure import Report
from .models import DraftItem


def _num(number: Number | None) -> str:
    return number.text if number is not None else ""


def documented_problems(
    report: Report, result: ReviewResult, facts: NarrativeFacts, low_execution_percent: Decimal = Decimal(90)
) -> list[DraftItem]:
    """What the report itself shows went wrong, in its own figures: the raw material of a rewrite."""
    drafts: list[DraftItem] = []
    dept = next(iter(report.tables_of("dept_self_eval")), None)
    if dept is not None:
        budget, spent = dept.value("年度资金总额", "全年预算"), dept.value("年度资金总额", "全年执行")
        rate = dept.value("年度资金总额", "执行率")
        rate_ok = not any(f.check == "execution_rate" for f in result.findings)
        low = (
            budget
            and spent
            and budget.number
            and spent.number
            and budget.number.value
            and (spent.number.value / budget.number.value * 100 < low_execution_percent)
        )
        if low and budget and spent and budget.number and spent.number:
            rate_text = f"，预算执行率{rate.text}" if rate and rate.number and rate_ok else ""
            drafts.append(
                DraftItem(
                    kind="execution",
                    dimension="预算和预算绩效管理",
                    title="预算执行率未达到预期",
                    facts=f"全年预算数{budget.number.text}万元，全年执行数{spent.number.text}万元{rate_text}",
                )
            )
    drafts.extend(_project_lines(report))
    vague = _vague_indicators(result)
    deducted = [
        i
        for info in report.tables_of("dept_self_eval") + report.tables_of("project_self_eval")
        for i in info.indicators
        if i.weight and i.score and i.score.value < i.weight.value and not i.deviation
    ]
    if vague or deducted:
        parts = []
        if vague:
            parts.append("部分绩效指标未细化量化，" + "".join(f"「{v}」" for v in vague[:3]) + "等指标值难以衡量")
        for indicator in deducted[:2]:
            parts.append(
                f"「{indicator.level3}」指标得{_num(indicator.score)}分（分值{_num(indicator.weight)}分），"
                f"偏差原因未作分析"
            )
        drafts.append(
            DraftItem(
                kind="indicators",
                dimension="预算和预算绩效管理",
                title="绩效目标设置和自评不够规范",
                facts="；".join(parts),
            )
        )
    errors = _data_quality(result)
    if errors:
        drafts.append(
            DraftItem(kind="data", dimension="资产和财务管理", title="财务数据审核把关不严", facts="；".join(errors))
        )
    for problem in facts.problems:
        if not problem.funding_only:
            # The author's own problem keeps the author's own words (and so only the report's figures).
            body = problem.text.split("\n", 1)[1].strip() if "\n" in problem.text else ""
            drafts.append(
                DraftItem(
                    kind="original", dimension="", title=_strip_number(problem.quote), facts=body or problem.cause or ""
                )
            )
    return drafts


def _project_lines(report: Report) -> list[DraftItem]:
    basic = next(iter(report.tables_of("basic_data")), None)
    if basic is None or report.year is None:
        return []
    slow, over = [], []
    for row in {v.row for v in basic.values}:
        budget = basic.value(f"^{re.escape(row)}$", f"^{report.year}年预算")
        spent = basic.value(f"^{re.escape(row)}$", f"^{report.year}年决算")
        if not (budget and spent and budget.number and spent.number) or budget.number.value <= 0:
            continue
        # Project lines only: spending less than planned on 三公经费 or 公用经费 is no shortcoming.
        if not ("项目" in row or "专项" in row) or "小计" in row or row.startswith("项目支出"):
            continue
        line = (row, f"「{row}」年初预算{budget.number.text}万元，实际支出{spent.number.text}万元")
        if spent.number.value < budget.number.value * Decimal("0.8"):
            slow.append(line)
        elif spent.number.value > budget.number.value:
            over.append(line)
    drafts = []
    for kind, title, lines in (
        ("slow_projects", "部分项目资金使用进度滞后", slow),
        ("over_budget", "部分支出超出年初预算", over),
    ):
        if lines:
            chosen = sorted(lines)[:3]
            drafts.append(
                DraftItem(
                    kind=kind,
                    dimension="资金分配、使用和管理",
                    title=title,
                    facts="；".join(text for _, text in chosen),
                    names=[name for name, _ in chosen],
                )
            )
    return drafts


def _vague_indicators(result: ReviewResult) -> list[str]:
    item = next((i for i in result.items if i.id == "indicator_table"), None)
    if item is None or not isinstance(item.detail, IndicatorTableDetail):
        return []
    return [v for v in item.detail.vague if v and not v.startswith("…")]


def _data_quality(result: ReviewResult) -> list[str]:
    """Errors the checks found, said with the report's own (stated) figures only."""
    lines: list[str] = []
    rows: set[tuple[str, ...]] = set()
    for finding in result.findings:
        if finding.severity != "error" or finding.stated is None:
            continue
        parts = place_parts(finding.location_ref.place)
        row = tuple(parts[:2])
        if row in rows:
            continue  # one line per table row: the same wrong total in three year columns is one problem
        rows.add(row)
        where = f"{parts[0]}「{parts[1]}」{''.join(parts[2:])}" if len(parts) >= 2 else parts[0]
        spec = check_spec(finding.check)
        percent = "%" if spec.percent else ""
        lines.append(f"{where}填报{fmt(Decimal(str(finding.stated)), 2)}{percent}，{spec.relation}")
        if len(lines) == 3:
            break
    return lines


def _strip_number(text: str) -> str:
    from ..structure import strip_numbering

    return strip_numbering(text).rstrip("。")
