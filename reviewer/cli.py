"""The `reviewer` command: a thin layer over the library. Only here do errors become messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import ConfigError, InputError, LLMError, ReviewerError, RubricError
from .files import refuse_to_overwrite, write_atomically
from .render import FORMATS
from .review import ReviewOptions

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_RUBRIC = 4
EXIT_LLM = 5
EXIT_EVAL = 6
EXIT_NOT_A_REPORT = 7  # review: the document is not a 绩效自评报告 (the result says why)
EXIT_INTERNAL = 70


def _options(args: argparse.Namespace) -> ReviewOptions:
    from .llm_settings import LLMSettings

    llm = (
        LLMSettings.from_environment(
            args.model,
            base_url=args.base_url,
            samples=args.samples,
            timeout=args.timeout,
            report_deadline=args.deadline,
        )
        if args.scorer == "llm"
        else None
    )
    return ReviewOptions(
        rubric=args.rubric, scorer=args.scorer, evidence=args.evidence, llm=llm, fallback=args.fallback
    )


def cmd_review(args: argparse.Namespace) -> int:
    from .render import render
    from .review import review_path

    path = Path(args.path)
    options = _options(args)
    result = review_path(path, options)
    if result.status == "not_a_report":
        print(f"「{path}」不是绩效自评报告：{result.status_reason}。请确认选对了文件。", file=sys.stderr)
    text = render(result, args.format)
    if args.output:
        output = Path(args.output)
        refuse_to_overwrite(output, path)
        write_atomically(output, text)
        print(f"审阅结果已写入 {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if result.status == "not_a_report":
        return EXIT_NOT_A_REPORT
    return _llm_exit(options, result.llm_usage.error if result.llm_usage else None)


def _llm_exit(options: ReviewOptions, error: str | None) -> int:
    """With --no-fallback a failed extraction is exit 5 (the review is still written, its items unscored)."""
    if options.scorer == "llm" and not options.fallback and error:
        print(f"模型调用失败：{error}（--no-fallback：叙述部分未评分）", file=sys.stderr)
        return EXIT_LLM
    return EXIT_OK


_ARGPARSE_MESSAGES = (
    ("the following arguments are required", "缺少必需的参数"),
    ("invalid choice", "无效的选项"),
    ("unrecognized arguments", "无法识别的参数"),
    ("expected one argument", "该选项需要一个值"),
    ("invalid int value", "应为整数"),
    ("choose from", "可选"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse's usage errors, said in Chinese (exit code 2, as argparse does)."""

    def error(self, message: str) -> NoReturn:
        for english, chinese in _ARGPARSE_MESSAGES:
            message = message.replace(english, chinese)
        self.exit(EXIT_USAGE, f"命令行参数错误：{message}\n用法见：{self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="reviewer", description="绩效自评报告审阅工具：核对数据、按评分表给出评分草稿。"
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", parser_class=ChineseArgumentParser)

    review = sub.add_parser(
        "review", help="审阅一份报告（.docx 或文本）", description="审阅一份报告，输出数据核对结果和评分草稿。"
    )
    review.add_argument("path", help="报告文件：.docx，或从 Word 导出的文本")
    review.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    review.add_argument("-o", "--output", help="写入文件而不是标准输出")
    _scoring_arguments(review)
    review.set_defaults(handler=cmd_review)

    evaluate = sub.add_parser("eval", help="用已标注的报告评测评分方式与人工标注的一致性")
    evaluate.add_argument("--cases", default="evals/cases", help="评测用例目录（默认 evals/cases）")
    evaluate.add_argument(
        "--thresholds", default="evals/thresholds.yaml", help="门槛文件（默认 evals/thresholds.yaml）"
    )
    evaluate.add_argument("--compare", help="逗号分隔的多个评分方式并排对比，如 rules,llm")
    evaluate.add_argument("--format", choices=["markdown", "json"], default="markdown")
    evaluate.add_argument("-o", "--output", help="写入文件而不是标准输出")
    evaluate.add_argument(
        "--record", action="store_true", help="把 llm 评测结果另存到 evals/results/（便于跨时间比较）"
    )
    _scoring_arguments(evaluate)
    evaluate.set_defaults(handler=cmd_eval)

    suggest = sub.add_parser("suggest", help="给报告撰写人的修改建议和改写稿（.docx 输入时生成带批注的副本）")
    suggest.add_argument("path", help="报告文件：.docx 或文本")
    suggest.add_argument(
        "-o", "--output", help="输出文件（默认：原文件名加「-修改建议」，.docx 输入为带批注的 .docx，文本输入为 .md）"
    )
    suggest.add_argument(
        "--force", action="store_true", help="覆盖已有的同名输出文件（默认另存为「…(2)」等编号文件名）"
    )
    suggest.add_argument("--pdf", action="store_true", help="另生成批注显示在页边的 PDF（需安装 LibreOffice）")
    _scoring_arguments(suggest)
    suggest.set_defaults(handler=cmd_suggest)

    batch = sub.add_parser(
        "batch", help="批量预审一批报告，输出汇总表", description="批量审阅文件、文件夹（递归）或通配符匹配的报告。"
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="报告文件、文件夹或通配符（如 '2023/*.docx'）")
    batch.add_argument(
        "-o", "--output", required=True, help="输出文件夹：每份报告的 JSON/HTML、summary.csv、summary.xlsx、index.html"
    )
    batch.add_argument("--jobs", type=int, default=None, help="并行数（默认为 CPU 核数；llm 评分时为并发请求数）")
    _scoring_arguments(batch)
    batch.set_defaults(handler=cmd_batch)

    serve = sub.add_parser(
        "serve", help="启动浏览器中的审核工作台", description="启动审核工作台：上传、筛查、审核评分、导出审核意见。"
    )
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机；其他地址须设置令牌）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    serve.add_argument(
        "--data", default="reviewer-data", help="数据目录：上传的报告、审阅结果和审核决定（默认 reviewer-data）"
    )
    serve.add_argument("--token", help="访问令牌（或环境变量 REVIEWER_TOKEN）；监听非本机地址时必需")
    serve.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="INPUT",
        help="启动时载入的报告文件或文件夹（可重复；已载入的不重复审阅）",
    )
    _scoring_arguments(serve)
    serve.set_defaults(handler=cmd_serve)

    rubrics = sub.add_parser("rubrics", help="列出可用的评分表")
    rubrics.set_defaults(handler=cmd_rubrics)
    return parser


