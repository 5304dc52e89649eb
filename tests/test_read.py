"""Reading real reports: .docx and text give one and the same document."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, SEEDS, seed_path, seed_report

from reviewer.model import Paragraph, Table
from reviewer.numbers import parse_number
from reviewer.read import read_report
from reviewer.read.text_reader import decode_text
from reviewer.structure import analyse


def _flat(report):
    blocks = []
    for block in report.document.blocks:
        if isinstance(block, Table):
            blocks.append(("T", [[c.flat for c in row] for row in block.rows]))
        elif block.text:
            blocks.append(("P", block.text))
    return blocks


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_and_text_give_the_same_blocks(seed: str) -> None:
    assert _flat(seed_report(seed, "docx")) == _flat(seed_report(seed, "txt"))


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_and_text_give_the_same_sections_tables_and_values(seed: str) -> None:
    docx, text = seed_report(seed, "docx"), seed_report(seed, "txt")
    assert [(s.id, s.scope, s.status) for s in docx.sections] == [(s.id, s.scope, s.status) for s in text.sections]
    assert [(t.kind, t.title, t.name) for t in docx.tables] == [(t.kind, t.title, t.name) for t in text.tables]
    for a, b in zip(docx.tables, text.tables, strict=True):
        assert [(v.row, v.col, v.text) for v in a.values] == [(v.row, v.col, v.text) for v in b.values]
        strip = {"source"}
        assert [i.model_dump(exclude=strip) for i in a.indicators] == [
            i.model_dump(exclude=strip) for i in b.indicators
        ]
    assert (docx.unit, docx.year, docx.kind, docx.title) == (text.unit, text.year, text.kind, text.title)


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_seed_000_self_evaluation_table_values(fmt: str) -> None:
    report = seed_report(SEED_000, fmt)
    (table,) = report.tables_of("dept_self_eval")
    expected = {
        "全年预算数": "11708.52",
        "全年执行数": "9758.08",
        "执行率": "83.34%",
        "得分": "8.33",
        "年初预算数": "1173",
    }
    for col, text in expected.items():
        value = table.value("年度资金总额", col)
        assert value is not None and value.text == text
    assert table.value("^一般公共预算$", "按收入性质").number.value == Decimal("3483.85")
    assert table.value("^基本支出$", "按支出性质").number.value == Decimal("479.77")
    assert table.total_score.text == "98"
    weights = {(i.level1, i.level1_weight.value if i.level1_weight else None) for i in table.indicators}
    assert weights == {("产出指标", Decimal(50)), ("效益指标", Decimal(40))}
    real = [i for i in table.indicators if not i.placeholder]
    assert [i.level3 for i in real] == [
        "省级科技计划项目",
        "新增入统企业",
        "按进度完成",
        "资金及时拨付",
        "企业经济效益增长",
        "社会效益",
        "实施结果满意度",
    ]
    basic = report.tables_of("basic_data")[0]
    assert basic.value("财政供养", "编制数").number.value == 34
    assert basic.value("财政供养", "控制率").text == "100%"


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_seed_004_split_table_is_stitched(fmt: str) -> None:
    report = seed_report(SEED_004, fmt)
    (dept,) = report.tables_of("dept_self_eval")
    levels = [(i.level1, i.level2, i.level3) for i in dept.indicators]
    # The 效益 block sits in a second Word table whose first row is shifted; it must come back whole.
    assert ("效益指标", "经济效益指标", "研发投入") in levels
    assert ("效益指标", "经济效益指标", "技术合同成交额") in levels
    assert dept.indicators[4].level1_weight.value == 30
    assert dept.total_score.text == "99.67"


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_sections_found_whatever_the_numbering(fmt: str) -> None:
    status = {s.id: s.status for s in seed_report(SEED_000, fmt).sections if s.scope == "main"}
    assert all(v == "found" for v in status.values()), status
    report = seed_report(SEED_004, fmt)
    status = {s.id: s.status for s in report.sections}
    # 「九、…拟应用和公开情况其他需要说明的情况」 is one heading for two parts, answered 「无。」
    assert status["application"] == "empty"
    assert status["other"] == "found"
    problems = report.section("problems")
    assert "办公费年初预算为4.4万元" in problems.text


def test_project_report_form_parts_are_sections() -> None:
    report = seed_report(SEED_000, "docx")
    project = {s.id: s.status for s in report.sections if s.scope == "project"}
    assert project["problems"] == "empty" and project["measures"] == "empty"
    assert project["project_performance"] == "found"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    original = seed_path(SEED_000, "txt").read_text("utf-8")
    if encoding == "gbk":
        original = original.replace("\u3000", " ")  # GBK has the full-width space too, but keep it simple
    target = tmp_path / f"report-{encoding}.txt"
    target.write_bytes(original.encode(encoding))
    document = read_report(target)
    assert _flat_doc(document) == _flat_doc(read_report(_write(tmp_path / "ref.txt", original)))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _flat_doc(document):
    return [(type(b).__name__, b.text if isinstance(b, Paragraph) else b.text()) for b in document.blocks]


def test_plain_text_without_tables(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "plain.txt",
        "2023年度某局部门整体支出绩效自评报告\n七、存在的问题及原因分析\n预算资金不足。\n八、下一步改进措施\n加大资金投入。\n",
    )
    document = read_report(path)
    assert all(isinstance(b, Paragraph) for b in document.blocks)
    from reviewer.structure import analyse

    report = analyse(document)
    assert report.section("problems").status == "found"
    assert report.section("measures").text == "加大资金投入。"
    assert report.section("basic_info").status == "missing"


def test_bookmark_artefacts_are_dropped() -> None:
    text = seed_path(SEED_000, "txt").read_text("utf-8")
    assert "[bookmark:" in text
    assert "[bookmark:" not in read_report(seed_path(SEED_000, "txt")).full_text()


@pytest.mark.parametrize(
    ("text", "value", "decimals", "percent", "unit"),
    [
        ("17.2", "17.2", 1, False, ""),
        ("\u300017.2", "17.2", 1, False, ""),
        ("1,234.5", "1234.5", 1, False, ""),
        ("83.34%", "83.34", 2, True, ""),
        ("17.2万", "17.2", 1, False, "万"),
        ("334.91亿元", "334.91", 2, False, "亿元"),
        ("８３．３４％", "83.34", 2, True, ""),
        ("100%\u3000", "100", 0, True, ""),
    ],
)
def test_numbers_as_written(text: str, value: str, decimals: int, percent: bool, unit: str) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.decimals, number.percent, number.unit) == (Decimal(value), decimals, percent, unit)


@pytest.mark.parametrize("text", ["", "——", "—", "不适用", "　", "新增省级创新平台5个；市级创新平台8个", "1-12月"])
def test_non_figures_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_utf16_without_bom_is_detected() -> None:
    raw = "2023年度\t报告\n".encode("utf-16-le")
    assert decode_text(raw, "x.txt").startswith("2023年度")


def test_a_prose_project_report_has_its_own_parts(tmp_path: Path) -> None:
    text = """2023年度县级科技计划资金项目支出绩效自评报告
