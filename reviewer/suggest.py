"""Suggestions for the department's author: figure corrections, section advice, and rewritten
问题 and 改进措施 sections grounded in the report's own facts.

A rewrite invents no figure: every number in it must appear in the source report, checked here
deterministically for the rules rewrite and the llm rewrite alike.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from .model import Source
from .numbers import Number, find_numbers, fmt
from .review import ReviewOptions, ReviewResult

if TYPE_CHECKING:
    from .llm import LLMClient
from .rubric import Rubric
from .scoring.facts import NarrativeFacts
from .structure import Report


class Suggestion(BaseModel):
    """One thing to fix, anchored where the author will see it."""

    model_config = ConfigDict(extra="forbid")

    kind: str  # figure | problems | measures | completeness
    text: str
    location: str = ""
    anchor: Source | None = None


class DraftItem(BaseModel):
    """One problem the report documents about itself, and the measure that answers it."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    dimension: str
    title: str
    facts: str
    names: list[str] = Field(default_factory=list)


class Rewrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    section: str  # problems | measures
    text: str
    writer: str  # rules | llm:MODEL | rules（llm 改写含报告外数字，已弃用）
    invented_figures: list[str] = Field(default_factory=list)


class SuggestResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    review: ReviewResult
    suggestions: list[Suggestion]
    rewrites: list[Rewrite]
    rewrite_scores: dict[str, dict[str, float | str | None]] = Field(default_factory=dict)


# ------------------------------------------------------------------------------------------- figures


# Checks whose stated figure is derived from the others, so that the computed value is the correction.
_DERIVED = {"execution_rate", "execution_score", "staffing_control_rate", "total_score", "narrative_growth"}
_ADVICE = {
    "cross_reference": "确认口径后统一为同一数据，或在报告中说明两处口径的差异",
    "low_execution_unexplained": "请在偏差原因分析或正文中说明执行率偏低的原因",
    "target_vs_actual": "请在偏差原因分析中说明理由，或按实际完成情况给分",
    "basic_data_subtotals": "请补填空缺的分项，或核对合计数",
    "funding_sources": "请补填资金来源分项，或核对年度资金总额",
}


def figure_suggestions(result: ReviewResult) -> list[Suggestion]:
    out = []
    for finding in result.findings:
        if finding.severity == "info":
            continue
        if finding.check in _DERIVED and finding.computed is not None:
            field = finding.location.rsplit(" · ", 1)[-1]
            unit = "%" if finding.check in _PERCENT_CHECKS else ""
            text = f"{field}应填 {fmt(Decimal(str(finding.computed)), 2)}{unit}（{finding.message}）"
        elif finding.severity == "error":
            # A sum that does not add up: the total or any part may be the wrong one.
            text = f"请核对：{finding.message}。分项之和与合计数不一致，请逐项核对后更正填错的数据"
        else:
            text = f"请核对：{finding.message}；{_ADVICE.get(finding.check, '请核实后更正')}"
        out.append(Suggestion(kind="figure", text=text, location=finding.location, anchor=finding.anchor))
    return out


# ------------------------------------------------------------------------------------------- sections


def _quoted(prefix: str, quotes: list[str], limit: int | None = None) -> str:
    return prefix + "；".join(f"「{q[:limit] if limit else q}」" for q in quotes)


def section_advice(report: Report, result: ReviewResult, facts: NarrativeFacts, rubric: Rubric) -> list[Suggestion]:
    items = {i.id: i for i in result.items}
    names = {d.id: d.name for i in rubric.items for d in i.dimensions}
    problem_advice: list[str] = []
    problems_item = items.get("problems")
    if problems_item is not None and problems_item.points is not None:
        covered = detail_list(problems_item, "covered_dimensions")
        missing = [name for key, name in names.items() if key not in covered]
        if missing:
            problem_advice.append(f"未涉及的方面：{'、'.join(missing)}；评分表要求从这些方面归纳问题")
        counted = [p for p in facts.problems if not p.funding_only]
        if no_cause := [p.quote for p in counted if not p.cause]:
            problem_advice.append(_quoted("以下问题没有分析原因：", no_cause))
        if vague := [p.quote for p in counted if not p.specifics]:
            problem_advice.append(_quoted("以下问题缺少具体数据或事例：", vague))
        if funding := [p.quote for p in facts.problems if p.funding_only]:
            problem_advice.append(_quoted("只写资金不足的问题不得分（「只提出资金不足问题的不得分」）：", funding))
    measure_advice: list[str] = []
    suggestions_item = items.get("suggestions")
    if suggestions_item is not None and suggestions_item.points is not None:
        if unanswered := detail_list(suggestions_item, "unanswered"):
            measure_advice.append(_quoted("以下问题没有对应的改进措施：", unanswered))
        if orphan := detail_list(suggestions_item, "orphan_measures"):
            measure_advice.append(_quoted("以下措施没有回应报告中的任何问题：", orphan))
        if vague := [m.quote for m in facts.measures if not m.concrete]:
            measure_advice.append(_quoted("以下措施未写明责任主体、具体做法或完成时间：", vague, limit=30))
        if money := [m.quote for m in facts.measures if m.money_only]:
            measure_advice.append(_quoted("只提加大资金投入的措施不得分：", money))
    out: list[Suggestion] = []
    for kind, section_id, title, advice in (
        ("problems", "problems", "存在的问题及原因分析", problem_advice),
        ("measures", "measures", "下一步改进措施", measure_advice),
    ):
        section = report.section(section_id)
        out.extend(
            Suggestion(kind=kind, text=text, location=title, anchor=section.anchor if section else None)
            for text in advice
        )
    completeness = items.get("completeness")
    if completeness is not None:
        out.extend(
            Suggestion(kind="completeness", text=f"请补充正文部分：{part}", location="报告正文")
            for part in detail_list(completeness, "missing_sections")
        )
        out.extend(
            Suggestion(kind="completeness", text=f"请补充附件：{table}", location="报告附件")
            for table in detail_list(completeness, "missing_tables")
        )
    return out


