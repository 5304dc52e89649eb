"""Findings and check outcomes: what the numeric checks report."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Source
from .location import Location
from .registry import CheckId

Severity = Literal["error", "warning", "info"]
Outcome = Literal["passed", "failed", "not_assessable"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    check: CheckId
    severity: Severity
    message: str
    location: str  # `location_ref` in Chinese, as people read it
    location_ref: Location
    stated: float | None = None
    computed: float | None = None
    tolerance: str | None = None
    anchor: Source | None = None
    # The findings whose correction `computed` assumes (a 总分 recomputed from the corrected 得分): this
    # finding follows from them and is refilled once they are corrected.
    assumes: list[str] = Field(default_factory=list)


class CheckOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: CheckId
    name: str
    outcome: Outcome
    assessed: int = 0  # how many figures or relations it looked at
    reason: str = ""  # why not assessable


class CheckSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    run: list[CheckId]
    passed: list[CheckId]
    failed: list[CheckId]
    not_assessable: list[CheckId]
    outcomes: list[CheckOutcome]


class CheckResults(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: list[Finding] = Field(default_factory=list)
    summary: CheckSummary


def fingerprint(check: str, location: str, expression: str) -> str:
    """A stable id: the same check on the same place and relation, whatever the wording."""
    digest = hashlib.sha1(f"{check}|{location}|{expression}".encode()).hexdigest()
    return digest[:12]


def as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
