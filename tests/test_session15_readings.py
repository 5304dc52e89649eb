"""Readings that session 15's first-contact dev sets (lg–lj) found missing: a list item closed by 「；」 read as a title
(lg11), a transfer programme's name line read as a funding problem (lg05), complaints of those served (lg03), a
completion rate told low on its own and figures with thousands separators (lg09, lg11), achievements of an audit
bureau and 「未发现……问题」 (lg17, li19), work held up only by money arriving late beside shortages (lh18), a team
that will not stay for want of pay (lh18), money paid short by its payer (li17), a form cell's measures after a bar
and bare paragraphs of semicolon steps or problems (li17, li09, ia06), aspects run on in one paragraph (li08), worn
things beside a shortage (jp12), the part's own title over its list (li09). Fixtures are our own wordings, in no
eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import scored_items, with_sections

from reviewer.scoring.rules import (
    _funding_only,
    _money_only,
    extract_rules,
    falls_short_of_target,
    load_lexicon,
    states_a_problem,
)

LEXICON = load_lexicon()
MEASURES = "一是年底前修订专项资金管理办法。二是每季度开展一次绩效运行监控。"
PROBLEMS = "一是专项资金拨付审核不严，个别乡镇报账资料缺失。二是绩效运行监控流于形式。"


def test_an_item_closed_by_a_semicolon_is_no_title(tmp_path: Path) -> None:
    measures = (
        "1.每月调度项目进度，对滞后项目约谈施工单位；\n2.年内修订专项资金管理办法，明确报账时限；\n3.加强项目档案管理。"
    )
    facts = extract_rules(with_sections(tmp_path, PROBLEMS, measures))
    assert len(facts.measures) == 3 and facts.measures[2].quote.startswith("3.")


def test_a_transfer_programmes_name_line_is_no_problem(tmp_path: Path) -> None:
    problems = (
        "转移支付项目：2024年农村综合改革转移支付资金（村级公益事业部分）\n"
        "偏差原因分析：计划建设村内道路8公里，完成6.5公里，因2个村征地协调未完成。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 1 and not facts.problems[0].funding_only
    assert "征地" in facts.problems[0].text


def test_complaints_of_those_served_are_a_problem() -> None:
    assert states_a_problem("补贴对象普遍反映申领材料多、跑腿次数多。", LEXICON)
    # Materials printed and complaints handled are work done (session 15's review).
    assert not states_a_problem("全年印发学习材料多册，群众满意度96%。", LEXICON)
    assert not states_a_problem("本年度共受理群众反映强烈的信访事项36件，办结率100%。", LEXICON)


def test_a_low_completion_rate_and_separated_thousands_are_shortfalls() -> None:
    assert falls_short_of_target("全年计划培训学员500人，实际参训人员356人，完成率71.2%。", LEXICON)
    assert falls_short_of_target("计划种植苗木3,000株，实际种植2,450株。", LEXICON)
    # A year done is no shortfall, nor a figure that meets its target.
    assert not falls_short_of_target("年度任务完成率98.5%，执行率96%。", LEXICON)
    assert not falls_short_of_target("计划种植苗木3,000株，实际种植3,120株。", LEXICON)
    # A floor, a benchmark, a range or a mid-year execution rate is no shortfall (session 15's review).
    for told in ("项目完成率不低于85%。", "完工率85%以上的乡镇12个。", "截至6月底预算执行率45%，符合序时进度。"):
        assert not states_a_problem(told, LEXICON), told


def test_an_audit_bureaus_output_and_nothing_found_are_no_problem() -> None:
    assert not states_a_problem("全年完成审计项目18个，查出问题金额1.2亿元，移送问题线索3件。", LEXICON)
    assert not states_a_problem("经自查，各项资金使用规范，未发现违规违纪问题。", LEXICON)
    assert not states_a_problem("完成饮用水风险监测样本420份。", LEXICON)
    # A problem the audit found in the department itself stays one.
    assert states_a_problem("审计发现问题整改不到位，2项问题仍未销号。", LEXICON)


def test_work_held_up_only_by_late_money_beside_shortages_is_the_shortage(tmp_path: Path) -> None:
    problems = (
        "序号｜存在问题｜原因分析\n"
        "1｜村级公益设施配套资金难以落实｜县级财力紧张，应配套260万元仅到位90万元\n"
        "2｜部分工程建设进度滞后｜资金到位晚，影响施工进场"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert facts.problems and all(p.funding_only for p in facts.problems)
    # Another cause told beside the money keeps the delay the department's own; so does its own paying late.
    for own in ("资金到位晚，加之施工单位组织不力", "项目资金支付进度缓慢，资金到位晚"):
        facts = extract_rules(with_sections(tmp_path, problems.replace("资金到位晚，影响施工进场", own), MEASURES))
        assert not all(p.funding_only for p in facts.problems)


def test_a_team_that_will_not_stay_for_want_of_pay_is_the_shortage() -> None:
    assert _funding_only("村级护林员补助资金减少，补助标准偏低，人员流失", LEXICON)
    # Told first, as a problem's heading, it is the unit's own.
    assert not _funding_only("村级协管员队伍不稳定，业务培训不足，部分协管员补助标准偏低。", LEXICON)


def test_money_paid_short_by_its_payer_is_the_shortage() -> None:
    assert _funding_only("县级财力紧张，年中压减项目支出，运维经费未足额拨付", LEXICON)
    # Paying out short to those it owes is the department's own.
    assert not _funding_only("县级财力紧张，部分农户补贴未足额拨付到户", LEXICON)
    assert not _funding_only("财政资金紧张，我局未足额拨付合同款项，形成拖欠。", LEXICON)


def test_a_form_cells_measures_after_a_bar_are_several(tmp_path: Path) -> None:
    problems = "偏差原因 | 部分乡镇报账资料不全，审核退回3次；绩效监控流于形式。"
    measures = "改进措施 | 向县财政申请追加项目预算；年内修订报账资料清单；每季度开展一次绩效运行监控。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert len(facts.measures) == 3 and facts.measures[0].money_only and not facts.measures[1].money_only


def test_a_bare_paragraph_of_semicolon_steps_lists_them(tmp_path: Path) -> None:
    measures = "按月调度项目支出进度；年内修订资产管理办法并完成资产清查；采购需求由使用科室和财务科共同论证。"
    assert len(extract_rules(with_sections(tmp_path, PROBLEMS, measures)).measures) == 3
    # A part that sets the goal of the steps before it makes the sentence one measure.
    measures = "加快预算执行进度；对执行进度慢的项目及时收回资金统筹使用；确保年底执行率达到95%以上。"
    assert len(extract_rules(with_sections(tmp_path, PROBLEMS, measures)).measures) == 1
    # Two sentences of clauses are no such list: the paragraph stays one measure.
    measures = "按月调度项目支出进度；年内修订资产管理办法。采购需求由使用科室和财务科共同论证；留存论证记录。"
    assert len(extract_rules(with_sections(tmp_path, PROBLEMS, measures)).measures) == 1


def test_a_bare_paragraph_of_semicolon_problems_lists_them(tmp_path: Path) -> None:
    problems = (
        "年初预算编制不够细化，年中追加较多；绩效指标偏重数量，缺少效益指标；"
        "资产卡片与实物不一致；零星采购未执行比价程序。"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 4
    # The causes of a problem (「主要原因是……」) stay with it; a causes paragraph stays whole.
    problems = "计划完成项目20个，实际完成16个；主要原因是征地协调难；部分施工单位组织不力。"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1
    # So does a consequence opening a part (session 15's review).
    problems = "专项资金支出进度缓慢；受汛期影响，项目无法按期开工；部分项目审批手续未办结。"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1


def test_aspects_run_on_in_one_paragraph_are_problems_each(tmp_path: Path) -> None:
    problems = (
        "本年度整体运行平稳，但仍有不足。在预算管理上，年中追加项目较多；在绩效管理上，定量指标偏少；"
        "资产管理方面，部分资产未及时入账。"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 3
    # A page of achievements told by aspect is one unit, closing on its shortcoming.
    problems = (
        "全年门诊量增长8%。在财务管理方面，全面推行预算管理。在资产管理方面，完成资产清查。"
        "总体来看，各项工作成效较好，但精细化管理仍有差距。"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1


def test_worn_things_beside_a_shortage_are_that_shortage() -> None:
    assert _funding_only("经费紧张，卫生监督执法装备不足，执法车辆使用年限超过12年。", LEXICON)
    # Asking for the money to buy them is asking for money, a handling word in the thing's name notwithstanding.
    assert _money_only("申请追加监督执法车辆和快检设备购置经费", LEXICON)
    # A failing of the department's own in handling them is its own.
    assert not _funding_only("经费紧张，执法车辆管理不规范，未建立台账。", LEXICON)
    assert not _funding_only("经费紧张，执法装备不足，装备管理混乱。", LEXICON)
    assert not _funding_only("经费紧张，设备老化，且使用年限超过规定年限未及时报废处置。", LEXICON)


def test_worn_equipment_alone_is_a_problem() -> None:
    assert states_a_problem("部分基层站所办公设备老化，影响业务开展。", LEXICON)
    assert states_a_problem("执法车辆老化，无力更新。", LEXICON)
    # Renewed, it is work done.
    assert not states_a_problem("全年更换老化供水管网12公里，完成老化小区管网改造3处。", LEXICON)
    assert not states_a_problem("全年完成老化管网排查120公里，对老化设备进行了全面检修。", LEXICON)
    assert states_a_problem("部分设备老化严重，亟需更换。", LEXICON)


def test_the_parts_own_title_over_its_list_heads_nothing(tmp_path: Path) -> None:
    measures = "四、改进措施\n按月调度支出进度；年内完成资产清查；采购需求由使用科室论证。"
    report = with_sections(tmp_path, PROBLEMS, measures)
    facts = extract_rules(report)
    assert len(facts.measures) == 3 and not any("改进措施" in m.quote for m in facts.measures)
    assert scored_items(report)["suggestions"].points > 0
