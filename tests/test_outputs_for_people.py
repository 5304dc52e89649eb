"""What people read: quotes shortened on a safe boundary, no internal id in Chinese text, the terminal
review in the order a reviewer reads it (verdict, items, findings, structure), the batch's review linking
back to its index.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_000, SEED_004, run_cli, seed_path, seed_score
from hypothesis import given
from hypothesis import strategies as st

from reviewer.cli import main
from reviewer.quotes import ELLIPSIS, shorten

ROOT = Path(__file__).parent.parent

# ---------------------------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("执行率为83.34%，较上年", 8, "执行率为…"),
        ("执行率为83.34%，较上年", 10, "执行率为83.34%…"),
        ("项目支出9,292.74万元", 8, "项目支出…"),
        ("项目支出９，２９２．７４万元", 8, "项目支出…"),
        ("9,292.74万元是全年支出", 4, "9,292.74…"),  # a figure longer than the limit is kept whole
        ("一二三四五六", 6, "一二三四五六"),
        ("一二三四五六七", 6, "一二三四五六…"),
        ("cafe\u0301 au lait", 4, "caf…"),  # é as e + combining acute stays together
        ("家庭👨\u200d👩\u200d👧成员", 4, "家庭…"),  # a joined emoji sequence is not split
        ("标记\ufe0f", 2, "标…"),  # a variation selector stays with its character
    ],
)
def test_a_quote_is_cut_on_a_safe_boundary(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected


_FIGURE = re.compile(r"\d+(?:[,，.．]\d+)*%?")


@given(st.text(alphabet="一二三，。%.,0123456789\u0301\u200d😀", max_size=40), st.integers(1, 30))
def test_a_shortened_quote_is_a_head_of_the_quote_with_whole_figures(text: str, limit: int) -> None:
    short = shorten(text, limit)
    if short == text:
        return
    assert short.endswith(ELLIPSIS)
    head = short[: -len(ELLIPSIS)]
    assert text.startswith(head) and head
    rest = text[len(head) :].lstrip()
    assert not (head[-1:].isdigit() and rest[:1].isdigit()), (text, short)  # no figure cut in two
    assert not (head[-1:] in ",.，．" and head[-2:-1].isdigit() and rest[:1].isdigit())
    assert not (head[-1:].isdigit() and rest[:1] == "%")
    assert text[len(head) : len(head) + 1] != "\u0301" and head[-1:] != "\u200d"  # no mark parted from its letter


def test_quotes_in_the_data_stay_whole(tmp_path: Path) -> None:
    """The review shows a narrative sentence shortened; the JSON keeps it verbatim and whole."""
    from reviewer.checks.location import NarrativePlace
    from reviewer.review import review_path

    result = review_path(seed_path(SEED_000, "docx"))
    text = "".join(p.text for p in _paragraphs(SEED_000))
    quotes = [
        place.quote
        for f in result.findings
        for place in (f.location_ref.place, f.location_ref.other)
        if isinstance(place, NarrativePlace)
    ]
    assert quotes and all(q in text and not q.endswith(ELLIPSIS) for q in quotes)
    described = [f.location for f in result.findings if "「" in f.location]
    assert any(ELLIPSIS in d for d in described)  # and they are long enough to be shortened when shown
    assert not any(e.endswith(ELLIPSIS) for i in result.items for e in i.evidence)


def _paragraphs(seed: str) -> list[Any]:
    from reviewer.model import Paragraph
    from reviewer.read import read_report

    return [b for b in read_report(seed_path(seed, "docx")).blocks if isinstance(b, Paragraph)]


# ------------------------------------------------------------------------------------ no ids in Chinese text


def _ids(value: Any) -> set[str]:
    """Every `id` (and every key of an id-keyed mapping) in a catalogue or rubric, recursively."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "id" and isinstance(inner, str):
                found.add(inner)
            found |= _ids(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            found |= _ids(inner)
    return found


@cache
def _internal_ids() -> frozenset[str]:
    from typing import get_args

    from reviewer.checks.findings import Severity
    from reviewer.checks.registry import CHECK_NAMES
    from reviewer.rubric import load_rubric
    from reviewer.scoring.items import ItemScore
    from reviewer.structure.catalogue import load_section_catalogue, load_table_catalogue
    from reviewer.structure.models import ReportKind, SectionStatus

    ids = _ids(load_rubric("yueyang-dept-2023").model_dump())
    ids |= _ids(load_section_catalogue().model_dump()) | _ids(load_table_catalogue().model_dump())
    ids |= set(CHECK_NAMES) | set(get_args(Severity)) | set(get_args(SectionStatus)) | set(get_args(ReportKind))
    ids |= set(get_args(ItemScore.model_fields["status"].annotation)) | {"not_a_report", "ok"}
    return frozenset(ids - ALLOWED)


# ASCII that Chinese text may carry: the scorer labels (README: 「评分方式：rules / llm」), and the
# words of file names, paths, options and the rubric id, which are taken out before looking.
ALLOWED = {"rules", "llm"}
_NOT_TEXT = [
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"[\w.\-()（）]+\.(?:docx|txt|json|html|md|yaml|pdf|xlsx|csv)\b"),  # file names
    re.compile(r"--[a-z][a-z-]*"),  # command-line options
    re.compile(r"\b[a-z][\w-]*@[\w.]+"),  # rubric id@version
    re.compile(r"\breviewer \d+\.\d+\.\d+"),  # the tool and its version
]
_TOKEN = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*")


