"""A naive Bayes model of short texts about money (conventions funding_beside_real and money_beside_real).

Two judgements, each a Bernoulli naive Bayes over character 1–3-grams (digits read as 0, punctuation and
spaces as breaks no n-gram crosses), trained at first use from packaged labelled wordings:

- ``shortage``: a problem that is only a funding shortage, against real problems about money and problems
  about anything else;
- ``request``: a measure that only asks for money, against real money-management measures and measures
  about anything else.

The labelled wordings are packaged data with their source (rubrics/_money_set_1.yaml, _money_set_2.yaml,
_money_set_3.yaml by three writers who never saw the scorer, the third's not_money_* items negatives;
rubrics/_money_negatives.yaml, units of the dev eval cases that name no money, cut by the extractor's own
segmentation). The classes are weighed equally (no prior from how many
wordings each set happens to hold), so ``score`` is the evidence alone, as log-odds. Pure Python and
deterministic: the same data gives the same model and the same figures on every machine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import RootModel

from ..rubric import Strict
from ..structure.catalogue import parse_data_file

Judgement = Literal["shortage", "request"]
Group = Literal[
    "funding_shortage",
    "real_money_problem",
    "other_problem",
    "not_money_problem",
    "money_request",
    "real_money_measure",
    "other_measure",
    "not_money_measure",
]

# Which labelled groups are the positive and the negative class of each judgement.
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "shortage": (("funding_shortage",), ("real_money_problem", "other_problem", "not_money_problem")),
    "request": (("money_request",), ("real_money_measure", "other_measure", "not_money_measure")),
}
SOURCES = ("_money_set_1.yaml", "_money_set_2.yaml", "_money_set_3.yaml", "_money_negatives.yaml")
_MAX_N = 3
_SMOOTHING = 2.0  # pseudo-wordings at the pooled rate added to each class
_BREAKS = re.compile(
    r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@\[-`{-~、·…—“”‘’《》【】]+"
)


class Wording(Strict):
    """One labelled short text: its group, the text, and (for negatives) the eval case it was cut from."""

    group: Group
    text: str
    case: str | None = None


class Wordings(RootModel[list[Wording]]):
    pass


def _digits_as_zero(text: str) -> str:
    """The text with every digit read as 0, character for character (positions stay those of the text)."""
    return "".join("0" if c.isdigit() else c for c in text)


def features(text: str) -> frozenset[str]:
    """The character 1–3-grams of the text; a digit reads as 0 and no n-gram crosses punctuation."""
    normal = _digits_as_zero(text)
    grams: set[str] = set()
    for part in _BREAKS.split(normal):
        for n in range(1, _MAX_N + 1):
            grams.update(part[i : i + n] for i in range(len(part) - n + 1))
    return frozenset(grams)


@dataclass(frozen=True)
class MoneyModel:
    """Bernoulli naive Bayes, smoothed towards the pooled rate, with equal class weights."""

    weights: dict[str, float]  # per feature: log-odds when present minus log-odds when absent
    base: float  # log-odds of a text with none of the features

    @classmethod
    def train(cls, positives: Sequence[str], negatives: Sequence[str]) -> MoneyModel:
        if not positives or not negatives:
            raise ValueError("both classes need wordings")
        counts = [_counts(positives), _counts(negatives)]
        sizes = [len(positives), len(negatives)]
        weights: dict[str, float] = {}
        base = 0.0
        for feature in sorted(set(counts[0]) | set(counts[1])):
            seen = [counts[0].get(feature, 0), counts[1].get(feature, 0)]
            # Smoothed towards the rate over both classes, so that a rare n-gram says little either way however
            # unequal the classes' sizes (add-one smoothing would make any n-gram rare in the larger class
            # evidence for the smaller one).
            pooled = (sum(seen) + 1) / (sum(sizes) + 2)
            p = (seen[0] + _SMOOTHING * pooled) / (sizes[0] + _SMOOTHING)
            q = (seen[1] + _SMOOTHING * pooled) / (sizes[1] + _SMOOTHING)
            absent = math.log((1 - p) / (1 - q))
            base += absent
            weights[feature] = math.log(p / q) - absent
        return cls(weights=weights, base=base)

    def score(self, text: str) -> float:
        """Log-odds that the text belongs to the positive class; features never seen do not count."""
        return self.base + sum(self.weights.get(f, 0.0) for f in sorted(features(text)))

    def cues(self, text: str, count: int = 4) -> list[str]:
        """Verbatim stretches of the text covered by the `count` n-grams (two characters or more) that weigh
        most towards the positive class, strongest first: 「资金缺口较大」 rather than 「资金缺」「口较大」."""
        normal = _digits_as_zero(text)
        ranked = sorted(
            ((w, f) for f in features(text) if (w := self.weights.get(f, 0.0)) > 0 and len(f) > 1),
            key=lambda pair: (-round(pair[0], 9), -len(pair[1]), pair[1]),
        )[:count]
        strength = [0.0] * len(text)
        for weight, feature in ranked:
            start = normal.find(feature)
            while start >= 0:
                for i in range(start, start + len(feature)):
                    strength[i] = max(strength[i], weight)
                start = normal.find(feature, start + 1)
        spans: list[tuple[float, int, str]] = []
        i = 0
        while i < len(text):
            if strength[i] > 0:
                j = i
                while j < len(text) and strength[j] > 0:
                    j += 1
                spans.append((-max(strength[i:j]), i, text[i:j]))
                i = j
            else:
                i += 1
        return list(dict.fromkeys(span for _, _, span in sorted(spans)))


def _counts(texts: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for feature in features(text):
            counts[feature] = counts.get(feature, 0) + 1
    return counts


def load_wordings(name: str) -> list[Wording]:
    """A packaged file of labelled wordings (rubrics/<name>)."""
    text = resources.files("reviewer.rubrics").joinpath(name).read_text("utf-8")
    parsed = parse_data_file(text, name, Wordings)
    assert isinstance(parsed, Wordings)
    return parsed.root


def train(judgement: Judgement, wordings: Sequence[Wording]) -> MoneyModel:
    positive, negative = CLASSES[judgement]
    return MoneyModel.train(
        [w.text.strip() for w in wordings if w.group in positive],
        [w.text.strip() for w in wordings if w.group in negative],
    )


@cache
def packaged_wordings() -> tuple[Wording, ...]:
    """Every packaged source's wordings, read once per process for both judgements."""
    return tuple(w for name in SOURCES for w in load_wordings(name))


@cache
def packaged_model(judgement: Judgement) -> MoneyModel:
    """The model trained on every packaged source, built once per process."""
    return train(judgement, packaged_wordings())
