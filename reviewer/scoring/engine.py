"""The rubric engine: applies a rubric's rules to facts about the report and picks band and points.

Both scorers (rules, llm) only extract facts; every point is computed here, so the two can be
compared item by item and every point is traceable to quoted sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..checks import CheckResults
from ..numbers import find_numbers
from ..quotes import shorten
from ..rubric import (
    SECTION_FEATURES,
    Band,
    CompletenessRule,
    Convention,
    ConventionId,
    IndicatorTableRule,
    Lexicon,
    NoticeRule,
    Rubric,
    RubricItem,
    SelfCheckRule,
    Strict,
    SubmissionRule,
    WeightScheme,
    WeightsRule,
    WorkingGroupRule,
    load_lexicon,
    load_placement,
)
from ..structure import DeclaredWeights, Form, Report, load_table_catalogue, strip_numbering
from .evidence import Evidence, working_days_late
from .facts import MeasureFact, NarrativeFacts, ProblemFact
from .items import (
    EVIDENCE,
    RULES,
    CompletenessDetail,
    IndicatorTableDetail,
    ItemScore,
    ProblemsDetail,
    Scorer,
    SuggestionsDetail,
)
from .placement import place
from .rules import requests_with_economies, stretches_money


def half_points(value: float) -> float:
    return float((Decimal(str(value)) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2)


def score_items(
    report: Report,
    checks: CheckResults,
    rubric: Rubric,
    facts: NarrativeFacts | None,
    narrative_scorer: Scorer,
    evidence: Evidence | None = None,
    unscored_reason: str = "",
) -> list[ItemScore]:
    scores = []
    # 反映问题情况 first, whatever the rubric's order: 建议情况 reads its score (convention narrow_problems).
    problems = {
        item.id: score_problems(report, item, facts, narrative_scorer)
        for item in rubric.items
        if facts is not None and item.section == "problems"
    }
    problems_points = next((p.points for p in problems.values()), None)
    for item in rubric.items:
        if item.section is not None:
            if facts is None:
                scores.append(_unscored(item, narrative_scorer, unscored_reason))
            elif item.section == "problems":
                scores.append(problems[item.id])
            else:
                dimensions = {d.id for i in rubric.items for d in i.dimensions}
                scores.append(
                    score_suggestions(report, item, facts, narrative_scorer, len(dimensions), problems_points)
                )
            continue
        rule = item.rule
        if isinstance(rule, CompletenessRule):
            scores.append(score_completeness(report, item, rule))
        elif isinstance(rule, IndicatorTableRule):
            scores.append(score_indicator_table(report, checks, item, rule, load_lexicon()))
        else:
            scores.append(score_external(item, evidence))
    return scores


def _item_score(item: RubricItem, **fields: Any) -> ItemScore:
    """A score of `item`: its id, name and full marks filled in, the rest as given."""
    return ItemScore(id=item.id, name=item.name, max_points=item.points, **fields)


def _unscored(item: RubricItem, scorer: Scorer, reason: str) -> ItemScore:
    return _item_score(
        item,
        points=None,
        status="unscored",
        scorer_ref=scorer,
        justification=reason or "未能评分",
    )


# ------------------------------------------------------------------------------------------- completeness


def score_completeness(report: Report, item: RubricItem, rule: CompletenessRule) -> ItemScore:
    missing_parts = []
    for section_id in rule.main.sections:
        section = report.section(section_id)
        if section is None or section.status != "found":
            missing_parts.append(report.section_gap(section_id))
    main = max(0.0, rule.main.points - rule.main.per_missing * len(missing_parts))
    kinds = {t.kind for t in report.tables}
    from ..structure import TABLE_KIND_NAMES

    missing_tables = [TABLE_KIND_NAMES[k] for k in rule.attachments.tables if k not in kinds]
    attachments = max(0.0, rule.attachments.points - rule.attachments.per_missing * len(missing_tables))
    parts = [
        f"正文部分 {main:g}/{rule.main.points:g} 分"
        + (
            f"，缺少或为空：{'、'.join(missing_parts)}（每项扣 {rule.main.per_missing:g} 分）"
            if missing_parts
            else "，各部分齐全"
        )
    ]
    parts.append(
        f"附件部分 {attachments:g}/{rule.attachments.points:g} 分"
        + (
            f"，缺少：{'、'.join(missing_tables)}（每项扣 {rule.attachments.per_missing:g} 分）"
            if missing_tables
            else "，" + "、".join(TABLE_KIND_NAMES[k] for k in rule.attachments.tables) + "齐全"
        )
    )
    empty_project = [s.name for s in report.sections if s.scope == "project" and s.status == "empty"]
    if empty_project:
        parts.append(f"另：项目支出绩效自评报告中「{'」「'.join(empty_project)}」只填了「无」，建议补充")
    evidence = [s.heading for s in report.sections if s.scope == "main" and s.status == "found" and s.heading][:4]
    return _item_score(
        item,
        points=main + attachments,
        status="scored",
        scorer_ref=RULES,
        justification="；".join(parts) + "。",
        evidence=evidence,
        detail=CompletenessDetail(missing_sections=missing_parts, missing_tables=missing_tables),
    )


# ---------------------------------------------------------------------------------------- indicator table


def level1_categories(level1: str) -> list[str]:
    """The weight categories (预算执行率, 产出指标 …) a 一级指标's name belongs to (rubrics/_tables.yaml)."""
    return [category for category, word in load_table_catalogue().weight_categories.items() if word in level1]


def category_weights(form: Form) -> dict[str, float]:
    """A 自评表's first-level weights by category: the 执行率 row's 分值 and each category's 三级 分值 summed
    (over all its tables, when it is split)."""
    weights: dict[str, float] = {}
    exec_weight = form.value(r"年度资金总额", r"分值")
    if exec_weight and exec_weight.number:
        weights["预算执行率"] = float(exec_weight.number.value)
    for indicator in form.indicators:
        if indicator.weight is None:
            continue
        for category in level1_categories(indicator.level1):
            weights[category] = weights.get(category, 0.0) + float(indicator.weight.value)
    return weights


def _is_vague(target: str, lexicon: Lexicon) -> bool:
    text = target.strip("。. ")
    return not find_numbers(text) or text in lexicon.vague_targets


# The category whose 分值 stands in the money rows: not judged on a form that has none.
_EXECUTION = "预算执行率"


