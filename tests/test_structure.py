"""Structure: sections by heading, tables by kind, and the catalogues (rubrics/_sections.yaml, _tables.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED_000, SEED_004, seed_report
from pydantic import ValidationError

from reviewer.errors import RubricError
from reviewer.model import Cell, Document, Paragraph, Table
from reviewer.structure import (
    TABLE_KIND_NAMES,
    SectionSpec,
    TableInfo,
    classify_table,
    find_sections,
    is_empty_answer,
    load_section_catalogue,
    load_table_catalogue,
    strip_numbering,
)
from reviewer.structure.catalogue import parse_section_catalogue, parse_table_catalogue

RUBRICS = Path(__file__).parent.parent / "rubrics"


def _document(*blocks: Paragraph | Table) -> Document:
    return Document(path="test.txt", format="text", blocks=list(blocks))


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(text=line) for line in text.strip().splitlines()]


def _table(*rows: list[str]) -> Table:
    return Table(rows=[[Cell(text=text) for text in row] for row in rows])


# ---------------------------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("一、部门（单位）基本情况", "部门（单位）基本情况"),
        ("（三）国有资本经营预算支出情况", "国有资本经营预算支出情况"),
        ("1、 存在的问题", "存在的问题"),
        ("2.1. 改进措施", "改进措施"),
        ("一是加强预算管理", "加强预算管理"),
        ("2023年度预算", "2023年度预算"),  # a year is not a number heading
    ],
)
def test_numbering_is_stripped_whatever_its_style(text: str, body: str) -> None:
    assert strip_numbering(text) == body


@pytest.mark.parametrize("text", ["", "  ", "无", "无。", " 暂无 ", "没有", "不涉及。", "略"])
def test_words_meaning_nothing_are_empty_answers(text: str) -> None:
    assert is_empty_answer(text)


@pytest.mark.parametrize("text", ["无法按期完成", "暂无专项资金，已申请追加", "项目不涉及采购，但存在结转"])
def test_a_sentence_starting_with_such_a_word_is_an_answer(text: str) -> None:
    assert not is_empty_answer(text)


def test_sections_are_found_by_heading_variant_and_numbering() -> None:
    document = _document(
        *_paragraphs("""
