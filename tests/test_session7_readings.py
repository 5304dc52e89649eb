"""Readings the session-7 fresh sets (ij, ik; written and labelled blind) showed missing: 问题 and 措施 parts written
as tables (a Word table, or pipe rows in text) were dropped by the section finder, so the readers' packets and the
scorer saw empty parts. Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from narratives import scored_items, with_sections

from reviewer.read import read_report
from reviewer.scoring.rules import extract_rules
from reviewer.structure import analyse

PROBLEM_ROWS = [
    ["序号", "存在问题", "原因分析"],
    ["1", "年初预算与实际支出偏差较大，维修经费执行率61%", "编制预算时未逐项测算维修点位，沿用上年基数"],
    ["2", "两台检测设备全年使用不足40次", "操作人员只有1名且兼任出纳，设备长期闲置"],
    ["3", "办公耗材有3批次未走定点采购", "临时急用时直接零星购买，事后未补手续"],
    ["4", "—", "—"],
]
MEASURE_ROWS = [
    ["序号", "对应问题", "改进措施", "完成时限"],
    ["1", "预算偏差大", "按维修点位逐项测算维修经费，年中对执行率低于50%的项目调减预算", "2025年预算编制时"],
    ["2", "设备闲置", "选派2名技术人员参加设备操作培训，每月统计设备使用次数并通报", "2025年6月"],
    ["3", "采购不规范", "耗材一律通过定点采购平台下单，财务报销时核对采购凭证", "即时执行"],
]


def _word_report(tmp_path: Path, after_measures: list[list[str]] | None = None) -> Path:
    document = WordDocument()
    document.add_paragraph("某县农机服务中心2024年度部门整体支出绩效自评报告")
    for heading, rows in (("七、存在的问题及原因分析", PROBLEM_ROWS), ("八、下一步改进措施", MEASURE_ROWS)):
        document.add_paragraph(heading)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    if after_measures:
        table = document.add_table(rows=len(after_measures), cols=len(after_measures[0]))
        for i, row in enumerate(after_measures):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    document.add_paragraph("九、部门整体支出绩效自评结果拟应用和公开情况")
    document.add_paragraph("自评结果将在单位门户网站公开。")
    path = tmp_path / "表格.docx"
    document.save(str(path))
    return path


def test_a_word_table_under_the_problems_heading_is_the_parts_text(tmp_path: Path) -> None:
    report = analyse(read_report(_word_report(tmp_path)))
    parts = {s.id: s for s in report.sections}
    assert parts["problems"].status == "found"
    assert "1｜年初预算与实际支出偏差较大，维修经费执行率61%｜编制预算时未逐项测算维修点位，沿用上年基数" in [
        p.text for p in parts["problems"].paragraphs
    ]
    facts = extract_rules(report)
    # Three problems: the header is none, and the dashed row is a heading left unfilled.
    assert [p.quote for p in facts.problems] == [
        "年初预算与实际支出偏差较大，维修经费执行率61%",
        "两台检测设备全年使用不足40次",
        "办公耗材有3批次未走定点采购",
    ]
    assert all(p.cause for p in facts.problems)
    # Each row's aspect is what it states, not a word of its cause cell (「兼任出纳」 is no 财务 problem).
    dimensions = [p.dimensions for p in facts.problems]
    assert "budget_management" in dimensions[0] and dimensions[1:] == [["asset_finance"], ["procurement"]]
    # A measure's quote is its 改进措施 cell, not the 对应问题 cell before it; every quote is in the report.
    assert facts.measures[0].quote.startswith("按维修点位逐项测算维修经费")
    text = report.document.full_text()
    assert all(q.quote in text for q in [*facts.problems, *facts.measures])
    assert [m.answers for m in facts.measures] == [[0], [1], [2]]
    items = scored_items(report)
    assert items["problems"].points >= 13 and items["suggestions"].points >= 12


def test_pipe_rows_in_a_text_report_are_read_as_the_same_table(tmp_path: Path) -> None:
    def pipe(rows: list[list[str]]) -> str:
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)

    report = with_sections(tmp_path, "主要问题见下表：\n" + pipe(PROBLEM_ROWS), pipe(MEASURE_ROWS))
    facts = extract_rules(report)
    assert len(facts.problems) == 3 and len(facts.measures) == 3
    assert facts.problems[1].quote == "两台检测设备全年使用不足40次"


def test_a_known_table_after_the_measures_heading_stays_a_table(tmp_path: Path) -> None:
    # A template's indicator table under the last narrative heading is the form, not the measures' text.
    indicators = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "维修水渠长度", "12公里", "11公里", "10", "9", "雨季停工"],
    ]
    report = analyse(read_report(_word_report(tmp_path, after_measures=indicators)))
    measures = next(s for s in report.sections if s.id == "measures")
    assert not any("一级指标" in p.text or "维修水渠" in p.text for p in measures.paragraphs)
    assert len(extract_rules(report).measures) == 3
