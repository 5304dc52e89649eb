"""Builds self-evaluation reports in the text layout from figures, for property tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def r2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Indicator:
    level1: str
    level3: str
    weight: int
    score: int


@dataclass
class SelfEval:
    budget: Decimal
    spent: Decimal
    income: list[Decimal]
    expense: list[Decimal]
    indicators: list[Indicator]
    declared: dict[str, int]
    exec_weight: int = 10
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def rate(self) -> Decimal:
        return r2(self.spent / self.budget * 100)

    @property
    def exec_score(self) -> Decimal:
        return r2(self.exec_weight * self.spent / self.budget)

    @property
    def total(self) -> Decimal:
        return self.exec_score + sum(Decimal(i.score) for i in self.indicators)

    def figure(self, key: str, value: object) -> str:
        return self.overrides.get(key, str(value))

    def to_text(self) -> str:
        rows: list[list[str]] = [
            ["市级预算部门名称", "某某局"],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [
                "",
                "年度资金总额",
                self.figure("initial", self.budget),
                self.figure("budget", self.budget),
                self.figure("spent", self.spent),
                str(self.exec_weight),
                self.figure("rate", f"{self.rate}%"),
                self.figure("exec_score", self.exec_score),
            ],
            ["", "按收入性质分：", "按支出性质分："],
            [
                "",
                f"其中：一般公共预算：{self.figure('income0', self.income[0])}",
                f"其中：基本支出：{self.figure('expense0', self.expense[0])}",
            ],
            ["", f"政府性基金拨款：{self.income[1]}", f"项目支出：{self.expense[1]}"],
            ["", f"其他资金：{self.income[2]}", ""],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
        ]
        seen: set[str] = set()
        for n, ind in enumerate(self.indicators):
            first = ind.level1 not in seen
            seen.add(ind.level1)
            label = (
                f"{ind.level1}（{self.figure('declared:' + ind.level1, self.declared[ind.level1])}分）" if first else ""
            )
            full = ind.score == ind.weight
            rows.append(
                [
                    "",
                    label,
                    "数量指标",
                    ind.level3,
                    "按计划完成",
                    "已完成" if full else "部分完成",
                    self.figure(f"weight{n}", ind.weight),
                    self.figure(f"score{n}", ind.score),
                    "" if full else "受资金拨付进度影响，部分任务顺延",
                ]
            )
        rows.append(["总分", self.figure("total_weight", 100), self.figure("total", self.total), ""])
        lines = ["2023年度某某局部门整体支出绩效自评报告", "", "2023年度部门整体支出绩效自评表"]
        for row in rows:
            lines.extend("\t" + cell for cell in row)
            lines.append("")
        return "\n".join(lines) + "\n"