def _scheme_share(scheme: WeightScheme, actual: dict[str, float], skip: tuple[str, ...] = ()) -> float:
    """The share of categories (the scheme's and the table's, but `skip`) whose weight is the scheme's."""
    categories = [
        k
        for k in dict.fromkeys([*scheme.weights, *actual])
        if (scheme.weights.get(k) or actual.get(k)) and k not in skip
    ]
    if not categories:
        return 0.0
    met = [k for k in categories if abs(actual.get(k, 0.0) - scheme.weights.get(k, 0.0)) < 1e-9]
    return len(met) / len(categories)


def declared_scheme(declared: DeclaredWeights | None) -> WeightScheme | None:
    """The report's own declared weights as a scheme the weight check accepts beside the rubric's."""
    if declared is None:
        return None
    quote = shorten(declared.quote, 60)
    return WeightScheme(id="declared", name=f"报告自行声明的权重（「{quote}」）", weights=declared.weights)


def _unjudged(form: Form) -> tuple[str, ...]:
    """The categories a form cannot show: the 预算执行率 of an indicator block without its money table."""
    return (_EXECUTION,) if form.money is None else ()


def matching_scheme(
    form: Form, rule: WeightsRule, declared: DeclaredWeights | None = None
) -> tuple[float, WeightScheme]:
    """The weight scheme a 自评表 comes closest to (the rubric's, or the one the report declares for
    itself), and the share of its categories it meets (those it shows: an indicator block alone has no
    预算执行率)."""
    actual = category_weights(form)
    # No scheme configured for this table kind: judge it by every scheme.
    candidates = list(rule.applicable(form.kind) or rule.schemes)
    own = declared_scheme(declared)
    if own is not None:
        candidates.append(own)
    fits = [(_scheme_share(scheme, actual, _unjudged(form)), scheme) for scheme in candidates]
    return max(fits, key=lambda fit: fit[0])  # the first configured scheme wins a tie


def _weight_differences(
    expected: dict[str, float], actual: dict[str, float], said: str, skip: tuple[str, ...] = ()
) -> list[str]:
    """「产出指标45分（应为50分）」 for every category (but `skip`) whose weight is not the expected one."""
    return [
        f"{k}{actual.get(k, 0):g}分（{said}{expected.get(k, 0):g}分）"
        for k in dict.fromkeys([*expected, *actual])
        if abs(actual.get(k, 0.0) - expected.get(k, 0.0)) >= 1e-9 and k not in skip
    ]


def score_indicator_table(
    report: Report, checks: CheckResults, item: RubricItem, rule: IndicatorTableRule, lexicon: Lexicon
) -> ItemScore:
    # The forms with their money part; failing those, the indicator blocks that have indicators.
    forms = [f for f in report.forms() if f.money is not None] or [
        f for f in report.forms() if any(not i.placeholder for i in f.indicators)
    ]
    if not forms:
        blank = bool(report.forms())  # a block of headers and template rows only
        return _item_score(
            item,
            points=0.0,
            status="scored",
            scorer_ref=RULES,
            justification=(
                "报告所附绩效指标完成情况表未填写指标，也未附资金部分，本项不得分。"
                if blank
                else "报告未附绩效自评表，本项不得分。"
            ),
        )
    notes: list[str] = []
    shares = []
    schemes = []
    for form in forms:
        actual = category_weights(form)
        share, scheme = matching_scheme(form, rule.weights, report.declared_weights)
        shares.append(share)
        schemes.append(scheme.id)
        name = form.title
        if form.money is None:
            notes.append(
                f"{name}只有绩效指标部分，报告未附其资金部分（年度资金总额、执行率），"
                f"{_EXECUTION}的分值无从核对，权重按其余一级指标评判"
            )
        elif form.blocks:
            notes.append(f"{name}分为资金表与其后的{len(form.blocks)}张绩效指标完成情况表，合为一张自评表评判")
        wrong = _weight_differences(scheme.weights, actual, "应为", _unjudged(form))
        if wrong:
            notes.append(f"{name}按最接近的「{scheme.name}」权重不符：{'、'.join(wrong)}")
            if report.declared_weights is not None and scheme.id != "declared":
                # Contradicts even its own declaration: say how, so the author sees both readings.
                differences = _weight_differences(report.declared_weights.weights, actual, "报告声明", _unjudged(form))
                notes.append(f"与报告自行声明的权重也不符：{'、'.join(differences)}")
        elif len(rule.weights.schemes) > 1 or report.declared_weights is not None:
            notes.append(f"{name}符合「{scheme.name}」")
    weights = half_points(rule.weights.points * sum(shares) / len(shares))
    indicators = [(form, i) for form in forms for i in form.indicators if not i.placeholder and not i.not_applicable]
    unrefined = [i for _, i in indicators if not i.level3]
    refinement = (
        0.0 if not indicators else max(0.0, rule.refinement.points - rule.refinement.per_unrefined * len(unrefined))
    )
    vague = [i for _, i in indicators if _is_vague(i.target, lexicon)]
    deduction = min(rule.quality.max_deduction, rule.quality.per_vague * len(vague))
    quality = max(0.0, rule.quality.points - deduction)
    related = [f.message for f in checks.findings if f.check in ("level1_weight", "weight_total")]
    own = declared_scheme(report.declared_weights)
    text = (
        f"权重 {weights:g}/{rule.weights.points:g} 分（可接受的方案："
        + "；".join(
            f"{scheme.name} " + "/".join(f"{k.removesuffix('指标')}{v:g}" for k, v in scheme.weights.items())
            for scheme in [*rule.weights.schemes, *([own] if own else [])]
        )
        + "）"
        + (f"：{'；'.join(notes)}" if notes else "，均符合")
        + f"；细化 {refinement:g}/{rule.refinement.points:g} 分（{len(indicators)} 个指标"
        + (f"，{len(unrefined)} 个未细化到三级" if unrefined else "均已细化到三级")
        + "）"
        + f"；内涵明确可衡量 {quality:g}/{rule.quality.points:g} 分"
        + (
            f"（{len(vague)} 个指标值不可衡量，每个扣 {rule.quality.per_vague:g} 分："
            + "、".join(f"「{i.level3}：{i.target or '空'}」" for i in vague[:8])
            + ("等" if len(vague) > 8 else "")
            + "）"
            if vague
            else "（指标值均可衡量）"
        )
    )
    if related:
        text += "。数据核对另发现：" + "；".join(related)
    return _item_score(
        item,
        points=weights + refinement + quality,
        status="scored",
        scorer_ref=RULES,
        justification=text + "。",
        evidence=[i.target for i in vague[:5] if i.target],
        detail=IndicatorTableDetail(
            weight_share=shares,
            weight_schemes=schemes,
            vague=[i.level3 for i in vague],
            unrefined=len(unrefined),
        ),
    )


