"""Checks on the self-evaluation tables and the 基础数据表."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from ..model import Source
from ..numbers import Number, fmt
from ..structure import Form, LabeledValue, Report, TableInfo, load_table_catalogue
from .arithmetic import compare, compare_product, compare_ratio, compare_sum, round_to
from .collector import Collector
from .findings import Finding, Severity
from .location import TablePlace, describe_place
from .registry import CheckId
from .settings import CheckSettings, IntervalScoring


def loc(info: TableInfo, row: str = "", column: str = "", cell: Source | None = None) -> TablePlace:
    """A place in a recognised table, by its labels (and its cell in the file when one is meant)."""
    return TablePlace(
        table_kind=info.kind,
        table_kind_name=info.kind_name,
        table_index=info.index,
        table_name=info.name,
        row=row,
        column=column,
        cell=cell,
    )


def check_self_eval_tables(report: Report, out: Collector, settings: CheckSettings | None = None) -> None:
    forms = report.forms()
    no_form = "报告中未找到部门整体或项目支出绩效自评表"
    if not any(form.money for form in forms):
        money_and_totals: tuple[CheckId, ...] = ("execution_rate", "execution_score", "weight_total", "total_score")
        for check in money_and_totals:
            out.not_assessable(check, NO_MONEY if forms else no_form)
    if not forms:
        for check in ("score_within_weight", "level1_weight"):
            out.not_assessable(check, no_form)
    intervals = settings.execution_intervals if settings else ()
    for form in forms:
        if form.money is not None:
            _execution(form.money, out, intervals)
        if not [i for i in form.indicators if not i.placeholder]:
            for check in ("score_within_weight", "level1_weight", "weight_total", "total_score"):
                out.not_assessable(check, f"{form.kind_name}中未找到绩效指标")
        else:
            for info in form.parts:
                if [i for i in info.indicators if not i.placeholder]:
                    _indicator_scores(info, out)
            # Without its money table the 分值 leave out the 预算执行率 and the 总分 may count it: the
            # totals are judged on whole forms only.
            if form.money is not None:
                _totals(form, out)
        if form.money is not None:
            _composition(form.money, out)


# An indicator block without the form's money part: what cannot be judged, plainly.
NO_MONEY = "报告只附绩效指标完成情况表，未附绩效自评表的资金部分（年度资金总额、执行率及其分值）"


def _execution(info: TableInfo, out: Collector, intervals: tuple[IntervalScoring, ...] = ()) -> None:
    budget = info.value(r"年度资金总额", r"全年预算")
    spent = info.value(r"年度资金总额", r"全年执行")
    rate = info.value(r"年度资金总额", r"执行率")
    weight = info.value(r"年度资金总额", r"分值")
    score = info.value(r"年度资金总额", r"得分")
    if not (budget and spent and budget.number and spent.number and budget.number.value):
        out.not_assessable("execution_rate", f"{info.kind_name}缺少全年预算数或全年执行数")
        out.not_assessable("execution_score", f"{info.kind_name}缺少全年预算数或全年执行数")
        return
    exact_rate = spent.number.value / budget.number.value
    arithmetic = f"{spent.number.text} ÷ {budget.number.text}"
    rate_right = False  # the stated 执行率 agrees with 全年执行数 ÷ 全年预算数
    if rate and rate.number:
        stated_rate = rate.number if rate.number.percent else rate.number.model_copy(update={"percent": True})
        comparison = compare_ratio(stated_rate, spent.number, budget.number)
        rate_right = comparison.verdict != "mismatch"
        out.compared(
            "execution_rate",
            comparison,
            stated_rate,
            what="执行率",
            arithmetic=arithmetic,
            where=loc(info, "年度资金总额", "执行率", rate.source),
            expression="全年执行数/全年预算数",
            anchor=rate.source,
            unit="%",
        )
    else:
        out.not_assessable("execution_rate", f"{info.kind_name}未填报执行率")
    if weight and weight.number and score and score.number:
        capped = min(exact_rate, Decimal(1))
        rate_slack = (
            spent.number.half_unit / spent.number.value + budget.number.half_unit / budget.number.value
            if spent.number.value
            else Decimal(0)
        )
        comparison = compare_product(score.number, weight.number, capped, capped * rate_slack, exact_factor=True)
        if comparison.verdict == "mismatch" and rate and rate.number and rate_right:
            # Bureaus also accept 分值 × the rate as rounded in the table (never a wrong rate: a 得分
            # that follows it is checked against the right rate and grouped under the 执行率 finding).
            by_stated = compare(
                score.number,
                weight.number.value * min(rate.number.as_ratio(), Decimal(1)),
                weight.number.value * rate.number.half_unit / 100,
            )
            if by_stated.verdict != "mismatch":
                comparison = by_stated
        interval = _interval_scheme(intervals, score.number, weight.number, exact_rate * 100)
        if comparison.verdict == "mismatch" and interval is not None:
            out.assessed("execution_score")  # scored by a configured interval scheme: right
            return
        out.compared(
            "execution_score",
            comparison,
            score.number,
            what="预算执行率得分",
            arithmetic=f"{weight.number.text} × {fmt(capped * 100, 2)}%",
            where=loc(info, "年度资金总额", "得分", score.source),
            expression="分值*执行率",
            anchor=score.source,
        )
        if score.number.value > weight.number.value:
            out.add(
                "score_within_weight",
                "error",
                f"预算执行率得分 {score.number.text} 超过分值 {weight.number.text}",
                loc(info, "年度资金总额", "得分", score.source),
                expression="执行率得分<=分值",
                stated=score.number.value,
                computed=weight.number.value,
                anchor=score.source,
            )
    else:
        out.not_assessable("execution_score", f"{info.kind_name}未填报执行率分值或得分")


def _interval_scheme(
    intervals: tuple[IntervalScoring, ...], score: Number, weight: Number, percent: Decimal
) -> IntervalScoring | None:
    """The configured interval scheme (e.g. 财预〔2021〕101号) the stated 执行率得分 follows, if any."""
    return next((s for s in intervals if weight.value * s.share(percent) == score.value), None)


def _indicator_scores(info: TableInfo, out: Collector) -> None:
    """Each 得分 within its 分值 and each 一级指标's weight, in one table."""
    indicators = [i for i in info.indicators if not i.placeholder]
    for ind in indicators:
        if ind.weight is None or ind.score is None:
            continue
        out.assessed("score_within_weight")
        if ind.score.value > ind.weight.value:
            out.add(
                "score_within_weight",
                "error",
                f"指标「{ind.level3}」得分 {ind.score.text} 超过其分值 {ind.weight.text}",
                loc(info, ind.level3, "得分"),
                expression=f"得分<=分值:{ind.level3}",
                stated=ind.score.value,
                computed=ind.weight.value,
                anchor=ind.source,
            )
    groups: dict[str, list] = defaultdict(list)
    declared: dict[str, Number] = {}
    for ind in indicators:
        groups[ind.level1].append(ind)
        if ind.level1_weight is not None:
            declared.setdefault(ind.level1, ind.level1_weight)
    for level1, members in groups.items():
        weights = [i.weight for i in members if i.weight is not None]
        if level1 not in declared or not weights:
            continue
        comparison = compare_sum(declared[level1], weights, whole_numbers_exact=True)
        arithmetic = " + ".join(w.text for w in weights)
        out.compared(
            "level1_weight",
            comparison,
            declared[level1],
            what=f"一级指标「{level1}」的权重",
            arithmetic=arithmetic,
            where=loc(info, level1, "分值"),
            expression=f"权重:{level1}",
            anchor=members[0].source,
            unit="分",
        )
    if not declared:
        out.not_assessable("level1_weight", f"{info.kind_name}的一级指标未标明权重")


