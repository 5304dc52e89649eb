"""The `reviewer` command: a thin layer over the library. Only here do errors become messages and exit codes."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .errors import ConfigError, InputError, LLMError, ReviewerError, RubricError
from .files import refuse_to_overwrite, write_atomically
from .quotes import display_width
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


# argparse's own words (its gettext message ids, Python 3.10-3.13) in Chinese; an id not listed stays as is.
_ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maximum number of choices exceeded": "无效的选项 %(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多接受一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "选项不接受值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _chinese(message: str) -> str:
    return _ARGPARSE_CHINESE.get(message, message)


def _chinese_plural(singular: str, plural: str, n: int) -> str:
    return _chinese(singular if n == 1 else plural)


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """argparse looks its words up through its module's `_` and `ngettext` when it uses them."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _chinese, _chinese_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help laid out by terminal columns (argparse counts characters, and a Chinese one takes two)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in re.findall(r"[!-~]+|\s+|.", " ".join(text.split())):
            if line and display_width(line + token) > width:
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = display_width(invocation) - len(invocation)
        first, _, rest = text.partition("\n")
        head = first.lstrip(" ")
        if extra and head.startswith(invocation + "  "):
            gap = len(head) - len(head[len(invocation) :].lstrip(" ")) - len(invocation)
            keep = max(2, gap - extra)
            first = first[: len(first) - len(head)] + invocation + " " * keep + head[len(invocation) + gap :]
        return first + "\n" + rest


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse in Chinese: headings, help, usage and errors (exit code 2, as argparse does)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _argparse_in_chinese():  # the group titles and -h's help are looked up here
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():  # 「unrecognized arguments」 is said here, after parse_known_args
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _argparse_in_chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in_chinese():
            text = super().format_help()
        return re.sub(r"^(\S+):$", r"\1：", text, flags=re.MULTILINE)  # 「选项：」, not 「选项:」

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"命令行参数错误：{message}\n用法见：{self.prog} --help\n")


def _number(kind: type[int] | type[float], name: str) -> Callable[[str], int | float]:
    """A numeric option's type, saying in Chinese what it expected."""

    def parse(text: str) -> int | float:
        try:
            return kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"「{text}」不是{name}") from None

    return parse


