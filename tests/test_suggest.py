"""Suggestions and rewrites for authors, and the annotated copy of their own Word file."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, CaseRun, seed_path, seed_report
from llm_stub import StubServer, chat

from reviewer.checks.causes import RootCause, root_causes
from reviewer.checks.location import TablePlace
from reviewer.checks.registry import check_spec
from reviewer.cli import EXIT_INPUT, EXIT_OK, main
from reviewer.llm_settings import LLMSettings
from reviewer.model import Source
from reviewer.numbers import find_numbers
from reviewer.read import read_report
from reviewer.render import render_template
from reviewer.review import ReviewOptions
from reviewer.rubric import IndicatorTableRule, load_rubric
from reviewer.structure import Report, analyse, strip_numbering
from reviewer.suggest import SuggestResult, invented_figures, make_suggestions
from reviewer.suggest.annotation import DEPENDENTS
from reviewer.suggest.corrections import FULL_MARKS, forbidden, required_weight
from reviewer.suggest.output import suggest_path
from reviewer.suggest.places import indicator_cell
from reviewer.wordfile import read_comments
from reviewer.wordfile.annotating import COMMENT_AUTHOR, comment_places


@pytest.fixture(scope="module")
def seed_000_suggestions():
    return make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions())


@pytest.fixture(scope="module")
def seed_004_suggestions():
    return make_suggestions(seed_report(SEED_004, "docx"), ReviewOptions())


def _suggestions(seed: str, request: pytest.FixtureRequest) -> SuggestResult:
    return request.getfixturevalue("seed_000_suggestions" if seed == SEED_000 else "seed_004_suggestions")


def test_figure_corrections(seed_000_suggestions) -> None:
    texts = [s.text for s in seed_000_suggestions.suggestions if s.kind == "figure"]
    assert any(t.startswith("控制率应填 91.18%") for t in texts)
    assert any(t.startswith("得分应填 96.33") for t in texts)
    # A sum that does not add up names no single culprit: the author is told to check, not to overwrite.
    composition = next(t for t in texts if "9758.15" in t)
    assert composition.startswith("请核对") and "应填" not in composition


def test_section_advice_names_what_is_missing(seed_000_suggestions) -> None:
    advice = [s.text for s in seed_000_suggestions.suggestions if s.kind == "problems"]
    missing = next(a for a in advice if a.startswith("未涉及的方面"))
    assert "政府采购" in missing and "预算和预算绩效管理" not in missing  # it covers that one
    assert any("未能识别出原因分析" in a and "绩效评价工作机制有待完善" in a for a in advice)
    assert any("只写资金不足" in a for a in advice)
    measures = [s.text for s in seed_000_suggestions.suggestions if s.kind == "measures"]
    assert any("未写明责任主体" in m for m in measures)


def test_rules_rewrite_uses_the_reports_own_figures_and_scores_higher(seed_000_suggestions) -> None:
    problems = next(r for r in seed_000_suggestions.rewrites if r.section == "problems")
    assert problems.writer == "rules"
    assert "83.34%" in problems.text and "11708.52万元" in problems.text  # seed 000's execution figures
    report = seed_report(SEED_000, "docx")
    assert invented_figures(problems.text, report) == []
    assert find_numbers(problems.text)
    assert "{{" not in problems.text and "XX" not in problems.text  # prose, not placeholders
    scores = seed_000_suggestions.rewrite_scores
    bands = ["0", "10—12", "13—15", "16—18", "20"]
    assert bands.index(scores["problems"].after_band) >= bands.index(scores["problems"].before_band) + 1
    assert scores["suggestions"].after_points > scores["suggestions"].before_points
    measures = next(r for r in seed_000_suggestions.rewrites if r.section == "measures")
    assert measures.text.count("（") >= problems.text.count("（") - 1  # one measure per problem
    assert "由综合办公室（财务室）牵头" in measures.text and invented_figures(measures.text, report) == []


def test_invented_figures_are_caught() -> None:
    report = seed_report(SEED_000, "docx")
    assert invented_figures("执行率83.34%，全年执行9758.08万元。", report) == []
    assert invented_figures("执行率应提高到97.5%，新增投入1200万元。", report) == ["97.5%", "1200万元"]


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_annotated_copy_has_comments_on_the_right_places(
    seed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(seed_path(seed, "docx").read_bytes())
    before = source.read_bytes()
    out = tmp_path / "报告-修改建议.docx"
    assert main(["suggest", str(source), "-o", str(out)]) == EXIT_OK
    assert source.read_bytes() == before  # the author's file is never modified
    comments = read_comments(out)
    assert len(comments) >= 5
    anchored = {text for text, _ in comments}
    assert any("存在的问题及原因分析" in a for a, c in comments if "建议改写稿" in c)
    assert any("下一步改进措施" in a for a, c in comments if "建议改写稿" in c)
    if seed == SEED_000:
        # the control-rate correction sits on the 100% cell; the total-score one on the 98 cell
        assert any(a.strip() == "100%" and "控制率应填 91.18%" in c for a, c in comments)
        assert any(a.strip() == "98" and "得分应填 96.33" in c for a, c in comments)
    else:
        assert any("效益指标" in c and "40" in c for _, c in comments)
    assert anchored
    assert "# 绩效自评报告修改建议" in capsys.readouterr().out


def test_text_input_gets_a_markdown_file(tmp_path: Path) -> None:
    source = tmp_path / "报告.txt"
    source.write_bytes(seed_path(SEED_000, "txt").read_bytes())
    assert main(["suggest", str(source)]) == EXIT_OK
    out = tmp_path / "报告-修改建议.md"
    text = out.read_text("utf-8")
    assert "## 二、存在的问题及原因分析" in text and "建议改写为" in text


def test_suggest_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(seed_path(SEED_000, "docx").read_bytes())
    assert main(["suggest", str(source), "-o", str(source)]) == EXIT_INPUT


def test_llm_rewrite_with_an_invented_figure_is_rejected(tmp_path: Path) -> None:
    stub = StubServer().start()
    try:
        facts = {"problems": [], "measures": []}
        invented = {
            "problems": "（一）预算执行率偏低\n执行率仅为83.34%，较上年下降12.5个百分点。",
            "measures": "（一）由财务部门牵头，年底前将执行率提高到97.5%。",
        }
        stub.script(chat(facts), chat(invented), chat(invented), chat(invented))
        settings = LLMSettings(model="stub-model", base_url=stub.url, api_key="k", timeout=2, cache_dir=None)
        result = make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions(scorer="llm", llm=settings))
    finally:
        stub.stop()
    problems = next(r for r in result.rewrites if r.section == "problems")
    assert problems.writer.startswith("rules（llm:stub-model 改写未采用")
    assert any("12.5" in f for f in problems.invented_figures) and "97.5%" in problems.invented_figures
    assert "12.5" not in problems.text  # the rules rewrite stands in its place
    reask = stub.requests[2]["messages"][-1]["content"]
    assert "报告中没有的数字" in reask and "12.5" in reask


def test_llm_rewrite_with_only_report_figures_is_used(tmp_path: Path) -> None:
    stub = StubServer().start()
    try:
        good = {
            "problems": "（一）预算执行率未达到预期\n全年预算数11708.52万元，执行率83.34%，原因是项目资金下达较晚。",
            "measures": "（一）由财务部门牵头，按月通报预算执行进度，年底前完成执行目标。",
        }
        stub.script(chat({"problems": [], "measures": []}), chat(good))
        settings = LLMSettings(model="stub-model", base_url=stub.url, api_key="k", timeout=2, cache_dir=None)
        result = make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions(scorer="llm", llm=settings))
    finally:
        stub.stop()
    problems = next(r for r in result.rewrites if r.section == "problems")
    assert problems.writer == "llm:stub-model" and "11708.52万元" in problems.text


def test_llm_rewrite_with_an_inconsistent_figure_is_sent_back() -> None:
    stub = StubServer().start()
    try:
        # 9758.08 is seed 000's 全年执行数, which its parts do not add up to
        uses = {
            "problems": "（一）执行偏低\n全年执行数9758.08万元，原因是资金下达较晚。",
            "measures": "（一）由财务室牵头按月通报。",
        }
        fixed = {
            "problems": "（一）执行偏低\n全年执行数〔请核实后填写〕，原因是资金下达较晚。",
            "measures": uses["measures"],
        }
        stub.script(chat({"problems": [], "measures": []}), chat(uses), chat(fixed))
        settings = LLMSettings(model="stub-model", base_url=stub.url, api_key="k", timeout=2, cache_dir=None)
        result = make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions(scorer="llm", llm=settings))
    finally:
        stub.stop()
    reask = stub.requests[2]["messages"][-1]["content"]
    assert "不一致的数字：9758.08万元" in reask
    problems = next(r for r in result.rewrites if r.section == "problems")
    assert problems.writer == "llm:stub-model" and "9758.08" not in problems.text


# ------------------------------------------------------------------------- corrections that are right


@pytest.fixture(scope="module")
def eval_suggestions(eval_runs: list[CaseRun]) -> list[tuple[str, Report, SuggestResult]]:
    """The dev cases' reports with their suggestions, from the suite's one run of the eval cases (conftest.eval_runs:
    every case but only every other one that rewrites nothing but a seed's 问题/措施 sections)."""
    return [(run.case, *run.suggested) for run in eval_runs if run.suggested is not None]


def test_no_suggestion_proposes_an_impossible_value(eval_suggestions) -> None:
    rubric = load_rubric(ReviewOptions().rubric)
    proposals = 0
    for case, report, result in eval_suggestions:
        findings = {f.id: f for f in result.review.findings}
        for suggestion in result.suggestions:
            if suggestion.kind != "figure":
                continue
            assert suggestion.finding in findings, case
            if suggestion.proposed is None:
                assert "应填" not in suggestion.text, (case, suggestion.text)
                continue
            proposals += 1
            finding = findings[suggestion.finding]
            value = Decimal(str(suggestion.proposed))
            assert forbidden(finding, value, report, rubric) == "", (case, suggestion.text)
            if finding.check == "level1_weight":  # never a weight the rubric rejects
                assert isinstance(finding.location_ref.place, TablePlace)
                item = rubric.item("indicator_table")
                assert item is not None and isinstance(item.rule, IndicatorTableRule)
                row = finding.location_ref.place.row
                accepted = {required_weight(row, scheme.weights) for scheme in item.rule.weights.schemes}
                assert suggestion.proposed in accepted, case
                continue
            if finding.check in ("total_score", "execution_score"):
                assert value <= FULL_MARKS, (case, suggestion.text)
                # a total proposed only where every 得分 is within its 分值 and the 分值 add up
                place = finding.location_ref.place
                assert isinstance(place, TablePlace)
                info = next(t for t in report.tables if t.index == place.table_index)
                assert all(i.score.value <= i.weight.value for i in info.indicators if i.score and i.weight)
        # every error and warning is in exactly one root cause
        grouped = [c.root for c in result.root_causes] + [d for c in result.root_causes for d in c.dependents]
        counted = [f.id for f in result.review.findings if f.severity != "info"]
        assert sorted(grouped) == sorted(counted), case
    assert proposals >= 10  # the seeds' control rate and total score, in most cases


def test_seed_004_root_cause_is_the_benefit_weights(seed_004_suggestions) -> None:
    report = seed_report(SEED_004, "docx")
    result = seed_004_suggestions
    findings = {f.id: f for f in result.review.findings}
    texts = [s.text for s in result.suggestions if s.kind == "figure"]
    assert not any("应填 110" in t for t in texts)  # never a 得分 above 100 on a 100-point table
    roots = [s for s in result.suggestions if s.kind == "figure" and "效益指标" in s.text]
    assert len(roots) == 1
    root = roots[0]
    assert findings[root.finding].check == "level1_weight" and root.proposed == 30
    assert "三级指标的「分值」列" in root.text and "5、" in root.text and "合计 40 分" in root.text
    assert "合计 30 分" in root.text  # the rubric's 30: the sub-indicators change, not the declared weight
    dependent_checks = sorted(findings[d.finding].check for d in root.dependents)
    assert dependent_checks == ["total_score", "weight_total", "weight_total"]
    cause = next(c for c in result.root_causes if c.root == root.finding)
    assert sorted(cause.dependents) == sorted(d.finding for d in root.dependents)
    # listed once: the dependents are no separate corrections
    assert not any(s.finding in cause.dependents for s in result.suggestions)
    # anchored on a 分值 cell of a 效益指标 sub-indicator
    info = next(t for t in report.tables if t.index == findings[root.finding].location_ref.place.table_index)
    assert root.anchor in {i.source for i in info.indicators if i.level1 == "效益指标"}
    markdown = render_template("suggest.md.j2", s=result, disclaimer="", dependents_title=DEPENDENTS)
    assert DEPENDENTS in markdown and "另有 3 项由其中的错误引起" in markdown


def test_root_causes_group_by_table_only(seed_000_suggestions) -> None:
    result = seed_000_suggestions
    # seed 000's findings are independent: one root cause each
    assert all(not c.dependents for c in result.root_causes)
    assert len(root_causes(result.review.findings)) == len([f for f in result.review.findings if f.severity != "info"])


def test_a_total_above_full_marks_is_never_proposed(seed_004_suggestions) -> None:
    report = seed_report(SEED_004, "docx")
    result = seed_004_suggestions
    rubric = load_rubric(ReviewOptions().rubric)
    total = next(f for f in result.review.findings if f.check == "total_score")
    assert forbidden(total, Decimal(110), report, rubric).startswith("各项得分加总为 110 分，超过满分 100 分")
    assert forbidden(total, Decimal("96.5"), report, rubric) == ""
    # a 得分 above its 分值 is the root of the 总分 that counts it when scoring it at its 分值 makes the 总分
    # right (the 总分 states its 得分 without the excess), and not otherwise
    assert total.stated is not None and total.computed is not None
    excess = total.computed - total.stated
    over = total.model_copy(
        update={"id": "over", "check": "score_within_weight", "stated": 10 + excess, "computed": 10}
    )
    assert root_causes([total, over]) == [RootCause(root="over", dependents=[total.id])]
    unrelated = over.model_copy(update={"stated": 11 + excess})
    assert root_causes([total, unrelated]) == [RootCause(root=total.id), RootCause(root="over")]


# ------------------------------------------------------------------------------- rewrites worth using


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。！？\n]", text) if s.strip()]


