"""evals/readers/units.py: a unit reader's problems and measures are found in the section text by their first
characters and matched to the extractor's unit that holds that place, so that each judgement is compared on
the same unit; a reader's problem numbers are read through that matching."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reviewer.scoring.facts import MeasureFact, NarrativeFacts, ProblemFact

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("unit_labels", ROOT / "evals" / "readers" / "units.py")
assert _spec is not None and _spec.loader is not None
units = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(units)

PROBLEMS = [
    "一、预算编制不够精细，年中追加调整 9 次。原因是项目储备不足。",
    "二、执法装备管理不规范，部分装备未登记入账。",
]
MEASURES = [
    "1、建立项目储备库，未入库项目不安排预算。",
    "2、加强资产管理。",
]
FACTS = NarrativeFacts(
    problems=[
        ProblemFact(
            quote=PROBLEMS[0][:12],
            text=PROBLEMS[0],
            dimensions=["budget_management"],
            cause="原因是项目储备不足。",
            specifics=["年中追加调整 9 次。"],
            funding_only=False,
        ),
        ProblemFact(quote=PROBLEMS[1][:12], text=PROBLEMS[1], dimensions=[], funding_only=False),
    ],
    measures=[
        MeasureFact(quote=MEASURES[0][:12], text=MEASURES[0], answers=[0], concrete=True, money_only=False),
        MeasureFact(quote=MEASURES[1][:8], text=MEASURES[1], answers=[0, 1], concrete=False, money_only=False),
    ],
)
TEXT = units._squash("\n".join(PROBLEMS) + "\n" + "\n".join(MEASURES))


# One reader's units: the asset problem and measure first, the budget ones with other numbering.
ASSETS_FIRST = {
    "problems": [
        {"start": "二、执法装备管理不规范", "aspect": "资产和财务管理", "cause": False, "data": False},
        {"start": "（一）预算编制不够精细", "aspect": "预算编制和执行", "cause": True, "data": True},
    ],
    "measures": [
        {"start": "2、加强资产管理", "answers": [1], "concrete": False},
        {"start": "1、建立项目储备库", "answers": [2], "concrete": True},
    ],
}


def test_units_are_matched_by_place_and_judgements_set_side_by_side() -> None:
    # The reader lists the problems the other way round and copies one opening with other numbering.
    label = ASSETS_FIRST
    view = units.reader_view(FACTS, TEXT, label)
    assert [p["index"] for p in view["problems"]] == [1, 0]
    first, second = view["problems"]
    assert first["reader"]["dimension"] == "asset_finance" and first["scorer"]["dimension"] is None
    assert second["reader"]["dimension"] == second["scorer"]["dimension"] == "budget_management"
    assert second["scorer"]["cause"] is True and second["scorer"]["data"] is True
    # The extractor's problem numbers are given in the reader's numbering: its problem 0 is the reader's 2nd.
    assets, storage = view["measures"]
    assert assets["reader"]["answers"] == [0] and assets["scorer"]["answers"] == [0, 1]
    assert storage["reader"]["answers"] == storage["scorer"]["answers"] == [1]
    assert view["counts"] == {"reader": (2, 2), "scorer": (2, 2)}


def test_a_unit_not_in_the_text_matches_nothing() -> None:
    label = {"problems": [{"start": "三、政府采购不规范", "aspect": "政府采购"}], "measures": []}
    assert units.reader_view(FACTS, TEXT, label)["problems"][0]["scorer"] is None


def test_agreed_facts_take_only_what_both_readers_read_alike() -> None:
    def label(concrete: bool) -> dict[str, list[dict[str, object]]]:
        measures = [dict(ASSETS_FIRST["measures"][0], concrete=concrete), ASSETS_FIRST["measures"][1]]
        return {"problems": ASSETS_FIRST["problems"], "measures": measures}

    first, second = units.reader_view(FACTS, TEXT, label(True)), units.reader_view(FACTS, TEXT, label(False))
    agreed = units.agreed_facts(FACTS, first, second, {"dimension", "answers", "concrete"})
    assert agreed.problems[1].dimensions == ["asset_finance"]
    assert agreed.measures[1].answers == [1]  # the readers' 1st problem is the extractor's problem 1
    assert agreed.measures[1].concrete is False  # the readers disagree: the extractor's reading stays
    assert agreed.measures[0].concrete is True
    assert FACTS.measures[1].answers == [0, 1]  # the extractor's facts are not changed in place
