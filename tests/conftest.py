from __future__ import annotations

import io
import re
import shutil
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer.read import read_report
from reviewer.structure import Report, analyse

DATA = Path(__file__).parent / "data"
SEED_000 = "000_d51c077ad127272f"
SEED_004 = "004_b49ffed0ca1fe29f"
SEEDS = (SEED_000, SEED_004)


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


@pytest.fixture(scope="session")
def seed_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seeds and one broken file reviewed once as a batch (tests/test_batch_*.py); the output folder."""
    from reviewer.cli import EXIT_OK, main

    folder = tmp_path_factory.mktemp("seed-batch")
    inbox = folder / "inbox"
    inbox.mkdir()
    for seed in SEEDS:
        shutil.copy(seed_path(seed, "docx"), inbox / f"{seed}.docx")
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = folder / "out"
    assert main(["batch", str(inbox), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    return out


@dataclass
class Quoted:
    """One case's quoted evidence, (item id, quote), beside its report's text with whitespace removed."""

    case: str
    evidence: list[tuple[str, str]]
    source: str


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="session")
def whole_eval():
    """One run of the whole eval (both splits, the thresholds' gate) that also keeps every item's quoted evidence:
    the suite's slowest step, shared by the gate, the evidence check and the eval golden. Returns the report, the
    seconds it took and the quotes."""
    from reviewer.evaluation import default_reviewer, evaluate, load_thresholds
    from reviewer.review import ReviewOptions, ReviewResult

    root = Path(__file__).parent.parent
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


# Session fixtures that are whole runs (the eval, the seed batch) are built once per xdist worker: the tests that
# share one go to the same worker (`--dist loadgroup` in pyproject), so each is built once for the suite.
_SHARED_RUNS = ("whole_eval", "seed_batch")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        shared = [name for name in _SHARED_RUNS if name in getattr(item, "fixturenames", ())]
        if shared:
            item.add_marker(pytest.mark.xdist_group(shared[0]))