def detail_list(item: object, key: str) -> list[str]:
    """A list of strings from an item's free-form detail (absent or malformed: empty)."""
    value = getattr(item, "detail", {}).get(key) if item is not None else None
    return [str(v) for v in value] if isinstance(value, list) else []


# ------------------------------------------------------------------------------------------- drafts


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
    return [v for v in detail_list(item, "vague") if v and not v.startswith("…")]


def _data_quality(result: ReviewResult) -> list[str]:
    """Errors the checks found, said with the report's own (stated) figures only."""
    lines: list[str] = []
    for finding in result.findings:
        if finding.severity != "error" or finding.stated is None:
            continue
        place = finding.location.split(" ↔ ")[0]
        parts = place.split(" · ")
        where = f"{parts[0]}「{parts[1]}」{''.join(parts[2:])}" if len(parts) >= 2 else place
        if any(line.startswith(where.split("」")[0]) for line in lines):
            continue  # one line per table row: the same wrong total in three year columns is one problem
        percent = "%" if finding.check in _PERCENT_CHECKS else ""
        relation = _RELATIONS.get(finding.check, "与相关数据不符")
        lines.append(f"{where}填报{fmt(Decimal(str(finding.stated)), 2)}{percent}，{relation}")
        if len(lines) == 3:
            break
    return lines


_PERCENT_CHECKS = {"execution_rate", "staffing_control_rate"}
_RELATIONS = {
    "execution_rate": "与按全年执行数和全年预算数计算的结果不符",
    "staffing_control_rate": "与按实际在职人数和编制数计算的结果不符",
    "execution_score": "与按分值和执行率计算的结果不符",
    "expense_composition": "与基本支出、项目支出之和不一致",
    "income_composition": "与按收入性质分各项之和不一致",
    "total_score": "与各项得分之和不一致",
    "weight_total": "与各项分值之和不一致",
    "level1_weight": "与所属指标分值之和不一致",
    "basic_data_subtotals": "与其分项之和不一致",
    "funding_sources": "与资金来源各项之和不一致",
}


def _strip_number(text: str) -> str:
    from .structure import strip_numbering

    return strip_numbering(text).rstrip("。")


# ------------------------------------------------------------------------------------------- figure check


def source_figures(report: Report) -> set[Decimal]:
    return {n.value for n in find_numbers(report.document.full_text())}


def invented_figures(text: str, report: Report) -> list[str]:
    """Numbers in `text` that stand nowhere in the report (as a value, whatever the formatting)."""
    known = source_figures(report)
    return [n.text for n in find_numbers(text) if n.value not in known]


# ------------------------------------------------------------------------------------------- rewrites


def rules_rewrites(drafts: list[DraftItem]) -> list[Rewrite]:
    from .render import render_template

    drafts = drafts[:10]  # 「（一）」…「（十）」
    problems = render_template("rewrite_problems.txt.j2", items=drafts).strip()
    measures = render_template("rewrite_measures.txt.j2", items=drafts).strip()
    return [
        Rewrite(section="problems", text=problems, writer="rules"),
        Rewrite(section="measures", text=measures, writer="rules"),
    ]


def with_section_text(report: Report, section_id: str, text: str) -> Report:
    """The report as if its section said `text`: for scoring a rewrite with the same engine."""
    from .model import Paragraph

    paragraphs = [Paragraph(text=line.strip()) for line in text.splitlines() if line.strip()]
    sections = [
        s.model_copy(update={"paragraphs": paragraphs, "status": "found"})
        if s.id == section_id and s.scope == "main"
        else s
        for s in report.sections
    ]
    return report.model_copy(update={"sections": sections})


# ------------------------------------------------------------------------------------------- orchestration

DISCLAIMER = (
    "改写稿只使用报告中已有的数据；其中的原因分析和措施安排是根据报告数据作出的建议，提交前请结合实际核实修改。"
)


