"""Readings of 反映问题情况 and 建议情况 that the session-6 fresh sets (hz, ic, id; written and labelled blind) showed
missing: stances instead of problems, one cause pasted under every problem, problems set out without a cause
marker, semicolon lists after a lead-in, a causes sentence closing the list, 「无。」 with its reasons, a prompt
followed by the author's text, money paid out to beneficiaries, measures numbered as the problems are.
Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import assert_no_problem_stated, scored_items, with_sections

from reviewer.scoring.rules import extract_rules, is_set_out, is_stance, load_lexicon, states_a_problem
from reviewer.suggest.drafts import _title

MEASURES = "1.按季度调度项目进度，对滞后项目约谈实施单位。\n2.年内完成一次资产盘点，6月底前核销报废设备。"


def test_stances_are_no_problems_and_score_below_the_simple_band(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    assert is_stance("二是干部队伍工作作风还需进一步转变。", lexicon)
    assert is_stance("一是思想认识不够到位，对绩效管理工作的重要性认识不足。", lexicon)
    # A matter of the work, however short, is a problem (「过于简单」, not a stance); so is a stance with its cause.
    assert not is_stance("三是资金使用效益有待提高。", lexicon)
    assert not is_stance("业务能力有待提高，原因是近三年新进人员占一半。", lexicon)
    problems = "一是思想认识还需进一步提高。\n二是工作作风有待进一步转变。\n三是服务群众的能力还需进一步增强。"
    report = with_sections(tmp_path, problems, MEASURES)
    assert all(p.stance for p in extract_rules(report).problems)
    item = scored_items(report)["problems"]
    assert item.points == 8, item.justification
    assert "只有表态的问题低于过于简单档" in item.justification


def test_one_cause_pasted_under_every_problem_explains_none(tmp_path: Path) -> None:
    pasted = "原因：对绩效管理重视不够，学习不够深入。"
    problems = (
        f"（一）预算编制不够准确。{pasted}\n（二）调解经费支付进度较慢。{pasted}\n（三）援助补贴发放不及时。{pasted}"
    )
    report = with_sections(tmp_path, problems, MEASURES)
    facts = extract_rules(report)
    assert [p.cause for p in facts.problems] == [None, None, None]
    assert facts.pasted_causes == [pasted]
    item = scored_items(report)["problems"]
    assert item.band == "10—12", item.justification
    assert "套用的原因不算分析" in item.justification
    # Causes given once for all problems, in a paragraph of their own, are analysis (item_segmentation).
    shared = "（一）预算编制不够准确。\n（二）调解经费支付进度较慢。\n原因：对绩效管理重视不够，学习不够深入。"
    assert all(p.cause for p in extract_rules(with_sections(tmp_path, shared, MEASURES)).problems)


def test_problems_set_out_beyond_their_headline_are_not_too_simple(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    assert is_set_out("二是资金支付进度不均衡，衔接资金项目集中在下半年开工，年底支付压力大。", lexicon)
    assert not is_set_out("二是资金支付进度不均衡，资金管理还需进一步加强。", lexicon)
    assert not is_set_out("二是资金支付进度不均衡。", lexicon)
    listed = (
        "一是预算编制不够精细。年初预算主要按上年基数安排，多数项目未细化到支出内容，执行中调整较多。\n"
        "二是资金支付进度不均衡，衔接资金项目集中在下半年开工，年底支付压力大。\n"
        "三是部分村级项目完工后管护主体不明确，道路边沟和路灯损坏后无人修复。"
    )
    item = scored_items(with_sections(tmp_path, listed, MEASURES))["problems"]
    assert item.band == "13—15", item.justification
    assert "写出具体情况的问题不算过于简单" in item.justification
    # The same clauses run on in one paragraph are more problems, not a problem set out (「未归纳」).
    one = "我镇预算执行总体良好，但绩效管理意识不强，财务管理制度执行还需规范，资产台账更新不及时。"
    assert scored_items(with_sections(tmp_path, one, MEASURES))["problems"].band == "10—12"


def test_a_lead_in_announces_a_list_run_on_with_semicolons(tmp_path: Path) -> None:
    problems = (
        "对照年度目标，我所在整体支出管理上还存在一些问题：年初预算编制较粗，全年调整追加9次；"
        "站点包干经费由各站自行使用，缺少效果评价；维修工程结算审计拖期，影响资金支付进度。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 3
    assert facts.problems[1].text.startswith("站点包干经费")
    # A causes paragraph that lists its causes with semicolons is no list of problems.
    causes = "1.预算执行进度偏慢，执行率81%。\n2.资产账实不符。\n上述问题的原因主要有：人员少；培训少；制度旧。"
    assert len(extract_rules(with_sections(tmp_path, causes, MEASURES)).problems) == 2


def test_a_causes_sentence_closing_the_last_item_analyses_every_item(tmp_path: Path) -> None:
    problems = (
        "1.预算编制不够完整，年中追加1200万元；2.绩效目标偏粗，缺少效益指标；3.零星采购未纳入采购计划。"
        "原因主要是业务股室与财务股衔接不紧，财务人员对工程核算不熟。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 3
    assert all("衔接不紧" in (p.cause or "") for p in facts.problems)


def test_none_with_its_reasons_states_no_problem(tmp_path: Path) -> None:
    problems = "存在的问题：无。本年度补助资金全部按时足额发放，未发现截留、挤占、挪用等问题。"
    report = with_sections(tmp_path, problems, "继续按政策做好资金发放工作。")
    assert_no_problem_stated(report)


def test_text_after_a_bracketed_prompt_is_the_authors(tmp_path: Path) -> None:
    problems = "（请填写项目实施中存在的主要问题）补贴面积核实工作量大，个别村上报面积与实际有出入。"
    measures = "（请填写针对问题的改进措施）组织乡镇逐村复核补贴面积，确保补贴资金及时足额发放到户。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert [p.text for p in facts.problems] == ["补贴面积核实工作量大，个别村上报面积与实际有出入。"]
    assert "请填写项目实施中存在的主要问题" in "".join(facts.ignored_prompts)
    # Paying the subsidy out to the households is the department's own work, not a request for money.
    assert [m.money_only for m in facts.measures] == [False]


def test_measures_numbered_as_the_problems_answer_their_own_number(tmp_path: Path) -> None:
    problems = (
        "（一）预算编制的科学性有待提高，年中调整较多。\n（二）项目执行进度不均衡，上半年执行率偏低。\n"
        "（三）资产使用效率不高，部分设备闲置。"
    )
    measures = (
        "（一）加强预算编制管理。细化二级单位预算编制要求，提前布置编制工作。\n"
        "（二）加快预算执行。建立执行通报制度，每月通报各单位执行情况。\n"
        "（三）建立设备共享平台，对闲置设备统一调剂。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert [m.answers for m in facts.measures] == [[0], [1], [2]]
    # A title (「加强预算编制管理。」) is no stance clause of the measure's own steps.
    assert not facts.measures[0].slogan


def test_measures_grouped_by_aspect_reply_to_each_problem_they_set_a_step_for(tmp_path: Path) -> None:
    problems = (
        "1.预算编制不够细化，年中追加8次，原因是项目前期论证不足。\n2.绩效指标偏重数量，原因是科室未参与指标设置。\n"
        "3.固定资产账实不符，原因是多年未盘点。\n4.零星采购未执行比价，原因是采购计划性不强。"
    )
    grouped = (
        "（一）提高预算和绩效目标质量。项目入库前完成可行性论证，未论证的不安排预算；"
        "每个项目至少设置2项质量和效益指标，由业务科室负责审核。\n"
        "（二）规范资产和采购管理。2026年6月底前完成固定资产全面盘点并核销报废资产；"
        "同类服务年初编制采购计划，单次5万元以上的一律比价。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, grouped))
    assert [m.answers for m in facts.measures] == [[0, 1], [2, 3]]
    item = scored_items(with_sections(tmp_path, problems, grouped))["suggestions"]
    assert item.points == 15, item.justification
    # One measure with a single step over the same problems replies to one of them only.
    single = "进一步加强预算、绩效、资产和采购管理，按季度开展一次检查。"
    assert scored_items(with_sections(tmp_path, problems, single))["suggestions"].points < 12


def test_money_from_above_that_crowds_spending_into_the_year_end_is_an_execution_problem(tmp_path: Path) -> None:
    late = "1.项目资金下达较晚，示范项目资金9月才到位，支出集中在第四季度。\n2.资产台账登记不全，3台设备未入账。"
    assert [p.funding_only for p in extract_rules(with_sections(tmp_path, late, MEASURES)).problems] == [False, False]
    # Late and short: a shortage, whatever it does to the spending.
    short = "1.上级补助资金下达较晚且逐年减少，支出集中在第四季度。\n2.资产台账登记不全，3台设备未入账。"
    assert [p.funding_only for p in extract_rules(with_sections(tmp_path, short, MEASURES)).problems] == [True, False]


def test_achievements_that_close_with_no_problem_found_state_none(tmp_path: Path) -> None:
    problems = (
        "2024年，我馆全年开展“村晚”等群众文化活动120场次，服务群众约5万人次，预算执行率达到98.2%。"
        "财政资金均按规定用途使用，未发现挤占挪用现象。总体来看，全年工作任务圆满完成，未发现明显问题。"
    )
    report = with_sections(tmp_path, problems, "2025年，我馆将继续围绕中心工作，力争全年开展活动150场次以上。")
    assert_no_problem_stated(report)


def test_a_cell_label_over_its_prompt_is_a_prompt(tmp_path: Path) -> None:
    problems = "偏差原因：（对未完成的绩效指标逐项说明偏差原因，包括资金、管理等方面）\n存在问题：无。"
    facts = extract_rules(with_sections(tmp_path, problems, "继续做好供养服务工作，加强管理。"))
    assert facts.problems == []
    assert any("逐项说明偏差原因" in p for p in facts.ignored_prompts)


def test_too_few_staff_beside_funding_shortages_is_a_problem_of_its_own(tmp_path: Path) -> None:
    problems = (
        "1.资金缺口较大，县级财力有限，应配套资金486万元，实际到位212万元。\n"
        "2.上级补助资金下达较晚，部分资金12月份才到位。\n"
        "3.基层农牧技术人员少，乡镇畜牧兽医站专业人员不足，工作任务重。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert [p.funding_only for p in facts.problems] == [True, True, False]


def test_the_sections_title_repeated_as_its_first_line_is_no_problem(tmp_path: Path) -> None:
    problems = (
        "存在的问题及原因分析\n1.资产台账登记不全，原因是多年未盘点。\n2.采购计划编制滞后，原因是科室需求上报晚。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert [p.text[:2] for p in facts.problems] == ["1.", "2."]


def test_five_dimensions_set_out_with_figures_are_comprehensive_causes_or_not(tmp_path: Path) -> None:
    problems = (
        "（一）预算管理方面。医疗收入预算4.82亿元，实际4.51亿元，差异率6.4%；全年追加预算5次共320万元，"
        "其中设备购置追加占六成，年初测算未覆盖新开科室。\n"
        "（二）履职效能方面。门诊中药饮片处方占比32%，未达到35%的目标；康复科床位使用率仅71%，"
        "低于全院平均水平，部分病区夜间护理人员配备不足。\n"
        "（三）资金使用管理方面。专项资金与自有资金混合核算，3个专项支出未单独设置辅助核算项目，"
        "年末无法按项目列示专项资金结余。\n"
        "（四）资产管理方面。单价100万元以上的设备39台，其中3台年使用率低于50%；维保合同分散在"
        "6个科室分别签订，维保费用比上年增加18%。\n"
        "（五）政府采购方面。医用耗材仍以科室自行询价为主，集中采购比例仅40%，耗材占医疗收入比重达21.3%，"
        "高于同级医院平均水平。"
    )
    item = scored_items(with_sections(tmp_path, problems, MEASURES))["problems"]
    assert item.points == 20, item.justification


def test_an_inline_list_whose_item_opens_with_a_year_is_still_a_list(tmp_path: Path) -> None:
    measures = "改进措施：1.2025年起场次目标按季度分解；2.采购项目在资金下达后30日内启动；3.每季度抽查归档资料。"
    facts = extract_rules(with_sections(tmp_path, "1.场次目标未完成。\n2.采购启动迟。\n3.资料归档不全。", measures))
    assert len(facts.measures) == 3


def test_a_headline_that_also_names_the_departments_own_handling_is_a_real_problem(tmp_path: Path) -> None:
    problems = (
        "1.资金保障不足与资金使用不规范同时存在。补助标准难以覆盖体检成本；部分资金用于日常办公耗材，"
        "未按项目支出范围核算。\n2.资产台账登记不全。"
    )
    assert not extract_rules(with_sections(tmp_path, problems, MEASURES)).problems[0].funding_only


def test_a_forms_part_label_gives_no_aspect_to_the_items_under_it(tmp_path: Path) -> None:
    problems = "（二）存在问题\n1.村医考核不到位，季度考核流于形式。\n2.绩效目标设置未结合本镇人口结构变化。"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert facts.problems[1].dimensions[0] == "budget_management"


# ------------------------------------------------------------------ edges found in review of the readings above


def test_achievements_with_carry_over_and_key_tasks_state_no_problem(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("上年结转资金已全部使用完毕，全年重难点工作全部完成。", lexicon)
    assert states_a_problem("征地协调难，结转资金172万元。", lexicon)


def test_stances_are_attitudes_not_matters_of_a_dimension() -> None:
    lexicon = load_lexicon()
    assert not is_stance("预算执行进度与序时进度仍有差距。", lexicon)
    assert not is_stance("二是资产管理水平不高。", lexicon)
    assert not is_stance("一是思想认识不够到位，项目未取得预期成效。", lexicon)
    assert is_stance("三是预算绩效管理意识不强。", lexicon)
    assert is_stance("管理水平有待进一步提升。", lexicon)


def test_none_then_but_keeps_the_problem(tmp_path: Path) -> None:
    problems = "无。但资产台账登记不全，3台设备未入账。"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1


def test_one_items_own_cause_is_not_spread_to_the_item_before(tmp_path: Path) -> None:
    problems = "1.预算编制不完整。\n2.资产台账不全，账实不符。原因是多年未盘点，固定资产清查工作未开展。"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert facts.problems[0].cause is None and facts.problems[1].cause


def test_two_stance_sentences_are_still_a_slogan_chain(tmp_path: Path) -> None:
    facts = extract_rules(with_sections(tmp_path, "1.资产台账登记不全。", "加强管理。严格执行预算。"))
    assert [m.slogan for m in facts.measures] == [True]


def test_a_lead_naming_problems_and_causes_opens_a_semicolon_list(tmp_path: Path) -> None:
    problems = (
        "对照年度目标，主要存在以下问题及原因：年初预算编制较粗，全年调整追加9次；"
        "站点包干经费缺少效果评价；维修工程结算审计拖期。"
    )
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 3


def test_a_one_line_headline_joining_a_shortfall_to_own_handling_is_real(tmp_path: Path) -> None:
    problems = "1.经费紧张和支出管理不规范。\n2.资产台账登记不全。"
    assert not extract_rules(with_sections(tmp_path, problems, MEASURES)).problems[0].funding_only
    # 及 inside 及时 joins nothing: a shortage that comes late stays a shortage.
    late = "1.上级补助资金到位不及时，配套资金缺口较大。\n2.资产台账登记不全。"
    assert extract_rules(with_sections(tmp_path, late, MEASURES)).problems[0].funding_only


def test_set_out_reads_a_headline_and_its_next_line_and_a_plain_need() -> None:
    lexicon = load_lexicon()
    assert is_set_out("一是村级项目管护不到位\n道路边沟和路灯损坏后长期无人修复，群众反映强烈。", lexicon)
    assert is_set_out("二是资金支付进度不均衡，衔接资金项目集中在下半年开工，年底需要集中支付资金2000万元。", lexicon)


def test_a_rewrite_title_keeps_a_decimal_after_its_label() -> None:
    assert (
        _title("预算执行偏差：1.5个百分点，主要是采购延后。", load_lexicon())
        == "预算执行偏差：1.5个百分点，主要是采购延后"
    )
    assert (
        _title("主要存在以下问题：一是预算执行不均衡，上半年支出偏慢。", load_lexicon())
        == "预算执行不均衡，上半年支出偏慢"
    )


def test_a_form_cells_deviation_told_only_by_money_not_arriving_is_a_shortage(tmp_path: Path) -> None:
    problems = (
        "偏差原因：本项目年初申报预算50万元，实际到位资金30万元，县级配套资金20万元未到位，致使设备购置只完成"
        "计划的一半，服务学生数由计划40人减为31人；学校经费紧张，教师交通补助无法足额发放，影响服务次数。"
    )
    measures = "积极向县财政申请追加项目资金，争取县级配套资金足额到位，多渠道筹措资金。"
    report = with_sections(tmp_path, problems, measures)
    assert [p.funding_only for p in extract_rules(report).problems] == [True]
    items = scored_items(report)
    assert items["problems"].points == 0 and items["suggestions"].points == 0
