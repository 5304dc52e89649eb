"""Batch pre-screening: a folder of reports in one command, ranked, resumable, nothing lost.

Each input is reviewed in a worker process; its result is written atomically as soon as it is done,
under a key made of the content the worker actually read and the review options, so that a rerun
(after Ctrl-C, a kill, a crash or new files) skips what is done and redoes what changed, what failed
and what the model could not score. The summary is rebuilt every time from the records of the current
inputs' current content. One broken file is one error row; one output folder serves one batch at a time.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .errors import ReviewerError
from .files import remove_temporaries, write_atomically
from .quotes import display_width
from .read import READ_SUFFIXES
from .render import render, render_template
from .review import ReviewOptions, ReviewResult, review_path
from .rubric import Rubric, load_rubric
from .verdict import verdict_of

# A folder's files of the reader's formats (reviewer.read.READ_SUFFIXES) are reviewed; a file that cannot
# be read (no LibreOffice, scanned PDF, damaged) and a file of any other type become rows that say why.
_GLOB_CHARS = set("*?[")
NAME_BYTES = 80  # per-report output names: the input's path, cut to this many bytes, then its key
BYTES_PER_REPORT = 400_000  # free space asked of the output folder per report to do (JSON + HTML, generous)
LOCK_NAME = ".batch.lock"


BatchStatus = Literal["ok", "error", "not_a_report"]
# How the summaries for people name each status (the per-report JSON keeps the ids).
STATUS_NAMES: dict[BatchStatus, str] = {"ok": "正常", "error": "无法读取", "not_a_report": "不是绩效自评报告"}


class OutputFolderError(ReviewerError):
    """The output folder cannot take this batch: not writable, too little space, or in use by another batch."""


class BatchRecord(BaseModel):
    """What a worker returns for one file, stored as it is done: the review, or why there is none."""

    model_config = ConfigDict(extra="forbid")

    status: BatchStatus
    result: ReviewResult | None = None
    message: str = ""  # why the file could not be reviewed, in Chinese
    # The key of the content the worker read; None when the file changed while it was read (not stored).
    key: str | None = None


class StoredRecord(BatchRecord):
    """A record on disk, with the file it was made from and the name of its per-report outputs."""

    file: str
    name: str


class BatchRow(BaseModel):
    """One input file's line in the summary."""

    model_config = ConfigDict(extra="forbid")

    file: str
    status: BatchStatus
    unit: str = ""
    year: int | None = None
    total_points: float | None = None
    assessed_max_points: float | None = None  # the full points of the items that were scored
    # Root causes (reviewer.checks.causes): findings that one wrong cell explains count once.
    errors: int = 0
    warnings: int = 0
    items: dict[str, float | None] = Field(default_factory=dict)
    scorer: str = ""  # what really scored the narrative items, in Chinese: 规则, 模型 X, or 规则 after a named failure
    llm_error: str = ""  # why the model could not score, when it could not
    # Scored with a rubric for another kind of report (rubric_mismatch): its score is not comparable.
    reference_only: bool = False
    message: str = ""
    report: str = ""  # the per-report JSON, relative to the output folder
    report_html: str = ""  # the per-report HTML, relative to the output folder
    key: str = ""


class BatchSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done: int
    errors: int
    skipped: int
    seconds: float
    interrupted: bool = False
    llm_failures: int = 0


# ------------------------------------------------------------------------------------------- inputs


