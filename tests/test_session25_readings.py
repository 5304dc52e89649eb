"""Session 25's readings, each from a fresh dev set's section (or–ou). Fixtures are our own wordings, in no eval
case."""

from __future__ import annotations

from pathlib import Path

from narratives import with_sections

from reviewer.review import ReviewOptions, review_report
from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _money_call, extract_rules, states_a_problem


def test_an_outcome_told_after_money_given_as_its_cause_is_what_money_did() -> None:
    lexicon = load_lexicon()
    # Dev or17: the performance targets missed for want of money.
    assert _money_call("受配套资金不足影响，项目绩效目标未能全部实现。", "shortage", lexicon).only
    # Dev ou18: a low execution rate told as what the money led to.
    led = "受县级财力紧张影响，项目预算年中压减，部分资金至年底仍未拨付到位，导致预算执行率偏低。"
    assert _money_call(led, "shortage", lexicon).only


def test_a_low_execution_rate_heading_a_problem_stays_the_departments_own() -> None:
    lexicon = load_lexicon()
    # Dev h21 (readers 14/14): the rate heads the problem and money coming late explains it.
    headed = "预算执行率偏低。全年执行率81.6%，原因是部分专项资金12月才下达。"
    assert not _money_call(headed, "shortage", lexicon).only
    # A failing of the department's own told after the money keeps the problem real.
    own = "受资金不足影响，项目绩效目标未能全部实现，且绩效监控流于形式。"
    assert not _money_call(own, "shortage", lexicon).only


def test_expenses_that_cannot_be_met_are_the_money_short(tmp_path: Path) -> None:
    problems = (
        "我站承担全县农村低收入人口认定和帮扶经办，工作量逐年增加。当前最突出的问题是经费紧张，"
        "县级财力有限，年初预算仅18万元，走访核查、系统维护等日常开支难以保障；上级补助逐年减少。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "积极申请追加工作经费。"))
    assert [p.funding_only for p in facts.problems] == [True]


def test_an_incident_that_did_not_happen_told_with_its_cause_is_a_record_kept() -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("全年未发生因审核把关不严引发的群众投诉。", lexicon)
    assert not states_a_problem("全年没有出现因补助发放不及时导致的信访事件。", lexicon)
    # What did happen stays a shortcoming.
    assert states_a_problem("发生因补助发放不及时引发的信访2起。", lexicon)


def test_an_indicator_named_by_its_kind_with_its_target_is_a_deviation_of_the_cell(tmp_path: Path) -> None:
    # Dev ot08 (readers 12/12, scored 0): two deviations of one cell, one put down to money arriving late; the other,
    # with a cause of its own, is a problem, not the money's evidence.
    problems = "\n".join(
        [
            "偏差原因：",
            "产出指标“培训农技人员人数”年度指标值600人，实际完成552人，部分人员年中调离后未及时补训；",
            "时效指标“补助资金按季度拨付率”目标100%，实际完成88%，第四季度资金到位晚；",
            "满意度指标“学员满意度”达到96%，无偏差。",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, "年内组织补训；加强与财政部门对接，争取资金按时到位。"))
    (tmp_path / "scored").mkdir()
    report = with_sections(tmp_path / "scored", problems, "年内组织补训；加强与财政部门对接，争取资金按时到位。")
    scored = {i.id: i.points for i in review_report(report, ReviewOptions()).items}
    assert [p.funding_only for p in facts.problems] == [False, True]
    assert (scored["problems"] or 0) > 0


def test_a_form_instruction_to_fill_the_problems_in_is_a_template_prompt(tmp_path: Path) -> None:
    problems = "存在的问题：按照要求填写项目实施中存在的主要问题。"
    facts = extract_rules(with_sections(tmp_path, problems, "加强项目管理。"))
    assert not facts.problems
    assert facts.ignored_prompts


def test_a_gap_in_what_must_be_spent_is_the_money_short() -> None:
    lexicon = load_lexicon()
    # Dev ox06: expenses the budget does not cover.
    assert _money_call("鉴定专家劳务费、外出调查差旅费用等支出缺口较大。", "shortage", lexicon).only
    # Spending handled badly stays the department's own.
    assert not _money_call("部分项目支出进度缓慢，年底结余较多。", "shortage", lexicon).only


ACHIEVEMENTS = (
    "2023年，我所完成农产品抽检1260批次，合格率99.2%，全年未发生区域性质量安全事件。"
    "部门预算执行率97.9%，各项绩效目标基本完成。"
)


def test_room_to_improve_after_a_statement_of_none_acknowledges_a_gap(tmp_path: Path) -> None:
    # Dev oy08 (readers 6/3, scored 10 as a problem).
    problems = ACHIEVEMENTS + "总体来看，本年度未发现重大问题，部分工作还需进一步完善。"
    facts = extract_rules(with_sections(tmp_path, problems, "继续做好抽检工作。"))
    assert facts.problems == []
    assert facts.acknowledged_gaps and not facts.no_problem_statements


def test_a_statement_of_none_alone_acknowledges_nothing(tmp_path: Path) -> None:
    # Two statements of none in one sentence (dev ol16) are still only none.
    problems = ACHIEVEMENTS + "整体来看，预算执行规范，各项绩效目标均已完成，未发现明显问题。"
    facts = extract_rules(with_sections(tmp_path, problems, "继续做好抽检工作。"))
    assert facts.problems == [] and facts.acknowledged_gaps == []
    assert facts.no_problem_statements
    # Room to improve that names its field is a problem.
    named = ACHIEVEMENTS + "本年度未发现重大问题，但抽检结果运用还不够充分。"
    assert extract_rules(with_sections(tmp_path, named, "继续做好抽检工作。")).problems


# A fix written under each problem (「下一步将……」「今后将……」).
FIXES_UNDER_PROBLEMS = "\n".join(
    ["1.办公用品采购未比价，下一步将实行三家比价并留存记录。", "2.维修项目验收不及时，今后将在完工后10日内组织验收。"]
)


def test_a_pointer_to_the_rectification_asked_for_above_points_at_the_fixes(tmp_path: Path) -> None:
    # Dev oz20 (readers 11/12, scored 4): fixes under each problem, then the part points at them.
    measures = "按照上述整改要求，明确责任人和完成时限，抓好各项工作落实，整改情况及时报局财务股。"
    facts = extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, measures))
    assert facts.measures_in_problems
    assert len(facts.measures) == 2