def _totals(form: Form, out: Collector) -> None:
    """A form's 分值 (执行率 included) add up to 100, and its 总分 row to the 得分, across its tables."""
    indicators = [i for i in form.indicators if not i.placeholder]
    info = form.totals_table  # where the 分值合计 and 总分 findings point
    exec_weight = form.value(r"年度资金总额", r"分值")
    exec_score = form.value(r"年度资金总额", r"得分")
    weights = [i.weight for i in indicators if i.weight is not None]
    scores = [i.score for i in indicators if i.score is not None]
    if exec_weight and exec_weight.number:
        weights = [exec_weight.number, *weights]
    if exec_score and exec_score.number:
        scores = [exec_score.number, *scores]
    if not any(i.weight is not None for i in indicators):
        # Forms without 分值 (the central 转移支付区域绩效自评表): nothing to add up.
        unweighted: tuple[CheckId, ...] = ("weight_total", "total_score")
        for check in unweighted:
            out.not_assessable(check, f"{info.kind_name}的绩效指标未设分值")
        return
    weight_sum = sum((w.value for w in weights), Decimal(0))
    out.assessed("weight_total")
    if weight_sum != 100:
        out.add(
            "weight_total",
            "error",
            f"分值合计应为 100，实际为 {' + '.join(w.text for w in weights)} = {fmt(weight_sum)}（含预算执行率分值）",
            loc(info, "分值合计", cell=info.total_weight.source if info.total_weight else None),
            expression="分值合计=100",
            stated=Decimal(100),
            computed=weight_sum,
            anchor=info.total_weight.source if info.total_weight else None,
        )
    if info.total_weight and info.total_weight.number and info.total_weight.number.value != weight_sum:
        out.add(
            "weight_total",
            "error",
            f"总分行的分值填报 {info.total_weight.text}，而各项分值合计为 {fmt(weight_sum)}",
            loc(info, "总分", "分值", info.total_weight.source),
            expression="总分分值=分值之和",
            stated=info.total_weight.number.value,
            computed=weight_sum,
            anchor=info.total_weight.source,
        )
    if info.total_score and info.total_score.number:
        total = info.total_score.number
        comparison = compare_sum(total, scores, whole_numbers_exact=True)
        arithmetic = " + ".join(s.text for s in scores)
        corrections = [c for c in _score_corrections(form, out) if c.corrected != c.filled]
        recomputed = comparison.computed + sum((c.corrected - c.filled for c in corrections), Decimal(0))
        right_after = compare(total, recomputed, comparison.slack).verdict != "mismatch"
        where = loc(info, "总分", "得分", info.total_score.source)
        recount = f"按更正后的得分（{_corrected_text(corrections)}）重新加总"
        said: tuple[Severity, str, str] | None = None  # a 总分 recomputed from the corrected 得分
        if corrections and comparison.verdict == "mismatch" and right_after:
            # The 总分 counts the 得分 as they should be: it follows their corrections and stays as filled.
            said = (
                "error",
                f"总分应为 {arithmetic} = {fmt(comparison.computed, 2)}分，填报 {total.text}分；"
                f"{recount}为 {fmt(recomputed, 2)}分，与填报一致",
                "总分=得分之和",
            )
        else:
            out.compared(
                "total_score",
                comparison,
                total,
                what="总分",
                arithmetic=arithmetic,
                where=where,
                expression="总分=得分之和",
                anchor=info.total_score.source,
                unit="分",
            )
            if corrections and not right_after:
                # Said in advance: once the 得分 are corrected the 总分 filled (right or wrong as filled) is wrong.
                message = f"{recount}，总分应为 {fmt(recomputed, 2)}分，填报 {total.text}分"
                said = ("warning", message, "总分=更正后得分之和")
        if said is not None:
            severity, message, expression = said
            out.add(
                "total_score",
                severity,
                message,
                where,
                expression=expression,
                stated=total.value,
                computed=recomputed,
                anchor=info.total_score.source,
                assumes=[c.finding.id for c in corrections],
            )
    else:
        out.not_assessable("total_score", f"{info.kind_name}未填报总分")