class _Visible(HTMLParser):
    """The text a browser shows: no tags, attributes, styles or scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


def leaked_ids(text: str) -> list[str]:
    """Internal ids and snake_case tokens in text meant for people."""
    for pattern in _NOT_TEXT:
        text = pattern.sub(" ", text)
    ids = _internal_ids()
    return [t for t in _TOKEN.findall(text) if t not in ALLOWED and ("_" in t or t in ids)]


def test_the_leak_detector_finds_what_it_is_for() -> None:
    assert leaked_ids("正文部分 6/8 分，缺少或为空：basic_info（缺失）") == ["basic_info"]
    assert leaked_ids("评分项 completeness 未评；状态 needs_evidence") == ["completeness", "needs_evidence"]
    assert leaked_ids("文件：/tmp/000_d51c.docx · 评分表 yueyang-dept-2023@2023.1 · 可用 --evidence 提供；rules") == []


# The seeds and eval cases with what tends to leak: missing parts (a project form with no 部门 parts),
# not a report, empty sections, template prompts, funding-only problems.
LEAK_CASES = [
    "forms/ah-proj-2022-unmet.yaml",
    "forms/blank-template.yaml",
    "seed-000-funding-only.yaml",
    "h14-no-problems.yaml",
    "n03-form-template-prompts-only.yaml",
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    import yaml

    from reviewer.evaluation import EvalCase, materialise

    work = tmp_path_factory.mktemp("leaks")
    paths = []
    for seed in (SEED_000, SEED_004):
        paths.append(work / f"{seed}.docx")
        shutil.copy(seed_path(seed, "docx"), paths[-1])
    for name in LEAK_CASES:
        case_path = ROOT / "evals" / "cases" / name
        case = EvalCase.model_validate(yaml.safe_load(case_path.read_text("utf-8")))
        source = materialise(case_path, case, work)
        paths.append(work / source.name)
        if source != paths[-1]:
            shutil.copy(source, paths[-1])
    return paths


def test_no_internal_id_in_any_output(reports: list[Path], tmp_path: Path) -> None:
    from reviewer.read import read_report
    from reviewer.render import render, render_template
    from reviewer.review import ReviewOptions
    from reviewer.rubric import load_rubric
    from reviewer.structure import analyse
    from reviewer.suggest import DISCLAIMER, annotation_notes, make_suggestions
    from reviewer.suggest.output import DEPENDENTS

    options = ReviewOptions()
    rubric = load_rubric(options.rubric)
    leaks: dict[str, list[str]] = {}
    for path in reports:
        report = analyse(read_report(path))
        suggested = make_suggestions(report, options)
        outputs = {
            "text": render(suggested.review, "text"),
            "markdown": render(suggested.review, "markdown"),
            "html": visible(render(suggested.review, "html", index_href="../index.html")),
            "suggest": render_template(
                "suggest.md.j2", s=suggested, disclaimer=DISCLAIMER, dependents_title=DEPENDENTS
            ),
            "comments": "\n".join(n.text for n in annotation_notes(report, suggested, rubric)),
        }
        for name, text in outputs.items():
            if found := leaked_ids(text):
                leaks[f"{path.name} {name}"] = found
    # The CLI's own messages: review (not a report → a message first), suggest, batch, usage errors.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in reports[:3]:
        shutil.copy(path, inbox / path.name)
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    for argv in (
        ["review", str(inbox / reports[2].name)],
        ["review", str(inbox / "broken.docx")],
        ["suggest", str(inbox / reports[0].name)],
        ["batch", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "1"],
        ["review", str(inbox / reports[0].name), "--format", "pdf"],
        ["review"],
    ):
        try:
            _, _, err = run_cli(argv)
        except SystemExit:
            err = ""
        if found := leaked_ids(err):
            leaks[" ".join(argv[:1]) + " stderr"] = found
    for html in (tmp_path / "out" / "reports").glob("*.html"):
        if found := leaked_ids(visible(html.read_text("utf-8"))):
            leaks[f"batch {html.name}"] = found
    assert not leaks, leaks


def test_no_internal_id_in_the_workbench_pages(tmp_path: Path) -> None:
    from test_web import seed, upload, wait_done, workbench

    with workbench(tmp_path) as client:
        upload(client, seed(SEED_004))
        rows = wait_done(client)
        pages = {"/": client.get("/").text, "report": client.get(f"/reports/{rows[0]['id']}").text}
    leaks = {name: found for name, page in pages.items() if (found := leaked_ids(visible(page)))}
    assert not leaks, leaks


# ------------------------------------------------------------------------------------------ terminal review


def test_the_terminal_review_opens_with_its_verdict_and_ends_with_the_structure() -> None:
    code, out, _ = run_cli(["review", str(seed_path(SEED_004, "docx"))])
    assert code == 0
    lines = out.splitlines()
    # Seed 004: 8 errors, 4 of them one fault (效益指标's 分值), so 5 errors by root cause; 5 warnings.
    assert lines[0].startswith(f"审阅结论：得分 {seed_score(SEED_004)}")
    assert "错误 5 项、警告 5 项（按根本原因计，共列出 13 条）" in lines[0]
    assert "最严重：【错误】一级指标「效益指标」的权重应为" in lines[0] and "另有 3 条由此引起" in lines[0]
    headings = [line for line in lines if re.match(r"[一二三]、", line)]
    assert [h[:6] for h in headings] == ["一、评分（草", "二、数据核对", "三、报告结构"]
    assert (
        out.index(f"合计：{seed_score(SEED_004)}") < out.index("二、数据核对") < out.index("部门（单位）基本情况：有")
    )
    assert lines[-1].lstrip().startswith("表格：")
    assert out.count("原因：由第 5 项引起，改正第 5 项即可") == 3


def test_a_verdict_without_findings_and_for_a_document_that_is_not_a_report() -> None:
    from reviewer.review import ReviewResult, review_path
    from reviewer.verdict import verdict_line, verdict_of

    result = review_path(seed_path(SEED_000, "docx"))
    clean = ReviewResult.model_validate({**result.model_dump(), "findings": []})
    assert verdict_line(clean, verdict_of(clean)).endswith("错误 0 项、警告 0 项；未发现数据错误。")
    refused = ReviewResult.model_validate({**clean.model_dump(), "status": "not_a_report", "status_reason": "是通知"})
    assert verdict_line(refused, verdict_of(refused)) == "审阅结论：不是绩效自评报告——是通知"


def test_a_batch_review_links_back_to_its_index(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed_path(SEED_000, "docx"), inbox / "a.docx")
    code, _, err = run_cli(["batch", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert code == 0, err
    (review,) = (tmp_path / "out" / "reports").glob("*.html")
    link = re.search(r'<nav class="back"><a href="([^"]+)">', review.read_text("utf-8"))
    assert link and (review.parent / link.group(1)).resolve() == (tmp_path / "out" / "index.html").resolve()
    _, single, _ = run_cli(["review", str(inbox / "a.docx"), "--format", "html"])
    assert 'class="back"' not in single  # a review on its own has no batch to go back to


# ------------------------------------------------------------------------------------------------ --help

COMMANDS = ["review", "eval", "suggest", "batch", "serve", "rubrics"]
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help",
    "show program's",
    "the following arguments",
    "invalid choice",
    "unrecognized arguments",
    "expected one argument",
    "error:",
)


def _exit(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exc:
        main(argv)
    return int(exc.value.code or 0), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["reviewer", *COMMANDS])
def test_help_is_chinese(command: list[str]) -> None:
    code, out, _ = _exit([*command, "--help"])
    assert code == 0 and out.startswith("用法：reviewer")
    assert not [p for p in ARGPARSE_ENGLISH if p in out], out
    assert "选项：" in out and "显示本帮助并退出" in out
    # What an option takes is named in Chinese (「--jobs 并行数」), or lists its choices (「{rules,llm}」).
    metavars = re.findall(r"(?<![\w-])--?[a-z][\w-]* ([^\s,\[\]]+)", out)
    assert all(not m.isascii() or m.startswith("{") for m in metavars), metavars
    positionals = out.partition("位置参数：\n")[2].partition("\n\n")[0].splitlines()
    assert all(not line[2:].split()[0].isascii() for line in positionals if line.startswith("  ") and line[2] != " ")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "缺少必需的参数：命令"),
        (["review"], "缺少必需的参数：报告文件"),
        (["suggest"], "缺少必需的参数：报告文件"),
        (["batch", "in"], "缺少必需的参数：-o/--output"),
        (["eval", "--format", "xml"], "参数 --format：无效的选项 'xml'"),
        (["serve", "--port", "八"], "参数 --port：「八」不是整数"),
        (["rubrics", "--all"], "无法识别的参数：--all"),
        (["nosuch"], "参数 命令：无效的选项 'nosuch'"),
    ],
)
def test_a_usage_error_is_said_in_chinese_with_exit_code_2(argv: list[str], said: str) -> None:
    code, _, err = _exit(argv)
    assert code == 2
    assert err.startswith("命令行参数错误：") and said in err and "--help" in err
    assert not [p for p in ARGPARSE_ENGLISH if p in err], err
    assert argparse._ is gettext.gettext  # argparse speaks Chinese only while the CLI parses
