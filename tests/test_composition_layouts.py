"""The composition of a 部门整体 form's 年度资金总额 (按收入性质分, 按支出性质分), however it is laid out.

The seeds write each part as a cell 「其中：基本支出：479.77」 under a 「按收入性质分：」 cell. Other departments
put the group label in the first column and its parts as rows, one figure per year column, or the group label
over pairs of cells (a part's label, its figure). The forms here are made up (a county 档案局, figures chosen
for the arithmetic); the group labels and year columns are the catalogue's (rubrics/_tables.yaml `composition`).
"""

from __future__ import annotations

from pathlib import Path

from reviewer.checks import check_report
from reviewer.read import read_report
from reviewer.structure import analyse

HEAD = """# 某县档案局2024年度部门整体支出绩效自评报告

## 附件：部门整体支出绩效自评表

"""

# Group label in the first column, merged down (blank below); the parts' figures under the year columns.
DOWN_THE_ROWS = """| 项目 | | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |
|---|---|---|---|---|---|---|---|
| 年度资金总额 | | 260.00 | 300.00 | 270.00 | 10 | 90.00% | 9 |
| 按资金来源分 | 一般公共预算 | 250.00 | 280.00 | 250.00 | — | — | — |
| | 政府性基金预算 | 10.00 | 20.00 | 20.00 | — | — | — |
| | 其他资金 | | | | — | — | — |
| 按支出性质分 | 基本支出 | 180.00 | 200.00 | 190.00 | — | — | — |
| | 项目支出 | 80.00 | 100.00 | {project_spent} | — | — | — |
"""

# The group labels over (label, figure) pairs, side by side.
SIDE_BY_SIDE = """| 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|---|
| | 年度资金总额 | 280.00 | 300.00 | 270.00 | 10 | 90.00% | 9 |
| | 按收入性质分 | | 按支出性质分 | | | | |
| | 一般公共预算 | 280.00 | 基本支出 | 190.00 | | | |
| | 政府性基金预算 | {fund} | 项目支出 | 80.00 | | | |
| | 其他资金 | 0 | | | | | |
"""


def _report(tmp_path: Path, table: str):
    path = tmp_path / "自评表.md"
    path.write_text(HEAD + table, "utf-8")
    return analyse(read_report(path))


def test_parts_down_the_rows_carry_their_group_and_year_column(tmp_path: Path) -> None:
    [info] = _report(tmp_path, DOWN_THE_ROWS.format(project_spent="80.00")).tables_of("dept_self_eval")
    parts: dict[tuple[str, str], dict[str, str]] = {}
    for v in info.values:
        if v.group and v.number is not None:
            parts.setdefault((v.group, v.row), {})[v.col] = v.text
    years = ("年初预算数", "全年预算数", "全年执行数")
    assert parts == {
        ("按收入性质分", "一般公共预算"): dict(zip(years, ("250.00", "280.00", "250.00"), strict=True)),
        ("按收入性质分", "政府性基金预算"): dict(zip(years, ("10.00", "20.00", "20.00"), strict=True)),
        ("按支出性质分", "基本支出"): dict(zip(years, ("180.00", "200.00", "190.00"), strict=True)),
        ("按支出性质分", "项目支出"): dict(zip(years, ("80.00", "100.00", "80.00"), strict=True)),
    }
    # the 年度资金总额 row is no part of any group
    assert not [v for v in info.values if v.row == "年度资金总额" and v.group]


def test_parts_down_the_rows_add_up_in_every_year_column(tmp_path: Path) -> None:
    results = check_report(_report(tmp_path, DOWN_THE_ROWS.format(project_spent="80.00")))
    outcomes = {o.check: o for o in results.summary.outcomes}
    for check in ("income_composition", "expense_composition"):
        assert (outcomes[check].outcome, outcomes[check].assessed) == ("passed", 3)
    assert not [f for f in results.findings if f.check.endswith("composition")]