def make_suggestions(report: Report, options: ReviewOptions) -> SuggestResult:
    from .review import llm_client, review_with_facts
    from .rubric import load_rubric
    from .scoring.rules import extract_rules

    rubric = load_rubric(options.rubric)
    client = llm_client(options) if options.scorer == "llm" else None  # one token budget for the report
    result, facts = review_with_facts(report, options, client)
    facts = facts or extract_rules(report)
    drafts = documented_problems(report, result, facts, rubric.checks.low_execution_percent)
    rewrites = rules_rewrites(drafts)
    if client is not None:
        rewrites = llm_rewrites(report, rubric, client, drafts, rewrites)
    suggestions = figure_suggestions(result) + section_advice(report, result, facts, rubric)
    return SuggestResult(
        review=result,
        suggestions=suggestions,
        rewrites=rewrites,
        rewrite_scores=score_rewrites(report, rewrites, rubric),
    )


def score_rewrites(report: Report, rewrites: list[Rewrite], rubric: Rubric) -> dict[str, dict[str, float | str | None]]:
    """Each rewrite scored by the offline rules scorer, against the original's score."""
    from .scoring.engine import score_problems, score_suggestions
    from .scoring.rules import extract_rules

    rewritten = report
    for rewrite in rewrites:
        rewritten = with_section_text(rewritten, rewrite.section, rewrite.text)
    # Both sides by the offline scorer, so that the comparison is like for like whatever scored the review.
    facts_before, facts_after = extract_rules(report), extract_rules(rewritten)
    scores: dict[str, dict[str, float | str | None]] = {}
    for item_id, scorer in (("problems", score_problems), ("suggestions", score_suggestions)):
        item = rubric.item(item_id)
        if item is None:
            continue
        before = scorer(report, item, facts_before, "rules")
        after = scorer(rewritten, item, facts_after, "rules")
        scores[item_id] = {
            "before_points": before.points,
            "before_band": before.band,
            "after_points": after.points,
            "after_band": after.band,
        }
    return scores


class RewriteReply(BaseModel):
    """What the model returns when asked to rewrite the two sections."""

    model_config = ConfigDict(extra="forbid")

    problems: str = Field(description="改写后的「存在的问题及原因分析」全文，每个问题一段，含原因分析")
    measures: str = Field(description="改写后的「下一步改进措施」全文，每个问题一条措施，写明由谁、做什么、何时完成")


def llm_rewrites(
    report: Report, rubric: Rubric, client: LLMClient, drafts: list[DraftItem], fallback: list[Rewrite]
) -> list[Rewrite]:
    """The model writes from the report's own facts; a rewrite with a figure not in the report is dropped."""
    import json

    from .errors import LLMError
    from .llm import JsonModeRequired, cache_key
    from .scoring.llm_extractor import render_prompt

    settings = client.settings
    schema = RewriteReply.model_json_schema()
    problems, measures = report.section("problems"), report.section("measures")

    def build(json_mode: bool) -> list[dict[str, str]]:
        system = render_prompt(
            "rewrite_system.j2", rubric=rubric, json_mode=json_mode, schema=json.dumps(schema, ensure_ascii=False)
        )
        user = render_prompt(
            "rewrite_user.j2",
            unit=report.unit,
            year=report.year or "",
            problems=problems.text if problems else "",
            measures=measures.text if measures else "",
            facts=[f"{d.title}：{d.facts}" for d in drafts if d.facts],
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    messages = build(client.json_mode)
    reason = ""
    for _attempt in range(settings.max_reasks + 1):
        key = cache_key("rewrite", settings.model, json.dumps(messages, ensure_ascii=False))
        try:
            try:
                completion = client.complete(messages, schema, key)
            except JsonModeRequired:
                messages = build(True) + messages[2:]
                completion = client.complete(messages, schema, cache_key("rewrite", settings.model, str(messages)))
            reply = RewriteReply.model_validate_json(completion.text.strip().strip("`").removeprefix("json"))
        except LLMError as exc:
            reason = str(exc)
            break
        except ValueError as exc:
            reason = f"回复不是符合要求的 JSON：{exc}"
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": f"{reason}。请重新输出完整的 JSON。"},
            ]
            continue
        invented = sorted(set(invented_figures(reply.problems, report) + invented_figures(reply.measures, report)))
        if not invented:
            writer = f"llm:{settings.model}"
            return [
                Rewrite(section="problems", text=reply.problems.strip(), writer=writer),
                Rewrite(section="measures", text=reply.measures.strip(), writer=writer),
            ]
        reason = f"改写中出现报告中没有的数字：{'、'.join(invented)}"
        messages = [
            *messages,
            {"role": "assistant", "content": completion.text},
            {"role": "user", "content": f"{reason}。只能使用报告中已有的数字，请删去或改正后重新输出完整的 JSON。"},
        ]
    note = f"rules（llm:{settings.model} 改写未采用：{reason}）"
    invented_list = reason.split("：", 1)[1].split("、") if "报告中没有的数字" in reason else []
    return [r.model_copy(update={"writer": note, "invented_figures": invented_list}) for r in fallback]
