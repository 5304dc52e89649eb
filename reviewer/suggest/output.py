"""Suggestions written where the author will use them: a commented copy of their Word file, or Markdown.

An existing output is never replaced silently: the new one takes the next free numbered name
(「报告-修改建议(2).docx」) unless `force` is given. A PDF of the annotated copy, with the comments in
the margin, is made by LibreOffice when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import ReviewerError
from ..files import refuse_to_overwrite, write_atomically
from ..quotes import shorten
from ..read import read_report
from ..render import render_template
from ..review import ReviewOptions
from ..rubric import load_rubric
from ..structure import analyse
from . import make_suggestions
from .annotation import DEPENDENTS, DISCLAIMER, annotation_notes

# LibreOffice's PDF export with each comment printed in the page margin (for printing and for readers
# that show no annotations) and kept as a PDF comment (for the comment panel of any PDF reader).
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
    '"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
)
PDF_TIMEOUT_SECONDS = 180


class SuggestOutput(BaseModel):
    """What `suggest_path` wrote: the file, whether it is an annotated Word copy, and the advice as Markdown."""

    model_config = ConfigDict(extra="forbid")

    path: Path
    annotated: bool
    comments: int = 0
    markdown: str
    pdf: Path | None = None
    llm_error: str | None = None  # why the model's extraction failed, when it did
    rubric_mismatch: str | None = None  # the rubric is for another kind of report: the message for people


def default_output(path: Path, annotated: bool) -> Path:
    return path.with_name(f"{path.stem}-修改建议{'.docx' if annotated else '.md'}")


def free_name(path: Path) -> Path:
    """`path` if nothing is there yet, else the first free 「name(2).ext」, 「name(3).ext」…"""
    if not path.exists():
        return path
    number = 2
    while (candidate := path.with_name(f"{path.stem}({number}){path.suffix}")).exists():
        number += 1
    return candidate


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def suggest_path(
    path: Path, options: ReviewOptions, output: Path | None = None, *, force: bool = False, pdf: bool = False
) -> SuggestOutput:
    """Review `path` for its author and write the suggestions; the original file is only read.

    An existing output file is kept: the suggestions go to the next numbered name, unless `force`.
    With `pdf`, the annotated copy is also exported to PDF with its comments visible."""
    document = read_report(path)
    if pdf and document.format != "docx":
        raise ReviewerError(f"「{path}」不是 Word 文件，--pdf 只适用于 .docx 报告（生成带批注的 PDF）")
    if pdf and office() is None:
        raise ReviewerError(
            "未找到 LibreOffice（soffice），无法生成带批注的 PDF。请先安装 LibreOffice"
            "（如 apt-get install libreoffice-writer-nogui），或去掉 --pdf 只生成带批注的 .docx"
        )
    report = analyse(document)
    result = make_suggestions(report, options)
    markdown = render_template("suggest.md.j2", s=result, disclaimer=DISCLAIMER, dependents_title=DEPENDENTS)
    llm_error = result.review.llm_usage.error if result.review.llm_usage else None
    mismatch = result.rubric_mismatch.message if result.rubric_mismatch else None
    output = output or default_output(path, annotated=document.format == "docx")
    refuse_to_overwrite(output, path)
    if not force:
        output = free_name(output)
    if output.suffix.lower() == ".docx" and document.format == "docx":
        from ..wordfile.annotating import write_annotated_copy

        rubric = load_rubric(options.rubric)
        notes = [(note.anchor, note.text) for note in annotation_notes(report, result, rubric)]
        count = write_annotated_copy(path, output, notes)
        pdf_path = export_pdf(output, force=force) if pdf else None
        return SuggestOutput(
            path=output,
            annotated=True,
            comments=count,
            markdown=markdown,
            pdf=pdf_path,
            llm_error=llm_error,
            rubric_mismatch=mismatch,
        )
    write_atomically(output, markdown)
    return SuggestOutput(path=output, annotated=False, markdown=markdown, llm_error=llm_error, rubric_mismatch=mismatch)


def export_pdf(docx: Path, force: bool = False) -> Path:
    """The annotated copy as PDF beside it, comments in the margin (LibreOffice, run headless)."""
    program = office()
    if program is None:
        raise ReviewerError("未找到 LibreOffice（soffice），无法生成带批注的 PDF")
    target = docx.with_suffix(".pdf")
    target = target if force else free_name(target)
    with tempfile.TemporaryDirectory(prefix="reviewer-pdf-") as work:
        # Its own profile: a LibreOffice the user has open does not block the conversion.
        profile = Path(work, "profile").as_uri()
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                PDF_FILTER,
                "--outdir",
                work,
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=PDF_TIMEOUT_SECONDS,
            check=False,
        )
        made = Path(work, docx.with_suffix(".pdf").name)
        if done.returncode != 0 or not made.exists():
            raise ReviewerError(
                f"LibreOffice 未能把「{docx}」转换为 PDF（{shorten((done.stderr or done.stdout).strip(), 200)}）；"
                "带批注的 .docx 已生成，可用 Word 打开后另存为 PDF"
            )
        write_atomically(target, made.read_bytes())
    return target
