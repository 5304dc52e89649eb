"""Is this a 绩效自评报告 at all? A 通知, a 管理办法, a 决算, a contents page or a blank template is not.

A report has a filled self-evaluation form or enough of a report's narrative; what else a document
may be is told by its first line (data: `not_a_report` in rubrics/_sections.yaml).
"""

from __future__ import annotations

import re

from ..model import Paragraph
from ..quotes import shorten
from .catalogue import load_section_catalogue
from .models import Report, TableInfo


def _filled(info: TableInfo) -> bool:
    return any(v.number is not None for v in info.values) or any(
        i.score is not None or (i.actual and not i.placeholder) for i in info.indicators
    )


def not_a_report_reason(report: Report) -> str:
    """Why the document is not a 绩效自评报告, in Chinese; empty when it is one."""
    rules = load_section_catalogue().not_a_report
    forms = report.indicator_tables()
    if any(_filled(info) for info in forms):
        return ""
    parts = [s for s in report.sections if s.scope == "main" and s.status == "found"]
    if len(parts) >= rules.min_sections:
        return ""
    first = next((b.text for b in report.document.blocks if isinstance(b, Paragraph) and b.text.strip()), "")
    if first and any(re.search(p, first) for p in rules.other_titles):
        return f"文件首行为「{shorten(first, 40)}」，是通知、制度或决算类文件，不是绩效自评报告"
    if forms:
        return "绩效自评表只有表头和模板提示语，未填写"
    if report.title:
        return f"有标题「{shorten(report.title, 40)}」，但正文各部分和绩效自评表都未填写"
    return "没有找到绩效自评报告的标题、正文各部分或绩效自评表，不是绩效自评报告"