2023年度某局部门整体支出绩效自评报告
一、单位基本情况
本局内设机构5个。
（二）一般公共预算财政拨款支出情况
全年支出1200万元。
3、政府性基金支出情况
无
四、整体绩效情况
完成年度目标。
五、存在的主要问题及原因
预算执行进度偏慢，原因是项目前期手续未完成。
六、下一步工作计划
无。
""")
    )
    status = {s.id: (s.status, s.heading) for s in find_sections(document)}
    assert status["basic_info"] == ("found", "一、单位基本情况")
    assert status["budget"] == ("found", "（二）一般公共预算财政拨款支出情况")
    # 「无」 is a complete answer where no content is required, an empty part where it is.
    assert status["fund_budget"][0] == "found"
    assert status["measures"] == ("empty", "六、下一步工作计划")
    assert status["problems"][0] == "found"
    assert status["state_capital"][0] == "missing"


def test_a_heading_running_two_titles_together_opens_both() -> None:
    report = seed_report(SEED_004, "txt")
    application, other = report.section("application"), report.section("other")
    assert application is not None and other is not None
    assert application.heading == other.heading == "九、部门整体支出绩效自评结果拟应用和公开情况其他需要说明的情况"
    assert (application.status, other.status) == ("empty", "found")  # 「无。」 only matters where content is due


def test_sections_follow_the_specs_they_are_given() -> None:
    spec = SectionSpec(id="risks", name="风险情况", headings=("风险(防控)?情况",))
    document = _document(*_paragraphs("二、风险防控情况\n未发现重大风险。"))
    (section,) = find_sections(document, (spec,))
    assert (section.id, section.status, section.text) == ("risks", "found", "未发现重大风险。")


def test_the_table_form_project_report_becomes_project_sections() -> None:
    report = seed_report(SEED_000, "txt")
    project = {s.id: s.status for s in report.sections if s.scope == "project"}
    assert project == {
        "project_purpose": "found",
        "project_management": "found",
        "project_performance": "found",
        "problems": "empty",
        "measures": "empty",
    }
    assert report.section("problems", "project") is not report.section("problems")


# ---------------------------------------------------------------------------------------------- tables

_SELF_EVAL_ROWS = (
    ["部门名称", "某局"],
    ["年度资金总额", "100", "90", "90%"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标（50分）", "数量指标", "培训人次", "≥100人次", "120人次", "50", "50", ""],
    ["总分", "50", "50"],
)


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        ((["一级指标", "二级指标", "评分标准", "所需佐证材料"],), "rubric"),
        (_SELF_EVAL_ROWS, "dept_self_eval"),
        ((["项目支出名称", "业务经费"], *_SELF_EVAL_ROWS[1:]), "project_self_eval"),
        ((["专项名称", "业务经费"], ["年度资金总额", "10"]), "project_self_eval"),
        ((["财政供养人员情况", "编制数", "实有人数"], ["在职人员", "34", "31"]), "basic_data"),
        ((["专项名称", "县级科技计划资金"], ["项目立项目的", "支持科技创新"]), "project_report"),
        (
            (
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
                ["产出指标", "质量指标", "验收合格率", "≥95%", "96%", "20", "20", ""],
            ),
            "indicator_block",
        ),
        ((["一级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],), "indicator_block"),
        ((["序号", "名称", "金额"], ["1", "办公设备", "3.5"]), "other"),
    ],
)
def test_tables_are_classified_by_the_catalogue_rules(rows: tuple[list[str], ...], kind: str) -> None:
    info = classify_table(_document(_table(*rows)), 0)
    assert info.kind == kind
    assert info.title == info.kind_name == TABLE_KIND_NAMES[kind]  # no title paragraph above it


def test_a_self_evaluation_form_yields_its_name_indicators_and_totals() -> None:
    document = _document(Paragraph(text="2023年度部门整体支出绩效自评表"), _table(*_SELF_EVAL_ROWS))
    info = classify_table(document, 1)
    assert (info.kind, info.title, info.name) == ("dept_self_eval", "2023年度部门整体支出绩效自评表", "某局")
    (indicator,) = info.indicators
    assert (indicator.level1, indicator.level2, indicator.level3) == ("产出指标", "数量指标", "培训人次")
    assert (indicator.target, indicator.actual, indicator.deviation) == ("≥100人次", "120人次", "")
    assert indicator.weight is not None and indicator.weight.value == 50
    assert indicator.level1_weight is not None and indicator.level1_weight.value == 50
    assert info.total_score is not None and info.total_score.text == "50"


def test_the_seed_tables_get_their_kinds() -> None:
    assert [t.kind for t in seed_report(SEED_000, "docx").tables] == [
        "basic_data",
        "dept_self_eval",
        "project_report",
        "project_self_eval",
    ]
    assert [t.kind for t in seed_report(SEED_004, "docx").tables] == [
        "basic_data",
        "dept_self_eval",
        "project_self_eval",
        "rubric",
    ]
    assert [len(t.indicators) for t in seed_report(SEED_000, "docx").tables_of("dept_self_eval")] == [9]


def test_a_table_kind_outside_the_catalogue_is_refused() -> None:
    with pytest.raises(ValidationError, match="dept_selfeval"):
        TableInfo(index=0, kind="dept_selfeval", title="")


# ---------------------------------------------------------------------------------------------- catalogues


def test_the_packaged_catalogues_load_with_their_source() -> None:
    sections, tables = load_section_catalogue(), load_table_catalogue()
    assert "岳阳" in sections.source and "双牌" in sections.source and "财预〔2020〕10号" in sections.source
    assert "考核评分表" in tables.source
    assert sections.narrative_ids()[:2] == ["basic_info", "budget"]
    assert "project_overview" in sections.narrative_ids() and "project_purpose" not in sections.narrative_ids()
    assert [k.id for k in tables.kinds][-1] == tables.fallback == "other"
    assert load_section_catalogue() is sections  # read once


def _sections_data() -> dict[str, Any]:
    return yaml.safe_load((RUBRICS / "_sections.yaml").read_text("utf-8"))


def _tables_data() -> dict[str, Any]:
    return yaml.safe_load((RUBRICS / "_tables.yaml").read_text("utf-8"))


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["dept"]["sections"][0].update(pattern="基本情况"), "pattern"),
        (lambda d: d["dept"]["sections"][0]["headings"].append("部门[（"), "正则"),
        (lambda d: d["project_form"]["fields"][0].update(label="立项(目的"), "正则"),
        (lambda d: d["dept"]["sections"].pop(6), "problems"),  # the scorer reads it
        (lambda d: d["dept"]["sections"].append(d["dept"]["sections"][0]), "重复"),
        (lambda d: d["empty_answers"].append("无。"), "句号"),
        (lambda d: d.pop("source"), "source"),
    ],
)
def test_a_bad_section_catalogue_is_refused_naming_the_file(change, message: str) -> None:
    data = _sections_data()
    change(data)
    with pytest.raises(RubricError, match=message) as refused:
        parse_section_catalogue(_dump(data))
    assert "_sections.yaml" in str(refused.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["classification"][0].update(regex="评分标准"), "regex"),
        (lambda d: d["classification"][0]["all_of"].append("评分[标准"), "正则"),
        (lambda d: d["indicator_columns"].update(weight="^(分值"), "正则"),
        (lambda d: d["indicator_columns"].pop("score"), "score"),
        (lambda d: d["classification"][1].update(kind="project_selfeval"), "project_selfeval"),
        (lambda d: d.update(fallback="others"), "others"),
        (lambda d: d["kinds"].pop(0), "basic_data"),  # the cross-checks read it
        (lambda d: d["composition"]["groups"].pop(1), "按支出性质分"),  # expense_composition adds it up
        (lambda d: d["composition"]["groups"][0].update(pattern="^按(收入"), "正则"),
        (lambda d: d["classification"].append({"kind": "other", "none_of": ["x"]}), "all_of 或 any_of"),
    ],
)
def test_a_bad_table_catalogue_is_refused_naming_the_file(change, message: str) -> None:
    data = _tables_data()
    change(data)
    with pytest.raises(RubricError, match=message) as refused:
        parse_table_catalogue(_dump(data))
    assert "_tables.yaml" in str(refused.value)


def test_a_rule_can_exclude_words() -> None:
    data = _tables_data()
    data["classification"].insert(0, {"kind": "other", "all_of": ["年度资金总额"], "none_of": ["一级指标"]})
    catalogue = parse_table_catalogue(_dump(data))
    assert catalogue.kind_of("年度资金总额\t部门名称") == "other"
    assert catalogue.kind_of("年度资金总额\t部门名称\t一级指标") == "dept_self_eval"


def test_the_yaml_itself_must_parse() -> None:
    with pytest.raises(RubricError, match=r"_tables\.yaml.*YAML"):
        parse_table_catalogue("kinds: [unclosed")


# ---------------------------------------------------------------------------------------------- forms
# Fixtures of many provinces' forms: tests/data/forms/ (built by make_forms.py, facts in docs/forms.md).

FORMS = Path(__file__).parent / "data" / "forms"
FORM_CASES = Path(__file__).parent.parent / "evals" / "cases" / "forms"


def test_every_form_fixture_labels_hold() -> None:
    from reviewer.evaluation import evaluate, load_thresholds
    from reviewer.review import ReviewOptions

    thresholds = load_thresholds(FORM_CASES.parent.parent / "thresholds-forms.yaml")
    report = evaluate(FORM_CASES, ReviewOptions(), thresholds=thresholds)
    assert report.passed, report.gate
    assert report.cases >= 30 and not report.errors
    assert report.structure is not None
    assert report.structure.misses == []
    assert report.findings.misses == [] and report.findings.false_alarms == []


def test_form_cases_are_those_the_generator_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_forms", FORMS / "make_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_forms"] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    forms = module.forms()
    provinces = {f.province for f in forms if f.province != "中央部门"}
    assert len(forms) >= 30 and len(provinces) >= 10
    for form in forms:
        written = yaml.safe_load((FORM_CASES / f"{form.id}.yaml").read_text("utf-8"))
        assert written == module.case(form), form.id
        assert (FORMS / f"{form.id}.docx").exists()


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("临湘市农业农村局2022年度部门整体支出绩效自评报告", 2022),
        ("许昌市水利工程服务中心 2022 年整体支出绩效自评报告", 2022),
        ("二〇二三年度弥勒市自然资源局部门整体支出绩效自评报告", 2023),
        ("部门预算项目支出绩效自评表(2021年度)", 2021),
    ],
)
def test_the_year_is_read_from_every_title_form(title: str, year: int) -> None:
    from reviewer.structure import analyse

    report = analyse(_document(Paragraph(text=title), Paragraph(text="附件：2019年度绩效自评表")))
    assert (report.title, report.year) == (title, year)


@pytest.mark.parametrize(
    ("title", "unit", "kind"),
    [
        ("红河州数据发展中心2024年度项目支出绩效单位自评报告", "红河州数据发展中心", "project"),
        ("2023年度双牌县科技和工业信息化局部门整体支出绩效自评报告", "双牌县科技和工业信息化局", "dept"),
        ("荆门市东宝区卫生健康局2023年度整体支出绩效自评报告", "荆门市东宝区卫生健康局", "dept"),
    ],
)
def test_unit_and_kind_from_the_title(title: str, unit: str, kind: str) -> None:
    from reviewer.structure import analyse

    report = analyse(_document(Paragraph(text=title)))
    assert (report.unit, report.kind) == (unit, kind)


def test_a_contents_page_opens_no_section_and_inline_headings_do() -> None:
    document = _document(
        *_paragraphs("""
