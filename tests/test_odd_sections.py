"""Sections that state no problem, ask only for money or give no figure: readings of 反映问题情况 and 建议情况
(conventions no_problem_stated, money_beside_real, slogans, in_band_placement). Fixtures in our own words."""

from __future__ import annotations

from pathlib import Path

from narratives import scored_items, with_sections

from reviewer.scoring.rules import extract_rules, load_lexicon, states_a_problem


def test_resolve_and_quantity_words_state_no_shortcoming() -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("今后我站将不断提高服务水平，全年开展巡查不少于12次。", lexicon)
    assert states_a_problem("全年巡查仅完成8次，不少站点未覆盖。", lexicon)
    assert states_a_problem("设备台账更新不及时。", lexicon)


def test_a_problems_section_of_achievements_and_intentions_names_no_problem(tmp_path: Path) -> None:
    problems = (
        "本年度我站严格落实预算管理要求，预算执行率达到96.5%，水质监测、站房维护等工作按计划完成。"
        "下一步，我站将继续规范资金使用，强化绩效目标管理，不断提升资金使用效益。"
    )
    measures = "一是完成辖区12个监测点位的年度检测；二是新建2处自动监测站。"
    report = with_sections(tmp_path, problems, measures)
    assert extract_rules(report).problems == []
    items = scored_items(report)
    assert items["problems"].points == 0
    # Work planned with figures but no problem to answer: below 「过于简单」 (no_answer).
    assert items["suggestions"].points == 4, items["suggestions"].justification


def test_what_a_payer_is_asked_to_provide_is_still_the_request(tmp_path: Path) -> None:
    problems = "1、检验设备陈旧，部分项目需外送检测。\n2、财政补助偏低，中心运行经费缺口较大。"
    measures = "1、建议区财政加大对检验中心的投入，安排专项资金用于更新检验设备，并落实人员经费保障，缓解运行压力。"
    report = with_sections(tmp_path, problems, measures)
    assert [m.money_only for m in extract_rules(report).measures] == [True]
    assert scored_items(report)["suggestions"].points == 0


def test_a_shortage_answered_only_by_a_request_stays_unanswered(tmp_path: Path) -> None:
    problems = (
        "1、养护经费标准偏低，经费缺口较大。\n"
        "2、外包考核不够严格，原因是考核细则多年未修订。\n"
        "3、苗木资产未登记，出入库缺少台账。"
    )
    asked = (
        "1、积极向区财政汇报，争取提高养护经费标准。\n"
        "2、修订外包考核办法，实行月考核，考核结果与费用支付挂钩，每月抽查不少于3个片区。\n"
        "3、2026年6月前完成苗木盘点，建立出入库台账。"
    )
    items = scored_items(with_sections(tmp_path, problems, asked))
    # Two of three problems answered: 「不全面」, the request costing its coverage and no point besides.
    assert items["suggestions"].band == "9—11", items["suggestions"].justification
    assert "养护经费标准偏低" in items["suggestions"].justification
    # Without the request nothing is held against the measures (the shortage itself scores nothing).
    unasked = asked.split("\n", 1)[1].replace("2、", "1、", 1).replace("3、", "2、", 1)
    items = scored_items(with_sections(tmp_path, problems, unasked))
    # 对应且全面; the point off is for the narrow list of problems itself (convention narrow_problems).
    assert items["suggestions"].band == "15", items["suggestions"].justification
    assert items["suggestions"].points == 14 and "所对应的问题本身不全面扣 1 分" in items["suggestions"].justification


def test_the_top_band_needs_a_figure_to_check(tmp_path: Path) -> None:
    problems = (
        "1、绩效指标设置不够细化，原因是对指标编制要求学习不够。\n2、固定资产账实不符，原因是资产入账和处置登记不及时。"
    )
    bare = "1、修订绩效指标，逐项补充产出和效益指标。\n2、开展固定资产清查，建立资产变动登记台账。"
    items = scored_items(with_sections(tmp_path, problems, bare))
    # The top of 比较全面, less the point for a narrow list of problems (convention narrow_problems).
    assert items["suggestions"].band == "12—14" and items["suggestions"].points == 13
    dated = bare.replace("开展固定资产清查", "2026年底前开展固定资产清查")
    items = scored_items(with_sections(tmp_path, problems, dated))
    assert items["suggestions"].band == "15" and items["suggestions"].points == 14, items["suggestions"].justification


def test_short_stance_clauses_make_a_chain_of_slogans(tmp_path: Path) -> None:
    problems = "部分项目支出进度偏慢，绩效管理工作有待加强。"
    measures = "今后将认真学习相关文件，加强财务管理，严格执行预算，加快支出进度，进一步提高资金使用效益。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert [m.slogan for m in facts.measures] == [True]
    # Named steps stay steps, however the clause opens.
    concrete = "加强项目调度，按月通报支出进度，年底前完成绩效自评。"
    facts = extract_rules(with_sections(tmp_path, problems, concrete))
    assert [m.slogan for m in facts.measures] == [False]
