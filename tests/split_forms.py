"""A 项目支出绩效自评表 split in two, as some reports attach it: the money table (项目名称, the 年度资金总额
rows with 执行率 and its 分值 10) and, after a caption, the indicator block (一级–三级指标 … 分值 90, 总分).

The layout follows published forms split at their indicator part (a 2019 项目支出绩效自评表 of a school in
Langfang, Hebei, whose indicators start a new table after the 年度总体目标; docs/forms.md); the project,
the unit and every figure are made up.
"""

from __future__ import annotations

from pathlib import Path

MONEY_ROWS = [
    ["项目名称", "乡村道路安全设施完善项目", "", "", "", "", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "300", "320", "304", "10", "95%", "9.5"],
    ["其中：当年财政拨款", "300", "320", "304", "", "", ""],
    ["上年结转资金", "0", "0", "0", "", "", ""],
    ["其他资金", "0", "0", "0", "", "", ""],
]
CAPTION = "项目绩效指标完成情况如下表："
BLOCK_ROWS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "新增道路护栏长度", "≥15公里", "16公里", "25", "25", ""],
    ["产出指标", "质量指标", "设施验收合格率", "100%", "100%", "25", "25", ""],
    ["效益指标", "社会效益指标", "事故多发路段整治数", "≥8处", "9处", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", "10", "10", ""],
    ["总分", "", "", "", "", "100", "99.5", ""],
]
HEAD = [
    "某县交通运输局2023年度乡村道路安全设施完善项目支出绩效自评报告",
    "一、项目基本情况",
    "项目在县内乡村道路的急弯、临水临崖路段增设护栏和警示标志。",
    "二、项目资金使用情况",
]
MIDDLE = ["三、项目绩效目标完成情况"]
TAIL = [
    "四、存在的问题及原因分析",
    "部分路段施工受雨季影响，工期有所推迟。",
    "五、下一步改进措施",
    "合理安排施工计划，避开雨季集中施工。",
]


def _markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * len(rows[0]), *lines[1:]])


def split_markdown(path: Path, block_rows: list[list[str]] | None = None, money: bool = True) -> Path:
    """The report as Markdown; `block_rows` replace the indicator block; without `money`, no money table."""
    parts = [*HEAD, *([_markdown_table(MONEY_ROWS)] if money else [])]
    parts += [*MIDDLE, CAPTION, _markdown_table(block_rows or BLOCK_ROWS), *TAIL]
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def split_docx(path: Path, block_rows: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in HEAD:
        document.add_paragraph(text)
    for rows in (MONEY_ROWS, None, block_rows or BLOCK_ROWS):
        if rows is None:
            for text in [*MIDDLE, CAPTION]:
                document.add_paragraph(text)
            continue
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    for text in TAIL:
        document.add_paragraph(text)
    document.save(str(path))
    return path
