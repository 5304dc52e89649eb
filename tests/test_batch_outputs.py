"""The batch's outputs for people: summary.csv and summary.xlsx with Chinese headers, 得分 over the points
assessed and on 100, counts by root cause, a workbook that is filtered, frozen, linked and prints on A4
landscape (checked through LibreOffice when it can open spreadsheets; the PDF and a PNG of it go to
test-artefacts/batch/)."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, seed_score

from reviewer.batch import (
    ERRORS_HEADER,
    LINK_TEXT,
    PERCENT_HEADER,
    REVIEW_HEADER,
    SCORE_HEADER,
    STATUS_NAMES,
    WARNINGS_HEADER,
    WIDTH_CAPS,
    BatchRow,
    summary_table,
)
from reviewer.checks.causes import root_causes
from reviewer.quotes import display_width
from reviewer.review import ReviewResult
from reviewer.rubric import load_rubric

ARTEFACTS = Path(os.environ.get("REVIEWER_TEST_ARTEFACTS", Path(__file__).parent.parent / "test-artefacts")) / "batch"
UNIT_000, UNIT_004 = "双牌县科技和工业信息化局", "岳阳市科学技术局"
HEADERS = [
    "文件",
    REVIEW_HEADER,
    "状态",
    "单位",
    "年度",
    SCORE_HEADER,
    PERCENT_HEADER,
    ERRORS_HEADER,
    WARNINGS_HEADER,
    "说明",
    "完整性（15分）",
    "绩效自评表（20分）",
    "反映问题情况（20分）",
    "建议情况（15分）",
    "评分方式",
]


@pytest.fixture
def out(seed_batch: Path) -> Path:
    return seed_batch


def _csv(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((out / "summary.csv").read_text("utf-8-sig").splitlines()))


def _by_unit(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["单位"]: r for r in rows}


def test_csv_has_chinese_headers_statuses_and_scores_over_the_points_assessed(out: Path) -> None:
    rows = _csv(out)
    assert list(rows[0]) == HEADERS  # no evidence given: no column for the four evidence items
    assert [r["状态"] for r in rows] == ["无法读取", "正常", "正常"]
    broken, seed_004, seed_000 = rows
    assert broken[SCORE_HEADER] == broken[ERRORS_HEADER] == ""  # an unreadable file has no counts, not 0
    assert "已损坏" in broken["说明"]
    # The four evidence items (30 points) need material outside the report: 70 points assessed.
    for row, seed in ((seed_004, SEED_004), (seed_000, SEED_000)):
        assert row[SCORE_HEADER] == seed_score(seed) and row[SCORE_HEADER].endswith(" / 70")
        points, assessed = (float(x) for x in row[SCORE_HEADER].split(" / "))
        assert row[PERCENT_HEADER] == f"{points / assessed * 100:.1f}"
    assert seed_004["完整性（15分）"] == "13" and seed_004["绩效自评表（20分）"] == "11.5"
    assert {r["评分方式"] for r in (seed_004, seed_000)} == {"规则"}
    # The machine-readable per-report JSON keeps its ids.
    report = json.loads(next((out / "reports").glob("*004*.json")).read_text("utf-8"))
    assert report["status"] == "ok" and report["total"]["assessed_max_points"] == 70


def test_counts_are_root_causes_seed_004s_weight_fault_once(out: Path) -> None:
    report = ReviewResult.model_validate_json(next((out / "reports").glob("*004*.json")).read_text("utf-8"))
    findings = {f.id: f for f in report.findings}
    errors = [f for f in report.findings if f.severity == "error"]
    warnings = [f for f in report.findings if f.severity == "warning"]
    causes = root_causes(report.findings)
    # 效益指标 declares 30 where its sub-indicators add up to 40: the 分值 total (twice) and the 总分 follow.
    weight = next(c for c in causes if findings[c.root].check == "level1_weight")
    assert "效益指标" in findings[weight.root].message
    assert sorted(findings[d].check for d in weight.dependents) == ["total_score", "weight_total", "weight_total"]
    root_errors = sum(findings[c.root].severity == "error" for c in causes)
    assert (len(errors), root_errors) == (8, 5)
    row = _by_unit(_csv(out))[UNIT_004]
    assert row[ERRORS_HEADER] == str(root_errors) and row[WARNINGS_HEADER] == str(len(warnings))
    assert "按根因计" in (out / "index.html").read_text("utf-8")


def test_evidence_columns_only_when_evidence_was_given() -> None:
    rubric = load_rubric()
    without = BatchRow(file="a.docx", status="ok", items={"notice": None, "completeness": 15.0}, key="a")
    given = without.model_copy(update={"items": {"notice": 8.0, "completeness": 15.0}})
    flagged = BatchRow(file="通知.docx", status="not_a_report", message="不是绩效自评报告：…", key="b")
    headers = [c.header for c in summary_table([without, flagged], rubric).columns]
    assert "自评通知（8分）" not in headers and "完整性（15分）" in headers
    table = summary_table([given, flagged], rubric)
    headers = [c.header for c in table.columns]
    assert "自评通知（8分）" in headers and "工作小组（2分）" not in headers  # only what some report was given
    assert [row[headers.index("状态")] for row in table.cells] == ["正常", STATUS_NAMES["not_a_report"]]
    assert set(STATUS_NAMES.values()) == {"正常", "无法读取", "不是绩效自评报告"}


def test_display_width_counts_cjk_twice() -> None:
    assert display_width("ab12") == 4 and display_width("岳阳市") == 6 and display_width("（20分）") == 8


def test_xlsx_is_sized_filtered_frozen_linked_and_set_up_for_a4_landscape(out: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(out / "summary.xlsx").active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:O{sheet.max_row}" and sheet.max_row == 4
    width = {header: sheet.column_dimensions[chr(ord("A") + n)].width for n, header in enumerate(HEADERS)}
    # Fitted to content, a CJK character counting two: the longer unit fits or the column is at its cap.
    assert width["单位"] == min(display_width(UNIT_000), WIDTH_CAPS["unit"]) + 2
    assert width["单位"] >= display_width(UNIT_004) + 2
    assert width["说明"] == WIDTH_CAPS["note"] + 2  # long messages wrap within the cap
    assert width["年度"] < width[PERCENT_HEADER] < width["文件"]  # not one width for all
    assert all(sheet.cell(row=n, column=HEADERS.index("说明") + 1).alignment.wrap_text for n in range(2, 5))
    assert sheet.row_dimensions[3].height > sheet.row_dimensions[2].height or sheet.row_dimensions[3].height > 15
    # Each reviewed file links to its review, relative to the workbook; the broken one links nowhere.
    cells = {sheet.cell(row=n, column=4).value: sheet.cell(row=n, column=2) for n in range(2, 5)}
    assert cells[None].hyperlink is None and cells[None].value is None
    for unit in (UNIT_000, UNIT_004):
        target = cells[unit].hyperlink.target
        assert cells[unit].value == LINK_TEXT and cells[unit].hyperlink.location is None
        assert not Path(target).is_absolute() and target.endswith(".html") and (out / target).is_file()
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", "9", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"  # the header on every printed page


def _calc() -> str | None:
    """soffice, when the LibreOffice in use can open spreadsheets (Debian ships Calc separately)."""
    from reviewer.read.convert import soffice

    executable = soffice()
    if executable is None:
        return None
    program = Path(executable).resolve().parent
    return executable if any(program.glob("libsclo.*")) or (program / "scalc").exists() else None


def test_xlsx_prints_on_one_a4_landscape_page(out: Path) -> None:
    if _calc() is None:
        pytest.skip("LibreOffice Calc is not installed")
    import pdfplumber

    from reviewer.read.convert import converted

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with converted(out / "summary.xlsx", "Excel（.xlsx）", target="pdf") as pdf:
        shutil.copy(pdf, ARTEFACTS / "summary.xlsx.pdf")
    with pdfplumber.open(ARTEFACTS / "summary.xlsx.pdf") as document:
        assert len(document.pages) == 1  # the seed batch: 3 rows, every column on one page
        page = document.pages[0]
        assert round(page.width) == 842 and round(page.height) == 595  # A4 landscape, in points
        text = page.extract_text()
        page.to_image(resolution=110).save(ARTEFACTS / "summary.xlsx.png")
    for expected in ("文件", "评分方式", UNIT_004, seed_score(SEED_004), "第 1 页，共 1 页"):
        assert expected in text.replace("\n", ""), expected