def _scoring_arguments(parser: argparse.ArgumentParser) -> None:
    from .rubric import DEFAULT_RUBRIC

    parser.add_argument("--rubric", default=DEFAULT_RUBRIC, help=f"评分表 id 或 YAML 文件路径（默认 {DEFAULT_RUBRIC}）")
    parser.add_argument(
        "--scorer",
        choices=["rules", "llm"],
        default="rules",
        help="叙述部分的评分方式：rules（默认，离线）或 llm（需配置 OPENAI_BASE_URL / OPENAI_API_KEY）",
    )
    parser.add_argument("--model", help="llm 评分使用的模型名（或环境变量 REVIEWER_MODEL）")
    parser.add_argument(
        "--base-url",
        help="llm 评分的模型服务地址（或环境变量 OPENAI_BASE_URL）；未指定时不发送任何请求",
    )
    parser.add_argument("--timeout", type=float, default=None, help="每次模型请求的总时限，秒（含连接与读取；默认 90）")
    parser.add_argument(
        "--deadline", type=float, default=None, help="每份报告全部模型请求（含重试、重问）的总时限，秒（默认 300）"
    )
    parser.add_argument(
        "--samples", type=int, default=None, help="llm 抽取次数，取中位数；各次不一致时提示人工复核（默认 1）"
    )
    parser.add_argument(
        "--no-fallback", dest="fallback", action="store_false", help="llm 抽取失败时不回退到 rules，该项标为未评分"
    )
    parser.add_argument("--evidence", help="报告以外的佐证材料（YAML/JSON）：自评通知、工作小组、单位自查、报送日期")


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, load_thresholds, to_json
    from .render import render_template

    scorers = [s.strip() for s in args.compare.split(",")] if args.compare else [args.scorer]
    thresholds_path = Path(args.thresholds)
    thresholds = load_thresholds(thresholds_path) if thresholds_path.exists() else None
    reports = []
    for scorer in scorers:
        args.scorer = scorer
        report = evaluate(Path(args.cases), _options(args), thresholds=thresholds if scorer == "rules" else None)
        reports.append(report)
        if args.record and report.model:
            model = report.model.replace("/", "_")
            write_atomically(Path("evals/results") / f"{report.date}_{model}.json", to_json([report]))
    text = to_json(reports) if args.format == "json" else render_template("eval.md.j2", reports=reports)
    if args.output:
        write_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    failures = [f for r in reports if r.gate for f in r.gate.failures]
    if failures:
        print("评测未达门槛：" + "；".join(failures), file=sys.stderr)
        return EXIT_EVAL
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from .suggest.output import suggest_path

    options = _options(args)
    written = suggest_path(
        Path(args.path), options, Path(args.output) if args.output else None, force=args.force, pdf=args.pdf
    )
    if written.annotated:
        print(f"已生成带 {written.comments} 条批注的副本：{written.path}（原文件未改动）", file=sys.stderr)
        if written.pdf:
            print(f"带批注的 PDF：{written.pdf}", file=sys.stderr)
    else:
        print(f"修改建议已写入 {written.path}", file=sys.stderr)
    sys.stdout.write(written.markdown)
    return _llm_exit(options, written.llm_error)


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    outdir = Path(args.output)
    options = _options(args)
    from .rubric import load_rubric

    load_rubric(options.rubric)  # a bad rubric is one clear error, not one error row per report
    rows, summary = run_batch(args.inputs, outdir, options, jobs=args.jobs)
    if not rows and not summary.interrupted:
        print(f"错误：在 {'、'.join(args.inputs)} 中没有找到 .docx 或 .txt 报告", file=sys.stderr)
        return EXIT_INPUT
    state = "已中断" if summary.interrupted else "完成"
    print(
        f"{state}：共 {len(rows)} 份，其中无法读取 {summary.errors} 份；本次审阅 {summary.done} 份，"
        f"跳过已完成 {summary.skipped} 份，用时 {summary.seconds:g} 秒。"
        f"汇总：{outdir / 'summary.xlsx'}、{outdir / 'index.html'}",
        file=sys.stderr,
    )
    if summary.llm_failures:
        print(
            f"其中 {summary.llm_failures} 份模型评分失败（原因见汇总表「说明」列），"
            f"{'叙述部分未评分' if not options.fallback else '已改用 rules 评分'}；重新运行会再次请求模型。",
            file=sys.stderr,
        )
    if summary.interrupted:
        print("重新运行同一命令即可从中断处继续。", file=sys.stderr)
        return 130
    if summary.llm_failures and not options.fallback:
        return EXIT_LLM
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import serve

    serve(args.host, args.port, Path(args.data), args.token, _options(args), args.add)
    return EXIT_OK


def cmd_rubrics(args: argparse.Namespace) -> int:
    from .rubric import DEFAULT_RUBRIC, list_rubrics

    for rubric in list_rubrics():
        mark = "（默认）" if rubric.id == DEFAULT_RUBRIC else ""
        summary = f"{len(rubric.items)} 项，满分 {rubric.total_points:g}"
        print(f"{rubric.id}{mark}\t{rubric.name}\t版本 {rubric.version}\t{summary}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except RubricError as exc:
        print(f"评分表错误：{exc}", file=sys.stderr)
        return EXIT_RUBRIC
    except ConfigError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_RUBRIC
    except LLMError as exc:
        print(f"模型调用失败：{exc}", file=sys.stderr)
        return EXIT_LLM
    except ReviewerError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise is no traceback; REVIEWER_DEBUG=1 shows it for developers
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(
            f"内部错误（{type(exc).__name__}: {exc}）。请将报告文件和此信息反馈给开发者；"
            f"设置环境变量 REVIEWER_DEBUG=1 可查看详细信息。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
