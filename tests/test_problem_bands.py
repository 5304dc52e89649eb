"""反映问题情况 bands and in-band steps (rubric yueyang-dept-2023, conventions dimensions_per_band and
in_band_placement) as re-read against the score readers with the unit readers' facts (issue 14): five problems
with causes and figures are 「全面」 over three dimensions; four problems over four dimensions do not reach the
ceiling of 「较全面」; three problems over three dimensions need every cause for 「较全面」; figures without a
single cause do not lift 「不全面」."""

from __future__ import annotations

from narratives import rubric_file_without

from reviewer.rubric import load_rubric
from reviewer.scoring.engine import score_problems
from reviewer.scoring.facts import NarrativeFacts, ProblemFact
from reviewer.scoring.items import RULES
from reviewer.structure.models import Report

# The bands and their conventions, without the learned placement (tests/test_placement.py specifies that).
ITEM = next(item for item in load_rubric(rubric_file_without("learned_placement")).items if item.id == "problems")
# score_problems reads only the facts; the report is passed through for other items.
REPORT = Report.model_construct()

# Headlines in our own words, one per dimension; long enough to be 「展开」 (convention dimensions_per_band).
HEADLINES = {
    "budget_management": "项目预算编制不够细化，年中调整频繁，部分项目支出内容与申报时的测算依据差别较大。",
    "duty_performance": "部分业务工作推进较慢，年度计划中的巡查任务只完成了一部分，群众反映的事项办结不及时。",
    "fund_management": "专项资金支付进度偏慢，部分资金到年底仍未拨付到项目单位，影响了资金的使用效益。",
    "asset_finance": "固定资产管理不够规范，部分设备已经报废但没有及时办理处置手续，账实不符的情况仍然存在。",
    "procurement": "政府采购意向公开不及时，个别项目采购需求论证不充分，验收环节的记录也不够完整。",
    # An aspect of 预算和预算绩效管理 counted apart (lexicon dimension_aspects).
    "performance": "绩效目标设置不够细化，部分指标难以量化考核，自评时只能凭经验打分，结果也很少运用。",
}


def _problem(dimension: str, cause: bool = True, figure: bool = True) -> ProblemFact:
    text = HEADLINES[dimension]
    return ProblemFact(
        quote=text[:12],
        text=text,
        dimensions=["budget_management" if dimension == "performance" else dimension],
        cause="主要原因是前期论证不充分、内部审核把关不严。" if cause else None,
        specifics=["涉及金额 36.5 万元，共 4 个项目。"] if figure else [],
        funding_only=False,
    )


def _points(*problems: ProblemFact) -> float | None:
    return score_problems(REPORT, ITEM, NarrativeFacts(problems=list(problems)), RULES).points


def test_five_problems_with_causes_and_figures_over_four_dimensions_are_comprehensive() -> None:
    five = [
        _problem("budget_management"),
        _problem("duty_performance"),
        _problem("fund_management"),
        _problem("fund_management"),
        _problem("asset_finance"),
    ]
    assert _points(*five) == 20
    # Over three dimensions readers split (session 6: ig07, ih02 at 18): 「较全面」 at its ceiling.
    three = [_problem(d) for d in ("budget_management", "budget_management", "fund_management", "fund_management")]
    assert _points(*three, _problem("asset_finance")) == 18
    # Figures in three of five only: still 「较全面」, at its ceiling.
    assert _points(*five[:3], _problem("fund_management", figure=False), _problem("asset_finance", figure=False)) == 18
    # Over two dimensions (three aspects): 「较全面」 however well set out.
    two = ["budget_management", "performance", "performance", "asset_finance", "asset_finance"]
    assert _points(*(_problem(d) for d in two)) == 18


def test_four_problems_over_four_dimensions_stay_below_the_ceiling() -> None:
    four = ["budget_management", "duty_performance", "fund_management", "asset_finance"]
    assert _points(*(_problem(d) for d in four)) == 17
    assert _points(*(_problem(d, cause=d != "asset_finance") for d in four)) == 16
    assert _points(*(_problem(d) for d in [*four, "procurement"])) == 20


def test_three_problems_over_three_dimensions_need_every_cause() -> None:
    three = ["budget_management", "fund_management", "asset_finance"]
    assert _points(*(_problem(d) for d in three)) == 16
    assert _points(*(_problem(d, cause=d != "asset_finance") for d in three)) == 15


def test_figures_without_any_cause_do_not_lift_a_partial_section() -> None:
    two = ["budget_management", "fund_management", "fund_management"]
    one_cause = [_problem(d, cause=i == 0) for i, d in enumerate(two)]
    no_cause = [_problem(d, cause=False) for d in two]
    assert _points(*one_cause) == 14  # figures in every one and a cause in one of three: the step is met
    assert _points(*no_cause) == 13