class _Correction(NamedTuple):
    finding: Finding
    filled: Decimal  # the 得分 as filled
    corrected: Decimal  # as it is to be written: the right 执行率得分 to two decimals, an over-score at its 分值


def _score_corrections(form: Form, out: Collector) -> list[_Correction]:
    """The 得分 of this form the findings so far correct, one per cell (a 执行率得分 both wrong and above
    its 分值 is corrected to the right score)."""
    tables = {t.index for t in form.parts}
    corrections: dict[tuple[int, str, str], _Correction] = {}
    for check in ("execution_score", "score_within_weight"):  # the right score first: it is within the 分值
        for finding in out.findings:
            place = finding.location_ref.place
            if finding.check != check or finding.severity != "error" or not isinstance(place, TablePlace):
                continue
            if place.table_index not in tables or finding.stated is None or finding.computed is None:
                continue
            corrected = round_to(Decimal(str(finding.computed)), 2)
            corrections.setdefault(place.labelled_cell, _Correction(finding, Decimal(str(finding.stated)), corrected))
    return list(corrections.values())


def _corrected_text(corrections: list[_Correction]) -> str:
    """「预算执行率得分 8，「验收合格率」得分按分值 10 计」: the corrected 得分 a recomputed 总分 assumes."""
    texts = []
    for correction in corrections:
        place = correction.finding.location_ref.place
        value = fmt(correction.corrected, 2)
        if correction.finding.check == "execution_score":
            texts.append(f"预算执行率得分 {value}")
        else:
            texts.append(f"「{place.row if isinstance(place, TablePlace) else ''}」得分按分值 {value} 计")
    return "，".join(texts)


