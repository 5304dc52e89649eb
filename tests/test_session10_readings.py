"""Readings that session 10's dev cases showed missing, once the measured held-out sets ix–jd joined dev: money the
budget never takes in, a workload that does not fall beside a shrinking grant, kinds of misuse listed without 等, a
measure that asks for money and adds a line of economies, and measures led by publicity or party work beside problems
they share words with. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import assert_no_problem_stated, scored_items, with_sections

from reviewer.scoring.rules import (
    _funding_only,
    _off_topic,
    _own_matter,
    load_lexicon,
    requests_with_economies,
    says_no_problem,
)

LEXICON = load_lexicon()


def test_money_the_local_budget_never_takes_in_is_a_shortage() -> None:
    # 纳入 as 列入 (dev jh04, every reader 0): the county not funding the work, not the department's budgeting.
    assert _funding_only(
        "一是保障经费长期偏紧。区级财力有限，防汛物资储备经费一直未纳入区级预算，物资补充主要依靠上级补助。", LEXICON
    )
    # Income, balances or accounts kept outside the department's own budget are its own failings (lexicon money.unfunded
    # names a level of government's budget and the money for the work).
    for own in (
        "二是部分项目支出未纳入预算管理，存在先支出后补办手续的情况。",
        "一是部分房屋租金收入未纳入预算。",
        "一是上年结转资金未纳入年初预算统筹安排。",
        "二是部分专项资金未纳入单位财务统一核算，存在账外资金。",
    ):
        assert not _funding_only(own, LEXICON), own


def test_a_workload_that_does_not_fall_beside_a_shrinking_grant_is_context() -> None:
    # 「不减反增」 says the work grew, no shortcoming of the department's (dev iy05: readers 4–6 for the section).
    assert _funding_only("二是上级补助逐年减少，今年农机推广资金较上年减少12%，但推广任务不减反增。", LEXICON)
    # A shrinking grant beside a target the department missed is a real problem.
    assert not _funding_only("二是上级补助逐年减少，项目完成率不高，年度绩效目标未实现。", LEXICON)


def test_kinds_of_misuse_joined_without_deng_after_a_negation_state_none(tmp_path: Path) -> None:
    assert says_no_problem("全年未发生超预算、无预算支出的情况", LEXICON)
    assert says_no_problem("全年没有超预算和无预算支出的情况", LEXICON)
    assert says_no_problem("全年未发生超标准、超范围支出的情况", LEXICON)
    # Without the negation the same list is a problem; so is a shortfall joined the same way.
    assert not says_no_problem("个别科室存在超预算、无预算支出的情况", LEXICON)
    assert not says_no_problem("部分项目没有按期完工、验收滞后的情况", LEXICON)
    # A paragraph of achievements that closes on it states no problem (dev iu15: readers 0–4, scored 13 before).
    achievements = (
        "2024年，我局预算执行率达97.5%，“三公”经费较上年下降4.8%，全年未发生超预算、无预算支出的情况。"
        "城区路灯改造完成860盏，群众满意度达到94%。总体看，我局整体支出管理规范，暂未发现明显问题。"
    )
    report = with_sections(tmp_path, achievements, "1.按季度调度项目进度。\n2.年内完成一次资产盘点。")
    assert_no_problem_stated(report)


def test_a_measure_asking_for_money_first_with_a_line_of_economies_after_it() -> None:
    mixed = "积极向市县争取转移支付和项目资金，多方筹措资金，保障机关运转；同时厉行节约，压减一般性支出。"
    assert requests_with_economies(mixed, LEXICON) == (2, 1)
    # However the economy is punctuated: 「，同时……」 begins a sentence of its own.
    assert requests_with_economies(mixed.replace("；同时", "，同时"), LEXICON) == (2, 1)
    # An economy with a figure is a step of its own; a step of other work after the request is no economy.
    assert requests_with_economies("积极争取上级补助资金；同时压减会议费，较上年再压减10%。", LEXICON) is None
    assert requests_with_economies("积极争取上级补助资金；同时建立项目储备库，每季度更新一次。", LEXICON) is None
    # Economies first, a request after: the measure does not ask first.
    assert requests_with_economies("严格压减一般性支出；积极争取上级补助资金。", LEXICON) is None


def test_shortages_answered_by_one_such_measure_score_nothing(tmp_path: Path) -> None:
    # Convention money_led counts the measure on both sides (dev jb16: readers 0/0/2/3, scored 10 before).
    problems = "一是镇级财力薄弱，保运转压力大。\n二是上级专项补助减少，村道养护配套资金难以落实。"
    mixed = "积极向市县争取转移支付和项目资金，多方筹措资金，保障机关运转；同时厉行节约，压减一般性支出。"
    scored = scored_items(with_sections(tmp_path, problems, mixed))["suggestions"]
    assert scored.points == 0, scored.justification
    assert "1 条先要钱、后附一两句厉行节约" in scored.justification
    assert "「要钱为主的措施视同只要钱」" in scored.justification
    # The same request beside a concrete step of its own is not money at heart.
    worked = "积极争取转移支付资金；同时建立村道养护台账，年底前完成18公里路面修补。"
    other = scored_items(with_sections(tmp_path, problems, worked, name="worked.txt"))["suggestions"]
    assert "要钱为主" not in other.justification and other.points > 0, other.justification


def test_a_measure_led_by_publicity_or_party_work_no_problem_names_is_off_topic() -> None:
    problems = ("部分路段征地协调难度大，完工时间较计划推迟。", "农村公路养护资金拨付滞后。")
    # Sharing words with a problem (农村公路) does not make publicity of achievements an answer (dev jd20).
    assert _off_topic("二是加强宣传引导，通过公众号宣传农村公路建设成效，营造良好氛围。", [0], LEXICON, problems)
    assert _off_topic("三是加强干部队伍作风建设，提升服务农村公路建设水平。", [0], LEXICON, problems)
    # Publicising a policy or moving the people served answers a problem of awareness or take-up.
    assert not _off_topic("一是加大补贴政策宣传力度，让农户了解申领条件。", [0], LEXICON, problems)
    assert not _off_topic("一是加强宣传发动，提高老年人参加体检的积极性。", [0], LEXICON, problems)
    # A concrete step is a reply whatever leads it (a deadline, an owner, a figure).
    assert not _off_topic("坚持党建引领，压实项目责任，年底前完成5个村道路硬化项目验收。", [0], LEXICON, problems)
    assert not _off_topic("转变工作作风，每月调度1次项目进度。", [0], LEXICON, problems)
    assert not _off_topic("加大宣传力度，进村入户开展参保动员。", [0], LEXICON, ("城乡居民参保率下降。",))
    # Publicity a problem itself names is on topic; a step led by the work is not led off topic.
    assert not _off_topic("一是加强宣传，扩大活动覆盖面。", [0], LEXICON, ("宣传覆盖面不广，群众知晓率低。",))
    assert not _off_topic("一是加快征地协调，同步开展政策宣传。", [0], LEXICON, problems)


def test_a_counted_step_with_its_deadline_is_the_departments_own_not_a_date_rate_or_report() -> None:
    # The money model may not overrule 「年底前完成18公里路面修补」 beside a request.
    assert _own_matter("积极争取转移支付资金；同时建立村道养护台账，年底前完成18公里路面修补。", False, LEXICON)
    # A year, a rate of money arriving, or a report about money is no count of work done.
    for asking in (
        "加强与财政局对接，2025年年内落实经费保障。",
        "积极争取上级支持，资金到位率年内达到95%以上。",
        "加强与财政部门沟通，每季度报送1次资金需求，争取足额保障。",
        "主动向财政部门汇报工作经费需求，每季度汇报1次。",
    ):
        assert not _own_matter(asking, False, LEXICON), asking