一、项目基本情况
县级科技计划资金年度预算17.2万元，用于科技计划项目申报认定和科普活动。
二、项目资金使用及管理情况
全年执行17.2万元，执行率100%。
三、项目绩效目标完成情况
申报认定县级科技计划5项，开展科普活动2场。
四、存在的问题及原因分析
项目验收标准不够细化，原因是验收办法尚未修订。
五、下一步改进措施
无
"""
    path = _write(tmp_path / "project.txt", text)
    from reviewer.structure import analyse

    report = analyse(read_report(path))
    assert report.kind == "project"
    status = {s.id: s.status for s in report.sections}
    assert status == {
        "project_overview": "found",
        "project_funds": "found",
        "project_performance": "found",
        "problems": "found",
        "measures": "empty",
        "application": "missing",
        "other": "missing",
    }
    assert all(s.scope == "main" for s in report.sections)


def _as_layout(seed: str, layout: str) -> str:
    """The seed's text export rewritten with its tables as Markdown pipe tables or tab-separated rows."""
    lines: list[str] = []
    for block in seed_report(seed, "txt").document.blocks:
        if isinstance(block, Table):
            lines.append("")
            for n, row in enumerate(block.rows):
                if layout == "pipe":
                    lines.append("| " + " | ".join(c.text.replace("\n", "<br>") for c in row) + " |")
                    if n == 0:
                        lines.append("|" + "---|" * len(row))
                else:
                    lines.append("\t".join(c.flat for c in row) if any(c.text for c in row[1:]) else row[0].flat + "\t")
            lines.append("")
        else:
            lines.append(("1、 " if block.numbered else "") + block.text)  # Word numbering as extracted
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("layout", ["pipe", "tsv"])
@pytest.mark.parametrize("seed", SEEDS)
def test_pipe_and_tab_separated_tables_read_like_the_word_layout(seed: str, layout: str, tmp_path: Path) -> None:
    from reviewer.review import review_path

    path = tmp_path / f"report-{layout}.txt"
    path.write_text(_as_layout(seed, layout), "utf-8")
    tables = [b for b in read_report(path).blocks if isinstance(b, Table)]
    assert len(tables) == len([b for b in seed_report(seed, "txt").document.blocks if isinstance(b, Table)])

    def outcome(result):  # type: ignore[no-untyped-def]
        return sorted((f.check, f.stated, f.computed) for f in result.findings), [
            (i.id, i.points) for i in result.items
        ]

    assert outcome(review_path(path)) == outcome(review_path(seed_path(seed, "txt")))


def test_markdown_headings_are_read_without_their_markers(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(
        "# 某市农业农村局2023年度耕地保护补助项目支出绩效自评报告\n\n## 四、存在的问题及原因分析\n\n"
        "一是资金拨付偏慢，原因是面积核实启动晚。\n\n#### 五、下一步改进措施\n\n一是6月底前完成核实。\n",
        "utf-8",
    )
    texts = [b.text for b in read_report(path).blocks if isinstance(b, Paragraph)]
    assert texts[0] == "某市农业农村局2023年度耕地保护补助项目支出绩效自评报告"
    assert "四、存在的问题及原因分析" in texts and "五、下一步改进措施" in texts
    report = analyse(read_report(path))
    assert report.unit == "某市农业农村局"
    assert report.section("problems") is not None and report.section("measures") is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_markdown_heading_markers_are_layout(seed: str, tmp_path: Path) -> None:
    """A seed saved as Markdown (「# 标题」「## 四、存在的问题」) reviews as the plain text does."""
    from reviewer.review import review_path

    original = seed_path(seed, "txt").read_text("utf-8").splitlines()
    headings = {s.heading for s in seed_report(seed, "txt").sections if s.heading}
    marked = [("# " if n == 0 else "## " if line.strip() in headings else "") + line for n, line in enumerate(original)]
    assert sum(line.startswith("## ") for line in marked) >= 3
    path = tmp_path / "report.md"
    path.write_text("\n".join(marked) + "\n", "utf-8")
    result, expected = review_path(path), review_path(seed_path(seed, "txt"))
    assert result.document.unit == expected.document.unit
    assert [(i.id, i.points) for i in result.items] == [(i.id, i.points) for i in expected.items]
    assert sorted(f.id for f in result.findings) == sorted(f.id for f in expected.findings)