# ------------------------------------------------------------------------------------------- narrative


def covered_dimensions(per_problem: list[list[str]]) -> set[str]:
    """Distinct dimensions the problems cover, one per problem (a maximum bipartite matching).

    A single problem about 「财务人员业务能力」 touches two vocabularies but is one problem: coverage
    grows with the number of problems set out, not with the words used.
    """
    owner: dict[str, int] = {}

    def assign(problem: int, seen: set[str]) -> bool:
        for dimension in per_problem[problem]:
            if dimension in seen:
                continue
            seen.add(dimension)
            if dimension not in owner or assign(owner[dimension], seen):
                owner[dimension] = problem
                return True
        return False

    for index in range(len(per_problem)):
        assign(index, set())
    return set(owner)


def _aspects(problem: ProblemFact, dimensions: list[str], lexicon: Lexicon) -> list[str]:
    """The aspects a problem is about (convention dimensions_per_band): its dimensions, with the aspects the
    lexicon separates inside one (「预算」 and 「预算绩效管理」) told apart by the problem's headline."""
    pieces = re.split(r"[。；;！？\n]", strip_numbering(problem.text or problem.quote))
    headline = next((piece for piece in pieces if piece.strip()), "")
    found: list[str] = []
    for dimension in dimensions:
        parts = lexicon.dimension_aspects.get(dimension)
        if not parts:
            found.append(dimension)
            continue
        named = [f"{dimension}.{a}" for a, words in parts.items() if any(w in headline for w in words)]
        rest = headline
        for words in parts.values():
            for word in sorted(words, key=len, reverse=True):
                rest = rest.replace(word, "")
        if not named or any(w in rest for w in lexicon.dimensions.get(dimension, [])):
            named.append(dimension)
        found += named
    return found


def _avg_chars(texts: Iterable[str]) -> float:
    lengths = [len(re.sub(r"\s", "", strip_numbering(t))) for t in texts]
    return sum(lengths) / len(lengths) if lengths else 0.0


def _band(item: RubricItem, measured: dict[str, float]) -> Band:
    """The first band, top-down, whose every `min_*` condition the measured facts meet."""
    return next((band for band in item.bands if band.met_by(measured)), item.bands[-1])


def _in_band(band: Band, measured: dict[str, float]) -> tuple[float, list[str]]:
    """Where in its band (convention in_band_placement): the floor plus the points of each step met."""
    met = [step for step in band.steps if step.met_by(measured)]
    points = min(band.max, band.min + sum(step.points for step in met))
    return points, [f"{step.text}，加 {step.points:g} 分" for step in met]


def _deduction(item: RubricItem, convention_id: ConventionId, count: int) -> float:
    """What `count` items a convention charges for cost: its deduction each, at most its max_deduction."""
    rule = item.convention(convention_id)
    if rule is None or not count or not rule.deduction:
        return 0.0
    each = rule.deduction * count
    return min(each, rule.max_deduction) if rule.max_deduction is not None else each


def _zero(item: RubricItem, rule_id: str, scorer: Scorer, justification: str, evidence: list[str]) -> ItemScore:
    rule = next((z for z in item.zero_rules if z.id == rule_id), None)
    reason = f"按评分标准「{rule.text}」，{justification}" if rule else justification
    return _item_score(
        item,
        points=0.0,
        band="0",
        status="scored",
        scorer_ref=scorer,
        justification=reason,
        evidence=evidence,
    )


