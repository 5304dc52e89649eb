from __future__ import annotations

import fcntl
import io
import os
import pickle
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from reviewer.read import read_report
from reviewer.structure import Report, analyse

DATA = Path(__file__).parent / "data"
SEED_000 = "000_d51c077ad127272f"
SEED_004 = "004_b49ffed0ca1fe29f"
SEEDS = (SEED_000, SEED_004)
T = TypeVar("T")


def seed_path(seed: str, fmt: str) -> Path:
    return DATA / f"{seed}.{fmt}"


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`reviewer ARGV` in this process: its exit code, stdout and stderr."""
    from reviewer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


_CACHE: dict[tuple[str, str], Report] = {}


def seed_report(seed: str, fmt: str) -> Report:
    key = (seed, fmt)
    if key not in _CACHE:
        _CACHE[key] = analyse(read_report(seed_path(seed, fmt)))
    return _CACHE[key]


def seed_score(seed: str) -> str:
    """The seed's total as the outputs write it (「50.5 / 70」), from the review itself: the narrative
    items move with the scoring conventions, and layout tests should not restate them."""
    from reviewer.review import ReviewOptions, review_report

    total = review_report(seed_report(seed, "docx"), ReviewOptions()).total
    assert total.points is not None and total.assessed_max_points is not None
    return f"{total.points:g} / {total.assessed_max_points:g}"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], T]) -> T:
    """A whole run (the eval, the seed batch) built once for the suite, not once per xdist worker: the first worker
    to ask builds it under a lock in the folder the workers share and pickles the result; the others wait and load
    it. (Grouping its tests on one worker with xdist_group stopped working: pytest 9.2 keeps a node's id where
    pytest-xdist 3.8 no longer rewrites it, so the groups were ignored and the eval was built on both workers.)
    `build` gets a folder of its own to write into."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    result = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if result.exists():
            built: T = pickle.loads(result.read_bytes())
            return built
        # A folder of its own each time: a build that failed in another worker leaves its half-written folder behind,
        # and this one then fails on its own error, not on that folder.
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=shared))
        built = build(folder)
        result.write_bytes(pickle.dumps(built))
        return built


@pytest.fixture(scope="session")
def seed_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seeds and one broken file reviewed once as a batch (tests/test_batch_*.py); the output folder, which the
    tests only read."""
    from reviewer.cli import EXIT_OK, main

    def build(folder: Path) -> Path:
        inbox = folder / "inbox"
        inbox.mkdir()
        for seed in SEEDS:
            shutil.copy(seed_path(seed, "docx"), inbox / f"{seed}.docx")
        (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
        out = folder / "out"
        assert main(["batch", str(inbox), "-o", str(out), "--jobs", "1"]) == EXIT_OK
        return out

    return built_once(tmp_path_factory, "seed-batch", build)


@dataclass
class Quoted:
    """One case's quoted evidence, (item id, quote), beside its report's text with whitespace removed."""

    case: str
    evidence: list[tuple[str, str]]
    source: str


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="session")
def whole_eval(tmp_path_factory: pytest.TempPathFactory):
    """One run of the whole eval (both splits, the thresholds' gate) that also keeps every item's quoted evidence:
    the suite's slowest step, shared by the gate, the evidence check and the eval golden. Returns the report, the
    seconds it took and the quotes."""
    from reviewer.evaluation import default_reviewer, evaluate, load_thresholds
    from reviewer.review import ReviewOptions, ReviewResult

    root = Path(__file__).parent.parent

    def build(_: Path):
        quoted: list[Quoted] = []

        def recording(path: Path, options: ReviewOptions) -> ReviewResult:
            result = default_reviewer(path, options)
            evidence = [(item.id, quote) for item in result.items for quote in item.evidence]
            quoted.append(Quoted(path.name, evidence, squash(read_report(path).full_text())))
            return result

        start = time.perf_counter()
        thresholds = load_thresholds(root / "evals" / "thresholds.yaml")
        report = evaluate(root / "evals" / "cases", ReviewOptions(), reviewer=recording, thresholds=thresholds)
        return report, time.perf_counter() - start, quoted

    return built_once(tmp_path_factory, "whole-eval", build)
