"""The placement learned from the blind readers (convention learned_placement): the trees are evaluated as exported,
the packaged model is complete and reproduces its trainer, the rubric refuses a model it cannot find or that was
trained for another item, and the engine places only where the bands would, after zero rules and fixed-points
conventions, shows the bands' own reckoning beside it, keeps the one deduction it cannot see, and never places
another extractor's facts. Wordings are our own."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest
from conftest import SEED_000, seed_report
from narratives import bands_only_rubric, scored_items, with_sections

from reviewer.errors import RubricError
from reviewer.numbers import find_numbers
from reviewer.rubric import (
    PLACEMENT_FEATURES,
    SECTION_FEATURES,
    Placement,
    PlacementTree,
    TextEstimate,
    load_lexicon,
    load_placement,
    load_rubric,
    parse_placement,
)
from reviewer.scoring.engine import _allowed_points, _band_of, score_suggestions
from reviewer.scoring.facts import MeasureFact, NarrativeFacts, ProblemFact
from reviewer.scoring.items import Scorer
from reviewer.scoring.placement import place, placement_features, section_features
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
OTHER_WORK = "1.加强党建引领，开展主题党日活动。\n2.加大宣传力度，营造良好氛围。"
PACKAGED = "_placement_suggestions.json"
BANDS_SAY = "按评分表各档的条件："


def _tree(value: float, threshold: float) -> PlacementTree:
    """Feature 0 at most `threshold` → left leaf (value), else right leaf (-value)."""
    return PlacementTree(feature=[0, -2, -2], threshold=[threshold, -2.0, -2.0], left=[1, -1, -1],
                         right=[2, -1, -1], value=[0.0, value, -value])  # fmt: skip


def _packaged_text() -> str:
    return resources.files("reviewer.rubrics").joinpath(PACKAGED).read_text("utf-8")


def _rubric_naming(tmp_path, model: str) -> str:
    """The packaged rubric as a file of the bureau's own, its placement model named `model`."""
    text = resources.files("reviewer.rubrics").joinpath("yueyang-dept-2023.yaml").read_text("utf-8")
    assert f"model: {PACKAGED}" in text
    path = tmp_path / "bureau.yaml"
    path.write_text(text.replace(f"model: {PACKAGED}", f"model: {model}"), "utf-8")
    return str(path)


def test_a_tree_goes_left_at_or_below_its_threshold() -> None:
    tree = _tree(1.5, 2.0)
    assert tree.predict([2.0]) == 1.5
    assert tree.predict([2.1]) == -1.5


def test_a_placement_is_its_base_plus_the_rate_times_its_trees() -> None:
    facts_only = [f for f in PLACEMENT_FEATURES if f != "text_estimate"]
    placement = Placement(item="suggestions", source="测试", cases=1, readers=1, features=facts_only,
                          base=10.0, learning_rate=0.5, trees=[_tree(2.0, 0.5), _tree(4.0, 0.5)])  # fmt: skip
    facts = NarrativeFacts(
        problems=[ProblemFact(quote="资产管理不规范", funding_only=False)],
        measures=[MeasureFact(quote="开展资产清查", answers=[0], concrete=True, money_only=False)],
    )
    # The first feature is 「answered」: the one problem answered by a measure that is no slogan, 1.0 > 0.5: right.
    assert PLACEMENT_FEATURES[0] == "answered"
    assert place(placement, facts).points == 10.0 - 0.5 * (2.0 + 4.0)
    facts.measures[0].slogan = True  # a slogan answers nothing: 0.0 ≤ 0.5, left
    assert place(placement, facts).points == 10.0 + 0.5 * (2.0 + 4.0)


def test_a_placement_file_is_read_once_per_process(tmp_path) -> None:
    # Checked against its item when the rubric loads and used as checked: a file edited mid-run is read at the next
    # start, never half-written or unchecked in the middle of a batch.
    path = tmp_path / "placement.json"
    path.write_text(_packaged_text(), "utf-8")
    first = load_placement(str(path))
    path.write_text("{", "utf-8")
    assert load_placement(str(path)) is first


