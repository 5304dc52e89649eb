"""Session 22's readings, from eight fresh writer sets (ns–nv, oa–od): a measures part of one paragraph that names the
problems above as what it carries out, when each problem gives its own measure; premises and equipment worn out beside
a funding shortage; errors of the unit's own work that did not happen; two sentences of achievements before a gap
acknowledged; debt and a quota standard as money. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

import pytest
from narratives import assert_no_problem_stated, with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _conditions_only, _funding_only, _money_call, extract_rules, states_a_problem

PROBLEMS_WITH_FIXES = "\n".join(
    [
        "1.预算执行进度偏慢，交流项目执行率为71.2%，下一步要按季度分解支出目标。",
        "2.绩效佐证材料归集不全，今后将建立活动结束后一周内提交佐证资料的制度。",
        "3.企业走访后问题办结率不高，要建立诉求清单和办结销号制度。",
    ]
)


@pytest.mark.parametrize(
    "measures",
    [
        "按照上述问题逐项落实整改。",
        "对照以上问题，我办将逐项明确责任科室和完成时限，建立整改台账，整改情况在下一年度自评中一并报告。",
        # The problem list, the problems as they stand, or the problems part named (dev oe03, oe05, oe04).
        "我办将对照问题清单，逐项建立整改台账，明确责任科室和完成时限，整改一项、销号一项。",
        "对照存在问题逐项整改落实。",
        "针对上述问题，我办已在问题部分逐条明确整改措施，将严格按照既定措施抓好落实。",
    ],
)
def test_a_measures_part_naming_the_problems_above_points_at_their_own_fixes(tmp_path: Path, measures: str) -> None:
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, measures))
    assert facts.measures_in_problems
    assert [m.text[:2] for m in facts.measures[:3]] == ["下一", "今后", "要建"]
    assert [m.answers for m in facts.measures[:3]] == [[0], [1], [2]]


def test_naming_the_problems_above_is_no_pointer_where_the_problems_give_no_fixes(tmp_path: Path) -> None:
    problems = "1.预算执行进度偏慢，交流项目执行率为71.2%。\n2.绩效佐证材料归集不全。"
    facts = extract_rules(with_sections(tmp_path, problems, "按照上述问题逐项落实整改。"))
    assert not facts.measures_in_problems
    assert [m.text for m in facts.measures] == ["按照上述问题逐项落实整改。"]


def test_a_part_listing_its_own_measures_after_naming_the_problems_keeps_them(tmp_path: Path) -> None:
    measures = "针对上述问题，提出以下措施：\n1.每季度通报执行进度。\n2.年底前修订佐证资料管理办法。"
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, measures))
    assert not facts.measures_in_problems
    assert any("每季度通报" in m.text for m in facts.measures)


def test_worn_premises_beside_a_funding_shortage_are_that_shortage() -> None:
    lexicon = load_lexicon()
    assert _conditions_only("校舍建成年代较久，功能室不足，康复训练设备陈旧。", lexicon)
    # The department's own handling of its premises stays its own.
    assert not _conditions_only("部分业务用房闲置，未及时办理出租审批手续。", lexicon)


def test_worn_equipment_told_over_several_clauses_is_that_shortage() -> None:
    lexicon = load_lexicon()
    assert _conditions_only(
        "化验设备更新滞后。站里现有化验设备多为2012年配备，超期服役，故障率高，维修费用逐年上升。", lexicon
    )
    assert not _conditions_only("化验设备更新滞后。部分设备未登记入账，账实不符。", lexicon)


def test_a_paragraph_of_achievements_saying_no_errors_happened_states_no_problem(tmp_path: Path) -> None:
    problems = (
        "全年办理各类登记事项2.3万件，同比增长6.1%，未发生错证、差错；开展上门服务58次。"
        "整体来看，部门整体支出管理规范，暂未发现突出问题。"
    )
    assert_no_problem_stated(with_sections(tmp_path, problems, "继续做好登记服务工作。"))


def test_two_sentences_of_achievements_before_a_gap_acknowledged_are_no_problem(tmp_path: Path) -> None:
    problems = (
        "2023年，我站坚持以服务群众为中心，全年接待来访群众4100人次，办结率100%，群众满意率达到98%。"
        "各项经费严格按预算执行，公用经费较上年下降4.2%。"
        "总体来看，我站整体支出绩效良好，但与上级要求相比，仍有一定差距。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "继续做好接待服务工作。"))
    assert facts.problems == [] and facts.acknowledged_gaps


def test_a_heavy_debt_beside_shortages_is_money() -> None:
    assert _funding_only(
        "三是基本建设负债较重，综合楼建设形成的负债尚有8000万元未偿还，每年需支付利息。", load_lexicon()
    )


def test_seeking_a_higher_quota_standard_is_a_request_for_money() -> None:
    assert _money_call(
        "积极向上级反映实际困难，争取提高管护定额标准，申请追加管护资金。", "request", load_lexicon()
    ).only


@pytest.mark.parametrize(
    "problem",
    [
        "场地不足，场地利用率低。",
        "设备更新滞后。部分设备缺乏日常维护保养。",
        "设备更新滞后，部分设备缺少操作规程。",
        "办公设备老化，设备资产底数不清。",
        "车辆老化，公车使用缺乏登记。",
        "设备老化，财务人员短缺。",
    ],
)
def test_the_units_own_handling_beside_worn_things_stays_its_own(problem: str) -> None:
    # Session 22's review: what is done with the things, or anything else wrong, is no wear.
    assert not _conditions_only(problem, load_lexicon())


def test_costs_booked_before_they_are_incurred_are_a_finding() -> None:
    lexicon = load_lexicon()
    assert states_a_problem("部分项目将未发生的费用提前列支造成核算差错，涉及金额12.6万元。", lexicon)


@pytest.mark.parametrize(
    "measures",
    [
        "针对上述问题，我局将加强预算绩效管理，开展固定资产全面清查，建立资产台账。",
        "对照上述问题，我局把预算执行进度与科室绩效考核挂钩，每月通报执行情况，对执行率低的科室负责人进行约谈。",
        "上述问题的产生，主要是对预算绩效管理重视不够。下一步，我局将开展固定资产全面清查。",
    ],
)
def test_a_part_with_steps_of_its_own_after_naming_the_problems_is_no_pointer(tmp_path: Path, measures: str) -> None:
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, measures))
    assert not facts.measures_in_problems


def test_a_step_of_its_own_after_a_request_makes_the_measure_more_than_money() -> None:
    lexicon = load_lexicon()
    asked = "积极向县政府汇报，争取县财政足额落实配套资金，争取更多项目资金支持"
    assert _money_call(asked + "。", "request", lexicon).only
    assert not _money_call(asked + "；加快推进征地拆迁，确保汛前完成主体工程。", "request", lexicon).only
    # A purpose, or another request in other words, is no step of its own.
    assert _money_call(asked + "；确保项目顺利实施。", "request", lexicon).only
    assert _money_call(asked + "；督促各乡镇落实分担责任，确保经费足额到位。", "request", lexicon).only