def score_problems(report: Report, item: RubricItem, facts: NarrativeFacts, scorer: Scorer) -> ItemScore:
    problems = facts.problems
    quotes = [p.quote for p in problems]
    gap = item.convention("gap_acknowledged")
    if not problems and facts.acknowledged_gaps and gap is not None and gap.points is not None:
        band = _band_of(item, gap.points)
        return _item_score(
            item,
            points=gap.points,
            band=band.range_text,
            status="scored",
            scorer_ref=scorer,
            justification=f"报告「存在的问题及原因分析」部分只写成绩，结尾只笼统地承认有差距（「{facts.acknowledged_gaps[0]}」），"
            f"没有指出任何具体问题和原因，属「{band.label}」档（{band.range_text} 分），取 {gap.points:g} 分。"
            + _applied_text(_applied(item, {"gap_acknowledged": True})),
            evidence=facts.acknowledged_gaps[:1],
        )
    said = facts.no_problem_statements + facts.acknowledged_gaps
    if not problems and said:
        return _zero(
            item,
            "section_empty",
            scorer,
            f"报告「存在的问题及原因分析」部分只称没有问题（「{said[0]}」），"
            "未反映任何问题，本项不得分。"
            + _applied_text(
                _applied(item, {"no_problem_stated": True, "template_prompts": bool(facts.ignored_prompts)})
            ),
            said[:1],
        )
    if not problems:
        return _zero(item, "section_empty", scorer, "报告「存在的问题及原因分析」部分没有实质内容，本项不得分。", [])
    counted = [p for p in problems if not p.funding_only]
    lexicon = load_lexicon()
    # A form's indicator deviations beside the problems it lists apart are those problems' evidence (as for the
    # measures, convention coverage_relative_to): when every problem listed apart is a funding shortage, the section
    # raises only funding (dev iu09, every reader 0).
    # Only a form's 偏差原因 cell, and only deviations put down to nothing of the department's own (「因动态管理退出人数
    # 较多」, not 「因采购计划编制不科学」: lexicon own_deviation_causes).
    indicator_first = [p for p in problems if _indicator_first(p, lexicon)]
    deviations = [p for p in problems if p in indicator_first or _is_deviation(p, lexicon)]
    listed = [p for p in problems if p not in deviations]
    only_evidence = all(
        (p in indicator_first or (p.text or p.quote).lstrip().startswith("偏差"))
        and not any(w in (p.text or p.quote) for w in lexicon.own_deviation_causes)
        for p in deviations
    )
    if counted and listed and deviations and only_evidence and all(p.funding_only for p in listed):
        return _zero(
            item,
            "funding_only",
            scorer,
            f"报告另列的 {len(listed)} 个问题均只是资金不足（问题的主题是可用的钱），所写的指标偏差只是这些问题的佐证，"
            "本项不得分。" + _applied_text(_applied(item, {"funding_beside_real": True})),
            [p.quote for p in listed],
        )
    if not counted:
        return _zero(
            item,
            "funding_only",
            scorer,
            f"报告提出的 {len(problems)} 个问题均只是资金不足"
            "（问题的主题是可用的钱，或只把没做成的事归因于资金），本项不得分。"
            + _caused_note(problems)
            + _model_note([p.model_cues for p in problems], "资金不足")
            + _applied_text(_applied(item, {"funding_beside_real": True})),
            quotes,
        )
    known = {d.id: d.name for d in item.dimensions}
    matched = covered_dimensions([[d for d in p.dimensions if d in known] for p in counted])
    covered = [d for d in known if d in matched]
    with_cause = [p for p in counted if p.cause]
    with_specifics = [p for p in counted if p.specifics]
    set_out = [p for p in counted if p.set_out]
    itemised = len(counted) >= max(1, lexicon.set_out_min_problems)
    aspects = covered_dimensions([_aspects(p, [d for d in p.dimensions if d in known], lexicon) for p in counted])
    measured = {
        "dimensions": len(covered),
        "aspects": len(aspects),
        "cause_share": len(with_cause) / len(counted),
        "problems": len(counted),
        "avg_chars": _avg_chars(p.text or p.quote for p in counted),
        # A problem set out beyond its headline has substance when the section itemises its problems (归纳): in one
        # paragraph (「主要是……，……还需规范」) the clauses after the first are more problems (convention set_out).
        "substance_share": len([p for p in counted if p.cause or p.specifics or (p.set_out and itemised)])
        / len(counted),
        "specifics_share": len(with_specifics) / len(counted),
    }
    # Stances only (「思想认识还需进一步提高」「工作作风有待进一步转变」): no matter of the work is named, so the
    # section sits below 「未归纳且过于简单」 (convention stance_only).
    stance = item.convention("stance_only")
    stances = stance is not None and stance.points is not None and all(p.stance for p in counted)
    # Shortages with one bare line beside them (「四是食堂账务衔接不够清晰」): in effect only funding is raised, a
    # band below 「未归纳且过于简单」 (convention funding_dominant).
    dominant = item.convention("funding_dominant")
    funding_led = (
        dominant is not None
        and dominant.points is not None
        and len(problems) - len(counted) >= (dominant.min_funding_problems or 0)
        and len(counted) <= (dominant.max_real_problems or 0)
        and not any(p.cause or p.specifics or p.set_out for p in counted)
    )
    # Either convention sets the section's points outright.
    fixed = stance.points if stances and stance else dominant.points if funding_led and dominant else None
    met: list[str] = []
    if fixed is not None:
        band, points = _band_of(item, fixed), fixed
    else:
        band = _band(item, measured)
        points, met = _in_band(band, measured)
    missing = [known[d] for d in known if d not in covered]
    funding = len(problems) - len(counted)
    funding_rule = item.convention("funding_beside_real")
    floor = funding_rule.not_below if funding_rule is not None and funding_rule.not_below is not None else 0.0
    deductions = {"资金不足问题": min(_deduction(item, "funding_beside_real", funding), max(0.0, points - floor))}
    # Where the bands placed the section, a learned placement shares the score (convention learned_placement).
    placed = _learned_points(item, facts, scorer, points - sum(deductions.values()), report) if fixed is None else None
    text = (
        f"共归纳问题 {len(problems)} 个"
        + (f"（其中 {funding} 个只是资金不足，不计）" if funding else "")
        + _caused_note(problems)
        + _model_note([p.model_cues for p in problems], "资金不足")
        + f"；覆盖维度 {len(covered)}/{len(known)}："
        + ("、".join(known[d] for d in covered) or "无")
        + (f"；未涉及：{'、'.join(missing)}" if missing else "")
        + (f"（方面按预算与预算绩效管理分开计，共 {len(aspects)} 个）" if len(aspects) != len(covered) else "")
        + f"；分析了原因的问题 {len(with_cause)}/{len(counted)} 个"
        + f"；有具体数据或事例的 {len(with_specifics)}/{len(counted)} 个"
        + (f"；在标题之外写出了具体情况的 {len(set_out)}/{len(counted)} 个" if itemised and set_out else "")
        + "。"
    )
    evidence = quotes + [p.cause for p in with_cause if p.cause and p.cause not in quotes]
    applied = _applied(
        item,
        {
            "dimensions_per_band": True,
            # With a learned placement the in-band steps and the narrow-list point only shape the bands' reckoning.
            "in_band_placement": band.min != band.max and placed is None,
            "funding_beside_real": bool(funding),
            "template_prompts": bool(facts.ignored_prompts),
            "item_segmentation": any(p.cause and p.cause not in p.text for p in problems),
            "pasted_causes": bool(facts.pasted_causes),
            "stance_only": stances,
            "funding_dominant": funding_led,
            "set_out": itemised and any(p.set_out and not (p.cause or p.specifics) for p in counted),
            "learned_placement": placed is not None,
        },
    )
    if stances:
        text += "所列问题都只是思想认识、作风、能力之类的表态，没有指出哪项工作的不足。"
    if funding_led:
        text += f"除 {funding} 个资金不足问题外只有 {len(counted)} 个问题且未分析原因，实际上只提出了资金不足。"
    if facts.pasted_causes:
        text += f"「{facts.pasted_causes[0]}」原样套在几个问题下，不算分析了原因。"
    if facts.ignored_prompts:
        text += f"另有 {len(facts.ignored_prompts)} 处模板填写提示，不算内容。"
    detail = ProblemsDetail(
        covered_dimensions=covered,
        dimensions=len(covered),
        cause_share=measured["cause_share"],
        problems=len(problems),
        avg_chars=measured["avg_chars"],
        substance_share=measured["substance_share"],
        specifics=measured["specifics_share"],
        causes=measured["cause_share"],
    )
    return _banded(item, band, points, met, scorer, text, evidence, detail, applied, deductions, placed)


