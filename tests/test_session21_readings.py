"""Session 21's readings, from four fresh writer sets (nk–nn): words that open with a negation or hold a marker but
name people, things or times (「未成年人」「不动产」), problems solved for others told as work done, and a headline that
gives money as its cause weighed as the money-as-cause reading weighs it. Fixtures are our own wordings and the review
helper's, in no eval case."""

from __future__ import annotations

from pathlib import Path

import pytest
from narratives import assert_no_problem_stated, scored_items, with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _funding_only, _shortcoming_words, states_a_problem

MEASURES = "1.按季度调度项目进度，对滞后项目约谈实施单位。\n2.年内完成一次资产盘点，6月底前核销报废设备。"


@pytest.mark.parametrize(
    "clause",
    [
        "本中心承担全县不动产登记和权籍调查等工作",
        "我所负责辖区未成年人保护和困境儿童救助工作",
        "新建无障碍坡道12处",
        "组织无偿献血活动6场",
        "开展不定期抽查",
    ],
)
def test_a_name_that_opens_with_a_negation_states_no_shortcoming(clause: str) -> None:
    assert not _shortcoming_words(clause, load_lexicon())


def test_a_shortage_told_after_the_units_workload_of_minors_is_money_only() -> None:
    # The workload names 未成年人 (a duty, not a shortfall) before the shortage; the rest is what the money did.
    problem = (
        "我院承担全区孤儿、困境儿童和流浪未成年人的养育、康复等工作，护理任务重、日常支出大。近年来受区级财力紧张影响，"
        "运转经费定额偏低，上级补助逐年减少，资金缺口较大，康复设备陈旧、床位紧张等问题一直未能解决，影响了养育工作的开展。"
    )
    assert _funding_only(problem, load_lexicon())


def test_the_same_workload_beside_a_failing_of_its_own_stays_a_problem() -> None:
    problem = (
        "我院承担全区孤儿、困境儿童和流浪未成年人的养育、康复等工作。近年来区级财力紧张，运转经费定额偏低；"
        "同时院内固定资产账实不符，3台康复设备长期闲置未入账。"
    )
    assert not _funding_only(problem, load_lexicon())


@pytest.mark.parametrize(
    "text",
    [
        # Problems solved for those served, told by their count: work done, not a problem of the department's.
        "全年走访辖区商户120家，协助商户解决用工、融资等问题31个，预算执行率97.6%。",
        "年内为群众解决急难问题45件，群众满意度96%。",
        # A registry's work: 不动产 names what it registers.
        "全年办理不动产登记业务1.8万件，按时办结率100%。",
    ],
)
def test_achievements_with_solved_problems_or_registry_work_state_no_problem(text: str) -> None:
    assert not states_a_problem(text, load_lexicon())


@pytest.mark.parametrize(
    "text",
    [
        "部分商户反映的用工问题未能及时协调解决。",
        "协助企业解决融资问题的渠道不多，全年仅对接2次。",
        "不动产登记档案数字化率仅45%，纸质档案查阅不便。",
    ],
)
def test_the_same_words_beside_a_shortfall_still_state_a_problem(text: str) -> None:
    assert states_a_problem(text, load_lexicon())


def test_a_page_of_achievements_with_problems_solved_scores_nothing(tmp_path: Path) -> None:
    report = with_sections(
        tmp_path,
        "2023年，我会围绕中心工作，全年走访会员企业90家，协助企业解决融资、用工等问题26个，组织开展结对帮扶活动，"
        "预算执行率98.1%，各项工作取得较好成效。",
        MEASURES,
    )
    assert_no_problem_stated(report)
    assert scored_items(report)["problems"].points == 0


@pytest.mark.parametrize(
    "problem",
    [
        # A headline giving money as the cause, then a failing of the unit's own: real (our own wordings).
        "由于省级补助资金下达较晚，文化站改造项目11月才开工，且监理单位人员长期不在岗，隐蔽工程未经验收即覆盖。",
        "因县级配套资金未到位，污水管网项目未按期完工，另有已完工段的工程量计量不准，多付进度款5万元。",
        # Money diverted, a car for private use, payments to the dead: the unit's own beside the money.
        "受县级财力紧张影响，项目资金到位率仅55%，已到位资金中有18万元被用于机关日常运转支出。",
        "因经费不足，执法车辆未能更新，现有车辆存在公车私用现象。",
    ],
)
def test_money_given_as_the_cause_beside_a_failing_of_its_own_stays_real(problem: str) -> None:
    assert not _funding_only(problem, load_lexicon())


def test_money_given_as_the_cause_with_only_its_consequences_stays_a_shortage() -> None:
    # The same headline with nothing of the unit's own after it: what the money did.
    problem = "由于省级补助资金下达较晚，文化站改造项目11月才开工，年底仅完成工程量的40%。"
    assert _funding_only(problem, load_lexicon())


@pytest.mark.parametrize(
    "problem",
    [
        # The review helper's probes: money properly used or owed, words that only contain a misuse word.
        "专项经费不足，已故人员抚恤金及遗属生活补助资金缺口较大。",
        "项目资金缺口较大，上级补助资金仅到位60%，已到位资金被用于支付前期工程进度款，后续工程无法推进。",
        "由于上级资金下达较晚，无法做到验收合格后即支付工程款，施工单位意见较大。",
        "经费紧张，卫生院隐私用房改造无法实施。",
        # Work of another kind the money could not let go on (招标, 前期 are other causes only when they are causes).
        "由于资金缺口较大，部分已招标项目无法签订施工合同。",
        "由于上级资金下达较晚，部分项目前期工作被迫暂停。",
        # Words that only begin with a frame's characters (受援县, 因素法) are no cause given.
        "受援县配套资金不足，部分设备老化未能及时更新。",
        "因素法分配后我县补助资金大幅减少，部分设备老化未能及时更新。",
        "因资金紧张，部分村民对补偿款发放进度有异议，多次上访。",
    ],
)
def test_what_the_money_did_in_other_words_stays_a_shortage(problem: str) -> None:
    assert _funding_only(problem, load_lexicon())


@pytest.mark.parametrize(
    "text",
    [
        "我局未来得及开展绩效自评工作。",
        "部分固定资产未来得及办理入账手续。",
        "部门间协调机制不健全难以解决跨区域问题。",
    ],
)
def test_shortcomings_beside_the_new_exceptions_still_state_a_problem(text: str) -> None:
    assert states_a_problem(text, load_lexicon())


@pytest.mark.parametrize(
    "problem",
    [
        # Money given as the cause, then a failing the money model might have outweighed (our own wordings).
        "由于省级资金下达较晚，道路硬化工程开工推迟，施工组织安排不当，造成3处路段返工。",
        "受县级财力紧张影响，配套资金到位不足，部分村为赶工期未批先建。",
        "因补助资金下达较晚，项目推进缓慢，且个别乡镇未经批准擅自变更建设地点。",
    ],
)
def test_a_failing_beside_money_given_as_the_cause_is_not_outweighed_by_the_money_model(problem: str) -> None:
    assert not _funding_only(problem, load_lexicon())