def test_the_packaged_placement_is_complete_and_reproduces_its_trainer() -> None:
    placement = load_placement(PACKAGED)
    assert placement.item == "suggestions"
    # Session 19's: every feature but the section's counts, which came in session 25 (the problems' placement has them).
    assert placement.features == [f for f in PLACEMENT_FEATURES if f not in SECTION_FEATURES]
    assert load_placement("_placement_problems.json").features == list(PLACEMENT_FEATURES)
    assert placement.trees and placement.cases >= 400 and placement.readers >= 40
    for tree in placement.trees:
        assert len(tree.feature) == len(tree.threshold) == len(tree.left) == len(tree.right) == len(tree.value)
        for node, left in enumerate(tree.left):
            if left >= 0:  # every split reads a known fact and points at nodes that exist
                assert 0 <= tree.feature[node] < len(PLACEMENT_FEATURES)
                assert left < len(tree.value) and tree.right[node] < len(tree.value)
    assert len(placement.checks) >= 5
    for check in placement.checks:
        values = dict(zip(placement.features, check.row, strict=True))
        assert placement.predict(values) == pytest.approx(check.predicted, abs=1e-9)


def test_a_placement_naming_an_unknown_fact_is_refused() -> None:
    text = json.dumps({"item": "suggestions", "source": "测试", "cases": 1, "readers": 1,
                       "features": ["answered", "mood"], "base": 0, "learning_rate": 1, "trees": []})  # fmt: skip
    with pytest.raises(RubricError, match="mood"):
        parse_placement(text, "x.json")


def test_a_missing_placement_model_is_refused_when_the_rubric_loads(tmp_path) -> None:
    with pytest.raises(RubricError, match=r"no-such-model\.json"):
        load_rubric(_rubric_naming(tmp_path, "no-such-model.json"))


def test_a_placement_next_to_the_rubric_file_is_used(tmp_path) -> None:
    (tmp_path / "ours.json").write_text(_packaged_text(), "utf-8")
    item = load_rubric(_rubric_naming(tmp_path, "ours.json")).item("suggestions")
    assert item is not None
    convention = item.convention("learned_placement")
    assert convention is not None and convention.model == str((tmp_path / "ours.json").resolve())


def test_a_placement_trained_for_another_item_is_refused(tmp_path) -> None:
    placement = json.loads(_packaged_text())
    placement["item"] = "problems"
    (tmp_path / "other.json").write_text(json.dumps(placement), "utf-8")
    with pytest.raises(RubricError, match="suggestions"):
        load_rubric(_rubric_naming(tmp_path, "other.json"))


def test_the_default_rubric_places_by_the_readers_and_shows_the_bands_reckoning(tmp_path) -> None:
    report = with_sections(tmp_path, PROBLEMS, MEASURES)
    learned = scored_items(report, rubric="yueyang-dept-2023")
    bands = scored_items(report)
    for item in ("problems", "suggestions"):
        assert "按盲评学得的定位（" in learned[item].justification, item
        assert "「按盲评学得的定位」" in learned[item].justification  # the convention is named
        assert "盲评学得" not in bands[item].justification
        # Absent where the bands gave the score.
        assert bands[item].detail.bands_points is None
        assert "bands_points" not in bands[item].model_dump(mode="json")["detail"]
    # Where the two differ, the bands' reckoning follows, and their figure is data too: problems with no causes, which
    # the bands put in 「未归纳且过于简单」 and the readers higher.
    uncaused = "\n".join(line.partition("，原因是")[0] + "。" for line in PROBLEMS.splitlines())
    problems = scored_items(with_sections(tmp_path, uncaused, MEASURES, name="u.txt"), rubric="yueyang-dept-2023")[
        "problems"
    ]
    assert problems.detail.bands_points is not None and problems.points != problems.detail.bands_points
    assert f"{problems.detail.bands_points:g} 分" in problems.justification.partition(BANDS_SAY)[2]
    suggestions = learned["suggestions"]
    # Concrete measures answering every problem stay high; three slogans stay low.
    assert suggestions.points >= 13
    slogans = scored_items(with_sections(tmp_path, PROBLEMS, SLOGANS, name="s.txt"), rubric="yueyang-dept-2023")
    assert slogans["suggestions"].points <= 8


