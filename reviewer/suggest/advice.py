"""Section advice: what the 问题 and 措施 sections miss, against the rubric, and what the report lacks."""

from __future__ import annotations

from typing import Literal

from ..model import Source
from ..quotes import shorten
from ..review import ReviewResult
from ..rubric import CompletenessRule, Rubric, load_lexicon
from ..scoring.facts import NarrativeFacts
from ..scoring.items import CompletenessDetail, ProblemsDetail, SuggestionsDetail
from ..structure import TABLE_KIND_NAMES, Report
from ..structure.catalogue import load_section_catalogue, load_table_catalogue
from .models import Suggestion


def _quoted(prefix: str, quotes: list[str], limit: int | None = None) -> str:
    return prefix + "；".join(f"「{shorten(q, limit) if limit else q}」" for q in quotes)


def section_advice(report: Report, result: ReviewResult, facts: NarrativeFacts, rubric: Rubric) -> list[Suggestion]:
    items = {i.id: i for i in result.items}
    names = {d.id: d.name for i in rubric.items for d in i.dimensions}
    problem_advice: list[str] = []
    problems_item = items.get("problems")
    if problems_item is not None and problems_item.points is not None:
        detail = problems_item.detail
        covered = detail.covered_dimensions if isinstance(detail, ProblemsDetail) else []
        missing = [name for key, name in names.items() if key not in covered]
        if missing:
            problem_advice.append(f"未涉及的方面：{'、'.join(missing)}；评分表要求从这些方面归纳问题")
        counted = [p for p in facts.problems if not p.funding_only]
        # ProblemFact.cause is what the scorer counts too (「分析了原因的问题」): the same reading, said as one.
        if no_cause := [p.quote for p in counted if not p.cause]:
            markers = "」「".join(load_lexicon().cause_markers[:4])
            lead = (
                f"以下问题未能识别出原因分析（查找的是「{markers}」等说明原因的词；"
                "如已写明原因，可用「原因是……」点明）："
            )
            problem_advice.append(_quoted(lead, no_cause))
        if vague := [p.quote for p in counted if not p.specifics]:
            problem_advice.append(_quoted("以下问题缺少具体数据或事例：", vague))
        if funding := [p.quote for p in facts.problems if p.funding_only]:
            problem_advice.append(_quoted("只写资金不足的问题不得分（「只提出资金不足问题的不得分」）：", funding))
    measure_advice: list[str] = []
    suggestions_item = items.get("suggestions")
    if suggestions_item is not None and suggestions_item.points is not None:
        answers = suggestions_item.detail
        measured = answers if isinstance(answers, SuggestionsDetail) else None
        if measured is not None and (unanswered := measured.unanswered):
            measure_advice.append(_quoted("以下问题没有对应的改进措施：", unanswered))
        if measured is not None and (orphan := measured.orphan_measures):
            measure_advice.append(_quoted("以下措施没有回应报告中的任何问题：", orphan))
        if vague := [m.quote for m in facts.measures if not m.concrete]:
            measure_advice.append(_quoted("以下措施未写明责任主体、具体做法或完成时间：", vague, limit=30))
        if money := [m.quote for m in facts.measures if m.money_only]:
            measure_advice.append(_quoted("只提加大资金投入的措施不得分：", money))
    out: list[Suggestion] = []
    sections: tuple[tuple[Literal["problems", "measures"], list[str]], ...] = (
        ("problems", problem_advice),
        ("measures", measure_advice),
    )
    catalogue = load_section_catalogue()
    for kind, advice in sections:
        section = report.section(kind)
        title = catalogue.section_name(kind)
        anchor = section.anchor if section and section.anchor else where_section_goes(report, rubric, kind)[0]
        out.extend(Suggestion(kind=kind, text=text, location=title, anchor=anchor) for text in advice)
    completeness = items.get("completeness")
    if completeness is not None and isinstance(completeness.detail, CompletenessDetail):
        out.extend(_missing_sections(report, rubric))
        out.extend(_missing_tables(report, rubric))
    return out


def _table_anchor(report: Report, kind: str) -> Source | None:
    """The first cell of the first table of `kind` in the file."""
    info = next(iter(report.tables_of(kind)), None)
    source = next((v.source for v in info.values if v.source.table is not None), None) if info else None
    return Source(table=source.table, row=0, col=0) if source is not None else None


def _missing_tables(report: Report, rubric: Rubric) -> list[Suggestion]:
    """Each required attachment that is missing, on the attachment it should precede (or follow)."""
    item = rubric.item("completeness")
    rule = item.rule if item is not None else None
    if not isinstance(rule, CompletenessRule):
        return []
    # An attachment of the other kind of report (a rubric for another kind) is not asked for.
    catalogue = load_table_catalogue()
    order = [t for t in rule.attachments.tables if catalogue.belongs_to(t, report.kind)]
    out = []
    for at, kind in enumerate(order):
        if report.tables_of(kind):
            continue
        text, anchor = f"请补充附件：{TABLE_KIND_NAMES[kind]}", None
        following = next((k for k in order[at + 1 :] if _table_anchor(report, k)), None)
        preceding = next((k for k in reversed(order[:at]) if _table_anchor(report, k)), None)
        if following is not None:
            text, anchor = f"{text}；应附在「{TABLE_KIND_NAMES[following]}」之前", _table_anchor(report, following)
        elif preceding is not None:
            text, anchor = f"{text}；应附在「{TABLE_KIND_NAMES[preceding]}」之后", _table_anchor(report, preceding)
        out.append(Suggestion(kind="completeness", text=text, location="报告附件", anchor=anchor))
    return out


def _section_order(rubric: Rubric) -> list[str]:
    item = rubric.item("completeness")
    rule = item.rule if item is not None else None
    return list(rule.main.sections) if isinstance(rule, CompletenessRule) else []


def where_section_goes(report: Report, rubric: Rubric, section_id: str) -> tuple[Source | None, str]:
    """Where a section that is not in the report belongs: the heading of the next part present (or the
    last one before it), and the words saying so."""
    order = _section_order(rubric)
    if section_id not in order:
        return None, ""
    at = order.index(section_id)
    catalogue = load_section_catalogue()
    after = [report.section(i) for i in order[at + 1 :]]
    before = [report.section(i) for i in reversed(order[:at])]
    following = next((s for s in after if s is not None and s.anchor is not None), None)
    if following is not None:
        return following.anchor, f"应放在「{catalogue.section_name(following.id)}」之前"
    preceding = next((s for s in before if s is not None and s.anchor is not None), None)
    if preceding is not None:
        return preceding.anchor, f"应放在「{catalogue.section_name(preceding.id)}」之后"
    return None, ""


def _missing_sections(report: Report, rubric: Rubric) -> list[Suggestion]:
    """Each required part that is missing or only says 「无」: on its heading, or where it should go."""
    out = []
    catalogue = load_section_catalogue()
    for section_id in _section_order(rubric):
        section = report.section(section_id)
        if section is not None and section.status == "found":
            continue
        if not catalogue.has_section(report.kind, section_id):  # a part of the other kind of report
            continue
        text = f"请补充正文部分：{report.section_gap(section_id)}"
        anchor = section.anchor if section is not None and section.status == "empty" else None
        if anchor is None:
            anchor, where = where_section_goes(report, rubric, section_id)
            text += f"；{where}" if where else ""
        out.append(Suggestion(kind="completeness", text=text, location="报告正文", anchor=anchor))
    return out
