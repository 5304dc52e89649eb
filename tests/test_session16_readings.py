"""Readings that session 16's first-contact dev sets (lw–lz) found missing: a deviation cell's semicolon list of
deviations (ly08), an indicator row whose deviation cell says there is none (lz08), money owed to the unit coming in
late and suppliers left unpaid for it (lz16), a preamble of guidance before the first of the measures (lz13), spending
crowded into the year's end (lz13), who is to look after a thing left unsettled beside a shortage and a thing's name
that opens with 小 (ly17), steps put out to a qualified party or checked on site (ly17), a sentence announcing
shortcomings before a semicolon list (lw10), a transfer's name line (lw18), an indicator's row whose deviation is put
down to money only (lw18), vague causes 「受各种因素影响」 (lx13) and a deviation cell's parts beside funding problems
(iu09). Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import scored_items, with_sections

from reviewer.scoring.rules import _funding_only, extract_rules, load_lexicon, states_a_problem

LEXICON = load_lexicon()
MEASURES = "一是年底前修订专项资金管理办法。二是每季度开展一次绩效运行监控。"
PROBLEMS = "一是专项资金拨付审核不严，个别乡镇报账资料缺失。二是绩效运行监控流于形式。"


def test_a_deviation_cells_semicolon_list_is_several_problems(tmp_path: Path) -> None:
    problems = (
        "偏差原因分析：上级资金11月才下达，部分乡镇分配延后；部分村组地处山区、施工运输困难；"
        "新建蓄水池指标完成率85%（计划20座，完成17座），3座因选址调整顺延；全年资金执行率82.6%；满意度指标已达标。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 4
    # The part that states no deviation (an indicator met) goes with the one before it.
    assert facts.problems[-1].text.endswith("满意度指标已达标。")
    # A cell that gives one deviation and its causes stays one problem.
    one = "偏差原因分析：完工率80%；主要原因是汛期施工受阻；部分材料供应延迟；监理人员不足。"
    assert len(extract_rules(with_sections(tmp_path, one, MEASURES)).problems) == 1


def test_an_indicator_row_with_no_deviation_states_no_problem() -> None:
    met = "产出指标：完成校舍维修面积，年度指标值1200平方米，实际完成值1200平方米，偏差原因：无。"
    short = "产出指标：完成校舍维修面积，年度指标值1200平方米，实际完成值950平方米，偏差原因：无。"
    assert not states_a_problem(met, LEXICON)
    assert states_a_problem(short, LEXICON)


def test_money_owed_to_the_unit_coming_in_late_is_a_shortage() -> None:
    assert _funding_only("三是新农合结算资金回款滞后，年末应收款达860万元。", LEXICON)
    assert _funding_only("医保基金回款不及时，造成资金周转困难，部分器械供应商货款拖欠。", LEXICON)
    # Suppliers unpaid by the unit's own doing stay its own problem.
    assert not _funding_only("我院拖欠供应商货款230万元，合同管理不规范。", LEXICON)


def test_a_preamble_before_the_first_measure_leads_nothing(tmp_path: Path) -> None:
    measures = (
        "下一步，我局将坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻上级决策部署。一是加强党的建设，"
        "开展主题党日活动；二是加大政策宣传力度，营造良好氛围。"
    )
    facts = extract_rules(with_sections(tmp_path, PROBLEMS, measures))
    assert all(m.off_topic for m in facts.measures)
    # A preamble before real steps leaves them real.
    steps = "下一步，我局将认真落实整改要求。一是年底前修订报账审核办法；二是每季度开展一次绩效运行监控。"
    assert not any(m.off_topic for m in extract_rules(with_sections(tmp_path, PROBLEMS, steps)).measures)


def test_spending_crowded_into_the_years_end_is_a_problem() -> None:
    assert states_a_problem("年底存在突击花钱现象，12月支出占全年的31%。", LEXICON)
    assert states_a_problem("项目支出集中在第四季度。", LEXICON)
    assert not states_a_problem("通过按月调度，有效避免了支出集中在年底的现象。", LEXICON)


def test_who_looks_after_a_thing_is_the_departments_own_beside_a_shortage() -> None:
    assert not _funding_only("农村饮水工程维修经费不足，小型供水工程管护主体不明确，部分水窖年久失修。", LEXICON)
    assert _funding_only("农村饮水工程维修经费不足，部分水窖年久失修。", LEXICON)


def test_a_sentence_announcing_shortcomings_lists_the_parts_after_it(tmp_path: Path) -> None:
    problems = (
        "对照年度目标，我局预算管理中仍存在一些不足。部分项目年初预算编制不够精准；绩效目标设置不够细化，"
        "产出指标偏少；个别下属单位公务卡使用不规范；部分固定资产未及时入账。"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 4
    # One problem's facts after the sentence stay one problem.
    one = "我局还存在一些不足。执行率偏低；上半年仅支出31%。"
    assert len(extract_rules(with_sections(tmp_path, one, MEASURES)).problems) == 1


def test_an_indicators_deviation_put_down_to_money_only_is_a_shortage() -> None:
    row = (
        "1.资金支出率：目标值100%，实际完成78.5%。偏差原因：省级资金12月中旬才下达，县级配套资金因财力困难未能"
        "足额到位，导致部分补助未能在年内拨付至村。"
    )
    assert _funding_only(row, LEXICON)
    own = "1.资金支出率：目标值100%，实际完成78.5%。偏差原因：部分村报账资料不全，审核退回，导致部分补助未能拨付。"
    assert not _funding_only(own, LEXICON)


def test_a_transfers_name_line_and_vague_causes_are_no_content(tmp_path: Path) -> None:
    problems = "转移支付名称：城乡义务教育补助经费\n部分指标未完成，受各种因素影响，个别指标与年初目标存在一定差距。"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 1 and not facts.problems[0].funding_only
    assert facts.problems[0].cause is None


def test_a_deviation_cells_parts_beside_funding_problems_are_their_evidence(tmp_path: Path) -> None:
    problems = (
        "偏差原因分析：五保供养人数年度指标860人，实际812人，因自然减员较多；集中供养率指标≥50%，实际44%，"
        "乡镇敬老院床位有限；\n"
        "存在的问题：一是县级财力紧张，配套资金缺口较大；二是上级补助资金逐年减少。"
    )
    items = scored_items(with_sections(tmp_path, problems, "一是积极争取上级资金支持；二是申请追加配套资金。"))
    assert items["problems"].points == 0


def test_readings_that_session_16s_review_kept_apart(tmp_path: Path) -> None:
    # The unit's own collecting, and who pays for a shortage, are not what the new readings take them for.
    assert not _funding_only("一是化验收费回款不及时，应收账款62万元，催收工作不到位。", LEXICON)
    assert _funding_only("一是资金缺口较大，省市县三级资金分担责任不清，配套难以落实。", LEXICON)
    # Where money went, and year-end spending reduced, are no problem.
    assert not states_a_problem("全年支出集中在义务教育和公共卫生两个领域，效益明显。", LEXICON)
    assert not states_a_problem("通过按月调度，减少了年底集中支出现象。", LEXICON)
    # A deviation put down partly to the department's own doing stays its own.
    row = "2.项目完成率：目标值100%，实际完成76%。偏差原因：配套资金未足额到位；施工单位组织不力，开工推迟。"
    assert not _funding_only(row, LEXICON)
    # One project's delay told in parts after a lead sentence, and a cell of one deviation's causes, stay one problem.
    delay = "对照评价指标，我局还存在一些问题。村道硬化开工较晚；施工队伍进场推迟一个月；年底仅完成工程量的55%。"
    assert len(extract_rules(with_sections(tmp_path, delay, MEASURES)).problems) == 1
    causes = "偏差原因分析：省级资金下达较晚；前期设计推进缓慢；部分村民配合度不高，改造进度滞后。"
    assert len(extract_rules(with_sections(tmp_path, causes, MEASURES)).problems) == 1
    # An indicator below its target for a cause of the department's own is no evidence of a shortage beside it.
    problems = "一是县级财力紧张，配套资金不足；二是集中供养率指标≥45%，实际40%，因供养机构管理水平不高，入住意愿低。"
    items = scored_items(with_sections(tmp_path, problems, "一是争取资金支持；二是年内完成供养机构服务规范修订。"))
    assert items["problems"].points > 0
    # 「加强现场核实」 is a slogan.
    facts = extract_rules(with_sections(tmp_path, PROBLEMS, "一是强化项目验收，加强现场核实。"))
    assert not facts.measures[0].concrete


def test_measures_written_in_problems_by_the_unit_naming_itself_are_found(tmp_path: Path) -> None:
    problems = (
        "一、年中追加预算较多，占年初预算的三成。今后我局将在编制预算时预留应急额度。\n"
        "二、村级报账不够规范。我们将联合乡镇纪委开展村级财务专项检查。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "改进措施见上述各项问题中的整改安排。"))
    assert len(facts.measures) == 2 and facts.measures_in_problems


def test_a_forms_header_row_and_a_prompt_cell_are_no_content(tmp_path: Path) -> None:
    assert not states_a_problem("指标名称｜年度指标值｜实际完成值｜偏差原因分析及改进措施", LEXICON)
    assert states_a_problem("培训人次｜≥500人次｜430人次｜偏差较大，组织不到位", LEXICON)
    problems = (
        "指标名称｜年度指标值｜实际完成值｜偏差原因\n培训人次｜≥500人次｜430人次｜（请说明未完成原因）\n"
        "主要问题：部分指标未完成。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert all(p.cause is None for p in facts.problems)


def test_the_unit_naming_itself_opens_a_measure_only_where_a_sentence_starts(tmp_path: Path) -> None:
    pointer = "改进措施见上述各项问题中的整改安排。"
    for told in (
        "一是进度滞后。按年初计划，我局将于9月底前建成18个网点，年底仅建成11个。",  # a plan told as background
        "一是资金使用不规范。我镇将部分专项资金用于日常办公支出，金额2.6万元。",  # 将 as 把
        "一是自评质量不高。究其原因，我局将主要精力放在项目实施上。",  # a cause
    ):
        assert not extract_rules(with_sections(tmp_path, told, pointer)).measures, told
    told = "一是报账不规范，部分票据缺少审批签字。对此，我局将联合乡镇纪委开展专项检查。"
    assert len(extract_rules(with_sections(tmp_path, told, pointer)).measures) == 1


def test_a_vertical_forms_deviation_row_is_no_header() -> None:
    assert states_a_problem("偏差原因分析｜3座泵站选址调整，延至次年开工", LEXICON)


def test_a_combined_deviation_and_measures_label_under_the_problems_heading_opens_no_measures(tmp_path: Path) -> None:
    problems = (
        "偏差原因分析及改进措施：\n项目名称：农村公路养护\n年度指标“养护里程”目标值120公里，实际完成104公里，"
        "主要原因为雨季施工期缩短。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "下一步将调整养护时段，集中在旱季施工。"))
    assert len(facts.problems) == 1 and "104公里" in facts.problems[0].text
    assert len(facts.measures) == 1


def test_hazards_put_right_by_count_are_work_done() -> None:
    assert not states_a_problem("开展安全检查1800家次，督改各类隐患2300余处。", LEXICON)
    assert states_a_problem("仍有15处隐患未整改到位。", LEXICON)


def test_a_forms_rows_of_met_indicators_are_no_problems(tmp_path: Path) -> None:
    problems = (
        "指标｜目标值｜完成值｜偏差原因\n新建村级活动场所｜6个｜6个｜无\n验收合格率｜100%｜100%｜无\n"
        "群众满意度｜≥90%｜86%｜宣传不到位"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 1 and "86%" in facts.problems[0].text


def test_a_problem_row_whose_cause_cell_is_none_stays_a_problem(tmp_path: Path) -> None:
    problems = (
        "序号｜存在问题｜原因分析\n1｜专项资金报账审核不严，个别票据缺少签字｜无\n2｜资产台账未及时更新｜人员调整"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 2
