"""Reading figures as departments write them: 17.2, 　17.2, 1,234.5, 83.34%, 17.2万, 334.91亿元, ——, 不适用."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

# Placeholders that mean "no figure here", not zero.
_BLANKS = {"", "—", "——", "-", "--", "－", "/", "／", "不适用", "无", "…", "……", "——————"}

_NUMBER_RE = re.compile(
    r"(?P<sign>[-−])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<pct>%|％)?\s*(?P<unit>万元|亿元|万|亿|元|人|项|个|家|场|次|分|天|户|篇|件|所|㎡)?"
)


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


def clean(text: str) -> str:
    """Normalise the spacing Word leaves in cells: full-width spaces, NBSP, stray blanks."""
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def _to_halfwidth_digits(text: str) -> str:
    # NFKC maps full-width digits, ％ and ， to ASCII; applied only to figure text.
    return unicodedata.normalize("NFKC", text)


def parse_number(text: str | None) -> Number | None:
    """The single figure a cell holds, or None where the cell holds no figure (blank, ——, 不适用, prose).

    A cell counts as a figure only when, apart from the number and its unit, it holds at most a few
    characters, so that 「新增省级创新平台5个；市级创新平台8个」 is not taken for the figure 5.
    """
    if text is None:
        return None
    raw = clean(text)
    if raw in _BLANKS:
        return None
    normal = _to_halfwidth_digits(raw).replace(" ", "")
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
    if match.group("sign"):
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