def test_the_review_probes_of_the_gap_after_none(tmp_path: Path) -> None:
    # Session 25's review: split in two after achievements, the gap is acknowledged as well.
    split = extract_rules(
        with_sections(tmp_path, ACHIEVEMENTS + "本年度未发现重大问题。个别工作还需进一步完善。", "继续加强管理。")
    )
    assert split.problems == [] and split.acknowledged_gaps == ["个别工作还需进一步完善。"]
    # With no achievements before it, a section's bare declaration of none acknowledges no gap (session 13): it states
    # none, whether the room to improve closes its sentence or follows it.
    for bare in (
        "总体来看，本年度未发现重大问题，个别工作还需进一步完善。",
        "本年度未发现重大问题。个别工作还需进一步完善。",
    ):
        facts = extract_rules(with_sections(tmp_path, bare, "继续加强管理。"))
        assert facts.problems == [] and facts.acknowledged_gaps == [] and facts.no_problem_statements, bare


def test_what_was_filled_in_is_no_template_prompt(tmp_path: Path) -> None:
    # Session 25's review: the author's own problem about a document filled in.
    problems = "1.按规定填写的资金支付凭证中存在审批手续不全问题。"
    facts = extract_rules(with_sections(tmp_path, problems, "年底前修订资金管理办法。"))
    assert len(facts.problems) == 1 and not facts.ignored_prompts


def test_a_step_of_its_own_beside_a_pointer_to_the_fixes_is_one_more_measure(tmp_path: Path) -> None:
    # Session 25's review: beside 「上述整改要求」 (the fixes, not the problems) a step of its own was scored alone.
    measures = "按照上述整改要求，抓好工作落实；同时建立项目绩效月调度制度，每月10日前通报进度。"
    facts = extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, measures))
    assert facts.measures_in_problems
    assert len(facts.measures) == 3
    # 「针对上述问题」 names the problems: followed by steps of its own, it opens the part's own list.
    own = extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, "针对上述问题，建立采购比价制度，完善资产台账。"))
    assert not own.measures_in_problems
