"""The review command and its JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_004, seed_path

from reviewer.cli import EXIT_OK, main


def _review_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["review", str(path), "--format", "json"]) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = _review_json(seed_path(SEED_000, "docx"), capsys)
    assert set(data) >= {"document", "findings", "items", "total", "checks"}
    document = data["document"]
    assert document["unit"] == "双牌县科技和工业信息化局" and document["year"] == 2023 and document["kind"] == "dept"
    assert {s["status"] for s in document["sections"]} <= {"found", "empty", "missing"}
    assert [t["kind"] for t in document["tables"]] == [
        "basic_data",
        "dept_self_eval",
        "project_report",
        "project_self_eval",
    ]
    finding = next(f for f in data["findings"] if f["check"] == "staffing_control_rate")
    assert finding["stated"] == 100 and round(finding["computed"], 2) == 91.18
    assert finding["severity"] == "error" and finding["location"].startswith("部门整体支出绩效评价基础数据表")
    assert set(finding) >= {"id", "check", "severity", "message", "location", "stated", "computed"}
    ids = [i["id"] for i in data["items"]]
    assert ids[-4:] == ["completeness", "indicator_table", "problems", "suggestions"]
    assert data["rubric"] == "yueyang-dept-2023@2023.1"
    for item in data["items"]:
        assert set(item) >= {
            "id",
            "name",
            "max_points",
            "points",
            "band",
            "status",
            "scorer",
            "justification",
            "evidence",
        }
    assert set(data["total"]) == {"points", "max_points", "assessed_max_points"}
    assert set(data["checks"]) >= {"run", "passed", "failed", "not_assessable"}


def test_json_writes_chinese_as_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    assert main(["review", str(seed_path(SEED_004, "txt")), "--format", "json", "-o", str(out)]) == EXIT_OK
    raw = out.read_text("utf-8")
    assert "岳阳市科学技术局" in raw and "\\u" not in raw
    assert capsys.readouterr().out == ""


def test_text_summary_is_readable_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(seed_path(SEED_000, "docx"))]) == EXIT_OK
    out = capsys.readouterr().out
    assert "单位：双牌县科技和工业信息化局" in out
    assert "【错误】控制率应为 31 ÷ 34 = 91.18%，填报 100%" in out
    assert "位置：部门整体支出绩效评价基础数据表 · 财政供养人员情况 · 控制率" in out


def test_markdown_has_score_card_and_findings_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(seed_path(SEED_004, "docx")), "--format", "markdown"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("# 绩效自评报告审阅意见：岳阳市科学技术局")
    assert "| 评分项目 |" in out and "| # | 级别 | 问题 | 位置 |" in out
    assert "总分应为 10 + 15 + 15" in out


def test_usage_error_exits_non_zero_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["review"])
    assert exc.value.code == 2
    assert "命令行参数错误：缺少必需的参数" in capsys.readouterr().err


def test_html_is_self_contained_and_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.txt"
    text = (
        seed_path(SEED_000, "txt")
        .read_text("utf-8")
        .replace("2、绩效评价工作机制有待完善。", "2、绩效评价工作机制有待完善<script>alert(1)</script>。")
    )
    source.write_text(text, encoding="utf-8")
    assert main(["review", str(source), "--format", "html"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("<!doctype html>") and "<script>" not in out and "&lt;script&gt;" in out
    assert "http" not in out  # no external assets
