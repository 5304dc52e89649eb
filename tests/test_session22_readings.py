"""Session 22's readings, from four fresh writer sets (ns–nv): a measures part of one paragraph that names the
problems above as what it carries out, when each problem gives its own measure, and premises worn out beside a
funding shortage. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

import pytest
from narratives import with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _conditions_only, extract_rules

PROBLEMS_WITH_FIXES = "\n".join(
    [
        "1.预算执行进度偏慢，交流项目执行率为71.2%，下一步要按季度分解支出目标。",
        "2.绩效佐证材料归集不全，今后将建立活动结束后一周内提交佐证资料的制度。",
        "3.企业走访后问题办结率不高，要建立诉求清单和办结销号制度。",
    ]
)


@pytest.mark.parametrize(
    "measures",
    [
        "按照上述问题逐项落实整改。",
        "对照以上问题，我办将逐项明确责任科室和完成时限，建立整改台账，整改情况在下一年度自评中一并报告。",
    ],
)
def test_a_measures_part_naming_the_problems_above_points_at_their_own_fixes(tmp_path: Path, measures: str) -> None:
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, measures))
    assert facts.measures_in_problems
    assert [m.text[:2] for m in facts.measures[:3]] == ["下一", "今后", "要建"]
    assert [m.answers for m in facts.measures[:3]] == [[0], [1], [2]]


def test_naming_the_problems_above_is_no_pointer_where_the_problems_give_no_fixes(tmp_path: Path) -> None:
    problems = "1.预算执行进度偏慢，交流项目执行率为71.2%。\n2.绩效佐证材料归集不全。"
    facts = extract_rules(with_sections(tmp_path, problems, "按照上述问题逐项落实整改。"))
    assert not facts.measures_in_problems
    assert [m.text for m in facts.measures] == ["按照上述问题逐项落实整改。"]


def test_a_part_listing_its_own_measures_after_naming_the_problems_keeps_them(tmp_path: Path) -> None:
    measures = "针对上述问题，提出以下措施：\n1.每季度通报执行进度。\n2.年底前修订佐证资料管理办法。"
    facts = extract_rules(with_sections(tmp_path, PROBLEMS_WITH_FIXES, measures))
    assert not facts.measures_in_problems
    assert any("每季度通报" in m.text for m in facts.measures)


def test_worn_premises_beside_a_funding_shortage_are_that_shortage() -> None:
    lexicon = load_lexicon()
    assert _conditions_only("校舍建成年代较久，功能室不足，康复训练设备陈旧。", lexicon)
    # The department's own handling of its premises stays its own.
    assert not _conditions_only("部分业务用房闲置，未及时办理出租审批手续。", lexicon)
