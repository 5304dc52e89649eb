"""Reading and checking the seed reports: seconds per report. Not part of the test suite.

Run: python benchmarks/bench_review.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from reviewer.checks import check_report
from reviewer.read import read_report
from reviewer.structure import analyse

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def timed(fn, repeat: int = 20) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    for path in sorted(DATA.glob("*.*")):
        read = timed(lambda p=path: read_report(p))
        structure = timed(lambda p=path: analyse(read_report(p))) - read
        report = analyse(read_report(path))
        checks = timed(lambda r=report: check_report(r))
        print(
            f"{path.name:32} read {read * 1000:7.1f} ms   structure {structure * 1000:6.1f} ms   "
            f"checks {checks * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main()
