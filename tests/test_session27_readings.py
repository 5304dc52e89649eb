"""Session 27's readings, each from a fresh dev set's section (pp–pu). Fixtures are our own wordings, in no eval
case."""

from __future__ import annotations

from pathlib import Path

from narratives import packaged_points, with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import extract_rules, semicolon_items, split_off_measures, states_a_problem


def test_a_bracketed_note_in_a_form_field_is_part_of_the_field(tmp_path: Path) -> None:
    # Dev ps18, pp06, pp18: the note's tail after its first comma (「实际到位配套资金15万元）」) was read as a problem.
    problems = "\n".join(
        [
            "资金名称：2023年公共文化服务补助资金（上级下达50万元，要求配套20万元，实际到位8万元）",
            "1.部分场馆延时开放未按计划落实，原因是值班人员不足。",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, "1.调剂值班人员，落实延时开放。"))
    assert [p.text for p in facts.problems] == ["1.部分场馆延时开放未按计划落实，原因是值班人员不足。"]
    # What follows the field on its line, after a space, is still read.
    kept = "项目名称：文化惠民工程（预算30万元，执行27万元）　存在问题：演出场次未达年度目标，主要是场地检修。"
    assert len(extract_rules(with_sections(tmp_path, kept, "提前安排场地检修。")).problems) == 1
    # Session 27's review: a note that states a problem, or one left open, is cut as before, at its first comma.
    stated = "项目名称：村道硬化工程（进度滞后，年底仅完成投资的55%，主要是征地协调不力）"
    assert [p.text for p in extract_rules(with_sections(tmp_path, stated, "加快征地协调。")).problems] == [
        "年底仅完成投资的55%，主要是征地协调不力）"
    ]


def test_a_later_time_then_the_unit_naming_itself_opens_a_measure(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    # Dev pt19 (readers 9/8, scored 5): 「今后我院将……」 was no opener (only 我镇, 我局, 我单位, 我们 were listed).
    units = [
        "一是预算编制不够细化，年中追加较多。今后我馆将按项目逐项测算支出。",
        "二是绩效指标多为定性表述，下一步要请专家指导设置量化指标。",
        "三是资产盘点不及时，今后我馆将每半年盘点一次。",
    ]
    problems, measures, _ = split_off_measures(units, lexicon)
    assert measures[:2] == ["今后我馆将按项目逐项测算支出。", "下一步要请专家指导设置量化指标。"]
    assert problems[0] == "一是预算编制不够细化，年中追加较多。"
    # After a comma too, as 「今后将」 and 「下一步」 open one there.
    assert problems[2] == "三是资产盘点不及时"
    # 将 telling what the unit did with money is 把, whatever the lead.
    assert split_off_measures(["经费使用不规范。今后我局将部分专项资金用于日常办公。"], lexicon)[1] == []
    # Session 27's review: a government above the unit, or what will happen to the unit, is no step of its own.
    for said in (
        "项目储备不足。今后我县将全面推行项目库管理，但我局项目前期论证薄弱。",
        "债务负担较重。今后我院将面临较大的还本付息压力。",
        "执法任务加重。今后我局将要承担更多执法检查任务。",
    ):
        assert split_off_measures([said], lexicon)[1] == [], said
    facts = extract_rules(with_sections(tmp_path, "\n".join(units), "我馆将认真落实上述整改要求，扎实推进各项工作。"))
    assert facts.measures_in_problems
    assert any(m.text.startswith("今后我馆将按项目") for m in facts.measures)


def test_pay_too_low_and_staff_leaving_for_want_of_money_are_the_shortage(tmp_path: Path) -> None:
    # Dev pt04 (both readers 0: every problem put down to money): the third problem's low pay and the performers who
    # left after 「由于财力有限」 were read as the unit's own.
    problems = "\n".join(
        [
            "（一）业务经费紧张。财政拨款仅够保障基本工资，下乡演出经费主要依靠自筹。",
            "（二）专业人员待遇偏低。由于县级财力有限，演职人员岗位补贴多年未调整，近两年有4名业务骨干离职。",
        ]
    )
    measures = "一是申请追加业务经费。二是多渠道筹措资金，提高岗位补贴。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert [p.funding_only for p in facts.problems] == [True, True]
    assert packaged_points(tmp_path, problems, measures, "problems") == 0
    # A team heading a problem that names no want of money stays the unit's own (dev id17).
    team = "防疫员队伍不稳定。村级防疫员补助标准偏低，人员流动性大，春季免疫进度受到影响。"
    assert [p.funding_only for p in extract_rules(with_sections(tmp_path, team, "加强队伍建设。")).problems] == [False]


def test_an_indicators_name_after_its_row_label_is_no_matter_of_its_own(tmp_path: Path) -> None:
    # Dev pp18 (readers 2/3): 「偏差指标：专业扑火队伍培训演练次数。」 kept a deviation put down to money the
    # unit's own.
    problems = "偏差指标：护林员培训次数。目标值6次，实际完成4次。偏差原因：工作经费紧张，下半年两期培训未能举办。"
    facts = extract_rules(with_sections(tmp_path, problems, "申请追加培训经费。"))
    assert [p.funding_only for p in facts.problems] == [True]
    # A cause of the unit's own after the same row keeps it a problem.
    own = "偏差指标：护林员培训次数。目标值6次，实际完成4次。偏差原因：培训计划制定较晚，下半年两期培训未能举办。"
    assert [p.funding_only for p in extract_rules(with_sections(tmp_path, own, "提前制定培训计划。")).problems] == [
        False
    ]
    # Session 27's review: a name that itself states a shortcoming is the unit's own problem, whatever the cause.
    stated = "偏差指标：政府采购执行不规范。偏差原因：经费紧张。"
    assert [p.funding_only for p in extract_rules(with_sections(tmp_path, stated, "规范采购。")).problems] == [False]


def test_problems_said_to_lie_in_aspects_after_a_colon_are_listed(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    # Dev pt20 (both readers 15 for four problems in one paragraph): the lead named 「方面」, not 「问题」, last.
    unit = (
        "自评发现的问题主要集中在以下几个方面：下乡演出场次未完成年度计划，原因是两名主演受伤；"
        "采购的舞台灯具晚于合同约定一个月到货；满意度仍靠口头询问，没有书面记录。"
    )
    assert len(semicolon_items(unit, lexicon)) == 3
    # Work done in aspects is no list of problems.
    done = "主要从以下几个方面开展工作：完成下乡演出120场；新排剧目2部；培训演员45人次。"
    assert semicolon_items(done, lexicon) == [done]
    # Session 27's review: work done on last year's problems, in aspects, is no list of problems either.
    fixed = (
        "针对上年评价发现的问题，我局主要从以下几个方面进行了整改：修订预算管理办法；建立资产台账；完善采购内控流程。"
    )
    assert semicolon_items(fixed, lexicon) == [fixed]


def test_funds_of_two_kinds_kept_together_is_a_problem(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    # Dev qa08 (second round; both readers count four problems): the mixed accounts were dropped as filler.
    assert states_a_problem("活动中心电费、网费在村办公经费中列支，与项目资金混合记账", lexicon)
    assert states_a_problem("专项经费与日常公用经费混用", lexicon)
    assert not states_a_problem("全年开展线上线下混合式培训6期", lexicon)
    listed = (
        "存在的问题：绩效指标值设置偏低；活动中心电费、网费在村办公经费中列支，与项目资金混合记账；"
        "新购设备未及时登记入账。"
    )
    assert len(extract_rules(with_sections(tmp_path, listed, "分设账户核算。")).problems) == 3