def test_the_bands_figure_is_given_after_their_deductions(tmp_path) -> None:
    report = with_sections(tmp_path, PROBLEMS, MEASURES + "\n4.积极争取上级资金支持。")
    bands = scored_items(report)["suggestions"]
    learned = scored_items(report, rubric="yueyang-dept-2023")["suggestions"]
    assert "只要钱的措施扣 1 分" in bands.justification
    # Shown after their deductions (when band and points both agree, only that they agree is said).
    # (The bands' reckoning beside the placement reads the placed 反映问题情况 for narrow_problems, so its figure is
    # the default rubric's own, not the bands-only rubric's.)
    # Here: the top band's 15, less 1 for the request (and 1 more when the placed list of problems is narrow).
    said = learned.justification.partition(BANDS_SAY)[2]
    figure = learned.detail.bands_points
    assert figure is not None and figure <= 14
    assert "只要钱的措施扣 1 分" in said and f"扣 1 分，得 {figure:g} 分" in said, said


def test_a_zero_rule_comes_before_the_placement(tmp_path) -> None:
    items = scored_items(with_sections(tmp_path, PROBLEMS, MONEY_ONLY), rubric="yueyang-dept-2023")
    assert items["suggestions"].points == 0
    assert "盲评学得" not in items["suggestions"].justification


def test_a_fixed_points_convention_comes_before_the_placement(tmp_path) -> None:
    """Measures that answer none of the problems keep their floor (convention no_answer)."""
    learned = scored_items(with_sections(tmp_path, PROBLEMS, OTHER_WORK), rubric="yueyang-dept-2023")["suggestions"]
    bands = scored_items(with_sections(tmp_path, PROBLEMS, OTHER_WORK, name="b.txt"))["suggestions"]
    assert "盲评学得" not in learned.justification
    assert learned.points == bands.points
    assert learned.detail.bands_points is None


def test_measures_written_in_the_problems_part_still_cost_their_point() -> None:
    """The placement cannot see where the measures were written: that deduction is taken from its points."""
    item = load_rubric().item("suggestions")
    assert item is not None
    problems = [ProblemFact(quote=f"第{i}项工作进度滞后", text=f"第{i}项工作进度滞后，完成率仅为{60 + i}%",
                            funding_only=False, dimensions=["duty_performance"], cause="原因是人员不足")
                for i in range(3)]  # fmt: skip
    measures = [MeasureFact(quote=f"每月调度第{i}项工作", text=f"每月调度第{i}项工作，年底前完成", answers=[i],
                            concrete=True, money_only=False, steps=2) for i in range(3)]  # fmt: skip
    apart = NarrativeFacts(problems=problems, measures=measures)
    inside = apart.model_copy(update={"measures_in_problems": True})
    report = seed_report(SEED_000, "txt")  # score_suggestions reads the facts it is given
    scored_apart = score_suggestions(report, item, apart, Scorer(kind="rules"))
    scored_inside = score_suggestions(report, item, inside, Scorer(kind="rules"))
    assert "盲评学得" in scored_apart.justification
    assert "措施写在问题部分扣 1 分" in scored_inside.justification.partition(BANDS_SAY)[0]
    assert scored_inside.points == max(1, scored_apart.points - 1)


def test_the_placement_is_not_used_for_the_llm_extractors_facts(tmp_path) -> None:
    report = with_sections(tmp_path, PROBLEMS, MEASURES)
    item = load_rubric().item("suggestions")
    assert item is not None
    facts = extract_rules(report)
    by_rules = score_suggestions(report, item, facts, Scorer(kind="rules"))
    by_model = score_suggestions(report, item, facts, Scorer(kind="llm", model="m"))
    fell_back = score_suggestions(report, item, facts, Scorer(kind="rules", fell_back_from="m"))
    assert "盲评学得" in by_rules.justification
    assert "盲评学得" not in by_model.justification
    # A rules fallback reads the rules extractor's facts: placed as the rules are.
    assert "盲评学得" in fell_back.justification and fell_back.points == by_rules.points