def _identity(path: Path) -> Path:
    """The file a path really names (symlinks resolved); a looping link is its own absolute path."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk(folder: Path) -> Iterator[Path]:
    """Every file under a folder, symlinked folders not followed (a loop can neither repeat nor hang)."""
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            yield Path(root) / name


def _glob(pattern: str) -> list[Path]:
    """A glob (`**` included) that, like the folder walk, never follows a symlinked folder."""
    parts = Path(pattern).parts
    first = next((n for n, part in enumerate(parts) if _GLOB_CHARS & set(part)), len(parts))
    base = Path(*parts[:first]) if first else Path(".")
    rest = "/".join(parts[first:])
    if not rest or not base.is_dir():
        return [base] if base.exists() else []
    try:
        return sorted(base.glob(rest))
    except (OSError, ValueError):
        return []


def collect_inputs(inputs: Iterable[str], exclude: Path | None = None) -> list[Path]:
    """Files, folders (recursive) and globs; every readable type in a folder, any file named directly.

    De-duplicated by the file each path really names; symlinked folders are not followed.
    """
    return [path for path, readable in _collect(inputs, exclude) if readable]


def _collect(inputs: Iterable[str], exclude: Path | None = None) -> list[tuple[Path, bool]]:
    """Every input file, and whether it is to be read: a folder's files of other types are listed, not read."""
    found: dict[Path, tuple[Path, bool]] = {}
    excluded = _identity(exclude) if exclude else None
    for item in inputs:
        if _GLOB_CHARS & set(item):
            candidates = [(p, True) for p in _glob(item)]
        elif Path(item).is_dir():
            candidates = [(p, p.suffix.lower() in READ_SUFFIXES) for p in _walk(Path(item))]
        else:
            candidates = [(Path(item), True)]
        for path, readable in candidates:
            if path.name.startswith(("~$", ".")) or path.is_dir():
                continue  # Word's lock files and hidden files are not reports
            identity = _identity(path)
            if excluded and (identity == excluded or excluded in identity.parents):
                continue
            if readable or identity not in found:
                found[identity] = (path, readable)
    return list(found.values())


def unsupported_message(path: Path) -> str:
    """The row of a folder's file that is no report format: said, never dropped."""
    kinds = "、".join(READ_SUFFIXES)
    return f"不支持的格式（{path.suffix or '无扩展名'}），未审阅；可审阅的格式：{kinds}"


def options_fingerprint(options: ReviewOptions) -> str:
    data = options.model_dump(mode="json", exclude={"llm": {"api_key", "progress_every"}})
    return f"{__version__}:{json.dumps(data, sort_keys=True, ensure_ascii=False)}"


def file_key(path: Path, fingerprint: str) -> str:
    """Content and options: a changed file is redone, a file restored to its old bytes finds its old record."""
    digest = hashlib.sha256(f"{fingerprint}\x1f".encode())
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        # Unreadable: still one row, reported by the worker; keyed by the path and why, retried on rerun.
        digest.update(f"\x1funreadable\x1f{path}\x1f{type(exc).__name__}".encode())
    return digest.hexdigest()[:20]


# ------------------------------------------------------------------------------------------ workers


