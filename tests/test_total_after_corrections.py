"""A 总分 is recomputed from the corrected 得分: said in advance in the review, proposed by suggest.

The form is a made-up 部门整体支出绩效自评表 (built by tests/synth.py): 全年预算数 760, 全年执行数 608, so
the 执行率 is 80% and its 得分 10 × 80% = 8; the author wrote 85% and 8.5. One indicator (「可持续」,
分值 10) is scored 12. The indicators' 得分 add up to 90 with the 12, so the 得分 as filled add up to
8.5 + 90 = 98.5 and, corrected (8, and at most 10 for 「可持续」), to 96.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from synth import Indicator, SelfEval

from reviewer.checks import check_report
from reviewer.checks.causes import RootCause, root_causes
from reviewer.checks.findings import Finding
from reviewer.read import read_report
from reviewer.review import ReviewOptions, review_path
from reviewer.structure import analyse
from reviewer.suggest import make_suggestions
from reviewer.verdict import verdict_of


def _form(tmp_path: Path, total: str, over: bool = True) -> Path:
    indicators = [
        Indicator("产出指标", "培训人次", 30, 30),
        Indicator("产出指标", "培训合格率", 20, 18),
        Indicator("效益指标", "企业用工缺口", 20, 20),
        Indicator("效益指标", "可持续", 10, 10),
        Indicator("满意度指标", "学员满意度", 10, 10),
    ]
    form = SelfEval(
        budget=Decimal(760),
        spent=Decimal(608),
        income=[Decimal(700), Decimal(0), Decimal(60)],
        expense=[Decimal(400), Decimal(208)],
        indicators=indicators,
        declared={"产出指标": 50, "效益指标": 30, "满意度指标": 10},
    )
    form.overrides.update({"rate": "85%", "exec_score": "8.5", "total": total})
    if over:
        form.overrides["score3"] = "12"  # 「可持续」, 分值 10
    path = tmp_path / "dept.txt"
    path.write_text(form.to_text(), encoding="utf-8")
    return path


def _findings(path: Path) -> dict[str, list[Finding]]:
    by_check: dict[str, list[Finding]] = {}
    for finding in check_report(analyse(read_report(path))).findings:
        by_check.setdefault(finding.check, []).append(finding)
    return by_check


def test_a_total_right_as_filled_is_said_to_change_after_the_corrections(tmp_path: Path) -> None:
    path = _form(tmp_path, "98.5")
    found = _findings(path)
    rate, score, over = found["execution_rate"][0], found["execution_score"][0], found["score_within_weight"][0]
    [total] = found["total_score"]  # no finding on the sum as filled: 98.5 is right for the 得分 written
    assert (total.severity, total.stated, total.computed) == ("warning", 98.5, 96)
    assert total.assumes == [score.id, over.id]
    assert total.message == (
        "按更正后的得分（预算执行率得分 8，「可持续」得分按分值 10 计）重新加总，总分应为 96分，填报 98.5分"
    )
    # grouped under the 执行率, the first correction's root: no fault of its own
    findings = [f for fs in found.values() for f in fs]
    assert root_causes(findings) == [RootCause(root=rate.id, dependents=[score.id, total.id]), RootCause(root=over.id)]
    result = review_path(path, ReviewOptions())
    position = {f.id: n for n, f in enumerate(result.findings, 1)}
    caused = verdict_of(result).caused_by[total.id]
    fixed = f"{position[score.id]}、{position[over.id]}"
    assert caused == f"由第 {position[rate.id]} 项引起，改正第 {fixed} 项后按改正后的得分重新加总本项"


def test_suggest_lists_the_recomputed_total_under_the_rate(tmp_path: Path) -> None:
    result = make_suggestions(analyse(read_report(_form(tmp_path, "98.5"))), ReviewOptions())
    rate = next(s for s in result.suggestions if s.proposed == 80.0)
    assert rate.text.startswith("执行率应填 80%")
    assert [d.proposed for d in rate.dependents] == [None, 96.0]  # the 执行率得分 (recomputed), the 总分


def test_suggest_proposes_the_corrected_total_not_the_sum_as_filled(tmp_path: Path) -> None:
    # 总分 100: wrong as filled (98.5) and after the corrections (96). The author is told 96.
    path = _form(tmp_path, "100")
    found = _findings(path)
    as_filled, recomputed = found["total_score"]
    assert (as_filled.severity, as_filled.computed, as_filled.assumes) == ("error", 98.5, [])
    assert (recomputed.severity, recomputed.computed) == ("warning", 96)
    result = make_suggestions(analyse(read_report(path)), ReviewOptions())
    total = next(s for s in result.suggestions if s.finding == as_filled.id)
    assert total.proposed == 96.0 and total.text.startswith("得分应填 96（")
    assert not any(s.proposed == 98.5 for s in result.suggestions)


def test_a_total_that_already_counts_the_corrected_scores_follows_them(tmp_path: Path) -> None:
    # 总分 96: not the sum as filled, but what the corrected 得分 add up to. It stays as filled.
    found = _findings(_form(tmp_path, "96"))
    [total] = found["total_score"]
    score, over = found["execution_score"][0], found["score_within_weight"][0]
    assert (total.severity, total.stated, total.computed, total.assumes) == ("error", 96, 96, [score.id, over.id])
    assert total.message.endswith("重新加总为 96分，与填报一致")
    result = review_path(_form(tmp_path, "96"), ReviewOptions())
    position = {f.id: n for n, f in enumerate(result.findings, 1)}
    rate = next(f for f in result.findings if f.check == "execution_rate")
    assert verdict_of(result).caused_by[total.id] == (
        f"由第 {position[rate.id]} 项引起，改正第 {position[score.id]}、{position[over.id]} 项即可"
    )
    suggestions = make_suggestions(analyse(read_report(_form(tmp_path, "96"))), ReviewOptions()).suggestions
    assert not any(s.finding == total.id for s in suggestions)  # nothing to write in the 总分 cell


def test_the_execution_score_alone_moves_the_total(tmp_path: Path) -> None:
    # Without the over-score the 得分 add up to 8.5 + 88 = 96.5 as filled and 96 corrected.
    found = _findings(_form(tmp_path, "96.5", over=False))
    [total] = found["total_score"]
    assert (total.stated, total.computed, total.assumes) == (96.5, 96, [found["execution_score"][0].id])
    assert "预算执行率得分 8）" in total.message