def test_the_bands_only_rubric_differs_from_the_default_only_by_the_placement() -> None:
    default, bands = load_rubric(), load_rubric(bands_only_rubric())
    for item in default.items:
        other = bands.item(item.id)
        assert other is not None
        kept = [c for c in item.conventions if c.id != "learned_placement"]
        assert other.conventions == kept and other.bands == item.bands


def test_the_facts_computed_are_the_facts_a_placement_may_name() -> None:
    # The text estimate is the one feature read from the words rather than the facts (it needs its model); the
    # section's counts are read from the section as written.
    counted = set(section_features("", load_lexicon()))
    assert counted == set(SECTION_FEATURES)
    assert set(placement_features(NarrativeFacts())) | {"text_estimate"} | counted == set(PLACEMENT_FEATURES)


def test_the_section_is_counted_as_written() -> None:
    section = "\n".join(
        [
            "一是预算编制不细，原因是测算粗放。二是资产管理不到位。",
            "（三）采购不规范，年底前完成整改。",
            "4.当年结余35.6万元",
        ]
    )
    counted = section_features(section, load_lexicon())
    assert counted["part_chars"] == len(section)
    assert counted["part_lines"] == 3
    # 一是, 二是 run on in a line; （三） and 4. open theirs.
    assert counted["part_items"] == 4
    # 35.6 (find_numbers).
    assert counted["part_figures"] == len(find_numbers(section))
    assert counted["part_causes"] >= 1 and counted["part_deadlines"] >= 1


def test_the_problems_placement_counts_the_section_as_written() -> None:
    """The same facts and the same words of the problems, in sections written at other lengths and numberings,
    may be placed apart: the section's counts are features (session 25)."""
    placement = load_placement("_placement_problems.json")
    facts = NarrativeFacts(problems=[ProblemFact(quote="资产管理不规范", text="资产管理不规范", funding_only=False)])
    short = place(placement, facts, "资产管理不规范。")
    long = place(
        placement, facts, "\n".join(f"{n}.资产管理不规范，原因是台账未更新，涉及{n * 12}万元。" for n in range(1, 7))
    )
    assert short.words == long.words  # the words the extractor cut are the same
    assert short.points != long.points


def _tiny_estimate(**changes: object) -> TextEstimate:
    fields: dict[str, object] = {
        "reads": "problems",
        "ngrams": 3,
        "intercept": 10.0,
        "terms": {"a": (1.0, 3.0), "ab": (2.0, -1.0), "a b": (1.0, 5.0)},
    }
    return TextEstimate.model_validate(fields | changes)


def test_a_text_estimate_weighs_terms_as_its_trainer_does() -> None:
    """Lowercased, white-space runs read as one space, counts as 1 + ln(count) times the idf, the row scaled to unit
    length over the known terms, then the weights and the intercept."""
    estimate = _tiny_estimate()
    # 「a」 twice and 「ab」 twice: (1+ln2)·(1·3 + 2·(−1)) over (1+ln2)·√(1² + 2²).
    assert estimate.predict("AB ab") == pytest.approx(10.0 + 1 / math.sqrt(5))
    # 「a  \n b」 reads as 「a b」: one 「a」 and one 「a b」, no 「ab」 across the space.
    assert estimate.predict("a  \n b") == pytest.approx(10.0 + (3.0 + 5.0) / math.sqrt(2))
    assert estimate.predict("") == estimate.predict("xyz") == 10.0  # no known term: the intercept
    # Counts that differ, so 1 + ln(count) does not cancel: 「a」 three times, 「ab」 once, after case and spaces fold.
    once, thrice = 1.0, 1.0 + math.log(3)
    expected = 10.0 + (thrice * 3.0 + once * 2.0 * -1.0) / math.sqrt(thrice**2 + (once * 2.0) ** 2)
    assert estimate.predict("A  \t a\n\nAb") == pytest.approx(expected)
    # One newline is not a run: 「a\nb」 has no 「ab」 and no 「a b」 either.
    assert estimate.predict("a\nb") == pytest.approx(13.0)


