"""What a suggestion run produces: corrections, section advice and rewrites, as typed data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Source
from ..review import ReviewResult

RewrittenSection = Literal["problems", "measures"]


class Suggestion(BaseModel):
    """One thing to fix, anchored where the author will see it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["figure", "problems", "measures", "completeness"]
    text: str
    location: str = ""
    anchor: Source | None = None


class DraftItem(BaseModel):
    """One problem the report documents about itself, and the measure that answers it."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    dimension: str
    title: str
    facts: str
    names: list[str] = Field(default_factory=list)


class Rewrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    section: RewrittenSection
    text: str
    writer: str  # rules | llm:MODEL | rules（llm 改写含报告外数字，已弃用）
    invented_figures: list[str] = Field(default_factory=list)


class RewriteScore(BaseModel):
    """A section scored by the offline rules scorer before and after its rewrite."""

    model_config = ConfigDict(extra="forbid")

    before_points: float | None
    before_band: str | None
    after_points: float | None
    after_band: str | None


class SuggestResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    review: ReviewResult
    suggestions: list[Suggestion]
    rewrites: list[Rewrite]
    rewrite_scores: dict[str, RewriteScore] = Field(default_factory=dict)  # by rubric item id
