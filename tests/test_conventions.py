"""Conventions as data (issue 11): 财预〔2021〕101号's pass line and qualitative grades, a report's own
declared weights, 「其中」 lists bounded by their clause, flattened table rows, combined 问题/措施 cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, seed_report

from reviewer.checks import CheckSettings, check_report
from reviewer.checks.settings import CompletionScoring
from reviewer.read import read_report
from reviewer.rubric import load_rubric
from reviewer.structure import Report, analyse
from reviewer.structure.weights import declared_weights

FORMS = Path(__file__).parent / "data" / "forms"
RULES = load_rubric("yueyang-dept-2023").checks


def _form(name: str) -> Report:
    return analyse(read_report(FORMS / f"{name}.docx"))


def _text_report(tmp_path: Path, body: str) -> Report:
    path = tmp_path / "r.txt"
    path.write_text("2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n" + body, encoding="utf-8")
    return analyse(read_report(path))


def _findings(report: Report, check: str, settings: CheckSettings = RULES) -> list[tuple[float, float | None]]:
    return [(f.stated or 0, f.computed) for f in check_report(report, settings).findings if f.check == check]


# ---------------------------------------------------------------------------------- 101号 scoring


@pytest.mark.parametrize(
    ("pass_percent", "completion", "expected"),
    [(0, "0.9", 18), (60, "0.9", 15), (60, "0.6", 0), (60, "0.5", 0), (60, "1.2", 20), (0, "0.45", 9)],
)
def test_completion_scoring_by_pass_line(pass_percent: int, completion: str, expected: int) -> None:
    convention = CompletionScoring(id="x", name="x", pass_percent=Decimal(pass_percent))
    assert convention.score(Decimal(20), Decimal(completion)) == expected


def test_a_missed_score_is_flagged_only_when_no_convention_gives_it() -> None:
    report = _form("ln-proj-2023-passline")
    findings = [f for f in check_report(report, RULES).findings if f.check == "target_vs_actual"]
    # 管网长度 15 (101号) and 入户数 13.5 (pro rata) are right; 漏损率 6 and a 「基本达到」 at full marks are not.
    assert sorted((f.stated, f.computed) for f in findings) == [(6, 8), (10, 8)]
    leak = next(f for f in findings if "管网漏损率" in f.message)
    assert "已尝试" in leak.message and "按完成比例" in leak.message and "财预〔2021〕101号" in leak.message
    assert "5 分" in leak.message  # (80% − 60%) ÷ 40% × 10
    graded = next(f for f in findings if "城区供水保障能力" in f.message)
    assert "部分达成" in graded.message and "6–8 分" in graded.message


def test_the_101_conventions_apply_to_project_forms_only() -> None:
    report = _form("ln-proj-2023-passline")
    for table in report.tables:
        table.kind = "dept_self_eval"  # a department's own form: 101号 is the guide for projects
    flagged = {f.message.split("」")[0] for f in check_report(report, RULES).findings if f.check == "target_vs_actual"}
    assert "指标「改造供水管网长度" in flagged  # 15 is only the pass-line score: pro rata gives 18
    assert not any("城区供水保障能力" in m for m in flagged)  # no grades: 「基本达到」 is not judged by them


def test_qualitative_grades_are_read_from_the_result() -> None:
    grades = RULES.qualitative_grades
    assert grades is not None
    results = ("未达到预期", "基本完成", "已完成", "良好", "完成率95%")
    named = [g.name[:3] if (g := grades.grade(text)) else None for text in results]
    assert named == ["未达成", "部分达", "达成年", None, None]


# ---------------------------------------------------------------------------------- declared weights


def test_a_declared_weight_scheme_is_read_from_a_clause() -> None:
    declared = declared_weights("本项目一级指标权重按产出指标40%、效益指标40%、满意度指标10%、预算执行率10%设置")
    assert declared == {"产出指标": 40, "效益指标": 40, "满意度指标": 10, "预算执行率": 10}
    assert (
        declared_weights("产出指标（40分）、效益指标（30分）、满意度指标（20分）、预算执行率（10分）的分值") is not None
    )
    # Completion figures are no weights: no cue word, or figures not adding up to 100.
    assert declared_weights("产出指标完成率95%，效益指标达标率90%，满意度98%") is None
    assert declared_weights("权重：产出指标50%，效益指标30%，满意度指标10%") is None
    assert (
        seed_report(SEED_000, "docx").declared_weights is None
        and seed_report(SEED_004, "docx").declared_weights is None
    )


def test_the_weight_check_accepts_the_declared_scheme_and_names_it() -> None:
    from reviewer.review import review_path

    item = next(i for i in review_path(FORMS / "nm-proj-2022-declared.docx").items if i.id == "indicator_table")
    assert item.detail.weight_schemes == ["declared"] and item.detail.weight_share == [1.0]  # type: ignore[union-attr]
    assert "符合「报告自行声明的权重（「" in item.justification
    off = next(i for i in review_path(FORMS / "jl-proj-2023-declared-off.docx").items if i.id == "indicator_table")
    assert off.detail.weight_share == [0.5]  # type: ignore[union-attr]
    assert (
        "权重不符" in off.justification
        and "与报告自行声明的权重也不符：产出指标45分（报告声明40分）" in off.justification
    )


# ---------------------------------------------------------------------------------- 「其中」 lists


def test_qizhong_lists_are_bounded_by_their_clause() -> None:
    # Only 办公费 + 差旅费 + 维修费 135 > 公用经费 120 is wrong; the other lists are right when bounded.
    assert _findings(_form("cq-dept-2023-lists"), "narrative_sums") == [(120, 135)]


@pytest.mark.parametrize(
    "sentence",
    [
        # 「；」 ends a list written with 「、」: what follows is another statement.
        "专项经费100万元，其中：检测费60万元、咨询费40万元；另安排结转资金30万元用于维修。",
        # a part's own 「其中」 (no bracket) lists that part, not the parent's
        "项目支出90万元，其中：养护50万元，其中日常养护30万元、应急养护20万元；改造40万元。",
        # a heading run into the paragraph closes the list
        "会议培训费20万元，其中：培训费12万元、会议费8万元（二）资产情况 新购设备30万元。",
        # a list inside brackets ends at the bracket that closes around it, even across sentences' parts
        "全年支出300万元（其中基本支出100万元、项目支出200万元）结转50万元。",
    ],
)
def test_a_qizhong_list_does_not_run_past_its_clause(tmp_path: Path, sentence: str) -> None:
    assert _findings(_text_report(tmp_path, sentence + "\n"), "narrative_sums") == []


def test_a_list_one_item_per_clause_goes_on_across_semicolons(tmp_path: Path) -> None:
    right = "项目支出60万元，其中：甲项目30万元；乙项目20万元；丙项目10万元。\n"
    assert _findings(_text_report(tmp_path, right), "narrative_sums") == []
    wrong = "项目支出60万元，其中：甲项目30万元；乙项目20万元；丙项目15万元。\n"
    assert _findings(_text_report(tmp_path, wrong), "narrative_sums") == [(60, 65)]


@pytest.mark.parametrize(
    "row",
    [
        "项目名称 预算数 执行数 执行率 合计 500万元 490万元 98% 其中：平台 300万元 295万元 98% 科普 200万元 195万元",
        "项目支出合计500万元 490万元，其中：平台建设300万元 295万元，科普活动200万元 195万元。",
    ],
)
def test_a_table_row_in_the_text_is_no_total_and_parts(tmp_path: Path, row: str) -> None:
    assert _findings(_text_report(tmp_path, row + "\n"), "narrative_sums") == []


# ---------------------------------------------------------------------------------- combined 问题/措施


def test_a_combined_problems_and_measures_row_is_split_at_its_markers() -> None:
    report = _form("sx-form-2023-combined")
    problems, measures = report.section("problems"), report.section("measures")
    assert problems is not None and measures is not None
    assert [p.text for p in problems.paragraphs] == [
        "二是项目资金拨付集中在第四季度，上半年支出进度偏慢，主要是工程招标手续办理时间较长"
    ]
    assert [p.text for p in measures.paragraphs] == [
        "二是建立按月调度支出进度的台账，对进度滞后的项目由分管领导约谈督办"
    ]


def test_a_combined_column_is_both_parts_and_its_neighbour_is_neither() -> None:
    report = _form("fj-dept-2022-column")
    for part in ("problems", "measures"):
        section = report.section(part)
        assert section is not None and section.status == "found"
        text = "".join(p.text for p in section.paragraphs)
        assert "固定资产登记" in text and "逐项测算指标值" in text  # both projects' cells
        assert "按期完成" not in text and "校舍维修改造项目" not in text  # not 评价结论, not 项目名称
