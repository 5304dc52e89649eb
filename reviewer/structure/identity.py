"""Who and when: the report's title, the unit it is about, its year and its kind.

How titles, unit labels and the ends of unit names are written is data (`identity` in
rubrics/_sections.yaml, facts in docs/forms.md).
"""

from __future__ import annotations

import re

from ..model import Document, Paragraph
from .catalogue import load_section_catalogue
from .models import ReportKind, TableInfo

_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_YEAR_RE = re.compile(r"(20\d\d)\s*年|([〇零○Ｏ一二三四五六七八九]{4})\s*年")
_YEAR_AFTER_RE = re.compile(r"(?:20\d\d|[〇零○Ｏ一二三四五六七八九]{4})\s*年度?")


def find_title(paragraphs: list[Paragraph]) -> str:
    """The report's title; Word reports often break it over two lines (「…部门整体支出」「绩效自评报告」)."""
    for title in load_section_catalogue().identity.titles:
        pattern = re.compile(title)
        for i, paragraph in enumerate(paragraphs):
            if len(paragraph.text) <= 80 and pattern.search(paragraph.text):
                previous = paragraphs[i - 1].text if i else ""
                if previous and not re.search(r"[。；：:，]$|报告$|表$", previous) and len(previous) < 40:
                    return previous + paragraph.text
                return paragraph.text
    return ""


def _year_of(match: re.Match[str]) -> int | None:
    if match.group(1):
        return int(match.group(1))
    digits = "".join(_CHINESE_DIGITS.get(c, "") for c in match.group(2))
    return int(digits) if len(digits) == 4 and digits.startswith("20") else None


def find_year(document: Document, title: str = "") -> int | None:
    """The year the report covers: the title's first (2022年 / 2022年度 / 二〇二二年度 / 「2022 年」), else
    the first 「20xx年度」 of the text, else its first 「20xx年」."""
    match = _YEAR_RE.search(title)
    if match and _year_of(match):
        return _year_of(match)
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    for pattern in (r"(20\d\d)\s*年度", r"(20\d\d)\s*年"):
        for text in paragraphs:
            found = re.search(pattern, text)
            if found:
                return int(found.group(1))
    return None


def _units_in_title(title: str) -> tuple[str, str]:
    """The unit named before the year (「红河州数据发展中心2024年度…」) and after it
    (「2023年度双牌县…局部门整体…」)."""
    suffix = load_section_catalogue().identity.unit_suffix
    year = _YEAR_AFTER_RE.search(title)
    if year is None:
        return "", ""
    before = title[: year.start()].strip()
    after = re.match(
        rf"\s*(.*?{suffix})(?=部门整体|整体支出|单位整体|项目支出|本级|.{{1,20}}项目)", title[year.end() :]
    )
    return (before if re.search(f"{suffix}$", before) else ""), (after.group(1) if after else "")


def find_unit(document: Document, tables: list[TableInfo], title: str = "") -> str:
    """The unit: a 「单位名称：」 line, the 部门整体 table's name, the title before its year, a form's
    实施单位 / 主管部门 cell, the title after its year — the first that names one."""
    identity = load_section_catalogue().identity
    line = re.compile(rf"(?:{identity.unit_labels})[（(]?[^）)]*[）)]?[:：]\s*(\S+)")
    for block in document.blocks:
        if isinstance(block, Paragraph):
            match = line.search(block.text)
            if match:
                return match.group(1)
    for info in tables:
        if info.kind == "dept_self_eval" and info.name:
            return info.name
    before, after = _units_in_title(title)
    if before:
        return before
    label = re.compile(identity.form_unit_labels)
    for info in tables:
        for key, cell in info.fields.items():
            if label.search(key) and cell.flat.strip():
                return re.sub(r"[（(]盖章[）)]", "", cell.flat).strip()
    return after


def find_kind(title: str, tables: list[TableInfo]) -> ReportKind:
    if re.search(load_section_catalogue().identity.dept_title, title):
        return "dept"
    return "dept" if any(t.kind == "dept_self_eval" for t in tables) else "project"
