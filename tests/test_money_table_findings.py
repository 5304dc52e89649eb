"""The money table's findings: grouped under another only when correcting that other one makes them go
away; a low 执行率 flagged only when no sentence explains it.

The report is a split 项目支出绩效自评表 (money table, then the indicator block) of a made-up project: a
county's rural bridge repairs, figures invented for the arithmetic under test.
"""

from __future__ import annotations

from pathlib import Path

from reviewer.checks import check_report
from reviewer.checks.causes import RootCause, root_causes
from reviewer.read import read_report
from reviewer.review import ReviewOptions, review_path
from reviewer.structure import analyse
from reviewer.verdict import verdict_of


def _table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * len(rows[0]), *lines[1:]])


EXPLAINED = "资金执行率80%，低于预期，主要原因是两座桥的质保金需待竣工审计后支付。"


def _report(
    tmp_path: Path, rate: str, exec_score: str, bridge_score: str, total: str, money_text: str = EXPLAINED
) -> Path:
    money = [
        ["项目名称", "农村危桥改造项目", "", "", "", "", ""],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "500", "500", "400", "10", rate, exec_score],
        ["其中：当年财政拨款", "500", "500", "400", "", "", ""],
    ]
    block = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "改造危桥座数", "≥6座", "6座", "40", "40", ""],
        ["产出指标", "质量指标", "桥梁验收合格率", "100%", "100%", "10", bridge_score, ""],
        ["效益指标", "社会效益指标", "通行村民人数", "≥5000人", "5200人", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "94%", "10", "10", ""],
        ["总分", "", "", "", "", "100", total, ""],
    ]
    parts = [
        "某县交通运输局2024年度农村危桥改造项目支出绩效自评报告",
        "一、项目基本情况",
        "项目改造县内六座危桥，年度预算500万元，其中上年结转资金50万元。" + money_text,
        _table(money),
        "二、项目绩效目标完成情况",
        "项目绩效指标完成情况如下表：",
        _table(block),
    ]
    path = tmp_path / "bridges.md"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def _grouped(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    findings = [f for f in check_report(analyse(read_report(path))).findings if f.severity != "info"]
    checks = {f.id: f.check for f in findings}
    groups = {checks[c.root]: [checks[d] for d in c.dependents] for c in root_causes(findings)}
    return {f.check: f.message for f in findings}, groups


def test_a_total_that_stays_wrong_after_the_correction_is_its_own_fault(tmp_path: Path) -> None:
    # 得分 12 against 分值 10; the 得分 add to 100, the 总分 says 101: scoring 10 gives 98, not 101.
    findings = [f for f in check_report(analyse(read_report(_report(tmp_path, "80%", "8", "12", "101")))).findings]
    totals = [f for f in findings if f.check == "total_score"]
    assert [(f.severity, f.stated, f.computed) for f in totals] == [("error", 101, 100), ("warning", 101, 98)]
    over = next(f for f in findings if f.check == "score_within_weight")
    # The 总分 as filled is its own fault; the one recomputed with the 12 scored at 10 follows the over-score.
    assert root_causes(findings) == [RootCause(root=over.id, dependents=[totals[1].id]), RootCause(root=totals[0].id)]
    assert totals[1].assumes == [over.id] and "总分应为 98分，填报 101分" in totals[1].message


def test_a_total_that_the_correction_makes_right_follows_it(tmp_path: Path) -> None:
    # The 得分 add to 100 only because of the 12: scoring 10 makes them 98, which the 总分 states.
    _, groups = _grouped(_report(tmp_path, "80%", "8", "12", "98"))
    assert groups["score_within_weight"] == ["total_score"]


def test_a_score_computed_from_a_wrong_rate_is_found_and_follows_the_rate(tmp_path: Path) -> None:
    # 400 ÷ 500 = 80%, stated 85%; 10 × 85% = 8.5 agrees with the wrong rate only.
    messages, groups = _grouped(_report(tmp_path, "85%", "8.5", "10", "98.5"))
    assert "执行率得分应为 10 × 80" in messages["execution_score"] and "填报 8.5" in messages["execution_score"]
    # The 总分 98.5 agrees with the 得分 as filled; with the 执行率得分 at 8 it is 98: said in advance, across
    # the split form's two tables, under the same root.
    assert groups["execution_rate"] == ["execution_score", "total_score"]
    assert "总分应为 98分，填报 98.5分" in messages["total_score"]
    result = review_path(_report(tmp_path, "85%", "8.5", "10", "98.5"), ReviewOptions())
    caused = verdict_of(result).caused_by
    score = next(f for f in result.findings if f.check == "execution_score")
    assert caused[score.id] == "由第 1 项引起，改正第 1 项后按正确的执行率重算本项"
    total = next(f for f in result.findings if f.check == "total_score")
    n = result.findings.index(score) + 1
    assert caused[total.id] == f"由第 1 项引起，改正第 {n} 项后按改正后的得分重新加总本项"


def test_a_score_wrong_on_its_own_beside_a_wrong_rate_is_not_grouped(tmp_path: Path) -> None:
    # 85% stated, 80% right; the 得分 6 follows neither.
    _, groups = _grouped(_report(tmp_path, "85%", "6", "10", "96"))
    assert groups["execution_rate"] == [] and "execution_score" in groups


def _low_execution(tmp_path: Path, money_text: str) -> list[str]:
    findings = check_report(analyse(read_report(_report(tmp_path, "80%", "8", "10", "98", money_text)))).findings
    return [f.message for f in findings if f.check == "low_execution_unexplained"]


def test_a_low_rate_explained_as_slow_payment_is_not_flagged(tmp_path: Path) -> None:
    for explained in (
        "支出进度偏慢，主要原因是两座桥需待竣工结算审计完成后才能支付尾款，约100万元结转至下年支付。",
        "尚有100万元工程款未支付，系受汛期影响两座桥延期完工所致。",
        "由于两座桥的质保金尚未到期，100万元结转下年。",
    ):
        assert _low_execution(tmp_path, explained) == [], explained


def test_a_low_rate_without_a_cause_is_still_flagged(tmp_path: Path) -> None:
    # 结转 and 支出 named, no cause given: the 「上年结转资金」 sentence above explains nothing either.
    for silent in ("全年实际支出400万元，剩余资金结转下年。", "项目受益群众满意度较高。"):
        messages = _low_execution(tmp_path, silent)
        assert len(messages) == 1 and "报告未说明执行偏差的原因" in messages[0], silent