def _die_with_parent(parent: int) -> None:
    """A worker ends when the batch does, even after `kill -9` of the batch."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    start_ppid = os.getppid()  # the batch, or a fork server that lives as long as it does

    def watch() -> None:  # everywhere, and in case the parent died before prctl took effect
        while True:
            if os.getppid() != start_ppid or start_ppid == 1 or not _alive(parent):
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker_init(parent: int, lock_fd: int | None) -> None:
    # Ctrl-C reaches the whole process group; only the parent handles it, so that it can stop cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    if lock_fd is not None:  # a forked worker must not keep the folder locked after the batch ends
        with contextlib.suppress(OSError):
            os.close(lock_fd)


_held_locks: list[int] = []  # the batch lock's descriptor while a batch runs in this process


def _process_pool(jobs: int) -> Executor:
    context = multiprocessing.get_context()
    # Only a forked worker inherits the lock's descriptor (under the same number) and must close it.
    lock_fd = _held_locks[-1] if _held_locks and context.get_start_method() == "fork" else None
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(), lock_fd)
    )


def _thread_pool(jobs: int) -> Executor:
    return ThreadPoolExecutor(max_workers=jobs)


def review_one(path: str, options_json: str, fingerprint: str = "") -> BatchRecord:
    """Worker: review one file; never raises (a broken file is a row, not a crash).

    The content is keyed before and after reading: a file that changed meanwhile is reported, not stored.
    """
    options = ReviewOptions.model_validate_json(options_json)
    before = file_key(Path(path), fingerprint)
    try:
        result = review_path(path, options)
        if result.status == "not_a_report":
            reason = f"不是绩效自评报告：{result.status_reason}"
            record = BatchRecord(status="not_a_report", result=result, message=reason)
        else:
            record = BatchRecord(status="ok", result=result)
    except ReviewerError as exc:
        record = BatchRecord(status="error", message=str(exc))
    except Exception as exc:  # a bug on one odd file must not cost the other 199
        record = BatchRecord(status="error", message=f"内部错误（{type(exc).__name__}: {exc}），请反馈给开发者")
    if file_key(Path(path), fingerprint) != before:
        return BatchRecord(status="error", message=CHANGED_WHILE_READ)
    record.key = before
    return record


CHANGED_WHILE_READ = "文件在审阅过程中被改动，本次结果未保存；文件不再改动后重新运行即可"
CHANGED_SINCE = "文件在本次运行中被改动，尚未按当前内容审阅；重新运行即可"


def output_name(path: Path, key: str) -> str:
    """A safe, length-bounded name for a report's outputs: the path's characters, cut, then the key."""
    text = str(path).replace(os.sep, "__").replace(":", "")
    stem = text.rsplit(".", 1)[0] if "." in path.name else text
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    cut = safe.encode("utf-8")[:NAME_BYTES].decode("utf-8", errors="ignore")
    return f"{cut}-{key[:8]}"


def scorer_of(result: ReviewResult) -> str:
    """What really scored the narrative, for people: the model, or the rules (after a named model failure)."""
    refs = [i.scorer_ref for i in result.items if i.scorer_ref is not None and i.scorer_ref.kind != "evidence"]
    chosen = next((r for r in refs if r.kind == "llm" or r.fell_back_from), refs[0] if refs else None)
    if chosen is None:
        return ""
    if chosen.fell_back_from:
        return f"规则（模型 {chosen.fell_back_from} 评分失败后改用）"
    return f"模型 {chosen.model}" if chosen.kind == "llm" else "规则"


def row_from(path: Path, key: str, record: BatchRecord, report_name: str) -> BatchRow:
    result = record.result
    if record.status == "not_a_report":  # flagged and sorted with the unreadable files
        return BatchRow(file=str(path), status="not_a_report", message=record.message, key=key)
    if record.status != "ok" or result is None:
        return BatchRow(file=str(path), status="error", message=record.message, key=key)
    # One count per root cause, counted and ranked as the review's own verdict line does.
    verdict = verdict_of(result)
    serious = verdict.worst.finding if verdict.worst and verdict.worst.severity != "info" else None
    mismatch = result.rubric_mismatch.message if result.rubric_mismatch else ""  # the score needs it said first
    return BatchRow(
        file=str(path),
        status="ok",
        unit=result.document.unit,
        year=result.document.year,
        total_points=result.total.points,
        assessed_max_points=result.total.assessed_max_points if result.total.points is not None else None,
        errors=verdict.errors,
        warnings=verdict.warnings,
        items={i.id: i.points for i in result.items},
        scorer=scorer_of(result),
        llm_error=(result.llm_usage.error or "") if result.llm_usage else "",
        reference_only=result.rubric_mismatch is not None,
        message="。".join(m for m in (mismatch, serious.message if serious else "") if m),
        report=f"reports/{report_name}.json" if report_name else "",
        report_html=f"reports/{report_name}.html" if report_name else "",
        key=key,
    )


def is_done(record: BatchRecord) -> bool:
    """A record a rerun keeps: reviewed, and scored by the scorer asked for (an llm failure is retried)."""
    return record.status == "ok" and not (record.result and record.result.llm_usage and record.result.llm_usage.error)


def attention_order(rows: list[BatchRow]) -> list[BatchRow]:
    """Unreadable files first, then the most errors, then the most warnings, then the lowest score; reports
    scored with a rubric for another kind come after all comparable ones (their score is for reference)."""
    return sorted(
        rows,
        key=lambda r: (
            r.status == "ok",
            r.reference_only,
            -r.errors,
            -r.warnings,
            r.total_points if r.total_points is not None else -1.0,
            r.file,
        ),
    )


class Progress:
    """A progress line on stderr: counts and an estimate of the time left."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.start = total, time.monotonic()
        self.stream = stream or sys.stderr  # looked up now: the caller may have redirected stderr
        self.done = self.errors = 0
        self.tty = self.stream.isatty()
        self._last_line = 0.0

    def update(self, ok: bool) -> None:
        self.done += 1
        self.errors += not ok
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        line = (
            f"[{'=' * filled}{' ' * (width - filled)}] {self.done}/{self.total}  成功 {self.done - self.errors}"
            f"  失败 {self.errors}  剩余约 {int(left // 60):02d}:{int(left % 60):02d}"
        )
        if self.tty:
            self.stream.write("\r" + line)
            self.stream.flush()
        elif time.monotonic() - self._last_line > 5 or self.done == self.total:
            self.stream.write(line + "\n")
            self._last_line = time.monotonic()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def run_batch(
    inputs: list[str],
    outdir: Path,
    options: ReviewOptions,
    jobs: int | None = None,
    progress: Progress | None = None,
    executor_factory: Callable[[int], Executor] | None = None,
) -> tuple[list[BatchRow], BatchSummary]:
    """Review every input into `outdir`; raises OutputFolderError before any work when the folder cannot take it."""
    start = time.monotonic()
    collected = _collect(inputs, exclude=outdir)
    files = [path for path, _ in collected]
    unsupported = {path for path, readable in collected if not readable}
    with batch_lock(outdir):
        records_dir = outdir / ".records"
        fingerprint = options_fingerprint(options)

        def keyed_by(path: Path) -> str:
            # A file listed as unsupported has a record of its own, even beside a readable copy of its bytes.
            return f"{fingerprint}\x1funsupported" if path in unsupported else fingerprint

        keyed = [(path, file_key(path, keyed_by(path))) for path in files]
        stored = {key: _load(records_dir / f"{key}.json") for _, key in keyed}
        done_keys = {key for key, record in stored.items() if record is not None and is_done(record)}
        todo = list({key: (path, key) for path, key in keyed if key not in done_keys}.values())
        probe_output_folder(outdir, len(todo))
        skipped = sum(key in done_keys for _, key in keyed)
        progress = progress or Progress(len(todo))
        jobs = max(1, jobs or os.cpu_count() or 1)
        # LLM calls wait on the network, not the CPU: threads bounded by --jobs are the concurrency limit.
        factory = executor_factory or (_thread_pool if options.scorer == "llm" else _process_pool)
        interrupted = False
        failed_write: OSError | None = None
        options_json = options.model_dump_json()
        attempted: set[Path] = set()
        executor = factory(jobs)
        try:
            for path, key in todo:
                if path in unsupported:
                    message = unsupported_message(path)
                    _store(outdir, path, BatchRecord(status="error", message=message, key=key))
                    attempted.add(path)
            futures: dict[Future[BatchRecord], Path] = {
                executor.submit(review_one, str(path), options_json, fingerprint): path
                for path, _ in todo
                if path not in unsupported
            }
            for future in as_completed(futures):
                record = future.result()
                attempted.add(futures[future])
                try:
                    _store(outdir, futures[future], record)
                except OSError as exc:
                    failed_write = exc
                    executor.shutdown(wait=False, cancel_futures=True)
                    break
                progress.update(record.status == "ok")
        except KeyboardInterrupt:
            interrupted = True
            executor.shutdown(wait=False, cancel_futures=True)
        finally:
            progress.close()
            if not interrupted:
                executor.shutdown(wait=True)
            # A Ctrl-C in the middle of a write may leave its temporary file: nothing half-written stays.
            for folder in (outdir / "reports", outdir / ".records"):
                remove_temporaries(folder)
        if failed_write is not None:
            raise OutputFolderError(
                f"写入输出文件夹「{outdir}」失败（{failed_write.strerror or failed_write}），已停止；"
                "已完成的结果已保存，腾出空间或修正权限后重新运行即可继续"
            ) from failed_write
        known = {key: record for key, record in stored.items() if key in done_keys and record is not None}
        rows = attention_order(_current_rows(outdir, dict(keyed), keyed_by, attempted, known))
        try:
            write_summaries(outdir, rows, load_rubric(options.rubric))
        except OSError as exc:
            raise OutputFolderError(f"写入汇总表到「{outdir}」失败（{exc.strerror or exc}）") from exc
    reviewed = {key for _, key in todo}
    summary = BatchSummary(
        done=sum(r.key in reviewed for r in rows),
        errors=sum(r.status == "error" for r in rows),
        skipped=skipped,
        seconds=round(time.monotonic() - start, 2),
        interrupted=interrupted,
        llm_failures=sum(bool(r.llm_error) for r in rows),
    )
    return rows, summary