目　录
一、存在问题............3
二、改进措施............4
一、存在问题
预算编制不够细，原因是测算不足。
二、存在的问题和改进措施
存在的问题：资金拨付偏慢，原因是招标周期长。
下一步措施：由财务股按月调度支出进度。
""")
    )
    sections = {s.id: s for s in find_sections(document)}
    assert sections["problems"].heading == "一、存在问题"
    assert sections["problems"].text == "预算编制不够细，原因是测算不足。\n资金拨付偏慢，原因是招标周期长。"
    assert sections["measures"].text == "由财务股按月调度支出进度。"


@pytest.mark.parametrize(
    "text",
    ["结合自评情况，分析存在的问题及原因。(200字以内)", "请填写项目概况", "项目负责人：", "/", "——", "[项目具体名称]"],
)
def test_template_prompts_and_form_labels_are_no_content(text: str) -> None:
    assert is_empty_answer(text)


def test_column_synonyms_are_read_by_their_names() -> None:
    table = _table(
        ["项目名称", "某项目"],
        ["", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["总额", "100", "120", "108", "90.00%", "10", "9"],
    )
    info = classify_table(_document(table), 0)
    assert info.kind == "project_self_eval"
    assert info.value("年度资金总额", "全年预算数") is not None
    assert info.value("年度资金总额", "全年执行数").text == "108"  # type: ignore[union-attr]
    assert info.value("年度资金总额", "分值").text == "10"  # type: ignore[union-attr]


def test_a_form_submitted_alone_gives_its_problem_and_measure_rows_as_parts() -> None:
    from reviewer.read import read_report
    from reviewer.structure import analyse

    report = analyse(read_report(FORMS / "sc-form-2023.docx"))
    problems, measures = report.section("problems"), report.section("measures")
    assert problems is not None and problems.status == "found" and "评价结论" not in problems.text
    assert measures is not None and measures.status == "found"
    prompts = analyse(read_report(FORMS / "sc-form-2022-prompts.docx"))
    assert prompts.section("problems").status == "empty"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("gx-notice-2021", "通知、制度或决算类文件"),
        ("bj-final-accounts-2021", "通知、制度或决算类文件"),
        ("blank-template", "未填写"),
    ],
)
def test_a_document_that_is_not_a_report_says_why(name: str, reason: str) -> None:
    from reviewer.read import read_report
    from reviewer.structure import analyse, not_a_report_reason

    assert reason in not_a_report_reason(analyse(read_report(FORMS / f"{name}.docx")))


def test_the_seeds_and_a_filled_form_are_reports() -> None:
    from reviewer.read import read_report
    from reviewer.structure import analyse, not_a_report_reason

    assert not_a_report_reason(seed_report(SEED_000, "docx")) == ""
    assert not_a_report_reason(analyse(read_report(FORMS / "sc-form-2021-empty.docx"))) == ""


def test_review_says_not_a_report_first_and_exits_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.batch import BatchRecord, BatchRow, attention_order, row_from
    from reviewer.cli import EXIT_NOT_A_REPORT, main
    from reviewer.review import review_path

    assert main(["review", str(FORMS / "gx-notice-2021.docx"), "--format", "json"]) == EXIT_NOT_A_REPORT == 7
    assert "不是绩效自评报告" in capsys.readouterr().err
    result = review_path(FORMS / "gx-notice-2021.docx")
    record = BatchRecord(status="not_a_report", result=result, message=f"不是绩效自评报告：{result.status_reason}")
    flagged = row_from(Path("notice.docx"), "k", record, "")
    ok = BatchRow(file="a.docx", status="ok", total_points=10.0, key="k2")
    assert flagged.status == "not_a_report" and attention_order([ok, flagged])[0] is flagged


def test_a_parent_part_keeps_a_first_sub_heading_that_names_another_part() -> None:
    document = _document(
        *_paragraphs("""
