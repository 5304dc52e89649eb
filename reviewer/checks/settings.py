"""Thresholds of the numeric checks that belong to a rubric, not to the code (kept in the rubric file)."""

from __future__ import annotations

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


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Below this budget execution rate a rubric expects the deviation to be explained.
    low_execution_percent: Decimal = Decimal(90)
    # 执行率得分 is 分值 × 执行率 (capped); these interval schemes are accepted as well.
    execution_intervals: tuple[IntervalScoring, ...] = ()
