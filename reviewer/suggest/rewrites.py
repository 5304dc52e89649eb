"""Rewritten 问题 and 措施 sections: by template (offline) or by the model, and never with an invented figure."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..numbers import find_numbers
from ..rubric import Rubric
from ..structure import Report
from .drafts import PLACEHOLDER, UNVERIFIED
from .models import DraftItem, Rewrite, RewriteScore

if TYPE_CHECKING:
    from ..llm import LLMClient
    from ..scoring.facts import NarrativeFacts


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


# Built from the drafts' own placeholder, so the two cannot drift apart.
_PLACEHOLDER_RE = re.compile(re.escape(PLACEHOLDER).replace(re.escape("{}"), "([^〕]*)"))


# What a masked figure stands for once the author has checked it: a figure (its value is never used,
# only that the sentence states one).
_CHECKED_FIGURE = "1"


def as_filled_in(text: str) -> str:
    """A rewrite as the author will submit it: each 〔请填写：责任科室〕 stands for what the author writes there,
    and each 〔请核实后填写〕 for the figure the author fills in once it is checked.

    The scorer rightly takes a template prompt for no content (convention template_prompts); a
    placeholder in our own rewrite is a question to the author, so the rewrite is scored with the
    placeholder's subject, or a figure, in its place, and never below the original for having masked
    a figure the checks flagged.
    """
    return _PLACEHOLDER_RE.sub(r"\1", text).replace(UNVERIFIED, _CHECKED_FIGURE)


def score_rewrites(
    report: Report, rewrites: list[Rewrite], rubric: Rubric, rules_facts: NarrativeFacts | None = None
) -> dict[str, RewriteScore]:
    """Each rewrite scored by the offline rules scorer, against the original's score. `rules_facts`: the original's
    facts when the review already extracted them by the rules (extracted here otherwise)."""
    from ..scoring.engine import score_problems, score_suggestions
    from ..scoring.items import RULES
    from ..scoring.rules import extract_rules

    rewritten = report
    for rewrite in rewrites:
        rewritten = with_section_text(rewritten, rewrite.section, as_filled_in(rewrite.text))
    # Both sides by the offline scorer, so that the comparison is like for like whatever scored the review.
    facts_before, facts_after = rules_facts or extract_rules(report), extract_rules(rewritten)
    problems_item, suggestions_item = rubric.item("problems"), rubric.item("suggestions")
    scores: dict[str, RewriteScore] = {}
    problems_before: float | None = None
    problems_after: float | None = None
    if problems_item is not None:
        before = score_problems(report, problems_item, facts_before, RULES)
        after = score_problems(rewritten, problems_item, facts_after, RULES)
        problems_before, problems_after = before.points, after.points
        scores["problems"] = RewriteScore(
            before_points=before.points, before_band=before.band, after_points=after.points, after_band=after.band
        )
    if suggestions_item is not None:
        # As in the review: the measures' score reads the problems' (convention narrow_problems).
        before = score_suggestions(report, suggestions_item, facts_before, RULES, problems_points=problems_before)
        after = score_suggestions(rewritten, suggestions_item, facts_after, RULES, problems_points=problems_after)
        scores["suggestions"] = RewriteScore(
            before_points=before.points, before_band=before.band, after_points=after.points, after_band=after.band
        )
    return scores


class RewriteReply(BaseModel):
    """What the model returns when asked to rewrite the two sections."""

    model_config = ConfigDict(extra="forbid")

    problems: str = Field(description="改写后的「存在的问题及原因分析」全文，每个问题一段，含原因分析")
    measures: str = Field(description="改写后的「下一步改进措施」全文，每个问题一条措施，写明由谁、做什么、何时完成")

    def invented_figures(self, report: Report) -> list[str]:
        """Figures in either section that stand nowhere in the report, each named once."""
        return sorted(set(invented_figures(self.problems, report) + invented_figures(self.measures, report)))


def llm_rewrites(
    report: Report,
    rubric: Rubric,
    client: LLMClient,
    drafts: list[DraftItem],
    fallback: list[Rewrite],
    flagged: set[tuple[Decimal, bool]] | None = None,
) -> list[Rewrite]:
    """The model writes from the report's own facts; a rewrite with a figure not in the report is dropped.

    Such a rewrite is sent back with the figures named; if the model persists, the rules rewrite stands
    in, noting why and listing the invented figures. A figure the checks found inconsistent (`flagged`)
    is sent back the same way: the author corrects it before any rewrite builds on it.
    """
    import json

    from ..errors import LLMError, StructuredOutputError
    from ..structured import ask_structured, render_prompt

    flagged_ = flagged or set()
    model = client.settings.model
    problems, measures = report.section("problems"), report.section("measures")

    def build(json_mode: bool) -> list[dict[str, str]]:
        schema = json.dumps(RewriteReply.model_json_schema(), ensure_ascii=False)
        system = render_prompt("rewrite_system.j2", rubric=rubric, json_mode=json_mode, schema=schema)
        user = render_prompt(
            "rewrite_user.j2",
            unit=report.unit,
            year=report.year or "",
            problems=problems.text if problems else "",
            measures=measures.text if measures else "",
            facts=[f"{d.title}：{d.facts}" for d in drafts if d.facts],
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def invented_reason(invented: list[str]) -> str:
        return f"改写中出现报告中没有的数字：{'、'.join(invented)}"

    def no_invented_figures(reply: RewriteReply) -> list[str]:
        invented = reply.invented_figures(report)
        reasons = [f"{invented_reason(invented)}。只能使用报告中已有的数字，请删去或改正"] if invented else []
        inconsistent = sorted(
            {n.text for n in find_numbers(reply.problems + "\n" + reply.measures) if (n.value, n.percent) in flagged_}
        )
        if inconsistent:
            reasons.append(
                f"改写中使用了审核发现与报表其他数据不一致的数字：{'、'.join(inconsistent)}。"
                "这些数字须由单位先核实更正，改写中请改为「〔请核实后填写〕」"
            )
        return reasons

    def rules_instead(reason: str, invented: list[str]) -> list[Rewrite]:
        note = f"rules（llm:{model} 改写未采用：{reason}）"
        return [r.model_copy(update={"writer": note, "invented_figures": invented}) for r in fallback]

    try:
        reply = ask_structured(
            client,
            build_messages=build,
            reply_type=RewriteReply,
            validate=no_invented_figures,
            prompt_templates=("rewrite_system.j2", "rewrite_user.j2"),
            cache_parts=("rewrite", f"{rubric.id}@{rubric.version}"),
        )
    except StructuredOutputError as exc:
        # The figures come from the rejected reply itself, not from the wording of the error.
        rejected = exc.last_parsed
        invented = rejected.invented_figures(report) if isinstance(rejected, RewriteReply) else []
        return rules_instead(invented_reason(invented) if invented else "；".join(exc.reasons), invented)
    except LLMError as exc:
        return rules_instead(str(exc), [])
    writer = f"llm:{model}"
    return [
        Rewrite(section="problems", text=reply.problems.strip(), writer=writer),
        Rewrite(section="measures", text=reply.measures.strip(), writer=writer),
    ]
