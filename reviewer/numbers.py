"""Reading figures as departments write them: 17.2, 　17.2, 1,234.5, 9，292.74, ９２９２．７４, 83.34%, 96.7 %,
５５．３５％, 17.2万, 334.91亿元, −3.5, （4.9）, ——, 不适用. One parser for table cells and prose."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

# Placeholders that mean "no figure here", not zero.
_BLANKS = {"", "—", "——", "-", "--", "－", "/", "／", "不适用", "无", "…", "……", "——————"}

_UNITS = r"万元|亿元|万|亿|元|人|项|个|家|场|次|分|天|户|篇|件|所|㎡"
# A figure after NFKC (full-width digits, ．，％ and － become ASCII): thousands separated by commas,
# a sign (− is not folded by NFKC), a percent sign, a unit.
_NUMBER_RE = re.compile(
    r"(?:(?<!\d)(?P<sign>[-−+]))?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*"
    rf"(?P<unit>{_UNITS})?"
)
# Accounting negatives in a cell: 「（4.9）」「(1,234.50)」「（12%）」; a count in brackets (「（30分）」) is not one.
_BRACKETED_RE = re.compile(r"\((?P<inner>[^()]+)\)")
_BRACKET_UNITS = {"", "万元", "亿元", "元"}
# In prose: a figure as typed, full-width or not, with its thousands separators (「9,292.74」「9，292.74」
# 「９２９２．７４」), for the narrative checks' patterns. The matched text is kept verbatim for evidence.
NUMBER_PATTERN = r"(\d{1,3}(?:[,，]\d{3})+(?![\d])(?:[.．]\d+)?|\d+(?:[.．]\d+)?)"
# What a figure's unit means in yuan, for comparing 万元 with 亿元.
_YUAN = {"元": Decimal(1), "万元": Decimal(10**4), "万": Decimal(10**4), "亿元": Decimal(10**8), "亿": Decimal(10**8)}


class Number(BaseModel):
    """A figure as written: its value, how many decimals it was given to, and its unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: Decimal
    decimals: int
    percent: bool = False
    unit: str = ""
    text: str = ""

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last written digit: the rounding slack this figure carries."""
        return Decimal(5) * Decimal(10) ** (-(self.decimals + 1))

    def as_ratio(self) -> Decimal:
        return self.value / 100 if self.percent else self.value

    def in_yuan(self) -> Decimal | None:
        """The amount in 元 where the unit is one of 元/万元/亿元 (or 万/亿), else None."""
        factor = _YUAN.get(self.unit)
        return None if factor is None or self.percent else self.value * factor


_BLANKS_RE = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """Normalise the spacing Word leaves in cells: full-width spaces, NBSP, stray blanks."""
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\u200b", "")
    if "\t" in text or "  " in text:  # else the substitution changes nothing: most texts, spared the regex
        text = _BLANKS_RE.sub(" ", text)
    return text.strip()


def _to_halfwidth_digits(text: str) -> str:
    # NFKC maps full-width digits, ％ ， ． （ ） and － to ASCII; applied only to figure text.
    return unicodedata.normalize("NFKC", text).replace("−", "-")


def parse_number(text: str | None) -> Number | None:
    """The single figure a cell holds, or None where the cell holds no figure (blank, ——, 不适用, prose).

    A cell counts as a figure only when, apart from the number and its unit, it holds at most a few
    characters, so that 「新增省级创新平台5个；市级创新平台8个」 is not taken for the figure 5.
    """
    return None if text is None else _parse_cell(text)


@lru_cache(maxsize=4096)
def _parse_cell(text: str) -> Number | None:
    """`parse_number`, memoised by text: structure asks again and again of the same cell (is it a label,
    a header, a figure, which column), a quarter of analysing a table. Safe to share: the result
    depends on the text alone and a `Number` is frozen (its `Decimal` immutable)."""
    raw = clean(text)
    if raw in _BLANKS:
        return None
    normal = _to_halfwidth_digits(raw).replace(" ", "")
    bracketed = _BRACKETED_RE.fullmatch(normal)
    if bracketed:
        match = _NUMBER_RE.fullmatch(bracketed.group("inner"))
        if not match or match.group("sign") or match.group("unit") not in _BRACKET_UNITS | {None}:
            return None
        number = _number_from_match(match, raw)
        return None if number is None else number.model_copy(update={"value": -number.value})
    match = _NUMBER_RE.fullmatch(normal)
    if not match:
        return None
    return _number_from_match(match, raw)


def _number_from_match(match: re.Match[str], raw: str) -> Number | None:
    digits = match.group("num").replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if match.group("sign") in ("-", "−"):
        value = -value
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Number(
        value=value,
        decimals=decimals,
        percent=bool(match.group("pct")),
        unit=match.group("unit") or "",
        text=raw,
    )


def find_numbers(text: str) -> list[Number]:
    """Every figure in a piece of prose, in order."""
    normal = _to_halfwidth_digits(text)
    found = []
    for match in _NUMBER_RE.finditer(normal):
        number = _number_from_match(match, match.group(0).strip())
        if number is not None:
            found.append(number)
    return found


def fmt(value: Decimal | float | int, decimals: int = 2) -> str:
    """A figure for a Chinese message: fixed decimals, trailing zeros trimmed."""
    quantized = Decimal(value).quantize(Decimal(10) ** -decimals) if decimals > 0 else Decimal(round(value))
    text = f"{quantized:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
