"""Fault suite, batch: files that change, vanish, loop or have long names; folders that are shared, read-only
or full; a parent killed with -9; an endpoint that is down; hostile cell text. Real processes and files."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, SEED_000, SEED_004
from llm_stub import StubServer, error

from reviewer import batch
from reviewer.batch import CHANGED_SINCE, collect_inputs, run_batch
from reviewer.cli import EXIT_INPUT, EXIT_OK, main
from reviewer.files import remove_temporaries, write_atomically
from reviewer.llm_settings import LLMSettings
from reviewer.review import ReviewOptions

TEXT_000 = (DATA / f"{SEED_000}.txt").read_text("utf-8")
TEXT_004 = (DATA / f"{SEED_004}.txt").read_text("utf-8")
UNIT_000, UNIT_004 = "双牌县科技和工业信息化局", "岳阳市科学技术局"


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the rubric, lexicon and jieba once (workers forked later inherit them): cases time the batch."""
    from reviewer.review import review_path

    review_path(DATA / f"{SEED_000}.txt", ReviewOptions())


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class _Meddling(Executor):
    """Runs each job in a thread, doing something to the input files just before and just after it."""

    def __init__(self, before: Callable[[], None], after: Callable[[], None]) -> None:
        self._pool = ThreadPoolExecutor(1)
        self._before, self._after = before, after

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        def run() -> Any:
            self._before()
            try:
                return fn(*args, **kwargs)
            finally:
                self._after()

        return self._pool.submit(run)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_a_file_rewritten_during_the_batch_and_restored_is_never_shown_as_the_other_report(tmp_path: Path) -> None:
    report = tmp_path / "in" / "a.txt"
    report.parent.mkdir()
    report.write_text(TEXT_000, "utf-8")
    out = tmp_path / "out"
    meddle = _Meddling(lambda: report.write_text(TEXT_004, "utf-8"), lambda: report.write_text(TEXT_000, "utf-8"))
    rows, _ = run_batch([str(report)], out, ReviewOptions(), executor_factory=lambda jobs: meddle)
    assert rows[0].unit != UNIT_004  # what the worker read is not shown for what the file holds now
    assert rows[0].status == "error" and rows[0].message == CHANGED_SINCE
    rows, summary = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    assert rows[0].status == "ok" and rows[0].unit == UNIT_000 and summary.done == 1
    # And the other way round: the summary always follows the current content of the current inputs.
    report.write_text(TEXT_004, "utf-8")
    rows, _ = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    assert [r.unit for r in rows] == [UNIT_004] and [r["单位"] for r in _rows(out)] == [UNIT_004]


def test_a_file_deleted_mid_run_and_restored_is_retried(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text(TEXT_000, "utf-8")
    out = tmp_path / "out"
    report.unlink()
    rows, _ = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    assert rows[0].status == "error" and "不存在" in rows[0].message
    report.write_text(TEXT_000, "utf-8")
    rows, summary = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    assert rows[0].status == "ok" and summary.done == 1


def test_error_rows_are_retried_on_rerun(tmp_path: Path) -> None:
    broken = tmp_path / "in" / "b.docx"
    broken.parent.mkdir()
    broken.write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "out"
    run_batch([str(broken.parent)], out, ReviewOptions(), jobs=1)
    _, summary = run_batch([str(broken.parent)], out, ReviewOptions(), jobs=1)
    assert summary.done == 1 and summary.skipped == 0


def test_symlink_loops_are_neither_followed_nor_fatal(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "r.txt").write_text(TEXT_000, "utf-8")
    os.symlink("..", root / "a" / "b" / "up")  # a loop
    os.symlink("../..", root / "a" / "b" / "upup")  # a second loop
    os.symlink("self.docx", root / "self.docx")  # a link to itself
    os.symlink("a/b/r.txt", root / "alias.txt")  # the same file under another name
    start = time.monotonic()
    for given in ([str(root)], [f"{root}/**/*.txt", f"{root}/**/*.docx"], [str(root), f"{root}/**/*"]):
        found = collect_inputs(given)
        names = sorted(p.name for p in found)
        assert names.count("r.txt") + names.count("alias.txt") == 1, (given, names)
    assert time.monotonic() - start < 2
    out = tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    rows = _rows(out)
    assert len(rows) == 2 and {r["状态"] for r in rows} == {"正常", "无法读取"}


def test_a_legal_long_chinese_path_works_and_reruns(tmp_path: Path) -> None:
    folder = tmp_path / ("二〇二三年度部门整体支出绩效自评报告汇总材料第一批次" + "甲" * 9)
    name = "双牌县科技和工业信息化局二〇二三年度部门整体支出绩效自评报告定稿含附表" + "乙" * 10 + ".txt"
    assert len(folder.name.encode()) >= 94 and len(name.encode()) >= 137
    folder.mkdir()
    (folder / name).write_text(TEXT_000, "utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        rows, _summary = run_batch([str(folder)], out, ReviewOptions(), jobs=1)
        assert rows[0].status == "ok"
    assert all(len(p.name.encode()) <= 255 for p in out.rglob("*"))
    assert (out / rows[0].report_html).exists()


def test_an_unwritable_or_full_output_folder_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT_000, "utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    start = time.monotonic()
    assert main(["batch", str(inputs), "-o", str(blocker / "out")]) == EXIT_INPUT
    assert "无法写入输出文件夹" in capsys.readouterr().err
    if os.geteuid() != 0:  # root writes anywhere
        readonly = tmp_path / "ro"
        readonly.mkdir()
        readonly.chmod(stat.S_IRUSR | stat.S_IXUSR)
        assert main(["batch", str(inputs), "-o", str(readonly)]) == EXIT_INPUT
        assert "无法写入输出文件夹" in capsys.readouterr().err
    monkeypatch.setattr(batch, "BYTES_PER_REPORT", 10**16)  # as if the disk were full
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out)]) == EXIT_INPUT
    assert "只剩约" in capsys.readouterr().err and not (out / ".records").exists()
    assert time.monotonic() - start < 5


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(n) for n in text.split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
def test_a_second_batch_refuses_and_workers_die_with_a_killed_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(12):
        (inputs / f"r{n}.txt").write_text(TEXT_000 + f"\n（副本 {n}）\n", "utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "reviewer.cli", "batch", str(inputs), "-o", str(out), "--jobs", "2"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and not (workers and list((out / ".records").glob("*.json"))):
            workers = _children(first.pid)
            time.sleep(0.05)
        assert workers, "the batch started no workers"
        assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_INPUT
        err = capsys.readouterr().err
        assert "正被另一个批量任务使用" in err and f"进程 {first.pid}" in err
        first.kill()  # kill -9: no cleanup, the lock file stays behind
        first.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_running(w) for w in workers):
            time.sleep(0.05)
        assert not any(_running(w) for w in workers), "workers outlived their parent"
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(10)
        assert first.stderr is not None
        first.stderr.close()
    one = str(inputs / "r0.txt")
    assert main(["batch", one, "-o", str(out), "--jobs", "1"]) == EXIT_OK  # the stale lock is no obstacle
    assert [r["状态"] for r in _rows(out)] == ["正常"]


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer().start()
    yield server
    server.stop()


