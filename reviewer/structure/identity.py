"""Who and when: the report's title, the unit it is about, and its year."""

from __future__ import annotations

import re

from ..model import Document, Paragraph
from .models import TableInfo


def find_title(paragraphs: list[Paragraph]) -> str:
    """The report's title; Word reports often break it over two lines (「…部门整体支出」「绩效自评报告」)."""
    for i, paragraph in enumerate(paragraphs):
        if re.search(r"自评报告$", paragraph.text):
            previous = paragraphs[i - 1].text if i else ""
            if previous and not re.search(r"[。；：:，]$|报告$|表$", previous) and len(previous) < 40:
                return previous + paragraph.text
            return paragraph.text
    return ""


def find_unit(document: Document, tables: list[TableInfo]) -> str:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            match = re.search(
                r"(?:单位名称|部门[（(]单位[）)]名称|部门名称)[（(]?[^）)]*[）)]?[:：]\s*(\S+)", block.text
            )
            if match:
                return match.group(1)
    for info in tables:
        if info.kind == "dept_self_eval" and info.name:
            return info.name
    title = next((b.text for b in document.blocks if isinstance(b, Paragraph) and "自评报告" in b.text), "")
    match = re.search(r"年度(.+?)(部门整体|项目)支出", title)
    return match.group(1) if match else ""


def find_year(document: Document) -> int | None:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            match = re.search(r"(20\d\d)\s*年度", block.text)
            if match:
                return int(match.group(1))
    return None
