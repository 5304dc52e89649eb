"""Suggestions for the department's author: figure corrections, section advice, and rewritten
问题 and 改进措施 sections grounded in the report's own facts.

A rewrite invents no figure: every number in it must appear in the source report, checked
deterministically for the rules rewrite and the llm rewrite alike.
"""

from __future__ import annotations

from ..review import ReviewOptions
from ..structure import Report
from .advice import section_advice
from .annotation import DISCLAIMER, Note, annotation_notes
from .corrections import figure_suggestions
from .drafts import documented_problems, flagged_figures
from .models import DraftItem, Rewrite, Suggestion, SuggestResult
from .rewrites import invented_figures, llm_rewrites, rules_rewrites, score_rewrites

__all__ = [
    "DISCLAIMER",
    "DraftItem",
    "Note",
    "Rewrite",
    "SuggestResult",
    "Suggestion",
    "annotation_notes",
    "invented_figures",
    "make_suggestions",
]


def make_suggestions(report: Report, options: ReviewOptions) -> SuggestResult:
    from ..review import llm_client, review_with_facts
    from ..rubric import load_rubric
    from ..scoring.rules import extract_rules

    rubric = load_rubric(options.rubric)
    client = llm_client(options) if options.scorer == "llm" else None  # one token budget for the report
    result, facts = review_with_facts(report, options, client)
    facts = facts or extract_rules(report)
    # The rewrites are compared by the rules scorer on both sides: the review's facts serve when the rules made them.
    rules_facts = facts if client is None else None
    drafts = documented_problems(report, result, facts, rubric.checks.low_execution_percent)
    rewrites = rules_rewrites(drafts)
    if client is not None:
        rewrites = llm_rewrites(report, rubric, client, drafts, rewrites, flagged_figures(result))
    corrections, causes = figure_suggestions(result, report, rubric)
    suggestions = corrections + section_advice(report, result, facts, rubric)
    return SuggestResult(
        review=result,
        rubric_mismatch=result.rubric_mismatch,
        suggestions=suggestions,
        root_causes=causes,
        rewrites=rewrites,
        rewrite_scores=score_rewrites(report, rewrites, rubric, rules_facts),
    )
