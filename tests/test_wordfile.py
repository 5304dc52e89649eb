"""A .docx is read as Word displays it.

Each test builds one Word feature into a seed fixture with python-docx and lxml (tracked changes, content
controls, a text box, a nested table, an irregular merge, hidden text, a macro-enabled file) so that Word
shows exactly the seed, and asserts that the values, findings and scores are the seed's.
"""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import SEED_000, SEED_004, seed_path
from lxml import etree

from reviewer.read import read_report
from reviewer.review import ReviewResult, review_path
from reviewer.structure import analyse

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_RESULTS: dict[str, ReviewResult] = {}


def _seed_result(seed: str) -> ReviewResult:
    if seed not in _RESULTS:
        _RESULTS[seed] = review_path(seed_path(seed, "docx"))
    return _RESULTS[seed]


def _outcome(result: ReviewResult) -> tuple[Any, ...]:
    findings = sorted((f.check, f.severity, f.message, f.stated, f.computed) for f in result.findings)
    items = [(i.id, i.points, i.status, i.justification) for i in result.items]
    return findings, items, result.total.model_dump()


def _build(seed: str, tmp_path: Path, edit: Callable[[etree._Element], None], name: str = "edited.docx") -> Path:
    document = docx.Document(str(seed_path(seed, "docx")))
    edit(document.element.body)
    target = tmp_path / name
    document.save(str(target))
    return target


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def _body_paragraph(body: etree._Element, pattern: str) -> etree._Element:
    return next(p for p in body.iterchildren(w("p")) if re.search(pattern, _text(p)))


def _section(body: etree._Element, start: str, end: str) -> list[etree._Element]:
    """The body elements after the heading matching `start` up to the heading matching `end`."""
    children = list(body)
    first = children.index(_body_paragraph(body, start))
    last = children.index(_body_paragraph(body, end))
    return children[first + 1 : last]


def _cell(body: etree._Element, table: int, row: int, col: int) -> etree._Element:
    tbl = list(body.iterchildren(w("tbl")))[table]
    tr = tbl.findall(w("tr"))[row]
    return tr.findall(w("tc"))[col]


_REVISION_ATTRIBUTES = {w("id"): "901", w("author"): "审核人", w("date"): "2024-03-01T00:00:00Z"}


def _wrap_runs(paragraph: etree._Element, tag: str) -> None:
    """Move every run of a paragraph into one revision element (w:ins, w:moveTo, ...)."""
    runs = paragraph.findall(w("r"))
    wrapper = etree.SubElement(
        paragraph, w(tag), {w("id"): "901", w("author"): "审核人", w("date"): "2024-03-01T00:00:00Z"}
    )
    runs[0].addprevious(wrapper)
    for run in runs:
        wrapper.append(run)


def _deleted_run(text: str, tag: str = "del") -> etree._Element:
    wrapper = etree.Element(w(tag), _REVISION_ATTRIBUTES)
    run = etree.SubElement(wrapper, w("r"))
    deleted = etree.SubElement(run, w("delText") if tag == "del" else w("t"))
    deleted.text = text
    return wrapper


def _run(text: str, hidden: bool = False, style: str | None = None) -> etree._Element:
    run = etree.Element(w("r"))
    if hidden or style:
        rpr = etree.SubElement(run, w("rPr"))
        if style:
            etree.SubElement(rpr, w("rStyle"), {w("val"): style})
        if hidden:
            etree.SubElement(rpr, w("vanish"))
    t = etree.SubElement(run, w("t"))
    t.text = text
    return run


def _paragraph(*runs: etree._Element) -> etree._Element:
    p = etree.Element(w("p"))
    for run in runs:
        p.append(run)
    return p


def _sdt(elements: list[etree._Element], tag: str = "内容控件") -> etree._Element:
    """Wrap consecutive siblings in a content control, where the first one stood."""
    sdt = etree.Element(w("sdt"))
    pr = etree.SubElement(sdt, w("sdtPr"))
    etree.SubElement(pr, w("alias"), {w("val"): tag})
    content = etree.SubElement(sdt, w("sdtContent"))
    elements[0].addprevious(sdt)
    for element in elements:
        content.append(element)
    return sdt


def _assert_as_seed(seed: str, path: Path) -> ReviewResult:
    result = review_path(path)
    assert _outcome(result) == _outcome(_seed_result(seed))
    return result


def _notice_kinds(result: ReviewResult) -> list[str]:
    return [n.kind for n in result.document.notices]


# ------------------------------------------------------------------------------------------- revisions


