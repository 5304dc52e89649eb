"""Scores per rubric item: the shape every scorer returns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    computed_field,
    model_serializer,
    model_validator,
)

ItemStatus = Literal["scored", "needs_evidence", "not_applicable", "unscored"]
ScorerKind = Literal["rules", "llm", "evidence"]


class Scorer(BaseModel):
    """What made a score: the offline rules, a named model, or outside evidence; and any fallback."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ScorerKind
    model: str | None = None  # the model, with the llm scorer
    fell_back_from: str | None = None  # the model whose extraction failed, when the rules scored instead

    @property
    def label(self) -> str:
        """How the review shows it: rules, llm:MODEL, evidence, or rules（llm:MODEL 失败后回退）."""
        if self.fell_back_from:
            return f"rules（llm:{self.fell_back_from} 失败后回退）"
        return f"llm:{self.model}" if self.kind == "llm" else self.kind


RULES = Scorer(kind="rules")
EVIDENCE = Scorer(kind="evidence")


class ItemDetail(BaseModel):
    """What an item's score was measured from. With several llm samples: each sample's points."""

    model_config = ConfigDict(extra="forbid")

    samples: list[float | None] | None = None
    disagreement: bool | None = None

    @model_serializer(mode="wrap")
    def _omit_what_does_not_apply(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A single run has no samples, a score the bands gave alone no bands' figure beside it: no empty keys.
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if not (k in _OMITTED_WHEN_NONE and v is None)}


# Keys a detail's JSON leaves out when they do not apply (a single run; a score the bands alone gave).
_OMITTED_WHEN_NONE = ("samples", "disagreement", "bands_points", "words_points")


class NoDetail(ItemDetail):
    """Items scored from outside evidence or by a zero-rule carry no measurements."""


class CompletenessDetail(ItemDetail):
    missing_sections: list[str]  # Chinese names, with why (「…（内容为空（仅填「无」））」)
    missing_tables: list[str]


class IndicatorTableDetail(ItemDetail):
    weight_share: list[float]  # per table, the share of its best-matching weight scheme it meets
    weight_schemes: list[str] = Field(default_factory=list)  # per table, the id of that scheme
    vague: list[str]  # indicators whose target cannot be measured
    unrefined: int


class NarrativeDetail(ItemDetail):
    bands_points: float | None = None  # where a learned placement gave the score: the bands' own, for comparison
    # Where that placement also read the wording: what the words alone suggest (a feature of it, not a score).
    words_points: float | None = None


class ProblemsDetail(NarrativeDetail):
    covered_dimensions: list[str]  # rubric dimension ids, one per problem
    dimensions: int
    cause_share: float
    problems: int
    avg_chars: float
    substance_share: float
    specifics: float
    causes: float


class SuggestionsDetail(NarrativeDetail):
    unanswered: list[str]  # quotes of problems no measure answers
    orphan_measures: list[str]  # quotes of measures that answer no problem
    coverage: float
    concrete_share: float
    measures: int
    avg_chars: float


# Told apart by their fields (extra="forbid"), so the JSON carries no tag.
Detail = ProblemsDetail | SuggestionsDetail | CompletenessDetail | IndicatorTableDetail | NoDetail


class ItemScore(BaseModel):
    """A draft score for one rubric item, with what it rests on. `unscored` carries the reason, never a silent 0."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    max_points: float
    points: float | None
    band: str | None = None
    status: ItemStatus
    scorer_ref: Scorer | None = None
    justification: str = ""
    evidence: list[str] = Field(default_factory=list)
    detail: Detail = Field(default_factory=NoDetail)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def scorer(self) -> str | None:
        """`scorer_ref` as people read it; derived, so the two never disagree."""
        return self.scorer_ref.label if self.scorer_ref is not None else None

    @model_validator(mode="before")
    @classmethod
    def _derived_scorer_is_not_input(cls, data: Any) -> Any:
        # The JSON carries the label for people; reading it back, the label is derived again.
        if isinstance(data, dict) and "scorer" in data:
            data = {k: v for k, v in data.items() if k != "scorer"}
        return data


class Total(BaseModel):
    model_config = ConfigDict(extra="forbid")

    points: float | None
    max_points: float
    assessed_max_points: float


def total_of(items: list[ItemScore]) -> Total:
    scored = [i for i in items if i.points is not None]
    return Total(
        points=round(sum(i.points for i in scored if i.points is not None), 2) if scored else None,
        max_points=sum(i.max_points for i in items),
        assessed_max_points=sum(i.max_points for i in scored),
    )