三、存在的问题及原因分析
（一）绩效目标完成情况不理想
部分指标未完成，原因是项目推进慢。
四、下一步改进措施
加强调度。
""")
    )
    sections = {s.id: s for s in find_sections(document)}
    assert sections["problems"].status == "found"
    assert sections["problems"].text.startswith("（一）绩效目标完成情况不理想")
    assert sections["performance"].status == "missing"


@pytest.mark.parametrize(("cell", "status"), [("93%", "found"), ("（请填写实际完成值）", "empty")])
def test_a_section_whose_content_is_a_filled_table_is_not_empty(cell: str, status: str, tmp_path: Path) -> None:
    """「三、项目绩效目标完成情况」 followed only by its indicator table: the table is its content, unless it
    holds nothing but a template's prompts."""
    from reviewer.read import read_report
    from reviewer.structure import analyse

    path = tmp_path / "report.md"
    path.write_text(
        "某市农业农村局2023年度耕地保护补助项目支出绩效自评报告\n\n一、项目基本情况\n\n项目由市农业农村局实施。\n\n"
        "三、项目绩效目标完成情况\n\n| 三级指标 | 年度指标值 | 实际完成值 |\n|---|---|---|\n"
        f"| 种粮农户满意度 | ≥90% | {cell} |\n\n四、存在的问题及原因分析\n\n一是资金拨付偏慢。\n",
        "utf-8",
    )
    section = analyse(read_report(path)).section("project_performance")
    assert section is not None and section.status == status
