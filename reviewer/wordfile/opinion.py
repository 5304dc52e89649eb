"""The 审核意见 as a Word file: A4, the bureau's layout (unit, year, the score table with the
reviewer's final points, the findings to correct, the remarks, a signature and date line)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run
from pydantic import BaseModel, ConfigDict


class OpinionRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    max_points: float
    draft: float | None
    final: float | None
    note: str = ""


class Opinion(BaseModel):
    """What the opinion says; the caller decides it, this module only lays it out."""

    model_config = ConfigDict(extra="forbid")

    unit: str
    year: int | None
    filename: str
    rows: list[OpinionRow]
    total_final: float | None
    total_draft: float | None
    assessed_max_points: float
    max_points: float
    to_correct: list[str]
    remarks: str
    reviewer: str = ""
    date: str = ""  # 2026年12月2日


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _font(run: Run, size: float = 12, bold: bool = False, face: str = "宋体") -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def opinion_docx(opinion: Opinion) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(28)

    def paragraph(text: str, size: float = 12, bold: bool = False, align: WD_PARAGRAPH_ALIGNMENT | None = None) -> None:
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), size, bold)

    year = f"{opinion.year}年度" if opinion.year else ""
    title = f"{opinion.unit or '（未识别单位）'}{year}绩效自评报告审核意见"
    paragraph(title, 16, True, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(f"被审核单位：{opinion.unit or '（未识别）'}")
    paragraph(f"评价年度：{opinion.year or '（未识别）'}")
    paragraph(f"报告文件：{opinion.filename}")

    paragraph("一、评分情况", 14, True)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("评分项目", "满分", "初评得分", "审核得分", "说明"), strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), 10.5, True)
    for row in opinion.rows:
        values = (row.name, _points(row.max_points), _points(row.draft), _points(row.final), row.note)
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), 10.5)
    total = (
        "合计",
        _points(opinion.max_points),
        _points(opinion.total_draft),
        _points(opinion.total_final),
        f"已评项目满分 {opinion.assessed_max_points:g}",
    )
    for cell, text in zip(table.add_row().cells, total, strict=True):
        _font(cell.paragraphs[0].add_run(text), 10.5, True)

    paragraph("二、需修改的问题", 14, True)
    if opinion.to_correct:
        for number, text in enumerate(opinion.to_correct, 1):
            paragraph(f"{number}. {text}")
    else:
        paragraph("未发现需修改的数据问题。")

    paragraph("三、审核意见", 14, True)
    for line in (opinion.remarks or "无。").splitlines() or ["无。"]:
        paragraph(line)

    document.add_paragraph()
    paragraph(f"审核人：{opinion.reviewer or '＿＿＿＿＿＿'}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(f"日期：{opinion.date or '＿＿＿＿年＿＿月＿＿日'}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
