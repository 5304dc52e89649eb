"""Session 23's reading, settled on dev evidence (convention measures_referenced): a measures part that does not point
back and gives steps of its own is scored on those steps, whatever it is about; the fixes written under the problems
are not counted beside it. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import with_sections

from reviewer.rubric import load_lexicon, load_rubric
from reviewer.scoring.rules import extract_rules, is_stance, states_a_problem

PROBLEMS_WITH_FIXES = "\n".join(
    [
        "1.环卫作业考核指标只有作业面积，没有质量指标，下一步将增设按月抽查的质量指标。",
        "2.道路维修项目执行率为68.5%，雨季施工受阻，今后将提前编制施工计划、避开汛期。",
        "3.数字城管平台运维合同续签晚了一个月，需提前三个月启动采购。",
    ]
)
OTHER_WORK = "\n".join(
    [
        "（一）规范执法行为，全面使用执法记录仪。",
        "（二）深化垃圾分类宣传，提高居民参与率。",
        "（三）加强园林绿化养护，提升绿化品质。",
    ]
)


def test_a_measures_part_about_other_work_is_scored_on_its_own_steps(tmp_path: Path) -> None:
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, OTHER_WORK))
    assert not facts.measures_in_problems
    assert [m.text[:4] for m in facts.measures] == ["（一）规", "（二）深", "（三）加"]
    # The fixes under the problems are not measures here: none of them is among the facts.
    assert not any(word in m.text for m in facts.measures for word in ("质量指标", "施工计划", "启动采购"))


def test_the_convention_says_why_those_fixes_are_not_counted() -> None:
    item = load_rubric().item("suggestions")
    assert item is not None
    reading = next(c.reading for c in item.conventions if c.id == "measures_referenced")
    assert "问题部分各条之后写的整改做法不另计入" in reading
    assert "51 份" in reading


# Four fresh dev sets (of–oi) at first contact: the readings below each come from one of their sections.


def test_words_that_hold_a_marker_but_name_a_place_or_a_store_are_no_discrepancy() -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("全年出入境旅客8.6万人次，同比增长14%。", lexicon)
    assert not states_a_problem("疫苗出入库实行扫码登记。", lexicon)
    assert states_a_problem("疫苗出入库登记与台账有出入。", lexicon)


def test_breaches_of_discipline_that_did_not_happen_are_a_record_kept() -> None:
    lexicon = load_lexicon()
    assert not states_a_problem("全年预算执行率97.2%，资金使用规范，未发生违规违纪问题。", lexicon)
    assert states_a_problem("审计发现两笔支出存在违规问题。", lexicon)
    # Money not misused, and a misuse not put right (session 23's review).
    assert not states_a_problem("资金使用规范，未出现违规使用资金情况。", lexicon)
    assert states_a_problem("未及时纠正违规使用资金行为。", lexicon)


def test_achievements_closing_on_a_gap_and_a_pledge_to_improve_acknowledge_a_gap(tmp_path: Path) -> None:
    problems = (
        "2023年，我中心推行登记业务网上办理，办理时限压缩至4个工作日，全年办理各类业务3.2万件。"
        "部门预算执行率97.9%，“三公”经费较上年下降4.1%。"
        "总体来看，各项工作运行平稳，但与群众期盼相比仍有一定差距，需要在今后工作中持续改进。"
    )
    facts = extract_rules(with_sections(tmp_path, problems, "下一步，我中心将继续优化服务，提升群众满意度。"))
    assert facts.problems == []
    assert facts.acknowledged_gaps and "仍有一定差距" in facts.acknowledged_gaps[0]


FORM_PROBLEMS = "\n".join(
    [
        "一、偏差原因",
        "1.资金执行：下达救助资金180万元，年末拨付140万元，执行率77.8%，未拨付的40万元因材料不全退回补正。",
        "二、存在的问题",
        "（1）对象排查不够主动，部分乡镇只等群众申请；（2）审核环节多，平均办理用时31天；（3）档案管理不规范，抽查40份缺件5份。",
    ]
)
FORM_MEASURES = (
    "（1）与卫健部门按季度共享筛查名单，逐户回访；（2）推行三部门并联审核，同步开通线上申报；"
    "（3）制定档案要件清单，年内专项整改。"
)


def test_measures_numbered_as_the_problems_below_a_deviation_answer_their_own_number(tmp_path: Path) -> None:
    facts = extract_rules(with_sections(tmp_path, FORM_PROBLEMS, FORM_MEASURES))
    numbered = {p.quote[:3]: n for n, p in enumerate(facts.problems) if p.quote.startswith("（")}
    assert len(numbered) == 3
    second = next(m for m in facts.measures if "并联审核" in m.text)
    assert numbered["（2）"] in second.answers


def test_two_numbered_measures_under_five_numbered_problems_are_not_paired_by_number(tmp_path: Path) -> None:
    problems = "\n".join(
        [
            "1、年初预算未细化到项目，有32万元列为待分配，原因是项目未定。",
            "2、项目验收积压，年底仍有9个未验收，主要是专家不足。",
            "3、奖补资金发放晚于规定时间1个月，由于申报材料反复退回。",
            "4、公务卡使用率不高，现金支付仍占15%，原因是报销习惯未改。",
            "5、小额采购未比价，由于内部制度未覆盖。",
        ]
    )
    facts = extract_rules(
        with_sections(tmp_path, problems, "1、加强预算和资金管理，提高资金使用效益。\n2、加强队伍建设，提升能力。")
    )
    second = next(m for m in facts.measures if "队伍建设" in m.text)
    assert 1 not in second.answers


PROBLEMS_WITH_DONE_FIXES = "\n".join(
    [
        "（一）项目支出进度偏慢。见证系统建设合同金额120万元，年底支付70万元。对此，我中心已成立推进专班，每周调度进度。",
        "（二）绩效目标设置不够精准。不见面开标率目标100%，实际91%。对此，我中心将参考上年实际合理确定目标值。",
        "（三）资产登记不够及时。新增设备15台未及时入账。",
    ]
)


def test_naming_the_problems_above_with_stances_of_carrying_out_points_at_their_fixes(tmp_path: Path) -> None:
    measures = (
        "针对上述问题，我中心将坚持问题导向，举一反三，持续抓好整改落实，建立问题整改台账，"
        "明确责任人和完成时限，不断提升管理水平。"
    )
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_DONE_FIXES, measures))
    assert facts.measures_in_problems
    # The fixes after 「对此，」, done or to do, and nothing of the pointer's own.
    assert [m.text[:6] for m in facts.measures] == ["我中心已成立", "我中心将参考"]


# Session 23's review: where the new readings over-reached.


def test_a_pledge_that_names_a_matter_is_no_frame_of_the_gap() -> None:
    lexicon = load_lexicon()
    assert is_stance("与群众期盼相比仍有一定差距，需要在今后工作中持续改进。", lexicon)
    assert not is_stance("管理水平有待提高，政府采购流程需持续改进。", lexicon)
    assert not is_stance("工作人员业务能力不足，今后工作中要开展专项培训。", lexicon)


def test_what_the_unit_did_about_the_cause_or_owns_to_is_no_fix_written_under_it(tmp_path: Path) -> None:
    problems = "\n".join(
        [
            "（一）项目支出进度偏慢。合同金额150万元，年底支付80万元，原因是上级资金下达较晚，对此，我局已多次向财政局申请，"
            "但资金直到12月才到位。",
            "（二）绩效目标设置不够精准。目标值100%，实际91%。下一步将参考上年实际合理确定目标值。",
            "（三）固定资产登记不及时。新增设备12台未及时入账，对此，我局要负主要管理责任。",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, "针对上述问题，逐项建立整改台账，整改一项、销号一项。"))
    assert not facts.measures_in_problems
    assert not any("多次向财政局申请" in m.text or "管理责任" in m.text for m in facts.measures)


def test_slogans_alone_after_naming_the_problems_above_point_at_nothing(tmp_path: Path) -> None:
    measures = "针对上述问题，我中心将进一步强化预算绩效管理，不断提升资金使用效益。"
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_DONE_FIXES, measures))
    assert not facts.measures_in_problems


def test_a_measure_numbered_as_a_problem_of_another_matter_does_not_answer_it(tmp_path: Path) -> None:
    problems = "\n".join(
        [
            "1.资金执行：下达资金90万元，拨付61万元，执行率67.8%，其余因手续未全退回。",
            "（1）对象排查不够主动；（2）政府采购程序不规范，2个项目未按规定比价；（3）档案管理不规范，抽查30份缺件4份。",
        ]
    )
    measures = "（1）按季度排查对象，逐户回访；（2）规范合同管理，建立合同台账；（3）制定档案要件清单，专项整改。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    by_number = {m.text[:3]: m.answers for m in facts.measures}
    procurement = next(n for n, p in enumerate(facts.problems) if "比价" in p.text)
    archives = next(n for n, p in enumerate(facts.problems) if "档案" in p.text)
    assert procurement not in by_number["（2）"]
    assert archives in by_number["（3）"]
