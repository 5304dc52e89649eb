"""Readings that session 17's first-contact dev sets (mq–mt) found missing: what a shortage led to, told with 导致 right
after it (mq10), achievements before the turn of a paragraph's closing sentence (mq08), a spending share tilted one way
against rigid spending eating the means (mr11, jj04), more money for a thing out of the department's own spending
restructured (mr11) and risks and hazards as the object of the work that removes them (ms19). Fixtures are our own
wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import with_sections

from reviewer.scoring.rules import _funding_only, extract_rules, load_lexicon, states_a_problem

LEXICON = load_lexicon()
MEASURES = "一是年底前修订报账审核办法；二是每季度开展一次绩效运行监控。"


def test_what_a_shortage_led_to_is_part_of_it() -> None:
    assert _funding_only(
        "县级配套资金到位不足一半，资金缺口约300万元，导致部分村道硬化工程进度滞后，未能在年内完工。", LEXICON
    )
    # 导致 after the department's own failing gives that failing's effect: the problem stays its own.
    assert not _funding_only("资金拨付审核把关不严，导致部分资金拨付延迟，未能在年内完工。", LEXICON)


def test_achievements_before_the_turn_of_the_closing_sentence_are_no_problem(tmp_path: Path) -> None:
    achievements = (
        "2023年，我中心全年完成各类检测样品5200批次，同比增长8%；完成实验室扩建并投入使用。全年预算执行率99.1%，"
        "各项绩效指标均达到年初目标。总的看，中心财务管理规范，重点任务全部完成，但对照上级要求，工作中仍存在一定差距。"
    )
    facts = extract_rules(with_sections(tmp_path, achievements, MEASURES))
    assert facts.problems == []
    assert facts.acknowledged_gaps == ["但对照上级要求，工作中仍存在一定差距。"]


def test_a_spending_share_tilted_one_way_is_a_problem_and_rigid_spending_a_squeeze() -> None:
    assert states_a_problem("会议费和差旅费支出占比较高。", LEXICON)
    assert _funding_only("乡镇可用财力有限，工资和村级运转经费等刚性支出占比高，民生项目资金紧张。", LEXICON)


def test_more_money_out_of_spending_restructured_is_a_step_of_its_own(tmp_path: Path) -> None:
    problems = "一是支出结构不合理，会议和接待类支出占比过高，执法装备投入偏少。二是固定资产账实不符。"
    restructured = "一是优化支出结构，压缩会议接待开支，逐步增加执法装备投入；二是年底前完成资产清查。"
    facts = extract_rules(with_sections(tmp_path, problems, restructured))
    assert [(m.money_only, m.answers) for m in facts.measures] == [(False, [0]), (False, [1])]
    # Asking above for the same money stays a request for money.
    asked = "一是积极争取上级加大执法装备经费投入；二是年底前完成资产清查。"
    assert extract_rules(with_sections(tmp_path, problems, asked)).measures[0].money_only


def test_risks_and_hazards_removed_are_work_done() -> None:
    assert not states_a_problem("全年排查整改安全隐患420处，地质灾害风险消除率96%。", LEXICON)
    assert states_a_problem("部分隐患整改不及时。", LEXICON)
    assert states_a_problem("风险防控能力不足。", LEXICON)