def score_suggestions(
    report: Report,
    item: RubricItem,
    facts: NarrativeFacts,
    scorer: Scorer,
    rubric_dimensions: int = 0,
    problems_points: float | None = None,
) -> ItemScore:
    """`problems_points`: the score of 反映问题情况, where the rubric has it (convention narrow_problems)."""
    measures = facts.measures
    quotes = [m.quote for m in measures]
    if not measures:
        return _zero(item, "section_empty", scorer, "报告「下一步改进措施」部分没有实质内容，本项不得分。", [])
    lexicon = load_lexicon()
    money = [m for m in measures if m.money_only]
    all_funding = all(p.funding_only for p in facts.problems)
    requests = [m for m in money if m.repeats is None]
    rest = [m for m in measures if not m.money_only]
    led = item.convention("money_led")
    # The measures that ask first and economise after, when the rest are money-led (None when they are not).
    mixed = (
        _money_led(requests, rest, led, lexicon)
        if rest and led is not None and facts.problems and all_funding
        else None
    )
    if not rest or mixed is not None:
        if mixed is not None:
            repeats = f"（不计重复的 {len(requests)} 条）" if len(requests) < len(money) else ""
            requested = f"{len(money)} 条{repeats}只是增加资金投入（措施的做法是要钱）" if money else ""
            if mixed:
                requested += ("，" if requested else "") + f"{len(mixed)} 条先要钱、后附一两句厉行节约"
            others = len(rest) - len(mixed)
            reason = (
                f"所列问题只有资金不足，{len(measures)} 条措施中 {requested}"
                + (f"，其余 {others} 条只是厉行节约、与问题无关或没有具体做法的附带内容" if others else "")
                + "，实质上仍是只提出加大资金投入，本项不得分。"
            )
        else:
            reason = f"报告提出的 {len(measures)} 条措施均只是增加资金投入（措施的做法是要钱），本项不得分。"
        return _zero(
            item,
            "money_only",
            scorer,
            reason
            + _model_note([m.model_cues for m in measures], "只要钱")
            + _applied_text(_applied(item, {"money_beside_real": True, "money_led": bool(rest)})),
            quotes,
        )
    repeated = [m for m in rest if m.repeats is not None]
    off_topic = [m for m in rest if m.repeats is None and m.off_topic]
    counted = [m for m in rest if m.repeats is None and not m.off_topic]
    slogans = [m for m in counted if m.slogan]
    real = [m for m in counted if not m.slogan]
    n_problems = len(facts.problems)
    answered = {i for m in real for i in m.answers if 0 <= i < n_problems}
    # Funding-shortage problems score nothing, so a measure owes them nothing either, unless the report answers
    # one by asking for money: that request is no measure, and the shortage stays unanswered (convention
    # money_beside_real).
    asked = {i for m in money for i in m.answers} - answered
    owed = [i for i, p in enumerate(facts.problems) if not p.funding_only or (i in asked and not all_funding)]
    # A form's deviations of named indicators (「……年度指标值48处，实际完成值41处……」) beside the problems it lists
    # apart: the measures answer the problems; the deviations are their evidence (convention coverage_relative_to).
    deviations = {i for i in owed if _is_deviation(facts.problems[i], lexicon)}
    if deviations and len(deviations) < len(owed):
        owed = [i for i in owed if i not in deviations]
    coverage = _coverage(item, facts, answered, owed, rubric_dimensions)
    concrete = [m for m in real if m.concrete]
    # Replies in form: slogans and a template pasted under each problem still reply to it (「过于简单」), one
    # problem per measure (a matching): one paragraph that restates three problems is one reply, not three.
    # A lone slogan restating them all is 「过于简单」 at its floor. Among several measures, one that sets out
    # a step of its own for each problem it answers replies to each (measures grouped by aspect, 「（二）强化履职
    # 目标跟踪。建立……；按月……；……」 over three problems: ib09, ib01 by readers u/v 15/15).
    replies = [m for m in measures if not m.money_only and not m.off_topic]
    lone = len(replies) == 1 and replies[0].slogan
    replied = (
        set()
        if lone
        else covered_dimensions(
            [[str(i) for i in m.answers if i in owed] for m in replies for _ in range(_reply_capacity(m, replies))]
        )
    )
    measured = {
        "coverage": coverage,
        "replies": len(replied) / len(owed) if owed else 0.0,
        # Unknown (an extractor that did not count them) is no evidence of a thin section.
        "steps": sum(m.steps or 0 for m in real) if all(m.steps is not None for m in real) else float("inf"),
        "concrete_share": len(concrete) / len(counted) if counted else 0.0,
        "measures": len(real),
        # A target, quantity or deadline a reviewer can later check (「每季度抽查不少于3家」「年底前」); readers
        # hold 「无量化目标和时限」 against 「对应且全面」.
        "figured": len([m for m in real if _checkable(m.text or m.quote, lexicon)]),
        # How far the measures are set out: slogans (counted as 「过于简单」 already) do not shorten it.
        "avg_chars": _avg_chars(m.text or m.quote for m in (real or counted)),
    }
    # Slogans that restate a problem still touch it (「过于简单」); measures that touch none do not, and
    # with no problem listed at all there is nothing to touch. Measures beside funding-shortage problems
    # only are left to the bands.
    touched = {i for m in counted for i in m.answers if i in owed}
    no_answer = item.convention("no_answer")
    floor = no_answer.points if no_answer is not None else None
    floored = floor is not None and not touched and (bool(owed) or not facts.problems or counted == slogans)
    eased = item.convention("funding_answered")
    share = (eased.min_concrete_share if eased else None) or 0
    steps_beside = _eases_shortages(facts, share)
    # Steps that stretch the money answer a shortage (funding_answered); other work's steps do not (other_work).
    economy_share = _economy_share(facts, lexicon) if steps_beside else 0.0
    economy = steps_beside and economy_share >= share
    other = item.convention("other_work")
    if steps_beside and not economy and other is not None and other.points is not None:
        eased = other
    eased_points = eased.points if eased is not None else None
    # Some of the steps, fewer than the share, stretch the money: the shortage is answered in part.
    if eased is other and other is not None and other.partial_points is not None and economy_share > 0:
        eased_points = other.partial_points
    eases = eased_points is not None and steps_beside
    # A lone statement of intent (one paragraph of slogans, no step, nothing itemised, replying to no problem)
    # is no measure at all.
    statement = item.convention("statement_only")
    # One slogan pasted under every problem is one statement too (repeats_count_once; hw17, hv12).
    distinct = [m for m in replies if m.repeats is None]
    alone = len(distinct) == 1 and distinct[0].slogan
    stated = statement is not None and statement.points is not None and alone and not touched
    # No problem listed and no step among the measures: neither a problem to answer nor a measure (nothing_listed).
    nothing = item.convention("nothing_listed")
    empty = nothing is not None and nothing.points is not None and not facts.problems
    empty = empty and not any(_names_a_step(m.text or m.quote, lexicon) for m in measures if not m.money_only)
    met: list[str] = []
    banded = False  # the bands, not a fixed-points convention, placed the section (convention learned_placement)
    if nothing is not None and nothing.points is not None and empty:
        band, points = _band_of(item, nothing.points), nothing.points
    elif statement is not None and statement.points is not None and stated:
        band, points = _band_of(item, statement.points), statement.points
    elif floor is not None and floored:
        band, points = _band_of(item, floor), floor
    elif eased_points is not None and eases:
        band, points = _band_of(item, eased_points), eased_points
    else:
        band = _band(item, measured)
        points, met = _in_band(band, measured)
        banded = True
    deductions = {
        # A request that leaves a shortage unanswered costs its coverage already, not a point besides.
        "只要钱的措施": 0 if asked & set(owed) else _deduction(item, "money_beside_real", len(money)),
        # Measures of other work that answer nothing are already at no_answer's floor, an off-topic one among them
        # costs no more (hx20 m/n 4/3, hv15 i/j 4/3); only off-topic measures still cost their point (h10, n19 a/b).
        "离题措施": 0 if floored and not stated and counted else _deduction(item, "off_topic", len(off_topic)),
        "措施写在问题部分": _deduction(item, "measures_referenced", int(facts.measures_in_problems)),
    }
    # Measures that answer a narrow list answer a list that is itself 「不全面」 (convention narrow_problems).
    narrow_rule = item.convention("narrow_problems")
    narrow = (
        narrow_rule is not None
        and narrow_rule.problems_below is not None
        and problems_points is not None
        and 0 < problems_points < narrow_rule.problems_below
    )
    if narrow and narrow_rule is not None:
        # Not below its floor after the other deductions (「减后不低于11分」).
        left = points - sum(deductions.values()) - (narrow_rule.not_below or 0.0)
        deductions["所对应的问题本身不全面"] = min(_deduction(item, "narrow_problems", 1), max(0.0, left))
    thin = bool(real) and not stated and not floored and not empty and measured["steps"] < _min_steps(item)
    unanswered = [facts.problems[i].quote for i in owed if i not in answered]
    orphan = [m.quote for m in real if not m.answers]
    text = (
        f"共提出措施 {len(measures)} 条"
        + ("（写在「存在的问题」部分，措施部分只是引用）" if facts.measures_in_problems else "")
        + _not_counted(money=len(money), repeated=len(repeated), off_topic=len(off_topic), slogans=len(slogans))
        + _model_note([m.model_cues for m in measures], "只要钱")
        + (f"；对应问题 {len(answered & set(owed))}/{len(owed)} 个" if owed else "；报告未列出可对应的问题")
        + (f"（未对应：「{'」「'.join(unanswered)}」）" if unanswered else "")
        + f"；措施具体（针对问题写出可执行的做法）的 {len(concrete)}/{len(counted)} 条"
        + (f"；未回应任何问题的措施 {len(orphan)} 条" if orphan else "")
        + (f"；全部措施合起来只写出 {measured['steps']:g} 个自己的做法" if thin else "")
        + "。"
    )
    if facts.ignored_prompts:
        text += f"另有 {len(facts.ignored_prompts)} 处模板填写提示，不算内容。"
    # The readers' scores the placement learned from hold what they took off for money, off-topic measures and a
    # narrow list; it cannot see measures written in the 问题 part, so that deduction still applies to it.
    placed = (
        _learned_points(
            item,
            facts,
            scorer,
            points - sum(deductions.values()),
            report,
            deductions["措施写在问题部分"],
        )
        if banded
        else None
    )
    applied = _applied(
        item,
        {
            "coverage_relative_to": True,
            "concrete_measure": True,
            # With a learned placement the in-band steps and the narrow-list point only shape the bands' reckoning.
            "in_band_placement": band.min != band.max and placed is None,
            "no_answer": floored and not stated and not empty,
            "statement_only": stated and not empty,
            "nothing_listed": empty,
            "thin_measures": thin,
            "money_beside_real": bool(money),
            "off_topic": bool(off_topic),
            "slogans": bool(slogans),
            "repeats_count_once": bool(repeated),
            "measures_referenced": facts.measures_in_problems,
            "funding_answered": eases and economy and not floored and not stated,
            "other_work": eases and not economy and not floored and not stated,
            "template_prompts": bool(facts.ignored_prompts),
            "narrow_problems": bool(deductions.get("所对应的问题本身不全面")) and placed is None,
            "learned_placement": placed is not None,
        },
    )
    detail = SuggestionsDetail(
        unanswered=unanswered,
        orphan_measures=orphan,
        coverage=coverage,
        concrete_share=measured["concrete_share"],
        measures=len(counted),
        avg_chars=measured["avg_chars"],
    )
    return _banded(item, band, points, met, scorer, text, quotes, detail, applied, deductions, placed)


