from __future__ import annotations

import fcntl
import hashlib
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

from reviewer.evaluation import EvalCase
from reviewer.read import read_report
from reviewer.review import ReviewResult
from reviewer.structure import Report, analyse
from reviewer.suggest import SuggestResult

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
    """A whole run (the seed batch) built once for the suite, not once per xdist worker: the first worker to ask
    builds it and the others wait and load it (built_in_parts, in one part). (Grouping its tests on one worker with
    xdist_group stopped working: pytest 9.2 keeps a node's id where pytest-xdist 3.8 no longer rewrites it, so the
    groups were ignored and the run was built on both workers.) `build` gets a folder of its own to write into."""
    return built_in_parts(tmp_path_factory, name, 1, lambda _, folder: build(folder))[0]


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


def built_in_parts(
    tmp_path_factory: pytest.TempPathFactory, name: str, parts: int, build: Callable[[int, Path], T]
) -> list[T]:
    """`parts` pieces of one run shared by the xdist workers that need it: each worker first builds the pieces no
    one has taken (a lock it does not wait for), then waits for the ones others are building, and loads what they
    pickled in the workers' shared folder. Two workers that ask at once split the run between them instead of one
    waiting for the other, which left a core idle for two minutes of the suite's five. `build` gets the part's
    number and a folder of its own to write into."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent

    def take(part: int, wait: bool) -> list[T]:
        with open(shared / f"{name}-{part}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return []
            result = shared / f"{name}-{part}.pickle"
            if result.exists():
                loaded: T = pickle.loads(result.read_bytes())
                return [loaded]
            # A folder of its own each time: a build that failed in another worker leaves its half-written folder
            # behind, and this one then fails on its own error, not on that folder.
            built = build(part, Path(tempfile.mkdtemp(prefix=f"{name}-{part}-", dir=shared)))
            result.write_bytes(pickle.dumps(built))
            return [built]

    taken = {part: take(part, wait=False) for part in range(parts)}
    return [(taken[part] or take(part, wait=True))[0] for part in range(parts)]


@dataclass
class CaseRun:
    """One eval case run once for the suite: its review (what `reviewer eval` scores), its quoted evidence beside the
    report's text, and, for the cases the suggestion tests read, the analysed report with its suggestions (whose
    review is the same review). `digest` names the materialised report file, which is how the eval finds the run."""

    case: str
    digest: str
    review: ReviewResult | None
    error: Exception | None
    quoted: Quoted
    seconds: float
    suggested: tuple[Report, SuggestResult] | None


EVAL_CASES = Path(__file__).parent.parent / "evals" / "cases"
_PARTS = 12


def _narrative_only(case: EvalCase) -> bool:
    """A recipe that rewrites nothing but the 问题/措施 sections of a seed report."""
    edits = case.recipe.edits if case.recipe else []
    return bool(edits) and all(getattr(edit, "section", None) in ("problems", "measures") for edit in edits)


def _run_case(case_path: Path, case: EvalCase, workdir: Path, suggest: bool) -> CaseRun:
    from reviewer.evaluation import materialise
    from reviewer.review import ReviewOptions, review_report
    from reviewer.suggest import make_suggestions

    path = materialise(case_path, case, workdir)
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    start = time.perf_counter()
    try:
        read = read_report(path)
        report = analyse(read)
        suggestions = make_suggestions(report, ReviewOptions()) if suggest else None
        review = suggestions.review if suggestions is not None else review_report(report, ReviewOptions())
    except Exception as exc:  # the eval records a case that cannot run; so does the run shared with it
        quoted = Quoted(case.id, [], "")
        return CaseRun(case.id, digest, None, exc, quoted, time.perf_counter() - start, None)
    seconds = time.perf_counter() - start
    evidence = [(item.id, quote) for item in review.items for quote in item.evidence]
    quoted = Quoted(case.id, evidence, squash(read.full_text()))
    suggested = (report, suggestions) if suggestions is not None else None
    return CaseRun(case.id, digest, review, None, quoted, seconds, suggested)


@pytest.fixture(scope="session")
def eval_runs(tmp_path_factory: pytest.TempPathFactory) -> list[CaseRun]:
    """Every eval case run once for the suite, shared by the workers in parts (built_in_parts): the suite's slowest
    step, read by the eval's gate and golden, the evidence check and the suggestion tests."""
    from reviewer.evaluation import load_split_cases

    # The suggestion tests read every dev case (seeds and their hostile variants) but only every other one that
    # rewrites nothing but a seed's 问题/措施 sections: their tables are the seed's, so their figure corrections repeat
    # it, and half of them (over 450 sections by some fifty writers) still exercise the rewrites. Held-out cases are
    # scored by the eval only.
    cases = []
    narrative_only_seen = 0
    for split, path, case in load_split_cases(EVAL_CASES):
        narrative_only = split == "dev" and _narrative_only(case)
        suggest = split == "dev" and (not narrative_only or narrative_only_seen % 2 == 1)
        narrative_only_seen += narrative_only
        cases.append((path, case, suggest))

    def build(part: int, workdir: Path) -> list[CaseRun]:
        return [_run_case(path, case, workdir, suggest) for path, case, suggest in cases[part::_PARTS]]

    return [run for part in built_in_parts(tmp_path_factory, "eval-runs", _PARTS, build) for run in part]


@pytest.fixture(scope="session")
def whole_eval(eval_runs: list[CaseRun]):
    """The whole eval (both splits, the thresholds' gate) over the shared runs. Returns the report, the seconds its
    reviews took (read, analyse and review of the cases that ran nothing more) and the quoted evidence."""
    from reviewer.evaluation import evaluate, load_thresholds
    from reviewer.review import ReviewOptions

    by_digest = {run.digest: run for run in eval_runs}

    def recorded(path: Path, options: ReviewOptions) -> ReviewResult:
        run = by_digest[hashlib.sha1(path.read_bytes()).hexdigest()]
        if run.error is not None:
            raise run.error
        assert run.review is not None
        return run.review

    thresholds = load_thresholds(EVAL_CASES.parent / "thresholds.yaml")
    report = evaluate(EVAL_CASES, ReviewOptions(), reviewer=recorded, thresholds=thresholds)
    reviewed_only = [run.seconds for run in eval_runs if run.suggested is None and run.error is None]
    seconds_per_case = sum(reviewed_only) / max(len(reviewed_only), 1)
    return report, seconds_per_case, [run.quoted for run in eval_runs if run.error is None]
