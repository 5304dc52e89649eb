"""The money model (reviewer/scoring/money_model.py): deterministic, its cues are the report's own words, and
in the rules extractor it zeroes a funding shortage or a request for money that no word set names while a
real problem or measure about money stays real (conventions funding_beside_real, money_beside_real)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reviewer.rubric import load_lexicon
from reviewer.scoring import money_model
from reviewer.scoring.money_model import MoneyModel, features, load_wordings, packaged_model, train
from reviewer.scoring.rules import _funding_composed, _model_cues, _money_composed

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("phrasings_measure", ROOT / "evals" / "phrasings" / "measure.py")
assert _spec is not None and _spec.loader is not None
measure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure)
LEXICON = load_lexicon()

# Wordings of the second writer (rubrics/_money_set_2.yaml) that the composition of word sets did not judge.
SHORTAGE = "近三年参保人数增长近两成，经办业务量成倍增加，但医保经办机构的工作经费额度一直没有变化，服务能力提升受限。"
REQUEST = "紧盯中央和省投资导向，储备一批、申报一批，力争全年上级补助资金突破1.5亿元。"
REAL_PROBLEM = "专项资金使用不规范，部分资金超范围列支，原因是财务审核把关不严。"
REAL_MEASURE = "在争取上级资金的同时，制定项目建设奖补办法，明确奖补标准。"


def test_features_read_digits_as_zero_and_never_cross_punctuation() -> None:
    grams = features("经费12万，不足。")
    assert {"经费0", "00万", "不足"} <= grams
    assert not any("，" in g or "万不" in g for g in grams)


def test_training_is_deterministic() -> None:
    wordings = [w for name in money_model.SOURCES for w in load_wordings(name)]
    first, second = train("shortage", wordings), train("shortage", list(reversed(wordings)))
    assert first.weights == second.weights and first.base == second.base
    assert first.score(SHORTAGE) == second.score(SHORTAGE) == packaged_model("shortage").score(SHORTAGE)


def test_the_model_weighs_evidence_not_the_sizes_of_its_classes() -> None:
    model = MoneyModel.train(["经费不足"], ["人员不足", "制度不全", "台账缺失", "培训不够"])
    assert model.score("经费") > 0 > model.score("人员")
    assert abs(model.score("从未见过的字")) < 1e-9 + abs(model.base)


def test_cues_are_verbatim_stretches_of_the_text_strongest_first() -> None:
    cues = packaged_model("shortage").cues(SHORTAGE)
    assert cues and all(c in SHORTAGE and len(c) >= 2 for c in cues)
    assert any("经费" in c for c in cues)
    assert packaged_model("request").cues(REQUEST) == packaged_model("request").cues(REQUEST)


def test_the_model_judges_only_what_the_word_sets_left() -> None:
    assert not _funding_composed(SHORTAGE, LEXICON) and _model_cues(SHORTAGE, "shortage", LEXICON)
    assert not _money_composed(REQUEST, LEXICON) and _model_cues(REQUEST, "request", LEXICON)
    # A clause of the department's own beside the money: the model may not overrule it.
    assert not _model_cues(REAL_PROBLEM, "shortage", LEXICON)
    assert not _model_cues(REAL_MEASURE, "request", LEXICON)
    # No money named: not the model's question.
    assert not _model_cues("业务人员不足，培训开展不够。", "shortage", LEXICON)
    # Without the lexicon's margins the model is off.
    off = LEXICON.model_copy(update={"money_model": None})
    assert not _model_cues(SHORTAGE, "shortage", off)


def test_in_a_review_the_model_zeroes_what_no_word_set_names_and_says_so(tmp_path: Path) -> None:
    assert measure.points("funding_shortage", SHORTAGE, tmp_path, "s") == 0
    assert measure.points("money_request", REQUEST, tmp_path, "r") == 0
    assert measure.points("real_money_problem", REAL_PROBLEM, tmp_path, "p") > 0
    assert measure.points("real_money_measure", REAL_MEASURE, tmp_path, "m") > 0


def test_the_justification_names_the_model_and_its_grounds(tmp_path: Path) -> None:
    result = measure.review(SHORTAGE + "\n" + measure.REAL_PROBLEM, measure.REAL_MEASURE, tmp_path, "j")
    problems = next(i for i in result.items if i.id == "problems")
    assert "按资金措辞模型判为资金不足" in problems.justification
    assert "依据：「" in problems.justification
