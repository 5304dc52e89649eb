"""Readings that session 12's dev cases (the held-out sets js–jv, measured, then moved to dev) showed missing: a record
kept worded as returning to poverty, the work a unit undertakes and the tasks not cut, need far beyond the means, a
closing clause laying a sentence's shortcomings on the money, the level above allocating its money, the local share
growing, what a sought project builds, a target missed told in figures only, money paid late by whoever pays it, and
what a shortage held up; and, from the first-contact sets ka–kd, a cause closing a problem on the money alone, a favour
asked of the payer, paying out money held, a form's own fields and its part title with the prompt, 「一、……二、……」 run
on in one paragraph, measures written under problems as 「要……」, the staff's way of working as a stance, a slogan's
rhythm beside an off-topic lead, and consultation and gates as named steps. Fixtures are our own wordings, in no eval
case."""

from __future__ import annotations

from pathlib import Path

from narratives import states_a_problem_beside_none, with_sections

from reviewer.scoring.rules import (
    _concrete,
    _funding_only,
    _money_only,
    _off_topic,
    extract_rules,
    falls_short_of_target,
    is_stance,
    load_lexicon,
    without_prompts,
)

LEXICON = load_lexicon()


def test_no_return_to_poverty_is_a_record_kept() -> None:
    # Dev jv20 (both readers 0; scored 12): achievements whose only marker was 「未发生规模性返贫」.
    assert not states_a_problem_beside_none("全年投入衔接资金8600万元，实施项目41个，守住了未发生规模性返贫的底线。")
    assert not states_a_problem_beside_none("辖区内未发生区域性返贫。")
    # A risk of returning to poverty, or households that did return, stay problems.
    assert states_a_problem_beside_none("部分脱贫户收入不稳定，存在返贫风险。")
    assert states_a_problem_beside_none("监测发现3户因病返贫，帮扶措施未及时跟进。")


def test_the_work_a_unit_undertakes_and_tasks_not_cut_are_the_situation() -> None:
    # Dev jt06 and jo18 (every reader 0): the 管理 of a task list and the 未 of tasks not cut are no failing.
    assert _funding_only(
        "我所承担全镇3.1万亩草场的监测、巡护、防火管理等工作，点多面广。主要问题是工作经费紧张，年初仅安排经费4万元。",
        LEXICON,
    )
    assert _funding_only("上级补助资金较上年减少300万元，而造林、抚育任务未相应调减，补助标准偏低。", LEXICON)
    # A failing of the department's own beside the shortage still counts.
    assert not _funding_only("工作经费紧张，财务管理制度不健全，报销审核不严。", LEXICON)


def test_need_far_beyond_the_means_is_the_shortage() -> None:
    # Dev jt06: 「实际支出远超预算，只能靠……借支维持」 is what the shortage is.
    assert _funding_only(
        "主要问题是经费不足。年初仅安排巡护经费3万元，汛期需临时雇用人员值守，实际支出远超预算，只能向镇政府借支维持。",
        LEXICON,
    )
    # Overspending the budget with no shortage told is the unit's own budget control.
    assert not _funding_only("部分项目实际支出超出预算，预算约束不强。", LEXICON)


def test_a_closing_clause_lays_its_sentence_on_the_money() -> None:
    # Dev jt06: 「……，均因缺乏资金无法改善」 makes the clauses before it what the shortage causes.
    opening = "我站负责全乡的动物防疫工作，主要问题是经费紧张，年初仅安排工作经费3万元，"
    assert _funding_only(opening + "执法车辆老旧，快检设备不足，都因缺少经费无法更新。", LEXICON)
    # Without the attribution the equipment is a shortcoming of its own; a misuse is never laid on the money.
    assert not _funding_only(opening + "执法车辆老旧，快检设备不足，长期未列入更新计划。", LEXICON)
    assert not _funding_only(opening + "只能挪用项目资金，均因缺乏资金所致。", LEXICON)


def test_the_level_above_allocating_and_the_local_share_growing_are_the_situation() -> None:
    # Dev ju18 (readers 10/11 for a part led by the shortage): neither is the department's own handling.
    assert _funding_only(
        "资金保障压力加大。近年来省级补助资金分配更多向欠发达县倾斜，我区所得补助逐年减少，"
        "区级财政需承担的比例由往年的30%左右上升到45%，缺口只能年中追加解决。",
        LEXICON,
    )
    # The department's own allocation stays its own.
    assert not _funding_only("我局补助资金分配不够科学，部分乡镇资金闲置。", LEXICON)


def test_what_a_sought_project_builds_is_the_request_going_on() -> None:
    # Dev js17 (readers 5/7 for a part where this measure was one of three asking for money).
    assert _money_only("积极争取省级项目支持，新建3个垃圾转运站。", LEXICON)
    # Building with a step of its own is a measure.
    assert not _money_only("规范转运站运行管理，新建3个垃圾转运站并明确专人值守。", LEXICON)


