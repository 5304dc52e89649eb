"""Comparing a stated figure with what it should be, allowing for the rounding it was written with.

A figure given to two decimals matches when it is the correctly rounded value (exact), or when it is
within the rounding the inputs carried plus half a unit of its own last digit (rounding: harmless,
reported as info). Anything further is a real discrepancy.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..numbers import Number, fmt

Verdict = Literal["exact", "rounding", "mismatch"]


class Comparison(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    computed: Decimal
    slack: Decimal

    @property
    def tolerance(self) -> str:
        return f"±{fmt(self.slack, 4)}（按各数所填小数位的半个单位传播）"


def round_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)


def compare(stated: Number, computed: Decimal, input_slack: Decimal) -> Comparison:
    slack = input_slack + stated.half_unit
    if round_to(computed, stated.decimals) == stated.value or computed == stated.value:
        verdict: Verdict = "exact"
    elif abs(stated.value - computed) <= slack:
        verdict = "rounding"
    else:
        verdict = "mismatch"
    return Comparison(verdict=verdict, computed=computed, slack=slack)


def compare_sum(stated: Number, parts: Sequence[Number], whole_numbers_exact: bool = False) -> Comparison:
    """stated ≈ Σ parts. Points (分值, 得分) set as whole numbers are exact, not rounded: pass
    whole_numbers_exact so that only parts written with decimals carry rounding slack."""
    total = sum((p.value for p in parts), Decimal(0))
    slack = sum((p.half_unit for p in parts if p.decimals or not whole_numbers_exact), Decimal(0))
    if whole_numbers_exact and stated.decimals == 0 and all(p.decimals == 0 for p in parts):
        return Comparison(verdict="exact" if total == stated.value else "mismatch", computed=total, slack=slack)
    return compare(stated, total, slack)


def compare_ratio(
    stated: Number, numerator: Number, denominator: Number, scale: Decimal = Decimal(100), exact_inputs: bool = False
) -> Comparison:
    """stated ≈ numerator ÷ denominator × scale (scale 100 for a percentage).

    exact_inputs: the inputs are counts (people, posts), not rounded amounts, and carry no slack.
    """
    ratio = numerator.value / denominator.value * scale
    if exact_inputs:
        return compare(stated, ratio, Decimal(0))
    numerator_size = abs(numerator.value) or Decimal(1)
    relative = numerator.half_unit / numerator_size + denominator.half_unit / abs(denominator.value)
    return compare(stated, ratio, abs(ratio) * relative)


def compare_product(
    stated: Number, factor: Number, rate: Decimal, rate_slack: Decimal, exact_factor: bool = False
) -> Comparison:
    """stated ≈ factor × rate, e.g. 预算执行率得分 = 分值 × 执行率.

    exact_factor: the factor is set, not measured (a 分值 of 10 is exactly 10), and carries no slack.
    """
    product = factor.value * rate
    factor_slack = Decimal(0) if exact_factor else abs(rate) * factor.half_unit
    return compare(stated, product, abs(factor.value) * rate_slack + factor_slack)


def percent_text(value: Decimal) -> str:
    return f"{fmt(value, 2)}%"