_INTEGER = _number(int, "整数")
_SECONDS = _number(float, "数字（秒）")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="reviewer", description="绩效自评报告审阅工具：核对数据、按评分表给出评分草稿。"
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", parser_class=ChineseArgumentParser)

    review = sub.add_parser(
        "review", help="审阅一份报告（.docx 或文本）", description="审阅一份报告，输出数据核对结果和评分草稿。"
    )
    review.add_argument("path", metavar="报告文件", help="报告文件：.docx，或从 Word 导出的文本")
    review.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        metavar="格式",
        help="输出格式：text、json、markdown 或 html（默认 text）",
    )
    review.add_argument("-o", "--output", metavar="输出文件", help="写入文件而不是标准输出")
    _scoring_arguments(review)
    review.set_defaults(handler=cmd_review)

    evaluate = sub.add_parser(
        "eval",
        help="用已标注的报告评测评分方式与人工标注的一致性",
        description="用已标注的报告评测评分方式与人工标注的一致性。",
    )
    evaluate.add_argument("--cases", default="evals/cases", metavar="目录", help="评测用例目录（默认 evals/cases）")
    evaluate.add_argument(
        "--thresholds", default="evals/thresholds.yaml", metavar="文件", help="门槛文件（默认 evals/thresholds.yaml）"
    )
    evaluate.add_argument("--compare", metavar="评分方式", help="逗号分隔的多个评分方式并排对比，如 rules,llm")
    evaluate.add_argument(
        "--format",
        choices=["markdown", "json"],
        default="markdown",
        metavar="格式",
        help="输出格式：markdown（默认）或 json",
    )
    evaluate.add_argument("-o", "--output", metavar="输出文件", help="写入文件而不是标准输出")
    evaluate.add_argument(
        "--record", action="store_true", help="把 llm 评测结果另存到 evals/results/（便于跨时间比较）"
    )
    _scoring_arguments(evaluate)
    evaluate.set_defaults(handler=cmd_eval)

    suggest = sub.add_parser(
        "suggest",
        help="给报告撰写人的修改建议和改写稿（.docx 输入时生成带批注的副本）",
        description="给报告撰写人的修改建议和改写稿；.docx 输入时生成带批注的副本，原文件不改动。",
    )
    suggest.add_argument("path", metavar="报告文件", help="报告文件：.docx 或文本")
    suggest.add_argument(
        "-o",
        "--output",
        metavar="输出文件",
        help="输出文件（默认：原文件名加「-修改建议」，.docx 输入为带批注的 .docx，文本输入为 .md）",
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
    batch.add_argument("inputs", nargs="+", metavar="输入", help="报告文件、文件夹或通配符（如 '2023/*.docx'）")
    batch.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="输出文件夹",
        help="输出文件夹：每份报告的 JSON/HTML、summary.csv、summary.xlsx、index.html",
    )
    batch.add_argument(
        "--jobs",
        type=_INTEGER,
        default=None,
        metavar="并行数",
        help="并行数（默认为 CPU 核数；llm 评分时为并发请求数）",
    )
    _scoring_arguments(batch)
    batch.set_defaults(handler=cmd_batch)

    serve = sub.add_parser(
        "serve", help="启动浏览器中的审核工作台", description="启动审核工作台：上传、筛查、审核评分、导出审核意见。"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，仅本机；其他地址须设置令牌）"
    )
    serve.add_argument("--port", type=_INTEGER, default=8765, metavar="端口", help="端口（默认 8765）")
    serve.add_argument(
        "--data",
        default="reviewer-data",
        metavar="目录",
        help="数据目录：上传的报告、审阅结果和审核决定（默认 reviewer-data）",
    )
    serve.add_argument("--token", metavar="令牌", help="访问令牌（或环境变量 REVIEWER_TOKEN）；监听非本机地址时必需")
    serve.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="输入",
        help="启动时载入的报告文件或文件夹（可重复；已载入的不重复审阅）",
    )
    _scoring_arguments(serve)
    serve.set_defaults(handler=cmd_serve)

    rubrics = sub.add_parser("rubrics", help="列出可用的评分表", description="列出可用的评分表。")
    rubrics.set_defaults(handler=cmd_rubrics)
    return parser


def _scoring_arguments(parser: argparse.ArgumentParser) -> None:
    from .rubric import DEFAULT_RUBRIC

    parser.add_argument(
        "--rubric",
        default=DEFAULT_RUBRIC,
        metavar="评分表",
        help=f"评分表 id 或 YAML 文件路径（默认 {DEFAULT_RUBRIC}）",
    )
    parser.add_argument(
        "--scorer",
        choices=["rules", "llm"],
        default="rules",
        help="叙述部分的评分方式：rules（默认，离线）或 llm（需配置 OPENAI_BASE_URL / OPENAI_API_KEY）",
    )
    parser.add_argument("--model", metavar="模型", help="llm 评分使用的模型名（或环境变量 REVIEWER_MODEL）")
    parser.add_argument(
        "--base-url",
        metavar="地址",
        help="llm 评分的模型服务地址（或环境变量 OPENAI_BASE_URL）；未指定时不发送任何请求",
    )
    parser.add_argument(
        "--timeout", type=_SECONDS, default=None, metavar="秒", help="每次模型请求的总时限，秒（含连接与读取；默认 90）"
    )
    parser.add_argument(
        "--deadline",
        type=_SECONDS,
        default=None,
        metavar="秒",
        help="每份报告全部模型请求（含重试、重问）的总时限，秒（默认 300）",
    )
    parser.add_argument(
        "--samples",
        type=_INTEGER,
        default=None,
        metavar="次数",
        help="llm 抽取次数，取中位数；各次不一致时提示人工复核（默认 1）",
    )
    parser.add_argument(
        "--no-fallback", dest="fallback", action="store_false", help="llm 抽取失败时不回退到 rules，该项标为未评分"
    )
    parser.add_argument(
        "--evidence", metavar="文件", help="报告以外的佐证材料（YAML/JSON）：自评通知、工作小组、单位自查、报送日期"
    )


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
    if written.rubric_mismatch:
        print(f"注意：{written.rubric_mismatch}", file=sys.stderr)
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