def test_with_the_endpoint_down_rows_say_so_and_a_rerun_asks_again(stub: StubServer, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "same-as-a.txt"):  # two identical reports: one key, no cache collision
        (inputs / name).write_text(TEXT_000, "utf-8")
    (inputs / "b.txt").write_text(TEXT_004, "utf-8")
    settings = LLMSettings(
        model="stub-model", base_url=stub.url, timeout=20, progress_every=0, cache_dir=tmp_path / "cache"
    )
    options = ReviewOptions(scorer="llm", llm=settings)
    stub.script(*[error(401, "endpoint down")] * 2)
    rows, summary = run_batch([str(inputs)], tmp_path / "out", options, jobs=2)
    assert len(stub.requests) == 2 and summary.llm_failures == 3 and len(rows) == 3
    for row in _rows(tmp_path / "out"):
        assert row["状态"] == "正常" and row["评分方式"] == "规则（模型 stub-model 评分失败后改用）"
        assert "模型评分失败" in row["说明"] and "401" in row["说明"]
    stub.script(*[error(401, "still down")] * 2)
    _rows_again, again = run_batch([str(inputs)], tmp_path / "out", options, jobs=2)
    assert len(stub.requests) == 4 and again.skipped == 0  # the failures were not cached as successes


def test_formula_cells_are_inert_and_links_follow_real_names(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = '=HYPERLINK("http://x.example","点我")'
    (inputs / "report.json.txt").write_text(TEXT_000.replace(UNIT_000, hostile), "utf-8")
    (inputs / "+cmd.txt").write_text(TEXT_004, "utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    units = {r["单位"] for r in _rows(out)}
    assert "'" + hostile in units
    assert all(not r["文件"].startswith(("=", "+", "-", "@")) for r in _rows(out))
    sheet = load_workbook(out / "summary.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert hostile in [c.value for c in cells]  # the text itself, as text
    index = (out / "index.html").read_text("utf-8")
    links = [part.split('"', 1)[0] for part in index.split('<a href="')[1:]]
    assert len(links) == 2 and all((out / link).exists() for link in links)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_outputs_get_the_users_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomically(tmp_path / "x.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.json").stat().st_mode) == 0o666 & ~umask


def test_an_interrupted_record_is_not_half_read(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text(TEXT_000, "utf-8")
    out = tmp_path / "out"
    rows, _ = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    record = next((out / ".records").glob("*.json"))
    record.write_text(record.read_text("utf-8")[:100], "utf-8")  # as a full disk might have left it
    rows, summary = run_batch([str(report)], out, ReviewOptions(), jobs=1)
    assert rows[0].status == "ok" and summary.done == 1
    json.loads(record.read_text("utf-8"))


def test_a_write_stopped_before_its_cleanup_leaves_nothing_after_the_batch(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ".x__000.html.ab12cd.tmp").write_text("half", encoding="utf-8")  # what a Ctrl-C can leave
    (reports / "x__000.html").write_text("<html></html>", encoding="utf-8")
    (reports / "notes.tmp").write_text("the user's", encoding="utf-8")  # not ours: not hidden
    remove_temporaries(reports)
    assert sorted(p.name for p in reports.iterdir()) == ["notes.tmp", "x__000.html"]
    remove_temporaries(tmp_path / "missing")  # no folder, nothing to do
