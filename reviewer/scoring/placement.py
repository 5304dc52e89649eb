"""A placement learned from the blind readers (convention learned_placement).

The hand bands place a section by conditions over the extractor's facts; fresh writers showed that for 建议情况 those
conditions, tuned on the dev split, carry over less well than a placement learned from the blind readers' own scores
(docs/narrative-calibration.md, 「Session 8」). The model is packaged data with its source: gradient-boosted regression
trees over the facts below, trained by `evals/forest_experiment.py --export` on the mean of the blind readers of every
dev case, and evaluated here in pure Python (no learning library at run time). Deterministic: the same facts give the
same points on every machine.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..errors import RubricError
from ..rubric import Strict
from ..structure.catalogue import parse_data_file
from .facts import NarrativeFacts

# The facts a placement reads, in the order its trees index them.
FEATURES = (
    "answered",
    "concrete",
    "counted",
    "data",
    "dimensions",
    "cause",
    "funding",
    "measure_chars",
    "measures",
    "money",
    "no_problem",
    "off_topic",
    "problem_chars",
    "problems",
    "prompts",
    "replies",
    "set_out",
    "slogan",
    "stance",
    "steps",
    "touched",
)


def placement_features(facts: NarrativeFacts) -> dict[str, float]:
    """The extractor's facts as numbers: counts and shares of problems, dimensions, causes, data, measures, answers,
    concrete measures, slogans, money and lengths."""
    counted = [p for p in facts.problems if not p.funding_only]
    replies = [m for m in facts.measures if not m.money_only and not m.off_topic and m.repeats is None]
    owed = {i for i, p in enumerate(facts.problems) if not p.funding_only}
    n, m = max(1, len(counted)), max(1, len(replies))
    return {
        "problems": len(facts.problems),
        "counted": len(counted),
        "funding": len(facts.problems) - len(counted),
        "dimensions": len({d for p in counted for d in p.dimensions}),
        "cause": sum(bool(p.cause) for p in counted) / n,
        "data": sum(bool(p.specifics) for p in counted) / n,
        "set_out": sum(p.set_out for p in counted) / n,
        "stance": sum(p.stance for p in counted) / n,
        "problem_chars": sum(len(p.text or p.quote) for p in counted) / n,
        "measures": len(facts.measures),
        "replies": len(replies),
        "money": sum(x.money_only for x in facts.measures),
        "off_topic": sum(x.off_topic for x in facts.measures),
        "slogan": sum(x.slogan for x in replies) / m,
        "concrete": sum(x.concrete for x in replies) / m,
        "steps": sum(x.steps or 0 for x in replies),
        "answered": len({i for x in replies if not x.slogan for i in x.answers} & owed) / max(1, len(owed)),
        "touched": len({i for x in replies for i in x.answers} & owed) / max(1, len(owed)),
        "measure_chars": sum(len(x.text or x.quote) for x in replies) / m,
        "prompts": len(facts.ignored_prompts),
        "no_problem": len(facts.no_problem_statements),
    }


class Tree(Strict):
    """One regression tree, as parallel arrays: node i splits on `feature[i]` at `threshold[i]` (go left when the
    value is at most the threshold) into `left[i]` and `right[i]`; a leaf has left -1 and holds `value[i]`."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]

    def predict(self, row: list[float]) -> float:
        node = 0
        while self.left[node] >= 0:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


class Placement(Strict):
    """A boosted ensemble: `base` plus `learning_rate` times the sum of its trees."""

    item: str
    source: str  # what it was trained on, for the justification and the README
    cases: int
    readers: int
    features: list[str]
    base: float
    learning_rate: float
    trees: list[Tree]

    def place(self, facts: NarrativeFacts) -> float:
        values = placement_features(facts)
        row = [values[name] for name in self.features]
        return self.base + self.learning_rate * sum(tree.predict(row) for tree in self.trees)


def parse_placement(text: str, name: str) -> Placement:
    """A placement file's text, validated: any problem is a RubricError naming the file."""
    placement = parse_data_file(text, name, Placement)
    assert isinstance(placement, Placement)
    unknown = [f for f in placement.features if f not in FEATURES]
    if unknown:
        raise RubricError(f"「{name}」使用了未知的特征：{'、'.join(unknown)}")
    return placement


@cache
def packaged_placement(file_name: str) -> Placement:
    """A placement shipped with the rubrics (`rubrics/<file_name>`), read once."""
    return parse_placement(resources.files("reviewer.rubrics").joinpath(file_name).read_text("utf-8"), file_name)
