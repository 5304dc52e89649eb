"""Timing of reading and reviewing the seed reports, warm (imports, rubric and catalogues loaded).

    python benchmarks/bench_read.py [--profile]

Prints the median of several runs for: reading each seed .docx into the document model, a whole
review of it (read + analyse + checks + scoring), and, where LibreOffice is installed, a review of
the seed saved as .doc (conversion included) and of the seed as PDF, each with its ratio to the
.docx review. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reviewer.read import read_report
from reviewer.read.convert import soffice
from reviewer.review import review_path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SEEDS = ("000_d51c077ad127272f", "004_b49ffed0ca1fe29f")


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median CPU time of this process (steadier than wall-clock on a shared machine); conversions
    run in a LibreOffice child process, so those are timed by the wall clock instead."""
    action()  # warm
    times = []
    clock = time.perf_counter if action.__name__ == "wall" else time.process_time
    for _ in range(runs):
        started = clock()
        action()
        times.append(clock() - started)
    return statistics.median(times) * 1000


def main() -> None:
    if "--profile" in sys.argv:
        path = DATA / f"{SEEDS[1]}.docx"
        review_path(path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            review_path(path)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    for seed in SEEDS:
        docx = DATA / f"{seed}.docx"
        read = median_ms(lambda docx=docx: read_report(docx), 9)
        review = median_ms(lambda docx=docx: review_path(docx), 9)
        print(f"{seed}  read .docx {read:7.1f} ms   review .docx {review:7.1f} ms")
        pdf = DATA / f"{seed}.pdf"
        pdf_ms = median_ms(lambda pdf=pdf: review_path(pdf), 3)
        print(f"{seed}  review .pdf  {pdf_ms:7.1f} ms   ({pdf_ms / review:.0f}x the .docx review)")
        if soffice() is not None:
            doc = DATA / f"{seed}.doc"

            def wall(doc: Path = doc) -> object:
                return review_path(doc)

            doc_ms = median_ms(wall, 2)
            print(f"{seed}  review .doc  {doc_ms:7.1f} ms   ({doc_ms / review:.0f}x the .docx review, LibreOffice)")


if __name__ == "__main__":
    main()
