"""Thresholds of the numeric checks that belong to a rubric, not to the code (kept in the rubric file)."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class RateBand(BaseModel):
    """From `min_percent` (inclusive) up, the 执行率得分 is `share` of the 分值."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_percent: Decimal
    share: Decimal


class IntervalScoring(BaseModel):
    """执行率 scored by interval instead of in proportion (财预〔2021〕101号: 10 / 7 / 5 / 0)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    bands: tuple[RateBand, ...] = Field(min_length=1)

    def share(self, percent: Decimal) -> Decimal:
        for band in sorted(self.bands, key=lambda b: b.min_percent, reverse=True):
            if percent >= band.min_percent:
                return band.share
        return Decimal(0)


class CompletionScoring(BaseModel):
    """How a quantitative indicator that missed its target is scored: 分值 × (完成率 − pass) ÷ (1 − pass),
    0 below the pass line. pass_percent 0 is pro rata (分值 × 完成率); 60 is 财预〔2021〕101号's example."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str  # the convention and its source, for the finding
    pass_percent: Decimal = Field(default=Decimal(0), ge=0, lt=100)
    tables: tuple[str, ...] = ()  # the table kinds it applies to; empty: every kind

    def applies_to(self, table_kind: str) -> bool:
        return not self.tables or table_kind in self.tables

    def score(self, weight: Decimal, completion: Decimal) -> Decimal:
        """The 得分 for a completion rate (actual ÷ target, a ratio, capped at 1)."""
        line = self.pass_percent / 100
        completion = min(completion, Decimal(1))
        if completion < line:
            return Decimal(0)
        return weight * (completion - line) / (1 - line)


class QualitativeGrade(BaseModel):
    """A grade of a 定性 indicator: its result written as `pattern`, scored `min_share`–`max_share` of 分值."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    pattern: str  # searched in the 实际完成值
    min_share: Decimal = Field(ge=0, le=1)
    max_share: Decimal = Field(ge=0, le=1)


class QualitativeGrades(BaseModel):
    """定性 indicators scored by grade (财预〔2021〕101号: 100–80%, 80–60%, 60–0% of 分值). The grades are
    tried in order; the first whose pattern matches the result gives the range its 得分 must fall in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    grades: tuple[QualitativeGrade, ...] = Field(min_length=1)
    tables: tuple[str, ...] = ()

    def applies_to(self, table_kind: str) -> bool:
        return not self.tables or table_kind in self.tables

    def grade(self, actual: str) -> QualitativeGrade | None:
        return next((g for g in self.grades if re.search(g.pattern, actual)), None)


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Below this budget execution rate a rubric expects the deviation to be explained.
    low_execution_percent: Decimal = Decimal(90)
    # 执行率得分 is 分值 × 执行率 (capped); these interval schemes are accepted as well.
    execution_intervals: tuple[IntervalScoring, ...] = ()
    # A missed quantitative target's 得分 is right when one of these conventions gives it.
    # Without a rubric: pro rata, the reading every published form allows.
    indicator_scoring: tuple[CompletionScoring, ...] = (
        CompletionScoring(id="pro_rata", name="按完成比例（分值 × 完成率）"),
    )
    # A 定性 indicator's 得分 is right when it falls in its grade's range.
    qualitative_grades: QualitativeGrades | None = None
