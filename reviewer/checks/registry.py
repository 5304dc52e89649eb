"""Every numeric check, declared once: its id, Chinese name, severity rules and what the author is told.

The collector reports outcomes in this order, the suggestions read the correction kind and the
advice from here, and the README's check table is compared with this registry by a test.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

CheckId = Literal[
    "execution_rate",
    "execution_score",
    "score_within_weight",
    "level1_weight",
    "weight_total",
    "total_score",
    "income_composition",
    "expense_composition",
    "funding_sources",
    "basic_data_subtotals",
    "staffing_control_rate",
    "narrative_sums",
    "narrative_growth",
    "cross_reference",
    "target_vs_actual",
    "low_execution_unexplained",
]

# How a finding becomes a suggestion for the author:
# derived — the stated figure is computed from others, so the computed value is the correction;
# recheck — a sum fails and any of its parts may be the wrong one: the author is asked to check;
# explain — the figures may be right, the report owes an explanation or a consistent wording.
Correction = Literal["derived", "recheck", "explain"]


class CheckSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: CheckId
    name: str  # Chinese: what the check verifies, shown to people
    scope: str  # what it compares, in detail (README)
    severity: str  # when it is an error, a warning or only information (README)
    correction: Correction
    percent: bool = False  # the stated figure is a percentage
    advice: str = "请核实后更正"  # what to do about a warning
    relation: str = "与相关数据不符"  # a wrong stated figure, said in a rewritten 问题 section


_ROUNDING = "error; info when within the rounding of the figures as filled"

CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec(
        id="execution_rate",
        scope="执行率 = 全年执行数 ÷ 全年预算数",
        name="执行率 = 全年执行数 ÷ 全年预算数",
        severity=_ROUNDING,
        correction="derived",
        percent=True,
        relation="与按全年执行数和全年预算数计算的结果不符",
    ),
    CheckSpec(
        id="execution_score",
        scope=(
            "预算执行率得分 = 分值 × 执行率 (capped at 分值), or a configured interval scheme "
            "(`checks.execution_intervals`: 财预〔2021〕101号 10/7/5/0 in the bundled rubric); "
            "when the stated 执行率 is wrong, against the right one (a 得分 that follows the wrong rate is "
            "found and grouped under the 执行率 finding)"
        ),
        name="预算执行率得分 = 分值 × 执行率",
        severity=_ROUNDING,
        correction="derived",
        relation="与按分值和执行率计算的结果不符",
    ),
    CheckSpec(
        id="score_within_weight",
        scope="every 得分 ≤ its 分值",
        name="各指标得分不超过分值",
        severity="error",
        correction="recheck",
    ),
    CheckSpec(
        id="level1_weight",
        scope="declared weight of each 一级指标 (「产出指标(50分)」) = Σ its 分值",
        name="一级指标权重 = 所属指标分值之和",
        severity="error (whole points are exact)",
        correction="recheck",
        relation="与所属指标分值之和不一致",
    ),
    CheckSpec(
        id="weight_total",
        scope="分值 sum to 100 (执行率 included), and the 总分 row's 分值 agrees",
        name="分值合计为 100",
        severity="error",
        correction="recheck",
        relation="与各项分值之和不一致",
    ),
    CheckSpec(
        id="total_score",
        scope="总分 = Σ 得分 (执行率 score included; 「—」/不适用 rows excluded)",
        name="总分 = 各项得分之和",
        severity=_ROUNDING,
        correction="derived",
        relation="与各项得分之和不一致",
    ),
    CheckSpec(
        id="income_composition",
        scope=(
            "按收入性质 parts = 全年预算数; parts written as rows under the group label (`composition` in "
            "rubrics/_tables.yaml) add up in every year column"
        ),
        name="按收入性质分合计 = 全年预算数",
        severity=_ROUNDING,
        correction="recheck",
        relation="与按收入性质分各项之和不一致",
    ),
    CheckSpec(
        id="expense_composition",
        scope="基本支出 + 项目支出 = 全年执行数; parts written as rows add up in every year column",
        name="基本支出 + 项目支出 = 全年执行数",
        severity=_ROUNDING,
        correction="recheck",
        relation="与基本支出、项目支出之和不一致",
    ),
    CheckSpec(
        id="funding_sources",
        scope=(
            "self-evaluation form: its 「其中」 source rows (`funding_sources` in rubrics/_tables.yaml: "
            "当年财政拨款, 财政资金, 上年结转, 其他资金 …) = 年度资金总额"
        ),
        name="项目资金来源合计 = 年度资金总额",
        severity="error when every source is filled, warning when some are blank",
        correction="recheck",
        advice="请补填资金来源分项，或核对年度资金总额",
        relation="与资金来源各项之和不一致",
    ),
    CheckSpec(
        id="basic_data_subtotals",
        scope=(
            "基础数据表: 三公经费 = its three parts, 公务用车 = 购置 + 运行维护, 项目支出 = its numbered "
            "lines, a 专项 line = the lines under it (every year column); 「其中」 items "
            "may not exceed their parent"
        ),
        name="基础数据表分项合计 = 合计数",
        severity="error; warning when some parts are blank",
        correction="recheck",
        advice="请补填空缺的分项，或核对合计数",
        relation="与其分项之和不一致",
    ),
    CheckSpec(
        id="staffing_control_rate",
        scope="控制率 = 实际在职人数 ÷ 编制数",
        name="控制率 = 实际在职人数 ÷ 编制数",
        severity=_ROUNDING,
        correction="derived",
        percent=True,
        relation="与按实际在职人数和编制数计算的结果不符",
    ),
    CheckSpec(
        id="narrative_sums",
        scope=(
            "「X万元，其中：A万元，B万元」 and 「主要包括：…」 lists add up; a list ends at its clause (never across "
            "「）」 or a heading; across 「；」 only while it goes one item per clause), nested lists are not added to "
            "their parents, and a table row pasted into the text (`flattened_row` in rubrics/_tables.yaml) is none"
        ),
        name="正文「其中」「主要包括」分项合计",
        severity="error; warning when a 「其中」 list falls short of its total",
        correction="recheck",
    ),
    CheckSpec(
        id="narrative_growth",
        scope="「比上年增加D万元，增长P%」 agrees with itself",
        name="正文「比上年增加/减少」前后一致",
        severity=_ROUNDING,
        correction="derived",
    ),
    CheckSpec(
        id="cross_reference",
        scope=(
            "the same quantity in two places agrees: narrative vs tables (基本支出, "
            "项目支出, 三公经费 parts, 办公费, the self-reported score, an indicator's 实际完成值 "
            "restated in the narrative), the prior year implied by the narrative vs "
            "the 基础数据表, a project's table vs its report form and its 基础数据表 line"
        ),
        name="同一数据在不同位置填报一致",
        severity="warning (the two places may differ in scope)",
        correction="explain",
        advice="确认口径后统一为同一数据，或在报告中说明两处口径的差异",
    ),
    CheckSpec(
        id="target_vs_actual",
        scope=(
            "年度指标值 vs 实际完成值 in the indicator's direction (指标性质 column, or ≤/以内/不超过 in the target, "
            "成本 indicators): a missed target at full marks, or scored by no configured convention "
            "(`checks.indicator_scoring`: pro rata; 财预〔2021〕101号's 60% pass line on project forms), naming "
            "those tried; a 定性 result outside its grade's range (`checks.qualitative_grades`: 101号 "
            "100–80/80–60/60–0%); a met target with points deducted and no 偏差原因"
        ),
        name="实际完成值与年度指标值对照",
        severity="warning",
        correction="explain",
        advice="请在偏差原因分析中说明理由，或按实际完成情况给分",
    ),
    CheckSpec(
        id="low_execution_unexplained",
        scope=(
            "执行率 below the rubric's threshold (`checks.low_execution_percent`, 90 "
            "in the bundled rubric) with no sentence in the report that names the spending (执行率, "
            "支出进度, 结转, 尾款, 未支付…) and gives a cause (原因, 由于, 受…影响, 待…后…): "
            "`execution_explanation` in rubrics/_tables.yaml"
        ),
        name="执行率偏低须说明原因",
        severity="warning",
        correction="explain",
        advice="请在偏差原因分析或正文中说明执行率偏低的原因",
    ),
)

CHECK_SPECS: dict[str, CheckSpec] = {spec.id: spec for spec in CHECKS}
CHECK_NAMES: dict[str, str] = {spec.id: spec.name for spec in CHECKS}


def check_spec(check: str) -> CheckSpec:
    return CHECK_SPECS[check]


def checks_markdown() -> str:
    """The README's table of checks, from this registry."""
    lines = ["| check | 名称 | what it compares | severity |", "|---|---|---|---|"]
    lines += [f"| `{c.id}` | {c.name} | {c.scope} | {c.severity} |" for c in CHECKS]
    return "\n".join(lines) + "\n"
