"""Scores per rubric item: the shape every scorer returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ItemStatus = Literal["scored", "needs_evidence", "not_applicable", "unscored"]


class ItemScore(BaseModel):
    """A draft score for one rubric item, with what it rests on. `unscored` carries the reason, never a silent 0."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    max_points: float
    points: float | None
    band: str | None = None
    status: ItemStatus
    scorer: str | None = None
    justification: str = ""
    evidence: list[str] = Field(default_factory=list)
    detail: dict[str, object] = Field(default_factory=dict)


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