@pytest.mark.parametrize(("name", "part"), [(PACKAGED, "measures"), ("_placement_problems.json", "problems")])
def test_each_packaged_placement_reads_its_own_part_and_reproduces_its_text_trainer(name: str, part: str) -> None:
    placement = load_placement(name)
    estimate = placement.text_estimate
    assert estimate is not None and estimate.reads == part and "text_estimate" in placement.features
    assert len(estimate.terms) > 1000 and len(estimate.checks) >= 3
    for check in estimate.checks:
        assert estimate.predict(check.text) == pytest.approx(check.predicted, abs=1e-9)


def test_the_placement_reads_the_words_not_only_the_facts() -> None:
    """Two sections with the same facts (counts, shares and lengths) but other words are placed apart: the words'
    own estimate is a feature."""
    placement = load_placement(PACKAGED)
    assert placement.text_estimate is not None

    def facts(words: str) -> NarrativeFacts:
        measure = MeasureFact(quote=words, text=words, answers=[0], concrete=True, money_only=False)
        return NarrativeFacts(problems=[ProblemFact(quote="问题", funding_only=False)], measures=[measure])

    concrete, slogan = facts("9月底前由财务股逐项核对资产台账"), facts("进一步加强管理进一步提高水平进一")
    assert placement_features(concrete) == placement_features(slogan)
    assert place(placement, concrete).points > place(placement, slogan).points


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p["text_estimate"]["terms"].update(
            {k: [v[0], v[1] + 1] for k, v in p["text_estimate"]["terms"].items()}
        ),
        lambda p: p.__setitem__("text_estimate", None),  # the trees still read the estimate
        lambda p: p.__setitem__("features", [f for f in p["features"] if f != "text_estimate"]),  # an estimate unread
        lambda p: p["text_estimate"].__setitem__("checks", []),  # nothing to tell a trained weight from a changed one
        lambda p: p["text_estimate"]["terms"].__setitem__("资金不足", [1.0, -5.0]),  # longer than any term read
    ],
)
def test_a_damaged_text_estimate_is_refused(damage) -> None:
    placement = json.loads(_packaged_text())
    damage(placement)
    with pytest.raises(RubricError, match=r"text_estimate|文字估计"):
        parse_placement(json.dumps(placement), "x.json")


def test_a_placement_whose_words_are_another_items_is_refused(tmp_path) -> None:
    placement = json.loads(_packaged_text())
    placement["text_estimate"]["reads"] = "problems"
    (tmp_path / "words.json").write_text(json.dumps(placement), "utf-8")
    with pytest.raises(RubricError, match="suggestions"):
        load_rubric(_rubric_naming(tmp_path, "words.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p["trees"][0]["left"].__setitem__(0, 0),  # a node that points at itself
        lambda p: p["trees"][0]["feature"].__setitem__(0, 99),  # a fact the file does not name
        lambda p: p.__setitem__("base", p["base"] + 5),  # no longer what the trainer predicted
    ],
)
def test_a_damaged_placement_is_refused(damage) -> None:
    placement = json.loads(_packaged_text())
    damage(placement)
    with pytest.raises(RubricError):
        parse_placement(json.dumps(placement), "x.json")


def test_a_placement_gives_only_points_some_band_allows_and_names_the_right_band() -> None:
    """反映问题情况 has no band for 19 (「较全面」 16—18, 「全面」 20): a placement landing there takes the nearer
    allowed score, the lower on a tie, and a score between bands is named by the nearer band, the higher on a tie
    (session 12: 19 was named 「1—9」 before)."""
    item = load_rubric().item("problems")
    assert item is not None
    assert [_allowed_points(item, v) for v in (19.0, 19.4, 18.6, 18.2, 0.3, 21.0)] == [18, 20, 18, 18, 1, 20]
    assert _band_of(item, 19.0).range_text == "20"
    assert _band_of(item, 17.0).range_text == "16—18"
    assert _band_of(item, 9.0).range_text == "1—9"