def _composition(info: TableInfo, out: Collector) -> None:
    if info.kind != "dept_self_eval":
        _funding_sources(info, out)
        return
    composition = load_table_catalogue().composition
    # (check, group, what is added up, the relation in the finding's id: kept as it was, ids are stable)
    pairs: tuple[tuple[CheckId, str, str, str], ...] = (
        ("income_composition", "按收入性质分", "按收入性质分合计", "按收入性质合计"),
        ("expense_composition", "按支出性质分", "按支出性质分合计", "按支出性质合计"),
    )
    for check, name, what, relation in pairs:
        group = composition.group(name)
        parts = [v for v in info.values if v.group == name]
        by_column = {c: [v for v in parts if v.col == c] for c in composition.amount_columns}
        by_column = {c: column for c, column in by_column.items() if column}
        if by_column:
            # Parts written as rows of figures: each year column adds up to the 年度资金总额 in it.
            checked = [
                _composition_sum(info, out, check, what, cells, column, f"{relation}:{column}")
                for column, cells in by_column.items()
            ]
            read = any(checked)
        else:
            read = _composition_sum(info, out, check, what, parts, group.total_column, relation)
        if not read:
            # Not read is not blank: a layout the reading does not know looks the same.
            out.not_assessable(
                check,
                f"未能识别{info.kind_name}{name}的明细（查找的是「{name}」下各项的金额"
                f"及「年度资金总额」的{group.total_column}）",
            )


def _composition_sum(
    info: TableInfo, out: Collector, check: CheckId, what: str, parts: list[LabeledValue], column: str, expression: str
) -> bool:
    """The parts of a composition group against the 年度资金总额 in `column`; False when either is not there."""
    target = info.value(r"年度资金总额", column)
    filled = [v.number for v in parts if v.number is not None]
    if not filled or not target or not target.number:
        return False
    arithmetic = " + ".join(f"{v.row} {v.number.text}" for v in parts if v.number is not None)
    out.compared(
        check,
        compare_sum(target.number, filled),
        target.number,
        what=f"{what}（{target.col}）",
        arithmetic=arithmetic,
        where=loc(info, "年度资金总额", target.col, target.source),
        expression=expression,
        anchor=parts[0].source,
    )
    return True


def _funding_sources(info: TableInfo, out: Collector) -> None:
    for col in ("年初预算", "全年预算", "全年执行"):
        total = info.value(r"年度资金总额", col)
        parts = [info.value(label, col) for label in load_table_catalogue().funding_sources]
        present = list({id(p): p for p in parts if p is not None}.values())
        if not total or not total.number or not present:
            continue
        filled = [p.number for p in present if p.number is not None]
        if not filled:
            out.not_assessable("funding_sources", f"{describe_place(loc(info, col))}的资金来源未分项填报")
            continue
        comparison = compare_sum(total.number, filled)
        severity: Severity = "error" if len(filled) == len(present) else "warning"
        arithmetic = " + ".join(f"{p.row} {p.number.text}" for p in present if p.number is not None)
        out.compared(
            "funding_sources",
            comparison,
            total.number,
            what=f"年度资金总额（{total.col}）",
            arithmetic=arithmetic,
            where=loc(info, "年度资金总额", total.col, total.source),
            expression=f"资金来源:{col}",
            anchor=total.source,
            severity=severity,
        )


# ------------------------------------------------------------------------------------------- 基础数据表

# Parent rows whose children are named: (parent, children, exact) — exact: children add up to the
# parent; otherwise they are 「其中」 items that may not exceed it.
_NAMED_SUBTOTALS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    (r"^三公经费", (r"公务用车|公车", r"出国|出境", r"公务接待"), True),
    (r"^公务用车购置和?(运行)?维护|^公务用车购置及运行", (r"(公务车|公车)购置$", r"(公务车|公车)运行维护"), True),
    (r"^公用经费", (r"办公(费|经费)", r"水费", r"会议费"), False),
    (r"^部门基本支出$", (r"^公用经费",), False),
)
_NUMBERED_RE = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]")
_STOP_RE = re.compile(r"公用经费|政府采购|预算调整|楼堂馆所|厉行节约|三公经费|基本支出")


def check_basic_data(report: Report, out: Collector) -> None:
    tables = report.tables_of("basic_data")
    if not tables:
        out.not_assessable("basic_data_subtotals", "报告中未找到基础数据表")
        out.not_assessable("staffing_control_rate", "报告中未找到基础数据表")
        return
    for info in tables:
        _control_rate(info, out)
        rows = _rows(info)
        for parent_pattern, child_patterns, exact in _NAMED_SUBTOTALS:
            parent = next((r for r in rows if re.search(parent_pattern, r[0])), None)
            if parent is None:
                continue
            start = rows.index(parent)
            children = []
            for pattern in child_patterns:
                child = next((r for r in rows[start + 1 : start + 8] if re.search(pattern, r[0])), None)
                if child is not None:
                    children.append(child)
            if children:
                _subtotal(info, parent, children, exact, out)
        _numbered_subtotals(info, rows, out)


