"""Suggestions and rewrites for authors, and the annotated copy of their own Word file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, seed_path, seed_report
from llm_stub import StubServer, chat

from reviewer.cli import EXIT_INPUT, EXIT_OK, main
from reviewer.llm_settings import LLMSettings
from reviewer.numbers import find_numbers
from reviewer.review import ReviewOptions
from reviewer.suggest import invented_figures, make_suggestions
from reviewer.wordfile import read_comments


@pytest.fixture(scope="module")
def seed_000_suggestions():
    return make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions())


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
    assert any("没有分析原因" in a and "绩效评价工作机制有待完善" in a for a in advice)
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
    assert "由财务部门牵头" in measures.text and invented_figures(measures.text, report) == []


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
            "problems": "（一）预算执行率未达到预期\n全年执行数9758.08万元，执行率83.34%，原因是项目资金下达较晚。",
            "measures": "（一）由财务部门牵头，按月通报预算执行进度，年底前完成执行目标。",
        }
        stub.script(chat({"problems": [], "measures": []}), chat(good))
        settings = LLMSettings(model="stub-model", base_url=stub.url, api_key="k", timeout=2, cache_dir=None)
        result = make_suggestions(seed_report(SEED_000, "docx"), ReviewOptions(scorer="llm", llm=settings))
    finally:
        stub.stop()
    problems = next(r for r in result.rewrites if r.section == "problems")
    assert problems.writer == "llm:stub-model" and "9758.08万元" in problems.text


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_libreoffice_converts_the_annotated_copy(tmp_path: Path) -> None:
    source = tmp_path / "报告.docx"
    source.write_bytes(seed_path(SEED_004, "docx").read_bytes())
    out = tmp_path / "annotated.docx"
    assert main(["suggest", str(source), "-o", str(out)]) == EXIT_OK
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "annotated.pdf").stat().st_size > 10000