def test_a_target_missed_in_figures_is_a_problem() -> None:
    # Dev jt17 (both readers count the second deviation of a form): no word of shortfall, only figures.
    assert falls_short_of_target("目标值30场，实际完成22场。", LEXICON)
    assert falls_short_of_target("计划维修村级道路40公里，完成33公里。", LEXICON)
    assert falls_short_of_target("目标值每月不少于20次，实际平均每月16次。", LEXICON)
    assert falls_short_of_target("目标值≤3%，实际4.5%。", LEXICON)
    assert states_a_problem_beside_none("指标“巡查次数”：目标值30场，实际完成22场。")
    # Met or beaten targets, ceilings kept, and dates are no shortfall.
    assert not falls_short_of_target("目标≥95%，实际97%。", LEXICON)
    assert not falls_short_of_target("计划培训300人次，实际完成325人次。", LEXICON)
    assert not falls_short_of_target("目标值≤3%，实际2.1%。", LEXICON)
    assert not falls_short_of_target("计划11月底前完工，实际9月完工。", LEXICON)
    assert not falls_short_of_target("计划于2024年完工，实际2025年完工。", LEXICON)


def test_money_paid_late_by_whoever_pays_it_is_the_shortage() -> None:
    # Dev jr09 (both readers 0): a clinic's subsidy paid out late is the payer's 拨付, not the clinic's.
    assert _funding_only(
        "我校为农村寄宿制学校。主要问题是经费紧张，公用经费仅能维持日常运转；营养改善计划补助资金拨付时间较晚，影响食堂运转。",
        LEXICON,
    )
    # Dev js18: money from above told arriving late beside it; what the lateness held up names no handling.
    assert _funding_only("项目资金拨付滞后，上级补助资金到位时间较晚，影响村医补助及时发放。", LEXICON)
    # A department that pays subsidies out pays them late itself.
    assert not _funding_only("我局惠民补贴资金拨付滞后，部分对象年底才领到补贴。", LEXICON)


def test_a_problem_closing_on_the_money_as_its_only_cause_is_the_shortage() -> None:
    # Dev ka16 (both readers 0): the headline names equipment, the only cause given is the money.
    assert _funding_only("教学设备陈旧。学校多媒体设备均为2013年配备，故障频繁，因缺少资金一直未能更新。", LEXICON)
    # Another cause told, or a failing of the department's own, keeps it a problem.
    assert not _funding_only("教学设备陈旧。资产管理制度不健全，设备维护不到位，因缺少资金一直未能更新。", LEXICON)
    assert not _funding_only("教学设备陈旧，原因是采购计划编制滞后，因缺少资金一直未能更新。", LEXICON)


def test_a_favour_asked_of_the_payer_is_a_request_for_money() -> None:
    # Dev kc17 and ju18 (readers 0 for measures that only ask): 「给予倾斜」 after a request, 「给予统筹考虑」 sought.
    assert _money_only("积极向上级财政部门汇报，争取上级加大补助力度，在资金分配上给予倾斜。", LEXICON)
    assert _money_only("加强与省级部门沟通，争取在资金安排中对我县给予统筹考虑。", LEXICON)
    # Paying out money held in full and on time is handling, not more money (dev kc11).
    assert not _money_only("加强管理，督促乡镇确保补助资金及时足额发放，完善档案资料。", LEXICON)