class Placed(Strict):
    """The score a learned placement gives a section (convention learned_placement), and how the justification
    says where it came from."""

    points: float
    note: str
    words: float | None = None  # the placement's text estimate, one decimal


def _section_text(report: Report, item: RubricItem) -> str:
    """The item's own section as written (its rubric `section`), which a placement counts beside the facts."""
    section = report.section(item.section) if item.section else None
    return section.text if section is not None else ""


def _learned_points(
    item: RubricItem,
    facts: NarrativeFacts,
    scorer: Scorer,
    by_bands: float,
    report: Report,
    referenced: float = 0.0,
) -> Placed | None:
    """The points a placement learned from the blind readers gives the section (convention learned_placement), its
    `weight` share beside the bands' own points (`by_bands`, after their deductions), whole and within the item's
    range, less the `referenced` deduction (measures written in the 问题 part, which no fact it reads tells), with the
    words the justification says it in; None where the rubric names no placement or the llm extractor read the facts
    (the placement learned from the rules extractor's; a rules fallback is the rules extractor's)."""
    learned = item.convention("learned_placement")
    if learned is None or learned.model is None or scorer.kind != "rules":
        return None
    placement = load_placement(learned.model)
    weight = 1.0 if learned.weight is None else learned.weight
    placing = place(placement, facts, _section_text(report, item))
    blended = weight * placing.points + (1 - weight) * by_bands
    points = _allowed_points(item, blended)
    share = "" if weight == 1 else "，与各档条件所得各占一半" if weight == 0.5 else f"，占 {weight:.0%}"
    # A placement that also reads the wording says so, and what the words alone suggest: two sections with the same
    # facts may be placed apart, and the reviewer should see how far the words pulled.
    words = None if placing.words is None else round(placing.words, 1)
    # A placement that also counts the section as written (its length, figures, items; session 25) says so too.
    counted = "，并计入原文的篇幅和条目" if any(f in SECTION_FEATURES for f in placement.features) else ""
    basis = "" if words is None else f"读取各项要素与措辞{counted}，措辞单独估计 {words:g} 分；"
    note = f"按盲评学得的定位（{basis}{placement.readers} 位审核人员、{placement.cases} 份报告{share}）取 {points:g} 分"
    if referenced:
        points = _allowed_points(item, points - referenced)
        note += f"，措施写在问题部分扣 {referenced:g} 分，得 {points:g} 分"
    return Placed(points=points, note=note, words=words)


