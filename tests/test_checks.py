"""Numeric checks on the real seeds (errors found by hand) and on generated tables (properties)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
import split_forms
from conftest import SEED_000, SEED_004, SEEDS, seed_path, seed_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synth import Indicator, SelfEval, r2

from reviewer.checks import check_report
from reviewer.checks.location import TablePlace
from reviewer.read import read_report
from reviewer.structure import analyse

# Found by hand in the seeds: (check, severity, stated, computed, words the location must contain).
EXPECTED = {
    SEED_000: [
        ("staffing_control_rate", "error", 100, 91.18, ["基础数据表", "控制率"]),  # 31 ÷ 34
        ("expense_composition", "error", 9758.08, 9758.15, ["自评表", "全年执行数"]),  # 479.77 + 9278.38
        ("total_score", "error", 98, 96.33, ["部门整体支出绩效自评表", "总分"]),  # 8.33+10+20+10+10+18+10+10
        ("cross_reference", "warning", 465.34, 479.77, ["基本支出"]),  # narrative vs table
        ("cross_reference", "warning", 9292.74, 9278.38, ["项目支出"]),
        ("cross_reference", "warning", 10.98, 7, ["公务接待", "2022年决算数"]),  # 4.9 + 6.08 vs 7
        ("low_execution_unexplained", "warning", 83.34, 90, ["执行率"]),
        ("target_vs_actual", "warning", 18, 20, ["企业经济效益增长"]),  # 已达到目标 yet 18/20
        ("narrative_sums", "info", 455.57, 455.56, ["基本支出"]),  # 415.19 + 40.37, rounding
        ("narrative_growth", "info", 55.35, 55.37, ["公务接待"]),  # 6.08 ÷ 10.98, within rounding of 4.9
    ],
    SEED_004: [
        ("total_score", "error", 100, 110, ["项目支出绩效自评表", "总分"]),
        ("weight_total", "error", 100, 110, ["项目支出绩效自评表", "分值合计"]),
        ("weight_total", "error", 100, 110, ["项目支出绩效自评表", "总分", "分值"]),
        ("level1_weight", "error", 30, 40, ["项目支出绩效自评表", "效益指标"]),  # 5+5+10+10+10
        ("basic_data_subtotals", "error", 562.23, 582.23, ["项目支出", "2022年决算数"]),  # 562.23+0+20
        ("basic_data_subtotals", "error", 411.28, 441.28, ["项目支出", "2023年预算数"]),
        ("basic_data_subtotals", "error", 411.28, 441.28, ["项目支出", "2023年决算数"]),
        ("basic_data_subtotals", "error", 20, 17, ["市级专项资金", "2022年决算数"]),  # 5+2+0+10
        ("basic_data_subtotals", "warning", 2.69, 0, ["公务用车", "2022年决算数"]),  # 运行维护 left blank
        ("cross_reference", "warning", 4.4, 3.06, ["办公"]),  # 办公费年初预算 vs 基础数据表
        ("cross_reference", "warning", 8.14, 3.06, ["办公"]),
        ("cross_reference", "warning", 30, 411.28, ["业务工作经费"]),  # project table vs 基础数据表 line
        ("cross_reference", "warning", 439.21, 334.91, ["成交额"]),  # narrative vs 实际完成值
    ],
}

# Correct figures that must not be flagged: (check, words in the location) — no finding may match.
MUST_NOT_FLAG = {
    SEED_000: [
        ("execution_rate", ["部门整体"]),
        ("execution_score", []),
        ("income_composition", []),
        ("basic_data_subtotals", []),
        ("funding_sources", []),
        ("level1_weight", []),
        ("weight_total", []),
        ("total_score", ["项目支出绩效自评表"]),
        ("narrative_sums", ["项目支出"]),
        ("score_within_weight", []),
    ],
    SEED_004: [
        ("staffing_control_rate", []),
        ("execution_rate", []),
        ("execution_score", []),
        ("income_composition", []),
        ("expense_composition", []),
        ("total_score", ["部门整体"]),
        ("level1_weight", ["部门整体"]),
        ("basic_data_subtotals", ["三公经费"]),
        ("narrative_sums", []),
        ("basic_data_subtotals", ["2023年决算数", "市级专项"]),
        ("target_vs_actual", []),
    ],
}


def _findings(seed: str, fmt: str):
    return check_report(seed_report(seed, fmt)).findings


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("seed", SEEDS)
def test_every_hand_found_error_is_found(seed: str, fmt: str) -> None:
    findings = _findings(seed, fmt)
    for check, severity, stated, computed, words in EXPECTED[seed]:
        matches = [
            f
            for f in findings
            if f.check == check
            and f.severity == severity
            and f.stated is not None
            and abs(f.stated - stated) < 0.006
            and f.computed is not None
            and abs(f.computed - computed) < 0.006
            and all(w in f.location for w in words)
        ]
        assert matches, f"missing {check} {stated}→{computed} in {[(f.check, f.stated, f.computed) for f in findings]}"


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("seed", SEEDS)
def test_nothing_else_is_flagged(seed: str, fmt: str) -> None:
    findings = _findings(seed, fmt)
    assert len(findings) == len(EXPECTED[seed]), [f.message for f in findings]
    for check, words in MUST_NOT_FLAG[seed]:
        wrong = [
            f
            for f in findings
            if f.check == check
            and f.severity != "info"
            and all(w in f.location for w in words)
            and not _expected(seed, f)
        ]
        assert not wrong, [f.message for f in wrong]


def _expected(seed: str, finding) -> bool:
    return any(
        finding.check == c and finding.stated is not None and abs(finding.stated - s) < 0.006
        for c, _sev, s, _comp, _w in EXPECTED[seed]
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_and_text_give_the_same_findings_with_the_same_ids(seed: str) -> None:
    docx = [(f.id, f.check, f.severity, f.message, f.location) for f in _findings(seed, "docx")]
    text = [(f.id, f.check, f.severity, f.message, f.location) for f in _findings(seed, "txt")]
    assert docx == text


def test_messages_show_the_arithmetic_in_chinese() -> None:
    messages = [f.message for f in _findings(SEED_000, "docx")]
    assert "控制率应为 31 ÷ 34 = 91.18%，填报 100%" in messages
    assert any("479.77 + 项目支出 9278.38 = 9758.15" in m for m in messages)


def test_every_check_reports_its_coverage() -> None:
    results = check_report(seed_report(SEED_004, "docx"))
    summary = results.summary
    assert set(summary.run) | set(summary.not_assessable) == {o.check for o in summary.outcomes}
    assert "narrative_growth" in summary.not_assessable  # 004 states no growth figures
    reason = next(o.reason for o in summary.outcomes if o.check == "narrative_growth")
    assert reason
    assert "level1_weight" in summary.failed and "staffing_control_rate" in summary.passed


def test_ids_are_stable_across_runs_and_wording() -> None:
    first = [f.id for f in check_report(analyse(read_report(seed_path(SEED_000, "docx")))).findings]
    again = [f.id for f in check_report(analyse(read_report(seed_path(SEED_000, "docx")))).findings]
    assert first == again and len(set(first)) == len(first)


def test_a_report_with_no_tables_says_what_could_not_be_assessed(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("2023年度某局部门整体支出绩效自评报告\n七、存在的问题及原因分析\n资金不足。\n", encoding="utf-8")
    results = check_report(analyse(read_report(path)))
    assert results.findings == []
    assert "execution_rate" in results.summary.not_assessable
    assert results.summary.run == []


def test_checks_are_fast() -> None:
    report = seed_report(SEED_004, "docx")
    check_report(report)
    start = time.perf_counter()
    for _ in range(10):
        check_report(report)
    per_report = (time.perf_counter() - start) / 10
    assert per_report < 0.05, per_report


# ------------------------------------------------------------------------------------------- properties

money = st.decimals(min_value=Decimal("10.00"), max_value=Decimal("99999.99"), places=2)


@st.composite
def self_evals(draw: st.DrawFn) -> SelfEval:
    budget = draw(money)
    spent = draw(st.decimals(min_value=budget * Decimal("0.9"), max_value=budget, places=2))
    spent = max(min(spent, budget), Decimal("0.01"))
    gp = draw(st.decimals(min_value=Decimal(0), max_value=budget, places=2))
    fund = draw(st.decimals(min_value=Decimal(0), max_value=budget - gp, places=2))
    basic = draw(st.decimals(min_value=Decimal(0), max_value=spent, places=2))
    indicators: list[Indicator] = []
    declared = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    for level1, weight in declared.items():
        parts = draw(st.integers(min_value=1, max_value=min(4, weight)))
        cuts = sorted(
            draw(
                st.lists(
                    st.integers(min_value=1, max_value=weight - 1), min_size=parts - 1, max_size=parts - 1, unique=True
                )
            )
        )
        bounds = [0, *cuts, weight]
        for n in range(parts):
            w = bounds[n + 1] - bounds[n]
            indicators.append(
                Indicator(
                    level1=level1, level3=f"{level1}{n}", weight=w, score=draw(st.integers(min_value=0, max_value=w))
                )
            )
    return SelfEval(
        budget=budget,
        spent=spent,
        income=[gp, fund, budget - gp - fund],
        expense=[basic, spent - basic],
        indicators=indicators,
        declared=declared,
    )


def _check_text(tmp_path: Path, table: SelfEval):
    path = tmp_path / "synthetic.txt"
    path.write_text(table.to_text(), encoding="utf-8")
    return check_report(analyse(read_report(path))).findings


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(table=self_evals())
def test_consistent_tables_raise_no_finding(tmp_path: Path, table: SelfEval) -> None:
    findings = [f for f in _check_text(tmp_path, table) if f.severity != "info"]
    assert findings == [], [f.message for f in findings]


@SETTINGS
@given(
    table=self_evals(),
    which=st.sampled_from(["rate", "total", "declared", "budget", "expense0"]),
    delta=st.sampled_from([Decimal(1), Decimal(-1), Decimal(3)]),
)
def test_one_wrong_figure_gives_exactly_the_right_finding(
    tmp_path: Path, table: SelfEval, which: str, delta: Decimal
) -> None:
    expected_check = {
        "rate": "execution_rate",
        "total": "total_score",
        "declared": "level1_weight",
        "budget": None,
        "expense0": "expense_composition",
    }[which]
    if which == "rate":
        table.overrides["rate"] = f"{r2(table.rate + delta)}%"
    elif which == "total":
        table.overrides["total"] = str(table.total + delta)
    elif which == "declared":
        table.overrides["declared:效益指标"] = str(30 + int(delta))
    elif which == "budget":
        # 全年预算数 feeds the rate, the score and the income sum: each relation must say so.
        table.overrides["budget"] = str(table.budget + delta * 100)
    elif which == "expense0":
        table.overrides["expense0"] = str(table.expense[0] + delta)
    findings = [f for f in _check_text(tmp_path, table) if f.severity != "info"]
    if expected_check is None:
        assert {"execution_rate", "income_composition"} <= {f.check for f in findings}
        return
    assert [f.check for f in findings] == [expected_check], [f.message for f in findings]


# ------------------------------------------------------------------------------------- registry, locations


def test_readme_check_table_is_the_registry() -> None:
    from pathlib import Path

    from reviewer.checks.registry import checks_markdown

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert checks_markdown() in readme


def test_every_registered_check_reports_an_outcome() -> None:
    from reviewer.checks.registry import CHECKS

    results = check_report(seed_report(SEED_000, "txt"))
    assert [o.check for o in results.summary.outcomes] == [c.id for c in CHECKS]
    assert all(o.name == c.name for o, c in zip(results.summary.outcomes, CHECKS, strict=True))


def test_table_finding_knows_its_cell() -> None:
    from reviewer.checks.location import TablePlace, describe

    results = check_report(seed_report(SEED_000, "docx"))
    rate = next(f for f in results.findings if f.check == "staffing_control_rate")
    place = rate.location_ref.place
    assert isinstance(place, TablePlace)
    assert (place.table_kind, place.row, place.column) == ("basic_data", "财政供养人员情况", "控制率")
    assert place.cell == rate.anchor and place.cell is not None and place.cell.table is not None
    assert describe(rate.location_ref) == rate.location == "部门整体支出绩效评价基础数据表 · 财政供养人员情况 · 控制率"


def test_cross_reference_has_both_sides() -> None:
    from reviewer.checks.location import NarrativePlace, TablePlace

    results = check_report(seed_report(SEED_004, "docx"))
    finding = next(f for f in results.findings if f.check == "cross_reference" and "成交额" in f.message)
    sentence, table = finding.location_ref.place, finding.location_ref.other
    assert isinstance(sentence, NarrativePlace) and isinstance(table, TablePlace)
    assert "439.21" in sentence.quote and sentence.section_id  # the full sentence, not the shortened one
    assert table.row == "技术合同成交额" and table.column == "实际完成值"
    assert finding.location.count(" ↔ ") == 1


def test_location_survives_the_json_contract() -> None:
    from reviewer.checks.findings import Finding

    results = check_report(seed_report(SEED_004, "docx"))
    for finding in results.findings:
        assert Finding.model_validate_json(finding.model_dump_json()) == finding


# ---------------------------------------------------------------------------------------------- rules as data

FORMS = Path(__file__).parent / "data" / "forms"


def test_the_101_weight_scheme_is_accepted_and_named() -> None:
    from reviewer.review import review_path

    result = review_path(FORMS / "hn-proj-2023-cost.docx")
    item = next(i for i in result.items if i.id == "indicator_table")
    assert item.detail.weight_schemes == ["cost"] and item.detail.weight_share == [1.0]  # type: ignore[union-attr]
    assert "符合「财预〔2021〕101号（设置成本指标的项目）」" in item.justification
    seed = next(i for i in review_path(seed_path(SEED_000, "docx")).items if i.id == "indicator_table")
    assert seed.detail.weight_schemes == ["default", "cost"]  # type: ignore[union-attr]


def test_a_scheme_whose_weights_do_not_add_up_is_refused() -> None:
    from pydantic import ValidationError

    from reviewer.rubric import WeightScheme

    with pytest.raises(ValidationError, match="应为 100"):
        WeightScheme(id="x", name="x", weights={"产出指标": 50, "效益指标": 30})


def test_execution_score_by_the_101_interval_scheme_is_right_only_when_configured() -> None:
    from reviewer.checks import CheckSettings
    from reviewer.rubric import load_rubric

    report = analyse(read_report(FORMS / "sc-form-2024-interval.docx"))  # 85% → 7 of 10
    configured = check_report(report, load_rubric("yueyang-dept-2023").checks)
    assert not [f for f in configured.findings if f.check == "execution_score"]
    plain = check_report(report, CheckSettings())
    flagged = [f for f in plain.findings if f.check == "execution_score"]
    assert [(f.stated, f.computed) for f in flagged] == [(7, 8.5)]


def test_direction_comes_from_the_form_column() -> None:
    report = analyse(read_report(FORMS / "hn-proj-2022-missed.docx"))
    findings = [f for f in check_report(report).findings if f.check == "target_vs_actual"]
    # 清淤山塘 91 < 95 at full marks is flagged with its pro-rata score; 成本 2.9 ≤ 3 is met, not flagged.
    assert [(f.stated, round(f.computed or 0, 2)) for f in findings] == [(30, 28.74)]
    assert "每座清淤成本" not in " ".join(f.message for f in findings)


def test_a_bracketed_qizhong_list_is_bounded_by_its_bracket(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "2023年度某局部门整体支出绩效自评报告\n一、部门基本情况\n"
        "全年支出300万元（其中：基本支出100万元、项目支出200万元），另有结转50万元。\n"
        "项目支出200万元，其中：工程款150万元（其中：设计费20万元、监理费10万元）、设备费50万元。\n",
        encoding="utf-8",
    )
    findings = [f for f in check_report(analyse(read_report(path))).findings if f.check == "narrative_sums"]
    assert findings == []


# An indicator block standing alone (the 自评表's indicator part in the report's own 「项目绩效目标完成情况」,
# no money rows): a 5% 执行率 weight is elsewhere, so its 分值 add up to 90 and its 总分 row says 100.
_BLOCK_ROWS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分", "偏差原因"],
    ["产出指标", "数量指标", "改造灌溉渠道长度", "≥12公里", "12.5公里", "30", "30", ""],
    ["产出指标", "质量指标", "渠道验收合格率", "≥95%", "88%", "20", "20", ""],
    ["效益指标", "社会效益指标", "受益农田面积", "≥3000亩", "3100亩", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "94%", "10", "10", ""],
    ["总分", "", "", "", "", "100", "100", ""],
]
_BLOCK_TEXT = [
    "某县水利局2023年度农田灌溉渠道改造项目支出绩效自评报告",
    "一、项目基本情况",
    "项目由县水利局组织实施，改造灌溉渠道并配套建设量水设施。",
    "二、项目绩效目标完成情况",
]
_BLOCK_TAIL = [
    "三、存在的问题及原因分析",
    "部分渠段施工质量不达标，返工导致验收合格率偏低。",
    "四、下一步改进措施",
    "加强施工过程监理，对不合格渠段限期整改。",
]


def _indicator_block_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for text in _BLOCK_TEXT:
        document.add_paragraph(text)
    table = document.add_table(rows=len(_BLOCK_ROWS), cols=len(_BLOCK_ROWS[0]))
    for r, row in enumerate(_BLOCK_ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in _BLOCK_TAIL:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _indicator_block_markdown(path: Path) -> Path:
    rows = ["| " + " | ".join(row) + " |" for row in _BLOCK_ROWS]
    table = "\n".join([rows[0], "|" + "---|" * len(_BLOCK_ROWS[0]), *rows[1:]])
    path.write_text("\n\n".join([*_BLOCK_TEXT, table, *_BLOCK_TAIL]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("build", [_indicator_block_docx, _indicator_block_markdown])
def test_an_indicator_table_without_money_rows_is_checked(tmp_path: Path, build) -> None:
    suffix = ".docx" if build is _indicator_block_docx else ".md"
    report = analyse(read_report(build(tmp_path / f"report{suffix}")))
    (block,) = report.tables
    assert block.kind == "indicator_block" and block.kind_name == "绩效指标完成情况表"
    assert len(block.indicators) == 4 and block.indicators[1].actual == "88%"

    results = check_report(report)
    targets = [f for f in results.findings if f.check == "target_vs_actual"]
    # ≥95% missed at 88% with full marks: flagged with the pro-rata score (20 × 88/95); the three met are not.
    assert [(f.stated, round(f.computed or 0, 2)) for f in targets] == [(20, 18.53)]
    assert "渠道验收合格率" in targets[0].message and targets[0].location.startswith("绩效指标完成情况表")
    # The 执行率 weight is not in the block: its 分值 and 总分 are not judged against 100.
    assert not [f for f in results.findings if f.check in ("weight_total", "total_score")]
    outcomes = {o.check: o for o in results.summary.outcomes}
    assert outcomes["score_within_weight"].assessed == 4
    assert outcomes["execution_rate"].outcome == "not_assessable"


# A 自评表 split into its money table and the indicator block after it (tests/split_forms.py): one form,
# whose 分值 add up to 100 with the 执行率's 10 and whose 总分 counts the 执行率 得分.
def _split_rows(weight: str = "25", total: str = "99.5") -> list[list[str]]:
    rows = [list(row) for row in split_forms.BLOCK_ROWS]
    rows[1][5], rows[-1][6] = weight, total
    return rows


@pytest.mark.parametrize("build", [split_forms.split_markdown, split_forms.split_docx])
def test_a_form_split_into_money_and_indicator_tables_is_checked_as_one(tmp_path: Path, build) -> None:
    suffix = ".docx" if build is split_forms.split_docx else ".md"
    report = analyse(read_report(build(tmp_path / f"split{suffix}")))
    money, block = report.tables
    assert (money.kind, block.kind) == ("project_self_eval", "indicator_block")
    (form,) = report.forms()
    assert form.money == money and form.blocks == [block] and len(form.indicators) == 4
    outcomes = {o.check: o for o in check_report(report).summary.outcomes}
    # 10 + 25 + 25 + 30 + 10 = 100 and 9.5 + 90 = 99.5: both totals judged, across the two tables.
    assert outcomes["weight_total"].outcome == "passed" and outcomes["total_score"].outcome == "passed"

    wrong = analyse(read_report(build(tmp_path / f"wrong{suffix}", _split_rows(weight="30", total="98"))))
    findings = [f for f in check_report(wrong).findings if f.check in ("weight_total", "total_score")]
    assert sorted(f.check for f in findings) == ["total_score", "weight_total", "weight_total"]
    messages = " ".join(f.message for f in findings)
    assert "10 + 30 + 25 + 30 + 10 = 105" in messages and "9.5 + 25 + 25 + 30 + 10" in messages
    for finding in findings:
        place = finding.location_ref.place
        # The 总分 row is in the indicator block: the finding points at that table and its cell.
        assert isinstance(place, TablePlace) and place.table_index == block.index
        assert finding.anchor is not None and finding.anchor in {c.source for row in _rows(wrong, block) for c in row}


def _rows(report, info):
    return report.document.blocks[info.index].rows


def test_an_indicator_block_alone_says_what_is_missing(tmp_path: Path) -> None:
    report = analyse(read_report(split_forms.split_markdown(tmp_path / "block.md", money=False)))
    assert [t.kind for t in report.tables] == ["indicator_block"]
    (form,) = report.forms()
    assert form.money is None
    outcomes = {o.check: o for o in check_report(report).summary.outcomes}
    for check in ("execution_rate", "weight_total", "total_score", "low_execution_unexplained"):
        assert outcomes[check].outcome == "not_assessable"
        assert "未附绩效自评表的资金部分" in outcomes[check].reason
    assert outcomes["score_within_weight"].assessed == 4


def test_a_full_form_takes_no_block_and_a_block_after_another_table_stays_alone(tmp_path: Path) -> None:
    report = analyse(read_report(seed_path(SEED_004, "txt")))
    forms = report.forms()
    # The seed's forms have their indicators: each is whole on its own.
    assert forms and all(not f.blocks for f in forms) and [f.money for f in forms] == report.self_eval_tables()
    path = split_forms.split_markdown(tmp_path / "apart.md")
    other = "| 序号 | 路段 | 护栏（米） |\n|---|---|---|\n| 1 | 某村急弯段 | 800 |"
    path.write_text(path.read_text("utf-8").replace(split_forms.CAPTION, other), encoding="utf-8")
    report = analyse(read_report(path))
    assert [t.kind for t in report.tables] == ["project_self_eval", "other", "indicator_block"]
    assert [(f.money is not None, len(f.blocks)) for f in report.forms()] == [(True, 0), (False, 1)]


def test_an_indicator_block_split_off_a_project_form_is_scored_by_the_project_forms_conventions(
    tmp_path: Path,
) -> None:
    from reviewer.rubric import DEFAULT_RUBRIC, load_rubric

    settings = load_rubric(DEFAULT_RUBRIC).checks
    rows = _split_rows(total="93.25")
    # 验收合格率 90% of 100%: 25 × (0.9 − 0.6) ÷ 0.4 = 18.75, 财预〔2021〕101号's 60% pass line, which the
    # rubric accepts on project forms only.
    rows[2][4], rows[2][6] = "90%", "18.75"
    split = analyse(read_report(split_forms.split_markdown(tmp_path / "split.md", rows)))
    alone = analyse(read_report(split_forms.split_markdown(tmp_path / "alone.md", rows, money=False)))
    on_split = [f for f in check_report(split, settings).findings if f.check == "target_vs_actual"]
    on_alone = [f for f in check_report(alone, settings).findings if f.check == "target_vs_actual"]
    assert on_split == []
    assert len(on_alone) == 1 and "不符合所配置的任何计分方法" in on_alone[0].message
