"""Readings that session 14's first-contact dev sets (ku–kx) found missing: a form's prompt under a long cell label
(jo13), a form's own name over its cells (ku03), a union's programme named 困难职工 in a page of achievements (kw19),
a form's row whose deviation cell says 「无」 or gives no cause (ku14), a shortage measured against the work it should
pay for (kw18), and a rate of paying out subsidies raised (ku14). Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import scored_items, with_sections

from reviewer.scoring.rules import (
    _funding_only,
    _obtains_money,
    _states_own_problem,
    extract_rules,
    load_lexicon,
    states_a_problem,
)

LEXICON = load_lexicon()
MEASURES = "一是年底前修订专项资金管理办法。二是每季度开展一次绩效运行监控。"


def test_a_prompt_under_a_long_cell_label_is_no_problem(tmp_path: Path) -> None:
    problems = (
        "目标未完成及偏差较大原因分析：（对未完成的绩效指标逐项说明原因，可从资金、管理、外部环境等方面分析）\n"
        "无。项目各项指标均已完成。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert facts.problems == [] and len(facts.ignored_prompts) == 1
    # A prompt opening with 「简要说明」 right after the section's label is one too; the author's text after it stays.
    problems = "存在的问题及原因分析：（简要说明项目实施中的主要问题及原因）乡镇报账资料退回补正3次，拨付延后20天。"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 1 and "（简要说明" not in facts.problems[0].quote
    # A headline with a colon, the author's own bracket after it, stays a problem (session 14's review).
    problems = "二级单位绩效自评质量有待提高：（个别单位未结合实际分析偏差原因，简要说明了事）"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1


def test_a_forms_own_name_over_its_rows_is_no_problem(tmp_path: Path) -> None:
    problems = (
        "农村饮水安全工程维修养护资金绩效自评表（偏差原因栏）\n"
        "工程维修完成率｜年度指标值100%｜实际完成88%｜偏差原因：3处工程因汛期停工，延至次年施工。\n"
        "水质检测合格率｜年度指标值≥95%｜实际完成91%｜偏差原因：2个水厂消毒设备老化，检测人员仅1人。"
    )
    measures = "工程维修完成率：汛期前完成招标，次年4月底前完工。\n水质检测合格率：年内更换消毒设备，增配检测人员1名。"
    report = with_sections(tmp_path, problems, measures)
    facts = extract_rules(report)
    assert len(facts.problems) == 2 and not any("自评表" in p.quote for p in facts.problems)
    # The measures answer both rows: nothing is owed to the form's name.
    assert "对应问题 2/2 个" in scored_items(report)["suggestions"].justification
    # A line that names a form as what was not done is a problem (session 14's review).
    problems = "（一）部分乡镇未按时报送绩效自评表。\n（二）个别单位未填报项目绩效评价表。"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 2


def test_needy_workers_name_people_helped_not_a_difficulty() -> None:
    assert not states_a_problem("全年帮扶困难职工860人次，开展金秋助学活动。", LEXICON)
    assert states_a_problem("帮扶资金发放困难，部分困难职工未及时领取。", LEXICON)
    # Other needy people named as the subject of a shortcoming keep 困难 as its only marker (session 14's review).
    assert states_a_problem("困难学生资助对象识别精准度低。", LEXICON)


def test_a_forms_row_is_judged_by_its_deviation_cell_and_its_figures() -> None:
    # The indicator met and the cell says 「无」: no problem, whatever the cell's label says.
    assert not _states_own_problem("满意度指标—群众满意度｜指标值≥90%｜实际完成93%｜偏差原因分析：无。", LEXICON)
    # Figures short of the target, or a cell that states a shortfall, are one.
    assert _states_own_problem("数量指标—培训人次｜指标值≥500人次｜实际完成430人次｜偏差原因分析：无。", LEXICON)
    assert _states_own_problem("时效指标—完工及时率｜指标值100%｜实际完成100%｜偏差原因：2处验收推迟。", LEXICON)
    # Session 14's review: any cause a deviation cell gives, a cap overrun, or another cell's shortcoming.
    for row in (
        "质量指标—验收合格率｜年度指标值：100%｜全年实际完成值：100%｜偏差原因分析：受雨季影响。",
        "成本指标—亩均成本｜指标值≤1500元｜实际完成1680元｜偏差原因分析：无。",
        "数量指标—改造户数｜指标值120户｜实际完成120户｜偏差原因分析：无｜备注：3户验收资料不全，资金未拨付。",
    ):
        assert _states_own_problem(row, LEXICON), row


def test_a_deviation_label_alone_gives_no_cause(tmp_path: Path) -> None:
    problems = "数量指标—培训人次｜指标值≥500人次｜实际完成430人次｜偏差原因分析：未达到。"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert len(facts.problems) == 1 and facts.problems[0].cause is None
    for told in ("因疫情停课两个月，培训推迟。", "4个乡镇场地调整，延至次年。"):
        problems = f"数量指标—培训人次｜指标值≥500人次｜实际完成430人次｜偏差原因分析：{told}"
        facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
        assert facts.problems[0].cause is not None, told


def test_a_shortage_measured_against_its_work_is_the_shortage() -> None:
    assert _funding_only("本级安排的文化活动经费偏少，与承担的群众文化工作任务不相适应。", LEXICON)
    # Money that comes out of step with the work, within one clause, is its arrival: a problem of execution.
    assert not _funding_only("项目资金到位与施工进度不同步，工程款支付滞后两个月。", LEXICON)


def test_raising_the_rate_money_is_paid_out_asks_for_no_money() -> None:
    assert not _obtains_money("提高补贴资金兑付率", LEXICON)
    assert not _obtains_money("提高补助资金发放及时率", LEXICON)
    assert _obtains_money("争取提高补贴资金标准", LEXICON)
    assert _obtains_money("加大补助资金投入", LEXICON)
    assert not _obtains_money("加大补助资金整合力度", LEXICON)


def test_running_costs_overrun_for_want_of_money_are_the_shortage() -> None:
    # dev kk16's reading, in other words: the overrun right after the money short for it is what the shortage does.
    assert _funding_only("办公经费严重不足，难以满足下乡督查需要，公务车辆运行和维修费用常年超支。", LEXICON)
    # A project's spending over its budget, a 三公 overrun, or an overrun with no shortage before it stay its own.
    for own in (
        "办公经费严重不足，部分项目实际支出超出预算，预算约束不强。",
        "办公经费严重不足，三公经费超支。",
        "公务车辆运行和维修费用常年超支。",
    ):
        assert not _funding_only(own, LEXICON), own
    # Money far beyond the budget, or none budgeted, is the shortage (session 14's review).
    assert _funding_only("工程实际需要资金远超预算，资金缺口300万元。", LEXICON)
    assert _funding_only("县级配套资金无预算安排，项目推进缓慢。", LEXICON)


def test_a_bracket_asking_the_author_anywhere_in_a_cell_is_a_prompt(tmp_path: Path) -> None:
    problems = "偏差原因分析：各项指标均已完成，无偏差。（如有未完成指标，请从资金、管理等方面逐项说明原因）"
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert facts.problems == [] and any("请从资金" in p for p in facts.ignored_prompts)
    # The author's own bracket with figures stays the author's.
    problems = "培训人次未达目标（请假及调岗人员共37人，未能参训）。"
    assert len(extract_rules(with_sections(tmp_path, problems, MEASURES)).problems) == 1


def test_problems_found_earlier_and_closed_are_work_done() -> None:
    assert not states_a_problem("全年督查发现问题整改销号52个。", LEXICON)
    assert not states_a_problem("巡察反馈问题已全部整改到位。", LEXICON)
    assert states_a_problem("巡察反馈问题整改不到位。", LEXICON)


def test_a_spending_gap_of_a_sum_is_the_shortage() -> None:
    # Round two's first contact (ld15): running costs the budget leaves uncovered, told as a gap of a sum.
    assert _funding_only("公用经费严重不足，冬季取暖、车辆运行等支出缺口约38万元。", LEXICON)
    assert not _funding_only("部分项目支出进度缓慢，年末结余资金12万元。", LEXICON)


def test_records_kept_and_assets_entered_beside_a_request_are_steps_of_the_units_own(tmp_path: Path) -> None:
    # Round two's first contact (lf16): one form cell asks for money and then lists steps of the unit's own.
    problems = "县级配套资金未足额到位。部分新建管护房未及时登记入账，验收资料不全。"
    measures = "积极争取上级资金支持；验收时逐项留存影像资料；及时将新建管护房登记入账。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert facts.measures and not all(m.money_only for m in facts.measures)