def _allowed_points(item: RubricItem, value: float) -> float:
    """The whole points nearest `value` that some band of the item allows, from its lowest band up (a placement of
    19 on 反映问题情况 falls between 「较全面」 16—18 and 「全面」 20, a score no band gives: the lower of the two
    nearest, as a reviewer keeps the top band for what earns it)."""
    allowed = sorted({p for band in item.bands for p in range(math.ceil(band.min), math.floor(band.max) + 1)})
    return float(min(allowed, key=lambda p: (abs(p - value), p)))


def _is_deviation(problem: ProblemFact, lexicon: Lexicon) -> bool:
    return (
        bool(lexicon.deviation_pattern)
        and re.search(lexicon.deviation_pattern, strip_numbering(problem.text or problem.quote)) is not None
    )


def _indicator_first(problem: ProblemFact, lexicon: Lexicon) -> bool:
    """A part of a form's deviation cell listed apart, told by its indicator's target and actual figures (dev iu09);
    only beside funding problems, where deviations are their evidence."""
    pattern = lexicon.indicator_deviation_pattern
    text = strip_numbering(problem.text or problem.quote)
    # A cause of the department's own (「因敬老院管理服务水平不高」, session 16's review) makes it a problem of its own.
    return (
        bool(pattern)
        and re.match(pattern, text) is not None
        and not any(w in text for w in lexicon.money.own_failings + lexicon.own_deviation_causes)
    )


def _reply_capacity(measure: MeasureFact, replies: list[MeasureFact]) -> int:
    """How many problems a measure replies to in the matching (convention in_band_placement): one, or among
    several measures as many as its steps of its own (all its steps, whichever problem each serves), up to the
    problems it answers."""
    if len(replies) < 2:
        return 1
    return max(1, min(len(measure.answers), measure.steps or 1))


def _checkable(measure: str, lexicon: Lexicon) -> bool:
    """A figure (a target, quantity, amount or date) or a deadline (「年底前」, lexicon measure_deadline_markers)
    that a reviewer can check the measure against later (convention in_band_placement)."""
    return bool(find_numbers(strip_numbering(measure))) or any(w in measure for w in lexicon.measure_deadline_markers)


def _names_a_step(measure: str, lexicon: Lexicon) -> bool:
    """Who, by when, an instrument or a figure (convention nothing_listed): with no problem listed, the only sign
    that a measure is more than a statement of intent."""
    return any(m in measure for m in lexicon.concrete_markers) or bool(find_numbers(strip_numbering(measure)))


def _min_steps(item: RubricItem) -> int:
    """The fewest steps any band above the lowest needs (convention thin_measures)."""
    return max((band.min_steps for band in item.bands), default=0)


def _eases_shortages(facts: NarrativeFacts, min_concrete_share: float) -> bool:
    """Every problem is a funding shortage and enough of the measures are concrete steps answering it
    (convention funding_answered)."""
    if not facts.problems or not all(p.funding_only for p in facts.problems):
        return False
    steps = [m for m in facts.measures if not m.money_only and m.repeats is None and not m.off_topic]
    concrete = [m for m in steps if m.concrete and m.answers]
    return bool(steps) and len(concrete) / len(steps) >= min_concrete_share


def _money_led(
    requests: list[MeasureFact], rest: list[MeasureFact], led: Convention, lexicon: Lexicon
) -> list[MeasureFact] | None:
    """Shortages answered mostly by asking for money (convention money_led): more distinct requests (`requests`,
    repeats left out) than other distinct steps on the topic, and those at most `max_other_steps` (required by the
    rubric's check), each a line of economies (lexicon economy_steps) or no concrete step. Off-topic lines (党建,
    宣传) answer nothing and count on neither side, whatever figures they carry: a count of 主题党日 is no way to
    keep a shortage from scoring 0. Returns the measures that ask first and economise after (counted on both sides),
    or None when the measures are not money-led."""
    others = [m for m in rest if m.repeats is None and not m.off_topic]
    asked, steps = len(requests), 0
    mixed: list[MeasureFact] = []
    for measure in others:
        # A measure asking for money first and economising after it counts on both sides (「积极争取……，多渠道筹措
        # ……；同时厉行节约，压减一般性支出」): its requests, and its economy lines.
        sides = requests_with_economies(measure.text or measure.quote, lexicon)
        if sides is not None:
            asked, steps = asked + sides[0], steps + sides[1]
            mixed.append(measure)
        elif stretches_money(measure.text or measure.quote, lexicon) or not measure.concrete:
            steps += 1
        else:
            return None
    return mixed if asked > steps and steps <= (led.max_other_steps or 0) else None


def _economy_share(facts: NarrativeFacts, lexicon: Lexicon) -> float:
    """The share of the steps that stretch the money available (lexicon economy_steps): cuts, quotas,
    priorities, idle assets put to use; the rest is other work's (convention other_work)."""
    steps = [m for m in facts.measures if not m.money_only and m.repeats is None and not m.off_topic]
    stretching = [m for m in steps if stretches_money(m.text or m.quote, lexicon)]
    return len(stretching) / len(steps) if steps else 0.0


def _band_of(item: RubricItem, points: float) -> Band:
    """The band a score falls in (the rubric checks that no_answer's points fall in one); between two bands (a
    deduction from the top band's 20 leaves 19), the nearer one, the higher on a tie: the band it came down from."""
    return min(item.bands, key=lambda b: (max(b.min - points, points - b.max, 0.0), -b.max))