def test_revision_on_a_figure_reads_the_final_figure(tmp_path: Path) -> None:
    """全年执行数 corrected with tracked changes: the old figure deleted, the seed's figure inserted."""

    def edit(body: etree._Element) -> None:
        paragraph = _cell(body, 1, 2, 4).find(w("p"))
        assert _text(paragraph) == "9758.08"
        _wrap_runs(paragraph, "ins")
        paragraph.find(w("ins")).addprevious(_deleted_run("9999.99"))

    path = _build(SEED_000, tmp_path, edit)
    table = next(t for t in analyse(read_report(path)).tables if t.kind == "dept_self_eval")
    value = table.value("年度资金总额", "全年执行数")
    assert value is not None and value.number is not None and value.number.value == Decimal("9758.08")
    result = _assert_as_seed(SEED_000, path)
    assert _notice_kinds(result) == ["revisions"]
    assert "未接受的修订" in result.document.notices[0].message


def test_revision_on_a_problem_paragraph_counts_the_inserted_and_not_the_deleted(tmp_path: Path) -> None:
    """Every problem paragraph inserted with tracked changes, a deleted and a moved-away one beside them."""

    def edit(body: etree._Element) -> None:
        section = [e for e in _section(body, "存在的问题及原因分析", "下一步改进措施") if e.tag == w("p")]
        for paragraph in section:
            if paragraph.find(w("r")) is not None:
                _wrap_runs(paragraph, "ins")
        section[0].find(w("ins")).addprevious(_deleted_run("已删除：本年度资金使用不存在任何问题。"))
        section[-1].append(_deleted_run("已移走的一句。", tag="moveFrom"))

    result = _assert_as_seed(SEED_000, _build(SEED_000, tmp_path, edit))
    problems = next(i for i in result.items if i.id == "problems")
    assert problems.points == 10
    assert "revisions" in _notice_kinds(result)


def test_seed_without_revisions_or_hidden_text_has_no_notices() -> None:
    assert _seed_result(SEED_000).document.notices == []
    assert _seed_result(SEED_004).document.notices == []


# ------------------------------------------------------------------------------------ content controls


def test_content_control_around_the_self_evaluation_table_and_problems(tmp_path: Path) -> None:
    def edit(body: etree._Element) -> None:
        _sdt([list(body.iterchildren(w("tbl")))[1]], "自评表")
        _sdt(_section(body, "存在的问题及原因分析", "下一步改进措施"), "问题")

    result = _assert_as_seed(SEED_000, _build(SEED_000, tmp_path, edit))
    assert next(i for i in result.items if i.id == "problems").points == 10


def test_content_controls_at_row_cell_and_run_level(tmp_path: Path) -> None:
    def edit(body: etree._Element) -> None:
        paragraph = _cell(body, 1, 2, 5).find(w("p"))
        _sdt(paragraph.findall(w("r")), "值")
        rows = list(body.iterchildren(w("tbl")))[1].findall(w("tr"))
        _sdt([rows[1].findall(w("tc"))[2]], "格")
        _sdt([rows[2]], "行")

    path = _build(SEED_000, tmp_path, edit)
    _assert_as_seed(SEED_000, path)


# ------------------------------------------------------------------------------ text boxes, nested tables

