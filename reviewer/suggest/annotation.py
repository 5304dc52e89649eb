"""The annotation plan: which comment goes where in the author's Word file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..model import Source
from ..rubric import Rubric
from ..structure import Report
from ..structure.catalogue import load_section_catalogue
from .advice import where_section_goes
from .models import Suggestion, SuggestResult

DISCLAIMER = (
    "改写稿只使用报告中已有的数据；其中的原因分析和措施安排是根据报告数据作出的建议，提交前请结合实际核实修改。"
)

DEPENDENTS = "由此引起的问题（改正上述单元格后随之消除）："


class Note(BaseModel):
    """One Word comment: its text and the paragraph or cell it is anchored to (None: the first paragraph)."""

    model_config = ConfigDict(extra="forbid")

    anchor: Source | None
    text: str


def annotation_notes(report: Report, result: SuggestResult, rubric: Rubric | None = None) -> list[Note]:
    """Each correction and piece of advice on the place concerned; each rewrite on its section heading
    (for a section the report lacks, on the heading of the part it should precede, by the rubric)."""
    notes = [Note(anchor=None, text=mismatch_note(result))] if result.rubric_mismatch else []
    notes += [Note(anchor=s.anchor, text=_note_text(s)) for s in result.suggestions]
    catalogue = load_section_catalogue()
    for rewrite in result.rewrites:
        section = report.section(rewrite.section)
        title = catalogue.section_name(rewrite.section)
        anchor = section.anchor if section else None
        if anchor is None and rubric is not None:
            anchor = where_section_goes(report, rubric, rewrite.section)[0]
        notes.append(
            Note(
                anchor=anchor,
                text=f"【建议改写稿：{title}】（{rewrite.writer}）\n{DISCLAIMER}\n{rewrite.text}",
            )
        )
    return notes


def mismatch_note(result: SuggestResult) -> str:
    """The rubric is for another kind of report: what the scores and the advice are worth."""
    if result.rubric_mismatch is None:
        return ""
    return f"【注意：评分表与报告种类不符】{result.rubric_mismatch.message}。以下针对另一类报告的完整性要求未列入建议。"


def _note_text(suggestion: Suggestion) -> str:
    text = f"【{suggestion.location}】{suggestion.text}" if suggestion.location else suggestion.text
    if suggestion.dependents:
        text += "\n" + DEPENDENTS + "\n" + "\n".join(f"· {d.text}（{d.location}）" for d in suggestion.dependents)
    return text
