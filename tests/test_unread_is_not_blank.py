"""What the tool could not read is said as such (「未能识别」 and what it looked for), never as left blank."""

from __future__ import annotations

from pathlib import Path

from reviewer.review import review_path

# A 部门整体 form whose money rows name only their funding (「其中：财政拨款」「其他资金」) under the
# 年度资金总额, with no 按收入性质分 / 按支出性质分 group anywhere: no composition the reading can take apart.
NO_GROUPS = """# 白沙县某局2024年度部门整体支出绩效自评报告

## 一、部门（单位）基本情况

本局负责全县档案收集和保管工作。

## 附件：部门整体支出绩效自评表

| 年度资金情况（万元） | | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |
|---|---|---|---|---|---|---|
| | 年度资金总额 | 300.00 | 270.00 | 10 | 90.00% | 9 |
| | 其中：财政拨款 | 280.00 | 250.00 | — | — | — |
| | 其他资金 | 20.00 | 20.00 | — | — | — |
"""


def test_parts_the_reading_did_not_find_are_not_called_unfilled(tmp_path: Path) -> None:
    path = tmp_path / "自评报告.md"
    path.write_text(NO_GROUPS, "utf-8")
    result = review_path(path)
    reasons = {o.check: o.reason for o in result.checks.outcomes if o.outcome == "not_assessable"}
    for check, group, column in (
        ("income_composition", "按收入性质", "全年预算"),
        ("expense_composition", "按支出性质", "全年执行"),
    ):
        reason = reasons[check]
        assert "未填报" not in reason
        assert reason.startswith(f"未能识别部门整体支出绩效自评表{group}分的明细")
        assert f"「{group}分」" in reason and column in reason  # what it looked for
