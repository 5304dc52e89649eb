"""Thresholds of the numeric checks that belong to a rubric, not to the code (kept in the rubric file)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Below this budget execution rate a rubric expects the deviation to be explained.
    low_execution_percent: Decimal = Decimal(90)