def _inconsistent(result: SuggestResult) -> set[tuple[Decimal, bool]]:
    """Figures of wrong sums and ratios, and of quantities stated two ways (not just explained)."""
    out = set()
    for f in result.review.findings:
        if f.severity == "info":
            continue
        spec = check_spec(f.check)
        if spec.correction != "explain" and f.stated is not None:
            out.add((Decimal(str(f.stated)), spec.percent))
        if f.location_ref.other is not None:
            out |= {(Decimal(str(v)), spec.percent) for v in (f.stated, f.computed) if v is not None}
    return out


def test_rewrites_repeat_no_measure_and_use_no_inconsistent_figure(eval_suggestions) -> None:
    for case, report, result in eval_suggestions:
        measures = next(r.text for r in result.rewrites if r.section == "measures")
        problems = next(r.text for r in result.rewrites if r.section == "problems")
        sentences = [re.sub("^（[一二三四五六七八九十]+）", "", s) for s in _sentences(measures)]  # unnumbered
        assert len(sentences) == len(set(sentences)), (case, measures)
        assert "由分管领导牵头、相关部门负责" not in measures
        # Small whole numbers (「7个项目」) and 100% (a target value: 「及时率目标值设为100%」, hv09) coincide with
        # flagged figures by chance in unrelated sentences.
        flagged = {
            (v, pct)
            for v, pct in _inconsistent(result)
            if (v >= 100 or v != v.to_integral_value()) and not (pct and v == 100)
        }
        for text in (problems, measures):
            used = {(n.value, n.percent) for n in find_numbers(strip_numbering_all(text))}
            assert not used & flagged, (case, used & flagged, text)
            assert invented_figures(text, report) == [], case
        assert "财务数据审核把关不严" not in problems  # the data errors are corrected, not confessed as a problem


