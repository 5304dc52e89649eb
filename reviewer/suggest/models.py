"""What a suggestion run produces: corrections, section advice and rewrites, as typed data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..checks.causes import RootCause
from ..model import Source
from ..review import ReviewResult
from ..rubric import RubricMismatch

RewrittenSection = Literal["problems", "measures"]


class Dependent(BaseModel):
    """A finding that goes away when its root cause is corrected: listed under that correction."""

    model_config = ConfigDict(extra="forbid")

    finding: str  # finding id
    text: str
    location: str
    proposed: float | None = None  # a figure recomputed after the correction (a 总分): the value to write


class Suggestion(BaseModel):
    """One thing to fix, anchored where the author will see it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["figure", "problems", "measures", "completeness"]
    text: str
    location: str = ""
    anchor: Source | None = None
    finding: str | None = None  # the root finding id of a figure correction
    proposed: float | None = None  # the value the author is told to write (or, for a weight, to reach)
    dependents: list[Dependent] = Field(default_factory=list)


class DraftItem(BaseModel):
    """One problem the report documents about itself, and the measure that answers it."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    dimension: str
    title: str
    facts: str
    names: list[str] = Field(default_factory=list)  # the projects or indicators it is about
    office: str = ""  # who should answer it: an office the report names, or a placeholder for the author
    topic: str = ""  # for the author's own problems: what kind of measure answers it (drafts.MEASURE_TOPICS)
    unverified: bool = False  # figures the checks found inconsistent were left out: to be corrected first
    # The author's own measure for this problem, kept as written (flagged figures masked); the rewrite asks
    # only for what it lacks: who (needs_owner), by when (needs_deadline).
    measure: str = ""
    needs_owner: bool = False
    needs_deadline: bool = False


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
    # The rubric is for another kind of report: said first in every output (Markdown, Word comment, CLI).
    rubric_mismatch: RubricMismatch | None = None
    suggestions: list[Suggestion]
    rewrites: list[Rewrite]
    rewrite_scores: dict[str, RewriteScore] = Field(default_factory=dict)  # by rubric item id
    root_causes: list[RootCause] = Field(default_factory=list)  # the findings grouped by the cell to change
