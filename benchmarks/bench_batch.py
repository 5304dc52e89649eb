"""Batch throughput offline, and LLM concurrency against the local stub. Not part of the test suite.

Run: python benchmarks/bench_batch.py [N]
1. Generates N variants of the seed reports (plus a few broken files), times one `reviewer review` from
   the command line (start-up included), then `reviewer batch` over all of them, then a rerun.
2. Starts the local OpenAI-compatible stub with a fixed latency and times the llm scorer over a few
   reports at concurrency 1, 2, 4 and 8.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT / "tests"))

from llm_stub import StubServer, chat  # noqa: E402

SEEDS = ("000_d51c077ad127272f", "004_b49ffed0ca1fe29f")


def make_reports(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    texts = {seed: (DATA / f"{seed}.txt").read_text("utf-8") for seed in SEEDS}
    docx = {seed: (DATA / f"{seed}.docx").read_bytes() for seed in SEEDS}
    for n in range(count):
        seed = SEEDS[n % 2]
        if n % 4 < 2:
            (folder / f"r{n:04d}.txt").write_text(texts[seed] + f"\n（第 {n} 份）\n", encoding="utf-8")
        else:
            (folder / f"r{n:04d}.docx").write_bytes(docx[seed] + f"{n}".encode())  # trailing bytes: new content
    (folder / "empty.docx").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (folder / "broken.docx").write_bytes(docx[SEEDS[0]][:3000])


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start


def offline(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        make_reports(folder, count)
        reviewer = [sys.executable, "-m", "reviewer.cli"]
        one = min(timed([*reviewer, "review", str(DATA / f"{SEEDS[0]}.docx")]) for _ in range(3))
        first = timed([*reviewer, "batch", str(folder), "-o", str(out)])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rerun = timed([*reviewer, "batch", str(folder), "-o", str(out)])
        rows = (out / "summary.csv").read_text("utf-8-sig").count("\n") - 1
        cores = os.cpu_count() or 1
        print(f"one review from the command line: {one:.2f} s")
        print(
            f"batch of {count} reports + 3 broken on {cores} cores: {first:.2f} s "
            f"({count / first:.1f} reports/s, {count / first / cores:.1f} reports/s/core), rows: {rows}"
        )
        print(f"  ratio batch/one review: {first / one:.1f}x   peak RSS of a process: {peak:.0f} MiB")
        print(f"rerun (everything done): {rerun:.2f} s = {rerun / first:.0%} of the first run")


def llm_concurrency(reports: int = 8, latency: float = 0.3) -> None:
    from reviewer.batch import run_batch
    from reviewer.llm_settings import LLMSettings
    from reviewer.review import ReviewOptions

    valid = {"problems": [], "measures": []}
    stub = StubServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            make_reports(folder, reports)
            for path in folder.glob("*.docx"):
                if path.stat().st_size < 5000:
                    path.unlink()
            (folder / "old.doc").unlink()
            for jobs in (1, 2, 4, 8):
                replies = [chat(valid)] * 100
                for reply in replies:
                    reply.delay = latency
                stub.replies.clear()
                stub.script(*replies)
                settings = LLMSettings(model="stub", base_url=stub.url, api_key="x", cache_dir=None)
                options = ReviewOptions(scorer="llm", llm=settings)
                start = time.perf_counter()
                run_batch([str(folder)], Path(tmp) / f"out{jobs}", options, jobs=jobs)
                print(
                    f"llm scorer, {reports} reports, stub latency {latency}s, concurrency {jobs}: "
                    f"{time.perf_counter() - start:.2f} s"
                )
    finally:
        stub.stop()


if __name__ == "__main__":
    offline(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    llm_concurrency()
    print(json.dumps({"python": sys.version.split()[0]}))