def strip_numbering_all(text: str) -> str:
    return "\n".join(strip_numbering(line) for line in text.splitlines())


def test_rewrites_use_the_reports_offices_or_ask_for_them(seed_004_suggestions) -> None:
    result = seed_004_suggestions
    measures = next(r.text for r in result.rewrites if r.section == "measures")
    problems = next(r.text for r in result.rewrites if r.section == "problems")
    assert "4.4" not in problems and "8.14" not in problems  # 办公费 stated differently in the tables
    assert "办公费年初预算为〔请核实后填写〕" in problems  # the figures are flagged for correction
    assert "人事科(人才工作办公室)" in measures  # the training measure goes to the office the report names
    assert "〔请填写：责任科室〕" in measures  # seed 004 names no finance office


# ------------------------------------------------------------------------------ the author's file is safe


def test_suggest_twice_keeps_both_copies_and_reannotation_replaces_comments(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "报告.docx"
    document = docx.Document(str(seed_path(SEED_004, "docx")))
    paragraph = next(p for p in document.paragraphs if p.text.strip())
    document.add_comment(paragraph.runs, text="科长：第三段请再核一下", author="张三")  # somebody else's
    document.save(str(source))
    assert main(["suggest", str(source)]) == EXIT_OK
    first = tmp_path / "报告-修改建议.docx"
    count = len(read_comments(first)) - 1
    assert main(["suggest", str(source)]) == EXIT_OK
    second = tmp_path / "报告-修改建议(2).docx"
    assert first.exists() and second.exists() and read_comments(second) == read_comments(first)
    assert main(["suggest", str(source), "--force"]) == EXIT_OK
    assert not (tmp_path / "报告-修改建议(3).docx").exists()
    # on its own output: the comments it made are replaced, not doubled; the others' are kept
    again = suggest_path(first, ReviewOptions())
    assert again.path == tmp_path / "报告-修改建议-修改建议.docx"
    comments = docx.Document(str(again.path)).comments
    authors = [c.author for c in comments]
    assert again.comments == count and authors.count(COMMENT_AUTHOR) == count and authors.count("张三") == 1
    assert [c.text for c in comments if c.author == "张三"] == ["科长：第三段请再核一下"]


def test_each_comment_sits_on_its_cell(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for seed in (SEED_000, SEED_004):
        source = tmp_path / f"{seed}.docx"
        source.write_bytes(seed_path(seed, "docx").read_bytes())
        report = seed_report(seed, "docx")
        result = _suggestions(seed, request)
        written = suggest_path(source, ReviewOptions())
        places = comment_places(written.path)
        assert len(places) == written.comments
        for suggestion in result.suggestions:
            if suggestion.anchor is None:
                continue
            assert any(
                place == suggestion.anchor and text.startswith(f"【{suggestion.location}】{suggestion.text[:20]}")
                for place, text in places
            ), (seed, suggestion.text)
        if seed == SEED_000:
            dept = report.tables_of("dept_self_eval")[0]
            rate = dept.value("年度资金总额", "执行率")
            assert rate is not None and rate.text == "83.34%"
            assert any(p == rate.source and "执行率偏低" in t for p, t in places)  # not on 9758.08
            growth = next(i for i in dept.indicators if i.level3 == "企业经济效益增长")
            score = indicator_cell(report, dept, growth, "score")
            assert score is not None and score != growth.source
            assert any(p == score and "企业经济效益增长" in t for p, t in places)  # the 得分 cell, not the 分值
        else:
            application = report.section("application")
            assert application is not None and application.anchor is not None
            assert any(p == application.anchor and "绩效自评结果拟应用" in t for p, t in places)


def test_a_missing_attachment_is_said_where_it_goes(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "报告.docx"
    document = docx.Document(str(seed_path(SEED_000, "docx")))
    first = document.tables[0]._tbl  # seed 000's 基础数据表
    first.getparent().remove(first)
    document.save(str(source))
    written = suggest_path(source, ReviewOptions())
    places = comment_places(written.path)
    assert any(
        place == Source(table=0, row=0, col=0)
        and "请补充附件：部门整体支出绩效评价基础数据表；应附在「部门整体支出绩效自评表」之前" in text
        for place, text in places
    ), [t for _, t in places if "附件" in t]


def test_a_missing_section_is_said_where_it_goes(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "报告.docx"
    document = docx.Document(str(seed_path(SEED_000, "docx")))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.strip() == "七、存在的问题及原因分析")
    end = next(i for i, p in enumerate(paragraphs) if p.text.strip() == "八、下一步改进措施")
    for paragraph in paragraphs[start:end]:
        paragraph._p.getparent().remove(paragraph._p)
    document.save(str(source))
    written = suggest_path(source, ReviewOptions())
    report = analyse(read_report(source))
    assert report.section("problems") is None or report.section("problems").status == "missing"
    measures = report.section("measures")
    assert measures is not None and measures.anchor is not None
    places = comment_places(written.path)
    assert any(p == measures.anchor and "建议改写稿：存在的问题及原因分析" in t for p, t in places)
    assert any(
        p == measures.anchor and "存在的问题及原因分析（缺失）；应放在「下一步改进措施」之前" in t for p, t in places
    ), [t for _, t in places if "缺失" in t]


def test_pdf_without_libreoffice_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(seed_path(SEED_000, "docx").read_bytes())
    monkeypatch.setattr("reviewer.suggest.output.office", lambda: None)
    assert main(["suggest", str(source), "--pdf"]) == EXIT_INPUT
    assert "LibreOffice" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [source]  # nothing half-written


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_pdf_shows_the_comments(tmp_path: Path) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(seed_path(SEED_004, "docx").read_bytes())
    written = suggest_path(source, ReviewOptions(), pdf=True)
    assert written.pdf == tmp_path / "报告-修改建议.pdf"
    data = written.pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10000
    # the comments are in the PDF (as PDF comments, UTF-16 text, besides being drawn in the margin)
    notes = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Contents\s*<([0-9A-Fa-f]+)>", data)]
    assert len(notes) >= written.comments
    assert any("效益指标" in n and "合计 40 分" in n for n in notes)


def test_a_rewrites_placeholders_count_as_filled_in_when_it_is_scored(seed_004_suggestions) -> None:
    from reviewer.suggest.rewrites import as_filled_in

    assert as_filled_in("由〔请填写：责任科室〕牵头，〔请填写：完成时限〕前完成") == "由责任科室牵头，完成时限前完成"
    measures = next(r.text for r in seed_004_suggestions.rewrites if r.section == "measures")
    assert "〔请填写：" in measures  # the author still sees the question
    score = seed_004_suggestions.rewrite_scores["suggestions"]
    assert score.after_points is not None and score.before_points is not None
    assert score.after_points >= score.before_points  # not discarded as a template's prompts
    # A flagged figure masked as 〔请核实后填写〕 is a figure the author fills in: still a specific.
    from reviewer.numbers import find_numbers

    assert find_numbers(as_filled_in("办公费年初预算为〔请核实后填写〕，全年实际支出为〔请核实后填写〕。"))
    problems = next(r.text for r in seed_004_suggestions.rewrites if r.section == "problems")
    assert "〔请核实后填写〕" in problems  # the author still sees which figures to check
    problems_score = seed_004_suggestions.rewrite_scores["problems"]
    assert problems_score.after_points is not None and problems_score.before_points is not None
    assert problems_score.after_points >= problems_score.before_points


def test_a_split_forms_weight_correction_reads_the_whole_form(tmp_path: Path) -> None:
    import split_forms

    rows = [list(row) for row in split_forms.BLOCK_ROWS]
    rows[1][5] = "30"  # 产出 55: the form's 分值 add up to 105 with the money table's 执行率 10
    report = analyse(read_report(split_forms.split_markdown(tmp_path / "split.md", rows)))
    texts = [s.text for s in make_suggestions(report, ReviewOptions()).suggestions if s.kind == "figure"]
    weights = next(t for t in texts if "分值合计应为 100" in t)
    assert "「产出指标」现为 55 分，应为 50 分" in weights and "预算执行率" not in weights.split("。", 1)[1]


@pytest.mark.parametrize("money", [True, False])
def test_drafts_read_deducted_indicators_from_indicator_blocks(tmp_path: Path, money: bool) -> None:
    import split_forms

    from reviewer.review import review_with_facts
    from reviewer.suggest.drafts import documented_problems

    rows = [list(row) for row in split_forms.BLOCK_ROWS]
    rows[4][4], rows[4][6], rows[-1][6] = "81%", "9", "98.5"  # 满意度 81% of ≥90%: 9 of 10, pro rata
    report = analyse(read_report(split_forms.split_markdown(tmp_path / "deducted.md", rows, money=money)))
    result, facts = review_with_facts(report, ReviewOptions())
    assert facts is not None and not [f for f in result.findings if f.check == "target_vs_actual"]
    drafts = documented_problems(report, result, facts)
    indicators = next(d for d in drafts if d.kind == "indicators")
    assert "「沿线群众满意度」指标得9分（分值10分），偏差原因未作分析" in indicators.facts


PROJECT_REPORT = Path(__file__).parent / "data" / "forms" / "hen-proj-2022.docx"  # a 项目支出 report


def test_suggestions_for_a_project_report_on_the_department_rubric_carry_the_notice_and_skip_dept_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "项目报告.docx"
    shutil.copy(PROJECT_REPORT, copy)
    code = main(["suggest", str(copy), "-o", str(tmp_path / "建议.docx")])
    captured = capsys.readouterr()
    assert code == EXIT_OK
    result = make_suggestions(analyse(read_report(copy)), ReviewOptions())
    mismatch = result.rubric_mismatch
    assert mismatch is not None and mismatch == result.review.rubric_mismatch  # typed, as `review` has it
    # Said in every output: the terminal, the Markdown, the first comment of the annotated copy.
    assert f"注意：{mismatch.message}" in captured.err
    assert mismatch.message in captured.out
    assert mismatch.message in read_comments(tmp_path / "建议.docx")[0][1]
    # No advice to add parts or forms of a 部门整体 report; a part of a project report may still be asked for.
    completeness = [s.text for s in result.suggestions if s.kind == "completeness"]
    for dept_only in ("社会保险基金预算支出情况", "部门整体支出绩效情况", "部门整体支出绩效自评表", "基础数据表"):
        assert not any(dept_only in text for text in completeness), completeness
    assert all(text.startswith("请补充正文部分") for text in completeness)


def test_suggestions_on_the_rubrics_own_kind_carry_no_notice(seed_000_suggestions: SuggestResult) -> None:
    assert seed_000_suggestions.rubric_mismatch is None


OWN_MEASURES = """青石县某局2024年度部门整体支出绩效自评报告

五、存在的问题及原因分析
1. 乡村道路养护滞后。由于汛期雨水多、养护队伍人手不足，全年只养护了40公里。
2. 档案管理不规范。因缺少专职档案员，部分项目资料归档不全。

六、下一步改进措施
1. 由县公路养护站牵头，于2025年5月底前完成剩余20公里道路养护。
2. 由办公室负责，配备1名专职档案员，对2024年项目资料逐项补归档。
"""


def test_the_rules_rewrite_keeps_the_authors_own_measure_and_asks_only_for_what_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "自评报告.txt"
    path.write_text(OWN_MEASURES, "utf-8")
    report = analyse(read_report(path))
    result = make_suggestions(report, ReviewOptions())
    measures = next(r.text for r in result.rewrites if r.section == "measures")
    # Owner, deadline and action as the author wrote them: no placeholder, no stock line.
    assert "（一）针对「乡村道路养护滞后」，由县公路养护站牵头，于2025年5月底前完成剩余20公里道路养护。" in measures
    # Owner and action written, no deadline: only the deadline is asked for.
    assert (
        "（二）针对「档案管理不规范」，由办公室负责，配备1名专职档案员，对2024年项目资料逐项补归档；"
        "〔请填写：完成时限〕前完成。"
    ) in measures
    assert "责任科室" not in measures and "具体做法" not in measures
    assert not invented_figures(measures, report)
