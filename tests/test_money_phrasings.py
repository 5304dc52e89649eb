"""The 126 single wordings of rubrics/_money_set_1.yaml, written and labelled by a writer who never saw
the scorer (conventions funding_beside_real and money_beside_real), each scored through the whole review
exactly as evals/phrasings/measure.py scores them: a funding_shortage problem or a money_request measure
makes its item 0, a real_money_problem or real_money_measure does not. Every item, per group, so that
future work keeps them; fixed by word sets and composition, never by adding the phrases."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PHRASINGS = ROOT / "rubrics" / "_money_set_1.yaml"
_spec = importlib.util.spec_from_file_location("phrasings_measure", ROOT / "evals" / "phrasings" / "measure.py")
assert _spec is not None and _spec.loader is not None
measure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure)

ITEMS = measure.load(PHRASINGS)
GROUPS = ("funding_shortage", "real_money_problem", "money_request", "real_money_measure")

# Items whose label a careful reader could argue, and the reading the scorer takes (kept with the label).
BOUNDARY = {
    "资金下达时间偏晚，第四季度才拨付到位。": (
        "lateness is the department's own unless the money comes from above; 下达 (issued) names money from"
        " above by itself, so this is a shortfall of funding, as 「上级资金到位迟缓」 is"
    ),
    "项目资金分年度拨付，当年到位比例低，仅为计划的45%，后续建设资金没有着落。": (
        "「资金到位率不高的原因是申报材料不全」 is the department's own; here no cause of its own is given and"
        " 分年度拨付 states no shortcoming: how the money comes, beside a gap with nothing to fill it"
    ),
    "加强与上级业务部门的衔接，力争提前下达资金，缓解地方垫资压力。": (
        "speeding money that is due is handling (「提前掌握资金下达计划，做好项目前期准备」) unless, as here, its"
        " purpose is to ease a shortage of money: then it asks for money"
    ),
    "用好上级转移支付，统筹存量资金，优先保障档案数字化项目的资金需求。": (
        "held money put to use is management (「对闲置资金及时盘活」) unless it is directed to pay for something"
        " with no rule of stewardship (收回, 上缴, 压减): then it raises money for it"
    ),
}


def test_the_file_holds_every_group_and_the_boundary_items() -> None:
    assert {item["group"] for item in ITEMS} == set(GROUPS)
    assert len(ITEMS) == 126
    texts = {item["text"].strip() for item in ITEMS}
    assert set(BOUNDARY) <= texts


@pytest.mark.parametrize("group", GROUPS)
def test_every_labelled_wording_is_judged_as_labelled(tmp_path: Path, group: str) -> None:
    zero = group in measure.ZERO_GROUPS
    wrong = []
    for n, item in enumerate(i for i in ITEMS if i["group"] == group):
        scored = measure.points(group, item["text"], tmp_path, f"{group}{n}")
        if (scored == 0) != zero:
            wrong.append(f"{scored:g}  {item['text'].strip()}")
    assert not wrong, f"{group}: {len(wrong)} judged wrongly:\n" + "\n".join(wrong)


# The third writer's 222 wordings (rubrics/_money_set_3.yaml, now also training data of the money model):
# how many of each group the whole review judges as labelled, measured when the set was added (before it:
# 30, 33, 34, 36, 31, 34 of 37). A change may raise these, never lower them. not_money_* must never be zero.
SET_3 = measure.load(ROOT / "rubrics" / "_money_set_3.yaml")
SET_3_RIGHT = {
    "funding_shortage": 33,
    "money_request": 34,
    "real_money_measure": 35,
    "not_money_measure": 36,
    "real_money_problem": 32,
    "not_money_problem": 34,
}


def test_the_third_writers_wordings_stay_judged_as_measured(tmp_path: Path) -> None:
    right = dict.fromkeys(SET_3_RIGHT, 0)
    for n, item in enumerate(SET_3):
        group = item["group"]
        scored = measure.points(group, item["text"], tmp_path, f"s{n}")
        right[group] += (scored == 0) == (group in measure.ZERO_GROUPS)
    assert len(SET_3) == 222
    assert all(right[g] >= SET_3_RIGHT[g] for g in SET_3_RIGHT), right
