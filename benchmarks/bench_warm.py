"""Warm review of each seed .docx, stage by stage: what `reviewer review FILE` costs once the process is warm.

    python benchmarks/bench_warm.py [--runs 60] [--save-baseline] [--profile]

"Warm" is the second and later call in one process (imports done, rubric, catalogues and templates
loaded), with the rules scorer and text output, as in `reviewer review` and in every batch worker
after its first report. The stages are those of `review_path` + `render`:

    read     read_report(path)                      .docx -> Document
    analyse  analyse(document)                      Document -> Report
    checks   check_report(report, rubric.checks)
    score    rules extraction, item scores, ReviewResult
    render   render(result, "text")
    total    review_path(path) + render(result, "text"), timed as one call (not the sum)
    unseen   the same with the per-process memos of report content emptied before each run (the parsed
             styles part, jieba's segmentation of each narrative text): a report never seen before, made
             from a template never seen before; `total` is a report from a template seen before

For each stage the minimum and median over --runs runs, wall clock and CPU time of this process
(`time.process_time`, steadier on a shared machine). `--save-baseline` records the figures in
benchmarks/warm_baseline.json; later runs print the baseline's CPU min and median beside their own and the
speed-up of each (the minimum is the figure least disturbed by other work on the machine). To record the
baseline of another commit: `git archive <commit> | tar -x -C /tmp/base` and run this script with
`PYTHONPATH=/tmp/base --save-baseline`.
`--profile` prints cProfile's top functions of 20 warm reviews instead. Not a test: timings depend on
the machine and its load.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import reviewer
from reviewer.checks import check_report
from reviewer.read import read_report
from reviewer.render import render
from reviewer.review import ReviewOptions, build_result, review_path
from reviewer.rubric import load_rubric
from reviewer.scoring import rules
from reviewer.scoring.engine import score_items
from reviewer.scoring.items import RULES
from reviewer.scoring.rules import extract_rules
from reviewer.structure import analyse
from reviewer.wordfile import reading

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data"
SEEDS = ("000_d51c077ad127272f", "004_b49ffed0ca1fe29f")
BASELINE = HERE / "warm_baseline.json"
# Per-process memos of report content, where the code measured has them (a baseline may predate them).
MEMOS = [
    getattr(module, name) for module, name in ((reading, "_styles_of"), (rules, "_segmented")) if hasattr(module, name)
]
STAGES = ("read", "analyse", "checks", "score", "render", "total", "unseen")


def stage_actions(path: Path) -> dict[str, Callable[[], object]]:
    """One callable per stage, each fed the previous stage's output computed once beforehand."""
    options = ReviewOptions()
    rubric = load_rubric(options.rubric)
    document = read_report(path)
    report = analyse(document)
    checks = check_report(report, rubric.checks)
    result = build_result(report, checks, score_items(report, checks, rubric, extract_rules(report), RULES), rubric)
    if render(result, "text") != render(review_path(path, options), "text"):
        raise SystemExit("the staged review differs from review_path: the benchmark no longer measures the tool")

    def unseen() -> object:
        for memo in MEMOS:
            memo.cache_clear()
        return render(review_path(path, options), "text")

    def score() -> object:
        items = score_items(report, checks, load_rubric(options.rubric), extract_rules(report), RULES)
        return build_result(report, checks, items, rubric)

    return {
        "read": lambda: read_report(path),
        "analyse": lambda: analyse(document),
        "checks": lambda: check_report(report, load_rubric(options.rubric).checks),
        "score": score,
        "render": lambda: render(result, "text"),
        "total": lambda: render(review_path(path, options), "text"),
        "unseen": unseen,
    }


def measure(action: Callable[[], object], runs: int) -> dict[str, float]:
    """Minimum and median milliseconds, wall clock and CPU time, after two warm-up calls."""
    action()
    action()
    wall, cpu = [], []
    for _ in range(runs):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        action()
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
    return {
        "wall_min": min(wall) * 1000,
        "wall_median": statistics.median(wall) * 1000,
        "cpu_min": min(cpu) * 1000,
        "cpu_median": statistics.median(cpu) * 1000,
    }


def ratio(now: float, before: float | None) -> str:
    return f"{before / now:5.1f}x" if before else "     "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=60, help="timed runs per stage (default 60)")
    parser.add_argument("--save-baseline", action="store_true", help=f"record the figures in {BASELINE.name}")
    parser.add_argument("--profile", action="store_true", help="cProfile 20 warm reviews of seed 004")
    args = parser.parse_args()

    if args.profile:
        path = DATA / f"{SEEDS[1]}.docx"
        total = stage_actions(path)["total"]
        total()
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(20):
            total()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
        return

    baseline = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() and not args.save_baseline else {}
    figures: dict[str, dict[str, dict[str, float]]] = {}
    print(f"warm review by {Path(reviewer.__file__).parent}, {args.runs} runs per stage")
    print("ms: wall min / median, CPU min / median", end="")
    print("; before: the baseline's CPU min / median and the speed-up of each" if baseline else "")
    for seed in SEEDS:
        actions = stage_actions(DATA / f"{seed}.docx")
        figures[seed] = {}
        print(seed)
        for stage in STAGES:
            f = figures[seed][stage] = measure(actions[stage], args.runs)
            before = baseline.get(seed, {}).get(stage)
            print(
                f"  {stage:8} wall {f['wall_min']:6.1f} / {f['wall_median']:6.1f}"
                f"   cpu {f['cpu_min']:6.1f} / {f['cpu_median']:6.1f}"
                + (
                    f"   before cpu {before['cpu_min']:6.1f} / {before['cpu_median']:6.1f}"
                    f"  {ratio(f['cpu_min'], before['cpu_min'])} / {ratio(f['cpu_median'], before['cpu_median'])}"
                    if before
                    else ""
                )
            )
    if args.save_baseline:
        BASELINE.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
        print(f"saved {BASELINE.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
