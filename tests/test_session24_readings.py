"""Session 24's readings, each from a fresh dev set's section (ol–oo) or the miss session 23's review left. Fixtures
are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _money_call, extract_rules, states_a_problem


def test_a_line_held_against_what_did_not_happen_is_a_record_kept() -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("全县脱贫人口收入增长9.8%，守住了不发生规模性返贫的底线。", lexicon)
    assert not states_a_problem("全年不发生较大安全事故，考点运行平稳。", lexicon)
    # What the unit failed to prevent stays a shortcoming.
    assert states_a_problem("个别村发生返贫，监测帮扶不及时。", lexicon)


def test_an_opener_standing_alone_leaves_a_money_clause_after_it_money(tmp_path: Path) -> None:
    problems = (
        "偏差原因：项目计划投资300万元，其中县级配套120万元。受县级财力紧张影响，县级配套资金到位50万元，"
        "到位率41.7%，应急物资储备库改造未能实施，物资储备完成率为58%。另外，省级资金下达较晚，部分物资11月才采购。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "积极争取县级配套资金列入预算。"))
    assert [p.funding_only for p in facts.problems] == [True]


def test_what_money_buys_kept_in_store_is_no_cause_of_the_units_own() -> None:
    lexicon = load_lexicon()
    # What the shortfall did to the stores (session 24's review).
    stores = "受县级财力紧张影响，县级配套资金到位50万元，粮食储备任务未完成，储备不充分。"
    assert _money_call(stores, "shortage", lexicon).only
    # An opener standing alone leaves the matter to the clause after it, money arriving late (dev ol17): the money
    # reading itself, not the money model, reads it as money only.
    late = (
        "受县级财力紧张影响，县级配套资金到位50万元，物资储备库改造未能实施。"
        "另外，省级资金下达较晚，部分物资11月才采购。"
    )
    call = _money_call(late, "shortage", lexicon)
    assert call.only and not call.cues


def test_another_cause_opened_after_the_money_still_counts(tmp_path: Path) -> None:
    problems = (
        "偏差原因：受县级财力紧张影响，县级配套资金到位50万元，储备库改造未能实施。另外，项目储备不足，前期论证不充分。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "加强项目前期论证。"))
    assert not any(p.funding_only for p in facts.problems)


FIXES_UNDER_PROBLEMS = "\n".join(
    [
        "1.预算调整频繁，全年调整9次，主要是年初任务测算不细。下一步将在编制阶段逐项核对各股室任务清单。",
        "2.补助资金支付集中在四季度，主要是验收安排偏晚。今后要按季度组织验收，验收后十日内拨付。",
        "3.绩效自评流于汇总数据，对效益指标分析不足。今后将请业务骨干共同参与自评，逐项分析效益指标。",
    ]
)


def test_a_pointer_led_by_what_it_answers_points_at_the_fixes_under_the_problems(tmp_path: Path) -> None:
    measures = "我站将对照本次自评发现的问题，按照上述整改方向逐项抓好落实，确保问题整改到位。"
    facts = extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, measures))
    assert facts.measures_in_problems
    assert len(facts.measures) == 3


def test_a_purpose_closing_the_carrying_out_is_no_step_of_its_own(tmp_path: Path) -> None:
    measures = "针对上述问题，我站将认真抓好整改落实，按照问题清单逐项整改，确保财政资金发挥应有效益。"
    facts = extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, measures))
    assert facts.measures_in_problems
    # A purpose that sets a step of its own is one: the part is scored on it.
    own = "针对上述问题，我站将认真抓好整改落实，确保年底前由财务股牵头修订绩效指标库。"
    assert not extract_rules(with_sections(tmp_path, FIXES_UNDER_PROBLEMS, own)).measures_in_problems


def test_one_sentence_of_achievements_before_a_bare_gap_acknowledges_it(tmp_path: Path) -> None:
    problems = "本年度我所各项工作有序推进，年度目标基本完成。但与上级要求相比，工作中仍有一定差距。"
    facts = extract_rules(with_sections(tmp_path, problems, "下一步，我所将继续加强管理。"))
    assert facts.problems == []
    assert facts.acknowledged_gaps and "仍有一定差距" in facts.acknowledged_gaps[0]
    # Within one sentence too.
    single = "我所全年预算执行率达97.5%，各项工作顺利推进，但与上级要求相比仍有一定差距。"
    assert extract_rules(with_sections(tmp_path, single, "继续加强管理。")).problems == []


def test_a_turn_that_names_what_falls_short_stays_a_problem(tmp_path: Path) -> None:
    # An attitude or a field named after the turn is a thin problem, not a gap acknowledged (dev lg06: readers 10/8).
    problems = "我所本年度经费基本按预算使用，但仍存在绩效管理意识不够强、财务管理有待规范等问题。"
    facts = extract_rules(with_sections(tmp_path, problems, "下一步，我所将继续加强管理。"))
    assert len(facts.problems) == 1
    assert facts.acknowledged_gaps == []
    # So does a gap that says where it lies (convention gap_acknowledged: 「结尾点出具体方面的……是问题」).
    named = "我所各项工作有序推进，年度目标基本完成。但在制度建设方面仍有一定差距。"
    assert len(extract_rules(with_sections(tmp_path, named, "继续加强管理。")).problems) == 1


def test_a_gap_with_a_subject_of_its_own_stays_a_problem(tmp_path: Path) -> None:
    # Session 24's review: what the gap is in, named before the comparison, is where it lies.
    for problems in (
        "全年完成农村公路养护里程1260公里。但养护质量与群众期盼相比仍有差距。",
        "我县各项目已按期开工，但与兄弟县区相比，我县项目建设进度仍有一定差距。",
    ):
        facts = extract_rules(with_sections(tmp_path, problems, "继续加强管理。"))
        assert len(facts.problems) == 1, problems
    # An ASCII comma before the turn is a turn too.
    bare = "本年度我所各项工作有序推进,但与上级要求相比仍有一定差距。"
    assert extract_rules(with_sections(tmp_path, bare, "继续加强管理。")).problems == []


def test_a_pointer_to_fixes_that_are_not_there_stays_the_parts_own_pledge(tmp_path: Path) -> None:
    # Session 24's review: with no fix under the problems, 「按照上述整改方向……」 points at nothing.
    problems = "1.预算调整频繁，全年调整9次。\n2.补助资金支付集中在四季度。\n3.资产登记不及时，新增设备15台未入账。"
    measures = "我局将对照本次自评发现的问题，按照上述整改方向逐项抓好落实，确保问题整改到位。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert not facts.measures_in_problems
    assert len(facts.measures) == 1
