"""Rubric files are cross-checked on load: every section and table kind they name is in the catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED_000, seed_path

from reviewer.cli import EXIT_RUBRIC, main
from reviewer.errors import RubricError
from reviewer.rubric import CompletenessRule, list_rubrics, load_rubric

RUBRIC_FILE = Path(__file__).parent.parent / "rubrics" / "yueyang-dept-2023.yaml"


def _completeness(data: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in data["items"] if i["id"] == "completeness")["rule"]


def _write_rubric(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RUBRIC_FILE.read_text("utf-8"))
    change(data)
    path = tmp_path / "typo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _rename(names: list[str], old: str, new: str) -> None:
    names[names.index(old)] = new


SECTION_TYPO = (lambda d: _rename(_completeness(d)["main"]["sections"], "problems", "problem"), "problem")
TABLE_TYPO = (lambda d: _rename(_completeness(d)["attachments"]["tables"], "basic_data", "basic_date"), "basic_date")


def test_the_packaged_rubrics_name_only_known_sections_and_tables() -> None:
    for rubric in list_rubrics():
        rule = next(i.rule for i in rubric.items if isinstance(i.rule, CompletenessRule))
        assert "problems" in rule.main.sections and "dept_self_eval" in rule.attachments.tables


def test_an_unknown_section_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = _write_rubric(tmp_path, SECTION_TYPO[0])
    with pytest.raises(RubricError) as refused:
        load_rubric(str(path))
    message = str(refused.value)
    assert "typo.yaml" in message and "completeness" in message
    assert "未知的正文部分「problem」" in message
    assert "已知的部分：basic_info、budget、" in message and "problems" in message


def test_an_unknown_table_kind_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = _write_rubric(tmp_path, TABLE_TYPO[0])
    with pytest.raises(RubricError) as refused:
        load_rubric(str(path))
    message = str(refused.value)
    assert "typo.yaml" in message and "未知的表格种类「basic_date」" in message
    assert "已知的种类：basic_data、dept_self_eval、project_self_eval" in message


def test_every_unknown_name_is_reported_at_once(tmp_path: Path) -> None:
    def both(data: dict[str, Any]) -> None:
        SECTION_TYPO[0](data)
        TABLE_TYPO[0](data)

    with pytest.raises(RubricError, match=r"「problem」.*「basic_date」"):
        load_rubric(str(_write_rubric(tmp_path, both)))


def test_a_table_listed_under_the_main_part_is_refused(tmp_path: Path) -> None:
    """The 正文 part is scored by its sections only: a table there would be silently ignored."""
    path = _write_rubric(tmp_path, lambda d: _completeness(d)["main"].update(tables=["basic_data"]))
    with pytest.raises(RubricError, match=r"main\.tables"):
        load_rubric(str(path))


@pytest.mark.parametrize(("change", "unknown"), [SECTION_TYPO, TABLE_TYPO])
def test_the_cli_reports_an_unknown_name_without_a_traceback(
    tmp_path: Path, change, unknown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_rubric(tmp_path, change)
    code = main(["review", str(seed_path(SEED_000, "txt")), "--rubric", str(path)])
    captured = capsys.readouterr()
    assert code == EXIT_RUBRIC == 4
    assert f"「{unknown}」" in captured.err and "typo.yaml" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


FORMS = Path(__file__).parent / "data" / "forms"
PROJECT_REPORT = FORMS / "hen-proj-2022.docx"  # a prose 项目支出绩效自评报告 with its form


def test_the_bundled_rubric_declares_the_kind_of_report_it_scores() -> None:
    assert load_rubric().report_kind == "dept"


def test_a_project_report_on_the_department_rubric_says_so_everywhere(tmp_path: Path) -> None:
    from reviewer.batch import BatchRecord, row_from
    from reviewer.render import render
    from reviewer.review import review_path

    result = review_path(PROJECT_REPORT)
    mismatch = result.rubric_mismatch
    assert mismatch is not None
    assert (mismatch.report_kind, mismatch.rubric_kind, mismatch.suggested_rubric) == ("project", "dept", None)
    assert mismatch.message == (
        "本报告是项目支出绩效自评报告，所用评分表适用于部门整体支出绩效自评报告，完整性等项仅供参考；"
        "未附带适用于项目支出绩效自评报告的评分表，可另写一份 YAML 评分表（写法见 README「项目支出评分表」一节），"
        "用 --rubric 文件路径 指定"
    )
    # The verdict (the terminal's first line, the Markdown and HTML headline) and the JSON's typed field.
    assert mismatch.message in render(result, "text").splitlines()[0]
    assert mismatch.message in render(result, "markdown") and mismatch.message in render(result, "html")
    assert '"rubric_kind": "dept"' in render(result, "json")
    # The batch summary's 说明 says it first.
    row = row_from(PROJECT_REPORT, "k", BatchRecord(status="ok", result=result), "r")
    assert row.message.startswith(mismatch.message)


def test_a_report_of_the_rubrics_own_kind_has_no_mismatch(tmp_path: Path) -> None:
    from reviewer.review import ReviewOptions, review_path

    assert review_path(seed_path(SEED_000, "docx")).rubric_mismatch is None
    project_rubric = _write_rubric(tmp_path, lambda d: d.update(report_kind="project"))
    assert review_path(PROJECT_REPORT, ReviewOptions(rubric=str(project_rubric))).rubric_mismatch is None
    any_kind = _write_rubric(tmp_path, lambda d: d.pop("report_kind"))
    assert review_path(PROJECT_REPORT, ReviewOptions(rubric=str(any_kind))).rubric_mismatch is None


def test_a_bundled_rubric_for_the_reports_kind_is_suggested_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.rubric as rubric_module

    project = load_rubric().model_copy(update={"id": "somewhere-proj-2024", "name": "项目支出绩效自评评分表"})
    project = project.model_copy(update={"report_kind": "project"})
    monkeypatch.setattr(rubric_module, "list_rubrics", lambda: [load_rubric(), project])
    mismatch = rubric_module.rubric_mismatch(load_rubric(), "project")
    assert mismatch is not None and mismatch.suggested_rubric == "somewhere-proj-2024"
    assert mismatch.message.endswith("可用 --rubric somewhere-proj-2024 改用「项目支出绩效自评评分表」")


def test_asking_for_a_project_rubric_by_name_says_none_is_bundled_and_how_to_supply_one() -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric("project")
    message = str(caught.value)
    assert "找不到评分表「project」" in message and "yueyang-dept-2023（部门整体支出绩效自评报告）" in message
    assert "未附带适用于项目支出绩效自评报告的评分表" in message and "--rubric 文件路径" in message


def test_a_batch_ranks_a_score_from_another_kinds_rubric_after_the_comparable_ones(tmp_path: Path) -> None:
    from reviewer.batch import BatchRecord, attention_order, row_from, write_summaries
    from reviewer.review import review_path

    project = row_from(PROJECT_REPORT, "p", BatchRecord(status="ok", result=review_path(PROJECT_REPORT)), "p")
    seed = review_path(seed_path(SEED_000, "txt"))
    dept = row_from(Path("dept.docx"), "d", BatchRecord(status="ok", result=seed), "d")
    # However few its errors and however low its score, the project report comes after the comparable one.
    project = project.model_copy(update={"errors": 0, "warnings": 0, "total_points": 1.0})
    assert project.reference_only and not dept.reference_only
    broken = dept.model_copy(update={"status": "error", "file": "broken.docx"})
    order = [r.file for r in attention_order([project, dept, broken])]
    assert order == ["broken.docx", "dept.docx", str(PROJECT_REPORT)]
    write_summaries(tmp_path, attention_order([project, dept]), load_rubric())
    lines = (tmp_path / "summary.csv").read_text("utf-8-sig").splitlines()
    assert "（仅供参考）" not in lines[1] and lines[2].count("（仅供参考）") == 2
    assert "1 / " in lines[2].split(",")[5] and lines[2].split(",")[6].endswith("（仅供参考）")
    assert "得分标注「仅供参考」" in (tmp_path / "index.html").read_text("utf-8")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "summary.xlsx").active
    assert isinstance(sheet.cell(row=2, column=7).value, float)  # comparable: a number to sort
    assert str(sheet.cell(row=3, column=7).value).endswith("（仅供参考）")  # not sorted among the numbers


def test_money_led_without_its_limit_is_refused(tmp_path: Path) -> None:
    # A bureau's rubric that names money_led but not how many other steps it allows would otherwise turn it off.
    def drop_limit(data: dict[str, Any]) -> None:
        suggestions = next(i for i in data["items"] if i["id"] == "suggestions")
        next(c for c in suggestions["conventions"] if c["id"] == "money_led").pop("max_other_steps")

    with pytest.raises(RubricError, match="money_led 须给出 max_other_steps"):
        load_rubric(str(_write_rubric(tmp_path, drop_limit)))
