"""Session 26's readings, each from a fresh dev set's section (pd–pi). Fixtures are our own wordings, in no eval
case."""

from __future__ import annotations

from pathlib import Path

from narratives import packaged_points, with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import extract_rules, states_a_problem


def test_a_cells_prompt_answered_with_a_slash_is_no_problem(tmp_path: Path) -> None:
    # Dev pe15 (readers 0/0, scored 7): the form's bracketed instruction with 「/」 after it was read as a problem for
    # its 未.
    problems = "\n".join(
        [
            "存在的问题及原因分析：（请对照年度绩效目标，说明项目实施中存在的问题及原因）无。",
            "偏差原因：（未达到目标值的指标须逐项说明原因）/",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, "继续做好经办服务，提高资金使用效益。"))
    assert facts.problems == []
    assert packaged_points(tmp_path, problems, "继续做好经办服务，提高资金使用效益。", "problems") == 0
    # What the author wrote after the prompt stays a problem.
    written = "偏差原因：（未达到目标值的指标须逐项说明原因）培训人次未达标，主要是两期培训因场地改造推迟。"
    assert len(extract_rules(with_sections(tmp_path, written, "提前落实培训场地。")).problems) == 1


def test_a_slow_reimbursement_beside_a_funding_shortage_is_a_problem_of_its_own(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    # Dev pd18 (readers 8/8, zeroed as funding only): the second line had no marker the lexicon knew.
    assert states_a_problem("部分活动经费报销时间较长，多在年底集中报销。", lexicon)
    problems = "\n".join(
        [
            "（一）工作经费不足。机关人员少、经费少，年初预算仅够日常运转，联谊和调研活动经费缺口较大。",
            "（二）部分支出报销时间较长，年底集中报销。",
        ]
    )
    measures = "（一）争取追加工作经费。\n（二）按月报销，避免年底集中。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert [p.funding_only for p in facts.problems] == [True, False]
    assert (packaged_points(tmp_path, problems, measures, "problems") or 0) > 0
    # Session 26's review: a long time that is no delay, and reimbursing in one batch as a step, state nothing.
    for said in (
        "走访慰问服务时间较长的老职工56人次。",
        "该项目建设周期跨度大、实施时间较长，已按计划完成全部建设内容。",
        "每季度末集中报销一次，杜绝年底突击报销。",
    ):
        assert not states_a_problem(said, lexicon), said


def test_room_to_improve_named_after_a_statement_of_none_is_a_thin_problem(tmp_path: Path) -> None:
    # Dev pi12 (readers 6/8, scored 0): the gap names where it lies, in the same sentence or the next.
    for named in (
        "我中心本年度整体支出情况良好，未发现明显问题，但在资产管理规范化方面仍有提升空间。",
        "本年度未发现重大问题。预算执行精细化方面仍有提升空间。",
    ):
        assert (packaged_points(tmp_path, named, "加强预算管理。", "problems") or 0) > 0, named
    # Naming nothing (dev oy08's wording, session 25) or management at large it is only a gap owned; without a
    # statement of none the achievements around it decide (session 26's review).
    for bare in (
        "总体来看，本年度未发现重大问题，个别工作还需进一步完善。",
        "本年度项目总体执行良好，未发现明显问题，但管理工作仍有提升空间。",
        "我局预算执行率98%，各项绩效指标全面完成，管理水平仍有提升空间。",
    ):
        assert packaged_points(tmp_path, bare, "加强预算管理。", "problems") == 0, bare


def test_a_pointer_that_carries_the_fixes_out_keeps_them_under_the_problems(tmp_path: Path) -> None:
    # Dev pi19 (readers 8/10, scored 4): the pointer itself carries the fixes out and a purpose closes it.
    problems = "\n".join(
        [
            "1.部分新植苗木成活率偏低，秋季核查约800株需补植。下一步将在明年春季完成补植，并加强苗木质量抽检。",
            "2.项目资金支付较慢，年底仍有部分肥料款未付清。今后要按月报账，及时支付。",
            "3.监测点位布设不够合理，部分点位靠近道路，代表性不强。下一步要重新选定点位，提高监测质量。",
        ]
    )
    measures = "认真抓好上述问题的整改落实，确保各项工作取得实效。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert facts.measures_in_problems
    assert len(facts.measures) == 3
    # A step of the part's own beside it is one more measure, the fixes still count (session 26's review: scored 4).
    stepped = "认真抓好上述问题的整改落实，同时建立苗木养护台账，每月开展一次巡查。"
    with_step = extract_rules(with_sections(tmp_path, problems, stepped))
    assert with_step.measures_in_problems
    assert len(with_step.measures) == 4
    # A slogan alone beside a pointer that carries nothing out is still no pointer (session 22's reading).
    slogans = "针对上述问题，进一步强化预算绩效管理，不断提升资金使用效益。"
    assert not extract_rules(with_sections(tmp_path, problems, slogans)).measures_in_problems


def test_a_slogan_restating_its_problem_touches_it(tmp_path: Path) -> None:
    # Dev pg13 (readers 6/6, 「仅形式上对应问题」, scored 4 as answering nothing): slogans that restate their problems
    # are 「过于简单」, not measures of other work.
    problems = "1.部分工作计划性不强。\n2.档案管理不够规范。"
    measures = "1.增强工作计划性，确保各项工作有序开展。\n2.加强学习，提高业务水平。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert all(m.slogan for m in facts.measures)
    assert [m.answers for m in facts.measures] == [[0], []]
    assert packaged_points(tmp_path, problems, measures, "suggestions") == 6