_TEXT_BOX = (
    f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    "<wps:wsp><wps:txbx><w:txbxContent/></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def test_text_box_holding_the_problems_is_read_once_in_place(tmp_path: Path) -> None:
    def edit(body: etree._Element) -> None:
        section = _section(body, "存在的问题及原因分析", "下一步改进措施")
        anchor = etree.Element(w("p"))
        section[0].addprevious(anchor)
        run = etree.fromstring(_TEXT_BOX)
        anchor.append(run)
        for box in run.iter(w("txbxContent")):  # the drawing and its VML fallback both hold the text
            for element in section:
                box.append(copy.deepcopy(element))
        for element in section:
            body.remove(element)

    path = _build(SEED_000, tmp_path, edit)
    document = read_report(path)
    texts = [b.text for b in document.blocks if b.kind == "paragraph" and b.text]
    seed_texts = [b.text for b in read_report(seed_path(SEED_000, "docx")).blocks if b.kind == "paragraph" and b.text]
    assert texts == seed_texts  # each box paragraph once, where the box is anchored
    _assert_as_seed(SEED_000, path)


def test_nested_table_holding_a_figure(tmp_path: Path) -> None:
    def edit(body: etree._Element) -> None:
        tc = _cell(body, 1, 2, 3)
        paragraph = tc.find(w("p"))
        assert _text(paragraph) == "11708.52"
        nested = etree.Element(w("tbl"))
        etree.SubElement(etree.SubElement(nested, w("tblGrid")), w("gridCol"), {w("w"): "1000"})
        inner = etree.SubElement(etree.SubElement(nested, w("tr")), w("tc"))
        inner.append(paragraph)  # the figure moves into the nested table
        tc.append(nested)
        tc.append(etree.Element(w("p")))  # Word ends every cell with a paragraph

    path = _build(SEED_000, tmp_path, edit)
    table = next(t for t in analyse(read_report(path)).tables if t.kind == "dept_self_eval")
    value = table.value("年度资金总额", "全年预算数")
    assert value is not None and value.text == "11708.52"
    _assert_as_seed(SEED_000, path)


def test_irregular_merge_keeps_figures_under_their_grid_column(tmp_path: Path) -> None:
    """The 得分 cell of the funds row split in two grid columns (the header's 得分 still spans both):
    counted from the right, every figure of the row would move one column left."""

    def edit(body: etree._Element) -> None:
        tc = _cell(body, 1, 2, 7)
        span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
        assert span is not None and span.get(w("val")) == "2"
        span.getparent().remove(span)
        extra = etree.Element(w("tc"))
        extra.append(etree.Element(w("p")))
        tc.addnext(extra)

    path = _build(SEED_000, tmp_path, edit)
    rows = next(b for b in read_report(path).blocks if b.kind == "table" and "年初预算数" in b.text()).rows
    assert [(c.grid, c.span) for c in rows[2]][-2:] == [(7, 1), (8, 1)]
    table = next(t for t in analyse(read_report(path)).tables if t.kind == "dept_self_eval")
    assert table.value("年度资金总额", "执行率").text == "83.34%"
    _assert_as_seed(SEED_000, path)


# -------------------------------------------------------------------------------------------- hidden text


def test_hidden_paragraph_and_hidden_figure_are_skipped_and_reported(tmp_path: Path) -> None:
    def edit(body: etree._Element) -> None:
        heading = _body_paragraph(body, "存在的问题及原因分析")
        heading.addnext(_paragraph(_run("（一）资金支付进度偏慢，部分项目年底才拨付到位。", hidden=True)))
        paragraph = _cell(body, 1, 2, 4).find(w("p"))
        paragraph.append(_run("1", hidden=True))  # Word shows 9758.08; read as visible it would be 9758.081

    result = _assert_as_seed(SEED_000, _build(SEED_000, tmp_path, edit))
    (notice,) = result.document.notices
    assert notice.kind == "hidden_text"
    assert "2 处" in notice.message and "第 " in notice.message and "表格 2 第 3 行第 5 格" in notice.message


def test_hidden_through_a_character_style(tmp_path: Path) -> None:
    document = docx.Document(str(seed_path(SEED_000, "docx")))
    styles = document.styles.element
    style = etree.SubElement(styles, w("style"), {w("type"): "character", w("styleId"): "HiddenNote"})
    etree.SubElement(style, w("name"), {w("val"): "Hidden Note"})
    etree.SubElement(etree.SubElement(style, w("rPr")), w("vanish"))
    heading = _body_paragraph(document.element.body, "存在的问题及原因分析")
    heading.addnext(_paragraph(_run("（一）预算编制不够精细。", style="HiddenNote")))
    path = tmp_path / "styled.docx"
    document.save(str(path))
    result = _assert_as_seed(SEED_000, path)
    assert _notice_kinds(result) == ["hidden_text"]


def test_hidden_text_shows_in_every_review_output(tmp_path: Path) -> None:
    from reviewer.render import render

    def edit(body: etree._Element) -> None:
        _body_paragraph(body, "存在的问题及原因分析").addnext(_paragraph(_run("隐藏的一句。", hidden=True)))

    result = review_path(_build(SEED_000, tmp_path, edit))
    for fmt in ("text", "markdown", "html"):
        assert "隐藏文字" in render(result, fmt)


# ------------------------------------------------------------------------------------------------ .docm


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_docm_is_read_like_docx(seed: str, tmp_path: Path) -> None:
    source = seed_path(seed, "docx")
    target = tmp_path / "report.docm"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as docm:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            docm.writestr(info, data)
    before = target.read_bytes()
    _assert_as_seed(seed, target)
    assert target.read_bytes() == before


def test_input_file_is_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "seed.docx"
    shutil.copy(seed_path(SEED_004, "docx"), path)
    before = path.read_bytes()
    review_path(path)
    assert path.read_bytes() == before


def test_field_results_are_read_and_field_codes_are_not(tmp_path: Path) -> None:
    """全年执行数 as the result of a formula field (=SUM(ABOVE)) and 执行率 inside a simple field."""

    def edit(body: etree._Element) -> None:
        paragraph = _cell(body, 1, 2, 4).find(w("p"))
        runs = paragraph.findall(w("r"))

        def field_char(kind: str) -> etree._Element:
            run = etree.Element(w("r"))
            etree.SubElement(run, w("fldChar"), {w("fldCharType"): kind})
            return run

        instruction = etree.Element(w("r"))
        etree.SubElement(instruction, w("instrText")).text = " =SUM(ABOVE) \\# 0.00 "
        runs[0].addprevious(field_char("begin"))
        runs[0].addprevious(instruction)
        runs[0].addprevious(field_char("separate"))
        runs[-1].addnext(field_char("end"))
        rate = _cell(body, 1, 2, 6).find(w("p"))
        simple = etree.SubElement(rate, w("fldSimple"), {w("instr"): " =D3/C3*100 "})
        for run in rate.findall(w("r")):
            simple.append(run)

    _assert_as_seed(SEED_000, _build(SEED_000, tmp_path, edit))
