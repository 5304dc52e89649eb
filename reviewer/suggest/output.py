"""Suggestions written where the author will use them: a commented copy of their Word file, or Markdown."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..files import refuse_to_overwrite, write_atomically
from ..read import read_report
from ..render import render_template
from ..review import ReviewOptions
from ..structure import analyse
from . import make_suggestions
from .annotation import DISCLAIMER, annotation_notes


class SuggestOutput(BaseModel):
    """What `suggest_path` wrote: the file, whether it is an annotated Word copy, and the advice as Markdown."""

    model_config = ConfigDict(extra="forbid")

    path: Path
    annotated: bool
    comments: int = 0
    markdown: str


def default_output(path: Path, annotated: bool) -> Path:
    return path.with_name(f"{path.stem}-修改建议{'.docx' if annotated else '.md'}")


def suggest_path(path: Path, options: ReviewOptions, output: Path | None = None) -> SuggestOutput:
    """Review `path` for its author and write the suggestions; the original file is only read."""
    document = read_report(path)
    report = analyse(document)
    result = make_suggestions(report, options)
    markdown = render_template("suggest.md.j2", s=result, disclaimer=DISCLAIMER)
    output = output or default_output(path, annotated=document.format == "docx")
    refuse_to_overwrite(output, path)
    if output.suffix.lower() == ".docx" and document.format == "docx":
        from ..wordfile import write_annotated_copy

        notes = [(note.anchor, note.text) for note in annotation_notes(report, result)]
        count = write_annotated_copy(path, output, notes)
        return SuggestOutput(path=output, annotated=True, comments=count, markdown=markdown)
    write_atomically(output, markdown)
    return SuggestOutput(path=output, annotated=False, markdown=markdown)
