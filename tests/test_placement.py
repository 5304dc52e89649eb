"""The placement learned from the blind readers (convention learned_placement): the trees are evaluated as exported,
the packaged model is complete, and the engine uses it only where the bands would place a section, says so beside
the bands' own figure, and never for another extractor's facts or past a zero rule. Wordings are our own."""

from __future__ import annotations

import json

import pytest
from narratives import bands_only_rubric, scored_items, with_sections

from reviewer.errors import RubricError
from reviewer.rubric import load_rubric
from reviewer.scoring.engine import score_suggestions
from reviewer.scoring.facts import MeasureFact, NarrativeFacts, ProblemFact
from reviewer.scoring.items import Scorer
from reviewer.scoring.placement import FEATURES, Placement, Tree, packaged_placement, parse_placement
from reviewer.scoring.rules import extract_rules

PROBLEMS = (
    "1.预算编制不够细化，年初预算有12个项目未细化到具体用途，原因是编制时间紧、业务科室未提前测算。\n"
    "2.项目支出进度偏慢，截至9月底执行率仅为48%，原因是两个基建项目招标延后。\n"
    "3.固定资产账实不符，盘点发现17台电脑未入账，原因是调拨时未办理登记手续。"
)
MEASURES = (
    "1.明年10月底前由财务股会同业务股室逐项测算项目支出，未细化到用途的不列入预算。\n"
    "2.对执行率低于序时进度的项目每月通报，基建项目招标提前到一季度完成。\n"
    "3.6月底前完成资产全面清查，调拨资产当月办理变更登记，财务与资产账每季度核对一次。"
)
SLOGANS = "1.进一步加强预算管理。\n2.进一步提高执行效率。\n3.进一步规范资产管理。"
MONEY_ONLY = "1.积极争取上级资金支持。\n2.申请县财政追加预算。"


def _tree(value: float) -> Tree:
    """Feature 0 at most 2 → left leaf (value), else right leaf (-value)."""
    return Tree(feature=[0, -2, -2], threshold=[2.0, -2.0, -2.0], left=[1, -1, -1], right=[2, -1, -1],
                value=[0.0, value, -value])  # fmt: skip


def test_a_tree_goes_left_at_or_below_its_threshold() -> None:
    tree = _tree(1.5)
    assert tree.predict([2.0]) == 1.5
    assert tree.predict([2.1]) == -1.5


def test_a_placement_is_its_base_plus_the_rate_times_its_trees(tmp_path) -> None:
    placement = Placement(item="suggestions", source="测试", cases=1, readers=1, features=list(FEATURES), base=10.0,
                          learning_rate=0.5, trees=[_tree(2.0), _tree(4.0)])  # fmt: skip
    facts = NarrativeFacts(
        problems=[ProblemFact(quote="资产管理不规范", funding_only=False)],
        measures=[MeasureFact(quote="开展资产清查", answers=[0], concrete=True, money_only=False)],
    )
    # The first feature is 「answered」: one problem of one answered by a measure that is no slogan, 1.0 ≤ 2.
    assert FEATURES[0] == "answered"
    assert placement.place(facts) == 10.0 + 0.5 * (2.0 + 4.0)
    facts.measures[0].slogan = True  # a slogan answers nothing: 0.0, still left
    assert placement.place(facts) == 13.0


def test_the_packaged_placement_is_complete() -> None:
    placement = packaged_placement("_placement_suggestions.json")
    assert placement.item == "suggestions"
    assert placement.features == list(FEATURES)
    assert placement.trees and placement.cases >= 400 and placement.readers >= 40
    for t in placement.trees:
        assert len(t.feature) == len(t.threshold) == len(t.left) == len(t.right) == len(t.value)
    # Every node a tree points to exists, and every split reads a known feature.
    for tree in placement.trees:
        for node, left in enumerate(tree.left):
            if left >= 0:
                assert 0 <= tree.feature[node] < len(FEATURES)
                assert left < len(tree.value) and tree.right[node] < len(tree.value)


def test_a_placement_naming_an_unknown_fact_is_refused() -> None:
    text = json.dumps({"item": "suggestions", "source": "测试", "cases": 1, "readers": 1,
                       "features": ["answered", "mood"], "base": 0, "learning_rate": 1, "trees": []})  # fmt: skip
    with pytest.raises(RubricError, match="mood"):
        parse_placement(text, "x.json")


def test_the_default_rubric_places_by_the_readers_and_shows_the_bands_figure(tmp_path) -> None:
    report = with_sections(tmp_path, PROBLEMS, MEASURES)
    learned = scored_items(report, rubric="yueyang-dept-2023")["suggestions"]
    bands = scored_items(report)["suggestions"]
    assert "按评分表条件属" in learned.justification and "按盲评学得的定位" in learned.justification
    assert f"取 {bands.points:g} 分" in learned.justification  # the bands' own figure, for the reviewer to compare
    assert "按盲评学得的定位" not in bands.justification
    # Concrete measures answering every problem stay high; three slogans stay low.
    assert learned.points >= 13
    slogans = scored_items(with_sections(tmp_path, PROBLEMS, SLOGANS, name="s.txt"), rubric="yueyang-dept-2023")
    assert slogans["suggestions"].points <= 8


def test_a_zero_rule_comes_before_the_placement(tmp_path) -> None:
    items = scored_items(with_sections(tmp_path, PROBLEMS, MONEY_ONLY), rubric="yueyang-dept-2023")
    assert items["suggestions"].points == 0
    assert "按盲评学得的定位" not in items["suggestions"].justification


def test_the_placement_is_not_used_for_another_extractors_facts(tmp_path) -> None:
    report = with_sections(tmp_path, PROBLEMS, MEASURES)
    item = load_rubric().item("suggestions")
    assert item is not None
    facts = extract_rules(report)
    by_rules = score_suggestions(report, item, facts, Scorer(kind="rules"))
    by_model = score_suggestions(report, item, facts, Scorer(kind="llm", model="m"))
    fell_back = score_suggestions(report, item, facts, Scorer(kind="rules", fell_back_from="m"))
    assert "按盲评学得的定位" in by_rules.justification
    assert "按盲评学得的定位" not in by_model.justification
    assert fell_back.points == by_rules.points  # a rules fallback reads the rules extractor's facts


def test_the_bands_only_rubric_differs_from_the_default_only_by_the_placement() -> None:
    default, bands = load_rubric(), load_rubric(bands_only_rubric())
    for item in default.items:
        other = bands.item(item.id)
        assert other is not None
        kept = [c for c in item.conventions if c.id != "learned_placement"]
        assert other.conventions == kept and other.bands == item.bands