def test_a_wrong_part_down_the_rows_is_found_in_its_column(tmp_path: Path) -> None:
    results = check_report(_report(tmp_path, DOWN_THE_ROWS.format(project_spent="60.00")))
    [finding] = [f for f in results.findings if f.check.endswith("composition")]
    assert (finding.check, finding.severity) == ("expense_composition", "error")
    assert (finding.stated, finding.computed) == (270, 250)
    assert finding.message.startswith("按支出性质分合计（全年执行数）应为 基本支出 190.00 + 项目支出 60.00 = 250")
    assert finding.location == "部门整体支出绩效自评表 · 年度资金总额 · 全年执行数"


def test_parts_side_by_side_add_up_to_their_groups_column(tmp_path: Path) -> None:
    report = _report(tmp_path, SIDE_BY_SIDE.format(fund="20.00"))
    [info] = report.tables_of("dept_self_eval")
    parts = {(v.group, v.row): v.text for v in info.values if v.group}
    assert parts == {
        ("按收入性质分", "一般公共预算"): "280.00",
        ("按收入性质分", "政府性基金预算"): "20.00",
        ("按收入性质分", "其他资金"): "0",
        ("按支出性质分", "基本支出"): "190.00",
        ("按支出性质分", "项目支出"): "80.00",
    }
    results = check_report(report)
    outcomes = {o.check: o.outcome for o in results.summary.outcomes}
    assert outcomes["income_composition"] == outcomes["expense_composition"] == "passed"
    # 全年预算数 300 = 280 + 20 + 0; 全年执行数 270 = 190 + 80


def test_a_wrong_part_side_by_side_is_found(tmp_path: Path) -> None:
    results = check_report(_report(tmp_path, SIDE_BY_SIDE.format(fund="25.00")))
    [finding] = [f for f in results.findings if f.check.endswith("composition")]
    assert (finding.check, finding.stated, finding.computed) == ("income_composition", 300, 305)
    assert "一般公共预算 280.00 + 政府性基金预算 25.00 + 其他资金 0" in finding.message


def test_a_word_table_with_the_group_label_merged_down_is_read(tmp_path: Path) -> None:
    # In Word the group cell spans its parts' rows (a vertical merge): the continuation reads as blank.
    from docx import Document

    rows = [
        ["项目", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "", "260.00", "300.00", "270.00", "10", "90.00%", "9"],
        ["按收入性质分", "一般公共预算", "250.00", "280.00", "250.00", "—", "—", "—"],
        ["", "政府性基金预算", "10.00", "20.00", "20.00", "—", "—", "—"],
        ["按支出性质分", "基本支出", "180.00", "200.00", "190.00", "—", "—", "—"],
        ["", "项目支出", "80.00", "100.00", "60.00", "—", "—", "—"],
    ]
    document = Document()
    document.add_paragraph("某县档案局2024年度部门整体支出绩效自评报告")
    document.add_paragraph("部门整体支出绩效自评表")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    for top in (0, 1):
        table.cell(top, 0).merge(table.cell(top, 1))
    for top in (2, 4):
        table.cell(top, 0).merge(table.cell(top + 1, 0))
    path = tmp_path / "自评表.docx"
    document.save(str(path))
    results = check_report(analyse(read_report(path)))
    outcomes = {o.check: (o.outcome, o.assessed) for o in results.summary.outcomes}
    assert outcomes["income_composition"] == ("passed", 3)
    [finding] = [f for f in results.findings if f.check.endswith("composition")]
    assert (finding.check, finding.stated, finding.computed) == ("expense_composition", 270, 250)


def test_parts_without_a_total_in_their_columns_are_said_unread(tmp_path: Path) -> None:
    table = DOWN_THE_ROWS.format(project_spent="80.00").replace(
        "| 年度资金总额 | | 260.00 | 300.00 | 270.00 |", "| 年度资金总额 | | — | — | — |"
    )
    results = check_report(_report(tmp_path, table))
    outcomes = {o.check: o for o in results.summary.outcomes}
    for check in ("income_composition", "expense_composition"):
        assert outcomes[check].outcome == "not_assessable"
        assert outcomes[check].reason.startswith("未能识别部门整体支出绩效自评表")