def _coverage(
    item: RubricItem, facts: NarrativeFacts, answered: set[int], owed: list[int], rubric_dimensions: int
) -> float:
    """「全面」 for 建议情况 (convention coverage_relative_to): the report's own problems, the rubric's
    dimensions (through the problems the measures answer), or the lesser of the two."""
    of_problems = len(answered & set(owed)) / len(owed) if owed else 0.0
    rule = item.convention("coverage_relative_to")
    relative_to = rule.relative_to if rule is not None else "problems"
    if relative_to == "problems" or not rubric_dimensions:
        return of_problems
    dims = covered_dimensions([facts.problems[i].dimensions for i in sorted(answered & set(owed))])
    of_dimensions = min(1.0, len(dims) / rubric_dimensions)
    return of_dimensions if relative_to == "dimensions" else min(of_problems, of_dimensions)


def _caused_note(problems: list[ProblemFact]) -> str:
    """Names the problems that are a shortage because they put what went wrong down to money (lexicon money.caused),
    so that a reviewer sees the reading; nothing when money headed them all."""
    caused = sum(p.caused_by_money for p in problems)
    return f"（其中 {caused} 项把没做成的事归因于资金，除资金造成的后果外没有写本单位自身的问题）" if caused else ""


def _model_note(cues: list[list[str]], judged: str) -> str:
    """Names the items the money model judged (conventions funding_beside_real, money_beside_real), with the
    words it weighed most, so that a reviewer sees why; nothing when the word sets decided them all."""
    decided = [c for c in cues if c]
    if not decided:
        return ""
    grounds = "；".join("、".join(f"「{w}」" for w in c) for c in decided)
    return f"（其中 {len(decided)} 项按资金措辞模型判为{judged}，依据：{grounds}）"


def _not_counted(**counts: int) -> str:
    words = {
        "money": "只是增加资金投入",
        "repeated": "与前面的措施重复",
        "off_topic": "离题",
        "slogans": "只是口号或套话",
    }
    parts = [f"{n} 条{words[k]}" for k, n in counts.items() if n]
    return f"（其中{'，'.join(parts)}，不计）" if parts else ""


def _applied(item: RubricItem, triggered: dict[str, bool]) -> list[str]:
    """The names of the item's conventions this score applied, in the rubric's order."""
    return [c.name for c in item.conventions if triggered.get(c.id)]


def _applied_text(applied: list[str]) -> str:
    return f"适用口径：「{'」「'.join(applied)}」。" if applied else ""


def _banded(
    item: RubricItem,
    band: Band,
    points: float,
    met: list[str],
    scorer: Scorer,
    facts_text: str,
    evidence: list[str],
    detail: ProblemsDetail | SuggestionsDetail,
    applied: list[str],
    deductions: dict[str, float],
    placed: Placed | None = None,
) -> ItemScore:
    """The score of a banded narrative item: the facts, then which band of the rubric and why, what the
    conventions deduct, and the conventions (readings of the rubric the bureau wrote down) it applied. With a learned
    placement its score comes first and the bands' own reckoning follows it, for the reviewer to compare."""
    charged = {what: n for what, n in deductions.items() if n}
    final = max(0.0, points - sum(charged.values()))
    by_bands = (
        f"属「{band.label}」档（{band.range_text} 分），取 {points:g} 分"
        + (f"（{'；'.join(met)}）" if met else "")
        + "".join(f"；{what}扣 {n:g} 分" for what, n in charged.items())
        + (f"，得 {final:g} 分" if charged else "")
    )
    if placed is None:
        conclusion = f"按评分标准{by_bands}。"
    else:
        same = final == placed.points and _band_of(item, placed.points) == band
        detail = detail.model_copy(update={"bands_points": final, "words_points": placed.words})
        band, final = _band_of(item, placed.points), placed.points
        conclusion = f"{placed.note}，属「{band.label}」档（{band.range_text} 分）" + (
            "，与按评分表各档的条件所得相同。" if same else f"。按评分表各档的条件：{by_bands}。"
        )
    return _item_score(
        item,
        points=final,
        band=band.range_text,
        status="scored",
        scorer_ref=scorer,
        justification=facts_text + conclusion + _applied_text(applied),
        evidence=evidence,
        detail=detail,
    )


# ------------------------------------------------------------------------------------------- external


def score_external(item: RubricItem, evidence: Evidence | None) -> ItemScore:
    def needs(what: str) -> ItemScore:
        return _item_score(
            item,
            points=None,
            status="needs_evidence",
            justification=f"本项需报告以外的材料：{item.evidence or what}。可用 --evidence 提供。",
        )

    def scored(points: float, text: str) -> ItemScore:
        return _item_score(
            item,
            points=max(0.0, points),
            status="scored",
            scorer_ref=EVIDENCE,
            justification=text,
        )

    rule = item.rule
    if evidence is None:
        return needs(item.name)
    if isinstance(rule, NoticeRule):
        if evidence.notice is None:
            return needs("绩效自评通知")
        if not evidence.notice.issued:
            return scored(0.0, "未印发绩效自评通知，本项不得分。")
        missing = [e for e in rule.elements if e not in evidence.notice.elements]
        points = rule.issued_points + max(0.0, rule.element_points - rule.per_missing_element * len(missing))
        return scored(
            points, "已印发绩效自评通知" + (f"，缺少：{'、'.join(missing)}" if missing else "，要素齐全") + "。"
        )
    if isinstance(rule, WorkingGroupRule):
        if evidence.working_group is None:
            return needs("工作小组文件")
        return scored(
            item.points if evidence.working_group else 0.0,
            "已成立绩效自评工作小组。" if evidence.working_group else "未成立绩效自评工作小组，本项不得分。",
        )
    if isinstance(rule, SelfCheckRule):
        if evidence.units_not_self_checked is None:
            return needs("单位自查情况")
        units = evidence.units_not_self_checked
        return scored(
            item.points - rule.per_unit * len(units),
            f"未开展自查的单位 {len(units)} 个" + (f"：{'、'.join(units)}" if units else "") + "。",
        )
    if isinstance(rule, SubmissionRule):
        if evidence.deadline is None or evidence.submitted is None:
            return needs("报送截止日期和实际报送日期")
        late = working_days_late(evidence.deadline, evidence.submitted)
        return scored(
            item.points - rule.per_working_day * late,
            f"截止 {evidence.deadline}，实际报送 {evidence.submitted}，"
            + (f"推迟 {late} 个工作日（已扣除周末、法定节假日并计入调休上班日）。" if late else "按时报送。"),
        )
    return needs(item.name)
