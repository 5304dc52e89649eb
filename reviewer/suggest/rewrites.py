"""Rewritten 问题 and 措施 sections: by template (offline) or by the model, and never with an invented figure."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..numbers import find_numbers
from ..rubric import Rubric
from ..structure import Report
from .models import DraftItem, Rewrite, RewriteScore

if TYPE_CHECKING:
    from ..llm import LLMClient


def source_figures(report: Report) -> set[Decimal]:
    return {n.value for n in find_numbers(report.document.full_text())}


def invented_figures(text: str, report: Report) -> list[str]:
    """Numbers in `text` that stand nowhere in the report (as a value, whatever the formatting)."""
    known = source_figures(report)
    return [n.text for n in find_numbers(text) if n.value not in known]


# ------------------------------------------------------------------------------------------- rewrites


def rules_rewrites(drafts: list[DraftItem]) -> list[Rewrite]:
    from ..render import render_template

    drafts = drafts[:10]  # 「（一）」…「（十）」
    problems = render_template("rewrite_problems.txt.j2", items=drafts).strip()
    measures = render_template("rewrite_measures.txt.j2", items=drafts).strip()
    return [
        Rewrite(section="problems", text=problems, writer="rules"),
        Rewrite(section="measures", text=measures, writer="rules"),
    ]


def with_section_text(report: Report, section_id: str, text: str) -> Report:
    """The report as if its section said `text`: for scoring a rewrite with the same engine."""
    from ..model import Paragraph

    paragraphs = [Paragraph(text=line.strip()) for line in text.splitlines() if line.strip()]
    sections = [
        s.model_copy(update={"paragraphs": paragraphs, "status": "found"})
        if s.id == section_id and s.scope == "main"
        else s
        for s in report.sections
    ]
    return report.model_copy(update={"sections": sections})


def score_rewrites(report: Report, rewrites: list[Rewrite], rubric: Rubric) -> dict[str, RewriteScore]:
    """Each rewrite scored by the offline rules scorer, against the original's score."""
    from ..scoring.engine import score_problems, score_suggestions
    from ..scoring.rules import extract_rules

    rewritten = report
    for rewrite in rewrites:
        rewritten = with_section_text(rewritten, rewrite.section, rewrite.text)
    # Both sides by the offline scorer, so that the comparison is like for like whatever scored the review.
    facts_before, facts_after = extract_rules(report), extract_rules(rewritten)
    scores: dict[str, RewriteScore] = {}
    for item_id, scorer in (("problems", score_problems), ("suggestions", score_suggestions)):
        item = rubric.item(item_id)
        if item is None:
            continue
        before = scorer(report, item, facts_before, "rules")
        after = scorer(rewritten, item, facts_after, "rules")
        scores[item_id] = RewriteScore(
            before_points=before.points, before_band=before.band, after_points=after.points, after_band=after.band
        )
    return scores


class RewriteReply(BaseModel):
    """What the model returns when asked to rewrite the two sections."""

    model_config = ConfigDict(extra="forbid")

    problems: str = Field(description="改写后的「存在的问题及原因分析」全文，每个问题一段，含原因分析")
    measures: str = Field(description="改写后的「下一步改进措施」全文，每个问题一条措施，写明由谁、做什么、何时完成")


def llm_rewrites(
    report: Report, rubric: Rubric, client: LLMClient, drafts: list[DraftItem], fallback: list[Rewrite]
) -> list[Rewrite]:
    """The model writes from the report's own facts; a rewrite with a figure not in the report is dropped."""
    import json

    from ..errors import LLMError
    from ..llm import JsonModeRequired, cache_key
    from ..scoring.llm_extractor import render_prompt

    settings = client.settings
    schema = RewriteReply.model_json_schema()
    problems, measures = report.section("problems"), report.section("measures")

    def build(json_mode: bool) -> list[dict[str, str]]:
        system = render_prompt(
            "rewrite_system.j2", rubric=rubric, json_mode=json_mode, schema=json.dumps(schema, ensure_ascii=False)
        )
        user = render_prompt(
            "rewrite_user.j2",
            unit=report.unit,
            year=report.year or "",
            problems=problems.text if problems else "",
            measures=measures.text if measures else "",
            facts=[f"{d.title}：{d.facts}" for d in drafts if d.facts],
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    messages = build(client.json_mode)
    reason = ""
    for _attempt in range(settings.max_reasks + 1):
        key = cache_key("rewrite", settings.model, json.dumps(messages, ensure_ascii=False))
        try:
            try:
                completion = client.complete(messages, schema, key)
            except JsonModeRequired:
                messages = build(True) + messages[2:]
                completion = client.complete(messages, schema, cache_key("rewrite", settings.model, str(messages)))
            reply = RewriteReply.model_validate_json(completion.text.strip().strip("`").removeprefix("json"))
        except LLMError as exc:
            reason = str(exc)
            break
        except ValueError as exc:
            reason = f"回复不是符合要求的 JSON：{exc}"
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": f"{reason}。请重新输出完整的 JSON。"},
            ]
            continue
        invented = sorted(set(invented_figures(reply.problems, report) + invented_figures(reply.measures, report)))
        if not invented:
            writer = f"llm:{settings.model}"
            return [
                Rewrite(section="problems", text=reply.problems.strip(), writer=writer),
                Rewrite(section="measures", text=reply.measures.strip(), writer=writer),
            ]
        reason = f"改写中出现报告中没有的数字：{'、'.join(invented)}"
        messages = [
            *messages,
            {"role": "assistant", "content": completion.text},
            {"role": "user", "content": f"{reason}。只能使用报告中已有的数字，请删去或改正后重新输出完整的 JSON。"},
        ]
    note = f"rules（llm:{settings.model} 改写未采用：{reason}）"
    invented_list = reason.split("：", 1)[1].split("、") if "报告中没有的数字" in reason else []
    return [r.model_copy(update={"writer": note, "invented_figures": invented_list}) for r in fallback]
