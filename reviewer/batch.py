"""Batch pre-screening: a folder of reports in one command, ranked, resumable, nothing lost.

Each input is reviewed in a worker process; its result is written atomically as soon as it is done,
under a key made of the file's content and the review options, so that a rerun (after Ctrl-C, a
crash or new files) skips what is done and redoes what changed. One broken file is one error row.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .errors import ReviewerError
from .files import write_atomically
from .render import render, render_template
from .review import ReviewOptions, ReviewResult, review_path

# Read directly (.docx, .docm, text, PDF) or converted by LibreOffice (.doc, .wps, .rtf, .odt); a file
# that cannot be read (no LibreOffice, scanned PDF, damaged) becomes an error row that says why.
REPORT_SUFFIXES = (".docx", ".docm", ".txt", ".doc", ".wps", ".rtf", ".odt", ".pdf")
LISTED_SUFFIXES = REPORT_SUFFIXES
_GLOB_CHARS = set("*?[")


BatchStatus = Literal["ok", "error", "not_a_report"]


class BatchRecord(BaseModel):
    """What a worker returns for one file, stored as it is done: the review, or why there is none."""

    model_config = ConfigDict(extra="forbid")

    status: BatchStatus
    result: ReviewResult | None = None
    message: str = ""  # why the file could not be reviewed, in Chinese


class StoredRecord(BatchRecord):
    """A record on disk, with the file it is about and the name of its per-report outputs."""

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
    errors: int = 0
    warnings: int = 0
    items: dict[str, float | None] = Field(default_factory=dict)
    message: str = ""
    report: str = ""  # the per-report JSON, relative to the output folder
    key: str = ""


class BatchSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done: int
    errors: int
    skipped: int
    seconds: float
    interrupted: bool = False


def collect_inputs(inputs: Iterable[str], exclude: Path | None = None) -> list[Path]:
    """Files, folders (recursive) and globs; every .docx and .txt in a folder, any file named directly."""
    found: dict[Path, None] = {}
    excluded = exclude.resolve() if exclude else None
    for item in inputs:
        if _GLOB_CHARS & set(item):
            candidates = [Path(p) for p in sorted(glob.glob(item, recursive=True))]
        elif Path(item).is_dir():
            candidates = sorted(p for p in Path(item).rglob("*") if p.suffix.lower() in LISTED_SUFFIXES)
        else:
            candidates = [Path(item)]
        for path in candidates:
            if path.name.startswith(("~$", ".")) or (path.is_dir()):
                continue  # Word's lock files and hidden files are not reports
            if excluded and excluded in path.resolve().parents:
                continue
            found.setdefault(path, None)
    return list(found)


def options_fingerprint(options: ReviewOptions) -> str:
    data = options.model_dump(mode="json", exclude={"llm": {"api_key"}})
    return f"{__version__}:{json.dumps(data, sort_keys=True, ensure_ascii=False)}"


def file_key(path: Path, fingerprint: str) -> str:
    """Content, name and options: a changed file is redone, two copies of one file are two rows."""
    digest = hashlib.sha256(f"{fingerprint}\x1f{path}".encode())
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        digest.update(str(path).encode())  # unreadable: still one row, reported by the worker
    return digest.hexdigest()[:20]


def _worker_ignores_ctrl_c() -> None:
    # Ctrl-C reaches the whole process group; only the parent handles it, so that it can stop cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _process_pool(jobs: int) -> Executor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_worker_ignores_ctrl_c)


def _thread_pool(jobs: int) -> Executor:
    return ThreadPoolExecutor(max_workers=jobs)


def review_one(path: str, options_json: str) -> BatchRecord:
    """Worker: review one file; never raises (a broken file is a row, not a crash)."""
    options = ReviewOptions.model_validate_json(options_json)
    try:
        result = review_path(path, options)
        if result.status == "not_a_report":
            return BatchRecord(
                status="not_a_report", result=result, message=f"不是绩效自评报告：{result.status_reason}"
            )
        return BatchRecord(status="ok", result=result)
    except ReviewerError as exc:
        return BatchRecord(status="error", message=str(exc))
    except Exception as exc:  # a bug on one odd file must not cost the other 199
        return BatchRecord(status="error", message=f"内部错误（{type(exc).__name__}: {exc}），请反馈给开发者")


def _safe_name(path: Path) -> str:
    text = str(path).replace(os.sep, "__").replace(":", "")
    stem = text.rsplit(".", 1)[0] if "." in path.name else text
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)[:120]


def row_from(path: Path, key: str, record: BatchRecord, report_name: str) -> BatchRow:
    result = record.result
    if record.status == "not_a_report":  # flagged and sorted with the unreadable files
        return BatchRow(file=str(path), status="not_a_report", message=record.message, key=key)
    if record.status != "ok" or result is None:
        return BatchRow(file=str(path), status="error", message=record.message, key=key)
    serious = next((f for f in result.findings if f.severity == "error"), None) or next(
        (f for f in result.findings if f.severity == "warning"), None
    )
    return BatchRow(
        file=str(path),
        status="ok",
        unit=result.document.unit,
        year=result.document.year,
        total_points=result.total.points,
        errors=sum(f.severity == "error" for f in result.findings),
        warnings=sum(f.severity == "warning" for f in result.findings),
        items={i.id: i.points for i in result.items},
        message=serious.message if serious else "",
        report=report_name,
        key=key,
    )


def attention_order(rows: list[BatchRow]) -> list[BatchRow]:
    """Unreadable files first, then the most errors, then the most warnings, then the lowest score."""
    return sorted(
        rows,
        key=lambda r: (
            r.status == "ok",
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
    start = time.monotonic()
    files = collect_inputs(inputs, exclude=outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    records_dir = outdir / ".records"
    fingerprint = options_fingerprint(options)
    keyed = [(path, file_key(path, fingerprint)) for path in files]
    todo = [(p, k) for p, k in keyed if not (records_dir / f"{k}.json").exists()]
    skipped = len(keyed) - len(todo)
    progress = progress or Progress(len(todo))
    jobs = max(1, jobs or os.cpu_count() or 1)
    # LLM calls wait on the network, not the CPU: threads bounded by --jobs are the concurrency limit.
    factory = executor_factory or (_thread_pool if options.scorer == "llm" else _process_pool)
    interrupted = False
    options_json = options.model_dump_json()
    executor = factory(jobs)
    try:
        futures: dict[Future[BatchRecord], tuple[Path, str]] = {
            executor.submit(review_one, str(path), options_json): (path, key) for path, key in todo
        }
        for future in as_completed(futures):
            path, key = futures[future]
            record = future.result()
            _store(outdir, path, key, record)
            progress.update(record.status == "ok")
    except KeyboardInterrupt:
        interrupted = True
        executor.shutdown(wait=False, cancel_futures=True)
    finally:
        progress.close()
        if not interrupted:
            executor.shutdown(wait=True)
    rows = attention_order([_row(outdir, path, key) for path, key in keyed if (records_dir / f"{key}.json").exists()])
    write_summaries(outdir, rows)
    summary = BatchSummary(
        done=max(0, len(rows) - skipped),
        errors=sum(r.status == "error" for r in rows),
        skipped=skipped,
        seconds=round(time.monotonic() - start, 2),
        interrupted=interrupted,
    )
    return rows, summary


def _store(outdir: Path, path: Path, key: str, record: BatchRecord) -> None:
    name = f"{_safe_name(path)}-{key[:8]}"
    if record.result is not None:
        write_atomically(outdir / "reports" / f"{name}.json", render(record.result, "json"))
        write_atomically(outdir / "reports" / f"{name}.html", render(record.result, "html"))
    # The record is written last: it is what marks the file as done.
    stored = StoredRecord(file=str(path), name=name, status=record.status, result=record.result, message=record.message)
    write_atomically(outdir / ".records" / f"{key}.json", stored.model_dump_json())


def _row(outdir: Path, path: Path, key: str) -> BatchRow:
    record = StoredRecord.model_validate_json((outdir / ".records" / f"{key}.json").read_text("utf-8"))
    return row_from(path, key, record, f"reports/{record.name}.json" if record.status == "ok" else "")


def write_summaries(outdir: Path, rows: list[BatchRow]) -> None:
    item_ids = list(dict.fromkeys(i for r in rows for i in r.items))
    header = ["file", "status", "unit", "year", "total_points", "errors", "warnings", *item_ids, "message"]
    table = [
        [
            r.file,
            r.status,
            r.unit,
            r.year if r.year is not None else "",
            "" if r.total_points is None else r.total_points,
            r.errors,
            r.warnings,
            *["" if r.items.get(i) is None else r.items[i] for i in item_ids],
            r.message,
        ]
        for r in rows
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(table)
    # A BOM makes Excel and WPS read the CSV as UTF-8 instead of the local code page.
    write_atomically(outdir / "summary.csv", "\ufeff".encode() + buffer.getvalue().encode("utf-8"))
    write_atomically(outdir / "summary.xlsx", _xlsx(header, table))
    write_atomically(outdir / "index.html", render_template("index.html.j2", rows=rows, item_ids=item_ids))


def _xlsx(header: list[str], table: Sequence[Sequence[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(header)
    for row in table:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