def _load(path: Path) -> StoredRecord | None:
    try:
        return StoredRecord.model_validate_json(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None  # absent or unreadable: redone


def _current_rows(
    outdir: Path,
    start_keys: dict[Path, str],
    fingerprint: Callable[[Path], str],
    attempted: set[Path],
    known: dict[str, StoredRecord],
) -> list[BatchRow]:
    """Rows for the inputs as they are now: each file's current content looked up in the records.

    A file with no record for its current content was changed during the run if it was reviewed in it
    or its content differs from the start, else not reached yet (an interrupted run): no row until done.
    """
    rows = []
    for path, start_key in start_keys.items():
        key = file_key(path, fingerprint(path))
        record = known.get(key) or _load(outdir / ".records" / f"{key}.json")  # done records are not rewritten
        if record is None:
            if path in attempted or key != start_key:
                rows.append(BatchRow(file=str(path), status="error", message=CHANGED_SINCE, key=key))
        else:
            rows.append(row_from(path, key, record, record.name if record.result is not None else ""))
    return rows


def _store(outdir: Path, path: Path, record: BatchRecord) -> None:
    if record.key is None:
        return  # the file changed while it was read: nothing true to keep
    name = output_name(path, record.key)
    if record.result is not None:
        write_atomically(outdir / "reports" / f"{name}.json", render(record.result, "json"))
        # Each review links back to the batch's index.html, one folder up from reports/.
        review_html = render(record.result, "html", index_href="../index.html")
        write_atomically(outdir / "reports" / f"{name}.html", review_html)
    # The record is written last: it is what marks the content as done.
    stored = StoredRecord(
        file=str(path), name=name, status=record.status, result=record.result, message=record.message, key=record.key
    )
    write_atomically(outdir / ".records" / f"{record.key}.json", stored.model_dump_json())


# ------------------------------------------------------------------------------------ output folder


def probe_output_folder(outdir: Path, reports: int) -> None:
    """Before any work: the folder can be created and written, and has room for what is to be done."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=outdir, prefix=".probe-", suffix=".tmp") as probe:
            probe.write(b"x" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        raise OutputFolderError(
            f"无法写入输出文件夹「{outdir}」（{exc.strerror or exc}）；请用 -o 指定一个可写的文件夹"
        ) from exc
    need = BYTES_PER_REPORT * reports + 5_000_000
    free = shutil.disk_usage(outdir).free
    if free < need:
        raise OutputFolderError(
            f"输出文件夹「{outdir}」所在磁盘只剩约 {free / 1e6:.0f} MB，本次 {reports} 份报告约需 {need / 1e6:.0f} MB；"
            "请腾出空间或用 -o 指定其他位置"
        )


@contextlib.contextmanager
def batch_lock(outdir: Path) -> Iterator[None]:
    """One batch per output folder: a second one refuses, naming the running one. The lock is the
    kernel's (flock), so a killed batch leaves no stale lock behind, only a file the next one reuses."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        handle = open(outdir / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole batch
    except OSError as exc:
        raise OutputFolderError(
            f"无法写入输出文件夹「{outdir}」（{exc.strerror or exc}）；请用 -o 指定一个可写的文件夹"
        ) from exc
    try:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "另一个进程"
            raise OutputFolderError(
                f"输出文件夹「{outdir}」正被另一个批量任务使用（{holder}）；请等它结束，或用 -o 指定其他文件夹"
            )
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        handle.write(f"进程 {os.getpid()}，主机 {socket.gethostname()}，开始于 {started}，命令 {' '.join(sys.argv)}")
        handle.flush()
        _held_locks.append(handle.fileno())
        try:
            yield
        finally:
            _held_locks.remove(handle.fileno())
    finally:
        handle.close()  # releases the lock


def _try_lock(handle: TextIO) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: msvcrt locks the first byte
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


# ---------------------------------------------------------------------------------------- summaries

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet would read as a formula, made inert: a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


ColumnKind = Literal["file", "link", "status", "unit", "text", "number", "count", "note"]
Cell = str | int | float  # "" for nothing

SCORE_HEADER = "得分 / 已评满分"
PERCENT_HEADER = "折合百分制"
REFERENCE_ONLY = "（仅供参考）"  # after a score from a rubric for another kind of report
ERRORS_HEADER = "错误（按根因计）"
WARNINGS_HEADER = "警告（按根因计）"
REVIEW_HEADER = "审阅意见"
NOTE_HEADER = "说明"
LINK_TEXT = "打开"  # what summary.xlsx shows of a review link
# Widest a column grows in summary.xlsx, in widths of a digit (a CJK character counts two); beyond, it wraps.
# Chosen so that the seed batch's columns print across one A4 landscape page at about 3/4 size.
WIDTH_CAPS: dict[ColumnKind, int] = {
    "file": 30,
    "link": 10,
    "note": 36,
    "unit": 20,
    "text": 16,
    "status": 10,
    "number": 8,
    "count": 8,
}
LINE_POINTS = 15.0  # the height of one line of 11-point text in a row, in points


@dataclass(frozen=True)
class SummaryColumn:
    header: str
    kind: ColumnKind
    alert: bool = False  # a value other than nothing or 0 is shown in red


@dataclass(frozen=True)
class SummaryTable:
    """The summary as people read it, shared by summary.csv, summary.xlsx and index.html."""

    columns: list[SummaryColumn]
    cells: list[list[Cell]]

    def index(self, kind: ColumnKind) -> int:
        return next(n for n, c in enumerate(self.columns) if c.kind == kind)


def _points(value: float) -> str:
    return f"{value:g}"


# The columns every summary of reports opens with, the batch's and the workbench's export alike.
LEADING_COLUMNS = (
    SummaryColumn("文件", "file"),
    SummaryColumn(REVIEW_HEADER, "link"),  # the review: HTML relative to the output folder, or the workbench page
    SummaryColumn("状态", "status"),
    SummaryColumn("单位", "unit"),
    SummaryColumn("年度", "number"),
    SummaryColumn(SCORE_HEADER, "number"),
    SummaryColumn(PERCENT_HEADER, "number"),
    SummaryColumn(ERRORS_HEADER, "count", alert=True),
    SummaryColumn(WARNINGS_HEADER, "count"),
    SummaryColumn(NOTE_HEADER, "note"),
)


@dataclass(frozen=True)
class SummaryLine:
    """One report under LEADING_COLUMNS, as people read it."""

    file: str
    link: str  # where its review opens; "" for none
    status: str  # in Chinese
    unit: str
    year: int | None
    points: float | None  # the draft's, or as decided in the workbench
    assessed: float  # the full points of the items scored
    reviewed: bool  # its findings were counted
    errors: int  # root causes
    warnings: int
    note: str
    reference_only: bool = False  # scored with a rubric for another kind of report: not comparable

    def cells(self) -> list[Cell]:
        """得分 over the points of the items scored, and on 100; counts only for a reviewed file. A score
        for reference only is text marked so, which a spreadsheet does not sort among the numbers."""
        scored = self.points is not None and bool(self.assessed)
        points = self.points or 0.0
        percent: Cell = round(points / self.assessed * 100, 1) if scored else ""
        mark = REFERENCE_ONLY if self.reference_only and scored else ""
        return [
            self.file,
            self.link,
            self.status,
            self.unit,
            "" if self.year is None else self.year,
            f"{_points(points)} / {_points(self.assessed)}{mark}" if scored else "",
            f"{percent}{mark}" if mark else percent,
            self.errors if self.reviewed else "",
            self.warnings if self.reviewed else "",
            self.note,
        ]


def summary_table(rows: list[BatchRow], rubric: Rubric) -> SummaryTable:
    """Chinese headers; 得分 over the points of the items scored, and on 100; counts by root cause.

    An item scored only from outside evidence has a column only when some report was given that evidence.
    """
    items = [i for i in rubric.items if not i.evidence or any(r.items.get(i.id) is not None for r in rows)]
    columns = [
        *LEADING_COLUMNS,
        *[SummaryColumn(f"{i.name}（{_points(i.points)}分）", "number") for i in items],
        SummaryColumn("评分方式", "text"),
    ]
    cells: list[list[Cell]] = []
    for r in rows:
        item_points = [r.items.get(i.id) for i in items]
        note = r.message if not r.llm_error else f"{r.message}（模型评分失败：{r.llm_error}）".lstrip()
        line = SummaryLine(
            file=r.file,
            link=r.report_html,
            status=STATUS_NAMES[r.status],
            unit=r.unit,
            year=r.year,
            points=r.total_points,
            assessed=r.assessed_max_points or 0.0,
            reviewed=r.status == "ok",
            errors=r.errors,
            warnings=r.warnings,
            note=note,
            reference_only=r.reference_only,
        )
        cells.append([*line.cells(), *["" if p is None else p for p in item_points], r.scorer])
    return SummaryTable(columns=columns, cells=cells)


def write_summaries(outdir: Path, rows: list[BatchRow], rubric: Rubric) -> None:
    table = summary_table(rows, rubric)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([csv_cell(_points(v) if isinstance(v, float) else v) for v in row] for row in table.cells)
    # A BOM makes Excel and WPS read the CSV as UTF-8 instead of the local code page.
    write_atomically(outdir / "summary.csv", "\ufeff".encode() + buffer.getvalue().encode("utf-8"))
    write_atomically(outdir / "summary.xlsx", summary_xlsx(table))
    counts = {name: sum(r.status == status for r in rows) for status, name in STATUS_NAMES.items()}
    write_atomically(
        outdir / "index.html",
        render_template("index.html.j2", table=table, counts=counts, STATUS_OK=STATUS_NAMES["ok"]),
    )


def cell_text(value: Cell) -> str:
    return _points(value) if isinstance(value, float) else str(value)


def column_widths(table: SummaryTable) -> list[int]:
    """Each column as wide as its widest value, and at least its header's longest word (before 「（」,
    around 「 / 」), within its kind's cap; two digits of padding."""
    widths = []
    for index, column in enumerate(table.columns):
        words = re.split(r"(?=（)| / ", column.header)
        widest = max(display_width(text) for text in [*words, *(cell_text(row[index]) for row in table.cells)])
        widths.append(min(widest, WIDTH_CAPS[column.kind]) + 2)
    return widths


def line_count(text: str, width: int) -> int:
    """How many lines a wrapped text takes in a column this wide (an estimate that errs on more)."""
    room = max(width - 2, 1)
    return max(1, sum(-(-display_width(line) // room) or 1 for line in text.splitlines() or [""]))


def summary_xlsx(summary: SummaryTable, sheet_title: str = "汇总") -> bytes:
    """The summary as a workbook (batch summary.xlsx, the workbench's export): columns as wide as their text
    (a CJK character counting two) within their kind's cap, wrapped text and row heights, the header frozen
    and filtered, links shown as a short word, printed A4 landscape one page wide with the header on each."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    # A link is a short word to click (a long file name as a link would not wrap in LibreOffice).
    link_column = summary.index("link")
    links = [str(row[link_column]) for row in summary.cells]
    table = SummaryTable(
        summary.columns,
        [[LINK_TEXT if n == link_column and v else v for n, v in enumerate(row)] for row in summary.cells],
    )
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append([c.header for c in table.columns])
    for row in table.cells:
        sheet.append([None if v == "" else v for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # openpyxl took a leading = as a formula: every cell here is data
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F3F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    numeric = {n for n, c in enumerate(table.columns, 1) if c.kind in ("number", "count")}
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            right = "right" if cell.column in numeric else None
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=right)
    widths = column_widths(table)
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    # Neither Excel nor LibreOffice fits a row to wrapped text it did not lay out itself: heights are set.
    header: list[Cell] = [c.header for c in table.columns]
    for number, texts in enumerate([header, *table.cells], 1):
        lines = max(line_count(cell_text(text), width) for text, width in zip(texts, widths, strict=True))
        sheet.row_dimensions[number].height = lines * LINE_POINTS
    for number, link in enumerate(links, 2):
        if link:  # relative to the workbook: the folder can be moved or shared as a whole
            cell = sheet.cell(row=number, column=link_column + 1)
            cell.hyperlink = link
            cell.style = "Hyperlink"
            cell.alignment = Alignment(vertical="top")
    last = get_column_letter(len(table.columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.3, footer=0.3)
    sheet.print_options.gridLines = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
