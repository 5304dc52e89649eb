"""Reviews in the background: a pool of worker processes fed by the store, so that the pages stay
responsive while a batch runs. Each job is the batch's `review_one` (a broken file is a row, never a
crash), plus the document as read, for the report view."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

from ..batch import BatchRecord, review_one, row_from
from ..review import ReviewOptions
from .store import ReportRecord, Store

ExecutorFactory = Callable[[int], Executor]


def review_stored(path: str, options_json: str) -> tuple[BatchRecord, str | None]:
    """Worker: the review record and, when it is a report, the document as read (JSON)."""
    record = review_one(path, options_json)
    if record.status != "ok":
        return record, None
    from ..read import read_report

    return record, read_report(path).model_dump_json()


def _warm_up() -> None:
    # Imports the review's modules (and its lexicon) in the worker before the first upload needs them.
    import reviewer.review  # noqa: F401


def process_pool(workers: int) -> Executor:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reviewer.batch", "reviewer.read"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def default_workers() -> int:
    # One core stays with the web server on a small machine.
    return max(1, (os.cpu_count() or 2) - 1)


class ReviewQueue:
    """Submits queued reports to the pool and stores each result as soon as it is done."""

    def __init__(
        self, store: Store, options: ReviewOptions, workers: int, executor_factory: ExecutorFactory | None = None
    ) -> None:
        self.store, self.options, self.workers = store, options, workers
        self._factory = executor_factory or process_pool
        self._options_json = options.model_dump_json()
        self._lock = threading.Lock()
        self._executor: Executor | None = None
        self._pending: set[str] = set()

    def start(self) -> None:
        """Start the pool, and requeue what a previous run left queued or running."""
        with self._lock:
            self._executor = self._factory(self.workers)
            self._executor.submit(_warm_up)
        for report in self.store.with_status("queued", "running"):
            self.submit(report)

    def stop(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def busy(self) -> int:
        with self._lock:
            return len(self._pending)

    def submit(self, report: ReportRecord) -> None:
        with self._lock:
            if self._executor is None or report.id in self._pending:
                return
            self._pending.add(report.id)
            path = str(self.store.file_path(report))
            future = self._executor.submit(review_stored, path, self._options_json)
        self.store.set_status(report.id, "running")
        future.add_done_callback(lambda done: self._finished(report.id, path, done))

    def _finished(self, report_id: str, path: str, future: Future[tuple[BatchRecord, str | None]]) -> None:
        try:
            if future.cancelled():
                return  # the server is stopping: the report stays queued for the next start
            try:
                record, document_json = future.result()
            except Exception as exc:  # the worker process died (memory, a crash in a library)
                record, document_json = BatchRecord(status="error", message=f"审阅进程异常退出（{exc}）"), None
                self._restart_pool()
            self.store_record(report_id, path, record, document_json)
        finally:
            with self._lock:
                self._pending.discard(report_id)

    def _restart_pool(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=False)
                self._executor = self._factory(self.workers)

    def store_record(self, report_id: str, path: str, record: BatchRecord, document_json: str | None) -> None:
        report = self.store.report(report_id)
        if report is None:
            return
        # People see the name they uploaded, never the generated one.
        message = record.message.replace(path, report.filename)
        result = record.result
        if result is not None:
            result = result.model_copy(
                update={"document": result.document.model_copy(update={"path": report.filename})}
            )
        record = record.model_copy(update={"message": message, "result": result})
        row = row_from(Path(report.filename), report.content_hash, record, report.id)
        unit = result.document.unit if result else ""
        year = result.document.year if result else None
        earlier = self.store.earlier_version(report.model_copy(update={"unit": unit, "year": year}))
        self.store.finish(
            report_id,
            status=record.status,
            message=message,
            result_json=result.model_dump_json() if result else None,
            document_json=document_json,
            row_json=row.model_dump_json(),
            unit=unit,
            year=year,
            previous_id=earlier.id if earlier else None,
        )
