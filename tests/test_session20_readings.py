"""The reading session 20 added to convention funding_beside_real (lexicon money.caused): a problem that puts what went
wrong down to money and tells nothing else but what the money did is a funding shortage, whatever consequences it
lists, unless a clause names something of the department's own. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from narratives import scored_items, with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import (
    _caused_by_money_only,
    _funding_composed,
    _funding_only,
    _late_from_payer,
    extract_rules,
)

MEASURES = "1.按季度调度项目进度，对滞后项目约谈实施单位。\n2.年内完成一次资产盘点，6月底前核销报废设备。"


@pytest.mark.parametrize(
    "problem",
    [
        # A gap given as the cause, then consequences no word set lists (a count of works half done, a season missed).
        "由于县级配套缺口86万元，文化广场二期照明工程未能实施，5处健身点中2处只完成基础浇筑，未能在暑期开放。",
        # Money arriving late, given as the cause, with no source named in the clause.
        "项目支付进度：因资金到位晚，3个村级道路硬化项目的进度款未能支付，年底支付进度仅61%。",
        # Paid late, given as the cause of an output short of its target.
        "产出指标偏差：计划培训农民工800人次，完成520人次，主要是培训服务采购经费拨付滞后，培训机构开班次数减少。",
        # The paying body named before the late payment; the cuts and what they left undone.
        "年初申报预算410万元，区财政批复预算260万元，批复预算不足，原定7条背街小巷整治压减为4条；区财政资金拨付滞后，"
        "已开工的2条因付款不及时进度放缓。",
        # Money left over, told as what the want of money did (只能), is a consequence.
        "由于补贴资金规模比上年减少15%，已受理的612户补贴共计188万元无钱兑付，只能结转下年。",
    ],
)
def test_money_given_as_the_cause_with_only_its_consequences_is_a_shortage(problem: str) -> None:
    lexicon = load_lexicon()
    assert _caused_by_money_only(problem, lexicon)
    assert _funding_composed(problem, lexicon)


@pytest.mark.parametrize(
    "problem",
    [
        # One of the listed causes is not money.
        "年度计划新建护林步道30公里，实际完成24公里。主要原因：一是县级财力有限，配套资金无法足额到位；"
        "二是上级资金下达较晚，错过旱季施工期；三是部分路段地质条件复杂，施工难度大。",
        # Another matter opened after the money.
        "因配套资金未到位，病虫害统防统治面积完成率为82%；另外部分乡镇物资发放登记表填写不完整。",
        # A failing of the department's own beside the money.
        "预算编制不够科学，年初对信息系统运维费用估计不足，年中追加45万元。",
        # A balance left over is the unit's own execution.
        "第二批补助资金下达时间较晚，年末仍结转28.4万元。",
        # A cause of another kind, in a sentence without money.
        "因冬季雨雪天气停工，室外工程推迟一个月。",
        # Session 20's review (a helper probing the reading): a shortcoming that is no outcome of the money, a second
        # cause inside a clause after the money, a form row's label that is itself a problem.
        "因资金不足，自动监测设备仅安装12套，部分监测数据人工填报存在错报漏报。",
        "由于资金不足，原定新建的5所幼儿园仅建成3所，已建成的2所因师资未配备无法开园。",
        "绩效目标设置偏高：受县级财力影响，配套资金仅到位60%，项目只完成计划的一半。",
        "因资金不足，部分设备未能更新，已有设备无专人保管，丢失2台。",
    ],
)
def test_anything_of_the_departments_own_keeps_the_problem_real(problem: str) -> None:
    assert not _caused_by_money_only(problem, load_lexicon())


def test_late_money_is_the_payers_only_when_told_so() -> None:
    lexicon = load_lexicon()
    assert _late_from_payer("因资金到位晚", "因资金到位晚，工程款未能支付", lexicon)
    assert _late_from_payer("区财政资金拨付滞后", "区财政资金拨付滞后，进度放缓", lexicon)
    assert _late_from_payer("项目资金到位较晚", "省级补助项目资金到位较晚，工期推迟", lexicon)
    # Late arrival as a problem of its own, with no source named: it may be the department's own allocation.
    assert not _late_from_payer("项目实施中存在资金到位晚", "项目实施中存在资金到位晚", lexicon)
    # The department paying late is its own handling, whatever the wording around it.
    assert not _late_from_payer("因我局资金拨付滞后", "因我局资金拨付滞后，施工单位停工", lexicon)
    assert not _late_from_payer("主要是补贴资金拨付农户滞后", "主要是补贴资金拨付农户滞后", lexicon)


def test_a_form_that_puts_every_deviation_down_to_money_scores_zero(tmp_path: Path) -> None:
    problems = (
        "资金下达进度：市级第二批补助资金11月28日下达，我县12月15日完成分解，下达滞后。\n"
        "资金到位率：县级应配套资金120万元，实际到位54万元，到位率45%。\n"
        "资金支付进度：因资金到位晚，3个村级养老服务站改造项目工程款未能支付，年底支付进度仅58%。\n"
        "产出指标偏差：计划改造养老服务站5个，完成3个，主要是服务购买经费拨付滞后，承接机构服务次数减少。"
    )
    report = with_sections(tmp_path, problems, MEASURES)
    assert all(p.funding_only for p in extract_rules(report).problems)
    item = scored_items(report)["problems"]
    assert item.points == 0, item.justification
    assert "资金不足" in item.justification
    # The justification names the reading, so that a reviewer sees why forms full of consequences scored 0.
    assert "把没做成的事归因于资金" in item.justification
    assert sum(p.caused_by_money for p in extract_rules(report).problems) >= 2
    # The same form with one deviation put down to the department's own work keeps a score.
    own = problems.replace("主要是服务购买经费拨付滞后", "主要是承接机构遴选程序不规范，招标推迟三个月")
    assert scored_items(with_sections(tmp_path, own, MEASURES))["problems"].points > 0


def test_money_that_came_late_and_crowded_the_spending_stays_execution() -> None:
    # The convention's reading is unchanged: late money told by the spending it pushed to the year's end, with no
    # shortfall named, is budget execution, even with only consequences beside it.
    lexicon = load_lexicon()
    problem = "因省级补助资金10月才到位，项目支出集中在第四季度，全年预算执行率为74%。"
    assert not _caused_by_money_only(problem, lexicon)
    assert not _funding_composed(problem, lexicon)


def test_a_blind_writers_problems_real_and_money_only() -> None:
    # The reading added no false zero on a helper's 90 problems written blind (tests/data/money_review_20.yaml), and
    # took the money-only ones the word sets found from 27 to 31 of 45. Eight real ones the older readings zero (seven
    # by the headline composition: a design change or weak preparation told after money, 「我局……重视不够」 as a
    # third listed cause; one by the money model) are known and left: guarding the headline composition the same way
    # unzeroes twenty dev sections every reader scored 0.
    review = yaml.safe_load((Path(__file__).parent / "data" / "money_review_20.yaml").read_text("utf-8"))
    lexicon = load_lexicon()
    assert [p["text"] for p in review["real"] if _caused_by_money_only(p["text"], lexicon)] == []
    caught = [p["text"] for p in review["money_only"] if _funding_only(p["text"], lexicon)]
    assert len(caught) >= 30, len(caught)
    # Session 21: a headline giving money as its cause is weighed as the new reading weighs it; the older readings'
    # false zeros here went from eight to six.
    zeroed = [p["text"] for p in review["real"] if _funding_only(p["text"], lexicon)]
    assert len(zeroed) <= 6, zeroed


def test_a_reviewers_probes_stay_as_measured() -> None:
    # A review helper's probes (tests/data/money_review_20b.yaml): the first version of the reading, which counted
    # every clause without a word of the unit's own as a consequence, zeroed 27 of its real problems; asking for
    # recognisable consequences left seven (six already zeroed by the older readings at session 19's end); session 21's
    # lexicon words leave none. The whole reading, older readings included, zeroed 14 of the 39 real ones at session
    # 20's end and 5 since a headline that gives money as its cause is weighed the same way and the money model may not
    # outweigh a failing beside it (two money-only ones fewer caught:
    # 「因经费不足，监测站点布局不合理的问题一直无法调整」 reads as the unit's own layout).
    review = yaml.safe_load((Path(__file__).parent / "data" / "money_review_20b.yaml").read_text("utf-8"))
    lexicon = load_lexicon()
    zeroed = [t for t in review["real"] if _caused_by_money_only(t, lexicon)]
    assert sorted(zeroed) == sorted(review["known_zeroed"])
    assert len([t for t in review["real"] if _funding_only(t, lexicon)]) <= 5
    caught = [t for t in review["money_only"] if _funding_only(t, lexicon)]
    assert len(caught) >= 19, len(caught)
