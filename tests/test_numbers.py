"""Figures as people type them, in cells and in prose: one parser for both."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_000, seed_path

from reviewer.checks.prose import N
from reviewer.numbers import find_numbers, parse_number
from reviewer.review import review_path

# (as typed, value, percent, unit); value None: not a figure.
SPELLINGS: list[tuple[str, str | None, bool, str]] = [
    ("17.2", "17.2", False, ""),
    ("　17.2　", "17.2", False, ""),
    ("0", "0", False, ""),
    ("0.00", "0.00", False, ""),
    ("1,234.5", "1234.5", False, ""),
    ("12,345,678.90", "12345678.90", False, ""),
    ("9,292.74万元", "9292.74", False, "万元"),
    ("9，292.74万元", "9292.74", False, "万元"),
    ("9，292．74", "9292.74", False, ""),
    ("９２９２．７４", "9292.74", False, ""),
    ("９，２９２．７４万元", "9292.74", False, "万元"),
    ("1 234.5", "1234.5", False, ""),
    ("83.34%", "83.34", True, ""),
    ("83.34％", "83.34", True, ""),
    ("96.7 %", "96.7", True, ""),
    ("96.7 ％", "96.7", True, ""),
    ("５５．３５％", "55.35", True, ""),
    ("100%", "100", True, ""),
    ("−3.5", "-3.5", False, ""),
    ("-3.5", "-3.5", False, ""),
    ("－3.5", "-3.5", False, ""),
    ("+2", "2", False, ""),
    ("-12.5%", "-12.5", True, ""),
    ("（4.9）", "-4.9", False, ""),
    ("(4.9)", "-4.9", False, ""),
    ("(1,234.50)", "-1234.50", False, ""),
    ("（1，234.50）", "-1234.50", False, ""),
    ("（12.5%）", "-12.5", True, ""),
    ("（6.08万元）", "-6.08", False, "万元"),
    ("17.2万", "17.2", False, "万"),
    ("17.2万元", "17.2", False, "万元"),
    ("334.91亿元", "334.91", False, "亿元"),
    ("1.2亿", "1.2", False, "亿"),
    ("3 万元", "3", False, "万元"),
    ("5000元", "5000", False, "元"),
    ("31人", "31", False, "人"),
    ("12项", "12", False, "项"),
    ("8.33分", "8.33", False, "分"),
    ("365天", "365", False, "天"),
    ("——", None, False, ""),
    ("—", None, False, ""),
    ("-", None, False, ""),
    ("／", None, False, ""),
    ("不适用", None, False, ""),
    ("无", None, False, ""),
    ("", None, False, ""),
    ("（30分）", None, False, ""),  # a weight in brackets, not a negative
    ("新增省级创新平台5个；市级创新平台8个", None, False, ""),
    ("12,34", None, False, ""),
    ("已达到目标", None, False, ""),
]


def test_the_table_has_enough_real_world_spellings() -> None:
    assert len(SPELLINGS) >= 40


@pytest.mark.parametrize(("typed", "value", "percent", "unit"), SPELLINGS)
def test_cell_figures(typed: str, value: str | None, percent: bool, unit: str) -> None:
    number = parse_number(typed)
    if value is None:
        assert number is None
        return
    assert number is not None
    assert (number.value, number.percent, number.unit) == (Decimal(value), percent, unit)
    assert number.text == typed.strip("　")


def test_decimals_and_yuan() -> None:
    number = parse_number("９，２９２．７４万元")
    assert number is not None and number.decimals == 2 and number.in_yuan() == Decimal("92927400")
    yi = parse_number("1.2亿元")
    assert yi is not None and yi.in_yuan() == Decimal("120000000")
    assert parse_number("83.34%").in_yuan() is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("项目支出9,292.74万元，基本支出465.34万元", ["9292.74", "465.34"]),
        ("项目支出9，292.74万元", ["9292.74"]),
        ("减少５５．３５％，原因是", ["55.35"]),
        ("2022-2023年度共12项", ["2022", "2023", "12"]),
        ("比上年下降−3.5%", ["-3.5"]),
    ],
)
def test_prose_figures(sentence: str, figures: list[str]) -> None:
    assert [str(n.value) for n in find_numbers(sentence)] == figures


@pytest.mark.parametrize("typed", ["9,292.74", "9，292.74", "９２９２．７４", "9292.74", "９，２９２．７４"])
def test_narrative_pattern_takes_the_whole_figure_verbatim(typed: str) -> None:
    match = re.search(r"项目支出" + N + r"万元", f"其中：基本支出465.34万元，项目支出{typed}万元。")
    assert match is not None and match.group(1) == typed
    assert parse_number(match.group(1)).value == Decimal("9292.74")  # type: ignore[union-attr]


def _outcome(path: Path) -> list[tuple[object, ...]]:
    result = review_path(path)
    return sorted((f.check, f.severity, f.stated, f.computed) for f in result.findings) + [
        (i.id, i.points) for i in result.items
    ]


def test_narrative_figures_typed_otherwise_give_the_same_findings(tmp_path: Path) -> None:
    """Seed 000's narrative with its figures typed full-width and with thousands separators."""
    text = seed_path(SEED_000, "txt").read_text("utf-8")
    retyped = (
        text.replace("项目支出9292.74万元", "项目支出9，292.74万元")
        .replace("基本支出465.34万元，项目", "基本支出４６５．３４万元，项目")
        .replace("减少55.35%", "减少５５．３５％")
        .replace("本部门支出9758.08万元", "本部门支出9,758.08万元")
    )
    assert retyped.count("9，292.74") == 1 and "５５．３５％" in retyped
    path = tmp_path / "retyped.txt"
    path.write_text(retyped, "utf-8")
    assert _outcome(path) == _outcome(seed_path(SEED_000, "txt"))
    quotes = [f.message for f in review_path(path).findings if f.check == "cross_reference"]
    assert any("项目支出9，292.74万元" in q for q in quotes)  # evidence stays verbatim