Row = tuple[str, str, dict[str, LabeledValue]]  # (label, raw label, values by column)


def _rows(info: TableInfo) -> list[Row]:
    grouped: dict[int, Row] = {}
    for value in info.values:
        if value.row_index not in grouped:
            grouped[value.row_index] = (value.row, value.row_raw, {})
        grouped[value.row_index][2][value.col] = value
    return [grouped[k] for k in sorted(grouped)]


def _subtotal(info: TableInfo, parent: Row, children: list[Row], exact: bool, out: Collector) -> None:
    for col, total in parent[2].items():
        if total.number is None or not col:
            continue
        cells = [child[2].get(col) for child in children]
        filled = [c.number for c in cells if c is not None and c.number is not None]
        if not filled:
            if total.number.value:
                out.not_assessable("basic_data_subtotals", f"{describe_place(loc(info, parent[0], col))}的分项未填报")
            continue
        where = loc(info, parent[0], col, total.source)
        names = " + ".join(
            f"{child[0]} {c.number.text}"
            for child, c in zip(children, cells, strict=True)
            if c is not None and c.number is not None
        )
        if exact:
            comparison = compare_sum(total.number, filled)
            blank = [child[0] for child, c in zip(children, cells, strict=True) if c is None or c.number is None]
            if blank and comparison.verdict == "mismatch":
                # Unfilled parts: the sum cannot be judged wrong, only incomplete.
                out.add(
                    "basic_data_subtotals",
                    "warning",
                    f"「{parent[0]}」（{col}）填报 {total.number.text}，已填分项 {names} 合计 "
                    f"{fmt(comparison.computed)}，「{'」「'.join(blank)}」未填报",
                    where,
                    expression=f"合计:{parent[0]}:{col}",
                    stated=total.number.value,
                    computed=comparison.computed,
                    anchor=total.source,
                )
                continue
            out.compared(
                "basic_data_subtotals",
                comparison,
                total.number,
                what=f"「{parent[0]}」（{col}）",
                arithmetic=names,
                where=where,
                expression=f"合计:{parent[0]}:{col}",
                anchor=total.source,
            )
        else:
            total_children = sum((n.value for n in filled), Decimal(0))
            out.assessed("basic_data_subtotals")
            if total_children > total.number.value + sum((n.half_unit for n in filled), total.number.half_unit):
                out.add(
                    "basic_data_subtotals",
                    "error",
                    f"「{parent[0]}」（{col}）的其中项 {names} = {fmt(total_children)}，超过合计数 {total.number.text}",
                    where,
                    expression=f"其中:{parent[0]}:{col}",
                    stated=total.number.value,
                    computed=total_children,
                    anchor=total.source,
                )


def _numbered_subtotals(info: TableInfo, rows: list[Row], out: Collector) -> None:
    """项目支出 = its numbered lines; a numbered 「专项」 line = the unnumbered lines under it."""
    for i, row in enumerate(rows):
        if re.search(r"^项目支出", row[0]):
            children = []
            for other in rows[i + 1 :]:
                if _NUMBERED_RE.match(other[1]):
                    children.append(other)
                elif _STOP_RE.search(other[0]):
                    break
            if children:
                _subtotal(info, row, children, True, out)
        if _NUMBERED_RE.match(row[1]) and "专项" in row[0]:
            lines = []
            for other in rows[i + 1 :]:
                if _NUMBERED_RE.match(other[1]) or _STOP_RE.search(other[0]):
                    break
                lines.append(other)
            if lines:
                _subtotal(info, row, lines, True, out)


def _control_rate(info: TableInfo, out: Collector) -> None:
    posts = info.value(r"财政供养", r"编制数")
    staff = info.value(r"财政供养", r"实际在职|在职人数")
    rate = info.value(r"财政供养", r"控制率")
    if not (posts and staff and rate and posts.number and staff.number and rate.number and posts.number.value):
        out.not_assessable("staffing_control_rate", "基础数据表缺少编制数、实际在职人数或控制率")
        return
    stated = rate.number if rate.number.percent else rate.number.model_copy(update={"percent": True})
    comparison = compare_ratio(stated, staff.number, posts.number, exact_inputs=True)
    out.compared(
        "staffing_control_rate",
        comparison,
        stated,
        what="控制率",
        arithmetic=f"{staff.number.text} ÷ {posts.number.text}",
        where=loc(info, "财政供养人员情况", "控制率", rate.source),
        expression="在职人数/编制数",
        anchor=rate.source,
        unit="%",
    )