def test_a_forms_fields_and_its_part_title_with_the_prompt_are_not_problems(tmp_path: Path) -> None:
    # Dev ka02 (the project's name read as a problem for its 薄弱) and jv13 (the part's title with its prompt).
    problems = (
        "项目名称：农村薄弱学校改造补助资金\n"
        "存在的问题及原因分析（请结合自评情况，从预算管理、资金使用等方面说明存在的问题及原因，不超过300字）：\n"
        "部分设备采购合同签订滞后，资金支付进度偏慢。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "加快合同签订，按月通报支付进度。"))
    assert [p.quote for p in facts.problems] == ["部分设备采购合同签订滞后，资金支付进度偏慢。"]
    assert any("不超过300字" in p for p in facts.ignored_prompts)
    # The form's prompt for measures, in its own wording (dev kc11).
    assert without_prompts(["针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。"], LEXICON)[0] == []


def test_numbered_items_run_on_and_measures_written_under_them_as_yao(tmp_path: Path) -> None:
    # Dev kc16 (readers 13/14 and 7/9): 「一、……二、……」 in one paragraph are items, not 「统一、规范」; each 「要……」
    # is the measure written under its problem when the measures part points back (「按照上述要求」).
    problems = (
        "一、项目支出进度不均衡，上半年支出仅35%，今后要按月通报支出进度。二、资产登记不完整，要每年清查盘点一次。"
        "三、制度不统一、规范性不足，要修订内控制度。"
    )
    measures = "针对以上问题，我局将按照上述要求认真抓好整改落实，明确责任股室和完成时限，确保整改到位。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert len(facts.problems) == 3
    assert [m.quote for m in facts.measures] == ["今后要按月通报支出进度。", "要每年清查盘点一次。", "要修订内控制度。"]
    assert [m.answers for m in facts.measures] == [[0], [1], [2]]


def test_the_staffs_way_of_working_is_a_stance() -> None:
    # Dev ka11 (readers 8/8, 「套话」).
    assert is_stance("二是工作方式方法还不够创新。", LEXICON)
    assert is_stance("在肯定成绩的同时，我们也认识到思想认识还有待进一步提高。", LEXICON)
    # A matter of the work stays one.
    assert not is_stance("二是项目验收方式不规范，未按合同约定组织验收。", LEXICON)


def test_a_slogans_rhythm_does_not_make_an_off_topic_lead_a_step() -> None:
    # Dev ju11 (both readers: the 党建 line answers nothing).
    measure = "强化党建引领，把党建工作与预算管理、项目实施同部署、同推进、同考核，推动各项事业高质量发展。"
    assert _off_topic(measure, [0], LEXICON, ("预算编制不够细化",))
    # A dated step of its own stays a reply whatever leads it.
    assert not _off_topic("强化党建引领，年底前由办公室牵头完成预算编制制度修订。", [0], LEXICON, ("预算编制不够细化",))


def test_consultation_and_a_gate_are_named_steps() -> None:
    # Dev kd10 (readers 11/10, 「具体措施」): consulting those served before a project, and what the next step waits on.
    assert _concrete("列入计划前开展入户征求意见，业主同意率达到规定比例后再申报资金。", False, [0], LEXICON)
    assert _concrete("群众意愿征询率达到三分之二以上方可申报。", False, [0], LEXICON)
    assert not _concrete("进一步加强项目前期工作，提高项目管理水平。", False, [0], LEXICON)


def test_the_reviews_near_misses_stay_as_they_were(tmp_path: Path) -> None:
    """Session 12's review probed the readings above with phrasings of its own; these near misses were read wrongly by
    the first version and must stay the department's own, not shortfalls, or kept as written."""
    # A failing of the department's own is never laid on the money.
    for own in (
        "固定资产账实不符，部分设备未及时入账，均因缺乏经费所致。",
        "预算编制不够细化，项目支出进度偏慢，均因上级资金下达较晚。",
        "部分惠民补贴未按规定公示，均因工作经费不足。",
        "项目验收滞后，部分工程未办理竣工决算，因缺少资金一直未能支付尾款。",
        # A unit that pays money out itself.
        "我所惠农补贴资金拨付滞后，部分农户年底才收到补贴。",
        "我院对村卫生室的基本公共卫生服务补助资金拨付较晚。",
    ):
        assert not _funding_only(own, LEXICON), own
    # Less is better, other units, ordinals.
    for met in (
        "目标值：群众投诉率0.5%，实际0.2%。",
        "目标值：平均办结时限5个工作日，实际3个工作日。",
        "项目计划工期9个月，实际6个月完工。",
        "计划于第4季度完成验收，实际第3季度即完成。",
        "计划培训300人次，完成率102%。",
    ):
        assert not falls_short_of_target(met, LEXICON), met
    assert not is_stance("三是政府采购方式方法有待规范。", LEXICON)
    assert not _money_only("积极争取项目支持，配备专职财务人员2名。", LEXICON)
    for vague in (
        "广泛征求意见，进一步凝聚工作合力。",
        "今后再发生类似问题，将严肃追究责任。",
        "只有切实加强管理，方可实现高质量发展。",
    ):
        assert not _concrete(vague, False, [0], LEXICON), vague
    own_line = "针对专项检查发现的问题，提出整改措施及责任追究意见。"
    assert without_prompts([own_line], LEXICON)[0] == [own_line]
    # A field's value goes, the problem written after it on the line stays; a source of funds is no identity field.
    problems = "主管部门：县卫生健康局，存在问题：基本公卫服务项目资金支出进度偏慢，截至11月支出率仅56%。"
    facts = extract_rules(with_sections(tmp_path, problems, "按月通报支出进度。"))
    assert len(facts.problems) == 1 and "支出进度偏慢" in facts.problems[0].text
    # 「要件不齐全」 stays in its problem when the measures part points back.
    problems = (
        "一、部分项目前期手续办理滞后，要件不齐全，影响开工，今后要提前介入。二、资产登记不完整，要每年清查盘点一次。"
    )
    facts = extract_rules(
        with_sections(tmp_path, problems, "针对以上问题，我局将按照上述要求认真抓好整改落实。", name="b.txt")
    )
    assert "要件不齐全" in facts.problems[0].text
    assert [m.quote for m in facts.measures] == ["今后要提前介入。", "要每年清查盘点一次。"]
